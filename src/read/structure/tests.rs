//! Tests of the opening checks' scan: nesting, page trees, object
//! streams, and the scan in two halves.

use super::*;
use crate::exec::{Sequential, Threads};

proptest::proptest! {
    /// An object or generation number is a word of at most ten digits
    /// whose value fits in 32 bits; anything else is none.
    #[test]
    fn number_of_reads_what_fits_in_32_bits(word in "[0-9]{0,12}|[0-9+a-z/ -]{0,6}") {
        let want = (!word.is_empty() && word.len() <= 10 && word.bytes().all(|c| c.is_ascii_digit()))
            .then(|| word.parse::<u32>().ok())
            .flatten();
        proptest::prop_assert_eq!(number_of(word.as_bytes()), want);
    }
}

fn tree(nodes: &[(u32, &str)]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    for (n, body) in nodes {
        out.extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    out
}

#[test]
fn a_deep_object_is_named() {
    let deep = format!("<< /X {}{} >>", "[".repeat(600), "]".repeat(600));
    let file = tree(&[(1, "<< /Type /Catalog >>"), (5, &deep)]);
    assert_eq!(
        check(&file, 1 << 24, &Sequential).unwrap_err(),
        "object 5 nests deeper than 512 levels"
    );
    let fine = format!("<< /X {}{} >>", "[".repeat(500), "]".repeat(500));
    assert!(check(&tree(&[(5, &fine)]), 1 << 24, &Sequential).is_ok());
}

/// A chain of `n` page-tree nodes from object 10 on, each listing the
/// next (`twice`: two times); the last lists a page, or the first
/// (`back`).
fn chain(n: u32, twice: bool, back: bool) -> Vec<u8> {
    let mut nodes: Vec<(u32, String)> = (0..n)
        .map(|i| {
            let k = match (i + 1 < n, back) {
                (true, _) => 11 + i,
                (false, true) => 10,
                (false, false) => 10 + n,
            };
            let kids = if twice {
                format!("{k} 0 R {k} 0 R")
            } else {
                format!("{k} 0 R")
            };
            (10 + i, format!("<< /Type /Pages /Kids [{kids}] >>"))
        })
        .collect();
    nodes.push((10 + n, "<< /Type /Page >>".into()));
    let refs: Vec<(u32, &str)> = nodes.iter().map(|(n, b)| (*n, b.as_str())).collect();
    tree(&refs)
}

#[test]
fn page_trees_are_bounded() {
    let err = check(&chain(300, false, false), 1 << 24, &Sequential).unwrap_err();
    assert!(err.contains("page tree nests deeper than 256"), "{err}");
    assert!(check(&chain(250, false, false), 1 << 24, &Sequential).is_ok());
    // Nodes listing the same kid twice, 20 levels deep, looping back to
    // the root at the bottom or not.
    for back in [false, true] {
        let err = check(&chain(20, true, back), 1 << 24, &Sequential).unwrap_err();
        assert!(err.contains("more than 100000 pages and nodes"), "{err}");
    }
    assert!(check(&chain(10, true, true), 1 << 24, &Sequential).is_ok());
    // A loop is the parser's to stop; kids through an array object.
    let ok = tree(&[
        (2, "<< /Type /Pages /Kids 3 0 R >>"),
        (3, "[4 0 R 2 0 R]"),
        (4, "<< /Type /Page >>"),
    ]);
    assert_eq!(check(&ok, 1 << 24, &Sequential), Ok(1));
}

#[test]
fn the_pages_the_tree_lists_are_counted() {
    // A root with two nodes of two and three pages (the pages' own
    // objects need not be in the file to be counted).
    let file = tree(&[
        (2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 5 >>"),
        (3, "<< /Type /Pages /Kids [5 0 R 6 0 R] >>"),
        (4, "<< /Type /Pages /Kids [7 0 R 8 0 R 9 0 R] >>"),
    ]);
    assert_eq!(check(&file, 1 << 24, &Sequential), Ok(5));
    // Whatever `/Count` says; a kid listed twice is drawn twice.
    let twice = tree(&[(2, "<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 1 >>")]);
    assert_eq!(check(&twice, 1 << 24, &Sequential), Ok(2));
    assert_eq!(check(&chain(3, false, false), 1 << 24, &Sequential), Ok(1));
    assert_eq!(check(b"%PDF-1.4\n", 1 << 24, &Sequential), Ok(0));
}

#[test]
fn object_streams_are_read_by_their_head() {
    let data = b"7 0 8 5 [[1]] << /A 2 >>";
    assert_eq!(object_stream(b"8 0 [[]]", None), [(8, &b"[[]]"[..])]);
    assert_eq!(
        object_stream(b"8 0 9 2 42", Some(8)),
        [(8, &b"42"[..]), (9, &b""[..])]
    );
    let objs = object_stream(data, None);
    assert_eq!(objs[0], (7, &b"[[1]]"[..]));
    assert_eq!(objs[1], (8, &b" << /A 2 >>"[..]));
}

/// A file of `nodes` with, between the first `at` of them and the
/// others, a stream object of `junk` bytes (the file over the size
/// from which it is split).
fn padded(nodes: &[(u32, String)], at: usize, junk: &[u8]) -> Vec<u8> {
    let part = |ns: &[(u32, String)]| {
        let refs: Vec<(u32, &str)> = ns.iter().map(|(n, b)| (*n, b.as_str())).collect();
        tree(&refs)
    };
    let mut out = part(&nodes[..at]);
    let mut data = junk.repeat(SPLIT_FROM / junk.len() + 1);
    data.truncate(SPLIT_FROM);
    out.extend_from_slice(format!("900 0 obj\n<< /Length {} >> stream\n", data.len()).as_bytes());
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    out.extend_from_slice(&part(&nodes[at..])[b"%PDF-1.4\n".len()..]);
    out
}

/// Each object's number, node flag, kids and kids' array; the array
/// objects' references; the object streams; the spans not read.
type Findings<'a> = (
    Vec<(u32, bool, Vec<u32>, Option<u32>)>,
    Vec<(u32, u32)>,
    &'a [(usize, usize)],
    &'a [(usize, usize)],
);

/// The scan's findings, in an order that does not depend on a map's.
fn findings(f: &File) -> Findings<'_> {
    let mut objects: Vec<_> = f
        .objects
        .map
        .iter()
        .map(|(&n, o)| (n, o.pages, o.kids.clone(), o.kids_ref))
        .collect();
    objects.sort_unstable();
    (objects, f.objects.array_refs.clone(), &f.streams, &f.hidden)
}

#[test]
fn a_scan_in_two_halves_finds_what_one_pass_finds() {
    let nodes: Vec<(u32, String)> = vec![
        (2, "<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 >>".into()),
        (3, "[6 0 R 7 0 R]".into()),
        (
            4,
            "<< /Type /Page /Contents (a string with endobj\n8 0 obj inside) >>".into(),
        ),
        // After the padding: a node replaced by a later definition, a
        // node whose kids are an array object, an object stream.
        (2, "<< /Type /Pages /Kids [5 0 R] >>".into()),
        (5, "<< /Type /Pages /Kids 3 0 R >>".into()),
        (
            8,
            "<< /Type /ObjStm /N 1 /First 4 /Length 7 >> stream\n6 0 [ ]\nendstream".into(),
        ),
    ];
    // Junk with an object header after each `endobj`: the halves must
    // not be split inside the stream.
    for junk in [&b"x"[..], b"endobj\n12 0 obj\n(", b"q endobj 3 0 obj [[[ "] {
        let file = padded(&nodes, 3, junk);
        assert!(file.len() > SPLIT_FROM);
        let one = scan_file(&file, &Sequential).unwrap();
        let (two, halves) = scan_halves(&file, &Threads::available()).unwrap();
        assert_eq!(
            findings(&one),
            findings(&two),
            "{:?}",
            String::from_utf8_lossy(junk)
        );
        let pages: Vec<u32> = findings(&one)
            .0
            .iter()
            .filter(|o| o.1)
            .map(|o| o.0)
            .collect();
        assert_eq!(pages, [2, 5]);
        assert_eq!(one.objects.map[&2].kids, [5]);
        // Split only where the padding's stream ends.
        assert_eq!(halves, junk == b"x");
    }
    // Where the middle of the file is the padding's stream, the split
    // is made after it.
    assert!(middle(&padded(&nodes, 3, b"x")).is_some());
}

#[test]
fn the_first_object_too_deep_is_named_whichever_half_it_is_in() {
    let deep = |n: u32| {
        (
            n,
            format!("<< /X {}{} >>", "[".repeat(600), "]".repeat(600)),
        )
    };
    let fine = (1, "<< /Type /Catalog >>".to_string());
    for (nodes, at, want) in [
        (vec![fine.clone(), deep(5)], 1, 5),
        (vec![deep(6), fine.clone()], 1, 6),
        (vec![deep(6), deep(5)], 1, 6),
    ] {
        let file = padded(&nodes, at, b"x");
        for exec in [&Sequential as &dyn Executor, &Threads::available()] {
            let err = check(&file, 1 << 24, exec).unwrap_err();
            assert_eq!(err, format!("object {want} nests deeper than 512 levels"));
        }
    }
}
