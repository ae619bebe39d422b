# perfprog diff: her değişiklik için bir satır. Yol, modelin alan yoludur ve
# her dilde aynı kalır; `--json` yalnızca makine alanlarını yazar.

diff-added = + { $what } { $path }{ $figure }
diff-removed = - { $what } { $path }{ $figure }
diff-changed = ~ { $what } { $path }
diff-changed-from-to = ~ { $what } { $path }: { $before } → { $after }
diff-figure = {" "}({ $figure })

# Neyin değiştiği (değişikliğin `what` alanı).
diff-what = { $what ->
    [goal] stratejik amaç
    [sub_program_goal] alt program hedefi
    [objective] hedef
    [target] performans hedefi
    [indicator] gösterge
    [activity] faaliyet
    [note] dipnot
    [cost_table] faaliyet maliyet tablosu
    [table] tablo
    [resource_row] kaynak ihtiyacı satırı
    [economic_row] ekonomik sınıflandırma satırı
    [economic_line] ekonomik kod satırı
    [responsibility] sorumlu birim satırı
    [section] bölüm
    [amount] tutar
    [value] değer
    [text] metin
    [layout] düzen
    [unit] birim
    [program] program
    [sub_program] alt program
    [summary_row] özet satırı
   *[other] { $what }
}

# Bir alanın değeri olarak gösterilen model sözcükleri (basılı olup olmadığı,
# evet/hayır işareti, düzen).
diff-word = { $word ->
    [printed] basılı
    [not-printed] basılmamış
    [breakdown] kırılımlı
    [one-line] tek satır
    [true] evet
    [false] hayır
    [performance-target] performans hedefi
    [program-budget] program bütçe
   *[other] { $word }
}
