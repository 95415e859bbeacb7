//! The latency record of one call, measured at the socket on a monotonic clock and
//! defined as the benchmark tools define it: TTFT is the first non-empty content or
//! reasoning delta (not the empty role chunk); decode rate is (tokens − 1) / (end −
//! first token); end-to-end rate is tokens / (end − start). A chunk is not a token:
//! token counts come from the provider's usage when it reports one, otherwise an
//! estimate that is labelled as such.

use std::time::Instant;

use serde::Serialize;

use crate::http::client::Arrival;
use crate::http::clock::{ms_between, unix_ms_now};
use crate::parts::OllamaTimings;
use crate::server_timing::ServerTimings;

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum TokenSource {
    /// The provider's own usage report.
    Provider,
    /// ceil(characters / 4): no usage was reported.
    Estimate,
}

/// The latency record of one call, measured at the socket on a monotonic clock.
/// Offsets (`*_ms` except the phase durations) are milliseconds from the moment the
/// call was made; phase durations (`dns_ms`, `connect_ms`, `tls_ms`) are milliseconds.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Timing {
    pub start_unix_ms: f64,
    /// DNS lookup duration; null for IP-literal hosts or a reused connection.
    pub dns_ms: Option<f64>,
    /// TCP connect duration; null on a reused connection.
    pub connect_ms: Option<f64>,
    /// TLS handshake duration; null for plain HTTP or a reused connection.
    pub tls_ms: Option<f64>,
    pub request_sent_ms: Option<f64>,
    /// Time to first byte: response headers received.
    pub headers_ms: Option<f64>,
    pub first_event_ms: Option<f64>,
    /// Time to first token: first non-empty content, reasoning or tool-call delta.
    pub first_token_ms: Option<f64>,
    pub end_ms: Option<f64>,
    pub reused_connection: bool,
    #[cfg_attr(test, ts(type = "'1.0' | '1.1' | '2' | null"))]
    pub http_version: Option<&'static str>,
    /// Arrival offset of every token-bearing chunk (inter-token latency = differences).
    pub chunk_offsets_ms: Vec<f64>,
    pub output_tokens: u32,
    pub output_tokens_source: TokenSource,
    /// (output_tokens − 1) / (end − first token); null when not measurable.
    pub decode_tokens_per_s: Option<f64>,
    /// output_tokens / (end − start).
    pub e2e_tokens_per_s: Option<f64>,
    /// Every token arrived in one network read: a buffering proxy or a non-streaming
    /// server. Rates are withheld rather than reported as absurd numbers.
    pub buffered: bool,
    /// Requests made, retries included.
    pub attempts: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub ollama: Option<OllamaTimings>,
    /// What the server reported about its own timing, by source, in ms; absent
    /// when it reported nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub server: Option<ServerTimings>,
}

/// Collects a call's events; cheap to update on the per-chunk path.
#[derive(Debug)]
pub struct TimingRecorder {
    start: Instant,
    start_unix_ms: f64,
    arrival: Option<Arrival>,
    first_event: Option<Instant>,
    first_token: Option<Instant>,
    end: Option<Instant>,
    chunk_offsets_ms: Vec<f64>,
    /// Distinct network reads that carried tokens (to detect buffering).
    token_reads: u32,
    pub attempts: u32,
    server: ServerTimings,
}

impl TimingRecorder {
    pub fn start() -> Self {
        Self {
            start: Instant::now(),
            start_unix_ms: unix_ms_now(),
            arrival: None,
            first_event: None,
            first_token: None,
            end: None,
            chunk_offsets_ms: Vec::new(),
            token_reads: 0,
            attempts: 0,
            server: ServerTimings::default(),
        }
    }

    pub fn started_at(&self) -> Instant {
        self.start
    }

    pub fn offset_ms(&self, at: Instant) -> f64 {
        ms_between(self.start, at)
    }

    pub fn response_arrived(&mut self, arrival: Arrival) {
        self.arrival = Some(arrival);
    }

    /// A network read delivered bytes that decoded into at least one event.
    pub fn event_read(&mut self, at: Instant) {
        self.first_event.get_or_insert(at);
    }

    /// A network read delivered `tokens` token-bearing parts.
    pub fn tokens_read(&mut self, at: Instant, tokens: usize) {
        if tokens == 0 {
            return;
        }
        self.first_token.get_or_insert(at);
        self.token_reads += 1;
        let offset = self.offset_ms(at);
        self.chunk_offsets_ms.extend(std::iter::repeat_n(offset, tokens));
    }

    /// The response's headers: any server-timing header is kept.
    pub fn response_headers(&mut self, headers: &http::HeaderMap) {
        self.server.read_headers(headers);
    }

    /// Timings the server reported in the body (decoded as parts).
    pub fn server_reports(&mut self, reported: &ServerTimings) {
        self.server.llama_cpp = reported.llama_cpp.or(self.server.llama_cpp);
        self.server.groq = reported.groq.or(self.server.groq);
    }

    pub fn finish(&mut self) {
        self.end.get_or_insert_with(Instant::now);
    }

    /// The record, with token counts from usage (`Some`) or the estimate.
    pub fn build(&self, provider_tokens: Option<u32>, estimated_tokens: u32, ollama: Option<OllamaTimings>) -> Timing {
        let offset = |at: Option<Instant>| at.map(|t| self.offset_ms(t));
        let (output_tokens, output_tokens_source) = match provider_tokens {
            Some(n) => (n, TokenSource::Provider),
            None => (estimated_tokens, TokenSource::Estimate),
        };
        let buffered = self.token_reads == 1 && self.chunk_offsets_ms.len() > 1;
        let end_ms = offset(self.end);
        let first_token_ms = offset(self.first_token);
        let decode_tokens_per_s = match (first_token_ms, end_ms) {
            (Some(first), Some(end)) if !buffered && output_tokens > 1 && end > first => {
                Some((output_tokens - 1) as f64 / ((end - first) / 1000.0))
            }
            _ => None,
        };
        let e2e_tokens_per_s = match end_ms {
            Some(end) if end > 0.0 && output_tokens > 0 => Some(output_tokens as f64 / (end / 1000.0)),
            _ => None,
        };
        let arrival = self.arrival.as_ref();
        let fresh = arrival.and_then(|a| a.conn.as_ref().filter(|_| !a.reused));
        Timing {
            start_unix_ms: self.start_unix_ms,
            dns_ms: fresh.and_then(|c| c.dns_ms),
            connect_ms: fresh.map(|c| c.connect_ms),
            tls_ms: fresh.and_then(|c| c.tls_ms),
            request_sent_ms: offset(arrival.and_then(|a| a.request_sent)),
            headers_ms: offset(arrival.map(|a| a.headers_at)),
            first_event_ms: offset(self.first_event),
            first_token_ms,
            end_ms,
            reused_connection: arrival.is_some_and(|a| a.reused),
            http_version: arrival.map(|a| a.http_version),
            chunk_offsets_ms: self.chunk_offsets_ms.clone(),
            output_tokens,
            output_tokens_source,
            decode_tokens_per_s,
            e2e_tokens_per_s,
            buffered,
            attempts: self.attempts,
            server: self.server_with(ollama.as_ref()),
            ollama,
        }
    }

    fn server_with(&self, ollama: Option<&OllamaTimings>) -> Option<ServerTimings> {
        let mut server = self.server.clone();
        server.ollama = ollama.map(Into::into);
        (!server.is_empty()).then_some(server)
    }
}

/// Our estimate when the provider reports no usage: about four characters a token.
pub fn estimate_tokens(chars: usize) -> u32 {
    chars.div_ceil(4) as u32
}
