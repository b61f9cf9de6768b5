//! Decoding text files (UTF-8, UTF-16, GB18030/GBK …) while keeping a map
//! from decoded offsets back to source bytes, so that edits can be spliced
//! into the original bytes and everything else stays byte-for-byte.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// A decoded text file.
#[derive(Debug, Clone)]
pub(crate) struct Decoded {
    /// The text, without BOM.
    pub text: String,
    pub encoding: &'static Encoding,
    /// Bytes of the byte order mark at the start of the source (0 if none).
    pub bom_len: usize,
    /// `(decoded offset, source offset)` of every char start, when the source is
    /// not plain UTF-8; `None` means source offset = decoded offset + bom_len.
    map: Option<Vec<(usize, usize)>>,
    src_len: usize,
}

impl Decoded {
    /// Decode `bytes`: a BOM wins, then `declared`, then UTF-8 if valid, else GB18030.
    pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
        let (enc, bom_len) = match Encoding::for_bom(bytes) {
            Some((e, n)) => (e, n),
            None => match declared {
                Some(e) => (e, 0),
                None if std::str::from_utf8(bytes).is_ok() => (UTF_8, 0),
                None => (GB18030, 0),
            },
        };
        Self::decode_as(bytes, enc, bom_len)
    }

    pub fn decode_as(bytes: &[u8], enc: &'static Encoding, bom_len: usize) -> Decoded {
        let body = &bytes[bom_len..];
        if enc == UTF_8 {
            if let Ok(s) = std::str::from_utf8(body) {
                return Decoded {
                    text: s.to_owned(),
                    encoding: UTF_8,
                    bom_len,
                    map: None,
                    src_len: bytes.len(),
                };
            }
        }
        // feed one byte at a time and note where each char started
        let mut decoder = enc.new_decoder_without_bom_handling();
        let mut text = String::with_capacity(body.len() * 3 / 2);
        let mut map = Vec::with_capacity(body.len());
        let mut buf = [0u8; 64];
        let mut pending = bom_len;
        let push = |out: &[u8], at: usize, text: &mut String, map: &mut Vec<(usize, usize)>| {
            let s = String::from_utf8_lossy(out);
            for c in s.chars() {
                map.push((text.len(), at));
                text.push(c);
            }
        };
        for i in 0..body.len() {
            let src = &body[i..i + 1];
            let mut read_total = 0;
            loop {
                let (res, read, written) =
                    decoder.decode_to_utf8_without_replacement(&src[read_total..], &mut buf, false);
                read_total += read;
                if written > 0 {
                    push(&buf[..written], pending, &mut text, &mut map);
                    pending = bom_len + i + 1;
                }
                match res {
                    DecoderResult::InputEmpty => break,
                    DecoderResult::OutputFull => continue,
                    DecoderResult::Malformed(_, _) => {
                        map.push((text.len(), pending));
                        text.push('\u{FFFD}');
                        pending = bom_len + i + 1;
                        if read_total >= src.len() {
                            break;
                        }
                    }
                }
            }
        }
        loop {
            let (res, _, written) = decoder.decode_to_utf8_without_replacement(&[], &mut buf, true);
            if written > 0 {
                push(&buf[..written], pending, &mut text, &mut map);
            }
            match res {
                DecoderResult::Malformed(_, _) => {
                    map.push((text.len(), pending));
                    text.push('\u{FFFD}');
                }
                DecoderResult::OutputFull => continue,
                DecoderResult::InputEmpty => break,
            }
        }
        Decoded {
            text,
            encoding: enc,
            bom_len,
            map: Some(map),
            src_len: bytes.len(),
        }
    }

    /// Source byte offset of decoded offset `dec` (a char boundary).
    pub fn src_offset(&self, dec: usize) -> usize {
        match &self.map {
            None => dec + self.bom_len,
            Some(map) => {
                let i = map.partition_point(|&(d, _)| d < dec);
                match map.get(i) {
                    Some(&(_, s)) => s,
                    None => self.src_len,
                }
            }
        }
    }

    /// Encode `s` in the source encoding (UTF-16 stays UTF-16).
    pub fn encode(&self, s: &str) -> Vec<u8> {
        if self.encoding == UTF_16LE {
            s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
        } else if self.encoding == UTF_16BE {
            s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
        } else {
            self.encoding.encode(s).0.into_owned()
        }
    }

    /// Replace decoded ranges (sorted, non-overlapping) in the original bytes.
    pub fn splice(&self, src: &[u8], edits: &[(usize, usize, String)]) -> Vec<u8> {
        let mut out = Vec::with_capacity(src.len());
        let mut pos = 0;
        for (s, e, r) in edits {
            let (s, e) = (self.src_offset(*s), self.src_offset(*e));
            if s < pos || e < s || e > src.len() {
                continue;
            }
            out.extend_from_slice(&src[pos..s]);
            out.extend_from_slice(&self.encode(r));
            pos = e;
        }
        out.extend_from_slice(&src[pos..]);
        out
    }
}

/// 1-based line number of byte offset `at` in `text`.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    memchr_count(&text.as_bytes()[..at.min(text.len())]) + 1
}

fn memchr_count(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_roundtrip_splice() {
        let (src, _, _) = encoding_rs::GBK.encode("姓名：张三，电话13812345678");
        let d = Decoded::decode(&src, None);
        assert_eq!(d.text, "姓名：张三，电话13812345678");
        let s = d.text.find("张三").unwrap();
        let out = d.splice(&src, &[(s, s + 6, "张*".into())]);
        let (back, _, _) = GB18030.decode(&out);
        assert_eq!(back, "姓名：张*，电话13812345678");
    }

    #[test]
    fn utf16_with_bom() {
        let mut src = vec![0xFF, 0xFE];
        src.extend("电话 138".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = Decoded::decode(&src, None);
        assert_eq!(d.text, "电话 138");
        let out = d.splice(&src, &[(7, 10, "***".into())]);
        let d2 = Decoded::decode(&out, None);
        assert_eq!(d2.text, "电话 ***");
    }
}
