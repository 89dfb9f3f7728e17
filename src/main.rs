//! The browser entry point that trunk builds: mounts the app on the page.

fn main() {
    kplay::start();
}
