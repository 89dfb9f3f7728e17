//! Hostile input: each kind of bad frame ends only its own connection, without a panic or an
//! abort, and the broker goes on serving a second connection opened after it.

mod support;

use std::time::Duration;

use bytes::{BufMut, BytesMut};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::Encodable;
use kplay_server::versions::SUPPORTED;
use support::{Conn, addr, start};

/// A well-formed request header, for bodies that are not.
fn header(api: i16, version: i16) -> BytesMut {
    let mut buf = BytesMut::new();
    buf.put_i16(api);
    buf.put_i16(version);
    buf.put_i32(1);
    buf.put_i16(-1); // null client id
    if let Ok(key) = ApiKey::try_from(api)
        && key.request_header_version(version) >= 2
    {
        buf.put_u8(0); // no tagged fields
    }
    buf
}

async fn still_serving(advertised: &kplay_server::codec::Advertised) {
    let mut conn = Conn::connect(addr(advertised, 1)).await;
    let response: MetadataResponse =
        conn.call(ApiKey::Metadata, 12, &MetadataRequest::default()).await;
    assert_eq!(response.brokers.len(), 1);
}

async fn is_refused(advertised: &kplay_server::codec::Advertised, frame: &[u8], what: &str) {
    let mut conn = Conn::connect(addr(advertised, 1)).await;
    conn.send_frame(frame).await;
    assert!(conn.is_closed_by_server().await, "{what}: the connection is closed");
    still_serving(advertised).await;
}

#[tokio::test]
async fn frames_shorter_than_a_request_header_close_the_connection() {
    let advertised = start(1, |_| {}).await;
    for len in [0, 1, 3, 4, 7] {
        is_refused(&advertised, &vec![0u8; len], &format!("a {len}-byte frame")).await;
    }
}

#[tokio::test]
async fn a_forged_produce_topic_count_is_refused_without_aborting() {
    let advertised = start(1, |_| {}).await;
    // Produce v3: null transactional id, acks 1, timeout 1000, 0x7fffffff topics and nothing else.
    let mut frame = header(0, 3);
    frame.extend_from_slice(&[
        0xff, 0xff, 0x00, 0x01, 0x00, 0x00, 0x03, 0xe8, 0x7f, 0xff, 0xff, 0xff,
    ]);
    is_refused(&advertised, &frame, "0x7fffffff topics").await;
    // The same in compact form (Produce v9), and a forged fetch partition count.
    let mut frame = header(0, 9);
    frame.extend_from_slice(&[
        0x00, 0x00, 0x01, 0x00, 0x00, 0x03, 0xe8, 0xff, 0xff, 0xff, 0xff, 0x07,
    ]);
    is_refused(&advertised, &frame, "a compact count of 2^32").await;
    let mut frame = header(1, 4);
    frame.put_i32(-1);
    frame.put_i32(500);
    frame.put_i32(1);
    frame.put_i32(1 << 20);
    frame.put_i8(0);
    frame.put_i32(0x7fff_ffff);
    is_refused(&advertised, &frame, "0x7fffffff fetch topics").await;
}

#[tokio::test]
async fn a_frame_larger_than_socket_request_max_bytes_closes_the_connection() {
    let advertised = start(1, |c| c.socket_request_max_bytes = 1024).await;
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    use tokio::io::AsyncWriteExt;
    conn.stream.write_all(&1025u32.to_be_bytes()).await.unwrap();
    assert!(conn.is_closed_by_server().await);
    still_serving(&advertised).await;
}

#[tokio::test]
async fn garbage_closes_the_connection() {
    let advertised = start(1, |_| {}).await;
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    use tokio::io::AsyncWriteExt;
    // An HTTP request: its first four bytes read as a size of about 1.2 GB.
    conn.stream.write_all(b"GET / HTTP/1.1\r\nHost: kplay\r\n\r\n").await.unwrap();
    assert!(conn.is_closed_by_server().await);
    is_refused(&advertised, &[0xab; 40], "40 bytes of 0xab").await;
    let mut negative = Conn::connect(addr(&advertised, 1)).await;
    negative.stream.write_all(&[0xff, 0xff, 0xff, 0xf0]).await.unwrap();
    assert!(negative.is_closed_by_server().await, "a negative size");
    still_serving(&advertised).await;
}

#[tokio::test]
async fn unknown_api_keys_and_unsupported_versions_close_the_connection() {
    let advertised = start(1, |_| {}).await;
    is_refused(&advertised, &header(1000, 0), "API key 1000").await;
    is_refused(&advertised, &header(71, 0), "GetTelemetrySubscriptions, not advertised").await;
    for (api, version) in
        [(ApiKey::Produce, 2), (ApiKey::Produce, 10), (ApiKey::Fetch, 13), (ApiKey::Metadata, 99)]
    {
        let mut frame = header(api as i16, version);
        MetadataRequest::default().encode(&mut frame, 0).unwrap();
        is_refused(&advertised, &frame, &format!("{api:?} v{version}")).await;
    }
}

#[tokio::test]
async fn random_bodies_for_every_served_api_never_take_the_broker_down() {
    let advertised = start(1, |_| {}).await;
    let mut seed: u64 = 0x6b70_6c61_7900_0001;
    let mut next = move || {
        // xorshift64*: a fixed sequence, so a failure replays.
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        seed.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    for supported in SUPPORTED {
        for round in 0..12 {
            let version = supported.min + (round % (supported.max - supported.min + 1));
            let mut frame = header(supported.api as i16, version);
            let len = (next() % 48) as usize;
            for _ in 0..len {
                // Mostly small bytes and 0xff, so lengths and counts are often near the edge.
                let b = next();
                frame.put_u8(if b % 3 == 0 { 0xff } else { (b % 5) as u8 });
            }
            let mut conn = Conn::connect(addr(&advertised, 1)).await;
            conn.send_frame(&frame).await;
            // An answer, a close, or (acks=0, a long poll) silence: all are fine; the broker
            // surviving is what is checked.
            let _ = tokio::time::timeout(Duration::from_millis(100), conn.stream.readable()).await;
        }
    }
    still_serving(&advertised).await;
}

#[tokio::test]
async fn an_acks_0_produce_of_a_broken_batch_closes_the_connection_as_kafka_does() {
    let advertised = start(1, |_| {}).await;
    let mut partition = produce_request::PartitionProduceData::default();
    partition.records = Some(bytes::Bytes::from_static(b"not a record batch"));
    let mut topic = produce_request::TopicProduceData::default();
    topic.name = TopicName(support::s("anywhere"));
    topic.partition_data = vec![partition];
    let mut request = ProduceRequest::default();
    request.acks = 0;
    request.topic_data = vec![topic];
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    conn.send(ApiKey::Produce, 9, &request).await;
    assert!(conn.is_closed_by_server().await);
    still_serving(&advertised).await;
}

#[tokio::test]
async fn an_acks_0_produce_the_engine_refuses_closes_the_connection_as_kafka_does() {
    let advertised = start(1, |_| {}).await;
    let batch = support::produce::records(&["lost"], None);
    // Produce never creates topics: UNKNOWN_TOPIC_OR_PARTITION, which acks=0 cannot carry.
    let request = support::produce::produce_request("no-such-topic", 0, batch);
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    conn.send(ApiKey::Produce, 9, &request).await;
    assert!(conn.is_closed_by_server().await);
    still_serving(&advertised).await;
}
