//! `warm`: opens a pooled connection to a model's host before a timed run, so that
//! columns start on equal, warm footing. Any HTTP answer (even 401/404) means the
//! connection is established and back in the pool; only a network failure is "not ok".

use std::time::Instant;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::body::BodyReader;
use super::resolve::resolve;
use super::retry::{guarded, Limits};
use crate::error::{LlmError, Result};
use crate::http::client::{send, Connection};
use crate::http::clock::ms_between;
use crate::provider::for_wire;
use crate::request::DEFAULT_MAX_EVENT_BYTES;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WarmParams {
    model: String,
    api_base: Option<String>,
    api_key: Option<String>,
    api_version: Option<String>,
    timeout: Option<f64>,
}

#[derive(Serialize)]
struct WarmResult {
    ok: bool,
    ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Returns `{ ok, ms, error? }` as JSON. Never fails for network reasons: a warm-up
/// that cannot connect reports it and the real call will raise the real error.
pub async fn warm(params_json: &str, cancel: CancellationToken) -> Result<String> {
    let params: WarmParams = serde_json::from_str(params_json).map_err(|e| {
        LlmError::bad_input(format!("invalid warm() parameters: {e}. Pass {{ model, api_base?, api_key? }}"))
    })?;
    let mut secrets = super::secrets_of(params.api_key.as_deref(), None);
    let target = resolve(
        &params.model,
        params.api_base.as_deref(),
        params.api_key.as_deref(),
        params.api_version.as_deref(),
        false,
    )
    .map_err(|e| e.redacted(&secrets))?;
    if let Some(key) = &target.ctx.api_key {
        secrets.add(key);
    }
    let call = for_wire(target.spec.wire).models_request(&target.ctx).map_err(|e| e.redacted(&secrets))?;
    let start = Instant::now();
    let limits = Limits::new(start, params.timeout.or(Some(10.0)), None, None, Some(0))?;
    let outcome = guarded(&cancel, limits.deadline, || limits.timeout_error(), async {
        let sent = send(&call, None, Connection::Pooled).await.map_err(|failed| failed.error)?;
        // Drain (a bounded amount of) the body so the connection goes back to the pool.
        let _ = BodyReader::new(sent.response)?.read_all(DEFAULT_MAX_EVENT_BYTES, "the models list").await;
        Ok(())
    })
    .await;
    let result = WarmResult {
        ok: outcome.is_ok(),
        ms: ms_between(start, Instant::now()),
        error: outcome.err().map(|e| e.redacted(&secrets).message),
    };
    Ok(serde_json::to_string(&result).expect("warm result serializes"))
}
