"""Bad input: one clear error per file, or a record (with a warning where reading needed care).

Every fixture is made in tmp_path; the Indonesian articles are the corpus's own texts,
copied (and re-encoded) at test time.
"""
from __future__ import annotations

import html
import json
import os
import pathlib
import signal
import socket
from pathlib import Path

import pytest

from extractor import read
from extractor.errors import ArticleError
from extractor.read import Article, article_id, find_files, find_paths, read_path, read_text
from extractor.run import run

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"
SCHEMA = ROOT / "schemas" / "article-record.v1.schema.json"

JAVANESE = (
    "Sugeng rawuh ing kutha Yogyakarta. Dina iki para warga binaan ing Lapas padha sinau nggawe bathik tulis. "
    "Kegiatan iki dianakake dening petugas lan pengrajin saka Kotagede. Wong-wong kang melu kegiatan kuwi padha "
    "seneng banget amarga bisa entuk ilmu anyar. Kepala Lapas ngendika yen kegiatan iki bakal diterusake saben "
    "minggu supaya warga binaan duwe katrampilan kanggo urip sawise metu saka pakunjaran. Para pengrajin uga "
    "nggawa canting lan malam kanggo latihan. Sakwise rampung, kabeh peserta foto bareng ing ngarep aula.\n")
ENGLISH = (
    "The Yogyakarta Class IIA Prison welcomed the owner of Batik Mulasari and two of her craftsmen on Wednesday. "
    "The visit was part of an effort to explore a partnership for training inmates in hand-drawn and stamped "
    "batik. The head of the work activities section received the guests in the workshop, where they discussed "
    "the schedule and the equipment that is needed for the first group of fifteen inmates. The warden said that "
    "the skills are close to the potential of the region and can give inmates a livelihood after release.\n")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
       + bytes(range(256)) * 8 + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def corpus_text(name: str = "c101") -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def with_cp1252_marks(text: str) -> str:
    """The article with the characters that differ between cp1252 and latin-1 (curly quotes, dashes)."""
    return text.replace('"', "\u201c", 1).replace(" - ", " \u2013 ") + "\nCatatan: \u201cCaf\u00e9\u201d \u2014 selesai.\n"


def html_page(text: str) -> str:
    title, body = text.split("\n", 1)
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n\n") if p.strip())
    menu = "".join(f'<li><a href="/kategori/{i}">Kategori Berita {i}</a></li>' for i in range(40))
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)} - Portal Berita</title>
<script>var ads = "document.write('iklan')"; function track() {{ return 'tracking-code'; }}</script>
<style>body {{ color: #333 }} .menu li {{ float: left }}</style></head>
<body><nav class="menu"><ul>{menu}</ul></nav>
<div class="sidebar"><h3>Berita Terpopuler</h3><ul>{menu}</ul></div>
<script>window.dataLayer = window.dataLayer || []; gtag('config', 'UA-000');</script>
<article><h1>{html.escape(title)}</h1>{paras}</article>
<footer>Hak Cipta 2025 Portal Berita. Semua hak dilindungi. <a href="/kontak">Kontak</a></footer>
<script>console.log("footer-script")</script></body></html>"""


def jsonl_line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def deny_read(monkeypatch, path: Path) -> None:
    """Make path unreadable: chmod 000, and since root ignores modes, a PermissionError from open()."""
    os.chmod(path, 0)
    if os.geteuid() != 0:
        return
    target = os.path.abspath(path)
    real_open = pathlib.Path.open

    def guarded(self, *args, **kwargs):
        if os.path.abspath(self) == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", guarded)


def one(path) -> object:
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


def assert_error(item, kind: str, *words: str) -> None:
    assert isinstance(item, ArticleError), f"expected {kind}, got a record: {item!r:.200}"
    assert item.kind == kind, (item.kind, item.message)
    assert item.message and item.path
    for w in words:
        assert w.lower() in item.message.lower(), (w, item.message)


# --- one file at a time -------------------------------------------------------------------

def test_empty_and_whitespace_only(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t  \r\n\n")
    (tmp_path / "blank16.txt").write_bytes("  \n \n".encode("utf-16"))
    assert_error(one(tmp_path / "empty.txt"), "empty")
    assert_error(one(tmp_path / "blank.txt"), "empty")
    assert_error(one(tmp_path / "blank16.txt"), "empty")


def test_png_bytes_are_binary_and_png_files_unsupported(tmp_path):
    (tmp_path / "image.txt").write_bytes(PNG)
    (tmp_path / "logo.png").write_bytes(PNG)
    assert_error(one(tmp_path / "image.txt"), "binary")
    assert_error(one(tmp_path / "logo.png"), "unsupported", ".png")
    assert [p.name for p in find_files([tmp_path])] == ["image.txt"]  # a .png in a folder is not picked up


def test_control_characters_are_binary(tmp_path):
    (tmp_path / "junk.txt").write_bytes(bytes(range(1, 32)) * 200)
    assert_error(one(tmp_path / "junk.txt"), "binary")


def test_50_mb_text_file_is_too_large_without_being_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    chunk = corpus_text().encode("utf-8") * 64
    with big.open("wb") as fh:
        while fh.tell() < 50_000_000:
            fh.write(chunk)
    monkeypatch.setattr(read, "_read_limited", lambda *a: pytest.fail("a 50 MB file must not be read"))
    assert_error(one(big), "too_large", "bytes")


def test_text_over_the_pipeline_limit_is_too_large_not_internal(tmp_path):
    from extractor.pipeline import MAX_CHARS

    assert read.MAX_CHARS <= MAX_CHARS, "read.MAX_CHARS must not pass the pipeline's limit"
    text = corpus_text()
    (tmp_path / "long.txt").write_text(text * (read.MAX_CHARS // len(text) + 2), encoding="utf-8")
    assert_error(one(tmp_path / "long.txt"), "too_large", "characters")


@pytest.mark.parametrize("codec, note", [("cp1252", "cp1252"), ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16-LE"),
                                         ("utf-16-be", "UTF-16-BE"), ("utf-8-sig", None)])
def test_other_encodings_are_read_exactly(tmp_path, codec, note):
    text = with_cp1252_marks(corpus_text("c102"))
    path = tmp_path / f"c102-{codec}.txt"
    path.write_bytes(text.encode(codec))
    item = one(path)
    assert isinstance(item, Article), item
    assert item.text == text
    assert item.id == "c102-cp1252" if codec == "cp1252" else item.id == f"c102-{codec}"
    if note:
        assert any(note.lower() in w.lower() for w in item.warnings), item.warnings
    else:
        assert item.warnings == []


def test_utf8_with_a_stray_cp1252_byte_stays_utf8(tmp_path):
    text = with_cp1252_marks(corpus_text("c103"))
    data = text.encode("utf-8").replace(b" ", b" \x93", 1)
    assert data.count(b" \x93") == 1
    (tmp_path / "mixed.txt").write_bytes(data)
    item = one(tmp_path / "mixed.txt")
    assert isinstance(item, Article)
    assert item.text.replace("\ufffd", "") == text  # the UTF-8 dashes and quotes are intact
    assert any("replaced" in w for w in item.warnings)


def test_html_page_gives_its_main_text(tmp_path):
    text = corpus_text("c101")
    (tmp_path / "page.html").write_text(html_page(text), encoding="utf-8")
    item = one(tmp_path / "page.html")
    assert isinstance(item, Article), item
    assert item.id == "page"
    assert item.text.strip() == text.strip()  # paragraphs as in the .txt, nothing else
    for junk in ("Kategori Berita", "tracking-code", "gtag", "Hak Cipta", "footer-script", "Terpopuler"):
        assert junk not in item.text
    assert item.title == text.split("\n", 1)[0]


def test_html_page_without_main_text(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Beranda</a></nav>"
                                        "<script>var x = 1;</script></body></html>", encoding="utf-8")
    (tmp_path / "script.html").write_text("<html><head><script>var x = 1;</script></head><body></body></html>",
                                          encoding="utf-8")
    menu = one(tmp_path / "menu.html")
    assert isinstance(menu, ArticleError) and menu.kind in ("no_text", "not_article"), menu
    assert_error(one(tmp_path / "script.html"), "no_text")


def test_truncated_jsonl_line(tmp_path):
    good = [jsonl_line({"id": f"r{n}", "title": None, "text": corpus_text(name)}) for n, name in enumerate(["c101", "c102"])]
    cut = jsonl_line({"id": "r2", "text": corpus_text("c103")})[:120]
    (tmp_path / "feed.jsonl").write_text("".join(good) + "\n" + cut, encoding="utf-8")
    items = list(read_path(tmp_path / "feed.jsonl"))
    assert [getattr(i, "id", None) for i in items[:2]] == ["r0", "r1"]
    assert items[0].text == corpus_text("c101") and items[0].source == f"{tmp_path / 'feed.jsonl'}:1"
    assert len(items) == 3  # the blank line is skipped
    assert_error(items[2], "bad_json", "truncated")
    assert items[2].path.endswith("feed.jsonl:4")


def test_jsonl_line_over_the_limit_is_skipped_not_held(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 5_000)
    text = corpus_text("c104")
    long = jsonl_line({"id": "long", "text": "x " * 40_000})
    (tmp_path / "feed.jsonl").write_text(long + jsonl_line({"id": "ok", "text": text[:4_500]}), encoding="utf-8")
    items = list(read_path(tmp_path / "feed.jsonl"))
    assert len(items) == 2
    assert_error(items[0], "too_large")
    assert isinstance(items[1], Article) and items[1].id == "ok"


def test_json_records(tmp_path):
    text = corpus_text("c105")
    (tmp_path / "notext.json").write_text(json.dumps({"id": "n1", "title": "Judul saja"}), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([{"text": text}, {"body": text, "id": 7}, 5, {"text": " "}]),
                                        encoding="utf-8")
    (tmp_path / "lines.json").write_text(jsonl_line({"id": "a", "text": text}) + jsonl_line({"id": "b", "text": text}),
                                         encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"id": "x", "text": "Lapas', encoding="utf-8")
    assert_error(one(tmp_path / "notext.json"), "no_text", "text")
    items = list(read_path(tmp_path / "list.json"))
    assert [getattr(i, "id", None) for i in items] == ["list-1", "7", None, None]
    assert items[0].source.endswith("list.json#1")
    assert_error(items[2], "no_text", "int")
    assert_error(items[3], "no_text")
    assert [i.id for i in read_path(tmp_path / "lines.json")] == ["a", "b"]
    assert_error(one(tmp_path / "broken.json"), "bad_json")


def test_english_and_javanese_are_not_indonesian(tmp_path):
    (tmp_path / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "jawa.txt").write_text(JAVANESE, encoding="utf-8")
    assert_error(one(tmp_path / "english.txt"), "not_indonesian")
    assert_error(one(tmp_path / "jawa.txt"), "not_indonesian")
    with pytest.raises(ArticleError) as err:
        read_text(JAVANESE)
    assert err.value.kind == "not_indonesian"
    assert read_text(corpus_text("c106")).text == corpus_text("c106")


def test_short_text_is_not_an_article(tmp_path):
    (tmp_path / "short.txt").write_text("Lapas Kelas IIA Yogyakarta menerima kunjungan.", encoding="utf-8")
    assert_error(one(tmp_path / "short.txt"), "not_article", "words")


def test_file_without_read_permission(tmp_path, monkeypatch):
    (tmp_path / "locked.txt").write_text(corpus_text(), encoding="utf-8")
    (tmp_path / "locked.jsonl").write_text(jsonl_line({"text": corpus_text()}), encoding="utf-8")
    deny_read(monkeypatch, tmp_path / "locked.txt")
    deny_read(monkeypatch, tmp_path / "locked.jsonl")
    assert_error(one(tmp_path / "locked.txt"), "unreadable", "permission")
    assert_error(one(tmp_path / "locked.jsonl"), "unreadable", "permission")


def test_symlink_loop_and_broken_link(tmp_path):
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    os.symlink(".", tmp_path / "self")  # a link to a folder: not followed, so no endless walk
    assert [p.name for p in find_files([tmp_path])] == ["a.txt", "b.txt", "dangling.txt", "loop.txt"]
    assert_error(one(tmp_path / "loop.txt"), "unreadable", "loop")
    assert_error(one(tmp_path / "a.txt"), "unreadable", "loop")
    assert_error(one(tmp_path / "dangling.txt"), "unreadable", "broken")


def test_directory_named_like_a_file(tmp_path):
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "y.txt").mkdir()
    (tmp_path / "y.txt" / "c107.txt").write_text(corpus_text("c107"), encoding="utf-8")
    found = find_files([tmp_path])
    assert found == [tmp_path / "y.txt" / "c107.txt", tmp_path / "x.txt"]  # by id: c107 < x
    assert_error(one(tmp_path / "x.txt"), "unreadable", "directory")
    assert find_files([tmp_path / "x.txt"]) == [tmp_path / "x.txt"]  # given by name, still reported


def test_fifo_and_socket_are_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "sock.txt"))
        signal.alarm(20)  # reading a FIFO would block for ever
        try:
            assert_error(one(tmp_path / "pipe.txt"), "unreadable", "FIFO")
            assert_error(one(tmp_path / "sock.txt"), "unreadable", "socket")
        finally:
            signal.alarm(0)
    finally:
        sock.close()


def test_find_files_order_dedupe_and_skips(tmp_path):
    for rel in ("b/c2.txt", "a/c10.txt", "a/c1.md", "c1.gold.json", "c1.spans.json", ".hidden.txt",
                ".ipynb_checkpoints/c1.txt", "notes.csv", "z/feed.jsonl", "page.HTML"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found = find_files([tmp_path, tmp_path / "a" / "c1.md", tmp_path / "b"])
    rel = [str(p.relative_to(tmp_path)) for p in found]
    assert rel == ["a/c1.md", "a/c10.txt", "b/c2.txt", "z/feed.jsonl", "page.HTML"]


def test_nothing_escapes_read_path(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text(html_page(corpus_text()), encoding="utf-8")

    def broken(*a, **k):
        raise TypeError("a bug inside the HTML library")

    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    assert_error(one(tmp_path / "page.html"), "no_text", "TypeError")


# --- a whole run over a folder of bad input ------------------------------------------------

def build_bad_folder(root: Path, monkeypatch) -> dict[str, str]:
    """Every kind of bad input beside good articles; -> {source path: expected kind or 'record'}."""
    root.mkdir()
    expected: dict[str, str] = {}

    def put(name: str, data, outcome: str) -> Path:
        path = root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expected[str(path)] = outcome
        return path

    put("c101.txt", corpus_text("c101"), "record")
    put("empty.txt", b"", "empty")
    put("blank.txt", b"  \n\t\n", "empty")
    put("image.txt", PNG, "binary")
    with (root / "big.txt").open("wb") as fh:
        fh.truncate(50_000_000)
        fh.seek(0)
        fh.write(corpus_text().encode("utf-8") * 8)
    expected[str(root / "big.txt")] = "too_large"
    put("c102.txt", with_cp1252_marks(corpus_text("c102")).encode("cp1252"), "record")
    put("c103.txt", corpus_text("c103").encode("utf-16"), "record")
    put("c104.html", html_page(corpus_text("c104")), "record")
    feed = put("feed.jsonl", jsonl_line({"id": "f1", "text": corpus_text("c105")})
               + jsonl_line({"id": "f2", "text": corpus_text("c106")})[:200], "record")
    expected[f"{feed}:1"] = "record"
    expected[f"{feed}:2"] = "bad_json"
    del expected[str(feed)]
    put("notext.json", json.dumps({"id": "n1", "title": "Tanpa isi"}), "no_text")
    put("english.txt", ENGLISH, "not_indonesian")
    put("jawa.txt", JAVANESE, "not_indonesian")
    locked = put("locked.txt", corpus_text("c107"), "unreadable")
    deny_read(monkeypatch, locked)
    os.symlink("loop.txt", root / "loop.txt")
    expected[str(root / "loop.txt")] = "unreadable"
    (root / "x.txt").mkdir()
    expected[str(root / "x.txt")] = "unreadable"
    os.mkfifo(root / "pipe.txt")
    expected[str(root / "pipe.txt")] = "unreadable"
    return expected


def test_run_over_bad_input_reports_every_file_and_goes_on(tmp_path, monkeypatch):
    jsonschema = pytest.importorskip("jsonschema")
    expected = build_bad_folder(tmp_path / "in", monkeypatch)
    out, errs = tmp_path / "out" / "facts.jsonl", tmp_path / "out" / "errors.jsonl"
    signal.alarm(60)
    try:
        stats = run([tmp_path / "in"], out, errs, workers=1)
    finally:
        signal.alarm(0)
    errors = [json.loads(line) for line in errs.read_text(encoding="utf-8").splitlines()]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert not list((tmp_path / "out").glob("*.partial"))
    for e in errors:
        assert set(e) == {"path", "kind", "message"} and e["message"]
    got = {e["path"]: e["kind"] for e in errors}
    got.update({r["article"]["source"]: "record" for r in records})
    assert got == expected
    assert stats.failed == len(errors) and stats.articles == len(records) == 5
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for r in records:
        jsonschema.validate(r, schema)
    by_id = {r["article"]["id"]: r for r in records}
    assert sorted(by_id) == ["c101", "c102", "c103", "c104", "f1"]
    assert any("cp1252" in w for w in by_id["c102"]["article"]["warnings"])
    assert any("UTF-16" in w for w in by_id["c103"]["article"]["warnings"])
    assert by_id["c104"]["article"]["title"] == corpus_text("c104").split("\n", 1)[0]


# --- exit codes of `python -m extractor run` --------------------------------------------------

@pytest.fixture()
def cli():
    from typer.testing import CliRunner

    from extractor.cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["run", *map(str, args)])


def test_exit_0_when_all_went_well(tmp_path, cli):
    (tmp_path / "in").mkdir()
    for name in ("c101", "c102"):
        (tmp_path / "in" / f"{name}.txt").write_text(corpus_text(name), encoding="utf-8")
    res = cli(tmp_path / "in", "-o", tmp_path / "facts.jsonl", "-q")
    assert res.exit_code == 0, res.output
    assert len((tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    assert (tmp_path / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_exit_1_when_some_files_failed(tmp_path, cli):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c101.txt").write_text(corpus_text("c101"), encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "jawa.md").write_text(JAVANESE, encoding="utf-8")
    res = cli(tmp_path / "in", "-o", tmp_path / "facts.jsonl", "--errors", tmp_path / "bad.jsonl", "-w", "2")
    assert res.exit_code == 1, res.output
    kinds = sorted(json.loads(x)["kind"] for x in (tmp_path / "bad.jsonl").read_text(encoding="utf-8").splitlines())
    assert kinds == ["empty", "not_indonesian"]
    assert len((tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_exit_2_on_usage_errors(tmp_path, cli):
    assert cli(tmp_path / "missing", "-o", tmp_path / "facts.jsonl").exit_code == 2
    assert cli(tmp_path, "-o", tmp_path / "facts.jsonl", "--workers", "0").exit_code == 2
    assert cli(tmp_path, "--no-such-option").exit_code == 2
    assert cli(tmp_path, "-o", "-", "--resume").exit_code == 2  # stdout cannot be resumed
    assert cli(tmp_path, "-o", tmp_path / "errors.jsonl").exit_code == 2  # output = default errors file
    assert not (tmp_path / "facts.jsonl").exists() and not (tmp_path / "errors.jsonl").exists()


def test_mis_decoded_punctuation_is_repaired_so_words_stand_alone():
    body = ("Kepala Lapas menyampaikan bahwa warga binaan sudah dilatih membuat meja dan kursi di bengkel kerja "
            "dan hasilnya akan dijual kepada masyarakat sekitar agar dapat menambah penghasilan bagi keluarga mereka. ")
    text = read_text("Judul\n\nâ€œKami siap membantu,â€\x9d katanya. Itu kafÃ© milik koperasi,†ujar Budi. " + body * 2).text
    assert text.startswith("Judul\n\n“Kami siap membantu,” katanya. Itu kafé milik koperasi,” ujar Budi.")
    plain = read_text("Judul\n\n“Kami siap,” kata Budi pada hari Jum’at. " + body * 2).text
    assert plain.startswith("Judul\n\n“Kami siap,” kata Budi pada hari Jum’at.")


def test_find_paths_are_plain_strings_spelt_as_paths_would_be(tmp_path, monkeypatch):
    # the run holds this list for a whole folder: plain str, spelt exactly as str(Path) would
    # spell it, so sources and ids are the same whichever of the two listed them
    for rel in ("b.txt", "sub/a.md", "sub/deeper/c.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in (".", "./", "sub/..", str(tmp_path) + "/"):
        got = find_paths([given])
        assert all(type(p) is str for p in got)
        as_paths = [str(Path(root) / name) for root, _, names in os.walk(given) for name in names]
        assert got == sorted(as_paths, key=lambda p: (article_id(p), p))
    assert find_paths(["."]) == ["sub/a.md", "b.txt", "sub/deeper/c.html"]
    assert find_paths(["./"]) == find_paths(["."])
