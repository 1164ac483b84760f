//! mentorbook turns a folder of markdown with YAML front matter into a static mentoring handbook.
//!
//! The library does all the work so that it can be tested without a process boundary; the binary
//! (`main.rs` and its thin `commands/`) only parses arguments, calls the library and prints
//! through [`report`]. The pipeline runs one way: [`config`] → [`content`] (load every file,
//! collect every error) → [`markdown`] (render in parallel) → [`render`] (templates) →
//! [`site`] (the model, its outputs, and the one write path, used at the end).

pub mod archetype;
pub mod checklist;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod governance;
pub mod import;
pub mod markdown;
pub mod render;
pub mod report;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod words;
pub mod yaml;
