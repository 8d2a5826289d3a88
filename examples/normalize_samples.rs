//! Rewrites the sample models in `public/samples/` as the app writes a
//! model file today: read (migrated to the current schema), then written
//! pretty-printed and dated on the samples' anchor day. Run after a schema
//! change or a hand edit: `cargo run --example normalize_samples`. The
//! samples' tests check that the files are in this form.

use opmodel::model::samples::{ANCHOR, SAMPLES};
use opmodel::model::{load, to_file_json};

fn main() {
    let anchor = ANCHOR.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/samples");
    for info in SAMPLES {
        let path = dir.join(format!("{}.opmodel.json", info.key));
        let text = std::fs::read_to_string(&path).expect("the sample file");
        let mut m = load(text.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        m.created_at = anchor;
        m.updated_at = anchor;
        std::fs::write(&path, format!("{}\n", to_file_json(&m, anchor))).expect("written");
        println!("{}", path.display());
    }
}
