//! Reading an input as a stream of decoded text pieces, one block
//! (1 MiB) at a time, so memory stays bounded however large the file is.

use std::fs::File;
use std::io::{self, Read};

use crate::args::EncodingArg;
use crate::decode::{self, Malformed, Sniffed, TextDecoder, TextEncoding};
use crate::walk::{io_reason, Input};

/// Bytes read per block.
pub const BLOCK_BYTES: usize = 1 << 20;

/// An input opened for reading text.
pub struct TextReader {
    reader: Box<dyn Read>,
    decoder: TextDecoder,
    /// The next block of raw bytes, already read.
    block: Vec<u8>,
    /// Whether `block` holds unread data (the first block, after sniffing).
    block_full: bool,
    eof: bool,
    /// What the first bytes said.
    pub sniffed: Sniffed,
}

impl TextReader {
    /// Opens `input`, reads its first block and decides how to decode it.
    /// The error is a message for the user (the caller adds the path).
    pub fn open(input: &Input, encoding: EncodingArg) -> Result<Self, String> {
        let (mut reader, path): (Box<dyn Read>, _) = match input {
            Input::Stdin => (Box::new(io::stdin().lock()), None),
            Input::File(path) => {
                let file =
                    File::open(path).map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
                (Box::new(file), Some(path.as_path()))
            }
        };
        let mut block = Vec::with_capacity(BLOCK_BYTES);
        let eof =
            fill(&mut reader, &mut block).map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
        let sniffed = decode::sniff(&block, encoding, path)?;
        Ok(TextReader {
            reader,
            decoder: TextDecoder::new(sniffed, encoding == EncodingArg::Auto),
            block,
            block_full: true,
            eof,
            sniffed,
        })
    }

    /// How many leading bytes of the input precede the decoded text when
    /// spans are counted in the input's own bytes: the BOM of a UTF-8
    /// file. For other encodings spans index the UTF-8 transcoding, which
    /// has no BOM, so this is 0.
    pub fn span_base(&self) -> usize {
        match self.sniffed.encoding {
            TextEncoding::Utf8 => self.sniffed.bom_len,
            _ => 0,
        }
    }

    /// The next decoded piece, or `None` at the end of the input.
    pub fn next_piece(&mut self) -> Result<Option<String>, String> {
        if !self.block_full {
            if self.eof {
                return Ok(None);
            }
            self.block.clear();
            self.eof = fill(&mut self.reader, &mut self.block)
                .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
        }
        self.block_full = false;
        Ok(Some(self.decoder.decode(&self.block, self.eof)))
    }

    /// The first malformed byte sequence decoded so far, if any.
    pub fn malformed(&self) -> Option<Malformed> {
        self.decoder.malformed()
    }
}

/// Reads into `buf` until it holds [`BLOCK_BYTES`] or the input ends;
/// returns whether the input ended.
fn fill(reader: &mut dyn Read, buf: &mut Vec<u8>) -> io::Result<bool> {
    buf.resize(BLOCK_BYTES, 0);
    let mut len = 0;
    let result = loop {
        if len == buf.len() {
            break Ok(false);
        }
        match reader.read(&mut buf[len..]) {
            Ok(0) => break Ok(true),
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    buf.truncate(len);
    result
}
