% 江苏省 重特大疾病医疗保险和救助实施意见（征求意见稿）
% 七、规范经办管理服务

% ---------------------------------------------------------------------------
% 七（十三）加快推进一体化经办
% 「（十三）加快推进一体化经办。贯彻国家医疗救助服务事项清单和经办管理服务规程，
%   做好救助对象信息实时共享互认、统一标识、资助参保、待遇给付等经办服务。推动基
%   本医保和医疗救助服务融合，依托全国统一的医疗保障信息平台和“江苏医保云”等渠
%   道，依法依规加强数据归口管理。完善协议管理，统一医疗救助与基本医保定点医疗机
%   构，强化定点医疗机构费用管控主体责任。统一基金监管，做好费用监控、稽查审核，
%   保持打击欺诈骗保高压态势，确保基金安全高效、合理使用。推动实行“一站式”服务
%   、“一窗口”办理，提高结算服务便利性。」
% ---------------------------------------------------------------------------
non_computational(jiangsu, "七（十三）", "经办、信息平台、协议管理与基金监管要求，无可计算的待遇或条件").

% ---------------------------------------------------------------------------
% 七（十四）优化救助申请审核程序
% 「（十四）优化救助申请审核程序。简化申请、审核、救助金给付流程，加快实现救助对
%   象省域范围内基本医保、大病保险、医疗救助“一站式”结算全覆盖，提高结算效率。
%   加强部门工作协同，全面对接社会救助经办服务，按照职责分工做好困难群众医疗救助
%   申请受理、分办转办及结果反馈。动员基层干部，依托“15分钟医保服务圈”、社会
%   救助工作网格和基层医疗卫生机构，做好政策宣传和救助申请委托代办等，及时主动帮
%   助困难群众。」
% ---------------------------------------------------------------------------
non_computational(jiangsu, "七（十四）", "申请审核与“一站式”结算的程序性要求（“15分钟医保服务圈”是服务布局，不是待遇条件），无可计算的待遇").

% ---------------------------------------------------------------------------
% 七（十五）提高综合服务管理水平
% 「（十五）提高综合服务管理水平。加强对救助对象就医行为的引导，推行基层首诊，规
%   范转诊，促进合理就医。完善定点医疗机构医疗救助服务内容，提升服务质量，按规定
%   做好基本医保和医疗救助费用结算。按照安全有效、经济适宜、救助基本的原则，引导
%   救助对象和定点医疗机构优先选择纳入基本医保支付范围的药品、医用耗材和诊疗项目
%   ，严控不合理费用支出。经基层首诊转诊的救助对象在市域内定点医疗机构住院实行“
%   先诊疗后付费”，全面免除其住院押金。做好异地安置和异地转诊救助对象登记备案、
%   就医结算，对异地安置和按规定转诊的救助对象，执行户籍地所在统筹地区救助标准；
%   未按规定转诊的救助对象，所发生的医疗费用原则上不纳入医疗救助范围，特殊的可降
%   低救助比例，降低幅度不超过20个百分点。」
% ---------------------------------------------------------------------------
provision(js_7_15_a, jiangsu, "七（十五）", "经基层首诊转诊的救助对象在市域内定点医疗机构住院实行“先诊疗后付费”，全面免除其住院押金").
provision(js_7_15_b, jiangsu, "七（十五）", "对异地安置和按规定转诊的救助对象，执行户籍地所在统筹地区救助标准").
provision(js_7_15_c, jiangsu, "七（十五）", "未按规定转诊的救助对象，所发生的医疗费用原则上不纳入医疗救助范围").
provision(js_7_15_d, jiangsu, "七（十五）", "特殊的可降低救助比例，降低幅度不超过20个百分点").

% Places, relative to the person's own 设区市 (the 统筹地区 of 四（四）).
interpretation(i_js_places, jiangsu, "就医地点与市域、省域的对应",
    "江苏医疗救助在设区市范围内统筹（四（四）），“市域内”指救助对象所在设区市，“省域内”指江苏省。medaid的就医范围相对于救助对象所在设区市：区（县）内就医属于县域、市域和省域内；市内就医属于市域和省域内；省内（本市以外）就医只属于省域内；省外就医不属于上述任何范围。",
    js_4_4).
within(jiangsu, in_district, district, i_js_places).
within(jiangsu, in_district, city, i_js_places).
within(jiangsu, in_district, province, i_js_places).
within(jiangsu, in_city, city, i_js_places).
within(jiangsu, in_city, province, i_js_places).
within(jiangsu, in_province, province, i_js_places).

% 先诊疗后付费: every 救助对象 (class1 and class2), referred from primary care,
% admitted to a designated hospital inside the city.
program_for(jiangsu, deposit_exemption, inpatient, js_7_15_a).
benefit_rule(jiangsu, deposit_exemption, js_deposit, js_7_15_a).
rule_category(js_deposit, tekun, js_7_15_a).
rule_category(js_deposit, dibao, js_7_15_a).
rule_category(js_deposit, distressed_child, js_7_15_a).
rule_category(js_deposit, entitled_veteran, js_7_15_a).
rule_category(js_deposit, retired_1960s, js_7_15_a).
rule_category(js_deposit, hardship_worker, js_7_15_a).
rule_category(js_deposit, dibao_edge, js_7_15_a).
rule_category(js_deposit, expenditure_patient, js_7_15_a).
rule_category(js_deposit, temp_assist_patient, js_7_15_a).
rule_category(js_deposit, other_hardship, js_7_15_a).
rule_condition(js_deposit, referral(primary_care), js_7_15_a).
rule_condition(js_deposit, within(city), js_7_15_a).

% 异地安置/按规定转诊: 户籍地 standards — medaid always applies the figures of
% the region named in the case, i.e. the person's own 统筹地区.
interpretation(i_js_home_standard, jiangsu, "异地就医执行户籍地标准",
    "七（十五）规定异地安置和按规定转诊的救助对象执行户籍地所在统筹地区救助标准。medaid总是按案件所填地区（救助对象户籍地所在统筹地区）的标准计算，就医地只决定是否属于市域、省域内及是否按规定转诊。",
    js_7_15_b).

% 未按规定转诊…原则上不纳入: excluded outside the city (kb/core/rules.pl excluded/3).
referral_exclusion(jiangsu, js_7_15_c).
referral_reduction_option(jiangsu, 20, js_7_15_d).
interpretation(i_js_reduction_off, jiangsu, "未按规定转诊默认不予救助",
    "七（十五）规定未按规定转诊的医疗费用“原则上不纳入医疗救助范围”，“特殊的”可降低救助比例（降幅不超过20个百分点）。何为“特殊的”文件未界定，由各地认定。medaid默认适用原则：市域外（省内、省外）未按规定转诊的费用不予救助（excluded）；降低比例的选项只作记录，不自动适用。市域内就医不涉及异地转诊，不受此限制。",
    js_7_15_d).
