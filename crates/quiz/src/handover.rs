//! The hand-over from the quiz app to the workshop app: a result taken on
//! `/quiz` (or in an embedded quiz) is saved to a model by the workshop app,
//! which the quiz app opens at [`SAVE_PATH`] with the answers in the
//! fragment, as a share link carries them (checksummed, so a link cut or
//! changed on its way is refused there with a sentence, and nothing is
//! saved). The fragment never reaches a server.

use opmodel_domain::model::quiz::encode_share;
use opmodel_domain::model::AssessmentKind;

use crate::Answers;

/// The workshop app's page that saves a result handed over to it.
pub const SAVE_PATH: &str = "/quiz/save";

/// The address, from the site's root, that saves these answers in the
/// workshop app.
pub fn save_href(kind: AssessmentKind, answers: &Answers) -> String {
    format!("{SAVE_PATH}#{}", encode_share(kind, answers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use opmodel_domain::model::quiz::{decode_share, questions};

    #[test]
    fn the_save_address_carries_the_answers_as_a_share_link_does() {
        let answers: Answers = questions(AssessmentKind::Quick)
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.to_string(), (i % 4) as u8))
            .collect();
        let href = save_href(AssessmentKind::Quick, &answers);
        let fragment = href.strip_prefix("/quiz/save#").expect("the save page");
        assert_eq!(
            decode_share(fragment).unwrap(),
            (AssessmentKind::Quick, answers)
        );
    }
}
