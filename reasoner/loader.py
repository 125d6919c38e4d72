"""Safe loading of YAML and JSON case files: bounded, unambiguous, dates and decimals as text.

Limits (each refused with `Error: field: reason`): the file size, nesting depth, nodes
after alias expansion, string length, integer digits. Scalars keep what the file says:
dates and decimal numbers load as their text (the case model validates them), integers
only in plain decimal notation, booleans only as true/false, duplicate keys are errors.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reasoner.errors import InputError

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 20
MAX_NODES = 200_000
MAX_TEXT = 1000
MAX_INT_DIGITS = 18

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}
# Plain decimal integers only: YAML 1.1 would read 012 as octal 10, 1_000 as 1000 and
# 1:30 as 90 — an id or an amount silently changed. Such text stays text.
_INT_RE = re.compile(r"-?(0|[1-9][0-9]*)", re.ASCII)


class LimitError(Exception):
    """A bound of the loader was exceeded (raised from inside the YAML composer)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like resolvers; no timestamp, no octal, no sexagesimal."""

    yaml_implicit_resolvers: dict[Any, Any] = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise LimitError(f"嵌套层数超过 {MAX_DEPTH}")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.add_implicit_resolver(_BOOL, re.compile(r"(?:true|True|TRUE|false|False|FALSE)$"), None)
_Loader.add_implicit_resolver(_NULL, re.compile(r"(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(_INT, re.compile(r"-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
# Everything else is text — decimals included, so money is read exactly as written.


def _describe(path: str) -> str:
    return path or "(文档)"


class _Walker:
    """Builds plain data from a node graph, counting every node an alias expands to."""

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.nodes = 0

    def value(self, node: Node, path: str, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise InputError(_describe(path), f"节点过多（别名展开后超过 {MAX_NODES} 个）")
        if depth > MAX_DEPTH:
            raise InputError(_describe(path), f"嵌套层数超过 {MAX_DEPTH}")
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise InputError(_describe(path), f"不支持的 YAML 标签 {node.tag[:40]}")
            return [self.value(n, f"{path}[{i}]", depth + 1) for i, n in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise InputError(_describe(path), f"不支持的 YAML 标签 {node.tag[:40]}")
            out: dict[Any, Any] = {}
            seen: set[str] = set()
            for knode, vnode in node.value:
                if not isinstance(knode, ScalarNode):
                    raise InputError(_describe(path), "键应为文本")
                key = self.scalar(knode, path)
                if knode.tag == _STR and knode.value == "<<" and knode.style is None:
                    raise InputError(_describe(path), "不支持 YAML 合并键 <<")
                if isinstance(key, bool) or not isinstance(key, str | int):
                    raise InputError(_describe(path), f"键应为文本：{str(key)[:40]!r}")
                sub = f"{path}.{key}" if path else str(key)
                if str(key) in seen:
                    raise InputError(sub, f"键重复：{str(key)[:40]!r} 出现两次")
                seen.add(str(key))
                out[key] = self.value(vnode, sub, depth + 1)
            return out
        raise InputError(_describe(path), "无法识别的 YAML 节点")

    def scalar(self, node: ScalarNode, path: str) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise InputError(_describe(path), f"不支持的 YAML 标签 {node.tag[:40]}")
        text = node.value
        if node.tag in (_FLOAT, _TIMESTAMP) or (node.tag == _INT and not _INT_RE.fullmatch(text)):
            return check_text(text, path)
        if node.tag == _INT:
            check_int_text(text, path)
            return int(text)
        if node.tag == _STR:
            return check_text(text, path)
        return self.loader.construct_object(node)


def check_int_text(text: str, path: str) -> None:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(_describe(path), f"整数超出范围（超过 {MAX_INT_DIGITS} 位）")


def bad_character(text: str) -> str | None:
    """The first control, format, separator or surrogate character in text, as U+XXXX."""
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return f"U+{ord(ch):04X}"
    return None


def check_text(text: str, path: str, limit: int = MAX_TEXT) -> str:
    """Refuse text over the length limit or holding control characters."""
    if len(text) > limit:
        raise InputError(_describe(path), f"文本过长（{len(text)} 个字符，上限 {limit}）")
    bad = bad_character(text)
    if bad is not None:
        raise InputError(_describe(path), f"含控制字符 {bad}")
    return text


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with a BOM, else GB18030 (GBK's superset)."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    name, f"文件以 {codec.upper()} 标记开头，但内容不是该编码"
                ) from None
    if b"\x00" in raw:
        raise InputError(name, "文件含 NUL 字节：不是文本（无 BOM 的 UTF-16？请另存为 UTF-8）")
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    raise InputError(name, "无法识别文件编码：应为 UTF-8、带 BOM 的 UTF-16 或 GB18030/GBK 文本")


def read_text(path: str | Path) -> str:
    """The file's text, size-limited and decoded."""
    name = _display(str(path))
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except IsADirectoryError:
        raise InputError(name, "是目录，不是文件") from None
    except (OSError, ValueError) as e:
        raise InputError(name, f"无法读取：{getattr(e, 'strerror', None) or e}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(name, f"文件过大（上限 {MAX_FILE_BYTES // 1024} KiB）")
    return decode(raw, name)


def _display(name: str) -> str:
    """A file name as shown in an error: control characters escaped, long names cut."""
    if bad_character(name) is not None:
        name = repr(name)[1:-1]
    return name if len(name) <= 200 else name[:200] + "…"


def _measure(node: Node, name: str) -> None:
    """Refuse, before building anything, a graph whose aliases expand past the bounds."""
    memo: dict[int, tuple[int, int]] = {}
    active: set[int] = set()

    def size(n: Node) -> tuple[int, int]:
        key = id(n)
        if key in memo:
            return memo[key]
        if key in active:
            raise InputError(name, "YAML 别名引用了自身（无限展开）")
        if len(active) >= MAX_DEPTH:
            raise InputError(name, f"嵌套层数超过 {MAX_DEPTH}")
        active.add(key)
        children: list[Node] = []
        if isinstance(n, SequenceNode):
            children = list(n.value)
        elif isinstance(n, MappingNode):
            children = [x for pair in n.value for x in pair]
        total, height = 1, 0
        for c in children:
            s, h = size(c)
            total += s
            height = max(height, h)
            if total > MAX_NODES:
                raise InputError(name, f"节点过多（别名展开后超过 {MAX_NODES} 个）")
        active.discard(key)
        memo[key] = (total, height + 1)
        return memo[key]

    if size(node)[1] > MAX_DEPTH + 1:
        raise InputError(name, f"嵌套层数超过 {MAX_DEPTH}（经别名展开）")


def load_yaml(text: str, name: str) -> Any:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _measure(node, name)
        return _Walker(loader).value(node, "", 0)
    except LimitError as e:
        raise InputError(name, str(e)) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"（第 {mark.line + 1} 行第 {mark.column + 1} 列）" if mark else ""
        raise InputError(name, f"无法解析 YAML{where}：{e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise InputError(name, f"无法解析 YAML：{str(e).splitlines()[0]}") from None
    finally:
        loader.dispose()


class _Pairs(list[Any]):
    """A JSON object kept as its pairs, so duplicates can be named with their path."""


class _Bad:
    def __init__(self, reason: str) -> None:
        self.reason = reason


def _json_int(text: str) -> Any:
    return (
        _Bad(f"整数超出范围（超过 {MAX_INT_DIGITS} 位）")
        if len(text.lstrip("-")) > MAX_INT_DIGITS
        else int(text)
    )


def _json_constant(text: str) -> Any:
    return _Bad(f"不是有限数：{text}")


def _json_value(v: Any, path: str, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise InputError(_describe(path), f"嵌套层数超过 {MAX_DEPTH}")
    if isinstance(v, _Bad):
        raise InputError(_describe(path), v.reason)
    if isinstance(v, str):
        return check_text(v, path)
    if isinstance(v, list) and not isinstance(v, _Pairs):
        return [_json_value(x, f"{path}[{i}]", depth + 1) for i, x in enumerate(v)]
    if isinstance(v, _Pairs):
        out: dict[str, Any] = {}
        for key, x in v:
            sub = f"{path}.{key}" if path else key
            check_text(key, sub)
            if key in out:
                raise InputError(sub, f"键重复：{key[:40]!r} 出现两次")
            out[key] = _json_value(x, sub, depth + 1)
        return out
    return v


def load_json(text: str, name: str) -> Any:
    try:
        data = json.loads(
            text,
            object_pairs_hook=_Pairs,
            parse_float=str,  # decimals keep their text, as in YAML
            parse_int=_json_int,
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as e:
        raise InputError(
            name, f"无法解析 JSON（第 {e.lineno} 行第 {e.colno} 列）：{e.msg}"
        ) from None
    except RecursionError:
        raise InputError(name, f"嵌套层数超过 {MAX_DEPTH}") from None
    return _json_value(data, "", 0)


def load_file(path: str | Path) -> Any:
    """A case file's data: JSON for `.json`, YAML otherwise."""
    text = read_text(path)
    name = _display(str(path))
    if text.startswith("\ufeff"):
        text = text[1:]
    if Path(path).suffix.lower() == ".json":
        return load_json(text, name)
    return load_yaml(text, name)
