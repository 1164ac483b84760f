//! Which pages a build includes: the one place that decides it.
//!
//! A production build leaves drafts out; `--drafts` and `serve` keep them. The decision is made
//! here, once per file, after a section's standing has been passed down to everything in its
//! folder (a draft `_index.md` makes its whole folder a draft). The loader asks it, so the
//! library, and so every output built from the library (pages, lists, feeds, search, checklists,
//! print pages), holds only what the build includes; the left-out files are remembered apart,
//! for link warnings and for `check`'s proof that none of them reached the output.

/// What a file is, as far as choosing it goes, once its folder's standing is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// A draft (`draft: true`, `published: false`, or inside a draft folder).
    pub draft: bool,
}

/// Which pages a build includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// Keep drafts.
    pub drafts: bool,
}

impl Selection {
    /// A production build (`drafts` false) or a preview (`drafts` true).
    pub fn new(drafts: bool) -> Selection {
        Selection { drafts }
    }

    /// Why a file of this standing is left out, or `None` when the build keeps it.
    pub fn excludes(&self, standing: Standing) -> Option<&'static str> {
        (standing.draft && !self.drafts).then_some("a draft")
    }

    /// A short stable text that differs for every selection, for cache keys and messages.
    pub fn key(&self) -> String {
        if self.drafts { "drafts".to_string() } else { "production".to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let draft = Standing { draft: true };
        assert_eq!(Selection::new(false).excludes(draft), Some("a draft"));
        assert_eq!(Selection::new(true).excludes(draft), None);
        assert_eq!(Selection::new(false).excludes(Standing::default()), None);
        assert_ne!(Selection::new(false).key(), Selection::new(true).key());
    }
}
