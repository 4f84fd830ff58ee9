"""Turn an article's hand-written mention list into character-offset span annotations.

Annotators write `<id>.spans.json` as {"mentions": [[LABEL, surface text], ...]}; this
script finds every occurrence of each surface text in `<id>.txt` (whole words, case
sensitive), keeps the longest span where two overlap, and writes the offsets back into
the same file under "spans". Offsets are what the evaluator scores, so they are derived
by code, never typed by hand.

Usage: python corpus/tools/locate_spans.py corpus/articles/ID.spans.json [...]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

LABELS = {"ORG", "PERSON", "ROLE", "LOC", "DATE", "PRODUCT"}


def locate(text: str, mentions: list[list[str]]) -> tuple[list[dict], list[str]]:
    """All non-overlapping occurrences of the mentions, longest first; plus mentions never found."""
    found, missing = [], []
    for label, surface in mentions:
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} (use one of {sorted(LABELS)})")
        pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
        hits = [(m.start(), m.end(), label) for m in re.finditer(pattern, text)]
        if not hits:
            missing.append(surface)
        found.extend(hits)
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, label in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, label))
    taken.sort()
    return [{"start": s, "end": e, "label": lab, "text": text[s:e]} for s, e, lab in taken], missing


def main(paths: list[str]) -> int:
    status = 0
    for name in paths:
        path = Path(name)
        text = path.with_name(path.name.replace(".spans.json", ".txt")).read_text(encoding="utf-8")
        data = json.loads(path.read_text(encoding="utf-8"))
        spans, missing = locate(text, data.get("mentions", []))
        data["spans"] = spans
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for surface in missing:
            print(f"{path.name}: mention not found in text: {surface!r}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
