//! The Topics tab: every topic in a list (internal ones behind a toggle), and the chosen topic's
//! partitions in a table, as AKHQ's topic list and topic detail show them.

use std::rc::Rc;

use yew::prelude::*;

use super::{PartitionTable, TopicList};
use crate::model::snapshot::TopicSnap;

/// Props of [`TopicsPanel`].
#[derive(Properties, PartialEq)]
pub struct TopicsPanelProps {
    /// Every topic.
    pub topics: Rc<Vec<TopicSnap>>,
    /// The topic whose partitions are listed.
    pub shown: Option<AttrValue>,
}

/// The topic list and the chosen topic's partitions.
#[component]
pub fn TopicsPanel(props: &TopicsPanelProps) -> Html {
    let show_internal = use_state(|| false);
    let internal = props.topics.iter().filter(|t| t.internal).count();
    let on_toggle = {
        let show_internal = show_internal.clone();
        Callback::from(move |_: Event| show_internal.set(!*show_internal))
    };
    html! {
        <div class="topics-panel">
            if internal > 0 {
                <label class="internal-toggle">
                    <input type="checkbox" checked={*show_internal} onchange={on_toggle} />
                    { format!(" Show internal topics ({internal}, such as __consumer_offsets)") }
                </label>
            }
            <TopicList topics={props.topics.clone()} shown={props.shown.clone()} show_internal={*show_internal} />
            if let Some(topic) = &props.shown {
                // Keyed by topic, so another topic opens at its first page.
                <PartitionTable key={topic.to_string()} topics={props.topics.clone()} topic={topic.clone()} />
            }
        </div>
    }
}
