"""`medaid warnings`: 因病致贫/返贫 预警 for a year of claims."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from .main import console, emit_json, format_option, handle_errors, main

_FILE = click.Path(dir_okay=False, path_type=Path)


@main.command("warnings")
@click.option("--persons", required=True, type=_FILE)
@click.option("--identities", required=True, type=_FILE, help="May be empty: ordinary residents.")
@click.option("--claims", required=True, type=_FILE)
@click.option(
    "--parameters",
    type=_FILE,
    help="params.yaml: region → {parameter: value} (元), optionally year-keyed.",
)
@click.option(
    "--out", required=True, type=_FILE, help="warnings.csv, warnings.xlsx or warnings.json"
)
@click.option(
    "--errors",
    "errors_path",
    type=_FILE,
    help="Rejected rows (default: <out>.errors.csv).",
)
@click.option("--encoding", help="CSV encoding (default: UTF-8 with or without BOM, else GB18030).")
@click.option("--sheet", help="xlsx inputs: the sheet name or number (default: the first).")
@format_option()
@handle_errors
def warnings_cmd(
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None,
    out: Path,
    errors_path: Path | None,
    encoding: str | None,
    sheet: str | None,
    fmt: str,
) -> None:
    """因病致贫/返贫 预警: one row per person, year and warning whose line the year's self-pay exceeds.

    Same inputs as `audit`; a person without identities is an ordinary resident. A line the
    documents leave open (预警监测标准) is a named parameter: without it the watched
    person-years are listed as missing_parameter.
    """
    import pyarrow.csv as pacsv

    from reasoner.api import get_kb
    from reasoner.engine import engine
    from reasoner.warnings import check_out, warnings_files, write_warnings

    kb = get_kb()
    check_out(kb, out)  # before the input is read
    rows, errors, st = warnings_files(
        kb, engine(), persons, identities, claims, parameters, encoding=encoding, sheet=sheet
    )
    write_warnings(kb, rows, out)
    errors_out = errors_path or out.with_name(f"{out.stem}.errors.csv")
    errors_out.parent.mkdir(parents=True, exist_ok=True)
    pacsv.write_csv(errors, errors_out)
    fired = Counter(
        (r["region"], r["year"], r["warning_name"], r["document"], r["clause"])
        for r in rows.to_pylist()
        if r["status"] == "warning"
    )
    missing = Counter(
        (r["region"], r["year"], r["reason"])
        for r in rows.to_pylist()
        if r["status"] == "missing_parameter"
    )
    if fmt == "json":
        emit_json(
            {
                "out": str(out),
                "errors": str(errors_out),
                "claims_in": st.claims_in,
                "claims_evaluated": st.claims_evaluated,
                "claims_rejected": st.claims_rejected,
                "warnings": [
                    {
                        "region": k[0],
                        "year": k[1],
                        "warning": k[2],
                        "document": k[3],
                        "clause": k[4],
                        "persons": n,
                    }
                    for k, n in sorted(fired.items())
                ],
                "missing_parameters": [
                    {"region": k[0], "year": k[1], "reason": k[2], "persons": n}
                    for k, n in sorted(missing.items())
                ],
            }
        )
        return
    c = console()
    c.print(f"预警：{out}（{rows.num_rows} 行）")
    c.print(f"错误：{errors_out}（{errors.num_rows} 行）")
    c.print(f"理赔：读入 {st.claims_in} = 计入 {st.claims_evaluated} + 拒绝 {st.claims_rejected}")
    for (region, year, name, doc, clause), n in sorted(fired.items()):
        c.print(f"  {kb.region_name(region)} {year}年 {name}（{doc} {clause}）：{n} 人")
    for (region, year, reason), n in sorted(missing.items()):
        c.print(f"  {kb.region_name(region)} {year}年 未能判断 {n} 人：{reason}")
    if not fired and not missing:
        c.print("  无人超过预警线")
