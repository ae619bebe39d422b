# The read stage: why a page or a file is refused (too large, nested too
# deep, damaged). A page's reason follows "page not read: ".

read-page-lost = its content is missing (the file is truncated or damaged)
read-page-failed = the page could not be interpreted
read-no-such-page = no such page

# Drawing a page as an image (perfprog page).
read-page-size-invalid = its size is not a valid page size ({ $size } pt)
read-page-size-too-small = its size ({ $size } pt) cannot be shown in { $pixels } pixels
read-png-failed = the PNG could not be encoded: { $error }
read-encrypted = the PDF is encrypted with a password
read-encryption-unreadable = its encryption cannot be read ({ $why ->
    [algorithm] unsupported algorithm
   *[dictionary] invalid encryption dictionary
})

# A page's streams and forms.
read-too-large = { $what } would inflate beyond { $mib } MiB, so it is not inflated
read-too-deep = { $what } nests deeper than { $levels } levels
read-form-draws-itself = a form drawn on it draws itself
read-forms-too-deep = its forms nest deeper than { $levels } levels
read-forms-too-many = its forms draw one another more than { $draws } times or { $mib } MiB
read-what-content = its content
read-what-content-stream = its content stream
read-what-form-on-it = a form drawn on it
read-what-form = a form drawn on the page
read-what-font = a font of the page
read-what-pattern = a pattern of the page
read-what-soft-mask = a soft mask of the page

# The file's structure.
read-object-stream-too-large = an object stream would inflate beyond { $mib } MiB
read-object-stream-too-deep = an object stream nests deeper than { $levels } levels
read-object-too-deep = { $number ->
    [0] an object
   *[other] object { $number }
}{ $in_stream ->
    [yes] {" "}in an object stream
   *[no] {""}
} nests deeper than { $levels } levels
read-hidden-too-deep = it hides syntax nested deeper than { $levels } levels in a string, comment or stream (at byte { $at }), which a repair of the file would read
read-hidden-too-many = its strings, comments and streams hold too many objects to check
read-page-tree-too-many = its page tree lists more than { $pages } pages and nodes (object { $number })
read-page-tree-too-deep = its page tree nests deeper than { $levels } levels (object { $number })
