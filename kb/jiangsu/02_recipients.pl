% 江苏省 重特大疾病医疗保险和救助实施意见（征求意见稿）
% 二、科学确定医疗救助对象范围
%
% Two classes of 救助对象. Class decides the figures in 三（二）and 四（六）.
% category_order follows the list in 二（一）, with 四（六）'s 孤儿、事实无人抚养儿童 placed
% right after 特困人员 (i_js_category_order); the departments that recognise
% each category are stated next to 八（十七） (08_organisation.pl), except the
% two whose recogniser is named only here.

% ---------------------------------------------------------------------------
% 二（一）及时精准确定救助对象
% 「（一）及时精准确定救助对象。医疗救助公平覆盖医疗费用负担较重的困难职工和城乡
%   居民，根据救助对象类别实施分类救助。医疗救助对象分为两类：一类为特困人员，最
%   低生活保障对象，困境儿童，符合条件的享受国家抚恤补助的优抚对象，享受民政部门
%   定期定量生活补助费的20世纪60年代精减退职职工，设区的市、县（市、区）总工
%   会核定的特困职工；二类为低保边缘家庭成员，支出型困难家庭中的大重病患者，具有
%   当地户籍的临时救助对象中的大重病患者，以及设区市人民政府规定的其他特殊困难人
%   员。有条件的地区，可以将不具有当地户籍的临时救助对象中的大重病患者纳入救助范
%   围。」
% ---------------------------------------------------------------------------
provision(js_2_1_a, jiangsu, "二（一）", "一类为特困人员，最低生活保障对象，困境儿童，符合条件的享受国家抚恤补助的优抚对象，享受民政部门定期定量生活补助费的20世纪60年代精减退职职工，设区的市、县（市、区）总工会核定的特困职工").
provision(js_2_1_b, jiangsu, "二（一）", "二类为低保边缘家庭成员，支出型困难家庭中的大重病患者，具有当地户籍的临时救助对象中的大重病患者，以及设区市人民政府规定的其他特殊困难人员").
provision(js_2_1_c, jiangsu, "二（一）", "有条件的地区，可以将不具有当地户籍的临时救助对象中的大重病患者纳入救助范围").

% 一类救助对象 (class1), in the document's order.
category_term(jiangsu, tekun, "特困人员", js_2_1_a).
category_term(jiangsu, dibao, "最低生活保障对象", js_2_1_a).
category_term(jiangsu, distressed_child, "困境儿童", js_2_1_a).
category_term(jiangsu, entitled_veteran, "符合条件的享受国家抚恤补助的优抚对象", js_2_1_a).
category_term(jiangsu, retired_1960s, "享受民政部门定期定量生活补助费的20世纪60年代精减退职职工", js_2_1_a).
category_term(jiangsu, hardship_worker, "设区的市、县（市、区）总工会核定的特困职工", js_2_1_a).
category_class(jiangsu, tekun, class1, js_2_1_a).
category_class(jiangsu, dibao, class1, js_2_1_a).
category_class(jiangsu, distressed_child, class1, js_2_1_a).
category_class(jiangsu, entitled_veteran, class1, js_2_1_a).
category_class(jiangsu, retired_1960s, class1, js_2_1_a).
category_class(jiangsu, hardship_worker, class1, js_2_1_a).

% 二类救助对象 (class2).
category_term(jiangsu, dibao_edge, "低保边缘家庭成员", js_2_1_b).
category_term(jiangsu, expenditure_patient, "支出型困难家庭中的大重病患者", js_2_1_b).
category_term(jiangsu, temp_assist_patient, "具有当地户籍的临时救助对象中的大重病患者", js_2_1_b).
category_term(jiangsu, other_hardship, "设区市人民政府规定的其他特殊困难人员", js_2_1_b).
category_class(jiangsu, dibao_edge, class2, js_2_1_b).
category_class(jiangsu, expenditure_patient, class2, js_2_1_b).
category_class(jiangsu, temp_assist_patient, class2, js_2_1_b).
category_class(jiangsu, other_hardship, class2, js_2_1_b).

% Ranks (used only to break a tie between equal amounts under 就高, 四（八）).
interpretation(i_js_category_order, jiangsu, "救助对象排序",
    "就高原则下金额相同时按文件列举顺序取身份。以二（一）的名单顺序为基础；孤儿和事实无人抚养儿童未在二（一）单列，四（六）将其与特困人员并列给予100%救助、列在“其他救助对象”之前，故排在特困人员之后、低保对象之前（第2、3位），使同额时选用文件明确给予全额救助的身份及其条款。非本地户籍临时救助对象列在最后。",
    js_2_1_a).
category_order(jiangsu, tekun, 1, i_js_category_order).
category_order(jiangsu, orphan, 2, i_js_category_order).
category_order(jiangsu, de_facto_orphan, 3, i_js_category_order).
category_order(jiangsu, dibao, 4, i_js_category_order).
category_order(jiangsu, distressed_child, 5, i_js_category_order).
category_order(jiangsu, entitled_veteran, 6, i_js_category_order).
category_order(jiangsu, retired_1960s, 7, i_js_category_order).
category_order(jiangsu, hardship_worker, 8, i_js_category_order).
category_order(jiangsu, dibao_edge, 9, i_js_category_order).
category_order(jiangsu, expenditure_patient, 10, i_js_category_order).
category_order(jiangsu, temp_assist_patient, 11, i_js_category_order).
category_order(jiangsu, other_hardship, 12, i_js_category_order).
category_order(jiangsu, nonlocal_temp_assist_patient, 13, i_js_category_order).

% 其他特殊困难人员: who they are is for each 设区市人民政府 to say.
recognises(jiangsu, other_hardship, local_government, js_2_1_b).
reference(jiangsu, ref_js_city_other_hardship,
    "设区市人民政府关于其他特殊困难人员的规定", unnamed, js_2_1_b).

% 有条件的地区，可以…纳入: an option for the 设区市, not a rule of the province.
interpretation(i_js_nonlocal, jiangsu, "非本地户籍临时救助大重病患者默认不纳入",
    "二（一）仅规定“有条件的地区，可以”将不具有当地户籍的临时救助对象中的大重病患者纳入救助范围，属于设区市的选择项，且文件未规定其类别（一类或二类）及待遇。medaid识别该身份，但默认不纳入救助：不为其设任何救助规则，其各项救助结论为不符合条件；如某设区市已将其纳入，应以该市规定为准。认定部门按临时救助的主管部门（民政部门）记。",
    js_2_1_c).
category_term(jiangsu, nonlocal_temp_assist_patient, "不具有当地户籍的临时救助对象中的大重病患者", js_2_1_c).
recognises(jiangsu, nonlocal_temp_assist_patient, civil_affairs, i_js_nonlocal).
