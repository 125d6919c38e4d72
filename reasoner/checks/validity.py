"""validity: drafts, in-force periods (inferred, not yet begun, ending) and repeals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reasoner.checks.model import Finding
from reasoner.space import (
    ymd_date,
)

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def validity(ck: Checker) -> None:
    _drafts(ck)
    _in_force(ck)
    _repeals(ck)


def _drafts(ck: Checker) -> None:
    kb = ck.kb
    for region, status, cite in kb.doc_status:
        if status == "draft":
            ck.add(
                Finding(
                    f"validity:{region}:draft",
                    "validity",
                    "warning",
                    [region],
                    [],
                    [],
                    f"{kb.region_name(region)}的文件是征求意见稿（{kb.doc_no(region)}），不是正式印发的文件；"
                    "正式文本的标准和施行日期可能不同，medaid的结论只能作参考。",
                    [cite],
                )
            )


def _in_force(ck: Checker) -> None:
    kb = ck.kb
    today = ck.today
    for region, (_, start, end, cite) in kb.in_force.items():
        if cite in kb.interpretations:
            it = kb.interpretations[cite]
            ck.add(
                Finding(
                    f"validity:{region}:in_force_interpreted",
                    "validity",
                    "info",
                    [region],
                    [],
                    [],
                    f"{kb.region_name(region)}文件的施行期间由medaid推定为{_fmt(start)}起"
                    + ("、未设终止日期" if end >= 99991231 else f"至{_fmt(end)}")
                    + f"（解释「{it.name}」）：{it.rationale}",
                    [cite],
                )
            )
        s, e = ymd_date(start), (None if end >= 99991231 else ymd_date(end))
        if s > today:
            ck.add(
                Finding(
                    f"validity:{region}:start",
                    "validity",
                    "warning",
                    [region],
                    [],
                    [],
                    f"{kb.region_name(region)}文件自{_fmt(start)}起施行，今天（{today.isoformat()}）尚未生效。",
                    [cite],
                )
            )
        if e is not None:
            days = (e - today).days
            if days < 0:
                sev, state = "error", f"已于{_fmt(end)}期满失效（{-days}天前）"
            elif days <= NEAR_END_DAYS:
                sev, state = (
                    "warning",
                    f"将于{_fmt(end)}期满，距今天（{today.isoformat()}）仅{days}天",
                )
            else:
                sev, state = (
                    "info",
                    f"有效期至{_fmt(end)}，距今天（{today.isoformat()}）还有{days}天",
                )
            ck.add(
                Finding(
                    f"validity:{region}:end",
                    "validity",
                    sev,
                    [region],
                    [],
                    [],
                    f"{kb.region_name(region)}文件{state}；期满后发生的费用medaid不再按本文件计算（案例日期晚于截止日即报错），"
                    "需核实是否已有新文件。",
                    [cite],
                )
            )


def _repeals(ck: Checker) -> None:
    kb = ck.kb
    by_docno = {str(d[1]): r for r, d in kb.documents.items()}
    for region, docno, cite in kb.repeals:
        ref = next((x[1] for x in kb.references if x[0] == region and x[4] == cite), None)
        in_base = by_docno.get(str(docno))
        sev = "warning" if in_base else "info"
        msg = f"{kb.region_name(region)}文件规定{docno}同时废止"
        if in_base:
            msg += f"，而该文件仍在知识库中（{in_base}），其结论不应再用于{_fmt(kb.in_force[region][1])}以后的费用。"
        else:
            msg += f"；该文件不在知识库中，{_fmt(kb.in_force[region][1])}以前发生的费用medaid无法计算（案例日期早于施行日期即报错）。"
        ck.add(
            Finding(
                f"validity:{region}:repeals:{ref or docno}",
                "validity",
                sev,
                [region],
                [],
                [],
                msg,
                [cite],
            )
        )


NEAR_END_DAYS = 730


def _fmt(ymd: int) -> str:
    return f"{ymd // 10000}年{ymd // 100 % 100}月{ymd % 100}日"
