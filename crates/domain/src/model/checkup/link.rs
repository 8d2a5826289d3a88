//! The check-up's links: the facilitator's invitation, each participant's
//! response, and finding the responses in text pasted from a chat or a
//! mail. Every link carries a checksum over all of it (the quiz share
//! link's, `quiz::share`), so a link changed or cut on its way is refused
//! rather than counted.
//!
//! ```text
//! #checkup=1.<id>.<q|f>.<a|n>.<name>.<check>
//! #response=1.<check-up id>.<respondent>.<answers>.<name>.<check>
//! ```
//!
//! `<respondent>` is a random id made on the person's device: a later link
//! from the same device replaces the earlier one (answers changed), and
//! two people who chose the same answers still count as two.
//! `<answers>` is the quiz's own share text (kind, one character per
//! question, its own checksum); `<name>` is URL-safe base64 of the text
//! (the check-up's name; the participant's, when asked for, else empty);
//! `a`: anonymous, `n`: each person gives a name.

use std::collections::BTreeMap;

use thiserror::Error;

use crate::model::limits::MAX_NAME_CHARS;
use crate::model::link::{base64url, from_base64url};
use crate::model::quiz::share::{checksum, is_fragment_safe};
use crate::model::quiz::{decode_share, encode_share};
use crate::model::types::AssessmentKind;

/// The key of an invitation's fragment.
pub const INVITE_KEY: &str = "checkup=";
/// The key of a response's fragment.
pub const RESPONSE_KEY: &str = "response=";
/// The version of both links' form.
pub const CHECKUP_LINK_VERSION: &str = "1";

/// A new check-up's id: 72 random bits in 12 characters, enough to tell
/// check-ups apart and short enough to keep the invitation's QR code
/// coarse (the id is in every response link too).
pub fn new_checkup_id() -> String {
    base64url(&uuid::Uuid::new_v4().as_bytes()[..9])
}

/// A participant's id for one check-up, made once on their device: 48
/// random bits in 8 characters (people in one check-up, not the world).
pub fn new_respondent_id() -> String {
    base64url(&uuid::Uuid::new_v4().as_bytes()[..6])
}

/// A check-up, as its invitation says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    /// A short random id: responses to another check-up are refused.
    pub id: String,
    pub name: String,
    pub kind: AssessmentKind,
    /// Whether each person is asked for a name (else anonymous).
    pub ask_names: bool,
}

/// One participant's answers, as their response link says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub checkup: String,
    /// Made on the person's device ([`new_respondent_id`]).
    pub respondent: String,
    pub kind: AssessmentKind,
    pub answers: BTreeMap<String, u8>,
    /// Given when the check-up asks for names.
    pub name: Option<String>,
}

/// Why a check-up link cannot be read, in words for the facilitator.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LinkProblem {
    #[error("it was made by a newer version of OpModel")]
    Newer,
    #[error("it was changed or cut on its way (its checksum does not match)")]
    Damaged,
    #[error("it answers another check-up")]
    OtherCheckup,
    #[error("it answers the other quiz (quick or full) than this check-up asks")]
    OtherKind,
    #[error("it was already counted")]
    Duplicate,
    #[error("a later link from the same person, further down, replaces it")]
    Replaced,
    #[error("the check-up already counts as many responses as it can hold ({max})", max = crate::model::limits::MAX_TEAM_RESPONSES)]
    TooMany,
}

fn kind_char(kind: AssessmentKind) -> &'static str {
    match kind {
        AssessmentKind::Quick => "q",
        AssessmentKind::Full => "f",
    }
}

/// `body` with its checksum, as the link's last part.
fn sealed(body: String) -> String {
    let c = checksum(body.as_bytes());
    let check = base64url(&c.to_be_bytes()[1..]);
    format!("{body}.{check}")
}

/// The body of a sealed text, if its checksum matches.
fn unsealed(text: &str) -> Result<&str, LinkProblem> {
    if !text.bytes().all(is_fragment_safe) {
        return Err(LinkProblem::Damaged);
    }
    let (body, check) = text.rsplit_once('.').ok_or(LinkProblem::Damaged)?;
    let c = checksum(body.as_bytes());
    (base64url(&c.to_be_bytes()[1..]) == check)
        .then_some(body)
        .ok_or(LinkProblem::Damaged)
}

/// A name from its base64 text: UTF-8, within the name limit.
fn name_of(text: &str) -> Result<String, LinkProblem> {
    let bytes = from_base64url(text).ok_or(LinkProblem::Damaged)?;
    let name = String::from_utf8(bytes).map_err(|_| LinkProblem::Damaged)?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(LinkProblem::Damaged);
    }
    Ok(name)
}

/// The parts of a versioned body (`1.a.b.c`), checking the version.
fn parts(body: &str, count: usize) -> Result<Vec<&str>, LinkProblem> {
    let parts: Vec<&str> = body.split('.').collect();
    match parts.first() {
        Some(&v) if v == CHECKUP_LINK_VERSION => {}
        Some(v) if v.parse::<u32>().is_ok_and(|v| v > 1) => return Err(LinkProblem::Newer),
        _ => return Err(LinkProblem::Damaged),
    }
    if parts.len() != count {
        return Err(LinkProblem::Damaged);
    }
    Ok(parts)
}

impl Invitation {
    /// The invitation's fragment (without `#`).
    pub fn fragment(&self) -> String {
        let body = format!(
            "{CHECKUP_LINK_VERSION}.{}.{}.{}.{}",
            self.id,
            kind_char(self.kind),
            if self.ask_names { "n" } else { "a" },
            base64url(self.name.as_bytes())
        );
        format!("{INVITE_KEY}{}", sealed(body))
    }

    /// Reads an invitation's fragment (with or without `#`); `Ok(None)`
    /// when it is not one.
    pub fn read(fragment: &str) -> Result<Option<Invitation>, LinkProblem> {
        let fragment = fragment.trim().trim_start_matches('#');
        let Some(rest) = fragment.strip_prefix(INVITE_KEY) else {
            return Ok(None);
        };
        let p = parts(unsealed(rest)?, 5)?;
        let kind = match p[2] {
            "q" => AssessmentKind::Quick,
            "f" => AssessmentKind::Full,
            _ => return Err(LinkProblem::Damaged),
        };
        let ask_names = match p[3] {
            "n" => true,
            "a" => false,
            _ => return Err(LinkProblem::Damaged),
        };
        if p[1].is_empty() {
            return Err(LinkProblem::Damaged);
        }
        Ok(Some(Invitation {
            id: p[1].to_string(),
            name: name_of(p[4])?,
            kind,
            ask_names,
        }))
    }
}

impl Response {
    /// The response's fragment (without `#`).
    pub fn fragment(&self) -> String {
        let body = format!(
            "{CHECKUP_LINK_VERSION}.{}.{}.{}.{}",
            self.checkup,
            self.respondent,
            encode_share(self.kind, &self.answers),
            base64url(self.name.as_deref().unwrap_or_default().as_bytes())
        );
        format!("{RESPONSE_KEY}{}", sealed(body))
    }

    /// Reads a response (the text after `response=`).
    fn read_body(text: &str) -> Result<Response, LinkProblem> {
        let p = parts(unsealed(text)?, 5)?;
        if p[2].is_empty() {
            return Err(LinkProblem::Damaged);
        }
        let (kind, answers) = decode_share(p[3]).map_err(|_| LinkProblem::Damaged)?;
        let name = name_of(p[4])?;
        Ok(Response {
            checkup: p[1].to_string(),
            respondent: p[2].to_string(),
            kind,
            answers,
            name: (!name.is_empty()).then_some(name),
        })
    }
}

/// A response link found in pasted text, read or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Its line in the pasted text, from 1.
    pub line: usize,
    /// The link's text from `response=` on.
    pub text: String,
    pub result: Result<Response, LinkProblem>,
    /// Counted, and replaces the answers of someone already counted (they
    /// changed their answers and sent them again).
    pub replaces: bool,
}

/// Whether `b` can be part of a response link's text.
fn in_link(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_'
}

/// Every response link in `text`, as pasted from a chat or a mail: any
/// number, one per line or several on one, with words, quotes or angle
/// brackets around them. Each is checked against `checkup` (its id and
/// kind); one already found counts once, and of two from the same person
/// the later one counts.
pub fn find_responses(text: &str, checkup: &Invitation) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(RESPONSE_KEY) {
            let after = &rest[at + RESPONSE_KEY.len()..];
            let end = after
                .bytes()
                .position(|b| !in_link(b))
                .unwrap_or(after.len());
            // A sentence's full stop after the link is not part of it.
            let token = after[..end].trim_end_matches('.');
            rest = &after[end..];
            let result = if out.iter().any(|f| f.text == token && f.result.is_ok()) {
                Err(LinkProblem::Duplicate)
            } else {
                Response::read_body(token).and_then(|r| {
                    if r.checkup != checkup.id {
                        Err(LinkProblem::OtherCheckup)
                    } else if r.kind != checkup.kind {
                        Err(LinkProblem::OtherKind)
                    } else {
                        Ok(r)
                    }
                })
            };
            if let Ok(r) = &result {
                // The same person's earlier link (other answers) gives way.
                for f in out.iter_mut() {
                    if f.result
                        .as_ref()
                        .is_ok_and(|e| e.respondent == r.respondent)
                    {
                        f.result = Err(LinkProblem::Replaced);
                    }
                }
            }
            out.push(Found {
                line: n + 1,
                text: token.to_string(),
                result,
                replaces: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quiz::questions;

    fn invitation() -> Invitation {
        Invitation {
            id: "k7Qx".into(),
            name: "Leadership team, Q4".into(),
            kind: AssessmentKind::Quick,
            ask_names: true,
        }
    }

    fn answers(option: u8) -> BTreeMap<String, u8> {
        questions(AssessmentKind::Quick)
            .iter()
            .map(|q| (q.id.to_string(), option))
            .collect()
    }

    fn response(option: u8, name: Option<&str>) -> Response {
        Response {
            checkup: "k7Qx".into(),
            respondent: format!(
                "p{option}{}",
                name.unwrap_or_default()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "")
            ),
            kind: AssessmentKind::Quick,
            answers: answers(option),
            name: name.map(str::to_string),
        }
    }

    #[test]
    fn an_invitation_reads_back_and_says_what_is_wrong() {
        let f = invitation().fragment();
        assert!(f.starts_with("checkup=1.k7Qx.q.n."), "{f}");
        assert_eq!(Invitation::read(&format!("#{f}")), Ok(Some(invitation())));
        assert_eq!(Invitation::read("#model=1.abc"), Ok(None));
        let cut = &f[..f.len() - 3];
        assert_eq!(Invitation::read(cut), Err(LinkProblem::Damaged));
        let changed = f.replacen(".q.", ".f.", 1);
        assert_eq!(Invitation::read(&changed), Err(LinkProblem::Damaged));
        let newer = sealed("2.k7Qx.q.n.".into());
        assert_eq!(
            Invitation::read(&format!("{INVITE_KEY}{newer}")),
            Err(LinkProblem::Newer)
        );
    }

    #[test]
    fn responses_are_found_in_pasted_text_with_noise_duplicates_and_damage() {
        let inv = invitation();
        let (a, b) = (response(0, Some("Ana")), response(3, None));
        let (fa, fb) = (a.fragment(), b.fragment());
        let mut other = response(1, None);
        other.checkup = "zzzz".into();
        let tampered = fb.replacen(".1", ".2", 1);
        let text = format!(
            "Ana: https://opmodel.example/quiz#{fa}\n\
             > from Ben <https://opmodel.example/quiz#{fb}>. Thanks!\n\
             again: #{fa}\n\
             {}\n\
             broken #{tampered} and cut #{}\n\
             nothing here",
            other.fragment(),
            &fb[..20]
        );
        let found = find_responses(&text, &inv);
        let summary: Vec<(usize, Result<Option<String>, LinkProblem>)> = found
            .iter()
            .map(|f| (f.line, f.result.clone().map(|r| r.name)))
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, Ok(Some("Ana".into()))),
                (2, Ok(None)),
                (3, Err(LinkProblem::Duplicate)),
                (4, Err(LinkProblem::OtherCheckup)),
                (5, Err(LinkProblem::Damaged)),
                (5, Err(LinkProblem::Damaged)),
            ]
        );
        assert_eq!(found[0].result.as_ref().unwrap().answers, answers(0));
        assert_eq!(found[1].result.as_ref().unwrap().answers, answers(3));
        // The full quiz's answers do not count for a quick check-up.
        let mut full = response(0, None);
        full.kind = AssessmentKind::Full;
        full.answers = BTreeMap::new();
        let found = find_responses(&full.fragment(), &inv);
        assert_eq!(found[0].result, Err(LinkProblem::OtherKind));
    }

    #[test]
    fn two_people_with_the_same_answers_count_twice_and_a_later_link_replaces_the_earlier() {
        let inv = invitation();
        let a = response(1, None);
        let mut b = a.clone();
        b.respondent = "someone-else".into();
        let mut a2 = a.clone();
        a2.answers = answers(2);
        let text = format!("{}\n{}\n{}", a.fragment(), b.fragment(), a2.fragment());
        let results: Vec<_> = find_responses(&text, &inv)
            .into_iter()
            .map(|f| f.result)
            .collect();
        assert_eq!(results, vec![Err(LinkProblem::Replaced), Ok(b), Ok(a2)]);
        // A link without its respondent is not one the app made.
        let body = format!(
            "1.k7Qx..{}.",
            encode_share(AssessmentKind::Quick, &answers(1))
        );
        let found = find_responses(&format!("{RESPONSE_KEY}{}", sealed(body)), &inv);
        assert_eq!(found[0].result, Err(LinkProblem::Damaged));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever the answers and the name, a response reads back as
            /// itself, and an invitation too.
            #[test]
            fn links_read_back(
                picks in prop::collection::vec(prop::option::of(0u8..4), 12),
                name in "\\PC{0,40}",
                ask in any::<bool>(),
            ) {
                let answers: BTreeMap<String, u8> = questions(AssessmentKind::Quick)
                    .iter()
                    .zip(&picks)
                    .filter_map(|(q, p)| p.map(|p| (q.id.to_string(), p)))
                    .collect();
                let r = Response {
                    checkup: "k7Qx".into(),
                    respondent: "r1".into(),
                    kind: AssessmentKind::Quick,
                    answers,
                    name: (!name.is_empty()).then(|| name.clone()),
                };
                let inv = Invitation { id: "k7Qx".into(), name: name.clone(), kind: AssessmentKind::Quick, ask_names: ask };
                let found = find_responses(&format!("#{}", r.fragment()), &inv);
                prop_assert_eq!(found.len(), 1);
                prop_assert_eq!(&found[0].result, &Ok(r));
                prop_assert_eq!(Invitation::read(&inv.fragment()), Ok(Some(inv.clone())));
            }

            /// No pasted text makes the reader panic.
            #[test]
            fn any_text_is_read_without_panic(text in "\\PC{0,200}") {
                let inv = invitation();
                let _ = find_responses(&text, &inv);
                let _ = find_responses(&format!("response={text}"), &inv);
                let _ = Invitation::read(&format!("checkup={text}"));
            }
        }
    }
}
