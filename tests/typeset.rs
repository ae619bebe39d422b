//! Integration tests: the layout stage, mechanism by mechanism, on small
//! tables typeset in the test by perfprog's own Typst world and read back
//! through the reader — ruled and unruled grids, merged header cells,
//! figures at any vertical alignment beside a wrapped name, tables across a
//! page break with and without a repeated header, two tables on a page, a
//! row-spanning cell across a page break.

use std::path::Path;

use perfprog::layout::grid::Grid;
use perfprog::layout::tables::{self, Table};
use perfprog::layout::SourceDoc;
use perfprog::render::{Engine, PdfOptions};

use crate::util::workdir;

/// Typesets `body` (Typst markup) on small pages into `t.pdf` of the
/// test's work directory (kept there for a look when a test fails); the
/// directory and the PDF.
pub(crate) fn typeset_pdf(name: &str, body: &str) -> (std::path::PathBuf, Vec<u8>) {
    let dir = workdir(&format!("typeset-{name}"));
    let doc = format!(
        "#set page(width: 420pt, height: 300pt, margin: 24pt)\n\
         #set text(font: \"Libertinus Serif\", size: 8pt, lang: \"tr\")\n\
         {body}\n"
    );
    std::fs::write(dir.join("t.typ"), doc).unwrap();
    let engine = Engine::new(Some(&dir)).unwrap();
    let pdf = engine
        .compile(
            "t.typ",
            &serde_json::json!({}),
            &PdfOptions::new("t", false),
        )
        .unwrap();
    std::fs::write(dir.join("t.pdf"), &pdf).unwrap();
    (dir, pdf)
}

/// Typesets `body` (Typst markup) on small pages and reads it back.
fn typeset(name: &str, body: &str) -> SourceDoc {
    let (_, pdf) = typeset_pdf(name, body);
    perfprog::source(Path::new("t.pdf"), pdf, &perfprog::Threads::available())
        .expect("the typeset page reads")
}

/// The text of each grid row, cells joined by " | " (a cell's lines by " ").
fn rows(g: &Grid) -> Vec<String> {
    (0..g.rows())
        .map(|r| {
            let mut cells: Vec<_> = g.cells.iter().filter(|c| c.row == r).collect();
            cells.sort_by_key(|c| c.col);
            cells
                .iter()
                .map(|c| c.lines.join(" "))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

/// The text of each body row of a joined table.
fn body(t: &Table) -> Vec<String> {
    t.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.lines.join(" "))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

/// An activity table: a name column and three amounts, `n` rows; odd rows
/// have no off-budget amount (an empty cell).
fn activity_rows(n: usize) -> String {
    (1..=n)
        .map(|i| format!("[Faaliyet {i}], {},", amounts(i).join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Row `i`'s three amount cells as Typst content.
fn amounts(i: usize) -> [String; 3] {
    if i.is_multiple_of(2) {
        [
            format!("[{i}.000,00]"),
            format!("[{i},50]"),
            format!("[{i}.000,50]"),
        ]
    } else {
        [
            format!("[{i}.000,00]"),
            "[]".into(),
            format!("[{i}.000,00]"),
        ]
    }
}

/// Row `i` of an activity table as read: cells joined by " | ".
fn activity_text(i: usize) -> String {
    let a = amounts(i).map(|c| c.trim_matches(['[', ']']).to_string());
    format!("Faaliyet {i} | {} | {} | {}", a[0], a[1], a[2])
}

const HEADER: &str = "table.header(
    table.cell(rowspan: 2)[Faaliyetler], table.cell(colspan: 3, align: center)[Kaynak İhtiyacı (2024 Yılı) (Türk Lirası)],
    [Bütçe İçi], [Bütçe Dışı], [Toplam],
  ),";

#[test]
fn a_ruled_table_is_a_lattice_grid_with_merged_header_cells() {
    let doc = typeset(
        "lattice",
        &format!(
            "#table(columns: (150pt, 60pt, 60pt, 60pt), align: (left, right, right, right),\n\
             {HEADER}\n{})",
            activity_rows(3)
        ),
    );
    let g = &doc.pages[0].grids[0];
    assert_eq!((g.rows(), g.cols()), (5, 4));
    // The group label spans the three amount columns; the name header
    // spans both header rows.
    let group = g.cell_at(0, 2).unwrap();
    assert_eq!((group.col, group.col_span), (1, 3));
    assert_eq!(group.text(), "Kaynak İhtiyacı (2024 Yılı) (Türk Lirası)");
    let name = g.cell_at(1, 0).unwrap();
    assert_eq!((name.row, name.row_span), (0, 2));
    let expected: Vec<String> = (1..=3).map(activity_text).collect();
    assert_eq!(rows(g)[2..], expected);
    // The empty cell is there, and empty.
    assert_eq!(g.cell_at(2, 2).unwrap().text(), "");
}

#[test]
fn an_unruled_table_is_a_stream_grid_from_its_alignment() {
    let doc = typeset(
        "stream",
        &format!(
            "Bir paragraf tablonun üstünde.\n\n\
             #table(columns: (150pt, 60pt, 60pt, 60pt), stroke: none, align: (left, right, right, right),\n\
             {HEADER}\n{})",
            activity_rows(4)
        ),
    );
    let grids = &doc.pages[0].grids;
    assert_eq!(grids.len(), 1, "{grids:#?}");
    let g = &grids[0];
    assert_eq!(g.cols(), 4);
    let texts = rows(g);
    let expected: Vec<String> = (1..=4).map(activity_text).collect();
    assert_eq!(texts[texts.len() - 4..], expected);
    // The group label spans the three amount columns.
    let group = g
        .cells
        .iter()
        .find(|c| c.text() == "Kaynak İhtiyacı (2024 Yılı) (Türk Lirası)")
        .unwrap_or_else(|| panic!("the group label: {texts:#?}"));
    assert_eq!((group.col, group.col_span), (1, 3));
    // The paragraph above is not the table's.
    assert!(texts.iter().all(|t| !t.contains("paragraf")));
}

/// A table whose second row has a name wrapped to three lines, with its
/// figures aligned `align` in the row; ruled or not.
fn wrapped(name: &str, align: &str, ruled: bool) -> Grid {
    let stroke = if ruled { "" } else { "stroke: none," };
    let doc = typeset(
        name,
        &format!(
            "#table(columns: (90pt, 60pt, 60pt, 60pt), {stroke} align: (x, y) => if x == 0 {{ left + {align} }} else {{ right + {align} }},\n\
             [Faaliyet Adı], [Bütçe İçi], [Bütçe Dışı], [Toplam],\n\
             [Kısa ad], [1,00], [2,00], [3,00],\n\
             [Üç satıra sarılan çok uzun bir faaliyet adı burada yazılır], [10,00], [20,00], [30,00],\n\
             [Son satır], [4,00], [5,00], [9,00],\n\
             [Bir satır daha], [6,00], [7,00], [13,00],\n)"
        ),
    );
    let g = doc.pages[0].grids[0].clone();
    assert_eq!(g.cell_at(2, 0).unwrap().lines.len(), 3, "{align}: {g:#?}");
    g
}

#[test]
fn figures_belong_to_their_wrapped_name_at_any_vertical_alignment() {
    for ruled in [true, false] {
        for align in ["top", "horizon", "bottom"] {
            let g = wrapped(&format!("wrapped-{align}-{ruled}"), align, ruled);
            assert_eq!(g.rows(), 5, "{align} ruled {ruled}");
            assert_eq!(
                rows(&g)[1..],
                [
                    "Kısa ad | 1,00 | 2,00 | 3,00",
                    "Üç satıra sarılan çok uzun bir faaliyet adı burada yazılır | 10,00 | 20,00 | 30,00",
                    "Son satır | 4,00 | 5,00 | 9,00",
                    "Bir satır daha | 6,00 | 7,00 | 13,00"
                ],
                "{align} ruled {ruled}"
            );
        }
    }
}

/// A table of `n` activity rows long enough to break over pages, its
/// header repeated on every page or printed once.
fn long_table(name: &str, n: usize, repeat: bool, ruled: bool) -> Vec<Table> {
    let stroke = if ruled { "" } else { "stroke: none," };
    let doc = typeset(
        name,
        &format!(
            "#table(columns: (150pt, 60pt, 60pt, 60pt), {stroke} align: (left, right, right, right),\n\
             table.header(repeat: {repeat}, [Faaliyetler], [Bütçe İçi], [Bütçe Dışı], [Toplam]),\n{})",
            activity_rows(n)
        ),
    );
    assert!(doc.pages.len() >= 2, "the table breaks over a page");
    tables::tables(&doc.pages)
}

#[test]
fn a_table_across_a_page_break_is_joined_with_or_without_a_repeated_header() {
    for (ruled, repeat) in [(true, true), (true, false), (false, true), (false, false)] {
        {
            let what = format!("repeat {repeat} ruled {ruled}");
            let ts = long_table(&format!("long-{repeat}-{ruled}"), 30, repeat, ruled);
            assert_eq!(ts.len(), 1, "{what}: {ts:#?}");
            let t = &ts[0];
            let header: Vec<String> = t.header.iter().flatten().map(|c| c.text()).collect();
            assert_eq!(
                header,
                ["Faaliyetler", "Bütçe İçi", "Bütçe Dışı", "Toplam"],
                "{what}"
            );
            let expected: Vec<String> = (1..=30).map(activity_text).collect();
            assert_eq!(body(t), expected, "{what}");
            assert!(t.rows.last().unwrap().page >= 2, "{what}");
        }
    }
}

#[test]
fn two_tables_on_a_page_stay_apart() {
    let doc = typeset(
        "two-tables",
        &format!(
            "#table(columns: (150pt, 60pt, 60pt, 60pt), align: (left, right, right, right),\n\
             [Faaliyetler], [Bütçe İçi], [Bütçe Dışı], [Toplam],\n{a})\n\
             Aradaki paragraf.\n\n\
             #table(columns: (150pt, 60pt, 60pt, 60pt), align: (left, right, right, right),\n\
             [Faaliyetler], [Bütçe İçi], [Bütçe Dışı], [Toplam],\n{b})",
            a = activity_rows(2),
            b = activity_rows(3)
        ),
    );
    let ts = tables::tables(&doc.pages);
    let sizes: Vec<usize> = ts.iter().map(|t| t.rows.len()).collect();
    assert_eq!(sizes, [2, 3]);
}

#[test]
fn a_row_spanning_cell_carries_over_a_page_break() {
    // A target cell merged over all its responsibility rows, breaking over
    // the page: every row keeps its activity and unit, in order, and the
    // target's text is read once.
    let rows_markup: String = (1..=24)
        .map(|i| format!("[Faaliyet {i}], [Birim {i} Dairesi Başkanlığı],"))
        .collect::<Vec<_>>()
        .join("\n");
    let doc = typeset(
        "rowspan",
        &format!(
            "#table(columns: (110pt, 130pt, 120pt),\n\
             table.header([Performans Hedefi], [Faaliyetler], [Sorumlu Birimler]),\n\
             table.cell(rowspan: 24)[1.1.1. Altyapı çalışmalarını yürütmek],\n{rows_markup})"
        ),
    );
    assert!(doc.pages.len() >= 2, "the table breaks over a page");
    let ts = tables::tables(&doc.pages);
    assert_eq!(ts.len(), 1, "{ts:#?}");
    let t = &ts[0];
    let pairs: Vec<String> = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .filter(|c| c.col > 0)
                .map(|c| c.lines.join(" "))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    let expected: Vec<String> = (1..=24)
        .map(|i| format!("Faaliyet {i} | Birim {i} Dairesi Başkanlığı"))
        .collect();
    assert_eq!(pairs, expected);
    let target: String = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().filter(|c| c.col == 0))
        .map(|c| c.lines.join(" "))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(target, "1.1.1. Altyapı çalışmalarını yürütmek");
}
