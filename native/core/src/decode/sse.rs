//! Server-Sent Events, as the providers actually send them: LF or CRLF (Gemini uses
//! `\r\n\r\n`), `data:` with or without the space, multi-line data, `:` comment lines
//! (OpenRouter's `: OPENROUTER PROCESSING`), `event:` lines (Anthropic, Groq errors).
//! Spec: https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation

use super::lines::{line_text, LineSplitter, TooLarge};

/// One dispatched event. `event` is empty for the default "message" type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SseEvent<'a> {
    pub event: &'a str,
    pub data: &'a str,
}

#[derive(Debug, Default)]
pub struct SseDecoder {
    lines: LineSplitter,
    event: String,
    data: String,
    has_data: bool,
}

impl SseDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Caps one line and one event's data at `max` bytes.
    pub fn set_max(&mut self, max: usize) {
        self.lines.set_max(max);
    }

    /// Feeds raw body bytes; calls `on_event` for each complete event.
    pub fn feed<E: From<TooLarge>>(
        &mut self,
        bytes: &[u8],
        mut on_event: impl FnMut(SseEvent<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let Self { lines, event, data, has_data } = self;
        let max = lines.max();
        lines.feed(bytes, |line| Self::line(line, max, event, data, has_data, &mut on_event))
    }

    /// Dispatches an event left without its closing blank line when the body ended.
    pub fn finish<E: From<TooLarge>>(
        &mut self,
        mut on_event: impl FnMut(SseEvent<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let Self { lines, event, data, has_data } = self;
        let max = lines.max();
        lines.finish(|line| Self::line(line, max, event, data, has_data, &mut on_event))?;
        Self::line(b"", max, event, data, has_data, &mut on_event)
    }

    fn line<E: From<TooLarge>>(
        line: &[u8],
        max: usize,
        event: &mut String,
        data: &mut String,
        has_data: &mut bool,
        on_event: &mut impl FnMut(SseEvent<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        if line.is_empty() {
            let result = if *has_data { on_event(SseEvent { event, data }) } else { Ok(()) };
            event.clear();
            data.clear();
            *has_data = false;
            return result;
        }
        if line[0] == b':' {
            return Ok(());
        }
        let (field, value) = match memchr::memchr(b':', line) {
            Some(at) => {
                let value = &line[at + 1..];
                (&line[..at], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &b""[..]),
        };
        match field {
            b"data" => {
                // Multi-line data accumulates: the cap covers the whole event.
                if data.len() + value.len() > max {
                    return Err(TooLarge { max }.into());
                }
                if *has_data {
                    data.push('\n');
                }
                data.push_str(&line_text(value));
                *has_data = true;
            }
            b"event" => {
                event.clear();
                event.push_str(&line_text(value));
            }
            _ => {} // id, retry: not used by any provider we speak to
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::split_test::every_split;

    fn collect(chunks: &[&[u8]]) -> Vec<(String, String)> {
        let mut dec = SseDecoder::new();
        let mut out = Vec::new();
        for c in chunks {
            dec.feed(c, |e| {
                out.push((e.event.to_owned(), e.data.to_owned()));
                Ok::<_, TooLarge>(())
            })
            .unwrap();
        }
        dec.finish(|e| {
            out.push((e.event.to_owned(), e.data.to_owned()));
            Ok::<_, TooLarge>(())
        })
        .unwrap();
        out
    }

    const MIXED: &str = ": OPENROUTER PROCESSING\r\n\r\nevent: message_start\r\ndata: {\"a\":\"é漢🎉\"}   \r\n\r\ndata:{\"b\":1}\n\ndata: line1\ndata: line2\n\nevent: error\ndata: {\"error\":{}}\n\ndata: [DONE]\n\n";

    #[test]
    fn decodes_every_wire_quirk() {
        let out = collect(&[MIXED.as_bytes()]);
        assert_eq!(
            out,
            vec![
                ("message_start".into(), "{\"a\":\"é漢🎉\"}   ".into()),
                ("".into(), "{\"b\":1}".into()),
                ("".into(), "line1\nline2".into()),
                ("error".into(), "{\"error\":{}}".into()),
                ("".into(), "[DONE]".into()),
            ]
        );
    }

    #[test]
    fn every_split_point_gives_the_same_events() {
        let whole = collect(&[MIXED.as_bytes()]);
        every_split(MIXED.as_bytes(), |parts| assert_eq!(collect(parts), whole));
    }

    #[test]
    fn event_without_final_blank_line_is_dispatched_at_finish() {
        assert_eq!(collect(&[b"data: tail"]), vec![("".into(), "tail".into())]);
    }
}
