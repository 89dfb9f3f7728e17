//! The inspector itself: a tab list (Topics, Groups, Messages) and the panel of the chosen tab.
//! The tab is part of the view, so a share link opens the same one. Arrow keys, Home and End
//! move between tabs, as the WAI-ARIA tabs pattern has it.

use std::rc::Rc;

use yew::prelude::*;

use super::super::use_dispatch;
use super::{GroupsPanel, MessagesPanel, TopicsPanel};
use crate::model::Tab;
use crate::model::messages::MessagePage;
use crate::model::snapshot::{GroupSnap, TopicSnap};
use crate::state::Msg;

const TABS: [(Tab, &str, &str); 3] = [
    (Tab::Topics, "topics", "Topics"),
    (Tab::Groups, "groups", "Consumer groups"),
    (Tab::Messages, "messages", "Messages"),
];

/// Props of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The tab shown.
    pub tab: Tab,
    /// Every topic.
    pub topics: Rc<Vec<TopicSnap>>,
    /// The topic whose partitions are listed.
    pub shown_topic: Option<AttrValue>,
    /// Every group.
    pub groups: Rc<Vec<GroupSnap>>,
    /// The group shown in detail (`None`: the first).
    pub group: Option<AttrValue>,
    /// The message browser's page (while the Messages tab is shown).
    pub messages: Option<Rc<MessagePage>>,
}

/// The tabs and the chosen panel.
#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let dispatch = use_dispatch();
    let tabs_ref = use_node_ref();
    let on_key = {
        let dispatch = dispatch.clone();
        let tabs_ref = tabs_ref.clone();
        let current = props.tab;
        Callback::from(move |e: KeyboardEvent| {
            let i = TABS.iter().position(|(t, ..)| *t == current).unwrap_or(0);
            let to = match e.key().as_str() {
                "ArrowRight" => (i + 1) % TABS.len(),
                "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            };
            e.prevent_default();
            // Focus follows the choice (every tab button is always there to take it).
            if let Some(list) = tabs_ref.cast::<web_sys::Element>()
                && let Ok(Some(button)) = list.query_selector(&format!("#{}", tab_id(TABS[to].0)))
                && let Ok(button) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(button)
            {
                let _ = button.focus();
            }
            dispatch.send(Msg::ShowTab(TABS[to].0));
        })
    };
    let panel = match props.tab {
        Tab::Topics => html! {
            <TopicsPanel topics={props.topics.clone()} shown={props.shown_topic.clone()} />
        },
        Tab::Groups => html! {
            <GroupsPanel groups={props.groups.clone()} topics={props.topics.clone()} group={props.group.clone()} />
        },
        Tab::Messages => html! {
            <MessagesPanel page={props.messages.clone()} topics={props.topics.clone()} />
        },
    };
    html! {
        <section class="inspector" aria-labelledby="inspector-title">
            <h2 id="inspector-title">{ "Inspector" }
                <small>{ " topics, consumer groups and messages, as Kafdrop and AKHQ list them" }</small></h2>
            <div class="inspector-tabs" role="tablist" aria-label="Inspector views" ref={tabs_ref} onkeydown={on_key}>
                { for TABS.iter().map(|(tab, name, label)| {
                    let selected = *tab == props.tab;
                    let tab = *tab;
                    html! {
                        <button type="button" role="tab" id={tab_id(tab)} class={classes!("inspector-tab", *name)}
                            aria-selected={selected.to_string()} aria-controls="inspector-panel"
                            tabindex={if selected { "0" } else { "-1" }}
                            onclick={dispatch.to(move |_: MouseEvent| Msg::ShowTab(tab))}>
                            { *label }
                        </button>
                    }
                }) }
            </div>
            <div class="inspector-panel" id="inspector-panel" role="tabpanel" aria-labelledby={tab_id(props.tab)}>
                { panel }
            </div>
        </section>
    }
}

fn tab_id(tab: Tab) -> &'static str {
    match tab {
        Tab::Topics => "inspector-tab-topics",
        Tab::Groups => "inspector-tab-groups",
        Tab::Messages => "inspector-tab-messages",
    }
}
