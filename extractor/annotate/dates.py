"""Date candidates found by the project's own patterns, with their parts read off.

dateparser's `search_dates` invents dates in this genre ("sel" = prison cell -> Selasa,
"Min" -> Minggu, "pukul 11.30 WIB" -> "30 WIB"), so candidates come from patterns built
from `data/dates.yaml`; only resolution (next step) turns parts into ISO values.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .. import doc_attrs as A
from .. import lexicon
from .shapes import longest_first


@lru_cache(maxsize=None)
def _vocab() -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    data = lexicon.dates()
    months = {name: num for num, names in data.months.items() for name in names}
    days = {name: num for num, names in data.weekdays.items() for name in names}
    return months, days, data.zones


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=None)
def patterns() -> list[tuple[str, re.Pattern]]:
    months, days, zones = _vocab()
    mon, day = _alt(months), _alt(days)
    zone = _alt(zones)
    data = lexicon.dates()
    time = rf"(?:(?:,|\s[-|])?\s*(?:{data.time_words_pattern})?\s*(?P<hh>\d{{1,2}})[.:](?P<mm>\d{{2}})(?!\d)(?:\s*(?P<zone>{zone})\b)?)"
    flags = re.IGNORECASE
    return [
        # 31 Maret hingga 3 April 2025 / 13 Maret s/d 18 April 2019 / 10 - 12 Juni 2025 / 19-21 Oktober
        ("range", re.compile(
            rf"\b(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{mon})\.?)?(?:\s+(?P<y1>\d{{4}}))?\s*(?:{data.range_joiner_pattern})\s*"
            rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{mon})\b\.?(?:\s+(?P<y2>\d{{4}})\b)?", flags)),
        # pada tanggal 19, 20, 21 dan 27 Oktober 2023: days sharing one month (and year)
        ("list", re.compile(
            rf"\b(?P<days>\d{{1,2}}(?:\s*,\s*\d{{1,2}})*(?:\s*,\s*|\s*,?\s+(?:{data.list_joiner_pattern})\s+)\d{{1,2}})"
            rf"\s+(?P<m>{mon})\b\.?(?:\s+(?P<y>\d{{4}})\b)?", flags)),
        # Jumat, 21 November 2025 pukul 09.00 WITA
        ("dmy_named", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{mon})\.?\s+(?P<y>\d{{4}})\b{time}?", flags)),
        # Nov 21, 2025 - 11:54
        # the lookaheads reject most positions with a cheap character class before the word alternations run
        ("mdy_named", re.compile(rf"\b(?=[A-Za-z]{{3,9}}\.?\s+\d{{1,2}},)(?P<m>{mon})\.?\s+(?P<d>\d{{1,2}}),\s*(?P<y>\d{{4}})(?:\s*[-|,]?\s*{time[3:-1]})?", flags)),
        # Kamis (31/07) pukul 11.30 WIB, Senin(8/3), Jumat (06/10/2023): found from the bracket, which
        # `re` can look for fast; the weekday before it is read backwards (see _weekday_before_bracket)
        ("weekday_numeric", re.compile(
            rf"\(\s*(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})(?:\s*[/.-]\s*(?P<y>\d{{2,4}}))?\s*\){time}?", flags)),
        # (06/06/2024), 06/06/2024, 6-6-2024
        ("numeric", re.compile(rf"(?<![\d/])(?P<d>\d{{1,2}})\s*[/-]\s*(?P<m>\d{{1,2}})\s*[/-]\s*(?P<y>\d{{4}})(?![\d/]){time}?", flags)),
        # pada 12 Maret / Senin, 4 Agustus (no year)
        ("dm_named", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{mon})\b(?!\s+\d{{4}}){time}?", flags)),
    ]


@lru_cache(maxsize=None)
def _weekday_before() -> re.Pattern:
    """A weekday written just before a date ("Jumat, 21 November"), read backwards from the date:
    a leading optional group in the main patterns would be tried at every character."""
    _, days, _ = _vocab()
    return re.compile(rf"\b(?P<wd>{_alt(days)})\s*,?\s*(?:{lexicon.dates().weekday_date_joiner_pattern})?$", re.IGNORECASE)


@lru_cache(maxsize=None)
def _weekday_before_bracket() -> re.Pattern:
    """The weekday that a bracketed numeric date needs ("Kamis (31/07)"), just before the bracket."""
    _, days, _ = _vocab()
    return re.compile(rf"\b(?P<wd>{_alt(days)})\s*,?\s*$", re.IGNORECASE)


# a cheap test for the only pattern most articles never need ("Nov 21, 2025")
_MDY_HINT = re.compile(r"\d,\s*\d{4}")


@lru_cache(maxsize=None)
def _lead() -> re.Pattern:
    """Words before a date that are not part of it ("hari", "tanggal")."""
    return re.compile(rf"(?:{lexicon.dates().date_lead_pattern})\s+", re.IGNORECASE)


def find_dates(text: str) -> list[dict]:
    """Non-overlapping date candidates: char offsets, pattern name and the parts read."""
    months, days, zones = _vocab()
    found: list[dict] = []
    taken: list[tuple[int, int]] = []
    for name, rx in patterns():
        if name == "mdy_named" and not _MDY_HINT.search(text):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            lead = _lead().match(text[s:e])
            if lead:
                s += lead.end()
            wd = None
            if name == "weekday_numeric":
                wd = _weekday_before_bracket().search(text, max(0, s - 16), s)
                if wd is None and (m.group("y") or not _bare_bracket_date(text, s, e)):
                    continue  # a full date in brackets is the numeric pattern's
                if wd is not None:
                    s = wd.start()
            if any(s < te and e > ts for ts, te in taken):
                continue
            parts = _parts(m, name, months, days, zones)
            if parts is None:
                continue
            if wd is not None:
                parts["weekday"] = days.get(wd.group("wd").lower())
            if name in ("dmy_named", "numeric", "dm_named") and "wd" not in m.groupdict():
                before = _weekday_before().search(text, max(0, s - 30), s)
                if before is not None:
                    s = before.start()
                    parts["weekday"] = days.get(before.group("wd").lower())
            found.append({"start": s, "end": e, "pattern": name, "parts": parts})
            taken.append((s, e))
    return sorted(found, key=lambda d: d["start"])


# "... program pemberdayaan warga binaan (9/12).": a bracketed day/month closing a clause after a word
_BARE_BEFORE = re.compile(r"[A-Za-z]{2,} $")
_BARE_AFTER = re.compile(r"\s*[.,;]")


def _bare_bracket_date(text: str, s: int, e: int) -> bool:
    """A bracketed date with no weekday: news style puts the event's day and month in brackets
    at the end of the lead sentence; a bracket after a number or amid a clause is no date."""
    return bool(_BARE_BEFORE.search(text, max(0, s - 30), s)) and bool(_BARE_AFTER.match(text, e))


def _parts(m: re.Match, name: str, months, days, zones) -> Optional[dict]:
    g = m.groupdict()

    def month(v):
        if v is None:
            return None
        return int(v) if v.isdigit() else months.get(v.lower().rstrip("."))

    if name == "range":
        m2 = month(g["m2"])
        y2 = int(g["y2"]) if g["y2"] else None
        ends = [{"d": int(g["d1"]), "m": month(g["m1"]) or m2, "y": int(g["y1"]) if g["y1"] else y2},
                {"d": int(g["d2"]), "m": m2, "y": y2}]
        return {"range": ends} if all(1 <= x["d"] <= 31 and x["m"] for x in ends) else None
    if name == "list":  # every day of the list is a date; kept under "range" (several values, one span)
        mo, y = month(g["m"]), int(g["y"]) if g["y"] else None
        days = [int(x) for x in re.findall(r"\d{1,2}", g["days"])]
        if not mo or not all(1 <= x <= 31 for x in days) or len(set(days)) != len(days):
            return None
        return {"range": [{"d": x, "m": mo, "y": y} for x in days]}
    d, mo = int(g["d"]), month(g.get("m"))
    y = g.get("y")
    year = None
    if y:
        year = int(y) + (2000 if len(y) == 2 else 0)
    if not mo or not 1 <= mo <= 12 or not 1 <= d <= 31 or (year and not 1900 <= year <= 2100):
        return None
    parts = {"d": d, "m": mo, "y": year}
    if g.get("wd"):
        parts["weekday"] = days.get(g["wd"].lower())
    if g.get("hh") is not None:
        hh, mm = int(g["hh"]), int(g["mm"])
        if hh > 23 or mm > 59:
            return None
        parts["time"] = (hh, mm)
        if g.get("zone"):
            parts["zone"] = zones[g["zone"].lower()]
    return parts


@Language.factory("idpr_date_recognizer", assigns=["doc.spans"])
def make_date_recognizer(nlp: Language, name: str) -> "DateRecognizer":
    return DateRecognizer()


class DateRecognizer:
    """Writes `doc.spans["dates"]`; each span's `_.value` holds the parts (day, month, year, time, zone)."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for cand in find_dates(A.doc_text(doc)):
            span = doc.char_span(cand["start"], cand["end"], label="DATE", alignment_mode="expand")
            if span is None:
                continue
            A.set_span_attr(span, "value", cand["parts"])
            A.set_span_attr(span, "rule", f"date:{cand['pattern']}")
            spans.append(span)
        doc.spans[A.DATES] = longest_first(spans)
        return doc
