% medaid knowledge base — the generic rules every document's facts feed.
%
% Written once, read by both engines: SWI-Prolog (per-case answers and proof
% trees) and clingo (the search over all profiles). Only the shared subset is
% used: `not` for negation (declared a prefix operator for Prolog by the
% loader), integer comparisons with >, >=, <, =, no arithmetic, no lists.
%
% Case facts are asserted per claim by the engine, never written as text:
%   claim(C)  claim_region(C,R)  claim_type(C,T)  claim_date(C,D)
%   claim_discharge(C,E)  claim_level(C,L)  claim_scope(C,S)
%   claim_referral(C,K)  claim_cost(C,Fen)  claim_special(C)  claim_age(C,Y)
%   claim_disability(C,G)  claim_maintenance(C)  claim_scheme(C,S)
%   claim_identity(C,Cat,Since,Until,UntilMonthEnd,SinceYearStart)
%   reform_adds(Rule,Cat)  reform_removes(Rule,Cat)   (only under a reform)
% Dates are integers YYYYMMDD; an open-ended identity has Until 99991231.
%
% Each predicate's sentence stands above its definition, as template(Name, Arity,
% Text) (the form kb/core/templates.pl describes): explanations read a proof in
% these words.

% ---------------------------------------------------------------------------
% Which identities hold for a claim.
% covers(C, Cat, How): the identity Cat is in force for claim C by rule How.
% ---------------------------------------------------------------------------

% Default: the identity holds on the claim date (a stay's admission date), so an
% identity lost during a stay keeps the stay (interpretation i_admission_date).
template(covers, 3, "身份「{2}」按「{3}」覆盖理赔 {1:claim}").
covers(C, Cat, admission_date) :-
    claim_date(C, D), claim_identity(C, Cat, S, U, _, _),
    D >= S, U >= D, not claim_type(C, premium).

% 江苏 四（八）: benefits stop only from the month after the identity is lost.
covers(C, Cat, month_grace) :-
    claim_region(C, R), temporal_rule(R, month_grace, _),
    claim_date(C, D), claim_identity(C, Cat, S, _, UM, _),
    D >= S, UM >= D, not claim_type(C, premium).

% 江苏 四（八）: an identity gained during a stay covers that stay.
covers(C, Cat, gained_during_stay) :-
    claim_region(C, R), temporal_rule(R, gained_during_stay, _),
    claim_type(C, inpatient), claim_date(C, D), claim_discharge(C, E),
    claim_identity(C, Cat, S, _, _, _), S > D, E >= S.

% 攀枝花 第十九条: recognition covers the whole calendar year's costs retroactively.
covers(C, Cat, retroactive_year) :-
    claim_region(C, R), temporal_rule(R, retroactive_year, _),
    claim_date(C, D), claim_identity(C, Cat, _, U, _, SY),
    D >= SY, U >= D, not claim_type(C, premium).

% Premium subsidy is yearly: an identity held on any day of the year counts
% (interpretation i_premium_year). The premium pseudo-claim spans the year.
covers(C, Cat, year_overlap) :-
    claim_type(C, premium), claim_date(C, D), claim_discharge(C, E),
    claim_identity(C, Cat, S, U, _, _), E >= S, U >= D.

% holds_via(C, Cat, Own): Cat holds through the person's own identity Own
% (itself, or a sub-kind the document places under Cat).
template(holds_via, 3, "理赔 {1:claim} 时通过本人身份「{3}」具有「{2}」身份").
holds_via(C, Cat, Cat) :- covers(C, Cat, _).
holds_via(C, Super, Sub) :-
    covers(C, Sub, _), claim_region(C, R), subkind(R, Sub, Super, _).

template(holds, 2, "理赔 {1:claim} 时具有「{2}」身份").
holds(C, Cat) :- holds_via(C, Cat, _).

% ---------------------------------------------------------------------------
% Persons a clause lists under one heading, named once.
% category_set(Set, Cat, Cite): Cat is one of the persons Set stands for (Cite lists them).
% rule_categories(Rule, Set, Cite): the rule serves every member of Set (Cite says so).
% Several rules of one clause (one per insurance tier, inpatient and outpatient) then
% name the list once instead of repeating it; the citation stays the rule's own.
% ---------------------------------------------------------------------------
template(rule_category, 3, "规则 {1} 适用于「{2}」").
rule_category(Rule, Cat, Cite) :- rule_categories(Rule, Set, Cite), category_set(Set, Cat, _).

% ---------------------------------------------------------------------------
% Conditions a rule may state (rule_condition/3) or exclude (rule_exclusion/3).
% ---------------------------------------------------------------------------
condition_term(T) :- rule_condition(_, T, _).
condition_term(T) :- rule_exclusion(_, T, _).

% Every clause is guarded by condition_term/1 so that clingo grounds a condition only
% where some rule states it, not for every profile of the search.
template(cond, 2, "理赔 {1:claim} 满足条件「{2}」").
cond(C, level_min(L)) :- condition_term(level_min(L)), claim_level(C, X), X >= L.
cond(C, level_max(L)) :- condition_term(level_max(L)), claim_level(C, X), L >= X.
cond(C, special_disease) :- condition_term(special_disease), claim_special(C).
cond(C, ordinary_disease) :- condition_term(ordinary_disease), claim(C), not claim_special(C).
cond(C, cost_over(V)) :- condition_term(cost_over(V)), claim_cost(C, X), X > V.
cond(C, referral(K)) :- condition_term(referral(K)), claim_referral(C, K).
cond(C, properly_referred) :- condition_term(properly_referred), claim_referral(C, primary_care).
cond(C, properly_referred) :- condition_term(properly_referred), claim_referral(C, referred).
cond(C, within(A)) :- condition_term(within(A)), claim_region(C, R), claim_scope(C, S), within(R, S, A, _).
cond(C, age_min(A)) :- condition_term(age_min(A)), claim_age(C, X), X >= A.
cond(C, disability_max(G)) :- condition_term(disability_max(G)), claim_disability(C, X), G >= X.
cond(C, maintenance) :- condition_term(maintenance), claim_maintenance(C).
cond(C, scheme(S)) :- condition_term(scheme(S)), claim_scheme(C, S).

% ---------------------------------------------------------------------------
% Programs offered for a claim, the rules that could pay, and why they fail.
% ---------------------------------------------------------------------------
template(offered, 2, "文件为此类费用设有{2}").
offered(C, P) :- claim_region(C, R), claim_type(C, T), program_for(R, P, T, _).

template(candidate, 4, "规则 {3} 适用于「{4}」，且该身份在理赔 {1:claim} 时有效").
candidate(C, P, Rule, Cat) :-
    offered(C, P), claim_region(C, R), benefit_rule(R, P, Rule, _),
    rule_category(Rule, Cat, _), not reform_removes(Rule, Cat), holds(C, Cat).
% A reform (a what-if, never a document) may add a category to a rule or remove one:
% reform_adds/2 and reform_removes/2 arrive with the case facts, as data.
candidate(C, P, Rule, Cat) :-
    offered(C, P), claim_region(C, R), benefit_rule(R, P, Rule, _),
    reform_adds(Rule, Cat), holds(C, Cat).

template(fails, 3, "理赔 {1:claim}：规则 {2} 的条件「{3}」未满足").
fails(C, Rule, Cond) :-
    candidate(C, _, Rule, _), rule_condition(Rule, Cond, _), not cond(C, Cond).
fails(C, Rule, unless(Cond)) :-
    candidate(C, _, Rule, _), rule_exclusion(Rule, Cond, _), cond(C, Cond).

template(blocked, 2, "规则 {2} 有条件未满足").
blocked(C, Rule) :- fails(C, Rule, _).

template(applicable, 4, "理赔 {1:claim} 可按规则 {3} 以「{4}」身份享受{2}").
applicable(C, P, Rule, Cat) :- candidate(C, P, Rule, Cat), not blocked(C, Rule).
has_applicable(C, P) :- applicable(C, P, _, _).

% Unreferred care outside the coordinating area is not covered (each document's
% 未按规定转诊…原则上不纳入). Only money from the assistance fund is excluded.
template(excluded, 3, "理赔 {1:claim} 的{2}被排除：{3}").
excluded(C, P, unreferred) :-
    offered(C, P), program(P, _, assistance), claim_region(C, R),
    referral_exclusion(R, _), claim_referral(C, none),
    claim_scope(C, S), not within(R, S, city, _).
is_excluded(C, P) :- excluded(C, P, _).

% A rule handed to a document that is not in the knowledge base. It is only
% reported for claims that meet the conditions the document states for the
% same program's other rules (a 大额费用 delegation does not touch a cheap
% stay); a program with no rules of its own is delegated whole.
template(unresolved, 4, "理赔 {1:claim} 的{2}对「{3}」由 {4} 规定").
unresolved(C, P, Cat, Ref) :-
    offered(C, P), claim_region(C, R), delegated(R, P, Cat, Ref, _), holds(C, Cat),
    conditions_fit(C, P).
conditions_fit(C, P) :-
    offered(C, P), claim_region(C, R), benefit_rule(R, P, Rule, _), not rule_misfit(C, Rule).
conditions_fit(C, P) :-
    offered(C, P), claim_region(C, R), not has_rules(R, P).
has_rules(R, P) :- benefit_rule(R, P, _, _).
% Only a delegating program asks whether its rules fit (unresolved/4): the delegated/5
% guard keeps clingo from grounding the question for every claim and rule.
rule_misfit(C, Rule) :-
    offered(C, P), claim_region(C, R), delegated(R, P, _, _, _), benefit_rule(R, P, Rule, _),
    rule_condition(Rule, Cond, _), not cond(C, Cond).
has_unresolved(C, P) :- unresolved(C, P, _, _).

% status(C, P, S): excluded wins; then a paying rule; then a delegation; else none.
template(status, 3, "理赔 {1:claim} 的{2}：{3}").
status(C, P, excluded) :- is_excluded(C, P).
status(C, P, eligible) :- has_applicable(C, P), not is_excluded(C, P).
status(C, P, unresolved) :-
    has_unresolved(C, P), not has_applicable(C, P), not is_excluded(C, P).
status(C, P, not_eligible) :-
    offered(C, P), not is_excluded(C, P), not has_applicable(C, P), not has_unresolved(C, P).
