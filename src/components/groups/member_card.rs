//! One member of a group: its `client.id`, member id and static `group.instance.id`, whether it
//! leads, where it stands with the coordinator, what it owns and where it reads each partition
//! (fetch position and processed offset), and its buttons.

use kplay_core::TopicPartition;
use yew::prelude::*;

use super::super::{time_text, use_highlight};
use super::{ConsumerControls, PartitionChips};
use crate::model::chronicle::Touch;
use crate::model::snapshot::{MemberSnap, MemberStatus};

/// Props of [`MemberCard`].
#[derive(Properties, PartialEq)]
pub struct MemberCardProps {
    /// The member.
    pub member: MemberSnap,
    /// Whether its group is Stable (an owner of nothing is idle only then).
    pub stable: bool,
}

/// A member, with its partitions and controls.
#[component]
pub fn MemberCard(props: &MemberCardProps) -> Html {
    let highlight = use_highlight();
    let m = &props.member;
    let touch = m.client.map(Touch::Client);
    let lit = touch.as_ref().is_some_and(|t| highlight.has(t));
    let idle = props.stable && m.idle();
    let status = match m.status {
        MemberStatus::ClientGone => gone_text(m),
        other if other != MemberStatus::Active => other.label().to_owned(),
        _ if m.paused => "paused: its application stopped calling poll, so it reads nothing; it still heartbeats (a background thread), until max.poll.interval.ms passes".into(),
        _ => String::new(),
    };
    let client = m.client.or(m.removed.map(|r| r.client));
    html! {
        <li class={classes!("member", lit.then_some("highlighted"), idle.then_some("idle"),
                (m.status == MemberStatus::ClientGone).then_some("gone"), m.paused.then_some("paused"))}
            data-member-id={m.member_id.clone()}
            data-client={client.map(|c| c.to_string()).unwrap_or_default()}
            data-touch={touch.map(|t| t.key()).unwrap_or_default()}>
            <div class="member-head">
                <span class="member-name">{ m.client_id.clone() }</span>
                if m.leader {
                    <span class="badge leader-badge" title="The leader computes the assignment with the group's assignor">{ "leader" }</span>
                }
                if let Some(id) = &m.group_instance_id {
                    <span class="badge static-badge" title="A static member (group.instance.id): it can leave and come back without a rebalance">{ format!("static: {id}") }</span>
                }
                if idle { <span class="badge idle-badge">{ "idle" }</span> }
                if m.paused { <span class="badge paused-badge">{ "paused" }</span> }
                if m.status == MemberStatus::ClientGone { <span class="badge gone-badge">{ "client gone" }</span> }
            </div>
            <div class="member-id" title="member id">{ m.member_id.clone() }</div>
            if let Some(host) = &m.client_host {
                <div class="member-host" title="the host its connection came from">{ host.clone() }</div>
            }
            if !status.is_empty() { <p class="member-status">{ status }</p> }
            if idle {
                <p class="member-idle">{ "owns no partition: it heartbeats and waits, reading nothing" }</p>
            } else if m.positions.is_empty() {
                <div class="member-owns">
                    { "owns " }
                    <PartitionChips partitions={m.assigned.iter().map(|(t, p)| TopicPartition::new(t.as_str(), *p)).collect::<Vec<_>>()}
                        none="nothing yet" />
                </div>
            } else {
                <table class="positions">
                    <caption class="visually-hidden">{ format!("Where {} reads", m.client_id) }</caption>
                    <thead><tr><th scope="col">{ "partition" }</th><th scope="col">{ "position" }</th><th scope="col">{ "processed" }</th></tr></thead>
                    <tbody>
                        { for m.positions.iter().map(|p| {
                            let touch = Touch::Partition(p.topic.clone(), p.partition);
                            html! {
                                <tr class={classes!("position", highlight.has(&touch).then_some("highlighted"))}
                                    data-touch={touch.key()} data-partition={p.partition.to_string()}>
                                    <th scope="row">{ format!("{}-{}", p.topic, p.partition) }</th>
                                    <td class="offset" title={p.status}>{ p.offset.map_or_else(|| "…".to_owned(), |o| o.to_string()) }</td>
                                    <td class="processed">{ p.processed.map_or_else(|| "-".to_owned(), |o| o.to_string()) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
            if let Some(client) = m.client {
                <ConsumerControls {client} client_id={m.client_id.clone()} paused={m.paused} />
            }
        </li>
    }
}

/// What it means that a member's client is gone: how it left, and until when the coordinator
/// keeps it.
fn gone_text(m: &MemberSnap) -> String {
    let until = match m.session_expires_ms {
        Some(at) => format!(
            "until its session expires at {} (session.timeout.ms = {} ms)",
            time_text(at),
            m.session_timeout_ms
        ),
        None => "until the coordinator removes it".to_owned(),
    };
    match m.removed {
        Some(r) if r.crashed => format!(
            "its client crashed at {}: no LeaveGroup, so the coordinator counts it as a member {until}; its partitions go unread until then",
            time_text(r.time_ms)
        ),
        Some(r) if r.static_member => format!(
            "its client closed at {}: a static member sends no LeaveGroup, so the coordinator keeps its partitions for it {until}, or until it comes back with the same group.instance.id",
            time_text(r.time_ms)
        ),
        Some(r) => format!(
            "its client closed at {} and sent LeaveGroup; the coordinator removes it as soon as that arrives",
            time_text(r.time_ms)
        ),
        None => format!("its client is gone; the coordinator counts it as a member {until}"),
    }
}
