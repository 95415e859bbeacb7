//! The one scrubber: removes secrets from text before it leaves the engine (error
//! messages) or the app (errors, logs, history). Two kinds of secret:
//!
//! - **values** a caller knows ([`Secrets`]: a call's key, its auth headers, the
//!   app's stored keys), replaced wherever they appear, raw or percent-encoded;
//! - **shapes** keys travel in ([`scrub_secrets`]: `Bearer …`, `?key=…`, `x-api-key: …`,
//!   `sk-…`), for a key a provider echoes that nobody told us about (OpenAI's
//!   "Incorrect API key provided: sk-…").
//!
//! [`redact`] does both, values first (so a known key is removed whole even where
//! it looks like a shape). Both put [`REDACTED`] where the secret was. Text that
//! may legitimately discuss `sk-…` (model output, history) gets values only.

use std::sync::LazyLock;

use regex::Regex;

/// What replaces a secret, everywhere (engine errors, the app's logs and history).
pub const REDACTED: &str = "[redacted]";

/// Shorter values are not treated as secrets: redacting them would mangle text.
const MIN_SECRET_CHARS: usize = 6;

/// Secret values, redacted wherever they appear in text.
#[derive(Debug, Clone, Default)]
pub struct Secrets(Vec<String>);

impl Secrets {
    /// The given values (shorter than six characters are ignored), e.g. the keys an
    /// app holds.
    pub fn of<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> Self {
        let mut secrets = Self::default();
        for value in values {
            secrets.add(value.as_ref());
        }
        secrets
    }

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

    /// `text` with every value (in every form) replaced by [`REDACTED`]; shapes are
    /// left alone (see [`redact`] for both).
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.0 {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
        out
    }
}

/// Both passes: the known values, then the shapes keys travel in.
pub fn redact(text: &str, secrets: &Secrets) -> String {
    scrub_secrets(&secrets.redact(text))
}

/// The bindings' entry point (`redact(text, secrets, { patterns })` in JS and
/// Python): the given values, then the key shapes unless `shapes` is false.
pub fn redact_text<S: AsRef<str>>(text: &str, values: &[S], shapes: bool) -> String {
    let secrets = Secrets::of(values);
    if shapes {
        redact(text, &secrets)
    } else {
        secrets.redact(text)
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

/// The shapes keys travel in, each with what replaces it (`$1`/`$2` keep the
/// label). Provider prefixes: OpenAI/Anthropic `sk-`, Stripe-style `sk_`, Groq
/// `gsk_`, xAI `xai-`, Google `AIza`; matched at the start of a token, which includes
/// right after a percent-encoded `=` (`key%3Dsk-…`).
static SHAPES: LazyLock<Vec<(Regex, String)>> = LazyLock::new(|| {
    [
        // `Authorization: Bearer <token>`.
        (r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+", format!("$1 {REDACTED}")),
        // A key in a query string, however short.
        (r#"(?i)([?&](?:api[_-]?key|key|token|access_token)=)[^&\s"']+"#, format!("${{1}}{REDACTED}")),
        // A key header echoed as text or JSON: `x-api-key: …`, `"api-key": "…"`.
        (
            r#"(?i)\b(x-api-key|api-key|x-goog-api-key)(["']?\s*[:=]\s*["']?)[^\s"',}]+"#,
            format!("${{1}}${{2}}{REDACTED}"),
        ),
        // `key=…` outside a query string (`api_key=…`, `key="…"`), four characters or more.
        (r#"(?i)(key=["']?)[^\s"'&,;)}<>\[\]]{4,}"#, format!("${{1}}{REDACTED}")),
        // A provider's key prefix followed by four or more key characters, at the start
        // of a token: after a non-alphanumeric character or a percent-encoded one
        // (`key%3Dsk-…`), never inside a word ("task-list" holds no key).
        (
            r"(^|[^A-Za-z0-9]|%[0-9A-Fa-f]{2})(sk-|sk_|gsk_|xai-|AIza)[A-Za-z0-9_-]{4,}",
            format!("${{1}}${{2}}{REDACTED}"),
        ),
    ]
    .into_iter()
    .map(|(pattern, replacement)| (Regex::new(pattern).expect("key shape patterns compile"), replacement))
    .collect()
});

/// Removes anything shaped like a credential from text that came from outside
/// (provider error bodies can echo a key, e.g. OpenAI's "Incorrect API key provided: sk-...").
pub fn scrub_secrets(text: &str) -> String {
    let mut out = std::borrow::Cow::Borrowed(text);
    for (pattern, replacement) in SHAPES.iter() {
        if let std::borrow::Cow::Owned(replaced) = pattern.replace_all(&out, replacement.as_str()) {
            out = std::borrow::Cow::Owned(replaced);
        }
    }
    out.into_owned()
}

#[cfg(test)]
mod tests;
