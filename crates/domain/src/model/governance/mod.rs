//! Structured review and systematic correction (pillars three and four of
//! the framework), the control test that asks four questions of every
//! element, and the governance metrics recorded over time for the Progress
//! charts.
//!
//! - [`review`]: when a review is next due, whether it is late, and what is
//!   wrong with the reviews of a model.
//! - [`correction`]: the controlled path a finding travels (proposed,
//!   evaluated, approved, implemented, validated, or rejected with a reason)
//!   and what is wrong with the corrections of a model.
//! - [`control`]: the control test, element by element.
//! - [`metrics`]: the governance metrics (0-100) and the snapshots kept of
//!   them.
//!
//! Everything here is a pure function of the model and of a date the caller
//! passes in (`today` or `now`): nothing reads a clock, so a test can ask
//! what a model looks like on any day. Every message is a whole sentence a
//! person can read without knowing the code.

pub mod control;
pub mod correction;
pub mod metrics;
pub mod review;

pub use super::ownership::Severity;
pub use control::{control_test, ControlAnswer, ControlReport, ControlRow, QUESTIONS};
pub use correction::{
    advance, correction_findings, correction_overdue, implemented_on, is_closed, next_statuses,
    CorrectionStatusExt, TransitionError, STATUSES,
};
pub use metrics::{
    metric_info, metrics, record_snapshot, snapshot, with_snapshot, MetricInfo, CONTROL,
    CORRECTION_IMPLEMENTATION, CORRECTION_VALIDATION, DECISION_RIGHTS_COVERAGE, METRICS,
    OWNERSHIP_COVERAGE, REVIEW_COMPLETION, REVIEW_COVERAGE, WORKFLOW_DOCUMENTATION,
};
pub use review::{
    covering_reviews, next_due, review_findings, review_state, CadenceExt, ReviewLevelExt,
    ReviewState, CADENCES, LEVELS,
};

use super::types::{Id, Model};

/// What a governance finding is about. Day counts are whole calendar days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GovFindingKind {
    /// The review has no date of last meeting.
    ReviewNeverHeld,
    /// The review's next meeting date has passed.
    ReviewOverdue { days_late: i64 },
    /// Nobody is in charge of holding the review and following it up.
    ReviewNoOwner,
    /// The review looks at none of the model's elements.
    ReviewNoElements,
    /// The review has no metrics to look at (a note).
    ReviewNoMetrics,
    /// The cadence is not the usual one for the review's level (a note).
    ReviewUnusualCadence,
    /// The correction's deadline has passed and it is not closed.
    CorrectionOverdue { days_late: i64 },
    /// The change was made but nobody has checked that it worked. `days`
    /// since it was implemented, when the history records it.
    CorrectionNotValidated { days: Option<i64> },
    /// Nobody is in charge of taking the correction through.
    CorrectionNoOwner,
    /// An open correction without a deadline (a note).
    CorrectionNoDeadline,
}

/// One thing wrong with the reviews or corrections of a model.
#[derive(Clone, Debug, PartialEq)]
pub struct GovFinding {
    pub kind: GovFindingKind,
    pub severity: Severity,
    /// The review concerned (for a correction, the review it came from).
    pub review: Option<Id>,
    /// The correction concerned, if any.
    pub correction: Option<Id>,
    pub message: String,
}

/// A name between typographic quotes, as the other checks show names.
pub(crate) fn quoted(name: &str) -> String {
    format!("\u{201c}{name}\u{201d}")
}

/// "1 day", "3 days".
pub(crate) fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// The role's name, or its id when the role is missing from the model.
pub(crate) fn role_name(model: &Model, id: &str) -> String {
    model
        .role(id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// "A", "A and B", "A, B and C".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A finding's text cut to a length that fits in a sentence.
pub(crate) fn short(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.trim();
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX - 1).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

#[cfg(test)]
mod sample_tests;
#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_helpers() {
        assert_eq!(days(1), "1 day");
        assert_eq!(days(0), "0 days");
        assert_eq!(days(12), "12 days");
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["A".into()]), "A");
        assert_eq!(and_list(&["A".into(), "B".into()]), "A and B");
        assert_eq!(
            and_list(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
        assert_eq!(quoted("X"), "\u{201c}X\u{201d}");
        assert_eq!(short("  short  "), "short");
        let long = "x".repeat(100);
        let s = short(&long);
        assert_eq!(s.chars().count(), 60);
        assert!(s.ends_with('\u{2026}'));
    }
}
