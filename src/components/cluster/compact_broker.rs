//! One broker of a big cluster, in little room: its state, roles and counts, and its buttons.

use yew::prelude::*;

use super::super::use_highlight;
use super::BrokerActions;
use super::broker_card::badges;
use crate::model::chronicle::Touch;
use crate::model::snapshot::BrokerSnap;

/// Props of [`CompactBroker`].
#[derive(Properties, PartialEq)]
pub struct CompactBrokerProps {
    /// The broker.
    pub broker: BrokerSnap,
}

/// A compact broker card.
#[component]
pub fn CompactBroker(props: &CompactBrokerProps) -> Html {
    let highlight = use_highlight();
    let b = &props.broker;
    let id = b.id;
    let status = b.status;
    let lit = highlight.has(&Touch::Broker(id));
    html! {
        <li class={classes!("broker", "compact", status.class(), (!b.running).then_some("stopped"), lit.then_some("highlighted"))}
            data-broker-id={id.to_string()} data-touch={Touch::Broker(id).key()}
            data-status={status.class()} title={status.explanation()}
            aria-label={format!("Broker {id}, {}, leads {} of {} replicas", status.label(), b.leaders, b.replica_count)}>
            <div class="broker-head">
                <span class={classes!("state-dot", status.class())} aria-hidden="true"></span>
                <span class="broker-name">{ format!("B{id}") }</span>
                { badges(b) }
            </div>
            <div class="broker-summary">
                <span title="Partitions it leads">{ format!("L {}", b.leaders) }</span>
                <span title="Replicas it holds">{ format!(" · R {}", b.replica_count) }</span>
                if b.out_of_sync > 0 {
                    <span class="out-of-sync-count" title="Replicas out of the ISR">{ format!(" · ✕ {}", b.out_of_sync) }</span>
                }
            </div>
            if !b.running {
                <div class="state-label">{ status.label() }</div>
            }
            <BrokerActions {id} running={b.running} />
        </li>
    }
}
