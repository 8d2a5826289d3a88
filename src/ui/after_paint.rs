//! Work that can wait one frame. An edit must show on the very next frame;
//! what it implies elsewhere (findings, badges, coverage, the status line,
//! the undo buttons, the save indicator) follows once that frame is
//! painted, in a background task that a key pressed meanwhile overtakes,
//! and fast typing then costs one check instead of one per key.
//!
//! Measured on the 200 x 25 grid at 4x CPU: any change outside the grid's
//! scroller in the letter's frame (the status line, the header's indicator)
//! adds a repaint of the page and a new layerization, 4-8 ms of that frame,
//! even for a fixed-size contained box.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

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
        if ran.is_some() {
            let compute = compute.clone();
            once_after_next_paint(pending, move || value.set(untrack(&compute)));
        }
    });
    value.read_only()
}

/// Runs `f` once the next frame has been painted, unless a run flagged by
/// `pending` is waiting already: the calls until then share that one run.
/// Nothing runs once `pending` is disposed (its owner is gone).
pub fn once_after_next_paint(pending: StoredValue<bool>, f: impl FnOnce() + 'static) {
    if pending.try_get_value() != Some(false) {
        return;
    }
    pending.set_value(true);
    after_next_paint(move || {
        // `None`: the flag was still there to clear.
        if pending.try_set_value(false).is_none() {
            f();
        }
    });
}

/// Runs `f` once the next frame has been painted.
///
/// Everything queued for the same frame shares one animation-frame request
/// and one task, through two callbacks made once: while typing, every key
/// queues work here, and a callback made per call (a closure handed to the
/// browser) cost that key's script more than the work it scheduled.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let first = QUEUE.with_borrow_mut(|q| {
        q.push(Box::new(f));
        q.len() == 1
    });
    if first {
        HOOKS.with(|h| {
            // Without a window there is no frame to wait for: nothing to do.
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(h.frame.as_ref().unchecked_ref());
            }
        });
    }
}

type Work = Box<dyn FnOnce()>;

thread_local! {
    static QUEUE: RefCell<Vec<Work>> = const { RefCell::new(Vec::new()) };
    static HOOKS: Hooks = Hooks::new();
}

/// The two callbacks handed to the browser, made once per thread.
struct Hooks {
    /// Runs in the frame's animation callbacks: posts the task.
    frame: Closure<dyn Fn()>,
    /// The task after the paint: runs what was queued until now.
    task: Closure<dyn Fn()>,
    /// `scheduler.postTask` and its options, where the browser has it.
    post_task: Option<(JsValue, js_sys::Function, js_sys::Object)>,
}

impl Hooks {
    fn new() -> Hooks {
        Hooks {
            // Posted from a frame's animation callback, a task runs once
            // that frame has been painted.
            frame: Closure::new(|| HOOKS.with(Hooks::post)),
            task: Closure::new(|| {
                // Taken first: work queued while this runs waits for the
                // next frame, with a request of its own.
                for work in QUEUE.take() {
                    work();
                }
            }),
            post_task: background_post_task(),
        }
    }

    /// Posts the task at the lowest priority the browser offers, so that a
    /// key pressed meanwhile is handled (and its letter painted) first,
    /// and fast typing never waits for the checks. Elsewhere, a plain task.
    fn post(&self) {
        let task: &js_sys::Function = self.task.as_ref().unchecked_ref();
        if let Some((scheduler, post_task, options)) = &self.post_task {
            if post_task.call2(scheduler, task, options).is_ok() {
                return;
            }
        }
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(task);
        }
    }
}

/// `scheduler.postTask` (Chromium, Firefox) with `priority: "background"`.
fn background_post_task() -> Option<(JsValue, js_sys::Function, js_sys::Object)> {
    let window: JsValue = web_sys::window()?.into();
    let scheduler = js_sys::Reflect::get(&window, &"scheduler".into()).ok()?;
    let post_task = js_sys::Reflect::get(&scheduler, &"postTask".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"priority".into(), &"background".into()).ok()?;
    Some((scheduler, post_task, options))
}
