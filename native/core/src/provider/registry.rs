//! The one place provider names are matched: name → wire protocol, default base
//! URL and the environment variables LiteLLM reads for it. Bare model names are
//! inferred the way LiteLLM does (`gpt-*`/`o*` → openai, `claude-*` → anthropic,
//! `gemini-*` → gemini).

use serde::Serialize;

use crate::error::{LlmError, Result};

/// The wire protocols we speak; each has one module under `provider/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Wire {
    OpenAi,
    Azure,
    Anthropic,
    Gemini,
    Ollama,
    /// OpenAI's Responses API (`/responses`), on any OpenAI-wire provider.
    OpenAiResponses,
    /// Azure OpenAI's Responses API.
    AzureResponses,
}

/// Everything known about a provider, in one place: the engine routes by it and the
/// app reads it through `providers()` (labels, which servers are local, env vars).
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, rename = "ProviderInfo"))]
pub struct ProviderSpec {
    pub name: &'static str,
    /// How people name it ("OpenAI", "Google Gemini", "vLLM").
    pub label: &'static str,
    pub wire: Wire,
    pub default_base: &'static str,
    /// Environment variable holding the key (LiteLLM's spelling).
    pub key_env: Option<&'static str>,
    /// Environment variable overriding the base URL.
    pub base_env: &'static str,
    /// Local servers run without a key.
    pub key_required: bool,
    /// A server people run on their own machine (discovered on its default port by
    /// the app; "could not connect" means "is it running?").
    pub local: bool,
    /// Where the engine lists the provider's models (`list_models`, `warm`): this
    /// path appended to the base URL (an OpenAI-compatible base already ends in `/v1`).
    pub models_path: &'static str,
}

impl Wire {
    /// The models route of each wire; every model-list request is built from it.
    const fn models_path(self) -> &'static str {
        match self {
            Wire::OpenAi | Wire::OpenAiResponses => "/models",
            Wire::Azure | Wire::AzureResponses => "/openai/models",
            Wire::Anthropic => "/v1/models",
            Wire::Gemini => "/v1beta/models",
            Wire::Ollama => "/api/tags",
        }
    }
}

const fn spec(
    name: &'static str,
    label: &'static str,
    wire: Wire,
    default_base: &'static str,
    key_env: Option<&'static str>,
    base_env: &'static str,
    key_required: bool,
) -> ProviderSpec {
    ProviderSpec {
        name,
        label,
        wire,
        default_base,
        key_env,
        base_env,
        key_required,
        local: !key_required,
        models_path: wire.models_path(),
    }
}

/// Every provider, with bases from each provider's API reference.
pub const PROVIDERS: &[ProviderSpec] = &[
    spec(
        "openai",
        "OpenAI",
        Wire::OpenAi,
        "https://api.openai.com/v1",
        Some("OPENAI_API_KEY"),
        "OPENAI_API_BASE",
        true,
    ),
    spec("azure", "Azure OpenAI", Wire::Azure, "", Some("AZURE_API_KEY"), "AZURE_API_BASE", true),
    spec(
        "anthropic",
        "Anthropic",
        Wire::Anthropic,
        "https://api.anthropic.com",
        Some("ANTHROPIC_API_KEY"),
        "ANTHROPIC_API_BASE",
        true,
    ),
    spec(
        "gemini",
        "Google Gemini",
        Wire::Gemini,
        "https://generativelanguage.googleapis.com",
        Some("GEMINI_API_KEY"),
        "GEMINI_API_BASE",
        true,
    ),
    spec("ollama", "Ollama", Wire::Ollama, "http://localhost:11434", None, "OLLAMA_API_BASE", false),
    spec("groq", "Groq", Wire::OpenAi, "https://api.groq.com/openai/v1", Some("GROQ_API_KEY"), "GROQ_API_BASE", true),
    spec(
        "together_ai",
        "Together AI",
        Wire::OpenAi,
        "https://api.together.xyz/v1",
        Some("TOGETHERAI_API_KEY"),
        "TOGETHERAI_API_BASE",
        true,
    ),
    spec(
        "deepseek",
        "DeepSeek",
        Wire::OpenAi,
        "https://api.deepseek.com",
        Some("DEEPSEEK_API_KEY"),
        "DEEPSEEK_API_BASE",
        true,
    ),
    spec("xai", "xAI", Wire::OpenAi, "https://api.x.ai/v1", Some("XAI_API_KEY"), "XAI_API_BASE", true),
    spec(
        "mistral",
        "Mistral",
        Wire::OpenAi,
        "https://api.mistral.ai/v1",
        Some("MISTRAL_API_KEY"),
        "MISTRAL_API_BASE",
        true,
    ),
    spec(
        "openrouter",
        "OpenRouter",
        Wire::OpenAi,
        "https://openrouter.ai/api/v1",
        Some("OPENROUTER_API_KEY"),
        "OPENROUTER_API_BASE",
        true,
    ),
    spec(
        "fireworks_ai",
        "Fireworks AI",
        Wire::OpenAi,
        "https://api.fireworks.ai/inference/v1",
        Some("FIREWORKS_AI_API_KEY"),
        "FIREWORKS_AI_API_BASE",
        true,
    ),
    spec(
        "perplexity",
        "Perplexity",
        Wire::OpenAi,
        "https://api.perplexity.ai",
        Some("PERPLEXITYAI_API_KEY"),
        "PERPLEXITYAI_API_BASE",
        true,
    ),
    spec(
        "lm_studio",
        "LM Studio",
        Wire::OpenAi,
        "http://localhost:1234/v1",
        Some("LM_STUDIO_API_KEY"),
        "LM_STUDIO_API_BASE",
        false,
    ),
    spec(
        "hosted_vllm",
        "vLLM",
        Wire::OpenAi,
        "http://localhost:8000/v1",
        Some("HOSTED_VLLM_API_KEY"),
        "HOSTED_VLLM_API_BASE",
        false,
    ),
];

pub fn find(name: &str) -> Option<&'static ProviderSpec> {
    PROVIDERS.iter().find(|p| p.name == name)
}

/// Splits `provider/model`; a bare name is inferred as LiteLLM does.
pub fn resolve_model(model: &str) -> Result<(&'static ProviderSpec, &str)> {
    if let Some((prefix, rest)) = model.split_once('/') {
        if let Some(spec) = find(prefix) {
            if rest.is_empty() {
                return Err(LlmError::bad_input(format!(
                    "model '{model}' names provider '{prefix}' but no model: use '{prefix}/<model>'"
                )));
            }
            return Ok((spec, rest));
        }
        return Err(LlmError::bad_input(format!(
            "unknown provider '{prefix}' in model '{model}'. Known providers: {}. \
             For any OpenAI-compatible server use 'openai/<model>' with `api_base`.",
            names().join(", ")
        )));
    }
    let inferred = if model.starts_with("gpt-")
        || model.starts_with("chatgpt-")
        || (model.starts_with('o') && model[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        "openai"
    } else if model.starts_with("claude-") {
        "anthropic"
    } else if model.starts_with("gemini-") {
        "gemini"
    } else {
        return Err(LlmError::bad_input(format!(
            "cannot tell the provider of model '{model}': write it as 'provider/model', e.g. 'groq/{model}'"
        )));
    };
    Ok((find(inferred).expect("inferred providers are registered"), model))
}

/// Models OpenAI serves only on the Responses API; `completion()` bridges them
/// (LiteLLM does the same). Matched as prefixes of the model name.
const RESPONSES_ONLY: &[&str] = &[
    "o1-pro",
    "o3-pro",
    "o3-deep-research",
    "o4-mini-deep-research",
    "codex-mini",
    "gpt-5-pro",
    "gpt-5-codex",
    "computer-use-preview",
];

/// The wire a model is called on: `responses/<model>` on an OpenAI-wire provider
/// or on Azure, and OpenAI's Responses-only models, speak the Responses API;
/// every other model its provider's own wire. Returns the model name to send.
pub fn wire_for<'m>(spec: &ProviderSpec, model: &'m str) -> (Wire, &'m str) {
    match (spec.wire, model.strip_prefix("responses/")) {
        (Wire::OpenAi, Some(rest)) => (Wire::OpenAiResponses, rest),
        (Wire::Azure, Some(rest)) => (Wire::AzureResponses, rest),
        (Wire::OpenAi, None) if spec.name == "openai" && RESPONSES_ONLY.iter().any(|p| model.starts_with(p)) => {
            (Wire::OpenAiResponses, model)
        }
        (wire, _) => (wire, model),
    }
}

pub fn names() -> Vec<&'static str> {
    PROVIDERS.iter().map(|p| p.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_first_slash_only() {
        let (spec, model) = resolve_model("openrouter/anthropic/claude-3.5-sonnet").unwrap();
        assert_eq!(spec.name, "openrouter");
        assert_eq!(model, "anthropic/claude-3.5-sonnet");
    }

    #[test]
    fn infers_bare_names_like_litellm() {
        assert_eq!(resolve_model("gpt-4o-mini").unwrap().0.name, "openai");
        assert_eq!(resolve_model("o3-mini").unwrap().0.name, "openai");
        assert_eq!(resolve_model("claude-sonnet-4-0").unwrap().0.name, "anthropic");
        assert_eq!(resolve_model("gemini-2.5-flash").unwrap().0.name, "gemini");
        assert!(resolve_model("llama3").is_err());
    }

    #[test]
    fn responses_models_are_routed_to_the_responses_wire() {
        let openai = find("openai").unwrap();
        assert_eq!(wire_for(openai, "responses/gpt-5"), (Wire::OpenAiResponses, "gpt-5"));
        assert_eq!(wire_for(openai, "o3-pro"), (Wire::OpenAiResponses, "o3-pro"));
        assert_eq!(wire_for(openai, "gpt-4o"), (Wire::OpenAi, "gpt-4o"));
        assert_eq!(wire_for(find("hosted_vllm").unwrap(), "responses/m"), (Wire::OpenAiResponses, "m"));
        assert_eq!(wire_for(find("groq").unwrap(), "o3-pro"), (Wire::OpenAi, "o3-pro"));
        assert_eq!(wire_for(find("azure").unwrap(), "responses/dep"), (Wire::AzureResponses, "dep"));
        assert_eq!(wire_for(find("anthropic").unwrap(), "responses/x"), (Wire::Anthropic, "responses/x"));
    }

    #[test]
    fn unknown_provider_lists_the_known_ones() {
        let err = resolve_model("nope/model").unwrap_err();
        assert!(err.message.contains("anthropic") && err.message.contains("api_base"));
    }
}
