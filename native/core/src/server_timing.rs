//! What servers report about their own timing, kept beside the client's
//! measurements (`timing.server`), named by source and normalized to
//! milliseconds: llama.cpp's `timings`, Groq's queue/prompt/completion times
//! (seconds on the wire), Ollama's durations (nanoseconds on the wire) and
//! `*-processing-ms`-style response headers (OpenAI's `openai-processing-ms`).
//! Every value comes from outside, so each is range-checked: a negative,
//! non-finite or absurd (beyond a day) value is dropped, never reported.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::parts::OllamaTimings;

/// The longest duration believed: a day, in milliseconds.
const MAX_MS: f64 = 86_400_000.0;
/// Header values kept per response, at most (a server cannot grow the record).
const MAX_HEADERS: usize = 16;

/// A checked duration in milliseconds.
fn ms(v: Option<f64>, scale: f64) -> Option<f64> {
    v.map(|v| v * scale).filter(|v| v.is_finite() && (0.0..=MAX_MS).contains(v))
}

/// A checked rate or count (finite, not negative).
fn rate(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite() && *v >= 0.0)
}

/// llama.cpp server's `timings` object (final stream chunk and whole responses).
/// https://github.com/ggml-org/llama.cpp/tree/master/tools/server
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[cfg_attr(test, ts(optional_fields))]
pub struct LlamaCppTimings {
    /// Prompt tokens served from the KV cache (not evaluated again).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_n: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_n: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_per_second: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicted_n: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicted_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicted_per_second: Option<f64>,
}

/// llama.cpp's wire shape: numbers, read leniently by the decoders.
#[derive(Debug, Default, Deserialize)]
pub struct LlamaCppWire {
    cache_n: Option<f64>,
    prompt_n: Option<f64>,
    prompt_ms: Option<f64>,
    prompt_per_second: Option<f64>,
    predicted_n: Option<f64>,
    predicted_ms: Option<f64>,
    predicted_per_second: Option<f64>,
}

impl LlamaCppWire {
    pub fn to_report(&self) -> ServerReport {
        ServerReport::LlamaCpp(LlamaCppTimings {
            cache_n: rate(self.cache_n),
            prompt_n: rate(self.prompt_n),
            prompt_ms: ms(self.prompt_ms, 1.0),
            prompt_per_second: rate(self.prompt_per_second),
            predicted_n: rate(self.predicted_n),
            predicted_ms: ms(self.predicted_ms, 1.0),
            predicted_per_second: rate(self.predicted_per_second),
        })
    }
}

/// Groq's server times (`x_groq.usage` or `usage`: `queue_time`, `prompt_time`,
/// `completion_time`, `total_time` in seconds), in milliseconds.
/// https://console.groq.com/docs/api-reference
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[cfg_attr(test, ts(optional_fields))]
pub struct GroqTimings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_ms: Option<f64>,
}

impl GroqTimings {
    /// From the wire's seconds; `None` when no time was sent.
    pub fn from_seconds(
        queue: Option<f64>,
        prompt: Option<f64>,
        completion: Option<f64>,
        total: Option<f64>,
    ) -> Option<Self> {
        let t = Self {
            queue_ms: ms(queue, 1000.0),
            prompt_ms: ms(prompt, 1000.0),
            completion_ms: ms(completion, 1000.0),
            total_ms: ms(total, 1000.0),
        };
        (t != Self::default()).then_some(t)
    }
}

/// Ollama's durations in milliseconds (the wire's nanoseconds / 1e6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct OllamaServerTimings {
    pub total_ms: f64,
    pub load_ms: f64,
    pub prompt_eval_ms: f64,
    pub eval_ms: f64,
    pub prompt_eval_count: u32,
    pub eval_count: u32,
}

impl From<&OllamaTimings> for OllamaServerTimings {
    fn from(t: &OllamaTimings) -> Self {
        let ms = |ns: u64| ns as f64 / 1e6;
        Self {
            total_ms: ms(t.total_duration),
            load_ms: ms(t.load_duration),
            prompt_eval_ms: ms(t.prompt_eval_duration),
            eval_ms: ms(t.eval_duration),
            prompt_eval_count: t.prompt_eval_count,
            eval_count: t.eval_count,
        }
    }
}

/// One report a decoder found in a response body.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum ServerReport {
    LlamaCpp(LlamaCppTimings),
    Groq(GroqTimings),
}

/// `timing.server`: every report of one call, by source.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[cfg_attr(test, ts(optional_fields))]
pub struct ServerTimings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub llama_cpp: Option<LlamaCppTimings>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groq: Option<GroqTimings>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ollama: Option<OllamaServerTimings>,
    /// Durations from response headers, in ms, by lower-case header name
    /// (`openai-processing-ms`, `x-envoy-upstream-service-time`, `server-timing:<name>`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(test, ts(as = "Option<BTreeMap<String, f64>>", optional))]
    pub headers: BTreeMap<String, f64>,
}

impl ServerTimings {
    /// The last report of each source wins (llama.cpp repeats `timings`).
    pub fn record(&mut self, report: &ServerReport) {
        match report {
            ServerReport::LlamaCpp(t) => self.llama_cpp = Some(*t),
            ServerReport::Groq(t) => self.groq = Some(*t),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Reads the duration headers of a response: any `*-processing-ms` (OpenAI's
    /// `openai-processing-ms`), Envoy's `x-envoy-upstream-service-time` (ms), and the
    /// W3C `Server-Timing` header's `dur` values (ms).
    pub fn read_headers(&mut self, headers: &http::HeaderMap) {
        for (name, value) in headers {
            if self.headers.len() >= MAX_HEADERS {
                return;
            }
            let (name, Ok(value)) = (name.as_str(), value.to_str()) else { continue };
            if name.ends_with("-processing-ms") || name == "x-envoy-upstream-service-time" {
                if let Some(v) = ms(value.trim().parse().ok(), 1.0) {
                    self.headers.insert(name.to_owned(), v);
                }
            } else if name == "server-timing" {
                self.read_server_timing(value);
            }
        }
    }

    /// `Server-Timing: db;dur=53, app;desc="x";dur=47.2`
    /// https://www.w3.org/TR/server-timing/
    fn read_server_timing(&mut self, value: &str) {
        for metric in value.split(',') {
            let mut fields = metric.split(';').map(str::trim);
            let Some(metric_name) = fields.next().filter(|n| !n.is_empty() && n.len() <= 64) else { continue };
            let dur = fields.find_map(|f| f.strip_prefix("dur=")).and_then(|d| d.parse().ok());
            if let (Some(v), true) = (ms(dur, 1.0), self.headers.len() < MAX_HEADERS) {
                self.headers.insert(format!("server-timing:{metric_name}"), v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_unit_checked_and_capped() {
        let mut h = http::HeaderMap::new();
        h.insert("openai-processing-ms", "123".parse().unwrap());
        h.insert("x-foo-processing-ms", "-5".parse().unwrap());
        h.insert("x-bar-processing-ms", "NaN".parse().unwrap());
        h.insert("server-timing", "db;dur=53, app;desc=\"x\";dur=47.2, nodur".parse().unwrap());
        h.insert("content-type", "text/event-stream".parse().unwrap());
        let mut t = ServerTimings::default();
        t.read_headers(&h);
        let got: Vec<(&str, f64)> = t.headers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(got, vec![("openai-processing-ms", 123.0), ("server-timing:app", 47.2), ("server-timing:db", 53.0)]);
        let many: String = (0..100).map(|i| format!("m{i};dur=1")).collect::<Vec<_>>().join(",");
        let mut h = http::HeaderMap::new();
        h.insert("server-timing", many.parse().unwrap());
        t.read_headers(&h);
        assert_eq!(t.headers.len(), MAX_HEADERS);
    }

    #[test]
    fn groq_seconds_become_ms_and_nothing_is_none() {
        let g = GroqTimings::from_seconds(Some(0.01), Some(0.002), Some(0.5), Some(1e12)).unwrap();
        assert_eq!((g.queue_ms, g.prompt_ms, g.completion_ms, g.total_ms), (Some(10.0), Some(2.0), Some(500.0), None));
        assert_eq!(GroqTimings::from_seconds(None, None, None, Some(-1.0)), None);
    }
}
