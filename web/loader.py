"""Reading case text sent over HTTP: JSON or YAML, as plain data, never as objects."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import yaml

from reasoner.errors import InputError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    """Safe YAML with dates left as text (2022-04-31 is then a field error, not a crash)
    and without aliases (a few bytes of anchors can expand into gigabytes)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "别名（*alias）不受支持", event.start_mark
            )
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class NotFound(InputError):
    """An unknown case, job or finding id (404)."""


class MalformedBody(InputError):
    """The body is not JSON/YAML at all (400, unlike a well-formed but invalid case: 422)."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"不是有限数：{name}")


def parse_json(data: bytes | str, field: str = "body") -> Any:
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise MalformedBody(field, "不是 UTF-8 文本") from None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise MalformedBody(
            field, f"JSON 格式错误：第 {e.lineno} 行第 {e.colno} 列：{e.msg}"
        ) from None
    except (ValueError, RecursionError) as e:
        raise MalformedBody(field, f"JSON 格式错误：{str(e)[:80]}") from None


def parse_yaml(data: bytes | str, field: str = "file") -> Any:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise MalformedBody(field, "不是 UTF-8 文本") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as e:
        raise MalformedBody(field, f"YAML 格式错误：{str(e).splitlines()[0][:120]}") from None
    except (ValueError, RecursionError) as e:
        raise MalformedBody(field, f"YAML 格式错误：{str(e)[:80]}") from None


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
