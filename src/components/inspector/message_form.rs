//! Where the message browser reads: topic, partition, whose replica, the starting offset (typed,
//! or the oldest and newest shortcuts) and the page size. Every choice goes into the view, so a
//! share link opens the same page. A typed offset that is not a number is refused here; one
//! outside the log is refused by the log, with Kafka's OFFSET_OUT_OF_RANGE.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::super::use_dispatch;
use crate::model::messages::MessagePage;
use crate::model::prefs::{BrowseAt, PAGE_SIZES};
use crate::model::snapshot::TopicSnap;
use crate::state::Msg;

/// Props of [`MessageForm`].
#[derive(Properties, PartialEq)]
pub struct MessageFormProps {
    /// The page shown.
    pub page: Rc<MessagePage>,
    /// Every topic.
    pub topics: Rc<Vec<TopicSnap>>,
}

/// The browser's controls.
#[component]
pub fn MessageForm(props: &MessageFormProps) -> Html {
    let dispatch = use_dispatch();
    let offset_ref = use_node_ref();
    let offset_error = use_state(|| None::<String>);
    let p = &props.page;
    let at = p.at.clone();

    // Going anywhere else clears what was said about a typed offset.
    let go = {
        let dispatch = dispatch.clone();
        let offset_error = offset_error.clone();
        Callback::from(move |to: BrowseAt| {
            offset_error.set(None);
            dispatch.send(Msg::Browse(to));
        })
    };
    let browse = |f: Rc<dyn Fn(String) -> BrowseAt>| {
        let go = go.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            go.emit(f(select.value()));
        })
    };
    let on_topic = browse(Rc::new({
        let at = at.clone();
        move |topic: String| BrowseAt { page_size: at.page_size, ..BrowseAt::newest(&topic, 0) }
    }));
    let on_partition = browse(Rc::new({
        let at = at.clone();
        move |v: String| BrowseAt {
            partition: v.parse().unwrap_or(0),
            offset: None,
            replica: None,
            ..at.clone()
        }
    }));
    let on_replica = browse(Rc::new({
        let at = at.clone();
        move |v: String| BrowseAt { replica: v.parse().ok(), ..at.clone() }
    }));
    let on_size = browse(Rc::new({
        let at = at.clone();
        move |v: String| BrowseAt { page_size: v.parse().unwrap_or(at.page_size), ..at.clone() }
    }));
    let on_submit = {
        let go = go.clone();
        let offset_ref = offset_ref.clone();
        let offset_error = offset_error.clone();
        let at = at.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = offset_ref.cast::<HtmlInputElement>() else { return };
            let typed = input.value();
            match typed.trim().parse::<i64>() {
                Ok(offset) => go.emit(at.from(Some(offset))),
                Err(_) => offset_error.set(Some(format!(
                    "“{typed}” is not an offset: type a whole number, such as {}",
                    example_offset(&at)
                ))),
            }
        })
    };
    let oldest = {
        let to = at.from(Some(p.log_start));
        go.reform(move |_: MouseEvent| to.clone())
    };
    let newest = go.reform({
        let to = at.from(None);
        move |_: MouseEvent| to.clone()
    });

    let mut names: Vec<&str> =
        props.topics.iter().filter(|t| !t.internal).map(|t| t.name.as_str()).collect();
    if !names.contains(&at.topic.as_str()) {
        names.push(at.topic.as_str());
    }
    html! {
        <form class="browse-form" onsubmit={on_submit} aria-label="Where to read">
            <label>{ "Topic " }
                <select class="browse-topic" onchange={on_topic}>
                    { for names.iter().map(|n| html! { <option value={n.to_string()} selected={*n == at.topic}>{ *n }</option> }) }
                </select>
            </label>
            <label>{ "Partition " }
                <select class="browse-partition" onchange={on_partition}>
                    { for (0..p.partitions.max(at.partition + 1).max(1)).map(|i| html! {
                        <option value={i.to_string()} selected={i == at.partition}>{ i }</option>
                    }) }
                </select>
            </label>
            <label>{ "Replica " }
                <select class="browse-replica" onchange={on_replica}>
                    <option value="" selected={at.replica.is_none()}>
                        { p.leader.map_or("the leader (none now)".into(), |l| format!("the leader (broker {l})")) }
                    </option>
                    { for p.replicas.iter().map(|b| html! {
                        <option value={b.to_string()} selected={at.replica == Some(*b)}>
                            { format!("broker {b}{}", if p.leader == Some(*b) { " (leader)" } else { " (follower)" }) }
                        </option>
                    }) }
                </select>
            </label>
            <label>{ "Per page " }
                <select class="browse-size" onchange={on_size}>
                    { for PAGE_SIZES.iter().map(|s| html! {
                        <option value={s.to_string()} selected={*s == p.page_size}>{ s }</option>
                    }) }
                </select>
            </label>
            <span class="browse-offset">
                <label>{ "From offset " }
                    <input ref={offset_ref} type="text" inputmode="numeric" size="9" class="browse-offset-input"
                        placeholder={p.from.max(0).to_string()}
                        aria-invalid={offset_error.is_some().to_string()}
                        aria-describedby={offset_error.is_some().then_some("browse-offset-error")} />
                </label>
                <button type="submit" class="browse-go">{ "Go" }</button>
                <button type="button" class="browse-oldest" onclick={oldest} disabled={p.log_start < 0}
                    title="The log start offset: the oldest record kept">{ "Oldest" }</button>
                <button type="button" class="browse-newest" onclick={newest}
                    title="The newest records, following the log end as it grows">{ "Newest" }</button>
            </span>
            if let Some(error) = &*offset_error {
                <span class="field-error" id="browse-offset-error" role="alert">{ error.clone() }</span>
            }
        </form>
    }
}

fn example_offset(at: &BrowseAt) -> i64 {
    at.offset.unwrap_or(0).max(0)
}
