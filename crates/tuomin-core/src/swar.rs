//! Word-at-a-time byte classes: skip eight bytes at once in the scan loops
//! when none of them can start a candidate.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Does any byte of `x` lie strictly between `m` and `n`
/// (`0 <= m <= 127`, `n <= 128`)? (The classic "hasbetween" bit trick.)
#[inline]
const fn has_between(x: u64, m: u64, n: u64) -> bool {
    ((ONES * (127 + n) - (x & (ONES * 127))) & !x & ((x & (ONES * 127)) + ONES * (127 - m)) & HIGH)
        != 0
}

/// Does any byte of `x` equal `b`?
#[inline]
const fn has_byte(x: u64, b: u8) -> bool {
    let v = x ^ (ONES * b as u64);
    (v.wrapping_sub(ONES) & !v & HIGH) != 0
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

/// The first index at or after `i` where an ASCII digit or a full-width
/// digit starts, or `b.len()`. Words holding only other full-width forms
/// (`，`, `：`, `（`) are skipped without leaving the loop.
pub(crate) fn next_digit(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        let x = word(b, i);
        if has_between(x, 0x2F, 0x3A) {
            break;
        }
        if has_byte(x, 0xEF) {
            if let Some(k) = (i..i + 8).find(|&k| full_width_digit_at(b, k)) {
                return k;
            }
        }
        i += 8;
    }
    while i < b.len() && !(b[i].is_ascii_digit() || full_width_digit_at(b, i)) {
        i += 1;
    }
    i
}

/// The first index at or after `i` whose byte is an ASCII capital, or
/// `b.len()`.
pub(crate) fn next_upper(b: &[u8], mut i: usize) -> usize {
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
        fn upper_search_matches_the_plain_loop(bytes in proptest::collection::vec(any::<u8>(), 0..64), start in 0usize..64) {
            let start = start.min(bytes.len());
            let plain = (start..bytes.len()).find(|&i| bytes[i].is_ascii_uppercase()).unwrap_or(bytes.len());
            prop_assert_eq!(next_upper(&bytes, start), plain);
        }
    }
}
