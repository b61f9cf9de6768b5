//! 银行卡号/账号: bank card numbers (16–19 digits, Luhn, issuer BINs from
//! the dictionary) and, after a context word (卡号, 账号, 开户行 …),
//! account numbers that fail Luhn.

use super::{each_candidate, finding, Detector, Prepared};
use crate::context::{self, Topic};
use crate::dict;
use crate::{Finding, Kind};

/// Detects bank card and account numbers.
pub(crate) struct BankCard;

/// The Luhn (mod 10) check over ASCII digits.
pub(crate) fn luhn_ok(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.len() < 2 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let v = u32::from(d - b'0');
            if i % 2 == 1 {
                let x = v * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                v
            }
        })
        .sum();
    sum % 10 == 0
}

impl Detector for BankCard {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        each_candidate(p, 12, 25, out, |run, c| {
            let d = c.digits;
            if d.contains('X') {
                return None;
            }
            // A whole account number is no group of a longer one: the
            // amount in the next column (`6212…2906 26380`) is no part of it.
            if c.last - c.first > 1 && (c.first..c.last).any(|k| run.groups[k].len() >= 12) {
                return None;
            }
            let ctx = context::before(p.text, c.start, &[Topic::Bank])
                .map(|x| x.0)
                .or_else(|| {
                    (p.column_at(c.start) == Some(crate::table::Column::Account))
                        .then_some("账号 column")
                });
            // No card starts with 0; a rural credit union's account number
            // (一卡通) may, in an account column or after 账号.
            if d.starts_with('0') && ctx.is_none() {
                return None;
            }
            let card_len = (16..=19).contains(&d.len());
            let luhn = card_len && luhn_ok(d);
            let bin = dict::bins().lookup(d);
            let bin_len_ok =
                bin.is_some_and(|b| b.lengths.is_empty() || b.lengths.contains(&d.len()));
            let (score, checks): (f32, &'static [&'static str]) = if luhn && bin_len_ok {
                (0.95, &["luhn", "issuer BIN"])
            } else if luhn && d.starts_with("62") {
                (0.9, &["luhn", "UnionPay prefix"])
            } else if luhn && d.starts_with(['3', '4', '5', '6', '9']) {
                (0.45, &["luhn", "card scheme digit"])
            } else if luhn {
                (0.35, &["luhn"])
            } else if bin.is_some() && card_len {
                (0.45, &["issuer BIN"])
            } else {
                (0.0, &[])
            };
            let score = match ctx {
                // An account number after 账号/卡号 … need not pass Luhn.
                Some(_) if score < 0.6 => 0.65 + score / 4.0,
                Some(_) => score + 0.05,
                None => score,
            };
            (score > 0.0).then(|| finding(p, Kind::BankCard, c.start, c.end, score, checks, ctx))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;
    use proptest::prelude::*;

    fn cards(text: &str) -> Vec<String> {
        found(&BankCard, text)
            .into_iter()
            .filter(|f| f.2 >= 0.5)
            .map(|f| f.1)
            .collect()
    }

    /// Append the Luhn check digit.
    pub(crate) fn with_luhn(body: &str) -> String {
        (0..10)
            .map(|d| format!("{body}{d}"))
            .find(|s| luhn_ok(s))
            .expect("one digit completes it")
    }

    #[test]
    fn luhn_known_values() {
        assert!(luhn_ok("4111111111111111"));
        assert!(luhn_ok("6228480402564890018"));
        assert!(!luhn_ok("6228480402564890019"));
    }

    #[test]
    fn finds_cards() {
        let c = with_luhn("622848123456789012");
        assert_eq!(cards(&format!("卡号{c}")), vec![c.clone()]);
        assert_eq!(cards(&c), vec![c.clone()]);
        let grouped = format!(
            "{} {} {} {} {}",
            &c[..4],
            &c[4..8],
            &c[8..12],
            &c[12..16],
            &c[16..]
        );
        assert_eq!(cards(&grouped), vec![grouped.clone()]);
    }

    #[test]
    fn an_amount_after_a_card_is_no_part_of_it() {
        let c = with_luhn("622848123456789012");
        let row = format!("序号 姓名 社保卡号 金额\n1 常国富 {c} 26380\n");
        assert_eq!(cards(&row), vec![c]);
    }

    #[test]
    fn accounts_need_context_when_luhn_fails() {
        let bad = "6228481234567890121";
        let good = with_luhn("622848123456789012");
        assert_ne!(bad, good);
        assert!(cards(bad).is_empty() || luhn_ok(bad));
        assert_eq!(cards(&format!("账号：{bad}")), vec![bad]);
        assert_eq!(
            cards("开户行：霍邱县农村信用社 账号 20000123456789012"),
            vec!["20000123456789012"]
        );
    }

    #[test]
    fn look_alikes() {
        assert!(cards("6228 **** **** 0123").is_empty());
        assert!(cards("622848******1234").is_empty());
        assert!(cards("订单号20231201123456789").is_empty());
        assert!(cards("1234567890123456").is_empty());
    }

    proptest! {
        #[test]
        fn every_unionpay_card_is_found(body in "[0-9]{13,16}", pre in "[一-龥：]{0,4}") {
            let c = with_luhn(&format!("62{body}"));
            let text = format!("{pre}{c}。");
            prop_assert_eq!(cards(&text), vec![c]);
        }

        #[test]
        fn any_single_digit_change_breaks_luhn(body in "[0-9]{13,16}", pos in 0usize..16, delta in 1u8..10) {
            let c = with_luhn(&format!("62{body}"));
            let mut b = c.into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(b).unwrap();
            prop_assert!(!luhn_ok(&changed));
            prop_assert!(cards(&changed).is_empty(), "{} accepted", changed);
        }
    }
}
