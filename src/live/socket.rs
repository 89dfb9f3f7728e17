//! The live page's connection: a WebSocket to `kplay serve`'s `/live`, tried again after it is
//! lost (1 s, then doubling up to 10 s), or messages handed in directly (tests, embedding).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{MessageEvent, WebSocket};
use yew::prelude::*;

use super::state::LiveMsg;

/// Where the live page's images come from.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveSource {
    /// A WebSocket at this URL (`ws://host/live`).
    Server(AttrValue),
    /// These messages, delivered in order as if over a connection that then stays open.
    Messages(Rc<Vec<Vec<u8>>>),
}

impl LiveSource {
    /// The WebSocket of the server that served the page.
    pub fn same_host() -> LiveSource {
        let location = web_sys::window().map(|w| w.location());
        let host = location.as_ref().and_then(|l| l.host().ok()).unwrap_or_default();
        let secure = location.and_then(|l| l.protocol().ok()).is_some_and(|p| p == "https:");
        let scheme = if secure { "wss" } else { "ws" };
        LiveSource::Server(format!("{scheme}://{host}/live").into())
    }
}

/// Feeds `send` from `source` while the component lives.
#[hook]
pub fn use_live_source(source: LiveSource, send: Callback<LiveMsg>) {
    use_effect_with(source, move |source| {
        let link = match source {
            LiveSource::Messages(messages) => {
                send.emit(LiveMsg::Opened);
                for m in messages.iter() {
                    send.emit(LiveMsg::Received(m.clone()));
                }
                None
            }
            LiveSource::Server(url) => {
                let link = Rc::new(Link::new(url.to_string(), send));
                link.connect();
                Some(link)
            }
        };
        move || {
            if let Some(link) = link {
                link.stop();
            }
        }
    });
}

type Handler = Closure<dyn FnMut(web_sys::Event)>;

/// One WebSocket at a time, replaced after it closes.
struct Link {
    url: String,
    send: Callback<LiveMsg>,
    socket: RefCell<Option<(WebSocket, [Handler; 3])>>,
    retry: RefCell<Option<Timeout>>,
    failures: Cell<u32>,
    stopped: Cell<bool>,
}

impl Link {
    fn new(url: String, send: Callback<LiveMsg>) -> Self {
        Link {
            url,
            send,
            socket: RefCell::new(None),
            retry: RefCell::new(None),
            failures: Cell::new(0),
            stopped: Cell::new(false),
        }
    }

    fn connect(self: &Rc<Self>) {
        self.detach();
        if self.stopped.get() {
            return;
        }
        let Ok(socket) = WebSocket::new(&self.url) else {
            self.lost();
            return;
        };
        socket.set_binary_type(web_sys::BinaryType::Arraybuffer);
        let weak = Rc::downgrade(self);
        let on = |f: fn(&Rc<Link>, web_sys::Event)| {
            let weak: Weak<Link> = weak.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e| {
                if let Some(link) = weak.upgrade() {
                    f(&link, e);
                }
            })
        };
        let open = on(|link, _| {
            link.failures.set(0);
            link.send.emit(LiveMsg::Opened);
        });
        let message = on(|link, e| {
            let data = e.dyn_ref::<MessageEvent>().map(MessageEvent::data);
            let buffer = data.and_then(|d| d.dyn_into::<js_sys::ArrayBuffer>().ok());
            let bytes = buffer.map(|b| js_sys::Uint8Array::new(&b).to_vec());
            link.send.emit(LiveMsg::Received(bytes.unwrap_or_default()));
        });
        let close = on(|link, _| link.lost());
        socket.set_onopen(Some(open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(close.as_ref().unchecked_ref()));
        *self.socket.borrow_mut() = Some((socket, [open, message, close]));
    }

    /// Reports the loss and schedules the next attempt.
    fn lost(self: &Rc<Self>) {
        if self.stopped.get() {
            return;
        }
        let failures = self.failures.get();
        self.failures.set(failures + 1);
        let delay_ms = 1_000u32.saturating_mul(1 << failures.min(4)).min(10_000);
        self.send.emit(LiveMsg::Lost(delay_ms));
        let weak = Rc::downgrade(self);
        let retry = Timeout::new(delay_ms, move || {
            if let Some(link) = weak.upgrade() {
                link.connect();
            }
        });
        *self.retry.borrow_mut() = Some(retry);
    }

    /// Unhooks and closes the current socket, if any.
    fn detach(&self) {
        if let Some((socket, _handlers)) = self.socket.borrow_mut().take() {
            socket.set_onopen(None);
            socket.set_onmessage(None);
            socket.set_onclose(None);
            let _ = socket.close();
        }
    }

    fn stop(&self) {
        self.stopped.set(true);
        self.retry.borrow_mut().take();
        self.detach();
    }
}
