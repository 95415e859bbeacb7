//! Each wire's embeddings endpoint: the request body and the reply, read into
//! [`Embeddings`]. Vectors are kept as the JSON the provider sent.
//! OpenAI (and Azure, and the OpenAI-compatible family):
//!   https://platform.openai.com/docs/api-reference/embeddings/create
//! Gemini: https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
//! Ollama: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use super::reject_unsupported;
use super::wire_util::bad_payload;
use crate::embedding::{EmbeddingInput, EmbeddingParams, Embeddings};
use crate::error::{LlmError, Result};
use crate::parts::OllamaTimings;

/// `{model, input, dimensions?, encoding_format?, user?}`.
pub(crate) fn openai_body(model: &str, p: &EmbeddingParams) -> Vec<u8> {
    let mut body = json!({ "model": model });
    body["input"] = match &p.input {
        EmbeddingInput::One(t) => json!(t),
        EmbeddingInput::Many(v) => json!(v),
    };
    if let Some(d) = p.dimensions {
        body["dimensions"] = json!(d);
    }
    if let Some(f) = &p.encoding_format {
        body["encoding_format"] = json!(f);
    }
    if let Some(u) = &p.user {
        body["user"] = json!(u);
    }
    p.body_bytes(body)
}

pub(crate) fn parse_openai(body: &[u8]) -> Result<Embeddings> {
    #[derive(Deserialize)]
    struct Reply {
        data: Vec<Item>,
        #[serde(default)]
        model: Option<String>,
        #[serde(default)]
        usage: Option<Usage>,
    }
    #[derive(Deserialize)]
    struct Item {
        #[serde(default)]
        index: Option<usize>,
        embedding: Box<RawValue>,
    }
    #[derive(Deserialize)]
    struct Usage {
        prompt_tokens: Option<u32>,
    }
    let reply: Reply = parse(body, "embeddings")?;
    let mut items: Vec<(usize, Box<RawValue>)> =
        reply.data.into_iter().enumerate().map(|(i, item)| (item.index.unwrap_or(i), item.embedding)).collect();
    items.sort_by_key(|(i, _)| *i);
    Ok(Embeddings {
        vectors: items.into_iter().map(|(_, v)| v).collect(),
        model: reply.model,
        prompt_tokens: reply.usage.and_then(|u| u.prompt_tokens),
        ollama: None,
    })
}

/// `batchEmbedContents`: one request per text.
pub(crate) fn gemini_body(model: &str, p: &EmbeddingParams) -> Result<Vec<u8>> {
    let base64 = p.encoding_format.as_deref().is_some_and(|f| f != "float");
    reject_unsupported("gemini", p.drop_params, &[("encoding_format", base64), ("user", p.user.is_some())])?;
    let requests: Vec<Value> = p
        .input
        .texts()
        .into_iter()
        .map(|text| {
            let mut r = json!({"model": format!("models/{model}"), "content": {"parts": [{"text": text}]}});
            if let Some(d) = p.dimensions {
                r["outputDimensionality"] = json!(d);
            }
            r
        })
        .collect();
    Ok(p.body_bytes(json!({ "requests": requests })))
}

pub(crate) fn parse_gemini(body: &[u8]) -> Result<Embeddings> {
    #[derive(Deserialize)]
    struct Reply {
        embeddings: Vec<Item>,
    }
    #[derive(Deserialize)]
    struct Item {
        values: Box<RawValue>,
    }
    let reply: Reply = parse(body, "gemini embeddings")?;
    Ok(Embeddings { vectors: reply.embeddings.into_iter().map(|e| e.values).collect(), ..Embeddings::default() })
}

/// `/api/embed`: `{model, input, dimensions?}`.
pub(crate) fn ollama_body(model: &str, p: &EmbeddingParams) -> Result<Vec<u8>> {
    let base64 = p.encoding_format.as_deref().is_some_and(|f| f != "float");
    reject_unsupported("ollama", p.drop_params, &[("encoding_format", base64), ("user", p.user.is_some())])?;
    let mut body = json!({"model": model, "input": p.input.texts()});
    if let Some(d) = p.dimensions {
        body["dimensions"] = json!(d);
    }
    Ok(p.body_bytes(body))
}

pub(crate) fn parse_ollama(body: &[u8]) -> Result<Embeddings> {
    #[derive(Deserialize)]
    struct Reply {
        embeddings: Vec<Box<RawValue>>,
        #[serde(default)]
        model: Option<String>,
        #[serde(default)]
        total_duration: Option<u64>,
        #[serde(default)]
        load_duration: Option<u64>,
        #[serde(default)]
        prompt_eval_count: Option<u32>,
    }
    let reply: Reply = parse(body, "ollama embeddings")?;
    let ollama = reply.total_duration.map(|total| OllamaTimings {
        total_duration: total,
        load_duration: reply.load_duration.unwrap_or(0),
        prompt_eval_count: reply.prompt_eval_count.unwrap_or(0),
        ..OllamaTimings::default()
    });
    Ok(Embeddings { vectors: reply.embeddings, model: reply.model, prompt_tokens: reply.prompt_eval_count, ollama })
}

fn parse<'a, T: Deserialize<'a>>(body: &'a [u8], what: &str) -> Result<T> {
    let text = std::str::from_utf8(body).map_err(|_| LlmError::connection("response body is not UTF-8"))?;
    serde_json::from_str(text).map_err(|e| bad_payload(what, &e, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_in_input_order_and_kept_verbatim() {
        let e = parse_openai(br#"{"data":[{"index":1,"embedding":[0.5,1e-7]},{"index":0,"embedding":"AAAA"}],"model":"m","usage":{"prompt_tokens":3,"total_tokens":3}}"#).unwrap();
        assert_eq!(e.vectors.iter().map(|v| v.get()).collect::<Vec<_>>(), vec!["\"AAAA\"", "[0.5,1e-7]"]);
        assert_eq!((e.model.as_deref(), e.prompt_tokens), (Some("m"), Some(3)));
        let g = parse_gemini(br#"{"embeddings":[{"values":[1,2]},{"values":[3]}]}"#).unwrap();
        assert_eq!(g.vectors.len(), 2);
        let o =
            parse_ollama(br#"{"model":"x","embeddings":[[0.1]],"total_duration":5,"prompt_eval_count":2}"#).unwrap();
        assert_eq!((o.prompt_tokens, o.ollama.unwrap().total_duration), (Some(2), 5));
        assert!(parse_openai(b"<html>").is_err());
    }
}
