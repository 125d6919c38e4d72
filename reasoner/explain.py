"""why / why-not: explanation trees from Prolog proofs and the ledger's arithmetic.

Every sentence comes from a kb template (kb/core/templates.pl); every node that
rests on a document carries its citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reasoner.changes import APPLIES, money_line, smallest_changes
from reasoner.errors import InputError
from reasoner.evaluate import SCENARIOS, Benefit, ClaimResult, Result
from reasoner.knowledge import KB, fill

_SKIP = {"claim", "claim_region"}
# condition_term only binds a condition's argument from some rule (of any region): not evidence.
_DROP = {"condition_term"}
# A reform's removals: absent unless a reform is applied, so their absence is not evidence.
_QUIET_NAF = {"reform_removes"}
# A rule's category may come from a named set (category_set/3): the line cites the clause
# that lists the person already, the set's bookkeeping below it is not evidence.
_LEAF = {"rule_category"}
_OPS = {">": "gt", ">=": "ge", "<": "lt", "=": "eq"}


def _looks_like_date(value: Any) -> bool:
    """Comparisons in proofs carry YYYYMMDD integers; show them as dates."""
    if not isinstance(value, int) or isinstance(value, bool) or not 19000101 <= value <= 99991231:
        return False
    return 1 <= value // 100 % 100 <= 12 and 1 <= value % 100 <= 31


@dataclass
class Node:
    """One line of an explanation tree."""

    text: str
    cite: str | None = None
    children: list[Node] = field(default_factory=list)

    def json(self, kb: KB) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        if self.cite:
            out["citation"] = kb.cite(self.cite)
        if self.children:
            out["children"] = [c.json(kb) for c in self.children]
        return out


class Renderer:
    """Fills kb templates with readable arguments."""

    def __init__(self, kb: KB, claim_ids: dict[int, str]) -> None:
        self.kb = kb
        self.claim_ids = claim_ids

    def template(self, key: Any, arity: int) -> str | None:
        t = self.kb.templates.get((key, arity))
        return str(t) if t is not None else None

    def arg(self, value: Any, kind: str | None) -> str:
        if kind == "claim":
            return self.claim_ids.get(value, str(value))
        if kind == "date" and isinstance(value, int):
            return (
                self.kb.sentence("open_end")
                if value >= 99991231
                else f"{value // 10000:04d}-{value // 100 % 100:02d}-{value % 100:02d}"
            )
        if kind == "kind" and isinstance(value, str):
            return str(self.kb.claim_kinds.get(value, value))
        if kind == "fen" and isinstance(value, int):
            return f"{Decimal(value) / 100:.2f}"
        if kind is None and _looks_like_date(value):
            return self.arg(value, "date")
        return self.term(value)

    def fill(self, text: str, args: list[Any]) -> str:
        return fill(text, args, {}, self.arg)

    def term(self, value: Any) -> str:
        """A readable name for an id or compound term."""
        if isinstance(value, tuple):
            name, *args = value
            t = self.template(name, len(args))
            if t:
                return self.fill(t, args)
            return f"{self.kb.label(name)}({', '.join(self.term(a) for a in args)})"
        if isinstance(value, str):
            if value in self.kb.labels:
                return self.kb.label(value)
            if value in self.kb.documents:
                return self.kb.region_name(value)
            t = self.template(value, 0)
            if t:
                return t
        return str(value)

    def goal(self, goal: Any) -> str:
        if not isinstance(goal, tuple):
            return self.term(goal)
        name, *args = goal
        name = _OPS.get(name, name)
        if name == "not" and args:
            return self.kb.sentence("naf", 1).replace("{1}", self.goal(args[0]))
        t = self.template(name, len(args))
        if t:
            return self.fill(t, args)
        return f"{name}({', '.join(self.term(a) for a in args)})"

    def cite_of(self, goal: Any) -> str | None:
        if isinstance(goal, tuple):
            for a in reversed(goal[1:]):
                if isinstance(a, str) and (a in self.kb.provisions or a in self.kb.interpretations):
                    return a
        return None


def _goal_name(goal: Any) -> Any:
    return goal[0] if isinstance(goal, tuple) else goal


def proof_nodes(r: Renderer, trees: list[Any], money: bool = False) -> list[Node]:
    """Proof terms → explanation nodes. `money`: comparisons below compare fen amounts."""
    out = []
    for t in trees:
        if not (isinstance(t, tuple) and t[0] == "node"):
            continue
        _, goal, src, children = t
        name = goal[0] if isinstance(goal, tuple) else goal
        if name in _DROP or (name == "not" and _goal_name(goal[1]) in _QUIET_NAF):
            continue
        is_cost = name == "cond" and isinstance(goal[2], tuple) and goal[2][0] == "cost_over"
        kids = [] if name in _LEAF else proof_nodes(r, children, money or is_cost)
        if name in _SKIP:
            out.extend(kids)
            continue
        if money and src == "builtin" and len(goal) == 3 and goal[0] in _OPS:
            out.append(Node(r.goal((_OPS[goal[0]] + "_fen", goal[1], goal[2])), None, kids))
            continue
        out.append(Node(r.goal(goal), r.cite_of(goal), kids))
    return out


def _find(result: Result, claim_id: str) -> ClaimResult:
    for cr in result.claims:
        if cr.claim.id == claim_id:
            return cr
    ids = "、".join(cr.claim.id for cr in result.claims) or "（无）"
    years = "、".join(f"{y}年" for y in result.premiums)
    extra = f"；资助参保按年度：{years}" if years else ""
    raise InputError("--claim", f"案例中没有理赔 {claim_id[:40]!r}；可用：{ids}{extra}")


_YEAR = re.compile(r"(?:premium:)?(\d{4})(?:年度?)?")


def premium_year(claim_id: str) -> int | None:
    """The year a premium row is named by: `premium:2022`, `2022`, `2022年` or `2022年度`."""
    m = _YEAR.fullmatch(claim_id.strip())
    return int(m.group(1)) if m else None


def resolve_program(kb: KB, value: str) -> str:
    """A program id from its id, Chinese name or alias (kb/core/ontology.pl)."""
    v = value.strip()
    pid = kb.lookup("program").get(v)
    if pid is None:
        raise InputError("--program", f"未知项目 {v[:40]!r}；可用：{kb.choices('program')}")
    return str(pid)


def benefit_of(
    kb: KB, result: Result, claim_id: str, program: str
) -> tuple[ClaimResult | None, Benefit]:
    """The benefit a why or why-not asks about: a claim's program, or a year's premium."""
    program = resolve_program(kb, program)
    year = premium_year(claim_id)
    if program == kb.vocab.premium:
        # The yearly premium has no claim: `--claim 2022年` (or `premium:2022` as audit rows name it).
        if year is not None and year in result.premiums:
            return None, result.premiums[year]
        years = "、".join(f"{y}年" for y in result.premiums) or "（无）"
        raise InputError(
            "--claim",
            f"资助参保按年度评估，请用 --claim 年度（如 2022年）；可用：{years}",
        )
    if year is not None and claim_id not in {cr.claim.id for cr in result.claims}:
        raise InputError(
            "--claim",
            f"{claim_id[:40]!r} 是年度，只用于资助参保（--program 资助参保）",
        )
    cr = _find(result, claim_id)
    for b in cr.benefits:
        if b.program == program:
            return cr, b
    offered = "、".join(kb.label(b.program) for b in cr.benefits)
    raise InputError(
        "--program",
        f"{kb.region_name(result.case.region)}文件未为理赔 {claim_id} 的费用类型设{kb.label(program)}"
        f"（{program}）；该理赔的项目：{offered}",
    )


def status_text(kb: KB, status: str) -> str:
    """A status in the kb's words (outcome/2 in kb/core/ontology.pl)."""
    return str(kb.outcomes.get(status, status))


def shown_id(kb: KB, claim_id: str, program: str) -> str:
    """How a claim is named in text: its id; a premium row by its year (2022年)."""
    year = premium_year(claim_id) if program == kb.vocab.premium else None
    return kb.say("premium_year", year) if year is not None else claim_id


def quote_node(kb: KB, cite: str) -> Node:
    """The verbatim text a citation stands for: the clause's quote, or the interpretation."""
    c = kb.cite(cite)
    if "interpretation" in c:
        it = c["interpretation"]
        return Node(
            kb.say("quote_interpretation", c["document"], it["name"], it["rationale"]), cite
        )
    return Node(kb.say("quote_clause", c["document"], c["clause"], c["quote"]), cite)


def step_note(r: Renderer, note: str) -> str:
    """A calculation note in the kb's words where the evaluator names it by a key."""
    note = note.strip("；")
    key = _NOTE_KEYS.get(note)
    return r.kb.sentence(key) if key else note


_MAX0 = re.compile(r"max\(0, ([^()]*)\)")


def step_value(r: Renderer, value: str) -> str:
    """A calculation value in words: `max(0, a − b)` reads as "（a − b，负数计 0）"."""
    t = r.kb.sentence("floor_zero")
    return _MAX0.sub(lambda m: t.replace("{1}", m.group(1)), value)


# Notes the calculation writes as keys; their sentences are templates (kb/core/templates.pl).
_NOTE_KEYS = {"most generous reading": "note_most_generous"}


def derivation_nodes(kb: KB, r: Renderer, option: Any, step: Any) -> list[Node]:
    """A derived figure (derived/4): its formula, then the quote of every clause it rests on."""
    d = option.rule.derivations.get(step.name)
    if d is None:
        return []
    formula, cite = d
    basis = [
        c for rule, name, c in kb.derived_basis if rule == option.rule.id and name == step.name
    ]
    return [Node(kb.say("derivation", formula), None, [quote_node(kb, c) for c in [*basis, cite]])]


def _calculation_node(kb: KB, r: Renderer, b: Benefit) -> Node:
    """The ledger's steps for the chosen rule; a bounded figure shows both readings."""
    assert b.chosen is not None
    calc = Node(kb.sentence("heading_calculation"))
    for sc in SCENARIOS if b.status == "bounded" else ("min",):
        parent = calc
        if b.status == "bounded":
            parent = Node(kb.sentence(f"scenario_{sc}"))
            calc.children.append(parent)
        for s in b.chosen.calc[sc].steps:
            # A step the kb has no word for shows its own name.
            label = str(kb.templates.get((f"step_{s.name}", 0), s.name))
            note = kb.say("step_note", step_note(r, s.note)) if s.note else ""
            parent.children.append(
                Node(
                    kb.say("step_line", label, step_value(r, s.value), note),
                    s.cite,
                    derivation_nodes(kb, r, b.chosen, s),
                )
            )
    return calc


def _eligibility_node(kb: KB, eng: Any, r: Renderer, b: Benefit, idx: int, program: str) -> Node:
    """The proof that the chosen rule applies, then each of its conditions with its clause."""
    assert b.chosen is not None
    goal = ("applicable", idx, program, b.chosen.rule.id, b.chosen.category)
    trees = eng.prove(_term(goal))
    elig = Node(kb.sentence("heading_eligibility"), b.chosen.rule.cite)
    if trees:
        elig.children = proof_nodes(r, trees[0])
    # `not blocked` proves conditions by absence; show each one that holds, with its clause.
    for cond, cite in b.chosen.rule.conditions:
        proofs = eng.prove(_term(("cond", idx, cond)))
        kids = proof_nodes(r, proofs[0]) if proofs else []
        elig.children.append(
            Node(kb.say("cond_met_line", r.term(cond)), cite, kids[0].children if kids else [])
        )
    return elig


def _precedence_node(kb: KB, region: str, b: Benefit) -> Node:
    """The other identities the person holds under 就高, with what each would pay."""
    prec = Node(
        kb.sentence("heading_precedence"),
        next((c for reg, _, c in kb.precedence if reg == region), None),
    )
    for o in b.alternatives:
        who = kb.category_label(region, o.category)
        if o.unresolved is not None:
            txt = kb.say("alternative_unresolved", who, o.rule.id, o.unresolved.reason)
        else:
            lo, hi = o.calc["min"].amount, o.calc["max"].amount
            amt = f"{lo:.2f}" if lo == hi else kb.say("amount_span", f"{lo:.2f}", f"{hi:.2f}")
            txt = kb.say("alternative_amount", who, o.rule.id, amt)
        prec.children.append(Node(txt, o.rule.cite))
    return prec


def _sources_nodes(kb: KB, b: Benefit) -> list[Node]:
    """The interpretations the figure relies on, then the verbatim clauses."""
    out = []
    interps = [c for c in b.cites if c in kb.interpretations]
    if interps:
        n = Node(kb.sentence("heading_interpretations"))
        for i in interps:
            it = kb.interpretations[i]
            n.children.append(Node(kb.say("interpretation_line", it.name, it.rationale), i))
        out.append(n)
    cites = Node(kb.sentence("heading_sources"))
    cites.children = [quote_node(kb, c) for c in b.cites if c in kb.provisions]
    if cites.children:
        out.append(cites)
    return out


def why(kb: KB, eng: Any, result: Result, claim_id: str, program: str) -> Node:
    """The tree from an amount (or status) down to the facts and clauses."""
    program = resolve_program(kb, program)
    cr, b = benefit_of(kb, result, claim_id, program)
    r = Renderer(kb, _claim_ids(kb, result))
    region = result.case.region
    head = kb.say(
        "why_heading",
        shown_id(kb, claim_id, program),
        kb.label(program),
        status_text(kb, b.status),
        money_line(kb, b),
    )
    root = Node(head.rstrip())
    if b.identity:
        root.children.append(
            Node(kb.say("identity_line", kb.category_label(region, b.identity), b.identity))
        )
    if b.reason:
        root.children.append(Node(b.reason, b.cites[0] if b.cites else None))
    idx = cr.claim.index if cr else None
    # Re-assert this case's facts so the proof runs against it.
    eng.answers(_facts(result))
    if b.chosen is not None and b.chosen.calc:
        root.children.append(_calculation_node(kb, r, b))
        if idx is not None or program == kb.vocab.premium:
            goal_idx = idx if idx is not None else _premium_index(result, claim_id)
            root.children.append(_eligibility_node(kb, eng, r, b, goal_idx, program))
    elif b.status == "excluded" and idx is not None and b.reason_code == "unreferred":
        trees = eng.prove(_term(("excluded", idx, program, "unreferred")))
        if trees:
            root.children.extend(proof_nodes(r, trees[0]))
    if b.alternatives:
        root.children.append(_precedence_node(kb, region, b))
    root.children.extend(_sources_nodes(kb, b))
    return root


def _claim_ids(kb: KB, result: Result) -> dict[int, str]:
    from reasoner.evaluate import PREMIUM_BASE

    ids = {c.claim.index: c.claim.id for c in result.claims}
    ids.update({PREMIUM_BASE + y: kb.say("premium_year", y) for y in result.premiums})
    return ids


def _premium_index(result: Result, claim_id: str) -> int:
    from reasoner.evaluate import PREMIUM_BASE

    return PREMIUM_BASE + (premium_year(claim_id) or 0)


def _facts(result: Result) -> list[tuple[Any, ...]]:
    from reasoner.evaluate import claim_facts, premium_facts

    facts: list[tuple[Any, ...]] = []
    for cr in result.claims:
        facts += claim_facts(result.case, cr.claim, cr.special)
    for y in result.premiums:
        facts += premium_facts(result.case, y)
    return facts


def _term(goal: tuple[Any, ...]) -> Any:
    from reasoner.engine import to_term

    return to_term(goal)


# ---------------------------------------------------------------------------
# why-not
# ---------------------------------------------------------------------------


def _figures(rule: Any) -> dict[str, tuple[Decimal, str]]:
    """A rule's comparable figures: rate in percent, cap and deductible in fen (None = 不设)."""
    out: dict[str, tuple[Decimal, str]] = {}
    for name in ("rate", "cap", "deductible"):
        p = rule.params.get(name)
        if p is None:
            continue
        if p.bound == "unlimited" and name == "cap":
            out[name] = (Decimal("Infinity"), "fen")
        elif p.bound in ("exact", "approx") and (p.unit in ("percent", "fen")):
            out[name] = (Decimal(p.value), str(p.unit))
    return out


def better_rule(rule: Any, chosen: Any) -> bool:
    """Rule pays at least as much as `chosen` on every figure both state, and more on one."""
    mine, theirs = _figures(rule), _figures(chosen)
    common = [n for n in mine if n in theirs and mine[n][1] == theirs[n][1]]
    if not common:
        return False
    sign = {"rate": 1, "cap": 1, "deductible": -1}
    diffs = [sign[n] * (mine[n][0] - theirs[n][0]) for n in common]
    return all(d >= 0 for d in diffs) and any(d > 0 for d in diffs)


def _rule_line(kb: KB, rule: Any) -> str:
    from reasoner.compare import param_text

    parts = []
    for name in ("deductible", "rate", "cap"):
        p = rule.params.get(name)
        if p is not None:
            parts.append(f"{kb.sentence(f'figure_{name}')}{param_text(kb, p)}")
    if not parts:
        return kb.say("rule_line", rule.id)
    return kb.say("rule_line_figures", rule.id, "，".join(parts))


def _failed_conditions(kb: KB, eng: Any, r: Renderer, idx: int, rule: Any) -> list[Node]:
    """Each condition of a candidate rule that the claim does not meet, with its quote."""
    out = []
    for _, _, cond in eng.solutions("fails", [idx, rule.id, None]):
        cite = next((c for k, c in rule.conditions if k == cond), None)
        if cite is None and isinstance(cond, tuple) and cond[0] == "unless":
            cite = next((c for k, c in rule.exclusions if k == cond[1]), None)
        text = kb.say("condition_failed", r.term(cond))
        out.append(Node(text, None, [quote_node(kb, cite)] if cite else []))
    return out


def _identity_mismatch(kb: KB, region: str, rule: Any) -> Node:
    """The rule serves other identities than the person's: which, with the clause naming them."""
    names = "、".join(kb.category_label(region, c) for c, _ in rule.categories)
    quote = [quote_node(kb, rule.categories[0][1])] if rule.categories else []
    return Node(kb.say("missing_identity", rule.id, names), None, quote)


def _rule_misses(kb: KB, eng: Any, r: Renderer, idx: int, rule: Any, held: set[str]) -> list[Node]:
    """Why one rule does not serve the claim: its unmet conditions, or the identity."""
    if held & {c for c, _ in rule.categories}:
        return _failed_conditions(kb, eng, r, idx, rule)
    return [_identity_mismatch(kb, rule.region, rule)]


def _delegation_nodes(
    kb: KB, eng: Any, r: Renderer, region: str, program: str, idx: int, held: set[str]
) -> tuple[list[Node], set[str]]:
    """The person's categories whose treatment under `program` another document decides."""
    out, cats = [], set()
    for reg, prog, cat, ref, cite in kb.delegations:
        if reg != region or prog != program or cat not in held or cat in cats:
            continue
        cats.add(cat)
        text = kb.say(
            "delegated_category", kb.category_label(region, cat), kb.label(program), str(ref)
        )
        n = Node(text, None, [quote_node(kb, cite)])
        # The delegation is only reported once the claim meets what this document states for
        # the program's own rules; say which of those conditions the claim misses.
        misses: list[Any] = []
        for rule in kb.rules.values():
            if rule.region == region and rule.program == program:
                for cond, c in rule.conditions:
                    if not eng.prove(_term(("cond", idx, cond))) and (cond, c) not in misses:
                        misses.append((cond, c))
        for cond, c in misses:
            text = kb.say("delegated_condition_failed", r.term(cond))
            n.children.append(Node(text, None, [quote_node(kb, c)]))
        out.append(n)
    return out, cats


def _applies_nodes(
    kb: KB, eng: Any, r: Renderer, b: Benefit, region: str, program: str, idx: int, held: set[str]
) -> list[Node]:
    """The program applies: under which rule, and the better rules that did not apply."""
    chosen = b.chosen.rule if b.chosen is not None else None
    who = kb.category_label(region, b.identity) if b.identity else ""
    out = [Node(kb.say("already_applies", b.rule or "", who), chosen.cite if chosen else None)]
    if chosen is None:
        return out
    better = Node(kb.sentence("heading_better_rules"))
    for rule in kb.rules.values():
        if (
            rule.region != region
            or rule.program != program
            or rule.id == chosen.id
            or not better_rule(rule, chosen)
        ):
            continue
        rn = Node(_rule_line(kb, rule), rule.cite, _rule_misses(kb, eng, r, idx, rule, held))
        if rn.children:
            better.children.append(rn)
    if better.children:
        out.append(better)
    return out


def _refusal_nodes(
    kb: KB, eng: Any, r: Renderer, b: Benefit, region: str, program: str, idx: int, held: set[str]
) -> list[Node]:
    """The program does not apply: the reason, delegations, and each rule's unmet conditions."""
    out: list[Node] = []
    delegated: list[Node] = []
    dcats: set[str] = set()
    if b.status != "excluded":
        delegated, dcats = _delegation_nodes(kb, eng, r, region, program, idx, held)
    # A delegated category is the reason itself, not a "身份不符".
    if b.reason and not (dcats and b.reason_code in ("no_rule", "delegated")):
        quote = [quote_node(kb, b.cites[0])] if b.cites else []
        out.append(Node(b.reason, None, quote))
    out.extend(delegated)
    failed = Node(kb.sentence("heading_failed"))
    if b.status != "excluded":  # an exclusion is the reason; rules are not the question
        for rule in kb.rules.values():
            if rule.region != region or rule.program != program:
                continue
            if not held & {c for c, _ in rule.categories} and dcats:
                continue
            rn = Node(kb.say("rule_line", rule.id), rule.cite)
            rn.children = _rule_misses(kb, eng, r, idx, rule, held)
            if rn.children:
                failed.children.append(rn)
    if failed.children:
        out.append(failed)
    return out


def why_not(
    kb: KB,
    eng: Any,
    result: Result,
    raw: dict[str, Any],
    claim_id: str,
    program: str,
    evaluate: Any,
) -> Node:
    """Every failed condition with its clause, better rules that did not apply, and the
    verified changes that would make the program apply (or pay more)."""
    program = resolve_program(kb, program)
    cr, b = benefit_of(kb, result, claim_id, program)
    region = result.case.region
    r = Renderer(kb, _claim_ids(kb, result))
    applies = b.status in APPLIES
    head = kb.say(
        "why_heading",
        shown_id(kb, claim_id, program),
        kb.label(program),
        status_text(kb, b.status),
        money_line(kb, b) if applies else "",
    )
    root = Node(head.rstrip())
    eng.answers(_facts(result))
    idx = cr.claim.index if cr else _premium_index(result, claim_id)
    held = {cat for _c, cat, _own in eng.solutions("holds_via", [idx, None, None])}
    if applies:
        root.children.extend(_applies_nodes(kb, eng, r, b, region, program, idx, held))
    else:
        root.children.extend(_refusal_nodes(kb, eng, r, b, region, program, idx, held))
    changes = smallest_changes(kb, raw, result, claim_id, program, evaluate, better_than=b)
    cn = Node(kb.sentence("heading_more" if applies else "heading_changes"))
    for ch in changes:
        cn.children.append(Node(kb.say("change_line", ch.description, ch.outcome)))
    if not changes:
        cn.children.append(Node(kb.sentence("no_change_more" if applies else "no_change")))
    root.children.append(cn)
    return root


def print_tree(node: Node, console: Any, kb: KB) -> None:
    from rich.text import Text
    from rich.tree import Tree

    from reasoner.render import plain

    def label(n: Node) -> Text:
        text = plain(n.text)
        if n.cite and not n.text.startswith(kb.cite(n.cite)["document"] + " "):
            c = kb.cite(n.cite)
            where = c["clause"] or ""
            if "interpretation" in c:
                iid = c["interpretation"]["id"]
                where = (
                    kb.say("cite_interpretation_clause", iid, c["clause"])
                    if c["clause"]
                    else kb.say("cite_interpretation", iid)
                )
            text.append_text(plain(kb.say("cite_tag", c["document"], where), "dim"))
        return text

    def build(t: Tree, n: Node) -> None:
        for ch in n.children:
            build(t.add(label(ch)), ch)

    tree = Tree(label(node))
    build(tree, node)
    console.print(tree)
