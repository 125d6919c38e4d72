% 沧州市 — 沧政办规〔2022〕7号
% 沧州市人民政府办公室关于印发沧州市健全重特大疾病医疗保险和救助制度实施方案的通知
% 《沧州市健全重特大疾病医疗保险和救助制度的实施方案》
%
% Literate encoding: each clause's verbatim text (whitespace removed) in a comment
% block, then the provisions quoted from it and the facts that cite them.
% Files follow the document's order:
%   00_document.pl      通知、前言、落款 (metadata) and the outline of every clause
%   01_general.pl       一、总体要求
%   02_assistance.pl    二、强化医疗救助托底保障功能 (对象、资助参保、救助水平、倾斜救助、范围)
%   03_insurance.pl     三、提升三重制度综合保障能力 (大病保险倾斜)
%   04_monitoring.pl    四、防范和化解因病致贫返贫监测帮扶机制 (双预警)
%   05_charity.pl       五、慈善等社会力量
%   06_service.pl       六、经办管理服务 (免押金、转诊)
%   07_organisation.pl  七、组织保障 (认定部门)
%
% Extra predicate used in this folder only (not in kb/README.md):
%   fund_pooling(R, Level, FromDate, Cite) — the level at which the assistance fund
%   is pooled from a date on (一（二）: 2023年1月1日 市级统筹). Informational only:
%   no core rule reads it.

% ---------------------------------------------------------------------------
% Outline: every clause of the document, in order (the coverage index).
% ---------------------------------------------------------------------------
outline(cangzhou, 1, "通知", "关于印发沧州市健全重特大疾病医疗保险和救助制度实施方案的通知").
outline(cangzhou, 2, "前言", "沧州市健全重特大疾病医疗保险和救助制度的实施方案").
outline(cangzhou, 3, "一（一）", "指导思想").
outline(cangzhou, 4, "一（二）", "主要目标").
outline(cangzhou, 5, "二（一）", "明确医疗救助对象范围").
outline(cangzhou, 6, "二（二）", "规范分类参保资助政策").
outline(cangzhou, 7, "二（三）", "合理确定基本救助水平").
outline(cangzhou, 8, "二（四）", "完善托底救助保障措施").
outline(cangzhou, 9, "二（五）", "规范救助费用保障范围").
outline(cangzhou, 10, "三（一）", "确保困难群众应保尽保").
outline(cangzhou, 11, "三（二）", "增强基本医疗保险保障功能").
outline(cangzhou, 12, "三（三）", "提高大病保险保障水平").
outline(cangzhou, 13, "四（一）", "建立因病致贫和因病返贫双预警机制").
outline(cangzhou, 14, "四（二）", "建立依申请救助帮扶机制").
outline(cangzhou, 15, "五（一）", "引导慈善救助积极参与").
outline(cangzhou, 16, "五（二）", "鼓励医疗互助和商业健康保险发展").
outline(cangzhou, 17, "六（一）", "全面推进一体化经办").
outline(cangzhou, 18, "六（二）", "优化救助申请审核程序").
outline(cangzhou, 19, "六（三）", "提高综合服务水平").
outline(cangzhou, 20, "七（一）", "强化组织领导").
outline(cangzhou, 21, "七（二）", "凝聚工作合力").
outline(cangzhou, 22, "七（三）", "强化基金预算管理").
outline(cangzhou, 23, "七（四）", "加强基层能力建设").
outline(cangzhou, 24, "落款", "抄报、抄送与印发日期").

% ---------------------------------------------------------------------------
% 通知　关于印发沧州市健全重特大疾病医疗保险和救助制度实施方案的通知
% 「沧州市人民政府办公室沧政办规〔2022〕7号沧州市人民政府办公室关于印发沧
% 州市健全重特大疾病医疗保险和救助制度实施方案的通知各县（市、区）人民政府，渤
% 海新区、开发区、高新区管委会，市政府有关部门，有关单位：《沧州市健全重特大疾
% 病医疗保险和救助制度的实施方案》已经市政府同意，现印发给你们，请认真贯彻执行
% 。（此件公开发布）」
% ---------------------------------------------------------------------------
provision(cz_notice_a, cangzhou, "通知", "沧政办规〔2022〕7号").
provision(cz_notice_b, cangzhou, "通知", "《沧州市健全重特大疾病医疗保险和救助制度的实施方案》已经市政府同意，现印发给你们，请认真贯彻执行。").

document(cangzhou, "沧政办规〔2022〕7号", "沧州市健全重特大疾病医疗保险和救助制度的实施方案", city, "130900", "沧州市", cz_notice_a).
region_alias(cangzhou, "沧州", cz_notice_b).

% ---------------------------------------------------------------------------
% 前言　沧州市健全重特大疾病医疗保险和救助制度的实施方案
% 「沧州市健全重特大疾病医疗保险和救助制度的实施方案为贯彻落实《河北省人民政府
% 办公厅关于健全重特大疾病医疗保险和救助制度的实施意见》（冀政办字〔2021〕
% 157号），做好重特大疾病医疗保障工作，防范因病致贫返贫，巩固拓展医疗保障脱
% 贫攻坚成果，不断增强人民群众获得感、幸福感、安全感，结合我市实际，制定本实施
% 方案。」
% ---------------------------------------------------------------------------
provision(cz_pre, cangzhou, "前言", "为贯彻落实《河北省人民政府办公厅关于健全重特大疾病医疗保险和救助制度的实施意见》（冀政办字〔2021〕157号）").

implements(cangzhou, "冀政办字〔2021〕157号", cz_pre).
reference(cangzhou, ref_cz_ji_2021_157, "《河北省人民政府办公厅关于健全重特大疾病医疗保险和救助制度的实施意见》（冀政办字〔2021〕157号）", not_in_base, cz_pre).

% ---------------------------------------------------------------------------
% 落款　抄报、抄送与印发日期
% 「抄报：市委、市人大、市政协有关领导抄送：省重点工作大督查第八督查组、市重点
% 工作大督查办公室沧州市人民政府办公室2022年5月16日印（共印40份）」
% ---------------------------------------------------------------------------
provision(cz_sign, cangzhou, "落款", "2022年5月16日印").

% The document states no 施行日期 and no 有效期. medaid uses the print date.
interpretation(i_cz_in_force, cangzhou, "施行日期", "文件未载明施行日期和有效期，以落款“2022年5月16日印”作为生效日，未设终止日期", cz_sign).
in_force(cangzhou, 20220516, 99991231, i_cz_in_force).
