//! Produce and fetch from the client's side: record batches written with kafka-protocol's
//! encoder, requests for one partition, and the offsets a fetch returned.

use bytes::{Bytes, BytesMut};
use kafka_protocol::indexmap::IndexMap;
use kafka_protocol::messages::*;
use kafka_protocol::records::{
    Compression, Record, RecordBatchDecoder, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
};

use super::{Conn, s};

pub fn records(values: &[&str], producer: Option<(i64, i16, i32)>) -> Bytes {
    let (producer_id, producer_epoch, base_sequence) = producer.unwrap_or((-1, -1, -1));
    let records: Vec<Record> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Record {
            transactional: false,
            control: false,
            delete_horizon: false,
            partition_leader_epoch: -1,
            producer_id,
            producer_epoch,
            timestamp_type: TimestampType::Creation,
            offset: i as i64,
            // One batch: the encoder starts a new one whenever offset - sequence changes.
            sequence: if base_sequence < 0 { i as i32 } else { base_sequence + i as i32 },
            timestamp: 1_700_000_000_000,
            key: Some(Bytes::from(format!("key-{i}"))),
            value: Some(Bytes::copy_from_slice(v.as_bytes())),
            headers: IndexMap::new(),
        })
        .collect();
    let mut buf = BytesMut::new();
    let options = RecordEncodeOptions { version: 2, compression: Compression::None };
    RecordBatchEncoder::encode(&mut buf, &records, &options).unwrap();
    buf.freeze()
}

pub fn produce_request(topic: &str, acks: i16, batch: Bytes) -> ProduceRequest {
    let mut partition = produce_request::PartitionProduceData::default();
    partition.index = 0;
    partition.records = Some(batch);
    let mut data = produce_request::TopicProduceData::default();
    data.name = TopicName(s(topic));
    data.partition_data = vec![partition];
    let mut request = ProduceRequest::default();
    request.acks = acks;
    request.timeout_ms = 5000;
    request.topic_data = vec![data];
    request
}

pub fn fetch_request(topic: &str, offset: i64, max_wait_ms: i32) -> FetchRequest {
    let mut partition = fetch_request::FetchPartition::default();
    partition.partition = 0;
    partition.fetch_offset = offset;
    partition.partition_max_bytes = 1 << 20;
    let mut t = fetch_request::FetchTopic::default();
    t.topic = TopicName(s(topic));
    t.partitions = vec![partition];
    let mut request = FetchRequest::default();
    request.replica_id = BrokerId(-1);
    request.max_wait_ms = max_wait_ms;
    request.min_bytes = 1;
    request.max_bytes = 1 << 20;
    request.session_epoch = -1;
    request.topics = vec![t];
    request
}

pub async fn create_topic(conn: &mut Conn, topic: &str, partitions: i32) {
    let mut t = create_topics_request::CreatableTopic::default();
    t.name = TopicName(s(topic));
    t.num_partitions = partitions;
    t.replication_factor = 1;
    let mut request = CreateTopicsRequest::default();
    request.topics = vec![t];
    request.timeout_ms = 5000;
    let response: CreateTopicsResponse = conn.call(ApiKey::CreateTopics, 7, &request).await;
    assert_eq!(response.topics[0].error_code, 0, "{:?}", response.topics[0].error_message);
}

pub fn fetched_offsets(partition: &fetch_response::PartitionData) -> Vec<i64> {
    let mut bytes = partition.records.clone().expect("records are never null");
    RecordBatchDecoder::decode_all(&mut bytes)
        .unwrap()
        .iter()
        .flat_map(|set| set.records.iter().map(|r| r.offset))
        .collect()
}
