//! Hooks: where the app's state and its effects live, so components stay plain functions of
//! their props.

use kplay_core::BrokerId;
use yew::prelude::*;

use crate::state::{Action, State};

/// The cluster's state and the callbacks that change it.
pub struct ClusterHandle {
    /// The current state.
    pub state: UseReducerHandle<State>,
    /// Produces the next record.
    pub on_produce: Callback<()>,
    /// Stops a broker cleanly.
    pub on_stop: Callback<BrokerId>,
    /// Starts a stopped broker.
    pub on_start: Callback<BrokerId>,
}

/// Starts the cluster once, on first render, and returns it with stable callbacks (they keep
/// their identity across renders, so components that take them re-render only when their data
/// changes).
#[hook]
pub fn use_cluster() -> ClusterHandle {
    let state = use_reducer(State::default);
    let dispatcher = state.dispatcher();
    let on_produce = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |(), ()| dispatcher.dispatch(Action::Produce))
    };
    let on_stop = {
        let dispatcher = dispatcher.clone();
        use_callback((), move |id, ()| dispatcher.dispatch(Action::StopBroker(id)))
    };
    let on_start = use_callback((), move |id, ()| dispatcher.dispatch(Action::StartBroker(id)));
    ClusterHandle { state, on_produce, on_stop, on_start }
}
