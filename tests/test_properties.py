"""Properties of the money: bounded by self-pay and caps, non-negative, monotone, order-free."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reasoner.api import evaluate_data

PARAMS = {
    "per_capita_disposable_income": 30000,
    "monitoring_income_standard": 8000,
    "resident_tier1_contribution": 380,
    "resident_tier2_contribution": 640,
    "province_rural_per_capita_disposable_income": 18000,
}
REGION_CATS = {
    "cangzhou": ["tekun", "dibao", "dibao_edge", "illness_poor"],
    "panzhihua": ["tekun", "orphan", "dibao", "dibao_edge", "monitored", "illness_poor"],
    "shapingba": ["dibao", "tekun", "dibao_edge", "returned_poor", "unstable_exit", "illness_poor"],
    "yubei": ["tekun", "dibao", "orphan", "key_entitled", "severe_disabled", "unit8023_child"],
    "jiangsu": ["tekun", "dibao", "dibao_edge", "orphan", "expenditure_patient"],
}
YEAR = {"cangzhou": 2023, "panzhihua": 2024, "shapingba": 2024, "yubei": 2025, "jiangsu": 2023}
# Yearly limits across all programs of a region (元), from the kb: the sum of the caps
# a person can draw in one year. Jiangsu's caps are floors, so only the bounds apply.
YEARLY_LIMIT = {
    "cangzhou": Decimal(20000 + 30000),  # 二（三） 2万 + 二（四） 3万
    "shapingba": Decimal(100000 + 60000 + 20000),  # 10万 + 6万 + 2万
    "yubei": Decimal(700 + 10000 + 120000 + 60000),  # 700 + 1万 + 12万 + 6万
}


@st.composite
def cases(draw: Any) -> dict[str, Any]:
    region = draw(st.sampled_from(sorted(REGION_CATS)))
    year = YEAR[region]
    cats = draw(st.lists(st.sampled_from(REGION_CATS[region]), min_size=1, max_size=2, unique=True))
    n = draw(st.integers(1, 4))
    claims = []
    for i in range(n):
        cost = draw(st.integers(0, 120000))
        basic = draw(st.integers(0, cost))
        ci = draw(st.integers(0, cost - basic))
        day = dt.date(year, 1, 1) + dt.timedelta(days=draw(st.integers(0, 360)))
        claims.append(
            {
                "id": f"c{i}",
                "type": draw(st.sampled_from(["inpatient", "outpatient", "chronic_outpatient"])),
                "date": day.isoformat(),
                "discharge": day.isoformat(),
                "special_disease": draw(st.booleans()),
                "hospital": {
                    "level": draw(st.integers(1, 3)),
                    "scope": draw(
                        st.sampled_from(
                            ["in_district", "in_city", "in_province", "out_of_province"]
                        )
                    ),
                },
                "referral": draw(st.sampled_from(["primary_care", "referred", "none"])),
                "policy_scope_cost": cost,
                "basic_insurance_paid": basic,
                "critical_illness_paid": ci,
            }
        )
    return {
        "region": region,
        "person": {
            "id": "p",
            "identities": [{"category": c, "since": f"{year}-01-01"} for c in cats],
            "insurance": {"scheme": "resident_tier1"},
        },
        "parameters": PARAMS,
        "claims": claims,
    }


def amounts(result: Any) -> dict[tuple[str, str], tuple[Decimal, Decimal | None]]:
    out = {}
    for cr in result.claims:
        for b in cr.benefits:
            if b.status == "paid":
                out[(cr.claim.id, b.program)] = (b.amount, b.amount)
            elif b.status == "bounded":
                out[(cr.claim.id, b.program)] = (b.amount_min, b.amount_max)
    return out


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases())
def test_bounded_by_self_pay_and_caps(case: dict[str, Any]) -> None:
    result = evaluate_data(case)
    total = Decimal(0)
    for cr in result.claims:
        paid_lo = paid_hi = Decimal(0)
        for b in cr.benefits:
            for v in (b.amount, b.amount_min, b.amount_max):
                assert v is None or v >= 0
            if b.status == "paid":
                paid_lo += b.amount
                paid_hi += b.amount
            elif b.status == "bounded":
                # a floor (就高 against a treatment not in the base) has no upper bound
                hi = b.amount_min if b.amount_max is None else b.amount_max
                assert b.amount_min <= hi
                paid_lo += b.amount_min
                paid_hi += hi
        assert paid_hi <= cr.claim.self_pay, (cr.claim.id, paid_hi, cr.claim.self_pay)
        total += paid_lo
    limit = YEARLY_LIMIT.get(case["region"])
    if limit is not None:
        assert total <= limit


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_order_of_claims_in_the_file_does_not_matter(case: dict[str, Any], rnd: Any) -> None:
    first = amounts(evaluate_data(case))
    shuffled = dict(case, claims=list(case["claims"]))
    rnd.shuffle(shuffled["claims"])
    assert amounts(evaluate_data(shuffled)) == first


@SETTINGS
@given(cases(), st.integers(1, 50000))
def test_more_self_pay_never_gives_less_on_a_single_claim(case: dict[str, Any], extra: int) -> None:
    one = dict(case, claims=[case["claims"][0]])
    more = dict(
        one,
        claims=[
            dict(one["claims"][0], policy_scope_cost=one["claims"][0]["policy_scope_cost"] + extra)
        ],
    )
    a, b = amounts(evaluate_data(one)), amounts(evaluate_data(more))
    for key, (lo, hi) in a.items():
        if key[1] == "large_expense" or key not in b:
            continue  # a cost threshold may switch programs; compared below as a total
        assert b[key][0] >= lo, (key, a[key], b[key])
        assert hi is None or b[key][1] is None or b[key][1] >= hi, (key, a[key], b[key])
    assert sum(v[0] for v in b.values()) >= sum(v[0] for v in a.values())
