//! One broker: whether it runs (and if not, how it stopped and whether the controller noticed),
//! whether it is the controller, its rack and network troubles, the replicas it holds (leader,
//! in-sync follower or out of sync), the groups it coordinates, and its buttons.

use yew::prelude::*;

use super::super::use_highlight;
use super::BrokerActions;
use crate::model::chronicle::Touch;
use crate::model::snapshot::{BrokerSnap, BrokerStatus, ReplicaSnap};

/// Props of [`BrokerCard`].
#[derive(Properties, PartialEq)]
pub struct BrokerCardProps {
    /// The broker.
    pub broker: BrokerSnap,
}

fn replica_chip(r: &ReplicaSnap) -> Html {
    let (role, mark, said) = if r.leader {
        ("leader", "L", "leader")
    } else if r.in_isr {
        ("follower", "F", "in-sync follower")
    } else {
        ("out-of-sync", "✕", "follower out of the ISR")
    };
    html! {
        <li class={classes!("replica", role)}
            data-touch={Touch::Partition(r.topic.clone(), r.partition).key()}
            data-partition={format!("{}-{}", r.topic, r.partition)} data-role={role}
            title={format!("{}-{}: {said} (its log end offset is under the partition's log)", r.topic, r.partition)}>
            { format!("{}-{}", r.topic, r.partition) }
            <span class="replica-role" aria-label={format!(", {said}")}>{ mark }</span>
        </li>
    }
}

/// The badges every broker card shows: controller, rack, network trouble.
pub(super) fn badges(b: &BrokerSnap) -> Html {
    html! {
        <>
            if b.controller {
                <span class="badge controller-badge"
                    title="The active controller: it elects leaders and tracks the ISR">{ "★ controller" }</span>
            }
            if let Some(rack) = &b.rack {
                <span class="badge rack" title="broker.rack">{ format!("rack {rack}") }</span>
            }
            if b.isolated {
                <span class="badge isolated" title="A network partition or a cut link keeps it from some nodes">{ "cut off" }</span>
            }
            if b.slow_ms > 0 {
                <span class="badge slow" title="Extra latency on all its traffic">{ format!("slow +{} ms", b.slow_ms) }</span>
            }
        </>
    }
}

/// A broker card; a stopped broker is greyed out, an unnoticed crash marked as such.
#[component]
pub fn BrokerCard(props: &BrokerCardProps) -> Html {
    let highlight = use_highlight();
    let b = &props.broker;
    let id = b.id;
    let status = b.status;
    let lit = highlight.has(&Touch::Broker(id));
    let stopped = (!b.running).then_some("stopped");
    let role = if b.controller { ", the active controller" } else { "" };
    html! {
        <li class={classes!("broker", status.class(), stopped, lit.then_some("highlighted"))}
            data-broker-id={id.to_string()} data-touch={Touch::Broker(id).key()}
            data-status={status.class()}
            aria-label={format!("Broker {id}, {}{role}, leads {} of {} replicas", status.label(), b.leaders, b.replica_count)}>
            <div class="broker-head">
                <span class="broker-name">{ format!("Broker {id}") }</span>
                { badges(b) }
            </div>
            <div class="broker-state" title={status.explanation()}>
                <span class={classes!("state-dot", status.class())} aria-hidden="true"></span>
                <span class="state-label">{ status.label() }</span>
            </div>
            if status != BrokerStatus::Running {
                <p class="state-why">{ status.explanation() }</p>
            }
            <div class="broker-summary">
                { format!("leads {} · holds {} replicas", b.leaders, b.replica_count) }
                if b.out_of_sync > 0 {
                    <span class="out-of-sync-count">{ format!(" · {} out of sync", b.out_of_sync) }</span>
                }
            </div>
            if !b.replicas.is_empty() {
                <ul class="replicas" aria-label="Replicas on this broker">
                    { for b.replicas.iter().map(replica_chip) }
                </ul>
            }
            if !b.coordinates.is_empty() {
                <div class="coordinates" title="The group coordinator: it leads the group's __consumer_offsets partition">
                    { format!("coordinates {}", b.coordinates.join(", ")) }
                </div>
            }
            <BrokerActions {id} running={b.running} />
        </li>
    }
}
