//! One client connection: frames in, answers out, in the order the requests came.
//!
//! Clients keep many requests in flight on one connection and match answers by order, so every
//! request takes a place in a queue as it is read, and a writer task sends the answers in that
//! order, waiting for a parked one (a long-poll fetch) before those behind it. ApiVersions is
//! answered here; everything else goes through the codec to the engine. A request that cannot be
//! read — a frame too short for its header, an unknown API, an unsupported version of anything
//! but ApiVersions, a body the guard refuses — ends the connection, as Kafka ends it; other
//! connections carry on.

use std::net::SocketAddr;
use std::sync::Arc;

use bytes::{Buf, Bytes};
use kafka_protocol::messages::{ApiKey, RequestHeader};
use kafka_protocol::protocol::{Decodable, Encodable};
use kplay_core::api::{Acks, Request};
use kplay_core::{BrokerId, ClientId};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedWriteHalf;
use tokio::sync::{mpsc, oneshot};

use crate::codec::{self, Advertised, Carry, Client};
use crate::driver::{EngineHandle, Reply};
use crate::frame::{read_frame, response_frame};
use crate::versions;

/// What every connection shares.
#[derive(Debug)]
pub struct Shared {
    /// The engine.
    pub engine: EngineHandle,
    /// Where the brokers are, for Metadata and FindCoordinator.
    pub advertised: Advertised,
    /// `socket.request.max.bytes`.
    pub socket_request_max_bytes: usize,
}

/// An answer waiting for its turn.
enum Outgoing {
    /// Already encoded.
    Ready(Bytes),
    /// The engine's answer, to be encoded when it comes.
    Engine {
        answer: oneshot::Receiver<Reply>,
        carry: Carry,
        api: ApiKey,
        version: i16,
        correlation_id: i32,
    },
}

/// A request's header, read from the front of its frame.
struct Head {
    api: ApiKey,
    version: i16,
    correlation_id: i32,
    client_id: String,
    body: Bytes,
}

/// Why a connection ends early.
#[derive(Debug, thiserror::Error)]
enum Refusal {
    #[error("a frame of {0} bytes is too short for a request header")]
    Short(usize),
    #[error("unknown API key {0}")]
    UnknownApi(i16),
    #[error("{0:?} v{1} is not supported")]
    Unsupported(ApiKey, i16),
    #[error("the request header could not be read: {0}")]
    Header(String),
    #[error(transparent)]
    Codec(#[from] codec::CodecError),
    #[error(
        "an acks=0 produce had {0} partition(s) refused; closing tells the producer, as Kafka does"
    )]
    SilentProduceFailed(usize),
}

fn read_head(mut frame: Bytes) -> Result<Head, Refusal> {
    // api key, api version and correlation id come first in every header version.
    if frame.len() < 8 {
        return Err(Refusal::Short(frame.len()));
    }
    let key = i16::from_be_bytes([frame[0], frame[1]]);
    let version = i16::from_be_bytes([frame[2], frame[3]]);
    let api = ApiKey::try_from(key).map_err(|()| Refusal::UnknownApi(key))?;
    let header = RequestHeader::decode(&mut frame, api.request_header_version(version))
        .map_err(|e| Refusal::Header(e.to_string()))?;
    let client_id = header.client_id.map(|c| c.to_string()).unwrap_or_default();
    Ok(Head { api, version, correlation_id: header.correlation_id, client_id, body: frame })
}

/// Serves one connection to `broker` until it closes or sends something unreadable.
pub async fn serve(
    stream: TcpStream,
    peer: SocketAddr,
    broker: BrokerId,
    client: ClientId,
    shared: Arc<Shared>,
) {
    let _ = stream.set_nodelay(true);
    let (mut reader, writer) = stream.into_split();
    let (queue, outgoing) = mpsc::channel(256);
    let writing = tokio::spawn(write_answers(writer, outgoing, Arc::clone(&shared)));
    let host = format!("/{}", peer.ip());
    loop {
        let frame = match read_frame(&mut reader, shared.socket_request_max_bytes).await {
            Ok(Some(frame)) => frame,
            Ok(None) => break,
            Err(e) => {
                tracing::warn!(%peer, "closing the connection: {e}");
                break;
            }
        };
        match answer(frame, broker, client, &host, &shared) {
            Ok(next) => {
                if queue.send(next).await.is_err() {
                    break;
                }
            }
            Err(refusal) => {
                tracing::warn!(%peer, "closing the connection: {refusal}");
                break;
            }
        }
    }
    drop(queue);
    shared.engine.disconnected(client);
    let _ = writing.await;
    tracing::debug!(%peer, "connection closed");
}

fn answer(
    frame: Bytes,
    broker: BrokerId,
    client: ClientId,
    host: &str,
    shared: &Shared,
) -> Result<Outgoing, Refusal> {
    let head = read_head(frame)?;
    let Head { api, version, correlation_id, .. } = head;
    tracing::trace!(?api, version, correlation_id, "request");
    if api == ApiKey::ApiVersions {
        return Ok(Outgoing::Ready(api_versions(version, correlation_id)));
    }
    if !versions::is_supported(api, version) {
        return Err(Refusal::Unsupported(api, version));
    }
    let who = Client { broker, client_id: &head.client_id, host };
    let decoded = codec::decode(api, version, head.body, &who)?;
    let unanswered = matches!(&decoded.request, Request::Produce(p) if p.acks == Acks::None);
    let answer = shared.engine.request(broker, client, decoded.request);
    match decoded.carry {
        // An acks=0 producer hears of nothing but a closed connection.
        Carry::Refused(refused) if unanswered && !refused.is_empty() => {
            Err(Refusal::SilentProduceFailed(refused.len()))
        }
        carry => Ok(Outgoing::Engine { answer, carry, api, version, correlation_id }),
    }
}

/// ApiVersions: the supported versions; for a version kplay does not speak, UNSUPPORTED_VERSION
/// encoded as version 0, which every client can read.
fn api_versions(version: i16, correlation_id: i32) -> Bytes {
    let (response, version) = if versions::is_supported(ApiKey::ApiVersions, version) {
        (versions::api_versions_response(0), version)
    } else {
        (versions::api_versions_response(kplay_core::ErrorCode::UnsupportedVersion.code()), 0)
    };
    let mut body = bytes::BytesMut::new();
    // Encoding a response built from the fixed table cannot fail at a supported version.
    let _ = response.encode(&mut body, version);
    // The ApiVersions response header is always version 0.
    response_frame(correlation_id, 0, &body)
}

async fn write_answers(
    mut writer: OwnedWriteHalf,
    mut outgoing: mpsc::Receiver<Outgoing>,
    shared: Arc<Shared>,
) {
    while let Some(next) = outgoing.recv().await {
        let frame = match next {
            Outgoing::Ready(frame) => frame,
            Outgoing::Engine { answer, carry, api, version, correlation_id } => {
                match answer.await {
                    Ok(Reply::Response(response)) => {
                        match codec::encode(response, carry, version, &shared.advertised) {
                            Ok(body) => response_frame(
                                correlation_id,
                                api.response_header_version(version),
                                &body,
                            ),
                            Err(e) => {
                                tracing::error!("closing the connection: {e}");
                                break;
                            }
                        }
                    }
                    Ok(Reply::NoResponse { failed: false }) => continue,
                    Ok(Reply::NoResponse { failed: true }) => {
                        tracing::warn!("closing the connection: an acks=0 produce failed");
                        break;
                    }
                    Err(_) => break,
                }
            }
        };
        if writer.write_all(frame.chunk()).await.is_err() {
            break;
        }
    }
    let _ = writer.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_shorter_than_eight_bytes_are_refused_without_panicking() {
        for len in 0..8 {
            assert!(
                matches!(read_head(Bytes::from(vec![0; len])), Err(Refusal::Short(n)) if n == len)
            );
        }
    }

    #[test]
    fn an_unknown_api_key_is_refused() {
        let frame = Bytes::from_static(&[0x7f, 0x00, 0, 0, 0, 0, 0, 1, 0, 0]);
        assert!(matches!(read_head(frame), Err(Refusal::UnknownApi(0x7f00))));
    }

    #[test]
    fn an_unsupported_api_versions_is_answered_as_version_0() {
        let frame = api_versions(99, 5);
        // size, correlation id 5, error code 35, then the array of APIs (int32 count).
        assert_eq!(&frame[4..8], &5i32.to_be_bytes());
        assert_eq!(&frame[8..10], &35i16.to_be_bytes());
        let count = i32::from_be_bytes([frame[10], frame[11], frame[12], frame[13]]);
        assert_eq!(count as usize, versions::SUPPORTED.len());
    }
}
