% medaid Prolog engine: loads the knowledge base into module kb, holds one
% batch of case facts at a time, and answers per-case questions with proofs.
% Engine code only; policy lives in kb/.
:- module(medaid_engine, [kb_load_file/1, kb_finish/0, kb_src/3]).

% The shared kb subset writes negation as `not G` (clingo's syntax).
:- op(900, fy, user:(not)).

:- dynamic kb_src/3.

% kb_load_file(+File): read every clause of File (UTF-8 whatever the locale),
% assert it into module kb and remember where it came from.
kb_load_file(File) :-
    setup_call_cleanup(open(File, read, S, [encoding(utf8)]),
                       load_stream(S, File),
                       close(S)).

load_stream(S, File) :-
    repeat,
    read_term(S, T, [term_position(P), module(user), syntax_errors(error)]),
    (   T == end_of_file
    ->  !
    ;   stream_position_data(line_count, P, Line),
        assertz(kb:T),
        assertz(kb_src(T, File, Line)),
        fail
    ).

% kb_finish: every predicate a rule body names but no file defines is an
% empty dynamic predicate (clingo treats such atoms as false; so must we).
kb_finish :-
    forall(( kb_src((_ :- B), _, _), body_goal(B, G), callable(G),
             functor(G, N, A), \+ current_predicate(kb:N/A),
             \+ predicate_property(kb:G, built_in) ),
           dynamic(kb:N/A)),
    forall(case_pred(N/A), dynamic(kb:N/A)).

body_goal((A, B), G) :- !, ( body_goal(A, G) ; body_goal(B, G) ).
body_goal(not(A), G) :- !, body_goal(A, G).
body_goal(G, G).

case_pred(claim/1). case_pred(claim_region/2). case_pred(claim_type/2).
case_pred(claim_date/2). case_pred(claim_discharge/2). case_pred(claim_level/2).
case_pred(claim_scope/2). case_pred(claim_referral/2). case_pred(claim_cost/2).
case_pred(claim_special/1). case_pred(claim_age/2). case_pred(claim_disability/2).
case_pred(claim_maintenance/1). case_pred(claim_scheme/2). case_pred(claim_identity/6).
% A reform's category changes travel with the case facts (reasoner/reform.py).
case_pred(reform_adds/2). case_pred(reform_removes/2).
% A case fact the kb itself declares: what a new condition kind reads (kb/core/rules.pl).
case_pred(N/A) :- current_predicate(kb:claim_fact/2), kb:claim_fact(N, A).

% ---------------------------------------------------------------------------
% Case facts: one batch at a time, built by the caller as terms (never text).
% ---------------------------------------------------------------------------
:- public set_case/1, answers/5, answers_text/3, prove/2, static_facts/3, static_text/4.

set_case(Facts) :-
    forall(case_pred(N/A), ( functor(H, N, A), retractall(kb:H) )),
    forall(member(F, Facts), ( case_fact(F) -> assertz(kb:F) ; domain_error(case_fact, F) )).

case_fact(F) :- compound(F), functor(F, N, A), case_pred(N/A).

% answers(+Facts, -Status, -Applicable, -Excluded, -Unresolved): everything
% the evaluator needs for one batch, in one call.
answers(Facts, St, Ap, Ex, Un) :-
    set_case(Facts),
    findall(s(C, P, S), kb:status(C, P, S), St0), sort(St0, St),
    findall(a(C, P, R, Cat, Own),
            ( kb:applicable(C, P, R, Cat), kb:holds_via(C, Cat, Own) ), Ap0),
    sort(Ap0, Ap),
    findall(x(C, P, Why), kb:excluded(C, P, Why), Ex0), sort(Ex0, Ex),
    findall(u(C, P, Cat, Ref), kb:unresolved(C, P, Cat, Ref), Un0), sort(Un0, Un).

% answers_text(+Facts, -Text, -Other): answers/5 as text for the caller to split
% (reading one string is far cheaper than walking thousands of terms): one line
% per row, its functor then its fields tagged i (integer) or a (atom or string),
% tab-separated; a row with any other field is the line `t` and travels as a term
% in Other, in order.
answers_text(Facts, Text, Other) :-
    answers(Facts, St, Ap, Ex, Un),
    append([St, Ap, Ex, Un], Rows),
    rows_text(Rows, Text, Other).

% static_text(+Name, +Arity, -Text, -Other): static_facts/3 as answers_text/3 writes rows.
static_text(Name, Arity, Text, Other) :-
    static_facts(Name, Arity, Rows),
    rows_text(Rows, Text, Other).

rows_text(Rows, Text, Other) :-
    exclude(plain_row, Rows, Other),
    with_output_to(string(Text), forall(member(R, Rows), write_row(R))).

plain_row(R) :- compound(R), compound_name_arguments(R, _, As), forall(member(A, As), plain(A)).
plain_row(R) :- atom(R).

plain(A) :- integer(A), !.
plain(A) :- ( atom(A) ; string(A) ), !, \+ sub_atom(A, _, _, _, '\t'), \+ sub_atom(A, _, _, _, '\n').

write_row(R) :-
    (   plain_row(R)
    ->  ( atom(R) -> N = R, As = [] ; compound_name_arguments(R, N, As) ),
        write(N), forall(member(A, As), ( put_char('\t'), write_field(A) )), nl
    ;   write(t), nl
    ).

write_field(A) :- integer(A), !, put_char(i), write(A).
write_field(A) :- put_char(a), write(A).

% static_facts(+Name, +Arity, -Rows): all rows of a kb predicate.
static_facts(Name, Arity, Rows) :-
    functor(H, Name, Arity),
    (   current_predicate(kb:Name/Arity)
    ->  findall(H, kb:H, Rows)
    ;   Rows = []
    ).

% ---------------------------------------------------------------------------
% prove(+Goal, -Tree): a proof of a kb goal, as nested
% node(Goal, Source, Children) with Source kb(File, Line), case or builtin.
% Negated goals prove as node(not(G), negation, []).
% ---------------------------------------------------------------------------
prove(true, []) :- !.
prove((A, B), Ts) :- !, prove(A, TA), prove(B, TB), append(TA, TB, Ts).
prove(not(G), [node(not(G), negation, [])]) :- !, \+ kb:G.
prove(G, [node(G, builtin, [])]) :- builtin_goal(G), !, call(G).
prove(G, [node(G, Src, Ch)]) :-
    clause(kb:G, Body, Ref),
    clause_source(Ref, Src),
    prove(Body, Ch).

builtin_goal(_ > _).
builtin_goal(_ >= _).
builtin_goal(_ < _).
builtin_goal(_ = _).

clause_source(Ref, kb(File, Line)) :-
    clause(kb:H, B, Ref),
    ( B == true -> T = H ; T = (H :- B) ),
    kb_src(T0, File, Line), T0 =@= T, !.
clause_source(_, case).

% all_sources(-Rows): every kb clause as src(Head, File, Line).
:- public all_sources/1.
all_sources(Rows) :-
    findall(src(H, F, L), ( kb_src(T, F, L), ( T = (H :- _) -> true ; H = T ) ), Rows).
