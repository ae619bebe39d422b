//! The program-budget layout (Program → Alt Program → Faaliyet): its own
//! recognisers over the same row stream as the performance-target layout.
//! Entry point: [`recognise`].
//!
//! The document is read as blocks, one per alt program ([`blocks`]):
//! headings by their labels (`Program: 01 - …`, `PROGRAM: …`, `Alt Program
//! Adı | …`) or as a code and a name alone; the parts of a block by their
//! titles (Alt Program Hedefleri, Performans Göstergeleri, Faaliyet
//! Maliyetleri, Faaliyetlerin Ekonomik Sınıflandırması, Faaliyetlere
//! İlişkin Açıklamalar), in any case and wording; every table by its own
//! header, read by meaning ([`columns`]: years and kinds, a year printed
//! once over several kinds, the name, code, unit and responsible columns);
//! rows by their labels ([`words`]: Bütçe İçi, Bütçe Dışı, Toplam in any
//! spacing). The summaries after the blocks are read the same way; the
//! front matter is everything before the first block, read by the front
//! matter's recogniser.

mod blocks;
mod columns;
mod words;

use crate::error::{Error, Warning};
use crate::layout::SourceDoc;
use crate::model::budget::{BudgetProgramme, CostKind};
use crate::model::{self, ColumnKind, Document};
use crate::msg;
use crate::normalize::number::Separators;
use crate::Extraction;

use super::lines::{plain, Item};

/// Recognises a program-budget document's blocks, summaries and front
/// matter in the row stream (`rows`), with the document's separators.
/// `warnings` are the earlier stages'.
pub fn recognise(
    doc: &SourceDoc,
    rows: &[Item],
    sep: Separators,
    mut warnings: Vec<Warning>,
) -> Result<Extraction, Error> {
    let read = blocks::read(rows, sep);
    let Some(first) = read.first_block else {
        return Err(Error::NotProgramme {
            path: doc.path.clone(),
            reason: msg!("reason-no-program-heading"),
        });
    };
    let sub_programs: usize = read.programs.iter().map(|p| p.sub_programs.len()).sum();
    if sub_programs == 0 {
        return Err(Error::NotProgramme {
            path: doc.path.clone(),
            reason: msg!("reason-no-sub-program", count = read.programs.len()),
        });
    }
    let mut front_warnings = Vec::new();
    let front_matter = super::front::parse(&rows[..first], &mut front_warnings);
    warnings.extend(read.warnings);
    warnings.extend(front_warnings);
    let indicator_columns = read.indicator_columns.unwrap_or_default();
    let cost_columns = read.cost_columns.unwrap_or_default();
    for (missing, table) in [
        (indicator_columns.is_empty(), "Performans Göstergeleri"),
        (cost_columns.is_empty(), "Faaliyet Maliyetleri"),
        (
            read.program_summary.is_none(),
            "Programlara Göre Kaynak Dağılımı",
        ),
        (
            read.economic_summary.is_none(),
            "Ekonomik Sınıflandırmaya Göre Bütçe",
        ),
    ] {
        if missing {
            warnings.push(Warning {
                page: None,
                table: table.into(),
                message: msg!("warning-table-not-found"),
            });
        }
    }
    let fiscal_year = fiscal_year(&cost_columns, &indicator_columns, rows).ok_or_else(|| {
        Error::NotProgramme {
            path: doc.path.clone(),
            reason: msg!("reason-no-budget-year"),
        }
    })?;
    let items = super::lines::items(&doc.pages);
    let institution = super::institution(&items, doc).unwrap_or_default();
    if institution.is_empty() {
        warnings.push(Warning {
            page: None,
            table: "document".into(),
            message: msg!("warning-no-institution"),
        });
    }
    let mut b = BudgetProgramme::new(
        model::Source {
            file: doc.file_name.clone(),
            sha256: doc.sha256.clone(),
            pages: doc.page_count,
        },
        institution,
        fiscal_year,
    );
    b.indicator_columns = indicator_columns;
    b.cost_columns = cost_columns;
    b.programs = read.programs;
    b.program_summary = read.program_summary;
    b.economic_summary = read.economic_summary;
    b.front_matter = front_matter;
    Ok(Extraction {
        document: Document::Budget(b),
        warnings,
    })
}

/// The budget year: the latest year of a budget column that is followed by
/// forecasts (N's `Bütçe` before N+1's and N+2's `Tahmin`), else the
/// indicators' target year, else the year of a `… Yılı Performans
/// Programı` line.
fn fiscal_year(
    costs: &[model::budget::CostColumn],
    indicators: &[model::IndicatorColumn],
    rows: &[Item],
) -> Option<i32> {
    let budget = costs
        .iter()
        .filter(|c| c.kind == Some(CostKind::Budget) && c.year > 0)
        .map(|c| c.year)
        .max();
    let target = || {
        indicators
            .iter()
            .filter(|c| c.kind == Some(ColumnKind::Target) && c.year > 0)
            .map(|c| c.year)
            .min()
    };
    let title = || {
        rows.iter().take(200).find_map(|it| {
            let t = plain(it.text());
            let k = super::header::key(&t);
            let at = k.find("yılı performans programı")?;
            k[..at].split(' ').filter_map(columns::year_in).next_back()
        })
    };
    budget.or_else(target).or_else(title)
}
