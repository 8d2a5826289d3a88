//! Line chart of several 0-100 series over time.

use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::svg::{
    clamp_score, clean_label, draw_frame, empty_chart, fit_text, fmt_score, font, font_vertical,
    px, text_width, SvgDoc, AXIS, DASHES, GRID, INK, MUTED, PALETTE, TEXT_PX, WHITE,
};
use super::ChartText;
use crate::model::sort;

/// One line of the timeline: values are scores on a 0-100 scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(NaiveDate, f64)>,
}

pub(crate) const WIDTH: u32 = 720;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 56.0;
const PLOT_H: f64 = 270.0;
const LEGEND_PX: f64 = TEXT_PX;
const LEGEND_ROW: f64 = 24.0;
/// Height of the no-data chart.
const EMPTY_HEIGHT: u32 = 400;
/// Up to this many points per series are listed one by one in the
/// description; longer series are summarised.
const DESC_POINTS: usize = 12;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Marker shapes, cycled per series (together with colour and dash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
}

const MARKERS: [Marker; 5] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
    Marker::TriangleDown,
];

struct Style {
    color: RGBColor,
    dash: &'static str,
    marker: Marker,
}

fn style(i: usize) -> Style {
    Style {
        color: PALETTE[i % PALETTE.len()],
        dash: DASHES[(i / MARKERS.len()) % DASHES.len()],
        marker: MARKERS[i % MARKERS.len()],
    }
}

/// The finite points of a series, clamped to 0-100 and sorted by date.
fn clean_points(s: &Series) -> Vec<(NaiveDate, f64)> {
    let mut pts: Vec<(NaiveDate, f64)> = s
        .points
        .iter()
        .filter_map(|(d, v)| clamp_score(*v).map(|v| (*d, v)))
        .collect();
    sort::sort_by_key(&mut pts, |(d, _)| *d);
    pts
}

fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn date_of(day: i64) -> Option<NaiveDate> {
    i32::try_from(day)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The x range in days, padded so that markers do not sit on the plot edges
/// and a single date still gets a range.
fn x_range(all: &[(NaiveDate, f64)]) -> (f64, f64) {
    let lo = all.iter().map(|(d, _)| day(*d)).min().unwrap_or(0) as f64;
    let hi = all.iter().map(|(d, _)| day(*d)).max().unwrap_or(0) as f64;
    let span = hi - lo;
    if span < 1.0 {
        (lo - 15.0, hi + 15.0)
    } else {
        let pad = (span * 0.04).max(1.0);
        (lo - pad, hi + pad)
    }
}

/// Date ticks inside `[lo, hi]` (days): at most 7, on whole days, months or
/// years, with their labels.
fn date_ticks(lo: f64, hi: f64) -> Vec<(f64, String)> {
    let span = hi - lo;
    let first = lo.ceil() as i64;
    let last = hi.floor() as i64;
    if span <= 60.0 {
        let step = [1, 2, 3, 7, 14, 21]
            .into_iter()
            .find(|s| span / (*s as f64) <= 6.0)
            .unwrap_or(21);
        return (0..)
            .map(|k| first + k * step)
            .take_while(|d| *d <= last)
            .filter_map(|d| date_of(d).map(|date| (d as f64, date.to_string())))
            .collect();
    }
    let (Some(d0), Some(_)) = (date_of(first), date_of(last)) else {
        return Vec::new();
    };
    let months = span / 30.44;
    let mut steps: Vec<i64> = vec![1, 2, 3, 6];
    let mut years = 1i64;
    while years <= 1_000_000 {
        for m in [1, 2, 5] {
            steps.push(years * m * 12);
        }
        years *= 10;
    }
    let step = steps
        .into_iter()
        .find(|s| months / (*s as f64) <= 6.0)
        .unwrap_or(12_000_000);
    // Month index (year * 12 + month0) of the first month start >= d0, aligned.
    let mut m = i64::from(d0.year()) * 12 + i64::from(d0.month0());
    if d0.day() != 1 {
        m += 1;
    }
    m = m.div_euclid(step) * step + if m.rem_euclid(step) == 0 { 0 } else { step };
    let mut out = Vec::new();
    while out.len() < 8 {
        let (y, mo) = (m.div_euclid(12), m.rem_euclid(12));
        let Some(date) = i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, mo as u32 + 1, 1))
        else {
            break;
        };
        let d = day(date);
        if d > last {
            break;
        }
        let label = if step >= 12 {
            format!("{}", date.year())
        } else {
            format!("{} {}", MONTHS[date.month0() as usize], date.year())
        };
        out.push((d as f64, label));
        m += step;
    }
    out
}

/// Title and description of a timeline, as written into the SVG.
pub fn timeline_text(title: &str, y_label: &str, series: &[Series]) -> ChartText {
    let title = clean_label(title);
    let cleaned: Vec<Vec<(NaiveDate, f64)>> = series.iter().map(clean_points).collect();
    let all: Vec<(NaiveDate, f64)> = cleaned.iter().flatten().copied().collect();
    let (Some(first), Some(last)) = (
        all.iter().map(|(d, _)| *d).min(),
        all.iter().map(|(d, _)| *d).max(),
    ) else {
        return ChartText {
            title,
            description: "No data to show yet: no dated values.".to_string(),
        };
    };
    let y_label = clean_label(y_label);
    let axis = if y_label.is_empty() {
        "the vertical axis runs from 0 to 100".to_string()
    } else {
        format!("the vertical axis shows {y_label} from 0 to 100")
    };
    let mut description = format!(
        "Line chart of {} series over time, from {first} to {last}; {axis}.",
        series.len()
    );
    for (s, pts) in series.iter().zip(&cleaned) {
        let name = clean_label(&s.name);
        let missing = s.points.len() - pts.len();
        let body = if pts.is_empty() {
            "no values".to_string()
        } else if pts.len() <= DESC_POINTS {
            pts.iter()
                .map(|(d, v)| format!("{d} {}", fmt_score(*v)))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
            let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
            let (d0, v0) = pts[0];
            let (d1, v1) = pts[pts.len() - 1];
            format!(
                "{} values from {d0} ({}) to {d1} ({}), lowest {}, highest {}",
                pts.len(),
                fmt_score(v0),
                fmt_score(v1),
                fmt_score(lo),
                fmt_score(hi)
            )
        };
        let missing = if missing > 0 {
            format!(" ({missing} missing values left out)")
        } else {
            String::new()
        };
        description.push_str(&format!(" {name}: {body}{missing}."));
    }
    ChartText { title, description }
}

struct LegendItem {
    index: usize,
    name: String,
    shown: String,
    x: f64,
    row: usize,
}

/// Legend sample (line and marker) width plus the gap before the text.
const SAMPLE_W: f64 = 36.0;
/// Space between legend columns.
const COLUMN_GAP: f64 = 20.0;

/// Lays the legend out in equal columns under the plot: as many columns
/// (three at most) as let every label fit; labels are shortened when even
/// one column is too narrow, or when a single column would exceed four rows.
fn layout_legend(series: &[Series], cleaned: &[Vec<(NaiveDate, f64)>]) -> Vec<LegendItem> {
    let labels: Vec<(String, String)> = series
        .iter()
        .zip(cleaned)
        .enumerate()
        .map(|(i, (s, pts))| {
            let name = clean_label(&s.name);
            let mut shown = if name.is_empty() {
                format!("Series {}", i + 1)
            } else {
                name.clone()
            };
            if pts.is_empty() {
                shown.push_str(" (no data)");
            }
            (name, shown)
        })
        .collect();
    let avail = f64::from(WIDTH) - RIGHT - LEFT;
    let widest = labels
        .iter()
        .map(|(_, shown)| SAMPLE_W + text_width(shown, LEGEND_PX, false) + COLUMN_GAP)
        .fold(0.0, f64::max);
    let fitting = (1..=3usize)
        .rev()
        .find(|c| widest <= avail / *c as f64)
        .unwrap_or(1);
    // A long single column gets tall: past four series use two columns and
    // shorten labels (the full names are in the tooltips and description).
    let cols = if fitting == 1 && labels.len() > 4 {
        2
    } else {
        fitting
    };
    let col_w = avail / cols as f64;
    labels
        .into_iter()
        .enumerate()
        .map(|(i, (name, shown))| LegendItem {
            index: i,
            name,
            shown: fit_text(&shown, col_w - SAMPLE_W - COLUMN_GAP, LEGEND_PX, false),
            x: LEFT + (i % cols) as f64 * col_w,
            row: i / cols,
        })
        .collect()
}

/// Line chart over time of several series (0-100 on the y axis), with a
/// legend, axis labels and one marker per data point. Series differ by
/// colour and marker shape, and from the sixth series on also by dash
/// pattern (marker and dash together are unique for 25 series). Non-finite
/// values are left out, values are clamped to 0-100, points are joined in
/// date order. Returns a standalone SVG document.
pub fn timeline(title: &str, y_label: &str, series: &[Series]) -> String {
    draw_timeline(title, y_label, series, None)
}

/// A band behind a timeline's lines: on each date, a range (lowest,
/// highest), as the spread of a team's scores around its mean.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// What the band shows, for its legend and description.
    pub name: String,
    pub points: Vec<(NaiveDate, f64, f64)>,
}

/// [`timeline`] with a shaded band drawn behind the lines, its edges
/// dashed (so it reads without colour), and described in words.
pub fn timeline_with_band(title: &str, y_label: &str, series: &[Series], band: &Band) -> String {
    draw_timeline(title, y_label, series, Some(band))
}

fn draw_timeline(title: &str, y_label: &str, series: &[Series], band: Option<&Band>) -> String {
    let mut text = timeline_text(title, y_label, series);
    if let Some(band) = band.filter(|b| !b.points.is_empty()) {
        text.description.push_str(&format!(
            " The shaded band shows {}: {}.",
            clean_label(&band.name),
            band.points
                .iter()
                .map(|(d, lo, hi)| format!("{d} {} to {}", fmt_score(*lo), fmt_score(*hi)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let cleaned: Vec<Vec<(NaiveDate, f64)>> = series.iter().map(clean_points).collect();
    let all: Vec<(NaiveDate, f64)> = cleaned.iter().flatten().copied().collect();
    if all.is_empty() {
        return empty_chart("timeline", WIDTH, EMPTY_HEIGHT, title, "no dated values");
    }
    let legend = layout_legend(series, &cleaned);
    let rows = legend.last().map(|l| l.row + 1).unwrap_or(0);
    let bottom = TOP + PLOT_H;
    let legend_top = bottom + 46.0;
    let height = (legend_top + rows as f64 * LEGEND_ROW + 10.0).ceil() as u32;
    let right = f64::from(WIDTH) - RIGHT;
    let plot_w = right - LEFT;

    let (lo, hi) = x_range(&all);
    let x_of = move |d: f64| LEFT + (d - lo) / (hi - lo) * plot_w;
    let y_of = move |v: f64| bottom - v.clamp(0.0, 100.0) / 100.0 * PLOT_H;

    let mut doc = SvgDoc::new("timeline", WIDTH, height, &text.title, &text.description);
    draw_frame(&mut doc, title);

    // Grid, axes, tick labels and the axis title. All data on one date: that
    // date is the only tick.
    let first = all.iter().map(|(d, _)| *d).min();
    let last = all.iter().map(|(d, _)| *d).max();
    let ticks = match (first, last) {
        (Some(a), Some(b)) if a == b => vec![(day(a) as f64, a.to_string())],
        _ => date_ticks(lo, hi),
    };
    let y_title = fit_text(&clean_label(y_label), PLOT_H, TEXT_PX, false);
    doc.open_group(&[("class", "axes")]);
    doc.draw(|area| {
        for step in 0..=5 {
            let v = f64::from(step) * 20.0;
            let y = px(y_of(v));
            let color = if step == 0 { AXIS } else { GRID };
            area.draw(&PathElement::new(
                vec![(px(LEFT), y), (px(right), y)],
                color.stroke_width(1),
            ))?;
            area.draw(&Text::new(
                format!("{}", v as i32),
                (px(LEFT - 8.0), y),
                font(12.0, false, &MUTED, HPos::Right, VPos::Center),
            ))?;
        }
        area.draw(&PathElement::new(
            vec![(px(LEFT), px(TOP)), (px(LEFT), px(bottom))],
            AXIS.stroke_width(1),
        ))?;
        for (d, label) in &ticks {
            let x = x_of(*d);
            area.draw(&PathElement::new(
                vec![(px(x), px(bottom)), (px(x), px(bottom + 5.0))],
                AXIS.stroke_width(1),
            ))?;
            // Keep the label inside the canvas.
            let half = text_width(label, 12.0, false) / 2.0;
            let lx = x.clamp(4.0 + half, f64::from(WIDTH) - 4.0 - half);
            area.draw(&Text::new(
                label.clone(),
                (px(lx), px(bottom + 9.0)),
                font(12.0, false, &MUTED, HPos::Center, VPos::Top),
            ))?;
        }
        if !y_title.is_empty() {
            area.draw(&Text::new(
                y_title,
                (22, px(TOP + PLOT_H / 2.0)),
                font_vertical(TEXT_PX, &INK),
            ))?;
        }
        Ok(())
    });
    doc.close_group();

    if let Some(band) = band.filter(|b| !b.points.is_empty()) {
        let mut pts: Vec<(f64, f64, f64)> = band
            .points
            .iter()
            .filter_map(|(d, lo, hi)| {
                Some((
                    x_of(day(*d) as f64),
                    y_of(clamp_score(*lo)?),
                    y_of(clamp_score(*hi)?),
                ))
            })
            .collect();
        sort::sort_by(&mut pts, |a, b| a.0.total_cmp(&b.0));
        if pts.len() == 1 {
            // One date: a bar as wide as a marker.
            let (x, lo, hi) = pts[0];
            pts = vec![(x - 6.0, lo, hi), (x + 6.0, lo, hi)];
        }
        let upper: Vec<String> = pts
            .iter()
            .map(|(x, _, hi)| format!("{x:.1},{hi:.1}"))
            .collect();
        let lower: Vec<String> = pts
            .iter()
            .rev()
            .map(|(x, lo, _)| format!("{x:.1},{lo:.1}"))
            .collect();
        let edge = |points: &[String]| {
            format!(
                "<polyline points=\"{}\" fill=\"none\" stroke=\"#7b8794\" stroke-dasharray=\"4 3\"/>",
                points.join(" ")
            )
        };
        doc.open_group(&[("class", "band"), ("data-band", &clean_label(&band.name))]);
        doc.tooltip(&band.name);
        doc.raw(&format!(
            "<polygon points=\"{} {}\" fill=\"#9fb3c8\" fill-opacity=\"0.35\" stroke=\"none\"/>{}{}\n",
            upper.join(" "),
            lower.join(" "),
            edge(&upper),
            edge(&lower)
        ));
        doc.close_group();
    }

    // Series: line (dashed via the group) then one group per point.
    for (i, (s, pts)) in series.iter().zip(&cleaned).enumerate() {
        let st = style(i);
        let name = clean_label(&s.name);
        let index = i.to_string();
        doc.open_group(&[
            ("class", "series"),
            ("data-series", &name),
            ("data-series-index", &index),
        ]);
        if pts.len() >= 2 {
            let line: Vec<(i32, i32)> = pts
                .iter()
                .map(|(d, v)| (px(x_of(day(*d) as f64)), px(y_of(*v))))
                .collect();
            doc.open_group(&[
                ("class", "line"),
                ("stroke-dasharray", st.dash),
                ("stroke-linejoin", "round"),
            ]);
            doc.draw(|area| area.draw(&PathElement::new(line, st.color.stroke_width(2))));
            doc.close_group();
        }
        for (d, v) in pts {
            let date = d.to_string();
            let value = fmt_score(*v);
            doc.open_group(&[
                ("class", "point"),
                ("data-series", &name),
                ("data-series-index", &index),
                ("data-date", &date),
                ("data-value", &value),
            ]);
            doc.tooltip(&format!("{name}, {date}: {value}"));
            let at = (x_of(day(*d) as f64), y_of(*v));
            doc.draw(|area| draw_marker(area, st.marker, at, st.color, 4.5));
            doc.close_group();
        }
        doc.close_group();
    }

    // Legend.
    for item in &legend {
        let st = style(item.index);
        let y = legend_top + item.row as f64 * LEGEND_ROW;
        doc.open_group(&[("class", "legend-item"), ("data-series", &item.name)]);
        doc.tooltip(&item.name);
        doc.open_group(&[("stroke-dasharray", st.dash)]);
        let x = item.x;
        doc.draw(|area| {
            area.draw(&PathElement::new(
                vec![(px(x), px(y)), (px(x + 28.0), px(y))],
                st.color.stroke_width(2),
            ))
        });
        doc.close_group();
        let shown = item.shown.clone();
        doc.draw(|area| {
            draw_marker(area, st.marker, (x + 14.0, y), st.color, 4.5)?;
            area.draw(&Text::new(
                shown,
                (px(x + 36.0), px(y)),
                font(LEGEND_PX, false, &INK, HPos::Left, VPos::Center),
            ))
        });
        doc.close_group();
    }

    doc.finish()
}

fn marker_points(marker: Marker, (x, y): (f64, f64), r: f64) -> Vec<(i32, i32)> {
    let pts: Vec<(f64, f64)> = match marker {
        Marker::Circle => Vec::new(),
        Marker::Square => vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ],
        Marker::Triangle => {
            let r = r * 1.3;
            vec![
                (x, y - r),
                (x + r * 0.87, y + r * 0.5),
                (x - r * 0.87, y + r * 0.5),
            ]
        }
        Marker::TriangleDown => {
            let r = r * 1.3;
            vec![
                (x, y + r),
                (x - r * 0.87, y - r * 0.5),
                (x + r * 0.87, y - r * 0.5),
            ]
        }
        Marker::Diamond => {
            let r = r * 1.3;
            vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        }
    };
    pts.into_iter().map(|(a, b)| (px(a), px(b))).collect()
}

/// A filled marker with a white halo so it stays visible on lines and grid.
fn draw_marker(
    area: &super::svg::Area,
    marker: Marker,
    at: (f64, f64),
    color: RGBColor,
    r: f64,
) -> super::svg::DrawResult {
    if marker == Marker::Circle {
        let c = (px(at.0), px(at.1));
        area.draw(&Circle::new(c, px(r + 2.0) as u32, WHITE.filled()))?;
        return area.draw(&Circle::new(c, px(r) as u32, color.filled()));
    }
    area.draw(&Polygon::new(
        marker_points(marker, at, r + 2.2),
        WHITE.filled(),
    ))?;
    area.draw(&Polygon::new(marker_points(marker, at, r), color.filled()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testutil::{assert_safe_svg, Node};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn three() -> Vec<Series> {
        let dates = [d(2026, 9, 1), d(2026, 10, 1), d(2026, 11, 1)];
        ["Overall", "Ownership", "Decision rights"]
            .iter()
            .enumerate()
            .map(|(i, n)| Series {
                name: n.to_string(),
                points: dates
                    .iter()
                    .enumerate()
                    .map(|(k, dt)| (*dt, 40.0 + 10.0 * i as f64 + 11.0 * k as f64))
                    .collect(),
            })
            .collect()
    }

    fn points_of<'a>(root: &'a Node, series: &str) -> Vec<&'a Node> {
        root.find_class("point")
            .into_iter()
            .filter(|g| g.attr("data-series") == Some(series))
            .collect()
    }

    #[test]
    fn renders_three_series_with_a_marker_per_point() {
        let svg = timeline("Governance over time", "Score (0-100)", &three());
        let root = assert_safe_svg(&svg);
        assert_eq!(root.find_all("title")[0].text(), "Governance over time");
        let desc = root.find_all("desc")[0].text();
        assert!(desc.contains("3 series"), "{desc}");
        assert!(desc.contains("Ownership: 2026-09-01 50"), "{desc}");
        for name in ["Overall", "Ownership", "Decision rights"] {
            let pts = points_of(&root, name);
            assert_eq!(pts.len(), 3, "{name}");
            // Each point has a marker shape and a tooltip.
            for p in &pts {
                assert!(!p.find_all("circle").is_empty() || !p.find_all("polygon").is_empty());
                assert!(p.find_all("title")[0].text().starts_with(name));
            }
            assert_eq!(
                root.find_class("legend-item")
                    .iter()
                    .filter(|l| l.attr("data-series") == Some(name))
                    .count(),
                1
            );
        }
        assert_eq!(root.find_class("point").len(), 9);
        let first = points_of(&root, "Overall")[2];
        assert_eq!(first.attr("data-date"), Some("2026-11-01"));
        assert_eq!(first.find_all("title")[0].text(), "Overall, 2026-11-01: 62");
        assert!(svg.contains("Score (0-100)"));
        assert!(svg.contains("Oct 2026"));
        // Distinct marker shapes for the first series.
        assert!(!points_of(&root, "Overall")[0].find_all("circle").is_empty());
        assert!(!points_of(&root, "Ownership")[0]
            .find_all("polygon")
            .is_empty());
        // One line per series.
        assert_eq!(root.find_class("line").len(), 3);
    }

    #[test]
    fn y_positions_map_values() {
        let s = vec![Series {
            name: "S".into(),
            points: vec![(d(2026, 1, 1), 0.0), (d(2026, 6, 1), 100.0)],
        }];
        let root = assert_safe_svg(&timeline("T", "Y", &s));
        let pts = points_of(&root, "S");
        let cy = |n: &Node| -> f64 {
            n.find_all("circle")
                .last()
                .unwrap()
                .attr("cy")
                .unwrap()
                .parse()
                .unwrap()
        };
        assert!((cy(pts[0]) - (TOP + PLOT_H)).abs() <= 1.0);
        assert!((cy(pts[1]) - TOP).abs() <= 1.0);
    }

    #[test]
    fn single_date_and_single_point_render() {
        let s = vec![
            Series {
                name: "One".into(),
                points: vec![(d(2026, 11, 1), 62.0)],
            },
            Series {
                name: "Two".into(),
                points: vec![(d(2026, 11, 1), 30.0)],
            },
        ];
        let svg = timeline("T", "Y", &s);
        let root = assert_safe_svg(&svg);
        assert_eq!(points_of(&root, "One").len(), 1);
        assert_eq!(points_of(&root, "Two").len(), 1);
        let c = points_of(&root, "One")[0].find_all("circle")[1];
        let cx: f64 = c.attr("cx").unwrap().parse().unwrap();
        let mid = LEFT + (f64::from(WIDTH) - RIGHT - LEFT) / 2.0;
        assert!((cx - mid).abs() <= 1.0, "single date is centred: {cx}");
        assert!(svg.contains("2026-11-01"));
    }

    #[test]
    fn empty_and_odd_inputs_never_panic() {
        for series in [
            vec![],
            vec![Series {
                name: "Empty".into(),
                points: vec![],
            }],
            vec![Series {
                name: "NaN".into(),
                points: vec![(d(2026, 1, 1), f64::NAN), (d(2026, 2, 1), f64::INFINITY)],
            }],
        ] {
            let svg = timeline("Nothing", "Y", &series);
            let root = assert_safe_svg(&svg);
            assert!(root.find_all("desc")[0].text().contains("No data"));
            assert!(svg.contains("No data to show yet"));
        }
        // Mixed: NaN dropped, out-of-range clamped, unsorted dates, duplicates.
        let s = vec![
            Series {
                name: "Mixed".into(),
                points: vec![
                    (d(2026, 3, 1), 150.0),
                    (d(2026, 1, 1), f64::NAN),
                    (d(2026, 2, 1), -5.0),
                    (d(2026, 2, 1), 50.0),
                ],
            },
            Series {
                name: "Empty".into(),
                points: vec![],
            },
        ];
        let svg = timeline("Mixed", "", &s);
        let root = assert_safe_svg(&svg);
        let pts = points_of(&root, "Mixed");
        assert_eq!(pts.len(), 3);
        assert_eq!(pts[2].attr("data-value"), Some("100"));
        assert!(svg.contains("Empty (no data)"));
        assert!(root.find_all("desc")[0].text().contains("1 missing"));

        // Many series and points; extreme date ranges.
        let many: Vec<Series> = (0..30)
            .map(|i| Series {
                name: format!("Series number {i} with a rather long name"),
                points: (0..200)
                    .map(|k| (d(2020, 1, 1) + chrono::Days::new(k * 3), (k % 101) as f64))
                    .collect(),
            })
            .collect();
        let root = assert_safe_svg(&timeline("Many", "Y", &many));
        assert_eq!(
            points_of(&root, "Series number 7 with a rather long name").len(),
            200
        );
        let extreme = vec![Series {
            name: "E".into(),
            points: vec![(NaiveDate::MIN, 1.0), (NaiveDate::MAX, 99.0)],
        }];
        assert_safe_svg(&timeline("Extreme", "Y", &extreme));
        let close = vec![Series {
            name: "C".into(),
            points: vec![(d(2026, 1, 1), 1.0), (d(2026, 1, 2), 99.0)],
        }];
        assert_safe_svg(&timeline("Close", "Y", &close));
    }

    #[test]
    fn a_band_is_drawn_behind_the_lines_and_described() {
        let mean = Series {
            name: "Team mean".into(),
            points: vec![(d(2026, 10, 1), 40.0), (d(2026, 12, 1), 55.0)],
        };
        let band = Band {
            name: "the lowest and highest person".into(),
            points: vec![(d(2026, 12, 1), 30.0, 90.0), (d(2026, 10, 1), 20.0, 70.0)],
        };
        let svg = timeline_with_band("Team", "Score", std::slice::from_ref(&mean), &band);
        let band_at = svg.find("class=\"band\"").unwrap();
        assert!(band_at < svg.find("class=\"series\"").unwrap());
        assert!(svg.contains(
            "The shaded band shows the lowest and highest person: 2026-12-01 30 to 90, 2026-10-01 20 to 70."
        ));
        // The upper edge runs left to right, the lower one back.
        let poly = svg[band_at..].split("<polygon points=\"").nth(1).unwrap();
        let xs: Vec<f64> = poly
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .map(|p| p.split(',').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(xs.len(), 4);
        assert!(xs[0] < xs[1] && xs[2] > xs[3] && xs[1] == xs[2]);
        // Without a band, the timeline is the plain one.
        assert_eq!(
            timeline_with_band(
                "Team",
                "Score",
                std::slice::from_ref(&mean),
                &Band {
                    name: "x".into(),
                    points: vec![]
                }
            ),
            timeline("Team", "Score", &[mean])
        );
    }

    #[test]
    fn ticks_are_sensible() {
        let t = date_ticks(day(d(2026, 1, 10)) as f64, day(d(2026, 12, 20)) as f64);
        assert!(t.len() >= 3 && t.len() <= 7, "{t:?}");
        assert!(t.iter().all(|(_, l)| l.contains("2026")));
        let t = date_ticks(day(d(2000, 1, 1)) as f64, day(d(2030, 1, 1)) as f64);
        assert!(t.len() >= 3 && t.len() <= 7, "{t:?}");
        assert!(t.iter().all(|(_, l)| l.len() == 4));
        let t = date_ticks(day(d(2026, 1, 1)) as f64, day(d(2026, 1, 20)) as f64);
        assert!(t.len() >= 3 && t.len() <= 7, "{t:?}");
        assert!(t[0].1.starts_with("2026-01"));
    }

    #[test]
    fn hostile_text_is_escaped() {
        let evil = "<script>alert(1)</script>\"&]]><img src=x onerror=alert(1)>";
        let mut s = three();
        s[0].name = evil.to_string();
        let svg = timeline(evil, evil, &s);
        let root = assert_safe_svg(&svg);
        assert_eq!(root.find_all("title")[0].text(), evil);
        assert_eq!(points_of(&root, evil).len(), 3);
        assert!(svg.contains("&lt;script&gt;"));
    }
}
