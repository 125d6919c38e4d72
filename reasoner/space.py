"""The profile space: every situation a region's rules can tell apart.

A profile is one identity × claim kind × hospital level × place × referral ×
special/ordinary disease × cost below/above each threshold × person attributes, or
the premium pseudo-claim per scheme. A dimension a region's rules never mention
(e.g. hospital level in 沧州) is held at one value for that region: its statuses
cannot depend on it. Comparisons between regions project a situation onto each
region's own dimensions. `Space` turns a profile into the evaluator's own facts
and into a `medaid eval` case (a witness).

The audit's decision tables (reasoner/decision.py) read the same dimensions per
claim type instead (`profile_batch`): one pseudo-claim holding every category at
once per combination of the values its rules read.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from reasoner.case import Case, NClaim, NIdentity
from reasoner.engine import Fact
from reasoner.evaluate import claim_facts, premium_facts
from reasoner.knowledge import KB, REGIONS

CLAIM_KINDS = ("outpatient", "chronic_outpatient", "inpatient")
# Claim kinds plus the premium pseudo-claim (one per person and year).
ALL_TYPES = (*CLAIM_KINDS, "premium")
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

# Every condition kind of kb/core/rules.pl (cond/2) and the claim dimension it reads: the
# one place a new condition kind is taught to the profile space. Scope and referral are
# dimensions of every claim.
CONDITION_DIMENSION = {
    "level_min": "level",
    "level_max": "level",
    "special_disease": "special",
    "ordinary_disease": "special",
    "cost_over": "cost",
    "age_min": "age",
    "disability_max": "disability",
    "maintenance": "maintenance",
    "scheme": "scheme",
    "within": "scope",
    "referral": "referral",
    "properly_referred": "referral",
}
# Person attributes a rule may require, and how a witness case states them.
ATTRS = {c: d for c, d in CONDITION_DIMENSION.items() if d in ("age", "disability", "maintenance")}


def functor(cond: Any) -> str:
    return str(cond[0] if isinstance(cond, tuple) else cond)


def conditions(kb: KB, region: str, ctype: str | None = None) -> set[Any]:
    """The conditions and exclusions of the region's rules (of the programs serving ctype)."""
    progs = {p for r, p, k, _ in kb.program_for if r == region and ctype in (None, k)}
    out: set[Any] = set()
    for rule in kb.rules.values():
        if rule.region == region and rule.program in progs:
            out.update(c for c, _ in (*rule.conditions, *rule.exclusions))
    return out


def condition_dimensions(conds: set[Any]) -> set[str]:
    """The claim dimensions the conditions read; a condition kind unknown here is an error."""
    heads = {functor(c) for c in conds}
    unknown = heads - set(CONDITION_DIMENSION)
    if unknown:
        raise RuntimeError(
            f"profile space: condition {sorted(unknown)} is not a dimension "
            "(add it to CONDITION_DIMENSION in reasoner/space.py)"
        )
    return {CONDITION_DIMENSION[h] for h in heads}


def thresholds(kb: KB, name: str) -> list[int]:
    """Every value a condition kind (cost_over, age_min, disability_max) is stated with."""
    vals: set[int] = set()
    for rule in kb.rules.values():
        for c, _ in (*rule.conditions, *rule.exclusions):
            if isinstance(c, tuple) and c[0] == name:
                vals.add(int(c[1]))
    return sorted(vals)


def region_categories(kb: KB, region: str) -> list[str]:
    """Every category the region's document names (recognised, ordered, in a rule, delegated,
    a subkind or what it is a subkind of), in the document's order."""
    cats = {c for r, c, _, _ in kb.recognises if r == region}
    cats |= {c for r, c in kb.category_order if r == region}
    cats |= {c for rl in kb.rules.values() if rl.region == region for c, _ in rl.categories}
    cats |= {c for r, _, c, _, _ in kb.delegations if r == region}
    cats |= {x for r, s, sup, _ in kb.subkinds if r == region for x in (s, sup)}
    return sorted(cats, key=lambda c: (kb.category_order.get((region, c), 999), c))


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
    # Situations key the search's tables some 10⁵ times per run: hash and sort key once.
    _hash: int = field(default=0, init=False, repr=False, compare=False)
    _close: tuple[Any, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fields: tuple[Any, ...] = (self.type, self.level, self.scope, self.referral)
        fields += (self.special, self.cost, self.attrs, self.scheme)
        object.__setattr__(self, "_hash", hash(fields))
        # Nearest the plain default first (simple witnesses); the fields break ties, so the
        # order never depends on set iteration.
        near = (
            self.attrs != (),
            self.special,
            self.referral != "referred",
            self.scope != "in_city",
            abs(self.level - 2),
            self.cost != 2_000_000,
            SCHEMES.index(self.scheme),
        )
        object.__setattr__(self, "_close", near + fields)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        # _close ends with every field, so equal keys are equal situations.
        return self is other or (isinstance(other, Situation) and self._close == other._close)

    def closeness(self) -> tuple[Any, ...]:
        """Sort key: situations nearest the plain default first (simple witnesses)."""
        return self._close


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
    _situations: dict[str, tuple[Situation, ...]] = field(default_factory=dict, repr=False)

    def attr_variants(self, cat: str) -> list[tuple[str, ...]]:
        kinds = self.attr_kinds.get(cat, ())
        return [c for n in range(len(kinds) + 1) for c in itertools.combinations(kinds, n)]

    def situations(self, cat: str) -> tuple[Situation, ...]:
        """Every situation the region's rules tell apart for the category."""
        if cat not in self._situations:
            self._situations[cat] = tuple(self._enumerate(cat))
        return self._situations[cat]

    def _enumerate(self, cat: str) -> Iterator[Situation]:
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

    @cached_property
    def _cost_of_class(self) -> dict[tuple[bool, ...], int]:
        out: dict[tuple[bool, ...], int] = {}
        for c in self.costs:
            out.setdefault(self.cost_class(c), c)
        return out

    def cost_class(self, cost: int) -> tuple[bool, ...]:
        return tuple(cost > t for t in self.thresholds)

    def project(self, cat: str, s: Situation) -> Situation:
        """The situation this region's rules cannot tell apart from s."""
        d = Situation(s.type)
        if s.type == "premium":
            return Situation("premium", scheme=s.scheme)
        cost = self._cost_of_class.get(self.cost_class(s.cost), d.cost)
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


def dimensions(kb: KB, region: str) -> Dims:
    """What the region's rules distinguish: the dimensions `check` enumerates for it."""
    rules = [r for r in kb.rules.values() if r.region == region]
    conds = [c for r in rules for c, _ in (*r.conditions, *r.exclusions)]
    dims = condition_dimensions(set(conds))
    thresholds = tuple(sorted({c[1] for c in conds if functor(c) == "cost_over"}))
    costs: tuple[int, ...] = (Situation("inpatient").cost,)
    if thresholds:
        # One cost inside each interval the thresholds cut (20000 and 40000 元 for 3万).
        pts = [thresholds[0] - 1_000_000] + [t + 1_000_000 for t in thresholds]
        costs = tuple(sorted({max(100, p) for p in pts}))
    referral_rule = region in kb.referral_exclusion
    attr_kinds: dict[str, set[str]] = defaultdict(set)
    ages = [c[1] for c in conds if functor(c) == "age_min"]
    for r in rules:
        for c, _ in (*r.conditions, *r.exclusions):
            if functor(c) in ATTRS:
                for cat, _ in r.categories:
                    attr_kinds[cat].add(ATTRS[functor(c)])
                    for rr, sub, sup, _ in kb.subkinds:
                        if rr == region and sup == cat:
                            attr_kinds[sub].add(ATTRS[functor(c)])
    kinds = tuple(
        k for k in CLAIM_KINDS if any(r == region and t == k for r, _, t, _ in kb.program_for)
    )
    return Dims(
        region=region,
        kinds=kinds,
        premium=any(r == region and t == "premium" for r, _, t, _ in kb.program_for),
        levels=LEVELS if "level" in dims else (2,),
        scopes=SCOPES if "scope" in dims or referral_rule else ("in_city",),
        referrals=REFERRALS if "referral" in dims or referral_rule else ("referred",),
        specials=(False, True) if "special" in dims else (False,),
        thresholds=thresholds,
        costs=costs,
        attr_kinds={k: tuple(sorted(v)) for k, v in attr_kinds.items()},
        ages=max(ages, default=80) + 5,
    )


def search_date(kb: KB) -> dt.date:
    """A day every document is in force on (so one batch serves all regions)."""
    starts = [v[1] for v in kb.in_force.values()] or [20250101]
    ends = [v[2] for v in kb.in_force.values()] or [99991231]
    lo, hi = max(starts), min(ends)
    d = ymd_date(lo)
    june = dt.date(d.year, 6, 1)
    if lo <= _ymd(june) <= hi:
        return june
    return d


def ymd_date(ymd: int) -> dt.date:
    return dt.date(ymd // 10000, ymd // 100 % 100, ymd % 100)


def _ymd(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


class Space:
    """Builds profiles as the evaluator would see them: facts and witness cases."""

    def __init__(self, kb: KB, date: dt.date) -> None:
        self.kb = kb
        self.date = date
        self.dims = {r: dimensions(kb, r) for r in REGIONS if r in kb.documents}

    def profiles(self) -> list[Profile]:
        """Every single-identity profile of every region: what `check` searches."""
        return [
            Profile(region, (cat,), s)
            for region, d in self.dims.items()
            for cat in region_categories(self.kb, region)
            for s in d.situations(cat)
        ]

    def batch(self, profiles: list[Profile]) -> list[Fact]:
        """The profiles' facts in one batch, the i-th profile as claim i + 1."""
        facts: list[Fact] = []
        for i, p in enumerate(profiles):
            facts += self.facts(p, i + 1)
        return facts

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


# ---------------------------------------------------------------------------
# The audit's profile space: one pseudo-claim per region, claim type and value of each
# dimension some rule for that claim type reads, holding every category at once
# ---------------------------------------------------------------------------

PROFILE_BASE = 1


@dataclass
class Relevance:
    level: bool
    special: bool
    cost: bool
    age: bool
    dis: bool
    maint: bool
    scheme: bool


def _bucket_values(thresholds: list[int]) -> list[int]:
    return list(range(len(thresholds) + 1))


PROFILE_COLUMNS = (
    "profile_id",
    "region",
    "ctype",
    "level",
    "scope",
    "referral",
    "special",
    "cost_b",
    "age_b",
    "dis_b",
    "maint",
    "scheme",
)
RELEVANCE = ("level", "special", "cost", "age", "dis", "maint", "scheme")


@dataclass
class ProfileBatch:
    """Every profile as one all-categories pseudo-claim: its facts and its table rows."""

    facts: list[Fact]
    profiles: dict[str, list[Any]]
    relevance: dict[str, list[Any]]
    region_of: dict[int, str]
    cost_t: list[int]
    age_t: list[int]
    dis_t: list[int]


def relevance(kb: KB, region: str, ctype: str) -> Relevance:
    """The dimensions some rule of a program offered for (region, ctype) reads."""
    dims = condition_dimensions(conditions(kb, region, ctype))
    premium = ctype == "premium"
    return Relevance(
        level="level" in dims and not premium,
        special="special" in dims and not premium,
        cost="cost" in dims and not premium,
        age="age" in dims,
        dis="disability" in dims,
        maint="maintenance" in dims,
        scheme="scheme" in dims,
    )


def profile_batch(kb: KB) -> ProfileBatch:
    """The audit's profile space (region × claim type × the dimensions relevant to it)."""
    b = ProfileBatch(
        [],
        {k: [] for k in PROFILE_COLUMNS},
        {k: [] for k in ("region", "ctype", *(f"r_{x}" for x in RELEVANCE))},
        {},
        thresholds(kb, "cost_over"),
        thresholds(kb, "age_min"),
        thresholds(kb, "disability_max"),
    )
    pid = PROFILE_BASE
    for region in kb.documents:
        cats = region_categories(kb, region)
        start = kb.in_force[region][1] if region in kb.in_force else 20250101
        day = dt.date(start // 10000, start // 100 % 100, start % 100)
        for ctype in ALL_TYPES:
            rel = relevance(kb, region, ctype)
            b.relevance["region"].append(region)
            b.relevance["ctype"].append(ctype)
            for k in RELEVANCE:
                b.relevance[f"r_{k}"].append(getattr(rel, k))
            premium = ctype == "premium"
            dims = itertools.product(
                LEVELS if rel.level else (0,),
                ("",) if premium else SCOPES,
                ("",) if premium else REFERRALS,
                (False, True) if rel.special else (False,),
                _bucket_values(b.cost_t) if rel.cost else (0,),
                _bucket_values(b.age_t) if rel.age else (0,),
                _bucket_values(b.dis_t) if rel.dis else (0,),
                (False, True) if rel.maint else (False,),
                (*SCHEMES, "none") if rel.scheme else ("none",),
            )
            for key in dims:
                b.region_of[pid] = region
                for k, v in zip(PROFILE_COLUMNS, (pid, region, ctype, *key), strict=True):
                    b.profiles[k].append(v)
                b.facts += _profile_facts(b, pid, region, ctype, day, cats, key)
                pid += 1
    return b


def _profile_facts(
    b: ProfileBatch,
    c: int,
    region: str,
    ctype: str,
    day: dt.date,
    cats: list[str],
    key: tuple[Any, ...],
) -> list[Fact]:
    level, scope, referral, special, cost_b, age_b, dis_b, maint, scheme = key
    f: list[Fact] = [("claim", c), ("claim_region", c, region), ("claim_type", c, ctype)]
    if ctype == "premium":
        y = day.year
        f += [("claim_date", c, y * 10000 + 101), ("claim_discharge", c, y * 10000 + 1231)]
    else:
        f += [
            ("claim_date", c, _ymd(day)),
            ("claim_discharge", c, _ymd(day)),
            ("claim_level", c, level or 1),
            ("claim_scope", c, scope),
            ("claim_referral", c, referral),
            ("claim_cost", c, 0 if cost_b == 0 else b.cost_t[cost_b - 1] + 1),
        ]
        if special:
            f.append(("claim_special", c))
    if age_b:
        f.append(("claim_age", c, b.age_t[age_b - 1]))
    if dis_b:
        f.append(("claim_disability", c, _dis_value(b.dis_t, dis_b)))
    if maint:
        f.append(("claim_maintenance", c))
    if scheme != "none":
        f.append(("claim_scheme", c, scheme))
    for cat in cats:
        f.append(("claim_identity", c, cat, 19000101, 99991231, 99991231, 19000101))
    return f


def _dis_value(thresholds: list[int], bucket: int) -> int:
    """A disability grade meeting exactly the `bucket` largest disability_max thresholds."""
    below = thresholds[len(thresholds) - bucket - 1] if bucket < len(thresholds) else 0
    return below + 1
