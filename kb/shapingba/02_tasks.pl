% medaid knowledge base — 沙府办发〔2023〕61号 二、重点任务

% ---------------------------------------------------------------------------
% 二、重点任务
% 「二、重点任务」（章标题，正文见（一）至（六））
% ---------------------------------------------------------------------------
non_computational(shapingba, "二", "章标题，无正文；待遇和条件见二（一）至二（六）").

% ---------------------------------------------------------------------------
% 二（一）确定医疗救助对象范围
% 「低保对象、特困人员、低保边缘家庭成员、返贫致贫人口、纳入监测范围的农村易返贫致贫人口
%  （脱贫不稳定户、边缘易致贫户、因病因灾因意外事故等刚性支出较大或收入大幅缩减导致基本生活
%  出现严重困难户即突发严重困难户），以及不符合低保、特困人员救助供养或低保边缘家庭条件，但因
%  高额医疗费用支出导致家庭基本生活出现严重困难的大病患者（以下称因病致贫重病患者）。
%  对不属于上述医疗救助对象范围的其他特殊困难人员，按沙坪坝区既往政策规定继续实施救助。」
% ---------------------------------------------------------------------------
provision(spb_2_1_a, shapingba, "二（一）", "低保对象、特困人员、低保边缘家庭成员、返贫致贫人口、纳入监测范围的农村易返贫致贫人口").
provision(spb_2_1_b, shapingba, "二（一）", "纳入监测范围的农村易返贫致贫人口（脱贫不稳定户、边缘易致贫户、因病因灾因意外事故等刚性支出较大或收入大幅缩减导致基本生活出现严重困难户即突发严重困难户）").
provision(spb_2_1_c, shapingba, "二（一）", "不符合低保、特困人员救助供养或低保边缘家庭条件，但因高额医疗费用支出导致家庭基本生活出现严重困难的大病患者（以下称因病致贫重病患者）").
provision(spb_2_1_d, shapingba, "二（一）", "对不属于上述医疗救助对象范围的其他特殊困难人员，按沙坪坝区既往政策规定继续实施救助").

% The six 救助对象, in the document's order (the recognising departments are in 三（二）).
category_term(shapingba, dibao, "低保对象", spb_2_1_a).
category_term(shapingba, tekun, "特困人员", spb_2_1_a).
category_term(shapingba, dibao_edge, "低保边缘家庭成员", spb_2_1_a).
category_term(shapingba, returned_poor, "返贫致贫人口", spb_2_1_a).
category_term(shapingba, monitored, "纳入监测范围的农村易返贫致贫人口", spb_2_1_a).
category_term(shapingba, illness_poor, "因病致贫重病患者", spb_2_1_c).
category_order(shapingba, dibao, 1, spb_2_1_a).
category_order(shapingba, tekun, 2, spb_2_1_a).
category_order(shapingba, dibao_edge, 3, spb_2_1_a).
category_order(shapingba, returned_poor, 4, spb_2_1_a).
category_order(shapingba, monitored, 5, spb_2_1_a).
category_order(shapingba, illness_poor, 6, spb_2_1_c).

% The parenthesis lists the three kinds of household that make up the monitored group:
% a person of any of them holds `monitored` for every rule below.
category_term(shapingba, unstable_exit, "脱贫不稳定户", spb_2_1_b).
category_term(shapingba, edge_risk, "边缘易致贫户", spb_2_1_b).
category_term(shapingba, sudden_hardship, "突发严重困难户", spb_2_1_b).
subkind(shapingba, unstable_exit, monitored, spb_2_1_b).
subkind(shapingba, edge_risk, monitored, spb_2_1_b).
subkind(shapingba, sudden_hardship, monitored, spb_2_1_b).

% 其他特殊困难人员: outside the six, assisted under earlier 沙坪坝 rules that are not named
% and not in the base. Every assistance program is delegated to them (→ unresolved).
% No department is named for them: see i_spb_other_hardship_dept.
interpretation(i_spb_other_hardship_dept, shapingba, "其他特殊困难人员的认定主体",
    "二（一）只说按沙坪坝区既往政策规定继续实施救助，未写明认定部门，三（二）也未分工；medaid记为区人民政府（县级以上人民政府）按既往政策认定", spb_2_1_d).
category_term(shapingba, other_hardship, "其他特殊困难人员", spb_2_1_d).
recognises(shapingba, other_hardship, local_government, i_spb_other_hardship_dept).
reference(shapingba, ref_spb_prior_policy, "沙坪坝区既往政策规定", unnamed, spb_2_1_d).
delegated(shapingba, special_disease, other_hardship, "沙坪坝区既往政策规定", spb_2_1_d).
delegated(shapingba, large_expense, other_hardship, "沙坪坝区既往政策规定", spb_2_1_d).
delegated(shapingba, tilt, other_hardship, "沙坪坝区既往政策规定", spb_2_1_d).

% "其他救助对象" in 二（三）1 and 二（三）3 — which categories?
interpretation(i_spb_other_objects, shapingba, "“其他救助对象”的范围",
    "二（三）1、3中“其他救助对象”指二（一）第一段所列六类救助对象中除低保对象、特困人员、返贫致贫人口以外的三类：低保边缘家庭成员、纳入监测范围的农村易返贫致贫人口、因病致贫重病患者；不含第二段“不属于上述医疗救助对象范围”的其他特殊困难人员", spb_2_1_a).

% ---------------------------------------------------------------------------
% 二（二）强化三重制度综合保障
% 「（二）强化三重制度综合保障」（节标题，正文见1、2）
% ---------------------------------------------------------------------------
non_computational(shapingba, "二（二）", "节标题，无正文；见二（二）1、2").

% ---------------------------------------------------------------------------
% 二（二）1 确保困难群众应保尽保
% 「1．确保困难群众应保尽保。全面落实城乡居民基本医保参保财政补助政策，对个人缴费确有困难的
%  群众给予分类资助。救助对象参加城乡居民基本医保一档的，对特困人员按照个人缴费标准给予全额
%  资助，对低保对象按照90%给予定额资助，对返贫致贫人口、纳入监测范围的农村易返贫致贫人口和
%  低保边缘家庭成员按照70%给予定额资助；救助对象自愿参加城乡居民基本医保二档的，统一按照参加
%  城乡居民基本医保一档个人缴费标准的100%给予资助。适应人口流动和参保需求变化，按照救助对象
%  认定地资助参保原则，做好救助对象参保缴费工作，确保其及时参保、应保尽保。」
% ---------------------------------------------------------------------------
provision(spb_2_2_1_a, shapingba, "二（二）1", "救助对象参加城乡居民基本医保一档的，对特困人员按照个人缴费标准给予全额资助").
provision(spb_2_2_1_b, shapingba, "二（二）1", "对低保对象按照90%给予定额资助").
provision(spb_2_2_1_c, shapingba, "二（二）1", "对返贫致贫人口、纳入监测范围的农村易返贫致贫人口和低保边缘家庭成员按照70%给予定额资助").
provision(spb_2_2_1_d, shapingba, "二（二）1", "救助对象自愿参加城乡居民基本医保二档的，统一按照参加城乡居民基本医保一档个人缴费标准的100%给予资助").
provision(spb_2_2_1_e, shapingba, "二（二）1", "按照救助对象认定地资助参保原则，做好救助对象参保缴费工作").

program_for(shapingba, premium_subsidy, premium, spb_2_2_1_a).

% Tier 1 (一档): 特困 全额, 低保 90%, 返贫致贫/监测/低保边缘 70% of the tier-1 individual
% contribution ("个人缴费标准" of the tier the person joined, i.e. tier 1).
benefit_rule(shapingba, premium_subsidy, spb_prem1_tekun, spb_2_2_1_a).
rule_category(spb_prem1_tekun, tekun, spb_2_2_1_a).
rule_condition(spb_prem1_tekun, scheme(resident_tier1), spb_2_2_1_a).
param(spb_prem1_tekun, rate, exact, 100, percent_of(resident_tier1_contribution), spb_2_2_1_a).
derived(spb_prem1_tekun, rate, "全额资助 = 一档个人缴费标准的100%", spb_2_2_1_a).

benefit_rule(shapingba, premium_subsidy, spb_prem1_dibao, spb_2_2_1_b).
rule_category(spb_prem1_dibao, dibao, spb_2_2_1_b).
rule_condition(spb_prem1_dibao, scheme(resident_tier1), spb_2_2_1_a).
param(spb_prem1_dibao, rate, exact, 90, percent_of(resident_tier1_contribution), spb_2_2_1_b).

benefit_rule(shapingba, premium_subsidy, spb_prem1_70, spb_2_2_1_c).
rule_category(spb_prem1_70, returned_poor, spb_2_2_1_c).
rule_category(spb_prem1_70, monitored, spb_2_2_1_c).
rule_category(spb_prem1_70, dibao_edge, spb_2_2_1_c).
rule_condition(spb_prem1_70, scheme(resident_tier1), spb_2_2_1_a).
param(spb_prem1_70, rate, exact, 70, percent_of(resident_tier1_contribution), spb_2_2_1_c).

% GAP (flagged): 因病致贫重病患者 is a 救助对象 (二（一）) but the tier-1 list names no subsidy
% for them, while the tier-2 sentence ("救助对象…统一…100%") covers every 救助对象. Encoded as
% written: tier 1 → not_eligible; tier 2 → 100% of the tier-1 contribution.
interpretation(i_spb_illness_poor_premium, shapingba, "因病致贫重病患者参加一档无资助",
    "二（二）1对参加一档的救助对象逐类列明资助比例，未列因病致贫重病患者；二档一句则对全部救助对象统一按一档个人缴费标准的100%资助。medaid按原文：一档不资助，二档资助100%（由此参加二档反而获得更多资助，属文件疏漏，提请核实）", spb_2_2_1_a).

% Tier 2 (二档, voluntary): every 救助对象, 100% of the TIER-1 individual contribution.
benefit_rule(shapingba, premium_subsidy, spb_prem2, spb_2_2_1_d).
rule_category(spb_prem2, dibao, spb_2_2_1_d).
rule_category(spb_prem2, tekun, spb_2_2_1_d).
rule_category(spb_prem2, dibao_edge, spb_2_2_1_d).
rule_category(spb_prem2, returned_poor, spb_2_2_1_d).
rule_category(spb_prem2, monitored, spb_2_2_1_d).
rule_category(spb_prem2, illness_poor, spb_2_2_1_d).
rule_condition(spb_prem2, scheme(resident_tier2), spb_2_2_1_d).
param(spb_prem2, rate, exact, 100, percent_of(resident_tier1_contribution), spb_2_2_1_d).

% 认定地资助参保: the subsidy follows the place of recognition, not of residence or insurance.
interpretation(i_spb_premium_place, shapingba, "按认定地资助参保",
    "二（二）1规定按照救助对象认定地资助参保；medaid把案例所属区域视为认定地，对在沙坪坝区认定的救助对象适用本文件资助标准，不论其在何处参保缴费", spb_2_2_1_e).

% ---------------------------------------------------------------------------
% 二（二）2 促进三重制度互补衔接
% 「2．促进三重制度互补衔接。发挥基本医保主体保障功能，严格执行基本医保支付范围和标准，实施
%  公平适度保障；增强大病保险减负功能，特困人员、低保对象和返贫致贫人口大病保险起付线降低
%  50%，报销比例提高5个百分点，不设封顶线；夯实医疗救助托底保障功能，按照“先保险后救助”的
%  原则，对基本医保、大病保险等支付后个人医疗费用负担仍然较重的救助对象按规定实施救助，合力
%  防范因病致贫返贫风险。」
% ---------------------------------------------------------------------------
provision(spb_2_2_2_a, shapingba, "二（二）2", "特困人员、低保对象和返贫致贫人口大病保险起付线降低50%，报销比例提高5个百分点，不设封顶线").
provision(spb_2_2_2_b, shapingba, "二（二）2", "按照“先保险后救助”的原则，对基本医保、大病保险等支付后个人医疗费用负担仍然较重的救助对象按规定实施救助").

% 大病保险 in Chongqing pays on inpatient stays and on 门诊特殊疾病 costs; the tilt follows it.
interpretation(i_spb_ci_claim_kinds, shapingba, "大病保险倾斜适用的费用",
    "二（二）2未写明费用类别；重庆大病保险对住院和门诊特殊疾病（门诊慢特病）费用支付，medaid对这两类费用标示大病保险倾斜", spb_2_2_2_a).
program_for(shapingba, critical_illness_tilt, inpatient, i_spb_ci_claim_kinds).
program_for(shapingba, critical_illness_tilt, chronic_outpatient, i_spb_ci_claim_kinds).
benefit_rule(shapingba, critical_illness_tilt, spb_ci, spb_2_2_2_a).
rule_category(spb_ci, tekun, spb_2_2_2_a).
rule_category(spb_ci, dibao, spb_2_2_2_a).
rule_category(spb_ci, returned_poor, spb_2_2_2_a).
param(spb_ci, ci_deductible_cut, exact, 50, percent, spb_2_2_2_a).
param(spb_ci, ci_rate_raise, exact, 5, percentage_points, spb_2_2_2_a).
param(spb_ci, ci_cap, unlimited, 0, fen, spb_2_2_2_a).

% 先保险后救助: basic insurance, then 大病保险, then assistance.
payment_order(shapingba, 1, basic, spb_2_2_2_b).
payment_order(shapingba, 2, critical_illness, spb_2_2_2_b).
payment_order(shapingba, 3, assistance, spb_2_2_2_b).

% ---------------------------------------------------------------------------
% 二（三）夯实医疗救助托底保障
% 「（三）夯实医疗救助托底保障」（节标题，正文见1至3）
% ---------------------------------------------------------------------------
% GAP (flagged): the section defines only 特殊疾病救助, 大额费用救助 and 倾斜救助. There is NO
% ordinary inpatient assistance (普通住院救助) and NO ordinary outpatient assistance (普通门诊救助):
% a 救助对象 with an ordinary disease gets nothing from the assistance fund for a stay costing
% 3万元 or less, or below level 2, or for any ordinary outpatient care, until the yearly
% residual passes the tilt threshold (二（三）3). medaid therefore states no program_for for
% the programs `inpatient` and `outpatient`.
non_computational(shapingba, "二（三）", "节标题，无正文；本节只设特殊疾病、大额费用、倾斜三项救助，未设普通门诊救助和普通住院救助").

% ---------------------------------------------------------------------------
% 二（三）1 特殊疾病医疗救助
% 「1．特殊疾病医疗救助。救助对象患特殊疾病，在定点医药机构发生住院费用或门诊治疗费用的，
%  经基本医保、大病保险报销后的政策范围内费用，按比例给予救助。其中，对低保对象、特困人员、
%  返贫致贫人口按80%的比例救助，对其他救助对象按60%的比例救助。门诊和住院救助共用年度救助
%  限额，年度救助限额10万元。」
% ---------------------------------------------------------------------------
provision(spb_2_3_1_a, shapingba, "二（三）1", "救助对象患特殊疾病，在定点医药机构发生住院费用或门诊治疗费用的，经基本医保、大病保险报销后的政策范围内费用，按比例给予救助").
provision(spb_2_3_1_b, shapingba, "二（三）1", "对低保对象、特困人员、返贫致贫人口按80%的比例救助，对其他救助对象按60%的比例救助").
provision(spb_2_3_1_c, shapingba, "二（三）1", "门诊和住院救助共用年度救助限额，年度救助限额10万元").

% "特殊疾病" is not defined here: the Chongqing-wide catalogue applies.
interpretation(i_spb_catalog, shapingba, "特殊疾病目录",
    "重庆市26类特殊疾病目录（渝北府办发〔2025〕2号 二（五）所列的全市统一目录）同样适用于沙坪坝区；本文件二（三）1只称“特殊疾病”而未列病种", spb_2_3_1_a).
uses_catalog(shapingba, chongqing, i_spb_catalog).

% No 起付标准 is stated for 特殊疾病 or 大额费用 assistance.
interpretation(i_spb_no_deductible, shapingba, "特殊疾病和大额费用救助不设起付标准",
    "二（三）1、2只规定对经基本医保、大病保险报销后的政策范围内费用按比例救助，未规定起付标准；medaid按起付标准为0计算", spb_2_3_1_a).

% "门诊治疗费用" — both ordinary outpatient claims and 门诊慢特病 claims.
interpretation(i_spb_outpatient_kinds, shapingba, "门诊费用包括普通门诊和门诊慢特病",
    "二（三）1“门诊治疗费用”和二（三）3“门诊和住院救助”未区分普通门诊与门诊慢特病；medaid对两类门诊费用均适用", spb_2_3_1_a).

program_for(shapingba, special_disease, inpatient, spb_2_3_1_a).
program_for(shapingba, special_disease, chronic_outpatient, i_spb_outpatient_kinds).
program_for(shapingba, special_disease, outpatient, i_spb_outpatient_kinds).

% 80%: 低保对象、特困人员、返贫致贫人口.
benefit_rule(shapingba, special_disease, spb_sd_a, spb_2_3_1_b).
% spb_named_objects: 低保对象、特困人员、返贫致贫人口 — one set, named by each rule below that serves them.
category_set(spb_named_objects, dibao, spb_2_3_1_b).
category_set(spb_named_objects, tekun, spb_2_3_1_b).
category_set(spb_named_objects, returned_poor, spb_2_3_1_b).
rule_categories(spb_sd_a, spb_named_objects, spb_2_3_1_b).
rule_condition(spb_sd_a, special_disease, spb_2_3_1_a).
param(spb_sd_a, rate, exact, 80, percent, spb_2_3_1_b).
param(spb_sd_a, deductible, exact, 0, fen, i_spb_no_deductible).
param(spb_sd_a, cap, exact, 10000000, fen, spb_2_3_1_c).

% 60%: 其他救助对象 (i_spb_other_objects).
benefit_rule(shapingba, special_disease, spb_sd_b, spb_2_3_1_b).
% spb_other_objects: 低保边缘家庭成员、纳入监测范围的农村易返贫致贫人口、因病致贫重病患者 — one set, named by each rule below that serves them.
category_set(spb_other_objects, dibao_edge, i_spb_other_objects).
category_set(spb_other_objects, monitored, i_spb_other_objects).
category_set(spb_other_objects, illness_poor, i_spb_other_objects).
rule_categories(spb_sd_b, spb_other_objects, i_spb_other_objects).
rule_condition(spb_sd_b, special_disease, spb_2_3_1_a).
param(spb_sd_b, rate, exact, 60, percent, spb_2_3_1_b).
param(spb_sd_b, deductible, exact, 0, fen, i_spb_no_deductible).
param(spb_sd_b, cap, exact, 10000000, fen, spb_2_3_1_c).
% 门诊和住院救助共用年度救助限额: both rules use the default pool, the program special_disease,
% which spans inpatient, chronic_outpatient and outpatient claims — one 10万元 cap per year.

% ---------------------------------------------------------------------------
% 二（三）2 大额费用医疗救助
% 「2．大额费用医疗救助。救助对象患特殊疾病以外的其他疾病，在二级及以上医疗机构一次性住院发生
%  医保政策范围内费用超过3万元的，经基本医保、大病保险报销后的政策范围内费用，按特殊疾病的
%  救助比例给予救助。年度救助限额6万元。」
% ---------------------------------------------------------------------------
provision(spb_2_3_2_a, shapingba, "二（三）2", "救助对象患特殊疾病以外的其他疾病，在二级及以上医疗机构一次性住院发生医保政策范围内费用超过3万元的").
provision(spb_2_3_2_b, shapingba, "二（三）2", "经基本医保、大病保险报销后的政策范围内费用，按特殊疾病的救助比例给予救助").
provision(spb_2_3_2_c, shapingba, "二（三）2", "年度救助限额6万元").

interpretation(i_spb_over_strict, shapingba, "“超过3万元”不含本数",
    "二（三）2“一次性住院发生医保政策范围内费用超过3万元”：按一次住院的政策范围内总费用（基本医保报销前）判断，恰为3万元的不符合，须大于3万元", spb_2_3_2_a).

program_for(shapingba, large_expense, inpatient, spb_2_3_2_a).

benefit_rule(shapingba, large_expense, spb_le_a, spb_2_3_2_b).
rule_categories(spb_le_a, spb_named_objects, spb_2_3_2_b).
rule_condition(spb_le_a, ordinary_disease, spb_2_3_2_a).
rule_condition(spb_le_a, level_min(2), spb_2_3_2_a).
rule_condition(spb_le_a, cost_over(3000000), i_spb_over_strict).
param(spb_le_a, rate, exact, 80, percent, spb_2_3_2_b).
derived(spb_le_a, rate, "按特殊疾病的救助比例（二（三）1）：低保对象、特困人员、返贫致贫人口80%", spb_2_3_2_b).
param(spb_le_a, deductible, exact, 0, fen, i_spb_no_deductible).
param(spb_le_a, cap, exact, 6000000, fen, spb_2_3_2_c).

benefit_rule(shapingba, large_expense, spb_le_b, spb_2_3_2_b).
rule_categories(spb_le_b, spb_other_objects, i_spb_other_objects).
rule_condition(spb_le_b, ordinary_disease, spb_2_3_2_a).
rule_condition(spb_le_b, level_min(2), spb_2_3_2_a).
rule_condition(spb_le_b, cost_over(3000000), i_spb_over_strict).
param(spb_le_b, rate, exact, 60, percent, spb_2_3_2_b).
derived(spb_le_b, rate, "按特殊疾病的救助比例（二（三）1）：其他救助对象60%", spb_2_3_2_b).
param(spb_le_b, deductible, exact, 0, fen, i_spb_no_deductible).
param(spb_le_b, cap, exact, 6000000, fen, spb_2_3_2_c).
% One 6万元 cap per year shared by both rules (default pool: the program large_expense).

% ---------------------------------------------------------------------------
% 二（三）3 倾斜救助
% 「3．倾斜救助。对规范转诊且在市内就医的救助对象，经三重制度综合保障后政策范围内的自付费用，
%  累计超过上年乡村振兴部门确定的监测标准以上的费用，按以下比例给予倾斜救助。其中，对低保对象、
%  特困人员、返贫致贫人口按80%的比例给予倾斜救助，对其他救助对象按60%的比例给予倾斜救助。
%  门诊和住院救助共用年度救助限额，年度救助限额2万元。」
% ---------------------------------------------------------------------------
provision(spb_2_3_3_a, shapingba, "二（三）3", "对规范转诊且在市内就医的救助对象，经三重制度综合保障后政策范围内的自付费用，累计超过上年乡村振兴部门确定的监测标准以上的费用，按以下比例给予倾斜救助").
provision(spb_2_3_3_b, shapingba, "二（三）3", "对低保对象、特困人员、返贫致贫人口按80%的比例给予倾斜救助，对其他救助对象按60%的比例给予倾斜救助").
provision(spb_2_3_3_c, shapingba, "二（三）3", "门诊和住院救助共用年度救助限额，年度救助限额2万元").

% 市内: Chongqing is a province-level municipality; 市内 is the whole municipality, which is
% also the whole "province". Scopes of a Chongqing district's case map as follows.
interpretation(i_spb_municipality, shapingba, "重庆市为直辖市：市内即省内",
    "重庆为直辖市，“市内就医”指在重庆市行政区域内就医；区内、市内（市域内）、省内均在市内，市外（省外）不在；重庆基本医保为市级统筹，市内即统筹区内", spb_2_3_3_a).
within(shapingba, in_district, district, i_spb_municipality).
within(shapingba, in_district, city, i_spb_municipality).
within(shapingba, in_district, province, i_spb_municipality).
within(shapingba, in_city, city, i_spb_municipality).
within(shapingba, in_city, province, i_spb_municipality).
within(shapingba, in_province, city, i_spb_municipality).
within(shapingba, in_province, province, i_spb_municipality).
% out_of_province is within nothing.

% The residual, its yearly accumulation and the threshold.
interpretation(i_spb_tilt_base, shapingba, "倾斜救助的累计自付和起算点",
    "“经三重制度综合保障后政策范围内的自付费用”指基本医保、大病保险和本文件其他医疗救助（特殊疾病、大额费用）支付后的剩余自付；“累计”按自然年度累计规范转诊且在市内就医的费用；“超过上年乡村振兴部门确定的监测标准以上的费用”即以监测标准的100%为起算点，只对超出部分救助；监测标准数额由案例参数monitoring_income_standard提供（文件未列数额）", spb_2_3_3_a).

program_for(shapingba, tilt, inpatient, spb_2_3_3_c).
program_for(shapingba, tilt, chronic_outpatient, i_spb_outpatient_kinds).
program_for(shapingba, tilt, outpatient, spb_2_3_3_c).

benefit_rule(shapingba, tilt, spb_tilt_a, spb_2_3_3_b).
rule_categories(spb_tilt_a, spb_named_objects, spb_2_3_3_b).
rule_condition(spb_tilt_a, properly_referred, spb_2_3_3_a).
rule_condition(spb_tilt_a, within(city), spb_2_3_3_a).
param(spb_tilt_a, threshold, exact, 100, percent_of(monitoring_income_standard), i_spb_tilt_base).
derived(spb_tilt_a, threshold, "超过上年监测标准以上的费用：起算点 = 100% × 上年乡村振兴部门确定的监测标准", spb_2_3_3_a).
param(spb_tilt_a, rate, exact, 80, percent, spb_2_3_3_b).
param(spb_tilt_a, cap, exact, 2000000, fen, spb_2_3_3_c).

benefit_rule(shapingba, tilt, spb_tilt_b, spb_2_3_3_b).
rule_categories(spb_tilt_b, spb_other_objects, i_spb_other_objects).
rule_condition(spb_tilt_b, properly_referred, spb_2_3_3_a).
rule_condition(spb_tilt_b, within(city), spb_2_3_3_a).
param(spb_tilt_b, threshold, exact, 100, percent_of(monitoring_income_standard), i_spb_tilt_base).
derived(spb_tilt_b, threshold, "超过上年监测标准以上的费用：起算点 = 100% × 上年乡村振兴部门确定的监测标准", spb_2_3_3_a).
param(spb_tilt_b, rate, exact, 60, percent, spb_2_3_3_b).
param(spb_tilt_b, cap, exact, 2000000, fen, spb_2_3_3_c).
% 门诊和住院救助共用年度救助限额: one 2万元 pool per year, the program tilt (default pool).

% ---------------------------------------------------------------------------
% 二（四）建立健全防范和化解因病致贫返贫长效机制
% 「实施医疗救助对象信息动态管理，健全因病致贫返贫预警机制，发挥民政、医保、乡村振兴等部门
%  信息监测平台作用，做好因病致贫返贫预警风险监测，重点监测经基本医保、大病保险等支付后个人
%  年度医疗费用负担仍然较重的特困人员、低保对象、低保边缘家庭成员和农村易返贫致贫人口，做到
%  及时预警。加强民政、卫生健康、医保、乡村振兴等部门间信息共享和核查比对，协同做好风险研判
%  和处置。加强对监测人群的动态管理，符合条件的及时纳入救助范围，做到精准救助。」
% ---------------------------------------------------------------------------
provision(spb_2_4_a, shapingba, "二（四）", "做好因病致贫返贫预警风险监测，重点监测经基本医保、大病保险等支付后个人年度医疗费用负担仍然较重的特困人员、低保对象、低保边缘家庭成员和农村易返贫致贫人口，做到及时预警").
% The watched groups are named, the line is not: the warning asks for the named
% parameter warning_threshold (预警监测标准, 元). 农村易返贫致贫人口 without
% 纳入监测范围: the ontology's monitored group and its subkinds.
warning(shapingba, spb_warn, exact, 100, percent_of(warning_threshold), i_spb_warning_threshold).
warning_name(spb_warn, "因病致贫返贫预警").
warning_category(spb_warn, tekun, spb_2_4_a).
warning_category(spb_warn, dibao, spb_2_4_a).
warning_category(spb_warn, dibao_edge, spb_2_4_a).
warning_category(spb_warn, monitored, spb_2_4_a).
warning_category(spb_warn, unstable_exit, spb_2_4_a).
warning_category(spb_warn, edge_risk, spb_2_4_a).
warning_category(spb_warn, sudden_hardship, spb_2_4_a).
warning_self_pay(spb_warn, after_insurance, i_spb_warn_self_pay).
interpretation(i_spb_warning_threshold, shapingba, "预警线由监测标准参数给出",
    "二（四）只列重点监测人群，未规定“负担仍然较重”的预警线数额或比例。medaid不自设阈值：预警线取参数 warning_threshold（预警监测标准，元）；未提供时报告缺少该参数，不判断是否预警。",
    spb_2_4_a).
interpretation(i_spb_warn_self_pay, shapingba, "预警按医疗救助前的个人负担计",
    "二（四）的“经基本医保、大病保险等支付后个人年度医疗费用负担”列举的是救助之前的支付环节，预警的目的是“符合条件的及时纳入救助范围”，故按医疗救助前计：当年各笔政策范围内费用减去基本医保、大病保险、补充保险支付后的合计（政策范围外自付未计入）。",
    spb_2_4_a).
non_computational(shapingba, "二（四）", "预警机制只列重点监测人群（特困人员、低保对象、低保边缘家庭成员、农村易返贫致贫人口），未规定“负担仍然较重”的预警线数额或比例：预警线须以参数 warning_threshold 提供（缺口）；信息共享、风险研判为工作要求").

% ---------------------------------------------------------------------------
% 二（五）积极引导慈善等社会力量参与救助保障
% 「健全引导社会力量参与减贫机制，鼓励商业健康保险和医疗互助发展，不断壮大慈善救助，形成对
%  基本医保的有益补充。支持开展职工医疗互助，规范互联网平台互助，加强风险管控，引导医疗互助
%  健康发展。开展基层工会临时医疗救助，对患重特大疾病导致基本生活暂时有严重困难的职工，按照
%  工会有关政策给予临时医疗救助。支持商业健康保险发展，促进普惠型商业补充医疗保险与基本医保
%  有效衔接，更好覆盖基本医保以外的保障需求。鼓励慈善组织和其他社会组织设立大病救助项目，支持
%  慈善组织依法开展助医类公开募捐慈善活动，发挥补充救助作用。慈善组织应依法公开慈善医疗救助
%  捐赠款物使用信息，推行阳光救助。支持医疗救助领域社会工作服务和志愿服务发展，丰富救助服务
%  内容。」
% ---------------------------------------------------------------------------
provision(spb_2_5, shapingba, "二（五）", "对患重特大疾病导致基本生活暂时有严重困难的职工，按照工会有关政策给予临时医疗救助").
reference(shapingba, ref_spb_union_policy, "工会有关政策（基层工会临时医疗救助）", unnamed, spb_2_5).
non_computational(shapingba, "二（五）", "倡导社会力量、慈善和商业健康保险参与；工会临时医疗救助按未具名的工会有关政策执行，不在医疗救助基金待遇之内，无可计算的待遇").

% ---------------------------------------------------------------------------
% 二（六）优化经办流程和综合服务管理
% 「落实救助服务事项清单，推动基本医保和医疗救助服务融合，继续落实参保人员基本医保、大病保险、
%  医疗救助“一站式”服务。完善定点医药机构医疗救助服务内容，医疗救助与基本医保定点医药机构
%  同步定点，强化定点医药机构费用管控主体责任。加强对救助对象就医行为的引导，推行基层首诊，
%  规范转诊，促进合理就医。按照安全有效、经济适宜、救助基本的原则，引导医疗救助对象和定点医药
%  机构优先选择纳入基本医保支付范围的药品、医用耗材和诊疗项目，严控不合理费用支出。经基层首诊
%  转诊的特困人员、低保对象在区内定点医疗机构住院，实行“先诊疗后付费”，全面免除其住院押金。
%  做好异地就医，异地安置和异地转诊救助对象登记备案、就医结算，按规范转诊的救助对象，执行救助
%  对象认定地区救助标准。未按规定转诊的救助对象，所发生的医疗费用原则上不纳入医疗救助范围。
%  加强医疗救助基金监管，保持打击欺诈骗保高压态势，确保医疗救助基金安全高效、合理使用。」
% ---------------------------------------------------------------------------
provision(spb_2_6_a, shapingba, "二（六）", "经基层首诊转诊的特困人员、低保对象在区内定点医疗机构住院，实行“先诊疗后付费”，全面免除其住院押金").
provision(spb_2_6_b, shapingba, "二（六）", "按规范转诊的救助对象，执行救助对象认定地区救助标准").
provision(spb_2_6_c, shapingba, "二（六）", "未按规定转诊的救助对象，所发生的医疗费用原则上不纳入医疗救助范围").

% 先诊疗后付费: 特困人员、低保对象, referred from primary care, inpatient in the district.
program_for(shapingba, deposit_exemption, inpatient, spb_2_6_a).
benefit_rule(shapingba, deposit_exemption, spb_deposit, spb_2_6_a).
rule_category(spb_deposit, tekun, spb_2_6_a).
rule_category(spb_deposit, dibao, spb_2_6_a).
rule_condition(spb_deposit, referral(primary_care), spb_2_6_a).
rule_condition(spb_deposit, within(district), spb_2_6_a).

% 认定地标准: a properly referred person treated elsewhere keeps 沙坪坝's standards.
interpretation(i_spb_recognition_place, shapingba, "异地转诊执行认定地标准",
    "按规范转诊到异地就医的救助对象执行认定地（沙坪坝区）救助标准；medaid以案例所属区域为认定地，按本文件计算，不论就医地点", spb_2_6_b).

% 未按规定转诊…原则上不纳入: the sentence sits in the passage on 异地就医/异地转诊 and states
% no area. medaid reads it as excluding unreferred care outside the coordinating area; for a
% Chongqing district that area is the municipality (i_spb_municipality), so only unreferred care
% outside Chongqing is excluded. FLAG: read literally the sentence would exclude ALL unreferred
% care, even in the district; and "原则上" leaves room for exceptions the document does not name.
interpretation(i_spb_referral_scope, shapingba, "未按规定转诊不纳入救助的适用范围",
    "该句位于异地就医、异地安置和异地转诊一段之中，未写明地域；medaid理解为未按规定转诊到统筹区（重庆市）以外就医的费用不纳入医疗救助，市内就医不因未转诊而排除；“原则上”所留例外文件未列，medaid不予适用", spb_2_6_c).
referral_exclusion(shapingba, spb_2_6_c).
