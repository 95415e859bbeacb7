//! One monotonic anchor for the process, so connection events recorded in atomics
//! (as nanoseconds) can be compared with a request's own `Instant`s.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

static ANCHOR: OnceLock<Instant> = OnceLock::new();

pub fn anchor() -> Instant {
    *ANCHOR.get_or_init(Instant::now)
}

/// Nanoseconds since the anchor (fits u64 for 584 years).
pub fn now_nanos() -> u64 {
    anchor().elapsed().as_nanos() as u64
}

pub fn instant_from_nanos(nanos: u64) -> Instant {
    anchor() + Duration::from_nanos(nanos)
}

/// Milliseconds between two instants, as a float with sub-microsecond precision.
pub fn ms_between(from: Instant, to: Instant) -> f64 {
    to.saturating_duration_since(from).as_secs_f64() * 1000.0
}

pub fn unix_ms_now() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
}
