//! One signal per row of a large list (elements, roles, decisions), kept in
//! step with the model by a single effect.
//!
//! Why: the model is one signal. If every row, header and cell of a
//! 1,000-row grid read it directly, each edit would wake thousands of
//! subscribers, and re-subscribing them costs time that grows with their
//! number. Here only one effect reads the model; it sets the signals of the
//! items that changed, so an edit wakes only the row it touched. When the
//! app's change log names the item an edit changed (a letter set in one
//! row), only that item is compared; otherwise every item is.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::model::{Id, Model, Touched};
use crate::ui::state::AppState;

/// Lists a model's items of one kind with their ids.
pub type Items<T> = for<'a> fn(&'a Model) -> Vec<(&'a Id, &'a T)>;

/// One kind of item: how to list them, find one, and recognise a change
/// of one of them in the change log.
pub struct Kind<T: 'static> {
    pub items: Items<T>,
    pub find: for<'a> fn(&'a Model, &str) -> Option<&'a T>,
    /// The id, when the change is to an item of this kind.
    pub changed: fn(&Touched) -> Option<&Id>,
}

impl<T> Clone for Kind<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Kind<T> {}

pub struct RowStore<T: Send + Sync + 'static> {
    map: StoredValue<HashMap<Id, RwSignal<T>>>,
    /// The owner the row signals belong to: the store's, not that of
    /// whichever row or effect happened to create them, so a row that is
    /// filtered out does not take its signal with it.
    owner: StoredValue<Owner>,
    model: RwSignal<Model>,
    kind: Kind<T>,
    /// The ids in the model's order, set only when that order changes.
    order: RwSignal<Vec<Id>>,
}

impl<T: Send + Sync + 'static> Clone for RowStore<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for RowStore<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> RowStore<T> {
    pub fn new(state: AppState, kind: Kind<T>) -> Self {
        let model = state.model;
        let (initial, order) = model.with_untracked(|m| {
            let list = (kind.items)(m);
            let signals = list
                .iter()
                .map(|(id, v)| ((*id).clone(), RwSignal::new((*v).clone())))
                .collect::<HashMap<_, _>>();
            let order: Vec<Id> = list.iter().map(|(id, _)| (*id).clone()).collect();
            (signals, order)
        });
        let owner = StoredValue::new(Owner::current().unwrap_or_default());
        let store = RowStore {
            map: StoredValue::new(initial),
            owner,
            model,
            kind,
            order: RwSignal::new(order),
        };
        // The change log's revision this store has caught up with.
        let synced = StoredValue::new(state.changed_since(u64::MAX).0);
        Effect::new(move |_| {
            model.with(|m| {
                let (revision, changed) = state.changed_since(synced.get_value());
                synced.set_value(revision);
                let mine: Option<Vec<&Id>> = changed
                    .as_ref()
                    .map(|c| c.iter().filter_map(kind.changed).collect());
                match mine {
                    Some(ids) => {
                        for id in ids {
                            if let Some(value) = (kind.find)(m, id) {
                                store.put(id, value);
                            }
                        }
                    }
                    None => store.sync_all(m),
                }
            })
        });
        store
    }

    /// Sets the signal of one item to its value in the model, if it differs.
    fn put(&self, id: &Id, value: &T) {
        let signal = self.map.with_value(|map| map.get(id).copied());
        match signal {
            Some(signal) => {
                if signal.with_untracked(|old| old != value) {
                    signal.set(value.clone());
                }
            }
            None => {
                let signal = self
                    .owner
                    .with_value(|o| o.with(|| RwSignal::new(value.clone())));
                self.map.update_value(|map| {
                    map.insert(id.clone(), signal);
                });
            }
        }
    }

    /// The ids in the model's order. Unlike a memo over the model, this
    /// wakes nothing when an edit leaves the order as it was.
    pub fn order(&self) -> Signal<Vec<Id>> {
        self.order.into()
    }

    /// Compares every item with its signal, and forgets the items gone.
    fn sync_all(&self, m: &Model) {
        let list = (self.kind.items)(m);
        let same_order = self.order.with_untracked(|o| {
            o.len() == list.len() && o.iter().zip(&list).all(|(a, (b, _))| a == *b)
        });
        if !same_order {
            self.order
                .set(list.iter().map(|(id, _)| (*id).clone()).collect());
        }
        for (id, value) in &list {
            self.put(id, value);
        }
        if self.map.with_value(|map| map.len() > list.len()) {
            let alive: HashSet<&Id> = list.iter().map(|(id, _)| *id).collect();
            self.map
                .update_value(|map| map.retain(|id, _| alive.contains(id)));
        }
    }

    /// The signal of one row; `None` once the item is gone from the model.
    pub fn get(&self, id: &str) -> Option<RwSignal<T>> {
        if let Some(signal) = self.map.with_value(|map| map.get(id).copied()) {
            return Some(signal);
        }
        // Added since the effect last ran: create it now.
        let value = self
            .model
            .with_untracked(|m| (self.kind.find)(m, id).cloned())?;
        let signal = self.owner.with_value(|o| o.with(|| RwSignal::new(value)));
        self.map.update_value(|map| {
            map.insert(id.to_string(), signal);
        });
        Some(signal)
    }

    /// One field of a row (e.g. its name), empty once the row is gone:
    /// subscribes to that row only.
    ///
    /// A signal set by one effect, not a memo: when the row changes
    /// elsewhere (a letter set in it), a memo would still wake every
    /// binding that reads it, each to find the field unchanged; here that
    /// is one effect, and the bindings wake only when the field changes.
    pub fn field<U: Clone + PartialEq + Default + Send + Sync + 'static>(
        &self,
        id: &str,
        f: fn(&T) -> U,
    ) -> Signal<U> {
        let row = self.get(id);
        let read = move || row.map(|s| s.with(f)).unwrap_or_default();
        let value = RwSignal::new(untrack(read));
        Effect::new(move |_| {
            let now = read();
            if value.with_untracked(|v| *v != now) {
                value.set(now);
            }
        });
        value.into()
    }
}

pub const ELEMENTS: Kind<crate::model::Element> = Kind {
    items: |m| m.elements.iter().map(|e| (&e.id, e)).collect(),
    find: |m, id| m.element(id),
    changed: |t| match t {
        Touched::Element(id) => Some(id),
        _ => None,
    },
};

pub const ROLES: Kind<crate::model::Role> = Kind {
    items: |m| m.roles.iter().map(|r| (&r.id, r)).collect(),
    find: |m, id| m.role(id),
    changed: |t| match t {
        Touched::Role(id) => Some(id),
        _ => None,
    },
};

pub const DECISIONS: Kind<crate::model::Decision> = Kind {
    items: |m| m.decisions.iter().map(|d| (&d.id, d)).collect(),
    find: |m, id| m.decision(id),
    changed: |t| match t {
        Touched::Decision(id) => Some(id),
        _ => None,
    },
};
