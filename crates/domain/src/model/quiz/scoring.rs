//! From answers to scores, a placement on the hierarchy, levers and warnings.
//!
//! # Scores
//!
//! - A question's points are its option index scaled to 0-100: the weakest
//!   option is 0, the strongest 100 (with four options: 0, 33.3, 66.7, 100).
//! - A dimension's score is the mean of the points of its answered questions.
//!   Unanswered questions, ids that are not in the bank and indexes that are
//!   not an option are ignored. A dimension with no answer scores 0.
//! - The overall score is the plain mean of the eight dimension scores, so the
//!   three lower layers and integration weigh half, and the four pillars of
//!   governance the other half.
//! - Every score is rounded to one decimal before anything else uses it, so
//!   the number a person sees is exactly the number compared with the
//!   thresholds.
//!
//! # Placement
//!
//! A layer is *established* when its score reaches [`ESTABLISHED_THRESHOLD`].
//! For the operating-system layer that means integration *and each of the four
//! pillars* reach it: governance needs all four pillars, and a strong pillar
//! cannot make up for a missing one.
//!
//! Layers depend on the ones below them, so the organization is placed at the
//! highest layer L such that every layer from tools up to L is established. A
//! strong upper layer never lifts the placement over a weak lower one. When
//! not even tools are established, the placement is still tools: the
//! organization is building its tool base (stage 1). Improving an answer never
//! lowers a score, and so never lowers the placement.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::advice::{self, Lever, Warning};
use super::bank::questions;
use super::dimension::Dimension;
use crate::model::layers::{Layer, Stage};
use crate::model::types::{Assessment, AssessmentKind};

/// The score (0-100) from which a dimension, and a layer, counts as established.
pub const ESTABLISHED_THRESHOLD: f64 = 60.0;

/// Everything the quiz says about one set of answers.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizResult {
    /// 0-100: the mean of the eight dimension scores.
    pub overall: f64,
    /// All eight dimensions in [`Dimension::ALL`] order, each 0-100.
    pub dimensions: Vec<(Dimension, f64)>,
    /// The layer the organization operates at.
    pub placement: Layer,
    /// The maturity stage matching the placement.
    pub stage: Stage,
    /// Where to invest, most urgent first (one to three).
    pub levers: Vec<Lever>,
    /// Dangerous combinations found in the answers (possibly none).
    pub warnings: Vec<Warning>,
    /// How many questions of the bank have a valid answer.
    pub answered: usize,
    /// How many questions the bank has.
    pub total: usize,
}

impl QuizResult {
    /// The eight dimensions' scores by label, in the bank's order (what the
    /// radar and its table show).
    pub fn dimension_scores(&self) -> Vec<(String, f64)> {
        self.dimensions
            .iter()
            .map(|(d, s)| (d.label().to_string(), *s))
            .collect()
    }

    /// The score of one dimension.
    pub fn score_of(&self, dimension: Dimension) -> f64 {
        self.dimensions
            .iter()
            .find(|(d, _)| *d == dimension)
            .map_or(0.0, |(_, s)| *s)
    }

    /// Whether a dimension reaches [`ESTABLISHED_THRESHOLD`].
    pub fn is_established(&self, dimension: Dimension) -> bool {
        self.score_of(dimension) >= ESTABLISHED_THRESHOLD
    }

    /// The mean of the four pillars of governance.
    pub fn governance(&self) -> f64 {
        self.profile().governance()
    }

    /// Whether a layer is established on its own (see the module docs), not
    /// considering the layers below it.
    pub fn layer_established(&self, layer: Layer) -> bool {
        self.profile().layer_established(layer)
    }

    fn profile(&self) -> Profile {
        let mut p = Profile::default();
        for d in Dimension::ALL {
            p.scores[d.index()] = self.score_of(d);
        }
        p
    }
}

/// Scores a set of answers (question id -> option index). Answers may be
/// partial; see the module docs for how each number is computed.
pub fn score(kind: AssessmentKind, answers: &BTreeMap<String, u8>) -> QuizResult {
    let (profile, answered) = Profile::from_answers(kind, answers);
    result_of_profile(kind, &profile, answered)
}

/// Everything the quiz says about a profile: the one place its rules are
/// applied, for one person's answers and for a team's means alike.
fn result_of_profile(kind: AssessmentKind, profile: &Profile, answered: usize) -> QuizResult {
    let overall = round1(profile.scores.iter().sum::<f64>() / profile.scores.len() as f64);
    let placement = profile.placement();
    QuizResult {
        overall,
        dimensions: Dimension::ALL
            .into_iter()
            .map(|d| (d, profile.score(d)))
            .collect(),
        placement,
        stage: placement.stage(),
        levers: advice::levers(profile),
        warnings: advice::warnings(profile),
        answered,
        total: questions(kind).len(),
    }
}

/// What the quiz says about scores that are no one person's answers (a
/// team's mean per dimension, `scores` in [`Dimension::ALL`] order, with
/// how many answers each stands on): placement, stage, levers and warnings
/// by the same rules as for one person.
pub fn result_of_scores(
    kind: AssessmentKind,
    scores: [f64; 8],
    answered: [usize; 8],
) -> QuizResult {
    let profile = Profile {
        scores: scores.map(round1),
        answered,
    };
    result_of_profile(kind, &profile, answered.iter().sum())
}

/// The result to compare a new one with: the newest complete assessment
/// whose answers differ from `answers` (the same answers saved again would
/// compare with themselves).
pub fn previous_result(
    assessments: &[crate::model::types::Assessment],
    answers: &BTreeMap<String, u8>,
) -> Option<QuizResult> {
    assessments
        .iter()
        .rev()
        .find(|a| is_complete(a.kind, &a.answers) && &a.answers != answers)
        .map(|a| score(a.kind, &a.answers))
}

/// Whether every question of the bank has a valid answer.
pub fn is_complete(kind: AssessmentKind, answers: &BTreeMap<String, u8>) -> bool {
    questions(kind)
        .iter()
        .all(|q| answers.get(q.id).is_some_and(|&a| q.points(a).is_some()))
}

/// A saved assessment: the valid answers (others are dropped, so what is
/// stored is exactly what was scored), each dimension's score under its key,
/// and the overall score.
pub fn to_assessment(
    kind: AssessmentKind,
    answers: BTreeMap<String, u8>,
    id: String,
    taken_at: DateTime<Utc>,
) -> Assessment {
    let answers: BTreeMap<String, u8> = answers
        .into_iter()
        .filter(|(qid, a)| {
            questions(kind)
                .iter()
                .any(|q| q.id == qid && q.points(*a).is_some())
        })
        .collect();
    let result = score(kind, &answers);
    Assessment {
        id,
        kind,
        taken_at,
        scores: result
            .dimensions
            .iter()
            .map(|(d, s)| (d.key().to_string(), *s))
            .collect(),
        overall: result.overall,
        team: None,
        answers,
    }
}

/// Rounds to one decimal. Monotone: a larger input never rounds smaller.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The numbers placement, levers and warnings are computed from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Profile {
    /// Rounded score per dimension, by [`Dimension::index`].
    pub(crate) scores: [f64; 8],
    /// Number of answered questions per dimension.
    pub(crate) answered: [usize; 8],
}

/// One person's scores and placement, without the advice that [`score`]
/// writes for them: what a team's picture needs of each of its people
/// (writing 50 people's levers was most of combining their answers).
pub(crate) fn profile_of(kind: AssessmentKind, answers: &BTreeMap<String, u8>) -> Profile {
    Profile::from_answers(kind, answers).0
}

impl Profile {
    /// The profile and the number of answered questions.
    fn from_answers(kind: AssessmentKind, answers: &BTreeMap<String, u8>) -> (Self, usize) {
        let mut sums = [0.0_f64; 8];
        let mut p = Profile::default();
        for q in questions(kind) {
            if let Some(points) = answers.get(q.id).and_then(|&a| q.points(a)) {
                let i = q.dimension.index();
                sums[i] += points;
                p.answered[i] += 1;
            }
        }
        for ((score, sum), &n) in p.scores.iter_mut().zip(sums).zip(&p.answered) {
            if n > 0 {
                *score = round1(sum / n as f64);
            }
        }
        let answered = p.answered.iter().sum();
        (p, answered)
    }

    pub(crate) fn score(&self, d: Dimension) -> f64 {
        self.scores[d.index()]
    }

    pub(crate) fn is_answered(&self, d: Dimension) -> bool {
        self.answered[d.index()] > 0
    }

    pub(crate) fn established(&self, d: Dimension) -> bool {
        self.score(d) >= ESTABLISHED_THRESHOLD
    }

    /// The mean of the four pillars.
    pub(crate) fn governance(&self) -> f64 {
        round1(
            Dimension::PILLARS
                .iter()
                .map(|&d| self.score(d))
                .sum::<f64>()
                / 4.0,
        )
    }

    pub(crate) fn governance_established(&self) -> bool {
        Dimension::PILLARS.iter().all(|&d| self.established(d))
    }

    pub(crate) fn layer_established(&self, layer: Layer) -> bool {
        match layer {
            Layer::Tools => self.established(Dimension::Tools),
            Layer::Workflows => self.established(Dimension::Workflows),
            Layer::Automation => self.established(Dimension::Automation),
            Layer::OperatingSystem => {
                self.established(Dimension::Integration) && self.governance_established()
            }
        }
    }

    /// The lowest layer that is not established, if any.
    pub(crate) fn first_weak_layer(&self) -> Option<Layer> {
        Layer::ALL.into_iter().find(|&l| !self.layer_established(l))
    }

    /// The highest layer with every layer up to it established; tools when
    /// none is.
    pub(crate) fn placement(&self) -> Layer {
        Layer::ALL
            .into_iter()
            .take_while(|&l| self.layer_established(l))
            .last()
            .unwrap_or(Layer::Tools)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(scores: [f64; 8]) -> Profile {
        Profile {
            scores,
            answered: [1; 8],
        }
    }

    #[test]
    fn the_threshold_itself_counts_as_established() {
        let at = profile([ESTABLISHED_THRESHOLD; 8]);
        assert_eq!(at.placement(), Layer::OperatingSystem);
        assert_eq!(at.first_weak_layer(), None);
        let just_below = profile([ESTABLISHED_THRESHOLD - 0.1; 8]);
        assert_eq!(just_below.placement(), Layer::Tools);
        assert_eq!(just_below.first_weak_layer(), Some(Layer::Tools));
    }

    #[test]
    fn operating_system_needs_integration_and_every_pillar() {
        let mut s = [100.0; 8];
        s[Dimension::Review.index()] = 59.9;
        assert_eq!(profile(s).placement(), Layer::Automation);
        let mut s = [100.0; 8];
        s[Dimension::Integration.index()] = 0.0;
        assert_eq!(profile(s).placement(), Layer::Automation);
        assert_eq!(profile([100.0; 8]).placement(), Layer::OperatingSystem);
    }

    #[test]
    fn a_strong_upper_layer_never_lifts_a_weak_lower_one() {
        let mut s = [100.0; 8];
        s[Dimension::Workflows.index()] = 0.0;
        assert_eq!(profile(s).placement(), Layer::Tools);
        let mut s = [100.0; 8];
        s[Dimension::Automation.index()] = 10.0;
        assert_eq!(profile(s).placement(), Layer::Workflows);
        let mut s = [100.0; 8];
        s[Dimension::Tools.index()] = 0.0;
        assert_eq!(profile(s).placement(), Layer::Tools);
        assert_eq!(profile(s).first_weak_layer(), Some(Layer::Tools));
    }

    #[test]
    fn rounding_is_to_one_decimal() {
        assert_eq!(round1(66.666_666), 66.7);
        assert_eq!(round1(33.333_333), 33.3);
        assert_eq!(round1(0.0), 0.0);
        assert_eq!(round1(100.0), 100.0);
    }
}
