"""Stage and visit rules for cooperations told indirectly: contact, running or carried-on
cooperations, attendance lines, agreements told again, and the list attributes."""
from __future__ import annotations

HEAD = "Judul Berita Untuk Pengujian\n\nNov 21, 2025 - 11:54\n\nPurwokerto – "
LAPAS = "Lapas Kelas IIA Purwokerto"
CV = "CV. Pusat Handicraft"
DINAS = "Dinas Perindustrian Kabupaten Banyumas"


def record(extract_text, body):
    return extract_text(HEAD + body)


def stages(extract_text, body):
    return sorted((s["stage"], s["partner"], s["status"]) for s in record(extract_text, body)["partnership_stages"])


def visits(extract_text, body):
    return [(v["visitor"], v["host"], v["date"]) for v in record(extract_text, body)["visits"]]


# --- class 1: stage cue gaps ------------------------------------------------------
def test_contact_about_marketing_is_exploring(extract_text):
    found = stages(extract_text, f"{LAPAS} membina WBP. Pihak Lapas telah berkomunikasi dengan {CV} dan "
                                 f"{DINAS}, untuk membantu memasarkan hasil kerajinan WBP.")
    assert ("penjajakan", CV, "done") in found and ("penjajakan", DINAS, "done") in found


def test_contact_with_the_next_step_announced_is_planned(extract_text):
    found = stages(extract_text, f"{LAPAS} membina WBP. Kami sudah berkomunikasi dengan {CV} soal pemasaran "
                                 "dan pekan depan akan dijadwalkan pertemuan.")
    assert ("penjajakan", CV, "planned") in found and ("penjajakan", CV, "done") not in found


def test_contact_about_no_cooperation_is_no_stage(extract_text):
    assert stages(extract_text, f"Petugas {LAPAS} berkoordinasi dengan {DINAS} untuk menerbitkan "
                                "kartu identitas WBP.") == []


def test_cooperation_elaborated_by_a_future_sentence_is_planned(extract_text):
    found = stages(extract_text, f"{LAPAS} membina WBP. Program tersebut merupakan kerjasama antara pihak Lapas "
                                 f"dengan {DINAS}. Nantinya, para narapidana diberikan pelatihan pertukangan kayu.")
    assert found == [("pelaksanaan", DINAS, "planned")]


def test_cooperation_running_for_years_and_carried_on(extract_text):
    body = (f"{LAPAS} membina WBP. Kepala Seksi Kegiatan Kerja membahas kelanjutan kerja sama yang sudah terjalin "
            f"antara {LAPAS} dengan {CV} selama tiga tahun. Diketahui, kerja sama ini terkait pembuatan tas anyaman. "
            f"Direktur {CV}, Ariyanto, sepakat melanjutkan kerja sama membuat tas anyaman.")
    found = stages(extract_text, body)
    assert ("pelaksanaan", CV, "done") in found and ("pelaksanaan", CV, "planned") in found


def test_running_cooperation_told_in_a_monitoring_is_only_monitored(extract_text):
    body = (f"{CV} melakukan monitoring pelaksanaan kerja sama produksi tas yang telah berjalan sejak Maret "
            f"di {LAPAS}.")
    assert ("pelaksanaan", CV, "done") not in stages(extract_text, body)


def test_training_started_today_is_done(extract_text):
    body = (f"{LAPAS} menjalin kerja sama dengan {DINAS}, Rabu (19/11/2025). Sebanyak 16 WBP akan dilatih "
            "selama 20 hari mulai Rabu (19/11/2025) hari ini.")
    assert ("pelaksanaan", DINAS, "done") in stages(extract_text, body)


def test_agreement_told_again_has_the_parties_and_date_of_the_sentence_before(extract_text):
    body = (f"{LAPAS} mengumumkan kerja sama dengan {CV} dan PT Sinar Bambu Lestari dalam pelatihan menjahit, "
            "Senin (17/11/2025). Penandatanganan nota kesepahaman ini berlangsung di aula.")
    rec = record(extract_text, body)
    found = {(s["stage"], s["partner"], s["status"], s["date"]) for s in rec["partnership_stages"]}
    assert ("naskah", CV, "done", "2025-11-17") in found
    assert ("naskah", "PT Sinar Bambu Lestari", "done", "2025-11-17") in found


def test_signing_with_a_counted_group_concerns_each_body_of_that_kind(extract_text):
    body = (f"{LAPAS} menandatangani PKS dengan dua dinas terkait. Penandatanganan berlangsung di Aula {LAPAS} "
            "pada Rabu (19/11/2025). Hadir sebagai perwakilan dinas adalah Kepala Dinas Sosial Kabupaten Banyumas, "
            "Budi Santoso, dan Kepala Dinas Pertanian Kabupaten Banyumas, Sri Wahyuni.")
    rec = record(extract_text, body)
    found = {(s["stage"], s["partner"], s["status"]) for s in rec["partnership_stages"]}
    assert {("naskah", "Dinas Sosial Kabupaten Banyumas", "done"),
            ("naskah", "Dinas Pertanian Kabupaten Banyumas", "done")} <= found
    assert sorted((v["visitor"], v["date"], tuple(v["purposes"])) for v in rec["visits"]) == [
        ("Dinas Pertanian Kabupaten Banyumas", "2025-11-19", ("naskah",)),
        ("Dinas Sosial Kabupaten Banyumas", "2025-11-19", ("naskah",))]


def test_speaker_of_a_partner_body_is_the_partner(extract_text):
    body = (f"{LAPAS} menandatangani PKS dengan {CV} dan {DINAS}, Senin (17/11/2025). Kepala {DINAS}, "
            "Budi Santoso, hadir dalam acara itu. Budi Santoso menyampaikan bahwa angkatan pertama pelatihan "
            "dijadwalkan dimulai pada Senin, 1 Desember 2025.")
    found = stages(extract_text, body)
    assert ("pelaksanaan", DINAS, "planned") in found and ("pelaksanaan", CV, "planned") not in found


def test_each_clause_keeps_its_own_partner(extract_text):
    body = (f"{LAPAS} menandatangani PKS dengan {CV} dan PT Sinar Bambu Lestari. {CV} akan melatih WBP membuat "
            "tas, sedangkan PT Sinar Bambu Lestari memberikan pendampingan produksi kursi bambu.")
    found = stages(extract_text, body)
    assert ("pelaksanaan", CV, "planned") in found and ("pelaksanaan", "PT Sinar Bambu Lestari", "done") in found
    assert ("pelaksanaan", CV, "done") not in found and ("pelaksanaan", "PT Sinar Bambu Lestari", "planned") not in found


def test_goods_sold_to_a_named_business_is_the_cooperation_running(extract_text):
    body = (f"Pada Selasa (18/11), {LAPAS} melakukan promosi dan penjualan produk WBP berupa keripik pisang "
            "ke PT Sinar Bambu Lestari.")
    assert ("pelaksanaan", "PT Sinar Bambu Lestari", "done") in stages(extract_text, body)


def test_facility_to_be_developed_together_is_planned(extract_text):
    body = (f"{CV} berkunjung ke {LAPAS}. Selanjutnya, tim dari {CV} melakukan survei lokasi kantin yang akan "
            "dikembangkan bersama.")
    assert ("pelaksanaan", CV, "planned") in stages(extract_text, body)


# --- class 9: status, type and attachment -----------------------------------------
def test_effect_of_a_signed_agreement_is_no_planned_stage(extract_text):
    body = (f"{LAPAS} menandatangani MoU dengan {CV}, Senin (17/11/2025). MoU ini tentu akan memperkuat "
            "kerja sama sebelumnya.")
    assert stages(extract_text, body) == [("naskah", CV, "done")]


def test_document_title_word_is_no_plan(extract_text):
    body = (f"{LAPAS} menandatangani PKS dengan {CV}. Langkah ini merupakan kelanjutan dari Nota Kesepakatan "
            f"Bersama Rencana Kerja tentang Pembinaan yang ditandatangani pada 3 November 2025 bersama {CV}.")
    assert ("naskah", CV, "planned") not in stages(extract_text, body)


# --- class 4: visits --------------------------------------------------------------
def test_facility_after_a_parent_office_is_the_host(extract_text):
    body = (f"Kanwil Ditjenpas Jawa Tengah, {LAPAS} menerima kunjungan dari {CV} sebagai tindak lanjut MoU "
            "di Semarang, pada Rabu (19/11/2025).")
    assert visits(extract_text, body) == [(CV, LAPAS, "2025-11-19")]


def test_presence_of_a_delegation_from_a_body_is_a_visit(extract_text):
    body = (f"{LAPAS} menerima kunjungan monitoring dari {CV} pada Kamis (20/11). Kunjungan ini diperkuat "
            "dengan kehadiran perwakilan akademisi dari Universitas Jenderal Soedirman untuk meninjau program.")
    assert ("Universitas Jenderal Soedirman", LAPAS) in {(v[0], v[1]) for v in visits(extract_text, body)}


def test_partner_head_who_came_with_a_team_is_a_visit(extract_text):
    body = (f"{LAPAS} menggelar pelatihan menjahit pada Kamis (20/11). Direktur {CV}, Ariyanto, yang hadir "
            "bersama timnya, menjelaskan materi pelatihan.")
    assert (CV, LAPAS, "2025-11-20") in visits(extract_text, body)


def test_each_representative_of_the_partners_named_before_came(extract_text):
    body = (f"{LAPAS} menandatangani PKS dengan dua mitra pada Kamis (20/11). Kedua mitra tersebut yakni {CV} "
            f"dan {DINAS}. Masing-masing perwakilan hadir langsung ke Lapas dan menandatangani naskah.")
    assert sorted(v[0] for v in visits(extract_text, body)) == [CV, DINAS]


# --- list attributes --------------------------------------------------------------
def test_stage_takes_the_article_goods_and_a_visit_the_aims_of_its_stages(extract_text):
    body = (f"{CV} berkunjung ke {LAPAS} pada Kamis (20/11). WBP membuat tas anyaman dan keset kain perca. "
            f"{CV} melakukan monitoring hasil produksi.")
    rec = record(extract_text, body)
    monitoring = next(s for s in rec["partnership_stages"] if s["stage"] == "monitoring")
    assert set(monitoring["products"]) == {"tas anyaman", "keset kain perca"}
    assert rec["visits"][0]["purposes"] != ["other"]


# --- real5 class 5: a cooperation that began with a training ------------------------
def test_cooperation_begun_with_a_training_is_running(extract_text):
    found = stages(extract_text, f"{LAPAS} menjalin kerja sama dengan {DINAS} untuk memperluas program pelatihan "
                                 "kerja, Rabu (19/11/2025). “Kerja sama ini diawali dengan pelatihan menjahit,” "
                                 "ujar Kepala Lapas.")
    assert ("pelaksanaan", DINAS, "done") in found


# --- real5 class 8: visits by attending or opening, and the named host ---------------
def test_official_opening_the_training_at_the_facility_is_a_visit(extract_text):
    assert visits(extract_text, f"Pelatihan menjahit tersebut dibuka oleh Kepala {DINAS} Budi Santoso di aula "
                                f"{LAPAS}, Rabu (19/11/2025).") == [(DINAS, LAPAS, "2025-11-19")]


def test_visit_to_a_police_post_base_has_that_post_as_host(extract_text):
    body = ("Polsek Kroya mendukung pembinaan klien. Pihak Bapas Kelas II Purwokerto melakukan kunjungan ke Mapolsek "
            "Kroya dalam rangka pengawasan klien, Selasa (18/11/2025). Kami menerima kunjungan pihak Bapas Kelas II "
            "Purwokerto dalam rangka pengawasan klien yang ada di wilayah Polres Banyumas.")
    found = visits(extract_text, body)
    assert ("Bapas Kelas II Purwokerto", "Polsek Kroya", "2025-11-18") in found
    assert not any(v[1] == "Polres Banyumas" for v in found)


def test_the_speaker_attending_a_signing_is_a_visit(extract_text):
    body = (f"Bupati Banyumas, Sadewo Tri Lastiono, memuji pembinaan di {LAPAS}. Hal tersebut disampaikan saat "
            f"menghadiri Penandatanganan Kerja Sama {DINAS} dengan {LAPAS}, di aula Lapas, Rabu (19/11/2025).")
    found = visits(extract_text, body)
    assert [v[1:] for v in found] == [(LAPAS, "2025-11-19")]


def test_extension_told_of_both_parties_is_planned_running(extract_text):
    found = stages(extract_text, f"{LAPAS} menandatangani PKS dengan {DINAS} tentang pelatihan batik. Perjanjian "
                                 "antara kedua instansi ini, rencananya berlangsung selama tiga tahun dan akan "
                                 "diperpanjang selama dibutuhkan.")
    assert ("pelaksanaan", DINAS, "planned") in found
