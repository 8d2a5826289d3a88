//! Tests of the quiz as a whole: a table of answer profiles, properties over
//! many pseudo-random answer sets, and saving.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};

use super::*;
use crate::model::layers::{Layer, Stage};
use crate::model::types::AssessmentKind;

use Dimension::*;
use WarningKind::*;

const KINDS: [AssessmentKind; 2] = [AssessmentKind::Quick, AssessmentKind::Full];

/// Answers where every question of a dimension gets the same level: 0 is the
/// weakest option, 3 the strongest, `None` leaves the dimension unanswered.
fn answers_with(
    kind: AssessmentKind,
    level: impl Fn(Dimension) -> Option<u8>,
) -> BTreeMap<String, u8> {
    questions(kind)
        .iter()
        .filter_map(|q| {
            let l = level(q.dimension)?;
            let top = (q.options.len() - 1) as u8;
            Some((q.id.to_string(), l.min(top)))
        })
        .collect()
}

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

/// Random answers; about one question in six is left unanswered.
fn random_answers(kind: AssessmentKind, seed: &mut u64) -> BTreeMap<String, u8> {
    let mut answers = BTreeMap::new();
    for q in questions(kind) {
        let skip = lcg(seed) % 6 == 0;
        let answer = (lcg(seed) as usize % q.options.len()) as u8;
        if !skip {
            answers.insert(q.id.to_string(), answer);
        }
    }
    answers
}

struct Row {
    name: &'static str,
    level: fn(Dimension) -> Option<u8>,
    placement: Layer,
    stage: Stage,
    levers: &'static [Dimension],
    warnings: &'static [WarningKind],
}

const ROWS: &[Row] = &[
    Row {
        name: "all weakest",
        level: |_| Some(0),
        placement: Layer::Tools,
        stage: Stage::ToolDeployment,
        levers: &[Tools, Workflows],
        warnings: &[],
    },
    Row {
        name: "nothing answered",
        level: |_| None,
        placement: Layer::Tools,
        stage: Stage::ToolDeployment,
        levers: &[Tools, Workflows],
        warnings: &[],
    },
    Row {
        name: "all strongest",
        level: |_| Some(3),
        placement: Layer::OperatingSystem,
        stage: Stage::OperatingSystemConstruction,
        levers: &[Tools],
        warnings: &[],
    },
    Row {
        name: "all in place but not exercised",
        level: |_| Some(2),
        placement: Layer::OperatingSystem,
        stage: Stage::OperatingSystemConstruction,
        levers: &[Tools],
        warnings: &[],
    },
    Row {
        name: "all informal",
        level: |_| Some(1),
        placement: Layer::Tools,
        stage: Stage::ToolDeployment,
        levers: &[Tools, Workflows],
        warnings: &[],
    },
    Row {
        name: "strong everywhere but workflows",
        level: |d| Some(if d == Workflows { 0 } else { 3 }),
        placement: Layer::Tools,
        stage: Stage::ToolDeployment,
        levers: &[Workflows],
        warnings: &[AutomatedVariance],
    },
    Row {
        name: "strong everywhere but tools",
        level: |d| Some(if d == Tools { 0 } else { 3 }),
        placement: Layer::Tools,
        stage: Stage::ToolDeployment,
        levers: &[Tools],
        warnings: &[],
    },
    Row {
        name: "strong tools and workflows, nothing else",
        level: |d| Some(if matches!(d, Tools | Workflows) { 3 } else { 0 }),
        placement: Layer::Workflows,
        stage: Stage::WorkflowDefinition,
        levers: &[Automation],
        warnings: &[],
    },
    Row {
        name: "strong tools, workflows and governance, no automation",
        level: |d| {
            Some(if matches!(d, Automation | Integration) {
                0
            } else {
                3
            })
        },
        placement: Layer::Workflows,
        stage: Stage::WorkflowDefinition,
        levers: &[Automation],
        warnings: &[OverheadWithoutLeverage],
    },
    Row {
        name: "strong automation on weak workflows and no governance",
        level: |d| {
            Some(if matches!(d, Tools | Automation) {
                3
            } else {
                0
            })
        },
        placement: Layer::Tools,
        stage: Stage::ToolDeployment,
        levers: &[Workflows],
        warnings: &[AutomatedVariance, AutomatedDrift],
    },
    Row {
        name: "strong governance on nothing else",
        level: |d| Some(if d.is_pillar() { 3 } else { 0 }),
        placement: Layer::Tools,
        stage: Stage::ToolDeployment,
        levers: &[Tools, Workflows],
        warnings: &[OverheadWithoutLeverage],
    },
    Row {
        name: "three layers strong, no governance",
        level: |d| {
            Some(if matches!(d, Tools | Workflows | Automation) {
                3
            } else {
                0
            })
        },
        placement: Layer::Automation,
        stage: Stage::AutomationImplementation,
        levers: &[Ownership, DecisionRights, Review],
        warnings: &[AutomatedDrift],
    },
    Row {
        name: "three layers strong, pillars uneven",
        level: |d| {
            Some(match d {
                Ownership => 1,
                DecisionRights | Correction => 0,
                Review => 2,
                _ => 3,
            })
        },
        placement: Layer::Automation,
        stage: Stage::AutomationImplementation,
        levers: &[DecisionRights, Correction, Ownership],
        warnings: &[AutomatedDrift],
    },
    Row {
        name: "one weak pillar, weak integration",
        level: |d| {
            Some(if matches!(d, Review | Integration) {
                1
            } else {
                3
            })
        },
        placement: Layer::Automation,
        stage: Stage::AutomationImplementation,
        levers: &[Review, Integration],
        warnings: &[],
    },
    Row {
        name: "only integration weak",
        level: |d| Some(if d == Integration { 0 } else { 3 }),
        placement: Layer::Automation,
        stage: Stage::AutomationImplementation,
        levers: &[Integration],
        warnings: &[],
    },
    Row {
        name: "only automation answered, strong",
        level: |d| (d == Automation).then_some(3),
        placement: Layer::Tools,
        stage: Stage::ToolDeployment,
        levers: &[Tools, Workflows],
        warnings: &[],
    },
    Row {
        name: "only the layers answered, all strong",
        level: |d| matches!(d, Tools | Workflows | Automation).then_some(3),
        placement: Layer::Automation,
        stage: Stage::AutomationImplementation,
        levers: &[Ownership, DecisionRights, Review],
        warnings: &[],
    },
];

#[test]
fn table_of_profiles() {
    for kind in KINDS {
        for row in ROWS {
            let answers = answers_with(kind, row.level);
            let r = score(kind, &answers);
            let ctx = format!("{kind:?} / {}", row.name);
            assert_eq!(r.placement, row.placement, "{ctx}");
            assert_eq!(r.stage, row.stage, "{ctx}");
            let levers: Vec<Dimension> = r.levers.iter().map(|l| l.dimension).collect();
            assert_eq!(levers, row.levers, "{ctx}");
            let warnings: Vec<WarningKind> = r.warnings.iter().map(|w| w.kind).collect();
            assert_eq!(warnings, row.warnings, "{ctx}");
            assert_eq!(r.answered, answers.len(), "{ctx}");
            assert_eq!(r.total, questions(kind).len(), "{ctx}");
        }
    }
}

#[test]
fn scores_of_simple_profiles() {
    for kind in KINDS {
        let r = score(kind, &answers_with(kind, |_| Some(3)));
        assert_eq!(r.overall, 100.0);
        assert!(r.dimensions.iter().all(|(_, s)| *s == 100.0));
        assert!(is_complete(kind, &answers_with(kind, |_| Some(3))));

        let r = score(kind, &answers_with(kind, |_| Some(0)));
        assert_eq!(r.overall, 0.0);

        let r = score(kind, &answers_with(kind, |_| Some(2)));
        assert_eq!(r.overall, 66.7);
        assert_eq!(r.score_of(Review), 66.7);
        assert!(r.is_established(Review));

        let r = score(kind, &BTreeMap::new());
        assert_eq!(r.overall, 0.0);
        assert_eq!(r.answered, 0);
        assert!(!is_complete(kind, &BTreeMap::new()));

        // Unanswered questions are ignored, not counted as zero.
        let r = score(kind, &answers_with(kind, |d| (d == Tools).then_some(3)));
        assert_eq!(r.score_of(Tools), 100.0);
        assert_eq!(r.score_of(Workflows), 0.0);
        assert_eq!(r.overall, 12.5);
    }
}

#[test]
fn dimension_score_is_the_mean_of_answered_questions() {
    let kind = AssessmentKind::Full;
    let tools: Vec<&Question> = questions(kind)
        .iter()
        .filter(|q| q.dimension == Tools)
        .collect();
    let mut answers = BTreeMap::new();
    answers.insert(tools[0].id.to_string(), 3); // 100
    answers.insert(tools[1].id.to_string(), 1); // 33.3
    answers.insert(tools[2].id.to_string(), 2); // 66.7
    let r = score(kind, &answers);
    assert_eq!(r.score_of(Tools), 66.7);
    assert_eq!(r.answered, 3);
    // Invalid entries are ignored.
    answers.insert(tools[3].id.to_string(), 4);
    answers.insert("not-a-question".into(), 1);
    answers.insert("q-tools-1".into(), 0); // from the other bank
    assert_eq!(score(kind, &answers).score_of(Tools), 66.7);
    assert_eq!(score(kind, &answers).answered, 3);
}

#[test]
fn dimensions_are_listed_in_order() {
    let r = score(AssessmentKind::Quick, &BTreeMap::new());
    let dims: Vec<Dimension> = r.dimensions.iter().map(|(d, _)| *d).collect();
    assert_eq!(dims, Dimension::ALL);
}

#[test]
fn is_complete_needs_every_question_with_a_valid_answer() {
    for kind in KINDS {
        let mut answers = answers_with(kind, |_| Some(1));
        assert!(is_complete(kind, &answers));
        let first = questions(kind)[0].id.to_string();
        answers.insert(first.clone(), 7);
        assert!(!is_complete(kind, &answers));
        answers.remove(&first);
        assert!(!is_complete(kind, &answers));
    }
}

#[test]
fn improving_an_answer_never_lowers_a_score_or_the_placement() {
    let mut seed = 42;
    for kind in KINDS {
        for _ in 0..600 {
            let answers = random_answers(kind, &mut seed);
            let before = score(kind, &answers);
            for q in questions(kind) {
                let Some(&a) = answers.get(q.id) else {
                    continue;
                };
                for better in a + 1..q.options.len() as u8 {
                    let mut improved = answers.clone();
                    improved.insert(q.id.to_string(), better);
                    let after = score(kind, &improved);
                    assert!(
                        after.overall >= before.overall,
                        "{kind:?} {} {a}->{better}",
                        q.id
                    );
                    assert!(
                        after.placement >= before.placement,
                        "{kind:?} {} {a}->{better}",
                        q.id
                    );
                    assert!(after.stage >= before.stage);
                    for ((d, s0), (_, s1)) in before.dimensions.iter().zip(&after.dimensions) {
                        assert!(s1 >= s0, "{d:?} fell: {s0} -> {s1}");
                    }
                }
            }
        }
    }
}

/// The lowest layer that is not established, from a result.
fn first_weak(r: &QuizResult) -> Option<Layer> {
    Layer::ALL.into_iter().find(|&l| !r.layer_established(l))
}

#[test]
fn levers_follow_the_investment_rule() {
    let mut seed = 99;
    for kind in KINDS {
        for _ in 0..3000 {
            let r = score(kind, &random_answers(kind, &mut seed));
            assert!((1..=MAX_LEVERS).contains(&r.levers.len()));
            for l in &r.levers {
                assert!((2..=3).contains(&l.steps.len()), "{l:?}");
                assert!(
                    !l.title.is_empty() && l.diagnosis.ends_with('.') && l.why_first.ends_with('.')
                );
                assert!(
                    !l.diagnosis.contains("  ") && !l.why_first.contains("  "),
                    "{l:?}"
                );
            }
            let dims: Vec<Dimension> = r.levers.iter().map(|l| l.dimension).collect();
            // The placement is the layer just below the first weak one.
            let weak = first_weak(&r);
            match weak {
                Some(Layer::Tools) => {
                    assert_eq!(r.placement, Layer::Tools);
                    assert_eq!(dims[0], Tools);
                    assert!(dims.iter().all(|d| matches!(d, Tools | Workflows)));
                }
                Some(Layer::Workflows) => {
                    // Variance: workflows, not automation.
                    assert_eq!(r.placement, Layer::Tools);
                    assert_eq!(dims, [Workflows]);
                }
                Some(Layer::Automation) => {
                    // Compliance drift: automation, not governance.
                    assert_eq!(r.placement, Layer::Workflows);
                    assert_eq!(dims, [Automation]);
                }
                Some(Layer::OperatingSystem) => {
                    // Brittleness: governance, weakest pillar first.
                    assert_eq!(r.placement, Layer::Automation);
                    assert!(dims.iter().all(|d| d.is_pillar() || *d == Integration));
                    let pillar_scores: Vec<f64> = dims
                        .iter()
                        .filter(|d| d.is_pillar())
                        .map(|&d| r.score_of(d))
                        .collect();
                    assert!(pillar_scores.windows(2).all(|w| w[0] <= w[1]));
                    if let Some(weakest) = Dimension::PILLARS
                        .iter()
                        .map(|&d| r.score_of(d))
                        .reduce(f64::min)
                    {
                        if weakest < ESTABLISHED_THRESHOLD {
                            assert_eq!(r.score_of(dims[0]), weakest);
                        }
                    }
                }
                None => {
                    assert_eq!(r.placement, Layer::OperatingSystem);
                    assert_eq!(dims.len(), 1);
                }
            }
            assert_eq!(r.stage, r.placement.stage());
        }
    }
}

#[test]
fn warnings_match_their_thresholds() {
    let mut seed = 5;
    for kind in KINDS {
        for _ in 0..3000 {
            let answers = random_answers(kind, &mut seed);
            let r = score(kind, &answers);
            let answered = |d: Dimension| {
                questions(kind)
                    .iter()
                    .any(|q| q.dimension == d && answers.contains_key(q.id))
            };
            let all_pillars = Dimension::PILLARS.iter().all(|&d| answered(d));
            let auto = r.score_of(Automation);
            let gov = r.governance();
            let strong_auto = answered(Automation) && auto >= STRONG_THRESHOLD;
            let expect_variance = strong_auto
                && answered(Workflows)
                && r.score_of(Workflows) < UNSTABLE_WORKFLOWS_BELOW;
            let expect_drift = strong_auto && all_pillars && gov < WEAK_GOVERNANCE_BELOW;
            let expect_overhead = all_pillars
                && gov >= STRONG_THRESHOLD
                && answered(Automation)
                && auto < WEAK_AUTOMATION_BELOW;
            let has = |k: WarningKind| r.warnings.iter().any(|w| w.kind == k);
            assert_eq!(has(AutomatedVariance), expect_variance);
            assert_eq!(has(AutomatedDrift), expect_drift);
            assert_eq!(has(OverheadWithoutLeverage), expect_overhead);
            for w in &r.warnings {
                assert!(!w.title.is_empty() && w.text.ends_with('.') && !w.text.contains("  "));
            }
        }
    }
}

#[test]
fn to_assessment_stores_what_was_scored() {
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let mut answers = answers_with(AssessmentKind::Quick, |d| {
        Some(if d.is_pillar() { 1 } else { 2 })
    });
    answers.insert("junk".into(), 1);
    answers.insert("q-tools-2".into(), 9);
    let a = to_assessment(AssessmentKind::Quick, answers.clone(), "a1".into(), at);
    assert_eq!(a.id, "a1");
    assert_eq!(a.kind, AssessmentKind::Quick);
    assert_eq!(a.taken_at, at);
    assert!(!a.answers.contains_key("junk") && !a.answers.contains_key("q-tools-2"));
    assert_eq!(a.answers.len(), 11);
    let r = score(AssessmentKind::Quick, &answers);
    assert_eq!(a.overall, r.overall);
    assert_eq!(a.scores.len(), 8);
    for (d, s) in &r.dimensions {
        assert_eq!(a.scores.get(d.key()), Some(s));
    }
    // It survives the file format.
    let json = serde_json::to_string(&a).unwrap();
    let back: crate::model::types::Assessment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}

#[test]
fn shared_answers_score_the_same() {
    let mut seed = 17;
    for kind in KINDS {
        for _ in 0..200 {
            let answers = random_answers(kind, &mut seed);
            let (k, back) = decode_share(&encode_share(kind, &answers)).unwrap();
            assert_eq!(k, kind);
            assert_eq!(score(k, &back), score(kind, &answers));
        }
    }
}

#[test]
fn the_previous_result_is_the_newest_complete_one_with_other_answers() {
    use crate::model::quiz::{previous_result, to_assessment};
    let quick = |option: u8| -> BTreeMap<String, u8> {
        questions(AssessmentKind::Quick)
            .iter()
            .map(|q| (q.id.to_string(), option))
            .collect()
    };
    let at = chrono::DateTime::UNIX_EPOCH;
    let mut draft = quick(1);
    draft.pop_first();
    let saved = vec![
        to_assessment(AssessmentKind::Quick, quick(0), "a".into(), at),
        to_assessment(AssessmentKind::Quick, quick(2), "b".into(), at),
        to_assessment(AssessmentKind::Quick, draft, "c".into(), at),
    ];
    // The draft is not complete; the newest complete one is "b".
    assert_eq!(
        previous_result(&saved, &quick(3)),
        Some(score(AssessmentKind::Quick, &quick(2)))
    );
    // The same answers as "b": compared with "a" instead.
    assert_eq!(
        previous_result(&saved, &quick(2)),
        Some(score(AssessmentKind::Quick, &quick(0)))
    );
    assert_eq!(previous_result(&[], &quick(2)), None);
    assert_eq!(
        score(AssessmentKind::Quick, &quick(2)).dimension_scores()[0].0,
        Dimension::ALL[0].label()
    );
}
