"""A reform or another document applied to one case: both results and what changed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reasoner.errors import InputError
from reasoner.reform import Reform, _region, changes_json
from reasoner.space import region_categories

if TYPE_CHECKING:
    from reasoner.knowledge import KB

# ---------------------------------------------------------------------------
# One case, before and after
# ---------------------------------------------------------------------------

Row = dict[str, Any]


def _signed(d: Decimal) -> str:
    return f"+{d:.2f}" if d > 0 else f"{d:.2f}"


def outcome_rows(result: Any) -> dict[tuple[str, str], Row]:
    """(claim id, program) → what eval decided; premiums as claim `premium:YEAR`."""
    out: dict[tuple[str, str], Row] = {}
    items = [(cr.claim.id, b) for cr in result.claims for b in cr.benefits]
    items += [(f"premium:{y}", b) for y, b in result.premiums.items()]
    for cid, b in items:
        out[(cid, b.program)] = {
            "status": b.status,
            "amount": None if b.amount is None else f"{b.amount:.2f}",
            "amount_min": None if b.amount_min is None else f"{b.amount_min:.2f}",
            "amount_max": None if b.amount_max is None else f"{b.amount_max:.2f}",
            "identity": b.identity,
            "rule": b.rule,
        }
    return out


def _money_of(row: Row | None, key: str) -> Decimal:
    if row is None:
        return Decimal(0)
    if row["status"] == "paid" and row["amount"] is not None:
        return Decimal(row["amount"])
    if row["status"] == "bounded" and key != "amount":
        return Decimal(row[key] or 0)
    return Decimal(0)


def compare_results(kb: KB, before: Any, after: Any, years: int = 0) -> dict[str, Any]:
    """delta (totals and by program) and the changed rows, before → after.

    `years`: how far the after-case's dates were moved (its premium years are matched
    to the before-case's)."""
    b_rows = outcome_rows(before)
    a_rows = {}
    for (cid, prog), row in outcome_rows(after).items():
        if years and cid.startswith("premium:"):
            cid = f"premium:{int(cid.split(':', 1)[1]) - years}"
        a_rows[(cid, prog)] = row
    keys = list(dict.fromkeys([*b_rows, *a_rows]))
    changes = []
    by_prog: dict[str, dict[str, Decimal]] = {}
    for key in keys:
        b, a = b_rows.get(key), a_rows.get(key)
        if any(r is not None and r["status"] in ("paid", "bounded") for r in (b, a)):
            d = by_prog.setdefault(key[1], defaultdict_decimal())
            for k in ("amount", "amount_min", "amount_max"):
                d[k] += _money_of(a, k) - _money_of(b, k)
        if b != a:
            if any(r is not None and r["status"] == "bounded" for r in (b, a)):
                # the change under the least and under the most generous reading
                lo, hi = sorted(
                    (
                        _money_of(a, "amount_min") - _money_of(b, "amount_min"),
                        _money_of(a, "amount_max") - _money_of(b, "amount_max"),
                    )
                )
                shown = _signed(lo) if lo == hi else f"{_signed(lo)}～{_signed(hi)}"
            else:
                shown = _signed(_money_of(a, "amount") - _money_of(b, "amount"))
            changes.append(
                {
                    "claim": key[0],
                    "program": key[1],
                    "program_name": kb.label(key[1]),
                    "before": b,
                    "after": a,
                    "delta": shown,
                }
            )
    tb, ta = before.totals(), after.totals()
    bounded = "assistance_min" in tb or "assistance_min" in ta
    delta: dict[str, Any] = {
        "assistance": _signed(ta["assistance"] - tb["assistance"]),
        "by_program": {p: _signed(v["amount"]) for p, v in by_prog.items()},
    }
    if bounded:
        for k in ("assistance_min", "assistance_max"):
            delta[k] = _signed(ta.get(k, ta["assistance"]) - tb.get(k, tb["assistance"]))
        delta["by_program_min"] = {p: _signed(v["amount_min"]) for p, v in by_prog.items()}
        delta["by_program_max"] = {p: _signed(v["amount_max"]) for p, v in by_prog.items()}
    return {"delta": delta, "changes": changes}


def defaultdict_decimal() -> dict[str, Decimal]:
    return {"amount": Decimal(0), "amount_min": Decimal(0), "amount_max": Decimal(0)}


def evaluate_under(kb: KB, case: Any, referral_reduction: bool = False) -> Any:
    from reasoner.evaluate import Evaluator

    return Evaluator(kb, kb.eng, referral_reduction=referral_reduction).evaluate(case)


def simulate_case(
    kb: KB, data: dict[str, Any], reform: Reform, referral_reduction: bool = False
) -> tuple[dict[str, Any], Any, Any, KB]:
    """The case under the documents and under the reform: JSON, both results, the reformed KB."""
    from reasoner.case import parse_case
    from reasoner.render import result_json

    rk = kb.with_reform(reform)
    case = parse_case(data, kb)
    before = evaluate_under(kb, case, referral_reduction)
    after = evaluate_under(rk, case, referral_reduction)
    cmp = compare_results(kb, before, after)
    out = {
        "name": reform.name,
        "baseline": result_json(kb, before),
        "reform": result_json(rk, after),
        "delta": cmp["delta"],
        "changes": cmp["changes"],
        "overrides": changes_json(kb, reform),
    }
    return out, before, after, rk


# ---------------------------------------------------------------------------
# The same person and claims under another document
# ---------------------------------------------------------------------------


def _shift(d: Any, years: int) -> Any:
    import datetime as dt

    if d is None or years == 0 or d.year <= 1900 or d.year >= 9999:
        return d
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 2月29日 in a common year
        return dt.date(d.year + years, 2, 28)


def as_region(
    kb: KB, data: dict[str, Any], target_text: str, referral_reduction: bool = False
) -> dict[str, Any]:
    """Evaluate the case under its own document and under the target region's."""
    from reasoner.case import parse_case
    from reasoner.render import result_json

    target = _region(target_text, "--as-region", kb)
    case = parse_case(data, kb)
    moved, years, notes = _moved_case(kb, case, target)
    before = evaluate_under(kb, case, referral_reduction)
    after = evaluate_under(kb, moved, referral_reduction)
    known = set(region_categories(kb, target))
    missing_cats = [
        {
            "category": i.category,
            "term": kb.category_label(case.region, i.category),
            "note": f"{kb.doc_no(target)} 未规定此类救助对象",
        }
        for i in case.identities
        if i.category not in known
    ]
    b_rows = outcome_rows(before)
    a_rows = outcome_rows(after)
    only_source = sorted({p for _, p in b_rows} - {p for _, p in a_rows})
    only_target = sorted({p for _, p in a_rows} - {p for _, p in b_rows})
    cmp = compare_results(kb, before, after, years)
    date_note = (
        f"理赔日期按年平移 {years:+d} 年（同月同日），移入 {kb.doc_no(target)} 施行首年"
        if years
        else "理赔日期不变（已在目标文件施行首年）"
    )
    return {
        "from": case.region,
        "to": target,
        "from_document": kb.doc_no(case.region),
        "to_document": kb.doc_no(target),
        "date_shift": {
            "years": years,
            "note": "；".join([date_note, *notes]),
            "claims": {
                c.id: [o.date.isoformat(), c.date.isoformat()]
                for o, c in zip(case.claims, moved.claims, strict=True)
            },
            "identities_and_birth_date": "同样平移",
        },
        "parameters_note": "案例所给参数（如上年居民人均可支配收入）原样沿用",
        "missing_categories": missing_cats,
        "programs_only_in_source": [
            {"program": p, "name": kb.label(p), "note": f"{kb.doc_no(target)} 无此项目"}
            for p in only_source
        ],
        "programs_only_in_target": [
            {"program": p, "name": kb.label(p), "note": f"{kb.doc_no(case.region)} 无此项目"}
            for p in only_target
        ],
        "baseline": result_json(kb, before),
        "target": result_json(kb, after),
        "delta": cmp["delta"],
        "changes": cmp["changes"],
    }


def _ymd(d: Any) -> int:
    return int(d.strftime("%Y%m%d"))


def _moved_case(kb: KB, case: Any, target: str) -> tuple[Any, int, list[str]]:
    """The case in the target region, its dates moved by whole years into the target's first
    year in force; the shift and why it is what it is."""
    start, end = kb.in_force[target][1], kb.in_force[target][2]
    first_year = start // 10000
    years = first_year - min(c.date.year for c in case.claims) if case.claims else 0
    notes = []
    if any(_ymd(_shift(c.date, years)) < start for c in case.claims):
        years += 1
        notes.append(
            f"部分理赔移入 {first_year} 年后早于施行日期 {start // 10000}-{start // 100 % 100:02d}-"
            f"{start % 100:02d}，故移入次年"
        )
    claims = tuple(
        c.model_copy(
            update={"date": _shift(c.date, years), "discharge": _shift(c.discharge, years)}
        )
        for c in case.claims
    )
    late = [c.id for c in claims if _ymd(c.date) > end]
    if late:
        raise InputError(
            "--as-region", f"理赔 {', '.join(late)} 移入后晚于 {kb.doc_no(target)} 有效期"
        )
    idents = tuple(
        i.model_copy(update={"since": _shift(i.since, years), "until": _shift(i.until, years)})
        for i in case.identities
    )
    params = {(n, y + years if y is not None else None): v for (n, y), v in case.parameters.items()}
    moved = case.model_copy(
        update={
            "region": target,
            "claims": claims,
            "identities": idents,
            "parameters": params,
            "birth_date": _shift(case.birth_date, years),
            "year": case.year + years if case.year else None,
        }
    )
    return moved, years, notes


# ---------------------------------------------------------------------------
# Consistency findings the reform adds or removes
# ---------------------------------------------------------------------------


def check_delta(
    kb: KB, reform: Reform, regions: Sequence[str] = (), kinds: Sequence[str] = ()
) -> dict[str, Any]:
    from reasoner.api import using
    from reasoner.checks import run_checks

    rk = kb.with_reform(reform)
    before = run_checks(kb, regions, kinds)
    # Witnesses are verified by eval: under the reform, eval must read the reformed base.
    with using(rk):
        after = run_checks(rk, regions, kinds)
    b = {f.id: f for f in before}
    a = {f.id: f for f in after}
    return {
        "name": reform.name,
        "overrides": changes_json(kb, reform),
        "added": [a[i].json(rk) for i in a if i not in b],
        "removed": [b[i].json(kb) for i in b if i not in a],
        "changed": [
            {"id": i, "kind": a[i].kind, "before": b[i].message, "after": a[i].message}
            for i in a
            if i in b and a[i].message != b[i].message
        ],
        "unchanged": sum(1 for i in a if i in b and a[i].message == b[i].message),
        "_after": after,
    }
