//! A program-budget table's header, read by meaning: which rows are its
//! header (a row whose labels name years and kinds, and the rows under it
//! that only carry kind words), its leaf columns (a year printed once over
//! several kinds belongs to each of them: `2025` over `Planlanan` | `Yıl
//! Sonu Gerçekleşme Tahmini` gives `2025 Planlanan` and `2025 Yıl Sonu
//! Gerçekleşme Tahmini`), and the role of each column.

use crate::layout::{Cell, Line};
use crate::model::budget::{CostColumn, CostKind};
use crate::model::{ColumnKind, IndicatorColumn};
use crate::normalize;

use super::super::header::{key, key_words, Column};
use super::super::targets::year_of;

/// What a column of a program-budget table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The row's label: indicator, activity, program or economic name.
    Name,
    /// A code printed in a column of its own (`Kod`, `Program Kodu`).
    Code,
    /// The unit of measure (`Ölçü Birimi`, `Birim`, `Skala`).
    Unit,
    /// The responsible units (`Sorumlu Birim`, `Sorumlu Harcama Birimi`).
    Responsible,
    /// Figures of one year (its index among the value columns).
    Value(usize),
}

/// A table's header: its leaf columns, their roles and the labels of its
/// value columns as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub columns: Vec<Column>,
    pub roles: Vec<Role>,
    /// The value columns' labels (one line, repaired), left to right.
    pub labels: Vec<String>,
}

impl Header {
    /// The value columns as indicator columns.
    pub fn indicator_columns(&self) -> Vec<IndicatorColumn> {
        self.labels
            .iter()
            .map(|l| IndicatorColumn {
                year: year_in(l).unwrap_or(0),
                kind: ColumnKind::from_label(l),
                label: l.clone(),
            })
            .collect()
    }

    /// The value columns as cost columns.
    pub fn cost_columns(&self) -> Vec<CostColumn> {
        self.labels
            .iter()
            .map(|l| CostColumn {
                year: year_in(l).unwrap_or(0),
                kind: CostKind::from_label(l),
                label: l.clone(),
            })
            .collect()
    }

    /// A row's text per role: the name, code, unit and responsible cells
    /// (joined where a row has several cells in one column) and the value
    /// cells in order.
    pub fn place(&self, line: &Line) -> Placed {
        let mut out = Placed {
            values: vec![None; self.labels.len()],
            ..Placed::default()
        };
        for c in &line.cells {
            let Some(j) = super::super::header::column_of(c, &self.columns) else {
                continue;
            };
            let slot = match self.roles[j] {
                Role::Name => &mut out.name,
                Role::Code => &mut out.code,
                Role::Unit => &mut out.unit,
                Role::Responsible => &mut out.responsible,
                Role::Value(k) => &mut out.values[k],
            };
            let s = slot.get_or_insert_with(String::new);
            if !s.is_empty() {
                s.push('\n');
            }
            s.push_str(&c.text);
        }
        out
    }
}

/// A row's cells by role.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placed {
    pub name: Option<String>,
    pub code: Option<String>,
    pub unit: Option<String>,
    pub responsible: Option<String>,
    pub values: Vec<Option<String>>,
}

impl Placed {
    /// Whether any value cell holds text.
    pub fn has_values(&self) -> bool {
        self.values
            .iter()
            .any(|v| v.as_deref().is_some_and(|t| !t.trim().is_empty()))
    }
}

/// The year a label names (`2025 Yıl Sonu …`, `Uygulama Yılı 2020`).
pub fn year_in(label: &str) -> Option<i32> {
    label.split(|c: char| !c.is_ascii_digit()).find_map(year_of)
}

/// Words a header's value labels are made of, besides years.
const VOCABULARY: [&str; 34] = [
    "yıl",
    "yılı",
    "sonu",
    "haziran",
    "bütçe",
    "bütçesi",
    "tahmin",
    "tahmini",
    "harcama",
    "harcaması",
    "gerçekleşme",
    "gerçekleşen",
    "gerçekleşmesi",
    "planlanan",
    "hedef",
    "hedefi",
    "hedeflenen",
    "ödenek",
    "ödeneği",
    "başlangıç",
    "ys",
    "fiili",
    "uygulama",
    "ilk",
    "altı",
    "ay",
    "tl",
    "bin",
    "ve",
    "kaynak",
    "ihtiyacı",
    "tutarı",
    "değer",
    "dönem",
];

/// Whether a cell is a value column's label: a year, a kind word, or both
/// (`2025`, `Planlanan`, `2025 Yıl Sonu Harcama Tahmini`).
fn is_value_label(text: &str) -> bool {
    let mut words = key_words(text).peekable();
    words.peek().is_some()
        && words.all(|w| year_of(&w).is_some() || VOCABULARY.contains(&w.as_str()))
}

/// Whether a cell names a year or a kind (a value label with content).
fn names_year_or_kind(text: &str) -> bool {
    is_value_label(text)
        && (year_in(text).is_some()
            || ColumnKind::from_label(text).is_some()
            || CostKind::from_label(text).is_some())
}

/// The role of a non-value header label, by meaning.
fn label_role(label: &str) -> Option<Role> {
    let k = key(label);
    if k.is_empty() {
        return None;
    }
    if k.contains("sorumlu") || k.contains("harcama birimi") {
        return Some(Role::Responsible);
    }
    if k == "kod" || k.ends_with(" kodu") || k == "kodu" || k == "no" || k == "sıra no" {
        return Some(Role::Code);
    }
    if k.contains("ölçü") || k == "birim" || k == "birimi" || k == "skala" {
        return Some(Role::Unit);
    }
    Some(Role::Name)
}

/// How many rows from the first of `rows` make a table's header: rows
/// without a figure, one of them naming two or more years or kinds (the
/// row of column labels), the others only value labels (a label's lines
/// printed as rows of their own above or below it: `2025 Yıl` / `Sonu`, or
/// `Planlanan` | `Yıl Sonu Gerçekleşme Tahmini` under a `2025` printed
/// once). None where no header starts at the first row.
pub fn header_run(rows: &[&Line]) -> Option<usize> {
    let mut main = false;
    let mut k = 0;
    for line in rows {
        if line.cells.is_empty() || line.cells.iter().any(|c| is_figure(&c.text)) {
            break;
        }
        let labels = line
            .cells
            .iter()
            .filter(|c| names_year_or_kind(&c.text))
            .count();
        if labels >= 2 {
            main = true;
        } else if !line.cells.iter().all(|c| is_value_label(&c.text)) {
            break;
        }
        k += 1;
    }
    (main && k > 0).then_some(k)
}

/// A printed figure other than a bare year: digits with separators or
/// more or fewer than four digits.
fn is_figure(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || year_of(t).is_some() {
        return false;
    }
    normalize::is_number(t) || normalize::parse_amount(t).is_some()
}

/// The header printed as `rows` (top to bottom): leaf columns, roles and
/// value labels. None when it names no year.
pub fn read(rows: &[&Line]) -> Option<Header> {
    let cells: Vec<(usize, &Cell)> = rows
        .iter()
        .enumerate()
        .flat_map(|(r, l)| l.cells.iter().map(move |c| (r, c)))
        .collect();
    // A cell over two or more cells of the rows below it is a group label:
    // its leaves are those cells. The other cells are leaves; cells that
    // overlap for most of the narrower one's width (a label's lines set as
    // rows of their own) are one leaf.
    let mut leaves: Vec<(f32, f32)> = cells
        .iter()
        .filter(|(r, c)| !is_group(c, &cells, r))
        .map(|(_, c)| (c.x0, c.x1))
        .collect();
    leaves.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::with_capacity(leaves.len());
    for (x0, x1) in leaves {
        match merged.last_mut() {
            Some(last)
                if overlap(last.0, last.1, x0, x1) > 0.5 * (last.1 - last.0).min(x1 - x0) =>
            {
                *last = (last.0.min(x0), last.1.max(x1));
            }
            _ => merged.push((x0, x1)),
        }
    }
    let leaves = merged;
    let mut columns = Vec::with_capacity(leaves.len());
    for (x0, x1) in leaves {
        let parts: Vec<&str> = cells
            .iter()
            .filter(|(_, c)| overlap(x0, x1, c.x0, c.x1) > 0.5 * (x1 - x0).min(c.x1 - c.x0))
            .flat_map(|(_, c)| c.text.split('\n'))
            .collect();
        columns.push(Column {
            x0,
            x1,
            label: normalize::join_lines(&parts),
        });
    }
    let mut roles = Vec::with_capacity(columns.len());
    let mut labels = Vec::new();
    for c in &columns {
        if year_in(&c.label).is_some() && is_value_label(&c.label) {
            roles.push(Role::Value(labels.len()));
            labels.push(c.label.clone());
        } else {
            roles.push(label_role(&c.label).unwrap_or(Role::Name));
        }
    }
    // One name column: the first; a later one (a second text column, as
    // `Program / Alt Program` beside `Kod`) keeps the role when there is
    // none before it.
    let mut named = false;
    for r in roles.iter_mut() {
        if *r == Role::Name {
            if named {
                *r = Role::Responsible;
            }
            named = true;
        }
    }
    (!labels.is_empty()).then_some(Header {
        columns,
        roles,
        labels,
    })
}

/// Whether a header cell lies over two or more cells of the rows below it.
fn is_group(c: &Cell, cells: &[(usize, &Cell)], row: &usize) -> bool {
    cells
        .iter()
        .filter(|(r, c2)| r > row && c2.x0 >= c.x0 - 1.0 && c2.x1 <= c.x1 + 1.0)
        .count()
        >= 2
}

fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[(f32, f32, &str)]) -> Line {
        Line::from_cells(0.0, 10.0, cells)
    }

    #[test]
    fn a_year_over_two_kinds_belongs_to_each() {
        let top = line(&[
            (44.0, 171.5, "Performans Göstergesi"),
            (171.5, 211.2, "Ölçü Birimi"),
            (211.2, 267.9, "2024\nGerçekleşme"),
            (267.9, 381.3, "2025"),
            (381.3, 438.0, "2026 Hedef"),
            (438.0, 496.1, "2027 Tahmin"),
        ]);
        let bottom = line(&[
            (267.9, 324.6, "Planlanan"),
            (324.6, 381.3, "Yıl Sonu\nGerçekleşme\nTahmini"),
        ]);
        assert_eq!(header_run(&[&top, &bottom]), Some(2));
        let h = read(&[&top, &bottom]).unwrap();
        assert_eq!(
            h.labels,
            [
                "2024 Gerçekleşme",
                "2025 Planlanan",
                "2025 Yıl Sonu Gerçekleşme Tahmini",
                "2026 Hedef",
                "2027 Tahmin"
            ]
        );
        assert_eq!(h.roles[0], Role::Name);
        assert_eq!(h.roles[1], Role::Unit);
        let cols = h.indicator_columns();
        assert_eq!(cols[1].kind, Some(ColumnKind::Planned));
        assert_eq!(cols[2].kind, Some(ColumnKind::Estimate));
        assert_eq!(cols[2].year, 2025);
    }

    #[test]
    fn a_cost_header_with_its_responsible_column() {
        let top = line(&[
            (44.0, 154.5, "Faaliyetler"),
            (154.5, 228.2, "Sorumlu Birim"),
            (228.2, 282.0, "2025 Bütçe"),
            (282.0, 335.9, "2025 Haziran\nSonu Harcama"),
            (389.8, 443.6, "2026 Bütçe"),
        ]);
        let h = read(&[&top]).unwrap();
        assert_eq!(h.roles[1], Role::Responsible);
        let cols = h.cost_columns();
        assert_eq!(cols[1].label, "2025 Haziran Sonu Harcama");
        assert_eq!(cols[1].kind, Some(CostKind::Actual));
        let row = line(&[
            (44.0, 154.5, "01.01.001 - Yol"),
            (154.5, 228.2, "Fen İşleri Müdürlüğü"),
            (230.0, 280.0, "5.468.000,00"),
        ]);
        let p = h.place(&row);
        assert_eq!(p.name.as_deref(), Some("01.01.001 - Yol"));
        assert_eq!(p.responsible.as_deref(), Some("Fen İşleri Müdürlüğü"));
        assert_eq!(p.values[0].as_deref(), Some("5.468.000,00"));
        assert!(p.values[1].is_none());
    }

    #[test]
    fn data_rows_are_not_headers() {
        let row = line(&[
            (44.0, 171.5, "Otopark Kapasitesi"),
            (171.5, 211.2, "Adet"),
            (211.2, 267.9, "363"),
            (267.9, 324.6, "600"),
        ]);
        assert_eq!(header_run(&[&row]), None);
        // A label's first lines printed above the row of labels belong to
        // the header.
        let above = line(&[(362.0, 402.0, "2025 Yıl")]);
        let above2 = line(&[(362.0, 402.0, "Sonu")]);
        let labels = line(&[
            (44.0, 171.5, "Performans Göstergesi"),
            (211.2, 267.9, "2024"),
            (362.0, 402.0, "Tahmini"),
        ]);
        assert_eq!(header_run(&[&above, &above2, &labels, &row]), Some(3));
        assert_eq!(header_run(&[&above, &row]), None);
    }
}
