//! `embedding({ model, input })`: LiteLLM's call shape for embeddings, parsed and
//! checked here; each wire turns it into its own request (`Provider::
//! embeddings_request`) and reads its own reply into [`Embeddings`]. The engine
//! (`engine::embedding`) sends it with the chat path's retries, limits and timing.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::{LlmError, Result};
use crate::parts::OllamaTimings;
use crate::request::check_range;

/// `input`: one text or several (token arrays are not accepted).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum EmbeddingInput {
    One(String),
    Many(Vec<String>),
}

impl EmbeddingInput {
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Self::One(t) => vec![t.as_str()],
            Self::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// Everything `embedding()` accepts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbeddingParams {
    pub model: String,
    pub input: EmbeddingInput,
    /// Length of the returned vectors (OpenAI `dimensions`, Gemini
    /// `outputDimensionality`, Ollama `dimensions`).
    pub dimensions: Option<u32>,
    /// `float` (default) or `base64` (OpenAI-compatible only).
    pub encoding_format: Option<String>,
    pub user: Option<String>,
    pub timeout: Option<f64>,
    pub first_byte_timeout: Option<f64>,
    pub num_retries: Option<u32>,
    #[serde(alias = "base_url")]
    pub api_base: Option<String>,
    pub api_key: Option<String>,
    pub api_version: Option<String>,
    pub extra_headers: Option<BTreeMap<String, String>>,
    /// Merged into the request body last (objects key by key), as for completions.
    pub extra_body: Option<Map<String, Value>>,
    #[serde(default)]
    pub drop_params: bool,
}

/// Most texts one call may embed (OpenAI's own limit is 2048).
pub const MAX_INPUTS: usize = 2048;

impl EmbeddingParams {
    pub fn from_json(json: &str) -> Result<Self> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let params: Self = serde_path_to_error::deserialize(de).map_err(|e| {
            let inner = e.inner().to_string();
            let inner = inner.split(" at line ").next().unwrap_or(&inner).to_owned();
            LlmError::bad_input(format!(
                "invalid embedding() parameters at `{}`: {inner}. Pass {{ model: 'provider/model', input: 'text' | ['text', ...] }}",
                e.path()
            ))
        })?;
        let count = params.input.texts().len();
        if count == 0 || count > MAX_INPUTS {
            return Err(LlmError::bad_input(format!("`input` has {count} texts: pass 1 to {MAX_INPUTS} strings")));
        }
        if let Some(d) = params.dimensions {
            if d == 0 || d > 65_536 {
                return Err(LlmError::bad_input(format!("`dimensions` is {d}: use a whole number from 1 to 65536")));
            }
        }
        for (name, value) in [("timeout", params.timeout), ("first_byte_timeout", params.first_byte_timeout)] {
            if let Some(v) = value {
                check_range(name, v)?;
            }
        }
        if let Some(n) = params.num_retries {
            check_range("num_retries", f64::from(n))?;
        }
        Ok(params)
    }

    /// The body with `extra_body` merged in.
    pub fn body_bytes(&self, body: Value) -> Vec<u8> {
        let mut body = body;
        if let (Some(extra), Value::Object(top)) = (&self.extra_body, &mut body) {
            merge(top, extra);
        }
        serde_json::to_vec(&body).expect("request body serializes")
    }
}

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

/// A provider's embeddings reply, read: vectors in input order, kept as the JSON
/// the provider sent (floats are not re-printed; base64 stays a string).
#[derive(Debug, Default)]
pub struct Embeddings {
    pub vectors: Vec<Box<RawValue>>,
    pub model: Option<String>,
    pub prompt_tokens: Option<u32>,
    pub ollama: Option<OllamaTimings>,
}

/// The error for a wire that has no embeddings endpoint.
pub fn unsupported(provider: &str) -> LlmError {
    LlmError::bad_input(format!(
        "{provider} has no embeddings endpoint: use openai, azure, gemini, ollama or an OpenAI-compatible provider"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_checked_and_named() {
        let ok = EmbeddingParams::from_json(r#"{"model":"openai/e","input":["a","b"],"base_url":"http://x"}"#).unwrap();
        assert_eq!((ok.input.texts(), ok.api_base.as_deref()), (vec!["a", "b"], Some("http://x")));
        for (json, needle) in [
            (r#"{"model":"openai/e","input":[]}"#, "`input` has 0"),
            (r#"{"model":"openai/e","input":[1]}"#, "input"),
            (r#"{"model":"openai/e","input":"a","dimensions":0}"#, "dimensions"),
            (r#"{"model":"openai/e","input":"a","timeout":-1}"#, "timeout"),
            (r#"{"model":"openai/e","input":"a","dimension":3}"#, "dimension"),
        ] {
            let err = EmbeddingParams::from_json(json).unwrap_err();
            assert!(err.message.contains(needle), "{json}: {}", err.message);
        }
    }
}
