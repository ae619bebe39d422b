//! The nesting bound: how deep arrays (`[`) and dictionaries (`<<`) nest in
//! PDF syntax, measured by a flat scan before the parser sees the bytes.
//!
//! The parser (hayro-syntax) reads a nested array or dictionary by
//! recursion, one stack frame per level, without a limit of its own: a few
//! tens of thousands of `[` overflow a thread's stack and abort the whole
//! process. poppler and MuPDF stop at a nesting limit; so does perfprog,
//! by scanning every piece of syntax the reader will parse — the file's
//! objects ([`super::structure`]), content streams, forms, patterns and
//! Type 3 glyphs ([`super::check`]) — with [`Lexer`], which keeps no stack
//! frames, and refusing what nests deeper than [`MAX_DEPTH`].
//!
//! The scan reads the syntax as the parser does (strings with their
//! escapes and nested parentheses, hex strings, comments, inline images,
//! stream data), and wherever the two could disagree it counts more
//! levels, never fewer: a closer of the other kind (`[ >>`) does not close,
//! and text that the parser may take for the end of an inline image (`EI`)
//! is scanned as syntax even inside a string or a comment.

/// The deepest nesting read: far beyond any real document (which nest a
/// few levels), far below what overflows a 2 MiB thread stack (some tens
/// of thousands of levels).
pub const MAX_DEPTH: usize = 512;

/// One token of the scan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Token<'a> {
    /// A number, keyword, operator or name (with its `/`).
    Word(&'a [u8]),
    /// `[` or `<<`, with the depth it opens.
    Open(usize),
    /// A `]` or `>>` closing the innermost open array or dictionary.
    Close,
    /// A stream's data (file syntax only), between `stream` and `endstream`.
    Data(&'a [u8]),
}

/// A flat scanner of PDF syntax: tokens to a visitor, and the deepest
/// nesting reached. It stops as soon as the nesting passes [`MAX_DEPTH`].
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// The open arrays (`[`) and dictionaries (`<`), innermost last; never
    /// longer than `MAX_DEPTH + 1`.
    open: Vec<u8>,
    deepest: usize,
    /// A content stream: inline images (`BI … ID … EI`) are skipped, and
    /// `stream` is no keyword.
    content: bool,
    /// An inline image was skipped: `EI` in a string or comment may be where
    /// the parser resumes.
    after_image: bool,
    /// `BI` was seen and its `ID` not yet.
    in_image_dict: bool,
    /// File syntax: the spans the scan did not read as syntax (strings,
    /// comments, stream data), for [`super::structure`] to look into.
    hidden: Vec<(usize, usize)>,
    /// Stop after one object, as the parser reads one: when its first
    /// token is a word, or when what it opened is closed; and where the
    /// parser gives up (a hex string not closed by `>`).
    one: bool,
    /// The scan stopped where the parser stops (`one`).
    done: bool,
}

impl<'a> Lexer<'a> {
    /// A scanner of a content stream (a page's, a form's, a pattern's, a
    /// Type 3 glyph's).
    pub fn content(data: &'a [u8]) -> Self {
        Self::new(data, true)
    }

    /// A scanner of file syntax (objects, object streams).
    pub fn file(data: &'a [u8]) -> Self {
        Self::new(data, false)
    }

    fn new(data: &'a [u8], content: bool) -> Self {
        Lexer {
            data,
            pos: 0,
            open: Vec::new(),
            deepest: 0,
            content,
            after_image: false,
            in_image_dict: false,
            hidden: Vec::new(),
            one: false,
            done: false,
        }
    }

    /// A scanner of the one object of file syntax at the start of `data`,
    /// as the parser reads it from there.
    pub fn one_object(data: &'a [u8]) -> Self {
        Lexer {
            one: true,
            ..Self::new(data, false)
        }
    }

    /// Where the scan stopped.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The spans of file syntax not read as syntax (strings, comments,
    /// stream data).
    pub fn hidden(&self) -> &[(usize, usize)] {
        &self.hidden
    }

    /// The deepest nesting reached so far.
    pub fn deepest(&self) -> usize {
        self.deepest
    }

    /// Whether the nesting passed [`MAX_DEPTH`].
    pub fn too_deep(&self) -> bool {
        self.deepest > MAX_DEPTH
    }

    /// Scans to the end (or until too deep), giving each token to `visit`.
    pub fn run(&mut self, mut visit: impl FnMut(Token<'a>)) {
        let data = self.data;
        while self.pos < data.len() && !self.too_deep() && !self.done {
            // Regular bytes (words) and white space first: most of a file.
            match CLASS[usize::from(data[self.pos])] {
                0 => self.word(&mut visit),
                WHITE => {
                    self.pos += 1;
                    while self.pos < data.len() && is_white(data[self.pos]) {
                        self.pos += 1;
                    }
                }
                _ => self.delimiter(&mut visit),
            }
        }
    }

    /// The delimiter at the scan's place: what it opens, closes or skips
    /// (a name's `/` starts a word).
    fn delimiter(&mut self, visit: &mut impl FnMut(Token<'a>)) {
        let data = self.data;
        let b = data[self.pos];
        let next = data.get(self.pos + 1).copied();
        match b {
            b'%' => {
                let end = comment_end(data, self.pos);
                self.pos = self.resume(self.pos, end);
            }
            b'(' => {
                let end = literal_end(data, self.pos);
                self.pos = self.resume(self.pos, end);
            }
            b'<' if next == Some(b'<') => {
                self.pos += 2;
                self.push(b'<', visit);
            }
            b'<' => {
                let (end, closed) = hex_end(data, self.pos);
                // The parser gives up on a hex string not closed by `>`.
                self.done |= self.one && !closed;
                self.pos = self.resume(self.pos, end);
            }
            b'>' if next == Some(b'>') => {
                self.pos += 2;
                self.pop(b'<', visit);
            }
            b'[' => {
                self.pos += 1;
                self.push(b'[', visit);
            }
            b']' => {
                self.pos += 1;
                self.pop(b'[', visit);
            }
            b')' | b'>' | b'{' | b'}' => self.pos += 1,
            _ => self.word(visit),
        }
    }

    fn push(&mut self, kind: u8, visit: &mut impl FnMut(Token<'a>)) {
        self.open.push(kind);
        self.deepest = self.deepest.max(self.open.len());
        visit(Token::Open(self.open.len()));
    }

    fn pop(&mut self, kind: u8, visit: &mut impl FnMut(Token<'a>)) {
        if self.open.last() == Some(&kind) {
            self.open.pop();
            visit(Token::Close);
            self.done |= self.one && self.open.is_empty();
        }
    }

    /// A regular token (a name keeps its `/`), then what it starts: an
    /// inline image's data after `ID`, a stream's data after `stream`.
    #[inline(always)]
    fn word(&mut self, visit: &mut impl FnMut(Token<'a>)) {
        let data = self.data;
        let start = self.pos;
        let mut end = start + 1;
        while end < data.len() && CLASS[usize::from(data[end])] == 0 {
            end += 1;
        }
        self.pos = end;
        let word = &data[start..end];
        visit(Token::Word(word));
        if self.one {
            self.done |= self.open.is_empty();
        }
        match word {
            b"BI" if self.content => self.in_image_dict = true,
            b"ID" if self.content && self.in_image_dict => {
                self.in_image_dict = false;
                self.after_image = true;
                self.pos = image_end(data, end);
            }
            b"stream" if !self.content && self.open.is_empty() => {
                let from = match data.get(end..end + 2) {
                    Some(b"\r\n") => end + 2,
                    Some([b'\n' | b'\r', ..]) => end + 1,
                    _ => end,
                };
                let stop = find(&data[from..], b"endstream").map_or(data.len(), |k| from + k);
                visit(Token::Data(&data[from..stop]));
                self.hidden.push((from, stop));
                self.pos = (stop + b"endstream".len()).min(data.len());
            }
            _ => {}
        }
    }

    /// Where scanning resumes after a string or comment `data[start..end]`,
    /// which holds no syntax: at its end — unless, after an inline image, it
    /// holds an `EI` where the parser may take the image to end: from there
    /// on it is scanned as syntax.
    fn resume(&mut self, start: usize, end: usize) -> usize {
        if !self.content {
            self.hidden.push((start, end));
        }
        if !self.after_image {
            return end;
        }
        let span = &self.data[start..end];
        (1..span.len())
            .find(|&k| is_image_end(span, k))
            .map_or(end, |k| start + k + 2)
    }
}

/// Where the parser resumes after an inline image whose data start after
/// `ID` at `from`: after the first `EI` followed by white space (or at the
/// end), as the parser first tries; with no such `EI`, after the last `EI`
/// skipped (the parser skips three bytes at each `EI` followed by anything
/// else, and resumes after the last one).
fn image_end(data: &[u8], id_end: usize) -> usize {
    let from = match data.get(id_end..id_end + 2) {
        Some(b"\r\n") => id_end + 2,
        Some([c, ..]) if is_white(*c) => id_end + 1,
        _ => id_end,
    };
    let mut resume = from;
    let mut at = from;
    while let Some(k) = find(&data[at..], b"EI") {
        let ei = at + k;
        if is_image_end(data, ei) {
            return ei + 2;
        }
        at = (ei + 3).min(data.len());
        resume = at;
    }
    resume
}

/// Whether `EI` at `k` ends an inline image: followed by white space or
/// the end of the data.
fn is_image_end(data: &[u8], k: usize) -> bool {
    data.get(k..k + 2) == Some(b"EI") && data.get(k + 2).is_none_or(|&c| is_white(c))
}

/// The end (exclusive) of the comment starting at `start`: the end of its
/// line.
fn comment_end(data: &[u8], start: usize) -> usize {
    memchr::memchr2(b'\r', b'\n', &data[start..]).map_or(data.len(), |k| start + k)
}

/// The end (exclusive) of the hex string opening at `start`, and whether
/// `>` closes it: anything but hex digits and white space ends it too.
fn hex_end(data: &[u8], start: usize) -> (usize, bool) {
    let from = start + 1;
    let end = data[from..]
        .iter()
        .position(|&c| !c.is_ascii_hexdigit() && !is_white(c))
        .map_or(data.len(), |k| from + k);
    if data.get(end) == Some(&b'>') {
        (end + 1, true)
    } else {
        (end, false)
    }
}

/// The end (exclusive) of the literal string opening at `start`: its
/// parentheses balance, a backslash escapes the next byte.
fn literal_end(data: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < data.len() {
        match data[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    data.len()
}

/// Each byte's class: 0 regular, [`WHITE`] or [`DELIMITER`].
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let white = b" \n\r\t\x0c\0";
    let mut i = 0;
    while i < white.len() {
        t[white[i] as usize] = WHITE;
        i += 1;
    }
    let delimiters = b"()<>[]{}/%";
    let mut i = 0;
    while i < delimiters.len() {
        t[delimiters[i] as usize] = DELIMITER;
        i += 1;
    }
    t
};
const WHITE: u8 = 1;
const DELIMITER: u8 = 2;

/// PDF white space.
pub fn is_white(c: u8) -> bool {
    CLASS[usize::from(c)] == WHITE
}

/// PDF white space or a delimiter: a byte that ends a regular token.
pub fn is_delimiter_or_white(c: u8) -> bool {
    CLASS[usize::from(c)] != 0
}

/// The first position of `needle` in `hay` (memchr's vectorised search:
/// streams are most of a file's bytes, and each is skipped by finding its
/// `endstream`).
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// What a content stream draws: each name given to `Do`, with how many
/// times, and how deep its syntax nests.
#[derive(Debug, Default)]
pub struct ContentScan {
    pub deepest: usize,
    pub draws: Vec<(Vec<u8>, u64)>,
}

impl ContentScan {
    /// Whether the content nests deeper than [`MAX_DEPTH`].
    pub fn too_deep(&self) -> bool {
        self.deepest > MAX_DEPTH
    }
}

/// Scans a content stream: its nesting and the XObjects it draws. A
/// stream with no more than [`MAX_DEPTH`] `[` and `<` bytes cannot nest
/// deeper, and one without `Do` draws nothing: such a stream is not
/// scanned (its `deepest` is then 0).
pub fn scan_content(data: &[u8]) -> ContentScan {
    let openers = memchr::memchr2_iter(b'[', b'<', data).count();
    let draws = find(data, b"Do").is_some();
    if openers <= MAX_DEPTH && !draws {
        return ContentScan::default();
    }
    // Without `Do` nothing is drawn, and without `BI` there is no inline
    // image: only the nesting is wanted, read delimiter by delimiter.
    if !draws && find(data, b"BI").is_none() {
        return ContentScan {
            deepest: depth_of_plain_content(data),
            draws: Vec::new(),
        };
    }
    let mut lexer = Lexer::content(data);
    let mut draws: Vec<(Vec<u8>, u64)> = Vec::new();
    let mut last_name: Option<&[u8]> = None;
    lexer.run(|t| match t {
        Token::Word(w) if w.first() == Some(&b'/') => last_name = Some(&w[1..]),
        Token::Word(b"Do") => {
            if let Some(name) = last_name.take() {
                match draws.iter_mut().find(|(n, _)| n == name) {
                    Some((_, k)) => *k += 1,
                    None => draws.push((name.to_vec(), 1)),
                }
            }
        }
        _ => last_name = None,
    });
    ContentScan {
        deepest: lexer.deepest(),
        draws,
    }
}

/// The deepest nesting of a content stream without inline images, as
/// [`Lexer::content`] reads it (stopping once past [`MAX_DEPTH`]): its
/// words and white space bear on nothing, so only the delimiters are
/// looked at.
fn depth_of_plain_content(data: &[u8]) -> usize {
    let mut open: Vec<u8> = Vec::new();
    let mut deepest = 0;
    let mut i = 0;
    while i < data.len() && deepest <= MAX_DEPTH {
        let b = data[i];
        if CLASS[usize::from(b)] != DELIMITER {
            i += 1;
            continue;
        }
        let next = data.get(i + 1).copied();
        i = match b {
            b'%' => comment_end(data, i),
            b'(' => literal_end(data, i),
            b'<' if next == Some(b'<') => {
                open.push(b'<');
                deepest = deepest.max(open.len());
                i + 2
            }
            b'<' => hex_end(data, i).0,
            b'>' if next == Some(b'>') => {
                if open.last() == Some(&b'<') {
                    open.pop();
                }
                i + 2
            }
            b'[' => {
                open.push(b'[');
                deepest = deepest.max(open.len());
                i + 1
            }
            b']' => {
                if open.last() == Some(&b'[') {
                    open.pop();
                }
                i + 1
            }
            _ => i + 1,
        };
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn depth(data: &[u8]) -> usize {
        let mut lexer = Lexer::content(data);
        lexer.run(|_| {});
        lexer.deepest()
    }

    #[test]
    fn arrays_and_dictionaries_nest() {
        assert_eq!(depth(b"[1 [2 <</A [3]>>]] TJ"), 4);
        assert_eq!(depth(b"[[[ ]]] [[ ]]"), 3);
        let deep = [b"[".repeat(100_000), b"]".repeat(100_000)].concat();
        assert_eq!(depth(&deep), MAX_DEPTH + 1);
    }

    #[test]
    fn strings_comments_and_hex_hide_brackets() {
        assert_eq!(depth(b"[(a[[[\\) (b) [[) <5B5B> % [[[[\n ] TJ"), 1);
        // A hex string ends at anything but hex digits: the rest is syntax.
        assert_eq!(depth(b"<12 [[[ ]]] >"), 3);
    }

    proptest! {
        /// The delimiter-only reading of a stream without inline images
        /// finds the nesting the lexer finds.
        #[test]
        fn plain_content_nests_as_the_lexer_reads_it(
            parts in prop::collection::vec(
                prop::sample::select(vec![
                    "[", "]", "<<", ">>", "<", ">", "(", ")", "\\", "%", "\n", " ",
                    "/N", "<0A>", "<0A", "(a(b)c)", "Tj", "1.5", "{", "}",
                ]),
                0..80,
            ),
        ) {
            let data = parts.concat();
            let mut lexer = Lexer::content(data.as_bytes());
            lexer.run(|_| {});
            prop_assert_eq!(depth_of_plain_content(data.as_bytes()), lexer.deepest());
        }
    }

    #[test]
    fn plain_content_stops_past_the_bound() {
        let deep = "[".repeat(3 * MAX_DEPTH);
        assert_eq!(depth_of_plain_content(deep.as_bytes()), MAX_DEPTH + 1);
        assert!(scan_content(deep.as_bytes()).too_deep());
    }

    #[test]
    fn a_closer_of_the_other_kind_does_not_close() {
        assert_eq!(depth(b"[ >> [ >> [ >> ]"), 3);
        assert_eq!(depth(b"<< ] << ] >> >>"), 2);
    }

    #[test]
    fn inline_images_are_skipped_as_the_parser_does() {
        let img = b"BI /W 1 /H 1 ID [[[[((( EI [ ]";
        assert_eq!(depth(img), 1);
        // No `EI` followed by white space: the parser resumes after the
        // last `EI` it skipped.
        assert_eq!(depth(b"BI /W 1 ID xxEIx [[[["), 4);
        // After an inline image, an `EI` in a string may be where the
        // parser resumes: the rest of the string is scanned.
        assert_eq!(depth(b"BI ID x EI ( EI [[[ )"), 3);
        assert_eq!(depth(b"( EI [[[ )"), 0);
    }

    #[test]
    fn draws_are_counted_by_name() {
        let s = scan_content(b"q /X0 Do Q /X1 Do /X0 Do /Im 5 Do");
        assert_eq!(s.draws, vec![(b"X0".to_vec(), 2), (b"X1".to_vec(), 1)]);
    }

    #[test]
    fn stream_data_is_skipped_in_file_syntax() {
        let file = b"1 0 obj << /Length 5 >> stream\n[[[[[\nendstream endobj 2 0 obj [[ ]] endobj";
        let mut lexer = Lexer::file(file);
        let mut data = Vec::new();
        lexer.run(|t| {
            if let Token::Data(d) = t {
                data.push(d.to_vec())
            }
        });
        assert_eq!(lexer.deepest(), 2);
        assert_eq!(data, vec![b"[[[[[\n".to_vec()]);
    }
}
