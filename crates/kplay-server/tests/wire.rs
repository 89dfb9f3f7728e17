//! The wire protocol over real TCP to an in-process `kplay serve`: ApiVersions, Metadata across
//! three brokers, produce and fetch round trips (mid-batch fetches, empty partitions, long polls),
//! acks=0, idempotent retries, and answers in request order.

mod support;

use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::*;
use kafka_protocol::protocol::Encodable;
use support::produce::{create_topic, fetch_request, fetched_offsets, produce_request, records};
use support::{Conn, addr, s, start};

#[tokio::test]
async fn api_versions_lists_the_served_ranges_and_answers_an_unknown_version_as_v0() {
    let advertised = start(1, |_| {}).await;
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    for version in 0..=4 {
        let response: ApiVersionsResponse =
            conn.call(ApiKey::ApiVersions, version, &ApiVersionsRequest::default()).await;
        assert_eq!(response.error_code, 0);
        let produce = response.api_keys.iter().find(|k| k.api_key == 0).unwrap();
        assert_eq!((produce.min_version, produce.max_version), (3, 9));
        assert!(!response.api_keys.iter().any(|k| k.api_key == 71 || k.api_key == 72));
    }
    // A version from the future: the header is v2 as the client wrote it, the answer is v0.
    let mut frame = BytesMut::new();
    let mut header = RequestHeader::default();
    header.request_api_key = ApiKey::ApiVersions as i16;
    header.request_api_version = 9;
    header.correlation_id = 99;
    header.encode(&mut frame, 2).unwrap();
    ApiVersionsRequest::default().encode(&mut frame, 3).unwrap();
    conn.send_frame(&frame).await;
    let response: ApiVersionsResponse = conn.recv(ApiKey::ApiVersions, 0, 99).await;
    assert_eq!(response.error_code, 35);
    assert!(response.api_keys.iter().any(|k| k.api_key == 18 && k.max_version == 4));
}

#[tokio::test]
async fn metadata_shows_three_brokers_on_their_own_ports_and_leaders_spread_over_them() {
    let advertised = start(3, |c| c.engine.num_partitions = 6).await;
    let mut conn = Conn::connect(addr(&advertised, 2)).await;
    let mut topic = metadata_request::MetadataRequestTopic::default();
    topic.name = Some(TopicName(s("spread")));
    let mut request = MetadataRequest::default();
    request.topics = Some(vec![topic]);
    request.allow_auto_topic_creation = true;
    let response: MetadataResponse = conn.call(ApiKey::Metadata, 12, &request).await;
    let ports: Vec<i32> = response.brokers.iter().map(|b| b.port).collect();
    let expected: Vec<i32> = advertised.ports.values().map(|p| i32::from(*p)).collect();
    assert_eq!(ports, expected);
    assert!(response.brokers.iter().all(|b| b.host.as_str() == "127.0.0.1"));
    assert_eq!(response.controller_id, BrokerId(1));
    assert!(response.cluster_id.is_some());
    let t = &response.topics[0];
    assert_eq!((t.error_code, t.partitions.len()), (0, 6));
    assert_ne!(t.topic_id, uuid_nil());
    let mut leaders: Vec<i32> = t.partitions.iter().map(|p| p.leader_id.0).collect();
    leaders.sort_unstable();
    leaders.dedup();
    assert_eq!(leaders, [1, 2, 3], "partition leaders are on every broker");
    assert_eq!(t.topic_authorized_operations, i32::MIN, "not asked for");

    // Asked for, with no authorizer: every operation Kafka supports on the resource type.
    request.include_topic_authorized_operations = true;
    request.include_cluster_authorized_operations = true;
    let response: MetadataResponse = conn.call(ApiKey::Metadata, 10, &request).await;
    let bits = |codes: &[u8]| codes.iter().fold(0, |field, code| field | (1 << code));
    assert_eq!(response.topics[0].topic_authorized_operations, bits(&[3, 4, 5, 6, 7, 8, 10, 11]));
    assert_eq!(response.cluster_authorized_operations, bits(&[5, 7, 8, 9, 10, 11, 12]));
}

fn uuid_nil() -> uuid::Uuid {
    uuid::Uuid::nil()
}

#[tokio::test]
async fn produced_batches_come_back_whole_even_when_fetched_from_their_middle() {
    let advertised = start(1, |_| {}).await;
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    create_topic(&mut conn, "orders", 1).await;

    let empty: FetchResponse = conn.call(ApiKey::Fetch, 12, &fetch_request("orders", 0, 0)).await;
    let p = &empty.responses[0].partitions[0];
    assert_eq!((p.error_code, p.high_watermark), (0, 0));
    assert_eq!(p.records.as_ref().map(Bytes::len), Some(0), "empty, never null");

    let produced: ProduceResponse = conn
        .call(ApiKey::Produce, 9, &produce_request("orders", -1, records(&["a", "b", "c"], None)))
        .await;
    let p = &produced.responses[0].partition_responses[0];
    assert_eq!((p.error_code, p.base_offset), (0, 0));

    for (version, offset) in [(12, 0), (12, 1), (4, 2), (11, 1)] {
        let fetched: FetchResponse =
            conn.call(ApiKey::Fetch, version, &fetch_request("orders", offset, 0)).await;
        let p = &fetched.responses[0].partitions[0];
        assert_eq!((p.error_code, p.high_watermark, p.last_stable_offset), (0, 3, 3));
        assert_eq!(
            fetched_offsets(p),
            [0, 1, 2],
            "v{version} from offset {offset}: the whole batch"
        );
    }
}

#[tokio::test]
async fn a_long_poll_is_answered_when_records_arrive() {
    let advertised = start(1, |_| {}).await;
    let mut consumer = Conn::connect(addr(&advertised, 1)).await;
    let mut producer = Conn::connect(addr(&advertised, 1)).await;
    create_topic(&mut producer, "polled", 1).await;
    let correlation = consumer.send(ApiKey::Fetch, 12, &fetch_request("polled", 0, 15_000)).await;
    let _: ProduceResponse = producer
        .call(ApiKey::Produce, 9, &produce_request("polled", 1, records(&["x"], None)))
        .await;
    let fetched: FetchResponse = consumer.recv(ApiKey::Fetch, 12, correlation).await;
    assert_eq!(fetched_offsets(&fetched.responses[0].partitions[0]), [0]);
}

#[tokio::test]
async fn acks_0_gets_no_answer_and_answers_keep_request_order_behind_a_parked_fetch() {
    let advertised = start(1, |_| {}).await;
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    create_topic(&mut conn, "quiet", 1).await;
    let _fire_and_forget =
        conn.send(ApiKey::Produce, 9, &produce_request("quiet", 0, records(&["q"], None))).await;
    // A parked long poll with nothing to find, then two requests answered at once by the engine:
    // their answers must wait behind the fetch's.
    let fetch = conn.send(ApiKey::Fetch, 12, &fetch_request("quiet", 1, 300)).await;
    let versions = conn.send(ApiKey::ApiVersions, 3, &ApiVersionsRequest::default()).await;
    let metadata = conn.send(ApiKey::Metadata, 12, &MetadataRequest::default()).await;
    let fetched: FetchResponse = conn.recv(ApiKey::Fetch, 12, fetch).await;
    assert_eq!(fetched.responses[0].partitions[0].high_watermark, 1, "the acks=0 record landed");
    let _: ApiVersionsResponse = conn.recv(ApiKey::ApiVersions, 3, versions).await;
    let _: MetadataResponse = conn.recv(ApiKey::Metadata, 12, metadata).await;
}

#[tokio::test]
async fn an_idempotent_retry_is_acknowledged_with_its_first_offset_and_a_gap_is_refused() {
    let advertised = start(1, |_| {}).await;
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    create_topic(&mut conn, "once", 1).await;
    let init: InitProducerIdResponse = conn
        .call(
            ApiKey::InitProducerId,
            4,
            &InitProducerIdRequest::default()
                .with_transactional_id(None)
                .with_transaction_timeout_ms(60_000),
        )
        .await;
    assert_eq!(init.error_code, 0);
    let producer = (init.producer_id.0, init.producer_epoch, 0);
    let batch = records(&["a", "b"], Some(producer));
    for _ in 0..2 {
        let r: ProduceResponse =
            conn.call(ApiKey::Produce, 9, &produce_request("once", -1, batch.clone())).await;
        let p = &r.responses[0].partition_responses[0];
        assert_eq!((p.error_code, p.base_offset), (0, 0));
    }
    let gap = records(&["z"], Some((producer.0, producer.1, 5)));
    let r: ProduceResponse = conn.call(ApiKey::Produce, 9, &produce_request("once", -1, gap)).await;
    assert_eq!(
        r.responses[0].partition_responses[0].error_code, 45,
        "OUT_OF_ORDER_SEQUENCE_NUMBER"
    );
    let fetched: FetchResponse = conn.call(ApiKey::Fetch, 12, &fetch_request("once", 0, 0)).await;
    assert_eq!(fetched_offsets(&fetched.responses[0].partitions[0]), [0, 1], "written once");
}

#[tokio::test]
async fn list_offsets_finds_the_log_start_and_the_high_watermark() {
    let advertised = start(1, |_| {}).await;
    let mut conn = Conn::connect(addr(&advertised, 1)).await;
    create_topic(&mut conn, "bounds", 1).await;
    let _: ProduceResponse = conn
        .call(ApiKey::Produce, 9, &produce_request("bounds", 1, records(&["a", "b"], None)))
        .await;
    for (timestamp, expected) in [(-2, 0), (-1, 2)] {
        let mut partition = list_offsets_request::ListOffsetsPartition::default();
        partition.timestamp = timestamp;
        let mut topic = list_offsets_request::ListOffsetsTopic::default();
        topic.name = TopicName(s("bounds"));
        topic.partitions = vec![partition];
        let mut request = ListOffsetsRequest::default();
        request.replica_id = BrokerId(-1);
        request.topics = vec![topic];
        for version in [1, 7] {
            let r: ListOffsetsResponse = conn.call(ApiKey::ListOffsets, version, &request).await;
            assert_eq!(r.topics[0].partitions[0].offset, expected, "v{version} at {timestamp}");
        }
    }
}

#[tokio::test]
async fn acks_all_on_three_replicas_is_answered_once_the_followers_have_the_batch() {
    let advertised = start(3, |c| c.engine.default_replication_factor = 3).await;
    let mut bootstrap = Conn::connect(addr(&advertised, 1)).await;
    let mut topic = metadata_request::MetadataRequestTopic::default();
    topic.name = Some(TopicName(s("replicated")));
    let mut request = MetadataRequest::default();
    request.topics = Some(vec![topic]);
    request.allow_auto_topic_creation = true;
    let metadata: MetadataResponse = bootstrap.call(ApiKey::Metadata, 12, &request).await;
    let partition = &metadata.topics[0].partitions[0];
    assert_eq!((partition.replica_nodes.len(), partition.isr_nodes.len()), (3, 3));
    let leader = partition.leader_id.0;

    let elsewhere = if leader == 1 { 2 } else { 1 };
    let mut wrong = Conn::connect(addr(&advertised, elsewhere)).await;
    let refused: ProduceResponse = wrong
        .call(ApiKey::Produce, 9, &produce_request("replicated", -1, records(&["a"], None)))
        .await;
    assert_eq!(refused.responses[0].partition_responses[0].error_code, 6, "NOT_LEADER_OR_FOLLOWER");

    let mut conn = Conn::connect(addr(&advertised, leader)).await;
    let produced: ProduceResponse = conn
        .call(ApiKey::Produce, 9, &produce_request("replicated", -1, records(&["a", "b"], None)))
        .await;
    assert_eq!(produced.responses[0].partition_responses[0].error_code, 0);
    let fetched: FetchResponse =
        conn.call(ApiKey::Fetch, 12, &fetch_request("replicated", 0, 0)).await;
    assert_eq!(
        fetched.responses[0].partitions[0].high_watermark, 2,
        "replicated to every ISR member"
    );
}
