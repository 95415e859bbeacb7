//! Tests of the Responses wire: a recorded event stream (modelled on
//! https://platform.openai.com/docs/api-reference/responses-streaming), split at
//! every byte, and whole responses.

use super::*;
use crate::accumulate::Accumulator;
use crate::parts::{FinishReason, StreamPart};
use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};

const STREAM: &str = concat!(
    "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"o3\",\"output\":[],\"usage\":null}}\n\n",
    "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]}}\n\n",
    "event: response.reasoning_summary_text.delta\ndata: {\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Thinking é\"}\n\n",
    "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"Hi 🎉\"}\n\n",
    "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"output_index\":2,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get\",\"arguments\":\"\"}}\n\n",
    "event: response.function_call_arguments.delta\ndata: {\"type\":\"response.function_call_arguments.delta\",\"output_index\":2,\"delta\":\"{\\\"q\\\":\"}\n\n",
    "event: response.function_call_arguments.delta\ndata: {\"type\":\"response.function_call_arguments.delta\",\"output_index\":2,\"delta\":\"1}\"}\n\n",
    "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"model\":\"o3\",\"status\":\"completed\",\"output\":[],\"usage\":{\"input_tokens\":9,\"input_tokens_details\":{\"cached_tokens\":4},\"output_tokens\":20,\"output_tokens_details\":{\"reasoning_tokens\":12},\"total_tokens\":29}}}\n\n",
);

fn decode(body: &str) -> Result<Accumulator> {
    decode_pieces::<ResponsesStream>(&[body.as_bytes()])
}

#[test]
fn events_become_text_reasoning_tool_calls_and_usage() {
    let acc = decode(STREAM).unwrap();
    assert_eq!((acc.id.as_deref(), acc.model.as_deref()), (Some("resp_1"), Some("o3")));
    assert_eq!((acc.reasoning.as_str(), acc.content.as_str()), ("Thinking é", "Hi 🎉"));
    assert_eq!((acc.tool_calls[0].id.as_str(), acc.tool_calls[0].name.as_str()), ("call_1", "get"));
    assert_eq!(acc.tool_calls[0].arguments, "{\"q\":1}");
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
    let u = acc.usage;
    assert_eq!(
        (u.prompt_tokens, u.completion_tokens, u.cached_tokens, u.reasoning_tokens),
        (Some(9), Some(20), Some(4), Some(12))
    );
    assert_every_split_decodes_alike::<ResponsesStream>(STREAM.as_bytes());
}

#[test]
fn the_stream_ends_only_at_a_terminal_event_and_errors_are_typed() {
    let cut = &STREAM[..STREAM.find("event: response.completed").unwrap()];
    let mut decoder = ResponsesStream::default();
    decoder.feed(cut.as_bytes(), &mut Accumulator::default()).unwrap();
    assert!(!decoder.ended());
    let err = decode(
        "event: error\ndata: {\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}\n\n",
    )
    .unwrap_err();
    assert_eq!((err.kind, err.message.as_str()), (crate::ErrorKind::RateLimitError, "slow down"));
    let failed = "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}}\n\n";
    assert_eq!(decode(failed).unwrap_err().message, "boom");
    let incomplete = "event: response.incomplete\ndata: {\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}}}\n\n";
    assert_eq!(decode(incomplete).unwrap().finish, Some(FinishReason::Length));
}

#[test]
fn whole_responses_read_every_output_item() {
    let body = br#"{"id":"resp_2","model":"o3","status":"completed","output":[
        {"type":"reasoning","summary":[{"type":"summary_text","text":"hm"}]},
        {"type":"message","content":[{"type":"output_text","text":"ok"}]},
        {"type":"function_call","call_id":"c","name":"f","arguments":"{}"}],
        "usage":{"input_tokens":3,"output_tokens":5}}"#;
    let mut acc = Accumulator::default();
    parse_response(body, &mut acc).unwrap();
    assert_eq!((acc.reasoning.as_str(), acc.content.as_str(), acc.tool_calls.len()), ("hm", "ok", 1));
    assert_eq!(acc.usage.completion_tokens, Some(5));
}

#[test]
fn pass_through_hands_every_event_on() {
    struct Events(Vec<String>);
    impl PartSink for Events {
        fn part(&mut self, part: StreamPart<'_>) {
            if let StreamPart::Event { json } = part {
                self.0.push(json.into_owned());
            }
        }
    }
    let mut decoder = OpenAiResponses.event_decoder().unwrap();
    let mut sink = Events(Vec::new());
    decoder.feed(STREAM.as_bytes(), &mut sink).unwrap();
    assert_eq!(sink.0.len(), 8);
    assert!(sink.0[0].starts_with("{\"type\":\"response.created\""));
}
