% 江苏省《关于健全重特大疾病医疗保险和救助制度的实施意见（征求意见稿）》
% Region jiangsu (江苏省, 320000). Source text: kb/sources/jiangsu.txt.
%
% This is a provincial document: it sets floors and ceilings for the 设区市, which
% each fix their own 起付标准、救助比例、救助限额 (四（六）). Every figure encoded here
% is therefore a bound (min/max) except where the document itself fixes the value
% (一类不设起付标准; 特困人员、孤儿、事实无人抚养儿童 100%; 一类全额资助参保).
% The document is a draft (征求意见稿) and carries no document number.
%
% Files follow the document's order:
%   00_document.pl   标题、前言 (header, metadata, outline)
%   01_general.pl    一、总体要求
%   02_recipients.pl 二、科学确定医疗救助对象范围       二（一）
%   03_three_systems.pl 三、强化三重制度综合保障       三（二）（三）
%   04_assistance.pl 四、夯实医疗救助托底保障           四（四）—（八）
%   05_prevention.pl 五、建立健全防范和化解因病致贫返贫长效机制 五（九）（十）
%   06_social.pl     六、积极引导社会力量参与救助保障   六（十一）（十二）
%   07_administration.pl 七、规范经办管理服务          七（十三）—（十五）
%   08_organisation.pl 八、强化组织保障               八（十六）—（十九）
%   09_closing.pl    结语 (施行日期与废止)

% ---------------------------------------------------------------------------
% 标题
% 「关于健全重特大疾病医疗保险和救助制度的实施意见（征求意见稿）」
% ---------------------------------------------------------------------------
provision(js_0_title, jiangsu, "标题", "关于健全重特大疾病医疗保险和救助制度的实施意见（征求意见稿）").

interpretation(i_js_docno, jiangsu, "无文号的文件以标题作文号",
    "本件为征求意见稿，未编文号；为便于引用，以“江苏省”加文件标题作为文号。",
    js_0_title).

document(jiangsu, "江苏省关于健全重特大疾病医疗保险和救助制度的实施意见（征求意见稿）",
    "关于健全重特大疾病医疗保险和救助制度的实施意见（征求意见稿）",
    province, 320000, "江苏省", i_js_docno).
region_alias(jiangsu, "江苏", js_0_title).
document_status(jiangsu, draft, js_0_title).

% ---------------------------------------------------------------------------
% 前言
% 「各市、县（市、区）人民政府，省各委办厅局，省各直属单位：做好重特大疾病医疗保
%   障，是进一步减轻困难群众和大病患者医疗费用负担、防范因病致贫返贫、筑牢民生保
%   障底线的重要举措。为贯彻落实《国务院办公厅关于健全重特大疾病医疗保险和救助制
%   度的意见》（国办发〔2021〕42号）精神，经省政府同意，结合我省实际，提出
%   以下实施意见。」
% ---------------------------------------------------------------------------
provision(js_0_pre, jiangsu, "前言", "为贯彻落实《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）精神").
implements(jiangsu, "国办发〔2021〕42号", js_0_pre).
reference(jiangsu, ref_js_gbf_2021_42,
    "《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）",
    not_in_base, js_0_pre).

% ---------------------------------------------------------------------------
% Outline: every clause of the document, in order. The part headings 二、…八、
% carry no text of their own (their clauses are listed); 一、总体要求 has text.
% ---------------------------------------------------------------------------
outline(jiangsu, 1, "标题", "关于健全重特大疾病医疗保险和救助制度的实施意见（征求意见稿）").
outline(jiangsu, 2, "前言", "主送机关与制定依据").
outline(jiangsu, 3, "一", "总体要求").
outline(jiangsu, 4, "二（一）", "及时精准确定救助对象").
outline(jiangsu, 5, "三（二）", "确保困难群众应保尽保").
outline(jiangsu, 6, "三（三）", "促进三重制度互补衔接").
outline(jiangsu, 7, "四（四）", "增强医疗救助制度公平性").
outline(jiangsu, 8, "四（五）", "明确救助费用保障范围").
outline(jiangsu, 9, "四（六）", "合理确定基本救助水平").
outline(jiangsu, 10, "四（七）", "统筹完善托底保障措施").
outline(jiangsu, 11, "四（八）", "特殊情形处置").
outline(jiangsu, 12, "五（九）", "强化高额医疗费用支出预警监测").
outline(jiangsu, 13, "五（十）", "依申请落实综合保障政策").
outline(jiangsu, 14, "六（十一）", "发展壮大慈善救助").
outline(jiangsu, 15, "六（十二）", "鼓励商业补充医疗保险和医疗互助").
outline(jiangsu, 16, "七（十三）", "加快推进一体化经办").
outline(jiangsu, 17, "七（十四）", "优化救助申请审核程序").
outline(jiangsu, 18, "七（十五）", "提高综合服务管理水平").
outline(jiangsu, 19, "八（十六）", "加强组织领导").
outline(jiangsu, 20, "八（十七）", "加强部门协同").
outline(jiangsu, 21, "八（十八）", "加强基金预算管理").
outline(jiangsu, 22, "八（十九）", "加强基层能力建设").
outline(jiangsu, 23, "结语", "施行日期与废止").
