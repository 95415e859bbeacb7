//! The scrubber's cases: the engine's own (error.rs before the merge) and those of
//! the app's former TypeScript scrubber (`main/core/settings/scrub.test.ts`), which now calls
//! this one.

use super::*;

fn values(list: &[&str]) -> Secrets {
    Secrets::of(list)
}

#[test]
fn scrubs_keys_from_provider_messages() {
    let out = scrub_secrets("Incorrect API key provided: sk-abcdef123456. You can find your key");
    assert!(!out.contains("abcdef123456"), "{out}");
    assert_eq!(out, "Incorrect API key provided: sk-[redacted]. You can find your key");
}

#[test]
fn every_provider_prefix_is_recognised() {
    for key in ["sk-abcd1234", "sk_live_abcd1234", "gsk_abcd1234", "xai-abcd1234", "AIzaSyD-abcd1234"] {
        let out = scrub_secrets(&format!("bad key {key}."));
        assert!(!out.contains("abcd1234") && out.ends_with("[redacted]."), "{key}: {out}");
    }
    // A key right after a percent-encoded `=` is still a key.
    assert_eq!(scrub_secrets("q=api%3Dsk-abcdefgh"), "q=api%3Dsk-[redacted]");
}

#[test]
fn key_equals_outside_a_query_string() {
    assert_eq!(scrub_secrets("sent api_key=abcd1234 and more"), "sent api_key=[redacted] and more");
    assert_eq!(scrub_secrets(r#"{key="abcd1234"}"#), r#"{key="[redacted]"}"#);
    // Too short to be a key.
    assert_eq!(scrub_secrets("monkey=abc"), "monkey=abc");
}

// The TypeScript scrubber's cases, unchanged.

#[test]
fn removes_known_key_values_longest_first() {
    let secrets = values(&["abc123456", "abc1234567890"]);
    assert_eq!(redact("key abc123456 and abc1234567890", &secrets), "key [redacted] and [redacted]");
}

#[test]
fn removes_keys_in_the_shapes_they_travel_in_even_unknown_ones() {
    let none = Secrets::default();
    assert_eq!(redact("Authorization: Bearer eyJhbGciOi.x-y_z", &none), "Authorization: Bearer [redacted]");
    assert_eq!(
        redact("GET https://x/v1beta/models?alt=sse&key=AIzaSyD-123", &none),
        "GET https://x/v1beta/models?alt=sse&key=[redacted]"
    );
    assert_eq!(redact(r#"{"x-api-key": "sk-ant-api03-abc"}"#, &none), r#"{"x-api-key": "[redacted]"}"#);
    assert_eq!(
        redact("Incorrect API key provided: sk-proj-abcdefgh1234", &none),
        "Incorrect API key provided: sk-[redacted]"
    );
}

#[test]
fn leaves_ordinary_text_alone() {
    let text = "model not found: gpt-4o-mini (status 404)";
    assert_eq!(redact(text, &values(&["abcd"])), text);
}

// Values only (content: the app's history and streamed output).

#[test]
fn values_only_leaves_key_shapes_in_content() {
    let secrets = values(&["sk-proj-ABCDEFGH12345678"]);
    assert_eq!(
        secrets.redact("Your key is sk-proj-ABCDEFGH12345678. sk-example stays, Bearer abc too."),
        "Your key is [redacted]. sk-example stays, Bearer abc too."
    );
}

#[test]
fn values_are_redacted_raw_and_percent_encoded() {
    let secrets = values(&["p@ss/word+1", "Bearer tok-123456"]);
    assert_eq!(
        secrets.redact("url ?k=p%40ss%2Fword%2B1 raw p@ss/word+1 header tok-123456"),
        "url ?k=[redacted] raw [redacted] header [redacted]"
    );
}

#[test]
fn query_values_of_a_base_url_are_secrets() {
    let mut secrets = Secrets::default();
    secrets.add_query_values(Some("https://proxy.example/v1?sig=abcdef123&x=1"));
    assert_eq!(secrets.redact("sig abcdef123 x=1"), "sig [redacted] x=1");
}

#[test]
fn redacting_twice_changes_nothing() {
    let secrets = values(&["abcdefgh"]);
    let once = redact("abcdefgh Bearer tok.x ?key=a x-api-key: b sk-abcdefgh key=abcd", &secrets);
    assert_eq!(redact(&once, &secrets), once);
    assert!(!once.contains("tok.x") && !once.contains("key=abcd"), "{once}");
}

#[test]
fn words_that_merely_contain_a_key_prefix_are_left_alone() {
    // "sk-" inside "task-list" is not a key: a prefix counts only at the start of a
    // token (or right after a percent-encoded character, as in `key%3Dsk-…`).
    for text in ["see task-list and task-board", "a disk-based cache", "risk_assessment_v2", "the Maxai-studio model"] {
        assert_eq!(scrub_secrets(text), text);
    }
    assert_eq!(scrub_secrets("(sk-abcdefgh)"), "(sk-[redacted])");
    assert_eq!(scrub_secrets("key:sk-abcdefgh"), "key:sk-[redacted]");
}
