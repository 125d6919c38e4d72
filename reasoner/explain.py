"""why / why-not: explanation trees from Prolog proofs and the ledger's arithmetic.

Every sentence comes from a kb template (kb/core/templates.pl); every node that
rests on a document carries its citation.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reasoner.errors import InputError
from reasoner.evaluate import SCENARIOS, Benefit, ClaimResult, Result
from reasoner.knowledge import KB

_SKIP = {"claim", "claim_region"}
# condition_term only binds a condition's argument from some rule (of any region): not evidence.
_DROP = {"condition_term"}
# A reform's removals: absent unless a reform is applied, so their absence is not evidence.
_QUIET_NAF = {"reform_removes"}
_OPS = {">": "gt", ">=": "ge", "<": "lt", "=": "eq"}
_PLACE = re.compile(r"\{(\d+)(?::(\w+))?\}")


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
                "长期"
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
        def sub(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            return self.arg(args[i], m.group(2)) if i < len(args) else m.group(0)

        return _PLACE.sub(sub, text)

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
            return self.fill(self.template("naf", 1) or "并非 {1}", []).replace(
                "{1}", self.goal(args[0])
            )
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
        kids = proof_nodes(r, children, money or is_cost)
        if name in _SKIP:
            out.extend(kids)
            continue
        if money and src == "builtin" and len(goal) == 3:
            op = {">": ">", ">=": "≥", "<": "<", "=": "="}.get(goal[0], goal[0])
            text = f"{r.arg(goal[1], 'fen')} 元 {op} {r.arg(goal[2], 'fen')} 元"
            out.append(Node(text, None, kids))
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


def _benefit(
    kb: KB, result: Result, claim_id: str, program: str
) -> tuple[ClaimResult | None, Benefit]:
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


def _money_line(b: Benefit) -> str:
    if b.status == "paid":
        return f"{b.amount:.2f} 元"
    if b.status == "bounded" and b.amount_max is None:
        return f"不低于 {b.amount_min:.2f} 元"
    if b.status == "bounded":
        return f"{b.amount_min:.2f}～{b.amount_max:.2f} 元"
    return ""


def status_text(kb: KB, status: str) -> str:
    """A status in the kb's words (outcome/2 in kb/core/ontology.pl)."""
    return str(kb.outcomes.get(status, status))


def shown_id(kb: KB, claim_id: str, program: str) -> str:
    """How a claim is named in text: its id; a premium row by its year (2022年)."""
    year = premium_year(claim_id) if program == kb.vocab.premium else None
    return f"{year}年" if year is not None else claim_id


def quote_node(kb: KB, cite: str) -> Node:
    """The verbatim text a citation stands for: the clause's quote, or the interpretation."""
    c = kb.cite(cite)
    if "interpretation" in c:
        it = c["interpretation"]
        return Node(f"{c['document']} 解释「{it['name']}」：{it['rationale']}", cite)
    return Node(f"{c['document']} {c['clause']}「{c['quote']}」", cite)


def step_note(r: Renderer, note: str) -> str:
    """A calculation note in the kb's words where the evaluator names it by a key."""
    note = note.strip("；")
    key = _NOTE_KEYS.get(note)
    return (r.template(key, 0) or note) if key else note


_MAX0 = re.compile(r"max\(0, ([^()]*)\)")


def step_value(r: Renderer, value: str) -> str:
    """A calculation value in words: `max(0, a − b)` reads as "（a − b，负数计 0）"."""
    t = r.template("floor_zero", 0) or "（{1}，负数计 0）"
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
    t = r.template("derivation", 0) or "推导：{1}"
    return [Node(t.replace("{1}", formula), None, [quote_node(kb, c) for c in [*basis, cite]])]


def why(kb: KB, eng: Any, result: Result, claim_id: str, program: str) -> Node:
    """The tree from an amount (or status) down to the facts and clauses."""
    program = resolve_program(kb, program)
    cr, b = _benefit(kb, result, claim_id, program)
    claim_ids = _claim_ids(result)
    r = Renderer(kb, claim_ids)
    region = result.case.region
    head = f"{shown_id(kb, claim_id, program)} · {kb.label(program)}：{status_text(kb, b.status)} {_money_line(b)}"
    root = Node(head.rstrip())
    if b.identity:
        root.children.append(Node(f"身份：{kb.category_label(region, b.identity)}（{b.identity}）"))
    if b.reason:
        root.children.append(Node(b.reason, b.cites[0] if b.cites else None))
    idx = cr.claim.index if cr else None
    # Re-assert this case's facts so the proof runs against it.
    eng.answers(_facts(result))
    if b.chosen is not None and b.chosen.calc:
        calc = Node(r.template("heading_calculation", 0) or "计算")
        for sc in SCENARIOS if b.status == "bounded" else ("min",):
            parent = calc
            if b.status == "bounded":
                parent = Node(r.template(f"scenario_{sc}", 0) or sc)
                calc.children.append(parent)
            for s in b.chosen.calc[sc].steps:
                label = r.template(f"step_{s.name}", 0) or s.name
                note = f"（{step_note(r, s.note)}）" if s.note else ""
                parent.children.append(
                    Node(
                        f"{label}：{step_value(r, s.value)}{note}",
                        s.cite,
                        derivation_nodes(kb, r, b.chosen, s),
                    )
                )
        root.children.append(calc)
        if idx is not None or program == kb.vocab.premium:
            goal_idx = idx if idx is not None else _premium_index(result, claim_id)
            goal = ("applicable", goal_idx, program, b.chosen.rule.id, b.chosen.category)
            trees = eng.prove(_term(goal))
            elig = Node(r.template("heading_eligibility", 0) or "资格", b.chosen.rule.cite)
            if trees:
                elig.children = proof_nodes(r, trees[0])
            # `not blocked` proves conditions by absence; show each one that holds, with its clause.
            for cond, cite in b.chosen.rule.conditions:
                proofs = eng.prove(_term(("cond", goal_idx, cond)))
                kids = proof_nodes(r, proofs[0]) if proofs else []
                met = r.template("cond_met", 0) or "满足条件"
                elig.children.append(
                    Node(f"{met}：{r.term(cond)}", cite, kids[0].children if kids else [])
                )
            root.children.append(elig)
    elif b.status == "excluded" and idx is not None and b.reason_code == "unreferred":
        trees = eng.prove(_term(("excluded", idx, program, "unreferred")))
        if trees:
            root.children.extend(proof_nodes(r, trees[0]))
    if b.alternatives:
        prec = Node(
            r.template("heading_precedence", 0) or "多重身份",
            next((c for reg, _, c in kb.precedence if reg == region), None),
        )
        for o in b.alternatives:
            if o.unresolved is not None:
                txt = f"{kb.category_label(region, o.category)}（规则 {o.rule.id}）：待定，{o.unresolved.reason}"
            else:
                lo, hi = o.calc["min"].amount, o.calc["max"].amount
                amt = f"{lo:.2f}" if lo == hi else f"{lo:.2f}～{hi:.2f}"
                txt = f"{kb.category_label(region, o.category)}（规则 {o.rule.id}）：{amt} 元，未选"
            prec.children.append(Node(txt, o.rule.cite))
        root.children.append(prec)
    interps = [c for c in b.cites if c in kb.interpretations]
    if interps:
        n = Node(r.template("heading_interpretations", 0) or "解释")
        for i in interps:
            it = kb.interpretations[i]
            n.children.append(Node(f"{it.name}：{it.rationale}", i))
        root.children.append(n)
    cites = Node(r.template("heading_sources", 0) or "依据")
    for c in b.cites:
        if c in kb.provisions:
            cites.children.append(quote_node(kb, c))
    if cites.children:
        root.children.append(cites)
    return root


def _claim_ids(result: Result) -> dict[int, str]:
    from reasoner.evaluate import PREMIUM_BASE

    ids = {c.claim.index: c.claim.id for c in result.claims}
    ids.update({PREMIUM_BASE + y: f"{y}年" for y in result.premiums})
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


@dataclass
class Change:
    description: str
    data: dict[str, Any]
    outcome: str = ""


def _tpl(r: Renderer, key: str, default: str, *args: str) -> str:
    """A sentence template of arity 0 with {N} filled by already-rendered text."""
    t = r.template(key, 0) or default
    for i, a in enumerate(args, 1):
        t = t.replace(f"{{{i}}}", a)
    return t


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
    for name, label in (("deductible", "起付标准"), ("rate", "救助比例"), ("cap", "年度限额")):
        p = rule.params.get(name)
        if p is not None:
            parts.append(f"{label}{param_text(p)}")
    return f"规则 {rule.id}" + (f"（{'，'.join(parts)}）" if parts else "")


def _failed_conditions(kb: KB, eng: Any, r: Renderer, idx: int, rule: Any) -> list[Node]:
    """Each condition of a candidate rule that the claim does not meet, with its quote."""
    out = []
    for _, _, cond in eng.solutions("fails", [idx, rule.id, None]):
        cite = next((c for k, c in rule.conditions if k == cond), None)
        if cite is None and isinstance(cond, tuple) and cond[0] == "unless":
            cite = next((c for k, c in rule.exclusions if k == cond[1]), None)
        text = _tpl(r, "condition_failed", "条件未满足：{1}", r.term(cond))
        out.append(Node(text, None, [quote_node(kb, cite)] if cite else []))
    return out


def _delegation_nodes(
    kb: KB, eng: Any, r: Renderer, region: str, program: str, idx: int, held: set[str]
) -> tuple[list[Node], set[str]]:
    """The person's categories whose treatment under `program` another document decides."""
    out, cats = [], set()
    for reg, prog, cat, ref, cite in kb.delegations:
        if reg != region or prog != program or cat not in held or cat in cats:
            continue
        cats.add(cat)
        text = _tpl(
            r,
            "delegated_category",
            "「{1}」的{2}由 {3} 规定，该文件不在知识库中",
            kb.category_label(region, cat),
            kb.label(program),
            str(ref),
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
            n.children.append(
                Node(
                    _tpl(
                        r, "delegated_condition_failed", "本文件所列条件未满足：{1}", r.term(cond)
                    ),
                    None,
                    [quote_node(kb, c)],
                )
            )
        out.append(n)
    return out, cats


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
    cr, b = _benefit(kb, result, claim_id, program)
    region = result.case.region
    claim_ids = _claim_ids(result)
    r = Renderer(kb, claim_ids)
    applies = b.status in ("paid", "bounded", "granted")
    head = f"{shown_id(kb, claim_id, program)} · {kb.label(program)}：{status_text(kb, b.status)}"
    root = Node(f"{head} {_money_line(b)}".rstrip() if applies else head)
    eng.answers(_facts(result))
    idx = cr.claim.index if cr else _premium_index(result, claim_id)
    held = {cat for _c, cat, _own in eng.solutions("holds_via", [idx, None, None])}
    if applies:
        chosen = b.chosen.rule if b.chosen is not None else None
        who = kb.category_label(region, b.identity) if b.identity else ""
        root.children.append(
            Node(
                _tpl(
                    r,
                    "already_applies",
                    "已按规则 {1} 以「{2}」身份适用：请用 medaid why 查看计算",
                    b.rule or "",
                    who,
                ),
                chosen.cite if chosen else None,
            )
        )
        if chosen is not None:
            better = Node(_tpl(r, "heading_better_rules", "未适用的更优规则"))
            for rule in kb.rules.values():
                if (
                    rule.region != region
                    or rule.program != program
                    or rule.id == chosen.id
                    or not better_rule(rule, chosen)
                ):
                    continue
                rn = Node(_rule_line(kb, rule), rule.cite)
                cats = [c for c, _ in rule.categories]
                if held & set(cats):
                    rn.children = _failed_conditions(kb, eng, r, idx, rule)
                else:
                    names = "、".join(kb.category_label(region, c) for c in cats)
                    rn.children.append(
                        Node(
                            _tpl(
                                r,
                                "missing_identity",
                                "身份不符：规则 {1} 仅适用于 {2}",
                                rule.id,
                                names,
                            ),
                            None,
                            [quote_node(kb, rule.categories[0][1])] if rule.categories else [],
                        )
                    )
                if rn.children:
                    better.children.append(rn)
            if better.children:
                root.children.append(better)
    else:
        delegated: list[Node] = []
        dcats: set[str] = set()
        if b.status != "excluded":
            delegated, dcats = _delegation_nodes(kb, eng, r, region, program, idx, held)
        # A delegated category is the reason itself, not a "身份不符".
        if b.reason and not (dcats and b.reason_code in ("no_rule", "delegated")):
            quote = [quote_node(kb, b.cites[0])] if b.cites else []
            root.children.append(Node(b.reason, None, quote))
        root.children.extend(delegated)
        failed = Node(r.template("heading_failed", 0) or "未满足的条件")
        if b.status != "excluded":  # an exclusion is the reason; rules are not the question
            for rule in kb.rules.values():
                if rule.region != region or rule.program != program:
                    continue
                rn = Node(f"规则 {rule.id}", rule.cite)
                cats = [c for c, _ in rule.categories]
                if held & set(cats):
                    rn.children = _failed_conditions(kb, eng, r, idx, rule)
                elif not dcats:
                    names = "、".join(kb.category_label(region, c) for c in cats)
                    rn.children.append(
                        Node(
                            _tpl(
                                r,
                                "missing_identity",
                                "身份不符：规则 {1} 仅适用于 {2}",
                                rule.id,
                                names,
                            ),
                            None,
                            [quote_node(kb, rule.categories[0][1])] if rule.categories else [],
                        )
                    )
                if rn.children:
                    failed.children.append(rn)
        if failed.children:
            root.children.append(failed)
    changes = smallest_changes(kb, raw, result, claim_id, program, evaluate, better_than=b)
    key = "heading_more" if applies else "heading_changes"
    cn = Node(r.template(key, 0) or "最小改动")
    for ch in changes:
        cn.children.append(Node(f"{ch.description} → {ch.outcome}"))
    if not changes:
        cn.children.append(Node(r.template("no_change_more" if applies else "no_change", 0) or ""))
    root.children.append(cn)
    return root


def _claim_pos(raw: dict[str, Any], claim_id: str) -> int:
    for i, c in enumerate(raw.get("claims", [])):
        if str(c.get("id")) == claim_id:
            return i
    return -1


def _gain(nb: Benefit, old: Benefit | None) -> bool:
    """Does `nb` apply, and (when `old` already applies) pay more?"""
    if nb.status not in ("paid", "bounded", "granted"):
        return False
    if old is None or old.status not in ("paid", "bounded"):
        return old is None or old.status not in ("granted",)
    lo_new = nb.amount if nb.status == "paid" else nb.amount_min
    lo_old = old.amount if old.status == "paid" else old.amount_min
    return lo_new is not None and lo_old is not None and lo_new > lo_old


def smallest_changes(
    kb: KB,
    raw: dict[str, Any],
    result: Result,
    claim_id: str,
    program: str,
    evaluate: Any,
    limit: int = 5,
    better_than: Benefit | None = None,
) -> list[Change]:
    """Single-field changes to the case that make the program apply (or, when it applies,
    pay more), each re-evaluated. At most `limit` changes of the claim or person; every
    identity that works is listed."""
    pos = _claim_pos(raw, claim_id)
    region = result.case.region
    cands: list[tuple[int, Change]] = []

    def claim_change(desc: str, cost: int, **kv: Any) -> None:
        if pos < 0:
            return
        d = copy.deepcopy(raw)
        c = d["claims"][pos]
        for k, v in kv.items():
            if k in ("level", "scope"):
                c.setdefault("hospital", {})[k] = v
            else:
                c[k] = v
        cands.append((cost, Change(desc, d)))

    def person_change(desc: str, cost: int, **kv: Any) -> None:
        d = copy.deepcopy(raw)
        d["person"].update(kv)
        cands.append((cost, Change(desc, d)))

    claim = raw["claims"][pos] if pos >= 0 else {}
    for ref in kb.vocab.proper_referrals:
        if claim.get("referral", "none") != ref:
            claim_change(f"转诊改为「{kb.label(ref)}」", 1, referral=ref)
    # Only places some document counts as inside an area: care outside every one never helps.
    for scope in dict.fromkeys(s for reg, s, _, _ in kb.within if reg == region):
        if claim.get("hospital", {}).get("scope") != scope:
            claim_change(f"就医地改为「{kb.label(scope)}」", 2, scope=scope)
    for level in (1, 2, 3):
        if claim.get("hospital", {}).get("level") != level:
            claim_change(f"医院级别改为 {level} 级", 2, level=level)
    person = raw.get("person", {})
    conds = [
        cond
        for rule in kb.rules.values()
        if rule.region == region and rule.program == program
        for cond, _ in rule.conditions + rule.exclusions
    ]
    for cond in conds:
        if isinstance(cond, tuple) and cond[0] == "disability_max":
            g = int(cond[1])
            if person.get("disability_grade") != g:
                person_change(f"残疾等级为 {g} 级", 3, disability_grade=g)
        elif cond == "special_disease" and not claim.get("special_disease"):
            claim_change("按特殊疾病认定", 3, special_disease=True)
        elif cond == "ordinary_disease" and claim.get("special_disease"):
            claim_change("不按特殊疾病认定", 3, special_disease=False)
        elif cond == "maintenance" and not person.get("needs_maintenance_treatment"):
            person_change("认定为需院外维持治疗的重病患者", 3, needs_maintenance_treatment=True)
        elif isinstance(cond, tuple) and cond[0] == "age_min" and pos >= 0:
            on = result.case.claims[pos].date if pos < len(result.case.claims) else None
            if on is not None:
                years = int(cond[1])
                born = dt.date(on.year - years, 1, 1)
                person_change(
                    f"出生日期为 {born.isoformat()}（年满 {years} 周岁）",
                    3,
                    birth_date=born.isoformat(),
                )
        elif isinstance(cond, tuple) and cond[0] == "cost_over" and pos >= 0:
            need = Decimal(cond[1]) / 100 + Decimal("0.01")
            claim_change(f"政策范围内费用提高到 {need:.2f} 元", 3, policy_scope_cost=str(need))
    # Every identity that could serve: the program's rule categories and their subkinds.
    wanted: list[str] = []
    for rule in kb.rules.values():
        if rule.region == region and rule.program == program:
            wanted += [c for c, _ in rule.categories]
    wanted += [sub for reg, sub, sup, _ in kb.subkinds if reg == region and sup in wanted]
    identities: list[Change] = []
    for cat in dict.fromkeys(wanted):
        if any(i.category == cat for i in result.case.identities):
            continue
        d = copy.deepcopy(raw)
        since = claim.get("date") or dt.date(result.case.years()[0], 1, 1)
        d["person"]["identities"] = [
            *d["person"]["identities"],
            {"category": cat, "since": since},
        ]
        identities.append(Change(f"增加身份「{kb.category_label(region, cat)}」（{cat}）", d))
    seen: set[str] = set()
    out: list[Change] = []
    ordered = [ch for _, ch in sorted(cands, key=lambda x: x[0])]
    for n, ch in enumerate([*ordered, *identities]):
        is_identity = n >= len(ordered)
        if ch.description in seen or (not is_identity and len(out) >= limit):
            continue
        seen.add(ch.description)
        try:
            # Claim programs do not depend on the yearly premium subsidy (nor its parameters).
            res = evaluate(ch.data, premium=program == kb.vocab.premium)
        except Exception:  # noqa: BLE001 — a change that makes the case invalid is simply not a fix
            continue
        try:
            _, nb = _benefit(kb, res, claim_id, program)
        except InputError:
            continue
        if _gain(nb, better_than):
            ch.outcome = (
                f"{kb.label(program)}{status_text(kb, nb.status)} {_money_line(nb)}".strip()
            )
            out.append(ch)
    return out


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
                where = f"解释 {c['interpretation']['id']}" + (
                    f"，{c['clause']}" if c["clause"] else ""
                )
            text.append_text(plain(f"  〔{c['document']} {where}〕", "dim"))
        return text

    def build(t: Tree, n: Node) -> None:
        for ch in n.children:
            build(t.add(label(ch)), ch)

    tree = Tree(label(node))
    build(tree, node)
    console.print(tree)
