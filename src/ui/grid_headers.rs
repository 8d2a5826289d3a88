//! Header cells shared by the letter grids: a name that is renamed in place
//! and moved with Alt+Arrows, and a problem badge.

use leptos::prelude::*;

use crate::model::limits::MAX_NAME_CHARS;
use crate::model::{new_id, Id, Model, Op, Role};
use crate::ui::grid::{focus_cell_soon, focus_later, GridUi};
use crate::ui::state::{AppState, NoticeKind};

pub fn name_button_id(id: &str) -> String {
    format!("name-{id}")
}

/// A name shown as a button; Enter or a click turns it into an input.
/// Enter commits, Escape cancels; an invalid name is refused with a message.
#[component]
pub fn EditableName(
    ui: GridUi,
    id: Id,
    #[prop(into)] name: Signal<String>,
    /// "element" or "role", for labels.
    what: &'static str,
    on_rename: Callback<String, Result<(), String>>,
    /// Alt+Arrow on the name: -1 or +1.
    on_move: Callback<isize>,
    /// Whether Alt+Up/Down (rows) or Alt+Left/Right (columns) move it.
    vertical: bool,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let editing = {
        let id = id.clone();
        Memo::new(move |_| ui.editing.get().as_deref() == Some(id.as_str()))
    };
    Effect::new(move |_| {
        if editing.get() {
            if let Some(el) = input.get() {
                // The value is set here, not only through the prop, so the
                // selection covers it: typing replaces a default name.
                el.set_value(&name.get_untracked());
                let _ = el.focus();
                el.select();
            }
        }
    });
    let button_id = name_button_id(&id);
    let finish = {
        let button_id = button_id.clone();
        move |commit: bool| {
            if !editing.get_untracked() {
                return;
            }
            if commit {
                if let Some(el) = input.get_untracked() {
                    if let Err(e) = on_rename.run(el.value()) {
                        error.set(Some(e));
                        return;
                    }
                }
            }
            error.set(None);
            ui.editing.set(None);
            match ui.after_edit.get_untracked() {
                Some((row, col)) => {
                    ui.after_edit.set(None);
                    ui.active.set(Some((row.clone(), col.clone())));
                    focus_cell_soon(ui.table_id.to_string(), row, col, 4);
                }
                None => focus_later(button_id.clone()),
            }
        }
    };
    let finish_key = finish.clone();
    view! {
        <Show
            when=move || editing.get()
            fallback={
                let (id, button_id) = (id.clone(), button_id.clone());
                move || {
                    let id = id.clone();
                    view! {
                        <button
                            type="button"
                            class="name-button"
                            id=button_id.clone()
                            title=move || format!("{}: Enter renames this {what}, Alt+Arrows move it", name.get())
                            on:click=move |_| ui.editing.set(Some(id.clone()))
                            on:keydown=move |ev| {
                                if !ev.alt_key() {
                                    return;
                                }
                                let delta = match (ev.key().as_str(), vertical) {
                                    ("ArrowUp", true) | ("ArrowLeft", false) => -1,
                                    ("ArrowDown", true) | ("ArrowRight", false) => 1,
                                    _ => return,
                                };
                                ev.prevent_default();
                                on_move.run(delta);
                            }
                        >
                            {move || name.get()}
                        </button>
                    }
                }
            }
        >
            <input
                node_ref=input
                type="text"
                class="name-input"
                maxlength=MAX_NAME_CHARS
                aria-label=move || format!("Name of {what} {}", name.get_untracked())
                prop:value=move || name.get_untracked()
                on:keydown={
                    let finish = finish_key.clone();
                    move |ev| match ev.key().as_str() {
                        "Enter" => { ev.prevent_default(); finish(true) }
                        "Escape" => { ev.prevent_default(); ev.stop_propagation(); finish(false) }
                        _ => {}
                    }
                }
                on:blur={
                    let finish = finish.clone();
                    move |_| finish(true)
                }
            />
        </Show>
        {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
    }
}

/// Problems (and notes) for an element or role, shown as a badge that is
/// never colour alone: an icon and a number, with a text for screen readers.
#[component]
pub fn Badge(#[prop(into)] counts: Signal<(usize, usize)>) -> impl IntoView {
    move || {
        let (problems, notes) = counts.get();
        let text = match (problems, notes) {
            (0, 0) => return None,
            (p, 0) => format!("{p} problem{}", if p == 1 { "" } else { "s" }),
            (0, n) => format!("{n} note{}", if n == 1 { "" } else { "s" }),
            (p, n) => format!(
                "{p} problem{}, {n} note{}",
                if p == 1 { "" } else { "s" },
                if n == 1 { "" } else { "s" }
            ),
        };
        let class = if problems > 0 {
            "badge-problem"
        } else {
            "badge-note"
        };
        let icon = if problems > 0 { "⚠" } else { "ℹ" };
        let title = text.clone();
        Some(view! {
            <span class=class title=title>
                <span aria-hidden="true">{icon}" "{problems + notes}</span>
                <span class="visually-hidden">{text}</span>
            </span>
        })
    }
}

/// Adds a role (a column of both grids) and starts naming it.
pub fn add_role(state: AppState, grid: GridUi, from_grid: bool) {
    let id = new_id();
    let n = state.model.with_untracked(|m| m.roles.len()) + 1;
    let role = Role {
        id: id.clone(),
        name: format!("New role {n}"),
        description: String::new(),
        holder: None,
    };
    match state.apply(Op::AddRole {
        index: usize::MAX,
        role,
    }) {
        Ok(()) => grid.name_new(None, Some(id), from_grid),
        Err(e) => state.notify(NoticeKind::Error, e.to_string()),
    }
}

/// Moves an item (row or column) one place back (-1) or on (+1), keeping
/// its name focused (Alt+Arrows on a header).
pub fn move_item(
    state: AppState,
    id: &str,
    delta: isize,
    position: fn(&Model, &str) -> Option<usize>,
    op: fn(Id, usize) -> Op,
) {
    let from = state.model.with_untracked(|m| position(m, id));
    if let Some(from) = from {
        let to = from as isize + delta;
        if to >= 0 && state.edit(op(id.to_string(), to as usize)) {
            focus_later(name_button_id(id));
        }
    }
}

/// What renaming a role header does, in both grids.
pub fn rename_role(state: AppState, id: Id) -> Callback<String, Result<(), String>> {
    Callback::new(move |name: String| {
        state
            .apply(Op::RenameRole {
                id: id.clone(),
                name,
            })
            .map_err(|e| e.to_string())
    })
}

/// [`move_item`] for a role, the column of both grids.
pub fn move_role(state: AppState, id: &str, delta: isize) {
    move_item(
        state,
        id,
        delta,
        |m, id| m.roles.iter().position(|r| r.id == id),
        |id, to| Op::MoveRole { id, to },
    );
}

/// One finding in a findings panel: icon and words (never colour alone),
/// a button that jumps to what it is about.
#[component]
pub fn FindingItem(problem: bool, message: String, on_jump: Callback<()>) -> impl IntoView {
    view! {
        <li class=if problem { "finding problem" } else { "finding note" }>
            <button type="button" class="finding-button" on:click=move |_| on_jump.run(())>
                <span class="finding-icon" aria-hidden="true">{if problem { "⚠" } else { "ℹ" }}</span>
                <span class="visually-hidden">{if problem { "Problem: " } else { "Note: " }}</span>
                {message}
            </button>
        </li>
    }
}
