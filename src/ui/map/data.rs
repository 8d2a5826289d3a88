//! Where each piece of data lives: per data entity, its definition (owned
//! by the entity's accountable role) and how each system holds it: as its
//! source of truth, as a copy, or not at all.

use leptos::prelude::*;

use super::{anchor, problems_of, Fold, Problems};
use crate::model::limits::MAX_TEXT_CHARS;
use crate::model::map::checks::{MapFinding, Subject};
use crate::model::map::graph::{owner, Owner};
use crate::model::map::{DataEntity, Hold};
use crate::model::{ElementKind, Id, Op};
use crate::ui::state::{use_app, AppState};
use crate::ui::workflows::elements_of;

/// Changes the record of data element `element` (a new one when it has
/// none) as one undo step; the rest of the page follows after the paint.
fn update(state: AppState, element: &str, f: impl FnOnce(&mut DataEntity)) {
    let mut d = state.model.with_untracked(|m| {
        m.data_entity(element)
            .cloned()
            .unwrap_or_else(|| DataEntity::new(element.to_string()))
    });
    f(&mut d);
    state.apply_views_after_paint(Op::SetDataEntity(Box::new(d)));
}

#[component]
pub(super) fn DataEntities(findings: Memo<Vec<MapFinding>>) -> impl IntoView {
    let entities = elements_of(ElementKind::Data, None);
    let systems = elements_of(ElementKind::System, None);
    view! {
        <section class="map-section" id="map-data" aria-labelledby="map-data-title" data-testid="map-data">
            <h2 id="map-data-title">"Data: what it means and where it lives"</h2>
            <p class="muted">"For each data entity, one system is its source of truth: when systems disagree, that one is right. Other systems may hold copies."</p>
            {move || entities.with(Vec::is_empty).then(|| view! {
                <p class="empty">"No data entity in the model yet: add them on the Ownership page (kind: Data entity), such as the customer record or the price list."</p>
            })}
            <div class="map-cards">
                <For each=move || entities.get() key=|e| e.clone() let:entity>
                    <EntityCard id=entity.0 name=entity.1 systems=systems findings=findings/>
                </For>
            </div>
        </section>
    }
}

#[component]
fn EntityCard(
    id: Id,
    name: String,
    systems: Memo<Vec<(Id, String)>>,
    findings: Memo<Vec<MapFinding>>,
) -> impl IntoView {
    let state = use_app();
    let problems = problems_of(findings, Subject::Element(id.clone()));
    let element = StoredValue::new(id.clone());
    let record = Memo::new(move |_| {
        state
            .model
            .with(|m| m.data_entity(&element.read_value()).cloned())
    });
    let owner = Memo::new(move |_| {
        let owner = state
            .model
            .with(|m| m.element(&element.read_value()).map(|e| owner(m, e)));
        match owner {
            Some(Owner::One(name)) => format!("Its definition is owned by {name}."),
            Some(Owner::Several(names)) => format!(
                "Its definition has {} owners: {}.",
                names.len(),
                names.join(", ")
            ),
            _ => "Nobody owns this definition yet (no A on the entity in the ownership matrix)."
                .to_string(),
        }
    });
    // Where it lives, in words, for the folded line.
    let lives = move || {
        state.model.with(|m| {
            record.with(|r| {
                let name = |s: &Id| m.element(s).map_or(s.clone(), |e| e.name.clone());
                let (sources, copies): (Vec<_>, Vec<_>) = r
                    .iter()
                    .flat_map(|r| r.systems.iter())
                    .partition(|(_, h)| **h == Hold::Source);
                let sources: Vec<String> = sources.into_iter().map(|(s, _)| name(s)).collect();
                let copies = match copies.len() {
                    0 => String::new(),
                    1 => "; 1 copy".into(),
                    n => format!("; {n} copies"),
                };
                if sources.is_empty() {
                    format!("no source of truth{copies}")
                } else {
                    format!("source of truth: {}{copies}", sources.join(", "))
                }
            })
        })
    };
    let field = StoredValue::new(format!("data-definition-{id}"));
    view! {
        <Fold id=anchor("data", &id) testid="data-card"
            summary=move || view! {
                <span class="fold-name">{name.clone()}</span>
                <span class="muted">{move || format!(" \u{2014} {}", lives())}</span>
                <Problems count=problems/>
            }>
            <label class="field">"What it means"
                <textarea id=field.get_value() maxlength=MAX_TEXT_CHARS
                    prop:value=move || record.with(|r| r.as_ref().map(|r| r.definition.clone()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); update(state, &element.get_value(), move |d| d.definition = v) }/>
            </label>
            <p class="muted small">{move || owner.get()}</p>
            {move || systems.with(Vec::is_empty).then(|| view! {
                <p class="muted small">"No system in the model yet: add them on the Ownership page (kind: System)."</p>
            })}
            <div class="holds" role="group" aria-label="Systems that hold it">
                <For each=move || systems.get() key=|s| s.clone() let:system>
                    {
                        let (sid, sname) = system;
                        let shown = sid.clone();
                        let hold = move || record.with(|r| r.as_ref().and_then(|r| r.systems.get(&shown).copied()));
                        view! {
                            <label class="field hold">{sname}
                                <select prop:value=move || hold().map_or("", Hold::key)
                                    on:change=move |ev| {
                                        let h = Hold::from_key(&event_target_value(&ev));
                                        let sid = sid.clone();
                                        update(state, &element.get_value(), move |d| match h {
                                            Some(h) => { d.systems.insert(sid, h); }
                                            None => { d.systems.remove(&sid); }
                                        })
                                    }>
                                    <option value="">"Does not hold it"</option>
                                    {Hold::ALL.into_iter().map(|h| view! { <option value=h.key()>{h.label()}</option> }).collect_view()}
                                </select>
                            </label>
                        }
                    }
                </For>
            </div>
        </Fold>
    }
}
