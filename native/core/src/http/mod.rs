//! The HTTP layer: a hyper client whose connector times DNS, TCP connect and TLS
//! itself, so every response knows how its connection was made (or that it was
//! reused). reqwest hides these phases, hence hyper directly.

pub mod client;
pub mod clock;
pub mod connector;
