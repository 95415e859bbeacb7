//! Test helpers for the stream decoders: decode a recorded body fed in pieces, and
//! check that every way of splitting it (inside UTF-8 characters and CRLF pairs too)
//! decodes to the same result.

use super::StreamDecoder;
use crate::accumulate::Accumulator;
use crate::decode::split_test::every_split;
use crate::error::Result;

pub fn decode_pieces<D: StreamDecoder + Default>(parts: &[&[u8]]) -> Result<Accumulator> {
    let mut decoder = D::default();
    let mut acc = Accumulator::default();
    for part in parts {
        decoder.feed(part, &mut acc)?;
    }
    decoder.finish(&mut acc)?;
    Ok(acc)
}

pub fn assert_every_split_decodes_alike<D: StreamDecoder + Default>(body: &[u8]) {
    let whole = format!("{:?}", decode_pieces::<D>(&[body]).unwrap());
    every_split(body, |parts| assert_eq!(format!("{:?}", decode_pieces::<D>(parts).unwrap()), whole));
}
