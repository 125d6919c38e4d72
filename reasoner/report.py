"""`medaid audit --report`: the audit as one self-contained HTML page (inline SVG charts).

Every figure links to the clauses it comes from (document number, clause, verbatim quote),
collected at the end of the page; nothing is fetched from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import duckdb
import pyarrow as pa

from reasoner.audit_io import OUTPUT_COLUMNS
from reasoner.knowledge import KB

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"


def e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def yuan(d: Decimal | int | None) -> str:
    if d is None:
        return "—"
    return f"{Decimal(d):,.2f}"


@dataclass
class Cites:
    """The clauses the page cites, in first-cited order."""

    kb: KB

    def __post_init__(self) -> None:
        self.order: list[str] = []

    def link(self, cite_id: str, text: str | None = None) -> str:
        if cite_id not in self.order:
            self.order.append(cite_id)
        c = self.kb.cite(cite_id)
        label = text or f"{c.get('document', '')} {c.get('clause', '')}".strip() or cite_id
        title = c.get("quote", "")
        return f'<a class="cite" href="#cite-{e(cite_id)}" title="{e(title)}">{e(label)}</a>'

    def links(self, ids: list[str]) -> str:
        return "；".join(self.link(i) for i in dict.fromkeys(ids)) or "—"

    def section(self) -> str:
        rows = []
        for cid in self.order:
            c = self.kb.cite(cid)
            interp = c.get("interpretation")
            extra = (
                f'<div class="interp">解释 {e(interp["id"])}：{e(interp["name"])}——{e(interp["rationale"])}</div>'
                if interp
                else ""
            )
            rows.append(
                f'<li id="cite-{e(cid)}"><b>{e(c.get("document", ""))} {e(c.get("clause", ""))}</b>'
                f"（{e(cid)}）：「{e(c.get('quote', ''))}」{extra}</li>"
            )
        return "<ol class='cites'>" + "".join(rows) + "</ol>"


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------


def bar_chart(
    title: str, items: list[tuple[str, float]], color: str = "#3b6ea5", unit: str = "元"
) -> str:
    """Horizontal bars, one per (label, value); negative values are drawn leftwards in red."""
    if not items:
        return f'<p class="empty">{e(title)}：无数据</p>'
    row_h, label_w, bar_w, pad = 24, 220, 460, 10
    width = label_w + bar_w + 150
    height = pad * 2 + 28 + row_h * len(items)
    peak = max(abs(v) for _, v in items) or 1.0
    has_neg = any(v < 0 for _, v in items)
    zero = label_w + (bar_w / 2 if has_neg else 0)
    scale = (bar_w / 2 if has_neg else bar_w) / peak
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{e(FONT)}" font-size="13">',
        f"<title>{e(title)}</title>",
        f'<text x="{pad}" y="{pad + 14}" font-size="15" font-weight="bold">{e(title)}</text>',
    ]
    for i, (label, v) in enumerate(items):
        y = pad + 28 + i * row_h
        w = abs(v) * scale
        x = zero - w if v < 0 else zero
        fill = "#c0392b" if v < 0 else color
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{e(label[:24])}</text>'
            f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_h - 6}" fill="{fill}">'
            f"<title>{e(label)}：{v:,.2f} {e(unit)}</title></rect>"
            f'<text x="{(x + w + 6) if v >= 0 else (zero + 6):.1f}" y="{y + 16}" fill="#333">'
            f"{v:,.2f}</text>"
        )
    parts.append(
        f'<line x1="{zero}" y1="{pad + 26}" x2="{zero}" y2="{height - pad}" stroke="#888"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, values: list[float], bins: int = 12) -> str:
    """Counts of signed differences (元) per equal-width bin; under-payments left of zero."""
    if not values:
        return f'<p class="empty">{e(title)}：无差异</p>'
    lo, hi = min(values + [0.0]), max(values + [0.0])
    if hi == lo:
        hi = lo + 1
    step = (hi - lo) / bins
    counts = [0] * bins
    for v in values:
        counts[min(int((v - lo) / step), bins - 1)] += 1
    width, height, pad, base = 760, 300, 40, 250
    bw = (width - 2 * pad) / bins
    peak = max(counts) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{e(FONT)}" font-size="12">',
        f"<title>{e(title)}</title>",
        f'<text x="{pad}" y="20" font-size="15" font-weight="bold">{e(title)}</text>',
    ]
    for i, n in enumerate(counts):
        h = (base - 40) * n / peak
        x = pad + i * bw
        a, b = lo + i * step, lo + (i + 1) * step
        fill = "#c0392b" if b <= 0 else ("#3b6ea5" if a >= 0 else "#8e7cc3")
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{base - h:.1f}" width="{bw - 2:.1f}" height="{h:.1f}" '
            f'fill="{fill}"><title>{a:,.2f}～{b:,.2f} 元：{n} 笔</title></rect>'
        )
        if n:
            parts.append(
                f'<text x="{x + bw / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle">{n}</text>'
            )
    for i in range(0, bins + 1, max(1, bins // 4)):
        x = pad + i * bw
        parts.append(
            f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle">{lo + i * step:,.0f}</text>'
        )
    parts.append(
        f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" stroke="#888"/>'
        f'<text x="{width / 2}" y="{base + 36}" text-anchor="middle">'
        "已付 − 应付（元）：负数为少付，正数为多付</text></svg>"
    )
    return "".join(parts)


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

_CSS = f"""
body {{ font-family: {FONT}; margin: 24px; color: #222; max-width: 1100px; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }}
table {{ border-collapse: collapse; margin: 8px 0 16px; }}
th, td {{ border: 1px solid #ccc; padding: 4px 8px; font-size: 13px; vertical-align: top; }}
th {{ background: #f0f3f7; }} td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
a.cite {{ color: #1f5a96; text-decoration: none; border-bottom: 1px dotted #1f5a96; }}
ol.cites li {{ font-size: 13px; margin-bottom: 6px; }} .interp {{ color: #555; }}
.empty {{ color: #777; }} .note {{ color: #555; font-size: 13px; }}
"""


def _q(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def render_report(
    kb: KB,
    result: Any,
    regions: pa.Table,
    title: str = "医疗救助结算核查报告",
    top: int = 10,
) -> str:
    """The page for an audit result; `regions` maps person_id → region id."""
    con = duckdb.connect(":memory:")
    try:
        return _render(kb, result, regions, title, top, con)
    finally:
        con.close()


def _render(
    kb: KB,
    result: Any,
    regions: pa.Table,
    title: str,
    top: int,
    con: duckdb.DuckDBPyConnection,
) -> str:
    cites = Cites(kb)
    res = result.results.select(list(OUTPUT_COLUMNS))
    con.register("res", res)
    con.register("reg", regions.select(["person_id", "region"]))
    con.execute(
        "CREATE TEMP TABLE r AS SELECT res.*, reg.region FROM res LEFT JOIN reg USING (person_id)"
    )
    st = result.stats
    body: list[str] = [f"<h1>{e(title)}</h1>"]
    body.append(
        f'<p class="note">生成于 {dt.datetime.now().strftime("%Y-%m-%d %H:%M")}。'
        "金额单位：元。“确定金额”仅在每一种合法读法下都得出同一数额时给出；“区间”为每一种合法读法都成立的上下限；"
        "“无法确定”附原因。每个数字旁的链接指向其所依据的条款（文号、条款、原文），原文列于页末。</p>"
    )
    body.append(
        "<h2>输入与核对</h2><table><tr><th>项目</th><th>读入</th><th>计入</th><th>拒绝</th></tr>"
    )
    body.append(
        f"<tr><td>人员</td><td class=n>{st.persons_in}</td>"
        f"<td class=n>{st.persons_in - st.persons_rejected}</td><td class=n>{st.persons_rejected}</td></tr>"
        f"<tr><td>身份</td><td class=n>{st.identities_in}</td>"
        f"<td class=n>{st.identities_in - st.identities_rejected}</td><td class=n>{st.identities_rejected}</td></tr>"
        f"<tr><td>理赔</td><td class=n>{st.claims_in}</td><td class=n>{st.claims_evaluated}</td>"
        f"<td class=n>{st.claims_rejected}</td></tr></table>"
    )
    body += _by_region(kb, con)
    body += _by_program(kb, con, cites)
    body += _by_category(kb, con, cites)
    body += _by_status(kb, con)
    body += _missing(result)
    body += _discrepancy_section(kb, con, result, cites, top)
    body.append("<h2>所引条款</h2>")
    body.append(cites.section())
    return (
        "<!DOCTYPE html>\n<html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


def _by_region(kb: KB, con: duckdb.DuckDBPyConnection) -> list[str]:
    """Totals per region, with a chart."""
    body: list[str] = []
    body.append("<h2>按地区汇总</h2>")
    rows = _q(
        con,
        """SELECT region, count(DISTINCT person_id),
             count(DISTINCT claim_id) FILTER (WHERE NOT starts_with(claim_id, 'premium:')),
             coalesce(sum(amount), 0), coalesce(sum(amount_min), 0), coalesce(sum(amount_max), 0),
             count(*) FILTER (WHERE status = 'bounded'), count(*) FILTER (WHERE status = 'unresolved')
           FROM r GROUP BY region ORDER BY region""",
    )
    body.append(
        "<table><tr><th>地区</th><th>文件</th><th>人员</th><th>理赔</th><th>确定金额合计</th>"
        "<th>区间项合计（下限～上限）</th><th>区间项</th><th>无法确定项</th></tr>"
    )
    chart: list[tuple[str, float]] = []
    for region, persons, claims, paid, bmin, bmax, nb, nu in rows:
        name = kb.region_name(region) if region else "—"
        doc = kb.doc_no(region) if region else ""
        body.append(
            f"<tr><td>{e(name)}</td><td>{e(doc)}</td><td class=n>{persons}</td><td class=n>{claims}</td>"
            f"<td class=n>{yuan(paid)}</td><td class=n>{yuan(bmin)}～{yuan(bmax)}</td>"
            f"<td class=n>{nb}</td><td class=n>{nu}</td></tr>"
        )
        chart.append((name, float(paid)))
    body.append("</table>")
    body.append(bar_chart("各地区确定金额合计（元）", chart))
    return body


def _by_program(kb: KB, con: duckdb.DuckDBPyConnection, cites: Cites) -> list[str]:
    """Totals per region and program, each with its rules' clauses."""
    body: list[str] = []
    body.append("<h2>按救助项目汇总</h2>")
    rows = _q(
        con,
        """SELECT region, program, count(*), count(*) FILTER (WHERE status = 'paid'),
             count(*) FILTER (WHERE status = 'bounded'), count(*) FILTER (WHERE status = 'unresolved'),
             coalesce(sum(amount), 0), coalesce(sum(amount_min), 0), coalesce(sum(amount_max), 0)
           FROM r GROUP BY region, program ORDER BY region, program""",
    )
    body.append(
        "<table><tr><th>地区</th><th>项目</th><th>行数</th><th>确定</th><th>区间</th><th>无法确定</th>"
        "<th>确定金额合计</th><th>区间合计</th><th>依据</th></tr>"
    )
    by_program: dict[str, float] = {}
    for region, program, n, npaid, nb, nu, paid, bmin, bmax in rows:
        ids = [rl.cite for rl in kb.rules.values() if rl.region == region and rl.program == program]
        body.append(
            f"<tr><td>{e(kb.region_name(region) if region else '—')}</td><td>{e(kb.label(program))}</td>"
            f"<td class=n>{n}</td><td class=n>{npaid}</td><td class=n>{nb}</td><td class=n>{nu}</td>"
            f"<td class=n>{yuan(paid)}</td><td class=n>{yuan(bmin)}～{yuan(bmax)}</td>"
            f"<td>{cites.links(ids)}</td></tr>"
        )
        by_program[kb.label(program)] = by_program.get(kb.label(program), 0.0) + float(paid)
    body.append("</table>")
    body.append(bar_chart("各项目确定金额合计（元，各地区合计）", sorted(by_program.items())))
    return body


def _by_category(kb: KB, con: duckdb.DuckDBPyConnection, cites: Cites) -> list[str]:
    """Totals per region and identity, with the category terms' clauses."""
    body: list[str] = []
    body.append("<h2>按救助对象类别汇总</h2>")
    rows = _q(
        con,
        """SELECT region, identity, count(DISTINCT person_id), count(*),
             coalesce(sum(amount), 0), coalesce(sum(amount_min), 0), coalesce(sum(amount_max), 0)
           FROM r WHERE identity IS NOT NULL AND status IN ('paid', 'bounded')
           GROUP BY region, identity ORDER BY region, identity""",
    )
    body.append(
        "<table><tr><th>地区</th><th>类别</th><th>人员</th><th>行数</th><th>确定金额合计</th>"
        "<th>区间合计</th><th>依据</th></tr>"
    )
    for region, cat, persons, n, paid, bmin, bmax in rows:
        term_cites = [c for r, k, _t, c in kb.category_terms if r == region and k == cat]
        body.append(
            f"<tr><td>{e(kb.region_name(region) if region else '—')}</td>"
            f"<td>{e(kb.category_label(region, cat))}</td><td class=n>{persons}</td>"
            f"<td class=n>{n}</td><td class=n>{yuan(paid)}</td><td class=n>{yuan(bmin)}～{yuan(bmax)}</td>"
            f"<td>{cites.links(term_cites)}</td></tr>"
        )
    body.append("</table>")
    return body


def _by_status(kb: KB, con: duckdb.DuckDBPyConnection) -> list[str]:
    """Rows, claims and persons per status."""
    body: list[str] = []
    body.append("<h2>区间与无法确定</h2>")
    rows = _q(
        con,
        """SELECT status, count(*),
             count(DISTINCT claim_id) FILTER (WHERE NOT starts_with(claim_id, 'premium:')),
             count(DISTINCT person_id)
           FROM r GROUP BY status ORDER BY status""",
    )
    body.append("<table><tr><th>状态</th><th>行数</th><th>理赔</th><th>人员</th></tr>")
    headings = kb.vocab.status_headings
    for status, n, claims, persons in rows:
        body.append(
            f"<tr><td>{e(headings.get(status, status))}（{e(status)}）</td><td class=n>{n}</td>"
            f"<td class=n>{claims}</td><td class=n>{persons}</td></tr>"
        )
    body.append("</table>")
    return body


def _missing(result: Any) -> list[str]:
    """Missing parameters and the count of rejected rows."""
    body: list[str] = []
    body.append("<h2>缺少参数</h2>")
    errs = result.errors
    missing: dict[str, int] = {}
    if errs is not None and errs.num_rows:
        for reason in errs.column("reason").to_pylist():
            if reason and str(reason).startswith("缺少参数"):
                missing[str(reason)] = missing.get(str(reason), 0) + 1
    if missing:
        body.append("<table><tr><th>参数、地区、年度</th><th>受影响的行</th></tr>")
        for reason, n in sorted(missing.items()):
            body.append(f"<tr><td>{e(reason)}</td><td class=n>{n}</td></tr>")
        body.append("</table>")
    else:
        body.append('<p class="empty">无：所需参数均已提供。</p>')
    body.append(
        f"<p class='note'>被拒绝的输入行：{errs.num_rows if errs is not None else 0}（见错误文件）。</p>"
    )
    return body


def _discrepancy_section(
    kb: KB, con: duckdb.DuckDBPyConnection, result: Any, cites: Cites, top: int
) -> list[str]:
    """paid_assistance against the exact figures: totals, distribution, the largest."""
    body: list[str] = []
    body.append("<h2>已付救助金额核对</h2>")
    d = result.discrepancies
    drows = result.discrepancy_rows
    if d is None or drows is None:
        body.append('<p class="empty">输入未提供已付救助金额（paid_assistance），未作核对。</p>')
    else:
        body.append(
            "<p>只与确定金额比较：含区间或待定项目的理赔单列，不计多付少付。</p>"
            "<table><tr><th>核对理赔</th><th>一致</th><th>多付（笔）</th><th>少付（笔）</th>"
            "<th>已付合计</th><th>应付合计</th><th>多付合计</th><th>少付合计</th>"
            "<th>非确定金额理赔</th></tr>"
            f"<tr><td class=n>{d.claims_compared}</td><td class=n>{d.matched}</td>"
            f"<td class=n>{d.over}</td><td class=n>{d.under}</td>"
            f"<td class=n>{yuan(Decimal(d.paid_total) / 100)}</td>"
            f"<td class=n>{yuan(Decimal(d.expected_total) / 100)}</td>"
            f"<td class=n>{yuan(Decimal(d.over_total) / 100)}</td>"
            f"<td class=n>{yuan(Decimal(d.under_total) / 100)}</td>"
            f"<td class=n>{d.not_exact}</td></tr></table>"
        )
        con.register("disc", drows)
        con.execute(
            """CREATE TEMP TABLE ds AS SELECT claim_id, person_id, paid_assistance,
                 expected AS expected_min, expected AS expected_max, difference AS signed
               FROM disc WHERE NOT not_exact"""
        )
        signed = [float(x[0]) for x in _q(con, "SELECT signed FROM ds")]
        body.append(histogram("差额分布（笔数）", signed))
        progs = _claim_programs(kb, con)
        for kind, order, label in (
            ("over", "signed DESC", "多付最多的理赔"),
            ("under", "signed ASC", "少付最多的理赔"),
        ):
            cond = "signed > 0" if kind == "over" else "signed < 0"
            top_rows = _q(
                con,
                f"SELECT claim_id, person_id, paid_assistance, expected_min, expected_max, signed "
                f"FROM ds WHERE {cond} ORDER BY {order}, claim_id LIMIT {int(top)}",
            )
            body.append(
                bar_chart(
                    f"{label}（前 {top} 笔，元）",
                    [(f"{cid}（{pid}）", float(s)) for cid, pid, *_x, s in top_rows],
                    color="#3b6ea5",
                )
            )
            if top_rows:
                body.append(
                    f"<table><tr><th>{e(label)}</th><th>人员</th><th>已付</th><th>应付</th>"
                    "<th>差额</th><th>依据</th></tr>"
                )
                for cid, pid, paid, lo, hi, s in top_rows:
                    exp = yuan(lo) if lo == hi else f"{yuan(lo)}～{yuan(hi)}"
                    ids = progs.get(str(cid), [])
                    body.append(
                        f"<tr><td>{e(cid)}</td><td>{e(pid)}</td><td class=n>{yuan(paid)}</td>"
                        f"<td class=n>{exp}</td><td class=n>{'+' if s > 0 else ''}{yuan(s)}</td>"
                        f"<td>{cites.links(ids)}</td></tr>"
                    )
                body.append("</table>")
    return body


def _claim_programs(kb: KB, con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Per discrepant claim, the rule clauses of the programs that pay it (for the links)."""
    out: dict[str, list[str]] = {}
    for cid, region, program in _q(
        con,
        """SELECT DISTINCT r.claim_id, r.region, r.program FROM r JOIN ds USING (claim_id)
           WHERE r.status IN ('paid', 'bounded') ORDER BY 1, 3""",
    ):
        out.setdefault(str(cid), []).extend(
            rl.cite for rl in kb.rules.values() if rl.region == region and rl.program == program
        )
    return out
