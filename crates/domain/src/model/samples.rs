//! Three ready-made example models a person can open to see what the app
//! does before describing their own organization: an online shop, a B2B
//! software company and a small digital agency.
//!
//! Each sample is a believable operation with believable flaws. The flaws are
//! deliberate: they are what the ownership, decision-rights, review,
//! correction and workflow checks are meant to find, so that a first look at
//! a sample already shows findings. `tests/fixtures/samples-gaps.md` says
//! what each deliberate gap is and why it is there, and the tests at the
//! bottom compute each one from the data so that an edit cannot remove one
//! by accident. Each sample also has one workflow or none ready to
//! automate, pinned the same way.
//!
//! The samples are data, not code: `public/samples/<key>.opmodel.json`,
//! model files in the app's own format, which the app fetches when one is
//! opened. As builder code they were in the wasm, downloaded and compiled
//! before the app's first screen: taking them out made it 38 KB smaller
//! (1,935 KB to 1,897 KB; 15 KB gzip -9, 740 KB to 725 KB; release builds,
//! net of the code that fetches them and `practice.rs`). The files (27 KB
//! gzip for the three) come when a sample is opened, or in the background
//! when the service worker keeps the build's files.
//! Only [`SAMPLES`] is here, for the picker to show before anything is
//! fetched.
//!
//! Dates are not fixed: the files are written as if opened on [`ANCHOR`],
//! and [`open_sample`] moves every date by the days between it and the day
//! the sample is opened, so a sample looks the same (some reviews on time,
//! one overdue) whenever it is opened.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::envelope::load;
use super::error::LoadError;
use super::types::*;

/// What the sample picker shows about one sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SampleInfo {
    /// Names the sample's file (see [`SampleInfo::url`]) and its button.
    pub key: &'static str,
    /// The organization's name, as the picker shows it.
    pub name: &'static str,
    /// One sentence: the business, its size and the gaps worth looking for.
    pub summary: &'static str,
}

impl SampleInfo {
    /// Where the app fetches the sample's file from (the build copies
    /// `public/samples/` to `/samples/`).
    pub fn url(&self) -> String {
        format!("/samples/{}.opmodel.json", self.key)
    }
}

/// The samples, in the order the picker shows them.
pub const SAMPLES: [SampleInfo; 3] = [
    SampleInfo {
        key: "ecommerce",
        name: "Fernhill Home",
        summary: "A 25-person online shop for home goods: the Head of Operations owns \
                  almost everything, returns have two owners and customer data none, a \
                  multi-year carrier contract needs nobody's sign-off, and the monthly \
                  operations review keeps slipping.",
    },
    SampleInfo {
        key: "saas",
        name: "Shiftwell",
        summary: "A 35-person B2B software company selling staff scheduling: the CTO owns \
                  eight rows of the matrix, sales and customer success both claim \
                  onboarding, nobody owns the customer record or decides who gets \
                  production access, and sales promises uptime the CTO only hears about.",
    },
    SampleInfo {
        key: "agency",
        name: "Studio Kestrel",
        summary: "A 15-person web design agency: one person holds two roles meant to check \
                  each other, one role is just a colleague's name, scope changes have two \
                  deciders, client passwords have no owner and nobody reviews the hosting.",
    },
];

/// The day the sample files are written for: every date in them is placed
/// as if the sample were opened on this day (at midnight UTC).
pub const ANCHOR: NaiveDate = match NaiveDate::from_ymd_opt(2026, 1, 1) {
    Some(day) => day,
    None => panic!("the anchor is a real date"),
};

/// A fresh copy of a sample from the text of its file: read by the one load
/// path (`load`), `id` becomes the model id, `now` its created and updated
/// time, and every date inside moves by the days from [`ANCHOR`] to
/// `now.date_naive()`, so the sample looks as it did on the anchor day.
/// A file that does not load gives the load path's error.
pub fn open_sample(text: &[u8], id: Id, now: DateTime<Utc>) -> Result<Model, LoadError> {
    let mut model = load(text)?;
    shift_dates(&mut model, (now.date_naive() - ANCHOR).num_days());
    model.id = id;
    model.created_at = now;
    model.updated_at = now;
    Ok(model)
}

/// Moves every date and time in the model by `days` days (earlier when
/// negative): its created and updated times, each review's last meeting,
/// each correction's deadline and history, and when each assessment and
/// snapshot was taken. A date that would leave the calendar's range stops
/// at its first or last day.
pub fn shift_dates(model: &mut Model, days: i64) {
    let by = TimeDelta::try_days(days).unwrap_or(if days < 0 {
        TimeDelta::MIN
    } else {
        TimeDelta::MAX
    });
    let day = |d: NaiveDate| {
        d.checked_add_signed(by).unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    };
    let time = |t: DateTime<Utc>| {
        t.checked_add_signed(by).unwrap_or(if days < 0 {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
    };
    model.created_at = time(model.created_at);
    model.updated_at = time(model.updated_at);
    for r in &mut model.reviews {
        r.last_held = r.last_held.map(day);
    }
    for c in &mut model.corrections {
        c.due = c.due.map(day);
        for step in &mut c.history {
            step.on = day(step.on);
        }
    }
    for a in &mut model.assessments {
        a.taken_at = time(a.taken_at);
    }
    for s in &mut model.snapshots {
        s.taken_at = time(s.taken_at);
    }
}

/// The text of a sample's file, for tests (the app fetches it instead).
#[cfg(test)]
pub(crate) fn sample_file(key: &str) -> Option<&'static str> {
    Some(match key {
        "ecommerce" => include_str!("../../../../public/samples/ecommerce.opmodel.json"),
        "saas" => include_str!("../../../../public/samples/saas.opmodel.json"),
        "agency" => include_str!("../../../../public/samples/agency.opmodel.json"),
        _ => return None,
    })
}

/// A sample opened from its file as the app opens it, for tests; `None`
/// for an unknown key.
#[cfg(test)]
pub(crate) fn sample(key: &str, id: String, now: DateTime<Utc>) -> Option<Model> {
    let text = sample_file(key)?;
    Some(open_sample(text.as_bytes(), id, now).expect("a sample file loads"))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet, HashSet};

    use chrono::{Days, TimeZone};

    use serde_json::Value;

    use super::*;
    use crate::model::workflow::automation::{self, Missing};
    use crate::model::workflow::checks::{self, WorkflowFindingKind};
    use crate::model::{load, to_file_json, validate};
    use CorrectionStatus::{Approved, Evaluated, Implemented, Proposed, Rejected, Validated};
    use ElementKind::{Data, Outcome, Process, System, Workflow};
    use Raci::{A, R};
    use Reversibility::Irreversible;
    use Significance::Significant;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap()
    }

    fn open(key: &str, now: DateTime<Utc>) -> Model {
        sample(key, format!("model-{key}"), now).expect("a known sample")
    }

    /// The gaps each sample is meant to show, written out by hand; the tests
    /// compute them from the data and compare.
    struct Expected {
        key: &'static str,
        no_owner: &'static [&'static str],
        shared_owner: &'static [&'static str],
        owner_without_r: &'static [&'static str],
        unused_roles: &'static [&'static str],
        overloaded: &'static str,
        no_decider: &'static [&'static str],
        two_deciders: &'static [&'static str],
        unchecked_irreversible: &'static [&'static str],
        self_escalation: &'static [&'static str],
        rights_not_ownership: &'static [&'static str],
        same_holder_a_and_r: &'static [&'static str],
        named_after_holder: &'static [&'static str],
    }

    const EXPECTED: [Expected; 3] = [
        Expected {
            key: "ecommerce",
            no_owner: &["el-data-customer-records", "el-out-customer-satisfaction"],
            shared_owner: &["el-returns-refunds"],
            owner_without_r: &["el-data-supplier-master"],
            unused_roles: &["role-sustainability"],
            overloaded: "role-head-ops",
            no_decider: &["dec-share-customer-data"],
            two_deciders: &["dec-new-supplier"],
            unchecked_irreversible: &["dec-carrier-contract"],
            self_escalation: &["dec-stock-write-off"],
            rights_not_ownership: &[],
            same_holder_a_and_r: &[],
            named_after_holder: &[],
        },
        Expected {
            key: "saas",
            no_owner: &["el-data-customer-accounts"],
            shared_owner: &["el-customer-onboarding"],
            owner_without_r: &["el-access-reviews"],
            unused_roles: &["role-dpo"],
            overloaded: "role-cto",
            no_decider: &["dec-grant-prod-access"],
            two_deciders: &["dec-price-list"],
            unchecked_irreversible: &["dec-delete-workspace"],
            self_escalation: &["dec-declare-incident"],
            rights_not_ownership: &["dec-custom-sla"],
            same_holder_a_and_r: &[],
            named_after_holder: &[],
        },
        Expected {
            key: "agency",
            no_owner: &["el-data-credentials"],
            shared_owner: &["el-change-requests"],
            owner_without_r: &["el-data-contracts"],
            unused_roles: &["role-accessibility"],
            overloaded: "role-studio-manager",
            no_decider: &["dec-invoice-credit"],
            two_deciders: &["dec-scope-change"],
            unchecked_irreversible: &["dec-delete-client-site"],
            self_escalation: &["dec-fixed-price-quote"],
            rights_not_ownership: &[],
            same_holder_a_and_r: &["el-new-business"],
            named_after_holder: &["role-tom-becker"],
        },
    ];

    fn set(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn letter_count(e: &Element, letter: Raci) -> usize {
        e.assignments.values().filter(|&&l| l == letter).count()
    }

    fn deciders(d: &Decision) -> Vec<&str> {
        d.rights
            .iter()
            .filter(|(_, l)| l.as_str() == "A")
            .map(|(r, _)| r.as_str())
            .collect()
    }

    /// Days after which a review with this cadence is late.
    fn period(cadence: Cadence) -> u64 {
        match cadence {
            Cadence::Daily => 1,
            Cadence::Weekly => 7,
            Cadence::Monthly => 31,
            Cadence::Quarterly => 92,
            Cadence::Annual => 366,
        }
    }

    fn review_overdue(r: &Review, today: NaiveDate) -> bool {
        let last = r.last_held.expect("every sample review has been held");
        last.checked_add_days(Days::new(period(r.cadence))).unwrap() < today
    }

    fn correction_overdue(c: &Correction, today: NaiveDate) -> bool {
        matches!(c.due, Some(due) if due < today) && !matches!(c.status, Validated | Rejected)
    }

    #[test]
    fn the_picker_lists_three_distinct_samples_that_all_open() {
        let keys: HashSet<&str> = SAMPLES.iter().map(|s| s.key).collect();
        assert_eq!(keys.len(), 3);
        for info in SAMPLES {
            let m = open(info.key, now());
            assert!(m.name.starts_with(info.name), "{}", m.name);
            assert!(!info.summary.is_empty() && info.summary.ends_with('.'));
            assert!(EXPECTED.iter().any(|e| e.key == info.key));
        }
    }

    #[test]
    fn each_sample_is_fetched_from_its_file_in_public() {
        let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public");
        for info in SAMPLES {
            let url = info.url();
            assert_eq!(url, format!("/samples/{}.opmodel.json", info.key));
            let on_disk = std::fs::read_to_string(public.join(&url[1..])).expect("the file");
            assert_eq!(Some(on_disk.as_str()), sample_file(info.key), "{url}");
        }
        assert!(sample_file("nope").is_none());
    }

    /// The files are as the app writes a model (pretty-printed, schema
    /// version 3), dated on the anchor day.
    #[test]
    fn the_files_are_model_files_written_on_the_anchor_day() {
        let anchor = ANCHOR.and_hms_opt(0, 0, 0).unwrap().and_utc();
        for info in SAMPLES {
            let text = sample_file(info.key).unwrap();
            let m = load(text.as_bytes()).unwrap();
            assert_eq!(m.id, format!("sample-{}", info.key));
            assert_eq!((m.created_at, m.updated_at), (anchor, anchor));
            assert_eq!(
                text,
                format!("{}\n", to_file_json(&m, anchor)),
                "{}",
                info.key
            );
        }
    }

    /// A model with something in every dated field.
    fn dated() -> Model {
        let mut m = Model::new(
            "m".into(),
            "Dated",
            Utc.with_ymd_and_hms(2025, 12, 31, 23, 0, 0).unwrap(),
        );
        let day = |y, mo, d| NaiveDate::from_ymd_opt(y, mo, d).unwrap();
        m.reviews.push(Review {
            id: "rev".into(),
            name: "Review".into(),
            level: ReviewLevel::Tactical,
            cadence: Cadence::Weekly,
            owner: None,
            elements: Vec::new(),
            metrics: Vec::new(),
            last_held: Some(day(2025, 12, 20)),
        });
        m.corrections.push(Correction {
            id: "cor".into(),
            finding: "Late".into(),
            review: Some("rev".into()),
            owner: None,
            due: Some(day(2025, 12, 31)),
            status: Evaluated,
            history: vec![
                StatusChange {
                    status: Proposed,
                    on: day(2025, 11, 15),
                    note: String::new(),
                },
                StatusChange {
                    status: Evaluated,
                    on: day(2026, 1, 1),
                    note: "Seen".into(),
                },
            ],
        });
        m.assessments.push(Assessment {
            id: "as".into(),
            kind: AssessmentKind::Quick,
            taken_at: Utc.with_ymd_and_hms(2025, 12, 31, 23, 0, 0).unwrap(),
            answers: BTreeMap::new(),
            scores: BTreeMap::new(),
            overall: 40.0,
            team: None,
        });
        m.snapshots.push(Snapshot {
            taken_at: Utc.with_ymd_and_hms(2026, 1, 1, 8, 15, 0).unwrap(),
            metrics: BTreeMap::new(),
        });
        m
    }

    /// Every date of [`dated`], in the order of its fields.
    fn dates_of(m: &Model) -> Vec<String> {
        vec![
            m.created_at.to_rfc3339(),
            m.updated_at.to_rfc3339(),
            m.reviews[0].last_held.unwrap().to_string(),
            m.corrections[0].due.unwrap().to_string(),
            m.corrections[0].history[0].on.to_string(),
            m.corrections[0].history[1].on.to_string(),
            m.assessments[0].taken_at.to_rfc3339(),
            m.snapshots[0].taken_at.to_rfc3339(),
        ]
    }

    #[test]
    fn shifting_by_no_days_changes_nothing() {
        let mut m = dated();
        shift_dates(&mut m, 0);
        assert_eq!(m, dated());
    }

    #[test]
    fn shifting_moves_every_date_across_year_ends_and_back() {
        let mut m = dated();
        shift_dates(&mut m, 400);
        assert_eq!(
            dates_of(&m),
            [
                "2027-02-04T23:00:00+00:00",
                "2027-02-04T23:00:00+00:00",
                "2027-01-24",
                "2027-02-04",
                "2026-12-20",
                "2027-02-05",
                "2027-02-04T23:00:00+00:00",
                "2027-02-05T08:15:00+00:00",
            ]
        );
        assert_eq!(validate(&m), Ok(()));
        shift_dates(&mut m, -400);
        assert_eq!(m, dated());

        let mut m = dated();
        shift_dates(&mut m, -400);
        assert_eq!(
            dates_of(&m),
            [
                "2024-11-26T23:00:00+00:00",
                "2024-11-26T23:00:00+00:00",
                "2024-11-15",
                "2024-11-26",
                "2024-10-11",
                "2024-11-27",
                "2024-11-26T23:00:00+00:00",
                "2024-11-27T08:15:00+00:00",
            ]
        );
        assert_eq!(validate(&m), Ok(()));
    }

    #[test]
    fn shifting_past_the_calendar_stops_at_its_ends() {
        let mut m = dated();
        shift_dates(&mut m, i64::MAX);
        assert_eq!(m.reviews[0].last_held, Some(NaiveDate::MAX));
        assert_eq!(m.snapshots[0].taken_at, DateTime::<Utc>::MAX_UTC);
        let mut m = dated();
        shift_dates(&mut m, -1_000_000_000);
        assert_eq!(m.corrections[0].due, Some(NaiveDate::MIN));
        assert_eq!(m.assessments[0].taken_at, DateTime::<Utc>::MIN_UTC);
    }

    /// Every value of the file that is a date or a time comes out moved by
    /// the days since the anchor, and every other value unchanged but the
    /// id: no dated field of a sample is left behind.
    #[test]
    fn opening_moves_every_dated_value_of_the_file() {
        fn walk(file: &Value, opened: &Value, days: i64, path: &str, moved: &mut usize) {
            match (file, opened) {
                (Value::Object(a), Value::Object(b)) => {
                    assert_eq!(a.len(), b.len(), "{path}");
                    for (k, v) in a {
                        walk(v, &b[k], days, &format!("{path}.{k}"), moved);
                    }
                }
                (Value::Array(a), Value::Array(b)) => {
                    assert_eq!(a.len(), b.len(), "{path}");
                    for (i, (x, y)) in a.iter().zip(b).enumerate() {
                        walk(x, y, days, &format!("{path}[{i}]"), moved);
                    }
                }
                (Value::String(a), Value::String(b)) => {
                    let by = TimeDelta::days(days);
                    if let Ok(d) = a.parse::<NaiveDate>() {
                        assert_eq!(b.parse::<NaiveDate>(), Ok(d + by), "{path}");
                        *moved += 1;
                    } else if let Ok(t) = a.parse::<DateTime<Utc>>() {
                        assert_eq!(b.parse::<DateTime<Utc>>(), Ok(t + by), "{path}");
                        *moved += 1;
                    } else {
                        assert_eq!(a, b, "{path}");
                    }
                }
                (a, b) => assert_eq!(a, b, "{path}"),
            }
        }
        let when = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
        let days = (when.date_naive() - ANCHOR).num_days();
        for info in SAMPLES {
            let file = load(sample_file(info.key).unwrap().as_bytes()).unwrap();
            let mut opened = sample(info.key, file.id.clone(), when).unwrap();
            assert_eq!((opened.created_at, opened.updated_at), (when, when));
            // Written at midnight on the anchor day: the same as moved.
            opened.created_at = file.created_at + TimeDelta::days(days);
            opened.updated_at = opened.created_at;
            let mut moved = 0;
            walk(
                &serde_json::to_value(&file).unwrap(),
                &serde_json::to_value(&opened).unwrap(),
                days,
                "model",
                &mut moved,
            );
            let m = &file;
            let expected = 2
                + m.reviews.iter().filter(|r| r.last_held.is_some()).count()
                + m.corrections
                    .iter()
                    .map(|c| usize::from(c.due.is_some()) + c.history.len())
                    .sum::<usize>()
                + m.assessments.len()
                + m.snapshots.len();
            assert_eq!(moved, expected, "{}", info.key);
        }
    }

    #[test]
    fn opening_on_the_anchor_day_gives_the_file_with_a_new_id_and_time() {
        let noon = ANCHOR.and_hms_opt(12, 0, 0).unwrap().and_utc();
        for info in SAMPLES {
            let text = sample_file(info.key).unwrap();
            let mut expected = load(text.as_bytes()).unwrap();
            expected.id = "new".into();
            expected.created_at = noon;
            expected.updated_at = noon;
            assert_eq!(
                open_sample(text.as_bytes(), "new".into(), noon),
                Ok(expected)
            );
        }
    }

    #[test]
    fn a_broken_file_gives_the_load_paths_message() {
        for text in ["", "{", "{\"format\": \"opmodel\"}"] {
            assert_eq!(
                open_sample(text.as_bytes(), "x".into(), now()).map_err(|e| e.to_string()),
                load(text.as_bytes()).map_err(|e| e.to_string()),
            );
            assert!(open_sample(text.as_bytes(), "x".into(), now()).is_err());
        }
    }

    #[test]
    fn samples_take_the_given_id_and_time_and_are_deterministic() {
        for info in SAMPLES {
            let m = sample(info.key, "abc-123".into(), now()).unwrap();
            assert_eq!(m.id, "abc-123");
            assert_eq!(m.created_at, now());
            assert_eq!(m.updated_at, now());
            assert_eq!(m.settings.vocabulary, Vocabulary::Raci);
            assert_eq!(m, sample(info.key, "abc-123".into(), now()).unwrap());
        }
    }

    #[test]
    fn samples_pass_validation() {
        for info in SAMPLES {
            let m = open(info.key, now());
            assert_eq!(validate(&m), Ok(()), "{}", info.key);
        }
    }

    #[test]
    fn inner_ids_are_unique_readable_slugs() {
        for info in SAMPLES {
            let m = open(info.key, now());
            let all: Vec<(&str, &str)> = m
                .roles
                .iter()
                .map(|r| ("role-", r.id.as_str()))
                .chain(m.elements.iter().map(|e| ("el-", e.id.as_str())))
                .chain(m.decisions.iter().map(|d| ("dec-", d.id.as_str())))
                .chain(m.reviews.iter().map(|r| ("rev-", r.id.as_str())))
                .chain(m.corrections.iter().map(|c| ("cor-", c.id.as_str())))
                .collect();
            let mut seen = HashSet::new();
            for (prefix, id) in all {
                assert!(seen.insert(id), "{}: {id} used twice", info.key);
                assert!(id.starts_with(prefix), "{id}");
                assert!(
                    id.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{id}"
                );
            }
        }
    }

    #[test]
    fn sizes_are_in_the_intended_ranges() {
        for info in SAMPLES {
            let m = open(info.key, now());
            let k = info.key;
            assert!((8..=12).contains(&m.roles.len()), "{k} roles");
            assert!((16..=24).contains(&m.elements.len()), "{k} elements");
            assert!((6..=10).contains(&m.decisions.len()), "{k} decisions");
            assert!((3..=5).contains(&m.reviews.len()), "{k} reviews");
            assert!((3..=6).contains(&m.corrections.len()), "{k} corrections");
            for kind in ElementKind::ALL {
                assert!(m.elements.iter().any(|e| e.kind == kind), "{k} {kind:?}");
            }
            for level in [
                ReviewLevel::Tactical,
                ReviewLevel::Operational,
                ReviewLevel::Strategic,
            ] {
                assert!(m.reviews.iter().any(|r| r.level == level), "{k} {level:?}");
            }
            assert!(m.roles.iter().filter(|r| r.holder.is_some()).count() >= 2);
            let mut statuses = Vec::new();
            for c in &m.corrections {
                if !statuses.contains(&c.status) {
                    statuses.push(c.status);
                }
            }
            assert!(statuses.len() >= 4, "{k} correction statuses");
        }
    }

    #[test]
    fn every_item_is_described() {
        for info in SAMPLES {
            let m = open(info.key, now());
            assert!(m.roles.iter().all(|r| !r.description.is_empty()));
            assert!(m.elements.iter().all(|e| !e.description.is_empty()));
            for d in &m.decisions {
                assert!(!d.description.is_empty(), "{}", d.id);
                assert!(!d.documentation.is_empty(), "{}", d.id);
                assert!(!d.elements.is_empty(), "{}", d.id);
                assert!(!d.rights.is_empty(), "{}", d.id);
                if d.authority.kind == AuthorityKind::Conditional {
                    assert!(!d.authority.condition.is_empty(), "{}", d.id);
                    assert!(d.authority.threshold.is_some(), "{}", d.id);
                }
            }
            assert!(m
                .decisions
                .iter()
                .any(|d| d.authority.kind == AuthorityKind::Conditional));
            for r in &m.reviews {
                assert!(r.owner.is_some() && !r.metrics.is_empty() && !r.elements.is_empty());
            }
        }
    }

    #[test]
    fn ownership_gaps_are_exactly_the_deliberate_ones() {
        for exp in &EXPECTED {
            let m = open(exp.key, now());
            let ids_where = |f: &dyn Fn(&Element) -> bool| -> BTreeSet<String> {
                m.elements
                    .iter()
                    .filter(|e| f(e))
                    .map(|e| e.id.clone())
                    .collect()
            };
            assert_eq!(
                ids_where(&|e| letter_count(e, A) == 0),
                set(exp.no_owner),
                "{} no owner",
                exp.key
            );
            assert_eq!(
                ids_where(&|e| letter_count(e, A) >= 2),
                set(exp.shared_owner),
                "{} shared owner",
                exp.key
            );
            assert_eq!(
                ids_where(&|e| letter_count(e, A) >= 1 && letter_count(e, R) == 0),
                set(exp.owner_without_r),
                "{} owner without R",
                exp.key
            );

            let used: HashSet<&str> = m
                .elements
                .iter()
                .flat_map(|e| e.assignments.keys())
                .chain(m.decisions.iter().flat_map(|d| d.rights.keys()))
                .map(String::as_str)
                .collect();
            let unused: BTreeSet<String> = m
                .roles
                .iter()
                .filter(|r| !used.contains(r.id.as_str()))
                .map(|r| r.id.clone())
                .collect();
            assert_eq!(unused, set(exp.unused_roles), "{} unused roles", exp.key);
            // The unused roles are not mentioned anywhere else either.
            let json = serde_json::to_string(&m).unwrap();
            for id in exp.unused_roles {
                assert_eq!(json.matches(&format!("\"{id}\"")).count(), 1, "{id}");
            }

            let mut owned: BTreeMap<&str, usize> = BTreeMap::new();
            for e in &m.elements {
                for (role, letter) in &e.assignments {
                    if *letter == A {
                        *owned.entry(role.as_str()).or_default() += 1;
                    }
                }
            }
            assert!(owned[exp.overloaded] >= 7, "{} overload", exp.key);
            for (role, n) in &owned {
                if *role != exp.overloaded {
                    assert!(*n <= 3, "{}: {role} owns {n}", exp.key);
                }
            }
        }
    }

    #[test]
    fn people_and_roles_gaps_are_exactly_the_deliberate_ones() {
        for exp in &EXPECTED {
            let m = open(exp.key, now());
            let holder = |id: &str| m.role(id).and_then(|r| r.holder.clone());
            let same_holder: BTreeSet<String> = m
                .elements
                .iter()
                .filter(|e| {
                    e.assignments.iter().any(|(a, la)| {
                        *la == A
                            && e.assignments.iter().any(|(r, lr)| {
                                *lr == R && holder(a).is_some() && holder(a) == holder(r)
                            })
                    })
                })
                .map(|e| e.id.clone())
                .collect();
            assert_eq!(same_holder, set(exp.same_holder_a_and_r), "{}", exp.key);

            let named: BTreeSet<String> = m
                .roles
                .iter()
                .filter(|r| r.holder.as_deref() == Some(r.name.as_str()))
                .map(|r| r.id.clone())
                .collect();
            assert_eq!(named, set(exp.named_after_holder), "{}", exp.key);
        }
    }

    #[test]
    fn decision_gaps_are_exactly_the_deliberate_ones() {
        for exp in &EXPECTED {
            let m = open(exp.key, now());
            let ids_where = |f: &dyn Fn(&Decision) -> bool| -> BTreeSet<String> {
                m.decisions
                    .iter()
                    .filter(|d| f(d))
                    .map(|d| d.id.clone())
                    .collect()
            };
            assert_eq!(
                ids_where(&|d| deciders(d).is_empty()),
                set(exp.no_decider),
                "{} no decider",
                exp.key
            );
            assert_eq!(
                ids_where(&|d| deciders(d).len() >= 2),
                set(exp.two_deciders),
                "{} two deciders",
                exp.key
            );
            assert_eq!(
                ids_where(&|d| {
                    d.significance == Significant
                        && d.reversibility == Irreversible
                        && d.approvals.is_empty()
                        && d.escalations.is_empty()
                }),
                set(exp.unchecked_irreversible),
                "{} unchecked irreversible",
                exp.key
            );
            assert_eq!(
                ids_where(&|d| {
                    let who = deciders(d);
                    d.escalations.iter().any(|x| who.contains(&x.role.as_str()))
                }),
                set(exp.self_escalation),
                "{} self escalation",
                exp.key
            );
            // A decider who is accountable for none of the decision's elements.
            assert_eq!(
                ids_where(&|d| {
                    let who = deciders(d);
                    !who.is_empty()
                        && !d.elements.iter().any(|el| {
                            m.element(el).is_some_and(|e| {
                                who.iter().any(|r| e.assignments.get(*r) == Some(&A))
                            })
                        })
                }),
                set(exp.rights_not_ownership),
                "{} rights not matching ownership",
                exp.key
            );
            assert!(m.decisions.iter().any(|d| !d.vetoes.is_empty()));
            assert!(m.decisions.iter().any(|d| !d.approvals.is_empty()));
        }
    }

    #[test]
    fn some_elements_are_covered_by_no_review() {
        for info in SAMPLES {
            let m = open(info.key, now());
            let covered: HashSet<&str> = m
                .reviews
                .iter()
                .flat_map(|r| r.elements.iter().map(String::as_str))
                .collect();
            let uncovered = m
                .elements
                .iter()
                .filter(|e| !covered.contains(e.id.as_str()))
                .count();
            assert!(
                (1..=m.elements.len() / 4).contains(&uncovered),
                "{}: {uncovered}",
                info.key
            );
        }
    }

    #[test]
    fn some_reviews_are_overdue_and_some_not_whatever_the_day() {
        let later = now() + chrono::Duration::days(365);
        let leap = Utc.with_ymd_and_hms(2028, 2, 29, 23, 59, 0).unwrap();
        for day in [now(), later, leap] {
            let today = day.date_naive();
            for info in SAMPLES {
                let m = open(info.key, day);
                let overdue: Vec<&str> = m
                    .reviews
                    .iter()
                    .filter(|r| review_overdue(r, today))
                    .map(|r| r.id.as_str())
                    .collect();
                assert_eq!(overdue.len(), 1, "{} on {today}: {overdue:?}", info.key);
                assert!(m.reviews.iter().all(|r| r.last_held.unwrap() <= today));
                // Overdue by a clear margin, so a gentler rule still sees it.
                let r = m.reviews.iter().find(|r| r.id == overdue[0]).unwrap();
                let late_by = (today - r.last_held.unwrap()).num_days() as u64;
                assert!(late_by * 2 >= period(r.cadence) * 3, "{}", r.id);
            }
        }
    }

    #[test]
    fn corrections_have_a_consistent_dated_history() {
        let order = |s: CorrectionStatus| match s {
            Proposed => 0,
            Evaluated => 1,
            Approved => 2,
            Implemented => 3,
            Validated => 4,
            Rejected => 5,
        };
        for info in SAMPLES {
            let m = open(info.key, now());
            let today = now().date_naive();
            for c in &m.corrections {
                assert!(c.owner.is_some(), "{}", c.id);
                let h = &c.history;
                assert_eq!(h.first().unwrap().status, Proposed, "{}", c.id);
                assert_eq!(h.last().unwrap().status, c.status, "{}", c.id);
                for pair in h.windows(2) {
                    assert!(pair[0].on <= pair[1].on, "{}", c.id);
                    assert!(order(pair[0].status) < order(pair[1].status), "{}", c.id);
                    assert_ne!(pair[0].status, Rejected, "{}", c.id);
                }
                assert!(h.iter().all(|s| s.on <= today), "{}", c.id);
                if c.status == Rejected {
                    assert!(c.due.is_none(), "{}", c.id);
                }
            }
            assert!(
                m.corrections
                    .iter()
                    .any(|c| c.status != Implemented && correction_overdue(c, today)),
                "{} overdue correction",
                info.key
            );
            assert!(
                m.corrections.iter().any(|c| c.status == Implemented),
                "{} implemented, not validated",
                info.key
            );
            assert!(m.corrections.iter().any(|c| c.status == Validated));
        }
    }

    /// The workflow findings each sample shows on purpose (every one in
    /// `tests/fixtures/samples-gaps.md`), in the order the checks give
    /// them: (element, kind, stage).
    type FlowGap = (&'static str, WorkflowFindingKind, Option<&'static str>);
    const WORKFLOW_GAPS: [(&str, &[FlowGap]); 3] = {
        use WorkflowFindingKind::*;
        [
            (
                "ecommerce",
                &[
                    ("el-wf-return-inspection", MatrixDisagrees, Some("refund")),
                    ("el-wf-return-inspection", HandoffNoCheck, Some("refund")),
                    ("el-wf-return-inspection", UnownedResource, Some("refund")),
                ],
            ),
            (
                "saas",
                &[
                    ("el-wf-ticket-triage", ExceptionNoRole, None),
                    ("el-wf-ticket-triage", UnownedResource, Some("identify")),
                    ("el-wf-ticket-triage", NoExitCriteria, Some("severity")),
                ],
            ),
            (
                "agency",
                &[
                    ("el-wf-design-signoff", MatrixDisagrees, Some("present")),
                    ("el-wf-design-signoff", DecisionNoDecider, Some("revise")),
                    ("el-wf-qa-launch", ExceptionNoRole, None),
                    ("el-wf-qa-launch", NoExitCriteria, Some("accessibility")),
                    ("el-wf-qa-launch", UnownedResource, Some("switch")),
                ],
            ),
        ]
    };

    /// The automation view of each sample: the workflows ready to automate,
    /// then the ones to define first with what they miss, in matrix order.
    type DefineFirst = (&'static str, &'static [Missing]);
    const RANKING: [(&str, &[&str], &[DefineFirst]); 3] = {
        use Missing::*;
        [
            (
                "ecommerce",
                &["el-wf-pick-pack"],
                &[
                    ("el-wf-return-inspection", &[OpenProblems]),
                    ("el-wf-promo-launch", &[Stages, Review]),
                    ("el-wf-stock-reorder", &[Stages]),
                ],
            ),
            (
                "saas",
                &["el-wf-bug-fix"],
                &[
                    ("el-wf-ticket-triage", &[ExitCriteria, OpenProblems]),
                    ("el-wf-deploy", &[Stages]),
                    ("el-wf-trial-conversion", &[Stages, Review]),
                    ("el-wf-feature-requests", &[Stages]),
                ],
            ),
            (
                "agency",
                &[],
                &[
                    ("el-wf-design-signoff", &[OpenProblems]),
                    ("el-wf-qa-launch", &[ExitCriteria, OpenProblems]),
                    ("el-wf-kickoff", &[Stages]),
                    ("el-wf-deploy", &[Stages, Review]),
                ],
            ),
        ]
    };

    #[test]
    fn samples_have_complete_looking_workflows() {
        for info in SAMPLES {
            let m = open(info.key, now());
            let k = info.key;
            let kind = |id: &str| m.element(id).map(|e| e.kind);
            let flows = m
                .workflows
                .iter()
                .filter(|w| kind(&w.element) == Some(Workflow))
                .count();
            assert!(flows >= 2, "{k} workflows");
            for w in &m.workflows {
                let el = &w.element;
                assert!(
                    matches!(kind(el), Some(Process | Workflow)),
                    "{k}: {el} is not a process or workflow"
                );
                assert_eq!(
                    m.workflows.iter().filter(|x| &x.element == el).count(),
                    1,
                    "{el}: one record"
                );
                assert!(!w.trigger.is_empty(), "{el} trigger");
                for x in w.inputs.iter().chain(&w.outputs) {
                    assert!(!x.what.is_empty() && x.role.is_some(), "{el}: {x:?}");
                }
                assert!(!w.outputs.is_empty(), "{el}");
                for id in &w.systems {
                    assert_eq!(kind(id), Some(System), "{el}: {id}");
                }
                if kind(el) == Some(Process) {
                    // A process's card (the operating map): what starts it,
                    // what it hands on, the workflows it contains and the
                    // outcomes it produces; the stages are its workflows'.
                    assert!(w.stages.is_empty() && w.exceptions.is_empty(), "{el}");
                    for id in &w.contains {
                        assert_eq!(kind(id), Some(Workflow), "{el}: {id}");
                    }
                    for id in &w.produces {
                        assert_eq!(kind(id), Some(Outcome), "{el}: {id}");
                    }
                    continue;
                }
                assert!(w.contains.is_empty() && w.produces.is_empty(), "{el}");
                assert!((4..=8).contains(&w.stages.len()), "{el} stages");
                assert!(!w.inputs.is_empty(), "{el}");
                assert!(!w.exceptions.is_empty(), "{el} exceptions");
                assert!(w.exceptions.iter().all(|x| !x.action.is_empty()), "{el}");
                assert!(w.volume.is_some() && w.minutes_per_run.is_some(), "{el}");
                let hours = w.hours_per_year().unwrap();
                assert!((50.0..=5000.0).contains(&hours), "{el}: {hours} hours");
                assert!(w.handoffs().count() >= 1, "{el} handoffs");
                for i in w.handoffs() {
                    // What is passed is always said; a missing check is a
                    // deliberate gap, pinned below.
                    assert!(!w.stages[i].handoff.passed.is_empty(), "{el} handoff {i}");
                }
                let points: Vec<&str> = w
                    .stages
                    .iter()
                    .filter_map(|s| s.decision.as_deref())
                    .collect();
                assert!(!points.is_empty(), "{el} decision point");
                assert!(points.iter().all(|d| m.decision(d).is_some()), "{el}");
                for s in &w.stages {
                    assert!(s.role.is_some() && !s.entry.is_empty(), "{el}/{}", s.id);
                    assert!(!s.duration.is_empty(), "{el}/{}", s.id);
                    for id in &s.systems {
                        assert_eq!(kind(id), Some(System), "{el}/{}: {id}", s.id);
                        assert!(w.systems.contains(id), "{el}: {id} not listed");
                    }
                    for id in s.reads.iter().chain(&s.writes) {
                        assert_eq!(kind(id), Some(Data), "{el}/{}: {id}", s.id);
                    }
                }
            }
        }
    }

    #[test]
    fn workflow_gaps_are_exactly_the_deliberate_ones() {
        for (key, expected) in WORKFLOW_GAPS {
            let m = open(key, now());
            let got: Vec<(String, WorkflowFindingKind, Option<String>)> = checks::check_all(&m)
                .into_iter()
                .map(|f| (f.element, f.kind, f.stage))
                .collect();
            let expected: Vec<(String, WorkflowFindingKind, Option<String>)> = expected
                .iter()
                .map(|&(e, kind, s)| (e.to_string(), kind, s.map(Into::into)))
                .collect();
            assert_eq!(got, expected, "{key}");
        }
    }

    #[test]
    fn the_automation_view_splits_ready_and_define_first_as_intended() {
        let mut ready_somewhere = false;
        for (key, ready, define_first) in RANKING {
            let m = open(key, now());
            let r = automation::rank(&m);
            let got: Vec<&str> = r.ready.iter().map(|c| c.element.as_str()).collect();
            assert_eq!(got, ready, "{key} ready");
            let got: Vec<(&str, &[Missing])> = r
                .define_first
                .iter()
                .map(|c| (c.element.as_str(), c.missing.as_slice()))
                .collect();
            assert_eq!(got, define_first, "{key} define first");
            // A workflow with a record but not ready is held back by more
            // than a missing record.
            assert!(r
                .define_first
                .iter()
                .any(|c| m.workflow(&c.element).is_some()));
            for c in &r.ready {
                assert!(c.hours_per_year.is_some() && c.exceptions >= 1, "{key}");
            }
            ready_somewhere |= !r.ready.is_empty();
        }
        assert!(ready_somewhere);
    }

    #[test]
    fn samples_survive_a_file_round_trip() {
        for info in SAMPLES {
            let m = open(info.key, now());
            let text = to_file_json(&m, now());
            assert_eq!(load(text.as_bytes()).unwrap(), m, "{}", info.key);
        }
    }
}
