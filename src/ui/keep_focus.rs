//! Keeping the keyboard's place in a keyed list as its rows change.
//!
//! A keyed list (`<For>`) puts a row in its new place by taking its element
//! out of the page and inserting it again, and removes a deleted row's
//! element; either way the browser silently drops the focus to the page
//! itself, and a keyboard user has to start again from the top. On the
//! Models page, renaming a model moves its row to the top (it is now the
//! newest), and deleting a model removes the row whose button was pressed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Call just before `list` is updated. When the focus is inside it and the
/// update takes the focused element out, the focus goes, once the update
/// has run (a microtask: before anything is painted or typed):
/// - back to that element, if the update only moved it;
/// - else to the first button of the row now in its row's place (or the
///   last row), a button so that no key typed next edits anything.
pub fn keep_focus_in(list: &Element) {
    let Some(focused) = document().active_element() else {
        return;
    };
    let Some(place) = row_index(list, &focused) else {
        return;
    };
    let list = list.clone();
    queue_microtask(move || {
        if document().active_element().as_ref() == Some(&focused) {
            return;
        }
        let target = if focused.is_connected() {
            Some(focused)
        } else {
            row_at(&list, place).and_then(|row| row.query_selector("button").ok().flatten())
        };
        if let Some(element) = target
            .as_ref()
            .and_then(|t| t.dyn_ref::<web_sys::HtmlElement>())
        {
            let _ = element.focus();
        }
    });
}

/// The position among `list`'s children of the one holding `node`.
fn row_index(list: &Element, node: &Element) -> Option<usize> {
    let mut row = node.clone();
    while row.parent_element().as_ref() != Some(list) {
        row = row.parent_element()?;
    }
    let mut index = 0;
    while let Some(before) = row.previous_element_sibling() {
        index += 1;
        row = before;
    }
    Some(index)
}

/// `list`'s child at `index`, or its last child if it has fewer; none once
/// the list has no rows or has left the page.
fn row_at(list: &Element, index: usize) -> Option<Element> {
    if !list.is_connected() {
        return None;
    }
    let mut row = list.first_element_child()?;
    for _ in 0..index {
        match row.next_element_sibling() {
            Some(next) => row = next,
            None => break,
        }
    }
    Some(row)
}
