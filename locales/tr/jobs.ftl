# perfprog'un Türkçe ileti kataloğu: web uygulamasının iş yürütücüsü
# (src/serve/jobs). Her anahtar en/jobs.ftl'de de aynı yer tutucularla bulunur.

# Yüklemenin reddedilme nedenleri.
jobs-too-large = Dosya { $size } MiB; sınır { $limit } MiB.
jobs-queue-full = Şu anda { $limit } belge sırada bekliyor. Birkaç dakika sonra yeniden deneyin.
jobs-unsupported = Bu dosya okunamıyor: { $reason }
jobs-store = Yüklenen dosya kaydedilemedi: { $error }
jobs-kind-empty = dosya boş.
jobs-kind-zip = bir ZIP arşivi, ancak perfprog'un yazdığı bir çalışma kitabı değil ("Program" sayfası yok).
jobs-kind-binary = PDF, metin dışa aktarımı, model JSON'u ya da çalışma kitabı değil.
jobs-kind-json = JSON, ancak bir perfprog modeli değil (modeli adlandıran bir "format" yok).

# İşin neden başarısız olduğu.
jobs-interrupted = Sunucu durduğu için işlem yarıda kaldı. Yeniden denemek için dosyayı tekrar yükleyin.
jobs-exit = İşlem başarısız oldu (çıkış kodu { $code }).
jobs-signal = İşlem durduruldu (sinyal { $signal }): belge izin verilen { $limit } MiB bellekten fazlasını gerektiriyor ya da bozuk olabilir.
jobs-cpu = İşlem işlemci süresi sınırını aştı ve durduruldu.
jobs-timeout = İşlem { $seconds } saniyeden uzun sürdü ve durduruldu.
jobs-spawn = İşlem başlatılamadı: { $error }
