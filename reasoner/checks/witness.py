"""Witness verification: the real evaluator decides whether a witness shows its finding."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from reasoner.checks.model import Probe
from reasoner.errors import MedaidError
from reasoner.knowledge import KB


def benefit(out: dict[str, Any], claim: str | None, program: str | None) -> dict[str, Any]:
    if program is None:
        t = out["totals"]
        lo = t.get("assistance_min", t["assistance"])
        # a total with a floor or an unresolved program has no upper bound
        hi = t.get("assistance_max", "Infinity" if "assistance_min" in t else t["assistance"])
        return {"status": "total", "amount": t["assistance"], "range": [lo, hi]}
    if claim is None:
        b = out.get("premium_subsidy")
    else:
        c = next((c for c in out["claims"] if c["id"] == claim), None)
        b = next((x for x in (c or {}).get("benefits", []) if x["program"] == program), None)
    if b is None:
        return {"status": "absent", "range": ["0", "0"]}
    if b["status"] == "paid":
        rng = [b["amount"], b["amount"]]
    elif b["status"] == "bounded":
        rng = [b["amount_min"], b["amount_max"] or "Infinity"]
    elif b["status"] in ("not_eligible", "excluded"):
        rng = ["0", "0"]
    else:
        rng = []
    return {
        "status": b["status"],
        "amount": b.get("amount"),
        "amount_min": b.get("amount_min"),
        "amount_max": b.get("amount_max"),
        "reason_code": b.get("reason_code"),
        "identity": b.get("identity"),
        "range": rng,
    }


def statuses_ok(got: dict[str, Any], allowed: tuple[str, ...]) -> bool:
    if not allowed:
        return True
    if got["status"] not in allowed:
        return False
    # "paid" in a witness means money: a zero payment shows nothing.
    if got["status"] in ("paid", "bounded") and set(allowed) <= {"paid", "bounded"}:
        return any(Decimal(x) > 0 for x in got["range"])
    return True


def relation_ok(rel: str, w: list[str], c: list[str]) -> bool:
    if not w or not c:
        return False
    wl, wh = Decimal(w[0]), Decimal(w[1])
    cl, ch = Decimal(c[0]), Decimal(c[1])
    if rel == "lt":
        return wh < cl
    if rel == "gt":
        return wl > ch
    if rel == "ne":
        return (wl, wh) != (cl, ch)
    raise ValueError(rel)


def evaluated(kb: KB, case: dict[str, Any], memo: dict[str, Any]) -> dict[str, Any]:
    """`medaid eval --format json` of the case; findings share witnesses and contrasts,
    so each distinct case is evaluated once (the result is read, never modified)."""
    from reasoner.api import evaluate_data
    from reasoner.render import result_json

    key = json.dumps(case, sort_keys=True, ensure_ascii=False)
    got = memo.get(key)
    if got is None:
        got = memo[key] = result_json(kb, evaluate_data(case))
    return got


def verify(kb: KB, probe: Probe, memo: dict[str, Any] | None = None) -> bool:
    """Evaluate the witness (and contrast) with medaid and check what the finding claims."""
    memo = {} if memo is None else memo
    try:
        out = evaluated(kb, probe.case, memo)
        contrast = evaluated(kb, probe.contrast, memo) if probe.contrast is not None else None
    except MedaidError as e:
        probe.observed = {"error": str(e)}
        return False
    w = benefit(out, probe.claim, probe.program)
    probe.observed = {"witness": brief(w)}
    ok = statuses_ok(w, probe.expect)
    if probe.reason_code is not None:
        ok = ok and w.get("reason_code") == probe.reason_code
    for prog, allowed in probe.also.items():
        o = benefit(out, probe.claim, prog)
        probe.observed.setdefault("other_programs", {})[prog] = brief(o)
        ok = ok and statuses_ok(o, allowed)
    if contrast is not None:
        c = benefit(contrast, probe.claim, probe.program)
        probe.observed["contrast"] = brief(c)
        ok = ok and statuses_ok(c, probe.contrast_expect)
        if probe.relation:
            ok = ok and relation_ok(probe.relation, w["range"], c["range"])
    return ok


def brief(b: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in b.items() if k != "range" and v is not None}
