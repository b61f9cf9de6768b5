//! Plain-text decoding, shared by the CLI's streaming path and
//! [`scan_bytes`](crate::scan_bytes)/[`redact_bytes`](crate::redact_bytes):
//! tell the encoding of a text file (byte-order mark, else UTF-8 if valid,
//! else GB18030/GBK), turn its bytes into UTF-8 text block by block, and
//! encode text back into the file's own encoding.
//!
//! ```
//! use tuomin_pipeline::decode::{sniff, TextDecoder, TextEncoder, TextEncoding};
//! let (gbk, _, _) = encoding_rs::GBK.encode("户主张三");
//! let sniffed = sniff(&gbk, None).unwrap();
//! assert_eq!(sniffed.encoding, TextEncoding::Gb18030);
//! let mut d = TextDecoder::new(sniffed, true);
//! let text = d.decode(&gbk, true);
//! assert_eq!(text, "户主张三");
//! let mut back = Vec::new();
//! TextEncoder::new(sniffed.encoding, false).encode(&text, &mut back, true);
//! assert_eq!(back, gbk.into_owned());
//! ```

use encoding_rs::{CoderResult, DecoderResult, Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// How many leading bytes decide "UTF-8 or not" when the encoding is
/// detected.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// A NUL byte within this many leading bytes makes a file binary.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// A text encoding tuomin reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8.
    Utf8,
    /// GBK (decoded as GB18030, which is a superset).
    Gbk,
    /// GB18030.
    Gb18030,
    /// UTF-16 little-endian.
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Any other encoding `encoding_rs` knows (forced by the caller, e.g. Big5).
    Other(&'static Encoding),
}

impl TextEncoding {
    /// The name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Other(e) => e.name(),
        }
    }

    /// The `encoding_rs` encoding used to decode.
    ///
    /// ```
    /// use tuomin_pipeline::decode::TextEncoding;
    /// assert_eq!(TextEncoding::Gbk.encoding_rs(), encoding_rs::GBK);
    /// ```
    pub fn encoding_rs(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => UTF_8,
            TextEncoding::Gbk => GBK,
            TextEncoding::Gb18030 => GB18030,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            TextEncoding::Other(e) => e,
        }
    }

    /// The text encoding for an `encoding_rs` encoding.
    ///
    /// ```
    /// use tuomin_pipeline::decode::TextEncoding;
    /// assert_eq!(TextEncoding::from_encoding(encoding_rs::UTF_16LE), TextEncoding::Utf16Le);
    /// ```
    pub fn from_encoding(e: &'static Encoding) -> TextEncoding {
        if e == UTF_8 {
            TextEncoding::Utf8
        } else if e == GBK {
            TextEncoding::Gbk
        } else if e == GB18030 {
            TextEncoding::Gb18030
        } else if e == UTF_16LE {
            TextEncoding::Utf16Le
        } else if e == UTF_16BE {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Other(e)
        }
    }

    /// The byte-order mark of this encoding (empty for GBK/GB18030).
    pub fn bom(self) -> &'static [u8] {
        match self {
            TextEncoding::Utf8 => b"\xEF\xBB\xBF",
            TextEncoding::Utf16Le => b"\xFF\xFE",
            TextEncoding::Utf16Be => b"\xFE\xFF",
            TextEncoding::Gbk | TextEncoding::Gb18030 | TextEncoding::Other(_) => b"",
        }
    }
}

/// What the first bytes of an input say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// The encoding to decode with.
    pub encoding: TextEncoding,
    /// Length of the byte-order mark at the start (0 if none).
    pub bom_len: usize,
}

/// Decides how to read a text input from its first bytes (`head`, ideally
/// at least [`SNIFF_BYTES`] long unless the input is shorter).
///
/// `forced` is an encoding the caller insists on (`--encoding`); a BOM of
/// that same encoding is still skipped. Without it: a byte-order mark
/// wins, then UTF-8 if the head is valid UTF-8, else GB18030 (a superset
/// of GBK and GB2312).
///
/// Returns an error message for binary data (NUL bytes in the first 8 KiB,
/// unless the text is UTF-16).
///
/// ```
/// use tuomin_pipeline::decode::{sniff, TextEncoding};
/// assert_eq!(sniff(b"\xEF\xBB\xBFabc", None).unwrap().bom_len, 3);
/// assert_eq!(sniff("姓名".as_bytes(), None).unwrap().encoding, TextEncoding::Utf8);
/// assert!(sniff(b"ab\0cd", None).is_err());
/// assert!(sniff(b"a\0b\0", Some(encoding_rs::UTF_16LE)).is_ok());
/// ```
pub fn sniff(head: &[u8], forced: Option<&'static Encoding>) -> Result<Sniffed, String> {
    let bom = bom_of(head);
    let forced = forced.map(TextEncoding::from_encoding);
    let utf16 = match forced {
        Some(e) => matches!(e, TextEncoding::Utf16Le | TextEncoding::Utf16Be),
        None => matches!(
            bom,
            Some((TextEncoding::Utf16Le | TextEncoding::Utf16Be, _))
        ),
    };
    if !utf16 && head[..head.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return Err(
            "unsupported format: binary data (NUL bytes in the first 8 KiB); \
                    if this is UTF-16 text without a byte-order mark, pass --encoding utf-16le \
                    or --encoding utf-16be"
                .to_string(),
        );
    }
    Ok(match forced {
        Some(encoding) => {
            let bom_len = match bom {
                Some((e, len)) if e == encoding => len,
                _ => 0,
            };
            Sniffed { encoding, bom_len }
        }
        None => match bom {
            Some((encoding, bom_len)) => Sniffed { encoding, bom_len },
            None if looks_utf8(&head[..head.len().min(SNIFF_BYTES)]) => Sniffed {
                encoding: TextEncoding::Utf8,
                bom_len: 0,
            },
            None => Sniffed {
                encoding: TextEncoding::Gb18030,
                bom_len: 0,
            },
        },
    })
}

fn bom_of(head: &[u8]) -> Option<(TextEncoding, usize)> {
    if head.starts_with(b"\xEF\xBB\xBF") {
        Some((TextEncoding::Utf8, 3))
    } else if head.starts_with(b"\xFF\xFE") {
        Some((TextEncoding::Utf16Le, 2))
    } else if head.starts_with(b"\xFE\xFF") {
        Some((TextEncoding::Utf16Be, 2))
    } else {
        None
    }
}

/// Valid UTF-8, except perhaps for a char cut off at the end.
fn looks_utf8(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// Where decoding found bytes that are not valid in the encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed {
    /// Byte offset in the input (counted from its first byte, BOM included).
    pub offset: u64,
    /// The encoding the input was read as.
    pub encoding: TextEncoding,
    /// Whether the encoding was detected rather than given with --encoding.
    pub detected: bool,
}

impl Malformed {
    /// A message for the user, with a hint on what to do.
    pub fn message(&self) -> String {
        let hint = match (self.encoding, self.detected) {
            (TextEncoding::Utf8, true) => {
                "; the file started as UTF-8 but is not UTF-8 throughout: \
                 pass --encoding gbk (or gb18030, utf-16le, ...) to say how it is encoded"
            }
            (_, true) => "; pass --encoding to say how the file is encoded",
            (_, false) => "; check that --encoding names the file's real encoding",
        };
        format!(
            "invalid {} at byte offset {}{hint}",
            self.encoding.name(),
            self.offset
        )
    }
}

/// Decodes an input block by block into UTF-8 text.
pub struct TextDecoder {
    decoder: encoding_rs::Decoder,
    encoding: TextEncoding,
    detected: bool,
    /// Bytes of the input still to skip (the BOM).
    skip: usize,
    /// Input bytes consumed so far (BOM included).
    consumed: u64,
    first_malformed: Option<Malformed>,
}

impl TextDecoder {
    /// A decoder for an input sniffed as `sniffed`.
    pub fn new(sniffed: Sniffed, detected: bool) -> Self {
        TextDecoder {
            decoder: sniffed
                .encoding
                .encoding_rs()
                .new_decoder_without_bom_handling(),
            encoding: sniffed.encoding,
            detected,
            skip: sniffed.bom_len,
            consumed: 0,
            first_malformed: None,
        }
    }

    /// The first malformed byte sequence seen so far, if any. Each one is
    /// decoded as U+FFFD.
    pub fn malformed(&self) -> Option<Malformed> {
        self.first_malformed
    }

    /// Decodes the next block of bytes; `last` marks the end of the input.
    pub fn decode(&mut self, mut bytes: &[u8], last: bool) -> String {
        let skip = self.skip.min(bytes.len());
        self.skip -= skip;
        self.consumed += skip as u64;
        bytes = &bytes[skip..];

        let mut out = String::new();
        let mut pos = 0;
        loop {
            let need = self
                .decoder
                .max_utf8_buffer_length_without_replacement(bytes.len() - pos)
                .unwrap_or(bytes.len() - pos + 16);
            out.reserve(need.max(16));
            let (result, read) =
                self.decoder
                    .decode_to_string_without_replacement(&bytes[pos..], &mut out, last);
            pos += read;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => continue,
                DecoderResult::Malformed(bad, extra) => {
                    if self.first_malformed.is_none() {
                        // The sequence may have begun in the previous block.
                        let offset = (self.consumed + pos as u64)
                            .saturating_sub(u64::from(bad) + u64::from(extra));
                        self.first_malformed = Some(Malformed {
                            offset,
                            encoding: self.encoding,
                            detected: self.detected,
                        });
                    }
                    out.push('\u{FFFD}');
                }
            }
        }
        self.consumed += bytes.len() as u64;
        out
    }
}

/// Encodes UTF-8 text back into an input's encoding, piece by piece.
pub struct TextEncoder {
    encoding: TextEncoding,
    encoder: Option<encoding_rs::Encoder>,
    bom_pending: bool,
}

impl TextEncoder {
    /// An encoder for `encoding`, writing a BOM first if `bom` is set.
    pub fn new(encoding: TextEncoding, bom: bool) -> Self {
        let encoder = match encoding {
            TextEncoding::Gbk | TextEncoding::Gb18030 | TextEncoding::Other(_) => {
                Some(encoding.encoding_rs().new_encoder())
            }
            _ => None,
        };
        TextEncoder {
            encoding,
            encoder,
            bom_pending: bom,
        }
    }

    /// Appends `text`, encoded, to `out`; `last` marks the end of the text.
    pub fn encode(&mut self, text: &str, out: &mut Vec<u8>, last: bool) {
        if std::mem::take(&mut self.bom_pending) {
            out.extend_from_slice(self.encoding.bom());
        }
        match self.encoding {
            TextEncoding::Utf8 => out.extend_from_slice(text.as_bytes()),
            TextEncoding::Utf16Le => {
                out.reserve(text.len() * 2);
                for unit in text.encode_utf16() {
                    out.extend_from_slice(&unit.to_le_bytes());
                }
            }
            TextEncoding::Utf16Be => {
                out.reserve(text.len() * 2);
                for unit in text.encode_utf16() {
                    out.extend_from_slice(&unit.to_be_bytes());
                }
            }
            TextEncoding::Gbk | TextEncoding::Gb18030 | TextEncoding::Other(_) => {
                let Some(encoder) = self.encoder.as_mut() else {
                    return;
                };
                let mut pos = 0;
                loop {
                    let need = encoder
                        .max_buffer_length_from_utf8_if_no_unmappables(text.len() - pos)
                        .unwrap_or(text.len() - pos + 16);
                    out.reserve(need.max(16));
                    let (result, read, _) =
                        encoder.encode_from_utf8_to_vec(&text[pos..], out, last);
                    pos += read;
                    match result {
                        CoderResult::InputEmpty => break,
                        CoderResult::OutputFull => continue,
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(head: &[u8]) -> Result<Sniffed, String> {
        sniff(head, None)
    }

    #[test]
    fn sniffs_boms() {
        assert_eq!(
            auto(b"\xEF\xBB\xBFabc"),
            Ok(Sniffed {
                encoding: TextEncoding::Utf8,
                bom_len: 3
            })
        );
        assert_eq!(
            auto(b"\xFF\xFEa\0"),
            Ok(Sniffed {
                encoding: TextEncoding::Utf16Le,
                bom_len: 2
            })
        );
        assert_eq!(
            auto(b"\xFE\xFF\0a"),
            Ok(Sniffed {
                encoding: TextEncoding::Utf16Be,
                bom_len: 2
            })
        );
    }

    #[test]
    fn sniffs_utf8_with_truncated_last_char() {
        let text = "身份证号".as_bytes();
        assert_eq!(
            auto(&text[..text.len() - 1]).map(|s| s.encoding),
            Ok(TextEncoding::Utf8)
        );
    }

    #[test]
    fn falls_back_to_gb18030() {
        let (gbk, _, _) = GBK.encode("低保名单");
        assert_eq!(auto(&gbk).map(|s| s.encoding), Ok(TextEncoding::Gb18030));
    }

    #[test]
    fn rejects_binary() {
        assert!(auto(b"ab\0cd").unwrap_err().contains("binary"));
        // NUL bytes are fine in UTF-16 asked for explicitly.
        assert!(sniff(b"a\0b\0", Some(UTF_16LE)).is_ok());
    }

    #[test]
    fn decodes_across_block_boundaries() {
        let bytes = "电话13812345678".as_bytes();
        let mut d = TextDecoder::new(
            Sniffed {
                encoding: TextEncoding::Utf8,
                bom_len: 0,
            },
            true,
        );
        let mut text = String::new();
        for b in bytes.chunks(1) {
            text += &d.decode(b, false);
        }
        text += &d.decode(&[], true);
        assert_eq!(text, "电话13812345678");
        assert_eq!(d.malformed(), None);
    }

    #[test]
    fn reports_offset_of_invalid_utf8() {
        let mut d = TextDecoder::new(
            Sniffed {
                encoding: TextEncoding::Utf8,
                bom_len: 3,
            },
            true,
        );
        let mut text = d.decode(b"\xEF\xBB\xBFab", false);
        text += &d.decode(b"c\xFFd", true);
        assert_eq!(text, "abc\u{FFFD}d");
        assert_eq!(d.malformed().map(|m| m.offset), Some(6));
        assert!(d
            .malformed()
            .map(|m| m.message())
            .unwrap_or_default()
            .contains("--encoding"));
    }

    proptest::proptest! {
        #[test]
        fn any_split_decodes_like_the_whole(
            text in "[a-z0-9，。\\r\\n低保户主张王李身份证号电话𠀀€]{0,200}",
            sizes in proptest::collection::vec(1usize..9, 1..5),
            which in 0usize..4,
        ) {
            let enc = [
                TextEncoding::Utf8,
                TextEncoding::Gb18030,
                TextEncoding::Utf16Le,
                TextEncoding::Utf16Be,
            ][which];
            let mut bytes = Vec::new();
            let mut e = TextEncoder::new(enc, enc != TextEncoding::Gb18030);
            e.encode(&text, &mut bytes, true);
            let sniffed = Sniffed { encoding: enc, bom_len: enc.bom().len() };
            let mut d = TextDecoder::new(sniffed, false);
            let mut out = String::new();
            let mut rest = &bytes[..];
            let mut i = 0;
            while !rest.is_empty() {
                let n = sizes[i % sizes.len()].min(rest.len());
                i += 1;
                out += &d.decode(&rest[..n], false);
                rest = &rest[n..];
            }
            out += &d.decode(&[], true);
            proptest::prop_assert_eq!(out, text);
            proptest::prop_assert_eq!(d.malformed(), None);
        }
    }

    #[test]
    fn utf16_round_trips() {
        for enc in [
            TextEncoding::Utf16Le,
            TextEncoding::Utf16Be,
            TextEncoding::Gb18030,
        ] {
            let mut e = TextEncoder::new(enc, true);
            let mut bytes = Vec::new();
            e.encode("户主张三，", &mut bytes, false);
            e.encode("电话𠀀", &mut bytes, true);
            let sniffed = auto(&bytes).unwrap_or(Sniffed {
                encoding: enc,
                bom_len: 0,
            });
            let mut d = TextDecoder::new(sniffed, true);
            let mut text = String::new();
            for b in bytes.chunks(3) {
                text += &d.decode(b, false);
            }
            text += &d.decode(&[], true);
            assert_eq!(text, "户主张三，电话𠀀", "{enc:?}");
        }
    }
}
