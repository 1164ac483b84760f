//! One module per subcommand, each a thin call into the library that prints its outcome.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
#[cfg(feature = "serve")]
pub mod serve;
