"""The ledger kernel (reasoner.ledger): hand-computed years, and the audit's SQL ledger
checked against it to the fen on random person-years, with the routing that decides
which person-years the SQL may take."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reasoner import ledger
from reasoner.api import get_kb
from reasoner.audit import CLAIM_COLUMNS, IDENTITY_COLUMNS, Auditor, AuditResult, audit_files
from reasoner.audit_python import PythonLedger
from reasoner.engine import engine
from reasoner.space import region_categories
from tests.helpers import bench_gen

gen = bench_gen()

# ---------------------------------------------------------------------------
# The kernel by hand (fen; rates in percent)
# ---------------------------------------------------------------------------


def cand(rule: str, order: int = 1, pool: str = "inpatient", **kw: Any) -> ledger.Candidate:
    return ledger.Candidate(rule, order, pool, pool, "sub:" + pool, **kw)


def entry(program: str, cands: list[ledger.Candidate], *figs: ledger.Figures | None, **kw: Any):
    """One program whose candidates have the same figures at every reading given."""
    return ledger.Entry(program, tuple(cands), [list(figs)], **kw)


def one(claims: list[ledger.Claim], overlaps: list[tuple[str, str]] | None = None):
    runs, outcomes = ledger.year(claims, overlaps or [], 1)
    return runs[0], outcomes


def test_deductible_is_met_once_over_the_year() -> None:
    # 起付标准 1000 元, 70%, cap 2万 (one pool). Claim 1 self-pay 800: remaining 1000 → 0.
    # Claim 2 self-pay 5000: remaining max(0, 1000 − 800) = 200 → (5000 − 200) × 70% = 3360.00
    f = ledger.Figures(70, deductible=100_000, cap=2_000_000)
    c = cand("r1")
    run, out = one(
        [
            ledger.Claim(1, 80_000, [entry("inpatient", [c], f)]),
            ledger.Claim(2, 500_000, [entry("inpatient", [c], f)]),
        ]
    )
    assert run[(1, "inpatient")].amount == 0
    k = run[(2, "inpatient")].calc
    assert k is not None
    assert (k.deductible_used, k.deductible_left, k.amount) == (80_000, 20_000, 336_000)
    assert (out[(2, "inpatient")].kind, out[(2, "inpatient")].lo) == ("exact", 336_000)


def test_cap_is_shared_by_the_year_and_rounds_half_up() -> None:
    # 0 起付, 75%, cap 3000 元. Claim 1: 2666.65 × 75% = 1999.9875 → 1999.99 (half up);
    # claim 2: 4000 × 75% = 3000 but the cap left is 3000 − 1999.99 = 1000.01.
    f = ledger.Figures(75, cap=300_000)
    c = cand("r1")
    run, _ = one(
        [
            ledger.Claim(1, 266_665, [entry("inpatient", [c], f)]),
            ledger.Claim(2, 400_000, [entry("inpatient", [c], f)]),
        ]
    )
    assert run[(1, "inpatient")].amount == 199_999
    k = run[(2, "inpatient")].calc
    assert k is not None and (k.cap_used, k.cap_left, k.amount) == (199_999, 100_001, 100_001)
    assert ledger.half_up(ledger.percent(1, 50)) == 1  # 0.5 fen → 1 fen


def test_subcap_binds_inside_the_cap() -> None:
    # 江苏 四（六） style: outpatient 70%, yearly cap 5万, subcap 1万 (门诊). Two visits of
    # 9000 self-pay: 6300, then min(6300, 10000 − 6300 = 3700) = 3700.00.
    f = ledger.Figures(70, cap=5_000_000, subcap=1_000_000)
    c = ledger.Candidate("r", 1, "outpatient", "assist", "sub:outpatient")
    run, _ = one([ledger.Claim(i, 900_000, [entry("outpatient", [c], f)]) for i in (1, 2)])
    k = run[(2, "outpatient")].calc
    assert k is not None and (k.subcap_left, k.amount) == (370_000, 370_000)


def test_highest_candidate_pays_ties_by_document_order_then_rule() -> None:
    # 就高不就低: 低保 60% vs 特困 70% on 10000 self-pay → 7000.00 under the 特困 rule.
    lo, hi = ledger.Figures(60), ledger.Figures(70)
    run, out = one(
        [ledger.Claim(1, 1_000_000, [entry("inpatient", [cand("a", 1), cand("b", 2)], lo, hi)])]
    )
    assert (run[(1, "inpatient")].amount, out[(1, "inpatient")].best) == (700_000, 1)
    # equal amounts: the category listed first (order 1) wins, then the smaller rule id
    same = ledger.Figures(70)
    _, out = one(
        [ledger.Claim(1, 1_000_000, [entry("inpatient", [cand("z", 2), cand("y", 1)], same, same)])]
    )
    assert out[(1, "inpatient")].best == 1
    _, out = one(
        [ledger.Claim(1, 1_000_000, [entry("inpatient", [cand("z", 1), cand("y", 1)], same, same)])]
    )
    assert out[(1, "inpatient")].best == 1


def test_overlap_loser_pays_nothing_and_commits_nothing() -> None:
    # 渝北 二（四）/二（六） 取高: 住院 75% cap 1万, 大额费用 75% cap 6万, both on 12000 → 9000
    # each; 住院 (listed first) pays, 大额费用 pays nothing and its 6万 pool stays whole, so a
    # second stay of 20000 gets min(15000, 60000) = 15000 under 大额费用 (住院 has 1000 left).
    inp = ledger.Candidate("i", 1, "inp", "inp", "sub:inp")
    big = ledger.Candidate("b", 1, "big", "big", "sub:big")
    fi, fb = ledger.Figures(75, cap=1_000_000), ledger.Figures(75, cap=6_000_000)
    claims = [
        ledger.Claim(n, sp, [entry("inpatient", [inp], fi), entry("large_expense", [big], fb)])
        for n, sp in ((1, 1_200_000), (2, 2_000_000))
    ]
    run, out = one(claims, [("inpatient", "large_expense")])
    assert run[(1, "inpatient")].amount == 900_000 and not run[(1, "inpatient")].lost
    assert run[(1, "large_expense")].lost and run[(1, "large_expense")].lost_to == "inpatient"
    assert out[(1, "large_expense")].status == "excluded"
    k = run[(2, "large_expense")].calc
    assert k is not None and (k.cap_used, k.amount) == (0, 1_500_000)
    assert run[(2, "inpatient")].lost and out[(2, "large_expense")].lo == 1_500_000


def test_tilt_on_the_yearly_residual_over_its_threshold() -> None:
    # 沧州 二（四）: tilt 80% of the yearly residual above 13500 元, cap 3万. Stay 1: self-pay
    # 10000, 住院 pays 6700 → residual 3300 (below). Stay 2: self-pay 40000, 住院 pays
    # min(26800, 20000 − 6700 = 13300) → residual 26700; (30000 − 13500) − 0 = 16500 × 80%
    # = 13200.00.
    inp = cand("i")
    t = ledger.Candidate("t", 1, "tilt", "tilt", "sub:tilt")
    fi, ft = (
        ledger.Figures(67, cap=2_000_000),
        ledger.Figures(80, cap=3_000_000, threshold=1_350_000),
    )
    claims = [
        ledger.Claim(n, sp, [entry("inpatient", [inp], fi), entry("tilt", [t], ft, tilt=True)])
        for n, sp in ((1, 1_000_000), (2, 4_000_000))
    ]
    run, out = one(claims)
    assert run[(1, "tilt")].amount == 0
    k = run[(2, "tilt")].calc
    assert k is not None
    assert (k.paid, k.residual, k.residual_before, k.over) == (
        1_330_000,
        2_670_000,
        330_000,
        1_650_000,
    )
    assert k.amount == 1_320_000 and out[(2, "tilt")].kind == "exact"


def test_bounds_over_readings_and_what_cannot_be_known() -> None:
    # 沧州 监测对象: 67%, cap 2万, 起付标准 not stated (ranged): reading 0 above the self-pay,
    # reading 1 none. Self-pay 40000: 住院 0 or min(26800, 20000) = 20000; the tilt (80% above
    # 13500) gets (40000 − 13500) × 80% = 21200 or (20000 − 13500) × 80% = 5200.
    inp = cand("i", ranged=True)
    t = ledger.Candidate("t", 1, "tilt", "tilt", "sub:tilt")
    ft = ledger.Figures(80, cap=3_000_000, threshold=1_350_000)
    e_inp = ledger.Entry(
        "inpatient",
        (inp,),
        [[ledger.Figures(67, deductible=None, cap=2_000_000)], [ledger.Figures(67, cap=2_000_000)]],
    )
    e_t = ledger.Entry("tilt", (t,), [[ft], [ft]], tilt=True)
    runs, out = ledger.year([ledger.Claim(1, 4_000_000, [e_inp, e_t])], [], 2)
    assert [r[(1, "inpatient")].amount for r in runs] == [0, 2_000_000]
    assert out[(1, "inpatient")].kind == "unresolved"  # no 起付标准: not even a range
    assert (out[(1, "tilt")].kind, out[(1, "tilt")].lo, out[(1, "tilt")].hi) == (
        "range",
        520_000,
        2_120_000,
    )
    # 就高 against a delegated treatment: 9000.00 is a floor (渝北 二（六）, i_yb_floor)
    e = entry("inpatient", [cand("i")], ledger.Figures(75, cap=1_000_000), delegated=True)
    _, o = one([ledger.Claim(1, 1_200_000, [e])])
    assert (o[(1, "inpatient")].kind, o[(1, "inpatient")].lo) == ("floor", 900_000)
    # a tilt after a program that is only a floor: residual unknown → 0 … what it pays at the
    # largest residual; 12000 − 9000 = 3000 above a 0 threshold × 50% = 1500.00
    e_t = entry(
        "tilt", [ledger.Candidate("t", 1, "tilt", "tilt", "s")], ledger.Figures(50), tilt=True
    )
    _, o = one([ledger.Claim(1, 1_200_000, [e, e_t])])
    assert (o[(1, "tilt")].kind, o[(1, "tilt")].lo, o[(1, "tilt")].hi) == ("tainted", 0, 150_000)
    # a candidate not computable at a reading: the other's figure is a floor
    e = entry("inpatient", [cand("a"), cand("b", 2)], ledger.Figures(75), None)
    _, o = one([ledger.Claim(1, 1_000_000, [e])])
    assert (o[(1, "inpatient")].kind, o[(1, "inpatient")].best) == ("floor", 0)


# ---------------------------------------------------------------------------
# The audit's SQL ledger against the kernel
# ---------------------------------------------------------------------------

REGIONS = gen.REGIONS


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    kb = get_kb()
    return {
        "kb": kb,
        "eng": engine(),
        "cats": {r: region_categories(kb, r) for r in REGIONS},
        "dir": tmp_path_factory.mktemp("kernel"),
    }


def _empty() -> dict[str, dict[str, list[Any]]]:
    persons = (
        "person_id",
        "region",
        "birth_date",
        "disability_grade",
        "needs_maintenance_treatment",
        "scheme",
    )
    return {
        "persons": {k: [] for k in persons},
        "identities": {k: [] for k in IDENTITY_COLUMNS},
        "claims": {k: [] for k in CLAIM_COLUMNS},
    }


def _person(data: dict[str, Any], pid: str, region: str, cats: list[str], **kw: str) -> None:
    p = data["persons"]
    for k, v in (
        ("person_id", pid),
        ("region", region),
        ("birth_date", kw.get("birth", "1960-05-05")),
        ("disability_grade", kw.get("grade", "")),
        ("needs_maintenance_treatment", ""),
        ("scheme", kw.get("scheme", "resident_tier1")),
    ):
        p[k].append(v)
    for c in cats:
        for k, v in (("person_id", pid), ("category", c), ("since", "2020-01-01"), ("until", "")):
            data["identities"][k].append(v)


def _claim(
    data: dict[str, Any],
    cid: str,
    pid: str,
    kind: str,
    day: dt.date,
    cost: int,
    basic: int,
    **kw: Any,
) -> None:
    row = {
        "claim_id": cid,
        "person_id": pid,
        "type": kind,
        "date": day.isoformat(),
        "discharge": (day + dt.timedelta(days=5)).isoformat() if kind == "inpatient" else "",
        "disease": kw.get("disease", ""),
        "hospital_level": str(kw.get("level", 2)),
        "scope": kw.get("scope", "in_city"),
        "referral": kw.get("referral", "referred"),
        "policy_scope_cost": gen._money(cost),
        "basic_insurance_paid": gen._money(basic),
        "critical_illness_paid": gen._money(kw.get("ci", 0)),
        "supplementary_paid": "",
        "paid_assistance": "",
    }
    for k in CLAIM_COLUMNS:
        data["claims"][k].append(row[k])


def audit(setting: dict[str, Any], data: dict[str, Any], name: str) -> tuple[AuditResult, Auditor]:
    paths = gen.write(data, setting["dir"] / name, "csv")
    result, auditor, _raw = audit_files(
        setting["kb"],
        setting["eng"],
        paths["persons"],
        paths["identities"],
        paths["claims"],
        paths["params"],
    )
    return result, auditor


def routes(auditor: Auditor) -> dict[str, str]:
    return dict(auditor.con.execute("SELECT person_id, path FROM route").fetchall())


def kernel_rows(auditor: Auditor) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Every claim of every person-year through the kernel, from the audit's own answers."""
    t = PythonLedger(auditor).rows(everyone=True).to_pylist()
    cols = ("status", "amount", "amount_min", "amount_max", "identity")
    return {(r["claim_id"], r["program"]): tuple(r[c] for c in cols) for r in t}


def _fen(d: Any) -> int | None:
    return None if d is None else int(d * 100)


MONEY = st.one_of(
    st.integers(5_000, 300_000),  # 50–3,000 元: below most deductibles
    st.integers(300_000, 3_000_000),
    st.integers(3_000_000, 40_000_000),  # up to 40万: past every cap
)


# Identities the SQL takes through a reading, a floor or a dominant cap, in every example:
# 沧州 监测对象 (no 起付标准 stated, alone or beside another identity), 渝北 低保 (its 大额费用 in
# 37号: 住院 is a floor), 攀枝花 特困 and 低保 (no cap vs 7万 in one pool), 渝北 特困 and 低保
# (门诊 700 vs 400 元).
FIXED = (
    ("cangzhou", "monitored"),
    ("yubei", "dibao"),
    ("panzhihua", "tekun", "dibao"),
    ("yubei", "tekun", "dibao"),
)


@st.composite
def person_years(draw: Any, cats: dict[str, list[str]]) -> dict[str, Any]:
    data = _empty()
    n = draw(st.integers(6, 12)) + len(FIXED)
    for p in range(n):
        pid = f"P{p:03d}"
        # every region in every example, then any
        region = REGIONS[p] if p < len(REGIONS) else draw(st.sampled_from(REGIONS))
        pool = cats[region]
        k = draw(st.integers(1, 3)) if p >= len(REGIONS) else 1
        chosen = draw(st.lists(st.sampled_from(pool[:8]), min_size=k, max_size=k, unique=True))
        if len(REGIONS) <= p < len(REGIONS) + len(FIXED):
            region, *fixed = FIXED[p - len(REGIONS)]
            others = [c for c in cats[region][:8] if c not in fixed]
            chosen = fixed + draw(st.lists(st.sampled_from(others), max_size=1))
        _person(
            data,
            pid,
            region,
            chosen,
            grade=draw(st.sampled_from(["", "", "1", "3"])),
            scheme=draw(st.sampled_from(["resident_tier1", "resident_tier2", "employee"])),
        )
        m = draw(st.integers(1, 6))
        days = sorted(draw(st.lists(st.integers(0, 364), min_size=m, max_size=m)))
        for j, d in enumerate(days):
            cost = draw(MONEY)
            basic = cost * draw(st.integers(30, 75)) // 100
            ci = cost * draw(st.sampled_from([0, 0, 10, 20])) // 100
            _claim(
                data,
                f"{pid}-{j}",
                pid,
                draw(
                    st.sampled_from(["inpatient", "inpatient", "outpatient", "chronic_outpatient"])
                ),
                dt.date(2025, 1, 1) + dt.timedelta(days=d),
                cost,
                basic,
                ci=ci,
                level=draw(st.integers(1, 3)),
                scope=draw(st.sampled_from(["in_district", "in_city", "in_province"])),
                referral=draw(st.sampled_from(["referred", "primary_care", "none"])),
                disease=draw(st.sampled_from(["", "肺癌", "N18", "高血压"])),
            )
    return data


_counter = iter(range(10**6))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(st.data())
def test_sql_ledger_equals_the_kernel_to_the_fen(setting: dict[str, Any], data: Any) -> None:
    drawn = data.draw(person_years(setting["cats"]))
    result, auditor = audit(setting, drawn, f"d{next(_counter)}")
    try:
        route = routes(auditor)
        want = kernel_rows(auditor)
    finally:
        auditor.close()
    compared = 0
    for r in result.results.to_pylist():
        if r["claim_id"].startswith("premium:") or route[r["person_id"]] != "sql":
            continue
        got = (
            r["status"],
            _fen(r["amount"]),
            _fen(r["amount_min"]),
            _fen(r["amount_max"]),
            r["identity"],
        )
        assert got == want[(r["claim_id"], r["program"])], (r["claim_id"], r["program"])
        compared += 1
    assert compared > 0


def test_routing_sends_what_sql_cannot_settle_to_the_kernel(setting: dict[str, Any]) -> None:
    data = _empty()
    day = dt.date(2025, 3, 1)
    # 渝北 散居孤儿, 三级 stay of 9万: 住院 and 大额费用 取高 (i_yb_overlap) → kernel
    _person(data, "overlap", "yubei", ["orphan"])
    _claim(data, "o1", "overlap", "inpatient", day, 9_000_000, 4_000_000, level=3)
    # 渝北 低保: its 大额费用 is in 37号 (delegated) → 住院 is a floor (at least its amount) → SQL
    _person(data, "floor", "yubei", ["dibao"])
    _claim(data, "f1", "floor", "inpatient", day, 4_000_000, 2_400_000, ci=400_000, level=3)
    # 攀枝花 特困 (no cap) and 低保 (7万) paying from one pool: the caps differ, but 特困 pays at
    # least as much at any cap left (rate, 起付标准) → SQL on 特困's cap
    _person(data, "pool", "panzhihua", ["tekun", "dibao"])
    for i in range(3):
        _claim(
            data,
            f"s{i}",
            "pool",
            "inpatient",
            day + dt.timedelta(days=40 * i),
            18_000_000,
            6_000_000,
        )
    # 沧州 监测对象: no 起付标准 stated (i_cz_monitored_deductible): the kernel's two ends of it
    # are one more open figure → SQL
    _person(data, "ranged", "cangzhou", ["monitored"])
    _claim(data, "m1", "ranged", "inpatient", day, 6_000_000, 2_000_000)
    # 江苏: 四（六） floors over two claims of the year: every reading is a vertex column → SQL
    _person(data, "open", "jiangsu", ["dibao"])
    for i in range(2):
        _claim(
            data, f"j{i}", "open", "outpatient", day + dt.timedelta(days=30 * i), 600_000, 100_000
        )
    # 沧州 低保边缘 over five stays: one identity, running deductible and cap → SQL
    _person(data, "plain", "cangzhou", ["dibao_edge"])
    for i in range(5):
        _claim(
            data, f"c{i}", "plain", "inpatient", day + dt.timedelta(days=30 * i), 1_200_000, 400_000
        )
    # 江苏, one claim, one identity: one reading decides each bound → SQL
    _person(data, "single", "jiangsu", ["dibao"])
    _claim(data, "j9", "single", "inpatient", day, 5_000_000, 2_000_000)
    result, auditor = audit(setting, data, "routing")
    try:
        route = routes(auditor)
        want = kernel_rows(auditor)
    finally:
        auditor.close()
    assert route == {
        "overlap": "python",
        # 住院 is a floor: what it pays commits, the row is a lower bound
        "floor": "sql",
        # 特困 pays the most on every stay (its rate, no cap): the pool runs on its cap
        "pool": "sql",
        # its two ends (above every self-pay, none) are a reading like any open figure
        "ranged": "sql",
        "open": "sql",
        "plain": "sql",
        "single": "sql",
    }
    # what the SQL takes, it gets right, 江苏's bounds over two claims included
    statuses = set()
    for r in result.results.to_pylist():
        if not r["claim_id"].startswith("premium:") and route[r["person_id"]] == "sql":
            statuses.add((r["person_id"], r["status"]))
            got = (
                r["status"],
                _fen(r["amount"]),
                _fen(r["amount_min"]),
                _fen(r["amount_max"]),
                r["identity"],
            )
            assert got == want[(r["claim_id"], r["program"])]
    assert ("open", "bounded") in statuses and ("plain", "paid") in statuses
    assert ("floor", "bounded") in statuses and ("ranged", "unresolved") in statuses


def test_sql_takes_a_rule_that_states_no_deductible(setting: dict[str, Any]) -> None:
    # 沧州 监测对象 (cz_2_3_f: 67%, cap 2万; 起付标准 not stated, i_cz_monitored_deductible),
    # one stay: 60000 − 基本医保 20000 = self-pay 40000. 住院 at the two ends: 起付标准 above
    # every self-pay → 0; none → min(40000 × 67% = 26800, 20000) = 20000: no figure the
    # document fixes → unresolved. A second stay of 30000 − 10000 = 20000 (the pool's cap is
    # spent at the generous end): 0 … 0 → unresolved too.
    data = _empty()
    _person(data, "m", "cangzhou", ["monitored"])
    day = dt.date(2025, 3, 1)
    _claim(data, "m1", "m", "inpatient", day, 6_000_000, 2_000_000)
    _claim(data, "m2", "m", "inpatient", day + dt.timedelta(days=60), 3_000_000, 1_000_000)
    result, auditor = audit(setting, data, "ranged")
    try:
        route = routes(auditor)
        want = kernel_rows(auditor)
    finally:
        auditor.close()
    assert route == {"m": "sql"}
    rows = {
        (r["claim_id"], r["program"]): (
            r["status"],
            _fen(r["amount"]),
            _fen(r["amount_min"]),
            _fen(r["amount_max"]),
            r["identity"],
        )
        for r in result.results.to_pylist()
        if not r["claim_id"].startswith("premium:")
    }
    assert rows == want
    assert rows[("m1", "inpatient")] == ("unresolved", None, None, None, "monitored")
    # 二（四） tilt, 80% of the yearly residual above 27000, cap 3万, on what 住院 leaves at
    # each end. Stay 1: residual 40000 → (40000 − 27000) × 80% = 10400; or 40000 − 20000 =
    # 20000, below → 0. Stay 2 (住院 0 at both ends, its cap spent at the generous one):
    # residual 20000 over 40000 before → 20000 × 80% = 16000 (cap left 19600); or over 20000
    # before → (40000 − 27000) × 80% = 10400.
    assert rows[("m1", "tilt")] == ("bounded", None, 0, 1_040_000, "monitored")
    assert rows[("m2", "tilt")] == ("bounded", None, 1_040_000, 1_600_000, "monitored")
