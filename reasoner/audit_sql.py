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


# Which person-years the SQL ledger computes exactly; the rest go to the Python ledger.
COMPLEX_SQL = (
    """
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
  SELECT person_id, year FROM opt WHERE fig = 'ok'
  GROUP BY person_id, year, claim_id, program
  HAVING count(DISTINCT dpool) > 1 OR count(DISTINCT cpool) > 1
  UNION ALL
  -- two programs of one claim paying from one cap pool
  SELECT person_id, year FROM (
    SELECT DISTINCT person_id, year, claim_id, program, cpool FROM opt
    WHERE fig = 'ok' AND NOT is_tilt)
  GROUP BY person_id, year, claim_id, cpool HAVING count(*) > 1
  UNION ALL
  -- a cap that differs between the candidates paying from one pool (at some reading: two
  -- open caps of one stated value are two choices)
  SELECT o.person_id, o.year FROM opt o
  LEFT JOIN figkeys k ON k.rule = o.rule AND k.year = o.year
  WHERE o.fig = 'ok'
  GROUP BY o.person_id, o.year, CASE WHEN o.is_tilt THEN 't:' ELSE '' END || o.cpool
  HAVING count(DISTINCT coalesce(o.cap_min, -1)) > 1 OR count(DISTINCT coalesce(o.cap_max, -1)) > 1
    OR count(DISTINCT coalesce(k.k_cap, -1)) > 1
  UNION ALL
  SELECT o.person_id, o.year FROM opt o JOIN shared_tilt_pool s ON s.rule = o.rule
  UNION ALL
  -- a rule that states no 起付标准 (its reading is a range of deductibles, not two ends), or
  -- more open figures in one year than the SQL ledger enumerates readings for
  SELECT o.person_id, o.year FROM opt o JOIN figkeys k ON k.rule = o.rule AND k.year = o.year
  WHERE k.ranged
  UNION ALL
  SELECT o.person_id, o.year FROM opt o JOIN figkey k ON k.rule = o.rule AND k.year = o.year
  WHERE o.fig = 'ok' GROUP BY o.person_id, o.year HAVING count(DISTINCT k.key) > """
    + str(MAX_OPEN)
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
-- route: per person-year, 'sql', 'python' (in cx) or 'error' (a missing parameter)
CREATE OR REPLACE TEMP TABLE route AS
SELECT y.person_id, y.year,
  CASE WHEN m.person_id IS NOT NULL THEN 'error'
       WHEN x.person_id IS NOT NULL THEN 'python' ELSE 'sql' END AS path
FROM py y
LEFT JOIN missing m ON m.person_id = y.person_id
LEFT JOIN cx x ON x.person_id = y.person_id AND x.year = y.year;
"""
)


def _choose_sql(src: str, dst: str) -> str:
    """就高 with a shared yearly cap, in closed form, at every reading of the open figures.

    ``src`` holds every payable candidate (claim, program, rule, category) at every vertex
    ``v`` of its person-year, with its raw amounts ``r_min``/``r_max`` (before the cap) and
    its pool. All candidates of a program share the pool and the pool's cap is one figure at
    each vertex (person-years where this fails went to the Python ledger), so with L the cap
    left before the claim:

    - least generous: the committed amount is min(max r_min, L_min), so L_min follows from a
      running sum of max r_min;
    - most generous: the candidates tied on the least generous amount are the only ones the
      choice can fall on; the committed amount is min(max of their r_max, L_max). At one
      vertex both scenarios hold the same figures, so they agree: one ledger run per reading;
    - ``{dst}_v``: what the program commits at each vertex; ``{dst}``: its least and largest
      over the vertices (every reading), and the identity as the evaluator chooses it: the
      largest (amount at the least generous vertex, at the most generous one), then the
      document's order.

    Sends to the Python ledger any person-year where some candidate's subcap would have bound.
    """
    return f"""
CREATE OR REPLACE TEMP TABLE {dst}_cp AS
SELECT claim_id, program, v, any_value(person_id) AS person_id, any_value(year) AS year,
  any_value(cseq) AS cseq, any_value(cpool) AS cpool, any_value(cap_min) AS cap_min,
  any_value(cap_max) AS cap_max, max(r_min) AS rs_min
FROM {src} GROUP BY claim_id, program, v;
CREATE OR REPLACE TEMP TABLE {dst}_l1 AS
SELECT *,
  cap_min - least(cap_min, sum(rs_min) OVER w - rs_min) AS l_min
FROM {dst}_cp
WINDOW w AS (PARTITION BY person_id, year, v, cpool ORDER BY cseq ROWS UNBOUNDED PRECEDING);
CREATE OR REPLACE TEMP TABLE {dst}_o1 AS
SELECT *, max(a_min) OVER (PARTITION BY claim_id, program, v) AS m_min FROM (
  SELECT o.*, l.l_min,
    CASE WHEN l.l_min IS NULL THEN o.r_min ELSE least(o.r_min, l.l_min) END AS a_min
  FROM {src} o JOIN {dst}_l1 l USING (claim_id, program, v)
);
CREATE OR REPLACE TEMP TABLE {dst}_l2 AS
SELECT *,
  cap_max - least(cap_max, sum(rs_max) OVER w - rs_max) AS l_max
FROM (
  SELECT l.*, t.rs_max FROM {dst}_l1 l JOIN (
    SELECT claim_id, program, v, max(r_max) AS rs_max FROM {dst}_o1 WHERE a_min = m_min
    GROUP BY claim_id, program, v
  ) t USING (claim_id, program, v)
)
WINDOW w AS (PARTITION BY person_id, year, v, cpool ORDER BY cseq ROWS UNBOUNDED PRECEDING);
CREATE OR REPLACE TEMP TABLE {dst}_o2 AS
SELECT o.*, CASE WHEN l.l_max IS NULL THEN o.r_max ELSE least(o.r_max, l.l_max) END AS a_max
FROM {dst}_o1 o JOIN {dst}_l2 l USING (claim_id, program, v);
CREATE OR REPLACE TEMP TABLE {dst}_v AS
SELECT claim_id, program, v, any_value(person_id) AS person_id, any_value(year) AS year,
  any_value(cseq) AS cseq,
  max(a_min) AS a_min,
  first(a_max ORDER BY a_min DESC, a_max DESC, ord, rule, cat) AS a_max
FROM {dst}_o2 GROUP BY claim_id, program, v;
CREATE OR REPLACE TEMP TABLE {dst} AS
WITH k AS (
  SELECT claim_id, program, rule, cat, any_value(ord) AS ord,
    max(CASE WHEN v = 0 THEN a_min END) AS k_min, max(CASE WHEN v = vmax THEN a_max END) AS k_max
  FROM {dst}_o2 GROUP BY claim_id, program, rule, cat
), c AS (
  SELECT claim_id, program, first(cat ORDER BY k_min DESC, k_max DESC, ord, rule, cat) AS cat
  FROM k GROUP BY claim_id, program
)
SELECT x.claim_id, x.program, any_value(x.person_id) AS person_id, any_value(x.year) AS year,
  any_value(x.cseq) AS cseq, any_value(c.cat) AS cat, min(x.a_min) AS a_min,
  max(x.a_max) AS a_max
FROM {dst}_v x JOIN c USING (claim_id, program) GROUP BY x.claim_id, x.program;
INSERT INTO cx
SELECT DISTINCT o.person_id, o.year FROM {dst}_o2 o JOIN (
  SELECT claim_id, program, v,
    sum(a_min) OVER w - a_min AS su_min, sum(a_max) OVER w - a_max AS su_max
  FROM {dst}_v
  WINDOW w AS (PARTITION BY person_id, year, v, program ORDER BY cseq ROWS UNBOUNDED PRECEDING)
) s USING (claim_id, program, v)
WHERE s.su_min + o.a_min > o.sub_min OR s.su_max + o.a_max > o.sub_max;
"""


# The figure columns of `opt` a vertex sets: (column, figkeys key column).
_OPEN = (("ded", "k_ded"), ("rate", "k_rate"), ("cap", "k_cap"), ("sub", "k_sub"), ("thr", "k_thr"))
_AT_VERTEX = ",\n  ".join(
    f"CASE WHEN (x.v // {k}.bit) % 2 = 1 THEN o.{c}_max ELSE o.{c}_min END AS {c}_at"
    for c, k in _OPEN
)
_KEY_JOINS = "\n".join(
    f"LEFT JOIN vkey {k} ON {k}.person_id = o.person_id AND {k}.year = o.year AND {k}.key = f.{k}"
    for _c, k in _OPEN
)
_BOTH = ", ".join(f"{c}_at AS {c}_min, {c}_at AS {c}_max" for c, _k in _OPEN)

LEDGER_SQL = (
    """
-- the readings of each SQL person-year: its open figures (a floor or ceiling the city fixes)
-- numbered, and every subset of them at its generous end a vertex v (bit i: figure i); v = 0
-- is the least generous reading, vmax the most generous; a year with no open figure has one
CREATE OR REPLACE TEMP TABLE vkey AS
SELECT person_id, year, key,
  CAST(power(2, row_number() OVER (PARTITION BY person_id, year ORDER BY key) - 1) AS BIGINT) AS bit
FROM (
  SELECT DISTINCT o.person_id, o.year, k.key FROM opt o
  JOIN figkey k ON k.rule = o.rule AND k.year = o.year
  JOIN route r ON r.person_id = o.person_id AND r.year = o.year AND r.path = 'sql'
  WHERE o.fig = 'ok'
);
-- vx: the vertices (readings) of each SQL person-year
CREATE OR REPLACE TEMP TABLE vx AS
SELECT r.person_id, r.year, n.v, n.vmax FROM route r
LEFT JOIN (SELECT person_id, year, count(*) AS nk FROM vkey GROUP BY person_id, year) k
  ON k.person_id = r.person_id AND k.year = r.year
JOIN vertices n ON n.nk = coalesce(k.nk, 0)
WHERE r.path = 'sql';
-- every payable candidate of a SQL person-year at every vertex, with the figures it reads
CREATE OR REPLACE TEMP TABLE optx AS
WITH a AS (
  SELECT o.claim_id, o.program, o.person_id, o.year, o.cseq, o.prog_ix, o.kind, o.is_tilt,
    o.rule, o.cat, o.ord, o.dpool, o.cpool, x.v, x.vmax,
  """
    + _AT_VERTEX
    + """
  FROM opt o JOIN vx x ON x.person_id = o.person_id AND x.year = o.year
  LEFT JOIN figkeys f ON f.rule = o.rule AND f.year = o.year
"""
    + _KEY_JOINS
    + """
  WHERE o.fig = 'ok'
)
SELECT claim_id, program, person_id, year, cseq, prog_ix, kind, is_tilt, rule, cat, ord, dpool,
  cpool, v, vmax, """
    + _BOTH
    + """
FROM a;
-- candidates the ledger may commit: eligible money programs (tilt apart)
CREATE OR REPLACE TEMP TABLE rg0 AS
SELECT o.*, b.sp
FROM optx o JOIN bst b USING (claim_id, program)
WHERE o.kind = 'assistance' AND NOT b.is_tilt;
-- self-pay already counted in the deductible pool before the claim (the same at every vertex)
CREATE OR REPLACE TEMP TABLE rg_ded AS
SELECT claim_id, program,
  sum(sp) OVER (PARTITION BY person_id, year, dpool ORDER BY cseq
                RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    - sum(sp) OVER (PARTITION BY person_id, year, dpool, cseq) AS ded_used
FROM (SELECT DISTINCT claim_id, program, person_id, year, cseq, dpool, sp FROM rg0);
-- rg1: each candidate's amount before caps at every vertex (self-pay past the deductible
-- left, times the rate)
CREATE OR REPLACE TEMP TABLE rg1 AS
SELECT o.*,
  (greatest(0, o.sp - greatest(0, o.ded_min - d.ded_used)) * o.rate_min + 50) // 100 AS r_min,
  (greatest(0, o.sp - greatest(0, o.ded_max - d.ded_used)) * o.rate_max + 50) // 100 AS r_max
FROM rg0 o JOIN rg_ded d USING (claim_id, program);
"""
    + _choose_sql("rg1", "rg")
    + """
-- tilt: the residual after the claim's other programs, running per person, year, vertex and
-- pool (a tilt none of whose figures can be computed still adds its residual to the pool)
CREATE OR REPLACE TEMP TABLE tl0 AS
WITH paid AS (
  SELECT claim_id, v, sum(a_min) AS p_min, sum(a_max) AS p_max FROM rg_v GROUP BY claim_id, v
), t AS (
  SELECT o.claim_id, x.v, any_value(o.person_id) AS person_id, any_value(o.year) AS year,
    any_value(o.cseq) AS cseq,
    coalesce(first(o.cpool ORDER BY o.rule, o.cat) FILTER (WHERE o.fig = 'ok'),
             first(o.cpool ORDER BY o.rule, o.cat)) AS pool
  FROM opt o JOIN vx x ON x.person_id = o.person_id AND x.year = o.year
  WHERE o.is_tilt
  GROUP BY o.claim_id, x.v
)
SELECT t.*, c.sp,
  greatest(0, c.sp - coalesce(p.p_min, 0)) AS res_min,
  greatest(0, c.sp - coalesce(p.p_max, 0)) AS res_max
FROM t JOIN cl c USING (claim_id) LEFT JOIN paid p USING (claim_id, v);
-- tl1: each tilt candidate's amount before caps: the rate on the part of the running
-- residual above the threshold that this claim adds
CREATE OR REPLACE TEMP TABLE tl1 AS
SELECT o.claim_id, o.program, o.person_id, o.year, o.cseq, o.cpool, o.ord, o.rule, o.cat,
  o.v, o.vmax, o.cap_min, o.cap_max, o.sub_min, o.sub_max,
  ((greatest(0, t.b_min + t.res_min - o.thr_min) - greatest(0, t.b_min - o.thr_min))
    * o.rate_min + 50) // 100 AS r_min,
  ((greatest(0, t.b_max + t.res_max - o.thr_max) - greatest(0, t.b_max - o.thr_max))
    * o.rate_max + 50) // 100 AS r_max
FROM optx o JOIN (
  SELECT *, sum(res_min) OVER w - res_min AS b_min, sum(res_max) OVER w - res_max AS b_max
  FROM tl0
  WINDOW w AS (PARTITION BY person_id, year, v, pool ORDER BY cseq ROWS UNBOUNDED PRECEDING)
) t USING (claim_id, v)
WHERE o.is_tilt;
"""
    + _choose_sql("tl1", "tg")
    + """
-- route again: the person-years where a subcap bound move to Python
CREATE OR REPLACE TEMP TABLE route AS
SELECT r.person_id, r.year,
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
LEFT JOIN rg g USING (claim_id, program)
LEFT JOIN tg t USING (claim_id, program);
"""
)


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
