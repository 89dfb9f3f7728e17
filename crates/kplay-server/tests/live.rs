//! `kplay serve --ui` over loopback: a record produced over the Kafka wire shows up in the live
//! images a WebSocket client receives, and the web app's files are served over HTTP.

mod support;

use std::path::PathBuf;

use futures_util::StreamExt;
use kafka_protocol::messages::*;
use kplay_live::LiveImage;
use kplay_server::server::{Server, ServerConfig};
use kplay_server::ui::{Ui, UiError};
use support::produce::{create_topic, produce_request, records};
use support::{Conn, DEADLINE};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;

const INDEX: &str = "<!doctype html><title>kplay</title><body>the web app</body>";

/// A directory holding a stand-in for the built web app.
fn site(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kplay-live-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    dir
}

async fn server() -> Server {
    let mut config = ServerConfig::new("127.0.0.1:0".parse().unwrap());
    config.engine.group.initial_rebalance_delay_ms = 0;
    Server::bind(config).await.expect("bind")
}

/// Reads images until one satisfies `wanted`, within the deadline.
async fn image_where<S>(socket: &mut S, wanted: impl Fn(&LiveImage) -> bool) -> LiveImage
where
    S: StreamExt<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let wait = async {
        loop {
            let message = socket.next().await.expect("the socket stays open").expect("a message");
            let Message::Binary(bytes) = message else { continue };
            let image: LiveImage = postcard::from_bytes(&bytes).expect("a live image");
            if wanted(&image) {
                return image;
            }
        }
    };
    tokio::time::timeout(DEADLINE, wait).await.expect("the image came before the deadline")
}

#[tokio::test]
async fn a_produced_record_reaches_the_live_view() {
    let server = server().await;
    let bootstrap = server.bootstrap();
    let ui = Ui::bind("127.0.0.1:0".parse().unwrap(), &site("ws"), server.engine()).await.unwrap();
    let url = format!("ws://{}/live", ui.local_addr().unwrap());
    tokio::spawn(server.run(std::future::pending()));
    tokio::spawn(ui.run(std::future::pending()));

    let (mut socket, _) = tokio_tungstenite::connect_async(&url).await.expect("connect");
    let first = image_where(&mut socket, |_| true).await;
    assert_eq!(first.brokers.len(), 1);
    assert!(first.brokers[0].running && first.brokers[0].controller);
    assert!(!first.topics.iter().any(|t| t.name == "payments"));

    let mut conn = Conn::connect(bootstrap).await;
    create_topic(&mut conn, "payments", 1).await;
    let response: ProduceResponse = conn
        .call(ApiKey::Produce, 9, &produce_request("payments", -1, records(&["paid 42"], None)))
        .await;
    assert_eq!(response.responses[0].partition_responses[0].error_code, 0);

    let has_record = |image: &LiveImage| {
        image.topics.iter().any(|t| {
            t.name == "payments" && t.partitions[0].records.iter().any(|r| r.value.is_some())
        })
    };
    let image = image_where(&mut socket, has_record).await;
    let p = &image.topics.iter().find(|t| t.name == "payments").unwrap().partitions[0];
    assert_eq!((p.leader, p.high_watermark, p.log_end_offset), (Some(1), 1, 1));
    let record = &p.records[0];
    assert_eq!(
        (record.offset, record.key.as_deref(), record.value.as_deref()),
        (0, Some("key-0"), Some("paid 42"))
    );

    // A page connecting later gets the whole picture at once, with what happened before.
    let (mut late, _) = tokio_tungstenite::connect_async(url).await.expect("connect");
    let image = image_where(&mut late, |_| true).await;
    assert!(has_record(&image));
    assert!(image.events.iter().any(|e| e.text.contains("payments")), "{:?}", image.events);
}

#[tokio::test]
async fn stopping_the_web_app_closes_its_websockets() {
    let server = server().await;
    let ui =
        Ui::bind("127.0.0.1:0".parse().unwrap(), &site("stop"), server.engine()).await.unwrap();
    let url = format!("ws://{}/live", ui.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(ui.run(async {
        let _ = stopped.await;
    }));
    let (mut socket, _) = tokio_tungstenite::connect_async(&url).await.expect("connect");
    image_where(&mut socket, |_| true).await;
    stop.send(()).unwrap();
    running.await.unwrap();
    let end = async {
        loop {
            match socket.next().await {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                Some(Ok(_)) => {}
            }
        }
    };
    tokio::time::timeout(DEADLINE, end).await.expect("the socket closes");
    assert!(tokio_tungstenite::connect_async(&url).await.is_err(), "nothing listens any more");
}

#[tokio::test]
async fn the_web_app_is_served_over_http() {
    let server = server().await;
    let ui =
        Ui::bind("127.0.0.1:0".parse().unwrap(), &site("http"), server.engine()).await.unwrap();
    let addr = ui.local_addr().unwrap();
    assert_eq!(ui.live_url().unwrap(), format!("http://{addr}/?live"));
    tokio::spawn(server.run(std::future::pending()));
    tokio::spawn(ui.run(std::future::pending()));
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\nHost: kplay\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(DEADLINE, stream.read_to_string(&mut answer)).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(INDEX), "{answer}");
}

#[tokio::test]
async fn a_directory_without_a_built_web_app_is_refused_with_how_to_build_it() {
    let server = server().await;
    let empty = std::env::temp_dir().join(format!("kplay-live-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let refused = Ui::bind("127.0.0.1:0".parse().unwrap(), &empty, server.engine()).await;
    let Err(e @ UiError::NotBuilt(_)) = refused else { panic!("{refused:?}") };
    assert!(e.to_string().contains("trunk build --release"), "{e}");
}
