"""A reform applied to a batch of settled claims: the audit pipeline run twice, and the diff."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reasoner.errors import InputError
from reasoner.reform import Reform, changes_json

if TYPE_CHECKING:
    from reasoner.knowledge import KB

# ---------------------------------------------------------------------------
# A batch of settled claims, before and after (the audit pipeline, run twice)
# ---------------------------------------------------------------------------

DIFF_COLUMNS = (
    "claim_id",
    "person_id",
    "region",
    "year",
    "program",
    "status_before",
    "amount_before",
    "amount_min_before",
    "amount_max_before",
    "identity_before",
    "status_after",
    "amount_after",
    "amount_min_after",
    "amount_max_after",
    "identity_after",
    "delta",
    "changed",
)


def _fen(v: Any) -> int | None:
    return None if v is None else int(Decimal(str(v)) * 100)


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def _signed_fen(fen: int) -> str:
    return ("+" if fen > 0 else "") + _yuan(fen)


def _paid(row: dict[str, Any] | None, key: str = "amount") -> int:
    """What a row counts towards a total: exact amounts; bounded ones only in min/max."""
    if row is None:
        return 0
    if row["status"] == "paid":
        return int(row["amount"] or 0)
    if row["status"] == "bounded" and key != "amount":
        return int(row[key] or 0)
    return 0


Rows = dict[tuple[str, str, str], dict[str, Any]]


def simulate_batch(
    kb: KB,
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None,
    reform: Reform,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Audit the files under the documents and under the reform; summary and per-claim rows."""
    rk = kb.with_reform(reform)
    (before_res, after_res), where, region_of = _audit_both(
        (kb, rk), persons, identities, claims, parameters
    )
    b_rows, a_rows = _rows_of(before_res), _rows_of(after_res)
    diff, groups, person_delta, bounded = _diff(b_rows, a_rows, where, region_of)
    totals = _totals(groups, bounded)
    # As eval's totals: assistance is what claims are paid; the premium subsidy apart.
    asst = {k: g for k, g in groups.items() if k[1] != kb.vocab.premium}
    prem = [g for k, g in groups.items() if k[1] == kb.vocab.premium]
    tb = sum(g[0] for g in asst.values())
    ta = sum(g[1] for g in asst.values())
    summary: dict[str, Any] = {
        "name": reform.name,
        "overrides": changes_json(kb, reform),
        "baseline": {"assistance": _yuan(tb)},
        "reform": {"assistance": _yuan(ta)},
        "delta": {
            "assistance": _signed_fen(ta - tb),
            "premium_subsidy": _signed_fen(sum(g[1] - g[0] for g in prem)),
            "by_region": _sum_by(totals, ("region",)),
            "by_program": _sum_by(totals, ("program",)),
            "by_category": _sum_by(totals, ("category",)),
        },
        "totals": totals,
        "persons": {
            "better": sum(1 for v in person_delta.values() if v > 0),
            "worse": sum(1 for v in person_delta.values() if v < 0),
            "unchanged": sum(1 for v in person_delta.values() if v == 0),
        },
        "caps": _caps(kb, rk, parameters, b_rows, a_rows, where, region_of),
        "rows": {
            "claims_in": before_res.stats.claims_in,
            "claims_evaluated": before_res.stats.claims_evaluated,
            "claims_rejected": before_res.stats.claims_rejected,
            "diff_rows": len(diff),
            "changed_rows": sum(1 for r in diff if r["changed"]),
        },
    }
    if bounded:
        summary["baseline"]["assistance_min"] = _yuan(sum(g[2] for g in asst.values()))
        summary["baseline"]["assistance_max"] = _yuan(sum(g[4] for g in asst.values()))
        summary["reform"]["assistance_min"] = _yuan(sum(g[3] for g in asst.values()))
        summary["reform"]["assistance_max"] = _yuan(sum(g[5] for g in asst.values()))
    return summary, diff


def _audit_both(
    kbs: tuple[KB, KB],
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None,
) -> tuple[list[Any], dict[str, tuple[str, int]], dict[str, str]]:
    """Both audits' results; each claim's region and year, each person's region."""
    from reasoner.audit import audit_files

    runs = []
    where: dict[str, tuple[str, int]] = {}
    region_of: dict[str, str] = {}
    for k in kbs:
        result, auditor, _raw = audit_files(k, k.eng, persons, identities, claims, parameters)
        try:
            if not region_of:
                region_of = dict(
                    auditor.con.execute("SELECT person_id, region FROM persons").fetchall()
                )
                for ref, region, year in auditor.con.execute(
                    "SELECT claim_ref, region, year FROM claims"
                ).fetchall():
                    where[str(ref)] = (str(region), int(year))
        finally:
            auditor.close()
        runs.append(result)
    return runs, where, region_of


def _rows_of(result: Any) -> Rows:
    out = {}
    for r in result.results.to_pylist():
        out[(r["person_id"], r["claim_id"], r["program"])] = {
            "status": r["status"],
            "amount": _fen(r["amount"]),
            "amount_min": _fen(r["amount_min"]),
            "amount_max": _fen(r["amount_max"]),
            "identity": r["identity"],
        }
    return out


def _diff(
    b_rows: Rows,
    a_rows: Rows,
    where: dict[str, tuple[str, int]],
    region_of: dict[str, str],
) -> tuple[list[dict[str, Any]], dict[tuple[str, str, str], list[int]], dict[str, int], bool]:
    """Per-claim diff rows; sums per region, program and identity (paid, min, max on each
    side); the change per person; whether any row is bounded."""
    diff: list[dict[str, Any]] = []
    groups: dict[tuple[str, str, str], list[int]] = {}
    person_delta: dict[str, int] = {}
    bounded = False
    for key in dict.fromkeys([*b_rows, *a_rows]):
        pid, cid, prog = key
        b, a = b_rows.get(key), a_rows.get(key)
        region, year = where.get(cid, (region_of.get(pid, ""), 0))
        if cid.startswith("premium:"):
            year = int(cid.split(":", 1)[1])
        d = _paid(a) - _paid(b)
        person_delta[pid] = person_delta.get(pid, 0) + d
        for side, row in ((0, b), (1, a)):
            if row is None or row["status"] not in ("paid", "bounded"):
                continue
            bounded = bounded or row["status"] == "bounded"
            g = groups.setdefault((region, prog, row["identity"] or ""), [0] * 6)
            g[side] += _paid(row)
            g[2 + side] += _paid(row, "amount_min")
            g[4 + side] += _paid(row, "amount_max")
        diff.append(
            {
                "claim_id": cid,
                "person_id": pid,
                "region": region,
                "year": year,
                "program": prog,
                **{
                    f"{k}_before": _cell(b, k)
                    for k in ("status", "amount", "amount_min", "amount_max", "identity")
                },
                **{
                    f"{k}_after": _cell(a, k)
                    for k in ("status", "amount", "amount_min", "amount_max", "identity")
                },
                "delta": _signed_fen(d),
                "changed": b != a,
            }
        )
    return diff, groups, person_delta, bounded


def _totals(groups: dict[tuple[str, str, str], list[int]], bounded: bool) -> list[dict[str, Any]]:
    totals = []
    for (region, prog, cat), g in sorted(groups.items()):
        row = {
            "region": region,
            "program": prog,
            "category": cat or None,
            "baseline": _yuan(g[0]),
            "reform": _yuan(g[1]),
            "delta": _signed_fen(g[1] - g[0]),
        }
        if bounded:
            row.update(
                baseline_min=_yuan(g[2]),
                baseline_max=_yuan(g[4]),
                reform_min=_yuan(g[3]),
                reform_max=_yuan(g[5]),
                delta_min=_signed_fen(g[3] - g[2]),
                delta_max=_signed_fen(g[5] - g[4]),
            )
        totals.append(row)
    return totals


def _cell(row: dict[str, Any] | None, key: str) -> Any:
    if row is None:
        return None
    v = row[key]
    return _yuan(v) if key.startswith("amount") and v is not None else v


def _sum_by(totals: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, str]:
    acc: dict[str, int] = {}
    for t in totals:
        k = "/".join(str(t[x] or "") for x in keys)
        acc[k] = acc.get(k, 0) + _fen(t["reform"]) - _fen(t["baseline"])  # type: ignore[operator]
    return {k: _signed_fen(v) for k, v in acc.items()}


def _caps(
    kb: KB,
    rk: KB,
    parameters: Path | None,
    b_rows: dict[tuple[str, str, str], dict[str, Any]],
    a_rows: dict[tuple[str, str, str], dict[str, Any]],
    where: dict[str, tuple[str, int]],
    region_of: dict[str, str],
) -> list[dict[str, Any]]:
    """Person-years whose yearly cap pool is used up, before and after.

    A row names its program and the identity it paid under; the rules of that
    program for that identity give the pool and its cap (when they agree)."""
    from reasoner.audit_io import load_parameters
    from reasoner.decision import stub_case
    from reasoner.errors import MissingParameter
    from reasoner.evaluate import Params, Unresolved

    parsed, _ = load_parameters(parameters, kb)
    out: dict[tuple[str, str], list[int]] = {}
    names: dict[tuple[str, str], set[str]] = {}
    for side, (k, rows) in enumerate(((kb, b_rows), (rk, a_rows))):
        used: dict[tuple[str, int, str, str], int] = {}
        limit: dict[tuple[str, int, str, str], int | None] = {}
        for (pid, cid, prog), row in rows.items():
            if row["status"] != "paid" or cid.startswith("premium:") or not row["identity"]:
                continue
            region, year = where.get(cid, (region_of.get(pid, ""), 0))
            rules = [
                r
                for r in k.rules.values()
                if r.region == region
                and r.program == prog
                and any(c == row["identity"] for c, _ in r.categories)
            ]
            caps: set[tuple[str, int | None]] = set()
            for r in rules:
                try:
                    fig = Params(k, stub_case(region, parsed.get(region, {}), None)).money(
                        r, "cap", year, "min", []
                    )
                except (Unresolved, MissingParameter):
                    continue
                caps.add((r.cap_pool or r.program, None if fig is None else int(fig * 100)))
            if len(caps) != 1:
                continue
            pool, cap = caps.pop()
            key = (region, year, pool, pid)
            used[key] = used.get(key, 0) + int(row["amount"] or 0)
            limit[key] = cap
            names.setdefault((region, pool), set()).add(prog)
            out.setdefault((region, pool), [0, 0])
        for key, total in used.items():
            lim = limit[key]
            if lim is not None and total >= lim:
                out[(key[0], key[2])][side] += 1
    return [
        {
            "region": region,
            "pool": pool,
            "pool_name": "、".join(sorted(kb.label(p) for p in names[(region, pool)])) + "年度限额",
            "before": v[0],
            "after": v[1],
        }
        for (region, pool), v in sorted(out.items())
    ]


def write_diff(
    rows: list[dict[str, Any]], out: Path, summary: dict[str, Any] | None = None
) -> Path:
    """Per-claim differences: .json, .xlsx (with the totals on a second sheet), else CSV
    (UTF-8 with a BOM, so Excel reads the Chinese)."""
    import csv
    import json

    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = out.suffix.lower()
    if suffix == ".json":
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return out
    if suffix == ".xlsx":
        from reasoner.audit_output import write_workbook

        sheets = {"差异明细": _table(rows, list(DIFF_COLUMNS))}
        if summary is not None:
            cols = ["region", "program", "category", "baseline", "reform", "delta"]
            sheets["汇总"] = _table(summary["totals"], cols)
        write_workbook(out, sheets)
        return out
    if suffix not in (".csv", ""):
        raise InputError("--out", f"不支持的格式 {out.suffix[:10]!r}；可用：.csv、.xlsx、.json")
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(DIFF_COLUMNS))
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return out


def _table(rows: list[dict[str, Any]], cols: list[str]) -> Any:
    """Rows as an Arrow table: amounts as decimals (numbers in Excel), the rest as text."""
    import pyarrow as pa

    money = {c for c in cols if c.startswith(("amount", "delta", "baseline", "reform"))}
    arrays = []
    for c in cols:
        vals = [r.get(c) for r in rows]
        if c in money:
            arrays.append(
                pa.array(
                    [None if v in (None, "") else Decimal(str(v)) for v in vals],
                    pa.decimal128(18, 2),
                )
            )
        else:
            arrays.append(pa.array([None if v is None else str(v) for v in vals], pa.string()))
    return pa.Table.from_arrays(arrays, names=cols)


def report_html(kb: KB, summary: dict[str, Any]) -> str:
    """One self-contained page: the reform's changes with their clauses, totals, persons, caps."""
    from html import escape as e

    def table(head: list[str], body: list[list[Any]]) -> str:
        th = "".join(f"<th>{e(h)}</th>" for h in head)
        trs = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in body)
        return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"

    seen: set[int] = set()
    items = []
    for o in summary["overrides"]:
        if o["change"] in seen:
            continue
        seen.add(o["change"])
        c = o["citation"]
        prev = "".join(
            f"<blockquote>{e(p['document'])} {e(p['clause'])}「{e(p['quote'])}」</blockquote>"
            for p in c["reform"]["overrides"]
        )
        items.append(f"<li>{e(c['clause'])}：{e(c['quote'])}{prev}</li>")
    d, p = summary["delta"], summary["persons"]
    totals = table(
        ["地区", "项目", "对象", "现行（元）", "改革后（元）", "差额（元）"],
        [
            [
                kb.region_name(t["region"]),
                kb.label(t["program"]),
                kb.category_label(t["region"], t["category"]) if t["category"] else "",
                t["baseline"],
                t["reform"],
                t["delta"],
            ]
            for t in summary["totals"]
        ],
    )
    caps = table(
        ["地区", "限额", "现行（人年）", "改革后（人年）"],
        [
            [kb.region_name(c["region"]), c["pool_name"], c["before"], c["after"]]
            for c in summary["caps"]
        ],
    )
    name = e(summary["name"])
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>改革方案测算：{name}</title>
<style>body{{font-family:"Noto Sans CJK SC",sans-serif;margin:2em;max-width:72em}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:.3em .6em}}
td:nth-child(n+4){{text-align:right}}blockquote{{color:#555;margin:.3em 0 .3em 1.5em}}</style></head>
<body><h1>改革方案测算：{name}</h1>
<h2>修改内容</h2><ol>{"".join(items)}</ol>
<h2>医疗救助合计</h2><p>{e(summary["baseline"]["assistance"])} → {e(summary["reform"]["assistance"])} 元
（{e(d["assistance"])}）；资助参保 {e(d["premium_subsidy"])} 元</p>
<h2>按地区、项目、对象</h2>{totals}
<h2>人员</h2><p>受益 {p["better"]}，受损 {p["worse"]}，不变 {p["unchanged"]}</p>
<h2>年度限额用尽的人年数</h2>{caps}
<p>理赔：读入 {summary["rows"]["claims_in"]} = 评估 {summary["rows"]["claims_evaluated"]} + 拒绝
{summary["rows"]["claims_rejected"]}</p>
</body></html>
"""
