"""`medaid audit`: the bulk audit gives, row for row and to the fen, what `medaid eval` gives.

A synthetic year (bench/gen.py) of ≥ 2,000 claims across the five regions, plus hand-made
persons for the paths the generator rarely hits (subcap that binds, caps that differ between
identities, the 渝北 overlap, identities gained or lost during a stay, retroactive 攀枝花
recognition), is audited once; then every person's accepted rows are rebuilt as a case file
and evaluated one by one with Prolog.
"""

from __future__ import annotations

import collections
import copy
import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from reasoner.api import evaluate_data, get_kb
from reasoner.audit import CLAIM_COLUMNS, Auditor, AuditResult, audit_files, result_rows
from reasoner.cli.main import main
from reasoner.engine import engine
from reasoner.errors import MedaidError, MissingParameter
from tests.helpers import bench_gen

ROOT = Path(__file__).resolve().parent.parent


gen = bench_gen()

CLAIM_KEYS = CLAIM_COLUMNS


def _add_person(
    data: dict[str, Any], pid: str, region: str, idents: list[tuple[str, str, str]], **kw: str
) -> None:
    p = data["persons"]
    p["person_id"].append(pid)
    p["region"].append(region)
    p["birth_date"].append(kw.get("birth_date", "1950-03-04"))
    p["disability_grade"].append(kw.get("disability_grade", ""))
    p["needs_maintenance_treatment"].append(kw.get("maint", ""))
    p["scheme"].append(kw.get("scheme", "resident_tier1"))
    for cat, since, until in idents:
        data["identities"]["person_id"].append(pid)
        data["identities"]["category"].append(cat)
        data["identities"]["since"].append(since)
        data["identities"]["until"].append(until)


def _add_claim(
    data: dict[str, Any],
    cid: str,
    pid: str,
    ctype: str,
    date: str,
    cost: str,
    basic: str,
    **kw: str,
) -> None:
    row = {
        "claim_id": cid,
        "person_id": pid,
        "type": ctype,
        "date": date,
        "discharge": kw.get("discharge", ""),
        "disease": kw.get("disease", ""),
        "hospital_level": kw.get("level", "2"),
        "scope": kw.get("scope", "in_city"),
        "referral": kw.get("referral", "primary_care"),
        "policy_scope_cost": cost,
        "basic_insurance_paid": basic,
        "critical_illness_paid": kw.get("ci", "0"),
        "supplementary_paid": kw.get("supp", ""),
        "paid_assistance": kw.get("paid", ""),
    }
    for k in CLAIM_KEYS:
        data["claims"][k].append(row[k])


def handmade(data: dict[str, Any]) -> None:
    """Persons for the paths a random year rarely takes."""
    # 江苏: outpatient subcap (≥ 10000 元) reached over many visits → Python ledger
    _add_person(data, "H01", "jiangsu", [("dibao", "2020-01-01", "")])
    for i in range(8):
        _add_claim(data, f"H01-{i}", "H01", "outpatient", f"2025-0{i + 1}-10", "6000", "1000")
    # 攀枝花: 特困 (no cap) and 低保 (7万) in one pool → caps differ → Python ledger
    _add_person(
        data, "H02", "panzhihua", [("tekun", "2020-01-01", ""), ("dibao", "2019-05-01", "")]
    )
    for i in range(3):
        _add_claim(
            data,
            f"H02-{i}",
            "H02",
            "inpatient",
            f"2025-0{i + 2}-01",
            "180000",
            "60000",
            discharge=f"2025-0{i + 2}-20",
        )
    # 渝北: a large ordinary stay — 住院 and 大额费用 overlap, the larger pays
    _add_person(data, "H03", "yubei", [("orphan", "2021-01-01", "")])
    _add_claim(
        data,
        "H03-0",
        "H03",
        "inpatient",
        "2025-03-01",
        "90000",
        "40000",
        level="3",
        discharge="2025-03-15",
    )
    _add_claim(
        data,
        "H03-1",
        "H03",
        "inpatient",
        "2025-06-01",
        "120000",
        "50000",
        level="2",
        discharge="2025-06-09",
    )
    # 江苏: identity gained during a stay; another lost during a stay, month grace after
    _add_person(data, "H04", "jiangsu", [("dibao_edge", "2025-03-05", "")])
    _add_claim(
        data, "H04-0", "H04", "inpatient", "2025-03-01", "50000", "20000", discharge="2025-03-12"
    )
    _add_person(data, "H05", "jiangsu", [("tekun", "2020-01-01", "2025-04-10")])
    _add_claim(data, "H05-0", "H05", "outpatient", "2025-04-25", "3000", "1000")
    _add_claim(data, "H05-1", "H05", "outpatient", "2025-05-02", "3000", "1000")
    # 攀枝花: recognised in June, costs from January covered (retroactive year)
    _add_person(data, "H06", "panzhihua", [("dibao_edge", "2025-06-15", "")])
    _add_claim(
        data, "H06-0", "H06", "inpatient", "2025-02-01", "40000", "15000", discharge="2025-02-10"
    )
    # 沙坪坝: tilt over the monitoring standard across two claims; special disease
    _add_person(
        data, "H07", "shapingba", [("dibao", "2020-01-01", ""), ("monitored", "2024-01-01", "")]
    )
    _add_claim(
        data,
        "H07-0",
        "H07",
        "inpatient",
        "2025-02-01",
        "200000",
        "80000",
        disease="肺癌",
        discharge="2025-02-20",
        ci="30000",
    )
    _add_claim(
        data, "H07-1", "H07", "inpatient", "2025-09-01", "150000", "70000", discharge="2025-09-10"
    )
    # 沧州: deductible and cap accumulated over the year, unreferred stay outside the city
    _add_person(data, "H08", "cangzhou", [("dibao_edge", "2020-01-01", "")])
    for i in range(5):
        _add_claim(
            data,
            f"H08-{i}",
            "H08",
            "inpatient",
            f"2025-0{i + 3}-01",
            "12000",
            "4000",
            discharge=f"2025-0{i + 3}-09",
        )
    # the same category twice (a gap), Chinese spellings, two claims on one day (file order)
    _add_person(
        data,
        "H09",
        "沧州",
        [
            ("低保对象", "2020-01-01", "2025-03-31"),
            ("dibao", "2025-06-01", ""),
            ("tekun", "2025-09-01", ""),
        ],
    )
    _add_claim(data, "H09-0", "H09", "住院", "2025-04-15", "30000", "9000", discharge="2025-04-20")
    _add_claim(data, "H09-1", "H09", "住院", "2025-07-01", "30000", "9000", scope="市内")
    _add_claim(data, "H09-2", "H09", "outpatient", "2025-07-01", "3000", "900")
    _add_claim(data, "H09-3", "H09", "outpatient", "2025-10-01", "99000", "9000")
    _add_claim(
        data,
        "H08-5",
        "H08",
        "inpatient",
        "2025-10-01",
        "30000",
        "9000",
        discharge="2025-10-09",
        referral="none",
        scope="out_of_province",
    )

    # 江苏 低保, two stays sharing the yearly cap whose floor the city fixes (四（六）): every
    # reading of the open rate and cap, in the SQL ledger (tests/cases/jiangsu/05, 2025 figures)
    _add_person(data, "H10", "jiangsu", [("dibao", "2021-05-01", "")], scheme="resident_tier2")
    _add_claim(
        data,
        "H10-0",
        "H10",
        "inpatient",
        "2025-02-10",
        "400000",
        "220000",
        discharge="2025-03-08",
        ci="60000",
        level="3",
        referral="referred",
    )
    _add_claim(
        data,
        "H10-1",
        "H10",
        "inpatient",
        "2025-10-11",
        "250000",
        "130000",
        discharge="2025-11-02",
        ci="40000",
        level="3",
        referral="referred",
    )


def bad_rows(data: dict[str, Any]) -> dict[tuple[str, int], str]:
    """Append rejected rows; return {(source, row): column} expected in the errors file."""
    want: dict[tuple[str, int], str] = {}
    _add_person(data, "B01", "atlantis", [("dibao", "2020-01-01", "")])
    want[("persons", len(data["persons"]["person_id"]))] = "region"
    _add_person(
        data, "B02", "cangzhou", [("dragon_keeper", "2020-01-01", ""), ("dibao", "2020-01-01", "")]
    )
    want[("identities", len(data["identities"]["person_id"]) - 1)] = "category"
    _add_claim(data, "B02-neg", "B02", "outpatient", "2025-03-01", "-5", "0")
    want[("claims", len(data["claims"]["claim_id"]))] = "policy_scope_cost"
    _add_claim(data, "B02-date", "B02", "outpatient", "2025-02-30", "100", "0")
    want[("claims", len(data["claims"]["claim_id"]))] = "date"
    _add_claim(data, "B02-fen", "B02", "outpatient", "2025-03-01", "100.123", "0")
    want[("claims", len(data["claims"]["claim_id"]))] = "policy_scope_cost"
    _add_claim(data, "B99-x", "B99", "outpatient", "2025-03-01", "100", "0")
    want[("claims", len(data["claims"]["claim_id"]))] = "person_id"
    _add_claim(data, "B01-x", "B01", "outpatient", "2025-03-01", "100", "0")
    want[("claims", len(data["claims"]["claim_id"]))] = "person_id"
    _add_claim(data, "B02-ok", "B02", "outpatient", "2025-03-01", "100", "20")
    _add_claim(data, "B02-ok", "B02", "outpatient", "2025-03-02", "100", "20")
    want[("claims", len(data["claims"]["claim_id"]))] = "claim_id"
    _add_claim(data, "B02-over", "B02", "outpatient", "2025-03-01", "100", "80", ci="30")
    want[("claims", len(data["claims"]["claim_id"]))] = "basic_insurance_paid"
    return want


def params_without_cangzhou_2026() -> dict[str, Any]:
    p = gen.parameters()
    p["cangzhou"] = {2025: p["cangzhou"][2025]}
    return p


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data = gen.generate(600, 2500, seed=20250601)
    handmade(data)
    want = bad_rows(data)
    folder = tmp_path_factory.mktemp("audit")
    paths = gen.write(data, folder, "csv")
    paths["params"].write_text(yaml.safe_dump(params_without_cangzhou_2026(), allow_unicode=True))
    result, auditor, raw = audit_files(
        get_kb(), engine(), paths["persons"], paths["identities"], paths["claims"], paths["params"]
    )
    return {
        "data": data,
        "paths": paths,
        "result": result,
        "auditor": auditor,
        "raw": raw,
        "want": want,
    }


def _rows_by_person(result: AuditResult) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in result.results.to_pylist():
        out[r["person_id"]].append(r)
    return out


def test_every_row_equals_per_case_eval(sample: dict[str, Any]) -> None:
    kb = get_kb()
    result: AuditResult = sample["result"]
    auditor: Auditor = sample["auditor"]
    got_by_person = _rows_by_person(result)
    persons = [
        r[0] for r in auditor.con.execute("SELECT DISTINCT person_id FROM claims").fetchall()
    ]
    errors = collections.defaultdict(set)
    for e in result.errors.to_pylist():
        errors[(e["source"].removesuffix(".csv"), e["row"])].add(e["reason"])
    claims_rows: dict[str, int] = {}  # claim id → its first row (a repeated id is rejected)
    for i, cid in enumerate(sample["data"]["claims"]["claim_id"]):
        claims_rows.setdefault(cid, i + 1)
    raw_claims = sample["data"]["claims"]
    compared = missing = 0
    for pid in persons:
        case = auditor.case_dict(pid, sample["raw"])
        for c in case["claims"]:  # the case carries the input as given, not the audit's reading
            i = claims_rows[c["id"]] - 1
            assert c["date"].isoformat() == raw_claims["date"][i]
            for k in ("policy_scope_cost", "basic_insurance_paid", "critical_illness_paid"):
                assert Decimal(c[k]) == Decimal(raw_claims[k][i])
            assert Decimal(c.get("supplementary_paid", "0")) == Decimal(
                raw_claims["supplementary_paid"][i] or "0"
            )
            assert c["hospital"]["level"] == int(raw_claims["hospital_level"][i])
        try:
            want = result_rows(kb, evaluate_data(case))
        except MissingParameter as e:
            missing += 1
            assert pid not in got_by_person
            for c in case["claims"]:
                assert str(e.reason) in errors[("claims", claims_rows[c["id"]])]
            continue
        got = got_by_person[pid]
        assert got == want, pid
        compared += len({r["claim_id"] for r in got if not r["claim_id"].startswith("premium:")})
    assert len(persons) > 500 and compared >= 2000
    assert missing > 0, "some 沧州 2026 persons lack a parameter"


def test_sample_covers_regions_programs_and_paths(sample: dict[str, Any]) -> None:
    result: AuditResult = sample["result"]
    rows = result.results.to_pylist()
    statuses = {(r["program"], r["status"]) for r in rows}
    programs = {p for p, _ in statuses}
    assert programs == set(get_kb().programs)
    for st in ("paid", "bounded", "excluded", "unresolved", "not_eligible", "granted"):
        assert any(s == st for _, s in statuses), st
    for prog in (
        "outpatient",
        "inpatient",
        "special_disease",
        "large_expense",
        "tilt",
        "premium_subsidy",
    ):
        assert (prog, "paid") in statuses, prog
    regions = {
        r[0] for r in sample["auditor"].con.execute("SELECT DISTINCT region FROM claims").fetchall()
    }
    assert regions == {"shapingba", "yubei", "panzhihua", "jiangsu", "cangzhou"}
    assert result.stats.claims_in >= 2000
    assert result.stats.person_years_sql > 0 and result.stats.person_years_python > 0
    # several identities held at once, and the overlap excluded with reason
    con = sample["auditor"].con
    assert (
        con.execute(
            "SELECT count(*) FROM (SELECT person_id FROM idents GROUP BY 1 HAVING count(*) > 1)"
        ).fetchone()[0]
        > 20
    )
    by_claim = {(r["claim_id"], r["program"]): r for r in rows}
    loser = [by_claim[("H03-0", p)]["status"] for p in ("inpatient", "large_expense")]
    assert sorted(loser) == ["excluded", "paid"]
    # deductible and cap accumulate across 沧州 H08's stays; the unreferred stay is excluded
    h08 = [by_claim[(f"H08-{i}", "inpatient")] for i in range(6)]
    amounts = [r["amount"] for r in h08[:5]]
    assert amounts[0] < amounts[1] and amounts[-1] < amounts[1]
    assert sum(amounts, Decimal(0)) == Decimal("20000.00")
    assert h08[5]["status"] == "excluded"
    # Chinese spellings are accepted; one category held twice (with a gap) is one identity
    assert all((f"H09-{i}", "inpatient" if i < 2 else "outpatient") in by_claim for i in range(4))
    assert by_claim[("H09-0", "inpatient")]["status"] == "not_eligible"


def test_sql_ledger_bounds_open_figures_over_every_reading(sample: dict[str, Any]) -> None:
    con = sample["auditor"].con
    rows = {(r["claim_id"], r["program"]): r for r in sample["result"].results.to_pylist()}
    # 江苏 2025 cap floor 3 × 51000 = 153000, rate ≥ 80%, D = 0 (one figure each: 4 readings).
    # H10-0 self-pay 400000 − 220000 − 60000 = 120000: 120000 × 80% = 96000 … 120000 × 100%.
    # H10-1 self-pay 80000: at 100% with the floor cap H10-0 took 120000, 153000 − 120000 =
    # 33000 left → 33000; at 100% with no cap 80000.
    assert (
        rows[("H10-0", "inpatient")]["amount_min"],
        rows[("H10-0", "inpatient")]["amount_max"],
    ) == (
        Decimal("96000.00"),
        Decimal("120000.00"),
    )
    assert (
        rows[("H10-1", "inpatient")]["amount_min"],
        rows[("H10-1", "inpatient")]["amount_max"],
    ) == (
        Decimal("33000.00"),
        Decimal("80000.00"),
    )
    assert con.execute(
        "SELECT path FROM route WHERE person_id = 'H10' AND year = 2025"
    ).fetchall() == [("sql",)]
    # the random year too: person-years with several claims and open figures stay in SQL
    several = con.execute(
        """SELECT count(*) FROM (
          SELECT c.person_id, c.year, count(DISTINCT k.key) AS nk FROM ap a
          JOIN cl c USING (claim_id) JOIN lbit k ON k.rule = a.rule AND k.year = c.year
          GROUP BY ALL) k
        JOIN route r USING (person_id, year)
        JOIN (SELECT person_id, year, count(*) AS n FROM claims GROUP BY ALL) c
          USING (person_id, year)
        WHERE r.path = 'sql' AND c.n > 1 AND k.nk > 1"""
    ).fetchone()
    assert several is not None and several[0] > 20


def test_bad_rows_are_reported_and_counted(sample: dict[str, Any]) -> None:
    result: AuditResult = sample["result"]
    errs = {(e["source"].removesuffix(".csv"), e["row"]): e for e in result.errors.to_pylist()}
    for key, column in sample["want"].items():
        assert key in errs, key
        assert errs[key]["column"] == column, (key, errs[key])
        assert errs[key]["reason"]
    st = result.stats
    assert st.claims_in == len(sample["data"]["claims"]["claim_id"])
    assert st.claims_in == st.claims_evaluated + st.claims_rejected
    assert st.claims_rejected == sum(
        1 for e in result.errors.to_pylist() if e["source"] == "claims.csv"
    )
    evaluated = {
        r["claim_id"]
        for r in result.results.to_pylist()
        if not r["claim_id"].startswith("premium:")
    }
    assert len(evaluated) == st.claims_evaluated


def test_parquet_input_gives_the_same_rows(sample: dict[str, Any], tmp_path: Path) -> None:
    paths = gen.write(copy.deepcopy(sample["data"]), tmp_path, "parquet", typed=False)
    result, auditor, _ = audit_files(
        get_kb(),
        engine(),
        paths["persons"],
        paths["identities"],
        paths["claims"],
        sample["paths"]["params"],
    )
    auditor.close()
    assert result.results.to_pylist() == sample["result"].results.to_pylist()
    assert result.errors.num_rows == sample["result"].errors.num_rows


def test_typed_parquet_equals_csv(tmp_path: Path) -> None:
    """Parquet with dates, integers and decimal(12,2) money reads as the CSV text does."""
    data = gen.generate(80, 400, seed=3)
    out = []
    for fmt in ("csv", "parquet"):
        paths = gen.write(copy.deepcopy(data), tmp_path / fmt, fmt)
        result, auditor, _ = audit_files(
            get_kb(),
            engine(),
            paths["persons"],
            paths["identities"],
            paths["claims"],
            paths["params"],
        )
        auditor.close()
        out.append(result.results.to_pylist())
    assert out[0] == out[1] and len(out[0]) > 800


def test_cli_audit_writes_outputs_explains_and_exports(
    sample: dict[str, Any], tmp_path: Path
) -> None:
    p = sample["paths"]
    out = tmp_path / "results.csv"
    case_file = tmp_path / "h08.yaml"
    r = CliRunner().invoke(
        main,
        [
            "audit",
            "--persons",
            str(p["persons"]),
            "--identities",
            str(p["identities"]),
            "--claims",
            str(p["claims"]),
            "--parameters",
            str(p["params"]),
            "--out",
            str(out),
            "--errors",
            str(tmp_path / "errors.csv"),
            "--explain",
            "H08-1",
            "--export-case",
            "H08-1",
            str(case_file),
        ],
        prog_name="medaid",
    )
    assert r.exit_code == 0, r.output
    st = sample["result"].stats
    assert f"理赔：读入 {st.claims_in} 行 = 评估 {st.claims_evaluated} + 拒绝 " in r.stdout
    assert "H08-1 · 住院救助：支付" in r.stdout
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:-1] == [
        "claim_id",
        "person_id",
        "program",
        "status",
        "amount",
        "amount_min",
        "amount_max",
        "identity",
    ]
    assert len(rows) == sample["result"].results.num_rows
    with (tmp_path / "errors.csv").open(encoding="utf-8-sig") as fh:
        errs = list(csv.DictReader(fh))
    assert {"source", "row", "column", "reason"} <= set(errs[0])
    assert (tmp_path / "results.discrepancies.csv").exists()
    # the exported case reproduces the audit's rows under `medaid why`
    w = CliRunner().invoke(
        main, ["why", str(case_file), "--claim", "H08-1", "--program", "inpatient"]
    )
    assert w.exit_code == 0, w.output
    amount = next(
        x["amount"] for x in rows if x["claim_id"] == "H08-1" and x["program"] == "inpatient"
    )
    assert amount in w.stdout


def test_unknown_column_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "claims.csv"
    bad.write_text("claim_id,person_id\nc1,p1\n", encoding="utf-8")
    empty = tmp_path / "x.csv"
    empty.write_text("person_id,region\np1,cangzhou\n", encoding="utf-8")
    ids = tmp_path / "i.csv"
    ids.write_text("person_id,category\n", encoding="utf-8")
    with pytest.raises(MedaidError, match="缺少必需的列"):
        audit_files(get_kb(), engine(), empty, ids, bad)


def test_cached_decision_tables_equal_a_fresh_compilation(tmp_path: Path, monkeypatch: Any) -> None:
    from reasoner import decision

    monkeypatch.setenv("MEDAID_CACHE_DIR", str(tmp_path))
    fresh = decision.load_or_compile(get_kb(), engine())  # compiles and writes the cache
    assert list(tmp_path.glob("decision-*/profiles.arrow"))
    cached = decision.load_or_compile(get_kb(), engine())
    for name in decision.TABLE_NAMES:
        assert getattr(cached, name).equals(getattr(fresh, name)), name
    assert cached.thresholds == fresh.thresholds
    assert cached.thresholds["cost"] == decision._thresholds(get_kb(), "cost_over")
