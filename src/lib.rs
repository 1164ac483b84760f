//! mentorbook turns a folder of markdown with YAML front matter into a static mentoring handbook.
//!
//! The library does all the work so that it can be tested without a process boundary; the binary
//! in `main.rs` only parses arguments, calls [`site::build`] and prints diagnostics. The pipeline
//! runs one way: [`config`] → [`content`] (load every file, collect every error) → [`markdown`]
//! (render in parallel) → [`render`] (templates in parallel) → [`site`] (write, only at the end).

pub mod checklist;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod init;
pub mod markdown;
pub mod new;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
