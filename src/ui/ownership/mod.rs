//! The ownership matrix: elements x roles, one accountable role per element,
//! checked live.

mod findings;
mod headers;
mod import_dialog;
mod io;

use std::sync::Arc;

use leptos::prelude::*;

use std::collections::BTreeMap;

use crate::model::ownership::{badges_by_element, check, OwnershipReport};
use crate::model::{new_id, Element, ElementKind, Id, Op, Raci, Role};
use crate::ui::after_paint::after_paint;
use crate::ui::grid::{cell_class, Grid, GridRow, GridSpec, GridUi};
use crate::ui::grid_headers::add_role;
use crate::ui::present::{ExitPresentation, PresentButton, Presentation};
use crate::ui::row_store::{self, RowStore};
use crate::ui::state::{use_app, AppState, NoticeKind};
use crate::ui::undo_redo::UndoRedo;

use self::findings::FindingsPanel;
use self::headers::{ElementHeader, RoleFooter, RoleHeader};
use self::io::{CsvImport, ExportButtons};

pub const TABLE_ID: &str = "ownership-grid";

/// State shared by the matrix's parts (headers, findings, toolbar).
#[derive(Clone, Copy)]
pub struct MatrixUi {
    /// The checks, one frame behind the grid (see `after_paint`).
    pub report: ReadSignal<OwnershipReport>,
    /// Problems and notes per element, counted once per change.
    pub badges: Memo<BTreeMap<Id, (usize, usize)>>,
    pub grid: GridUi,
    pub kind_filter: RwSignal<Option<ElementKind>>,
    /// One signal per element and per role (see `row_store`).
    pub elements: RowStore<Element>,
    pub roles: RowStore<Role>,
}

pub fn use_matrix() -> MatrixUi {
    expect_context::<MatrixUi>()
}

/// What each letter means, in the words shown in the legend and tooltips.
pub fn letter_meaning(l: Raci) -> &'static str {
    match l {
        Raci::R => "Responsible: does the work",
        Raci::A => "Accountable: owns the result; exactly one per element",
        Raci::C => "Consulted: asked before it is done",
        Raci::I => "Informed: told once it is done",
        Raci::AR => "Accountable and Responsible: owns the result and does the work",
    }
}

pub use crate::ui::grid::focus_later;

pub fn add_element(state: AppState, ui: MatrixUi, from_grid: bool) {
    let id = new_id();
    let n = state.model.with_untracked(|m| m.elements.len()) + 1;
    let kind = ui
        .kind_filter
        .get_untracked()
        .unwrap_or(ElementKind::Process);
    let element = Element {
        id: id.clone(),
        name: format!("New element {n}"),
        kind,
        description: String::new(),
        assignments: Default::default(),
    };
    match state.apply(Op::AddElement {
        index: usize::MAX,
        element,
    }) {
        Ok(()) => ui.grid.name_new(Some(id), None, from_grid),
        Err(e) => state.notify(NoticeKind::Error, e.to_string()),
    }
}

#[component]
pub fn Ownership() -> impl IntoView {
    let state = use_app();
    let report = after_paint(
        move || state.model.track(),
        move || state.model.with_untracked(check),
    );
    let ui = MatrixUi {
        report,
        badges: Memo::new(move |_| report.with(badges_by_element)),
        grid: GridUi::new(TABLE_ID),
        kind_filter: RwSignal::new(None),
        elements: RowStore::new(state, row_store::ELEMENTS),
        roles: RowStore::new(state, row_store::ROLES),
    };
    provide_context(ui);
    let grouped = RwSignal::new(false);
    let presentation = Presentation::new();
    let presenting = presentation.on;

    // The rows and columns follow the row stores' orders, which change only
    // when items are added, removed or moved: a letter set must not wake
    // every reader of the row list (each rendered row, the counts).
    let rows = Memo::new(move |_| {
        let filter = ui.kind_filter.get();
        let grouped = grouped.get();
        if filter.is_none() && !grouped {
            return ui
                .elements
                .order()
                .with(|ids| ids.iter().map(|id| GridRow::Item(id.clone())).collect());
        }
        // Filtering and grouping need the kinds: follow the whole model.
        state.model.with(|m| {
            let visible = |e: &&Element| filter.is_none_or(|k| e.kind == k);
            if grouped {
                let mut out = Vec::new();
                for kind in ElementKind::ALL {
                    let items: Vec<GridRow> = m
                        .elements
                        .iter()
                        .filter(visible)
                        .filter(|e| e.kind == kind)
                        .map(|e| GridRow::Item(e.id.clone()))
                        .collect();
                    if !items.is_empty() {
                        out.push(GridRow::Group {
                            key: kind.key().into(),
                            label: format!("{} ({})", kind.plural(), items.len()),
                        });
                        out.extend(items);
                    }
                }
                out
            } else {
                m.elements
                    .iter()
                    .filter(visible)
                    .map(|e| GridRow::Item(e.id.clone()))
                    .collect()
            }
        })
    });
    let cols = ui.roles.order();

    let elements = ui.elements;
    let row_cells = Arc::new(move |id: &str| {
        let row = elements.get(id);
        Signal::from(Memo::new(move |_| {
            row.map(|r| {
                r.with(|e| {
                    e.assignments
                        .iter()
                        .map(|(k, l)| (k.clone(), l.label().to_string()))
                        .collect()
                })
            })
            .unwrap_or_default()
        }))
    });
    let describe = Arc::new(move |row: &str, col: &str, letter: Option<&str>| {
        state.model.with_untracked(|m| {
            let element = m.element(row).map_or("", |e| e.name.as_str());
            let role = m.role(col).map_or("", |r| r.name.as_str());
            match letter.and_then(Raci::parse) {
                Some(l) => format!("{role} on {element}: {} ({})", l.label(), letter_meaning(l)),
                None => format!("{role} on {element}: no letter. Type R, A, C, I, or + for A/R."),
            }
        })
    });
    let spec = GridSpec {
        label: "Ownership matrix: elements by roles".into(),
        corner: "Element".into(),
        rows: rows.into(),
        cols,
        row_cells,
        explain: Arc::new(|letter: &str| {
            Raci::parse(letter)
                .map(|l| format!("{}: {}", l.label(), letter_meaning(l)))
                .unwrap_or_default()
        }),
        letters: Signal::stored(Raci::ALL.iter().map(|l| l.label().to_string()).collect()),
        letter_for_key: Arc::new(|c: char| Raci::from_key(c).map(|l| l.label().to_string())),
        on_set: Callback::new(move |(row, col, letter): (Id, Id, Option<String>)| {
            let letter = letter.as_deref().and_then(Raci::parse);
            state.apply_views_after_paint(Op::SetAssignment {
                element: row,
                role: col,
                letter,
            })
        }),
        letter_at: Arc::new(move |row: &str, col: &str| {
            state.model.with_untracked(|m| {
                m.element(row)
                    .and_then(|e| e.assignments.get(col))
                    .map(|l| l.label().to_string())
            })
        }),
        describe,
        row_header: Arc::new(|id| view! { <ElementHeader id=id/> }.into_any()),
        col_header: Arc::new(|id| view! { <RoleHeader id=id/> }.into_any()),
        col_footer: Some(Arc::new(|id| view! { <RoleFooter id=id/> }.into_any())),
        on_add_row: Callback::new(move |_| add_element(state, ui, true)),
        on_add_col: Callback::new(move |_| add_role(state, ui.grid, true)),
        active: ui.grid.active,
        reveal: ui.grid.reveal,
    };

    let coverage = move || {
        report.with(|r| match r.coverage() {
            Some(c) => format!("{c:.0}%"),
            None => "–".into(),
        })
    };
    let coverage_detail = move || {
        report.with(|r| {
            if r.elements == 0 {
                "No elements yet.".to_string()
            } else {
                format!(
                    "{} of {} elements have exactly one accountable role.",
                    r.owned, r.elements
                )
            }
        })
    };
    let empty = move || {
        state
            .model
            .with(|m| m.elements.is_empty() && m.roles.is_empty())
    };
    let no_roles = move || {
        state
            .model
            .with(|m| m.roles.is_empty() && !m.elements.is_empty())
    };

    view! {
        <section class="page ownership" class:presenting=move || presenting.get()>
            <div class="page-head">
                <div>
                    <h1>"Ownership matrix"</h1>
                    <p class="lead edit-chrome">
                        "Every element of the operation gets exactly one accountable role (A), "
                        "at least one role doing the work (R), and whoever must be consulted (C) or informed (I)."
                    </p>
                </div>
                <div class="figure" data-testid="ownership-coverage">
                    <span class="figure-value">{coverage}</span>
                    <span class="figure-label">"ownership coverage"</span>
                    <span class="figure-detail">{coverage_detail}</span>
                </div>
            </div>

            <Legend/>

            <div class="toolbar edit-chrome" role="toolbar" aria-label="Matrix tools">
                <button type="button" on:click=move |_| add_element(state, ui, false) title="Shortcut in the grid: N">"+ Element"</button>
                <button type="button" on:click=move |_| add_role(state, ui.grid, false) title="Shortcut in the grid: Shift+N">"+ Role"</button>
                <UndoRedo/>
                <label class="inline-field">
                    "Show "
                    <select
                        data-testid="kind-filter"
                        on:change=move |ev| ui.kind_filter.set(ElementKind::from_key(&event_target_value(&ev)))
                    >
                        <option value="" selected=move || ui.kind_filter.get().is_none()>"all kinds"</option>
                        {ElementKind::ALL.into_iter().map(|k| view! {
                            <option value=k.key() selected=move || ui.kind_filter.get() == Some(k)>{k.plural()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="inline-field">
                    <input type="checkbox" prop:checked=move || grouped.get() on:change=move |ev| grouped.set(event_target_checked(&ev))/>
                    " Group by kind"
                </label>
                <PresentButton presentation=presentation/>
                <ExportButtons/>
                <CsvImport/>
            </div>
            <ExitPresentation presentation=presentation/>

            <Show when=empty>
                <div class="empty-state">
                    <p>"The matrix is empty. Add the elements of your operation as rows (+ Element) and your roles as columns (+ Role), or start from a sample."</p>
                    <crate::ui::samples::SamplePicker/>
                </div>
            </Show>
            <Show when=no_roles>
                <p class="empty">"Add a role (a column) to start giving elements an owner."</p>
            </Show>
            <Grid spec=spec table_id=TABLE_ID/>
            <KeyboardHelp/>
            <FindingsPanel/>
        </section>
    }
}

#[component]
fn Legend() -> impl IntoView {
    view! {
        <dl class="legend" aria-label="What the letters mean">
            {Raci::ALL.into_iter().map(|l| {
                let (word, rest) = letter_meaning(l).split_once(": ").unwrap_or(("", ""));
                view! {
                    <div>
                        <dt class=cell_class(Some(l.label()))>{l.label()}</dt>
                        <dd><strong>{word}</strong>": "{rest}</dd>
                    </div>
                }
            }).collect_view()}
        </dl>
    }
}

#[component]
fn KeyboardHelp() -> impl IntoView {
    view! {
        <details class="keyboard-help edit-chrome">
            <summary>"Keyboard shortcuts"</summary>
            <ul>
                <li><kbd>"Arrows"</kbd>", "<kbd>"Home"</kbd>", "<kbd>"End"</kbd>", "<kbd>"Tab"</kbd>": move between cells"</li>
                <li><kbd>"R"</kbd>" "<kbd>"A"</kbd>" "<kbd>"C"</kbd>" "<kbd>"I"</kbd>": set the letter; "<kbd>"+"</kbd>": A/R; "<kbd>"Delete"</kbd>": clear; "<kbd>"Space"</kbd>": cycle"</li>
                <li><kbd>"N"</kbd>": new element; "<kbd>"Shift+N"</kbd>": new role"</li>
                <li><kbd>"Enter"</kbd>" on a name: rename; "<kbd>"Alt+Arrows"</kbd>" on a name: move it"</li>
                <li><kbd>"Ctrl+Z"</kbd>": undo; "<kbd>"Ctrl+Shift+Z"</kbd>" or "<kbd>"Ctrl+Y"</kbd>": redo"</li>
            </ul>
        </details>
    }
}

/// Moves the focus to a cell, first showing every kind if the filter hides it.
pub fn jump_to_cell(ui: MatrixUi, element: Id, role: Id) {
    ui.kind_filter.set(None);
    ui.grid.jump(element, role);
}
