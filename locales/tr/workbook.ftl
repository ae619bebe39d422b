# Düzenlenmiş bir çalışma kitabının neden içe aktarılamadığı (perfprog
# import). Her ileti, ilgili sayfa ve hücreden sonra gelir (`Maliyetler!F12: …`).

workbook-empty-cell = boş bir hücre
workbook-no-sheets = hiç sayfa yok
workbook-no-sheet = { $name } sayfası yok (çalışma kitabındaki sayfalar: { $sheets }); bu, `perfprog export` ile yazılmış bir çalışma kitabı mı?
workbook-missing-column = başlık satırında { $column } sütunu yok
workbook-missing-column-listed = başlık satırında { $column } sütunu yok (sütunlar { $sheet } sayfasında sayılanlardır)
workbook-missing-row = { $row } satırı yok
workbook-row-twice = { $row } satırı iki kez verilmiş
workbook-field-twice = bu alan iki kez verilmiş
workbook-expected = { $what } bekleniyordu, { $found } bulundu
workbook-expected-text = metin bekleniyordu, { $found } bulundu
workbook-expected-amount = tutar bekleniyordu, { $found } bulundu
workbook-expected-number-or-text = sayı ya da metin bekleniyordu, { $found } bulundu
workbook-expected-mark = "*" ya da boş hücre bekleniyordu, { $found } bulundu
workbook-expected-units = her satırda bir birim adı bekleniyordu, { $found } bulundu
workbook-expected-one-of = şunlardan biri bekleniyordu: { $choices }; { $found } bulundu
workbook-expected-format = { $format } biçimi (ya da { $others }) bekleniyordu, { $found } bulundu
workbook-expected-budget-format = program bütçe düzeni için { $format } biçimi bekleniyordu, { $found } bulundu
workbook-expected-layout = { $budget } ya da { $targets } düzeni bekleniyordu, { $found } bulundu
workbook-expected-year-in = [{ $spec }] içinde bir yıl bekleniyordu, { $found } bulundu
workbook-expected-column-labels = yılı belli sütun adları bekleniyordu, { $found } bulundu
workbook-expected-kind = bir tür ({ $kinds }) ya da boş hücre bekleniyordu, { $found } bulundu
workbook-must-be-empty = { $why }; { $found } bulundu
workbook-target-code-twice = { $code } performans hedefi kodu iki kez kullanılmış
workbook-unknown-target = bilinmeyen performans hedefi kodu { $code } ({ $sheet } sayfasında yok)
workbook-unknown-sub-program = bilinmeyen alt program { $key } ({ $sheet } sayfasında yok)
workbook-sub-program-twice = { $key } alt programı iki kez yazılmış; diğer sayfalar bunları birbirinden ayıramaz
workbook-unknown-activity = bu alt programda bilinmeyen faaliyet { $name } ({ $sheet } sayfasında yok) ya da satırları bu adı taşıyan faaliyet sayısından fazla parçaya bölünmüş
workbook-activity-no-row = faaliyetin { $row } satırı yok
workbook-total-no-row = alt program toplamının { $row } satırı yok
workbook-total-row-twice = alt program toplamının { $row } satırı iki kez verilmiş
workbook-toplam-twice = Toplam satırı iki kez verilmiş
workbook-objective-after-goal = Stratejik Hedef satırı kendi Stratejik Amacının altında olmalı
workbook-target-after-objective = Performans Hedefi satırı kendi Stratejik Hedefinin altında olmalı
workbook-sub-program-after-program = Alt Program satırı kendi Program satırının altında olmalı
workbook-block-after-section = { $kind } satırı bir Bölüm satırının altında olmalı

# Bir hücrede beklenen (workbook-expected içindeki { $what }).
workbook-what-format = biçim etiketi
workbook-what-year = yıl
workbook-what-fiscal-year = mali yıl
workbook-what-sub-program = alt program kodu ya da adı
workbook-what-name = ad
workbook-what-page = sayfa numarası
workbook-what-page-count = sayfa sayısı
workbook-what-goal-text = hedefin metni
workbook-what-indicator = gösterge adı
workbook-what-activity = faaliyet adı
workbook-what-activity-code = faaliyet kodu ya da adı
workbook-what-economic-code = ekonomik kod
workbook-what-institution = kurumun adı
workbook-what-code = kod
workbook-what-title = başlık
workbook-what-target-code = performans hedefi kodu
workbook-what-footnote = dipnot
workbook-what-block = blok numarası
workbook-what-paragraph = paragraf metni

# Bir hücrenin neden boş olması gerektiği (workbook-must-be-empty içindeki { $why }).
workbook-why-own-columns = yalnızca alt programların kendi sütunları olur
workbook-why-activity-total-row = faaliyetin birimleri, sayfası ve açıklaması Toplam satırında yer alır
workbook-why-toplam-no-code = Toplam satırının kodu olmaz
workbook-why-theme = yalnızca Stratejik Amaç satırlarının teması olur
workbook-why-target-columns = yalnızca Performans Hedefi satırlarının sayfası, Genel Toplamı ve kendi sütunları olur
workbook-why-total-no-code = toplam satırının kodu olmaz
workbook-why-section-page = yalnızca Bölüm satırlarının sayfası olur

# audit.xlsx ve departments/index.xlsx başlık satırı: CSV'nin sütun adları
# (onlar değişmez), bir kişinin okuyacağı biçimde.
xlsx-header = { $column ->
    [check] Kontrol
    [severity] Önem
    [table] Tablo
    [target] Performans Hedefi
    [activity] Faaliyet
    [page] Sayfa
    [stated] Belirtilen
    [computed] Hesaplanan
    [difference] Fark
    [message] Açıklama
    [unit] Sorumlu Harcama Birimi
    [file] Dosya
    [activities] Faaliyet Sayısı
    [sole_activities] Tek Başına Yürüttüğü Faaliyet
    [shared_activities] Ortak Yürüttüğü Faaliyet
    [total] Toplam (TL)
    [printed_names] Basılı Adları
   *[other] { $column }
}

# Rakam dizileri sütunlarına uymayan bir program bütçe modeli (dışa aktarma).
workbook-widths = { $what } { $columns } sütun için { $count } rakam içeriyor; her dizide sütun başına bir rakam olmalı
workbook-widths-indicator = { $sub_program } alt programının { $name } göstergesi
workbook-widths-in = { $sub_program } alt programındaki { $name }
workbook-widths-economic = { $name } faaliyetinin { $code } ekonomik kod satırı
workbook-widths-row = { $sheet } tablosunun bir satırı
