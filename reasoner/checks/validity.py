"""validity: drafts, in-force periods (inferred, not yet begun, ending) and repeals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reasoner.checks.model import Finding
from reasoner.knowledge import KB
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
                    kb.say("finding_validity_draft", kb.region_name(region), kb.doc_no(region)),
                    [cite],
                )
            )


def _in_force(ck: Checker) -> None:
    kb = ck.kb
    today = ck.today
    for region, (_, start, end, cite) in kb.in_force.items():
        if cite in kb.interpretations:
            it = kb.interpretations[cite]
            until = (
                kb.sentence("finding_validity_open_end")
                if end >= 99991231
                else kb.say("finding_validity_until", _fmt(kb, end))
            )
            ck.add(
                Finding(
                    f"validity:{region}:in_force_interpreted",
                    "validity",
                    "info",
                    [region],
                    [],
                    [],
                    kb.say(
                        "finding_validity_interpreted",
                        kb.region_name(region),
                        _fmt(kb, start),
                        until,
                        it.name,
                        it.rationale,
                    ),
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
                    kb.say(
                        "finding_validity_start",
                        kb.region_name(region),
                        _fmt(kb, start),
                        today.isoformat(),
                    ),
                    [cite],
                )
            )
        if e is not None:
            days = (e - today).days
            if days < 0:
                sev, state = "error", kb.say("finding_validity_expired", _fmt(kb, end), -days)
            elif days <= NEAR_END_DAYS:
                sev = "warning"
                state = kb.say("finding_validity_ending", _fmt(kb, end), today.isoformat(), days)
            else:
                sev = "info"
                state = kb.say("finding_validity_ends", _fmt(kb, end), today.isoformat(), days)
            ck.add(
                Finding(
                    f"validity:{region}:end",
                    "validity",
                    sev,
                    [region],
                    [],
                    [],
                    kb.say("finding_validity_end", kb.region_name(region), state),
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
        start = _fmt(kb, kb.in_force[region][1])
        if in_base:
            tail = kb.say("finding_validity_repealed_in_base", in_base, start)
        else:
            tail = kb.say("finding_validity_repealed_outside", start)
        msg = kb.say("finding_validity_repeals", kb.region_name(region), docno, tail)
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


def _fmt(kb: KB, ymd: int) -> str:
    return kb.say("finding_date", ymd // 10000, ymd // 100 % 100, ymd % 100)
