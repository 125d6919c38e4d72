"""The audit's SQL plan: eligibility, premiums and missing parameters.

Each constant is a script of DuckDB statements run in order on one connection by
:class:`reasoner.audit.Auditor` after validation (reasoner.audit_validation); case data
reaches them only as registered Arrow relations. A comment above each table says what it holds.
"""

from __future__ import annotations

from typing import Any, cast

import pyarrow as pa

from reasoner import space
from reasoner.case import Case
from reasoner.knowledge import KB
from reasoner.params import Params, figure_key, is_open, open_deductible_key

# ---------------------------------------------------------------------------
# SQL: eligibility from the decision tables
# ---------------------------------------------------------------------------


def _literal(v: Any) -> str:
    """A pinned key of reasoner/space.py as SQL (a constant of the description, never case data)."""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def _dims(premium: bool) -> list[space.Dimension]:
    return [d for d in space.DIMENSIONS if not (premium and d.claims_only)]


def _met(d: space.Dimension, v: str, thresholds: dict[str, list[int]] | None) -> str:
    """How many of the dimension's thresholds the value meets (NULL meets none)."""
    if thresholds is None:
        return (
            f"(SELECT count(*) FROM thresholds t WHERE t.kind = {_literal(d.name)} "
            f"AND {v} {space.COMPARE[d.key]} t.v)"
        )
    # the kb's few thresholds as constants: a per-row subquery costs a join for each claim
    terms = [
        f"CASE WHEN {v} {space.COMPARE[d.key]} {int(t)} THEN 1 ELSE 0 END"
        for t in thresholds.get(d.name, [])
    ]
    return "(" + " + ".join(terms) + ")" if terms else "0"


def dimension_keys(row: str, premium: bool, thresholds: dict[str, list[int]] | None = None) -> str:
    """Each dimension's key k_<name> for the row `row` joined with its relevance `r`: the
    value, the flag, or how many of its thresholds the value meets; pinned where no rule
    of the claim type reads it. The profiles table is keyed the same way. Given the
    decision tables' thresholds they are counted as constants, else from `thresholds`."""
    cols = []
    for d in _dims(premium):
        v = d.sql.format(row=row)
        if d.every_claim:
            e = v
        elif d.key == space.FLAG:
            e = f"(r.r_{d.name} AND {v})"
        elif d.key == space.VALUE:
            e = f"CASE WHEN r.r_{d.name} THEN {v} ELSE {_literal(d.pinned)} END"
        else:
            e = f"CASE WHEN r.r_{d.name} THEN {_met(d, v, thresholds)} ELSE 0 END"
        cols.append(f"    {e} AS k_{d.name}")
    return ",\n".join(cols)


def dimension_join(premium: bool) -> str:
    return "\n  AND ".join(f"pr.{d.name} = k.k_{d.name}" for d in _dims(premium))


def eligibility_sql(thresholds: dict[str, list[int]] | None = None) -> str:
    """Eligibility of every claim: its profile by the dimensions' keys, then the tables."""
    return _ELIGIBILITY.replace("/*claim keys*/", dimension_keys("b", False, thresholds)).replace(
        "/*claim key join*/", dimension_join(False)
    )


def premium_sql(thresholds: dict[str, list[int]] | None = None) -> str:
    """Premium subsidy: yearly, no ledger; every person-year in SQL."""
    return _PREMIUM.replace("/*person keys*/", dimension_keys("y", True, thresholds)).replace(
        "/*person key join*/", dimension_join(True)
    )


_ELIGIBILITY = """
-- cl: every accepted claim with the categories its person holds on the day (hmask: bit_or
-- of cat_bits), how many of the person's identities no cover row decides (n_uncovered), its
-- place in the person's order (cseq: sorts as date, then input row) and the profile its
-- keys select (from the person's facts on the day: age, grade, special disease)
CREATE OR REPLACE TEMP TABLE cl AS
WITH ih AS (
  -- per claim and identity of its person: a grade the identity certifies on the day
  -- (identity_implies/5, as eval's claim_facts) and whether it covers the claim's date
  -- (the decision table's cover row; NULL if none matches)
  SELECT c.crow,
    min(m.grade) FILTER (WHERE i.since <= c.date AND i.until >= c.date) AS g,
    coalesce(bit_or(cb.bit) FILTER (WHERE cv.held), 0) AS hmask,
    count(*) FILTER (WHERE cv.held IS NULL) AS n_uncovered
  FROM claims c JOIN idents i ON i.person_id = c.person_id
  LEFT JOIN (SELECT region, cat, min(grade) AS grade FROM implies GROUP BY region, cat) m
    ON m.region = c.region AND m.cat = i.category
  LEFT JOIN cat_bits cb ON cb.cat = i.category
  LEFT JOIN cover cv ON cv.region = c.region AND cv.ctype = c.ctype
    AND cv.f_sd = (i.since <= c.date) AND cv.f_du = (i.until >= c.date)
    AND cv.f_dum = (last_day(i.until) >= c.date)
    AND cv.f_syd = (make_date(year(i.since), 1, 1) <= c.date)
    AND cv.f_es = coalesce(c.discharge >= i.since, false)
  GROUP BY c.crow
), base AS (
  SELECT c.*,
    CASE WHEN im.g IS NOT NULL AND (p.dis IS NULL OR im.g < p.dis) THEN im.g ELSE p.dis END AS dis,
    p.maint, p.scheme, p.prow, coalesce(s.special, false) AS special,
    CASE WHEN p.birth IS NULL THEN NULL ELSE
      year(c.date) - year(p.birth) - CASE WHEN month(c.date) < month(p.birth)
        OR (month(c.date) = month(p.birth) AND day(c.date) < day(p.birth)) THEN 1 ELSE 0 END
    END AS age,
    -- the claims' order (date, then input row) as one integer: the plan only sorts and
    -- partitions by it, and a row number would sort every claim row by person first
    CAST(year(c.date) * 10000 + month(c.date) * 100 + day(c.date) AS BIGINT) * 10000000000
      + c.crow AS cseq,
    coalesce(im.hmask, 0) AS hmask, coalesce(im.n_uncovered, 0) AS n_uncovered
  FROM claims c JOIN persons p USING (person_id)
  LEFT JOIN special s ON s.region = c.region AND s.disease = c.disease
  LEFT JOIN ih im ON im.crow = c.crow
), keyed AS (
  SELECT b.*,
/*claim keys*/
  FROM base b JOIN relevance r ON r.region = b.region AND r.ctype = b.ctype
)
-- the columns later statements read only: the table has a row per claim. pyk: the
-- person-year as one integer (the person's row and the year, as route's), which the ledger
-- joins, groups and partitions by
SELECT k.crow, k.claim_id, k.person_id, k.region, k.sp, k.year, k.cseq, k.hmask,
  k.n_uncovered, pr.profile_id, k.prow * 10000 + k.year AS pyk
FROM keyed k LEFT JOIN profiles pr ON pr.region = k.region AND pr.ctype = k.ctype
  AND /*claim key join*/;

-- held_all: the claim/identity date combinations no cover row decides (held NULL), which
-- the run refuses
CREATE OR REPLACE TEMP TABLE held_all AS
SELECT c.claim_id, i.category AS own, cv.held
FROM cl x JOIN claims c ON c.crow = x.crow JOIN idents i ON i.person_id = c.person_id
LEFT JOIN cover cv ON cv.region = c.region AND cv.ctype = c.ctype
  AND cv.f_sd = (i.since <= c.date) AND cv.f_du = (i.until >= c.date)
  AND cv.f_dum = (last_day(i.until) >= c.date)
  AND cv.f_syd = (make_date(year(i.since), 1, 1) <= c.date)
  AND cv.f_es = coalesce(c.discharge >= i.since, false)
WHERE x.n_uncovered > 0;

-- A claim's programs, statuses and candidates depend on its profile and the categories it
-- holds only (its figures on the year too): they are decided once per such class, few
-- thousand, and joined to the claims by integer keys.
-- chy: each (profile, held mask, year) of the claims, with the profile's region
CREATE OR REPLACE TEMP TABLE chy AS
SELECT DISTINCT profile_id, hmask, region, year FROM cl;
-- ch: each (profile, held mask) of the claims
CREATE OR REPLACE TEMP TABLE ch AS
SELECT DISTINCT profile_id, hmask, region FROM chy;

-- ch_ap: the (program, rule, category) candidates that apply to the class for a category held
CREATE OR REPLACE TEMP TABLE ch_ap AS
SELECT h.profile_id, h.hmask, a.program, a.rule, a.cat, a.own
FROM ch h JOIN applicable a ON a.profile_id = h.profile_id
JOIN cat_bits b ON b.cat = a.own
WHERE (h.hmask & b.bit) <> 0;

-- ch_un: the programs that turn on a category the kb cannot decide (an unresolved reference)
CREATE OR REPLACE TEMP TABLE ch_un AS
SELECT DISTINCT h.profile_id, h.hmask, u.program, u.cat, u.ref
FROM ch h JOIN unresolved u ON u.profile_id = h.profile_id
JOIN holds hd ON hd.region = h.region AND hd.cat = u.cat
JOIN cat_bits b ON b.cat = hd.own
WHERE (h.hmask & b.bit) <> 0;

-- ch_st: per class and program its profile offers, its status and why it is excluded
CREATE OR REPLACE TEMP TABLE ch_st AS
WITH a AS (SELECT DISTINCT profile_id, hmask, program FROM ch_ap),
     u AS (SELECT profile_id, hmask, program, min(cat) AS ucat FROM ch_un GROUP BY ALL)
SELECT h.profile_id, h.hmask, o.program, o.excluded, pi.ix AS prog_ix, pi.kind, pi.is_tilt,
  CASE WHEN o.excluded IS NOT NULL THEN 'excluded'
       WHEN a.program IS NOT NULL THEN 'eligible'
       WHEN u.ucat IS NOT NULL THEN 'unresolved'
       ELSE 'not_eligible' END AS st,
  u.ucat
FROM ch h JOIN offer o ON o.profile_id = h.profile_id JOIN programs pi ON pi.program = o.program
LEFT JOIN a ON a.profile_id = h.profile_id AND a.hmask = h.hmask AND a.program = o.program
LEFT JOIN u ON u.profile_id = h.profile_id AND u.hmask = h.hmask AND u.program = o.program;

-- ch_opt: per class and year, one row per distinct (rule, category) candidate of an eligible
-- program, with its figures
CREATE OR REPLACE TEMP TABLE ch_opt AS
WITH x AS (SELECT DISTINCT profile_id, hmask, program, rule, cat FROM ch_ap)
SELECT y.profile_id, y.hmask, y.year, s.program, s.prog_ix, s.kind, s.is_tilt,
  x.rule, x.cat,
  coalesce(co.ord, 999) AS ord, r.dpool, r.cpool,
  f.fig, f.fig_reason, f.fig_param, f.ded_min, f.ded_max, f.rate_min, f.rate_max,
  f.cap_min, f.cap_max, f.sub_min, f.sub_max, f.thr_min, f.thr_max
FROM chy y JOIN ch_st s ON s.profile_id = y.profile_id AND s.hmask = y.hmask
JOIN x ON x.profile_id = y.profile_id AND x.hmask = y.hmask AND x.program = s.program
JOIN rules r ON r.rule = x.rule
LEFT JOIN cat_order co ON co.region = y.region AND co.cat = x.cat
LEFT JOIN figures f ON f.region = y.region AND f.rule = x.rule AND f.year = y.year AND f.scheme = '*'
WHERE s.st = 'eligible';

-- ch_sum: per class, year and eligible program, how many candidates have figures and which
-- category a grant names
CREATE OR REPLACE TEMP TABLE ch_sum AS
SELECT profile_id, hmask, year, program,
  count(*) FILTER (WHERE fig = 'ok') AS n_ok, count(*) AS n_all,
  first(cat ORDER BY rule, cat) AS first_cat,
  first(cat ORDER BY ord, rule, cat) AS grant_cat
FROM ch_opt GROUP BY profile_id, hmask, year, program;

-- ap: the (program, rule, category) candidates that apply to the claim for a category held
-- (a view: only the person-years of the Python ledger read it)
CREATE OR REPLACE TEMP VIEW ap AS
SELECT c.claim_id, a.program, a.rule, a.cat, a.own
FROM cl c JOIN ch_ap a ON a.profile_id = c.profile_id AND a.hmask = c.hmask;

-- un: the programs that turn on a category the kb cannot decide (an unresolved reference)
CREATE OR REPLACE TEMP TABLE un AS
SELECT c.claim_id, u.program, u.cat, u.ref
FROM cl c JOIN ch_un u ON u.profile_id = c.profile_id AND u.hmask = c.hmask;

-- bst: per claim and program its profile offers, its status (excluded, eligible, unresolved,
-- not_eligible) and why it is excluded (if it is). A view: its readers each take a part (the
-- eligible, the others, the Python ledger's person-years), and the join with the few class
-- rows costs less than keeping 2.6 million rows for them at 1M claims
CREATE OR REPLACE TEMP VIEW bst AS
SELECT c.claim_id, s.program, s.excluded, s.prog_ix, s.kind, s.is_tilt,
  c.person_id, c.year, c.pyk, c.cseq, c.crow, c.region, c.sp, s.st, s.ucat, c.profile_id,
  c.hmask
FROM cl c JOIN ch_st s ON s.profile_id = c.profile_id AND s.hmask = c.hmask;

-- optsum: per claim and eligible program, how many candidates have figures and which
-- category a grant names (a view, as bst)
CREATE OR REPLACE TEMP VIEW optsum AS
SELECT c.claim_id, s.program, c.person_id, c.year, c.pyk, c.profile_id, c.hmask, s.n_ok, s.n_all, s.first_cat, s.grant_cat
FROM cl c JOIN ch_sum s ON s.profile_id = c.profile_id AND s.hmask = c.hmask AND s.year = c.year;
"""

# Premium subsidy: yearly, no ledger; every person-year in SQL.
_PREMIUM = """
-- py: every person-year with claims, with its integer key (pyk, as cl's) and the person's
-- age on 1 January
CREATE OR REPLACE TEMP TABLE py AS
WITH y AS (SELECT DISTINCT person_id, year FROM claims)
SELECT y.person_id, y.year, p.prow * 10000 + y.year AS pyk, p.region, p.prow, p.dis, p.maint,
  p.scheme,
  CASE WHEN p.birth IS NULL THEN NULL ELSE
    y.year - year(p.birth) - CASE WHEN month(p.birth) > 1 OR day(p.birth) > 1 THEN 1 ELSE 0 END
  END AS age
FROM y JOIN persons p USING (person_id);
-- the keys are computed before the join: Spark takes correlated subqueries in projections only
-- pyk: each person-year's premium profile and the categories it holds on 1 January (hmask)
CREATE OR REPLACE TEMP TABLE pyk AS
WITH k AS (
  SELECT y.*,
/*person keys*/
  FROM py y JOIN relevance r ON r.region = y.region AND r.ctype = 'premium'
), h AS (
  SELECT y.prow, y.year, bit_or(cb.bit) FILTER (WHERE cv.held) AS hmask
  FROM py y JOIN idents i USING (person_id)
  JOIN cat_bits cb ON cb.cat = i.category
  LEFT JOIN cover cv ON cv.region = y.region AND cv.ctype = 'premium'
    AND cv.f_sd = (i.since <= make_date(y.year, 1, 1)) AND cv.f_du = (i.until >= make_date(y.year, 1, 1))
    AND cv.f_dum = (last_day(i.until) >= make_date(y.year, 1, 1))
    AND cv.f_syd = (make_date(year(i.since), 1, 1) <= make_date(y.year, 1, 1))
    AND cv.f_es = (make_date(y.year, 12, 31) >= i.since)
  GROUP BY y.prow, y.year
)
SELECT k.person_id, k.year, k.region, k.prow, k.dis, k.maint, k.scheme, k.age, pr.profile_id,
  coalesce(h.hmask, 0) AS hmask
FROM k JOIN profiles pr ON pr.region = k.region AND pr.ctype = 'premium'
  AND /*person key join*/
LEFT JOIN h ON h.prow = k.prow AND h.year = k.year;
-- As for claims, the premium subsidy's candidates depend on the person-year's class only:
-- its profile, held mask, year and scheme.
-- pch: the premium subsidy's candidates of each class, with their figures
CREATE OR REPLACE TEMP TABLE pch AS
WITH c AS (
  SELECT DISTINCT profile_id, hmask, year, region, coalesce(scheme, 'none') AS fscheme FROM pyk
)
SELECT DISTINCT c.profile_id, c.hmask, c.year, c.fscheme, a.rule, a.cat, coalesce(co.ord, 999) AS ord,
  f.fig, f.fig_reason, f.fig_param, f.prem_min, f.prem_max
FROM c JOIN applicable a ON a.profile_id = c.profile_id
JOIN programs pg ON pg.program = a.program AND pg.is_premium
JOIN cat_bits b ON b.cat = a.own
LEFT JOIN cat_order co ON co.region = c.region AND co.cat = a.cat
LEFT JOIN figures f ON f.region = c.region AND f.rule = a.rule AND f.year = c.year
  AND f.scheme = c.fscheme
WHERE (c.hmask & b.bit) <> 0;
-- prem: one premium row per person-year the subsidy is offered to: status, amount, identity
CREATE OR REPLACE TEMP TABLE prem AS
WITH s AS (
  SELECT profile_id, hmask, year, fscheme, count(*) FILTER (WHERE fig = 'ok') AS n_ok, count(*) AS n_all,
    first(cat ORDER BY rule, cat) AS first_cat,
    first(cat ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS best_cat,
    first(prem_min ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS a_min,
    first(prem_max ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS a_max
  FROM pch GROUP BY profile_id, hmask, year, fscheme
)
SELECT y.person_id, y.year, y.prow, o.program,
  CASE WHEN s.profile_id IS NULL THEN 'not_eligible'
       WHEN s.n_ok = 0 THEN 'unresolved'
       WHEN s.n_ok < s.n_all OR s.a_min <> s.a_max THEN 'bounded' ELSE 'paid' END AS status,
  CASE WHEN s.n_ok > 0 THEN s.a_min END AS a_min,
  -- 就高 with a candidate that cannot be computed: the figure is a floor (no upper bound)
  CASE WHEN s.n_ok > 0 AND s.n_ok = s.n_all THEN s.a_max END AS a_max,
  CASE WHEN s.n_ok > 0 THEN s.best_cat ELSE s.first_cat END AS identity
FROM pyk y JOIN offer o ON o.profile_id = y.profile_id
JOIN programs pg ON pg.program = o.program AND pg.is_premium
LEFT JOIN s ON s.profile_id = y.profile_id AND s.hmask = y.hmask AND s.year = y.year
  AND s.fscheme = coalesce(y.scheme, 'none');
"""

# Persons whose evaluation would stop on a missing parameter (MissingParameter aborts the case).
# A premium row never does: it is unresolved on its own (missing_params lists both kinds).
MISSING_SQL = """
-- missing: the persons a missing parameter stops, with the first such reason
CREATE OR REPLACE TEMP TABLE missing AS
WITH m AS (
  SELECT c.person_id, c.cseq AS s1, CASE WHEN o.is_tilt THEN 1000 ELSE o.prog_ix END AS s2,
    o.rule, o.cat, o.fig_reason, o.fig_param
  FROM cl c JOIN ch_opt o ON o.profile_id = c.profile_id AND o.hmask = c.hmask AND o.year = c.year
  WHERE o.fig = 'missing'
)
SELECT person_id, first(fig_reason ORDER BY s1, s2, rule, cat) AS reason,
  first(fig_param ORDER BY s1, s2, rule, cat) AS param
FROM m GROUP BY person_id;
-- missing_params: each missing parameter per region and year, the persons it affects
CREATE OR REPLACE TEMP TABLE missing_params AS
WITH m AS (
  SELECT c.person_id, c.year, o.fig_param, c.region, 'claims' AS what
  FROM cl c JOIN ch_opt o ON o.profile_id = c.profile_id AND o.hmask = c.hmask AND o.year = c.year
  WHERE o.fig = 'missing'
  UNION ALL
  SELECT y.person_id, y.year, x.fig_param, y.region, 'premium'
  FROM pyk y JOIN pch x ON x.profile_id = y.profile_id AND x.hmask = y.hmask
    AND x.year = y.year AND x.fscheme = coalesce(y.scheme, 'none')
  WHERE x.fig = 'missing'
)
SELECT fig_param AS param, region, year, count(DISTINCT person_id) AS persons,
  bool_or(what = 'claims') AS blocks_claims
FROM m GROUP BY ALL;
"""

# The SQL ledger runs every reading of a person-year's open figures: up to 2**MAX_OPEN.
MAX_OPEN = 8
_FIGURE_NAMES = (
    ("deductible", "k_ded"),
    ("rate", "k_rate"),
    ("cap", "k_cap"),
    ("subcap", "k_sub"),
    ("threshold", "k_thr"),
)


def figure_keys(kb: KB, region_years: set[tuple[str, int]]) -> dict[str, pa.Table]:
    """The open figures of every money rule, as the evaluator enumerates its readings.

    ``figkeys``: per rule and year the key of each open figure (one key per clause and
    bound, as the evaluator's figure_key: one choice a city makes) and ``ranged`` for a rule
    that states no 起付标准 (its deductible a figure open on both sides, keyed per pool); ``figkey``: the same keys one per row; ``vertices``: for n open
    figures the vertices 0 … 2**n − 1.
    """
    params = Params(kb, cast(Case, None))
    ids: dict[tuple[object, ...], int] = {}
    wide: dict[str, list[object]] = {"rule": [], "year": [], "ranged": []}
    wide.update({k: [] for _n, k in _FIGURE_NAMES})
    long: dict[str, list[object]] = {"rule": [], "year": [], "key": []}
    for region, year in sorted(region_years):
        for rule in kb.rules.values():
            if rule.region != region or kb.programs[rule.program][1] != "assistance":
                continue
            keys: dict[str, int | None] = {}
            for name, col in _FIGURE_NAMES:
                p = params.get(rule, name, year)
                keys[col] = None
                if p is not None and is_open(p):
                    keys[col] = ids.setdefault(figure_key(p, year), len(ids))
            ranged = params.get(rule, "deductible", year) is None and params.open_deductible(rule)
            if ranged:
                # one choice per deductible pool, as the evaluator's open_deductible_key
                keys["k_ded"] = ids.setdefault(open_deductible_key(rule, year), len(ids))
            if not ranged and all(k is None for k in keys.values()):
                continue
            wide["rule"].append(rule.id)
            wide["year"].append(year)
            wide["ranged"].append(ranged)
            for col, k in keys.items():
                wide[col].append(k)
                if k is not None:
                    long["rule"].append(rule.id)
                    long["year"].append(year)
                    long["key"].append(k)
    ints = {"year": pa.int32(), "key": pa.int64(), **{k: pa.int64() for _n, k in _FIGURE_NAMES}}

    def table(cols: dict[str, list[object]]) -> pa.Table:
        types = {"rule": pa.string(), "ranged": pa.bool_(), **ints}
        return pa.table(cols, schema=pa.schema([(k, types[k]) for k in cols]))

    nk: list[int] = []
    v: list[int] = []
    vmax: list[int] = []
    for n in range(MAX_OPEN + 1):
        nk += [n] * 2**n
        v += range(2**n)
        vmax += [2**n - 1] * 2**n
    return {
        "figkeys": table(wide),
        "figkey": table(long),
        "vertices": pa.table(
            {
                "nk": pa.array(nk, pa.int64()),
                "v": pa.array(v, pa.int64()),
                "vmax": pa.array(vmax, pa.int64()),
            }
        ),
    }
