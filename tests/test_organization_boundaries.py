"""Organization spans and merging: headless partners, span ends, venues, aliases, sub-units."""
from __future__ import annotations

import pytest


def record(extract_text, body):
    return extract_text("Judul Berita Untuk Pengujian\n\nMataram – " + body)


def orgs(extract_text, body):
    return [o["name"] for o in record(extract_text, body)["organizations"]]


# --- partners with no head word -------------------------------------------------

def test_partner_joined_to_a_facility_is_an_organization(extract_text):
    names = orgs(extract_text, "Lapas Kelas IIA Mataram bersama Rumah Amal Sejahtera melakukan penandatanganan "
                               "nota kesepahaman. Rumah Amal Sejahtera akan membina warga binaan.")
    assert "Rumah Amal Sejahtera" in names
    assert len([n for n in names if "Amal" in n]) == 1


def test_middle_item_of_a_list_of_partners(extract_text):
    names = orgs(extract_text, "Lapas Kelas IIA Mataram bekerja sama dengan tiga mitra, yakni LPK Cipta Karya, "
                               "Sinar Pastry Academy, serta PT Budi Makmur Abadi. Pelatihan dimulai pekan depan.")
    assert "Sinar Pastry Academy" in names


def test_final_item_after_comma_and_conjunction_runs_to_its_place(extract_text):
    names = orgs(extract_text, "Mitra itu adalah Dinas Sosial Kabupaten Lombok Barat, dan Meubel Jati dan Interior "
                               "Kabupaten Lombok Timur. Pelatihan dimulai pekan depan.")
    assert "Meubel Jati dan Interior Kabupaten Lombok Timur" in names


def test_partner_after_sinergi_dengan(extract_text):
    names = orgs(extract_text, "Lapas Kelas IIA Mataram kini bersinergi dengan Rumah Amal Sejahtera untuk pembinaan.")
    assert "Rumah Amal Sejahtera" in names


def test_capitalised_sentence_opener_is_no_partner(extract_text):
    names = orgs(extract_text, "Lapas Kelas IIA Mataram menggelar apel. Warga Binaan Pemasyarakatan mengikuti "
                               "kegiatan. Kegiatan Pembinaan berjalan lancar.")
    assert names == ["Lapas Kelas IIA Mataram"]


def test_person_joined_to_a_facility_is_no_organization(extract_text):
    names = orgs(extract_text, "Lapas Kelas IIA Mataram bersama Bapak Budi Santoso meninjau lahan.")
    assert not any("Budi" in n for n in names)


# --- span ends -------------------------------------------------------------------

def test_listed_company_suffix_ends_the_name(extract_text):
    names = orgs(extract_text, "Kerja sama dengan PT Karya Beton (Persero) Tbk. Acara ini digelar di aula.")
    assert any(n.startswith("PT Karya Beton (Persero) Tbk") for n in names)
    assert not any("Acara" in n for n in names)


def test_distributive_se_is_no_facility(extract_text):
    names = orgs(extract_text, "Koordinator Lapas Se-Sulawesi Tengah hadir. Lapas Kelas IIA Palu menerima tamu.")
    assert not any(n.lower().startswith("lapas se") for n in names)


def test_glued_dinas_name_goes_on_with_its_unit(extract_text):
    names = orgs(extract_text, "Pelatihan dari Diskoperindag dan UKM Pati dimulai. Diskoperindag dan UKM Pati "
                               "menyiapkan instruktur.")
    assert "Diskoperindag dan UKM Pati" in names
    assert "UKM Pati" not in names


def test_bracket_inside_a_facility_head(extract_text):
    names = orgs(extract_text, "Rumah Tahanan (Rutan) Negara Kelas IIB Praya Lombok Tengah menerima tamu. "
                               "Rutan Lombok Tengah menyiapkan aula.")
    assert names[0] == "Rumah Tahanan (Rutan) Negara Kelas IIB Praya Lombok Tengah"
    assert len(names) == 1


# --- venues ----------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "Kegiatan digelar di Masjid Nurul Iman Lapas Kelas IIA Mataram.",
    "Lomba berlangsung di depan Gereja Bethesda Lapas Kelas IIA Mataram.",
])
def test_house_of_worship_after_a_place_word_is_a_venue(extract_text, body):
    names = orgs(extract_text, body)
    assert not any(n.startswith(("Masjid", "Gereja")) for n in names)


# --- one organization per body -------------------------------------------------

def test_branch_written_with_and_without_cabang_is_one(extract_text):
    rec = extract_text("Bank NTB Praya Bersinergi Bangun Kemandirian WBP\n\nMataram – Bank NTB Cabang Praya "
                       "mengunjungi Lapas Kelas IIA Mataram. Bank NTB Praya menyalurkan bantuan.")
    names = [o["name"] for o in rec["organizations"]]
    assert [n for n in names if n.startswith("Bank NTB")] == ["Bank NTB Cabang Praya"]


def test_name_with_abbreviation_and_name_with_place_are_one(extract_text):
    names = orgs(extract_text, "Lapas Kelas IIA Mataram bekerja sama dengan Balai Pelatihan Kerja Industri (BPKI). "
                               "Kepala Balai Pelatihan Kerja Industri Mataram, Rina Wulandari, membuka acara.")
    assert len([n for n in names if n.startswith("Balai Pelatihan")]) == 1


def test_dinas_written_with_glued_abbreviation_is_one(extract_text):
    names = orgs(extract_text, "Kerja sama dengan Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) "
                               "Kabupaten Lombok Barat. Dinas P3A Kabupaten Lombok Barat menyiapkan pelatih.")
    assert len([n for n in names if n.startswith("Dinas")]) == 1


def test_named_sub_unit_keeps_its_parent_apart(extract_text):
    names = orgs(extract_text, "Lapas Kelas IIA Mataram menerima Tim Lembaga Penelitian dan Pengabdian kepada "
                               "Masyarakat (LPPM) Universitas Nusa Bangsa (UNB). Rektor menyambut baik. UNB siap "
                               "membantu.")
    assert "Universitas Nusa Bangsa (UNB)" in names
    assert any(n.startswith("Lembaga Penelitian") for n in names)


def test_parent_named_only_inside_sub_unit_is_no_organization(extract_text):
    names = orgs(extract_text, "Tim Fakultas Teknik Universitas Nusa Bangsa melatih warga binaan Lapas Kelas IIA "
                               "Mataram.")
    assert "Universitas Nusa Bangsa" not in names


def test_place_abbreviation_in_brackets_does_not_join_organizations(extract_text):
    names = orgs(extract_text, "Program ini berjalan di NTB. Lapas Kelas IIA Mataram menggandeng Dinas Sosial "
                               "Provinsi Nusa Tenggara Barat (NTB). Kepala Kantor Wilayah Direktorat Jenderal "
                               "Pemasyarakatan NTB hadir.")
    assert "Kantor Wilayah Direktorat Jenderal Pemasyarakatan NTB" in names


# --- real5: coordination, brackets inside names, lower-case heads, partner frames ------

def test_acronym_after_dan_opens_a_second_organization(extract_text):
    found = orgs(extract_text, "Lapas Kelas IIB Sukamaju membuka pelatihan bersama dua mitra, CV. Karya Tani "
                               "Mandiri dan P4DS Sekar Wangi Cempaka Putih, Senin (21/07/2025).")
    assert "CV. Karya Tani Mandiri" in found
    assert "P4DS Sekar Wangi Cempaka Putih" in found


def test_bracketed_acronym_inside_a_listed_dinas_name(extract_text):
    found = orgs(extract_text, "Lapas Kelas IIB Sukamaju menandatangani kerja sama dengan Dinas Perindustrian, "
                               "Perdagangan, Koperasi dan (Disperindagkop) UMKM Kota Sukamaju di aula.")
    assert "Dinas Perindustrian, Perdagangan, Koperasi dan (Disperindagkop) UMKM Kota Sukamaju" in found
    assert "Dinas Perindustrian" not in found
    assert not any(o.startswith("UMKM") for o in found)


def test_facility_place_bridged_to_its_city(extract_text):
    found = orgs(extract_text, "Rutan Kelas I Tanjung Merdeka Medan bekerja sama dengan Dinas Sosial Kota "
                               "Medan dalam pelatihan.")
    assert "Rutan Kelas I Tanjung Merdeka Medan" in found


def test_lower_case_facility_head_before_its_class(extract_text):
    found = orgs(extract_text, "Kakanwil meresmikan pabrik roti di lapas Kelas 1 Sukamaju, Kamis (16/7/2020).")
    assert "lapas Kelas 1 Sukamaju" in found


def test_headless_partner_under_whose_umbrella_a_workshop_runs(extract_text):
    found = orgs(extract_text, "Lapas Kelas IIB Sukamaju membuka pabrik garmen dibawah naungan Sinar Busana "
                               "Mulia selaku investor.")
    assert "Sinar Busana Mulia" in found
