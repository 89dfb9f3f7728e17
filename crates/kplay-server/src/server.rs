//! The server: N logical brokers in one process, each on its own port, one engine behind them.
//!
//! Broker ids are 1..=N. Broker `i` listens on the configured port plus `i - 1` (or, for port 0,
//! on a port of the system's choosing each, which is what tests use), so clients see partition
//! leaders and group coordinators on different brokers and must follow them, as on a real
//! cluster.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use kplay_core::engine::Engine;
use kplay_core::{BrokerId, ClientId, EngineConfig};
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use crate::codec::Advertised;
use crate::connection::{self, Shared};
use crate::driver::{self, EngineHandle, now};
use crate::frame::DEFAULT_SOCKET_REQUEST_MAX_BYTES;

/// How to run the server.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Where broker 1 listens; broker `i` takes the next ports.
    pub listen: SocketAddr,
    /// The host clients are told to connect to.
    pub advertised_host: String,
    /// How many brokers.
    pub brokers: u16,
    /// `socket.request.max.bytes`.
    pub socket_request_max_bytes: usize,
    /// The engine's configuration.
    pub engine: EngineConfig,
}

impl ServerConfig {
    /// One broker on `listen`, advertised on its IP (127.0.0.1 for an unspecified address such
    /// as 0.0.0.0), Kafka's defaults otherwise.
    pub fn new(listen: SocketAddr) -> Self {
        let advertised = if listen.ip().is_unspecified() {
            std::net::IpAddr::from([127, 0, 0, 1])
        } else {
            listen.ip()
        };
        ServerConfig {
            listen,
            advertised_host: advertised.to_string(),
            brokers: 1,
            socket_request_max_bytes: DEFAULT_SOCKET_REQUEST_MAX_BYTES,
            engine: EngineConfig::default(),
        }
    }
}

/// Bound listeners, ready to serve.
#[derive(Debug)]
pub struct Server {
    listeners: Vec<(BrokerId, TcpListener)>,
    bootstrap: SocketAddr,
    shared: Arc<Shared>,
}

impl Server {
    /// Binds every broker's port and starts the engine with the brokers registered.
    pub async fn bind(config: ServerConfig) -> std::io::Result<Server> {
        let mut listeners = Vec::new();
        let mut ports = BTreeMap::new();
        for i in 0..config.brokers.max(1) {
            let id = BrokerId(i32::from(i) + 1);
            let mut addr = config.listen;
            if addr.port() != 0 {
                let port = addr.port().checked_add(i).ok_or_else(|| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "broker ports run past 65535",
                    )
                })?;
                addr.set_port(port);
            }
            let listener = TcpListener::bind(addr).await?;
            ports.insert(id, listener.local_addr()?.port());
            listeners.push((id, listener));
        }
        let bootstrap = listeners[0].1.local_addr()?;
        let mut engine = Engine::new(config.engine.clone());
        for (id, _) in &listeners {
            engine
                .add_broker(now(), *id, None)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e.message))?;
        }
        engine.deliver_all(now());
        let shared = Arc::new(Shared {
            engine: driver::spawn(engine),
            advertised: Advertised { host: config.advertised_host.clone(), ports },
            socket_request_max_bytes: config.socket_request_max_bytes,
        });
        Ok(Server { listeners, bootstrap, shared })
    }

    /// Where each broker listens.
    pub fn advertised(&self) -> &Advertised {
        &self.shared.advertised
    }

    /// The address of broker 1, the bootstrap server.
    pub fn bootstrap(&self) -> SocketAddr {
        self.bootstrap
    }

    /// A handle to the engine's task (for the live view).
    pub fn engine(&self) -> EngineHandle {
        self.shared.engine.clone()
    }

    /// Accepts and serves connections until `shutdown` completes; then stops accepting and
    /// closes every connection.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let mut accepting = JoinSet::new();
        for (broker, listener) in self.listeners {
            let shared = Arc::clone(&self.shared);
            accepting.spawn(accept(broker, listener, shared));
        }
        shutdown.await;
        accepting.shutdown().await;
    }
}

async fn accept(broker: BrokerId, listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    let mut next_client = u64::from(broker.0.unsigned_abs()) << 40;
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    next_client += 1;
                    let client = ClientId(next_client);
                    tracing::debug!(%peer, broker = broker.0, "connection accepted");
                    connections.spawn(connection::serve(stream, peer, broker, client, Arc::clone(&shared)));
                }
                Err(e) => tracing::warn!(broker = broker.0, "accept failed: {e}"),
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unspecified_listen_address_is_advertised_as_loopback() {
        let any = ServerConfig::new("0.0.0.0:9092".parse().unwrap());
        assert_eq!(any.advertised_host, "127.0.0.1");
        let one = ServerConfig::new("127.0.0.2:9092".parse().unwrap());
        assert_eq!(one.advertised_host, "127.0.0.2");
    }

    #[tokio::test]
    async fn brokers_take_consecutive_ports_from_the_listen_port() {
        // Find a free run of three ports by binding one and trying the two after it.
        for _ in 0..20 {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let base = probe.local_addr().unwrap().port();
            drop(probe);
            if base > 65_000 {
                continue;
            }
            let mut config = ServerConfig::new(SocketAddr::from(([127, 0, 0, 1], base)));
            config.brokers = 3;
            if let Ok(server) = Server::bind(config).await {
                let ports: Vec<u16> = server.advertised().ports.values().copied().collect();
                assert_eq!(ports, [base, base + 1, base + 2]);
                return;
            }
        }
        panic!("no run of three free ports found");
    }
}
