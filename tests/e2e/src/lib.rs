//! kplay's end-to-end test lives in `tests/site.rs`: it serves the trunk-built `dist/` on a free
//! localhost port, drives Debian's Chromium through chromedriver, and clicks through the page as
//! a visitor would. This library is empty; the package exists so that the test's native
//! dependencies (a WebDriver client, tokio) stay out of the web app's.
