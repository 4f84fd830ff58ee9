"""Product recognition: lists of goods, counted goods, false friends and near-duplicates."""
import pytest

TITLE = "Berita Pembinaan\n\n"


def products(nlp, text):
    doc = nlp(TITLE + text)
    return [s._.value for s in doc.spans["products"]]


def test_list_after_yaitu_takes_every_item(nlp):
    got = products(nlp, "Para warga binaan telah membuat lima jenis kue kering, yaitu kastengel keju, "
                        "bola coklat, sagu keju, dan kue kacang.")
    assert {"kastengel keju", "bola coklat", "sagu keju", "kue kacang"} <= set(got)


def test_list_after_seperti_skips_categories_and_stops_at_lainnya(nlp):
    got = products(nlp, "Botol bekas itu diolah menjadi karya berguna seperti lampu hias, kerajinan tangan, "
                        "celengan, rak sepatu dan banyak lainnya.")
    assert {"lampu hias", "celengan", "rak sepatu"} <= set(got)
    assert "kerajinan tangan" not in got and "banyak" not in got


@pytest.mark.parametrize("text", [
    "Petugas menemukan sejumlah barang terlarang, seperti kabel, gunting, dan sendok.",
    "Dinas memberikan bantuan peralatan dapur seperti kompor, wajan dan panci untuk pelatihan.",
    "Peserta belajar mulai dari memilih bahan, mengukur kain, hingga menjahit.",
])
def test_lists_of_tools_steps_or_seized_goods_are_no_products(nlp, text):
    assert products(nlp, text) == []


def test_good_after_quantity_and_classifier(nlp):
    got = products(nlp, "Sebanyak 40 buah tatakan gelas hasil karya warga binaan dibeli oleh koperasi setempat.")
    assert "tatakan gelas" in got


def test_tools_after_quantity_are_no_products(nlp):
    assert products(nlp, "Balai meminjamkan empat unit mesin jahit selama pelatihan.") == []


def test_tahu_before_cara_is_to_know(nlp):
    got = products(nlp, "Dulu saya tidak tahu cara memasak, sekarang saya tahu langkah membuat roti.")
    assert not any(p.startswith("tahu") for p in got)
    assert "roti" in got


def test_generic_words_and_inputs_are_no_products(nlp):
    got = products(nlp, "Rutan akan membuat produk-produk baru, yaitu dompet berbahan manik-manik, "
                        "dengan membuat campuran adonan yang tepat.")
    assert "dompet" in got
    assert not {"produk-produk", "produk", "manik-manik", "campuran adonan"} & set(got)


def test_aneka_and_spelling_variants_are_one_product(nlp):
    got = products(nlp, "Warga binaan dilatih membuat aneka kue kering. Pelatihan budidaya cabai berjalan, "
                        "dan budidaya cabe itu akan diperluas. Kue kering itu dijual ke pegawai.")
    assert set(got) == {"kue kering", "cabai"}


@pytest.mark.parametrize("text", [
    "Warga binaan memproduksi paving dengan ukuran seragam dan kuat.",
    "Pelatih meminta agar potongan kain lebih seragam saat produksi.",
])
def test_seragam_as_an_adjective_is_no_product(nlp, text):
    assert "seragam" not in products(nlp, text)


@pytest.mark.parametrize("text", [
    "Warga binaan menjahit kemeja dan seragam pesanan sekolah.",
    "Unit konveksi menyelesaikan 200 stel seragam untuk pelatihan.",
])
def test_seragam_as_a_noun_is_a_product(nlp, text):
    assert any(v.startswith("seragam") for v in products(nlp, text))


def test_a_sector_opening_a_list_is_no_product(nlp):
    got = products(nlp, "Warga binaan membuat berbagai hasil karya melalui program, mulai dari sektor usaha kecil, "
                        "hingga pertanian.")
    assert "sektor" not in got


def test_a_capitalised_goods_word_goes_on_the_product(nlp):
    got = products(nlp, "Peserta pelatihan menjahit menghasilkan kemeja Tenun yang dipakai petugas.")
    assert "kemeja tenun" in got and "kemeja" not in got


def test_goods_after_a_farming_noun_and_new_crops(nlp):
    assert "nila" in products(nlp, "Tamu meninjau area perikanan Nila di belakang blok hunian.")
    assert "seledri" in products(nlp, "Warga binaan ikut panen seledri dan merawat kebun.")
    assert "puding" in products(nlp, "Pelatihan itu juga mengajarkan pembuatan kue dan Puding dari hasil kebun.")


def test_comma_list_after_a_making_word_takes_every_item_once_a_conjunction_closes_it(nlp):
    got = products(nlp, "Para warga binaan diajari membuat roti sobek, bolu kukus, pastel, lemper dan donat gula.")
    assert {"roti sobek", "bolu kukus", "pastel", "lemper", "donat gula"} <= set(got)
    got = products(nlp, "Warga binaan membuat sapu lidi, salah satu produk unggulan lapas.")
    assert got == ["sapu lidi"]


@pytest.mark.parametrize("text, not_product", [
    ("BLK menawarkan banyak program pelatihan, di antaranya barista, hidroponik, pertukangan, "
     "serta berbagai bidang keahlian lainnya.", "barista"),
    ("Lapas akan menambah pelatihan di bidang lain, seperti konveksi, pengolahan teh, hingga pembuatan mebel.", "teh"),
    ("Lapas akan menambah pelatihan di bidang lain, seperti konveksi, pengolahan teh, hingga pembuatan mebel.",
     "konveksi"),
])
def test_lists_of_training_fields_name_skills_not_goods(nlp, text, not_product):
    assert not_product not in products(nlp, text)


def test_list_items_with_a_material_an_opening_making_word_or_a_tool_name(nlp):
    got = products(nlp, "Lapas memasarkan hasil karya warga binaan, diantaranya tas dari bahan plastik bekas, "
                        "meubel dari kayu jati, produksi bola voli, dan lainnya.")
    assert "tas" in got and "bola voli" in got and any(v.startswith("meubel") for v in got)
    got = products(nlp, "Kerja sama itu mencakup pemasaran hasil usaha kecil dan menengah berupa pengusir nyamuk "
                        "dan sangkar burung karya warga binaan.")
    assert {"pengusir nyamuk", "sangkar burung"} <= set(got)


def test_a_shorter_mention_and_the_seed_of_a_good_join_the_fuller_name(nlp):
    got = products(nlp, "Lapas membudidayakan ikan nila merah. Sebanyak 500 bibit ikan nila ditebar di kolam. "
                        "Budidaya ikan nila dipilih karena mudah.")
    assert got == ["ikan nila merah"]
