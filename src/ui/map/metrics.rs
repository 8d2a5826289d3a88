//! The figures the organization reviews: one card per metric (name, what
//! it means, how it is calculated, its one owner, what it measures, its
//! target, the reviews that look at it), and a form to add one.

use leptos::prelude::*;

use super::{anchor, jump, problems_of, Fold, Problems};
use crate::model::governance::review::{CadenceExt, ReviewLevelExt};
use crate::model::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::map::checks::{MapFinding, Subject};
use crate::model::map::Metric;
use crate::model::workflow::toggle;
use crate::model::{new_id, ElementKind, Id, Op};
use crate::ui::governance::role_options;
use crate::ui::grid::focus_later;
use crate::ui::state::{use_app, AppState};

fn update(state: AppState, id: &str, f: impl FnOnce(&mut Metric)) {
    let Some(mut metric) = state.model.with_untracked(|m| m.metric(id).cloned()) else {
        return;
    };
    f(&mut metric);
    state.apply_views_after_paint(Op::SetMetric(Box::new(metric)));
}

/// Adds a metric named `name` (and, when `review` is given, lists it in
/// that review, in the same undo step); returns its id when it was added.
pub(crate) fn add_metric(state: AppState, name: &str, review: Option<&Id>) -> Option<Id> {
    let id = new_id();
    let index = state.model.with_untracked(|m| m.metrics.len());
    let add = Op::AddMetric {
        index,
        metric: Box::new(Metric::new(id.clone(), name)),
    };
    let op = match review.and_then(|r| {
        state
            .model
            .with_untracked(|m| m.reviews.iter().find(|x| &x.id == r).cloned())
    }) {
        Some(mut r) => {
            r.metrics.push(id.clone());
            Op::Batch(vec![add, Op::SetReview(Box::new(r))])
        }
        None => add,
    };
    state.edit(op).then_some(id)
}

#[component]
pub(super) fn Metrics(findings: Memo<Vec<MapFinding>>) -> impl IntoView {
    let state = use_app();
    let metrics = Memo::new(move |_| {
        state
            .model
            .with(|m| m.metrics.iter().map(|k| k.id.clone()).collect::<Vec<_>>())
    });
    let name = RwSignal::new(String::new());
    let add = move || {
        let text = name.get_untracked();
        if text.trim().is_empty() {
            focus_later("new-metric-name".into());
            return;
        }
        if let Some(id) = add_metric(state, &text, None) {
            name.set(String::new());
            jump(anchor("metric", &id), format!("metric-definition-{id}"));
        }
    };
    view! {
        <section class="map-section" id="map-metrics" aria-labelledby="map-metrics-title" data-testid="map-metrics">
            <h2 id="map-metrics-title">"Metrics and who owns them"</h2>
            <p class="muted">"A number means one thing only when one role owns its definition and its calculation, and a review looks at it."</p>
            <form class="field-row add-metric edit-chrome" on:submit=move |ev| { ev.prevent_default(); add() }>
                <label class="field">"New metric"
                    <input id="new-metric-name" type="text" data-testid="new-metric-name" maxlength=MAX_NAME_CHARS placeholder="e.g. Days to refund"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="align-end" data-testid="add-metric">"Add the metric"</button>
            </form>
            {move || metrics.with(Vec::is_empty).then(|| view! {
                <p class="muted small">"No metric yet: add the figures your reviews look at, then give each an owner and a definition."</p>
            })}
            <div class="map-cards">
                <For each=move || metrics.get() key=|k| k.clone() let:id>
                    <MetricCard id=id findings=findings/>
                </For>
            </div>
        </section>
    }
}

/// One metric, folded to a line (its name, owner and problems) until
/// opened: a model has tens of them.
#[component]
fn MetricCard(id: Id, findings: Memo<Vec<MapFinding>>) -> impl IntoView {
    let state = use_app();
    let problems = problems_of(findings, Subject::Metric(id.clone()));
    let key = StoredValue::new(id.clone());
    let metric = Memo::new(move |_| {
        state
            .model
            .with(|m| m.metric(&key.read_value()).cloned().unwrap_or_default())
    });
    let elements = Memo::new(move |_| {
        state.model.with(|m| {
            ElementKind::ALL
                .into_iter()
                .map(|k| {
                    let items: Vec<(Id, String)> = m
                        .elements
                        .iter()
                        .filter(|e| e.kind == k)
                        .map(|e| (e.id.clone(), e.name.clone()))
                        .collect();
                    (k, items)
                })
                .filter(|(_, items)| !items.is_empty())
                .collect::<Vec<_>>()
        })
    });
    let reviews = Memo::new(move |_| {
        state.model.with(|m| {
            m.reviews
                .iter()
                .map(|r| {
                    // The level says who looks at the number (the team, its
                    // managers, the leadership), the cadence how often.
                    let label = format!(
                        "{} ({}, {})",
                        r.name,
                        r.level.label().to_lowercase(),
                        r.cadence.label().to_lowercase()
                    );
                    (r.id.clone(), label, r.metrics.contains(&key.read_value()))
                })
                .collect::<Vec<_>>()
        })
    });
    let set_review = move |review: Id, on: bool| {
        let Some(mut r) = state
            .model
            .with_untracked(|m| m.reviews.iter().find(|r| r.id == review).cloned())
        else {
            return;
        };
        toggle(&mut r.metrics, key.get_value(), on);
        state.apply_views_after_paint(Op::SetReview(Box::new(r)));
    };
    let remove = move |_| {
        state.edit(Op::RemoveMetric {
            id: key.get_value(),
        });
    };
    let text = move |f: fn(&mut Metric, String)| {
        move |ev: web_sys::Event| {
            let v = event_target_value(&ev);
            update(state, &key.get_value(), move |k| f(k, v))
        }
    };
    let owner = move || {
        state.model.with(|m| {
            metric.with(|k| {
                k.owner
                    .as_deref()
                    .and_then(|r| m.role(r))
                    .map_or("no owner".to_string(), |r| format!("owned by {}", r.name))
            })
        })
    };
    let id = StoredValue::new(id);
    view! {
        <Fold id=anchor("metric", &id.get_value()) testid="metric-card"
            summary=move || view! {
                <span class="fold-name">{move || metric.with(|k| k.name.clone())}</span>
                <span class="muted">{move || format!(" \u{2014} {}", owner())}</span>
                <Problems count=problems/>
            }>
            <label class="field">"Name"
                <input type="text" id=format!("metric-name-{}", id.get_value()) maxlength=MAX_NAME_CHARS
                    prop:value=move || metric.with(|k| k.name.clone())
                    on:change=text(|k, v| k.name = v)/>
            </label>
            <label class="field">"What it means"
                <textarea id=format!("metric-definition-{}", id.get_value()) maxlength=MAX_TEXT_CHARS
                    prop:value=move || metric.with(|k| k.definition.clone())
                    on:change=text(|k, v| k.definition = v)/>
            </label>
            <label class="field">"How it is calculated"
                <textarea maxlength=MAX_TEXT_CHARS
                    prop:value=move || metric.with(|k| k.calculation.clone())
                    on:change=text(|k, v| k.calculation = v)/>
            </label>
            <div class="field-row">
                <label class="field">"Owner"
                    <select id=format!("metric-owner-{}", id.get_value()) on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(state, &key.get_value(), move |k| k.owner = (!v.is_empty()).then_some(v))
                    }>
                        {role_options(state, Signal::derive(move || metric.with(|k| k.owner.clone())))}
                    </select>
                </label>
                <label class="field">"Measures"
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(state, &key.get_value(), move |k| k.measures = (!v.is_empty()).then_some(v))
                    }>
                        <option value="" selected=move || metric.with(|k| k.measures.is_none())>"(nothing chosen)"</option>
                        {move || elements.get().into_iter().map(|(kind, items)| view! {
                            <optgroup label=kind.plural()>
                                {items.into_iter().map(|(eid, name)| {
                                    let is = eid.clone();
                                    view! { <option value=eid selected=move || metric.with(|k| k.measures.as_ref() == Some(&is))>{name}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">"Target"
                    <input type="text" maxlength=MAX_NAME_CHARS placeholder="e.g. under 2 days"
                        prop:value=move || metric.with(|k| k.target.clone())
                        on:change=text(|k, v| k.target = v)/>
                </label>
            </div>
            <fieldset class="checklist">
                <legend>"Reviews that look at it"</legend>
                {move || reviews.with(Vec::is_empty).then(|| view! {
                    <p class="muted small">"No review in the model yet: add them on the Governance page."</p>
                })}
                {move || reviews.get().into_iter().map(|(rid, rname, on)| view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=on on:change=move |ev| set_review(rid.clone(), event_target_checked(&ev))/>
                        " " {rname}
                    </label>
                }).collect_view()}
            </fieldset>
            <button type="button" class="danger edit-chrome" on:click=remove>"Remove this metric"</button>
        </Fold>
    }
}
