//! A workflow as a swimlane diagram: one lane per performing role, the
//! stages as boxes left to right, arrows between consecutive stages
//! (handoffs marked), decision points, exceptions and the live checks'
//! findings.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::model::workflow::checks::check;
use crate::model::{Id, Model, Workflow};

use super::svg::{
    clean_label, draw_frame, fit_text, font, px, text_width, wrap_text, Area, DrawResult, SvgDoc,
    GRID, INK, MUTED, PALETTE, SMALL_PX, TEXT_PX, WHITE,
};
use super::ChartText;

/// Left margin of the whole drawing.
const MARGIN: f64 = 20.0;
/// The column of lane labels.
const LABEL_W: f64 = 150.0;
/// Where the stage area begins.
const LEFT: f64 = MARGIN + LABEL_W;
/// Top of the first lane (below the title and the summary line).
const TOP: f64 = 76.0;
const LANE_H: f64 = 104.0;
/// One stage column: a box and the gap the arrow runs through.
const COL_W: f64 = 220.0;
const BOX_W: f64 = 160.0;
const BOX_H: f64 = 86.0;
/// Space between the label column and the first box, and after the last.
const PAD: f64 = 30.0;
/// One line of the exceptions band.
const ROW_H: f64 = 24.0;
const MIN_WIDTH: f64 = 600.0;
const EMPTY_WIDTH: u32 = 600;
const EMPTY_HEIGHT: u32 = 220;
const ARROW_HEAD: f64 = 10.0;

/// Lane backgrounds, alternating, and the label column.
const LANE_FILL: [RGBColor; 2] = [RGBColor(0xF6, 0xF8, 0xFA), WHITE];
const LABEL_FILL: RGBColor = RGBColor(0xE9, 0xED, 0xF1);
/// Box outline and plain arrows (3.6:1 on white).
const LINE: RGBColor = RGBColor(0x6B, 0x77, 0x84);
/// Handoff arrows.
const ACCENT: RGBColor = PALETTE[0];
/// Decision diamonds.
const DECISION: RGBColor = PALETTE[3];
/// Outline of a stage with findings (with a dash and a badge: not colour
/// alone), and the badge's border.
const WARN: RGBColor = PALETTE[1];
const WARN_FILL: RGBColor = RGBColor(0xFF, 0xF1, 0xE6);

/// One lane: a role, or no role.
struct Lane {
    role: Option<Id>,
    name: String,
}

/// One stage, resolved against the model.
struct StageView {
    id: Id,
    name: String,
    lane: usize,
    /// The performing role's name.
    role: Option<String>,
    /// The role the work comes from, when the work changes hands here.
    handoff_from: Option<String>,
    handoff_text: String,
    /// The decision made here: its name (or id, if the model lacks it).
    decision: Option<String>,
    findings: Vec<String>,
}

struct Exc {
    role: Option<Id>,
    text: String,
    handled: bool,
}

/// Everything the drawing and its words need.
struct Plan {
    title: String,
    lanes: Vec<Lane>,
    stages: Vec<StageView>,
    exceptions: Vec<Exc>,
    /// Findings about the whole workflow (no stage).
    general: Vec<String>,
}

fn role_name(model: &Model, id: &str) -> String {
    let name = model.role(id).map(|r| clean_label(&r.name));
    match name {
        Some(n) if !n.is_empty() => n,
        Some(_) => "Unnamed role".to_string(),
        None => clean_label(id),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn plan(model: &Model, w: &Workflow) -> Plan {
    let element = model
        .element(&w.element)
        .map(|e| clean_label(&e.name))
        .filter(|n| !n.is_empty());
    let title = match element {
        Some(n) => format!("Swimlane: {n}"),
        None => "Swimlane".to_string(),
    };

    // Lanes: the model's roles that perform a stage, in the model's order;
    // then roles the model does not know, in order of appearance; then
    // "No role".
    let performs = |id: &str| w.stages.iter().any(|s| s.role.as_deref() == Some(id));
    let mut lanes: Vec<Lane> = model
        .roles
        .iter()
        .filter(|r| performs(&r.id))
        .map(|r| Lane {
            role: Some(r.id.clone()),
            name: role_name(model, &r.id),
        })
        .collect();
    for s in &w.stages {
        if let Some(r) = &s.role {
            if !lanes.iter().any(|l| l.role.as_ref() == Some(r)) {
                lanes.push(Lane {
                    role: Some(r.clone()),
                    name: role_name(model, r),
                });
            }
        }
    }
    if w.stages.iter().any(|s| s.role.is_none()) {
        lanes.push(Lane {
            role: None,
            name: "No role".to_string(),
        });
    }

    let mut findings = Vec::new();
    check(model, w, &mut findings);
    let handoffs: Vec<usize> = w.handoffs().collect();
    let stages = w
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let lane = lanes.iter().position(|l| l.role == s.role).unwrap_or(0);
            let name = clean_label(&s.name);
            let handoff_from = if handoffs.contains(&i) {
                w.stages[i - 1].role.as_deref().map(|r| role_name(model, r))
            } else {
                None
            };
            let mut handoff_text = String::new();
            if let Some(from) = &handoff_from {
                let to = s.role.as_deref().map(|r| role_name(model, r));
                handoff_text = format!("Handoff from {from} to {}", to.unwrap_or_default());
                let passed = clean_label(&s.handoff.passed);
                let checked = clean_label(&s.handoff.check);
                handoff_text.push_str(&if passed.is_empty() {
                    ": nothing stated as passed on".to_string()
                } else {
                    format!(": passes {passed}")
                });
                handoff_text.push_str(&if checked.is_empty() {
                    "; no check on receipt.".to_string()
                } else {
                    format!("; checked: {checked}.")
                });
            }
            StageView {
                id: s.id.clone(),
                name: if name.is_empty() {
                    "Unnamed stage".to_string()
                } else {
                    name
                },
                lane,
                role: s.role.as_deref().map(|r| role_name(model, r)),
                handoff_from,
                handoff_text,
                decision: s.decision.as_deref().map(|d| {
                    model
                        .decision(d)
                        .map(|d| clean_label(&d.name))
                        .filter(|n| !n.is_empty())
                        .unwrap_or_else(|| clean_label(d))
                }),
                findings: findings
                    .iter()
                    .filter(|f| f.stage.as_ref() == Some(&s.id))
                    .map(|f| clean_label(&f.message))
                    .collect(),
            }
        })
        .collect();
    let exceptions = w
        .exceptions
        .iter()
        .map(|x| {
            let condition = clean_label(&x.condition);
            let action = clean_label(&x.action);
            let who = match x.role.as_deref() {
                Some(r) => role_name(model, r),
                None => "nobody handles it".to_string(),
            };
            let mut text = format!("\u{201c}{condition}\u{201d} \u{2192} {who}");
            if !action.is_empty() {
                text.push_str(&format!(": {action}"));
            }
            Exc {
                role: x.role.clone(),
                text,
                handled: x.role.is_some(),
            }
        })
        .collect();
    let general = findings
        .iter()
        .filter(|f| f.stage.is_none())
        .map(|f| clean_label(&f.message))
        .collect();
    Plan {
        title,
        lanes,
        stages,
        exceptions,
        general,
    }
}

/// The spoken name of stage `i`: "Stage 2 of 5: Approve, performed by Ops
/// Lead; handoff from Clerk; decision point: Refund over limit; 2 problems".
fn stage_label(p: &Plan, i: usize) -> String {
    let s = &p.stages[i];
    let mut out = format!("Stage {} of {}: {}, ", i + 1, p.stages.len(), s.name);
    match &s.role {
        Some(r) => out.push_str(&format!("performed by {r}")),
        None => out.push_str("no performing role"),
    }
    if let Some(from) = &s.handoff_from {
        out.push_str(&format!("; handoff from {from}"));
    }
    if let Some(d) = &s.decision {
        out.push_str(&format!("; decision point: {d}"));
    }
    out.push_str("; ");
    out.push_str(&match s.findings.len() {
        0 => "no problems".to_string(),
        n => plural(n, "problem", "problems"),
    });
    out
}

fn summary(p: &Plan) -> String {
    let handoffs = p.stages.iter().filter(|s| s.handoff_from.is_some()).count();
    format!(
        "{}, {}, {}; read left to right",
        plural(p.stages.len(), "stage", "stages"),
        plural(p.lanes.len(), "lane", "lanes"),
        plural(handoffs, "handoff", "handoffs")
    )
}

/// Title and description of the swimlane of `workflow`, as written into
/// the SVG.
pub fn swimlane_text(model: &Model, workflow: &Workflow) -> ChartText {
    let p = plan(model, workflow);
    if p.stages.is_empty() {
        return ChartText {
            title: p.title,
            description: "No stages yet: the workflow has no stages to draw.".to_string(),
        };
    }
    let lanes: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    let mut description = format!("{} (lanes: {}).", summary(&p), lanes.join(", "));
    for i in 0..p.stages.len() {
        description.push_str(&format!(" {}.", stage_label(&p, i)));
    }
    if !p.exceptions.is_empty() {
        let list: Vec<&str> = p.exceptions.iter().map(|x| x.text.as_str()).collect();
        description.push_str(&format!(" Exceptions: {}.", list.join("; ")));
    }
    if !p.general.is_empty() {
        description.push_str(&format!(
            " {} about the whole workflow: {}",
            plural(p.general.len(), "problem", "problems"),
            p.general.join(" ")
        ));
    }
    ChartText {
        title: p.title,
        description,
    }
}

fn box_x(i: usize) -> f64 {
    LEFT + PAD + i as f64 * COL_W
}

fn lane_y(l: usize) -> f64 {
    TOP + l as f64 * LANE_H
}

fn lane_mid(l: usize) -> f64 {
    lane_y(l) + LANE_H / 2.0
}

/// The swimlane drawing of `workflow` as a standalone SVG document: one
/// lane per performing role (in the model's role order, "No role" last),
/// the stages as boxes left to right, an arrow between consecutive stages
/// (a handoff thicker, in the accent colour and labelled "handoff"), a
/// diamond and "Decision: …" on decision points, a dashed "Exceptions" band
/// under the lanes, and on each stage with findings a dashed, thicker
/// outline and a "⚠ n" badge, the findings in its tooltip.
///
/// Each stage is a focusable `<g class="stage" data-stage="ID"
/// role="listitem" tabindex="0" aria-label="Stage 2 of 5: …">` inside a
/// `role="list"` group; the root has `role="group"` (not "img", whose
/// children assistive technology never reaches). Arrows are `<g
/// class="arrow">` (`class="arrow handoff"` for handoffs), lanes `<g
/// class="lane" data-role="ID">` (empty for "No role"). Fixed size: a
/// 220 px column per stage, a 104 px lane per role; wide workflows scroll.
pub fn swimlane(model: &Model, workflow: &Workflow) -> String {
    let text = swimlane_text(model, workflow);
    let p = plan(model, workflow);
    if p.stages.is_empty() {
        return empty(&text);
    }
    let n = p.stages.len();
    let width = (LEFT + PAD + n as f64 * COL_W - (COL_W - BOX_W) + PAD + MARGIN)
        .max(MIN_WIDTH)
        .ceil();
    let lanes_bottom = lane_y(p.lanes.len());
    let band_h = if p.exceptions.is_empty() {
        0.0
    } else {
        16.0 + 36.0 + p.exceptions.len() as f64 * ROW_H + 6.0
    };
    let height = (lanes_bottom + band_h + 24.0).ceil();
    let mut doc = SvgDoc::new(
        "swimlane",
        width as u32,
        height as u32,
        &text.title,
        &text.description,
    );
    doc.set_role("group");
    draw_frame(&mut doc, &text.title);

    let summary = summary(&p);
    doc.open_group(&[("class", "summary")]);
    doc.draw(|area| {
        area.draw(&Text::new(
            summary.clone(),
            (px(MARGIN), 54),
            font(SMALL_PX, false, &MUTED, HPos::Left, VPos::Center),
        ))
    });
    doc.close_group();
    if !p.general.is_empty() {
        let count = p.general.len().to_string();
        doc.open_group(&[("class", "workflow-findings"), ("data-count", &count)]);
        doc.tooltip(&p.general.join(" "));
        let x = MARGIN + text_width(&summary, SMALL_PX, false) + 16.0;
        let shown = fit_text(
            &format!(
                "\u{26A0} {} about the whole workflow",
                plural(p.general.len(), "problem", "problems")
            ),
            (width - MARGIN - x).max(40.0),
            SMALL_PX,
            true,
        );
        doc.draw(|area| {
            area.draw(&Text::new(
                shown,
                (px(x), 54),
                font(SMALL_PX, true, &INK, HPos::Left, VPos::Center),
            ))
        });
        doc.close_group();
    }

    // Lanes: background, label column, separators. The stages' names say
    // who performs each, so the lanes are hidden from assistive technology.
    doc.open_group(&[("class", "lanes"), ("aria-hidden", "true")]);
    for (l, lane) in p.lanes.iter().enumerate() {
        doc.open_group(&[
            ("class", "lane"),
            ("data-role", lane.role.as_deref().unwrap_or("")),
        ]);
        doc.tooltip(&format!("Lane: {}", lane.name));
        doc.draw(|area| draw_lane(area, l, lane, width));
        doc.close_group();
    }
    doc.close_group();

    // Arrows between consecutive stages.
    doc.open_group(&[("class", "arrows"), ("aria-hidden", "true")]);
    for i in 1..n {
        let (a, b) = (&p.stages[i - 1], &p.stages[i]);
        let handoff = b.handoff_from.is_some();
        doc.open_group(&[
            ("class", if handoff { "arrow handoff" } else { "arrow" }),
            ("data-from", &a.id),
            ("data-to", &b.id),
        ]);
        if handoff {
            doc.tooltip(&b.handoff_text);
        }
        doc.draw(|area| draw_arrow(area, i, a.lane, b.lane, handoff));
        doc.close_group();
    }
    doc.close_group();

    // Stages.
    doc.open_group(&[
        ("class", "stages"),
        ("role", "list"),
        ("aria-label", "Stages, in order"),
    ]);
    for (i, s) in p.stages.iter().enumerate() {
        let label = stage_label(&p, i);
        let index = (i + 1).to_string();
        let count = s.findings.len().to_string();
        let mut class = String::from("stage");
        if !s.findings.is_empty() {
            class.push_str(" has-findings");
        }
        if s.decision.is_some() {
            class.push_str(" decision");
        }
        if s.handoff_from.is_some() {
            class.push_str(" receives-handoff");
        }
        doc.open_group(&[
            ("class", &class),
            ("data-stage", &s.id),
            ("data-index", &index),
            ("data-role", p.lanes[s.lane].role.as_deref().unwrap_or("")),
            ("data-findings", &count),
            ("role", "listitem"),
            ("tabindex", "0"),
            ("aria-label", &label),
        ]);
        let mut tip = label.clone();
        if !s.handoff_text.is_empty() {
            tip.push_str(&format!(". {}", s.handoff_text));
        }
        if !s.findings.is_empty() {
            tip.push_str(&format!(". Problems: {}", s.findings.join(" ")));
        }
        doc.tooltip(&tip);
        let (x0, y0) = (box_x(i), lane_y(s.lane) + (LANE_H - BOX_H) / 2.0);
        doc.draw(|area| {
            area.draw(&Rectangle::new(
                [(px(x0), px(y0)), (px(x0 + BOX_W), px(y0 + BOX_H))],
                WHITE.filled(),
            ))
        });
        if s.findings.is_empty() {
            doc.open_group(&[("class", "outline")]);
        } else {
            doc.open_group(&[("class", "outline"), ("stroke-dasharray", "7 4")]);
        }
        let warn = !s.findings.is_empty();
        doc.draw(|area| {
            let (color, w) = if warn { (WARN, 3) } else { (LINE, 2) };
            outline(area, (x0, y0, x0 + BOX_W, y0 + BOX_H), &color, w, warn)
        });
        doc.close_group();
        let lines = wrap_text(&s.name, BOX_W - 20.0, TEXT_PX, true, 2);
        doc.draw(|area| {
            area.draw(&Text::new(
                format!("Stage {}", i + 1),
                (px(x0 + 10.0), px(y0 + 14.0)),
                font(SMALL_PX, false, &MUTED, HPos::Left, VPos::Center),
            ))?;
            for (k, line) in lines.iter().enumerate() {
                area.draw(&Text::new(
                    line.clone(),
                    (px(x0 + 10.0), px(y0 + 35.0 + k as f64 * 17.0)),
                    font(TEXT_PX, true, &INK, HPos::Left, VPos::Center),
                ))?;
            }
            Ok(())
        });
        if !s.findings.is_empty() {
            doc.open_group(&[("class", "finding-badge"), ("data-count", &count)]);
            let badge = format!("\u{26A0} {count}");
            let bw = text_width(&badge, SMALL_PX, true) + 10.0;
            doc.draw(|area| {
                let (bx1, by0) = (x0 + BOX_W - 6.0, y0 + 5.0);
                area.draw(&Rectangle::new(
                    [(px(bx1 - bw), px(by0)), (px(bx1), px(by0 + 18.0))],
                    WARN_FILL.filled(),
                ))?;
                outline(area, (bx1 - bw, by0, bx1, by0 + 18.0), &WARN, 1, false)?;
                area.draw(&Text::new(
                    badge.clone(),
                    (px(bx1 - bw / 2.0), px(by0 + 9.0)),
                    font(SMALL_PX, true, &INK, HPos::Center, VPos::Center),
                ))
            });
            doc.close_group();
        }
        if let Some(d) = &s.decision {
            doc.open_group(&[("class", "decision-marker")]);
            let shown = fit_text(&format!("Decision: {d}"), BOX_W - 38.0, SMALL_PX, false);
            doc.draw(|area| {
                let (cx, cy) = (x0 + 18.0, y0 + 72.0);
                area.draw(&Polygon::new(
                    vec![
                        (px(cx), px(cy - 7.0)),
                        (px(cx + 7.0), px(cy)),
                        (px(cx), px(cy + 7.0)),
                        (px(cx - 7.0), px(cy)),
                    ],
                    DECISION.filled(),
                ))?;
                area.draw(&Text::new(
                    shown,
                    (px(cx + 12.0), px(cy)),
                    font(SMALL_PX, false, &INK, HPos::Left, VPos::Center),
                ))
            });
            doc.close_group();
        }
        doc.close_group();
    }
    doc.close_group();

    if !p.exceptions.is_empty() {
        draw_exceptions(&mut doc, &p, lanes_bottom + 16.0, width);
    }
    doc.finish()
}

/// A rectangle's border as a path (the SVG backend writes no stroke width
/// for rects), around once and along the first side again so every corner
/// is joined; a dashed border (dash set on the enclosing group) goes round
/// once only, or its first side would be drawn twice, out of phase, and
/// look solid.
fn outline(
    area: &Area,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
    color: &RGBColor,
    width: u32,
    dashed: bool,
) -> DrawResult {
    let mut points = vec![
        (px(x0), px(y0)),
        (px(x1), px(y0)),
        (px(x1), px(y1)),
        (px(x0), px(y1)),
        (px(x0), px(y0)),
    ];
    if !dashed {
        points.push((px(x1), px(y0)));
    }
    area.draw(&PathElement::new(points, color.stroke_width(width)))
}

fn draw_lane(area: &Area, l: usize, lane: &Lane, width: f64) -> DrawResult {
    let (y0, y1) = (lane_y(l), lane_y(l + 1));
    area.draw(&Rectangle::new(
        [(px(MARGIN), px(y0)), (px(width - MARGIN), px(y1))],
        LANE_FILL[l % 2].filled(),
    ))?;
    area.draw(&Rectangle::new(
        [(px(MARGIN), px(y0)), (px(LEFT), px(y1))],
        LABEL_FILL.filled(),
    ))?;
    for y in [y0, y1] {
        area.draw(&PathElement::new(
            vec![(px(MARGIN), px(y)), (px(width - MARGIN), px(y))],
            GRID.stroke_width(1),
        ))?;
    }
    let none = lane.role.is_none();
    let lines = wrap_text(&lane.name, LABEL_W - 20.0, TEXT_PX, !none, 3);
    let first = lane_mid(l) - (lines.len() as f64 - 1.0) * 17.0 / 2.0;
    let color = if none { MUTED } else { INK };
    for (k, line) in lines.into_iter().enumerate() {
        area.draw(&Text::new(
            line,
            (px(MARGIN + 10.0), px(first + k as f64 * 17.0)),
            font(TEXT_PX, !none, &color, HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

/// The arrow into stage `i` from the stage before it: straight within a
/// lane, an elbow through the gap between the boxes across lanes.
fn draw_arrow(area: &Area, i: usize, from: usize, to: usize, handoff: bool) -> DrawResult {
    let x_start = box_x(i - 1) + BOX_W;
    let tip = box_x(i) - 1.0;
    let (ya, yb) = (lane_mid(from), lane_mid(to));
    let mid = (x_start + tip) / 2.0;
    let (color, w) = if handoff { (ACCENT, 3) } else { (LINE, 2) };
    let end = tip - ARROW_HEAD + 1.0;
    let points = if from == to {
        vec![(px(x_start), px(ya)), (px(end), px(yb))]
    } else {
        vec![
            (px(x_start), px(ya)),
            (px(mid), px(ya)),
            (px(mid), px(yb)),
            (px(end), px(yb)),
        ]
    };
    area.draw(&PathElement::new(points, color.stroke_width(w)))?;
    area.draw(&Polygon::new(
        vec![
            (px(tip), px(yb)),
            (px(tip - ARROW_HEAD), px(yb - 6.0)),
            (px(tip - ARROW_HEAD), px(yb + 6.0)),
        ],
        color.filled(),
    ))?;
    if handoff {
        let label = "handoff";
        let lw = text_width(label, SMALL_PX, false) + 6.0;
        let cy = (ya + yb) / 2.0;
        area.draw(&Rectangle::new(
            [
                (px(mid - lw / 2.0), px(cy - 9.0)),
                (px(mid + lw / 2.0), px(cy + 9.0)),
            ],
            WHITE.filled(),
        ))?;
        area.draw(&Text::new(
            label,
            (px(mid), px(cy)),
            font(SMALL_PX, false, &INK, HPos::Center, VPos::Center),
        ))?;
    }
    Ok(())
}

fn draw_exceptions(doc: &mut SvgDoc, p: &Plan, y0: f64, width: f64) {
    let y1 = y0 + 36.0 + p.exceptions.len() as f64 * ROW_H + 6.0;
    doc.open_group(&[
        ("class", "exceptions"),
        ("role", "list"),
        ("aria-label", "Exceptions"),
    ]);
    doc.open_group(&[("class", "outline"), ("stroke-dasharray", "6 4")]);
    doc.draw(|area| outline(area, (MARGIN, y0, width - MARGIN, y1), &LINE, 1, true));
    doc.close_group();
    doc.draw(|area| {
        area.draw(&Text::new(
            "Exceptions (outside the normal flow): condition \u{2192} who handles it",
            (px(MARGIN + 12.0), px(y0 + 20.0)),
            font(TEXT_PX, true, &INK, HPos::Left, VPos::Center),
        ))
    });
    for (k, x) in p.exceptions.iter().enumerate() {
        let class = if x.handled {
            "exception"
        } else {
            "exception unhandled"
        };
        doc.open_group(&[
            ("class", class),
            ("role", "listitem"),
            ("data-role", x.role.as_deref().unwrap_or("")),
        ]);
        doc.tooltip(&x.text);
        let shown = if x.handled {
            x.text.clone()
        } else {
            format!("\u{26A0} {}", x.text)
        };
        let shown = fit_text(&shown, width - 2.0 * MARGIN - 24.0, TEXT_PX, false);
        let y = y0 + 36.0 + ROW_H / 2.0 + k as f64 * ROW_H;
        doc.draw(|area| {
            area.draw(&Text::new(
                shown,
                (px(MARGIN + 12.0), px(y)),
                font(TEXT_PX, false, &INK, HPos::Left, VPos::Center),
            ))
        });
        doc.close_group();
    }
    doc.close_group();
}

/// "No stages yet": the empty state, shaped like the other charts'.
fn empty(text: &ChartText) -> String {
    let (w, h) = (EMPTY_WIDTH, EMPTY_HEIGHT);
    let mut doc = SvgDoc::new("swimlane", w, h, &text.title, &text.description);
    draw_frame(&mut doc, &text.title);
    doc.open_group(&[("class", "no-data")]);
    doc.draw(|area| {
        let (cx, cy) = (f64::from(w) / 2.0, f64::from(h) / 2.0 + 10.0);
        area.draw(&Rectangle::new(
            [
                (px(40.0), px(60.0)),
                (px(f64::from(w) - 40.0), px(f64::from(h) - 30.0)),
            ],
            ShapeStyle::from(&GRID).stroke_width(1),
        ))?;
        area.draw(&Text::new(
            "No stages yet",
            (px(cx), px(cy - 12.0)),
            font(16.0, true, &MUTED, HPos::Center, VPos::Center),
        ))?;
        area.draw(&Text::new(
            "Add the stages of the work, in order, to see who does what.",
            (px(cx), px(cy + 14.0)),
            font(SMALL_PX, false, &MUTED, HPos::Center, VPos::Center),
        ))
    });
    doc.close_group();
    doc.finish()
}

/// A model and a five-stage refunds workflow across three roles with two
/// handoffs, a decision point, an exception and gaps for the checks (for
/// the tests and the examples).
#[cfg(test)]
pub(crate) fn example(stage_name_3: &str) -> (Model, Workflow) {
    use crate::model::testkit::Kit;
    use crate::model::{Decision, ElementKind, Exception, Exchange, Handoff, Raci, Stage};
    use chrono::{TimeZone, Utc};

    let mut m = Model::new(
        "m".into(),
        "M",
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    );
    // Model order: Ops Lead first, though the Clerk starts the work.
    m.add_role("ops".into(), "Ops Lead").unwrap();
    m.add_role("clerk".into(), "Clerk").unwrap();
    m.add_role("fin".into(), "Finance").unwrap();
    m.add_role("idle".into(), "Idle role").unwrap();
    m.add_element("wf".into(), "Refunds", ElementKind::Workflow)
        .unwrap();
    m.set_assignment("wf", "ops", Some(Raci::A)).unwrap();
    m.set_assignment("wf", "clerk", Some(Raci::R)).unwrap();
    // Finance has no letter: its stage disagrees with the matrix.
    let mut d = Decision::new("d".into(), "Refund over limit");
    d.rights.insert("ops".into(), "A".into());
    m.decisions.push(d);

    let stage = |id: &str, name: &str, role: &str, exit: &str| Stage {
        id: id.into(),
        name: name.into(),
        role: Some(role.into()),
        exit: exit.into(),
        ..Default::default()
    };
    let mut w = Workflow::new("wf".into());
    w.trigger = "A customer asks for a refund".into();
    w.outputs = vec![Exchange {
        what: "Money back".into(),
        role: None,
    }];
    w.exceptions = vec![
        Exception {
            condition: "The order cannot be found".into(),
            role: Some("ops".into()),
            action: "Ask the customer for the receipt".into(),
        },
        Exception {
            condition: "The bank rejects the transfer".into(),
            role: None,
            action: String::new(),
        },
    ];
    let mut s3 = stage("s3", stage_name_3, "ops", "Approved or refused in writing");
    s3.handoff = Handoff {
        passed: "The request with the order".into(),
        check: "The order number matches".into(),
    };
    let mut s4 = stage("s4", "Decide on a refund over the limit", "ops", "Decided");
    s4.decision = Some("d".into());
    w.stages = vec![
        stage("s1", "Log the request", "clerk", "Request logged"),
        stage("s2", "Find the order", "clerk", "Order attached"),
        s3,
        s4,
        // No exit criteria, no handoff details, no letter in the matrix.
        stage("s5", "Pay the refund", "fin", ""),
    ];
    (m, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testutil::{assert_safe_svg, Node};
    use crate::model::Stage;

    fn stages(root: &Node) -> Vec<&Node> {
        root.find_class("stage")
    }

    fn stage<'a>(root: &'a Node, id: &str) -> &'a Node {
        stages(root)
            .into_iter()
            .find(|g| g.attr("data-stage") == Some(id))
            .unwrap_or_else(|| panic!("no stage {id}"))
    }

    #[test]
    fn five_stages_three_lanes_two_handoffs() {
        let (m, w) = example("Approve the refund");
        assert_eq!(w.handoffs().collect::<Vec<_>>(), [2, 4]);
        let svg = swimlane(&m, &w);
        let root = assert_safe_svg(&svg);
        assert_eq!(root.attr("role"), Some("group"));
        assert!(root.attr("aria-labelledby").is_some());
        assert_eq!(root.find_all("title")[0].text(), "Swimlane: Refunds");

        // One lane per performing role, in the model's role order.
        let lanes: Vec<_> = root
            .find_class("lane")
            .iter()
            .map(|l| l.attr("data-role").unwrap().to_string())
            .collect();
        assert_eq!(lanes, ["ops", "clerk", "fin"]);
        assert_eq!(
            root.find_class("lane")[1].all_text(),
            "Lane: Clerk Clerk",
            "tooltip and label"
        );

        // Five stages, in order, focusable, in a list.
        let st = stages(&root);
        let ids: Vec<_> = st.iter().map(|g| g.attr("data-stage").unwrap()).collect();
        assert_eq!(ids, ["s1", "s2", "s3", "s4", "s5"]);
        for g in &st {
            assert_eq!(g.attr("role"), Some("listitem"));
            assert_eq!(g.attr("tabindex"), Some("0"));
        }
        assert_eq!(root.find_class("stages")[0].attr("role"), Some("list"));
        assert_eq!(
            st[2].attr("aria-label"),
            Some(
                "Stage 3 of 5: Approve the refund, performed by Ops Lead; \
                 handoff from Clerk; no problems"
            )
        );
        assert_eq!(
            st[3].attr("aria-label"),
            Some(
                "Stage 4 of 5: Decide on a refund over the limit, performed by \
                 Ops Lead; decision point: Refund over limit; no problems"
            )
        );
        assert_eq!(
            st[4].attr("aria-label"),
            Some(
                "Stage 5 of 5: Pay the refund, performed by Finance; handoff \
                 from Ops Lead; 4 problems"
            )
        );
        // Each stage sits in its role's lane: same row as the lane.
        let y = |n: &Node| -> f64 { n.find_all("rect")[0].attr("y").unwrap().parse().unwrap() };
        let lane_ys: Vec<f64> = root.find_class("lane").iter().map(|l| y(l)).collect();
        for (g, lane) in st.iter().zip([1, 1, 0, 0, 2]) {
            assert_eq!(y(g), lane_ys[lane] + (LANE_H - BOX_H) / 2.0);
        }
        // Left to right.
        let x = |n: &Node| -> f64 { n.find_all("rect")[0].attr("x").unwrap().parse().unwrap() };
        assert!(st.windows(2).all(|p| x(p[0]) < x(p[1])));

        // Arrows: four in all, two of them handoffs, into s3 and s5.
        let arrows = root.find_class("arrow");
        assert_eq!(arrows.len(), 4);
        let handoffs = root.find_class("handoff");
        assert_eq!(handoffs.len(), 2);
        let into: Vec<_> = handoffs
            .iter()
            .map(|a| a.attr("data-to").unwrap())
            .collect();
        assert_eq!(into, ["s3", "s5"]);
        for h in &handoffs {
            assert!(h.all_text().contains("handoff"), "{}", h.all_text());
            assert_eq!(h.find_all("polygon").len(), 1, "an arrowhead");
        }
        assert_eq!(
            handoffs[0].find_all("title")[0].text(),
            "Handoff from Clerk to Ops Lead: passes The request with the order; \
             checked: The order number matches."
        );
        let plain = arrows.iter().filter(|a| !a.has_class("handoff")).count();
        assert_eq!(plain, 2);

        // The decision marker, on s4 only.
        let markers = root.find_class("decision-marker");
        assert_eq!(markers.len(), 1);
        assert_eq!(stage(&root, "s4").find_class("decision-marker").len(), 1);
        assert_eq!(markers[0].find_all("polygon").len(), 1, "a diamond");
        // Clipped to the box; the full name is in the stage's label and tooltip.
        assert_eq!(markers[0].all_text(), "Decision: Refund\u{2026}");

        // Findings: s5 only, four of them, not by colour alone.
        let badges = root.find_class("finding-badge");
        assert_eq!(badges.len(), 1);
        let s5 = stage(&root, "s5");
        assert!(s5.has_class("has-findings"));
        assert_eq!(s5.attr("data-findings"), Some("4"));
        assert_eq!(s5.find_class("finding-badge")[0].all_text(), "\u{26A0} 4");
        let outline = &s5.find_class("outline")[0];
        assert_eq!(outline.attr("stroke-dasharray"), Some("7 4"));
        assert_eq!(
            outline.find_all("polyline")[0].attr("stroke-width"),
            Some("3")
        );
        let tip = s5.find_all("title")[0].text();
        assert!(tip.contains("Problems: "), "{tip}");
        assert!(tip.contains("has no exit criteria"), "{tip}");
        assert!(tip.contains("the matrix says otherwise"), "{tip}");
        let s1 = stage(&root, "s1");
        assert!(!s1.has_class("has-findings"));
        assert_eq!(s1.find_class("outline")[0].attr("stroke-dasharray"), None);

        // Exceptions: a dashed band listing condition -> role.
        let exc = root.find_class("exception");
        assert_eq!(exc.len(), 2);
        assert_eq!(exc[0].attr("data-role"), Some("ops"));
        assert!(exc[0]
            .all_text()
            .contains("\u{201c}The order cannot be found\u{201d} \u{2192} Ops Lead"));
        assert!(exc[1].has_class("unhandled"));
        assert!(exc[1].all_text().contains("\u{26A0}"));
        assert!(exc[1].all_text().contains("nobody handles it"));
        let band = &root.find_class("exceptions")[0];
        assert_eq!(
            band.find_class("outline")[0].attr("stroke-dasharray"),
            Some("6 4")
        );
        // The unhandled exception is a finding about the whole workflow.
        let general = root.find_class("workflow-findings");
        assert_eq!(general[0].attr("data-count"), Some("1"));

        let desc = root.find_all("desc")[0].text();
        assert!(
            desc.starts_with("5 stages, 3 lanes, 2 handoffs; read left to right (lanes: Ops Lead, Clerk, Finance)."),
            "{desc}"
        );
        assert!(desc.contains("Stage 1 of 5: Log the request, performed by Clerk; no problems."));
    }

    #[test]
    fn every_text_is_at_least_11px() {
        let (m, w) = example("Approve the refund");
        let mut svgs = vec![swimlane(&m, &w), swimlane(&m, &Workflow::new("wf".into()))];
        let mut long = w.clone();
        long.stages[0].name = "An extremely long stage name that will never fit ".repeat(5);
        svgs.push(swimlane(&m, &long));
        for svg in svgs {
            let root = assert_safe_svg(&svg);
            let texts = root.find_all("text");
            assert!(!texts.is_empty());
            for t in texts {
                let size: f64 = t
                    .attr("font-size")
                    .unwrap_or_else(|| panic!("no font-size: {t:?}"))
                    .trim_end_matches("px")
                    .parse()
                    .unwrap();
                assert!(size >= 11.0, "{size} px: {}", t.text());
            }
        }
    }

    #[test]
    fn names_are_escaped_and_clipped() {
        let evil = "<b> & \"q\" </g>";
        let (mut m, mut w) = example(evil);
        m.roles[1].name = "Clerk <&\">".into();
        w.stages[2].id = "s3<&\">".into();
        w.stages[3].decision = None;
        let svg = swimlane(&m, &w);
        let root = assert_safe_svg(&svg);
        assert!(svg.contains("&lt;b&gt; &amp;"));
        let s3 = stage(&root, "s3<&\">");
        let label = s3.attr("aria-label").unwrap();
        assert!(
            label.starts_with(&format!(
                "Stage 3 of 5: {evil}, performed by Ops Lead; handoff from Clerk <&\">"
            )),
            "{label}"
        );
        // Shown in the box, wrapped onto two lines (after "Stage 3").
        let lines: Vec<String> = s3.find_all("text").iter().map(|t| t.text()).collect();
        assert_eq!(lines[0], "Stage 3");
        assert_eq!(lines[1..].join(" ").replace('…', ""), evil.replace('…', ""));
        let lane = &root.find_class("lane")[1];
        assert!(lane.all_text().contains("Clerk <&\">"));
        assert_eq!(
            root.find_class("handoff")[0].attr("data-to"),
            Some("s3<&\">")
        );

        // A long name is wrapped to two lines and cut with an ellipsis.
        w.stages[0].name = "word ".repeat(60);
        let root = assert_safe_svg(&swimlane(&m, &w));
        let s1 = stage(&root, "s1");
        let texts = s1.find_all("text");
        assert_eq!(texts.len(), 3);
        assert!(texts[2].text().ends_with('…'));
        for t in &texts[1..] {
            assert!(text_width(&t.text(), TEXT_PX, true) <= BOX_W - 20.0);
        }
    }

    #[test]
    fn empty_workflow_says_no_stages_yet() {
        let (m, _) = example("x");
        let w = Workflow::new("wf".into());
        let svg = swimlane(&m, &w);
        let root = assert_safe_svg(&svg);
        assert!(root.find_class("no-data")[0]
            .all_text()
            .contains("No stages yet"));
        assert!(root.find_all("desc")[0].text().starts_with("No stages yet"));
        assert!(stages(&root).is_empty());
        assert_eq!(root.attr("width"), Some("600"));
        // A workflow of an element the model lacks draws all the same.
        let svg = swimlane(&m, &Workflow::new("gone".into()));
        assert!(svg.contains("No stages yet"));
    }

    #[test]
    fn stages_without_a_role_go_in_a_last_no_role_lane() {
        let (m, mut w) = example("Approve");
        w.stages.insert(
            2,
            Stage {
                id: "loose".into(),
                name: "Nobody's stage".into(),
                ..Default::default()
            },
        );
        w.stages[4].role = Some("ghost".into());
        // clerk, clerk, none, ops, ghost, fin: no handoff into or out of the
        // stage without a role; ops -> ghost and ghost -> fin are handoffs.
        assert_eq!(w.handoffs().count(), 2);
        let root = assert_safe_svg(&swimlane(&m, &w));
        let lanes: Vec<_> = root
            .find_class("lane")
            .iter()
            .map(|l| l.attr("data-role").unwrap().to_string())
            .collect();
        assert_eq!(lanes, ["ops", "clerk", "fin", "ghost", ""]);
        assert!(root.find_class("lane")[4].all_text().contains("No role"));
        assert_eq!(root.find_class("arrow").len(), 5);
        assert_eq!(root.find_class("handoff").len(), 2);
        let loose = stage(&root, "loose");
        assert_eq!(loose.attr("data-role"), Some(""));
        assert!(loose
            .attr("aria-label")
            .unwrap()
            .starts_with("Stage 3 of 6: Nobody's stage, no performing role;"));
        // The arrow into it still crosses lanes (an elbow), unmarked.
        let into = root
            .find_class("arrow")
            .into_iter()
            .find(|a| a.attr("data-to") == Some("loose"))
            .unwrap();
        assert!(!into.has_class("handoff"));
        assert!(into.find_all("text").is_empty());
    }

    #[test]
    fn width_grows_with_the_stages() {
        let (m, w) = example("Approve");
        let width = |w: &Workflow| -> u32 {
            assert_safe_svg(&swimlane(&m, w))
                .attr("width")
                .unwrap()
                .parse()
                .unwrap()
        };
        assert_eq!(width(&w), 1290);
        let mut one = w.clone();
        one.stages.truncate(1);
        assert_eq!(width(&one), MIN_WIDTH as u32);
        let mut many = w.clone();
        for i in 0..20 {
            let mut s = w.stages[i % 5].clone();
            s.id = format!("x{i}");
            many.stages.push(s);
        }
        assert_eq!(width(&many), 1290 + 20 * COL_W as u32);
        assert_eq!(stages(&assert_safe_svg(&swimlane(&m, &many))).len(), 25);
    }
}
