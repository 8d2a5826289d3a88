//! "Compare with a file" on the Models page: a model file someone sent
//! back, set against the open model, part by part, in words, with the
//! change report to download (`model::compare`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::compare::matrix::matrix;
use crate::model::compare::{compare, summary, to_markdown, Comparison, Kind, Part};
use crate::model::load;
use crate::model::Model;
use crate::storage::browser::{download, read_file};
use crate::storage::filename::report_file_name;
use crate::ui::fold::Fold;
use crate::ui::state::{use_app, NoticeKind};
use std::sync::Arc;

/// What was compared, and what changed.
#[derive(Clone, PartialEq)]
struct Outcome {
    file: String,
    theirs: String,
    comparison: Comparison,
    /// The two models compared, for the matrix of changed cells.
    sides: Sides,
}

#[component]
pub fn CompareWithFile() -> impl IntoView {
    let state = use_app();
    let input = NodeRef::<leptos::html::Input>::new();
    let outcome = RwSignal::new(None::<Outcome>);
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let target: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = target.files().and_then(|f| f.get(0)) {
            let name = file.name();
            spawn_local(async move {
                let bytes = match read_file(&file).await {
                    Ok(b) => b,
                    Err(e) => {
                        error.set(Some(format!("{name} could not be read: {e}.")));
                        return;
                    }
                };
                match load(&bytes) {
                    Err(e) => {
                        outcome.set(None);
                        error.set(Some(format!("{name} cannot be compared: {e}")));
                    }
                    Ok(theirs) => {
                        let mine = state.model.get_untracked();
                        let comparison = compare(&mine, &theirs);
                        error.set(None);
                        outcome.set(Some(Outcome {
                            file: name,
                            theirs: theirs.name.clone(),
                            comparison,
                            sides: (Arc::new(mine), Arc::new(theirs)),
                        }));
                    }
                }
            });
        }
        target.set_value("");
    };
    view! {
        <section class="compare" aria-labelledby="compare-heading" data-testid="compare">
            <h2 id="compare-heading">"Compare with a file"</h2>
            <p class="muted">"A model file that came back edited: see what changed from the model open here, part by part, and download the change report to send back. Nothing is changed here."</p>
            <button type="button" data-testid="compare-button" on:click=move |_| if let Some(i) = input.get() { i.click() }>
                "Choose a file to compare..."
            </button>
            <input node_ref=input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true"
                data-testid="compare-input" accept=".json,.opmodel.json,application/json" on:change=on_change/>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {move || outcome.get().map(|o| {
                let mine = state.model.with_untracked(|m| m.name.clone());
                view! {
                    <ComparisonView
                        comparison=o.comparison
                        lead=format!("{}: ", o.file)
                        old=format!("\u{201c}{mine}\u{201d} (open here)")
                        new=format!("\u{201c}{}\u{201d} ({})", o.theirs, o.file)
                        report_name=report_file_name(&mine)
                        sides=o.sides
                    />
                }
            })}
        </section>
    }
}

/// "nothing" -> "Nothing".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The two models of a comparison, shared (a 1,000 x 40 model costs a
/// few milliseconds to copy).
pub type Sides = (Arc<Model>, Arc<Model>);

/// A comparison shown: the summary, a count per part, every change in
/// words per part, and the Markdown change report (`old` and `new` name
/// the two sides in it) to download as `report_name`.
#[component]
pub fn ComparisonView(
    comparison: Comparison,
    /// Bold words before the summary (what was compared).
    lead: String,
    old: String,
    new: String,
    report_name: String,
    /// The two models, for the matrix of changed cells.
    #[prop(optional)]
    sides: Option<Sides>,
) -> impl IntoView {
    let state = use_app();
    let c = comparison;
    let parts: Vec<Part> = Part::ALL
        .into_iter()
        .filter(|p| c.of(*p).next().is_some())
        .collect();
    // Written when asked for: a large comparison's report is long.
    let stored = StoredValue::new((c.clone(), old, new));
    let report = move |_| {
        let text = stored.with_value(|(c, old, new)| to_markdown(c, old, new));
        if let Err(e) = download(&report_name, &text, "text/markdown") {
            state.notify(
                NoticeKind::Error,
                format!("The report could not be downloaded: {e}."),
            );
        }
    };
    view! {
        <div class="comparison" data-testid="comparison" role="status">
            <p><strong>{lead}</strong>{format!("{}.", capitalised(&summary(&c)))}</p>
            {(!c.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Changes per part">
                    <table class="data-table" data-testid="comparison-counts">
                        <thead><tr><th scope="col">"Part"</th><th scope="col">"Added"</th><th scope="col">"Removed"</th><th scope="col">"Changed"</th></tr></thead>
                        <tbody>
                            {parts.iter().map(|p| view! {
                                <tr>
                                    <th scope="row">{p.label()}</th>
                                    <td>{c.count(*p, Kind::Added)}</td>
                                    <td>{c.count(*p, Kind::Removed)}</td>
                                    <td>{c.count(*p, Kind::Changed)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {parts.iter().map(|p| {
                    let part = *p;
                    let n = c.of(part).count();
                    // The lines are written when the part is opened: a
                    // comparison of two large models has hundreds.
                    view! {
                        <Fold class="comparison-part" summary=move || format!("{} ({n})", part.label())>
                            {move || {
                                let lines: Vec<String> = stored.with_value(|(c, _, _)| c.of(part).map(|ch| ch.words()).collect());
                                view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }
                            }}
                        </Fold>
                    }
                }).collect_view()}
                {sides.filter(|_| c.count(Part::Assignments, Kind::Changed) + c.count(Part::Elements, Kind::Added) + c.count(Part::Elements, Kind::Removed) > 0)
                    .map(|(a, b)| view! { <MatrixChanges old=a new=b/> })}
                <button type="button" data-testid="download-report" on:click=report>"Download the change report (Markdown)"</button>
            })}
        </div>
    }
}

/// The ownership matrix with the changed cells marked, old letter ->
/// new letter (never by colour alone), built when first opened; "Show only
/// changes" (on at first) keeps the rows that changed.
#[component]
fn MatrixChanges(old: Arc<Model>, new: Arc<Model>) -> impl IntoView {
    let only = RwSignal::new(true);
    let sides = StoredValue::new((old, new));
    view! {
        <Fold class="comparison-part" testid="matrix-changes" summary=|| "The ownership matrix, cell by cell">
            <label class="check">
                <input type="checkbox" data-testid="only-changes" prop:checked=move || only.get()
                    on:change=move |ev| only.set(event_target_checked(&ev))/>
                " Show only changes"
            </label>
            {
                // Worked out once, when the fold is first opened.
                let d = sides.with_value(|(a, b)| matrix(a, b));
                move || {
                let rows: Vec<_> = d.rows.iter().filter(|r| !only.get() || r.changed()).cloned().collect();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="The ownership matrix, changed cells marked">
                        <table class="data-table matrix-changes">
                            <thead><tr>
                                <th scope="col">"Element"</th>
                                {d.columns.iter().map(|c| {
                                    let mark = c.presence.words();
                                    view! { <th scope="col" class:col-added=mark == "added" class:col-removed=mark == "removed">
                                        {c.name.clone()}
                                        {(!mark.is_empty()).then(|| view! { <span class="muted small">{format!(" ({mark})")}</span> })}
                                    </th> }
                                }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let mark = r.presence.words();
                                    view! {
                                        <tr>
                                            <th scope="row">{r.name}{(!mark.is_empty()).then(|| view! { <span class="muted small">{format!(" ({mark})")}</span> })}</th>
                                            {r.cells.into_iter().map(|cell| if cell.changed() {
                                                let said = format!("{} to {}", if cell.before.is_empty() { "none" } else { cell.before }, if cell.after.is_empty() { "none" } else { cell.after });
                                                view! {
                                                    <td class="cell-changed" aria-label=said>
                                                        <del>{if cell.before.is_empty() { "\u{2013}" } else { cell.before }}</del>
                                                        " \u{2192} "
                                                        <ins>{if cell.after.is_empty() { "\u{2013}" } else { cell.after }}</ins>
                                                    </td>
                                                }.into_any()
                                            } else {
                                                view! { <td>{cell.after}</td> }.into_any()
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }
            }
        </Fold>
    }
}
