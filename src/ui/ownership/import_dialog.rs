//! The CSV import dialog: for a file in the export's shape, the preview and
//! Import; for any other spreadsheet, first the mapping step (which row is
//! the header, which column holds the names, the kinds, the descriptions,
//! which are roles, whether rows with no letters are headings), with the
//! preview following each choice. Escape or Cancel closes it unchanged.

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::new_id;
use crate::model::table::{
    column_letters, export_mapping, guess_mapping, guess_mapping_at, preview_ownership_csv,
    CsvMapping, ImportPreview, KindSource, ParsedCsv, TextEncoding,
};
use crate::model::ElementKind;
use crate::ui::state::{use_app, NoticeKind};

/// A file read and waiting for the person's go-ahead.
#[derive(Clone)]
pub struct PendingImport {
    /// The file's name, as chosen.
    pub name: String,
    /// Its rows.
    pub parsed: Arc<ParsedCsv>,
}

/// How many rows the header row can be chosen from.
const HEADER_CHOICES: usize = 10;

/// The preview of one file, with the mapping step when the file is not in
/// the export's shape. `on_close` runs after Import or Cancel.
#[component]
pub fn ImportDialog(file: PendingImport, on_close: Callback<()>) -> impl IntoView {
    let state = use_app();
    let PendingImport { name, parsed } = file;
    let needs_mapping = export_mapping(&parsed).is_none();
    let mapping = RwSignal::new(guess_mapping(&parsed));
    let preview = Memo::new({
        let parsed = parsed.clone();
        move |_| {
            mapping.with(|m| {
                state
                    .model
                    .with(|model| preview_ownership_csv(model, &parsed, m, new_id))
            })
        }
    });
    let confirm = {
        let name = name.clone();
        move |_| {
            if let Some(op) = preview.get_untracked().op {
                match state.apply(op) {
                    Ok(()) => state.notify(
                        NoticeKind::Info,
                        format!("Imported \u{201c}{name}\u{201d}. Undo with Ctrl+Z."),
                    ),
                    Err(e) => state.notify(
                        NoticeKind::Error,
                        format!("The import failed: {e} Nothing was changed."),
                    ),
                }
            }
            on_close.run(());
        }
    };
    // The heading takes the focus, so a screen reader starts with what the
    // dialog is and Tab goes on to its first control.
    let heading = NodeRef::<leptos::html::H2>::new();
    heading.on_load(|h| {
        let _ = h.focus();
    });
    let encoding_note = (parsed.encoding == TextEncoding::Windows1252).then(|| view! {
        <p data-testid="csv-encoding">"The file is not UTF-8, so it was read as Windows-1252 (Excel\u{2019}s usual \u{201c}CSV\u{201d} on Windows). Check that accented letters look right."</p>
    });
    view! {
        <div
            class="import-preview"
            role="dialog"
            aria-modal="false"
            aria-labelledby="import-preview-title"
            data-testid="csv-preview"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    on_close.run(());
                }
            }
        >
            <h2 id="import-preview-title" tabindex="-1" node_ref=heading>"Import \u{201c}"{name}"\u{201d}?"</h2>
            {encoding_note}
            {needs_mapping.then(|| view! { <MappingStep parsed=parsed.clone() mapping/> })}
            <PreviewSummary preview/>
            <div class="toolbar">
                <button type="button" class="primary" disabled=move || preview.with(|p| p.op.is_none()) on:click=confirm>"Import"</button>
                <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
            </div>
        </div>
    }
}

/// What the import would do: counts first (announced as they change), then
/// the names and each skipped line with why.
#[component]
fn PreviewSummary(preview: Memo<ImportPreview>) -> impl IntoView {
    let counts = move || {
        preview.with(|p| {
            let part = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            [
                part(p.new_roles.len(), "new role", "new roles"),
                part(p.new_elements.len(), "new element", "new elements"),
                part(
                    p.updated_elements.len(),
                    "updated element",
                    "updated elements",
                ),
                part(p.headings.len(), "heading skipped", "headings skipped"),
                part(p.errors.len(), "line skipped", "lines skipped"),
            ]
            .join(", ")
                + "."
        })
    };
    let list = move |title: &'static str, items: fn(&ImportPreview) -> &Vec<String>| {
        move || {
            preview.with(|p| {
                let items = items(p);
                (!items.is_empty()).then(|| {
                    view! {
                        <p><strong>{title}" ("{items.len()}"): "</strong>{items.join(", ")}</p>
                    }
                })
            })
        }
    };
    view! {
        <p aria-live="polite" data-testid="csv-counts">{counts}</p>
        {list("New roles", |p| &p.new_roles)}
        {list("New elements", |p| &p.new_elements)}
        {list("Updated elements", |p| &p.updated_elements)}
        {list("Headings skipped", |p| &p.headings)}
        {move || preview.with(|p| (!p.errors.is_empty()).then(|| view! {
            <div class="preview-errors">
                <p><strong>"Skipped ("{p.errors.len()}"):"</strong></p>
                <ul>{p.errors.iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
            </div>
        }))}
        {move || preview.with(|p| p.op.is_none()).then(|| view! { <p>"There is nothing to import."</p> })}
    }
}

/// The choices of which column holds what, each a labelled control that
/// changes `mapping` (and so the preview) at once.
#[component]
fn MappingStep(parsed: Arc<ParsedCsv>, mapping: RwSignal<CsvMapping>) -> impl IntoView {
    let header_row = Memo::new(move |_| mapping.with(|m| m.header_row));
    // "C: Sponsor", from the chosen header row.
    let label = {
        let parsed = parsed.clone();
        move |col: usize| {
            let name = parsed
                .rows
                .get(header_row.get())
                .map_or("", |r| r.cell(col));
            let name = if name.is_empty() { "(no name)" } else { name };
            format!("{}: {name}", column_letters(col))
        }
    };
    let width = parsed.width;
    let columns = move || 0..width;
    let column_options = {
        let label = label.clone();
        move |selected: fn(&CsvMapping, usize) -> bool| {
            let label = label.clone();
            move || {
                columns()
                    .map(|c| view! {
                        <option value=c.to_string() prop:selected=move || mapping.with(|m| selected(m, c))>{label(c)}</option>
                    })
                    .collect_view()
            }
        }
    };
    // "Line 4: Activity, Sponsor, Project Manager, ..." for the first rows.
    let header_options = parsed
        .rows
        .iter()
        .take(HEADER_CHOICES)
        .enumerate()
        .map(|(i, r)| {
            let cells: Vec<&str> = r.cells.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
            let all = cells.join(", ");
            let mut text: String = all.chars().take(60).collect();
            if text.len() < all.len() {
                text.push('\u{2026}');
            }
            let text = format!("Line {}: {text}", r.line);
            view! { <option value=i.to_string() prop:selected=move || header_row.get() == i>{text}</option> }
        })
        .collect_view();
    let set_header = {
        let parsed = parsed.clone();
        move |ev| {
            let row = event_target_value(&ev).parse().unwrap_or(0);
            let skip = mapping.with_untracked(|m| m.skip_headings);
            mapping.set(CsvMapping {
                skip_headings: skip,
                ..guess_mapping_at(&parsed, row)
            });
        }
    };
    let set_kind = move |ev| {
        let value = event_target_value(&ev);
        let kind = match value.strip_prefix("col:") {
            Some(col) => col.parse().map(KindSource::Column).ok(),
            None => ElementKind::from_key(&value).map(KindSource::All),
        };
        if let Some(kind) = kind {
            mapping.update(|m| m.kind = kind);
        }
    };
    // The columns that can be roles: all but those holding the names, the
    // kinds and the descriptions.
    let role_candidates = Memo::new(move |_| {
        mapping.with(|m| {
            columns()
                .filter(|&c| {
                    c != m.name && m.kind != KindSource::Column(c) && m.description != Some(c)
                })
                .collect::<Vec<_>>()
        })
    });
    let toggle_role = move |col: usize, on: bool| {
        mapping.update(|m| {
            m.roles.retain(|&c| c != col);
            if on {
                m.roles.push(col);
                m.roles.sort_unstable();
            }
        })
    };
    view! {
        <fieldset class="import-mapping" data-testid="csv-mapping">
            <legend>"This file is not in the export\u{2019}s shape: say which column holds what"</legend>
            <div class="mapping-fields">
                <label>
                    <span>"Header row"</span>
                    <select data-testid="map-header" on:change=set_header>{header_options}</select>
                </label>
                <label>
                    <span>"Element names"</span>
                    <select data-testid="map-name" on:change=move |ev| {
                        if let Ok(col) = event_target_value(&ev).parse() {
                            mapping.update(|m| m.name = col);
                        }
                    }>
                        {column_options(|m, c| m.name == c)}
                    </select>
                </label>
                <label>
                    <span>"Kind"</span>
                    <select data-testid="map-kind" on:change=set_kind>
                        <optgroup label="The same for every new element">
                            {ElementKind::ALL.into_iter().map(|k| view! {
                                <option value=k.key() prop:selected=move || mapping.with(|m| m.kind == KindSource::All(k))>{k.label()}</option>
                            }).collect_view()}
                        </optgroup>
                        <optgroup label="From a column">
                            {let label = label.clone(); move || columns().map(|c| view! {
                                <option value=format!("col:{c}") prop:selected=move || mapping.with(|m| m.kind == KindSource::Column(c))>{label(c)}</option>
                            }).collect_view()}
                        </optgroup>
                    </select>
                </label>
                <label>
                    <span>"Description"</span>
                    <select data-testid="map-description" on:change=move |ev| {
                        let col = event_target_value(&ev).parse().ok();
                        mapping.update(|m| m.description = col);
                    }>
                        <option value="none" prop:selected=move || mapping.with(|m| m.description.is_none())>"None"</option>
                        {column_options(|m, c| m.description == Some(c))}
                    </select>
                </label>
            </div>
            <fieldset class="role-columns" data-testid="map-roles">
                <legend>"Role columns (letters R, A, C, I, A/R)"</legend>
                {move || role_candidates.get().into_iter().map(|c| view! {
                    <label class="inline-field">
                        <input type="checkbox" prop:checked=move || mapping.with(|m| m.roles.contains(&c))
                            on:change=move |ev| toggle_role(c, event_target_checked(&ev))/>
                        {label(c)}
                    </label>
                }).collect_view()}
            </fieldset>
            <label class="inline-field">
                <input type="checkbox" data-testid="map-headings" prop:checked=move || mapping.with(|m| !m.skip_headings)
                    on:change=move |ev| mapping.update(|m| m.skip_headings = !event_target_checked(&ev))/>
                "Import rows with no letters as elements"
            </label>
        </fieldset>
    }
}
