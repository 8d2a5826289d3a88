//! The current schema (version 4) of an OpModel model: plain data, serialised with serde.
//!
//! Field names are camelCase in JSON (the file format is read by people and by
//! other tools). Every collection item carries a stable id, never a list index,
//! so that references survive reordering and merging.
//!
//! The shape of decisions, reviews, corrections, assessments and snapshots is
//! fixed here even where the features that edit them come later, so that files
//! written today stay readable without a migration.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use super::lineage::{Lineage, Stamp};
pub use super::map::{DataEntity, Flow, Hold, Mechanism, Metric};
pub use super::workflow::{
    Exception, Exchange, Handoff, Leverage, Period, Stage, Volume, Workflow,
};

/// A stable identifier (a UUID v4 in text form for everything this app creates;
/// any non-empty string from an imported file is accepted and kept).
pub type Id = String;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Model {
    pub id: Id,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub elements: Vec<Element>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(default)]
    pub corrections: Vec<Correction>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    /// Governance metrics recorded over time (for the Progress charts).
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    /// How the process and workflow elements really flow: at most one
    /// record per element (schema version 2 on; absent when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workflows: Vec<Workflow>,
    /// What each data entity means and which systems hold it: at most one
    /// record per data element (schema version 3 on; absent when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_entities: Vec<DataEntity>,
    /// Data moving between systems (version 3 on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
    /// The figures the organization reviews (version 3 on; the reviews'
    /// metric names of version 2 become these).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Metric>,
    /// Where the model comes from (version 4 on; absent: the model is its
    /// own family, see [`super::lineage`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lineage: Option<Lineage>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// The letters used in the decision-rights table.
    #[serde(default)]
    pub vocabulary: Vocabulary,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vocabulary {
    #[default]
    Raci,
    Rapid,
    Daci,
}

/// A role: who is accountable is always a role, never a person, so that
/// ownership survives people changing jobs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Role {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The person who holds the role today, if the team wants to record it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

/// What an element of the operation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementKind {
    Process,
    Workflow,
    Data,
    System,
    Outcome,
}

impl ElementKind {
    pub const ALL: [ElementKind; 5] = [
        ElementKind::Process,
        ElementKind::Workflow,
        ElementKind::Data,
        ElementKind::System,
        ElementKind::Outcome,
    ];

    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ElementKind::Process => "Process",
            ElementKind::Workflow => "Workflow",
            ElementKind::Data => "Data entity",
            ElementKind::System => "System",
            ElementKind::Outcome => "Outcome",
        }
    }

    /// The word shown to people for several of this kind.
    pub fn plural(self) -> &'static str {
        match self {
            ElementKind::Process => "Processes",
            ElementKind::Workflow => "Workflows",
            ElementKind::Data => "Data entities",
            ElementKind::System => "Systems",
            ElementKind::Outcome => "Outcomes",
        }
    }

    /// The word used in files and form values.
    pub fn key(self) -> &'static str {
        match self {
            ElementKind::Process => "process",
            ElementKind::Workflow => "workflow",
            ElementKind::Data => "data",
            ElementKind::System => "system",
            ElementKind::Outcome => "outcome",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// What a cell of the ownership matrix holds. Most RACI templates let the
/// accountable role also do the work ("A/R"): one cell then counts as both
/// the owner and a doer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Raci {
    R,
    A,
    C,
    I,
    /// Accountable and Responsible at once (schema version 2 on).
    #[serde(rename = "A/R")]
    AR,
}

impl Raci {
    /// In the order Space cycles through them in the grid.
    pub const ALL: [Raci; 5] = [Raci::R, Raci::A, Raci::C, Raci::I, Raci::AR];

    /// As shown in a cell and written in files and tables.
    pub fn label(self) -> &'static str {
        match self {
            Raci::R => "R",
            Raci::A => "A",
            Raci::C => "C",
            Raci::I => "I",
            Raci::AR => "A/R",
        }
    }

    /// The role owns the element (A, or A/R).
    pub fn is_accountable(self) -> bool {
        matches!(self, Raci::A | Raci::AR)
    }

    /// The role does the work (R, or A/R).
    pub fn is_responsible(self) -> bool {
        matches!(self, Raci::R | Raci::AR)
    }

    /// The letter a key typed in the grid sets: R, A, C or I in either
    /// case, and `+` or `/` for A/R (the owner also does the work).
    pub fn from_key(c: char) -> Option<Self> {
        match c.to_ascii_uppercase() {
            'R' => Some(Raci::R),
            'A' => Some(Raci::A),
            'C' => Some(Raci::C),
            'I' => Some(Raci::I),
            '+' | '/' => Some(Raci::AR),
            _ => None,
        }
    }

    /// A cell as people write it in spreadsheets: one letter in either
    /// case, or A and R together in any order, joined by nothing, `/`,
    /// `,`, `+` or `&` (`A/R`, `AR`, `R/A`, `a, r`). Spaces around are
    /// ignored.
    pub fn parse(text: &str) -> Option<Self> {
        let letters: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '/' | ',' | '+' | '&'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let joiners = text
            .chars()
            .filter(|c| matches!(c, '/' | ',' | '+' | '&'))
            .count();
        match (letters.as_slice(), joiners) {
            ([c @ ('R' | 'A' | 'C' | 'I')], 0) => Self::from_key(*c),
            (['A', 'R'] | ['R', 'A'], 0 | 1) => Some(Raci::AR),
            _ => None,
        }
    }
}

/// A process, workflow, data entity, system or outcome that needs an owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Element {
    pub id: Id,
    pub name: String,
    pub kind: ElementKind,
    #[serde(default)]
    pub description: String,
    /// Role id -> letter. A map, so a role has at most one letter per element.
    #[serde(default)]
    pub assignments: BTreeMap<Id, Raci>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Significance {
    #[default]
    Routine,
    Significant,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reversibility {
    #[default]
    Reversible,
    Irreversible,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthorityKind {
    #[default]
    Individual,
    Collective,
    Conditional,
}

/// A numeric threshold in a condition, e.g. 5,000 EUR.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Threshold {
    pub amount: f64,
    pub unit: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Authority {
    #[serde(default)]
    pub kind: AuthorityKind,
    /// The condition in words (for conditional authority).
    #[serde(default)]
    pub condition: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Approval {
    pub role: Id,
    /// When the approval is needed, in words ("always", "over 5,000 EUR").
    #[serde(default)]
    pub when: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Escalation {
    pub condition: String,
    pub role: Id,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Veto {
    pub role: Id,
    #[serde(default)]
    pub circumstances: String,
    /// What must be recorded when the veto or override is used.
    #[serde(default)]
    pub record: String,
}

/// A category of decision and who holds which right over it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub significance: Significance,
    #[serde(default)]
    pub reversibility: Reversibility,
    #[serde(default)]
    pub authority: Authority,
    /// Role id -> letter of the model's vocabulary (e.g. "A", "D", "Approver").
    #[serde(default)]
    pub rights: BTreeMap<Id, String>,
    #[serde(default)]
    pub approvals: Vec<Approval>,
    #[serde(default)]
    pub escalations: Vec<Escalation>,
    #[serde(default)]
    pub vetoes: Vec<Veto>,
    /// What must be written down when the decision is made.
    #[serde(default)]
    pub documentation: String,
    /// The elements of the ownership matrix this decision belongs to.
    #[serde(default)]
    pub elements: Vec<Id>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewLevel {
    Tactical,
    Operational,
    Strategic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    Annual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Review {
    pub id: Id,
    pub name: String,
    pub level: ReviewLevel,
    pub cadence: Cadence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    #[serde(default)]
    pub elements: Vec<Id>,
    /// The metrics it looks at (ids of the model's metrics; names in
    /// version 2 files, migrated).
    #[serde(default)]
    pub metrics: Vec<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_held: Option<NaiveDate>,
}

/// The controlled path a finding travels until it is a validated change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorrectionStatus {
    #[default]
    Proposed,
    Evaluated,
    Approved,
    Implemented,
    Validated,
    Rejected,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusChange {
    pub status: CorrectionStatus,
    pub on: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Correction {
    pub id: Id,
    pub finding: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: CorrectionStatus,
    /// Every move of the status, oldest first.
    #[serde(default)]
    pub history: Vec<StatusChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssessmentKind {
    Quick,
    Full,
}

/// A completed (or resumed) maturity assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assessment {
    pub id: Id,
    pub kind: AssessmentKind,
    pub taken_at: DateTime<Utc>,
    /// Question id -> index of the chosen option.
    #[serde(default)]
    pub answers: BTreeMap<String, u8>,
    /// Dimension key -> score 0-100, as computed when it was saved.
    #[serde(default)]
    pub scores: BTreeMap<String, f64>,
    #[serde(default)]
    pub overall: f64,
    /// A team check-up's answers, one per person (version 5 on). Then
    /// `answers` is empty, and `scores` and `overall` are the team's: the
    /// quiz's rules on the means of everyone's scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamRecord>,
}

/// The people who answered a team check-up, as collected from their links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamRecord {
    /// The check-up's id, as its links carry it: a response that arrives
    /// later is recognized as this check-up's.
    pub checkup: String,
    /// The check-up's name, as its invitation said.
    pub name: String,
    /// Whether each person was asked for a name.
    #[serde(default)]
    pub ask_names: bool,
    /// One entry per person, in the order their answers arrived.
    #[serde(default)]
    pub responses: Vec<TeamResponse>,
}

/// One person's answers to a team check-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamResponse {
    /// The id the person's device gave their links: a link that arrives
    /// later from them replaces these answers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub respondent: String,
    /// Given when the check-up asked for names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Question id -> index of the chosen option.
    #[serde(default)]
    pub answers: BTreeMap<String, u8>,
}

/// Governance metrics at one moment (0-100 each), keyed by metric name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Snapshot {
    pub taken_at: DateTime<Utc>,
    #[serde(default)]
    pub metrics: BTreeMap<String, f64>,
}

impl Model {
    /// An empty model with the given id, name and creation time.
    pub fn new(id: Id, name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Model {
            id,
            name: name.into(),
            created_at: now,
            updated_at: now,
            settings: Settings::default(),
            roles: Vec::new(),
            elements: Vec::new(),
            decisions: Vec::new(),
            reviews: Vec::new(),
            corrections: Vec::new(),
            assessments: Vec::new(),
            snapshots: Vec::new(),
            workflows: Vec::new(),
            data_entities: Vec::new(),
            flows: Vec::new(),
            metrics: Vec::new(),
            lineage: None,
        }
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn element(&self, id: &str) -> Option<&Element> {
        self.elements.iter().find(|e| e.id == id)
    }

    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id == id)
    }

    /// The description of how element `id` flows, if it has one.
    pub fn workflow(&self, id: &str) -> Option<&Workflow> {
        self.workflows.iter().find(|w| w.element == id)
    }
}

impl Vocabulary {
    pub const ALL: [Vocabulary; 3] = [Vocabulary::Raci, Vocabulary::Rapid, Vocabulary::Daci];

    /// The letters a decision-rights cell may hold in this vocabulary.
    pub fn letters(self) -> &'static [&'static str] {
        match self {
            Vocabulary::Raci => &["R", "A", "C", "I"],
            Vocabulary::Rapid => &["R", "A", "P", "I", "D"],
            Vocabulary::Daci => &["D", "A", "C", "I"],
        }
    }

    /// The letter a key typed in the table sets, in either case.
    pub fn letter_for_key(self, c: char) -> Option<&'static str> {
        self.letters()
            .iter()
            .copied()
            .find(|l| l.chars().next().is_some_and(|f| f.eq_ignore_ascii_case(&c)))
    }

    /// What each letter stands for, in the same order as [`Self::letters`].
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Vocabulary::Raci => &["Responsible", "Accountable", "Consulted", "Informed"],
            Vocabulary::Rapid => &["Recommend", "Agree", "Perform", "Input", "Decide"],
            Vocabulary::Daci => &["Driver", "Approver", "Contributor", "Informed"],
        }
    }

    /// The letter of the one role that makes the decision: RACI's
    /// Accountable, RAPID's Decide, DACI's Approver.
    pub fn decider(self) -> &'static str {
        match self {
            Vocabulary::Raci => "A",
            Vocabulary::Rapid => "D",
            Vocabulary::Daci => "A",
        }
    }

    /// The letter of whoever carries the decision out, where the vocabulary
    /// has one (DACI's Driver runs the decision process, not its execution).
    pub fn performer(self) -> Option<&'static str> {
        match self {
            Vocabulary::Raci => Some("R"),
            Vocabulary::Rapid => Some("P"),
            Vocabulary::Daci => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Vocabulary::Raci => "RACI",
            Vocabulary::Rapid => "RAPID",
            Vocabulary::Daci => "DACI",
        }
    }
}

impl Review {
    /// A new review: tactical, weekly, with no owner, nothing covered yet
    /// and never held.
    pub fn new(id: Id, name: impl Into<String>) -> Self {
        Review {
            id,
            name: name.into(),
            level: ReviewLevel::Tactical,
            cadence: Cadence::Weekly,
            owner: None,
            elements: Vec::new(),
            metrics: Vec::new(),
            last_held: None,
        }
    }
}

impl Decision {
    /// A decision with a name and nothing decided yet.
    pub fn new(id: Id, name: impl Into<String>) -> Self {
        Decision {
            id,
            name: name.into(),
            description: String::new(),
            significance: Significance::default(),
            reversibility: Reversibility::default(),
            authority: Authority::default(),
            rights: BTreeMap::new(),
            approvals: Vec::new(),
            escalations: Vec::new(),
            vetoes: Vec::new(),
            documentation: String::new(),
            elements: Vec::new(),
        }
    }

    /// The roles holding the decider's letter, in the model's role order.
    pub fn deciders<'a>(&'a self, model: &'a Model) -> Vec<&'a Id> {
        let letter = model.settings.vocabulary.decider();
        model
            .roles
            .iter()
            .filter(|r| self.rights.get(&r.id).map(String::as_str) == Some(letter))
            .map(|r| &r.id)
            .collect()
    }
}
