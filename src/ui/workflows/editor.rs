//! The editor of one element's flow: its process card (trigger, inputs,
//! outputs, exceptions, volume, time per run, tier of leverage) and its
//! stages in order. Every change is one undo step (`Op::SetWorkflow`).
//! Stages move with their Up and Down buttons or Alt+Arrow keys in their
//! name field; a handoff's fields show where the role changes.

use leptos::prelude::*;

use super::update_workflow;
use crate::model::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{
    new_id, ElementKind, Exception, Exchange, Id, Leverage, Period, Stage, Volume, Workflow,
};
use crate::ui::governance::role_options;
use crate::ui::grid::focus_later;
use crate::ui::state::use_app;

/// A change to one list of a workflow.
type ListEdit<T> = Box<dyn FnOnce(&mut Vec<T>)>;

/// The id of a stage's block on the page, for jump links.
pub(crate) fn stage_anchor(stage: &str) -> String {
    format!("stage-{stage}")
}

fn optional(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}

#[component]
pub fn WorkflowEditor(element: Id) -> impl IntoView {
    let state = use_app();
    let element = StoredValue::new(element);
    let name = Memo::new(move |_| {
        state.model.with(|m| {
            m.element(&element.get_value())
                .map(|e| e.name.clone())
                .unwrap_or_default()
        })
    });
    let workflow = Memo::new(move |_| {
        state.model.with(|m| {
            m.workflow(&element.get_value())
                .cloned()
                .unwrap_or_else(|| Workflow::new(element.get_value()))
        })
    });
    let set = move |f: Box<dyn FnOnce(&mut Workflow)>| {
        update_workflow(state, &element.get_value(), f);
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
                <Exchanges title="Inputs" who="Supplied by" workflow=workflow outputs=false element=element/>
                <Exchanges title="Outputs" who="Received by" workflow=workflow outputs=true element=element/>
                <Exceptions workflow=workflow element=element/>
            </div>
            <Swimlane element=element/>
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
    let edit = move |f: ListEdit<Exchange>| {
        update_workflow(state, &element.get_value(), move |w| {
            f(if outputs {
                &mut w.outputs
            } else {
                &mut w.inputs
            })
        })
    };
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
                                <input type="text" maxlength=MAX_TEXT_CHARS prop:value=move || item.with(|x| x.what.clone())
                                    on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.what = v })) }/>
                            </label>
                            <label class="field">{who}
                                <select prop:value=move || item.with(|x| x.role.clone().unwrap_or_default())
                                    on:change=move |ev| { let v = optional(event_target_value(&ev)); edit(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.role = v })) }>
                                    {role_options(state, Signal::derive(move || item.with(|x| x.role.clone())))}
                                </select>
                            </label>
                            <button type="button" class="icon-button align-end" aria-label=format!("Remove {} {}", if outputs { "output" } else { "input" }, i + 1)
                                on:click=move |_| edit(Box::new(move |l| { if i < l.len() { l.remove(i); } }))>"✕"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" on:click=move |_| edit(Box::new(|l| l.push(Exchange { what: String::new(), role: None })))>
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
    view! {
        <fieldset class="list-field">
            <legend>"Exceptions"</legend>
            <For each=move || 0..workflow.with(|w| w.exceptions.len()) key=|i| *i let:i>
                {
                    let item = Memo::new(move |_| workflow.with(|w| w.exceptions.get(i).cloned().unwrap_or_default()));
                    view! {
                        <div class="field-row">
                            <label class="field">"When"
                                <input type="text" maxlength=MAX_TEXT_CHARS prop:value=move || item.with(|x| x.condition.clone())
                                    on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.condition = v })) }/>
                            </label>
                            <label class="field">"Handled by"
                                <select prop:value=move || item.with(|x| x.role.clone().unwrap_or_default())
                                    on:change=move |ev| { let v = optional(event_target_value(&ev)); edit(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.role = v })) }>
                                    {role_options(state, Signal::derive(move || item.with(|x| x.role.clone())))}
                                </select>
                            </label>
                            <label class="field">"What is done"
                                <input type="text" maxlength=MAX_TEXT_CHARS prop:value=move || item.with(|x| x.action.clone())
                                    on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |l| if let Some(x) = l.get_mut(i) { x.action = v })) }/>
                            </label>
                            <button type="button" class="icon-button align-end" aria-label=format!("Remove exception {}", i + 1)
                                on:click=move |_| edit(Box::new(move |l| { if i < l.len() { l.remove(i); } }))>"✕"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" on:click=move |_| edit(Box::new(|l| l.push(Exception { condition: String::new(), role: None, action: String::new() })))>"+ Exception"</button>
        </fieldset>
    }
}

/// The stages, in order, with the handoff into each where the role changes.
#[component]
fn Stages(workflow: Memo<Workflow>, element: StoredValue<Id>) -> impl IntoView {
    let state = use_app();
    let edit = move |f: ListEdit<Stage>| {
        update_workflow(state, &element.get_value(), move |w| f(&mut w.stages))
    };
    let add = move |_| {
        let id = new_id();
        let n = workflow.with_untracked(|w| w.stages.len()) + 1;
        // A new stage is done by the role of the one before, the usual case.
        let role = workflow.with_untracked(|w| w.stages.last().and_then(|s| s.role.clone()));
        let stage = Stage {
            id: id.clone(),
            name: format!("Stage {n}"),
            role,
            ..Default::default()
        };
        edit(Box::new(move |l| l.push(stage)));
        focus_later(format!("stage-name-{id}"));
    };
    let move_stage = move |id: Id, delta: isize| {
        let from = workflow.with_untracked(|w| w.stages.iter().position(|s| s.id == id));
        let Some(from) = from else { return };
        let to = from as isize + delta;
        let len = workflow.with_untracked(|w| w.stages.len()) as isize;
        if to < 0 || to >= len {
            return;
        }
        edit(Box::new(move |l| {
            let s = l.remove(from);
            l.insert(to as usize, s);
        }));
        focus_later(format!("stage-name-{id}"));
    };
    let handoffs = Memo::new(move |_| workflow.with(|w| w.handoffs().collect::<Vec<_>>()));
    let ids = move || workflow.with(|w| w.stages.iter().map(|s| s.id.clone()).collect::<Vec<_>>());
    view! {
        <section class="stages" aria-labelledby="stages-title">
            <h3 id="stages-title">"Stages, in order"</h3>
            {move || workflow.with(|w| w.stages.is_empty()).then(|| view! {
                <p class="empty">"No stages yet. Add the first step of the work, then one per step until its output is delivered."</p>
            })}
            // Keyed by stage id: a moved stage keeps its element, and the
            // focus stays in it.
            <ol class="stage-list" data-testid="stage-list">
                <For each=ids key=|id| id.clone() let:id>
                    {
                        let sid = StoredValue::new(id.clone());
                        let stage = Memo::new(move |_| workflow.with(|w| w.stages.iter().find(|s| s.id == sid.get_value()).cloned().unwrap_or_default()));
                        let index = Memo::new(move |_| workflow.with(|w| w.stages.iter().position(|s| s.id == sid.get_value()).unwrap_or(0)));
                        let count = move || workflow.with(|w| w.stages.len());
                        let handoff = move || handoffs.with(|h| h.contains(&index.get()));
                        let role_name = move |r: Option<Id>| state.model.with(|m| r.and_then(|r| m.role(&r).map(|r| r.name.clone())).unwrap_or_default());
                        let from_role = move || role_name(workflow.with(|w| index.get().checked_sub(1).and_then(|p| w.stages.get(p)).and_then(|p| p.role.clone())));
                        let to_role = move || role_name(stage.with(|s| s.role.clone()));
                        let at = move |f: Box<dyn FnOnce(&mut Stage)>| {
                            let id = sid.get_value();
                            edit(Box::new(move |l| if let Some(s) = l.iter_mut().find(|s| s.id == id) { f(s) }))
                        };
                        let field = move |get: fn(&Stage) -> String| move || stage.with(get);
                        view! {
                            <li class="stage-card item-card" id=stage_anchor(&id) data-testid="stage">
                                {move || handoff().then(|| view! {
                                    <div class="handoff" data-testid="handoff">
                                        <p class="handoff-title"><span aria-hidden="true">"\u{21c4} "</span>{move || format!("Handoff from {} to {}", from_role(), to_role())}</p>
                                        <div class="field-row">
                                            <label class="field">"What is passed on"
                                                <input type="text" maxlength=MAX_TEXT_CHARS data-testid="handoff-passed" prop:value=field(|s| s.handoff.passed.clone())
                                                    on:change=move |ev| { let v = event_target_value(&ev); at(Box::new(move |s| s.handoff.passed = v)) }/>
                                            </label>
                                            <label class="field">{move || format!("What {} checks before accepting it", to_role())}
                                                <input type="text" maxlength=MAX_TEXT_CHARS data-testid="handoff-check" prop:value=field(|s| s.handoff.check.clone())
                                                    on:change=move |ev| { let v = event_target_value(&ev); at(Box::new(move |s| s.handoff.check = v)) }/>
                                            </label>
                                        </div>
                                    </div>
                                })}
                                <div class="field-row">
                                    <label class="field">{move || format!("Stage {} of {}", index.get() + 1, count())}
                                        <input type="text" id=format!("stage-name-{id}") maxlength=MAX_NAME_CHARS data-testid="stage-name" prop:value=field(|s| s.name.clone())
                                            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                                            on:change=move |ev| { let v = event_target_value(&ev); at(Box::new(move |s| s.name = v)) }
                                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                                if !ev.alt_key() { return; }
                                                let delta = match ev.key().as_str() { "ArrowUp" => -1, "ArrowDown" => 1, _ => return };
                                                ev.prevent_default();
                                                move_stage(sid.get_value(), delta);
                                            }/>
                                    </label>
                                    <label class="field">"Performed by"
                                        <select data-testid="stage-role" prop:value=move || stage.with(|s| s.role.clone().unwrap_or_default()) on:change=move |ev| { let v = optional(event_target_value(&ev)); at(Box::new(move |s| s.role = v)) }>
                                            {role_options(state, Signal::derive(move || stage.with(|s| s.role.clone())))}
                                        </select>
                                    </label>
                                    <label class="field">"Expected duration"
                                        <input type="text" maxlength=MAX_NAME_CHARS prop:value=field(|s| s.duration.clone())
                                            on:change=move |ev| { let v = event_target_value(&ev); at(Box::new(move |s| s.duration = v)) }/>
                                    </label>
                                    <label class="field">"Decision point"
                                        <select prop:value=move || stage.with(|s| s.decision.clone().unwrap_or_default())
                                            on:change=move |ev| { let v = optional(event_target_value(&ev)); at(Box::new(move |s| s.decision = v)) }>
                                            <option value="" selected=move || stage.with(|s| s.decision.is_none())>"(none)"</option>
                                            {move || state.model.with(|m| m.decisions.iter().map(|d| {
                                                let (d1, d2) = (d.id.clone(), d.id.clone());
                                                view! { <option value=d1 selected=move || stage.with(|s| s.decision.as_deref() == Some(d2.as_str()))>{d.name.clone()}</option> }
                                            }).collect_view())}
                                        </select>
                                    </label>
                                </div>
                                <div class="field-row">
                                    <label class="field">"Entry criteria: what must be true to start"
                                        <textarea maxlength=MAX_TEXT_CHARS prop:value=field(|s| s.entry.clone())
                                            on:change=move |ev| { let v = event_target_value(&ev); at(Box::new(move |s| s.entry = v)) }/>
                                    </label>
                                    <label class="field">"Exit criteria: the standard met before work moves on"
                                        <textarea maxlength=MAX_TEXT_CHARS data-testid="stage-exit" prop:value=field(|s| s.exit.clone())
                                            on:change=move |ev| { let v = event_target_value(&ev); at(Box::new(move |s| s.exit = v)) }/>
                                    </label>
                                </div>
                                <details class="stage-uses">
                                    <summary>{move || stage.with(|s| format!("Systems and data: {} used, {} read, {} written", s.systems.len(), s.reads.len(), s.writes.len()))}</summary>
                                    {move || state.model.with(|m| {
                                        let pick = |kind: ElementKind| m.elements.iter().filter(|e| e.kind == kind).map(|e| (e.id.clone(), e.name.clone())).collect::<Vec<_>>();
                                        let (systems, data) = (pick(ElementKind::System), pick(ElementKind::Data));
                                        let group = move |title: &'static str, items: Vec<(Id, String)>, list: fn(&mut Stage) -> &mut Vec<Id>, get: fn(&Stage) -> &Vec<Id>| view! {
                                            <fieldset class="checklist">
                                                <legend>{title}</legend>
                                                {if items.is_empty() { Some(view! { <p class="muted small">"None in the model yet: add them on the Ownership page."</p> }) } else { None }}
                                                {items.into_iter().map(|(eid, name)| {
                                                    let (e1, e2) = (eid.clone(), eid.clone());
                                                    view! {
                                                        <label class="check">
                                                            <input type="checkbox" prop:checked=move || stage.with(|s| get(s).contains(&e1))
                                                                on:change=move |ev| {
                                                                    let on = event_target_checked(&ev);
                                                                    let e = e2.clone();
                                                                    at(Box::new(move |s| { let l = list(s); l.retain(|x| x != &e); if on { l.push(e) } }))
                                                                }/>
                                                            " " {name}
                                                        </label>
                                                    }
                                                }).collect_view()}
                                            </fieldset>
                                        };
                                        view! {
                                            {group("Systems used", systems, |s| &mut s.systems, |s| &s.systems)}
                                            {group("Data read", data.clone(), |s| &mut s.reads, |s| &s.reads)}
                                            {group("Data written", data, |s| &mut s.writes, |s| &s.writes)}
                                        }
                                    })}
                                </details>
                                <div class="toolbar">
                                    <button type="button" aria-disabled=move || (index.get() == 0).to_string()
                                        aria-label=move || format!("Move stage {} up", index.get() + 1)
                                        on:click=move |_| move_stage(sid.get_value(), -1)>"Move up"</button>
                                    <button type="button" aria-disabled=move || (index.get() + 1 >= count()).to_string()
                                        aria-label=move || format!("Move stage {} down", index.get() + 1)
                                        on:click=move |_| move_stage(sid.get_value(), 1)>"Move down"</button>
                                    <button type="button" aria-label=move || format!("Delete stage {}", index.get() + 1)
                                        on:click=move |_| {
                                            let gone = sid.get_value();
                                            edit(Box::new(move |l| l.retain(|s| s.id != gone)));
                                            state.notify(crate::ui::state::NoticeKind::Info, "Stage deleted. Undo with Ctrl+Z.");
                                        }>"Delete stage"</button>
                                </div>
                            </li>
                        }
                    }
                </For>
            </ol>
            <button type="button" data-testid="add-stage" on:click=add>"+ Stage"</button>
        </section>
    }
}

/// The swimlane drawing of the flow, with its table alternative and
/// downloads. A stage in the drawing takes the focus; Enter (or a click)
/// opens it in the editor below.
#[component]
pub fn Swimlane(element: StoredValue<Id>) -> impl IntoView {
    let state = use_app();
    let open = move |ev: &web_sys::Event| {
        use wasm_bindgen::JsCast;
        let stage = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-stage]").ok().flatten())
            .and_then(|g| g.get_attribute("data-stage"));
        if let Some(id) = stage {
            if let Some(el) = document().get_element_by_id(&stage_anchor(&id)) {
                el.scroll_into_view();
            }
            focus_later(format!("stage-name-{id}"));
        }
    };
    view! {
        {move || state.model.with(|m| {
            let w = m.workflow(&element.get_value()).cloned().unwrap_or_else(|| Workflow::new(element.get_value()));
            let svg = crate::charts::swimlane(m, &w);
            let mut findings = Vec::new();
            crate::model::workflow::checks::check(m, &w, &mut findings);
            let handoffs: Vec<usize> = w.handoffs().collect();
            let role = |r: &Option<Id>| r.as_deref().and_then(|r| m.role(r)).map_or("(nobody)".to_string(), |r| r.name.clone());
            let rows = w.stages.iter().enumerate().map(|(i, s)| vec![
                (i + 1).to_string(),
                s.name.clone(),
                role(&s.role),
                s.exit.clone(),
                if handoffs.contains(&i) { format!("{} / {}", s.handoff.passed, s.handoff.check) } else { String::new() },
                s.decision.as_deref().and_then(|d| m.decision(d)).map(|d| d.name.clone()).unwrap_or_default(),
                findings.iter().filter(|f| f.stage.as_deref() == Some(s.id.as_str())).count().to_string(),
            ]).collect::<Vec<_>>();
            let header = ["#", "Stage", "Performed by", "Exit criteria", "Handoff in: passed / checked", "Decision point", "Problems"].map(String::from).to_vec();
            view! {
                <div class="swimlane" data-testid="swimlane"
                    on:click=move |ev| open(&ev)
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { open(&ev) }>
                    <crate::ui::progress::ChartFigure svg=svg slug="swimlane" table_header=header table_rows=rows/>
                </div>
            }
        })}
    }
}
