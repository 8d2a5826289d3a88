//! Row headers (elements) and column headers (roles): rename in place,
//! change kind and description, delete, reorder by drag or Alt+Arrows.

use leptos::prelude::*;

use super::use_matrix;
use crate::model::limits::MAX_TEXT_CHARS;
use crate::model::ownership::Severity;
use crate::model::{ElementKind, Id, Op};
use crate::ui::drag;
use crate::ui::grid_headers::{move_item, move_role, rename_role, Badge, EditableName};
use crate::ui::state::{use_app, NoticeKind};

const DRAG_ELEMENT: &str = "application/x-opmodel-element";
const DRAG_ROLE: &str = "application/x-opmodel-role";

#[component]
pub fn ElementHeader(id: Id) -> impl IntoView {
    let state = use_app();
    let ui = use_matrix();
    let name = ui.elements.field(&id, |e| e.name.clone());
    let kind = ui.elements.field(&id, |e| e.kind.key().to_string());
    let description = ui.elements.field(&id, |e| e.description.clone());
    let counts = {
        let id = id.clone();
        Memo::new(move |_| ui.badges.with(|b| b.get(&id).copied().unwrap_or_default()))
    };
    let editing_desc = RwSignal::new(false);
    let (rename_id, move_id, kind_id, desc_id, del_id, drop_id, drag_id) = (
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
    );
    let on_rename = Callback::new(move |new: String| {
        state
            .apply(Op::RenameElement {
                id: rename_id.clone(),
                name: new,
            })
            .map_err(|e| e.to_string())
    });
    let on_move = Callback::new(move |delta: isize| {
        move_item(
            state,
            &move_id,
            delta,
            |m, id| m.elements.iter().position(|x| x.id == id),
            |id, to| Op::MoveElement { id, to },
        )
    });
    let set_kind = move |ev: leptos::ev::Event| {
        if let Some(kind) = ElementKind::from_key(&event_target_value(&ev)) {
            state.edit(Op::SetElementKind {
                id: kind_id.clone(),
                kind,
            });
        }
    };
    let remove = move |_| {
        if state.edit(Op::RemoveElement { id: del_id.clone() }) {
            state.notify(NoticeKind::Info, "Element deleted. Undo with Ctrl+Z.");
        }
    };
    view! {
        <div
            class="row-head"
            draggable="true"
            on:dragstart=move |ev| drag::start(&ev, DRAG_ELEMENT, &drag_id)
            on:dragover=move |ev| { drag::accept(&ev, DRAG_ELEMENT); }
            on:drop=move |ev| {
                let Some(moved) = drag::dropped(&ev, DRAG_ELEMENT) else { return };
                let to = state.model.with_untracked(|m| m.elements.iter().position(|e| e.id == drop_id));
                if let Some(to) = to {
                    state.edit(Op::MoveElement { id: moved, to });
                }
            }
        >
            <div class="row-head-line">
                <span class="drag-handle edit-chrome" aria-hidden="true">"⋮⋮"</span>
                <EditableName ui=ui.grid id=id.clone() name=name what="element" on_rename=on_rename on_move=on_move vertical=true/>
                <Badge counts=counts/>
                <button type="button" class="icon-button edit-chrome" on:click=remove
                    aria-label=move || format!("Delete element {}", name.get())>"✕"</button>
            </div>
            <div class="row-head-line details">
                <select class="kind-select" on:change=set_kind aria-label=move || format!("Kind of {}", name.get())>
                    {ElementKind::ALL.into_iter().map(|k| view! {
                        <option value=k.key() selected=move || kind.get() == k.key()>{k.label()}</option>
                    }).collect_view()}
                </select>
                {
                    let flow_id = id.clone();
                    move || matches!(ElementKind::from_key(&kind.get()), Some(ElementKind::Process | ElementKind::Workflow)).then(|| view! {
                        <a class="flow-link" data-testid="flow-link" href=format!("/workflows?open={}", js_sys::encode_uri_component(&flow_id))
                            aria-label=move || format!("Flow of {}, on the Workflows page", name.get())>"Flow"</a>
                    })
                }
                <Show
                    when=move || editing_desc.get()
                    fallback=move || view! {
                        <button type="button" class="desc-button" on:click=move |_| editing_desc.set(true)
                            aria-label=move || format!("Description of {}: {}", name.get(), description.get())>
                            {move || { let d = description.get(); if d.is_empty() { "Add a description".to_string() } else { d } }}
                        </button>
                    }
                >
                    {
                        let desc_id = desc_id.clone();
                        view! {
                            <textarea
                                class="desc-input"
                                maxlength=MAX_TEXT_CHARS
                                aria-label=move || format!("Description of {}", name.get_untracked())
                                prop:value=move || description.get_untracked()
                                autofocus=true
                                on:blur={
                                    let desc_id = desc_id.clone();
                                    move |ev| {
                                        // Refused (too long): the text stays open to be
                                        // shortened, and the notice says why.
                                        if state.edit(Op::SetElementDescription { id: desc_id.clone(), text: event_target_value(&ev) }) {
                                            editing_desc.set(false);
                                        }
                                    }
                                }
                                on:keydown=move |ev| {
                                    if ev.key() == "Escape" || (ev.key() == "Enter" && !ev.shift_key()) {
                                        ev.prevent_default();
                                        if let Some(t) = ev.target() {
                                            use wasm_bindgen::JsCast;
                                            if let Ok(t) = t.dyn_into::<web_sys::HtmlElement>() { let _ = t.blur(); }
                                        }
                                    }
                                }
                            ></textarea>
                        }
                    }
                </Show>
            </div>
        </div>
    }
}

#[component]
pub fn RoleHeader(id: Id) -> impl IntoView {
    let state = use_app();
    let ui = use_matrix();
    let name = ui.roles.field(&id, |r| r.name.clone());
    let holder = ui.roles.field(&id, |r| r.holder.clone());
    let counts = {
        let id = id.clone();
        Signal::derive(move || {
            ui.report.with(|r| {
                r.for_role(&id).fold((0, 0), |(p, n), f| match f.severity {
                    Severity::Problem => (p + 1, n),
                    Severity::Note => (p, n + 1),
                })
            })
        })
    };
    let (rename_id, move_id, del_id, drop_id, drag_id) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let on_rename = rename_role(state, rename_id);
    let on_move = Callback::new(move |delta: isize| move_role(state, &move_id, delta));
    let remove = move |_| {
        if state.edit(Op::RemoveRole { id: del_id.clone() }) {
            state.notify(NoticeKind::Info, "Role deleted. Undo with Ctrl+Z.");
        }
    };
    view! {
        <div
            class="col-head"
            draggable="true"
            on:dragstart=move |ev| drag::start(&ev, DRAG_ROLE, &drag_id)
            on:dragover=move |ev| { drag::accept(&ev, DRAG_ROLE); }
            on:drop=move |ev| {
                let Some(moved) = drag::dropped(&ev, DRAG_ROLE) else { return };
                let to = state.model.with_untracked(|m| m.roles.iter().position(|r| r.id == drop_id));
                if let Some(to) = to {
                    state.edit(Op::MoveRole { id: moved, to });
                }
            }
        >
            <EditableName ui=ui.grid id=id.clone() name=name what="role" on_rename=on_rename on_move=on_move vertical=false/>
            {move || holder.get().map(|h| view! { <span class="holder" title="Current holder">{h}</span> })}
            <span class="col-head-line">
                <Badge counts=counts/>
                <button type="button" class="icon-button edit-chrome" on:click=remove
                    aria-label=move || format!("Delete role {}", name.get())>"✕"</button>
            </span>
        </div>
    }
}

/// A role's load: how many elements it owns and works on.
#[component]
pub fn RoleFooter(id: Id) -> impl IntoView {
    let ui = use_matrix();
    let load = move || {
        ui.report.with(|r| {
            r.load
                .get(&id)
                .map(|l| (l.accountable, l.responsible))
                .unwrap_or_default()
        })
    };
    view! {
        <span class="load" title="Accountable for / responsible for">
            {move || { let (a, r) = load(); format!("A {a} · R {r}") }}
        </span>
    }
}
