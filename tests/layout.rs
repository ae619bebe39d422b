//! Integration tests: the layout stage on a real printing. Tables drawn
//! with rules become grids of cells, with merged header cells, shading and
//! empty cells as the page shows them.

use std::path::Path;

use perfprog::layout::grid::Grid;

use crate::util::root;

/// The pages of the real-table printing, laid out.
fn tables_printing() -> perfprog::layout::SourceDoc {
    let path = root().join("tests/data/izmir-2024-performans-programi-tables.pdf");
    let bytes = std::fs::read(&path).unwrap();
    perfprog::source(
        Path::new("tables.pdf"),
        bytes,
        &perfprog::Threads::available(),
    )
    .expect("the real-table printing reads")
}

/// The grids of one page of the real-table printing.
fn grids_of_page(number: u32) -> Vec<Grid> {
    tables_printing()
        .pages
        .into_iter()
        .find(|p| p.number == Some(number))
        .expect("the page")
        .grids
}

#[test]
fn ruled_tables_become_grids_with_spans_and_shading() {
    // Page 30: the goal/objective/target table, the indicator table and
    // the activity table, each ruled on every side.
    let grids = grids_of_page(30);
    let shape: Vec<(usize, usize)> = grids.iter().map(|g| (g.rows(), g.cols())).collect();
    assert_eq!(shape, [(4, 2), (12, 5), (9, 4)]);

    // The theme row spans the whole first table and is shaded.
    let theme = grids[0].cell_at(0, 0).unwrap();
    assert_eq!((theme.col_span, theme.shaded), (2, true));
    assert_eq!(theme.text(), "DEMOKRASİ");

    // The activity table's two-row header: "Faaliyetler" down two rows,
    // "Kaynak İhtiyacı (2024) (TL)" over three columns.
    let acts = &grids[2];
    let first = acts.cell_at(0, 0).unwrap();
    assert_eq!((first.row_span, first.text()), (2, "Faaliyetler".into()));
    let group = acts.cell_at(0, 1).unwrap();
    assert_eq!(group.col_span, 3);
    assert_eq!(group.text(), "Kaynak İhtiyacı (2024) (TL)");
    let leaves: Vec<String> = (1..4).map(|c| acts.cell_at(1, c).unwrap().text()).collect();
    assert_eq!(leaves, ["Bütçe İçi", "Bütçe Dışı", "Toplam"]);

    // A row: its name, its budget, an empty off-budget cell, its total.
    let row: Vec<String> = (0..4).map(|c| acts.cell_at(2, c).unwrap().text()).collect();
    assert_eq!(
        row,
        [
            "İhtiyaç Sahiplerine Ayni ve Nakdi Yardım Yapılması Faaliyetleri",
            "379.800.000,00",
            "",
            "379.800.000,00"
        ]
    );
    assert!(!acts.cell_at(2, 0).unwrap().shaded);
}

#[test]
fn a_wrapped_name_shares_its_row_with_centred_figures() {
    // Page 2's indicator table: a name on two lines beside one-line
    // figures centred vertically in the same row.
    let grids = grids_of_page(2);
    let table = &grids[1];
    assert_eq!(table.cols(), 5);
    let name = table.cell_at(1, 0).unwrap();
    assert_eq!(name.lines.len(), 2);
    assert_eq!(
        name.text(),
        "Yapımı Tamamlanacak Karayolu Taşıt Alt Geçit, Üst Geçit, Köprü, Menfez vb. \
         Sanat Yapısı Sayısı"
    );
    let figures: Vec<String> = (1..5)
        .map(|c| table.cell_at(1, c).unwrap().text())
        .collect();
    assert_eq!(figures, ["Adet", "1", "2", "5"]);
}

#[test]
fn tables_set_without_rules_become_grids_from_their_alignment() {
    // Page 31 of the line-by-line A4 printing: no rules at all. The
    // activity table's rows are found from its figures, a name keeps its
    // wrapped lines, and the empty off-budget cells stay empty.
    let bytes = std::fs::read(crate::util::fixture_pdf_a4()).unwrap();
    let doc =
        perfprog::source(Path::new("a4.pdf"), bytes, &perfprog::Threads::available()).unwrap();
    let page = doc.pages.iter().find(|p| p.number == Some(31)).unwrap();
    let acts = &page.grids[0];
    assert_eq!((acts.rows(), acts.cols()), (6, 4));
    assert_eq!(acts.cell_at(0, 0).unwrap().text(), "Faaliyetler");
    let row: Vec<String> = (0..4).map(|c| acts.cell_at(2, c).unwrap().text()).collect();
    assert_eq!(
        row,
        [
            "Buca - Bornova Arası Sanat Yapıları, Tünel ve Bağlantı Yolları Yapılması Projesi",
            "900.000.000,00",
            "",
            "900.000.000,00"
        ]
    );
    let total: Vec<String> = (0..4).map(|c| acts.cell_at(5, c).unwrap().text()).collect();
    assert_eq!(
        total,
        [
            "Genel Toplam",
            "5.815.779.000,00",
            "0,00",
            "5.815.779.000,00"
        ]
    );
    // The indicator table below it: five columns, names over two lines.
    let inds = &page.grids[1];
    assert_eq!((inds.rows(), inds.cols()), (16, 5));
    assert_eq!(inds.cell_at(4, 0).unwrap().lines.len(), 2);
    assert!(page.grids.iter().all(|g| g.cells.iter().all(|c| !c.shaded)));
}

#[test]
fn a_table_over_ten_pages_is_joined_with_its_repeated_header_dropped() {
    // The responsibilities table of the real-table printing runs from page
    // 203 to the last page, repeating its header row on every page.
    let tables = perfprog::layout::tables::tables(&tables_printing().pages);
    let t = tables
        .iter()
        .find(|t| t.rows.first().map(|r| r.page) == Some(203))
        .expect("a table starting on page 203");
    assert_eq!(t.rows.last().map(|r| r.page), Some(212));
    assert_eq!((t.header.len(), t.xs.len() - 1, t.rows.len()), (1, 3, 295));
    let header: Vec<String> = t.header[0].iter().map(|c| c.text()).collect();
    // No body row repeats the header.
    assert!(t
        .rows
        .iter()
        .all(|r| r.cells.iter().map(|c| c.text()).collect::<Vec<_>>() != header));
    // Every page of the run contributes rows.
    for page in 203..=212 {
        assert!(t.rows.iter().any(|r| r.page == page), "page {page}");
    }
}
