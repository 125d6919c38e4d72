"""The ontology's enumerations and names (kb/core/ontology.pl), read once.

Python names programs, claim kinds and referrals by the role the kb gives them
(`vocab.tilt`, `vocab.premium`, `vocab.premium_kind`), never by a spelled id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Static = Callable[[str, int], list[tuple[Any, ...]]]


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    kind: str  # assistance, premium, insurance, service (program/3)


def _role(rows: list[tuple[Any, ...]], role: str, pred: str) -> str:
    ids = [str(i) for i, r in rows if r == role]
    if len(ids) != 1:
        raise ValueError(f"kb/core/ontology.pl: {pred} names {len(ids)} ids for role {role}")
    return ids[0]


@dataclass(frozen=True)
class Vocab:
    """Every enumeration a case, a claim or a result draws from, in the ontology's order."""

    programs: dict[str, Program]
    claim_kinds: dict[str, str]  # every claim kind → name, the premium pseudo-claim included
    scopes: dict[str, str]
    areas: dict[str, str]
    referrals: dict[str, str]
    schemes: dict[str, str]
    levels: dict[int, str]
    bounds: dict[str, str]
    statuses: dict[str, str]  # status → label (outcome/2)
    status_headings: dict[str, str]  # status → a report's heading (outcome_heading/2)
    parameters: dict[str, str]  # param/6 names → the documents' term
    parameters_short: dict[str, str]  # the shorter term findings write (年度限额)
    parameter_leads: dict[str, str]  # the word before a figure in a list, in the list's order
    externals: dict[str, tuple[str, str]]  # external figure → (name, unit)
    units: dict[str, str]
    contributions: dict[str, str]  # scheme → its contribution standard (an external figure)
    # roles
    premium: str  # the yearly premium subsidy (资助参保)
    tilt: str  # the tilt on the year's residual (倾斜救助)
    ci_tilt: str  # the change to 大病保险's figures (大病保险倾斜支付)
    deposit: str  # the deposit exemption (先诊疗后付费)
    premium_kind: str  # the claim kind of the yearly premium pseudo-claim
    proper_referrals: tuple[str, ...]
    unreferred: str
    own_contribution: str  # the external figure that is the person's own scheme's standard

    @classmethod
    def read(cls, f: Static) -> Vocab:
        def names(pred: str) -> dict[Any, str]:
            return {r[0]: str(r[1]) for r in f(pred, 2)}

        roles = [(r[0], r[1]) for r in f("program_role", 2)]
        referral_roles = [(r[0], r[1]) for r in f("referral_role", 2)]
        return cls(
            programs={str(r[0]): Program(str(r[0]), str(r[1]), str(r[2])) for r in f("program", 3)},
            claim_kinds=names("claim_kind"),
            scopes=names("scope"),
            areas=names("area"),
            referrals=names("referral_kind"),
            schemes=names("scheme"),
            levels=names("hospital_level"),
            bounds=names("bound"),
            statuses=names("outcome"),
            status_headings=names("outcome_heading"),
            parameters=names("parameter"),
            parameters_short=names("parameter_short"),
            parameter_leads=names("parameter_lead"),
            externals={str(r[0]): (str(r[1]), str(r[2])) for r in f("external_parameter", 3)},
            units=names("unit"),
            contributions={str(r[0]): str(r[1]) for r in f("scheme_contribution", 2)},
            premium=_role(roles, "yearly_premium", "program_role"),
            tilt=_role(roles, "residual_tilt", "program_role"),
            ci_tilt=_role(roles, "insurance_tilt", "program_role"),
            deposit=_role(roles, "deposit", "program_role"),
            premium_kind=_role(
                [(r[0], r[1]) for r in f("claim_kind_role", 2)], "yearly_premium", "claim_kind_role"
            ),
            proper_referrals=tuple(str(k) for k, r in referral_roles if r == "proper"),
            unreferred=_role(referral_roles, "unreferred", "referral_role"),
            own_contribution=_role(
                [(r[0], r[1]) for r in f("external_role", 2)], "own_contribution", "external_role"
            ),
        )

    # -- enumerations as tuples of ids ------------------------------------------
    def domain(self, name: str) -> dict[Any, str]:
        """The ids of an enumerated domain → their names, as alias/3 and kb.names call the
        domains: program, claim_kind, scope, area, referral_kind, scheme, level, bound,
        status, parameter."""
        domains: dict[str, dict[Any, str]] = {
            "program": {p: x.name for p, x in self.programs.items()},
            "claim_kind": self.claim_kinds,
            "scope": self.scopes,
            "area": self.areas,
            "referral_kind": self.referrals,
            "scheme": self.schemes,
            "level": self.levels,
            "bound": self.bounds,
            "status": self.statuses,
            "parameter": self.parameters,
        }
        return domains[name]

    def ids(self, name: str) -> tuple[Any, ...]:
        """The ids of an enumerated domain (see `domain`), in the ontology's order."""
        return tuple(self.domain(name))

    @property
    def claim_types(self) -> tuple[str, ...]:
        """The kinds of a real claim (a hospital or outpatient bill), without the premium."""
        return tuple(k for k in self.claim_kinds if k != self.premium_kind)

    @property
    def all_types(self) -> tuple[str, ...]:
        """Every claim kind a rule may be offered for, the premium pseudo-claim last."""
        return (*self.claim_types, self.premium_kind)

    @property
    def scope_ids(self) -> tuple[str, ...]:
        return tuple(self.scopes)

    @property
    def referral_ids(self) -> tuple[str, ...]:
        return tuple(self.referrals)

    @property
    def scheme_ids(self) -> tuple[str, ...]:
        return tuple(self.schemes)

    @property
    def status_ids(self) -> tuple[str, ...]:
        return tuple(self.statuses)

    def kind(self, program: str) -> str:
        """A program's kind: assistance, premium, insurance or service."""
        return self.programs[program].kind

    def is_assistance(self, program: str) -> bool:
        """Money from the assistance fund (subject to the referral rule)."""
        return self.kind(program) == "assistance"

    def program_name(self, program: str) -> str:
        p = self.programs.get(program)
        return p.name if p else program

    def status_label(self, status: str) -> str:
        return self.statuses.get(status, status)

    def parameter_name(self, name: str, short: bool = False) -> str:
        """A figure's term as the documents write it (年度救助限额), or a finding's shorter
        one (年度限额); an unnamed figure is shown by its id."""
        if short:
            return self.parameters_short.get(name, name)
        return self.parameters.get(name, name)

    def stated_externals(self) -> dict[str, tuple[str, str]]:
        """The external figures a case may state: all but the person's own standard, which
        follows from the scheme."""
        return {k: v for k, v in self.externals.items() if k != self.own_contribution}
