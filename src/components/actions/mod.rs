//! The "Do something" panel: every action the simulation knows, from the page, in sections —
//! topics, brokers and the network, producers, consumers, and whole scenarios to load.
//!
//! It opens closed (the page first shows a cluster at work, not forms). Each form keeps what
//! was typed (see [`form`]) and asks the model (`model::forms`) for the action: a wrong field
//! gets its message beside it and nothing is sent; otherwise the action goes to the app's
//! reducer, and the notice line says what the engine did with it.

pub mod brokers;
pub mod consumer_ops;
pub mod consumers;
pub mod field;
pub mod form;
pub mod network;
pub mod options;
pub mod produce;
pub mod producers;
pub mod scenarios;
pub mod topic_admin;
pub mod topics;

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Notice;
use crate::model::forms::Facts;
use crate::model::limits::Room;
use crate::model::snapshot::{ClusterSnap, ConsumerSnap, GroupSnap, ProducerSnap, TopicSnap};

/// The panel's sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Create, delete, grow and configure topics.
    Topics,
    /// Brokers, leaders and the network.
    Brokers,
    /// Add and remove producers; produce a record.
    Producers,
    /// Add consumers and groups; pause, commit, seek, reset offsets.
    Consumers,
    /// Load a whole scenario.
    Scenarios,
}

impl Section {
    /// Every section, in the panel's order.
    pub const ALL: [Section; 5] = [
        Section::Topics,
        Section::Brokers,
        Section::Producers,
        Section::Consumers,
        Section::Scenarios,
    ];

    /// Its title.
    pub fn title(self) -> &'static str {
        match self {
            Section::Topics => "Topics",
            Section::Brokers => "Brokers & network",
            Section::Producers => "Producers",
            Section::Consumers => "Consumers",
            Section::Scenarios => "Scenarios",
        }
    }

    /// Its key, for classes and tests.
    pub fn key(self) -> &'static str {
        match self {
            Section::Topics => "topics",
            Section::Brokers => "brokers",
            Section::Producers => "producers",
            Section::Consumers => "consumers",
            Section::Scenarios => "scenarios",
        }
    }
}

/// Props of [`ActionsPanel`].
#[derive(Properties, PartialEq)]
pub struct ActionsPanelProps {
    /// Brokers and the network.
    pub cluster: Rc<ClusterSnap>,
    /// Topics.
    pub topics: Rc<Vec<TopicSnap>>,
    /// Producers.
    pub producers: Rc<Vec<ProducerSnap>>,
    /// Consumers.
    pub consumers: Rc<Vec<ConsumerSnap>>,
    /// Groups.
    pub groups: Rc<Vec<GroupSnap>>,
    /// What the scenario may still add.
    pub room: Room,
    /// The seed (scenarios load with it).
    pub seed: u64,
    /// What the last action did, or why it was refused (also in the page's notice line, which
    /// may be scrolled out of sight).
    #[prop_or_default]
    pub notice: Option<Notice>,
}

/// Props of every section.
#[derive(Properties, PartialEq)]
pub struct SectionProps {
    /// What the forms check against.
    pub facts: Rc<Facts>,
}

/// The "Do something" panel.
#[component]
pub fn ActionsPanel(props: &ActionsPanelProps) -> Html {
    let open = use_state(|| false);
    let section = use_state(|| Section::Topics);
    // The forms re-render only when what they check against changes (rarely, unlike offsets).
    let cache = use_mut_ref(|| Rc::new(Facts::default()));
    let fresh = Facts::new(
        &props.cluster,
        &props.topics,
        &props.producers,
        &props.consumers,
        &props.groups,
        props.room,
    );
    if **cache.borrow() != fresh {
        *cache.borrow_mut() = Rc::new(fresh);
    }
    let facts = cache.borrow().clone();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let body = |s: Section| match s {
        Section::Topics => html! {
            <>
                <topics::CreateTopic facts={facts.clone()} />
                { topic_admin::topic_admin(&facts) }
            </>
        },
        Section::Brokers => html! {
            <>
                { brokers::brokers(&facts) }
                { network::network(&network::NetworkProps {
                    facts: facts.clone(),
                    isolated: props.cluster.isolated_groups.clone(),
                    cut_links: props.cluster.cut_links.clone(),
                }) }
            </>
        },
        Section::Producers => html! {
            <>
                <producers::AddProducer facts={facts.clone()} />
                { produce::produce(&facts) }
            </>
        },
        Section::Consumers => html! {
            <>
                <consumers::AddConsumers facts={facts.clone()} />
                { consumer_ops::consumer_ops(&facts) }
            </>
        },
        Section::Scenarios => html! { <scenarios::Scenarios seed={props.seed} /> },
    };
    html! {
        <section class={classes!("actions-panel", (*open).then_some("open"))} aria-labelledby="actions-title">
            <h2 id="actions-title" class="actions-title">
                <button type="button" class="actions-toggle" aria-expanded={open.to_string()}
                    aria-controls="actions-body" onclick={toggle}>
                    <span aria-hidden="true">{ if *open { "▾ " } else { "▸ " } }</span>
                    { "Do something" }
                </button>
            </h2>
            // Closed panels and other sections stay mounted, hidden, so typed text survives.
            <div id="actions-body" class="actions-body" hidden={!*open}>
                <nav class="actions-sections" aria-label="What to do">
                    { for Section::ALL.iter().map(|s| {
                        let current = *section == *s;
                        let choose = {
                            let section = section.clone();
                            let s = *s;
                            Callback::from(move |_: MouseEvent| section.set(s))
                        };
                        html! {
                            <button type="button" class={classes!("section-button", s.key())}
                                aria-current={current.then_some("true")} aria-controls={format!("actions-{}", s.key())}
                                onclick={choose}>
                                { s.title() }
                            </button>
                        }
                    }) }
                </nav>
                { for Section::ALL.iter().map(|s| html! {
                    <div id={format!("actions-{}", s.key())} class={classes!("actions-section", s.key())}
                        hidden={*section != *s}>
                        { body(*s) }
                    </div>
                }) }
                { outcome(props.notice.as_ref()) }
            </div>
        </section>
    }
}

/// The last outcome, kept in view at the foot of the open panel. Not a live region: the notice
/// line above the board already announces it.
fn outcome(notice: Option<&Notice>) -> Html {
    let (class, text) = match notice {
        Some(Notice::Info(text)) => ("info", text),
        Some(Notice::Error(text)) => ("error", text),
        None => return html! {},
    };
    html! { <p class={classes!("actions-outcome", class)}>{ text.clone() }</p> }
}
