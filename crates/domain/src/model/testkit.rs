//! Short ways to build a model in tests, through the same edits the app
//! makes (`Model::apply`), so a model built here is one a person could have
//! made. Not used by the app itself (the release build drops it).

use super::edit::EditError;
use super::history::Op;
use super::types::*;

/// A model of about 1 MiB as the app writes it, for timing the load path:
/// 300 roles, 1,500 elements with 20 letters each (a map, whose keys the
/// scan for keys written twice reads).
pub fn one_mib_model(now: chrono::DateTime<chrono::Utc>) -> Model {
    let mut m = Model::new("m-big".into(), "Big", now);
    for i in 0..300 {
        m.roles.push(Role {
            id: format!("role-{i:04}"),
            name: format!("Role number {i}"),
            description: "Accountable for a part of the operation.".into(),
            holder: None,
        });
    }
    for i in 0..1_500 {
        m.elements.push(Element {
            id: format!("element-{i:05}"),
            name: format!("Element number {i}"),
            kind: ElementKind::ALL[i % 5],
            description: "Something the operation does or holds.".into(),
            assignments: (0..20)
                .map(|j| {
                    (
                        format!("role-{:04}", (i * 7 + j * 13) % 300),
                        Raci::ALL[j % 4],
                    )
                })
                .collect(),
        });
    }
    m
}

/// Adds `roles` roles, "Role 0", "Role 1", ... (ids `role-000`, ...), and
/// returns the id of role `j`, counted round.
fn numbered_roles(m: &mut Model, roles: usize) -> impl Fn(usize) -> Id {
    for j in 0..roles {
        m.roles.push(Role {
            id: format!("role-{j:03}"),
            name: format!("Role {j}"),
            description: String::new(),
            holder: None,
        });
    }
    move |j: usize| format!("role-{:03}", j % roles)
}

/// A model of `workflows` workflow elements across `roles` roles, each
/// described by `stages` stages (for timing the workflow checks and the
/// automation ranking): one owner per workflow, its stages done by roles in
/// turn (so the work changes hands at every stage), exit criteria and
/// handoffs written on most, a volume and a time per run, and a weekly
/// review covering every other workflow. Valid (tested), and a mix of
/// ready and not-ready work, as a real model would be.
pub fn workflows_model(
    workflows: usize,
    stages: usize,
    roles: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> Model {
    use super::workflow::{Handoff, Period, Stage, Volume, Workflow};
    let mut m = Model::new("m-flows".into(), "Flows", now);
    let role = numbered_roles(&mut m, roles);
    let mut review = Vec::new();
    for i in 0..workflows {
        let id = format!("flow-{i:05}");
        let mut assignments: std::collections::BTreeMap<Id, Raci> = (0..stages.min(roles))
            .map(|k| (role(i + k), Raci::R))
            .collect();
        // Every 10th workflow has no owner: a problem, so not ready.
        if i % 10 != 3 {
            assignments.insert(role(i), Raci::AR);
        }
        m.elements.push(Element {
            id: id.clone(),
            name: format!("Workflow {i}"),
            kind: ElementKind::Workflow,
            description: String::new(),
            assignments,
        });
        let mut w = Workflow::new(id.clone());
        w.trigger = "A request arrives".into();
        w.outputs.push(super::workflow::Exchange {
            what: "The request done".into(),
            role: Some(role(i + 1)),
        });
        w.volume = Some(Volume {
            runs: (i % 40 + 1) as f64,
            per: [Period::Day, Period::Week, Period::Month][i % 3],
        });
        w.minutes_per_run = Some((i % 90 + 5) as f64);
        w.stages = (0..stages)
            .map(|k| Stage {
                id: format!("s{k}"),
                name: format!("Stage {k}"),
                role: Some(role(i + k)),
                // Every 7th workflow misses one exit criterion.
                exit: if i % 7 == 5 && k == stages / 2 {
                    String::new()
                } else {
                    "Checked and complete".into()
                },
                handoff: Handoff {
                    passed: "The work so far".into(),
                    check: "It is complete".into(),
                },
                ..Default::default()
            })
            .collect();
        m.workflows.push(w);
        if i % 2 == 0 {
            review.push(id);
        }
    }
    m.reviews.push(Review {
        id: "review-weekly".into(),
        name: "Weekly operations review".into(),
        level: ReviewLevel::Operational,
        cadence: Cadence::Weekly,
        owner: Some(role(0)),
        elements: review,
        metrics: Vec::new(),
        last_held: Some(now.date_naive()),
    });
    m
}

/// Builder edits for tests.
pub trait Kit {
    /// Adds a role at the end.
    fn add_role(&mut self, id: Id, name: &str) -> Result<(), EditError>;
    /// Adds an element at the end, with no letters.
    fn add_element(&mut self, id: Id, name: &str, kind: ElementKind) -> Result<(), EditError>;
    /// Sets (or with `None` clears) one letter of the matrix.
    fn set_assignment(
        &mut self,
        element: &str,
        role: &str,
        letter: Option<Raci>,
    ) -> Result<(), EditError>;
    /// Renames the model.
    fn rename(&mut self, name: &str) -> Result<(), EditError>;
}

impl Kit for Model {
    fn add_role(&mut self, id: Id, name: &str) -> Result<(), EditError> {
        let role = Role {
            id,
            name: name.into(),
            description: String::new(),
            holder: None,
        };
        self.apply(Op::AddRole {
            index: usize::MAX,
            role,
        })
        .map(drop)
    }

    fn add_element(&mut self, id: Id, name: &str, kind: ElementKind) -> Result<(), EditError> {
        let element = Element {
            id,
            name: name.into(),
            kind,
            description: String::new(),
            assignments: Default::default(),
        };
        self.apply(Op::AddElement {
            index: usize::MAX,
            element,
        })
        .map(drop)
    }

    fn set_assignment(
        &mut self,
        element: &str,
        role: &str,
        letter: Option<Raci>,
    ) -> Result<(), EditError> {
        self.apply(Op::SetAssignment {
            element: element.into(),
            role: role.into(),
            letter,
        })
        .map(drop)
    }

    fn rename(&mut self, name: &str) -> Result<(), EditError> {
        self.apply(Op::RenameModel(name.into())).map(drop)
    }
}

/// A model for the operating map: `units` of five elements each (an
/// outcome, a process, a workflow, a data entity, a system) and a metric,
/// across `roles` roles, linked about ten times per unit: the process
/// produces an outcome and contains a workflow, the workflow runs on a
/// system and reads and writes data, the data has a source of truth and a
/// copy, a flow joins two systems, the metric measures the outcome. The
/// links go to scattered units, so the model's own order crosses many
/// lines. 60 units are the bench's 300 elements and 600 links. Every 7th
/// element has no owner and every 5th metric no review: gaps to find.
pub fn map_model(units: usize, roles: usize, now: chrono::DateTime<chrono::Utc>) -> Model {
    use super::map::{DataEntity, Flow, Hold, Mechanism, Metric};
    use super::workflow::{Stage, Workflow};
    let mut m = Model::new("m-map".into(), "Map", now);
    let roles = roles.max(1);
    let role = numbered_roles(&mut m, roles);
    let n = units.max(1);
    let id = |kind: &str, i: usize| format!("{kind}-{:04}", i % n);
    let kinds = [
        ("out", ElementKind::Outcome),
        ("proc", ElementKind::Process),
        ("wf", ElementKind::Workflow),
        ("data", ElementKind::Data),
        ("sys", ElementKind::System),
    ];
    let mut count = 0;
    for (key, kind) in kinds {
        for i in 0..units {
            let mut assignments = std::collections::BTreeMap::new();
            if count % 7 != 3 {
                assignments.insert(role(i + count), Raci::A);
            }
            assignments.insert(role(i + count + 1), Raci::R);
            m.elements.push(Element {
                id: id(key, i),
                name: format!("{} {i}", kind.label()),
                kind,
                description: String::new(),
                assignments,
            });
            count += 1;
        }
    }
    let mut reviewed = Vec::new();
    for i in 0..units {
        let mut p = Workflow::new(id("proc", i));
        p.produces = vec![id("out", i * 7 + 3)];
        p.contains = vec![id("wf", i * 3 + 1)];
        m.workflows.push(p);
        let mut w = Workflow::new(id("wf", i));
        w.systems = vec![id("sys", i * 5 + 2)];
        w.stages = vec![Stage {
            id: "s1".into(),
            name: "Do the work".into(),
            role: Some(role(i)),
            exit: "Done".into(),
            reads: vec![id("data", i + 2)],
            writes: vec![id("data", i)],
            ..Default::default()
        }];
        m.workflows.push(w);
        let mut d = DataEntity::new(id("data", i));
        d.definition = format!("Data entity {i}, as the business means it.");
        d.systems.insert(id("sys", i * 3), Hold::Source);
        d.systems.insert(id("sys", i + 1), Hold::Copy);
        m.data_entities.push(d);
        m.flows.push(Flow {
            id: format!("flow-{i:04}"),
            from: id("sys", i),
            to: id("sys", i + 1),
            carries: vec![id("data", i)],
            mechanism: if i % 4 == 0 {
                Mechanism::ManualEntry
            } else {
                Mechanism::Integration
            },
            schedule: "Nightly".into(),
            validation: String::new(),
        });
        let mut k = Metric::new(format!("met-{i:04}"), format!("Metric {i}"));
        k.owner = Some(role(i));
        k.definition = "What it counts.".into();
        k.measures = Some(id("out", i));
        m.metrics.push(k);
        if i % 5 != 2 {
            reviewed.push(format!("met-{i:04}"));
        }
    }
    let mut r = Review::new("review-monthly".into(), "Monthly review");
    r.metrics = reviewed;
    m.reviews.push(r);
    m
}

#[cfg(test)]
mod map_model_tests {
    #[test]
    fn the_map_model_is_valid_and_has_the_bench_size() {
        let now = chrono::DateTime::from_timestamp(0, 0).unwrap();
        let m = super::map_model(60, 12, now);
        assert_eq!(crate::model::validate(&m), Ok(()));
        assert_eq!(m.elements.len(), 300);
        let g = crate::model::map::graph::graph(
            &m,
            &[],
            &crate::model::map::graph::MapFilter::default(),
        );
        // Per unit: produces, contains, runs on, reads (another's data),
        // writes, source, copy, flow, measures; the odd pair coincides.
        assert!((520..=600).contains(&g.edges.len()), "{}", g.edges.len());
    }
}
