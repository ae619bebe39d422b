# perfprog's English message catalogue: common messages.
# Every key is also in tr/common.ftl, with the same placeholders.

# The catalogue's own example (used in the docs and tests).
i18n-example = { $count ->
    [one] { $count } table read
   *[other] { $count } tables read
}

# A text kept as it is (not from the catalogue).
verbatim = { $text }

# Severity names (check, audit summary).
severity-name = { $severity ->
    [error] error
    [warning] warning
   *[info] info
}

# Table ids of findings and warnings, named for people.
table-document = document
table-performance_target = Performance-target table
table-activity_cost = Activity cost table
table-resource_summary = Administration's total resource need
table-economic_summary = Total resource need by economic code
table-responsibilities = Responsible spending units table
table-front_matter = General information
table-model = Model
table-program = Program and alt program
table-indicators = Performance indicators
table-activity_economic = Activities by economic code
table-program_summary = Resources by program
table-budget_by_economic_code = Budget by economic code

# A warning of the pipeline, with its place.
warning-on-page = page { $page }: { $table }: { $message }
warning-in-table = { $table }: { $message }
