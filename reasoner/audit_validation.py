"""The audit's validation SQL: every input row accepted into `persons`, `idents`, `claims` or
rejected into `p_err`, `i_err`, `c_err` with its column and reason.

It joins the mappings reasoner.audit_static registers (accepted spellings, document dates,
the categories each document recognises) and `audit_options`.
"""

from __future__ import annotations

from reasoner.audit_io import MONEY_COLUMNS

_DATE_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}( 00:00:00(\.0+)?)?"


def _txt(c: str) -> str:
    # trim (spaces only) copies every string; most cells have no space to trim
    v = f"CAST({c} AS VARCHAR)"
    return (
        f"CASE WHEN starts_with({v}, ' ') OR ends_with({v}, ' ') "
        f"THEN NULLIF(trim({v}), '') ELSE NULLIF({v}, '') END"
    )


def _date(c: str) -> str:
    return (
        f"CASE WHEN regexp_full_match({c}, '{_DATE_RE}') THEN TRY_CAST(left({c}, 10) AS DATE) END"
    )


def _money_reason(c: str) -> str:
    return f"""CASE
      WHEN {c} IS NULL THEN NULL
      -- the form read_input leaves every valid amount in: one match, no casts
      WHEN regexp_full_match({c}, '[0-9]{{1,9}}(\\.[0-9]{{1,2}})?') THEN NULL
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
    # 16 characters fit DECIMAL(18, 2), several times cheaper than 38 digits (CASE, unlike
    # coalesce, evaluates only the branch a row takes)
    return (
        f"CASE WHEN length({c}) < 17 THEN CAST(TRY_CAST({c} AS DECIMAL(18, 2)) * 100 AS BIGINT) "
        f"ELSE CAST(TRY_CAST({c} AS DECIMAL(38, 2)) * 100 AS BIGINT) END"
    )


PERSONS_SQL = f"""
-- p_raw: the persons file's cells as trimmed text (NULL for empty), one row per input row
CREATE OR REPLACE TEMP VIEW p_raw AS
SELECT _row, _bad,
  {_txt("person_id")} AS person_id, {_txt("region")} AS region_s,
  {_txt("birth_date")} AS birth_s, {_txt("disability_grade")} AS dis_s,
  lower({_txt("needs_maintenance_treatment")}) AS maint_s, {_txt("scheme")} AS scheme_s
FROM in_persons;
-- p_chk: each person row with its values parsed (region, birth, grade, scheme ids) and
-- whether its id repeats an earlier row
CREATE OR REPLACE TEMP TABLE p_chk AS
SELECT r.*, rl.id AS region, {_date("birth_s")} AS birth,
  CASE WHEN regexp_full_match(dis_s, '[1-4](\\.0+)?') THEN CAST(left(dis_s, 1) AS INTEGER) END AS dis,
  CASE WHEN maint_s IS NULL OR maint_s IN ('false','0','no','off','f','n','否') THEN false
       WHEN maint_s IN ('true','1','yes','on','t','y','是') THEN true END AS maint,
  sm.id AS scheme,
  CASE WHEN r._row > d.first_row THEN 2 ELSE 1 END AS dup, d.first_row
FROM p_raw r
LEFT JOIN map_region rl ON rl.name = r.region_s
LEFT JOIN map_scheme sm ON sm.name = r.scheme_s
LEFT JOIN (SELECT person_id, min(_row) AS first_row FROM p_raw GROUP BY person_id
           HAVING count(*) > 1) d ON d.person_id = r.person_id;
-- p_err: the rejected person rows, err = 'column|reason' (the first failing check)
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
-- persons: the accepted persons, prow their input row
CREATE OR REPLACE TEMP TABLE persons AS
SELECT c.person_id, c._row AS prow, c.region, c.birth, c.dis, c.maint, c.scheme
FROM p_chk c LEFT JOIN p_err e ON e._row = c._row WHERE e._row IS NULL;
DROP TABLE p_chk;
DROP VIEW p_raw;
"""

IDENTITIES_SQL = f"""
-- i_raw: the identities file's cells as trimmed text
CREATE OR REPLACE TEMP VIEW i_raw AS
SELECT _row, _bad, {_txt("person_id")} AS person_id, {_txt("category")} AS category_s,
  {_txt("since")} AS since_s, {_txt("until")} AS until_s
FROM in_identities;
-- i_chk: each identity row with its category id and dates, whether its person was accepted
-- and whether the person's document recognises the category
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
-- i_err: the rejected identity rows, err = 'column|reason'
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
-- idents: the accepted identities, open ends closed at 1900-01-01 and 9999-12-31
CREATE OR REPLACE TEMP TABLE idents AS
SELECT c.person_id, c._row AS irow, c.category, c.since_d, c.until_d,
  coalesce(c.since_d, DATE '1900-01-01') AS since, coalesce(c.until_d, DATE '9999-12-31') AS until
FROM i_chk c LEFT JOIN i_err e ON e._row = c._row WHERE e._row IS NULL;
DROP TABLE i_chk;
DROP VIEW i_raw;
"""

# Typed Parquet columns (reasoner.audit_io keeps dates, integers and decimals whose text
# every row would pass) are read as they are; any other value goes through the text checks
# as the file's text. typeof() names DuckDB's types: on Spark, whose inputs are all text, it
# never matches.
_INT_TYPES = "('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER')"


def _typed_date(c: str) -> str:
    return (
        f"CASE WHEN typeof({c}) = 'DATE' THEN CASE WHEN TRY_CAST({c} AS DATE) "
        f"BETWEEN DATE '1000-01-01' AND DATE '9999-12-31' THEN TRY_CAST({c} AS DATE) END END"
    )


def _typed_level(c: str) -> str:
    return (
        f"CASE WHEN typeof({c}) IN {_INT_TYPES} THEN CASE WHEN TRY_CAST({c} AS INTEGER) "
        f"BETWEEN 1 AND 3 THEN TRY_CAST({c} AS INTEGER) END END"
    )


def _typed_fen(c: str) -> str:
    return (
        # DECIMAL(15, 2) × DECIMAL(3, 0) stays in 64 bits; a wider value is left to the text
        f"CASE WHEN typeof({c}) LIKE 'DECIMAL(%,2)' THEN CASE WHEN TRY_CAST({c} AS DECIMAL(15, 2)) "
        f"BETWEEN 0 AND 1000000000 THEN CAST(TRY_CAST({c} AS DECIMAL(15, 2)) "
        f"* CAST(100 AS DECIMAL(3, 0)) AS BIGINT) END END"
    )


def _both(c: str, typed: str, name: str) -> str:
    """{name}_t the typed value when it is valid, else {name} the cell as trimmed text."""
    t = typed
    return f"{t} AS {name}_t, CASE WHEN {t} IS NULL THEN {_txt(c)} END AS {name}"


_MONEY_RAW = ", ".join(_both(c, _typed_fen(c), c) for c in MONEY_COLUMNS)
_MONEY_ERR = "\n".join(
    f"    WHEN {c}_why IS NOT NULL THEN '{c}|' || {c}_why" for c in MONEY_COLUMNS
)
_MONEY_PARSED = ", ".join(
    [f"{_money_reason('r.' + c)} AS {c}_why" for c in MONEY_COLUMNS]
    + [f"coalesce(r.{c}_t, {_fen('r.' + c)}) AS {c}_fen" for c in MONEY_COLUMNS]
)
_CLAIM_OUT = (
    "_row, claim_id, person_id, ctype, date, discharge, disease, level, scope, referral, "
    "region, " + ", ".join(f"{c}_fen" for c in MONEY_COLUMNS)
)
CLAIMS_SQL = f"""
-- c_raw: the claims file's cells as trimmed text (or, typed, as read)
CREATE OR REPLACE TEMP VIEW c_raw AS
SELECT _row, _bad, {_txt("claim_id")} AS claim_id, {_txt("person_id")} AS person_id,
  {_txt("type")} AS type_s, {_both("date", _typed_date("date"), "date_s")},
  {_both("discharge", _typed_date("discharge"), "discharge_s")},
  {_txt("disease")} AS disease, {_both("hospital_level", _typed_level("hospital_level"), "level_s")},
  {_txt("scope")} AS scope_s, {_txt("referral")} AS referral_s, {_MONEY_RAW}
FROM in_claims;
-- c_chk: each claim row with its ids, dates, level and amounts in fen parsed and err =
-- 'column|reason' for a rejected row (the first failing check); only what `claims` keeps
CREATE OR REPLACE TEMP TABLE c_chk AS
SELECT {_CLAIM_OUT},
  CASE
    WHEN _bad IS NOT NULL THEN _bad
    WHEN claim_id IS NULL THEN 'claim_id|必填字段缺失'
    WHEN dup > 1 THEN 'claim_id|理赔编号重复（首次出现于第 ' || first_row || ' 行）'
    WHEN person_id IS NULL THEN 'person_id|必填字段缺失'
    WHEN NOT known THEN 'person_id|未知人员 ' || left(person_id, 40) || '（人员文件中没有有效记录）'
    WHEN NOT has_identity AND (SELECT identity_required FROM audit_options) THEN 'person_id|人员 ' || left(person_id, 40) || ' 没有有效的身份记录'
    WHEN type_s IS NULL THEN 'type|必填字段缺失'
    WHEN ctype IS NULL THEN 'type|未知取值 ' || left(type_s, 40)
    WHEN date_s IS NULL AND date_s_t IS NULL THEN 'date|必填字段缺失'
    WHEN date IS NULL THEN 'date|不是 ISO 日期（YYYY-MM-DD）'
    WHEN discharge_s IS NOT NULL AND discharge IS NULL THEN 'discharge|不是 ISO 日期（YYYY-MM-DD）'
    WHEN level_s IS NULL AND level_s_t IS NULL THEN 'hospital_level|必填字段缺失'
    WHEN level IS NULL THEN 'hospital_level|不是 1—3 的整数'
    WHEN scope_s IS NULL THEN 'scope|必填字段缺失'
    WHEN scope IS NULL THEN 'scope|未知取值 ' || left(scope_s, 40)
    WHEN referral IS NULL THEN 'referral|未知取值 ' || left(referral_s, 40)
    WHEN policy_scope_cost IS NULL AND policy_scope_cost_t IS NULL THEN 'policy_scope_cost|必填字段缺失'
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
FROM (SELECT r.*, p.region, p.birth, mt.id AS ctype, ms.id AS scope,
  coalesce(mr.id, CASE WHEN r.referral_s IS NULL THEN 'none' END) AS referral,
  coalesce(r.date_s_t, {_date("r.date_s")}) AS date,
  coalesce(r.discharge_s_t, {_date("r.discharge_s")}) AS discharge,
  coalesce(r.level_s_t, CASE WHEN regexp_full_match(r.level_s, '[1-3](\\.0+)?') THEN CAST(left(r.level_s, 1) AS INTEGER) END) AS level,
  {_MONEY_PARSED},
  -- a repeated id by aggregation, not a window: sorting every row by id costs more than
  -- the rest of validation
  CASE WHEN r._row > d.first_row THEN 2 ELSE 1 END AS dup, d.first_row,
  p.person_id IS NOT NULL AS known, p.has_identity, p.start_d, p.end_d, p.doc_no
FROM c_raw r
-- a person's region, document dates and whether any identity names them: one join per claim
LEFT JOIN (SELECT q.person_id, q.region, q.birth, g.start_d, g.end_d, g.doc_no,
             EXISTS (SELECT 1 FROM idents i WHERE i.person_id = q.person_id) AS has_identity
           FROM persons q LEFT JOIN regions g ON g.region = q.region) p
  ON p.person_id = r.person_id
LEFT JOIN map_type mt ON mt.name = r.type_s
LEFT JOIN map_scope ms ON ms.name = r.scope_s
LEFT JOIN map_referral mr ON mr.name = r.referral_s
-- repeated ids: grouping a million distinct ids by their hash first is half the cost, and
-- only the few ids whose hash repeats are grouped by text
LEFT JOIN (SELECT claim_id, min(_row) AS first_row FROM c_raw
           WHERE hash(claim_id) IN (SELECT hash(claim_id) FROM c_raw GROUP BY hash(claim_id)
                                    HAVING count(*) > 1)
           GROUP BY claim_id HAVING count(*) > 1) d ON d.claim_id = r.claim_id) x;
-- c_err: the rejected claim rows
CREATE OR REPLACE TEMP TABLE c_err AS
SELECT _row, err FROM c_chk WHERE err IS NOT NULL;
-- claims: the accepted claims, money in fen; sp is the self-pay after the insurers, crow the
-- input row (also the claim's key), claim_ref the id as given
CREATE OR REPLACE TEMP TABLE claims AS
SELECT c._row AS crow, c._row AS claim_id, c.claim_id AS claim_ref, c.person_id, c.ctype, c.date, c.discharge, c.disease, c.level,
  c.scope, c.referral, c.region,
  c.policy_scope_cost_fen AS cost, coalesce(c.basic_insurance_paid_fen, 0) AS basic,
  coalesce(c.critical_illness_paid_fen, 0) AS ci, coalesce(c.supplementary_paid_fen, 0) AS supp,
  c.paid_assistance_fen AS paid_asst,
  c.policy_scope_cost_fen - coalesce(c.basic_insurance_paid_fen, 0)
    - coalesce(c.critical_illness_paid_fen, 0) - coalesce(c.supplementary_paid_fen, 0) AS sp,
  CAST(year(c.date) AS INTEGER) AS year
FROM c_chk c WHERE c.err IS NULL;
DROP TABLE c_chk;
DROP VIEW c_raw;
"""
