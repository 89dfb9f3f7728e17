//! ElectLeaders (43): a client asks the controller to elect leaders now
//! (`kafka-leader-election.sh`, an admin client's `elect_leaders`).
//!
//! As Kafka's controller: a preferred election moves leadership to the first replica if it is
//! alive and in the ISR (PREFERRED_LEADER_NOT_AVAILABLE if not, ELECTION_NOT_NEEDED if it leads
//! already); an unclean election gives a partition with no leader to its first live replica,
//! in sync or not, whatever `unclean.leader.election.enable` says (ELECTION_NOT_NEEDED if it has
//! a leader, ELIGIBLE_LEADERS_NOT_AVAILABLE if no replica is alive). Asked for every partition
//! (no list), the answer leaves out those that needed no election.

use crate::engine::{Engine, Handled, RequestContext};
use crate::error::{ErrorCode, KafkaError};
use crate::event::ElectionReason;
use crate::ids::{PartitionIndex, TopicName, TopicPartition};

/// Which election.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElectionType {
    /// `0`: back to the preferred (first) replica.
    Preferred,
    /// `1`: any live replica of a partition with no leader.
    Unclean,
}

/// One topic's partitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElectLeadersTopic {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<PartitionIndex>,
}

/// ElectLeaders request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElectLeadersRequest {
    /// Which election.
    pub election_type: ElectionType,
    /// The partitions, or `None` for every partition.
    pub topics: Option<Vec<ElectLeadersTopic>>,
}

/// One partition's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElectLeadersPartitionResult {
    /// The partition.
    pub partition: PartitionIndex,
    /// The error, if any.
    pub error: Option<KafkaError>,
}

/// One topic's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElectLeadersTopicResult {
    /// The topic.
    pub name: TopicName,
    /// Its partitions.
    pub partitions: Vec<ElectLeadersPartitionResult>,
}

/// ElectLeaders response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElectLeadersResponse {
    /// Per-topic results.
    pub topics: Vec<ElectLeadersTopicResult>,
}

impl Engine {
    pub(crate) fn handle_elect_leaders(
        &mut self,
        _ctx: RequestContext,
        request: ElectLeadersRequest,
    ) -> Handled {
        let every = request.topics.is_none();
        let wanted: Vec<TopicPartition> = match request.topics {
            Some(topics) => topics
                .into_iter()
                .flat_map(|t| {
                    t.partitions
                        .into_iter()
                        .map(move |partition| TopicPartition { topic: t.name.clone(), partition })
                })
                .collect(),
            None => self.image.partitions().map(|(tp, _)| tp).collect(),
        };
        let mut topics: Vec<ElectLeadersTopicResult> = Vec::new();
        for tp in wanted {
            let error = self.elect_on_request(&tp, request.election_type).err();
            if every && error.as_ref().is_some_and(|e| e.code == ErrorCode::ElectionNotNeeded) {
                continue;
            }
            let result = ElectLeadersPartitionResult { partition: tp.partition, error };
            match topics.last_mut() {
                Some(t) if t.name == tp.topic => t.partitions.push(result),
                _ => topics
                    .push(ElectLeadersTopicResult { name: tp.topic, partitions: vec![result] }),
            }
        }
        Handled::Response(ElectLeadersResponse { topics }.into())
    }

    fn elect_on_request(
        &mut self,
        tp: &TopicPartition,
        election: ElectionType,
    ) -> Result<(), KafkaError> {
        let p = self.image.partition(tp).ok_or(ErrorCode::UnknownTopicOrPartition)?;
        let not_needed = || {
            KafkaError::new(
                ErrorCode::ElectionNotNeeded,
                format!("Leader election not needed for topic partition {tp}"),
            )
        };
        match election {
            ElectionType::Preferred => {
                let preferred = *p.replicas.first().ok_or(ErrorCode::UnknownTopicOrPartition)?;
                if p.leader == Some(preferred) {
                    return Err(not_needed());
                }
                if !p.in_isr(preferred) || !self.image.is_live(preferred) {
                    return Err(KafkaError::new(
                        ErrorCode::PreferredLeaderNotAvailable,
                        format!(
                            "Failed to elect leader for partition {tp} under strategy PreferredReplicaPartitionLeaderElectionStrategy"
                        ),
                    ));
                }
                self.move_leader(tp, preferred, ElectionReason::PreferredRequested);
                Ok(())
            }
            ElectionType::Unclean if p.leader.is_some() => Err(not_needed()),
            ElectionType::Unclean if self.elect_unclean(tp) => Ok(()),
            ElectionType::Unclean => Err(KafkaError::new(
                ErrorCode::EligibleLeadersNotAvailable,
                format!("No live replica of {tp} can lead"),
            )),
        }
    }
}
