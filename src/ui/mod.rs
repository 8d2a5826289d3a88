//! The Leptos components, one feature per module. They read and change the
//! model through [`state::AppState`] and never reimplement domain rules.

mod after_paint;
mod app_update;
mod checkup;
mod decisions;
mod drag;
mod files;
mod fold;
mod governance;
mod grid;
mod grid_headers;
mod header;
mod inline_edit;
mod keep_focus;
mod map;
mod notices;
mod ownership;
mod pages;
mod present;
mod progress;
mod quiz;
mod reminders;
mod row_store;
mod samples;
pub mod state;
mod undo_redo;
mod workflows;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use self::files::DropZone;
use self::header::Header;
use self::notices::{ConflictBanner, Notices, StorageBanner};
use self::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::start();
    provide_context(state);
    // Leaving the page (closing the tab, reloading, switching apps on a
    // phone) writes a pending autosave at once instead of losing it.
    let flush = window_event_listener(leptos::ev::pagehide, move |_| state.flush_on_leave());
    // Another tab of the app wrote to storage: its edits show here, or a
    // conflict is put to the user.
    let sync = window_event_listener(leptos::ev::storage, move |ev| {
        state.storage_changed(ev.key().as_deref())
    });
    // Undo and redo anywhere in the app, except inside a text field, where
    // the browser's own undo of the typing is what the user expects.
    let undo = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || in_text_field(&ev) {
            return;
        }
        let done = match ev.key().as_str() {
            "z" | "Z" if ev.shift_key() => Some(state.redo()),
            "z" | "Z" => Some(state.undo()),
            "y" | "Y" => Some(state.redo()),
            _ => None,
        };
        if done.is_some() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        flush.remove();
        sync.remove();
        undo.remove();
    });

    // Embedded in another site's iframe: the quiz and its result only.
    let embedded = window()
        .location()
        .pathname()
        .is_ok_and(|p| p.starts_with("/embed"));
    if embedded {
        if let Some(body) = document().body() {
            let _ = body.class_list().add_1("embedded");
        }
        return view! {
            <Router>
                <ConflictBanner/>
                <Notices/>
                <main id="main" tabindex="-1">
                    <Routes fallback=quiz::EmbedQuiz>
                        <Route path=path!("/embed") view=quiz::EmbedQuiz/>
                    </Routes>
                </main>
            </Router>
        }
        .into_any();
    }

    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <ConflictBanner/>
            <StorageBanner/>
            <app_update::UpdateBanner/>
            <Notices/>
            <main id="main" tabindex="-1">
                <pages::IncomingPanel/>
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/quiz") view=quiz::QuickQuiz/>
                    <Route path=path!("/quiz/full") view=quiz::FullAssessment/>
                    <Route path=path!("/quiz/save") view=quiz::SaveHandedOver/>
                    <Route path=path!("/result") view=quiz::SharedResult/>
                    <Route path=path!("/checkup") view=checkup::Checkup/>
                    <Route path=path!("/join") view=checkup::Join/>
                    <Route path=path!("/ownership") view=ownership::Ownership/>
                    <Route path=path!("/decisions") view=decisions::Decisions/>
                    <Route path=path!("/decisions/cards") view=decisions::RoleCards/>
                    <Route path=path!("/workflows") view=workflows::Workflows/>
                    <Route path=path!("/map") view=map::Map/>
                    <Route path=path!("/governance") view=governance::Governance/>
                    <Route path=path!("/progress") view=progress::Progress/>
                    <Route path=path!("/models") view=pages::Models/>
                </Routes>
            </main>
            <DropZone/>
        </Router>
    }
    .into_any()
}

fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
