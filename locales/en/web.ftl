# perfprog serve: the web app's English texts.
# Every key is also in tr/web.ftl, with the same placeholders.

web-app-name = Performance Programme Workspace
web-nav-documents = Documents
web-nav-compare = Compare
web-footer = perfprog · Documents are processed on this computer only.
web-index-title = Documents
web-index-heading = Performance programmes
web-index-lead = Upload a performance programme (PDF, .txt, model JSON or an edited workbook): its tables are read, the report and the department extracts regenerated, and every total audited.
web-upload-heading = Upload a document
web-upload-drop = Drop the file here or choose it
web-upload-hint = PDF, .txt, .json or .xlsx; at most { $limit } MB.
web-upload-submit = Upload and process
web-unnamed = (unnamed file)
web-documents-heading = Documents processed earlier
web-documents-empty = No documents yet.
web-col-institution = Institution
web-col-year = Year
web-col-layout = Layout
web-col-file = File
web-col-state = State
web-layout-targets = Performance-target layout
web-layout-budget = Program-budget layout
web-state-queued = Queued (position { $position })
web-state-running = Processing: { $stage }
web-state-running-pages = Processing: { $stage }, page { $done } of { $total }
web-state-done = Done
web-state-failed = Failed: { $message }
web-status-label = State:
web-status-refresh = This page refreshes by itself.
web-warnings = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
web-pages = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
web-page = p. { $page }
web-totals-heading = Totals by year
web-count-goals = Goals
web-count-objectives = Objectives
web-count-targets = Performance targets
web-count-indicators = Indicators
web-count-activities = Activities
web-count-cost-tables = Cost tables
web-count-programs = Programs
web-count-sub-programs = Alt programs
web-tables-heading = Tables
web-audit-heading = Audit
web-audit-title = Audit findings
web-audit-errors = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
web-audit-warnings = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
web-audit-infos = { $count } info
web-audit-open = All findings
web-downloads-heading = Downloads
web-download-report = Programme report
web-download-departments = All department extracts
web-download-audit = Audit report
web-download-model = Model
web-download-workbook = Workbook
web-download-extract = Download the extract (PDF)
web-departments-heading = Departments
web-activities = { $count ->
    [one] { $count } activity
   *[other] { $count } activities
}
web-table-n = Table { $n } of { $count }
web-prev = Previous
web-next = Next
web-no-rows = No rows.
web-page-image-alt = Page { $page } of the source document
web-page-image-caption = Source document, page { $page }: the table's rows highlighted.
web-finding-image-caption = Source document, page { $page }: the finding's cells highlighted.
web-kind-target = Performance-target table
web-kind-cost = Activity cost table
web-kind-sub-program = Alt program table
web-kind-activity = Activity cost details
web-kind-summary = Summary table
web-section-indicators = Performance indicators
web-section-activities = Activities
web-section-units = Responsible units
web-section-costs = Costs
web-section-goals = Goals and objectives
web-table-resource-summary = Resources by performance target
web-table-economic-summary = Total resources by economic classification
web-table-responsibilities = Units responsible for the activities
web-table-program-summary = Resources by program
web-col-indicator = Indicator
web-col-unit = Unit
web-col-activity = Activity
web-col-activities = Activities
web-col-budget = Budget
web-col-off-budget = Off-budget
web-col-total = Total
web-col-amount = Amount
web-col-code = Code
web-col-title = Name
web-col-share-targets = Share of targets (%)
web-col-share-budget = Share of budget (%)
web-col-general-administration = General administration
web-col-transfers = Transfers to other administrations
web-col-target = Performance target
web-col-units = Responsible units
web-col-partners = Shared with
web-row-grand-total = Grand total
web-row-budget-total = Budget total
web-row-off-budget-total = Off-budget total
web-row-revolving-fund = Revolving fund
web-row-other-domestic = Other domestic
web-row-foreign = Foreign
web-row-targets-total = Performance targets total
web-row-general-administration = General administration expenses
web-row-transfers = Resources transferred to other administrations
web-row-total-budget = Total resource need
web-row-sole = Alone
web-row-shared = Shared
web-row-all = All
web-also-printed = Also printed as
web-filter-severity = Severity
web-filter-check = Check
web-filter-all = All
web-filter-apply = Filter
web-filter-count = Showing { $count } of { $total } findings
web-severity-error = Error
web-severity-warning = Warning
web-severity-info = Info
web-col-severity = Severity
web-col-check = Check
web-col-where = Where
web-col-stated = Stated
web-col-computed = Computed
web-col-difference = Difference
web-col-message = Description
web-col-table = Table
web-col-page = Page
web-no-findings = No finding matches this filter.
web-compare-title = Compare two programmes
web-compare-lead = Choose this year's and last year's programme, or a revised printing: added and removed targets, indicators and activities and changed amounts are listed.
web-compare-old = Old
web-compare-new = New
web-compare-submit = Compare
web-compare-need-two = Comparing needs at least two processed documents.
web-compare-changes = { $count ->
    [one] { $count } change
   *[other] { $count } changes
}
web-compare-none = No differences.
web-change-added = Added
web-change-removed = Removed
web-change-changed = Changed
web-col-change = Change
web-col-what = What
web-col-name = Name
web-col-before = Before
web-col-after = After
web-back-home = Back to the documents
web-error-heading = Error { $status }
web-error-token = This server needs an access token. Open the address given by whoever started it (with ?token=…).
web-error-cross-site = A request sent from another site was refused.
web-error-csrf = The form has expired or was sent from elsewhere. Reload the page and try again.
web-error-too-large = The file is too large: at most { $limit } MB can be uploaded.
web-error-bad-form = The form could not be read.
web-error-no-file = Choose a file.
web-error-upload = The document was not taken: { $reason }
web-error-store = The request could not be carried out: { $reason }
web-error-not-found = There is no such page.
web-error-no-document = There is no such document.
web-error-not-ready = The document is not processed yet, or its processing failed.
web-error-page-image = The page image could not be made: { $reason }
web-error-diff = The comparison could not be made: { $reason }
