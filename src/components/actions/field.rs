//! The panel's form controls: a labelled text field, a picker and a checkbox, each with its
//! hint (what a blank field means) and its message when the last submission found it wrong,
//! tied to the control for screen readers (`aria-describedby`, `aria-invalid`).
//!
//! Every control carries `data-field`, the model's name for the field (Kafka's config name where
//! there is one), which is also what its message is filed under.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What a text field, picker or text area holds after an event.
pub fn value_of(e: &Event) -> String {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn notes(id: &str, hint: &Option<AttrValue>, error: &Option<AttrValue>) -> Html {
    html! {
        <>
            if let Some(hint) = hint {
                <span class="field-hint" id={format!("{id}-hint")}>{ hint.clone() }</span>
            }
            if let Some(error) = error {
                <span class="field-error" id={format!("{id}-error")}>{ error.clone() }</span>
            }
        </>
    }
}

/// Props of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Across the whole form (for long labels and choices).
    #[prop_or_default]
    pub wide: bool,
    /// The element id (unique on the page).
    pub id: AttrValue,
    /// The model's name for the field.
    pub field: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// What is typed.
    pub value: AttrValue,
    /// What a blank field means.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// A note under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// What is wrong with it.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A number (a numeric keyboard on phones).
    #[prop_or_default]
    pub numeric: bool,
    /// Several lines.
    #[prop_or_default]
    pub multiline: bool,
    /// The id of a `<datalist>` of suggestions.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    /// Called with the new text.
    pub oninput: Callback<String>,
}

/// A labelled text field.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = props.id.to_string();
    let oninput = props.oninput.reform(|e: InputEvent| value_of(&e));
    let invalid = props.error.is_some().to_string();
    let describedby = described_by(&id, props.hint.is_some(), props.error.is_some());
    let control = if props.multiline {
        html! {
            <textarea id={id.clone()} data-field={props.field.clone()} rows="2"
                value={props.value.clone()} placeholder={props.placeholder.clone()}
                aria-invalid={invalid} aria-describedby={describedby} {oninput} />
        }
    } else {
        html! {
            <input id={id.clone()} type="text" data-field={props.field.clone()}
                value={props.value.clone()} placeholder={props.placeholder.clone()}
                inputmode={props.numeric.then_some("numeric")} list={props.list.clone()}
                autocomplete="off" aria-invalid={invalid} aria-describedby={describedby}
                {oninput} />
        }
    };
    html! {
        <div class={classes!("field", props.wide.then_some("wide"), props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            { control }
            { notes(&id, &props.hint, &props.error) }
        </div>
    }
}

/// Props of [`Picker`].
#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// Across the whole form (for long labels and choices).
    #[prop_or_default]
    pub wide: bool,
    /// The element id (unique on the page).
    pub id: AttrValue,
    /// The model's name for the field.
    pub field: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The choices: (value, label).
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The chosen value.
    pub selected: AttrValue,
    /// A note under the picker.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// What is wrong with it.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Called with the chosen value.
    pub onchange: Callback<String>,
}

/// A labelled picker (`<select>`).
#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let id = props.id.to_string();
    let onchange = props.onchange.reform(|e: Event| value_of(&e));
    let describedby = described_by(&id, props.hint.is_some(), props.error.is_some());
    html! {
        <div class={classes!("field", props.wide.then_some("wide"), props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <select id={id.clone()} data-field={props.field.clone()} {onchange}
                aria-invalid={props.error.is_some().to_string()} aria-describedby={describedby}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>
                        { label.clone() }
                    </option>
                }) }
            </select>
            { notes(&id, &props.hint, &props.error) }
        </div>
    }
}

/// Props of [`Check`].
#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// The model's name for the field (or the choice's value, in a set of checkboxes).
    pub field: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// Whether it is ticked.
    pub checked: bool,
    /// Called with the new state.
    pub onchange: Callback<bool>,
}

/// A labelled checkbox.
#[component]
pub fn Check(props: &CheckProps) -> Html {
    let onchange = props.onchange.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.checked()
    });
    html! {
        <label class="check">
            <input type="checkbox" data-field={props.field.clone()} checked={props.checked}
                {onchange} />
            { props.label.clone() }
        </label>
    }
}

/// Said (and announced) after a refused submission: how many fields need a fix (`count`).
pub fn problems(count: usize) -> Html {
    let text = match count {
        0 => return html! {},
        1 => "One field needs a fix; nothing was done.".to_owned(),
        n => format!("{n} fields need a fix; nothing was done."),
    };
    html! { <p class="form-problems" role="alert">{ text }</p> }
}
