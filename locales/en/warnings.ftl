# Warnings of the read, layout and tables stages: what could not be placed.

warning-page-not-read = page not read: { $error }
warning-pages-lost = { $count } page(s) lost, the first being page { $first }: their content is missing (the file is truncated or damaged)
warning-unmapped-glyphs = { $count } glyphs have no Unicode mapping; their text is missing (fonts without a map: { $fonts })
warning-damaged-page = the text layer is damaged on this page (letters read as digits or symbols, e.g. { $example }); its text may be wrong
warning-table-not-found = the table was not found; its part of the model is empty
warning-no-institution = the institution's name was not found
warning-first-example = { $what } (the first: “{ $example }”)
warning-separators-against = { $count } figures are printed against the document's separators, which are { $style ->
    [english] English (1,234.56)
   *[turkish] Turkish (1.234,56)
}; they are read the document's way
warning-separators-ambiguous = { $count } figures read either way (1.500 or 1,500); they are read with the document's separators, which are { $style ->
    [english] English (1,234.56)
   *[turkish] Turkish (1.234,56)
}{ $default ->
    [yes] {" "}by default: no figure tells
   *[no] {""}
}

# Activity cost tables.
warning-cost-incomplete = incomplete cost table (target { $target }, activity { $activity }, { $rows } amount rows)
warning-cost-units-outside = units outside any cost table: { $text }
warning-cost-text-outside = text outside any cost table: { $text }
warning-cost-header-outside = amounts header outside any cost table
warning-cost-row-unrecognised = unrecognised row in the cost table of { $activity }: { $text }
warning-cost-not-amount = not an amount in the cost table of { $activity }: { $text }

# Performance-target tables.
warning-indicator-header-no-years = indicator header without year columns: { $text }
warning-target-own-columns = target { $target }: the table prints its own indicator columns ({ $own }) where the document's are { $document }; values are read by year{ $lost }
warning-target-columns-lost = ; the values of { $columns } are left out (no such year among the document's columns)
warning-activity-header-no-columns = activity header without budget and total columns: { $text }
warning-indicator-no-name = indicator row without a name: { $text }
warning-indicator-outside-target = indicator outside a target: { $name }
warning-activity-not-amount = not an amount in an activity row: { $text }
warning-activity-outside-target = activity outside a target: { $name }
warning-activity-no-name = activity row without a name: { $text }
warning-objective-before-goal = objective { $code } appears before any goal
warning-objective-under-goal = objective { $code } is printed under goal { $goal }
warning-target-before-objective = target { $code } appears before any objective
warning-indicator-values-below = { $values } values printed below an indicator for { $columns } columns; placed from the left

# Summaries (resource need, economic classification).
warning-summary-from-right = figures of { $text } not placed by column; read from the right
warning-summary-text-outside = text outside a row: { $text }
warning-summary-figures-without-row = figures without a row: { $text }
warning-summary-row-unrecognised = unrecognised row: { $text }
warning-summary-after-total = row after the grand total: { $text }

# Responsibilities table.
warning-responsibility-unknown-target = target { $code } is not in the performance-target tables
warning-responsibility-text-without-units = text under target { $code } without responsible units: { $text }
warning-responsibility-no-rows = target { $code } has no activity rows
warning-responsibility-before-target = activity row before any target: { $activity } ({ $units })
warning-responsibility-incomplete = incomplete row under target { $target }: activity { $activity }, units { $units }
warning-responsibility-no-code = target cell without a code: { $text }
warning-responsibility-before-first = text before the first target: { $text }

# The program-budget layout.
warning-budget-before-sub-program = { $text } is printed before any alt program's heading
warning-budget-header-outside = a table header ({ $labels }) outside the indicator and cost tables
warning-budget-sub-program-before-program = alt program { $name } is printed before any program's heading
warning-budget-row-unread = a row that could not be read, left out: { $text }
warning-budget-not-amount = not an amount: { $text }
warning-budget-activity-total-differs = the activity total { $text } differs from the activity's row in the cost table

# Reading the PDF.
notice-xref-rebuilt = the cross-reference table was rebuilt from the objects found in the file
notice-truncated = the file is truncated (no %%EOF at its end); the pages it still has were read
notice-font-repaired = font { $font }: repaired { $repair ->
    [cp1254] Windows-1254 text read as Windows-1252 (ý þ ð for ı ş ğ)
    [legacy] legacy Turkish font encoding (Ġ ġ Ģ ģ for İ Ş ş)
   *[none] text layer is right as it is
}
reason-no-pages = it has no pages
reason-truncated-nothing-recovered = it is truncated and no page could be recovered
reason-nothing-recovered = no cross-reference table, catalog or page could be recovered
