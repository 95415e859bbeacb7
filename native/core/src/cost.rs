//! Cost from the one price table shipped with the package (`data/prices.json`,
//! compiled in): per provider and model, USD per million tokens for input,
//! output, cache reads, cache writes and reasoning, each entry with the date and
//! source of its prices. `cost_per_token` is LiteLLM's function of that name;
//! `completion_cost` (in the bindings) feeds it a response's model and usage.
//!
//! Cache tiers, as the providers bill them: of `prompt_tokens` (which includes
//! cached and cache-written tokens, see the README's usage table), the
//! `cache_read` part is billed at the cache-read price, the `cache_creation` part
//! at the cache-write price, and the rest at the input price; of
//! `completion_tokens`, the `reasoning` part at the reasoning price (the output
//! price where none is listed) and the rest at the output price.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{LlmError, Result};
use crate::provider::registry;

/// One model's prices, USD per million tokens.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct ModelPrice {
    pub provider: String,
    pub model: String,
    /// Other names the provider answers with (Anthropic's dated snapshots).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub input: f64,
    pub output: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_read: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<f64>,
    /// When these prices were read from `source`.
    pub date: String,
    pub source: String,
}

#[derive(Deserialize)]
struct Table {
    models: Vec<ModelPrice>,
}

/// The table as shipped (JSON), for `price_table()`.
pub const PRICES_JSON: &str = include_str!("../data/prices.json");

fn table() -> &'static [ModelPrice] {
    static TABLE: OnceLock<Vec<ModelPrice>> = OnceLock::new();
    TABLE.get_or_init(|| serde_json::from_str::<Table>(PRICES_JSON).expect("data/prices.json is valid").models)
}

/// Every entry, as JSON (an array).
pub fn price_table_json() -> String {
    serde_json::to_string(table()).expect("prices serialize")
}

/// The entry for `provider/model` (or a bare name LiteLLM would infer), trying the
/// name as given, then without a trailing date stamp (`gpt-4o-mini-2024-07-18`,
/// `claude-sonnet-4-20250514`), as servers often answer with dated names.
pub fn price_of(model: &str) -> Option<&'static ModelPrice> {
    let (spec, name) = registry::resolve_model(model).ok()?;
    let find = |name: &str| {
        table().iter().find(|p| p.provider == spec.name && (p.model == name || p.aliases.iter().any(|a| a == name)))
    };
    find(name).or_else(|| find(strip_date(name)?))
}

fn strip_date(name: &str) -> Option<&str> {
    let (head, tail) = name.rsplit_once('-')?;
    if tail.len() == 8 && tail.bytes().all(|b| b.is_ascii_digit()) {
        return Some(head);
    }
    // -YYYY-MM-DD
    let bytes = name.as_bytes();
    let n = bytes.len();
    let dated = n > 11
        && bytes[n - 11] == b'-'
        && bytes[n - 6] == b'-'
        && bytes[n - 3] == b'-'
        && [n - 10, n - 9, n - 8, n - 7, n - 5, n - 4, n - 2, n - 1].iter().all(|&i| bytes[i].is_ascii_digit());
    dated.then(|| &name[..n - 11])
}

/// Token counts to price, as `usage` reports them.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct TokenCounts {
    #[serde(default)]
    pub prompt_tokens: u64,
    #[serde(default)]
    pub completion_tokens: u64,
    /// Part of `prompt_tokens` read from the cache.
    #[serde(default, alias = "cache_read_input_tokens")]
    pub cache_read_tokens: u64,
    /// Part of `prompt_tokens` written to the cache.
    #[serde(default, alias = "cache_creation_input_tokens")]
    pub cache_creation_tokens: u64,
    /// Part of `completion_tokens` spent reasoning.
    #[serde(default)]
    pub reasoning_tokens: u64,
}

/// `(prompt cost, completion cost)` in USD, as LiteLLM's `cost_per_token` returns.
pub fn cost_per_token(model: &str, t: &TokenCounts) -> Result<(f64, f64)> {
    let price = price_of(model).ok_or_else(|| {
        LlmError::bad_input(format!(
            "no price for model '{model}' in the price table: price_table() lists the priced models"
        ))
    })?;
    if t.cache_read_tokens + t.cache_creation_tokens > t.prompt_tokens {
        return Err(LlmError::bad_input(format!(
            "cache_read ({}) + cache_creation ({}) tokens exceed prompt_tokens ({}): prompt_tokens includes them",
            t.cache_read_tokens, t.cache_creation_tokens, t.prompt_tokens
        )));
    }
    if t.reasoning_tokens > t.completion_tokens {
        return Err(LlmError::bad_input(format!(
            "reasoning_tokens ({}) exceed completion_tokens ({}): completion_tokens includes them",
            t.reasoning_tokens, t.completion_tokens
        )));
    }
    let per = |tokens: u64, usd_per_million: f64| tokens as f64 * usd_per_million / 1e6;
    let uncached = t.prompt_tokens - t.cache_read_tokens - t.cache_creation_tokens;
    let prompt = per(uncached, price.input)
        + per(t.cache_read_tokens, price.cache_read.unwrap_or(price.input))
        + per(t.cache_creation_tokens, price.cache_write.unwrap_or(price.input));
    let completion = per(t.completion_tokens - t.reasoning_tokens, price.output)
        + per(t.reasoning_tokens, price.reasoning.unwrap_or(price.output));
    Ok((prompt, completion))
}

/// `cost_per_token` for the bindings: `{model, prompt_tokens, …}` JSON in,
/// `[prompt_usd, completion_usd]` JSON out.
pub fn cost_per_token_json(json: &str) -> Result<String> {
    #[derive(Deserialize)]
    struct Args {
        model: String,
        #[serde(flatten)]
        counts: TokenCounts,
    }
    let args: Args = serde_json::from_str(json).map_err(|e| {
        LlmError::bad_input(format!(
            "cost_per_token() takes {{ model, prompt_tokens, completion_tokens, cache_read_input_tokens?, \
             cache_creation_input_tokens?, reasoning_tokens? }} with whole, non-negative counts: {e}"
        ))
    })?;
    let (prompt, completion) = cost_per_token(&args.model, &args.counts)?;
    Ok(serde_json::to_string(&[prompt, completion]).expect("numbers serialize"))
}

/// `completion_cost` for the bindings: `{model, usage}` JSON in (the model as
/// `provider/model`, the usage as a response carries it), the USD cost out.
pub fn completion_cost_json(json: &str) -> Result<String> {
    #[derive(Deserialize)]
    struct Args {
        model: String,
        usage: UsageIn,
    }
    #[derive(Deserialize)]
    struct UsageIn {
        #[serde(default)]
        prompt_tokens: u64,
        #[serde(default)]
        completion_tokens: u64,
        cache_read_input_tokens: Option<u64>,
        #[serde(default)]
        cache_creation_input_tokens: u64,
        #[serde(default)]
        prompt_tokens_details: Option<Details>,
        #[serde(default)]
        completion_tokens_details: Option<Details>,
    }
    #[derive(Deserialize)]
    struct Details {
        #[serde(default)]
        cached_tokens: u64,
        #[serde(default)]
        reasoning_tokens: u64,
    }
    let args: Args = serde_json::from_str(json).map_err(|e| {
        LlmError::bad_input(format!(
            "completion_cost() takes a response with `model` and `usage` (whole, non-negative counts): {e}"
        ))
    })?;
    let u = args.usage;
    let counts = TokenCounts {
        prompt_tokens: u.prompt_tokens,
        completion_tokens: u.completion_tokens,
        cache_read_tokens: u
            .cache_read_input_tokens
            .unwrap_or_else(|| u.prompt_tokens_details.as_ref().map_or(0, |d| d.cached_tokens)),
        cache_creation_tokens: u.cache_creation_input_tokens,
        reasoning_tokens: u.completion_tokens_details.as_ref().map_or(0, |d| d.reasoning_tokens),
    };
    let (prompt, completion) = cost_per_token(&args.model, &counts)?;
    Ok(serde_json::to_string(&(prompt + completion)).expect("a number serializes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn every_entry_is_complete_and_resolvable() {
        for p in table() {
            assert!(p.input >= 0.0 && p.output >= 0.0, "{}", p.model);
            assert!(p.date.len() >= 7 && p.source.starts_with("https://"), "{}", p.model);
            let id = format!("{}/{}", p.provider, p.model);
            assert_eq!(price_of(&id), Some(p), "{id}");
        }
    }

    #[test]
    fn anthropic_cache_tiers() {
        // Sonnet 4: input 3, cache write 3.75, cache read 0.30, output 15 (USD / M).
        let t = TokenCounts {
            prompt_tokens: 10_000 + 2_000 + 50_000,
            completion_tokens: 1_000,
            cache_read_tokens: 50_000,
            cache_creation_tokens: 2_000,
            reasoning_tokens: 400,
        };
        let (prompt, completion) = cost_per_token("anthropic/claude-sonnet-4-0", &t).unwrap();
        assert_eq!(cost_per_token("anthropic/claude-sonnet-4-20250514", &t).unwrap(), (prompt, completion));
        assert!(close(prompt, 0.030 + 0.0075 + 0.015), "{prompt}");
        assert!(close(completion, 0.015), "{completion}");
    }

    #[test]
    fn openai_cached_reads_and_defaults() {
        // gpt-4o-mini: input 0.15, cached 0.075, output 0.6; no cache-write price → input price.
        let t = TokenCounts {
            prompt_tokens: 1_000_000,
            completion_tokens: 100_000,
            cache_read_tokens: 400_000,
            cache_creation_tokens: 100_000,
            reasoning_tokens: 0,
        };
        let (prompt, completion) = cost_per_token("openai/gpt-4o-mini-2024-07-18", &t).unwrap();
        assert!(close(prompt, 0.5 * 0.15 + 0.4 * 0.075 + 0.1 * 0.15), "{prompt}");
        assert!(close(completion, 0.06), "{completion}");
        // A provider without cache prices bills cached tokens at the input price.
        let groq = TokenCounts { prompt_tokens: 1_000_000, cache_read_tokens: 500_000, ..TokenCounts::default() };
        assert!(close(cost_per_token("groq/llama-3.1-8b-instant", &groq).unwrap().0, 0.05));
    }

    #[test]
    fn impossible_counts_and_unknown_models_fail_by_name() {
        let t =
            TokenCounts { prompt_tokens: 10, cache_read_tokens: 8, cache_creation_tokens: 8, ..TokenCounts::default() };
        assert!(cost_per_token("openai/gpt-4o", &t).unwrap_err().message.contains("exceed prompt_tokens"));
        assert!(cost_per_token("openai/not-a-model", &TokenCounts::default())
            .unwrap_err()
            .message
            .contains("price_table"));
        assert!(cost_per_token_json(r#"{"model":"openai/gpt-4o","prompt_tokens":-1}"#).is_err());
        assert_eq!(strip_date("claude-sonnet-4-20250514"), Some("claude-sonnet-4"));
        assert_eq!(strip_date("gpt-4o-2024-08-06"), Some("gpt-4o"));
        assert_eq!(strip_date("gpt-4o"), None);
    }
}
