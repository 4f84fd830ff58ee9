"""Partnership timelines across articles: per facility–partner pair, its stages in date order.

Articles name one facility many ways ("Lapas Purwokerto", "Lapas Kelas IIA Purwokerto",
"Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto"). Names are merged across the
whole collection: facilities by (head, category, place) as the name resolver keys them,
other organizations by the evaluator's name matching (all words of one in the other,
sharing at least half), and every alias a record lists for an organization joins it.
Each stage keeps its article as evidence (article id, date, stage, status, text).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

STAGE_ORDER = {"penjajakan": 0, "naskah": 1, "pelaksanaan": 2, "monitoring": 3}


def same_organization(a: str, b: str) -> bool:
    """True when two written names denote one organization (facilities by key, others by name matching)."""
    from .evaluate import names_match
    from .resolve.names import same_place, facility_key

    if a == b:
        return True
    ka, kb = facility_key(a), facility_key(b)
    if ka and kb:
        return ka[:2] == kb[:2] and (ka[2] == kb[2] or same_place(ka[2], kb[2]))
    return names_match(a, b)


def weak_name(name: str) -> bool:
    """A name that says too little to join articles: "Lapas", "Rutan" (a facility with no place), one word."""
    from .resolve.names import facility_key, normalise

    key = facility_key(name)
    if key is not None:
        return not key[2]
    return len(normalise(name)) < 2


_SCOPE = "\x00"


def node(name: str, article_id: str) -> str:
    """The cluster node of a name: weak names count only inside their own article."""
    return f"{name}{_SCOPE}{article_id}" if weak_name(name) else name


def _written(node_name: str) -> str:
    return node_name.split(_SCOPE, 1)[0]


class NameClusters:
    """Union-find over written names (article-scoped for weak names)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.count: Counter = Counter()

    def add(self, name: str, weight: int = 1) -> None:
        if name not in self.parent:
            self.parent[name] = name
            if _SCOPE not in name:
                for other in list(self.parent):
                    if other != name and _SCOPE not in other and same_organization(name, other):
                        self.union(name, other)
        self.count[name] += weight

    def find(self, name: str) -> str:
        root = name
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[name] != root:
            self.parent[name], name = root, self.parent[name]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def members(self, name: str) -> list[str]:
        """The written names of a cluster."""
        root = self.find(name)
        return sorted({_written(n) for n in self.parent if self.find(n) == root})

    def display(self, name: str) -> str:
        """The fullest name of a cluster (most words, then most used, then alphabetical)."""
        root = self.find(name)
        counts: Counter = Counter()
        for n in self.parent:
            if self.find(n) == root:
                counts[_written(n)] += self.count[n]
        return max(counts, key=lambda n: (len(n.split()), counts[n], len(n), [-ord(c) for c in n]))


@dataclass
class Entry:
    article_id: str
    published: Optional[str]
    date: Optional[str]
    stage: str
    status: str
    partner_as_written: str
    host_as_written: Optional[str]
    activities: list = field(default_factory=list)
    products: list = field(default_factory=list)
    evidence: list = field(default_factory=list)

    def sort_key(self) -> tuple:
        when = (self.date or self.published or "9999")[:10]
        # within one article and day: what happened before what is planned, dated before undated
        return (when, self.article_id, self.status == "planned", self.date is None, STAGE_ORDER.get(self.stage, 9))

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "published": self.published, "date": self.date, "stage": self.stage,
                "status": self.status, "partner_as_written": self.partner_as_written,
                "host_as_written": self.host_as_written, "activities": self.activities, "products": self.products,
                "evidence": self.evidence}


def build_timelines(records: Iterable[dict]) -> list[dict]:
    """Records -> [{facility, facility_names, partner, partner_names, stages: [...]}] in a stable order."""
    records = list(records)
    clusters = NameClusters()
    for rec in records:
        art_id = str(rec["article"]["id"])
        aliases = {o["name"]: o.get("aliases") or [] for o in rec.get("organizations") or []}
        for st in rec.get("partnership_stages") or []:
            for name in (st.get("host"), st.get("partner")):
                if not name:
                    continue
                clusters.add(node(name, art_id))
                for alias in aliases.get(name, []):
                    clusters.add(node(alias, art_id), weight=0)
                    clusters.union(node(name, art_id), node(alias, art_id))
    pairs: dict[tuple, list[Entry]] = {}
    for rec in records:
        art = rec["article"]
        art_id = str(art["id"])
        for st in rec.get("partnership_stages") or []:
            host = clusters.find(node(st["host"], art_id)) if st.get("host") else None
            partner = clusters.find(node(st["partner"], art_id))
            pairs.setdefault((host, partner), []).append(Entry(
                article_id=str(art["id"]), published=art.get("published"), date=st.get("date"), stage=st["stage"],
                status=st["status"], partner_as_written=st["partner"], host_as_written=st.get("host"),
                activities=list(st.get("activities") or []), products=list(st.get("products") or []),
                evidence=[{"start": e["start"], "end": e["end"], "text": e.get("text")}
                          for e in st.get("evidence") or []]))
    out = []
    for (host, partner), entries in pairs.items():
        entries.sort(key=Entry.sort_key)
        out.append({
            "facility": clusters.display(host) if host else None,
            "facility_names": clusters.members(host) if host else [],
            "partner": clusters.display(partner),
            "partner_names": clusters.members(partner),
            "articles": sorted({e.article_id for e in entries}),
            "stages": [e.to_dict() for e in entries],
        })
    out.sort(key=lambda p: ((p["facility"] or "\uffff").lower(), p["partner"].lower()))
    return out


def format_text(timelines: list[dict]) -> str:
    if not timelines:
        return "no partnership stages in these records\n"
    lines = []
    for pair in timelines:
        lines.append(f"{pair['facility'] or '(no host named)'}  <->  {pair['partner']}")
        other = [n for n in pair["facility_names"] if n != pair["facility"]]
        if other:
            lines.append(f"  facility also written: {'; '.join(other)}")
        other = [n for n in pair["partner_names"] if n != pair["partner"]]
        if other:
            lines.append(f"  partner also written: {'; '.join(other)}")
        for st in pair["stages"]:
            when = (st["date"] or "")[:10] or (f"({st['published'][:10]})" if st["published"] else "(no date)")
            ev = st["evidence"][0]["text"] if st["evidence"] else ""
            ev = (ev[:70] + "…") if len(ev) > 71 else ev
            lines.append(f"  {when:<12} {st['stage']:<11} {st['status']:<8} {st['article_id']}"
                         + (f"  «{ev}»" if ev else ""))
        lines.append("")
    return "\n".join(lines)


def timelines_from_file(path: Union[str, Path]) -> list[dict]:
    from .export import iter_records

    return build_timelines(iter_records(path))
