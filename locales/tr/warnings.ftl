# Okuma, yerleşim ve tablo aşamalarının uyarıları: modele yerleştirilemeyenler.

warning-page-not-read = sayfa okunamadı: { $error }
warning-pages-lost = { $count } sayfa kayıp, ilki { $first }. sayfa: içerikleri yok (dosya eksik ya da bozuk)
warning-unmapped-glyphs = { $count } karakterin Unicode eşlemesi yok; metinleri eksik (eşlemesiz yazı tipleri: { $fonts })
warning-damaged-page = bu sayfada metin katmanı bozuk (harfler rakam ya da simge olarak okunuyor, ör. { $example }); metni yanlış olabilir
warning-table-not-found = tablo bulunamadı; modelde bu tabloya ait kısım boş
warning-no-institution = idarenin adı bulunamadı
warning-first-example = { $what } (ilki: “{ $example }”)
warning-separators-against = { $count } tutar belgenin ayraçlarına aykırı basılmış; belgenin ayraçları { $style ->
    [english] İngilizce (1,234.56)
   *[turkish] Türkçe (1.234,56)
}, bu tutarlar belgenin biçimiyle okunuyor
warning-separators-ambiguous = { $count } tutar iki türlü de okunabiliyor (1.500 ya da 1,500); belgenin ayraçlarıyla okunuyor: { $style ->
    [english] İngilizce (1,234.56)
   *[turkish] Türkçe (1.234,56)
}{ $default ->
    [yes] {" "}(varsayılan: hiçbir tutar ayracı belli etmiyor)
   *[no] {""}
}

# Faaliyet Maliyetleri Tabloları.
warning-cost-incomplete = eksik maliyet tablosu (performans hedefi { $target }, faaliyet { $activity }, { $rows } tutar satırı)
warning-cost-units-outside = hiçbir maliyet tablosuna ait olmayan birimler: { $text }
warning-cost-text-outside = hiçbir maliyet tablosuna ait olmayan metin: { $text }
warning-cost-header-outside = hiçbir maliyet tablosuna ait olmayan tutar başlığı
warning-cost-row-unrecognised = { $activity } faaliyetinin maliyet tablosunda tanınmayan satır: { $text }
warning-cost-not-amount = { $activity } faaliyetinin maliyet tablosunda tutar olmayan değer: { $text }

# Performans Hedefi Tabloları.
warning-indicator-header-no-years = yıl sütunları olmayan gösterge başlığı: { $text }
warning-target-own-columns = performans hedefi { $target }: tablo kendi gösterge sütunlarını ({ $own }) basıyor, belgenin sütunları ise { $document }; değerler yıllarına göre okundu{ $lost }
warning-target-columns-lost = ; { $columns } sütunlarının değerleri alınmadı (belgenin sütunları arasında bu yıl yok)
warning-activity-header-no-columns = bütçe ve toplam sütunları olmayan faaliyet başlığı: { $text }
warning-indicator-no-name = adı olmayan gösterge satırı: { $text }
warning-indicator-outside-target = bir performans hedefine ait olmayan gösterge: { $name }
warning-activity-not-amount = faaliyet satırında tutar olmayan değer: { $text }
warning-activity-outside-target = bir performans hedefine ait olmayan faaliyet: { $name }
warning-activity-no-name = adı olmayan faaliyet satırı: { $text }
warning-objective-before-goal = { $code } kodlu hedef, herhangi bir amaçtan önce geliyor
warning-objective-under-goal = { $code } kodlu hedef, { $goal } kodlu amacın altında basılmış
warning-target-before-objective = { $code } kodlu performans hedefi, herhangi bir hedeften önce geliyor
warning-indicator-values-below = bir göstergenin altında { $columns } sütun için { $values } değer basılmış; soldan başlayarak yerleştirildi

# Özet tablolar (kaynak ihtiyacı, ekonomik sınıflandırma).
warning-summary-from-right = { $text } satırının tutarları sütunlarına göre yerleştirilemedi; sağdan okundu
warning-summary-text-outside = bir satıra ait olmayan metin: { $text }
warning-summary-figures-without-row = satırı olmayan tutarlar: { $text }
warning-summary-row-unrecognised = tanınmayan satır: { $text }
warning-summary-after-total = genel toplamdan sonra gelen satır: { $text }

# Sorumlu Harcama Birimleri Tablosu.
warning-responsibility-unknown-target = { $code } kodlu performans hedefi Performans Hedefi Tablolarında yok
warning-responsibility-text-without-units = { $code } performans hedefinin altında sorumlu birimi olmayan metin: { $text }
warning-responsibility-no-rows = { $code } performans hedefinin faaliyet satırı yok
warning-responsibility-before-target = herhangi bir performans hedefinden önce gelen faaliyet satırı: { $activity } ({ $units })
warning-responsibility-incomplete = { $target } performans hedefinin altında eksik satır: faaliyet { $activity }, birimler { $units }
warning-responsibility-no-code = kodu olmayan performans hedefi hücresi: { $text }
warning-responsibility-before-first = ilk performans hedefinden önce gelen metin: { $text }

# Program bütçe düzeni.
warning-budget-before-sub-program = { $text }, herhangi bir alt program başlığından önce basılmış
warning-budget-header-outside = gösterge ve maliyet tablolarının dışında bir tablo başlığı ({ $labels })
warning-budget-sub-program-before-program = { $name } alt programı, herhangi bir program başlığından önce basılmış
warning-budget-row-unread = okunamayan bir satır, alınmadı: { $text }
warning-budget-not-amount = tutar değil: { $text }
warning-budget-activity-total-differs = faaliyet toplamı { $text }, faaliyetin maliyet tablosundaki satırından farklı

# PDF'in okunması.
notice-xref-rebuilt = çapraz başvuru tablosu, dosyada bulunan nesnelerden yeniden kuruldu
notice-truncated = dosya eksik (sonunda %%EOF yok); kalan sayfaları okundu
notice-font-repaired = { $font } yazı tipi onarıldı: { $repair ->
    [cp1254] Windows-1252 olarak okunan Windows-1254 metin (ı ş ğ yerine ý þ ð)
    [legacy] eski Türkçe yazı tipi kodlaması (İ Ş ş yerine Ġ ġ Ģ ģ)
   *[none] metin katmanı olduğu gibi doğru
}
reason-no-pages = hiç sayfası yok
reason-truncated-nothing-recovered = dosya eksik ve hiçbir sayfa kurtarılamadı
reason-nothing-recovered = ne çapraz başvuru tablosu, ne katalog ne de bir sayfa kurtarılabildi
