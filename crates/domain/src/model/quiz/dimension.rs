//! What the quiz measures: the three lower layers, integration, and the four
//! pillars of governance.

use serde::{Deserialize, Serialize};

use crate::model::layers::Layer;

/// One measured dimension. The first three are layers of the hierarchy;
/// `Integration` is the architectural half of the operating-system layer; the
/// last four are the pillars of governance, its other half.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Dimension {
    Tools,
    Workflows,
    Automation,
    Integration,
    Ownership,
    DecisionRights,
    Review,
    Correction,
}

impl Dimension {
    /// Every dimension, in the order results are listed.
    pub const ALL: [Dimension; 8] = [
        Dimension::Tools,
        Dimension::Workflows,
        Dimension::Automation,
        Dimension::Integration,
        Dimension::Ownership,
        Dimension::DecisionRights,
        Dimension::Review,
        Dimension::Correction,
    ];

    /// The four pillars of governance, in the order used to break ties.
    pub const PILLARS: [Dimension; 4] = [
        Dimension::Ownership,
        Dimension::DecisionRights,
        Dimension::Review,
        Dimension::Correction,
    ];

    /// The word used in saved assessments (`Assessment::scores`) and forms.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Tools => "tools",
            Dimension::Workflows => "workflows",
            Dimension::Automation => "automation",
            Dimension::Integration => "integration",
            Dimension::Ownership => "ownership",
            Dimension::DecisionRights => "decisionRights",
            Dimension::Review => "review",
            Dimension::Correction => "correction",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Tools => "Tools",
            Dimension::Workflows => "Workflows",
            Dimension::Automation => "Automation",
            Dimension::Integration => "Integration",
            Dimension::Ownership => "Ownership",
            Dimension::DecisionRights => "Decision rights",
            Dimension::Review => "Review",
            Dimension::Correction => "Correction",
        }
    }

    /// What a high score in this dimension means, in one sentence.
    pub fn description(self) -> &'static str {
        match self {
            Dimension::Tools => {
                "Core work runs in adopted, shared tools, with one trusted home for each kind of data."
            }
            Dimension::Workflows => {
                "Work follows defined stages, roles and handoffs, and the documents match practice."
            }
            Dimension::Automation => {
                "Systems carry out and enforce the defined steps, and tell someone when they fail."
            }
            Dimension::Integration => {
                "Tools and automations are designed to work as one, with clear data sources and failure paths."
            }
            Dimension::Ownership => {
                "Every key process, data set and system has one accountable role that acts on it."
            }
            Dimension::DecisionRights => {
                "It is clear who decides what, within which limits, and when a decision goes up a level."
            }
            Dimension::Review => {
                "Operations are checked against their design on a protected schedule, using real measures."
            }
            Dimension::Correction => {
                "Findings become owned, tracked changes that are checked to have worked."
            }
        }
    }

    /// The layer this dimension measures: the first three are layers of their
    /// own and integration belongs to the operating-system layer. The pillars
    /// return `None`: they are the governance of that layer, reported apart.
    pub fn layer(self) -> Option<Layer> {
        match self {
            Dimension::Tools => Some(Layer::Tools),
            Dimension::Workflows => Some(Layer::Workflows),
            Dimension::Automation => Some(Layer::Automation),
            Dimension::Integration => Some(Layer::OperatingSystem),
            _ => None,
        }
    }

    /// Whether this is one of the four pillars of governance.
    pub fn is_pillar(self) -> bool {
        Self::PILLARS.contains(&self)
    }

    /// Position in [`Dimension::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The part of a question id that names the dimension ("decision-rights").
    #[cfg(test)]
    pub(crate) fn slug(self) -> &'static str {
        match self {
            Dimension::DecisionRights => "decision-rights",
            other => other.key(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_serde() {
        for (i, d) in Dimension::ALL.into_iter().enumerate() {
            assert_eq!(d.index(), i);
            assert_eq!(Dimension::from_key(d.key()), Some(d));
            assert_eq!(
                serde_json::to_string(&d).unwrap(),
                format!("\"{}\"", d.key())
            );
            assert!(!d.label().is_empty());
            assert!(d.description().ends_with('.'));
        }
        assert_eq!(Dimension::from_key("decision-rights"), None);
        assert_eq!(Dimension::from_key(""), None);
    }

    #[test]
    fn layers_and_pillars() {
        assert_eq!(Dimension::Tools.layer(), Some(Layer::Tools));
        assert_eq!(Dimension::Workflows.layer(), Some(Layer::Workflows));
        assert_eq!(Dimension::Automation.layer(), Some(Layer::Automation));
        assert_eq!(Dimension::Integration.layer(), Some(Layer::OperatingSystem));
        for d in Dimension::ALL {
            assert_eq!(d.is_pillar(), d.layer().is_none(), "{d:?}");
        }
        assert_eq!(Dimension::ALL.iter().filter(|d| d.is_pillar()).count(), 4);
    }
}
