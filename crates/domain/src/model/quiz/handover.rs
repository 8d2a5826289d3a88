//! A result handed over from the quiz app (`/quiz`, `/embed`) to the
//! workshop app, which saves it to the open model. The address's fragment
//! is the answers' share text (checksummed, see [`super::share`]), then a
//! `.` and the moment the result was shown, in milliseconds since 1970,
//! base 36:
//!
//! ```text
//! 1q012301230123Y2j.mx2k118b
//! ```
//!
//! The moment makes the saved assessment's id, so opening the same
//! hand-over again (a reload, Back) finds the assessment it made instead of
//! adding another, whatever was saved in between. A fragment without the
//! moment (a share text alone) is read too; its id is the answers'.

use std::collections::BTreeMap;

use super::share::{decode_share, encode_share, ShareError};
use crate::model::types::{Assessment, AssessmentKind};

/// What a hand-over carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    /// The quiz the answers are to.
    pub kind: AssessmentKind,
    /// Question id -> the option chosen.
    pub answers: BTreeMap<String, u8>,
    /// When the result was shown (ms since 1970), if the link says.
    pub shown_at_ms: Option<u64>,
}

/// The fragment of a hand-over address.
pub fn encode_handover(
    kind: AssessmentKind,
    answers: &BTreeMap<String, u8>,
    shown_at_ms: u64,
) -> String {
    format!("{}.{}", encode_share(kind, answers), base36(shown_at_ms))
}

/// Reads a fragment made by [`encode_handover`] (or a share text alone).
/// A moment that is not base 36, or is empty, is a damaged link. Never
/// panics, whatever the input.
pub fn decode_handover(text: &str) -> Result<Handover, ShareError> {
    let text = text.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    let (share, moment) = match text.split_once('.') {
        Some((share, moment)) => (share, Some(moment)),
        None => (text, None),
    };
    let (kind, answers) = decode_share(share)?;
    let shown_at_ms = match moment {
        None => None,
        Some(m) if !m.is_empty() && m.len() <= 13 => {
            Some(u64::from_str_radix(m, 36).map_err(|_| ShareError::Damaged)?)
        }
        Some(_) => return Err(ShareError::Damaged),
    };
    Ok(Handover {
        kind,
        answers,
        shown_at_ms,
    })
}

impl Handover {
    /// The id of the assessment this hand-over saves: the same for every
    /// opening of the same address, different for another result.
    pub fn assessment_id(&self) -> String {
        let share = encode_share(self.kind, &self.answers);
        match self.shown_at_ms {
            Some(t) => format!("handover-{}-{share}", base36(t)),
            None => format!("handover-{share}"),
        }
    }

    /// Whether `assessments` already holds what this hand-over saves.
    pub fn is_saved_in(&self, assessments: &[Assessment]) -> bool {
        let id = self.assessment_id();
        assessments.iter().any(|a| a.id == id)
    }
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quiz::{questions, to_assessment};

    fn answers() -> BTreeMap<String, u8> {
        questions(AssessmentKind::Quick)
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.to_string(), (i % 4) as u8))
            .collect()
    }

    #[test]
    fn a_handover_reads_back_with_its_moment() {
        let text = encode_handover(AssessmentKind::Quick, &answers(), 1_796_000_000_123);
        assert_eq!(
            text,
            format!(
                "{}.mx2k118b",
                encode_share(AssessmentKind::Quick, &answers())
            )
        );
        let h = decode_handover(&format!("#{text}")).unwrap();
        assert_eq!(
            h,
            Handover {
                kind: AssessmentKind::Quick,
                answers: answers(),
                shown_at_ms: Some(1_796_000_000_123)
            }
        );
        assert_eq!(base36(0), "0");
        assert_eq!(
            u64::from_str_radix(&base36(u64::MAX), 36).unwrap(),
            u64::MAX
        );
    }

    #[test]
    fn a_share_text_alone_is_a_handover_without_moment() {
        let share = encode_share(AssessmentKind::Quick, &answers());
        let h = decode_handover(&share).unwrap();
        assert_eq!(h.shown_at_ms, None);
        assert_eq!(h.assessment_id(), format!("handover-{share}"));
    }

    #[test]
    fn a_damaged_moment_or_answers_are_refused() {
        let text = encode_handover(AssessmentKind::Quick, &answers(), 42);
        assert_eq!(
            decode_handover(&format!("{text}!")),
            Err(ShareError::Damaged)
        );
        let share = encode_share(AssessmentKind::Quick, &answers());
        assert_eq!(
            decode_handover(&format!("{share}.")),
            Err(ShareError::Damaged)
        );
        assert_eq!(
            decode_handover(&format!("{share}.zzzzzzzzzzzzzz")),
            Err(ShareError::Damaged)
        );
        let mut cut = text.clone();
        cut.remove(5);
        assert!(decode_handover(&cut).is_err());
        assert_eq!(decode_handover(""), Err(ShareError::Empty));
    }

    #[test]
    fn the_same_address_saves_one_assessment_and_another_result_another() {
        let h = decode_handover(&encode_handover(AssessmentKind::Quick, &answers(), 7)).unwrap();
        let later =
            decode_handover(&encode_handover(AssessmentKind::Quick, &answers(), 8)).unwrap();
        assert_ne!(h.assessment_id(), later.assessment_id());
        let saved = to_assessment(
            h.kind,
            h.answers.clone(),
            h.assessment_id(),
            chrono::DateTime::UNIX_EPOCH,
        );
        assert!(h.is_saved_in(std::slice::from_ref(&saved)));
        assert!(!later.is_saved_in(std::slice::from_ref(&saved)));
        assert!(h.assessment_id().chars().count() <= crate::model::limits::MAX_ID_CHARS);
    }
}
