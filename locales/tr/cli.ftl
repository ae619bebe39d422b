# Komut satırı: ilerleme satırları, özetler, kendi hataları.

cli-error = hata: { $error }
cli-warning = uyarı: { $warning }
cli-note = not: { $note }
cli-none = yok
cli-page-short = s. { $page }
cli-wrote = { $path } yazıldı
cli-read-failed = { $path } okunamadı
cli-write-failed = { $path } yazılamadı
cli-create-failed = { $path } oluşturulamadı
cli-not-a-model = { $path }: bir program modeli değil ({ $reason })
cli-render-report-failed = program raporu üretilemedi
cli-render-audit-failed = denetim raporu üretilemedi
cli-render-extract-failed = { $unit } için birim raporu üretilemedi
cli-audit-workbook-failed = denetim çalışma kitabı oluşturulamadı: { $error }
cli-index-workbook-failed = birim raporları dizini çalışma kitabı oluşturulamadı: { $error }

# build
cli-no-input-dir = GİRDİ verilmedi ve burada inputs/ klasörü yok; program PDF'ini belirtin
cli-no-input-pdf = GİRDİ verilmedi ve inputs/ klasöründe PDF yok; program PDF'ini belirtin
cli-many-input-pdfs = GİRDİ verilmedi ve inputs/ klasöründe { $count } PDF var ({ $files }); birini belirtin
cli-step-extract = { $path } okunuyor
cli-step-render = program raporu, { $extracts } birim raporu ve denetim raporu üretiliyor
cli-build-wrote = { $dir } altına { $count } dosya yazıldı
cli-build-extracts = { $files } ({ $count } birim raporu)
cli-build-audit = denetim: { $errors } hata, { $warnings } uyarı, { $infos } bilgi (bkz. { $report })
cli-build-done = { $seconds } sn'de tamamlandı

# audit
cli-audit-summary = { $institution } { $year } denetimi: { $findings } bulgu — { $errors } hata, { $warnings } uyarı, { $infos } bilgi
cli-audit-column-check = kontrol
cli-audit-wrote = yazılan dosyalar: { $files }

# departments
cli-no-such-unit = { $input } içinde "{ $name }" adlı bir sorumlu birim yok (en yakınları: { $closest })
cli-merged-unit = bir birimin farklı yazılışları birleştirildi: { $names }
cli-departments-wrote = { $count } birim raporu ve { $index } yazıldı

# diff
cli-diff-layouts = { $a } { $a_layout } düzeninde, { $b } ise { $b_layout } düzeninde: tablo tablo karşılaştırılamazlar; ortak oldukları bilgiler:
cli-diff-none = fark yok

# export, import, rollover
cli-export-nothing = dışa aktarılacak bir şey yok: --xlsx DOSYA, --csv KLASÖR ya da ikisini birden verin
cli-workbook-failed = { $path } çalışma kitabı yazılamadı: { $error }
cli-export-csv-wrote = { $dir } içine { $count } CSV dosyası yazıldı
cli-import-targets = { $targets } performans hedefi, { $costs } maliyet tablosu
cli-import-programs = { $programs } program, { $sub_programs } alt program, { $activities } faaliyet
cli-import-wrote = { $path } yazıldı ({ $institution } { $year }, { $contents })
cli-rollover-wrote = { $path } yazıldı ({ $from } → { $to })

# rollover: gelecek yılın modelinde gözden geçirilecekler.
notice-indicator-column-carried = { $column }. gösterge sütunu “{ $label }” { $count } değeri aktarıyor ({ $from } yılının { $from_column }. sütunundan)
notice-indicator-column-empty = { $column }. gösterge sütunu “{ $label }” boş, doldurulacak
notice-footnotes-dated = { $count } performans hedefi dipnotu { $from } yılından söz ediyor; gözden geçirin
notice-amounts-carried = tutarlar { $from } yılından aktarıldı; gözden geçirin
notice-amounts-empty = tutarlar boş, doldurulacak
notice-untitled-section = başlıksız açılış bölümü
notice-sections-dated = genel bilgilerin { $count } bölümü { $year } yılından söz ediyor: { $sections }; gözden geçirin
notice-own-columns = { $count } alt program kendi sütunlarını basıyor ({ $sub_programs }); bu sütunlar da belgeninkiler gibi yıla göre kaydırıldı; kontrol edin
notice-texts-dated = { $count } { $what ->
    [goals] alt program hedefi
    [indicators] gösterge açıklaması
   *[activities] faaliyet açıklaması
} { $from } yılından söz ediyor; gözden geçirin
notice-budget-carried = { $to } bütçesi, hedefleri ve tahminleri { $from } yılının tahminlerinden aktarıldı; gözden geçirin
notice-budget-empty = { $to } bütçesi, hedefleri ve tahminleri boş, doldurulacak
notice-column-takes = { $table ->
    [indicator] gösterge
   *[cost] maliyet
} tablosunun { $column }. sütunu “{ $label }”, { $from } yılının “{ $from_label }” sütunundan { $count } { $figures ->
    [values] değer
   *[amounts] faaliyet tutarı
} alıyor
notice-column-empty = { $table ->
    [indicator] gösterge
   *[cost] maliyet
} tablosunun { $column }. sütunu “{ $label }” boş, doldurulacak
notice-column-not-carried = { $from } yılının { $table ->
    [indicator] gösterge
   *[cost] maliyet
} sütunu “{ $label }” aktarılmadı (--carry-amounts bu sütundan başlar)
notice-column-no-taker = { $from } yılının { $table ->
    [indicator] gösterge
   *[cost] maliyet
} sütunu “{ $label }” aktarılmadı: { $to } sütunlarından hiçbiri bu yılın ve türün tutarlarını almıyor
notice-columns-dropped = { $from } yılının { $table ->
    [indicator] gösterge
   *[cost] maliyet
} sütunları ({ $labels }) { $to } belgesinin yıllarından önce kalıyor, alınmadı

# page
cli-page-to-terminal = PNG uçbirime yazılacaktı; -o ÇIKTI.png ile bir dosya verin
cli-page-not-found = uyarı: sayfa { $page }: { $text } bu sayfada basılı değil
cli-page-wrote = { $path } yazıldı ({ $width } × { $height } piksel, { $count } vurgu)
