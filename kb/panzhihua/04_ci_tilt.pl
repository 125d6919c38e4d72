% ===========================================================================
% 攀枝花市健全重特大疾病医疗保险和救助制度实施细则 — 第四章 大病保险倾斜支付
% ===========================================================================

% ---------------------------------------------------------------------------
% 第八条
% 「第八条 发挥基本医保主体保障功能，巩固大病保险减负功能，重特大疾病医疗保险
% 和救助按照“先保险后救助”的原则，严格执行基本医保支付范围和标准。对特困人员、
% 孤儿、低保对象统一执行起付线降低50％、报销比例提高5个百分点的倾斜支付政策。
% 对基本医保、大病保险等支付后个人医疗费用负担仍然较重的救助对象，按规定实施救
% 助，合力防范因病致贫返贫风险。」
% ---------------------------------------------------------------------------
provision(pzh_8_b, panzhihua, "第八条", "对特困人员、孤儿、低保对象统一执行起付线降低50％、报销比例提高5个百分点的倾斜支付政策。").

% 大病保险 covers inpatient and 门诊慢特病 costs (not 普通门诊).
program_for(panzhihua, critical_illness_tilt, inpatient, pzh_8_b).
program_for(panzhihua, critical_illness_tilt, chronic_outpatient, pzh_8_b).
benefit_rule(panzhihua, critical_illness_tilt, pzh_ci_tilt, pzh_8_b).
% pzh_core_objects: 特困人员、孤儿、低保对象 — one set, named by each rule that serves them.
category_set(pzh_core_objects, tekun, pzh_8_b).
category_set(pzh_core_objects, orphan, pzh_8_b).
category_set(pzh_core_objects, dibao, pzh_8_b).
rule_categories(pzh_ci_tilt, pzh_core_objects, pzh_8_b).
param(pzh_ci_tilt, ci_deductible_cut, exact, 50, percent, pzh_8_b).
param(pzh_ci_tilt, ci_rate_raise, exact, 5, percentage_points, pzh_8_b).

non_computational(panzhihua, "第八条", "“先保险后救助”（支付顺序见第三十条payment_order）及“对负担仍然较重的救助对象按规定实施救助”为原则性表述；大病保险倾斜已编码为critical_illness_tilt（金额已含在大病保险支付中），救助标准见第九条至第十三条。").
