//! What a caller adds to a provider's request body beyond the parameters the
//! engine translates: unknown keyword arguments (LiteLLM's provider-specific
//! parameters) and `extra_body`. Both are applied after translation, so they win.
//! `extra_body` merges objects key by key (the OpenAI SDK and LiteLLM replace
//! top-level keys whole; merging lets `{generationConfig: {candidateCount: 2}}`
//! add to Gemini's config instead of wiping it).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::request::CompletionParams;

/// Where a wire wants the caller's unknown parameters.
#[derive(Clone, Copy)]
pub(crate) enum Unknown {
    /// At the top level of the body (OpenAI-compatible, Azure, Anthropic, Gemini).
    TopLevel,
    /// In Ollama's `options` (`min_p`, `num_ctx`, `repeat_penalty`, …), except the
    /// names Ollama reads at the top level.
    OllamaOptions,
}

/// Names Ollama's `/api/chat` reads at the top level, not in `options`.
/// https://github.com/ollama/ollama/blob/main/docs/api.md#parameters-1
const OLLAMA_TOP_LEVEL: &[&str] = &["keep_alive", "think", "format", "template", "raw", "images"];

/// The request body as JSON bytes, with the caller's additions applied.
pub(crate) fn body_bytes<T: Serialize>(body: &T, p: &CompletionParams, unknown: Unknown) -> Vec<u8> {
    if p.passthrough.is_empty() && p.extra_body.is_none() {
        return serde_json::to_vec(body).expect("request body serializes");
    }
    let mut value = serde_json::to_value(body).expect("request body serializes");
    let Value::Object(top) = &mut value else { unreachable!("request bodies are objects") };
    for (name, v) in &p.passthrough {
        match unknown {
            Unknown::OllamaOptions if !OLLAMA_TOP_LEVEL.contains(&name.as_str()) => {
                let options = top.entry("options").or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(options) = options {
                    options.insert(name.clone(), v.clone());
                }
            }
            _ => {
                top.insert(name.clone(), v.clone());
            }
        }
    }
    if let Some(extra) = &p.extra_body {
        merge(top, extra);
    }
    serde_json::to_vec(&value).expect("request body serializes")
}

/// Objects merge key by key; anything else replaces.
fn merge(target: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (k, v) in patch {
        match (target.get_mut(k), v) {
            (Some(Value::Object(t)), Value::Object(p)) => merge(t, p),
            _ => {
                target.insert(k.clone(), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn params(extra: &str) -> CompletionParams {
        CompletionParams::from_json(&format!(
            r#"{{"model":"ollama/x","messages":[{{"role":"user","content":"hi"}}]{extra}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn extra_body_merges_objects_and_replaces_the_rest() {
        let p = params(r#","extra_body":{"options":{"num_ctx":4096},"stream":true,"new":[1]}"#);
        let body = json!({"model": "x", "options": {"temperature": 0.5}, "stream": false});
        let out: Value = serde_json::from_slice(&body_bytes(&body, &p, Unknown::TopLevel)).unwrap();
        assert_eq!(
            out,
            json!({"model": "x", "options": {"temperature": 0.5, "num_ctx": 4096}, "stream": true, "new": [1]})
        );
    }

    #[test]
    fn ollama_unknown_parameters_go_to_options_except_top_level_ones() {
        let p = params(r#","min_p":0.05,"keep_alive":"5m","num_ctx":8192"#);
        let body = json!({"model": "x"});
        let out: Value = serde_json::from_slice(&body_bytes(&body, &p, Unknown::OllamaOptions)).unwrap();
        assert_eq!(out, json!({"model": "x", "keep_alive": "5m", "options": {"min_p": 0.05, "num_ctx": 8192}}));
        let top: Value = serde_json::from_slice(&body_bytes(&body, &p, Unknown::TopLevel)).unwrap();
        assert_eq!(top["min_p"], 0.05);
    }
}
