//! OpModel's domain, shared by the workshop app and the quiz app.
//!
//! - [`model`]: the model as plain data and pure functions: types,
//!   validation, the edits, scoring, rules, metrics, compare and merge, the
//!   file format and its migrations, the quiz and the team check-up.
//! - [`charts`]: charts as standalone SVG strings (tested natively,
//!   exported as files, inserted by the apps).
//!
//! Nothing here knows a browser: the crate has no web dependency, so a
//! domain rule cannot reach for the DOM, storage or the clock by accident.

pub mod charts;
pub mod model;
