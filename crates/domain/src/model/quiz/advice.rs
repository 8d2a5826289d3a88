//! Where to invest first (levers) and which dangerous combinations to point
//! out (warnings).
//!
//! # Levers
//!
//! Investment follows the dependency of the layers: fix the lowest layer that
//! is not established, and do not invest above it yet.
//!
//! - Tools not established: the tools lever, then the workflows lever if
//!   workflows are weak too (defining how the tools are used belongs with
//!   putting them in place).
//! - Workflows not established: the outcome is variance, so invest in
//!   workflows only, not automation.
//! - Automation not established: the outcome is compliance drift, so invest in
//!   automation only, not governance.
//! - Automation established, operating system not: the outcome is brittleness
//!   and loss of control, so invest in governance, not more automation: the
//!   pillars below the threshold, weakest first (ties in the order ownership,
//!   decision rights, review, correction), then integration if it is weak.
//! - Everything established: one lever about keeping the system exercised.
//!
//! At most three levers are returned.
//!
//! # Warnings
//!
//! A warning compares two parts of the profile and is only given when every
//! dimension it looks at has at least one answer (a dimension nobody answered
//! scores 0, which says nothing about the organization).

use super::dimension::Dimension;
use super::scoring::{Profile, ESTABLISHED_THRESHOLD};
use crate::model::layers::Layer;
use crate::model::sort;

/// Most levers returned.
pub const MAX_LEVERS: usize = 3;

/// A dimension at or above this score is "strong" for the warnings.
pub const STRONG_THRESHOLD: f64 = ESTABLISHED_THRESHOLD;
/// [`WarningKind::AutomatedVariance`]: automation is strong while workflows
/// score below this.
pub const UNSTABLE_WORKFLOWS_BELOW: f64 = 50.0;
/// [`WarningKind::AutomatedDrift`]: automation is strong while the mean of the
/// four pillars is below this.
pub const WEAK_GOVERNANCE_BELOW: f64 = 50.0;
/// [`WarningKind::OverheadWithoutLeverage`]: the mean of the four pillars is
/// strong while automation scores below this.
pub const WEAK_AUTOMATION_BELOW: f64 = 50.0;

/// One place to invest, with what to do first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lever {
    pub dimension: Dimension,
    pub title: String,
    /// One sentence naming the failure mode.
    pub diagnosis: String,
    /// Why this comes before the rest.
    pub why_first: String,
    /// Two or three concrete first steps.
    pub steps: Vec<String>,
}

/// A dangerous combination of strong and weak parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// Automation built on workflows that are not settled.
    AutomatedVariance,
    /// Automation running without the governance to keep it right.
    AutomatedDrift,
    /// Governance imposed on work that is still done by hand.
    OverheadWithoutLeverage,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    pub title: String,
    pub text: String,
}

/// A score as shown in a sentence: "66.7", "100".
fn show(score: f64) -> String {
    if score.fract() == 0.0 {
        format!("{score:.0}")
    } else {
        format!("{score:.1}")
    }
}

/// The levers for a profile, most urgent first.
pub(crate) fn levers(p: &Profile) -> Vec<Lever> {
    let mut out = Vec::new();
    match p.first_weak_layer() {
        Some(Layer::Tools) => {
            out.push(layer_lever(p, Dimension::Tools));
            if !p.established(Dimension::Workflows) {
                out.push(workflows_after_tools(p));
            }
        }
        Some(Layer::Workflows) => out.push(layer_lever(p, Dimension::Workflows)),
        Some(Layer::Automation) => out.push(layer_lever(p, Dimension::Automation)),
        Some(Layer::OperatingSystem) => {
            let mut weak: Vec<Dimension> = Dimension::PILLARS
                .into_iter()
                .filter(|&d| !p.established(d))
                .collect();
            // Stable sort: equal scores keep the pillar order.
            sort::sort_by(&mut weak, |a, b| p.score(*a).total_cmp(&p.score(*b)));
            for (rank, d) in weak.into_iter().enumerate() {
                out.push(pillar_lever(p, d, rank));
            }
            if !p.established(Dimension::Integration) {
                out.push(integration_lever(p));
            }
        }
        None => out.push(sustain_lever(p)),
    }
    out.truncate(MAX_LEVERS);
    out
}

/// The warnings for a profile, in [`WarningKind`] order.
pub(crate) fn warnings(p: &Profile) -> Vec<Warning> {
    let governance_answered = Dimension::PILLARS.iter().all(|&d| p.is_answered(d));
    let automation = p.score(Dimension::Automation);
    let governance = p.governance();
    let automation_strong = p.is_answered(Dimension::Automation) && automation >= STRONG_THRESHOLD;
    let mut out = Vec::new();
    if automation_strong
        && p.is_answered(Dimension::Workflows)
        && p.score(Dimension::Workflows) < UNSTABLE_WORKFLOWS_BELOW
    {
        out.push(Warning {
            kind: WarningKind::AutomatedVariance,
            title: "Automation built on unsettled work".into(),
            text: "Your automation is ahead of your workflows. Automating work that is not yet \
                   done one agreed way turns today's inconsistencies into code that repeats \
                   them at scale, so settle the workflows before automating further."
                .into(),
        });
    }
    if automation_strong && governance_answered && governance < WEAK_GOVERNANCE_BELOW {
        out.push(Warning {
            kind: WarningKind::AutomatedDrift,
            title: "Automation running without oversight".into(),
            text: "Your automation is strong but the governance around it is weak. Without \
                   owners, reviews and corrections, automated processes keep running logic \
                   that no longer fits, and their errors spread before anyone notices."
                .into(),
        });
    }
    if governance_answered
        && governance >= STRONG_THRESHOLD
        && p.is_answered(Dimension::Automation)
        && automation < WEAK_AUTOMATION_BELOW
    {
        out.push(Warning {
            kind: WarningKind::OverheadWithoutLeverage,
            title: "Governance without leverage".into(),
            text: "You have invested in governance while most work is still done by hand. \
                   Owners and reviews then spend their effort policing manual work, which \
                   adds overhead without the scale that automation would bring."
                .into(),
        });
    }
    out
}

fn steps(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The lever for the lowest weak layer (tools, workflows or automation).
fn layer_lever(p: &Profile, d: Dimension) -> Lever {
    let s = show(p.score(d));
    let t = show(ESTABLISHED_THRESHOLD);
    match d {
        Dimension::Tools => Lever {
            dimension: d,
            title: "Build a shared tool base with one source of truth".into(),
            diagnosis: "Work runs on each person's own files and habits, so results vary from \
                        one person to the next: this is variance, and nobody can see the \
                        whole picture."
                .into(),
            why_first: format!(
                "Tools score {s} out of 100, below the {t} needed to count as established. \
                 Every other layer rests on this one: a workflow cannot say which tool to use \
                 at each stage until the tools are in place."
            ),
            steps: steps(&[
                "List your core activities (selling, delivering, billing, support) and the tool \
                 each one runs on today; mark those that live in email or private spreadsheets.",
                "For each key kind of data, such as customers, orders and invoices, name the one \
                 system that holds the official version.",
                "Move the most improvised activity into a shared tool and train everyone who \
                 does that work.",
            ]),
        },
        Dimension::Workflows => Lever {
            dimension: d,
            title: "Define how your core work flows, before automating it".into(),
            diagnosis: "The same work is done differently by different people, so quality \
                        depends on who picks it up: this is variance."
                .into(),
            why_first: format!(
                "Workflows score {s} out of 100, below the {t} needed to count as established, \
                 while your tools are in place. Automating now would lock today's \
                 inconsistencies into systems, so invest in defining the work, not in \
                 automation."
            ),
            steps: workflow_steps(),
        },
        _ => Lever {
            dimension: Dimension::Automation,
            title: "Let systems carry out the steps you have defined".into(),
            diagnosis: "Your procedures are defined, but following them depends on people's \
                        discipline, so practice slowly moves away from the documents: this is \
                        compliance drift."
                .into(),
            why_first: format!(
                "Automation scores {s} out of 100 while your tools and workflows are \
                 established. More rules and meetings will not stop the drift, but systems \
                 that enforce the defined steps will, so invest in automation before adding \
                 governance."
            ),
            steps: steps(&[
                "Find the steps most often skipped or done late (approvals, checks, mandatory \
                 information) and make your system require them before work can move on.",
                "Automate the most repetitive step of one stable, well-defined process first.",
                "For each automation, decide from day one who is alerted when it fails and \
                 where the cases it cannot handle go.",
            ]),
        },
    }
}

fn workflow_steps() -> Vec<String> {
    steps(&[
        "Pick your two or three most important processes and write down their stages, who \
         does each stage and what must be true before work moves on.",
        "Define each handoff: what must be passed on, and when the receiving team accepts it.",
        "Compare each written process with how the work is really done, and correct whichever \
         of the two is wrong.",
    ])
}

/// Workflows as the second lever, when the tools are not in place either.
fn workflows_after_tools(p: &Profile) -> Lever {
    Lever {
        dimension: Dimension::Workflows,
        title: "Decide how the tools will be used".into(),
        diagnosis: "Without an agreed way of working, even good tools give different results \
                    in different hands: this is variance."
            .into(),
        why_first: format!(
            "Workflows score {} out of 100. They are the next layer up from tools, and \
             describing the core workflows while you set the tools up keeps the two aligned.",
            show(p.score(Dimension::Workflows))
        ),
        steps: workflow_steps(),
    }
}

/// Why a pillar matters, in one sentence.
fn pillar_reason(d: Dimension) -> &'static str {
    match d {
        Dimension::Ownership => {
            "The other pillars need owners to act: someone to decide, to run the review and \
             to drive the fix."
        }
        Dimension::DecisionRights => {
            "Clear rights let owners hand routine decisions down without losing control of \
             the significant ones."
        }
        Dimension::Review => {
            "Without a schedule, nobody checks that work still matches its design until \
             something breaks."
        }
        _ => "Reviews only pay off when what they find is fixed and checked to have worked.",
    }
}

/// A governance lever; `rank` 0 is the weakest pillar.
fn pillar_lever(p: &Profile, d: Dimension, rank: usize) -> Lever {
    let s = show(p.score(d));
    let why_first = if rank == 0 {
        format!(
            "Your tools, workflows and automation are established, so invest in governance \
             now rather than in more automation. {} is your weakest pillar ({s} out of 100). {}",
            d.label(),
            pillar_reason(d)
        )
    } else {
        format!(
            "Next among the governance pillars: {} scores {s} out of 100. {}",
            d.label(),
            pillar_reason(d)
        )
    };
    let (title, diagnosis, step_list): (&str, &str, &[&str]) = match d {
        Dimension::Ownership => (
            "Give every key process exactly one owner",
            "Nobody is clearly accountable for key processes, so problems bounce between \
             people and automated work runs with nobody in charge: brittleness and loss of \
             control.",
            &[
                "List your five most important processes and give each one accountable role \
                 (a role, not a person) in the ownership matrix.",
                "Ask each owner to accept the role, and publish the list where everyone can \
                 see it.",
                "Give every automation an owner who approves its changes and is alerted when \
                 it fails.",
            ],
        ),
        Dimension::DecisionRights => (
            "Write down who decides what",
            "It is unclear who may decide what, so routine decisions climb to the top or are \
             made by whoever is around: a loss of control.",
            &[
                "List the ten decisions your teams make most often (refunds, discounts, \
                 purchases, schedule changes) and name the role that decides each one.",
                "Set the amount or risk above which a decision needs approval or goes up a \
                 level, and say to whom.",
                "Decide who may overturn a decision, in which cases, and what must be recorded \
                 when they do.",
            ],
        ),
        Dimension::Review => (
            "Put reviews on the calendar and protect them",
            "Without scheduled reviews, drift and silent errors are found only once they do \
             damage: this is how control is lost.",
            &[
                "Set up a short weekly check of work in progress and a monthly review of \
                 process health, each with a named owner.",
                "Choose two or three measures per key process (cycle time, error rate, \
                 exceptions) and compare them with targets at every review.",
                "Treat a cancelled review as an incident and hold it within the week.",
            ],
        ),
        _ => (
            "Turn every finding into a tracked change",
            "Problems are found but not reliably fixed, so they come back: drift is seen but \
             not corrected, and control slips away.",
            &[
                "Record every review finding in one shared list, with an owner and a due date.",
                "Take each correction through the same steps: proposed, evaluated, approved, \
                 implemented, validated.",
                "Close a correction only once a measure shows the problem is gone, and escalate \
                 any that pass their due date.",
            ],
        ),
    };
    Lever {
        dimension: d,
        title: title.into(),
        diagnosis: diagnosis.into(),
        why_first,
        steps: steps(step_list),
    }
}

fn integration_lever(p: &Profile) -> Lever {
    let s = show(p.score(Dimension::Integration));
    let why_first = if p.governance_established() {
        format!(
            "Your layers and your four governance pillars are established; integration \
             ({s} out of 100) is what still keeps the parts from working as one operating \
             system."
        )
    } else {
        format!(
            "After the governance pillars comes integration ({s} out of 100): designing \
             tools, workflows and automation to work as one system."
        )
    };
    Lever {
        dimension: Dimension::Integration,
        title: "Design your systems to work as one".into(),
        diagnosis: "Your systems are connected but not designed as a whole, so conflicting \
                    data and failures between systems go unnoticed: a source of brittleness \
                    and lost control."
            .into(),
        why_first,
        steps: steps(&[
            "For each key kind of data, name the system that is its authoritative source and \
             make the others read from it.",
            "Map where work crosses from one system to another, and give each crossing an \
             owner and a path for failures.",
            "Before buying or changing a tool, check which data it is the source for and \
             which systems depend on it.",
        ]),
    }
}

/// The single lever when every layer is established.
fn sustain_lever(p: &Profile) -> Lever {
    // The weakest dimension; ties keep the ALL order.
    let weakest = Dimension::ALL
        .into_iter()
        .reduce(|a, b| if p.score(b) < p.score(a) { b } else { a })
        .unwrap_or(Dimension::Review);
    Lever {
        dimension: weakest,
        title: "Keep the operating system exercised".into(),
        diagnosis: "Every layer is established; the risk now is decay, as governance that is \
                    not exercised slides back into drift."
            .into(),
        why_first: if p.score(weakest) >= 100.0 {
            "All four layers are established, with every dimension at the top. An operating \
             system needs steady upkeep, so protecting what you have built comes first."
                .to_string()
        } else {
            format!(
                "All four layers are established, and your lowest dimension is {} ({} out of \
                 100). An operating system needs steady upkeep, so protecting what you have \
                 built comes first.",
                weakest.label().to_lowercase(),
                show(p.score(weakest))
            )
        },
        steps: steps(&[
            "Keep the review calendar intact, especially in busy periods.",
            "Track each month the share of reviews held on time, of findings implemented and \
             of decisions made by the right role.",
            "Take this assessment again each quarter and compare the results.",
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_shown_without_needless_decimals() {
        assert_eq!(show(100.0), "100");
        assert_eq!(show(0.0), "0");
        assert_eq!(show(66.7), "66.7");
        assert_eq!(show(59.9), "59.9");
    }

    #[test]
    fn warning_thresholds_leave_a_gap() {
        const {
            assert!(UNSTABLE_WORKFLOWS_BELOW < STRONG_THRESHOLD);
            assert!(WEAK_GOVERNANCE_BELOW < STRONG_THRESHOLD);
            assert!(WEAK_AUTOMATION_BELOW < STRONG_THRESHOLD);
        }
    }
}
