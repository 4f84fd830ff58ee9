"""People beside roles: ROLE ORG NAME without a comma, role lexicon, and the organization a role serves."""
from __future__ import annotations

import pytest


def record(extract_text, body):
    return extract_text("Judul Berita Untuk Pengujian\n\nMataram – " + body)


def people(extract_text, body):
    return {p["name"]: (p["role"], p["organization"]) for p in record(extract_text, body)["people"]}


def orgs(extract_text, body):
    return [o["name"] for o in record(extract_text, body)["organizations"]]


# --- ROLE ORG NAME with no comma -------------------------------------------------

@pytest.mark.parametrize("body, name, org", [
    ("Hadir Kepala Dinas Perdagangan, Perindustrian dan Ketenagakerjaan Yohanes Latuconsina, serta tamu lain.",
     "Yohanes Latuconsina", "Dinas Perdagangan, Perindustrian dan Ketenagakerjaan"),
    ("Hadir pula Kepala Dinas Lingkungan Hidup Markus Tuhumury, serta tamu lain.",
     "Markus Tuhumury", "Dinas Lingkungan Hidup"),
    ("Kepala Kantor Wilayah Direktorat Jenderal Pemasyarakatan Sulawesi Tengah Bambang Sutrisno Wibowo di Palu "
     "mengatakan kerja sama ini penting.",
     "Bambang Sutrisno Wibowo", "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Sulawesi Tengah"),
    ("Kepala Disnakertrans NTB Maria T. Lumban Gaol turut menyampaikan apresiasi.",
     "Maria T. Lumban Gaol", "Disnakertrans NTB"),
    ("Kepala Diskoperindag dan UKM Pati Siti Aminah Rahayu mengatakan, materi pelatihan adalah menjahit.",
     "Siti Aminah Rahayu", "Diskoperindag dan UKM Pati"),
    ("Hadir Kepala Seksi Kurikulum dan Penilaian Bidang Pendidikan Dasar Dinas Pendidikan Kab. SBT Selina "
     "Wattimena.",
     "Selina Wattimena", "Dinas Pendidikan Kab. SBT"),
])
def test_name_after_role_and_organization_without_comma(extract_text, body, name, org):
    found = people(extract_text, body)
    assert name in found
    assert found[name][1] == org
    assert not any(name.split()[-1] in o for o in orgs(extract_text, body))


def test_place_after_level_word_is_no_name(extract_text):
    found = people(extract_text, "Hadir Sekretaris Dinas Lingkungan Hidup Kota Baubau Andi Syamsul Bahri, dan tamu.")
    assert "Andi Syamsul Bahri" in found
    assert found["Andi Syamsul Bahri"][1] == "Dinas Lingkungan Hidup Kota Baubau"


def test_title_holding_its_head_word_is_not_lengthened(extract_text):
    found = people(extract_text, "Kepala Dinas Sosial Kabupaten Lombok Barat, Rudi Hartono, membuka acara.")
    assert found["Rudi Hartono"] == ("Kepala Dinas", "Dinas Sosial Kabupaten Lombok Barat")


def test_distributive_facility_belongs_to_the_title(extract_text):
    found = people(extract_text, "\"Mereka dipindahkan,\" kata Koordinator Lapas se-Nusakambangan dan Cilacap "
                                 "Joko Santoso Wibowo dalam keterangannya.")
    assert "Joko Santoso Wibowo" in found
    assert found["Joko Santoso Wibowo"][1] is None


# --- role lexicon ----------------------------------------------------------------

def test_subseksi_title_with_unit_object(extract_text):
    found = people(extract_text, "Lapas Kelas IIA Mataram memanen lele. Sementara itu, Kepala Subseksi Pelayanan "
                                 "Tahanan, M. Rizal Hakim, menegaskan pentingnya pembinaan.")
    assert found["M. Rizal Hakim"][0] == "Kepala Subseksi Pelayanan Tahanan"


def test_bank_branch_head_and_companion(extract_text):
    found = people(extract_text, "Pemimpin Cabang Bank NTB Praya, Lalu Ahmad Fauzi, bersama Manajer Bisnis "
                                 "Konsumer, Baiq Nurul Aini, meninjau Lapas Kelas IIA Mataram.")
    assert found["Lalu Ahmad Fauzi"] == ("Pemimpin Cabang", "Bank NTB Praya")
    assert found["Baiq Nurul Aini"] == ("Manajer Bisnis Konsumer", "Bank NTB Praya")


def test_organization_acting_through_its_official(extract_text):
    found = people(extract_text, "Lapas Kelas IIA Mataram melalui Kepala Bidang Kegiatan Kerja (Giatja), Dedi "
                                 "Kurniawan bersama jajaran mengunjungi PT Sinar Abadi.")
    assert found["Dedi Kurniawan"][1] == "Lapas Kelas IIA Mataram"


def test_name_after_relative_clause(extract_text):
    found = people(extract_text, "Salah satu petugas yang turut mengawasi pertandingan, Yakobus D. Manu, "
                                 "menambahkan bahwa kegiatan ini penting.")
    assert "Yakobus D. Manu" in found


def test_rank_of_office_is_no_name(extract_text):
    found = people(extract_text, "Turut hadir Kepala Bidang Pelatihan Kerja, Herman Susilo, serta Pejabat "
                                 "Struktural beserta staf Rutan Kelas IIB Praya.")
    assert "Pejabat Struktural" not in found
    assert "Herman Susilo" in found


def test_trainer_from_the_business_named_before(extract_text):
    found = people(extract_text, "Pelatihan bekerja sama dengan UMKM Tenun Ikat Sukarara. Inaq Sumiati, pelatih "
                                 "dari UMKM tersebut, mengatakan pelatihan berlangsung dua minggu.")
    assert found["Inaq Sumiati"][1] == "UMKM Tenun Ikat Sukarara"


def test_name_after_acronym_and_place(extract_text):
    found = people(extract_text, "Turut hadir Kepala Perwakilan BI Sulteng Moh Rizal Hakim, Perwakilan Dinas "
                                 "Pertanian, dan tamu lain.")
    assert found["Moh Rizal Hakim"][0] == "Kepala Perwakilan"
    assert not any(n.startswith("Sulteng") for n in found)


def test_birth_order_name_dropped_in_a_later_mention(extract_text):
    found = people(extract_text, "Kepala Kantor Wilayah Direktorat Jenderal Pemasyarakatan NTB Made Agus Wirawan "
                                 "Putra di Mataram mengatakan hal itu. \"Kami siap,\" kata Agus Wirawan.")
    assert "Agus Wirawan" not in found
    assert "Made Agus Wirawan Putra" in found
