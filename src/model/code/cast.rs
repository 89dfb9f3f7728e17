//! Who is who in a listing: each client of the scenario, its role and spec, and the name its
//! object has in the code (made from its `client.id`, so `orders-app` is `orders_app`, and
//! unique, so two clients never share a variable).

use kplay_sim::action::{ConsumerSpec, ProducerSpec};

use super::text::py_name;

use kplay_core::vec_map::{VecMap, VecSet};

/// A client's role and configuration.
#[derive(Clone, Debug)]
pub(crate) enum Role {
    /// A producer.
    Producer(ProducerSpec),
    /// A consumer.
    Consumer(ConsumerSpec),
}

/// Names the generated code uses for its own things, which no client may take.
const RESERVED: [&str; 19] = [
    "admin",
    "reset",
    "partitions",
    "offsets",
    "found",
    "ends",
    "tp",
    "i",
    "key",
    "value",
    "record",
    "records",
    "batches",
    "msg",
    "msgs",
    "delivery_report",
    "metadata",
    "futures",
    "resource",
];

/// The clients met so far, by client number.
#[derive(Debug, Default)]
pub(crate) struct Cast {
    clients: VecMap<u32, (String, Role)>,
    used: VecSet<String>,
}

impl Cast {
    /// Adds client `id` and returns its variable name.
    pub(crate) fn add(&mut self, id: u32, role: Role) -> String {
        let (client_id, fallback) = match &role {
            Role::Producer(spec) => (&spec.client_id, format!("producer_{id}")),
            Role::Consumer(spec) => (&spec.client_id, format!("consumer_{id}")),
        };
        let name = py_name(client_id)
            .filter(|n| !RESERVED.contains(&n.as_str()) && !self.used.contains(n))
            .unwrap_or(fallback);
        let name = if self.used.contains(&name) { format!("{name}_{id}") } else { name };
        self.used.insert(name.clone());
        self.clients.insert(id, (name.clone(), role));
        name
    }

    /// The variable of client `id` (`client_<id>` if it was never added).
    pub(crate) fn var(&self, id: u32) -> String {
        self.clients.get(&id).map_or_else(|| format!("client_{id}"), |(n, _)| n.clone())
    }

    /// The role of client `id`, if it was added.
    pub(crate) fn role(&self, id: u32) -> Option<&Role> {
        self.clients.get(&id).map(|(_, r)| r)
    }
}
