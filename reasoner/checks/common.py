"""Helpers over the static facts shared by the kinds of finding (figures, programs, wording)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from reasoner.compare import claim_kind_names, covers, param_text
from reasoner.knowledge import KB, Rule
from reasoner.space import Dims, Situation

MAX_TRIES = 30


def attr_zh(kb: KB, a: str) -> str:
    """An attribute's Chinese name; a dimension the kb adds names itself (template(A, 0, …))."""
    key = f"finding_attr_{a}"
    if (key, 0) in kb.templates:
        return kb.sentence(key)
    return str(kb.templates.get((a, 0), a))


def figures(kb: KB, rule: Rule) -> tuple[Any, ...]:
    """What a rule pays, without its conditions (to compare rules and regions)."""
    out: list[Any] = [(n, p.bound, p.value, p.unit) for n, p in sorted(rule.params.items())]
    out += [(n, y, p.value, p.unit) for (n, y), p in sorted(rule.year_params.items())]
    if rule.id in kb.params_delegated:
        out.append(("delegated", kb.params_delegated[rule.id][0]))
    return tuple(out)


def figures_text(kb: KB, rule: Rule) -> str:
    """The figures of a rule in words (the same wording as `medaid compare`)."""
    names = kb.vocab.parameter_leads
    order = list(names)
    parts = [
        f"{names.get(n, n)}{param_text(kb, p, rule.year_params)}"
        for n, p in sorted(
            rule.params.items(), key=lambda kv: order.index(kv[0]) if kv[0] in names else 99
        )
    ]
    if rule.id in kb.params_delegated:
        parts.append(kb.say("finding_figures_delegated", kb.params_delegated[rule.id][0]))
    else:
        parts += [
            kb.say("finding_figures_unset", param_name(kb, n)) for n in missing_figures(kb, rule)
        ]
    return "，".join(parts) or kb.sentence("finding_figures_none")


def rate_range(rule: Rule) -> tuple[int, int, Any] | None:
    """The lowest and highest rate a rule allows, and its unit; None without a rate."""
    p = rule.params.get("rate")
    if p is None:
        return None
    if p.bound == "min":
        return (p.value, 100, p.unit)
    if p.bound == "max":
        return (0, p.value, p.unit)
    return (p.value, p.value, p.unit)


def cat_term(kb: KB, region: str, cat: str) -> str:
    return kb.category_label(region, cat)


def cats_text(kb: KB, region: str, cats: Iterable[str]) -> str:
    return "、".join(f"{cat_term(kb, region, c)}（{c}）" for c in cats)


def situation_text(kb: KB, s: Situation, dims: Iterable[Dims] = ()) -> str:
    """The parts of a situation that matter to the regions concerned, in words."""
    if s.type == "premium":
        return kb.say("finding_situation_premium", kb.label(s.scheme))
    ds = list(dims)
    parts = [claim_kind_names(kb).get(s.type, s.type)]
    if not ds or any(len(d.levels) > 1 for d in ds):
        parts.append(kb.say("finding_situation_level", s.level))
    if not ds or any(len(d.scopes) > 1 for d in ds):
        parts.append(kb.say("finding_situation_scope", kb.label(s.scope)))
    if not ds or any(len(d.referrals) > 1 for d in ds):
        parts.append(kb.label(s.referral))
    if not ds or any(len(d.specials) > 1 for d in ds):
        parts.append(special_text(kb, s.special))
    if not ds or any(d.thresholds for d in ds):
        parts.append(kb.say("finding_situation_cost", f"{Decimal(s.cost) / 100:.0f}"))
    parts += [attr_zh(kb, a) for a in s.attrs]
    return "，".join(parts)


def special_text(kb: KB, special: bool) -> str:
    return kb.sentence("finding_situation_special" if special else "finding_situation_ordinary")


def dedupe(xs: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(x for x in xs if x))


def program_kind(kb: KB, program: str) -> str:
    return str(kb.programs[program][1])


def offered_programs(kb: KB, region: str) -> list[str]:
    ps = {p for r, p, _, _ in kb.program_for if r == region}
    return [p for p in kb.programs if p in ps]


def rule_cats(kb: KB, region: str, program: str) -> set[str]:
    return {
        c
        for rl in kb.rules.values()
        if rl.region == region and rl.program == program
        for c, _ in rl.categories
    }


def delegated_cats(kb: KB, region: str, program: str) -> set[str]:
    return {c for r, p, c, _, _ in kb.delegations if r == region and p == program}


def treated(kb: KB, region: str, program: str, cat: str) -> bool:
    """Does the document give `cat` a rule or a delegation for the program?"""
    return covers(kb, region, rule_cats(kb, region, program), cat) or covers(
        kb, region, delegated_cats(kb, region, program), cat
    )


def program_kinds(kb: KB, region: str, program: str) -> set[str]:
    """The claim kinds (and `premium`) the region's program serves."""
    return {k for r, p, k, _ in kb.program_for if r == region and p == program}


def missing_figures(kb: KB, rule: Rule) -> list[str]:
    """The figures the evaluator needs for this kind of program that the rule does not state."""
    kind = program_kind(kb, rule.program)
    if kind == "premium":
        need: tuple[str, ...] = ("rate",)
    elif kind == "assistance":
        tilt = rule.program == kb.vocab.tilt
        need = ("threshold", "rate", "cap") if tilt else ("deductible", "rate", "cap")
    else:
        need = ()
    return [n for n in need if n not in rule.params]


def computable(kb: KB, rule: Rule) -> bool:
    """Does the rule state every figure the evaluator needs to compute an amount?"""
    return rule.id not in kb.params_delegated and not missing_figures(kb, rule)


def is_sub(kb: KB, region: str, cat: str) -> bool:
    return any(r == region and s == cat for r, s, _, _ in kb.subkinds)


def premium_or_claim(s: Situation) -> str | None:
    return None if s.type == "premium" else "c1"


def describe(kb: KB, hits: list[Situation], space: list[Situation]) -> str:
    """The dimension values of `hits`, where they are a proper subset of `space`'s."""
    if not hits:
        return ""
    parts = []
    fields: list[tuple[str, Callable[[Situation], Any], Callable[[Any], str]]] = [
        ("type", lambda s: s.type, lambda v: claim_kind_names(kb).get(v, v)),
        ("level", lambda s: s.level, lambda v: kb.say("finding_situation_level", v)),
        ("scope", lambda s: s.scope, lambda v: kb.say("finding_situation_scope", kb.label(v))),
        ("referral", lambda s: s.referral, lambda v: kb.label(v)),
        ("special", lambda s: s.special, lambda v: special_text(kb, v)),
        (
            "cost",
            lambda s: s.cost,
            lambda v: kb.say("finding_situation_cost_short", f"{Decimal(v) / 100:.0f}"),
        ),
        (
            "attrs",
            lambda s: s.attrs,
            lambda v: (
                "、".join(attr_zh(kb, a) for a in v) or kb.sentence("finding_situation_no_attrs")
            ),
        ),
        ("scheme", lambda s: s.scheme, lambda v: kb.say("finding_situation_scheme", kb.label(v))),
    ]
    either = kb.sentence("finding_situation_or")
    for _, get, show in fields:
        vals = {get(s) for s in hits}
        allv = {get(s) for s in space}
        if vals < allv:
            parts.append(either.join(show(v) for v in sorted(vals, key=str)))
    return "，".join(parts) or kb.sentence("finding_situation_all")


def param_name(kb: KB, name: str) -> str:
    """A figure's term in a finding (年度限额, 起点: parameter_short/2)."""
    return kb.vocab.parameter_name(name, short=True)


def eval_statuses(st: str) -> tuple[str, ...]:
    """The evaluator's statuses for a rule-base status."""
    return {
        "eligible": ("paid", "bounded", "granted"),
        "not_eligible": ("not_eligible",),
        "excluded": ("excluded",),
        "unresolved": ("unresolved",),
        "absent": ("absent",),
    }[st]
