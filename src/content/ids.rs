//! Typed ids for the pages and sections of a [`super::Library`], so that a page index is never
//! taken for a section index (or for "the page holding this section's text").

/// A page of the library (section texts included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct PageId(pub usize);

/// A section of the library; [`SectionId::ROOT`] is the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionId(pub usize);

impl SectionId {
    /// The top section (the home page).
    pub const ROOT: SectionId = SectionId(0);
}
