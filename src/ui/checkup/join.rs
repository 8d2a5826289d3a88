//! `/join#checkup=…`: a participant's side of a team check-up, phone
//! first. They answer the quiz the invitation asks (their answers kept on
//! the phone as they go), see their own result, and send their answers
//! back with a link; nothing goes to a server.

use leptos::prelude::*;
use leptos_router::components::A;

use super::link_box::LinkBox;
use crate::model::checkup::link::{Invitation, Response};
use crate::model::limits::MAX_NAME_CHARS;
use crate::model::quiz::questions;
use crate::storage::browser::LocalStore;
use crate::storage::checkup::{load_answers, load_name, respondent, save_answers, save_name};
use crate::ui::quiz::{Answers, QuizRunner, ResultMode};

/// Where a response link opens: the facilitator's page, which counts it.
pub const RESPONSE_PATH: &str = "/checkup";

/// `/join`: the invitation read from the link, or why it cannot be.
#[component]
pub fn Join() -> impl IntoView {
    let hash = window().location().hash().unwrap_or_default();
    match Invitation::read(&hash) {
        Ok(Some(invitation)) => view! { <Participate invitation=invitation/> }.into_any(),
        problem => {
            let why = match problem {
                Err(e) => format!("This invitation cannot be opened: {e}."),
                _ => "This page opens a team check-up's invitation, and the link you followed holds none.".to_string(),
            };
            view! {
                <section class="page">
                    <div class="share-error" role="alert" data-testid="join-error">
                        <h1>"This check-up cannot be opened"</h1>
                        <p>{why}</p>
                        <p>"Ask whoever invited you for the whole link, or take the quiz on your own: it takes two minutes."</p>
                        <A href="/quiz" attr:class="button primary">"Take the quiz"</A>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}

/// The quiz of one check-up, and the way back.
#[component]
fn Participate(invitation: Invitation) -> impl IntoView {
    let id = invitation.id.clone();
    let kind = invitation.kind;
    let total = questions(kind).len();
    let answers = RwSignal::new(load_answers(&LocalStore, &id, kind));
    let name = RwSignal::new(load_name(&LocalStore, &id));
    // Asked for a name: the questions come once one is given.
    let started = RwSignal::new(!invitation.ask_names || !name.get_untracked().trim().is_empty());
    let name_error = RwSignal::new(None::<String>);
    let save = {
        let id = id.clone();
        Callback::new(move |a: Answers| {
            // A phone that cannot keep them still sends them: nothing to say.
            let _ = save_answers(&LocalStore, &id, kind, &a);
        })
    };
    let start = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let given = name.get_untracked().trim().to_string();
            if given.is_empty() {
                name_error.set(Some(
                    "Write your name: the facilitator asked for it.".into(),
                ));
            } else if given.chars().count() > MAX_NAME_CHARS {
                name_error.set(Some(format!(
                    "A name can have up to {MAX_NAME_CHARS} characters."
                )));
            } else {
                name.set(given.clone());
                let _ = save_name(&LocalStore, &id, &given);
                name_error.set(None);
                started.set(true);
            }
        }
    };
    let checkup = invitation.clone();
    let me = respondent(&LocalStore, &id);
    let send_back = ViewFn::from(move || {
        let response = Response {
            checkup: checkup.id.clone(),
            respondent: me.clone(),
            kind: checkup.kind,
            answers: answers.get(),
            name: checkup
                .ask_names
                .then(|| name.get_untracked().trim().to_string())
                .filter(|n| !n.is_empty()),
        };
        let origin = window().location().origin().unwrap_or_default();
        let link = format!("{origin}{RESPONSE_PATH}#{}", response.fragment());
        view! {
            <section class="send-back" aria-labelledby="send-back-heading" data-testid="send-back">
                <h2 id="send-back-heading">"Send your answers back"</h2>
                <p>"Copy this link and send it to whoever runs \u{201c}" {checkup.name.clone()} "\u{201d}, by chat or mail, or let them scan the code. It holds your answers"
                    {if checkup.ask_names { " and your name" } else { ", and not your name" }}
                    "; nothing is stored on a server."</p>
                <LinkBox link=link label="Your answers, as a link" testid="response-link"/>
            </section>
        }
        .into_any()
    });
    let intro = format!(
        "{} questions, about {} minutes. Your answers stay on this device until you send them back.",
        total,
        if total > 20 { 10 } else { 2 }
    );
    let ask_names = invitation.ask_names;
    view! {
        <section class="page quiz-page join-page">
            <p class="checkup-intro" data-testid="checkup-intro">
                <strong>{invitation.name.clone()}</strong>": a team check-up. " {intro}
                {(!ask_names).then_some(" It does not ask for your name.")}
            </p>
            <Show when=move || started.get() fallback=move || view! {
                <form class="name-step" on:submit=start.clone() novalidate>
                    <h1>"Your name"</h1>
                    <p>"The facilitator asked each person for a name, so the team can talk about who sees what."</p>
                    <label for="participant-name">"Name"</label>
                    <input id="participant-name" type="text" autocomplete="name" data-testid="participant-name"
                        aria-invalid=move || name_error.get().map(|_| "true")
                        aria-describedby="participant-name-error"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <p id="participant-name-error" class="field-error" role="alert">{move || name_error.get()}</p>
                    <button type="submit" class="primary" data-testid="start-answering">"Start"</button>
                </form>
            }>
                <QuizRunner kind=kind answers=answers on_answer=save mode=ResultMode::Participant
                    on_restart=Callback::new(|_| ()) before_result=send_back.clone()/>
            </Show>
        </section>
    }
}
