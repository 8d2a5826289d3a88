//! One signal per row of a large list (elements, roles, decisions), kept in
//! step with the model by a single effect.
//!
//! Why: the model is one signal. If every row, header and cell of a
//! 1,000-row grid read it directly, each edit would wake thousands of
//! subscribers, and re-subscribing them costs time that grows with their
//! number. Here only one effect reads the model; it compares each item with
//! its row's signal and sets the signals of the items that changed, so an
//! edit wakes only the row it touched.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::model::{Id, Model};

/// Lists a model's items of one kind with their ids.
pub type Items<T> = for<'a> fn(&'a Model) -> Vec<(&'a Id, &'a T)>;

pub struct RowStore<T: Send + Sync + 'static> {
    map: StoredValue<HashMap<Id, RwSignal<T>>>,
    /// The owner the row signals belong to: the store's, not that of
    /// whichever row or effect happened to create them, so a row that is
    /// filtered out does not take its signal with it.
    owner: StoredValue<Owner>,
    model: RwSignal<Model>,
    items: Items<T>,
}

impl<T: Send + Sync + 'static> Clone for RowStore<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for RowStore<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> RowStore<T> {
    pub fn new(model: RwSignal<Model>, items: Items<T>) -> Self {
        let initial = model.with_untracked(|m| {
            items(m)
                .into_iter()
                .map(|(id, v)| (id.clone(), RwSignal::new(v.clone())))
                .collect::<HashMap<_, _>>()
        });
        let owner = StoredValue::new(Owner::current().unwrap_or_default());
        let store = RowStore {
            map: StoredValue::new(initial),
            owner,
            model,
            items,
        };
        Effect::new(move |_| {
            model.with(|m| {
                let list = items(m);
                store.map.update_value(|map| {
                    for (id, value) in &list {
                        match map.get(*id) {
                            Some(signal) => {
                                if signal.with_untracked(|old| old != *value) {
                                    signal.set((*value).clone());
                                }
                            }
                            None => {
                                let signal = owner
                                    .with_value(|o| o.with(|| RwSignal::new((*value).clone())));
                                map.insert((*id).clone(), signal);
                            }
                        }
                    }
                    if map.len() > list.len() {
                        let alive: HashSet<&Id> = list.iter().map(|(id, _)| *id).collect();
                        map.retain(|id, _| alive.contains(id));
                    }
                });
            })
        });
        store
    }

    /// The signal of one row; `None` once the item is gone from the model.
    pub fn get(&self, id: &str) -> Option<RwSignal<T>> {
        if let Some(signal) = self.map.with_value(|map| map.get(id).copied()) {
            return Some(signal);
        }
        // Added since the effect last ran: create it now.
        let value = self.model.with_untracked(|m| {
            (self.items)(m)
                .into_iter()
                .find(|(i, _)| *i == id)
                .map(|(_, v)| v.clone())
        })?;
        let signal = self.owner.with_value(|o| o.with(|| RwSignal::new(value)));
        self.map.update_value(|map| {
            map.insert(id.to_string(), signal);
        });
        Some(signal)
    }

    /// A memo of one field of a row (e.g. its name), empty once the row is
    /// gone: subscribes to that row only.
    pub fn field<U: Clone + PartialEq + Default + Send + Sync + 'static>(
        &self,
        id: &str,
        f: fn(&T) -> U,
    ) -> Memo<U> {
        let signal = self.get(id);
        Memo::new(move |_| signal.map(|s| s.with(f)).unwrap_or_default())
    }
}

pub fn elements(m: &Model) -> Vec<(&Id, &crate::model::Element)> {
    m.elements.iter().map(|e| (&e.id, e)).collect()
}

pub fn roles(m: &Model) -> Vec<(&Id, &crate::model::Role)> {
    m.roles.iter().map(|r| (&r.id, r)).collect()
}

pub fn decisions(m: &Model) -> Vec<(&Id, &crate::model::Decision)> {
    m.decisions.iter().map(|d| (&d.id, d)).collect()
}
