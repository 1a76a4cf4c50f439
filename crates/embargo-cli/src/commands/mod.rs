//! One module per subcommand, each with a `run` function taking the global
//! options and its own arguments.

pub mod activate;
pub mod alerts;
pub mod audit;
pub mod diff;
pub mod evaluate;
pub mod evaluate_pairs;
pub mod export;
pub mod import;
pub mod init;
pub mod keys;
pub mod lists;
pub mod scan;
pub mod screen;
pub mod screen_batch;
pub mod screen_names;
pub mod serve;
pub mod show;
pub mod store;
pub mod update;
pub mod watch;
