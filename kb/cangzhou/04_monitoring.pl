% 沧政办规〔2022〕7号 四、建立健全防范和化解因病致贫返贫监测帮扶机制

% ---------------------------------------------------------------------------
% 四（一）　建立因病致贫和因病返贫双预警机制
% 「（一）建立因病致贫和因病返贫双预警机制。实施医疗救助对象信息动态管理。对低
% 保边缘家庭成员、农村易返贫致贫人口中经基本医保、大病保险等支付后个人年度累计
% 负担的医疗费用超过全省上年农村常住居民人均可支配收入50%的，纳入医疗保障部
% 门因病返贫预警监测范围。对参加城乡居民基本医疗保险的普通居民中经基本医保、大
% 病保险等支付后个人年度累计负担的医疗费用超过全省上年农村常住居民人均可支配收
% 入的，纳入医疗保障部门因病致贫预警监测范围。医疗保障部门每月将因病返贫和因病
% 致贫预警监测数据推送同级民政、乡村振兴部门。民政、乡村振兴部门按规定将符合条
% 件人员分别纳入监测范围，每月推送给医疗保障部门。医疗保障部门将符合医疗救助条
% 件的对象及时纳入救助范围。」
% ---------------------------------------------------------------------------
provision(cz_4_1_a, cangzhou, "四（一）", "对低保边缘家庭成员、农村易返贫致贫人口中经基本医保、大病保险等支付后个人年度累计负担的医疗费用超过全省上年农村常住居民人均可支配收入50%的，纳入医疗保障部门因病返贫预警监测范围。").
provision(cz_4_1_b, cangzhou, "四（一）", "对参加城乡居民基本医疗保险的普通居民中经基本医保、大病保险等支付后个人年度累计负担的医疗费用超过全省上年农村常住居民人均可支配收入的，纳入医疗保障部门因病致贫预警监测范围。").

% 因病返贫预警: 低保边缘家庭成员 and 农村易返贫致贫人口, yearly self-pay over 50%
% of 全省上年农村常住居民人均可支配收入. 四（一） says 农村易返贫致贫人口 without
% 纳入监测范围: both the monitored and the not-yet-monitored are watched.
warning(cangzhou, cz_warn_return, exact, 50, percent_of(province_rural_per_capita_disposable_income), cz_4_1_a).
warning_name(cz_warn_return, "因病返贫预警").
warning_category(cz_warn_return, dibao_edge, cz_4_1_a).
warning_category(cz_warn_return, monitored, cz_4_1_a).
warning_category(cz_warn_return, unmonitored_rural, cz_4_1_a).
warning_self_pay(cz_warn_return, after_insurance, i_cz_warn_self_pay).

% 因病致贫预警: 参加城乡居民基本医疗保险的普通居民, yearly self-pay over the whole
% figure. 低保对象、特困人员 and the other 救助对象 are not 普通居民, and 职工医保
% insured are not in 城乡居民基本医疗保险.
warning(cangzhou, cz_warn_poverty, exact, 100, percent_of(province_rural_per_capita_disposable_income), cz_4_1_b).
derived(cz_warn_poverty, value, "超过全省上年农村常住居民人均可支配收入（全额）= 100%", cz_4_1_b).
warning_name(cz_warn_poverty, "因病致贫预警").
warning_group(cz_warn_poverty, ordinary_resident, i_cz_warn_ordinary).
warning_excluded_scheme(cz_warn_poverty, employee, cz_4_1_b).
warning_self_pay(cz_warn_poverty, after_insurance, i_cz_warn_self_pay).

interpretation(i_cz_warn_self_pay, cangzhou, "预警按医疗救助前的个人负担计",
    "四（一）的“经基本医保、大病保险等支付后个人年度累计负担的医疗费用”列举的是先保险后救助（四（二））中救助之前的支付环节，预警的目的是把符合条件的人员“及时纳入救助范围”，故按医疗救助前计：当年各笔政策范围内费用减去基本医保、大病保险、补充保险支付后的合计。理赔数据只有政策范围内费用，政策范围外自付未计入，所得为文件所称医疗费用的下限。",
    cz_4_1_a).
interpretation(i_cz_warn_ordinary, cangzhou, "普通居民：当年未持有任何救助对象身份",
    "四（一）把因病返贫预警（低保边缘家庭成员、农村易返贫致贫人口）与因病致贫预警（普通居民）分开，低保对象、特困人员等已是救助对象，不是普通居民。读作：当年任何时候持有任一救助对象身份的，不列入因病致贫预警；持有低保边缘家庭成员或农村易返贫致贫人口身份的，按因病返贫预警判断。未填参保类型的按城乡居民医保参保人计。",
    cz_4_1_b).

% ---------------------------------------------------------------------------
% 四（二）　建立依申请救助帮扶机制
% 「（二）建立依申请救助帮扶机制。按照“先保险后救助”的原则，对基本医保、大病
% 保险等支付后个人医疗费用负担仍然较重的救助对象按规定实施救助，合力防范因病致
% 贫返贫风险。已认定为低保对象、特困人员的，直接获得医疗救助；畅通低保边缘家庭
% 成员和农村易返贫致贫人口、因病致贫重病患者医疗救助申请渠道，确保符合条件的救
% 助对象及时享受救助。加强医疗救助、临时救助、慈善救助等衔接，提高综合保障能力
% ，精准实施分层分类帮扶。根据家庭经济状况、个人实际费用负担情况合理确定综合救
% 助水平。」
% ---------------------------------------------------------------------------
provision(cz_4_2_a, cangzhou, "四（二）", "按照“先保险后救助”的原则").

% 先保险后救助: 基本医保, then 大病保险, then 医疗救助 (also 四（一）"经基本医保、
% 大病保险等支付后"). 低保、特困 get assistance directly; the others apply
% (申请渠道) — a procedural difference medaid does not model.
payment_order(cangzhou, 1, basic, cz_4_2_a).
payment_order(cangzhou, 2, critical_illness, cz_4_2_a).
payment_order(cangzhou, 3, assistance, cz_4_2_a).
