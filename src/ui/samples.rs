//! Start points: the sample models, each opened as a new copy.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::model::new_id;
use crate::model::samples::{sample, SAMPLES};
use crate::storage::browser::now;
use crate::ui::state::{use_app, NoticeKind};

#[component]
pub fn SamplePicker() -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
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
                        if let Some(model) = sample(info.key, new_id(), now()) {
                            state.open_model(model);
                            state.notify(NoticeKind::Info, format!("Opened a copy of the sample \u{201c}{}\u{201d}.", info.name));
                            navigate("/ownership", Default::default());
                        }
                    };
                    view! {
                        <article class="card sample-card">
                            <h3>{info.name}</h3>
                            <p>{info.summary}</p>
                            <button type="button" class="primary" data-testid=format!("sample-{}", info.key) on:click=open>
                                "Open " {info.name}
                            </button>
                        </article>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
