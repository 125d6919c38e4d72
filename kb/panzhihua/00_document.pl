% ===========================================================================
% 攀枝花市健全重特大疾病医疗保险和救助制度实施细则
% 攀枝花市人民政府办公室印发（2023年1月，印发日期原文空缺“日”）
% Region panzhihua (攀枝花市, 510400). Source text: kb/sources/panzhihua.txt.
%
% This file: the notice that issues the 实施细则, document metadata, the
% outline of every clause (coverage index), and the document-wide reading of
% places (within/4). Files 01..10 follow the document's ten chapters:
%   01_general.pl        第一章 总则                 第一条—第三条
%   02_categories.pl     第二章 救助对象类别         第四条
%   03_premium.pl        第三章 资助参保             第五条—第七条
%   04_ci_tilt.pl        第四章 大病保险倾斜支付     第八条
%   05_assistance.pl     第五章 医疗救助             第九条—第十四条
%   06_care.pl           第六章 就医管理             第十五条—第十七条
%   07_antipoverty.pl    第七章 建立防止返贫长效机制 第十八条—第十九条
%   08_coordination.pl   第八章 建立健全综合保障机制 第二十条—第二十三条
%   09_services.pl       第九章 规范经办服务         第二十四条—第二十八条
%   10_final.pl          第十章 附则                 第二十九条—第三十三条
% ===========================================================================

% ---------------------------------------------------------------------------
% 通知（印发通知及标题）
% 「攀枝花市人民政府办公室关于印发《攀枝花市健全重特大疾病医疗保险和救助制度实
% 施细则》的通知各县（区）人民政府、钒钛高新区管委会，市政府各部门、各直属机构，
% 有关单位：《攀枝花市健全重特大疾病医疗保险和救助制度实施细则》已经市政府同意，
% 现印发给你们，请结合实际抓好落实。攀枝花市人民政府办公室2023年1月日攀枝
% 花市健全重特大疾病医疗保险和救助制度实施细则」
% ---------------------------------------------------------------------------
provision(pzh_notice, panzhihua, "通知", "攀枝花市人民政府办公室关于印发《攀枝花市健全重特大疾病医疗保险和救助制度实施细则》的通知").

% The text carries no document number (文号): the title itself is used as
% DocNo (interpretation i_pzh_docno).
interpretation(i_pzh_docno, panzhihua, "以标题作文号",
    "原文印发通知未载明发文字号（仅有“攀枝花市人民政府办公室 2023年1月 日”），故以实施细则标题“攀枝花市健全重特大疾病医疗保险和救助制度实施细则”作为引用时的文号。",
    pzh_notice).
% Code is the administrative division code, written as an integer.
document(panzhihua, "攀枝花市健全重特大疾病医疗保险和救助制度实施细则",
    "攀枝花市健全重特大疾病医疗保险和救助制度实施细则",
    city, 510400, "攀枝花市", i_pzh_docno).
region_alias(panzhihua, "攀枝花", pzh_notice).
non_computational(panzhihua, "通知", "印发通知：载明发文机关和印发对象，无可计算的待遇或条件；施行日期见第三十三条。").

% ---------------------------------------------------------------------------
% Outline: every clause of the document, in order.
% ---------------------------------------------------------------------------
outline(panzhihua, 1, "通知", "关于印发《攀枝花市健全重特大疾病医疗保险和救助制度实施细则》的通知").
outline(panzhihua, 2, "第一条", "第一章 总则：制定依据").
outline(panzhihua, 3, "第二条", "第一章 总则：工作机制和原则").
outline(panzhihua, 4, "第三条", "第一章 总则：市级统筹和2030年目标").
outline(panzhihua, 5, "第四条", "第二章 救助对象类别：适用对象").
outline(panzhihua, 6, "第四条（一）", "特困人员").
outline(panzhihua, 7, "第四条（二）", "孤儿").
outline(panzhihua, 8, "第四条（三）", "低保对象").
outline(panzhihua, 9, "第四条（四）", "低保边缘家庭成员").
outline(panzhihua, 10, "第四条（五）", "防止返贫监测对象").
outline(panzhihua, 11, "第四条（六）", "因病致贫重病患者").
outline(panzhihua, 12, "第五条", "第三章 资助参保：参加居民医保").
outline(panzhihua, 13, "第六条", "第三章 资助参保：资助标准").
outline(panzhihua, 14, "第七条", "第三章 资助参保：参保动员").
outline(panzhihua, 15, "第八条", "第四章 大病保险倾斜支付").
outline(panzhihua, 16, "第九条", "第五章 医疗救助：特困人员、孤儿普通门诊救助").
outline(panzhihua, 17, "第十条", "第五章 医疗救助：低保对象普通门诊救助").
outline(panzhihua, 18, "第十一条", "第五章 医疗救助：住院和门诊慢特病统筹").
outline(panzhihua, 19, "第十二条", "第五章 医疗救助：住院和门诊慢特病救助标准").
outline(panzhihua, 20, "第十二条（一）", "起付标准").
outline(panzhihua, 21, "第十二条（二）", "救助比例").
outline(panzhihua, 22, "第十二条（三）", "救助封顶线").
outline(panzhihua, 23, "第十三条", "第五章 医疗救助：倾斜救助").
outline(panzhihua, 24, "第十四条", "第五章 医疗救助：多重身份待遇就高").
outline(panzhihua, 25, "第十五条", "第六章 就医管理：待遇清单和保障范围").
outline(panzhihua, 26, "第十六条", "第六章 就医管理：基层首诊与先诊疗后付费").
outline(panzhihua, 27, "第十七条", "第六章 就医管理：异地就医与未转诊").
outline(panzhihua, 28, "第十八条", "第七章 防止返贫：主动发现与预警推送").
outline(panzhihua, 29, "第十九条", "第七章 防止返贫：认定与追溯救助").
outline(panzhihua, 30, "第二十条", "第八章 综合保障：县（区）政府责任").
outline(panzhihua, 31, "第二十一条", "第八章 综合保障：部门职责").
outline(panzhihua, 32, "第二十二条", "第八章 综合保障：综合帮扶与社会力量").
outline(panzhihua, 33, "第二十三条", "第八章 综合保障：基金监管").
outline(panzhihua, 34, "第二十四条", "第九章 经办服务：一站式服务").
outline(panzhihua, 35, "第二十五条", "第九章 经办服务：信息平台").
outline(panzhihua, 36, "第二十六条", "第九章 经办服务：费用管控").
outline(panzhihua, 37, "第二十七条", "第九章 经办服务：一单制结算").
outline(panzhihua, 38, "第二十八条", "第九章 经办服务：队伍建设").
outline(panzhihua, 39, "第二十九条", "第十章 附则：资金来源").
outline(panzhihua, 40, "第三十条", "第十章 附则：普惠型商业健康保险报销顺序").
outline(panzhihua, 41, "第三十一条", "第十章 附则：标准调整").
outline(panzhihua, 42, "第三十二条", "第十章 附则：市级统筹管理规定").
outline(panzhihua, 43, "第三十三条", "第十章 附则：施行日期和废止").

% ---------------------------------------------------------------------------
% Places (document-wide reading). The document names 本市 / 市域内 (第十二条,
% 第十六条) and 省域内 (第十三条); the 县（区） is inside the city.
% ---------------------------------------------------------------------------
interpretation(i_pzh_places, panzhihua, "就医地范围",
    "细则以“本市”“市域内”（第十二条、第十六条）和“省域内”（第十三条）划分就医地：县（区）内就医同时属于县（区）内、市域内和省域内；市内（县区外）就医属于市域内和省域内；省内市外就医仅属于省域内；省外就医不属于上述任何范围。",
    pzh_13).
within(panzhihua, in_district, district, i_pzh_places).
within(panzhihua, in_district, city, i_pzh_places).
within(panzhihua, in_district, province, i_pzh_places).
within(panzhihua, in_city, city, i_pzh_places).
within(panzhihua, in_city, province, i_pzh_places).
within(panzhihua, in_province, province, i_pzh_places).
