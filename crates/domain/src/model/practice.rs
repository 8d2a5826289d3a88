//! A generated model file for the import reader to practise on before a
//! real file arrives (see `prepare_import` in `src/ui/files.rs`): every
//! kind of item the file format holds, with every optional field written,
//! so each of the reader's functions runs, and enough of them (about 30 KB,
//! the size of a sample file) for its parsing loops to run hot.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Utc};

use super::envelope::to_file_json;
use super::types::*;
use super::workflow::{Exception, Exchange, Handoff, Leverage, Period, Stage, Volume};

/// Roles in the practice model; the other lists are sized from it.
const ROLES: usize = 5;

/// The practice model's file, written at `now` as the app writes a file.
pub fn practice_file(now: DateTime<Utc>) -> String {
    to_file_json(&practice_model(now), now)
}

/// The model behind [`practice_file`]: `ROLES` roles, five elements per
/// role (every kind) with four letters each, and per role a decision, a
/// review, a correction with its history, an assessment, a snapshot and a
/// four-stage workflow. Valid (tested).
pub fn practice_model(now: DateTime<Utc>) -> Model {
    let role = |i: usize| format!("role-{}", i % ROLES);
    let element = |i: usize| format!("el-{i}");
    let today = now.date_naive();
    let day = |back: u64| today.checked_sub_days(Days::new(back)).unwrap_or(today);
    let mut m = Model::new("practice".into(), "Practice", now);
    for i in 0..ROLES {
        m.roles.push(Role {
            id: role(i),
            name: format!("Role {i}"),
            description: "Answers for a part of the operation.".into(),
            holder: Some(format!("Person {i}")),
        });
    }
    for i in 0..ROLES * 5 {
        m.elements.push(Element {
            id: element(i),
            name: format!("Element {i}"),
            kind: ElementKind::ALL[i % 5],
            description: "Something the operation does or holds.".into(),
            assignments: (0..4).map(|j| (role(i + j), Raci::ALL[j])).collect(),
        });
    }
    for i in 0..ROLES {
        let system = element(i * 5 + 3);
        let data = element(i * 5 + 2);
        let next_system = element(((i + 1) % ROLES) * 5 + 3);
        m.metrics.push(Metric {
            id: format!("met-{i}"),
            name: format!("Lead time {i}"),
            definition: "Days from request to result.".into(),
            calculation: "Median over the month.".into(),
            owner: Some(role(i)),
            measures: Some(element(i * 5)),
            target: "Under 2 days".into(),
        });
        m.data_entities.push(DataEntity {
            element: data.clone(),
            definition: "A customer with a signed contract.".into(),
            systems: BTreeMap::from([
                (system.clone(), Hold::Source),
                (next_system.clone(), Hold::Copy),
            ]),
        });
        m.flows.push(Flow {
            id: format!("flow-{i}"),
            from: system,
            to: next_system,
            carries: vec![data],
            mechanism: Mechanism::ScheduledExport,
            schedule: "Nightly".into(),
            validation: "Row counts match.".into(),
        });
    }
    for i in 0..ROLES {
        let flow = element(i * 5 + 1);
        let system = element(i * 5 + 3);
        let data = element(i * 5 + 2);
        m.decisions.push(Decision {
            id: format!("dec-{i}"),
            name: format!("Decision {i}"),
            description: "A choice the operation makes often.".into(),
            significance: Significance::Significant,
            reversibility: Reversibility::Irreversible,
            authority: Authority {
                kind: AuthorityKind::Conditional,
                condition: "Above the threshold".into(),
                threshold: Some(Threshold {
                    amount: 5_000.5,
                    unit: "EUR".into(),
                }),
            },
            rights: (0..4)
                .map(|j| (role(i + j), ["R", "A", "C", "I"][j].into()))
                .collect(),
            approvals: vec![Approval {
                role: role(i + 1),
                when: "Always".into(),
            }],
            escalations: vec![Escalation {
                condition: "No agreement".into(),
                role: role(i + 2),
            }],
            vetoes: vec![Veto {
                role: role(i + 3),
                circumstances: "A legal risk".into(),
                record: "In the minutes".into(),
            }],
            documentation: "The policy page.".into(),
            elements: vec![flow.clone(), data.clone()],
        });
        m.reviews.push(Review {
            id: format!("rev-{i}"),
            name: format!("Review {i}"),
            level: ReviewLevel::Operational,
            cadence: Cadence::Weekly,
            owner: Some(role(i)),
            elements: (0..5).map(|j| element(i * 5 + j)).collect(),
            metrics: vec![format!("met-{i}"), format!("met-{}", (i + 1) % ROLES)],
            last_held: Some(day(3)),
        });
        m.corrections.push(Correction {
            id: format!("cor-{i}"),
            finding: "Work waits between two teams.".into(),
            review: Some(format!("rev-{i}")),
            owner: Some(role(i)),
            due: Some(day(0)),
            status: CorrectionStatus::Approved,
            history: [
                CorrectionStatus::Proposed,
                CorrectionStatus::Evaluated,
                CorrectionStatus::Approved,
            ]
            .into_iter()
            .zip([30, 20, 10])
            .map(|(status, back)| StatusChange {
                status,
                on: day(back),
                note: "Agreed.".into(),
            })
            .collect(),
        });
        m.assessments.push(Assessment {
            id: format!("as-{i}"),
            kind: AssessmentKind::Quick,
            taken_at: now,
            answers: (0..6).map(|j| (format!("q{j}"), (j % 4) as u8)).collect(),
            scores: (0..6).map(|j| (format!("d{j}"), 12.5 * j as f64)).collect(),
            overall: 40.25,
            team: None,
        });
        m.snapshots.push(Snapshot {
            taken_at: now,
            metrics: BTreeMap::from([("ownership".into(), 87.5), ("decisions".into(), 60.0)]),
        });
        m.workflows.push(Workflow {
            element: flow.clone(),
            trigger: "A request arrives".into(),
            inputs: vec![Exchange {
                what: "The request".into(),
                role: Some(role(i + 1)),
            }],
            outputs: vec![Exchange {
                what: "The result".into(),
                role: Some(role(i + 2)),
            }],
            exceptions: vec![Exception {
                condition: "Something is missing".into(),
                role: Some(role(i)),
                action: "Ask for it".into(),
            }],
            volume: Some(Volume {
                runs: 12.0,
                per: Period::Week,
            }),
            minutes_per_run: Some(25.5),
            systems: vec![system.clone()],
            contains: vec![element(((i + 1) % ROLES) * 5 + 1)],
            produces: vec![element(i * 5 + 4)],
            stages: (0..4)
                .map(|j| Stage {
                    id: format!("s{j}"),
                    name: format!("Stage {j}"),
                    role: Some(role(i + j)),
                    entry: "The stage before is done".into(),
                    exit: "Checked against the list".into(),
                    systems: vec![system.clone()],
                    reads: vec![data.clone()],
                    writes: vec![data.clone()],
                    duration: "1 hour".into(),
                    decision: (j == 2).then(|| format!("dec-{i}")),
                    handoff: Handoff {
                        passed: "The file".into(),
                        check: "It is complete".into(),
                    },
                })
                .collect(),
            leverage: Some(Leverage::TimeRecovery),
        });
    }
    m
}

/// One round of comparing and merging on the practice model, for the
/// browser to compile that code before a person asks for it (see
/// `prepare_round_trip` in `src/ui/pages/incoming.rs`): theirs renames a
/// role, changes two letters and removes an element; mine changes one of
/// those letters otherwise and adds a role. Returns the number of changes
/// and of conflicts found, so the work is not optimised away.
pub fn rehearse_round_trip(base: &Model) -> (usize, usize) {
    use super::compare::compare;
    use super::merge::merge;
    let mut theirs = base.clone();
    let mut mine = base.clone();
    if let Some(r) = theirs.roles.first_mut() {
        r.name.push_str(" (theirs)");
    }
    let first_role = base.roles.first().map(|r| r.id.clone());
    if let Some(role) = first_role {
        for (e, letter) in theirs.elements.iter_mut().zip([Raci::C, Raci::I]) {
            e.assignments.insert(role.clone(), letter);
        }
        if let Some(e) = mine.elements.first_mut() {
            e.assignments.insert(role, Raci::R);
        }
    }
    theirs.elements.pop();
    let mut extra = base.roles.first().cloned().unwrap_or_else(|| Role {
        id: String::new(),
        name: String::new(),
        description: String::new(),
        holder: None,
    });
    extra.id = "rehearsal-role".into();
    extra.name = "Rehearsal".into();
    mine.roles.push(extra);
    let changes = compare(&mine, &theirs).changes.len();
    let merged = merge(base, &mine, &theirs);
    (changes, merged.conflicts.len())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::TimeZone;
    use serde_json::Value;

    use super::*;
    use crate::model::samples::{sample_file, SAMPLES};
    use crate::model::{load, validate};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap()
    }

    /// Every path of object keys in a JSON value, with array positions and
    /// the keys of maps (role ids, question ids, metric names, the system
    /// ids of a data entity) left out.
    fn key_paths(v: &Value, path: &str, out: &mut BTreeSet<String>) {
        let map = [
            "assignments",
            "rights",
            "answers",
            "scores",
            "metrics",
            "dataEntities.systems",
        ]
        .iter()
        .any(|m| path.ends_with(&format!(".{m}")));
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    let p = if map {
                        format!("{path}.*")
                    } else {
                        format!("{path}.{k}")
                    };
                    key_paths(x, &p, out);
                    out.insert(p);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| key_paths(x, path, out)),
            _ => {}
        }
    }

    #[test]
    fn the_practice_file_is_a_valid_model_the_app_reads_back() {
        let m = practice_model(now());
        assert_eq!(validate(&m), Ok(()));
        let text = practice_file(now());
        assert_eq!(load(text.as_bytes()), Ok(m));
        assert!((28_000..46_000).contains(&text.len()), "{}", text.len());
    }

    /// It reaches every field the sample files reach, and more (the
    /// samples have no assessments or snapshots).
    #[test]
    fn the_practice_file_writes_every_field_the_samples_write() {
        let practice: Value = serde_json::from_str(&practice_file(now())).unwrap();
        let mut has = BTreeSet::new();
        key_paths(&practice, "", &mut has);
        for info in SAMPLES {
            let sample: Value = serde_json::from_str(sample_file(info.key).unwrap()).unwrap();
            let mut wants = BTreeSet::new();
            key_paths(&sample, "", &mut wants);
            let missing: Vec<&String> = wants.difference(&has).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", info.key);
        }
        for field in [".model.assessments.takenAt", ".model.snapshots.metrics.*"] {
            assert!(has.contains(field), "{field}");
        }
    }

    #[test]
    fn the_round_trip_rehearsal_finds_changes_and_a_conflict() {
        let base = practice_model(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap());
        let (changes, conflicts) = rehearse_round_trip(&base);
        assert!(changes >= 4, "{changes}");
        assert_eq!(conflicts, 1);
    }
}
