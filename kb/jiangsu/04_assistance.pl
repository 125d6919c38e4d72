% 江苏省 重特大疾病医疗保险和救助实施意见（征求意见稿）
% 四、夯实医疗救助托底保障
%
% The province fixes only floors and ceilings here; each 设区市 sets its own
% 起付标准、救助比例、救助限额 (四（六） last sentence). medaid therefore computes a
% bounded outcome for a Jiangsu claim: amount_min with the least generous figures
% the province allows, amount_max with the most generous (tests/cases/README.md 8).

% ---------------------------------------------------------------------------
% 四（四）增强医疗救助制度公平性
% 「（四）增强医疗救助制度公平性。推进医疗救助与基本医保统筹层次相衔接，全面实现
%   医疗救助在设区市范围内统一救助范围、统一救助标准、统一经办管理、统一定点管理
%   、统一信息系统建设，切实增强政策制度的公平性，最大限度地惠及救助对象。」
% ---------------------------------------------------------------------------
provision(js_4_4, jiangsu, "四（四）", "全面实现医疗救助在设区市范围内统一救助范围、统一救助标准、统一经办管理、统一定点管理、统一信息系统建设").
non_computational(jiangsu, "四（四）", "统筹层次与经办统一的要求，无可计算的待遇；它说明具体救助标准在设区市范围内统一制定（见四（六）的设区市授权）").

% ---------------------------------------------------------------------------
% 四（五）明确救助费用保障范围
% 「（五）明确救助费用保障范围。坚持保基本，妥善解决救助对象政策范围内基本医疗需
%   求。救助费用主要覆盖救助对象在定点医药机构发生的政策范围内门诊、住院费用。由
%   医疗救助基金支付的药品、医用耗材、诊疗项目应符合国家和省有关基本医保支付范围
%   的规定。基本医保、大病保险起付线以下的政策范围内个人自付费用，按规定纳入救助
%   保障。除国家另有明确规定外，各统筹地区不得自行制定或用变通的方法擅自扩大医疗
%   救助费用保障范围。」
% ---------------------------------------------------------------------------
provision(js_4_5_a, jiangsu, "四（五）", "救助费用主要覆盖救助对象在定点医药机构发生的政策范围内门诊、住院费用").
provision(js_4_5_b, jiangsu, "四（五）", "基本医保、大病保险起付线以下的政策范围内个人自付费用，按规定纳入救助保障").
interpretation(i_js_selfpay_base, jiangsu, "救助基数为政策范围内个人自付（含起付线以下部分）",
    "四（五）把政策范围内门诊、住院费用及基本医保、大病保险起付线以下的政策范围内个人自付纳入救助保障。medaid的救助基数为政策范围内费用减去基本医保、大病保险（及补充保险）支付后的全部个人自付，起付线以下部分自然包含在内；政策范围外费用不输入、不救助。",
    js_4_5_b).
non_computational(jiangsu, "四（五）", "保障范围须符合国家和省基本医保支付范围、各统筹地区不得擅自扩大，属目录管理要求；medaid只接受政策范围内费用作为输入，不审查具体药品、耗材、诊疗项目").

% ---------------------------------------------------------------------------
% 四（六）合理确定基本救助水平
% 「（六）合理确定基本救助水平。分类设定年度救助起付标准（以下简称起付标准）。对
%   一类救助对象不设起付标准，二类救助对象起付标准不高于统筹地区上年居民人均可支
%   配收入的10%。对一类救助对象中的特困人员、困境儿童中的孤儿和事实无人抚养儿
%   童给予100%救助，其他救助对象按不低于80%的比例救助；二类救助对象救助比
%   例不低于70%。合理设定年度救助限额（以下简称救助限额），原则上不低于统筹地
%   区上年居民人均可支配收入的3倍，门诊和住院共用救助限额，其中普通门诊救助限额
%   不低于1万元。具体起付标准、救助比例、救助限额由各设区市制定，要适宜适度，防
%   止泛福利化倾向。」
% ---------------------------------------------------------------------------
provision(js_4_6_a, jiangsu, "四（六）", "分类设定年度救助起付标准（以下简称起付标准）").
provision(js_4_6_b, jiangsu, "四（六）", "对一类救助对象不设起付标准").
provision(js_4_6_c, jiangsu, "四（六）", "二类救助对象起付标准不高于统筹地区上年居民人均可支配收入的10%").
provision(js_4_6_d, jiangsu, "四（六）", "对一类救助对象中的特困人员、困境儿童中的孤儿和事实无人抚养儿童给予100%救助").
provision(js_4_6_e, jiangsu, "四（六）", "其他救助对象按不低于80%的比例救助").
provision(js_4_6_f, jiangsu, "四（六）", "二类救助对象救助比例不低于70%").
provision(js_4_6_g, jiangsu, "四（六）", "原则上不低于统筹地区上年居民人均可支配收入的3倍，门诊和住院共用救助限额").
provision(js_4_6_h, jiangsu, "四（六）", "其中普通门诊救助限额不低于1万元").
provision(js_4_6_i, jiangsu, "四（六）", "具体起付标准、救助比例、救助限额由各设区市制定").

% The province's figures bind the 设区市, not the claimant directly.
interpretation(i_js_city_floors, jiangsu, "省定标准为设区市标准的上下限",
    "四（六）规定“具体起付标准、救助比例、救助限额由各设区市制定”，四（四）要求在设区市范围内统一救助标准。省文件中的“不高于”“不低于”“原则上不低于”是对设区市的约束：起付标准取上限、救助比例和救助限额取下限为最不利情形，起付标准为0、比例100%、不设限额为最有利情形，medaid据此给出区间（bounded）。只有文件本身确定的数值（一类不设起付标准，特困人员、孤儿、事实无人抚养儿童100%）按确定值计。具体数值以各设区市文件为准，这些文件不在知识库中。",
    js_4_6_i).
reference(jiangsu, ref_js_city_standards,
    "各设区市制定的具体起付标准、救助比例、救助限额", unnamed, i_js_city_floors).

% Bounds that hold for every city: the year is computed for every combination of the
% open figures (each at the province's bound or at its most generous end) and each claim
% gets the range over all of them; a city's figure is one number per clause, for 门诊 and
% 住院 alike (i_js_pooled_deductible reads the deductible and the cap the same way).
interpretation(i_js_one_figure, jiangsu, "设区市按条款各定一个数值，逐一组合取区间",
    "四（六）只规定起付标准上限、救助比例和救助限额下限，具体数值由设区市制定。同一条款的同一项数值（如一类“其他救助对象”的救助比例、共用的年度救助限额、普通门诊救助限额）由设区市定为一个数，门诊和住院相同；每项数值可取省定界限，也可取最有利的一端（起付标准0、比例100%、不设限额）。medaid对一年内所有这些取值组合逐一计算全年台账，每笔理赔的区间取各组合下金额的最小值和最大值，因此对任一设区市的合法取值都成立", js_4_6_i).
bound_reading(jiangsu, vertices, i_js_one_figure).

% 困境儿童中的孤儿和事实无人抚养儿童 are named as kinds of 困境儿童 (class1).
subkind(jiangsu, orphan, distressed_child, js_4_6_d).
subkind(jiangsu, de_facto_orphan, distressed_child, js_4_6_d).
category_term(jiangsu, orphan, "困境儿童中的孤儿", js_4_6_d).
category_term(jiangsu, de_facto_orphan, "困境儿童中的事实无人抚养儿童", js_4_6_d).
category_class(jiangsu, orphan, class1, js_4_6_d).
category_class(jiangsu, de_facto_orphan, class1, js_4_6_d).

% 其他救助对象 in 「其他救助对象按不低于80%的比例救助」 is read as the rest of class1,
% since class2 gets its own figure in the next sentence.
interpretation(i_js_other_class1, jiangsu, "“其他救助对象”指一类中的其他对象",
    "四（六）先对一类中的特困人员、孤儿、事实无人抚养儿童给予100%救助，接着“其他救助对象按不低于80%的比例救助”，分号后再单独规定“二类救助对象救助比例不低于70%”。因此“其他救助对象”读作一类救助对象中的其余对象（低保对象、困境儿童、优抚对象、60年代精减退职职工、特困职工），不含二类。",
    js_4_6_e).

% 门诊和住院共用救助限额 — and the 年度救助起付标准 is one yearly threshold
% across 门诊 and 住院 as well.
interpretation(i_js_pooled_deductible, jiangsu, "年度起付标准门诊住院合并累计",
    "四（六）规定的是“年度救助起付标准”，按救助对象类别设定，未区分门诊与住院；同款又规定“门诊和住院共用救助限额”。medaid将同一年度内门诊、门诊慢特病、住院的政策范围内个人自付合并累计抵扣一个年度起付标准（deductible_pool js_annual），并共用一个年度救助限额（cap_pool js_annual）。",
    js_4_6_a).

% 门诊慢特病 falls under 门诊 but not 普通门诊: the 1万元 sub-limit is for 普通门诊 only.
interpretation(i_js_chronic_outpatient, jiangsu, "门诊慢特病按住院救助规则计",
    "四（六）只对“普通门诊”另设不低于1万元的救助限额；门诊慢特病属于门诊但不是普通门诊。medaid对门诊慢特病适用与住院相同的起付标准、救助比例和共用年度限额，不受普通门诊子限额约束。",
    js_4_6_h).

program_for(jiangsu, inpatient, inpatient, js_4_5_a).
program_for(jiangsu, inpatient, chronic_outpatient, i_js_chronic_outpatient).
program_for(jiangsu, outpatient, outpatient, js_4_5_a).

% --- 住院救助 (and 门诊慢特病) -----------------------------------------------
% js_inp_full: 特困人员、孤儿、事实无人抚养儿童 — no deductible, 100%.
benefit_rule(jiangsu, inpatient, js_inp_full, js_4_6_d).
% js_full_assistance: 特困人员、孤儿、事实无人抚养儿童 — one set, named by each rule below that serves them.
category_set(js_full_assistance, tekun, js_4_6_d).
category_set(js_full_assistance, orphan, js_4_6_d).
category_set(js_full_assistance, de_facto_orphan, js_4_6_d).
rule_categories(js_inp_full, js_full_assistance, js_4_6_d).
param(js_inp_full, deductible, exact, 0, fen, js_4_6_b).
param(js_inp_full, rate, exact, 100, percent, js_4_6_d).
param(js_inp_full, cap, min, 300, percent_of(per_capita_disposable_income), js_4_6_g).
derived(js_inp_full, cap, "3倍 = 300%", js_4_6_g).
cap_pool(js_inp_full, js_annual, js_4_6_g).
deductible_pool(js_inp_full, js_annual, i_js_pooled_deductible).

% js_inp_class1: the rest of class1 — no deductible, not less than 80%.
benefit_rule(jiangsu, inpatient, js_inp_class1, js_4_6_e).
% js_other_class1: 低保对象、困境儿童、符合条件的享受国家抚恤补助的优抚对象、60年代精简退职老职工、总工会核定的特困职工 — one set, named by each rule below that serves them.
category_set(js_other_class1, dibao, i_js_other_class1).
category_set(js_other_class1, distressed_child, i_js_other_class1).
category_set(js_other_class1, entitled_veteran, i_js_other_class1).
category_set(js_other_class1, retired_1960s, i_js_other_class1).
category_set(js_other_class1, hardship_worker, i_js_other_class1).
rule_categories(js_inp_class1, js_other_class1, i_js_other_class1).
param(js_inp_class1, deductible, exact, 0, fen, js_4_6_b).
param(js_inp_class1, rate, min, 80, percent, js_4_6_e).
param(js_inp_class1, cap, min, 300, percent_of(per_capita_disposable_income), js_4_6_g).
derived(js_inp_class1, cap, "3倍 = 300%", js_4_6_g).
cap_pool(js_inp_class1, js_annual, js_4_6_g).
deductible_pool(js_inp_class1, js_annual, i_js_pooled_deductible).

% js_inp_class2: class2 — deductible not above 10% of income, not less than 70%.
benefit_rule(jiangsu, inpatient, js_inp_class2, js_4_6_f).
% js_other_class2: 低保边缘家庭成员、支出型困难家庭中的大重病患者、具有当地户籍的临时救助对象中的大重病患者、其他特殊困难人员 — one set, named by each rule below that serves them.
category_set(js_other_class2, dibao_edge, js_4_6_f).
category_set(js_other_class2, expenditure_patient, js_4_6_f).
category_set(js_other_class2, temp_assist_patient, js_4_6_f).
category_set(js_other_class2, other_hardship, js_4_6_f).
rule_categories(js_inp_class2, js_other_class2, js_4_6_f).
param(js_inp_class2, deductible, max, 10, percent_of(per_capita_disposable_income), js_4_6_c).
param(js_inp_class2, rate, min, 70, percent, js_4_6_f).
param(js_inp_class2, cap, min, 300, percent_of(per_capita_disposable_income), js_4_6_g).
derived(js_inp_class2, cap, "3倍 = 300%", js_4_6_g).
cap_pool(js_inp_class2, js_annual, js_4_6_g).
deductible_pool(js_inp_class2, js_annual, i_js_pooled_deductible).

% --- 普通门诊救助: the same figures, plus the 普通门诊 sub-limit ≥ 1万元 --------
benefit_rule(jiangsu, outpatient, js_out_full, js_4_6_d).
rule_categories(js_out_full, js_full_assistance, js_4_6_d).
param(js_out_full, deductible, exact, 0, fen, js_4_6_b).
param(js_out_full, rate, exact, 100, percent, js_4_6_d).
param(js_out_full, cap, min, 300, percent_of(per_capita_disposable_income), js_4_6_g).
derived(js_out_full, cap, "3倍 = 300%", js_4_6_g).
param(js_out_full, subcap, min, 1000000, fen, js_4_6_h).
cap_pool(js_out_full, js_annual, js_4_6_g).
deductible_pool(js_out_full, js_annual, i_js_pooled_deductible).

benefit_rule(jiangsu, outpatient, js_out_class1, js_4_6_e).
rule_categories(js_out_class1, js_other_class1, i_js_other_class1).
param(js_out_class1, deductible, exact, 0, fen, js_4_6_b).
param(js_out_class1, rate, min, 80, percent, js_4_6_e).
param(js_out_class1, cap, min, 300, percent_of(per_capita_disposable_income), js_4_6_g).
derived(js_out_class1, cap, "3倍 = 300%", js_4_6_g).
param(js_out_class1, subcap, min, 1000000, fen, js_4_6_h).
cap_pool(js_out_class1, js_annual, js_4_6_g).
deductible_pool(js_out_class1, js_annual, i_js_pooled_deductible).

benefit_rule(jiangsu, outpatient, js_out_class2, js_4_6_f).
rule_categories(js_out_class2, js_other_class2, js_4_6_f).
param(js_out_class2, deductible, max, 10, percent_of(per_capita_disposable_income), js_4_6_c).
param(js_out_class2, rate, min, 70, percent, js_4_6_f).
param(js_out_class2, cap, min, 300, percent_of(per_capita_disposable_income), js_4_6_g).
derived(js_out_class2, cap, "3倍 = 300%", js_4_6_g).
param(js_out_class2, subcap, min, 1000000, fen, js_4_6_h).
cap_pool(js_out_class2, js_annual, js_4_6_g).
deductible_pool(js_out_class2, js_annual, i_js_pooled_deductible).

% ---------------------------------------------------------------------------
% 四（七）统筹完善托底保障措施
% 「（七）统筹完善托底保障措施。对规范转诊且在省域内就医的救助对象，经三重制度综
%   合保障后政策范围内个人负担仍然较重的，给予倾斜救助，具体救助标准由设区市人民
%   政府根据医疗救助基金筹资情况科学确定，避免过度保障。加强定点医疗机构管理，控
%   制基本医保目录外医药费用，经基本医保、大病保险、医疗救助等结报后，救助对象在
%   县域内定点医疗机构住院个人自付费用控制在政策范围内住院总费用10%以内。」
% ---------------------------------------------------------------------------
provision(js_4_7_a, jiangsu, "四（七）", "对规范转诊且在省域内就医的救助对象，经三重制度综合保障后政策范围内个人负担仍然较重的，给予倾斜救助").
provision(js_4_7_b, jiangsu, "四（七）", "具体救助标准由设区市人民政府根据医疗救助基金筹资情况科学确定").
provision(js_4_7_c, jiangsu, "四（七）", "救助对象在县域内定点医疗机构住院个人自付费用控制在政策范围内住院总费用10%以内").

% 倾斜救助 is for any 救助对象 whose yearly residual burden stays heavy, for care
% in 门诊 or 住院 alike; the province gives neither threshold, rate nor cap.
program_for(jiangsu, tilt, inpatient, js_4_7_a).
program_for(jiangsu, tilt, chronic_outpatient, i_js_tilt_unquantified).
program_for(jiangsu, tilt, outpatient, i_js_tilt_unquantified).
benefit_rule(jiangsu, tilt, js_tilt, js_4_7_a).
% js_recipients: 特困人员、低保对象、困境儿童、符合条件的享受国家抚恤补助的优抚对象、60年代精简退职老职工、总工会核定的特困职工、低保边缘家庭成员、支出型困难家庭中的大重病患者、具有当地户籍的临时救助对象中的大重病患者、其他特殊困难人员 — one set, named by each rule that serves them.
category_set(js_recipients, tekun, js_4_7_a).
category_set(js_recipients, dibao, js_4_7_a).
category_set(js_recipients, distressed_child, js_4_7_a).
category_set(js_recipients, entitled_veteran, js_4_7_a).
category_set(js_recipients, retired_1960s, js_4_7_a).
category_set(js_recipients, hardship_worker, js_4_7_a).
category_set(js_recipients, dibao_edge, js_4_7_a).
category_set(js_recipients, expenditure_patient, js_4_7_a).
category_set(js_recipients, temp_assist_patient, js_4_7_a).
category_set(js_recipients, other_hardship, js_4_7_a).
rule_categories(js_tilt, js_recipients, js_4_7_a).
rule_condition(js_tilt, properly_referred, js_4_7_a).
rule_condition(js_tilt, within(province), js_4_7_a).
params_delegated(js_tilt, "设区市人民政府根据医疗救助基金筹资情况科学确定", js_4_7_b).
reference(jiangsu, ref_js_city_tilt,
    "设区市人民政府确定的倾斜救助标准", unnamed, js_4_7_b).
interpretation(i_js_tilt_unquantified, jiangsu, "倾斜救助无省定数值",
    "四（七）规定对规范转诊且在省域内就医、经三重制度保障后个人负担“仍然较重”的救助对象给予倾斜救助，但“较重”的门槛、救助比例和限额均由设区市人民政府确定。medaid判断是否符合倾斜救助的条件（救助对象身份、规范转诊、省域内就医），符合时结论为待定（unresolved），不计算金额。文件未限定门诊或住院，故门诊、门诊慢特病、住院均可适用。",
    js_4_7_b).

% A management target on hospitals, not a benefit: stated for the record.
selfpay_target(jiangsu, in_district, max, 10, js_4_7_c).

% ---------------------------------------------------------------------------
% 四（八）特殊情形处置
% 「（八）特殊情形处置。救助对象具有多重身份的，按就高原则享受医疗救助待遇，但不
%   得重复享受；丧失相应救助对象身份的，原则上次月起不再享受医疗救助待遇。救助对
%   象住院治疗期间，丧失救助对象身份的，当次住院仍按原救助对象类别享受医疗费用救
%   助待遇；在住院治疗期间取得救助对象身份的，当次住院起即可按相应救助对象类别享
%   受医疗费用救助待遇。一类救助对象异地就学、就业等，应当由其身份相对应的生活保
%   障（补助、待遇）领取（享受）地给予医疗救助。」
% ---------------------------------------------------------------------------
provision(js_4_8_a, jiangsu, "四（八）", "救助对象具有多重身份的，按就高原则享受医疗救助待遇，但不得重复享受").
provision(js_4_8_b, jiangsu, "四（八）", "丧失相应救助对象身份的，原则上次月起不再享受医疗救助待遇").
provision(js_4_8_c, jiangsu, "四（八）", "救助对象住院治疗期间，丧失救助对象身份的，当次住院仍按原救助对象类别享受医疗费用救助待遇").
provision(js_4_8_d, jiangsu, "四（八）", "在住院治疗期间取得救助对象身份的，当次住院起即可按相应救助对象类别享受医疗费用救助待遇").
provision(js_4_8_e, jiangsu, "四（八）", "一类救助对象异地就学、就业等，应当由其身份相对应的生活保障（补助、待遇）领取（享受）地给予医疗救助").

precedence(jiangsu, highest, js_4_8_a).

interpretation(i_js_month_grace, jiangsu, "身份丧失当月仍享受救助",
    "四（八）规定丧失身份的“原则上次月起不再享受”，即丧失身份的当月仍可享受。medaid以就诊日（住院为入院日）判断：就诊日不晚于丧失身份当月最后一日的，仍按原身份救助；次月1日起就诊的不再救助。",
    js_4_8_b).
temporal_rule(jiangsu, month_grace, i_js_month_grace).

% 住院期间丧失身份 needs no fact: medaid judges identity on the admission date
% (covers/3 admission_date in kb/core/rules.pl), which is exactly this sentence.
interpretation(i_js_lost_during_stay, jiangsu, "住院期间丧失身份按入院日身份",
    "四（八）规定住院期间丧失身份的，当次住院仍按原类别享受。medaid对住院以入院日判断身份，入院日持有的身份覆盖整次住院，无需另设规则；与“次月起不再享受”并存时，两者任一成立即可。",
    js_4_8_c).

temporal_rule(jiangsu, gained_during_stay, js_4_8_d).

interpretation(i_js_study_work_elsewhere, jiangsu, "异地就学就业由生活保障领取地救助",
    "四（八）规定一类救助对象异地就学、就业等，由其身份对应的生活保障（补助、待遇）领取（享受）地给予医疗救助。medaid不推断领取地，按案件所填地区（应为领取地）的标准计算；就学就业地的就医按就医范围和转诊情况判断。",
    js_4_8_e).
non_computational(jiangsu, "四（八）", "一类救助对象异地就学、就业由其生活保障领取（享受）地给予医疗救助，确定的是负责救助的地区；medaid按案件所填地区计算，不推断领取地").
