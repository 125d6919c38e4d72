"""Findings, their kinds and severities, and the witnesses that show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reasoner.knowledge import KB

KINDS = (
    "gap",
    "overlap",
    "conflict",
    "unresolved_reference",
    "divergence",
    "floor",
    "anomaly",
    "approximation",
    "validity",
)
SEVERITIES = ("error", "warning", "info")


def kind_name(kb: KB, kind: str) -> str:
    """A finding kind's Chinese name (template finding_kind_<kind>)."""
    return kb.sentence(f"finding_kind_{kind}")


def severity_name(kb: KB, severity: str) -> str:
    """A severity's Chinese name (template finding_severity_<severity>)."""
    return kb.sentence(f"finding_severity_{severity}")


@dataclass
class Probe:
    """A witness: the case to evaluate (and a contrasting one) and what they must show.

    `program` None means the claim's total assistance. `expect` are the statuses
    the witness must show for the program; `relation` compares the amounts of
    witness and contrast (lt, gt, ne)."""

    case: dict[str, Any]
    program: str | None
    claim: str | None
    expect: tuple[str, ...] = ()
    reason_code: str | None = None
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contrast: dict[str, Any] | None = None
    contrast_expect: tuple[str, ...] = ()
    relation: str | None = None
    observed: dict[str, Any] = field(default_factory=dict)

    def reproduce(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "claim": self.claim,
            "program": self.program,
            "witness": {"status": list(self.expect)} if self.expect else {},
        }
        if self.reason_code:
            out["witness"]["reason_code"] = self.reason_code
        if self.also:
            out["witness"]["other_programs"] = {p: list(s) for p, s in self.also.items()}
        if self.contrast is not None:
            out["contrast"] = {"status": list(self.contrast_expect)} if self.contrast_expect else {}
        if self.relation:
            out["relation"] = self.relation
        out["observed"] = self.observed
        return out


@dataclass
class Finding:
    id: str
    kind: str
    severity: str
    regions: list[str]
    programs: list[str]
    categories: list[str]
    message: str
    cites: list[str]
    probe: Probe | None = None
    witness_note: str | None = None
    # Candidate witnesses, tried in order until one verifies (not serialised).
    candidates: list[Probe] = field(default_factory=list, repr=False)

    def stored(self) -> dict[str, Any]:
        """The finding as plain data (for the cache), without the untried candidates."""
        out = {k: v for k, v in vars(self).items() if k not in ("probe", "candidates")}
        out["probe"] = None if self.probe is None else dict(vars(self.probe))
        return out

    @classmethod
    def restored(cls, data: dict[str, Any]) -> Finding:
        d = dict(data)
        p = d.pop("probe")
        probe = None
        if p is not None:
            p["expect"] = tuple(p["expect"])
            p["contrast_expect"] = tuple(p["contrast_expect"])
            p["also"] = {k: tuple(v) for k, v in p["also"].items()}
            probe = Probe(**p)
        return cls(**d, probe=probe)

    def json(self, kb: KB) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "regions": self.regions,
            "programs": self.programs,
            "categories": self.categories,
            "message": self.message,
            "citations": [kb.cite(c) for c in self.cites],
            "witness": self.probe.case if self.probe else None,
        }
        if self.probe is not None:
            if self.probe.contrast is not None:
                out["contrast"] = self.probe.contrast
            out["reproduce"] = self.probe.reproduce()
        if self.witness_note:
            out["witness_note"] = self.witness_note
        return out
