//! The error classes, the retry decision, hints and the JSON a binding reads.

use super::*;

#[test]
fn exact_key_values_are_redacted_in_any_shape() {
    let key = "3f9a0c1d2e8b47a6b5c4d3e2f1a0b9c8"; // an Azure-style hex key: no known prefix
    let mut secrets = Secrets::default();
    secrets.add(key);
    secrets.add("p@ss/word+1");
    let e = LlmError::from_status(401, &format!("bad key {key}; url ?k=p%40ss%2Fword%2B1 raw p@ss/word+1"))
        .redacted(&secrets);
    assert!(!e.message.contains(key) && !e.message.contains("p@ss") && !e.message.contains("p%40ss"), "{}", e.message);
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
    assert!(!e.retryable());
}

#[test]
fn context_window_400_is_recognised() {
    let e = LlmError::from_status(400, "This model's maximum context length is 8192 tokens");
    assert_eq!(e.kind, ErrorKind::ContextWindowExceededError);
    assert!(!e.retryable());
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
    assert!(e.retryable());
}

/// The rule `retryable` followed before it had one home (status-based for HTTP
/// errors, kind-based for the rest): the one function must agree with it everywhere.
fn old_status_rule(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

#[test]
fn retryable_is_one_decision_for_http_errors() {
    for status in 100..600 {
        let e = LlmError::from_status(status, "x");
        assert_eq!(e.retryable(), old_status_rule(status), "{status} ({:?})", e.kind);
        assert_eq!(e.retryable(), is_retryable(e.kind, e.status_code));
    }
    assert!(LlmError::from_status(409, "conflict").retryable(), "409 is a BadRequestError worth retrying");
}

#[test]
fn retryable_for_errors_without_a_status() {
    for (e, retryable) in [
        (LlmError::timeout("t"), true),
        (LlmError::connection("refused"), true),
        (LlmError::new(ErrorKind::RateLimitError, "mid-stream"), true),
        (LlmError::new(ErrorKind::ServiceUnavailableError, "overloaded"), true),
        (LlmError::bad_input("bad"), false),
        (LlmError::aborted(), false),
        // An unparseable 502 body: the same request would get the same reply.
        (LlmError::api_error(Some(502), "garbage"), false),
        (LlmError::new(ErrorKind::AuthenticationError, "no key"), false),
    ] {
        assert_eq!(e.retryable(), retryable, "{:?} {:?}", e.kind, e.status_code);
    }
}

#[test]
fn the_hint_is_a_field_of_its_own_never_part_of_the_message() {
    let e = LlmError::from_status(401, "Incorrect API key provided.");
    assert_eq!(e.message, "Incorrect API key provided.");
    assert_eq!(e.hint, Some("check the API key: pass `api_key` or set the provider's key environment variable"));
    let json: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap();
    assert_eq!(json["message"], "Incorrect API key provided.");
    assert_eq!(json["hint"], e.hint.unwrap());
    assert_eq!((json["kind"].as_str(), json["status_code"].as_u64()), (Some("AuthenticationError"), Some(401)));
    assert_eq!(json["retryable"], false);
    // No advice, no hint.
    let plain = LlmError::from_status(500, "boom");
    assert_eq!((plain.message.as_str(), plain.hint), ("boom", None));
    assert!(serde_json::from_str::<serde_json::Value>(&plain.to_json()).unwrap()["hint"].is_null());
}

#[test]
fn hints_are_given_for_the_kinds_a_caller_can_act_on() {
    for (status, message, has_hint) in [
        (401, "bad key", true),
        (404, "no such model", true),
        (429, "slow down", true),
        (400, "maximum context length is 8192 tokens", true),
        (400, "bad parameter", false),
        (503, "down", false),
    ] {
        assert_eq!(LlmError::from_status(status, message).hint.is_some(), has_hint, "{status} {message}");
    }
}

#[test]
fn reported_retry_after_is_finite_non_negative_and_at_most_a_day() {
    let after = |s: f64| LlmError::from_status(429, "x").with_retry_after(Some(s)).retry_after;
    assert_eq!(after(7.0), Some(7.0));
    assert_eq!(after(0.0), Some(0.0));
    assert_eq!(after(1e12), Some(MAX_REPORTED_RETRY_AFTER_S));
    for bad in [-1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(after(bad), None, "{bad}");
    }
}
