//! Which pages a build includes: the one place that decides it.
//!
//! A production build leaves drafts out; `--drafts` and `serve` keep them. A build for one
//! audience (`--audience public`) leaves out what is meant only for others; pages without an
//! audience are for everyone. The decision is made here, once per file, after a section's
//! standing has been passed down to everything in its folder (a draft `_index.md` makes its
//! whole folder a draft; a section's audience is its pages' audience unless they narrow it). The loader asks it, so the
//! library, and so every output built from the library (pages, lists, feeds, search, checklists,
//! print pages), holds only what the build includes; the left-out files are remembered apart,
//! for link warnings and for `check`'s proof that none of them reached the output.

/// Why a draft is left out (also how `check` and the summary count them).
pub const DRAFT: &str = "a draft";
/// Why a page for other audiences is left out.
pub const OTHER_AUDIENCE: &str = "a page for another audience";

/// What a file is, as far as choosing it goes, once its folder's standing is applied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Standing {
    /// A draft (`draft: true`, `published: false`, or inside a draft folder).
    pub draft: bool,
    /// The effective audience (its own, else its section's); `None` is everyone.
    pub audience: Option<Vec<String>>,
}

/// Which pages a build includes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Keep drafts.
    pub drafts: bool,
    /// The audience the build is for; `None` keeps every audience.
    pub audience: Option<String>,
}

impl Selection {
    /// A production build (`drafts` false) or a preview (`drafts` true), for every audience.
    pub fn new(drafts: bool) -> Selection {
        Selection { drafts, audience: None }
    }

    /// The same selection, for one audience only (`None`: every audience).
    pub fn for_audience(mut self, audience: Option<String>) -> Selection {
        self.audience = audience;
        self
    }

    /// Why a file of this standing is left out, or `None` when the build keeps it.
    pub fn excludes(&self, standing: &Standing) -> Option<&'static str> {
        if standing.draft && !self.drafts {
            return Some(DRAFT);
        }
        match (&self.audience, &standing.audience) {
            (Some(wanted), Some(audience)) if !audience.contains(wanted) => Some(OTHER_AUDIENCE),
            _ => None,
        }
    }

    /// A short stable text that differs for every selection, for cache keys and messages.
    pub fn key(&self) -> String {
        let drafts = if self.drafts { "drafts" } else { "production" };
        match &self.audience {
            Some(a) => format!("{drafts}, audience {a}"),
            None => drafts.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let draft = Standing { draft: true, audience: None };
        assert_eq!(Selection::new(false).excludes(&draft), Some(DRAFT));
        assert_eq!(Selection::new(true).excludes(&draft), None);
        assert_eq!(Selection::new(false).excludes(&Standing::default()), None);
        assert_ne!(Selection::new(false).key(), Selection::new(true).key());
    }

    #[test]
    fn an_audience_build_keeps_its_own_and_everyone_pages() {
        let internal = Standing { draft: false, audience: Some(vec!["internal".into()]) };
        let public = Selection::new(false).for_audience(Some("public".into()));
        assert_eq!(public.excludes(&internal), Some(OTHER_AUDIENCE));
        assert_eq!(public.excludes(&Standing::default()), None);
        let both = Standing { draft: false, audience: Some(vec!["internal".into(), "public".into()]) };
        assert_eq!(public.excludes(&both), None);
        assert_eq!(Selection::new(false).excludes(&internal), None, "a build of every audience keeps it");
        let internal_build = Selection::new(false).for_audience(Some("internal".into()));
        assert_eq!(internal_build.excludes(&internal), None);
        assert_ne!(public.key(), internal_build.key());
        assert_ne!(public.key(), Selection::new(false).key());
    }
}
