//! The questions, as data.
//!
//! Every question asks about something that can be observed (what happens when
//! someone leaves, when a step is skipped, when an automation misfires...), and
//! every answer describes a state of the organization, never a frequency or a
//! level of agreement. Options run from the weakest state (index 0) to the
//! strongest. Each list has four states, roughly: absent, informal, in place
//! (the first state that counts toward "established"), and working and
//! exercised.
//!
//! Ids are stable: saved assessments and share links refer to them. The order
//! of each bank is part of the share-link format, so reordering, adding or
//! removing a question needs a new share version (see `share.rs`).

use super::dimension::Dimension;
use crate::model::types::AssessmentKind;

/// One question of a bank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    pub dimension: Dimension,
    pub prompt: &'static str,
    /// From the weakest state (index 0) to the strongest.
    pub options: &'static [&'static str],
}

/// The questions of a quiz, in the order they are asked.
pub fn questions(kind: AssessmentKind) -> &'static [Question] {
    match kind {
        AssessmentKind::Quick => &QUICK_BANK,
        AssessmentKind::Full => &FULL_BANK,
    }
}

/// The question with this id, in either bank.
pub fn find_question(id: &str) -> Option<&'static Question> {
    QUICK_BANK
        .iter()
        .chain(FULL_BANK.iter())
        .find(|q| q.id == id)
}

impl Question {
    /// The score of an answer, 0 to 100: the option index scaled so that the
    /// weakest option is 0 and the strongest 100. `None` for an index that is
    /// not one of the options.
    pub fn points(&self, answer: u8) -> Option<f64> {
        let last = self.options.len().checked_sub(1)?;
        let answer = usize::from(answer);
        if answer > last || last == 0 {
            return None;
        }
        Some(answer as f64 * 100.0 / last as f64)
    }
}

use Dimension::*;

const fn q(
    id: &'static str,
    dimension: Dimension,
    prompt: &'static str,
    options: &'static [&'static str],
) -> Question {
    Question {
        id,
        dimension,
        prompt,
        options,
    }
}

/// The quick quiz: twelve questions, about two minutes. Each is one of the
/// full assessment's questions under its own id, so the two can be compared.
/// Two each for tools, workflows, automation and ownership (the control test
/// starts with "who owns this?"), one for each other dimension.
static QUICK_BANK: [Question; 12] = [
    Question {
        id: "q-tools-1",
        ..FULL[2]
    },
    Question {
        id: "q-tools-2",
        ..FULL[0]
    },
    Question {
        id: "q-workflows-1",
        ..FULL[5]
    },
    Question {
        id: "q-workflows-2",
        ..FULL[8]
    },
    Question {
        id: "q-automation-1",
        ..FULL[10]
    },
    Question {
        id: "q-automation-2",
        ..FULL[11]
    },
    Question {
        id: "q-integration-1",
        ..FULL[15]
    },
    Question {
        id: "q-ownership-1",
        ..FULL[20]
    },
    Question {
        id: "q-ownership-2",
        ..FULL[21]
    },
    Question {
        id: "q-decision-rights-1",
        ..FULL[25]
    },
    Question {
        id: "q-review-1",
        ..FULL[30]
    },
    Question {
        id: "q-correction-1",
        ..FULL[35]
    },
];

static FULL_BANK: [Question; 40] = FULL;

/// The full assessment: forty questions, five per dimension.
const FULL: [Question; 40] = [
    // ---- Tools: adopted tools, one trusted home for data, know-how kept.
    q(
        "f-tools-1",
        Tools,
        "You need a customer's current details. Where do people look?",
        &[
            "In their own spreadsheets, inboxes or notebooks; each keeps a version",
            "In several systems that disagree, so someone reconciles them by hand",
            "Mostly in one system, though some copies are still kept on the side",
            "In one agreed system of record that everyone uses and trusts",
        ],
    ),
    q(
        "f-tools-2",
        Tools,
        "Someone who handles a key task leaves. What do they leave behind for the next person?",
        &[
            "Very little: the know-how and the files were theirs",
            "Files in personal folders that someone has to dig through",
            "The work history in shared tools, but no notes on how they used them",
            "The full history in shared tools, set up so a trained colleague can carry on",
        ],
    ),
    q(
        "f-tools-3",
        Tools,
        "Think of your core activities: selling, delivering, billing, support. What do they run on?",
        &[
            "Mostly email, chat and improvised spreadsheets",
            "Some have a proper tool; the rest improvise",
            "Most have a proper tool, though some teams work around it",
            "Each runs on an adopted tool that people really use every day",
        ],
    ),
    q(
        "f-tools-4",
        Tools,
        "A new colleague starts. How do they learn the tools they need?",
        &[
            "They figure it out, or ask whoever is nearby",
            "A colleague shows them their personal way of using each tool",
            "A standard introduction covers the main tools",
            "Everyone is trained on the main tools, and the training is kept up to date",
        ],
    ),
    q(
        "f-tools-5",
        Tools,
        "Two teams report the same figure, such as last month's revenue. What do you see?",
        &[
            "Two different numbers, and nobody can say which is right",
            "Different numbers, until someone spends hours reconciling them",
            "Mostly the same number; gaps can be traced to a known source",
            "The same number, from one authoritative source and one agreed definition",
        ],
    ),
    // ---- Workflows: defined stages, roles, criteria and handoffs that match practice.
    q(
        "f-workflows-1",
        Workflows,
        "Two people handle the same kind of request. How do their results compare?",
        &[
            "They depend entirely on who does it; each has a personal method",
            "Experienced staff get similar results; newcomers do it their own way",
            "Similar: there is a shared method, with some personal variations",
            "The same: everyone follows one defined method with clear quality criteria",
        ],
    ),
    q(
        "f-workflows-2",
        Workflows,
        "How is your main process, from request to delivery, described?",
        &[
            "It is not: it lives in people's heads",
            "In some notes or an old document nobody opens",
            "A current description of the stages exists, with gaps in the detail",
            "Stages, who does each, what is needed to move on and the handoffs are all defined",
        ],
    ),
    q(
        "f-workflows-3",
        Workflows,
        "Work passes from one team to another. What happens at that point?",
        &[
            "It is passed on informally; things get lost or redone",
            "A message is sent, and the receiver chases whatever is missing",
            "There is a usual handoff, but what must come with it is not defined",
            "A defined handoff says what must be included and when the receiver accepts it",
        ],
    ),
    q(
        "f-workflows-4",
        Workflows,
        "If you compared your written procedures with how work is done today, what would you find?",
        &[
            "There are no written procedures to compare",
            "Big gaps: the documents describe how work used to be, or ought to be",
            "A rough match, with some known shortcuts",
            "A close match: documents are checked against practice and kept current",
        ],
    ),
    q(
        "f-workflows-5",
        Workflows,
        "A new hire must learn how a process is done. Where does that knowledge come from?",
        &[
            "From watching colleagues, who each do it differently",
            "From shadowing one experienced person",
            "From a written procedure, plus a lot of asking around",
            "From the documented process, which is enough to do the job to standard",
        ],
    ),
    // ---- Automation: systems carry out and enforce the defined steps.
    q(
        "f-automation-1",
        Automation,
        "Routine, repeated work (data entry, reminders, routing, invoicing): who or what does it?",
        &[
            "People do nearly all of it by hand",
            "People, helped by a few personal shortcuts or one-off scripts",
            "Shared systems handle some key steps; people do the rest",
            "Systems handle most repeated steps of the main processes",
        ],
    ),
    q(
        "f-automation-2",
        Automation,
        "Someone tries to skip a required step (an approval, a check, a mandatory field). What happens?",
        &[
            "Nothing stops them, and nobody notices",
            "Nothing stops them; it may be noticed later, by chance",
            "The system flags it, but it can be bypassed without a trace",
            "The system will not let the work move on until the step is done",
        ],
    ),
    q(
        "f-automation-3",
        Automation,
        "An automation misfires: a wrong email, a wrong amount, a stuck record. How is it found?",
        &[
            "We have no automations, or we hear about it from a customer",
            "Someone happens to notice, often after many records are affected",
            "Some automations send alerts; others fail silently",
            "Each automation is monitored and alerts someone when it fails or acts oddly",
        ],
    ),
    q(
        "f-automation-4",
        Automation,
        "A case does not fit what an automation expects. What happens to it?",
        &[
            "We have no automations, or it is handled wrongly without anyone knowing",
            "It gets stuck until someone stumbles on it",
            "It is set aside for a person, but nobody watches that pile",
            "It goes to a named role, is tracked and is resolved within a set time",
        ],
    ),
    q(
        "f-automation-5",
        Automation,
        "The volume of a core process doubles next quarter. What would it take to cope?",
        &[
            "About twice the people: every step is manual",
            "Many more people, though tools speed up a few tasks",
            "A few more people: the heavy steps are automated",
            "About the same team: the systems absorb the volume",
        ],
    ),
    // ---- Integration: parts designed to work as one.
    q(
        "f-integration-1",
        Integration,
        "The same data is needed in two systems, e.g. a new customer in sales and billing. How does it get there?",
        &[
            "Someone types it in again",
            "Someone exports and imports it from time to time",
            "It syncs automatically, but nobody has decided which system wins a conflict",
            "It flows automatically from the system agreed to be its source",
        ],
    ),
    q(
        "f-integration-2",
        Integration,
        "A piece of work moves between systems, e.g. from sales to delivery. Can you see where it is?",
        &[
            "No: we ask people in each team",
            "Only by opening each system and piecing it together",
            "Partly: a report exists, but it is often out of date",
            "Yes: one view shows where each item is, across systems",
        ],
    ),
    q(
        "f-integration-3",
        Integration,
        "A team wants a new tool. What is settled before it is bought?",
        &[
            "Nothing in particular: the team that wants it buys it",
            "Price and features",
            "Price, features and whether it can connect to our other systems",
            "Where it fits: which data it is the source for, which work it serves, how it connects",
        ],
    ),
    q(
        "f-integration-4",
        Integration,
        "Someone changes one system (a new field, a renamed status). What happens to systems that depend on it?",
        &[
            "They break, and we find out later",
            "Whatever breaks is fixed once someone notices",
            "The person making the change knows the main dependencies and checks them",
            "Dependencies are written down, and changes are tested against them first",
        ],
    ),
    q(
        "f-integration-5",
        Integration,
        "A transfer between two systems fails. Where does the problem go?",
        &[
            "Nowhere: the data is simply missing on the other side",
            "To whoever built the connection, if they happen to notice",
            "Into an error log that someone checks now and then",
            "Down a defined failure path to an owner who resolves it",
        ],
    ),
    // ---- Ownership: one accountable role per element, exercised.
    q(
        "f-ownership-1",
        Ownership,
        "Ask three colleagues who owns your main process. What answers do you get?",
        &[
            "Three different names, or \"nobody, really\"",
            "The same department, but no single role",
            "The same role from most of them, after some thought",
            "The same role, at once: it is written down where everyone can see it",
        ],
    ),
    q(
        "f-ownership-2",
        Ownership,
        "The person who owns a key process leaves. What happens to that ownership?",
        &[
            "It disappears: it was never formal",
            "It stays unclear for weeks until someone picks it up",
            "A manager reassigns it once the gap is noticed",
            "It stays with the role, and the successor takes it over from day one",
        ],
    ),
    q(
        "f-ownership-3",
        Ownership,
        "A problem keeps recurring between two teams, such as a handoff that fails. Who fixes it?",
        &[
            "Nobody: each team sees it as the other's problem",
            "Whoever gets it pushed onto them after an escalation",
            "One of the teams, once a manager assigns it",
            "The owner of the end-to-end outcome, whose job it is",
        ],
    ),
    q(
        "f-ownership-4",
        Ownership,
        "Your key processes, data sets and systems: how many have exactly one accountable owner?",
        &[
            "We have never listed them or their owners",
            "A few; most are shared or unclear",
            "Most, though some belong to a committee or to two people",
            "All of them, each owned by one role that has accepted it",
        ],
    ),
    q(
        "f-ownership-5",
        Ownership,
        "What do your process owners actually do with their processes?",
        &[
            "There are no process owners",
            "Their name is on a document; they rarely look at the process",
            "They step in when something goes wrong",
            "They track its performance, make its decisions and drive its fixes",
        ],
    ),
    // ---- Decision rights: who decides, within which limits, when it goes up.
    q(
        "f-decision-rights-1",
        DecisionRights,
        "A team lead wants to buy something above their usual spending. How do they find out who can approve it?",
        &[
            "They ask around until someone says yes",
            "They go to the most senior person available",
            "There is a known approver, though the limits are not written down",
            "Written limits say who approves which amounts, and they are followed",
        ],
    ),
    q(
        "f-decision-rights-2",
        DecisionRights,
        "Where are routine decisions, such as a refund, a discount or a schedule change, actually made?",
        &[
            "At the top: leaders decide nearly everything",
            "By whoever is around; it differs from case to case",
            "Close to the work, but people often escalate to be safe",
            "Close to the work, within defined limits; only exceptions go up",
        ],
    ),
    q(
        "f-decision-rights-3",
        DecisionRights,
        "What tells someone that a decision must go up a level instead of being made by them?",
        &[
            "Nothing defined: they guess or ask",
            "Unwritten habits that differ between teams",
            "A few written rules, e.g. for large amounts",
            "Defined triggers (amount, risk, precedent, conflict) for each kind of decision",
        ],
    ),
    q(
        "f-decision-rights-4",
        DecisionRights,
        "A leader overturns a decision a team made within its authority. What happens?",
        &[
            "It happens often, and nobody records why",
            "It happens; people grumble and nothing is recorded",
            "It is rare, and the reason is usually explained to the team",
            "Only named roles can overturn, in defined cases, and the reason is recorded",
        ],
    ),
    q(
        "f-decision-rights-5",
        DecisionRights,
        "Six months on, someone asks why a significant decision was made. What can they find?",
        &[
            "Nothing, and those involved may not remember",
            "Scattered emails or chat messages, if someone kept them",
            "A note of the decision, but not who made it or on what basis",
            "A record of what was decided, by whom, with which authority and why",
        ],
    ),
    // ---- Review: scheduled, measured, honest and protected.
    q(
        "f-review-1",
        Review,
        "A very busy month arrives. What happens to your scheduled reviews of how operations run?",
        &[
            "There are none: we meet when something goes wrong",
            "They are the first thing to be cancelled",
            "They happen, but are often shortened or postponed",
            "They happen as planned: the calendar protects them",
        ],
    ),
    q(
        "f-review-2",
        Review,
        "What is looked at when a process is reviewed?",
        &[
            "Processes are not reviewed on a schedule",
            "General updates and opinions, without figures",
            "Some figures, chosen case by case",
            "Defined measures, such as cycle time and error rate, compared with targets",
        ],
    ),
    q(
        "f-review-3",
        Review,
        "Which regular reviews of your operations take place?",
        &[
            "None on a schedule",
            "Only day-to-day check-ins on work in progress",
            "Day-to-day check-ins and a monthly or quarterly look at process health",
            "Both of those, plus a yearly check that the operating model still fits the strategy",
        ],
    ),
    q(
        "f-review-4",
        Review,
        "A review shows a process missing its targets. What happens next in the meeting?",
        &[
            "There is no such review",
            "The numbers are explained away and the meeting moves on",
            "The problem is discussed, but its cause is rarely dug into",
            "The cause is investigated and a finding is recorded for action",
        ],
    ),
    q(
        "f-review-5",
        Review,
        "A key process quietly stops working as designed. How would you find out?",
        &[
            "When a customer or an auditor tells us",
            "When someone happens to notice",
            "Some processes have regular checks that would show it; others have none",
            "Scheduled reviews of every key process would show it within weeks",
        ],
    ),
    // ---- Correction: findings become owned, tracked, validated changes.
    q(
        "f-correction-1",
        Correction,
        "A review finds a problem. What happens to that finding?",
        &[
            "It stays in the meeting notes",
            "Someone says they will look into it; it is rarely followed up",
            "It gets an owner, but no deadline or tracking",
            "It gets an owner and a deadline, and is tracked until closed",
        ],
    ),
    q(
        "f-correction-2",
        Correction,
        "A fix has been put in place. How do you know the problem is solved?",
        &[
            "We don't check: we assume it worked",
            "We find out if the problem comes back",
            "The person who made the fix confirms it works",
            "The result is measured after the change, and it is closed only if it worked",
        ],
    ),
    q(
        "f-correction-3",
        Correction,
        "The same problem has come back for the third time. What happens now?",
        &[
            "It is patched again, like the last times",
            "People complain about it, but nothing structural changes",
            "Someone tries a deeper fix when time allows",
            "It gets a root-cause fix with an owner, a deadline and a check that it held",
        ],
    ),
    q(
        "f-correction-4",
        Correction,
        "Someone wants to change how a process works to fix an issue. How does the change happen?",
        &[
            "They just change it, and others find out later",
            "They change it after an informal chat",
            "It is discussed with those affected, but not formally approved",
            "Its impact is assessed, the owner approves it, and it is planned and announced",
        ],
    ),
    q(
        "f-correction-5",
        Correction,
        "A promised fix misses its deadline. What happens?",
        &[
            "Fixes do not have deadlines",
            "Nothing: it slides until people forget",
            "It comes up at the next meeting, if someone remembers",
            "It is escalated to a named role, who agrees a new plan",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const MAX_PROMPT: usize = 160;
    const MAX_OPTION: usize = 110;

    fn all() -> impl Iterator<Item = &'static Question> {
        questions(AssessmentKind::Quick)
            .iter()
            .chain(questions(AssessmentKind::Full))
    }

    #[test]
    fn banks_have_the_right_size() {
        assert_eq!(questions(AssessmentKind::Quick).len(), 12);
        assert_eq!(questions(AssessmentKind::Full).len(), 40);
    }

    #[test]
    fn full_bank_has_five_per_dimension_in_order() {
        let full = questions(AssessmentKind::Full);
        for d in Dimension::ALL {
            assert_eq!(full.iter().filter(|q| q.dimension == d).count(), 5, "{d:?}");
        }
        // The order is part of the share format: dimensions in ALL order,
        // numbered 1 to 5.
        let expected: Vec<String> = Dimension::ALL
            .iter()
            .flat_map(|d| (1..=5).map(move |n| format!("f-{}-{n}", d.slug())))
            .collect();
        let ids: Vec<&str> = full.iter().map(|q| q.id).collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn quick_bank_covers_every_dimension_in_a_fixed_order() {
        let quick = questions(AssessmentKind::Quick);
        for d in Dimension::ALL {
            assert!(quick.iter().any(|q| q.dimension == d), "{d:?}");
        }
        // Pinned: changing this order needs a new share version.
        let ids: Vec<&str> = quick.iter().map(|q| q.id).collect();
        assert_eq!(
            ids,
            [
                "q-tools-1",
                "q-tools-2",
                "q-workflows-1",
                "q-workflows-2",
                "q-automation-1",
                "q-automation-2",
                "q-integration-1",
                "q-ownership-1",
                "q-ownership-2",
                "q-decision-rights-1",
                "q-review-1",
                "q-correction-1",
            ]
        );
    }

    #[test]
    fn ids_are_unique_and_name_their_dimension() {
        let mut seen = HashSet::new();
        for q in all() {
            assert!(seen.insert(q.id), "duplicate id {}", q.id);
            let prefix = format!("-{}-", q.dimension.slug());
            assert!(q.id.contains(&prefix), "{} is not {:?}", q.id, q.dimension);
            assert!(
                q.id.is_ascii() && !q.id.contains(char::is_whitespace),
                "{}",
                q.id
            );
            assert_eq!(find_question(q.id), Some(q));
        }
        assert_eq!(find_question("nope"), None);
    }

    #[test]
    fn quick_questions_are_full_questions_under_another_id() {
        let full = questions(AssessmentKind::Full);
        for q in questions(AssessmentKind::Quick) {
            assert!(q.id.starts_with("q-"));
            assert!(full.iter().any(|f| f.prompt == q.prompt
                && f.options == q.options
                && f.dimension == q.dimension));
        }
        let prompts: HashSet<&str> = questions(AssessmentKind::Quick)
            .iter()
            .map(|q| q.prompt)
            .collect();
        assert_eq!(prompts.len(), 12, "a full question is used twice");
        for q in full {
            assert!(q.id.starts_with("f-"));
        }
    }

    #[test]
    fn texts_fit_on_a_phone() {
        for q in all() {
            let n = q.prompt.chars().count();
            assert!(n <= MAX_PROMPT, "{} prompt has {n} chars", q.id);
            assert!(q.prompt.ends_with('?'), "{}", q.id);
            assert!(
                (4..=5).contains(&q.options.len()),
                "{} has {} options",
                q.id,
                q.options.len()
            );
            let distinct: HashSet<&&str> = q.options.iter().collect();
            assert_eq!(distinct.len(), q.options.len(), "{}", q.id);
            for o in q.options {
                let n = o.chars().count();
                assert!(n <= MAX_OPTION, "{} option has {n} chars: {o}", q.id);
                assert!(!o.is_empty() && !o.ends_with('.'), "{}: {o}", q.id);
            }
        }
    }

    #[test]
    fn options_are_states_not_frequencies_or_agreement() {
        // Options describe a state of the organization: none may open with a
        // frequency or an agreement level, as a Likert scale would.
        let banned = [
            "never",
            "sometimes",
            "always",
            "often",
            "rarely",
            "agree",
            "disagree",
        ];
        for q in all() {
            for o in q.options {
                let first = o
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                assert!(
                    !banned.contains(&first.as_str()),
                    "{}: option starts with a frequency or agreement word: {o}",
                    q.id
                );
            }
        }
    }

    #[test]
    fn points_scale_the_index_to_100() {
        let q = &questions(AssessmentKind::Quick)[0];
        assert_eq!(q.points(0), Some(0.0));
        assert_eq!(q.points(3), Some(100.0));
        assert!((q.points(1).unwrap() - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(q.points(4), None);
        assert_eq!(q.points(255), None);
    }
}
