//! Offline use and updates. Registers the service worker (`public/sw.js`),
//! which keeps this build's files so the app opens without a network after
//! a first visit, and offers "a new version is available: reload" when the
//! browser has installed a newer build next to the running one.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

use super::state::use_app;

/// The message `sw.js` answers by taking over from the running version.
const ACTIVATE_UPDATE: &str = "opmodel:activate-update";

/// How long after start the service worker is registered.
const REGISTER_AFTER: Duration = Duration::from_secs(2);

/// The browser looks for a new sw.js only when a page is loaded; a tab
/// left open all day (a workshop) asks this often.
const UPDATE_CHECK_EVERY: Duration = Duration::from_secs(60 * 60);

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = use_app();
    let ready = RwSignal::new(false);
    let registration = StoredValue::new_local(None::<ServiceWorkerRegistration>);
    // Debug builds (`cargo xtask serve`) change all the time: a cache would
    // only get in the way there.
    if !cfg!(debug_assertions) {
        // Later rather than at once: installing fetches and stores every
        // file again, which should not compete with the first screen.
        set_timeout(
            move || {
                spawn_local(async move {
                    if let Some(r) = register(ready).await {
                        registration.set_value(Some(r));
                    }
                })
            },
            REGISTER_AFTER,
        );
    }
    let reload = move |_| {
        state.flush();
        registration.with_value(|r| match r.as_ref().and_then(|r| r.waiting()) {
            Some(waiting) => {
                // Reload once the new version has taken over, not before.
                let reload = Closure::once_into_js(|| {
                    let _ = window().location().reload();
                });
                window()
                    .navigator()
                    .service_worker()
                    .set_oncontrollerchange(Some(reload.unchecked_ref()));
                let _ = waiting.post_message(&JsValue::from_str(ACTIVATE_UPDATE));
            }
            None => {
                let _ = window().location().reload();
            }
        });
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="notice info update" role="status" data-testid="update-banner">
                    <p>"A new version of OpModel is available. Reload to use it; your work is kept."</p>
                    <button type="button" class="primary" on:click=reload>"Reload"</button>
                </div>
            }
        })
    }
}

/// Registers sw.js and watches for a newer version being installed. `None`
/// where service workers are unavailable (an old browser, some private
/// modes): the app then simply needs the network, as any website.
async fn register(ready: RwSignal<bool>) -> Option<ServiceWorkerRegistration> {
    let container = window().navigator().service_worker();
    let promise = container.register("/sw.js");
    let registration: ServiceWorkerRegistration = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .unchecked_into();
    // The first install has no running version to replace: nothing to say.
    let replaces_one = || window().navigator().service_worker().controller().is_some();
    if registration.waiting().is_some() && replaces_one() {
        ready.set(true);
    }
    let watched = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = watched.installing() else {
            return;
        };
        let installed = worker.clone();
        let on_state_change = Closure::<dyn FnMut()>::new(move || {
            if installed.state() == ServiceWorkerState::Installed && replaces_one() {
                ready.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
        // Lives as long as that worker object; one per update.
        on_state_change.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    // One for the app's lifetime.
    on_update_found.forget();
    let checked = registration.clone();
    set_interval(
        move || {
            let _ = checked.update();
        },
        UPDATE_CHECK_EVERY,
    );
    Some(registration)
}
