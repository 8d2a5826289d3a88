//! The small app of `/quiz` and `/embed`: the quick quiz for a visitor who
//! lands on it (from a website, often on a phone), without the workshop app
//! behind it. No router: the page's address decides, once, which of the two
//! it is. Saving a result and everything else is the workshop app's, reached
//! by plain links (a page load), with the answers handed over in the link
//! (see [`crate::handover`]).

use leptos::prelude::*;
use opmodel_domain::model::AssessmentKind;

use crate::handover::save_href;
use crate::{Answers, QuizRunner, ResultMode};

/// `/quiz`, or `/embed` when the page's path starts with it.
#[component]
pub fn QuizApp() -> impl IntoView {
    // The build's static first screen gives way before the app draws.
    crate::prerendered::take_over();
    let answers = RwSignal::new(Answers::new());
    // When the result was shown (ms since 1970): the hand-over's moment,
    // which makes it one saved result however often it is opened.
    let shown = RwSignal::new(None::<u64>);
    let embedded = window()
        .location()
        .pathname()
        .is_ok_and(|p| p.starts_with("/embed"));
    if embedded {
        if let Some(body) = document().body() {
            let _ = body.class_list().add_1("embedded");
        }
        return view! {
            <main id="main" tabindex="-1"><EmbedQuiz/></main>
        }
        .into_any();
    }
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header quiz-header">
            <a href="/" class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                " OpModel"
            </a>
            <nav aria-label="OpModel">
                <a href=move || app_href(answers, shown) data-testid="open-app">
                    {move || if shown.with(Option::is_some) { "Open with my result" } else { "Open the app" }}
                </a>
            </nav>
        </header>
        <main id="main" tabindex="-1"><QuickQuiz answers=answers shown=shown/></main>
    }
    .into_any()
}

/// The way to the workshop app: once the result is shown it carries it
/// (saved there to the open model), as "Save to my model" does.
fn app_href(answers: RwSignal<Answers>, shown: RwSignal<Option<u64>>) -> String {
    match shown.get() {
        Some(at) => answers.with(|a| save_href(AssessmentKind::Quick, a, at)),
        None => "/".to_string(),
    }
}

/// The moment the result is shown, and its answers.
fn result_shown(shown: RwSignal<Option<u64>>) -> Callback<Answers> {
    Callback::new(move |_| shown.set(Some(js_sys::Date::now() as u64)))
}

/// Retaking: the answers and the moment are forgotten.
fn restart(answers: RwSignal<Answers>, shown: RwSignal<Option<u64>>) -> Callback<()> {
    Callback::new(move |_| {
        answers.set(Answers::new());
        shown.set(None);
    })
}

/// The quick quiz, its result saved by handing it over to the workshop app.
#[component]
fn QuickQuiz(answers: RwSignal<Answers>, shown: RwSignal<Option<u64>>) -> impl IntoView {
    let save = Callback::new(move |_: Answers| {
        view! {
            <a class="button primary" data-testid="save-result" href=move || app_href(answers, shown)>
                "Save to my model"
            </a>
        }
        .into_any()
    });
    view! {
        <section class="page quiz-page">
            <QuizRunner kind=AssessmentKind::Quick answers=answers mode=ResultMode::Own actions=save
                on_result=result_shown(shown) on_restart=restart(answers, shown)/>
            <QuizLinks/>
        </section>
    }
}

/// What else there is, under the quick quiz (the workshop's quiz page shows
/// the same).
#[component]
pub fn QuizLinks() -> impl IntoView {
    view! {
        <p class="muted quiz-alt">
            "Twelve questions, about two minutes, nothing sent anywhere. For a quarterly check-up, take the "
            <a href="/quiz/full">"full assessment"</a> " (40 questions). With a team, run a "
            <a href="/checkup">"team check-up"</a> ": everyone answers on their phone, and you see where you disagree."
        </p>
    }
}

/// `/embed`: the quick quiz and its result only, sized for an iframe; the
/// result can be saved in OpModel, in a tab of its own, and the full app
/// opened with it. (The workshop app shows the same where a host serves it
/// for `/embed`: its storage inside another site's frame is not the
/// visitor's own, so it hands over too.)
#[component]
pub fn EmbedQuiz() -> impl IntoView {
    let answers = RwSignal::new(Answers::new());
    let shown = RwSignal::new(None::<u64>);
    let save = Callback::new(move |_: Answers| {
        view! {
            <a class="button primary" href=move || app_href(answers, shown) target="_blank" rel="noopener">
                "Save it in OpModel"
            </a>
        }
        .into_any()
    });
    view! {
        <section class="embed-page">
            <p class="embed-brand">
                <span aria-hidden="true">"◆ "</span>"OpModel · "
                <a href=move || app_href(answers, shown) target="_blank" rel="noopener">
                    {move || if shown.with(Option::is_some) { "Open the full app with this result" } else { "Open the full app" }}
                </a>
            </p>
            <QuizRunner kind=AssessmentKind::Quick answers=answers mode=ResultMode::Embed actions=save
                on_result=result_shown(shown) on_restart=restart(answers, shown)/>
        </section>
    }
}
