//! Every checklist of the site in one list: what the `/checklists/` pages show and what
//! `checklists.json` exports (GUIDE §4). Built from the pages that are in this build, so a draft
//! contributes nothing unless drafts are on.

use serde::Serialize;

use super::{Checklist, Item};

/// A checklist with the page it lives on.
#[derive(Debug, Clone, Serialize)]
pub struct SiteChecklist {
    /// Stable id.
    pub id: String,
    /// Heading or lead-in text.
    pub title: String,
    /// Role id, or `None` for everyone.
    pub role: Option<String>,
    /// Title of its page.
    pub page: String,
    /// Root-relative URL of its page.
    pub page_url: String,
    /// Anchor on the page.
    pub anchor: String,
    /// Root-relative URL of its print page.
    pub print_url: String,
    /// Items in order.
    pub items: Vec<Item>,
}

impl SiteChecklist {
    /// `checklist` as found on the page titled `page` at `page_url`.
    pub fn new(checklist: &Checklist, page: &str, page_url: &str) -> SiteChecklist {
        SiteChecklist {
            id: checklist.id.clone(),
            title: checklist.title.clone(),
            role: checklist.role.clone(),
            page: page.to_string(),
            page_url: page_url.to_string(),
            anchor: checklist.anchor.clone(),
            print_url: super::print_url(&checklist.id),
            items: checklist.items.clone(),
        }
    }

    /// Root-relative URL of the checklist itself: its page and `#anchor`.
    pub fn url(&self) -> String {
        format!("{}#{}", self.page_url, self.anchor)
    }
}

/// `checklists.json`, in exactly the shape GUIDE §4 gives.
pub fn to_json(checklists: &[SiteChecklist]) -> String {
    #[derive(Serialize)]
    struct Export<'a> {
        checklists: Vec<ExportChecklist<'a>>,
    }
    #[derive(Serialize)]
    struct ExportChecklist<'a> {
        id: &'a str,
        title: &'a str,
        role: Option<&'a str>,
        page: &'a str,
        url: String,
        items: Vec<ExportItem<'a>>,
    }
    #[derive(Serialize)]
    struct ExportItem<'a> {
        id: &'a str,
        text: &'a str,
        checked: bool,
    }
    let export = Export {
        checklists: checklists
            .iter()
            .map(|c| ExportChecklist {
                id: &c.id,
                title: &c.title,
                role: c.role.as_deref(),
                page: &c.page,
                url: c.url(),
                items: c.items.iter().map(|i| ExportItem { id: &i.id, text: &i.text, checked: i.checked }).collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{\"checklists\":[]}".into());
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_has_exactly_the_documented_shape() {
        let c = Checklist {
            id: "mentors/first#before".into(),
            anchor: "before".into(),
            title: "Before".into(),
            role: None,
            items: vec![Item {
                id: "0a".into(),
                text: "Say *hi*".into(),
                html: "Say <em>hi</em>".into(),
                checked: true,
            }],
            line: 3,
        };
        let json = to_json(&[SiteChecklist::new(&c, "First", "mentors/first/")]);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"checklists": [{
                "id": "mentors/first#before", "title": "Before", "role": null, "page": "First",
                "url": "mentors/first/#before",
                "items": [{"id": "0a", "text": "Say *hi*", "checked": true}]
            }]})
        );
    }
}
