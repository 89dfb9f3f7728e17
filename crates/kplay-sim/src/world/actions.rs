//! Applying actions. Admin actions (topics, configs, offset resets) go straight to a running
//! broker, as a person at a console would send them; broker and network actions change the
//! cluster and the network; client actions reach the client at once.

use bytes::Bytes;
use kplay_core::api::*;
use kplay_core::engine::{Handled, Shutdown};
use kplay_core::vec_map::VecSet;
use kplay_core::{
    BrokerId, ClientId, GenerationId, Header, KafkaError, LeaderEpoch, MemberId, Offset,
    PartitionIndex, RequestId, TopicPartition,
};

use crate::action::{Action, SeekTo};
use crate::consumer::Consumer;
use crate::network::Node;
use crate::producer::Producer;

use super::{SimClient, World};

/// Why an action was refused. The world is unchanged when an action is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    /// Kafka said no.
    #[error("{0}")]
    Kafka(KafkaError),
    /// No broker is running to take the request.
    #[error("no broker is running")]
    NoBroker,
    /// There is no client with this number.
    #[error("there is no client {0}")]
    UnknownClient(u32),
    /// A client with this number exists already.
    #[error("client {0} already exists")]
    ClientExists(u32),
    /// The client is not the right kind for this action.
    #[error("client {0} is not a {1}")]
    WrongClient(u32, &'static str),
    /// The action does not make sense as given.
    #[error("{0}")]
    Invalid(String),
}

impl From<KafkaError> for ActionError {
    fn from(e: KafkaError) -> Self {
        ActionError::Kafka(e)
    }
}

/// The client id the console's requests carry.
const CONSOLE: ClientId = ClientId(u64::MAX);

impl World {
    pub(crate) fn apply_action(&mut self, action: &Action) -> Result<(), ActionError> {
        match action {
            Action::CreateTopic { name, partitions, replication_factor, configs } => {
                let mut topic = NewTopic::new(name.as_str(), *partitions, *replication_factor);
                for (k, v) in configs {
                    topic = topic.config(k, v);
                }
                let request = CreateTopicsRequest { topics: vec![topic], validate_only: false };
                match self.console(request.into())? {
                    Response::CreateTopics(r) => first_error(r.topics.into_iter().map(|t| t.error)),
                    _ => Ok(()),
                }
            }
            Action::DeleteTopic { name } => {
                let request =
                    DeleteTopicsRequest { topics: vec![TopicRef::Name(name.as_str().into())] };
                match self.console(request.into())? {
                    Response::DeleteTopics(r) => first_error(r.topics.into_iter().map(|t| t.error)),
                    _ => Ok(()),
                }
            }
            Action::AddPartitions { topic, count } => {
                let request = CreatePartitionsRequest {
                    topics: vec![CreatePartitionsTopic {
                        name: topic.as_str().into(),
                        count: *count,
                        assignments: None,
                    }],
                    validate_only: false,
                };
                match self.console(request.into())? {
                    Response::CreatePartitions(r) => {
                        first_error(r.results.into_iter().map(|t| t.error))
                    }
                    _ => Ok(()),
                }
            }
            Action::SetTopicConfig { topic, name, value } => {
                let op = match value {
                    Some(v) => AlterConfigOp::Set(v.clone()),
                    None => AlterConfigOp::Delete,
                };
                let request = IncrementalAlterConfigsRequest {
                    resources: vec![AlterConfigsResource {
                        resource: ConfigResource::Topic(topic.as_str().into()),
                        configs: vec![AlterableConfig { name: name.clone(), op }],
                    }],
                    validate_only: false,
                };
                match self.console(request.into())? {
                    Response::IncrementalAlterConfigs(r) => {
                        first_error(r.results.into_iter().map(|t| t.error))
                    }
                    _ => Ok(()),
                }
            }
            Action::AddBroker { id, rack } => {
                self.engine.add_broker(self.now, BrokerId(*id), rack.clone())?;
                self.brokers.push(BrokerId(*id));
                self.sync_broker_links();
                Ok(())
            }
            Action::StopBroker { id, crash } => {
                let how = if *crash { Shutdown::Crash } else { Shutdown::Clean };
                Ok(self.engine.stop_broker(self.now, BrokerId(*id), how)?)
            }
            Action::StopLeader { topic, partition, crash } => {
                let tp = TopicPartition::new(topic.as_str(), *partition);
                let leader = self.engine.image().partition(&tp).and_then(|p| p.leader);
                let leader =
                    leader.ok_or_else(|| ActionError::Invalid(format!("{tp} has no leader")))?;
                let how = if *crash { Shutdown::Crash } else { Shutdown::Clean };
                Ok(self.engine.stop_broker(self.now, leader, how)?)
            }
            Action::StartBroker { id } => Ok(self.engine.start_broker(self.now, BrokerId(*id))?),
            Action::Isolate { nodes } => {
                self.net.isolate(nodes.iter().copied().collect::<VecSet<_>>());
                self.sync_broker_links();
                Ok(())
            }
            Action::Heal => {
                self.net.heal();
                self.sync_broker_links();
                Ok(())
            }
            Action::CutLink { a, b } | Action::RestoreLink { a, b } if a == b => {
                Err(ActionError::Invalid(format!(
                    "a link joins two different nodes, not {a} and itself"
                )))
            }
            Action::CutLink { a, b } => {
                self.net.cut(*a, *b);
                self.sync_broker_links();
                Ok(())
            }
            Action::RestoreLink { a, b } => {
                self.net.restore(*a, *b);
                self.sync_broker_links();
                Ok(())
            }
            Action::SetLink { a, b, link } => {
                self.net.set_link(*a, *b, *link);
                Ok(())
            }
            Action::SlowNode { node, extra_latency_ms } => {
                self.net.set_slow(*node, *extra_latency_ms);
                Ok(())
            }
            Action::AddProducer { id, spec } => {
                self.new_client(*id)?;
                let producer = Producer::new(spec.clone(), self.options.track_records);
                self.clients.insert(*id, SimClient::Producer(producer));
                self.with_client(*id, |c, io| {
                    if let SimClient::Producer(p) = c {
                        p.wake(io)
                    }
                });
                Ok(())
            }
            Action::AddConsumer { id, spec } => {
                self.new_client(*id)?;
                let consumer = Consumer::new(spec.clone(), self.options.track_records, self.now);
                self.clients.insert(*id, SimClient::Consumer(consumer));
                self.with_client(*id, |c, io| {
                    if let SimClient::Consumer(c) = c {
                        c.wake(io)
                    }
                });
                Ok(())
            }
            Action::RemoveClient { id, crash } => {
                if !self.clients.contains_key(id) {
                    return Err(ActionError::UnknownClient(*id));
                }
                if !crash {
                    self.with_client(*id, |c, io| match c {
                        SimClient::Producer(p) => p.close(),
                        SimClient::Consumer(c) => c.close(io),
                    });
                }
                if let Some(client) = self.clients.remove(id)
                    && self.options.track_records
                {
                    self.retired.push((*id, client));
                }
                self.client_wakes.remove(id);
                self.engine.client_disconnected(ClientId(u64::from(*id)));
                Ok(())
            }
            Action::Produce { producer, topic, key, value, headers, partition } => {
                self.expect_kind(*producer, true)?;
                let key = key.clone().map(Bytes::from);
                let value = value.clone().map(Bytes::from);
                let headers = headers
                    .iter()
                    .map(|(k, v)| Header { key: k.clone(), value: Some(Bytes::from(v.clone())) })
                    .collect();
                self.with_client(*producer, |c, io| {
                    if let SimClient::Producer(p) = c {
                        p.send(io, topic, key, value, headers, *partition)
                    }
                });
                Ok(())
            }
            Action::PauseConsumer { id, paused } => {
                self.expect_kind(*id, false)?;
                self.with_client(*id, |c, io| {
                    if let SimClient::Consumer(c) = c {
                        c.set_paused(io, *paused)
                    }
                });
                Ok(())
            }
            Action::Commit { id } => {
                self.expect_kind(*id, false)?;
                self.with_client(*id, |c, io| {
                    if let SimClient::Consumer(c) = c {
                        c.commit_now(io)
                    }
                });
                Ok(())
            }
            Action::Seek { id, topic, partition, to } => {
                self.expect_kind(*id, false)?;
                let tp = TopicPartition::new(topic.as_str(), *partition);
                let owned = self.consumer(*id).is_some_and(|c| c.assigned().contains(&tp));
                if !owned {
                    return Err(ActionError::Invalid(format!("consumer {id} does not own {tp}")));
                }
                self.with_client(*id, |c, io| {
                    if let SimClient::Consumer(c) = c {
                        c.seek(io, tp, *to)
                    }
                });
                Ok(())
            }
            Action::ResetOffsets { group, topic, to } => self.reset_offsets(group, topic, *to),
        }
    }

    fn new_client(&self, id: u32) -> Result<(), ActionError> {
        if self.clients.contains_key(&id) {
            return Err(ActionError::ClientExists(id));
        }
        Ok(())
    }

    fn expect_kind(&self, id: u32, producer: bool) -> Result<(), ActionError> {
        match (self.clients.get(&id), producer) {
            (None, _) => Err(ActionError::UnknownClient(id)),
            (Some(SimClient::Producer(_)), true) | (Some(SimClient::Consumer(_)), false) => Ok(()),
            (Some(_), true) => Err(ActionError::WrongClient(id, "producer")),
            (Some(_), false) => Err(ActionError::WrongClient(id, "consumer")),
        }
    }

    /// Sends an admin request to a running broker (the controller if it runs) and returns the
    /// answer; an admin request is never parked.
    fn console(&mut self, request: Request) -> Result<Response, ActionError> {
        let broker = self.running_broker(self.engine.image().controller)?;
        self.console_to(broker, request)
    }

    fn console_to(&mut self, broker: BrokerId, request: Request) -> Result<Response, ActionError> {
        match self.engine.handle(self.now, broker, CONSOLE, RequestId(0), request) {
            Handled::Response(r) => Ok(r),
            _ => Err(ActionError::NoBroker),
        }
    }

    /// Tells the engine which broker-to-broker links the network cuts now, so that it can decide
    /// who is the controller and which brokers cannot reach it.
    fn sync_broker_links(&mut self) {
        let mut cut = Vec::new();
        for (i, a) in self.brokers.iter().enumerate() {
            for b in &self.brokers[i + 1..] {
                if !self.net.connected(Node::broker(*a), Node::broker(*b)) {
                    cut.push((*a, *b));
                }
            }
        }
        self.engine.set_broker_links(self.now, cut);
    }

    fn running_broker(&self, preferred: Option<BrokerId>) -> Result<BrokerId, ActionError> {
        let running = |b: &BrokerId| self.engine.broker(*b).is_some_and(|n| n.running);
        preferred
            .filter(running)
            .or_else(|| self.brokers.iter().copied().find(running))
            .ok_or(ActionError::NoBroker)
    }

    /// `kafka-consumer-groups.sh --reset-offsets --execute`: only for a group with no members.
    fn reset_offsets(&mut self, group: &str, topic: &str, to: SeekTo) -> Result<(), ActionError> {
        let group_id = kplay_core::GroupId::from(group);
        if let Some(g) = self.engine.groups().group(&group_id)
            && !g.members().is_empty()
        {
            return Err(ActionError::Invalid(format!(
                "Assignments can only be reset if the group '{group}' is inactive, but the current state is {}.",
                g.state()
            )));
        }
        let partitions =
            self.engine
                .image()
                .topics
                .get(topic)
                .map(|t| t.partitions.len() as i32)
                .ok_or_else(|| ActionError::Invalid(format!("topic {topic} does not exist")))?;
        let find = FindCoordinatorRequest {
            key_type: CoordinatorType::Group,
            keys: vec![group.to_owned()],
        };
        let coordinator = match self.console(find.into())? {
            Response::FindCoordinator(r) => match r.coordinators.into_iter().next() {
                Some(c) if c.error.is_none() => c.node_id,
                Some(c) => {
                    return Err(c.error.map(ActionError::Kafka).unwrap_or(ActionError::NoBroker));
                }
                None => return Err(ActionError::NoBroker),
            },
            _ => return Err(ActionError::NoBroker),
        };
        let mut commits = Vec::new();
        for p in 0..partitions {
            let tp = TopicPartition::new(topic, p);
            let Some(view) = self.engine.partition(&tp) else { continue };
            let Some(leader) = view.leader_replica() else {
                return Err(ActionError::Invalid(format!("{tp} has no leader")));
            };
            let offset = match to {
                SeekTo::Earliest => leader.log.log_start_offset(),
                SeekTo::Latest => leader.high_watermark,
                SeekTo::Offset(o) => {
                    Offset(o.clamp(leader.log.log_start_offset().0, leader.high_watermark.0))
                }
                SeekTo::Timestamp(ts) => leader
                    .log
                    .offset_for_timestamp(kplay_core::Timestamp(ts))
                    .map(|(o, _, _)| o)
                    .filter(|o| *o < leader.high_watermark)
                    .unwrap_or(leader.high_watermark),
            };
            commits.push(OffsetCommitPartition {
                partition: PartitionIndex(p),
                committed_offset: offset,
                committed_leader_epoch: LeaderEpoch::UNKNOWN,
                metadata: None,
            });
        }
        let request = OffsetCommitRequest {
            group_id,
            generation_id: GenerationId::NONE,
            member_id: MemberId::unknown(),
            group_instance_id: None,
            topics: vec![OffsetCommitTopic { name: topic.into(), partitions: commits }],
        };
        match self.console_to(coordinator, request.into())? {
            Response::OffsetCommit(r) => {
                match r.topics.iter().flat_map(|t| t.partitions.iter()).find_map(|p| p.error) {
                    Some(e) => Err(ActionError::Kafka(e.into())),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }
}

fn first_error(errors: impl IntoIterator<Item = Option<KafkaError>>) -> Result<(), ActionError> {
    match errors.into_iter().flatten().next() {
        Some(e) => Err(ActionError::Kafka(e)),
        None => Ok(()),
    }
}
