"""Locations: places used on their own, not the place words of names, and small places after their noun."""
from __future__ import annotations

import pytest

from extractor import doc_attrs as A

TITLE = "Berita Pembinaan Warga Binaan\n\n"


def locs(nlp, text):
    doc = nlp(TITLE + text)
    return [s._.value for s in doc.spans[A.LOCS]]


@pytest.mark.parametrize("text, place", [
    ("Usaha mebel itu berada di Desa Karangsari, Kecamatan Sumbang.", "Karangsari"),
    ("Kios oleh-oleh mitra terletak di kawasan Pasar Lama dekat pelabuhan.", "Pasar Lama"),
    ("Kebun itu terletak di daerah Warmare, Kabupaten Manokwari.", "Warmare"),
    ("Warga binaan bekerja di Kampung Yoka Kabupaten Jayapura setiap pagi.", "Yoka"),
    ("Koperasi itu berdiri di Kecamatan Ilir Barat II, Palembang.", "Ilir Barat II"),
])
def test_small_places_after_their_noun_are_locations_even_unknown(nlp, text, place):
    assert place in locs(nlp, text)


def test_a_street_after_an_area_noun_is_no_location(nlp):
    got = locs(nlp, "Bazar digelar di kawasan Jalan Merdeka setiap tahun.")
    assert not any(v.startswith("Jalan") for v in got)


@pytest.mark.parametrize("text, not_place", [
    # the place closing an organization's name, after a lower-case level word
    ("Sekretaris Dinas Sosial kabupaten Agam, Budi Santoso, hadir di Lapas.", "Agam"),
    # the place after a facility head's title names the facility
    ("Kegiatan dibuka oleh Kalapas Muara Bungo, Rudi Hartono.", "Bungo"),
    ("Bantuan diserahkan kepada Karutan Wonosari, Agus Salim, di aula.", "Wonosari"),
    # a place word inside a personal name, after an initial
    ("Pelatihan dibuka oleh Bapak Yohanes H Jawa Dasi dan stafnya.", "Jawa"),
    # a district that is only the first word of a longer name
    ("Mitra berasal dari Kabupaten Limapuluh Kota dan sudah lama berdiri.", "Limapuluh"),
    # the region in an office head's title is the office's ("Kakanwil Jateng"), not a place
    ("Kegiatan itu mendapat apresiasi dari Kakanwil Jateng.", "Jateng"),
    ("Pengamanan dibantu oleh Kapolres Banyumas dan jajarannya.", "Banyumas"),
    # a regency name opening a personal name, and the same name alone later
    ("Kepala Rutan Kelas IIB Wonosobo, Cilacap Dwi Santoso menyambut tamu. Cilacap juga berharap "
     "pelatihan berlanjut.", "Cilacap"),
    # a village at the end of a street address
    ("Pabrik itu berada di Jalan Gatot Subroto, Kelurahan Sukamaju, Kota Bandung.", "Sukamaju"),
    # the start of a wider area's name
    ("Kegiatan diikuti kepala rutan se wilayah Banyumas Lestari.", "Banyumas"),
])
def test_place_words_of_names_are_no_locations(nlp, text, not_place):
    assert not_place not in locs(nlp, text)


def test_a_district_before_a_level_word_with_its_own_name_stays(nlp):
    assert "Sooko" in locs(nlp, "Mitra berada di Kecamatan Sooko Kabupaten Mojokerto sejak lama.")


def test_a_region_governed_by_a_regional_head_stays_a_location(nlp):
    assert "Banyumas" in locs(nlp, "Acara dihadiri oleh Bupati Banyumas dan jajaran.")
