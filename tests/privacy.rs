//! loopboard never talks to the network: no telemetry, no update checks, no
//! remote anything. These guards fail the build's tests if networking code or
//! an HTTP/TLS client sneaks in, so the promise in the README stays true
//! (and the test suite itself needs no network either).

use std::path::Path;

/// Names of crates whose only purpose is talking to the network.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "attohttpc",
    "surf",
    "tokio",
    "h2",
    "rustls",
    "native-tls",
    "openssl",
    "tungstenite",
    "sentry",
    "opentelemetry",
];

/// What networking looks like in Rust source.
const NETWORK_CODE: &[&str] = &["std::net", "TcpStream", "TcpListener", "UdpSocket", "ToSocketAddrs"];

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn the_source_has_no_networking_code() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 10, "found the sources");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for needle in NETWORK_CODE {
            assert!(!text.contains(needle), "{} uses {needle}", file.display());
        }
    }
}

#[test]
fn no_dependency_is_a_network_client() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).expect("Cargo.lock");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"'))
        .collect();
    assert!(names.contains(&"rusqlite"), "parsed Cargo.lock");
    for name in NETWORK_CRATES {
        assert!(
            !names.contains(name),
            "{name} is in Cargo.lock: loopboard must not talk to the network"
        );
    }
}
