//! The file's own structure, checked before the parser opens it: its
//! objects' nesting (outside streams, and inside object streams) and its
//! page tree, which the parser walks by recursion when it opens the file.
//!
//! A file failing here is refused as a whole: the parser would overflow its
//! stack (or build millions of pages) before any page could be read.

use std::collections::{HashMap, HashSet};

use hayro_syntax::object::{FromBytes, Stream};

use super::bound;
use super::nesting::{is_white, Lexer, Token, MAX_DEPTH};
use crate::exec::{self, Executor};

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
///
/// The file's syntax is scanned in two halves side by side on `exec`'s
/// workers where it is large and has an object header near its middle that
/// the first half's scan verifiably reaches outside any string, stream or
/// nesting (see [`scan_file`]); else in one pass.
///
/// What it gives back: how many pages the largest page tree in the file
/// lists, as its syntax says (without the cross-reference table), which
/// tells a file whose table hides some of its pages.
pub fn check(bytes: &[u8], limit: u64, exec: &dyn Executor) -> Result<u64, String> {
    let File {
        mut objects,
        streams,
        hidden,
    } = scan_file(bytes, exec).map_err(|number| too_deep(number, false))?;
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
            if scan(obj, &mut objects, Some(number), None, None).is_err() {
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

/// What the scan of the file's syntax keeps: the page tree's objects, the
/// object streams' spans, and the spans not read as syntax.
struct File {
    objects: Objects,
    streams: Vec<(usize, usize)>,
    hidden: Vec<(usize, usize)>,
}

/// Below this size a file is scanned in one pass (a worker's start costs
/// more than the half it would scan).
const SPLIT_FROM: usize = 1 << 20;

/// Scans the file's syntax ([`scan`]), in two halves at once where
/// [`middle`] finds an object header to split at and there are two
/// workers. The second half is scanned from that header as from a file's
/// start; that holds only if the scan of the first half, read alone, ends
/// with that header's preceding `endobj` outside any string, comment,
/// stream or nesting: a scan reads each byte the same whatever follows its
/// token, so the whole file's scan is then in the same state there. When
/// the first half does not end so (the header is inside a stream or a
/// string), the file is scanned again in one pass. `Err` as [`scan`]'s,
/// for the first object, in file order, that nests too deep.
fn scan_file(bytes: &[u8], exec: &dyn Executor) -> Result<File, Option<u32>> {
    scan_halves(bytes, exec).map(|(file, _)| file)
}

/// [`scan_file`], and whether the file was scanned in two halves.
fn scan_halves(bytes: &[u8], exec: &dyn Executor) -> Result<(File, bool), Option<u32>> {
    let whole = || {
        let mut objects = Objects::default();
        let mut streams = Vec::new();
        let end = scan(bytes, &mut objects, None, Some(&mut streams), None)?;
        let file = File {
            objects,
            streams,
            hidden: end.hidden,
        };
        Ok((file, false))
    };
    let Some((endobj, split)) = middle(bytes).filter(|_| exec.workers() > 1) else {
        return whole();
    };
    let half = |data: &[u8], defined: bool| {
        let mut objects = Objects::default();
        let mut streams = Vec::new();
        let mut numbers = Vec::new();
        let numbers_of = defined.then_some(&mut numbers);
        let end = scan(data, &mut objects, None, Some(&mut streams), numbers_of);
        end.map(|end| (objects, streams, end, numbers))
    };
    let (first, second) = exec::join(
        exec,
        || half(&bytes[..split], false),
        || half(&bytes[split..], true),
    );
    let (Some(first), Some(second)) = (first, second) else {
        return whole();
    };
    // The first half's error is the whole file's first one.
    let (mut objects, mut streams, end, _) = first?;
    if end.depth != 0
        || end.last_word != Some(endobj)
        || end.hidden.last().is_some_and(|h| h.1 > endobj)
    {
        return whole();
    }
    let (later, later_streams, later_end, defined) = second?;
    // A later definition of an object replaces an earlier one.
    for n in defined {
        objects.map.remove(&n);
    }
    objects.map.extend(later.map);
    objects.array_refs.extend(later.array_refs);
    streams.extend(
        later_streams
            .into_iter()
            .map(|(a, b)| (a + split, b + split)),
    );
    let mut hidden = end.hidden;
    hidden.extend(
        later_end
            .hidden
            .into_iter()
            .map(|(a, b)| (a + split, b + split)),
    );
    let file = File {
        objects,
        streams,
        hidden,
    };
    Ok((file, true))
}

/// An object header (`N G obj`, after an `endobj` and white space) near the
/// middle of a large file: (where that `endobj` ends, where the header
/// starts).
fn middle(bytes: &[u8]) -> Option<(usize, usize)> {
    if bytes.len() < SPLIT_FROM {
        return None;
    }
    let mut from = bytes.len() / 2;
    // A few candidates: an `endobj` inside a stream's data may be followed
    // by anything.
    for _ in 0..64 {
        let at = from + super::nesting::find(&bytes[from..], b"endobj")?;
        let end = at + b"endobj".len();
        from = end;
        if at > 0 && !super::nesting::is_delimiter_or_white(bytes[at - 1]) {
            continue;
        }
        let rest = &bytes[end..];
        let white = rest.iter().take_while(|&&c| is_white(c)).count();
        if white > 0 && is_header(&rest[white..]) {
            return Some((end, end + white));
        }
    }
    None
}

/// Whether `data` starts with an object header: `N G obj` and a delimiter
/// or white space.
fn is_header(data: &[u8]) -> bool {
    let mut k = 0;
    for _ in 0..2 {
        let digits = data[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        let white = data[k + digits..]
            .iter()
            .take_while(|&&c| is_white(c))
            .count();
        if digits == 0 || digits > 10 || white == 0 {
            return false;
        }
        k += digits + white;
    }
    data[k..].starts_with(b"obj")
        && data
            .get(k + 3)
            .is_none_or(|&c| super::nesting::is_delimiter_or_white(c))
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

/// How a scan of file syntax ended.
struct End {
    /// The spans not read as syntax (strings, comments, stream data).
    hidden: Vec<(usize, usize)>,
    /// Where the last word read ends.
    last_word: Option<usize>,
    /// How deep the nesting is at the end.
    depth: usize,
}

/// Scans file syntax, noting each object's page-tree entries by its number
/// (`N G obj`, or `number` for an object of an object stream). With
/// `streams`, notes where each object stream's object (from its dictionary
/// to `endstream`) lies; with `defined`, the number of each object defined
/// (`N G obj`), in order. Returns how the scan ended, or `Err(the object's
/// number, if known)` when the nesting passes [`MAX_DEPTH`].
fn scan(
    data: &[u8],
    objects: &mut Objects,
    number: Option<u32>,
    streams: Option<&mut Vec<(usize, usize)>>,
    defined: Option<&mut Vec<u32>>,
) -> Result<End, Option<u32>> {
    let mut lexer = Lexer::file(data);
    let mut state = Scan {
        objects,
        streams,
        defined,
        base: data.as_ptr() as usize,
        len: data.len(),
        current: number,
        body_start: 0,
        prev: [b"", b""],
        key: b"",
        type_key: false,
        obj_stream: false,
        kids_at: None,
        depth: 0,
        array_object: false,
        last_word: None,
    };
    lexer.run(
        #[inline(always)]
        |t| state.token(t),
    );
    if lexer.too_deep() {
        return Err(state.current);
    }
    Ok(End {
        hidden: lexer.hidden().to_vec(),
        last_word: state.last_word.map(|w| end_of(state.base, w)),
        depth: state.depth,
    })
}

/// What [`scan`] keeps between tokens.
struct Scan<'a, 'o> {
    objects: &'o mut Objects,
    streams: Option<&'o mut Vec<(usize, usize)>>,
    defined: Option<&'o mut Vec<u32>>,
    /// Where the scanned bytes start in memory, and how many there are.
    base: usize,
    len: usize,
    /// The number of the object being read.
    current: Option<u32>,
    /// Where the object's body starts (after `obj`).
    body_start: usize,
    /// The last two words, for `N G obj` and `N G R`.
    prev: [&'a [u8]; 2],
    /// The last name read (a dictionary's key, perhaps).
    key: &'a [u8],
    /// The last word was `/Type`.
    type_key: bool,
    /// The object is an object stream (`/Type /ObjStm`).
    obj_stream: bool,
    /// The depth of the `/Kids` array being read.
    kids_at: Option<usize>,
    depth: usize,
    /// The current object is an array (its refs are kept at depth 1).
    array_object: bool,
    last_word: Option<&'a [u8]>,
}

impl<'a> Scan<'a, '_> {
    #[inline(always)]
    fn token(&mut self, t: Token<'a>) {
        match t {
            // Most words are numbers: nothing to look at but their place.
            Token::Word(w) if w.first().is_some_and(u8::is_ascii_digit) => self.type_key = false,
            Token::Word(w @ b"obj") => self.header(w),
            Token::Word(b"R") => self.reference(),
            Token::Word(w) if w.first() == Some(&b'/') => {
                if self.type_key {
                    if let Some(c) = self.current.filter(|_| w == b"/Pages") {
                        self.objects.map.entry(c).or_default().pages = true;
                    }
                    self.obj_stream |= w == b"/ObjStm";
                }
                self.type_key = w == b"/Type";
                self.key = w;
            }
            Token::Word(_) => self.type_key = false,
            Token::Open(d) => {
                self.depth = d;
                self.type_key = false;
                if self.key == b"/Kids" && self.kids_at.is_none() {
                    self.kids_at = Some(d);
                }
                if d == 1 && self.prev[1] == b"obj" {
                    self.array_object = true;
                }
                self.key = b"";
            }
            Token::Close => {
                if self.kids_at == Some(self.depth) {
                    self.kids_at = Some(usize::MAX);
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Token::Data(d) => self.data(d),
        }
        if let Token::Word(w) = t {
            self.prev = [self.prev[1], w];
            self.last_word = Some(w);
        } else if t != Token::Close {
            self.prev = [self.prev[1], b"["];
        }
    }

    /// `obj`: an object's header ends.
    fn header(&mut self, w: &[u8]) {
        // A later definition replaces an earlier one (an update).
        self.current = number_of(self.prev[0]);
        if let Some(n) = self.current.filter(|_| !self.objects.map.is_empty()) {
            self.objects.map.remove(&n);
        }
        if let (Some(n), Some(d)) = (self.current, self.defined.as_deref_mut()) {
            d.push(n);
        }
        self.body_start = end_of(self.base, w);
        self.obj_stream = false;
        self.kids_at = None;
        self.array_object = false;
        self.key = b"";
    }

    /// `R`: a reference, kept where it is a page-tree entry.
    fn reference(&mut self) {
        let kids = self.kids_at == Some(self.depth);
        let kids_ref = !kids && self.key == b"/Kids" && self.depth > 0 && self.kids_at.is_none();
        let refs = !kids && !kids_ref && self.array_object && self.depth == 1;
        if !(kids || kids_ref || refs) {
            return;
        }
        if let (Some(c), Some(n), Some(_)) = (
            self.current,
            number_of(self.prev[0]),
            number_of(self.prev[1]),
        ) {
            if refs {
                self.objects.array_refs.push((c, n));
            } else {
                let obj = self.objects.map.entry(c).or_default();
                if kids {
                    obj.kids.push(n);
                } else {
                    obj.kids_ref = Some(n);
                }
            }
        }
    }

    /// A stream's data: an object stream's span is kept.
    fn data(&mut self, d: &[u8]) {
        if self.obj_stream {
            if let Some(s) = self.streams.as_deref_mut() {
                let end = (d.as_ptr() as usize - self.base + d.len() + 9).min(self.len);
                s.push((self.body_start, end));
            }
        }
        self.obj_stream = false;
    }
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
    if word.is_empty() || word.len() > 10 {
        return None;
    }
    // Ten digits at most: the value fits in 64 bits.
    let mut n = 0u64;
    for &d in word {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(d - b'0');
    }
    u32::try_from(n).ok()
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
/// of `/Type /Pages` are walked in turn, each other kid is a page. Gives
/// the most pages any node lists.
fn page_tree(objects: &Objects) -> Result<u64, String> {
    // Each node's kids, through an array object where `/Kids` refers to one
    // (only those arrays' references are kept: a tagged file's structure
    // tree has many more).
    let referred: HashSet<u32> = objects
        .map
        .values()
        .filter(|o| o.kids.is_empty())
        .filter_map(|o| o.kids_ref)
        .collect();
    let mut arrays: Vec<(u32, u32)> = objects
        .array_refs
        .iter()
        .filter(|(a, _)| referred.contains(a))
        .copied()
        .collect();
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
    let mut most = 0;
    for (&n, o) in &objects.map {
        if o.pages && !known.contains_key(&n) {
            most = most.max(walk(n, &graph, &mut known, &mut vec![n])?.pages);
        }
    }
    Ok(most)
}

/// The page tree: which objects are nodes, and each one's kids.
struct Graph<'a> {
    pages: &'a HashMap<u32, Object>,
    kids: &'a HashMap<u32, Vec<u32>>,
}

/// What a page-tree node holds: how many entries the parser visits under
/// it (pages and nodes, a kid listed twice counted twice, a loop counted
/// where the parser stops at it), how many of them are pages, and how many
/// levels of nodes, itself included.
#[derive(Clone, Copy)]
struct Tree {
    entries: u64,
    pages: u64,
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
        pages: 0,
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
        pages: 0,
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
            Some(o) if o.pages => LEAF,
            _ => Tree { pages: 1, ..LEAF },
        };
        tree.entries = tree.entries.saturating_add(sub.entries).saturating_add(1);
        tree.pages = tree.pages.saturating_add(sub.pages);
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
mod tests;
