//! Test helper: feeds a recorded byte stream split at every possible boundary
//! (one cut and two cuts), including inside multi-byte UTF-8 characters.

pub fn every_split(bytes: &[u8], mut check: impl FnMut(&[&[u8]])) {
    for i in 0..=bytes.len() {
        check(&[&bytes[..i], &bytes[i..]]);
    }
    // Two cuts, strided to keep the test fast on long fixtures while still landing
    // in every UTF-8 sequence and every CRLF pair for short ones.
    let stride = (bytes.len() / 64).max(1);
    for i in (0..=bytes.len()).step_by(stride) {
        for j in (i..=bytes.len()).step_by(stride) {
            check(&[&bytes[..i], &bytes[i..j], &bytes[j..]]);
        }
    }
    // One byte at a time.
    let singles: Vec<&[u8]> = bytes.chunks(1).collect();
    check(&singles);
}
