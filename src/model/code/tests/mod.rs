//! Tests of the listings: each action's rendering in each client, and whole scenarios checked
//! by the real parsers (Python's `ast`, `bash -n`).

mod command_line;
mod confluent;
mod kafka_python;
mod scenario;
mod valid;
