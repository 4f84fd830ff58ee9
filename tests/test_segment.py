"""Layout: title, byline, timestamp, dateline, sign-off, and sentences that respect abbreviations."""
from __future__ import annotations

import pytest

from extractor.segment import segment_text


def part(text, seg, key):
    rng = seg[key]
    return text[rng[0]:rng[1]] if rng else None


def test_byline_timestamp_and_repeated_title():
    text = ("Lapas Cilacap Jajaki Kerja Sama Batik\n\nNarsono Son - PURWOKERTO.TELISIKFAKTA.COM\n\n"
            "Nov 21, 2025 - 11:54\n\nLapas Cilacap Jajaki Kerja Sama Batik\n\n"
            "CILACAP - Lapas Kelas IIB Cilacap menerima kunjungan CV. Batik Maju.\n\n(Humas Lapas Cilacap)")
    seg = segment_text(text)
    assert part(text, seg, "title") == "Lapas Cilacap Jajaki Kerja Sama Batik"
    assert part(text, seg, "timestamp") == "Nov 21, 2025 - 11:54"
    assert part(text, seg, "dateline_place") == "CILACAP"
    assert part(text, seg, "author") == "Humas Lapas Cilacap"
    assert [text[s:e] for s, e in seg["outlet"]] == ["PURWOKERTO.TELISIKFAKTA.COM"]
    assert text[seg["byline_name"][0]:seg["byline_name"][1]] == "Narsono Son"
    assert len(seg["repeated_title"]) == 1


@pytest.mark.parametrize("lead, place, outlet", [
    ("Purwokerto – Lapas Kelas IIA Purwokerto menerima kunjungan.", "Purwokerto", None),
    ("MARTAPURA, KORANBANJAR.NET – Lapas Perempuan menggelar pelatihan.", "MARTAPURA", "KORANBANJAR.NET"),
    ("MURIANEWS, Kudus – Rutan Kelas IIB Kudus menjalin kerja sama.", "Kudus", "MURIANEWS"),
    ("Malang (Antara Jatim) - Lapas Kelas I Malang menggandeng universitas.", "Malang", "Antara Jatim"),
    ("TAMIANG LAYANG— Dalam upaya memperkuat pembinaan, Rutan menandatangani PKS.", "TAMIANG LAYANG", None),
    ("Mediajawa – Lembaga Pemasyarakatan Perempuan memperkuat pembinaan.", None, "Mediajawa"),
])
def test_dateline_forms(lead, place, outlet):
    text = "Judul Berita Tentang Lapas\n\n" + lead + " Kegiatan berlangsung lancar."
    seg = segment_text(text)
    assert part(text, seg, "dateline_place") == place
    outlets = [text[s:e] for s, e in seg["outlet"]]
    assert outlets == ([outlet] if outlet else [])


def test_credit_lines_at_the_end():
    text = "Judul Berita Lapas Hari Ini\n\nKupang – Isi berita panjang di sini.\n\nKontributor: Lapas Kupang\nEditor: Mahesa Apriandi"
    seg = segment_text(text)
    labels = sorted(label for _, _, label in seg["credits"])
    assert labels == ["Editor", "Kontributor"]


def test_sentences_do_not_break_on_abbreviations(nlp):
    text = ("Judul\n\nDirektur CV. Pusat Handicraft, H. Ahmad, S.H., M.H., hadir di Jl. Merdeka No. 5 Kab. Banyumas. "
            "Kepala Kanwil, Hermawan Santoso, Bc.IP., S.H., meninjau lokasi. Kegiatan selesai.")
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[1].startswith("Direktur CV. Pusat Handicraft") and sents[1].endswith("Kab. Banyumas.")
    assert sents[2].startswith("Kepala Kanwil") and sents[2].endswith("meninjau lokasi.")
    assert sents[3] == "Kegiatan selesai."


@pytest.mark.parametrize("abbrev", ["CV.", "PT.", "Tbk.", "UD.", "H.", "Hj.", "S.H.", "M.H.", "Dr.", "Drs.", "Ir.",
                                    "Jl.", "No.", "Kab.", "Kec.", "Kel.", "dll.", "dsb.", "a.n."])
def test_tokenizer_keeps_abbreviations_whole(nlp, abbrev):
    doc = nlp.make_doc(f"kata {abbrev} Nama")
    assert abbrev in [t.text for t in doc]


def test_written_by_line_and_a_timestamp_after_it():
    text = ("Judul Berita Tentang Lapas Ketapang\n\nDitulis oleh: Humas Lapas Ketapang\nJumat, 14 November 2025 - 16:40\n\n"
            "KETAPANG – Lapas Kelas IIB Ketapang menerima kunjungan tim.")
    seg = segment_text(text)
    assert part(text, seg, "timestamp") == "Jumat, 14 November 2025 - 16:40"
    assert part(text, seg, "dateline_place") == "KETAPANG"
    assert [text[s:e] for s, e, _ in seg["credits"]] == ["Humas Lapas Ketapang"]


def test_place_then_timestamp_on_one_line():
    text = ("Judul Berita Tentang Lapas Sidikalang\n\nSidikalang | Rabu, 22 Oktober 2025 | 10:15 WIB\n\n"
            "Lembaga Pemasyarakatan Kelas IIB Sidikalang menerima audiensi koperasi.")
    seg = segment_text(text)
    assert part(text, seg, "dateline_place") == "Sidikalang"
    assert part(text, seg, "timestamp") == "Rabu, 22 Oktober 2025 | 10:15 WIB"
