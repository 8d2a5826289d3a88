//! Checks that a deserialised model is internally consistent and within the
//! limits: unique ids, references that point at something, sizes bounded.
//! A model that passes can be shown and edited without any further guard.

// Ordered sets, not hash sets, for ids: a model has tens of roles and
// hundreds of elements, and comparing a few id strings costs less than
// hashing one with std's hasher (a 1 MiB model validated 30% faster).
use std::collections::BTreeSet;
use std::fmt::{self, Display};

use super::error::{clip, Problem};
use super::limits::*;
use super::types::*;

/// Every problem found, or `Ok` when there is none. Problems are collected
/// rather than stopping at the first, so a person fixing a file by hand sees
/// them all at once.
///
/// The checks of each item are the functions below ([`Validator::role`],
/// [`Validator::element`], ...): the edit path (`Model::apply`) runs the
/// same ones on the item an edit makes, so an edit can never store what a
/// load would refuse.
pub fn validate(model: &Model) -> Result<(), Vec<Problem>> {
    let mut v = Validator::default();
    v.id("id", &model.id);
    v.name("name", &model.name);
    if let Some(l) = &model.lineage {
        v.id("lineage.id", &l.id);
        if let Some(s) = &l.version {
            v.id("lineage.version.id", &s.id);
        }
        v.count("lineage.basedOn", l.based_on.len(), MAX_ANCESTORS);
        for (i, s) in l.based_on.iter().enumerate() {
            v.id(format!("lineage.basedOn[{i}].id"), &s.id);
        }
    }

    v.count("roles", model.roles.len(), MAX_ROLES);
    v.count("elements", model.elements.len(), MAX_ELEMENTS);
    v.count("decisions", model.decisions.len(), MAX_DECISIONS);
    v.count("reviews", model.reviews.len(), MAX_REVIEWS);
    v.count("corrections", model.corrections.len(), MAX_CORRECTIONS);
    v.count("assessments", model.assessments.len(), MAX_HISTORY_POINTS);
    v.count("snapshots", model.snapshots.len(), MAX_HISTORY_POINTS);
    v.count("dataEntities", model.data_entities.len(), MAX_ELEMENTS);
    v.count("flows", model.flows.len(), MAX_FLOWS);
    v.count("metrics", model.metrics.len(), MAX_METRICS);

    let known = Ids {
        roles: v.unique_ids("roles", model.roles.iter().map(|r| r.id.as_str())),
        elements: v.unique_ids("elements", model.elements.iter().map(|e| e.id.as_str())),
        reviews: v.unique_ids("reviews", model.reviews.iter().map(|r| r.id.as_str())),
        decisions: v.unique_ids("decisions", model.decisions.iter().map(|d| d.id.as_str())),
        metrics: v.unique_ids("metrics", model.metrics.iter().map(|m| m.id.as_str())),
    };
    v.unique_ids("flows", model.flows.iter().map(|f| f.id.as_str()));
    v.unique_ids(
        "corrections",
        model.corrections.iter().map(|c| c.id.as_str()),
    );
    v.unique_ids(
        "assessments",
        model.assessments.iter().map(|a| a.id.as_str()),
    );

    for (i, r) in model.roles.iter().enumerate() {
        v.role(Item("roles", i), r);
    }
    for (i, e) in model.elements.iter().enumerate() {
        v.element(Item("elements", i), e, &known);
    }
    let vocabulary = model.settings.vocabulary;
    for (i, d) in model.decisions.iter().enumerate() {
        v.decision(Item("decisions", i), d, vocabulary, &known);
    }
    for (i, r) in model.reviews.iter().enumerate() {
        v.review(Item("reviews", i), r, &known);
    }
    for (i, c) in model.corrections.iter().enumerate() {
        v.correction(Item("corrections", i), c, &known);
    }
    for (i, a) in model.assessments.iter().enumerate() {
        v.assessment(Item("assessments", i), a);
    }
    for (i, s) in model.snapshots.iter().enumerate() {
        v.snapshot(Item("snapshots", i), s);
    }
    v.count("workflows", model.workflows.len(), MAX_ELEMENTS);
    let mut described = BTreeSet::new();
    for (i, w) in model.workflows.iter().enumerate() {
        let at = Item("workflows", i);
        v.workflow(at, w, &known);
        if !described.insert(w.element.as_str()) {
            v.problem(
                Field(at, "element"),
                &format!("element \"{}\" is described twice", clip(&w.element)),
            );
        }
    }
    let mut described = BTreeSet::new();
    for (i, d) in model.data_entities.iter().enumerate() {
        let at = Item("dataEntities", i);
        v.data_entity(at, d, &known);
        if !described.insert(d.element.as_str()) {
            v.problem(
                Field(at, "element"),
                &format!("element \"{}\" is described twice", clip(&d.element)),
            );
        }
    }
    for (i, f) in model.flows.iter().enumerate() {
        v.flow(Item("flows", i), f, &known);
    }
    for (i, m) in model.metrics.iter().enumerate() {
        v.metric(Item("metrics", i), m, &known);
    }
    v.finish()
}

/// What a reference inside an item may point at: the ids of the model's
/// roles, elements and reviews.
pub trait Known {
    fn role(&self, id: &str) -> bool;
    fn element(&self, id: &str) -> bool;
    fn review(&self, id: &str) -> bool;
    fn decision(&self, id: &str) -> bool;
    fn metric(&self, id: &str) -> bool;
}

/// The ids of a model being loaded, gathered once.
struct Ids<'a> {
    roles: BTreeSet<&'a str>,
    elements: BTreeSet<&'a str>,
    reviews: BTreeSet<&'a str>,
    decisions: BTreeSet<&'a str>,
    metrics: BTreeSet<&'a str>,
}

impl Known for Ids<'_> {
    fn decision(&self, id: &str) -> bool {
        self.decisions.contains(id)
    }
    fn role(&self, id: &str) -> bool {
        self.roles.contains(id)
    }
    fn element(&self, id: &str) -> bool {
        self.elements.contains(id)
    }
    fn review(&self, id: &str) -> bool {
        self.reviews.contains(id)
    }
    fn metric(&self, id: &str) -> bool {
        self.metrics.contains(id)
    }
}

/// An edit looks its references up in the model itself: one edit checks a
/// handful, so gathering every id first would cost more.
impl Known for Model {
    fn role(&self, id: &str) -> bool {
        self.roles.iter().any(|r| r.id == id)
    }
    fn element(&self, id: &str) -> bool {
        self.elements.iter().any(|e| e.id == id)
    }
    fn review(&self, id: &str) -> bool {
        self.reviews.iter().any(|r| r.id == id)
    }
    fn decision(&self, id: &str) -> bool {
        self.decisions.iter().any(|d| d.id == id)
    }
    fn metric(&self, id: &str) -> bool {
        self.metrics.iter().any(|m| m.id == id)
    }
}

/// A list item's place, like `roles[3]`, written out only when a problem
/// is found in it.
#[derive(Clone, Copy)]
pub struct Item(pub &'static str, pub usize);

impl Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// A field of an item: `roles[3].name`.
#[derive(Clone, Copy)]
pub struct Field<P>(pub P, pub &'static str);

impl<P: Display> Display for Field<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// An item of a list inside an item: `decisions[0].approvals[2]`.
#[derive(Clone, Copy)]
struct Item2<P>(P, &'static str, usize);

impl<P: Display> Display for Item2<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}[{}]", self.0, self.1, self.2)
    }
}

/// Collects the problems of a model, or of one item an edit makes.
#[derive(Default)]
pub struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    /// The problems found, if any.
    pub fn finish(self) -> Result<(), Vec<Problem>> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems)
        }
    }

    /// The first problem found, if any (an edit reports one reason).
    pub fn first(self) -> Result<(), Problem> {
        match self.problems.into_iter().next() {
            None => Ok(()),
            Some(p) => Err(p),
        }
    }

    fn problem(&mut self, path: impl Display, message: &str) {
        // A pathological file could yield millions of problems; nobody reads
        // past the first few, and collecting them all would cost memory.
        const MAX_PROBLEMS: usize = 100;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem {
                // Written out only here: a valid model (the usual case)
                // costs no path strings at all.
                path: path.to_string(),
                message: message.to_string(),
            });
        }
    }

    /// The model's own name.
    pub fn model_name(&mut self, name: &str) {
        self.name("name", name);
    }

    /// A role: its name, description and holder.
    pub fn role(&mut self, at: impl Display + Copy, r: &Role) {
        self.id(Field(at, "id"), &r.id);
        self.name(Field(at, "name"), &r.name);
        self.text(Field(at, "description"), &r.description);
        if let Some(holder) = &r.holder {
            self.text_max(Field(at, "holder"), holder, MAX_NAME_CHARS);
        }
    }

    /// An element: its texts, and a known role for every letter.
    pub fn element(&mut self, at: impl Display + Copy, e: &Element, known: &dyn Known) {
        self.id(Field(at, "id"), &e.id);
        self.name(Field(at, "name"), &e.name);
        self.text(Field(at, "description"), &e.description);
        for role in e.assignments.keys() {
            self.role_ref(Field(at, "assignments"), role, known);
        }
    }

    /// One letter of the matrix: the role must exist (the letter itself is
    /// typed, so any value is a valid one).
    pub fn assignment(&mut self, at: impl Display, role: &str, known: &dyn Known) {
        self.role_ref(at, role, known);
    }

    /// A decision, with its letters in `vocabulary`.
    pub fn decision(
        &mut self,
        at: impl Display + Copy,
        d: &Decision,
        vocabulary: Vocabulary,
        known: &dyn Known,
    ) {
        self.id(Field(at, "id"), &d.id);
        self.name(Field(at, "name"), &d.name);
        self.text(Field(at, "description"), &d.description);
        self.text(Field(at, "documentation"), &d.documentation);
        self.text(Field(at, "authority.condition"), &d.authority.condition);
        if let Some(t) = &d.authority.threshold {
            self.text_max(
                Field(at, "authority.threshold.unit"),
                &t.unit,
                MAX_NAME_CHARS,
            );
            if !t.amount.is_finite() {
                self.problem(Field(at, "authority.threshold.amount"), "not a number");
            }
        }
        for (role, letter) in &d.rights {
            self.right(Field(at, "rights"), role, letter, vocabulary, known);
        }
        self.count(Field(at, "approvals"), d.approvals.len(), MAX_LIST_ITEMS);
        for (j, a) in d.approvals.iter().enumerate() {
            let at = Item2(at, "approvals", j);
            self.role_ref(Field(at, "role"), &a.role, known);
            self.text(Field(at, "when"), &a.when);
        }
        self.count(
            Field(at, "escalations"),
            d.escalations.len(),
            MAX_LIST_ITEMS,
        );
        for (j, e) in d.escalations.iter().enumerate() {
            let at = Item2(at, "escalations", j);
            self.role_ref(Field(at, "role"), &e.role, known);
            self.text(Field(at, "condition"), &e.condition);
        }
        self.count(Field(at, "vetoes"), d.vetoes.len(), MAX_LIST_ITEMS);
        for (j, x) in d.vetoes.iter().enumerate() {
            let at = Item2(at, "vetoes", j);
            self.role_ref(Field(at, "role"), &x.role, known);
            self.text(Field(at, "circumstances"), &x.circumstances);
            self.text(Field(at, "record"), &x.record);
        }
        self.count(Field(at, "elements"), d.elements.len(), MAX_LIST_ITEMS);
        for el in &d.elements {
            self.element_ref(Field(at, "elements"), el, known);
        }
    }

    /// One right of a decision: a known role and a letter of `vocabulary`.
    pub fn right(
        &mut self,
        at: impl Display + Copy,
        role: &str,
        letter: &str,
        vocabulary: Vocabulary,
        known: &dyn Known,
    ) {
        self.role_ref(at, role, known);
        let letters = vocabulary.letters();
        if !letters.contains(&letter) {
            self.problem(
                at,
                &format!(
                    "\"{}\" is not one of the letters {} of this model's vocabulary",
                    clip(letter),
                    letters.join(", ")
                ),
            );
        }
    }

    /// A review: its name, owner, the elements it covers and its metrics.
    pub fn review(&mut self, at: impl Display + Copy, r: &Review, known: &dyn Known) {
        self.id(Field(at, "id"), &r.id);
        self.name(Field(at, "name"), &r.name);
        if let Some(owner) = &r.owner {
            self.role_ref(Field(at, "owner"), owner, known);
        }
        self.count(Field(at, "elements"), r.elements.len(), MAX_LIST_ITEMS);
        for el in &r.elements {
            self.element_ref(Field(at, "elements"), el, known);
        }
        self.count(Field(at, "metrics"), r.metrics.len(), MAX_LIST_ITEMS);
        for (j, m) in r.metrics.iter().enumerate() {
            if !known.metric(m) {
                self.problem(
                    Item2(at, "metrics", j),
                    &format!("unknown metric \"{}\"", clip(m)),
                );
            }
        }
    }

    /// What a data entity means and which systems hold it: known elements,
    /// a bounded definition.
    pub fn data_entity(&mut self, at: impl Display + Copy, d: &DataEntity, known: &dyn Known) {
        self.element_ref(Field(at, "element"), &d.element, known);
        self.text(Field(at, "definition"), &d.definition);
        self.count(Field(at, "systems"), d.systems.len(), MAX_LIST_ITEMS);
        for system in d.systems.keys() {
            self.element_ref(Field(at, "systems"), system, known);
        }
    }

    /// A data flow: known systems at both ends, known data carried,
    /// bounded texts.
    pub fn flow(&mut self, at: impl Display + Copy, f: &Flow, known: &dyn Known) {
        self.id(Field(at, "id"), &f.id);
        self.element_ref(Field(at, "from"), &f.from, known);
        self.element_ref(Field(at, "to"), &f.to, known);
        self.count(Field(at, "carries"), f.carries.len(), MAX_LIST_ITEMS);
        for id in &f.carries {
            self.element_ref(Field(at, "carries"), id, known);
        }
        self.text_max(Field(at, "schedule"), &f.schedule, MAX_NAME_CHARS);
        self.text(Field(at, "validation"), &f.validation);
    }

    /// A metric: a name, bounded texts, a known owner and element.
    pub fn metric(&mut self, at: impl Display + Copy, m: &Metric, known: &dyn Known) {
        self.id(Field(at, "id"), &m.id);
        self.name(Field(at, "name"), &m.name);
        self.text(Field(at, "definition"), &m.definition);
        self.text(Field(at, "calculation"), &m.calculation);
        self.text_max(Field(at, "target"), &m.target, MAX_NAME_CHARS);
        if let Some(owner) = &m.owner {
            self.role_ref(Field(at, "owner"), owner, known);
        }
        if let Some(element) = &m.measures {
            self.element_ref(Field(at, "measures"), element, known);
        }
    }

    /// A correction: a finding, a known review and owner, its history.
    pub fn correction(&mut self, at: impl Display + Copy, c: &Correction, known: &dyn Known) {
        self.id(Field(at, "id"), &c.id);
        self.text(Field(at, "finding"), &c.finding);
        if c.finding.trim().is_empty() {
            self.problem(Field(at, "finding"), "the finding is empty");
        }
        if let Some(review) = &c.review {
            if !known.review(review) {
                self.problem(
                    Field(at, "review"),
                    &format!("unknown review \"{}\"", clip(review)),
                );
            }
        }
        if let Some(owner) = &c.owner {
            self.role_ref(Field(at, "owner"), owner, known);
        }
        self.count(Field(at, "history"), c.history.len(), MAX_LIST_ITEMS);
        for (j, h) in c.history.iter().enumerate() {
            self.text(Field(Item2(at, "history", j), "note"), &h.note);
        }
    }

    /// A saved quiz result: bounded answers, scores between 0 and 100.
    pub fn assessment(&mut self, at: impl Display + Copy, a: &Assessment) {
        self.id(Field(at, "id"), &a.id);
        self.count(Field(at, "answers"), a.answers.len(), MAX_LIST_ITEMS);
        for key in a.answers.keys() {
            self.text_max(Field(at, "answers"), key, MAX_ID_CHARS);
        }
        self.count(Field(at, "scores"), a.scores.len(), MAX_LIST_ITEMS);
        for (key, score) in &a.scores {
            self.text_max(Field(at, "scores"), key, MAX_ID_CHARS);
            self.score(format_args!("{at}.scores.{}", clip(key)), *score);
        }
        self.score(Field(at, "overall"), a.overall);
        if let Some(team) = &a.team {
            let at = Field(at, "team");
            self.text_max(Field(at, "checkup"), &team.checkup, MAX_ID_CHARS);
            self.text_max(Field(at, "name"), &team.name, MAX_NAME_CHARS);
            self.count(
                Field(at, "responses"),
                team.responses.len(),
                MAX_TEAM_RESPONSES,
            );
            for (j, r) in team.responses.iter().enumerate() {
                let at = Item2(at, "responses", j);
                if let Some(name) = &r.name {
                    self.text_max(Field(at, "name"), name, MAX_NAME_CHARS);
                }
                self.count(Field(at, "answers"), r.answers.len(), MAX_LIST_ITEMS);
                for key in r.answers.keys() {
                    self.text_max(Field(at, "answers"), key, MAX_ID_CHARS);
                }
            }
        }
    }

    /// How an element flows: known references, bounded texts and lists,
    /// stage ids unique within it, numbers that are numbers.
    pub fn workflow(&mut self, at: impl Display + Copy, w: &Workflow, known: &dyn Known) {
        self.element_ref(Field(at, "element"), &w.element, known);
        self.text(Field(at, "trigger"), &w.trigger);
        for (list, items) in [("inputs", &w.inputs), ("outputs", &w.outputs)] {
            self.count(Field(at, list), items.len(), MAX_LIST_ITEMS);
            for (j, x) in items.iter().enumerate() {
                let at = Item2(at, list, j);
                self.text(Field(at, "what"), &x.what);
                if let Some(role) = &x.role {
                    self.role_ref(Field(at, "role"), role, known);
                }
            }
        }
        self.count(Field(at, "exceptions"), w.exceptions.len(), MAX_LIST_ITEMS);
        for (j, x) in w.exceptions.iter().enumerate() {
            let at = Item2(at, "exceptions", j);
            self.text(Field(at, "condition"), &x.condition);
            self.text(Field(at, "action"), &x.action);
            if let Some(role) = &x.role {
                self.role_ref(Field(at, "role"), role, known);
            }
        }
        if let Some(volume) = &w.volume {
            self.amount(Field(at, "volume.runs"), volume.runs);
        }
        if let Some(minutes) = w.minutes_per_run {
            self.amount(Field(at, "minutesPerRun"), minutes);
        }
        for (list, ids) in [
            ("systems", &w.systems),
            ("contains", &w.contains),
            ("produces", &w.produces),
        ] {
            self.count(Field(at, list), ids.len(), MAX_LIST_ITEMS);
            for id in ids {
                self.element_ref(Field(at, list), id, known);
            }
        }
        self.count(Field(at, "stages"), w.stages.len(), MAX_STAGES);
        let mut ids = BTreeSet::new();
        for (j, s) in w.stages.iter().enumerate() {
            let at = Item2(at, "stages", j);
            self.id(Field(at, "id"), &s.id);
            if !ids.insert(s.id.as_str()) {
                self.problem(
                    Field(at, "id"),
                    &format!("the id \"{}\" is used twice", clip(&s.id)),
                );
            }
            self.name(Field(at, "name"), &s.name);
            if let Some(role) = &s.role {
                self.role_ref(Field(at, "role"), role, known);
            }
            self.text(Field(at, "entry"), &s.entry);
            self.text(Field(at, "exit"), &s.exit);
            self.text_max(Field(at, "duration"), &s.duration, MAX_NAME_CHARS);
            for (list, ids) in [
                ("systems", &s.systems),
                ("reads", &s.reads),
                ("writes", &s.writes),
            ] {
                self.count(Field(at, list), ids.len(), MAX_LIST_ITEMS);
                for id in ids {
                    self.element_ref(Field(at, list), id, known);
                }
            }
            if let Some(d) = s.decision.as_deref().filter(|d| !known.decision(d)) {
                self.unknown_decision(Field(at, "decision"), d);
            }
            self.text(Field(at, "handoff.passed"), &s.handoff.passed);
            self.text(Field(at, "handoff.check"), &s.handoff.check);
        }
    }

    /// A reference to a decision that does not exist.
    pub fn unknown_decision(&mut self, path: impl Display, id: &str) {
        self.problem(path, &format!("unknown decision \"{}\"", clip(id)));
    }

    /// A count or a duration: a number, not negative.
    fn amount(&mut self, path: impl Display, value: f64) {
        if !(value.is_finite() && value >= 0.0) {
            self.problem(path, "the number must be 0 or more");
        }
    }

    /// Governance metrics at one moment, each between 0 and 100.
    pub fn snapshot(&mut self, at: impl Display + Copy, s: &Snapshot) {
        self.count(Field(at, "metrics"), s.metrics.len(), MAX_LIST_ITEMS);
        for (key, value) in &s.metrics {
            self.text_max(Field(at, "metrics"), key, MAX_ID_CHARS);
            self.score(format_args!("{at}.metrics.{}", clip(key)), *value);
        }
    }

    /// An id: not empty, not too long.
    pub fn id(&mut self, path: impl Display, id: &str) {
        if id.trim().is_empty() {
            self.problem(path, "the id is empty");
        } else if id.chars().count() > MAX_ID_CHARS {
            self.problem(
                path,
                &format!("the id is longer than {MAX_ID_CHARS} characters"),
            );
        }
    }

    // `Copy`: the path is passed on twice.
    /// A name: not empty, not too long.
    pub fn name(&mut self, path: impl Display + Copy, name: &str) {
        if name.trim().is_empty() {
            self.problem(path, "the name is empty");
        }
        self.text_max(path, name, MAX_NAME_CHARS);
    }

    /// A paragraph of text: not too long.
    pub fn text(&mut self, path: impl Display, text: &str) {
        self.text_max(path, text, MAX_TEXT_CHARS);
    }

    fn text_max(&mut self, path: impl Display, text: &str, max: usize) {
        // Bytes bound chars from above; count chars only when it matters.
        if text.len() > max && text.chars().count() > max {
            self.problem(path, &format!("the text is longer than {max} characters"));
        }
    }

    fn count(&mut self, path: impl Display, n: usize, max: usize) {
        if n > max {
            self.problem(path, &format!("{n} items, more than the limit of {max}"));
        }
    }

    fn score(&mut self, path: impl Display, value: f64) {
        if !(0.0..=100.0).contains(&value) {
            self.problem(path, "a score must be between 0 and 100");
        }
    }

    /// The ids of a list, each once.
    pub fn unique_ids<'a>(
        &mut self,
        path: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        // Each id's own form is checked with its item (`Self::id`).
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.problem(
                    format_args!("{path}[{i}].id"),
                    &format!("the id \"{}\" is used twice", clip(id)),
                );
            }
        }
        seen
    }

    /// A reference to a role that must exist.
    pub fn role_ref(&mut self, path: impl Display, id: &str, known: &dyn Known) {
        if !known.role(id) {
            self.problem(path, &format!("unknown role \"{}\"", clip(id)));
        }
    }

    fn element_ref(&mut self, path: impl Display, id: &str, known: &dyn Known) {
        if !known.element(id) {
            self.problem(path, &format!("unknown element \"{}\"", clip(id)));
        }
    }
}
