//! The allowed range of every numeric parameter, in one table: the request parser
//! checks it, `Limits` checks it again for `list_models` / `warm`, and the app reads
//! it through `param_ranges()` to validate its fields. Nothing else holds a range.

use serde::Serialize;

use crate::error::{LlmError, Result};

/// Default cap on one stream event or one whole response body.
pub const DEFAULT_MAX_EVENT_BYTES: usize = 16 << 20;

/// Longest `timeout` / `first_byte_timeout` / `stream_timeout` accepted: one day.
/// Beyond it a deadline would be meaningless (and far beyond it, unrepresentable).
pub const MAX_SECONDS: f64 = 86_400.0;

/// The allowed range of a numeric parameter. This table is the one source of
/// every range: `validate` checks it, and the app reads it through the binding.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ParamRange {
    pub name: &'static str,
    pub min: f64,
    pub max: f64,
    /// `min` itself is not allowed (a timeout of 0 s means nothing).
    pub min_exclusive: bool,
    pub integer: bool,
}

const fn range(name: &'static str, min: f64, max: f64) -> ParamRange {
    ParamRange { name, min, max, min_exclusive: false, integer: false }
}

const fn seconds(name: &'static str) -> ParamRange {
    ParamRange { name, min: 0.0, max: MAX_SECONDS, min_exclusive: true, integer: false }
}

pub const PARAM_RANGES: &[ParamRange] = &[
    range("temperature", 0.0, 2.0),
    range("top_p", 0.0, 1.0),
    range("presence_penalty", -2.0, 2.0),
    range("frequency_penalty", -2.0, 2.0),
    seconds("timeout"),
    seconds("first_byte_timeout"),
    seconds("stream_timeout"),
    ParamRange { name: "max_event_bytes", min: 1024.0, max: (1u64 << 30) as f64, min_exclusive: false, integer: true },
    ParamRange { name: "num_retries", min: 0.0, max: 100.0, min_exclusive: false, integer: true },
    // OpenAI's own limits: at most 128 choices, at most 20 alternatives per token.
    ParamRange { name: "n", min: 1.0, max: 128.0, min_exclusive: false, integer: true },
    ParamRange { name: "top_logprobs", min: 0.0, max: 20.0, min_exclusive: false, integer: true },
    range("mock_ttft_ms", 0.0, 3_600_000.0),
    range("mock_tokens_per_second", 0.0, 1_000_000.0),
];

/// Checks `value` against `name`'s row of [`PARAM_RANGES`].
pub fn check_range(name: &str, value: f64) -> Result<()> {
    let Some(r) = PARAM_RANGES.iter().find(|r| r.name == name) else {
        return Ok(());
    };
    let low_ok = if r.min_exclusive { value > r.min } else { value >= r.min };
    let fits = value.is_finite() && low_ok && value <= r.max && (!r.integer || value.fract() == 0.0);
    if fits {
        return Ok(());
    }
    let low = if r.min_exclusive { format!("greater than {}", r.min) } else { format!("from {}", r.min) };
    let kind = if r.integer { "a whole number" } else { "a number" };
    Err(LlmError::bad_input(format!("`{name}` is {value}: use {kind} {low} to {}", r.max)))
}
