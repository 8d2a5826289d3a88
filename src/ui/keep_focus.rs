//! Keeping the keyboard's place in a keyed list as its items change, and
//! when a control hides itself ([`refocus_if_lost`]).
//!
//! A keyed list (`<For>`) puts an item in its new place by taking its
//! element out of the page and inserting it again, and removes a deleted
//! item's element; either way the browser silently drops the focus to the
//! page itself, and a keyboard user has to start again from the top. On the
//! Models page, renaming a model moves its row to the top (it is now the
//! newest); everywhere, a delete button removes the item it is in.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// What takes the focus inside an item, in the order of the page.
const CONTROLS: &str = "button, input, select, textarea, a[href], [tabindex]";

/// Call just before `list` (the element whose children are the items) is
/// updated. When the focus is inside it and the update takes the focused
/// element out, the focus goes, once the update has run (a microtask:
/// before anything is painted or typed):
/// - back to that element, if the update only moved it;
/// - else to the same control (by its position among the item's controls)
///   of the item now in the removed item's place, or of the last item: the
///   next item's delete button after a delete; the first button if that
///   item has fewer controls. An item without any (a group's heading)
///   passes it to the nearest item after it, else before it, that has;
/// - else, with no item left, to `when_empty` (the list's "add" button, or
///   the page's heading when the list goes with its last item).
///
/// `list` may not be on the page yet (its first update): then there is
/// nothing to keep.
pub fn keep_focus_in<E>(list: NodeRef<E>, when_empty: Option<HtmlElement>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    if let Some(list) = list.get_untracked() {
        keep_focus_in_element(list.unchecked_into(), when_empty);
    }
}

/// [`keep_focus_in`] once the list's element is known: one copy for every
/// kind of list element.
fn keep_focus_in_element(list: Element, when_empty: Option<HtmlElement>) {
    let Some(focused) = document().active_element() else {
        return;
    };
    let Some((place, control)) = position(&list, &focused) else {
        return;
    };
    queue_microtask(move || {
        // Only when the focus was lost: where the page moved it itself (a
        // grid to its next cell), it stays.
        if !focus_lost() {
            return;
        }
        let target = if focused.is_connected() {
            focused.dyn_into::<HtmlElement>().ok()
        } else {
            item_at(&list, place)
                .and_then(|item| nearest_control(&item, control))
                .or(when_empty)
        };
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
}

/// The place among `list`'s children of the item holding `node`, and
/// `node`'s place among that item's controls.
fn position(list: &Element, node: &Element) -> Option<(usize, usize)> {
    let mut item = node.clone();
    while item.parent_element().as_ref() != Some(list) {
        item = item.parent_element()?;
    }
    let controls = item.query_selector_all(CONTROLS).ok()?;
    let control = (0..controls.length()).position(|i| {
        controls
            .item(i)
            .as_ref()
            .map(|c| c.unchecked_ref::<Element>())
            == Some(node)
    })?;
    let mut place = 0;
    while let Some(before) = item.previous_element_sibling() {
        place += 1;
        item = before;
    }
    Some((place, control))
}

/// `list`'s child at `place`, or its last child if it has fewer; none once
/// the list has no items or has left the page.
fn item_at(list: &Element, place: usize) -> Option<Element> {
    if !list.is_connected() {
        return None;
    }
    let mut item = list.first_element_child()?;
    for _ in 0..place {
        match item.next_element_sibling() {
            Some(next) => item = next,
            None => break,
        }
    }
    Some(item)
}

/// [`same_control`] in `item`, or else in the nearest item after it, or
/// else before it, that has one: an item without controls (a group's
/// heading in a grid, a spacer) passes the focus on rather than dropping it.
fn nearest_control(item: &Element, index: usize) -> Option<HtmlElement> {
    let after = std::iter::successors(Some(item.clone()), Element::next_element_sibling);
    let before = std::iter::successors(
        item.previous_element_sibling(),
        Element::previous_element_sibling,
    );
    after.chain(before).find_map(|i| same_control(&i, index))
}

/// The control at `index` among `item`'s, or its first button.
fn same_control(item: &Element, index: usize) -> Option<HtmlElement> {
    let at = u32::try_from(index).ok();
    let control = item
        .query_selector_all(CONTROLS)
        .ok()
        .and_then(|all| all.item(at?))
        .or_else(|| item.query_selector("button").ok().flatten().map(Into::into))?;
    control.dyn_into::<HtmlElement>().ok()
}

/// After the next update and before the next paint, focuses what `target`
/// gives, if the focus was lost by then (it is on the page itself).
///
/// For a control that hides itself: "Present" gives way to "Exit
/// presentation", a model's "Open" goes once it is open. Where the focus went
/// elsewhere on purpose (a key pressed in a grid cell), it stays.
pub fn refocus_if_lost(target: impl FnOnce() -> Option<HtmlElement> + 'static) {
    request_animation_frame(move || {
        if focus_lost() {
            if let Some(target) = target() {
                let _ = target.focus();
            }
        }
    });
}

/// Whether nothing has the focus but the page itself, where the browser
/// puts it when the focused element leaves the page or becomes disabled.
pub fn focus_lost() -> bool {
    let body: Option<Element> = document().body().map(Into::into);
    let now = document().active_element();
    now.is_none() || now == body
}
