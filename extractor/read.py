"""Files -> articles: find them, decode them, take the main text out of pages and records.

Real folders hold what scrapers leave: UTF-16 and cp1252 files, HTML full of menus,
binary junk, half-written JSONL. Each file yields articles or an ArticleError with a
kind; nothing here raises past the caller, so one bad file never stops a run.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from . import lexicon
from .errors import ArticleError

MAX_BYTES = 2_000_000          # a press release is ~3 KB; 2 MB is a book, not an article
MAX_JSONL_BYTES = 2_000_000_000
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
ANNOTATION_SUFFIXES = (".gold.json", ".spans.json")  # corpus annotation files, not articles
TEXT_FIELDS = ("text", "content", "body", "article", "isi")


@dataclass
class Article:
    id: str
    source: str
    text: str
    title: Optional[str] = None
    meta: dict = field(default_factory=dict)


Item = Union[Article, ArticleError]


def find_files(paths: list[Union[str, Path]]) -> list[Path]:
    """Article files under the given paths, recursively, in a stable order (links to dirs not followed)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if _wanted(name):
                        found.append(Path(root) / name)
        else:
            found.append(p)
    return sorted(found, key=lambda f: (f.name.split(".")[0], str(f)))


def _wanted(name: str) -> bool:
    low = name.lower()
    if low.startswith(".") or low.endswith(ANNOTATION_SUFFIXES):
        return False
    return Path(low).suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


def read_path(path: Union[str, Path]) -> Iterator[Item]:
    """Every article in one file, or the error that stopped it."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if path.is_dir():
            raise ArticleError("unreadable", source, "is a directory")
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES:
            raise ArticleError("unsupported", source, f"file type {suffix or '(none)'} is not read; "
                               "use .txt, .md, .html, .json or .jsonl")
        size = path.stat().st_size
        limit = MAX_JSONL_BYTES if suffix in (".jsonl", ".ndjson") else MAX_BYTES
        if size > limit:
            raise ArticleError("too_large", source, f"{size} bytes is over the {limit} byte limit for one file")
        if suffix in (".jsonl", ".ndjson"):
            yield from _read_jsonl(path)
            return
        data = path.read_bytes()
        if suffix in JSON_SUFFIXES:
            yield from _read_json_doc(data, path)
        elif suffix in HTML_SUFFIXES:
            yield _checked(_from_html(decode(data, source), path), source)
        else:
            yield _checked(Article(id=path.name.split(".")[0], source=source, text=decode(data, source)), source)
    except ArticleError as err:
        yield err
    except (OSError, RecursionError) as err:
        yield ArticleError("unreadable", source, f"{type(err).__name__}: {err.strerror if isinstance(err, OSError) else err}")


def decode(data: bytes, source: str) -> str:
    """Bytes -> text: BOMs first, then strict UTF-8, then charset detection."""
    if not data.strip():
        raise ArticleError("empty", source, "the file is empty or only white space")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _clean(data.decode(codec, errors="replace"), source)
    if b"\x00" in data[:4096]:
        if _looks_utf16(data):
            return _clean(data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace"), source)
        raise ArticleError("binary", source, "the file holds NUL bytes: it is not text")
    try:
        return _clean(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ArticleError("undecodable", source, "no text encoding fits the bytes")
    return _clean(data.decode(best.encoding, errors="replace"), source)


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    return head[1::2].count(0) > len(head) * 0.4 or head[0::2].count(0) > len(head) * 0.4


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str, source: str) -> str:
    """Line ends unified; control characters are a sign of binary data, not of an article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text[:20_000]))
    if controls > max(8, len(text[:20_000]) // 100):
        raise ArticleError("binary", source, f"{controls} control characters: this is not text")
    return _CONTROL.sub(" ", text)


def _from_html(html: str, path: Path) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None:
        raise ArticleError("no_text", str(path), "no main text found in the page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not body:
        raise ArticleError("no_text", str(path), "no main text found in the page")
    title = (data.get("title") or "").strip() or None
    return Article(id=path.name.split(".")[0], source=str(path), text=_with_title(title, body), title=title,
                   meta={k: data.get(k) for k in ("url", "date", "sitename", "author") if data.get(k)})


def _with_title(title: Optional[str], body: str) -> str:
    if title and not body.lstrip().startswith(title):
        return f"{title}\n\n{body}"
    return body


def _from_record(obj, source: str, default_id: str) -> Article:
    if not isinstance(obj, dict):
        raise ArticleError("no_text", source, f"a {type(obj).__name__}, not an object with a text field")
    body = next((obj[k] for k in TEXT_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()), None)
    if body is None:
        raise ArticleError("no_text", source, f"no text field (one of {', '.join(TEXT_FIELDS)})")
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    art_id = str(obj.get("id") or default_id)
    meta = {k: obj[k] for k in ("url", "date") if isinstance(obj.get(k), str)}
    return Article(id=art_id, source=source, text=_clean(_with_title(title, body.replace("\r\n", "\n")), source),
                   title=title, meta=meta)


def _read_json_doc(data: bytes, path: Path) -> Iterator[Item]:
    source = str(path)
    try:
        obj = json.loads(decode(data, source))
    except json.JSONDecodeError as err:
        yield ArticleError("bad_json", source, f"not valid JSON: {err}")
        return
    items = obj if isinstance(obj, list) else [obj]
    stem = path.name.split(".")[0]
    for n, item in enumerate(items, 1):
        default = stem if len(items) == 1 else f"{stem}-{n}"
        where = source if len(items) == 1 else f"{source}#{n}"
        try:
            yield _checked(_from_record(item, where, default), where)
        except ArticleError as err:
            yield err


def _read_jsonl(path: Path) -> Iterator[Item]:
    stem = path.name.split(".")[0]
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            where = f"{path}:{n}"
            if not raw.strip():
                continue
            if len(raw) > MAX_BYTES:
                yield ArticleError("too_large", where, f"line of {len(raw)} bytes is over the {MAX_BYTES} byte limit")
                continue
            try:
                obj = json.loads(decode(raw, where))
                yield _checked(_from_record(obj, where, f"{stem}-{n}"), where)
            except json.JSONDecodeError as err:
                yield ArticleError("bad_json", where, f"line is not valid JSON (truncated?): {err.msg}")
            except ArticleError as err:
                yield err


def _checked(article: Article, source: str) -> Article:
    """Reject what is not an Indonesian article before the pipeline spends time on it."""
    text = article.text
    if not text.strip():
        raise ArticleError("empty", source, "no text")
    lang = lexicon.language()
    words = re.findall(r"[a-zA-Z][a-zA-Z-]*", text.lower()[:50_000])
    if len(words) < lang.min_words:
        raise ArticleError("not_article", source, f"{len(words)} words: too short for a press release")
    function = set(lang.indonesian_function_words)
    other = set(lang.other_language_words)
    share = sum(w in function for w in words) / len(words)
    foreign = sum(w in other for w in words) / len(words)
    if share < lang.min_function_word_share or foreign > share:
        raise ArticleError("not_indonesian", source,
                           f"Indonesian function words are {share:.0%} of the text (other languages' {foreign:.0%})")
    return article


def read_text(text: str, article_id: str = "article", source: str = "<text>") -> Article:
    """An article from a string, with the same checks as files get."""
    return _checked(Article(id=article_id, source=source, text=_clean(text, source)), source)
