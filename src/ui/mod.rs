//! The Leptos components, one feature per module. They read and change the
//! model through [`state::AppState`] and never reimplement domain rules.

mod files;
mod header;
mod inline_edit;
mod notices;
mod pages;
pub mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use self::files::DropZone;
use self::header::Header;
use self::notices::{Notices, StorageBanner};
use self::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::start();
    provide_context(state);
    // Leaving the page (closing the tab, reloading, switching apps on a
    // phone) writes a pending autosave at once instead of losing it.
    let flush = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
    on_cleanup(move || flush.remove());

    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <StorageBanner/>
            <Notices/>
            <main id="main" tabindex="-1">
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/quiz") view=pages::Quiz/>
                    <Route path=path!("/ownership") view=pages::Ownership/>
                    <Route path=path!("/decisions") view=pages::Decisions/>
                    <Route path=path!("/governance") view=pages::Governance/>
                    <Route path=path!("/progress") view=pages::Progress/>
                    <Route path=path!("/models") view=pages::Models/>
                </Routes>
            </main>
            <DropZone/>
        </Router>
    }
}
