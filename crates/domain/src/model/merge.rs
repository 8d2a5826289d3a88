//! The three-way merge of two models that share a base (the version a
//! consultant sent, and what came back): a change made on one side only
//! applies, the same change made on both sides applies once, and where both
//! sides changed one field or one cell differently, or one side removed what
//! the other changed, there is a [`Conflict`], listed with its base, mine
//! and theirs, for the person to settle ([`resolve`]).
//!
//! Items are matched by id (lists of identified items, such as a workflow's
//! stages, too); the rest is merged field by field, maps (an element's
//! letters, a decision's rights) key by key. The result always passes the
//! load path's validation: when one side removed an item the other still
//! uses (a role that mine assigns, say), the item is kept and that is a
//! conflict of its own, never a dangling reference; settling it as
//! "removed" goes through the edit that removes the item with every
//! reference to it (`Model::apply`).

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::envelope::{model_to_value, value_to_model};
use super::types::{
    Assessment, Correction, DataEntity, Decision, Element, Flow, Id, Metric, Model, Review, Role,
    Snapshot, Workflow,
};
use super::validate::validate;
use super::Op;

/// One side of a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Mine,
    Theirs,
}

/// A place where the two sides disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Where, in the model's JSON: the list (`roles`), the item's id, and
    /// the path inside the item (empty: the whole item).
    pub list: &'static str,
    pub id: Id,
    pub path: Vec<String>,
    /// The values, `None` where the side has no such item or field.
    pub base: Option<Value>,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    /// The item was removed on one side and is still used on the other
    /// (settled by keeping it, or by removing it with its references).
    pub removed_but_used: bool,
}

impl Conflict {
    /// The conflict in one sentence, for the person who settles it: where,
    /// and each side's value ("Role “Clerk”, name: yours “Clerks”, theirs
    /// “Back office”.").
    pub fn describe(&self, model: &Model) -> String {
        let subject = self.subject(model);
        if self.removed_but_used {
            let who = if self.mine.is_none() {
                "you removed it"
            } else {
                "the other side removed it"
            };
            return format!("{subject}: {who}, and it is still used.");
        }
        format!(
            "{subject}: yours {}, theirs {}.",
            self.value(Side::Mine, model),
            self.value(Side::Theirs, model)
        )
    }

    /// Where the conflict is: "Role “Clerk”, name", "Element “Billing”,
    /// the letter of “Finance”".
    pub fn subject(&self, model: &Model) -> String {
        let what = match self.list {
            "roles" => "Role",
            "elements" => "Element",
            "decisions" => "Decision",
            "reviews" => "Review",
            "corrections" => "Correction",
            "assessments" => "Quiz result",
            "workflows" => "The flow of",
            "dataEntities" => "Data entity",
            "flows" => "Data flow",
            "metrics" => "Metric",
            "name" => "The model's name",
            _ => "The settings",
        };
        let item = if self.id.is_empty() {
            what.to_string()
        } else {
            format!("{what} \u{201c}{}\u{201d}", names(model, &self.id))
        };
        // A name the model knows is quoted; a field is named as it is.
        let word = |p: &String| {
            let name = names(model, p);
            if name == *p {
                name
            } else {
                format!("\u{201c}{name}\u{201d}")
            }
        };
        match self.path.as_slice() {
            [] => item,
            // A cell of the matrix: "the letter of “Head Baker”".
            [field, role] if field == "assignments" || field == "rights" => {
                format!("{item}, the letter of {}", word(role))
            }
            path => {
                let words: Vec<String> = path.iter().map(word).collect();
                format!("{item}, {}", words.join(" \u{b7} "))
            }
        }
    }

    /// One side's value in words: "“Clerks”", "removed", a number; for an
    /// item removed on one side and used on the other, what choosing
    /// that side does.
    pub fn value(&self, side: Side, model: &Model) -> String {
        let v = match side {
            Side::Mine => &self.mine,
            Side::Theirs => &self.theirs,
        };
        if self.removed_but_used {
            return match v {
                None => "removed, with every reference to it".into(),
                Some(_) => "kept".into(),
            };
        }
        match v {
            None => "removed".into(),
            Some(Value::String(s)) => format!("\u{201c}{}\u{201d}", names(model, s)),
            Some(Value::Object(o)) => match o.get("name").and_then(Value::as_str) {
                Some(n) => format!("\u{201c}{n}\u{201d}, changed"),
                None => "changed".into(),
            },
            Some(other) => {
                let text = other.to_string();
                let clipped: String = text.chars().take(60).collect();
                if clipped.len() < text.len() {
                    format!("{clipped}\u{2026}")
                } else {
                    clipped
                }
            }
        }
    }
}

/// What the model calls the item with id `id` (a role, element, metric or
/// decision), or the id itself.
fn names(model: &Model, id: &str) -> String {
    model
        .role(id)
        .map(|r| r.name.clone())
        .or_else(|| model.element(id).map(|e| e.name.clone()))
        .or_else(|| model.metric(id).map(|k| k.name.clone()))
        .or_else(|| model.decision(id).map(|d| d.name.clone()))
        .unwrap_or_else(|| id.to_string())
}

/// The merged model (every conflict settled as "mine" for now) and the
/// conflicts to settle.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub model: Model,
    pub conflicts: Vec<Conflict>,
}

/// Where the sides disagree, before it is told as a [`Conflict`]: the path
/// (the item's id first, inside a list), then base, mine and theirs.
type Disagreement = (Vec<String>, Option<Value>, Option<Value>, Option<Value>);

/// The lists merged item by item, with the field that identifies an item.
const LISTS: [(&str, &str); 10] = [
    ("roles", "id"),
    ("elements", "id"),
    ("decisions", "id"),
    ("reviews", "id"),
    ("corrections", "id"),
    ("assessments", "id"),
    ("workflows", "element"),
    ("dataEntities", "element"),
    ("flows", "id"),
    ("metrics", "id"),
];

/// Merges three values of one field: `Ok` with the merged value (`None`:
/// absent), or `Err` when the sides disagree. Objects merge key by key,
/// lists of identified objects item by item.
fn merge_value(
    b: Option<&Value>,
    m: Option<&Value>,
    t: Option<&Value>,
    path: &mut Vec<String>,
    out: &mut Vec<Disagreement>,
) -> Option<Value> {
    if m == t {
        return m.cloned();
    }
    if m == b {
        return t.cloned();
    }
    if t == b {
        return m.cloned();
    }
    match (b, m, t) {
        (Some(Value::Object(bo)), Some(Value::Object(mo)), Some(Value::Object(to))) => {
            let keys: BTreeSet<&String> = bo.keys().chain(mo.keys()).chain(to.keys()).collect();
            let mut merged = Map::new();
            // Mine's key order, then theirs' new keys.
            let order: Vec<&String> = mo
                .keys()
                .chain(to.keys().filter(|k| !mo.contains_key(*k)))
                .chain(
                    bo.keys()
                        .filter(|k| !mo.contains_key(*k) && !to.contains_key(*k)),
                )
                .filter(|k| keys.contains(k))
                .collect();
            for k in order {
                path.push(k.clone());
                if let Some(v) = merge_value(bo.get(k), mo.get(k), to.get(k), path, out) {
                    merged.insert(k.clone(), v);
                }
                path.pop();
            }
            Some(Value::Object(merged))
        }
        (Some(Value::Array(ba)), Some(Value::Array(ma)), Some(Value::Array(ta)))
            if [ba, ma, ta].iter().all(|a| ids_of(a, "id").is_some()) =>
        {
            Some(Value::Array(merge_items(ba, ma, ta, "id", path, out)))
        }
        _ => {
            out.push((path.clone(), b.cloned(), m.cloned(), t.cloned()));
            m.cloned()
        }
    }
}

/// The ids of a list whose items all have a string `key`, in order.
fn ids_of<'a>(list: &'a [Value], key: &str) -> Option<Vec<&'a str>> {
    list.iter().map(|v| v.get(key)?.as_str()).collect()
}

fn find<'a>(list: &'a [Value], key: &str, id: &str) -> Option<&'a Value> {
    list.iter()
        .find(|v| v.get(key).and_then(Value::as_str) == Some(id))
}

/// Merges three lists of identified items: in mine's order, theirs' new
/// items after the item they follow in theirs.
fn merge_items(
    b: &[Value],
    m: &[Value],
    t: &[Value],
    key: &str,
    path: &mut Vec<String>,
    out: &mut Vec<Disagreement>,
) -> Vec<Value> {
    let id = |v: &Value| {
        v.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    // The order: the side that reordered the list gives it (mine when
    // both did), with the other side's additions after the item they
    // follow there.
    let base_order: Vec<String> = b.iter().map(id).collect();
    let mine_order: Vec<String> = m.iter().map(id).collect();
    // Mine reordered the list when the items it kept from the base are
    // not in the base's order.
    let mine_moved = mine_order
        .iter()
        .filter(|k| base_order.contains(k))
        .ne(base_order.iter().filter(|k| mine_order.contains(k)));
    let (first, second) = if mine_moved { (m, t) } else { (t, m) };
    let mut order: Vec<String> = first.iter().map(id).collect();
    for (i, v) in second.iter().enumerate() {
        let k = id(v);
        if order.contains(&k) || find(b, key, &k).is_some() {
            continue;
        }
        let after = second[..i].iter().rev().map(id).find(|p| order.contains(p));
        let at = after
            .and_then(|p| order.iter().position(|x| *x == p))
            .map_or(0, |p| p + 1);
        order.insert(at, k);
    }
    for v in b.iter().chain(m) {
        let k = id(v);
        if !order.contains(&k) {
            order.push(k);
        }
    }
    let mut merged = Vec::new();
    for k in order {
        let (bv, mv, tv) = (find(b, key, &k), find(m, key, &k), find(t, key, &k));
        path.push(k.clone());
        let v = match (bv, mv, tv) {
            // Removed on one side, changed on the other: a conflict about
            // the whole item; mine's choice stands meanwhile.
            (Some(bv), None, Some(tv)) if tv != bv => {
                out.push((path.clone(), Some(bv.clone()), None, Some(tv.clone())));
                None
            }
            (Some(bv), Some(mv), None) if mv != bv => {
                out.push((path.clone(), Some(bv.clone()), Some(mv.clone()), None));
                Some(mv.clone())
            }
            _ => merge_value(bv, mv, tv, path, out),
        };
        path.pop();
        merged.extend(v);
    }
    merged
}

/// An item of one of the model's lists, matched across versions by its key.
trait Item: Clone + PartialEq + Serialize + DeserializeOwned {
    fn key(&self) -> &str;
}

macro_rules! items_keyed_by {
    ($($t:ty => $k:ident),* $(,)?) => {
        $(impl Item for $t {
            fn key(&self) -> &str {
                &self.$k
            }
        })*
    };
}

items_keyed_by!(
    Role => id, Element => id, Decision => id, Review => id, Correction => id,
    Assessment => id, Workflow => element, DataEntity => element, Flow => id, Metric => id,
);

/// Runs `$then!(name in the file, field of the model)` for each list the
/// merge goes through item by item: the one place that names them.
macro_rules! for_each_list {
    ($then:ident) => {
        $then!("roles", roles);
        $then!("elements", elements);
        $then!("decisions", decisions);
        $then!("reviews", reviews);
        $then!("corrections", corrections);
        $then!("assessments", assessments);
        $then!("workflows", workflows);
        $then!("dataEntities", data_entities);
        $then!("flows", flows);
        $then!("metrics", metrics);
    };
}

/// One item as a JSON value (the pretty writer, as for a whole file: one
/// copy of the serialising code in the wasm).
fn as_value<T: Serialize>(item: &T) -> Value {
    let text = serde_json::to_string_pretty(item).expect("an item always serialises");
    serde_json::from_str(&text).expect("what was written reads back")
}

/// A JSON value as an item, if it is one.
fn from_value<T: DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_slice(&super::envelope::one_value_per_line(value)).ok()
}

/// Merges one list of the model, item by item, in the order
/// [`merge_items`] gives: items equal on the sides that matter are taken
/// as they are; only an item both sides changed is merged field by field,
/// as JSON. (The whole models as JSON took 150 ms native for a 1,000 x 40
/// model; typed, nearly all of it is skipped.)
fn merge_list<T: Item>(
    list: &'static str,
    b: &[T],
    m: &[T],
    t: &[T],
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    fn index<T: Item>(items: &[T]) -> HashMap<&str, usize> {
        items
            .iter()
            .enumerate()
            .map(|(i, x)| (x.key(), i))
            .collect()
    }
    let (ib, im, it) = (index(b), index(m), index(t));
    // The order, as in `merge_items`: the side that reordered the list
    // gives it (mine when both did), with the other side's additions after
    // the item they follow there.
    let kept_in_order = |side: &[T], other: &HashMap<&str, usize>| -> Vec<usize> {
        side.iter()
            .filter_map(|x| other.get(x.key()).copied())
            .collect()
    };
    let mine_moved = {
        let base_positions = kept_in_order(m, &ib);
        base_positions.windows(2).any(|w| w[0] > w[1])
    };
    let (first, second) = if mine_moved { (m, t) } else { (t, m) };
    let mut order: Vec<&str> = first.iter().map(Item::key).collect();
    let mut placed: HashSet<&str> = order.iter().copied().collect();
    for (i, x) in second.iter().enumerate() {
        let k = x.key();
        if placed.contains(k) || ib.contains_key(k) {
            continue;
        }
        let after = second[..i]
            .iter()
            .rev()
            .map(Item::key)
            .find(|p| placed.contains(p));
        let at = after
            .and_then(|p| order.iter().position(|x| *x == p))
            .map_or(0, |p| p + 1);
        order.insert(at, k);
        placed.insert(k);
    }
    for x in b.iter().chain(m) {
        if placed.insert(x.key()) {
            order.push(x.key());
        }
    }
    fn get<'a, T>(items: &'a [T], index: &HashMap<&str, usize>, k: &str) -> Option<&'a T> {
        index.get(k).map(|&i| &items[i])
    }
    let mut merged = Vec::with_capacity(order.len());
    for k in order {
        // Borrowed: only the item taken is copied.
        let (bv, mv, tv) = (get(b, &ib, k), get(m, &im, k), get(t, &it, k));
        let whole = |conflicts: &mut Vec<Conflict>| {
            conflicts.push(Conflict {
                list,
                id: k.to_string(),
                path: Vec::new(),
                base: bv.map(as_value),
                mine: mv.map(as_value),
                theirs: tv.map(as_value),
                removed_but_used: false,
            });
        };
        let v = match (bv, mv, tv) {
            // Removed on one side, changed on the other: a conflict about
            // the whole item; mine's choice stands meanwhile.
            (Some(x), None, Some(y)) if x != y => {
                whole(conflicts);
                None
            }
            (Some(x), Some(y), None) if x != y => {
                whole(conflicts);
                mv.cloned()
            }
            _ if mv == tv => mv.cloned(),
            _ if mv == bv => tv.cloned(),
            _ if tv == bv => mv.cloned(),
            // Both changed it, differently: field by field.
            _ => {
                let mut raw = Vec::new();
                let value = merge_value(
                    bv.map(as_value).as_ref(),
                    mv.map(as_value).as_ref(),
                    tv.map(as_value).as_ref(),
                    &mut vec![],
                    &mut raw,
                );
                for (path, base, mine, theirs) in raw {
                    conflicts.push(Conflict {
                        list,
                        id: k.to_string(),
                        path,
                        base,
                        mine,
                        theirs,
                        removed_but_used: false,
                    });
                }
                value.as_ref().and_then(from_value).or_else(|| mv.cloned())
            }
        };
        merged.extend(v);
    }
    merged
}

/// Merges three versions of one field of the model (its name, its
/// settings) as JSON; a disagreement is a conflict of `list`.
fn merge_field<T: PartialEq + Clone + Serialize + DeserializeOwned>(
    list: &'static str,
    b: &T,
    m: &T,
    t: &T,
    conflicts: &mut Vec<Conflict>,
) -> T {
    if m == t || t == b {
        return m.clone();
    }
    if m == b {
        return t.clone();
    }
    let mut raw = Vec::new();
    let v = merge_value(
        Some(&as_value(b)),
        Some(&as_value(m)),
        Some(&as_value(t)),
        &mut vec![],
        &mut raw,
    );
    for (path, base, mine, theirs) in raw {
        conflicts.push(Conflict {
            list,
            id: String::new(),
            path,
            base,
            mine,
            theirs,
            removed_but_used: false,
        });
    }
    v.as_ref().and_then(from_value).unwrap_or_else(|| m.clone())
}

/// Merges `mine` and `theirs`, two versions of `base`. The merged model
/// keeps mine's id, lineage and `updated_at`, and passes validation.
pub fn merge(base: &Model, mine: &Model, theirs: &Model) -> Merged {
    let (b, m, t) = (base, mine, theirs);
    let mut conflicts = Vec::new();
    // Mine's id, lineage and times; everything else is merged below (the
    // lists not copied first: a 1,000 x 40 model takes a millisecond to
    // copy). Written out in full, so that a field added to the model
    // cannot be forgotten here.
    let Model {
        id,
        name: _,
        created_at,
        updated_at,
        settings: _,
        roles: _,
        elements: _,
        decisions: _,
        reviews: _,
        corrections: _,
        assessments: _,
        snapshots: _,
        workflows: _,
        data_entities: _,
        flows: _,
        metrics: _,
        lineage,
    } = mine;
    let mut merged = Model::new(id.clone(), String::new(), *created_at);
    merged.updated_at = *updated_at;
    merged.lineage = lineage.clone();
    merged.name = merge_field("name", &b.name, &m.name, &t.name, &mut conflicts);
    merged.settings = merge_field(
        "settings",
        &b.settings,
        &m.settings,
        &t.settings,
        &mut conflicts,
    );
    macro_rules! merge_one {
        ($list:literal, $field:ident) => {
            merged.$field = merge_list($list, &b.$field, &m.$field, &t.$field, &mut conflicts);
        };
    }
    for_each_list!(merge_one);
    // Snapshots are history: taken from the side that changed them, or
    // both sides' points, one per moment, when both did.
    merged.snapshots = if m.snapshots == t.snapshots || t.snapshots == b.snapshots {
        m.snapshots.clone()
    } else if m.snapshots == b.snapshots {
        t.snapshots.clone()
    } else {
        let mut all: Vec<Snapshot> = Vec::new();
        for s in m.snapshots.iter().chain(&t.snapshots) {
            if !all.iter().any(|x| x.taken_at == s.taken_at) {
                all.push(s.clone());
            }
        }
        all.sort_by_key(|x| x.taken_at);
        all
    };
    let model = keep_what_is_used(merged, b, m, t, &mut conflicts);
    Merged { model, conflicts }
}

/// Puts item `id` of one list back into `merged` when it is not there and
/// mine or theirs has it; true when it did, with the conflict that says so.
fn put_back<T: Item>(
    list: &'static str,
    id: &str,
    lists: [&[T]; 3],
    merged: &mut Vec<T>,
    conflicts: &mut Vec<Conflict>,
) -> bool {
    let [b, m, t] = lists;
    let find = |items: &[T]| items.iter().find(|x| x.key() == id).cloned();
    let kept = find(m).or_else(|| find(t));
    let (Some(item), None) = (kept, find(merged)) else {
        return false;
    };
    merged.push(item);
    conflicts.retain(|c| !(c.list == list && c.id == id && c.path.is_empty()));
    conflicts.push(Conflict {
        list,
        id: id.to_string(),
        path: Vec::new(),
        base: find(b).as_ref().map(as_value),
        mine: find(m).as_ref().map(as_value),
        theirs: find(t).as_ref().map(as_value),
        removed_but_used: true,
    });
    true
}

/// The merged model as one that passes validation: an item one side
/// removed and the merge still refers to is put back (from whichever side
/// kept it) and becomes a conflict.
fn keep_what_is_used(
    mut merged: Model,
    b: &Model,
    m: &Model,
    t: &Model,
    conflicts: &mut Vec<Conflict>,
) -> Model {
    // Every pass puts back at least one item or stops; a model has fewer
    // items than this bound.
    for _ in 0..10_000 {
        let Err(problems) = validate(&merged) else {
            return merged;
        };
        let mut restored = false;
        for p in problems {
            // "unknown role \"r9\"": the id between the quotes.
            let Some(id) = p.message.split('"').nth(1) else {
                continue;
            };
            macro_rules! put_back_one {
                ($list:literal, $field:ident) => {
                    restored |= put_back(
                        $list,
                        id,
                        [&b.$field, &m.$field, &t.$field],
                        &mut merged.$field,
                        conflicts,
                    );
                };
            }
            for_each_list!(put_back_one);
        }
        if !restored {
            break;
        }
    }
    // Not reachable with valid inputs (tested); mine, whole, otherwise.
    m.clone()
}

/// The model with each conflict settled as `choices` says (by index into
/// `merged.conflicts`; unlisted ones stay as mine). A choice that would
/// break a rule of the model (theirs names what the merge removed) is
/// refused with the edit's own error.
pub fn resolve(merged: &Merged, choices: &[(usize, Side)]) -> Result<Model, super::EditError> {
    let mut json = model_to_value(&merged.model);
    let mut removals: Vec<Op> = Vec::new();
    for &(i, side) in choices {
        let Some(c) = merged.conflicts.get(i) else {
            continue;
        };
        let value = match side {
            Side::Mine => &c.mine,
            Side::Theirs => &c.theirs,
        };
        if c.removed_but_used && value.is_none() {
            removals.push(removal(c.list, &c.id));
            continue;
        }
        set(&mut json, c, value.clone());
    }
    let mut model = value_to_model(&json).ok_or(super::EditError::NotFound)?;
    if let Err(problems) = validate(&model) {
        return Err(super::EditError::Invalid(problems[0].clone()));
    }
    for op in removals {
        model.apply(op)?;
    }
    Ok(model)
}

/// The edit that removes item `id` of `list` with every reference to it.
fn removal(list: &str, id: &str) -> Op {
    let id = id.to_string();
    match list {
        "roles" => Op::RemoveRole { id },
        "elements" => Op::RemoveElement { id },
        "decisions" => Op::RemoveDecision { id },
        "reviews" => Op::RemoveReview { id },
        "metrics" => Op::RemoveMetric { id },
        "flows" => Op::RemoveFlow { id },
        "corrections" => Op::RemoveCorrection { id },
        "workflows" => Op::RemoveWorkflow { element: id },
        "dataEntities" => Op::RemoveDataEntity { element: id },
        _ => Op::RemoveAssessment { id },
    }
}

/// Writes `value` at the conflict's place (`None`: removes it).
fn set(json: &mut Value, c: &Conflict, value: Option<Value>) {
    let key = LISTS.iter().find(|(l, _)| *l == c.list).map(|(_, k)| *k);
    let mut at: &mut Value = json;
    let mut path: Vec<String> = Vec::new();
    match key {
        Some(key) => {
            let Some(list) = at.get_mut(c.list).and_then(Value::as_array_mut) else {
                return;
            };
            let position = list
                .iter()
                .position(|v| v.get(key).and_then(Value::as_str) == Some(c.id.as_str()));
            if c.path.is_empty() {
                match (position, value) {
                    (Some(p), Some(v)) => list[p] = v,
                    (Some(p), None) => {
                        list.remove(p);
                    }
                    (None, Some(v)) => list.push(v),
                    (None, None) => {}
                }
                return;
            }
            let Some(p) = position else { return };
            at = &mut list[p];
            path.extend(c.path.iter().cloned());
        }
        None => {
            path.push(c.list.to_string());
            path.extend(c.path.iter().cloned());
        }
    }
    let Some((last, inner)) = path.split_last() else {
        return;
    };
    for k in inner {
        at = match at {
            Value::Object(o) => match o.get_mut(k) {
                Some(v) => v,
                None => return,
            },
            Value::Array(a) => match a
                .iter_mut()
                .find(|v| v.get("id").and_then(Value::as_str) == Some(k.as_str()))
            {
                Some(v) => v,
                None => return,
            },
            _ => return,
        };
    }
    match (at, value) {
        (Value::Object(o), Some(v)) => {
            o.insert(last.clone(), v);
        }
        (Value::Object(o), None) => {
            o.remove(last);
        }
        (Value::Array(a), v) => {
            let p = a
                .iter()
                .position(|x| x.get("id").and_then(Value::as_str) == Some(last.as_str()));
            match (p, v) {
                (Some(p), Some(v)) => a[p] = v,
                (Some(p), None) => {
                    a.remove(p);
                }
                (None, Some(v)) => a.push(v),
                (None, None) => {}
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Element, ElementKind, Raci, Role};

    fn role(id: &str, name: &str) -> Role {
        Role {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            holder: None,
        }
    }

    fn base() -> Model {
        let mut m = Model::new(
            "m".into(),
            "Client A",
            chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
        );
        m.roles = vec![role("r1", "Ops Lead"), role("r2", "Clerk")];
        m.elements.push(Element {
            id: "e1".into(),
            name: "Refunds".into(),
            kind: ElementKind::Process,
            description: String::new(),
            assignments: [("r1".to_string(), Raci::A)].into(),
        });
        m
    }

    #[test]
    fn changes_on_different_things_combine_without_conflict() {
        let b = base();
        let mut mine = b.clone();
        mine.roles.push(role("r3", "Finance"));
        let mut theirs = b.clone();
        theirs.elements[0].name = "Refunds and returns".into();
        theirs.elements[0].assignments.insert("r2".into(), Raci::R);
        let r = merge(&b, &mine, &theirs);
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        assert_eq!(r.model.roles.len(), 3);
        assert_eq!(r.model.elements[0].name, "Refunds and returns");
        assert_eq!(r.model.elements[0].assignments.get("r2"), Some(&Raci::R));
    }

    #[test]
    fn laws_identity_and_same_change_once() {
        let b = base();
        let mut a = b.clone();
        a.roles[0].name = "Operations Lead".into();
        assert_eq!(merge(&b, &a, &b).model, a, "only mine changed");
        assert_eq!(merge(&b, &b, &a).model, a, "only theirs changed");
        let same = merge(&b, &a, &a);
        assert_eq!(same.model, a, "the same change on both sides, once");
        assert!(same.conflicts.is_empty());
    }

    #[test]
    fn one_cell_changed_both_ways_is_a_conflict_settled_by_choice() {
        let b = base();
        let mut mine = b.clone();
        mine.elements[0].assignments.insert("r1".into(), Raci::AR);
        let mut theirs = b.clone();
        theirs.elements[0].assignments.insert("r1".into(), Raci::C);
        let r = merge(&b, &mine, &theirs);
        assert_eq!(r.conflicts.len(), 1);
        let c = &r.conflicts[0];
        assert_eq!((c.list, c.id.as_str()), ("elements", "e1"));
        assert_eq!(c.path, ["assignments", "r1"]);
        assert_eq!(
            (c.base.clone(), c.mine.clone(), c.theirs.clone()),
            (Some("A".into()), Some("A/R".into()), Some("C".into()))
        );
        assert_eq!(
            r.model.elements[0].assignments["r1"],
            Raci::AR,
            "mine meanwhile"
        );
        assert_eq!(
            c.describe(&r.model),
            "Element \u{201c}Refunds\u{201d}, the letter of \u{201c}Ops Lead\u{201d}: yours \u{201c}A/R\u{201d}, theirs \u{201c}C\u{201d}."
        );
        let theirs_chosen = resolve(&r, &[(0, Side::Theirs)]).unwrap();
        assert_eq!(theirs_chosen.elements[0].assignments["r1"], Raci::C);
        assert_eq!(resolve(&r, &[]).unwrap(), r.model);
    }

    #[test]
    fn a_role_removed_by_theirs_and_still_assigned_by_mine_is_kept_as_a_conflict() {
        let b = base();
        let mut mine = b.clone();
        mine.elements[0].assignments.insert("r2".into(), Raci::R);
        let mut theirs = b.clone();
        theirs.roles.retain(|r| r.id != "r2");
        let r = merge(&b, &mine, &theirs);
        assert_eq!(validate(&r.model), Ok(()), "never a dangling reference");
        assert!(r.model.role("r2").is_some());
        assert_eq!(r.conflicts.len(), 1);
        let c = &r.conflicts[0];
        assert!(c.removed_but_used && c.theirs.is_none() && c.mine.is_some());
        assert_eq!(
            c.describe(&r.model),
            "Role \u{201c}Clerk\u{201d}: the other side removed it, and it is still used."
        );
        // Settled as theirs: the role goes, with its letters.
        let gone = resolve(&r, &[(0, Side::Theirs)]).unwrap();
        assert!(gone.role("r2").is_none());
        assert!(!gone.elements[0].assignments.contains_key("r2"));
        assert_eq!(validate(&gone), Ok(()));
    }

    #[test]
    fn removed_on_one_side_changed_on_the_other_is_a_conflict() {
        let b = base();
        let mut mine = b.clone();
        mine.elements.clear();
        let mut theirs = b.clone();
        theirs.elements[0].description = "Money back".into();
        let r = merge(&b, &mine, &theirs);
        assert_eq!(r.conflicts.len(), 1);
        assert!(r.conflicts[0].mine.is_none() && r.conflicts[0].theirs.is_some());
        assert!(r.model.elements.is_empty(), "mine meanwhile");
        let kept = resolve(&r, &[(0, Side::Theirs)]).unwrap();
        assert_eq!(kept.elements[0].description, "Money back");
    }

    #[test]
    fn additions_on_both_sides_keep_their_places() {
        let b = base();
        let mut mine = b.clone();
        mine.roles.insert(1, role("m1", "Mine"));
        let mut theirs = b.clone();
        theirs.roles.push(role("t1", "Theirs"));
        let r = merge(&b, &mine, &theirs);
        let ids: Vec<&str> = r.model.roles.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["r1", "m1", "r2", "t1"]);
    }
}
