% ===========================================================================
% 攀枝花市健全重特大疾病医疗保险和救助制度实施细则 — 第三章 资助参保
% ===========================================================================

% ---------------------------------------------------------------------------
% 第五条
% 「第五条 困难群众依法参加城乡居民基本医疗保险（以下简称居民医保），按规定享
% 有基本医保、大病保险、医疗救助三重制度保障权益。引导已实现稳定就业的困难群众
% 参加职工基本医疗保险。」
% ---------------------------------------------------------------------------
provision(pzh_5, panzhihua, "第五条", "困难群众依法参加城乡居民基本医疗保险（以下简称居民医保）").
non_computational(panzhihua, "第五条", "困难群众参加居民医保、引导稳定就业者参加职工医保，属参保引导，无可计算的待遇；资助标准见第六条。").

% ---------------------------------------------------------------------------
% 第六条
% 「第六条 全面落实居民医保参保财政补助政策，全额资助特困人员、孤儿参加居民医
% 保；按个人缴费标准的75%资助低保对象、防止返贫监测对象参加居民医保。」
% ---------------------------------------------------------------------------
provision(pzh_6_a, panzhihua, "第六条", "全额资助特困人员、孤儿参加居民医保").
provision(pzh_6_b, panzhihua, "第六条", "按个人缴费标准的75%资助低保对象、防止返贫监测对象参加居民医保").

program_for(panzhihua, premium_subsidy, premium, pzh_6_a).

% 居民医保 is not divided into 档次 by this document: the subsidy is a share
% of the person's own resident-scheme contribution, whichever tier (one rule
% per tier, condition scheme(...)). 职工医保 is not subsidised.
interpretation(i_pzh_resident_scheme, panzhihua, "居民医保不分档次",
    "第六条资助的是参加“居民医保”，本细则未区分缴费档次；故城乡居民医保一档、二档参保人均适用，资助额按本人所参档次的个人缴费标准计算；参加职工医保的不在资助范围内。",
    pzh_5).

% 全额资助: 特困人员、孤儿 — 100% of the person's own contribution.
benefit_rule(panzhihua, premium_subsidy, pzh_prem_full_t1, pzh_6_a).
rule_category(pzh_prem_full_t1, tekun, pzh_6_a).
rule_category(pzh_prem_full_t1, orphan, pzh_6_a).
rule_condition(pzh_prem_full_t1, scheme(resident_tier1), i_pzh_resident_scheme).
param(pzh_prem_full_t1, rate, exact, 100, percent_of(contribution), pzh_6_a).
derived(pzh_prem_full_t1, rate, "全额资助 = 个人缴费标准的100%", pzh_6_a).

benefit_rule(panzhihua, premium_subsidy, pzh_prem_full_t2, pzh_6_a).
rule_category(pzh_prem_full_t2, tekun, pzh_6_a).
rule_category(pzh_prem_full_t2, orphan, pzh_6_a).
rule_condition(pzh_prem_full_t2, scheme(resident_tier2), i_pzh_resident_scheme).
param(pzh_prem_full_t2, rate, exact, 100, percent_of(contribution), pzh_6_a).
derived(pzh_prem_full_t2, rate, "全额资助 = 个人缴费标准的100%", pzh_6_a).

% 75%: 低保对象、防止返贫监测对象.
benefit_rule(panzhihua, premium_subsidy, pzh_prem_75_t1, pzh_6_b).
rule_category(pzh_prem_75_t1, dibao, pzh_6_b).
rule_category(pzh_prem_75_t1, monitored, pzh_6_b).
rule_condition(pzh_prem_75_t1, scheme(resident_tier1), i_pzh_resident_scheme).
param(pzh_prem_75_t1, rate, exact, 75, percent_of(contribution), pzh_6_b).

benefit_rule(panzhihua, premium_subsidy, pzh_prem_75_t2, pzh_6_b).
rule_category(pzh_prem_75_t2, dibao, pzh_6_b).
rule_category(pzh_prem_75_t2, monitored, pzh_6_b).
rule_condition(pzh_prem_75_t2, scheme(resident_tier2), i_pzh_resident_scheme).
param(pzh_prem_75_t2, rate, exact, 75, percent_of(contribution), pzh_6_b).

% Gap (reported, not encoded): 第六条 names no subsidy for 低保边缘家庭成员 or
% 因病致贫重病患者; they are not_eligible for premium_subsidy here.

% ---------------------------------------------------------------------------
% 第七条
% 「第七条 县（区）人民政府要重点做好困难群众的参保动员工作，适应人口流动和参
% 保需求变化，灵活调整救助对象参保缴费方式，确保其及时参保、应保尽保。」
% ---------------------------------------------------------------------------
non_computational(panzhihua, "第七条", "县（区）政府做好参保动员、灵活调整参保缴费方式，属工作要求，无可计算的待遇或条件。").
