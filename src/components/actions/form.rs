//! The state every form of the panel keeps: what was typed (one of the model's form structs,
//! `model::forms`) and the messages of the last submission, behind a reducer so that edits made
//! in quick succession all land on the latest state.
//!
//! Submitting asks the model for the actions; if it says what is wrong, the messages go next to
//! the fields and nothing is sent; if not, the actions go to the app's reducer, whose notice line
//! says what the engine made of them. What was typed is kept either way.

use std::rc::Rc;

use kplay_sim::Action;
use yew::prelude::*;

use super::super::Dispatch;
use crate::model::forms::Errors;
use crate::state::Msg;

/// A form's typed text and its messages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormState<T> {
    /// What was typed.
    pub form: T,
    /// What was wrong at the last submission.
    pub errors: Errors,
}

/// A change to a form's state.
pub type Edit<T> = Rc<dyn Fn(&mut FormState<T>)>;

impl<T: Clone + 'static> Reducible for FormState<T> {
    type Action = Edit<T>;

    fn reduce(self: Rc<Self>, edit: Edit<T>) -> Rc<Self> {
        let mut next = (*self).clone();
        edit(&mut next);
        Rc::new(next)
    }
}

/// A form's state handle.
pub type FormHandle<T> = UseReducerHandle<FormState<T>>;

/// A form's state, starting from `T::default()`.
#[hook]
pub fn use_form<T: Clone + Default + 'static>() -> FormHandle<T> {
    use_reducer(FormState::<T>::default)
}

/// A callback that stores a field's new text with `set`.
pub fn setter<T: Clone + 'static, V: Clone + 'static>(
    handle: &FormHandle<T>,
    set: fn(&mut T, V),
) -> Callback<V> {
    let handle = handle.clone();
    Callback::from(move |value: V| {
        handle.dispatch(Rc::new(move |s: &mut FormState<T>| set(&mut s.form, value.clone())));
    })
}

/// Checks the form with `build` and, if it is right, sends what it built; else shows why.
pub fn submit<T: Clone + 'static>(
    handle: &FormHandle<T>,
    dispatch: &Dispatch,
    build: impl Fn(&T) -> Result<Vec<Action>, Errors>,
) {
    let errors = match build(&handle.form) {
        Ok(mut actions) => {
            match actions.len() {
                0 => {}
                1 => dispatch.send(Msg::Apply(actions.remove(0))),
                _ => dispatch.send(Msg::ApplyAll(actions)),
            }
            Errors::default()
        }
        Err(errors) => errors,
    };
    handle.dispatch(Rc::new(move |s: &mut FormState<T>| s.errors = errors.clone()));
}

/// A click handler that submits the form with `build` (one action).
pub fn on_click<T: Clone + 'static>(
    handle: &FormHandle<T>,
    dispatch: &Dispatch,
    build: impl Fn(&T) -> Result<Action, Errors> + 'static,
) -> Callback<MouseEvent> {
    let (handle, dispatch) = (handle.clone(), dispatch.clone());
    Callback::from(move |_: MouseEvent| submit(&handle, &dispatch, |f| build(f).map(|a| vec![a])))
}

/// A submit handler (the form's Enter key and its main button) that submits with `build`.
pub fn on_submit<T: Clone + 'static>(
    handle: &FormHandle<T>,
    dispatch: &Dispatch,
    build: impl Fn(&T) -> Result<Vec<Action>, Errors> + 'static,
) -> Callback<SubmitEvent> {
    let (handle, dispatch) = (handle.clone(), dispatch.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        submit(&handle, &dispatch, &build);
    })
}

/// The message of one field, as a prop.
pub fn error(errors: &Errors, field: &str) -> Option<AttrValue> {
    errors.get(field).map(|m| AttrValue::from(m.to_owned()))
}
