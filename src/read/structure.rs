//! The file's own structure, checked before the parser opens it: its
//! objects' nesting (outside streams, and inside object streams) and its
//! page tree, which the parser walks by recursion when it opens the file.
//!
//! A file failing here is refused as a whole: the parser would overflow its
//! stack (or build millions of pages) before any page could be read.

use std::collections::HashMap;

use hayro_syntax::object::{FromBytes, Stream};

use super::bound;
use super::nesting::{is_white, Lexer, Token, MAX_DEPTH};

/// How deep a page tree may nest (`/Pages` inside `/Pages`). Real trees
/// nest a few levels; the parser spends a stack frame and a copy of the
/// inherited resources per level and page.
pub const MAX_TREE_DEPTH: usize = 256;

/// How many pages and nodes a page tree may list, counting a kid listed
/// twice as often as it is listed (a tree whose nodes list the same kids
/// twice doubles at each level).
pub const MAX_PAGES: u64 = 100_000;

/// What the scan keeps of one object.
#[derive(Debug, Default)]
struct Object {
    /// It is a page-tree node (`/Type /Pages`).
    pages: bool,
    /// The objects its `/Kids` array refers to.
    kids: Vec<u32>,
    /// Its `/Kids` is a reference to an array object.
    kids_ref: Option<u32>,
}

/// What the scan keeps of the file: the objects of the page tree, and the
/// references in array objects (`(array, referred)`), which a `/Kids` may
/// be.
#[derive(Debug, Default)]
struct Objects {
    map: HashMap<u32, Object>,
    array_refs: Vec<(u32, u32)>,
}

/// Checks the file's syntax before it is opened: no object nests deeper
/// than [`MAX_DEPTH`] levels — outside streams, where a repair of the file
/// would read ([`check_hidden`]), or in an object stream (each decoded
/// within `limit` bytes) — and the page tree neither nests deeper than
/// [`MAX_TREE_DEPTH`] nor lists more than [`MAX_PAGES`] pages and nodes.
/// The reason, as a sentence, when it fails.
pub fn check(bytes: &[u8], limit: u64) -> Result<(), String> {
    let mut objects = Objects::default();
    let mut streams: Vec<(usize, usize)> = Vec::new();
    let hidden = match scan(bytes, &mut objects, None, Some(&mut streams)) {
        Ok(hidden) => hidden,
        Err(number) => return Err(too_deep(number, false)),
    };
    check_hidden(bytes, &hidden)?;
    for (start, end) in streams {
        let body = &bytes[start..end];
        let body = &body[body.iter().take_while(|&&c| is_white(c)).count()..];
        let Some(stream) = Stream::from_bytes(body) else {
            continue;
        };
        if !bound::within(&stream, limit) {
            return Err(crate::msg!("read-object-stream-too-large", mib = limit >> 20).to_string());
        }
        let Ok(data) = stream.decoded() else {
            continue;
        };
        let first = stream.dict().get::<usize>(b"First".as_slice());
        for (number, obj) in object_stream(&data, first) {
            if scan(obj, &mut objects, Some(number), None).is_err() {
                return Err(too_deep(Some(number), true));
            }
        }
        // Objects read otherwise than by the head (overlapping, out of
        // order, between): the whole stream is within the bound too.
        let mut whole = Lexer::file(&data);
        whole.run(|_| {});
        if whole.too_deep() {
            return Err(crate::msg!("read-object-stream-too-deep", levels = MAX_DEPTH).to_string());
        }
    }
    page_tree(&objects)
}

/// Object `number` (none: an unnumbered one) nests too deep; `in_stream`
/// when it is an object of an object stream.
fn too_deep(number: Option<u32>, in_stream: bool) -> String {
    crate::msg!(
        "read-object-too-deep",
        number = number.unwrap_or(0),
        in_stream = if in_stream { "yes" } else { "no" },
        levels = MAX_DEPTH
    )
    .to_string()
}

/// Scans file syntax, noting each object's page-tree entries by its number
/// (`N G obj`, or `number` for an object of an object stream). With
/// `streams`, notes where each object stream's object (from its dictionary
/// to `endstream`) lies. Returns the spans not read as syntax (strings,
/// comments, stream data), or `Err(the object's number, if known)` when the
/// nesting passes [`MAX_DEPTH`].
fn scan(
    data: &[u8],
    objects: &mut Objects,
    number: Option<u32>,
    mut streams: Option<&mut Vec<(usize, usize)>>,
) -> Result<Vec<(usize, usize)>, Option<u32>> {
    let mut lexer = Lexer::file(data);
    let mut current = number;
    let mut body_start = 0usize;
    // The last two words, for `N G obj` and `N G R`.
    let mut prev: [&[u8]; 2] = [b"", b""];
    let mut key: &[u8] = b"";
    let mut type_key = false;
    let mut obj_stream = false;
    // The depth of the `/Kids` array being read, and whether the current
    // object is an array (its refs are kept at depth 1).
    let mut kids_at: Option<usize> = None;
    let mut depth = 0usize;
    let mut array_object = false;
    let base = data.as_ptr() as usize;
    lexer.run(|t| {
        match t {
            Token::Word(w @ b"obj") => {
                // A later definition replaces an earlier one (an update).
                current = number_of(prev[0]);
                if let Some(n) = current.filter(|_| !objects.map.is_empty()) {
                    objects.map.remove(&n);
                }
                body_start = end_of(base, w);
                obj_stream = false;
                kids_at = None;
                array_object = false;
            }
            Token::Word(b"R") => {
                let kids = kids_at == Some(depth);
                let kids_ref = !kids && key == b"/Kids" && depth > 0 && kids_at.is_none();
                let refs = !kids && !kids_ref && array_object && depth == 1;
                if let (true, Some(c), Some(n), Some(_)) = (
                    kids || kids_ref || refs,
                    current,
                    number_of(prev[0]),
                    number_of(prev[1]),
                ) {
                    if refs {
                        objects.array_refs.push((c, n));
                    } else {
                        let obj = objects.map.entry(c).or_default();
                        if kids {
                            obj.kids.push(n);
                        } else {
                            obj.kids_ref = Some(n);
                        }
                    }
                }
            }
            Token::Word(w) if w.first() == Some(&b'/') => {
                if type_key {
                    if let Some(c) = current.filter(|_| w == b"/Pages") {
                        objects.map.entry(c).or_default().pages = true;
                    }
                    obj_stream |= w == b"/ObjStm";
                }
                type_key = w == b"/Type";
                key = w;
            }
            Token::Word(_) => type_key = false,
            Token::Open(d) => {
                depth = d;
                type_key = false;
                if key == b"/Kids" && kids_at.is_none() {
                    kids_at = Some(d);
                }
                if d == 1 && prev[1] == b"obj" {
                    array_object = true;
                }
                key = b"";
            }
            Token::Close => {
                if kids_at == Some(depth) {
                    kids_at = Some(usize::MAX);
                }
                depth = depth.saturating_sub(1);
            }
            Token::Data(d) => {
                if obj_stream {
                    if let Some(s) = streams.as_deref_mut() {
                        let end = (d.as_ptr() as usize - base + d.len() + 9).min(data.len());
                        s.push((body_start, end));
                    }
                }
                obj_stream = false;
            }
        }
        if let Token::Word(w) = t {
            prev = [prev[1], w];
        } else if t != Token::Close {
            prev = [prev[1], b"["];
        }
    });
    if lexer.too_deep() {
        return Err(current);
    }
    Ok(lexer.hidden().to_vec())
}

/// Checks what the parser may read inside the spans the scan did not read
/// as syntax (strings, comments, stream data). Repairing a damaged file,
/// the parser looks for objects everywhere: it reads a dictionary at each
/// `<<` after white space and an object after each `N G obj`, wherever they
/// are; a cross-reference table may point into such a span too. Each such
/// place is scanned as the parser would read its object; all of them
/// together are scanned for at most 16 times the file's size (64 MiB at
/// least), the file refused beyond.
fn check_hidden(bytes: &[u8], hidden: &[(usize, usize)]) -> Result<(), String> {
    let budget = (bytes.len() as u64).saturating_mul(16).max(64 << 20);
    let mut spent = 0u64;
    for &(start, end) in hidden {
        let span = &bytes[start..end];
        let mut k = 0;
        while k < span.len() {
            let from = match span[k] {
                b'<' if span.get(k + 1) == Some(&b'<')
                    && (start + k)
                        .checked_sub(1)
                        .is_some_and(|p| is_white(bytes[p])) =>
                {
                    Some(start + k)
                }
                b'o' if span[k..].starts_with(b"obj") => Some(start + k + 3),
                _ => None,
            };
            k += 1;
            let Some(from) = from else {
                continue;
            };
            let mut lexer = Lexer::one_object(&bytes[from..]);
            lexer.run(|_| {});
            if lexer.too_deep() {
                return Err(
                    crate::msg!("read-hidden-too-deep", levels = MAX_DEPTH, at = from).to_string(),
                );
            }
            spent += lexer.position() as u64;
            if spent > budget {
                return Err(crate::msg!("read-hidden-too-many").to_string());
            }
        }
    }
    Ok(())
}

fn number_of(word: &[u8]) -> Option<u32> {
    if word.is_empty() || word.len() > 10 || !word.iter().all(u8::is_ascii_digit) {
        return None;
    }
    word.iter().try_fold(0u32, |n, &d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// Where the word `w` (a slice of the data at `base`) ends.
fn end_of(base: usize, w: &[u8]) -> usize {
    (w.as_ptr() as usize).saturating_sub(base) + w.len()
}

/// The objects of a decoded object stream: `(number, its bytes)`, from the
/// pairs of numbers at its head, which ends at `first` (`/First`).
fn object_stream(data: &[u8], first: Option<usize>) -> Vec<(u32, &[u8])> {
    // Without `/First`, the head ends at the first word that is not a
    // number.
    let data_head = &data[..first.unwrap_or(data.len()).min(data.len())];
    let mut head: Vec<(u32, usize)> = Vec::new();
    let words = data_head.split(|&c| is_white(c)).filter(|w| !w.is_empty());
    let mut first = first.filter(|&f| f <= data.len());
    let mut number: Option<u32> = None;
    for w in words {
        match (number.take(), number_of(w)) {
            (None, Some(n)) => number = Some(n),
            (Some(n), Some(off)) => head.push((n, off as usize)),
            _ => {
                first = first.or(Some(w.as_ptr() as usize - data.as_ptr() as usize));
                break;
            }
        }
    }
    let Some(first) = first else {
        return Vec::new();
    };
    // The offsets count from the first object; the head is read up to it.
    let start = |off: usize| first.saturating_add(off);
    let mut out = Vec::with_capacity(head.len());
    for (i, &(n, off)) in head.iter().enumerate() {
        let from = start(off).min(data.len());
        let to = head
            .get(i + 1)
            .map_or(data.len(), |h| start(h.1))
            .clamp(from, data.len());
        out.push((n, &data[from..to]));
    }
    out
}

/// Checks the page tree as the parser walks it: from each node, its kids
/// of `/Type /Pages` are walked in turn, each other kid is a page.
fn page_tree(objects: &Objects) -> Result<(), String> {
    // Each node's kids, through an array object where `/Kids` refers to one.
    let mut arrays = objects.array_refs.clone();
    arrays.sort_unstable();
    let mut kids: HashMap<u32, Vec<u32>> = HashMap::new();
    for (&n, o) in &objects.map {
        match o.kids_ref {
            Some(r) if o.kids.is_empty() => {
                let from = arrays.partition_point(|&(a, _)| a < r);
                let refs = arrays[from..].iter().take_while(|&&(a, _)| a == r);
                kids.insert(n, refs.map(|&(_, k)| k).collect());
            }
            _ => {
                kids.insert(n, o.kids.clone());
            }
        }
    }
    let graph = Graph {
        pages: &objects.map,
        kids: &kids,
    };
    let mut known: HashMap<u32, Tree> = HashMap::new();
    for (&n, o) in &objects.map {
        if o.pages && !known.contains_key(&n) {
            walk(n, &graph, &mut known, &mut vec![n])?;
        }
    }
    Ok(())
}

/// The page tree: which objects are nodes, and each one's kids.
struct Graph<'a> {
    pages: &'a HashMap<u32, Object>,
    kids: &'a HashMap<u32, Vec<u32>>,
}

/// What a page-tree node holds: how many entries the parser visits under
/// it (pages and nodes, a kid listed twice counted twice, a loop counted
/// where the parser stops at it) and how many levels of nodes, itself
/// included.
#[derive(Clone, Copy)]
struct Tree {
    entries: u64,
    levels: usize,
}

/// Walks the node `n` on the `path` from where the walk began, by
/// recursion no deeper than [`MAX_TREE_DEPTH`]. A node met again on its own
/// path is a loop, which the parser stops at: it counts once.
fn walk(
    n: u32,
    graph: &Graph<'_>,
    known: &mut HashMap<u32, Tree>,
    path: &mut Vec<u32>,
) -> Result<Tree, String> {
    const LEAF: Tree = Tree {
        entries: 0,
        levels: 0,
    };
    if let Some(&t) = known.get(&n) {
        return Ok(t);
    }
    let Some(kids) = graph.kids.get(&n) else {
        return Ok(LEAF);
    };
    let mut tree = Tree {
        entries: 0,
        levels: 1,
    };
    for &k in kids {
        let sub = match graph.pages.get(&k) {
            Some(o) if o.pages && !path.contains(&k) => {
                if path.len() > MAX_TREE_DEPTH {
                    return Err(deeper(k));
                }
                path.push(k);
                let sub = walk(k, graph, known, path)?;
                path.pop();
                sub
            }
            _ => LEAF,
        };
        tree.entries = tree.entries.saturating_add(sub.entries).saturating_add(1);
        tree.levels = tree.levels.max(sub.levels + 1);
        if tree.levels > MAX_TREE_DEPTH {
            return Err(deeper(n));
        }
        if tree.entries > MAX_PAGES {
            return Err(
                crate::msg!("read-page-tree-too-many", pages = MAX_PAGES, number = n).to_string(),
            );
        }
    }
    known.insert(n, tree);
    Ok(tree)
}

fn deeper(n: u32) -> String {
    crate::msg!(
        "read-page-tree-too-deep",
        levels = MAX_TREE_DEPTH,
        number = n
    )
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            check(&file, 1 << 24).unwrap_err(),
            "object 5 nests deeper than 512 levels"
        );
        let fine = format!("<< /X {}{} >>", "[".repeat(500), "]".repeat(500));
        assert!(check(&tree(&[(5, &fine)]), 1 << 24).is_ok());
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
        let err = check(&chain(300, false, false), 1 << 24).unwrap_err();
        assert!(err.contains("page tree nests deeper than 256"), "{err}");
        assert!(check(&chain(250, false, false), 1 << 24).is_ok());
        // Nodes listing the same kid twice, 20 levels deep, looping back to
        // the root at the bottom or not.
        for back in [false, true] {
            let err = check(&chain(20, true, back), 1 << 24).unwrap_err();
            assert!(err.contains("more than 100000 pages and nodes"), "{err}");
        }
        assert!(check(&chain(10, true, true), 1 << 24).is_ok());
        // A loop is the parser's to stop; kids through an array object.
        let ok = tree(&[
            (2, "<< /Type /Pages /Kids 3 0 R >>"),
            (3, "[4 0 R 2 0 R]"),
            (4, "<< /Type /Page >>"),
        ]);
        assert!(check(&ok, 1 << 24).is_ok());
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
}
