//! The hand-over from the quiz app to the workshop app: a result taken on
//! `/quiz` (or in an embedded quiz) is saved to a model by the workshop app,
//! which the quiz app opens at [`SAVE_PATH`] with the answers and the
//! moment the result was shown in the fragment (the domain's
//! `encode_handover`: checksummed, so a link cut or changed on its way is
//! refused there with a sentence, and nothing is saved; and saved once, as
//! the moment makes the assessment's id). The fragment never reaches a
//! server.

use opmodel_domain::model::quiz::encode_handover;
use opmodel_domain::model::AssessmentKind;

use crate::Answers;

/// The workshop app's page that saves a result handed over to it.
pub const SAVE_PATH: &str = "/quiz/save";

/// The address, from the site's root, that saves these answers, shown at
/// `shown_at_ms` (ms since 1970), in the workshop app.
pub fn save_href(kind: AssessmentKind, answers: &Answers, shown_at_ms: u64) -> String {
    format!(
        "{SAVE_PATH}#{}",
        encode_handover(kind, answers, shown_at_ms)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use opmodel_domain::model::quiz::{decode_handover, questions};

    #[test]
    fn the_save_address_carries_the_answers_and_the_moment() {
        let answers: Answers = questions(AssessmentKind::Quick)
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.to_string(), (i % 4) as u8))
            .collect();
        let href = save_href(AssessmentKind::Quick, &answers, 1_796_000_000_123);
        let fragment = href.strip_prefix("/quiz/save#").expect("the save page");
        let h = decode_handover(fragment).unwrap();
        assert_eq!(
            (h.kind, h.answers, h.shown_at_ms),
            (AssessmentKind::Quick, answers, Some(1_796_000_000_123))
        );
    }
}
