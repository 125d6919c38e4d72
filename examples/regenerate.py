"""Regenerate each example's expected output (`<name>.expected.json`) with `make examples`.

The expected outputs are reviewed snapshots; tests/test_examples.py fails when an
evaluation changes, so a change in the knowledge base shows up in review.
"""

from __future__ import annotations

import json
from pathlib import Path

from reasoner.api import evaluate_file, get_kb
from reasoner.render import result_json

HERE = Path(__file__).resolve().parent


def main() -> None:
    for case in sorted(HERE.glob("*/*.yaml")):
        if case.parent.name == "reforms":  # reform files, not cases
            continue
        out = result_json(get_kb(), evaluate_file(case))
        target = case.with_suffix(".expected.json")
        target.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
