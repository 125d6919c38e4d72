"""The audit's static relations: what the SQL plan joins besides the case rows.

Enumeration spellings, the documents' dates and categories, the compiled decision tables and
the kb's orders (programs, categories, overlaps), each registered as an Arrow relation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import duckdb
import pyarrow as pa

from reasoner.case import NClaim
from reasoner.decision import DecisionTables, load_or_compile
from reasoner.engine import PrologEngine
from reasoner.evaluate import special_match
from reasoner.knowledge import KB
from reasoner.space import region_categories

Register = Callable[[str, pa.Table], None]

_TABLES: dict[tuple[int, str], DecisionTables] = {}


def decision_tables(kb: KB, eng: PrologEngine) -> DecisionTables:
    """The compiled knowledge base: once per process, and cached on disk across runs."""
    key = (id(kb), kb.cache_tag)
    if key not in _TABLES:
        _TABLES[key] = load_or_compile(kb, eng)
    return _TABLES[key]


def register_mappings(reg: Register, kb: KB) -> None:
    """What validation joins: the accepted spellings of every enumeration, the documents' dates."""

    def mapping(d: dict[str, str]) -> pa.Table:
        return pa.table({"name": list(d), "id": list(d.values())})

    reg("map_region", mapping(dict(kb.region_lookup)))
    reg("map_category", mapping(dict(kb.category_lookup)))
    reg("map_type", mapping(kb.accepted("claim_kind")))
    reg("map_scope", mapping(kb.accepted("scope")))
    reg("map_referral", mapping(kb.accepted("referral_kind")))
    reg("map_scheme", mapping(kb.accepted("scheme")))
    regions: dict[str, list[Any]] = {"region": [], "doc_no": [], "start_d": [], "end_d": []}
    for r in kb.documents:
        start, end = (kb.in_force[r][1], kb.in_force[r][2]) if r in kb.in_force else (0, 99991231)
        regions["region"].append(r)
        regions["doc_no"].append(kb.doc_no(r))
        regions["start_d"].append(_ymd_date(start) if start else dt.date(1, 1, 1))
        regions["end_d"].append(_ymd_date(end))
    reg("regions", pa.table(regions))
    # A category the person's document does not name is a row error, as in eval
    # (reasoner.case.category_id), never a silent not_eligible.
    rc: dict[str, list[str]] = {"region": [], "category": []}
    msg: dict[str, list[str]] = {"region": [], "refused": [], "listed": []}
    for region in sorted(kb.documents):
        cats = region_categories(kb, region)
        rc["region"] += [region] * len(cats)
        rc["category"] += cats
        msg["region"].append(region)
        msg["refused"].append(f"{kb.region_name(region)}（{kb.doc_no(region)}）不认定救助对象类别 ")
        msg["listed"].append("、".join(f"{c}（{kb.category_label(region, c)}）" for c in cats))
    reg("region_cats", pa.table(rc, schema=pa.schema([(k, pa.string()) for k in rc])))
    reg("region_cat_msg", pa.table(msg, schema=pa.schema([(k, pa.string()) for k in msg])))
    labels = sorted(kb.categories.items())
    reg(
        "cat_labels",
        pa.table({"category": [c for c, _ in labels], "label": [str(n) for _, n in labels]}),
    )


def register_static(reg: Register, kb: KB, eng: PrologEngine) -> None:
    """Everything eligibility and the ledger join: the mappings, the decision tables, the kb's orders."""
    register_mappings(reg, kb)
    dtab = decision_tables(kb, eng)
    reg("profiles", dtab.profiles)
    reg("relevance", dtab.relevance)
    reg("offer", dtab.offer)
    reg("applicable", dtab.applicable)
    reg("unresolved", dtab.unresolved)
    reg("holds", dtab.holds)
    reg("cover", dtab.cover)
    reg("rules", dtab.rules)
    reg("cat_bits", category_bits(kb, dtab))
    thr: dict[str, list[Any]] = {"kind": [], "v": []}
    for kind, vals in dtab.thresholds.items():
        for v in vals:
            thr["kind"].append(kind)
            thr["v"].append(v)
    reg(
        "thresholds",
        pa.table(thr, schema=pa.schema([("kind", pa.string()), ("v", pa.int64())])),
    )
    # programs: the kb's programs in order (ix), their kind, and the two whose arithmetic the
    # plan treats apart by their role in the ontology: the tilt on the residual and the
    # yearly premium subsidy
    order = list(kb.programs)
    reg(
        "programs",
        pa.table(
            {
                "program": order,
                "ix": list(range(len(order))),
                "kind": [kb.programs[p][1] for p in order],
                "is_tilt": [p == kb.vocab.tilt for p in order],
                "is_premium": [p == kb.vocab.premium for p in order],
            }
        ),
    )
    co = sorted(kb.category_order.items())
    reg(
        "cat_order",
        pa.table(
            {
                "region": [k[0] for k, _ in co],
                "cat": [k[1] for k, _ in co],
                "ord": [v for _, v in co],
            }
        ),
    )
    ov = [(r, p1, p2) for r, p1, p2, _res, _c in kb.overlaps]
    ov += [(r, p2, p1) for r, p1, p2 in list(ov)]
    reg(
        "ovl_pairs",
        pa.table(
            {"region": [o[0] for o in ov], "p1": [o[1] for o in ov], "p2": [o[2] for o in ov]},
            schema=pa.schema([("region", pa.string()), ("p1", pa.string()), ("p2", pa.string())]),
        ),
    )
    # Tilt rules whose pool name is also a non-tilt pool of the region (none today):
    # the Python ledger then keeps the shared dict semantics.
    tilt = kb.vocab.tilt
    pools = {(r.region, r.cap_pool or r.program) for r in kb.rules.values() if r.program != tilt}
    shared = [
        r.id
        for r in kb.rules.values()
        if r.program == tilt and (r.region, r.cap_pool or r.program) in pools
    ]
    reg("shared_tilt_pool", pa.table({"rule": pa.array(shared, pa.string())}))
    imp = [(r, c, int(v)) for r, c, a, v, _ in kb.identity_implies if a == "disability_grade"]
    reg(
        "implies",
        pa.table(
            {
                "region": pa.array([x[0] for x in imp], pa.string()),
                "cat": pa.array([x[1] for x in imp], pa.string()),
                "grade": pa.array([x[2] for x in imp], pa.int64()),
            }
        ),
    )


# The categories a claim's person holds travel as one BIGINT mask: bit i is category i.
MAX_CATEGORIES = 62


def category_bits(kb: KB, dtab: DecisionTables) -> pa.Table:
    """Each category an identity or a decision table can name, with its bit in a held mask."""
    cats = set(kb.categories)
    for region in kb.documents:
        cats.update(region_categories(kb, region))
    for t in (dtab.applicable, dtab.holds):
        cats.update(str(c) for c in t.column("own").to_pylist())
    order = sorted(cats)
    if len(order) > MAX_CATEGORIES:
        raise RuntimeError(
            f"{len(order)} identity categories: the audit's held mask holds {MAX_CATEGORIES}"
        )
    return pa.table(
        {
            "cat": pa.array(order, pa.string()),
            "bit": pa.array([1 << i for i in range(len(order))], pa.int64()),
        }
    )


def special_table(con: duckdb.DuckDBPyConnection, kb: KB) -> pa.Table:
    """Per region and disease of the accepted claims: whether the region lists it as special."""
    rows = con.execute(
        "SELECT DISTINCT region, disease FROM claims WHERE disease IS NOT NULL"
    ).fetchall()
    out: dict[str, list[Any]] = {"region": [], "disease": [], "special": []}
    for region, disease in rows:
        probe = cast(NClaim, _Probe(disease))
        special, _ = special_match(kb, region, probe)
        out["region"].append(region)
        out["disease"].append(disease)
        out["special"].append(special)
    return pa.table(
        out,
        schema=pa.schema(
            [("region", pa.string()), ("disease", pa.string()), ("special", pa.bool_())]
        ),
    )


@dataclass
class _Probe:
    """What special_match reads of a claim."""

    disease: str | None
    special_disease: bool | None = None


def _ymd_date(v: int) -> dt.date:
    return dt.date(v // 10000, v // 100 % 100, v % 100)
