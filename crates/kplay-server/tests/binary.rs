//! The `kplay` binary itself: `kplay serve` starts the brokers it is asked for, each on its own
//! port, answers a client, and exits cleanly on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

/// An ApiVersions v0 request: size, api key 18, version 0, correlation id 7, null client id.
const API_VERSIONS_V0: [u8; 14] = [0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 7, 0xff, 0xff];

#[test]
fn kplay_serve_listens_per_broker_answers_and_stops_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kplay"))
        .args(["serve", "--listen", "127.0.0.1:0", "--brokers", "2", "--log-level", "info"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kplay starts");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let mut ports = Vec::new();
    let mut seen = Vec::new();
    while ports.len() < 2 {
        let Some(line) = lines.next() else {
            let status = child.wait().map(|s| s.to_string()).unwrap_or_else(|e| e.to_string());
            panic!("kplay closed stderr before listening ({status}); it said: {seen:#?}");
        };
        let line = line.expect("utf-8");
        seen.push(line.clone());
        assert!(!line.contains('\u{1b}'), "no colour codes when not on a terminal: {line:?}");
        if let Some(at) = line.split("listening on 127.0.0.1:").nth(1) {
            ports.push(at.trim().parse::<u16>().expect("a port"));
        }
    }
    assert_ne!(ports[0], ports[1], "each broker has its own port");
    for port in &ports {
        let mut conn = TcpStream::connect(("127.0.0.1", *port)).expect("connect");
        conn.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        conn.write_all(&API_VERSIONS_V0).unwrap();
        let mut head = [0u8; 10];
        conn.read_exact(&mut head).expect("an answer");
        assert_eq!(&head[4..8], &7i32.to_be_bytes(), "the correlation id comes back");
        assert_eq!(&head[8..10], &[0, 0], "no error");
    }
    let interrupted = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    assert!(interrupted.is_ok_and(|s| s.success()), "SIGINT sent");
    let status = child.wait().expect("kplay exits");
    assert!(status.success(), "a clean exit on Ctrl-C, not {status}");
    assert!(lines.map_while(Result::ok).any(|l| l.contains("shutting down")));
}
