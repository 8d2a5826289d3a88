//! The layer hierarchy (tools → workflows → automation → operating system)
//! as a stack of bands, bottom-up, with the current layer marked.

use plotters::style::RGBColor;

use super::svg::{
    clamp_score, clean_label, draw_frame, empty_chart, fit_text, fmt_score, px, Align, Baseline,
    Font, Pen, SvgDoc, GRID, INK, MUTED, PALETTE, SMALL_PX, TEXT_PX,
};
use super::ChartText;
use crate::model::layers::Layer;
use crate::model::quiz::{Dimension, QuizResult};

/// One layer of the hierarchy.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerBand {
    pub name: String,
    /// Score 0-100 (clamped; non-finite shown as "n/a").
    pub score: f64,
    /// A short state text, e.g. "In place" or "Compliance drift".
    pub state: String,
    /// Whether the organization currently sits at this layer.
    pub current: bool,
}

pub(crate) const WIDTH: u32 = 720;
const TOP: f64 = 76.0;
const BAND_H: f64 = 70.0;
const GAP: f64 = 10.0;
const LEFT: f64 = 150.0;
const RIGHT: f64 = 700.0;
const EMPTY_HEIGHT: u32 = 300;

const BAND_FILL: RGBColor = RGBColor(0xF4, 0xF6, 0xF8);
const BAND_STROKE: RGBColor = RGBColor(0x9A, 0xA5, 0xB1);
const CURRENT_FILL: RGBColor = RGBColor(0xE4, 0xF0, 0xFA);
const ACCENT: RGBColor = PALETTE[0];

/// The layer figure's bands for a quiz result, bottom-up, with the
/// placement marked: each layer's score (the operating system's is the mean
/// of integration and governance) and its state in words (established;
/// strong on a weak layer below; or not yet, with the risk it leaves to the
/// layer below).
pub fn layer_bands(result: &QuizResult) -> Vec<LayerBand> {
    let mut below_ok = true;
    Layer::ALL
        .into_iter()
        .map(|layer| {
            let score = match layer {
                Layer::OperatingSystem => {
                    let integration = result.score_of(Dimension::Integration);
                    (integration + result.governance()) / 2.0
                }
                _ => result
                    .dimensions
                    .iter()
                    .find(|(d, _)| d.layer() == Some(layer))
                    .map_or(0.0, |(_, s)| *s),
            };
            let own = result.layer_established(layer);
            let state = match (own, below_ok) {
                (true, true) => "Established".to_string(),
                (true, false) => "Strong, but resting on a weak layer below".to_string(),
                // A missing layer leaves the one below exposed to its own
                // failure mode (workflows without automation drift, ...).
                (false, _) => match Layer::ALL
                    .into_iter()
                    .find(|l| l.next() == Some(layer))
                    .and_then(Layer::failure_mode)
                {
                    Some(mode) => format!("Not yet established (risk: {mode})"),
                    None => "Not yet established".to_string(),
                },
            };
            below_ok &= own;
            LayerBand {
                name: layer.name().to_string(),
                score,
                state,
                current: layer == result.placement,
            }
        })
        .collect()
}

/// Index of the band to mark: the first (lowest) one flagged current.
fn current_index(bands: &[LayerBand]) -> Option<usize> {
    bands.iter().position(|b| b.current)
}

fn band_name(b: &LayerBand, i: usize) -> String {
    let n = clean_label(&b.name);
    if n.is_empty() {
        format!("Layer {}", i + 1)
    } else {
        n
    }
}

/// Title and description of the layer figure, as written into the SVG.
pub fn layers_text(title: &str, bands: &[LayerBand]) -> ChartText {
    let title = clean_label(title);
    if bands.is_empty() {
        return ChartText {
            title,
            description: "No data to show yet: no layers.".to_string(),
        };
    }
    let mut description = format!(
        "Layer hierarchy of {} layers, read from the bottom (the foundation) up; \
         each layer builds on the one below it.",
        bands.len()
    );
    for (i, b) in bands.iter().enumerate() {
        let state = clean_label(&b.state);
        let state = if state.is_empty() {
            String::new()
        } else {
            format!(", {state}")
        };
        description.push_str(&format!(
            " Layer {}, {}: {} of 100{state}.",
            i + 1,
            band_name(b, i),
            fmt_score(b.score)
        ));
    }
    match current_index(bands) {
        Some(i) => description.push_str(&format!(
            " You are here: {} (layer {}).",
            band_name(&bands[i], i),
            i + 1
        )),
        None => description.push_str(" No layer is marked as current."),
    }
    ChartText { title, description }
}

/// The layer hierarchy as a stacked figure, `bands` given bottom-up (bottom =
/// Tools, top = Operating system): each layer a band with its name, score
/// (number and bar) and state text. The current layer has a thicker accent
/// border, a tinted fill and a "You are here" pointer, so it is not marked by
/// colour alone; if several bands are flagged current, the lowest is marked.
/// Returns a standalone SVG document.
pub fn layers(title: &str, bands: &[LayerBand]) -> String {
    let text = layers_text(title, bands);
    if bands.is_empty() {
        return empty_chart("layers", WIDTH, EMPTY_HEIGHT, title, "no layers");
    }
    let n = bands.len();
    let height = (TOP + n as f64 * (BAND_H + GAP) - GAP + 30.0).ceil() as u32;
    let current = current_index(bands);
    let mut doc = SvgDoc::new("layers", WIDTH, height, &text.title, &text.description);
    draw_frame(&mut doc, title);
    doc.pen().text(
        "Read from the bottom up: each layer builds on the one below it.",
        (20, 54),
        Font::new(SMALL_PX, false, MUTED),
    );

    // Taper: higher layers are a little narrower, like a stack.
    let step = (90.0 / n as f64).min(14.0);
    for (i, b) in bands.iter().enumerate() {
        let is_current = current == Some(i);
        let inset = step * i as f64;
        let (x0, x1) = (LEFT + inset, RIGHT - inset);
        let y0 = TOP + (n - 1 - i) as f64 * (BAND_H + GAP);
        let name = band_name(b, i);
        let state = clean_label(&b.state);
        let score = clamp_score(b.score);
        let shown_score = fmt_score(b.score);
        let level = (i + 1).to_string();
        let mut attrs = vec![
            ("class", if is_current { "band current" } else { "band" }),
            ("data-layer", name.as_str()),
            ("data-level", level.as_str()),
            ("data-score", shown_score.as_str()),
        ];
        if is_current {
            attrs.push(("aria-current", "true"));
        }
        doc.open_group(&attrs);
        let here = if is_current { " (you are here)" } else { "" };
        let state_part = if state.is_empty() {
            String::new()
        } else {
            format!(". {state}")
        };
        doc.tooltip(&format!(
            "Layer {level}, {name}: {shown_score} of 100{state_part}{here}"
        ));
        let geom = BandGeom { x0, x1, y0 };
        draw_band(
            &mut doc.pen(),
            &geom,
            is_current,
            &name,
            &level,
            &state,
            score,
        );
        if is_current {
            doc.open_group(&[("class", "you-are-here")]);
            draw_pointer(&mut doc.pen(), &geom);
            doc.close_group();
        }
        doc.close_group();
    }
    doc.finish()
}

struct BandGeom {
    x0: f64,
    x1: f64,
    y0: f64,
}

fn draw_band(
    pen: &mut Pen,
    g: &BandGeom,
    is_current: bool,
    name: &str,
    level: &str,
    state: &str,
    score: Option<f64>,
) {
    let (x0, x1, y0, y1) = (g.x0, g.x1, g.y0, g.y0 + BAND_H);
    let fill = if is_current { CURRENT_FILL } else { BAND_FILL };
    pen.rect((px(x0), px(y0)), (px(x1), px(y1)), fill);
    // Border as a path: the SVG backend writes no stroke width for rects.
    let (stroke, width) = if is_current {
        (ACCENT, 3)
    } else {
        (BAND_STROKE, 1)
    };
    pen.line(
        // Around once and along the first side again, so the start corner
        // is joined like the others.
        &[
            (px(x0), px(y0)),
            (px(x1), px(y0)),
            (px(x1), px(y1)),
            (px(x0), px(y1)),
            (px(x0), px(y0)),
            (px(x1), px(y0)),
        ],
        stroke,
        width,
    );

    // Score on the right: number, "/ 100" and a bar.
    let bar_w = 110.0;
    let (bar_x0, bar_x1) = (x1 - 16.0 - bar_w, x1 - 16.0);
    let shown = score.map(fmt_score).unwrap_or_else(|| "n/a".to_string());
    pen.text(
        &shown,
        (px(x1 - 52.0), px(y0 + 30.0)),
        Font::new(24.0, true, INK).at(Align::End, Baseline::Middle),
    );
    pen.text(
        "/ 100",
        (px(x1 - 48.0), px(y0 + 33.0)),
        Font::new(12.0, false, MUTED),
    );
    let (by0, by1) = (px(y0 + 50.0), px(y0 + 56.0));
    pen.rect((px(bar_x0), by0), (px(bar_x1), by1), GRID);
    if let Some(s) = score.filter(|s| *s > 0.0) {
        let bar_color = if is_current { ACCENT } else { MUTED };
        let end = bar_x0 + bar_w * s / 100.0;
        pen.rect(
            (px(bar_x0), by0),
            (px(end.max(bar_x0 + 1.0)), by1),
            bar_color,
        );
    }

    // Text on the left: level, name, state.
    let text_w = (bar_x0 - 20.0) - (x0 + 16.0);
    let tx = px(x0 + 16.0);
    pen.text(
        &format!("LAYER {level}"),
        (tx, px(y0 + 15.0)),
        Font::new(11.0, true, MUTED),
    );
    pen.text(
        &fit_text(name, text_w, 16.0, true),
        (tx, px(y0 + 34.0)),
        Font::new(16.0, true, INK),
    );
    if !state.is_empty() {
        pen.text(
            &fit_text(state, text_w, TEXT_PX, false),
            (tx, px(y0 + 54.0)),
            Font::new(TEXT_PX, false, MUTED),
        );
    }
}

/// "You are here" with an arrow pointing at the band's left edge.
fn draw_pointer(pen: &mut Pen, g: &BandGeom) {
    let cy = g.y0 + BAND_H / 2.0;
    let tip = g.x0 - 6.0;
    pen.polygon(
        &[
            (px(tip), px(cy)),
            (px(tip - 14.0), px(cy - 9.0)),
            (px(tip - 14.0), px(cy + 9.0)),
        ],
        ACCENT,
        1.0,
    );
    pen.text(
        "You are here",
        (px(tip - 20.0), px(cy)),
        Font::new(TEXT_PX, true, INK).at(Align::End, Baseline::Middle),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testutil::assert_safe_svg;

    fn four(current: usize) -> Vec<LayerBand> {
        [
            ("Tools", 82.0, "In place"),
            ("Workflows", 64.0, "Compliance drift: practice diverges"),
            ("Automation", 35.0, "Brittle"),
            ("Operating system", 12.0, "Not yet"),
        ]
        .iter()
        .enumerate()
        .map(|(i, (n, s, st))| LayerBand {
            name: n.to_string(),
            score: *s,
            state: st.to_string(),
            current: i == current,
        })
        .collect()
    }

    #[test]
    fn renders_bottom_up_and_marks_exactly_the_current_band() {
        let svg = layers("Where you are", &four(1));
        let root = assert_safe_svg(&svg);
        assert_eq!(root.find_all("title")[0].text(), "Where you are");
        let desc = root.find_all("desc")[0].text();
        assert!(
            desc.contains("Layer 1, Tools: 82 of 100, In place."),
            "{desc}"
        );
        assert!(
            desc.contains("You are here: Workflows (layer 2)."),
            "{desc}"
        );

        let bands = root.find_class("band");
        assert_eq!(bands.len(), 4);
        let current = root.find_class("current");
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].attr("data-layer"), Some("Workflows"));
        assert_eq!(current[0].attr("aria-current"), Some("true"));
        assert_eq!(root.find_class("you-are-here").len(), 1);
        assert!(current[0].all_text().contains("You are here"));
        assert_eq!(svg.matches(">\nYou are here\n<").count(), 1);
        for b in &bands {
            let t = b.all_text();
            let name = b.attr("data-layer").unwrap();
            assert!(t.contains(name), "{t}");
        }
        assert!(svg.contains("Compliance drift: practice diverges"));
        assert!(svg.contains(">\n64\n<"));

        // Bottom-up: Tools lowest (largest y), Operating system on top.
        let y_of = |name: &str| -> f64 {
            let b = bands
                .iter()
                .find(|b| b.attr("data-layer") == Some(name))
                .unwrap();
            b.find_all("rect")[0].attr("y").unwrap().parse().unwrap()
        };
        assert!(y_of("Tools") > y_of("Workflows"));
        assert!(y_of("Automation") > y_of("Operating system"));
    }

    #[test]
    fn no_current_or_several_current() {
        let mut b = four(9);
        let root = assert_safe_svg(&layers("L", &b));
        assert!(root.find_class("current").is_empty());
        assert!(root.find_all("desc")[0]
            .text()
            .contains("No layer is marked as current"));
        b[2].current = true;
        b[3].current = true;
        let root = assert_safe_svg(&layers("L", &b));
        let current = root.find_class("current");
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].attr("data-layer"), Some("Automation"));
    }

    #[test]
    fn empty_and_odd_inputs_never_panic() {
        let svg = layers("None", &[]);
        let root = assert_safe_svg(&svg);
        assert!(root.find_all("desc")[0].text().contains("No data"));
        assert!(svg.contains("No data to show yet"));

        let odd = vec![
            LayerBand {
                name: String::new(),
                score: f64::NAN,
                state: String::new(),
                current: true,
            },
            LayerBand {
                name: "X".repeat(400),
                score: 1e9,
                state: "state ".repeat(200),
                current: false,
            },
            LayerBand {
                name: "Zero".into(),
                score: -4.0,
                state: "s".into(),
                current: false,
            },
        ];
        let svg = layers(&"T".repeat(300), &odd);
        let root = assert_safe_svg(&svg);
        let bands = root.find_class("band");
        assert_eq!(bands[0].attr("data-layer"), Some("Layer 1"));
        assert_eq!(bands[0].attr("data-score"), Some("n/a"));
        assert!(bands[1].all_text().contains('…'));
        assert!(svg.contains(">\n100\n<"));

        let many: Vec<LayerBand> = (0..30)
            .map(|i| LayerBand {
                name: format!("L{i}"),
                score: 50.0,
                state: "ok".into(),
                current: i == 29,
            })
            .collect();
        let root = assert_safe_svg(&layers("Many", &many));
        assert_eq!(root.find_class("band").len(), 30);
    }

    #[test]
    fn hostile_text_is_escaped() {
        let evil = "<script>alert(1)</script>\"&]]><img src=x onerror=alert(1)>";
        let bands: Vec<LayerBand> = (0..4)
            .map(|i| LayerBand {
                name: evil.to_string(),
                score: 50.0,
                state: evil.to_string(),
                current: i == 0,
            })
            .collect();
        let svg = layers(evil, &bands);
        let root = assert_safe_svg(&svg);
        assert_eq!(root.find_all("title")[0].text(), evil);
        assert_eq!(root.find_class("band")[0].attr("data-layer"), Some(evil));
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn a_quiz_result_gives_four_bands_bottom_up_with_their_states() {
        use crate::model::quiz::{questions, score};
        use crate::model::types::AssessmentKind;
        // Everything at the top answer except automation (the lowest).
        let answers = questions(AssessmentKind::Quick)
            .iter()
            .map(|q| {
                let top = (q.options.len() - 1) as u8;
                let a = if q.dimension == Dimension::Automation {
                    0
                } else {
                    top
                };
                (q.id.to_string(), a)
            })
            .collect();
        let result = score(AssessmentKind::Quick, &answers);
        let bands = layer_bands(&result);
        let names: Vec<&str> = bands.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, Layer::ALL.map(Layer::name));
        let os = &bands[3];
        assert_eq!(
            os.score,
            (result.score_of(Dimension::Integration) + result.governance()) / 2.0
        );
        assert_eq!(bands[0].state, "Established");
        assert_eq!(bands.iter().filter(|b| b.current).count(), 1);
        assert!(
            bands[2].state.starts_with("Not yet established"),
            "{}",
            bands[2].state
        );
        assert_eq!(bands[3].state, "Strong, but resting on a weak layer below");
    }
}
