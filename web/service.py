"""What the pages and the API ask of the reasoner: the library functions the CLI uses.

Everything here runs on the reasoner thread (see worker.py).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from reasoner.errors import InputError

from .loader import canonical


@dataclass(frozen=True)
class ChangeOption:
    """A verified smallest change: what changes, what it yields, and the changed case."""

    description: str
    outcome: str
    case: dict[str, Any]


def kb() -> Any:
    from reasoner.api import get_kb

    return get_kb()


def _field(e: InputError) -> InputError:
    """CLI option names (--claim) become the query parameter names (claim)."""
    if e.field.startswith("--"):
        return InputError(e.field[2:], e.reason)
    return e


def evaluate(raw: dict[str, Any]) -> Any:
    from reasoner.api import evaluate_data

    return evaluate_data(raw)


def eval_json(raw: dict[str, Any]) -> dict[str, Any]:
    from reasoner.render import result_json

    return result_json(kb(), evaluate(raw))


def why_json(raw: dict[str, Any], claim: str, program: str) -> dict[str, Any]:
    from reasoner.engine import engine
    from reasoner.explain import why

    try:
        node = why(kb(), engine(), evaluate(raw), claim, program)
    except InputError as e:
        raise _field(e) from None
    out: dict[str, Any] = node.json(kb())
    return out


def why_not_json(raw: dict[str, Any], claim: str, program: str) -> dict[str, Any]:
    from reasoner.api import evaluate_data
    from reasoner.engine import engine
    from reasoner.explain import why_not

    try:
        node = why_not(kb(), engine(), evaluate(raw), raw, claim, program, evaluate_data)
    except InputError as e:
        raise _field(e) from None
    out: dict[str, Any] = node.json(kb())
    return out


def changes(raw: dict[str, Any], claim: str, program: str) -> list[ChangeOption]:
    """The smallest changes why-not verifies, each with the case it would produce."""
    from reasoner.api import evaluate_data
    from reasoner.changes import smallest_changes

    try:
        found = smallest_changes(kb(), raw, evaluate(raw), claim, program, evaluate_data)
    except InputError as e:
        raise _field(e) from None
    return [ChangeOption(c.description, c.outcome, canonical(c.data)) for c in found]


def status_of(raw: dict[str, Any], claim: str, program: str) -> str | None:
    """The status eval gives one claim's (or year's premium) program."""
    res = eval_json(raw)
    if claim.startswith("premium:"):
        b = res["premium_subsidies"].get(claim.split(":", 1)[1])
        return b["status"] if b and b["program"] == program else None
    for c in res["claims"]:
        if c["id"] == claim:
            for b in c["benefits"]:
                if b["program"] == program:
                    return str(b["status"])
    return None


def reform_files() -> list[tuple[str, str]]:
    """(file stem, reform name) of the shipped reforms (present in a source checkout)."""
    from pathlib import Path

    from reasoner.reform import load_reform

    folder = Path(__file__).resolve().parent.parent / "examples" / "reforms"
    if not folder.is_dir():
        return []
    return [(f.stem, load_reform(f, kb()).name) for f in sorted(folder.glob("*.yaml"))]


def simulate_json(raw: dict[str, Any], reform: str) -> dict[str, Any]:
    """`medaid simulate CASE --reform R.yaml --format json` for a shipped reform."""
    from pathlib import Path

    from reasoner.reform import load_reform
    from reasoner.reform_case import simulate_case

    if reform not in {stem for stem, _ in reform_files()}:
        raise InputError("reform", f"未知改革方案 {reform[:40]!r}")
    path = Path(__file__).resolve().parent.parent / "examples" / "reforms" / f"{reform}.yaml"
    out: dict[str, Any] = simulate_case(kb(), raw, load_reform(path, kb()))[0]
    return out


# -- checks ------------------------------------------------------------------

_findings: list[Any] | None = None


def all_findings() -> list[Any]:
    """Every finding, computed once per process (the search takes seconds)."""
    global _findings
    if _findings is None:
        from reasoner.checks import run_checks

        _findings = run_checks(kb())
    return _findings


def region_id(value: str | None, field: str = "region") -> str | None:
    if value is None or value.strip() == "":
        return None
    r = kb().region_lookup.get(value.strip())
    if r is None:
        raise InputError(field, f"未知地区 {value[:40]!r}；可用：{', '.join(kb().documents)}")
    return str(r)


def check_json(regions: list[str], kinds: list[str]) -> dict[str, Any]:
    from reasoner.checks import KINDS, findings_json

    for k in kinds:
        if k not in KINDS:
            raise InputError("kind", f"未知类型 {k[:40]!r}；可用：{', '.join(KINDS)}")
    rs = {r for r in (region_id(v) for v in regions) if r is not None}
    ks = set(kinds)
    # The same filter as run_checks, over the findings computed once.
    chosen = [
        f for f in all_findings() if (not rs or rs & set(f.regions)) and (not ks or f.kind in ks)
    ]
    out: dict[str, Any] = findings_json(kb(), chosen)
    return out


# -- compare -----------------------------------------------------------------


def compare_json(program: str, category: str | None, regions: list[str]) -> dict[str, Any]:
    from reasoner.compare import compare, comparison_json, resolve_category, resolve_program

    k = kb()
    try:
        prog = resolve_program(k, program)
        cat = resolve_category(k, category) if category else None
    except InputError as e:
        raise _field(e) from None
    out: dict[str, Any] = comparison_json(k, compare(k, prog, cat))
    wanted = [r for r in (region_id(v) for v in regions) if r is not None]
    if wanted:
        out["rows"] = [row for row in out["rows"] if row["region"] in wanted]
    return out


def parameters_json(region: str | None) -> dict[str, Any]:
    from reasoner.kbtools import parameter_rows

    return {"parameters": [asdict(r) for r in parameter_rows(kb(), region_id(region))]}


# -- the form's options --------------------------------------------------------


def options() -> dict[str, Any]:
    """Regions, categories per region, claim types, scopes, referrals, schemes, parameters."""
    from reasoner.space import region_categories  # the categories eval accepts

    k = kb()
    v = k.vocab
    cats = {r: [(c, k.category_label(r, c)) for c in region_categories(k, r)] for r in k.documents}
    all_cats = sorted(k.categories.items())

    def ids(names: dict[str, str]) -> list[tuple[str, str]]:
        return [(i, k.label(i)) for i in names]

    return {
        "regions": [(r, k.region_name(r), k.doc_no(r)) for r in k.documents],
        "categories": dict(cats),
        "all_categories": all_cats,
        "claim_types": [(t, v.claim_kinds[t]) for t in v.claim_types],
        "scopes": ids(v.scopes),
        "referrals": ids(v.referrals),
        "schemes": ids(v.schemes),
        "parameters": [(p, label) for p, (label, _) in v.stated_externals().items()],
        "programs": [(p.id, p.name) for p in v.programs.values()],
    }


# -- the documents -------------------------------------------------------------


def documents_view(region: str) -> dict[str, Any]:
    """One document clause by clause: verbatim text and what encodes each provision."""
    from reasoner.engine import engine
    from reasoner.kbtools import CITING, coverage_rows, coverage_table

    k = kb()
    eng = engine()
    cited_by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    root = None
    for head, file, line in eng.sources():
        if not (isinstance(head, tuple) and CITING.get(head[0]) == len(head) - 1):
            continue
        name = head[0]
        if name in ("interpretation",):
            continue
        if root is None:
            root = str(file).rsplit("/kb/", 1)[0] if "/kb/" in str(file) else ""
        rel = str(file).split("/kb/", 1)[-1]
        cited_by[str(head[-1])].append(
            {
                "what": name,
                "text": _fact_text(k, head),
                "file": f"kb/{rel}",
                "line": line,
            }
        )
    from reasoner.kbtools import cited_ids

    status = {(r, n): s for r, n, s in coverage_rows(k, cited_ids(k, eng))}
    noncomp = {(r, n): why for r, n, why in k.non_computational}
    interps: dict[str, list[Any]] = defaultdict(list)
    for it in k.interpretations.values():
        interps[it.cite].append(it)
    provs: dict[str, list[Any]] = defaultdict(list)
    for p in k.provisions.values():
        if p.region == region:
            provs[p.numbering].append(p)
    clauses = []
    for r, seq, numbering, heading in sorted(k.outline, key=lambda x: x[1]):
        if r != region:
            continue
        clauses.append(
            {
                "seq": seq,
                "numbering": numbering,
                "heading": heading,
                "status": status.get((r, numbering), "missing"),
                "non_computational": noncomp.get((r, numbering)),
                "provisions": [
                    {
                        "id": p.id,
                        "quote": p.quote,
                        "encoded_by": cited_by.get(p.id, []),
                        "interpretations": interps.get(p.id, []),
                    }
                    for p in provs.get(numbering, [])
                ],
            }
        )
    return {
        "region": region,
        "region_name": k.region_name(region),
        "document": k.doc_no(region),
        "title": k.documents[region][2],
        "clauses": clauses,
        "coverage": coverage_table(k, eng),
    }


def _fact_text(k: Any, head: tuple[Any, ...]) -> str:
    args = ", ".join(_arg_text(k, a) for a in head[1:-1])
    return f"{head[0]}({args})"


def _arg_text(k: Any, a: Any) -> str:
    if isinstance(a, tuple):
        return k.label(a)
    return str(a)


def anchors() -> dict[str, tuple[str, str]]:
    k = kb()
    out: dict[str, tuple[str, str]] = {}
    for pid, p in k.provisions.items():
        out[pid] = (str(p.region), f"p-{pid}")
    for iid, i in k.interpretations.items():
        out[iid] = (str(i.region), f"i-{iid}")
    return out


# -- cases kept for the pages -----------------------------------------------------


class CaseStore:
    """Recent cases by content hash, so result pages and changes have stable links."""

    def __init__(self, limit: int = 2000) -> None:
        self._cases: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def put(self, raw: dict[str, Any]) -> str:
        text = json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str)
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
        with self._lock:
            self._cases[key] = json.loads(text)
            self._cases.move_to_end(key)
            while len(self._cases) > self._limit:
                self._cases.popitem(last=False)
        return key

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            raw = self._cases.get(key)
            return json.loads(json.dumps(raw)) if raw is not None else None
