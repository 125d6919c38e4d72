"""Decision tables: the knowledge base compiled once, by the Prolog engine, into relations.

The rule base decides eligibility from a handful of claim features. A claim's outcome depends
on its region and type and on a *profile*: hospital level, scope, referral, special disease,
which `cost_over` thresholds its cost exceeds, which `age_min` / `disability_max` thresholds
the person meets, 需院外维持治疗 and the insurance scheme. Only the dimensions some rule of a
program offered for (region, claim type) mentions are enumerated (the others are pinned to
one value and keyed as 0 / ``''``), so the space stays small.

Every profile becomes one pseudo-claim holding *all* of the region's categories at once, and
all of them go to Prolog in ONE batched ``answers()`` call. Because a rule's conditions do
not depend on who the person is and ``holds_via(C, Cat, Own)`` depends on one own identity
only, the rows ``applicable(C, P, Rule, Cat)`` × ``Own`` of the all-held claim are exactly
the rows a person gets through each own identity Own (tests/test_audit.py checks this
against per-case evaluation). Identity coverage by date (covers/3: admission date, month
grace, gained during a stay, retroactive year, premium year overlap) is compiled the same
way: probes realise every combination of the five date comparisons the rules make, and
Prolog answers which ones cover.

Figures (deductible, rate, cap, subcap, threshold, premium amount) are resolved per region,
rule, year and scenario by the evaluator's own :class:`reasoner.evaluate.Params`, in the
order the ledger asks for them, so `Unresolved` and `MissingParameter` come out exactly as in
``medaid eval``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from reasoner import space
from reasoner.cachedir import cache_dir
from reasoner.case import Case
from reasoner.engine import Fact, PrologEngine
from reasoner.errors import MissingParameter
from reasoner.evaluate import SCENARIOS, Params, Unresolved, month_end, ymd
from reasoner.knowledge import KB, Rule
from reasoner.space import (
    COMPARE,
    FLAG,
    VALUE,
    Dimension,
    all_conditions,
    condition_dimensions,
    conditions,
    key_fact,
    region_categories,
    stated,
    ymd_date,
)
from reasoner.vocab import Vocab

_thresholds = space.thresholds
PROBE_BASE = 800_000_000
# Five date comparisons covers/3 makes between a claim (date D, discharge E) and an
# identity (since S, until U, month end of U, 1 January of S's year):
FLAGS = ("f_sd", "f_du", "f_dum", "f_syd", "f_es")


def date_flags(
    d: dt.date, e: dt.date | None, s: dt.date, u: dt.date
) -> tuple[bool, bool, bool, bool, bool]:
    """S ≤ D, U ≥ D, monthend(U) ≥ D, Jan 1 of S's year ≤ D, E given and E ≥ S."""
    return (
        s <= d,
        u >= d,
        month_end(u) >= d,
        dt.date(s.year, 1, 1) <= d,
        e is not None and e >= s,
    )


# ---------------------------------------------------------------------------
# The audit's profile space: one pseudo-claim per region, claim type and value of each
# dimension some rule for that claim type reads, holding every category at once
# ---------------------------------------------------------------------------

PROFILE_BASE = 1


def relevant(kb: KB, region: str, ctype: str) -> dict[str, bool]:
    """The dimensions some rule of a program offered for (region, ctype) reads."""
    read = condition_dimensions(conditions(kb, region, ctype))
    premium = ctype == kb.vocab.premium_kind
    return {
        d.name: d.name in read and not (premium and d.claims_only)
        for d in space.DIMENSIONS
        if not d.every_claim
    }


def axis(
    d: Dimension, rel: dict[str, bool], thresholds: list[int], premium: bool, vocab: Vocab
) -> Any:
    """The keys of d the decision tables enumerate for one (region, claim type)."""
    if premium and d.claims_only:
        return (d.pinned,)
    if not (d.every_claim or rel[d.name]):
        return (d.pinned,)
    if d.key == VALUE:
        return d.values(vocab)
    if d.key == FLAG:
        return (False, True)
    return range(len(thresholds) + 1)


@dataclass
class ProfileBatch:
    """Every profile as one all-categories pseudo-claim: its facts and its table rows."""

    facts: list[Fact]
    profiles: dict[str, list[Any]]
    relevance: dict[str, list[Any]]
    region_of: dict[int, str]
    thresholds: dict[str, list[int]]  # counted dimension → every value it is stated with


def profile_batch(kb: KB) -> ProfileBatch:
    """The audit's profile space (region × claim type × the dimensions relevant to it)."""
    conds = all_conditions(kb)
    thr = {d.name: stated(conds, d) for d in space.DIMENSIONS if d.key in COMPARE}
    rel_cols = [f"r_{d.name}" for d in space.DIMENSIONS if not d.every_claim]
    cols = ("profile_id", "region", "ctype", *(d.name for d in space.DIMENSIONS))
    b = ProfileBatch(
        [], {k: [] for k in cols}, {k: [] for k in ("region", "ctype", *rel_cols)}, {}, thr
    )
    pid = PROFILE_BASE
    for region in kb.documents:
        cats = region_categories(kb, region)
        start = kb.in_force[region][1] if region in kb.in_force else 20250101
        day = ymd_date(start)
        for ctype in kb.vocab.all_types:
            rel = relevant(kb, region, ctype)
            for k, v in (("region", region), ("ctype", ctype), *rel.items()):
                b.relevance[k if k in ("region", "ctype") else f"r_{k}"].append(v)
            premium = ctype == kb.vocab.premium_kind
            axes = [axis(d, rel, thr.get(d.name, []), premium, kb.vocab) for d in space.DIMENSIONS]
            for key in itertools.product(*axes):
                b.region_of[pid] = region
                for k, v in zip(cols, (pid, region, ctype, *key), strict=True):
                    b.profiles[k].append(v)
                b.facts += _profile_facts(b, pid, region, ctype, day, cats, key)
                pid += 1
    return b


def _profile_facts(
    b: ProfileBatch,
    c: int,
    region: str,
    ctype: str,
    day: dt.date,
    cats: list[str],
    key: tuple[Any, ...],
) -> list[Fact]:
    f: list[Fact] = [("claim", c), ("claim_region", c, region), ("claim_type", c, ctype)]
    premium = ctype == "premium"
    if premium:
        y = day.year
        f += [("claim_date", c, y * 10000 + 101), ("claim_discharge", c, y * 10000 + 1231)]
    else:
        f += [("claim_date", c, ymd(day)), ("claim_discharge", c, ymd(day))]
    for d, k in zip(space.DIMENSIONS, key, strict=True):
        fact = (
            None if premium and d.claims_only else key_fact(d, c, k, b.thresholds.get(d.name, []))
        )
        if fact is not None:
            f.append(fact)
    for cat in cats:
        f.append(("claim_identity", c, cat, 19000101, 99991231, 99991231, 19000101))
    return f


@dataclass
class DecisionTables:
    """The compiled knowledge base, as Arrow tables ready to register in DuckDB."""

    profiles: pa.Table  # profile_id + key columns
    relevance: pa.Table  # region, ctype, r_* flags
    offer: pa.Table  # profile_id, program, excluded (reason or null)
    applicable: pa.Table  # profile_id, program, rule, cat, own
    unresolved: pa.Table  # profile_id, program, cat, ref
    holds: pa.Table  # region, cat, own  (holds_via: Cat held through own identity Own)
    cover: pa.Table  # region, ctype, f_* flags, held
    rules: pa.Table  # rule, region, program, kind, dpool, cpool
    thresholds: dict[str, list[int]]  # counted dimension → the values it is stated with


def compile_tables(kb: KB, eng: PrologEngine) -> DecisionTables:
    """Enumerate the profile space and ask Prolog once (one batched answers() call)."""
    batch = profile_batch(kb)
    probes, probe_rows = _probes(kb)
    ans = eng.answers(batch.facts + probes)
    held_via = eng.solutions("holds_via", [None, None, None])
    offer, appl, unres = _answer_rows(ans)
    holds: set[tuple[str, str, str]] = set()
    covered: set[tuple[int, str]] = set()
    for c, cat, own in held_via:
        if c >= PROBE_BASE:
            if cat == own:
                covered.add((c, own))
        else:
            holds.add((batch.region_of[c], cat, own))
    cover: dict[str, list[Any]] = {k: [] for k in ("region", "ctype", *FLAGS, "held")}
    for c, region, ctype, cat, flags in probe_rows:
        cover["region"].append(region)
        cover["ctype"].append(ctype)
        for k, v in zip(FLAGS, flags, strict=True):
            cover[k].append(v)
        cover["held"].append((c, cat) in covered)
    hs = sorted(holds)
    return DecisionTables(
        profiles=pa.table(batch.profiles),
        relevance=pa.table(batch.relevance),
        offer=pa.table(
            offer,
            schema=pa.schema(
                [("profile_id", pa.int64()), ("program", pa.string()), ("excluded", pa.string())]
            ),
        ),
        applicable=pa.table(appl, schema=_str_schema(appl)),
        unresolved=pa.table(unres, schema=_str_schema(unres)),
        holds=pa.table(
            {"region": [h[0] for h in hs], "cat": [h[1] for h in hs], "own": [h[2] for h in hs]},
            schema=pa.schema([("region", pa.string()), ("cat", pa.string()), ("own", pa.string())]),
        ),
        cover=pa.table(cover),
        rules=pa.table(_rule_rows(kb)),
        thresholds=batch.thresholds,
    )


def _answer_rows(ans: Any) -> tuple[dict[str, list[Any]], ...]:
    """The profiles' rows of status (with the exclusion reason), applicable and unresolved."""
    offer: dict[str, list[Any]] = {"profile_id": [], "program": [], "excluded": []}
    excl = {(c, p): why for c, p, why in ans.excluded}
    for c, p, _s in ans.status:
        if c >= PROBE_BASE:
            continue
        offer["profile_id"].append(c)
        offer["program"].append(p)
        offer["excluded"].append(excl.get((c, p)))
    appl: dict[str, list[Any]] = {k: [] for k in ("profile_id", "program", "rule", "cat", "own")}
    for c, p, r, cat, own in ans.applicable:
        if c >= PROBE_BASE:
            continue
        for k, v in zip(appl, (c, p, r, cat, own), strict=True):
            appl[k].append(v)
    unres: dict[str, list[Any]] = {k: [] for k in ("profile_id", "program", "cat", "ref")}
    for c, p, cat, ref in ans.unresolved:
        if c >= PROBE_BASE:
            continue
        for k, v in zip(unres, (c, p, cat, ref), strict=True):
            unres[k].append(v)
    return offer, appl, unres


def _rule_rows(kb: KB) -> dict[str, list[Any]]:
    rules: dict[str, list[Any]] = {
        k: [] for k in ("rule", "region", "program", "kind", "dpool", "cpool")
    }
    for rid, rule in kb.rules.items():
        rules["rule"].append(rid)
        rules["region"].append(rule.region)
        rules["program"].append(rule.program)
        rules["kind"].append(kb.programs[rule.program][1])
        rules["dpool"].append(rule.deductible_pool or rule.program)
        rules["cpool"].append(rule.cap_pool or rule.program)
    return rules


def _str_schema(cols: dict[str, list[Any]]) -> pa.Schema:
    return pa.schema([(k, pa.int64() if k == "profile_id" else pa.string()) for k in cols])


def _probes(kb: KB) -> tuple[list[Fact], list[tuple[int, str, str, str, tuple[bool, ...]]]]:
    """One probe claim per (region, claim type, realisable combination of date flags)."""
    grid = [
        dt.date(2023, 3, 10),
        dt.date(2024, 12, 31),
        dt.date(2025, 1, 1),
        dt.date(2025, 3, 1),
        dt.date(2025, 5, 20),
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 10),
        dt.date(2025, 6, 14),
        dt.date(2025, 6, 15),
        dt.date(2025, 6, 16),
        dt.date(2025, 6, 20),
        dt.date(2025, 6, 25),
        dt.date(2025, 6, 30),
        dt.date(2025, 7, 1),
        dt.date(2025, 7, 5),
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 1),
        dt.date(2026, 5, 1),
        dt.date(9999, 12, 31),
    ]
    facts: list[Fact] = []
    rows: list[tuple[int, str, str, str, tuple[bool, ...]]] = []
    c = PROBE_BASE
    for region in kb.documents:
        # The first category by id: coverage by date does not depend on which.
        cat = min(region_categories(kb, region))
        for ctype in kb.vocab.all_types:
            ends: list[dt.date | None]
            if ctype == kb.vocab.premium_kind:
                d, ends = dt.date(2025, 1, 1), [dt.date(2025, 12, 31)]
            else:
                d = dt.date(2025, 6, 15)
                ends = [None, d, dt.date(2025, 6, 20), dt.date(2025, 7, 5), dt.date(2026, 2, 1)]
            seen: set[tuple[bool, ...]] = set()
            for e in ends:
                for s in grid:
                    for u in grid:
                        if u < s or s.year >= 9999:
                            continue
                        flags = date_flags(d, e, s, u)
                        if flags in seen:
                            continue
                        seen.add(flags)
                        f: list[Fact] = [
                            ("claim", c),
                            ("claim_region", c, region),
                            ("claim_type", c, ctype),
                            ("claim_date", c, ymd(d)),
                            (
                                "claim_identity",
                                c,
                                cat,
                                ymd(s),
                                ymd(u),
                                ymd(month_end(u)),
                                s.year * 10000 + 101,
                            ),
                        ]
                        if e is not None:
                            f.append(("claim_discharge", c, ymd(e)))
                        if ctype != kb.vocab.premium_kind:
                            f += [
                                ("claim_level", c, 1),
                                ("claim_scope", c, "in_district"),
                                ("claim_referral", c, "primary_care"),
                                ("claim_cost", c, 0),
                            ]
                        facts += f
                        rows.append((c, region, ctype, cat, flags))
                        c += 1
    return facts, rows


# ---------------------------------------------------------------------------
# Figures: the evaluator's own parameter resolution, per region, rule, year, scenario
# ---------------------------------------------------------------------------


def to_fen(d: Decimal | None) -> int | None:
    return None if d is None else int(d * 100)


def stub_case(
    region: str, parameters: dict[tuple[str, int | None], Decimal], scheme: str | None
) -> Case:
    """A claimless case carrying what Params reads: region, parameters, scheme."""
    return Case.model_construct(
        region=region,
        person_id="",
        birth_date=None,
        disability_grade=None,
        needs_maintenance_treatment=False,
        scheme=scheme,
        identities=(),
        parameters=parameters,
        claims=(),
        year=None,
    )


FIGURE_COLUMNS = (
    "region",
    "rule",
    "year",
    "scheme",
    "fig",  # ok | unresolved | missing
    "fig_reason",
    "fig_param",
    "ded_min",
    "ded_max",
    "rate_min",
    "rate_max",
    "cap_min",
    "cap_max",
    "sub_min",
    "sub_max",
    "thr_min",
    "thr_max",
    "prem_min",
    "prem_max",
)


def _regular(params: Params, rule: Rule, year: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # a 起付标准 the document does not state: the ledger's two ends of it (Params.money at a
    # reading), above every self-pay (NULL) and none
    ranged = params.get(rule, "deductible", year) is None and params.open_deductible(rule)
    for sc in SCENARIOS:
        steps: list[Any] = []
        ded = Decimal(0) if ranged else params.money(rule, "deductible", year, sc, steps)
        rate = params.rate(rule, year, sc, steps)
        cap = params.money(rule, "cap", year, sc, steps)
        sub = None
        if params.get(rule, "subcap", year) is not None:
            sub = params.money(rule, "subcap", year, sc, steps)
        out[f"ded_{sc}"] = None if ranged and sc == "min" else to_fen(ded) or 0
        out[f"rate_{sc}"] = int(rate)
        out[f"cap_{sc}"] = to_fen(cap)
        out[f"sub_{sc}"] = to_fen(sub)
    return out


def _tilt(params: Params, rule: Rule, year: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for sc in SCENARIOS:
        steps: list[Any] = []
        thr = params.money(rule, "threshold", year, sc, steps)
        rate = params.rate(rule, year, sc, steps)
        cap = params.money(rule, "cap", year, sc, steps)
        out[f"thr_{sc}"] = to_fen(thr) or 0
        out[f"rate_{sc}"] = int(rate)
        out[f"cap_{sc}"] = to_fen(cap)
    return out


def _premium(params: Params, rule: Rule, year: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for sc in SCENARIOS:
        steps: list[Any] = []
        p = params.get(rule, "rate", year)
        if p is None or not isinstance(p.unit, tuple):
            raise params._missing(rule, "rate")
        base = params.external(p.unit[1], year)
        rate = params.rate(rule, year, sc, steps)
        fen_base = int(base * 100)
        out[f"prem_{sc}"] = (fen_base * int(rate) + 50) // 100
        out[f"rate_{sc}"] = int(rate)
    return out


def figure_table(
    kb: KB,
    parameters: dict[str, dict[tuple[str, int | None], Decimal]],
    region_years: set[tuple[str, int]],
) -> pa.Table:
    """Resolved figures (fen, percent) for every money rule of every (region, year) audited.

    Premium rules are resolved once per scheme (their base may be the person's own
    contribution standard); other rules have scheme ``'*'``.
    """
    cols: dict[str, list[Any]] = {k: [] for k in FIGURE_COLUMNS}
    for region, year in sorted(region_years):
        params_of = parameters.get(region, {})
        for rule in kb.rules.values():
            if rule.region != region:
                continue
            kind = kb.programs[rule.program][1]
            if kind == "premium":
                # The profile space's schemes, and "none" for a person with no scheme stated.
                schemes: tuple[str, ...] = space.dimension("scheme").values(kb.vocab)
            elif kind == "assistance":
                schemes = ("*",)
            else:
                continue
            for scheme in schemes:
                sch = None if scheme in ("none", "*") else scheme
                params = Params(kb, stub_case(region, params_of, sch))
                row: dict[str, Any] = dict.fromkeys(FIGURE_COLUMNS)
                row.update(region=region, rule=rule.id, year=year, scheme=scheme, fig="ok")
                try:
                    if kind == "premium":
                        row.update(_premium(params, rule, year))
                    elif rule.program == kb.vocab.tilt:
                        row.update(_tilt(params, rule, year))
                    else:
                        row.update(_regular(params, rule, year))
                except Unresolved as u:
                    row.update(fig="unresolved", fig_reason=u.reason)
                except MissingParameter as m:
                    row.update(fig="missing", fig_reason=m.reason, fig_param=m.field)
                for k in FIGURE_COLUMNS:
                    cols[k].append(row[k])
    types = {
        "region": pa.string(),
        "rule": pa.string(),
        "year": pa.int32(),
        "scheme": pa.string(),
        "fig": pa.string(),
        "fig_reason": pa.string(),
        "fig_param": pa.string(),
    }
    schema = pa.schema([(k, types.get(k, pa.int64())) for k in FIGURE_COLUMNS])
    return pa.table(cols, schema=schema)


# ---------------------------------------------------------------------------
# Compile once: a cache keyed by the knowledge base, the engine and this module
# ---------------------------------------------------------------------------

TABLE_NAMES = (
    "profiles",
    "relevance",
    "offer",
    "applicable",
    "unresolved",
    "holds",
    "cover",
    "rules",
)


def _module_closure(start: Path) -> list[Path]:
    """The reasoner modules `start` imports, directly or not (function-level imports too)."""
    import ast

    pkg = start.parent
    seen: dict[Path, Path] = {}
    todo = [start]
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen[f] = f
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = "reasoner." + base if base else "reasoner"
                names = [base] + [f"{base}.{a.name}" for a in node.names]
            for name in names:
                if not name.startswith("reasoner."):
                    continue
                parts = name.split(".")[1:]
                mod = pkg.joinpath(*parts).with_suffix(".py")
                init = pkg.joinpath(*parts, "__init__.py")
                todo += [c for c in (mod, init) if c.is_file()]
                if init.is_file():  # a package: all of its modules count
                    todo += sorted(init.parent.glob("*.py"))
    return sorted(seen)


def cache_key() -> str:
    """A digest of everything the tables are compiled from: the kb, the Prolog engine and
    every reasoner module this one imports (directly or not)."""
    import hashlib

    import reasoner
    from reasoner.knowledge import engine_file, kb_dir, kb_files

    h = hashlib.sha256()
    h.update(f"medaid {reasoner.__version__} pyarrow {pa.__version__}".encode())
    pkg = Path(__file__).resolve().parent
    root = kb_dir()
    sources = [(f"kb/{f.relative_to(root)}", f) for f in kb_files()]
    sources.append(("prolog/engine.pl", engine_file()))
    sources += [(str(f.relative_to(pkg)), f) for f in _module_closure(Path(__file__).resolve())]
    for name, f in sources:
        data = f.read_bytes()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:24]


_WARNED: set[str] = set()


def _load(folder: Path) -> tuple[DecisionTables | None, str | None]:
    """The cached tables, each file checked against its stored checksum before it is parsed
    (a damaged Arrow file can crash the reader). (None, reason) when damaged, (None, None)
    when absent."""
    import hashlib
    import json

    import pyarrow.ipc as ipc

    manifest = folder / "manifest.json"
    if not folder.is_dir():
        return None, None
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        sums = meta["files"]
        thr = {k: {n: [int(v) for v in vs] for n, vs in meta[k].items()} for k in _THRESHOLDS}
    except (OSError, ValueError, TypeError, KeyError):
        return None, "manifest.json 缺失或损坏"
    tables = {}
    for n in TABLE_NAMES:
        try:
            data = (folder / f"{n}.arrow").read_bytes()
        except OSError:
            return None, f"{n}.arrow 缺失"
        if hashlib.sha256(data).hexdigest() != sums.get(n):
            return None, f"{n}.arrow 校验和不符"
        try:
            tables[n] = ipc.open_file(pa.BufferReader(data)).read_all()
        except (pa.ArrowException, OSError, ValueError):
            return None, f"{n}.arrow 无法读取"
    return DecisionTables(**tables, **thr), None


_THRESHOLDS = ("thresholds",)


def _store(folder: Path, tables: DecisionTables) -> None:
    """Write into a temporary folder beside the cache, then swap it in (caller holds the lock)."""
    import hashlib
    import json
    import secrets
    import shutil

    import pyarrow.ipc as ipc

    tag = f"{os.getpid()}-{secrets.token_hex(3)}"
    tmp = folder.with_name(f".{folder.name}.tmp-{tag}")
    old = folder.with_name(f".{folder.name}.old-{tag}")
    try:
        tmp.mkdir(parents=True)
        sums = {}
        for n in TABLE_NAMES:
            table: pa.Table = getattr(tables, n)
            sink = pa.BufferOutputStream()
            with ipc.new_file(sink, table.schema) as w:
                w.write_table(table)
            data = sink.getvalue().to_pybytes()
            (tmp / f"{n}.arrow").write_bytes(data)
            sums[n] = hashlib.sha256(data).hexdigest()
        meta = {"files": sums, **{k: getattr(tables, k) for k in _THRESHOLDS}}
        (tmp / "manifest.json").write_text(json.dumps(meta), encoding="utf-8")
        if folder.exists():
            os.replace(folder, old)
        os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def load_or_compile(kb: KB, eng: PrologEngine) -> DecisionTables:
    """The decision tables from the cache when the sources are unchanged, else compiled.

    A damaged cache entry is rebuilt and replaced, and said so once on stderr."""
    import sys

    root = cache_dir()
    if root is None:
        return compile_tables(kb, eng)
    folder = root / f"decision-{cache_key()}{kb.cache_tag}"  # a reform's categories differ
    tables, _ = _load(folder)
    if tables is not None:
        return tables
    import fcntl

    try:
        root.mkdir(parents=True, exist_ok=True)
        # one lock file per entry: concurrent runs rebuild it one at a time
        lock = (root / f".{folder.name}.lock").open("a")
    except OSError:  # an unwritable cache: compile without it
        return compile_tables(kb, eng)
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tables, problem = _load(folder)  # another run may have rebuilt it while we waited
        if tables is not None:
            return tables
        if problem is not None and str(folder) not in _WARNED:
            _WARNED.add(str(folder))
            sys.stderr.write(f"medaid: 决策表缓存已损坏（{problem}），已重新编译并替换：{folder}\n")
        tables = compile_tables(kb, eng)
        with suppress(OSError):
            _store(folder, tables)
        return tables
