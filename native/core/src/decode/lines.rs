//! Splits a byte stream into lines (LF or CRLF), keeping the partial tail between
//! feeds. The basis of the SSE and NDJSON decoders.

/// Reassembles lines across arbitrary read boundaries; the buffer is reused.
#[derive(Debug, Default)]
pub struct LineSplitter {
    partial: Vec<u8>,
}

impl LineSplitter {
    /// Calls `on_line` with each complete line (without its `\n` or `\r\n`).
    pub fn feed<E>(&mut self, mut bytes: &[u8], mut on_line: impl FnMut(&[u8]) -> Result<(), E>) -> Result<(), E> {
        while let Some(at) = memchr::memchr(b'\n', bytes) {
            let (head, rest) = (&bytes[..at], &bytes[at + 1..]);
            bytes = rest;
            if self.partial.is_empty() {
                on_line(strip_cr(head))?;
            } else {
                self.partial.extend_from_slice(head);
                let line = std::mem::take(&mut self.partial);
                let result = on_line(strip_cr(&line));
                self.partial = line;
                self.partial.clear();
                result?;
            }
        }
        self.partial.extend_from_slice(bytes);
        Ok(())
    }

    /// The unterminated last line, if the stream ended without a newline.
    pub fn finish<E>(&mut self, mut on_line: impl FnMut(&[u8]) -> Result<(), E>) -> Result<(), E> {
        if self.partial.is_empty() {
            return Ok(());
        }
        let line = std::mem::take(&mut self.partial);
        on_line(strip_cr(&line))
    }
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Text of a complete line; invalid UTF-8 (a broken upstream) is replaced, not fatal.
pub fn line_text(line: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(line)
}
