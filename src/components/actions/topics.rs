//! Creating a topic: `kafka-topics.sh --create --topic … --partitions … --replication-factor …`
//! with the topic configs most worth watching offered one by one (Kafka's defaults as
//! placeholders) and any other `--config name=value` below them.

use yew::prelude::*;

use super::SectionProps;
use super::field::{Picker, TextField, problems};
use super::form::{FormHandle, error, on_submit, setter, use_form};
use crate::components::use_dispatch;
use crate::model::forms::topics::{CreateTopicForm, OFFERED_CONFIGS, choices, kafka_default};

/// The create-topic form.
#[component]
pub fn CreateTopic(props: &SectionProps) -> Html {
    let dispatch = use_dispatch();
    let h: FormHandle<CreateTopicForm> = use_form();
    let show_configs = use_state(|| false);
    let facts = props.facts.clone();
    let onsubmit = on_submit(&h, &dispatch, move |f| f.action(&facts).map(|a| vec![a]));
    let (form, errors) = (&h.form, &h.errors);
    let set_count = form.configs.values().filter(|v| !v.trim().is_empty()).count();
    let toggle = {
        let show = show_configs.clone();
        Callback::from(move |_: MouseEvent| show.set(!*show))
    };
    // A config the visitor got wrong is shown even if the configs are folded away.
    let configs_wrong = OFFERED_CONFIGS.iter().any(|(n, _)| errors.get(n).is_some());
    let show = *show_configs || configs_wrong;
    html! {
        <form class="action-form create-topic" {onsubmit} aria-labelledby="ct-title">
            <h3 id="ct-title">{ "Create a topic" }</h3>
            <div class="fields">
                <TextField id="ct-name" field="name" label="Topic name" value={form.name.clone()}
                    error={error(errors, "name")}
                    oninput={setter(&h, |f, v| f.name = v)} />
                <TextField id="ct-partitions" field="partitions" label="Partitions" numeric=true
                    value={form.partitions.clone()} error={error(errors, "partitions")}
                    oninput={setter(&h, |f, v| f.partitions = v)} />
                <TextField id="ct-rf" field="replication.factor" label="Replication factor"
                    numeric=true value={form.replication_factor.clone()}
                    hint="at most the number of running brokers"
                    error={error(errors, "replication.factor")}
                    oninput={setter(&h, |f, v| f.replication_factor = v)} />
            </div>
            <button type="button" class="more-toggle" aria-expanded={show.to_string()}
                aria-controls="ct-configs" onclick={toggle}>
                { if show { "▾ Configs" } else { "▸ Configs" } }
                if set_count > 0 { { format!(" ({set_count} set)") } }
            </button>
            if show {
                <fieldset id="ct-configs" class="fields configs">
                    <legend>{ "Topic configs (blank: Kafka's default)" }</legend>
                    { for OFFERED_CONFIGS.iter().map(|(name, what)| config_field(&h, name, what)) }
                    <TextField id="ct-more" wide=true field="configs" label="Other configs (name=value, one a line)"
                        multiline=true value={form.more.clone()} placeholder="min.compaction.lag.ms=0"
                        error={error(errors, "configs")} oninput={setter(&h, |f, v| f.more = v)} />
                </fieldset>
            }
            { problems(errors.len()) }
            <button type="submit" class="primary create-topic-submit">{ "Create topic" }</button>
        </form>
    }
}

/// One offered config: a picker for those with a fixed set of values, else a text field.
fn config_field(h: &FormHandle<CreateTopicForm>, name: &'static str, what: &'static str) -> Html {
    let value = h.form.configs.get(name).cloned().unwrap_or_default();
    let default = kafka_default(name);
    let id = format!("ct-{}", name.replace('.', "-"));
    let handle = h.clone();
    let oninput = Callback::from(move |v: String| {
        let name = name.to_owned();
        handle.dispatch(std::rc::Rc::new(
            move |s: &mut super::form::FormState<CreateTopicForm>| {
                s.form.configs.insert(name.clone(), v.clone());
            },
        ));
    });
    let error = error(&h.errors, name);
    match choices(name) {
        Some(values) => {
            let mut options =
                vec![(AttrValue::from(""), AttrValue::from(format!("default ({default})")))];
            options.extend(values.iter().map(|v| (AttrValue::from(*v), AttrValue::from(*v))));
            html! {
                <Picker id={id} field={name} label={name} {options} selected={value}
                    hint={what} {error} onchange={oninput} />
            }
        }
        None => html! {
            <TextField id={id} field={name} label={name} value={value} placeholder={default}
                hint={what} {error} {oninput} />
        },
    }
}
