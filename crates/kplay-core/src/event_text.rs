//! One sentence per event, naming the rule behind it.

use std::fmt;

use crate::event::{ElectionReason, Event};

pub(crate) fn describe(event: &Event, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match event {
        Event::LeaderElected { partition, leader, leader_epoch, reason, .. } => match reason {
            ElectionReason::NewPartition => {
                write!(f, "broker {leader} leads new partition {partition} (epoch {leader_epoch})")
            }
            _ => write!(f, "broker {leader} elected leader of {partition} (epoch {leader_epoch})"),
        },
        other => write!(f, "{other:?}"),
    }
}
