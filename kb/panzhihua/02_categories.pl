% ===========================================================================
% 攀枝花市健全重特大疾病医疗保险和救助制度实施细则 — 第二章 救助对象类别
% Six categories, in the document's order (category_order 1..6). Who
% recognises them is stated in 第十九条 and 第二十一条 (民政部门; 乡村振兴部门
% for 防止返贫监测对象); those provisions are quoted here and in 07/08.
% ===========================================================================

% ---------------------------------------------------------------------------
% 第四条
% 「第四条 本细则适用于医疗费用负担较重的困难职工和城乡居民，并经有关部门认定
% 的下列人员：」
% ---------------------------------------------------------------------------
provision(pzh_4_a, panzhihua, "第四条", "本细则适用于医疗费用负担较重的困难职工和城乡居民，并经有关部门认定的下列人员").
category_order(panzhihua, tekun, 1, pzh_4_a).
category_order(panzhihua, orphan, 2, pzh_4_a).
category_order(panzhihua, dibao, 3, pzh_4_a).
category_order(panzhihua, dibao_edge, 4, pzh_4_a).
category_order(panzhihua, monitored, 5, pzh_4_a).
category_order(panzhihua, illness_poor, 6, pzh_4_a).

% Departments. 第二十一条 gives 民政部门 "有关救助对象认定" without naming the
% categories; the reading below assigns 特困人员、孤儿、低保对象、低保边缘家庭成员
% to 民政部门 (interpretation i_pzh_departments), 因病致贫重病患者 to 民政部门
% 会同有关部门 (pzh_21_b) and 防止返贫监测对象 to 乡村振兴部门 (pzh_21_c).
interpretation(i_pzh_departments, panzhihua, "认定部门",
    "第二十一条仅称民政部门负责“有关救助对象认定工作”，未逐类列明；按社会救助职责分工，特困人员、孤儿、低保对象、低保边缘家庭成员由民政部门认定；因病致贫重病患者由民政部门会同有关部门认定；防止返贫监测对象由乡村振兴部门认定（第二十一条、第十九条）。",
    pzh_21_a).

% ---------------------------------------------------------------------------
% 第四条（一）
% 「（一）特困人员；」
% ---------------------------------------------------------------------------
provision(pzh_4_1, panzhihua, "第四条（一）", "（一）特困人员；").
category_term(panzhihua, tekun, "特困人员", pzh_4_1).
recognises(panzhihua, tekun, civil_affairs, i_pzh_departments).

% ---------------------------------------------------------------------------
% 第四条（二）
% 「（二）孤儿；」
% ---------------------------------------------------------------------------
provision(pzh_4_2, panzhihua, "第四条（二）", "（二）孤儿；").
category_term(panzhihua, orphan, "孤儿", pzh_4_2).
recognises(panzhihua, orphan, civil_affairs, i_pzh_departments).

% ---------------------------------------------------------------------------
% 第四条（三）
% 「（三）低保对象；」
% ---------------------------------------------------------------------------
provision(pzh_4_3, panzhihua, "第四条（三）", "（三）低保对象；").
category_term(panzhihua, dibao, "低保对象", pzh_4_3).
recognises(panzhihua, dibao, civil_affairs, i_pzh_departments).

% ---------------------------------------------------------------------------
% 第四条（四）
% 「（四）低保边缘家庭成员；」
% ---------------------------------------------------------------------------
provision(pzh_4_4, panzhihua, "第四条（四）", "（四）低保边缘家庭成员；").
category_term(panzhihua, dibao_edge, "低保边缘家庭成员", pzh_4_4).
recognises(panzhihua, dibao_edge, civil_affairs, i_pzh_departments).

% ---------------------------------------------------------------------------
% 第四条（五）
% 「（五）纳入防止返贫监测范围的农村易返贫致贫人口（以下简称防止返贫监测对象）；」
% ---------------------------------------------------------------------------
provision(pzh_4_5, panzhihua, "第四条（五）", "纳入防止返贫监测范围的农村易返贫致贫人口（以下简称防止返贫监测对象）").
category_term(panzhihua, monitored, "纳入防止返贫监测范围的农村易返贫致贫人口", pzh_4_5).
category_term(panzhihua, monitored, "防止返贫监测对象", pzh_4_5).
recognises(panzhihua, monitored, rural_revitalization, pzh_21_c).

% ---------------------------------------------------------------------------
% 第四条（六）
% 「（六）不符合特困人员救助供养、低保或低保边缘家庭条件，但因高额医疗费用支出
% 导致家庭基本生活出现严重困难的大病患者（以下简称因病致贫重病患者）。」
% ---------------------------------------------------------------------------
provision(pzh_4_6, panzhihua, "第四条（六）", "不符合特困人员救助供养、低保或低保边缘家庭条件，但因高额医疗费用支出导致家庭基本生活出现严重困难的大病患者（以下简称因病致贫重病患者）").
category_term(panzhihua, illness_poor, "因病致贫重病患者", pzh_4_6).
recognises(panzhihua, illness_poor, civil_affairs, pzh_21_b).

% ---------------------------------------------------------------------------
% 第四条（末段）
% 「县（区）人民政府规定的其他特殊困难人员，按上述救助对象类别归类后给予相应救
% 助。」
% ---------------------------------------------------------------------------
provision(pzh_4_b, panzhihua, "第四条", "县（区）人民政府规定的其他特殊困难人员，按上述救助对象类别归类后给予相应救助。").
% No recognises(panzhihua, other_hardship, ...) fact: such persons are paid
% under the category they are classified into, so a case must state that
% category (interpretation i_pzh_other_hardship).
interpretation(i_pzh_other_hardship, panzhihua, "其他特殊困难人员的归类",
    "县（区）人民政府规定的其他特殊困难人员不是独立的救助类别，须先按第四条（一）至（六）归入某一类别后按该类别标准救助；本细则未规定归类办法，由县（区）人民政府确定，故输入时须填写归入后的类别，单独以“其他特殊困难人员”身份输入不产生任何待遇。",
    pzh_4_b).
