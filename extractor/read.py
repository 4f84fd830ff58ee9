"""Files -> articles: find them, decode them, take the main text out of pages and records.

Real folders hold what scrapers leave: UTF-16 and cp1252 files, HTML full of menus,
binary junk, half-written JSONL, FIFOs, loops of links, folders named like files. Each
file yields articles or an ArticleError with a kind; nothing here raises past the
caller, so one bad file never stops a run. What was read but needed care (another
encoding, bytes replaced) is said in `Article.warnings`, which the record carries.
"""
from __future__ import annotations

import errno
import json
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional, Union

from . import lexicon
from .errors import ArticleError

MAX_BYTES = 2_000_000          # a press release is ~3 KB; 2 MB is a book, not an article
MAX_JSONL_BYTES = 2_000_000_000
MAX_CHARS = 200_000            # the pipeline's limit on one text (pipeline.MAX_CHARS); a test keeps them equal
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
ANNOTATION_SUFFIXES = (".gold.json", ".spans.json")  # corpus annotation files, not articles
TEXT_FIELDS = ("text", "content", "body", "article", "isi")
_CHUNK = 1 << 20


@dataclass
class Article:
    id: str
    source: str
    text: str
    title: Optional[str] = None
    meta: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)   # what reading had to do (encoding, replaced bytes, a renamed id)


Item = Union[Article, ArticleError]


def sample_dir() -> Path:
    """The bundled sample articles: the default input, and what a driver warms its pipeline on."""
    return Path(str(resources.files("extractor").joinpath("samples")))


def find_files(paths: list[Union[str, Path]]) -> list[Path]:
    """Article files under the given paths, recursively, in a stable order (links to dirs not followed).

    Sorted by article id (the file name up to its first dot), then by path; a path given twice
    is listed once. A folder named like an article file ("x.txt/") that holds no article files,
    and a folder that cannot be listed, are listed themselves so that `read_path` reports them.
    """
    return [Path(p) for p in find_paths(paths)]


def find_paths(paths: list[Union[str, Path]]) -> list[str]:
    """find_files as plain strings: what a run holds for the whole folder while it works.

    A str costs ~100 bytes where a Path costs ~370, and is not tracked by the garbage
    collector, so forked workers never touch (and so copy) the pages of the list.
    """
    found: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(_walk(p))
        else:
            found.append(str(p))
    if len(paths) > 1:  # one folder walked without following links lists each path once
        unique: dict[str, str] = {}
        for f in found:
            unique.setdefault(os.path.normpath(os.path.abspath(f)), f)
        found = list(unique.values())
    found.sort()
    found.sort(key=article_id)  # stable: by id, then by path, without a tuple per file
    return found


def _walk(top: Path) -> list[str]:
    out: list[str] = []
    failed: list[str] = []

    def onerror(err: OSError) -> None:
        failed.append(str(Path(err.filename)) if err.filename else str(top))

    tree: dict[str, int] = {}  # folder -> article files found under it
    for root, dirs, files in os.walk(top, onerror=onerror, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))  # .git, .ipynb_checkpoints: not articles
        folder = str(Path(root))
        prefix = "" if folder == "." else folder if folder.endswith(os.sep) else folder + os.sep
        mine = [prefix + name for name in sorted(files) if _wanted(name)]
        out.extend(mine)
        # count the files in this folder and every folder above it up to the top
        r = Path(root)
        while True:
            tree[str(r)] = tree.get(str(r), 0) + len(mine)
            if r == top or r == r.parent:
                break
            r = r.parent
    for folder, n in tree.items():
        if n == 0 and Path(folder).suffix.lower() in ARTICLE_SUFFIXES and not _hidden(Path(folder).name):
            out.append(folder)
    out.extend(failed)
    return out


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _wanted(name: str) -> bool:
    low = name.lower()
    if _hidden(low) or low.endswith(ANNOTATION_SUFFIXES):
        return False
    return Path(low).suffix in ARTICLE_SUFFIXES


def article_id(path: Union[str, Path]) -> str:
    """The id of the article in a one-article file: its name up to the first dot."""
    return os.path.basename(os.fspath(path).rstrip(os.sep) or os.sep).split(".")[0]


def is_multi_record(path: Union[str, Path]) -> bool:
    """JSON and JSONL files may hold many articles whose ids are in the content."""
    return Path(path).suffix.lower() in JSON_SUFFIXES


def read_path(path: Union[str, Path]) -> Iterator[Item]:
    """Every article in one file, or the error that stopped it. Never raises."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            yield _directory_error(path)
            return
        if suffix not in ARTICLE_SUFFIXES:
            raise ArticleError("unsupported", source, f"file type {suffix or '(none)'} is not read; "
                               "use .txt, .md, .html, .json or .jsonl")
        if not stat.S_ISREG(st.st_mode):
            raise ArticleError("unreadable", source, f"not a regular file ({_file_type(st.st_mode)}); "
                               "reading it could block or never end")
        limit = MAX_JSONL_BYTES if suffix in JSONL_SUFFIXES else MAX_BYTES
        if st.st_size > limit:
            raise ArticleError("too_large", source, f"{st.st_size} bytes is over the {limit} byte limit for one file")
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path)
            return
        data = _read_limited(path, limit)
        if suffix in JSON_SUFFIXES:
            yield from _read_json_doc(data, path)
            return
        text, warnings = _decode(data, source)
        if suffix in HTML_SUFFIXES:
            article = _from_html(text, path)
            article.warnings[:0] = warnings
        else:
            article = Article(id=article_id(path), source=source, text=text, warnings=warnings)
        yield _checked(article, source)
    except ArticleError as err:
        yield err
    except OSError as err:
        yield ArticleError("unreadable", source, _os_message(err, path))
    except RecursionError as err:
        yield ArticleError("unreadable", source, f"RecursionError: {err}")
    except Exception as err:  # a bug in a library (trafilatura, lxml, ...): reported with the file, never raised
        yield ArticleError("internal", source, f"{type(err).__name__}: {err}")


def _directory_error(path: Path) -> ArticleError:
    try:
        os.listdir(path)
    except OSError as err:
        return ArticleError("unreadable", str(path), f"the folder cannot be listed: {_os_message(err, path)}")
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return ArticleError("unreadable", str(path), "a directory named like an article file, holding no article files")
    return ArticleError("unreadable", str(path), "is a directory")


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a file"


def _os_message(err: OSError, path: Path) -> str:
    if err.errno == errno.ELOOP:
        return "a loop of symbolic links (ELOOP)"
    if err.errno == errno.ENOENT and path.is_symlink():
        return f"a broken symbolic link (to {os.readlink(path)})"
    if err.errno == errno.ENOENT:
        return "the file vanished before it was read"
    return f"{type(err).__name__}: {err.strerror or err}"


def _read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a file, but never more than limit (a file can grow between stat and read)."""
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ArticleError("too_large", str(path), f"over the {limit} byte limit for one file")
    return data


def decode(data: bytes, source: str) -> str:
    """Bytes -> text: BOMs first, then strict UTF-8, then charset detection."""
    return _decode(data, source)[0]


def _decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Bytes -> (text, warnings). Raises ArticleError for empty, binary and undecodable data."""
    if not data.strip():
        raise ArticleError("empty", source, "the file is empty or only white space")
    for bom, codec, name in ((b"\xef\xbb\xbf", "utf-8-sig", None), (b"\xff\xfe", "utf-16", "UTF-16 (LE, BOM)"),
                             (b"\xfe\xff", "utf-16", "UTF-16 (BE, BOM)")):
        if data.startswith(bom):
            text, bad = _decode_as(data, codec)
            if not text.strip():
                raise ArticleError("empty", source, "the file is empty or only white space")
            return _clean(text, source), _notes(name, bad)
    if b"\x00" in data[:4096]:
        if _looks_utf16(data):
            codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
            text, bad = _decode_as(data, codec)
            return _clean(text, source), _notes(f"{codec.upper()} (no BOM)", bad)
        raise ArticleError("binary", source, "the file holds NUL bytes: it is not text")
    try:
        return _clean(data.decode("utf-8"), source), []
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return _clean(mostly[0], source), _notes(None, mostly[1])
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ArticleError("undecodable", source, "no text encoding fits the bytes")
    encoding = best.encoding
    if _LATIN_CODEPAGE.match(encoding) and encoding != "cp1252":
        # the Western code page is what Indonesian Windows text is in; charset detection cannot
        # tell cp1250 from cp1252 on text whose only non-ASCII bytes are quotes and dashes
        try:
            return _clean(data.decode("cp1252"), source), _notes("cp1252", 0)
        except UnicodeDecodeError:
            pass
    text, bad = _decode_as(data, encoding)
    return _clean(text, source), _notes(encoding, bad)


_LATIN_CODEPAGE = re.compile(r"^(cp125[02478]|latin_?\d*|iso8859_(1|2|3|4|9|10|13|14|15|16)|mac_(roman|latin2)|cp850)$")


def _decode_as(data: bytes, codec: str) -> tuple[str, int]:
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        return text, max(1, text.count("\ufffd"))


def _mostly_utf8(data: bytes) -> Optional[tuple[str, int]]:
    """UTF-8 with a few stray bytes (a cp1252 quote pasted into a UTF-8 page) stays UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if good >= 2 and bad <= good // 4:
        return text, bad
    return None


def _notes(encoding: Optional[str], bad: int) -> list[str]:
    notes = []
    if encoding:
        notes.append(f"read as {encoding}: the file is not UTF-8")
    if bad:
        notes.append(f"{bad} undecodable byte sequence(s) replaced by U+FFFD")
    return notes


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    return head[1::2].count(0) > len(head) * 0.4 or head[0::2].count(0) > len(head) * 0.4


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# UTF-8 read as cp1252 (or Latin-1): a lead byte's character, then one to three continuation
# bytes' characters ("â€™" is "’", "Ã©" is "é"). The cp1252 characters of the bytes 0x80-0x9F:
_CONT = "[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4]")


def _clean(text: str, source: str) -> str:
    """Line ends unified; control characters are a sign of binary data, not of an article;
    mis-decoded punctuation repaired, so that no word is glued to junk characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text[:20_000]))
    if controls > max(8, len(text[:20_000]) // 100):
        raise ArticleError("binary", source, f"{controls} control characters: this is not text")
    return _repair(_CONTROL.sub(" ", text))


def _repair(text: str) -> str:
    """"â€™" -> "’", "Ã©" -> "é" (UTF-8 bytes that were read as cp1252), then the stray
    characters such decoding leaves behind (language.yaml: "batako,†terang")."""
    if _MOJIBAKE_HINT.search(text):
        text = _MOJIBAKE.sub(_redecode, text)
    stray = _stray()
    if stray.search(text):
        table = lexicon.language().stray_characters
        text = stray.sub(lambda m: table[m.group()], text)
    return _GLUED_QUOTE.sub(r"\1 ", text)


# A closing quote after a sentence's punctuation, glued to the next word ("batako,”terang"):
# the tokenizer cannot split it, so the quote and the word are parted by a space.
_GLUED_QUOTE = re.compile(r"(?<=[,.!?])([”’])(?=[^\W\d_])")


def _redecode(m: re.Match) -> str:
    raw = bytearray()
    for ch in m.group():
        code = ord(ch)
        raw.extend(bytes([code]) if code < 0x100 else ch.encode("cp1252"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return m.group()


@lru_cache(maxsize=1)
def _stray() -> re.Pattern:
    keys = sorted(lexicon.language().stray_characters, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)) or "(?!)")


def _from_html(html: str, path: Path) -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    except Exception as err:  # lxml and trafilatura raise on some broken pages
        raise ArticleError("no_text", str(path), f"the page could not be parsed: {type(err).__name__}: {err}")
    if doc is None:
        raise ArticleError("no_text", str(path), "no main text found in the page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not body:
        raise ArticleError("no_text", str(path), "no main text found in the page")
    body = re.sub(r"\n+", "\n\n", body)  # trafilatura's blocks are paragraphs: a blank line between, as in .txt
    title = (data.get("title") or "").strip() or None
    return Article(id=article_id(path), source=str(path), text=_clean(_with_title(title, body), str(path)), title=title,
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
        raise ArticleError("no_text", source, f"no text field (one of {', '.join(TEXT_FIELDS)}) with text in it")
    title = obj.get("title") if isinstance(obj.get("title"), str) and obj["title"].strip() else None
    raw_id = obj.get("id")
    art_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    meta = {k: obj[k] for k in ("url", "date") if isinstance(obj.get(k), str)}
    return Article(id=art_id or default_id, source=source, text=_clean(_with_title(title, body), source),
                   title=title, meta=meta)


def _read_json_doc(data: bytes, path: Path) -> Iterator[Item]:
    source = str(path)
    text, warnings = _decode(data, source)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # JSON Lines under a .json name
            yield from _jsonl_lines(text.encode("utf-8").splitlines(keepends=True), path)
            return
        yield ArticleError("bad_json", source, f"not valid JSON: {err}")
        return
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        yield ArticleError("no_text", source, "an empty JSON array")
        return
    stem = article_id(path)
    for n, item in enumerate(items, 1):
        default = stem if len(items) == 1 else f"{stem}-{n}"
        where = source if len(items) == 1 else f"{source}#{n}"
        try:
            article = _from_record(item, where, default)
            article.warnings[:0] = warnings
            yield _checked(article, where)
        except ArticleError as err:
            yield err


def _read_jsonl(path: Path) -> Iterator[Item]:
    with path.open("rb") as fh:
        yield from _jsonl_lines(_bounded_lines(fh, MAX_BYTES), path)


def _bounded_lines(fh, limit: int) -> Iterator[bytes]:
    """Lines of a binary file, each at most limit + 1 bytes: an endless line is cut, not held in memory.

    A line over the limit is given as its first limit + 1 bytes (so the caller sees it is too long);
    the rest of it is skipped.
    """
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        yield line
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the long line
                rest = fh.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break


def _jsonl_lines(lines, path: Path) -> Iterator[Item]:
    stem = article_id(path)
    seen = False
    for n, raw in enumerate(lines, 1):
        where = f"{path}:{n}"
        if not raw.strip():
            continue
        seen = True
        if len(raw) > MAX_BYTES:
            yield ArticleError("too_large", where, f"a line over the {MAX_BYTES} byte limit")
            continue
        try:
            text, warnings = _decode(raw, where)
            obj = json.loads(text)
            article = _from_record(obj, where, f"{stem}-{n}")
            article.warnings[:0] = warnings
            yield _checked(article, where)
        except json.JSONDecodeError as err:
            yield ArticleError("bad_json", where, f"line is not valid JSON (truncated?): {err.msg} (column {err.colno})")
        except RecursionError:
            yield ArticleError("bad_json", where, "line is nested too deeply to be a record")
        except ArticleError as err:
            yield err
    if not seen:
        yield ArticleError("empty", str(path), "the file is empty or only white space")


@lru_cache(maxsize=1)
def _language_sets() -> tuple[frozenset, frozenset, float, int]:
    lang = lexicon.language()
    return (frozenset(lang.indonesian_function_words), frozenset(lang.other_language_words),
            lang.min_function_word_share, lang.min_words)


_WORD = re.compile(r"[a-zA-Z][a-zA-Z-]*")


def _checked(article: Article, source: str) -> Article:
    """Reject what is not an Indonesian article before the pipeline spends time on it."""
    text = article.text
    if not text.strip():
        raise ArticleError("empty", source, "no text")
    if len(text) > MAX_CHARS:
        raise ArticleError("too_large", source, f"{len(text)} characters is over the {MAX_CHARS} character limit "
                           "for one article")
    function, other, min_share, min_words = _language_sets()
    words = _WORD.findall(text.lower()[:50_000])
    if len(words) < min_words:
        raise ArticleError("not_article", source, f"{len(words)} words: too short for a press release")
    share = sum(w in function for w in words) / len(words)
    foreign = sum(w in other for w in words) / len(words)
    if share < min_share or foreign > share:
        raise ArticleError("not_indonesian", source,
                           f"Indonesian function words are {share:.0%} of the text (other languages' {foreign:.0%})")
    return article


def read_text(text: str, article_id: str = "article", source: str = "<text>") -> Article:
    """An article from a string, with the same checks as files get."""
    return _checked(Article(id=article_id, source=source, text=_clean(text, source)), source)
