//! The call engine: validates and resolves a call ([`prepare`]), then runs it
//! whole ([`complete`]) or as a stream ([`stream::start`]) under its limits, and
//! records its timing. Used by the binding; usable from Rust directly.

mod batch;
mod body;
mod chunk_builder;
mod chunks;
mod complete;
mod mock;
mod models;
mod output;
mod resolve;
mod retry;
pub mod stream;
pub mod timing;
mod warm;

pub use batch::Batch;
pub use chunk_builder::stream_chunk_builder;
pub use complete::complete;
pub use models::list_models;
pub use warm::warm;

use crate::error::{LlmError, Result, Secrets};
use crate::provider::{for_wire, HttpCall, Provider, ProviderSpec};
use crate::request::CompletionParams;
use retry::Limits;
use timing::TimingRecorder;

/// A validated call, ready to run. Its clock starts when it is prepared, which is
/// when the caller asked for it.
pub struct Prepared {
    pub params: CompletionParams,
    pub spec: &'static ProviderSpec,
    provider: &'static dyn Provider,
    /// Model name without the provider prefix.
    pub model: String,
    /// `None` for `mock_response`, which never touches the network.
    call: Option<HttpCall>,
    limits: Limits,
    timing: TimingRecorder,
    /// The call's own secret values, redacted from every error it raises.
    secrets: Secrets,
}

/// Parses and validates the JSON parameters and builds the provider request.
pub fn prepare(params_json: &str) -> Result<Prepared> {
    let timing = TimingRecorder::start();
    let params = CompletionParams::from_json(params_json)?;
    let mut secrets = secrets_of(params.api_key.as_deref(), params.extra_headers.as_ref());
    secrets.add_query_values(params.api_base.as_deref());
    let target = resolve::for_params(&params).map_err(|e| e.redacted(&secrets))?;
    if let Some(key) = &target.ctx.api_key {
        secrets.add(key); // also a key read from the environment
    }
    let provider = for_wire(target.spec.wire);
    let with_context = |e: LlmError| e.with_context(target.spec.name, target.ctx.model).redacted(&secrets);
    let call = match params.mock_response {
        Some(_) => None,
        None => Some(provider.chat_request(&target.ctx, &params).map_err(with_context)?),
    };
    let limits = Limits::new(
        timing.started_at(),
        params.timeout,
        params.first_byte_timeout,
        params.stream_timeout,
        params.num_retries,
    )
    .map_err(with_context)?;
    let (spec, model) = (target.spec, target.ctx.model.to_owned());
    Ok(Prepared { params, spec, provider, model, call, limits, timing, secrets })
}

/// The secret values a call carries: its key and any credential-like header.
pub(crate) fn secrets_of(
    api_key: Option<&str>,
    extra_headers: Option<&std::collections::BTreeMap<String, String>>,
) -> Secrets {
    let mut secrets = Secrets::default();
    if let Some(key) = api_key {
        secrets.add(key);
    }
    for (name, value) in extra_headers.into_iter().flatten() {
        let name = name.to_ascii_lowercase();
        if ["auth", "key", "token", "secret", "cookie", "signature"].iter().any(|n| name.contains(n)) {
            secrets.add(value);
        }
    }
    secrets
}

impl Prepared {
    /// Adds provider and model to an error and redacts the call's secrets from it;
    /// owns its data so `self` stays free. Every error a call raises passes here.
    fn context(&self) -> impl Fn(LlmError) -> LlmError + 'static {
        let (provider, model, secrets) = (self.spec.name, self.model.clone(), self.secrets.clone());
        move |e| e.with_context(provider, &model).redacted(&secrets)
    }
}

/// The allowed range of every numeric parameter, as JSON for `param_ranges()`
/// (the app validates its fields against the engine's own table).
pub fn param_ranges_json() -> String {
    serde_json::to_string(crate::request::PARAM_RANGES).expect("ranges serialize")
}

/// The providers we speak, as JSON for `providers()`.
pub fn providers_json() -> String {
    serde_json::to_string(crate::provider::registry::PROVIDERS).expect("provider specs serialize")
}
