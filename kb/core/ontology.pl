% medaid knowledge base — shared ontology.
%
% Canonical ids used by every document folder. This file states no policy:
% each document says which of these it recognises (recognises/4), under which
% of its own terms (category_term/4), and what it pays (benefit_rule/4, param/6).
% Syntax: the subset SWI-Prolog and clingo both read (see kb/README.md).

% ---------------------------------------------------------------------------
% category(Id, CanonicalTerm).  category_alias(Id, OtherTerm) — accepted as input.
% ---------------------------------------------------------------------------
category(tekun, "特困人员").
category(dibao, "低保对象").
category_alias(dibao, "最低生活保障对象").
category(dibao_edge, "低保边缘家庭成员").
category(orphan, "孤儿").
category_alias(orphan, "社会散居孤儿").
category(de_facto_orphan, "事实无人抚养儿童").
category(hiv_child, "艾滋病病毒感染儿童").
category(distressed_child, "困境儿童").
category(returned_poor, "返贫致贫人口").
category(lifted_poor, "脱贫人口").
category(monitored, "纳入监测范围的农村易返贫致贫人口").
category_alias(monitored, "防止返贫监测对象").
category_alias(monitored, "农村易返贫致贫人口").
category(unmonitored_rural, "未纳入监测范围的农村易返贫致贫人口").
category(unstable_exit, "脱贫不稳定户").
category(edge_risk, "边缘易致贫户").
category(sudden_hardship, "突发严重困难户").
category(illness_poor, "因病致贫重病患者").
category(severe_disabled, "城乡重度（1—2级）残疾人员").
category_alias(severe_disabled, "重度残疾人员").
category(key_entitled, "在乡重点优抚对象（不含1—6级残疾军人）").
category_alias(key_entitled, "在乡重点优抚对象").
category(martyr_family, "按渝北府办电〔2011〕97号规定的烈士遗属").
category(retired_1960s, "60年代精简退职老职工").
category_alias(retired_1960s, "20世纪60年代精减退职职工").
category(xiangyu_worker, "原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）").
category_alias(xiangyu_worker, "原襄渝铁路建设伤残民兵民工").
category(unit8023_child, "原8023部队退役人员先天性残疾子女").
category(poor_student, "家庭经济困难在校大学生").
category(pensioned_martyr_survivor, "享受国家定期抚恤补助的烈士遗属").
category(duty_death_survivor, "享受国家定期抚恤补助的因公牺牲军人遗属").
category(illness_death_survivor, "享受国家定期抚恤补助的病故军人遗属").
category(demobilized_veteran, "享受国家定期抚恤补助的在乡复员军人").
category(war_veteran, "享受国家定期抚恤补助的参战退役人员").
category(test_veteran, "享受国家定期抚恤补助的参试退役人员").
category(ill_returned_veteran, "享受国家定期抚恤补助的带病回乡退役军人").
category(rural_veteran_60, "享受国家定期抚恤补助的60周岁以上农村籍退役人员").
category(disabled_soldier_7_10, "享受国家定期抚恤补助的七至十级残疾军人").
category(entitled_veteran, "符合条件的享受国家抚恤补助的优抚对象").
category(hardship_worker, "总工会核定的特困职工").
category(expenditure_patient, "支出型困难家庭中的大重病患者").
category(temp_assist_patient, "具有当地户籍的临时救助对象中的大重病患者").
category(nonlocal_temp_assist_patient, "不具有当地户籍的临时救助对象中的大重病患者").
category(other_hardship, "其他特殊困难人员").

% ---------------------------------------------------------------------------
% department(Id, Name): who recognises a category (a document says which, recognises/4).
% ---------------------------------------------------------------------------
department(civil_affairs, "民政部门").
department(veterans_affairs, "退役军人事务部门").
department(disabled_federation, "残联").
department(agriculture, "农业农村部门").
department(rural_revitalization, "乡村振兴部门").
department(trade_union, "总工会").
department(university, "高校").
department(medical_security, "医疗保障部门").
department(local_government, "县级以上人民政府").

% ---------------------------------------------------------------------------
% program(Id, Name, Kind). Kind: assistance (pays money from the assistance fund
% and is subject to the referral rule), premium, insurance (a change to 大病保险
% already inside critical_illness_paid), service (no money: deposit exemption).
% ---------------------------------------------------------------------------
program(premium_subsidy, "资助参保", premium).
program(critical_illness_tilt, "大病保险倾斜支付", insurance).
program(outpatient, "普通门诊救助", assistance).
program(inpatient, "住院救助", assistance).
program(special_disease, "特殊疾病救助", assistance).
program(large_expense, "大额费用救助", assistance).
program(tilt, "倾斜救助", assistance).
program(deposit_exemption, "先诊疗后付费（免住院押金）", service).

% program_role(Program, Role): the programs the ledger treats in their own way, named by
% what they do so that no code spells a program id.
%   yearly_premium  paid once a year on the person's contribution, not on a claim
%   residual_tilt   pays on the year's residual after the other programs (倾斜救助)
%   insurance_tilt  changes 大病保险's own figures (deductible, rate, cap)
%   deposit         spares the admission deposit; no money
program_role(premium_subsidy, yearly_premium).
program_role(tilt, residual_tilt).
program_role(critical_illness_tilt, insurance_tilt).
program_role(deposit_exemption, deposit).

% claim_kind(Id, Name): what a claim (or the yearly premium pseudo-claim) is.
claim_kind(outpatient, "普通门诊").
claim_kind(chronic_outpatient, "门诊慢特病").
claim_kind(inpatient, "住院").
claim_kind(premium, "参保缴费").
% claim_kind_role(Kind, Role): the yearly premium pseudo-claim is no hospital bill.
claim_kind_role(premium, yearly_premium).

% scope(Id, Name): where care was given, relative to the person's region.
scope(in_district, "区（县）内").
scope(in_city, "市内").
scope(in_province, "省内").
scope(out_of_province, "省外").

% area(Id, Name): the places documents name (区内, 市域内, 省域内).
area(district, "区（县）内").
area(city, "市域内").
area(province, "省域内").

% referral_kind(Id, Name).
referral_kind(primary_care, "基层首诊转诊").
referral_kind(referred, "规范转诊").
referral_kind(none, "未按规定转诊").
% referral_role(Kind, Role): proper (规范转诊, 基层首诊转诊 included) or unreferred.
referral_role(primary_care, proper).
referral_role(referred, proper).
referral_role(none, unreferred).

% hospital_level(Level, Name): the grades of medical institution a claim names.
hospital_level(1, "一级").
hospital_level(2, "二级").
hospital_level(3, "三级").

% scheme(Id, Name): the person's basic medical insurance.
scheme(resident_tier1, "城乡居民医保一档").
scheme(resident_tier2, "城乡居民医保二档").
scheme(employee, "职工医保").

% bound(Id, Name): how a document states a figure.
bound(exact, "为").
bound(min, "不低于").
bound(max, "不高于").
bound(approx, "左右").
bound(unlimited, "不设").

% ---------------------------------------------------------------------------
% alias(Domain, Id, Text): a short form people write, accepted wherever the id is
% (case files, claim files, --program, --category). Only unambiguous forms: 低保
% is 低保对象, never 低保边缘; 市外 (in or out of the province?) is not an alias.
% Domain: category, program, claim_kind, scope, referral_kind, scheme, level, parameter.
% ---------------------------------------------------------------------------
alias(category, dibao, "低保").
alias(category, dibao, "低保户").
alias(category, dibao, "低保人员").
alias(category, dibao_edge, "低保边缘").
alias(category, dibao_edge, "低保边缘户").
alias(category, dibao_edge, "低保边缘家庭").
alias(category, tekun, "特困").
alias(category, tekun, "特困供养人员").
alias(category, illness_poor, "因病致贫").
alias(category, illness_poor, "因病致贫重病患者家庭").
alias(category, monitored, "监测对象").
alias(category, returned_poor, "返贫致贫").
alias(category, lifted_poor, "脱贫户").
alias(category, severe_disabled, "重度残疾").
alias(category, severe_disabled, "重度残疾人").
alias(program, premium_subsidy, "资助参保缴费").
alias(program, critical_illness_tilt, "大病保险倾斜").
alias(program, outpatient, "门诊救助").
alias(program, inpatient, "住院").
alias(program, special_disease, "特殊疾病").
alias(program, special_disease, "特病救助").
alias(program, large_expense, "大额费用").
alias(program, large_expense, "大额").
alias(program, tilt, "倾斜").
alias(program, deposit_exemption, "先诊疗后付费").
alias(program, deposit_exemption, "免押金").
alias(claim_kind, outpatient, "门诊").
alias(claim_kind, chronic_outpatient, "慢特病").
alias(claim_kind, chronic_outpatient, "门诊慢性病").
alias(claim_kind, chronic_outpatient, "门诊慢病").
alias(claim_kind, chronic_outpatient, "门诊特殊疾病").
alias(scope, in_district, "区县内").
alias(scope, in_district, "区内").
alias(scope, in_district, "县内").
alias(scope, in_district, "县域内").
alias(scope, in_city, "市域内").
alias(scope, in_province, "省域内").
alias(referral_kind, primary_care, "基层首诊").
alias(referral_kind, none, "未转诊").
alias(scheme, resident_tier1, "一档").
alias(scheme, resident_tier1, "居民医保一档").
alias(scheme, resident_tier2, "二档").
alias(scheme, resident_tier2, "居民医保二档").
alias(scheme, employee, "职工").
alias(level, 1, "一级").
alias(level, 2, "二级").
alias(level, 3, "三级").
alias(level, 1, "一级医院").
alias(level, 2, "二级医院").
alias(level, 3, "三级医院").
% the other words a reform file may use for a figure (parameter/2 names it)
alias(parameter, rate, "比例").
alias(parameter, rate, "支付比例").
alias(parameter, deductible, "起付线").
alias(parameter, cap, "救助限额").
alias(parameter, cap, "限额").
alias(parameter, cap, "年度最高救助限额").
alias(parameter, threshold, "起点").

% outcome(Status, Name): how each status of a result is written.
outcome(paid, "支付").
outcome(bounded, "区间").
outcome(granted, "享受").
outcome(excluded, "排除").
outcome(unresolved, "待定").
outcome(not_eligible, "不符合").
% outcome_heading(Status, Name): the longer form a report's table writes; the audit's
% summary also counts rows with no program (not_applicable) and delegated figures.
outcome_heading(paid, "确定金额").
outcome_heading(bounded, "区间").
outcome_heading(unresolved, "无法确定").
outcome_heading(not_eligible, "不符合条件").
outcome_heading(excluded, "排除").
outcome_heading(not_applicable, "不适用").
outcome_heading(delegated, "另行规定").
outcome_heading(granted, "给予").

% population(Id, Name): groups a rule names that are not 救助对象 (the 预警 of ordinary residents).
population(resident, "普通居民").

% parameter(Name, Text): the figures a rule states (param/6), as the documents call them.
parameter(deductible, "起付标准").
parameter(rate, "救助比例").
parameter(cap, "年度救助限额").
parameter(subcap, "分项限额").
parameter(threshold, "倾斜救助起点").
parameter(ci_deductible_cut, "大病保险起付线降低").
parameter(ci_rate_raise, "大病保险支付比例提高").
parameter(ci_cap, "大病保险封顶线").
parameter(warning_threshold, "预警线").
% parameter_short(Name, Text): the shorter term a finding writes of a missing or stated figure
% (the rule's own 年度救助限额 is its 年度限额; a tilt's 倾斜救助起点 its 起点).
parameter_short(deductible, "起付标准").
parameter_short(rate, "救助比例").
parameter_short(cap, "年度限额").
parameter_short(threshold, "起点").
% parameter_lead(Name, Text): the word before a figure in a rule's list of figures (起付
% 2000.00元，比例 70%), in the list's order; 大病保险's own figures say what they are ("").
parameter_lead(deductible, "起付").
parameter_lead(threshold, "起点").
parameter_lead(rate, "比例").
parameter_lead(cap, "限额").
parameter_lead(subcap, "分项限额").
parameter_lead(ci_deductible_cut, "").
parameter_lead(ci_rate_raise, "").
parameter_lead(ci_cap, "").

% unit(Id, Text): units of figures (money in fen is shown in 元).
unit(fen, "元").
unit(percent, "%").
unit(percentage_points, "个百分点").
unit(percent_of, "%，基数：").

% external parameter names (values per region and year come from the case or a
% param_value/5 fact a document states).
external_parameter(per_capita_disposable_income, "上年居民人均可支配收入", fen).
external_parameter(monitoring_income_standard, "防止返贫监测收入标准", fen).
external_parameter(province_rural_per_capita_disposable_income, "全省上年农村常住居民人均可支配收入", fen).
external_parameter(resident_tier1_contribution, "城乡居民医保一档个人缴费标准", fen).
external_parameter(resident_tier2_contribution, "城乡居民医保二档个人缴费标准", fen).
external_parameter(contribution, "本人参保档次的个人缴费标准", fen).
% scheme_contribution(Scheme, External): the contribution standard that is a person's own
% (contribution) under each scheme that has one; 职工医保 has none. A case states the
% standards, never `contribution` itself.
scheme_contribution(resident_tier1, resident_tier1_contribution).
scheme_contribution(resident_tier2, resident_tier2_contribution).
external_role(contribution, own_contribution).

