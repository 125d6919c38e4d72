"""`medaid audit --partitions N`: the same files, byte for byte, as one pass."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from reasoner import audit_io
from reasoner.audit_partition import auto_partitions
from tests.test_audit_io import audit, gen

RUN_ID = re.compile(rb"\d{8}T\d{6}Z-[0-9a-f]{8}")


def _bucket(person_id: str, n: int) -> int:
    rows = duckdb.sql("SELECT hash(trim(?)) % ?", params=[person_id, n]).fetchall()
    return int(rows[0][0])


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """60 persons, 300 claims, plus rows only a whole-file check rejects: a claim id
    repeated by a person of another partition (twice, once with spaces), a person id
    repeated, a claim of an unknown person, a bad date."""
    out = tmp_path_factory.mktemp("parts")
    paths = dict(gen.write(gen.generate(60, 300, 3), out, "csv"))
    with paths["claims"].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head, body = rows[0], rows[1:]
    first = body[4]
    other = next(r for r in body if _bucket(r[1], 3) != _bucket(first[1], 3))
    body.append([first[0], *other[1:]])
    body.append([f"  {first[0]} ", *body[7][1:]])
    body.append(["C-NOBODY", "P9999999", *first[2:]])
    body.append(["C-BADDATE", first[1], first[2], "2025-13-40", *first[4:]])
    with paths["claims"].open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([head, *body])
    with paths["persons"].open(encoding="utf-8", newline="") as fh:
        persons = list(csv.reader(fh))
    persons.append(persons[3])
    with paths["persons"].open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(persons)
    return paths


def _run(data: dict[str, Path], out: Path, n: int, *extra: str) -> Any:
    r = audit(data, "--out", str(out), "--partitions", str(n), *extra)
    assert r.exit_code == 0, r.output
    return r


def _bytes(path: Path) -> bytes:
    return RUN_ID.sub(b"RUN", path.read_bytes())


def _stdout(text: str, folder: Path) -> str:
    text = re.sub(RUN_ID.pattern.decode(), "RUN", text.replace(str(folder), "OUT"))
    return re.sub(r"用时 [0-9.]+ 秒", "", text)


def test_partitions_write_the_single_pass_files(
    data: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # several batches per input: the row numbers run on across batches
    monkeypatch.setattr(audit_io, "STREAM_ROWS", 64)
    one, three = tmp_path / "p1", tmp_path / "p3"  # one length: the same line breaks
    r1 = _run(data, one / "r.csv", 1, "--export-case", "C00000009", str(one / "case.yaml"))
    r3 = _run(data, three / "r.csv", 3, "--export-case", "C00000009", str(three / "case.yaml"))
    for name in ("r.csv", "r.errors.csv", "r.discrepancies.csv", "case.yaml"):
        assert _bytes(one / name) == _bytes(three / name), name
    assert _stdout(r1.output, one) == _stdout(r3.output, three)
    errors = (one / "r.errors.csv").read_text(encoding="utf-8-sig")
    # the repeated claim id is rejected in the other person's partition, named by its first row
    assert errors.count("理赔编号重复（首次出现于第 5 行）") == 2
    assert "人员编号重复（首次出现于第 3 行）" in errors
    assert "未知人员 P9999999" in errors and "不是 ISO 日期" in errors
    rows = json.loads((three / "r.manifest.json").read_text(encoding="utf-8"))["rows"]
    assert rows["claims_in"] == 304 == rows["claims_evaluated"] + rows["claims_rejected"]
    assert rows["persons_in"] == 61 and rows["persons_rejected"] == 1
    assert rows["output_rows"] == len((one / "r.csv").read_bytes().splitlines()) - 1


def test_partitions_parquet_with_labels_is_the_single_pass_table(
    data: dict[str, Path], tmp_path: Path
) -> None:
    one, four = tmp_path / "p1", tmp_path / "p4"
    _run(data, one / "r.parquet", 1, "--labels", "zh")
    _run(data, four / "r.parquet", 4, "--labels", "zh")
    for name in ("r.parquet", "r.discrepancies.parquet"):
        a, b = pq.read_table(one / name), pq.read_table(four / name)
        assert a.schema == b.schema and a.num_rows > 0
        assert a.drop_columns(["运行编号"]).equals(b.drop_columns(["运行编号"])), name
    assert _bytes(one / "r.errors.csv") == _bytes(four / "r.errors.csv")


def test_partitions_refused_where_the_output_needs_every_row(
    data: dict[str, Path], tmp_path: Path
) -> None:
    r = audit(data, "--out", str(tmp_path / "r.xlsx"), "--partitions", "2")
    assert r.exit_code == 1 and "Error: --partitions:" in r.output
    r = audit(data, "--out", str(tmp_path / "r.csv"), "--partitions", "2", "--report", "x.html")
    assert r.exit_code == 1 and "Error: --report:" in r.output
    r = audit(data, "--out", str(tmp_path / "r.csv"), "--partitions", "2", "--explain", "C-NO")
    assert r.exit_code == 1 and "Error: --explain:" in r.output


def test_auto_partitions_follow_the_size_and_the_memory_limit(tmp_path: Path) -> None:
    import pyarrow as pa

    p = tmp_path / "claims.parquet"
    pq.write_table(pa.table({"claim_id": pa.array(["x"] * 10, pa.string())}), p)
    assert auto_partitions(p, "2.5GB") == 1
    csv_file = tmp_path / "claims.csv"
    csv_file.write_bytes(b"x" * 2_500_000)  # ~25,000 rows of 100 bytes
    assert auto_partitions(csv_file, "2.5GB") == 1
    assert auto_partitions(csv_file, "25MB") == 3  # 10,000 claims a partition
    # 2.5GB ÷ 2,500 bytes a claim: 1,000,000 claims in one pass, one more in two
    # and never more than 1,000,000 claims a partition, however large the limit
    for n, limit, parts in (
        (1_000_000, "2.5GB", 1),
        (1_000_001, "2.5GB", 2),
        (1_000_001, "8GB", 2),
    ):
        pq.write_table(pa.table({"x": pa.nulls(n, pa.int8())}), p)
        assert auto_partitions(p, limit) == parts


def test_a_workbook_too_long_for_excel_is_refused_before_the_audit(
    data: dict[str, Path], tmp_path: Path
) -> None:
    import pyarrow as pa

    big = tmp_path / "claims.parquet"
    pq.write_table(pa.table({"claim_id": pa.array(["C1"] * 1_048_576, pa.string())}), big)
    r = audit({**data, "claims": big}, "--out", str(tmp_path / "r.xlsx"))
    assert r.exit_code == 1
    assert "Error: --out:" in r.output and "1,048,576" in r.output, r.output


def test_typed_parquet_streams_typed_by_its_footer_and_writes_the_single_pass_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa

    from reasoner.api import get_kb

    kb = get_kb()
    paths = dict(gen.write(gen.generate(60, 300, 5), tmp_path / "in", "parquet"))
    claims = pq.read_table(paths["claims"])
    cols, name = audit_io.CLAIM_COLUMNS, "claims"

    def files(folder: Path, n: int) -> dict[str, Any]:
        _run(paths, folder / "r.parquet", n)
        t = pq.read_table(folder / "r.parquet").drop_columns(["run_id"])
        return {"r.parquet": t, "errors": _bytes(folder / "r.errors.csv")}

    # row groups of 64 claims streamed 100 at a time: the footer chooses once for every batch
    pq.write_table(claims, paths["claims"], row_group_size=64)
    whole = audit_io.read_input(paths["claims"], cols, name, kb=kb)
    kept = {f.name for f in whole.schema if not pa.types.is_string(f.type)} - {"_row", "_bad"}
    assert kept == {"date", "discharge", "hospital_level", *audit_io.MONEY_COLUMNS}
    batches = list(audit_io.iter_input(paths["claims"], cols, name, kb=kb, batch_rows=100))
    assert len(batches) == 3 and all(b.schema == whole.schema for b in batches)
    assert pa.concat_tables(batches).equals(whole)
    monkeypatch.setattr(audit_io, "STREAM_ROWS", 100)
    one = files(tmp_path / "p1", 1)
    assert files(tmp_path / "p3", 3) == one
    # without statistics nothing bounds the values: every column streams as text, and the
    # partitions still write the single pass's files
    pq.write_table(claims, paths["claims"], row_group_size=64, write_statistics=False)
    first = next(audit_io.iter_input(paths["claims"], cols, name, kb=kb, batch_rows=100))
    assert all(pa.types.is_string(first.schema.field(c).type) for c in kept)
    assert files(tmp_path / "t3", 3) == one
    # a footer the values belie (here: said to bound a date of year 0160): the split reads the
    # file whole, as one pass reads it, and the rejected row is the single pass's
    dates = claims.column("date").to_pylist()
    bad = pa.array([None, *dates[1:]], pa.date32()).to_pylist()
    days = pa.array([-665000, *[None] * (len(bad) - 1)], pa.int32()).cast(pa.date32())
    odd = claims.set_column(3, "date", _with_first(days, bad))
    pq.write_table(odd, paths["claims"], row_group_size=64)
    lied = files(tmp_path / "o1", 1)
    assert b"date" in lied["errors"]
    monkeypatch.setattr(audit_io, "typed_in_footer", lambda pf, ids: frozenset({"date"} & set(ids)))
    whole_reads: list[str] = []
    read_input = audit_io.read_input

    def spy(path: Path, *a: Any, **kw: Any) -> Any:
        whole_reads.append(path.name)
        return read_input(path, *a, **kw)

    monkeypatch.setattr(audit_io, "read_input", spy)
    assert files(tmp_path / "o3", 3) == lied
    assert whole_reads == ["claims.parquet"]


def _with_first(first: Any, rest: list[Any]) -> Any:
    """The dates of rest, the first one replaced by first's."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.coalesce(first, pa.array(rest, pa.date32()))
