//! Broker and network actions are not client code: on a real cluster an operator does them on
//! a machine, with Kafka's scripts or the operating system's tools. Every listing says the
//! same thing for them, as comments, so a lesson that crashes a broker still reads as one
//! story in each tab.

use kplay_sim::Action;
use kplay_sim::network::{LinkSpec, Node};

/// What one would do on a real cluster for a broker or network action, as comment text (one
/// line per line, with the commands indented); `None` for client and admin actions.
pub(crate) fn operator_note(action: &Action) -> Option<String> {
    let text = match action {
        Action::AddBroker { id, rack } => {
            let rack = rack.as_ref().map(|r| format!("\n  broker.rack={r}")).unwrap_or_default();
            format!(
                "Add broker {id}: on a new host, set in config/server.properties\n  \
                 node.id={id}{rack}\nthen start it:\n  bin/kafka-server-start.sh -daemon \
                 config/server.properties\nExisting partitions stay where they are until \
                 bin/kafka-reassign-partitions.sh moves them."
            )
        }
        Action::StopBroker { id, crash: false } => format!(
            "Stop broker {id} cleanly (controlled shutdown: its leaderships move first). On \
             broker {id}'s host:\n  bin/kafka-server-stop.sh"
        ),
        Action::StopBroker { id, crash: true } => format!(
            "Crash broker {id} (no controlled shutdown). On broker {id}'s host:\n  \
             kill -9 \"$(pgrep -f kafka.Kafka)\""
        ),
        Action::StopLeader { topic, partition, crash } => {
            let how = if *crash {
                "kill -9 \"$(pgrep -f kafka.Kafka)\""
            } else {
                "bin/kafka-server-stop.sh"
            };
            format!(
                "{} the leader of {topic}-{partition}: find it in the Leader column of\n  \
                 bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic \
                 {topic}\nthen, on that broker's host:\n  {how}",
                if *crash { "Crash" } else { "Stop (cleanly)" }
            )
        }
        Action::StartBroker { id } => format!(
            "Start broker {id} again. On broker {id}'s host:\n  bin/kafka-server-start.sh \
             -daemon config/server.properties"
        ),
        Action::Isolate { nodes } => {
            let names: Vec<String> = nodes.iter().map(Node::to_string).collect();
            format!(
                "Cut {} off from the network. On each of those hosts, drop every packet \
                 to and from the others:\n  iptables -A INPUT -s <other host> -j DROP\n  \
                 iptables -A OUTPUT -d <other host> -j DROP",
                names.join(", ")
            )
        }
        Action::Heal => {
            "Heal the network: remove those rules on every host:\n  iptables -F".to_owned()
        }
        Action::CutLink { a, b } => format!(
            "Cut the link between {a} and {b}, both ways. On {a}'s host:\n  \
             iptables -A INPUT -s <{b}'s host> -j DROP\n  \
             iptables -A OUTPUT -d <{b}'s host> -j DROP"
        ),
        Action::RestoreLink { a, b } => format!(
            "Restore the link between {a} and {b}. On {a}'s host:\n  \
             iptables -D INPUT -s <{b}'s host> -j DROP\n  \
             iptables -D OUTPUT -d <{b}'s host> -j DROP"
        ),
        Action::SlowNode { node, extra_latency_ms: 0 } => {
            format!("Make {node} normal again. On its host:\n  tc qdisc del dev eth0 root netem")
        }
        Action::SlowNode { node, extra_latency_ms } => format!(
            "Slow {node} down by {extra_latency_ms} ms on all its traffic. On its host:\n  \
             tc qdisc replace dev eth0 root netem delay {extra_latency_ms}ms"
        ),
        Action::SetLink { a, b, link } => format!(
            "Make the link {a} <-> {b} behave as {}. On {a}'s host, for traffic to {b}:\n  \
             tc qdisc replace dev eth0 root netem {}",
            link_sentence(link),
            netem(link)
        ),
        _ => return None,
    };
    Some(text)
}

fn link_sentence(link: &LinkSpec) -> String {
    format!(
        "{} ms one way, up to {} ms jitter, {} packets lost per million",
        link.latency_ms, link.jitter_ms, link.loss_per_million
    )
}

/// netem's words for a link: `delay 20ms 5ms loss 0.1%`.
fn netem(link: &LinkSpec) -> String {
    let mut words = format!("delay {}ms", link.latency_ms);
    if link.jitter_ms > 0 {
        words.push_str(&format!(" {}ms", link.jitter_ms));
    }
    if link.loss_per_million > 0 {
        let percent = f64::from(link.loss_per_million) / 10_000.0;
        words.push_str(&format!(" loss {percent}%"));
    }
    words
}
