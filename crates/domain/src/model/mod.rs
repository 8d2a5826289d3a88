//! The domain of OpModel as plain Rust data and pure functions: the schema,
//! the file format, validation and the edits a person can make. No browser
//! APIs here, so all of it is tested natively with `cargo test`.

pub mod calendar;
pub mod checkup;
pub mod compare;
pub mod decisions;
pub mod edit;
pub mod envelope;
pub mod error;
pub mod governance;
pub mod history;
pub mod ids;
pub mod layers;
pub mod limits;
pub mod lineage;
pub mod link;
pub mod map;
pub mod merge;
pub mod migrate;
pub mod ownership;
pub mod practice;
pub mod quiz;
pub mod samples;
pub mod sort;
pub mod table;
pub mod testkit;
pub mod touched;
pub mod types;
pub mod validate;
pub mod versions;
pub mod workflow;

pub use edit::EditError;
pub use envelope::{load, load_with_notes, to_file_json, LoadNote, Loaded};
pub use error::{LoadError, Problem};
pub use history::{History, Op};
pub use ids::new_id;
pub use touched::{ChangeLog, Touched};
pub use types::*;
pub use validate::validate;
