//! One module per subcommand, each with a `run` function taking the global
//! options and its own arguments.

pub mod evaluate;
pub mod import;
pub mod lists;
pub mod scan;
pub mod screen;
pub mod show;
