"""Visits and stages: direction, partner, status cues and their scope."""
from __future__ import annotations

import pytest

HEAD = "Judul Berita Untuk Pengujian\n\nNov 21, 2025 - 11:54\n\nPurwokerto – "


def stages(extract_text, body):
    rec = extract_text(HEAD + body)
    return sorted((s["stage"], s["partner"], s["status"]) for s in rec["partnership_stages"])


def visits(extract_text, body):
    rec = extract_text(HEAD + body)
    return [(v["visitor"], v["host"], v["date"]) for v in rec["visits"]]


LAPAS = "Lapas Kelas IIA Purwokerto"
CV = "CV. Pusat Handicraft"


def test_partner_comes_to_the_facility(extract_text):
    assert visits(extract_text, f"{LAPAS} menerima kunjungan Direktur {CV}, Ariyanto, pada Jumat, 21 November 2025.") \
        == [(CV, LAPAS, "2025-11-21")]


def test_facility_goes_to_the_partner_who_is_host(extract_text):
    assert visits(extract_text, f"Jajaran {LAPAS} mengunjungi {CV} di Kroya pada Kamis (20/11).") \
        == [(LAPAS, CV, "2025-11-20")]


def test_attendance_is_one_visit_per_organization(extract_text):
    found = visits(extract_text, f"{LAPAS} membuka pelatihan pada Kamis (20/11). Acara dihadiri oleh Ketua "
                                 "Dekranasda Kabupaten Banyumas dan perwakilan Dinas Perindustrian Kabupaten Banyumas.")
    assert sorted(v[0] for v in found) == ["Dekranasda Kabupaten Banyumas", "Dinas Perindustrian Kabupaten Banyumas"]
    assert {v[1] for v in found} == {LAPAS} and {v[2] for v in found} == {"2025-11-20"}


@pytest.mark.parametrize("sentence, expected", [
    (f"{LAPAS} menjajaki kerja sama dengan {CV}.", ("penjajakan", "done")),
    (f"{LAPAS} dan {CV} akan menandatangani MoU pekan depan.", ("naskah", "planned")),
    (f"{LAPAS} menandatangani perjanjian kerja sama dengan {CV}.", ("naskah", "done")),
    (f"Nantinya, setelah tahap produksi berjalan, kerja sama dengan {CV} akan dituangkan ke dalam naskah perjanjian.",
     ("naskah", "planned")),
    (f"Penandatanganan PKS dengan {CV} direncanakan pada bulan depan.", ("naskah", "planned")),
    (f"{CV} melakukan monitoring hasil pelatihan di {LAPAS}.", ("monitoring", "done")),
    (f"{CV} menyampaikan rencana penjajakan kerja sama baru di {LAPAS}.", ("penjajakan", "done")),
    (f"Peluang kolaborasi lebih luas, termasuk kerja sama pemasaran dengan {CV} di masa mendatang.", ("penjajakan", "planned")),
])
def test_stage_and_status(extract_text, sentence, expected):
    found = stages(extract_text, f"{LAPAS} membina WBP. " + sentence)
    assert (expected[0], CV, expected[1]) in found


@pytest.mark.parametrize("sentence", [
    f"Diharapkan kerja sama dengan {CV} ini berkelanjutan.",
    f"{LAPAS} ingin menjalin kerja sama dengan {CV}.",
    f"Kerja sama dengan {CV} akan terus dilanjutkan.",
    f"Kunjungan dilakukan dalam rangka penjajakan kerja sama yang akan melibatkan WBP.",
])
def test_hopes_continuations_and_relative_clauses(extract_text, sentence):
    found = stages(extract_text, f"{LAPAS} membina WBP bersama {CV}. " + sentence)
    assert all(s[2] == "done" for s in found)
    if "penjajakan" not in sentence:
        assert found == []


def test_no_partner_no_stage(extract_text):
    assert stages(extract_text, f"{LAPAS} menjajaki kerja sama dengan salah satu perusahaan.") == []


def test_supervising_office_is_partner_only_when_it_monitors(extract_text):
    found = stages(extract_text, f"Kanwil Ditjenpas Jawa Tengah melakukan monev ke {LAPAS}. "
                                 f"Kanwil Ditjenpas Jawa Tengah menandatangani MoU dengan {LAPAS}.")
    assert ("monitoring", "Kanwil Ditjenpas Jawa Tengah", "done") in found
    assert all(s[0] == "monitoring" for s in found if s[1].startswith("Kanwil"))


def test_negative_article_has_no_stages(extract_text):
    body = (f"{LAPAS} memberikan remisi kepada 120 narapidana pada Minggu (17/08). Upacara berlangsung khidmat "
            "dan diikuti seluruh petugas. Pemeriksaan kesehatan juga digelar bagi warga binaan.")
    rec = extract_text(HEAD + body)
    assert rec["partnership_stages"] == []


def test_duration_with_ke_depan_is_not_a_plan(extract_text):
    found = stages(extract_text, f"Melalui kolaborasi bersama {CV}, {LAPAS} membuka program pelatihan yang digelar "
                                 "selama delapan hari ke depan.")
    assert ("pelaksanaan", CV, "done") in found and ("pelaksanaan", CV, "planned") not in found


def test_an_order_from_a_named_partner_is_the_cooperation_running(extract_text):
    found = stages(extract_text, f"{CV} telah memesan 300 sapu lidi hasil karya WBP {LAPAS}.")
    assert found == [("pelaksanaan", CV, "done")]


def test_an_order_without_a_named_partner_is_no_stage(extract_text):
    assert stages(extract_text, f"{LAPAS} menerima banyak pesanan sapu lidi dari warga.") == []


def test_staff_of_the_bare_facility_travel_to_the_partner(extract_text):
    found = visits(extract_text, f"{LAPAS} membina WBP. Pada Kamis (20/11), jajaran Lapas berkunjung ke kantor {CV}.")
    assert found == [(LAPAS, CV, "2025-11-20")]


def test_visit_without_its_own_date_takes_the_event_date_not_an_announced_one(extract_text):
    text = ("Judul Berita Untuk Pengujian\n\nPurwokerto, Selasa (30/9/2025) – Penandatanganan berlangsung di aula "
            f"{LAPAS} dan dihadiri oleh Direktur {CV}. Pelatihan akan dimulai Senin (13/10).")
    rec = extract_text(text)
    assert [(v["visitor"], v["date"]) for v in rec["visits"]] == [(CV, "2025-09-30")]


def test_venue_after_di_is_the_host_not_a_visitor(extract_text):
    found = visits(extract_text, f"Kepala Kanwil Kemenkumham NTT menerima kunjungan Direktur {CV} di {LAPAS}, "
                                 "Jumat (21/11/2025).")
    assert found == [(CV, LAPAS, "2025-11-21")]


def test_unnamed_signing_concerns_every_partner_listed_together(extract_text):
    body = (f"{LAPAS} menandatangani perjanjian kerja sama dengan sejumlah mitra, Senin (17/11). "
            f"Mitra tersebut antara lain {CV}, PT Sinar Bambu Lestari dan Koperasi Tani Makmur.")
    found = stages(extract_text, body)
    for partner in (CV, "PT Sinar Bambu Lestari", "Koperasi Tani Makmur"):
        assert ("naskah", partner, "done") in found


@pytest.mark.parametrize("sentence, expected", [
    (f"Pada hari itu, bertempat di {LAPAS}, dilakukan pengambilan hasil karya WBP berupa keset oleh {CV} "
     "sebagai mitra pemasaran.", ("pelaksanaan", "done")),
    (f"Pelatihan menjahit diikuti 20 WBP dengan mendatangkan instruktur dari {CV}.", ("pelaksanaan", "done")),
    (f"Nantinya akan ada pelatihan anyaman dengan pelatih yang didatangkan dari {CV}.", ("pelaksanaan", "planned")),
    (f"Selain itu, {LAPAS} juga menjalin kerja sama dengan {CV} dalam pelatihan membatik.", ("pelaksanaan", "done")),
])
def test_running_cooperation_triggers(extract_text, sentence, expected):
    found = stages(extract_text, f"{LAPAS} membina WBP. " + sentence)
    assert (expected[0], CV, expected[1]) in found


def test_health_service_with_a_dinas_is_no_stage(extract_text):
    body = f"{LAPAS} bekerja sama dengan Dinas Kesehatan Kabupaten Banyumas menggelar pemeriksaan gratis bagi WBP."
    assert stages(extract_text, body) == []


def test_signing_alone_is_not_the_cooperation_running(extract_text):
    body = (f"{LAPAS} menandatangani PKS dengan {CV}, Senin (17/11). "
            f"Kolaborasi dengan {CV} menjadi wujud sinergi untuk membekali keterampilan WBP.")
    found = stages(extract_text, body)
    assert ("naskah", CV, "done") in found and ("pelaksanaan", CV, "done") not in found


def test_donor_beside_a_signing_is_not_a_party(extract_text):
    body = (f"{LAPAS} menandatangani PKS dengan {CV}. Penandatanganan dilakukan bersamaan dengan penyerahan "
            "bantuan dari Yayasan Peduli Sesama kepada UKM binaan.")
    partners = {p for _, p, _ in stages(extract_text, body)}
    assert CV in partners and "Yayasan Peduli Sesama" not in partners


def test_venue_facility_hosts_the_stage_and_the_visit(extract_text):
    rec = extract_text(HEAD + f"{LAPAS} menandatangani PKS dengan {CV} yang dilaksanakan di Bapas Kelas I "
                       "Semarang, Senin (17/11). Kepala Rutan Kelas IIB Pati turut hadir dalam sosialisasi "
                       "Koperasi Maju Bersama yang digelar di Aula Lapas Kelas I Semarang, Senin (17/11).")
    assert {s["host"] for s in rec["partnership_stages"] if s["partner"] == CV} == {LAPAS}
    assert ("Rutan Kelas IIB Pati", "Lapas Kelas I Semarang") in {(v["visitor"], v["host"]) for v in rec["visits"]}


def test_outside_instructors_and_monitoring_office_are_visits(extract_text):
    found = visits(extract_text, f"{LAPAS} menggelar pelatihan menjahit, Senin (17/11). Tim instruktur dari "
                                 "Dinas Perindustrian Kabupaten Banyumas melakukan assessment terhadap peserta.")
    assert ("Dinas Perindustrian Kabupaten Banyumas", LAPAS, "2025-11-17") in found


def test_directorate_named_with_its_parent_is_one_visitor(extract_text):
    found = visits(extract_text, f"{LAPAS} menerima kunjungan Tim Direktorat Pembinaan Narapidana (Dit. Binap), "
                                 "Direktorat Jenderal Pemasyarakatan, Senin (17/11).")
    assert len(found) == 1 and found[0][0].startswith("Direktorat Pembinaan")


def products(extract_text, body):
    return {p["name"] for p in extract_text(HEAD + body)["products"]}


def test_products_follow_conjuncts_and_skip_names_inputs_and_categories(extract_text):
    found = products(extract_text, f"{LAPAS} menggelar pelatihan pembuatan donat kentang dan pudding lumer, "
                                   "pelatihan kerajinan tangan, serta sulam karawang taplak. "
                                   "Produk dipasarkan melalui CV Teh Melati Wangi.")
    assert {"donat kentang", "pudding lumer", "sulam karawang taplak"} <= found
    assert not found & {"kerajinan tangan", "teh", "teh melati wangi"}
    assert not products(extract_text, f"WBP {LAPAS} dilatih pengolahan tanah dan pemilihan bibit unggul.") \
        & {"tanah", "bibit unggul"}


def test_inverted_attendance_names_the_visitor_after_the_cue(extract_text):
    found = visits(extract_text, f"{LAPAS} membuka pelatihan menjahit pada Kamis (20/11). Turut hadir dalam acara "
                                 "tersebut Kepala Dinas Perindustrian Kabupaten Banyumas, Budi Santoso, beserta jajaran.")
    assert [(v[0], v[1]) for v in found] == [("Dinas Perindustrian Kabupaten Banyumas", LAPAS)]


def test_outbound_trip_without_named_visitor_is_the_facility(extract_text):
    found = visits(extract_text, f"Kepala {LAPAS}, Aliandra Harahap, memimpin rombongan pada Kamis (20/11). "
                                 "Kunjungan diawali ke Dinas Perindustrian Kabupaten Banyumas, yang diterima langsung "
                                 "oleh Kepala Bidang Industri, Sri Wahyuni, guna membahas rencana pelatihan.")
    assert [(v[0], v[1]) for v in found] == [(LAPAS, "Dinas Perindustrian Kabupaten Banyumas")]


def test_visit_noun_with_demonstrative_is_not_a_new_visit(extract_text):
    found = visits(extract_text, f"{CV} berkunjung ke {LAPAS} pada Kamis (20/11). Kunjungan ini dilakukan dalam "
                                 f"rangka penjajakan kerja sama di {LAPAS}.")
    assert [(v[0], v[1]) for v in found] == [(CV, LAPAS)]


def test_signing_partners_attending_as_a_group_are_each_a_visit(extract_text):
    found = visits(extract_text, f"{LAPAS} menandatangani nota kesepahaman dengan Dinas Perindustrian Kabupaten "
                                 f"Banyumas dan {CV} pada Kamis (20/11). Para pimpinan mitra hadir langsung di aula.")
    assert sorted(v[0] for v in found) == [CV, "Dinas Perindustrian Kabupaten Banyumas"]


@pytest.mark.parametrize("sentence, expected", [
    (f"Pada Senin (17/11), {LAPAS} telah menyepakati kerja sama dengan {CV}.", [("naskah", CV, "done")]),
    (f"Pelatihan menjahit ini merupakan program kerjasama antara {LAPAS} dengan {CV} serta dengan "
     "Dinas Perindustrian Kabupaten Banyumas.",
     [("pelaksanaan", CV, "done"), ("pelaksanaan", "Dinas Perindustrian Kabupaten Banyumas", "done")]),
])
def test_agreement_and_between_cues(extract_text, sentence, expected):
    assert stages(extract_text, sentence) == sorted(expected)


def test_future_word_of_another_verb_does_not_plan_the_stage(extract_text):
    body = (f"{LAPAS} bekerja sama dengan {CV} dalam pelatihan menjahit. Setiap peserta yang lulus akan diberikan "
            "sertifikat telah mengikuti pelatihan menjahit.")
    assert ("pelaksanaan", CV, "planned") not in stages(extract_text, body)


def test_planned_clause_about_the_signed_agreement_is_carried_out(extract_text):
    body = (f"{LAPAS} menandatangani PKS dengan {CV} pada Kamis (20/11). "
            "Nantinya PKS ini tidak hanya mencakup pelatihan menjahit, tetapi juga produksi tas.")
    assert stages(extract_text, body) == sorted([("naskah", CV, "done"), ("pelaksanaan", CV, "planned")])


def test_cooperation_as_noun_phrase_refers_to_the_activity_before(extract_text):
    body = (f"Pelatihan Tata Rias bagi warga binaan {LAPAS} memasuki hari ketiga. Kegiatan ini diadakan "
            f"atas kerjasama antara {LAPAS} dan Balai Latihan Kerja Kabupaten Banyumas pada Senin (17/11).")
    assert ("pelaksanaan", "Balai Latihan Kerja Kabupaten Banyumas", "done") in stages(extract_text, body)


def test_planned_follow_up_programme(extract_text):
    body = (f"{LAPAS} bekerja sama dengan {CV} menggelar pelatihan anyaman bagi warga binaan. Setelah itu, "
            f"{LAPAS} bersama {CV} juga menyiapkan program lanjutan berupa pelatihan pembuatan tas rotan.")
    found = stages(extract_text, body)
    assert ("pelaksanaan", CV, "done") in found and ("pelaksanaan", CV, "planned") in found


def test_future_result_of_a_running_training_is_not_planned(extract_text):
    body = (f"{LAPAS} bekerja sama dengan {CV} menggelar pelatihan anyaman. Para peserta yang mengikuti "
            f"pelatihan tersebut nantinya akan mendapat sertifikat dari {CV} setelah mengikuti pelatihan.")
    assert ("pelaksanaan", CV, "planned") not in stages(extract_text, body)


def test_signing_before_which_something_happens_is_planned(extract_text):
    body = (f"{LAPAS} dan {CV} sudah membahas produksi tas anyaman. Produksi diawali dengan uji coba "
            f"sebelum perjanjian kerja sama pengadaan tas itu ditandatangani.")
    found = stages(extract_text, body)
    assert ("naskah", CV, "planned") in found and ("naskah", CV, "done") not in found


def test_facility_women_association_is_not_a_partner(extract_text):
    body = (f"Melalui Dharma Wanita Persatuan (DWP), {LAPAS} bekerja sama dengan {CV} menggelar "
            "pelatihan menjahit bagi warga binaan.")
    found = stages(extract_text, body)
    assert ("pelaksanaan", CV, "done") in found and all("Dharma" not in p for _, p, _ in found)


def test_sentence_initial_attendance_names_the_visiting_body(extract_text):
    body = (f"Penandatanganan kerja sama dilaksanakan di Aula {LAPAS} pada Kamis (20/11). Hadir dalam kegiatan "
            f"ini Kepala {LAPAS}, Direktur Politeknik Negeri Banyumas, dan jajaran {LAPAS}.")
    assert ("Politeknik Negeri Banyumas", LAPAS, "2025-11-20") in visits(extract_text, body)


def test_event_attended_told_again_is_no_visit(extract_text):
    body = (f"Kepala {LAPAS} menghadiri undangan dari {CV} di Kroya pada Kamis (20/11). Kegiatan yang "
            f"dihadiri merupakan evaluasi program CSR {CV}.")
    found = visits(extract_text, body)
    assert (LAPAS, CV, "2025-11-20") in found and (CV, LAPAS, "2025-11-20") not in found


# --- stage dates and status (real5 class 2) ---------------------------------------
STAMP = "Judul Berita Untuk Pengujian\n\nSabtu, 14 Februari 2026 | 06.58 WITA\nPurwokerto – "


def dated_stages(extract_text, body, head=HEAD):
    rec = extract_text(head + body)
    return sorted((s["stage"], s["partner"], s["status"], s["date"]) for s in rec["partnership_stages"])


def test_signing_told_after_a_dated_event_takes_its_date_not_the_timestamp(extract_text):
    found = dated_stages(extract_text, f"Bupati Banyumas meresmikan bengkel batik di {LAPAS}, Kamis (16/10). "
                                       f"Peresmian tersebut dirangkaikan dengan penandatanganan Perjanjian Kerja Sama "
                                       f"antara {LAPAS} dan {CV}.", head=STAMP)
    assert found == [("naskah", CV, "done", "2025-10-16")]


def test_dateless_training_takes_the_date_of_the_next_event_sentence(extract_text):
    found = dated_stages(extract_text, f"{LAPAS} bekerja sama dengan {CV} menggelar pelatihan membatik bagi "
                                       "30 WBP. Kegiatan yang berlangsung di aula pada Rabu 19 November 2025 "
                                       "itu diikuti dengan antusias.")
    assert found == [("pelaksanaan", CV, "done", "2025-11-19")]


def test_the_date_is_followed_back_along_referring_sentences(extract_text):
    found = dated_stages(extract_text, f"{LAPAS} bertemu {CV} di Kroya. Kegiatan koordinasi tersebut dilaksanakan "
                                       "pada Rabu (19/11/2025). Pertemuan ini dipimpin Kepala Lapas. Dalam audiensi "
                                       "tersebut, Kalapas menyampaikan rencana kerja sama pelatihan membatik.")
    assert ("penjajakan", CV, "done", "2025-11-19") in found


@pytest.mark.parametrize("sentence", [
    f"Kegiatan ini menindaklanjuti nota kesepakatan antara {LAPAS} dan {CV} bulan Maret 2024 lalu, agar WBP "
    "terampil jika bebas nanti.",
    f"Pelatihan ini digelar sebagai tindak lanjut dari Perjanjian Kerja Sama (PKS) antara {LAPAS} dan {CV}.",
])
def test_the_agreement_followed_up_was_made_before(extract_text, sentence):
    found = stages(extract_text, sentence)
    assert ("naskah", CV, "done") in found and ("naskah", CV, "planned") not in found


def test_an_agreement_that_will_become_a_bond_is_a_hope(extract_text):
    found = stages(extract_text, f"{LAPAS} menandatangani PKS dengan {CV}. Kalapas berharap, dengan adanya PKS ini "
                                 "akan menjadi pengikat kedua pihak.")
    assert found == [("naskah", CV, "done")]


def test_the_agreement_followed_up_keeps_no_date_of_the_event(extract_text):
    found = dated_stages(extract_text, f"{LAPAS} bersama {CV} menggelar pelatihan membatik, Rabu (19/11/2025). "
                                       f"Kegiatan ini dilaksanakan sebagai tindak lanjut dari Perjanjian Kerja Sama "
                                       f"antara {LAPAS} dan {CV}.")
    assert ("naskah", CV, "done", None) in found
