//! Start points: the sample models, each opened as a new copy.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::model::new_id;
use crate::model::samples::{open_sample, SampleInfo, SAMPLES};
use crate::storage::browser::{fetch_bytes, now};
use crate::ui::state::{use_app, NoticeKind};

/// The sample cards. A sample's file is fetched when its button is pressed
/// (`/samples/<key>.opmodel.json`, kept by the service worker for offline
/// use); meanwhile the button says so and every sample button is
/// unavailable, so two samples cannot race to open.
///
/// `aria-disabled`, not `disabled`, as for Undo: a button that becomes
/// disabled while it has the focus drops the focus to the page, and a
/// failed download would leave a keyboard user there.
#[component]
pub fn SamplePicker() -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
    // The key of the sample being fetched.
    let loading = RwSignal::new(None::<&'static str>);
    view! {
        <section class="samples" aria-labelledby="samples-heading">
            <h2 id="samples-heading">"Start from a sample"</h2>
            <p class="muted">
                "Each sample is a small organization written for this app, with a few gaps on purpose: "
                "open one and see what the checks find. It opens as a new model; yours stay as they are."
            </p>
            <div class="cards">
                {SAMPLES.into_iter().map(|info| {
                    let navigate = navigate.clone();
                    let open = move |_| {
                        if loading.get_untracked().is_some() {
                            return;
                        }
                        loading.set(Some(info.key));
                        let navigate = navigate.clone();
                        spawn_local(async move {
                            let opened = fetch(info).await;
                            // The picker may be gone (the user went to
                            // another page meanwhile).
                            loading.try_set(None);
                            match opened {
                                Ok(model) => {
                                    state.open_model(model);
                                    state.notify(NoticeKind::Info, format!("Opened a copy of the sample \u{201c}{}\u{201d}.", info.name));
                                    navigate("/ownership", Default::default());
                                }
                                Err(reason) => state.notify(
                                    NoticeKind::Error,
                                    format!("The sample \u{201c}{}\u{201d} could not be opened. {reason} Nothing was changed.", info.name),
                                ),
                            }
                        });
                    };
                    let busy = move || (loading.get() == Some(info.key)).then_some("true");
                    let unavailable = move || loading.get().is_some().then_some("true");
                    view! {
                        <article class="card sample-card">
                            <h3>{info.name}</h3>
                            <p>{info.summary}</p>
                            <button
                                type="button"
                                class="primary"
                                data-testid=format!("sample-{}", info.key)
                                aria-busy=busy
                                aria-disabled=unavailable
                                on:click=open
                            >
                                {move || if busy().is_some() { "Opening " } else { "Open " }}
                                {info.name}
                                {move || busy().map(|_| "\u{2026}")}
                            </button>
                        </article>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

/// The sample's file, fetched and opened as a new model dated today; the
/// error is a sentence.
async fn fetch(info: SampleInfo) -> Result<crate::model::Model, String> {
    let bytes = fetch_bytes(&info.url()).await?;
    open_sample(&bytes, new_id(), now())
        .map_err(|e| format!("Its file {} is broken: {e}", info.url()))
}
