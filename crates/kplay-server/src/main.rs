//! `kplay`: the command-line entry point. Parses flags, sets up logging, and runs the server
//! until Ctrl-C.

use clap::Parser;
use kplay_server::cli::{Cli, Command};
use kplay_server::server::Server;
use kplay_server::ui::Ui;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let Command::Serve(args) = cli.command;
    let stderr = std::io::stderr();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&args.log_level)?)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&stderr))
        .init();
    if args.advertised_host == "localhost" {
        tracing::warn!(
            "--advertised-host localhost may resolve to ::1, where kplay does not listen; prefer 127.0.0.1"
        );
    }
    // Listened for before any port is bound: a client can reach a broker as soon as it listens,
    // and a Ctrl-C from then on must stop the brokers cleanly, not kill the process.
    let interrupted = ctrl_c()?;
    let config = args.server_config();
    if args.ui && !args.ui_dir.join("index.html").is_file() {
        // Said before any port is bound, in plain words rather than as a debug dump.
        eprintln!("kplay serve --ui: {}", kplay_server::ui::UiError::NotBuilt(args.ui_dir));
        std::process::exit(2);
    }
    let server = Server::bind(config.clone()).await?;
    for (broker, port) in &server.advertised().ports {
        tracing::info!("broker {broker} listening on {}:{port}", server.advertised().host);
    }
    tracing::info!(
        "kplay serve: {} broker(s), num.partitions={}, default.replication.factor={}, auto.create.topics.enable={}",
        config.brokers,
        config.engine.num_partitions,
        config.engine.default_replication_factor,
        config.engine.auto_create_topics_enable,
    );
    if args.ui {
        let ui = match Ui::bind(args.ui_listen, &args.ui_dir, server.engine()).await {
            Ok(ui) => ui,
            Err(e) => {
                eprintln!("kplay serve --ui: {e}");
                std::process::exit(2);
            }
        };
        tracing::info!("live view: open {}", ui.live_url()?);
        tokio::spawn(ui.run(std::future::pending()));
    }
    server
        .run(async {
            interrupted.await;
            tracing::info!("shutting down");
        })
        .await;
    Ok(())
}

/// Resolves on Ctrl-C (SIGINT). On Unix the handler is installed here, at once, rather than when
/// the future is first polled.
#[cfg(unix)]
fn ctrl_c() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        interrupt.recv().await;
    })
}

/// Resolves on Ctrl-C.
#[cfg(not(unix))]
fn ctrl_c() -> std::io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
