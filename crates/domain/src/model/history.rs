//! Undo and redo. Every change to a model is an [`Op`]; applying one returns
//! its inverse, which the [`History`] keeps. Small edits (a cell, a name)
//! have small inverses, so a long session on a large model does not keep a
//! copy of the model per keystroke; only removals that also strip references
//! from elsewhere keep a snapshot.

use super::edit::EditError;
use super::limits::{
    MAX_CORRECTIONS, MAX_DECISIONS, MAX_ELEMENTS, MAX_FLOWS, MAX_HISTORY_POINTS, MAX_METRICS,
    MAX_REVIEWS, MAX_ROLES,
};
use super::types::*;
use super::validate::{Field, Item, Validator};

/// How many steps can be undone. Far beyond the 100 a workshop needs, small
/// enough that snapshots kept for removals stay bounded.
pub const UNDO_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    RenameModel(String),
    AddRole {
        index: usize,
        role: Role,
    },
    RemoveRole {
        id: Id,
    },
    RenameRole {
        id: Id,
        name: String,
    },
    SetRoleHolder {
        id: Id,
        holder: Option<String>,
    },
    SetRoleDescription {
        id: Id,
        text: String,
    },
    MoveRole {
        id: Id,
        to: usize,
    },
    AddElement {
        index: usize,
        element: Element,
    },
    RemoveElement {
        id: Id,
    },
    RenameElement {
        id: Id,
        name: String,
    },
    SetElementKind {
        id: Id,
        kind: ElementKind,
    },
    SetElementDescription {
        id: Id,
        text: String,
    },
    MoveElement {
        id: Id,
        to: usize,
    },
    SetAssignment {
        element: Id,
        role: Id,
        letter: Option<Raci>,
    },
    AddDecision {
        index: usize,
        decision: Box<Decision>,
    },
    RemoveDecision {
        id: Id,
    },
    /// Replaces the decision with the same id (every field of the details
    /// panel goes through this: a decision is small).
    SetDecision(Box<Decision>),
    SetRight {
        decision: Id,
        role: Id,
        letter: Option<String>,
    },
    MoveDecision {
        id: Id,
        to: usize,
    },
    /// Switches the vocabulary together with the converted decisions.
    SetVocabulary {
        vocabulary: Vocabulary,
        decisions: Vec<Decision>,
    },
    AddReview {
        index: usize,
        review: Box<Review>,
    },
    RemoveReview {
        id: Id,
    },
    SetReview(Box<Review>),
    AddCorrection {
        index: usize,
        correction: Box<Correction>,
    },
    RemoveCorrection {
        id: Id,
    },
    SetCorrection(Box<Correction>),
    /// Adds an assessment, or replaces the one with the same id. Assessments
    /// are kept in date order.
    PutAssessment(Box<Assessment>),
    RemoveAssessment {
        id: Id,
    },
    /// Replaces the whole list of recorded metric snapshots.
    SetSnapshots(Vec<Snapshot>),
    /// Adds the description of how an element flows, or replaces the one
    /// it has (every field of the process card and every stage edit go
    /// through this: a workflow is small).
    SetWorkflow(Box<Workflow>),
    /// Puts a workflow record back at its place (the inverse of a removal).
    AddWorkflow {
        index: usize,
        workflow: Box<Workflow>,
    },
    /// Removes the description of how element `element` flows.
    RemoveWorkflow {
        element: Id,
    },
    /// Adds what a data entity means and where it lives, or replaces the
    /// record it has.
    SetDataEntity(Box<DataEntity>),
    /// Puts a data record back at its place (the inverse of a removal).
    AddDataEntity {
        index: usize,
        entity: Box<DataEntity>,
    },
    RemoveDataEntity {
        element: Id,
    },
    AddFlow {
        index: usize,
        flow: Box<Flow>,
    },
    RemoveFlow {
        id: Id,
    },
    /// Replaces the flow with the same id.
    SetFlow(Box<Flow>),
    AddMetric {
        index: usize,
        metric: Box<Metric>,
    },
    /// Removes a metric; the reviews that look at it stop listing it.
    RemoveMetric {
        id: Id,
    },
    /// Replaces the metric with the same id.
    SetMetric(Box<Metric>),
    /// Several changes undone as one step.
    Batch(Vec<Op>),
    /// The whole model as it was (the inverse of removals that touched
    /// decisions, reviews or corrections).
    Restore(Box<Model>),
}

/// The item an edit makes, checked by the same per-item checks as a
/// loaded file (`validate`): an edit can never store what a load refuses.
fn check(f: impl FnOnce(&mut Validator)) -> Result<(), EditError> {
    let mut v = Validator::default();
    f(&mut v);
    v.first().map_err(EditError::Invalid)
}

/// Names and texts are stored without surrounding spaces.
fn trimmed(text: &str) -> String {
    text.trim().to_string()
}

/// A holder is a name, or nobody when left blank.
fn holder_of(holder: Option<String>) -> Option<String> {
    holder.map(|h| trimmed(&h)).filter(|h| !h.is_empty())
}

/// A flow's texts are stored without surrounding spaces.
fn tidy_flow(flow: &mut Flow) {
    flow.schedule = trimmed(&flow.schedule);
    flow.validation = trimmed(&flow.validation);
}

/// A metric's texts are stored without surrounding spaces.
fn tidy_metric(metric: &mut Metric) {
    metric.name = trimmed(&metric.name);
    metric.definition = trimmed(&metric.definition);
    metric.calculation = trimmed(&metric.calculation);
    metric.target = trimmed(&metric.target);
}

fn room(len: usize, max: usize, what: &'static str) -> Result<(), EditError> {
    if len >= max {
        Err(EditError::Limit { what, max })
    } else {
        Ok(())
    }
}

fn position<T>(items: &[T], found: impl Fn(&T) -> bool) -> Result<usize, EditError> {
    items.iter().position(found).ok_or(EditError::NotFound)
}

fn move_item<T>(items: &mut Vec<T>, from: usize, to: usize) {
    let item = items.remove(from);
    items.insert(to.min(items.len()), item);
}

impl Model {
    /// Applies `op` and returns the op that undoes it. On error the model is
    /// unchanged (a failing batch rolls back what it had applied), and the
    /// error says why.
    pub fn apply(&mut self, op: Op) -> Result<Op, EditError> {
        Ok(match op {
            Op::RenameModel(name) => {
                let name = trimmed(&name);
                check(|v| v.model_name(&name))?;
                Op::RenameModel(std::mem::replace(&mut self.name, name))
            }
            Op::AddRole { index, mut role } => {
                room(self.roles.len(), MAX_ROLES, "roles")?;
                if self.role(&role.id).is_some() {
                    return Err(EditError::DuplicateId);
                }
                role.name = trimmed(&role.name);
                role.description = trimmed(&role.description);
                role.holder = holder_of(role.holder);
                let index = index.min(self.roles.len());
                check(|v| v.role(Item("roles", index), &role))?;
                let id = role.id.clone();
                self.roles.insert(index, role);
                Op::RemoveRole { id }
            }
            Op::RemoveRole { id } => {
                let referenced_beyond_matrix =
                    self.decisions.iter().any(|d| {
                        d.rights.contains_key(&id)
                            || d.approvals.iter().any(|a| a.role == id)
                            || d.escalations.iter().any(|e| e.role == id)
                            || d.vetoes.iter().any(|v| v.role == id)
                    }) || self.reviews.iter().any(|r| r.owner.as_deref() == Some(&id))
                        || self
                            .corrections
                            .iter()
                            .any(|c| c.owner.as_deref() == Some(&id))
                        || self.workflows.iter().any(|w| w.names_role(&id))
                        || self.map_names_role(&id);
                if referenced_beyond_matrix {
                    let before = self.clone();
                    self.remove_role(&id)?;
                    Op::Restore(Box::new(before))
                } else {
                    let cells: Vec<Op> = self
                        .elements
                        .iter()
                        .filter_map(|e| {
                            e.assignments.get(&id).map(|l| Op::SetAssignment {
                                element: e.id.clone(),
                                role: id.clone(),
                                letter: Some(*l),
                            })
                        })
                        .collect();
                    let (index, role) = self.remove_role(&id)?;
                    let mut ops = vec![Op::AddRole { index, role }];
                    ops.extend(cells);
                    Op::Batch(ops)
                }
            }
            Op::RenameRole { id, name } => {
                let old = self.edit_role(&id, |r| r.name = trimmed(&name))?;
                Op::RenameRole { id, name: old.name }
            }
            Op::SetRoleHolder { id, holder } => {
                let old = self.edit_role(&id, |r| r.holder = holder_of(holder))?;
                Op::SetRoleHolder {
                    id,
                    holder: old.holder,
                }
            }
            Op::SetRoleDescription { id, text } => {
                let old = self.edit_role(&id, |r| r.description = trimmed(&text))?;
                Op::SetRoleDescription {
                    id,
                    text: old.description,
                }
            }
            Op::MoveRole { id, to } => {
                let from = position(&self.roles, |r| r.id == id)?;
                move_item(&mut self.roles, from, to);
                Op::MoveRole { id, to: from }
            }
            Op::AddElement { index, mut element } => {
                room(self.elements.len(), MAX_ELEMENTS, "elements")?;
                if self.element(&element.id).is_some() {
                    return Err(EditError::DuplicateId);
                }
                element.name = trimmed(&element.name);
                element.description = trimmed(&element.description);
                let index = index.min(self.elements.len());
                check(|v| v.element(Item("elements", index), &element, self))?;
                let id = element.id.clone();
                self.elements.insert(index, element);
                Op::RemoveElement { id }
            }
            Op::RemoveElement { id } => {
                let referenced = self.decisions.iter().any(|d| d.elements.contains(&id))
                    || self.reviews.iter().any(|r| r.elements.contains(&id))
                    || self
                        .workflows
                        .iter()
                        .any(|w| w.element == id || w.names_element(&id))
                    || self.map_names_element(&id);
                if referenced {
                    let before = self.clone();
                    self.remove_element(&id)?;
                    Op::Restore(Box::new(before))
                } else {
                    let (index, element) = self.remove_element(&id)?;
                    Op::AddElement { index, element }
                }
            }
            Op::RenameElement { id, name } => {
                let i = position(&self.elements, |e| e.id == id)?;
                let name = trimmed(&name);
                check(|v| v.name(Field(Item("elements", i), "name"), &name))?;
                let old = std::mem::replace(&mut self.elements[i].name, name);
                Op::RenameElement { id, name: old }
            }
            Op::SetElementKind { id, kind } => {
                let i = position(&self.elements, |e| e.id == id)?;
                let old = std::mem::replace(&mut self.elements[i].kind, kind);
                Op::SetElementKind { id, kind: old }
            }
            Op::SetElementDescription { id, text } => {
                let i = position(&self.elements, |e| e.id == id)?;
                let text = trimmed(&text);
                check(|v| v.text(Field(Item("elements", i), "description"), &text))?;
                let old = std::mem::replace(&mut self.elements[i].description, text);
                Op::SetElementDescription { id, text: old }
            }
            Op::MoveElement { id, to } => {
                let from = position(&self.elements, |e| e.id == id)?;
                move_item(&mut self.elements, from, to);
                Op::MoveElement { id, to: from }
            }
            Op::SetAssignment {
                element,
                role,
                letter,
            } => {
                let i = position(&self.elements, |e| e.id == element)?;
                check(|v| v.assignment(Field(Item("elements", i), "assignments"), &role, self))?;
                let e = &mut self.elements[i];
                let old = match letter {
                    Some(l) => e.assignments.insert(role.clone(), l),
                    None => e.assignments.remove(&role),
                };
                Op::SetAssignment {
                    element,
                    role,
                    letter: old,
                }
            }
            Op::AddDecision {
                index,
                mut decision,
            } => {
                room(self.decisions.len(), MAX_DECISIONS, "decisions")?;
                if self.decisions.iter().any(|d| d.id == decision.id) {
                    return Err(EditError::DuplicateId);
                }
                decision.name = trimmed(&decision.name);
                let index = index.min(self.decisions.len());
                let vocabulary = self.settings.vocabulary;
                check(|v| v.decision(Item("decisions", index), &decision, vocabulary, self))?;
                let id = decision.id.clone();
                self.decisions.insert(index, *decision);
                Op::RemoveDecision { id }
            }
            Op::RemoveDecision { id } => {
                let index = position(&self.decisions, |d| d.id == id)?;
                if self.workflows.iter().any(|w| w.names_decision(&id)) {
                    // Its decision points go too; undo restores both.
                    let before = self.clone();
                    self.decisions.remove(index);
                    for w in &mut self.workflows {
                        w.forget_decision(&id);
                    }
                    Op::Restore(Box::new(before))
                } else {
                    let decision = Box::new(self.decisions.remove(index));
                    Op::AddDecision { index, decision }
                }
            }
            Op::SetDecision(mut decision) => {
                let i = position(&self.decisions, |d| d.id == decision.id)?;
                decision.name = trimmed(&decision.name);
                let vocabulary = self.settings.vocabulary;
                check(|v| v.decision(Item("decisions", i), &decision, vocabulary, self))?;
                Op::SetDecision(Box::new(std::mem::replace(
                    &mut self.decisions[i],
                    *decision,
                )))
            }
            Op::SetRight {
                decision,
                role,
                letter,
            } => {
                let i = position(&self.decisions, |d| d.id == decision)?;
                let vocabulary = self.settings.vocabulary;
                check(|v| {
                    let at = Field(Item("decisions", i), "rights");
                    match &letter {
                        Some(l) => v.right(at, &role, l, vocabulary, self),
                        None => v.role_ref(at, &role, self),
                    }
                })?;
                let d = &mut self.decisions[i];
                let old = match letter {
                    Some(l) => d.rights.insert(role.clone(), l),
                    None => d.rights.remove(&role),
                };
                Op::SetRight {
                    decision,
                    role,
                    letter: old,
                }
            }
            Op::MoveDecision { id, to } => {
                let from = position(&self.decisions, |d| d.id == id)?;
                move_item(&mut self.decisions, from, to);
                Op::MoveDecision { id, to: from }
            }
            Op::SetVocabulary {
                vocabulary,
                mut decisions,
            } => {
                if decisions.len() > MAX_DECISIONS {
                    return Err(EditError::Limit {
                        what: "decisions",
                        max: MAX_DECISIONS,
                    });
                }
                check(|v| {
                    v.unique_ids("decisions", decisions.iter().map(|d| d.id.as_str()));
                    for (i, d) in decisions.iter().enumerate() {
                        v.decision(Item("decisions", i), d, vocabulary, self);
                    }
                    // Decision points keep their decisions.
                    let kept = |id: &str| decisions.iter().any(|d| d.id == id);
                    for (i, w) in self.workflows.iter().enumerate() {
                        for (j, s) in w.stages.iter().enumerate() {
                            if let Some(d) = s.decision.as_deref().filter(|d| !kept(d)) {
                                v.unknown_decision(
                                    format_args!("workflows[{i}].stages[{j}].decision"),
                                    d,
                                );
                            }
                        }
                    }
                })?;
                let old = std::mem::replace(&mut self.settings.vocabulary, vocabulary);
                std::mem::swap(&mut self.decisions, &mut decisions);
                Op::SetVocabulary {
                    vocabulary: old,
                    decisions,
                }
            }
            Op::AddReview { index, mut review } => {
                room(self.reviews.len(), MAX_REVIEWS, "reviews")?;
                if self.reviews.iter().any(|r| r.id == review.id) {
                    return Err(EditError::DuplicateId);
                }
                review.name = trimmed(&review.name);
                let index = index.min(self.reviews.len());
                check(|v| v.review(Item("reviews", index), &review, self))?;
                let id = review.id.clone();
                self.reviews.insert(index, *review);
                Op::RemoveReview { id }
            }
            Op::RemoveReview { id } => {
                let index = position(&self.reviews, |r| r.id == id)?;
                if self
                    .corrections
                    .iter()
                    .any(|c| c.review.as_deref() == Some(&id))
                {
                    // Corrections that came from it lose the link; undo
                    // restores both.
                    let before = self.clone();
                    self.reviews.remove(index);
                    for c in &mut self.corrections {
                        if c.review.as_deref() == Some(&id) {
                            c.review = None;
                        }
                    }
                    Op::Restore(Box::new(before))
                } else {
                    let review = Box::new(self.reviews.remove(index));
                    Op::AddReview { index, review }
                }
            }
            Op::SetReview(mut review) => {
                let i = position(&self.reviews, |r| r.id == review.id)?;
                review.name = trimmed(&review.name);
                check(|v| v.review(Item("reviews", i), &review, self))?;
                Op::SetReview(Box::new(std::mem::replace(&mut self.reviews[i], *review)))
            }
            Op::AddCorrection { index, correction } => {
                room(self.corrections.len(), MAX_CORRECTIONS, "corrections")?;
                if self.corrections.iter().any(|c| c.id == correction.id) {
                    return Err(EditError::DuplicateId);
                }
                let index = index.min(self.corrections.len());
                check(|v| v.correction(Item("corrections", index), &correction, self))?;
                let id = correction.id.clone();
                self.corrections.insert(index, *correction);
                Op::RemoveCorrection { id }
            }
            Op::RemoveCorrection { id } => {
                let index = position(&self.corrections, |c| c.id == id)?;
                let correction = Box::new(self.corrections.remove(index));
                Op::AddCorrection { index, correction }
            }
            Op::SetCorrection(correction) => {
                let i = position(&self.corrections, |c| c.id == correction.id)?;
                check(|v| v.correction(Item("corrections", i), &correction, self))?;
                Op::SetCorrection(Box::new(std::mem::replace(
                    &mut self.corrections[i],
                    *correction,
                )))
            }
            Op::PutAssessment(assessment) => {
                let id = assessment.id.clone();
                let existing = self.assessments.iter().position(|a| a.id == id);
                if existing.is_none() {
                    room(self.assessments.len(), MAX_HISTORY_POINTS, "assessments")?;
                }
                let at = existing.unwrap_or(self.assessments.len());
                check(|v| v.assessment(Item("assessments", at), &assessment))?;
                let old = existing.map(|i| self.assessments.remove(i));
                let at = self
                    .assessments
                    .partition_point(|a| a.taken_at <= assessment.taken_at);
                self.assessments.insert(at, *assessment);
                match old {
                    Some(old) => Op::PutAssessment(Box::new(old)),
                    None => Op::RemoveAssessment { id },
                }
            }
            Op::RemoveAssessment { id } => {
                let i = position(&self.assessments, |a| a.id == id)?;
                Op::PutAssessment(Box::new(self.assessments.remove(i)))
            }
            Op::SetSnapshots(mut snapshots) => {
                if snapshots.len() > MAX_HISTORY_POINTS {
                    return Err(EditError::Limit {
                        what: "snapshots",
                        max: MAX_HISTORY_POINTS,
                    });
                }
                check(|v| {
                    for (i, s) in snapshots.iter().enumerate() {
                        v.snapshot(Item("snapshots", i), s);
                    }
                })?;
                std::mem::swap(&mut self.snapshots, &mut snapshots);
                Op::SetSnapshots(snapshots)
            }
            Op::SetWorkflow(workflow) => {
                let existing = self
                    .workflows
                    .iter()
                    .position(|w| w.element == workflow.element);
                if existing.is_none() {
                    room(self.workflows.len(), MAX_ELEMENTS, "workflows")?;
                }
                let at = existing.unwrap_or(self.workflows.len());
                check(|v| v.workflow(Item("workflows", at), &workflow, self))?;
                match existing {
                    Some(i) => Op::SetWorkflow(Box::new(std::mem::replace(
                        &mut self.workflows[i],
                        *workflow,
                    ))),
                    None => {
                        let element = workflow.element.clone();
                        self.workflows.push(*workflow);
                        Op::RemoveWorkflow { element }
                    }
                }
            }
            Op::AddWorkflow { index, workflow } => {
                room(self.workflows.len(), MAX_ELEMENTS, "workflows")?;
                if self.workflow(&workflow.element).is_some() {
                    return Err(EditError::DuplicateId);
                }
                let index = index.min(self.workflows.len());
                check(|v| v.workflow(Item("workflows", index), &workflow, self))?;
                let element = workflow.element.clone();
                self.workflows.insert(index, *workflow);
                Op::RemoveWorkflow { element }
            }
            Op::RemoveWorkflow { element } => {
                let index = position(&self.workflows, |w| w.element == element)?;
                let workflow = Box::new(self.workflows.remove(index));
                Op::AddWorkflow { index, workflow }
            }
            Op::SetDataEntity(mut entity) => {
                entity.definition = trimmed(&entity.definition);
                let existing = self
                    .data_entities
                    .iter()
                    .position(|d| d.element == entity.element);
                if existing.is_none() {
                    room(self.data_entities.len(), MAX_ELEMENTS, "data entities")?;
                }
                let at = existing.unwrap_or(self.data_entities.len());
                check(|v| v.data_entity(Item("dataEntities", at), &entity, self))?;
                match existing {
                    Some(i) => Op::SetDataEntity(Box::new(std::mem::replace(
                        &mut self.data_entities[i],
                        *entity,
                    ))),
                    None => {
                        let element = entity.element.clone();
                        self.data_entities.push(*entity);
                        Op::RemoveDataEntity { element }
                    }
                }
            }
            Op::AddDataEntity { index, entity } => {
                room(self.data_entities.len(), MAX_ELEMENTS, "data entities")?;
                if self.data_entity(&entity.element).is_some() {
                    return Err(EditError::DuplicateId);
                }
                let index = index.min(self.data_entities.len());
                check(|v| v.data_entity(Item("dataEntities", index), &entity, self))?;
                let element = entity.element.clone();
                self.data_entities.insert(index, *entity);
                Op::RemoveDataEntity { element }
            }
            Op::RemoveDataEntity { element } => {
                let index = position(&self.data_entities, |d| d.element == element)?;
                let entity = Box::new(self.data_entities.remove(index));
                Op::AddDataEntity { index, entity }
            }
            Op::AddFlow { index, mut flow } => {
                room(self.flows.len(), MAX_FLOWS, "data flows")?;
                if self.flow(&flow.id).is_some() {
                    return Err(EditError::DuplicateId);
                }
                tidy_flow(&mut flow);
                let index = index.min(self.flows.len());
                check(|v| v.flow(Item("flows", index), &flow, self))?;
                let id = flow.id.clone();
                self.flows.insert(index, *flow);
                Op::RemoveFlow { id }
            }
            Op::RemoveFlow { id } => {
                let index = position(&self.flows, |f| f.id == id)?;
                let flow = Box::new(self.flows.remove(index));
                Op::AddFlow { index, flow }
            }
            Op::SetFlow(mut flow) => {
                let i = position(&self.flows, |f| f.id == flow.id)?;
                tidy_flow(&mut flow);
                check(|v| v.flow(Item("flows", i), &flow, self))?;
                Op::SetFlow(Box::new(std::mem::replace(&mut self.flows[i], *flow)))
            }
            Op::AddMetric { index, mut metric } => {
                room(self.metrics.len(), MAX_METRICS, "metrics")?;
                if self.metric(&metric.id).is_some() {
                    return Err(EditError::DuplicateId);
                }
                tidy_metric(&mut metric);
                let index = index.min(self.metrics.len());
                check(|v| v.metric(Item("metrics", index), &metric, self))?;
                let id = metric.id.clone();
                self.metrics.insert(index, *metric);
                Op::RemoveMetric { id }
            }
            Op::RemoveMetric { id } => {
                let index = position(&self.metrics, |m| m.id == id)?;
                if self.reviews_of_metric(&id).next().is_some() {
                    // The reviews stop listing it; undo restores both.
                    let before = self.clone();
                    self.metrics.remove(index);
                    for r in &mut self.reviews {
                        r.metrics.retain(|m| *m != id);
                    }
                    Op::Restore(Box::new(before))
                } else {
                    let metric = Box::new(self.metrics.remove(index));
                    Op::AddMetric { index, metric }
                }
            }
            Op::SetMetric(mut metric) => {
                let i = position(&self.metrics, |m| m.id == metric.id)?;
                tidy_metric(&mut metric);
                check(|v| v.metric(Item("metrics", i), &metric, self))?;
                Op::SetMetric(Box::new(std::mem::replace(&mut self.metrics[i], *metric)))
            }
            Op::Batch(ops) => {
                let mut inverses = Vec::with_capacity(ops.len());
                for op in ops {
                    match self.apply(op) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            for inverse in inverses.into_iter().rev() {
                                // Inverses of ops that just succeeded apply.
                                let _ = self.apply(inverse);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Op::Batch(inverses)
            }
            Op::Restore(mut before) => {
                std::mem::swap(self, &mut before);
                Op::Restore(before)
            }
        })
    }

    /// Changes one role through `change`, checked as a whole role; returns
    /// the role as it was.
    fn edit_role(&mut self, id: &str, change: impl FnOnce(&mut Role)) -> Result<Role, EditError> {
        let i = position(&self.roles, |r| r.id == id)?;
        let mut role = self.roles[i].clone();
        change(&mut role);
        check(|v| v.role(Item("roles", i), &role))?;
        Ok(std::mem::replace(&mut self.roles[i], role))
    }

    /// Removes a role and every reference to it (assignments, decision
    /// rights, approvals, escalations, vetoes, review and correction
    /// owners). Returns its former position and the role, for undo.
    fn remove_role(&mut self, id: &str) -> Result<(usize, Role), EditError> {
        let index = position(&self.roles, |r| r.id == id)?;
        let role = self.roles.remove(index);
        for e in &mut self.elements {
            e.assignments.remove(id);
        }
        for d in &mut self.decisions {
            d.rights.remove(id);
            d.approvals.retain(|a| a.role != id);
            d.escalations.retain(|e| e.role != id);
            d.vetoes.retain(|v| v.role != id);
        }
        for r in &mut self.reviews {
            if r.owner.as_deref() == Some(id) {
                r.owner = None;
            }
        }
        for c in &mut self.corrections {
            if c.owner.as_deref() == Some(id) {
                c.owner = None;
            }
        }
        for w in &mut self.workflows {
            w.forget_role(id);
        }
        self.map_forget_role(id);
        Ok((index, role))
    }

    /// Removes an element and every reference to it (decisions, reviews).
    fn remove_element(&mut self, id: &str) -> Result<(usize, Element), EditError> {
        let index = position(&self.elements, |e| e.id == id)?;
        let element = self.elements.remove(index);
        for d in &mut self.decisions {
            d.elements.retain(|e| e != id);
        }
        for r in &mut self.reviews {
            r.elements.retain(|e| e != id);
        }
        self.workflows.retain(|w| w.element != id);
        for w in &mut self.workflows {
            w.forget_element(id);
        }
        self.map_forget_element(id);
        Ok((index, element))
    }
}

/// The undo and redo stacks of one open model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    undo: Vec<Op>,
    redo: Vec<Op>,
    /// The last undo step is a version that arrived from elsewhere.
    arrival_on_top: bool,
}

impl History {
    /// Applies `op` to `model` and remembers how to undo it.
    pub fn apply(&mut self, model: &mut Model, op: Op) -> Result<(), EditError> {
        self.arrival_on_top = false;
        let inverse = model.apply(op)?;
        self.undo.push(inverse);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Replaces the model with a version that arrived from elsewhere (an
    /// edit saved by another tab), as one undo step. Arrivals in a row make
    /// one step, back to the model as it was before the first: a tab left
    /// open beside a busy one does not fill its history with whole models.
    pub fn arrive(&mut self, model: &mut Model, version: Model) {
        if self.arrival_on_top {
            *model = version;
            self.redo.clear();
        } else {
            // Swapping in a whole model cannot fail.
            let _ = self.apply(model, Op::Restore(Box::new(version)));
            self.arrival_on_top = true;
        }
    }

    /// Undoes the last change; `false` when there is nothing to undo.
    pub fn undo(&mut self, model: &mut Model) -> bool {
        self.arrival_on_top = false;
        Self::step(&mut self.undo, &mut self.redo, model)
    }

    pub fn redo(&mut self, model: &mut Model) -> bool {
        self.arrival_on_top = false;
        Self::step(&mut self.redo, &mut self.undo, model)
    }

    fn step(from: &mut Vec<Op>, to: &mut Vec<Op>, model: &mut Model) -> bool {
        let Some(op) = from.pop() else { return false };
        match model.apply(op) {
            Ok(inverse) => {
                to.push(inverse);
                true
            }
            // Cannot happen for inverses produced by `apply`; if it did, the
            // step is dropped rather than leaving the stacks inconsistent.
            Err(_) => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn depth(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn role(id: &str, name: &str) -> Role {
        Role {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            holder: None,
        }
    }

    fn element(id: &str, name: &str) -> Element {
        Element {
            id: id.into(),
            name: name.into(),
            kind: ElementKind::Process,
            description: String::new(),
            assignments: Default::default(),
        }
    }

    fn review(id: &str) -> Review {
        Review::new(id.into(), format!("Review {id}"))
    }

    fn correction(id: &str, review: Option<&str>) -> Correction {
        Correction {
            id: id.into(),
            finding: "Late refunds".into(),
            review: review.map(Into::into),
            owner: None,
            due: None,
            status: CorrectionStatus::Proposed,
            history: vec![],
        }
    }

    fn decision(id: &str) -> Decision {
        Decision::new(id.into(), format!("Decision {id}"))
    }

    #[test]
    fn decision_ops_refuse_unknown_roles_and_foreign_letters() {
        let mut m = base();
        m.apply(Op::AddDecision {
            index: 0,
            decision: Box::new(decision("d")),
        })
        .unwrap();
        let bad_letter = Op::SetRight {
            decision: "d".into(),
            role: "r1".into(),
            letter: Some("D".into()),
        };
        assert_eq!(
            m.apply(bad_letter).unwrap_err().to_string(),
            "\"D\" is not one of the letters R, A, C, I of this model's vocabulary.",
            "D is not a RACI letter, and the refusal says so"
        );
        let mut d = decision("d");
        d.escalations.push(Escalation {
            condition: "x".into(),
            role: "ghost".into(),
        });
        assert_eq!(
            m.apply(Op::SetDecision(Box::new(d))).unwrap_err().path(),
            Some("decisions[0].escalations[0].role")
        );
        let mut d = decision("d");
        d.rights.insert("r1".into(), "C".into());
        let switch = Op::SetVocabulary {
            vocabulary: Vocabulary::Rapid,
            decisions: vec![d],
        };
        assert_eq!(
            m.apply(switch).unwrap_err().to_string(),
            "\"C\" is not one of the letters R, A, P, I, D of this model's vocabulary.",
            "C is not a RAPID letter"
        );
    }

    fn assessment(id: &str, day: u32) -> Assessment {
        Assessment {
            id: id.into(),
            kind: AssessmentKind::Quick,
            taken_at: Utc.with_ymd_and_hms(2026, 3, day, 0, 0, 0).unwrap(),
            answers: Default::default(),
            scores: Default::default(),
            overall: 50.0,
            team: None,
        }
    }

    #[test]
    fn assessments_stay_in_date_order() {
        let mut m = base();
        m.apply(Op::PutAssessment(Box::new(assessment("late", 9))))
            .unwrap();
        m.apply(Op::PutAssessment(Box::new(assessment("early", 2))))
            .unwrap();
        let ids: Vec<&str> = m.assessments.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["early", "late"]);
    }

    fn base() -> Model {
        let mut m = Model::new(
            "m".into(),
            "M",
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        m.apply(Op::AddRole {
            index: 0,
            role: role("r1", "Ops"),
        })
        .unwrap();
        m.apply(Op::AddRole {
            index: 1,
            role: role("r2", "Support"),
        })
        .unwrap();
        m.apply(Op::AddElement {
            index: 0,
            element: element("e1", "Billing"),
        })
        .unwrap();
        m.apply(Op::AddElement {
            index: 1,
            element: element("e2", "Refunds"),
        })
        .unwrap();
        m
    }

    fn all_ops() -> Vec<Op> {
        vec![
            Op::RenameModel("Acme".into()),
            Op::AddRole {
                index: 1,
                role: role("r3", "Finance"),
            },
            Op::RenameRole {
                id: "r1".into(),
                name: "Operations".into(),
            },
            Op::SetRoleHolder {
                id: "r1".into(),
                holder: Some("Kim".into()),
            },
            Op::SetRoleDescription {
                id: "r1".into(),
                text: "Runs the floor".into(),
            },
            Op::SetAssignment {
                element: "e1".into(),
                role: "r1".into(),
                letter: Some(Raci::A),
            },
            Op::SetAssignment {
                element: "e1".into(),
                role: "r2".into(),
                letter: Some(Raci::R),
            },
            Op::SetAssignment {
                element: "e1".into(),
                role: "r2".into(),
                letter: Some(Raci::C),
            },
            Op::MoveRole {
                id: "r1".into(),
                to: 2,
            },
            Op::AddElement {
                index: 0,
                element: element("e3", "Payroll"),
            },
            Op::RenameElement {
                id: "e2".into(),
                name: "Returns".into(),
            },
            Op::SetElementKind {
                id: "e2".into(),
                kind: ElementKind::Workflow,
            },
            Op::SetElementDescription {
                id: "e2".into(),
                text: "All returns".into(),
            },
            Op::MoveElement {
                id: "e3".into(),
                to: 2,
            },
            Op::RemoveRole { id: "r2".into() },
            Op::RemoveElement { id: "e1".into() },
            Op::SetAssignment {
                element: "e2".into(),
                role: "r1".into(),
                letter: None,
            },
            Op::PutAssessment(Box::new(assessment("a2", 2))),
            Op::PutAssessment(Box::new(assessment("a1", 1))),
            Op::PutAssessment(Box::new(Assessment {
                overall: 80.0,
                team: None,
                ..assessment("a2", 2)
            })),
            Op::RemoveAssessment { id: "a1".into() },
            Op::AddDecision {
                index: 0,
                decision: Box::new(decision("d1")),
            },
            Op::SetRight {
                decision: "d1".into(),
                role: "r1".into(),
                letter: Some("A".into()),
            },
            Op::SetDecision(Box::new(Decision {
                documentation: "Why".into(),
                ..decision("d1")
            })),
            Op::AddDecision {
                index: 9,
                decision: Box::new(decision("d2")),
            },
            Op::MoveDecision {
                id: "d2".into(),
                to: 0,
            },
            Op::SetVocabulary {
                vocabulary: Vocabulary::Rapid,
                decisions: vec![decision("d2"), decision("d1")],
            },
            Op::RemoveDecision { id: "d1".into() },
            Op::AddReview {
                index: 0,
                review: Box::new(review("v1")),
            },
            Op::SetReview(Box::new(Review {
                owner: Some("r1".into()),
                elements: vec!["e2".into()],
                ..review("v1")
            })),
            Op::AddCorrection {
                index: 0,
                correction: Box::new(correction("c1", Some("v1"))),
            },
            Op::SetCorrection(Box::new(Correction {
                status: CorrectionStatus::Evaluated,
                ..correction("c1", Some("v1"))
            })),
            Op::RemoveReview { id: "v1".into() },
            Op::RemoveCorrection { id: "c1".into() },
            Op::SetSnapshots(vec![Snapshot {
                taken_at: Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap(),
                metrics: Default::default(),
            }]),
        ]
    }

    #[test]
    fn every_op_undoes_and_redoes_exactly() {
        let mut m = base();
        let mut h = History::default();
        let mut states = vec![m.clone()];
        for op in all_ops() {
            h.apply(&mut m, op.clone())
                .unwrap_or_else(|e| panic!("{op:?}: {e}"));
            states.push(m.clone());
        }
        for expected in states.iter().rev().skip(1) {
            assert!(h.undo(&mut m));
            assert_eq!(&m, expected);
        }
        assert!(!h.undo(&mut m));
        for expected in states.iter().skip(1) {
            assert!(h.redo(&mut m));
            assert_eq!(&m, expected);
        }
        assert!(!h.redo(&mut m));
    }

    #[test]
    fn removing_a_referenced_role_restores_its_references() {
        let mut m = base();
        m.apply(Op::SetAssignment {
            element: "e1".into(),
            role: "r2".into(),
            letter: Some(Raci::A),
        })
        .unwrap();
        m.decisions.push(Decision {
            id: "d".into(),
            name: "D".into(),
            description: String::new(),
            significance: Default::default(),
            reversibility: Default::default(),
            authority: Default::default(),
            rights: [("r2".to_string(), "A".to_string())].into(),
            approvals: vec![Approval {
                role: "r2".into(),
                when: String::new(),
            }],
            escalations: vec![],
            vetoes: vec![],
            documentation: String::new(),
            elements: vec!["e1".into()],
        });
        let before = m.clone();
        let mut h = History::default();
        h.apply(&mut m, Op::RemoveRole { id: "r2".into() }).unwrap();
        assert!(m.decisions[0].rights.is_empty());
        h.undo(&mut m);
        assert_eq!(m, before);
        h.apply(&mut m, Op::RemoveElement { id: "e1".into() })
            .unwrap();
        h.undo(&mut m);
        assert_eq!(m, before);
    }

    #[test]
    fn a_new_edit_clears_redo_and_the_stack_is_bounded() {
        let mut m = base();
        let mut h = History::default();
        h.apply(&mut m, Op::RenameModel("A".into())).unwrap();
        h.undo(&mut m);
        assert!(h.can_redo());
        h.apply(&mut m, Op::RenameModel("B".into())).unwrap();
        assert!(!h.can_redo());
        for i in 0..UNDO_LIMIT + 50 {
            let letter = Raci::ALL[i % 4];
            h.apply(
                &mut m,
                Op::SetAssignment {
                    element: "e1".into(),
                    role: "r1".into(),
                    letter: Some(letter),
                },
            )
            .unwrap();
        }
        assert_eq!(h.depth(), (UNDO_LIMIT, 0));
        let mut undone = 0;
        while h.undo(&mut m) {
            undone += 1;
        }
        assert!(undone >= 100, "at least 100 steps");
    }

    #[test]
    fn invalid_ops_change_nothing_and_are_not_recorded() {
        let mut m = base();
        let before = m.clone();
        let mut h = History::default();
        assert_eq!(
            h.apply(
                &mut m,
                Op::RenameRole {
                    id: "r1".into(),
                    name: " ".into()
                }
            ),
            Err(EditError::Invalid(crate::model::Problem {
                path: "roles[0].name".into(),
                message: "the name is empty".into()
            }))
        );
        assert_eq!(
            h.apply(
                &mut m,
                Op::AddRole {
                    index: 0,
                    role: role("r1", "Dup")
                }
            ),
            Err(EditError::DuplicateId)
        );
        assert_eq!(
            h.apply(
                &mut m,
                Op::SetAssignment {
                    element: "e1".into(),
                    role: "zz".into(),
                    letter: Some(Raci::A)
                }
            )
            .unwrap_err()
            .to_string(),
            "Unknown role \"zz\"."
        );
        let batch = Op::Batch(vec![
            Op::RenameModel("Half".into()),
            Op::SetAssignment {
                element: "e1".into(),
                role: "r1".into(),
                letter: Some(Raci::A),
            },
            Op::RenameElement {
                id: "nope".into(),
                name: "x".into(),
            },
        ]);
        assert_eq!(h.apply(&mut m, batch), Err(EditError::NotFound));
        assert_eq!(m, before, "a failing batch rolls back");
        assert!(!h.can_undo());
    }

    #[test]
    fn arrivals_in_a_row_are_one_undo_step() {
        let mut m = Model::new(
            "m".into(),
            "M",
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        let mut h = History::default();
        h.apply(
            &mut m,
            Op::AddRole {
                index: 0,
                role: role("r1", "Mine"),
            },
        )
        .unwrap();
        let mine = m.clone();
        let mut theirs = m.clone();
        for name in ["Theirs 1", "Theirs 2", "Theirs 3"] {
            theirs.name = name.into();
            h.arrive(&mut m, theirs.clone());
        }
        assert_eq!(m.name, "Theirs 3");
        assert_eq!(h.depth(), (2, 0), "three arrivals, one step");
        assert!(h.undo(&mut m));
        assert_eq!(m, mine, "back to before the first arrival");
        assert!(h.redo(&mut m));
        assert_eq!(m.name, "Theirs 3");
        // An edit in between separates arrivals.
        h.apply(&mut m, Op::RenameModel("Edited here".into()))
            .unwrap();
        theirs.name = "Theirs 4".into();
        h.arrive(&mut m, theirs.clone());
        assert_eq!(h.depth(), (4, 0));
        assert!(h.undo(&mut m));
        assert_eq!(m.name, "Edited here");
    }
}
