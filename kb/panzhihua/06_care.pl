% ===========================================================================
% 攀枝花市健全重特大疾病医疗保险和救助制度实施细则 — 第六章 就医管理
% ===========================================================================

% ---------------------------------------------------------------------------
% 第十五条
% 「第十五条 严格执行医疗保障待遇清单制度，医疗救助基金支付的药品、医用耗材、
% 诊疗项目应符合基本医保支付范围规定。基本医保、大病保险起付线以下的政策范围内
% 个人自付费用，按规定纳入救助保障。除国家另有明确规定外，各县（区）不得自行制
% 定或采用变通的方式擅自扩大医疗救助费用保障范围。」
% ---------------------------------------------------------------------------
provision(pzh_15, panzhihua, "第十五条", "基本医保、大病保险起付线以下的政策范围内个人自付费用，按规定纳入救助保障。").
% The self-pay base medaid uses (policy-scope cost minus what basic insurance,
% 大病保险 and supplementary insurance paid) already contains the part below
% the basic-insurance and 大病保险 deductibles; nothing extra to encode.
interpretation(i_pzh_below_deductible, panzhihua, "起付线以下自付费用纳入救助基数",
    "第十五条规定基本医保、大病保险起付线以下的政策范围内个人自付费用纳入救助保障；救助基数取政策范围内费用减去基本医保、大病保险（及普惠型商业健康保险）已支付部分，已包含起付线以下的个人自付部分。",
    pzh_15).
non_computational(panzhihua, "第十五条", "执行待遇清单制度、救助基金支付范围同基本医保支付范围、县（区）不得擅自扩大保障范围，属管理要求；起付线以下自付费用纳入救助基数已体现在自付计算中（i_pzh_below_deductible）。").

% ---------------------------------------------------------------------------
% 第十六条
% 「第十六条 进一步加强基层医疗卫生机构能力建设，落实分级诊疗制度，加强对救助
% 对象就医行为的引导，严控不合理费用支出。推行基层首诊，规范转诊，促进合理就医。
% 对经基层首诊转诊至市域内定点医疗机构住院的特困人员、孤儿、低保对象，实行“先
% 诊疗后付费”，全面免除住院押金。」
% ---------------------------------------------------------------------------
provision(pzh_16, panzhihua, "第十六条", "对经基层首诊转诊至市域内定点医疗机构住院的特困人员、孤儿、低保对象，实行“先诊疗后付费”，全面免除住院押金。").
program_for(panzhihua, deposit_exemption, inpatient, pzh_16).
benefit_rule(panzhihua, deposit_exemption, pzh_deposit, pzh_16).
rule_categories(pzh_deposit, pzh_core_objects, pzh_16).
rule_condition(pzh_deposit, referral(primary_care), pzh_16).
rule_condition(pzh_deposit, within(city), pzh_16).
non_computational(panzhihua, "第十六条", "基层能力建设、分级诊疗、就医引导为工作要求；可计算部分（先诊疗后付费、免住院押金）已编码为deposit_exemption。").

% ---------------------------------------------------------------------------
% 第十七条
% 「第十七条 做好异地安置和异地转诊救助对象登记备案、就医服务，执行户籍地救助
% 标准。未按规定转诊的医疗救助对象，所发生的医疗费用原则上不纳入医疗救助保障范
% 围。」
% ---------------------------------------------------------------------------
provision(pzh_17_a, panzhihua, "第十七条", "做好异地安置和异地转诊救助对象登记备案、就医服务，执行户籍地救助标准。").
provision(pzh_17_b, panzhihua, "第十七条", "未按规定转诊的医疗救助对象，所发生的医疗费用原则上不纳入医疗救助保障范围。").
% Unreferred care outside the city (in_province, out_of_province) is excluded
% from every assistance program; unreferred care inside the city is not
% (the 统筹区 is the city: 医疗救助市级统筹, 第三条). "原则上" leaves room for
% exceptions the document does not name.
referral_exclusion(panzhihua, pzh_17_b).
interpretation(i_pzh_referral_area, panzhihua, "未按规定转诊的排除范围",
    "第十七条“未按规定转诊”的费用原则上不纳入医疗救助；医疗救助实行市级统筹（第三条），故市域内就医不涉及转诊问题，仅市域外（省内市外、省外）未按规定转诊的费用排除；“原则上”所指例外本细则未列明，不予编码。",
    pzh_17_b).
