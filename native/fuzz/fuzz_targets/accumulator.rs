//! The accumulator (whole responses and `stream_chunk_builder`'s core) under any
//! sequence of parts, including hostile tool-call indices: never panics, never
//! allocates by index, and keeps at most one slot per distinct index.
#![no_main]

use std::borrow::Cow;

use edgequake_llm_core::accumulate::{Accumulator, MAX_TOOL_CALL_INDEX};
use edgequake_llm_core::parts::{FinishReason, PartSink, StreamPart, UsagePart};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut acc = Accumulator::default();
    let mut distinct = std::collections::BTreeSet::new();
    for op in data.chunks(6) {
        let text = String::from_utf8_lossy(&op[1..]);
        let index = u32::from_le_bytes([
            op.get(1).copied().unwrap_or(0),
            op.get(2).copied().unwrap_or(0),
            op.get(3).copied().unwrap_or(0),
            op.get(4).copied().unwrap_or(0),
        ]);
        let part = match op[0] % 7 {
            0 => StreamPart::Text { text: Cow::Borrowed(&text) },
            1 => StreamPart::Reasoning { text: Cow::Borrowed(&text) },
            2 => StreamPart::ReasoningSignature { signature: Cow::Borrowed(&text) },
            3 => {
                if index <= MAX_TOOL_CALL_INDEX {
                    distinct.insert(index);
                }
                StreamPart::ToolCall {
                    index,
                    id: Some(Cow::Borrowed("id")),
                    name: None,
                    arguments: Cow::Borrowed(&text),
                }
            }
            4 => StreamPart::Usage(UsagePart { prompt_tokens: Some(index), ..UsagePart::default() }),
            5 => StreamPart::Finish { reason: FinishReason::Length },
            _ => StreamPart::Meta { id: Cow::Borrowed(&text), model: Cow::Borrowed("m") },
        };
        acc.part(part);
    }
    assert_eq!(acc.tool_calls.len(), distinct.len());
    let _ = acc.finish_reason();
});
