//! Every replica of a partition as a thin bar against the same scale: the records it holds (log
//! start to log end), its high watermark, and a tail it just cut by truncation, so a follower
//! falling behind, catching up or truncating can be watched.

use yew::prelude::*;

use crate::model::snapshot::{PartitionSnap, ReplicaEnd};

/// Props of [`ReplicaBars`].
#[derive(Properties, PartialEq)]
pub struct ReplicaBarsProps {
    /// The partition.
    pub partition: PartitionSnap,
}

fn percent(offset: i64, (low, high): (i64, i64)) -> f64 {
    if high <= low {
        100.0
    } else {
        (offset - low).clamp(0, high - low) as f64 * 100.0 / (high - low) as f64
    }
}

fn bar(r: &ReplicaEnd, span: (i64, i64), leader_end: i64) -> Html {
    let hosted = r.log_end >= 0;
    let role = if r.leader {
        "leader"
    } else if r.in_isr {
        "in sync"
    } else {
        "out of sync"
    };
    let behind = if hosted && !r.leader && leader_end > r.log_end {
        format!(" · {} behind", leader_end - r.log_end)
    } else {
        String::new()
    };
    let text = if hosted {
        format!("LEO {} · HW {}{behind}", r.log_end, r.high_watermark)
    } else {
        "no copy yet".to_owned()
    };
    let start = percent(r.log_start.max(span.0), span);
    let end = percent(r.log_end, span);
    html! {
        <li class={classes!("replica-end", r.leader.then_some("leader"), (!r.in_isr).then_some("out-of-sync"), (!r.running).then_some("stopped"))}
            data-broker-id={r.broker.to_string()} data-log-end={r.log_end.to_string()}
            data-high-watermark={r.high_watermark.to_string()}
            title={format!("broker {}: {role}{}; its log end offset (LEO), the high watermark it knows (HW), and how far it is behind the leader", r.broker, if r.running { "" } else { ", not running" })}>
            <span class="replica-name">
                { format!("broker {}", r.broker) }
                <small>{ format!(" {role}{}", if r.running { "" } else { ", stopped" }) }</small>
            </span>
            <span class="replica-track" aria-hidden="true">
                if hosted {
                    <span class="replica-fill" style={format!("left: {start:.1}%; width: {:.1}%", (end - start).max(0.0))}></span>
                    <span class="replica-hw" style={format!("left: {:.1}%", percent(r.high_watermark, span))}></span>
                }
                if let Some((from, to, fade)) = r.truncated {
                    <span class="replica-cut" data-from={from.to_string()} data-to={to.to_string()}
                        style={format!("left: {:.1}%; width: {:.1}%; opacity: {:.2}", percent(from, span),
                            (percent(to, span) - percent(from, span)).max(1.0), 0.2 + 0.7 * f64::from(fade) / 100.0)}></span>
                }
            </span>
            <span class="replica-text">
                { text }
                if let Some((from, to, _)) = r.truncated {
                    <span class="replica-cut-text">{ format!(" · cut {from}–{}", to - 1) }</span>
                }
            </span>
        </li>
    }
}

/// The bars.
#[component]
pub fn ReplicaBars(props: &ReplicaBarsProps) -> Html {
    let p = &props.partition;
    let span = p.replica_span();
    html! {
        <ol class="replica-ends" aria-label="Each replica's log end offset (LEO) and high watermark (HW)">
            { for p.replica_ends.iter().map(|r| bar(r, span, p.log_end)) }
        </ol>
    }
}
