"""Where the knowledge base lives, and a Python view of its static facts.

The facts are read from the Prolog engine once; Python then looks up names,
citations and parameters without asking Prolog again.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reasoner.vocab import Vocab

# A template's places: {1} (an argument), {name} (a field), either with a reading: {2:fen}.
PLACE = re.compile(r"\{(\w+)(?::(\w+))?\}")


def fill(
    text: str,
    args: Sequence[Any],
    fields: dict[str, Any],
    show: Callable[[Any, str | None], str],
) -> str:
    """A template with its places filled by `show(value, reading)`; an unfilled place stays."""

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key.isdigit():
            i = int(key) - 1
            return show(args[i], m.group(2)) if i < len(args) else m.group(0)
        return show(fields[key], m.group(2)) if key in fields else m.group(0)

    return PLACE.sub(sub, text)


def _plain_value(value: Any, reading: str | None) -> str:
    if reading == "fen" and isinstance(value, int) and not isinstance(value, bool):
        return f"{Decimal(value) / 100:.2f}"
    return str(value)


if TYPE_CHECKING:
    from reasoner.engine import PrologEngine

REGIONS = ("shapingba", "yubei", "panzhihua", "jiangsu", "cangzhou")


def kb_dir() -> Path:
    """The kb/ folder: $MEDAID_KB, else the installed package data."""
    env = os.environ.get("MEDAID_KB")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "kb", here / "kb"):  # source tree, then installed package data
        if (candidate / "core").is_dir():
            return candidate
    raise FileNotFoundError("medaid knowledge base not found (set MEDAID_KB to the kb/ folder)")


def engine_file() -> Path:
    return Path(__file__).resolve().parent / "prolog" / "engine.pl"


def kb_files(root: Path | None = None) -> list[Path]:
    """Every kb source file, core first, then each document folder in order."""
    root = root or kb_dir()
    files = sorted((root / "core").glob("*.pl"))
    for region in REGIONS:
        files += sorted((root / region).glob("[0-9]*.pl"))
    return files


def source_text(region: str) -> str:
    return (kb_dir() / "sources" / f"{region}.txt").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Provision:
    id: str
    region: str
    numbering: str
    quote: str


@dataclass(frozen=True)
class Interpretation:
    id: str
    region: str
    name: str
    rationale: str
    cite: str


@dataclass(frozen=True)
class Param:
    rule: str
    name: str
    bound: str
    value: int
    unit: Any
    cite: str


@dataclass(frozen=True)
class Rule:
    id: str
    region: str
    program: str
    cite: str
    categories: tuple[tuple[str, str], ...] = ()
    conditions: tuple[tuple[Any, str], ...] = ()
    exclusions: tuple[tuple[Any, str], ...] = ()
    params: dict[str, Param] = field(default_factory=dict)
    year_params: dict[tuple[str, int], Param] = field(default_factory=dict)
    derivations: dict[str, tuple[str, str]] = field(default_factory=dict)
    cap_pool: str | None = None
    deductible_pool: str | None = None
    delegated: tuple[str, str] | None = None


class KB:
    """Static facts of the knowledge base, indexed for the evaluator and renderers."""

    def __init__(self, eng: PrologEngine) -> None:
        self.eng = eng
        f = eng.static
        # The ontology's enumerations and the programs' roles (kb/core/ontology.pl).
        self.vocab = Vocab.read(f)
        self.documents = {r[0]: r for r in f("document", 7)}
        self.region_aliases = f("region_alias", 3)
        self.categories = {r[0]: r[1] for r in f("category", 2)}
        self.category_aliases = f("category_alias", 2)
        self.category_terms = f("category_term", 4)
        v = self.vocab
        # The older views of the vocabulary, kept as names for the same dictionaries.
        self.programs = {p.id: (p.name, p.kind) for p in v.programs.values()}
        # audit extracts: Chinese header → column id (kb/core/columns.pl)
        self.column_names = {str(r[1]): str(r[0]) for r in f("column_name", 2)}
        self.labels: dict[str, str] = {}
        for pred in (
            "claim_kind",
            "scope",
            "area",
            "referral_kind",
            "scheme",
            "bound",
            "department",
            "population",
        ):
            for row in f(pred, 2):
                self.labels.setdefault(str(row[0]), row[1])
        for pid, (name, _) in self.programs.items():
            self.labels[pid] = name
        for cid, name in self.categories.items():
            self.labels[cid] = name
        self.claim_kinds = v.claim_kinds
        self.externals = v.externals
        self.provisions = {r[0]: Provision(*r) for r in f("provision", 4)}
        self.interpretations = {r[0]: Interpretation(*r) for r in f("interpretation", 5)}
        self.outline = f("outline", 4)
        self.non_computational = f("non_computational", 3)
        self.in_force = {r[0]: r for r in f("in_force", 4)}
        self.doc_status = f("document_status", 3)
        self.references = f("reference", 5)
        self.recognises = f("recognises", 4)
        self.category_order = {(r[0], r[1]): r[2] for r in f("category_order", 4)}
        self.category_class = f("category_class", 4)
        self.subkinds = f("subkind", 4)
        self.program_for = f("program_for", 4)
        self.overlaps = f("overlap", 5)
        self.identity_implies = f("identity_implies", 5)
        self.bound_readings = f("bound_reading", 3)
        self.precedence = f("precedence", 3)
        self.referral_exclusion = {r[0]: r[1] for r in f("referral_exclusion", 2)}
        self.referral_reduction = {r[0]: r for r in f("referral_reduction_option", 3)}
        self.temporal = f("temporal_rule", 3)
        self.warnings = f("warning", 6)
        self.warning_categories = f("warning_category", 3)
        self.payment_order = f("payment_order", 4)
        self.selfpay_targets = f("selfpay_target", 5)
        self.diseases = f("disease", 6)
        self.uses_catalog = f("uses_catalog", 3)
        self.delegations = f("delegated", 5)
        self.within = f("within", 4)
        self.implements = f("implements", 3)
        self.repeals = f("repeals", 3)
        self.params_delegated = {r[0]: (r[1], r[2]) for r in f("params_delegated", 3)}
        self.templates = {(r[0], r[1]): r[2] for r in f("template", 3)}
        self.aliases = f("alias", 3)
        self.derived_basis = f("derived_basis", 3)
        self.param_names = v.parameters
        self.units = v.units
        self._lookups: dict[str, dict[str, Any]] = {}
        self.outcomes = v.statuses
        self.rules = self._rules()
        # What a reform (reasoner/reform.py) sets; empty on the documents' own base.
        self.reforms: tuple[Any, ...] = ()
        self.reform_cites: dict[str, dict[str, Any]] = {}
        self.override_facts: tuple[tuple[Any, ...], ...] = ()

    def with_reform(self, reform: Any) -> KB:
        """This knowledge base with the reform's figures and categories in its rules."""
        from reasoner.reform import apply_reform

        return apply_reform(self, reform)

    @property
    def cache_tag(self) -> str:
        """Distinguishes compiled tables of a reformed base from the documents' own."""
        if not self.override_facts:
            return ""
        import hashlib

        return "-r" + hashlib.sha256(repr(sorted(self.override_facts)).encode()).hexdigest()[:12]

    def _rules(self) -> dict[str, Rule]:
        f = self.eng.static
        cats: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for rule, cat, cite in f("rule_category", 3):
            cats[rule].append((cat, cite))
        conds: dict[str, list[tuple[Any, str]]] = defaultdict(list)
        for rule, cond, cite in f("rule_condition", 3):
            conds[rule].append((cond, cite))
        excl: dict[str, list[tuple[Any, str]]] = defaultdict(list)
        for rule, cond, cite in f("rule_exclusion", 3):
            excl[rule].append((cond, cite))
        params: dict[str, dict[str, Param]] = defaultdict(dict)
        for row in f("param", 6):
            params[row[0]][row[1]] = Param(*row)
        yparams: dict[str, dict[tuple[str, int], Param]] = defaultdict(dict)
        for rule, name, year, value, unit, cite in f("param_in_year", 6):
            yparams[rule][(name, year)] = Param(rule, name, "exact", value, unit, cite)
        derivs: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for rule, name, formula, cite in f("derived", 4):
            derivs[rule][name] = (formula, cite)
        cpool = {r[0]: r[1] for r in f("cap_pool", 3)}
        dpool = {r[0]: r[1] for r in f("deductible_pool", 3)}
        out = {}
        for region, program, rid, cite in f("benefit_rule", 4):
            out[rid] = Rule(
                id=rid,
                region=region,
                program=program,
                cite=cite,
                categories=tuple(cats[rid]),
                conditions=tuple(conds[rid]),
                exclusions=tuple(excl[rid]),
                params=params[rid],
                year_params=yparams[rid],
                derivations=derivs[rid],
                cap_pool=cpool.get(rid),
                deductible_pool=dpool.get(rid),
            )
        return out

    # -- sentences ----------------------------------------------------------
    def sentence(self, key: str, arity: int = 0) -> str:
        """The template of `key` (template/3): a predicate's, or with arity 0 a line's."""
        t = self.templates.get((key, arity))
        if t is None:
            raise KeyError(f"kb/core/templates.pl: no template({key}, {arity}, …)")
        return str(t)

    def say(self, key: str, *args: Any, **fields: Any) -> str:
        """The kb's sentence `key` (an arity-0 template) with {1}… from args and {name} from
        fields, each shown as given ({N:fen} shows fen as 元)."""
        return fill(self.sentence(key), args, fields, _plain_value)

    # -- names ------------------------------------------------------------
    def doc_no(self, region: str) -> str:
        d = self.documents.get(region)
        return str(d[1]) if d else region

    def region_name(self, region: str) -> str:
        d = self.documents.get(region)
        return str(d[5]) if d else region

    def label(self, value: Any) -> str:
        """A Chinese name for an id; compound terms are rendered readably."""
        if isinstance(value, tuple):
            name, *args = value
            return f"{self.labels.get(name, name)}({', '.join(self.label(a) for a in args)})"
        return self.labels.get(str(value), str(value))

    def category_label(self, region: str, cat: str) -> str:
        """The document's own term for a category, else the canonical one."""
        for r, c, term, _ in self.category_terms:
            if r == region and c == cat:
                return str(term)
        return self.categories.get(cat) or self.labels.get(cat, cat)

    # -- citations ----------------------------------------------------------
    def cite(self, cite_id: str) -> dict[str, Any]:
        """A citation record: document, clause numbering, verbatim quote (or the interpretation)."""
        if cite_id in self.reform_cites:
            return self.reform_cites[cite_id]
        if cite_id in self.provisions:
            p = self.provisions[cite_id]
            return {
                "id": cite_id,
                "document": self.doc_no(p.region),
                "clause": p.numbering,
                "quote": p.quote,
            }
        if cite_id in self.interpretations:
            i = self.interpretations[cite_id]
            base = self.cite(i.cite) if i.cite != cite_id else {}
            return {
                "id": cite_id,
                "document": base.get("document", self.doc_no(i.region)),
                "clause": base.get("clause", ""),
                "quote": base.get("quote", ""),
                "interpretation": {"id": i.id, "name": i.name, "rationale": i.rationale},
            }
        return {"id": cite_id, "document": "", "clause": "", "quote": ""}

    @cached_property
    def region_lookup(self) -> dict[str, str]:
        """Every accepted spelling of a region → its id."""
        out: dict[str, str] = {}
        for rid, doc in self.documents.items():
            out[rid] = rid
            out[str(doc[4])] = rid
            out[str(doc[5])] = rid
        for rid, alias, _ in self.region_aliases:
            out[str(alias)] = rid
        return out

    @cached_property
    def category_lookup(self) -> dict[str, str]:
        """Every accepted spelling of a category → its id."""
        out: dict[str, str] = {}
        for cid, name in self.categories.items():
            out[cid] = cid
            out[name] = cid
        for cid, alias in self.category_aliases:
            out.setdefault(alias, cid)
        for _, cid, term, _ in self.category_terms:
            out.setdefault(str(term), cid)
        for domain, cid, alias in self.aliases:
            if domain == "category":
                out.setdefault(str(alias), cid)
        return out

    def names(self, domain: str) -> dict[Any, str]:
        """Each id of a domain (category, program, claim_kind, scope, referral_kind, scheme,
        level) → its Chinese name."""
        if domain == "category":
            return dict(self.categories)
        try:
            return dict(self.vocab.domain(domain))
        except KeyError:  # a domain the ontology's accessor does not hold (department, …)
            return {r[0]: str(r[1]) for r in self.eng.static(domain, 2)}

    def lookup(self, domain: str) -> dict[str, Any]:
        """Every accepted spelling of an id of `domain` → the id: the id itself, its Chinese
        name, and the ontology's aliases (alias/3)."""
        if domain == "category":
            return self.category_lookup
        if domain in self._lookups:
            return self._lookups[domain]
        out: dict[str, Any] = self._lookups.setdefault(domain, {})
        for i, name in self.names(domain).items():
            out[str(i)] = i
            out[name] = i
        for d, i, alias in self.aliases:
            if d == domain:
                out.setdefault(str(alias), i)
        return out

    def accepted(self, domain: str) -> dict[str, Any]:
        """The spellings a case or claim file may use for `domain`: as lookup, except that a
        claim's kind is never the yearly premium pseudo-claim."""
        table = self.lookup(domain)
        if domain != "claim_kind":
            return table
        return {k: v for k, v in table.items() if v != self.vocab.premium_kind}

    def choices(self, domain: str) -> str:
        """The ids of a domain with their Chinese names, for error messages."""
        return "、".join(f"{i}（{n}）" for i, n in self.names(domain).items())
