//! A team's scores per dimension: one dot per person on a 0-100 line, the
//! range from the lowest to the highest, and the mean marked with a bar
//! and its number. A dimension where people disagree is flagged in words
//! and with a dashed frame, not by colour alone.

use super::svg::{
    clamp_score, clean_label, escape_xml, fit_text, fmt_score, text_width, SvgDoc, AXIS, GRID, INK,
    MUTED, PALETTE, SMALL_PX, TEXT_PX,
};

/// One row of the chart: a dimension across the team.
#[derive(Clone, Debug, PartialEq)]
pub struct SpreadRow {
    pub label: String,
    /// Each person's score, with who it is ("Response 3", or their name).
    pub scores: Vec<(String, f64)>,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// People disagree here.
    pub divided: bool,
}

const WIDTH: u32 = 760;
const LABEL_W: f64 = 200.0;
const LEFT: f64 = 20.0 + LABEL_W;
const PLOT_W: f64 = 380.0;
const TOP: f64 = 80.0;
const ROW_H: f64 = 52.0;
const DOT_R: f64 = 6.5;
/// Dots closer than this (in points of the scale) are drawn side by side
/// vertically, so five people on the same answer show as five dots.
const SAME: f64 = 2.0;

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn x_of(v: f64) -> f64 {
    LEFT + v.clamp(0.0, 100.0) / 100.0 * PLOT_W
}

/// The chart's description in words (its `<desc>`).
fn describe(rows: &[SpreadRow]) -> String {
    let people = rows.iter().map(|r| r.scores.len()).max().unwrap_or(0);
    let mut out = format!(
        "Dot plot of {people} {} scores on {} dimensions, 0 to 100.",
        if people == 1 { "person's" } else { "people's" },
        rows.len()
    );
    for r in rows {
        let Some(mean) = r.mean else {
            out.push_str(&format!(" {}: no answers.", clean_label(&r.label)));
            continue;
        };
        let (lo, hi) = r
            .scores
            .iter()
            .filter_map(|(_, s)| clamp_score(*s))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), s| {
                (a.min(s), b.max(s))
            });
        out.push_str(&format!(
            " {}: mean {}, from {} to {}{}.",
            clean_label(&r.label),
            fmt_score(mean),
            fmt_score(lo),
            fmt_score(hi),
            if r.divided { ", divided" } else { "" }
        ));
    }
    out
}

/// The dot plot of `rows`, titled `title`.
pub fn spread(title: &str, rows: &[SpreadRow]) -> String {
    let height = (TOP + rows.len().max(1) as f64 * ROW_H + 20.0).ceil() as u32;
    let mut doc = SvgDoc::new("spread", WIDTH, height, title, &describe(rows));
    let ink = hex(INK);
    let muted = hex(MUTED);
    let title_text = escape_xml(&fit_text(&clean_label(title), 720.0, 18.0, true));
    doc.raw(&format!(
        "<rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#fff\"/>\n\
         <text x=\"20\" y=\"30\" font-size=\"18\" font-weight=\"bold\" fill=\"{ink}\" dominant-baseline=\"middle\">{title_text}</text>\n"
    ));
    // The scale, on top: 0, 25, 50, 75, 100 with a light line down.
    doc.open_group(&[("class", "axes")]);
    let bottom = TOP + rows.len() as f64 * ROW_H;
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = x_of(v);
        doc.raw(&format!(
            "<line x1=\"{x}\" y1=\"{y0}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"{grid}\"/>\
             <text x=\"{x}\" y=\"{ty}\" font-size=\"12\" fill=\"{muted}\" text-anchor=\"middle\">{v}</text>\n",
            y0 = TOP - 8.0,
            ty = TOP - 14.0,
            grid = hex(GRID),
        ));
    }
    doc.raw(&format!(
        "<text x=\"{x}\" y=\"{y}\" font-size=\"12\" fill=\"{muted}\">mean · deviation</text>\n",
        x = LEFT + PLOT_W + 20.0,
        y = TOP - 14.0
    ));
    doc.close_group();
    let dot = hex(PALETTE[0]);
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + i as f64 * ROW_H + ROW_H / 2.0;
        let label = clean_label(&row.label);
        let mean = row.mean.and_then(clamp_score);
        let mean_text = mean.map(fmt_score).unwrap_or_default();
        let n = row.scores.len().to_string();
        doc.open_group(&[
            ("class", if row.divided { "row divided" } else { "row" }),
            ("data-dimension", &label),
            ("data-mean", &mean_text),
            ("data-n", &n),
        ]);
        if row.divided {
            doc.raw(&format!(
                "<rect x=\"12\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{ink}\" stroke-dasharray=\"5 4\" rx=\"6\"/>\n",
                y - ROW_H / 2.0 + 3.0,
                f64::from(WIDTH) - 24.0,
                ROW_H - 6.0
            ));
        }
        let shown = if row.divided {
            format!("⚠ {label}")
        } else {
            label.clone()
        };
        let weight = if row.divided { "bold" } else { "normal" };
        let shown = fit_text(&shown, LABEL_W - 16.0, TEXT_PX, row.divided);
        doc.raw(&format!(
            "<text x=\"24\" y=\"{y}\" font-size=\"{TEXT_PX}\" font-weight=\"{weight}\" fill=\"{ink}\" dominant-baseline=\"middle\">{}</text>\n",
            escape_xml(&shown)
        ));
        if row.divided {
            doc.raw(&format!(
                "<text x=\"24\" y=\"{}\" font-size=\"{SMALL_PX}\" fill=\"{muted}\" dominant-baseline=\"middle\">people disagree</text>\n",
                y + 15.0
            ));
        }
        let values: Vec<(String, f64)> = row
            .scores
            .iter()
            .filter_map(|(who, s)| clamp_score(*s).map(|s| (clean_label(who), s)))
            .collect();
        if let (Some(lo), Some(hi)) = (
            values.iter().map(|v| v.1).reduce(f64::min),
            values.iter().map(|v| v.1).reduce(f64::max),
        ) {
            doc.raw(&format!(
                "<line class=\"range\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\" stroke-width=\"3\"/>\n",
                x_of(lo),
                x_of(hi),
                hex(AXIS)
            ));
        }
        // A row's dots are one path of circles, named together in its
        // tooltip, their values in `data-values`: a `<circle>` with a
        // `<title>` for each of 400 dots (50 people, 8 dimensions) made an
        // 80 KB drawing of 800 more elements, whose parsing, style and
        // layout took most of the time to show a pasted team at 4x CPU.
        let named: Vec<String> = values
            .iter()
            .map(|(who, s)| format!("{who}: {}", fmt_score(*s)))
            .collect();
        let mut d = String::new();
        // Dots on the same value stack up and down from the line.
        let mut placed: Vec<f64> = Vec::new();
        for (_, s) in &values {
            let same = placed.iter().filter(|p| (*p - s).abs() < SAME).count();
            placed.push(*s);
            let offset = match same {
                0 => 0.0,
                k if k % 2 == 1 => -(k.div_ceil(2) as f64) * 7.0,
                k => (k / 2) as f64 * 7.0,
            }
            .clamp(-ROW_H / 2.0 + DOT_R, ROW_H / 2.0 - DOT_R);
            // A circle as two half arcs from its left edge.
            d.push_str(&format!(
                "M{:.1} {:.1}a{DOT_R} {DOT_R} 0 1 0 {} 0a{DOT_R} {DOT_R} 0 1 0 -{} 0",
                x_of(*s) - DOT_R,
                y + offset,
                2.0 * DOT_R,
                2.0 * DOT_R
            ));
        }
        let list: Vec<String> = values.iter().map(|(_, s)| fmt_score(*s)).collect();
        if !values.is_empty() {
            doc.raw(&format!(
            "<path class=\"dots\" data-values=\"{}\" d=\"{d}\" fill=\"{dot}\" fill-opacity=\"0.55\" stroke=\"{dot}\" stroke-width=\"1.5\"><title>{}: {}</title></path>\n",
            list.join(" "),
            escape_xml(&label),
            escape_xml(&named.join("; "))
            ));
        }
        if let Some(m) = mean {
            let x = x_of(m);
            doc.raw(&format!(
                "<line class=\"mean\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"{ink}\" stroke-width=\"4\"><title>Mean: {mean_text}</title></line>\n",
                y - 17.0,
                y + 17.0
            ));
            let sd = row.sd.map(fmt_score).unwrap_or_else(|| "–".into());
            let text = format!("{mean_text} · {sd}");
            let tx = LEFT + PLOT_W + 20.0;
            debug_assert!(tx + text_width(&text, TEXT_PX, true) < f64::from(WIDTH));
            doc.raw(&format!(
                "<text x=\"{tx}\" y=\"{y}\" font-size=\"{TEXT_PX}\" font-weight=\"bold\" fill=\"{ink}\" dominant-baseline=\"middle\">{}</text>\n",
                escape_xml(&text)
            ));
        } else {
            doc.raw(&format!(
                "<text x=\"{}\" y=\"{y}\" font-size=\"{TEXT_PX}\" fill=\"{muted}\" dominant-baseline=\"middle\">no answers</text>\n",
                LEFT + 8.0
            ));
        }
        doc.close_group();
    }
    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, scores: &[f64], divided: bool) -> SpreadRow {
        let n = scores.len() as f64;
        let mean = (n > 0.0).then(|| scores.iter().sum::<f64>() / n);
        SpreadRow {
            label: label.into(),
            scores: scores
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("Response {}", i + 1), *s))
                .collect(),
            mean,
            sd: mean.map(|_| 0.0),
            divided,
        }
    }

    #[test]
    fn one_dot_per_person_the_mean_marked_and_the_divided_flagged_in_words() {
        let svg = spread(
            "Where the team stands",
            &[
                row("Ownership", &[0.0, 100.0, 100.0], true),
                row("Tools <&>", &[50.0, 50.0], false),
                row("Nobody", &[], false),
            ],
        );
        // One path of dots per answered row, a dot per person.
        assert_eq!(svg.matches("class=\"dots\"").count(), 2);
        assert!(svg.contains("data-values=\"0 100 100\""));
        assert_eq!(svg.matches("a6.5 6.5 0 1 0 13 0").count(), 5);
        assert_eq!(svg.matches("class=\"mean\"").count(), 2);
        assert!(svg.contains("data-dimension=\"Ownership\" data-mean=\"66.7\" data-n=\"3\""));
        assert!(svg.contains("⚠ Ownership"));
        assert!(svg.contains("people disagree"));
        assert!(svg.contains("class=\"row divided\""));
        assert!(svg.contains("Tools &lt;&amp;&gt;"));
        assert!(svg
            .contains("<title>Ownership: Response 1: 0; Response 2: 100; Response 3: 100</title>"));
        assert!(svg.contains("no answers"));
        assert!(svg.contains("Ownership: mean 66.7, from 0 to 100, divided."));
        // Two people on 50: the second dot is drawn above the first.
        assert!(svg.contains("M403.5 158.0a") && svg.contains("M403.5 151.0a"));
    }

    #[test]
    fn every_text_is_at_least_11px() {
        let svg = spread("T", &[row("A", &[10.0], false)]);
        for size in svg.split("font-size=\"").skip(1) {
            let px: f64 = size.split('"').next().unwrap().parse().unwrap();
            assert!(px >= 11.0, "{px}");
        }
    }
}
