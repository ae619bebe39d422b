# Okuma aşaması: bir sayfanın ya da dosyanın neden okunmadığı (çok büyük,
# çok derin iç içe, hasarlı). Sayfa gerekçesi "sayfa okunamadı: " sonrasında gelir.

read-page-lost = içeriği eksik (dosya kesik ya da hasarlı)
read-page-failed = sayfa yorumlanamadı
read-no-such-page = böyle bir sayfa yok

# Bir sayfanın görüntü olarak çizilmesi (perfprog page).
read-page-size-invalid = boyutu geçerli bir sayfa boyutu değil ({ $size } pt)
read-page-size-too-small = boyutu ({ $size } pt) { $pixels } piksele sığdırılamıyor
read-png-failed = PNG kodlanamadı: { $error }
read-encrypted = PDF parolayla şifrelenmiş
read-encryption-unreadable = şifrelemesi okunamıyor ({ $why ->
    [algorithm] desteklenmeyen algoritma
   *[dictionary] geçersiz şifreleme sözlüğü
})

# Bir sayfanın akışları ve formları.
read-too-large = { $what } açıldığında { $mib } MiB'ı aşacaktı, bu yüzden açılmadı
read-too-deep = { $what } { $levels } düzeyden daha derin iç içe geçiyor
read-form-draws-itself = üzerine çizilen bir form kendini çiziyor
read-forms-too-deep = formları { $levels } düzeyden daha derin iç içe geçiyor
read-forms-too-many = formları birbirini { $draws } kereden ya da { $mib } MiB'tan fazla çiziyor
read-what-content = içeriği
read-what-content-stream = içerik akışı
read-what-form-on-it = üzerine çizilen bir form
read-what-form = sayfaya çizilen bir form
read-what-font = sayfanın bir yazı tipi
read-what-pattern = sayfanın bir deseni
read-what-soft-mask = sayfanın bir yumuşak maskesi

# Dosyanın yapısı.
read-object-stream-too-large = bir nesne akışı açıldığında { $mib } MiB'ı aşacaktı
read-object-stream-too-deep = bir nesne akışı { $levels } düzeyden daha derin iç içe geçiyor
read-object-too-deep = { $in_stream ->
    [yes] bir nesne akışındaki{" "}
   *[no] {""}
}{ $number ->
    [0] bir nesne
   *[other] { $number } numaralı nesne
} { $levels } düzeyden daha derin iç içe geçiyor
read-hidden-too-deep = bir dizgede, yorumda ya da akışta (bayt { $at }) { $levels } düzeyden daha derin iç içe geçmiş, dosya onarılırken okunacak bir söz dizimi saklıyor
read-hidden-too-many = dizgeleri, yorumları ve akışları denetlenemeyecek kadar çok nesne içeriyor
read-page-tree-too-many = sayfa ağacı { $pages } sayfa ve düğümden fazlasını sayıyor ({ $number } numaralı nesne)
read-page-tree-too-deep = sayfa ağacı { $levels } düzeyden daha derin iç içe geçiyor ({ $number } numaralı nesne)
