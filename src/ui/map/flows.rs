//! How data moves between systems: one card per flow (from, to, the data
//! carried, how, when, what is checked on arrival), and a form to add one.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{anchor, jump, problems_of, Fold, Problems};
use crate::model::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::map::checks::{MapFinding, Subject};
use crate::model::map::{Flow, Mechanism};
use crate::model::{new_id, ElementKind, Id, Op};
use crate::ui::state::{use_app, AppState};
use crate::ui::workflows::{elements_of, toggle, ElementChecklist};

/// The add form's "from" list: chooses `system` (a box of the map opened).
pub(super) fn prefill_from(system: &str) {
    if let Some(select) = document()
        .get_element_by_id("new-flow-from")
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        select.set_value(system);
    }
}

fn update(state: AppState, id: &str, f: impl FnOnce(&mut Flow)) {
    let Some(mut flow) = state.model.with_untracked(|m| m.flow(id).cloned()) else {
        return;
    };
    f(&mut flow);
    state.apply_views_after_paint(Op::SetFlow(Box::new(flow)));
}

/// `<option>`s of the systems, `selected` chosen.
fn system_options(
    systems: Memo<Vec<(Id, String)>>,
    selected: impl Fn() -> Id + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        systems
            .get()
            .into_iter()
            .map(|(id, name)| {
                let is = id.clone();
                view! { <option value=id selected=move || selected() == is>{name}</option> }
            })
            .collect_view()
    }
}

#[component]
pub(super) fn Flows(findings: Memo<Vec<MapFinding>>) -> impl IntoView {
    let state = use_app();
    let systems = elements_of(ElementKind::System, None);
    let data = elements_of(ElementKind::Data, None);
    let flows = Memo::new(move |_| {
        state
            .model
            .with(|m| m.flows.iter().map(|f| f.id.clone()).collect::<Vec<_>>())
    });
    let from = NodeRef::<leptos::html::Select>::new();
    let to = NodeRef::<leptos::html::Select>::new();
    let add = move |_| {
        let (Some(f), Some(t)) = (from.get(), to.get()) else {
            return;
        };
        let flow = Flow {
            id: new_id(),
            from: f.value(),
            to: t.value(),
            ..Default::default()
        };
        let id = flow.id.clone();
        let index = state.model.with_untracked(|m| m.flows.len());
        if state.edit(Op::AddFlow {
            index,
            flow: Box::new(flow),
        }) {
            jump(anchor("flow", &id), format!("flow-carries-{id}"));
        }
    };
    view! {
        <section class="map-section" id="map-flows" aria-labelledby="map-flows-title" data-testid="map-flows">
            <h2 id="map-flows-title">"Data flows between systems"</h2>
            <p class="muted">"Every flow is a place where data can arrive late, wrong or twice: say what it carries, how, when, and what is checked on arrival."</p>
            {move || systems.with(Vec::is_empty).then(|| view! {
                <p class="empty">"No system in the model yet: add them on the Ownership page (kind: System), then draw how data moves between them here."</p>
            })}
            {move || (!systems.with(Vec::is_empty)).then(|| view! {
                <div class="field-row add-flow edit-chrome">
                    <label class="field">"From"
                        <select id="new-flow-from" data-testid="new-flow-from" node_ref=from>
                            {move || systems.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field">"To"
                        <select id="new-flow-to" data-testid="new-flow-to" node_ref=to>
                            {move || systems.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="align-end" data-testid="add-flow" on:click=add>"Add the flow"</button>
                </div>
            })}
            {move || (flows.with(Vec::is_empty) && !systems.with(Vec::is_empty)).then(|| view! {
                <p class="muted small">"No flow yet: choose where data leaves and where it arrives, then add the flow."</p>
            })}
            <div class="map-cards">
                <For each=move || flows.get() key=|f| f.clone() let:id>
                    <FlowCard id=id systems=systems data=data findings=findings/>
                </For>
            </div>
        </section>
    }
}

#[component]
fn FlowCard(
    id: Id,
    systems: Memo<Vec<(Id, String)>>,
    data: Memo<Vec<(Id, String)>>,
    findings: Memo<Vec<MapFinding>>,
) -> impl IntoView {
    let state = use_app();
    let problems = problems_of(findings, Subject::Flow(id.clone()));
    let key = StoredValue::new(id.clone());
    let flow = Memo::new(move |_| {
        state
            .model
            .with(|m| m.flow(&key.read_value()).cloned().unwrap_or_default())
    });
    let title = move || {
        state.model.with(|m| {
            let f = flow.get();
            let name = |id: &str| m.element(id).map_or(id.to_string(), |e| e.name.clone());
            format!("{} \u{2192} {}", name(&f.from), name(&f.to))
        })
    };
    // What it carries and how, for the folded line.
    let carries = move || {
        state.model.with(|m| {
            let f = flow.get();
            let data: Vec<String> = f
                .carries
                .iter()
                .map(|d| m.element(d).map_or(d.clone(), |e| e.name.clone()))
                .collect();
            let what = if data.is_empty() {
                "nothing named".to_string()
            } else {
                data.join(", ")
            };
            format!(" \u{2014} {what}; {}", f.mechanism.label().to_lowercase())
        })
    };
    let id = StoredValue::new(id);
    let remove = move |_| {
        state.edit(Op::RemoveFlow {
            id: key.get_value(),
        });
    };
    view! {
        <Fold id=anchor("flow", &id.get_value()) testid="flow-card"
            summary=move || view! {
                <span class="fold-name">{title}</span>
                <span class="muted">{carries}</span>
                <Problems count=problems/>
            }>
            <div class="field-row">
                <label class="field">"From"
                    <select id=format!("flow-from-{}", id.get_value()) prop:value=move || flow.with(|f| f.from.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); update(state, &key.get_value(), move |f| f.from = v) }>
                        {system_options(systems, move || flow.with(|f| f.from.clone()))}
                    </select>
                </label>
                <label class="field">"To"
                    <select prop:value=move || flow.with(|f| f.to.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); update(state, &key.get_value(), move |f| f.to = v) }>
                        {system_options(systems, move || flow.with(|f| f.to.clone()))}
                    </select>
                </label>
                <label class="field">"How"
                    <select prop:value=move || flow.with(|f| f.mechanism.key())
                        on:change=move |ev| {
                            let m = Mechanism::from_key(&event_target_value(&ev)).unwrap_or_default();
                            update(state, &key.get_value(), move |f| f.mechanism = m)
                        }>
                        {Mechanism::ALL.into_iter().map(|m| view! {
                            <option value=m.key() selected=move || flow.with(|f| f.mechanism == m)>{m.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">"When"
                    <input type="text" maxlength=MAX_NAME_CHARS placeholder="on every change, nightly…"
                        prop:value=move || flow.with(|f| f.schedule.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); update(state, &key.get_value(), move |f| f.schedule = v) }/>
                </label>
            </div>
            <label class="field">"What is checked on arrival"
                <input type="text" maxlength=MAX_TEXT_CHARS
                    prop:value=move || flow.with(|f| f.validation.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); update(state, &key.get_value(), move |f| f.validation = v) }/>
            </label>
            <ElementChecklist title="Data it carries" kind=ElementKind::Data items=data focus_id=format!("flow-carries-{}", id.get_value())
                chosen=Signal::derive(move || flow.with(|f| f.carries.clone()))
                on_toggle=Callback::new(move |(e, on)| update(state, &key.get_value(), move |f| toggle(&mut f.carries, e, on)))/>
            <button type="button" class="danger edit-chrome" on:click=remove>"Remove this flow"</button>
        </Fold>
    }
}
