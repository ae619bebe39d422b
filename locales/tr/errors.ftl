# Bir dosyanın neden okunamadığı (perfprog::Error). Her biri dosyayı anar.

error-io = { $path }: dosya okunamadı ({ $reason })
error-empty = { $path }: dosya boş
error-not-pdf = { $path }: PDF ya da metin dosyası değil (ne %PDF- ile ne de UTF-8 metinle başlıyor)
error-corrupt = { $path }: PDF bozuk ya da eksik ({ $reason })
error-encrypted = { $path }: PDF parolayla şifrelenmiş; önce şifresini kaldırın (ör. qpdf --decrypt)
error-no-text = { $path }: PDF'te metin katmanı yok (taranmış bir belge mi?); önce OCR uygulayın
error-damaged-text = { $path }: PDF'in metin katmanı bozuk: sözcüklerin içindeki harfler eksik ya da rakam veya simge olarak okunuyor (ör. { $page }. sayfada { $example }); PDF'i kaynak belgesinden yeniden dışa aktarın
error-not-programme = { $path }: bir performans programı değil ({ $reason })
error-table = { $path }: sayfa { $page }: { $table }: { $reason }

# Gerekçeler.
reason-truncated-not-programme = dosya eksik ve kalan sayfaları { $reason }
reason-no-layout = ne "Performans Hedefi Tablosu" (performans hedefi düzeni) ne de "Program" ve "Alt Program" başlıkları (program bütçe düzeni) bulundu; { $headings }
reason-recogniser-failed = bir tablo tanıyıcısı çalışamadı
reason-no-goal = performans hedefi tablolarında hiçbir stratejik amaç ("Stratejik Amaç") okunamadı; { $found }; { $rows }
reason-found = { $titles }; { $headings }
reason-no-titles-found = bir performans programının tablo başlıklarından hiçbiri bulunamadı
reason-titles-found = belgede şunlar var: { $titles }
reason-title-found = "{ $title }" { $count ->
    [one] bir kez
   *[other] { $count } kez
}
reason-title-found-on-pages = "{ $title }" { $count ->
    [one] bir kez
   *[other] { $count } kez
} ({ $npages ->
    [one] sayfa
   *[other] sayfalar
} { $pages })
reason-nothing-under-titles = bu başlıkların altında hiçbir şey yazılı değil
reason-first-rows-on-page = altlarındaki ilk satırlarda ({ $page }. sayfa), { $rows }, amaç, hedef ya da performans hedefi ifadesi yok
reason-first-rows = altlarındaki ilk satırlarda, { $rows }, amaç, hedef ya da performans hedefi ifadesi yok
reason-no-fiscal-year = mali yıl hiçbir tablo başlığından okunamadı
reason-no-budget-year = bütçe yılı hiçbir tablo başlığından okunamadı
reason-no-program-heading = program bütçe ifadeleri var, ancak program ya da alt program başlığı ("Program: …", "Alt Program: …") bulunamadı
reason-no-sub-program = { $count } program başlığı var, ancak altlarında alt program ("Alt Program: …") yok
reason-no-page-read = hiçbir sayfa okunamadı ({ $page }. sayfa: { $error })
reason-no-page-read-at-all = hiçbir sayfa okunamadı
reason-no-unicode = yazı tiplerinde Unicode eşlemesi yok, bu yüzden metni güvenilir biçimde okunamıyor
reason-no-text-found = hiç metin bulunamadı
reason-heading-on-page = "{ $text }" ({ $page }. sayfa)
reason-heading = "{ $text }"
reason-largest-headings = en büyük başlıkları: { $headings } (toplam { $lines } satır)

# Rapor üretimi, gidiş-dönüş, yeni yıla aktarma.
error-templates-dir = { $path } şablon klasörü yok ya da bir klasör değil
error-unknown-template = bilinmeyen şablon { $name } (ne şablon klasöründe ne de yerleşik şablonlar arasında)
error-template-data = { $template } şablonunun verisi hazırlanamadı: { $error }
error-template-compile = { $template } şablonu derlenemedi: { $diagnostics }
error-template-pdf = { $template } şablonu PDF olarak dışa aktarılamadı: { $diagnostics }
error-roundtrip-render = gidiş-dönüş karşılaştırması için program raporu üretilemedi: { $error }
error-roundtrip-read = yeniden üretilen rapor geri okunamadı: { $error }
error-rollover-not-later = { $from } programı { $to } yılına aktarılamaz: yeni yıl { $from } yılından sonra gelmeli

# Bir sayfanın gösterilmesi (perfprog page).
error-pages-only-of-pdf = { $path }: PDF değil (%PDF- ile başlamıyor): yalnızca bir PDF'in sayfaları gösterilebilir
error-no-such-page = { $path }: { $page }. sayfa yok (belgede 1'den başlayarak numaralanmış { $count } sayfa var)
error-page-not-shown = { $path }: { $page }. sayfa gösterilemiyor ({ $reason })
