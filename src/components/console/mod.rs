//! The terminal panel: Kafka's console tools typed against the simulated cluster. The model
//! (parsing, the tools, their output) is [`crate::model::console`]; this draws its scrollback
//! and sends what is typed to the reducer as [`Msg::Console`](crate::state::Msg::Console).

mod terminal;

pub use terminal::{Terminal, TerminalProps};
