//! The four layers of the operational hierarchy and the four maturity stages
//! that go with them.
//!
//! The layers stack: tools, then workflows that say how the tools are used,
//! then automation that carries out the workflows, then an operating system
//! that puts all three under governance. Each layer fails in a typical way
//! when the one above it is missing, and none can be skipped. An organization
//! at a given layer is in the matching stage of its maturity path.
//!
//! All wording here is shown to people as it is: plain sentences, no jargon.

use serde::{Deserialize, Serialize};

/// One layer of the hierarchy, lowest first (the order is meaningful: a
/// higher layer compares greater).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Layer {
    Tools,
    Workflows,
    Automation,
    OperatingSystem,
}

impl Layer {
    /// Every layer, from the bottom of the hierarchy to the top.
    pub const ALL: [Layer; 4] = [
        Layer::Tools,
        Layer::Workflows,
        Layer::Automation,
        Layer::OperatingSystem,
    ];

    /// The word used in files, URLs and form values.
    pub fn key(self) -> &'static str {
        match self {
            Layer::Tools => "tools",
            Layer::Workflows => "workflows",
            Layer::Automation => "automation",
            Layer::OperatingSystem => "operatingSystem",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.key() == key)
    }

    /// Position in the hierarchy, 1 (tools) to 4 (operating system).
    pub fn number(self) -> u8 {
        match self {
            Layer::Tools => 1,
            Layer::Workflows => 2,
            Layer::Automation => 3,
            Layer::OperatingSystem => 4,
        }
    }

    /// The name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Tools => "Tools",
            Layer::Workflows => "Workflows",
            Layer::Automation => "Automation",
            Layer::OperatingSystem => "Operating system",
        }
    }

    /// What the layer is, in one or two sentences.
    pub fn definition(self) -> &'static str {
        match self {
            Layer::Tools => {
                "Software that each does one job where the work happens, such as a CRM, \
                 a spreadsheet or a chat app. Each works on its own, and what comes out \
                 depends on who is using it."
            }
            Layer::Workflows => {
                "An agreed path for a piece of work: its stages, who handles each one, \
                 what must be true before it moves on, and what is handed over between people."
            }
            Layer::Automation => {
                "Systems that carry out workflow steps by themselves, the same way every \
                 time and at any volume, instead of relying on people to remember them."
            }
            Layer::OperatingSystem => {
                "Tools, workflows and automation designed to work as one and kept under \
                 governance: every part has an owner, decisions have clear rights, and \
                 regular reviews lead to tracked corrections."
            }
        }
    }

    /// Signs that an organization is operating at this layer.
    pub fn indicators(self) -> &'static [&'static str] {
        match self {
            Layer::Tools => &[
                "Results change depending on who does the work.",
                "Know-how lives in people's heads and leaves when they do.",
                "The same data sits in several tools and is reconciled by hand.",
            ],
            Layer::Workflows => &[
                "Procedures are written down but bypassed when time is short.",
                "Audits keep finding gaps between the documents and real practice.",
                "Handling more work means hiring more people.",
            ],
            Layer::Automation => &[
                "Handling exceptions eats much of the time the automation was meant to save.",
                "Nobody can fully explain why an automated step did what it did.",
                "Changing an automation feels risky, so workarounds pile up.",
            ],
            Layer::OperatingSystem => &[
                "Anyone can say who owns a process, and that owner acts on it.",
                "Decisions are made by the roles entitled to make them.",
                "Reviews run on schedule and their findings become tracked changes.",
                "Leaders can delegate without losing control.",
            ],
        }
    }

    /// The short name of what goes wrong at this layer when the next layer is
    /// missing. `None` for the operating system, which is the goal.
    pub fn failure_mode(self) -> Option<&'static str> {
        match self {
            Layer::Tools => Some("variance"),
            Layer::Workflows => Some("compliance drift"),
            Layer::Automation => Some("brittleness and loss of control"),
            Layer::OperatingSystem => None,
        }
    }

    /// The failure mode explained in one sentence.
    pub fn failure_explanation(self) -> &'static str {
        match self {
            Layer::Tools => {
                "Without defined workflows, the same tools give different results in \
                 different hands, so quality depends on who happens to do the work."
            }
            Layer::Workflows => {
                "Without automation to enforce them, written procedures are followed less \
                 and less until they describe how work ought to be done rather than how it is done."
            }
            Layer::Automation => {
                "Without governance, automated processes mishandle the unexpected, spread \
                 errors quietly and keep running outdated logic that nobody can explain."
            }
            Layer::OperatingSystem => {
                "Nothing sits above this layer, but it holds only while its governance is \
                 exercised: when reviews and corrections stop, it decays back into drift."
            }
        }
    }

    /// The maturity stage of an organization operating at this layer.
    pub fn stage(self) -> Stage {
        match self {
            Layer::Tools => Stage::ToolDeployment,
            Layer::Workflows => Stage::WorkflowDefinition,
            Layer::Automation => Stage::AutomationImplementation,
            Layer::OperatingSystem => Stage::OperatingSystemConstruction,
        }
    }

    /// The layer above this one, if any.
    pub fn next(self) -> Option<Layer> {
        match self {
            Layer::Tools => Some(Layer::Workflows),
            Layer::Workflows => Some(Layer::Automation),
            Layer::Automation => Some(Layer::OperatingSystem),
            Layer::OperatingSystem => None,
        }
    }
}

/// The four stages of the path to a governed operating system, one per layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    ToolDeployment,
    WorkflowDefinition,
    AutomationImplementation,
    OperatingSystemConstruction,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::ToolDeployment,
        Stage::WorkflowDefinition,
        Stage::AutomationImplementation,
        Stage::OperatingSystemConstruction,
    ];

    /// 1 to 4.
    pub fn number(self) -> u8 {
        self.layer().number()
    }

    /// The name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            Stage::ToolDeployment => "Tool deployment",
            Stage::WorkflowDefinition => "Workflow definition",
            Stage::AutomationImplementation => "Automation implementation",
            Stage::OperatingSystemConstruction => "Operating system construction",
        }
    }

    /// What the stage looks like, in one sentence.
    pub fn description(self) -> &'static str {
        match self {
            Stage::ToolDeployment => {
                "The organization is putting its core tools in place and getting people \
                 to use them, while how work gets done still depends on each person."
            }
            Stage::WorkflowDefinition => {
                "Work is being described as stages, roles and handoffs that everyone can \
                 follow, but following them still relies on people's discipline."
            }
            Stage::AutomationImplementation => {
                "Systems now carry out key workflow steps, bringing speed and scale, while \
                 ownership, review and correction remain informal."
            }
            Stage::OperatingSystemConstruction => {
                "Tools, workflows and automation are run as one governed system, with \
                 owners, decision rights, reviews and corrections that actually happen."
            }
        }
    }

    /// The layer an organization in this stage operates at.
    pub fn layer(self) -> Layer {
        match self {
            Stage::ToolDeployment => Layer::Tools,
            Stage::WorkflowDefinition => Layer::Workflows,
            Stage::AutomationImplementation => Layer::Automation,
            Stage::OperatingSystemConstruction => Layer::OperatingSystem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> usize {
        text.split(". ").count()
    }

    #[test]
    fn layers_are_ordered_bottom_up() {
        for (i, layer) in Layer::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(layer.number()), i + 1);
        }
        assert!(Layer::Tools < Layer::Workflows);
        assert!(Layer::Automation < Layer::OperatingSystem);
        let mut walked = vec![Layer::Tools];
        while let Some(next) = walked.last().and_then(|l| l.next()) {
            walked.push(next);
        }
        assert_eq!(walked, Layer::ALL);
    }

    #[test]
    fn keys_round_trip_and_match_serde() {
        for layer in Layer::ALL {
            assert_eq!(Layer::from_key(layer.key()), Some(layer));
            assert_eq!(
                serde_json::to_string(&layer).unwrap(),
                format!("\"{}\"", layer.key())
            );
        }
        assert_eq!(Layer::from_key("Tools"), None);
        assert_eq!(Layer::from_key(""), None);
    }

    #[test]
    fn texts_are_present_and_short() {
        for layer in Layer::ALL {
            assert!(!layer.name().is_empty());
            let def = layer.definition();
            assert!(def.ends_with('.'), "{def}");
            assert!(sentences(def) <= 2, "{def}");
            assert!(!def.contains("  "), "stray spaces in {def:?}");
            let indicators = layer.indicators();
            assert!((3..=4).contains(&indicators.len()), "{layer:?}");
            for i in indicators {
                assert!(i.ends_with('.') && i.len() < 100, "{i}");
            }
            let why = layer.failure_explanation();
            assert!(why.ends_with('.') && sentences(why) == 1, "{why}");
            assert!(!why.contains("  "), "stray spaces in {why:?}");
        }
    }

    #[test]
    fn failure_modes_follow_the_paper() {
        assert_eq!(Layer::Tools.failure_mode(), Some("variance"));
        assert_eq!(Layer::Workflows.failure_mode(), Some("compliance drift"));
        assert_eq!(
            Layer::Automation.failure_mode(),
            Some("brittleness and loss of control")
        );
        assert_eq!(Layer::OperatingSystem.failure_mode(), None);
    }

    #[test]
    fn stages_match_layers_one_to_one() {
        for (layer, stage) in Layer::ALL.into_iter().zip(Stage::ALL) {
            assert_eq!(layer.stage(), stage);
            assert_eq!(stage.layer(), layer);
            assert_eq!(stage.number(), layer.number());
            assert!(!stage.name().is_empty());
            let d = stage.description();
            assert!(d.ends_with('.') && sentences(d) == 1, "{d}");
            assert!(!d.contains("  "), "stray spaces in {d:?}");
        }
        assert_eq!(Stage::ToolDeployment.number(), 1);
        assert_eq!(Stage::OperatingSystemConstruction.number(), 4);
    }
}
