# Why a file could not be read (perfprog::Error). Each names the file.

error-io = { $path }: cannot read the file ({ $reason })
error-empty = { $path }: the file is empty
error-not-pdf = { $path }: not a PDF or text file (it starts with neither %PDF- nor UTF-8 text)
error-corrupt = { $path }: the PDF is damaged or truncated ({ $reason })
error-encrypted = { $path }: the PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)
error-no-text = { $path }: the PDF has no text layer (a scanned document?); run OCR on it first
error-damaged-text = { $path }: the PDF's text layer is damaged: letters inside words are missing or read as digits or symbols (e.g. { $example } on page { $page }); export the PDF again from its source document
error-not-programme = { $path }: not a performance programme ({ $reason })
error-table = { $path }: page { $page }: { $table }: { $reason }

# Reasons.
reason-truncated-not-programme = it is truncated, and the pages it still has are { $reason }
reason-no-layout = neither a "Performans Hedefi Tablosu" (performance-target layout) nor "Program" and "Alt Program" headings (program-budget layout) were found; { $headings }
reason-recogniser-failed = a table recogniser failed
reason-no-goal = no strategic goal ("Stratejik Amaç") could be read in the performance-target tables; { $found }; { $rows }
reason-found = { $titles }; { $headings }
reason-no-titles-found = no table title of a performance programme was found
reason-titles-found = it prints { $titles }
reason-title-found = "{ $title }" { $count ->
    [one] once
   *[other] { $count } times
}
reason-title-found-on-pages = "{ $title }" { $count ->
    [one] once
   *[other] { $count } times
} ({ $npages ->
    [one] page
   *[other] pages
} { $pages })
reason-nothing-under-titles = nothing is printed under those titles
reason-first-rows-on-page = the first rows under them (page { $page }), { $rows }, hold no goal, objective or target label
reason-first-rows = the first rows under them, { $rows }, hold no goal, objective or target label
reason-no-fiscal-year = the fiscal year could not be read from any table header
reason-no-budget-year = the budget year could not be read from any table header
reason-no-program-heading = it has program-budget labels but no program or alt program heading ("Program: …", "Alt Program: …") was found
reason-no-sub-program = it has { $count } program heading(s) but no alt program ("Alt Program: …") under them
reason-no-page-read = no page could be read (page { $page }: { $error })
reason-no-page-read-at-all = no page could be read
reason-no-unicode = its fonts carry no Unicode mapping, so its text cannot be read reliably
reason-no-text-found = no text was found
reason-heading-on-page = "{ $text }" (page { $page })
reason-heading = "{ $text }"
reason-largest-headings = its largest headings are { $headings } ({ $lines } lines in all)

# Rendering, the round trip, rollover.
error-templates-dir = templates directory { $path } does not exist or is not a directory
error-unknown-template = unknown template { $name } (not in the templates directory nor built in)
error-template-data = failed to serialize the data of template { $template }: { $error }
error-template-compile = failed to compile template { $template }: { $diagnostics }
error-template-pdf = failed to export template { $template } as PDF: { $diagnostics }
error-roundtrip-render = failed to render the programme report for the round trip: { $error }
error-roundtrip-read = failed to read back the regenerated report: { $error }
error-rollover-not-later = cannot roll the { $from } programme over to { $to }: the new year must come after { $from }

# Showing a page (perfprog page).
error-pages-only-of-pdf = { $path }: not a PDF (it does not start with %PDF-): only a PDF's pages can be shown
error-no-such-page = { $path }: there is no page { $page } (the document has { $count } page(s), numbered from 1)
error-page-not-shown = { $path }: page { $page } cannot be shown ({ $reason })
