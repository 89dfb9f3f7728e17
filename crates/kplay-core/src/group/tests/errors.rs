//! Error codes for requests the coordinator must refuse.

use super::*;
use crate::group::GroupState;

#[test]
fn errors_for_illegal_requests() {
    let mut h = Harness::new();
    let (members, generation) = h.stable_group(2);
    let a = &members[0];
    let stranger = MemberId::from("stranger");
    assert_eq!(h.heartbeat(a, GenerationId(7)), Some(ErrorCode::IllegalGeneration));
    assert_eq!(h.heartbeat(&stranger, generation), Some(ErrorCode::UnknownMemberId));
    let (_, reply) = h.sync(1, sync_request(a, GenerationId(7), &[]));
    assert_eq!(reply.now().and_then(|r| r.error), Some(ErrorCode::IllegalGeneration));
    let (_, reply) = h.sync(1, sync_request(&stranger, generation, &[]));
    assert_eq!(reply.now().and_then(|r| r.error), Some(ErrorCode::UnknownMemberId));
    let wrong_protocol = SyncGroupRequest {
        protocol_name: Some("roundrobin".into()),
        ..sync_request(a, generation, &[])
    };
    let (_, reply) = h.sync(1, wrong_protocol);
    assert_eq!(reply.now().and_then(|r| r.error), Some(ErrorCode::InconsistentGroupProtocol));
    let join_error =
        |h: &mut Harness, req: JoinGroupRequest| h.join(9, req).1.now().and_then(|r| r.error);
    assert_eq!(
        join_error(&mut h, rejoin(&join_request("x"), &stranger)),
        Some(ErrorCode::UnknownMemberId)
    );
    let no_group = JoinGroupRequest {
        group_id: GroupId::from("nope"),
        ..rejoin(&join_request("x"), &stranger)
    };
    assert_eq!(join_error(&mut h, no_group), Some(ErrorCode::UnknownMemberId));
    assert!(h.gc.group(&GroupId::from("nope")).is_none());
    let empty_id = JoinGroupRequest { group_id: GroupId::from(""), ..join_request("x") };
    assert_eq!(join_error(&mut h, empty_id), Some(ErrorCode::InvalidGroupId));
    let short = JoinGroupRequest { session_timeout_ms: 999, ..join_request("x") };
    assert_eq!(join_error(&mut h, short), Some(ErrorCode::InvalidSessionTimeout));
    let other_type = JoinGroupRequest { protocol_type: "connect".into(), ..join_request("x") };
    assert_eq!(join_error(&mut h, other_type), Some(ErrorCode::InconsistentGroupProtocol));
    let nothing_common =
        JoinGroupRequest { protocols: protocols(&["sticky"]), ..join_request("x") };
    assert_eq!(join_error(&mut h, nothing_common), Some(ErrorCode::InconsistentGroupProtocol));
    let no_protocols = JoinGroupRequest {
        group_id: GroupId::from("fresh"),
        protocols: vec![],
        ..join_request("x")
    };
    assert_eq!(join_error(&mut h, no_protocols), Some(ErrorCode::InconsistentGroupProtocol));
    assert!(h.gc.group(&GroupId::from("fresh")).is_none(), "a rejected join leaves no group");
    // A rebalance is under way: syncs must rejoin first.
    h.leave(&members[1], None);
    let (_, reply) = h.sync(1, sync_request(a, generation, &[]));
    assert_eq!(reply.now().and_then(|r| r.error), Some(ErrorCode::RebalanceInProgress));
}

#[test]
fn group_max_size_turns_new_members_away() {
    let mut h = Harness::with_config(GroupConfig { max_size: 2, ..config() }, 3);
    h.stable_group(2);
    let (_, reply) = h.join(3, join_request("c3"));
    let answer = reply.now().expect("rejected at once");
    assert_eq!(answer.error, Some(ErrorCode::GroupMaxSizeReached));
    assert!(answer.member_id.is_unknown());
    assert_eq!(h.group().state(), GroupState::Stable);
}

#[test]
fn a_second_join_while_parked_supersedes_the_first() {
    let mut h = Harness::new();
    let (a, first, _) = h.join_new(1, &join_request("c1"));
    let (second, reply) = h.join(1, rejoin(&join_request("c1"), &a));
    assert_eq!(reply, Reply::Parked);
    let retry = h.join_answer(first).expect("the first join is answered at once");
    assert_eq!(retry.error, Some(ErrorCode::RebalanceInProgress));
    assert_eq!(h.await_join(second).error, None);
}
