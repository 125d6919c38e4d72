"""Consistency checks across the five documents (`medaid check`).

The rule base is searched, not sampled: every region's profile space (one
identity × claim kind × hospital level × place × referral × special/ordinary
disease × cost below/above each threshold × person attributes, and every
scheme for the premium pseudo-claim) becomes one batch of clingo facts, grounded
once. Which (region, program, category, situation) is eligible, not eligible,
excluded or unresolved is then read off the answer set, and the findings are
derived from it together with the static facts (parameters, delegations,
references, validity).

A dimension a region's rules never mention (e.g. hospital level in 沧州) is held
at one value for that region: its statuses cannot depend on it. Comparisons
between regions project a situation onto each region's own dimensions.

A finding that a case can show carries a witness: a case in the `medaid eval`
input format (and, where the finding is a comparison, a contrasting case). Every
witness is evaluated here with the real evaluator and kept only if it shows what
the finding claims; otherwise it is dropped and the finding says so.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from reasoner.asp import AspEngine
from reasoner.case import Case, NClaim, NIdentity
from reasoner.compare import BASE_SHORT, claim_kind_names, covers, no_program_cites, param_text
from reasoner.engine import Fact
from reasoner.errors import MedaidError
from reasoner.evaluate import claim_facts, premium_facts
from reasoner.knowledge import KB, REGIONS, Param, Rule

KINDS = (
    "gap",
    "overlap",
    "conflict",
    "unresolved_reference",
    "divergence",
    "floor",
    "anomaly",
    "approximation",
    "validity",
)
SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
KIND_ZH = {
    "gap": "待遇缺口",
    "overlap": "项目重叠",
    "conflict": "规则冲突",
    "unresolved_reference": "未入库的引用",
    "divergence": "文件间差异",
    "floor": "突破上位文件标准",
    "anomaly": "异常",
    "approximation": "约数与暂定值",
    "validity": "效力",
}

CLAIM_KINDS = ("outpatient", "chronic_outpatient", "inpatient")
LEVELS = (1, 2, 3)
SCOPES = ("in_district", "in_city", "in_province", "out_of_province")
REFERRALS = ("primary_care", "referred", "none")
SCHEMES = ("resident_tier1", "resident_tier2", "employee")
OPEN_END = dt.date(9999, 12, 31)
IDENTITY_SINCE = dt.date(2020, 1, 1)
# The external figures every witness case states (元). Any values would do; these
# are round, realistic, and make a tier-2 contribution dearer than tier 1.
PARAMETERS = {
    "per_capita_disposable_income": 30000,
    "monitoring_income_standard": 8000,
    "province_rural_per_capita_disposable_income": 18000,
    "resident_tier1_contribution": 380,
    "resident_tier2_contribution": 640,
}
# Basic insurance pays 40% of a witness claim's policy-scope cost: self-pay 60%.
BASIC_SHARE = Decimal("0.4")
# A document whose stated end date is nearer than this is reported as a warning.
NEAR_END_DAYS = 730
# Witness candidates tried per finding before the witness is given up.
MAX_TRIES = 30
# Person attributes a rule may require, and how a witness case states them.
ATTRS = {"age_min": "age", "disability_max": "disability", "maintenance": "maintenance"}
ATTR_ZH = {"age": "高龄", "disability": "重度残疾", "maintenance": "需院外维持治疗"}


# ---------------------------------------------------------------------------
# Findings and witnesses
# ---------------------------------------------------------------------------


@dataclass
class Probe:
    """A witness: the case to evaluate (and a contrasting one) and what they must show.

    `program` None means the claim's total assistance. `expect` are the statuses
    the witness must show for the program; `relation` compares the amounts of
    witness and contrast (lt, gt, ne)."""

    case: dict[str, Any]
    program: str | None
    claim: str | None
    expect: tuple[str, ...] = ()
    reason_code: str | None = None
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contrast: dict[str, Any] | None = None
    contrast_expect: tuple[str, ...] = ()
    relation: str | None = None
    observed: dict[str, Any] = field(default_factory=dict)

    def reproduce(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "claim": self.claim,
            "program": self.program,
            "witness": {"status": list(self.expect)} if self.expect else {},
        }
        if self.reason_code:
            out["witness"]["reason_code"] = self.reason_code
        if self.also:
            out["witness"]["other_programs"] = {p: list(s) for p, s in self.also.items()}
        if self.contrast is not None:
            out["contrast"] = {"status": list(self.contrast_expect)} if self.contrast_expect else {}
        if self.relation:
            out["relation"] = self.relation
        out["observed"] = self.observed
        return out


@dataclass
class Finding:
    id: str
    kind: str
    severity: str
    regions: list[str]
    programs: list[str]
    categories: list[str]
    message: str
    cites: list[str]
    probe: Probe | None = None
    witness_note: str | None = None
    # Candidate witnesses, tried in order until one verifies (not serialised).
    candidates: list[Probe] = field(default_factory=list, repr=False)

    def json(self, kb: KB) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "regions": self.regions,
            "programs": self.programs,
            "categories": self.categories,
            "message": self.message,
            "citations": [kb.cite(c) for c in self.cites],
            "witness": self.probe.case if self.probe else None,
        }
        if self.probe is not None:
            if self.probe.contrast is not None:
                out["contrast"] = self.probe.contrast
            out["reproduce"] = self.probe.reproduce()
        if self.witness_note:
            out["witness_note"] = self.witness_note
        return out


# ---------------------------------------------------------------------------
# The profile space
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    """Everything about a claim except the person's identity and the region."""

    type: str
    level: int = 2
    scope: str = "in_city"
    referral: str = "referred"
    special: bool = False
    cost: int = 2_000_000  # policy-scope cost in fen
    attrs: tuple[str, ...] = ()
    scheme: str = "resident_tier1"

    def closeness(self) -> tuple[int, ...]:
        """Sort key: situations nearest the plain default first (simple witnesses)."""
        d = Situation(self.type)
        return (
            self.attrs != (),
            self.special != d.special,
            self.referral != d.referral,
            self.scope != d.scope,
            abs(self.level - d.level),
            self.cost != d.cost,
            SCHEMES.index(self.scheme),
        )


@dataclass(frozen=True)
class Profile:
    region: str
    identities: tuple[str, ...]
    situation: Situation


@dataclass
class Dims:
    """The dimensions a region's rules distinguish; the others are held at one value."""

    region: str
    kinds: tuple[str, ...]
    premium: bool
    levels: tuple[int, ...]
    scopes: tuple[str, ...]
    referrals: tuple[str, ...]
    specials: tuple[bool, ...]
    thresholds: tuple[int, ...]
    costs: tuple[int, ...]
    attr_kinds: dict[str, tuple[str, ...]]  # category → attributes its rules test
    ages: int

    def attr_variants(self, cat: str) -> list[tuple[str, ...]]:
        kinds = self.attr_kinds.get(cat, ())
        return [c for n in range(len(kinds) + 1) for c in itertools.combinations(kinds, n)]

    def situations(self, cat: str) -> Iterator[Situation]:
        for k in self.kinds:
            for lv, sc, rf, sp, co, at in itertools.product(
                self.levels,
                self.scopes,
                self.referrals,
                self.specials,
                self.costs,
                self.attr_variants(cat),
            ):
                yield Situation(k, lv, sc, rf, sp, co, at)
        if self.premium:
            for sch in SCHEMES:
                yield Situation("premium", scheme=sch)

    def cost_class(self, cost: int) -> tuple[bool, ...]:
        return tuple(cost > t for t in self.thresholds)

    def project(self, cat: str, s: Situation) -> Situation:
        """The situation this region's rules cannot tell apart from s."""
        d = Situation(s.type)
        if s.type == "premium":
            return Situation("premium", scheme=s.scheme)
        cls = self.cost_class(s.cost)
        cost = next((c for c in self.costs if self.cost_class(c) == cls), d.cost)
        keep = self.attr_kinds.get(cat, ())
        return Situation(
            s.type,
            s.level if s.level in self.levels else d.level,
            s.scope if s.scope in self.scopes else d.scope,
            s.referral if s.referral in self.referrals else d.referral,
            s.special if s.special in self.specials else d.special,
            cost,
            tuple(a for a in s.attrs if a in keep),
            d.scheme,
        )


def _functor(cond: Any) -> str:
    return str(cond[0] if isinstance(cond, tuple) else cond)


def dimensions(kb: KB, region: str) -> Dims:
    rules = [r for r in kb.rules.values() if r.region == region]
    conds = [c for r in rules for c, _ in (*r.conditions, *r.exclusions)]
    names = {_functor(c) for c in conds}
    thresholds = tuple(sorted({c[1] for c in conds if _functor(c) == "cost_over"}))
    costs: tuple[int, ...] = (Situation("inpatient").cost,)
    if thresholds:
        # One cost inside each interval the thresholds cut (20000 and 40000 元 for 3万).
        pts = [thresholds[0] - 1_000_000] + [t + 1_000_000 for t in thresholds]
        costs = tuple(sorted({max(100, p) for p in pts}))
    referral_rule = region in kb.referral_exclusion
    attr_kinds: dict[str, set[str]] = defaultdict(set)
    ages = [c[1] for c in conds if _functor(c) == "age_min"]
    for r in rules:
        for c, _ in (*r.conditions, *r.exclusions):
            if _functor(c) in ATTRS:
                for cat, _ in r.categories:
                    attr_kinds[cat].add(ATTRS[_functor(c)])
                    for rr, sub, sup, _ in kb.subkinds:
                        if rr == region and sup == cat:
                            attr_kinds[sub].add(ATTRS[_functor(c)])
    kinds = tuple(
        k for k in CLAIM_KINDS if any(r == region and t == k for r, _, t, _ in kb.program_for)
    )
    return Dims(
        region=region,
        kinds=kinds,
        premium=any(r == region and t == "premium" for r, _, t, _ in kb.program_for),
        levels=LEVELS if names & {"level_min", "level_max"} else (2,),
        scopes=SCOPES if "within" in names or referral_rule else ("in_city",),
        referrals=REFERRALS
        if names & {"properly_referred", "referral"} or referral_rule
        else ("referred",),
        specials=(False, True) if names & {"special_disease", "ordinary_disease"} else (False,),
        thresholds=thresholds,
        costs=costs,
        attr_kinds={k: tuple(sorted(v)) for k, v in attr_kinds.items()},
        ages=max(ages, default=80) + 5,
    )


def region_categories(kb: KB, region: str) -> list[str]:
    """Every category the region's document names (recognised, in a rule, delegated)."""
    cats = {c for r, c, _, _ in kb.recognises if r == region}
    cats |= {c for rl in kb.rules.values() if rl.region == region for c, _ in rl.categories}
    cats |= {c for r, _, c, _, _ in kb.delegations if r == region}
    cats |= {s for r, s, _, _ in kb.subkinds if r == region}
    return sorted(cats, key=lambda c: (kb.category_order.get((region, c), 999), c))


def search_date(kb: KB) -> dt.date:
    """A day every document is in force on (so one batch serves all regions)."""
    starts = [v[1] for v in kb.in_force.values()] or [20250101]
    ends = [v[2] for v in kb.in_force.values()] or [99991231]
    lo, hi = max(starts), min(ends)
    d = _date(lo)
    june = dt.date(d.year, 6, 1)
    if lo <= _ymd(june) <= hi:
        return june
    return d


def _date(ymd: int) -> dt.date:
    return dt.date(ymd // 10000, ymd // 100 % 100, ymd % 100)


def _ymd(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


class Space:
    """Builds profiles as the evaluator would see them: facts and witness cases."""

    def __init__(self, kb: KB, date: dt.date) -> None:
        self.kb = kb
        self.date = date
        self.dims = {r: dimensions(kb, r) for r in REGIONS if r in kb.documents}

    def claim_cost(self, s: Situation, cost: int | None = None) -> tuple[Decimal, Decimal]:
        total = Decimal(cost if cost is not None else s.cost) / 100
        return total, (total * BASIC_SHARE).quantize(Decimal("0.01"))

    def _case(self, p: Profile, cost: int | None = None) -> tuple[Case, NClaim | None]:
        s = p.situation
        d = self.dims[p.region]
        idents = tuple(
            NIdentity.model_construct(category=c, since=IDENTITY_SINCE, until=OPEN_END, given_as=c)
            for c in p.identities
        )
        case = Case.model_construct(
            region=p.region,
            person_id="w",
            birth_date=dt.date(self.date.year - d.ages, 1, 1) if "age" in s.attrs else None,
            disability_grade=1 if "disability" in s.attrs else None,
            needs_maintenance_treatment="maintenance" in s.attrs,
            scheme=s.scheme,
            identities=idents,
            parameters={},
            claims=(),
            year=self.date.year,
        )
        if s.type == "premium":
            return case, None
        total, basic = self.claim_cost(s, cost)
        claim = NClaim.model_construct(
            index=1,
            id="c1",
            type=s.type,
            date=self.date,
            discharge=self.date + dt.timedelta(days=9),
            disease=None,
            special_disease=s.special,
            level=s.level,
            scope=s.scope,
            referral=s.referral,
            policy_scope_cost=total,
            basic_insurance_paid=basic,
            critical_illness_paid=Decimal(0),
            supplementary_paid=Decimal(0),
        )
        return case, claim

    def facts(self, p: Profile, index: int) -> list[Fact]:
        """The evaluator's own facts for the profile (claim_facts/premium_facts), re-indexed."""
        case, claim = self._case(p)
        raw = (
            premium_facts(case, self.date.year)
            if claim is None
            else claim_facts(case, claim, p.situation.special)
        )
        return [(f[0], index, *f[2:]) for f in raw]

    def case_dict(self, p: Profile, cost: int | None = None) -> dict[str, Any]:
        """The profile as a `medaid eval` case (what a witness is)."""
        s = p.situation
        person: dict[str, Any] = {
            "id": "w",
            "identities": [
                {"category": c, "since": IDENTITY_SINCE.isoformat()} for c in p.identities
            ],
            "insurance": {"scheme": s.scheme},
        }
        if "age" in s.attrs:
            person["birth_date"] = dt.date(
                self.date.year - self.dims[p.region].ages, 1, 1
            ).isoformat()
        if "disability" in s.attrs:
            person["disability_grade"] = 1
        if "maintenance" in s.attrs:
            person["needs_maintenance_treatment"] = True
        case: dict[str, Any] = {
            "region": p.region,
            "year": self.date.year,
            "person": person,
            "parameters": dict(PARAMETERS),
            "claims": [],
        }
        if s.type != "premium":
            total, basic = self.claim_cost(s, cost)
            claim: dict[str, Any] = {
                "id": "c1",
                "type": s.type,
                "date": self.date.isoformat(),
                "discharge": (self.date + dt.timedelta(days=9)).isoformat(),
                "hospital": {"level": s.level, "scope": s.scope},
                "referral": s.referral,
                "special_disease": s.special,
                "policy_scope_cost": str(total),
                "basic_insurance_paid": str(basic),
                "critical_illness_paid": "0",
            }
            case["claims"] = [claim]
        return case


@dataclass
class Outcome:
    status: str  # eligible | not_eligible | excluded | unresolved | absent
    applicable: list[tuple[str, str, str]] = field(default_factory=list)  # rule, cat, own
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # cat, ref


class Search:
    """One clingo batch over every single-identity profile of every region."""

    def __init__(self, kb: KB, space: Space) -> None:
        self.kb = kb
        self.space = space
        self.profiles: list[Profile] = []
        for region, d in space.dims.items():
            for cat in region_categories(kb, region):
                for s in d.situations(cat):
                    self.profiles.append(Profile(region, (cat,), s))
        self.index = {p: i + 1 for i, p in enumerate(self.profiles)}
        self._found: dict[tuple[str, str, Situation], int | None] = {}
        facts: list[Fact] = []
        for p, i in self.index.items():
            facts += space.facts(p, i)
        t = time.perf_counter()
        ans = AspEngine().answers(facts)
        self.solve_seconds = time.perf_counter() - t
        self.status: dict[int, dict[str, str]] = defaultdict(dict)
        for c, prog, st in ans.status:
            self.status[c][prog] = st
        self.applicable: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
        for c, prog, rule, cat, own in ans.applicable:
            self.applicable[(c, prog)].append((rule, cat, own))
        self.unresolved: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for c, prog, cat, ref in ans.unresolved:
            self.unresolved[(c, prog)].append((cat, ref))

    def find(self, region: str, cat: str, s: Situation) -> int | None:
        """The claim index of the profile the region's rules treat like (cat, s)."""
        key = (region, cat, s)
        if key not in self._found:
            d = self.space.dims[region]
            self._found[key] = self.index.get(Profile(region, (cat,), d.project(cat, s)))
        return self._found[key]

    def status_of(self, region: str, cat: str, s: Situation, program: str) -> str:
        i = self.find(region, cat, s)
        if i is None:
            return "absent"
        return self.status[i].get(program, "absent")

    def outcome(self, region: str, cat: str, s: Situation, program: str) -> Outcome:
        i = self.find(region, cat, s)
        if i is None or program not in self.status[i]:
            return Outcome("absent")
        return Outcome(
            self.status[i][program],
            sorted(self.applicable.get((i, program), [])),
            sorted(self.unresolved.get((i, program), [])),
        )

    def of_region(self, region: str) -> Iterator[tuple[Profile, int]]:
        for p in self.profiles:
            if p.region == region:
                yield p, self.index[p]


# ---------------------------------------------------------------------------
# Witness verification: the real evaluator decides
# ---------------------------------------------------------------------------


def _benefit(out: dict[str, Any], claim: str | None, program: str | None) -> dict[str, Any]:
    if program is None:
        t = out["totals"]
        lo, hi = t.get("assistance_min", t["assistance"]), t.get("assistance_max", t["assistance"])
        return {"status": "total", "amount": t["assistance"], "range": [lo, hi]}
    if claim is None:
        b = out.get("premium_subsidy")
    else:
        c = next((c for c in out["claims"] if c["id"] == claim), None)
        b = next((x for x in (c or {}).get("benefits", []) if x["program"] == program), None)
    if b is None:
        return {"status": "absent", "range": ["0", "0"]}
    if b["status"] == "paid":
        rng = [b["amount"], b["amount"]]
    elif b["status"] == "bounded":
        rng = [b["amount_min"], b["amount_max"]]
    elif b["status"] in ("not_eligible", "excluded"):
        rng = ["0", "0"]
    else:
        rng = []
    return {
        "status": b["status"],
        "amount": b.get("amount"),
        "amount_min": b.get("amount_min"),
        "amount_max": b.get("amount_max"),
        "reason_code": b.get("reason_code"),
        "identity": b.get("identity"),
        "range": rng,
    }


def _statuses_ok(got: dict[str, Any], allowed: tuple[str, ...]) -> bool:
    if not allowed:
        return True
    if got["status"] not in allowed:
        return False
    # "paid" in a witness means money: a zero payment shows nothing.
    if got["status"] in ("paid", "bounded") and set(allowed) <= {"paid", "bounded"}:
        return any(Decimal(x) > 0 for x in got["range"])
    return True


def _relation_ok(rel: str, w: list[str], c: list[str]) -> bool:
    if not w or not c:
        return False
    wl, wh = Decimal(w[0]), Decimal(w[1])
    cl, ch = Decimal(c[0]), Decimal(c[1])
    if rel == "lt":
        return wh < cl
    if rel == "gt":
        return wl > ch
    if rel == "ne":
        return (wl, wh) != (cl, ch)
    raise ValueError(rel)


def verify(kb: KB, probe: Probe) -> bool:
    """Evaluate the witness (and contrast) with medaid and check what the finding claims."""
    from reasoner.api import evaluate_data
    from reasoner.render import result_json

    try:
        out = result_json(kb, evaluate_data(probe.case))
        contrast = (
            result_json(kb, evaluate_data(probe.contrast)) if probe.contrast is not None else None
        )
    except MedaidError as e:
        probe.observed = {"error": str(e)}
        return False
    w = _benefit(out, probe.claim, probe.program)
    probe.observed = {"witness": _brief(w)}
    ok = _statuses_ok(w, probe.expect)
    if probe.reason_code is not None:
        ok = ok and w.get("reason_code") == probe.reason_code
    for prog, allowed in probe.also.items():
        o = _benefit(out, probe.claim, prog)
        probe.observed.setdefault("other_programs", {})[prog] = _brief(o)
        ok = ok and _statuses_ok(o, allowed)
    if contrast is not None:
        c = _benefit(contrast, probe.claim, probe.program)
        probe.observed["contrast"] = _brief(c)
        ok = ok and _statuses_ok(c, probe.contrast_expect)
        if probe.relation:
            ok = ok and _relation_ok(probe.relation, w["range"], c["range"])
    return ok


def _brief(b: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in b.items() if k != "range" and v is not None}


# ---------------------------------------------------------------------------
# Helpers over the static facts
# ---------------------------------------------------------------------------


def figures(kb: KB, rule: Rule) -> tuple[Any, ...]:
    """What a rule pays, without its conditions (to compare rules and regions)."""
    out: list[Any] = [(n, p.bound, p.value, p.unit) for n, p in sorted(rule.params.items())]
    out += [(n, y, p.value, p.unit) for (n, y), p in sorted(rule.year_params.items())]
    if rule.id in kb.params_delegated:
        out.append(("delegated", kb.params_delegated[rule.id][0]))
    return tuple(out)


def figures_text(kb: KB, rule: Rule) -> str:
    """The figures of a rule in words (the same wording as `medaid compare`)."""
    names = {
        "deductible": "起付",
        "threshold": "起点",
        "rate": "比例",
        "cap": "限额",
        "subcap": "分项限额",
        "ci_deductible_cut": "",
        "ci_rate_raise": "",
        "ci_cap": "",
    }
    parts = [
        f"{names.get(n, n)}{param_text(p, rule.year_params)}"
        for n, p in sorted(
            rule.params.items(), key=lambda kv: list(names).index(kv[0]) if kv[0] in names else 99
        )
    ]
    if rule.id in kb.params_delegated:
        parts.append(f"标准{kb.params_delegated[rule.id][0]}")
    else:
        parts += [f"{_param_name(n)}未规定" for n in missing_figures(kb, rule)]
    return "，".join(parts) or "无数额"


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
        return f"参保缴费（{kb.label(s.scheme)}）"
    ds = list(dims)
    parts = [claim_kind_names(kb).get(s.type, s.type)]
    if not ds or any(len(d.levels) > 1 for d in ds):
        parts.append(f"{s.level}级医疗机构")
    if not ds or any(len(d.scopes) > 1 for d in ds):
        parts.append(f"{kb.label(s.scope)}就医")
    if not ds or any(len(d.referrals) > 1 for d in ds):
        parts.append(kb.label(s.referral))
    if not ds or any(len(d.specials) > 1 for d in ds):
        parts.append("特殊疾病" if s.special else "普通疾病")
    if not ds or any(d.thresholds for d in ds):
        parts.append(f"政策范围内费用{Decimal(s.cost) / 100:.0f}元")
    parts += [ATTR_ZH[a] for a in s.attrs]
    return "，".join(parts)


def _dedupe(xs: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(x for x in xs if x))


def _program_kind(kb: KB, program: str) -> str:
    return str(kb.programs[program][1])


def _offered(kb: KB, region: str) -> list[str]:
    ps = {p for r, p, _, _ in kb.program_for if r == region}
    return [p for p in kb.programs if p in ps]


def _rule_cats(kb: KB, region: str, program: str) -> set[str]:
    return {
        c
        for rl in kb.rules.values()
        if rl.region == region and rl.program == program
        for c, _ in rl.categories
    }


def _delegated_cats(kb: KB, region: str, program: str) -> set[str]:
    return {c for r, p, c, _, _ in kb.delegations if r == region and p == program}


def _treated(kb: KB, region: str, program: str, cat: str) -> bool:
    """Does the document give `cat` a rule or a delegation for the program?"""
    return covers(kb, region, _rule_cats(kb, region, program), cat) or covers(
        kb, region, _delegated_cats(kb, region, program), cat
    )


def _kinds(kb: KB, region: str, program: str) -> set[str]:
    """The claim kinds (and `premium`) the region's program serves."""
    return {k for r, p, k, _ in kb.program_for if r == region and p == program}


def missing_figures(kb: KB, rule: Rule) -> list[str]:
    """The figures the evaluator needs for this kind of program that the rule does not state."""
    kind = _program_kind(kb, rule.program)
    if kind == "premium":
        need: tuple[str, ...] = ("rate",)
    elif kind == "assistance":
        tilt = rule.program == "tilt"
        need = ("threshold", "rate", "cap") if tilt else ("deductible", "rate", "cap")
    else:
        need = ()
    return [n for n in need if n not in rule.params]


def computable(kb: KB, rule: Rule) -> bool:
    """Does the rule state every figure the evaluator needs to compute an amount?"""
    return rule.id not in kb.params_delegated and not missing_figures(kb, rule)


def _is_sub(kb: KB, region: str, cat: str) -> bool:
    return any(r == region and s == cat for r, s, _, _ in kb.subkinds)


def _premium_or_claim(s: Situation) -> str | None:
    return None if s.type == "premium" else "c1"


# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------


class Checker:
    """Derives the findings; the clingo search runs only if a requested kind needs it."""

    def __init__(self, kb: KB, today: dt.date | None = None) -> None:
        self.kb = kb
        self.today = today or dt.date.today()
        self.space = Space(kb, search_date(kb))
        self.findings: list[Finding] = []
        self._rates: dict[tuple[int | None, str, str], tuple[int, int, Any] | None] = {}
        self.order_cites = {(r, c): cite for r, c, _, cite in kb.eng.static("category_order", 4)}

    # -- helpers --------------------------------------------------------------
    def add(self, f: Finding) -> None:
        f.cites = _dedupe(f.cites)
        self.findings.append(f)

    def probe(
        self,
        region: str,
        cats: tuple[str, ...],
        s: Situation,
        program: str | None,
        expect: tuple[str, ...] = (),
        cost: int | None = None,
        **kw: Any,
    ) -> Probe:
        p = Profile(region, cats, s)
        return Probe(
            self.space.case_dict(p, cost),
            program,
            _premium_or_claim(s),
            expect,
            **kw,
        )

    def contrast(
        self, region: str, cats: tuple[str, ...], s: Situation, cost: int | None = None
    ) -> dict[str, Any]:
        return self.space.case_dict(Profile(region, cats, s), cost)

    def cost_options(self, regions: Iterable[str], s: Situation) -> list[int | None]:
        """The situation's own cost, then larger ones every region puts in the same class
        (so a tilt or a cap can show money)."""
        out: list[int | None] = [None]
        ds = [self.space.dims[r] for r in regions]
        for c in (6_000_000, 20_000_000):
            if all(d.cost_class(c) == d.cost_class(s.cost) for d in ds):
                out.append(c)
        return out

    def union_situations(self, regions: Iterable[str], cat: str) -> list[Situation]:
        """Situations over the dimensions any of the regions distinguishes (closest first)."""
        ds = [self.space.dims[r] for r in regions]
        kinds = [k for k in CLAIM_KINDS if any(k in d.kinds for d in ds)]
        lv = sorted({x for d in ds for x in d.levels})
        sc = [x for x in SCOPES if any(x in d.scopes for d in ds)]
        rf = [x for x in REFERRALS if any(x in d.referrals for d in ds)]
        sp = sorted({x for d in ds for x in d.specials})
        co = sorted({x for d in ds for x in d.costs})
        at = sorted({a for d in ds for a in d.attr_variants(cat)})
        out = [
            Situation(k, a, b, c, e, f, g)
            for k, a, b, c, e, f, g in itertools.product(kinds, lv, sc, rf, sp, co, at)
        ]
        if any(d.premium for d in ds):
            out += [Situation("premium", scheme=x) for x in SCHEMES]
        return sorted(out, key=Situation.closeness)

    # -- run --------------------------------------------------------------------
    @cached_property
    def search(self) -> Search:
        return Search(self.kb, self.space)

    def run(self, kinds: Iterable[str] = ()) -> list[Finding]:
        wanted = set(kinds) or set(KINDS)
        steps: dict[str, Callable[[], None]] = {
            "gap": self.gaps,
            "overlap": self.overlaps,
            "conflict": self.conflicts,
            "unresolved_reference": self.references,
            "divergence": self.divergences,
            "floor": self.floors,
            "anomaly": self.anomalies,
            "approximation": self.approximations,
            "validity": self.validity,
        }
        for kind in KINDS:
            if kind in wanted:
                steps[kind]()
        for f in self.findings:
            self._witness(f)
        order = {k: i for i, k in enumerate(KINDS)}
        self.findings.sort(key=lambda f: (order[f.kind], f.id))
        return self.findings

    def _witness(self, f: Finding) -> None:
        if not f.candidates:
            return
        for cand in f.candidates[:MAX_TRIES]:
            if verify(self.kb, cand):
                f.probe = cand
                return
        f.witness_note = f"已尝试 {min(len(f.candidates), MAX_TRIES)} 个例证，medaid eval 均未复现此发现，故不附例证"

    # =========================================================================
    # gap
    # =========================================================================
    def gaps(self) -> None:
        kb = self.kb
        for region in self.space.dims:
            self._missing_programs(region)
            recognised = [
                c
                for c in region_categories(kb, region)
                if any(r == region and x == c for r, x, _, _ in kb.recognises)
            ]
            offered = _offered(kb, region)
            paying = [p for p in offered if _program_kind(kb, p) in ("assistance", "premium")]
            premium_only: list[str] = []
            for cat in recognised:
                assist = [
                    p
                    for p in offered
                    if _program_kind(kb, p) == "assistance" and _treated(kb, region, p, cat)
                ]
                anything = [p for p in offered if _treated(kb, region, p, cat)]
                if not anything:
                    self._no_benefit(region, cat)
                    continue
                if not assist:
                    premium_only.append(cat)
                    # Still a gap if the premium rules leave out some schemes others get.
                    for p in paying:
                        if _program_kind(kb, p) == "premium" and _treated(kb, region, p, cat):
                            self._category_gap(region, p, cat, full=False)
                    continue
                for p in paying:
                    if not _treated(kb, region, p, cat):
                        self._category_gap(region, p, cat, full=True)
                    else:
                        self._category_gap(region, p, cat, full=False)
            if premium_only:
                self._premium_only(region, premium_only)
            self._missing_params(region)

    def _missing_programs(self, region: str) -> None:
        """A program most other documents define (for 救助对象 of the same kinds) that this one lacks."""
        kb = self.kb
        others = [r for r in self.space.dims if r != region]
        offered = set(_offered(kb, region))
        for p in kb.programs:
            if p in offered:
                continue
            having = [r for r in others if p in _offered(kb, r)]
            if len(having) * 4 < len(others) * 3:  # fewer than three of the four others
                continue
            kind = _program_kind(kb, p)
            sev = "warning" if kind in ("assistance", "premium") else "info"
            cites = list(no_program_cites(kb, region, p))
            cites += _dedupe(
                next((c for r, pp, _, c in kb.program_for if r == h and pp == p), "")
                for h in having
            )
            name = kb.label(p)
            notes = [
                f"{kb.doc_no(region)} {n}：{reason}"
                for r, n, reason in kb.non_computational
                if r == region and (name in reason or p in reason)
            ]
            msg = (
                f"{kb.region_name(region)}（{kb.doc_no(region)}）未设{name}，"
                f"而{'、'.join(kb.region_name(r) for r in having)}的文件均设有此项目；"
                f"{kb.region_name(region)}的救助对象无论何种情形都得不到这一项待遇"
                + (f"（知识库注：{'；'.join(notes)}）" if notes else "")
                + "。"
            )
            f = Finding(
                f"gap:{region}:{p}:no_program",
                "gap",
                sev,
                [region],
                [p],
                [],
                msg,
                cites,
            )
            f.candidates = self._cross_region_candidates(region, having, p)
            self.add(f)

    def _cross_region_candidates(self, region: str, having: list[str], program: str) -> list[Probe]:
        """The same person and claim: no such program here, paid in another region."""
        kb = self.kb
        out: list[Probe] = []
        mine = region_categories(kb, region)
        for other in having:
            for cat in region_categories(kb, other):
                if cat not in mine:
                    continue
                for s in self.union_situations([region, other], cat):
                    if self.search.status_of(other, cat, s, program) != "eligible":
                        continue
                    if self.search.status_of(region, cat, s, program) != "absent":
                        continue
                    for cost in self.cost_options([region, other], s):
                        pr = self.probe(region, (cat,), s, program, ("absent",), cost)
                        pr.contrast = self.contrast(other, (cat,), s, cost)
                        pr.contrast_expect = ("paid", "bounded", "granted")
                        out.append(pr)
                    if len(out) >= MAX_TRIES:
                        return out
                    break
        return out

    def _no_benefit(self, region: str, cat: str) -> None:
        kb = self.kb
        cites = [c for r, x, _, c in kb.recognises if r == region and x == cat]
        cites += [c for r, x, _, c in kb.category_terms if r == region and x == cat]
        msg = (
            f"{kb.region_name(region)}文件列明了“{cat_term(kb, region, cat)}”（{cat}）并规定了认定部门，"
            "但没有为其规定任何救助项目或资助参保待遇，也未指明按哪个文件执行。"
        )
        f = Finding(
            f"gap:{region}:no_benefit:{cat}", "gap", "warning", [region], [], [cat], msg, cites
        )
        f.candidates = self._gap_candidates(region, None, cat)
        self.add(f)

    def _premium_only(self, region: str, cats: list[str]) -> None:
        kb = self.kb
        cites = [
            c
            for rl in kb.rules.values()
            if rl.region == region and rl.program == "premium_subsidy"
            for x, c in rl.categories
            if x in cats
        ]
        msg = (
            f"{kb.region_name(region)}文件中以下对象只享受资助参保，不享受任何医疗救助项目："
            f"{cats_text(kb, region, cats)}。这与文件的列举一致（只在资助参保条款中出现），列出供核对。"
        )
        self.add(
            Finding(
                f"gap:{region}:premium_only",
                "gap",
                "info",
                [region],
                ["premium_subsidy"],
                cats,
                msg,
                cites,
            )
        )

    def _gap_situations(
        self, region: str, program: str | None, cat: str
    ) -> list[tuple[Situation, str]]:
        """Situations where cat gets nothing from the program while another category is paid,
        with that category (closest situations first)."""
        kb = self.kb
        d = self.space.dims[region]
        progs = (
            [program]
            if program
            else [
                p for p in _offered(kb, region) if _program_kind(kb, p) in ("assistance", "premium")
            ]
        )
        kinds = {k for p in progs for k in _kinds(kb, region, p)}
        cats = region_categories(kb, region)
        out = []
        for s in sorted({x for x in d.situations(cat) if x.type in kinds}, key=Situation.closeness):
            for p in progs:
                if self.search.status_of(region, cat, s, p) != "not_eligible":
                    continue
                other = next(
                    (
                        o
                        for o in cats
                        if o != cat and self.search.status_of(region, o, s, p) == "eligible"
                    ),
                    None,
                )
                if other is not None:
                    out.append((s, other))
                    break
        return out

    def _gap_candidates(self, region: str, program: str | None, cat: str) -> list[Probe]:
        out = []
        for s, other in self._gap_situations(region, program, cat)[:MAX_TRIES]:
            prog = program
            if prog is None:
                prog = next(
                    p
                    for p in _offered(self.kb, region)
                    if self.search.status_of(region, other, s, p) == "eligible"
                )
            for cost in self.cost_options([region], s)[:2]:
                pr = self.probe(region, (cat,), s, prog, ("not_eligible",), cost)
                pr.contrast = self.contrast(region, (other,), s, cost)
                pr.contrast_expect = ("paid", "bounded")
                out.append(pr)
        return out

    def _category_gap(self, region: str, program: str, cat: str, full: bool) -> None:
        kb = self.kb
        sits = self._gap_situations(region, program, cat)
        if not sits:
            return
        d = self.space.dims[region]
        if not full:
            # Partial: only some situations. Which dimension values are affected?
            all_s = [s for s in d.situations(cat) if s.type in {x.type for x, _ in sits}]
            where = _describe(kb, [s for s, _ in sits], all_s)
        else:
            where = ""
        others = sorted(
            {o for _, o in sits}, key=lambda c: (kb.category_order.get((region, c), 999), c)
        )
        others_p = [
            p for p in _offered(kb, region) if p != program and _program_kind(kb, p) == "assistance"
        ]
        ruled = [
            kb.label(p) for p in others_p if covers(kb, region, _rule_cats(kb, region, p), cat)
        ]
        handed = [
            kb.label(p)
            for p in others_p
            if p not in ruled and covers(kb, region, _delegated_cats(kb, region, p), cat)
        ]
        handed = [x for x in handed if x not in ruled]
        term = cat_term(kb, region, cat)
        if full:
            msg = (
                f"{kb.region_name(region)}文件的{kb.label(program)}没有适用于“{term}”（{cat}）的规则，"
                f"也未指明按其他文件执行，而{cats_text(kb, region, others[:4])}等对象同一情形可以享受"
            )
        else:
            msg = (
                f"{kb.region_name(region)}文件的{kb.label(program)}对“{term}”（{cat}）只在部分情形下有规则："
                f"{where}时不予{kb.label(program)}，而{cats_text(kb, region, others[:4])}等对象同一情形可以享受"
            )
        if ruled:
            msg += f"；本文件为该类对象规定了{'、'.join(ruled)}，此处未列可能是列举遗漏"
        if handed:
            docs = _dedupe(
                str(d[3])
                for d in kb.delegations
                if d[0] == region and covers(kb, region, {d[2]}, cat)
            )
            msg += (
                f"；该类对象的{'、'.join(handed)}按{'、'.join(docs)}执行，"
                f"{kb.label(program)}是否同样按其执行，文件未说明"
            )
        msg += "。"
        rules = [rl for rl in kb.rules.values() if rl.region == region and rl.program == program]
        cites = [c for r, x, _, c in kb.recognises if r == region and x == cat]
        cites += _dedupe(rl.cite for rl in rules)[:4]
        cites += [c for rl in rules for x, c in rl.categories if x == cat]
        cites += [
            i.id
            for i in kb.interpretations.values()
            if i.region == region
            and term in i.rationale
            and ("未列" in i.rationale or "未规定" in i.rationale)
        ][:2]
        f = Finding(
            f"gap:{region}:{program}:{cat}",
            "gap",
            "warning",
            [region],
            [program],
            [cat],
            msg,
            cites,
        )
        f.candidates = self._gap_candidates(region, program, cat)
        self.add(f)

    def _missing_params(self, region: str) -> None:
        """A rule the document gives no figure for (or hands the figures to someone else)."""
        kb = self.kb
        for rl in sorted(kb.rules.values(), key=lambda r: r.id):
            if rl.region != region:
                continue
            if _program_kind(kb, rl.program) not in ("premium", "assistance"):
                continue
            cats = [c for c, _ in rl.categories]
            if rl.id in kb.params_delegated:
                text, cite = kb.params_delegated[rl.id]
                msg = (
                    f"{kb.region_name(region)}文件设立{kb.label(rl.program)}（适用于{cats_text(kb, region, cats)}），"
                    f"但起点、比例和限额均未规定，{text}；medaid只能判断是否符合条件，结论为待定。"
                )
                fid = f"gap:{region}:{rl.program}:params_delegated"
                cites = [rl.cite, cite]
            else:
                missing = missing_figures(kb, rl)
                if not missing:
                    continue
                names = {
                    "deductible": "起付标准",
                    "rate": "救助比例",
                    "cap": "年度限额",
                    "threshold": "起点",
                }
                stated = "，".join(
                    f"{names.get(n, n)}{param_text(p)}" for n, p in rl.params.items() if n in names
                )
                msg = (
                    f"{kb.region_name(region)}文件对{cats_text(kb, region, cats)}的{kb.label(rl.program)}"
                    f"规定了{stated}，但未规定{'、'.join(names.get(n, n) for n in missing)}，"
                    "无法计算，medaid结论为待定（不猜测为0或套用其他对象的标准）。"
                )
                fid = f"gap:{region}:{rl.program}:{'+'.join(cats)}:{'+'.join(missing)}"
                cites = (
                    [rl.cite] + [p.cite for p in rl.params.values()] + [c for _, c in rl.categories]
                )
                # The clause that states the others' figures (where the missing one would be).
                cites += [
                    p.cite
                    for r2 in kb.rules.values()
                    if r2.region == region and r2.program == rl.program
                    for n, p in r2.params.items()
                    if n in missing
                ][:2]
            f = Finding(fid, "gap", "warning", [region], [rl.program], cats, msg, cites)
            f.candidates = self._missing_param_candidates(rl)
            self.add(f)

    def _missing_param_candidates(self, rl: Rule) -> list[Probe]:
        out = []
        region, program = rl.region, rl.program
        cats = region_categories(self.kb, region)
        for cat, _ in rl.categories:
            for s in sorted(self.space.dims[region].situations(cat), key=Situation.closeness):
                o = self.search.outcome(region, cat, s, program)
                if o.status != "eligible" or not any(r == rl.id for r, _, _ in o.applicable):
                    continue
                other = next(
                    (
                        x
                        for x in cats
                        if x != cat
                        and self.search.status_of(region, x, s, program) == "eligible"
                        and not any(
                            r == rl.id or r in self.kb.params_delegated
                            for r, _, _ in self.search.outcome(region, x, s, program).applicable
                        )
                    ),
                    None,
                )
                pr = self.probe(
                    region, (cat,), s, program, ("unresolved",), reason_code="missing_figure"
                )
                if other is not None:
                    pr.contrast = self.contrast(region, (other,), s)
                    pr.contrast_expect = ("paid", "bounded")
                out.append(pr)
                if len(out) >= 4:
                    return out
        return out

    # =========================================================================
    # overlap
    # =========================================================================
    def overlaps(self) -> None:
        kb = self.kb
        for region in self.space.dims:
            # Tilt is paid on what is left after the other programs: layered, not a double payment.
            progs = [
                p
                for p in _offered(kb, region)
                if _program_kind(kb, p) == "assistance" and p != "tilt"
            ]
            hits: dict[tuple[str, str], list[tuple[Profile, str]]] = defaultdict(list)
            for prof, i in self.search.of_region(region):
                if prof.situation.type == "premium":
                    continue
                el = [p for p in progs if self.search.status[i].get(p) == "eligible"]
                for a, b in itertools.combinations(el, 2):
                    owns_a = {own for _, _, own in self.search.applicable[(i, a)]}
                    owns_b = {own for _, _, own in self.search.applicable[(i, b)]}
                    for own in owns_a & owns_b:
                        hits[(a, b)].append((prof, own))
            for (a, b), items in hits.items():
                fact = next(
                    (o for o in kb.overlaps if o[0] == region and {o[1], o[2]} == {a, b}), None
                )
                cats = sorted(
                    {own for _, own in items},
                    key=lambda c: (kb.category_order.get((region, c), 999), c),
                )
                sits = sorted({p.situation for p, _ in items}, key=Situation.closeness)
                where = _describe(
                    kb,
                    sits,
                    [
                        s
                        for s in self.space.dims[region].situations(cats[0])
                        if s.type in {x.type for x in sits}
                    ],
                )
                rules = [
                    rl
                    for rl in kb.rules.values()
                    if rl.region == region
                    and rl.program in (a, b)
                    and any(c in cats for c, _ in rl.categories)
                ]
                base = (
                    f"{kb.region_name(region)}文件的{kb.label(a)}和{kb.label(b)}在{where}时"
                    f"同时适用于{cats_text(kb, region, cats)}"
                )
                if fact is not None:
                    interp = kb.interpretations.get(fact[4])
                    how = f"解释「{interp.name}」" if interp else kb.cite(fact[4])["clause"]
                    msg = (
                        f"{base}；文件未规定是否叠加。medaid按{how}处理：两项分别计算，"
                        f"只支付金额较高的一项（{fact[3]}），另一项以“不重复救助”排除。"
                    )
                    sev = "info"
                    cites = [fact[4]]
                else:
                    msg = f"{base}，文件未规定是否叠加，medaid也未设取舍规则：两项都会支付（可能重复救助）。"
                    sev = "warning"
                    cites = []
                cites += [rl.cite for rl in rules]
                f = Finding(
                    f"overlap:{region}:{a}+{b}", "overlap", sev, [region], [a, b], cats, msg, cites
                )
                for prof, own in sorted(items, key=lambda x: x[0].situation.closeness())[
                    :MAX_TRIES
                ]:
                    pr = self.probe(region, (own,), prof.situation, a)
                    if fact is not None:
                        pr.expect, pr.also = ("paid", "excluded"), {b: ("paid", "excluded")}
                        pr.relation = None
                        f.candidates.append(_overlap_probe(self.kb, pr, a, b))
                    else:
                        pr.expect, pr.also = ("paid", "bounded"), {b: ("paid", "bounded")}
                        f.candidates.append(pr)
                self.add(f)

    # =========================================================================
    # conflict
    # =========================================================================
    def conflicts(self) -> None:
        """Two rules of one program, both applicable through the same category, paying
        different rates. (Two rules reached through two categories — a subkind — are a
        就高 choice between identities, not a conflict.)"""
        kb = self.kb
        for region in self.space.dims:
            found: dict[tuple[str, str, tuple[str, ...]], list[Profile]] = defaultdict(list)
            for prof, i in self.search.of_region(region):
                for prog in self.search.status[i]:
                    by_cat: dict[str, set[str]] = defaultdict(set)
                    for rule, cat, _own in self.search.applicable.get((i, prog), []):
                        by_cat[cat].add(rule)
                    for cat, rules in by_cat.items():
                        rates = {kb.rules[r].params.get("rate") for r in rules}
                        sig = {(p.bound, p.value, p.unit) if p else None for p in rates}
                        if len(rules) > 1 and len(sig) > 1:
                            found[(prog, cat, tuple(sorted(rules)))].append(prof)
            for (prog, cat, rule_ids), profs in found.items():
                rl = [kb.rules[r] for r in rule_ids]
                msg = (
                    f"{kb.region_name(region)}文件的{kb.label(prog)}对“{cat_term(kb, region, cat)}”（{cat}）"
                    f"在同一情形下有两条以上规则同时适用而比例不同："
                    + "；".join(f"规则 {r.id}：{figures_text(kb, r)}" for r in rl)
                    + "。文件未说明取哪一条。"
                )
                cites = [r.cite for r in rl] + [p.cite for r in rl for p in r.params.values()]
                f = Finding(
                    f"conflict:{region}:{prog}:{cat}",
                    "conflict",
                    "error",
                    [region],
                    [prog],
                    [cat],
                    msg,
                    cites,
                )
                for prof in sorted(profs, key=lambda p: p.situation.closeness())[:3]:
                    f.candidates.append(
                        self.probe(
                            region, prof.identities, prof.situation, prog, ("paid", "bounded")
                        )
                    )
                self.add(f)

    # =========================================================================
    # unresolved_reference
    # =========================================================================
    def references(self) -> None:
        kb = self.kb
        used_deleg: set[int] = set()
        for region, ref, text, status, cite in kb.references:
            delegs = [
                (k, d)
                for k, d in enumerate(kb.delegations)
                if d[0] == region and (str(d[3]) in str(text) or d[4] == cite)
            ]
            used_deleg.update(k for k, _ in delegs)
            pdel = [
                rid
                for rid, (ptext, pcite) in kb.params_delegated.items()
                if kb.rules[rid].region == region and (pcite == cite or str(ptext) in str(text))
            ]
            self._reference(region, ref, str(text), str(status), cite, [d for _, d in delegs], pdel)
        for k, d in enumerate(kb.delegations):
            if k not in used_deleg:
                self._reference(
                    d[0], f"delegated_{d[1]}_{d[2]}", str(d[3]), "not_in_base", d[4], [d], []
                )

    def _reference(
        self,
        region: str,
        ref: str,
        text: str,
        status: str,
        cite: str,
        delegs: list[tuple[Any, ...]],
        pdel: list[str],
    ) -> None:
        kb = self.kb
        what = "该文件不在知识库中" if status == "not_in_base" else "文件未具体指明，亦不在知识库中"
        msg = f"{kb.region_name(region)}文件引用“{text}”，{what}。"
        programs: list[str] = []
        cats: list[str] = []
        cites = [cite]
        if delegs:
            by_prog: dict[str, list[str]] = defaultdict(list)
            for d in delegs:
                by_prog[d[1]].append(d[2])
                cites.append(d[4])
            programs = [p for p in kb.programs if p in by_prog]
            cats = _dedupe(c for p in programs for c in by_prog[p])
            msg += (
                "下列待遇按该文件执行，medaid无法计算，结论为待定（unresolved）："
                + "；".join(f"{kb.label(p)}——{cats_text(kb, region, by_prog[p])}" for p in programs)
                + "。"
            )
        if pdel:
            for rid in pdel:
                rl = kb.rules[rid]
                programs = _dedupe([*programs, rl.program])
                cats = _dedupe([*cats, *(c for c, _ in rl.categories)])
                cites += [rl.cite, kb.params_delegated[rid][1]]
            msg += "相关项目的具体标准由其确定，medaid只判断是否符合条件，金额待定。"
        if any(i[1] == text or i[1] in text for i in kb.implements if i[0] == region):
            msg += "（这是本文件所贯彻的上位文件，其标准无法用于核对本文件。）"
        sev = "warning" if delegs or pdel else "info"
        f = Finding(
            f"unresolved_reference:{region}:{ref}",
            "unresolved_reference",
            sev,
            [region],
            programs,
            cats,
            msg,
            cites,
        )
        for d in delegs:
            f.candidates += self._delegation_candidates(region, d[1], d[2], str(d[3]))
        for rid in pdel:
            f.candidates += self._missing_param_candidates(kb.rules[rid])
        self.add(f)

    def _delegation_candidates(self, region: str, program: str, cat: str, doc: str) -> list[Probe]:
        out = []
        for s in sorted(self.space.dims[region].situations(cat), key=Situation.closeness):
            o = self.search.outcome(region, cat, s, program)
            if o.status == "unresolved" and any(ref == doc for _, ref in o.unresolved):
                out.append(
                    self.probe(region, (cat,), s, program, ("unresolved",), reason_code="delegated")
                )
                break
        return out

    # =========================================================================
    # divergence
    # =========================================================================
    def _treatment(self, region: str, cat: str, s: Situation, program: str) -> tuple[Any, ...]:
        """What the region gives cat in s: the figures of the rules that pay, a delegation,
        or nothing (not eligible and excluded alike: both pay nothing)."""
        o = self.search.outcome(region, cat, s, program)
        if o.status == "eligible":
            return (
                "eligible",
                frozenset(
                    figures(self.kb, self.kb.rules[r]) for r, _, own in o.applicable if own == cat
                ),
            )
        if o.status == "unresolved":
            return ("unresolved", frozenset(ref for _, ref in o.unresolved))
        if o.status == "absent":
            return ("absent",)
        return ("none",)

    def _treatment_text(self, region: str, cat: str, s: Situation, program: str) -> str:
        kb = self.kb
        o = self.search.outcome(region, cat, s, program)
        if o.status == "eligible":
            rules = _dedupe(r for r, _, own in o.applicable if own == cat)
            return "；".join(figures_text(kb, kb.rules[r]) for r in rules)
        if o.status == "unresolved":
            return "按" + "、".join(_dedupe(ref for _, ref in o.unresolved)) + "执行（未入库）"
        return {
            "not_eligible": "无（无适用规则）",
            "excluded": "无（未按规定转诊，排除）",
            "absent": "未设此项目",
        }.get(o.status, o.status)

    def _expect(self, region: str, cat: str, s: Situation, program: str) -> tuple[str, ...]:
        """The evaluator statuses the rule-base outcome leads to (a rule without figures
        is eligible in the rule base but unresolved in the evaluator)."""
        o = self.search.outcome(region, cat, s, program)
        if o.status == "eligible":
            rules = [self.kb.rules[r] for r, _, own in o.applicable if own == cat]
            if rules and not any(computable(self.kb, r) for r in rules):
                return ("unresolved",)
            return ("paid", "bounded", "granted")
        return _eval_statuses(o.status)

    def divergences(self) -> None:
        kb = self.kb
        regions = list(self.space.dims)
        # (a) documents implementing the same parent document.
        parents: dict[str, list[str]] = defaultdict(list)
        for r, parent, _ in kb.implements:
            if r in self.space.dims:
                parents[str(parent)].append(r)
        for parent, members in parents.items():
            for a, b in itertools.combinations(members, 2):
                self._pair_divergence(parent, a, b)
        # (b) every program and category several documents pay: informational.
        cats = _dedupe(c for r in regions for c in region_categories(kb, r))
        for prog in kb.programs:
            for cat in cats:
                having = [
                    r
                    for r in regions
                    if prog in _offered(kb, r)
                    and cat in region_categories(kb, r)
                    and covers(kb, r, _rule_cats(kb, r, prog), cat)
                ]
                if len(having) >= 2:
                    self._cross_divergence(prog, cat, having)

    def _situations_for(self, regions: list[str], cat: str, prog: str) -> list[Situation]:
        kinds = {k for r in regions for k in _kinds(self.kb, r, prog)}
        return [s for s in self.union_situations(regions, cat) if s.type in kinds]

    def _pair_divergence(self, parent: str, a: str, b: str) -> None:
        kb = self.kb
        shared = [c for c in region_categories(kb, a) if c in region_categories(kb, b)]
        dims = [self.space.dims[a], self.space.dims[b]]
        for prog in kb.programs:
            if prog not in _offered(kb, a) or prog not in _offered(kb, b):
                continue
            # (text in a, text in b, scheme for premiums) → categories, first situation
            groups: dict[tuple[str, str, str], tuple[list[str], Situation]] = {}
            hard = False
            cands: list[Probe] = []
            cites: list[str] = [c for r, _, c in kb.implements if r in (a, b)]
            for cat in shared:
                diff = [
                    s
                    for s in self._situations_for([a, b], cat, prog)
                    if self._treatment(a, cat, s, prog) != self._treatment(b, cat, s, prog)
                ]
                for s in diff:
                    ta, tb = self._treatment(a, cat, s, prog), self._treatment(b, cat, s, prog)
                    if "unresolved" not in (ta[0], tb[0]):
                        hard = True
                    key = (
                        self._treatment_text(a, cat, s, prog),
                        self._treatment_text(b, cat, s, prog),
                        s.scheme if s.type == "premium" else "",
                    )
                    if key not in groups:
                        groups[key] = ([], s)
                        cites += self._treatment_cites(a, cat, s, prog)
                        cites += self._treatment_cites(b, cat, s, prog)
                    if cat not in groups[key][0]:
                        groups[key][0].append(cat)
                if diff and _program_kind(kb, prog) in ("assistance", "premium"):
                    cands += self._pair_candidates(a, b, cat, diff, prog)
            if not groups:
                continue
            lines = [
                f"{cats_text(kb, a, cs)}，{situation_text(kb, s, dims)}：{kb.region_name(a)} {ta}，{kb.region_name(b)} {tb}"
                for (ta, tb, _), (cs, s) in groups.items()
            ]
            cats = _dedupe(c for cs, _ in groups.values() for c in cs)
            f = Finding(
                f"divergence:{a}+{b}:{prog}",
                "divergence",
                "warning" if hard else "info",
                [a, b],
                [prog],
                cats,
                f"{kb.region_name(a)}与{kb.region_name(b)}均贯彻{parent}，但{kb.label(prog)}对同一对象的待遇不同"
                + ("" if hard else "（差异均因一方按未入库文件执行，无法核对）")
                + "："
                + "；".join(lines)
                + "。",
                cites,
            )
            # Money that differs first, then a benefit one side pays and the other does not.
            f.candidates = sorted(cands, key=lambda p: 0 if p.relation else 1)
            self.add(f)

    def _treatment_cites(self, region: str, cat: str, s: Situation, prog: str) -> list[str]:
        o = self.search.outcome(region, cat, s, prog)
        out = []
        for r, _, own in o.applicable:
            if own == cat:
                rl = self.kb.rules[r]
                out += [rl.cite] + [p.cite for p in rl.params.values()]
        out += [
            d[4]
            for d in self.kb.delegations
            if d[0] == region and d[1] == prog and covers(self.kb, region, {d[2]}, cat)
        ]
        if o.status == "excluded":
            out.append(self.kb.referral_exclusion.get(region, ""))
        return out

    def _pair_candidates(
        self, a: str, b: str, cat: str, sits: list[Situation], prog: str
    ) -> list[Probe]:
        """The same person and claim in two regions: amounts differ, or one pays and the
        other does not (or cannot say)."""
        out = []
        for s in sits[:4]:
            ea, eb = self._expect(a, cat, s, prog), self._expect(b, cat, s, prog)
            for cost in self.cost_options([a, b], s):
                pr = self.probe(a, (cat,), s, prog, ea, cost)
                pr.contrast = self.contrast(b, (cat,), s, cost)
                pr.contrast_expect = eb
                if ea == eb == ("paid", "bounded", "granted"):
                    pr.expect = pr.contrast_expect = ("paid", "bounded")
                    pr.relation = "ne"
                out.append(pr)
        return out

    def _cross_divergence(self, prog: str, cat: str, regions: list[str]) -> None:
        kb = self.kb
        per: dict[str, set[tuple[Any, ...]]] = {}
        texts: dict[str, list[str]] = {}
        cites: list[str] = []
        for r in regions:
            rules = {
                rule
                for prof, i in self.search.of_region(r)
                if prof.identities == (cat,)
                for rule, _, own in self.search.applicable.get((i, prog), [])
                if own == cat
            }
            if not rules:
                continue
            per[r] = {figures(kb, kb.rules[x]) for x in rules}
            texts[r] = [figures_text(kb, kb.rules[x]) for x in sorted(rules)]
            cites += [kb.rules[x].cite for x in sorted(rules)]
        if len(per) < 2 or len({frozenset(v) for v in per.values()}) < 2:
            return
        msg = (
            f"{kb.label(prog)}对“{kb.categories.get(cat, cat)}”（{cat}）的标准各地不同"
            "（仅供参考：各文件适用于不同地区）："
            + "；".join(f"{kb.region_name(r)} " + " / ".join(_dedupe(texts[r])) for r in per)
            + "。"
        )
        f = Finding(
            f"divergence:{prog}:{cat}", "divergence", "info", list(per), [prog], [cat], msg, cites
        )
        if _program_kind(kb, prog) in ("assistance", "premium"):
            f.candidates = self._cross_candidates(prog, cat, per)
        self.add(f)

    def _cross_candidates(
        self, prog: str, cat: str, per: dict[str, set[tuple[Any, ...]]]
    ) -> list[Probe]:
        """Two regions, one person and claim: both pay, different amounts."""
        out: list[Probe] = []
        fallback: list[Probe] = []
        for a, b in itertools.combinations(list(per), 2):
            if per[a] == per[b]:
                continue
            mine = 0
            for s in self._situations_for([a, b], cat, prog):
                if mine >= 6:
                    break
                ta, tb = self._treatment(a, cat, s, prog), self._treatment(b, cat, s, prog)
                if ta == tb or ta[0] != "eligible" or tb[0] != "eligible":
                    continue
                ea, eb = self._expect(a, cat, s, prog), self._expect(b, cat, s, prog)
                if "unresolved" in ea + eb:
                    # One side states no figure: the difference is paid vs undecided.
                    if len(fallback) < 2:
                        pr = self.probe(a, (cat,), s, prog, ea)
                        pr.contrast = self.contrast(b, (cat,), s)
                        pr.contrast_expect = eb
                        fallback.append(pr)
                    continue
                for cost in self.cost_options([a, b], s):
                    pr = self.probe(a, (cat,), s, prog, ("paid", "bounded"), cost, relation="ne")
                    pr.contrast = self.contrast(b, (cat,), s, cost)
                    pr.contrast_expect = ("paid", "bounded")
                    out.append(pr)
                    mine += 1
        return out + fallback

    # =========================================================================
    # floor
    # =========================================================================
    def floors(self) -> None:
        """Figures outside a bound a parent document in the base sets (none among the five:
        every parent is outside the knowledge base; the comparison is generic)."""
        kb = self.kb
        levels = {"district": 1, "city": 2, "province": 3}
        by_docno = {str(d[1]): r for r, d in kb.documents.items()}
        for child, parent_no, cite in kb.implements:
            parent = by_docno.get(str(parent_no))
            if parent is None or parent == child:
                continue
            if levels.get(str(kb.documents[parent][3]), 0) <= levels.get(
                str(kb.documents[child][3]), 0
            ):
                continue
            for cr, pr, name in floor_violations(kb, child, parent):
                msg = (
                    f"{kb.region_name(child)}文件对{kb.label(cr.program)}规定{_param_name(name)}"
                    f"{param_text(cr.params[name])}，超出上位文件{kb.doc_no(parent)}规定的"
                    f"{param_text(pr.params[name])}。"
                )
                cats = _dedupe(c for c, _ in cr.categories)
                self.add(
                    Finding(
                        f"floor:{child}:{cr.id}:{name}",
                        "floor",
                        "error",
                        [child, parent],
                        [cr.program],
                        cats,
                        msg,
                        [cite, cr.params[name].cite, pr.params[name].cite],
                    )
                )

    # =========================================================================
    # anomaly
    # =========================================================================
    def anomalies(self) -> None:
        for region in self.space.dims:
            if self.space.dims[region].premium:
                self._premium_tiers(region)
            self._order_inversions(region)
        self._monotonicity()

    def _best_rate(
        self, region: str, cat: str, s: Situation, prog: str
    ) -> tuple[int, int, Any] | None:
        """The highest rate the rules paying cat in s allow (lowest, highest, unit)."""
        i = self.search.find(region, cat, s)
        key = (i, cat, prog)
        if key not in self._rates:
            self._rates[key] = self._best_rate_uncached(region, cat, s, prog)
        return self._rates[key]

    def _best_rate_uncached(
        self, region: str, cat: str, s: Situation, prog: str
    ) -> tuple[int, int, Any] | None:
        o = self.search.outcome(region, cat, s, prog)
        if o.status != "eligible":
            return None
        rates = [rate_range(self.kb.rules[r]) for r, _, own in o.applicable if own == cat]
        rs = [x for x in rates if x is not None]
        if not rs:
            return None
        return max(rs, key=lambda x: (x[0], x[1]))

    def _premium_tiers(self, region: str) -> None:
        """Choosing the dearer 二档 should not earn a larger share of subsidy than 一档."""
        kb = self.kb
        t1, t2 = (
            Situation("premium", scheme="resident_tier1"),
            Situation("premium", scheme="resident_tier2"),
        )
        rows = []
        for cat in region_categories(kb, region):
            if _is_sub(kb, region, cat) or not any(
                r == region and c == cat for r, c, _, _ in kb.recognises
            ):
                continue
            r1 = self._best_rate(region, cat, t1, "premium_subsidy")
            r2 = self._best_rate(region, cat, t2, "premium_subsidy")
            if r2 is None:
                continue
            if r1 is None or r2[0] > r1[1]:
                rows.append((cat, r1, r2))
        if not rows:
            return
        cats = [c for c, _, _ in rows]

        def rate(x: tuple[int, int, Any] | None) -> str:
            if x is None:
                return "不资助"
            unit = x[2][1] if isinstance(x[2], tuple) else ""
            lo = f"{x[0]}%" if x[0] == x[1] else f"≥{x[0]}%"
            return f"{lo} {BASE_SHORT.get(unit, unit)}".strip()

        msg = (
            f"{kb.region_name(region)}文件的资助参保对以下对象“参加二档所得资助比例高于参加一档”："
            + "；".join(
                f"{cats_text(kb, region, [c])} 一档{rate(a)}，二档{rate(b)}" for c, a, b in rows
            )
            + "。自愿选择缴费更高的二档反而获得更多资助"
            + _net_note(kb, region, rows)
            + (
                "；文件对二档以一档个人缴费标准为资助基数，似意在“二档不多于一档”，比例的差异可能是疏漏"
                if any(_unit_base(b[2]) == "resident_tier1_contribution" for _, _, b in rows)
                else ""
            )
            + "。"
        )
        cites: list[str] = []
        f = Finding(
            f"anomaly:{region}:premium_subsidy:tier2",
            "anomaly",
            "warning",
            [region],
            ["premium_subsidy"],
            cats,
            msg,
            cites,
        )
        for cat, _, _ in rows:
            for s in (t1, t2):
                o = self.search.outcome(region, cat, s, "premium_subsidy")
                for r, _, own in o.applicable:
                    if own == cat:
                        rl = kb.rules[r]
                        f.cites += [rl.cite, rl.params["rate"].cite]
            f.cites += [
                i.id
                for i in kb.interpretations.values()
                if i.region == region
                and "二档" in i.rationale
                and cat_term(kb, region, cat) in i.rationale
            ]
            pr = self.probe(
                region, (cat,), t2, "premium_subsidy", ("paid", "bounded"), relation="gt"
            )
            pr.contrast = self.contrast(region, (cat,), t1)
            pr.contrast_expect = ("paid", "bounded", "not_eligible")
            f.candidates.append(pr)
        self.add(f)

    def _order_inversions(self, region: str) -> None:
        """A category the document lists earlier (category_order, also medaid's 就高 tie-break)
        getting a lower rate than one listed later, in the same situation."""
        kb = self.kb
        ranked = sorted(
            (c for c in region_categories(kb, region) if (region, c) in kb.category_order),
            key=lambda c: kb.category_order[(region, c)],
        )
        d = self.space.dims[region]
        for prog in _offered(kb, region):
            if _program_kind(kb, prog) not in ("assistance", "premium"):
                continue
            kinds = _kinds(kb, region, prog)
            sits = sorted(
                {x for c in ranked for x in d.situations(c) if x.type in kinds},
                key=Situation.closeness,
            )
            rate: dict[tuple[str, Situation], tuple[int, int, Any] | None] = {}
            for c in ranked:
                for x in sits:
                    rate[(c, x)] = self._best_rate(region, c, x, prog)
            pairs: dict[tuple[str, str], Situation] = {}
            for cat_a, cat_b in itertools.combinations(ranked, 2):
                if kb.category_order[(region, cat_a)] >= kb.category_order[(region, cat_b)]:
                    continue
                for x in sits:
                    ra, rb = rate[(cat_a, x)], rate[(cat_b, x)]
                    if ra is None or rb is None or ra[2] != rb[2]:
                        continue
                    if ra[1] < rb[0]:
                        pairs[(cat_a, cat_b)] = x
                        break
            if not pairs:
                continue
            lines = []
            f = Finding(
                f"anomaly:{region}:{prog}:category_order",
                "anomaly",
                "info",
                [region],
                [prog],
                _dedupe(c for pair in pairs for c in pair),
                "",
                [],
            )
            for (a, b), s in pairs.items():
                ra, rb = self._best_rate(region, a, s, prog), self._best_rate(region, b, s, prog)
                assert ra is not None and rb is not None
                lines.append(
                    f"“{cat_term(kb, region, a)}”（第{kb.category_order[(region, a)]}位）{_pct(ra)} 低于"
                    f"“{cat_term(kb, region, b)}”（第{kb.category_order[(region, b)]}位）{_pct(rb)}"
                    + (
                        ""
                        if s.type == "premium"
                        else f"（{situation_text(kb, s, [self.space.dims[region]])}）"
                    )
                )
                for c in (a, b):
                    o = self.search.outcome(region, c, s, prog)
                    f.cites += [
                        kb.rules[r].params["rate"].cite
                        for r, _, own in o.applicable
                        if own == c and "rate" in kb.rules[r].params
                    ]
                    f.cites += [self.order_cites.get((region, c), "")]
                for cost in self.cost_options([region], s)[:2]:
                    pr = self.probe(region, (a,), s, prog, ("paid", "bounded"), cost, relation="lt")
                    pr.contrast = self.contrast(region, (b,), s, cost)
                    pr.contrast_expect = ("paid", "bounded")
                    f.candidates.append(pr)
            shown = lines[:6]
            f.message = (
                f"{kb.region_name(region)}文件的{kb.label(prog)}中，文件列举在前的对象比例反而低于列举在后的对象："
                + "；".join(shown)
                + (f"；等共{len(lines)}处" if len(lines) > len(shown) else "")
                + "。列举顺序未必表示待遇高低（medaid仅以其在金额相同时确定身份），列出供核对。"
            )
            self.add(f)

    def _monotonicity(self) -> None:
        """Total assistance on one claim must not shrink as the cost grows (all else equal).

        The scan evaluates already-valid cases directly (no parsing, no rendering); a
        drop it finds becomes a finding whose witness is then verified like any other,
        through `evaluate_data`."""
        from reasoner.api import evaluator

        kb = self.kb
        ev = evaluator()
        params = {(k, None): Decimal(v) for k, v in PARAMETERS.items()}
        for region, d in self.space.dims.items():
            # With the other dimensions fixed, one rule's amount min(rate × max(0, self-pay −
            # deductible), cap) never falls as the cost rises, nor does a maximum of such
            # amounts (就高, overlap) or a tilt on what they leave. Only a change in which
            # rules apply can make it fall, and only a cost_over condition changes that with
            # the cost: so only regions with cost thresholds, and only the claim kinds whose
            # programs state one, are scanned — at costs around each threshold.
            if not d.thresholds:
                continue
            kinds = [
                k
                for k in d.kinds
                if any(
                    _functor(c) == "cost_over"
                    for rl in kb.rules.values()
                    if rl.region == region and k in _kinds(kb, region, rl.program)
                    for c, _ in (*rl.conditions, *rl.exclusions)
                )
            ]
            costs = sorted(
                {500_000, 60_000_000}
                | {t + dlt for t in d.thresholds for dlt in (-100_000, 0, 100, 1_000_000)}
            )
            seen: set[tuple[Any, ...]] = set()
            for cat in region_categories(kb, region):
                # Categories paid by the same rules (and delegations) behave alike: test one.
                key = tuple(
                    sorted(
                        (rl.id, c)
                        for rl in kb.rules.values()
                        if rl.region == region and rl.program != "premium_subsidy"
                        for c, _ in rl.categories
                        if covers(kb, region, {c}, cat)
                    )
                ) + tuple(
                    sorted(
                        (p, str(doc))
                        for r, p, c, doc, _ in kb.delegations
                        if r == region and covers(kb, region, {c}, cat)
                    )
                )
                if not key or key in seen:
                    continue
                seen.add(key)
                for kind in kinds:
                    for special in d.specials:
                        s = Situation(
                            kind, level=2 if 2 in d.levels else d.levels[0], special=special
                        )
                        prev: tuple[int, Decimal, Decimal] | None = None
                        for cost in costs:
                            case, claim = self.space._case(Profile(region, (cat,), s), cost)
                            assert claim is not None
                            case = case.model_copy(
                                update={"claims": (claim,), "parameters": params}
                            )
                            try:
                                t = ev.evaluate(case, premium=False).totals()
                            except MedaidError:
                                break
                            lo = t.get("assistance_min", t["assistance"])
                            hi = t.get("assistance_max", t["assistance"])
                            if prev is not None and (lo < prev[1] or hi < prev[2]):
                                self._monotonic_finding(
                                    region, cat, s, prev[0], cost, prev[1:], (lo, hi)
                                )
                                break
                            prev = (cost, lo, hi)

    def _monotonic_finding(
        self,
        region: str,
        cat: str,
        s: Situation,
        c1: int,
        c2: int,
        a1: tuple[Decimal, ...],
        a2: tuple[Decimal, ...],
    ) -> None:
        kb = self.kb
        msg = (
            f"{kb.region_name(region)}：“{cat_term(kb, region, cat)}”{situation_text(kb, replace(s, cost=c1), [self.space.dims[region]])}，"
            f"政策范围内费用由{Decimal(c1) / 100:.0f}元增至{Decimal(c2) / 100:.0f}元时，救助合计反而由{a1[0]:.2f}元降至{a2[0]:.2f}元。"
        )
        f = Finding(
            f"anomaly:{region}:{s.type}:{cat}:monotonic",
            "anomaly",
            "warning",
            [region],
            [],
            [cat],
            msg,
            [],
        )
        pr = self.probe(region, (cat,), s, None, (), c2, relation="lt")
        pr.contrast = self.contrast(region, (cat,), s, c1)
        f.candidates.append(pr)
        self.add(f)

    # =========================================================================
    # approximation
    # =========================================================================
    def approximations(self) -> None:
        kb = self.kb
        groups: dict[tuple[str, str, int], set[tuple[int, int, str, str]]] = defaultdict(set)
        for rl in kb.rules.values():
            for name, p in rl.params.items():
                if p.bound != "approx" or not (
                    isinstance(p.unit, tuple) and p.unit[0] == "percent_of"
                ):
                    continue
                for (yn, year), yp in rl.year_params.items():
                    if yn == name and yp.unit == "fen":
                        groups[(rl.region, p.unit[1], year)].add(
                            (p.value, yp.value, p.cite, yp.cite)
                        )
        for (region, base, year), items in sorted(groups.items()):
            rows = sorted(items)
            implied = [(pct, v, Decimal(v) / 100 / (Decimal(pct) / 100)) for pct, v, _, _ in rows]
            step = _rounding_step([v for _, v, _, _ in rows])
            lo_hi = [
                (
                    (Decimal(v) / 100 - step / 2) / (Decimal(pct) / 100),
                    (Decimal(v) / 100 + step / 2) / (Decimal(pct) / 100),
                )
                for pct, v, _, _ in rows
            ]
            lo, hi = max(x for x, _ in lo_hi), min(y for _, y in lo_hi)
            consistent = lo < hi
            label = kb.externals.get(base, (base, ""))[0]
            parts = [
                f"{pct}%左右（{year}年度暂定{Decimal(v) / 100:.0f}元）推得基数 {b:.0f} 元"
                for pct, v, b in implied
            ]
            spread = max(b for _, _, b in implied) - min(b for _, _, b in implied)
            msg = (
                f"{kb.region_name(region)}文件以{label}的百分比“左右”规定起付标准，并给出{year}年度暂定数："
                + "；".join(parts)
            )
            if len(implied) > 1:
                msg += f"。两者推得的基数相差 {spread:.0f} 元"
                if consistent:
                    msg += (
                        f"；若暂定数按{step:.0f}元取整，{lo:.0f}—{hi:.0f}元之间的同一基数可同时得出这些暂定数"
                        f"（如 {_mid(lo, hi, step):.0f} 元），两者相容"
                    )
                else:
                    msg += f"；即使暂定数按{step:.0f}元取整，也没有同一基数能同时得出这些暂定数，两者不一致"
            msg += f"。medaid在{year}年度使用暂定数，其他年度按百分比乘以案例参数{base}计算。"
            cites = _dedupe([c for _, _, c, _ in rows] + [c for _, _, _, c in rows])
            self.add(
                Finding(
                    f"approximation:{region}:{base}:{year}",
                    "approximation",
                    "info" if consistent else "warning",
                    [region],
                    _dedupe(
                        rl.program
                        for rl in kb.rules.values()
                        if rl.region == region
                        and any(p.bound == "approx" for p in rl.params.values())
                    ),
                    _dedupe(
                        c
                        for rl in kb.rules.values()
                        if rl.region == region
                        and any(p.bound == "approx" for p in rl.params.values())
                        for c, _ in rl.categories
                    ),
                    msg,
                    cites,
                )
            )

    # =========================================================================
    # validity
    # =========================================================================
    def validity(self) -> None:
        kb = self.kb
        today = self.today
        for region, status, cite in kb.doc_status:
            if status == "draft":
                self.add(
                    Finding(
                        f"validity:{region}:draft",
                        "validity",
                        "warning",
                        [region],
                        [],
                        [],
                        f"{kb.region_name(region)}的文件是征求意见稿（{kb.doc_no(region)}），不是正式印发的文件；"
                        "正式文本的标准和施行日期可能不同，medaid的结论只能作参考。",
                        [cite],
                    )
                )
        for region, (_, start, end, cite) in kb.in_force.items():
            if cite in kb.interpretations:
                it = kb.interpretations[cite]
                self.add(
                    Finding(
                        f"validity:{region}:in_force_interpreted",
                        "validity",
                        "info",
                        [region],
                        [],
                        [],
                        f"{kb.region_name(region)}文件的施行期间由medaid推定为{_fmt(start)}起"
                        + ("、未设终止日期" if end >= 99991231 else f"至{_fmt(end)}")
                        + f"（解释「{it.name}」）：{it.rationale}",
                        [cite],
                    )
                )
            s, e = _date(start), (None if end >= 99991231 else _date(end))
            if s > today:
                self.add(
                    Finding(
                        f"validity:{region}:start",
                        "validity",
                        "warning",
                        [region],
                        [],
                        [],
                        f"{kb.region_name(region)}文件自{_fmt(start)}起施行，今天（{today.isoformat()}）尚未生效。",
                        [cite],
                    )
                )
            if e is not None:
                days = (e - today).days
                if days < 0:
                    sev, state = "error", f"已于{_fmt(end)}期满失效（{-days}天前）"
                elif days <= NEAR_END_DAYS:
                    sev, state = (
                        "warning",
                        f"将于{_fmt(end)}期满，距今天（{today.isoformat()}）仅{days}天",
                    )
                else:
                    sev, state = (
                        "info",
                        f"有效期至{_fmt(end)}，距今天（{today.isoformat()}）还有{days}天",
                    )
                self.add(
                    Finding(
                        f"validity:{region}:end",
                        "validity",
                        sev,
                        [region],
                        [],
                        [],
                        f"{kb.region_name(region)}文件{state}；期满后发生的费用medaid不再按本文件计算（案例日期晚于截止日即报错），"
                        "需核实是否已有新文件。",
                        [cite],
                    )
                )
        by_docno = {str(d[1]): r for r, d in kb.documents.items()}
        for region, docno, cite in kb.repeals:
            ref = next((x[1] for x in kb.references if x[0] == region and x[4] == cite), None)
            in_base = by_docno.get(str(docno))
            sev = "warning" if in_base else "info"
            msg = f"{kb.region_name(region)}文件规定{docno}同时废止"
            if in_base:
                msg += f"，而该文件仍在知识库中（{in_base}），其结论不应再用于{_fmt(kb.in_force[region][1])}以后的费用。"
            else:
                msg += f"；该文件不在知识库中，{_fmt(kb.in_force[region][1])}以前发生的费用medaid无法计算（案例日期早于施行日期即报错）。"
            self.add(
                Finding(
                    f"validity:{region}:repeals:{ref or docno}",
                    "validity",
                    sev,
                    [region],
                    [],
                    [],
                    msg,
                    [cite],
                )
            )


# ---------------------------------------------------------------------------
# Small pure helpers
# ---------------------------------------------------------------------------


def floor_violations(kb: KB, child: str, parent: str) -> list[tuple[Rule, Rule, str]]:
    """Child rules whose figure lies outside the bound the parent's rule states for the
    same program and category (same parameter name and unit)."""
    out = []
    for cr in kb.rules.values():
        if cr.region != child:
            continue
        ccats = {c for c, _ in cr.categories}
        for pr in kb.rules.values():
            if pr.region != parent or pr.program != cr.program:
                continue
            if not ccats & {c for c, _ in pr.categories}:
                continue
            for name, pp in pr.params.items():
                cp = cr.params.get(name)
                if cp is not None and outside_bound(pp, cp):
                    out.append((cr, pr, name))
    return out


def outside_bound(parent: Param, child: Param) -> bool:
    """Is the child's figure outside the parent's 不低于/不高于 bound (same unit)?

    An unlimited cap satisfies any floor and breaks any ceiling."""
    if parent.unit != child.unit and child.bound != "unlimited":
        return False
    if parent.bound == "min":
        if child.bound == "unlimited":
            return False
        return child.value < parent.value
    if parent.bound == "max":
        if child.bound == "unlimited":
            return True
        return child.value > parent.value or child.bound == "min"
    return False


def _eval_statuses(st: str) -> tuple[str, ...]:
    """The evaluator's statuses for a rule-base status."""
    return {
        "eligible": ("paid", "bounded", "granted"),
        "not_eligible": ("not_eligible",),
        "excluded": ("excluded",),
        "unresolved": ("unresolved",),
        "absent": ("absent",),
    }[st]


def _overlap_probe(kb: KB, pr: Probe, a: str, b: str) -> Probe:
    """Overlap witnesses: the evaluator pays the larger and excludes the other (reason overlap)."""
    from reasoner.api import evaluate_data
    from reasoner.render import result_json

    try:
        out = result_json(kb, evaluate_data(pr.case))
    except MedaidError:
        return pr
    ba = _benefit(out, pr.claim, a)
    loser, winner = (a, b) if ba["status"] == "excluded" else (b, a)
    pr.program = loser
    pr.expect = ("excluded",)
    pr.reason_code = "overlap"
    pr.also = {winner: ("paid", "bounded")}
    return pr


def _describe(kb: KB, hits: list[Situation], space: list[Situation]) -> str:
    """The dimension values of `hits`, where they are a proper subset of `space`'s."""
    if not hits:
        return ""
    parts = []
    fields: list[tuple[str, Callable[[Situation], Any], Callable[[Any], str]]] = [
        ("type", lambda s: s.type, lambda v: claim_kind_names(kb).get(v, v)),
        ("level", lambda s: s.level, lambda v: f"{v}级医疗机构"),
        ("scope", lambda s: s.scope, lambda v: f"{kb.label(v)}就医"),
        ("referral", lambda s: s.referral, lambda v: kb.label(v)),
        ("special", lambda s: s.special, lambda v: "特殊疾病" if v else "普通疾病"),
        ("cost", lambda s: s.cost, lambda v: f"费用{Decimal(v) / 100:.0f}元"),
        ("attrs", lambda s: s.attrs, lambda v: "、".join(ATTR_ZH[a] for a in v) or "无特殊情形"),
        ("scheme", lambda s: s.scheme, lambda v: f"参加{kb.label(v)}"),
    ]
    for _, get, show in fields:
        vals = {get(s) for s in hits}
        allv = {get(s) for s in space}
        if vals < allv:
            parts.append("或".join(show(v) for v in sorted(vals, key=str)))
    return "，".join(parts) or "所有情形"


def _unit_base(unit: Any) -> str:
    return str(unit[1]) if isinstance(unit, tuple) else str(unit)


def _net_note(
    kb: KB, region: str, rows: list[tuple[str, tuple[int, int, Any] | None, tuple[int, int, Any]]]
) -> str:
    """Where 一档 pays nothing, what the person pays in each tier with the witness figures."""
    c1 = Decimal(PARAMETERS["resident_tier1_contribution"])
    c2 = Decimal(PARAMETERS["resident_tier2_contribution"])
    for cat, r1, r2 in rows:
        if r1 is not None:
            continue
        base = c1 if _unit_base(r2[2]) == "resident_tier1_contribution" else c2
        net2 = c2 - base * r2[0] / 100
        if net2 < c1:
            return (
                f"；如“{cat_term(kb, region, cat)}”以一档{c1:.0f}元、二档{c2:.0f}元计，"
                f"参加一档自付{c1:.0f}元，参加二档只需自付{net2:.0f}元"
            )
    return ""


def _pct(x: tuple[int, int, Any]) -> str:
    return f"{x[0]}%" if x[0] == x[1] else f"≥{x[0]}%"


def _param_name(name: str) -> str:
    return {
        "deductible": "起付标准",
        "rate": "救助比例",
        "cap": "年度限额",
        "threshold": "起点",
    }.get(name, name)


def _rounding_step(values_fen: list[int]) -> Decimal:
    """The coarsest power of ten (元) that divides every stated figure: its rounding step."""
    step = Decimal(1)
    while all((Decimal(v) / 100) % (step * 10) == 0 for v in values_fen) and step < 10000:
        step *= 10
    return step


def _mid(lo: Decimal, hi: Decimal, step: Decimal) -> Decimal:
    m = (lo + hi) / 2
    return (m / step).quantize(Decimal(1)) * step


def _fmt(ymd: int) -> str:
    return f"{ymd // 10000}年{ymd // 100 % 100}月{ymd % 100}日"


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def run_checks(
    kb: KB,
    regions: Iterable[str] = (),
    kinds: Iterable[str] = (),
    today: dt.date | None = None,
) -> list[Finding]:
    """All findings (filtered by region and kind when given)."""
    findings = Checker(kb, today).run(kinds)
    rs, ks = set(regions), set(kinds)
    return [f for f in findings if (not rs or rs & set(f.regions)) and (not ks or f.kind in ks)]


def findings_json(kb: KB, findings: list[Finding]) -> dict[str, Any]:
    return {"findings": [f.json(kb) for f in findings]}


def failing(findings: list[Finding], fail_on: str | None) -> bool:
    """Does any finding reach the --fail-on severity?"""
    if fail_on is None:
        return False
    worst = SEVERITIES.index(fail_on)
    return any(SEVERITIES.index(f.severity) <= worst for f in findings)


def findings_text(kb: KB, findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    lines = [
        f"一致性检查：共 {len(findings)} 项发现（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}）"
    ]
    for kind in KINDS:
        mine = [f for f in findings if f.kind == kind]
        if not mine:
            continue
        lines.append("")
        lines.append(f"== {KIND_ZH[kind]}（{kind}）：{len(mine)} 项 ==")
        for f in mine:
            lines.append(f"[{SEVERITY_ZH[f.severity]}] {f.id}")
            lines.append(f"  {f.message}")
            for c in f.cites[:6]:
                rec = kb.cite(c)
                where = f"{rec['document']} {rec['clause']}".strip()
                if "interpretation" in rec:
                    lines.append(f"  依据：{where} 解释「{rec['interpretation']['name']}」")
                elif rec["quote"]:
                    lines.append(f"  依据：{where}「{rec['quote']}」")
            if len(f.cites) > 6:
                lines.append(f"  （另有 {len(f.cites) - 6} 处依据，见 --format json）")
            if f.probe is not None:
                lines.append(
                    "  例证：已用 medaid eval 验证（案例见 --format json 的 witness"
                    + ("、contrast" if f.probe.contrast is not None else "")
                    + "）"
                )
            elif f.witness_note:
                lines.append(f"  例证：{f.witness_note}")
    return "\n".join(lines)
