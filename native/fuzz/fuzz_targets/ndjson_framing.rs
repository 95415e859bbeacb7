//! Line framing (NDJSON, and under SSE): never panics, caps lines, and gives the
//! same lines whether the bytes arrive whole or split at any point.
#![no_main]

use edgequake_llm_core::decode::lines::{LineSplitter, TooLarge};
use libfuzzer_sys::fuzz_target;

const MAX: usize = 1024;

fn lines(chunks: &[&[u8]]) -> Result<Vec<Vec<u8>>, TooLarge> {
    let mut splitter = LineSplitter::default();
    splitter.set_max(MAX);
    let mut out = Vec::new();
    for chunk in chunks {
        splitter.feed(chunk, |l| {
            assert!(l.len() <= MAX + 1);
            out.push(l.to_vec());
            Ok::<_, TooLarge>(())
        })?;
    }
    splitter.finish(|l| {
        out.push(l.to_vec());
        Ok::<_, TooLarge>(())
    })?;
    Ok(out)
}

fuzz_target!(|data: &[u8]| {
    let Some((&split, bytes)) = data.split_first() else { return };
    let at = usize::from(split) * bytes.len() / 256;
    if let (Ok(whole), Ok(split)) = (lines(&[bytes]), lines(&[&bytes[..at], &bytes[at..]])) {
        assert_eq!(whole, split);
    }
});
