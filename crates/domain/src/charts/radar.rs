//! Radar (spider) chart of dimension scores on a 0-100 scale.

use std::f64::consts::PI;

use plotters::style::RGBColor;

use super::svg::{
    clamp_score, clean_label, draw_frame, empty_chart, fit_text, fmt_score, px, text_width,
    wrap_text, Align, Baseline, Font, SvgDoc, AXIS, GRID, INK, MUTED, PALETTE, SMALL_PX, TEXT_PX,
    WHITE,
};
use super::ChartText;

pub(crate) const WIDTH: u32 = 780;
pub(crate) const HEIGHT: u32 = 640;
pub(crate) const CX: f64 = 390.0;
pub(crate) const CY: f64 = 350.0;
/// Radius of the outer (100) ring.
pub(crate) const RADIUS: f64 = 180.0;
const LABEL_GAP: f64 = 16.0;
const LINE_H: f64 = 17.0;

const CURRENT: RGBColor = PALETTE[0];
const PREVIOUS: RGBColor = MUTED;

/// Angle of axis `i` of `n`: the first points up, the rest go clockwise.
fn angle(i: usize, n: usize) -> f64 {
    -PI / 2.0 + 2.0 * PI * (i as f64) / (n.max(1) as f64)
}

/// Pixel position of `value` (0-100) on axis `i` of `n`.
pub(crate) fn point(i: usize, n: usize, value: f64) -> (f64, f64) {
    let a = angle(i, n);
    let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
    (CX + r * a.cos(), CY + r * a.sin())
}

fn to_px((x, y): (f64, f64)) -> (i32, i32) {
    (px(x), px(y))
}

/// The previous value for axis `name`: the first entry with the same name.
fn previous_value(prev: &[(String, f64)], name: &str) -> Option<f64> {
    prev.iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| clamp_score(*v))
}

/// Title and description of a radar chart, as written into the SVG.
pub fn radar_text(
    title: &str,
    axes: &[(String, f64)],
    previous: Option<&[(String, f64)]>,
    current_label: &str,
    previous_label: &str,
) -> ChartText {
    let title = clean_label(title);
    if axes.is_empty() {
        return ChartText {
            title,
            description: "No data to show yet: no dimension scores.".to_string(),
        };
    }
    let list = |vals: &mut dyn Iterator<Item = (String, String)>| {
        vals.map(|(n, v)| format!("{n} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut description = format!(
        "Radar chart of {} dimensions, each scored from 0 to 100. {}: {}.",
        axes.len(),
        label_or(current_label, "Current"),
        list(&mut axes.iter().map(|(n, v)| (clean_label(n), fmt_score(*v))))
    );
    if let Some(prev) = previous.filter(|p| !p.is_empty()) {
        description.push_str(&format!(
            " {}: {}.",
            label_or(previous_label, "Previous"),
            list(&mut axes.iter().map(|(n, _)| {
                let v = previous_value(prev, n)
                    .map(fmt_score)
                    .unwrap_or_else(|| "n/a".to_string());
                (clean_label(n), v)
            }))
        ));
    }
    ChartText { title, description }
}

fn label_or(label: &str, fallback: &str) -> String {
    let l = clean_label(label);
    if l.is_empty() {
        fallback.to_string()
    } else {
        l
    }
}

/// Radar (spider) chart of dimension scores 0-100; `previous` is drawn as a
/// second, dashed grey polygon with square markers for comparison (matched
/// to the axes by name). Scores are clamped to 0-100; a non-finite score is
/// shown as "n/a" and drawn at the centre. Returns a standalone SVG document.
pub fn radar(
    title: &str,
    axes: &[(String, f64)],
    previous: Option<&[(String, f64)]>,
    current_label: &str,
    previous_label: &str,
) -> String {
    let text = radar_text(title, axes, previous, current_label, previous_label);
    if axes.is_empty() {
        return empty_chart("radar", WIDTH, HEIGHT, title, "no dimension scores");
    }
    let n = axes.len();
    let cur_label = label_or(current_label, "Current");
    let prev_label = label_or(previous_label, "Previous");
    let current: Vec<Option<f64>> = axes.iter().map(|(_, v)| clamp_score(*v)).collect();
    let prev: Option<Vec<Option<f64>>> = previous.filter(|p| !p.is_empty()).map(|p| {
        axes.iter()
            .map(|(name, _)| previous_value(p, name))
            .collect()
    });

    let mut doc = SvgDoc::new("radar", WIDTH, HEIGHT, &text.title, &text.description);
    draw_frame(&mut doc, title);
    draw_legend(
        &mut doc,
        &cur_label,
        prev.as_ref().map(|_| prev_label.as_str()),
    );

    // Grid: rings at 20..100 and one spoke per axis.
    doc.open_group(&[("class", "grid"), ("aria-hidden", "true")]);
    {
        let mut pen = doc.pen();
        for step in 1..=5 {
            let v = f64::from(step) * 20.0;
            let color = if step == 5 { AXIS } else { GRID };
            if n >= 3 {
                let mut ring: Vec<(i32, i32)> = (0..n).map(|i| to_px(point(i, n, v))).collect();
                ring.push(ring[0]);
                pen.line(&ring, color, 1);
            } else {
                let r = px(RADIUS * v / 100.0).max(1) as u32;
                pen.ring((px(CX), px(CY)), r, color);
            }
        }
        for i in 0..n {
            pen.line(&[to_px((CX, CY)), to_px(point(i, n, 100.0))], GRID, 1);
        }
    }
    doc.close_group();

    // Previous polygon (under the current one), dashed via the group.
    if let Some(prev) = &prev {
        let verts: Vec<(i32, i32)> = (0..n)
            .map(|i| to_px(point(i, n, prev[i].unwrap_or(0.0))))
            .collect();
        doc.open_group(&[
            ("class", "series previous"),
            ("data-series", &prev_label),
            ("stroke-dasharray", "7 5"),
        ]);
        draw_outline(&mut doc, &verts, PREVIOUS, None);
        doc.close_group();
    }
    let verts: Vec<(i32, i32)> = (0..n)
        .map(|i| to_px(point(i, n, current[i].unwrap_or(0.0))))
        .collect();
    doc.open_group(&[("class", "series current"), ("data-series", &cur_label)]);
    draw_outline(&mut doc, &verts, CURRENT, Some(0.16));
    doc.close_group();

    // Ring values, on top of the fill so they stay legible.
    doc.open_group(&[("class", "ring-labels"), ("aria-hidden", "true")]);
    {
        let mut pen = doc.pen();
        for step in 1..=5 {
            let v = f64::from(step) * 20.0;
            let (x, y) = (CX + 12.0, CY - RADIUS * v / 100.0);
            pen.text(
                &format!("{}", v as i32),
                (px(x), px(y - 1.0)),
                Font::new(10.5, false, MUTED).at(Align::Start, Baseline::Bottom),
            );
        }
    }
    doc.close_group();

    // Markers: previous squares, then current circles.
    if let Some(prev) = &prev {
        for (i, (name, _)) in axes.iter().enumerate() {
            let name = clean_label(name);
            let shown = fmt_score(prev[i].unwrap_or(f64::NAN));
            doc.open_group(&[
                ("class", "point"),
                ("data-series", &prev_label),
                ("data-role", "previous"),
                ("data-axis", &name),
                ("data-value", &shown),
            ]);
            doc.tooltip(&format!("{name}: {shown} ({prev_label})"));
            let (x, y) = to_px(point(i, n, prev[i].unwrap_or(0.0)));
            let mut pen = doc.pen();
            pen.rect((x - 6, y - 6), (x + 6, y + 6), WHITE);
            pen.rect((x - 4, y - 4), (x + 4, y + 4), PREVIOUS);
            doc.close_group();
        }
    }
    for (i, (name, _)) in axes.iter().enumerate() {
        let name = clean_label(name);
        let shown = fmt_score(current[i].unwrap_or(f64::NAN));
        doc.open_group(&[
            ("class", "point"),
            ("data-series", &cur_label),
            ("data-role", "current"),
            ("data-axis", &name),
            ("data-value", &shown),
        ]);
        doc.tooltip(&format!("{name}: {shown} ({cur_label})"));
        let (x, y) = to_px(point(i, n, current[i].unwrap_or(0.0)));
        let mut pen = doc.pen();
        pen.circle((x, y), 7, WHITE);
        pen.circle((x, y), 5, CURRENT);
        doc.close_group();
    }

    // Axis labels: name (up to three lines) and the score(s).
    for (i, (name, _)) in axes.iter().enumerate() {
        let name = clean_label(name);
        let mut score = fmt_score(current[i].unwrap_or(f64::NAN));
        if let Some(prev) = &prev {
            score = format!("{score}  (was {})", fmt_score(prev[i].unwrap_or(f64::NAN)));
        }
        doc.open_group(&[("class", "axis-label"), ("data-axis", &name)]);
        doc.tooltip(&name);
        draw_axis_label(&mut doc, i, n, &name, &score);
        doc.close_group();
    }

    doc.finish()
}

/// A closed outline through `verts` (a line for two, nothing for one), with
/// an optional translucent fill.
fn draw_outline(doc: &mut SvgDoc, verts: &[(i32, i32)], color: RGBColor, fill: Option<f64>) {
    if verts.len() < 2 {
        return;
    }
    let mut pen = doc.pen();
    if let (Some(alpha), true) = (fill, verts.len() >= 3) {
        pen.polygon(verts, color, alpha);
    }
    let mut closed = verts.to_vec();
    if verts.len() >= 3 {
        closed.push(verts[0]);
    }
    pen.line(&closed, color, 2);
}

fn draw_axis_label(doc: &mut SvgDoc, i: usize, n: usize, name: &str, score: &str) {
    let a = angle(i, n);
    let (cos, sin) = (a.cos(), a.sin());
    let r = RADIUS + LABEL_GAP;
    let (x, y) = (CX + r * cos, CY + r * sin);
    let w = f64::from(WIDTH);
    let (h, avail) = if cos > 0.3 {
        (Align::Start, w - 12.0 - x)
    } else if cos < -0.3 {
        (Align::End, x - 12.0)
    } else {
        (
            Align::Middle,
            (2.0 * (x - 12.0).min(w - 12.0 - x)).min(240.0),
        )
    };
    let avail = avail.max(60.0);
    let lines = wrap_text(name, avail, TEXT_PX, true, 3);
    let score = fit_text(score, avail, SMALL_PX, false);
    let rows = lines.len() + 1;
    let block_h = rows as f64 * LINE_H;
    // Top of the text block: above the point for upper axes, below for lower.
    let top = if sin < -0.3 {
        y - block_h + 4.0
    } else if sin > 0.3 {
        y - 2.0
    } else {
        y - block_h / 2.0
    };
    let mut pen = doc.pen();
    for (k, line) in lines.iter().enumerate() {
        pen.text(
            line,
            (px(x), px(top + LINE_H * (k as f64 + 0.5))),
            Font::new(TEXT_PX, true, INK).at(h, Baseline::Middle),
        );
    }
    pen.text(
        &score,
        (px(x), px(top + LINE_H * (rows as f64 - 0.5))),
        Font::new(SMALL_PX, false, MUTED).at(h, Baseline::Middle),
    );
}

fn draw_legend(doc: &mut SvgDoc, current: &str, previous: Option<&str>) {
    let y = 60;
    let cur = fit_text(current, 250.0, TEXT_PX, false);
    let cur_w = text_width(&cur, TEXT_PX, false);
    doc.open_group(&[("class", "legend-item"), ("data-series", current)]);
    doc.tooltip(current);
    {
        let mut pen = doc.pen();
        pen.line(&[(20, y), (48, y)], CURRENT, 2);
        pen.circle((34, y), 5, CURRENT);
        pen.text(&cur, (56, y), Font::new(TEXT_PX, false, INK));
    }
    doc.close_group();
    if let Some(prev) = previous {
        let x0 = px(56.0 + cur_w + 28.0);
        let shown = fit_text(prev, 250.0, TEXT_PX, false);
        doc.open_group(&[("class", "legend-item"), ("data-series", prev)]);
        doc.tooltip(prev);
        doc.open_group(&[("stroke-dasharray", "7 5")]);
        doc.pen().line(&[(x0, y), (x0 + 28, y)], PREVIOUS, 2);
        doc.close_group();
        let mut pen = doc.pen();
        pen.rect((x0 + 10, y - 4), (x0 + 18, y + 4), PREVIOUS);
        pen.text(&shown, (x0 + 36, y), Font::new(TEXT_PX, false, INK));
        doc.close_group();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testutil::{assert_safe_svg, Node};

    fn dims() -> Vec<(String, f64)> {
        [
            ("Ownership", 100.0),
            ("Decision rights", 40.0),
            ("Review cadence", 55.0),
            ("Corrections", 0.0),
            ("Standard workflows", 62.5),
            ("Automation control", 30.0),
            ("Exception handling and escalation paths", 70.0),
            ("Delegation", 45.0),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), *v))
        .collect()
    }

    fn circle_center(g: &Node) -> (f64, f64) {
        let c = g
            .find_all("circle")
            .into_iter()
            .last()
            .expect("marker circle");
        (
            c.attr("cx").unwrap().parse().unwrap(),
            c.attr("cy").unwrap().parse().unwrap(),
        )
    }

    #[test]
    fn renders_eight_axes_with_labels_and_values_on_the_right_radius() {
        let prev: Vec<(String, f64)> = dims().into_iter().map(|(n, v)| (n, v / 2.0)).collect();
        let svg = radar(
            "Maturity by dimension",
            &dims(),
            Some(&prev),
            "Now",
            "Last quarter",
        );
        let root = assert_safe_svg(&svg);
        assert_eq!(root.find_all("title")[0].text(), "Maturity by dimension");
        let desc = root.find_all("desc")[0].text();
        assert!(desc.contains("8 dimensions"), "{desc}");
        assert!(desc.contains("Ownership 100"), "{desc}");
        assert!(desc.contains("Last quarter: Ownership 50"), "{desc}");

        let labels = root.find_class("axis-label");
        assert_eq!(labels.len(), 8);
        assert_eq!(labels[1].attr("data-axis"), Some("Decision rights"));
        assert!(labels[1].all_text().contains("Decision rights"));

        let current: Vec<&Node> = root
            .find_class("point")
            .into_iter()
            .filter(|g| g.attr("data-role") == Some("current"))
            .collect();
        let previous = root
            .find_class("point")
            .into_iter()
            .filter(|g| g.attr("data-role") == Some("previous"))
            .count();
        assert_eq!((current.len(), previous), (8, 8));
        for (g, (name, value)) in current.iter().zip(dims()) {
            assert_eq!(g.attr("data-axis"), Some(name.as_str()));
            assert_eq!(g.attr("data-series"), Some("Now"));
            let (x, y) = circle_center(g);
            let r = ((x - CX).powi(2) + (y - CY).powi(2)).sqrt();
            assert!(
                (r - RADIUS * value / 100.0).abs() <= 1.5,
                "{name}: r={r}, want {}",
                RADIUS * value / 100.0
            );
        }
        // The 100 value sits on the outer ring, straight up (first axis).
        let (x, y) = circle_center(current[0]);
        assert!((x - CX).abs() <= 1.0 && (y - (CY - RADIUS)).abs() <= 1.0);
        // Previous drawn dashed, current solid.
        assert_eq!(
            root.find_class("previous")[0].attr("stroke-dasharray"),
            Some("7 5")
        );
        assert!(svg.contains("Last quarter"));
    }

    #[test]
    fn without_previous_has_one_series() {
        let svg = radar("R", &dims(), None, "Now", "Before");
        let root = assert_safe_svg(&svg);
        assert_eq!(root.find_class("point").len(), 8);
        assert!(root.find_class("previous").is_empty());
        assert!(!svg.contains("Before"));
        // An empty previous is the same as none.
        let svg = radar("R", &dims(), Some(&[]), "Now", "Before");
        assert!(!svg.contains("Before"));
    }

    #[test]
    fn empty_and_degenerate_inputs_render() {
        let svg = radar("Empty", &[], None, "Now", "Before");
        let root = assert_safe_svg(&svg);
        assert!(root.find_all("desc")[0].text().contains("No data"));
        assert!(svg.contains("No data to show yet"));

        for n in 1..=3 {
            let axes: Vec<(String, f64)> = (0..n).map(|i| (format!("D{i}"), 50.0)).collect();
            let svg = radar("Few", &axes, Some(&axes), "", "");
            let root = assert_safe_svg(&svg);
            assert_eq!(root.find_class("axis-label").len(), n);
            assert!(svg.contains("Current") && svg.contains("Previous"));
        }

        let weird = vec![
            ("NaN".to_string(), f64::NAN),
            ("Inf".to_string(), f64::INFINITY),
            ("Neg".to_string(), -20.0),
            ("Big".to_string(), 250.0),
            ("Zero".to_string(), 0.0),
        ];
        let svg = radar("Weird", &weird, Some(&weird[..2]), "a", "b");
        let root = assert_safe_svg(&svg);
        let big = root
            .find_class("point")
            .into_iter()
            .find(|g| g.attr("data-axis") == Some("Big") && g.attr("data-role") == Some("current"))
            .unwrap();
        assert_eq!(big.attr("data-value"), Some("100"));
        assert!(root.find_all("desc")[0].text().contains("NaN n/a"));

        let many: Vec<(String, f64)> = (0..40).map(|i| (format!("Dim {i}"), 100.0)).collect();
        assert_safe_svg(&radar("Many", &many, None, "x", "y"));

        let long = vec![("L".repeat(500), 50.0); 8];
        let svg = radar(&"T".repeat(500), &long, None, &"c".repeat(400), "p");
        let root = assert_safe_svg(&svg);
        // Shown text is shortened, the full name stays in the tooltip.
        assert!(root.find_class("axis-label")[0].all_text().contains('…'));
    }

    #[test]
    fn hostile_text_is_escaped() {
        let evil = "<script>alert(1)</script>\"&]]><img src=x onerror=alert(1)>";
        let axes: Vec<(String, f64)> = (0..8).map(|i| (format!("{evil}{i}"), 60.0)).collect();
        let svg = radar(evil, &axes, Some(&axes), evil, evil);
        let root = assert_safe_svg(&svg);
        assert_eq!(root.find_all("title")[0].text(), evil);
        assert!(svg.contains("&lt;script&gt;"));
        let labels = root.find_class("axis-label");
        assert_eq!(labels.len(), 8);
        assert_eq!(
            labels[0].attr("data-axis"),
            Some(format!("{evil}0").as_str())
        );
    }
}
