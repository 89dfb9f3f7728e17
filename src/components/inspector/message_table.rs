//! A page of records as Kafdrop's message view lists them — offset, timestamp, key, value,
//! headers — plus whether consumers can read each record yet. Offsets compaction removed are
//! one row saying so.

use yew::prelude::*;

use super::super::time_text;
use crate::model::messages::{Entry, MessagePage, MessageRow, Shown};

/// Props of [`MessageTable`].
#[derive(Properties, PartialEq)]
pub struct MessageTableProps {
    /// The page.
    pub page: MessagePage,
}

/// The records of a page.
#[component]
pub fn MessageTable(props: &MessageTableProps) -> Html {
    let p = &props.page;
    let name = format!("{}-{}", p.at.topic, p.at.partition);
    let broker = p.broker.map_or(String::new(), |b| format!(" on broker {b}"));
    if p.entries.is_empty() {
        let text = if p.log_start == p.log_end {
            format!("{name}{broker} holds no records yet.")
        } else {
            format!(
                "No records from offset {}: it is the log end offset; the next record written gets it.",
                p.from
            )
        };
        return html! { <p class="empty messages-empty">{ text }</p> };
    }
    html! {
        <div class="table-scroll" role="region" aria-label={format!("Records of {name}")} tabindex="0">
        <table class="inspector-table messages">
            <caption>{ format!("Records of {name}{broker}") }
                <span class="caption-hint">{ format!(" · from offset {}", p.from) }</span></caption>
            <thead>
                <tr>
                    <th scope="col" class="num">{ "Offset" }</th>
                    <th scope="col" class="num" title="Simulated milliseconds since the scenario started">{ "Timestamp (ms)" }</th>
                    <th scope="col">{ "Key" }</th>
                    <th scope="col">{ "Value" }</th>
                    <th scope="col">{ "Headers" }</th>
                    <th scope="col">{ "Readable by consumers" }</th>
                </tr>
            </thead>
            <tbody>
                { for p.entries.iter().map(|e| match e {
                    Entry::Record(r) => record(r, p.high_watermark),
                    Entry::Gap { from, to } => gap(*from, *to, p.compacted),
                }) }
            </tbody>
        </table>
        </div>
    }
}

fn record(r: &MessageRow, high_watermark: i64) -> Html {
    html! {
        <tr key={r.offset} data-offset={r.offset.to_string()}
            class={classes!("record-row", r.above_high_watermark.then_some("above-hw"), r.value.is_none().then_some("tombstone"))}>
            <th scope="row" class="num offset">{ r.offset }</th>
            <td class="num timestamp" title={format!("{} ({}), leader epoch {}", time_text(r.timestamp_ms),
                if r.log_append_time { "LogAppendTime: the leader's clock" } else { "CreateTime: the producer's clock" },
                r.leader_epoch)}>
                { r.timestamp_ms }
                if r.log_append_time { <span class="hint">{ " append time" }</span> }
            </td>
            <td class="key">{ shown(r.key.as_ref(), "null (no key)") }</td>
            <td class="value" title={r.value.as_ref().map(|v| format!("{} bytes{}: {}", v.bytes, if v.cut { ", the start shown" } else { "" }, v.text))}>{ shown(r.value.as_ref(), "null: a tombstone") }</td>
            <td class="headers">
                if r.headers.is_empty() {
                    <span class="hint">{ "none" }</span>
                } else {
                    <ul class="header-list">
                        { for r.headers.iter().map(|(k, v)| html! {
                            <li><code class="header-key">{ k.clone() }</code>{ "=" }{ shown(v.as_ref(), "null") }</li>
                        }) }
                    </ul>
                }
            </td>
            <td class="readable">
                if r.above_high_watermark {
                    <span class="not-yet" title="Not on every in-sync replica yet: no consumer can read it, and a failover may still remove it">
                        { format!("not yet: at or above the high watermark ({high_watermark})") }
                    </span>
                } else {
                    { "yes" }
                }
            </td>
        </tr>
    }
}

fn shown(bytes: Option<&Shown>, null: &str) -> Html {
    let Some(s) = bytes else {
        return html! { <span class="null">{ null.to_owned() }</span> };
    };
    html! {
        <>
            if s.hex { <span class="badge hex" title="Not UTF-8 text: shown as hex bytes">{ "hex" }</span>{ " " } }
            <span class={classes!("bytes", s.hex.then_some("hex-bytes"))}>{ s.text.clone() }</span>
            if s.cut { <span class="hint">{ format!("… ({} bytes)", s.bytes) }</span> }
        </>
    }
}

fn gap(from: i64, to: i64, compacted: bool) -> Html {
    let offsets = if to - from == 1 { format!("{from}") } else { format!("{from}–{}", to - 1) };
    let why = if compacted {
        "no records: compaction removed them (a later record has the same key, or a tombstone's delete.retention.ms passed). Offsets never change, so they stay a gap."
    } else {
        "no records to show here: each is a transaction's COMMIT or ABORT marker (a control record, which no consumer sees) or a record compaction removed."
    };
    html! {
        <tr key={format!("gap-{from}")} class="gap" data-gap-from={from.to_string()} data-gap-to={to.to_string()}>
            <th scope="row" class="num offset">{ offsets }</th>
            <td colspan="5" class="gap-text">{ why }</td>
        </tr>
    }
}
