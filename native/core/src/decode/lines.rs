//! Splits a byte stream into lines (LF or CRLF), keeping the partial tail between
//! feeds. The basis of the SSE and NDJSON decoders. A line longer than the cap is
//! an error, so a server can never make us buffer without bound.

use crate::request::DEFAULT_MAX_EVENT_BYTES;

/// A line (or event) grew past the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub max: usize,
}

impl From<TooLarge> for crate::error::LlmError {
    fn from(e: TooLarge) -> Self {
        Self::api_error(
            None,
            format!(
                "the server sent a stream event longer than max_event_bytes={} without ending it: \
                 raise `max_event_bytes` if the server is right to send that much",
                e.max
            ),
        )
    }
}

/// Reassembles lines across arbitrary read boundaries; the buffer is reused.
#[derive(Debug)]
pub struct LineSplitter {
    partial: Vec<u8>,
    max: usize,
}

impl Default for LineSplitter {
    fn default() -> Self {
        Self { partial: Vec::new(), max: DEFAULT_MAX_EVENT_BYTES }
    }
}

impl LineSplitter {
    /// Lines longer than `max` bytes fail the feed.
    pub fn set_max(&mut self, max: usize) {
        self.max = max;
    }

    pub fn max(&self) -> usize {
        self.max
    }

    /// Calls `on_line` with each complete line (without its `\n` or `\r\n`).
    pub fn feed<E: From<TooLarge>>(
        &mut self,
        mut bytes: &[u8],
        mut on_line: impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        while let Some(at) = memchr::memchr(b'\n', bytes) {
            let (head, rest) = (&bytes[..at], &bytes[at + 1..]);
            if self.partial.len() + head.len() > self.max.saturating_add(1) {
                return Err(TooLarge { max: self.max }.into());
            }
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
        if self.partial.len() + bytes.len() > self.max.saturating_add(1) {
            return Err(TooLarge { max: self.max }.into());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(splitter: &mut LineSplitter, chunks: &[&[u8]]) -> Result<Vec<Vec<u8>>, TooLarge> {
        let mut out = Vec::new();
        for c in chunks {
            splitter.feed(c, |l| {
                out.push(l.to_vec());
                Ok::<_, TooLarge>(())
            })?;
        }
        Ok(out)
    }

    #[test]
    fn a_line_past_the_cap_fails_however_it_arrives() {
        let mut s = LineSplitter::default();
        s.set_max(8);
        assert_eq!(lines(&mut s, &[b"12345678\r\n", b"ok\n"]).unwrap(), vec![b"12345678".to_vec(), b"ok".to_vec()]);
        let mut s = LineSplitter::default();
        s.set_max(8);
        assert_eq!(lines(&mut s, &[b"12345", b"6789", b"0\n"]), Err(TooLarge { max: 8 }));
        let mut s = LineSplitter::default();
        s.set_max(8);
        assert_eq!(lines(&mut s, &[b"1234567890123\n"]), Err(TooLarge { max: 8 }));
    }
}
