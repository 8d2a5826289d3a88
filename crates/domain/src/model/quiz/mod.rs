//! The maturity quiz: where an organization stands on the hierarchy from tools
//! to a governed operating system, and where to invest first.
//!
//! - `bank`: the questions as data (a quick quiz of 12, a full assessment of 40).
//! - `scoring`: scores per dimension, overall score and placement.
//! - `advice`: levers (where to invest, in order) and warnings.
//! - `share`: answers as a short text for a link.
//! - `handover`: a result handed from the quiz app to the workshop app.
//!
//! Everything here is plain Rust with no browser API, tested natively.

mod advice;
mod bank;
mod dimension;
mod handover;
mod scoring;
pub(crate) mod share;

#[cfg(test)]
mod tests;

pub use advice::{
    Lever, Warning, WarningKind, MAX_LEVERS, STRONG_THRESHOLD, UNSTABLE_WORKFLOWS_BELOW,
    WEAK_AUTOMATION_BELOW, WEAK_GOVERNANCE_BELOW,
};
pub use bank::{find_question, questions, Question};
pub use dimension::Dimension;
pub use handover::{decode_handover, encode_handover, Handover};
pub use scoring::{
    is_complete, previous_result, result_of_scores, score, to_assessment, QuizResult,
    ESTABLISHED_THRESHOLD,
};
pub(crate) use scoring::{profile_of, Profile};
pub use share::{decode_share, encode_share, ShareError, SHARE_VERSION};
