//! Collecting the responses: a box to paste links into (any number, with
//! whatever text came around them), read as it is typed; files dropped on
//! it or picked; each refused link told by its line; the responses counted,
//! each of which can be taken out.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::picture::who;
use crate::model::checkup::collect::{Collection, Now, Reading};
use crate::model::checkup::link::{Found, LinkProblem};
use crate::model::limits::MAX_FILE_BYTES;
use crate::storage::browser::read_file;

/// A line of the report on what was pasted or dropped (`source` starts
/// it: "Line "); `None` for a new person's link counted (the count
/// says it).
fn told(source: &str, f: &Found) -> Option<String> {
    match &f.result {
        Ok(_) if f.replaces => Some(format!(
            "{source}{}: changed answers from someone already counted: they replace the earlier ones.",
            f.line
        )),
        Ok(_) => None,
        Err(LinkProblem::Duplicate) => Some(format!(
            "{source}{}: already counted, so counted once.",
            f.line
        )),
        Err(e) => Some(format!("{source}{}: not counted: {e}.", f.line)),
    }
}

/// The paste box, the file picker and the list of responses counted.
#[component]
pub fn CollectBox(
    running: RwSignal<Option<Collection>>,
    /// The check-up as read now (the box's reading among it).
    now: Memo<Option<Now>>,
) -> impl IntoView {
    let reading = Memo::new(move |_| now.with(|n| n.as_ref().map(|n| n.reading.clone())));
    // The box's text as the page sets it: when it opens and when it is
    // emptied, never from the typing itself (setting it again moved the
    // caret to the end and laid the whole text out again on every key).
    let shown_text = RwSignal::new(
        running.with_untracked(|c| c.as_ref().map(|c| c.pasted.clone()).unwrap_or_default()),
    );
    // What the files read said (they are kept at once, not in the box).
    let file_report = RwSignal::new(Vec::<String>::new());
    let input = NodeRef::<leptos::html::Input>::new();
    let add_files = move |files: web_sys::FileList| {
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        spawn_local(async move {
            let mut report = Vec::new();
            for file in files {
                let name = file.name();
                if file.size() as usize > MAX_FILE_BYTES {
                    report.push(format!("\u{201c}{name}\u{201d} is too large to hold response links: nothing was read from it."));
                    continue;
                }
                let text = match read_file(&file).await {
                    Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Err(e) => {
                        report.push(format!("\u{201c}{name}\u{201d} could not be read: {e}."));
                        continue;
                    }
                };
                let found = running
                    .try_update(|c| c.as_mut().map(|c| c.add_text(&text)))
                    .flatten()
                    .unwrap_or_default();
                let counted = found
                    .iter()
                    .filter(|f| f.result.is_ok() && !f.replaces)
                    .count();
                report.push(format!(
                    "\u{201c}{name}\u{201d}: {counted} {} counted{}",
                    if counted == 1 {
                        "response"
                    } else {
                        "responses"
                    },
                    if found.is_empty() {
                        ", no response link in it."
                    } else {
                        "."
                    }
                ));
                let source = format!("\u{201c}{name}\u{201d}, line ");
                report.extend(found.iter().filter_map(|f| told(&source, f)));
            }
            file_report.set(report);
        });
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        // Taken here: the page's own drop (opening a model file) sees the
        // default prevented and leaves it.
        ev.prevent_default();
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            add_files(files);
        }
    };
    let remove = move |i: usize| {
        running.update(|c| {
            if let Some(c) = c {
                c.remove(i);
            }
        })
    };
    view! {
        <section class="collect no-print" aria-labelledby="collect-heading"
            on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
            on:drop=on_drop>
            <h2 id="collect-heading">"Collect the answers"</h2>
            <label for="paste-responses">"Paste the links people sent you: any number, as they came in a chat or a mail, or drop text files here."</label>
            <textarea id="paste-responses" rows="5" data-testid="paste-responses" spellcheck="false"
                aria-describedby="paste-report"
                prop:value=move || shown_text.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    running.update(|c| if let Some(c) = c { c.pasted = text; });
                }></textarea>
            <div id="paste-report" class="paste-report" data-testid="paste-report">
                {move || report(reading.get())}
            </div>
            <div class="toolbar">
                <button type="button" data-testid="keep-pasted"
                    disabled=move || running.with(|c| c.as_ref().is_none_or(|c| c.pasted.is_empty()))
                    on:click=move |_| {
                        running.update(|c| if let Some(c) = c { c.keep_pasted(); });
                        shown_text.set(String::new());
                    }>
                    "Keep these and empty the box"
                </button>
                <button type="button" on:click=move |_| if let Some(i) = input.get() { i.click() }>"Add from files..."</button>
                <input node_ref=input type="file" multiple class="visually-hidden" tabindex="-1" aria-hidden="true"
                    data-testid="response-files" accept=".txt,.text,.eml,.md,text/plain"
                    on:change=move |ev| {
                        let target: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(files) = target.files() { add_files(files); }
                        target.set_value("");
                    }/>
            </div>
            {move || {
                let report = file_report.get();
                (!report.is_empty()).then(|| view! {
                    <ul class="file-report" data-testid="file-report">{report.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                })
            }}
            <details class="responses-list">
                <summary>{move || running.with(|c| {
                    let n = c.as_ref().map_or(0, |c| c.kept.len());
                    format!("Responses kept ({n})")
                })}</summary>
                {move || running.with(|c| {
                    let Some(c) = c else { return ().into_any() };
                    if c.kept.is_empty() {
                        return view! { <p class="muted">"None kept yet: links in the box count as soon as they are pasted, and stay once kept."</p> }.into_any();
                    }
                    view! {
                        <ol data-testid="kept-responses">
                            {(0..c.kept.len()).map(|i| {
                                let name = who(&c.kept, i);
                                view! {
                                    <li>{name.clone()}" "
                                        <button type="button" class="link-button" aria-label=format!("Take out {name}") on:click=move |_| remove(i)>"Take out"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                })}
            </details>
        </section>
    }
}

/// The paste box's reading in words: how many new responses, each link
/// not counted with its line and why, and each that replaces someone's
/// earlier answers.
fn report(reading: Option<Reading>) -> AnyView {
    let Some(r) = reading.filter(|r| !r.found.is_empty()) else {
        return ().into_any();
    };
    // A changed answer counted is a note, not a refusal: told apart in
    // its class as well as in its words.
    let problems: Vec<(String, bool)> = r
        .found
        .iter()
        .filter_map(|f| told("Line ", f).map(|t| (t, f.replaces)))
        .collect();
    view! {
        <p data-testid="paste-new">{format!("In the box: {} new {}.", r.new, if r.new == 1 { "response" } else { "responses" })}</p>
        {(!problems.is_empty()).then(|| view! {
            <ul class="paste-problems" data-testid="paste-problems">
                {problems.into_iter().map(|(p, note)| view! { <li class:note=note>{p}</li> }).collect_view()}
            </ul>
        })}
    }
    .into_any()
}
