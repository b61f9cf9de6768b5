//! Opening an input: a plain-text file is read as a stream of decoded
//! text pieces, one block (1 MiB) at a time, so memory stays bounded
//! however large the file is; a document (DOCX, XLSX, PDF, CSV, HTML,
//! Markdown) is read whole and handed to `tuomin_pipeline`.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use tuomin_pipeline::decode::{self, Malformed, Sniffed, TextDecoder, TextEncoding};
use tuomin_pipeline::Format;

use crate::args::EncodingArg;
use crate::walk::{io_reason, Input};

/// An opened input.
pub enum Opened {
    /// Plain text, streamed.
    Text(TextReader),
    /// A document, read whole (its format is told again from all its bytes).
    Document(Vec<u8>),
}

/// Opens `input`: reads its first block, tells text from documents by
/// content and extension, and either streams the text or reads the whole
/// document. The error is a message for the user (the caller adds the
/// path).
pub fn open(input: &Input, encoding: EncodingArg) -> Result<Opened, String> {
    let (mut reader, path): (Box<dyn Read>, _) = match input {
        Input::Stdin => (Box::new(io::stdin().lock()), None),
        Input::File(path) => {
            let file = File::open(path).map_err(|e| format!("cannot open: {}", io_reason(&e)))?;
            (Box::new(file), Some(path.as_path()))
        }
    };
    let mut block = Vec::with_capacity(BLOCK_BYTES);
    let eof =
        fill(&mut reader, &mut block).map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    if is_document(&block, path)? {
        if !eof {
            let limit = tuomin_pipeline::Limits::default().max_input_bytes;
            reader
                .take(limit.saturating_sub(block.len() as u64).saturating_add(1))
                .read_to_end(&mut block)
                .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
            if block.len() as u64 > limit {
                return Err(format!(
                    "document too large: over the limit of {limit} bytes; not checked"
                ));
            }
        }
        return Ok(Opened::Document(block));
    }
    TextReader::start(reader, block, eof, encoding).map(Opened::Text)
}

/// Whether the first bytes of an input are those of a document rather
/// than plain text; legacy, encrypted and mislabelled files are errors.
fn is_document(head: &[u8], path: Option<&Path>) -> Result<bool, String> {
    // A zip is told apart (DOCX, XLSX, …) only from its central directory
    // at the end: read it whole.
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(true);
    }
    match tuomin_pipeline::format_of(path.unwrap_or(Path::new("")), head) {
        Ok(Format::Text) => Ok(false),
        Ok(_) => Ok(true),
        Err(e) => Err(e.to_string()),
    }
}

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
    /// Starts reading text whose first block is `block`, deciding how to
    /// decode it.
    fn start(
        reader: Box<dyn Read>,
        block: Vec<u8>,
        eof: bool,
        encoding: EncodingArg,
    ) -> Result<Self, String> {
        let sniffed = decode::sniff(&block, encoding.forced())?;
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
