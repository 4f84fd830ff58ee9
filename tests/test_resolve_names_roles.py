"""One organization per real organization; people linked to role and organization."""
from __future__ import annotations

import pytest

from extractor.resolve.names import facility_key, normalise


def orgs(extract_text, body):
    return [o["name"] for o in extract_text("Judul Berita Untuk Pengujian\n\nPurwokerto – " + body)["organizations"]]


def people(extract_text, body):
    rec = extract_text("Judul Berita Untuk Pengujian\n\nPurwokerto – " + body)
    return {p["name"]: (p["role"], p["organization"]) for p in rec["people"]}


def test_facility_written_three_ways_is_one_with_fullest_name(extract_text):
    names = orgs(extract_text, "Lapas Purwokerto menerima tamu. Lapas Kelas IIA Purwokerto berbenah. "
                               "Lembaga Pemasyarakatan Kelas IIA Purwokerto membina WBP.")
    assert names == ["Lembaga Pemasyarakatan Kelas IIA Purwokerto"]


def test_bracketed_abbreviation_merges_short_and_long(extract_text):
    names = orgs(extract_text, "BAZNAS Kota Ambon hadir. Badan Amil Zakat Nasional (BAZNAS) Kota Ambon membantu.")
    assert names == ["Badan Amil Zakat Nasional (BAZNAS) Kota Ambon"]


def test_partial_company_name_merges_into_full(extract_text):
    names = orgs(extract_text, "Tim CV. Rajasa Mas Jaya Cilacap datang. CV. Rajasa Mas Jaya memberi pelatihan.")
    assert names == ["CV. Rajasa Mas Jaya Cilacap"]


def test_two_facilities_stay_apart(extract_text):
    names = orgs(extract_text, "Lapas Kelas IIA Palu memindahkan WBP ke Lapas Kelas IIB Tolitoli.")
    assert sorted(names) == ["Lapas Kelas IIA Palu", "Lapas Kelas IIB Tolitoli"]


def test_facility_key_reads_head_category_place():
    assert facility_key("Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto") == ("Lapas", "", "purwokerto")
    assert facility_key("LPP Kupang") == facility_key("Lembaga Pemasyarakatan Perempuan Kelas IIB Kupang")
    assert facility_key("CV. Maju") is None


def test_normalise_expands_the_shared_abbreviations():
    assert normalise("Kanwil Ditjenpas Jateng") == "kantor wilayah direktorat jenderal pemasyarakatan jawa tengah".split()


def test_role_with_organization_after_title(extract_text):
    found = people(extract_text, "Direktur CV. Pusat Handicraft, Ariyanto, menyampaikan apresiasi.")
    assert found["Ariyanto"] == ("Direktur", "CV. Pusat Handicraft")


def test_abbreviated_title_links_to_the_facility_of_its_place(extract_text):
    found = people(extract_text, "Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto menerima tamu. "
                                 "Kalapas Purwokerto, Aliandra Harahap, memberi tanggapan.")
    assert found["Aliandra Harahap"] == ("Kepala Lapas", "Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto")


def test_speaker_takes_the_unnamed_role_stated_before(extract_text):
    found = people(extract_text, "Lapas Kelas IIA Purwokerto menerima tamu. Kepala Lapas Kelas IIA Purwokerto "
                                 "menyambut positif inisiatif tersebut. “Kami akan menindaklanjuti,” ujar Aliandra Harahap.")
    assert found["Aliandra Harahap"] == ("Kepala Lapas", "Lapas Kelas IIA Purwokerto")


def test_facility_staff_role_defaults_to_the_host_facility(extract_text):
    found = people(extract_text, "Lapas Kelas IIB Sintang membina WBP. Kasi Giatja, Yohanes Lamin, memimpin pelatihan.")
    assert found["Yohanes Lamin"] == ("Kepala Seksi Kegiatan Kerja", "Lapas Kelas IIB Sintang")


def test_short_name_is_the_same_person(extract_text):
    found = people(extract_text, "Komisaris PT Arta Jayendra Perkasa, Arja Rusli, hadir. Arja menegaskan standar mutu, ujar Arja.")
    assert list(found) == ["Arja Rusli"]


def test_byline_reporter_is_a_person_of_the_outlet(extract_text):
    rec = extract_text("Judul Berita Untuk Pengujian\n\nNarsono Son - PURWOKERTO.TELISIKFAKTA.COM\n\n"
                       "PURWOKERTO - Lapas Kelas IIA Purwokerto menerima tamu dari CV. Maju Jaya.")
    reporter = next(p for p in rec["people"] if p["name"] == "Narsono Son")
    assert (reporter["role"], reporter["organization"]) == ("wartawan", "TELISIKFAKTA.COM")
    assert {"name": "TELISIKFAKTA.COM", "kind": "other"}.items() <= next(
        o for o in rec["organizations"] if o["name"] == "TELISIKFAKTA.COM").items()


def test_stanza_dependencies_link_a_name_to_its_title(nlp):
    """With the optional stanza parse, an appositive dependency decides the role (no model needed)."""
    text = ("Judul Berita Untuk Pengujian\n\nPurwokerto – Lapas Kelas IIA Purwokerto menerima tamu. Rombongan disambut "
            "Kepala Seksi Kegiatan Kerja dan Kepala Lapas Kelas IIA Purwokerto. “Kami senang,” ujar Budi Santoso.")
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "idpr_role_linker":
            kasi = next(r for r in doc.spans["roles"] if r._.value == "Kepala Seksi Kegiatan Kerja")
            budi = next(p for p in doc.spans["persons"] if p.text == "Budi Santoso")
            doc._.stanza_deps = {budi.start: (kasi.start, "appos")}
        doc = proc(doc)
    person = next(p for p in doc._.people if p["name"] == "Budi Santoso")
    assert (person["role"], person["rule"]) == ("Kepala Seksi Kegiatan Kerja", "stanza_dependency")
    # without the parse the nearest unnamed title before the quote wins
    plain = nlp(text)
    assert next(p for p in plain._.people if p["name"] == "Budi Santoso")["role"] == "Kepala Lapas"


def test_facility_place_spelt_two_ways_or_mistyped_is_one(extract_text):
    names = orgs(extract_text, "Lapas Kota Agung menerima tamu. Lembaga Pemasyarakatan Kelas II B Kotaagung "
                               "membina WBP. Rapat di Lapas Kelas IIA Sorong, lalu ke Lapas Kelas IIA Soron.")
    assert len(names) == 2


def test_school_and_dinas_abbreviations_merge(extract_text):
    names = orgs(extract_text, "SMKN 2 Tual menjadi mitra. Guru SMK Negeri 2 Tual mengajar. "
                               "Dinkes hadir bersama Dinas Kesehatan Kota Tual.")
    assert sorted(names) == ["Dinas Kesehatan Kota Tual", "SMK Negeri 2 Tual"]


def test_person_with_dropped_middle_name_or_initial_is_one(extract_text):
    found = people(extract_text, "Kepala Lapas Kelas IIB Tual, Agus Budi Santoso, membuka acara. "
                                 "Kalapas Agus Santoso berharap banyak. Kepala Rutan Kelas IIB Saumlaki, "
                                 "R. Yohanes Lamere, hadir. \"Kami siap,\" kata Yohannes Lamere.")
    assert "Agus Santoso" not in found and "Agus Budi Santoso" in found
    assert "Yohannes Lamere" not in found and "R. Yohanes Lamere" in found


def test_title_heads_the_organization_that_opens_with_its_head(extract_text):
    found = people(extract_text, "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Maluku memantau razia "
                                 "sesuai arahan Direktur Jenderal Pemasyarakatan, Mashuri.")
    assert found["Mashuri"] == ("Direktur Jenderal Pemasyarakatan", None)


def test_unit_title_takes_the_facility(extract_text):
    found = people(extract_text, "Lapas Kelas IIB Tual menerima tamu. Hadir Kasi Binadik dan Giatja, "
                                 "Markus Ohoiwutun, bersama staf.")
    assert found["Markus Ohoiwutun"][1] == "Lapas Kelas IIB Tual"


def test_role_org_name_without_comma_after_place(extract_text):
    found = people(extract_text, "Kepala Tata Usaha UPTD BLK Banyumas Suharyanto menjelaskan, pihaknya siap membantu.")
    assert "Suharyanto" in found and found["Suharyanto"][1] and "BLK" in found["Suharyanto"][1]


def test_name_written_before_its_role(extract_text):
    found = people(extract_text, "Kegiatan dibuka hari ini.\nBudiman, S.E., MH Kepala Lapas Kelas IIA Purwokerto "
                                 "didampingi Sugiharto Kasubsi bimker Lapas menyampaikan apresiasi.")
    assert found["Budiman"][0] == "Kepala Lapas"
    assert found["Sugiharto"][0] == "Kepala Subseksi"


def test_room_before_role_is_no_name(extract_text):
    found = people(extract_text, "Rapat berlangsung di Ruang Kepala Lapas Kelas IIA Purwokerto kemarin.")
    assert "Ruang" not in found


def test_double_space_and_short_form_keep_full_name(extract_text):
    found = people(extract_text, "Kepala Lapas Purwokerto  Dwi Santoso, di Purwokerto, mengatakan pelatihan berjalan. "
                                 "\"Kami siap,\" kata Dwi.")
    assert list(found) == ["Dwi Santoso"] and found["Dwi Santoso"][0] == "Kepala Lapas"


def test_speaker_does_not_take_a_title_held_by_another_person(extract_text):
    found = people(extract_text, "Kepala Lapas Kelas IIA Purwokerto, Aliandra Harahap, membuka acara. "
                                 "\"Terima kasih,\" ungkap Kalapas. Sementara itu, warga sekitar hadir. "
                                 "\"Semoga bermanfaat,\" ucap Made Arsana.")
    assert found.get("Made Arsana", (None,))[0] is None


def test_roles_as_written(extract_text):
    found = people(extract_text, "CEO PT. Sinar Kelapa Abadi, Rudi Hartawan, hadir. Sekretaris Daerah Pemerintah "
                                 "Kabupaten Banyumas Wahyu Jatmiko memberi sambutan.")
    assert found["Rudi Hartawan"][0] == "CEO"
    assert found["Wahyu Jatmiko"][0] == "Sekretaris Daerah"


def test_org_stops_before_role_holder_after_unit_words(extract_text):
    rec = extract_text("Judul Berita Untuk Pengujian\n\nPurwokerto – Acara dibuka Direktur Jenderal Pemasyarakatan "
                       "Kementerian Hukum dan HAM Budi Prasetyo Utomo. Lapas Kelas IIA Purwokerto menyambut.")
    assert "Kementerian Hukum dan HAM" in [o["name"] for o in rec["organizations"]]
    assert "Budi Prasetyo Utomo" in [p["name"] for p in rec["people"]]


def test_facility_runs_on_through_province(extract_text):
    rec = extract_text("Judul Berita Untuk Pengujian\n\nPurwokerto – Petugas Lapas Kelas IIA Lahat Sumatera Selatan "
                       "menggelar razia.")
    assert not rec["people"]


def test_title_only_org_is_dropped(extract_text):
    rec = extract_text("Dinas Koperasi Bantu Pemasaran Lapas Purwokerto\n\nPurwokerto – Lapas Kelas IIA Purwokerto "
                       "bekerja sama dengan Dinas Pertanian Kabupaten Banyumas dalam pelatihan.")
    assert not any(o["name"].startswith("Dinas Koperasi") for o in rec["organizations"])


def test_facility_without_category_joins_the_one_with_it(extract_text):
    names = orgs(extract_text, "Lapas Perempuan Kelas IIA Semarang membina WBP. Produk Lapas Kelas IIA Semarang dijual.")
    assert names == ["Lapas Perempuan Kelas IIA Semarang"]


def test_head_initial_abbreviation_merges(extract_text):
    names = orgs(extract_text, "Dinas Penanaman Modal dan Tenaga Kerja ( DPMTK Naker ) Kota Cilacap hadir. "
                               "Lapas Kelas IIA Purwokerto bekerja sama dengan Dinas PMTK Naker dalam pelatihan.")
    assert sum(1 for n in names if "PMTK" in n) == 1


def test_role_then_business_noun_then_owner(extract_text):
    found = people(extract_text, "Sebelum membeli, pemilik toko Rina br Siregar dibawa berkeliling Lapas Purwokerto.")
    assert found.get("Rina br Siregar", (None,))[0] == "Pemilik"


def test_initials_and_short_first_words_stay_in_the_name(extract_text):
    got = people(extract_text, "Acara dihadiri Kepala Lapas Kelas IIA Purwokerto, R. Hendra Wijaya Lubis, dan "
                               "Kakanwil Kemenkumham Jawa Tengah, Benediktus T Waromi, dalam rapat.")
    assert "R. Hendra Wijaya Lubis" in got and "Benediktus T Waromi" in got
    assert got["R. Hendra Wijaya Lubis"][0] == "Kepala Lapas"


def test_balinese_name_openers_are_read_whole(extract_text):
    got = people(extract_text, "Razia digelar malam hari,” ujar Kepala Satuan Pengamanan (KP) Lapas Kelas IIA "
                               "Purwokerto, Ni Kadek Ayu Lestari Dewi, kepada wartawan. Menurut Lestari, hasilnya aman.")
    assert list(got) == ["Ni Kadek Ayu Lestari Dewi"]
    assert got["Ni Kadek Ayu Lestari Dewi"] == ("Kepala Satuan Pengamanan", "Lapas Kelas IIA Purwokerto")


def test_role_and_unit_words_are_no_names(extract_text):
    got = people(extract_text, "Sesuai Keputusan Menteri Hukum Dan HAM RI, program berjalan. Kegiatan dihadiri "
                               "Petugas Pembinaan Kemandirian dan Kasi Binapigiatja menghadiri rapat. Pembinaan "
                               "kemandirian terus berjalan di Lapas Purwokerto.")
    assert got == {}


def test_unknown_organization_between_role_and_name(extract_text):
    got = people(extract_text, "“Kami mendukung,” kata Operation Head DPPU Banyumas, Yohanes Petrus Simanjuntak, "
                               "di Lapas Purwokerto.")
    assert list(got) == ["Yohanes Petrus Simanjuntak"]


def test_honorific_between_role_business_and_name(extract_text):
    got = people(extract_text, "Produk dipasarkan di Sekar Resto dan Resort. Sementara Direktur Sekar ibu Wulandari "
                               "menyampaikan dukungan.")
    assert list(got) == ["Wulandari"] and got["Wulandari"][0] == "Direktur"


def test_misspelt_title_word_still_names_the_role(extract_text):
    got = people(extract_text, "Remisi diserahkan Bupati Banyumas, Achmad Husein didampingi Kapala Lapas Kelas IIA "
                               "Purwokerto, Wahyu Pratama Ginting.")
    assert got["Wahyu Pratama Ginting"][0] == "Kepala Lapas"


def test_outlet_name_glued_before_reporter_is_dropped(extract_text):
    rec = extract_text("Judul Berita Untuk Pengujian\n\nLaporan Wartawan Tribun Banyumas Rizal Hakim\n"
                       "TRIBUN-BANYUMAS.COM, PURWOKERTO - Lapas Purwokerto menggelar pelatihan.")
    names = [p["name"] for p in rec["people"]]
    assert "Rizal Hakim" in names and not any("Tribun" in n for n in names)
