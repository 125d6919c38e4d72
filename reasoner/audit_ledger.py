"""The audit's routing and closed-form ledger in SQL (the plan after eligibility).

``COMPLEX_SQL`` decides which person-years the closed form settles (the rest go to the ledger
kernel, reasoner.audit_python); ``LEDGER_SQL`` computes them at every lawful reading. Both are
scripts of DuckDB statements run by :class:`reasoner.audit.Auditor` after reasoner.audit_sql's
eligibility, in the subset reasoner.audit_spark translates. A comment above each table says
what it holds; tests/test_kernel.py checks the ledger against the kernel to the fen.
"""

from __future__ import annotations

from reasoner.audit_sql import MAX_OPEN

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
SELECT region, rule, year, key, pos,
  CASE WHEN pos <= """
    + str(_BITS)
    + """ THEN CAST(power(2, least(pos, """
    + str(_BITS)
    + """) - 1) AS BIGINT) END AS bit
FROM p;
-- lfig: per money rule and year, the bit of each of its open figures and all of them (kmask),
-- and whether it states no 起付标准 (ranged)
CREATE OR REPLACE TEMP TABLE lfig AS
WITH m AS (SELECT rule, year, bit_or(bit) AS kmask FROM lbit GROUP BY rule, year)
SELECT f.rule, f.year, f.ranged, coalesce(m.kmask, 0) AS kmask, bd.bit AS b_ded,
  br.bit AS b_rate,
  bc.bit AS b_cap, bs.bit AS b_sub, bt.bit AS b_thr
FROM figkeys f LEFT JOIN m ON m.rule = f.rule AND m.year = f.year
LEFT JOIN lbit bd ON bd.rule = f.rule AND bd.year = f.year AND bd.key = f.k_ded
LEFT JOIN lbit br ON br.rule = f.rule AND br.year = f.year AND br.key = f.k_rate
LEFT JOIN lbit bc ON bc.rule = f.rule AND bc.year = f.year AND bc.key = f.k_cap
LEFT JOIN lbit bs ON bs.rule = f.rule AND bs.year = f.year AND bs.key = f.k_sub
LEFT JOIN lbit bt ON bt.rule = f.rule AND bt.year = f.year AND bt.key = f.k_thr;
-- floors: the money programs (tilt apart) whose figure is only a floor, as the kernel's
-- Pay.floor: 就高 against a treatment in another document or a candidate the knowledge base
-- cannot compute, 取高 against a partner whose amount is unknown. What they pay still commits;
-- the row states it as a lower bound (the least over the readings)
-- (per class of claims, as eligibility decides them: flk the class's floor programs, then
-- each claim of the class)
CREATE OR REPLACE TEMP TABLE flk AS
SELECT DISTINCT profile_id, hmask, year, program FROM (
  SELECT y.profile_id, y.hmask, y.year, s.program FROM chy y
  JOIN ch_st s ON s.profile_id = y.profile_id AND s.hmask = y.hmask
  JOIN (SELECT DISTINCT profile_id, hmask, program FROM ch_un) u
    ON u.profile_id = s.profile_id AND u.hmask = s.hmask AND u.program = s.program
  WHERE s.st = 'eligible' AND s.kind = 'assistance' AND NOT s.is_tilt
  UNION ALL
  SELECT m.profile_id, m.hmask, m.year, m.program FROM ch_sum m
  JOIN ch_st s ON s.profile_id = m.profile_id AND s.hmask = m.hmask AND s.program = m.program
  WHERE s.kind = 'assistance' AND NOT s.is_tilt AND m.n_ok > 0 AND m.n_ok < m.n_all
  UNION ALL
  SELECT y.profile_id, y.hmask, y.year, a.program FROM chy y
  JOIN ch_st a ON a.profile_id = y.profile_id AND a.hmask = y.hmask
  JOIN ch_st b ON b.profile_id = y.profile_id AND b.hmask = y.hmask
  JOIN ovl_pairs ov ON ov.region = y.region AND ov.p1 = a.program AND ov.p2 = b.program
  JOIN ch_sum sa ON sa.profile_id = y.profile_id AND sa.hmask = y.hmask AND sa.year = y.year
    AND sa.program = a.program
  LEFT JOIN ch_sum sb ON sb.profile_id = y.profile_id AND sb.hmask = y.hmask
    AND sb.year = y.year AND sb.program = b.program
  WHERE a.st = 'eligible' AND sa.n_ok > 0
    AND (b.st = 'unresolved' OR (b.st = 'eligible' AND coalesce(sb.n_ok, 0) = 0))
);
CREATE OR REPLACE TEMP TABLE floors AS
SELECT c.claim_id, k.program FROM cl c
JOIN flk k ON k.profile_id = c.profile_id AND k.hmask = c.hmask AND k.year = c.year;
-- lpool: the pools (deductible and cap) as integers
CREATE OR REPLACE TEMP TABLE lpool AS
SELECT pool, dense_rank() OVER (ORDER BY pool) AS ix FROM (
  SELECT dpool AS pool FROM rules UNION SELECT cpool FROM rules);
-- cxk: per class of claims (profile, held mask, year; eligibility's ch_opt) and program with
-- payable candidates: the pools they would commit to, the spread of their caps (NULL: no
-- limit, as -1), the largest (top), whether a figure is open, and whether the candidates with
-- the top cap have the largest rate and the least 起付标准 (dom)
CREATE OR REPLACE TEMP TABLE cxk AS
WITH o AS (
  SELECT o.profile_id, o.hmask, o.year, o.prog_ix, o.is_tilt, dp.ix AS dpool, cp.ix AS cpool,
    o.cap_min, o.cap_max, o.rate_min, o.ded_min, k.k_cap,
    k.k_ded IS NOT NULL OR k.k_rate IS NOT NULL OR k.k_cap IS NOT NULL
      OR coalesce(k.ranged, FALSE) OR o.cap_min IS DISTINCT FROM o.cap_max AS open
  FROM ch_opt o LEFT JOIN figkeys k ON k.rule = o.rule AND k.year = o.year
  JOIN lpool dp ON dp.pool = o.dpool
  JOIN lpool cp ON cp.pool = o.cpool
  WHERE o.fig = 'ok'
), t AS (
  SELECT profile_id, hmask, year, prog_ix,
    CASE WHEN count(cap_min) < count(*) THEN NULL ELSE max(cap_min) END AS top
  FROM o GROUP BY profile_id, hmask, year, prog_ix
)
SELECT o.profile_id, o.hmask, o.year, o.prog_ix, any_value(o.is_tilt) AS is_tilt,
  any_value(o.cpool) AS cpool, min(o.dpool) AS dmin, max(o.dpool) AS dmax,
  min(o.cpool) AS cmin, max(o.cpool) AS cmax, any_value(t.top) AS top,
  min(coalesce(o.cap_min, -1)) AS c_lo, max(coalesce(o.cap_min, -1)) AS c_hi,
  min(coalesce(o.cap_max, -1)) AS x_lo, max(coalesce(o.cap_max, -1)) AS x_hi,
  min(coalesce(o.k_cap, -1)) AS k_lo, max(coalesce(o.k_cap, -1)) AS k_hi,
  bool_or(o.open) AS open,
  coalesce(min(o.rate_min) FILTER (WHERE coalesce(o.cap_min, -1) = coalesce(t.top, -1))
             >= max(o.rate_min)
    AND max(o.ded_min) FILTER (WHERE coalesce(o.cap_min, -1) = coalesce(t.top, -1))
             <= min(o.ded_min), FALSE) AS dom
FROM o JOIN t ON t.profile_id = o.profile_id AND t.hmask = o.hmask AND t.year = o.year
  AND t.prog_ix = o.prog_ix
GROUP BY o.profile_id, o.hmask, o.year, o.prog_ix;
-- cxc: each program of a claim with payable candidates, with its class's caps (what the
-- pool's check below reads)
CREATE OR REPLACE TEMP TABLE cxc AS
SELECT b.pyk, k.is_tilt, k.cpool, k.top, k.c_lo, k.c_hi, k.x_lo, k.x_hi, k.k_lo, k.k_hi,
  k.open, k.dom
FROM bst b JOIN cxk k ON k.profile_id = b.profile_id AND k.hmask = b.hmask
  AND k.year = b.year AND k.prog_ix = b.prog_ix
WHERE b.st = 'eligible';
-- cxy: the classes of claims whose person-years the closed form cannot settle, for a reason
-- the class decides (each below); cx adds the person-years of their claims to the rest
CREATE OR REPLACE TEMP TABLE cxy AS
SELECT DISTINCT profile_id, hmask, year FROM (
  -- an overlap the document settles by paying the larger: the loser does not commit
  SELECT a.profile_id, a.hmask, a.year FROM ch_sum a
  JOIN ch_sum b ON b.profile_id = a.profile_id AND b.hmask = a.hmask AND b.year = a.year
  JOIN ch h ON h.profile_id = a.profile_id AND h.hmask = a.hmask
  JOIN ovl_pairs ov ON ov.region = h.region AND ov.p1 = a.program AND ov.p2 = b.program
  WHERE a.n_ok > 0 AND b.n_ok > 0
  UNION ALL
  -- candidates of one program that would commit to different pools
  SELECT profile_id, hmask, year FROM cxk WHERE dmin <> dmax OR cmin <> cmax
  UNION ALL
  -- two programs of one claim paying from one cap pool
  SELECT profile_id, hmask, year FROM cxk WHERE NOT is_tilt
  GROUP BY profile_id, hmask, year, cmin HAVING count(*) > 1
  UNION ALL
  SELECT o.profile_id, o.hmask, o.year FROM ch_opt o
  JOIN shared_tilt_pool s ON s.rule = o.rule
  UNION ALL
  -- a tilt with a candidate the knowledge base cannot compute (its figure a floor) or a
  -- treatment in another document
  SELECT y.profile_id, y.hmask, y.year FROM chy y
  JOIN ch_st s ON s.profile_id = y.profile_id AND s.hmask = y.hmask
  JOIN (SELECT DISTINCT profile_id, hmask, program FROM ch_un) u
    ON u.profile_id = s.profile_id AND u.hmask = s.hmask AND u.program = s.program
  WHERE s.st = 'eligible' AND s.is_tilt
  UNION ALL
  SELECT m.profile_id, m.hmask, m.year FROM ch_sum m
  JOIN ch_st s ON s.profile_id = m.profile_id AND s.hmask = m.hmask AND s.program = m.program
  WHERE s.is_tilt AND m.n_ok > 0 AND m.n_ok < m.n_all
  UNION ALL
  -- a tilt on a residual another program leaves unknown (unresolved or only a floor)
  SELECT o.profile_id, o.hmask, o.year FROM (
    SELECT y.profile_id, y.hmask, y.year FROM chy y
    JOIN ch_st s ON s.profile_id = y.profile_id AND s.hmask = y.hmask
    WHERE s.st = 'unresolved' AND NOT s.is_tilt AND s.kind = 'assistance'
    UNION ALL
    -- a ch_sum row is an eligible program's
    SELECT m.profile_id, m.hmask, m.year FROM ch_sum m JOIN programs pg USING (program)
    WHERE m.n_ok < m.n_all AND NOT pg.is_tilt AND pg.kind = 'assistance'
    UNION ALL
    SELECT f.profile_id, f.hmask, f.year FROM flk f JOIN programs pg USING (program)
    WHERE NOT pg.is_tilt AND pg.kind = 'assistance'
  ) o JOIN (SELECT DISTINCT profile_id, hmask FROM ch_st WHERE is_tilt AND st = 'eligible') t
    ON t.profile_id = o.profile_id AND t.hmask = o.hmask
);
-- cx: the person-years (pyk) the closed form cannot settle (each reason below); the ledger
-- adds those where a subcap binds
CREATE OR REPLACE TEMP TABLE cx AS
SELECT DISTINCT pyk FROM (
  SELECT c.pyk FROM cl c
  JOIN cxy k ON k.profile_id = c.profile_id AND k.hmask = c.hmask AND k.year = c.year
  UNION ALL
  -- a cap that differs between the candidates paying from one pool (at some reading: two
  -- open caps of one stated value are two choices), unless no figure is open and on every
  -- claim the candidates with the pool's one largest cap also have the largest rate and the
  -- least 起付标准: they pay the most at any cap left, so the pool runs on their cap
  SELECT pyk FROM cxc
  GROUP BY pyk, is_tilt, cpool
  HAVING (min(c_lo) <> max(c_hi) OR min(x_lo) <> max(x_hi) OR min(k_lo) <> max(k_hi))
    AND NOT (bool_and(dom) AND NOT bool_or(open) AND NOT bool_or(is_tilt)
             AND min(coalesce(top, -1)) = max(coalesce(top, -1)))
  UNION ALL
  -- more open figures in one year than the SQL ledger enumerates readings for (only a region
  -- and year with more of them than that can have such a person-year: most have none)
  SELECT c.pyk FROM cl c JOIN (
    SELECT DISTINCT o.profile_id, o.hmask, o.year, b.key, b.pos FROM ch_opt o
    JOIN lbit b ON b.rule = o.rule AND b.year = o.year
    JOIN (
      SELECT region, year FROM lbit GROUP BY region, year HAVING max(pos) > """
    + str(MAX_OPEN)
    + """
    ) m ON m.region = b.region AND m.year = b.year
    WHERE o.fig = 'ok'
  ) k ON k.profile_id = c.profile_id AND k.hmask = c.hmask AND k.year = c.year
  GROUP BY c.pyk
  HAVING count(DISTINCT k.key) > """
    + str(MAX_OPEN)
    + " OR max(k.pos) > "
    + str(_BITS)
    + """
);
-- route: per person-year (pyk: its integer key), 'sql', 'python' (in cx) or 'error' (a
-- missing parameter)
CREATE OR REPLACE TEMP TABLE route AS
SELECT y.person_id, y.year, y.pyk,
  CASE WHEN m.person_id IS NOT NULL THEN 'error'
       WHEN x.pyk IS NOT NULL THEN 'python' ELSE 'sql' END AS path
FROM py y
LEFT JOIN missing m ON m.person_id = y.person_id
LEFT JOIN cx x ON x.pyk = y.pyk;
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
    # NULL: a 起付标准 above every self-pay (a rule that states none, at its least generous end)
    return (
        f"CASE WHEN {ded} IS NULL THEN 0 ELSE "
        f"(greatest(0, p.sp - greatest(0, {ded} - p.ded_used)) * {rate} + 50) // 100 END"
    )


def _cands(tilt: bool, where: str = "TRUE", only: str | None = None) -> str:
    """Every payable candidate of the SQL person-years at every reading (``where`` narrows
    the readings, ``only`` the claim-programs): its amount before the caps, cap and subcap."""
    x, n = ("t", "t") if tilt else ("m", "p")
    # the claim's program (lt or lp) meets its class's candidates (lcc, few: the small side)
    src = (
        f"{'lt' if tilt else 'lp'} {n} JOIN lcc c ON c.profile_id = {n}.profile_id"
        f" AND c.hmask = {n}.hmask AND c.year = {n}.year AND c.prog_ix = {n}.prog_ix"
    )
    if tilt:
        keep = "c.is_tilt AND c.ok"
    else:
        src += " JOIN lmask m ON m.mask = p.mask"
        keep = "NOT c.is_tilt"
    if only is not None:
        src += f" JOIN ({only}) q ON q.claim_id = {n}.claim_id AND q.prog_ix = {n}.prog_ix"
    vs = f"{x}.vs"
    return f"""SELECT {n}.claim_id, {n}.prog_ix, {n}.pyk, {n}.cseq, c.cp, c.rule, c.cat, c.ord,
    {x}.v, {x}.vmax, {vs} AS vs, {n}.n AS n_c, {_raw(tilt, vs)} AS r,
    {_at("cap", vs)} AS cap, {_at("sub", vs)} AS sub
  FROM {src}
  WHERE {keep} AND {where}"""


def _subcap_sql(tilt: bool, dst: str) -> str:
    """The person-years of ``{dst}_v`` where a subcap binds at some reading, into cx."""
    mixed = (
        f"SELECT DISTINCT claim_id, prog_ix FROM {dst}_s "
        "WHERE n_sub > 0 AND (n_sub < n OR sub_lo <> sub_hi)"
    )
    # the programs with a candidate that states a subcap (few): the rest cannot bind one
    some = (
        "SELECT p.claim_id, p.prog_ix FROM lp p JOIN (SELECT DISTINCT profile_id, hmask, year, "
        "prog_ix FROM lcc WHERE sub_min IS NOT NULL OR sub_max IS NOT NULL) s "
        "ON s.profile_id = p.profile_id AND s.hmask = p.hmask AND s.year = p.year "
        "AND s.prog_ix = p.prog_ix"
    )
    return f"""
-- {dst}_s: each program with a subcap at each reading: its candidates' subcaps (least and
-- largest), how many state one and how many there are
CREATE OR REPLACE TEMP TABLE {dst}_s AS
SELECT claim_id, prog_ix, v, any_value(pyk) AS pyk, min(sub) AS sub_lo, max(sub) AS sub_hi,
  count(sub) AS n_sub, count(*) AS n
FROM (
  {_cands(tilt, only=some)}
) c GROUP BY claim_id, prog_ix, v;
-- a subcap that binds at some reading: the person-year goes to the kernel (one subcap for
-- every candidate: the program's own amount; else candidate by candidate). su: what the
-- program committed before the claim, summed only where the program has a subcap
INSERT INTO cx
WITH g AS (
  -- per program of a person-year with a subcap, at each reading: the least subcap, and
  -- whether the candidates of a claim state different ones
  SELECT pyk, prog_ix, v, min(sub_lo) AS smin, bool_or(n_sub < n OR sub_lo <> sub_hi) AS mixed
  FROM {dst}_s WHERE n_sub > 0 GROUP BY pyk, prog_ix, v
), t AS (
  -- what the program commits in the year at that reading
  SELECT x.pyk, x.prog_ix, x.v, CAST(sum(x.a) AS BIGINT) AS tot FROM {dst}_v x
  JOIN (SELECT DISTINCT pyk, prog_ix FROM g) k ON k.pyk = x.pyk AND k.prog_ix = x.prog_ix
  GROUP BY x.pyk, x.prog_ix, x.v
), q AS (
  -- a claim's running sum (su + a, every a >= 0) is at most the year's: one subcap for
  -- every candidate binds nowhere if the least of them is not below the year's sum (most
  -- programs: the running sums below are taken only for the rest)
  SELECT g.pyk, g.prog_ix, g.v FROM g
  JOIN t ON t.pyk = g.pyk AND t.prog_ix = g.prog_ix AND t.v = g.v
  WHERE g.mixed OR t.tot > g.smin
), sv AS (
  SELECT x.claim_id, x.prog_ix, x.v, x.a, x.u, s.n_sub, s.n, s.sub_lo, s.sub_hi, x.pyk,
    CAST(sum(x.a) OVER (PARTITION BY x.pyk, x.v, x.prog_ix ORDER BY x.cseq
                        ROWS UNBOUNDED PRECEDING) AS BIGINT) - x.a AS su
  FROM {dst}_v x JOIN q ON q.pyk = x.pyk AND q.prog_ix = x.prog_ix AND q.v = x.v
  LEFT JOIN {dst}_s s ON s.claim_id = x.claim_id AND s.prog_ix = x.prog_ix AND s.v = x.v
)
SELECT DISTINCT pyk FROM (
  SELECT pyk FROM sv WHERE n_sub = n AND sub_lo = sub_hi AND su + a > sub_lo
  UNION ALL
  SELECT c.pyk FROM (
    {_cands(tilt, only=mixed)}
  ) c JOIN sv x ON x.claim_id = c.claim_id AND x.prog_ix = c.prog_ix AND x.v = c.v
  WHERE x.su + CASE WHEN c.cap IS NULL THEN c.r ELSE least(c.r, greatest(0, c.cap - x.u)) END > c.sub
) s;
"""


def _choose_sql(tilt: bool, dst: str) -> str:
    """就高 with a shared yearly cap, in closed form, at every reading: the pool runs on one cap
    (else the kernel took it), the program commits a = min(rs, L) (rs its largest candidate
    before the cap, L the cap left), and the pool's committed sum is min(cap, running sum of
    rs). ``{dst}_v``: the program at each reading; ``{dst}``: its least and largest over them
    and the identity the evaluator names. A subcap that would bind sends it to the kernel."""
    x = "t" if tilt else "m"
    n = "t" if tilt else "p"
    # the evaluator names only a candidate whose figures are known (not a ranged one)
    ends = f"{n}.n > 1 AND NOT c.ranged AND ({x}.v = 0 OR {x}.v = {x}.vmax)"
    return (
        f"""
-- {dst}_v: each money program of a SQL person-year at each reading: rs its largest candidate
-- before the cap, l the pool's cap left before the claim, a what it commits. Narrow rows: the
-- window sorts every column it carries (the subcaps are apart, in {dst}_s)
CREATE OR REPLACE TEMP TABLE {dst}_v AS
WITH g AS (
  -- one candidate (most programs): its own figures, no aggregation
  SELECT claim_id, prog_ix, v, pyk, cseq, cp, r AS rs, cap FROM (
    {_cands(tilt, f"{n}.n = 1")}
  ) c
  UNION ALL
  SELECT claim_id, prog_ix, v, any_value(pyk), any_value(cseq), any_value(cp), max(r),
    -- the pool's cap: the candidates' one cap, or the largest where the largest dominates
    CASE WHEN count(cap) < count(*) THEN NULL ELSE max(cap) END
  FROM (
    {_cands(tilt, f"{n}.n > 1")}
  ) c GROUP BY claim_id, prog_ix, v
), s AS (
  SELECT g.*,
    CAST(sum(rs) OVER (PARTITION BY pyk, v, cp ORDER BY cseq ROWS UNBOUNDED PRECEDING) AS BIGINT)
      - rs AS rb
  FROM g
), w AS (
  -- u: what the pool committed before the claim; l: the cap left
  SELECT s.*, CASE WHEN cap IS NULL THEN rb ELSE least(cap, rb) END AS u,
    CASE WHEN cap IS NOT NULL THEN cap - least(cap, rb) END AS l
  FROM s
)
SELECT claim_id, prog_ix, v, pyk, cseq, u, CASE WHEN l IS NULL THEN rs ELSE least(rs, l) END AS a
FROM w;
"""
        + _subcap_sql(tilt, dst)
        + f"""
-- {dst}: each money program over every reading, with the identity it pays under
CREATE OR REPLACE TEMP TABLE {dst} AS
WITH s AS (
  SELECT claim_id, prog_ix, min(a) AS a_min, max(a) AS a_max FROM {dst}_v
  GROUP BY claim_id, prog_ix
), k AS (
  SELECT c.claim_id, c.prog_ix, c.rule, c.cat, any_value(c.ord) AS ord,
    -- each candidate within its own cap
    max(CASE WHEN c.v = 0 THEN CASE WHEN c.cap IS NULL THEN c.r ELSE least(c.r, greatest(0, c.cap - x.u)) END END) AS k_min,
    max(CASE WHEN c.v = c.vmax THEN CASE WHEN c.cap IS NULL THEN c.r ELSE least(c.r, greatest(0, c.cap - x.u)) END END) AS k_max
  FROM (
    {_cands(tilt, ends)}
  ) c JOIN {dst}_v x ON x.claim_id = c.claim_id AND x.prog_ix = c.prog_ix AND x.v = c.v
  GROUP BY c.claim_id, c.prog_ix, c.rule, c.cat
), b AS (
  SELECT claim_id, prog_ix, first(cat ORDER BY k_min DESC, k_max DESC, ord, rule, cat) AS cat
  FROM k GROUP BY claim_id, prog_ix
)
SELECT s.claim_id, s.prog_ix, s.a_min, s.a_max, nm.name AS cat, p.n_known, p.pyk,
  p.profile_id, p.hmask, p.year
FROM s JOIN lp p USING (claim_id, prog_ix) LEFT JOIN b USING (claim_id, prog_ix)
LEFT JOIN lname nm ON nm.ix = coalesce(b.cat, p.cat1);
"""
    )


LEDGER_SQL = (
    """
-- lnot: the person-years not on the SQL path (few: every other claim's person-year is)
CREATE OR REPLACE TEMP TABLE lnot AS SELECT pyk FROM route WHERE path <> 'sql';
-- lname: the rules' and categories' names as integers in the names' order, so the ledger
-- groups, sorts and picks on integers (what it picks is named again at the end)
CREATE OR REPLACE TEMP TABLE lname AS
SELECT name, CAST(dense_rank() OVER (ORDER BY name) AS BIGINT) AS ix FROM (
  SELECT rule AS name FROM rules UNION SELECT DISTINCT cat FROM ch_opt);
-- lcc: every candidate the ledger may commit (a tilt's uncomputed ones too: they carry its
-- residual), per class of claims (profile, held mask, year; as eligibility's ch_opt), with
-- integer keys: a candidate's figures are its class's, so the claims meet them only where a
-- claim's own amounts are computed
CREATE OR REPLACE TEMP TABLE lcc AS
SELECT o.profile_id, o.hmask, o.year, o.prog_ix, o.is_tilt, o.fig = 'ok' AS ok,
  rn.ix AS rule, cn.ix AS cat,
  o.ord, dp.ix AS dp, cp.ix AS cp, f.kmask, coalesce(f.ranged, FALSE) AS ranged,
  o.ded_min, o.ded_max, o.rate_min, o.rate_max, o.cap_min, o.cap_max, o.sub_min, o.sub_max,
  o.thr_min, o.thr_max, f.b_ded, f.b_rate, f.b_cap, f.b_sub, f.b_thr
FROM ch_opt o
JOIN lpool dp ON dp.pool = o.dpool
JOIN lpool cp ON cp.pool = o.cpool
JOIN lname rn ON rn.name = o.rule
JOIN lname cn ON cn.name = o.cat
LEFT JOIN lfig f ON f.rule = o.rule AND f.year = o.year
WHERE o.kind = 'assistance' AND (o.fig = 'ok' OR o.is_tilt);
-- lp: each money program of a claim of a SQL person-year: its pool, how many candidates are
-- payable (n_known of them with every figure known; cat1 the one if only one), the self-pay
-- counted in its deductible pool before the claim, and the mask of its person-year's open
-- figures (k: what the class decides, once per class)
CREATE OR REPLACE TEMP TABLE lp AS
WITH k AS (
  SELECT profile_id, hmask, year, prog_ix, any_value(is_tilt) AS is_tilt, any_value(dp) AS dp,
    -- a tilt none of whose candidates is payable carries its residual to the first one's pool
    coalesce(max(cp) FILTER (WHERE ok), first(cp ORDER BY rule, cat)) AS cp,
    count(*) FILTER (WHERE ok) AS n, count(*) FILTER (WHERE ok AND NOT ranged) AS n_known,
    min(cat) FILTER (WHERE ok AND NOT ranged) AS cat1,
    bit_or(kmask) FILTER (WHERE ok) AS kmask
  FROM lcc GROUP BY profile_id, hmask, year, prog_ix
), w AS (
  SELECT b.claim_id, b.prog_ix, b.pyk, b.cseq, b.sp, b.profile_id, b.hmask, b.year,
    k.is_tilt, k.dp, k.cp, k.n, k.n_known, k.cat1, k.kmask
  FROM bst b
  JOIN k ON k.profile_id = b.profile_id AND k.hmask = b.hmask AND k.year = b.year
    AND k.prog_ix = b.prog_ix
  LEFT JOIN lnot x ON x.pyk = b.pyk
  WHERE b.st = 'eligible' AND x.pyk IS NULL
), d AS (
  -- the running sums on narrow rows (a window sorts every column it carries): per claim and
  -- deductible pool, the self-pay its programs count, and what the pool counted before it
  SELECT pyk, dp, cseq,
    CAST(sum(CASE WHEN NOT is_tilt AND n > 0 THEN sp ELSE 0 END) AS BIGINT) AS dw
  FROM w GROUP BY pyk, dp, cseq
), du AS (
  SELECT pyk, dp, cseq,
    CAST(sum(dw) OVER (PARTITION BY pyk, dp ORDER BY cseq ROWS UNBOUNDED PRECEDING) AS BIGINT)
      - dw AS ded_used
  FROM d
), m AS (
  SELECT pyk, coalesce(bit_or(kmask), 0) AS mask FROM w GROUP BY pyk
)
SELECT w.claim_id, w.prog_ix, w.is_tilt, w.pyk, w.cseq, w.sp, w.cp, w.n, w.n_known, w.cat1,
  w.profile_id, w.hmask, w.year, du.ded_used, m.mask
FROM w JOIN du ON du.pyk = w.pyk AND du.dp = w.dp AND du.cseq = w.cseq
JOIN m ON m.pyk = w.pyk;
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
  CAST(coalesce(sum(CASE WHEN (x.v // CAST(power(2, mb.i) AS BIGINT)) % 2 = 1 THEN mb.bit END), 0)
    AS BIGINT) AS vs
FROM n JOIN vertices x ON x.nk = n.nk LEFT JOIN mb ON mb.mask = n.mask
GROUP BY n.mask, x.v, x.vmax;
"""
    + _choose_sql(False, "rg")
    + """
-- lt: each tilt of a SQL claim at every reading: the residual the claim's other programs
-- leave (res) and the residual its pool held before the claim (b)
CREATE OR REPLACE TEMP TABLE lt AS
WITH paid AS (
  SELECT claim_id, v, CAST(sum(a) AS BIGINT) AS paid FROM rg_v GROUP BY claim_id, v
), t AS (
  SELECT p.claim_id, p.prog_ix, p.pyk, p.cseq, p.cp AS pool, p.n, m.v, m.vmax, m.vs,
    p.profile_id, p.hmask, p.year,
    greatest(0, p.sp - coalesce(d.paid, 0)) AS res
  FROM lp p JOIN lmask m ON m.mask = p.mask
  LEFT JOIN paid d ON d.claim_id = p.claim_id AND d.v = m.v
  WHERE p.is_tilt
)
SELECT t.*,
  CAST(sum(res) OVER (PARTITION BY pyk, v, pool ORDER BY cseq ROWS UNBOUNDED PRECEDING) AS BIGINT)
    - res AS b
FROM t;
"""
    + _choose_sql(True, "tg")
    + """
-- route again: the person-years where a subcap bound move to Python
CREATE OR REPLACE TEMP TABLE route AS
SELECT r.person_id, r.year, r.pyk,
  CASE WHEN r.path = 'sql' AND x.pyk IS NOT NULL THEN 'python' ELSE r.path END AS path
FROM route r LEFT JOIN (SELECT DISTINCT pyk FROM cx) x ON x.pyk = r.pyk;

-- every claim-program row of the SQL person-years: the programs not eligible as they stand,
-- the money programs the ledger settled (lg: their amounts and the identity they pay under;
-- floor: only a lower bound) and the other eligible programs (no payable candidate). Every
-- claim's person-year has its route row, so the SQL ones are those not routed elsewhere
-- (nsq: few, an anti-join rather than a join with every SQL person-year); what a program's
-- candidates come to (sm: n_ok, first_cat, grant_cat) is its class's
CREATE OR REPLACE TEMP TABLE out_sql AS
WITH nsq AS (
  SELECT pyk FROM route WHERE path <> 'sql'
), sm AS (
  SELECT s.profile_id, s.hmask, s.year, pg.ix AS prog_ix, s.program, pg.kind, s.n_ok,
    s.first_cat, s.grant_cat
  FROM ch_sum s JOIN programs pg USING (program)
), pay AS (
  -- the class-programs with a payable candidate: each of their claims has its rg or tg row
  SELECT profile_id, hmask, year, prog_ix FROM lcc
  GROUP BY profile_id, hmask, year, prog_ix HAVING count(*) FILTER (WHERE ok) > 0
), fl AS (
  SELECT f.claim_id, pg.ix AS prog_ix FROM floors f JOIN programs pg USING (program)
), lg AS (
  SELECT g.claim_id, g.prog_ix, g.n_known, g.a_min, g.a_max, g.cat, g.pyk, g.profile_id,
    g.hmask, g.year, f.claim_id IS NOT NULL AS floor
  FROM rg g LEFT JOIN fl f ON f.claim_id = g.claim_id AND f.prog_ix = g.prog_ix
  UNION ALL
  -- a tilt is never a floor: its residual unknown sends it to the kernel (cx)
  SELECT claim_id, prog_ix, n_known, a_min, a_max, cat, pyk, profile_id, hmask, year, FALSE
  FROM tg
), e AS (
  SELECT l.claim_id, l.prog_ix, m.program, m.kind, m.n_ok, m.first_cat, m.grant_cat,
    l.n_known, l.a_min, l.a_max, l.cat, l.floor
  FROM lg l JOIN sm m ON m.profile_id = l.profile_id AND m.hmask = l.hmask
    AND m.year = l.year AND m.prog_ix = l.prog_ix
  LEFT JOIN nsq x ON x.pyk = l.pyk
  WHERE x.pyk IS NULL
  UNION ALL
  SELECT o.claim_id, pg.ix, o.program, pg.kind, o.n_ok, o.first_cat, o.grant_cat,
    CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR),
    CAST(NULL AS BOOLEAN)
  FROM optsum o JOIN programs pg USING (program)
  LEFT JOIN pay y ON y.profile_id = o.profile_id AND y.hmask = o.hmask AND y.year = o.year
    AND y.prog_ix = pg.ix
  LEFT JOIN nsq x ON x.pyk = o.pyk
  WHERE y.prog_ix IS NULL AND x.pyk IS NULL
)
-- a claim's id is its input row (validation's crow)
SELECT b.claim_id, b.crow, b.prog_ix, b.program, b.st AS status,
  CAST(NULL AS BIGINT) AS a_min, CAST(NULL AS BIGINT) AS a_max,
  CASE WHEN b.st = 'unresolved' THEN b.ucat END AS identity
FROM bst b LEFT JOIN nsq x ON x.pyk = b.pyk
WHERE b.st <> 'eligible' AND x.pyk IS NULL
UNION ALL
SELECT e.claim_id, e.claim_id AS crow, e.prog_ix, e.program,
  CASE
    WHEN e.kind <> 'assistance' THEN 'granted'
    WHEN e.n_ok = 0 OR e.n_known = 0 THEN 'unresolved'
    WHEN e.floor THEN 'bounded'
    WHEN e.a_min = e.a_max THEN 'paid'
    ELSE 'bounded'
  END,
  -- candidates that all state no 起付标准: a figure at each reading, none the document fixes
  CASE WHEN e.n_known > 0 THEN e.a_min END,
  CASE WHEN e.n_known > 0 AND NOT e.floor THEN e.a_max END,
  CASE
    WHEN e.kind <> 'assistance' THEN e.grant_cat
    WHEN e.n_ok = 0 OR e.n_known = 0 THEN e.first_cat
    ELSE e.cat
  END
FROM e;
"""
)

# The ledger's scratch tables, dropped once out_sql holds its rows.
LEDGER_SCRATCH = (
    "flk",
    "cxy",
    "lpool",
    "cxk",
    "cxc",
    "lname",
    "lcc",
    "lp",
    "lmask",
    "lt",
    "rg_v",
    "tg_v",
    "rg_s",
    "tg_s",
    "lnot",
)
