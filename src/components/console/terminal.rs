//! The terminal: a scrollback and a prompt. Enter runs the line; up and down walk the history;
//! Ctrl-C stops a running producer or consumer, Ctrl-D ends a producer's input, Ctrl-L clears
//! the screen. Buttons do the same for those without a keyboard shortcut at hand.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::super::use_dispatch;
use crate::model::console::{Console, ConsoleInput, LineKind, Session};
use crate::state::Msg;

/// Props of [`Terminal`].
#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    /// The terminal's model, as the reducer keeps it.
    pub console: Rc<Console>,
}

/// Where up and down have moved in the history: `None` is the line being typed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Recall(Option<usize>);

/// The terminal panel, collapsed until opened.
#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let dispatch = use_dispatch();
    let open = use_state(|| false);
    let recall = use_state(Recall::default);
    let input = use_node_ref();
    let screen = use_node_ref();
    {
        // Keep the newest line in view.
        let screen = screen.clone();
        use_effect_with((props.console.revision, *open), move |_| {
            if let Some(el) = screen.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let send = {
        let dispatch = dispatch.clone();
        move |i: ConsoleInput| dispatch.send(Msg::Console(i))
    };
    let onkeydown = {
        let input = input.clone();
        let recall = recall.clone();
        let history = props.console.history().to_vec();
        let at_shell = matches!(props.console.session(), Session::Shell);
        let send = send.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(field) = input.cast::<HtmlInputElement>() else { return };
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    send(ConsoleInput::Line(field.value()));
                    field.set_value("");
                    recall.set(Recall(None));
                }
                "c" | "C" if e.ctrl_key() => {
                    e.prevent_default();
                    field.set_value("");
                    recall.set(Recall(None));
                    send(ConsoleInput::Interrupt);
                }
                "d" | "D" if e.ctrl_key() => {
                    e.prevent_default();
                    send(ConsoleInput::EndOfInput);
                }
                "l" | "L" if e.ctrl_key() => {
                    e.prevent_default();
                    send(ConsoleInput::Clear);
                }
                "ArrowUp" if at_shell && !history.is_empty() => {
                    e.prevent_default();
                    let at = recall.0.map_or(history.len() - 1, |i| i.saturating_sub(1));
                    field.set_value(&history[at]);
                    recall.set(Recall(Some(at)));
                }
                "ArrowDown" if at_shell => {
                    e.prevent_default();
                    match recall.0 {
                        Some(i) if i + 1 < history.len() => {
                            field.set_value(&history[i + 1]);
                            recall.set(Recall(Some(i + 1)));
                        }
                        _ => {
                            field.set_value("");
                            recall.set(Recall(None));
                        }
                    }
                }
                _ => {}
            }
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let button = |label: &'static str, class: &'static str, what: ConsoleInput| {
        let send = send.clone();
        html! {
            <button type="button" class={classes!("terminal-key", class)}
                onclick={Callback::from(move |_: MouseEvent| send(what.clone()))}>{ label }</button>
        }
    };
    let session = props.console.session();
    let running = match session {
        Session::Shell => html! {},
        Session::Producer(s) => html! {
            <div class="terminal-running">
                <span>{ format!("Producing to {} — each line is a record.", s.topic) }</span>
                { button("End input (Ctrl-D)", "eof", ConsoleInput::EndOfInput) }
                { button("Stop (Ctrl-C)", "interrupt", ConsoleInput::Interrupt) }
            </div>
        },
        Session::Consumer(s) => html! {
            <div class="terminal-running">
                <span>{ format!("Consuming as group {}: {} printed.", s.group, s.printed) }</span>
                { button("Stop (Ctrl-C)", "interrupt", ConsoleInput::Interrupt) }
            </div>
        },
    };
    html! {
        <section class={classes!("terminal-panel", (*open).then_some("open"))} aria-labelledby="terminal-title">
            <h2 id="terminal-title" class="terminal-title">
                <button type="button" class="terminal-toggle" aria-expanded={open.to_string()}
                    aria-controls="terminal-body" onclick={toggle}>
                    <span aria-hidden="true">{ if *open { "▾ " } else { "▸ " } }</span>
                    { "Terminal" }
                </button>
                <small>{ " Kafka's console tools on this cluster; type help" }</small>
            </h2>
            <div id="terminal-body" class="terminal-body" hidden={!*open}>
                <div class="terminal-screen" ref={screen} role="log" aria-live="polite">
                    { for props.console.lines().map(|l| {
                        let kind = match l.kind {
                            LineKind::Input => "input",
                            LineKind::Out => "out",
                            LineKind::Err => "err",
                        };
                        html! { <div class={classes!("terminal-line", kind)}>{ l.text.clone() }</div> }
                    }) }
                </div>
                { running }
                <label class="terminal-prompt">
                    <span class="prompt" aria-hidden="true">{ props.console.prompt() }</span>
                    <input ref={input} class="terminal-input" type="text" spellcheck="false"
                        autocomplete="off" autocapitalize="off" aria-label="Command"
                        placeholder={if matches!(session, Session::Shell) { "kafka-topics.sh --bootstrap-server localhost:9092 --list" } else { "" }}
                        {onkeydown} />
                </label>
            </div>
        </section>
    }
}
