% medaid knowledge base — 渝北府办发〔2025〕2号 二、医疗救助政策
%
% Programs: premium_subsidy (二（一）、二（二）), outpatient (二（三）), inpatient (二（四）),
% special_disease (二（五）, with the Chongqing 26-disease catalogue), large_expense (二（六）).
% No clause of 二 states a 起付线 (see i_yb_no_deductible), a 倾斜救助, a referral rule or a
% deposit exemption.

% ---------------------------------------------------------------------------
% 二、医疗救助政策
% (part heading; its content is 二（一） to 二（六）)
% ---------------------------------------------------------------------------
non_computational(yubei, "二", "部分标题，无独立正文；各项待遇见二（一）至二（六）").

% Shared readings of this part.
interpretation(i_yb_no_deductible, yubei, "未规定起付线即不设起付线",
    "二（三）至二（六）均只规定救助比例和年度限额（封顶线），未规定起付线（起付标准）；medaid按不设起付线（0元）计算", yb_2_3_b).

% ---------------------------------------------------------------------------
% 二（一）全额资助参保。
% (heading; the figures are in 二（一）1 and 2)
% ---------------------------------------------------------------------------
non_computational(yubei, "二（一）", "小标题；资助对象和资助标准见二（一）1、2").

% Categories named only in 二（一） (资助参保 only; no program of 二（三）至（六） lists them).
% 一 does not name them and no clause says which department recognises them; they are
% 优抚对象 under 渝退役军人局〔2022〕52号, so medaid takes 退役军人事务部门.
interpretation(i_yb_premium_veterans, yubei, "二（一）所列优抚对象由退役军人事务部门认定",
    "二（一）1、2列出的享受国家定期抚恤补助的烈士遗属、因公牺牲军人遗属、病故军人遗属、在乡复员军人、参战退役人员、参试退役人员、带病回乡退役军人、60周岁以上农村籍退役人员、七至十级残疾军人不在第一部分救助对象中，文件未写明认定部门；medaid按优抚对象由退役军人事务部门认定处理，且“享受国家定期抚恤补助的”修饰二（一）2所列五类退役人员全部", yb_2_1_2_a).

recognises(yubei, pensioned_martyr_survivor, veterans_affairs, i_yb_premium_veterans).
recognises(yubei, duty_death_survivor, veterans_affairs, i_yb_premium_veterans).
recognises(yubei, illness_death_survivor, veterans_affairs, i_yb_premium_veterans).
recognises(yubei, demobilized_veteran, veterans_affairs, i_yb_premium_veterans).
recognises(yubei, war_veteran, veterans_affairs, i_yb_premium_veterans).
recognises(yubei, test_veteran, veterans_affairs, i_yb_premium_veterans).
recognises(yubei, ill_returned_veteran, veterans_affairs, i_yb_premium_veterans).
recognises(yubei, rural_veteran_60, veterans_affairs, i_yb_premium_veterans).
recognises(yubei, disabled_soldier_7_10, veterans_affairs, i_yb_premium_veterans).

category_order(yubei, pensioned_martyr_survivor, 19, yb_2_1_1).
category_order(yubei, duty_death_survivor, 20, yb_2_1_1).
category_order(yubei, illness_death_survivor, 21, yb_2_1_1).
category_order(yubei, demobilized_veteran, 22, yb_2_1_1).
category_order(yubei, war_veteran, 23, yb_2_1_2_a).
category_order(yubei, test_veteran, 24, yb_2_1_2_a).
category_order(yubei, ill_returned_veteran, 25, yb_2_1_2_a).
category_order(yubei, rural_veteran_60, 26, yb_2_1_2_a).
category_order(yubei, disabled_soldier_7_10, 27, yb_2_1_2_a).

% 「以个人身份参加城镇职工医疗保险」: medaid's scheme(employee) does not say whether the person
% contributes as an individual (灵活就业) or through an employer.
interpretation(i_yb_employee_individual, yubei, "以个人身份参加职工医保按职工医保参保认定",
    "二（一）、二（二）对以个人身份参加城镇职工医疗保险的救助对象给予资助；medaid的参保类别只区分居民医保一档、二档和职工医保，按职工医保参保即适用，是否以个人身份参保由经办机构核实（三（二）由镇街通过医保系统核实）", yb_2_1_1).

program_for(yubei, premium_subsidy, premium, yb_2_1_1).

% ---------------------------------------------------------------------------
% 二（一）1.
% 「享受国家定期抚恤补助的烈士遗属、因公牺牲军人遗属、病故军人遗属、在乡复员军人参加城乡居民
%  医保二档或以个人身份参加城镇职工医疗保险的，按照参加城乡居民医保二档个人缴费标准的100%给予
%  资助。」
% ---------------------------------------------------------------------------
provision(yb_2_1_1, yubei, "二（一）1", "享受国家定期抚恤补助的烈士遗属、因公牺牲军人遗属、病故军人遗属、在乡复员军人参加城乡居民医保二档或以个人身份参加城镇职工医疗保险的，按照参加城乡居民医保二档个人缴费标准的100%给予资助").

category_term(yubei, pensioned_martyr_survivor, "享受国家定期抚恤补助的烈士遗属", yb_2_1_1).
category_term(yubei, duty_death_survivor, "因公牺牲军人遗属", yb_2_1_1).
category_term(yubei, illness_death_survivor, "病故军人遗属", yb_2_1_1).
category_term(yubei, demobilized_veteran, "在乡复员军人", yb_2_1_1).

% GAP (auditor): the clause covers only 居民医保二档 and 职工医保; these four categories enrolled
% in 居民医保一档 get no rule in this document (premium_subsidy: not_eligible).
benefit_rule(yubei, premium_subsidy, yb_r_2_1_1_t2, yb_2_1_1).
benefit_rule(yubei, premium_subsidy, yb_r_2_1_1_emp, yb_2_1_1).
% yb_martyr_survivors: 享受国家定期抚恤补助的烈士遗属、享受国家定期抚恤补助的因公牺牲军人遗属、享受国家定期抚恤补助的病故军人遗属、享受国家定期抚恤补助的在乡复员军人 — one set, named by each rule below that serves them.
category_set(yb_martyr_survivors, pensioned_martyr_survivor, yb_2_1_1).
category_set(yb_martyr_survivors, duty_death_survivor, yb_2_1_1).
category_set(yb_martyr_survivors, illness_death_survivor, yb_2_1_1).
category_set(yb_martyr_survivors, demobilized_veteran, yb_2_1_1).
rule_categories(yb_r_2_1_1_t2, yb_martyr_survivors, yb_2_1_1).
rule_categories(yb_r_2_1_1_emp, yb_martyr_survivors, yb_2_1_1).
rule_condition(yb_r_2_1_1_t2, scheme(resident_tier2), yb_2_1_1).
rule_condition(yb_r_2_1_1_emp, scheme(employee), i_yb_employee_individual).
param(yb_r_2_1_1_t2, rate, exact, 100, percent_of(resident_tier2_contribution), yb_2_1_1).
param(yb_r_2_1_1_emp, rate, exact, 100, percent_of(resident_tier2_contribution), yb_2_1_1).

% ---------------------------------------------------------------------------
% 二（一）2.
% 「特困人员、城乡重度（1—2级）残疾人员、因病致贫重病患者、社会散居孤儿、事实无人抚养儿童、
%  艾滋病病毒感染儿童、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病
%  民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性残疾子女、家庭
%  经济困难在校大学生和享受国家定期抚恤补助的参战退役人员、参试退役人员、带病回乡退役军人、
%  60周岁以上农村籍退役人员、七至十级残疾军人参加城乡居民医保一档的，按照个人缴费标准的100%
%  给予资助。上述人员自愿参加城乡居民医保二档或以个人身份参加城镇职工医疗保险的，按照参加城乡
%  居民医保一档个人缴费标准的100%给予资助。」
% ---------------------------------------------------------------------------
provision(yb_2_1_2_a, yubei, "二（一）2", "特困人员、城乡重度（1—2级）残疾人员、因病致贫重病患者、社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性残疾子女、家庭经济困难在校大学生和享受国家定期抚恤补助的参战退役人员、参试退役人员、带病回乡退役军人、60周岁以上农村籍退役人员、七至十级残疾军人参加城乡居民医保一档的，按照个人缴费标准的100%给予资助").
provision(yb_2_1_2_b, yubei, "二（一）2", "上述人员自愿参加城乡居民医保二档或以个人身份参加城镇职工医疗保险的，按照参加城乡居民医保一档个人缴费标准的100%给予资助").

category_term(yubei, war_veteran, "享受国家定期抚恤补助的参战退役人员", yb_2_1_2_a).
category_term(yubei, test_veteran, "参试退役人员", yb_2_1_2_a).
category_term(yubei, ill_returned_veteran, "带病回乡退役军人", yb_2_1_2_a).
category_term(yubei, rural_veteran_60, "60周岁以上农村籍退役人员", yb_2_1_2_a).
category_term(yubei, disabled_soldier_7_10, "七至十级残疾军人", yb_2_1_2_a).

% Three rules with the same category list: 一档 (100% of the 一档 standard, i.e. the person's
% own), 二档 and 职工医保 (100% of the 一档 standard).
% GAP (auditor): 在乡重点优抚对象（不含1—6级残疾军人） of 一（二） is named in no premium clause.
benefit_rule(yubei, premium_subsidy, yb_r_2_1_2_t1, yb_2_1_2_a).
benefit_rule(yubei, premium_subsidy, yb_r_2_1_2_t2, yb_2_1_2_b).
benefit_rule(yubei, premium_subsidy, yb_r_2_1_2_emp, yb_2_1_2_b).

% yb_premium_full: 特困人员、城乡重度（1—2级）残疾人员、因病致贫重病患者、孤儿、事实无人抚养儿童、艾滋病病毒感染儿童、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性残疾子女、家庭经济困难在校大学生、享受国家定期抚恤补助的参战退役人员、享受国家定期抚恤补助的参试退役人员、享受国家定期抚恤补助的带病回乡退役军人、享受国家定期抚恤补助的60周岁以上农村籍退役人员、享受国家定期抚恤补助的七至十级残疾军人 — one set, named by each rule below that serves them.
category_set(yb_premium_full, tekun, yb_2_1_2_a).
category_set(yb_premium_full, severe_disabled, yb_2_1_2_a).
category_set(yb_premium_full, illness_poor, yb_2_1_2_a).
category_set(yb_premium_full, orphan, yb_2_1_2_a).
category_set(yb_premium_full, de_facto_orphan, yb_2_1_2_a).
category_set(yb_premium_full, hiv_child, yb_2_1_2_a).
category_set(yb_premium_full, retired_1960s, yb_2_1_2_a).
category_set(yb_premium_full, xiangyu_worker, yb_2_1_2_a).
category_set(yb_premium_full, martyr_family, yb_2_1_2_a).
category_set(yb_premium_full, unit8023_child, yb_2_1_2_a).
category_set(yb_premium_full, poor_student, yb_2_1_2_a).
category_set(yb_premium_full, war_veteran, yb_2_1_2_a).
category_set(yb_premium_full, test_veteran, yb_2_1_2_a).
category_set(yb_premium_full, ill_returned_veteran, yb_2_1_2_a).
category_set(yb_premium_full, rural_veteran_60, yb_2_1_2_a).
category_set(yb_premium_full, disabled_soldier_7_10, yb_2_1_2_a).
rule_categories(yb_r_2_1_2_t1, yb_premium_full, yb_2_1_2_a).

rule_categories(yb_r_2_1_2_t2, yb_premium_full, yb_2_1_2_b).

rule_categories(yb_r_2_1_2_emp, yb_premium_full, yb_2_1_2_b).

rule_condition(yb_r_2_1_2_t1, scheme(resident_tier1), yb_2_1_2_a).
rule_condition(yb_r_2_1_2_t2, scheme(resident_tier2), yb_2_1_2_b).
rule_condition(yb_r_2_1_2_emp, scheme(employee), i_yb_employee_individual).
param(yb_r_2_1_2_t1, rate, exact, 100, percent_of(resident_tier1_contribution), yb_2_1_2_a).
param(yb_r_2_1_2_t2, rate, exact, 100, percent_of(resident_tier1_contribution), yb_2_1_2_b).
param(yb_r_2_1_2_emp, rate, exact, 100, percent_of(resident_tier1_contribution), yb_2_1_2_b).

% 二（二）定额资助参保。 (heading; its closing paragraph 「上述人员…」 follows 二（二）2 below)

% ---------------------------------------------------------------------------
% 二（二）1.
% 「低保对象参加城乡居民医保一档的，按照个人缴费标准的90%给予资助。」
% ---------------------------------------------------------------------------
provision(yb_2_2_1, yubei, "二（二）1", "低保对象参加城乡居民医保一档的，按照个人缴费标准的90%给予资助").

benefit_rule(yubei, premium_subsidy, yb_r_2_2_1, yb_2_2_1).
rule_category(yb_r_2_2_1, dibao, yb_2_2_1).
rule_condition(yb_r_2_2_1, scheme(resident_tier1), yb_2_2_1).
param(yb_r_2_2_1, rate, exact, 90, percent_of(resident_tier1_contribution), yb_2_2_1).

% ---------------------------------------------------------------------------
% 二（二）2.
% 「低保边缘家庭成员、返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重困难户参加城乡居民
%  医保一档的，按照个人缴费标准的70%给予资助。」
% ---------------------------------------------------------------------------
provision(yb_2_2_2, yubei, "二（二）2", "低保边缘家庭成员、返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重困难户参加城乡居民医保一档的，按照个人缴费标准的70%给予资助").

benefit_rule(yubei, premium_subsidy, yb_r_2_2_2, yb_2_2_2).
rule_category(yb_r_2_2_2, dibao_edge, yb_2_2_2).
rule_category(yb_r_2_2_2, returned_poor, yb_2_2_2).
rule_category(yb_r_2_2_2, unstable_exit, yb_2_2_2).
rule_category(yb_r_2_2_2, edge_risk, yb_2_2_2).
rule_category(yb_r_2_2_2, sudden_hardship, yb_2_2_2).
rule_condition(yb_r_2_2_2, scheme(resident_tier1), yb_2_2_2).
param(yb_r_2_2_2, rate, exact, 70, percent_of(resident_tier1_contribution), yb_2_2_2).

% ---------------------------------------------------------------------------
% 二（二）定额资助参保。（末段，位于1、2之后）
% 「上述人员自愿参加城乡居民医保二档或以个人身份参加城镇职工医疗保险的，按照参加城乡居民医保
%  一档个人缴费标准的100%给予全额资助。」
%  (the closing paragraph of 二（二）, after 1 and 2; its 「上述人员」 is read as both lists)
% ---------------------------------------------------------------------------
provision(yb_2_2, yubei, "二（二）", "上述人员自愿参加城乡居民医保二档或以个人身份参加城镇职工医疗保险的，按照参加城乡居民医保一档个人缴费标准的100%给予全额资助").

% The paragraph stands on its own line after 2., so 「上述人员」 could be 2.'s list only.
% FLAG: heading 定额资助参保 vs 「全额资助」 for 二档/职工医保 (100% of the 一档 standard).
interpretation(i_yb_2_2_shangshu, yubei, "二（二）“上述人员”含低保对象",
    "二（二）末段“上述人员自愿参加城乡居民医保二档或以个人身份参加城镇职工医疗保险的”另起一段，位于1、2之后；medaid理解为1的低保对象和2的五类人员均适用，按城乡居民医保一档个人缴费标准的100%资助", yb_2_2).

benefit_rule(yubei, premium_subsidy, yb_r_2_2_t2, yb_2_2).
benefit_rule(yubei, premium_subsidy, yb_r_2_2_emp, yb_2_2).
rule_category(yb_r_2_2_t2, dibao, i_yb_2_2_shangshu).
rule_category(yb_r_2_2_t2, dibao_edge, yb_2_2).
rule_category(yb_r_2_2_t2, returned_poor, yb_2_2).
rule_category(yb_r_2_2_t2, unstable_exit, yb_2_2).
rule_category(yb_r_2_2_t2, edge_risk, yb_2_2).
rule_category(yb_r_2_2_t2, sudden_hardship, yb_2_2).
rule_category(yb_r_2_2_emp, dibao, i_yb_2_2_shangshu).
rule_category(yb_r_2_2_emp, dibao_edge, yb_2_2).
rule_category(yb_r_2_2_emp, returned_poor, yb_2_2).
rule_category(yb_r_2_2_emp, unstable_exit, yb_2_2).
rule_category(yb_r_2_2_emp, edge_risk, yb_2_2).
rule_category(yb_r_2_2_emp, sudden_hardship, yb_2_2).
rule_condition(yb_r_2_2_t2, scheme(resident_tier2), yb_2_2).
rule_condition(yb_r_2_2_emp, scheme(employee), i_yb_employee_individual).
param(yb_r_2_2_t2, rate, exact, 100, percent_of(resident_tier1_contribution), yb_2_2).
param(yb_r_2_2_emp, rate, exact, 100, percent_of(resident_tier1_contribution), yb_2_2).

% ---------------------------------------------------------------------------
% 二（三）普通疾病门诊医疗救助。
% 「特困人员以及符合下列三个条件之一的低保对象（80周岁以上老年人、重度1—2级残疾人员、需院外
%  维持治疗的重病患者），每年给予700元/人的限额门诊救助，其医疗费用经基本医疗保险报销后，属于
%  医疗保险政策范围内的自付门诊费用，在救助限额标准内给予全额救助；上述限额门诊救助对象以外的
%  其他低保对象、社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童、在乡重点优抚对象（不含
%  1—6级残疾军人），每年给予400元/人的限额门诊救助，其医疗费用经基本医疗保险报销后，属于医疗
%  保险政策范围内的自付门诊费用，按70%的比例给予救助。救助限额当年有效。」
% ---------------------------------------------------------------------------
provision(yb_2_3, yubei, "二（三）", "普通疾病门诊医疗救助").
provision(yb_2_3_a, yubei, "二（三）", "特困人员以及符合下列三个条件之一的低保对象（80周岁以上老年人、重度1—2级残疾人员、需院外维持治疗的重病患者），每年给予700元/人的限额门诊救助").
provision(yb_2_3_b, yubei, "二（三）", "其医疗费用经基本医疗保险报销后，属于医疗保险政策范围内的自付门诊费用，在救助限额标准内给予全额救助").
provision(yb_2_3_c, yubei, "二（三）", "上述限额门诊救助对象以外的其他低保对象、社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童、在乡重点优抚对象（不含1—6级残疾军人），每年给予400元/人的限额门诊救助").
provision(yb_2_3_d, yubei, "二（三）", "属于医疗保险政策范围内的自付门诊费用，按70%的比例给予救助。救助限额当年有效").

% The heading restricts the program to 普通疾病; a claim for one of the 26 特殊疾病 goes to
% 二（五） instead (this also keeps one outpatient claim from being paid twice).
interpretation(i_yb_outpatient_ordinary, yubei, "门诊限额救助限于普通疾病",
    "二（三）标题为普通疾病门诊医疗救助，正文未再重复；medaid据标题将其限于普通疾病门诊费用，属于二（五）所列特殊疾病的门诊费用按二（五）处理，避免同一笔门诊费用重复救助", yb_2_3).

% 「救助限额当年有效」: a yearly cap that does not carry over — the engine's default yearly pool.
% All six rules share the program's pool (one 限额 per person and year).
program_for(yubei, outpatient, outpatient, yb_2_3_a).

% A 门诊慢特病 claim of an ordinary (non-catalogue) disease is still 门诊 self-pay of an
% ordinary disease: 二（三） covers it; a catalogue disease goes to 二（五） (the rules'
% ordinary_disease condition keeps the two apart).
interpretation(i_yb_chronic_ordinary, yubei, "普通疾病的门诊慢病费用按普通疾病门诊救助",
    "文件未单列门诊慢特病；不属于二（五）特殊疾病目录的门诊慢病费用，是普通疾病的门诊自付费用，按二（三）普通疾病门诊医疗救助计算（同一人同一年度共用门诊救助限额），否则这类费用（如特困人员的普通慢病门诊）无任何救助", yb_2_3).
program_for(yubei, outpatient, chronic_outpatient, i_yb_chronic_ordinary).

% 「重度1—2级残疾人员」: holding the identity 城乡重度（1—2级）残疾人员 (recognised by the
% 残联, 一（三）) is itself proof of a grade 1–2 disability, with or without a recorded grade.
interpretation(i_yb_severe_disabled_grade, yubei, "持重度（1—2级）残疾人员身份即满足1—2级残疾条件",
    "二（三）对低保对象中“重度1—2级残疾人员”给予700元限额门诊救助；一（三）所列“城乡重度（1—2级）残疾人员”身份由残联认定，本身即证明残疾等级为1—2级。持有该身份的人员即使未录入残疾等级，也按残疾等级不高于2级认定", yb_2_3_a).
identity_implies(yubei, severe_disabled, disability_grade, 2, i_yb_severe_disabled_grade).

% Rule A: 特困人员 — 全额 within 700元.
benefit_rule(yubei, outpatient, yb_r_2_3_tekun, yb_2_3_a).
rule_category(yb_r_2_3_tekun, tekun, yb_2_3_a).
rule_condition(yb_r_2_3_tekun, ordinary_disease, i_yb_outpatient_ordinary).
param(yb_r_2_3_tekun, rate, exact, 100, percent, yb_2_3_b).
param(yb_r_2_3_tekun, cap, exact, 70000, fen, yb_2_3_a).
param(yb_r_2_3_tekun, deductible, exact, 0, fen, i_yb_no_deductible).

% Rules B1–B3: 低保对象 meeting one of the three conditions — 全额 within 700元.
benefit_rule(yubei, outpatient, yb_r_2_3_dibao_age, yb_2_3_a).
rule_category(yb_r_2_3_dibao_age, dibao, yb_2_3_a).
rule_condition(yb_r_2_3_dibao_age, ordinary_disease, i_yb_outpatient_ordinary).
rule_condition(yb_r_2_3_dibao_age, age_min(80), yb_2_3_a).
param(yb_r_2_3_dibao_age, rate, exact, 100, percent, yb_2_3_b).
param(yb_r_2_3_dibao_age, cap, exact, 70000, fen, yb_2_3_a).
param(yb_r_2_3_dibao_age, deductible, exact, 0, fen, i_yb_no_deductible).

benefit_rule(yubei, outpatient, yb_r_2_3_dibao_disabled, yb_2_3_a).
rule_category(yb_r_2_3_dibao_disabled, dibao, yb_2_3_a).
rule_condition(yb_r_2_3_dibao_disabled, ordinary_disease, i_yb_outpatient_ordinary).
rule_condition(yb_r_2_3_dibao_disabled, disability_max(2), yb_2_3_a).
param(yb_r_2_3_dibao_disabled, rate, exact, 100, percent, yb_2_3_b).
param(yb_r_2_3_dibao_disabled, cap, exact, 70000, fen, yb_2_3_a).
param(yb_r_2_3_dibao_disabled, deductible, exact, 0, fen, i_yb_no_deductible).

benefit_rule(yubei, outpatient, yb_r_2_3_dibao_maint, yb_2_3_a).
rule_category(yb_r_2_3_dibao_maint, dibao, yb_2_3_a).
rule_condition(yb_r_2_3_dibao_maint, ordinary_disease, i_yb_outpatient_ordinary).
rule_condition(yb_r_2_3_dibao_maint, maintenance, yb_2_3_a).
param(yb_r_2_3_dibao_maint, rate, exact, 100, percent, yb_2_3_b).
param(yb_r_2_3_dibao_maint, cap, exact, 70000, fen, yb_2_3_a).
param(yb_r_2_3_dibao_maint, deductible, exact, 0, fen, i_yb_no_deductible).

% Rule C: 「上述限额门诊救助对象以外的其他低保对象」 — 70% within 400元.
benefit_rule(yubei, outpatient, yb_r_2_3_dibao_other, yb_2_3_c).
rule_category(yb_r_2_3_dibao_other, dibao, yb_2_3_c).
rule_condition(yb_r_2_3_dibao_other, ordinary_disease, i_yb_outpatient_ordinary).
rule_exclusion(yb_r_2_3_dibao_other, age_min(80), yb_2_3_c).
rule_exclusion(yb_r_2_3_dibao_other, disability_max(2), yb_2_3_c).
rule_exclusion(yb_r_2_3_dibao_other, maintenance, yb_2_3_c).
param(yb_r_2_3_dibao_other, rate, exact, 70, percent, yb_2_3_d).
param(yb_r_2_3_dibao_other, cap, exact, 40000, fen, yb_2_3_c).
param(yb_r_2_3_dibao_other, deductible, exact, 0, fen, i_yb_no_deductible).

% Rule D: 社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童、在乡重点优抚对象 — 70% within 400元.
benefit_rule(yubei, outpatient, yb_r_2_3_other, yb_2_3_c).
% yb_children_entitled: 孤儿、事实无人抚养儿童、艾滋病病毒感染儿童、在乡重点优抚对象（不含1—6级残疾军人） — one set, named by each rule below that serves them.
category_set(yb_children_entitled, orphan, yb_2_3_c).
category_set(yb_children_entitled, de_facto_orphan, yb_2_3_c).
category_set(yb_children_entitled, hiv_child, yb_2_3_c).
category_set(yb_children_entitled, key_entitled, yb_2_3_c).
rule_categories(yb_r_2_3_other, yb_children_entitled, yb_2_3_c).
rule_condition(yb_r_2_3_other, ordinary_disease, i_yb_outpatient_ordinary).
param(yb_r_2_3_other, rate, exact, 70, percent, yb_2_3_d).
param(yb_r_2_3_other, cap, exact, 40000, fen, yb_2_3_c).
param(yb_r_2_3_other, deductible, exact, 0, fen, i_yb_no_deductible).

% GAP (auditor): 低保边缘家庭成员、因病致贫重病患者、重度残疾人员、60年代精简退职老职工、襄渝
% 铁路民兵民工、97号烈士遗属、8023部队子女 and the four 农业农村 categories get no 普通门诊救助.

% ---------------------------------------------------------------------------
% 二（四）普通疾病住院医疗救助。
% 「下列救助对象患普通疾病住院，其医疗费用经基本医保、大病保险报销后，属于医疗保险政策范围内
%  的自付费用，可以享受普通疾病住院医疗救助。其中，特困人员、低保对象、社会散居孤儿、事实无人
%  抚养儿童、艾滋病病毒感染儿童在一级、二级医疗机构按80%的比例给予救助，在三级医疗机构按75%的
%  比例给予救助；在乡重点优抚对象（不含1—6级残疾军人）在一级、二级、三级医疗机构按75%的比例
%  给予救助；城乡重度（1—2级）残疾人员、因病致贫重病患者、60年代精简退职老职工、原襄渝铁路建设
%  伤残民兵民工（含原襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属在一级、
%  二级、三级医疗机构按70%的比例给予救助。年救助封顶线为1万元/人，救助限额当年有效。」
% ---------------------------------------------------------------------------
provision(yb_2_4_a, yubei, "二（四）", "下列救助对象患普通疾病住院，其医疗费用经基本医保、大病保险报销后，属于医疗保险政策范围内的自付费用，可以享受普通疾病住院医疗救助").
provision(yb_2_4_b, yubei, "二（四）", "特困人员、低保对象、社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童在一级、二级医疗机构按80%的比例给予救助，在三级医疗机构按75%的比例给予救助").
provision(yb_2_4_c, yubei, "二（四）", "在乡重点优抚对象（不含1—6级残疾军人）在一级、二级、三级医疗机构按75%的比例给予救助").
provision(yb_2_4_d, yubei, "二（四）", "城乡重度（1—2级）残疾人员、因病致贫重病患者、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属在一级、二级、三级医疗机构按70%的比例给予救助").
provision(yb_2_4_e, yubei, "二（四）", "年救助封顶线为1万元/人，救助限额当年有效").

program_for(yubei, inpatient, inpatient, yb_2_4_a).

% Order of payers: basic insurance, then 大病保险, then assistance on the remaining self-pay.
payment_order(yubei, 1, basic, yb_2_4_a).
payment_order(yubei, 2, critical_illness, yb_2_4_a).
payment_order(yubei, 3, assistance, yb_2_4_a).

% 80% at 一级、二级 (level ≤ 2), 75% at 三级 (level ≥ 3).
benefit_rule(yubei, inpatient, yb_r_2_4_l12, yb_2_4_b).
benefit_rule(yubei, inpatient, yb_r_2_4_l3, yb_2_4_b).
% yb_level_groups: 特困人员、低保对象、孤儿、事实无人抚养儿童、艾滋病病毒感染儿童 — one set, named by each rule below that serves them.
category_set(yb_level_groups, tekun, yb_2_4_b).
category_set(yb_level_groups, dibao, yb_2_4_b).
category_set(yb_level_groups, orphan, yb_2_4_b).
category_set(yb_level_groups, de_facto_orphan, yb_2_4_b).
category_set(yb_level_groups, hiv_child, yb_2_4_b).
rule_categories(yb_r_2_4_l12, yb_level_groups, yb_2_4_b).
rule_categories(yb_r_2_4_l3, yb_level_groups, yb_2_4_b).
rule_condition(yb_r_2_4_l12, ordinary_disease, yb_2_4_a).
rule_condition(yb_r_2_4_l12, level_max(2), yb_2_4_b).
rule_condition(yb_r_2_4_l3, ordinary_disease, yb_2_4_a).
rule_condition(yb_r_2_4_l3, level_min(3), yb_2_4_b).
param(yb_r_2_4_l12, rate, exact, 80, percent, yb_2_4_b).
param(yb_r_2_4_l3, rate, exact, 75, percent, yb_2_4_b).

% 在乡重点优抚对象: 75% at every level.
benefit_rule(yubei, inpatient, yb_r_2_4_key, yb_2_4_c).
rule_category(yb_r_2_4_key, key_entitled, yb_2_4_c).
rule_condition(yb_r_2_4_key, ordinary_disease, yb_2_4_a).
param(yb_r_2_4_key, rate, exact, 75, percent, yb_2_4_c).

% 70% at every level.
benefit_rule(yubei, inpatient, yb_r_2_4_70, yb_2_4_d).
rule_category(yb_r_2_4_70, severe_disabled, yb_2_4_d).
rule_category(yb_r_2_4_70, illness_poor, yb_2_4_d).
rule_category(yb_r_2_4_70, retired_1960s, yb_2_4_d).
rule_category(yb_r_2_4_70, xiangyu_worker, yb_2_4_d).
rule_category(yb_r_2_4_70, martyr_family, yb_2_4_d).
rule_condition(yb_r_2_4_70, ordinary_disease, yb_2_4_a).
param(yb_r_2_4_70, rate, exact, 70, percent, yb_2_4_d).

% One 1万元 cap per person and year for the whole program (the default program pool).
param(yb_r_2_4_l12, cap, exact, 1000000, fen, yb_2_4_e).
param(yb_r_2_4_l3, cap, exact, 1000000, fen, yb_2_4_e).
param(yb_r_2_4_key, cap, exact, 1000000, fen, yb_2_4_e).
param(yb_r_2_4_70, cap, exact, 1000000, fen, yb_2_4_e).
param(yb_r_2_4_l12, deductible, exact, 0, fen, i_yb_no_deductible).
param(yb_r_2_4_l3, deductible, exact, 0, fen, i_yb_no_deductible).
param(yb_r_2_4_key, deductible, exact, 0, fen, i_yb_no_deductible).
param(yb_r_2_4_70, deductible, exact, 0, fen, i_yb_no_deductible).

% GAP (auditor): 原8023部队退役人员先天性残疾子女 is a 救助对象 (一（二）) and is paid under
% 二（五）、二（六）, but is missing from 二（四）; likewise 低保边缘家庭成员 and the four
% 农业农村 categories get no 普通疾病住院救助 in this document (nor a delegation).
% Hospitals without a grade (未定级) are not addressed; level_max(2) treats level 0/1 alike.

% ---------------------------------------------------------------------------
% 二（五）重特大疾病医疗救助。
% 「将肺癌、食道癌、胃癌、结肠癌、直肠癌、乳腺癌、宫颈癌、严重多器官衰竭（心、肝、肺、脑、肾）、
%  再生障碍性贫血、终末期肾病（尿毒症）、耐多药肺结核、艾滋病机会性感染、重性精神病、血友病、
%  肝肾移植前透析和手术后抗排异治疗、急性心肌梗塞、脑梗死、重症甲型H1N1、1型糖尿病、甲亢、唇腭裂、
%  地中海贫血、白血病、精神分裂症、躁狂症、焦虑症等26类疾病纳入特殊疾病医疗救助范围，特殊疾病
%  根据全市统一政策规定实行动态调整。
%  特困人员、低保对象、低保边缘家庭成员、返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重困难户、
%  因病致贫重病患者的重特大疾病医疗救助按照《重庆市渝北区人民政府办公室关于健全重特大疾病医疗
%  保险和救助制度的实施意见（渝北府办发〔2023〕37号）》执行。其他救助对象患上述特殊疾病，在定点
%  医疗机构发生住院费用或门诊治疗费用，经基本医保、大病保险报销后的政策范围内自付费用，按比例
%  给予救助。其中，社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童和在乡重点优抚对象（不含
%  1—6级残疾军人）按75%的比例给予救助；城乡重度（1—2级）残疾人员、60年代精简退职老职工、原襄渝
%  铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属、
%  原8023部队退役人员先天性残疾子女按70%的比例给予救助。年救助封顶线（含住院和门诊）为12万元/人，
%  救助限额当年有效。」
% ---------------------------------------------------------------------------
provision(yb_2_5_a, yubei, "二（五）", "将肺癌、食道癌、胃癌、结肠癌、直肠癌、乳腺癌、宫颈癌、严重多器官衰竭（心、肝、肺、脑、肾）、再生障碍性贫血、终末期肾病（尿毒症）、耐多药肺结核、艾滋病机会性感染、重性精神病、血友病、肝肾移植前透析和手术后抗排异治疗、急性心肌梗塞、脑梗死、重症甲型H1N1、1型糖尿病、甲亢、唇腭裂、地中海贫血、白血病、精神分裂症、躁狂症、焦虑症等26类疾病纳入特殊疾病医疗救助范围").
provision(yb_2_5_b, yubei, "二（五）", "特殊疾病根据全市统一政策规定实行动态调整").
provision(yb_2_5_c, yubei, "二（五）", "特困人员、低保对象、低保边缘家庭成员、返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重困难户、因病致贫重病患者的重特大疾病医疗救助按照《重庆市渝北区人民政府办公室关于健全重特大疾病医疗保险和救助制度的实施意见（渝北府办发〔2023〕37号）》执行").
provision(yb_2_5_d, yubei, "二（五）", "其他救助对象患上述特殊疾病，在定点医疗机构发生住院费用或门诊治疗费用，经基本医保、大病保险报销后的政策范围内自付费用，按比例给予救助").
provision(yb_2_5_e, yubei, "二（五）", "社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童和在乡重点优抚对象（不含1—6级残疾军人）按75%的比例给予救助").
provision(yb_2_5_f, yubei, "二（五）", "城乡重度（1—2级）残疾人员、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性残疾子女按70%的比例给予救助").
provision(yb_2_5_g, yubei, "二（五）", "年救助封顶线（含住院和门诊）为12万元/人，救助限额当年有效").

% --- The special-disease catalogue (shared by the Chongqing districts) -----------------------
% 「特殊疾病根据全市统一政策规定实行动态调整」: the list is the municipality's, so medaid keeps it
% as one catalogue `chongqing` that both Chongqing district documents (沙坪坝、渝北) use.
interpretation(i_cq_catalog, yubei, "特殊疾病目录为重庆市统一目录",
    "二（五）所列26类特殊疾病根据全市统一政策规定实行动态调整，属全市统一的特殊疾病范围；medaid将其作为重庆市目录chongqing，沙坪坝区、渝北区两份区级文件共用。目录调整以市级文件为准，本库仅收录本文件列明的26类", yb_2_5_b).
uses_catalog(yubei, chongqing, i_cq_catalog).

% The document names diseases, not codes. The ICD-10 ranges below are medaid's mapping so that
% settlement data coded in ICD-10 can be matched; names are kept exactly as written. Ranges are
% inclusive; a 3-character code covers all its 4-character sub-codes. One disease may have
% several disease/6 facts with the same N (unrelated ranges). Choices (auditor, check these):
%  1 肺癌 C34 (支气管和肺恶性肿瘤; C33 气管 not included).
%  5 直肠癌 C20 only (C19 直肠乙状结肠连接处 not included).
%  8 严重多器官衰竭: one range per organ — 心 I50 心力衰竭, 肝 K72 肝衰竭, 肺 J96 呼吸衰竭,
%    脑 G93.1 缺氧性脑损害 (ICD-10 has no 脑衰竭 code), 肾 N17–N19 肾衰竭. A single organ's code
%    matches; 「多器官」「严重」 cannot be checked from one code.
% 10 终末期肾病（尿毒症）N18–N19 (N18 慢性肾脏病 incl. the end stage; 尿毒症 NOS is N19); the
%    stage cannot be checked from the 3-character code.
% 11 耐多药肺结核 A15–A16 (呼吸系统结核); 耐多药 is U84.3 in WHO's emergency codes, not in
%    ICD-10's core chapters, so drug resistance cannot be checked. A17–A19 (肺外结核) excluded.
% 12 艾滋病机会性感染 B20–B24 (HIV病); 「机会性感染」 cannot be checked apart from B20.
% 13 重性精神病 F20–F31 (精神分裂症及妄想性障碍 F20–F29, 躁狂发作 F30, 双相障碍 F31);
%    F06/F7x 伴发精神障碍 not included.
% 14 血友病 D66–D67 (甲型、乙型) and D68.1 (遗传性凝血因子XI缺乏, 丙型); other D68 not included.
% 15 肝肾移植前透析和手术后抗排异治疗: Z49 透析, Z99.2 依赖肾透析, Z94.0 肾移植状态,
%    Z94.4 肝移植状态, T86.1 肾移植失败和排斥, T86.4 肝移植失败和排斥; 「移植前」 not checkable.
% 18 重症甲型H1N1 J09–J10 (已证实的流感病毒); 「重症」 and the subtype cannot be checked.
% 26 焦虑症 F41 (其他焦虑障碍; F40 恐怖性焦虑障碍 not included).
interpretation(i_yb_icd10, yubei, "特殊疾病的ICD-10编码范围",
    "病种名称→ICD-10 编码范围为 medaid 的映射，供按 ICD-10 编码的结算数据匹配；文件只列病种名称，名称照录原文，编码范围由medaid选定并逐条说明", yb_2_5_a).

disease(chongqing, 1, "肺癌", "C34", "C34", i_yb_icd10).
disease(chongqing, 2, "食道癌", "C15", "C15", i_yb_icd10).
disease(chongqing, 3, "胃癌", "C16", "C16", i_yb_icd10).
disease(chongqing, 4, "结肠癌", "C18", "C18", i_yb_icd10).
disease(chongqing, 5, "直肠癌", "C20", "C20", i_yb_icd10).
disease(chongqing, 6, "乳腺癌", "C50", "C50", i_yb_icd10).
disease(chongqing, 7, "宫颈癌", "C53", "C53", i_yb_icd10).
disease(chongqing, 8, "严重多器官衰竭（心、肝、肺、脑、肾）", "I50", "I50", i_yb_icd10).
disease(chongqing, 8, "严重多器官衰竭（心、肝、肺、脑、肾）", "K72", "K72", i_yb_icd10).
disease(chongqing, 8, "严重多器官衰竭（心、肝、肺、脑、肾）", "J96", "J96", i_yb_icd10).
disease(chongqing, 8, "严重多器官衰竭（心、肝、肺、脑、肾）", "G93.1", "G93.1", i_yb_icd10).
disease(chongqing, 8, "严重多器官衰竭（心、肝、肺、脑、肾）", "N17", "N19", i_yb_icd10).
disease(chongqing, 9, "再生障碍性贫血", "D60", "D61", i_yb_icd10).
disease(chongqing, 10, "终末期肾病（尿毒症）", "N18", "N19", i_yb_icd10).
disease(chongqing, 11, "耐多药肺结核", "A15", "A16", i_yb_icd10).
disease(chongqing, 12, "艾滋病机会性感染", "B20", "B24", i_yb_icd10).
disease(chongqing, 13, "重性精神病", "F20", "F31", i_yb_icd10).
disease(chongqing, 14, "血友病", "D66", "D67", i_yb_icd10).
disease(chongqing, 14, "血友病", "D68.1", "D68.1", i_yb_icd10).
disease(chongqing, 15, "肝肾移植前透析和手术后抗排异治疗", "Z49", "Z49", i_yb_icd10).
disease(chongqing, 15, "肝肾移植前透析和手术后抗排异治疗", "Z99.2", "Z99.2", i_yb_icd10).
disease(chongqing, 15, "肝肾移植前透析和手术后抗排异治疗", "Z94.0", "Z94.0", i_yb_icd10).
disease(chongqing, 15, "肝肾移植前透析和手术后抗排异治疗", "Z94.4", "Z94.4", i_yb_icd10).
disease(chongqing, 15, "肝肾移植前透析和手术后抗排异治疗", "T86.1", "T86.1", i_yb_icd10).
disease(chongqing, 15, "肝肾移植前透析和手术后抗排异治疗", "T86.4", "T86.4", i_yb_icd10).
disease(chongqing, 16, "急性心肌梗塞", "I21", "I22", i_yb_icd10).
disease(chongqing, 17, "脑梗死", "I63", "I63", i_yb_icd10).
disease(chongqing, 18, "重症甲型H1N1", "J09", "J10", i_yb_icd10).
disease(chongqing, 19, "1型糖尿病", "E10", "E10", i_yb_icd10).
disease(chongqing, 20, "甲亢", "E05", "E05", i_yb_icd10).
disease(chongqing, 21, "唇腭裂", "Q35", "Q37", i_yb_icd10).
disease(chongqing, 22, "地中海贫血", "D56", "D56", i_yb_icd10).
disease(chongqing, 23, "白血病", "C91", "C95", i_yb_icd10).
disease(chongqing, 24, "精神分裂症", "F20", "F20", i_yb_icd10).
disease(chongqing, 25, "躁狂症", "F30", "F30", i_yb_icd10).
disease(chongqing, 26, "焦虑症", "F41", "F41", i_yb_icd10).

% --- The program ------------------------------------------------------------------------------
% 「住院费用或门诊治疗费用」: inpatient stays and both kinds of outpatient claims.
interpretation(i_yb_special_kinds, yubei, "特殊疾病救助含住院和门诊",
    "二（五）对住院费用或门诊治疗费用均给予救助，封顶线含住院和门诊；medaid将住院、门诊慢特病和普通门诊三类费用均纳入特殊疾病救助，共用一个年度封顶线", yb_2_5_d).
program_for(yubei, special_disease, inpatient, yb_2_5_d).
program_for(yubei, special_disease, chronic_outpatient, i_yb_special_kinds).
program_for(yubei, special_disease, outpatient, i_yb_special_kinds).

% The eight categories whose 重特大疾病医疗救助 the district's 2023 document decides.
reference(yubei, ref_yb_ybf37, "《重庆市渝北区人民政府办公室关于健全重特大疾病医疗保险和救助制度的实施意见（渝北府办发〔2023〕37号）》", not_in_base, yb_2_5_c).
delegated(yubei, special_disease, tekun, "渝北府办发〔2023〕37号", yb_2_5_c).
delegated(yubei, special_disease, dibao, "渝北府办发〔2023〕37号", yb_2_5_c).
delegated(yubei, special_disease, dibao_edge, "渝北府办发〔2023〕37号", yb_2_5_c).
delegated(yubei, special_disease, returned_poor, "渝北府办发〔2023〕37号", yb_2_5_c).
delegated(yubei, special_disease, unstable_exit, "渝北府办发〔2023〕37号", yb_2_5_c).
delegated(yubei, special_disease, edge_risk, "渝北府办发〔2023〕37号", yb_2_5_c).
delegated(yubei, special_disease, sudden_hardship, "渝北府办发〔2023〕37号", yb_2_5_c).
delegated(yubei, special_disease, illness_poor, "渝北府办发〔2023〕37号", yb_2_5_c).

% 「其他救助对象」: 75% group.
benefit_rule(yubei, special_disease, yb_r_2_5_75, yb_2_5_e).
rule_categories(yb_r_2_5_75, yb_children_entitled, yb_2_5_e).
rule_condition(yb_r_2_5_75, special_disease, yb_2_5_d).
param(yb_r_2_5_75, rate, exact, 75, percent, yb_2_5_e).

% 70% group.
benefit_rule(yubei, special_disease, yb_r_2_5_70, yb_2_5_f).
% yb_special_groups: 城乡重度（1—2级）残疾人员、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性残疾子女 — one set, named by each rule below that serves them.
category_set(yb_special_groups, severe_disabled, yb_2_5_f).
category_set(yb_special_groups, retired_1960s, yb_2_5_f).
category_set(yb_special_groups, xiangyu_worker, yb_2_5_f).
category_set(yb_special_groups, martyr_family, yb_2_5_f).
category_set(yb_special_groups, unit8023_child, yb_2_5_f).
rule_categories(yb_r_2_5_70, yb_special_groups, yb_2_5_f).
rule_condition(yb_r_2_5_70, special_disease, yb_2_5_d).
param(yb_r_2_5_70, rate, exact, 70, percent, yb_2_5_f).

% One 12万元 cap per person and year, inpatient and outpatient together (the program pool).
param(yb_r_2_5_75, cap, exact, 12000000, fen, yb_2_5_g).
param(yb_r_2_5_70, cap, exact, 12000000, fen, yb_2_5_g).
param(yb_r_2_5_75, deductible, exact, 0, fen, i_yb_no_deductible).
param(yb_r_2_5_70, deductible, exact, 0, fen, i_yb_no_deductible).
% 「在定点医疗机构」: medaid has no condition for 定点; claims are taken to be at 定点 institutions.

% ---------------------------------------------------------------------------
% 二（六）大额费用医疗救助。
% 「特困人员、低保对象、低保边缘家庭成员、返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重
%  困难户、因病致贫重病患者的大额费用医疗救助按照《重庆市渝北区人民政府办公室关于健全重特大疾病
%  医疗保险和救助制度的实施意见（渝北府办发〔2023〕37号）》执行。其他救助对象患上述重特大疾病
%  以外的其他疾病，在二级及以上医疗机构一次性住院发生医疗保险政策范围内费用超过3万元的，经基本
%  医保、大病保险报销后的政策范围内费用，按比例给予救助。其中，社会散居孤儿、事实无人抚养儿童、
%  艾滋病病毒感染儿童和退役军人事务部门管理的在乡重点优抚对象（不含1—6级残疾军人）按75%的比例
%  给予救助；城乡重度（1—2级）残疾人员、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原
%  襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性
%  残疾子女按70%的比例给予救助。年救助封顶线为6万元/人，救助限额当年有效。」
% ---------------------------------------------------------------------------
provision(yb_2_6_a, yubei, "二（六）", "特困人员、低保对象、低保边缘家庭成员、返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重困难户、因病致贫重病患者的大额费用医疗救助按照《重庆市渝北区人民政府办公室关于健全重特大疾病医疗保险和救助制度的实施意见（渝北府办发〔2023〕37号）》执行").
provision(yb_2_6_b, yubei, "二（六）", "其他救助对象患上述重特大疾病以外的其他疾病，在二级及以上医疗机构一次性住院发生医疗保险政策范围内费用超过3万元的，经基本医保、大病保险报销后的政策范围内费用，按比例给予救助").
provision(yb_2_6_c, yubei, "二（六）", "社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童和退役军人事务部门管理的在乡重点优抚对象（不含1—6级残疾军人）按75%的比例给予救助").
provision(yb_2_6_d, yubei, "二（六）", "城乡重度（1—2级）残疾人员、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）、按渝北府办电〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性残疾子女按70%的比例给予救助").
provision(yb_2_6_e, yubei, "二（六）", "年救助封顶线为6万元/人，救助限额当年有效").

% 「经基本医保、大病保险报销后的政策范围内费用」 is the stay's self-pay, all of it: the 3万元
% threshold decides eligibility only and is not deducted.
interpretation(i_yb_large_base, yubei, "大额费用救助基数为全部政策范围内自付费用",
    "二（六）一次性住院政策范围内费用超过3万元的，对经基本医保、大病保险报销后的政策范围内费用按比例救助；medaid以该次住院全部政策范围内自付费用为救助基数，3万元仅为准入条件，不作为起付线扣除", yb_2_6_b).

program_for(yubei, large_expense, inpatient, yb_2_6_b).

delegated(yubei, large_expense, tekun, "渝北府办发〔2023〕37号", yb_2_6_a).
delegated(yubei, large_expense, dibao, "渝北府办发〔2023〕37号", yb_2_6_a).
delegated(yubei, large_expense, dibao_edge, "渝北府办发〔2023〕37号", yb_2_6_a).
delegated(yubei, large_expense, returned_poor, "渝北府办发〔2023〕37号", yb_2_6_a).
delegated(yubei, large_expense, unstable_exit, "渝北府办发〔2023〕37号", yb_2_6_a).
delegated(yubei, large_expense, edge_risk, "渝北府办发〔2023〕37号", yb_2_6_a).
delegated(yubei, large_expense, sudden_hardship, "渝北府办发〔2023〕37号", yb_2_6_a).
delegated(yubei, large_expense, illness_poor, "渝北府办发〔2023〕37号", yb_2_6_a).

benefit_rule(yubei, large_expense, yb_r_2_6_75, yb_2_6_c).
rule_categories(yb_r_2_6_75, yb_children_entitled, yb_2_6_c).
param(yb_r_2_6_75, rate, exact, 75, percent, yb_2_6_c).

benefit_rule(yubei, large_expense, yb_r_2_6_70, yb_2_6_d).
rule_categories(yb_r_2_6_70, yb_special_groups, yb_2_6_d).
param(yb_r_2_6_70, rate, exact, 70, percent, yb_2_6_d).

% Conditions shared by both rules: not one of the special diseases, 二级及以上, one stay's
% policy-scope cost over 3万元.
rule_condition(yb_r_2_6_75, ordinary_disease, yb_2_6_b).
rule_condition(yb_r_2_6_75, level_min(2), yb_2_6_b).
rule_condition(yb_r_2_6_75, cost_over(3000000), yb_2_6_b).
rule_condition(yb_r_2_6_70, ordinary_disease, yb_2_6_b).
rule_condition(yb_r_2_6_70, level_min(2), yb_2_6_b).
rule_condition(yb_r_2_6_70, cost_over(3000000), yb_2_6_b).

param(yb_r_2_6_75, cap, exact, 6000000, fen, yb_2_6_e).
param(yb_r_2_6_70, cap, exact, 6000000, fen, yb_2_6_e).
param(yb_r_2_6_75, deductible, exact, 0, fen, i_yb_large_base).
param(yb_r_2_6_70, deductible, exact, 0, fen, i_yb_large_base).

% 普通疾病住院 (二（四）) and 大额费用 (二（六）) both pay an ordinary-disease stay of a 二级 or
% higher hospital costing over 3万元 for the same 救助对象 (e.g. 社会散居孤儿: 80%/75% under
% 二（四）, 75% under 二（六）). The document does not say whether they stack.
interpretation(i_yb_overlap, yubei, "普通疾病住院救助与大额费用救助不叠加、取高",
    "文件未规定同一次普通疾病住院同时符合二（四）普通疾病住院救助和二（六）大额费用救助时是否叠加；medaid按不重复救助、待遇最优（三（一））处理：两项分别计算，只支付金额较高的一项，另一项不予支付", yb_3_1).
overlap(yubei, inpatient, large_expense, larger, i_yb_overlap).

% 就高 against 渝北府办发〔2023〕37号: the 大额费用 treatment of 特困、低保 and the other
% groups of 二（六） is in a document the knowledge base does not hold. Where such a person
% also has a computable treatment (二（四） 住院, or 二（六） through another identity), the
% payment is the larger of the two, so the computed figure is only a floor.
interpretation(i_yb_floor, yubei, "就高时另一待遇由37号文规定：已算金额为下限",
    "按就高不就低（三（一））和二（四）、二（六）取高，同一费用最终支付其中较高者；当其中一项由渝北府办发〔2023〕37号规定而该文件不在知识库中时，已算出的金额只是实际支付的下限，不作为确定金额", yb_3_1).
bound_reading(yubei, floor, i_yb_floor).
