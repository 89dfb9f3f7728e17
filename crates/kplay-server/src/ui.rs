//! `kplay serve --ui`: the web app and the live feed over HTTP.
//!
//! The web app is the trunk build (`trunk build --release` writes `dist/`), served as static
//! files; opened with `?live` it connects to the WebSocket at [`LIVE_PATH`], which sends the
//! engine's [`LiveImage`](kplay_live::LiveImage) on connect and then each image the driver
//! publishes (see [`live`](crate::live)), each as one binary message encoded with postcard (the
//! encoding the web page already carries, so the live view costs it no JSON parser). The page
//! only reads: nothing a browser sends reaches the engine.

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::services::ServeDir;

use crate::driver::EngineHandle;

/// Where the WebSocket of live images is.
pub const LIVE_PATH: &str = "/live";

/// Why the web app cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum UiError {
    /// The directory holds no built web app.
    #[error(
        "{} has no index.html: build the web app first with `trunk build --release` \
         (in kplay's repository root), or point --ui-dir at a built one",
        .0.display()
    )]
    NotBuilt(PathBuf),
    /// The address could not be bound.
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    /// The engine has stopped.
    #[error("the engine has stopped")]
    EngineStopped,
}

/// The web app's HTTP server, bound and ready to serve.
#[derive(Debug)]
pub struct Ui {
    listener: TcpListener,
    router: Router,
    /// Set when the server stops, which ends every open WebSocket.
    closing: watch::Sender<bool>,
}

/// What every request handler shares.
#[derive(Clone, Debug)]
struct Shared {
    engine: EngineHandle,
    closing: watch::Receiver<bool>,
}

impl Ui {
    /// Checks that `dir` holds a built web app, starts the engine's live feed, and binds
    /// `listen`.
    pub async fn bind(listen: SocketAddr, dir: &Path, engine: EngineHandle) -> Result<Ui, UiError> {
        if !dir.join("index.html").is_file() {
            return Err(UiError::NotBuilt(dir.to_path_buf()));
        }
        // Start the feed now, so the first page to connect sees what happened before it.
        engine.live().await.ok_or(UiError::EngineStopped)?;
        let listener = TcpListener::bind(listen).await.map_err(|e| UiError::Bind(listen, e))?;
        let (closing, closed) = watch::channel(false);
        let router = Router::new()
            .route(LIVE_PATH, get(upgrade))
            .fallback_service(ServeDir::new(dir))
            .with_state(Shared { engine, closing: closed });
        Ok(Ui { listener, router, closing })
    }

    /// Where it listens.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The address to open in a browser for the live view.
    pub fn live_url(&self) -> std::io::Result<String> {
        Ok(format!("http://{}/?live", self.local_addr()?))
    }

    /// Serves until `shutdown` completes; then stops accepting and closes every WebSocket.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        tokio::select! {
            served = axum::serve(self.listener, self.router) => {
                if let Err(e) = served {
                    tracing::warn!("the web app's server stopped: {e}");
                }
            }
            () = shutdown => {}
        }
        let _ = self.closing.send(true);
    }
}

async fn upgrade(socket: WebSocketUpgrade, State(shared): State<Shared>) -> Response {
    socket.on_upgrade(move |socket| stream(socket, shared))
}

/// Sends the image now, then every published image, until the browser goes away or the
/// server stops.
async fn stream(mut socket: WebSocket, shared: Shared) {
    let Shared { engine, mut closing } = shared;
    let Some((first, mut images)) = engine.live().await else { return };
    if send(&mut socket, &first).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            changed = images.changed() => {
                if changed.is_err() {
                    break;
                }
                let image = images.borrow_and_update().clone();
                if send(&mut socket, &image).await.is_err() {
                    break;
                }
            }
            _ = closing.changed() => break,
            received = socket.recv() => match received {
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                // The page sends nothing else that matters; pings are answered by axum.
                Some(Ok(_)) => {}
            },
        }
    }
}

async fn send(socket: &mut WebSocket, image: &kplay_live::LiveImage) -> Result<(), axum::Error> {
    let bytes = postcard::to_allocvec(image).map_err(axum::Error::new)?;
    socket.send(Message::Binary(bytes.into())).await
}
