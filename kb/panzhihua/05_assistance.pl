% ===========================================================================
% 攀枝花市健全重特大疾病医疗保险和救助制度实施细则 — 第五章 医疗救助
% Programs: outpatient (普通门诊, 第九条/第十条), inpatient (住院和门诊慢特病,
% 第十一条/第十二条, one shared deductible and cap), tilt (倾斜救助, 第十三条).
% ===========================================================================

% ---------------------------------------------------------------------------
% 第九条
% 「第九条 特困人员、孤儿在定点医疗机构发生的普通门诊费用，扣除基本医疗保险报
% 销后，个人负担的政策范围内的医疗费用给予全额救助。」
% ---------------------------------------------------------------------------
provision(pzh_9, panzhihua, "第九条", "特困人员、孤儿在定点医疗机构发生的普通门诊费用，扣除基本医疗保险报销后，个人负担的政策范围内的医疗费用给予全额救助。").

program_for(panzhihua, outpatient, outpatient, pzh_9).

interpretation(i_pzh_outpatient_no_cap, panzhihua, "特困人员、孤儿普通门诊不设封顶线",
    "第九条对特困人员、孤儿普通门诊个人负担的政策范围内费用“给予全额救助”，未规定年度封顶线（第十条仅对低保对象规定800元封顶），故视为不设封顶线。",
    pzh_9).
interpretation(i_pzh_outpatient_no_deductible, panzhihua, "普通门诊救助不设起付线",
    "第九条（特困人员、孤儿全额救助）和第十条（低保对象按70%救助）均未规定普通门诊救助起付标准，第十二条（一）的起付标准仅适用于住院和门诊慢特病；故普通门诊救助起付线为0。",
    pzh_10).

benefit_rule(panzhihua, outpatient, pzh_out_full, pzh_9).
rule_category(pzh_out_full, tekun, pzh_9).
rule_category(pzh_out_full, orphan, pzh_9).
param(pzh_out_full, deductible, exact, 0, fen, i_pzh_outpatient_no_deductible).
param(pzh_out_full, rate, exact, 100, percent, pzh_9).
derived(pzh_out_full, rate, "全额救助 = 100%", pzh_9).
param(pzh_out_full, cap, unlimited, 0, fen, i_pzh_outpatient_no_cap).

% ---------------------------------------------------------------------------
% 第十条
% 「第十条 低保对象在定点医疗机构发生的普通门诊费用，扣除基本医疗保险报销后，
% 个人负担的政策范围内的医疗费用按70%的比例救助，一个自然年度救助封顶线为
% 800元。」
% ---------------------------------------------------------------------------
provision(pzh_10, panzhihua, "第十条", "低保对象在定点医疗机构发生的普通门诊费用，扣除基本医疗保险报销后，个人负担的政策范围内的医疗费用按70%的比例救助，一个自然年度救助封顶线为800元。").

benefit_rule(panzhihua, outpatient, pzh_out_dibao, pzh_10).
rule_category(pzh_out_dibao, dibao, pzh_10).
param(pzh_out_dibao, deductible, exact, 0, fen, i_pzh_outpatient_no_deductible).
param(pzh_out_dibao, rate, exact, 70, percent, pzh_10).
param(pzh_out_dibao, cap, exact, 80000, fen, pzh_10).
% Gap (reported): no 普通门诊 assistance for 低保边缘家庭成员、防止返贫监测对象、
% 因病致贫重病患者 — they are not_eligible for outpatient.

% ---------------------------------------------------------------------------
% 第十一条
% 「第十一条 统筹门诊慢性病、门诊重特大疾病（以下简称门诊慢特病）和住院救助保
% 障。住院和门诊慢特病等医疗费用合并计算医疗救助起付标准，并共用年度救助限额。」
% ---------------------------------------------------------------------------
provision(pzh_11, panzhihua, "第十一条", "住院和门诊慢特病等医疗费用合并计算医疗救助起付标准，并共用年度救助限额。").

% One program for both claim kinds; every rule of it shares one deductible
% pool and one cap pool (stated explicitly, though the default pool is the
% program anyway).
program_for(panzhihua, inpatient, inpatient, pzh_11).
program_for(panzhihua, inpatient, chronic_outpatient, pzh_11).

% ---------------------------------------------------------------------------
% 第十二条
% 「第十二条 医疗救助对象在本市定点医疗机构发生的住院和门诊慢特病费用，经基本
% 医疗保险、大病保险等报销后个人负担的政策范围内医疗费用，按以下标准救助：」
% ---------------------------------------------------------------------------
provision(pzh_12, panzhihua, "第十二条", "医疗救助对象在本市定点医疗机构发生的住院和门诊慢特病费用，经基本医疗保险、大病保险等报销后个人负担的政策范围内医疗费用，按以下标准救助").

% 本市定点医疗机构: no within(city) condition — 第十七条 applies the 户籍地
% standard to 异地安置/异地转诊 persons, and unreferred care outside the city
% is excluded by referral_exclusion (06_care.pl).
interpretation(i_pzh_offsite, panzhihua, "本市定点医疗机构与异地就医",
    "第十二条称“在本市定点医疗机构发生的”费用，但第十七条规定异地安置和异地转诊的救助对象“执行户籍地救助标准”，未按规定转诊的费用原则上不纳入保障；故第十二条标准同样适用于按规定转诊或异地安置后在市外发生的费用，不另设“市域内”条件，未按规定转诊在市外发生的费用按第十七条排除。",
    pzh_17_a).

% 特困人员、孤儿: no deductible, 全额救助, no cap.
benefit_rule(panzhihua, inpatient, pzh_inp_full, pzh_12).
rule_category(pzh_inp_full, tekun, pzh_12).
rule_category(pzh_inp_full, orphan, pzh_12).
deductible_pool(pzh_inp_full, pzh_inp_pool, pzh_11).
cap_pool(pzh_inp_full, pzh_inp_pool, pzh_11).

% 低保对象: no deductible, 70%, 7万元.
benefit_rule(panzhihua, inpatient, pzh_inp_dibao, pzh_12).
rule_category(pzh_inp_dibao, dibao, pzh_12).
deductible_pool(pzh_inp_dibao, pzh_inp_pool, pzh_11).
cap_pool(pzh_inp_dibao, pzh_inp_pool, pzh_11).

% 防止返贫监测对象: 5% of income, 65%, 7万元.
benefit_rule(panzhihua, inpatient, pzh_inp_monitored, pzh_12).
rule_category(pzh_inp_monitored, monitored, pzh_12).
deductible_pool(pzh_inp_monitored, pzh_inp_pool, pzh_11).
cap_pool(pzh_inp_monitored, pzh_inp_pool, pzh_11).

% 低保边缘家庭成员: 10% of income, 50%, 7万元.
benefit_rule(panzhihua, inpatient, pzh_inp_edge, pzh_12).
rule_category(pzh_inp_edge, dibao_edge, pzh_12).
deductible_pool(pzh_inp_edge, pzh_inp_pool, pzh_11).
cap_pool(pzh_inp_edge, pzh_inp_pool, pzh_11).

% 因病致贫重病患者: 25% of income, 50%, 7万元.
benefit_rule(panzhihua, inpatient, pzh_inp_illness, pzh_12).
rule_category(pzh_inp_illness, illness_poor, pzh_12).
deductible_pool(pzh_inp_illness, pzh_inp_pool, pzh_11).
cap_pool(pzh_inp_illness, pzh_inp_pool, pzh_11).

% ---------------------------------------------------------------------------
% 第十二条（一）
% 「（一）起付标准：特困人员、孤儿、低保对象不设起付线；防止返贫监测对象为本市
% 上年度居民人均可支配收入的5%；低保边缘家庭成员为本市上年度居民人均可支配收
% 入的10%；因病致贫重病患者为本市上年度居民人均可支配收入的25%。」
% ---------------------------------------------------------------------------
provision(pzh_12_1_a, panzhihua, "第十二条（一）", "起付标准：特困人员、孤儿、低保对象不设起付线").
provision(pzh_12_1_b, panzhihua, "第十二条（一）", "防止返贫监测对象为本市上年度居民人均可支配收入的5%").
provision(pzh_12_1_c, panzhihua, "第十二条（一）", "低保边缘家庭成员为本市上年度居民人均可支配收入的10%").
provision(pzh_12_1_d, panzhihua, "第十二条（一）", "因病致贫重病患者为本市上年度居民人均可支配收入的25%").
param(pzh_inp_full, deductible, exact, 0, fen, pzh_12_1_a).
param(pzh_inp_dibao, deductible, exact, 0, fen, pzh_12_1_a).
param(pzh_inp_monitored, deductible, exact, 5, percent_of(per_capita_disposable_income), pzh_12_1_b).
param(pzh_inp_edge, deductible, exact, 10, percent_of(per_capita_disposable_income), pzh_12_1_c).
param(pzh_inp_illness, deductible, exact, 25, percent_of(per_capita_disposable_income), pzh_12_1_d).

% ---------------------------------------------------------------------------
% 第十二条（二）
% 「（二）救助比例：特困人员、孤儿给予全额救助；低保对象按70%的比例救助；防
% 止返贫监测对象按65%的比例救助；低保边缘家庭成员和因病致贫重病患者按50%
% 的比例救助。」
% ---------------------------------------------------------------------------
provision(pzh_12_2_a, panzhihua, "第十二条（二）", "救助比例：特困人员、孤儿给予全额救助").
provision(pzh_12_2_b, panzhihua, "第十二条（二）", "低保对象按70%的比例救助").
provision(pzh_12_2_c, panzhihua, "第十二条（二）", "防止返贫监测对象按65%的比例救助").
provision(pzh_12_2_d, panzhihua, "第十二条（二）", "低保边缘家庭成员和因病致贫重病患者按50%的比例救助").
param(pzh_inp_full, rate, exact, 100, percent, pzh_12_2_a).
derived(pzh_inp_full, rate, "全额救助 = 100%", pzh_12_2_a).
param(pzh_inp_dibao, rate, exact, 70, percent, pzh_12_2_b).
param(pzh_inp_monitored, rate, exact, 65, percent, pzh_12_2_c).
param(pzh_inp_edge, rate, exact, 50, percent, pzh_12_2_d).
param(pzh_inp_illness, rate, exact, 50, percent, pzh_12_2_d).

% ---------------------------------------------------------------------------
% 第十二条（三）
% 「（三）救助封顶线：特困人员、孤儿不设救助封顶线。其他救助对象一个自然年度封
% 顶线为7万元。」
% ---------------------------------------------------------------------------
provision(pzh_12_3_a, panzhihua, "第十二条（三）", "救助封顶线：特困人员、孤儿不设救助封顶线。").
provision(pzh_12_3_b, panzhihua, "第十二条（三）", "其他救助对象一个自然年度封顶线为7万元。").
param(pzh_inp_full, cap, unlimited, 0, fen, pzh_12_3_a).
param(pzh_inp_dibao, cap, exact, 7000000, fen, pzh_12_3_b).
param(pzh_inp_monitored, cap, exact, 7000000, fen, pzh_12_3_b).
param(pzh_inp_edge, cap, exact, 7000000, fen, pzh_12_3_b).
param(pzh_inp_illness, cap, exact, 7000000, fen, pzh_12_3_b).

% ---------------------------------------------------------------------------
% 第十三条
% 「第十三条 建立倾斜救助制度。对规范转诊且在省域内就医的医疗救助对象，经基本
% 医保、大病保险、医疗救助综合保障后，个人负担的政策范围内费用年度累计超过本市
% 防止返贫监测收入标准以上的医疗费用，按照50%的比例给予倾斜救助，一个自然年
% 度封顶线2万元。」
% ---------------------------------------------------------------------------
provision(pzh_13, panzhihua, "第十三条", "对规范转诊且在省域内就医的医疗救助对象，经基本医保、大病保险、医疗救助综合保障后，个人负担的政策范围内费用年度累计超过本市防止返贫监测收入标准以上的医疗费用，按照50%的比例给予倾斜救助，一个自然年度封顶线2万元。").

% 倾斜救助 counts the yearly residual after 医疗救助 of every kind of claim
% (住院、门诊慢特病、普通门诊: "个人负担的政策范围内费用年度累计").
program_for(panzhihua, tilt, inpatient, pzh_13).
program_for(panzhihua, tilt, chronic_outpatient, pzh_13).
program_for(panzhihua, tilt, outpatient, pzh_13).

interpretation(i_pzh_tilt_threshold, panzhihua, "倾斜救助起点",
    "第十三条“年度累计超过本市防止返贫监测收入标准以上的医疗费用”，读作年度累计个人负担超过当年本市防止返贫监测收入标准（100%）的部分；“以上”不另增加数额。",
    pzh_13).

benefit_rule(panzhihua, tilt, pzh_tilt, pzh_13).
rule_category(pzh_tilt, tekun, pzh_13).
rule_category(pzh_tilt, orphan, pzh_13).
rule_category(pzh_tilt, dibao, pzh_13).
rule_category(pzh_tilt, dibao_edge, pzh_13).
rule_category(pzh_tilt, monitored, pzh_13).
rule_category(pzh_tilt, illness_poor, pzh_13).
rule_condition(pzh_tilt, properly_referred, pzh_13).
rule_condition(pzh_tilt, within(province), pzh_13).
param(pzh_tilt, threshold, exact, 100, percent_of(monitoring_income_standard), i_pzh_tilt_threshold).
derived(pzh_tilt, threshold, "超过防止返贫监测收入标准 = 监测收入标准的100%以上部分", i_pzh_tilt_threshold).
param(pzh_tilt, rate, exact, 50, percent, pzh_13).
param(pzh_tilt, cap, exact, 2000000, fen, pzh_13).

% ---------------------------------------------------------------------------
% 第十四条
% 「第十四条 困难群众具有多重身份的，按照待遇就高原则给予救助，避免重复救助。」
% ---------------------------------------------------------------------------
provision(pzh_14, panzhihua, "第十四条", "困难群众具有多重身份的，按照待遇就高原则给予救助，避免重复救助。").
precedence(panzhihua, highest, pzh_14).
