//! A model that arrived from a file or a link and waits for the person's
//! choice (`state::Incoming`): what it is, in words; then compare it with
//! the model of this browser it belongs with, merge it into that model
//! (conflicts picked one by one, or all mine / all theirs), open it as a
//! separate copy, or set it aside. Nothing changes before a choice.

use leptos::prelude::*;

use crate::model::compare::{compare, Comparison};
use crate::model::merge::{merge, resolve, Merged, Side};
use crate::model::versions::Version;
use crate::model::{Id, Model};
use crate::storage::browser::{library, local_day, shelf};
use crate::storage::filename::report_file_name;
use crate::ui::state::{use_app, Incoming};

use super::compare::ComparisonView;

/// What the panel shows under its choices.
#[derive(Clone, Copy, PartialEq)]
enum Showing {
    Choices,
    Compare,
    Merge,
}

#[component]
pub fn IncomingPanel() -> impl IntoView {
    let state = use_app();
    let incoming = state.incoming;
    view! {
        {move || incoming.get().map(|i| view! { <Arrived incoming=i/> })}
    }
}

#[component]
fn Arrived(incoming: Incoming) -> impl IntoView {
    let state = use_app();
    let showing = RwSignal::new(Showing::Choices);
    let heading = NodeRef::<leptos::html::H2>::new();
    heading.on_load(|h| {
        let _ = h.focus();
    });
    let told = incoming.told();
    let note = incoming.note.map(|n| n.to_string());
    let source = incoming.source.words();
    let family = incoming.mine.clone();
    let theirs = incoming.theirs.clone();
    let related = family.is_some();
    let title = if related {
        format!("A model of this browser came back, in {source}")
    } else {
        format!("A model arrived, in {source}")
    };
    let merge_click = move |_| {
        state.open_family();
        showing.set(Showing::Merge);
    };
    view! {
        <section class="incoming item-card" aria-labelledby="incoming-heading" data-testid="incoming">
            <h2 id="incoming-heading" tabindex="-1" node_ref=heading>{title}</h2>
            <p data-testid="incoming-told">{told}</p>
            {note.map(|n| view! { <p class="muted">{n}</p> })}
            <div class="toolbar">
                {related.then(|| view! {
                    <button type="button" data-testid="incoming-compare"
                        aria-pressed=move || (showing.get() == Showing::Compare).to_string()
                        on:click=move |_| showing.set(Showing::Compare)>"Compare with mine"</button>
                    <button type="button" class="primary" data-testid="incoming-merge"
                        aria-pressed=move || (showing.get() == Showing::Merge).to_string()
                        on:click=merge_click>"Merge into mine..."</button>
                })}
                <button type="button" data-testid="incoming-copy" class:primary=!related on:click=move |_| state.open_incoming_as_copy()>
                    {if related { "Open as a separate copy" } else { "Open as a new model" }}
                </button>
                <button type="button" class="ghost" data-testid="incoming-dismiss" on:click=move |_| state.dismiss_incoming()>"Set aside"</button>
            </div>
            {move || match (showing.get(), family.clone()) {
                (Showing::Compare, Some(f)) => {
                    let mine = mine_model(&f.id);
                    let theirs = theirs.clone();
                    Some(match mine {
                        Some(mine) => {
                            let c: Comparison = compare(&mine, &theirs);
                            view! {
                                <ComparisonView
                                    comparison=c
                                    lead=format!("Against \u{201c}{}\u{201d}: ", mine.name)
                                    old=format!("\u{201c}{}\u{201d} (mine)", mine.name)
                                    new=format!("\u{201c}{}\u{201d} ({source})", theirs.name, source = source_words(&state))
                                    report_name=report_file_name(&mine.name)
                                    sides=(mine.clone(), theirs.clone())
                                />
                            }.into_any()
                        }
                        None => view! { <p class="field-error" role="alert">"That model is no longer stored in this browser."</p> }.into_any(),
                    })
                }
                (Showing::Merge, Some(f)) => Some(view! { <MergeView family_id=f.id.clone() versions=f.versions.clone() base=f.kinship.base().map(|v| v.id.clone())/> }.into_any()),
                _ => None,
            }}
        </section>
    }
}

fn source_words(state: &crate::ui::state::AppState) -> String {
    state
        .incoming
        .with_untracked(|i| i.as_ref().map(|i| i.source.words()).unwrap_or_default())
}

/// The model of this browser with id `id`: the open one, or as stored.
fn mine_model(id: &str) -> Option<Model> {
    let state = use_app();
    if state.model.with_untracked(|m| m.id == id) {
        return Some(state.model.get_untracked());
    }
    library().load(id).ok().flatten()
}

/// The three-way merge of what arrived into the open model, against the
/// version both started from (`base`, found through the lineage, or
/// chosen here among `versions`).
#[component]
fn MergeView(family_id: Id, versions: Vec<Version>, base: Option<Id>) -> impl IntoView {
    let state = use_app();
    let base_id = RwSignal::new(base.clone());
    let error = RwSignal::new(None::<String>);
    let found = base.is_some();
    let choices = RwSignal::new(Vec::<Side>::new());
    // Recomputed when the open model changes (an edit in another tab, a
    // late autosave), so what is merged is always what is open.
    let merged = {
        let family_id = family_id.clone();
        Memo::new(move |_| -> Option<Result<Merged, String>> {
            let base_id = base_id.get()?;
            let theirs = state
                .incoming
                .with(|i| i.as_ref().map(|i| i.theirs.clone()))?;
            Some(state.model.with(|mine| {
                if mine.id != family_id {
                    return Err("The model to merge into is not open any more.".into());
                }
                let base = shelf()
                    .load(&family_id, &base_id)
                    .map_err(|e| format!("The base version cannot be read: {e}."))?;
                Ok(merge(&base, mine, &theirs))
            }))
        })
    };
    Effect::new(move |_| {
        let n = merged.with(|m| {
            m.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map_or(0, |m| m.conflicts.len())
        });
        if choices.with_untracked(Vec::len) != n {
            choices.set(vec![Side::Mine; n]);
        }
    });
    let all = move |side: Side| choices.update(|c| c.iter_mut().for_each(|s| *s = side));
    let finish = move |_| {
        let Some(Ok(m)) = merged.get_untracked() else {
            return;
        };
        let picked: Vec<(usize, Side)> = choices.get_untracked().into_iter().enumerate().collect();
        match resolve(&m, &picked) {
            Err(e) => error.set(Some(format!(
                "That choice cannot be merged: {e}. Pick the other side for it."
            ))),
            Ok(model) => {
                if let Err(e) = state.finish_merge(model) {
                    error.set(Some(e));
                }
            }
        }
    };
    let base_picker = (!found && !versions.is_empty()).then(|| {
        let options = versions.iter().rev().map(|v| {
            let label = format!("{} \u{2014} {}", v.title(), crate::model::lineage::day_words(local_day(v.at)));
            let id = v.id.clone();
            view! { <option value=id>{label}</option> }
        }).collect_view();
        view! {
            <label class="field">"Which version did both start from? (the base of the merge)"
                <select data-testid="merge-base" prop:value=move || base_id.get().unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        base_id.set((!v.is_empty()).then_some(v));
                    }>
                    <option value="">"Choose a version..."</option>
                    {options}
                </select>
            </label>
        }
    });
    let refused = (!found && versions.is_empty()).then(|| view! {
        <p class="field-error" role="alert" data-testid="merge-refused">
            "These two share no version kept in this browser, so they cannot be merged: a merge needs the version both started from. Compare shows every difference; open the file as a separate copy to keep both."
        </p>
    });
    view! {
        <div class="merge" data-testid="merge">
            {refused}
            {base_picker}
            {move || merged.get().map(|r| match r {
                Err(e) => view! { <p class="field-error" role="alert">{e}</p> }.into_any(),
                Ok(m) => {
                    let mine = state.model.get_untracked();
                    let arriving = compare(&mine, &m.model);
                    let lines: Vec<String> = arriving.changes.iter().map(|c| c.words()).collect();
                    let n = m.conflicts.len();
                    let conflicts = m.conflicts.iter().enumerate().map(|(i, c)| {
                        let subject = c.subject(&m.model);
                        let (yours, theirs) = (c.value(Side::Mine, &m.model), c.value(Side::Theirs, &m.model));
                        let name = format!("conflict-{i}");
                        let (n1, n2) = (name.clone(), name.clone());
                        view! {
                            <fieldset class="conflict-pick" data-testid="conflict">
                                <legend>{subject}</legend>
                                <label><input type="radio" name=n1 data-testid="pick-mine"
                                    prop:checked=move || choices.with(|c| c.get(i) == Some(&Side::Mine))
                                    on:change=move |_| choices.update(|c| if let Some(s) = c.get_mut(i) { *s = Side::Mine })/>
                                    {format!(" Mine: {yours}")}</label>
                                <label><input type="radio" name=n2 data-testid="pick-theirs"
                                    prop:checked=move || choices.with(|c| c.get(i) == Some(&Side::Theirs))
                                    on:change=move |_| choices.update(|c| if let Some(s) = c.get_mut(i) { *s = Side::Theirs })/>
                                    {format!(" Theirs: {theirs}")}</label>
                            </fieldset>
                        }
                    }).collect_view();
                    view! {
                        <p data-testid="merge-summary">{
                            let clean = if lines.is_empty() { "Nothing of theirs arrives without a choice".to_string() }
                                else { format!("Arriving without a conflict: {}", crate::model::compare::summary(&arriving)) };
                            match n {
                                0 => format!("{clean}. No conflict."),
                                1 => format!("{clean}. One conflict to settle below."),
                                n => format!("{clean}. {n} conflicts to settle below."),
                            }
                        }</p>
                        {(!lines.is_empty()).then(|| view! {
                            <details class="comparison-part">
                                <summary>{format!("What changes in mine ({})", lines.len())}</summary>
                                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        {(n > 0).then(|| view! {
                            <div class="toolbar">
                                <button type="button" data-testid="all-mine" on:click=move |_| all(Side::Mine)>"All mine"</button>
                                <button type="button" data-testid="all-theirs" on:click=move |_| all(Side::Theirs)>"All theirs"</button>
                            </div>
                            <div class="conflicts">{conflicts}</div>
                        })}
                        <button type="button" class="primary" data-testid="merge-now" on:click=finish>"Merge"</button>
                        <p class="muted small">"The model as it is now is kept as a version first; undo takes the merge back."</p>
                    }.into_any()
                }
            })}
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="merge-error">{e}</p> })}
        </div>
    }
}
