# Denetim bulguları: neyin tutmadığı, sözle. Tutarlar biçimlendirilmiş gelir.

finding-roundtrip-layout = yeniden üretilen rapor { $expected } düzeninde değil, { $got } düzeninde okunuyor

# Bulguların parçaları.
figure-empty = boş
part-page = {" "}(sayfa { $page })
part-on-page = {" "}(sayfa { $page })
part-none = yok
part-typography-only = {" "}(harfler ve rakamlar aynı: yalnızca boşluk, büyük/küçük harf ya da noktalama farklı)
part-closest = ; oradaki en yakın ad “{ $name }”
part-columns-lost = ; { $columns } sütunlarının değerleri modelde yok (belgenin sütunları arasında bu yıl yok)
column-budget = bütçe
column-off-budget = bütçe dışı
column-total = toplam
column-activities = faaliyetler
column-general-administration = genel yönetim giderleri
column-transfers = transferler
the-target-table = Performans Hedefi Tablosunda
the-cost-table = Faaliyet Maliyetleri Tablosunda
the-responsibilities-table = Sorumlu Harcama Birimleri Tablosunda
place-resource-summary = İdarenin Toplam Kaynak İhtiyacı tablosunda
place-cost-tables-from-page = { $count ->
    [one] { $page }. sayfadaki Faaliyet Maliyetleri Tablosunda
   *[other] { $count } Faaliyet Maliyetleri Tablosunda (ilki { $page }. sayfada)
}
place-responsibilities-table-on-page = { $page }. sayfadaki Sorumlu Harcama Birimleri Tablosunda
place-responsibilities-table = Sorumlu Harcama Birimleri Tablosunda
place-cost-tables = { $count ->
    [one] bir Faaliyet Maliyetleri Tablosunda
   *[other] { $count } Faaliyet Maliyetleri Tablosunda
}

# Belirtilen tutar ile hesaplanan tutar.
finding-stated-computed = { $what }: belirtilen { $stated }, hesaplanan { $computed } (fark { $difference })
finding-stated-empty = { $what }: belirtilen hücre boş, ancak kalemlerin toplamı { $computed }

# Çalıştırılamayan kontroller.
finding-not-run = kontrol edilmedi: { $reason }
not-run-costs = maliyet tablolarının toplamları ve faaliyetlerin maliyet tablolarıyla karşılaştırılması; belgede Faaliyet Maliyetleri Tablosu yok
not-run-resource = kaynak tablosunun satırları, toplamları ve payları ile toplamlarının ekonomik sınıflandırma tablosuyla karşılaştırılması; belgede İdarenin Toplam Kaynak İhtiyacı tablosu yok
not-run-economic = ekonomik sınıflandırma tablosunun toplamları ve sütunlarının maliyet tablolarıyla karşılaştırılması; belgede Toplam Kaynak İhtiyacı Tablosu yok
not-run-responsibilities = sorumlu birimlerin maliyet tablolarıyla karşılaştırılması; belgede Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo yok

# Kodlar.
finding-code-objective-parent = { $code } kodlu hedef, { $parent } kodlu amacın altında basılmış, ancak kodu bu amacın kodunun devamı değil
finding-code-target-parent = { $code } kodlu performans hedefi, { $parent } kodlu hedefin altında basılmış, ancak kodu bu hedefin kodunun devamı değil
finding-code-indicator = { $code } kodlu gösterge, { $target } kodlu performans hedefinin altında basılmış, ancak kodu bu hedefe ait değil

# Performans Hedefi Tabloları.
finding-target-header = tablo kendi gösterge sütunlarını basıyor (“{ $own }”), belgenin ilk tablosu ise “{ $document }” sütunlarını; değerler yıllarına göre okundu{ $lost }
finding-line-total-empty = satırın Bütçe ({ $budget }) ve Bütçe Dışı ({ $off_budget }) tutarları basılmış, ancak Toplam hücresi boş
what-line-sum = satır toplamı ile bütçe + bütçe dışı
what-target-total = Genel Toplam { $column } tutarı ile { $count } faaliyet satırının toplamı
what-target-total-sum = Genel Toplam: toplam ile bütçe + bütçe dışı

# Faaliyet Maliyetleri Tabloları.
finding-rows-not-printed = hiç basılmamış satırlar (boş basılmış değil): { $rows }
what-cost-budget-total = Toplam Bütçe Kaynak İhtiyacı ile 1–8 ekonomik kodların toplamı
what-cost-off-budget-total = Toplam Bütçe Dışı Kaynak İhtiyacı ile Döner Sermaye + Diğer Yurt İçi + Yurt Dışı
what-cost-total = Toplam Kaynak İhtiyacı ile bütçe toplamı + bütçe dışı toplamı

# Tablolar arası.
finding-activity-name = { $here_table } “{ $here }”, { $there_table }{ $page } ise “{ $there }” olarak yazılmış{ $only }
finding-activity-target = { $here_table } { $here } performans hedefinin, { $there_table }{ $page } ise { $there } performans hedefinin altında yer alıyor
finding-no-cost-tables = kaynak belgede Faaliyet Maliyetleri Tablosu yok; faaliyet satırları izlenemiyor
finding-as-in-responsibilities = { $message }; Sorumlu Harcama Birimleri Tablosu, Performans Hedefi Tablosu ile aynı yazıyor
finding-activity-amount = faaliyet satırının { $column } tutarı { $stated }, Faaliyet Maliyetleri Tablosunda{ $page } { $computed } (fark { $difference })
finding-line-without-cost = faaliyet satırının ({ $amount }) Faaliyet Maliyetleri Tablosu yok{ $closest }
reason-no-line-named = { $target } performans hedefinin hiçbir faaliyet satırı bu adı taşımıyor{ $closest }
reason-no-target-table = { $target } kodlu bir Performans Hedefi Tablosu yok
finding-cost-without-line = Faaliyet Maliyetleri Tablosu ({ $amount }): { $reason }
finding-units-differ = sorumlu birimler farklı: Sorumlu Harcama Birimleri Tablosu { $listed } diyor; Faaliyet Maliyetleri Tablosu{ $page } { $cost_units } diyor
finding-responsibility-without-cost = Sorumlu Harcama Birimleri Tablosundaki satırın Faaliyet Maliyetleri Tablosu yok{ $closest }
finding-cost-without-responsibility = Faaliyet Maliyetleri Tablosunun Sorumlu Harcama Birimleri Tablosunda satırı yok{ $closest }
finding-cross-summary = kaynak tablosunda { $label } { $stated }, ekonomik sınıflandırma tablosunun Toplam Kaynak İhtiyacı satırında { $computed } (fark { $difference })
finding-title = { $code } { $level ->
    [goal] kodlu amacın
    [objective] kodlu hedefin
   *[target] kodlu performans hedefinin
} başlığı { $place } “{ $here }”, Performans Hedefi Tablolarında ise “{ $canonical }”{ $only }

# Kaynak tablosu.
finding-resource-row-unmatched = kaynak tablosundaki { $code } { $level ->
    [goal] kodlu amaç
    [objective] kodlu hedef
   *[target] kodlu performans hedefi
} satırının Performans Hedefi Tablolarında karşılığı yok
what-resource-target = performans hedefi satırı ile Performans Hedefi Tablosunun{ $page } Genel Toplamı
what-resource-objective = hedef satırı ile altındaki { $count } performans hedefi satırının toplamı
what-resource-goal = amaç satırı ile altındaki { $count } hedef satırının toplamı
finding-target-without-resource-row = performans hedefinin kaynak tablosunda satırı yok
what-resource-targets-total = Performans Hedefleri Toplamı ile { $count } performans hedefi satırının toplamı
what-resource-total-budget = Toplam Bütçe ile Performans Hedefleri Toplamı + Genel Yönetim Giderleri + Diğer İdarelere Transferler
finding-share = { $label }: basılan pay % { $printed }, ancak { $amount } / { $denominator } × 100 = % { $computed }

# Ekonomik sınıflandırma tablosu.
what-economic-code = { $code } kodunun faaliyetler sütunu ile { $count } Faaliyet Maliyetleri Tablosundaki { $code } kodlu tutarların toplamı
what-economic-off-budget = { $label } satırının faaliyetler sütunu ile { $count } Faaliyet Maliyetleri Tablosundaki tutarların toplamı
what-economic-row-total = { $label }: toplam ile faaliyetler + genel yönetim giderleri + transferler
what-economic-budget-column = Toplam Bütçe Kaynak İhtiyacı, { $column } sütunu, ile { $count } kod satırının toplamı
what-economic-off-budget-column = Toplam Bütçe Dışı Kaynak İhtiyacı, { $column } sütunu, ile bütçe dışı satırların toplamı
what-economic-grand-column = Toplam Kaynak İhtiyacı, { $column } sütunu, ile bütçe + bütçe dışı toplamları

# Genel bilgiler bölümündeki anlatım.
place-section = “{ $section }” bölümünde
finding-narrative-total = “{ $section }” bölümü toplam { $stated } performans hedefi olduğunu söylüyor; tablolarda { $count } performans hedefi var
finding-narrative-area = “{ $section }” bölümü { $area } alanında { $stated } performans hedefi olduğunu söylüyor; tablolarda { $count } var
finding-narrative-area-unknown = “{ $section }” bölümü bir stratejik alanda (“… { $area }”) { $stated } performans hedefi olduğunu söylüyor, ancak bu alan hiçbir amacın temasıyla eşleşmiyor
finding-narrative-budget = “{ $section }” bölümü { $stated } TL bütçeden söz ediyor (“{ $words }”); Toplam Bütçe { $computed }
finding-narrative-spelled = “{ $section }” bölümü { $target } performans hedefinin altında “{ $listed }” faaliyetini sayıyor, Performans Hedefi Tablosunda ise “{ $name }” yazıyor{ $only }
finding-narrative-not-in-table = “{ $section }” bölümü { $target } performans hedefinin altında “{ $listed }” faaliyetini sayıyor, ancak bu, Performans Hedefi Tablosundaki faaliyetlerden biri değil
finding-narrative-not-listed = { $target } performans hedefinin “{ $name }” faaliyeti “{ $section }” bölümünde bu hedefin altında sayılmamış

# Gidiş-dönüş karşılaştırması.
finding-roundtrip = { $path }: { $what }
finding-roundtrip-front-matter = genel bilgiler metni { $words } sözcüğün { $word }. sözcüğünden itibaren farklı (kaynak: "…{ $source }…"; yeniden üretilen: "…{ $regenerated }…"; geri okunan { $read_back } sözcük)
what-roundtrip-missing = yeniden üretilen modelde yok (kaynakta: { $source })
what-roundtrip-extra = yalnızca yeniden üretilen modelde var ({ $value })
what-roundtrip-extra-element = yalnızca yeniden üretilen modelde, { $element }. öğe olarak var ({ $value })
what-roundtrip-differs = kaynakta { $source }, yeniden üretilende { $regenerated }

# Program bütçe düzeni.
part-code = {" "}({ $code })
part-code-before = { $code }{" "}
part-counted-twice = ; tutar taşıyor ({ $column }: { $amount }), alt programın toplamı bunu iki kez sayıyor olabilir
part-no-breakdown = {" "}({ $count } faaliyet ekonomik dağılım basmıyor, 0 sayıldı)
not-run-program-summary = programlara göre kaynak dağılımının satırları ve toplamının faaliyetlerle, basılan adların bloklarla karşılaştırılması; belgede Programlara Göre Kaynak Dağılımı tablosu yok
not-run-economic-code-summary = ekonomik sınıflandırmaya göre bütçenin satırları ve toplamı; belgede Ekonomik Sınıflandırmaya Göre Bütçe tablosu yok
not-run-activity-economic = faaliyetlerin ekonomik kod satırlarının toplamlarıyla ve ekonomik sınıflandırmaya göre bütçeyle karşılaştırılması; hiçbir faaliyet ekonomik koda göre dağılım basmıyor
what-budget-line-sum = { $column }: faaliyetin Toplam tutarı ile Bütçe İçi + Bütçe Dışı
what-budget-economic = { $column }: faaliyetin { $row ->
    [budget] Bütçe İçi satırı
   *[total] toplamı
} ile { $count } ekonomik kod satırının toplamı
what-budget-total = { $column }: alt programın { $row } satırı ile { $count } faaliyetinin toplamı
finding-budget-code-sub-program = { $code } kodlu alt program, { $parent } kodlu programın altında basılmış, ancak kodu bu programın kodunun devamı değil
finding-budget-code-activity = { $code } kodlu faaliyet, { $parent } kodlu { $level } altında basılmış, ancak kodu bunun devamı değil
finding-budget-duplicate-indicator = { $sub_program } alt programının { $number }. göstergesi, { $other }. gösterge (“{ $name }”) ile aynı { $by ->
    [code] koda
   *[name] ada
} sahip: iki kez basılmış
finding-budget-duplicate-activity = { $sub_program } alt programının “{ $name }”{ $code } faaliyeti, kendinden önce basılan faaliyetle{ $page } aynı { $by ->
    [code] koda
   *[name] ada
} sahip{ $counted }
finding-summary-row-without-block = programlara göre kaynak dağılımı { $level } { $code }“{ $name }” satırını basıyor, ancak belgede bunun bloğu yok
what-summary-program-row = { $column }: tablodaki { $level } satırı ile bloğundaki { $count } faaliyetin toplamı
finding-block-without-summary-row = { $level } { $code }“{ $name }” için programlara göre kaynak dağılımında satır yok
what-summary-program-total = { $column }: tablonun toplamı ile { $count } { $level } satırının toplamı
finding-budget-cross-name = { $level } { $code }programlara göre kaynak dağılımında “{ $here }”, kendi bloğunda ise “{ $there }” olarak adlandırılmış{ $only }
finding-budget-cross-code = { $level } “{ $name }” programlara göre kaynak dağılımında { $here }, kendi bloğunda ise { $there } koduyla basılmış
what-summary-economic-row = { $column }: tablodaki { $code } satırı ile bu kodun faaliyetlerin ekonomik kod satırlarındaki toplamı{ $note }
what-summary-economic-total = { $column }: tablonun toplamı ile { $count } satırının toplamı

# Denetim raporu (audit.pdf).
report-title = { $institution } { $year } Yılı Performans Programı Denetim Raporu
report-document-title = { $institution } — { $year } Performans Programı Denetim Raporu
report-running = { $institution } - { $year } Yılı Performans Programı - Denetim Raporu
report-footer = { $year } Performans Programı Denetim Raporu
report-kicker = { $institution } · { $year } Yılı Performans Programı
report-heading = Denetim Raporu
report-subtitle = Kaynak belgenin kendi içinde ve yeniden üretilen toplamlarla mutabakatı
report-source-pages = Kaynak: { $file } ({ $pages } sayfa)
report-source = Kaynak: { $file }
report-totals = { $findings } bulgu: { $errors } hata, { $warnings } uyarı, { $infos } bilgi
report-with-roundtrip = {" "}(gidiş-dönüş karşılaştırması dahil)
report-difference-note = Fark = belirtilen − hesaplanan. Boş hücre (kaynakta boş) ile 0,00 ayrı tutulur; kalemler toplanırken boş hücre 0 sayılır.
report-summary = Özet
report-intro = Her kontrol bir bağıntıyı sınar; bulgusu olmayan kontroller de listelenmiştir.
report-error-means = bir tutar, eşit olması gereken tutarla tutmuyor.
report-warning-means = bir toplam kaynakta boş, ya da adlar, birimler veya başlıklar tablolar arasında farklı.
report-info-means = yalnızca yazım biçimi (boşluk, büyük/küçük harf, kesme işareti, tire) farklı.
report-findings = Bulgular
report-no-findings = Hiçbir bulgu yok: kaynak belgedeki her toplam kalemleriyle ve diğer tablolarla tutarlı.
report-column-findings = Bulgu
report-column-check = Kontrol
report-column-compared = Karşılaştırılan
report-column-no = No
report-column-severity = Önem
report-column-page = Sayfa
report-column-place = Tablo · hedef · faaliyet
report-column-stated = Belirtilen
report-column-computed = Hesaplanan
report-column-difference = Fark
report-severity = { $severity ->
    [error] Hata
    [warning] Uyarı
   *[info] Bilgi
}
