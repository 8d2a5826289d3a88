//! Systematic correction (pillar four): what a review finds becomes a change
//! through one controlled path, proposed -> evaluated -> approved ->
//! implemented -> validated, with an owner and a deadline. A change that was
//! made but never checked is not a solution, and a deadline that slips is
//! something to escalate.

use chrono::NaiveDate;
use thiserror::Error;

use super::{days, quoted, short, GovFinding, GovFindingKind, Severity};
use crate::model::limits::{MAX_LIST_ITEMS, MAX_TEXT_CHARS};
use crate::model::types::{Correction, CorrectionStatus, Model, StatusChange};

use CorrectionStatus::{Approved, Evaluated, Implemented, Proposed, Rejected, Validated};

/// Every status, in the order of the path (rejected last).
pub const STATUSES: [CorrectionStatus; 6] = [
    Proposed,
    Evaluated,
    Approved,
    Implemented,
    Validated,
    Rejected,
];

/// Words for a correction status.
pub trait CorrectionStatusExt {
    /// "Proposed", "Evaluated", ...
    fn label(self) -> &'static str;
    /// The same in lower case, for the middle of a sentence.
    fn word(self) -> &'static str;
    /// One sentence on what the status means.
    fn description(self) -> &'static str;
}

impl CorrectionStatusExt for CorrectionStatus {
    fn label(self) -> &'static str {
        match self {
            Proposed => "Proposed",
            Evaluated => "Evaluated",
            Approved => "Approved",
            Implemented => "Implemented",
            Validated => "Validated",
            Rejected => "Rejected",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Proposed => "proposed",
            Evaluated => "evaluated",
            Approved => "approved",
            Implemented => "implemented",
            Validated => "validated",
            Rejected => "rejected",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Proposed => "A problem was found and a change has been suggested.",
            Evaluated => "The cause, the cost and the likely effect of the change have been looked into.",
            Approved => "Someone with the authority to do so has agreed to the change.",
            Implemented => "The change has been made but nobody has yet checked that it worked.",
            Validated => "The change was checked after the fact and it fixed the problem; nothing is left to do.",
            Rejected => "It was decided not to make the change, and the reason was written down; nothing is left to do.",
        }
    }
}

/// Validated and rejected corrections are closed: nothing moves them again.
pub fn is_closed(status: CorrectionStatus) -> bool {
    matches!(status, Validated | Rejected)
}

/// Where a correction may go next (the buttons to show): the next step of
/// the path, then rejection, from any status that is not closed.
pub fn next_statuses(status: CorrectionStatus) -> &'static [CorrectionStatus] {
    match status {
        Proposed => &[Evaluated, Rejected],
        Evaluated => &[Approved, Rejected],
        Approved => &[Implemented, Rejected],
        Implemented => &[Validated, Rejected],
        Validated | Rejected => &[],
    }
}

/// The position on the path; rejection is off the path.
fn step(status: CorrectionStatus) -> Option<usize> {
    [Proposed, Evaluated, Approved, Implemented, Validated]
        .iter()
        .position(|s| *s == status)
}

/// Why a correction cannot move as asked.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TransitionError {
    #[error("A {} correction is closed.", .0.word())]
    Closed(CorrectionStatus),
    #[error("The correction is already {}.", .0.word())]
    Unchanged(CorrectionStatus),
    #[error("A correction must be {} before it is {}.", .needed.word(), .to.word())]
    Skipped {
        needed: CorrectionStatus,
        to: CorrectionStatus,
    },
    #[error("A correction that is {} cannot go back to {}.", .from.word(), .to.word())]
    Backwards {
        from: CorrectionStatus,
        to: CorrectionStatus,
    },
    #[error("A rejection needs a reason.")]
    NoReason,
    #[error("A note can have at most {MAX_TEXT_CHARS} characters.")]
    NoteTooLong,
    #[error("The date cannot be earlier than the correction's last move, on {last}.")]
    BeforeLastMove { last: NaiveDate },
    #[error("This correction's history is full.")]
    HistoryFull,
}

/// Moves a correction to `to` on the day `on`, with an optional note (the
/// reason, for a rejection), and returns the moved correction with the move
/// appended to its history. The rules, checked in this order:
/// - a validated or rejected correction is closed;
/// - moving to the status it already has is refused;
/// - rejection is allowed from any status that is not closed, and needs a
///   reason (a note that is not blank);
/// - otherwise only the next step of the path is allowed: no skipping, no
///   going back;
/// - a note is at most [`MAX_TEXT_CHARS`] characters (stored trimmed);
/// - the date may equal but not precede the last move in the history;
/// - the history holds at most [`MAX_LIST_ITEMS`] moves.
pub fn advance(
    correction: &Correction,
    to: CorrectionStatus,
    on: NaiveDate,
    note: &str,
) -> Result<Correction, TransitionError> {
    let from = correction.status;
    if is_closed(from) {
        return Err(TransitionError::Closed(from));
    }
    if to == from {
        return Err(TransitionError::Unchanged(from));
    }
    let note = note.trim();
    if to == Rejected {
        if note.is_empty() {
            return Err(TransitionError::NoReason);
        }
    } else if let (Some(a), Some(b)) = (step(from), step(to)) {
        if b < a {
            return Err(TransitionError::Backwards { from, to });
        }
        if b > a + 1 {
            return Err(TransitionError::Skipped {
                needed: STATUSES[b - 1],
                to,
            });
        }
    }
    if note.chars().count() > MAX_TEXT_CHARS {
        return Err(TransitionError::NoteTooLong);
    }
    if let Some(last) = correction.history.last() {
        if on < last.on {
            return Err(TransitionError::BeforeLastMove { last: last.on });
        }
    }
    if correction.history.len() >= MAX_LIST_ITEMS {
        return Err(TransitionError::HistoryFull);
    }
    let mut moved = correction.clone();
    moved.status = to;
    moved.history.push(StatusChange {
        status: to,
        on,
        note: note.to_string(),
    });
    Ok(moved)
}

/// Days past the deadline: `Some(today - due)` when the correction has a
/// deadline, the deadline is before `today` (the due day itself is not
/// late) and the correction is not closed (validated or rejected).
pub fn correction_overdue(correction: &Correction, today: NaiveDate) -> Option<i64> {
    match correction.due {
        Some(due) if due < today && !is_closed(correction.status) => Some((today - due).num_days()),
        _ => None,
    }
}

/// The day of the latest move to "implemented" in the history, if recorded.
pub fn implemented_on(correction: &Correction) -> Option<NaiveDate> {
    correction
        .history
        .iter()
        .rev()
        .find(|h| h.status == Implemented)
        .map(|h| h.on)
}

/// Everything wrong with the model's corrections on `today`, correction by
/// correction in the model's order. Closed corrections (validated or
/// rejected) have nothing left to do and are never flagged.
/// - no owner (a problem): nobody takes it through;
/// - overdue (a problem): see [`correction_overdue`];
/// - implemented but not validated (a problem): its status is implemented;
///   the message says how long ago, from the history;
/// - no deadline (a note): a slip could not even be seen.
///
/// An implemented correction past its deadline gets both problems: the
/// deadline is for the whole path, validation included.
pub fn correction_findings(model: &Model, today: NaiveDate) -> Vec<GovFinding> {
    let mut out = Vec::new();
    for c in model.corrections.iter().filter(|c| !is_closed(c.status)) {
        let name = quoted(&short(&c.finding));
        let mut push = |kind, severity, message: String| {
            out.push(GovFinding {
                kind,
                severity,
                review: c.review.clone(),
                correction: Some(c.id.clone()),
                message,
            })
        };
        if c.owner.is_none() {
            push(
                GovFindingKind::CorrectionNoOwner,
                Severity::Problem,
                format!(
                    "{name} has no owner: name the role that will take it through to validation."
                ),
            );
        }
        if let Some(days_late) = correction_overdue(c, today) {
            let due = c.due.unwrap_or(today);
            push(
                GovFindingKind::CorrectionOverdue { days_late },
                Severity::Problem,
                format!(
                    "{name} is {} past its deadline of {due}: escalate it, or agree a new date with its owner.",
                    days(days_late)
                ),
            );
        }
        if c.status == Implemented {
            let since = implemented_on(c).map(|d| (today - d).num_days());
            let when = match since {
                Some(0) => " today".to_string(),
                Some(n) if n > 0 => format!(" {} ago", days(n)),
                _ => String::new(),
            };
            push(
                GovFindingKind::CorrectionNotValidated { days: since },
                Severity::Problem,
                format!(
                    "{name} was implemented{when} but nobody has checked that it worked: until it is validated, the problem is not solved."
                ),
            );
        }
        if c.due.is_none() {
            push(
                GovFindingKind::CorrectionNoDeadline,
                Severity::Note,
                format!("{name} has no deadline: agree a date, so that a slip shows and can be escalated."),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    fn at_status(status: CorrectionStatus) -> Correction {
        let d = day(2026, 4, 1);
        let steps: Vec<(CorrectionStatus, NaiveDate)> = match step(status) {
            Some(n) => STATUSES[..=n].iter().map(|s| (*s, d)).collect(),
            None => vec![(Proposed, d), (Rejected, d)],
        };
        correction("c", None, None, &steps)
    }

    #[test]
    fn every_transition_is_allowed_or_refused_with_a_reason() {
        use TransitionError as E;
        let on = day(2026, 4, 2);
        let mut allowed = 0;
        for from in STATUSES {
            for to in STATUSES {
                let c = at_status(from);
                let got = advance(&c, to, on, "Because");
                let want: Result<(), E> = match (from, to) {
                    (Validated | Rejected, _) => Err(E::Closed(from)),
                    _ if from == to => Err(E::Unchanged(from)),
                    (_, Rejected) => Ok(()),
                    (Proposed, Evaluated)
                    | (Evaluated, Approved)
                    | (Approved, Implemented)
                    | (Implemented, Validated) => Ok(()),
                    _ if step(to) < step(from) => Err(E::Backwards { from, to }),
                    _ => Err(E::Skipped {
                        needed: STATUSES[step(to).unwrap() - 1],
                        to,
                    }),
                };
                assert_eq!(
                    got.as_ref().map(|_| ()),
                    want.as_ref().map(|_| ()),
                    "{from:?} -> {to:?}"
                );
                assert_eq!(
                    next_statuses(from).contains(&to),
                    want.is_ok(),
                    "next_statuses({from:?}) and advance disagree on {to:?}"
                );
                if got.is_ok() {
                    allowed += 1;
                }
            }
        }
        // Four steps forward and four rejections.
        assert_eq!(allowed, 8);
    }

    #[test]
    fn messages_are_plain_sentences() {
        let on = day(2026, 4, 2);
        let msg = |from, to, note| {
            advance(&at_status(from), to, on, note)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            msg(Evaluated, Implemented, ""),
            "A correction must be approved before it is implemented."
        );
        assert_eq!(
            msg(Proposed, Validated, ""),
            "A correction must be implemented before it is validated."
        );
        assert_eq!(msg(Approved, Rejected, "  "), "A rejection needs a reason.");
        assert_eq!(
            msg(Validated, Rejected, "x"),
            "A validated correction is closed."
        );
        assert_eq!(
            msg(Rejected, Proposed, ""),
            "A rejected correction is closed."
        );
        assert_eq!(
            msg(Approved, Approved, ""),
            "The correction is already approved."
        );
        assert_eq!(
            msg(Implemented, Evaluated, ""),
            "A correction that is implemented cannot go back to evaluated."
        );
        assert_eq!(
            advance(&at_status(Proposed), Evaluated, day(2026, 3, 31), "")
                .unwrap_err()
                .to_string(),
            "The date cannot be earlier than the correction's last move, on 2026-04-01."
        );
        assert_eq!(
            msg(Proposed, Evaluated, &"x".repeat(MAX_TEXT_CHARS + 1)),
            format!("A note can have at most {MAX_TEXT_CHARS} characters.")
        );
    }

    #[test]
    fn a_move_appends_to_the_history() {
        let c = at_status(Proposed);
        let c = advance(&c, Evaluated, day(2026, 4, 1), "  Looked into  ").unwrap();
        assert_eq!(c.status, Evaluated);
        assert_eq!(c.history.len(), 2);
        assert_eq!(
            c.history[1],
            StatusChange {
                status: Evaluated,
                on: day(2026, 4, 1),
                note: "Looked into".into()
            }
        );
        // Same day as the last move is fine.
        let c = advance(&c, Approved, day(2026, 4, 1), "").unwrap();
        let c = advance(&c, Implemented, day(2026, 4, 9), "").unwrap();
        let c = advance(&c, Validated, day(2026, 5, 9), "Worked for a month").unwrap();
        let statuses: Vec<_> = c.history.iter().map(|h| h.status).collect();
        assert_eq!(
            statuses,
            [Proposed, Evaluated, Approved, Implemented, Validated]
        );
        assert!(next_statuses(c.status).is_empty());

        let r = advance(
            &at_status(Approved),
            Rejected,
            day(2026, 4, 5),
            "Too costly",
        )
        .unwrap();
        assert_eq!(r.status, Rejected);
        assert_eq!(r.history.last().unwrap().note, "Too costly");
        // The input is left as it was.
        let original = at_status(Approved);
        let _ = advance(&original, Implemented, day(2026, 4, 5), "");
        assert_eq!(original, at_status(Approved));
    }

    #[test]
    fn an_empty_history_accepts_any_date_and_a_full_one_refuses() {
        let mut c = correction("c", None, None, &[]);
        assert!(c.history.is_empty());
        let moved = advance(&c, Evaluated, day(1990, 1, 1), "").unwrap();
        assert_eq!(moved.history.len(), 1);
        c.history = (0..MAX_LIST_ITEMS)
            .map(|_| StatusChange {
                status: Proposed,
                on: day(2026, 1, 1),
                note: String::new(),
            })
            .collect();
        assert_eq!(
            advance(&c, Evaluated, day(2026, 1, 1), ""),
            Err(TransitionError::HistoryFull)
        );
    }

    #[test]
    fn overdue_means_due_before_today_and_still_open() {
        let today = day(2026, 6, 10);
        let mut c = at_status(Approved);
        assert_eq!(correction_overdue(&c, today), None, "no deadline");
        c.due = Some(today);
        assert_eq!(correction_overdue(&c, today), None, "due today is not late");
        c.due = Some(day(2026, 6, 9));
        assert_eq!(correction_overdue(&c, today), Some(1));
        c.due = Some(day(2026, 5, 10));
        assert_eq!(correction_overdue(&c, today), Some(31));
        for status in [Validated, Rejected] {
            let mut closed = at_status(status);
            closed.due = Some(day(2026, 1, 1));
            assert_eq!(correction_overdue(&closed, today), None, "{status:?}");
        }
        let mut done = at_status(Implemented);
        done.due = Some(day(2026, 6, 1));
        assert_eq!(
            correction_overdue(&done, today),
            Some(9),
            "implemented is not closed"
        );
    }

    #[test]
    fn findings_for_each_kind_of_correction_gap() {
        let today = day(2026, 6, 10);
        let mut m = model(&["Ops Lead"]);
        let ok = correction(
            "ok",
            Some("v"),
            Some(day(2026, 7, 1)),
            &[(Proposed, day(2026, 6, 1))],
        );
        let late = correction(
            "late",
            Some("v"),
            Some(day(2026, 6, 5)),
            &[(Proposed, day(2026, 5, 1)), (Evaluated, day(2026, 5, 2))],
        );
        let unchecked = correction(
            "unchecked",
            None,
            Some(day(2026, 7, 1)),
            &[
                (Proposed, day(2026, 5, 1)),
                (Evaluated, day(2026, 5, 2)),
                (Approved, day(2026, 5, 3)),
                (Implemented, day(2026, 5, 31)),
            ],
        );
        let mut orphan = correction(
            "orphan",
            None,
            Some(day(2026, 7, 1)),
            &[(Proposed, day(2026, 6, 1))],
        );
        orphan.owner = None;
        let open_ended = correction("open", None, None, &[(Proposed, day(2026, 6, 1))]);
        let mut closed = correction(
            "closed",
            None,
            None,
            &[(Proposed, day(2026, 1, 1)), (Rejected, day(2026, 1, 2))],
        );
        closed.owner = None;
        let mut no_date = unchecked.clone();
        no_date.id = "nodate".into();
        no_date.history.clear();
        m.corrections = vec![ok, late, unchecked, orphan, open_ended, closed, no_date];

        let f = correction_findings(&m, today);
        let got: Vec<(GovFindingKind, Severity, &str)> = f
            .iter()
            .map(|f| (f.kind, f.severity, f.correction.as_deref().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    GovFindingKind::CorrectionOverdue { days_late: 5 },
                    Severity::Problem,
                    "late"
                ),
                (
                    GovFindingKind::CorrectionNotValidated { days: Some(10) },
                    Severity::Problem,
                    "unchecked"
                ),
                (
                    GovFindingKind::CorrectionNoOwner,
                    Severity::Problem,
                    "orphan"
                ),
                (GovFindingKind::CorrectionNoDeadline, Severity::Note, "open"),
                (
                    GovFindingKind::CorrectionNotValidated { days: None },
                    Severity::Problem,
                    "nodate"
                ),
            ]
        );
        assert_eq!(f[0].review.as_deref(), Some("v"));
        assert_eq!(
            f[0].message,
            "\u{201c}Finding late\u{201d} is 5 days past its deadline of 2026-06-05: escalate it, or agree a new date with its owner."
        );
        assert_eq!(
            f[1].message,
            "\u{201c}Finding unchecked\u{201d} was implemented 10 days ago but nobody has checked that it worked: until it is validated, the problem is not solved."
        );
        assert!(f[4].message.contains("was implemented but nobody"));
        assert!(f.iter().all(|f| f.message.ends_with('.')));
    }

    #[test]
    fn an_implemented_correction_past_its_deadline_gets_both_problems() {
        let today = day(2026, 6, 10);
        let mut m = model(&["Ops Lead"]);
        m.corrections.push(correction(
            "c",
            None,
            Some(day(2026, 6, 1)),
            &[
                (Proposed, day(2026, 5, 1)),
                (Evaluated, day(2026, 5, 2)),
                (Approved, day(2026, 5, 3)),
                (Implemented, today),
            ],
        ));
        let kinds: Vec<_> = correction_findings(&m, today)
            .into_iter()
            .map(|f| f.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                GovFindingKind::CorrectionOverdue { days_late: 9 },
                GovFindingKind::CorrectionNotValidated { days: Some(0) }
            ]
        );
        assert!(correction_findings(&m, today)[1]
            .message
            .contains("implemented today"));
    }

    #[test]
    fn status_words() {
        assert_eq!(
            STATUSES.map(|s| s.label()),
            [
                "Proposed",
                "Evaluated",
                "Approved",
                "Implemented",
                "Validated",
                "Rejected"
            ]
        );
        for s in STATUSES {
            assert_eq!(s.word(), s.label().to_lowercase());
            assert!(s.description().ends_with('.'));
        }
        assert!(is_closed(Validated) && is_closed(Rejected));
        assert!(!is_closed(Implemented));
    }
}
