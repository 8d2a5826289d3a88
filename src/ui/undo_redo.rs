//! The Undo and Redo buttons of the editing pages.

use leptos::prelude::*;

use crate::ui::state::use_app;

/// Undo and Redo, each marked unavailable while there is nothing to step.
///
/// `aria-disabled`, not `disabled`: a button that becomes disabled while it
/// has the focus drops the focus to the page, so undoing the last change by
/// keyboard would throw the user out of the toolbar, and a screen reader
/// would say nothing. This way the button keeps the focus and is announced
/// as unavailable; a press then does nothing (the history is empty).
#[component]
pub fn UndoRedo() -> impl IntoView {
    let state = use_app();
    let unavailable = move |undo: bool| {
        let (can_undo, can_redo) = state.can_step.get();
        let can = if undo { can_undo } else { can_redo };
        (!can).then_some("true")
    };
    view! {
        <button type="button" aria-disabled=move || unavailable(true) on:click=move |_| { state.undo(); } title="Ctrl+Z">
            "Undo"
        </button>
        <button type="button" aria-disabled=move || unavailable(false) on:click=move |_| { state.redo(); } title="Ctrl+Shift+Z or Ctrl+Y">
            "Redo"
        </button>
    }
}
