//! Reading a response body as the server sent it, whatever it sent: the
//! `Content-Encoding` a server applied although we asked for identity is undone
//! (gzip and deflate, with flate2; anything else is a typed error), a 2xx whose
//! `Content-Type` cannot be a model's answer (an HTML proxy or captive-portal page)
//! is refused with its excerpt, and no read ever buffers more than a cap.

use std::io::Write as _;

use bytes::Bytes;
use flate2::write::{GzDecoder, ZlibDecoder};
use http::HeaderMap;
use http_body_util::BodyExt;
use hyper::body::Incoming;

use crate::error::{LlmError, Result};

/// How much of an error body we read: enough for any provider's error message.
pub const MAX_ERROR_BODY_BYTES: usize = 64 << 10;

enum Decoding {
    Identity,
    Gzip(Box<GzDecoder<Vec<u8>>>),
    Deflate(Box<ZlibDecoder<Vec<u8>>>),
}

/// A response body read frame by frame, decoded.
pub struct BodyReader {
    body: Incoming,
    decoding: Decoding,
    status: u16,
}

impl BodyReader {
    /// Fails (with the status) when the body is in an encoding we cannot undo.
    pub fn new(response: http::Response<Incoming>) -> Result<Self> {
        let status = response.status().as_u16();
        let decoding = decoding_for(response.headers()).map_err(|e| e.with_status(status))?;
        Ok(Self { body: response.into_body(), decoding, status })
    }

    /// The next decoded bytes (possibly empty while a compressor buffers); `None` at the end.
    pub async fn next(&mut self) -> Option<Result<Bytes>> {
        loop {
            let frame = match self.body.frame().await? {
                Ok(frame) => frame,
                Err(e) => return Some(Err(LlmError::connection(format!("the connection broke mid-response: {e}")))),
            };
            let Ok(data) = frame.into_data() else {
                continue; // trailers carry nothing we use
            };
            return Some(self.decode(&data));
        }
    }

    /// Flushes the decompressor at the end of the body; a truncated compressed body is an error.
    pub fn finish(&mut self) -> Result<Bytes> {
        let status = self.status;
        let truncated = |e: std::io::Error| {
            LlmError::connection(format!("the compressed response ended before its end ({e})")).with_status(status)
        };
        match &mut self.decoding {
            Decoding::Identity => Ok(Bytes::new()),
            Decoding::Gzip(d) => {
                d.try_finish().map_err(truncated)?;
                Ok(Bytes::from(std::mem::take(d.get_mut())))
            }
            Decoding::Deflate(d) => {
                d.try_finish().map_err(truncated)?;
                Ok(Bytes::from(std::mem::take(d.get_mut())))
            }
        }
    }

    fn decode(&mut self, data: &Bytes) -> Result<Bytes> {
        let status = self.status;
        let corrupt =
            |e: std::io::Error| LlmError::api_error(Some(status), format!("the compressed response is corrupt: {e}"));
        match &mut self.decoding {
            Decoding::Identity => Ok(data.clone()),
            Decoding::Gzip(d) => {
                d.write_all(data).map_err(corrupt)?;
                Ok(Bytes::from(std::mem::take(d.get_mut())))
            }
            Decoding::Deflate(d) => {
                d.write_all(data).map_err(corrupt)?;
                Ok(Bytes::from(std::mem::take(d.get_mut())))
            }
        }
    }

    /// The whole body, failing once it passes `cap` bytes (`what` names the cap).
    pub async fn read_all(mut self, cap: usize, what: &str) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            if out.len() + chunk.len() > cap {
                return Err(too_large(self.status, cap, what));
            }
            out.extend_from_slice(&chunk);
        }
        let tail = self.finish()?;
        if out.len() + tail.len() > cap {
            return Err(too_large(self.status, cap, what));
        }
        out.extend_from_slice(&tail);
        Ok(out)
    }

    /// At most `cap` bytes of the body; the rest is never read (the connection is dropped).
    pub async fn read_prefix(mut self, cap: usize) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        while out.len() < cap {
            match self.next().await {
                Some(chunk) => out.extend_from_slice(&chunk?),
                None => {
                    // A corrupt tail still leaves the readable prefix useful.
                    out.extend_from_slice(&self.finish().unwrap_or_default());
                    break;
                }
            }
        }
        out.truncate(cap);
        Ok(out)
    }
}

fn too_large(status: u16, cap: usize, what: &str) -> LlmError {
    LlmError::api_error(
        Some(status),
        format!("{what} is larger than max_event_bytes={cap}: raise `max_event_bytes` if the server is right to send that much"),
    )
}

fn decoding_for(headers: &HeaderMap) -> Result<Decoding> {
    let Some(value) = headers.get(http::header::CONTENT_ENCODING) else {
        return Ok(Decoding::Identity);
    };
    let encoding = value.to_str().unwrap_or("(not text)").trim().to_ascii_lowercase();
    match encoding.as_str() {
        "" | "identity" => Ok(Decoding::Identity),
        "gzip" | "x-gzip" => Ok(Decoding::Gzip(Box::new(GzDecoder::new(Vec::new())))),
        "deflate" => Ok(Decoding::Deflate(Box::new(ZlibDecoder::new(Vec::new())))),
        other => Err(LlmError::api_error(
            None,
            format!(
                "the server compressed its response with Content-Encoding: {other}, which we did not ask for \
                 (we send `Accept-Encoding: identity`) and cannot decode: check the proxy in front of `api_base`"
            ),
        )),
    }
}

/// Media types a model's answer can come in: event streams, NDJSON, JSON (and
/// servers that label them loosely). Anything else (HTML above all) is not an answer.
fn is_answer_type(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(
        media.as_str(),
        "" | "text/event-stream"
            | "application/json"
            | "text/json"
            | "application/x-ndjson"
            | "application/ndjson"
            | "application/jsonl"
            | "application/x-jsonlines"
            | "text/plain"
            | "application/octet-stream"
    ) || media.ends_with("+json")
}

/// Refuses a 2xx response whose `Content-Type` cannot be a model's answer, quoting
/// the start of what came instead.
pub async fn check_answer_type(response: http::Response<Incoming>) -> Result<http::Response<Incoming>> {
    let content_type = match response.headers().get(http::header::CONTENT_TYPE) {
        None => return Ok(response),
        Some(v) => v.to_str().unwrap_or("(not text)").to_owned(),
    };
    if is_answer_type(&content_type) {
        return Ok(response);
    }
    let status = response.status().as_u16();
    let excerpt = BodyReader::new(response)?.read_prefix(2048).await.unwrap_or_default();
    Err(LlmError::api_error(
        Some(status),
        format!(
            "the server answered HTTP {status} with Content-Type: {content_type}, not a model's answer \
             (a proxy, captive portal or web server may be answering at `api_base`): {}",
            excerpt_text(&excerpt)
        ),
    ))
}

/// The start of a body as one line of text, for error messages.
pub fn excerpt_text(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    match joined.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &joined[..at]),
        None => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_types() {
        for ok in [
            "text/event-stream; charset=utf-8",
            "application/json",
            "application/x-ndjson",
            "application/vnd.x+json",
            "",
        ] {
            assert!(is_answer_type(ok), "{ok}");
        }
        for bad in ["text/html; charset=UTF-8", "application/xhtml+xml", "image/png", "text/xml"] {
            assert!(!is_answer_type(bad), "{bad}");
        }
    }

    #[test]
    fn unknown_encodings_are_refused_by_name() {
        let mut h = HeaderMap::new();
        h.insert(http::header::CONTENT_ENCODING, "br".parse().unwrap());
        let err = decoding_for(&h).err().unwrap();
        assert!(err.message.contains("br"), "{}", err.message);
        h.insert(http::header::CONTENT_ENCODING, "GZIP".parse().unwrap());
        assert!(matches!(decoding_for(&h), Ok(Decoding::Gzip(_))));
    }
}
