//! Generates N rows of realistic feedback for import benchmarks, as CSV
//! (loopboard's own columns) or JSONL, deterministically (same N, same
//! bytes), on standard output:
//!
//! ```sh
//! cargo run --release --example gen_feedback -- 100000 csv > /tmp/big.csv
//! cargo run --release --example gen_feedback -- 100000 jsonl > /tmp/big.jsonl
//! ```

use std::io::{BufWriter, Write};

const SUBJECTS: &[&str] = &[
    "Helm chart upgrade fails on EKS",
    "Invoice totals differ from usage export",
    "Snowflake connector drops rows with NULL timestamps",
    "Need SSO before production launch",
    "Stripe webhook retries create duplicate charges",
    "Postgres connector times out behind bastion host",
    "Terraform provider ignores region on first apply",
    "Dashboard takes 30 seconds to load",
    "Audit log export is missing user agents",
    "SCIM provisioning creates duplicate users",
];
const DETAILS: &[&str] = &[
    "It started after the last upgrade and happens on every run.",
    "We had to roll back by hand, which took the team most of the afternoon.",
    "Finance is blocking the renewal until this is explained.",
    "No error in the logs, the rows are silently skipped.",
    "A plain client through the same network path works fine.",
    "Our security review requires this before the pilot can go to production.",
    "The customer was charged twice and asked for a refund.",
    "A second attempt usually works, so there is a painful workaround.",
];
const SEGMENTS: &[&str] = &["enterprise", "mid-market", "startup", "smb"];
const CATEGORIES: &[&str] = &[
    "billing",
    "deployment",
    "connectivity",
    "launch",
    "performance",
    "security",
];
const TAGS: &[&str] = &[
    "invoice",
    "usage",
    "helm",
    "sso",
    "okta",
    "sync",
    "webhook",
    "terraform",
    "latency",
];
const SEVERITIES: &[&str] = &["", "", "", "S1", "S2", "S3", "S4"];

/// A tiny deterministic generator (xorshift64*): no dependency, same data every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

struct Row {
    title: String,
    body: String,
    customer: String,
    segment: &'static str,
    category: &'static str,
    tags: Vec<&'static str>,
    severity: &'static str,
    external_id: String,
    created_at: String,
}

fn row(rng: &mut Rng, i: u64) -> Row {
    let n_details = 2 + rng.next() % 3;
    let body: Vec<&str> = (0..n_details).map(|_| rng.pick(DETAILS)).collect();
    let customer = format!("Customer {:04}", rng.next() % 2_000);
    let n_tags = 1 + rng.next() % 3;
    let secs = 1_780_000_000 + (i * 37) % 10_000_000;
    Row {
        title: format!("{} (case {i})", rng.pick(SUBJECTS)),
        body: body.join(" "),
        customer,
        segment: rng.pick(SEGMENTS),
        category: rng.pick(CATEGORIES),
        tags: (0..n_tags).map(|_| rng.pick(TAGS)).collect(),
        severity: rng.pick(SEVERITIES),
        external_id: format!("fb-{i}"),
        created_at: chrono::DateTime::from_timestamp(secs as i64, 0)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default(),
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let format = args.get(2).map(String::as_str).unwrap_or("csv");
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    if format == "csv" {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record([
            "title",
            "body",
            "customer",
            "segment",
            "category",
            "tags",
            "severity",
            "source",
            "external_id",
            "created_at",
        ])?;
        for i in 0..n {
            let r = row(&mut rng, i);
            let tags = r.tags.join(";");
            w.write_record([
                &r.title,
                &r.body,
                &r.customer,
                r.segment,
                r.category,
                &tags,
                r.severity,
                "bench",
                &r.external_id,
                &r.created_at,
            ])?;
        }
        w.flush()?;
    } else {
        for i in 0..n {
            let r = row(&mut rng, i);
            let value = serde_json::json!({
                "title": r.title, "body": r.body, "customer": r.customer, "segment": r.segment,
                "category": r.category, "tags": r.tags, "source": "bench", "external_id": r.external_id,
                "created_at": r.created_at, "severity": if r.severity.is_empty() { None } else { Some(r.severity) },
            });
            serde_json::to_writer(&mut out, &value)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}
