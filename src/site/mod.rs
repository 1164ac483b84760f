//! From a loaded site to files: the [`model::Model`], the view structs templates see
//! ([`views`]), one module per generated output ([`outputs`]), and the one write path
//! ([`write`]).
//!
//! The pipeline runs one way: the model loads config, content and theme and renders every
//! page's markdown (in parallel); it then renders any set of outputs (in parallel), which
//! [`output::finish`] checks all together (paths, clashes, each naming its source); only then
//! does [`write::Writer`] write, so a failed build leaves the previous output as it was. `build`
//! ([`build`]), `check` ([`check`]) and `serve` all go this way; only into a folder with no
//! earlier build does `build` write each output as it renders ([`spill`]), undoing it all if
//! the build fails.

pub mod build;
pub mod cache;
pub mod check;
pub mod git;
pub mod model;
pub mod output;
mod outputs;
mod paginate;
mod relink;
pub mod spill;
pub mod titles;
mod views;
pub mod write;

pub use build::{BuildOptions, Summary, build, load_config, selection, shown};
pub use model::{Failure, Job, Model};
pub use output::{Origin, Output};
pub use write::{WriteError, WriteStats, Writer};
