//! The header: the app's name, the pages, the open model and its save state.
//! On a narrow screen the pages and the theme fold into a menu button, so a
//! phone shows the page itself on its first screen. After a move to another
//! page, the focus goes to that page's heading (a screen reader announces
//! it), not left on the link of the page before.

use leptos::prelude::*;
use leptos_router::components::A;

use super::keep_focus::focus_lost;
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
    let menu = RwSignal::new(false);
    let location = leptos_router::hooks::use_location();
    Effect::new(move |before: Option<String>| {
        let path = location.pathname.get();
        if before.is_some_and(|b| b != path) {
            if menu.get_untracked() {
                menu.set(false);
            }
            crate::ui::after_paint::after_next_paint(focus_heading);
        }
        path
    });
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let close_on_escape = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && menu.get_untracked() {
            menu.set(false);
            if let Some(b) = menu_button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <header class="app-header" class:menu-open=menu on:keydown=close_on_escape>
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                " OpModel"
            </A>
            <button type="button" id="menu-button" class="menu-button" data-testid="menu-button" node_ref=menu_button
                aria-expanded=move || menu.get().to_string() aria-controls="app-menu"
                on:click=move |_| menu.update(|m| *m = !*m)>
                <span aria-hidden="true">"☰ "</span>"Menu"
            </button>
            <div class="app-menu" id="app-menu">
            <nav aria-label="Pages">
                <A href="/quiz">"Quiz"</A>
                <A href="/ownership">"Ownership"</A>
                <A href="/decisions">"Decisions"</A>
                <A href="/workflows">"Workflows"</A>
                <A href="/map">"Map"</A>
                <A href="/governance">"Governance"</A>
                <A href="/progress">"Progress"</A>
                <A href="/models">"Models"</A>
            </nav>
            <ThemePicker/>
            </div>
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

/// Moves the focus to the page's main heading once a new page is shown,
/// unless the page put it somewhere itself: only when it is lost (on the
/// body) or still in the header, on the link that led here. The view is
/// not scrolled: the page decides where it opens (a jump to one item).
fn focus_heading() {
    use wasm_bindgen::JsCast;
    let doc = document();
    let in_header = doc
        .active_element()
        .is_some_and(|e| e.closest(".app-header").ok().flatten().is_some());
    if !(focus_lost() || in_header) {
        return;
    }
    let Some(h1) = doc
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if !h1.has_attribute("tabindex") {
        let _ = h1.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = h1.focus_with_options(&options);
}
