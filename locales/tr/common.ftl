# perfprog'un Türkçe ileti kataloğu: ortak iletiler.
# Her anahtar, aynı yer tutucularla en/common.ftl içinde de bulunur.

# Katalogun kendi örneği (belgelerde ve testlerde kullanılır).
i18n-example = { $count } tablo okundu

# Olduğu gibi gösterilen metin (katalogda olmayan).
verbatim = { $text }

# Önem dereceleri (kontrol, denetim özeti).
severity-name = { $severity ->
    [error] hata
    [warning] uyarı
   *[info] bilgi
}

# Bulgu ve uyarılardaki tablo kimliklerinin adları.
table-document = belge
table-performance_target = Performans Hedefi Tablosu
table-activity_cost = Faaliyet Maliyetleri Tablosu
table-resource_summary = İdarenin Toplam Kaynak İhtiyacı
table-economic_summary = Mali Yılı Toplam Kaynak İhtiyacı Tablosu
table-responsibilities = Sorumlu Harcama Birimleri Tablosu
table-front_matter = Genel Bilgiler
table-model = Model
table-program = Program ve Alt Program
table-indicators = Performans Göstergeleri
table-activity_economic = Faaliyetlerin Ekonomik Sınıflandırması
table-program_summary = Programlara Göre Kaynak Dağılımı
table-budget_by_economic_code = Ekonomik Sınıflandırmaya Göre Bütçe

# Okuma sırasındaki bir uyarı, yeriyle.
warning-on-page = sayfa { $page }: { $table }: { $message }
warning-in-table = { $table }: { $message }
