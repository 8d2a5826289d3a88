//! The stages of a flow, in order, with the handoff into each where the
//! role changes. A stage moves with its Up and Down buttons, Alt+Arrow keys
//! in its name field, or by dragging its handle onto another stage; its
//! decision point is picked from the decision-rights table or created
//! there from the stage. Every change is one undo step.

use leptos::prelude::*;

use super::checklist::{elements_of, toggle, ElementChecklist};
use super::editor::{optional, stage_anchor, ListEdit};
use super::{update_workflow, update_workflow_field};
use crate::model::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{new_id, Decision, ElementKind, Id, Op, Stage, Workflow};
use crate::ui::drag;
use crate::ui::governance::role_options;
use crate::ui::grid::focus_later;
use crate::ui::state::{use_app, NoticeKind};

/// The drag data type of a stage, so a drop elsewhere on the page (or a
/// row of the ownership grid) ignores it.
const DRAG_STAGE: &str = "application/x-opmodel-stage";

/// The stages, in order, with the handoff into each where the role changes.
#[component]
pub(super) fn Stages(workflow: Memo<Workflow>, element: StoredValue<Id>) -> impl IntoView {
    let state = use_app();
    // Adds, moves and removals show at once (the focus follows a stage);
    // a stage's fields show their own change, and the rest of the page
    // follows after the next frame.
    let edit = move |f: ListEdit<Stage>| {
        update_workflow(state, &element.get_value(), move |w| f(&mut w.stages))
    };
    let edit_field = move |f: ListEdit<Stage>| {
        update_workflow_field(state, &element.get_value(), move |w| f(&mut w.stages))
    };
    let (systems, data) = (
        elements_of(ElementKind::System, None),
        elements_of(ElementKind::Data, None),
    );
    // The decision-rights table's decisions, for every stage's picker: drawn
    // again only when one is added, renamed or removed.
    let decisions = Memo::new(move |_| {
        state.model.with(|m| {
            m.decisions
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect::<Vec<_>>()
        })
    });
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
    // Moves stage `id` to position `to`, keeping the focus in its name.
    let move_to = move |id: Id, to: usize| {
        let from = workflow.with_untracked(|w| w.stages.iter().position(|s| s.id == id));
        let len = workflow.with_untracked(|w| w.stages.len());
        let Some(from) = from.filter(|f| *f != to && to < len) else {
            return;
        };
        edit(Box::new(move |l| {
            let s = l.remove(from);
            l.insert(to, s);
        }));
        focus_later(format!("stage-name-{id}"));
    };
    let move_stage = move |id: Id, delta: isize| {
        let from = workflow.with_untracked(|w| w.stages.iter().position(|s| s.id == id));
        if let Some(to) = from.and_then(|f| f.checked_add_signed(delta)) {
            move_to(id, to);
        }
    };
    // The stage being dragged over, marked as the drop target.
    let drop_at = RwSignal::new(None::<Id>);
    // A new decision for stage `id`: added to the decision-rights table,
    // linked to this element and set as the stage's decision point, in one
    // undo step. Who decides is then said there.
    let new_decision = move |id: Id| {
        let mut w = workflow.get_untracked();
        let Some(at) = w.stages.iter().position(|s| s.id == id) else {
            return;
        };
        let name = match w.stages[at].name.trim() {
            "" => format!("Decision at stage {}", at + 1),
            n => n.to_string(),
        };
        let decision = new_id();
        let mut d = Decision::new(decision.clone(), name.clone());
        d.elements = vec![element.get_value()];
        w.stages[at].decision = Some(decision);
        let index = state.model.with_untracked(|m| m.decisions.len());
        let done = state.edit(Op::Batch(vec![
            Op::AddDecision {
                index,
                decision: Box::new(d),
            },
            Op::SetWorkflow(Box::new(w)),
        ]));
        if done {
            state.notify(
                NoticeKind::Info,
                format!("Decision \u{201c}{name}\u{201d} added to Decision rights and linked to this stage. Say there who decides."),
            );
        }
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
                            edit_field(Box::new(move |l| if let Some(s) = l.iter_mut().find(|s| s.id == id) { f(s) }))
                        };
                        let field = move |get: fn(&Stage) -> String| move || stage.with(get);
                        view! {
                            <li class="stage-card item-card" id=stage_anchor(&id) data-testid="stage"
                                class:drop-target=move || drop_at.with(|d| d.as_ref() == Some(&sid.get_value()))
                                on:dragover=move |ev| {
                                    if drag::accept(&ev, DRAG_STAGE) && drop_at.with_untracked(|d| d.as_ref() != Some(&sid.get_value())) {
                                        drop_at.set(Some(sid.get_value()));
                                    }
                                }
                                on:dragleave=move |_| drop_at.set(None)
                                on:drop=move |ev| {
                                    drop_at.set(None);
                                    if let Some(moved) = drag::dropped(&ev, DRAG_STAGE) {
                                        move_to(moved, index.get_untracked());
                                    }
                                }>
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
                                            {move || decisions.get().into_iter().map(|(id, name)| {
                                                let id2 = id.clone();
                                                view! { <option value=id selected=move || stage.with(|s| s.decision.as_deref() == Some(id2.as_str()))>{name}</option> }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <DecisionLink stage=stage create=Callback::new(move |_| new_decision(sid.get_value()))/>
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
                                    <ElementChecklist title="Systems used" kind=ElementKind::System items=systems chosen=Signal::derive(move || stage.with(|s| s.systems.clone()))
                                        on_toggle=Callback::new(move |(e, on)| at(Box::new(move |s| toggle(&mut s.systems, e, on))))/>
                                    <ElementChecklist title="Data read" kind=ElementKind::Data items=data chosen=Signal::derive(move || stage.with(|s| s.reads.clone()))
                                        on_toggle=Callback::new(move |(e, on)| at(Box::new(move |s| toggle(&mut s.reads, e, on))))/>
                                    <ElementChecklist title="Data written" kind=ElementKind::Data items=data chosen=Signal::derive(move || stage.with(|s| s.writes.clone()))
                                        on_toggle=Callback::new(move |(e, on)| at(Box::new(move |s| toggle(&mut s.writes, e, on))))/>
                                </details>
                                <div class="toolbar">
                                    <span class="drag-handle edit-chrome" draggable="true" title="Drag onto another stage to move it there"
                                        data-testid="stage-drag"
                                        on:dragstart=move |ev| {
                                            drag::start(&ev, DRAG_STAGE, &sid.get_value());
                                            // The whole card follows the pointer, not the handle.
                                            if let (Some(dt), Some(card)) = (ev.data_transfer(), document().get_element_by_id(&stage_anchor(&sid.get_value()))) {
                                                dt.set_drag_image(&card, 16, 16);
                                            }
                                        }
                                        on:dragend=move |_| drop_at.set(None)>
                                        <span aria-hidden="true">"⋮⋮"</span>" Drag"
                                    </span>
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
                                            state.notify(NoticeKind::Info, "Stage deleted. Undo with Ctrl+Z.");
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

/// Who decides at a stage's decision point, with the way to the decision
/// in the decision-rights table; or the button that creates one.
#[component]
fn DecisionLink(stage: Memo<Stage>, create: Callback<()>) -> impl IntoView {
    let state = use_app();
    // A memo, so the link is drawn again only when what it says changes.
    let decision = Memo::new(move |_| {
        let id = stage.with(|s| s.decision.clone())?;
        let who = state.model.with(|m| {
            m.decision(&id).map(|d| match d.deciders(m).as_slice() {
                [] => "Nobody decides yet.".to_string(),
                [one] => format!(
                    "Decided by {}.",
                    m.role(one).map_or(one.as_str(), |r| r.name.as_str())
                ),
                many => format!("{} roles decide: only one should.", many.len()),
            })
        });
        Some((id, who))
    });
    move || {
        match decision.get() {
            Some((id, who)) => {
                view! {
                    <p class="field decision-link small">
                        {who}" "
                        <a href=format!("/decisions?open={}", js_sys::encode_uri_component(&id)) data-testid="open-decision">"Open in Decision rights"</a>
                    </p>
                }
                .into_any()
            }
            None => view! {
                <button type="button" class="align-end" data-testid="new-decision" on:click=move |_| create.run(())>"+ New decision here"</button>
            }
            .into_any(),
        }
    }
}
