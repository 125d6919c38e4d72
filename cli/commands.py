"""The medaid commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from reasoner.checks import KINDS
from reasoner.render import print_result, result_json

from .main import ID_TEXT, console, emit_json, format_option, handle_errors, main

case_argument = click.argument("case", type=click.Path(dir_okay=False, path_type=Path))
reduction_option = click.option(
    "--referral-reduction",
    is_flag=True,
    help="Where a document allows it (江苏 七（十五）), reduce the rate by up to the stated "
    "points for unreferred care instead of excluding it.",
)


@main.command("eval")
@case_argument
@format_option("text", "json")
@reduction_option
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when any parameter is missing (by default a premium row without its "
    "contribution standard is unresolved and the claims go on).",
)
@handle_errors
def eval_cmd(case: Path, fmt: str, referral_reduction: bool, strict: bool) -> None:
    """Evaluate a case file: every program, status and amount, with citations."""
    from reasoner.api import evaluate_file, get_kb

    result = evaluate_file(case, referral_reduction=referral_reduction)
    missing = [b.missing for b in result.premiums.values() if b.missing is not None]
    if strict and missing:
        raise missing[0]
    if fmt == "json":
        emit_json(result_json(get_kb(), result))
    else:
        print_result(get_kb(), result, console())


claim_option = click.option(
    "--claim",
    "claim_id",
    required=True,
    type=ID_TEXT,
    help="Claim id in the case file; for 资助参保 the year (2022年, 2022 or premium:2022).",
)
program_option = click.option(
    "--program",
    required=True,
    type=ID_TEXT,
    help="Program id, Chinese name or short form (住院救助, 大额, 资助参保): premium_subsidy, "
    "critical_illness_tilt, outpatient, inpatient, special_disease, large_expense, tilt, "
    "deposit_exemption.",
)


reform_option = click.option(
    "--reform",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Under a reform file (see `medaid simulate`): its figures cite the reform.",
)


@main.command("why")
@case_argument
@claim_option
@program_option
@format_option("text", "json")
@reform_option
@handle_errors
def why_cmd(case: Path, claim_id: str, program: str, fmt: str, reform: Path | None) -> None:
    """Explain an outcome: the tree from the amount down to facts and clauses."""
    from reasoner.explain import why

    _explain(
        case, fmt, lambda kb, eng, result, raw: why(kb, eng, result, claim_id, program), reform
    )


@main.command("why-not")
@case_argument
@claim_option
@program_option
@format_option("text", "json")
@reform_option
@handle_errors
def why_not_cmd(case: Path, claim_id: str, program: str, fmt: str, reform: Path | None) -> None:
    """Explain a refusal: each failed condition with its clause, and the smallest verified fix."""
    from reasoner.api import evaluate_data
    from reasoner.explain import why_not

    _explain(
        case,
        fmt,
        lambda kb, eng, result, raw: why_not(
            kb, eng, result, raw, claim_id, program, evaluate_data
        ),
        reform,
    )


def _explain(case: Path, fmt: str, build: Callable[..., Any], reform: Path | None = None) -> None:
    """Evaluate the case, build an explanation tree, print it as text or JSON."""
    from reasoner.api import evaluate_data, get_kb, using
    from reasoner.case import load_case_file
    from reasoner.explain import print_tree
    from reasoner.reform import load_reform

    kb = get_kb()
    if reform is not None:
        kb = kb.with_reform(load_reform(reform, kb))
    raw = load_case_file(case)
    with using(kb):
        node = build(kb, kb.eng, evaluate_data(raw), raw)
    if fmt == "json":
        emit_json(node.json(kb))
    else:
        print_tree(node, console(), kb)


@main.group("kb")
def kb_group() -> None:
    """Inspect the knowledge base: parameters, lint, coverage."""


region_option = click.option("--region", help="Region id, 区划代码 or Chinese name.")


def _region(value: str | None) -> str | None:
    from reasoner.api import get_kb
    from reasoner.errors import InputError

    if value is None:
        return None
    kb = get_kb()
    r = kb.region_lookup.get(value.strip())
    if r is None:
        valid = "、".join(f"{r}（{kb.region_name(r)}）" for r in kb.documents)
        raise InputError("--region", f"未知地区 {value[:40]!r}；可用：{valid}")
    return r


@kb_group.command("list")
@region_option
@format_option("text", "json")
@handle_errors
def kb_list(region: str | None, fmt: str) -> None:
    """Every parameter: region, program, category, name, value or bounds, unit, clause, quote."""
    from dataclasses import asdict

    from rich.table import Table

    from reasoner.api import get_kb
    from reasoner.kbtools import param_label, parameter_rows, unit_text
    from reasoner.render import plain

    kb = get_kb()
    rows = parameter_rows(kb, _region(region))
    if fmt == "json":
        emit_json({"parameters": [asdict(r) for r in rows]})
        return
    t = Table(title="medaid 知识库参数")
    for col in ("地区", "项目", "对象", "参数", "取值", "单位", "条款", "原文"):
        t.add_column(col, overflow="fold")
    bound = {"min": "≥", "max": "≤", "approx": "≈", "unlimited": "不设"}
    for r in rows:
        value = r.value or r.min or r.max or ""
        shown = f"{bound.get(r.bound, '')}{value}" + (f"（{r.year}年）" if r.year else "")
        if r.derivation:
            shown += f"（推导：{r.derivation}）"
        program = "预警" if r.program == "warning" else kb.label(r.program)
        cats = "、".join(kb.category_label(r.region, c) for c in r.category.split(",") if c)
        t.add_row(
            *(
                plain(x)
                for x in (
                    kb.region_name(r.region),
                    program,
                    cats,
                    param_label(kb, r.name, r.rule),
                    shown,
                    unit_text(kb, r.unit),
                    f"{r.document} {r.clause}",
                    r.quote,
                )
            )
        )
    console().print(t)


@kb_group.command("lint")
@handle_errors
def kb_lint() -> None:
    """Check traceability: verbatim quotes, figures in quotes, clause coverage, defined categories."""
    import sys

    from reasoner.api import get_kb
    from reasoner.engine import engine
    from reasoner.kbtools import lint

    problems = lint(get_kb(), engine())
    for p in problems:
        click.echo(str(p), err=True)
    if problems:
        click.echo(f"Error: kb lint: 发现 {len(problems)} 个问题", err=True)
        sys.exit(1)
    kb = get_kb()
    click.echo(
        f"kb lint：通过——{len(kb.provisions)} 条原文摘录、{len(kb.rules)} 条规则、"
        f"{len(kb.interpretations)} 条解释、{len(kb.outline)} 个条款"
    )


@kb_group.command("coverage")
@format_option("text", "json", "markdown")
@click.option(
    "--write",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Replace the table between the coverage markers of this file (kb/README.md).",
)
@handle_errors
def kb_coverage(fmt: str, write: Path | None) -> None:
    """Per document: clauses encoded, non-computational, missing."""
    from reasoner.api import get_kb
    from reasoner.engine import engine
    from reasoner.kbtools import coverage_table

    rows = coverage_table(get_kb(), engine())
    if fmt == "json":
        emit_json({"coverage": rows})
        return
    head = "| 地区 | 文件 | 条款 | 已编码 | 非计算性 | 缺失 | 摘录 | 规则 | 解释 |"
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    kb = get_kb()
    for r in rows:
        lines.append(
            f"| {kb.region_name(r['region'])} | {r['document']} | {r['clauses']} | {r['encoded']} | "
            f"{r['non_computational']} | {r['missing']} | {r['provisions']} | {r['rules']} | "
            f"{r['interpretations']} |"
        )
    table = "\n".join(lines)
    if write is None:
        click.echo(table)
        return
    from reasoner.errors import InputError

    text = write.read_text(encoding="utf-8")
    start, end = "<!-- coverage:start -->", "<!-- coverage:end -->"
    if start not in text or end not in text:
        raise InputError(str(write), f"缺少标记 {start} / {end}")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    write.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
    click.echo(f"已更新 {write}")


# ---------------------------------------------------------------------------
# Consistency checks and side-by-side comparison (reasoner/checks.py, reasoner/compare.py)
# ---------------------------------------------------------------------------


@main.command("check")
@click.option(
    "--region",
    "regions",
    multiple=True,
    help="Only findings concerning this region (id, 区划代码 or Chinese name); repeatable.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help="Only findings of this kind; repeatable.",
)
@format_option("text", "json")
@click.option(
    "--fail-on",
    type=click.Choice(("error", "warning")),
    default=None,
    help="Exit 1 when a finding of this severity (or worse) is reported.",
)
@reform_option
@handle_errors
def check_cmd(
    regions: tuple[str, ...],
    kinds: tuple[str, ...],
    fmt: str,
    fail_on: str | None,
    reform: Path | None,
) -> None:
    """Find gaps, overlaps, conflicts and divergences across the documents.

    Kinds: gap, overlap, conflict, unresolved_reference, divergence, floor, anomaly,
    approximation, validity — each finding with its clauses and, where a case can show it,
    a witness case verified with eval.
    """
    import sys

    from reasoner.api import get_kb
    from reasoner.checks import failing, findings_json, findings_text, run_checks

    kb = get_kb()
    wanted = [r for r in (_region(v) for v in regions) if r is not None]
    if reform is not None:
        from .simulate import check_reform

        check_reform(kb, reform, wanted, kinds, fmt, fail_on)
        return
    findings = run_checks(kb, wanted, kinds)
    if fmt == "json":
        emit_json(findings_json(kb, findings))
    else:
        click.echo(findings_text(kb, findings))
    if failing(findings, fail_on):
        sys.exit(1)


@main.command("compare")
@click.option(
    "--program",
    required=True,
    help="Program id or name: premium_subsidy, critical_illness_tilt, outpatient, inpatient, "
    "special_disease, large_expense, tilt, deposit_exemption.",
)
@click.option("--category", help="Category id or Chinese term (e.g. dibao or 低保对象).")
@format_option("text", "json", "csv", "markdown")
@handle_errors
def compare_cmd(program: str, category: str | None, fmt: str) -> None:
    """Compare one program across the five regions, each cell with its clause.

    Columns: who is eligible, deductible, rate, cap and conditions; bounds stay bounds.
    """
    from reasoner.api import get_kb
    from reasoner.compare import (
        compare,
        comparison_csv,
        comparison_json,
        comparison_markdown,
        comparison_table,
        resolve_category,
        resolve_program,
    )

    kb = get_kb()
    cmp = compare(
        kb, resolve_program(kb, program), resolve_category(kb, category) if category else None
    )
    if fmt == "json":
        emit_json(comparison_json(kb, cmp))
    elif fmt == "csv":
        click.echo(comparison_csv(kb, cmp), nl=False)
    elif fmt == "markdown":
        click.echo(comparison_markdown(kb, cmp))
    else:
        console().print(comparison_table(kb, cmp))
