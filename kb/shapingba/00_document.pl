% medaid knowledge base — 重庆市沙坪坝区
% 沙府办发〔2023〕61号 重庆市沙坪坝区人民政府办公室关于印发《关于健全重特大疾病医疗保险和
% 救助制度的实施方案》的通知（2023年8月14日）
%
% Source text: kb/sources/shapingba.txt. Provision ids: spb_ + the document's numbering
% (spb_2_3_1 = 二（三）1.), suffixes _a, _b … split one clause into several quotes.
% Interpretation ids: i_spb_… .
%
% Files follow the document's order:
%   00_document.pl  通知、前言, the outline, document-level facts
%   01_general.pl   一、总体要求
%   02_tasks.pl     二、重点任务 （一）至（六）
%   03_measures.pl  三、保障措施 （一）至（四）

% ---------------------------------------------------------------------------
% Outline: every clause of the document, in order (the coverage index).
% ---------------------------------------------------------------------------
outline(shapingba, 1, "通知", "重庆市沙坪坝区人民政府办公室关于印发《关于健全重特大疾病医疗保险和救助制度的实施方案》的通知").
outline(shapingba, 2, "前言", "关于健全重特大疾病医疗保险和救助制度的实施方案").
outline(shapingba, 3, "一", "总体要求").
outline(shapingba, 4, "二", "重点任务").
outline(shapingba, 5, "二（一）", "确定医疗救助对象范围").
outline(shapingba, 6, "二（二）", "强化三重制度综合保障").
outline(shapingba, 7, "二（二）1", "确保困难群众应保尽保").
outline(shapingba, 8, "二（二）2", "促进三重制度互补衔接").
outline(shapingba, 9, "二（三）", "夯实医疗救助托底保障").
outline(shapingba, 10, "二（三）1", "特殊疾病医疗救助").
outline(shapingba, 11, "二（三）2", "大额费用医疗救助").
outline(shapingba, 12, "二（三）3", "倾斜救助").
outline(shapingba, 13, "二（四）", "建立健全防范和化解因病致贫返贫长效机制").
outline(shapingba, 14, "二（五）", "积极引导慈善等社会力量参与救助保障").
outline(shapingba, 15, "二（六）", "优化经办流程和综合服务管理").
outline(shapingba, 16, "三", "保障措施").
outline(shapingba, 17, "三（一）", "加强组织领导").
outline(shapingba, 18, "三（二）", "加强部门协同").
outline(shapingba, 19, "三（三）", "加强基金预算管理").
outline(shapingba, 20, "三（四）", "加强基层能力建设").

% ---------------------------------------------------------------------------
% 通知
% 「重庆市沙坪坝区人民政府办公室关于印发《关于健全重特大疾病医疗保险和救助制度的实施方案》
%  的通知 沙府办发〔2023〕61号 各镇人民政府、各街道办事处，区级各部门，各管委会，有关单位：
%  《关于健全重特大疾病医疗保险和救助制度的实施方案》已经区政府第52次常务会议审议通过，现印发
%  给你们，请认真贯彻执行。重庆市沙坪坝区人民政府办公室 2023年8月14日 （此件公开发布）」
% ---------------------------------------------------------------------------
provision(spb_0_a, shapingba, "通知", "重庆市沙坪坝区人民政府办公室关于印发《关于健全重特大疾病医疗保险和救助制度的实施方案》的通知沙府办发〔2023〕61号").
provision(spb_0_b, shapingba, "通知", "重庆市沙坪坝区人民政府办公室2023年8月14日").

document(shapingba, "沙府办发〔2023〕61号", "关于健全重特大疾病医疗保险和救助制度的实施方案", district, "500106", "重庆市沙坪坝区", spb_0_a).
region_alias(shapingba, "沙坪坝区", spb_0_a).
region_alias(shapingba, "沙坪坝", spb_0_a).

% The document states no 施行日期 and no 有效期; only the issue date.
interpretation(i_spb_in_force, shapingba, "自印发之日起施行、长期有效",
    "文件未写明施行日期和有效期，仅有印发日期2023年8月14日；medaid按印发之日起施行、未设终止日期处理", spb_0_b).
in_force(shapingba, 20230814, 99991231, i_spb_in_force).

% ---------------------------------------------------------------------------
% 前言
% 「为贯彻落实《重庆市人民政府办公厅关于健全重特大疾病医疗保险和救助制度的实施意见》
%  （渝府办发〔2022〕116号），巩固拓展医疗保障脱贫攻坚成果，进一步减轻困难群众和大病患者医疗
%  费用负担，结合我区实际，特制定本方案。」
% ---------------------------------------------------------------------------
provision(spb_pre, shapingba, "前言", "为贯彻落实《重庆市人民政府办公厅关于健全重特大疾病医疗保险和救助制度的实施意见》（渝府办发〔2022〕116号）").

implements(shapingba, "渝府办发〔2022〕116号", spb_pre).
reference(shapingba, ref_spb_cq116, "《重庆市人民政府办公厅关于健全重特大疾病医疗保险和救助制度的实施意见》（渝府办发〔2022〕116号）", not_in_base, spb_pre).

% ---------------------------------------------------------------------------
% Document-level readings (no single clause states them).
% ---------------------------------------------------------------------------

% Multiple identities. The document has NO clause on a person holding several identities
% (no 就高/不重复 sentence anywhere). medaid applies the best treatment once, which is the
% principle of the parent document 渝府办发〔2022〕116号 (not in the knowledge base). FLAG: this is
% medaid's reading, not a sentence of 沙府办发〔2023〕61号.
interpretation(i_spb_precedence, shapingba, "多重身份就高不重复",
    "本文件未规定同时具有多种救助对象身份时如何享受待遇；medaid按上位文件渝府办发〔2022〕116号的就高原则处理：取待遇最高的一种身份，不重复享受（上位文件未入库，此为推定）", spb_pre).
precedence(shapingba, highest, i_spb_precedence).
