% medaid knowledge base — 重庆市渝北区
% 渝北府办发〔2025〕2号 重庆市渝北区人民政府办公室关于进一步加强医疗救助工作的通知
%
% Source text: kb/sources/yubei.txt. Provision ids: yb_ + the document's numbering
% (yb_2_4 = 二（四）, yb_2_1_2 = 二（一）2), suffixes _a, _b … split one clause into several
% quotes. Interpretation ids: i_yb_… (and i_cq_catalog for the municipal disease list).
%
% Files follow the document's order:
%   00_document.pl  通知、前言, the outline, document-level facts
%   01_scope.pl     一、医疗救助对象范围
%   02_policy.pl    二、医疗救助政策 （一）至（六）, with the Chongqing special-disease catalogue
%   03_service.pl   三、推行“一站式”医疗救助服务
%   04_funds.pl     四、规范和强化医疗救助资金管理
%   05_measures.pl  五、保障措施

% ---------------------------------------------------------------------------
% Outline: every clause of the document, in order (the coverage index).
% ---------------------------------------------------------------------------
outline(yubei, 1, "通知", "重庆市渝北区人民政府办公室关于进一步加强医疗救助工作的通知").
outline(yubei, 2, "前言", "为保障困难群众基本医疗权益……现就加强医疗救助工作通知如下").
outline(yubei, 3, "一", "医疗救助对象范围").
outline(yubei, 4, "一（一）", "民政部门认定的救助对象").
outline(yubei, 5, "一（二）", "退役军人事务部门认定的救助对象").
outline(yubei, 6, "一（三）", "残联认定的救助对象").
outline(yubei, 7, "一（四）", "农业农村部门认定的救助对象").
outline(yubei, 8, "二", "医疗救助政策").
outline(yubei, 9, "二（一）", "全额资助参保").
outline(yubei, 10, "二（一）1", "享受国家定期抚恤补助的烈士遗属等参加居民医保二档或职工医保").
outline(yubei, 11, "二（一）2", "特困人员等参加居民医保一档、二档或职工医保").
outline(yubei, 12, "二（二）", "定额资助参保").
outline(yubei, 13, "二（二）1", "低保对象参加居民医保一档").
outline(yubei, 14, "二（二）2", "低保边缘家庭成员等参加居民医保一档").
outline(yubei, 15, "二（三）", "普通疾病门诊医疗救助").
outline(yubei, 16, "二（四）", "普通疾病住院医疗救助").
outline(yubei, 17, "二（五）", "重特大疾病医疗救助").
outline(yubei, 18, "二（六）", "大额费用医疗救助").
outline(yubei, 19, "三", "推行“一站式”医疗救助服务").
outline(yubei, 20, "三（一）", "医疗救助对象身份“一站式”认证").
outline(yubei, 21, "三（二）", "城乡居民医保参保“一站式”资助").
outline(yubei, 22, "三（三）", "医疗救助待遇“一站式”结算").
outline(yubei, 23, "四", "规范和强化医疗救助资金管理").
outline(yubei, 24, "四（一）", "医疗救助资金筹集").
outline(yubei, 25, "四（二）", "医疗救助账户管理").
outline(yubei, 26, "四（三）", "医疗救助资金拨付").
outline(yubei, 27, "五", "保障措施").
outline(yubei, 28, "五（一）", "加强组织领导").
outline(yubei, 29, "五（二）", "加强部门协同").
outline(yubei, 30, "五（三）", "加强基层能力建设").
outline(yubei, 31, "五（四）", "严肃工作纪律要求").

% ---------------------------------------------------------------------------
% 通知
% 「重庆市渝北区人民政府办公室 关于进一步加强医疗救助工作的通知 渝北府办发〔2025〕2号
%  各镇人民政府，区政府各部门，各街道办事处，有关单位：」
% ---------------------------------------------------------------------------
provision(yb_0, yubei, "通知", "重庆市渝北区人民政府办公室关于进一步加强医疗救助工作的通知渝北府办发〔2025〕2号").

document(yubei, "渝北府办发〔2025〕2号", "关于进一步加强医疗救助工作的通知", district, "500112", "重庆市渝北区", yb_0).
region_alias(yubei, "渝北区", yb_0).
region_alias(yubei, "渝北", yb_0).

% The text as extracted carries no 印发日期, no 施行日期 and no 有效期: only the year 2025 in the
% document number. FLAG: the start date is medaid's reading.
interpretation(i_yb_in_force, yubei, "自2025年1月1日起施行、长期有效",
    "文件文本未载明印发日期、施行日期和有效期，仅文号显示2025年；medaid按2025年1月1日起施行、未设终止日期处理", yb_0).
in_force(yubei, 20250101, 99991231, i_yb_in_force).

% ---------------------------------------------------------------------------
% 前言
% 「为保障困难群众基本医疗权益，提高困难群众医疗救助水平，根据《重庆市人民政府关于进一步完善
%  城乡医疗救助制度的意见》（渝府发〔2012〕78号）、《重庆市人民政府办公厅转发市民政局等部门
%  关于进一步完善医疗救助制度意见的通知》（渝府办发〔2015〕174号）、《重庆市人民政府办公厅关于
%  健全重特大疾病医疗保险和救助制度的实施意见》（渝府办发〔2022〕116号）、《关于印发重庆市巩固
%  拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略实施方案的通知》（渝医保发〔2021〕66号）、
%  《重庆市退役军人事务局等4部门关于印发重庆市优抚对象医疗保障实施办法的通知》（渝退役军人局
%  〔2022〕52号）等文件精神，结合我区实际，现就加强医疗救助工作通知如下：」
% ---------------------------------------------------------------------------
provision(yb_pre_a, yubei, "前言", "《重庆市人民政府关于进一步完善城乡医疗救助制度的意见》（渝府发〔2012〕78号）").
provision(yb_pre_b, yubei, "前言", "《重庆市人民政府办公厅转发市民政局等部门关于进一步完善医疗救助制度意见的通知》（渝府办发〔2015〕174号）").
provision(yb_pre_c, yubei, "前言", "《重庆市人民政府办公厅关于健全重特大疾病医疗保险和救助制度的实施意见》（渝府办发〔2022〕116号）").
provision(yb_pre_d, yubei, "前言", "《关于印发重庆市巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略实施方案的通知》（渝医保发〔2021〕66号）").
provision(yb_pre_e, yubei, "前言", "《重庆市退役军人事务局等4部门关于印发重庆市优抚对象医疗保障实施办法的通知》（渝退役军人局〔2022〕52号）").

% The municipal implementing opinion on 重特大疾病医疗保险和救助 is the parent this notice
% implements (the other four are earlier municipal rules it also relies on).
implements(yubei, "渝府办发〔2022〕116号", yb_pre_c).
reference(yubei, ref_yb_cq78, "《重庆市人民政府关于进一步完善城乡医疗救助制度的意见》（渝府发〔2012〕78号）", not_in_base, yb_pre_a).
reference(yubei, ref_yb_cq174, "《重庆市人民政府办公厅转发市民政局等部门关于进一步完善医疗救助制度意见的通知》（渝府办发〔2015〕174号）", not_in_base, yb_pre_b).
reference(yubei, ref_yb_cq116, "《重庆市人民政府办公厅关于健全重特大疾病医疗保险和救助制度的实施意见》（渝府办发〔2022〕116号）", not_in_base, yb_pre_c).
reference(yubei, ref_yb_cqyb66, "《关于印发重庆市巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略实施方案的通知》（渝医保发〔2021〕66号）", not_in_base, yb_pre_d).
reference(yubei, ref_yb_cqtyjr52, "《重庆市退役军人事务局等4部门关于印发重庆市优抚对象医疗保障实施办法的通知》（渝退役军人局〔2022〕52号）", not_in_base, yb_pre_e).
% 渝北府办电〔2011〕97号 (一（二）) and 渝北府办发〔2023〕37号 (二（五）、二（六）) are stated as
% references in the files of the clauses that name them.
