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
