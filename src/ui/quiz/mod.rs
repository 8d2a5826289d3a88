//! The maturity quiz: the quick quiz (12 questions, the home page's call to
//! action), the full assessment (40 questions, resumable), their results,
//! shared result links and the embeddable mode.

mod result;

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::model::quiz::{is_complete, questions, to_assessment};
use crate::model::{new_id, Assessment, AssessmentKind, Op};
use crate::storage::browser::now;
use crate::ui::state::{use_app, NoticeKind};

pub use result::{bands, ResultMode, ResultView, SharedResult};

pub(crate) type Answers = BTreeMap<String, u8>;

/// Steps through the questions one screen at a time, then shows the result.
#[component]
pub(crate) fn QuizRunner(
    kind: AssessmentKind,
    answers: RwSignal<Answers>,
    /// Called after every answer (the full assessment saves its draft).
    #[prop(optional)]
    on_answer: Option<Callback<Answers>>,
    /// Called on "Retake".
    on_restart: Callback<()>,
    mode: ResultMode,
    /// Shown above the result (a check-up's "Send your answers back").
    #[prop(optional)]
    before_result: Option<ViewFn>,
) -> impl IntoView {
    let bank = questions(kind);
    let total = bank.len();
    // Resume at the first unanswered question.
    let first_open = answers.with_untracked(|a| {
        bank.iter()
            .position(|q| !a.contains_key(q.id))
            .unwrap_or(total)
    });
    let step = RwSignal::new(first_open);
    let container = NodeRef::<leptos::html::Div>::new();

    // Each new screen puts the focus on its chosen (or first) option, so a
    // keyboard user goes on without hunting for it.
    Effect::new(move |_| {
        step.track();
        request_animation_frame(move || {
            let Some(root) = container.get_untracked() else {
                return;
            };
            let target = root
                .query_selector("input:checked")
                .ok()
                .flatten()
                .or_else(|| root.query_selector("input[type=radio]").ok().flatten())
                .or_else(|| root.query_selector("h1, h2").ok().flatten());
            if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    });

    let choose = move |qid: &'static str, option: u8| {
        answers.update(|a| {
            a.insert(qid.to_string(), option);
        });
        if let Some(cb) = on_answer {
            cb.run(answers.get_untracked());
        }
    };
    let answered = move |i: usize| {
        bank.get(i)
            .is_some_and(|q| answers.with(|a| a.contains_key(q.id)))
    };
    let next = move || {
        let i = step.get_untracked();
        if i < total && answered(i) {
            step.set(i + 1);
        }
    };
    let back = move || step.update(|i| *i = i.saturating_sub(1));
    // What the visitor did on the prerendered first screen (quiz.html)
    // before the app ran: the answers chosen, and Next if it was pressed.
    if kind == AssessmentKind::Quick {
        let carried = crate::ui::prerendered::take_carried();
        for (qid, option) in carried.answers {
            if let Some(q) = bank
                .iter()
                .find(|q| q.id == qid && usize::from(option) < q.options.len())
            {
                choose(q.id, option);
            }
        }
        if carried.next {
            next();
        }
    }

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let i = step.get_untracked();
        if i >= total || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let key = ev.key();
        if let Some(d) = key
            .chars()
            .next()
            .and_then(|c| c.to_digit(10))
            .filter(|_| key.len() == 1)
        {
            let q = &bank[i];
            if (1..=q.options.len() as u32).contains(&d) {
                choose(q.id, (d - 1) as u8);
                ev.prevent_default();
            }
        } else if key == "Enter" {
            let on_button = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| e.tag_name() == "BUTTON" || e.tag_name() == "A");
            if !on_button {
                ev.prevent_default();
                next();
            }
        }
    };

    view! {
        <div class="quiz" node_ref=container on:keydown=on_keydown>
            {move || {
                let i = step.get();
                if i >= total {
                    let a = answers.get();
                    return view! {
                        {before_result.as_ref().map(ViewFn::run)}
                        <ResultView kind=kind answers=a mode=mode on_restart=Callback::new(move |_| { step.set(0); on_restart.run(()); })/>
                    }.into_any();
                }
                let q = &bank[i];
                let percent = 100 * i / total;
                view! {
                    <div class="quiz-card">
                        <div class="quiz-progress" role="progressbar" aria-label="Progress through the quiz"
                            aria-valuemin="0" aria-valuemax=total aria-valuenow=i + 1
                            aria-valuetext=format!("Question {} of {}", i + 1, total)>
                            <div class="quiz-progress-bar" style:width=format!("{percent}%")></div>
                        </div>
                        <p class="quiz-count">"Question " {i + 1} " of " {total} <span class="muted">" · " {q.dimension.label()}</span></p>
                        <fieldset class="question" data-testid="question">
                            <legend><h1 class="question-prompt">{q.prompt}</h1></legend>
                            {q.options.iter().enumerate().map(|(j, text)| {
                                let qid = q.id;
                                let checked = move || answers.with(|a| a.get(qid) == Some(&(j as u8)));
                                view! {
                                    <label class="option" class:chosen=checked>
                                        <input type="radio" name=qid value=j.to_string()
                                            prop:checked=checked
                                            on:change=move |_| choose(qid, j as u8)/>
                                        <span class="option-key" aria-hidden="true">{j + 1}</span>
                                        <span class="option-text">{*text}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="quiz-nav">
                            <button type="button" on:click=move |_| back() disabled=move || step.get() == 0>"Back"</button>
                            <button type="button" class="primary" data-testid="next"
                                on:click=move |_| next() disabled=move || !answered(step.get())>
                                {if i + 1 == total { "See my result" } else { "Next" }}
                            </button>
                        </div>
                        <p class="muted quiz-hint">"Keys: 1 to " {q.options.len()} " choose, Enter goes on."</p>
                    </div>
                }.into_any()
            }}
        </div>
    }
}

/// `/quiz`: the quick quiz.
#[component]
pub fn QuickQuiz() -> impl IntoView {
    let answers = RwSignal::new(Answers::new());
    view! {
        <section class="page quiz-page">
            <QuizRunner kind=AssessmentKind::Quick answers=answers mode=ResultMode::Own
                on_restart=Callback::new(move |_| answers.set(Answers::new()))/>
            <p class="muted quiz-alt">
                "Twelve questions, about two minutes, nothing sent anywhere. For a quarterly check-up, take the "
                <A href="/quiz/full">"full assessment"</A> " (40 questions). With a team, run a "
                <A href="/checkup">"team check-up"</A> ": everyone answers on their phone, and you see where you disagree."
            </p>
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
    view! {
        <section class="page quiz-page">
            {(resumed > 0).then(|| view! {
                <p class="notice info" role="status">
                    "Welcome back: you had answered " {resumed} " of 40 questions. You can go on where you stopped."
                </p>
            })}
            <QuizRunner kind=AssessmentKind::Full answers=answers on_answer=save mode=ResultMode::Saved on_restart=restart/>
            <p class="muted quiz-alt">"Every answer is saved with your model: leave any time and come back to resume."</p>
        </section>
    }
}

/// `/embed`: the quick quiz and its result only, sized for an iframe.
#[component]
pub fn EmbedQuiz() -> impl IntoView {
    let answers = RwSignal::new(Answers::new());
    view! {
        <section class="embed-page">
            <p class="embed-brand">
                <span aria-hidden="true">"◆ "</span>"OpModel · "
                <a href="/" target="_blank" rel="noopener">"Open the full app"</a>
            </p>
            <QuizRunner kind=AssessmentKind::Quick answers=answers mode=ResultMode::Embed
                on_restart=Callback::new(move |_| answers.set(Answers::new()))/>
        </section>
    }
}
