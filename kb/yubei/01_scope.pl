% medaid knowledge base — 渝北府办发〔2025〕2号 一、医疗救助对象范围
%
% The document lists its 救助对象 by the department that recognises them. category_order/4
% follows that list (一（一） to 一（四）, then 家庭经济困难在校大学生 of 一's closing sentence);
% the premium-only veterans' categories of 二（一） get their order in 02_policy.pl.
% Unlike other documents, 渝北 names 返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重困难户
% directly as 救助对象 of 农业农村部门 (not as sub-kinds of 防止返贫监测对象), so no subkind/4
% facts are stated.

% ---------------------------------------------------------------------------
% 一、医疗救助对象范围
% 「除上述对象外，家庭经济困难在校大学生享受资助参保政策。」
%  (the closing sentence of 一, after 一（一）至（四）)
% ---------------------------------------------------------------------------
provision(yb_1, yubei, "一", "除上述对象外，家庭经济困难在校大学生享受资助参保政策").

% The sentence makes 家庭经济困难在校大学生 a beneficiary of 资助参保 only (二（一）2 names
% them); no other program of 二 lists them. The recognising body is 高校 (五（二）).
recognises(yubei, poor_student, university, yb_5_2_h).
category_term(yubei, poor_student, "家庭经济困难在校大学生", yb_1).
category_order(yubei, poor_student, 18, yb_1).

% ---------------------------------------------------------------------------
% 一（一）民政部门认定的救助对象
% 「民政部门认定的救助对象：特困人员、低保对象、社会散居孤儿、事实无人抚养儿童、艾滋病病毒
%  感染儿童、低保边缘家庭成员、因病致贫重病患者、60年代精简退职老职工、原襄渝铁路建设伤残民兵
%  民工（含原襄渝铁路矽肺病民兵民工）。」
% ---------------------------------------------------------------------------
provision(yb_1_1, yubei, "一（一）", "民政部门认定的救助对象：特困人员、低保对象、社会散居孤儿、事实无人抚养儿童、艾滋病病毒感染儿童、低保边缘家庭成员、因病致贫重病患者、60年代精简退职老职工、原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）").

recognises(yubei, tekun, civil_affairs, yb_1_1).
recognises(yubei, dibao, civil_affairs, yb_1_1).
recognises(yubei, orphan, civil_affairs, yb_1_1).
recognises(yubei, de_facto_orphan, civil_affairs, yb_1_1).
recognises(yubei, hiv_child, civil_affairs, yb_1_1).
recognises(yubei, dibao_edge, civil_affairs, yb_1_1).
recognises(yubei, illness_poor, civil_affairs, yb_1_1).
recognises(yubei, retired_1960s, civil_affairs, yb_1_1).
recognises(yubei, xiangyu_worker, civil_affairs, yb_1_1).

category_term(yubei, tekun, "特困人员", yb_1_1).
category_term(yubei, dibao, "低保对象", yb_1_1).
category_term(yubei, orphan, "社会散居孤儿", yb_1_1).
category_term(yubei, de_facto_orphan, "事实无人抚养儿童", yb_1_1).
category_term(yubei, hiv_child, "艾滋病病毒感染儿童", yb_1_1).
category_term(yubei, dibao_edge, "低保边缘家庭成员", yb_1_1).
category_term(yubei, illness_poor, "因病致贫重病患者", yb_1_1).
category_term(yubei, retired_1960s, "60年代精简退职老职工", yb_1_1).
category_term(yubei, xiangyu_worker, "原襄渝铁路建设伤残民兵民工（含原襄渝铁路矽肺病民兵民工）", yb_1_1).

category_order(yubei, tekun, 1, yb_1_1).
category_order(yubei, dibao, 2, yb_1_1).
category_order(yubei, orphan, 3, yb_1_1).
category_order(yubei, de_facto_orphan, 4, yb_1_1).
category_order(yubei, hiv_child, 5, yb_1_1).
category_order(yubei, dibao_edge, 6, yb_1_1).
category_order(yubei, illness_poor, 7, yb_1_1).
category_order(yubei, retired_1960s, 8, yb_1_1).
category_order(yubei, xiangyu_worker, 9, yb_1_1).

% ---------------------------------------------------------------------------
% 一（二）退役军人事务部门认定的救助对象
% 「退役军人事务部门认定的救助对象：在乡重点优抚对象（不含1—6级残疾军人）、按渝北府办电
%  〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性残疾子女。」
% ---------------------------------------------------------------------------
provision(yb_1_2, yubei, "一（二）", "退役军人事务部门认定的救助对象：在乡重点优抚对象（不含1—6级残疾军人）、按渝北府办电〔2011〕97号规定的烈士遗属、原8023部队退役人员先天性残疾子女").

recognises(yubei, key_entitled, veterans_affairs, yb_1_2).
recognises(yubei, martyr_family, veterans_affairs, yb_1_2).
recognises(yubei, unit8023_child, veterans_affairs, yb_1_2).

% 「不含1—6级残疾军人」 is part of the category (ontology: key_entitled).
category_term(yubei, key_entitled, "在乡重点优抚对象（不含1—6级残疾军人）", yb_1_2).
category_term(yubei, martyr_family, "按渝北府办电〔2011〕97号规定的烈士遗属", yb_1_2).
category_term(yubei, unit8023_child, "原8023部队退役人员先天性残疾子女", yb_1_2).

category_order(yubei, key_entitled, 10, yb_1_2).
category_order(yubei, martyr_family, 11, yb_1_2).
category_order(yubei, unit8023_child, 12, yb_1_2).

% Who counts as 烈士遗属 is defined by a district document not in the base.
reference(yubei, ref_yb_ybd97, "渝北府办电〔2011〕97号", not_in_base, yb_1_2).

% ---------------------------------------------------------------------------
% 一（三）残联认定的救助对象
% 「残联认定的救助对象：城乡重度（1—2级）残疾人员。」
% ---------------------------------------------------------------------------
provision(yb_1_3, yubei, "一（三）", "残联认定的救助对象：城乡重度（1—2级）残疾人员").

recognises(yubei, severe_disabled, disabled_federation, yb_1_3).
category_term(yubei, severe_disabled, "城乡重度（1—2级）残疾人员", yb_1_3).
category_order(yubei, severe_disabled, 13, yb_1_3).

% ---------------------------------------------------------------------------
% 一（四）农业农村部门认定的救助对象
% 「农业农村部门认定的救助对象：返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重困难户。」
% ---------------------------------------------------------------------------
provision(yb_1_4, yubei, "一（四）", "农业农村部门认定的救助对象：返贫致贫人口、脱贫不稳定户、边缘易致贫户、突发严重困难户").

recognises(yubei, returned_poor, agriculture, yb_1_4).
recognises(yubei, unstable_exit, agriculture, yb_1_4).
recognises(yubei, edge_risk, agriculture, yb_1_4).
recognises(yubei, sudden_hardship, agriculture, yb_1_4).

category_term(yubei, returned_poor, "返贫致贫人口", yb_1_4).
category_term(yubei, unstable_exit, "脱贫不稳定户", yb_1_4).
category_term(yubei, edge_risk, "边缘易致贫户", yb_1_4).
category_term(yubei, sudden_hardship, "突发严重困难户", yb_1_4).

category_order(yubei, returned_poor, 14, yb_1_4).
category_order(yubei, unstable_exit, 15, yb_1_4).
category_order(yubei, edge_risk, 16, yb_1_4).
category_order(yubei, sudden_hardship, 17, yb_1_4).
