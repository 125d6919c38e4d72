% 沧政办规〔2022〕7号 二、强化医疗救助托底保障功能

% ---------------------------------------------------------------------------
% 二（一）　明确医疗救助对象范围
% 「（一）明确医疗救助对象范围。医疗救助公平覆盖医疗费用负担较重的困难职工和城
% 乡居民，根据救助对象类别实施分类救助。低保对象、特困人员、低保边缘家庭成员、
% 纳入监测范围的农村易返贫致贫人口，按规定给予救助。对不符合低保、特困人员救助
% 供养或低保边缘家庭条件，但因高额医疗费用支出导致家庭基本生活出现严重困难的大
% 病患者（以下称因病致贫重病患者），按规定给予一定救助。因病致贫重病患者认定条
% 件，按照省民政部门会同省医疗保障等相关部门制定的有关政策执行。脱贫人口、返贫
% 致贫人口、未纳入监测范围的农村易返贫致贫人口，按照我省巩固拓展医疗保障脱贫攻
% 坚成果有效衔接乡村振兴战略有关政策规定给予救助。县级以上政府规定的其他特殊困
% 难人员，按上述救助对象类别给予相应救助。」
% ---------------------------------------------------------------------------
provision(cz_2_1_a, cangzhou, "二（一）", "低保对象、特困人员、低保边缘家庭成员、纳入监测范围的农村易返贫致贫人口，按规定给予救助。").
provision(cz_2_1_b, cangzhou, "二（一）", "但因高额医疗费用支出导致家庭基本生活出现严重困难的大病患者（以下称因病致贫重病患者），按规定给予一定救助。").
provision(cz_2_1_c, cangzhou, "二（一）", "因病致贫重病患者认定条件，按照省民政部门会同省医疗保障等相关部门制定的有关政策执行。").
provision(cz_2_1_d, cangzhou, "二（一）", "脱贫人口、返贫致贫人口、未纳入监测范围的农村易返贫致贫人口，按照我省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定给予救助。").
provision(cz_2_1_e, cangzhou, "二（一）", "县级以上政府规定的其他特殊困难人员，按上述救助对象类别给予相应救助。").

% The document's own words for each category.
category_term(cangzhou, dibao, "低保对象", cz_2_1_a).
category_term(cangzhou, tekun, "特困人员", cz_2_1_a).
category_term(cangzhou, dibao_edge, "低保边缘家庭成员", cz_2_1_a).
category_term(cangzhou, monitored, "纳入监测范围的农村易返贫致贫人口", cz_2_1_a).
category_term(cangzhou, illness_poor, "因病致贫重病患者", cz_2_1_b).
category_term(cangzhou, lifted_poor, "脱贫人口", cz_2_1_d).
category_term(cangzhou, returned_poor, "返贫致贫人口", cz_2_1_d).
category_term(cangzhou, unmonitored_rural, "未纳入监测范围的农村易返贫致贫人口", cz_2_1_d).

% Rank in the document's list (就高 ties go to the category listed first).
% 1–5 are the 救助对象 proper; 6–8 the poverty-alleviation groups named after them.
category_order(cangzhou, dibao, 1, cz_2_1_a).
category_order(cangzhou, tekun, 2, cz_2_1_a).
category_order(cangzhou, dibao_edge, 3, cz_2_1_a).
category_order(cangzhou, monitored, 4, cz_2_1_a).
category_order(cangzhou, illness_poor, 5, cz_2_1_b).
category_order(cangzhou, lifted_poor, 6, cz_2_1_d).
category_order(cangzhou, returned_poor, 7, cz_2_1_d).
category_order(cangzhou, unmonitored_rural, 8, cz_2_1_d).

% Who recognises the five 救助对象: see 七（二） (07_organisation.pl). The three
% poverty-alleviation groups are not assigned a department anywhere; medaid reads
% them as identified by the 乡村振兴部门 (the department 七（二） charges with
% 农村易返贫致贫人口监测, and which 三（一） names beside 民政 for 资助参保名单).
interpretation(i_cz_poverty_dept, cangzhou, "脱贫人口等的认定部门", "文件未写明脱贫人口、返贫致贫人口、未纳入监测范围的农村易返贫致贫人口由哪个部门认定；按七（二）乡村振兴部门负责农村易返贫致贫人口监测、三（一）民政和乡村振兴部门报送资助参保对象名单，视为乡村振兴部门认定", cz_2_1_d).
recognises(cangzhou, lifted_poor, rural_revitalization, i_cz_poverty_dept).
recognises(cangzhou, returned_poor, rural_revitalization, i_cz_poverty_dept).
recognises(cangzhou, unmonitored_rural, rural_revitalization, i_cz_poverty_dept).

% 因病致贫重病患者: who qualifies is left to a provincial policy that is not named.
reference(cangzhou, ref_cz_illness_poor_criteria, "省民政部门会同省医疗保障等相关部门制定的因病致贫重病患者认定条件有关政策", unnamed, cz_2_1_c).

% 脱贫人口、返贫致贫人口、未纳入监测范围的农村易返贫致贫人口: their assistance
% (住院/门诊慢特病, 普通门诊, 倾斜救助) is decided by a provincial policy not in the
% base. (返贫致贫人口's 资助参保 and 大病保险倾斜 ARE stated here: 二（二）, 三（三）.)
reference(cangzhou, ref_cz_hebei_rural_revitalization, "我省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", unnamed, cz_2_1_d).
delegated(cangzhou, inpatient, lifted_poor, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).
delegated(cangzhou, outpatient, lifted_poor, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).
delegated(cangzhou, tilt, lifted_poor, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).
delegated(cangzhou, inpatient, returned_poor, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).
delegated(cangzhou, outpatient, returned_poor, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).
delegated(cangzhou, tilt, returned_poor, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).
delegated(cangzhou, inpatient, unmonitored_rural, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).
delegated(cangzhou, outpatient, unmonitored_rural, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).
delegated(cangzhou, tilt, unmonitored_rural, "河北省巩固拓展医疗保障脱贫攻坚成果有效衔接乡村振兴战略有关政策规定", cz_2_1_d).

% 其他特殊困难人员 have no treatment of their own: they are treated as whichever
% category above the county-level government classifies them into, so medaid
% records that category as their identity. No other_hardship facts on purpose.
interpretation(i_cz_other_hardship, cangzhou, "其他特殊困难人员", "县级以上政府规定的其他特殊困难人员“按上述救助对象类别给予相应救助”，不单设待遇；个案中按其被归入的类别（低保、特困、低保边缘等）录入身份", cz_2_1_e).

% ---------------------------------------------------------------------------
% 二（二）　规范分类参保资助政策
% 「（二）规范分类参保资助政策。全面落实城乡居民基本医保参保财政补助政策，对个
% 人缴费确有困难的群众按规定给予分类资助。特困人员给予全额资助，低保对象和返贫
% 致贫人口按不低于60%的比例给予定额资助。困难群众具有多重特殊身份属性的按就
% 高不就低的原则享受参保资助，不得重复资助。」
% ---------------------------------------------------------------------------
provision(cz_2_2_a, cangzhou, "二（二）", "全面落实城乡居民基本医保参保财政补助政策，对个人缴费确有困难的群众按规定给予分类资助。").
provision(cz_2_2_b, cangzhou, "二（二）", "特困人员给予全额资助，低保对象和返贫致贫人口按不低于60%的比例给予定额资助。").
provision(cz_2_2_c, cangzhou, "二（二）", "困难群众具有多重特殊身份属性的按就高不就低的原则享受参保资助，不得重复资助。").

% The subsidy is of the 城乡居民基本医保 individual contribution: one rule per
% resident tier (conditions are conjunctive); an employee-insured person gets none.
interpretation(i_cz_premium_resident, cangzhou, "资助参保限于城乡居民医保", "二（二）资助的是城乡居民基本医保个人缴费，按本人参保档次（一档或二档）的个人缴费标准计算；参加职工医保的不在资助范围", cz_2_2_a).
program_for(cangzhou, premium_subsidy, premium, cz_2_2_a).

% 特困人员: 全额资助 = 100% of the person's own tier's contribution.
benefit_rule(cangzhou, premium_subsidy, cz_prem_tekun_t1, cz_2_2_b).
rule_category(cz_prem_tekun_t1, tekun, cz_2_2_b).
rule_condition(cz_prem_tekun_t1, scheme(resident_tier1), i_cz_premium_resident).
param(cz_prem_tekun_t1, rate, exact, 100, percent_of(contribution), cz_2_2_b).
derived(cz_prem_tekun_t1, rate, "全额资助 = 个人缴费的100%", cz_2_2_b).

benefit_rule(cangzhou, premium_subsidy, cz_prem_tekun_t2, cz_2_2_b).
rule_category(cz_prem_tekun_t2, tekun, cz_2_2_b).
rule_condition(cz_prem_tekun_t2, scheme(resident_tier2), i_cz_premium_resident).
param(cz_prem_tekun_t2, rate, exact, 100, percent_of(contribution), cz_2_2_b).
derived(cz_prem_tekun_t2, rate, "全额资助 = 个人缴费的100%", cz_2_2_b).

% 低保对象、返贫致贫人口: 不低于60% — a floor only ("定额资助": the county fixes an
% amount at or above 60%); medaid reports the range 60%–100%.
benefit_rule(cangzhou, premium_subsidy, cz_prem_dibao_t1, cz_2_2_b).
rule_category(cz_prem_dibao_t1, dibao, cz_2_2_b).
rule_category(cz_prem_dibao_t1, returned_poor, cz_2_2_b).
rule_condition(cz_prem_dibao_t1, scheme(resident_tier1), i_cz_premium_resident).
param(cz_prem_dibao_t1, rate, min, 60, percent_of(contribution), cz_2_2_b).

benefit_rule(cangzhou, premium_subsidy, cz_prem_dibao_t2, cz_2_2_b).
rule_category(cz_prem_dibao_t2, dibao, cz_2_2_b).
rule_category(cz_prem_dibao_t2, returned_poor, cz_2_2_b).
rule_condition(cz_prem_dibao_t2, scheme(resident_tier2), i_cz_premium_resident).
param(cz_prem_dibao_t2, rate, min, 60, percent_of(contribution), cz_2_2_b).

% 就高不就低，不得重复资助 (also stated for assistance in 二（三）).
precedence(cangzhou, highest, cz_2_2_c).

% ---------------------------------------------------------------------------
% 二（三）　合理确定基本救助水平
% 「（三）合理确定基本救助水平。按救助对象类别，根据经济社会发展水平、医疗救助
% 基金支撑能力，合理设定年度救助起付标准（以下简称起付标准）、救助比例和救助限
% 额。特困人员、低保对象不设起付标准，低保边缘家庭成员起付标准按本市上年居民人
% 均可支配收入的10%左右确定（2022年度暂定为2700元），因病致贫重病患
% 者按25%左右确定（2022年度暂定为6700元）。在年度救助限额内，对低保
% 对象、特困人员符合规定的医疗费用按70%的比例救助，其他救助对象救助比例降低
% 3个百分点，年度累计救助限额为2万元。困难群众具有多重特殊身份属性的按就高不
% 就低的原则享受救助，不得重复救助。」
% ---------------------------------------------------------------------------
provision(cz_2_3_a, cangzhou, "二（三）", "按救助对象类别，根据经济社会发展水平、医疗救助基金支撑能力，合理设定年度救助起付标准（以下简称起付标准）、救助比例和救助限额。").
provision(cz_2_3_b, cangzhou, "二（三）", "特困人员、低保对象不设起付标准").
provision(cz_2_3_c, cangzhou, "二（三）", "低保边缘家庭成员起付标准按本市上年居民人均可支配收入的10%左右确定（2022年度暂定为2700元）").
provision(cz_2_3_d, cangzhou, "二（三）", "因病致贫重病患者按25%左右确定（2022年度暂定为6700元）").
provision(cz_2_3_e, cangzhou, "二（三）", "在年度救助限额内，对低保对象、特困人员符合规定的医疗费用按70%的比例救助").
provision(cz_2_3_f, cangzhou, "二（三）", "其他救助对象救助比例降低3个百分点，年度累计救助限额为2万元。").
provision(cz_2_3_g, cangzhou, "二（三）", "困难群众具有多重特殊身份属性的按就高不就低的原则享受救助，不得重复救助。").

% One set of 起付标准/比例/限额 per category, for 门诊 and 住院 alike. The
% document defines no separate outpatient figures: 二（四） pools 门诊 and 住院 under
% one yearly cap and 二（五） lists 门诊费用、住院费用、长期门诊治疗费用 as covered.
% So: program `inpatient` serves 住院 and 门诊慢特病 claims, program `outpatient`
% serves 普通门诊 claims with the same parameters, and every rule of both shares
% ONE yearly cap pool and ONE yearly deductible pool (cz_annual).
interpretation(i_cz_programs, cangzhou, "门诊与住院同一套救助参数", "二（三）只设一套年度起付标准、救助比例和年度救助限额，二（四）规定门诊和住院救助共用年度救助限额，二（五）将门诊费用、住院费用和长期门诊治疗费用列入救助范围；故住院与门诊慢性病、特殊疾病按同一规则救助，普通门诊适用同样参数，全部规则共用一个年度限额和一个年度起付标准", cz_2_5_a).
program_for(cangzhou, inpatient, inpatient, i_cz_programs).
program_for(cangzhou, inpatient, chronic_outpatient, i_cz_programs).
program_for(cangzhou, outpatient, outpatient, i_cz_programs).

% 就高不就低，不得重复救助.
precedence(cangzhou, highest, cz_2_3_g).

% ----- 住院 and 门诊慢性病、特殊疾病 (program inpatient) ---------------------
% 特困人员、低保对象: no deductible, 70%, 2万元 a year.
% 低保边缘家庭成员: deductible ≈10% of 本市上年居民人均可支配收入 (2022: 2700元), 67%.
% 因病致贫重病患者: deductible ≈25% (2022: 6700元), 67%.
% 纳入监测范围的农村易返贫致贫人口: 67%, 2万元; deductible NOT STATED (gap).
benefit_rule(cangzhou, inpatient, cz_inp_basic, cz_2_3_a).
rule_category(cz_inp_basic, tekun, cz_2_3_e).
rule_category(cz_inp_basic, dibao, cz_2_3_e).
param(cz_inp_basic, deductible, exact, 0, fen, cz_2_3_b).
param(cz_inp_basic, rate, exact, 70, percent, cz_2_3_e).
param(cz_inp_basic, cap, exact, 2000000, fen, cz_2_3_f).
cap_pool(cz_inp_basic, cz_annual, cz_2_4_a).
deductible_pool(cz_inp_basic, cz_annual, i_cz_programs).

benefit_rule(cangzhou, inpatient, cz_inp_edge, cz_2_3_a).
rule_category(cz_inp_edge, dibao_edge, cz_2_1_a).
param(cz_inp_edge, deductible, approx, 10, percent_of(per_capita_disposable_income), cz_2_3_c).
param_in_year(cz_inp_edge, deductible, 2022, 270000, fen, cz_2_3_c).
param(cz_inp_edge, rate, exact, 67, percent, cz_2_3_f).
derived(cz_inp_edge, rate, "67% = 70% − 3个百分点", cz_2_3_f).
derived_basis(cz_inp_edge, rate, cz_2_3_e).
param(cz_inp_edge, cap, exact, 2000000, fen, cz_2_3_f).
cap_pool(cz_inp_edge, cz_annual, cz_2_4_a).
deductible_pool(cz_inp_edge, cz_annual, i_cz_programs).

benefit_rule(cangzhou, inpatient, cz_inp_illness, cz_2_3_a).
rule_category(cz_inp_illness, illness_poor, cz_2_1_b).
param(cz_inp_illness, deductible, approx, 25, percent_of(per_capita_disposable_income), cz_2_3_d).
param_in_year(cz_inp_illness, deductible, 2022, 670000, fen, cz_2_3_d).
param(cz_inp_illness, rate, exact, 67, percent, cz_2_3_f).
derived(cz_inp_illness, rate, "67% = 70% − 3个百分点", cz_2_3_f).
derived_basis(cz_inp_illness, rate, cz_2_3_e).
param(cz_inp_illness, cap, exact, 2000000, fen, cz_2_3_f).
cap_pool(cz_inp_illness, cz_annual, cz_2_4_a).
deductible_pool(cz_inp_illness, cz_annual, i_cz_programs).

benefit_rule(cangzhou, inpatient, cz_inp_monitored, cz_2_3_a).
rule_category(cz_inp_monitored, monitored, cz_2_1_a).
% GAP: 二（三） states no 起付标准 for 纳入监测范围的农村易返贫致贫人口 (only for
% 特困/低保 = none, 低保边缘 ≈10%, 因病致贫重病患者 ≈25%). No deductible param is
% stated on purpose, so the rule cannot be computed and the claim is unresolved.
param(cz_inp_monitored, rate, exact, 67, percent, cz_2_3_f).
derived(cz_inp_monitored, rate, "67% = 70% − 3个百分点", cz_2_3_f).
derived_basis(cz_inp_monitored, rate, cz_2_3_e).
param(cz_inp_monitored, cap, exact, 2000000, fen, cz_2_3_f).
cap_pool(cz_inp_monitored, cz_annual, cz_2_4_a).
deductible_pool(cz_inp_monitored, cz_annual, i_cz_programs).

% What the gap allows: any 起付标准 from none at all to one above the whole year's
% self-pay. 住院救助 itself stays unresolved, but a program computed on what it leaves
% (倾斜救助, 二（四）) is given the range of both ends, never an exact figure.
interpretation(i_cz_monitored_deductible, cangzhou, "监测对象起付标准未规定时的取值范围",
    "二（三）未规定纳入监测范围的农村易返贫致贫人口的起付标准，救助比例67%和年度限额2万元已规定。medaid不对其住院、门诊救助给出金额（待定），但在其基础上计算的倾斜救助按起付标准的两端取值：不设起付标准（救助最多、倾斜救助最少）与起付标准高于全年自付（救助为0、倾斜救助最多），给出区间", cz_2_3_a).
bound_reading(cangzhou, vertices, i_cz_monitored_deductible).

% 就高 against a treatment the knowledge base cannot compute (二（一）: 脱贫人口等按省级政策):
% the computed figure is a floor.
interpretation(i_cz_floor, cangzhou, "就高时另一待遇由省级政策规定：已算金额为下限",
    "二（三）规定多重身份按就高不就低享受救助；当另一身份的待遇由不在知识库中的省级政策规定时，已算出的金额只是实际支付的下限，不作为确定金额", cz_2_3_g).
bound_reading(cangzhou, floor, i_cz_floor).

% ----- 普通门诊 (program outpatient): the same figures, same pools ------------
benefit_rule(cangzhou, outpatient, cz_out_basic, cz_2_3_a).
rule_category(cz_out_basic, tekun, cz_2_3_e).
rule_category(cz_out_basic, dibao, cz_2_3_e).
param(cz_out_basic, deductible, exact, 0, fen, cz_2_3_b).
param(cz_out_basic, rate, exact, 70, percent, cz_2_3_e).
param(cz_out_basic, cap, exact, 2000000, fen, cz_2_3_f).
cap_pool(cz_out_basic, cz_annual, cz_2_4_a).
deductible_pool(cz_out_basic, cz_annual, i_cz_programs).

benefit_rule(cangzhou, outpatient, cz_out_edge, cz_2_3_a).
rule_category(cz_out_edge, dibao_edge, cz_2_1_a).
param(cz_out_edge, deductible, approx, 10, percent_of(per_capita_disposable_income), cz_2_3_c).
param_in_year(cz_out_edge, deductible, 2022, 270000, fen, cz_2_3_c).
param(cz_out_edge, rate, exact, 67, percent, cz_2_3_f).
derived(cz_out_edge, rate, "67% = 70% − 3个百分点", cz_2_3_f).
derived_basis(cz_out_edge, rate, cz_2_3_e).
param(cz_out_edge, cap, exact, 2000000, fen, cz_2_3_f).
cap_pool(cz_out_edge, cz_annual, cz_2_4_a).
deductible_pool(cz_out_edge, cz_annual, i_cz_programs).

benefit_rule(cangzhou, outpatient, cz_out_illness, cz_2_3_a).
rule_category(cz_out_illness, illness_poor, cz_2_1_b).
param(cz_out_illness, deductible, approx, 25, percent_of(per_capita_disposable_income), cz_2_3_d).
param_in_year(cz_out_illness, deductible, 2022, 670000, fen, cz_2_3_d).
param(cz_out_illness, rate, exact, 67, percent, cz_2_3_f).
derived(cz_out_illness, rate, "67% = 70% − 3个百分点", cz_2_3_f).
derived_basis(cz_out_illness, rate, cz_2_3_e).
param(cz_out_illness, cap, exact, 2000000, fen, cz_2_3_f).
cap_pool(cz_out_illness, cz_annual, cz_2_4_a).
deductible_pool(cz_out_illness, cz_annual, i_cz_programs).

benefit_rule(cangzhou, outpatient, cz_out_monitored, cz_2_3_a).
rule_category(cz_out_monitored, monitored, cz_2_1_a).
% GAP: 二（三） states no 起付标准 for 纳入监测范围的农村易返贫致贫人口 (only for
% 特困/低保 = none, 低保边缘 ≈10%, 因病致贫重病患者 ≈25%). No deductible param is
% stated on purpose, so the rule cannot be computed and the claim is unresolved.
param(cz_out_monitored, rate, exact, 67, percent, cz_2_3_f).
derived(cz_out_monitored, rate, "67% = 70% − 3个百分点", cz_2_3_f).
derived_basis(cz_out_monitored, rate, cz_2_3_e).
param(cz_out_monitored, cap, exact, 2000000, fen, cz_2_3_f).
cap_pool(cz_out_monitored, cz_annual, cz_2_4_a).
deductible_pool(cz_out_monitored, cz_annual, i_cz_programs).

% ---------------------------------------------------------------------------
% 二（四）　完善托底救助保障措施
% 「（四）完善托底救助保障措施。加强门诊慢性病、特殊疾病救助保障，门诊和住院救
% 助共用年度救助限额，统筹资金使用，着力减轻救助对象门诊慢性病、特殊疾病医疗费
% 用负担。对规范转诊且在省域内定点医疗机构就医的救助对象，经三重制度综合保障后
% 政策范围内个人自付医疗费用超过本市上年居民人均可支配收入50%以上的部分，按
% 80%的比例给予倾斜救助，年度最高救助限额为3万元。通过明确诊疗方案、规范诊
% 疗、提高医保目录药品使用率等措施降低医疗成本，合理控制困难群众政策范围内自付
% 费用比例。」
% ---------------------------------------------------------------------------
provision(cz_2_4_a, cangzhou, "二（四）", "门诊和住院救助共用年度救助限额，统筹资金使用").
provision(cz_2_4_b, cangzhou, "二（四）", "对规范转诊且在省域内定点医疗机构就医的救助对象").
provision(cz_2_4_c, cangzhou, "二（四）", "经三重制度综合保障后政策范围内个人自付医疗费用超过本市上年居民人均可支配收入50%以上的部分").
provision(cz_2_4_d, cangzhou, "二（四）", "按80%的比例给予倾斜救助，年度最高救助限额为3万元。").

% (The shared cap is encoded with the rules of 二（三）: cap_pool(_, cz_annual, cz_2_4_a).)

% Places: 省域内 / 市域内 are read relative to the person's own city (户籍地所在
% 统筹地区, 六（三）): care in the person's county counts as inside the city and the
% province; care elsewhere in the city inside the city and the province; care
% elsewhere in Hebei inside the province only; care outside Hebei inside nothing.
interpretation(i_cz_places, cangzhou, "市域内、省域内的范围", "市域内、省域内以救助对象户籍地所在统筹地区（沧州市）为准：县域内就医同时属于市域内和省域内，市内其他县区就医属于市域内和省域内，省内其他市就医只属于省域内，省外就医均不属于", cz_6_3_d).
within(cangzhou, in_district, district, i_cz_places).
within(cangzhou, in_district, city, i_cz_places).
within(cangzhou, in_district, province, i_cz_places).
within(cangzhou, in_city, city, i_cz_places).
within(cangzhou, in_city, province, i_cz_places).
within(cangzhou, in_province, province, i_cz_places).

% 倾斜救助: for 救助对象 (the five categories of 二（一）) who were 规范转诊 and
% treated in Hebei: 80% of the yearly residual self-pay (after 基本医保、大病保险
% and 医疗救助 — "经三重制度综合保障后") above 50% of 本市上年居民人均可支配收入,
% up to 3万元 a year. Applies to 住院、门诊慢特病 and 普通门诊 claims (门诊和住院
% are pooled by this same clause).
interpretation(i_cz_tilt_scope, cangzhou, "倾斜救助的对象和费用", "“救助对象”指二（一）按本方案救助的五类人员（低保、特困、低保边缘、纳入监测范围的农村易返贫致贫人口、因病致贫重病患者）；“个人自付医疗费用”为年度累计、经基本医保、大病保险、医疗救助支付后的政策范围内自付，住院和门诊费用合并计算", cz_2_4_b).
program_for(cangzhou, tilt, inpatient, i_cz_tilt_scope).
program_for(cangzhou, tilt, chronic_outpatient, i_cz_tilt_scope).
program_for(cangzhou, tilt, outpatient, i_cz_tilt_scope).
benefit_rule(cangzhou, tilt, cz_tilt, cz_2_4_d).
rule_category(cz_tilt, dibao, i_cz_tilt_scope).
rule_category(cz_tilt, tekun, i_cz_tilt_scope).
rule_category(cz_tilt, dibao_edge, i_cz_tilt_scope).
rule_category(cz_tilt, monitored, i_cz_tilt_scope).
rule_category(cz_tilt, illness_poor, i_cz_tilt_scope).
rule_condition(cz_tilt, properly_referred, cz_2_4_b).
rule_condition(cz_tilt, within(province), cz_2_4_b).
param(cz_tilt, threshold, exact, 50, percent_of(per_capita_disposable_income), cz_2_4_c).
param(cz_tilt, rate, exact, 80, percent, cz_2_4_d).
param(cz_tilt, cap, exact, 3000000, fen, cz_2_4_d).

% "合理控制困难群众政策范围内自付费用比例" sets no figure: nothing to encode.

% ---------------------------------------------------------------------------
% 二（五）　规范救助费用保障范围
% 「（五）规范救助费用保障范围。医疗救助用于保障困难群众政策范围内基本医疗需求
% 。医疗救助基金原则上按照国家规定的基本医保支付范围支付药品、医用耗材、诊疗项
% 目，除国家另有明确规定外，各地不得自行制定或用变通的方法擅自扩大医疗救助费用
% 保障范围。救助费用主要覆盖救助对象在定点医药机构发生的门诊费用、住院费用、因
% 慢性病需长期服药或患重特大疾病需长期门诊治疗的费用。基本医保、大病保险起付线
% 以下的政策范围内个人自付费用，按规定纳入救助保障。」
% ---------------------------------------------------------------------------
provision(cz_2_5_a, cangzhou, "二（五）", "救助费用主要覆盖救助对象在定点医药机构发生的门诊费用、住院费用、因慢性病需长期服药或患重特大疾病需长期门诊治疗的费用。").
provision(cz_2_5_b, cangzhou, "二（五）", "基本医保、大病保险起付线以下的政策范围内个人自付费用，按规定纳入救助保障。").
provision(cz_2_5_c, cangzhou, "二（五）", "医疗救助基金原则上按照国家规定的基本医保支付范围支付药品、医用耗材、诊疗项目").

% 二（五）a is the basis of i_cz_programs (see 二（三）).
% The self-pay that assistance works on is the whole policy-scope self-pay,
% including what falls below the 基本医保 and 大病保险 deductibles.
interpretation(i_cz_selfpay_base, cangzhou, "救助基数", "救助基数为政策范围内费用减去基本医保、大病保险（及补充保险）支付后的个人自付，含基本医保、大病保险起付线以下部分；政策范围按国家基本医保支付范围，由个案输入的政策范围内费用体现", cz_2_5_b).
reference(cangzhou, ref_cz_national_catalogue, "国家规定的基本医保支付范围（药品、医用耗材、诊疗项目）", unnamed, cz_2_5_c).
