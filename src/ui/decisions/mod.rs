//! The decision-rights table: decisions x roles in the model's vocabulary,
//! with each decision's conditions in a details panel, checked live.

mod cards;
mod details;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::decisions::{check, convert, decisions_table, lookup, DecisionReport};
use crate::model::ownership::Severity;
use crate::model::{new_id, Decision, Id, Op, Role, Vocabulary};
use crate::ui::after_paint::after_paint;
use crate::ui::grid::{focus_later, Grid, GridRow, GridSpec, GridUi};
use crate::ui::grid_headers::{
    add_role, move_item, move_role, name_button_id, rename_role, Badge, EditableName, FindingItem,
};
use crate::ui::present::{ExitPresentation, PresentButton, Presentation};
use crate::ui::row_store::{self, RowStore};
use crate::ui::state::{use_app, AppState, NoticeKind};
use crate::ui::undo_redo::UndoRedo;

pub use cards::RoleCards;
use details::DetailsPanel;

pub const TABLE_ID: &str = "decisions-grid";

#[derive(Clone, Copy)]
struct DecisionsUi {
    /// The checks, one frame behind the table (see `after_paint`).
    report: ReadSignal<DecisionReport>,
    grid: GridUi,
    decisions: RowStore<Decision>,
    roles: RowStore<Role>,
    /// The decision whose details are open.
    selected: RwSignal<Option<Id>>,
}

fn add_decision(state: AppState, ui: DecisionsUi, from_grid: bool) {
    let id = new_id();
    let n = state.model.with_untracked(|m| m.decisions.len()) + 1;
    let decision = Decision::new(id.clone(), format!("New decision {n}"));
    match state.apply(Op::AddDecision {
        index: usize::MAX,
        decision: Box::new(decision),
    }) {
        Ok(()) => {
            ui.selected.set(Some(id.clone()));
            ui.grid.name_new(Some(id), None, from_grid);
        }
        Err(e) => state.notify(NoticeKind::Error, e.to_string()),
    }
}

/// The word for a letter in the model's vocabulary ("D" -> "Decide").
fn word(vocabulary: Vocabulary, letter: &str) -> &'static str {
    vocabulary
        .letters()
        .iter()
        .position(|l| *l == letter)
        .map_or("", |i| vocabulary.words()[i])
}

#[component]
pub fn Decisions() -> impl IntoView {
    let state = use_app();
    let ui = DecisionsUi {
        report: after_paint(
            move || state.model.track(),
            move || state.model.with_untracked(check),
        ),
        grid: GridUi::new(TABLE_ID),
        selected: RwSignal::new(None),
        decisions: RowStore::new(state, row_store::DECISIONS),
        roles: RowStore::new(state, row_store::ROLES),
    };
    let vocabulary = Memo::new(move |_| state.model.with(|m| m.settings.vocabulary));
    // From the row stores' orders, which change only when the lists do:
    // every row and cell reads these, and a letter set must not wake them.
    let rows = Memo::new(move |_| {
        ui.decisions.order().with(|ids| {
            ids.iter()
                .map(|id| GridRow::Item(id.clone()))
                .collect::<Vec<_>>()
        })
    });
    let cols = ui.roles.order();
    let store = ui.decisions;
    let row_cells = Arc::new(move |id: &str| {
        let row = store.get(id);
        Signal::from(Memo::new(move |_| {
            row.map(|r| r.with(|d| d.rights.clone()))
                .unwrap_or_default()
        }))
    });
    let describe = Arc::new(move |row: &str, col: &str, letter: Option<&str>| {
        state.model.with_untracked(|m| {
            let decision = m.decision(row).map_or("", |d| d.name.as_str());
            let role = m.role(col).map_or("", |r| r.name.as_str());
            let v = m.settings.vocabulary;
            match letter {
                Some(l) => format!("{role} on \u{201c}{decision}\u{201d}: {l} ({})", word(v, l)),
                None => format!(
                    "{role} on \u{201c}{decision}\u{201d}: no letter. Type {}.",
                    v.letters().join(", ")
                ),
            }
        })
    });
    let spec = GridSpec {
        label: "Decision rights: decisions by roles".into(),
        corner: "Decision".into(),
        rows: rows.into(),
        cols,
        row_cells,
        explain: Arc::new(move |letter: &str| {
            let v = vocabulary.get_untracked();
            format!("{letter}: {}", word(v, letter))
        }),
        letters: Signal::derive(move || {
            vocabulary
                .get()
                .letters()
                .iter()
                .map(|l| l.to_string())
                .collect()
        }),
        letter_for_key: Arc::new(move |c: char| {
            vocabulary
                .get_untracked()
                .letter_for_key(c)
                .map(str::to_string)
        }),
        on_set: Callback::new(move |(row, col, letter): (Id, Id, Option<String>)| {
            if ui.selected.with_untracked(|s| s.as_ref() != Some(&row)) {
                ui.selected.set(Some(row.clone()));
            }
            state.apply_views_after_paint(Op::SetRight {
                decision: row,
                role: col,
                letter,
            })
        }),
        letter_at: Arc::new(move |row: &str, col: &str| {
            state
                .model
                .with_untracked(|m| m.decision(row).and_then(|d| d.rights.get(col).cloned()))
        }),
        describe,
        row_header: Arc::new(move |id| view! { <DecisionHeader id=id ui=ui/> }.into_any()),
        col_header: Arc::new(move |id| view! { <RoleColumn id=id ui=ui/> }.into_any()),
        col_footer: None,
        on_add_row: Callback::new(move |_| add_decision(state, ui, true)),
        on_add_col: Callback::new(move |_| add_role(state, ui.grid, true)),
        active: ui.grid.active,
        reveal: ui.grid.reveal,
    };

    let switch = move |ev: leptos::ev::Event| {
        let to = match event_target_value(&ev).as_str() {
            "rapid" => Vocabulary::Rapid,
            "daci" => Vocabulary::Daci,
            _ => Vocabulary::Raci,
        };
        if to == vocabulary.get_untracked() {
            return;
        }
        let conversion = state.model.with_untracked(|m| convert(m, to));
        match state.apply(Op::SetVocabulary {
            vocabulary: to,
            decisions: conversion.decisions,
        }) {
            Ok(()) => {
                let mut text = format!("Switched to {}.", to.label());
                if !conversion.unconverted.is_empty() {
                    text.push_str(" Not converted: ");
                    text.push_str(&conversion.unconverted.join(" "));
                }
                state.notify(NoticeKind::Info, text);
            }
            Err(e) => state.notify(NoticeKind::Error, format!("The switch failed: {e}")),
        }
    };
    let coverage = move || {
        ui.report
            .with(|r| r.coverage().map_or("–".to_string(), |c| format!("{c:.0}%")))
    };
    let coverage_detail = move || {
        ui.report.with(|r| {
            if r.total == 0 {
                "No decisions yet.".to_string()
            } else {
                format!(
                    "{} of {} decisions have exactly one decider.",
                    r.covered, r.total
                )
            }
        })
    };
    let export = move |markdown: bool| {
        let table = state.model.with_untracked(decisions_table);
        state.export_table(&table, "decisions", markdown);
    };
    let empty = move || state.model.with(|m| m.decisions.is_empty());
    let presentation = Presentation::new();
    // `/decisions?open=<decision>` (a workflow stage's decision point)
    // opens that decision's details.
    if let Some(id) = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("open")) {
        ui.selected.set(Some(id));
    }
    // A memo, so the panel is rebuilt only when another decision is opened
    // (or this one removed), not on every edit: rebuilding it would take the
    // focus away from the field being filled in.
    let open_details = Memo::new(move |_| {
        ui.selected.get().filter(|id| {
            state
                .model
                .with(|m| m.decisions.iter().any(|d| &d.id == id))
        })
    });

    view! {
        <section class="page decisions" class:presenting=move || presentation.on.get()>
            <div class="page-head">
                <div>
                    <h1>"Decision rights"</h1>
                    <p class="lead">
                        "For each decision that matters: who decides, who must approve, when it goes "
                        "up the line and who can stop it. Exactly one role decides."
                    </p>
                </div>
                <div class="figure" data-testid="decision-coverage">
                    <span class="figure-value">{coverage}</span>
                    <span class="figure-label">"decision-rights coverage"</span>
                    <span class="figure-detail">{coverage_detail}</span>
                </div>
            </div>
            <div class="toolbar" role="toolbar" aria-label="Decision tools">
                <label class="inline-field">
                    "Letters "
                    <select data-testid="vocabulary" on:change=switch>
                        {Vocabulary::ALL.into_iter().map(|v| {
                            let key = match v { Vocabulary::Raci => "raci", Vocabulary::Rapid => "rapid", Vocabulary::Daci => "daci" };
                            view! { <option value=key selected=move || vocabulary.get() == v>{v.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" on:click=move |_| add_decision(state, ui, false) title="Shortcut in the table: N">"+ Decision"</button>
                <button type="button" on:click=move |_| add_role(state, ui.grid, false) title="Shortcut in the table: Shift+N">"+ Role"</button>
                <UndoRedo/>
                <button type="button" data-testid="decisions-csv" on:click=move |_| export(false)>"Export CSV"</button>
                <button type="button" on:click=move |_| export(true)>"Export Markdown"</button>
                <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                <PresentButton presentation=presentation/>
                <A href="/decisions/cards" attr:class="button">"Role cards"</A>
            </div>
            <ExitPresentation presentation=presentation/>
            <dl class="legend" aria-label="What the letters mean">
                {move || {
                    let v = vocabulary.get();
                    v.letters().iter().zip(v.words()).map(|(l, w)| view! {
                        <div>
                            <dt class=format!("cell letter-{}", l.to_lowercase())>{*l}</dt>
                            <dd>{*w}{if *l == v.decider() { " (decides)" } else { "" }}</dd>
                        </div>
                    }).collect_view()
                }}
            </dl>
            <Lookup/>
            <Show when=empty>
                <p class="empty">"No decisions yet. Add the decisions that cause debate or delay: a refund over the limit, a price change, a hire."</p>
            </Show>
            <div class="decisions-layout">
                <div class="decisions-main">
                    <Grid spec=spec table_id=TABLE_ID/>
                </div>
                {move || open_details.get().map(|id| view! {
                    <DetailsPanel id=id on_close=Callback::new(move |_| ui.selected.set(None))/>
                })}
            </div>
            <Findings ui=ui/>
        </section>
    }
}

#[component]
fn DecisionHeader(id: Id, ui: DecisionsUi) -> impl IntoView {
    let state = use_app();
    let name = ui.decisions.field(&id, |d| d.name.clone());
    let counts = {
        let id = id.clone();
        Signal::derive(move || {
            ui.report.with(|r| {
                r.for_decision(&id)
                    .fold((0, 0), |(p, n), f| match f.severity {
                        Severity::Problem => (p + 1, n),
                        Severity::Note => (p, n + 1),
                    })
            })
        })
    };
    let (rename_id, move_id, del_id, open_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    let on_rename = Callback::new(move |new: String| {
        let current = state
            .model
            .with_untracked(|m| m.decision(&rename_id).cloned());
        match current {
            Some(mut d) => {
                d.name = new;
                state
                    .apply(Op::SetDecision(Box::new(d)))
                    .map_err(|e| e.to_string())
            }
            None => Err("That decision no longer exists.".into()),
        }
    });
    let on_move = Callback::new(move |delta: isize| {
        move_item(
            state,
            &move_id,
            delta,
            |m, id| m.decisions.iter().position(|x| x.id == id),
            |id, to| Op::MoveDecision { id, to },
        )
    });
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| ui.selected.get().as_deref() == Some(id.as_str()))
    };
    view! {
        <div class="row-head">
            <div class="row-head-line">
                <EditableName ui=ui.grid id=id.clone() name=name what="decision" on_rename=on_rename on_move=on_move vertical=true/>
                <Badge counts=counts/>
                <button type="button" class="icon-button" aria-expanded=move || is_open.get().to_string()
                    aria-label=move || format!("Details of {}", name.get())
                    on:click=move |_| ui.selected.set(if is_open.get_untracked() { None } else { Some(open_id.clone()) })>"⋯"</button>
                <button type="button" class="icon-button" aria-label=move || format!("Delete decision {}", name.get())
                    on:click=move |_| {
                        if state.edit(Op::RemoveDecision { id: del_id.clone() }) {
                            state.notify(NoticeKind::Info, "Decision deleted. Undo with Ctrl+Z.");
                        }
                    }>"✕"</button>
            </div>
        </div>
    }
}

#[component]
fn RoleColumn(id: Id, ui: DecisionsUi) -> impl IntoView {
    let state = use_app();
    let name = ui.roles.field(&id, |r| r.name.clone());
    let (rename_id, move_id) = (id.clone(), id.clone());
    let on_rename = rename_role(state, rename_id);
    let on_move = Callback::new(move |delta: isize| move_role(state, &move_id, delta));
    view! {
        <div class="col-head">
            <EditableName ui=ui.grid id=id.clone() name=name what="role" on_rename=on_rename on_move=on_move vertical=false/>
            <A href=format!("/decisions/cards#card-{id}") attr:class="small-link"
                attr:aria-label=move || format!("Role card of {}", name.get())>"card"</A>
        </div>
    }
}

/// "Who can decide...?": a few words in, plain sentences out.
#[component]
fn Lookup() -> impl IntoView {
    let state = use_app();
    let query = RwSignal::new(String::new());
    let answers = move || {
        let q = query.get();
        if q.trim().chars().count() < 2 {
            return None;
        }
        Some(state.model.with(|m| lookup(m, &q)))
    };
    view! {
        <section class="lookup" aria-labelledby="lookup-heading">
            <h2 id="lookup-heading">"Who can decide...?"</h2>
            <input type="search" data-testid="lookup-input" placeholder="e.g. refund, price, hire"
                aria-label="Who can decide: type a few words of the decision" bind:value=query/>
            <div aria-live="polite" data-testid="lookup-results">
                {move || answers().map(|list| if list.is_empty() {
                    view! { <p class="muted">"No decision matches those words."</p> }.into_any()
                } else {
                    view! { <ul class="lookup-results">{list.into_iter().map(|a| view! { <li>{a.sentence}</li> }).collect_view()}</ul> }.into_any()
                })}
            </div>
        </section>
    }
}

#[component]
fn Findings(ui: DecisionsUi) -> impl IntoView {
    let state = use_app();
    let count = move || ui.report.with(|r| r.findings.len());
    view! {
        <section class="findings" aria-labelledby="decision-findings-heading" data-testid="decision-findings">
            <h2 id="decision-findings-heading">"Findings " <span class="count">{count}</span></h2>
            {move || ui.report.with(|r| {
                if r.findings.is_empty() {
                    return view! { <p class="empty">"No findings."</p> }.into_any();
                }
                view! {
                    <ul>
                        {r.findings.iter().map(|f| {
                            let problem = f.severity == Severity::Problem;
                            let (decision, role) = (f.decision.clone(), f.role.clone());
                            let jump = move |_: ()| {
                                let first_role = state.model.with_untracked(|m| m.roles.first().map(|r| r.id.clone()));
                                if let Some(d) = decision.clone() {
                                    ui.selected.set(Some(d.clone()));
                                    match role.clone().or(first_role) {
                                        Some(r) => ui.grid.jump(d, r),
                                        None => focus_later(name_button_id(&d)),
                                    }
                                }
                            };
                            view! { <FindingItem problem=problem message=f.message.clone() on_jump=Callback::new(jump)/> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
