//! The cluster: one card per broker, with its replicas and roles, the controller, the groups it
//! coordinates, and the buttons that stop, crash and start it.

mod broker_card;
mod brokers;

pub use broker_card::{BrokerCard, BrokerCardProps};
pub use brokers::{Brokers, BrokersProps};
