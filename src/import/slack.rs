//! A Slack workspace export, as a folder or as the .zip Slack hands out:
//! `users.json`, `channels.json` (`groups.json` for private channels), and
//! per channel one `YYYY-MM-DD.json` array of messages per day. Every top-level message is one item; its
//! thread's replies are appended to the body as context; user ids (`<@U01>`)
//! become names through users.json; joins, leaves, bots and other system
//! messages are skipped. A channel is read twice (replies first, then the
//! messages), so only one channel's replies are ever held in memory.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use super::aliases::Field;
use super::json_stream::{Element, Elements};
use super::slack_archive::Archive;
use super::slack_text::{to_plain, ts_to_time};
use super::values::{Fields, Rules, title_from_text};
use super::{Entry, ImportError};

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    text: String,
    ts: String,
    #[serde(default)]
    thread_ts: Option<String>,
}

impl Message {
    /// People's messages only: no joins, leaves, topics or bots.
    fn is_human(&self) -> bool {
        let kind_ok = matches!(
            self.subtype.as_deref(),
            None | Some("thread_broadcast" | "file_share" | "me_message")
        );
        kind_ok && self.bot_id.is_none() && !self.text.trim().is_empty()
    }

    fn is_reply(&self) -> bool {
        self.thread_ts.as_ref().is_some_and(|t| *t != self.ts)
    }
}

#[derive(Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    real_name: Option<String>,
}

#[derive(Deserialize)]
struct Channel {
    #[serde(default)]
    id: Option<String>,
    name: String,
}

type ElementResult = Result<Element, ImportError>;

struct Current {
    name: String,
    id: String,
    /// Thread ts -> replies as `Name: text`, in file order.
    replies: HashMap<String, Vec<String>>,
    files: VecDeque<String>,
    messages: VecDeque<ElementResult>,
    file: Arc<str>,
}

pub struct SlackRecords {
    archive: Archive,
    label: String,
    users: HashMap<String, String>,
    channels: VecDeque<Channel>,
    names: Vec<String>,
    current: Option<Current>,
    now: DateTime<Utc>,
    done: bool,
}

const RULES: Rules = Rules {
    title_from_body: true,
    ..Rules::new("slack")
};

impl SlackRecords {
    pub fn open(path: &std::path::Path, label: &str, now: DateTime<Utc>) -> Result<SlackRecords, ImportError> {
        let mut archive = Archive::open(path, label)?;
        let names = archive.names();
        let users: Vec<User> = read_json(&mut archive, "users.json", label)?.unwrap_or_default();
        let users = users
            .into_iter()
            .map(|u| {
                let shown = u
                    .real_name
                    .filter(|n| !n.trim().is_empty())
                    .or(u.name)
                    .unwrap_or_else(|| u.id.clone());
                (u.id, shown)
            })
            .collect();
        // Public channels, then private ones (exported as groups.json).
        let public: Option<Vec<Channel>> = read_json(&mut archive, "channels.json", label)?;
        let private: Option<Vec<Channel>> = read_json(&mut archive, "groups.json", label)?;
        let mut channels: Vec<Channel> = match (public, private) {
            (None, None) => folders(&names)
                .into_iter()
                .map(|name| Channel { id: None, name })
                .collect(),
            (a, b) => a.into_iter().chain(b).flatten().collect(),
        };
        if channels.is_empty() && !names.iter().any(|n| n == "users.json") {
            return Err(ImportError::Unusable {
                file: label.to_string(),
                reason: "not a Slack export: no users.json, channels.json or channel folders".to_string(),
            });
        }
        channels.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(SlackRecords {
            archive,
            label: label.to_string(),
            users,
            channels: channels.into(),
            names,
            current: None,
            now,
            done: false,
        })
    }

    fn day_files(&self, channel: &str) -> VecDeque<String> {
        let mut files: Vec<String> = self
            .names
            .iter()
            .filter(|n| {
                n.strip_prefix(channel)
                    .and_then(|r| r.strip_prefix('/'))
                    .is_some_and(|f| f.ends_with(".json"))
            })
            .cloned()
            .collect();
        files.sort();
        files.into()
    }

    /// Elements of one day file (its replies pass, or its messages pass).
    fn elements(&mut self, name: &str) -> Result<(Arc<str>, Vec<ElementResult>), ImportError> {
        let file: Arc<str> = Arc::from(format!("{}/{name}", self.label));
        let bytes = self.archive.read(name, &self.label)?.unwrap_or_default();
        let elements = Elements::new(&bytes[..], file.clone(), &[]).collect();
        Ok((file, elements))
    }

    /// Starts the next channel: collects its replies. `false` when none is left.
    fn next_channel(&mut self) -> Result<bool, ImportError> {
        let Some(channel) = self.channels.pop_front() else {
            return Ok(false);
        };
        let files = self.day_files(&channel.name);
        let mut replies: HashMap<String, Vec<String>> = HashMap::new();
        for name in &files {
            let (_, elements) = self.elements(name)?;
            for element in elements {
                let m: Message = element?.parse()?;
                if let (true, true, Some(thread)) = (m.is_reply(), m.is_human(), &m.thread_ts) {
                    let line = format!(
                        "{}: {}",
                        self.user_name(m.user.as_deref()),
                        to_plain(&m.text, &self.users)
                    );
                    replies.entry(thread.clone()).or_default().push(line);
                }
            }
        }
        self.current = Some(Current {
            id: channel.id.unwrap_or_else(|| channel.name.clone()),
            name: channel.name,
            replies,
            files,
            messages: VecDeque::new(),
            file: Arc::from(""),
        });
        Ok(true)
    }

    fn user_name(&self, id: Option<&str>) -> String {
        id.map(|i| self.users.get(i).cloned().unwrap_or_else(|| i.to_string()))
            .unwrap_or_else(|| "someone".to_string())
    }

    /// The next top-level message as a record, reading files as needed.
    fn advance(&mut self) -> Result<Option<Entry>, ImportError> {
        loop {
            let Some(cur) = self.current.as_mut() else {
                if !self.next_channel()? {
                    return Ok(None);
                }
                continue;
            };
            if let Some(element) = cur.messages.pop_front() {
                let element = element?;
                let m: Message = element.parse()?;
                if m.is_reply() || !m.is_human() {
                    continue;
                }
                return self.record(&m, element).map(Some);
            }
            match cur.files.pop_front() {
                Some(name) => {
                    let (file, elements) = self.elements(&name)?;
                    if let Some(cur) = self.current.as_mut() {
                        cur.file = file;
                        cur.messages = elements.into();
                    }
                }
                None => self.current = None,
            }
        }
    }

    fn record(&self, m: &Message, element: Element) -> Result<Entry, ImportError> {
        let Some(cur) = self.current.as_ref() else {
            return Err(ImportError::invalid(
                element.location,
                "",
                "a message outside any channel",
            ));
        };
        let text = to_plain(&m.text, &self.users);
        let mut body = text.clone();
        if let Some(replies) = cur.replies.get(&m.ts) {
            body.push_str("\n\nReplies:\n");
            body.push_str(&replies.join("\n"));
        }
        body.push_str(&format!(
            "\n\nPosted by {} in #{}.",
            self.user_name(m.user.as_deref()),
            cur.name
        ));
        let created = ts_to_time(&m.ts).ok_or_else(|| {
            ImportError::invalid(
                element.location.clone(),
                "ts",
                format!("{:?} is not a Slack timestamp", m.ts),
            )
        })?;
        let mut fields = Fields::default();
        fields.offer(Field::Title, "text", title_from_text(&text));
        fields.offer(Field::Body, "text", body);
        fields.offer(Field::Tags, "channel", cur.name.as_str());
        fields.offer(Field::ExternalId, "ts", format!("{}/{}", cur.id, m.ts));
        fields.offer(Field::CreatedAt, "ts", created.to_rfc3339());
        fields
            .into_record(element.location, &RULES, self.now)
            .map(|r| Entry::Feedback(Box::new(r)))
    }
}

impl Iterator for SlackRecords {
    type Item = Result<Entry, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.advance().transpose();
        self.done = !matches!(next, Some(Ok(_)));
        next
    }
}

/// A top-level JSON array file of the export, if present.
fn read_json<T: serde::de::DeserializeOwned>(
    archive: &mut Archive,
    name: &str,
    label: &str,
) -> Result<Option<Vec<T>>, ImportError> {
    let Some(bytes) = archive.read(name, label)? else {
        return Ok(None);
    };
    let file: Arc<str> = Arc::from(format!("{label}/{name}"));
    Elements::new(&bytes[..], file, &[])
        .map(|e| e.and_then(|e| e.parse()))
        .collect::<Result<Vec<T>, _>>()
        .map(Some)
}

/// Channel folders, for exports without channels.json.
fn folders(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = names
        .iter()
        .filter_map(|n| n.split_once('/').map(|(dir, _)| dir.to_string()))
        .collect();
    out.sort();
    out.dedup();
    out
}
