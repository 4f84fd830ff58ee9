"""Date candidates and their ISO values, including the genre's traps."""
from __future__ import annotations

import pytest

from extractor.annotate.dates import find_dates


def dates_of(extract_text, body, published_line="Nov 21, 2025 - 11:54"):
    text = f"Judul Berita Lapas Untuk Uji\n\n{published_line}\n\nPurwokerto – {body}"
    record = extract_text(text)
    return {d["text"]: d["value"] for d in record["dates"]}, record["article"]["published"]


@pytest.mark.parametrize("body, expected", [
    ("Kunjungan pada Kamis (31/07) pukul 11.30 WIB berjalan.", {"Kamis (31/07) pukul 11.30 WIB": "2025-07-31T11:30:00+07:00"}),
    ("Acara pada Jumat, 21 November 2025 di aula.", {"Jumat, 21 November 2025": "2025-11-21"}),
    ("Pelatihan Sabtu 22 November 2025 dibuka.", {"Sabtu 22 November 2025": "2025-11-22"}),
    ("Penandatanganan (06/06/2024) di Kupang.", {"06/06/2024": "2024-06-06"}),
    ("Rapat Rabu, 10 Desember 2025 pukul 09.00 WITA.", {"Rabu, 10 Desember 2025 pukul 09.00 WITA": "2025-12-10T09:00:00+08:00"}),
    ("Panen Senin (23/12) pukul 08.00 WIT.", {"Senin (23/12) pukul 08.00 WIT": "2024-12-23T08:00:00+09:00"}),
    ("Evaluasi 6 Nop 2019 selesai.", {"6 Nop 2019": "2019-11-06"}),
])
def test_date_values(extract_text, body, expected):
    found, _ = dates_of(extract_text, body)
    for text, value in expected.items():
        assert found[text] == value


def test_year_less_date_takes_nearest_year_on_or_before_publication(extract_text):
    found, published = dates_of(extract_text, "Kegiatan Selasa (23/12) dan Senin (03/11).")
    assert published == "2025-11-21T11:54:00"
    assert found["Selasa (23/12)"] == "2024-12-23"     # 23 Dec 2025 would be after publication
    assert found["Senin (03/11)"] == "2025-11-03"


def test_no_published_date_takes_year_from_another_full_date(extract_text):
    text = "Judul Berita Lapas Untuk Uji\n\nKupang – Acara 5 Maret 2024 dan Kamis (07/03) berjalan."
    record = extract_text(text)
    assert record["article"]["published"] is None
    values = {d["text"]: d["value"] for d in record["dates"]}
    assert values["Kamis (07/03)"] == "2024-03-07"


def test_range_gives_both_ends(extract_text):
    found, _ = dates_of(extract_text, "Pelatihan 31 Maret hingga 3 April 2025 diikuti WBP.")
    record_values = sorted(v for k, v in found.items())
    text = "Judul Berita Lapas Untuk Uji\n\nKupang – Pelatihan 31 Maret hingga 3 April 2025 diikuti WBP."
    values = sorted(d["value"] for d in extract_text(text)["dates"])
    assert values == ["2025-03-31", "2025-04-03"]


@pytest.mark.parametrize("text", [
    "Petugas memeriksa sel tahanan blok A.",
    "WBP dari sel 3 mengikuti pelatihan.",
    "Kalapas, Min Purnomo, hadir.",
    "Kegiatan rutin setiap hari Senin.",
    "Dilaksanakan selama satu minggu terakhir.",
    "Sebanyak 30 WIB peserta.",
])
def test_no_invented_dates(text):
    assert find_dates(text) == []


def test_weekday_mismatch_is_flagged_not_corrected(extract_text):
    text = "Judul Berita Lapas Untuk Uji\n\nKupang – Acara Kamis (05/02/2019) dibuka."
    record = extract_text(text)
    date = record["dates"][0]
    assert date["value"] == "2019-02-05" and date["weekday_mismatch"] is True
    assert any("weekday" in w for w in record["article"]["warnings"])


def test_published_only_from_layout_not_body_dates(extract_text):
    text = "Judul Berita Lapas Untuk Uji\n\nKupang – Hari ini, Senin (21/07/2025), Lapas menggelar acara."
    assert extract_text(text)["article"]["published"] is None


def test_a_list_of_days_sharing_a_month_gives_every_day(extract_text):
    text = "Judul Berita Lapas Untuk Uji\n\nKupang – Skrining digelar pada tanggal 3, 4,\n6 dan 8 Maret 2025 di Lapas."
    values = sorted(d["value"] for d in extract_text(text)["dates"])
    assert values == ["2025-03-03", "2025-03-04", "2025-03-06", "2025-03-08"]


def test_a_year_less_range_takes_the_year_of_another_full_date(extract_text):
    text = "Judul Berita Lapas Untuk Uji\n\nKupang – Pelatihan 10-12 Maret diikuti WBP. Pembukaan pada Senin, 10 Maret 2025."
    values = sorted(d["value"] for d in extract_text(text)["dates"])
    assert values == ["2025-03-10", "2025-03-10", "2025-03-12"]


def test_a_year_less_date_takes_the_year_of_a_list(extract_text):
    text = "Judul Berita Lapas Untuk Uji\n\nKupang – Skrining dibuka Jumat (7/3). Kegiatan digelar 3, 5 dan 7 Maret 2025."
    values = {d["text"]: d["value"] for d in extract_text(text)["dates"]}
    assert values["Jumat (7/3)"] == "2025-03-07"


@pytest.mark.parametrize("text, span, weekday", [
    ("Kunjungan pada Kamis (31/07) pukul 11.30 WIB berjalan.", "Kamis (31/07) pukul 11.30 WIB", 3),
    ("Digelar Senin(8/3) lalu.", "Senin(8/3)", 0),
    ("Hari Jum’at , (06/10/2023) di aula.", "Jum’at , (06/10/2023)", 4),
    ("Tanggal (06/10/2023) tanpa nama hari.", "06/10/2023", None),
])
def test_bracketed_numeric_dates_take_the_weekday_just_before_the_bracket(text, span, weekday):
    (found,) = find_dates(text)
    assert text[found["start"]:found["end"]] == span
    assert found["parts"].get("weekday") == weekday


def test_a_bare_bracketed_day_and_month_closing_a_clause_is_a_date(extract_text):
    found, _ = dates_of(extract_text, "Tim koperasi meninjau langsung unit produksi sandal warga binaan (14/11). "
                                      "Kunjungan berjalan lancar.")
    assert found["(14/11)"] == "2025-11-14"


@pytest.mark.parametrize("text", [
    "Nilai rapor naik menjadi 8 (3/4) dalam setahun.",
    "Skor pertandingan (2/1) membuat tim Lapas unggul di babak kedua.",
])
def test_a_bracketed_fraction_after_a_number_or_inside_a_clause_is_no_date(text):
    assert find_dates(text) == []
