//! What changed between two models: the comparison a consultant reads when
//! a model comes back edited. Every item is matched by its id (never by its
//! place in a list), then compared field by field, down into the lists and
//! maps inside it (a workflow's stages by their ids, a decision's rights role
//! by role, an element's letters cell by cell), and each difference is one
//! [`Change`] that names the item, the field and the values before and after
//! in words (ids shown as the names they stand for).
//!
//! Quiz results and recorded snapshots are history, not design: they are
//! left out.

pub mod matrix;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use serde_json::Value;

use super::types::{Id, Model};

/// The part of a model a change is in, in the order a report lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Model,
    Roles,
    Elements,
    /// The letters of the ownership matrix, cell by cell.
    Assignments,
    Decisions,
    Reviews,
    Corrections,
    Workflows,
    Data,
    Flows,
    Metrics,
}

impl Part {
    pub const ALL: [Part; 11] = [
        Part::Model,
        Part::Roles,
        Part::Elements,
        Part::Assignments,
        Part::Decisions,
        Part::Reviews,
        Part::Corrections,
        Part::Workflows,
        Part::Data,
        Part::Flows,
        Part::Metrics,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Part::Model => "The model",
            Part::Roles => "Roles",
            Part::Elements => "Elements",
            Part::Assignments => "Ownership matrix",
            Part::Decisions => "Decisions",
            Part::Reviews => "Reviews",
            Part::Corrections => "Corrections",
            Part::Workflows => "Workflows",
            Part::Data => "Data entities",
            Part::Flows => "Data flows",
            Part::Metrics => "Metrics",
        }
    }
}

/// Whether an item came, went, or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

/// One difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub part: Part,
    pub kind: Kind,
    /// The item's id (an element's, for a matrix cell).
    pub id: Id,
    /// The item's name as shown (the newer one when it was renamed).
    pub item: String,
    /// Where in the item, in words ("name", "rights · Finance Lead",
    /// "stages · Approve · exit"); `None` for an item added or removed.
    /// For a matrix cell, the role's name.
    pub field: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Every difference between two models, in the order of [`Part::ALL`], and
/// within a part in the newer model's order (removed items after).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub changes: Vec<Change>,
}

impl Comparison {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes of `kind` are in `part`.
    pub fn count(&self, part: Part, kind: Kind) -> usize {
        self.changes
            .iter()
            .filter(|c| c.part == part && c.kind == kind)
            .count()
    }

    /// The changes in `part`.
    pub fn of(&self, part: Part) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.part == part)
    }
}

/// The names of everything an id can point at, in either model (the newer
/// name wins), so values read as names.
fn names<'a>(old: &'a Model, new: &'a Model) -> HashMap<&'a str, &'a str> {
    let mut out = HashMap::default();
    for m in [old, new] {
        out.extend(m.roles.iter().map(|r| (r.id.as_str(), r.name.as_str())));
        out.extend(m.elements.iter().map(|e| (e.id.as_str(), e.name.as_str())));
        out.extend(m.decisions.iter().map(|d| (d.id.as_str(), d.name.as_str())));
        out.extend(m.reviews.iter().map(|r| (r.id.as_str(), r.name.as_str())));
        out.extend(m.metrics.iter().map(|k| (k.id.as_str(), k.name.as_str())));
    }
    out
}

struct Differ<'a> {
    names: &'a HashMap<&'a str, &'a str>,
    out: Vec<Change>,
}

/// One item as a JSON value (the pretty writer, as for a whole file: one
/// copy of the serialising code in the wasm).
fn as_value<T: serde::Serialize>(item: &T) -> Value {
    let text = serde_json::to_string_pretty(item).expect("an item always serialises");
    serde_json::from_str(&text).expect("what was written reads back")
}

/// One list's items of one side, for [`Differ::list`]: each item's key,
/// its name, and the item as JSON, `None` when it is equal on both sides.
/// Keys and names are borrowed from the models where they can be: a
/// comparison of two 1,000 x 40 models spent a third of its time copying
/// them.
type Keyed<'a> = Vec<(&'a str, Cow<'a, str>, Option<Value>)>;

/// The items of one list of `old` and of `new`, keyed by `key`, for
/// [`Differ::list`]: only an item that differs between the two is written
/// out as JSON; `named` puts its name into it (for items without a name
/// field of their own: a correction, a workflow).
#[allow(clippy::too_many_arguments)]
fn pair<'a, T: PartialEq + serde::Serialize>(
    a: &'a [T],
    b: &'a [T],
    key: impl Fn(&'a T) -> &'a str,
    name: impl Fn(&'a Model, &'a T) -> Cow<'a, str>,
    named: bool,
    old: &'a Model,
    new: &'a Model,
) -> (Keyed<'a>, Keyed<'a>) {
    let index = |list: &'a [T]| -> HashMap<&'a str, usize> {
        list.iter().enumerate().map(|(i, x)| (key(x), i)).collect()
    };
    let (ia, ib) = (index(a), index(b));
    let side = |list: &'a [T], other: &'a [T], other_index: &HashMap<&str, usize>, m: &'a Model| {
        list.iter()
            .map(|x| {
                let k = key(x);
                let n = name(m, x);
                let same = other_index.get(k).is_some_and(|&j| other[j] == *x);
                let v = (!same).then(|| {
                    let mut v = as_value(x);
                    if named {
                        if let Some(o) = v.as_object_mut() {
                            o.insert("name".into(), Value::String(n.to_string()));
                        }
                    }
                    v
                });
                (k, n, v)
            })
            .collect::<Keyed<'a>>()
    };
    (side(a, b, &ib, old), side(b, a, &ia, new))
}

/// The elements of `old` and `new` as [`pair`] gives them, with the
/// changes of their letters pushed as changes of the matrix, cell by cell,
/// typed: an element whose letters alone changed is not written out.
fn elements<'a>(d: &mut Differ, old: &'a Model, new: &'a Model) -> (Keyed<'a>, Keyed<'a>) {
    let at_old: HashMap<&str, &super::Element> =
        old.elements.iter().map(|e| (e.id.as_str(), e)).collect();
    let strip = |e: &super::Element| super::Element {
        assignments: BTreeMap::new(),
        ..e.clone()
    };
    let mut a: Keyed = Vec::with_capacity(old.elements.len());
    let mut b: Keyed = Vec::with_capacity(new.elements.len());
    let in_new: HashMap<&str, &super::Element> =
        new.elements.iter().map(|e| (e.id.as_str(), e)).collect();
    for e in &new.elements {
        let value = match at_old.get(e.id.as_str()) {
            Some(o) if *o == e => None,
            Some(o) => {
                let roles: BTreeSet<&String> =
                    o.assignments.keys().chain(e.assignments.keys()).collect();
                for r in roles {
                    let (x, y) = (o.assignments.get(r), e.assignments.get(r));
                    if x != y {
                        d.push(
                            Part::Assignments,
                            Kind::Changed,
                            &e.id,
                            &e.name,
                            Some(d.key(r)),
                            x.map(|l| l.label().to_string()),
                            y.map(|l| l.label().to_string()),
                        );
                    }
                }
                let (so, se) = (strip(o), strip(e));
                (so != se).then(|| as_value(&se))
            }
            None => Some(as_value(e)),
        };
        b.push((&e.id, Cow::Borrowed(&e.name), value));
    }
    for o in &old.elements {
        let value = match in_new.get(o.id.as_str()) {
            Some(e) if *e == o => None,
            Some(e) => {
                let (so, se) = (strip(o), strip(e));
                (so != se).then(|| as_value(&so))
            }
            None => Some(as_value(o)),
        };
        a.push((&o.id, Cow::Borrowed(&o.name), value));
    }
    (a, b)
}

impl Differ<'_> {
    /// A value in words: ids as names, lists joined, objects by their name.
    fn show(&self, v: &Value) -> String {
        match v {
            Value::Null => "(none)".into(),
            Value::String(s) if s.is_empty() => "(empty)".into(),
            Value::String(s) => self
                .names
                .get(s.as_str())
                .map_or_else(|| s.clone(), |n| n.to_string()),
            Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
            Value::Number(n) => n.to_string(),
            Value::Array(items) if items.is_empty() => "(none)".into(),
            Value::Array(items) => items
                .iter()
                .map(|x| self.show(x))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Object(o) => match o
                .get("name")
                .or_else(|| o.get("what"))
                .or_else(|| o.get("condition"))
            {
                Some(name) => self.show(name),
                None => o
                    .iter()
                    .map(|(k, x)| format!("{}: {}", self.key(k), self.show(x)))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
        }
    }

    /// A map's key or a field's name in words (a role id as its name).
    fn key(&self, k: &str) -> String {
        self.names
            .get(k)
            .map_or_else(|| k.to_string(), |n| n.to_string())
    }

    /// Compares two values of one item at `path`, pushing a change for
    /// every difference: objects field by field, lists of identified
    /// objects item by item, anything else whole.
    #[allow(clippy::too_many_arguments)]
    fn value(&mut self, part: Part, id: &str, item: &str, path: &[String], a: &Value, b: &Value) {
        if a == b {
            return;
        }
        let field = |extra: Option<String>| {
            let mut p = path.to_vec();
            p.extend(extra);
            (!p.is_empty()).then(|| p.join(" \u{b7} "))
        };
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                for k in keys {
                    let (va, vb) = (
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                    );
                    let mut p = path.to_vec();
                    p.push(self.key(k));
                    self.value(part, id, item, &p, va, vb);
                }
            }
            (Value::Array(x), Value::Array(y)) if identified(x) && identified(y) => {
                let ids = |list: &Vec<Value>| -> Vec<(String, Value)> {
                    list.iter()
                        .filter_map(|v| Some((v.get("id")?.as_str()?.to_string(), v.clone())))
                        .collect()
                };
                let (xa, ya) = (ids(x), ids(y));
                for (k, vb) in &ya {
                    let name = self.show(vb);
                    match xa.iter().find(|(ka, _)| ka == k) {
                        Some((_, va)) => {
                            let mut p = path.to_vec();
                            p.push(name);
                            self.value(part, id, item, &p, va, vb);
                        }
                        None => self.push(
                            part,
                            Kind::Changed,
                            id,
                            item,
                            field(None),
                            None,
                            Some(format!("added {name}")),
                        ),
                    }
                }
                for (k, va) in &xa {
                    if !ya.iter().any(|(kb, _)| kb == k) {
                        let name = self.show(va);
                        self.push(
                            part,
                            Kind::Changed,
                            id,
                            item,
                            field(None),
                            Some(format!("removed {name}")),
                            None,
                        );
                    }
                }
                // The same items in another order.
                let order_a: Vec<&String> = xa
                    .iter()
                    .map(|(k, _)| k)
                    .filter(|k| ya.iter().any(|(kb, _)| kb == *k))
                    .collect();
                let order_b: Vec<&String> = ya
                    .iter()
                    .map(|(k, _)| k)
                    .filter(|k| xa.iter().any(|(ka, _)| ka == *k))
                    .collect();
                if order_a != order_b {
                    let shown = |list: &[(String, Value)], order: &[&String]| {
                        order
                            .iter()
                            .filter_map(|k| {
                                list.iter()
                                    .find(|(x, _)| x == *k)
                                    .map(|(_, v)| self.show(v))
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let (before, after) = (shown(&xa, &order_a), shown(&ya, &order_b));
                    self.push(
                        part,
                        Kind::Changed,
                        id,
                        item,
                        field(Some("order".into())),
                        Some(before),
                        Some(after),
                    );
                }
            }
            _ => {
                let before = (!a.is_null()).then(|| self.show(a));
                let after = (!b.is_null()).then(|| self.show(b));
                self.push(part, Kind::Changed, id, item, field(None), before, after);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        part: Part,
        kind: Kind,
        id: &str,
        item: &str,
        field: Option<String>,
        before: Option<String>,
        after: Option<String>,
    ) {
        self.out.push(Change {
            part,
            kind,
            id: id.to_string(),
            item: item.to_string(),
            field,
            before,
            after,
        });
    }

    /// Compares one list of items matched by `key`. `split` moves a
    /// field's changes to another part (an element's letters to the
    /// matrix), named by its key alone.
    fn list(&mut self, part: Part, old: Keyed, new: Keyed) {
        let at_old: HashMap<&str, usize> = old
            .iter()
            .enumerate()
            .map(|(i, (k, _, _))| (*k, i))
            .collect();
        for (k, name, vb) in &new {
            match at_old.get(k).map(|&i| &old[i].2) {
                None => self.push(part, Kind::Added, k, name, None, None, None),
                Some(Some(va)) => {
                    if let Some(vb) = vb {
                        self.value(part, k, name, &[], va, vb);
                    }
                }
                Some(None) => {}
            }
        }
        let at_new: HashMap<&str, usize> = new
            .iter()
            .enumerate()
            .map(|(i, (k, _, _))| (*k, i))
            .collect();
        for (k, name, _) in &old {
            if !at_new.contains_key(k) {
                self.push(part, Kind::Removed, k, name, None, None, None);
            }
        }
        // Items that moved: the fewest whose moves explain the new order
        // (the others keep their order: a longest increasing run).
        let common: Vec<(usize, usize, &str, &str)> = old
            .iter()
            .enumerate()
            .filter_map(|(i, (k, _, _))| {
                at_new.get(k).map(|&j| (i, j, new[j].0, new[j].1.as_ref()))
            })
            .collect();
        let stay = longest_increasing(&common.iter().map(|c| c.1).collect::<Vec<_>>());
        for (n, (i, j, k, name)) in common.iter().enumerate() {
            if !stay.contains(&n) {
                self.push(
                    part,
                    Kind::Changed,
                    k,
                    name,
                    Some("position".into()),
                    Some((i + 1).to_string()),
                    Some((j + 1).to_string()),
                );
            }
        }
    }
}

/// The indices of a longest strictly increasing subsequence of `xs`
/// (patience sorting, O(n log n)).
fn longest_increasing(xs: &[usize]) -> BTreeSet<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into xs of each pile's top
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let pile = tails.partition_point(|&t| xs[t] < x);
        prev[i] = pile.checked_sub(1).map(|p| tails[p]);
        if pile == tails.len() {
            tails.push(i);
        } else {
            tails[pile] = i;
        }
    }
    let mut out = BTreeSet::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.insert(i);
        at = prev[i];
    }
    out
}

/// Whether a list holds objects with ids (stages): compared item by item.
fn identified(list: &[Value]) -> bool {
    !list.is_empty()
        && list
            .iter()
            .all(|v| v.get("id").is_some_and(Value::is_string))
}

/// What changed from `old` to `new`.
pub fn compare<'a>(old: &'a Model, new: &'a Model) -> Comparison {
    let names = names(old, new);
    let mut d = Differ {
        names: &names,
        out: Vec::new(),
    };
    if old.name != new.name {
        d.push(
            Part::Model,
            Kind::Changed,
            &new.id,
            &new.name,
            Some("name".into()),
            Some(old.name.clone()),
            Some(new.name.clone()),
        );
    }
    if old.settings != new.settings {
        let (a, b) = (as_value(&old.settings), as_value(&new.settings));
        d.value(
            Part::Model,
            &new.id,
            &new.name,
            &["settings".into()],
            &a,
            &b,
        );
    }
    // Each list from the typed items: an item equal on both sides is only
    // its name (all the differ needs to follow its place), so only what
    // changed is written out as JSON. Whole models as JSON took 41 ms
    // native for two 1,000 x 40 models; this way the comparison takes a
    // few.
    let own = |name: &'a String| Cow::Borrowed(name.as_str());
    let (a, b) = pair(
        &old.roles,
        &new.roles,
        |r| &r.id,
        |_, r| own(&r.name),
        false,
        old,
        new,
    );
    d.list(Part::Roles, a, b);
    let (a, b) = elements(&mut d, old, new);
    d.list(Part::Elements, a, b);
    let (a, b) = pair(
        &old.decisions,
        &new.decisions,
        |x| &x.id,
        |_, x| own(&x.name),
        false,
        old,
        new,
    );
    d.list(Part::Decisions, a, b);
    let (a, b) = pair(
        &old.reviews,
        &new.reviews,
        |x| &x.id,
        |_, x| own(&x.name),
        false,
        old,
        new,
    );
    d.list(Part::Reviews, a, b);
    // A correction is known by its finding.
    let (a, b) = pair(
        &old.corrections,
        &new.corrections,
        |x| &x.id,
        |_, x| own(&x.finding),
        true,
        old,
        new,
    );
    d.list(Part::Corrections, a, b);
    let element_name =
        |m: &'a Model, id: &'a str| -> &'a str { m.element(id).map_or(id, |e| e.name.as_str()) };
    let (a, b) = pair(
        &old.workflows,
        &new.workflows,
        |x| &x.element,
        |m, x| Cow::Borrowed(element_name(m, &x.element)),
        true,
        old,
        new,
    );
    d.list(Part::Workflows, a, b);
    let (a, b) = pair(
        &old.data_entities,
        &new.data_entities,
        |x| &x.element,
        |m, x| Cow::Borrowed(element_name(m, &x.element)),
        true,
        old,
        new,
    );
    d.list(Part::Data, a, b);
    let flow_name = |m: &'a Model, f: &'a super::Flow| -> Cow<'a, str> {
        Cow::Owned(format!(
            "{} \u{2192} {}",
            element_name(m, &f.from),
            element_name(m, &f.to)
        ))
    };
    let (a, b) = pair(&old.flows, &new.flows, |x| &x.id, flow_name, true, old, new);
    d.list(Part::Flows, a, b);
    let (a, b) = pair(
        &old.metrics,
        &new.metrics,
        |x| &x.id,
        |_, x| own(&x.name),
        false,
        old,
        new,
    );
    d.list(Part::Metrics, a, b);
    let mut changes = d.out;
    // Stable: by part, keeping each part's own order.
    changes.sort_by_key(|c| c.part);
    Comparison { changes }
}

/// The comparison in a few words: what was added, removed and changed,
/// counted per part ("1 role added, 2 elements changed, 3 cells of the
/// ownership matrix changed"); "no change" when there is none.
pub fn summary(c: &Comparison) -> String {
    let mut parts = Vec::new();
    for part in Part::ALL {
        for (kind, verb) in [
            (Kind::Added, "added"),
            (Kind::Removed, "removed"),
            (Kind::Changed, "changed"),
        ] {
            let n = c.count(part, kind);
            if n == 0 {
                continue;
            }
            let what = match (part, n) {
                (Part::Model, _) => "the model's name or settings".to_string(),
                (Part::Assignments, 1) => "1 cell of the ownership matrix".to_string(),
                (Part::Assignments, n) => format!("{n} cells of the ownership matrix"),
                (part, 1) => format!("1 {}", singular(part)),
                (part, n) => format!("{n} {}", part.label().to_lowercase()),
            };
            let verb = if matches!(part, Part::Assignments | Part::Model) {
                "changed"
            } else {
                verb
            };
            parts.push(format!("{what} {verb}"));
        }
    }
    if parts.is_empty() {
        "no change".into()
    } else {
        parts.join(", ")
    }
}

fn singular(part: Part) -> &'static str {
    match part {
        Part::Model => "model",
        Part::Roles => "role",
        Part::Elements => "element",
        Part::Assignments => "cell",
        Part::Decisions => "decision",
        Part::Reviews => "review",
        Part::Corrections => "correction",
        Part::Workflows => "workflow",
        Part::Data => "data entity",
        Part::Flows => "data flow",
        Part::Metrics => "metric",
    }
}

/// Markdown text with pipes and line breaks made harmless in a table cell
/// or a list item.
fn md(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

impl Change {
    /// The change in words, as a line of the report: "Added: Finance",
    /// "Refunds, stages · Log · role: Clerk → (none)".
    pub fn words(&self) -> String {
        self.told(&|s| s.to_string(), &|s| s.to_string())
    }

    /// The change told with `text` applied to every user text and `item`
    /// to the item's name (escaped and bold in Markdown).
    fn told(&self, text: &dyn Fn(&str) -> String, item: &dyn Fn(&str) -> String) -> String {
        let name = item(&self.item);
        match (self.kind, &self.field) {
            (Kind::Added, _) => format!("Added: {name}"),
            (Kind::Removed, _) => format!("Removed: {name}"),
            (Kind::Changed, field) => {
                let values = match (&self.before, &self.after) {
                    (Some(b), Some(a)) => format!("{} \u{2192} {}", text(b), text(a)),
                    (None, Some(a)) => text(a),
                    (Some(b), None) => format!("{} \u{2192} (none)", text(b)),
                    (None, None) => String::new(),
                };
                match field {
                    Some(f) => format!("{name}, {}: {values}", text(f)),
                    None => format!("{name}: {values}"),
                }
            }
        }
    }
}

/// A change as a Markdown list item's text: the item in bold, every user
/// text escaped.
fn in_markdown(ch: &Change) -> String {
    ch.told(&md, &|s| format!("**{}**", md(s)))
}

/// The comparison as a Markdown change report: a count per part, then
/// every change in words. `old` and `new` say what was compared ("the
/// version sent on 28 November", "the file returned").
pub fn to_markdown(c: &Comparison, old: &str, new: &str) -> String {
    let mut out = format!("# Changes from {} to {}\n\n", md(old), md(new));
    if c.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    out.push_str("| Part | Added | Removed | Changed |\n|---|---:|---:|---:|\n");
    for part in Part::ALL {
        let counts = [Kind::Added, Kind::Removed, Kind::Changed].map(|k| c.count(part, k));
        if counts.iter().any(|n| *n > 0) {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                part.label(),
                counts[0],
                counts[1],
                counts[2]
            ));
        }
    }
    for part in Part::ALL {
        let mut lines = c.of(part).peekable();
        if lines.peek().is_none() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n", part.label()));
        for ch in lines {
            let line = format!("- {}", in_markdown(ch));
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Element, ElementKind, Raci, Role, Stage, Workflow};

    fn base() -> Model {
        let mut m = Model::new(
            "m".into(),
            "Client A",
            chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
        );
        for (id, name) in [("r1", "Ops Lead"), ("r2", "Clerk")] {
            m.roles.push(Role {
                id: id.into(),
                name: name.into(),
                description: String::new(),
                holder: None,
            });
        }
        m.elements.push(Element {
            id: "e1".into(),
            name: "Refunds".into(),
            kind: ElementKind::Workflow,
            description: String::new(),
            assignments: [("r1".to_string(), Raci::A)].into(),
        });
        let mut w = Workflow::new("e1".into());
        w.stages = vec![
            Stage {
                id: "s1".into(),
                name: "Log".into(),
                role: Some("r2".into()),
                ..Default::default()
            },
            Stage {
                id: "s2".into(),
                name: "Approve".into(),
                role: Some("r1".into()),
                ..Default::default()
            },
        ];
        m.workflows.push(w);
        m
    }

    #[test]
    fn a_model_compared_with_itself_has_no_change() {
        let m = base();
        assert!(compare(&m, &m).is_empty());
        assert_eq!(
            to_markdown(&compare(&m, &m), "mine", "theirs"),
            "# Changes from mine to theirs\n\nNo changes.\n"
        );
    }

    #[test]
    fn changes_are_found_item_by_item_field_by_field_in_words() {
        let old = base();
        let mut new = old.clone();
        new.roles[0].name = "Operations Lead".into();
        new.roles.remove(1);
        new.roles.push(Role {
            id: "r3".into(),
            name: "Finance".into(),
            description: String::new(),
            holder: None,
        });
        new.elements[0].assignments.insert("r3".into(), Raci::R);
        new.elements[0].assignments.insert("r1".into(), Raci::AR);
        new.workflows[0].stages[1].exit = "Signed".into();
        new.workflows[0].stages.swap(0, 1);
        new.workflows[0].stages[1].role = None;
        let c = compare(&old, &new);
        type Line<'a> = (
            Part,
            Kind,
            &'a str,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
        );
        let lines: Vec<Line> = c
            .changes
            .iter()
            .map(|x| {
                (
                    x.part,
                    x.kind,
                    x.item.as_str(),
                    x.field.as_deref(),
                    x.before.as_deref(),
                    x.after.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                (
                    Part::Roles,
                    Kind::Changed,
                    "Operations Lead",
                    Some("name"),
                    Some("Ops Lead"),
                    Some("Operations Lead")
                ),
                (Part::Roles, Kind::Added, "Finance", None, None, None),
                (Part::Roles, Kind::Removed, "Clerk", None, None, None),
                (
                    Part::Assignments,
                    Kind::Changed,
                    "Refunds",
                    Some("Operations Lead"),
                    Some("A"),
                    Some("A/R")
                ),
                (
                    Part::Assignments,
                    Kind::Changed,
                    "Refunds",
                    Some("Finance"),
                    None,
                    Some("R")
                ),
                (
                    Part::Workflows,
                    Kind::Changed,
                    "Refunds",
                    Some("stages \u{b7} Approve \u{b7} exit"),
                    None,
                    Some("Signed")
                ),
                (
                    Part::Workflows,
                    Kind::Changed,
                    "Refunds",
                    Some("stages \u{b7} Log \u{b7} role"),
                    Some("Clerk"),
                    None
                ),
                (
                    Part::Workflows,
                    Kind::Changed,
                    "Refunds",
                    Some("stages \u{b7} order"),
                    Some("Log, Approve"),
                    Some("Approve, Log")
                ),
            ]
        );
        assert_eq!(c.count(Part::Roles, Kind::Changed), 1);
        let md = to_markdown(&c, "the version sent", "the file returned");
        assert!(md.starts_with("# Changes from the version sent to the file returned\n\n| Part | Added | Removed | Changed |\n|---|---:|---:|---:|\n| Roles | 1 | 1 | 1 |\n| Ownership matrix | 0 | 0 | 2 |\n| Workflows | 0 | 0 | 3 |\n"), "{md}");
        assert!(md.contains("\n## Ownership matrix\n\n- **Refunds**, Operations Lead: A \u{2192} A/R\n- **Refunds**, Finance: R\n"), "{md}");
        assert!(
            md.contains("- **Refunds**, stages \u{b7} Log \u{b7} role: Clerk \u{2192} (none)\n"),
            "{md}"
        );
    }

    #[test]
    fn the_two_directions_mirror_each_other() {
        let old = base();
        let mut new = old.clone();
        new.name = "Client A, returned".into();
        new.elements.clear();
        new.workflows.clear();
        let there = compare(&old, &new);
        let back = compare(&new, &old);
        assert_eq!(
            there.count(Part::Elements, Kind::Removed),
            back.count(Part::Elements, Kind::Added)
        );
        assert_eq!(there.count(Part::Workflows, Kind::Removed), 1);
        assert_eq!(back.count(Part::Workflows, Kind::Added), 1);
        assert_eq!(
            there.changes[0].before.as_deref(),
            back.changes[0].after.as_deref()
        );
    }

    #[test]
    fn a_move_names_only_the_item_moved() {
        let mut old = base();
        for (id, name) in [("e2", "Billing"), ("e3", "Payroll"), ("e4", "Hiring")] {
            let mut e = old.elements[0].clone();
            e.id = id.into();
            e.name = name.into();
            old.elements.push(e);
        }
        let mut new = old.clone();
        let hiring = new.elements.remove(3);
        new.elements.insert(0, hiring);
        let c = compare(&old, &new);
        let moved: Vec<(&str, Option<&str>, Option<&str>)> = c
            .changes
            .iter()
            .map(|x| (x.item.as_str(), x.before.as_deref(), x.after.as_deref()))
            .collect();
        assert_eq!(moved, [("Hiring", Some("4"), Some("1"))]);
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), BTreeSet::from([1, 2, 3]));
        assert_eq!(longest_increasing(&[]), BTreeSet::new());
    }

    #[test]
    fn a_summary_counts_in_words() {
        let old = base();
        let mut new = old.clone();
        new.roles.push(Role {
            id: "r3".into(),
            name: "Finance".into(),
            description: String::new(),
            holder: None,
        });
        new.roles[0].name = "Operations Lead".into();
        new.roles[1].name = "Clerks".into();
        new.elements[0].assignments.insert("r3".into(), Raci::R);
        assert_eq!(
            summary(&compare(&old, &new)),
            "1 role added, 2 roles changed, 1 cell of the ownership matrix changed"
        );
        assert_eq!(summary(&compare(&old, &old)), "no change");
    }

    #[test]
    fn markdown_cannot_be_broken_by_names() {
        let old = base();
        let mut new = old.clone();
        new.roles[0].name = "A | B *bold*\nnext".into();
        let md = to_markdown(&compare(&old, &new), "x", "y");
        assert!(md.contains("A \\| B \\*bold\\* next"), "{md}");
    }
}
