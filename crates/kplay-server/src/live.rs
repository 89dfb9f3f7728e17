//! The live feed: images of the engine for `kplay serve --ui`, published as it changes.
//!
//! Only the driver may read the engine, so the driver keeps this feed and publishes into a
//! `watch` channel, which holds just the newest image: a slow browser skips images instead of
//! queueing them. An image is built only after the engine reported events (a consumer's idle
//! long polls change nothing and publish nothing), and at most once every
//! [`PUBLISH_INTERVAL`], so a busy producer costs one image per interval, not one per batch.
//! The feed starts the first time someone asks for it; until then the driver builds nothing.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use kplay_core::EventRecord;
use kplay_core::engine::Engine;
use kplay_live::{LiveEvent, LiveImage};
use tokio::sync::watch;
use tokio::time::Instant;

/// The least time between two published images.
pub const PUBLISH_INTERVAL: Duration = Duration::from_millis(200);

/// How many of the newest events a new subscriber's first image carries.
pub const RECENT_EVENTS: usize = 100;

/// Where a subscriber reads the images published after it subscribed.
pub type LiveImages = watch::Receiver<Arc<LiveImage>>;

/// The driver's side of the feed.
#[derive(Debug)]
pub(crate) struct LiveFeed {
    images: watch::Sender<Arc<LiveImage>>,
    /// The newest events, for a new subscriber's first image.
    recent: VecDeque<LiveEvent>,
    /// Events since the last published image.
    unsent: Vec<LiveEvent>,
    last_published: Option<Instant>,
}

impl LiveFeed {
    pub(crate) fn new() -> Self {
        let (images, _) = watch::channel(Arc::new(LiveImage::default()));
        LiveFeed { images, recent: VecDeque::new(), unsent: Vec::new(), last_published: None }
    }

    /// Notes what the engine just reported.
    pub(crate) fn record(&mut self, events: &[EventRecord]) {
        for event in events.iter().map(kplay_live::event) {
            if self.recent.len() == RECENT_EVENTS {
                self.recent.pop_front();
            }
            self.recent.push_back(event.clone());
            self.unsent.push(event);
        }
    }

    /// When the next image is due: never if nothing changed, else one interval after the last.
    pub(crate) fn due(&self) -> Option<Instant> {
        if self.unsent.is_empty() {
            return None;
        }
        Some(self.last_published.map_or_else(Instant::now, |at| at + PUBLISH_INTERVAL))
    }

    /// Publishes the engine's image with the events since the last one.
    pub(crate) fn publish(&mut self, engine: &Engine) {
        self.last_published = Some(Instant::now());
        let events = std::mem::take(&mut self.unsent);
        if self.images.receiver_count() > 0 {
            self.images.send_replace(Arc::new(kplay_live::image(engine, events)));
        }
    }

    /// A new subscriber: the image now, with the recent events, and the images to come. Events
    /// not yet published are left to the next image, so none is seen twice.
    pub(crate) fn subscribe(&self, engine: &Engine) -> (LiveImage, LiveImages) {
        let published = self.recent.len().saturating_sub(self.unsent.len());
        let events = self.recent.iter().take(published).cloned().collect();
        let now = kplay_live::image(engine, events);
        (now, self.images.subscribe())
    }
}
