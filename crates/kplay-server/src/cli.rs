//! The command line: `kplay serve` and its flags, named after the Kafka settings they set.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use kplay_core::EngineConfig;

use crate::frame::DEFAULT_SOCKET_REQUEST_MAX_BYTES;
use crate::server::ServerConfig;

/// kplay: a Kafka playground.
#[derive(Debug, Parser)]
#[command(name = "kplay", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// kplay's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a Kafka cluster that real clients (kafka-python, confluent-kafka, kcat) can use.
    Serve(ServeArgs),
}

/// `kplay serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where broker 1 listens; broker N listens on the next port up.
    #[arg(long, default_value = "127.0.0.1:9092")]
    pub listen: SocketAddr,
    /// The host clients are told to connect to (an IP: `localhost` may resolve to ::1).
    #[arg(long, default_value = "127.0.0.1")]
    pub advertised_host: String,
    /// How many brokers to run, each on its own port.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub brokers: u16,
    /// `num.partitions`: partitions of an auto-created topic or of CreateTopics with -1.
    #[arg(long, visible_alias = "partitions", default_value_t = 1)]
    pub num_partitions: i32,
    /// `default.replication.factor`.
    #[arg(long, visible_alias = "replication-factor", default_value_t = 1)]
    pub default_replication_factor: i16,
    /// `auto.create.topics.enable`: create unknown topics a client asks Metadata about.
    #[arg(
        long,
        visible_alias = "auto-create-topics",
        default_value_t = true,
        action = clap::ArgAction::Set
    )]
    pub auto_create_topics_enable: bool,
    /// `group.initial.rebalance.delay.ms`: how long a new group waits for more members.
    #[arg(long, default_value_t = 3000)]
    pub group_initial_rebalance_delay_ms: i64,
    /// `socket.request.max.bytes`: the largest request frame accepted.
    #[arg(long, default_value_t = DEFAULT_SOCKET_REQUEST_MAX_BYTES)]
    pub socket_request_max_bytes: usize,
    /// Log filter (tracing's syntax): error, warn, info, debug (every engine event), trace.
    #[arg(long, default_value = "info")]
    pub log_level: String,
    /// Also serve the web app, whose live view (`/?live`) shows what real clients do.
    #[arg(long)]
    pub ui: bool,
    /// Where the web app listens, with `--ui`.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub ui_listen: SocketAddr,
    /// The built web app to serve (`trunk build --release` writes it to `dist`), with `--ui`.
    #[arg(long, default_value = "dist")]
    pub ui_dir: PathBuf,
}

impl ServeArgs {
    /// The server configuration these flags describe.
    pub fn server_config(&self) -> ServerConfig {
        let mut engine = EngineConfig {
            num_partitions: self.num_partitions,
            default_replication_factor: self.default_replication_factor,
            auto_create_topics_enable: self.auto_create_topics_enable,
            seed: seed(),
            ..EngineConfig::default()
        };
        engine.group.initial_rebalance_delay_ms = self.group_initial_rebalance_delay_ms;
        ServerConfig {
            listen: self.listen,
            advertised_host: self.advertised_host.clone(),
            brokers: self.brokers,
            socket_request_max_bytes: self.socket_request_max_bytes,
            engine,
        }
    }
}

/// A different seed each run, so member ids do not repeat across restarts.
fn seed() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    nanos.map_or(0, |d| d.as_nanos() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> ServeArgs {
        let mut argv = vec!["kplay", "serve"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv).map(|c| c.command) {
            Ok(Command::Serve(args)) => args,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn defaults_are_kafkas() {
        let config = serve(&[]).server_config();
        assert_eq!(config.listen, "127.0.0.1:9092".parse().unwrap());
        assert_eq!(config.advertised_host, "127.0.0.1");
        assert_eq!(config.brokers, 1);
        assert_eq!(config.engine.num_partitions, 1);
        assert_eq!(config.engine.default_replication_factor, 1);
        assert!(config.engine.auto_create_topics_enable);
        assert_eq!(config.engine.group.initial_rebalance_delay_ms, 3000);
        assert_eq!(config.socket_request_max_bytes, 104_857_600);
        let args = serve(&[]);
        assert!(!args.ui);
        assert_eq!(args.ui_listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(args.ui_dir, PathBuf::from("dist"));
    }

    #[test]
    fn the_web_app_is_served_where_asked() {
        let args = serve(&["--ui", "--ui-listen", "0.0.0.0:9000", "--ui-dir", "site"]);
        assert!(args.ui);
        assert_eq!(args.ui_listen, "0.0.0.0:9000".parse().unwrap());
        assert_eq!(args.ui_dir, PathBuf::from("site"));
    }

    #[test]
    fn flags_and_their_short_aliases() {
        let config = serve(&[
            "--brokers",
            "3",
            "--partitions",
            "4",
            "--replication-factor",
            "3",
            "--auto-create-topics",
            "false",
            "--group-initial-rebalance-delay-ms",
            "0",
        ])
        .server_config();
        assert_eq!(config.brokers, 3);
        assert_eq!(config.engine.num_partitions, 4);
        assert_eq!(config.engine.default_replication_factor, 3);
        assert!(!config.engine.auto_create_topics_enable);
        assert_eq!(config.engine.group.initial_rebalance_delay_ms, 0);
    }
}
