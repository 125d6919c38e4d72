"""Case text sent over HTTP, read by reasoner.loader exactly as `medaid eval` reads files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from reasoner.errors import InputError


class NotFound(InputError):
    """An unknown case, job or finding id (404)."""


class MalformedBody(InputError):
    """The body is not readable JSON/YAML (400, unlike a readable but invalid case: 422)."""


def _malformed(e: InputError, field: str) -> MalformedBody:
    # The library names the file; over HTTP the field is the body (or the upload).
    return MalformedBody(field if e.field in (field, "") else e.field, e.reason)


def parse_json(data: bytes, field: str = "body") -> Any:
    """A request body, read as `medaid eval` reads a .json case file."""
    from reasoner.loader import MAX_FILE_BYTES, decode, load_json

    if len(data) > MAX_FILE_BYTES:
        raise MalformedBody(field, f"案例过大（上限 {MAX_FILE_BYTES // 1024} KiB）")
    try:
        text = decode(data, field)
        return load_json(text.removeprefix("\ufeff"), field)
    except InputError as e:
        raise _malformed(e, field) from None


def parse_yaml(data: bytes, field: str = "file") -> Any:
    from reasoner.loader import MAX_FILE_BYTES, decode, load_yaml

    if len(data) > MAX_FILE_BYTES:
        raise MalformedBody(field, f"文件过大（上限 {MAX_FILE_BYTES // 1024} KiB）")
    try:
        text = decode(data, field)
        return load_yaml(text.removeprefix("\ufeff"), field)
    except InputError as e:
        raise _malformed(e, field) from None


def parse_case_text(data: bytes, filename: str, field: str = "file") -> dict[str, Any]:
    """An uploaded case file (.json, .yaml or .yml) as a mapping."""
    name = filename.lower()
    raw = parse_json(data, field) if name.endswith(".json") else parse_yaml(data, field)
    if not isinstance(raw, dict):
        raise InputError(field, "案例文件应为映射（region/person/claims）")
    return canonical(raw)


def canonical(value: Any) -> Any:
    """Plain JSON-able data: dates as ISO text, Decimals as text, keys as text."""
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
