"""The search result on disk, keyed by a digest of the knowledge base and the code.

The key covers the kb files clingo grounds, every module and engine file of the
reasoner package, and the content of the KB object itself, so a KB changed in
memory (a reform) never reads the result computed for the documents as written.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any

from reasoner.cachedir import cache_dir
from reasoner.knowledge import KB, kb_dir, kb_files

PACKAGE = Path(__file__).resolve().parent.parent


def _kb_content(kb: KB) -> str:
    computed = {n for n, v in vars(type(kb)).items() if isinstance(v, cached_property)}
    return repr(sorted((k, v) for k, v in vars(kb).items() if k != "eng" and k not in computed))


def digest(kb: KB) -> str:
    import clingo

    h = hashlib.sha256()
    h.update(f"clingo {clingo.__version__}\0".encode())
    root = kb_dir()
    sources = [(f"kb/{f.relative_to(root)}", f) for f in kb_files()]
    code = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".pl") and p.is_file())
    sources += [(str(p.relative_to(PACKAGE)), p) for p in code]
    for name, f in sources:
        data = f.read_bytes()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    content = _kb_content(kb).encode()
    h.update(f"kb-content\0{len(content)}\0".encode())
    h.update(content)
    return h.hexdigest()[:24]


def _path(name: str, key: str) -> Path | None:
    root = cache_dir()
    return None if root is None else root / f"{name}-{key}.json"


def load(name: str, key: str) -> Any:
    """The cached value, or None (no cache folder, nothing stored, unreadable)."""
    path = _path(name, key)
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(name: str, key: str, value: Any) -> None:
    """Write atomically (a reader never sees half a file); a failure only costs speed."""
    path = _path(name, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
