//! Anthropic's other shapes, each a recorded stream split at every byte: tool input
//! delivered whole in `content_block_start` (programmatic tool calling,
//! https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/programmatic-tool-calling),
//! thinking tokens in `usage.output_tokens_details` (extended thinking), and fields
//! of an unexpected shape.

use super::*;
use crate::accumulate::Accumulator;
use crate::parts::{FinishReason, UsagePart};
use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};

fn decode(body: &str) -> Accumulator {
    assert_every_split_decodes_alike::<AnthropicStream>(body.as_bytes());
    decode_pieces::<AnthropicStream>(&[body.as_bytes()]).unwrap()
}

const HEAD: &str = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"usage\":{\"input_tokens\":50,\"output_tokens\":1}}}\n\n";
const TAIL: &str = "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":40}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

/// Three tool blocks: input whole in the start block with no deltas (a programmatic
/// call, with its `caller`); input streamed as usual; whole input in the start block
/// followed by deltas that stream it again (the deltas win: never both).
const BLOCKS: &str = concat!(
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_A\",\"name\":\"get_weather\",\"input\":{\"city\":\"Zürich\",\"days\":[1,2]},\"caller\":{\"type\":\"code_execution_20250825\",\"tool_id\":\"srvtoolu_1\"}}}\n\n",
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_B\",\"name\":\"get_time\",\"input\":{}}}\n\n",
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"tz\\\":\\\"Europe/Paris\\\"}\"}}\n\n",
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_C\",\"name\":\"echo\",\"input\":{\"s\":\"é\"}}}\n\n",
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"s\\\":\"}}\n\n",
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"é\\\"}\"}}\n\n",
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":2}\n\n",
);

#[test]
fn whole_tool_input_in_the_start_block_is_used_once() {
    let acc = decode(&format!("{HEAD}{BLOCKS}{TAIL}"));
    let calls: Vec<_> = acc.tool_calls.iter().map(|c| (c.id.as_str(), c.name.as_str(), c.arguments.as_str())).collect();
    assert_eq!(
        calls,
        [
            ("toolu_A", "get_weather", r#"{"city":"Zürich","days":[1,2]}"#),
            ("toolu_B", "get_time", r#"{"tz":"Europe/Paris"}"#),
            ("toolu_C", "echo", r#"{"s":"é"}"#),
        ]
    );
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
}

#[test]
fn thinking_tokens_are_reasoning_tokens() {
    let body = concat!(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_02\",\"model\":\"claude-opus-4-1\",\"content\":[],\"usage\":{\"input_tokens\":12,\"cache_read_input_tokens\":4,\"output_tokens\":1,\"output_tokens_details\":{\"thinking_tokens\":0}}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Réfléchissons…\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"42 ✅\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":90,\"output_tokens_details\":{\"thinking_tokens\":70}}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    );
    let acc = decode(body);
    let expected = UsagePart {
        prompt_tokens: Some(16),
        completion_tokens: Some(90),
        cached_tokens: Some(4),
        reasoning_tokens: Some(70),
        cache_creation_tokens: None,
    };
    assert_eq!(acc.usage, expected);
    let whole = br#"{"id":"m","model":"c","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":9,"output_tokens_details":{"thinking_tokens":6}}}"#;
    let mut acc = Accumulator::default();
    Anthropic.parse_chat(whole, &mut acc).unwrap();
    assert_eq!((acc.usage.completion_tokens, acc.usage.reasoning_tokens), (Some(9), Some(6)));
}

#[test]
fn odd_shapes_are_skipped_and_the_rest_decodes() {
    // Details of another shape, a delta text that is not a string, an unknown block
    // type with an odd input, a usage count that is not a number.
    let body = concat!(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_03\",\"model\":\"claude-x\",\"content\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":\"q\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":[\"odd\"]}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Gardé.\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":7,\"output_tokens_details\":[]}}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":\"lots\"}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    );
    let acc = decode(body);
    assert_eq!(acc.content, "Gardé.");
    assert!(acc.tool_calls.is_empty());
    assert_eq!((acc.usage.completion_tokens, acc.usage.reasoning_tokens), (Some(7), None));
}
