//! The team picture of a check-up: per dimension, the spread of the
//! participants' scores and whether they disagree; per question, how many
//! chose each option; the team's placement by the quiz's own rules applied
//! to the team's means; and a response far from the others.

use std::collections::BTreeMap;

use crate::model::layers::Layer;
use crate::model::quiz::{profile_of, questions, result_of_scores, Dimension, Profile, QuizResult};
use crate::model::types::AssessmentKind;

/// From this many responses the picture is worth discussing; under it the
/// app says it is not yet reliable (two people's disagreement is a
/// conversation, not a pattern).
pub const RELIABLE_FROM: usize = 3;

/// A dimension is divided when its scores' standard deviation (0-100
/// scale) is above this: a third of the scale, about one answer option
/// apart on average (the options of a question are 33 points apart).
pub const DIVIDED_SD: f64 = 25.0;

/// ... or when its scores span at least this much of the scale: someone
/// answered two options above someone else.
pub const DIVIDED_RANGE: f64 = 66.0;

/// A response is set apart when its scores are on average this far from
/// the others' means (half the scale: it describes another organization).
pub const OUTLIER_DISTANCE: f64 = 30.0;

/// Count, mean, lowest, highest and standard deviation (of the population:
/// the team is all of it) of some scores; `None` for none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub n: usize,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    pub sd: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Option<Spread> {
        let n = values.len();
        if n == 0 {
            return None;
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64;
        Some(Spread {
            n,
            mean,
            min: values.iter().copied().fold(f64::INFINITY, f64::min),
            max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            sd: var.sqrt(),
        })
    }

    /// Whether people disagree ([`DIVIDED_SD`], [`DIVIDED_RANGE`]).
    pub fn divided(&self) -> bool {
        self.n >= 2 && (self.sd > DIVIDED_SD || self.max - self.min >= DIVIDED_RANGE)
    }
}

/// One dimension across the team.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionPicture {
    pub dimension: Dimension,
    /// Each participant's score, in response order (those who answered
    /// the dimension's questions).
    pub scores: Vec<f64>,
    /// Whose each score is: the response's index.
    pub people: Vec<usize>,
    pub spread: Option<Spread>,
}

/// One question across the team.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionPicture {
    pub id: &'static str,
    pub prompt: &'static str,
    /// How many chose each option, in the bank's order.
    pub counts: Vec<usize>,
    /// The spread of the chosen options' indexes.
    pub spread: Option<Spread>,
}

/// The team picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub responses: usize,
    pub dimensions: Vec<DimensionPicture>,
    /// The divided dimensions, most divided (highest deviation) first: the
    /// workshop's agenda.
    pub agenda: Vec<Dimension>,
    pub questions: Vec<QuestionPicture>,
    /// The quiz's rules on the team's means.
    pub result: QuizResult,
    /// How many individual placements fall on each layer, bottom first.
    pub placements: [usize; 4],
    /// Responses (by index) far from the others.
    pub apart: Vec<usize>,
}

impl Team {
    /// Whether there are enough responses to read the picture.
    pub fn reliable(&self) -> bool {
        self.responses >= RELIABLE_FROM
    }
}

/// The team picture of `responses` (each person's answers) to a check-up
/// of `kind`.
pub fn team(kind: AssessmentKind, responses: &[BTreeMap<String, u8>]) -> Team {
    // Each person's scores by the quiz's rules (the same as `score`), and
    // which dimensions they answered a question of.
    let results: Vec<Profile> = responses.iter().map(|a| profile_of(kind, a)).collect();
    let covered: Vec<[bool; 8]> = results.iter().map(|p| p.answered.map(|n| n > 0)).collect();
    let dimensions: Vec<DimensionPicture> = Dimension::ALL
        .into_iter()
        .map(|d| {
            let people: Vec<usize> = (0..results.len())
                .filter(|&i| covered[i][d.index()])
                .collect();
            let scores: Vec<f64> = people.iter().map(|&i| results[i].score(d)).collect();
            DimensionPicture {
                dimension: d,
                spread: Spread::of(&scores),
                scores,
                people,
            }
        })
        .collect();
    let mut divided: Vec<(Dimension, f64)> = dimensions
        .iter()
        .filter_map(|p| {
            p.spread
                .filter(Spread::divided)
                .map(|s| (p.dimension, s.sd))
        })
        .collect();
    crate::model::sort::sort_by(&mut divided, |a, b| b.1.total_cmp(&a.1));
    let questions = questions(kind)
        .iter()
        .map(|q| {
            let mut counts = vec![0; q.options.len()];
            let mut chosen = Vec::new();
            for a in responses {
                if let Some(&i) = a.get(q.id).filter(|&&i| q.points(i).is_some()) {
                    counts[usize::from(i)] += 1;
                    chosen.push(f64::from(i));
                }
            }
            QuestionPicture {
                id: q.id,
                prompt: q.prompt,
                counts,
                spread: Spread::of(&chosen),
            }
        })
        .collect();
    let means: [f64; 8] = std::array::from_fn(|i| dimensions[i].spread.map_or(0.0, |s| s.mean));
    let counts: [usize; 8] = std::array::from_fn(|i| dimensions[i].scores.len());
    let mut placements = [0; 4];
    for r in &results {
        placements[Layer::ALL
            .iter()
            .position(|l| *l == r.placement())
            .unwrap_or(0)] += 1;
    }
    // Each response against the others, over the dimensions both cover:
    // apart when the others agree among themselves (on average within
    // DIVIDED_SD) and it is far from their mean. In a team split in two
    // halves nobody is apart: that is a disagreement, on the agenda.
    let apart = (0..results.len())
        .filter(|&i| {
            if results.len() < RELIABLE_FROM {
                return false;
            }
            let (distances, deviations): (Vec<f64>, Vec<f64>) = Dimension::ALL
                .into_iter()
                .filter(|d| covered[i][d.index()])
                .filter_map(|d| {
                    let others: Vec<f64> = (0..results.len())
                        .filter(|&j| j != i && covered[j][d.index()])
                        .map(|j| results[j].score(d))
                        .collect();
                    Spread::of(&others).map(|s| ((results[i].score(d) - s.mean).abs(), s.sd))
                })
                .unzip();
            let mean = |v: &[f64]| Spread::of(v).map(|s| s.mean);
            mean(&distances).is_some_and(|d| d >= OUTLIER_DISTANCE)
                && mean(&deviations).is_some_and(|sd| sd <= DIVIDED_SD)
        })
        .collect();
    Team {
        responses: responses.len(),
        agenda: divided.into_iter().map(|(d, _)| d).collect(),
        dimensions,
        questions,
        result: result_of_scores(kind, means, counts),
        placements,
        apart,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quiz::score;

    fn all(option: u8) -> BTreeMap<String, u8> {
        questions(AssessmentKind::Quick)
            .iter()
            .map(|q| (q.id.to_string(), option))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn spread_by_hand() {
        assert_eq!(Spread::of(&[]), None);
        let one = Spread::of(&[40.0]).unwrap();
        assert_eq!(
            (one.n, one.mean, one.min, one.max, one.sd),
            (1, 40.0, 40.0, 40.0, 0.0)
        );
        assert!(!one.divided());
        // 3/3/3/3 against 1/1/5/5: the same mean, another conversation.
        let same = Spread::of(&[3.0, 3.0, 3.0, 3.0]).unwrap();
        let split = Spread::of(&[1.0, 1.0, 5.0, 5.0]).unwrap();
        assert!(close(same.mean, 3.0) && close(split.mean, 3.0));
        assert!(close(same.sd, 0.0) && close(split.sd, 2.0));
        // 0, 0, 100, 100: mean 50, deviation 50, the whole scale.
        let extremes = Spread::of(&[0.0, 0.0, 100.0, 100.0]).unwrap();
        assert!(close(extremes.mean, 50.0) && close(extremes.sd, 50.0));
        assert!(extremes.divided());
        // 40 and 60: a deviation of 10, a range of 20: agreed.
        assert!(!Spread::of(&[40.0, 60.0]).unwrap().divided());
    }

    #[test]
    fn one_response_is_the_persons_own_result_and_not_reliable() {
        let t = team(AssessmentKind::Quick, &[all(2)]);
        assert_eq!(t.responses, 1);
        assert!(!t.reliable());
        assert!(t.agenda.is_empty());
        assert!(t.apart.is_empty());
        let own = score(AssessmentKind::Quick, &all(2));
        assert_eq!(t.result.placement, own.placement);
        for (p, (d, s)) in t.dimensions.iter().zip(&own.dimensions) {
            assert_eq!(p.dimension, *d);
            assert_eq!(p.spread.unwrap().mean, *s);
        }
        assert_eq!(t.questions[0].counts, vec![0, 0, 1, 0]);
    }

    #[test]
    fn each_persons_scores_and_placement_are_the_quizs_own() {
        let mut mixed = all(3);
        mixed.insert(questions(AssessmentKind::Quick)[0].id.to_string(), 0);
        let people = [all(0), all(2), mixed, BTreeMap::new()];
        let t = team(AssessmentKind::Quick, &people);
        let results: Vec<QuizResult> = people
            .iter()
            .map(|a| score(AssessmentKind::Quick, a))
            .collect();
        for p in &t.dimensions {
            for (&i, &s) in p.people.iter().zip(&p.scores) {
                assert_eq!(s, results[i].score_of(p.dimension));
            }
            // Nobody answered nothing: the empty response is in no dimension.
            assert!(!p.people.contains(&3));
        }
        let mut placements = [0; 4];
        for r in &results {
            placements[Layer::ALL.iter().position(|l| *l == r.placement).unwrap()] += 1;
        }
        assert_eq!(t.placements, placements);
    }

    #[test]
    fn identical_answers_agree_and_extremes_are_the_agenda() {
        let t = team(AssessmentKind::Quick, &[all(1), all(1), all(1)]);
        assert!(t.reliable());
        assert!(t.agenda.is_empty());
        assert!(t.dimensions.iter().all(|p| p.spread.unwrap().sd == 0.0));
        let t = team(AssessmentKind::Quick, &[all(0), all(0), all(3), all(3)]);
        let answered: Vec<Dimension> = t
            .dimensions
            .iter()
            .filter(|p| p.spread.is_some())
            .map(|p| p.dimension)
            .collect();
        assert_eq!(
            t.agenda.len(),
            answered.len(),
            "every answered dimension is divided"
        );
        assert_eq!(t.questions[0].counts, vec![2, 0, 0, 2]);
        assert!(close(t.questions[0].spread.unwrap().sd, 1.5));
        assert_eq!(t.placements.iter().sum::<usize>(), 4);
        // Two and two: nobody stands apart from a team split in halves...
        assert!(t.apart.is_empty());
        // ... but one person against three who agree does.
        let t = team(AssessmentKind::Quick, &[all(3), all(0), all(0), all(0)]);
        assert_eq!(t.apart, vec![0]);
    }
}
