//! Every wire's event parser, streamed and whole: no input panics, and a stream
//! decodes to the same answer whether its bytes arrive whole or split.
#![no_main]

use edgequake_llm_core::accumulate::Accumulator;
use edgequake_llm_core::provider::{for_wire, Wire};
use libfuzzer_sys::fuzz_target;

const WIRES: [Wire; 6] = [Wire::OpenAi, Wire::Azure, Wire::Anthropic, Wire::Gemini, Wire::Ollama, Wire::OpenAiResponses];

/// (content, reasoning, tool calls as (name, arguments)) of a decoded stream, or None on error.
type Answer = (String, String, Vec<(String, String)>);

fn stream(wire: Wire, chunks: &[&[u8]]) -> Option<Answer> {
    let mut decoder = for_wire(wire).stream_decoder();
    decoder.limit_event_bytes(1 << 16);
    let mut acc = Accumulator::default();
    for chunk in chunks {
        decoder.feed(chunk, &mut acc).ok()?;
    }
    decoder.finish(&mut acc).ok()?;
    let calls = acc.tool_calls.iter().map(|c| (c.name.clone(), c.arguments.clone())).collect();
    Some((acc.content, acc.reasoning, calls))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let wire = WIRES[usize::from(selector) % WIRES.len()];
    let at = usize::from(selector) * bytes.len() / 256;
    let whole = stream(wire, &[bytes]);
    let split = stream(wire, &[&bytes[..at], &bytes[at..]]);
    if let (Some(whole), Some(split)) = (&whole, &split) {
        assert_eq!(whole, split);
    }
    let mut acc = Accumulator::default();
    let _ = for_wire(wire).parse_chat(bytes, &mut acc);
    let _ = for_wire(wire).parse_models(bytes);
    let _ = for_wire(wire).error_message(bytes);
    let _ = for_wire(wire).parse_embeddings(bytes);
});
