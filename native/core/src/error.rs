//! Typed errors, named after LiteLLM's exception classes so JS and Python callers
//! can `instanceof` the same names. Converted exactly once per boundary: provider
//! HTTP bodies become [`LlmError`] in `provider::*`, and each binding turns an
//! [`LlmError`] into its error class via [`LlmError::to_json`].
//!
//! Each fact about an error is decided here, once: its class ([`ErrorKind::from_status`]
//! and the message refinements), whether it is worth retrying ([`is_retryable`]), the
//! advice that goes with it ([`hint_for`], a field of its own, never part of the
//! message) and the `retry-after` it reports ([`LlmError::with_retry_after`]).
//!
//! Messages never carry an API key: URLs are built without keys (keys travel in
//! headers), every error leaving a call has the call's own key values redacted
//! ([`LlmError::redacted`], whatever their shape), and every message passes through
//! [`scrub_secrets`] for the known key shapes (both in [`crate::redact`]). Text is
//! cut only after both.

use serde::Serialize;

pub use crate::redact::{scrub_secrets, Secrets};

/// LiteLLM's error classes. `#[non_exhaustive]` so new classes are not a breaking change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[non_exhaustive]
pub enum ErrorKind {
    BadRequestError,
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    Timeout,
    UnprocessableEntityError,
    RateLimitError,
    ContextWindowExceededError,
    ContentPolicyViolationError,
    InternalServerError,
    ServiceUnavailableError,
    APIConnectionError,
    /// The server answered something that is not a valid reply (unparseable body,
    /// HTML, a redirect, a broken protocol): LiteLLM's `APIError`, never retried.
    APIError,
    /// The caller aborted (AbortSignal, `break`, `stream.abort()`).
    AbortError,
}

impl ErrorKind {
    /// LiteLLM's status mapping; messages refine 400s (see [`LlmError::from_status`]).
    pub fn from_status(status: u16) -> Self {
        match status {
            400 => Self::BadRequestError,
            401 => Self::AuthenticationError,
            403 => Self::PermissionDeniedError,
            404 => Self::NotFoundError,
            408 => Self::Timeout,
            413 => Self::ContextWindowExceededError,
            422 => Self::UnprocessableEntityError,
            429 => Self::RateLimitError,
            503 | 529 => Self::ServiceUnavailableError,
            s if s >= 500 => Self::InternalServerError,
            s if s < 400 => Self::APIError,
            _ => Self::BadRequestError,
        }
    }
}

/// Whether an error is worth retrying: the one decision, used by the engine's retry
/// loop and reported to callers as `retryable`. Timeouts, rate limits, server errors
/// (every 5xx, Anthropic's 529 included, maps to one of these kinds) and failed
/// connections are; so is 409 Conflict, which LiteLLM files under `BadRequestError`
/// but which means "try again" (a concurrent request held a lock). Replies we could
/// not use (`APIError`) are not: the same request would get the same reply.
pub fn is_retryable(kind: ErrorKind, status: Option<u16>) -> bool {
    match kind {
        ErrorKind::Timeout
        | ErrorKind::RateLimitError
        | ErrorKind::InternalServerError
        | ErrorKind::ServiceUnavailableError
        | ErrorKind::APIConnectionError => true,
        ErrorKind::BadRequestError => status == Some(409),
        _ => false,
    }
}

/// What a library caller can do about an HTTP error of this kind, in the library's
/// terms (its parameters). Carried as [`LlmError::hint`]; the bindings append it to
/// the message LiteLLM code reads, and an app shows its own advice instead.
pub fn hint_for(kind: ErrorKind) -> Option<&'static str> {
    match kind {
        ErrorKind::AuthenticationError => {
            Some("check the API key: pass `api_key` or set the provider's key environment variable")
        }
        ErrorKind::NotFoundError => Some("check the model name and `api_base`"),
        ErrorKind::RateLimitError => Some("rate limited: retry later or raise `num_retries`"),
        ErrorKind::ContextWindowExceededError => Some("shorten the messages or lower max_tokens"),
        _ => None,
    }
}

/// Longest `retry-after` an error reports (a day): beyond it a server's value is not
/// advice anyone can follow. The retry loop waits at most `MAX_RETRY_AFTER` anyway.
pub const MAX_REPORTED_RETRY_AFTER_S: f64 = 86_400.0;

#[derive(Debug, Clone, thiserror::Error)]
#[error("{kind:?}: {message}")]
#[non_exhaustive]
pub struct LlmError {
    pub kind: ErrorKind,
    /// What went wrong (the provider's own words, or ours), without the hint.
    pub message: String,
    /// What to do about it ([`hint_for`]), when there is general advice.
    pub hint: Option<&'static str>,
    /// HTTP status from the provider, when there was one.
    pub status_code: Option<u16>,
    pub llm_provider: Option<String>,
    pub model: Option<String>,
    /// Seconds the provider asked us to wait (`retry-after` / `retry-after-ms`),
    /// sanitized by [`LlmError::with_retry_after`]; shown to the user on a final 429.
    pub retry_after: Option<f64>,
}

/// The JSON an error crosses a binding as (`to_json`): every field a caller reads,
/// `retryable` decided here.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, rename = "ErrorInfo"))]
struct ErrorJson<'a> {
    kind: ErrorKind,
    message: String,
    hint: Option<&'static str>,
    status_code: Option<u16>,
    llm_provider: Option<&'a str>,
    model: Option<&'a str>,
    retryable: bool,
    retry_after: Option<f64>,
}

impl LlmError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: scrub_secrets(&message.into()),
            hint: None,
            status_code: None,
            llm_provider: None,
            model: None,
            retry_after: None,
        }
    }

    /// Whether the call is worth retrying ([`is_retryable`] of its kind and status).
    pub fn retryable(&self) -> bool {
        is_retryable(self.kind, self.status_code)
    }

    /// Bad input caught before any request was sent.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadRequestError, message)
    }

    pub fn connection(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::APIConnectionError, message)
    }

    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Timeout, message)
    }

    pub fn aborted() -> Self {
        Self::new(ErrorKind::AbortError, "the request was aborted by the caller")
    }

    /// An HTTP error from a provider. 400s whose message names the context window or a
    /// content policy become the more specific LiteLLM classes, as LiteLLM does.
    pub fn from_status(status: u16, provider_message: &str) -> Self {
        let lower = provider_message.to_ascii_lowercase();
        let kind = match ErrorKind::from_status(status) {
            ErrorKind::BadRequestError if mentions_context_window(&lower) => ErrorKind::ContextWindowExceededError,
            ErrorKind::BadRequestError if mentions_content_policy(&lower) => ErrorKind::ContentPolicyViolationError,
            // Gemini answers a bad key with 400 INVALID_ARGUMENT; LiteLLM calls it what it is.
            ErrorKind::BadRequestError if mentions_invalid_key(&lower) => ErrorKind::AuthenticationError,
            kind => kind,
        };
        let mut err = Self::new(kind, provider_message);
        err.status_code = Some(status);
        err.hint = hint_for(kind);
        err
    }

    pub fn with_context(mut self, provider: &str, model: &str) -> Self {
        if self.llm_provider.is_none() {
            self.llm_provider = Some(provider.to_owned());
        }
        if self.model.is_none() {
            self.model = Some(model.to_owned());
        }
        self
    }

    /// A bug of ours (a panic) caught before it could cross into the caller.
    pub fn internal_panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Self::new(
            ErrorKind::APIError,
            format!("internal error in @edgequake/llm ({what}): the call was stopped; please report it"),
        )
    }

    /// A reply we could not use, with the HTTP status it came with.
    pub fn api_error(status: Option<u16>, message: impl Into<String>) -> Self {
        let mut err = Self::new(ErrorKind::APIError, message);
        err.status_code = status;
        err
    }

    /// Fills in the HTTP status of the response an error was read from, if unset.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status_code.get_or_insert(status);
        self
    }

    /// Removes the call's own secret values (keys, auth headers) from every text
    /// field, however they are shaped: the exact values and their URL-encoded forms.
    pub fn redacted(mut self, secrets: &Secrets) -> Self {
        self.message = secrets.redact(&self.message);
        if let Some(model) = &self.model {
            self.model = Some(secrets.redact(model));
        }
        self
    }

    /// Records the wait a provider asked for: a negative or non-finite value is not
    /// advice and is dropped; more than a day is reported as a day.
    pub fn with_retry_after(mut self, seconds: Option<f64>) -> Self {
        self.retry_after = seconds.filter(|s| s.is_finite() && *s >= 0.0).map(|s| s.min(MAX_REPORTED_RETRY_AFTER_S));
        self
    }

    /// The JSON the binding hands to JS, which rebuilds the matching error class.
    /// The message is cut to [`MAX_MESSAGE_CHARS`] here, at the exit, after every
    /// redaction ran on the whole text.
    pub fn to_json(&self) -> String {
        let out = ErrorJson {
            kind: self.kind,
            message: bounded(&self.message),
            hint: self.hint,
            status_code: self.status_code,
            llm_provider: self.llm_provider.as_deref(),
            model: self.model.as_deref(),
            retryable: self.retryable(),
            retry_after: self.retry_after,
        };
        serde_json::to_string(&out)
            .unwrap_or_else(|_| format!(r#"{{"kind":"APIConnectionError","message":{:?}}}"#, self.message))
    }
}

fn mentions_context_window(lower: &str) -> bool {
    [
        "context length",
        "context_length",
        "context window",
        "maximum context",
        "too many tokens",
        "prompt is too long",
        "reduce the length of the messages",
        "exceeds the maximum number of tokens",
        // llama.cpp's server: "request (N tokens) exceeds the available context size".
        "exceeds the available context size",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

fn mentions_invalid_key(lower: &str) -> bool {
    ["api key not valid", "api_key_invalid", "invalid api key", "incorrect api key"].iter().any(|n| lower.contains(n))
}

fn mentions_content_policy(lower: &str) -> bool {
    ["content policy", "content_policy", "content management policy", "safety system"]
        .iter()
        .any(|needle| lower.contains(needle))
}

/// Longest message an error carries; provider text beyond it is cut (after
/// scrubbing, so a cut can never leave part of a key behind).
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// Cuts the middle out of a long message, keeping its start (what went wrong) and
/// its end (often what the provider says to do).
pub fn bounded(message: &str) -> String {
    const TAIL: usize = 300;
    let chars = message.chars().count();
    if chars <= MAX_MESSAGE_CHARS {
        return message.to_owned();
    }
    let head: String = message.chars().take(MAX_MESSAGE_CHARS - TAIL).collect();
    let tail: String = message.chars().skip(chars - TAIL).collect();
    format!("{head} …[{} characters cut]… {tail}", chars - MAX_MESSAGE_CHARS)
}

pub type Result<T, E = LlmError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests;
