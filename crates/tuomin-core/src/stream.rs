//! Bounded-memory scanning and redaction of text that arrives in pieces.
//!
//! [`Scanner::scan`] needs the whole text in memory. A 1 GB export from a
//! case-management system does not fit that model, so this module scans a
//! stream in windows of about one chunk (1 MiB by default) and stitches the
//! results together:
//!
//! * [`StreamScanner`] is fed UTF-8 pieces in order and yields
//!   [`Finding`]s with **absolute** byte offsets (counted from the start of
//!   the whole stream), each exactly once.
//! * [`StreamRedactor`] does the same and also yields the redacted text of
//!   every prefix it has finished with, so a whole file can be redacted
//!   with memory bounded by the chunk size.
//!
//! # How the windows are stitched
//!
//! The window (`buf`) grows until it holds a chunk. Then it is scanned, and
//! the findings that start before a *cut* near its end are final: the cut
//! lies [`StreamScanner::TAIL_BYTES`] before the end of the window, far
//! enough that no finding starting before it can reach past the window,
//! and no decision about it can depend on text beyond the window. The
//! window then keeps [`StreamScanner::LOOKBEHIND_BYTES`] of text before the
//! cut (left context for the next round) plus everything after it; the
//! next round only emits findings that start at or after the cut.
//!
//! The result is identical to scanning the whole text at once as long as
//! the scanner's decisions depend on at most [`Scanner::CONTEXT_BYTES`] of
//! context on either side and no finding is longer than
//! [`Scanner::MAX_FINDING_BYTES`].
//!
//! One decision reaches further back: a table header (`姓名`, `住址` …)
//! decides what the cells of every row below it hold, however far down.
//! The stream carries the header line of a table that is still running
//! into the next window and scans it in front of the window, so rows far
//! below their header keep it.
//!
//! ```
//! use tuomin_core::{stream::StreamScanner, Scanner};
//!
//! let scanner = Scanner::new();
//! let mut stream = StreamScanner::new(&scanner);
//! let mut findings = Vec::new();
//! for piece in ["联系电话：138123", "45678，备用 139", "87654321。"] {
//!     findings.extend(stream.push(piece));
//! }
//! findings.extend(stream.finish());
//! let spans: Vec<(usize, usize)> = findings.iter().map(|f| (f.start, f.end)).collect();
//! let whole = "联系电话：13812345678，备用 13987654321。";
//! let expected: Vec<(usize, usize)> =
//!     scanner.scan(whole).iter().map(|f| (f.start, f.end)).collect();
//! assert_eq!(spans, expected);
//! ```

use crate::{Edit, Finding, Policy, Scanner};

/// The default chunk size: the window is scanned whenever it holds this
/// many bytes.
///
/// ```
/// assert_eq!(tuomin_core::stream::DEFAULT_CHUNK_BYTES, 1 << 20);
/// ```
pub const DEFAULT_CHUNK_BYTES: usize = 1 << 20;

/// Safety margin added to every window computation, in bytes.
const MARGIN_BYTES: usize = 64;

/// The largest index `<= i` that lies on a char boundary of `s`.
fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The buffering shared by [`StreamScanner`] and [`StreamRedactor`].
#[derive(Debug, Clone)]
struct Window<'s> {
    scanner: &'s Scanner,
    /// Text not yet finished with: `buf[0]` is byte `base` of the stream.
    buf: String,
    /// Absolute offset of `buf[0]`.
    base: usize,
    /// Absolute offset before which every finding has been emitted.
    emit_from: usize,
    /// Scan the window when it holds this many bytes.
    chunk: usize,
    /// The header line (with its `\n`) of a table that is still running
    /// where the window was trimmed: prepended to the next scans so rows
    /// far below their 姓名/住址 header keep it as context.
    table_header: Option<String>,
}

/// What one scan of the window decided.
struct Round {
    /// Findings with absolute offsets, `emit_from <= start < cut`.
    findings: Vec<Finding>,
    /// Absolute offset: no later finding starts before it.
    cut: usize,
}

impl<'s> Window<'s> {
    fn new(scanner: &'s Scanner, chunk: usize) -> Self {
        Window {
            scanner,
            buf: String::new(),
            base: 0,
            emit_from: 0,
            chunk: chunk.max(StreamScanner::MIN_CHUNK_BYTES),
            table_header: None,
        }
    }

    /// Appends `piece`, scanning whenever the window is full. `on_round`
    /// sees every round before the window is trimmed, together with the
    /// window's text and its absolute base offset.
    fn push(&mut self, mut piece: &str, on_round: &mut dyn FnMut(Round, &str, usize)) {
        while !piece.is_empty() {
            let room = self.chunk.saturating_sub(self.buf.len());
            let mut take = floor_boundary(piece, room);
            if take == 0 {
                // `room` falls inside the first char: take that char whole.
                take = piece.char_indices().nth(1).map_or(piece.len(), |(i, _)| i);
            }
            self.buf.push_str(&piece[..take]);
            piece = &piece[take..];
            if self.buf.len() >= self.chunk {
                self.round(on_round);
            }
        }
    }

    /// Scans the full window, reports the round and trims the window.
    fn round(&mut self, on_round: &mut dyn FnMut(Round, &str, usize)) {
        let cut_rel = floor_boundary(
            &self.buf,
            self.buf.len().saturating_sub(StreamScanner::TAIL_BYTES),
        );
        let cut = self.base + cut_rel;
        if cut <= self.emit_from {
            return;
        }
        let findings = self.collect(|start| start < cut);
        on_round(Round { findings, cut }, &self.buf, self.base);
        self.emit_from = cut;
        let keep_rel = floor_boundary(
            &self.buf,
            cut_rel.saturating_sub(StreamScanner::LOOKBEHIND_BYTES),
        );
        self.carry_table_header(keep_rel);
        self.buf.drain(..keep_rel);
        self.base += keep_rel;
    }

    /// Scans what is left and reports the final round.
    fn finish(mut self, on_round: &mut dyn FnMut(Round, &str, usize)) {
        let end = self.base + self.buf.len();
        let findings = self.collect(|_| true);
        on_round(Round { findings, cut: end }, &self.buf, self.base);
        self.emit_from = end;
    }

    /// Remember the last table header before `keep_rel` if its table is
    /// still running there (the line before `keep_rel` is split the same
    /// way); forget it otherwise.
    fn carry_table_header(&mut self, keep_rel: usize) {
        let head = &self.buf[..keep_rel];
        let (_, headers) = crate::table::header_cells(head);
        // The last complete line before `keep_rel` (the window may be cut
        // inside a row).
        let complete = head.rfind('\n').map_or("", |i| &head[..i]);
        let last_line = complete
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .trim_end_matches('\r');
        let running_sep = crate::table::sep_of(last_line);
        if let Some(&(hs, he)) = headers.last() {
            let header = &head[hs..he];
            if running_sep.is_some() && crate::table::sep_of(header) == running_sep {
                self.table_header = Some(format!("{header}\n"));
            } else {
                self.table_header = None;
            }
        } else if let Some(h) = &self.table_header {
            let h = h.trim_end_matches('\n');
            if running_sep.is_none() || crate::table::sep_of(h) != running_sep {
                self.table_header = None;
            }
        }
    }

    /// Scans the window and returns the findings not yet emitted whose
    /// absolute start satisfies `keep`, with absolute offsets.
    fn collect(&self, keep: impl Fn(usize) -> bool) -> Vec<Finding> {
        let base = self.base;
        // A carried table header is scanned in front of the window and its
        // own findings dropped.
        let (found, shift) = match &self.table_header {
            Some(h) => {
                let mut text = String::with_capacity(h.len() + self.buf.len());
                text.push_str(h);
                text.push_str(&self.buf);
                (self.scanner.scan(&text), h.len())
            }
            None => (self.scanner.scan(&self.buf), 0),
        };
        found
            .into_iter()
            .filter(|f| f.start >= shift)
            .filter_map(|mut f| {
                f.start = f.start - shift + base;
                f.end = f.end - shift + base;
                (f.start >= self.emit_from && keep(f.start)).then_some(f)
            })
            .collect()
    }
}

/// Scans a stream of UTF-8 pieces with bounded memory.
///
/// Feed the pieces in order with [`push`](StreamScanner::push), then call
/// [`finish`](StreamScanner::finish). Every call returns the findings it
/// could settle, with absolute byte offsets, in order; together they are
/// what [`Scanner::scan`] on the concatenated text would return. Memory
/// stays around one chunk however long the stream is. Pieces may be split
/// anywhere between chars (a `&str` cannot split one).
///
/// ```
/// use tuomin_core::{stream::StreamScanner, Kind, Scanner};
///
/// let scanner = Scanner::new();
/// let mut stream = StreamScanner::new(&scanner);
/// let mut found = stream.push("身份证号：110105194912");
/// found.extend(stream.push("31002X，"));
/// found.extend(stream.finish());
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].kind, Kind::IdCard);
/// assert_eq!((found[0].start, found[0].end), (15, 33));
/// ```
#[derive(Debug, Clone)]
pub struct StreamScanner<'s> {
    window: Window<'s>,
}

impl<'s> StreamScanner<'s> {
    /// How many bytes before the end of a window the cut lies: room for a
    /// whole finding, its right-hand context, and a finding that a
    /// truncated neighbour could otherwise shadow.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// assert!(StreamScanner::TAIL_BYTES > Scanner::MAX_FINDING_BYTES + Scanner::CONTEXT_BYTES);
    /// ```
    pub const TAIL_BYTES: usize =
        2 * (Scanner::MAX_FINDING_BYTES + Scanner::CONTEXT_BYTES) + MARGIN_BYTES;

    /// How many bytes before the cut a window keeps as left context for
    /// the next round.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// assert!(StreamScanner::LOOKBEHIND_BYTES >= Scanner::CONTEXT_BYTES);
    /// ```
    pub const LOOKBEHIND_BYTES: usize =
        Scanner::MAX_FINDING_BYTES + Scanner::CONTEXT_BYTES + MARGIN_BYTES;

    /// The smallest chunk size accepted; smaller sizes are raised to it.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// let scanner = Scanner::new();
    /// let s = StreamScanner::with_chunk_size(&scanner, 1);
    /// assert_eq!(s.chunk_size(), StreamScanner::MIN_CHUNK_BYTES);
    /// ```
    pub const MIN_CHUNK_BYTES: usize = 2 * (Self::TAIL_BYTES + Self::LOOKBEHIND_BYTES);

    /// A stream scanner with the default chunk size
    /// ([`DEFAULT_CHUNK_BYTES`]).
    ///
    /// ```
    /// use tuomin_core::{stream::{StreamScanner, DEFAULT_CHUNK_BYTES}, Scanner};
    /// let scanner = Scanner::new();
    /// assert_eq!(StreamScanner::new(&scanner).chunk_size(), DEFAULT_CHUNK_BYTES);
    /// ```
    pub fn new(scanner: &'s Scanner) -> Self {
        Self::with_chunk_size(scanner, DEFAULT_CHUNK_BYTES)
    }

    /// A stream scanner that scans whenever it holds `chunk` bytes
    /// (at least [`MIN_CHUNK_BYTES`](Self::MIN_CHUNK_BYTES)). Smaller
    /// chunks use less memory and rescan a larger share of the text.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// let scanner = Scanner::new();
    /// let s = StreamScanner::with_chunk_size(&scanner, 64 * 1024);
    /// assert_eq!(s.chunk_size(), 64 * 1024);
    /// ```
    pub fn with_chunk_size(scanner: &'s Scanner, chunk: usize) -> Self {
        StreamScanner {
            window: Window::new(scanner, chunk),
        }
    }

    /// The chunk size in bytes.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// let scanner = Scanner::new();
    /// assert!(StreamScanner::new(&scanner).chunk_size() >= StreamScanner::MIN_CHUNK_BYTES);
    /// ```
    pub fn chunk_size(&self) -> usize {
        self.window.chunk
    }

    /// Absolute offset before which every finding has been returned: no
    /// later call returns a finding that starts before it. Useful to free
    /// bookkeeping (line counters, copies of the text) up to that point.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// let scanner = Scanner::new();
    /// let mut s = StreamScanner::with_chunk_size(&scanner, 0);
    /// assert_eq!(s.settled(), 0);
    /// s.push(&"。".repeat(10_000));
    /// assert!(s.settled() > 0);
    /// ```
    pub fn settled(&self) -> usize {
        self.window.emit_from
    }

    /// Total number of bytes pushed so far.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// let scanner = Scanner::new();
    /// let mut s = StreamScanner::new(&scanner);
    /// s.push("手机");
    /// assert_eq!(s.position(), 6);
    /// ```
    pub fn position(&self) -> usize {
        self.window.base + self.window.buf.len()
    }

    /// Feeds the next piece of the text. Returns the findings that became
    /// final, with absolute offsets, ordered by start.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// let scanner = Scanner::new();
    /// let mut s = StreamScanner::new(&scanner);
    /// // Nothing is final until a chunk is full or the stream ends.
    /// assert!(s.push("手机13812345678").is_empty());
    /// assert_eq!(s.finish().len(), 1);
    /// ```
    pub fn push(&mut self, piece: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        self.window
            .push(piece, &mut |round, _, _| out.extend(round.findings));
        out
    }

    /// Ends the stream and returns the remaining findings.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamScanner, Scanner};
    /// let scanner = Scanner::new();
    /// let mut s = StreamScanner::new(&scanner);
    /// s.push("电话 ");
    /// let found = s.finish();
    /// assert!(found.is_empty());
    /// ```
    pub fn finish(self) -> Vec<Finding> {
        let mut out = Vec::new();
        self.window
            .finish(&mut |round, _, _| out.extend(round.findings));
        out
    }
}

/// One settled stretch of redacted output from a [`StreamRedactor`].
///
/// ```
/// use tuomin_core::{stream::StreamRedactor, Policy, Scanner};
/// let scanner = Scanner::new();
/// let policy = Policy::default();
/// let mut r = StreamRedactor::new(&scanner, &policy);
/// r.push("手机13812345678");
/// let piece = r.finish();
/// assert_eq!(piece.text, "手机138****5678");
/// assert_eq!(piece.edits.len(), 1);
/// assert_eq!(piece.findings.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RedactedPiece {
    /// The redacted text of the stretch; the stretches of all calls,
    /// concatenated, are the redacted text of the whole stream.
    pub text: String,
    /// The edits applied in this stretch; `start`/`end` are absolute
    /// offsets into the original (unredacted) stream.
    pub edits: Vec<Edit>,
    /// The findings that became final in this stretch, absolute offsets.
    pub findings: Vec<Finding>,
}

/// Redacts a stream of UTF-8 pieces with bounded memory.
///
/// Works like [`StreamScanner`], and also applies a [`Policy`] to every
/// settled stretch of text, returning its redacted text. Concatenating the
/// `text` of every [`RedactedPiece`] gives what [`Scanner::redact`] on the
/// whole text would give.
///
/// ```
/// use tuomin_core::{stream::StreamRedactor, Policy, Scanner};
///
/// let scanner = Scanner::new();
/// let policy = Policy::default();
/// let mut r = StreamRedactor::with_chunk_size(&scanner, &policy, 0);
/// let line = "户主王某，联系电话：13812345678。\n";
/// let mut out = String::new();
/// for _ in 0..200 {
///     out.push_str(&r.push(line).text);
/// }
/// out.push_str(&r.finish().text);
/// assert_eq!(out, scanner.redact(&line.repeat(200), &policy).text);
/// ```
#[derive(Debug, Clone)]
pub struct StreamRedactor<'s> {
    window: Window<'s>,
    policy: &'s Policy,
    /// Absolute offset up to which redacted text has been returned.
    written: usize,
}

impl<'s> StreamRedactor<'s> {
    /// A stream redactor with the default chunk size.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamRedactor, Policy, Scanner};
    /// let scanner = Scanner::new();
    /// let policy = Policy::default();
    /// let mut r = StreamRedactor::new(&scanner, &policy);
    /// assert_eq!(r.push("无个人信息").text, "");
    /// assert_eq!(r.finish().text, "无个人信息");
    /// ```
    pub fn new(scanner: &'s Scanner, policy: &'s Policy) -> Self {
        Self::with_chunk_size(scanner, policy, DEFAULT_CHUNK_BYTES)
    }

    /// A stream redactor with a chunk size of `chunk` bytes (at least
    /// [`StreamScanner::MIN_CHUNK_BYTES`]).
    ///
    /// ```
    /// use tuomin_core::{stream::StreamRedactor, Policy, Scanner};
    /// let scanner = Scanner::new();
    /// let policy = Policy::default();
    /// let r = StreamRedactor::with_chunk_size(&scanner, &policy, 1 << 16);
    /// assert_eq!(r.chunk_size(), 1 << 16);
    /// ```
    pub fn with_chunk_size(scanner: &'s Scanner, policy: &'s Policy, chunk: usize) -> Self {
        StreamRedactor {
            window: Window::new(scanner, chunk),
            policy,
            written: 0,
        }
    }

    /// The chunk size in bytes.
    ///
    /// ```
    /// use tuomin_core::{stream::{StreamRedactor, DEFAULT_CHUNK_BYTES}, Policy, Scanner};
    /// let scanner = Scanner::new();
    /// let policy = Policy::default();
    /// assert_eq!(StreamRedactor::new(&scanner, &policy).chunk_size(), DEFAULT_CHUNK_BYTES);
    /// ```
    pub fn chunk_size(&self) -> usize {
        self.window.chunk
    }

    /// Feeds the next piece and returns the redacted text settled so far
    /// (often empty: text is held back until a chunk is full).
    ///
    /// ```
    /// use tuomin_core::{stream::StreamRedactor, Policy, Scanner};
    /// let scanner = Scanner::new();
    /// let policy = Policy::default();
    /// let mut r = StreamRedactor::new(&scanner, &policy);
    /// let mut out = r.push("身份证号：11010519491231002X").text;
    /// out += &r.finish().text;
    /// assert_eq!(out, "身份证号：110105********002X");
    /// ```
    pub fn push(&mut self, piece: &str) -> RedactedPiece {
        let mut out = RedactedPiece::default();
        let policy = self.policy;
        let written = &mut self.written;
        self.window.push(piece, &mut |round, buf, base| {
            redact_round(policy, round, buf, base, written, &mut out);
        });
        out
    }

    /// Ends the stream and returns the rest of the redacted text.
    ///
    /// ```
    /// use tuomin_core::{stream::StreamRedactor, Policy, Scanner};
    /// let scanner = Scanner::new();
    /// let policy = Policy::default();
    /// let mut r = StreamRedactor::new(&scanner, &policy);
    /// r.push("邮箱 ");
    /// assert_eq!(r.finish().text, "邮箱 ");
    /// ```
    pub fn finish(self) -> RedactedPiece {
        let mut out = RedactedPiece::default();
        let policy = self.policy;
        let mut written = self.written;
        self.window.finish(&mut |round, buf, base| {
            redact_round(policy, round, buf, base, &mut written, &mut out);
        });
        out
    }
}

/// Applies the policy to the stretch of `buf` from `written` to the end of
/// the round's last finding (or the cut, if later), appends the result to
/// `out` and advances `written`.
fn redact_round(
    policy: &Policy,
    round: Round,
    buf: &str,
    base: usize,
    written: &mut usize,
    out: &mut RedactedPiece,
) {
    let end = round
        .findings
        .iter()
        .map(|f| f.end)
        .fold(round.cut, usize::max);
    let start = *written;
    if end <= start {
        return;
    }
    let stretch = &buf[start - base..end - base];
    // A finding overlapping text already written cannot occur while the
    // scanner honours CONTEXT_BYTES / MAX_FINDING_BYTES; skip it rather
    // than corrupt the output if it ever does.
    let local: Vec<Finding> = round
        .findings
        .iter()
        .filter(|f| f.start >= start)
        .map(|f| Finding {
            start: f.start - start,
            end: f.end - start,
            ..f.clone()
        })
        .collect();
    let redacted = policy.apply(stretch, &local);
    out.text.push_str(&redacted.text);
    out.edits.extend(redacted.edits.into_iter().map(|mut e| {
        e.start += start;
        e.end += start;
        e
    }));
    out.findings.extend(round.findings);
    *written = end;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spans(fs: &[Finding]) -> Vec<(usize, usize, crate::Kind, String)> {
        fs.iter()
            .map(|f| (f.start, f.end, f.kind, f.text.clone()))
            .collect()
    }

    fn stream_all(scanner: &Scanner, pieces: &[&str], chunk: usize) -> Vec<Finding> {
        let mut s = StreamScanner::with_chunk_size(scanner, chunk);
        let mut out = Vec::new();
        for p in pieces {
            out.extend(s.push(p));
        }
        out.extend(s.finish());
        out
    }

    /// Splits `text` into pieces at the given byte sizes (moved to char
    /// boundaries), cycling through `sizes`.
    fn split<'a>(text: &'a str, sizes: &[usize]) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut i = 0;
        while !rest.is_empty() {
            let want = sizes[i % sizes.len()].max(1);
            i += 1;
            let mut n = floor_boundary(rest, want);
            if n == 0 {
                n = rest.chars().next().map_or(rest.len(), char::len_utf8);
            }
            out.push(&rest[..n]);
            rest = &rest[n..];
        }
        out
    }

    fn sample(lines: usize) -> String {
        let mut text = String::new();
        for i in 0..lines {
            text.push_str(&format!(
                "第{i}户，户主联系电话：1381234{:04}，身份证号：11010519491231002X，情况属实。\r\n",
                i % 10_000
            ));
        }
        text
    }

    #[test]
    fn floor_boundary_moves_left() {
        let s = "a身b";
        assert_eq!(floor_boundary(s, 0), 0);
        assert_eq!(floor_boundary(s, 2), 1);
        assert_eq!(floor_boundary(s, 3), 1);
        assert_eq!(floor_boundary(s, 4), 4);
        assert_eq!(floor_boundary(s, 99), 5);
    }

    #[test]
    fn empty_stream_has_no_findings() {
        let scanner = Scanner::new();
        assert!(StreamScanner::new(&scanner).finish().is_empty());
        let policy = Policy::default();
        let r = StreamRedactor::new(&scanner, &policy).finish();
        assert_eq!(r, RedactedPiece::default());
    }

    #[test]
    fn matches_whole_scan_with_small_chunks() {
        let scanner = Scanner::new();
        let text = sample(500);
        let expected = scanner.scan(&text);
        assert!(expected.len() >= 1000);
        for sizes in [&[1usize][..], &[7, 300, 5000], &[100_000]] {
            let pieces = split(&text, sizes);
            let got = stream_all(&scanner, &pieces, 0);
            assert_eq!(spans(&got), spans(&expected), "sizes {sizes:?}");
        }
    }

    #[test]
    fn one_huge_piece_is_still_windowed() {
        let scanner = Scanner::new();
        let text = sample(300);
        let mut s = StreamScanner::with_chunk_size(&scanner, 0);
        let first = s.push(&text);
        // Most findings are final before the end of the stream.
        assert!(!first.is_empty());
        assert!(s.window.buf.len() < s.chunk_size());
        let mut all = first;
        all.extend(s.finish());
        assert_eq!(spans(&all), spans(&scanner.scan(&text)));
    }

    #[test]
    fn settled_and_position_advance() {
        let scanner = Scanner::new();
        let text = sample(200);
        let mut s = StreamScanner::with_chunk_size(&scanner, 0);
        let found = s.push(&text);
        assert_eq!(s.position(), text.len());
        assert!(s.settled() > 0 && s.settled() < text.len());
        assert!(found.iter().all(|f| f.start < s.settled()));
        let rest = s.finish();
        assert!(rest
            .iter()
            .all(|f| f.start >= found.last().map_or(0, |f| f.end)));
    }

    #[test]
    fn redactor_matches_whole_redaction() {
        let scanner = Scanner::new();
        let policy = Policy::default();
        let text = sample(400);
        let whole = scanner.redact(&text, &policy);
        for sizes in [&[3usize, 1000][..], &[65_536]] {
            let mut r = StreamRedactor::with_chunk_size(&scanner, &policy, 0);
            let mut out = String::new();
            let mut edits = Vec::new();
            for p in split(&text, sizes) {
                let piece = r.push(p);
                out.push_str(&piece.text);
                edits.extend(piece.edits);
            }
            let piece = r.finish();
            out.push_str(&piece.text);
            edits.extend(piece.edits);
            assert_eq!(out, whole.text);
            assert_eq!(edits, whole.edits);
        }
    }

    /// A table header decides what the cells of every row below it are,
    /// however far down: the stream carries the header across windows.
    #[test]
    fn table_header_is_carried_across_windows() {
        let scanner = Scanner::new();
        let mut text = String::from("序号\t姓名\t金额\n");
        for i in 0..3000 {
            text.push_str(&format!("{i}\t田园\t300\n"));
        }
        let whole = scanner.scan(&text);
        assert!(
            whole.len() >= 3000,
            "names under the 姓名 header: {}",
            whole.len()
        );
        let got = stream_all(&scanner, &[&text], 0);
        assert_eq!(got.len(), whole.len(), "findings lost at window seams");
        assert_eq!(spans(&got), spans(&whole));
    }

    fn mobile() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec!["130", "138", "139", "150", "158", "177", "186", "199"]),
            0u32..100_000_000,
        )
            .prop_map(|(p, n)| format!("{p}{n:08}"))
    }

    fn filler() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "，",
                "。",
                "联系电话：",
                "户主",
                "申请人",
                "低保",
                "救助金",
                "\n",
                "\r\n",
                " ",
                "、",
                "元",
                "第",
                "号",
                "电话",
                "身份证",
                "12",
                "0",
                "x",
                "（",
                "）",
            ]),
            0..12,
        )
        .prop_map(|v| v.concat())
    }

    fn document() -> impl Strategy<Value = String> {
        prop::collection::vec((filler(), mobile()), 0..120).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(f, m)| format!("{f}{m}"))
                .collect::<String>()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn streaming_equals_whole_scan(
            text in document(),
            sizes in prop::collection::vec(1usize..400, 1..8),
            chunk in 0usize..4096,
        ) {
            let scanner = Scanner::new();
            let pieces = split(&text, &sizes);
            let got = stream_all(&scanner, &pieces, chunk);
            prop_assert_eq!(spans(&got), spans(&scanner.scan(&text)));
        }

        #[test]
        fn streaming_redaction_equals_whole(
            text in document(),
            sizes in prop::collection::vec(1usize..400, 1..8),
        ) {
            let scanner = Scanner::new();
            let policy = Policy::default();
            let mut r = StreamRedactor::with_chunk_size(&scanner, &policy, 0);
            let mut out = String::new();
            for p in split(&text, &sizes) {
                out.push_str(&r.push(p).text);
            }
            out.push_str(&r.finish().text);
            prop_assert_eq!(out, scanner.redact(&text, &policy).text);
        }
    }
}
