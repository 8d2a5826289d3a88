//! The header: the app's name, the pages, the open model and its save state.

use leptos::prelude::*;
use leptos_router::components::A;

use super::reminders::HeaderReminder;
use super::state::{use_app, SaveState};
use crate::storage::browser::LocalStore;
use crate::storage::prefs::Theme;

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app();
    let name = move || state.model.with(|m| m.name.clone());
    let save = move || match state.save_state.get() {
        SaveState::Saved => view! { <span class="save saved">"Saved"</span> }.into_any(),
        SaveState::Saving => view! { <span class="save saving">"Saving..."</span> }.into_any(),
        SaveState::Failed(_) => view! { <span class="save failed">"Not saved"</span> }.into_any(),
    };
    view! {
        <header class="app-header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                " OpModel"
            </A>
            <nav aria-label="Pages">
                <A href="/quiz">"Quiz"</A>
                <A href="/ownership">"Ownership"</A>
                <A href="/decisions">"Decisions"</A>
                <A href="/workflows">"Workflows"</A>
                <A href="/governance">"Governance"</A>
                <A href="/progress">"Progress"</A>
                <A href="/models">"Models"</A>
            </nav>
            <ThemePicker/>
            <div class="current-model">
                <span class="visually-hidden">"Open model: "</span>
                <A href="/models" attr:class="model-name" attr:data-testid="model-name">
                    {name}
                </A>
                <span role="status" aria-live="polite" data-testid="save-state">
                    {save}
                </span>
                <HeaderReminder/>
            </div>
        </header>
    }
}

/// Light, dark, or the system's: sets `data-theme` on `<html>` (the CSS
/// pins its `color-scheme`) and remembers the choice in this browser.
#[component]
fn ThemePicker() -> impl IntoView {
    let theme = RwSignal::new(Theme::load(&LocalStore));
    let apply = move |t: Theme| {
        if let Some(root) = document().document_element() {
            let _ = match t {
                Theme::System => root.remove_attribute("data-theme"),
                pinned => root.set_attribute("data-theme", pinned.key()),
            };
        }
        // Not being able to remember it only costs the choice at the next
        // visit; the theme still changes now.
        let _ = t.save(&LocalStore);
        theme.set(t);
    };
    view! {
        <label class="theme-picker">
            <span>"Theme"</span>
            <select
                data-testid="theme"
                on:change=move |ev| apply(Theme::from_key(&event_target_value(&ev)))
                prop:value=move || theme.get().key()
            >
                {Theme::ALL
                    .into_iter()
                    .map(|t| view! { <option value=t.key()>{t.label()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
