% medaid knowledge base — 渝北府办发〔2025〕2号 三、推行“一站式”医疗救助服务

% ---------------------------------------------------------------------------
% 三、推行“一站式”医疗救助服务
% (part heading; its content is 三（一） to 三（三）)
% ---------------------------------------------------------------------------
non_computational(yubei, "三", "部分标题，无独立正文；内容见三（一）至三（三）").

% ---------------------------------------------------------------------------
% 三（一）医疗救助对象身份“一站式”认证。
% 「医疗救助对象实行动态管理，即将符合医疗救助条件的人员及时纳入救助资格，不再符合医疗救助
%  条件的人员取消救助资格。民政、退役军人、农业农村、残联等部门应及时维护、更新和共享本部门
%  负责的医疗救助对象信息。各镇街要依据困难人员主管部门的确认情况，做好辖区内医疗救助对象身份
%  认定及撤销初审工作，对于救助对象有多重身份的，按照待遇最优原则认定，于每月前5个工作日将上月
%  相关材料报送区医保局，确保数据的完整性、准确性、时效性，做到应助尽助、应退尽退。」
% ---------------------------------------------------------------------------
provision(yb_3_1, yubei, "三（一）", "对于救助对象有多重身份的，按照待遇最优原则认定").
provision(yb_3_1_b, yubei, "三（一）", "医疗救助对象实行动态管理，即将符合医疗救助条件的人员及时纳入救助资格，不再符合医疗救助条件的人员取消救助资格").

% Several identities: the best treatment, once.
precedence(yubei, highest, yb_3_1).

% 动态管理: identities hold from recognition to withdrawal; the clause states no grace month,
% no retroactive year and no rule for a stay during which the identity changes, so no
% temporal_rule/3 is stated (the engine's default: the identity on the admission date).
interpretation(i_yb_dynamic, yubei, "救助资格以入院（就诊）之日身份为准",
    "三（一）规定医疗救助对象实行动态管理、及时纳入和取消救助资格，未规定身份变动的过渡期或追溯；medaid以就诊或入院当日是否具有救助对象身份为准", yb_3_1_b).
non_computational(yubei, "三（一）", "身份信息维护、镇街初审和每月前5个工作日报送材料为经办程序，无可计算的待遇；多重身份待遇最优已编码为precedence").

% ---------------------------------------------------------------------------
% 三（二）城乡居民医保参保“一站式”资助。
% 「健全医疗救助对象资助参保“免申即享”机制。资助参保期内，各镇街根据主管部门认定的人员名单
%  在医保系统中进行身份标识并通过税务系统缴费，区医保局负责对参保信息进行核查并督促镇街及时
%  为漏保、断保人员资助参保，确保符合条件的困难人员能及时享受资助参保政策。对以个人身份参加
%  职工医保或自行缴纳城乡居民医保的医疗救助对象，由镇街通过医保系统核实后，于当年7月底前将
%  名单上报给区医保局，区医保局核实无误后按规定拨付应享受资助缴费资金到其账户。」
% ---------------------------------------------------------------------------
non_computational(yubei, "三（二）", "资助参保“免申即享”、身份标识、税务缴费和7月底前上报名单、拨付资助资金为经办程序，资助标准见二（一）、二（二）；个人身份参加职工医保的核实见i_yb_employee_individual").

% ---------------------------------------------------------------------------
% 三（三）医疗救助待遇“一站式”结算。
% 「运用全市医疗保障信息管理平台，实现享受医疗救助政策与参加医疗保险的人员信息、就医信息和
%  医疗费用信息的无缝衔接，实现市内医疗救助与医疗保险“一站式”同步结算，医疗救助费用由定点医疗
%  机构垫付。救助对象在市外就医产生的医疗救助费用到区医保大厅手工报销。」
% ---------------------------------------------------------------------------
provision(yb_3_3_a, yubei, "三（三）", "实现市内医疗救助与医疗保险“一站式”同步结算，医疗救助费用由定点医疗机构垫付").
provision(yb_3_3_b, yubei, "三（三）", "救助对象在市外就医产生的医疗救助费用到区医保大厅手工报销").

% 重庆市 is a province-level municipality: 市内 is the whole municipality, and the municipality
% is also the province-level area.
interpretation(i_yb_municipality, yubei, "市内即重庆市全域",
    "重庆市为直辖市，三（三）所称市内指重庆市行政区域全域；medaid将区内和市内就医均视为市域内和省域内，市外（含其他省份）就医视为省外", yb_3_3_a).
within(yubei, in_district, district, i_yb_municipality).
within(yubei, in_district, city, i_yb_municipality).
within(yubei, in_district, province, i_yb_municipality).
within(yubei, in_city, city, i_yb_municipality).
within(yubei, in_city, province, i_yb_municipality).
within(yubei, in_province, city, i_yb_municipality).
within(yubei, in_province, province, i_yb_municipality).

% No referral rule: 市外就医 is reimbursed by hand, not excluded. The document nowhere says that
% unreferred care is not covered, so NO referral_exclusion/2 is stated for 渝北; nor does it
% state a 倾斜救助 or a 先诊疗后付费 / 免住院押金 rule.
interpretation(i_yb_no_referral_rule, yubei, "无转诊限制",
    "本文件未规定未按规定转诊的费用不纳入救助范围，也未规定倾斜救助和先诊疗后付费（免押金）；三（三）市外就医的救助费用到区医保大厅手工报销仅为结算程序，不影响待遇。medaid对渝北不适用转诊排除", yb_3_3_b).
non_computational(yubei, "三（三）", "一站式同步结算、定点医疗机构垫付和市外就医手工报销为结算程序，不改变救助比例和限额；市内范围见i_yb_municipality，无转诊限制见i_yb_no_referral_rule").
