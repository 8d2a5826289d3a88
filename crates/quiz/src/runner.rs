//! The questions one screen at a time, then the result.

use leptos::prelude::*;
use opmodel_domain::model::quiz::questions;
use opmodel_domain::model::AssessmentKind;
use wasm_bindgen::JsCast;

use crate::result::{ResultMode, ResultView};
use crate::{Answers, DimensionScores};

/// Steps through the questions one screen at a time, then shows the result.
#[component]
pub fn QuizRunner(
    /// The quick quiz or the full assessment.
    kind: AssessmentKind,
    /// The answers so far (kept by the caller: a draft, a participant's).
    answers: RwSignal<Answers>,
    /// Called after every answer (the full assessment saves its draft).
    #[prop(optional)]
    on_answer: Option<Callback<Answers>>,
    /// Called on "Retake".
    on_restart: Callback<()>,
    /// Called when the result is shown (Next on the last question), with
    /// the answers.
    #[prop(optional)]
    on_result: Option<Callback<Answers>>,
    /// Whose result it will be, which decides what it offers.
    mode: ResultMode,
    /// Shown above the result (a check-up's "Send your answers back").
    #[prop(optional)]
    before_result: Option<ViewFn>,
    /// The app's own actions on the result (saving it), first in its row.
    #[prop(optional)]
    actions: Option<Callback<Answers, AnyView>>,
    /// An earlier result to draw beside this one, as dimension scores.
    #[prop(optional)]
    previous: Option<Callback<Answers, Option<DimensionScores>>>,
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
            if i + 1 == total {
                if let Some(cb) = on_result {
                    cb.run(answers.get_untracked());
                }
            }
            step.set(i + 1);
        }
    };
    let back = move || step.update(|i| *i = i.saturating_sub(1));
    // What the visitor did on the prerendered first screen (quiz.html)
    // before the app ran: the answers chosen, and Next if it was pressed.
    if kind == AssessmentKind::Quick {
        let carried = crate::prerendered::take_carried();
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
                    let earlier = previous.and_then(|p| p.run(a.clone()));
                    let own = actions.map(|f| {
                        let a = a.clone();
                        ViewFn::from(move || f.run(a.clone()))
                    });
                    return view! {
                        {before_result.as_ref().map(ViewFn::run)}
                        <ResultView kind=kind answers=a mode=mode previous=earlier actions=own
                            on_restart=Callback::new(move |_| { step.set(0); on_restart.run(()); })/>
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
