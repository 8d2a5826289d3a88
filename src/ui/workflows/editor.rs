//! The editor of one element's flow: its process card (trigger, inputs,
//! outputs, exceptions, volume, time per run, tier of leverage) and its
//! stages in order (`stages.rs`). Every change is one undo step
//! (`Op::SetWorkflow`).

use leptos::prelude::*;

use super::checklist::{elements_of, toggle, ElementChecklist};
use super::stages::Stages;
use super::swimlane::Swimlane;
use super::{update_workflow, update_workflow_field};
use crate::model::limits::MAX_TEXT_CHARS;
use crate::model::workflow::checks::WorkflowFinding;
use crate::model::{ElementKind, Exception, Exchange, Id, Leverage, Period, Volume, Workflow};
use crate::ui::governance::role_options;
use crate::ui::grid::focus_later;
use crate::ui::state::use_app;

/// A change to one list of a workflow.
pub(super) type ListEdit<T> = Box<dyn FnOnce(&mut Vec<T>)>;

/// The id of a stage's block on the page, for jump links.
pub(crate) fn stage_anchor(stage: &str) -> String {
    format!("stage-{stage}")
}

pub(super) fn optional(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}

#[component]
pub fn WorkflowEditor(element: Id, findings: Memo<Vec<WorkflowFinding>>) -> impl IntoView {
    let state = use_app();
    let element = StoredValue::new(element);
    let name = Memo::new(move |_| {
        state.model.with(|m| {
            m.element(&element.get_value())
                .map(|e| e.name.clone())
                .unwrap_or_default()
        })
    });
    let kind = Memo::new(move |_| {
        state
            .model
            .with(|m| m.element(&element.get_value()).map(|e| e.kind))
    });
    let workflow = Memo::new(move |_| {
        state.model.with(|m| {
            m.workflow(&element.get_value())
                .cloned()
                .unwrap_or_else(|| Workflow::new(element.get_value()))
        })
    });
    // Every field of the card shows its own change: the rest of the page
    // follows after the next frame.
    let set = move |f: Box<dyn FnOnce(&mut Workflow)>| {
        update_workflow_field(state, &element.get_value(), f);
    };
    let num = |v: String| v.trim().replace(',', ".").parse::<f64>().ok();
    view! {
        <section class="workflow-editor" data-testid="workflow-editor" aria-labelledby="workflow-editor-title">
            <h2 id="workflow-editor-title">{move || format!("How \u{201c}{}\u{201d} flows", name.get())}</h2>
            <div class="item-card" id="workflow-card">
                <h3>"Process card"</h3>
                <label class="field">"What starts it (trigger)"
                    <textarea maxlength=MAX_TEXT_CHARS data-testid="trigger" prop:value=move || workflow.with(|w| w.trigger.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |w| w.trigger = v)) }/>
                </label>
                <div class="field-row">
                    <label class="field">"Runs"
                        <input type="number" min="0" step="any" inputmode="decimal" data-testid="volume-runs"
                            prop:value=move || workflow.with(|w| w.volume.map(|v| v.runs.to_string()).unwrap_or_default())
                            on:change=move |ev| {
                                let runs = num(event_target_value(&ev));
                                set(Box::new(move |w| w.volume = runs.map(|runs| Volume { runs, per: w.volume.map_or(Period::Week, |v| v.per) })))
                            }/>
                    </label>
                    <label class="field">"per"
                        <select data-testid="volume-per" prop:value=move || workflow.with(|w| w.volume.map_or(Period::Week, |v| v.per).label()) on:change=move |ev| {
                            let per = match event_target_value(&ev).as_str() { "day" => Period::Day, "month" => Period::Month, _ => Period::Week };
                            set(Box::new(move |w| if let Some(v) = &mut w.volume { v.per = per }))
                        }>
                            {[Period::Day, Period::Week, Period::Month].into_iter().map(|p| view! {
                                <option value=p.label() selected=move || workflow.with(|w| w.volume.map_or(p == Period::Week, |v| v.per == p))>{p.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">"Minutes of people's time per run"
                        <input type="number" min="0" step="any" inputmode="decimal" data-testid="minutes-per-run"
                            prop:value=move || workflow.with(|w| w.minutes_per_run.map(|v| v.to_string()).unwrap_or_default())
                            on:change=move |ev| { let v = num(event_target_value(&ev)); set(Box::new(move |w| w.minutes_per_run = v)) }/>
                    </label>
                    <label class="field">"If automated, it would mainly bring"
                        <select prop:value=move || workflow.with(|w| w.leverage.map_or("", |l| l.label())) on:change=move |ev| {
                            let v = Leverage::ALL.into_iter().find(|l| l.label() == event_target_value(&ev));
                            set(Box::new(move |w| w.leverage = v))
                        }>
                            <option value="" selected=move || workflow.with(|w| w.leverage.is_none())>"(not chosen)"</option>
                            {Leverage::ALL.into_iter().map(|l| view! {
                                <option value=l.label() selected=move || workflow.with(|w| w.leverage == Some(l))>{l.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <details class="card-uses" data-testid="card-uses">
                    <summary>{move || {
                        let (systems, contains, produces) = workflow.with(|w| (w.systems.len(), w.contains.len(), w.produces.len()));
                        if kind.get() == Some(ElementKind::Process) {
                            format!("Systems it runs on: {systems}; workflows it contains: {contains}; outcomes it produces: {produces}")
                        } else {
                            format!("Systems it runs on: {systems}")
                        }
                    }}</summary>
                    <ElementChecklist title="Systems it runs on" kind=ElementKind::System items=elements_of(ElementKind::System, None) chosen=Signal::derive(move || workflow.with(|w| w.systems.clone()))
                        on_toggle=Callback::new(move |(e, on)| set(Box::new(move |w| toggle(&mut w.systems, e, on))))/>
                    {move || (kind.get() == Some(ElementKind::Process)).then(|| view! {
                        <ElementChecklist title="Workflows it contains" kind=ElementKind::Workflow items=elements_of(ElementKind::Workflow, Some(element.get_value())) chosen=Signal::derive(move || workflow.with(|w| w.contains.clone()))
                            on_toggle=Callback::new(move |(e, on)| set(Box::new(move |w| toggle(&mut w.contains, e, on))))/>
                        <ElementChecklist title="Outcomes it produces" kind=ElementKind::Outcome items=elements_of(ElementKind::Outcome, None) chosen=Signal::derive(move || workflow.with(|w| w.produces.clone()))
                            on_toggle=Callback::new(move |(e, on)| set(Box::new(move |w| toggle(&mut w.produces, e, on))))/>
                    })}
                </details>
                <Exchanges title="Inputs" who="Supplied by" workflow=workflow outputs=false element=element/>
                <Exchanges title="Outputs" who="Received by" workflow=workflow outputs=true element=element/>
                <Exceptions workflow=workflow element=element/>
            </div>
            <Swimlane element=element findings=findings/>
            <Stages workflow=workflow element=element/>
        </section>
    }
}

/// Inputs (who supplies each) or outputs (who receives each).
#[component]
fn Exchanges(
    title: &'static str,
    who: &'static str,
    workflow: Memo<Workflow>,
    outputs: bool,
    element: StoredValue<Id>,
) -> impl IntoView {
    let state = use_app();
    fn list(w: &mut Workflow, outputs: bool) -> &mut Vec<Exchange> {
        if outputs {
            &mut w.outputs
        } else {
            &mut w.inputs
        }
    }
    let edit = move |f: ListEdit<Exchange>| {
        update_workflow(state, &element.get_value(), move |w| f(list(w, outputs)))
    };
    let edit_field = move |f: ListEdit<Exchange>| {
        update_workflow_field(state, &element.get_value(), move |w| f(list(w, outputs)))
    };
    let list_key = move || if outputs { "output" } else { "input" };
    let items = move || {
        workflow.with(|w| {
            if outputs {
                w.outputs.clone()
            } else {
                w.inputs.clone()
            }
        })
    };
    view! {
        <fieldset class="list-field">
            <legend>{title}</legend>
            // Keyed by position, each field reading its item: an edit
            // updates the fields in place, so Tab moves on undisturbed.
            <For each=move || 0..items().len() key=|i| *i let:i>
                {
                    let item = Memo::new(move |_| items().get(i).cloned().unwrap_or_default());
                    view! {
                        <div class="field-row">
                            <label class="field">{if outputs { "Output" } else { "Input" }}
                                <input type="text" id=format!("{}-{i}", list_key()) maxlength=MAX_TEXT_CHARS prop:value=move || item.with(|x| x.what.clone())
                                    on:change=move |ev| { let v = event_target_value(&ev); edit_field(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.what = v })) }/>
                            </label>
                            <label class="field">{who}
                                <select prop:value=move || item.with(|x| x.role.clone().unwrap_or_default())
                                    on:change=move |ev| { let v = optional(event_target_value(&ev)); edit_field(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.role = v })) }>
                                    {role_options(state, Signal::derive(move || item.with(|x| x.role.clone())))}
                                </select>
                            </label>
                            <button type="button" class="icon-button align-end" aria-label=format!("Remove {} {}", if outputs { "output" } else { "input" }, i + 1)
                                on:click=move |_| edit(Box::new(move |l| { if i < l.len() { l.remove(i); } }))>"✕"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class=format!("add-{}", list_key()) on:click=move |_| {
                // The new item's field takes the focus.
                let n = workflow.with_untracked(|w| if outputs { w.outputs.len() } else { w.inputs.len() });
                edit(Box::new(|l| l.push(Exchange { what: String::new(), role: None })));
                focus_later(format!("{}-{n}", list_key()));
            }>
                {if outputs { "+ Output" } else { "+ Input" }}
            </button>
        </fieldset>
    }
}

/// What can go wrong, who handles it, what is done.
#[component]
fn Exceptions(workflow: Memo<Workflow>, element: StoredValue<Id>) -> impl IntoView {
    let state = use_app();
    let edit = move |f: ListEdit<Exception>| {
        update_workflow(state, &element.get_value(), move |w| f(&mut w.exceptions))
    };
    let edit_field = move |f: ListEdit<Exception>| {
        update_workflow_field(state, &element.get_value(), move |w| f(&mut w.exceptions))
    };
    view! {
        <fieldset class="list-field">
            <legend>"Exceptions"</legend>
            <For each=move || 0..workflow.with(|w| w.exceptions.len()) key=|i| *i let:i>
                {
                    let item = Memo::new(move |_| workflow.with(|w| w.exceptions.get(i).cloned().unwrap_or_default()));
                    view! {
                        <div class="field-row">
                            <label class="field">"When"
                                <input type="text" id=format!("exception-{i}") maxlength=MAX_TEXT_CHARS prop:value=move || item.with(|x| x.condition.clone())
                                    on:change=move |ev| { let v = event_target_value(&ev); edit_field(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.condition = v })) }/>
                            </label>
                            <label class="field">"Handled by"
                                <select prop:value=move || item.with(|x| x.role.clone().unwrap_or_default())
                                    on:change=move |ev| { let v = optional(event_target_value(&ev)); edit_field(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.role = v })) }>
                                    {role_options(state, Signal::derive(move || item.with(|x| x.role.clone())))}
                                </select>
                            </label>
                            <label class="field">"What is done"
                                <input type="text" maxlength=MAX_TEXT_CHARS prop:value=move || item.with(|x| x.action.clone())
                                    on:change=move |ev| { let v = event_target_value(&ev); edit_field(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.action = v })) }/>
                            </label>
                            <button type="button" class="icon-button align-end" aria-label=format!("Remove exception {}", i + 1)
                                on:click=move |_| edit(Box::new(move |l| { if i < l.len() { l.remove(i); } }))>"✕"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="add-exception" on:click=move |_| {
                let n = workflow.with_untracked(|w| w.exceptions.len());
                edit(Box::new(|l| l.push(Exception { condition: String::new(), role: None, action: String::new() })));
                focus_later(format!("exception-{n}"));
            }>"+ Exception"</button>
        </fieldset>
    }
}
