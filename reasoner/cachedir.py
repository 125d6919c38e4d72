"""The one cache folder medaid keeps compiled tables and check results in."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """$MEDAID_CACHE_DIR, else $XDG_CACHE_HOME/medaid or ~/.cache/medaid; None if MEDAID_NO_CACHE."""
    if os.environ.get("MEDAID_NO_CACHE"):
        return None
    env = os.environ.get("MEDAID_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "medaid"
