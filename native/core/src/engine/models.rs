//! `list_models`: the provider's own models endpoint, through the same client.

use serde::Deserialize;
use tokio_util::sync::CancellationToken;

use super::body::BodyReader;
use super::resolve::resolve;
use super::retry::{guarded, send_with_retries, Limits};
use super::timing::TimingRecorder;
use crate::error::{LlmError, Result};
use crate::provider::{for_wire, registry};
use crate::request::DEFAULT_MAX_EVENT_BYTES;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListModelsParams {
    provider: String,
    api_base: Option<String>,
    api_key: Option<String>,
    api_version: Option<String>,
    timeout: Option<f64>,
}

/// Returns the models as a JSON array of `{id, display_name?}`.
pub async fn list_models(params_json: &str, cancel: CancellationToken) -> Result<String> {
    let params: ListModelsParams = serde_json::from_str(params_json).map_err(|e| {
        LlmError::bad_input(format!("invalid list_models() parameters: {e}. Pass {{ provider, api_base?, api_key? }}"))
    })?;
    let spec = registry::find(&params.provider).ok_or_else(|| {
        LlmError::bad_input(format!(
            "unknown provider '{}': use one of {}",
            params.provider,
            registry::names().join(", ")
        ))
    })?;
    // resolve() takes a model string; the models endpoint needs only the provider.
    let model = format!("{}/_", spec.name);
    let secrets = super::secrets_of(params.api_key.as_deref(), None);
    let context = |e: LlmError| e.with_context(spec.name, "").redacted(&secrets);
    let target =
        resolve(&model, params.api_base.as_deref(), params.api_key.as_deref(), params.api_version.as_deref(), true)
            .map_err(context)?;
    let mut secrets = secrets.clone();
    if let Some(key) = &target.ctx.api_key {
        secrets.add(key);
    }
    let context = |e: LlmError| e.with_context(spec.name, "").redacted(&secrets);
    let provider = for_wire(spec.wire);
    let call = provider.models_request(&target.ctx).map_err(context)?;
    let mut timing = TimingRecorder::start();
    let limits =
        Limits::new(timing.started_at(), params.timeout.or(Some(30.0)), None, None, Some(0)).map_err(context)?;
    let sent = send_with_retries(&call, None, provider, &limits, &cancel, &mut timing).await.map_err(context)?;
    let reading = async { BodyReader::new(sent.response)?.read_all(DEFAULT_MAX_EVENT_BYTES, "the models list").await };
    let body = guarded(&cancel, limits.deadline, || limits.timeout_error(), reading).await.map_err(context)?;
    let models = provider.parse_models(&body).map_err(context)?;
    Ok(serde_json::to_string(&models).expect("models serialize"))
}
