//! The maturity quiz in the workshop app: the quick quiz (12 questions),
//! the full assessment (40 questions, resumable), shared result links, a
//! result handed over by the quiz app to be saved, and the embeddable mode
//! (where a host serves this app for `/embed`: the quiz app's `EmbedQuiz`). The questions and the result
//! are the quiz crate's components (`crates/quiz`, also the small app of
//! `/quiz` and `/embed`); this module adds what needs the model: saving a
//! result, and the previous one to compare with.

use chrono::DateTime;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::model::governance::with_snapshot;
use crate::model::quiz::{
    decode_handover, decode_share, is_complete, previous_result, to_assessment,
};
use crate::model::{new_id, Assessment, AssessmentKind, Model, Op};
use crate::storage::browser::{now, utc_offset_minutes};
use crate::ui::state::{use_app, NoticeKind};

use opmodel_quiz::QuizLinks;
pub use opmodel_quiz::{Answers, DimensionScores, EmbedQuiz, QuizRunner, ResultMode, ResultView};

/// The model's previous result's dimension scores (the domain's
/// `previous_result`): the radar draws them beside a new result.
fn previous_scores(model: &Model, answers: &Answers) -> Option<DimensionScores> {
    previous_result(&model.assessments, answers).map(|r| r.dimension_scores())
}

/// [`previous_scores`] of the open model, for the quiz runner.
fn previous_callback() -> Callback<Answers, Option<DimensionScores>> {
    let state = use_app();
    Callback::new(move |a: Answers| state.model.with_untracked(|m| previous_scores(m, &a)))
}

/// Saves a result to the open model, with the day's governance snapshot
/// (so both progress charts move together), as one undo step. Says so, or
/// why it could not.
fn save_result(assessment: Assessment) -> bool {
    let state = use_app();
    let op = Op::Batch(vec![
        Op::PutAssessment(Box::new(assessment)),
        Op::SetSnapshots(state.model.with_untracked(|m| {
            let at = now();
            with_snapshot(m, at, utc_offset_minutes(at)).0
        })),
    ]);
    match state.apply(op) {
        Ok(()) => {
            let name = state.model.with_untracked(|m| m.name.clone());
            state.notify(
                NoticeKind::Info,
                format!("Result saved to \u{201c}{name}\u{201d}. The Progress page charts it."),
            );
            true
        }
        Err(e) => {
            state.notify(
                NoticeKind::Error,
                format!("The result could not be saved: {e}"),
            );
            false
        }
    }
}

/// "Save to my model" (then "Saved to my model") and "See progress".
#[component]
fn SaveActions(
    kind: AssessmentKind,
    answers: Answers,
    /// Saved already (it then says so, and saves nothing more).
    saved: RwSignal<bool>,
) -> impl IntoView {
    let save = move |_| {
        // Pressed again once saved (it stays focusable): nothing to do.
        if !saved.get_untracked()
            && save_result(to_assessment(kind, answers.clone(), new_id(), now()))
        {
            saved.set(true);
        }
    };
    view! {
        // aria-disabled, so the focus stays on it once saved (see UndoRedo).
        <button type="button" class="primary" data-testid="save-result" aria-disabled=move || saved.get().then_some("true") on:click=save>
            {move || if saved.get() { "Saved to my model" } else { "Save to my model" }}
        </button>
        <A href="/progress" attr:class="button">"See progress"</A>
    }
}

/// `/quiz`: the quick quiz, where this app is already open (a visitor who
/// lands on `/quiz` gets the quiz app instead).
#[component]
pub fn QuickQuiz() -> impl IntoView {
    let answers = RwSignal::new(Answers::new());
    let save = Callback::new(|a: Answers| {
        view! { <SaveActions kind=AssessmentKind::Quick answers=a saved=RwSignal::new(false)/> }
            .into_any()
    });
    view! {
        <section class="page quiz-page">
            <QuizRunner kind=AssessmentKind::Quick answers=answers mode=ResultMode::Own
                actions=save previous=previous_callback()
                on_restart=Callback::new(move |_| answers.set(Answers::new()))/>
            // The quiz app's own words (plain links: the router follows them).
            <QuizLinks/>
        </section>
    }
}

/// The full assessment in progress in this model, if any: the newest full
/// assessment whose answers do not cover every question.
fn draft(assessments: &[Assessment]) -> Option<Assessment> {
    assessments
        .iter()
        .rev()
        .find(|a| {
            a.kind == AssessmentKind::Full
                && a.team.is_none()
                && !is_complete(AssessmentKind::Full, &a.answers)
        })
        .cloned()
}

/// `/quiz/full`: the full assessment; every answer is saved with the model,
/// so it can be left and resumed.
#[component]
pub fn FullAssessment() -> impl IntoView {
    let state = use_app();
    let existing = state.model.with_untracked(|m| draft(&m.assessments));
    let draft_id = StoredValue::new(existing.as_ref().map_or_else(new_id, |a| a.id.clone()));
    let answers = RwSignal::new(existing.map(|a| a.answers).unwrap_or_default());
    let resumed = answers.with_untracked(|a| a.len());
    let save = Callback::new(move |a: Answers| {
        let assessment = to_assessment(AssessmentKind::Full, a, draft_id.get_value(), now());
        if let Err(e) = state.apply(Op::PutAssessment(Box::new(assessment))) {
            state.notify(
                NoticeKind::Error,
                format!("Your answer could not be saved: {e}"),
            );
        }
    });
    let restart = Callback::new(move |_| {
        draft_id.set_value(new_id());
        answers.set(Answers::new());
    });
    let progress = Callback::new(|_: Answers| {
        view! { <A href="/progress" attr:class="button">"See progress"</A> }.into_any()
    });
    view! {
        <section class="page quiz-page">
            {(resumed > 0).then(|| view! {
                <p class="notice info" role="status">
                    "Welcome back: you had answered " {resumed} " of 40 questions. You can go on where you stopped."
                </p>
            })}
            <QuizRunner kind=AssessmentKind::Full answers=answers on_answer=save mode=ResultMode::Saved
                actions=progress previous=previous_callback() on_restart=restart/>
            <p class="muted quiz-alt">"Every answer is saved with your model: leave any time and come back to resume."</p>
        </section>
    }
}

/// The address's fragment, followed as it changes: pasting another link
/// while on the page only changes the fragment, and no reload happens.
fn hash_signal() -> RwSignal<String> {
    let read_hash = || window().location().hash().unwrap_or_default();
    let hash = RwSignal::new(read_hash());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(read_hash()));
    on_cleanup(move || listener.remove());
    hash
}

/// Why a link's answers cannot be shown, and the way on.
#[component]
fn ShareError(error: String) -> impl IntoView {
    view! {
        <div class="share-error" role="alert" data-testid="share-error">
            <h1>"This result cannot be shown"</h1>
            <p>{error}</p>
            <p>"Ask whoever sent it for the whole link, or take the quiz yourself: it takes two minutes."</p>
            <A href="/quiz" attr:class="button primary">"Take the quiz"</A>
        </div>
    }
}

/// `/result#...`: a shared result, read from the link alone.
#[component]
pub fn SharedResult() -> impl IntoView {
    let navigate = use_navigate();
    let hash = hash_signal();
    let take = Callback::new(move |_| navigate("/quiz", Default::default()));
    view! {
        <section class="page">
            {move || match decode_share(&hash.get()) {
                Ok((kind, answers)) => view! { <ResultView kind=kind answers=answers mode=ResultMode::Shared on_restart=take/> }.into_any(),
                Err(e) => view! { <ShareError error=e.to_string()/> }.into_any(),
            }}
        </section>
    }
}

/// `/quiz/save#...`: a result taken in the quiz app (`/quiz`, `/embed`),
/// handed over to be saved in the open model (the domain's
/// `decode_handover`). It is saved once: the hand-over makes the
/// assessment's id, so opening the same address again (a reload, Back)
/// finds it and says so. A link cut or changed on its way saves nothing and
/// says why.
#[component]
pub fn SaveHandedOver() -> impl IntoView {
    let state = use_app();
    let navigate = use_navigate();
    let take = Callback::new(move |_| navigate("/quiz", Default::default()));
    let hash = hash_signal();
    let handover = Memo::new(move |_| hash.with(|h| decode_handover(h)));
    // Saving is an effect of the address, outside the view: the view may be
    // rebuilt, the save must not be repeated.
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        let Ok(h) = handover.get() else {
            return;
        };
        untrack(|| {
            if state.model.with(|m| h.is_saved_in(&m.assessments)) {
                state.notify(
                    NoticeKind::Info,
                    "This result is already saved in your model.".to_string(),
                );
                saved.set(true);
            } else {
                let taken_at = h
                    .shown_at_ms
                    .and_then(|ms| DateTime::from_timestamp_millis(i64::try_from(ms).ok()?))
                    .filter(|t| *t <= now())
                    .unwrap_or_else(now);
                saved.set(save_result(to_assessment(
                    h.kind,
                    h.answers.clone(),
                    h.assessment_id(),
                    taken_at,
                )));
            }
        });
    });
    view! {
        <section class="page quiz-page">
            {move || match handover.get() {
                Ok(h) => {
                    let (kind, answers) = (h.kind, h.answers);
                    let actions = ViewFn::from({
                        let answers = answers.clone();
                        move || view! { <SaveActions kind=kind answers=answers.clone() saved=saved/> }
                    });
                    let previous = state.model.with_untracked(|m| previous_scores(m, &answers));
                    view! {
                        <ResultView kind=kind answers=answers mode=ResultMode::Own on_restart=take
                            actions=Some(actions) previous=previous/>
                    }.into_any()
                }
                Err(e) => view! { <ShareError error=e.to_string()/> }.into_any(),
            }}
        </section>
    }
}
