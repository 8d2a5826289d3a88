//! Charts as standalone SVG strings.
//!
//! Pure Rust, no DOM: the radar, the layer figure and every chart's frame
//! are written by a small pen (`pen.rs`, so the quiz app links no
//! plotters), the timeline and the swimlane's shapes through
//! `plotters::prelude::SVGBackend::with_string`, and the map, the spread and
//! the QR code by hand. So each renders the same on native (tests, export)
//! and on wasm32, where the UI can insert the string as inline SVG or offer
//! it as a download.
//!
//! - [`radar`]: dimension scores (0-100) on a spider chart, optionally
//!   compared with a previous assessment.
//! - [`timeline`]: several 0-100 series over time, with legend and one marker
//!   per data point.
//! - [`layers`]: the layer hierarchy (tools → workflows → automation →
//!   operating system) as a stack, with the current layer marked.
//! - [`swimlane`]: a workflow's stages in one lane per performing role,
//!   with handoffs, decision points, exceptions and the checks' findings.
//! - [`spread`]: a team's scores per dimension, a dot per person, the
//!   mean marked, the dimensions where people disagree flagged.
//! - [`qr`]: a link as a QR code.
//! - [`map`]: the operating map, one row per layer of the organization, the
//!   connections drawn and the gaps marked.
//!
//! Every document has `xmlns`, `width`/`height`, a `viewBox` (so CSS can scale
//! it), `role="img"` and a `<title>` and `<desc>` (referenced by
//! `aria-labelledby`) that describe the chart in words. All user text is
//! escaped ([`escape_xml`]); plotters' SVG backend escapes the text it draws as
//! well. No input panics: empty inputs yield a chart that says there is no
//! data, scores are clamped to 0-100 and non-finite scores are left out (or
//! shown as "n/a") so no `NaN` reaches the output.
//!
//! Machine-readable hooks (stable, for tests and styling):
//! - each timeline data point is a `<g class="point" data-series="NAME"
//!   data-series-index="I" data-date="YYYY-MM-DD" data-value="V">` holding a
//!   `<title>NAME, YYYY-MM-DD: V</title>` tooltip and the marker shapes;
//! - each radar vertex is a `<g class="point" data-series="LABEL"
//!   data-role="current|previous" data-axis="AXIS" data-value="V">`, each
//!   axis label a `<g class="axis-label" data-axis="AXIS">`;
//! - each layer is a `<g class="band" data-layer="NAME">`, the current one
//!   `class="band current"` with `aria-current="true"`;
//! - each swimlane stage is a focusable `<g class="stage" data-stage="ID"
//!   role="listitem" tabindex="0" aria-label="Stage 2 of 5: …">`, each
//!   arrow a `<g class="arrow">` (`class="arrow handoff"` where the work
//!   changes hands), each lane a `<g class="lane" data-role="ID">`. Having
//!   focusable parts, the swimlane's root has `role="group"`, not "img".

mod layers;
mod map;
mod pen;
mod qr;
mod radar;
mod spread;
mod svg;
mod swimlane;
mod timeline;

#[cfg(test)]
mod examples;
#[cfg(test)]
mod testutil;

pub use layers::{layer_bands, layers, layers_text, LayerBand};
pub use map::{crossings, map, map_text, order as map_order, MAX_PER_ROW};
pub use qr::qr;
pub use radar::{radar, radar_text};
pub use spread::{spread, SpreadRow};
pub use svg::escape_xml;
pub use swimlane::{swimlane, swimlane_text};
pub use timeline::{timeline, timeline_text, timeline_with_band, Band, Series};

/// The words of a chart, as written into its `<title>` and `<desc>`: handy
/// for a caption or a visually hidden description next to the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartText {
    pub title: String,
    pub description: String,
}
