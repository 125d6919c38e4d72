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


def proof_nodes(r: Renderer, trees: list[Any], money: bool = False) -> list[Node]:
    """Proof terms → explanation nodes. `money`: comparisons below compare fen amounts."""
    out = []
    for t in trees:
        if not (isinstance(t, tuple) and t[0] == "node"):
            continue
        _, goal, src, children = t
        name = goal[0] if isinstance(goal, tuple) else goal
        if name in _DROP:
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
    ids = ", ".join(cr.claim.id for cr in result.claims) or "（无）"
    raise InputError("--claim", f"案例中没有理赔 {claim_id[:40]!r}；可用：{ids}")


def _benefit(
    kb: KB, result: Result, claim_id: str, program: str
) -> tuple[ClaimResult | None, Benefit]:
    if program not in kb.programs:
        raise InputError("--program", f"未知项目 {program[:40]!r}；可用：{', '.join(kb.programs)}")
    if program == "premium_subsidy":
        # The yearly premium has no claim: `--claim premium:YEAR` (as audit rows name it).
        years = {f"premium:{y}": b for y, b in result.premiums.items()}
        if claim_id in years:
            return None, years[claim_id]
        raise InputError(
            "--claim",
            f"资助参保按年度评估，请用 --claim premium:年度；可用：{', '.join(years) or '（无）'}",
        )
    cr = _find(result, claim_id)
    for b in cr.benefits:
        if b.program == program:
            return cr, b
    offered = ", ".join(b.program for b in cr.benefits)
    raise InputError(
        "--program",
        f"{kb.region_name(result.case.region)}文件未为理赔 {claim_id} 的费用类型设 {program}；该理赔的项目：{offered}",
    )


def _money_line(b: Benefit) -> str:
    if b.status == "paid":
        return f"{b.amount:.2f} 元"
    if b.status == "bounded":
        return f"{b.amount_min:.2f}～{b.amount_max:.2f} 元"
    return ""


def why(kb: KB, eng: Any, result: Result, claim_id: str, program: str) -> Node:
    """The tree from an amount (or status) down to the facts and clauses."""
    cr, b = _benefit(kb, result, claim_id, program)
    claim_ids = _claim_ids(result)
    r = Renderer(kb, claim_ids)
    region = result.case.region
    status = {
        "paid": "支付",
        "bounded": "区间",
        "granted": "享受",
        "excluded": "排除",
        "unresolved": "待定",
        "not_eligible": "不符合",
    }[b.status]
    head = f"{claim_id} · {kb.label(program)}：{status} {_money_line(b)}".rstrip()
    root = Node(head)
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
                note = f"（{s.note}）" if s.note else ""
                parent.children.append(Node(f"{label}：{s.value}{note}", s.cite))
        root.children.append(calc)
        if idx is not None or program == "premium_subsidy":
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
    cites = Node("依据")
    for c in b.cites:
        if c in kb.provisions:
            p = kb.provisions[c]
            cites.children.append(Node(f"{kb.doc_no(p.region)} {p.numbering}「{p.quote}」", c))
    if cites.children:
        root.children.append(cites)
    return root


def _claim_ids(result: Result) -> dict[int, str]:
    from reasoner.evaluate import PREMIUM_BASE

    ids = {c.claim.index: c.claim.id for c in result.claims}
    ids.update({PREMIUM_BASE + y: f"premium:{y}" for y in result.premiums})
    return ids


def _premium_index(result: Result, claim_id: str) -> int:
    from reasoner.evaluate import PREMIUM_BASE

    return PREMIUM_BASE + int(claim_id.split(":", 1)[1])


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


def why_not(
    kb: KB,
    eng: Any,
    result: Result,
    raw: dict[str, Any],
    claim_id: str,
    program: str,
    evaluate: Any,
) -> Node:
    """Every failed condition with its clause, and the smallest verified changes."""
    cr, b = _benefit(kb, result, claim_id, program)
    region = result.case.region
    claim_ids = _claim_ids(result)
    r = Renderer(kb, claim_ids)
    zh = {"not_eligible": "不符合", "excluded": "排除", "unresolved": "待定"}.get(
        b.status, b.status
    )
    head = f"{claim_id} · {kb.label(program)}：{zh}（{b.status}）"
    root = Node(head)
    if b.status in ("paid", "bounded", "granted"):
        root.children.append(
            Node(f"该项目已适用（{_money_line(b) or '享受'}）：请用 medaid why 查看依据")
        )
        return root
    if b.reason:
        root.children.append(Node(b.reason, b.cites[0] if b.cites else None))
    eng.answers(_facts(result))
    failed = Node(r.template("heading_failed", 0) or "未满足的条件")
    if b.status == "excluded":
        failed.children = []  # the exclusion above is the reason; rules are not the question
    idx = cr.claim.index if cr else 0
    held = set()
    for _c, cat, _own in eng.solutions("holds_via", [idx, None, None]):
        held.add(cat)
    for rule in kb.rules.values():
        if rule.region != region or rule.program != program or b.status == "excluded":
            continue
        rn = Node(f"规则 {rule.id}", rule.cite)
        cats = [c for c, _ in rule.categories]
        if not held & set(cats):
            names = "、".join(kb.category_label(region, c) for c in cats)
            t = r.template("missing_identity", 0) or "身份不符：规则 {1} 仅适用于 {2}"
            rn.children.append(
                Node(
                    t.replace("{1}", rule.id).replace("{2}", names),
                    rule.categories[0][1] if rule.categories else rule.cite,
                )
            )
        else:
            for _, _, cond in eng.solutions("fails", [idx, rule.id, None]):
                cite = next((c for k, c in rule.conditions if k == cond), None)
                if cite is None and isinstance(cond, tuple) and cond[0] == "unless":
                    cite = next((c for k, c in rule.exclusions if k == cond[1]), None)
                rn.children.append(Node(f"条件未满足：{r.term(cond)}", cite))
        if rn.children:
            failed.children.append(rn)
    if failed.children:
        root.children.append(failed)
    changes = smallest_changes(kb, raw, result, claim_id, program, evaluate)
    cn = Node(r.template("heading_changes", 0) or "最小改动")
    for ch in changes:
        cn.children.append(Node(f"{ch.description} → {ch.outcome}"))
    if not changes:
        cn.children.append(
            Node(
                "在单项改动（转诊、就医地、医院级别、特殊疾病、身份、费用、参保档次）范围内，没有能使该项目适用的改动"
            )
        )
    root.children.append(cn)
    return root


def _claim_pos(raw: dict[str, Any], claim_id: str) -> int:
    for i, c in enumerate(raw.get("claims", [])):
        if str(c.get("id")) == claim_id:
            return i
    return -1


def smallest_changes(
    kb: KB,
    raw: dict[str, Any],
    result: Result,
    claim_id: str,
    program: str,
    evaluate: Any,
    limit: int = 5,
) -> list[Change]:
    """Single-field changes to the case that make the program apply, each re-evaluated."""
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

    claim = raw["claims"][pos] if pos >= 0 else {}
    for ref in ("primary_care", "referred"):
        if claim.get("referral", "none") != ref:
            claim_change(f"转诊改为「{kb.label(ref)}」", 1, referral=ref)
    for scope in ("in_district", "in_city", "in_province"):
        if claim.get("hospital", {}).get("scope") != scope:
            claim_change(f"就医地改为「{kb.label(scope)}」", 2, scope=scope)
    for level in (1, 2, 3):
        if claim.get("hospital", {}).get("level") != level:
            claim_change(f"医院级别改为 {level} 级", 2, level=level)
    if program in ("special_disease", "large_expense", "inpatient"):
        claim_change("按特殊疾病认定", 3, special_disease=program == "special_disease")
    for rule in kb.rules.values():
        if rule.region != region or rule.program != program:
            continue
        for cond, _ in rule.conditions:
            if isinstance(cond, tuple) and cond[0] == "cost_over" and pos >= 0:
                need = Decimal(cond[1]) / 100 + Decimal("0.01")
                claim_change(f"政策范围内费用提高到 {need:.2f} 元", 3, policy_scope_cost=str(need))
        for cat, _ in rule.categories:
            if any(i.category == cat for i in result.case.identities):
                continue
            d = copy.deepcopy(raw)
            since = claim.get("date") or dt.date(result.case.years()[0], 1, 1)
            d["person"]["identities"] = [
                *d["person"]["identities"],
                {"category": cat, "since": since},
            ]
            cands.append((4, Change(f"增加身份「{kb.category_label(region, cat)}」（{cat}）", d)))
    seen: set[str] = set()
    out: list[Change] = []
    for _, ch in sorted(cands, key=lambda x: x[0]):
        if ch.description in seen:
            continue
        seen.add(ch.description)
        try:
            # Claim programs do not depend on the yearly premium subsidy (nor its parameters).
            res = evaluate(ch.data, premium=program == "premium_subsidy")
        except Exception:  # noqa: BLE001 — a change that makes the case invalid is simply not a fix
            continue
        try:
            _, nb = _benefit(kb, res, claim_id, program)
        except InputError:
            continue
        if nb.status in ("paid", "bounded", "granted"):
            ch.outcome = f"{kb.label(program)}{ {'paid': '支付', 'bounded': '区间', 'granted': '享受'}[nb.status] } {_money_line(nb)}".strip()
            out.append(ch)
            if len(out) >= limit:
                break
    return out


def print_tree(node: Node, console: Any, kb: KB) -> None:
    from rich.tree import Tree

    def label(n: Node) -> str:
        if n.cite and not n.text.startswith(kb.cite(n.cite)["document"] + " "):
            c = kb.cite(n.cite)
            where = c["clause"] or ""
            if "interpretation" in c:
                where = f"解释 {c['interpretation']['id']}" + (
                    f"，{c['clause']}" if c["clause"] else ""
                )
            return f"{n.text}  [dim]〔{c['document']} {where}〕[/dim]"
        return n.text

    def build(t: Tree, n: Node) -> None:
        for ch in n.children:
            build(t.add(label(ch)), ch)

    tree = Tree(label(node))
    build(tree, node)
    console.print(tree)
