//! How far each replica of a partition reaches: its log end offset, and whether it is the
//! leader, in sync, or stopped. This is where a restarted follower is seen catching up.

use kplay_core::BrokerId;
use yew::prelude::*;

use crate::driver::ReplicaEnd;

/// Props of [`ReplicaEnds`].
#[derive(Properties, PartialEq)]
pub struct ReplicaEndsProps {
    /// The partition's leader.
    pub leader: Option<BrokerId>,
    /// Each replica's end, in replica order.
    pub ends: Vec<ReplicaEnd>,
}

/// One line: `replicas: broker 1 LEO 3 (leader) · broker 2 LEO 2 (stopped) …`.
#[component]
pub fn ReplicaEnds(props: &ReplicaEndsProps) -> Html {
    html! {
        <ul class="replica-ends" aria-label="Log end offset of each replica">
            { for props.ends.iter().map(|e| {
                let role = if Some(e.broker) == props.leader {
                    "leader"
                } else if !e.running {
                    "stopped"
                } else if e.in_isr {
                    "in sync"
                } else {
                    "catching up"
                };
                let leo = e.log_end_offset.map_or_else(|| "–".to_owned(), |o| o.to_string());
                html! {
                    <li key={e.broker.0} data-broker-id={e.broker.to_string()}
                        class={classes!("replica-end", (!e.running).then_some("stopped"))}>
                        { format!("broker {}: LEO {leo} ", e.broker) }
                        <span class="replica-role">{ format!("({role})") }</span>
                    </li>
                }
            }) }
        </ul>
    }
}
