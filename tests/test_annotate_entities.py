"""Entity families: organizations, roles, people, places, products (spans on the Doc)."""
from __future__ import annotations

import pytest

from extractor import doc_attrs as A


def spans(nlp, text, group):
    doc = nlp("Judul Berita Untuk Pengujian\n\nKupang – " + text)
    return [s.text for s in doc.spans[group]]


@pytest.mark.parametrize("text, expected", [
    ("Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto menerima tamu.", "Lembaga Pemasyarakatan (Lapas) Kelas IIA Purwokerto"),
    ("Lapas Kelas ll B Cianjur menggelar pelatihan.", "Lapas Kelas ll B Cianjur"),
    ("Lapas Narkotika Kelas IIA Bandung menerima tamu.", "Lapas Narkotika Kelas IIA Bandung"),
    ("Lembaga Permasyarakatan Kelas III Kolonodale menerima tamu.", "Lembaga Permasyarakatan Kelas III Kolonodale"),
    ("Rutan Kelas IIB Kudus, Jawa Tengah menjalin kerja sama.", "Rutan Kelas IIB Kudus"),
    ("LPKA Kelas II Palu membuka kelas.", "LPKA Kelas II Palu"),
    ("Bapas Kelas I Medan membina klien.", "Bapas Kelas I Medan"),
    ("Kunjungan CV. Rajasa Mas Jaya Cilacap pada Kamis.", "CV. Rajasa Mas Jaya Cilacap"),
    ("Direktur PT Arta Jayendra Perkasa dan jajaran hadir.", "PT Arta Jayendra Perkasa"),
    ("Bersama UD. Lidi Sejahtera warga binaan berlatih.", "UD. Lidi Sejahtera"),
    ("Kerja sama dengan Koperasi Produsen Aren Bermani Sejahtera berlanjut.", "Koperasi Produsen Aren Bermani Sejahtera"),
    ("Dinas Tenaga Kerja, Transmigrasi, dan Perindustrian (Disnakertrans) Kabupaten Barito Timur hadir.",
     "Dinas Tenaga Kerja, Transmigrasi, dan Perindustrian (Disnakertrans) Kabupaten Barito Timur"),
    ("Dinas Koperasi dan UKM Kabupaten Pinrang mendukung.", "Dinas Koperasi dan UKM Kabupaten Pinrang"),
    ("Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Barat memantau.", "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Barat"),
    ("Tim Fakultas Pertanian Universitas Riau datang.", "Fakultas Pertanian Universitas Riau"),
    ("Guru SMK Negeri 3 Banda Aceh mengajar.", "SMK Negeri 3 Banda Aceh"),
    ("Pengurus Yayasan Tangan Mama Papua hadir.", "Yayasan Tangan Mama Papua"),
    ("Pemkab Banyumas mendukung program.", "Pemkab Banyumas"),
    ("Badan Amil Zakat Nasional (BAZNAS) Kota Ambon menyerahkan bantuan.", "Badan Amil Zakat Nasional (BAZNAS) Kota Ambon"),
    ("Komando Distrik Militer (Kodim) 1015/Sampit membantu.", "Komando Distrik Militer (Kodim) 1015/Sampit"),
    ("Pelatihan dari Disnakerperinkop Kudus dimulai.", "Disnakerperinkop Kudus"),
    ("Kerja sama dengan Yumin Kafe berjalan baik.", "Yumin Kafe"),
    ("Lapas menggandeng Rumah Jahit Ayu Lestari untuk pelatihan.", "Rumah Jahit Ayu Lestari"),
])
def test_organization_names(nlp, text, expected):
    assert expected in spans(nlp, text, A.ORGS)


@pytest.mark.parametrize("text, not_expected", [
    ("Kerja sama dengan pihak swasta terus diperluas.", "pihak swasta"),
    ("Pihak Lapas menyambut baik.", "Lapas"),
    ("Dinas terkait diundang.", "Dinas"),
])
def test_generic_phrases_are_not_organizations(nlp, text, not_expected):
    assert not_expected not in spans(nlp, text, A.ORGS)


def test_abbreviation_defined_in_brackets_is_recognised_later(nlp):
    found = spans(nlp, "Politeknik Pertanian Negeri Kupang (Politani) melatih WBP. Dosen Politani Kupang hadir.", A.ORGS)
    assert "Politani Kupang" in found


def test_outlet_drops_city_section(nlp):
    doc = nlp("Judul Berita Untuk Pengujian\n\nNarsono Son - PURWOKERTO.TELISIKFAKTA.COM\n\nPURWOKERTO - Isi berita di sini ya.")
    outlets = [s._.value for s in doc.spans[A.ORGS] if s._.rule == "outlet"]
    assert outlets == ["TELISIKFAKTA.COM"]


@pytest.mark.parametrize("text, role", [
    ("Kalapas Purwokerto, Aliandra Harahap, hadir.", "Kepala Lapas"),
    ("Karutan Tanjungpinang, Aris Munandar, hadir.", "Kepala Rutan"),
    ("Kasi Giatja, Syamsul Bahri, memimpin.", "Kepala Seksi Kegiatan Kerja"),
    ("Kakanwil Ditjenpas Jawa Barat, Hermawan, hadir.", "Kepala Kantor Wilayah"),
    ("Plt. Kepala Rutan Rantau, Rahmad Pijati, hadir.", "Plt. Kepala Rutan"),
    ("Kepala Seksi Bimbingan Klien Dewasa Niken Wulandari hadir.", "Kepala Seksi Bimbingan Klien Dewasa"),
    ("Manajer Pengadaan PT Sinar Agro, Ricky Hermawan, hadir.", "Manajer Pengadaan"),
])
def test_role_titles_are_expanded(nlp, text, role):
    doc = nlp("Judul Berita Untuk Pengujian\n\nKupang – " + text)
    assert role in [s._.value for s in doc.spans[A.ROLES]]


@pytest.mark.parametrize("text, name", [
    ("Kepala Lapas Kotabaru, Doni Handriansyah, menyampaikan sambutan.", "Doni Handriansyah"),
    ("Direktur CV. Pusat Handicraft, Ariyanto, menyampaikan apresiasi.", "Ariyanto"),
    ("Komisaris PT Arta Jayendra Perkasa, Arja Rusli, menjelaskan.", "Arja Rusli"),
    ("Mohammad Ridwantoro selaku Kalapas membuka acara.", "Mohammad Ridwantoro"),
    ("Yosafat Rizanto, Kepala Lapas Kelas IIA Cilegon, menambahkan.", "Yosafat Rizanto"),
    ("Kalapas, H. Ahmad Yani, S.H., M.H., hadir.", "Ahmad Yani"),
    ("“Kami mendukung,” ujar Aliandra Harahap.", "Aliandra Harahap"),
    ("Kasi Kegiatan Kerja Andhika Abrian menjelaskan produksi.", "Andhika Abrian"),
])
def test_person_names_without_titles(nlp, text, name):
    assert name in spans(nlp, text, A.PERSONS)


@pytest.mark.parametrize("text", [
    "Kalapas Narkotika Bandung, Wahyu Hidayat, menyampaikan apresiasi.",
    "Karutan Pangkalan Brandan, Erwin Siregar, hadir.",
])
def test_facility_words_after_a_title_are_not_names(nlp, text):
    names = spans(nlp, text, A.PERSONS)
    assert all(n.split()[0] not in ("Narkotika", "Pangkalan", "Brandan") for n in names)


def test_places_on_their_own_not_inside_names(nlp):
    doc = nlp("Judul Berita Untuk Pengujian\n\nPurwokerto – CV. Rajasa Mas Jaya Cilacap berusaha di Kroya, Cilacap, "
              "dekat Jl. Sudirman Tambak.")
    assert [s._.value for s in doc.spans[A.LOCS]] == ["Purwokerto", "Kroya", "Cilacap"]


@pytest.mark.parametrize("text, products", [
    ("WBP membuat tikar anyaman dari daun pandan dan sapu lidi.", ["tikar anyaman daun pandan", "sapu lidi"]),
    ("Pelatihan batik tulis maupun batik cap dimulai.", ["batik tulis", "batik cap"]),
    ("Sebanyak 1.000 buah paving block dikirim.", ["paving block"]),
    ("Pelatihan pembuatan batako pres bagi WBP.", ["batako pres"]),
    ("Pelatihan pembuatan tempe, peserta antusias.", ["tempe"]),
])
def test_products(nlp, text, products):
    doc = nlp("Judul Berita Untuk Pengujian\n\nKupang – " + text)
    assert [s._.value for s in doc.spans[A.PRODUCTS]] == products


@pytest.mark.parametrize("text", [
    "Pelatihan pembuatan laundry bagi WBP.",
    "Setelah tahap produksi berjalan, kerja sama dilanjutkan.",
    "Pelatihan keterampilan las dan pertukangan kayu.",
])
def test_services_and_skills_are_not_products(nlp, text):
    doc = nlp("Judul Berita Untuk Pengujian\n\nKupang – " + text)
    assert [s.text for s in doc.spans[A.PRODUCTS]] == []


# --- organization boundaries: a name stops where a person, a list, a year or a number starts ---
@pytest.mark.parametrize("text, expected, not_expected", [
    ("Sambutan disampaikan Kepala Balai Penelitian Ternak (Balitnak) Jambi Dr. Rina Wulandari pagi itu.",
     "Balai Penelitian Ternak (Balitnak) Jambi", "Rina"),
    ("Wakil Direktur I Politeknik Negeri Kupang Yohana Bere menyampaikan sambutan.",
     "Politeknik Negeri Kupang", "Yohana"),
    ("Lapas bekerja sama dengan Dinas Sosial Kota Ambon, Puskesmas Waihaong dan Klinik Sehat Bersama.",
     "Dinas Sosial Kota Ambon", "Puskesmas"),
    ("Program ini mendukung Kementerian Imigrasi dan Pemasyarakatan Tahun 2027 secara penuh.",
     "Kementerian Imigrasi dan Pemasyarakatan", "Tahun"),
    ("Surat edaran Ditjenpas Kemenkumham RI No. PAS.07-PK.01.02-115 menjadi dasar.",
     "Ditjenpas Kemenkumham RI", "No."),
    ("Bantuan diserahkan Yayasan Peduli Sesama Makassar kepada UKM Kopi Lembah Hijau Gowa.",
     "Yayasan Peduli Sesama Makassar", "kepada"),
])
def test_organization_name_stops_at_person_list_year_number(nlp, text, expected, not_expected):
    orgs = spans(nlp, text, A.ORGS)
    assert expected in orgs
    assert not any(not_expected in o for o in orgs if o.startswith(expected.split()[0]))


def test_organizations_listed_with_conjunctions_are_split(nlp):
    orgs = spans(nlp, "Mitra lapas antara lain: Bapas Ambon, PT. Maju Laut Sentosa dan Kopi Pala Banda.", A.ORGS)
    assert "PT. Maju Laut Sentosa" in orgs and "Kopi Pala Banda" in orgs
    orgs = spans(nlp, "Bantuan dari Yayasan Kasih Ibu Kendari kepada UKM Tenun Ikat Muna diserahkan.", A.ORGS)
    assert "Yayasan Kasih Ibu Kendari" in orgs and "UKM Tenun Ikat Muna" in orgs


def test_government_name_keeps_its_own_comma_list(nlp):
    orgs = spans(nlp, "Lapas menggandeng Dinas Perdagangan, Koperasi dan UKM Kabupaten Sikka, PT Flores Jaya "
                      "serta Universitas Nusa Nipa.", A.ORGS)
    assert "Dinas Perdagangan, Koperasi dan UKM Kabupaten Sikka" in orgs


def test_facility_with_role_bracket_typo_class_and_line_break(nlp):
    doc = nlp("Judul Berita Untuk Pengujian\n\nTual – Kepala Lembaga Pemasyarakatan (Kalapas) Kelas IIB Tual, "
              "R. Simon Rahanra, membuka kegiatan. Lapas Kelas lIB Tual juga hadir.\n"
              "Rutan Kelas ll B\nTual menerima tamu.")
    values = {s._.value or s.text for s in doc.spans[A.ORGS]}
    assert "Lembaga Pemasyarakatan Kelas IIB Tual" in values
    assert "Lapas Kelas lIB Tual" in values
    assert "Rutan Kelas ll B Tual" in values
    assert "R. Simon Rahanra" in [s.text for s in doc.spans[A.PERSONS]]


def test_programme_named_after_the_facility_is_no_organization(extract_text):
    rec = extract_text("Judul Berita Untuk Pengujian\n\nTual – Lapas Kelas IIB Tual terus mengembangkan "
                       "program Lapas Mandiri bagi warga binaan, termasuk lomba bertajuk Lapas Bersuara.")
    names = [o["name"] for o in rec["organizations"]]
    assert names == ["Lapas Kelas IIB Tual"]


def test_generic_unit_phrase_with_bracket_is_no_organization(nlp):
    assert not spans(nlp, "Sinergi antara Unit Pelaksana Teknis (UPT) Pemasyarakatan terus diperkuat.", A.ORGS)


def test_shorter_name_elsewhere_frees_the_owner_name(nlp):
    text = ("Kunjungan pemilik Warung Sambal Bu Rini Sulastri diterima petugas. "
            "Warung Sambal Bu Rini memasok bumbu untuk dapur lapas.")
    assert "Warung Sambal Bu Rini" in spans(nlp, text, A.ORGS)
    assert "Sulastri" in spans(nlp, text, A.PERSONS)


# --- people in lists, credits, and fake people ---
def test_named_members_and_listed_names(nlp):
    persons = spans(nlp, "Tim instruktur dari Dinas Perikanan, yang terdiri dari Agus Salim, Ni Luh Sari, "
                         "dan Wayan Gede, memberi materi. Hadir pula Penyuluh Perikanan, Darto dan Sumirah.",
                    A.PERSONS)
    for name in ("Agus Salim", "Ni Luh Sari", "Wayan Gede", "Darto", "Sumirah"):
        assert name in persons
    assert "Hadir" not in persons


@pytest.mark.parametrize("text, not_name", [
    ("Pelatihan di bidang Perikanan , Kepala Lapas Kelas IIB Tual, Simon Rahanra, hadir.", "Perikanan"),
    ("Kepala Dinas Perikanan Kab. Maluku Tenggara turut hadir.", "Kab. Maluku Tenggara"),
    ("Mewakili Kepala Lapas Tual, Kasubbag Tata Usaha (TU) Martinus, membuka acara.", "Kasubbag Tata Usaha"),
    ("Acara dibuka Kepala Unit Pelaksana Teknis (UPT) Pemasyarakatan se-Maluku.", "Unit Pelaksana Teknis"),
])
def test_units_places_and_roles_are_not_people(nlp, text, not_name):
    assert not_name not in spans(nlp, text, A.PERSONS)


def test_role_abbreviation_in_brackets_before_the_name(nlp):
    persons = spans(nlp, "Razia dipimpin Kepala Kesatuan Pengamanan Rutan (Ka. KPR) Saumlaki, Yosef Lamere, "
                         "bersama staf. Berkas dibawa Kepala Seksi Kegiatan Kerja (Kasi Giatja), Markus bersama tim.",
                    A.PERSONS)
    assert "Yosef Lamere" in persons and "Markus" in persons


def test_places_in_outlet_names_and_speech_frames_are_not_locations(nlp):
    locs = [s._.value for s in nlp("Judul Berita Untuk Pengujian\n\nLUBUKLINGGAU – Menurut Seram, pelatihan "
                                   "berjalan di Kota Lubuk Linggau.\nHak cipta ANTARA News Maluku 2024")
            .spans[A.LOCS]]
    assert "Seram" not in locs and "Maluku" not in locs
    assert locs == ["Lubuklinggau", "Lubuklinggau"]


def test_foreign_destinations_are_places_and_negara_is_not(nlp):
    doc = nlp("Judul Berita Untuk Pengujian\n\nKUPANG – Anyaman warga binaan akan dikirim ke Singapura dan "
              "dijual di pasar Kanada. Remisi diberikan oleh Negara kepada warga binaan yang belajar bahasa Jepang.")
    locs = [s._.value for s in doc.spans[A.LOCS]]
    assert "Singapura" in locs and "Kanada" in locs
    assert "Negara" not in locs and "Jepang" not in locs
