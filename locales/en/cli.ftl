# The command line: progress lines, summaries, its own errors.

cli-error = error: { $error }
cli-warning = warning: { $warning }
cli-note = note: { $note }
cli-none = none
cli-page-short = p. { $page }
cli-wrote = wrote { $path }
cli-read-failed = failed to read { $path }
cli-write-failed = failed to write { $path }
cli-create-failed = failed to create { $path }
cli-not-a-model = { $path }: not a programme model ({ $reason })
cli-render-report-failed = failed to render the programme report
cli-render-audit-failed = failed to render the audit report
cli-render-extract-failed = failed to render the extract of { $unit }
cli-audit-workbook-failed = failed to make the audit workbook: { $error }
cli-index-workbook-failed = failed to make the index workbook: { $error }

# build
cli-no-input-dir = no INPUT given and no inputs/ directory here; name the programme PDF
cli-no-input-pdf = no INPUT given and no PDF in inputs/; name the programme PDF
cli-many-input-pdfs = no INPUT given and { $count } PDFs in inputs/ ({ $files }); name one
cli-step-extract = extracting { $path }
cli-step-render = rendering the report, { $extracts } department extracts and the audit
cli-build-wrote = wrote { $count } files under { $dir }
cli-build-extracts = { $files } ({ $count } department extracts)
cli-build-audit = audit: { $errors } errors, { $warnings } warnings, { $infos } info (see { $report })
cli-build-done = done in { $seconds } s

# audit
cli-audit-summary = audit of { $institution } { $year }: { $findings } findings — { $errors } errors, { $warnings } warnings, { $infos } info
cli-audit-column-check = check
cli-audit-wrote = wrote { $files }

# departments
cli-no-such-unit = no responsible unit named "{ $name }" in { $input } (closest: { $closest })
cli-merged-unit = merged spellings of one unit: { $names }
cli-departments-wrote = wrote { $count } department extracts and { $index }

# diff
cli-diff-layouts = { $a } is a { $a_layout } document and { $b } a { $b_layout } one: they cannot be compared table by table; what they share:
cli-diff-none = no differences

# export, import, rollover
cli-export-nothing = nothing to export: give --xlsx FILE, --csv DIR or both
cli-workbook-failed = cannot write the workbook { $path }: { $error }
cli-export-csv-wrote = wrote { $count } CSV files to { $dir }
cli-import-targets = { $targets } targets, { $costs } cost tables
cli-import-programs = { $programs } programs, { $sub_programs } alt programs, { $activities } activities
cli-import-wrote = wrote { $path } ({ $institution } { $year }, { $contents })
cli-rollover-wrote = wrote { $path } ({ $from } → { $to })

# rollover: what to revise in next year's model.
notice-indicator-column-carried = indicator column { $column } “{ $label }” carries { $count } values over (column { $from_column } of { $from })
notice-indicator-column-empty = indicator column { $column } “{ $label }” is empty, to be filled in
notice-footnotes-dated = { $count } target footnote(s) mention { $from }; revise them
notice-amounts-carried = amounts are { $from }'s, carried over; revise them
notice-amounts-empty = amounts are empty, to be filled in
notice-untitled-section = the untitled opening section
notice-sections-dated = { $count } front-matter section(s) mention { $year }: { $sections }; revise them
notice-own-columns = { $count } alt program(s) print columns of their own ({ $sub_programs }); they moved by year as the document's did; check them
notice-texts-dated = { $count } { $what ->
    [goals] alt program goal(s)
    [indicators] indicator(s)' explanations
   *[activities] activity description(s)
} mention { $from }; revise them
notice-budget-carried = the { $to } budget, targets and forecasts start from { $from }'s forecasts, carried over; revise them
notice-budget-empty = the { $to } budget, targets and forecasts are empty, to be filled in
notice-column-takes = { $table } column { $column } “{ $label }” takes { $count } { $figures ->
    [values] values
   *[amounts] activities' amounts
} from { $from }'s “{ $from_label }”
notice-column-empty = { $table } column { $column } “{ $label }” is empty, to be filled in
notice-column-not-carried = { $from }'s { $table } column “{ $label }” is not carried over (--carry-amounts starts from it)
notice-column-no-taker = { $from }'s { $table } column “{ $label }” is not carried over: no { $to } column takes figures of its year and kind
notice-columns-dropped = { $from }'s { $table } column(s) { $labels } fall before the { $to } document's years and are left out

# page
cli-page-to-terminal = the PNG would be written to the terminal; give a file with -o OUT.png
cli-page-not-found = warning: page { $page }: { $text } is not printed on this page
cli-page-wrote = wrote { $path } ({ $width } × { $height } px, { $count } highlight(s))
