//! Work that can wait one frame. An edit must show on the very next frame;
//! what it implies elsewhere (findings, badges, coverage) can follow in the
//! one after, and fast typing then costs one check instead of one per key.

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
        request_animation_frame(move || {
            // Queued from a frame's animation callback, a task runs once
            // that frame has been painted.
            set_timeout(
                move || {
                    if pending.is_disposed() {
                        return;
                    }
                    pending.set_value(false);
                    value.set(untrack(&compute));
                },
                Duration::ZERO,
            );
        });
    });
    value.read_only()
}
