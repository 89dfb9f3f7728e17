//! The cluster: one card per broker, with its replicas and roles, the controller, the groups it
//! coordinates, whether it runs (and if not, whether the controller noticed), and the buttons
//! that stop, crash and start it; a button that adds a broker. A big cluster gets compact cards.

mod broker_actions;
mod broker_card;
mod brokers;
mod compact_broker;

pub use broker_actions::{BrokerActions, BrokerActionsProps};
pub use broker_card::{BrokerCard, BrokerCardProps};
pub use brokers::{Brokers, BrokersProps};
pub use compact_broker::{CompactBroker, CompactBrokerProps};
