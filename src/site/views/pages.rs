//! `page` and `section`, as `page.html`, `section.html` and `index.html` see them.

use super::{Entry, Views};
use crate::content::date::Date;
use crate::content::{PageId, SectionId};
use crate::render::views::{Link, PageView, SectionView};
use crate::site::paginate;

impl Views<'_> {
    /// `page` for page `i`.
    pub fn page_view(&self, i: PageId) -> PageView {
        let p = self.library.page(i);
        let r = self.rendered(i);
        let (prev, next) = self.prev_next(Entry::Page(i));
        let sec = self.library.section(p.section);
        PageView {
            title: self.titles.page(i).to_string(),
            description: p.meta.description.clone().unwrap_or_default(),
            summary: self.summary(i),
            content: r.html.clone(),
            toc: r.toc.clone(),
            show_toc: p.meta.toc,
            date: p.meta.date.map(|d| d.ymd()).unwrap_or_default(),
            date_iso: p.meta.date.map(|d| d.rfc3339()).unwrap_or_default(),
            updated: p.meta.updated.map(|d| d.ymd()).unwrap_or_default(),
            updated_iso: p.meta.updated.map(|d| d.rfc3339()).unwrap_or_default(),
            draft: p.meta.draft,
            slug: p.url.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string(),
            url: self.link(&p.url),
            permalink: self.permalink(&p.url),
            weight: p.meta.weight,
            aliases: p.meta.aliases.clone(),
            tags: p.meta.tags.clone(),
            categories: p.meta.categories.clone(),
            roles: p.meta.roles.clone(),
            taxonomies: self.term_links(&p.meta),
            authors: p.meta.authors.clone(),
            extra: p.meta.extra.clone(),
            source_path: p.rel.clone(),
            edit_url: self.config.edit_url.as_ref().map(|base| format!("{base}{}", p.rel)).unwrap_or_default(),
            word_count: r.word_count,
            reading_time: r.word_count.div_ceil(200).max(1),
            prev,
            next,
            section: Some(Link { title: self.titles.section(p.section).to_string(), url: self.link(&sec.url) }),
            ancestors: self.ancestors(p.section),
            checklists: self.page_checklists(i),
            step: self.step(i),
            audience: p.meta.audience.clone().unwrap_or_default(),
            audience_marker: self.audience_marker(&p.meta),
            owner: p.meta.owner.clone().unwrap_or_default(),
            review: self.review_view(i, &Date::today()),
        }
    }

    /// `paginate_by` of section `s` (its `_index.md` front matter), 0 for none.
    fn section_paginate_by(&self, s: SectionId) -> usize {
        self.library.section(s).own_page.and_then(|i| self.library.page(i).meta.paginate_by).unwrap_or(0)
    }

    /// How many list pages section `s` renders.
    pub fn section_page_count(&self, s: SectionId) -> usize {
        paginate::page_count(self.library.section(s).pages.len(), self.section_paginate_by(s))
    }

    /// `section` for list page `n` (1-based) of section `s`.
    pub fn section_view(&self, s: SectionId, n: usize) -> SectionView {
        let sec = self.library.section(s);
        let per = self.section_paginate_by(s);
        let total = self.section_page_count(s);
        let list_url = paginate::page_url(&sec.url, n);
        let own = sec.own_page.map(|i| (self.library.page(i), self.rendered(i)));
        let ancestors = match sec.parent {
            Some(p) if s != SectionId::ROOT => self.ancestors(p),
            _ => Vec::new(),
        };
        let steps = self.steps(s);
        let root = s == SectionId::ROOT;
        let (prev, next) = if n == 1 { self.prev_next(Entry::Section(s)) } else { (None, None) };
        SectionView {
            title: self.titles.section(s).to_string(),
            description: own
                .and_then(|(p, _)| p.meta.description.clone())
                .unwrap_or_else(|| if root { self.config.description.clone() } else { String::new() }),
            content: own.map(|(_, r)| r.html.clone()).unwrap_or_default(),
            url: self.link(&sec.url),
            permalink: self.permalink(&list_url),
            pages: paginate::chunk(&sec.pages, per, n).iter().map(|&i| self.page_ref(i, &list_url)).collect(),
            pager: self.pager(&sec.url, n, total),
            subsections: sec.subsections.iter().map(|&c| self.section_ref(c)).collect(),
            ancestors,
            extra: own.map(|(p, _)| p.meta.extra.clone()).unwrap_or_default(),
            draft: own.is_some_and(|(p, _)| p.meta.draft),
            playbook: self.library.is_playbook(s),
            progress_total: steps.iter().flat_map(|st| &st.checklists).map(|c| c.total).sum(),
            progress_checked: steps.iter().flat_map(|st| &st.checklists).map(|c| c.checked).sum(),
            steps,
            checklists: sec.own_page.map(|i| self.page_checklists(i)).unwrap_or_default(),
            feed_url: self.feed_url(s),
            audience_marker: own.map(|(p, _)| self.audience_marker(&p.meta)).unwrap_or_default(),
            prev,
            next,
        }
    }
}
