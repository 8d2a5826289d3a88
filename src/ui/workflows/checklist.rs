//! A checklist of the model's elements of one kind (the systems a flow
//! runs on, the data a stage reads, the workflows a process contains):
//! the same picker wherever a workflow points at other elements.

use leptos::prelude::*;

pub(crate) use crate::model::workflow::toggle;
use crate::model::{ElementKind, Id};
use crate::ui::state::use_app;

/// The model's elements of `kind` (except `except`), as (id, name): one
/// memo per page section, shared by every checklist of that kind (a
/// workflow of 40 stages has 120 checklists; each computing its own list
/// on every edit was measurable).
pub(crate) fn elements_of(kind: ElementKind, except: Option<Id>) -> Memo<Vec<(Id, String)>> {
    let state = use_app();
    Memo::new(move |_| {
        state.model.with(|m| {
            m.elements
                .iter()
                .filter(|e| e.kind == kind && except.as_ref() != Some(&e.id))
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect::<Vec<_>>()
        })
    })
}

/// One box per item of `items` (elements of `kind`, from
/// [`elements_of`]), ticked when `chosen` holds it; a tick or untick calls
/// `on_toggle` with the element and its new state. With no element of that
/// kind, says where to add one. `focus_id`, when given, is the DOM id of
/// the list itself, which can then take the focus (a jump link's target).
#[component]
pub(crate) fn ElementChecklist(
    #[prop(into)] title: String,
    #[prop(optional, into)] focus_id: Option<String>,
    kind: ElementKind,
    items: Memo<Vec<(Id, String)>>,
    #[prop(into)] chosen: Signal<Vec<Id>>,
    on_toggle: Callback<(Id, bool)>,
) -> impl IntoView {
    view! {
        <fieldset class="checklist" tabindex=focus_id.is_some().then_some("-1") id=focus_id>
            <legend>{title}</legend>
            {move || items.with(Vec::is_empty).then(|| view! {
                <p class="muted small">{format!("No {} in the model yet: add them on the Ownership page (kind: {}).", kind.plural().to_lowercase(), kind.label())}</p>
            })}
            <For each=move || items.get() key=|x| x.clone() let:item>
                {
                    let (id, name) = item;
                    let shown = id.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&shown))
                                on:change=move |ev| on_toggle.run((id.clone(), event_target_checked(&ev)))/>
                            " " {name}
                        </label>
                    }
                }
            </For>
        </fieldset>
    }
}
