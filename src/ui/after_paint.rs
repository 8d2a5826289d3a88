//! Work that can wait one frame. An edit must show on the very next frame;
//! what it implies elsewhere (findings, badges, coverage, the status line,
//! the undo buttons, the save indicator) can follow in the one after, and
//! fast typing then costs one check instead of one per key.
//!
//! Measured on the 200 x 25 grid at 4x CPU: any change outside the grid's
//! scroller in the letter's frame (the status line, the header's indicator)
//! adds a repaint of the page and a new layerization, 4-8 ms of that frame,
//! even for a fixed-size contained box.

use std::time::Duration;

use leptos::prelude::*;

/// A value computed by `compute`, recomputed after the next frame is
/// painted whenever what `track` reads changes. Changes in between are
/// coalesced into one recomputation.
pub fn after_paint<T>(
    track: impl Fn() + 'static,
    compute: impl Fn() -> T + Clone + 'static,
) -> ReadSignal<T>
where
    T: Send + Sync + 'static,
{
    let value = RwSignal::new(untrack(&compute));
    let pending = StoredValue::new(false);
    Effect::new(move |ran: Option<()>| {
        track();
        // The first run only subscribes: the value is fresh.
        if ran.is_none() || pending.get_value() {
            return;
        }
        pending.set_value(true);
        let compute = compute.clone();
        after_next_paint(move || {
            if pending.is_disposed() {
                return;
            }
            pending.set_value(false);
            value.set(untrack(&compute));
        });
    });
    value.read_only()
}

/// Runs `f` once the next frame has been painted.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    // Queued from a frame's animation callback, a task runs once that
    // frame has been painted.
    request_animation_frame(move || set_timeout(f, Duration::ZERO));
}
