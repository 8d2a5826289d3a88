//! Reviews and corrections (pillars three and four), the control test, and
//! recording today's governance metrics for the Progress charts.

use leptos::html::{Button, Div};
use leptos::prelude::*;

use crate::model::governance::{
    advance, control_test, correction_findings, metric_info, metrics, next_statuses,
    review_findings, review_state, with_snapshot, CadenceExt, CorrectionStatusExt, ReviewLevelExt,
    ReviewState, Severity, CADENCES, CONTROL, CORRECTION_VALIDATION, LEVELS, QUESTIONS,
    REVIEW_COMPLETION,
};
use crate::model::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{new_id, Correction, CorrectionStatus, Id, Op, Review};
use crate::storage::browser::{now, today, utc_offset_minutes};
use crate::ui::keep_focus::keep_focus_in;
use crate::ui::state::{use_app, AppState, NoticeKind};

fn update_review(state: AppState, id: &str, f: impl FnOnce(&mut Review)) {
    let Some(mut r) = state
        .model
        .with_untracked(|m| m.reviews.iter().find(|r| r.id == id).cloned())
    else {
        return;
    };
    f(&mut r);
    if let Err(e) = state.apply(Op::SetReview(Box::new(r))) {
        state.notify(NoticeKind::Error, e.to_string());
    }
}

fn update_correction(state: AppState, id: &str, f: impl FnOnce(&mut Correction)) {
    let Some(mut c) = state
        .model
        .with_untracked(|m| m.corrections.iter().find(|c| c.id == id).cloned())
    else {
        return;
    };
    f(&mut c);
    if let Err(e) = state.apply(Op::SetCorrection(Box::new(c))) {
        state.notify(NoticeKind::Error, e.to_string());
    }
}

/// The model's roles as (id, name), in order: a memo, so a list of them
/// is drawn again only when a role is added, renamed, moved or removed,
/// not on every edit of the model.
pub(crate) fn role_names(state: AppState) -> Memo<Vec<(Id, String)>> {
    Memo::new(move |_| {
        state.model.with(|m| {
            m.roles
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect::<Vec<_>>()
        })
    })
}

/// `<option>`s for every role, plus "nobody" first. (A workflow of 40
/// stages has 40 of these lists on the page: see [`role_names`].)
pub(crate) fn role_options(state: AppState, selected: Signal<Option<Id>>) -> impl IntoView {
    let roles = role_names(state);
    view! {
        <option value="" selected=move || selected.get().is_none()>"(nobody yet)"</option>
        {move || roles.get().into_iter().map(|(id, name)| {
            let id2 = id.clone();
            view! { <option value=id selected=move || selected.get().as_deref() == Some(id2.as_str())>{name}</option> }
        }).collect_view()}
    }
}

fn percent(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.0}%"))
}

#[component]
pub fn Governance() -> impl IntoView {
    let state = use_app();
    let figures = Memo::new(move |_| state.model.with(|m| metrics(m, today())));
    let figure = move |key: &'static str| {
        let label = metric_info(key).map_or(key, |i| i.label);
        view! {
            <div class="figure" data-testid=format!("figure-{key}")>
                <span class="figure-value">{move || percent(figures.with(|f| f.get(key).copied().flatten()))}</span>
                <span class="figure-label">{label}</span>
            </div>
        }
    };
    let record = move |_| {
        let (snapshots, replaced) = state.model.with_untracked(|m| {
            let at = now();
            with_snapshot(m, at, utc_offset_minutes(at))
        });
        match state.apply(Op::SetSnapshots(snapshots)) {
            Ok(()) => state.notify(
                NoticeKind::Info,
                if replaced {
                    "Today's state was recorded again (it replaces the earlier one of today)."
                } else {
                    "Today's state was recorded: the Progress page charts it."
                },
            ),
            Err(e) => state.notify(NoticeKind::Error, e.to_string()),
        }
    };
    let add_review = move |_| {
        let n = state.model.with_untracked(|m| m.reviews.len()) + 1;
        let review = Review::new(new_id(), format!("New review {n}"));
        if let Err(e) = state.apply(Op::AddReview {
            index: usize::MAX,
            review: Box::new(review),
        }) {
            state.notify(NoticeKind::Error, e.to_string());
        }
    };
    let add_correction = move |_| {
        let correction = Correction {
            id: new_id(),
            finding: "New finding: describe what was found".into(),
            review: None,
            owner: None,
            due: None,
            status: CorrectionStatus::Proposed,
            history: vec![crate::model::StatusChange {
                status: CorrectionStatus::Proposed,
                on: today(),
                note: String::new(),
            }],
        };
        if let Err(e) = state.apply(Op::AddCorrection {
            index: usize::MAX,
            correction: Box::new(correction),
        }) {
            state.notify(NoticeKind::Error, e.to_string());
        }
    };
    let review_ids = move || {
        state
            .model
            .with(|m| m.reviews.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
    };
    let correction_ids = move || {
        state.model.with(|m| {
            m.corrections
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
    };
    // The lists keep the keyboard's place when a card is deleted: the next
    // card's same control, or the add button once the list is empty.
    let (review_list, add_review_button) = (NodeRef::<Div>::new(), NodeRef::<Button>::new());
    let review_items = move || {
        keep_focus_in(
            review_list,
            add_review_button.get_untracked().map(Into::into),
        );
        review_ids()
    };
    let (correction_list, add_correction_button) =
        (NodeRef::<Div>::new(), NodeRef::<Button>::new());
    let correction_items = move || {
        keep_focus_in(
            correction_list,
            add_correction_button.get_untracked().map(Into::into),
        );
        correction_ids()
    };
    let snapshots = move || state.model.with(|m| m.snapshots.len());

    view! {
        <section class="page governance">
            <h1>"Reviews and corrections"</h1>
            <p class="lead">
                "Reviews on a schedule show whether work runs as designed; corrections turn what they find "
                "into changes that are proposed, evaluated, approved, implemented and finally validated."
            </p>
            <div class="figures">
                {figure(CONTROL)}
                {figure(REVIEW_COMPLETION)}
                {figure(CORRECTION_VALIDATION)}
            </div>
            <div class="toolbar">
                <button type="button" class="primary" data-testid="record-state" on:click=record>"Record today's state"</button>
                <span class="muted">{move || format!("{} states recorded so far.", snapshots())}</span>
            </div>

            <section aria-labelledby="reviews-heading">
                <h2 id="reviews-heading">"Reviews"</h2>
                <Show when=move || review_ids().is_empty()>
                    <p class="empty">"No reviews yet. Start with a weekly tactical review of your most important workflow."</p>
                </Show>
                <div class="cards-list" node_ref=review_list>
                    <For each=review_items key=|id| id.clone() let:id>
                        <ReviewCard id=id/>
                    </For>
                </div>
                <button type="button" node_ref=add_review_button on:click=add_review>"+ Review"</button>
            </section>

            <section aria-labelledby="corrections-heading">
                <h2 id="corrections-heading">"Corrections"</h2>
                <Show when=move || correction_ids().is_empty()>
                    <p class="empty">"No corrections yet. When a review finds a problem, record it here and follow it until the fix is validated."</p>
                </Show>
                <div class="cards-list" node_ref=correction_list>
                    <For each=correction_items key=|id| id.clone() let:id>
                        <CorrectionCard id=id/>
                    </For>
                </div>
                <button type="button" node_ref=add_correction_button on:click=add_correction>"+ Correction"</button>
            </section>

            <GovernanceFindings/>
            <ControlTest/>
        </section>
    }
}

#[component]
fn ReviewCard(id: Id) -> impl IntoView {
    let state = use_app();
    let id = StoredValue::new(id);
    let review = Memo::new(move |_| {
        state
            .model
            .with(|m| m.reviews.iter().find(|r| r.id == id.get_value()).cloned())
    });
    let set = move |f: Box<dyn FnOnce(&mut Review)>| update_review(state, &id.get_value(), f);
    let status = move || {
        review.with(|r| {
            r.as_ref().map(|r| match review_state(r, today()) {
                ReviewState::NeverHeld => ("status bad", "✗ Never held".to_string()),
                ReviewState::OnTime { next_due } => {
                    ("status good", format!("✓ On time, next due {next_due}"))
                }
                ReviewState::Overdue { days_late, .. } => {
                    ("status bad", format!("✗ Overdue by {days_late} days"))
                }
            })
        })
    };
    let name = move || review.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    view! {
        <article class="item-card" data-testid="review-card">
            <div class="item-card-head">
                <input type="text" class="title-input" maxlength=MAX_NAME_CHARS aria-label="Review name" prop:value=name
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |r| r.name = v)) }/>
                {move || status().map(|(class, text)| view! { <span class=class data-testid="review-status">{text}</span> })}
                <button type="button" class="icon-button" aria-label=move || format!("Delete review {}", name())
                    on:click=move |_| { state.edit(Op::RemoveReview { id: id.get_value() }); }>"✕"</button>
            </div>
            <div class="field-row">
                <label class="field">"Level"
                    <select on:change=move |ev| {
                        let level = LEVELS.into_iter().find(|l| l.label() == event_target_value(&ev));
                        if let Some(l) = level { set(Box::new(move |r| r.level = l)) }
                    }>
                        {LEVELS.into_iter().map(|l| view! {
                            <option value=l.label() selected=move || review.with(|r| r.as_ref().is_some_and(|r| r.level == l))>{l.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">"Cadence"
                    <select data-testid="cadence" on:change=move |ev| {
                        let c = CADENCES.into_iter().find(|c| c.label() == event_target_value(&ev));
                        if let Some(c) = c { set(Box::new(move |r| r.cadence = c)) }
                    }>
                        {CADENCES.into_iter().map(|c| view! {
                            <option value=c.label() selected=move || review.with(|r| r.as_ref().is_some_and(|r| r.cadence == c))>{c.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">"Owner"
                    <select on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |r| r.owner = (!v.is_empty()).then_some(v))) }>
                        {role_options(state, Signal::derive(move || review.with(|r| r.as_ref().and_then(|r| r.owner.clone()))))}
                    </select>
                </label>
                <label class="field">"Last held"
                    <input type="date" data-testid="last-held"
                        prop:value=move || review.with(|r| r.as_ref().and_then(|r| r.last_held).map(|d| d.to_string()).unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev).parse::<chrono::NaiveDate>().ok();
                            set(Box::new(move |r| r.last_held = v))
                        }/>
                </label>
                <button type="button" class="align-end" on:click=move |_| { let d = today(); set(Box::new(move |r| r.last_held = Some(d))) }>"Held today"</button>
            </div>
            <p class="muted small">{move || review.with(|r| r.as_ref().map(|r| r.level.description()).unwrap_or_default())}</p>
            <ReviewMetrics review=id/>
            <details>
                <summary>{move || format!("Covers {} elements", review.with(|r| r.as_ref().map_or(0, |r| r.elements.len())))}</summary>
                <div class="checklist">
                    {move || state.model.with(|m| m.elements.iter().map(|e| {
                        let (e1, e2) = (e.id.clone(), e.id.clone());
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || review.with(|r| r.as_ref().is_some_and(|r| r.elements.contains(&e1)))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let e = e2.clone();
                                        set(Box::new(move |r| { r.elements.retain(|x| x != &e); if on { r.elements.push(e) } }))
                                    }/>
                                " " {e.name.clone()}
                            </label>
                        }
                    }).collect_view())}
                </div>
            </details>
        </article>
    }
}

#[component]
fn CorrectionCard(id: Id) -> impl IntoView {
    let state = use_app();
    let id = StoredValue::new(id);
    let correction = Memo::new(move |_| {
        state.model.with(|m| {
            m.corrections
                .iter()
                .find(|c| c.id == id.get_value())
                .cloned()
        })
    });
    let set =
        move |f: Box<dyn FnOnce(&mut Correction)>| update_correction(state, &id.get_value(), f);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let move_to = move |to: CorrectionStatus| {
        let Some(c) = correction.get_untracked() else {
            return;
        };
        let note = if to == CorrectionStatus::Rejected {
            reason.get_untracked()
        } else {
            String::new()
        };
        match advance(&c, to, today(), &note) {
            Ok(next) => {
                error.set(None);
                reason.set(String::new());
                if let Err(e) = state.apply(Op::SetCorrection(Box::new(next))) {
                    error.set(Some(e.to_string()));
                }
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let status = move || correction.with(|c| c.as_ref().map(|c| c.status).unwrap_or_default());
    view! {
        <article class="item-card" data-testid="correction-card">
            <div class="item-card-head">
                <textarea class="title-input" maxlength=MAX_TEXT_CHARS aria-label="Finding"
                    prop:value=move || correction.with(|c| c.as_ref().map(|c| c.finding.clone()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |c| c.finding = v)) }></textarea>
                <span class="status" data-testid="correction-status">{move || status().label()}</span>
                <button type="button" class="icon-button" aria-label="Delete this correction"
                    on:click=move |_| { state.edit(Op::RemoveCorrection { id: id.get_value() }); }>"✕"</button>
            </div>
            <div class="field-row">
                <label class="field">"From review"
                    <select on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |c| c.review = (!v.is_empty()).then_some(v))) }>
                        <option value="" selected=move || correction.with(|c| c.as_ref().is_some_and(|c| c.review.is_none()))>"(none)"</option>
                        {move || state.model.with(|m| m.reviews.iter().map(|r| {
                            let (rid, rid2) = (r.id.clone(), r.id.clone());
                            view! { <option value=rid selected=move || correction.with(|c| c.as_ref().is_some_and(|c| c.review.as_deref() == Some(rid2.as_str())))>{r.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
                <label class="field">"Owner"
                    <select on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |c| c.owner = (!v.is_empty()).then_some(v))) }>
                        {role_options(state, Signal::derive(move || correction.with(|c| c.as_ref().and_then(|c| c.owner.clone()))))}
                    </select>
                </label>
                <label class="field">"Due"
                    <input type="date" prop:value=move || correction.with(|c| c.as_ref().and_then(|c| c.due).map(|d| d.to_string()).unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev).parse::<chrono::NaiveDate>().ok();
                            set(Box::new(move |c| c.due = v))
                        }/>
                </label>
            </div>
            <p class="muted small">{move || status().description()}</p>
            <div class="status-actions">
                {move || next_statuses(status()).iter().copied().filter(|s| *s != CorrectionStatus::Rejected).map(|to| view! {
                    <button type="button" class="primary" on:click=move |_| move_to(to)>{format!("Mark {}", to.word())}</button>
                }).collect_view()}
                <Show when=move || next_statuses(status()).contains(&CorrectionStatus::Rejected)>
                    <input type="text" maxlength=MAX_TEXT_CHARS placeholder="reason for rejecting" aria-label="Reason for rejecting" bind:value=reason/>
                    <button type="button" on:click=move |_| move_to(CorrectionStatus::Rejected)>"Reject"</button>
                </Show>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <details>
                <summary>"History"</summary>
                <ol class="history">
                    {move || correction.with(|c| c.as_ref().map(|c| c.history.iter().map(|h| view! {
                        <li>{h.on.to_string()}": "{h.status.label()}{(!h.note.is_empty()).then(|| format!(" ({})", h.note))}</li>
                    }).collect_view()))}
                </ol>
            </details>
        </article>
    }
}

#[component]
fn GovernanceFindings() -> impl IntoView {
    let state = use_app();
    let findings = Memo::new(move |_| {
        state.model.with(|m| {
            let mut f = review_findings(m, today());
            f.extend(correction_findings(m, today()));
            f
        })
    });
    view! {
        <section class="findings" aria-labelledby="gov-findings-heading" data-testid="governance-findings">
            <h2 id="gov-findings-heading">"Findings " <span class="count">{move || findings.with(Vec::len)}</span></h2>
            {move || findings.with(|list| if list.is_empty() {
                view! { <p class="empty">"No findings."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {list.iter().map(|f| {
                            let problem = f.severity == Severity::Problem;
                            view! {
                                <li class=if problem { "finding problem static" } else { "finding note static" }>
                                    <span class="finding-icon" aria-hidden="true">{if problem { "⚠ " } else { "ℹ " }}</span>
                                    <span class="visually-hidden">{if problem { "Problem: " } else { "Note: " }}</span>
                                    {f.message.clone()}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

/// The four questions of the control test for every element.
#[component]
fn ControlTest() -> impl IntoView {
    let state = use_app();
    let report = Memo::new(move |_| state.model.with(|m| control_test(m, today())));
    view! {
        <section aria-labelledby="control-heading" data-testid="control-test">
            <h2 id="control-heading">"The control test"</h2>
            <p class="muted">
                "Can the model answer, for every element, the four questions an organization in control answers at once? "
                "Overall: " <strong data-testid="control-score">{move || percent(report.with(|r| r.score))}</strong> " of the answers pass."
            </p>
            {move || report.with(|r| if r.rows.is_empty() {
                view! { <p class="empty">"Add elements in the ownership matrix to run the control test."</p> }.into_any()
            } else {
                let names = state.model.with_untracked(|m| m.elements.iter().map(|e| (e.id.clone(), e.name.clone())).collect::<std::collections::HashMap<_, _>>());
                view! {
                    // Focusable: on a narrow screen the table scrolls in its box.
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="control-heading">
                        <table class="control-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Element"</th>
                                    {QUESTIONS.iter().map(|q| view! { <th scope="col">{*q}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {r.rows.iter().map(|row| view! {
                                    <tr data-element=row.element.clone()>
                                        <th scope="row">{names.get(&row.element).cloned().unwrap_or_default()}</th>
                                        {row.answers.iter().map(|a| view! {
                                            <td class=if a.pass { "pass" } else { "fail" }>
                                                <strong>{if a.pass { "✓ Yes" } else { "✗ No" }}</strong>
                                                <span class="reason">{a.reason.clone()}</span>
                                            </td>
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
        </section>
    }
}

/// The metrics a review looks at: a box per metric of the model, and a
/// field to add a new one (listed in this review in the same undo step).
/// A metric's definition and owner are edited on the Map page.
#[component]
fn ReviewMetrics(review: StoredValue<Id>) -> impl IntoView {
    let state = use_app();
    let rows = Memo::new(move |_| {
        state.model.with(|m| {
            let listed: Vec<Id> = m
                .reviews
                .iter()
                .find(|r| r.id == review.read_value().as_str())
                .map(|r| r.metrics.clone())
                .unwrap_or_default();
            m.metrics
                .iter()
                .map(|k| (k.id.clone(), k.name.clone(), listed.contains(&k.id)))
                .collect::<Vec<_>>()
        })
    });
    let count = move || rows.with(|r| r.iter().filter(|x| x.2).count());
    let name = RwSignal::new(String::new());
    let add = move || {
        let text = name.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        if crate::ui::map::add_metric(state, &text, Some(&review.get_value())).is_some() {
            name.set(String::new());
        }
    };
    view! {
        <details class="review-metrics" data-testid="review-metrics">
            <summary>{move || format!("Looks at {} metrics", count())}</summary>
            <div class="checklist">
                {move || rows.get().into_iter().map(|(id, label, on)| view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=on on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let id = id.clone();
                            update_review(state, &review.get_value(), move |r| crate::model::workflow::toggle(&mut r.metrics, id, on));
                        }/>
                        " " {label}
                    </label>
                }).collect_view()}
            </div>
            <div class="field-row">
                <label class="field">"A new metric it looks at"
                    <input type="text" data-testid="review-new-metric" maxlength=MAX_NAME_CHARS
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); add() }/>
                </label>
                <button type="button" class="align-end" on:click=move |_| add()>"Add"</button>
            </div>
            <p class="muted small">"Its definition and its owner: on the "<a href="/map#map-metrics">"Map"</a>" page."</p>
        </details>
    }
}
