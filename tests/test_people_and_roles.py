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


# --- real5: ranks, police posts, abbreviated titles, facility places, connectives ------

@pytest.mark.parametrize("body, name, role", [
    ("Kapolsek Sukamaju Utara Ipda Joko Wiryanto menyambut rombongan Bapas Kelas II Sukamaju.",
     "Joko Wiryanto", "Kepala Polsek"),
    ("Hadir Kapolres Sukamaju AKBP Budi Santoso SIK dan Kasat Binmas Iptu Agus Salim dalam acara itu.",
     "Agus Salim", "Kepala Satuan Pembinaan Masyarakat"),
    ("Hadir Kapolres Sukamaju AKBP Budi Santoso SIK dan Kasat Binmas Iptu Agus Salim dalam acara itu.",
     "Budi Santoso", "Kepala Polres"),
    ("Dandim 0612 Sukamaju Letkol Inf Andi Wijaya, S.H., M.H. turut hadir dalam acara itu.",
     "Andi Wijaya", "Komandan Kodim"),
    ("Ka Rutan Kelas IIB Sukamaju, Rudi Hartono menyampaikan terima kasih kepada mitra.",
     "Rudi Hartono", "Kepala Rutan"),
])
def test_rank_and_post_title_are_not_the_name(extract_text, body, name, role):
    found = people(extract_text, body)
    assert name in found
    assert found[name][0] == role


def test_two_word_facility_place_written_plainly_elsewhere(extract_text):
    found = people(extract_text, "Lembaga Pemasyarakatan Kelas IIB Pangkalan Damai bekerja sama dengan Dinas "
                                 "Pertanian. Kepala Lembaga Pemasyarakatan Kelas IIB Pangkalan Damai Agus Prasetyo "
                                 "mengapresiasi program tersebut.")
    assert "Agus Prasetyo" in found
    assert found["Agus Prasetyo"][1] == "Lembaga Pemasyarakatan Kelas IIB Pangkalan Damai"


def test_connective_is_no_part_of_a_name(extract_text):
    found = people(extract_text, "Sedangkan Sri Wahyuni, Kepala Disnaker Sukamaju menyampaikan dukungan.")
    assert "Sri Wahyuni" in found
    assert not any(n.startswith("Sedangkan") for n in found)


def test_title_word_inside_an_organization_name_is_no_role(extract_text):
    found = people(extract_text, "Kepala Kantor Wilayah Dirjenpas NTB, Made Suparta, meninjau pelatihan itu.")
    assert found["Made Suparta"][0] == "Kepala Kantor Wilayah"


def test_name_after_a_bracketed_place_abbreviation(extract_text):
    found = people(extract_text, "Kepala Kantor Wilayah (Kakanwil) Sulawesi Selatan (Sulsel) Budi Hartanto, "
                                 "meresmikan pabrik roti di Lapas Kelas I Makassar.")
    assert "Budi Hartanto" in found
    assert found["Budi Hartanto"][0] == "Kepala Kantor Wilayah"


def test_name_after_a_clause_opener_and_before_its_role(extract_text):
    found = people(extract_text, "Di kesempatan yang sama, Bagus Dwi Cahyono Kepala Rutan Kelas IIB Sukamaju, "
                                 "memaparkan jumlah warga binaan.")
    assert "Bagus Dwi Cahyono" in found
