//! The one place provider names are matched: name → wire protocol, default base
//! URL and the environment variables LiteLLM reads for it. Bare model names are
//! inferred the way LiteLLM does (`gpt-*`/`o*` → openai, `claude-*` → anthropic,
//! `gemini-*` → gemini).

use serde::Serialize;

use crate::error::{LlmError, Result};

/// The wire protocols we speak; each has one module under `provider/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wire {
    OpenAi,
    Azure,
    Anthropic,
    Gemini,
    Ollama,
}

/// Everything known about a provider, in one place: the engine routes by it and the
/// app reads it through `providers()` (labels, which servers are local, env vars).
#[derive(Debug, Clone, Copy, Serialize)]
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
    ProviderSpec { name, label, wire, default_base, key_env, base_env, key_required, local: !key_required }
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
    fn unknown_provider_lists_the_known_ones() {
        let err = resolve_model("nope/model").unwrap_err();
        assert!(err.message.contains("anthropic") && err.message.contains("api_base"));
    }
}
