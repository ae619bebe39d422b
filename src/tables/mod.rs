//! The `tables` stage: recognises the programme's tables in pages of lines
//! and builds the model. Entry point: [`recognise`].
//!
//! The document is read as one stream of table rows (`rows_of`: the rows
//! of the layout's grids for a PDF, the spacing rule's rows for text), one
//! recogniser per family for every input. Section titles split it:
//! the front matter runs up to the first "Performans Hedefi Tablosu"; then
//! come the performance-target tables, the activity cost tables ("Faaliyet
//! Maliyetleri Tablosu"), the resource summary ("İdarenin Toplam Kaynak
//! İhtiyacı"), the economic summary ("Mali Yılı Toplam Kaynak İhtiyacı
//! Tablosu") and the responsibilities table ("Faaliyetlerden Sorumlu Harcama
//! Birimlerine İlişkin Tablo"). Each family has its own module.

mod budget;
mod costs;
mod front;
pub mod lines;
mod rows_of;
mod separators;

pub use rows_of::pages as rows_of;
mod header;
mod responsibilities;
mod summary;
mod targets;
mod units;

use crate::error::{Error, Warning};
use crate::exec::{self, Executor};
use crate::i18n::Message;
use crate::layout::SourceDoc;
use crate::model::{self, Programme};
use crate::msg;
use crate::Extraction;

use lines::{plain, Item};

/// The sections of the document, as ranges of the line stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Front,
    Targets,
    Costs,
    Resources,
    Economic,
    Responsibilities,
}

impl Section {
    /// The section's title as the regulation names it.
    fn title(self) -> &'static str {
        match self {
            Section::Front => "",
            Section::Targets => targets::TABLE,
            Section::Costs => costs::TABLE,
            Section::Resources => summary::RESOURCES,
            Section::Economic => summary::ECONOMIC,
            Section::Responsibilities => responsibilities::TABLE,
        }
    }
}

fn section_of(text: &str) -> Option<Section> {
    // Every title has `Tablo` or `İhtiyacı` in it: other lines skip the
    // tests below.
    let has = |word: &[u8]| {
        let b = text.as_bytes();
        let first = word[0];
        memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), b).any(|i| {
            b.get(i..i + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
        })
    };
    if !has(b"tablo") && !has(b"yac") {
        return None;
    }
    let t = plain(text);
    let k = header::key(&t);
    if k == "performans hedefi tablosu" {
        return Some(Section::Targets);
    }
    if k == "faaliyet maliyetleri tablosu" {
        return Some(Section::Costs);
    }
    // The summaries' and the responsibilities' titles by meaning: any case,
    // a year or a running header's words around them (`İdarenin 2024 Yılı
    // Toplam Kaynak İhtiyacı`, `TOPLAM KAYNAK İHTİYACI TABLOSU`).
    if k.ends_with("toplam kaynak ihtiyacı") && k.split(' ').any(|w| w == "idarenin")
        || k == "idare performans tablosu"
    {
        return Some(Section::Resources);
    }
    if k.ends_with("toplam kaynak ihtiyacı tablosu") {
        return Some(Section::Economic);
    }
    if k.starts_with("faaliyetlerden sorumlu harcama birimlerine ilişkin tablo") {
        return Some(Section::Responsibilities);
    }
    None
}

/// Splits the stream at section titles; a title only opens a later section,
/// except that target tables and cost tables may alternate (each target's
/// table followed by its cost tables).
fn sections(items: &[Item], exec: &dyn Executor) -> Vec<(Section, usize)> {
    // The titles are found on the workers (a run of lines each), then
    // taken in order.
    const LINES: usize = 2048;
    let titles = |from: usize| -> Vec<(usize, Section)> {
        let run = &items[from..items.len().min(from + LINES)];
        run.iter()
            .enumerate()
            .filter(|(_, it)| !it.is_blank())
            .filter_map(|(i, it)| section_of(it.text()).map(|s| (from + i, s)))
            .collect()
    };
    let runs = items.len().div_ceil(LINES);
    let found = exec::map(exec, runs, || (), |_, k| titles(k * LINES));
    let mut bounds: Vec<(Section, usize)> = vec![(Section::Front, 0)];
    for (k, run) in found.into_iter().enumerate() {
        for (i, s) in run.unwrap_or_else(|| titles(k * LINES)) {
            let current = bounds.last().map(|b| b.0).unwrap_or(Section::Front);
            let alternating = current == Section::Costs && s == Section::Targets;
            if s > current || alternating {
                bounds.push((s, i));
            }
        }
    }
    bounds
}

/// A section's lines (all its ranges, in order), less the original's stray
/// running headers.
fn section<'a>(items: &[Item<'a>], bounds: &[(Section, usize)], s: Section) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for (k, b) in bounds.iter().enumerate() {
        if b.0 != s {
            continue;
        }
        let end = bounds.get(k + 1).map_or(items.len(), |n| n.1);
        out.extend(
            items[b.1..end]
                .iter()
                .filter(|it| !lines::is_stray_running_header(it.text()))
                .cloned(),
        );
    }
    out
}

/// What one family's recogniser gives.
enum Family<'a> {
    Costs(Vec<model::ActivityCost>),
    Targets(targets::Parsed),
    Resources(model::ResourceSummary),
    Economic(model::EconomicSummary),
    /// A table's lines, read after the families.
    Lines(Vec<Item<'a>>),
}

/// Recognises every table of the document and builds the programme model.
pub fn recognise(doc: &SourceDoc, exec: &dyn Executor) -> Result<Extraction, Error> {
    // Every family reads the row stream: table rows from the layout's grids
    // (PDF), or from the spacing rule (text). Beside it, on another worker:
    // the printed lines, their sections, and the document's separators,
    // decided once for every recogniser.
    let (pages, printed) = exec::join(
        exec,
        || rows_of::pages(&doc.pages, exec),
        || {
            let items = lines::items_on(&doc.pages, exec);
            let bounds = sections(&items, exec);
            (items, bounds, separators::decide(&doc.pages, exec))
        },
    );
    let failed = || Error::NotProgramme {
        path: doc.path.clone(),
        reason: msg!("reason-recogniser-failed"),
    };
    let (pages, (items, bounds, (sep, separator_warnings))) =
        (pages.ok_or_else(failed)?, printed.ok_or_else(failed)?);
    let rows = lines::items_on(&pages, exec);
    let row_bounds = sections(&rows, exec);
    // The tables are read in a closure that borrows the lines, so that
    // every way out of it leaves the lines to be freed below.
    let read = (|| {
        if bounds.iter().all(|b| b.0 != Section::Targets) {
            // The fork between the two layouts, taken once here.
            if program_budget(&items).is_some() {
                return budget::recognise(doc, &rows, sep, separator_warnings);
            }
            return Err(Error::NotProgramme {
                path: doc.path.clone(),
                reason: msg!("reason-no-layout", headings = what_was_found(&items)),
            });
        }
        let mut warnings: Vec<Warning> = doc.warnings.clone();
        warnings.extend(separator_warnings);
        let found = |s: Section| bounds.iter().any(|b| b.0 == s);
        for section in [
            Section::Costs,
            Section::Resources,
            Section::Economic,
            Section::Responsibilities,
        ] {
            if bounds.iter().all(|b| b.0 != section) {
                warnings.push(Warning {
                    page: None,
                    table: section.title().into(),
                    message: msg!("warning-table-not-found"),
                });
            }
        }
        // The families read apart on the executor's workers (the largest,
        // the cost tables, first), each taking its own lines; the
        // responsibilities table's lines are taken beside them. The front
        // matter is read later, beside the responsibilities table, which
        // waits for the targets and costs. Their warnings are kept in
        // document order.
        let part = |s: Section| section(&rows, &row_bounds, s);
        let mut read = exec::map(
            exec,
            5,
            || (),
            |_, k| {
                let mut w = Vec::new();
                let family = match k {
                    0 => Family::Costs(costs::parse(&part(Section::Costs), sep, &mut w)),
                    1 => Family::Targets(targets::parse(&part(Section::Targets), sep, &mut w)),
                    2 => Family::Resources(summary::resources(
                        &part(Section::Resources),
                        sep,
                        &mut w,
                    )),
                    3 => Family::Economic(summary::economic(&part(Section::Economic), sep, &mut w)),
                    _ => Family::Lines(part(Section::Responsibilities)),
                };
                (family, w)
            },
        )
        .into_iter();
        let mut next = || {
            read.next().flatten().ok_or_else(|| Error::NotProgramme {
                path: doc.path.clone(),
                reason: msg!("reason-recogniser-failed"),
            })
        };
        let (
            (Family::Costs(activity_costs), w_costs),
            (Family::Targets(parsed), w_targets),
            (Family::Resources(resource_summary), w_resources),
            (Family::Economic(economic_summary), w_economic),
            (Family::Lines(responsibility_lines), _),
        ) = (next()?, next()?, next()?, next()?, next()?)
        else {
            return Err(Error::NotProgramme {
                path: doc.path.clone(),
                reason: msg!("reason-recogniser-failed"),
            });
        };
        warnings.extend(w_targets);
        if parsed.goals.is_empty() {
            return Err(Error::NotProgramme {
                path: doc.path.clone(),
                reason: msg!(
                    "reason-no-goal",
                    found = what_was_found(&items),
                    rows = first_rows(&part(Section::Targets))
                ),
            });
        }
        warnings.extend(w_costs);
        warnings.extend(w_resources);
        warnings.extend(w_economic);
        let mut activity_costs = activity_costs;
        keep_titles_that_differ(&parsed.goals, &mut activity_costs);
        let (responsibilities, front_matter) = exec::join(
            exec,
            || {
                let mut w = Vec::new();
                let read = responsibilities::parse(
                    &responsibility_lines,
                    &parsed.goals,
                    &activity_costs,
                    &mut w,
                );
                (read, w)
            },
            || {
                let mut w = Vec::new();
                (front::parse(&part(Section::Front), &mut w), w)
            },
        );
        let ((responsibilities, w_responsibilities), (front_matter, w_front)) = (
            responsibilities.ok_or_else(failed)?,
            front_matter.ok_or_else(failed)?,
        );
        warnings.extend(w_responsibilities);
        warnings.extend(w_front);
        let fiscal_year = parsed
            .fiscal_year
            .or_else(|| parsed.columns.last().map(|c| c.year))
            .ok_or_else(|| Error::NotProgramme {
                path: doc.path.clone(),
                reason: msg!("reason-no-fiscal-year"),
            })?;
        let institution = institution(&items, doc).unwrap_or_default();
        if institution.is_empty() {
            warnings.push(Warning {
                page: None,
                table: "document".into(),
                message: msg!("warning-no-institution"),
            });
        }
        let programme = Programme {
            format: model::FORMAT.into(),
            layout: Default::default(),
            source: model::Source {
                file: doc.file_name.clone(),
                sha256: doc.sha256.clone(),
                pages: doc.page_count,
            },
            institution,
            fiscal_year,
            indicator_columns: parsed.columns,
            goals: parsed.goals,
            activity_costs,
            resource_summary: found(Section::Resources).then_some(resource_summary),
            economic_summary: found(Section::Economic).then_some(economic_summary),
            responsibilities,
            front_matter,
        };
        Ok(Extraction {
            document: model::Document::Targets(programme),
            warnings,
        })
    })();
    // The lines and their texts are freed off the caller's path.
    crate::util::drop_later((lines::into_texts(rows), lines::into_texts(items), pages));
    read
}

/// Keeps, of the titles each cost table prints on its position lines, those
/// that differ from the performance-target tables' titles of the same code
/// (the model's titles); a code those tables lack keeps its printed title.
fn keep_titles_that_differ(goals: &[model::Goal], costs: &mut [model::ActivityCost]) {
    let titles = model::titles_by_code(goals);
    for c in costs {
        c.titles_as_printed
            .retain(|p| titles.get(&(p.level, p.code.as_str())) != Some(&p.title.as_str()));
    }
}

/// What a document that is not a programme, or whose tables could not be
/// read, shows instead: the tables' titles it prints (how many times, on
/// which pages), its largest headings (up to three, with their pages) and
/// how many lines it has.
fn what_was_found(items: &[Item]) -> Message {
    msg!(
        "reason-found",
        titles = titles_found(items),
        headings = largest_headings(items)
    )
}

/// The section titles a document prints, each with how many times and
/// on which pages (the first ten).
fn titles_found(items: &[Item]) -> Message {
    let mut found: Vec<(Section, Vec<Option<u32>>)> = Vec::new();
    for it in items.iter().filter(|it| !it.is_blank()) {
        let Some(s) = section_of(it.text()) else {
            continue;
        };
        match found.iter_mut().find(|f| f.0 == s) {
            Some(f) => f.1.push(it.page),
            None => found.push((s, vec![it.page])),
        }
    }
    if found.is_empty() {
        return msg!("reason-no-titles-found");
    }
    let each: Vec<String> = found
        .iter()
        .map(|(s, pages)| {
            let mut numbers: Vec<u32> = pages.iter().flatten().copied().collect();
            numbers.dedup();
            let mut listed: Vec<String> = numbers.iter().take(10).map(u32::to_string).collect();
            if numbers.len() > 10 {
                listed.push("…".into());
            }
            let (title, count) = (s.title(), pages.len());
            if listed.is_empty() {
                msg!("reason-title-found", title = title, count = count)
            } else {
                msg!(
                    "reason-title-found-on-pages",
                    title = title,
                    count = count,
                    npages = numbers.len(),
                    pages = listed.join(", ")
                )
            }
            .to_string()
        })
        .collect();
    msg!("reason-titles-found", titles = each.join(", "))
}

/// What could not be read in a section: its first rows after its title
/// (up to three, with the page of the first).
fn first_rows(items: &[Item]) -> Message {
    let rows: Vec<&Item> = items
        .iter()
        .filter(|it| !it.is_blank() && section_of(it.text()).is_none())
        .take(3)
        .collect();
    let Some(first) = rows.first() else {
        return msg!("reason-nothing-under-titles");
    };
    let texts: Vec<String> = rows
        .iter()
        .map(|it| {
            format!(
                "\"{}\"",
                plain(it.text()).chars().take(60).collect::<String>()
            )
        })
        .collect();
    match first.page {
        Some(page) => msg!(
            "reason-first-rows-on-page",
            page = page,
            rows = texts.join(", ")
        ),
        None => msg!("reason-first-rows", rows = texts.join(", ")),
    }
}

/// A document's largest headings (up to three, with their pages) and how
/// many lines it has.
fn largest_headings(items: &[Item]) -> Message {
    let mut lines: Vec<&Item> = items
        .iter()
        .filter(|it| it.line.cells.len() == 1 && !plain(it.text()).is_empty())
        .collect();
    if lines.is_empty() {
        return msg!("reason-no-text-found");
    }
    lines.sort_by(|a, b| b.line.size.total_cmp(&a.line.size));
    let top = lines[0].line.size;
    let headings: Vec<String> = lines
        .iter()
        .take_while(|it| it.line.size >= 0.9 * top)
        .take(3)
        .map(|it| {
            let t: String = plain(it.text()).chars().take(60).collect();
            match it.page {
                Some(p) => msg!("reason-heading-on-page", text = t, page = p),
                None => msg!("reason-heading", text = t),
            }
            .to_string()
        })
        .collect();
    msg!(
        "reason-largest-headings",
        headings = headings.join(", "),
        lines = items.len()
    )
}

/// The program-budget layout (program → alt program → faaliyet), told by
/// its labels: an `Alt Program Hedefi` line, or both a `Program` and an `Alt
/// Program` label. The label that told it.
fn program_budget(items: &[Item]) -> Option<String> {
    // Each line's text, and each of its cells' (a heading printed as a
    // card of labelled cells).
    let keys: Vec<String> = items
        .iter()
        .flat_map(|it| {
            let cells = it.line.cells.iter().filter(|_| it.line.cells.len() > 1);
            std::iter::once(header::key(&plain(it.text())))
                .chain(cells.map(|c| header::key(&plain(&c.text))))
        })
        .collect();
    if keys.iter().any(|k| k.starts_with("alt program hedef")) {
        return Some("Alt Program Hedefi".into());
    }
    let program = keys
        .iter()
        .any(|k| k == "program" || k.starts_with("program adı") || k.starts_with("program kodu"));
    let sub = keys.iter().any(|k| k.starts_with("alt program"));
    (program && sub).then(|| "Alt Program".into())
}

/// The institution: the head's signature line (`X Belediye Başkanı` →
/// `X Belediyesi`), else the PDF title's or a running header's
/// "… Belediyesi".
pub(super) fn institution(items: &[Item], doc: &SourceDoc) -> Option<String> {
    for it in items.iter().take(400) {
        let t = plain(it.text());
        if let Some(head) = t.strip_suffix(" Belediye Başkanı") {
            if !head.is_empty() && head.split(' ').count() <= 4 {
                return Some(format!("{head} Belediyesi"));
            }
        }
    }
    // Else the PDF title's or the first lines' name of an administration:
    // the words up to one that names its kind ("İzmir Büyükşehir
    // Belediyesi 2024 Yılı Performans Programı" → "İzmir Büyükşehir
    // Belediyesi").
    let title = doc.title.as_deref().unwrap_or("");
    let first_lines = items.iter().take(20).map(|it| plain(it.text()));
    std::iter::once(title.to_string())
        .chain(first_lines)
        .flat_map(|t| {
            t.split(['·', '-', '|'])
                .map(|p| p.trim().to_string())
                .collect::<Vec<_>>()
        })
        .find_map(|p| administration_name(&p))
}

/// The leading words of `text` up to the first that names an
/// administration's kind (`Belediyesi`, `Valiliği`, `Üniversitesi`,
/// `Bakanlığı`, `İl Özel İdaresi`), if the name starts the text.
fn administration_name(text: &str) -> Option<String> {
    const KINDS: [&str; 5] = [
        "Belediyesi",
        "Valiliği",
        "Üniversitesi",
        "Bakanlığı",
        "İdaresi",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let k = words.iter().position(|w| KINDS.contains(w))?;
    (1..=5).contains(&k).then(|| words[..=k].join(" "))
}
