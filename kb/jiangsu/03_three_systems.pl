% 江苏省 重特大疾病医疗保险和救助实施意见（征求意见稿）
% 三、强化三重制度综合保障

% ---------------------------------------------------------------------------
% 三（二）确保困难群众应保尽保
% 「（二）确保困难群众应保尽保。困难群众依法参加基本医保，按规定享有三重制度保障
%   权益。全面落实城乡居民基本医保参保财政补助政策，对个人缴费确有困难的群众给予
%   分类资助。对一类救助对象全额资助参保，二类救助对象按照不低于统筹地区个人缴费
%   标准的80%给予资助参保。对未参保的新增救助对象，及时资助参保，免除待遇等待
%   期。积极适应人口流动和参保需求变化，灵活调整救助对象参保缴费方式，强化部门间
%   工作衔接，确保救助对象及时参保、应保尽保，避免重复参保。」
% ---------------------------------------------------------------------------
provision(js_3_2_a, jiangsu, "三（二）", "全面落实城乡居民基本医保参保财政补助政策，对个人缴费确有困难的群众给予分类资助").
provision(js_3_2_b, jiangsu, "三（二）", "对一类救助对象全额资助参保").
provision(js_3_2_c, jiangsu, "三（二）", "二类救助对象按照不低于统筹地区个人缴费标准的80%给予资助参保").
provision(js_3_2_d, jiangsu, "三（二）", "对未参保的新增救助对象，及时资助参保，免除待遇等待期").

% The subsidy pays a share of the person's own resident-scheme contribution.
% 职工医保 has no 个人缴费 to subsidise under this clause, hence the scheme
% conditions (one rule per resident tier, for each class).
interpretation(i_js_premium_resident, jiangsu, "资助参保仅及城乡居民医保个人缴费",
    "三（二）的资助参保置于“全面落实城乡居民基本医保参保财政补助政策，对个人缴费确有困难的群众给予分类资助”之下，资助对象是城乡居民医保的个人缴费；“统筹地区个人缴费标准”按本人所参城乡居民医保档次的个人缴费标准计。参加职工医保者不适用本款资助。",
    js_3_2_a).

program_for(jiangsu, premium_subsidy, premium, js_3_2_a).

% 一类: 全额资助 = 100% of the person's own contribution.
benefit_rule(jiangsu, premium_subsidy, js_prem_class1_tier1, js_3_2_b).
benefit_rule(jiangsu, premium_subsidy, js_prem_class1_tier2, js_3_2_b).
rule_condition(js_prem_class1_tier1, scheme(resident_tier1), i_js_premium_resident).
rule_condition(js_prem_class1_tier2, scheme(resident_tier2), i_js_premium_resident).
% js_premium_class1: 特困人员、低保对象、困境儿童、符合条件的享受国家抚恤补助的优抚对象、60年代精简退职老职工、总工会核定的特困职工 — one set, named by each rule below that serves them.
category_set(js_premium_class1, tekun, js_3_2_b).
category_set(js_premium_class1, dibao, js_3_2_b).
category_set(js_premium_class1, distressed_child, js_3_2_b).
category_set(js_premium_class1, entitled_veteran, js_3_2_b).
category_set(js_premium_class1, retired_1960s, js_3_2_b).
category_set(js_premium_class1, hardship_worker, js_3_2_b).
rule_categories(js_prem_class1_tier1, js_premium_class1, js_3_2_b).
rule_categories(js_prem_class1_tier2, js_premium_class1, js_3_2_b).
param(js_prem_class1_tier1, rate, exact, 100, percent_of(contribution), js_3_2_b).
param(js_prem_class1_tier2, rate, exact, 100, percent_of(contribution), js_3_2_b).
derived(js_prem_class1_tier1, rate, "全额资助 = 个人缴费标准的100%", js_3_2_b).
derived(js_prem_class1_tier2, rate, "全额资助 = 个人缴费标准的100%", js_3_2_b).

% 二类: 不低于个人缴费标准的80% (a floor for the 设区市).
benefit_rule(jiangsu, premium_subsidy, js_prem_class2_tier1, js_3_2_c).
benefit_rule(jiangsu, premium_subsidy, js_prem_class2_tier2, js_3_2_c).
rule_condition(js_prem_class2_tier1, scheme(resident_tier1), i_js_premium_resident).
rule_condition(js_prem_class2_tier2, scheme(resident_tier2), i_js_premium_resident).
% js_premium_class2: 低保边缘家庭成员、支出型困难家庭中的大重病患者、具有当地户籍的临时救助对象中的大重病患者、其他特殊困难人员 — one set, named by each rule below that serves them.
category_set(js_premium_class2, dibao_edge, js_3_2_c).
category_set(js_premium_class2, expenditure_patient, js_3_2_c).
category_set(js_premium_class2, temp_assist_patient, js_3_2_c).
category_set(js_premium_class2, other_hardship, js_3_2_c).
rule_categories(js_prem_class2_tier1, js_premium_class2, js_3_2_c).
rule_categories(js_prem_class2_tier2, js_premium_class2, js_3_2_c).
param(js_prem_class2_tier1, rate, min, 80, percent_of(contribution), js_3_2_c).
param(js_prem_class2_tier2, rate, min, 80, percent_of(contribution), js_3_2_c).

% 免除待遇等待期: an enrolment step, nothing medaid computes.
interpretation(i_js_no_waiting_period, jiangsu, "新增救助对象无待遇等待期",
    "三（二）规定对未参保的新增救助对象及时资助参保、免除待遇等待期。medaid不模拟参保状态和等待期：身份自认定之日（案件中的since日期）起即按所属类别计算医疗救助，不因新近参保而推迟。",
    js_3_2_d).
non_computational(jiangsu, "三（二）", "“对未参保的新增救助对象，及时资助参保，免除待遇等待期”及参保方式、部门衔接为经办要求；medaid不模拟参保状态与待遇等待期，资助参保按年度计算（三（二）其余部分已编码）").

% ---------------------------------------------------------------------------
% 三（三）促进三重制度互补衔接
% 「（三）促进三重制度互补衔接。发挥基本医保主体保障功能，严格执行基本医保支付范
%   围和标准，实施公平适度保障；增强大病保险减负功能，完善大病保险对救助对象的倾
%   斜支付政策；夯实医疗救助托底保障功能，按照“先保险后救助”的原则，对基本医保
%   、大病保险等支付后个人医疗费用负担仍然较重的救助对象按规定实施救助，合力防范
%   化解因病致贫返贫风险。」
% ---------------------------------------------------------------------------
provision(js_3_3_a, jiangsu, "三（三）", "完善大病保险对救助对象的倾斜支付政策").
provision(js_3_3_b, jiangsu, "三（三）", "按照“先保险后救助”的原则，对基本医保、大病保险等支付后个人医疗费用负担仍然较重的救助对象按规定实施救助").

% 大病保险倾斜: the clause names the policy but states no 起付线降幅, 比例提高 or
% 封顶线 — so no critical_illness_tilt program is defined for Jiangsu.
interpretation(i_js_no_ci_tilt, jiangsu, "大病保险倾斜支付未量化",
    "三（三）只要求“完善大病保险对救助对象的倾斜支付政策”，未规定起付线降低、支付比例提高或封顶线取消等任何数值，也未指明由谁规定。medaid不为江苏定义大病保险倾斜项目（critical_illness_tilt），案件中大病保险已支付金额按输入值计入。",
    js_3_3_a).
non_computational(jiangsu, "三（三）", "“完善大病保险对救助对象的倾斜支付政策”未规定起付线降低幅度、支付比例提高幅度或封顶线，无可计算的大病保险倾斜待遇（缺口：未设critical_illness_tilt项目）；基本医保主体保障为原则性表述").

% 先保险后救助: basic insurance, then 大病保险 (and the other insurance the
% word 等 covers), then assistance on what remains.
interpretation(i_js_payment_order, jiangsu, "“基本医保、大病保险等支付后”含补充保险",
    "三（三）规定“先保险后救助”，对“基本医保、大病保险等支付后”的个人负担实施救助。“等”未列明，medaid将商业补充医疗保险等其他保险支付（supplementary）一并列于医疗救助之前，即救助基数为政策范围内费用减去基本医保、大病保险及补充保险支付后的个人自付。",
    js_3_3_b).
payment_order(jiangsu, 1, basic, js_3_3_b).
payment_order(jiangsu, 2, critical_illness, js_3_3_b).
payment_order(jiangsu, 3, supplementary, i_js_payment_order).
payment_order(jiangsu, 4, assistance, js_3_3_b).
