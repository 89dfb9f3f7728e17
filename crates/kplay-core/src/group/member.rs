//! One member of a classic group (Kafka's `MemberMetadata`): who it is, what it supports, what it
//! was assigned, and which of its requests are parked.
//!
//! Invariants: `protocols` keeps the member's order of preference (it votes for the first one
//! the whole group supports); `awaiting_join` / `awaiting_sync` are `Some` exactly while a
//! JoinGroup / SyncGroup of this member is parked, even if its client has since disconnected (the
//! answer is then computed and dropped, as Kafka writes it to a closed socket); `session_timer`
//! is the key of the member's one armed session timer, if any.

use bytes::Bytes;

use crate::api::{JoinGroupProtocol, JoinGroupRequest};
use crate::ids::{MemberId, Timestamp};

use super::Pending;
use super::timers::TimerKey;

/// A parked request of a member: where its answer goes, or `None` once the client is gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parked {
    /// The request's destination.
    pub(crate) to: Option<Pending>,
}

impl Parked {
    /// A request parked for `pending`.
    pub(crate) fn new(pending: Pending) -> Self {
        Parked { to: Some(pending) }
    }
}

/// A member of a group.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub(crate) member_id: MemberId,
    pub(crate) group_instance_id: Option<String>,
    pub(crate) client_id: String,
    pub(crate) client_host: String,
    pub(crate) session_timeout_ms: i32,
    pub(crate) rebalance_timeout_ms: i32,
    pub(crate) protocol_type: String,
    pub(crate) protocols: Vec<JoinGroupProtocol>,
    pub(crate) assignment: Bytes,
    pub(crate) awaiting_join: Option<Parked>,
    pub(crate) awaiting_sync: Option<Parked>,
    /// Added in the current join phase and not yet through it: expires after
    /// `NEW_MEMBER_JOIN_TIMEOUT_MS` even while its join is parked.
    pub(crate) is_new: bool,
    pub(crate) session_timer: Option<TimerKey>,
}

impl Member {
    /// A member built from its JoinGroup request, with its join parked for `pending`.
    pub(crate) fn from_request(
        member_id: MemberId,
        req: &JoinGroupRequest,
        pending: Pending,
    ) -> Self {
        Member {
            member_id,
            group_instance_id: req.group_instance_id.clone(),
            client_id: req.client_id.clone(),
            client_host: req.client_host.clone(),
            session_timeout_ms: req.session_timeout_ms,
            rebalance_timeout_ms: req.rebalance_timeout_ms,
            protocol_type: req.protocol_type.clone(),
            protocols: req.protocols.clone(),
            assignment: Bytes::new(),
            awaiting_join: Some(Parked::new(pending)),
            awaiting_sync: None,
            is_new: true,
            session_timer: None,
        }
    }

    /// The member's id.
    pub fn member_id(&self) -> &MemberId {
        &self.member_id
    }

    /// Its `group.instance.id`, for static members.
    pub fn group_instance_id(&self) -> Option<&str> {
        self.group_instance_id.as_deref()
    }

    /// Its `client.id`.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Its host.
    pub fn client_host(&self) -> &str {
        &self.client_host
    }

    /// Its `session.timeout.ms`.
    pub fn session_timeout_ms(&self) -> i32 {
        self.session_timeout_ms
    }

    /// Its rebalance timeout (`max.poll.interval.ms` for consumers).
    pub fn rebalance_timeout_ms(&self) -> i32 {
        self.rebalance_timeout_ms
    }

    /// Its protocols (assignors) with their metadata, most preferred first.
    pub fn protocols(&self) -> &[JoinGroupProtocol] {
        &self.protocols
    }

    /// Its metadata for `protocol`, if it supports it.
    pub fn metadata(&self, protocol: &str) -> Option<&Bytes> {
        self.protocols.iter().find(|p| p.name == protocol).map(|p| &p.metadata)
    }

    /// Its current assignment (empty until the leader's SyncGroup of this generation).
    pub fn assignment(&self) -> &Bytes {
        &self.assignment
    }

    /// Whether a JoinGroup of this member is parked.
    pub fn is_awaiting_join(&self) -> bool {
        self.awaiting_join.is_some()
    }

    /// Whether a SyncGroup of this member is parked.
    pub fn is_awaiting_sync(&self) -> bool {
        self.awaiting_sync.is_some()
    }

    /// When its session (or, for a new member, its join) expires, if a timer is armed.
    pub fn session_deadline(&self) -> Option<Timestamp> {
        self.session_timer.map(|(at, _)| at)
    }

    /// Whether `protocols` are exactly this member's (names, metadata and order): a rejoin with
    /// the same protocols does not by itself need a rebalance.
    pub(crate) fn matches(&self, protocols: &[JoinGroupProtocol]) -> bool {
        self.protocols == protocols
    }

    /// The member's vote: its most preferred protocol among `candidates`.
    pub(crate) fn vote<'a>(&'a self, candidates: &[&str]) -> Option<&'a str> {
        self.protocols.iter().map(|p| p.name.as_str()).find(|name| candidates.contains(name))
    }

    /// Whether the session expiry finds this member alive. Members whose join or sync is parked
    /// count as alive (Kafka's `hasSatisfiedHeartbeat`), except new members, which have no id
    /// to heartbeat with and are bounded by the new-member join timeout instead.
    pub(crate) fn survives_session_expiry(&self) -> bool {
        !self.is_new && (self.is_awaiting_join() || self.is_awaiting_sync())
    }
}
