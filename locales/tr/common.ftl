# perfprog'un Türkçe ileti kataloğu: ortak iletiler.
# Her anahtar, aynı yer tutucularla en/common.ftl içinde de bulunur.

# Katalogun kendi örneği (belgelerde ve testlerde kullanılır).
i18n-example = { $count } tablo okundu
