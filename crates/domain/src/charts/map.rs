//! The operating map as a drawing: one row per layer of the organization
//! (metrics, outcomes, processes, workflows, data entities, systems), a box
//! per element or metric with its owner, lines for the connections, data
//! flows as arcs under the systems, and gaps marked on their boxes by a
//! dashed outline and a "⚠ n" badge (not by colour alone).
//!
//! The order within each row is chosen to keep lines from crossing: a few
//! sweeps of the barycentre heuristic (each box moves to the mean position
//! of its neighbours in the rows already placed), keeping the order with the
//! fewest crossings seen. Layout crates (`layout-rs`, `rust-sugiyama`)
//! assign the layers themselves from the graph's depth; here the layers are
//! fixed by kind, which leaves only this ordering step, about forty lines.
//!
//! Rows wider than [`MAX_PER_ROW`] boxes wrap, so a map of 60 nodes stays
//! within a 1920 px projector at a readable size.

use std::collections::HashMap;

use crate::model::map::graph::{EdgeKind, Layer, MapGraph, Node};

use super::svg::{escape_xml, fit_text, wrap_text, SvgDoc};
use super::ChartText;

/// Boxes per row before a layer wraps onto another row: 10 x 170 px plus
/// the label column is 1,850 px, the width of a 1920 px screen.
pub const MAX_PER_ROW: usize = 10;
const MARGIN: f64 = 20.0;
/// The column of layer names.
const LABEL_W: f64 = 130.0;
const LEFT: f64 = MARGIN + LABEL_W;
const TOP: f64 = 56.0;
const NODE_W: f64 = 150.0;
const NODE_H: f64 = 60.0;
const SLOT: f64 = 170.0;
/// One row of boxes and the room the lines need between rows.
const ROW_H: f64 = 116.0;
const NAME_PX: f64 = 14.0;
const OWNER_PX: f64 = 12.5;
/// Under the systems: room for the flows' arcs, then the legend.
const LEGEND_H: f64 = 64.0;

const INK: &str = "#1F2933";
const MUTED: &str = "#52606D";
const LINE: &str = "#6B7784";
const FLOW: &str = "#0072B2";
const SOURCE: &str = "#007A5E";
const WARN: &str = "#C24E00";
const WARN_FILL: &str = "#FFF1E6";
const ROW_FILL: [&str; 2] = ["#F6F8FA", "#FFFFFF"];

/// A box's place: its row (from the top) and left edge.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Place {
    row: usize,
    x: f64,
}

/// The title and description of the map, in words.
pub fn map_text(graph: &MapGraph, name: &str) -> ChartText {
    let gaps = graph.nodes.iter().filter(|n| !n.gaps.is_empty()).count();
    let layers = Layer::ALL
        .iter()
        .filter(|l| graph.layer(**l).next().is_some())
        .count();
    ChartText {
        title: format!("Operating map: {name}"),
        description: if graph.nodes.is_empty() {
            "Nothing to draw yet: the map shows the model's elements and metrics.".into()
        } else {
            format!(
                "{} in {} {}, {} {}; {} with gaps, marked with a warning sign and a dashed outline.",
                count(graph.nodes.len(), "box", "boxes"),
                layers,
                if layers == 1 { "layer" } else { "layers" },
                graph.edges.len(),
                if graph.edges.len() == 1 {
                    "connection"
                } else {
                    "connections"
                },
                count(gaps, "box", "boxes"),
            )
        },
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The node indices of each shown layer, top to bottom, in the graph's
/// (the model's) order.
pub fn by_layer(graph: &MapGraph) -> Vec<(Layer, Vec<usize>)> {
    Layer::ALL
        .iter()
        .map(|l| {
            let ix: Vec<usize> = (0..graph.nodes.len())
                .filter(|i| graph.nodes[*i].layer == *l)
                .collect();
            (*l, ix)
        })
        .filter(|(_, ix)| !ix.is_empty())
        .collect()
}

/// Every edge as the indices of its two nodes (edges to a node not shown
/// are left out).
fn edge_ends(graph: &MapGraph) -> Vec<(usize, usize)> {
    let index: HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    graph
        .edges
        .iter()
        .filter_map(|e| Some((*index.get(e.from.as_str())?, *index.get(e.to.as_str())?)))
        .collect()
}

/// The order of the nodes within each layer that keeps crossings few:
/// returns the node indices of each shown layer, top to bottom.
pub fn order(graph: &MapGraph) -> Vec<(Layer, Vec<usize>)> {
    let mut layers = by_layer(graph);
    let row_of: HashMap<Layer, usize> = layers
        .iter()
        .enumerate()
        .map(|(r, (l, _))| (*l, r))
        .collect();
    // Neighbours in other rows (flows join boxes of one row: they do not
    // pull).
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); graph.nodes.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (a, b) in edge_ends(graph) {
        if graph.nodes[a].layer != graph.nodes[b].layer {
            neighbours[a].push(b);
            neighbours[b].push(a);
            pairs.push((a, b));
        }
    }
    let mut pos = vec![0.0; graph.nodes.len()];
    let place = |layers: &[(Layer, Vec<usize>)], pos: &mut Vec<f64>| {
        for (_, ix) in layers {
            let n = ix.len() as f64;
            for (k, i) in ix.iter().enumerate() {
                // Centred in [0, 1], so rows of different lengths compare.
                pos[*i] = (k as f64 + 0.5) / n;
            }
        }
    };
    place(&layers, &mut pos);
    // The lines grouped by the pair of rows they join, upper end first:
    // only lines joining the same two rows are compared (600 lines made
    // the count with lookups per pair take 80 ms a layout; this, 3 ms).
    let row: Vec<usize> = graph.nodes.iter().map(|n| row_of[&n.layer]).collect();
    let groups = group_by_rows(&pairs, &row);
    let crossings = |pos: &[f64]| count_crossings(&groups, pos);
    let mut best = (crossings(&pos), layers.clone());
    // Four sweeps down and up: measured on the samples and the bench's
    // 300-node map, later sweeps changed nothing.
    for sweep in 0..8 {
        let down = sweep % 2 == 0;
        let rows: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for r in rows {
            let keyed: Vec<(f64, usize)> = layers[r]
                .1
                .iter()
                .map(|&i| {
                    let toward: Vec<f64> = neighbours[i]
                        .iter()
                        .filter(|&&j| {
                            let rj = row_of[&graph.nodes[j].layer];
                            if down {
                                rj < r
                            } else {
                                rj > r
                            }
                        })
                        .map(|&j| pos[j])
                        .collect();
                    let key = if toward.is_empty() {
                        pos[i]
                    } else {
                        toward.iter().sum::<f64>() / toward.len() as f64
                    };
                    (key, i)
                })
                .collect();
            let mut keyed = keyed;
            crate::model::sort::sort_by(&mut keyed, |a, b| a.0.total_cmp(&b.0));
            layers[r].1 = keyed.into_iter().map(|(_, i)| i).collect();
            place(&layers[r..=r], &mut pos);
        }
        let c = crossings(&pos);
        if c < best.0 {
            best = (c, layers.clone());
        }
    }
    best.1
}

/// The lines between two different rows, grouped by that pair of rows,
/// each line as (upper end, lower end).
fn group_by_rows(pairs: &[(usize, usize)], row: &[usize]) -> Vec<Vec<(usize, usize)>> {
    let mut groups: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
    for &(a, b) in pairs {
        if row[a] == row[b] {
            continue;
        }
        let (a, b) = if row[a] < row[b] { (a, b) } else { (b, a) };
        groups.entry((row[a], row[b])).or_default().push((a, b));
    }
    groups.into_values().collect()
}

/// How many pairs of lines joining the same two rows cross, at `pos`.
fn count_crossings(groups: &[Vec<(usize, usize)>], pos: &[f64]) -> usize {
    let mut c = 0;
    for lines in groups {
        for (i, &(a, b)) in lines.iter().enumerate() {
            let (pa, pb) = (pos[a], pos[b]);
            c += lines[i + 1..]
                .iter()
                .filter(|&&(x, y)| (pa - pos[x]) * (pb - pos[y]) < 0.0)
                .count();
        }
    }
    c
}

/// The crossings of lines between rows, for an order (tests and bench).
pub fn crossings(graph: &MapGraph, order: &[(Layer, Vec<usize>)]) -> usize {
    let mut pos = vec![0.0; graph.nodes.len()];
    let mut row = vec![0usize; graph.nodes.len()];
    for (r, (_, ix)) in order.iter().enumerate() {
        for (k, i) in ix.iter().enumerate() {
            pos[*i] = (k as f64 + 0.5) / ix.len() as f64;
            row[*i] = r;
        }
    }
    count_crossings(&group_by_rows(&edge_ends(graph), &row), &pos)
}

/// The label of one box for assistive technology and its tooltip.
fn node_label(n: &Node) -> String {
    let mut s = format!("{}: {}. ", n.layer.singular(), n.name);
    s.push_str(&match &n.owner {
        crate::model::map::graph::Owner::Nobody => "No owner.".to_string(),
        crate::model::map::graph::Owner::One(r) => format!("Owner: {r}."),
        crate::model::map::graph::Owner::Several(rs) => format!("Owners: {}.", rs.join(", ")),
    });
    if !n.gaps.is_empty() {
        s.push_str(&format!(
            " {}: {}",
            count(n.gaps.len(), "problem", "problems"),
            n.gaps.join(" ")
        ));
    }
    s
}

/// A text's size, weight, colour and anchor ("start", "middle", "end").
#[derive(Clone, Copy)]
struct Font(f64, bool, &'static str, &'static str);

fn push_text(out: &mut String, x: f64, y: f64, font: Font, text: &str) {
    let Font(px, bold, fill, anchor) = font;
    out.push_str(&format!(
        "<text x=\"{x:.0}\" y=\"{y:.0}\" font-size=\"{px}\"{} fill=\"{fill}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{}</text>\n",
        if bold { " font-weight=\"bold\"" } else { "" },
        escape_xml(text)
    ));
}

/// One line's end on a side of a box: the centre of the box at its other
/// end (the order along the side), the line's index, and which end (0 its
/// start, 1 its end).
type End = (f64, usize, u8);

/// Where each line meets its boxes: the lines leaving one side of a box
/// (its top or its bottom) spread along that side in the order of their
/// other ends, instead of all meeting at its middle, where ten lines into
/// one system drew one thick knot. Keyed by (edge index, 0 for its start,
/// 1 for its end); lines between boxes of one row keep the middle.
fn ports(graph: &MapGraph, places: &HashMap<&str, Place>) -> HashMap<(usize, u8), f64> {
    // (node, side: 0 top, 1 bottom) -> the lines there.
    let mut sides: HashMap<(&str, u8), Vec<End>> = HashMap::new();
    for (k, e) in graph.edges.iter().enumerate() {
        let (Some(a), Some(b)) = (places.get(e.from.as_str()), places.get(e.to.as_str())) else {
            continue;
        };
        let (sa, sb) = if e.kind == EdgeKind::Flow && a.row == b.row {
            (1, 1)
        } else if a.row < b.row {
            (1, 0)
        } else if a.row > b.row {
            (0, 1)
        } else {
            continue;
        };
        let (ca, cb) = (a.x + NODE_W / 2.0, b.x + NODE_W / 2.0);
        sides
            .entry((e.from.as_str(), sa))
            .or_default()
            .push((cb, k, 0));
        sides
            .entry((e.to.as_str(), sb))
            .or_default()
            .push((ca, k, 1));
    }
    let mut out = HashMap::new();
    for ((node, _), mut ends) in sides {
        let x = places[node].x;
        ends.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)));
        let n = ends.len() as f64;
        for (j, (_, k, end)) in ends.into_iter().enumerate() {
            out.insert((k, end), x + 14.0 + (NODE_W - 28.0) * (j as f64 + 0.5) / n);
        }
    }
    out
}

/// The map of `graph` as a standalone SVG document, titled with `name`.
///
/// Hooks for tests and styling: each box is a focusable `<g class="node"
/// data-node="ID" data-layer="KEY" data-gaps="N" role="listitem"
/// tabindex="0" aria-label="…">` (`class="node has-gaps"` with gaps), each
/// row a `<g class="layer" data-layer="KEY" role="list">`, each line a
/// `<g class="edge" data-kind="KIND" data-from="ID" data-to="ID">` (flows
/// also `data-flow="ID"`). The root has `role="group"`.
pub fn map(graph: &MapGraph, name: &str) -> String {
    let text = map_text(graph, name);
    if graph.nodes.is_empty() {
        return super::svg::empty_chart("map", 720, 220, &text.title, "add elements or metrics");
    }
    let order = order(graph);
    // Rows: each layer wraps every MAX_PER_ROW boxes.
    let mut rows: Vec<(Layer, Vec<usize>)> = Vec::new();
    for (layer, ix) in &order {
        for chunk in ix.chunks(MAX_PER_ROW) {
            rows.push((*layer, chunk.to_vec()));
        }
    }
    let widest = rows.iter().map(|(_, ix)| ix.len()).max().unwrap_or(1);
    let content_w = widest as f64 * SLOT;
    let mut places: HashMap<&str, Place> = HashMap::new();
    for (r, (_, ix)) in rows.iter().enumerate() {
        let offset = (content_w - ix.len() as f64 * SLOT) / 2.0;
        for (k, i) in ix.iter().enumerate() {
            places.insert(
                graph.nodes[*i].id.as_str(),
                Place {
                    row: r,
                    x: LEFT + offset + k as f64 * SLOT + (SLOT - NODE_W) / 2.0,
                },
            );
        }
    }
    let row_y = |r: usize| TOP + r as f64 * ROW_H + (ROW_H - NODE_H) / 2.0;
    let flows = graph.edges.iter().any(|e| e.kind == EdgeKind::Flow);
    let rows_bottom = TOP + rows.len() as f64 * ROW_H;
    let arcs_h = if flows { 70.0 } else { 0.0 };
    let width = (LEFT + content_w + MARGIN).max(720.0).ceil();
    let height = (rows_bottom + arcs_h + LEGEND_H).ceil();

    let mut doc = SvgDoc::new(
        "map",
        width as u32,
        height as u32,
        &text.title,
        &text.description,
    );
    doc.set_role("group");
    super::svg::draw_frame(&mut doc, &text.title);
    let mut out = String::with_capacity(512 * graph.nodes.len() + 256 * graph.edges.len());
    out.push_str(&format!(
        "<defs><marker id=\"opm-map-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{LINE}\"/></marker>\
         <marker id=\"opm-map-arrow-flow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{FLOW}\"/></marker></defs>\n"
    ));
    // Row bands and the layer names (the boxes say their kind too, so the
    // bands are hidden from assistive technology).
    out.push_str("<g class=\"rows\" aria-hidden=\"true\">\n");
    let mut last: Option<Layer> = None;
    let mut band = 0;
    for (r, (layer, _)) in rows.iter().enumerate() {
        if last != Some(*layer) {
            band += 1;
        }
        let y = TOP + r as f64 * ROW_H;
        out.push_str(&format!(
            "<rect x=\"{MARGIN}\" y=\"{y:.0}\" width=\"{:.0}\" height=\"{ROW_H}\" fill=\"{}\"/>\n",
            width - 2.0 * MARGIN,
            ROW_FILL[band % 2]
        ));
        if last != Some(*layer) {
            push_text(
                &mut out,
                MARGIN + 10.0,
                y + ROW_H / 2.0,
                Font(13.0, true, MUTED, "start"),
                layer.label(),
            );
        }
        last = Some(*layer);
    }
    out.push_str("</g>\n");

    // Lines.
    let ports = ports(graph, &places);
    out.push_str("<g class=\"edges\" aria-hidden=\"true\">\n");
    for (k, e) in graph.edges.iter().enumerate() {
        let (Some(a), Some(b)) = (places.get(e.from.as_str()), places.get(e.to.as_str())) else {
            continue;
        };
        let centre = (a.x + NODE_W / 2.0, b.x + NODE_W / 2.0);
        let ax = ports.get(&(k, 0)).copied().unwrap_or(centre.0);
        let bx = ports.get(&(k, 1)).copied().unwrap_or(centre.1);
        let (stroke, dash, width_px, marker) = match e.kind {
            EdgeKind::Source => (SOURCE, "none", 2.5, "opm-map-arrow"),
            EdgeKind::Copy => (LINE, "6 4", 1.5, "opm-map-arrow"),
            EdgeKind::Measures => (LINE, "2 3", 1.5, "opm-map-arrow"),
            EdgeKind::Flow => (
                FLOW,
                if e.flagged { "6 4" } else { "none" },
                2.0,
                "opm-map-arrow-flow",
            ),
            _ => (LINE, "none", 1.2, "opm-map-arrow"),
        };
        let d = if e.kind == EdgeKind::Flow && a.row == b.row {
            // An arc under the row, deeper for boxes further apart.
            let y = row_y(a.row) + NODE_H;
            let depth = 24.0 + ((bx - ax).abs() / SLOT).min(4.0) * 10.0;
            let (ax, bx) = if (ax - bx).abs() < 1.0 {
                (ax - 20.0, bx + 20.0)
            } else {
                (ax, bx)
            };
            format!(
                "M{ax:.0},{y:.0} C{ax:.0},{:.0} {bx:.0},{:.0} {bx:.0},{y:.0}",
                y + depth,
                y + depth
            )
        } else if a.row < b.row {
            let (y1, y2) = (row_y(a.row) + NODE_H, row_y(b.row));
            let mid = (y1 + y2) / 2.0;
            format!("M{ax:.0},{y1:.0} C{ax:.0},{mid:.0} {bx:.0},{mid:.0} {bx:.0},{y2:.0}")
        } else if a.row > b.row {
            let (y1, y2) = (row_y(a.row), row_y(b.row) + NODE_H);
            let mid = (y1 + y2) / 2.0;
            format!("M{ax:.0},{y1:.0} C{ax:.0},{mid:.0} {bx:.0},{mid:.0} {bx:.0},{y2:.0}")
        } else {
            // Two boxes of one row (a wrapped layer): side to side.
            let y = row_y(a.row) + NODE_H / 2.0;
            let (x1, x2) = if ax < bx {
                (a.x + NODE_W, b.x)
            } else {
                (a.x, b.x + NODE_W)
            };
            format!("M{x1:.0},{y:.0} L{x2:.0},{y:.0}")
        };
        let from_name = graph.node(&e.from).map_or("", |n| n.name.as_str());
        let to_name = graph.node(&e.to).map_or("", |n| n.name.as_str());
        let mut tip = format!("{from_name} {} {to_name}", e.kind.verb());
        if !e.label.is_empty() {
            tip.push_str(&format!(" ({})", e.label));
        }
        out.push_str(&format!(
            "<g class=\"edge{}\" data-kind=\"{}\" data-from=\"{}\" data-to=\"{}\"{}><title>{}</title>\
             <path d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width_px}\" stroke-dasharray=\"{dash}\" marker-end=\"url(#{marker})\"/></g>\n",
            if e.flagged { " flagged" } else { "" },
            e.kind.key(),
            escape_xml(&e.from),
            escape_xml(&e.to),
            e.id.as_ref()
                .map(|id| format!(" data-flow=\"{}\"", escape_xml(id)))
                .unwrap_or_default(),
            escape_xml(&tip),
        ));
    }
    out.push_str("</g>\n");

    // Boxes, row by row.
    for (r, (layer, ix)) in rows.iter().enumerate() {
        out.push_str(&format!(
            "<g class=\"layer\" data-layer=\"{}\" role=\"list\" aria-label=\"{}\">\n",
            layer.key(),
            layer.label()
        ));
        for i in ix {
            let n = &graph.nodes[*i];
            let p = places[n.id.as_str()];
            let y = row_y(r);
            let label = node_label(n);
            let gaps = n.gaps.len();
            out.push_str(&format!(
                "<g class=\"node{}\" data-node=\"{}\" data-layer=\"{}\" data-gaps=\"{gaps}\" role=\"listitem\" tabindex=\"0\" aria-label=\"{}\"><title>{}</title>\n",
                if gaps > 0 { " has-gaps" } else { "" },
                escape_xml(&n.id),
                layer.key(),
                escape_xml(&label),
                escape_xml(&label),
            ));
            let (fill, stroke, dash, sw) = if gaps > 0 {
                (WARN_FILL, WARN, "5 3", 2.0)
            } else {
                ("#FFFFFF", LINE, "none", 1.2)
            };
            out.push_str(&format!(
                "<rect x=\"{:.0}\" y=\"{y:.0}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{sw}\" stroke-dasharray=\"{dash}\"/>\n",
                p.x
            ));
            let badge_w = if gaps > 0 { 34.0 } else { 0.0 };
            let lines = wrap_text(&n.name, NODE_W - 16.0 - badge_w, NAME_PX, true, 2);
            let top = if lines.len() == 1 { y + 20.0 } else { y + 13.0 };
            for (k, line) in lines.iter().enumerate() {
                push_text(
                    &mut out,
                    p.x + 8.0,
                    top + k as f64 * 16.0,
                    Font(NAME_PX, true, INK, "start"),
                    line,
                );
            }
            let owner = fit_text(&n.owner.text(), NODE_W - 16.0, OWNER_PX, false);
            let owner_fill = if matches!(n.owner, crate::model::map::graph::Owner::One(_)) {
                MUTED
            } else {
                WARN
            };
            push_text(
                &mut out,
                p.x + 8.0,
                y + NODE_H - 11.0,
                Font(OWNER_PX, false, owner_fill, "start"),
                &owner,
            );
            if gaps > 0 {
                push_text(
                    &mut out,
                    p.x + NODE_W - 6.0,
                    y + 14.0,
                    Font(OWNER_PX, true, WARN, "end"),
                    &format!("\u{26A0} {gaps}"),
                );
            }
            out.push_str("</g>\n");
        }
        out.push_str("</g>\n");
    }

    // Legend: what each kind of line means, by its dash, not its colour.
    let ly = rows_bottom + arcs_h + 30.0;
    out.push_str("<g class=\"legend\" aria-hidden=\"true\">\n");
    let items: [(&str, &str, f64, &str); 4] = [
        (LINE, "none", 1.2, "contains, produces, runs on, uses"),
        (SOURCE, "none", 2.5, "source of truth"),
        (LINE, "6 4", 1.5, "copy"),
        (LINE, "2 3", 1.5, "measures"),
    ];
    let mut x = LEFT;
    for (stroke, dash, sw, words) in items {
        out.push_str(&format!(
            "<path d=\"M{x:.0},{ly:.0} L{:.0},{ly:.0}\" stroke=\"{stroke}\" stroke-width=\"{sw}\" stroke-dasharray=\"{dash}\"/>\n",
            x + 36.0
        ));
        push_text(
            &mut out,
            x + 44.0,
            ly,
            Font(OWNER_PX, false, MUTED, "start"),
            words,
        );
        x += 44.0 + super::svg::text_width(words, OWNER_PX, false) + 28.0;
    }
    if flows {
        out.push_str(&format!(
            "<path d=\"M{x:.0},{ly:.0} L{:.0},{ly:.0}\" stroke=\"{FLOW}\" stroke-width=\"2\"/>\n",
            x + 36.0
        ));
        push_text(
            &mut out,
            x + 44.0,
            ly,
            Font(OWNER_PX, false, MUTED, "start"),
            "data flow (dashed: with a problem)",
        );
    }
    push_text(
        &mut out,
        MARGIN,
        ly + 24.0,
        Font(OWNER_PX, false, MUTED, "start"),
        "\u{26A0} n and a dashed outline: the box has n problems (focus it to read them).",
    );
    out.push_str("</g>\n");
    doc.raw(&out);
    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testutil::assert_safe_svg;
    use crate::model::map::checks::check_all;
    use crate::model::map::graph::{graph, MapFilter, Owner};
    use crate::model::testkit::map_model;

    fn at() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(0, 0).unwrap()
    }

    #[test]
    fn ordering_removes_crossings_the_model_order_makes() {
        let m = map_model(12, 4, at());
        let g = graph(&m, &check_all(&m), &MapFilter::default());
        let model_order = by_layer(&g);
        let before = crossings(&g, &model_order);
        let after = crossings(&g, &order(&g));
        assert!(before > 0, "the test model has crossings to remove");
        // Its links are scattered on purpose: many crossings cannot be
        // avoided, but a third of them go (189 to 125 when written).
        assert!(
            after * 3 <= before * 2,
            "{after} crossings, {before} before"
        );
    }

    #[test]
    fn a_graph_that_can_be_drawn_without_crossings_is() {
        // Six processes produce six outcomes in the reverse order, and
        // each contains a workflow in a shuffled order: 0 crossings exist.
        use crate::model::map::graph::{Edge, EdgeKind};
        let mut g = MapGraph::default();
        let node = |id: String, layer| Node {
            id,
            layer,
            name: "N".into(),
            owner: Owner::Nobody,
            gaps: Vec::new(),
        };
        for i in 0..6 {
            g.nodes.push(node(format!("o{i}"), Layer::Outcome));
        }
        for i in 0..6 {
            g.nodes.push(node(format!("p{i}"), Layer::Process));
        }
        for i in 0..6 {
            g.nodes.push(node(format!("w{i}"), Layer::Workflow));
        }
        let edge = |from: String, to: String, kind| Edge {
            from,
            to,
            kind,
            id: None,
            label: String::new(),
            flagged: false,
        };
        for i in 0..6 {
            g.edges.push(edge(
                format!("p{i}"),
                format!("o{}", 5 - i),
                EdgeKind::Produces,
            ));
            g.edges.push(edge(
                format!("p{i}"),
                format!("w{}", (i * 5 + 2) % 6),
                EdgeKind::Contains,
            ));
        }
        let model_order: Vec<(Layer, Vec<usize>)> = vec![
            (Layer::Outcome, (0..6).collect()),
            (Layer::Process, (6..12).collect()),
            (Layer::Workflow, (12..18).collect()),
        ];
        assert!(crossings(&g, &model_order) > 10);
        assert_eq!(crossings(&g, &order(&g)), 0);
    }

    #[test]
    fn every_node_and_edge_is_drawn_with_its_hooks() {
        let m = map_model(3, 6, at());
        let g = graph(&m, &check_all(&m), &MapFilter::default());
        let svg = map(&g, "Test");
        let root = assert_safe_svg(&svg);
        assert_eq!(root.attr("role"), Some("group"));
        let nodes = root.find_class("node");
        assert_eq!(nodes.len(), g.nodes.len());
        for n in &nodes {
            assert_eq!(n.attr("tabindex"), Some("0"));
            assert_eq!(n.attr("role"), Some("listitem"));
            let label = n.attr("aria-label").unwrap();
            assert!(
                label.contains("Owner") || label.contains("No owner."),
                "{label}"
            );
        }
        assert_eq!(root.find_class("edge").len(), g.edges.len());
        let gapped = g.nodes.iter().filter(|n| !n.gaps.is_empty()).count();
        assert!(gapped > 0);
        assert_eq!(root.find_class("has-gaps").len(), gapped);
        let layers: Vec<&str> = root
            .find_class("layer")
            .iter()
            .map(|l| l.attr("data-layer").unwrap())
            .collect();
        assert_eq!(
            layers,
            ["metric", "outcome", "process", "workflow", "data", "system"]
        );
        for t in root.find_all("text") {
            let px: f64 = t.attr("font-size").map_or(14.0, |v| v.parse().unwrap());
            assert!(px >= 11.0, "{px} px: {}", t.text());
        }
    }

    #[test]
    fn a_wide_layer_wraps_and_the_drawing_fits_a_projector() {
        let m = map_model(12, 4, at());
        let g = graph(&m, &check_all(&m), &MapFilter::default());
        let svg = map(&g, "Wide");
        let root = assert_safe_svg(&svg);
        let width: f64 = root.attr("width").unwrap().parse().unwrap();
        assert!(width <= 1900.0, "{width}");
        // Twelve per layer: two rows each, so the layer label shows once.
        assert_eq!(root.find_class("layer").len(), 12);
    }

    #[test]
    fn an_empty_map_says_so() {
        let svg = map(&MapGraph::default(), "Empty");
        assert!(svg.contains("No data to show yet"));
    }

    #[test]
    fn hostile_names_are_escaped() {
        let mut g = MapGraph::default();
        g.nodes.push(Node {
            id: "x\"><script>".into(),
            layer: Layer::System,
            name: "<b>&</b>".into(),
            owner: Owner::Nobody,
            gaps: vec!["a < b".into()],
        });
        assert_safe_svg(&map(&g, "T"));
    }
}
