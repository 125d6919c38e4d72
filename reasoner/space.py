"""The profile space: every situation a region's rules can tell apart.

`DIMENSIONS` describes once each claim dimension a condition can read (hospital level,
place, referral, special disease, cost, age, disability, 需院外维持治疗, scheme): eval's claim
facts, the audit's decision tables and SQL keys, and the profiles and witnesses of `check`
all follow from it. A profile is one identity × claim kind × the values its region's rules
tell apart, or the premium pseudo-claim per scheme; a dimension a region's rules never
mention (e.g. hospital level in 沧州) is held at one value for that region. Comparisons
between regions project a situation onto each region's own dimensions. `Space` turns a
profile into the evaluator's own facts and into a `medaid eval` case (a witness).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from reasoner.case import Case, NClaim, NIdentity
from reasoner.engine import Fact
from reasoner.knowledge import KB, REGIONS
from reasoner.vocab import Vocab

# The claim kinds, hospital levels, scopes, referrals and schemes the space enumerates are
# the ontology's (kb.vocab), read with the kb: none is spelled here.
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
# The plain situation's policy-scope cost (fen): the witness a cost condition does not change.
PLAIN_COST = 2_000_000
# Basic insurance pays 40% of a witness claim's policy-scope cost: self-pay 60%.
BASIC_SHARE = Decimal("0.4")

# ---------------------------------------------------------------------------
# The dimensions: what a rule's condition can read from a claim or its person
# ---------------------------------------------------------------------------

# How a dimension is keyed in the audit's decision tables: by its exact value, as a flag,
# or by how many of the values its conditions are stated with it meets (value > t,
# value >= t, value <= t): a claim's outcome can differ only between those counts.
VALUE, FLAG, OVER, AT_LEAST, AT_MOST = "value", "flag", "over", "at_least", "at_most"
COMPARE = {OVER: ">", AT_LEAST: ">=", AT_MOST: "<="}


@dataclass(frozen=True)
class Reading:
    """What a condition reads: the person, the claim (None: the premium row) and the day."""

    case: Case
    claim: NClaim | None
    on: dt.date
    special: bool = False
    kb: KB | None = None


@dataclass(frozen=True)
class Witness:
    """How a witness case states the dimension as an attribute met by every threshold
    of its region: the case field (`person.x` or `claim.x`, named alike in a case file and
    the normalised case) and its value from the thresholds and the claim day."""

    field: str
    value: Callable[[list[int], dt.date], Any]


@dataclass(frozen=True)
class Dimension:
    """One claim dimension, from which the profile space, the decision tables, the audit's
    SQL keys, the evaluator's claim facts and the witnesses of `check` all follow."""

    name: str  # the key: profile and SQL column, threshold kind, check attribute
    conditions: tuple[str, ...]  # the cond/2 kinds of kb/core/rules.pl that read it
    fact: str  # the case fact they read; a flag's has arity 1
    key: str  # VALUE, FLAG, OVER, AT_LEAST or AT_MOST
    read: Callable[[Reading], Any]  # the value in eval (None: no fact)
    sql: str  # the same value in the audit: an expression over the row {row}
    domain: str = ""  # VALUE: the ontology's domain (kb.vocab.ids) the profile space enumerates
    unstated: tuple[Any, ...] = ()  # VALUE: after the domain's ids, the key of "none stated"
    pinned: Any = 0  # the key of a row whose rules do not read the dimension
    fact_pinned: Any = None  # the fact's value for the pinned key (None: no fact)
    claims_only: bool = False  # not a dimension of the premium row
    every_claim: bool = False  # enumerated for every claim, read or not (scope, referral)
    witness: Witness | None = None  # an attribute `check` states or leaves out

    def values(self, vocab: Vocab) -> tuple[Any, ...]:
        """VALUE: every value the profile space enumerates."""
        return (*(vocab.ids(self.domain) if self.domain else ()), *self.unstated)


def _age(r: Reading) -> int | None:
    born, on = r.case.birth_date, r.on
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _disability(r: Reading) -> int | None:
    """The stated grade, or a better one an identity held on the day certifies."""
    grade = r.case.disability_grade
    if r.claim is None or r.kb is None:
        return grade
    from reasoner.facts import implied_disability  # the claim facts build on this module

    implied = implied_disability(r.kb, r.case, r.on)
    return implied if implied is not None and (grade is None or implied < grade) else grade


def _claim(r: Reading) -> NClaim:
    assert r.claim is not None
    return r.claim


# The one place a condition kind is taught to Python (besides its cond/2 clause in
# kb/core/rules.pl): which dimension it reads, and how.
DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "level",
        ("level_min", "level_max"),
        "claim_level",
        VALUE,
        lambda r: _claim(r).level,
        "{row}.level",
        domain="level",
        fact_pinned=1,
        claims_only=True,
    ),
    Dimension(
        "scope",
        ("within",),
        "claim_scope",
        VALUE,
        lambda r: _claim(r).scope,
        "{row}.scope",
        domain="scope",
        pinned="",
        claims_only=True,
        every_claim=True,
    ),
    Dimension(
        "referral",
        ("referral", "properly_referred"),
        "claim_referral",
        VALUE,
        lambda r: _claim(r).referral,
        "{row}.referral",
        domain="referral_kind",
        pinned="",
        claims_only=True,
        every_claim=True,
    ),
    Dimension(
        "special",
        ("special_disease", "ordinary_disease"),
        "claim_special",
        FLAG,
        lambda r: r.special,
        "{row}.special",
        pinned=False,
        claims_only=True,
    ),
    Dimension(
        "cost",
        ("cost_over",),
        "claim_cost",
        OVER,
        lambda r: int(_claim(r).policy_scope_cost * 100),
        "{row}.cost",
        fact_pinned=0,
        claims_only=True,
    ),
    Dimension(
        "age",
        ("age_min",),
        "claim_age",
        AT_LEAST,
        _age,
        "{row}.age",
        witness=Witness(
            "person.birth_date", lambda t, day: dt.date(day.year - max(t, default=80) - 5, 1, 1)
        ),
    ),
    Dimension(
        "disability",
        ("disability_max",),
        "claim_disability",
        AT_MOST,
        _disability,
        "{row}.dis",
        witness=Witness("person.disability_grade", lambda t, day: 1),
    ),
    Dimension(
        "maintenance",
        ("maintenance",),
        "claim_maintenance",
        FLAG,
        lambda r: r.case.needs_maintenance_treatment,
        "{row}.maint",
        pinned=False,
        witness=Witness("person.needs_maintenance_treatment", lambda t, day: True),
    ),
    Dimension(
        "scheme",
        ("scheme",),
        "claim_scheme",
        VALUE,
        lambda r: r.case.scheme,
        "coalesce({row}.scheme, 'none')",
        domain="scheme",
        unstated=("none",),
        pinned="none",
    ),
)


def dimension(name: str) -> Dimension:
    return next(d for d in DIMENSIONS if d.name == name)


def condition_dimension() -> dict[str, str]:
    """Every condition kind of kb/core/rules.pl (cond/2) and the dimension it reads."""
    return {k: d.name for d in DIMENSIONS for k in d.conditions}


def attributes() -> dict[str, Dimension]:
    """The dimensions `check` states as attributes of a witness (met or left out)."""
    return {d.name: d for d in DIMENSIONS if d.witness is not None}


def dimension_facts(r: Reading, c: int) -> list[Fact]:
    """The case facts the conditions read, for claim (or premium row) number c."""
    f: list[Fact] = []
    for d in DIMENSIONS:
        if d.claims_only and r.claim is None:
            continue
        v = d.read(r)
        if d.key == FLAG:
            if v:
                f.append((d.fact, c))
        elif v is not None:
            f.append((d.fact, c, v))
    return f


def key_fact(d: Dimension, c: int, key: Any, thresholds: list[int]) -> Fact | None:
    """The fact of a claim whose key for d is `key`: a value meeting exactly `key`
    thresholds for a counted dimension."""
    if d.key == FLAG:
        return (d.fact, c) if key else None
    v = d.fact_pinned if key == d.pinned else key
    if d.key in COMPARE and key:
        t, n = thresholds, len(thresholds)
        if d.key == OVER:
            v = t[key - 1] + 1
        elif d.key == AT_LEAST:
            v = t[key - 1]
        else:  # the `key` largest thresholds
            v = (t[n - key - 1] if key < n else 0) + 1
    return None if v is None else (d.fact, c, v)


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
    """The dimensions the conditions read; a condition kind unknown here is an error."""
    known = condition_dimension()
    heads = {functor(c) for c in conds}
    unknown = heads - set(known)
    if unknown:
        raise RuntimeError(
            f"profile space: condition {sorted(unknown)} is not a dimension "
            "(add it to DIMENSIONS in reasoner/space.py)"
        )
    return {known[h] for h in heads}


def stated(conds: Any, d: Dimension) -> list[int]:
    """Every value the conditions state d's condition kinds with (its thresholds)."""
    return sorted({int(c[1]) for c in conds if isinstance(c, tuple) and c[0] in d.conditions})


def thresholds(kb: KB, name: str) -> list[int]:
    """Every value a condition kind (cost_over, age_min, disability_max) is stated with."""
    return stated(all_conditions(kb), next(d for d in DIMENSIONS if name in d.conditions))


def all_conditions(kb: KB) -> list[Any]:
    return [c for rule in kb.rules.values() for c, _ in (*rule.conditions, *rule.exclusions)]


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
    cost: int = PLAIN_COST  # policy-scope cost in fen
    attrs: tuple[str, ...] = ()
    scheme: str = "resident_tier1"
    # The scheme's place in the ontology's order (0: the plain default's): the premium rows'
    # closeness, not part of what the situation is (premium_situation sets it).
    scheme_rank: int = field(default=0, compare=False)
    # Situations key the search's tables some 10⁵ times per run: hash and sort key once.
    _hash: int = field(default=0, init=False, repr=False, compare=False)
    _close: tuple[Any, ...] = field(default=(), init=False, repr=False, compare=False)
    _fields: tuple[Any, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fields: tuple[Any, ...] = (self.type, self.level, self.scope, self.referral)
        fields += (self.special, self.cost, self.attrs, self.scheme)
        object.__setattr__(self, "_hash", hash(fields))
        object.__setattr__(self, "_fields", fields)
        # Nearest the plain default first (simple witnesses); the fields break ties, so the
        # order never depends on set iteration.
        near = (
            self.attrs != (),
            self.special,
            self.referral != "referred",
            self.scope != "in_city",
            abs(self.level - 2),
            self.cost != PLAIN_COST,
            self.scheme_rank,
        )
        object.__setattr__(self, "_close", near + fields)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Situation) and self._fields == other._fields)

    def closeness(self) -> tuple[Any, ...]:
        """Sort key: situations nearest the plain default first (simple witnesses)."""
        return self._close


def premium_situation(vocab: Vocab, scheme: str) -> Situation:
    """The yearly premium pseudo-claim of a person insured under `scheme`."""
    rank = vocab.ids("scheme").index(scheme)
    return Situation(vocab.premium_kind, scheme=scheme, scheme_rank=rank)


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
    attr_thresholds: dict[str, list[int]]  # attribute → the values the region states it with
    vocab: Vocab = field(repr=False)
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
            for sch in self.vocab.scheme_ids:
                yield premium_situation(self.vocab, sch)

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
        if s.type == self.vocab.premium_kind:
            return premium_situation(self.vocab, s.scheme)
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


# The dimensions a Situation holds as its own fields; any other is an attribute.
SITUATION_FIELDS = ("level", "scope", "referral", "special", "cost", "scheme")


def dimensions(kb: KB, region: str) -> Dims:
    """What the region's rules distinguish: the dimensions `check` enumerates for it."""
    rules = [r for r in kb.rules.values() if r.region == region]
    conds = [c for r in rules for c, _ in (*r.conditions, *r.exclusions)]
    dims = condition_dimensions(set(conds))
    attrs = attributes()
    unstated = dims - set(SITUATION_FIELDS) - set(attrs)
    if unstated:
        raise RuntimeError(f"profile space: dimension {sorted(unstated)} has no witness")
    thresholds = tuple(stated(conds, dimension("cost")))
    costs: tuple[int, ...] = (PLAIN_COST,)
    if thresholds:
        # One cost inside each interval the thresholds cut (20000 and 40000 元 for 3万).
        pts = [thresholds[0] - 1_000_000] + [t + 1_000_000 for t in thresholds]
        costs = tuple(sorted({max(100, p) for p in pts}))
    referral_rule = region in kb.referral_exclusion
    kind_of = condition_dimension()
    attr_kinds: dict[str, set[str]] = defaultdict(set)
    for r in rules:
        for c, _ in (*r.conditions, *r.exclusions):
            if kind_of[functor(c)] in attrs:
                for cat, _ in r.categories:
                    attr_kinds[cat].add(kind_of[functor(c)])
                    for rr, sub, sup, _ in kb.subkinds:
                        if rr == region and sup == cat:
                            attr_kinds[sub].add(kind_of[functor(c)])
    v = kb.vocab
    kinds = tuple(
        k for k in v.claim_types if any(r == region and t == k for r, _, t, _ in kb.program_for)
    )
    return Dims(
        region=region,
        kinds=kinds,
        premium=any(r == region and t == v.premium_kind for r, _, t, _ in kb.program_for),
        levels=dimension("level").values(v) if "level" in dims else (2,),
        scopes=dimension("scope").values(v) if "scope" in dims or referral_rule else ("in_city",),
        referrals=(
            dimension("referral").values(v)
            if "referral" in dims or referral_rule
            else ("referred",)
        ),
        specials=(False, True) if "special" in dims else (False,),
        thresholds=thresholds,
        costs=costs,
        attr_kinds={k: tuple(sorted(v)) for k, v in attr_kinds.items()},
        attr_thresholds={a: stated(conds, d) for a, d in attrs.items()},
        vocab=v,
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

    def _stated(self, p: Profile) -> dict[str, dict[str, Any]]:
        """The case fields the situation's attributes set (person.x, claim.x)."""
        out: dict[str, dict[str, Any]] = {"person": {}, "claim": {}}
        attrs = attributes()
        thr = self.dims[p.region].attr_thresholds
        for a in p.situation.attrs:
            w = attrs[a].witness
            assert w is not None
            part, name = w.field.split(".")
            out[part][name] = w.value(thr.get(a, []), self.date)
        return out

    def _case(self, p: Profile, cost: int | None = None) -> tuple[Case, NClaim | None]:
        s = p.situation
        idents = tuple(
            NIdentity.model_construct(category=c, since=IDENTITY_SINCE, until=OPEN_END, given_as=c)
            for c in p.identities
        )
        given = self._stated(p)
        person: dict[str, Any] = {
            "birth_date": None,
            "disability_grade": None,
            "needs_maintenance_treatment": False,
            **given["person"],
        }
        case = Case.model_construct(
            region=p.region,
            person_id="w",
            scheme=s.scheme,
            identities=idents,
            parameters={},
            claims=(),
            year=self.date.year,
            **person,
        )
        if s.type == "premium":
            return case, None
        total, basic = self.claim_cost(s, cost)
        claim = NClaim.model_construct(
            index=1,
            id="c1",
            type=s.type,
            date=self.date,
            disease=None,
            special_disease=s.special,
            level=s.level,
            scope=s.scope,
            referral=s.referral,
            policy_scope_cost=total,
            basic_insurance_paid=basic,
            critical_illness_paid=Decimal(0),
            supplementary_paid=Decimal(0),
            **{"discharge": self.date + dt.timedelta(days=9), **given["claim"]},
        )
        return case, claim

    def facts(self, p: Profile, index: int) -> list[Fact]:
        """The evaluator's own facts for the profile (claim_facts/premium_facts), re-indexed."""
        from reasoner.facts import claim_facts, premium_facts  # they build on this module

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
        given = {
            part: {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in fields.items()}
            for part, fields in self._stated(p).items()
        }
        person: dict[str, Any] = {
            "id": "w",
            "identities": [
                {"category": c, "since": IDENTITY_SINCE.isoformat()} for c in p.identities
            ],
            "insurance": {"scheme": s.scheme},
            **given["person"],
        }
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
                **given["claim"],
            }
            case["claims"] = [claim]
        return case
