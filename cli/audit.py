"""`medaid audit`: the command, its progress bar and its printed summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import yaml

from reasoner.errors import InputError

from .main import handle_errors, main

if TYPE_CHECKING:
    from reasoner.audit import Auditor


class RichReporter:
    """A rich progress bar on stderr, one task per stage."""

    def __init__(self, console: Any) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task: Any = None

    def __enter__(self) -> RichReporter:
        self.progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.stop()

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            t = self.progress.tasks[-1]
            self.progress.update(self.task, completed=t.total or 1, total=t.total or 1)
        self.task = self.progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, n)


def _yuan(fen: int) -> str:
    from reasoner.audit_io import money_text

    return money_text(fen)


def run_cli(
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None,
    out: Path,
    errors: Path | None,
    explain: str | None,
    export_case: tuple[str, Path] | None,
    threads: int | None,
    memory_limit: str,
) -> None:
    """`medaid audit`: write results, errors and discrepancies; print the summary."""
    from rich.console import Console
    from rich.table import Table

    from reasoner.api import evaluate_data, get_kb
    from reasoner.audit import audit_files
    from reasoner.audit_io import output_format, write_table
    from reasoner.engine import engine

    output_format(out, "--out")  # before any work: a wrong name is not worth an audit
    if errors is not None:
        output_format(errors, "--errors")
    kb = get_kb()
    eng = engine()
    # Off a terminal rich assumes 80 columns and would cut the Chinese trees and tables.
    stdout = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    err_console = Console(stderr=True, soft_wrap=True, highlight=False)
    reporter: Any = RichReporter(err_console) if sys.stderr.isatty() else None
    t0 = time.perf_counter()
    if reporter is not None:
        with reporter:
            result, auditor, raw = audit_files(
                kb, eng, persons, identities, claims, parameters, reporter, threads, memory_limit
            )
    else:
        result, auditor, raw = audit_files(
            kb, eng, persons, identities, claims, parameters, None, threads, memory_limit
        )
    try:
        write_table(result.results, out)
        errors_path = errors or out.with_name(f"{out.stem}.errors.csv")
        write_table(result.errors, errors_path)
        s = result.stats
        elapsed = time.perf_counter() - t0
        stdout.print(f"结果：{out}（{s.output_rows} 行）")
        stdout.print(f"错误：{errors_path}（{result.errors.num_rows} 行）")
        stdout.print(
            f"persons: rows in = rows accepted + rows rejected: "
            f"{s.persons_in} = {s.persons_in - s.persons_rejected} + {s.persons_rejected}"
        )
        stdout.print(
            f"identities: rows in = rows accepted + rows rejected: "
            f"{s.identities_in} = {s.identities_in - s.identities_rejected} + {s.identities_rejected}"
        )
        stdout.print(
            f"claims: rows in = rows evaluated + rows rejected: "
            f"{s.claims_in} = {s.claims_evaluated} + {s.claims_rejected}"
        )
        stdout.print(
            f"person-years: {s.person_years_sql} by the SQL ledger, {s.person_years_python} by the "
            f"Python ledger; {elapsed:.1f} s"
        )
        d = result.discrepancies
        if d is not None and result.discrepancy_rows is not None:
            disc_path = out.with_name(f"{out.stem}.discrepancies.csv")
            write_table(result.discrepancy_rows, disc_path)
            t = Table(title="已付救助金额核对（paid_assistance）")
            for col in ("项目", "值"):
                t.add_column(col)
            t.add_row("核对理赔数", str(d.claims_compared))
            t.add_row("一致", str(d.matched))
            t.add_row("多付（笔）", str(d.over))
            t.add_row("少付（笔）", str(d.under))
            t.add_row("已付合计（元）", _yuan(d.paid_total))
            rng = _yuan(d.expected_min_total)
            if d.expected_max_total != d.expected_min_total:
                rng += f"～{_yuan(d.expected_max_total)}"
            t.add_row("应付合计（元）", rng)
            t.add_row("多付合计（元）", _yuan(d.over_total))
            t.add_row("少付合计（元）", _yuan(-d.under_total))
            stdout.print(t)
            if d.largest:
                lt = Table(title="差额最大的理赔")
                for col in ("理赔", "人员", "已付", "应付", "差额"):
                    lt.add_column(col)
                for r in d.largest:
                    exp = _yuan(r["expected_min"])
                    if r["expected_max"] != r["expected_min"]:
                        exp += f"～{_yuan(r['expected_max'])}"
                    lt.add_row(
                        str(r["claim_id"]),
                        str(r["person_id"]),
                        _yuan(r["paid_assistance"]),
                        exp,
                        ("+" if r["difference"] > 0 else "") + _yuan(r["difference"]),
                    )
                stdout.print(lt)
            stdout.print(f"核对明细：{disc_path}")
        if export_case is not None:
            claim_id, path = export_case
            case = _case_of_claim(auditor, claim_id, raw, "--export-case")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
            stdout.print(f"案例文件：{path}（medaid why {path} --claim {claim_id} --program …）")
        if explain is not None:
            from reasoner.explain import print_tree, why

            case = _case_of_claim(auditor, explain, raw, "--explain")
            res = evaluate_data(case)
            programs = [
                b.program for cr in res.claims if cr.claim.id == explain for b in cr.benefits
            ]
            for program in programs:
                node = why(kb, eng, res, explain, program)
                print_tree(node, stdout, kb)
    finally:
        auditor.close()


def _case_of_claim(
    auditor: Auditor, claim_id: str, raw: dict[str, Any], option: str
) -> dict[str, Any]:
    pid = auditor.person_of_claim(claim_id)
    if pid is None:
        raise InputError(option, f"理赔 {claim_id[:40]!r} 不在已评估的理赔中（不存在或已被拒绝）")
    if auditor.con.execute("SELECT 1 FROM missing WHERE person_id = ?", [pid]).fetchone():
        raise InputError(option, f"人员 {pid} 因缺少参数未能评估（见错误文件）")
    return auditor.case_dict(pid, raw)


@main.command("audit")
@click.option("--persons", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--identities", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--claims", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--parameters",
    type=click.Path(dir_okay=False, path_type=Path),
    help="params.yaml: region → {parameter: value} (元), optionally year-keyed.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="results.csv or results.parquet",
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rejected rows (default: <out>.errors.csv).",
)
@click.option(
    "--explain", "explain_id", metavar="CLAIM_ID", help="Print `medaid why` for this claim."
)
@click.option(
    "--export-case",
    nargs=2,
    type=(str, click.Path(dir_okay=False, path_type=Path)),
    metavar="CLAIM_ID FILE",
    help="Write that claim's person as a case file for `medaid why`.",
)
@click.option("--threads", type=int, help="DuckDB threads (default: all cores).")
@click.option("--memory-limit", default="2.5GB", show_default=True, help="DuckDB memory limit.")
@handle_errors
def audit_cmd(
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None,
    out: Path,
    errors_path: Path | None,
    explain_id: str | None,
    export_case: tuple[str, Path] | None,
    threads: int | None,
    memory_limit: str,
) -> None:
    """Audit a year of settled claims (CSV or Parquet) against medaid's amounts.

    One row per claim and program, as `eval` gives; rejected rows to the errors file;
    a discrepancy summary when paid_assistance is given.
    """
    run_cli(
        persons,
        identities,
        claims,
        parameters,
        out,
        errors_path,
        explain_id,
        export_case,
        threads,
        memory_limit,
    )
