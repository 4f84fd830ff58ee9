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


HEAD = "Lapas Contoh Gelar Pelatihan Menjahit bagi Warga Binaan\n"
BODY = "TEMANGGUNG – Lapas Kelas IIB Temanggung menggelar pelatihan menjahit bagi warga binaan."


@pytest.mark.parametrize("ending, author", [
    (" Kegiatan berjalan tertib. (Sari Wulandari)", "Sari Wulandari"),
    (" “Kami siap,” tegasnya. (rdn).", "rdn"),
    (" Kegiatan ditutup dengan doa.(tya)", "tya"),
    (" Produk akan dipasarkan ke luar daerah.| Rina*", "Rina"),
    (" Turut hadir Kasi Giatja.(*)[Hendra]", "Hendra"),
    (" Razia berjalan aman.kmr/ril", "kmr"),
    ("\n- Humas Lapas Temanggung", "Humas Lapas Temanggung"),
    ("\nWulan", "Wulan"),
    ("\nPewarta: Dodi Prasetyo\nEditor: Anwar\nCOPYRIGHT © KANTOR BERITA 2024", "Dodi Prasetyo"),
])
def test_signoff_at_the_end_of_the_last_paragraph_or_on_its_own_line(ending, author):
    text = HEAD + BODY + ending + "\n"
    seg = segment_text(text)
    got = part(text, seg, "author") or next((text[s:e] for s, e, label in seg["credits"] if label == "Pewarta"), None)
    assert got == author


@pytest.mark.parametrize("ending", [
    " Pelatihan didukung Badan Narkotika Nasional (BNN).",
    " Kegiatan ini didukung Badan Narkotika Nasional. (BNN)",
    " Warga binaan menerima bingkisan (paket sembako) dari panitia.",
    "\n- sapu lidi\n- Keset Kaki",
])
def test_no_signoff_from_a_parenthetical_or_an_acronym(ending):
    text = HEAD + BODY + ending + "\n"
    assert segment_text(text)["author"] is None


def test_initials_under_a_byline_give_the_byline_name(extract_text):
    text = HEAD + "\nBy Rahmat Hidayat\n\n" + BODY + " Kegiatan lancar.\n\n(RH)\n"
    assert extract_text(text)["article"]["author"] == "Rahmat Hidayat"


def test_signoff_initials_that_are_not_the_bylines_win(extract_text):
    text = HEAD + BODY + " Kegiatan lancar.(tya)\nDiterbitkan tanggal 12 Maret 2025 by Budi Santoso\n"
    article = extract_text(text)["article"]
    assert article["author"] == "tya" and article["published"] == "2025-03-12"


def test_an_editor_alone_is_the_source(extract_text):
    text = HEAD + "\n" + BODY + " Kegiatan lancar dan tertib bagi semua peserta.\n\nEditor: Maya Lestari\n"
    assert extract_text(text)["article"]["author"] == "Maya Lestari"


@pytest.mark.parametrize("lead, place", [
    ("TEMANGGUNG : Rumah Tahanan Temanggung menggelar razia.", "TEMANGGUNG"),
    ("Temanggung-Lembaga Pemasyarakatan Temanggung menggelar upacara.", "Temanggung"),
    ("Bina-Warga Lapas menerima tamu.", None),
])
def test_dateline_with_a_colon_or_a_glued_hyphen(lead, place):
    text = "Judul Berita Tentang Lapas\n\n" + lead + " Kegiatan berlangsung lancar."
    assert part(text, segment_text(text), "dateline_place") == place


def test_dateline_outlet_after_the_place_and_a_role_in_brackets():
    text = "Judul Berita Tentang Lapas\n\nTEMANGGUNG, Beritajateng – Lapas menerima tamu. Kegiatan lancar."
    seg = segment_text(text)
    assert part(text, seg, "dateline_place") == "TEMANGGUNG" and [text[s:e] for s, e in seg["outlet"]] == ["Beritajateng"]
    text = "Judul Berita Tentang Lapas\n\nTemanggung (Wartawan) - Lapas menerima tamu. Kegiatan lancar."
    assert segment_text(text)["outlet"] == []


@pytest.mark.parametrize("line, published", [
    ("Dipublikasikan: Rabu, 12 Maret 2025 09:30 WIB", "2025-03-12T09:30:00+07:00"),
    ("Posted on March 12, 2025 by admin", "2025-03-12"),
    ("Diposting pada Rabu, 12 Maret 2025", "2025-03-12"),
    ("Rabu, 12 Maret 2025 | 09:30 WIB", "2025-03-12T09:30:00+07:00"),
    ("Redaksi | 12 Maret 2025", "2025-03-12"),
    ("Rabu, 12 Maret 2025 07:00 WIB · 3 menit baca", "2025-03-12T07:00:00+07:00"),
])
def test_timestamp_line_forms(extract_text, line, published):
    text = HEAD + line + "\n" + BODY + " Pelatihan digelar Senin (10/3).\n"
    assert extract_text(text)["article"]["published"] == published


def test_a_hard_line_break_inside_a_sentence_ends_no_sentence(nlp):
    text = (HEAD + "TEMANGGUNG - Lapas Kelas IIB Temanggung menjalin kerja sama dengan\n"
            "pengusaha UD Maju melalui penandatanganan MoU.\nKalapas Kelas IIB\nTemanggung, Budi Santoso mengatakan bahwa\n"
            "kerja sama ini penting.\nKegiatan berlangsung pada tanggal 3,\n4 dan 5 Maret 2025.\n")
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0] == HEAD.strip()
    assert sents[1].startswith("TEMANGGUNG") and sents[1].endswith("MoU.")
    assert sents[2].startswith("Kalapas Kelas IIB\nTemanggung, Budi") and sents[2].endswith("penting.")
    assert sents[3].endswith("Maret 2025.")


def test_a_new_line_after_a_full_stop_or_in_unwrapped_text_still_breaks(nlp):
    text = HEAD + BODY + "\nPelatihan Lanjutan\nKegiatan berikutnya digelar bulan depan.\n"
    sents = [s.text.strip() for s in nlp(text).sents]
    assert "Pelatihan Lanjutan" in sents


@pytest.mark.parametrize("lead, place, outlet, body", [
    ("Sorong|Kabarpapua24.com-Rutan Kelas IIB Sorong menggelar pelatihan.", "Sorong", "Kabarpapua24.com", "Rutan"),
    ("Warta-timur.com-Saumlaki//Suasana haru terasa di Lapas Saumlaki.", "Saumlaki", "Warta-timur.com", "Suasana"),
    ("RRI, Kupang: Puluhan warga binaan mengikuti pemeriksaan kesehatan.", "Kupang", "RRI", "Puluhan"),
    ("Saumlaki, Warta-timur.com - Lapas Saumlaki menggelar ibadah.", "Saumlaki", "Warta-timur.com", "Lapas"),
    ("Kupang (ANTARA) - Lapas Kelas IIA Kupang menggandeng koperasi.", "Kupang", "ANTARA", "Lapas"),
    ("KABARBANTEN.COM-Dalam rangka pembinaan, Lapas menggelar pelatihan.", None, "KABARBANTEN.COM", "Dalam"),
    ("Garut-Lembaga Pemasyarakatan Garut menggelar upacara bendera.", "Garut", None, "Lembaga"),
])
def test_outlet_datelines_in_any_order_and_with_any_separator(lead, place, outlet, body):
    text = "Judul Berita Tentang Lapas Hari Ini\n" + lead + " Kegiatan berlangsung lancar."
    seg = segment_text(text)
    assert part(text, seg, "dateline_place") == place
    assert [text[s:e] for s, e in seg["outlet"]] == ([outlet] if outlet else [])
    assert text[seg["dateline"][1]:].startswith(body)  # the rest of the line is the body


def test_an_outlet_dateline_on_a_line_of_its_own_opens_the_body():
    text = ("Lapas Sorong dan CV Maju Bersama Latih Warga Binaan\nSORONG-Kabar Timur Raya.com\n"
            "Lapas Kelas IIB Sorong menggandeng CV Maju Bersama untuk pelatihan mebel bagi warga binaan.")
    seg = segment_text(text)
    assert part(text, seg, "dateline_place") == "SORONG"
    assert [text[s:e] for s, e in seg["outlet"]] == ["Kabar Timur Raya.com"]
    assert part(text, seg, "title").startswith("Lapas Sorong")


def test_place_comma_timestamp_line_under_the_title():
    text = "Judul Berita Tentang Lapas Hari Ini\n\nSORONG, 14/03/2025 | 09:15 WIT\n\nLapas Sorong menggelar pelatihan."
    seg = segment_text(text)
    assert part(text, seg, "dateline_place") == "SORONG"
    assert part(text, seg, "timestamp") == "14/03/2025 | 09:15 WIT"


@pytest.mark.parametrize("ending, author", [
    (" Kegiatan ditutup dengan doa bersama di Rutan Sorong. ant", "ant"),
    (" Kegiatan ditutup dengan doa bersama.\nrdn", "rdn"),
    (" Kegiatan ditutup dengan doa bersama. ini", None),
])
def test_signoff_code_without_brackets(ending, author):
    text = HEAD + BODY + ending + "\n"
    assert part(text, segment_text(text), "author") == author


@pytest.mark.parametrize("lead, place, outlet, body", [
    ("BATURAJA, SUMSELEKSPRES – Rutan Kelas IIB Baturaja menggelar panen.", "BATURAJA", "SUMSELEKSPRES", "Rutan"),
    ("KENDARI, Sultra Pos – Lapas Kelas IIA Kendari menggelar pelatihan.", "KENDARI", "Sultra Pos", "Lapas"),
    ("SAMPIT,Kalteng Times – Lapas Sampit menggelar pelatihan.", "SAMPIT", "Kalteng Times", "Lapas"),
    ("Maumere, NTT (Antara) - Lapas Maumere menggandeng koperasi.", "Maumere", "Antara", "Lapas"),
    ("Kabarlapas.com Banyumas – Lapas Kelas IIA Purwokerto menerima kunjungan.", "Banyumas", "Kabarlapas.com", "Lapas"),
    ("CilacapSatu | Lapas Kelas IIB Cilacap menggelar pelatihan.", None, "CilacapSatu", "Lapas"),
    # a web address then a place and a comma; a multiword capitalised place; a province after a slash;
    # a site's name with an outlet word before the place and a colon; a three-letter agency code
    ("Suaralapas.co.id Semarang, Lapas Kelas I Semarang menggelar pelatihan.", "Semarang", "Suaralapas.co.id", "Lapas"),
    ("KABARKITA.COM, TANJUNG PINANG – Lapas Tanjung Pinang menggelar pelatihan.", "TANJUNG PINANG", "KABARKITA.COM", "Lapas"),
    ("Kabarkita.Online-Purwokerto/Jateng\nLapas Purwokerto menggelar pelatihan.", "Purwokerto", "Kabarkita.Online", "\nLapas"),
    ("Banua Times, Banjarmasin: Lapas Banjarmasin menggelar pelatihan.", "Banjarmasin", "Banua Times", "Lapas"),
    ("Sorong, KBN – Lapas Sorong menggelar pelatihan.", "Sorong", "KBN", "Lapas"),
    # precision: a province, a date or a place after the comma is no outlet
    ("Semarang, Jawa Tengah – Lapas Semarang menggelar pelatihan.", "Semarang", None, "Lapas"),
    ("SINJAI, SULBAR – Rutan Sinjai menggelar pelatihan.", "SINJAI", None, "Rutan"),
    ("TAKENGON, Selasa (30/9/2025) – Lapas Takengon menggelar pelatihan.", "TAKENGON", None, "Lapas"),
])
def test_outlet_after_the_place_with_or_without_a_space_and_outlet_before_a_bar(lead, place, outlet, body):
    text = "Judul Berita Tentang Lapas Hari Ini\n" + lead + " Kegiatan berlangsung lancar."
    seg = segment_text(text)
    assert part(text, seg, "dateline_place") == place
    assert [text[s:e] for s, e in seg["outlet"]] == ([outlet] if outlet else [])
    assert text[seg["dateline"][1]:].startswith(body)


def test_province_after_the_dateline_place_is_a_location_and_the_bracket_an_outlet(extract_text):
    text = ("Lapas Maumere Latih Warga Binaan Menenun\n\nMaumere, NTT (Antara) - Lapas Kelas IIB Maumere "
            "bekerja sama dengan Dinas Perindustrian Provinsi Nusa Tenggara Timur (NTT) melatih warga binaan menenun.")
    record = extract_text(text)
    assert [loc["name"] for loc in record["locations"]][:2] == ["Maumere", "NTT"]
    assert {"name": "Antara", "kind": "other"} in [{"name": o["name"], "kind": o["kind"]} for o in record["organizations"]]


@pytest.mark.parametrize("ending, author", [
    (" Kegiatan ditutup dengan doa. (rina/tok)", "rina/tok"),
    (" Kegiatan ditutup dengan doa. (Humas Rutan Temanggung/red)", "Humas Rutan Temanggung"),
    (" Kegiatan ditutup dengan doa. (HMS/r)", "HMS"),
])
def test_slashed_signoff_keeps_writer_and_editor_initials_but_drops_editorial_marks(ending, author):
    text = HEAD + BODY + ending + "\n"
    assert part(text, segment_text(text), "author") == author
