"""Batch audit: a year (or several) of claims for many persons, evaluated in bulk.

Pipeline (see README "Batch audit"):

1. Inputs (CSV or Parquet) are read with pyarrow as strings, given a row number, and
   registered in an embedded DuckDB. Validation is SQL: every rejected row gets its source
   file, row number, column and reason; the run goes on without it.
2. Eligibility: the knowledge base is compiled once by Prolog into decision tables
   (reasoner.decision); claims are joined to them in SQL to get, per claim and program, the
   status and the candidate (rule, category) rows — the same answers Prolog gives per case.
3. Figures (deductible, rate, cap, subcap, threshold, premium) per region, rule, year and
   scenario come from the evaluator's own Params, so units and bounds agree with ``eval``.
4. The annual ledger runs in SQL with window functions wherever it is exact: every
   person-year whose money programs each have at most one payable candidate and no overlap
   to settle (running deductible per pool, shared caps via ``LEAST(cap, running sum)``,
   tilt on the running residual, both bound scenarios side by side). Premium subsidies,
   which have no ledger, are computed in SQL for everyone.
5. Person-years that need path-dependent choices (several identities or rules competing
   under 就高, the 渝北 overlap, a cap that differs between rules of one pool, a subcap that
   binds, two programs of one claim sharing a cap pool) go through the Python ledger: the
   unchanged :class:`reasoner.evaluate.Evaluator`, fed the decision-table answers instead
   of Prolog's.

All money is integer fen in SQL and Decimal in Python; amounts round half up to the fen.
Case data reaches DuckDB only as registered Arrow relations, never as SQL text.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, cast

import duckdb
import pyarrow as pa

from reasoner.audit_io import (
    CLAIM_COLUMNS,
    ERROR_COLUMNS,
    IDENTITY_COLUMNS,
    MONEY_COLUMNS,
    OUTPUT_COLUMNS,
    PERSON_COLUMNS,
    load_parameters,
    read_input,
    sidecar,
    write_table,
)
from reasoner.case import (
    CLAIM_TYPES,
    REFERRALS,
    SCHEMES,
    SCOPES,
    Case,
    NClaim,
    NIdentity,
    accepted,
)
from reasoner.decision import DecisionTables, figure_table, load_or_compile
from reasoner.engine import Answers, PrologEngine
from reasoner.errors import InputError, MissingParameter
from reasoner.evaluate import Evaluator, Result, special_match
from reasoner.knowledge import KB
from reasoner.space import region_categories

# ---------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------


class Reporter(Protocol):
    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class Quiet:
    """A reporter that says nothing."""

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


# ---------------------------------------------------------------------------
# SQL: validation
# ---------------------------------------------------------------------------

_DATE_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}( 00:00:00(\.0+)?)?"


def _txt(c: str) -> str:
    return f"NULLIF(trim(CAST({c} AS VARCHAR)), '')"


def _date(c: str) -> str:
    return (
        f"CASE WHEN regexp_full_match({c}, '{_DATE_RE}') THEN TRY_CAST(left({c}, 10) AS DATE) END"
    )


def _money_reason(c: str) -> str:
    return f"""CASE
      WHEN {c} IS NULL THEN NULL
      WHEN starts_with({c}, chr(0)) THEN substr({c}, 2)
      WHEN regexp_full_match({c}, '-[0-9]*\\.?[0-9]*') AND regexp_matches({c}, '[0-9]')
        THEN '金额不能为负数'
      WHEN NOT regexp_full_match({c}, '[0-9]*\\.?[0-9]*') OR NOT regexp_matches({c}, '[0-9]')
        THEN '不是金额：' || left({c}, 40)
      WHEN NOT regexp_full_match({c}, '[0-9]*(\\.[0-9]{{0,2}}0*)?') THEN '金额最多两位小数（分）'
      WHEN TRY_CAST({c} AS DECIMAL(38, 2)) IS NULL OR TRY_CAST({c} AS DECIMAL(38, 2)) > 1000000000
        THEN '金额超出合理范围（10亿元）'
    END"""


def _fen(c: str) -> str:
    return f"CAST(TRY_CAST({c} AS DECIMAL(38, 2)) * 100 AS BIGINT)"


PERSONS_SQL = f"""
CREATE OR REPLACE TEMP VIEW p_raw AS
SELECT _row, _bad,
  {_txt("person_id")} AS person_id, {_txt("region")} AS region_s,
  {_txt("birth_date")} AS birth_s, {_txt("disability_grade")} AS dis_s,
  lower({_txt("needs_maintenance_treatment")}) AS maint_s, {_txt("scheme")} AS scheme_s
FROM in_persons;
CREATE OR REPLACE TEMP TABLE p_chk AS
SELECT r.*, rl.id AS region, {_date("birth_s")} AS birth,
  CASE WHEN regexp_full_match(dis_s, '[1-4](\\.0+)?') THEN CAST(left(dis_s, 1) AS INTEGER) END AS dis,
  CASE WHEN maint_s IS NULL OR maint_s IN ('false','0','no','off','f','n','否') THEN false
       WHEN maint_s IN ('true','1','yes','on','t','y','是') THEN true END AS maint,
  sm.id AS scheme,
  row_number() OVER (PARTITION BY r.person_id ORDER BY r._row) AS dup,
  min(r._row) OVER (PARTITION BY r.person_id) AS first_row
FROM p_raw r
LEFT JOIN map_region rl ON rl.name = r.region_s
LEFT JOIN map_scheme sm ON sm.name = r.scheme_s;
CREATE OR REPLACE TEMP TABLE p_err AS
SELECT * FROM (SELECT _row,
  CASE
    WHEN _bad IS NOT NULL THEN _bad
    WHEN person_id IS NULL THEN 'person_id|必填字段缺失'
    WHEN dup > 1 THEN 'person_id|人员编号重复（首次出现于第 ' || first_row || ' 行）'
    WHEN region_s IS NULL THEN 'region|必填字段缺失'
    WHEN region IS NULL THEN 'region|未知地区 ' || left(region_s, 40)
    WHEN birth_s IS NOT NULL AND birth IS NULL THEN 'birth_date|不是 ISO 日期（YYYY-MM-DD）'
    WHEN dis_s IS NOT NULL AND dis IS NULL THEN 'disability_grade|不是 1—4 的整数'
    WHEN maint IS NULL THEN 'needs_maintenance_treatment|不是布尔值（true/false）'
    WHEN scheme_s IS NOT NULL AND scheme IS NULL THEN 'scheme|未知取值 ' || left(scheme_s, 40)
  END AS err
FROM p_chk) WHERE err IS NOT NULL;
CREATE OR REPLACE TEMP TABLE persons AS
SELECT c.person_id, c._row AS prow, c.region, c.birth, c.dis, c.maint, c.scheme
FROM p_chk c LEFT JOIN p_err e ON e._row = c._row WHERE e._row IS NULL;
DROP TABLE p_chk;
DROP VIEW p_raw;
"""

IDENTITIES_SQL = f"""
CREATE OR REPLACE TEMP VIEW i_raw AS
SELECT _row, _bad, {_txt("person_id")} AS person_id, {_txt("category")} AS category_s,
  {_txt("since")} AS since_s, {_txt("until")} AS until_s
FROM in_identities;
CREATE OR REPLACE TEMP TABLE i_chk AS
SELECT r.*, mc.id AS category, {_date("since_s")} AS since_d, {_date("until_s")} AS until_d,
  p.person_id IS NOT NULL AS known, rc.region IS NOT NULL AS recognised, rm.refused, rm.listed,
  cn.label AS category_label
FROM i_raw r
LEFT JOIN map_category mc ON mc.name = r.category_s
LEFT JOIN persons p ON p.person_id = r.person_id
LEFT JOIN region_cats rc ON rc.region = p.region AND rc.category = mc.id
LEFT JOIN region_cat_msg rm ON rm.region = p.region
LEFT JOIN cat_labels cn ON cn.category = mc.id;
CREATE OR REPLACE TEMP TABLE i_err AS
SELECT * FROM (SELECT _row,
  CASE
    WHEN _bad IS NOT NULL THEN _bad
    WHEN person_id IS NULL THEN 'person_id|必填字段缺失'
    WHEN NOT known THEN 'person_id|未知人员 ' || left(person_id, 40) || '（人员文件中没有有效记录）'
    WHEN category_s IS NULL THEN 'category|必填字段缺失'
    WHEN category IS NULL THEN 'category|未知救助对象类别 ' || left(category_s, 40)
    WHEN NOT recognised THEN 'category|' || refused || category || '（' || category_label || '）；可用：' || listed
    WHEN since_s IS NOT NULL AND since_d IS NULL THEN 'since|不是 ISO 日期（YYYY-MM-DD）'
    WHEN until_s IS NOT NULL AND until_d IS NULL THEN 'until|不是 ISO 日期（YYYY-MM-DD）'
    WHEN coalesce(until_d, DATE '9999-12-31') < coalesce(since_d, DATE '1900-01-01')
      THEN 'until|终止日期早于起始日期'
  END AS err
FROM i_chk) WHERE err IS NOT NULL;
CREATE OR REPLACE TEMP TABLE idents AS
SELECT c.person_id, c._row AS irow, c.category, c.since_d, c.until_d,
  coalesce(c.since_d, DATE '1900-01-01') AS since, coalesce(c.until_d, DATE '9999-12-31') AS until
FROM i_chk c LEFT JOIN i_err e ON e._row = c._row WHERE e._row IS NULL;
DROP TABLE i_chk;
DROP VIEW i_raw;
"""

_MONEY_TXT = ", ".join(f"{_txt(c)} AS {c}" for c in MONEY_COLUMNS)
_MONEY_ERR = "\n".join(
    f"    WHEN {c}_why IS NOT NULL THEN '{c}|' || {c}_why" for c in MONEY_COLUMNS
)
CLAIMS_SQL = f"""
CREATE OR REPLACE TEMP VIEW c_raw AS
SELECT _row, _bad, {_txt("claim_id")} AS claim_id, {_txt("person_id")} AS person_id,
  {_txt("type")} AS type_s, {_txt("date")} AS date_s, {_txt("discharge")} AS discharge_s,
  {_txt("disease")} AS disease, {_txt("hospital_level")} AS level_s, {_txt("scope")} AS scope_s,
  {_txt("referral")} AS referral_s, {_MONEY_TXT}
FROM in_claims;
CREATE OR REPLACE TEMP TABLE c_chk AS
SELECT r.*, p.region, p.birth, mt.id AS ctype, ms.id AS scope, coalesce(mr.id, CASE WHEN r.referral_s IS NULL THEN 'none' END) AS referral,
  {_date("date_s")} AS date, {_date("discharge_s")} AS discharge,
  CASE WHEN regexp_full_match(level_s, '[1-3](\\.0+)?') THEN CAST(left(level_s, 1) AS INTEGER) END AS level,
  {", ".join(f"{_money_reason(c)} AS {c}_why" for c in MONEY_COLUMNS)},
  {", ".join(f"{_fen(c)} AS {c}_fen" for c in MONEY_COLUMNS)},
  row_number() OVER (PARTITION BY r.claim_id ORDER BY r._row) AS dup,
  min(r._row) OVER (PARTITION BY r.claim_id) AS first_row,
  p.person_id IS NOT NULL AS known,
  EXISTS (SELECT 1 FROM idents i WHERE i.person_id = r.person_id) AS has_identity,
  g.start_d, g.end_d, g.doc_no
FROM c_raw r
LEFT JOIN persons p ON p.person_id = r.person_id
LEFT JOIN regions g ON g.region = p.region
LEFT JOIN map_type mt ON mt.name = r.type_s
LEFT JOIN map_scope ms ON ms.name = r.scope_s
LEFT JOIN map_referral mr ON mr.name = r.referral_s;
CREATE OR REPLACE TEMP TABLE c_err AS
SELECT * FROM (SELECT _row,
  CASE
    WHEN _bad IS NOT NULL THEN _bad
    WHEN claim_id IS NULL THEN 'claim_id|必填字段缺失'
    WHEN dup > 1 THEN 'claim_id|理赔编号重复（首次出现于第 ' || first_row || ' 行）'
    WHEN person_id IS NULL THEN 'person_id|必填字段缺失'
    WHEN NOT known THEN 'person_id|未知人员 ' || left(person_id, 40) || '（人员文件中没有有效记录）'
    WHEN NOT has_identity AND (SELECT identity_required FROM audit_options) THEN 'person_id|人员 ' || left(person_id, 40) || ' 没有有效的身份记录'
    WHEN type_s IS NULL THEN 'type|必填字段缺失'
    WHEN ctype IS NULL THEN 'type|未知取值 ' || left(type_s, 40)
    WHEN date_s IS NULL THEN 'date|必填字段缺失'
    WHEN date IS NULL THEN 'date|不是 ISO 日期（YYYY-MM-DD）'
    WHEN discharge_s IS NOT NULL AND discharge IS NULL THEN 'discharge|不是 ISO 日期（YYYY-MM-DD）'
    WHEN level_s IS NULL THEN 'hospital_level|必填字段缺失'
    WHEN level IS NULL THEN 'hospital_level|不是 1—3 的整数'
    WHEN scope_s IS NULL THEN 'scope|必填字段缺失'
    WHEN scope IS NULL THEN 'scope|未知取值 ' || left(scope_s, 40)
    WHEN referral IS NULL THEN 'referral|未知取值 ' || left(referral_s, 40)
    WHEN policy_scope_cost IS NULL THEN 'policy_scope_cost|必填字段缺失'
{_MONEY_ERR}
    WHEN discharge < date THEN 'discharge|出院日期早于入院日期'
    WHEN date < start_d THEN 'date|' || CAST(date AS VARCHAR) || ' 早于 ' || doc_no || ' 施行日期 '
      || CAST(start_d AS VARCHAR) || '：知识库中无适用文件'
    WHEN date > end_d THEN 'date|' || CAST(date AS VARCHAR) || ' 晚于 ' || doc_no || ' 有效期截止日 '
      || CAST(end_d AS VARCHAR)
    WHEN birth IS NOT NULL AND date < birth THEN 'date|就诊日期早于出生日期'
    WHEN coalesce(basic_insurance_paid_fen, 0) + coalesce(critical_illness_paid_fen, 0)
       + coalesce(supplementary_paid_fen, 0) > policy_scope_cost_fen
      THEN 'basic_insurance_paid|基本医保、大病保险与补充保险支付合计超过政策范围内费用'
  END AS err
FROM c_chk) WHERE err IS NOT NULL;
CREATE OR REPLACE TEMP TABLE claims AS
SELECT c._row AS crow, c._row AS claim_id, c.claim_id AS claim_ref, c.person_id, c.ctype, c.date, c.discharge, c.disease, c.level,
  c.scope, c.referral, c.region,
  c.policy_scope_cost_fen AS cost, coalesce(c.basic_insurance_paid_fen, 0) AS basic,
  coalesce(c.critical_illness_paid_fen, 0) AS ci, coalesce(c.supplementary_paid_fen, 0) AS supp,
  c.paid_assistance_fen AS paid_asst,
  c.policy_scope_cost_fen - coalesce(c.basic_insurance_paid_fen, 0)
    - coalesce(c.critical_illness_paid_fen, 0) - coalesce(c.supplementary_paid_fen, 0) AS sp,
  CAST(year(c.date) AS INTEGER) AS year
FROM c_chk c LEFT JOIN c_err e ON e._row = c._row WHERE e._row IS NULL;
DROP TABLE c_chk;
DROP VIEW c_raw;
"""

# ---------------------------------------------------------------------------
# SQL: eligibility from the decision tables
# ---------------------------------------------------------------------------

ELIGIBILITY_SQL = """
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
    CASE WHEN r.r_level THEN b.level ELSE 0 END AS k_level,
    (r.r_special AND b.special) AS k_special,
    CASE WHEN r.r_cost THEN (SELECT count(*) FROM thresholds t WHERE t.kind = 'cost' AND b.cost > t.v)
      ELSE 0 END AS k_cost,
    CASE WHEN r.r_age THEN (SELECT count(*) FROM thresholds t WHERE t.kind = 'age' AND b.age >= t.v)
      ELSE 0 END AS k_age,
    CASE WHEN r.r_dis THEN (SELECT count(*) FROM thresholds t WHERE t.kind = 'dis' AND b.dis <= t.v)
      ELSE 0 END AS k_dis,
    (r.r_maint AND b.maint) AS k_maint,
    CASE WHEN r.r_scheme THEN coalesce(b.scheme, 'none') ELSE 'none' END AS k_scheme
  FROM base b JOIN relevance r ON r.region = b.region AND r.ctype = b.ctype
)
SELECT k.*, pr.profile_id
FROM keyed k LEFT JOIN profiles pr ON pr.region = k.region AND pr.ctype = k.ctype
  AND pr.level = k.k_level AND pr.scope = k.scope AND pr.referral = k.referral
  AND pr.special = k.k_special AND pr.cost_b = k.k_cost AND pr.age_b = k.k_age
  AND pr.dis_b = k.k_dis AND pr.maint = k.k_maint AND pr.scheme = k.k_scheme;

CREATE OR REPLACE TEMP TABLE held_all AS
SELECT c.claim_id, i.category AS own, cv.held
FROM cl c JOIN idents i ON i.person_id = c.person_id
LEFT JOIN cover cv ON cv.region = c.region AND cv.ctype = c.ctype
  AND cv.f_sd = (i.since <= c.date) AND cv.f_du = (i.until >= c.date)
  AND cv.f_dum = (last_day(i.until) >= c.date)
  AND cv.f_syd = (make_date(year(i.since), 1, 1) <= c.date)
  AND cv.f_es = coalesce(c.discharge >= i.since, false);
CREATE OR REPLACE TEMP TABLE held AS
SELECT DISTINCT claim_id, own FROM held_all WHERE held;

CREATE OR REPLACE TEMP TABLE cp AS
SELECT c.claim_id, o.program, o.excluded, pi.ix AS prog_ix, pi.kind
FROM cl c JOIN offer o USING (profile_id) JOIN programs pi ON pi.program = o.program;

CREATE OR REPLACE TEMP TABLE ap AS
SELECT DISTINCT c.claim_id, a.program, a.rule, a.cat, a.own
FROM cl c JOIN applicable a USING (profile_id)
JOIN held h ON h.claim_id = c.claim_id AND h.own = a.own;

CREATE OR REPLACE TEMP TABLE un AS
SELECT DISTINCT c.claim_id, u.program, u.cat, u.ref
FROM cl c JOIN unresolved u USING (profile_id)
JOIN holds hd ON hd.region = c.region AND hd.cat = u.cat
JOIN held h ON h.claim_id = c.claim_id AND h.own = hd.own;

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
SELECT b.claim_id, b.program, b.person_id, b.year, b.cseq, b.prog_ix, b.kind, x.rule, x.cat,
  coalesce(co.ord, 999) AS ord, r.dpool, r.cpool,
  f.fig, f.fig_reason, f.fig_param, f.ded_min, f.ded_max, f.rate_min, f.rate_max,
  f.cap_min, f.cap_max, f.sub_min, f.sub_max, f.thr_min, f.thr_max
FROM bst b
JOIN (SELECT DISTINCT claim_id, program, rule, cat FROM ap) x USING (claim_id, program)
JOIN rules r ON r.rule = x.rule
LEFT JOIN cat_order co ON co.region = b.region AND co.cat = x.cat
LEFT JOIN figures f ON f.region = b.region AND f.rule = x.rule AND f.year = b.year AND f.scheme = '*'
WHERE b.st = 'eligible';

CREATE OR REPLACE TEMP TABLE optsum AS
SELECT claim_id, program, any_value(person_id) AS person_id, any_value(year) AS year,
  count(*) FILTER (WHERE fig = 'ok') AS n_ok, count(*) AS n_all,
  first(cat ORDER BY rule, cat) AS first_cat,
  first(cat ORDER BY ord, rule, cat) AS grant_cat
FROM opt GROUP BY claim_id, program;
"""

# Premium subsidy: yearly, no ledger; every person-year in SQL.
PREMIUM_SQL = """
CREATE OR REPLACE TEMP TABLE py AS
WITH y AS (SELECT DISTINCT person_id, year FROM claims)
SELECT y.person_id, y.year, p.region, p.prow, p.dis, p.maint, p.scheme,
  CASE WHEN p.birth IS NULL THEN NULL ELSE
    y.year - year(p.birth) - CASE WHEN month(p.birth) > 1 OR day(p.birth) > 1 THEN 1 ELSE 0 END
  END AS age
FROM y JOIN persons p USING (person_id);
-- the keys are computed before the join: Spark takes correlated subqueries in projections only
CREATE OR REPLACE TEMP TABLE pyk AS
WITH k AS (
  SELECT y.*,
    CASE WHEN r.r_age
      THEN (SELECT count(*) FROM thresholds t WHERE t.kind = 'age' AND y.age >= t.v) ELSE 0 END AS k_age,
    CASE WHEN r.r_dis
      THEN (SELECT count(*) FROM thresholds t WHERE t.kind = 'dis' AND y.dis <= t.v) ELSE 0 END AS k_dis,
    (r.r_maint AND y.maint) AS k_maint,
    CASE WHEN r.r_scheme THEN coalesce(y.scheme, 'none') ELSE 'none' END AS k_scheme
  FROM py y JOIN relevance r ON r.region = y.region AND r.ctype = 'premium'
)
SELECT k.person_id, k.year, k.region, k.prow, k.dis, k.maint, k.scheme, k.age, pr.profile_id
FROM k JOIN profiles pr ON pr.region = k.region AND pr.ctype = 'premium'
  AND pr.age_b = k.k_age AND pr.dis_b = k.k_dis AND pr.maint = k.k_maint
  AND pr.scheme = k.k_scheme;
CREATE OR REPLACE TEMP TABLE pheld_all AS
SELECT y.person_id, y.year, i.category AS own, cv.held
FROM pyk y JOIN idents i USING (person_id)
LEFT JOIN cover cv ON cv.region = y.region AND cv.ctype = 'premium'
  AND cv.f_sd = (i.since <= make_date(y.year, 1, 1)) AND cv.f_du = (i.until >= make_date(y.year, 1, 1))
  AND cv.f_dum = (last_day(i.until) >= make_date(y.year, 1, 1))
  AND cv.f_syd = (make_date(year(i.since), 1, 1) <= make_date(y.year, 1, 1))
  AND cv.f_es = (make_date(y.year, 12, 31) >= i.since);
CREATE OR REPLACE TEMP TABLE popt AS
SELECT DISTINCT y.person_id, y.year, a.rule, a.cat, coalesce(co.ord, 999) AS ord,
  f.fig, f.fig_reason, f.fig_param, f.prem_min, f.prem_max
FROM pyk y JOIN applicable a USING (profile_id)
JOIN (SELECT DISTINCT person_id, year, own FROM pheld_all WHERE held) h
  ON h.person_id = y.person_id AND h.year = y.year AND h.own = a.own
LEFT JOIN cat_order co ON co.region = y.region AND co.cat = a.cat
LEFT JOIN figures f ON f.region = y.region AND f.rule = a.rule AND f.year = y.year
  AND f.scheme = coalesce(y.scheme, 'none')
WHERE a.program = 'premium_subsidy';
CREATE OR REPLACE TEMP TABLE prem AS
WITH s AS (
  SELECT person_id, year, count(*) FILTER (WHERE fig = 'ok') AS n_ok, count(*) AS n_all,
    first(cat ORDER BY rule, cat) AS first_cat,
    first(cat ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS best_cat,
    first(prem_min ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS a_min,
    first(prem_max ORDER BY prem_min DESC, prem_max DESC, ord, rule, cat) FILTER (WHERE fig = 'ok') AS a_max
  FROM popt GROUP BY person_id, year
)
SELECT y.person_id, y.year, y.prow,
  CASE WHEN s.person_id IS NULL THEN 'not_eligible'
       WHEN s.n_ok = 0 THEN 'unresolved'
       WHEN s.n_ok < s.n_all OR s.a_min <> s.a_max THEN 'bounded' ELSE 'paid' END AS status,
  CASE WHEN s.n_ok > 0 THEN s.a_min END AS a_min,
  -- 就高 with a candidate that cannot be computed: the figure is a floor (no upper bound)
  CASE WHEN s.n_ok > 0 AND s.n_ok = s.n_all THEN s.a_max END AS a_max,
  CASE WHEN s.n_ok > 0 THEN s.best_cat ELSE s.first_cat END AS identity
FROM pyk y JOIN offer o ON o.profile_id = y.profile_id AND o.program = 'premium_subsidy'
LEFT JOIN s ON s.person_id = y.person_id AND s.year = y.year;
"""

# Persons whose evaluation would stop on a missing parameter (MissingParameter aborts the case).
# A premium row never does: it is unresolved on its own (missing_params lists both kinds).
MISSING_SQL = """
CREATE OR REPLACE TEMP TABLE missing AS
WITH m AS (
  SELECT person_id, cseq AS s1, CASE WHEN program = 'tilt' THEN 1000 ELSE prog_ix END AS s2,
    rule, cat, fig_reason, fig_param FROM opt WHERE fig = 'missing'
)
SELECT person_id, first(fig_reason ORDER BY s1, s2, rule, cat) AS reason,
  first(fig_param ORDER BY s1, s2, rule, cat) AS param
FROM m GROUP BY person_id;
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

# Which person-years the SQL ledger computes exactly; the rest go to the Python ledger.
COMPLEX_SQL = """
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
    WHERE fig = 'ok' AND program <> 'tilt')
  GROUP BY person_id, year, claim_id, cpool HAVING count(*) > 1
  UNION ALL
  -- a cap that differs between the candidates paying from one pool
  SELECT person_id, year FROM opt WHERE fig = 'ok'
  GROUP BY person_id, year, CASE WHEN program = 'tilt' THEN 't:' ELSE '' END || cpool
  HAVING count(DISTINCT coalesce(cap_min, -1)) > 1 OR count(DISTINCT coalesce(cap_max, -1)) > 1
  UNION ALL
  SELECT o.person_id, o.year FROM opt o JOIN shared_tilt_pool s ON s.rule = o.rule
  UNION ALL
  -- open figures (a floor or ceiling the city fixes) where one reading is not enough: over
  -- several claims of the year, between competing candidates, or under a tilt; the bounds
  -- then come from every reading (the Python ledger's vertices)
  SELECT o.person_id, o.year FROM opt o JOIN optsum s USING (claim_id, program)
  WHERE o.fig = 'ok' GROUP BY o.person_id, o.year
  HAVING bool_or(o.ded_min IS DISTINCT FROM o.ded_max OR o.rate_min IS DISTINCT FROM o.rate_max
      OR o.cap_min IS DISTINCT FROM o.cap_max OR o.sub_min IS DISTINCT FROM o.sub_max
      OR o.thr_min IS DISTINCT FROM o.thr_max)
    AND (count(DISTINCT o.claim_id) > 1 OR max(s.n_ok) > 1 OR bool_or(o.program = 'tilt'))
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
  WHERE t.program = 'tilt' AND t.st = 'eligible' AND o.program <> 'tilt'
    AND o.kind = 'assistance' AND (o.st = 'unresolved' OR (o.st = 'eligible' AND s.n_ok < s.n_all))
);
CREATE OR REPLACE TEMP TABLE route AS
SELECT y.person_id, y.year,
  CASE WHEN m.person_id IS NOT NULL THEN 'error'
       WHEN x.person_id IS NOT NULL THEN 'python' ELSE 'sql' END AS path
FROM py y
LEFT JOIN missing m ON m.person_id = y.person_id
LEFT JOIN cx x ON x.person_id = y.person_id AND x.year = y.year;
"""


def _choose_sql(src: str, dst: str) -> str:
    """就高 with a shared yearly cap, in closed form.

    ``src`` holds every payable candidate (claim, program, rule, category) with its raw
    amounts ``r_min``/``r_max`` (before the cap) and its pool. All candidates of a program
    share the pool and the pool's cap is one figure per scenario (person-years where this
    fails went to the Python ledger), so with L the cap left before the claim:

    - least generous: the committed amount is min(max r_min, L_min), so L_min follows from a
      running sum of max r_min;
    - most generous: the candidates tied on the least generous amount are the only ones the
      choice can fall on; the committed amount is min(max of their r_max, L_max);
    - the chosen identity: largest (amount_min, amount_max), then the document's order.

    Writes ``dst`` (one row per claim and program: chosen cat, a_min, a_max) and sends to the
    Python ledger any person-year where some candidate's subcap would have bound.
    """
    return f"""
CREATE OR REPLACE TEMP TABLE {dst}_cp AS
SELECT claim_id, program, any_value(person_id) AS person_id, any_value(year) AS year,
  any_value(cseq) AS cseq, any_value(cpool) AS cpool, any_value(cap_min) AS cap_min,
  any_value(cap_max) AS cap_max, max(r_min) AS rs_min
FROM {src} GROUP BY claim_id, program;
CREATE OR REPLACE TEMP TABLE {dst}_l1 AS
SELECT *,
  cap_min - least(cap_min, sum(rs_min) OVER w - rs_min) AS l_min
FROM {dst}_cp
WINDOW w AS (PARTITION BY person_id, year, cpool ORDER BY cseq ROWS UNBOUNDED PRECEDING);
CREATE OR REPLACE TEMP TABLE {dst}_o1 AS
SELECT *, max(a_min) OVER (PARTITION BY claim_id, program) AS m_min FROM (
  SELECT o.*, l.l_min,
    CASE WHEN l.l_min IS NULL THEN o.r_min ELSE least(o.r_min, l.l_min) END AS a_min
  FROM {src} o JOIN {dst}_l1 l USING (claim_id, program)
);
CREATE OR REPLACE TEMP TABLE {dst}_l2 AS
SELECT *,
  cap_max - least(cap_max, sum(rs_max) OVER w - rs_max) AS l_max
FROM (
  SELECT l.*, t.rs_max FROM {dst}_l1 l JOIN (
    SELECT claim_id, program, max(r_max) AS rs_max FROM {dst}_o1 WHERE a_min = m_min
    GROUP BY claim_id, program
  ) t USING (claim_id, program)
)
WINDOW w AS (PARTITION BY person_id, year, cpool ORDER BY cseq ROWS UNBOUNDED PRECEDING);
CREATE OR REPLACE TEMP TABLE {dst}_o2 AS
SELECT o.*, CASE WHEN l.l_max IS NULL THEN o.r_max ELSE least(o.r_max, l.l_max) END AS a_max
FROM {dst}_o1 o JOIN {dst}_l2 l USING (claim_id, program);
CREATE OR REPLACE TEMP TABLE {dst} AS
SELECT claim_id, program, any_value(person_id) AS person_id, any_value(year) AS year,
  any_value(cseq) AS cseq,
  first(cat ORDER BY a_min DESC, a_max DESC, ord, rule, cat) AS cat,
  max(a_min) AS a_min,
  first(a_max ORDER BY a_min DESC, a_max DESC, ord, rule, cat) AS a_max
FROM {dst}_o2 GROUP BY claim_id, program;
INSERT INTO cx
SELECT DISTINCT o.person_id, o.year FROM {dst}_o2 o JOIN (
  SELECT claim_id, program,
    sum(a_min) OVER w - a_min AS su_min, sum(a_max) OVER w - a_max AS su_max
  FROM {dst}
  WINDOW w AS (PARTITION BY person_id, year, program ORDER BY cseq ROWS UNBOUNDED PRECEDING)
) s USING (claim_id, program)
WHERE s.su_min + o.a_min > o.sub_min OR s.su_max + o.a_max > o.sub_max;
"""


LEDGER_SQL = (
    """
-- candidates the ledger may commit: eligible money programs (tilt apart), SQL person-years
CREATE OR REPLACE TEMP TABLE rg0 AS
SELECT o.*, b.sp
FROM opt o JOIN bst b USING (claim_id, program)
JOIN route r ON r.person_id = o.person_id AND r.year = o.year AND r.path = 'sql'
WHERE o.fig = 'ok' AND o.kind = 'assistance' AND o.program <> 'tilt';
-- self-pay already counted in the deductible pool before the claim
CREATE OR REPLACE TEMP TABLE rg_ded AS
SELECT claim_id, program,
  sum(sp) OVER (PARTITION BY person_id, year, dpool ORDER BY cseq
                RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    - sum(sp) OVER (PARTITION BY person_id, year, dpool, cseq) AS ded_used
FROM (SELECT DISTINCT claim_id, program, person_id, year, cseq, dpool, sp FROM rg0);
CREATE OR REPLACE TEMP TABLE rg1 AS
SELECT o.*,
  (greatest(0, o.sp - greatest(0, o.ded_min - d.ded_used)) * o.rate_min + 50) // 100 AS r_min,
  (greatest(0, o.sp - greatest(0, o.ded_max - d.ded_used)) * o.rate_max + 50) // 100 AS r_max
FROM rg0 o JOIN rg_ded d USING (claim_id, program);
"""
    + _choose_sql("rg1", "rg")
    + """
-- tilt: the residual after the claim's other programs, running per person, year and pool
CREATE OR REPLACE TEMP TABLE tl0 AS
WITH paid AS (
  SELECT claim_id, sum(a_min) AS p_min, sum(a_max) AS p_max FROM rg GROUP BY claim_id
), t AS (
  SELECT o.claim_id, any_value(o.person_id) AS person_id, any_value(o.year) AS year,
    any_value(o.cseq) AS cseq,
    coalesce(first(o.cpool ORDER BY o.rule, o.cat) FILTER (WHERE o.fig = 'ok'),
             first(o.cpool ORDER BY o.rule, o.cat)) AS pool
  FROM opt o JOIN route r ON r.person_id = o.person_id AND r.year = o.year AND r.path = 'sql'
  WHERE o.program = 'tilt'
  GROUP BY o.claim_id
)
SELECT t.*, c.sp,
  greatest(0, c.sp - coalesce(p.p_min, 0)) AS res_min,
  greatest(0, c.sp - coalesce(p.p_max, 0)) AS res_max
FROM t JOIN cl c USING (claim_id) LEFT JOIN paid p USING (claim_id);
CREATE OR REPLACE TEMP TABLE tl1 AS
SELECT o.claim_id, o.program, o.person_id, o.year, o.cseq, o.cpool, o.ord, o.rule, o.cat,
  o.cap_min, o.cap_max, o.sub_min, o.sub_max,
  ((greatest(0, t.b_min + t.res_min - o.thr_min) - greatest(0, t.b_min - o.thr_min))
    * o.rate_min + 50) // 100 AS r_min,
  ((greatest(0, t.b_max + t.res_max - o.thr_max) - greatest(0, t.b_max - o.thr_max))
    * o.rate_max + 50) // 100 AS r_max
FROM opt o JOIN (
  SELECT *, sum(res_min) OVER w - res_min AS b_min, sum(res_max) OVER w - res_max AS b_max
  FROM tl0
  WINDOW w AS (PARTITION BY person_id, year, pool ORDER BY cseq ROWS UNBOUNDED PRECEDING)
) t USING (claim_id)
WHERE o.program = 'tilt' AND o.fig = 'ok';
"""
    + _choose_sql("tl1", "tg")
    + """
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


# ---------------------------------------------------------------------------
# The Python ledger for the person-years SQL does not take
# ---------------------------------------------------------------------------


class _GivenAnswers:
    """Stands in for the Prolog engine: returns the decision-table answers of one case."""

    def __init__(self) -> None:
        self.current: Answers | None = None

    def answers(self, facts: Any) -> Answers:
        assert self.current is not None
        return self.current


class TableEvaluator(Evaluator):
    """The unchanged evaluator, with eligibility taken from the decision tables."""

    def __init__(self, kb: KB) -> None:
        self._given = _GivenAnswers()
        super().__init__(kb, cast(PrologEngine, self._given))

    def evaluate_with(self, case: Case, answers: Answers) -> Result:
        self._given.current = answers
        try:
            return self.evaluate(case)
        finally:
            self._given.current = None


def _dec(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def _fen_of(d: Decimal | None) -> int | None:
    return None if d is None else int(d * 100)


# ---------------------------------------------------------------------------
# The audit
# ---------------------------------------------------------------------------


@dataclass
class AuditStats:
    persons_in: int = 0
    persons_rejected: int = 0
    identities_in: int = 0
    identities_rejected: int = 0
    claims_in: int = 0
    claims_evaluated: int = 0
    claims_rejected: int = 0
    person_years_sql: int = 0
    person_years_python: int = 0
    output_rows: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Discrepancies:
    """paid_assistance against medaid's figure, for claims whose figure is exact.

    A claim with a bounded or unresolved assistance program has no exact figure to differ
    from: it is counted in ``not_exact`` and listed with kind ``not_exact``, never as 多付.
    Differences are signed (paid − expected); over- and under-payments are kept apart.
    """

    claims_compared: int = 0
    over: int = 0
    under: int = 0
    matched: int = 0
    not_exact: int = 0
    paid_total: int = 0
    expected_total: int = 0
    not_exact_paid_total: int = 0
    over_total: int = 0
    under_total: int = 0
    largest_over: list[dict[str, Any]] = field(default_factory=list)
    largest_under: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AuditResult:
    results: pa.Table
    errors: pa.Table
    stats: AuditStats
    discrepancies: Discrepancies | None
    discrepancy_rows: pa.Table | None
    # one row per missing parameter × region × year: param (the case field), name, region,
    # year, persons affected, and whether it stopped claims (else only premium rows)
    missing_parameters: list[dict[str, Any]] = field(default_factory=list)

    def missing_errors(self) -> list[MissingParameter]:
        """Each missing parameter as the error `--strict` reports."""
        return [
            MissingParameter(m["name"], m["label"], m["region"], m["year"])
            for m in self.missing_parameters
        ]


_TABLES: dict[tuple[int, str], DecisionTables] = {}


def decision_tables(kb: KB, eng: PrologEngine) -> DecisionTables:
    """The compiled knowledge base: once per process, and cached on disk across runs."""
    key = (id(kb), kb.cache_tag)
    if key not in _TABLES:
        _TABLES[key] = load_or_compile(kb, eng)
    return _TABLES[key]


_SCRATCH: set[str] = set()


def _scratch_dir() -> str:
    """A DuckDB spill folder, registered before any signal can separate it from its name."""
    import signal

    mask = {signal.SIGINT, signal.SIGTERM}
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, mask)
    try:
        folder = tempfile.mkdtemp(prefix="medaid-audit-")
        _SCRATCH.add(folder)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return folder


def _remove_scratch(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    _SCRATCH.discard(folder)


def remove_scratch() -> None:
    """Remove every spill folder this process still holds (an interrupt between two steps)."""
    for folder in list(_SCRATCH):
        _remove_scratch(folder)


class Auditor:
    """Runs one audit in its own DuckDB connection."""

    def __init__(
        self,
        kb: KB,
        eng: PrologEngine,
        parameters: dict[str, dict[Any, Any]],
        reporter: Reporter | None = None,
        threads: int | None = None,
        memory_limit: str = "2.5GB",
    ) -> None:
        self.kb = kb
        self.eng = eng
        self.parameters = parameters
        self.rep: Reporter = reporter or Quiet()
        self._tmp = _scratch_dir()
        config: dict[str, Any] = {
            "preserve_insertion_order": False,
            "temp_directory": self._tmp,
            "memory_limit": memory_limit,
        }
        if threads:
            config["threads"] = threads
        try:
            self.con = duckdb.connect(":memory:", config=config)
        except BaseException:
            _remove_scratch(self._tmp)
            raise
        self.stats = AuditStats()
        # how rejected rows name their source (audit_files sets the file names)
        self.sources = {"persons": "persons", "identities": "identities", "claims": "claims"}
        self._t0 = time.perf_counter()

    @contextmanager
    def _timed(self, name: str, total: int | None = None) -> Iterator[None]:
        self.rep.stage(name, total)
        t = time.perf_counter()
        yield
        self.stats.seconds[name] = self.stats.seconds.get(name, 0.0) + time.perf_counter() - t

    def close(self) -> None:
        self.con.close()
        _remove_scratch(self._tmp)

    def _drop(self, *names: str) -> None:
        for n in names:
            self.con.execute(f"DROP TABLE IF EXISTS {n}")

    def _reg(self, name: str, table: pa.Table) -> None:
        self.con.register(name, table)

    def _count(self, sql: str) -> int:
        # fetchall, not fetchone: a half-read result blocks register() on this connection
        rows = self.con.execute(sql).fetchall()
        return int(rows[0][0]) if rows else 0

    # -- static relations ----------------------------------------------------
    def _mappings(self) -> None:
        """What validation joins: the accepted spellings of every enumeration, the documents' dates."""
        kb = self.kb

        def mapping(d: dict[str, str]) -> pa.Table:
            return pa.table({"name": list(d), "id": list(d.values())})

        self._reg("map_region", mapping(dict(kb.region_lookup)))
        self._reg("map_category", mapping(dict(kb.category_lookup)))
        self._reg("map_type", mapping(accepted(CLAIM_TYPES, kb, "claim_kind")))
        self._reg("map_scope", mapping(accepted(SCOPES, kb, "scope")))
        self._reg("map_referral", mapping(accepted(REFERRALS, kb, "referral_kind")))
        self._reg("map_scheme", mapping(accepted(SCHEMES, kb, "scheme")))
        regions: dict[str, list[Any]] = {"region": [], "doc_no": [], "start_d": [], "end_d": []}
        for r in kb.documents:
            start, end = (
                (kb.in_force[r][1], kb.in_force[r][2]) if r in kb.in_force else (0, 99991231)
            )
            regions["region"].append(r)
            regions["doc_no"].append(kb.doc_no(r))
            regions["start_d"].append(_ymd_date(start) if start else dt.date(1, 1, 1))
            regions["end_d"].append(_ymd_date(end))
        self._reg("regions", pa.table(regions))
        # A category the person's document does not name is a row error, as in eval
        # (reasoner.case.category_id), never a silent not_eligible.
        rc: dict[str, list[str]] = {"region": [], "category": []}
        msg: dict[str, list[str]] = {"region": [], "refused": [], "listed": []}
        for region in sorted(kb.documents):
            cats = region_categories(kb, region)
            rc["region"] += [region] * len(cats)
            rc["category"] += cats
            msg["region"].append(region)
            msg["refused"].append(
                f"{kb.region_name(region)}（{kb.doc_no(region)}）不认定救助对象类别 "
            )
            msg["listed"].append("、".join(f"{c}（{kb.category_label(region, c)}）" for c in cats))
        self._reg("region_cats", pa.table(rc, schema=pa.schema([(k, pa.string()) for k in rc])))
        self._reg(
            "region_cat_msg", pa.table(msg, schema=pa.schema([(k, pa.string()) for k in msg]))
        )
        labels = sorted(kb.categories.items())
        self._reg(
            "cat_labels",
            pa.table({"category": [c for c, _ in labels], "label": [str(n) for _, n in labels]}),
        )

    def _static(self) -> None:
        kb = self.kb
        self._mappings()
        dtab = decision_tables(kb, self.eng)
        self._reg("profiles", dtab.profiles)
        self._reg("relevance", dtab.relevance)
        self._reg("offer", dtab.offer)
        self._reg("applicable", dtab.applicable)
        self._reg("unresolved", dtab.unresolved)
        self._reg("holds", dtab.holds)
        self._reg("cover", dtab.cover)
        self._reg("rules", dtab.rules)
        thr: dict[str, list[Any]] = {"kind": [], "v": []}
        for kind, vals in (
            ("cost", dtab.cost_thresholds),
            ("age", dtab.age_thresholds),
            ("dis", dtab.dis_thresholds),
        ):
            for v in vals:
                thr["kind"].append(kind)
                thr["v"].append(v)
        self._reg(
            "thresholds",
            pa.table(thr, schema=pa.schema([("kind", pa.string()), ("v", pa.int64())])),
        )
        order = list(kb.programs)
        self._reg(
            "programs",
            pa.table(
                {
                    "program": order,
                    "ix": list(range(len(order))),
                    "kind": [kb.programs[p][1] for p in order],
                }
            ),
        )
        co = sorted(kb.category_order.items())
        self._reg(
            "cat_order",
            pa.table(
                {
                    "region": [k[0] for k, _ in co],
                    "cat": [k[1] for k, _ in co],
                    "ord": [v for _, v in co],
                }
            ),
        )
        ov = [(r, p1, p2) for r, p1, p2, _res, _c in kb.overlaps]
        ov += [(r, p2, p1) for r, p1, p2 in list(ov)]
        self._reg(
            "ovl_pairs",
            pa.table(
                {"region": [o[0] for o in ov], "p1": [o[1] for o in ov], "p2": [o[2] for o in ov]},
                schema=pa.schema(
                    [("region", pa.string()), ("p1", pa.string()), ("p2", pa.string())]
                ),
            ),
        )
        # Tilt rules whose pool name is also a non-tilt pool of the region (none today):
        # the Python ledger then keeps the shared dict semantics.
        pools = {
            (r.region, r.cap_pool or r.program) for r in kb.rules.values() if r.program != "tilt"
        }
        shared = [
            r.id
            for r in kb.rules.values()
            if r.program == "tilt" and (r.region, r.cap_pool or r.program) in pools
        ]
        self._reg("shared_tilt_pool", pa.table({"rule": pa.array(shared, pa.string())}))
        imp = [(r, c, int(v)) for r, c, a, v, _ in kb.identity_implies if a == "disability_grade"]
        self._reg(
            "implies",
            pa.table(
                {
                    "region": pa.array([x[0] for x in imp], pa.string()),
                    "cat": pa.array([x[1] for x in imp], pa.string()),
                    "grade": pa.array([x[2] for x in imp], pa.int64()),
                }
            ),
        )

    # -- the run -------------------------------------------------------------
    def run(self, persons: pa.Table, identities: pa.Table, claims: pa.Table) -> AuditResult:
        return self.run_owned([persons, identities, claims])

    def run_owned(self, tables: list[pa.Table]) -> AuditResult:
        """Audit [persons, identities, claims]; the list is emptied once DuckDB holds the rows."""
        con = self.con
        self.validate(tables)
        st = self.stats
        with self._timed("eligibility"):
            years = con.execute("SELECT DISTINCT region, year FROM claims").fetchall()
            figs = figure_table(self.kb, self.parameters, {(r, int(y)) for r, y in years})
            self._reg("figures", figs)
            con.execute(ELIGIBILITY_SQL)
            self._check_coverage()
            self._drop("held_all", "cp")
            con.execute(PREMIUM_SQL)
            con.execute(MISSING_SQL)
        with self._timed("ledger (SQL)"):
            con.execute(COMPLEX_SQL)
            con.execute(LEDGER_SQL)
            self._drop("rg0", "rg_ded", "rg1", "tl0", "tl1")
            for t in ("rg", "tg"):
                self._drop(*(f"{t}_{s}" for s in ("cp", "l1", "o1", "l2", "o2")))
        py_rows = self._python_ledger()
        with self._timed("output"):
            self._reg("out_py", py_rows)
            result = self._assemble()
            self._drop("out_sql", "rg", "tg", "opt")
            errors = self._errors()
            disc, disc_rows = self._discrepancies()
        st.persons_rejected = self._count("SELECT count(*) FROM p_err WHERE err IS NOT NULL")
        st.identities_rejected = self._count("SELECT count(*) FROM i_err WHERE err IS NOT NULL")
        st.claims_rejected = self._count(
            "SELECT count(*) FROM c_err WHERE err IS NOT NULL"
        ) + self._count(
            "SELECT count(*) FROM claims WHERE person_id IN (SELECT person_id FROM missing)"
        )
        st.claims_evaluated = st.claims_in - st.claims_rejected
        st.output_rows = result.num_rows
        st.person_years_python = self._count("SELECT count(*) FROM cx_final")
        st.person_years_sql = self._count("SELECT count(*) FROM route WHERE path = 'sql'")
        return AuditResult(result, errors, st, disc, disc_rows, self._missing_parameters())

    def _missing_parameters(self) -> list[dict[str, Any]]:
        out = []
        for param, region, year, persons, blocks in self.con.execute(
            "SELECT param, region, year, persons, blocks_claims FROM missing_params "
            "ORDER BY region, year, param"
        ).fetchall():
            name = str(param).removeprefix("parameters.")
            out.append(
                {
                    "param": param,
                    "name": name,
                    "label": self.kb.externals.get(name, (name, ""))[0],
                    "region": region,
                    "year": int(year),
                    "persons": int(persons),
                    "blocks_claims": bool(blocks),
                }
            )
        return out

    def validate(
        self, tables: list[pa.Table], identity_required: bool = True, eligibility: bool = True
    ) -> None:
        """Validate [persons, identities, claims] into `persons`, `idents`, `claims`.

        The list is emptied once DuckDB holds the rows. `medaid warnings` passes
        identity_required=False (a person without identities is an ordinary resident there)
        and eligibility=False (it needs no decision tables).
        """
        con = self.con
        with self._timed("validate"):
            if eligibility:
                self._static()
            else:
                self._mappings()
            self._reg("audit_options", pa.table({"identity_required": [identity_required]}))
            st = self.stats
            for name, table in zip(
                ("in_persons", "in_identities", "in_claims"), tables, strict=True
            ):
                if "_bad" not in table.column_names:  # tables not read by read_input
                    table = table.append_column("_bad", pa.nulls(table.num_rows, pa.string()))
                self._reg(name, table)
            st.persons_in, st.identities_in, st.claims_in = (t.num_rows for t in tables)
            con.execute(PERSONS_SQL)
            con.execute(IDENTITIES_SQL)
            con.execute(CLAIMS_SQL)
            for name in ("in_persons", "in_identities", "in_claims"):
                con.unregister(name)
            tables.clear()  # the validated copies live in DuckDB now
            special = self._special()
            self._reg("special", special)

    def _special(self) -> pa.Table:
        rows = self.con.execute(
            "SELECT DISTINCT region, disease FROM claims WHERE disease IS NOT NULL"
        ).fetchall()
        out: dict[str, list[Any]] = {"region": [], "disease": [], "special": []}
        for region, disease in rows:
            probe = cast(NClaim, _Probe(disease))
            special, _ = special_match(self.kb, region, probe)
            out["region"].append(region)
            out["disease"].append(disease)
            out["special"].append(special)
        return pa.table(
            out,
            schema=pa.schema(
                [("region", pa.string()), ("disease", pa.string()), ("special", pa.bool_())]
            ),
        )

    def _check_coverage(self) -> None:
        n = self._count("SELECT count(*) FROM held_all WHERE held IS NULL")
        if n:
            raise RuntimeError(
                f"decision table: {n} claim/identity date combinations have no coverage row"
            )
        n = self._count("SELECT count(*) FROM cl WHERE profile_id IS NULL")
        if n:
            raise RuntimeError(f"decision table: {n} claims match no profile")

    # -- Python ledger -------------------------------------------------------
    def _python_ledger(self) -> pa.Table:
        con = self.con
        con.execute(
            "CREATE OR REPLACE TEMP TABLE cx_final AS SELECT person_id, year FROM route WHERE path = 'python'"
        )
        total = self._count("SELECT count(*) FROM cx_final")
        out: dict[str, list[Any]] = {
            k: []
            for k in (
                "claim_id",
                "person_id",
                "crow",
                "prog_ix",
                "program",
                "status",
                "amount",
                "amount_min",
                "amount_max",
                "identity",
            )
        }
        with self._timed("ledger (Python)", total):
            if total:
                self._run_python(out)
        schema = pa.schema(
            [
                ("claim_id", pa.string()),
                ("person_id", pa.string()),
                ("crow", pa.int64()),
                ("prog_ix", pa.int64()),
                ("program", pa.string()),
                ("status", pa.string()),
                ("amount", pa.int64()),
                ("amount_min", pa.int64()),
                ("amount_max", pa.int64()),
                ("identity", pa.string()),
            ]
        )
        return pa.table(out, schema=schema)

    def _run_python(self, out: dict[str, list[Any]]) -> None:
        con = self.con
        kb = self.kb
        ev = TableEvaluator(kb)
        prog_ix = {p: i for i, p in enumerate(kb.programs)}
        persons = {
            r[0]: r
            for r in con.execute(
                "SELECT p.person_id, p.region, p.birth, p.dis, p.maint, p.scheme FROM persons p "
                "WHERE p.person_id IN (SELECT person_id FROM cx_final)"
            ).fetchall()
        }
        idents: dict[str, list[NIdentity]] = defaultdict(list)
        for pid, cat, since, until in con.execute(
            "SELECT person_id, category, since, until FROM idents "
            "WHERE person_id IN (SELECT person_id FROM cx_final) ORDER BY person_id, irow"
        ).fetchall():
            idents[pid].append(
                NIdentity.model_construct(category=cat, since=since, until=until, given_as=cat)
            )
        claims: dict[tuple[str, int], list[tuple[Any, ...]]] = defaultdict(list)
        for row in con.execute(
            "SELECT c.person_id, c.year, c.crow, c.claim_ref, c.ctype, c.date, c.discharge, c.disease, "
            "c.level, c.scope, c.referral, c.cost, c.basic, c.ci, c.supp FROM claims c "
            "JOIN cx_final x ON x.person_id = c.person_id AND x.year = c.year ORDER BY c.crow"
        ).fetchall():
            claims[(row[0], row[1])].append(row[2:])
        st = con.execute(
            "SELECT b.claim_id, b.program, b.st FROM bst b JOIN cx_final x USING (person_id, year)"
        ).fetchall()
        status_of: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for cid, p, s in st:
            status_of[cid].append((p, s))
        excl: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for cid, p, why in con.execute(
            "SELECT b.claim_id, b.program, b.excluded FROM bst b JOIN cx_final x USING (person_id, year) "
            "WHERE b.excluded IS NOT NULL"
        ).fetchall():
            excl[cid].append((p, why))
        appl: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
        for cid, p, r, cat, own in con.execute(
            "SELECT a.claim_id, a.program, a.rule, a.cat, a.own FROM ap a JOIN cl c USING (claim_id) "
            "JOIN cx_final x ON x.person_id = c.person_id AND x.year = c.year"
        ).fetchall():
            appl[cid].append((p, r, cat, own))
        unres: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for cid, p, cat, ref in con.execute(
            "SELECT u.claim_id, u.program, u.cat, u.ref FROM un u JOIN cl c USING (claim_id) "
            "JOIN cx_final x ON x.person_id = c.person_id AND x.year = c.year"
        ).fetchall():
            unres[cid].append((p, cat, ref))
        for (pid, _year), rows in claims.items():
            person = persons[pid]
            nclaims = []
            status: list[tuple[int, str, str]] = []
            applicable: list[tuple[int, str, str, str, str]] = []
            excluded: list[tuple[int, str, str]] = []
            unresolved: list[tuple[int, str, str, str]] = []
            crow_of: dict[int, int] = {}
            for i, (
                crow,
                cid,
                ctype,
                date,
                discharge,
                disease,
                level,
                scope,
                referral,
                *money,
            ) in enumerate(rows, start=1):
                cost, basic, ci, supp = (_dec(m) for m in money)
                nclaims.append(
                    NClaim.model_construct(
                        index=i,
                        id=cid,
                        type=ctype,
                        date=date,
                        discharge=discharge,
                        disease=disease,
                        special_disease=None,
                        level=level,
                        scope=scope,
                        referral=referral,
                        policy_scope_cost=cost,
                        basic_insurance_paid=basic,
                        critical_illness_paid=ci,
                        supplementary_paid=supp,
                    )
                )
                crow_of[i] = crow
                status += [(i, p, s) for p, s in status_of.get(crow, [])]
                applicable += [(i, *a) for a in appl.get(crow, [])]
                excluded += [(i, *x) for x in excl.get(crow, [])]
                unresolved += [(i, *u) for u in unres.get(crow, [])]
            case = Case.model_construct(
                region=person[1],
                person_id=pid,
                birth_date=person[2],
                disability_grade=person[3],
                needs_maintenance_treatment=bool(person[4]),
                scheme=person[5],
                identities=tuple(idents[pid]),
                parameters=self.parameters.get(person[1], {}),
                claims=tuple(nclaims),
                year=None,
            )
            answers = Answers(
                status=sorted(status),
                applicable=sorted(applicable),
                excluded=sorted(excluded),
                unresolved=sorted(unresolved),
            )
            result = ev.evaluate_with(case, answers)
            for cr in result.claims:
                for b in cr.benefits:
                    out["claim_id"].append(cr.claim.id)
                    out["person_id"].append(pid)
                    out["crow"].append(crow_of[cr.claim.index])
                    out["prog_ix"].append(prog_ix[b.program])
                    out["program"].append(b.program)
                    out["status"].append(b.status)
                    out["amount"].append(_fen_of(b.amount))
                    out["amount_min"].append(_fen_of(b.amount_min))
                    out["amount_max"].append(_fen_of(b.amount_max))
                    out["identity"].append(b.identity)
            self.rep.advance()

    # -- results -------------------------------------------------------------
    def _assemble(self) -> pa.Table:
        sql = """
        CREATE OR REPLACE TEMP TABLE results AS
        WITH u AS (
          SELECT crow, person_id, 0 AS part, crow AS s1, prog_ix AS s2, program, status,
            CASE WHEN status = 'paid' THEN a_min END AS amount,
            CASE WHEN status = 'bounded' THEN a_min END AS amount_min,
            CASE WHEN status = 'bounded' THEN a_max END AS amount_max, identity
          FROM out_sql
          UNION ALL
          SELECT crow, person_id, 0, crow, prog_ix, program, status, amount, amount_min,
            amount_max, identity
          FROM out_py
          UNION ALL
          SELECT NULL, person_id, 1, prow, year, 'premium_subsidy', status,
            CASE WHEN status = 'paid' THEN a_min END,
            CASE WHEN status = 'bounded' THEN a_min END,
            CASE WHEN status = 'bounded' THEN a_max END, identity
          FROM prem WHERE person_id NOT IN (SELECT person_id FROM missing)
        )
        SELECT coalesce(c.claim_ref, 'premium:' || CAST(u.s2 AS VARCHAR)) AS claim_id, u.*
        FROM u LEFT JOIN claims c ON c.crow = u.crow;
        """
        self.con.execute(sql)
        return self.con.sql(
            f"""SELECT claim_id, person_id, program, status, {_money_out("amount")} AS amount,
              {_money_out("amount_min")} AS amount_min, {_money_out("amount_max")} AS amount_max, identity
            FROM results ORDER BY part, s1, s2"""
        ).to_arrow_table()

    def _errors(self) -> pa.Table:
        sql = """
        SELECT source, "row", "column", reason FROM (
          SELECT 'persons' AS source, _row AS "row", split_part(err, '|', 1) AS "column",
            substr(err, strpos(err, '|') + 1) AS reason, 0 AS o FROM p_err WHERE err IS NOT NULL
          UNION ALL
          SELECT 'identities', _row, split_part(err, '|', 1), substr(err, strpos(err, '|') + 1), 1
          FROM i_err WHERE err IS NOT NULL
          UNION ALL
          SELECT 'claims', _row, split_part(err, '|', 1), substr(err, strpos(err, '|') + 1), 2
          FROM c_err WHERE err IS NOT NULL
          UNION ALL
          SELECT 'claims', c.crow, m.param, m.reason, 2
          FROM claims c JOIN missing m USING (person_id)
        ) ORDER BY o, "row"
        """
        t = self.con.sql(sql).to_arrow_table()
        names = pa.array([self.sources[s] for s in t.column("source").to_pylist()], pa.string())
        return t.set_column(0, "source", names)

    def _discrepancies(self) -> tuple[Discrepancies | None, pa.Table | None]:
        con = self.con
        n = self._count(
            "SELECT count(*) FROM claims WHERE paid_asst IS NOT NULL "
            "AND person_id NOT IN (SELECT person_id FROM missing)"
        )
        if n == 0:
            return None, None
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE disc AS
            WITH e AS (
              SELECT r.crow,
                sum(CASE WHEN r.status = 'paid' THEN r.amount ELSE 0 END) AS expected,
                string_agg(CASE WHEN r.status IN ('bounded', 'unresolved')
                  THEN r.program || ':' || r.status END, ';' ORDER BY r.s2) AS not_exact
              FROM results r JOIN programs pg ON pg.program = r.program
              WHERE r.part = 0 AND pg.kind = 'assistance' GROUP BY r.crow
            )
            SELECT c.claim_ref AS claim_id, c.person_id, c.crow, c.paid_asst,
              coalesce(e.expected, 0) AS expected, e.not_exact,
              CASE WHEN e.not_exact IS NULL THEN c.paid_asst - coalesce(e.expected, 0) END AS diff
            FROM claims c LEFT JOIN e USING (crow)
            WHERE c.paid_asst IS NOT NULL AND c.person_id NOT IN (SELECT person_id FROM missing)
            """
        )
        row = con.execute(
            """SELECT count(*) FILTER (WHERE not_exact IS NULL),
                 count(*) FILTER (WHERE diff > 0), count(*) FILTER (WHERE diff < 0),
                 count(*) FILTER (WHERE not_exact IS NOT NULL),
                 coalesce(sum(paid_asst) FILTER (WHERE not_exact IS NULL), 0),
                 coalesce(sum(expected) FILTER (WHERE not_exact IS NULL), 0),
                 coalesce(sum(paid_asst) FILTER (WHERE not_exact IS NOT NULL), 0),
                 coalesce(sum(diff) FILTER (WHERE diff > 0), 0),
                 coalesce(sum(diff) FILTER (WHERE diff < 0), 0)
               FROM disc"""
        ).fetchone()
        assert row is not None
        d = Discrepancies(
            claims_compared=int(row[0]),
            over=int(row[1]),
            under=int(row[2]),
            matched=int(row[0]) - int(row[1]) - int(row[2]),
            not_exact=int(row[3]),
            paid_total=int(row[4]),
            expected_total=int(row[5]),
            not_exact_paid_total=int(row[6]),
            over_total=int(row[7]),
            under_total=int(row[8]),
        )
        for target, cond, order in (
            (d.largest_over, "diff > 0", "diff DESC"),
            (d.largest_under, "diff < 0", "diff ASC"),
        ):
            for cid, pid, paid, exp, diff in con.execute(
                f"SELECT claim_id, person_id, paid_asst, expected, diff FROM disc WHERE {cond} "
                f"ORDER BY {order}, crow LIMIT 10"
            ).fetchall():
                target.append(
                    {
                        "claim_id": cid,
                        "person_id": pid,
                        "paid_assistance": paid,
                        "expected": exp,
                        "difference": diff,
                    }
                )
        # ORDER BY names disc's columns: Spark would take the output's boolean not_exact
        rows = con.sql(
            f"""SELECT claim_id, person_id,
                 CASE WHEN not_exact IS NOT NULL THEN 'not_exact'
                      WHEN diff > 0 THEN 'over' ELSE 'under' END AS kind,
                 {_money_out("paid_asst")} AS paid_assistance,
                 CASE WHEN not_exact IS NULL THEN {_money_out("expected")} END AS expected,
                 {_signed_money_out("diff")} AS difference,
                 not_exact IS NOT NULL AS not_exact,
                 not_exact AS not_exact_programs
               FROM disc WHERE diff <> 0 OR not_exact IS NOT NULL
               ORDER BY CASE WHEN disc.not_exact IS NOT NULL THEN 2 WHEN disc.diff > 0 THEN 0 ELSE 1 END,
                 abs(disc.diff) DESC, crow"""
        ).to_arrow_table()
        return d, rows

    # -- one person as a case file ---------------------------------------------
    def person_of_claim(self, claim_id: str) -> str | None:
        row = self.con.execute(
            "SELECT person_id FROM claims WHERE claim_ref = ?", [claim_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def case_dict(self, person_id: str, raw_parameters: dict[str, Any]) -> dict[str, Any]:
        """The person's accepted rows as a `medaid eval` case (all their claims, file order)."""
        con = self.con
        p = con.execute(
            "SELECT region, birth, dis, maint, scheme FROM persons WHERE person_id = ?", [person_id]
        ).fetchone()
        if p is None:
            raise InputError("--explain", f"没有已评估的人员 {person_id[:40]!r}")
        region, birth, dis, maint, scheme = p
        person: dict[str, Any] = {"id": person_id}
        if birth is not None:
            person["birth_date"] = birth
        if dis is not None:
            person["disability_grade"] = int(dis)
        if maint:
            person["needs_maintenance_treatment"] = True
        ids = []
        for cat, since, until in con.execute(
            "SELECT category, since_d, until_d FROM idents WHERE person_id = ? ORDER BY irow",
            [person_id],
        ).fetchall():
            i: dict[str, Any] = {"category": cat}
            if since is not None:
                i["since"] = since
            if until is not None:
                i["until"] = until
            ids.append(i)
        person["identities"] = ids
        if scheme is not None:
            person["insurance"] = {"scheme": scheme}
        claims = []
        for (
            cid,
            ctype,
            date,
            discharge,
            disease,
            level,
            scope,
            referral,
            cost,
            basic,
            ci,
            supp,
        ) in con.execute(
            "SELECT claim_ref, ctype, date, discharge, disease, level, scope, referral, cost, basic, ci, supp "
            "FROM claims WHERE person_id = ? ORDER BY crow",
            [person_id],
        ).fetchall():
            c: dict[str, Any] = {"id": cid, "type": ctype, "date": date}
            if discharge is not None:
                c["discharge"] = discharge
            if disease is not None:
                c["disease"] = disease
            c["hospital"] = {"level": int(level), "scope": scope}
            c["referral"] = referral
            c["policy_scope_cost"] = str(_dec(cost))
            c["basic_insurance_paid"] = str(_dec(basic))
            c["critical_illness_paid"] = str(_dec(ci))
            if supp:
                c["supplementary_paid"] = str(_dec(supp))
            claims.append(c)
        out: dict[str, Any] = {"region": region, "person": person}
        if region in raw_parameters:
            out["parameters"] = raw_parameters[region]
        out["claims"] = claims
        return out


@dataclass
class _Probe:
    """What special_match reads of a claim."""

    disease: str | None
    special_disease: bool | None = None


def _ymd_date(v: int) -> dt.date:
    return dt.date(v // 10000, v // 100 % 100, v % 100)


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


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def audit_tables(
    kb: KB,
    eng: PrologEngine,
    persons: pa.Table,
    identities: pa.Table,
    claims: pa.Table,
    parameters: dict[str, dict[Any, Any]],
    reporter: Reporter | None = None,
    threads: int | None = None,
    memory_limit: str = "2.5GB",
) -> tuple[AuditResult, Auditor]:
    """Audit Arrow tables (string columns as read by :func:`read_input`)."""
    auditor = Auditor(kb, eng, parameters, reporter, threads, memory_limit)
    return auditor.run(persons, identities, claims), auditor


def audit_files(
    kb: KB,
    eng: PrologEngine,
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None = None,
    reporter: Reporter | None = None,
    threads: int | None = None,
    memory_limit: str = "2.5GB",
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    make_auditor: Callable[[dict[str, dict[Any, Any]], Reporter], Auditor] | None = None,
) -> tuple[AuditResult, Auditor, dict[str, Any]]:
    """Read the three inputs (CSV, Parquet or xlsx by extension) and audit them.

    `make_auditor` builds the auditor from the parsed parameters (another engine's, e.g.
    Spark's); by default a DuckDB one. The caller closes the returned auditor; on an error
    it is closed here.
    """
    parsed, raw = load_parameters(parameters, kb)
    rep = reporter or Quiet()
    rep.stage("read")
    t = time.perf_counter()
    tables = [
        read_input(p, cols, name, kb=kb, encoding=encoding, sheet=sheet)
        for p, cols, name in (
            (persons, PERSON_COLUMNS, "persons"),
            (identities, IDENTITY_COLUMNS, "identities"),
            (claims, CLAIM_COLUMNS, "claims"),
        )
    ]
    read_s = time.perf_counter() - t
    if make_auditor is None:
        auditor = Auditor(kb, eng, parsed, rep, threads, memory_limit)
    else:
        auditor = make_auditor(parsed, rep)
    auditor.sources = {
        "persons": persons.name,
        "identities": identities.name,
        "claims": claims.name,
    }
    try:
        result = auditor.run_owned(tables)
    except BaseException:
        auditor.close()
        raise
    result.stats.seconds = {"read": read_s, **result.stats.seconds}
    return result, auditor, raw


def result_rows(kb: KB, result: Result) -> list[dict[str, Any]]:
    """The audit rows `medaid eval` gives for one case (for comparisons and tests)."""
    out = []
    for cr in result.claims:
        for b in cr.benefits:
            out.append(
                {
                    "claim_id": cr.claim.id,
                    "person_id": result.case.person_id,
                    "program": b.program,
                    "status": b.status,
                    "amount": b.amount,
                    "amount_min": b.amount_min,
                    "amount_max": b.amount_max,
                    "identity": b.identity,
                }
            )
    for y, b in result.premiums.items():
        out.append(
            {
                "claim_id": f"premium:{y}",
                "person_id": result.case.person_id,
                "program": b.program,
                "status": b.status,
                "amount": b.amount,
                "amount_min": b.amount_min,
                "amount_max": b.amount_max,
                "identity": b.identity,
            }
        )
    return out


__all__ = [
    "CLAIM_COLUMNS",
    "ERROR_COLUMNS",
    "IDENTITY_COLUMNS",
    "OUTPUT_COLUMNS",
    "PERSON_COLUMNS",
    "AuditResult",
    "AuditStats",
    "Auditor",
    "Discrepancies",
    "MissingParameter",
    "TableEvaluator",
    "audit_files",
    "audit_tables",
    "load_parameters",
    "read_input",
    "result_rows",
    "sidecar",
    "write_table",
]
