//! A keyboard-first letter grid: rows of items, columns of roles, one letter
//! (or none) per cell. Serves the ownership matrix and the decision-rights
//! table; what the rows, columns and letters mean is the caller's business.
//!
//! Performance: each row reads its letters through its own memo, so setting
//! one cell re-renders that row's cells only, never the whole grid; the
//! roving focus uses a `Selector`, so moving it touches two cells. The
//! markup is ARIA grid roles on fixed-size rows rather than a `<table>`, so
//! the browser also lays out and repaints only the row that changed: only
//! its box of cells, in fact (see the stylesheet's `.item-row`).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Id;
use crate::ui::after_paint::{after_next_paint, after_paint};
use crate::ui::keep_focus::keep_focus_in;

/// Editing state shared by a grid and its headers.
#[derive(Clone, Copy)]
pub struct GridUi {
    pub table_id: &'static str,
    /// The row or column whose name is being edited.
    pub editing: RwSignal<Option<Id>>,
    /// The cell with the focus; set it to jump to a cell.
    pub active: RwSignal<Option<(Id, Id)>>,
    /// The cell to return to once a name being edited is done (set when a
    /// row or column was added from inside the grid, so typing can go on).
    pub after_edit: RwSignal<Option<(Id, Id)>>,
    /// A row to bring into view (a large grid renders only the rows near
    /// the viewport, so a jump may first have to scroll).
    pub reveal: RwSignal<Option<Id>>,
}

impl GridUi {
    pub fn new(table_id: &'static str) -> Self {
        GridUi {
            table_id,
            editing: RwSignal::new(None),
            active: RwSignal::new(None),
            after_edit: RwSignal::new(None),
            reveal: RwSignal::new(None),
        }
    }

    /// Moves the focus to a cell on the next frame.
    pub fn jump(self, row: Id, col: Id) {
        self.reveal.set(Some(row.clone()));
        self.active.set(Some((row.clone(), col.clone())));
        // A row scrolled into view renders a frame or two later.
        focus_cell_soon(self.table_id.to_string(), row, col, 4);
    }

    /// Starts naming a new row (`row` given) or column, remembering where in
    /// the grid to come back to when it was added from a cell.
    pub fn name_new(self, row: Option<Id>, col: Option<Id>, from_grid: bool) {
        if from_grid {
            let current = self.active.get_untracked();
            let target = match (&row, &col) {
                (Some(r), None) => current.map(|(_, c)| (r.clone(), c)),
                (None, Some(c)) => current.map(|(r, _)| (r, c.clone())),
                _ => None,
            };
            self.after_edit.set(target);
        }
        // A new row of a large grid lands outside the rendered rows: bring
        // it into view, so its name field is there to type in.
        if let Some(r) = &row {
            self.reveal.set(Some(r.clone()));
        }
        self.editing.set(row.or(col));
    }
}

/// A line of the grid body: a group heading or an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GridRow {
    Group { key: String, label: String },
    Item(Id),
}

impl GridRow {
    fn key(&self) -> String {
        match self {
            GridRow::Group { key, .. } => format!("group:{key}"),
            GridRow::Item(id) => id.clone(),
        }
    }
}

type Letters = BTreeMap<Id, String>;
type RowCells = Arc<dyn Fn(&str) -> Signal<Letters> + Send + Sync>;
type Describe = Arc<dyn Fn(&str, &str, Option<&str>) -> String + Send + Sync>;
type Explain = Arc<dyn Fn(&str) -> String + Send + Sync>;
type LetterAt = Arc<dyn Fn(&str, &str) -> Option<String> + Send + Sync>;
type LetterForKey = Arc<dyn Fn(char) -> Option<String> + Send + Sync>;
/// The letters signal of each mounted row, for keyboard and status lookups.
type RowCache = StoredValue<HashMap<Id, Signal<Letters>>>;
type Render = Arc<dyn Fn(Id) -> AnyView + Send + Sync>;

/// Everything the grid needs from its caller.
#[derive(Clone)]
pub struct GridSpec {
    /// The table's accessible name.
    pub label: String,
    /// The heading of the first column ("Element", "Decision").
    pub corner: String,
    pub rows: Signal<Vec<GridRow>>,
    pub cols: Signal<Vec<Id>>,
    /// The letters of one row, by column id: called once per mounted row, and
    /// should return a signal that changes only when that row changes.
    pub row_cells: RowCells,
    /// The letters a cell may hold, in the order Space cycles through them.
    pub letters: Signal<Vec<String>>,
    /// The letter a typed key sets (`None`: the key is not a letter here).
    pub letter_for_key: LetterForKey,
    /// Sets (row, column) to a letter, or clears it with `None`; true when
    /// it was set. The views of the model may follow after the next frame
    /// is painted: the grid shows the letter itself (see [`ShowLetter`]).
    pub on_set: Callback<(Id, Id, Option<String>), bool>,
    /// The letter the model holds at (row, column), read without
    /// subscribing.
    pub letter_at: LetterAt,
    /// The status line's text for the active cell: (row, col, letter).
    pub describe: Describe,
    /// A cell's tooltip: what its letter means (cheap: no name lookups, as
    /// it is computed for every cell).
    pub explain: Explain,
    pub row_header: Render,
    pub col_header: Render,
    /// Below each column (e.g. the role's load).
    pub col_footer: Option<Render>,
    /// Adds a row / a column (keyboard: N / Shift+N in a cell).
    pub on_add_row: Callback<()>,
    pub on_add_col: Callback<()>,
    /// The cell with the focus; the caller may set it to jump to a cell.
    pub active: RwSignal<Option<(Id, Id)>>,
    /// A row the caller wants scrolled into view (see [`GridUi::reveal`]).
    pub reveal: RwSignal<Option<Id>>,
}

/// Focuses a cell that may not be rendered yet (a row being scrolled into a
/// windowed grid), over the next few frames: the window settles after the
/// scroll, and moving the focused row in the page takes the focus away, so
/// the focus is put back while that happens.
pub fn focus_cell_soon(table_id: String, row: Id, col: Id, frames: u8) {
    keep_focus(table_id, row, col, frames, true);
}

fn keep_focus(table_id: String, row: Id, col: Id, frames: u8, first: bool) {
    request_animation_frame(move || {
        let active = document().active_element();
        let on_target = active.as_ref().is_some_and(|e| {
            e.get_attribute("data-row").as_deref() == Some(row.as_str())
                && e.get_attribute("data-col").as_deref() == Some(col.as_str())
        });
        // Later frames only put back a focus that was lost (it fell to the
        // body), never take it from where the user has since moved it.
        let lost = active.is_none_or(|e| e.tag_name() == "BODY");
        let mut done = on_target;
        if !on_target && (first || lost) {
            done = focus_cell(&table_id, &row, &col);
        }
        if frames > 1 && (done || first || lost) {
            keep_focus(table_id, row, col, frames - 1, first && !done);
        }
    });
}

/// Focuses the cell (row, col) of the grid whose table has `table_id`;
/// false when that cell is not in the page.
pub fn focus_cell(table_id: &str, row: &str, col: &str) -> bool {
    match find_cell(table_id, row, col).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// The rendered cell at (row, col) of a grid, if its row is in the page.
fn find_cell(table_id: &str, row: &str, col: &str) -> Option<web_sys::Element> {
    let selector = format!(
        "#{} .cell[data-row=\"{}\"][data-col=\"{}\"]",
        web_sys::css::escape(table_id),
        web_sys::css::escape(row),
        web_sys::css::escape(col)
    );
    document().query_selector(&selector).ok().flatten()
}

/// Focuses the element with this DOM id once the DOM has caught up.
///
/// Only a focus that was lost (it fell to the body when the focused element
/// left the page) or has not moved since is taken: if the user has already
/// gone on (pressed the next button, started typing elsewhere), it stays
/// where they put it.
pub fn focus_later(dom_id: String) {
    let before = document().active_element();
    request_animation_frame(move || {
        let now = document().active_element();
        let lost = now.as_ref().is_none_or(|e| e.tag_name() == "BODY");
        if !(lost || now == before) {
            return;
        }
        if let Some(el) = document().get_element_by_id(&dom_id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// Rows rendered above and below the viewport in a windowed grid.
const OVERSCAN: usize = 4;

/// The first row to render for a scroll position: the rows above the
/// viewport beyond the overscan are left out.
fn window_start(scroll_top: i32, row_height: f64) -> usize {
    ((f64::from(scroll_top) / row_height) as usize).saturating_sub(OVERSCAN)
}

/// A cell's classes for its letter.
/// The class of a cell holding `letter`: `letter-a`, and `letter-ar` for
/// A/R (only letters and digits make a class name).
pub fn cell_class(letter: Option<&str>) -> String {
    let key: String = letter
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    format!("cell letter-{key}")
}

/// Sets a letter, typed or clicked, and shows it in its cell in the very
/// next frame.
///
/// The model is changed with `AppState::apply_views_after_paint`: its
/// views, the cell's own bindings among them, follow after that frame and
/// then write the same values again. Waking them first cost the letter's
/// frame about 2.7 of its 20.8 ms at 4x CPU (200 x 25 grid, 180 edits).
///
/// A change that reaches the model by another way before the views have
/// followed (an undo in the same frame) would leave a cell showing a
/// letter its views never saw and so never correct. Each cell written here
/// is therefore written once more after the paint, from the model.
#[derive(Clone)]
struct ShowLetter {
    on_set: Callback<(Id, Id, Option<String>), bool>,
    table_id: StoredValue<String>,
    explain: Explain,
    letter_at: LetterAt,
    /// The cells written since the last paint.
    written: StoredValue<Vec<(Id, Id)>>,
}

impl ShowLetter {
    /// Sets (row, col) to `letter` in the model and, if that was done,
    /// shows it in `cell`.
    fn set(&self, cell: &web_sys::Element, row: &str, col: &str, letter: Option<String>) {
        if !self
            .on_set
            .run((row.to_string(), col.to_string(), letter.clone()))
        {
            return;
        }
        write_cell(cell, letter.as_deref(), &self.explain);
        let first = self.written.try_update_value(|w| {
            w.push((row.to_string(), col.to_string()));
            w.len() == 1
        });
        if first == Some(true) {
            let this = self.clone();
            after_next_paint(move || this.rewrite_from_model());
        }
    }

    /// Writes every cell written since the last paint from the model.
    fn rewrite_from_model(&self) {
        let Some(cells) = self.written.try_update_value(std::mem::take) else {
            return;
        };
        let table_id = self.table_id.get_value();
        for (row, col) in cells {
            if let Some(cell) = find_cell(&table_id, &row, &col) {
                write_cell(
                    &cell,
                    (self.letter_at)(&row, &col).as_deref(),
                    &self.explain,
                );
            }
        }
    }
}

/// Sets what a cell shows for a letter, as its bindings do.
fn write_cell(cell: &web_sys::Element, letter: Option<&str>, explain: &Explain) {
    cell.set_class_name(&cell_class(letter));
    match letter {
        Some(l) => {
            let _ = cell.set_attribute("title", &explain(l));
        }
        None => {
            let _ = cell.remove_attribute("title");
        }
    }
    if let Some(text) = cell.first_child() {
        text.set_node_value(Some(letter.unwrap_or_default()));
    }
}

/// The letter a cell shows: what the next Space or click cycles from, as
/// the cell's views may not have followed a letter just set.
fn shown_letter(cell: &web_sys::Element) -> Option<String> {
    cell.text_content()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Where a key moves the active cell, given the visible order.
fn moved(items: &[Id], current: &str, delta: isize, to_end: Option<bool>) -> Option<Id> {
    let i = items.iter().position(|x| x == current)? as isize;
    let target = match to_end {
        Some(true) => items.len() as isize - 1,
        Some(false) => 0,
        None => i + delta,
    };
    (0..items.len() as isize)
        .contains(&target)
        .then(|| items[target as usize].clone())
}

#[component]
pub fn Grid(spec: GridSpec, #[prop(into)] table_id: String) -> impl IntoView {
    let GridSpec {
        label,
        corner,
        rows,
        cols,
        row_cells,
        letters,
        letter_for_key,
        on_set,
        letter_at,
        describe,
        explain,
        row_header,
        col_header,
        col_footer,
        on_add_row,
        on_add_col,
        active,
        reveal,
    } = spec;

    // Windowing: past WINDOW_FROM rows only the rows near the viewport are
    // in the DOM (40,000 live cells take seconds to build); spacer rows keep
    // the scroll height. Smaller grids render whole, so the browser's find
    // works on them. Printing always renders every row.
    const WINDOW_FROM: usize = 150;
    let scroller = NodeRef::<leptos::html::Div>::new();
    let first = RwSignal::new(0usize);
    let span = RwSignal::new(40 + 2 * OVERSCAN);
    let row_height = RwSignal::new(56.0f64);
    let print_all = RwSignal::new(false);
    let windowed = Memo::new(move |_| !print_all.get() && rows.with(Vec::len) > WINDOW_FROM);
    let range = Memo::new(move |_| {
        let n = rows.with(Vec::len);
        if windowed.get() {
            let start = first.get().min(n);
            (start, (start + span.get()).min(n))
        } else {
            (0, n)
        }
    });
    // A stored value, so the scroll handler stays `Copy`.
    let table_for_scroll = StoredValue::new(table_id.clone());
    let on_scroll = move || {
        let Some(div) = scroller.get_untracked() else {
            return;
        };
        // Measure the real rows (the height depends on the theme and on
        // the presentation mode); their average is steadier than one row.
        if let Ok(list) = div.query_selector_all(".grid-body > .grid-row") {
            let (mut total, mut count) = (0.0, 0.0);
            for i in 0..list.length() {
                if let Some(tr) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    total += f64::from(tr.offset_height());
                    count += 1.0;
                }
            }
            let h = if count > 0.0 { total / count } else { 0.0 };
            if h > 8.0 && (h - row_height.get_untracked()).abs() > 2.0 {
                row_height.set(h);
            }
        }
        let h = row_height.get_untracked();
        let start = window_start(div.scroll_top(), h);
        if start.abs_diff(first.get_untracked()) >= OVERSCAN / 3 {
            // Shifting the window can move the focused row in the page,
            // which drops the focus: a keyboard user arrowing down past the
            // edge keeps their cell.
            let focused_here = document()
                .active_element()
                .is_some_and(|e| e.class_list().contains("cell") && div.contains(Some(&e)));
            first.set(start);
            if let (true, Some((r, c))) = (focused_here, active.get_untracked()) {
                focus_cell_soon(table_for_scroll.get_value(), r, c, 3);
            }
        }
        let wanted = (f64::from(div.client_height()) / h).ceil() as usize + 2 * OVERSCAN;
        if wanted != span.get_untracked() {
            span.set(wanted);
        }
    };
    // Scrolls a row into the rendered window; true when it had to.
    let reveal_row = move |id: &str| -> bool {
        if !windowed.get_untracked() {
            return false;
        }
        let index = rows.with_untracked(|r| {
            r.iter()
                .position(|x| matches!(x, GridRow::Item(i) if i == id))
        });
        let Some(index) = index else { return false };
        let (start, end) = range.get_untracked();
        if (start..end).contains(&index) {
            return false;
        }
        let start = match scroller.get_untracked() {
            Some(div) => {
                let h = row_height.get_untracked();
                let top = (index as f64 * h - f64::from(div.client_height()) / 2.0).max(0.0);
                div.set_scroll_top(top as i32);
                // From where the browser actually scrolled (it stops at the
                // end), as the scroll handler will compute it: a window
                // placed otherwise would be shifted again a frame later,
                // which moves rows in the page and takes the focus from a
                // field being typed in.
                window_start(div.scroll_top(), h)
            }
            None => index.saturating_sub(span.get_untracked() / 2),
        };
        first.set(start);
        true
    };
    // Measure the real row height once rows are on screen, before any jump
    // needs it.
    Effect::new(move |_| {
        range.track();
        request_animation_frame(on_scroll);
    });
    Effect::new(move |_| {
        let Some(id) = reveal.get() else { return };
        // A row just added reaches the row list a moment after the edit:
        // wait for it rather than give up.
        let listed = rows.with(|r| r.iter().any(|x| matches!(x, GridRow::Item(i) if *i == id)));
        if listed {
            reveal_row(&id);
            reveal.set(None);
        }
    });
    let before_print = window_event_listener(leptos::ev::beforeprint, move |_| print_all.set(true));
    let after_print = window_event_listener(leptos::ev::afterprint, move |_| print_all.set(false));
    on_cleanup(move || {
        before_print.remove();
        after_print.remove();
    });

    let item_rows = move || {
        rows.with(|r| {
            r.iter()
                .filter_map(|x| match x {
                    GridRow::Item(id) => Some(id.clone()),
                    GridRow::Group { .. } => None,
                })
                .collect::<Vec<_>>()
        })
    };
    // Without an explicit active cell, the first cell takes the tab stop so
    // the grid can be entered with Tab.
    let effective = Memo::new(move |_| {
        active.get().or_else(|| {
            let row = item_rows().into_iter().next()?;
            let col = cols.with(|c| c.first().cloned())?;
            Some((row, col))
        })
    });
    let selected = Selector::new(move || effective.get());

    let table_id_for_keys = table_id.clone();
    let show = ShowLetter {
        on_set,
        table_id: StoredValue::new(table_id.clone()),
        explain: explain.clone(),
        letter_at,
        written: StoredValue::new(Vec::new()),
    };
    let show_for_keys = show.clone();
    let cache: RowCache = StoredValue::new(HashMap::new());
    let letters_of = move |row: &str| cache.with_value(|c| c.get(row).copied());
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let Some(cell) = ev.target().and_then(|t| grid_cell(&t)) else {
            return;
        };
        let (Some(row), Some(col)) = (
            cell.get_attribute("data-row"),
            cell.get_attribute("data-col"),
        ) else {
            return;
        };
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let key = ev.key();
        let go = |r: Option<Id>, c: Option<Id>| {
            if let (Some(r), Some(c)) = (r, c) {
                active.set(Some((r.clone(), c.clone())));
                if reveal_row(&r) {
                    focus_cell_soon(table_id_for_keys.clone(), r, c, 4);
                } else {
                    focus_cell(&table_id_for_keys, &r, &c);
                }
            }
        };
        let current = (row.clone(), col.clone());
        // Only the moves need the orders: typing a letter must not copy
        // every row id of a large grid.
        let col_ids = || cols.get_untracked();
        let row_ids = || untrack(item_rows);
        let set = |letter: Option<String>| {
            if active.with_untracked(|a| a.as_ref() != Some(&current)) {
                active.set(Some(current.clone()));
            }
            show_for_keys.set(&cell, &row, &col, letter);
        };
        match key.as_str() {
            "ArrowRight" => go(Some(row.clone()), moved(&col_ids(), &col, 1, None)),
            "ArrowLeft" => go(Some(row.clone()), moved(&col_ids(), &col, -1, None)),
            "ArrowDown" => go(moved(&row_ids(), &row, 1, None), Some(col.clone())),
            "ArrowUp" => go(moved(&row_ids(), &row, -1, None), Some(col.clone())),
            "Home" => go(Some(row.clone()), moved(&col_ids(), &col, 0, Some(false))),
            "End" => go(Some(row.clone()), moved(&col_ids(), &col, 0, Some(true))),
            "PageDown" => go(moved(&row_ids(), &row, 0, Some(true)), Some(col.clone())),
            "PageUp" => go(moved(&row_ids(), &row, 0, Some(false)), Some(col.clone())),
            "Tab" => {
                // Like a spreadsheet inside a row; out of the grid at its ends.
                let next = moved(&col_ids(), &col, if ev.shift_key() { -1 } else { 1 }, None);
                if next.is_some() {
                    go(Some(row.clone()), next);
                } else {
                    return;
                }
            }
            "Delete" | "Backspace" => set(None),
            " " | "Enter" => set(cycle(
                &letters.get_untracked(),
                shown_letter(&cell).as_deref(),
            )),
            "n" if !ev.shift_key() => on_add_row.run(()),
            "N" if ev.shift_key() => on_add_col.run(()),
            k => {
                let typed: Vec<char> = k.chars().collect();
                let [c] = typed.as_slice() else { return };
                match letter_for_key(*c) {
                    Some(l) => set(Some(l)),
                    None => return,
                }
            }
        }
        ev.prevent_default();
    };

    // The status line describes the active cell and its letter. It follows
    // one frame after that cell, so a letter's frame changes nothing
    // outside the grid (see `after_paint`).
    let active_letter = move || {
        active.get().map(|(r, c)| {
            let letter = letters_of(&r).and_then(|l| l.with(|l| l.get(&c).cloned()));
            (r, c, letter)
        })
    };
    let status = after_paint(
        move || {
            active_letter();
        },
        move || active_letter().map(|(r, c, l)| describe(&r, &c, l.as_deref())),
    );

    // ARIA row numbers: the header row is 1, the body's rows follow (group
    // headings count, spacers do not), then the footer. Windowed rows carry
    // their index, so a screen reader knows where in the whole grid it is.
    let col_count = move || cols.with(Vec::len) + 1;
    let has_footer = usize::from(col_footer.is_some());
    let row_count = move || rows.with(Vec::len) + 1 + has_footer;
    let row_index = move |key: &str| {
        rows.with(|r| r.iter().position(|x| x.key() == key))
            .map_or(0, |i| i + 2)
    };
    // A header or a row deleted from its own controls (its delete button)
    // passes the focus to the same control of its neighbour. Not when only
    // the window of rows moved (scrolling, the same rows): then nothing was
    // deleted, and the focus is not to jump into view.
    let (head_row, body) = (
        NodeRef::<leptos::html::Div>::new(),
        NodeRef::<leptos::html::Div>::new(),
    );
    let head_items = move || {
        keep_focus_in(head_row, None);
        cols.get()
    };
    let shown = StoredValue::new(None::<(usize, (usize, usize))>);
    let body_items = move || {
        let now = (rows.with(Vec::len), range.get());
        let scrolled = shown
            .get_value()
            .is_some_and(|(len, at)| len == now.0 && at != now.1);
        if !scrolled {
            keep_focus_in(body, None);
        }
        shown.set_value(Some(now));
        let (s, e) = now.1;
        rows.with(|r| r[s..e].to_vec())
    };
    view! {
        <div class="grid-scroll" tabindex="-1" node_ref=scroller on:scroll=move |_| on_scroll()>
            // Not a <table>: a table re-lays out and repaints as a whole when
            // one cell changes. Here every body row is a fixed-size box with
            // `contain: strict` (see the stylesheet), so setting a letter
            // lays out and paints that row only.
            <div
                id=table_id.clone()
                class="grid"
                style:--cols=move || cols.with(Vec::len).to_string()
                role="grid"
                aria-label=label
                aria-rowcount=row_count
                aria-colcount=col_count
                on:keydown=on_keydown
                on:focusin=move |ev| {
                    // Focus that arrives by Tab or a click makes that cell
                    // the active one, so shortcuts act where the user is.
                    if let Some(cell) = ev.target().and_then(|t| grid_cell(&t)) {
                        if let (Some(r), Some(c)) = (cell.get_attribute("data-row"), cell.get_attribute("data-col")) {
                            if active.get_untracked().as_ref() != Some(&(r.clone(), c.clone())) {
                                active.set(Some((r, c)));
                            }
                        }
                    }
                }
            >
                <div class="grid-head" role="rowgroup">
                    <div class="grid-row" role="row" aria-rowindex="1" node_ref=head_row>
                        <div role="columnheader" class="corner">{corner}</div>
                        <For each=head_items key=|c| c.clone() let:col>
                            {
                                let header = col_header(col.clone());
                                view! { <div role="columnheader" class="col-header" data-col=col>{header}</div> }
                            }
                        </For>
                    </div>
                </div>
                <div class="grid-body" role="rowgroup" node_ref=body>
                    {move || {
                        let (start, _) = range.get();
                        (start > 0).then(|| view! {
                            <div class="spacer" aria-hidden="true" style:height=move || format!("{}px", start as f64 * row_height.get())></div>
                        })
                    }}
                    <For each=body_items key=GridRow::key let:row>
                        {
                            let key = row.key();
                            let index = move || row_index(&key);
                            match row {
                                GridRow::Group { label, .. } => view! {
                                    <div class="grid-row group-row" role="row" aria-rowindex=index>
                                        <div role="rowheader" class="group-label" aria-colspan=col_count>{label}</div>
                                    </div>
                                }.into_any(),
                                GridRow::Item(id) => view! {
                                    <GridLine
                                        id=id
                                        index=Signal::derive(index)
                                        cols=cols
                                        row_cells=row_cells.clone()
                                        cache=cache
                                        explain=explain.clone()
                                        row_header=row_header.clone()
                                        letters=letters
                                        show=show.clone()
                                        active=active
                                        selected=selected.clone()
                                    />
                                }.into_any(),
                            }
                        }
                    </For>
                    {move || {
                        let (_, end) = range.get();
                        let rest = rows.with(Vec::len).saturating_sub(end);
                        (rest > 0).then(|| view! {
                            <div class="spacer" aria-hidden="true" style:height=move || format!("{}px", rest as f64 * row_height.get())></div>
                        })
                    }}
                </div>
                {col_footer.map(|footer| view! {
                    <div class="grid-foot" role="rowgroup">
                        <div class="grid-row" role="row" aria-rowindex=move || rows.with(Vec::len) + 2>
                            <div role="rowheader" class="corner">"Load"</div>
                            <For each=move || cols.get() key=|c| c.clone() let:col>
                                <div role="gridcell" class="col-footer">{footer(col)}</div>
                            </For>
                        </div>
                    </div>
                })}
            </div>
        </div>
        <p class="grid-status" aria-live="polite" data-testid="grid-status">{status}</p>
    }
}

/// The letter cell an event happened in, if any.
fn grid_cell(target: &web_sys::EventTarget) -> Option<web_sys::Element> {
    target
        .dyn_ref::<web_sys::Element>()
        .filter(|e| e.class_list().contains("cell"))
        .cloned()
}

/// The next letter when cycling: none -> first -> ... -> last -> none.
pub fn cycle(letters: &[String], now: Option<&str>) -> Option<String> {
    match now.and_then(|n| letters.iter().position(|l| l == n)) {
        None => letters.first().cloned(),
        Some(i) => letters.get(i + 1).cloned(),
    }
}

#[component]
fn GridLine(
    id: Id,
    index: Signal<usize>,
    cols: Signal<Vec<Id>>,
    row_cells: RowCells,
    cache: RowCache,
    explain: Explain,
    row_header: Render,
    letters: Signal<Vec<String>>,
    show: ShowLetter,
    active: RwSignal<Option<(Id, Id)>>,
    selected: Selector<Option<(Id, Id)>>,
) -> impl IntoView {
    let cells = (row_cells)(&id);
    cache.update_value(|c| {
        c.insert(id.clone(), cells);
    });
    {
        let id = id.clone();
        on_cleanup(move || {
            cache.update_value(|c| {
                c.remove(&id);
            })
        });
    }
    // One signal per cell, kept in step with the row's letters by one
    // effect: a letter set wakes that cell's bindings alone, not those of
    // every cell in the row (each wake-up is a task in the reactive
    // executor; a row has dozens of bindings).
    let row_owner = Owner::current().unwrap_or_default();
    let slots = StoredValue::new(HashMap::<Id, RwSignal<Option<String>>>::new());
    let slot = move |col: &Id| -> RwSignal<Option<String>> {
        if let Some(s) = slots.with_value(|m| m.get(col).copied()) {
            return s;
        }
        let now = cells.with_untracked(|c| c.get(col).cloned());
        let s = row_owner.with(|| RwSignal::new(now));
        slots.update_value(|m| {
            m.insert(col.clone(), s);
        });
        s
    };
    Effect::new(move |_| {
        cells.with(|letters| {
            slots.with_value(|m| {
                for (col, s) in m {
                    let now = letters.get(col);
                    if s.with_untracked(|v| v.as_ref() != now) {
                        s.set(now.cloned());
                    }
                }
            })
        })
    });
    let row_id = id.clone();
    view! {
        <div class="grid-row item-row" role="row" data-row=id.clone() aria-rowindex=index>
            <div role="rowheader" class="row-header">{row_header(id.clone())}</div>
            // The cells sit in a box of their own, apart from the sticky
            // row header: the browser then lays out only this box when a
            // letter changes (see the stylesheet's `.row-cells`).
            <div class="row-cells">
            <For each=move || cols.get() key=|c| c.clone() let:col>
                {
                    let row = row_id.clone();
                    let key = Some((row.clone(), col.clone()));
                    let cell = slot(&col);
                    let letter = move || cell.get();
                    let title = {
                        let explain = explain.clone();
                        move || letter().map(|l| explain(&l))
                    };
                    let is_active = {
                        let (key, selected) = (key.clone(), selected.clone());
                        move || selected.selected(&key)
                    };
                    let is_selected = {
                        let (key, selected) = (key.clone(), selected.clone());
                        move || selected.selected(&key)
                    };
                    let click = {
                        let (row, col, show) = (row.clone(), col.clone(), show.clone());
                        move |ev: leptos::ev::MouseEvent| {
                            let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
                            active.set(Some((row.clone(), col.clone())));
                            show.set(&el, &row, &col, cycle(&letters.get_untracked(), shown_letter(&el).as_deref()));
                        }
                    };
                    let letter_class = move || cell_class(letter().as_deref());
                    view! {
                        <div
                            role="gridcell"
                            data-row=row.clone()
                            data-col=col.clone()
                            class=letter_class
                            tabindex=move || if is_active() { "0" } else { "-1" }
                            aria-selected=move || if is_selected() { "true" } else { "false" }
                            title=title
                            on:click=click
                        >
                            // Always a text node, even empty: `ShowLetter`
                            // writes into it.
                            {move || letter().unwrap_or_default()}
                        </div>
                    }
                }
            </For>
            </div>
        </div>
    }
}
