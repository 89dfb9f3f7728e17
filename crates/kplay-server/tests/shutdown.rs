//! Stopping the server: when `run`'s shutdown future completes, the listeners close and so does
//! every open connection.

mod support;

use kafka_protocol::messages::*;
use kplay_server::server::{Server, ServerConfig};
use support::{Conn, addr};

#[tokio::test]
async fn shutdown_closes_listeners_and_connections() {
    let mut config = ServerConfig::new("127.0.0.1:0".parse().unwrap());
    config.brokers = 2;
    let server = Server::bind(config).await.expect("bind");
    let advertised = server.advertised().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let mut open = Conn::connect(addr(&advertised, 2)).await;
    let _: ApiVersionsResponse =
        open.call(ApiKey::ApiVersions, 3, &ApiVersionsRequest::default()).await;

    stop.send(()).expect("the server is running");
    running.await.expect("run returns");
    assert!(open.is_closed_by_server().await, "open connections are closed");
    for broker in [1, 2] {
        let refused = tokio::net::TcpStream::connect(addr(&advertised, broker)).await;
        assert!(refused.is_err(), "broker {broker} no longer listens");
    }
}
