//! A model that arrived from a file or a link and waits for the person's
//! choice (`state::Incoming`): what it is, in words; then compare it with
//! the model of this browser it belongs with, merge it into that model
//! (conflicts picked one by one, or all mine / all theirs), open it as a
//! separate copy, or set it aside. Nothing changes before a choice.

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::compare::{compare, Comparison};
use crate::model::merge::{merge, resolve, Merged, Side};
use crate::model::practice::{practice_model, rehearse_round_trip};
use crate::model::versions::Version;
use crate::model::{Id, Model};
use crate::storage::browser::{library, local_day, now, shelf};
use crate::storage::filename::report_file_name;
use crate::ui::after_paint::after_next_paint;
use crate::ui::state::{use_app, AppState, Incoming};

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

/// How often [`prepare_round_trip`] rehearses, one run a frame: enough
/// runs for the browser to optimise the comparison's and the merge's code
/// (with 3, the first real comparison of a 1,000 x 40 model still took
/// 40 ms at 4x CPU, median of 7).
const REHEARSALS: u32 = 8;

/// The comparison and the merge of what arrived with the open model,
/// worked out ahead of the click, for the model as it was then.
struct Ready {
    /// Which arrival it is for (a later file replaces an earlier one).
    arrival: u64,
    mine: Id,
    at: chrono::DateTime<chrono::Utc>,
    comparison: Option<Comparison>,
    /// The base version's id, and the merge against it.
    merged: Option<(Id, Merged)>,
}

thread_local! {
    /// The base version of the merge on offer, read from storage ahead of
    /// the click: (model id, version id, the version).
    static BASE: std::cell::RefCell<Option<(Id, Id, Model)>> = const { std::cell::RefCell::new(None) };
    static READY: std::cell::RefCell<Option<Ready>> = const { std::cell::RefCell::new(None) };
    /// Counts the arrivals shown, to tell them apart.
    static ARRIVALS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Runs `f` between two marks on the page's timeline and measures it as
/// `name` (`opmodel:compare`, `opmodel:merge`), for the browser's tools
/// and the benchmark.
fn timed<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let timeline = web_sys::window().and_then(|w| w.performance());
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    if let Some(t) = &timeline {
        let _ = t.mark(&start);
    }
    let r = f();
    if let Some(t) = &timeline {
        let _ = t.mark(&end);
        let _ = t.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
    r
}

/// Gets comparing and merging ready while the person reads what arrived,
/// one piece after each of the next frames. The browser compiles the
/// WebAssembly of a function when it first runs and optimises it once it
/// has run a while: the first comparison of a 1,000 x 40 model took 148 ms
/// at 4x CPU, the next one 53 ms (measured). So: a rehearsal on the
/// practice model (`rehearse_round_trip`) first; then the comparison of
/// the two models; then the base version is read from storage (a 1,000 x
/// 40 version is 700 KB of text) and the merge worked out. A click then
/// shows what is ready, if the open model has not changed meanwhile.
fn prepare_round_trip(state: AppState, arrival: u64, family: Id, base: Option<Id>) {
    fn rehearse(practice: std::rc::Rc<Model>, left: u32, then: impl FnOnce() + 'static) {
        let _ = rehearse_round_trip(&practice);
        if left > 1 {
            after_next_paint(move || rehearse(practice, left - 1, then));
        } else {
            // One frame more: the optimised code is compiled in the
            // background meanwhile.
            after_next_paint(move || after_next_paint(then));
        }
    }
    let compare_ahead = move || {
        let ready = state.incoming.with_untracked(|i| {
            let theirs = &i.as_ref()?.theirs;
            state.model.with_untracked(|mine| {
                (mine.id == family).then(|| Ready {
                    arrival,
                    mine: mine.id.clone(),
                    at: mine.updated_at,
                    comparison: Some(timed("opmodel:compare", || compare(mine, theirs))),
                    merged: None,
                })
            })
        });
        READY.set(ready);
        let Some(base) = base else { return };
        after_next_paint(move || {
            let cached = BASE.with_borrow(|b| {
                b.as_ref()
                    .is_some_and(|(m, v, _)| *m == family && *v == base)
            });
            if !cached {
                if let Ok(version) = shelf().load(&family, &base) {
                    BASE.set(Some((family.clone(), base.clone(), version)));
                }
            }
            after_next_paint(move || {
                let merged = state.incoming.with_untracked(|i| {
                    let theirs = &i.as_ref()?.theirs;
                    state.model.with_untracked(|mine| {
                        with_base(&family, &base, |b| {
                            timed("opmodel:merge", || merge(b, mine, theirs))
                        })
                        .ok()
                    })
                });
                READY.with_borrow_mut(|r| {
                    if let (Some(r), Some(m)) = (r.as_mut(), merged) {
                        r.merged = Some((base, m));
                    }
                });
            });
        });
    };
    after_next_paint(move || {
        rehearse(
            std::rc::Rc::new(practice_model(now())),
            REHEARSALS,
            compare_ahead,
        );
    });
}

/// What [`prepare_round_trip`] worked out, if it is for this arrival and
/// for `mine` as it is.
fn ready<R>(arrival: u64, mine: &Model, f: impl FnOnce(&mut Ready) -> Option<R>) -> Option<R> {
    READY.with_borrow_mut(|r| {
        r.as_mut()
            .filter(|r| r.arrival == arrival && r.mine == mine.id && r.at == mine.updated_at)
            .and_then(f)
    })
}

/// `f` of the base version `version` of model `model`: read ahead by
/// [`prepare_round_trip`], or from storage now.
fn with_base<R>(model: &str, version: &str, f: impl FnOnce(&Model) -> R) -> Result<R, String> {
    let mut f = Some(f);
    let cached = BASE.with_borrow(|b| {
        b.as_ref()
            .filter(|(m, v, _)| m == model && v == version)
            .map(|(_, _, base)| (f.take().expect("called once"))(base))
    });
    match cached {
        Some(r) => Ok(r),
        None => shelf()
            .load(model, version)
            .map(|base| (f.take().expect("called once"))(&base)),
    }
}

#[component]
fn Arrived(incoming: Incoming) -> impl IntoView {
    let state = use_app();
    let arrival = ARRIVALS.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    if let Some(f) = &incoming.mine {
        prepare_round_trip(
            state,
            arrival,
            f.id.clone(),
            f.kinship.base().map(|v| v.id.clone()),
        );
    }
    let showing = RwSignal::new(Showing::Choices);
    let heading = NodeRef::<leptos::html::H2>::new();
    heading.on_load(|h| {
        let _ = h.focus();
    });
    let told = incoming.told();
    let note = incoming.note.map(|n| n.to_string());
    let source = incoming.source.words();
    let family = incoming.mine.clone();
    let theirs = Arc::new(incoming.theirs.clone());
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
                    Some(match mine.map(Arc::new) {
                        Some(mine) => {
                            let c: Comparison = ready(arrival, &mine, |r| r.comparison.clone())
                                .unwrap_or_else(|| timed("opmodel:compare", || compare(&mine, &theirs)));
                            view! {
                                <ComparisonView
                                    comparison=c
                                    lead=format!("Against \u{201c}{}\u{201d}: ", mine.name)
                                    old=format!("\u{201c}{}\u{201d} (mine)", mine.name)
                                    new=format!("\u{201c}{}\u{201d} ({source})", theirs.name, source = source_words(&state))
                                    report_name=report_file_name(&mine.name)
                                    sides=(mine.clone(), theirs)
                                />
                            }.into_any()
                        }
                        None => view! { <p class="field-error" role="alert">"That model is no longer stored in this browser."</p> }.into_any(),
                    })
                }
                (Showing::Merge, Some(f)) => Some(view! { <MergeView arrival=arrival family_id=f.id.clone() versions=f.versions.clone() base=f.kinship.base().map(|v| v.id.clone())/> }.into_any()),
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
fn MergeView(
    arrival: u64,
    family_id: Id,
    versions: Vec<Version>,
    base: Option<Id>,
) -> impl IntoView {
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
            state.incoming.with(|i| {
                let theirs = &i.as_ref()?.theirs;
                Some(state.model.with(|mine| {
                    if mine.id != family_id {
                        return Err("The model to merge into is not open any more.".into());
                    }
                    if let Some(m) = ready(arrival, mine, |r| {
                        r.merged
                            .take()
                            .filter(|(b, _)| *b == base_id)
                            .map(|(_, m)| m)
                    }) {
                        return Ok(m);
                    }
                    with_base(&family_id, &base_id, |base| {
                        timed("opmodel:merge", || merge(base, mine, theirs))
                    })
                    .map_err(|e| format!("The base version cannot be read: {e}."))
                }))
            })
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
            {move || merged.with(|r| r.as_ref().map(|r| match r {
                Err(e) => view! { <p class="field-error" role="alert">{e.clone()}</p> }.into_any(),
                Ok(m) => {
                    let arriving = state.model.with_untracked(|mine| compare(mine, &m.model));
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
            }))}
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="merge-error">{e}</p> })}
        </div>
    }
}
