"""The audit's SQL plan: eligibility, premiums, routing and the annual ledger.

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
from reasoner.params import Params, figure_key, is_open

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


def dimension_keys(row: str, premium: bool) -> str:
    """Each dimension's key k_<name> for the row `row` joined with its relevance `r`: the
    value, the flag, or how many of its thresholds the value meets; pinned where no rule
    of the claim type reads it. The profiles table is keyed the same way."""
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
            e = (
                f"CASE WHEN r.r_{d.name} THEN (SELECT count(*) FROM thresholds t WHERE t.kind = "
                f"{_literal(d.name)} AND {v} {space.COMPARE[d.key]} t.v) ELSE 0 END"
            )
        cols.append(f"    {e} AS k_{d.name}")
    return ",\n".join(cols)


def dimension_join(premium: bool) -> str:
    return "\n  AND ".join(f"pr.{d.name} = k.k_{d.name}" for d in _dims(premium))


def eligibility_sql() -> str:
    """Eligibility of every claim: its profile by the dimensions' keys, then the tables."""
    return _ELIGIBILITY.replace("/*claim keys*/", dimension_keys("b", False)).replace(
        "/*claim key join*/", dimension_join(False)
    )


def premium_sql() -> str:
    """Premium subsidy: yearly, no ledger; every person-year in SQL."""
    return _PREMIUM.replace("/*person keys*/", dimension_keys("y", True)).replace(
        "/*person key join*/", dimension_join(True)
    )


_ELIGIBILITY = """
-- cl: every accepted claim with its person's facts on the day (age, grade, special disease),
-- its order in the person's year (cseq), its profile keys and the profile they select
CREATE OR REPLACE TEMP TABLE cl AS
WITH implied AS (
  -- a grade an identity held on the day certifies (identity_implies/5, as eval's claim_facts)
  SELECT c.crow, min(m.grade) AS g FROM claims c
  JOIN idents i ON i.person_id = c.person_id AND i.since <= c.date AND i.until >= c.date
  JOIN implies m ON m.region = c.region AND m.cat = i.category
  GROUP BY c.crow
), base AS (
  SELECT c.*,
    CASE WHEN im.g IS NOT NULL AND (p.dis IS NULL OR im.g < p.dis) THEN im.g ELSE p.dis END AS dis,
    p.maint, p.scheme, coalesce(s.special, false) AS special,
    CASE WHEN p.birth IS NULL THEN NULL ELSE
      year(c.date) - year(p.birth) - CASE WHEN month(c.date) < month(p.birth)
        OR (month(c.date) = month(p.birth) AND day(c.date) < day(p.birth)) THEN 1 ELSE 0 END
    END AS age,
    row_number() OVER (PARTITION BY c.person_id ORDER BY c.date, c.crow) AS cseq
  FROM claims c JOIN persons p USING (person_id)
  LEFT JOIN special s ON s.region = c.region AND s.disease = c.disease
  LEFT JOIN implied im ON im.crow = c.crow
), keyed AS (
  SELECT b.*,
/*claim keys*/
  FROM base b JOIN relevance r ON r.region = b.region AND r.ctype = b.ctype
)
SELECT k.*, pr.profile_id
FROM keyed k LEFT JOIN profiles pr ON pr.region = k.region AND pr.ctype = k.ctype
  AND /*claim key join*/;

-- held_all: per claim and identity of its person, whether the identity covers the claim's
-- date (the decision table's cover row; NULL if none matches)
CREATE OR REPLACE TEMP TABLE held_all AS
SELECT c.claim_id, i.category AS own, cv.held
FROM cl c JOIN idents i ON i.person_id = c.person_id
LEFT JOIN cover cv ON cv.region = c.region AND cv.ctype = c.ctype
  AND cv.f_sd = (i.since <= c.date) AND cv.f_du = (i.until >= c.date)
  AND cv.f_dum = (last_day(i.until) >= c.date)
  AND cv.f_syd = (make_date(year(i.since), 1, 1) <= c.date)
  AND cv.f_es = coalesce(c.discharge >= i.since, false);
-- held: the categories each claim's person holds on the claim's date
CREATE OR REPLACE TEMP TABLE held AS
SELECT DISTINCT claim_id, own FROM held_all WHERE held;

-- cp: every program the claim's profile offers, with why it is excluded (if it is)
CREATE OR REPLACE TEMP TABLE cp AS
SELECT c.claim_id, o.program, o.excluded, pi.ix AS prog_ix, pi.kind, pi.is_tilt
FROM cl c JOIN offer o USING (profile_id) JOIN programs pi ON pi.program = o.program;

-- ap: the (program, rule, category) candidates that apply to the claim for a category held
CREATE OR REPLACE TEMP TABLE ap AS
SELECT DISTINCT c.claim_id, a.program, a.rule, a.cat, a.own
FROM cl c JOIN applicable a USING (profile_id)
JOIN held h ON h.claim_id = c.claim_id AND h.own = a.own;

-- un: the programs that turn on a category the kb cannot decide (an unresolved reference)
CREATE OR REPLACE TEMP TABLE un AS
SELECT DISTINCT c.claim_id, u.program, u.cat, u.ref
FROM cl c JOIN unresolved u USING (profile_id)
JOIN holds hd ON hd.region = c.region AND hd.cat = u.cat
JOIN held h ON h.claim_id = c.claim_id AND h.own = hd.own;

-- bst: per claim and offered program, its status (excluded, eligible, unresolved, not_eligible)
CREATE OR REPLACE TEMP TABLE bst AS
WITH a AS (SELECT claim_id, program, count(*) AS n FROM ap GROUP BY ALL),
     u AS (SELECT claim_id, program, min(cat) AS ucat FROM un GROUP BY ALL)
SELECT cp.*, c.person_id, c.year, c.cseq, c.crow, c.region, c.sp,
  CASE WHEN cp.excluded IS NOT NULL THEN 'excluded'
       WHEN a.n IS NOT NULL THEN 'eligible'
       WHEN u.ucat IS NOT NULL THEN 'unresolved'
       ELSE 'not_eligible' END AS st,
  u.ucat
FROM cp JOIN cl c USING (claim_id)
LEFT JOIN a USING (claim_id, program) LEFT JOIN u USING (claim_id, program);

-- one row per distinct (rule, category) candidate of an eligible program, with its figures
CREATE OR REPLACE TEMP TABLE opt AS
SELECT b.claim_id, b.program, b.person_id, b.year, b.cseq, b.prog_ix, b.kind, b.is_tilt,
  x.rule, x.cat,
  coalesce(co.ord, 999) AS ord, r.dpool, r.cpool,
  f.fig, f.fig_reason, f.fig_param, f.ded_min, f.ded_max, f.rate_min, f.rate_max,
  f.cap_min, f.cap_max, f.sub_min, f.sub_max, f.thr_min, f.thr_max
FROM bst b
JOIN (SELECT DISTINCT claim_id, program, rule, cat FROM ap) x USING (claim_id, program)
JOIN rules r ON r.rule = x.rule
LEFT JOIN cat_order co ON co.region = b.region AND co.cat = x.cat
LEFT JOIN figures f ON f.region = b.region AND f.rule = x.rule AND f.year = b.year AND f.scheme = '*'
WHERE b.st = 'eligible';

-- optsum: per claim and eligible program, how many candidates have figures and which
-- category a grant names
CREATE OR REPLACE TEMP TABLE optsum AS
SELECT claim_id, program, any_value(person_id) AS person_id, any_value(year) AS year,
  count(*) FILTER (WHERE fig = 'ok') AS n_ok, count(*) AS n_all,
  first(cat ORDER BY rule, cat) AS first_cat,
  first(cat ORDER BY ord, rule, cat) AS grant_cat
FROM opt GROUP BY claim_id, program;
"""

# Premium subsidy: yearly, no ledger; every person-year in SQL.
_PREMIUM = """
-- py: every person-year with claims, with the person's age on 1 January
CREATE OR REPLACE TEMP TABLE py AS
WITH y AS (SELECT DISTINCT person_id, year FROM claims)
SELECT y.person_id, y.year, p.region, p.prow, p.dis, p.maint, p.scheme,
  CASE WHEN p.birth IS NULL THEN NULL ELSE
    y.year - year(p.birth) - CASE WHEN month(p.birth) > 1 OR day(p.birth) > 1 THEN 1 ELSE 0 END
  END AS age
FROM y JOIN persons p USING (person_id);
-- the keys are computed before the join: Spark takes correlated subqueries in projections only
-- pyk: each person-year's premium profile
CREATE OR REPLACE TEMP TABLE pyk AS
WITH k AS (
  SELECT y.*,
/*person keys*/
  FROM py y JOIN relevance r ON r.region = y.region AND r.ctype = 'premium'
)
SELECT k.person_id, k.year, k.region, k.prow, k.dis, k.maint, k.scheme, k.age, pr.profile_id
FROM k JOIN profiles pr ON pr.region = k.region AND pr.ctype = 'premium'
  AND /*person key join*/;
-- pheld_all: per person-year and identity, whether the identity covers 1 January
CREATE OR REPLACE TEMP TABLE pheld_all AS
SELECT y.person_id, y.year, i.category AS own, cv.held
FROM pyk y JOIN idents i USING (person_id)
LEFT JOIN cover cv ON cv.region = y.region AND cv.ctype = 'premium'
  AND cv.f_sd = (i.since <= make_date(y.year, 1, 1)) AND cv.f_du = (i.until >= make_date(y.year, 1, 1))
  AND cv.f_dum = (last_day(i.until) >= make_date(y.year, 1, 1))
  AND cv.f_syd = (make_date(year(i.since), 1, 1) <= make_date(y.year, 1, 1))
  AND cv.f_es = (make_date(y.year, 12, 31) >= i.since);
-- popt: the premium subsidy's candidates of each person-year, with their figures
CREATE OR REPLACE TEMP TABLE popt AS
SELECT DISTINCT y.person_id, y.year, a.rule, a.cat, coalesce(co.ord, 999) AS ord,
  f.fig, f.fig_reason, f.fig_param, f.prem_min, f.prem_max
FROM pyk y JOIN applicable a USING (profile_id)
JOIN programs pg ON pg.program = a.program AND pg.is_premium
JOIN (SELECT DISTINCT person_id, year, own FROM pheld_all WHERE held) h
  ON h.person_id = y.person_id AND h.year = y.year AND h.own = a.own
LEFT JOIN cat_order co ON co.region = y.region AND co.cat = a.cat
LEFT JOIN figures f ON f.region = y.region AND f.rule = a.rule AND f.year = y.year
  AND f.scheme = coalesce(y.scheme, 'none')
;
-- prem: one premium row per person-year the subsidy is offered to: status, amount, identity
CREATE OR REPLACE TEMP TABLE prem AS
WITH s AS (
  SELECT person_id, year, count(*) FILTER (WHERE fig = 'ok') AS n_ok, count(*) AS n_all,
    first(cat ORDER BY rule, cat) AS first_cat,
    first(cat ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS best_cat,
    first(prem_min ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS a_min,
    first(prem_max ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS a_max
  FROM popt GROUP BY person_id, year
)
SELECT y.person_id, y.year, y.prow, o.program,
  CASE WHEN s.person_id IS NULL THEN 'not_eligible'
       WHEN s.n_ok = 0 THEN 'unresolved'
       WHEN s.n_ok < s.n_all OR s.a_min <> s.a_max THEN 'bounded' ELSE 'paid' END AS status,
  CASE WHEN s.n_ok > 0 THEN s.a_min END AS a_min,
  -- 就高 with a candidate that cannot be computed: the figure is a floor (no upper bound)
  CASE WHEN s.n_ok > 0 AND s.n_ok = s.n_all THEN s.a_max END AS a_max,
  CASE WHEN s.n_ok > 0 THEN s.best_cat ELSE s.first_cat END AS identity
FROM pyk y JOIN offer o ON o.profile_id = y.profile_id
JOIN programs pg ON pg.program = o.program AND pg.is_premium
LEFT JOIN s ON s.person_id = y.person_id AND s.year = y.year;
"""

# Persons whose evaluation would stop on a missing parameter (MissingParameter aborts the case).
# A premium row never does: it is unresolved on its own (missing_params lists both kinds).
MISSING_SQL = """
-- missing: the persons a missing parameter stops, with the first such reason
CREATE OR REPLACE TEMP TABLE missing AS
WITH m AS (
  SELECT person_id, cseq AS s1, CASE WHEN is_tilt THEN 1000 ELSE prog_ix END AS s2,
    rule, cat, fig_reason, fig_param FROM opt WHERE fig = 'missing'
)
SELECT person_id, first(fig_reason ORDER BY s1, s2, rule, cat) AS reason,
  first(fig_param ORDER BY s1, s2, rule, cat) AS param
FROM m GROUP BY person_id;
-- missing_params: each missing parameter per region and year, the persons it affects
CREATE OR REPLACE TEMP TABLE missing_params AS
WITH m AS (
  SELECT o.person_id, o.year, o.fig_param, c.region, 'claims' AS what
  FROM opt o JOIN cl c USING (claim_id) WHERE o.fig = 'missing'
  UNION ALL
  SELECT y.person_id, y.year, y.fig_param, p.region, 'premium'
  FROM popt y JOIN persons p USING (person_id) WHERE y.fig = 'missing'
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
    that states no 起付标准; ``figkey``: the same keys one per row; ``vertices``: for n open
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


# A reading of a person-year is the set of its open figures at their generous end. Each open
# figure of a region and year gets a bit (its place among them); a person-year's figures form a
# mask and its readings are the submasks of it, numbered v (0: the least generous, vmax: the
# most generous). A region-year with more open figures than _BITS sends its person-years to
# the kernel (cx) rather than overflow the mask.
_BITS = 62


# Which person-years the SQL ledger computes exactly; the rest go to the Python ledger.
COMPLEX_SQL = (
    """
-- lbit: each open figure's bit, its place among the open figures of its region and year (past
-- the mask's width: none, and its person-years go to the kernel)
CREATE OR REPLACE TEMP TABLE lbit AS
WITH k AS (
  SELECT DISTINCT r.region, f.year, f.rule, f.key FROM figkey f JOIN rules r ON r.rule = f.rule
), p AS (
  SELECT k.*, dense_rank() OVER (PARTITION BY region, year ORDER BY key) AS pos FROM k
)
SELECT rule, year, key, pos,
  CASE WHEN pos <= """
    + str(_BITS)
    + """ THEN CAST(power(2, least(pos, """
    + str(_BITS)
    + """) - 1) AS BIGINT) END AS bit
FROM p;
-- lfig: per money rule and year, the bit of each of its open figures and all of them (kmask)
CREATE OR REPLACE TEMP TABLE lfig AS
WITH m AS (SELECT rule, year, bit_or(bit) AS kmask FROM lbit GROUP BY rule, year)
SELECT f.rule, f.year, coalesce(m.kmask, 0) AS kmask, bd.bit AS b_ded, br.bit AS b_rate,
  bc.bit AS b_cap, bs.bit AS b_sub, bt.bit AS b_thr
FROM figkeys f LEFT JOIN m ON m.rule = f.rule AND m.year = f.year
LEFT JOIN lbit bd ON bd.rule = f.rule AND bd.year = f.year AND bd.key = f.k_ded
LEFT JOIN lbit br ON br.rule = f.rule AND br.year = f.year AND br.key = f.k_rate
LEFT JOIN lbit bc ON bc.rule = f.rule AND bc.year = f.year AND bc.key = f.k_cap
LEFT JOIN lbit bs ON bs.rule = f.rule AND bs.year = f.year AND bs.key = f.k_sub
LEFT JOIN lbit bt ON bt.rule = f.rule AND bt.year = f.year AND bt.key = f.k_thr;
-- cxp: each program of a claim with payable candidates, the pools they would commit to
CREATE OR REPLACE TEMP TABLE cxp AS
SELECT claim_id, prog_ix, any_value(person_id) AS person_id, any_value(year) AS year,
  any_value(is_tilt) AS is_tilt, min(dpool) AS dmin, max(dpool) AS dmax, min(cpool) AS cmin,
  max(cpool) AS cmax
FROM opt WHERE fig = 'ok' GROUP BY claim_id, prog_ix;
-- cx: the person-years the closed form cannot settle (each reason below); the ledger adds
-- those where a subcap binds
CREATE OR REPLACE TEMP TABLE cx AS
SELECT DISTINCT person_id, year FROM (
  -- an overlap the document settles by paying the larger: the loser does not commit
  SELECT a.person_id, a.year FROM optsum a
  JOIN optsum b ON a.claim_id = b.claim_id
  JOIN cl c ON c.claim_id = a.claim_id
  JOIN ovl_pairs ov ON ov.region = c.region AND ov.p1 = a.program AND ov.p2 = b.program
  WHERE a.n_ok > 0 AND b.n_ok > 0
  UNION ALL
  -- candidates of one program that would commit to different pools
  SELECT person_id, year FROM cxp WHERE dmin <> dmax OR cmin <> cmax
  UNION ALL
  -- two programs of one claim paying from one cap pool
  SELECT any_value(person_id), any_value(year) FROM cxp WHERE NOT is_tilt
  GROUP BY claim_id, cmin HAVING count(*) > 1
  UNION ALL
  -- a cap that differs between the candidates paying from one pool (at some reading: two
  -- open caps of one stated value are two choices)
  SELECT o.person_id, o.year FROM opt o
  LEFT JOIN figkeys k ON k.rule = o.rule AND k.year = o.year
  WHERE o.fig = 'ok'
  GROUP BY o.person_id, o.year, o.is_tilt, o.cpool
  HAVING min(coalesce(o.cap_min, -1)) <> max(coalesce(o.cap_min, -1))
    OR min(coalesce(o.cap_max, -1)) <> max(coalesce(o.cap_max, -1))
    OR min(coalesce(k.k_cap, -1)) <> max(coalesce(k.k_cap, -1))
  UNION ALL
  SELECT o.person_id, o.year FROM opt o JOIN shared_tilt_pool s ON s.rule = o.rule
  UNION ALL
  -- a rule that states no 起付标准 (its reading is a range of deductibles, not two ends), or
  -- more open figures in one year than the SQL ledger enumerates readings for
  SELECT o.person_id, o.year FROM opt o JOIN figkeys k ON k.rule = o.rule AND k.year = o.year
  WHERE k.ranged
  UNION ALL
  SELECT o.person_id, o.year FROM opt o JOIN lbit k ON k.rule = o.rule AND k.year = o.year
  WHERE o.fig = 'ok' GROUP BY o.person_id, o.year
  HAVING count(DISTINCT k.key) > """
    + str(MAX_OPEN)
    + " OR max(k.pos) > "
    + str(_BITS)
    + """
  UNION ALL
  -- 就高 with a candidate the knowledge base cannot compute: the figure is a floor
  SELECT b.person_id, b.year FROM bst b JOIN un u USING (claim_id, program)
  WHERE b.st = 'eligible' AND b.kind = 'assistance'
  UNION ALL
  SELECT s.person_id, s.year FROM optsum s JOIN bst b USING (claim_id, program)
  WHERE b.kind = 'assistance' AND s.n_ok > 0 AND s.n_ok < s.n_all
  UNION ALL
  -- an overlap partner that is unresolved makes the other a floor
  SELECT a.person_id, a.year FROM bst a JOIN bst b ON a.claim_id = b.claim_id
  JOIN ovl_pairs ov ON ov.region = a.region AND ov.p1 = a.program AND ov.p2 = b.program
  WHERE a.st IN ('eligible', 'unresolved') AND b.st IN ('eligible', 'unresolved')
  UNION ALL
  -- a tilt on a residual another program leaves unknown (unresolved or only a floor)
  SELECT t.person_id, t.year FROM bst t JOIN bst o ON o.claim_id = t.claim_id
  LEFT JOIN optsum s ON s.claim_id = o.claim_id AND s.program = o.program
  WHERE t.is_tilt AND t.st = 'eligible' AND NOT o.is_tilt
    AND o.kind = 'assistance' AND (o.st = 'unresolved' OR (o.st = 'eligible' AND s.n_ok < s.n_all))
);
-- route: per person-year (pyk: its integer key), 'sql', 'python' (in cx) or 'error' (a
-- missing parameter)
CREATE OR REPLACE TEMP TABLE route AS
SELECT y.person_id, y.year, y.prow * 10000 + y.year AS pyk,
  CASE WHEN m.person_id IS NOT NULL THEN 'error'
       WHEN x.person_id IS NOT NULL THEN 'python' ELSE 'sql' END AS path
FROM py y
LEFT JOIN missing m ON m.person_id = y.person_id
LEFT JOIN cx x ON x.person_id = y.person_id AND x.year = y.year;
"""
)


def _at(fig: str, vs: str) -> str:
    """Candidate c's figure at the reading whose submask is ``vs``."""
    return f"CASE WHEN ({vs} // c.b_{fig}) % 2 = 1 THEN c.{fig}_max ELSE c.{fig}_min END"


def _raw(tilt: bool, vs: str) -> str:
    """Candidate c's amount before the caps at reading ``vs``, rounded half up to the fen.

    Assistance: the self-pay past what is left of the 起付标准 (p.ded_used counted before the
    claim), times the rate. Tilt: the rate on the part of the running residual above the
    threshold that this claim adds (t.b before the claim, t.res the claim's own)."""
    rate = _at("rate", vs)
    if tilt:
        thr = _at("thr", vs)
        return (
            f"((greatest(0, t.b + t.res - {thr}) - greatest(0, t.b - {thr})) * {rate} + 50) // 100"
        )
    ded = _at("ded", vs)
    return f"(greatest(0, c.sp - greatest(0, {ded} - p.ded_used)) * {rate} + 50) // 100"


def _cands(tilt: bool, where: str = "TRUE", only: str | None = None) -> str:
    """Every payable candidate of the SQL person-years at every reading (``where`` narrows
    the readings, ``only`` the claim-programs): its amount before the caps, cap and subcap."""
    if tilt:
        src = "lc c JOIN lt t ON t.claim_id = c.claim_id AND t.prog_ix = c.prog_ix"
        x, keep = "t", "c.is_tilt AND c.ok"
    else:
        src = (
            "lc c JOIN lp p ON p.claim_id = c.claim_id AND p.prog_ix = c.prog_ix"
            " JOIN lmask m ON m.mask = p.mask"
        )
        x, keep = "m", "NOT c.is_tilt"
    if only is not None:
        src += f" JOIN ({only}) q ON q.claim_id = c.claim_id AND q.prog_ix = c.prog_ix"
    vs = f"{x}.vs"
    return f"""SELECT c.claim_id, c.prog_ix, c.pyk, c.cseq, c.cp, c.rule, c.cat, c.ord,
    {x}.v, {x}.vmax, {vs} AS vs, {_raw(tilt, vs)} AS r,
    {_at("cap", vs)} AS cap, {_at("sub", vs)} AS sub
  FROM {src}
  WHERE {keep} AND {where}"""


def _choose_sql(tilt: bool, dst: str) -> str:
    """就高 with a shared yearly cap, in closed form, at every reading.

    All candidates of a program share its pool, and the pool's cap is one figure at each
    reading (person-years where this fails went to the kernel). At one reading the program
    commits a = min(rs, L) with rs its largest candidate before the cap and L the cap left;
    the pool's running sum of committed amounts is min(cap, running sum of rs), so L follows
    from one window. ``{dst}_v``: the program at each reading; ``{dst}``: its least and
    largest over the readings, and the identity as the evaluator names it: the largest
    (amount at the least generous reading, at the most generous one), then the document's
    order. A person-year where some candidate's subcap would bind goes to the kernel.
    """
    mixed = (
        f"SELECT DISTINCT claim_id, prog_ix FROM {dst}_v "
        "WHERE n_sub > 0 AND (n_sub < n OR sub_lo <> sub_hi)"
    )
    x = "t" if tilt else "m"
    several = "t.n > 1" if tilt else "p.n > 1"
    ends = f"{several} AND ({x}.v = 0 OR {x}.v = {x}.vmax)"
    return f"""
-- {dst}_v: each money program of a SQL person-year at each reading: rs its largest candidate
-- before the cap, l the pool's cap left before the claim, a what it commits, su what the
-- program committed before the claim (for its subcap)
CREATE OR REPLACE TEMP TABLE {dst}_v AS
WITH c AS (
  {_cands(tilt)}
), g AS (
  SELECT claim_id, prog_ix, v, any_value(pyk) AS pyk, any_value(cseq) AS cseq,
    any_value(cp) AS cp, any_value(vmax) AS vmax, max(r) AS rs, any_value(cap) AS cap,
    min(sub) AS sub_lo, max(sub) AS sub_hi, count(sub) AS n_sub, count(*) AS n
  FROM c GROUP BY claim_id, prog_ix, v
), w AS (
  SELECT g.*, CASE WHEN cap IS NOT NULL THEN cap - least(cap,
      sum(rs) OVER (PARTITION BY pyk, v, cp ORDER BY cseq ROWS UNBOUNDED PRECEDING) - rs) END AS l
  FROM g
), a AS (
  SELECT w.*, CASE WHEN l IS NULL THEN rs ELSE least(rs, l) END AS a FROM w
)
SELECT a.*,
  sum(a) OVER (PARTITION BY pyk, v, prog_ix ORDER BY cseq ROWS UNBOUNDED PRECEDING) - a AS su
FROM a;
-- a subcap that binds at some reading: the person-year goes to the kernel (one subcap for
-- every candidate: the program's own amount; else candidate by candidate)
INSERT INTO cx
SELECT DISTINCT y.person_id, y.year FROM route y JOIN (
  SELECT pyk FROM {dst}_v WHERE n_sub = n AND sub_lo = sub_hi AND su + a > sub_lo
  UNION ALL
  SELECT c.pyk FROM (
    {_cands(tilt, only=mixed)}
  ) c JOIN {dst}_v x ON x.claim_id = c.claim_id AND x.prog_ix = c.prog_ix AND x.v = c.v
  WHERE x.su + CASE WHEN x.l IS NULL THEN c.r ELSE least(c.r, x.l) END > c.sub
) s ON s.pyk = y.pyk;
-- {dst}: each money program over every reading, with the identity it pays under
CREATE OR REPLACE TEMP TABLE {dst} AS
WITH s AS (
  SELECT claim_id, prog_ix, min(a) AS a_min, max(a) AS a_max FROM {dst}_v
  GROUP BY claim_id, prog_ix
), k AS (
  SELECT c.claim_id, c.prog_ix, c.rule, c.cat, any_value(c.ord) AS ord,
    max(CASE WHEN c.v = 0 THEN CASE WHEN x.l IS NULL THEN c.r ELSE least(c.r, x.l) END END)
      AS k_min,
    max(CASE WHEN c.v = c.vmax THEN CASE WHEN x.l IS NULL THEN c.r ELSE least(c.r, x.l) END END)
      AS k_max
  FROM (
    {_cands(tilt, ends)}
  ) c JOIN {dst}_v x ON x.claim_id = c.claim_id AND x.prog_ix = c.prog_ix AND x.v = c.v
  GROUP BY c.claim_id, c.prog_ix, c.rule, c.cat
), b AS (
  SELECT claim_id, prog_ix, first(cat ORDER BY k_min DESC, k_max DESC, ord, rule, cat) AS cat
  FROM k GROUP BY claim_id, prog_ix
)
SELECT s.claim_id, s.prog_ix, s.a_min, s.a_max, coalesce(b.cat, p.cat1) AS cat
FROM s JOIN lp p USING (claim_id, prog_ix) LEFT JOIN b USING (claim_id, prog_ix);
"""


LEDGER_SQL = (
    """
-- lc: every candidate of a SQL person-year the ledger may commit (a tilt's uncomputed ones
-- too: they carry its residual), narrow, with integer keys: the person-year pyk, the pools
CREATE OR REPLACE TEMP TABLE lc AS
WITH pools AS (
  SELECT pool, dense_rank() OVER (ORDER BY pool) AS ix FROM (
    SELECT dpool AS pool FROM rules UNION SELECT cpool FROM rules)
)
SELECT o.claim_id, o.prog_ix, o.is_tilt, y.pyk, o.cseq, o.fig = 'ok' AS ok, o.rule, o.cat,
  o.ord, c.sp, dp.ix AS dp, cp.ix AS cp, f.kmask,
  o.ded_min, o.ded_max, o.rate_min, o.rate_max, o.cap_min, o.cap_max, o.sub_min, o.sub_max,
  o.thr_min, o.thr_max, f.b_ded, f.b_rate, f.b_cap, f.b_sub, f.b_thr
FROM opt o
JOIN route y ON y.person_id = o.person_id AND y.year = o.year AND y.path = 'sql'
JOIN cl c ON c.claim_id = o.claim_id
JOIN pools dp ON dp.pool = o.dpool
JOIN pools cp ON cp.pool = o.cpool
LEFT JOIN lfig f ON f.rule = o.rule AND f.year = o.year
WHERE o.kind = 'assistance' AND (o.fig = 'ok' OR o.is_tilt);
-- lp: each money program of a claim: its pool, how many candidates are payable (cat1 the
-- one if only one), the self-pay counted in its deductible pool before the claim, and the
-- mask of its person-year's open figures
CREATE OR REPLACE TEMP TABLE lp AS
WITH p AS (
  SELECT claim_id, prog_ix, any_value(is_tilt) AS is_tilt, any_value(pyk) AS pyk,
    any_value(cseq) AS cseq, any_value(sp) AS sp, any_value(dp) AS dp,
    -- a tilt none of whose candidates is payable carries its residual to the first one's pool
    coalesce(max(cp) FILTER (WHERE ok), first(cp ORDER BY rule, cat)) AS cp,
    count(*) FILTER (WHERE ok) AS n, min(cat) FILTER (WHERE ok) AS cat1,
    bit_or(kmask) FILTER (WHERE ok) AS kmask
  FROM lc GROUP BY claim_id, prog_ix
), w AS (
  SELECT p.*, CASE WHEN NOT is_tilt AND n > 0 THEN sp ELSE 0 END AS ded_w FROM p
)
SELECT claim_id, prog_ix, is_tilt, pyk, cseq, sp, cp, n, cat1,
  coalesce(sum(ded_w) OVER (PARTITION BY pyk, dp ORDER BY cseq
                            RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS ded_used,
  coalesce(bit_or(kmask) OVER (PARTITION BY pyk), 0) AS mask
FROM w;
-- lmask: every reading of each mask: v its number, vs the figures it reads at their
-- generous end
CREATE OR REPLACE TEMP TABLE lmask AS
WITH m AS (SELECT DISTINCT mask FROM lp), b AS (SELECT DISTINCT bit FROM lbit WHERE bit IS NOT NULL),
mb AS (
  SELECT m.mask, b.bit, row_number() OVER (PARTITION BY m.mask ORDER BY b.bit) - 1 AS i
  FROM m JOIN b ON (m.mask // b.bit) % 2 = 1
), n AS (
  SELECT m.mask, count(mb.bit) AS nk FROM m LEFT JOIN mb ON mb.mask = m.mask GROUP BY m.mask
)
SELECT n.mask, x.v, x.vmax,
  coalesce(sum(CASE WHEN (x.v // CAST(power(2, mb.i) AS BIGINT)) % 2 = 1 THEN mb.bit END), 0)
    AS vs
FROM n JOIN vertices x ON x.nk = n.nk LEFT JOIN mb ON mb.mask = n.mask
GROUP BY n.mask, x.v, x.vmax;
"""
    + _choose_sql(False, "rg")
    + """
-- lt: each tilt of a SQL claim at every reading: the residual the claim's other programs
-- leave (res) and the residual its pool held before the claim (b)
CREATE OR REPLACE TEMP TABLE lt AS
WITH paid AS (
  SELECT claim_id, v, sum(a) AS paid FROM rg_v GROUP BY claim_id, v
), t AS (
  SELECT p.claim_id, p.prog_ix, p.pyk, p.cseq, p.cp AS pool, p.n, m.v, m.vmax, m.vs,
    greatest(0, p.sp - coalesce(d.paid, 0)) AS res
  FROM lp p JOIN lmask m ON m.mask = p.mask
  LEFT JOIN paid d ON d.claim_id = p.claim_id AND d.v = m.v
  WHERE p.is_tilt
)
SELECT t.*,
  sum(res) OVER (PARTITION BY pyk, v, pool ORDER BY cseq ROWS UNBOUNDED PRECEDING) - res AS b
FROM t;
"""
    + _choose_sql(True, "tg")
    + """
-- route again: the person-years where a subcap bound move to Python
CREATE OR REPLACE TEMP TABLE route AS
SELECT r.person_id, r.year, r.pyk,
  CASE WHEN r.path = 'sql' AND x.person_id IS NOT NULL THEN 'python' ELSE r.path END AS path
FROM route r LEFT JOIN (SELECT DISTINCT person_id, year FROM cx) x USING (person_id, year);

-- every claim-program row of the SQL person-years
CREATE OR REPLACE TEMP TABLE out_sql AS
SELECT b.claim_id, b.person_id, b.crow, b.prog_ix, b.program,
  CASE
    WHEN b.st <> 'eligible' THEN b.st
    WHEN b.kind <> 'assistance' THEN 'granted'
    WHEN s.n_ok = 0 THEN 'unresolved'
    WHEN coalesce(g.a_min, t.a_min) = coalesce(g.a_max, t.a_max) THEN 'paid'
    ELSE 'bounded'
  END AS status,
  coalesce(g.a_min, t.a_min) AS a_min, coalesce(g.a_max, t.a_max) AS a_max,
  CASE
    WHEN b.st = 'unresolved' THEN b.ucat
    WHEN b.st <> 'eligible' THEN NULL
    WHEN b.kind <> 'assistance' THEN s.grant_cat
    WHEN s.n_ok = 0 THEN s.first_cat
    ELSE coalesce(g.cat, t.cat)
  END AS identity
FROM bst b
JOIN route r ON r.person_id = b.person_id AND r.year = b.year AND r.path = 'sql'
LEFT JOIN optsum s USING (claim_id, program)
LEFT JOIN rg g ON g.claim_id = b.claim_id AND g.prog_ix = b.prog_ix
LEFT JOIN tg t ON t.claim_id = b.claim_id AND t.prog_ix = b.prog_ix;
"""
)

# The ledger's scratch tables, dropped once out_sql holds its rows.
LEDGER_SCRATCH = ("cxp", "lc", "lp", "lmask", "lt", "rg_v", "tg_v")


def _money_out(col: str) -> str:
    """Integer fen → DECIMAL(18,2), exactly (via text, never through floating point)."""
    return (
        f"CAST(CASE WHEN {col} IS NULL THEN NULL ELSE "
        f"CAST({col} // 100 AS VARCHAR) || '.' || lpad(CAST({col} % 100 AS VARCHAR), 2, '0') END "
        f"AS DECIMAL(18, 2))"
    )


def _signed_money_out(col: str) -> str:
    """Signed integer fen → DECIMAL(18,2), exactly."""
    a = f"abs({col})"
    return (
        f"CAST(CASE WHEN {col} IS NULL THEN NULL ELSE "
        f"CASE WHEN {col} < 0 THEN '-' ELSE '' END || CAST({a} // 100 AS VARCHAR) || '.' || "
        f"lpad(CAST({a} % 100 AS VARCHAR), 2, '0') END AS DECIMAL(18, 2))"
    )
