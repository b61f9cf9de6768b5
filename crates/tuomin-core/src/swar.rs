//! Byte classes many at a time: skip the bytes that cannot start a
//! candidate, sixteen at once with SSE2 on x86-64 (part of its baseline,
//! so no run-time detection is needed) and eight at once with word
//! arithmetic elsewhere and for the tail.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Does any byte of `x` lie strictly between `m` and `n`
/// (`0 <= m <= 127`, `n <= 128`)? (The classic "hasbetween" bit trick.)
#[inline]
const fn has_between(x: u64, m: u64, n: u64) -> bool {
    between_mask(x, m, n) != 0
}

/// The high bit of each byte of `x` that equals `b`, exactly.
#[inline]
const fn byte_mask(x: u64, b: u8) -> u64 {
    let v = x ^ (ONES * b as u64);
    !(((v & !HIGH) + !HIGH) | v) & HIGH
}

#[inline]
fn word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Is `b[i..]` a full-width digit (`０`-`９`: EF BC 90-99)?
#[inline]
fn full_width_digit_at(b: &[u8], i: usize) -> bool {
    b[i] == 0xEF
        && b.get(i + 1) == Some(&0xBC)
        && b.get(i + 2).is_some_and(|c| (0x90..=0x99).contains(c))
}

/// The high bit of each byte of `x` that lies strictly between `m` and
/// `n` (`0 <= m <= 127`, `n <= 128`). Exact per byte: no borrow or carry
/// crosses a byte boundary.
#[inline]
const fn between_mask(x: u64, m: u64, n: u64) -> u64 {
    (ONES * (127 + n) - (x & (ONES * 127))) & !x & ((x & (ONES * 127)) + ONES * (127 - m)) & HIGH
}

/// The first index at or after `i` where an ASCII digit or a full-width
/// digit starts, or `b.len()`. Words holding only other full-width forms
/// (`，`, `：`, `（`) are skipped without leaving the loop.
#[inline]
pub(crate) fn next_digit(b: &[u8], i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    let i = match sse2::next_digit(b, i) {
        Ok(hit) => return hit,
        Err(tail) => tail,
    };
    next_digit_words(b, i)
}

/// How many ASCII digits start at `b[i..]`.
#[inline]
pub(crate) fn ascii_digits_len(b: &[u8], i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(n) = sse2::ascii_digits_len(b, i) {
        return n;
    }
    b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// [`next_digit`] eight bytes at a time.
#[inline]
fn next_digit_words(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        let x = word(b, i);
        let digits = between_mask(x, 0x2F, 0x3A);
        let first_digit = if digits == 0 {
            8
        } else {
            (digits.trailing_zeros() / 8) as usize
        };
        // Full-width forms (lead byte EF) before the first ASCII digit:
        // is one of them a full-width digit?
        let mut ef = byte_mask(x, 0xEF);
        while ef != 0 {
            let k = (ef.trailing_zeros() / 8) as usize;
            if k >= first_digit {
                break;
            }
            if full_width_digit_at(b, i + k) {
                return i + k;
            }
            ef &= ef - 1;
        }
        if digits != 0 {
            return i + first_digit;
        }
        i += 8;
    }
    while i < b.len() && !(b[i].is_ascii_digit() || full_width_digit_at(b, i)) {
        i += 1;
    }
    i
}

/// Does a column separator of a flattened table start at `b[i]`: a tab,
/// `|`, `,`, a space, U+3000 (E3 80 80) or `｜` (EF BD 9C)? The same
/// bytes [`crate::table::sep_of`] looks for.
#[inline]
fn separator_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        // A space: two make a padded column, one a single-space table.
        b'\t' | b'|' | b',' | b' ' => true,
        0xE3 => b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80),
        0xEF => b.get(i + 1) == Some(&0xBD) && b.get(i + 2) == Some(&0x9C),
        _ => false,
    }
}

/// The first index at or after `i` where a column separator starts (see
/// `separator_at`), or `b.len()`.
pub(crate) fn next_separator(b: &[u8], i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    let i = match sse2::next_separator(b, i) {
        Ok(hit) => return hit,
        Err(tail) => tail,
    };
    (i..b.len())
        .find(|&k| separator_at(b, k))
        .unwrap_or(b.len())
}

/// The first index at or after `i` whose byte is the letter `x` or `y`
/// (lowercase ASCII letters) in either case, or `b.len()`.
pub(crate) fn next_letter_of(b: &[u8], i: usize, x: u8, y: u8) -> usize {
    #[cfg(target_arch = "x86_64")]
    let i = match sse2::next_letter_of(b, i, x, y) {
        Ok(hit) => return hit,
        Err(tail) => tail,
    };
    (i..b.len())
        .find(|&k| matches!(b[k] | 0x20, c if c == x || c == y))
        .unwrap_or(b.len())
}

/// The first index at or after `i` whose byte is an ASCII capital, or
/// `b.len()`.
pub(crate) fn next_upper(b: &[u8], i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    let i = match sse2::next_upper(b, i) {
        Ok(hit) => return hit,
        Err(tail) => tail,
    };
    next_upper_words(b, i)
}

/// [`next_upper`] eight bytes at a time.
#[inline]
fn next_upper_words(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        if has_between(word(b, i), 0x40, 0x5B) {
            break;
        }
        i += 8;
    }
    while i < b.len() && !b[i].is_ascii_uppercase() {
        i += 1;
    }
    i
}

/// Sixteen bytes at a time. Each function returns `Ok` with the first
/// match in the whole blocks it reads, or `Err` with the start of the tail
/// it leaves to the word-at-a-time loop.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_sub_epi8,
    };

    /// Bit `k` set when byte `k` of `v` lies in `lo..=lo + span`.
    #[inline]
    fn in_range(v: __m128i, lo: u8, span: u8) -> u32 {
        // SAFETY: SSE2 is enabled on every x86-64 target; these
        // intrinsics only compute on registers.
        unsafe {
            let d = _mm_sub_epi8(v, _mm_set1_epi8(lo as i8));
            let m = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span as i8)), d);
            _mm_movemask_epi8(m) as u32
        }
    }

    /// Bit `k` set when byte `k` of `v` is `x`.
    #[inline]
    fn equal(v: __m128i, x: u8) -> u32 {
        // SAFETY: as in `in_range`.
        unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8))) as u32 }
    }

    /// The sixteen bytes `b[i..i + 16]`.
    #[inline]
    fn load(b: &[u8], i: usize) -> __m128i {
        let block: &[u8; 16] = b[i..i + 16].try_into().expect("a 16-byte slice");
        // SAFETY: `block` is 16 readable bytes; the load is unaligned.
        unsafe { _mm_loadu_si128(block.as_ptr().cast()) }
    }

    /// The one block loop every search shares: `hits(b, i)` gives a bit
    /// per byte of `b[i..i + 16]` that starts a match, reading at most
    /// `ahead` bytes past the block. `Ok` with the first match, or `Err`
    /// with where the tail starts.
    #[inline]
    fn find(
        b: &[u8],
        mut i: usize,
        ahead: usize,
        hits: impl Fn(&[u8], usize) -> u32,
    ) -> Result<usize, usize> {
        while i + 16 + ahead <= b.len() {
            let h = hits(b, i);
            if h != 0 {
                return Ok(i + h.trailing_zeros() as usize);
            }
            i += 16;
        }
        Err(i)
    }

    #[inline]
    pub(super) fn next_digit(b: &[u8], i: usize) -> Result<usize, usize> {
        // Three overlapping loads find a full-width digit (EF BC 90-99)
        // by its three bytes at once.
        find(b, i, 2, |b, i| {
            let (v0, v1, v2) = (load(b, i), load(b, i + 1), load(b, i + 2));
            in_range(v0, b'0', 9) | (equal(v0, 0xEF) & equal(v1, 0xBC) & in_range(v2, 0x90, 9))
        })
    }

    /// The digit count at `b[i..]` when it is shorter than sixteen and
    /// sixteen bytes are there to read; `None` otherwise.
    #[inline]
    pub(super) fn ascii_digits_len(b: &[u8], i: usize) -> Option<usize> {
        if i + 16 > b.len() {
            return None;
        }
        let n = (!in_range(load(b, i), b'0', 9)).trailing_zeros() as usize;
        (n < 16).then_some(n)
    }

    #[inline]
    pub(super) fn next_letter_of(b: &[u8], i: usize, x: u8, y: u8) -> Result<usize, usize> {
        find(b, i, 0, |b, i| {
            // SAFETY: SSE2 is enabled on every x86-64 target; register
            // arithmetic only.
            let lower = unsafe { _mm_or_si128(load(b, i), _mm_set1_epi8(0x20)) };
            equal(lower, x) | equal(lower, y)
        })
    }

    #[inline]
    pub(super) fn next_separator(b: &[u8], i: usize) -> Result<usize, usize> {
        find(b, i, 2, |b, i| {
            let (v0, v1, v2) = (load(b, i), load(b, i + 1), load(b, i + 2));
            let single = equal(v0, b'\t') | equal(v0, b'|') | equal(v0, b',');
            let spaces = equal(v0, b' ');
            let ideographic = equal(v0, 0xE3) & equal(v1, 0x80) & equal(v2, 0x80);
            let bar = equal(v0, 0xEF) & equal(v1, 0xBD) & equal(v2, 0x9C);
            single | spaces | ideographic | bar
        })
    }

    #[inline]
    pub(super) fn next_upper(b: &[u8], i: usize) -> Result<usize, usize> {
        find(b, i, 0, |b, i| in_range(load(b, i), b'A', 25))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn digit_search_matches_the_plain_loop(bytes in proptest::collection::vec(prop_oneof![any::<u8>(), Just(0xEFu8), Just(0xBCu8), Just(0x95u8)], 0..64), start in 0usize..64) {
            let start = start.min(bytes.len());
            let plain = (start..bytes.len()).find(|&i| bytes[i].is_ascii_digit() || full_width_digit_at(&bytes, i)).unwrap_or(bytes.len());
            prop_assert_eq!(next_digit(&bytes, start), plain);
        }

        #[test]
        fn masks_are_exact(x in any::<u64>(), b in any::<u8>()) {
            let bytes = x.to_le_bytes();
            for (k, byte) in bytes.iter().enumerate() {
                prop_assert_eq!(byte_mask(x, b) >> (8 * k) & 0x80 != 0, *byte == b);
                prop_assert_eq!(between_mask(x, 0x2F, 0x3A) >> (8 * k) & 0x80 != 0, byte.is_ascii_digit());
            }
        }

        #[test]
        fn separator_search_matches_the_plain_loop(
            bytes in proptest::collection::vec(
                prop_oneof![any::<u8>(), Just(b' '), Just(b'\t'), Just(0xE3u8), Just(0x80u8), Just(0xEFu8), Just(0xBDu8), Just(0x9Cu8)],
                0..64,
            ),
            start in 0usize..64,
        ) {
            let start = start.min(bytes.len());
            let plain = (start..bytes.len()).find(|&i| separator_at(&bytes, i)).unwrap_or(bytes.len());
            prop_assert_eq!(next_separator(&bytes, start), plain);
        }

        #[test]
        fn separators_agree_with_sep_of(line in "[ a,|\t\u{3000}｜中]{0,12}") {
            let any = (0..line.len()).any(|i| separator_at(line.as_bytes(), i));
            prop_assert_eq!(any, crate::table::sep_of(&line).is_some());
        }

        #[test]
        fn digit_count_matches_the_plain_loop(
            bytes in proptest::collection::vec(prop_oneof![any::<u8>(), b'0'..=b'9', b'0'..=b'9'], 1..48),
            start in 0usize..48,
        ) {
            let start = start.min(bytes.len() - 1);
            let plain = bytes[start..].iter().take_while(|c| c.is_ascii_digit()).count();
            prop_assert_eq!(ascii_digits_len(&bytes, start), plain);
        }

        #[test]
        fn letter_search_matches_the_plain_loop(
            bytes in proptest::collection::vec(prop_oneof![any::<u8>(), Just(b'w'), Just(b'V')], 0..64),
            start in 0usize..64,
        ) {
            let start = start.min(bytes.len());
            let plain = (start..bytes.len())
                .find(|&i| matches!(bytes[i], b'w' | b'W' | b'v' | b'V'))
                .unwrap_or(bytes.len());
            prop_assert_eq!(next_letter_of(&bytes, start, b'w', b'v'), plain);
        }

        #[test]
        fn upper_search_matches_the_plain_loop(bytes in proptest::collection::vec(any::<u8>(), 0..64), start in 0usize..64) {
            let start = start.min(bytes.len());
            let plain = (start..bytes.len()).find(|&i| bytes[i].is_ascii_uppercase()).unwrap_or(bytes.len());
            prop_assert_eq!(next_upper(&bytes, start), plain);
        }
    }
}
