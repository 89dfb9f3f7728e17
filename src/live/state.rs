//! The live page's reducer: messages from the connection (opened, an image, lost) and the
//! visitor's choices of what to look at. Everything else the shared components send (actions,
//! play, step) has no meaning for a real cluster and is ignored.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Tab;
use crate::model::live::{Connection, LiveModel, LiveSnapshot, parse};
use crate::model::prefs::BrowseAt;
use crate::state::Msg;

/// What changes the live page.
#[derive(Clone, Debug)]
pub enum LiveMsg {
    /// The connection opened; the next image is its first.
    Opened,
    /// A message arrived (its bytes; empty for a message that was not binary).
    Received(Vec<u8>),
    /// The connection was lost; the next attempt starts in this many ms.
    Lost(u32),
    /// A message from a shared component.
    View(Msg),
}

/// The live page's state.
#[derive(Clone, Debug, Default)]
pub struct LiveState {
    model: LiveModel,
    /// The connection to `kplay serve`.
    pub connection: Connection,
    /// Why the last message could not be shown, if it could not.
    pub notice: Option<String>,
    first_of_connection: bool,
    topic: Option<String>,
    group: Option<String>,
    browse: Option<BrowseAt>,
    /// The inspector's tab.
    pub tab: Tab,
    /// What is highlighted, as touch keys.
    pub highlight: Rc<Vec<String>>,
    /// The page's snapshot, once an image arrived.
    pub snapshot: Option<Rc<LiveSnapshot>>,
}

impl LiveState {
    fn refresh(&mut self) {
        let browse = (self.tab == Tab::Messages).then_some(self.browse.as_ref());
        self.snapshot =
            self.model.snapshot(self.topic.as_deref(), self.group.as_deref(), browse).map(Rc::new);
    }
}

impl Reducible for LiveState {
    type Action = LiveMsg;

    fn reduce(self: Rc<Self>, action: LiveMsg) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            LiveMsg::Opened => {
                s.connection = Connection::Open;
                s.first_of_connection = true;
            }
            LiveMsg::Received(bytes) => match parse(&bytes) {
                Ok(image) => {
                    s.model.receive(image, s.first_of_connection);
                    s.first_of_connection = false;
                    s.notice = None;
                    s.refresh();
                }
                Err(e) => s.notice = Some(e),
            },
            LiveMsg::Lost(retry_in_ms) => s.connection = Connection::Lost { retry_in_ms },
            LiveMsg::View(Msg::ShowTopic(t)) => {
                s.topic = Some(t);
                s.refresh();
            }
            LiveMsg::View(Msg::ShowGroup(g)) => {
                s.group = Some(g);
                s.refresh();
            }
            LiveMsg::View(Msg::ShowTab(tab)) => {
                s.tab = tab;
                s.refresh();
            }
            LiveMsg::View(Msg::Browse(at)) => {
                s.browse = Some(at);
                s.refresh();
            }
            LiveMsg::View(Msg::Highlight(touches)) => {
                let keys = touches.unwrap_or_default().iter().map(|t| t.key()).collect();
                s.highlight = Rc::new(keys);
            }
            LiveMsg::View(_) => return self,
        }
        Rc::new(s)
    }
}
