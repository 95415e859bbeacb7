//! The OpenAI-compatible family's other shapes, each a recorded stream split at every
//! byte: content as typed parts (Mistral's thinking chunks,
//! https://docs.mistral.ai/capabilities/reasoning/), OpenRouter's `reasoning_details`
//! (https://openrouter.ai/docs/use-cases/reasoning-tokens), Groq's `x_groq.usage`
//! (https://console.groq.com/docs/api-reference), DeepSeek's cache counts, and fields
//! of an unexpected shape that must not cost the rest of the answer.

use super::*;
use crate::accumulate::Accumulator;
use crate::error::ErrorKind;
use crate::parts::FinishReason;
use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};

fn decode(body: &str) -> Accumulator {
    assert_every_split_decodes_alike::<OpenAiStream>(body.as_bytes());
    decode_pieces::<OpenAiStream>(&[body.as_bytes()]).unwrap()
}

/// Magistral: thinking arrives as `thinking` chunks inside a `content` array, the
/// answer as text chunks, then (after thinking) as plain strings.
const MISTRAL: &str = concat!(
    "data: {\"id\":\"a1b2\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"magistral-medium-2509\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"a1b2\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"magistral-medium-2509\",\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"L'utilisateur demande \"}]}]},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"a1b2\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"magistral-medium-2509\",\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"2+2… \\\"4\\\"\"}],\"closed\":true}]},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"a1b2\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"magistral-medium-2509\",\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"Ça fait \"},{\"type\":\"reference\",\"reference_ids\":[1]}]},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"a1b2\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"magistral-medium-2509\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"4 🎉\"},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"a1b2\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"magistral-medium-2509\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"total_tokens\":42,\"completion_tokens\":32}}\n\n",
    "data: [DONE]\n\n",
);

#[test]
fn mistral_thinking_chunks_become_reasoning_streamed() {
    let acc = decode(MISTRAL);
    assert_eq!(acc.reasoning, "L'utilisateur demande 2+2… \"4\"");
    assert_eq!(acc.content, "Ça fait 4 🎉");
    assert_eq!(acc.finish_reason(), FinishReason::Stop);
    assert_eq!((acc.usage.prompt_tokens, acc.usage.completion_tokens), (Some(10), Some(32)));
}

#[test]
fn mistral_thinking_chunks_become_reasoning_whole() {
    let body = r#"{"id":"x","object":"chat.completion","model":"magistral-small-2509","choices":[{"index":0,"message":{"role":"assistant","content":[{"type":"thinking","thinking":[{"type":"text","text":"Je réfléchis."}]},{"type":"text","text":"Réponse : 4."}],"tool_calls":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":8,"completion_tokens":20,"total_tokens":28}}"#;
    let mut acc = Accumulator::default();
    OpenAi.parse_chat(body.as_bytes(), &mut acc).unwrap();
    assert_eq!((acc.reasoning.as_str(), acc.content.as_str()), ("Je réfléchis.", "Réponse : 4."));
}

#[test]
fn content_parts_from_other_servers() {
    // Text parts (`text`, `output_text`, untyped), a `reasoning` part, an image part
    // (skipped), a thinking part whose `thinking` is a plain string.
    let body = concat!(
        "data: {\"id\":\"p\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":[{\"type\":\"reasoning\",\"text\":\"hm \"},{\"type\":\"thinking\",\"thinking\":\"ok\"}]}}]}\n\n",
        "data: {\"id\":\"p\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":[{\"type\":\"output_text\",\"text\":\"a\"},{\"text\":\"b\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}},\"not a part\",{\"type\":\"text\",\"text\":\"c\"}]}}]}\n\n",
        "data: {\"id\":\"p\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":{\"unexpected\":true}},\"finish_reason\":\"stop\"}]}\n\n",
    );
    let acc = decode(body);
    assert_eq!((acc.reasoning.as_str(), acc.content.as_str()), ("hm ok", "abc"));
}

/// OpenRouter: reasoning as `reasoning_details` only (text, summary and encrypted
/// kinds), and a chunk carrying the same text in `reasoning` too (read once).
const OPENROUTER: &str = concat!(
    ": OPENROUTER PROCESSING\n\n",
    "data: {\"id\":\"gen-1\",\"provider\":\"Anthropic\",\"model\":\"anthropic/claude-sonnet-4\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":null,\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"Étape 1. \",\"format\":\"anthropic-claude-v1\",\"index\":0}]},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"gen-1\",\"model\":\"anthropic/claude-sonnet-4\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"\",\"signature\":\"ErUBCkYI\",\"format\":\"anthropic-claude-v1\",\"index\":0}]},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"gen-1\",\"model\":\"anthropic/claude-sonnet-4\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning\":\"Étape 2. \",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"Étape 2. \",\"index\":0}]},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"gen-1\",\"model\":\"openai/o3\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning_details\":[{\"type\":\"reasoning.summary\",\"summary\":\"**Résumé** 🧠\",\"format\":\"openai-responses-v1\",\"index\":1},{\"type\":\"reasoning.encrypted\",\"data\":\"gAAAAABo\",\"format\":\"openai-responses-v1\",\"index\":2},{\"type\":\"reasoning.future\",\"text\":\"unknown kind\"}]},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"gen-1\",\"model\":\"openai/o3\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Voilà.\"},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"gen-1\",\"model\":\"openai/o3\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":30,\"total_tokens\":39,\"completion_tokens_details\":{\"reasoning_tokens\":25}}}\n\n",
    "data: [DONE]\n\n",
);

#[test]
fn openrouter_reasoning_details_become_reasoning_once() {
    let acc = decode(OPENROUTER);
    assert_eq!(acc.reasoning, "Étape 1. Étape 2. **Résumé** 🧠");
    assert_eq!(acc.content, "Voilà.");
    assert_eq!(acc.usage.reasoning_tokens, Some(25));
    let body = r#"{"id":"gen-2","model":"m","choices":[{"message":{"role":"assistant","content":"ok","reasoning_details":[{"type":"reasoning.text","text":"pensée"}]},"finish_reason":"stop"}]}"#;
    let mut acc = Accumulator::default();
    OpenAi.parse_chat(body.as_bytes(), &mut acc).unwrap();
    assert_eq!((acc.reasoning.as_str(), acc.content.as_str()), ("pensée", "ok"));
}

/// Groq: usage only under `x_groq`, on the finish chunk.
const GROQ: &str = concat!(
    "data: {\"id\":\"chatcmpl-9a\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"llama-3.1-8b-instant\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"x_groq\":{\"id\":\"req_01\"}}\n\n",
    "data: {\"id\":\"chatcmpl-9a\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"llama-3.1-8b-instant\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Salut 👋\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"chatcmpl-9a\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"llama-3.1-8b-instant\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_01\",\"usage\":{\"queue_time\":0.02,\"prompt_tokens\":14,\"prompt_time\":0.001,\"completion_tokens\":3,\"completion_time\":0.004,\"total_tokens\":17,\"total_time\":0.005}}}\n\n",
    "data: [DONE]\n\n",
);

#[test]
fn groq_usage_under_x_groq_is_read() {
    let acc = decode(GROQ);
    assert_eq!(acc.content, "Salut 👋");
    assert_eq!((acc.usage.prompt_tokens, acc.usage.completion_tokens), (Some(14), Some(3)));
    // With both, the standard field wins (never both).
    let both = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},\"x_groq\":{\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":200}}}\n\n";
    let acc = decode(both);
    assert_eq!((acc.usage.prompt_tokens, acc.usage.completion_tokens), (Some(1), Some(2)));
}

#[test]
fn deepseek_cache_hits_count_as_cached() {
    let body = "data: {\"id\":\"d\",\"model\":\"deepseek-chat\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5,\"total_tokens\":25,\"prompt_cache_hit_tokens\":16,\"prompt_cache_miss_tokens\":4}}\n\n";
    assert_eq!(decode(body).usage.cached_tokens, Some(16));
}

#[test]
fn odd_shapes_are_skipped_and_the_rest_decodes() {
    // A usage object with a non-numeric count, a finish_reason that is not a string,
    // arguments sent as an object, a tool call that is not an object, details null.
    let body = concat!(
        "data: {\"id\":\"o\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"é\",\"reasoning_details\":null}}],\"usage\":{\"prompt_tokens\":\"many\"}}\n\n",
        "data: {\"id\":\"o\",\"model\":\"m\",\"choices\":[{\"delta\":{\"tool_calls\":[\"junk\",{\"index\":0,\"id\":\"t\",\"function\":{\"name\":\"f\",\"arguments\":{\"q\":\"ü\"}}}]},\"finish_reason\":7}]}\n\n",
        "data: {\"id\":\"o\",\"model\":\"m\",\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"prompt_tokens_details\":[]}}\n\n",
    );
    let acc = decode(body);
    assert_eq!(acc.content, "é");
    assert_eq!((acc.tool_calls[0].name.as_str(), acc.tool_calls[0].arguments.as_str()), ("f", r#"{"q":"ü"}"#));
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
    assert_eq!((acc.usage.prompt_tokens, acc.usage.cached_tokens), (Some(3), None));
}

#[test]
fn an_error_given_as_a_string_is_still_an_error() {
    let body = "data: {\"id\":\"e\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\ndata: {\"error\":\"upstream overloaded\"}\n\n";
    let mut acc = Accumulator::default();
    let err = OpenAiStream::default().feed(body.as_bytes(), &mut acc).unwrap_err();
    assert_eq!((acc.content.as_str(), err.message.as_str()), ("ok", "upstream overloaded"));
}

#[test]
fn an_unreadable_chunk_names_the_field_and_keeps_what_arrived() {
    let body = "data: {\"id\":\"u\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"kept\"}}]}\n\ndata: {\"id\":\"u\",\"choices\":[{\"delta\":\"not an object\"}]}\n\n";
    let mut acc = Accumulator::default();
    let err = OpenAiStream::default().feed(body.as_bytes(), &mut acc).unwrap_err();
    assert_eq!(acc.content, "kept");
    assert_eq!(err.kind, ErrorKind::APIError);
    assert!(err.message.contains("`choices[0].delta`"), "{}", err.message);
}
