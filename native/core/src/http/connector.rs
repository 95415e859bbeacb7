//! A hyper connector that measures the network phases of every new connection:
//! DNS resolution, TCP connect and the TLS handshake (with ALPN, so HTTP/2 is used
//! where the server offers it). The measurements ride along with the connection as
//! hyper "extras" and land in every response's extensions as [`ConnInfo`].

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use http::Uri;
use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use super::clock::{ms_between, now_nanos};

/// How one connection was made. Cloned into each response on that connection.
#[derive(Clone, Debug)]
pub struct ConnInfo {
    /// `None` when the host was an IP literal (no lookup happened).
    pub dns_ms: Option<f64>,
    pub connect_ms: f64,
    /// `None` for plain HTTP.
    pub tls_ms: Option<f64>,
    /// When the connector started (the request that opened it was waiting from here).
    pub started_at: Instant,
    pub h2: bool,
    /// Responses served on this connection so far; >0 before ours means reuse.
    pub uses: Arc<AtomicU32>,
    /// When the last bytes were written (nanos since the clock anchor): the
    /// moment the request finished going out, read when its response arrives.
    pub last_write_nanos: Arc<AtomicU64>,
}

#[derive(Clone)]
pub struct TimedConnector {
    tls: TlsConnector,
    connect_timeout: Duration,
}

impl TimedConnector {
    pub fn new() -> Self {
        let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        let mut config =
            rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .expect("ring supports the default TLS versions")
                .with_root_certificates(roots)
                .with_no_client_auth();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Self { tls: TlsConnector::from(Arc::new(config)), connect_timeout: Duration::from_secs(30) }
    }
}

impl Default for TimedConnector {
    fn default() -> Self {
        Self::new()
    }
}

enum Transport {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// The connection hyper reads and writes; records write times for timing.
pub struct TimedStream {
    transport: Transport,
    info: ConnInfo,
}

impl Connection for TimedStream {
    fn connected(&self) -> Connected {
        let connected = Connected::new().extra(self.info.clone());
        if self.info.h2 {
            connected.negotiated_h2()
        } else {
            connected
        }
    }
}

impl AsyncRead for TimedStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().transport {
            Transport::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Transport::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for TimedStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = match &mut this.transport {
            Transport::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Transport::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        };
        if let Poll::Ready(Ok(n)) = &result {
            if *n > 0 {
                this.info.last_write_nanos.store(now_nanos(), Ordering::Relaxed);
            }
        }
        result
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().transport {
            Transport::Plain(s) => Pin::new(s).poll_flush(cx),
            Transport::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().transport {
            Transport::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Transport::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl tower_service::Service<Uri> for TimedConnector {
    type Response = TokioIo<TimedStream>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let this = self.clone();
        Box::pin(async move { this.connect(uri).await.map(TokioIo::new) })
    }
}

impl TimedConnector {
    async fn connect(&self, uri: Uri) -> Result<TimedStream, BoxError> {
        let started_at = Instant::now();
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            other => return Err(format!("unsupported URL scheme {other:?}: use http or https").into()),
        };
        let host = uri.host().ok_or("the URL has no host")?.trim_start_matches('[').trim_end_matches(']');
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });

        let (addrs, dns_ms) = match host.parse::<std::net::IpAddr>() {
            Ok(ip) => (vec![SocketAddr::new(ip, port)], None),
            Err(_) => {
                let t = Instant::now();
                let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
                    .await
                    .map_err(|e| format!("DNS lookup of {host} failed: {e}"))?
                    .collect();
                (addrs, Some(ms_between(t, Instant::now())))
            }
        };

        let t = Instant::now();
        let tcp = self.connect_any(&addrs, host).await?;
        let connect_ms = ms_between(t, Instant::now());
        tcp.set_nodelay(true)?;

        let (transport, tls_ms, h2) = if https {
            let t = Instant::now();
            let name = rustls::pki_types::ServerName::try_from(host.to_owned())?;
            let tls =
                self.tls.connect(name, tcp).await.map_err(|e| format!("TLS handshake with {host} failed: {e}"))?;
            let h2 = tls.get_ref().1.alpn_protocol() == Some(b"h2");
            (Transport::Tls(Box::new(tls)), Some(ms_between(t, Instant::now())), h2)
        } else {
            (Transport::Plain(tcp), None, false)
        };

        let info = ConnInfo {
            dns_ms,
            connect_ms,
            tls_ms,
            started_at,
            h2,
            uses: Arc::new(AtomicU32::new(0)),
            last_write_nanos: Arc::new(AtomicU64::new(0)),
        };
        Ok(TimedStream { transport, info })
    }

    /// Tries each resolved address in turn (IPv6 and IPv4 alike), like curl without
    /// happy-eyeballs racing: simple, and each attempt is bounded.
    async fn connect_any(&self, addrs: &[SocketAddr], host: &str) -> Result<TcpStream, BoxError> {
        let mut last_err = None;
        for addr in addrs {
            match tokio::time::timeout(self.connect_timeout, TcpStream::connect(addr)).await {
                Ok(Ok(stream)) => return Ok(stream),
                Ok(Err(e)) => last_err = Some(format!("connecting to {host} ({addr}) failed: {e}")),
                Err(_) => last_err = Some(format!("connecting to {host} ({addr}) timed out")),
            }
        }
        Err(last_err.unwrap_or_else(|| format!("{host} resolved to no address")).into())
    }
}
