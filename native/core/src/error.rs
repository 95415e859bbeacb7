//! Typed errors, named after LiteLLM's exception classes so JS callers can
//! `instanceof` the same names. Converted exactly once per boundary: provider
//! HTTP bodies become [`LlmError`] in `provider::*`, and the binding turns an
//! [`LlmError`] into a JS error via [`LlmError::to_json`].
//!
//! Messages never carry an API key: URLs are built without keys (keys travel in
//! headers), every error leaving a call has the call's own key values redacted
//! ([`LlmError::redacted`], whatever their shape), and every message passes through
//! [`scrub_secrets`] for the known key patterns. Text is cut only after both.

use serde::Serialize;

/// LiteLLM's error classes. `#[non_exhaustive]` so new classes are not a breaking change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// Whether a status is worth retrying: 408/409/429 and every 5xx (incl. Anthropic's 529).
pub fn status_is_retryable(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

#[derive(Debug, Clone, thiserror::Error, Serialize)]
#[error("{kind:?}: {message}")]
#[non_exhaustive]
pub struct LlmError {
    pub kind: ErrorKind,
    pub message: String,
    /// HTTP status from the provider, when there was one.
    pub status_code: Option<u16>,
    pub llm_provider: Option<String>,
    pub model: Option<String>,
    pub retryable: bool,
    /// Seconds the provider asked us to wait (`retry-after` / `retry-after-ms`),
    /// already sanitized (finite, non-negative); shown to the user on a final 429.
    pub retry_after: Option<f64>,
}

impl LlmError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let retryable = matches!(
            kind,
            ErrorKind::Timeout
                | ErrorKind::RateLimitError
                | ErrorKind::InternalServerError
                | ErrorKind::ServiceUnavailableError
                | ErrorKind::APIConnectionError
        );
        Self {
            kind,
            message: scrub_secrets(&message.into()),
            status_code: None,
            llm_provider: None,
            model: None,
            retryable,
            retry_after: None,
        }
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
        let hint = hint_for(kind);
        let mut err = Self::new(kind, format!("{provider_message}{hint}"));
        err.status_code = Some(status);
        err.retryable = status_is_retryable(status);
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

    pub fn with_retry_after(mut self, seconds: Option<f64>) -> Self {
        self.retry_after = seconds;
        self
    }

    /// The JSON the binding hands to JS, which rebuilds the matching error class.
    /// The message is cut to [`MAX_MESSAGE_CHARS`] here, at the exit, after every
    /// redaction ran on the whole text.
    pub fn to_json(&self) -> String {
        let mut out = self.clone();
        out.message = bounded(&self.message);
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
/// its end (our hint on what to do).
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

/// The secret values of one call, redacted from every error it raises.
#[derive(Debug, Clone, Default)]
pub struct Secrets(Vec<String>);

/// Shorter values are not treated as secrets: redacting them would mangle text.
const MIN_SECRET_CHARS: usize = 6;

impl Secrets {
    pub fn add(&mut self, value: &str) {
        let value = value.trim();
        if value.chars().count() < MIN_SECRET_CHARS {
            return;
        }
        // Bearer tokens: the token itself is the secret.
        let value = value.strip_prefix("Bearer ").unwrap_or(value);
        for form in [value.to_owned(), percent_encode(value, b"-._~"), percent_encode(value, b"-._~!*'()")] {
            if !self.0.contains(&form) {
                self.0.push(form);
            }
        }
        // Longest first, so a value is redacted whole before any shorter overlap.
        self.0.sort_by_key(|v| std::cmp::Reverse(v.len()));
    }

    /// The values of a URL's query string (`?key=…&sig=…`): a base URL that carries
    /// credentials carries them there.
    pub fn add_query_values(&mut self, url: Option<&str>) {
        let Some((_, query)) = url.and_then(|u| u.split_once('?')) else {
            return;
        };
        for pair in query.split(['&', ';']) {
            if let Some((_, value)) = pair.split_once('=') {
                self.add(value);
            }
        }
    }

    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.0 {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), "***");
            }
        }
        out
    }
}

/// Percent-encoding of everything but alphanumerics and `keep` (how a key appears
/// when a server echoes a URL: RFC 3986 keeps `-._~`, JavaScript's
/// `encodeURIComponent` also `!*'()`).
fn percent_encode(value: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What the user can do about it, appended to the provider's own words.
fn hint_for(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::AuthenticationError => {
            " (check the API key: pass `api_key` or set the provider's key environment variable)"
        }
        ErrorKind::NotFoundError => " (check the model name and `api_base`)",
        ErrorKind::RateLimitError => " (rate limited: retry later or raise `num_retries`)",
        ErrorKind::ContextWindowExceededError => " (shorten the messages or lower max_tokens)",
        _ => "",
    }
}

/// Removes anything that looks like a credential from text that came from outside
/// (provider error bodies can echo a key, e.g. OpenAI's "Incorrect API key provided: sk-...").
pub fn scrub_secrets(text: &str) -> String {
    const PREFIXES: [&str; 6] = ["sk-", "sk_", "key=", "AIza", "gsk_", "xai-"];
    if !PREFIXES.iter().any(|p| text.contains(p)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match PREFIXES.iter().find_map(|p| word.find(p).map(|at| (at, p))) {
            Some((at, prefix)) if word.len() - at > prefix.len() + 3 => {
                out.push_str(&word[..at + prefix.len()]);
                out.push_str("***");
            }
            _ => out.push_str(word),
        }
    }
    out
}

pub type Result<T, E = LlmError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_keys_from_provider_messages() {
        let msg = "Incorrect API key provided: sk-abcdef123456. You can find your key";
        let out = scrub_secrets(msg);
        assert!(!out.contains("abcdef123456"), "{out}");
        assert!(out.contains("sk-***"));
    }

    #[test]
    fn exact_key_values_are_redacted_in_any_shape() {
        let key = "3f9a0c1d2e8b47a6b5c4d3e2f1a0b9c8"; // an Azure-style hex key: no known prefix
        let mut secrets = Secrets::default();
        secrets.add(key);
        secrets.add("p@ss/word+1");
        let e = LlmError::from_status(401, &format!("bad key {key}; url ?k=p%40ss%2Fword%2B1 raw p@ss/word+1"))
            .redacted(&secrets);
        assert!(
            !e.message.contains(key) && !e.message.contains("p@ss") && !e.message.contains("p%40ss"),
            "{}",
            e.message
        );
    }

    #[test]
    fn long_messages_are_cut_after_scrubbing() {
        let text = format!("{} sk-abcdefghijklmnop", "x".repeat(MAX_MESSAGE_CHARS - 5));
        let json = LlmError::from_status(500, &text).to_json();
        assert!(!json.contains("sk-abc"), "{json}");
        let message = serde_json::from_str::<serde_json::Value>(&json).unwrap()["message"].as_str().unwrap().to_owned();
        assert!(message.chars().count() <= MAX_MESSAGE_CHARS + 40, "{}", message.len());
    }

    #[test]
    fn redirects_are_api_errors() {
        let e = LlmError::from_status(302, "moved");
        assert_eq!(e.kind, ErrorKind::APIError);
        assert!(!e.retryable);
    }

    #[test]
    fn context_window_400_is_recognised() {
        let e = LlmError::from_status(400, "This model's maximum context length is 8192 tokens");
        assert_eq!(e.kind, ErrorKind::ContextWindowExceededError);
        assert!(!e.retryable);
    }

    #[test]
    fn gemini_bad_key_400_is_authentication() {
        let e = LlmError::from_status(400, "API key not valid. Please pass a valid API key.");
        assert_eq!(e.kind, ErrorKind::AuthenticationError);
    }

    #[test]
    fn gemini_and_groq_context_messages_are_recognised() {
        for msg in [
            "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
            "Please reduce the length of the messages or completion.",
            "request (9000 tokens) exceeds the available context size (2048 tokens), try increasing it",
        ] {
            assert_eq!(LlmError::from_status(400, msg).kind, ErrorKind::ContextWindowExceededError, "{msg}");
        }
    }

    #[test]
    fn overloaded_529_is_retryable_service_unavailable() {
        let e = LlmError::from_status(529, "Overloaded");
        assert_eq!(e.kind, ErrorKind::ServiceUnavailableError);
        assert!(e.retryable);
    }
}
