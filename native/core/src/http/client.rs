//! One pooled hyper client for the process (connections are reused across calls,
//! which is what makes warm calls fast), and `send`, which returns the response with
//! the timing of how it got here.

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::Request;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::clock::instant_from_nanos;
use super::connector::{ConnInfo, TimedConnector};
use crate::error::{LlmError, Result};
use crate::provider::HttpCall;

type HyperClient = Client<TimedConnector, Full<Bytes>>;

fn build_client(max_idle: usize) -> HyperClient {
    Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(90))
        .pool_max_idle_per_host(max_idle)
        .http1_read_buf_exact_size(4096)
        .build(TimedConnector::new())
}

/// The pooled client every call uses.
fn client() -> &'static HyperClient {
    static CLIENT: OnceLock<HyperClient> = OnceLock::new();
    CLIENT.get_or_init(|| build_client(64))
}

/// A client with no pool: its request always goes out on a new connection. Used to
/// retry a request that failed on a pooled connection the server had closed.
fn fresh_client() -> &'static HyperClient {
    static CLIENT: OnceLock<HyperClient> = OnceLock::new();
    CLIENT.get_or_init(|| build_client(0))
}

/// Which connection a request may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// A pooled one if there is one idle (the normal case).
    Pooled,
    /// A new one, never a pooled one.
    Fresh,
}

/// A request that got no response.
#[derive(Debug)]
pub struct SendError {
    pub error: LlmError,
    /// It failed on a reused keep-alive connection before any response byte came:
    /// the server most likely closed the idle connection as we sent (a race every
    /// HTTP client meets), and never saw the request.
    pub stale_connection: bool,
}

impl From<LlmError> for SendError {
    fn from(error: LlmError) -> Self {
        Self { error, stale_connection: false }
    }
}

/// How the response got here; all instants on the monotonic clock.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub conn: Option<ConnInfo>,
    pub reused: bool,
    pub http_version: &'static str,
    pub request_sent: Option<Instant>,
    pub headers_at: Instant,
}

pub struct Sent {
    pub response: http::Response<Incoming>,
    pub arrival: Arrival,
}

/// Sends one request. `extra_headers` (the caller's) override the provider's.
pub async fn send(
    call: &HttpCall,
    extra_headers: Option<&BTreeMap<String, String>>,
    connection: Connection,
) -> Result<Sent, SendError> {
    // Compressed streams are buffered by the compressor, which would distort every
    // latency we measure; we ask for identity (and still undo gzip/deflate if a
    // server compresses anyway, see engine/body.rs).
    let mut builder =
        Request::builder().method(call.method.clone()).uri(&call.url).header("accept-encoding", "identity");
    for (name, value) in &call.headers {
        if extra_headers.is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case(name))) {
            continue;
        }
        builder = builder.header(*name, value);
    }
    for (name, value) in extra_headers.into_iter().flatten() {
        let name = HeaderName::try_from(name.as_str())
            .map_err(|_| LlmError::bad_input(format!("extra_headers: '{name}' is not a valid header name")))?;
        let value = HeaderValue::try_from(value.as_str()).map_err(|_| {
            LlmError::bad_input(format!("extra_headers: the value of '{name}' is not a valid header value"))
        })?;
        builder = builder.header(name, value);
    }
    let body = call.body.clone().map(Bytes::from).unwrap_or_default();
    let request = builder.body(Full::new(body)).map_err(|e| {
        LlmError::bad_input(format!("could not build a request to {}: {e} (check `api_base`)", call.url))
    })?;

    let client = match connection {
        Connection::Pooled => client(),
        Connection::Fresh => fresh_client(),
    };
    let response = client.request(request).await.map_err(connection_error(&call.url))?;
    let headers_at = Instant::now();
    let conn = response.extensions().get::<ConnInfo>().cloned();
    let (reused, request_sent) = match &conn {
        Some(info) => {
            let previous_uses = info.uses.fetch_add(1, Ordering::Relaxed);
            let last_write = info.last_write_nanos.load(Ordering::Relaxed);
            (previous_uses > 0, (last_write > 0).then(|| instant_from_nanos(last_write)))
        }
        None => (false, None),
    };
    let http_version = match response.version() {
        http::Version::HTTP_2 => "2",
        http::Version::HTTP_10 => "1.0",
        _ => "1.1",
    };
    Ok(Sent { response, arrival: Arrival { conn, reused, http_version, request_sent, headers_at } })
}

fn connection_error(url: &str) -> impl FnOnce(hyper_util::client::legacy::Error) -> SendError + '_ {
    move |e| {
        let mut cause = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            cause = format!("{cause}: {s}");
            source = s.source();
        }
        let stale_connection = !e.is_connect() && on_reused_connection(&e);
        let error = if stale_connection {
            LlmError::connection(format!("{url} closed a reused connection before answering: {cause}"))
        } else {
            LlmError::connection(format!("could not reach {url}: {cause} (is the server up and `api_base` right?)"))
        };
        SendError { error, stale_connection }
    }
}

/// Whether the failed request went out on a connection that had served responses.
fn on_reused_connection(e: &hyper_util::client::legacy::Error) -> bool {
    let Some(connected) = e.connect_info() else {
        return false;
    };
    let mut extras = http::Extensions::new();
    connected.get_extras(&mut extras);
    extras.get::<ConnInfo>().is_some_and(|info| info.uses.load(Ordering::Relaxed) > 0)
}
