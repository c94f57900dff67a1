//! Editing an item in the user's own editor (`e`): the text an editor gets
//! (title on the first line, a blank line, the body) and how it is read back.
//! The event loop lends the terminal to the editor; the app only prepares the
//! request and applies the result.

use super::app::{App, Mode};
use crate::domain::ItemId;
use crate::store::StoreError;

/// An edit the event loop should run in `$VISUAL` / `$EDITOR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    pub id: ItemId,
    pub text: String,
}

/// The editor's text for an item.
pub fn to_text(title: &str, body: &str) -> String {
    if body.is_empty() {
        format!("{title}\n")
    } else {
        format!("{title}\n\n{body}\n")
    }
}

/// Title (first non-empty line) and body (the rest) from the editor's text.
pub fn from_text(text: &str) -> (String, String) {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let title = lines.next().unwrap_or("").to_string();
    let body = lines.skip_while(|l| l.trim().is_empty()).collect::<Vec<_>>().join("\n");
    (title, body)
}

impl App {
    /// Takes the pending editor request, if the user pressed `e`.
    pub fn take_edit_request(&mut self) -> Option<EditRequest> {
        self.edit_request.take()
    }

    pub(super) fn request_edit(&mut self) -> Result<(), StoreError> {
        if let Some(detail) = &self.detail {
            let text = to_text(&detail.item.title, &detail.item.body);
            self.edit_request = Some(EditRequest {
                id: detail.item.id,
                text,
            });
        }
        Ok(())
    }

    /// Applies what came back from the editor (or the reason it failed).
    pub fn finish_edit(&mut self, id: ItemId, result: std::io::Result<String>) {
        self.mode = Mode::Normal;
        let outcome = result
            .map_err(|e| StoreError::invalid("editor", format!("{e}; nothing changed (set $VISUAL or $EDITOR)")))
            .and_then(|text| {
                let (title, body) = from_text(&text);
                let changed = self.store.edit_text(id, &title, &body, self.clock.now())?;
                let item = self.store.get_item(id)?;
                self.upsert_doc(&item);
                Ok(changed)
            });
        match outcome.and_then(|changed| self.reload().map(|()| changed)) {
            Ok(true) => self.info(format!("{id} edited")),
            Ok(false) => self.info(format!("{id}: no changes")),
            Err(e) => self.fail(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_through_the_editor_format() {
        for (title, body) in [("Only a title", ""), ("Title", "Body line\n\nSecond paragraph")] {
            assert_eq!(from_text(&to_text(title, body)), (title.to_string(), body.to_string()));
        }
    }

    #[test]
    fn leading_blank_lines_are_skipped_and_a_missing_blank_separator_is_fine() {
        assert_eq!(from_text("\n\nTitle\nbody"), ("Title".to_string(), "body".to_string()));
        assert_eq!(from_text(""), (String::new(), String::new()));
    }
}
