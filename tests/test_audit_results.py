"""Audit result columns: integer fen become DECIMAL(18,2) yuan exactly."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa

from reasoner.audit_results import yuan


def test_fen_become_yuan_to_the_fen() -> None:
    t = pa.table(
        {
            "amount": pa.chunked_array(
                [pa.array([0, 1, 623_100, None], pa.int64()), pa.array([99_999_999_999_99])]
            ),
            # a signed difference, and a sum as DuckDB returns it (a 128-bit integer)
            "difference": pa.array([-1250, 5, None, 0, -100_000_000_000], pa.int64()),
            "expected": pa.array([Decimal(v) for v in (7, 0, 10, 100, 3)], pa.decimal128(38, 0)),
            "id": pa.array(["a", "b", "c", "d", "e"]),
        }
    )
    out = yuan(t, ("amount", "difference", "expected"))
    assert out.schema.field("amount").type == pa.decimal128(18, 2)
    assert out.column("amount").to_pylist() == [
        Decimal("0.00"),
        Decimal("0.01"),
        Decimal("6231.00"),
        None,
        Decimal("99999999999.99"),
    ]
    assert out.column("difference").to_pylist() == [
        Decimal("-12.50"),
        Decimal("0.05"),
        None,
        Decimal("0.00"),
        Decimal("-1000000000.00"),
    ]
    assert out.column("expected").to_pylist() == [
        Decimal("0.07"),
        Decimal("0.00"),
        Decimal("0.10"),
        Decimal("1.00"),
        Decimal("0.03"),
    ]
    assert out.column("id").to_pylist() == ["a", "b", "c", "d", "e"]
