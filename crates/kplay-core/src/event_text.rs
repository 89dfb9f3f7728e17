//! One sentence per event: what happened, and the rule that made it happen.

use std::fmt;

use crate::event::{
    ControllerReason, ElectionReason, Event, GroupStateReason, IsrShrinkReason,
    MemberRemovedReason, RebalanceReason, RollReason, SegmentDeleteReason,
};
use crate::ids::{BrokerId, Offsets};

fn brokers(list: &[BrokerId]) -> String {
    let ids: Vec<String> = list.iter().map(|b| b.to_string()).collect();
    format!("[{}]", ids.join(", "))
}

impl fmt::Display for RebalanceReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RebalanceReason::MemberJoined(m) => write!(f, "{m} joined"),
            RebalanceReason::MetadataChanged(m) => write!(f, "{m} changed its subscription"),
            RebalanceReason::LeaderRejoined(m) => write!(f, "the leader {m} rejoined"),
            RebalanceReason::MemberRemoved(m) => write!(f, "{m} left"),
            RebalanceReason::Client(why) => write!(f, "{why}"),
        }
    }
}

impl fmt::Display for GroupStateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupStateReason::Rebalance(why) => write!(f, "rebalancing because {why}"),
            GroupStateReason::AllMembersJoined => write!(f, "every member rejoined"),
            GroupStateReason::InitialDelayPassed { delay_ms } => write!(
                f,
                "group.initial.rebalance.delay.ms ({delay_ms} ms) passed with no new member"
            ),
            GroupStateReason::RebalanceTimeout { timeout_ms } => write!(
                f,
                "the rebalance timeout ({timeout_ms} ms, max.poll.interval.ms) passed; members that did not rejoin were removed"
            ),
            GroupStateReason::NoMembersLeft => write!(f, "no member is left"),
            GroupStateReason::AssignmentSynced => {
                write!(f, "the leader sent the assignment in SyncGroup")
            }
            GroupStateReason::Deleted => write!(f, "deleted (DeleteGroups)"),
        }
    }
}

pub(crate) fn describe(event: &Event, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match event {
        Event::BrokerRegistered { broker, rack } => match rack {
            Some(rack) => write!(f, "broker {broker} joined the cluster (rack {rack})"),
            None => write!(f, "broker {broker} joined the cluster"),
        },
        Event::BrokerStarted { broker } => {
            write!(f, "broker {broker} started again with the logs it had")
        }
        Event::BrokerStopped { broker, clean: true } => write!(
            f,
            "broker {broker} shut down cleanly: leadership moved away first (controlled shutdown)"
        ),
        Event::BrokerStopped { broker, clean: false } => write!(
            f,
            "broker {broker} crashed; the controller will notice after broker.session.timeout.ms"
        ),
        Event::BrokerFenced { broker, session_timeout_ms } => write!(
            f,
            "the controller fenced broker {broker}: no heartbeat for {session_timeout_ms} ms (broker.session.timeout.ms)"
        ),
        Event::ControllerElected { broker: Some(b), reason } => {
            write!(f, "broker {b} is the controller: ")?;
            match reason {
                ControllerReason::NoneBefore => write!(
                    f,
                    "the lowest-id running broker that reaches a majority of the running brokers (kplay's stand-in for a KRaft election)"
                ),
                ControllerReason::PreviousStopped(p) => write!(
                    f,
                    "broker {p}, the controller, stopped; the lowest-id running broker that reaches a majority of the running brokers takes over (kplay's stand-in for a KRaft election)"
                ),
                ControllerReason::PreviousLostQuorum(p) => write!(
                    f,
                    "broker {p}, the controller, lost its majority; the lowest-id broker that reaches one takes over (kplay's stand-in for a KRaft election)"
                ),
            }
        }
        Event::ControllerElected { broker: None, reason } => match reason {
            ControllerReason::PreviousStopped(p) => write!(
                f,
                "broker {p}, the controller, stopped and no broker is running: there is no controller"
            ),
            _ => write!(f, "no broker is running: there is no controller"),
        },
        Event::ControllerLostQuorum { broker, reaches, running, successor } => {
            write!(
                f,
                "broker {broker}, the controller, reaches only {reaches} of {running} running brokers, not a majority (kplay counts the running brokers; KRaft counts its voters, stopped ones too): "
            )?;
            match successor {
                Some(s) => write!(f, "broker {s}, on the majority side, becomes the controller"),
                None => write!(f, "no broker reaches a majority, so there is no controller"),
            }
        }
        Event::BrokerLostController { broker, controller: Some(c) } => write!(
            f,
            "broker {broker} cannot reach the controller (broker {c}): its heartbeats stop, it keeps leading what it led and cannot change an ISR (AlterPartition goes through the controller)"
        ),
        Event::BrokerLostController { broker, controller: None } => write!(
            f,
            "broker {broker} has no controller to reach: it keeps leading what it led and cannot change an ISR"
        ),
        Event::BrokerFencedUnreachable { broker, controller, session_timeout_ms } => write!(
            f,
            "the controller (broker {controller}) fenced broker {broker}: it is running but could not reach the controller for {session_timeout_ms} ms (broker.session.timeout.ms)"
        ),
        Event::BrokerReachedController { broker, controller, was_fenced: true } => write!(
            f,
            "broker {broker} reaches the controller (broker {controller}) again: it registers, is unfenced and follows the current leaders, truncating what they do not have"
        ),
        Event::BrokerReachedController { broker, controller, was_fenced: false } => write!(
            f,
            "broker {broker} reaches the controller (broker {controller}) again before broker.session.timeout.ms: it was never fenced"
        ),
        Event::TopicCreated { topic, partitions, replication_factor, auto_created } => {
            let how = if *auto_created { " automatically (auto.create.topics.enable)" } else { "" };
            write!(
                f,
                "topic {topic} created{how} with {partitions} partition(s), replication factor {replication_factor}"
            )
        }
        Event::TopicDeleted { topic } => {
            write!(f, "topic {topic} deleted, with its logs and committed offsets")
        }
        Event::PartitionsAdded { topic, from, to } => {
            write!(f, "topic {topic} grew from {from} to {to} partitions")
        }
        Event::TopicConfigChanged { topic, name, value: Some(v) } => {
            write!(f, "topic {topic}: {name} set to {v}")
        }
        Event::TopicConfigChanged { topic, name, value: None } => {
            write!(f, "topic {topic}: {name} back to the default")
        }
        Event::LeaderElected { partition, leader, leader_epoch, previous, reason } => {
            write!(f, "broker {leader} leads {partition} in epoch {leader_epoch}")?;
            match reason {
                ElectionReason::NewPartition => {
                    write!(f, ": the first live replica of a new partition")
                }
                ElectionReason::LeaderFailed => match previous {
                    Some(p) => {
                        write!(
                            f,
                            ": broker {p} failed and {leader} was the first live in-sync replica in the replica list"
                        )
                    }
                    None => write!(f, ": the first live in-sync replica in the replica list"),
                },
                ElectionReason::ControlledShutdown => {
                    write!(f, ": the previous leader is shutting down cleanly")
                }
                ElectionReason::LeaderUnreachable => write!(
                    f,
                    ": the previous leader could not reach the controller and was fenced; {leader} was the first live in-sync replica in the replica list"
                ),
                ElectionReason::PreferredReplica => write!(
                    f,
                    ": back to its preferred (first) replica (auto.leader.rebalance.enable)"
                ),
                ElectionReason::PreferredRequested => {
                    write!(
                        f,
                        ": back to its preferred (first) replica, as a client asked (ElectLeaders)"
                    )
                }
                ElectionReason::ReplicaReturned => {
                    write!(f, ": an in-sync replica came back to an offline partition")
                }
                ElectionReason::Unclean { requested, lost_from, lost_to, acknowledged_to } => {
                    let why = if *requested {
                        "a client's unclean ElectLeaders"
                    } else {
                        "unclean.leader.election.enable"
                    };
                    write!(
                        f,
                        ": UNCLEAN election ({why}) of an out-of-sync replica; {} are lost",
                        Offsets { from: *lost_from, to: *lost_to }
                    )?;
                    if acknowledged_to > lost_from {
                        let acknowledged = Offsets { from: *lost_from, to: *acknowledged_to };
                        write!(f, ", among them {acknowledged}, already acknowledged")?;
                    }
                    Ok(())
                }
            }
        }
        Event::PartitionOffline { partition, waiting_for } => write!(
            f,
            "{partition} is offline: no in-sync replica is alive (waiting for {})",
            brokers(waiting_for)
        ),
        Event::IsrShrunk { partition, broker, isr, reason } => {
            write!(f, "broker {broker} left the ISR of {partition}, now {}", brokers(isr))?;
            match reason {
                IsrShrinkReason::Lagging { lag_ms, max_lag_ms } => write!(
                    f,
                    ": not caught up for {lag_ms} ms (replica.lag.time.max.ms = {max_lag_ms})"
                ),
                IsrShrinkReason::BrokerFailed => write!(f, ": its broker failed"),
                IsrShrinkReason::ControlledShutdown => write!(f, ": its broker is shutting down"),
                IsrShrinkReason::BrokerUnreachable => {
                    write!(f, ": its broker could not reach the controller and was fenced")
                }
            }
        }
        Event::IsrExpanded { partition, broker, isr } => write!(
            f,
            "broker {broker} caught up with the leader and rejoined the ISR of {partition}, now {}",
            brokers(isr)
        ),
        Event::RecordsAppended { partition, broker, base_offset, last_offset, bytes, .. } => {
            write!(
                f,
                "leader {broker} appended {} to {partition} ({bytes} bytes)",
                Offsets { from: *base_offset, to: last_offset.plus(1) }
            )
        }
        Event::RecordsReplicated { partition, broker, leader, from, log_end_offset } => write!(
            f,
            "follower {broker} copied {partition} {} from leader {leader}",
            Offsets { from: *from, to: *log_end_offset }
        ),
        Event::HighWatermarkAdvanced { partition, broker, from, to, slowest } => match slowest {
            Some(s) if s == broker => write!(
                f,
                "high watermark of {partition} on leader {broker}: {from} -> {to}, the leader's log end: every in-sync replica has caught up"
            ),
            Some(s) => write!(
                f,
                "high watermark of {partition} on leader {broker}: {from} -> {to}, the lowest log end offset in the ISR (broker {s})"
            ),
            None => write!(
                f,
                "follower {broker} learned the high watermark of {partition} from its leader: {from} -> {to}"
            ),
        },
        Event::LogTruncated { partition, broker, to, removed, diverging_epoch } => write!(
            f,
            "broker {broker} truncated {partition} to {to}, removing {removed} offset(s) its new leader does not have (divergence at epoch {diverging_epoch})"
        ),
        Event::SegmentRolled { partition, broker, base_offset, reason } => {
            let why = match reason {
                RollReason::SegmentBytes => "the active segment was full (segment.bytes)",
                RollReason::SegmentMs => "the active segment was older than segment.ms",
                RollReason::Retention => "retention was about to delete every segment",
            };
            write!(
                f,
                "broker {broker} started a new segment of {partition} at {base_offset}: {why}"
            )
        }
        Event::SegmentDeleted { partition, broker, base_offset, next_offset, reason } => {
            let why = match reason {
                SegmentDeleteReason::RetentionMs => "its newest record is older than retention.ms",
                SegmentDeleteReason::RetentionBytes => "the log is larger than retention.bytes",
            };
            write!(
                f,
                "broker {broker} deleted the segment of {partition} holding {}: {why}",
                Offsets { from: *base_offset, to: *next_offset }
            )
        }
        Event::LogStartOffsetAdvanced { partition, broker, to } => write!(
            f,
            "broker {broker} moved the log start of {partition} to {to}, following its leader"
        ),
        Event::RecordsDeleted { partition, broker, to } => write!(
            f,
            "leader {broker} deleted the records of {partition} before offset {to} (a client's DeleteRecords): {to} is its log start offset now"
        ),
        Event::LogCompacted { partition, broker, superseded, tombstones, .. } => write!(
            f,
            "broker {broker} compacted {partition}: {superseded} record(s) had newer values for their keys, {tombstones} tombstone(s) passed delete.retention.ms"
        ),
        Event::DuplicateBatch { partition, producer_id, base_sequence, base_offset } => write!(
            f,
            "{partition}: producer {producer_id} retried sequence {base_sequence}; already written at {base_offset}, so not written again"
        ),
        Event::ProduceFailed { partition, broker, error } => {
            write!(f, "broker {broker} refused a produce to {partition}: {}", error.name())
        }
        #[cfg(feature = "transactions")]
        Event::Transaction(txn) => write!(f, "{txn}"),
        Event::ProducerIdAllocated { producer_id, producer_epoch } => {
            write!(f, "idempotent producer id {producer_id} (epoch {producer_epoch}) handed out")
        }
        Event::CoordinatorMoved { group, coordinator: Some(b) } => write!(
            f,
            "broker {b} now coordinates group {group}: it leads the group's __consumer_offsets partition"
        ),
        Event::CoordinatorMoved { group, coordinator: None } => {
            write!(
                f,
                "group {group} has no coordinator: its __consumer_offsets partition is offline"
            )
        }
        Event::MemberJoined { group, member, client_id, group_instance_id } => {
            write!(f, "{client_id} joined group {group} as {member}")?;
            match group_instance_id {
                Some(id) => write!(f, " (static member {id})"),
                None => Ok(()),
            }
        }
        Event::MemberRemoved { group, member, reason } => {
            write!(f, "{member} left group {group}")?;
            match reason {
                MemberRemovedReason::LeaveGroup => write!(f, ": it said goodbye (LeaveGroup)"),
                MemberRemovedReason::SessionTimeout => {
                    write!(f, ": no heartbeat within session.timeout.ms")
                }
                MemberRemovedReason::RebalanceTimeout => {
                    write!(
                        f,
                        ": it did not rejoin within the rebalance timeout (max.poll.interval.ms)"
                    )
                }
                MemberRemovedReason::SyncTimeout => {
                    write!(f, ": it did not ask for its assignment in time")
                }
                MemberRemovedReason::Replaced { by } => {
                    write!(f, ": {by} took over its group.instance.id")
                }
                MemberRemovedReason::PendingExpired => {
                    write!(f, ": it never came back with the member id it was given")
                }
                other => write!(f, ": {other:?}"),
            }
        }
        Event::RebalanceStarted { group, reason } => {
            write!(f, "group {group} is rebalancing: {reason}")
        }
        Event::GroupStateChanged { group, from, to, reason } => {
            write!(f, "group {group}: {from} -> {to}: {reason}")
        }
        Event::GenerationStarted { group, generation, protocol, leader, members } => {
            write!(f, "group {group} generation {generation}: {} member(s)", members.len())?;
            if let (Some(p), Some(l)) = (protocol, leader) {
                write!(f, ", assignor {p}, leader {l} computes the assignment")?;
            }
            Ok(())
        }
        Event::AssignmentReceived { group, generation, member, .. } => {
            write!(f, "{member} received its assignment in group {group} generation {generation}")
        }
        Event::OffsetCommitted { group, partition, offset, .. } => {
            write!(f, "group {group} committed offset {offset} for {partition}")
        }
        Event::OffsetDeleted { group, partition } => write!(
            f,
            "group {group}'s committed offset for {partition} was deleted (OffsetDelete): a consumer of it starts from auto.offset.reset"
        ),
        Event::GroupDeleted { group } => write!(f, "group {group} deleted"),
    }
}

#[cfg(test)]
mod tests {
    use crate::event::{ElectionReason, Event, GroupStateReason, IsrShrinkReason, RebalanceReason};
    use crate::group::GroupState;
    use crate::ids::{BrokerId, GroupId, LeaderEpoch, MemberId, Offset, TopicPartition};

    #[test]
    fn events_read_as_sentences_with_their_rule() {
        let tp = TopicPartition::new("orders", 0);
        let shrunk = Event::IsrShrunk {
            partition: tp.clone(),
            broker: BrokerId(3),
            isr: vec![BrokerId(1), BrokerId(2)],
            reason: IsrShrinkReason::Lagging { lag_ms: 30_001, max_lag_ms: 30_000 },
        };
        assert_eq!(
            shrunk.to_string(),
            "broker 3 left the ISR of orders-0, now [1, 2]: not caught up for 30001 ms (replica.lag.time.max.ms = 30000)"
        );
        let unclean = Event::LeaderElected {
            partition: tp.clone(),
            leader: BrokerId(2),
            leader_epoch: LeaderEpoch(4),
            previous: Some(BrokerId(1)),
            reason: ElectionReason::Unclean {
                requested: false,
                lost_from: Offset(10),
                lost_to: Offset(15),
                acknowledged_to: Offset(12),
            },
        };
        let text = unclean.to_string();
        assert!(
            text.ends_with(
                "offsets 10 to 14 are lost, among them offsets 10 to 11, already acknowledged"
            ),
            "{text}"
        );
        let appended = Event::RecordsAppended {
            partition: tp.clone(),
            broker: BrokerId(1),
            base_offset: Offset(7),
            last_offset: Offset(7),
            bytes: 75,
            producer_id: None,
        };
        assert_eq!(appended.to_string(), "leader 1 appended offset 7 to orders-0 (75 bytes)");
    }

    #[test]
    fn group_state_changes_say_why() {
        let group = GroupId::from("billing");
        let change = |from, to, reason| {
            Event::GroupStateChanged { group: group.clone(), from, to, reason }.to_string()
        };
        let member = MemberId::from("c1-7");
        assert_eq!(
            change(
                GroupState::Stable,
                GroupState::PreparingRebalance,
                GroupStateReason::Rebalance(RebalanceReason::MemberJoined(member.clone()))
            ),
            "group billing: Stable -> PreparingRebalance: rebalancing because c1-7 joined"
        );
        assert_eq!(
            change(
                GroupState::PreparingRebalance,
                GroupState::Empty,
                GroupStateReason::NoMembersLeft
            ),
            "group billing: PreparingRebalance -> Empty: no member is left"
        );
        assert_eq!(
            change(
                GroupState::PreparingRebalance,
                GroupState::CompletingRebalance,
                GroupStateReason::InitialDelayPassed { delay_ms: 3_000 }
            ),
            "group billing: PreparingRebalance -> CompletingRebalance: group.initial.rebalance.delay.ms (3000 ms) passed with no new member"
        );
        assert_eq!(
            change(
                GroupState::CompletingRebalance,
                GroupState::Stable,
                GroupStateReason::AssignmentSynced
            ),
            "group billing: CompletingRebalance -> Stable: the leader sent the assignment in SyncGroup"
        );
        assert_eq!(
            change(GroupState::Empty, GroupState::Dead, GroupStateReason::Deleted),
            "group billing: Empty -> Dead: deleted (DeleteGroups)"
        );
    }
}
