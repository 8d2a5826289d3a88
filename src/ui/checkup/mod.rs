//! The team check-up: a facilitator starts one (`/checkup`), shows its
//! invitation as a link and a QR code, people answer on their phones
//! ([`join`]) and send their answers back as links, which the facilitator
//! pastes (or opens, or drops as files) to see the team's picture
//! ([`picture`]), saves it to the model and prints it.

mod collect;
mod join;
mod link_box;
mod picture;

use leptos::prelude::*;
use leptos_router::components::A;

pub use join::Join;

use self::collect::CollectBox;
use self::link_box::LinkBox;
use self::picture::TeamPicture;
use crate::model::checkup::collect::Collection;
use crate::model::checkup::link::{new_checkup_id, Invitation, RESPONSE_KEY};
use crate::model::governance::with_snapshot;
use crate::model::limits::MAX_NAME_CHARS;
use crate::model::quiz::questions;
use crate::model::{new_id, AssessmentKind, Op};
use crate::storage::browser::{local_day, now, utc_offset_minutes, LocalStore};
use crate::storage::checkup::{end_running, load_running, save_running, RUNNING_KEY};
use crate::ui::present::{ExitPresentation, PresentButton, Presentation};
use crate::ui::state::{use_app, NoticeKind};

/// The invitation's link: the participant's page with the check-up in
/// its fragment (never sent to a server).
fn invitation_link(i: &Invitation) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/join#{}", i.fragment())
}

/// What opening a response link did to the running check-up, in words.
fn counted_from_link(running: Option<&mut Collection>, link: &str) -> (NoticeKind, String) {
    let Some(c) = running else {
        return (
            NoticeKind::Error,
            "This response was not counted: no check-up is under way in this browser. Open the check-up it answers first (a saved one from the list below), then the link again.".to_string(),
        );
    };
    let found = c.add_text(link);
    match found.first().map(|f| &f.result) {
        Some(Ok(r)) => (
            NoticeKind::Info,
            format!(
                "{} counted: {} so far.",
                r.name.clone().unwrap_or_else(|| "A response".into()),
                plural(c.kept.len(), "response", "responses")
            ),
        ),
        Some(Err(e)) => (
            NoticeKind::Error,
            format!("This response was not counted: {e}."),
        ),
        None => (
            NoticeKind::Error,
            "This link holds no response.".to_string(),
        ),
    }
}

/// "1 response", "5 responses".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `/checkup`: start a check-up, or run the one under way.
#[component]
pub fn Checkup() -> impl IntoView {
    let state = use_app();
    let running = RwSignal::new(load_running(&LocalStore));
    // Every change is kept in the browser, so a reload or a closed laptop
    // loses no response.
    Effect::new(move |_| {
        let kept = running.with(|c| match c {
            Some(c) => save_running(&LocalStore, c),
            None => end_running(&LocalStore),
        });
        if let Err(e) = kept {
            state.notify(
                NoticeKind::Error,
                format!("The check-up could not be kept in this browser: {e}."),
            );
        }
    });
    // A response link opened here (a participant's link tapped in a chat
    // on the facilitator's laptop, or pasted into the address bar): counted,
    // and the fragment dropped so a reload does not count it again.
    let take_response = move || {
        let hash = window().location().hash().unwrap_or_default();
        if !hash.contains(RESPONSE_KEY) {
            return;
        }
        let _ = window().history().and_then(|h| {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/checkup"))
        });
        let (kind, text) = running
            .try_update(|c| counted_from_link(c.as_mut(), &hash))
            .unwrap_or_else(|| counted_from_link(None, &hash));
        state.notify(kind, text);
    };
    take_response();
    let hashchange = window_event_listener(leptos::ev::hashchange, move |_| take_response());
    // Another tab of this browser counted a response (a link opened there):
    // this one follows, so neither writes over the other's.
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(RUNNING_KEY) {
            // Its responses kept; this tab's paste box as it is here.
            let pasted = running.with_untracked(|c| c.as_ref().map(|c| c.pasted.clone()));
            running.set(load_running(&LocalStore).map(|mut c| {
                if let Some(p) = pasted {
                    c.pasted = p;
                }
                c
            }));
        }
    });
    on_cleanup(move || {
        hashchange.remove();
        other_tab.remove();
    });
    // Only starting or ending a check-up changes the page; a response
    // counted changes the parts that show it.
    let under_way = Memo::new(move |_| running.with(Option::is_some));
    view! {
        <section class="page checkup-page">
            {move || match under_way.get() {
                false => view! { <Start running=running/> }.into_any(),
                true => view! { <Running running=running/> }.into_any(),
            }}
        </section>
    }
}

/// The form that starts a check-up, and the check-ups saved in the model.
#[component]
fn Start(running: RwSignal<Option<Collection>>) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(format!(
        "Team check-up, {}",
        local_day(now()).format("%-d %B %Y")
    ));
    let full = RwSignal::new(false);
    let ask_names = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let given = name.get_untracked().trim().to_string();
        if given.is_empty() {
            error.set(Some(
                "Give the check-up a name: people see it when they open the invitation.".into(),
            ));
            return;
        }
        if given.chars().count() > MAX_NAME_CHARS {
            error.set(Some(format!(
                "A name can have up to {MAX_NAME_CHARS} characters."
            )));
            return;
        }
        running.set(Some(Collection::start(Invitation {
            id: new_checkup_id(),
            name: given,
            kind: if full.get_untracked() {
                AssessmentKind::Full
            } else {
                AssessmentKind::Quick
            },
            ask_names: ask_names.get_untracked(),
        })));
    };
    let saved = Memo::new(move |_| {
        state.model.with(|m| {
            m.assessments
                .iter()
                .rev()
                .filter_map(|a| {
                    let t = a.team.as_ref()?;
                    Some((
                        a.id.clone(),
                        t.name.clone(),
                        local_day(a.taken_at),
                        t.responses.len(),
                    ))
                })
                .collect::<Vec<_>>()
        })
    });
    let open = move |id: String| {
        let c = state.model.with_untracked(|m| {
            m.assessments
                .iter()
                .find(|a| a.id == id)
                .and_then(Collection::from_assessment)
        });
        running.set(c);
    };
    view! {
        <h1>"Team check-up"</h1>
        <p class="lead">"Everyone answers the quiz on their own phone; you paste their answers back and see, on one screen, where the team agrees and where it does not. No accounts, no server: the answers travel in links."</p>
        <form class="checkup-start" on:submit=start novalidate data-testid="checkup-start">
            <h2>"Start a check-up"</h2>
            <label for="checkup-name">"Name"</label>
            <input id="checkup-name" type="text" data-testid="checkup-name"
                aria-invalid=move || error.get().map(|_| "true") aria-describedby="checkup-name-error"
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <p id="checkup-name-error" class="field-error" role="alert">{move || error.get()}</p>
            <fieldset>
                <legend>"Questions"</legend>
                <label class="check"><input type="radio" name="checkup-kind" prop:checked=move || !full.get() on:change=move |_| full.set(false)/>
                    {format!(" Quick: {} questions, about two minutes", questions(AssessmentKind::Quick).len())}</label>
                <label class="check"><input type="radio" name="checkup-kind" data-testid="checkup-full" prop:checked=move || full.get() on:change=move |_| full.set(true)/>
                    {format!(" Full: {} questions, about ten minutes", questions(AssessmentKind::Full).len())}</label>
            </fieldset>
            <label class="check"><input type="checkbox" data-testid="checkup-ask-names" prop:checked=move || ask_names.get()
                on:change=move |ev| ask_names.set(event_target_checked(&ev))/>
                " Ask each person for a name (otherwise anonymous)"</label>
            <button type="submit" class="primary" data-testid="checkup-begin">"Start the check-up"</button>
        </form>
        <section aria-labelledby="saved-checkups-heading">
            <h2 id="saved-checkups-heading">"Check-ups saved in this model"</h2>
            {move || {
                let list = saved.get();
                if list.is_empty() {
                    return view! { <p class="muted" data-testid="no-saved-checkups">"None yet. A check-up you save shows here, and on the Progress page over time."</p> }.into_any();
                }
                view! {
                    <ul class="saved-checkups" data-testid="saved-checkups">
                        {list.into_iter().map(|(id, name, day, n)| view! {
                            <li>
                                <strong>{name.clone()}</strong>
                                {format!(" · {} · {n} {}", day.format("%-d %B %Y"), if n == 1 { "response" } else { "responses" })}
                                " " <button type="button" aria-label=format!("Open {name}") on:click=move |_| open(id.clone())>"Open"</button>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="muted">"You can also run the "<A href="/quiz">"quiz"</A>" alone."</p>
        </section>
    }
}

/// A check-up under way: its invitation, the responses collected, the
/// team's picture, and saving, printing or ending it.
#[component]
fn Running(running: RwSignal<Option<Collection>>) -> impl IntoView {
    let state = use_app();
    let invitation = running.with_untracked(|c| c.as_ref().map(|c| c.invitation.clone()));
    let Some(invitation) = invitation else {
        return ().into_any();
    };
    let link = invitation_link(&invitation);
    // The box read and the team combined once per change, for the box's
    // report, the count and the picture alike.
    let shown = Memo::new(move |_| running.with(|c| c.as_ref().map(Collection::now)));
    let count = Memo::new(move |_| shown.with(|n| n.as_ref().map_or(0, |n| n.team.responses)));
    let presentation = Presentation::new();
    let confirm_end = RwSignal::new(false);
    let save = move |_| {
        let Some(c) = running.get_untracked() else {
            return;
        };
        if c.responses().is_empty() {
            state.notify(
                NoticeKind::Error,
                "Nothing to save yet: no response is counted.",
            );
            return;
        }
        let id = c.saved_as.clone().unwrap_or_else(new_id);
        let assessment = c.assessment(id.clone(), now());
        let n = c.responses().len();
        // Like a person's result, a team's records the governance metrics
        // of the day, so both progress charts move together.
        let op = Op::Batch(vec![
            Op::PutAssessment(Box::new(assessment)),
            Op::SetSnapshots(state.model.with_untracked(|m| {
                let at = now();
                with_snapshot(m, at, utc_offset_minutes(at)).0
            })),
        ]);
        match state.apply(op) {
            Ok(()) => {
                running.update(|c| {
                    if let Some(c) = c {
                        c.saved_as = Some(id);
                    }
                });
                let model = state.model.with_untracked(|m| m.name.clone());
                state.notify(
                    NoticeKind::Info,
                    format!("The check-up is saved to \u{201c}{model}\u{201d} with {n} {}. The Progress page charts it.", if n == 1 { "response" } else { "responses" }),
                );
            }
            Err(e) => state.notify(
                NoticeKind::Error,
                format!("The check-up could not be saved: {e}"),
            ),
        }
    };
    let kind = invitation.kind;
    let ask_names = invitation.ask_names;
    let total = questions(kind).len();
    let meta = format!(
        "{} quiz, {total} questions · {} · started on this browser",
        if kind == AssessmentKind::Full {
            "Full"
        } else {
            "Quick"
        },
        if ask_names {
            "each person gives a name"
        } else {
            "anonymous"
        },
    );
    let print_day = local_day(now()).format("%-d %B %Y").to_string();
    view! {
        <div class="checkup-running" class:presenting=move || presentation.on.get()>
            <ExitPresentation presentation=presentation/>
            <header class="page-head">
                <h1 data-testid="checkup-title">{invitation.name.clone()}</h1>
                <p class="muted">{meta}<span class="print-only">{format!(" · printed on {print_day}")}</span></p>
            </header>
            <section class="invitation no-print" aria-labelledby="invitation-heading">
                <h2 id="invitation-heading">"The invitation"</h2>
                <p>"Show the code on the projector or send the link: each person opens it on their phone, answers, and sends their answers back to you with a link."</p>
                <LinkBox link=link label="Invitation link" testid="invitation-link"/>
                <PresentButton presentation=presentation label="Show the code large"/>
                <p class="present-count" aria-hidden="true">{move || plural(count.get(), "response", "responses")}" so far"</p>
            </section>
            <CollectBox running=running now=shown/>
            <section class="team" aria-labelledby="team-heading">
                <h2 id="team-heading" class="no-print">"The team's picture"</h2>
                <p class="count" role="status" aria-live="polite" data-testid="response-count">
                    {move || format!("{} counted", plural(count.get(), "response", "responses"))}
                </p>
                {move || shown.with(|n| n.as_ref().map(|n| view! {
                    <TeamPicture kind=kind team=n.team.clone() responses=n.responses.clone() ask_names=ask_names/>
                }))}
            </section>
            <div class="toolbar no-print checkup-actions">
                <button type="button" class="primary" data-testid="save-checkup" on:click=save>
                    {move || if running.with(|c| c.as_ref().is_some_and(|c| c.saved_as.is_some())) { "Save again to the model" } else { "Save to the model" }}
                </button>
                <button type="button" data-testid="print-checkup" on:click=move |_| { let _ = window().print(); }>"Print the team report"</button>
                <A href="/progress" attr:class="button">"See progress"</A>
                <button type="button" data-testid="end-checkup" on:click=move |_| confirm_end.set(true)>"End this check-up"</button>
            </div>
            <Show when=move || confirm_end.get()>
                <div class="confirm no-print" role="alertdialog" aria-labelledby="end-heading" data-testid="confirm-end"
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { confirm_end.set(false) }>
                    <h2 id="end-heading">"End this check-up?"</h2>
                    <p>{move || if running.with(|c| c.as_ref().is_some_and(|c| c.saved_as.is_some())) {
                        "What you saved stays in the model; responses counted since are dropped. Links that arrive later can be added by opening the saved check-up again."
                    } else {
                        "It is not saved: the responses counted are dropped from this browser."
                    }}</p>
                    {
                        let yes = NodeRef::<leptos::html::Button>::new();
                        yes.on_load(|b| { let _ = b.focus(); });
                        view! {
                            <button type="button" class="danger" node_ref=yes data-testid="confirm-end-yes" on:click=move |_| running.set(None)>"End it"</button>
                        }
                    }
                    <button type="button" on:click=move |_| confirm_end.set(false)>"Keep it"</button>
                </div>
            </Show>
        </div>
    }
    .into_any()
}
