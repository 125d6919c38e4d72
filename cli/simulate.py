"""`medaid simulate`: a case (or a batch of settled claims) under a reform or another region."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .main import console, emit_json, format_option, handle_errors, main

_path = click.Path(dir_okay=False, path_type=Path)


@main.command("simulate")
@click.argument("case", required=False, type=_path)
@click.option("--reform", type=_path, help="Reform file (YAML): figures or categories to change.")
@click.option("--as-region", "as_region", help="Evaluate the same person and claims here instead.")
@click.option("--persons", type=_path, help="Batch: persons file (as for `medaid audit`).")
@click.option("--identities", type=_path, help="Batch: identities file.")
@click.option("--claims", type=_path, help="Batch: claims file.")
@click.option("--parameters", type=_path, help="Batch: params.yaml (as for `medaid audit`).")
@click.option("--out", type=_path, help="Batch: per-claim differences (.csv, .xlsx or .json).")
@click.option("--report", type=_path, help="Batch: an HTML page of the totals (.html).")
@format_option("text", "json")
@handle_errors
def simulate_cmd(
    case: Path | None,
    reform: Path | None,
    as_region: str | None,
    persons: Path | None,
    identities: Path | None,
    claims: Path | None,
    parameters: Path | None,
    out: Path | None,
    report: Path | None,
    fmt: str,
) -> None:
    """What if: a case or a batch of claims under a reform, or a case in another region.

    `simulate CASE --reform R.yaml`, `simulate CASE --as-region R`, or a batch of settled
    claims: `simulate --persons … --identities … --claims … --reform R.yaml --out diff.csv`.
    Each changed figure cites the reform's name and the clause it overrides.
    """
    from reasoner.api import get_kb
    from reasoner.case import load_case_file
    from reasoner.reform import load_reform
    from reasoner.reform_case import as_region as run_as_region
    from reasoner.reform_case import simulate_case

    kb = get_kb()
    batch = [x for x in (persons, identities, claims) if x is not None]
    if batch:
        if case is not None or as_region is not None:
            raise click.UsageError("a batch (--persons …) takes neither CASE nor --as-region")
        if len(batch) < 3 or reform is None or out is None:
            raise click.UsageError(
                "a batch needs --persons, --identities, --claims, --reform, --out"
            )
        _batch(kb, persons, identities, claims, parameters, reform, out, report, fmt)  # type: ignore[arg-type]
        return
    if case is None:
        raise click.UsageError("give a CASE file, or a batch (--persons --identities --claims)")
    if (reform is None) == (as_region is None):
        raise click.UsageError("give exactly one of --reform and --as-region")
    raw = load_case_file(case)
    if as_region is not None:
        data = run_as_region(kb, raw, as_region)
        if fmt == "json":
            emit_json(data)
        else:
            _print_as_region(kb, data)
        return
    assert reform is not None
    r = load_reform(reform, kb)
    if not r.changes:
        click.echo("注：改革方案没有任何修改", err=True)
    data, _, _, rk = simulate_case(kb, raw, r)
    if fmt == "json":
        emit_json(data)
    else:
        _print_case(kb, rk, data)


def _amount(row: dict[str, Any] | None) -> str:
    if row is None:
        return "（无此项目）"
    from reasoner.api import get_kb

    st = get_kb().vocab.status_label(row["status"])
    if row["status"] == "paid":
        return f"{st} {row['amount']}"
    if row["status"] == "bounded":
        return f"{st} {row['amount_min']}～{row['amount_max']}"
    return st


def _print_overrides(kb: Any, overrides: list[dict[str, Any]]) -> None:
    con = console()
    seen: set[int] = set()
    for o in overrides:
        if o["change"] in seen:
            continue
        seen.add(o["change"])
        c = o["citation"]
        rules = [x["rule"] for x in overrides if x["change"] == o["change"]]
        con.print(f"  {c['clause']}：{c['quote']}（规则 {'、'.join(rules)}）")
        chosen = o.get("selected_category")
        if chosen is None:
            continue
        # A rule's figures serve all its categories: name the others the change reaches.
        others = [
            k
            for x in overrides
            if x["change"] == o["change"]
            for k in x.get("categories", ())
            if k != chosen
        ]
        if others:
            names = "、".join(dict.fromkeys(kb.category_label(o["region"], k) for k in others))
            con.print(f"    注：所改规则同时适用于{names}（规则的数值由这些对象共用）")


def _changes_table(title: str, left: str, right: str, changes: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    t = Table(title=title)
    for col in ("理赔", "项目", left, right, "差额（元）"):
        t.add_column(col)
    for ch in changes:
        t.add_row(
            ch["claim"],
            ch["program_name"],
            _amount(ch["before"]),
            _amount(ch["after"]),
            ch["delta"],
        )
    return t


def _totals_line(before: dict[str, Any], after: dict[str, Any], delta: dict[str, Any]) -> str:
    line = (
        f"医疗救助合计：{before['totals']['assistance']} → {after['totals']['assistance']} 元"
        f"（{delta['assistance']}）"
    )
    if "assistance_min" in delta:
        line += f"；区间项目下限 {delta['assistance_min']}，上限 {delta['assistance_max']}"
    return line


def _print_case(kb: Any, rk: Any, data: dict[str, Any]) -> None:
    con = console()
    b = data["baseline"]
    con.print(f"[bold]改革方案「{data['name']}」[/bold]")
    _print_overrides(kb, data["overrides"])
    con.print(f"{kb.region_name(b['region'])} · {b['document']} · 人员 {b['person']}")
    if data["changes"]:
        con.print(_changes_table("改变的项目", "现行文件", "改革后", data["changes"]))
    else:
        con.print("各理赔、各项目的结果均无变化")
    con.print(_totals_line(b, data["reform"], data["delta"]))


def _print_as_region(kb: Any, data: dict[str, Any]) -> None:
    con = console()
    con.print(
        f"[bold]{kb.region_name(data['from'])}（{data['from_document']}）→ "
        f"{kb.region_name(data['to'])}（{data['to_document']}）[/bold]"
    )
    shift = data["date_shift"]
    con.print(f"  {shift['note']}；身份期间与出生日期同样平移")
    for cid, (old, new) in shift["claims"].items():
        if old != new:
            con.print(f"    {cid}：{old} → {new}")
    con.print(f"  {data['parameters_note']}")
    for m in data["missing_categories"]:
        con.print(f"  对象「{m['term']}」（{m['category']}）：{m['note']}")
    for p in data["programs_only_in_source"]:
        con.print(f"  {p['name']}：{p['note']}")
    for p in data["programs_only_in_target"]:
        con.print(f"  {p['name']}：{p['note']}")
    if data["changes"]:
        con.print(
            _changes_table(
                "改变的项目",
                kb.region_name(data["from"]),
                kb.region_name(data["to"]),
                data["changes"],
            )
        )
    con.print(_totals_line(data["baseline"], data["target"], data["delta"]))


def check_reform(
    kb: Any,
    reform: Path,
    regions: Sequence[str],
    kinds: Sequence[str],
    fmt: str,
    fail_on: str | None,
) -> None:
    """`medaid check --reform`: the findings the reform adds, removes or rewords."""
    import sys

    from reasoner.checks import failing
    from reasoner.reform import load_reform
    from reasoner.reform_case import check_delta

    r = load_reform(reform, kb)
    d = check_delta(kb, r, regions, kinds)
    after = d.pop("_after")
    if fmt == "json":
        emit_json(d)
    else:
        con = console()
        con.print(f"[bold]改革方案「{r.name}」对一致性检查的影响[/bold]")
        _print_overrides(kb, d["overrides"])
        con.print(
            f"新增 {len(d['added'])} 项，消除 {len(d['removed'])} 项，"
            f"内容改变 {len(d['changed'])} 项，未变 {d['unchanged']} 项"
        )
        for label, items in (("新增", d["added"]), ("消除", d["removed"])):
            for f in items:
                con.print(f"  [{label}] {f['id']}（{f['kind']}）：{f['message']}", soft_wrap=True)
        for c in d["changed"]:
            con.print(f"  [改变] {c['id']}（{c['kind']}）", soft_wrap=True)
            con.print(f"    现行：{c['before']}", soft_wrap=True)
            con.print(f"    改革后：{c['after']}", soft_wrap=True)
    if failing(after, fail_on):
        sys.exit(1)


def _batch(
    kb: Any,
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None,
    reform: Path,
    out: Path,
    report: Path | None,
    fmt: str,
) -> None:
    from reasoner.errors import InputError
    from reasoner.reform import load_reform
    from reasoner.reform_batch import report_html, simulate_batch, write_diff

    if out.suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise InputError("--out", f"不支持的格式 {out.suffix[:10]!r}；可用：.csv、.xlsx、.json")
    if report is not None and report.suffix.lower() not in (".html", ".htm"):
        raise InputError("--report", "应为 .html 文件")
    r = load_reform(reform, kb)
    summary, diff = simulate_batch(kb, persons, identities, claims, parameters, r)
    written = write_diff(diff, out, summary)
    summary["out"] = str(written)
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(report_html(kb, summary), encoding="utf-8")
        summary["report"] = str(report)
    if fmt == "json":
        emit_json(summary)
        return
    _print_batch(kb, summary)


def _print_batch(kb: Any, s: dict[str, Any]) -> None:
    from rich.table import Table

    con = console()
    con.print(f"[bold]改革方案「{s['name']}」：批量测算[/bold]")
    _print_overrides(kb, s["overrides"])
    rows = s["rows"]
    con.print(
        f"理赔：读入 {rows['claims_in']} = 评估 {rows['claims_evaluated']} + 拒绝 {rows['claims_rejected']}"
        f"；差异明细 {s['out']}（{rows['diff_rows']} 行，其中改变 {rows['changed_rows']} 行）"
    )
    t = Table(title="救助金额（元）")
    for col in ("地区", "项目", "对象", "现行", "改革后", "差额"):
        t.add_column(col)
    for g in s["totals"]:

        def shown(side: str, g: dict[str, Any] = g) -> str:
            lo, hi = g.get(f"{side}_min"), g.get(f"{side}_max")
            if lo is None or (lo == hi == g[side]):
                return str(g[side])
            # exact amounts plus the range of the amounts the document only bounds
            return f"{lo}～{hi}"

        t.add_row(
            kb.region_name(g["region"]),
            kb.label(g["program"]),
            kb.category_label(g["region"], g["category"]) if g["category"] else "",
            shown("baseline"),
            shown("reform"),
            g["delta"]
            if g.get("delta_min") in (None, g["delta"]) and g.get("delta_max") in (None, g["delta"])
            else f"{g['delta_min']}～{g['delta_max']}",
        )
    con.print(t)
    p = s["persons"]
    con.print(f"人员：受益 {p['better']}，受损 {p['worse']}，不变 {p['unchanged']}")
    if s["caps"]:
        ct = Table(title="年度限额用尽的人年数")
        for col in ("地区", "限额", "现行", "改革后"):
            ct.add_column(col)
        for c in s["caps"]:
            ct.add_row(
                kb.region_name(c["region"]), c["pool_name"], str(c["before"]), str(c["after"])
            )
        con.print(ct)
    d = s["delta"]
    con.print(
        f"医疗救助合计：{s['baseline']['assistance']} → {s['reform']['assistance']} 元（{d['assistance']}）"
    )
    if "report" in s:
        con.print(f"报告：{s['report']}")
