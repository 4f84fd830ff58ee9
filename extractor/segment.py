"""Segment a press release: title, byline, timestamp line, dateline, body, sign-off, sentences.

Where a fact sits decides what it means: a date on the timestamp line is the publication
date, the same date in the body is an event; "(Humas Lapas X)" at the end is the author,
not an organization's action. So layout is read first, from lines, before any entity.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Optional

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from . import doc_attrs
from . import lexicon

_DASH = r"(?:\s?[-–—]{1,2}\s|\s?[–—]\s?|\s-{1,2}\s?)"
# "PURWOKERTO -", "Purwokerto –", "MARTAPURA, KORANBANJAR.NET –", "Kotabaru, 12 Maret 2025 –",
# "Tangerang, INFO_PAS -", "Cybernews.id - Ketapang - Kalbar ."
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’.]*(?:\s[A-Z][A-Za-z'’.]*){0,3})"
    r"(?:\s?\((?P<paren>[^()]{2,40})\))?"
    r"(?:\s?,\s?(?P<extra>[^–—\n]{1,60}?))?" + _DASH
)
# "TARUTUNG : Rumah ...", "Garut-Lembaga ...": a colon after a space, or a hyphen glued to both words
_DATELINE_TIGHT = re.compile(r"^(?P<place>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2})(?:\s:\s?|-(?=[A-Z][a-z]))")
_OUTLET_FIRST = re.compile(r"^(?P<outlet>[A-Za-z][\w.]*\.(?:id|com|co\.id|net|org|news))\s[-–—]\s(?P<place>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)\b", re.I)
# The outlet-and-place datelines of news sites, in either order, with any of the separators
# sites use: "Binjai|Buser24.com-", "Tinta-rakyat.com-Langgur//", "KBRN, Situbondo:",
# "INDRAMAYU-Gerbang Investigasi.com" (a line of its own), "KORANTANGERANG.COM-" (no place).
# The outlet is a web address (maybe after one or two capitalised words) or an all-capitals
# name; the place is one to three capitalised words; what follows the last separator is body.
_SITE = r"(?:[A-Z][\w]*\s){0,2}[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?i:co\.id|com|id|net|org|news|co|tv|info|online)(?![\w.])"
_CAPS_NAME = r"[A-Z][A-Z0-9_]{2,15}(?![\w.-])"
_PLACE_WORDS = r"[A-Z][A-Za-z'’]*(?:\s[A-Z][A-Za-z'’]*){0,2}"
_SEP = r"\s*(?:\||//?|[-–—]{1,2}|,|:)\s*"
_SEP_END = r"(?:\s*(?:\||//?|[-–—]{1,2}|:)\s*|\s*$)"
_PLACE_SITE = re.compile(rf"^(?P<place>{_PLACE_WORDS})(?!-[a-z]){_SEP}(?P<outlet>{_SITE}){_SEP_END}")
# "Faktaberita.Online-Lubuklinggau/Sumsel": the place's province after a slash
_SITE_PLACE = re.compile(rf"^(?P<outlet>{_SITE}|{_CAPS_NAME}){_SEP}(?P<place>{_PLACE_WORDS})(?:/[A-Z][A-Za-z]+(?=\s*$))?{_SEP_END}")
_SITE_ONLY = re.compile(rf"^(?P<outlet>{_SITE})\s*(?:\||//?|[-–—]{{1,2}}|:)\s*(?=[A-Z])")
# "Netsembilan.com Indramayu –", "Targetberita.co.id Jakarta, Lembaga": a web address, a space,
# a gazetteer place, then the separator
_SITE_SPACE_PLACE = re.compile(rf"^(?P<outlet>{_SITE})\s+(?P<place>{_PLACE_WORDS})\s*(?:\||//?|[-–—]{{1,2}}|:|,)\s*")
# "Sulut Times, Bitung: Lembaga": a site's name with an outlet word, a comma, a gazetteer place, a colon
_NAME_PLACE_COLON = re.compile(r"^(?P<outlet>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2}),\s(?P<place>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2})\s?:\s")
# "GresikSatu | Rumah ...": a site's one-word name (camel case, outlet words) before a bar
_NAME_BAR = re.compile(r"^(?P<outlet>[A-Z][A-Za-z0-9]{3,30})\s*\|\s*(?=[A-Z])")
# "Kupang, NTT (ANTARA) -": the outlet in brackets after the place's province
_EXTRA_PAREN = re.compile(r"^(?P<extra>[^()]*?)\s?\((?P<paren>[^()]{2,40})\)\s*$")
_OUTLET = re.compile(r"(?:[A-Za-z0-9-]+\.)+(?:COM|CO\.ID|ID|NET|ORG|NEWS|co\.id|com|id|net|org|news)\b|\bINFO_PAS\b|\b[A-Z]{3,}[A-Z0-9_]*(?:\.[A-Z]{2,})+\b")
_LABELS = "|".join(re.escape(w) for w in lexicon.grammar().credit_labels)
_BYLINE = re.compile(
    rf"^(?:(?P<label>{_LABELS})(?![\w-])"
    r"\s*:?\s*(?P<who>.+)"
    r"|(?P<name>[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,3})\s[-–—|]\s(?P<outlet>[A-Z0-9][\w.]*\.[A-Za-z]{2,}[\w.]*))$"
)
# A sign-off on its own line: "(Humas Lapas X)", "(enn).", "- LPP Martapura", "(*)[Zairi]", "| Eva*"
_SIGNOFF = re.compile(r"^\(\s*(?P<who>[^()]{2,80}?)\s*\)\.?$|^\((?P<initials>[a-z]{2,6})\)$"
                      r"|^(?:\(\*\)\s*)?\[(?P<bracket>[^\[\]]{2,40})\]$"
                      r"|^(?P<code>[a-z]{2,5}(?:/[a-z]{2,6})*)\.?$"
                      r"|^[-–—|]\s*(?P<dash>[A-Z][\w.'’]*(?:\s[A-Z][\w.'’/]*){0,4})\s*\*?$")
# A sign-off closing the last paragraph, after its final punctuation: "... kerjasama. (Pranoto Adi)",
# "... lapas,” tukasnya. (enn).", "....(mia)", "...nasional.| Eva*", "...(*)[Zairi]", "...terlarang.nrd/ril"
_NAME_CHARS = r"[A-Za-z][A-Za-z.'’ ]{0,38}[A-Za-z.](?:\s?/\s?[A-Za-z*]{1,12})?"
_INLINE_SIGNOFF = re.compile(
    r"(?<=[.!?”\"’])\s*(?:"
    rf"\((?P<paren>{_NAME_CHARS}|[a-z]{{2,6}})\)\.?"
    r"|(?:\(\*\)\s*)?\[(?P<bracket>[A-Za-z][A-Za-z.'’ ]{1,38})\]"
    r"|\|\s*(?P<bar>[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,2})\s*\*?"
    r"|(?P<slash>[a-z]{2,6}(?:/[a-z]{2,6})+)"
    r"|(?<=\s)(?P<code>[a-z]{2,5})"  # "... Rutan Rantau. ant": an outlet's or writer's code, no brackets
    r")\s*$")
# In pasted text a sign-off may stand a few lines before the end: "... pendamping. (edlan)"
_INITIALS_AT_END = re.compile(r"(?<=[.!?”\"’])\s*\((?P<paren>[a-z]{2,6})\)\.?\s*$")
# A bare name on the last line: "Ning", "Guntur Eko" (no sentence punctuation, at most three words)
_BARE_NAME = re.compile(r"^[A-Z][a-z'’]+(?:\s[A-Z][a-z'’.]*){0,2}$")
# Page furniture after the credits: "COPYRIGHT © ANTARA 2023", "***"
_END_FURNITURE = re.compile(r"^(?:copyright\b|©|\(c\)\s).*|^[*#=~_\s\d]+$", re.I)
_CREDIT = re.compile(rf"^(?P<label>{_LABELS})\s*:\s*(?P<who>.{{2,80}})$", re.I)
# What follows a credit's name on the same line: "Rina Marlina - GARUT, JABARNEWS.ID", "X | Editor: Y"
_CREDIT_TAIL = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
_TIMESTAMP_WORDS = re.compile(r"[A-Za-z]+")
_SENT_END = {".", "!", "?", "…"}
_CLOSE_QUOTES = {"”", '"', "’", "'", ")"}
_ENDERS = _SENT_END | _CLOSE_QUOTES


@lru_cache(maxsize=None)
def _months_and_days() -> frozenset[str]:
    data = lexicon.dates()
    words = {w for names in data.months.values() for w in names}
    words |= {w for names in data.weekdays.values() for w in names}
    words |= set(data.zones) | set(data.timestamp_words)
    return frozenset(words)


def _is_timestamp(line: str, date_words: set[str]) -> bool:
    """A short line made only of date/time words and numbers."""
    if len(line) > 100 or not re.search(r"\d", line):
        return False
    words = [w.lower() for w in _TIMESTAMP_WORDS.findall(line)]
    if not re.search(r"\d{4}|\d{1,2}[:.]\d{2}", line) or not words and not re.search(r"\d{4}", line):
        return False
    if all(w in date_words for w in words):
        return True
    # "Selasa, 07 Januari 2025 | 22.51 WIB | 0 Views": a date first, page furniture after
    head = re.split(r"\s[|•·]\s", line)[0]
    head_words = [w.lower() for w in _TIMESTAMP_WORDS.findall(head)]
    return head != line and bool(re.search(r"\d{4}", head)) and all(w in date_words for w in head_words)


# A short head, then the date: "Sidikalang | Rabu, 22 Oktober 2025", "Admin - 20 Oktober 2025", "SINJAI, 12/08/2025 | 11:30 WITA"
_HEAD_THEN_DATE = re.compile(r"^(?P<place>[A-Z][A-Za-z.' ]{1,30}?)(?:\s+[|•·–—-]\s+|(?P<comma>,)\s+)")


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(raw)
    return spans


def _looks_like_title(line: str) -> bool:
    if len(line) > 250 or len(line.split()) < 3 or _OUTLET.search(line.split("|")[0]) and "|" in line:
        return False
    if _DATELINE.match(line) and len(line) > 120:
        return False
    return not line.rstrip().endswith((".", "!", "?")) or len(line) < 120


def segment_text(text: str) -> dict:
    """Character ranges of the layout parts (pure function, so it can be tested alone)."""
    date_words = _months_and_days()
    lines = _lines(text)
    seg: dict = {"title": None, "byline": None, "byline_name": None, "outlet": [], "timestamp": None,
                 "dateline": None, "dateline_place": None, "dateline_region": None, "dateline_zone": None,
                 "signoff": None, "author": None, "credits": [], "header_end": 0, "body": None, "repeated_title": []}
    if not lines:
        return seg
    i = 0
    header_limit = min(len(lines), 8)
    while i < header_limit:
        s, e = lines[i]
        line = text[s:e]
        by = _BYLINE.match(line)
        place_first = _HEAD_THEN_DATE.match(line) if i else None
        if seg["timestamp"] is None and _trailing_timestamp(text, s, e, seg, date_words):
            pass  # "Senin, 20 Oktober 2025 | 10:15 WIB", "Posted on October 20, 2025 by Budi"
        elif place_first and _known_place(place_first.group("place")) and seg["timestamp"] is None \
                and _is_timestamp(line[place_first.end():], date_words):
            # "Sidikalang | Rabu, 22 Oktober 2025 | 10:15 WIB": the dateline's place, then the timestamp
            seg["dateline_place"] = (s, s + place_first.end("place"))
            seg["timestamp"] = (s + place_first.end(), e)
        elif i and _dateline_line(line):
            break  # "INDRAMAYU-Gerbang Investigasi.com": the dateline on a line of its own opens the body
        elif by and len(line) < 120 and (by.group("outlet") or by.group("label")):
            seg["byline"] = (s, e)
            if by.group("outlet"):
                ns = s + by.start("name")
                seg["byline_name"] = (ns, ns + len(by.group("name")), "wartawan")
                os_ = s + by.start("outlet")
                seg["outlet"].append((os_, os_ + len(by.group("outlet"))))
            else:
                _add_credits(text, s, e, seg)
        elif place_first and not place_first.group("comma") and seg["timestamp"] is None \
                and _is_timestamp(line[place_first.end():], date_words):
            # "Admin | Senin, 20 Oktober 2025": a byline whose date is the publication date
            seg["byline"] = (s, e)
            seg["timestamp"] = (s + place_first.end(), e)
        elif seg["title"] is None and i == 0 and _looks_like_title(line):
            seg["title"] = (s, e)
        elif seg["title"] and line == text[seg["title"][0]:seg["title"][1]]:
            seg["repeated_title"].append((s, e))
        elif len(line.split()) <= 3 and not _DATELINE.match(line + " "):
            pass  # page furniture between title and body ("- Jurnalis", "Share:")
        else:
            break
        i += 1
    seg["header_end"] = lines[i][0] if i < len(lines) else len(text)
    body_lines = lines[i:]
    j = _trailer(text, body_lines, seg, date_words)
    body_lines = body_lines[:j]
    if body_lines and seg["signoff"] is None:
        _inline_signoff(text, body_lines, seg)
    if body_lines:
        seg["body"] = (body_lines[0][0], body_lines[-1][1])
        for line in body_lines[:3]:  # a lead summary may stand before the dateline paragraph
            _dateline(text, line, seg)
            if seg["dateline"]:
                break
        if not seg["dateline"]:
            seg["dateline_zone"] = (body_lines[0][0], min(body_lines[0][1], body_lines[0][0] + 40))
    return seg


def _dateline_line(line: str) -> bool:
    site = _site_dateline(line) if len(line) < 80 else None
    return bool(site and site[1] and site[2] == len(line) and _known_place(line[site[1][0]:site[1][1]]))


def _trailer(text: str, body_lines: list[tuple[int, int]], seg: dict, date_words) -> int:
    """Sign-off, credit and timestamp lines at the end; returns where the body stops.

    Read upwards from the last line, skipping copyright furniture, so that "Pewarta: X /
    Editor: Y / COPYRIGHT © ..." and "(mia) / Diterbitkan tanggal 19 Oktober 2025 by Z" are read."""
    j = len(body_lines)
    while j > 0:
        s, e = body_lines[j - 1]
        line = text[s:e]
        so, cr = _SIGNOFF.match(line), _CREDIT.match(line)
        if so and seg["signoff"] is None and not (so.group("dash") and _list_item(text, body_lines, j)):
            group = next(g for g in ("who", "initials", "bracket", "code", "dash") if so.group(g))
            if group == "code" and _common_word(so.group("code")):
                break
            _set_signoff(seg, s + so.start(group), so.group(group), (s, e))
        elif cr:
            _add_credits(text, s, e, seg)
        elif _END_FURNITURE.match(line) and len(line) < 80:
            pass
        elif seg["timestamp"] is None and _trailing_timestamp(text, s, e, seg, date_words):
            pass
        elif seg["signoff"] is None and j == len(body_lines) and j > 1 and _BARE_NAME.match(line) \
                and not _known_place(line) and line.split()[0] not in _LABEL_WORDS:
            _set_signoff(seg, s, line, (s, e))  # "Ning": a writer's name alone on the last line
        else:
            break
        j -= 1
    return j


def _list_item(text: str, body_lines: list[tuple[int, int]], j: int) -> bool:
    """"- LPP Martapura" closes an article; "- Sapu lidi" after "- Keset" is the last item of a list."""
    return j < 2 or text[body_lines[j - 2][0]] in "-–—•*|"


def _set_signoff(seg: dict, start: int, who: str, rng: tuple[int, int]) -> None:
    """The sign-off range, and its name as the author: "Humas Lapas X/red" -> "Humas Lapas X",
    "BEM/r" -> "BEM"; lower-case initials with no editorial mark ("faiz/aam": writer/editor) stay whole."""
    seg["signoff"] = rng
    parts = [p.strip(" *.") for p in who.split("/")]
    codes = all(len(p) >= 2 and p.isalpha() and p.islower() for p in parts) \
        and not _SIGNOFF_MARKS.intersection(parts[1:])
    name = (who if len(parts) > 1 and codes else who.split("/")[0]).rstrip(" *.")
    lead = len(name) - len(name.lstrip(" *"))
    if len(name.strip(" *")) >= 2:
        seg["author"] = (start + lead, start + len(name))


def _inline_signoff(text: str, body_lines: list[tuple[int, int]], seg: dict) -> None:
    """A sign-off closing the last paragraph ("... kerjasama. (Pranoto Adi)"); in pasted text
    initials may close a paragraph a few lines before the end ("... pendamping. (edlan)")."""
    s, e = body_lines[-1]
    m = _INLINE_SIGNOFF.search(text, s, e)
    if m is None:
        for s, e in reversed(body_lines[-5:-1]):
            m = _INITIALS_AT_END.search(text, s, e)
            if m:
                break
    if m is None:
        return
    group = next(g for g in ("paren", "bracket", "bar", "slash", "code") if m.group(g))
    if group == "paren" and _is_acronym_of_sentence(text, s, m) or group == "code" and _common_word(m.group("code")):
        return
    _set_signoff(seg, m.start(group), m.group(group), (m.start() + len(m.group()) - len(m.group().lstrip()), m.end()))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    lang = lexicon.language()
    return frozenset(lang.indonesian_function_words) | frozenset(lexicon.grammar().short_words) \
        | frozenset(lang.other_language_words)


def _common_word(code: str) -> bool:
    """"ant", "nrd/ril" are codes; "ini", "dan", "ya" ending a paragraph are words."""
    return code.split("/")[0] in _common_words()


def _is_acronym_of_sentence(text: str, line_start: int, m: re.Match) -> bool:
    """"... Badan Narkotika Nasional. (BNN)": an all-capitals word already written out in the line."""
    who = m.group("paren")
    if not who.isupper() or " " in who or len(who) < 3:
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", text[line_start:m.start()]))
    return who in initials or who in text[line_start:m.start()]


def _trailing_timestamp(text: str, s: int, e: int, seg: dict, date_words) -> bool:
    """"Diterbitkan tanggal 19 Oktober 2025 by Aan": a timestamp line at the end, maybe with its poster."""
    line = text[s:e]
    by = _POSTED_BY.search(line)
    head = line[:by.start()] if by else line
    if not _is_timestamp(head, date_words):
        return False
    seg["timestamp"] = (s, s + len(head))
    if by and seg["byline_name"] is None and by.group("name")[0].isupper():  # "by admin" is the site's account
        ns = s + by.start("name")
        seg["byline_name"] = (ns, ns + len(by.group("name")), "wartawan")
    return True


_POSTED_BY = re.compile(r"\s(?:" + "|".join(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in lexicon.grammar().posted_by_words)
                        + r")\s+(?P<name>[A-Za-z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,3})\s*$")


def _add_credits(text: str, s: int, e: int, seg: dict) -> None:
    """Every "Label: Name" part of a byline or credit line ("Reporter: X | Editor: Y"), the name
    without what follows it ("Rina Marlina - GARUT, JABARNEWS.ID", "Humas Lapas Palu | Sabtu ...")."""
    pos = s
    for part in re.split(r"(\s*\|\s*)", text[s:e]):
        m = _PART_CREDIT.match(part)
        if m and not part.isspace():
            label = m.group("label")
            ws = pos + (m.start("label") if label.lower() in _GROUP_WORDS else m.start("who"))
            who = _CREDIT_TAIL.split(m.group("who"))[0].rstrip(" .,")
            if len(who) >= 2:
                seg["credits"].append((ws, pos + m.start("who") + len(who), _role_label(label)))
        pos += len(part)


_PART_CREDIT = re.compile(rf"^(?P<label>{_LABELS})(?![\w-])\s*:?\s*(?P<who>\S.*)$", re.I)
_GROUP_WORDS = {w.lower() for w in lexicon.grammar().not_person_words}  # "Humas Lapas Palu": the label is the name's head
_LABEL_WORDS = set(lexicon.grammar().credit_labels) | set(lexicon.grammar().not_person_words)
_ROLE_LABELS = {a.lower() for r in lexicon.roles().roles if r.credit for a in r.aliases}


def _role_label(label: str) -> str:
    """A writer's label with no role of its own ("By", "Laporan", "Ditulis oleh") reads as "Oleh"."""
    low = label.lower()
    if low in _AUTHOR_LABELS and low not in _ROLE_LABELS and low not in _GROUP_WORDS and low != "sumber":
        return "Oleh"
    return label


_AUTHOR_LABELS = {w.lower() for w in lexicon.grammar().author_labels}


def _site_dateline(line: str) -> Optional[tuple[tuple[int, int], Optional[tuple[int, int]], int]]:
    """An outlet's dateline at the start of a line: (outlet range, place range or None, where the body starts)."""
    head = line[:100]
    if not head[:1].isalnum() or "." not in head and not head[:3].isupper():
        return None  # every form holds a web address or opens with an all-capitals name
    m = _SITE_PLACE.match(line)
    if m and (_good_dateline_place(m.group("place"), known=not m.group("outlet").count("."))
              or "." in m.group("outlet") and m.group("place").isupper() and line[m.end("place"):m.end()].strip()[:1] in {"-", "–", "—", ":"}) \
            and not _known_place(m.group("outlet")):
        # "INTIMNEWS.COM, PANGKALAN BUN –": an all-capitals place before a dash is the dateline's
        return m.span("outlet"), m.span("place"), m.end()
    m = _PLACE_SITE.match(line)
    if m and _good_dateline_place(m.group("place"), known=False):
        return m.span("outlet"), m.span("place"), m.end()
    m = _SITE_SPACE_PLACE.match(line)
    if m and _known_place(m.group("place")):
        return m.span("outlet"), m.span("place"), m.end()
    m = _SITE_ONLY.match(line)
    if m:
        return m.span("outlet"), None, m.end()
    return None


def _good_dateline_place(place: str, known: bool) -> bool:
    """A gazetteer place; beside a web address also one unknown word that is not a date word."""
    if _known_place(place):
        return True
    return not known and " " not in place and place.lower() not in _months_and_days() and not _outlet_like(place)


def _dateline(text: str, first: tuple[int, int], seg: dict) -> None:
    s, e = first
    para = text[s:e]
    site = _site_dateline(para)
    if site:
        (os_, oe), place, end = site
        seg["outlet"].append((s + os_, s + oe))
        if place:
            seg["dateline_place"] = (s + place[0], s + place[1])
        seg["dateline"] = (s, s + end)
        seg["dateline_zone"] = (s, min(e, s + end + 90))
        return
    m = _NAME_PLACE_COLON.match(para)
    if m and _known_place(m.group("place")) and _OUTLET_WORD.search(m.group("outlet")) \
            and not _known_place(m.group("outlet")):
        seg["outlet"].append((s, s + m.end("outlet")))
        seg["dateline_place"] = (s + m.start("place"), s + m.end("place"))
        seg["dateline"] = (s, s + m.end())
        seg["dateline_zone"] = (s, min(e, s + m.end() + 90))
        return
    m = _NAME_BAR.match(para)
    if m and _outlet_like(m.group("outlet")) and not _known_place(m.group("outlet")):
        seg["outlet"].append((s, s + m.end("outlet")))  # "GresikSatu | ...": the outlet, no place
        seg["dateline"] = (s, s + m.end())
        seg["dateline_zone"] = (s, min(e, s + m.end() + 90))
        return
    m = _OUTLET_FIRST.match(para)
    if m:
        seg["outlet"].append((s + m.start("outlet"), s + m.end("outlet")))
        seg["dateline_place"] = (s + m.start("place"), s + m.end("place"))
        seg["dateline"] = (s, s + m.end())
    else:
        m = _DATELINE.match(para)
        if not m:
            m = _DATELINE_TIGHT.match(para)
            if m and _known_place(m.group("place")) and re.search(rf"\b{re.escape(m.group('place'))}\b", text[s + m.end():], re.I):
                # "TARUTUNG : Rumah ...", "Garut-Lembaga ...": only a gazetteer place that the article
                # names again ("... Rutan Tarutung") may stand so; "Bina-Warga" is a compound word
                seg["dateline"] = (s, s + m.end())
                seg["dateline_place"] = (s + m.start("place"), s + m.end("place"))
                seg["dateline_zone"] = (s, min(e, seg["dateline"][1] + 90))
            return
        if m.group("place").lower() in _months_and_days():
            return
        place = m.group("place")
        extra, xs = m.group("extra"), m.start("extra")
        paren, ps = m.group("paren"), m.start("paren")
        pm = _EXTRA_PAREN.match(extra) if extra and not paren else None
        if pm and pm.group("extra").strip():  # "Kupang, NTT (ANTARA) -"
            paren, ps, extra = pm.group("paren"), xs + pm.start("paren"), pm.group("extra")
        if extra:  # the extra's own range, without the spaces around it
            xs += len(extra) - len(extra.lstrip())
            extra = extra.strip()
        extra_place = bool(extra) and _known_place(extra)
        if not _known_place(place) and _outlet_like(place) and not extra_place:
            # "Mediajawa – ...": an outlet where the place would stand
            if len(place.split()) == 1 and m.start("place") == 0:
                seg["outlet"].append((s, s + m.end("place")))
            return
        seg["dateline"] = (s, s + m.end())
        seg["dateline_place"] = (s + m.start("place"), s + m.end("place"))
        if extra_place and not _known_place(place):
            # "MURIANEWS, Kudus –": the outlet first, then the place
            seg["outlet"].append(seg["dateline_place"])
            seg["dateline_place"] = (s + xs, s + xs + len(extra))
        elif extra_place:
            seg["dateline_region"] = (s + xs, s + xs + len(extra))  # "Kupang, NTT": the place's province
        elif extra:
            om = _OUTLET.search(extra)
            if om:
                seg["outlet"].append((s + xs + om.start(), s + xs + om.end()))
            elif _outlet_like(extra) and len(extra.split()) == 1 or _named_outlet(extra):
                # "KOTABARU, Mediajawa –", "BUKITTINGGI, KLIKPOSITIF –", "MANOKWARI, PB News –"
                seg["outlet"].append((s + xs, s + xs + len(extra)))
        if paren and not _known_place(paren) and re.search(r"[A-Za-z]{3}", paren) and not _has_date(paren) \
                and paren.lower() not in _ROLE_LABELS | _AUTHOR_LABELS:  # "Sibolga (Wartawan) -" names no outlet
            seg["outlet"].append((s + ps, s + ps + len(paren)))
    # the dateline zone: dateline plus the lead-in before the first clause ("..., 31 Juli 2025 Lembaga")
    seg["dateline_zone"] = (s, min(e, seg["dateline"][1] + 90))


def _named_outlet(extra: str) -> bool:
    """A site's name after the dateline's place: "KLIKPOSITIF", "APN" (one all-capitals word that is no
    place), "PB News" (an outlet word); never a date ("Selasa (30/9)") or a place ("Jawa Tengah")."""
    words = extra.split()
    if not 0 < len(words) <= 3 or _has_date(extra) or _known_place(extra) \
            or not all(w[:1].isupper() for w in words) or any(w.lower() in _months_and_days() for w in words):
        return False
    if len(words) == 1:
        return extra.isalpha() and extra.isupper() and len(extra) >= 3  # "Timika, APN –"
    return any(_OUTLET_WORD.fullmatch(w) or _outlet_like(w) for w in words)


def _has_date(text: str) -> bool:
    return bool(re.search(r"\d{1,2}\s*/\s*\d{1,2}|\d{4}", text))


@lru_cache(maxsize=4096)
def _known_place(name: str) -> bool:
    return lexicon.fold_place(name) in lexicon.place_keys()


_OUTLET_WORD = re.compile("|".join(rf"{re.escape(w)}\b" if w == "pos" else re.escape(w)
                                   for w in lexicon.grammar().outlet_words), re.IGNORECASE)
_CAMEL = re.compile(r"[a-z][A-Z]")  # "MarmataNews", "iNews"
_OUTLET_SUFFIXES = tuple(lexicon.grammar().outlet_suffixes)


def _outlet_like(word: str) -> bool:
    """"Mediajawa", "OUTENTIK"-style site names where a dateline place would stand."""
    return bool(_OUTLET_WORD.search(word) or _CAMEL.search(word)) or (word.isupper() and len(word) > 3 and not _known_place(word)
                                               and word.endswith(_OUTLET_SUFFIXES))


def set_sentence_starts(doc: Doc, seg: dict) -> None:
    """Sentence starts from layout lines and end punctuation, respecting abbreviations.

    Decided on token strings and offsets, written in one `Doc.from_array` call: setting
    `is_sent_start` token by token checks the Doc's annotation state every time."""
    n = len(doc)
    if not n:
        return
    breaks = {r[0] for key in ("title", "byline", "timestamp", "signoff") if (r := seg.get(key))}
    breaks |= {r[0] for r in seg.get("repeated_title", [])}
    breaks |= {c[0] for c in seg.get("credits", [])}
    words = doc_attrs.token_texts(doc)
    idx = doc.to_array(IDX).tolist()
    text = doc_attrs.doc_text(doc)
    gap = [text[idx[i] + len(words[i]):idx[i + 1]] for i in range(n - 1)] + [""]  # white space after each token
    no_start = _CLOSE_QUOTES | {".", ","}
    values = numpy.full((n, 1), -1, dtype="int64")
    values[0, 0] = 1
    prev = None
    prev_newline = False
    wrapped: list = []  # decided once, on the first break that needs it
    header_end = seg.get("header_end") or 0
    for i in range(n):
        word = words[i]
        if word.isspace():
            prev_newline = prev_newline or "\n" in word
            continue
        newline = prev_newline or (prev is not None and "\n" in gap[prev])
        if newline and idx[i] > header_end and idx[i] not in breaks \
                and _wrapped_line(text, words[prev], idx[prev] + len(words[prev]), idx[i], word, wrapped):
            newline = False
        if i and (prev is None or newline or idx[i] in breaks
                  or (words[prev] in _ENDERS and _ends_sentence(words, gap, prev))) and word not in no_start:
            values[i, 0] = 1
        prev, prev_newline = i, False
    doc.from_array([SENT_START], values.astype("uint64"))  # -1 wraps, as Doc.to_array writes it


# A line broken inside a sentence: "... dengan\npengusaha", "... tanggal 19,\n20"
_WRAPPED = re.compile(r"[a-z,]\n[a-z]")


def _wrapped_line(text: str, prev_word: str, gap_start: int, start: int, word: str, wrapped: list) -> bool:
    """A single line break that falls inside a sentence (pasted, hard-wrapped text) ends none:
    the previous line stops on a word or a comma and the next goes on in lower case (or with
    the next item of a list of numbers); in a text wrapped so throughout, a capitalised word
    goes on too ("Kalapas Kelas ll B\nPanyabungan, ..."). A blank line always breaks."""
    if text.count("\n", gap_start, start) != 1 or not (prev_word[-1:].isalnum() or prev_word == ","):
        return False
    first = word[:1]
    if first.islower() or (first.isdigit() and prev_word == ","):
        return True
    if not first.isupper() or word[-1:] == ":":
        return False
    if not wrapped:
        wrapped.append(next(islice(_WRAPPED.finditer(text), 1, None), None) is not None)  # two such breaks or more
    return wrapped[0]


def _ends_sentence(words: list[str], gap: list[str], i: int) -> bool:
    """Only a word in _ENDERS can end a sentence (the caller checks that first: most words are not)."""
    word = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else None
    if word in _SENT_END:
        if word == "." and i > 0 and _abbreviation(words[i - 1]) and not gap[i - 1]:
            return False
        return nxt is None or not (nxt[:1].islower() or nxt[:1].isdigit())
    if word in _CLOSE_QUOTES and i > 0 and words[i - 1][-1:] in _SENT_END | {","}:
        return words[i - 1][-1:] != "," and (nxt is None or nxt[:1].isupper())
    return False


def _abbreviation(word: str) -> bool:
    """Title-case stubs ("Bc", "Hj", "Ir") and single initials end no sentence; "BNN." may."""
    return (len(word) == 1 and word.isupper()) or (2 <= len(word) <= 3 and word[0].isupper() and word[1:].islower()
                                                   and word.isalpha() and word.lower() not in _SHORT_WORDS)


_SHORT_WORDS = set(lexicon.grammar().short_words)
_SIGNOFF_MARKS = frozenset(lexicon.grammar().signoff_marks)


@Language.factory("idpr_segmenter", assigns=["doc._.segments", "token.is_sent_start"])
def make_segmenter(nlp: Language, name: str) -> "Segmenter":
    return Segmenter()


class Segmenter:
    """Layout parts as character ranges in `doc._.segments`; sentence starts on tokens."""

    def __call__(self, doc: Doc) -> Doc:
        seg = segment_text(doc_attrs.doc_text(doc))
        doc_attrs.set_doc_attr(doc, "segments", seg)
        set_sentence_starts(doc, seg)
        return doc
