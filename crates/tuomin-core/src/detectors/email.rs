//! 电子邮箱: e-mail addresses (`local@domain.tld`).

use super::{finding, Detector, Prepared};
use crate::{Finding, Kind};

/// Detects e-mail addresses.
pub(crate) struct Email;

fn local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

impl Detector for Email {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        let b = p.text.as_bytes();
        for at in memchr::memchr_iter(b'@', b) {
            let mut s = at;
            while s > 0 && at - s < 64 && local_char(b[s - 1]) {
                s -= 1;
            }
            while s < at && b[s] == b'.' {
                s += 1;
            }
            let mut e = at + 1;
            while e < b.len() && e - at < 190 && domain_char(b[e]) {
                e += 1;
            }
            while e > at + 1 && matches!(b[e - 1], b'.' | b'-') {
                e -= 1;
            }
            if s == at || e == at + 1 {
                continue;
            }
            // Already masked (`z***@example.com`).
            if s > 0 && b[s - 1] == b'*' {
                continue;
            }
            let domain = &p.text[at + 1..e];
            let Some((_, tld)) = domain.rsplit_once('.') else {
                continue;
            };
            if tld.len() < 2
                || !tld.bytes().all(|c| c.is_ascii_alphabetic())
                || domain.contains("..")
            {
                continue;
            }
            out.push(finding(
                p,
                Kind::Email,
                s,
                e,
                0.95,
                &["e-mail syntax"],
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;

    fn emails(t: &str) -> Vec<String> {
        found(&Email, t).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(
            emails("邮箱：zhang.san@163.com。"),
            vec!["zhang.san@163.com"]
        );
        assert_eq!(
            emails("联系 li_si+gov@mail.hq.gov.cn，"),
            vec!["li_si+gov@mail.hq.gov.cn"]
        );
    }

    #[test]
    fn rejects() {
        assert!(emails("z***@163.com").is_empty());
        assert!(emails("@163.com").is_empty());
        assert!(emails("a@localhost").is_empty());
        assert!(emails("a@b.1").is_empty());
    }
}
