# Why an edited workbook could not be imported (perfprog import). Each
# message follows the sheet and cell it is about (`Maliyetler!F12: …`).

workbook-empty-cell = an empty cell
workbook-no-sheets = no sheets
workbook-no-sheet = no sheet { $name } (the workbook has { $sheets }); is this a workbook written by `perfprog export`?
workbook-missing-column = missing column { $column } in the header row
workbook-missing-column-listed = missing the column { $column } in the header row (the columns are the ones listed on the sheet { $sheet })
workbook-missing-row = missing the row { $row }
workbook-row-twice = the row { $row } is given twice
workbook-field-twice = this field is given twice
workbook-expected = expected { $what }, found { $found }
workbook-expected-text = expected text, found { $found }
workbook-expected-amount = expected an amount, found { $found }
workbook-expected-number-or-text = expected a number or text, found { $found }
workbook-expected-mark = expected "*" or an empty cell, found { $found }
workbook-expected-units = expected unit names, one per line, found { $found }
workbook-expected-one-of = expected one of { $choices }, found { $found }
workbook-expected-format = expected the format { $format } (or { $others }), found { $found }
workbook-expected-budget-format = expected the format { $format } for the program-budget layout, found { $found }
workbook-expected-layout = expected the layout { $budget } or { $targets }, found { $found }
workbook-expected-year-in = expected a year in [{ $spec }], found { $found }
workbook-expected-column-labels = expected column labels with a year, found { $found }
workbook-expected-kind = expected a kind ({ $kinds }) or an empty cell, found { $found }
workbook-must-be-empty = { $why }; found { $found }
workbook-target-code-twice = the target code { $code } is used twice
workbook-unknown-target = unknown target code { $code } (not on the sheet { $sheet })
workbook-unknown-sub-program = unknown alt program { $key } (not on the sheet { $sheet })
workbook-sub-program-twice = the alt program { $key } is listed twice; other sheets could not tell them apart
workbook-unknown-activity = unknown activity { $name } in this alt program (not on the sheet { $sheet }), or its lines are split into more runs than there are activities so named
workbook-activity-no-row = the activity has no { $row } row
workbook-total-no-row = the alt program's total has no { $row } row
workbook-total-row-twice = the alt program's { $row } row is given twice
workbook-toplam-twice = the Toplam row is given twice
workbook-objective-after-goal = a Stratejik Hedef row must follow its Stratejik Amaç
workbook-target-after-objective = a Performans Hedefi row must follow its Stratejik Hedef
workbook-sub-program-after-program = an Alt Program row must follow its Program row
workbook-block-after-section = a { $kind } row must follow a Bölüm row

# What a cell should hold (workbook-expected's { $what }).
workbook-what-format = the format tag
workbook-what-year = a year
workbook-what-fiscal-year = a fiscal year
workbook-what-sub-program = an alt program code or name
workbook-what-name = a name
workbook-what-page = a page number
workbook-what-page-count = a page count
workbook-what-goal-text = the goal's text
workbook-what-indicator = an indicator name
workbook-what-activity = an activity name
workbook-what-activity-code = an activity code or name
workbook-what-economic-code = an economic code
workbook-what-institution = the institution's name
workbook-what-code = a code
workbook-what-title = a title
workbook-what-target-code = a target code
workbook-what-footnote = a footnote
workbook-what-block = a block number
workbook-what-paragraph = a paragraph's text

# Why a cell must be empty (workbook-must-be-empty's { $why }).
workbook-why-own-columns = only alt programs have columns of their own
workbook-why-activity-total-row = an activity's units, page and description stand on its Toplam row
workbook-why-toplam-no-code = the Toplam row has no code
workbook-why-theme = only Stratejik Amaç rows have a theme
workbook-why-target-columns = only Performans Hedefi rows have a page, a Genel Toplam and columns of their own
workbook-why-total-no-code = a total row has no code
workbook-why-section-page = only Bölüm rows have a page

# The header row of audit.xlsx and departments/index.xlsx: the CSV's column
# ids (which stay as they are) as a person reads them.
xlsx-header = { $column ->
    [check] Check
    [severity] Severity
    [table] Table
    [target] Target
    [activity] Activity
    [page] Page
    [stated] Stated
    [computed] Computed
    [difference] Difference
    [message] Message
    [unit] Responsible unit
    [file] File
    [activities] Activities
    [sole_activities] Sole activities
    [shared_activities] Shared activities
    [total] Total (TL)
    [printed_names] Printed names
   *[other] { $column }
}

# A program-budget model whose figure arrays do not fit its columns (export).
workbook-widths = { $what } has { $count } figures for { $columns } columns; every array needs one per column
workbook-widths-indicator = indicator { $name } of { $sub_program }
workbook-widths-in = { $name } in { $sub_program }
workbook-widths-economic = economic line { $code } of { $name }
workbook-widths-row = a row of { $sheet }
