# perfprog's English message catalogue: common messages.
# Every key is also in tr/common.ftl, with the same placeholders.

# The catalogue's own example (used in the docs and tests).
i18n-example = { $count ->
    [one] { $count } table read
   *[other] { $count } tables read
}
