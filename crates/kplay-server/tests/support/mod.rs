//! What the wire-level tests share: an in-process `kplay serve` on ephemeral ports, and a
//! minimal Kafka client that frames requests with kafka-protocol's client-side encoders.

#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::time::Duration;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use kafka_protocol::messages::{ApiKey, RequestHeader, ResponseHeader};
use kafka_protocol::protocol::{Decodable, Encodable, StrBytes};
use kplay_server::codec::Advertised;
use kplay_server::server::{Server, ServerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub mod produce;

/// A server on ephemeral ports with `brokers` brokers, tests' settings (no initial rebalance
/// delay), running until the test's runtime ends.
pub async fn start(brokers: u16, configure: impl FnOnce(&mut ServerConfig)) -> Advertised {
    let mut config = ServerConfig::new("127.0.0.1:0".parse().unwrap());
    config.brokers = brokers;
    config.engine.group.initial_rebalance_delay_ms = 0;
    configure(&mut config);
    let server = Server::bind(config).await.expect("bind");
    let advertised = server.advertised().clone();
    tokio::spawn(server.run(std::future::pending()));
    advertised
}

/// Broker `id`'s address.
pub fn addr(advertised: &Advertised, id: i32) -> SocketAddr {
    let port = advertised.ports[&kplay_core::BrokerId(id)];
    SocketAddr::from(([127, 0, 0, 1], port))
}

/// A raw client connection.
pub struct Conn {
    pub stream: TcpStream,
    next_correlation: i32,
}

/// How long any one answer may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

impl Conn {
    pub async fn connect(addr: SocketAddr) -> Conn {
        Conn { stream: TcpStream::connect(addr).await.expect("connect"), next_correlation: 0 }
    }

    /// Sends a request; returns its correlation id.
    pub async fn send<R: Encodable>(&mut self, api: ApiKey, version: i16, request: &R) -> i32 {
        self.next_correlation += 1;
        let mut header = RequestHeader::default();
        header.request_api_key = api as i16;
        header.request_api_version = version;
        header.correlation_id = self.next_correlation;
        header.client_id = Some(StrBytes::from_static_str("kplay-wire-test"));
        let mut body = BytesMut::new();
        header.encode(&mut body, api.request_header_version(version)).unwrap();
        request.encode(&mut body, version).unwrap();
        self.send_frame(&body).await;
        self.next_correlation
    }

    /// Sends raw bytes with a size prefix.
    pub async fn send_frame(&mut self, body: &[u8]) {
        let mut frame = BytesMut::new();
        frame.put_u32(body.len() as u32);
        frame.extend_from_slice(body);
        self.stream.write_all(&frame).await.expect("write");
    }

    /// Reads the next response frame, or `None` if the server closed the connection.
    pub async fn read_frame(&mut self) -> Option<Bytes> {
        let read = async {
            let size = self.stream.read_u32().await.ok()?;
            let mut frame = vec![0; size as usize];
            self.stream.read_exact(&mut frame).await.ok()?;
            Some(Bytes::from(frame))
        };
        tokio::time::timeout(DEADLINE, read).await.expect("an answer or a close in time")
    }

    /// Reads the next response, checking its correlation id.
    pub async fn recv<R: Decodable>(&mut self, api: ApiKey, version: i16, correlation: i32) -> R {
        let mut frame = self.read_frame().await.expect("a response, not a closed connection");
        let header =
            ResponseHeader::decode(&mut frame, api.response_header_version(version)).unwrap();
        assert_eq!(header.correlation_id, correlation, "answers come in request order");
        let response = R::decode(&mut frame, version).unwrap();
        assert!(!frame.has_remaining(), "the whole frame is the response");
        response
    }

    /// Sends a request and waits for its answer.
    pub async fn call<Req: Encodable, Resp: Decodable>(
        &mut self,
        api: ApiKey,
        version: i16,
        request: &Req,
    ) -> Resp {
        let correlation = self.send(api, version, request).await;
        self.recv(api, version, correlation).await
    }

    /// Whether the server closed the connection (reads end) within the deadline.
    pub async fn is_closed_by_server(&mut self) -> bool {
        let mut buf = [0u8; 64];
        loop {
            match tokio::time::timeout(DEADLINE, self.stream.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return true,
                Ok(Ok(_)) => continue,
                Err(_) => return false,
            }
        }
    }
}

pub fn s(text: &str) -> StrBytes {
    StrBytes::from_string(text.to_owned())
}
