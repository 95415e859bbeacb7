//! `embedding()`: one embeddings call through the chat path's client — retries,
//! limits, cancellation, secrets redacted from errors, and the same timing record
//! (network phases, `headers_ms`, `end_ms`, `server`). Answers LiteLLM's
//! `EmbeddingResponse`: `{object: "list", data: [{object: "embedding", index,
//! embedding}], model, usage: {prompt_tokens, total_tokens}}` plus `_timing`.

use std::fmt::Write as _;
use std::time::Instant;

use tokio_util::sync::CancellationToken;

use super::body::BodyReader;
use super::resolve::resolve;
use super::retry::{guarded, send_with_retries, Limits};
use super::timing::{estimate_tokens, TimingRecorder};
use crate::embedding::EmbeddingParams;
use crate::error::{LlmError, Result};
use crate::provider::for_wire;
use crate::request::DEFAULT_MAX_EVENT_BYTES;

/// Runs the call; resolves with the response as JSON.
pub async fn embedding(params_json: &str, cancel: CancellationToken) -> Result<String> {
    let mut timing = TimingRecorder::start();
    let params = EmbeddingParams::from_json(params_json)?;
    let mut secrets = super::secrets_of(params.api_key.as_deref(), params.extra_headers.as_ref());
    let target = resolve(
        &params.model,
        params.api_base.as_deref(),
        params.api_key.as_deref(),
        params.api_version.as_deref(),
        true,
    )
    .map_err(|e| e.redacted(&secrets))?;
    if let Some(key) = &target.ctx.api_key {
        secrets.add(key);
    }
    let (spec, model) = (target.spec, target.ctx.model.to_owned());
    let context = |e: LlmError| e.with_context(spec.name, &model).redacted(&secrets);
    let provider = for_wire(spec.wire);
    let call = provider.embeddings_request(&target.ctx, &params).map_err(context)?;
    let limits = Limits::new(timing.started_at(), params.timeout, params.first_byte_timeout, None, params.num_retries)
        .map_err(context)?;
    let sent = send_with_retries(&call, params.extra_headers.as_ref(), provider, &limits, &cancel, &mut timing)
        .await
        .map_err(context)?;
    timing.response_arrived(sent.arrival);
    timing.response_headers(sent.response.headers());
    let status = sent.response.status().as_u16();
    let reading = async { BodyReader::new(sent.response)?.read_all(DEFAULT_MAX_EVENT_BYTES, "the embeddings").await };
    let body = guarded(&cancel, limits.deadline, || limits.timeout_error(), reading).await.map_err(context)?;
    timing.event_read(Instant::now());
    timing.finish();
    let reply = provider.parse_embeddings(&body).map_err(|e| context(e.with_status(status)))?;
    let texts = params.input.texts();
    if reply.vectors.len() != texts.len() {
        return Err(context(LlmError::api_error(
            Some(status),
            format!("the provider sent {} embeddings for {} inputs", reply.vectors.len(), texts.len()),
        )));
    }
    // Gemini reports no usage: the prompt count is then our labelled estimate.
    let (prompt_tokens, source) = match reply.prompt_tokens {
        Some(n) => (n, "provider"),
        None => (estimate_tokens(texts.iter().map(|t| t.chars().count()).sum()), "estimate"),
    };
    let record = timing.build(Some(0), 0, reply.ollama);
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str(r#"{"object":"list","data":["#);
    for (i, v) in reply.vectors.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, r#"{{"object":"embedding","index":{i},"embedding":{}}}"#, v.get());
    }
    let served = reply.model.as_deref().unwrap_or(&model);
    let _ = write!(
        out,
        r#"],"model":{},"usage":{{"prompt_tokens":{prompt_tokens},"total_tokens":{prompt_tokens},"prompt_tokens_source":"{source}"}},"_provider":{},"_response_ms":{},"_timing":{}}}"#,
        serde_json::to_string(served).expect("strings serialize"),
        serde_json::to_string(spec.name).expect("strings serialize"),
        record.end_ms.unwrap_or(0.0),
        serde_json::to_string(&record).expect("timing serializes"),
    );
    Ok(out)
}
