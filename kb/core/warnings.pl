% 预警 (因病致贫/返贫 monitoring): the vocabulary the documents' warning clauses share.
% Each document's own warning/6 facts live in its folder, beside the clause they encode:
%   warning(Region, Id, Bound, Percent, percent_of(Base), Cite)
%   warning_name(Id, Name)                     — the document's own name for the warning
%   warning_category(Id, Category, Cite)       — a 救助对象 identity the warning watches
%   warning_group(Id, Group, Cite)             — a population that is no identity (below)
%   warning_excluded_scheme(Id, Scheme, Cite)  — insured under this scheme: not watched
%   warning_self_pay(Id, Basis, Interpretation) — which self-pay is summed over the year

% warning_group_name(Group, Name).
% ordinary_resident: holds no 救助对象 identity at any time in the year.
% insured: every basic-insurance participant, whatever identity they hold.
warning_group_name(ordinary_resident, "普通居民（当年未持有任何救助对象身份）").
warning_group_name(insured, "基本医保参保对象（不论身份）").

% self_pay_basis(Basis, Name).
% after_insurance: 政策范围内费用 − 基本医保 − 大病保险 − 补充保险 paid, before 医疗救助.
% after_assistance: the same less the 医疗救助 paid (no document here reads it so).
self_pay_basis(after_insurance, "经基本医保、大病保险、补充保险支付后、医疗救助前的政策范围内个人自付").
self_pay_basis(after_assistance, "经三重制度（含医疗救助）支付后的政策范围内个人自付").

% A document that names the watched groups but states no figure: the user supplies the
% line as this parameter (per region, optionally per year), in 元.
external_parameter(warning_threshold, "预警监测标准（个人年度负担医疗费用）", fen).
