//! A minimal editor of roles and elements. The ownership matrix grid will
//! replace it; until then it is how a model gets its roles and elements.

use leptos::prelude::*;

use crate::model::{new_id, ElementKind, Id};
use crate::ui::inline_edit::InlineName;
use crate::ui::state::use_app;

#[component]
pub fn Ownership() -> impl IntoView {
    let state = use_app();
    view! {
        <section class="page">
            <h1>"Ownership"</h1>
            <p class="lead">
                "List the roles of your organization and the elements of your operation. "
                "Each element will get exactly one accountable role in the ownership matrix."
            </p>
            <div class="field">
                <label for="model-name">"Model name"</label>
                <InlineName
                    value=Signal::derive(move || state.model.with(|m| m.name.clone()))
                    label="Model name"
                    id="model-name"
                    testid="model-name-input"
                    on_commit=Callback::new(move |name: String| state.edit(|m| m.rename(&name)))
                />
            </div>
            <div class="two-columns">
                <Roles/>
                <Elements/>
            </div>
        </section>
    }
}

#[component]
fn Roles() -> impl IntoView {
    let state = use_app();
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move || match state.edit(|m| m.add_role(new_id(), &new_name.get_untracked())) {
        Ok(()) => {
            new_name.set(String::new());
            error.set(None);
        }
        Err(e) => error.set(Some(e.to_string())),
    };
    let ids = move || {
        state
            .model
            .with(|m| m.roles.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
    };
    view! {
        <section aria-labelledby="roles-heading">
            <h2 id="roles-heading">"Roles"</h2>
            <p class="muted">"Roles, not people: \"Head of Support\", not \"Maria\"."</p>
            <ul class="item-list" data-testid="roles">
                <For each=ids key=|id| id.clone() let:id>
                    <RoleRow id=id/>
                </For>
            </ul>
            <Show when=move || state.model.with(|m| m.roles.is_empty())>
                <p class="empty">"No roles yet. Add the first one below."</p>
            </Show>
            <form class="add-row" on:submit=move |ev| { ev.prevent_default(); add(); }>
                <input
                    type="text"
                    aria-label="New role name"
                    placeholder="e.g. Head of Operations"
                    data-testid="new-role"
                    maxlength=crate::model::limits::MAX_NAME_CHARS
                    bind:value=new_name
                />
                <button type="submit">"Add role"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}

#[component]
fn RoleRow(id: Id) -> impl IntoView {
    let state = use_app();
    let name = {
        let id = id.clone();
        Signal::derive(move || {
            state
                .model
                .with(|m| m.role(&id).map(|r| r.name.clone()).unwrap_or_default())
        })
    };
    let rename = {
        let id = id.clone();
        Callback::new(move |new: String| state.edit(|m| m.rename_role(&id, &new)))
    };
    let remove = move |_| {
        let _ = state.edit(|m| m.remove_role(&id));
    };
    view! {
        <li>
            <InlineName value=name label=Signal::derive(move || format!("Name of role {}", name.get())) on_commit=rename/>
            <button type="button" class="ghost danger" on:click=remove
                aria-label=move || format!("Remove role {}", name.get())>"Remove"</button>
        </li>
    }
}

#[component]
fn Elements() -> impl IntoView {
    let state = use_app();
    let new_name = RwSignal::new(String::new());
    let new_kind = RwSignal::new(ElementKind::Process.key().to_string());
    let error = RwSignal::new(None::<String>);
    let add = move || {
        let kind = ElementKind::from_key(&new_kind.get_untracked()).unwrap_or(ElementKind::Process);
        match state.edit(|m| m.add_element(new_id(), &new_name.get_untracked(), kind)) {
            Ok(()) => {
                new_name.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let ids = move || {
        state
            .model
            .with(|m| m.elements.iter().map(|e| e.id.clone()).collect::<Vec<_>>())
    };
    view! {
        <section aria-labelledby="elements-heading">
            <h2 id="elements-heading">"Elements"</h2>
            <p class="muted">"Processes, workflows, data entities, systems and outcomes that need an owner."</p>
            <ul class="item-list" data-testid="elements">
                <For each=ids key=|id| id.clone() let:id>
                    <ElementRow id=id/>
                </For>
            </ul>
            <Show when=move || state.model.with(|m| m.elements.is_empty())>
                <p class="empty">"No elements yet. Add the first one below."</p>
            </Show>
            <form class="add-row" on:submit=move |ev| { ev.prevent_default(); add(); }>
                <input
                    type="text"
                    aria-label="New element name"
                    placeholder="e.g. Order fulfilment"
                    data-testid="new-element"
                    maxlength=crate::model::limits::MAX_NAME_CHARS
                    bind:value=new_name
                />
                <KindSelect label="Kind of the new element".to_string() value=new_kind.read_only() on_change=move |k| new_kind.set(k)/>
                <button type="submit">"Add element"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}

#[component]
fn KindSelect(
    label: String,
    #[prop(into)] value: Signal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <select aria-label=label on:change=move |ev| on_change(event_target_value(&ev))>
            {ElementKind::ALL
                .into_iter()
                .map(|k| {
                    view! {
                        <option value=k.key() selected=move || value.get() == k.key()>
                            {k.label()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn ElementRow(id: Id) -> impl IntoView {
    let state = use_app();
    let name = {
        let id = id.clone();
        Signal::derive(move || {
            state
                .model
                .with(|m| m.element(&id).map(|e| e.name.clone()).unwrap_or_default())
        })
    };
    let kind = {
        let id = id.clone();
        Signal::derive(move || {
            state.model.with(|m| {
                m.element(&id)
                    .map(|e| e.kind.key().to_string())
                    .unwrap_or_default()
            })
        })
    };
    let rename = {
        let id = id.clone();
        Callback::new(move |new: String| state.edit(|m| m.rename_element(&id, &new)))
    };
    let set_kind = {
        let id = id.clone();
        move |k: String| {
            if let Some(kind) = ElementKind::from_key(&k) {
                let _ = state.edit(|m| m.set_element_kind(&id, kind));
            }
        }
    };
    let remove = move |_| {
        let _ = state.edit(|m| m.remove_element(&id));
    };
    view! {
        <li>
            <InlineName value=name label=Signal::derive(move || format!("Name of element {}", name.get())) on_commit=rename/>
            <KindSelect label=format!("Kind of element") value=kind on_change=set_kind/>
            <button type="button" class="ghost danger" on:click=remove
                aria-label=move || format!("Remove element {}", name.get())>"Remove"</button>
        </li>
    }
}
