//! Reordering by drag and drop: an item carries its id under a drag type
//! of our own, so a target accepts only its own kind of item (a stage
//! dropped on a grid row, or a file on a stage, is ignored). Used by the
//! ownership grid's rows and columns and by a workflow's stages.

use web_sys::DragEvent;

/// Starts dragging item `id` as a `kind`, to be moved.
pub fn start(ev: &DragEvent, kind: &str, id: &str) {
    if let Some(dt) = ev.data_transfer() {
        let _ = dt.set_data(kind, id);
        dt.set_effect_allowed("move");
    }
}

/// On `dragover`: whether a `kind` is dragged over this target; if so the
/// drop is allowed here (the event's default prevented).
pub fn accept(ev: &DragEvent, kind: &str) -> bool {
    let ours = ev
        .data_transfer()
        .is_some_and(|d| d.types().includes(&kind.into(), 0));
    if ours {
        ev.prevent_default();
    }
    ours
}

/// On `drop`: the id of the `kind` dropped here, if one was (the event's
/// default then prevented).
pub fn dropped(ev: &DragEvent, kind: &str) -> Option<String> {
    let id = ev
        .data_transfer()
        .and_then(|d| d.get_data(kind).ok())
        .filter(|id| !id.is_empty())?;
    ev.prevent_default();
    Some(id)
}
