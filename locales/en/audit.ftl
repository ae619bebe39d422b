# The audit's findings: what disagrees, in words. Figures come formatted.

finding-roundtrip-layout = the regenerated report reads back as a { $got } document, not { $expected }

# Parts of findings.
figure-empty = empty
part-page = {" "}(page { $page })
part-on-page = {" "}on page { $page }
part-none = none
part-typography-only = {" "}(same letters and digits: spacing, case or punctuation only)
part-closest = ; the closest name there is “{ $name }”
part-columns-lost = , and those of { $columns } are not in the model (no such year among the document's columns)
column-budget = budget
column-off-budget = off-budget
column-total = total
column-activities = activities
column-general-administration = general administration
column-transfers = transfers
the-target-table = performance-target table
the-cost-table = activity cost table
the-responsibilities-table = responsibilities table
place-resource-summary = the resource summary
place-cost-tables-from-page = { $count ->
    [one] the activity cost table on page { $page }
   *[other] { $count } activity cost tables (the first on page { $page })
}
place-responsibilities-table-on-page = the responsibilities table on page { $page }
place-responsibilities-table = the responsibilities table
place-cost-tables = { $count ->
    [one] an activity cost table
   *[other] { $count } activity cost tables
}

# A stated figure against the computed one.
finding-stated-computed = { $what }: stated { $stated } but computed { $computed } (difference { $difference })
finding-stated-empty = { $what }: the stated cell is empty but the figures sum to { $computed }

# Checks that could not run.
finding-not-run = not checked: { $reason }
not-run-costs = the cost tables' totals, and the activities against the cost tables; the document prints no activity cost table (Faaliyet Maliyetleri Tablosu)
not-run-resource = the resource summary's rows, totals and shares, and its totals against the economic summary; the document prints no resource summary (İdarenin Toplam Kaynak İhtiyacı)
not-run-economic = the economic summary's totals and its columns against the cost tables; the document prints no economic summary (Toplam Kaynak İhtiyacı Tablosu)
not-run-responsibilities = the responsible units against the cost tables; the document prints no responsibilities table (Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo)

# Codes.
finding-code-objective-parent = objective { $code } is printed under goal { $parent }, whose code it does not extend
finding-code-target-parent = target { $code } is printed under objective { $parent }, whose code it does not extend
finding-code-indicator = indicator { $code } is printed under target { $target }, to which its code does not belong

# Performance-target tables.
finding-target-header = the table prints its own indicator columns “{ $own }” where the document's first table prints “{ $document }”; its values are read by year{ $lost }
finding-line-total-empty = the line's Toplam is empty though its Bütçe ({ $budget }) and Bütçe Dışı ({ $off_budget }) are printed
what-line-sum = line total vs budget + off-budget
what-target-total = Genel Toplam { $column } vs the sum of { $count } activity lines
what-target-total-sum = Genel Toplam total vs its budget + off-budget

# Activity cost tables.
finding-rows-not-printed = rows not printed at all (not printed empty): { $rows }
what-cost-budget-total = Toplam Bütçe Kaynak İhtiyacı vs economic codes 1–8
what-cost-off-budget-total = Toplam Bütçe Dışı Kaynak İhtiyacı vs Döner Sermaye + Diğer Yurt İçi + Yurt Dışı
what-cost-total = Toplam Kaynak İhtiyacı vs budget total + off-budget total

# Across tables.
finding-activity-name = spelled “{ $here }” in the { $here_table } but “{ $there }” in the { $there_table }{ $page }{ $only }
finding-activity-target = listed under target { $here } in the { $here_table } but under target { $there } in the { $there_table }{ $page }
finding-no-cost-tables = the source has no activity cost tables; activity lines cannot be traced
finding-as-in-responsibilities = { $message }; the responsibilities table has it as the performance-target table does
finding-activity-amount = activity line { $column } { $stated } vs { $computed } in its activity cost table{ $page } (difference { $difference })
finding-line-without-cost = activity line ({ $amount }) has no activity cost table{ $closest }
reason-no-line-named = no activity line of target { $target } has this name{ $closest }
reason-no-target-table = no performance-target table has the code { $target }
finding-cost-without-line = activity cost table ({ $amount }): { $reason }
finding-units-differ = responsible units differ: the responsibilities table lists { $listed }; the activity cost table{ $page } lists { $cost_units }
finding-responsibility-without-cost = responsibilities row has no activity cost table{ $closest }
finding-cost-without-responsibility = activity cost table has no row in the responsibilities table{ $closest }
finding-cross-summary = { $label } in the resource summary { $stated } vs { $computed } in the economic summary's Toplam Kaynak İhtiyacı row (difference { $difference })
finding-title = { $level } { $code } is titled “{ $here }” in { $place } but “{ $canonical }” in the performance-target tables{ $only }

# Resource summary.
finding-resource-row-unmatched = resource-summary row for { $level } { $code } has no counterpart in the performance-target tables
what-resource-target = target row vs Genel Toplam total of its performance-target table{ $page }
what-resource-objective = objective row vs the sum of its { $count } target rows
what-resource-goal = goal row vs the sum of its { $count } objective rows
finding-target-without-resource-row = performance target has no row in the resource summary
what-resource-targets-total = Performans Hedefleri Toplamı vs the sum of { $count } target rows
what-resource-total-budget = Toplam Bütçe vs Performans Hedefleri Toplamı + Genel Yönetim Giderleri + Diğer İdarelere Transferler
finding-share = { $label }: printed share { $printed } % but { $amount } / { $denominator } × 100 = { $computed } %

# Economic summary.
what-economic-code = activities column of code { $code } vs the sum of code { $code } over { $count } activity cost tables
what-economic-off-budget = activities column of { $label } vs the sum over { $count } activity cost tables
what-economic-row-total = { $label }: total vs activities + general administration + transfers
what-economic-budget-column = Toplam Bütçe Kaynak İhtiyacı, { $column } column, vs the sum of { $count } code rows
what-economic-off-budget-column = Toplam Bütçe Dışı Kaynak İhtiyacı, { $column } column, vs the sum of the off-budget rows
what-economic-grand-column = Toplam Kaynak İhtiyacı, { $column } column, vs budget + off-budget totals

# The front matter's narrative.
place-section = section “{ $section }”
finding-narrative-total = section “{ $section }” states { $stated } performance targets in total; the tables have { $count }
finding-narrative-area = section “{ $section }” states { $stated } performance targets in the { $area } area; the tables have { $count }
finding-narrative-area-unknown = section “{ $section }” states { $stated } performance targets in a strategic area (“… { $area }”) that matches no goal's theme
finding-narrative-budget = section “{ $section }” states a budget of { $stated } TL (“{ $words }”); Toplam Bütçe is { $computed }
finding-narrative-spelled = section “{ $section }” lists “{ $listed }” under target { $target } but its performance-target table has “{ $name }”{ $only }
finding-narrative-not-in-table = section “{ $section }” lists “{ $listed }” under target { $target }, which is not an activity of its performance-target table
finding-narrative-not-listed = activity “{ $name }” of target { $target } is not listed under it in section “{ $section }”

# The round trip.
finding-roundtrip = { $path }: { $what }
finding-roundtrip-front-matter = front matter text differs from word { $word } of { $words } (source: "…{ $source }…"; regenerated: "…{ $regenerated }…"; { $read_back } words read back)
what-roundtrip-missing = missing from the regenerated model (source: { $source })
what-roundtrip-extra = only in the regenerated model ({ $value })
what-roundtrip-extra-element = only in the regenerated model, as its element { $element } ({ $value })
what-roundtrip-differs = source { $source } but regenerated { $regenerated }

# The program-budget layout.
part-code = {" "}({ $code })
part-code-before = { $code }{" "}
part-counted-twice = ; it carries amounts ({ $amount } in { $column }), which the alt program's total may count twice
part-no-breakdown = { $count ->
    [one] {" "}(1 activity prints no breakdown and counts 0)
   *[other] {" "}({ $count } activities print no breakdown and count 0)
}
not-run-program-summary = the summary by program's rows and total against the activities, and the names it prints; the document prints no summary by program (Programlara Göre Kaynak Dağılımı)
not-run-economic-code-summary = the summary by economic code's rows and total; the document prints no summary by economic code (Ekonomik Sınıflandırmaya Göre Bütçe)
not-run-activity-economic = the activities' economic lines against their totals and against the summary by economic code; no activity prints a breakdown by economic code
what-budget-line-sum = { $column }: the activity's Toplam vs its Bütçe İçi + Bütçe Dışı
what-budget-economic = { $column }: the activity's { $row ->
    [budget] Bütçe İçi row
   *[total] total
} vs the sum of its { $count ->
    [one] { $count } economic line
   *[other] { $count } economic lines
}
what-budget-total = { $column }: the alt program's { $row } row vs the sum of its { $count ->
    [one] { $count } activity
   *[other] { $count } activities
}
finding-budget-code-sub-program = alt program { $code } is printed under program { $parent }, whose code it does not extend
finding-budget-code-activity = activity { $code } is printed under { $level } { $parent }, whose code it does not extend
finding-budget-duplicate-indicator = indicator { $number } of alt program { $sub_program } has the same { $by } as indicator { $other } (“{ $name }”): printed twice
finding-budget-duplicate-activity = activity “{ $name }”{ $code } of alt program { $sub_program } has the same { $by } as the activity printed before it{ $page }{ $counted }
finding-summary-row-without-block = the summary by program prints { $level } { $code }“{ $name }”, which has no block in the document
what-summary-program-row = { $column }: the summary's { $level } row vs the sum of the { $count ->
    [one] { $count } activity
   *[other] { $count } activities
} of its block
finding-block-without-summary-row = { $level } { $code }“{ $name }” has no row in the summary by program
what-summary-program-total = { $column }: the summary's total vs the sum of its { $count ->
    [one] { $count } { $level } row
   *[other] { $count } { $level } rows
}
finding-budget-cross-name = { $level } { $code }is named “{ $here }” in the summary by program but “{ $there }” in its block{ $only }
finding-budget-cross-code = { $level } “{ $name }” is coded { $here } in the summary by program but { $there } in its block
what-summary-economic-row = { $column }: the summary's row { $code } vs that code summed over the activities' economic lines{ $note }
what-summary-economic-total = { $column }: the summary's total vs the sum of its { $count ->
    [one] { $count } row
   *[other] { $count } rows
}

# The audit report (audit.pdf).
report-title = { $institution } { $year } Performance Programme Audit Report
report-document-title = { $institution } — { $year } Performance Programme Audit Report
report-running = { $institution } - { $year } Performance Programme - Audit Report
report-footer = { $year } Performance Programme Audit Report
report-kicker = { $institution } · { $year } Performance Programme
report-heading = Audit Report
report-subtitle = The source document reconciled with itself and with the regenerated totals
report-source-pages = Source: { $file } ({ $pages } pages)
report-source = Source: { $file }
report-totals = { $findings } findings: { $errors } errors, { $warnings } warnings, { $infos } info
report-with-roundtrip = {" "}(round trip included)
report-difference-note = Difference = stated − computed. An empty cell (empty in the source) is kept apart from 0.00; when line items are added, an empty cell counts as 0.
report-summary = Summary
report-intro = Each check tests one relation; checks without findings are listed too.
report-error-means = a figure does not agree with the figure it must equal.
report-warning-means = a total is empty in the source, or names, units or titles differ between tables.
report-info-means = only the typography (spacing, case, apostrophe, dash) differs.
report-findings = Findings
report-no-findings = No findings: every total in the source document agrees with its line items and with the other tables.
report-column-findings = Findings
report-column-check = Check
report-column-compared = Compares
report-column-no = No
report-column-severity = Severity
report-column-page = Page
report-column-place = Table · target · activity
report-column-stated = Stated
report-column-computed = Computed
report-column-difference = Difference
report-severity = { $severity ->
    [error] Error
    [warning] Warning
   *[info] Info
}
