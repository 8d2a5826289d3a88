//! Structured review (pillar three): reviews are scheduled, not held when
//! something goes wrong, and they happen at three levels, each with its own
//! rhythm. This module says when a review is next due, whether it is late,
//! and what is wrong with a model's reviews.

use chrono::{Days, Months, NaiveDate};

use super::{days, quoted, GovFinding, GovFindingKind, Severity};
use crate::model::types::{Cadence, Model, Review, ReviewLevel};

/// Every cadence, most frequent first (for pickers).
pub const CADENCES: [Cadence; 5] = [
    Cadence::Daily,
    Cadence::Weekly,
    Cadence::Monthly,
    Cadence::Quarterly,
    Cadence::Annual,
];

/// Every review level, closest to the work first.
pub const LEVELS: [ReviewLevel; 3] = [
    ReviewLevel::Tactical,
    ReviewLevel::Operational,
    ReviewLevel::Strategic,
];

/// Words for a cadence.
pub trait CadenceExt {
    /// "Daily", "Weekly", ...
    fn label(self) -> &'static str;
    /// The interval in a sentence: "every day", "every quarter", ...
    fn every(self) -> &'static str;
}

impl CadenceExt for Cadence {
    fn label(self) -> &'static str {
        match self {
            Cadence::Daily => "Daily",
            Cadence::Weekly => "Weekly",
            Cadence::Monthly => "Monthly",
            Cadence::Quarterly => "Quarterly",
            Cadence::Annual => "Annual",
        }
    }

    fn every(self) -> &'static str {
        match self {
            Cadence::Daily => "every day",
            Cadence::Weekly => "every week",
            Cadence::Monthly => "every month",
            Cadence::Quarterly => "every quarter",
            Cadence::Annual => "every year",
        }
    }
}

/// Words for a review level, and the rhythm each level usually keeps.
pub trait ReviewLevelExt {
    /// "Tactical", "Operational", "Strategic".
    fn label(self) -> &'static str;
    /// One sentence: what a review at this level looks at, and how often.
    fn description(self) -> &'static str;
    /// The cadences that suit the level: tactical reviews are daily or
    /// weekly, operational ones monthly or quarterly, strategic ones annual.
    fn usual_cadences(self) -> &'static [Cadence];
}

impl ReviewLevelExt for ReviewLevel {
    fn label(self) -> &'static str {
        match self {
            ReviewLevel::Tactical => "Tactical",
            ReviewLevel::Operational => "Operational",
            ReviewLevel::Strategic => "Strategic",
        }
    }

    fn description(self) -> &'static str {
        match self {
            ReviewLevel::Tactical => {
                "Checks, every day or every week, that the work moves through each workflow the way it was designed to."
            }
            ReviewLevel::Operational => {
                "Looks, every month or quarter, at how healthy whole processes are: how long they take, how often they go wrong."
            }
            ReviewLevel::Strategic => {
                "Asks, once a year, whether the way the operation is organized still fits what the organization is trying to achieve."
            }
        }
    }

    fn usual_cadences(self) -> &'static [Cadence] {
        match self {
            ReviewLevel::Tactical => &[Cadence::Daily, Cadence::Weekly],
            ReviewLevel::Operational => &[Cadence::Monthly, Cadence::Quarterly],
            ReviewLevel::Strategic => &[Cadence::Annual],
        }
    }
}

/// The day a review held on `last_held` should next be held, by calendar
/// arithmetic: daily is the next day, weekly seven days later, monthly the
/// same day of the next month, quarterly three months later, annual the same
/// day a year later. A day that does not exist in the target month falls
/// back to that month's last day (31 January + 1 month = 28 or 29 February;
/// 29 February + 1 year = 28 February). Past the end of the calendar chrono
/// can represent, the last representable day.
pub fn next_due(last_held: NaiveDate, cadence: Cadence) -> NaiveDate {
    let next = match cadence {
        Cadence::Daily => last_held.checked_add_days(Days::new(1)),
        Cadence::Weekly => last_held.checked_add_days(Days::new(7)),
        Cadence::Monthly => last_held.checked_add_months(Months::new(1)),
        Cadence::Quarterly => last_held.checked_add_months(Months::new(3)),
        Cadence::Annual => last_held.checked_add_months(Months::new(12)),
    };
    next.unwrap_or(NaiveDate::MAX)
}

/// Where a review stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewState {
    /// No meeting has been recorded. Counts as not on time.
    NeverHeld,
    /// Held, and the next meeting is today or later.
    OnTime { next_due: NaiveDate },
    /// The next meeting was due before today.
    Overdue { due: NaiveDate, days_late: i64 },
}

impl ReviewState {
    /// Held at least once and not overdue.
    pub fn on_time(self) -> bool {
        matches!(self, ReviewState::OnTime { .. })
    }
}

/// The rule: a review is overdue when `next_due(last_held, cadence) < today`
/// (so on the due day itself it is still on time), late by
/// `today - next_due` days; a review with no `last_held` is never held.
pub fn review_state(review: &Review, today: NaiveDate) -> ReviewState {
    match review.last_held {
        None => ReviewState::NeverHeld,
        Some(last) => {
            let due = next_due(last, review.cadence);
            if due < today {
                ReviewState::Overdue {
                    due,
                    days_late: (today - due).num_days(),
                }
            } else {
                ReviewState::OnTime { next_due: due }
            }
        }
    }
}

/// The reviews that look at the element, in the model's order.
pub fn covering_reviews<'a>(
    model: &'a Model,
    element: &'a str,
) -> impl Iterator<Item = &'a Review> + 'a {
    model
        .reviews
        .iter()
        .filter(move |r| r.elements.iter().any(|e| e == element))
}

/// Everything wrong with the model's reviews on `today`, review by review in
/// the model's order:
/// - never held (a problem): a review that exists only on paper;
/// - overdue (a problem): see [`review_state`];
/// - no owner (a problem): nobody holds it or follows up what it finds;
/// - covers no element (a problem): the model cannot say what it checks;
/// - no metrics (a note): each level should have figures to look at;
/// - a cadence unusual for its level (a note): see
///   [`ReviewLevelExt::usual_cadences`].
pub fn review_findings(model: &Model, today: NaiveDate) -> Vec<GovFinding> {
    let mut out = Vec::new();
    for r in &model.reviews {
        let name = quoted(&r.name);
        let mut push = |kind, severity, message: String| {
            out.push(GovFinding {
                kind,
                severity,
                review: Some(r.id.clone()),
                correction: None,
                message,
            })
        };
        match review_state(r, today) {
            ReviewState::NeverHeld => push(
                GovFindingKind::ReviewNeverHeld,
                Severity::Problem,
                format!("{name} has never been held: hold it and record the date."),
            ),
            ReviewState::Overdue { due, days_late } => push(
                GovFindingKind::ReviewOverdue { days_late },
                Severity::Problem,
                format!(
                    "{name} is overdue by {}: it should have been held by {due}.",
                    days(days_late)
                ),
            ),
            ReviewState::OnTime { .. } => {}
        }
        if r.owner.is_none() {
            push(
                GovFindingKind::ReviewNoOwner,
                Severity::Problem,
                format!(
                    "{name} has no owner: give one role the job of holding it and following up what it finds."
                ),
            );
        }
        if r.elements.is_empty() {
            push(
                GovFindingKind::ReviewNoElements,
                Severity::Problem,
                format!(
                    "{name} covers no element: say which processes, workflows, data, systems or outcomes it looks at."
                ),
            );
        }
        if r.metrics.is_empty() {
            push(
                GovFindingKind::ReviewNoMetrics,
                Severity::Note,
                format!("{name} has no metrics: choose the figures it looks at, so each meeting has something to compare."),
            );
        }
        let usual = r.level.usual_cadences();
        if !usual.contains(&r.cadence) {
            let words: Vec<String> = usual.iter().map(|c| c.every().to_string()).collect();
            push(
                GovFindingKind::ReviewUnusualCadence,
                Severity::Note,
                format!(
                    "{name} is held {}, although {} reviews are usually held {}.",
                    r.cadence.every(),
                    r.level.label().to_lowercase(),
                    words.join(" or ")
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn next_due_by_cadence() {
        let d = day(2026, 3, 10);
        assert_eq!(next_due(d, Cadence::Daily), day(2026, 3, 11));
        assert_eq!(next_due(d, Cadence::Weekly), day(2026, 3, 17));
        assert_eq!(next_due(d, Cadence::Monthly), day(2026, 4, 10));
        assert_eq!(next_due(d, Cadence::Quarterly), day(2026, 6, 10));
        assert_eq!(next_due(d, Cadence::Annual), day(2027, 3, 10));
    }

    #[test]
    fn next_due_crosses_month_and_year_ends() {
        assert_eq!(next_due(day(2026, 12, 31), Cadence::Daily), day(2027, 1, 1));
        assert_eq!(
            next_due(day(2026, 12, 28), Cadence::Weekly),
            day(2027, 1, 4)
        );
        assert_eq!(
            next_due(day(2026, 12, 15), Cadence::Monthly),
            day(2027, 1, 15)
        );
        assert_eq!(
            next_due(day(2026, 11, 30), Cadence::Quarterly),
            day(2027, 2, 28)
        );
    }

    #[test]
    fn next_due_clamps_to_the_end_of_the_month() {
        let cases = [
            (day(2026, 1, 31), Cadence::Monthly, day(2026, 2, 28)),
            (day(2028, 1, 31), Cadence::Monthly, day(2028, 2, 29)),
            (day(2026, 3, 31), Cadence::Monthly, day(2026, 4, 30)),
            (day(2026, 8, 31), Cadence::Quarterly, day(2026, 11, 30)),
            (day(2027, 11, 30), Cadence::Quarterly, day(2028, 2, 29)),
            (day(2028, 2, 29), Cadence::Annual, day(2029, 2, 28)),
            (day(2027, 2, 28), Cadence::Annual, day(2028, 2, 28)),
            (day(2028, 2, 28), Cadence::Daily, day(2028, 2, 29)),
            (day(2027, 2, 28), Cadence::Daily, day(2027, 3, 1)),
            (day(2028, 2, 25), Cadence::Weekly, day(2028, 3, 3)),
        ];
        for (from, cadence, want) in cases {
            assert_eq!(next_due(from, cadence), want, "{from} {cadence:?}");
        }
    }

    #[test]
    fn next_due_saturates_at_the_end_of_the_calendar() {
        assert_eq!(next_due(NaiveDate::MAX, Cadence::Daily), NaiveDate::MAX);
        assert_eq!(next_due(NaiveDate::MAX, Cadence::Annual), NaiveDate::MAX);
    }

    #[test]
    fn due_today_is_on_time_and_due_yesterday_is_overdue() {
        let r = review(
            "v",
            "V",
            Cadence::Monthly,
            Some("r0"),
            &["e"],
            Some(day(2026, 1, 31)),
        );
        // Due 2026-02-28.
        assert_eq!(
            review_state(&r, day(2026, 2, 27)),
            ReviewState::OnTime {
                next_due: day(2026, 2, 28)
            }
        );
        assert_eq!(
            review_state(&r, day(2026, 2, 28)),
            ReviewState::OnTime {
                next_due: day(2026, 2, 28)
            }
        );
        assert_eq!(
            review_state(&r, day(2026, 3, 1)),
            ReviewState::Overdue {
                due: day(2026, 2, 28),
                days_late: 1
            }
        );
        assert_eq!(
            review_state(&r, day(2026, 3, 31)),
            ReviewState::Overdue {
                due: day(2026, 2, 28),
                days_late: 31
            }
        );
        let daily = review("d", "D", Cadence::Daily, None, &[], Some(day(2026, 5, 1)));
        assert!(review_state(&daily, day(2026, 5, 2)).on_time());
        assert!(!review_state(&daily, day(2026, 5, 3)).on_time());
    }

    #[test]
    fn never_held_is_not_on_time() {
        let r = review("v", "V", Cadence::Weekly, Some("r0"), &["e"], None);
        assert_eq!(review_state(&r, day(2026, 1, 1)), ReviewState::NeverHeld);
        assert!(!ReviewState::NeverHeld.on_time());
    }

    #[test]
    fn a_meeting_recorded_in_the_future_counts_as_held() {
        let r = review(
            "v",
            "V",
            Cadence::Weekly,
            Some("r0"),
            &["e"],
            Some(day(2026, 6, 1)),
        );
        assert!(review_state(&r, day(2026, 5, 1)).on_time());
    }

    #[test]
    fn labels_and_descriptions() {
        let labels: Vec<&str> = CADENCES.iter().map(|c| c.label()).collect();
        assert_eq!(
            labels,
            ["Daily", "Weekly", "Monthly", "Quarterly", "Annual"]
        );
        for level in LEVELS {
            let d = level.description();
            assert!(d.ends_with('.') && d.len() > 40, "{d}");
            assert!(!level.usual_cadences().is_empty());
        }
        assert_eq!(ReviewLevel::Strategic.label(), "Strategic");
        assert!(ReviewLevel::Tactical.description().contains("workflow"));
        assert!(ReviewLevel::Operational.description().contains("processes"));
        assert!(ReviewLevel::Strategic.description().contains("once a year"));
        // Every cadence suits exactly one level.
        for c in CADENCES {
            assert_eq!(
                LEVELS
                    .iter()
                    .filter(|l| l.usual_cadences().contains(&c))
                    .count(),
                1,
                "{c:?}"
            );
        }
    }

    fn kinds(f: &[GovFinding]) -> Vec<(GovFindingKind, Severity, &str)> {
        f.iter()
            .map(|f| (f.kind, f.severity, f.review.as_deref().unwrap()))
            .collect()
    }

    #[test]
    fn findings_for_each_kind_of_review_gap() {
        let today = day(2026, 5, 20);
        let mut m = model(&["Ops Lead"]);
        m.reviews.push(review(
            "ok",
            "Fine",
            Cadence::Weekly,
            Some("r0"),
            &["e"],
            Some(day(2026, 5, 13)),
        ));
        m.reviews.push(review(
            "late",
            "Late",
            Cadence::Weekly,
            Some("r0"),
            &["e"],
            Some(day(2026, 5, 1)),
        ));
        m.reviews.push(review(
            "never",
            "Never",
            Cadence::Weekly,
            Some("r0"),
            &["e"],
            None,
        ));
        m.reviews.push(review(
            "orphan",
            "Orphan",
            Cadence::Weekly,
            None,
            &["e"],
            Some(day(2026, 5, 19)),
        ));
        m.reviews.push(review(
            "empty",
            "Empty",
            Cadence::Weekly,
            Some("r0"),
            &[],
            Some(day(2026, 5, 19)),
        ));
        let mut bare = review(
            "bare",
            "Bare",
            Cadence::Weekly,
            Some("r0"),
            &["e"],
            Some(day(2026, 5, 19)),
        );
        bare.metrics = Vec::new();
        m.reviews.push(bare);
        let mut odd = review(
            "odd",
            "Odd",
            Cadence::Annual,
            Some("r0"),
            &["e"],
            Some(day(2026, 5, 19)),
        );
        odd.level = ReviewLevel::Operational;
        m.reviews.push(odd);

        let f = review_findings(&m, today);
        assert_eq!(
            kinds(&f),
            [
                (
                    GovFindingKind::ReviewOverdue { days_late: 12 },
                    Severity::Problem,
                    "late"
                ),
                (GovFindingKind::ReviewNeverHeld, Severity::Problem, "never"),
                (GovFindingKind::ReviewNoOwner, Severity::Problem, "orphan"),
                (GovFindingKind::ReviewNoElements, Severity::Problem, "empty"),
                (GovFindingKind::ReviewNoMetrics, Severity::Note, "bare"),
                (GovFindingKind::ReviewUnusualCadence, Severity::Note, "odd"),
            ]
        );
        assert_eq!(
            f[0].message,
            "\u{201c}Late\u{201d} is overdue by 12 days: it should have been held by 2026-05-08."
        );
        assert!(f[1].message.contains("has never been held"));
        assert!(f[2].message.contains("has no owner"));
        assert!(f[3].message.contains("covers no element"));
        assert!(f[4].message.contains("no metrics"));
        assert_eq!(
            f[5].message,
            "\u{201c}Odd\u{201d} is held every year, although operational reviews are usually held every month or every quarter."
        );
        assert!(f.iter().all(|f| f.correction.is_none()));
        assert!(f.iter().all(|f| f.message.ends_with('.')));
    }

    #[test]
    fn covering_reviews_in_model_order() {
        let mut m = model(&[]);
        m.reviews
            .push(review("a", "A", Cadence::Weekly, None, &["e1", "e2"], None));
        m.reviews
            .push(review("b", "B", Cadence::Weekly, None, &["e2"], None));
        let ids = |e| {
            covering_reviews(&m, e)
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("e1"), ["a"]);
        assert_eq!(ids("e2"), ["a", "b"]);
        assert!(ids("e3").is_empty());
    }
}
