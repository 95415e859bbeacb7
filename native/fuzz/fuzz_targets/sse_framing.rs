//! SSE framing: never panics, never buffers past its cap, and gives the same events
//! whether the bytes arrive whole or split at any point.
#![no_main]

use edgequake_llm_core::decode::lines::TooLarge;
use edgequake_llm_core::decode::sse::SseDecoder;
use libfuzzer_sys::fuzz_target;

const MAX: usize = 4096;

fn events(chunks: &[&[u8]]) -> Result<Vec<(String, String)>, TooLarge> {
    let mut decoder = SseDecoder::new();
    decoder.set_max(MAX);
    let mut out = Vec::new();
    for chunk in chunks {
        decoder.feed(chunk, |e| {
            assert!(e.data.len() <= MAX, "an event larger than the cap was dispatched");
            out.push((e.event.to_owned(), e.data.to_owned()));
            Ok::<_, TooLarge>(())
        })?;
    }
    decoder.finish(|e| {
        out.push((e.event.to_owned(), e.data.to_owned()));
        Ok::<_, TooLarge>(())
    })?;
    Ok(out)
}

fuzz_target!(|data: &[u8]| {
    let Some((&split, bytes)) = data.split_first() else { return };
    let at = usize::from(split) * bytes.len() / 256;
    let whole = events(&[bytes]);
    let split = events(&[&bytes[..at], &bytes[at..]]);
    if let (Ok(whole), Ok(split)) = (&whole, &split) {
        assert_eq!(whole, split);
    }
});
