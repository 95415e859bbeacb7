//! Where a call goes and with which key: `api_key` / `api_base` from the call, else
//! the provider's environment variables (LiteLLM's names), else the defaults.

use crate::error::{ErrorKind, LlmError, Result};
use crate::provider::{registry, CallContext, ProviderSpec, Wire};
use crate::request::CompletionParams;

/// Reads an environment variable, treating empty as unset.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

pub struct Target<'a> {
    pub spec: &'static ProviderSpec,
    pub ctx: CallContext<'a>,
}

pub fn resolve<'a>(
    model: &'a str,
    api_base: Option<&str>,
    api_key: Option<&str>,
    api_version: Option<&str>,
    needs_key: bool,
) -> Result<Target<'a>> {
    let (spec, model) = registry::resolve_model(model)?;
    let base_url = api_base
        .map(str::to_owned)
        .or_else(|| env(spec.base_env))
        .unwrap_or_else(|| spec.default_base.to_owned())
        .trim_end_matches('/')
        .to_owned();
    let api_key = api_key.map(str::to_owned).or_else(|| spec.key_env.and_then(env));
    if needs_key && spec.key_required && api_key.is_none() {
        let env_hint = spec.key_env.map(|v| format!(" or set {v}")).unwrap_or_default();
        return Err(LlmError::new(
            ErrorKind::AuthenticationError,
            format!("no API key for {}: pass `api_key`{env_hint}", spec.name),
        )
        .with_context(spec.name, model));
    }
    let api_version =
        api_version.map(str::to_owned).or_else(|| env("AZURE_API_VERSION").filter(|_| spec.wire == Wire::Azure));
    Ok(Target { spec, ctx: CallContext { spec, model, base_url, api_key, api_version } })
}

pub fn for_params(params: &CompletionParams) -> Result<Target<'_>> {
    resolve(
        &params.model,
        params.api_base.as_deref(),
        params.api_key.as_deref(),
        params.api_version.as_deref(),
        params.mock_response.is_none(),
    )
}
