//! Every page's and section's settled title, worked out once all markdown has rendered
//! (lists, breadcrumbs and previous/next links all show other pages' titles). The rules
//! themselves are [`crate::content::title`]'s.

use crate::config::Config;
use crate::content::{Library, PageId, SectionId, title};
use crate::markdown::Rendered;
use crate::words::humanize;

/// Settled titles of every page and section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Titles {
    pages: Vec<String>,
    sections: Vec<String>,
}

impl Titles {
    /// The titles of `library`, whose pages rendered to `rendered`. A section's title is its own
    /// text's, else the site title for the top, else its folder name made readable.
    pub fn new(config: &Config, library: &Library, rendered: &[Rendered]) -> Titles {
        let pages: Vec<String> = library
            .pages
            .iter()
            .zip(rendered)
            .map(|(p, r)| title::settle(p.title.as_deref(), r.title.as_deref(), &p.stem))
            .collect();
        let sections = library
            .sections
            .iter()
            .map(|s| match s.own_page {
                Some(i) => pages[i.0].clone(),
                None if s.dir.is_empty() => config.title.clone(),
                None => humanize(&s.name),
            })
            .collect();
        Titles { pages, sections }
    }

    /// Page `id`'s title.
    pub fn page(&self, id: PageId) -> &str {
        &self.pages[id.0]
    }

    /// Section `id`'s title.
    pub fn section(&self, id: SectionId) -> &str {
        &self.sections[id.0]
    }
}
