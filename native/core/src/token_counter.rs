//! `token_counter({ model, messages | text })`: the prompt's token count before a
//! request. OpenAI models (and gpt-oss, wherever it is served) are counted with
//! their real tokenizer, offline — o200k_base or cl100k_base, whose ranks the
//! `tiktoken-rs` crate compiles in — and chat messages with OpenAI's framing
//! (3 tokens per message, 1 more per `name`, 3 to prime the reply; see OpenAI's
//! cookbook "How to count tokens with tiktoken"). Every other model gets the
//! engine's labelled estimate, ⌈characters / 4⌉, and says so.
//! Images and tool definitions are not counted.

use serde::{Deserialize, Serialize};
use tiktoken_rs::tokenizer::{get_tokenizer, Tokenizer};
use tiktoken_rs::CoreBPE;

use crate::error::{LlmError, Result};
use crate::provider::registry;
use crate::request::{Content, Message, Role};

/// Which tokenizer counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counter {
    O200kBase,
    Cl100kBase,
    /// ⌈characters / 4⌉: no tokenizer for this model ships with the package.
    Estimate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TokenCount {
    pub tokens: u64,
    pub tokenizer: Counter,
    pub estimated: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Args {
    model: String,
    messages: Option<Vec<Message>>,
    text: Option<String>,
}

/// The tokenizer of a `provider/model` name (a provider's `openai/` prefix, as
/// OpenRouter and Groq write OpenAI's models, is looked through).
pub fn counter_for(model: &str) -> Counter {
    let name = match registry::resolve_model(model) {
        Ok((_, name)) => name,
        Err(_) => model,
    };
    let name = name.strip_prefix("openai/").unwrap_or(name);
    match get_tokenizer(name) {
        Some(Tokenizer::O200kBase | Tokenizer::O200kHarmony) => Counter::O200kBase,
        Some(Tokenizer::Cl100kBase) => Counter::Cl100kBase,
        _ => Counter::Estimate,
    }
}

fn bpe(counter: Counter) -> Option<&'static CoreBPE> {
    match counter {
        Counter::O200kBase => Some(tiktoken_rs::o200k_base_singleton()),
        Counter::Cl100kBase => Some(tiktoken_rs::cl100k_base_singleton()),
        Counter::Estimate => None,
    }
}

/// Counts `text` alone.
pub fn count_text(model: &str, text: &str) -> TokenCount {
    let counter = counter_for(model);
    let tokens = match bpe(counter) {
        Some(bpe) => bpe.encode_ordinary(text).len() as u64,
        None => estimate(text.chars().count()),
    };
    TokenCount { tokens, tokenizer: counter, estimated: counter == Counter::Estimate }
}

fn estimate(chars: usize) -> u64 {
    chars.div_ceil(4) as u64
}

fn role(r: Role) -> &'static str {
    match r {
        Role::System => "system",
        Role::Developer => "developer",
        Role::User => "user",
        Role::Assistant => "assistant",
        Role::Tool => "tool",
    }
}

/// Counts a conversation as the model will see it.
pub fn count_messages(model: &str, messages: &[Message]) -> TokenCount {
    let counter = counter_for(model);
    let Some(bpe) = bpe(counter) else {
        let chars: usize = messages
            .iter()
            .map(|m| {
                m.content.as_ref().map_or(0, |c| c.joined_text().chars().count())
                    + m.tool_calls
                        .iter()
                        .flatten()
                        .map(|c| c.function.name.len() + c.function.arguments.len())
                        .sum::<usize>()
            })
            .sum();
        return TokenCount { tokens: estimate(chars), tokenizer: counter, estimated: true };
    };
    let count = |s: &str| bpe.encode_ordinary(s).len() as u64;
    let mut tokens = 3; // every reply is primed with <|start|>assistant<|message|>
    for m in messages {
        tokens += 3 + count(role(m.role));
        if let Some(content) = &m.content {
            tokens += match content {
                Content::Text(t) => count(t),
                Content::Parts(_) => count(&content.joined_text()),
            };
        }
        if let Some(name) = &m.name {
            tokens += 1 + count(name);
        }
        for call in m.tool_calls.iter().flatten() {
            tokens += count(&call.function.name) + count(&call.function.arguments);
        }
    }
    TokenCount { tokens, tokenizer: counter, estimated: false }
}

/// For the bindings: `{model, messages | text}` JSON in, [`TokenCount`] JSON out.
pub fn token_counter_json(json: &str) -> Result<String> {
    let args: Args = serde_json::from_str(json).map_err(|e| {
        LlmError::bad_input(format!("token_counter() takes {{ model, messages }} or {{ model, text }}: {e}"))
    })?;
    let count = match (&args.messages, &args.text) {
        (Some(messages), None) => count_messages(&args.model, messages),
        (None, Some(text)) => count_text(&args.model, text),
        _ => {
            return Err(LlmError::bad_input("token_counter() takes exactly one of `messages` and `text`, with `model`"))
        }
    };
    Ok(serde_json::to_string(&count).expect("counts serialize"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openai_models_use_their_real_tokenizer() {
        assert_eq!(counter_for("openai/gpt-4o-mini"), Counter::O200kBase);
        assert_eq!(counter_for("gpt-4.1"), Counter::O200kBase);
        assert_eq!(counter_for("openai/gpt-4"), Counter::Cl100kBase);
        assert_eq!(counter_for("groq/openai/gpt-oss-20b"), Counter::O200kBase);
        assert_eq!(counter_for("anthropic/claude-sonnet-4-0"), Counter::Estimate);
        // "hello world" is two tokens in both encodings.
        assert_eq!(count_text("openai/gpt-4o", "hello world").tokens, 2);
        assert_eq!(count_text("openai/gpt-4", "hello world").tokens, 2);
        let est = count_text("anthropic/claude-sonnet-4-0", "hello world");
        assert_eq!((est.tokens, est.estimated), (3, true));
    }

    #[test]
    fn messages_get_openais_framing() {
        let messages: Vec<Message> = serde_json::from_str(
            r#"[{"role":"system","content":"hello world"},{"role":"user","content":"hello world"}]"#,
        )
        .unwrap();
        // 3 reply priming + per message (3 + role 1 + content 2).
        assert_eq!(count_messages("openai/gpt-4o", &messages).tokens, 3 + 2 * (3 + 1 + 2));
        let out = token_counter_json(r#"{"model":"openai/gpt-4o","text":"hello world"}"#).unwrap();
        assert_eq!(out, r#"{"tokens":2,"tokenizer":"o200k_base","estimated":false}"#);
        assert!(token_counter_json(r#"{"model":"openai/gpt-4o"}"#).is_err());
    }
}
