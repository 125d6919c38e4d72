% medaid knowledge base — column names of settlement extracts.
%
% Auditors receive 人员、身份 and 结算明细 extracts with Chinese headers. Each column of
% `medaid audit` is read under its id or under any Chinese name declared here. This file
% states no policy. Syntax: the subset SWI-Prolog and clingo both read (see kb/README.md).

% column_name(ColumnId, ChineseHeader).
column_name(person_id, "人员编号").
column_name(region, "地区").
column_name(birth_date, "出生日期").
column_name(disability_grade, "残疾等级").
column_name(needs_maintenance_treatment, "需院外维持治疗").
column_name(scheme, "参保类型").
column_name(category, "救助对象类别").
column_name(since, "起始日期").
column_name(until, "终止日期").
column_name(claim_id, "结算编号").
column_name(type, "就诊类型").
column_name(date, "入院日期").
column_name(date, "就诊日期").
column_name(discharge, "出院日期").
column_name(disease, "疾病诊断").
column_name(hospital_level, "医院等级").
column_name(scope, "就医地").
column_name(referral, "转诊").
column_name(policy_scope_cost, "政策范围内费用").
column_name(basic_insurance_paid, "基本医保支付").
column_name(critical_illness_paid, "大病保险支付").
column_name(supplementary_paid, "补充保险支付").
column_name(paid_assistance, "已付救助金额").
