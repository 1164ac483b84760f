//! Every integration test in one test binary: one link of the library and its dependencies
//! instead of one per file, which kept a debug `target/` at many gigabytes (a CI machine ran out
//! of disk linking the 30th). Each module is one former `tests/<name>.rs`; the browser,
//! validator and serve modules are compiled only with their features (their own `#![cfg]`).

mod common;

mod aliases;
mod authoring;
mod browser_a11y;
mod browser_checklists;
mod browser_diagrams;
mod browser_navigation;
mod browser_search;
mod browser_serve;
mod browser_theme;
mod build;
mod cache;
mod checklists;
mod cli;
mod corpora;
mod diagrams;
mod docs;
mod drafts;
mod feeds;
mod governance;
mod layout;
mod navigation;
mod plain_text;
mod print;
mod reader_links;
mod reading_aids;
mod reliability;
mod robustness;
mod search;
mod serve;
mod serve_reliability;
mod shortcodes;
mod strings;
mod taxonomies;
mod theme;
mod validator;
