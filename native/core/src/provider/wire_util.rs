//! Small pieces every wire module needs: mapping a provider's error type string to
//! our error kind, refusing parameters a provider cannot take, and a serde helper
//! that reads `choices`/`candidates` without allocating for the usual single one.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

use crate::error::{ErrorKind, LlmError, Result};

/// Maps the `type`/`code`/`status` strings providers put in error bodies and
/// mid-stream error events.
pub fn error_from_type(kind: &str, message: &str) -> LlmError {
    let kind = match kind {
        "invalid_request_error" | "INVALID_ARGUMENT" | "FAILED_PRECONDITION" => ErrorKind::BadRequestError,
        "authentication_error" | "invalid_api_key" | "UNAUTHENTICATED" => ErrorKind::AuthenticationError,
        "permission_error" | "PERMISSION_DENIED" => ErrorKind::PermissionDeniedError,
        "not_found_error" | "model_not_found" | "NOT_FOUND" => ErrorKind::NotFoundError,
        "rate_limit_error" | "rate_limit_exceeded" | "RESOURCE_EXHAUSTED" => ErrorKind::RateLimitError,
        "overloaded_error" | "UNAVAILABLE" | "service_unavailable" => ErrorKind::ServiceUnavailableError,
        "request_too_large" | "context_length_exceeded" => ErrorKind::ContextWindowExceededError,
        "DEADLINE_EXCEEDED" | "timeout" => ErrorKind::Timeout,
        _ => ErrorKind::InternalServerError,
    };
    let mut err = LlmError::new(kind, message);
    // A mid-stream error has no HTTP status of its own: report the one its type means.
    err.status_code = Some(status_of(kind));
    err
}

/// The HTTP status each error kind stands for (LiteLLM's mapping, reversed).
pub fn status_of(kind: ErrorKind) -> u16 {
    match kind {
        ErrorKind::BadRequestError | ErrorKind::ContextWindowExceededError => 400,
        ErrorKind::AuthenticationError => 401,
        ErrorKind::PermissionDeniedError => 403,
        ErrorKind::NotFoundError => 404,
        ErrorKind::Timeout => 408,
        ErrorKind::UnprocessableEntityError => 422,
        ErrorKind::RateLimitError => 429,
        ErrorKind::ServiceUnavailableError => 503,
        _ => 500,
    }
}

/// A mid-stream error that carries a numeric HTTP-like code (OpenRouter's
/// `{"error":{"code":429,...}}`): the code wins over the type's status.
pub fn error_with_code(mut err: LlmError, code: Option<&serde_json::Value>) -> LlmError {
    if let Some(code) = code.and_then(serde_json::Value::as_u64).filter(|c| (400..600).contains(c)) {
        if matches!(err.kind, ErrorKind::InternalServerError) {
            err.kind = LlmError::from_status(code as u16, &err.message).kind;
        }
        // `retryable` follows from kind and status (error::is_retryable): nothing to copy.
        err.status_code = Some(code as u16);
    }
    err
}

/// LiteLLM's UnsupportedParamsError: a parameter the provider cannot take fails the
/// call unless `drop_params` is set, in which case it is silently left out.
pub fn reject_unsupported(provider: &str, drop_params: bool, set: &[(&str, bool)]) -> Result<()> {
    if drop_params {
        return Ok(());
    }
    match set.iter().find(|(_, is_set)| *is_set) {
        Some((name, _)) => Err(LlmError::bad_input(format!(
            "{provider} does not support `{name}`: remove it, or pass `drop_params: true` to drop unsupported parameters"
        ))),
        None => Ok(()),
    }
}

/// Deserializes a JSON array keeping every element: the first inline, the rest in
/// a vector that allocates only when there is a second (`n > 1` choices).
pub struct Choices<T> {
    pub first: Option<T>,
    pub rest: Vec<T>,
}

impl<T> Default for Choices<T> {
    fn default() -> Self {
        Self { first: None, rest: Vec::new() }
    }
}

impl<T> IntoIterator for Choices<T> {
    type Item = T;
    type IntoIter = std::iter::Chain<std::option::IntoIter<T>, std::vec::IntoIter<T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.first.into_iter().chain(self.rest)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Choices<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct ChoicesVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ChoicesVisitor<T> {
            type Value = Choices<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
                let first = seq.next_element::<T>()?;
                let mut rest = Vec::new();
                while let Some(more) = seq.next_element::<T>()? {
                    rest.push(more);
                }
                Ok(Choices { first, rest })
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(Choices::default())
            }
        }
        d.deserialize_any(ChoicesVisitor(PhantomData))
    }
}

/// A JSON decoding failure of a provider payload, with a short excerpt for
/// diagnosis: LiteLLM's `APIError`, not retried (the same request would get the
/// same reply); the engine adds the HTTP status it came with.
pub fn bad_payload(provider: &str, err: &serde_json::Error, payload: &str) -> LlmError {
    let excerpt: String = payload.chars().take(160).collect();
    LlmError::api_error(None, format!("{provider} sent a response we could not parse ({err}): {excerpt}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mid_stream_code_decides_retryable_as_an_http_status_does() {
        let code = |c: u64| serde_json::json!(c);
        for status in [409, 429, 500, 503] {
            let from_http = LlmError::from_status(status, "x");
            for type_ in ["server_error", "invalid_request_error"] {
                let mid_stream = error_with_code(error_from_type(type_, "x"), Some(&code(status.into())));
                assert_eq!(
                    (mid_stream.status_code, mid_stream.retryable()),
                    (Some(status), crate::error::is_retryable(mid_stream.kind, Some(status))),
                    "{type_} {status}"
                );
            }
            let unknown_type = error_with_code(error_from_type("server_error", "x"), Some(&code(status.into())));
            assert_eq!((unknown_type.kind, unknown_type.retryable()), (from_http.kind, from_http.retryable()));
        }
    }
}
