//! The facilitator's side of a running check-up: the responses kept so
//! far, the links in the paste box read against them, the team picture of
//! all of them, and the check-up saved to the model as one team result
//! (`Assessment::team`) or opened again from it.
//!
//! The paste box counts as it is typed into: its accepted links join the
//! kept ones in the picture at once, and "keep" empties the box into the
//! kept list. A response already kept, pasted again, counts once; a later
//! one from the same person (answers changed) takes the earlier's place.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::link::{find_responses, Found, Invitation, LinkProblem, Response};
use super::team::{team, Team};
use crate::model::limits::MAX_TEAM_RESPONSES;
use crate::model::types::{Assessment, TeamRecord, TeamResponse};

/// A running check-up, as the facilitator's page holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Collection {
    pub invitation: Invitation,
    /// Responses counted, in the order they came.
    pub kept: Vec<Response>,
    /// The paste box's text, read live.
    pub pasted: String,
    /// The model's result this check-up was saved as, if it was: saving
    /// again replaces it.
    pub saved_as: Option<String>,
}

/// What the paste box holds, line by line, and how many it adds.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub found: Vec<Found>,
    /// Accepted links from people not counted yet.
    pub new: usize,
}

/// The check-up as the page shows it ([`Collection::now`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Now {
    pub reading: Reading,
    pub responses: Vec<Response>,
    pub team: Team,
}

/// `responses` with `r` counted: in the place of the same person's
/// earlier answers, or after the others.
fn count_in(responses: &mut Vec<Response>, r: Response) {
    match responses.iter().position(|k| k.respondent == r.respondent) {
        Some(i) => responses[i] = r,
        None => responses.push(r),
    }
}

impl Collection {
    /// A check-up just started: nothing collected.
    pub fn start(invitation: Invitation) -> Collection {
        Collection {
            invitation,
            kept: Vec::new(),
            pasted: String::new(),
            saved_as: None,
        }
    }

    /// Every response link in `text`, each checked against the check-up;
    /// one already kept (or earlier in the text) is a duplicate, one from
    /// someone kept with other answers replaces theirs, and no new person
    /// is accepted past [`MAX_TEAM_RESPONSES`].
    pub fn read(&self, text: &str) -> Reading {
        let mut found = find_responses(text, &self.invitation);
        let mut new = 0;
        for f in &mut found {
            let Ok(r) = &f.result else { continue };
            match self.kept.iter().find(|k| k.respondent == r.respondent) {
                Some(k) if k == r => f.result = Err(LinkProblem::Duplicate),
                Some(_) => f.replaces = true,
                None if self.kept.len() + new >= MAX_TEAM_RESPONSES => {
                    f.result = Err(LinkProblem::TooMany)
                }
                None => new += 1,
            }
        }
        Reading { found, new }
    }

    /// The paste box read ([`Collection::read`]).
    pub fn reading(&self) -> Reading {
        self.read(&self.pasted)
    }

    /// Every response counted: the kept ones (those the box replaces in
    /// their place), then the box's new ones.
    pub fn responses(&self) -> Vec<Response> {
        self.counted(&self.reading())
    }

    fn counted(&self, reading: &Reading) -> Vec<Response> {
        let mut all = self.kept.clone();
        for r in reading.found.iter().filter_map(|f| f.result.as_ref().ok()) {
            count_in(&mut all, r.clone());
        }
        all
    }

    /// What the page shows of the check-up, the box read once: its
    /// reading, the responses counted and the team's picture of them.
    pub fn now(&self) -> Now {
        let reading = self.reading();
        let responses = self.counted(&reading);
        let answers: Vec<_> = responses.iter().map(|r| r.answers.clone()).collect();
        Now {
            team: team(self.invitation.kind, &answers),
            reading,
            responses,
        }
    }

    /// Keeps the box's new responses and empties it.
    pub fn keep_pasted(&mut self) {
        self.kept = self.responses();
        self.pasted.clear();
    }

    /// Reads `text` (a dropped file's) and keeps its new responses at once;
    /// returns what was found, for the report.
    pub fn add_text(&mut self, text: &str) -> Vec<Found> {
        let reading = self.read(text);
        for r in reading.found.iter().filter_map(|f| f.result.as_ref().ok()) {
            count_in(&mut self.kept, r.clone());
        }
        reading.found
    }

    /// Takes one kept response out (counted by mistake).
    pub fn remove(&mut self, index: usize) -> Option<Response> {
        (index < self.kept.len()).then(|| self.kept.remove(index))
    }

    /// The team picture of every response counted.
    pub fn team(&self) -> Team {
        let answers: Vec<_> = self.responses().into_iter().map(|r| r.answers).collect();
        team(self.invitation.kind, &answers)
    }

    /// The check-up as a model's result: everyone's answers, the team's
    /// scores (the quiz's rules on their means) and overall score.
    pub fn assessment(&self, id: String, taken_at: DateTime<Utc>) -> Assessment {
        let responses = self.responses();
        let picture = team(
            self.invitation.kind,
            &responses
                .iter()
                .map(|r| r.answers.clone())
                .collect::<Vec<_>>(),
        );
        Assessment {
            id,
            kind: self.invitation.kind,
            taken_at,
            answers: Default::default(),
            scores: {
                // Inserted one by one: collecting into the map would add a
                // copy of the standard sort to the wasm for this one type.
                let mut scores = std::collections::BTreeMap::new();
                for p in &picture.dimensions {
                    if let Some(s) = p.spread {
                        scores.insert(p.dimension.key().to_string(), s.mean);
                    }
                }
                scores
            },
            overall: picture.result.overall,
            team: Some(TeamRecord {
                checkup: self.invitation.id.clone(),
                name: self.invitation.name.clone(),
                ask_names: self.invitation.ask_names,
                responses: responses
                    .into_iter()
                    .map(|r| TeamResponse {
                        respondent: r.respondent,
                        name: r.name,
                        answers: r.answers,
                    })
                    .collect(),
            }),
        }
    }

    /// A saved check-up opened again, to collect more responses or to
    /// show; `None` for one person's result.
    pub fn from_assessment(a: &Assessment) -> Option<Collection> {
        let t = a.team.as_ref()?;
        let invitation = Invitation {
            id: t.checkup.clone(),
            name: t.name.clone(),
            kind: a.kind,
            ask_names: t.ask_names,
        };
        Some(Collection {
            kept: t
                .responses
                .iter()
                .map(|r| Response {
                    checkup: invitation.id.clone(),
                    respondent: r.respondent.clone(),
                    kind: a.kind,
                    answers: r.answers.clone(),
                    name: r.name.clone(),
                })
                .collect(),
            invitation,
            pasted: String::new(),
            saved_as: Some(a.id.clone()),
        })
    }

    /// The running check-up as text, to keep in the browser between visits.
    pub fn to_text(&self) -> String {
        let stored = Stored {
            invitation: self.invitation.fragment(),
            kept: self.kept.iter().map(Response::fragment).collect(),
            pasted: self.pasted.clone(),
            saved_as: self.saved_as.clone(),
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// A running check-up from [`Collection::to_text`]; `None` if the text
    /// is not one (a response that no longer reads is dropped).
    pub fn from_text(text: &str) -> Option<Collection> {
        let stored: Stored = serde_json::from_str(text).ok()?;
        let invitation = Invitation::read(&stored.invitation).ok()??;
        let mut c = Collection::start(invitation);
        c.add_text(&stored.kept.join("\n"));
        c.pasted = stored.pasted;
        c.saved_as = stored.saved_as;
        Some(c)
    }
}

/// How [`Collection::to_text`] writes a running check-up: its links.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    invitation: String,
    kept: Vec<String>,
    pasted: String,
    saved_as: Option<String>,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::quiz::questions;
    use crate::model::AssessmentKind;

    fn invitation() -> Invitation {
        Invitation {
            id: "c1".into(),
            name: "Offsite".into(),
            kind: AssessmentKind::Quick,
            ask_names: false,
        }
    }

    fn response(option: u8, name: Option<&str>) -> Response {
        Response {
            checkup: "c1".into(),
            respondent: format!(
                "p{option}{}",
                name.unwrap_or_default()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "")
            ),
            kind: AssessmentKind::Quick,
            answers: questions(AssessmentKind::Quick)
                .iter()
                .map(|q| (q.id.to_string(), option))
                .collect::<BTreeMap<_, _>>(),
            name: name.map(str::to_string),
        }
    }

    fn link(r: &Response) -> String {
        format!("https://opmodel.example/join#{}", r.fragment())
    }

    #[test]
    fn the_box_counts_live_and_keeping_empties_it() {
        let mut c = Collection::start(invitation());
        c.pasted = format!(
            "Here you go: {}\n{}\n",
            link(&response(1, None)),
            link(&response(2, None))
        );
        let r = c.reading();
        assert_eq!(r.new, 2);
        assert_eq!(c.responses().len(), 2);
        assert_eq!(c.team().responses, 2);
        let now = c.now();
        assert_eq!(
            (now.reading, now.responses, now.team),
            (r, c.responses(), c.team())
        );
        c.keep_pasted();
        assert_eq!((c.kept.len(), c.pasted.as_str()), (2, ""));
        // The same link pasted again is counted once.
        c.pasted = link(&response(1, None));
        let r = c.reading();
        assert_eq!(r.new, 0);
        assert_eq!(r.found[0].result, Err(LinkProblem::Duplicate));
        assert_eq!(c.responses().len(), 2);
    }

    #[test]
    fn files_are_kept_at_once_and_a_response_can_be_taken_out() {
        let mut c = Collection::start(invitation());
        let found = c.add_text(&format!(
            "{}\n{}",
            link(&response(0, None)),
            link(&response(0, None))
        ));
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].result, Err(LinkProblem::Duplicate));
        assert_eq!(c.kept.len(), 1);
        assert_eq!(c.remove(0), Some(response(0, None)));
        assert_eq!(c.remove(0), None);
        assert!(c.kept.is_empty());
    }

    #[test]
    fn the_same_answers_from_two_people_count_twice_and_changed_answers_replace() {
        let mut c = Collection::start(invitation());
        let a = response(1, None);
        let mut b = a.clone();
        b.respondent = "other".into();
        c.add_text(&format!("{}\n{}", link(&a), link(&b)));
        assert_eq!(c.kept, vec![a.clone(), b.clone()]);
        // Ana changes her answers and sends them again: her place, new answers.
        let mut a2 = a.clone();
        a2.answers = response(3, None).answers;
        c.pasted = link(&a2);
        let r = c.reading();
        assert_eq!((r.new, r.found[0].replaces), (0, true));
        assert_eq!(c.responses(), vec![a2.clone(), b.clone()]);
        c.keep_pasted();
        assert_eq!(c.kept, vec![a2, b]);
    }

    #[test]
    fn no_more_than_the_limit_is_accepted() {
        let mut c = Collection::start(invitation());
        c.kept = (0..MAX_TEAM_RESPONSES)
            .map(|i| response(0, Some(&format!("P{i}"))))
            .collect();
        let r = c.read(&link(&response(1, Some("One more"))));
        assert_eq!((r.new, &r.found[0].result), (0, &Err(LinkProblem::TooMany)));
    }

    #[test]
    fn saved_as_a_result_and_opened_again() {
        let mut c = Collection::start(Invitation {
            ask_names: true,
            ..invitation()
        });
        c.kept = vec![response(0, Some("Ana")), response(3, Some("Ben"))];
        let at = DateTime::parse_from_rfc3339("2026-12-04T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let a = c.assessment("a1".into(), at);
        assert!(a.answers.is_empty());
        let t = a.team.as_ref().unwrap();
        assert_eq!((t.checkup.as_str(), t.name.as_str()), ("c1", "Offsite"));
        assert_eq!(t.responses[1].name.as_deref(), Some("Ben"));
        // The team's scores are the means: half of 0 and 100.
        assert!(a.scores.values().all(|s| (s - 50.0).abs() < 1e-9));
        assert_eq!(a.overall, c.team().result.overall);
        let mut m = crate::model::Model::new("m1".into(), "M", at);
        m.assessments.push(a.clone());
        assert_eq!(crate::model::validate(&m), Ok(()));
        let again = Collection::from_assessment(&a).unwrap();
        assert_eq!(again.kept, c.kept);
        assert_eq!(again.invitation, c.invitation);
        assert_eq!(again.saved_as.as_deref(), Some("a1"));
    }

    #[test]
    fn kept_between_visits_as_its_links() {
        let mut c = Collection::start(invitation());
        c.kept = vec![response(1, None)];
        c.pasted = "half a link: response=1.c1".into();
        c.saved_as = Some("a9".into());
        assert_eq!(Collection::from_text(&c.to_text()), Some(c));
        assert_eq!(Collection::from_text("{"), None);
        assert_eq!(
            Collection::from_text(
                "{\"invitation\":\"x\",\"kept\":[],\"pasted\":\"\",\"savedAs\":null}"
            ),
            None
        );
    }
}
