//! The top-level names of a call's parameters, sorted before they are parsed:
//! names the engine knows go to `CompletionParams`; any other name goes to the
//! provider as it is, as LiteLLM passes provider-specific keyword arguments
//! (`min_p`, `repetition_penalty`, `cache_prompt`, `chat_template_kwargs`, …).
//! Typo safety stays: a name within a small edit distance of a known one fails with
//! "did you mean …?" instead of travelling to the provider, where it would be
//! ignored or refused far from the mistake.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::{LlmError, Result};

/// Every name `CompletionParams` accepts (a unit test keeps this list equal to
/// the struct's fields), plus its aliases.
pub const KNOWN: &[&str] = &[
    "model",
    "messages",
    "stream",
    "temperature",
    "top_p",
    "top_k",
    "max_tokens",
    "max_completion_tokens",
    "stop",
    "seed",
    "presence_penalty",
    "frequency_penalty",
    "tools",
    "tool_choice",
    "response_format",
    "reasoning_effort",
    "user",
    "stream_options",
    "n",
    "logprobs",
    "top_logprobs",
    "logit_bias",
    "parallel_tool_calls",
    "metadata",
    "service_tier",
    "prediction",
    "modalities",
    "audio",
    "web_search_options",
    "thinking",
    "functions",
    "function_call",
    "extra_body",
    "timeout",
    "first_byte_timeout",
    "stream_timeout",
    "max_event_bytes",
    "num_retries",
    "api_base",
    "base_url",
    "api_key",
    "api_version",
    "extra_headers",
    "drop_params",
    "mock_response",
    "mock_ttft_ms",
    "mock_tokens_per_second",
];

/// Provider-specific names that sit close to a known one but are real parameters
/// of some server (OpenRouter's `top_a` is one letter from `top_p`): passed on
/// without the typo check.
pub const PROVIDER_NAMES: &[&str] = &[
    "top_a",
    "min_p",
    "typical_p",
    "top_n_tokens",
    "min_tokens",
    "n_probs",
    "n_predict",
    "num_predict",
    "num_ctx",
    "think",
    "store",
    "seeds",
];

/// Known names shorter than this are never suggested: one letter from `n` is
/// nearly every one-letter name.
const MIN_SUGGESTED_LEN: usize = 4;

/// The parameters split by name.
pub struct Split<'a> {
    json: &'a str,
    /// The known names rebuilt as a JSON object, when unknown ones were removed.
    rebuilt: Option<String>,
    pub passthrough: Map<String, Value>,
}

impl Split<'_> {
    /// JSON holding only the known names.
    pub fn known_json(&self) -> &str {
        self.rebuilt.as_deref().unwrap_or(self.json)
    }
}

/// Splits the call's JSON object by name. Unknown names with a `null` value are
/// left out (LiteLLM drops `None` arguments too).
pub fn split(json: &str) -> Result<Split<'_>> {
    let Ok(top) = serde_json::from_str::<BTreeMap<String, &RawValue>>(json) else {
        // Not an object: the typed parse reports it with its path.
        return Ok(Split { json, rebuilt: None, passthrough: Map::new() });
    };
    if top.keys().all(|k| KNOWN.contains(&k.as_str())) {
        return Ok(Split { json, rebuilt: None, passthrough: Map::new() });
    }
    let mut known = String::with_capacity(json.len());
    known.push('{');
    let mut passthrough = Map::new();
    for (name, raw) in top {
        if KNOWN.contains(&name.as_str()) {
            if known.len() > 1 {
                known.push(',');
            }
            known.push_str(&serde_json::to_string(&name).expect("strings serialize"));
            known.push(':');
            known.push_str(raw.get());
            continue;
        }
        check_not_a_typo(&name)?;
        let value: Value = serde_json::from_str(raw.get()).expect("a parsed raw value parses");
        if !value.is_null() {
            passthrough.insert(name, value);
        }
    }
    known.push('}');
    Ok(Split { json, rebuilt: Some(known), passthrough })
}

/// Fails when `name` is probably a misspelt known name.
fn check_not_a_typo(name: &str) -> Result<()> {
    check_not_a_typo_of(name, KNOWN)
}

/// Fails when `name` is not in `known` but within a small edit distance of one of
/// them (and is not a known provider-specific name).
pub fn check_not_a_typo_of(name: &str, known: &[&str]) -> Result<()> {
    if PROVIDER_NAMES.contains(&name) || known.contains(&name) {
        return Ok(());
    }
    let nearest =
        known.iter().filter(|k| k.len() >= MIN_SUGGESTED_LEN).map(|k| (strsim::damerau_levenshtein(name, k), *k)).min();
    match nearest {
        Some((distance, known)) if distance <= allowed_distance(known) => Err(LlmError::bad_input(format!(
            "unknown parameter `{name}`: did you mean `{known}`? Parameters the engine does not know go to the \
             provider as they are, but one this close to a known name is refused as a likely typo; to send it \
             anyway, put it in `extra_body`"
        ))),
        _ => Ok(()),
    }
}

/// One edit for short names, two for longer ones.
fn allowed_distance(known: &str) -> usize {
    if known.len() <= 6 {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::CompletionParams;

    const BASE: &str = r#""model":"openai/x","messages":[{"role":"user","content":"hi"}]"#;

    fn parse(extra: &str) -> Result<CompletionParams> {
        CompletionParams::from_json(&format!("{{{BASE},{extra}}}"))
    }

    #[test]
    fn known_is_exactly_the_structs_fields() {
        // serde lists the accepted names when it meets an unknown one.
        let err = serde_json::from_str::<CompletionParams>(r#"{"\u0000":0}"#).unwrap_err().to_string();
        let listed = err.split("expected one of ").nth(1).expect("serde lists the fields");
        let listed = listed.split(" at line").next().unwrap();
        let mut fields: Vec<&str> = listed.split(", ").map(|f| f.trim_matches('`')).collect();
        fields.sort_unstable();
        let mut known = KNOWN.to_vec();
        known.sort_unstable();
        assert_eq!(known, fields);
    }

    #[test]
    fn typos_fail_naming_the_known_parameter() {
        for (typo, meant) in [
            ("temprature", "temperature"),
            ("max_token", "max_tokens"),
            ("response_fromat", "response_format"),
            ("stream_option", "stream_options"),
            ("tool_choices", "tool_choice"),
            ("api_bse", "api_base"),
            ("extra_bdy", "extra_body"),
        ] {
            let err = parse(&format!(r#""{typo}":1"#)).unwrap_err();
            assert_eq!(err.kind, crate::ErrorKind::BadRequestError);
            assert!(err.message.contains(&format!("did you mean `{meant}`")), "{typo}: {}", err.message);
            assert!(err.message.contains(typo), "{}", err.message);
        }
    }

    #[test]
    fn provider_specific_names_pass_through_with_their_values() {
        let p = parse(
            r#""min_p":0.1,"repetition_penalty":1.1,"cache_prompt":true,"top_a":0.5,"chat_template_kwargs":{"enable_thinking":false},"gone":null"#,
        )
        .unwrap();
        assert_eq!(p.passthrough["min_p"], 0.1);
        assert_eq!(p.passthrough["repetition_penalty"], 1.1);
        assert_eq!(p.passthrough["cache_prompt"], true);
        assert_eq!(p.passthrough["top_a"], 0.5);
        assert_eq!(p.passthrough["chat_template_kwargs"]["enable_thinking"], false);
        assert!(!p.passthrough.contains_key("gone"), "null arguments are dropped");
        assert_eq!(p.messages.len(), 1);
    }

    #[test]
    fn errors_inside_known_fields_keep_their_path_when_unknown_names_are_split_off() {
        let err =
            CompletionParams::from_json(r#"{"model":"openai/x","min_p":0.1,"messages":[{"role":"user","content":5}]}"#)
                .unwrap_err();
        assert!(err.message.contains("messages[0]"), "{}", err.message);
    }
}
