//! Shared SVG plumbing for the charts: escaping, text measuring, the palette,
//! and [`SvgDoc`], which assembles a standalone, accessible SVG document out of
//! fragments drawn by plotters' [`SVGBackend`].
//!
//! Why fragments: plotters' SVG backend can draw shapes and text, but it cannot
//! emit `<title>`, `<desc>`, ARIA attributes, `class`/`data-*` attributes or
//! dash patterns. So each logical piece of a chart (a grid, a series line, one
//! point marker) is drawn by plotters into its own string, the backend's outer
//! `<svg>` wrapper is stripped, and the piece is wrapped in a `<g>` whose
//! attributes we write ourselves (escaped with [`escape_xml`]). Inherited
//! presentation attributes on the `<g>` (e.g. `stroke-dasharray`) style the
//! plotters elements inside it.
//!
//! Text goes through plotters' `Text` element only, which the SVG backend
//! writes as a `<text>` element without measuring it (no font backend is
//! needed). The chart-level APIs (`ChartBuilder`, `configure_mesh`, legends,
//! `titled`) are deliberately not used: they measure text, which on wasm32
//! appends spans to `document.body` and unwraps (panics without a DOM) and on
//! native uses a byte-length estimate, so layouts would differ between the
//! two. The charts lay themselves out with [`text_width`] instead.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, FontTransform, IntoFont, RGBColor, TextStyle};

pub use super::pen::{Align, Baseline, Font, Pen};

/// The generic font family every chart uses.
pub const FONT_FAMILY: &str = "sans-serif";

/// Body text size (px): legends, labels.
pub const TEXT_PX: f64 = 14.0;
/// Secondary text size (px): scores under labels, captions, ticks.
pub const SMALL_PX: f64 = 12.5;

/// Main text colour (contrast about 15:1 on white).
pub const INK: RGBColor = RGBColor(0x1F, 0x29, 0x33);
/// Secondary text colour (contrast about 6.5:1 on white).
pub const MUTED: RGBColor = RGBColor(0x52, 0x60, 0x6D);
/// Grid lines (decorative, not information-bearing).
pub const GRID: RGBColor = RGBColor(0xD5, 0xDB, 0xE1);
/// Axis lines.
pub const AXIS: RGBColor = RGBColor(0x7B, 0x87, 0x94);
/// Background.
pub const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Series colours: derived from the Okabe-Ito colour-blind-safe palette,
/// darkened where needed so each has at least 3:1 contrast on white (tested).
/// Series are also told apart by marker shape and dash pattern, never by
/// colour alone.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xC2, 0x4E, 0x00), // vermillion
    RGBColor(0x00, 0x7A, 0x5E), // bluish green
    RGBColor(0xA8, 0x3F, 0x7E), // reddish purple
    RGBColor(0x8A, 0x6D, 0x00), // dark yellow
    RGBColor(0x3A, 0x3A, 0x3A), // near black
    RGBColor(0x2C, 0x7F, 0xB8), // sky blue, darkened
    RGBColor(0x7A, 0x4E, 0x2D), // brown
];

/// SVG `stroke-dasharray` values, cycled together with the palette (with a
/// different period, so colour + dash + marker combinations stay distinct).
pub const DASHES: [&str; 5] = ["none", "8 4", "2 4", "12 4 2 4", "4 4"];

/// Result of drawing into a plotters drawing area backed by [`SVGBackend`].
pub type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// A plotters drawing area on the SVG backend, in pixel coordinates.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Escapes text for use in XML text or attribute values (`&`, `<`, `>`, `"`,
/// `'`), and drops characters that XML 1.0 does not allow at all (control
/// characters other than tab, newline and carriage return, and U+FFFE/U+FFFF),
/// so hostile input can neither inject markup nor make the document
/// malformed.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Makes user text safe to hand to plotters' `Text` (which escapes markup
/// itself but keeps control characters): removes characters XML forbids,
/// turns line breaks and tabs into spaces and collapses runs of whitespace.
pub fn clean_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else if is_xml_char(c) {
            out.push(c);
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Estimated advance width of one character, in em, for a typical sans-serif
/// font (Helvetica/Arial-like metrics, rounded up a little; symbols sized
/// for DejaVu Sans, the widest common default).
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.29,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' | '"' => 0.37,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.86,
        // Operators and symbols are wide in DejaVu Sans (a common default).
        '<' | '>' | '=' | '+' | '~' | '#' | '&' | '^' | '*' => 0.8,
        '_' | '$' | '?' | '{' | '}' => 0.62,
        'A'..='Z' => 0.69,
        '0'..='9' => 0.57,
        c if c.is_ascii() => 0.55,
        // CJK, Hangul, emoji and similar wide characters.
        c if (c as u32) >= 0x1100 => 1.0,
        _ => 0.62,
    }
}

/// Scale on [`char_em`]: errs wide, so text laid out for Arial also fits
/// the wider fonts a browser may pick for "sans-serif" (e.g. DejaVu Sans).
const WIDTH_SAFETY: f64 = 1.08;

fn char_px(c: char, font_px: f64, bold: bool) -> f64 {
    char_em(c) * font_px * WIDTH_SAFETY * if bold { 1.12 } else { 1.0 }
}

/// Estimated width in pixels of `s` at `font_px`, bold text wider.
pub fn text_width(s: &str, font_px: f64, bold: bool) -> f64 {
    s.chars().map(|c| char_px(c, font_px, bold)).sum()
}

/// Shortens `s` with an ellipsis so it fits in `max_px` (estimated).
pub fn fit_text(s: &str, max_px: f64, font_px: f64, bold: bool) -> String {
    if text_width(s, font_px, bold) <= max_px {
        return s.to_string();
    }
    let budget = max_px - text_width("…", font_px, bold);
    let mut out = String::new();
    let mut used = 0.0;
    for c in s.chars() {
        let w = char_px(c, font_px, bold);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().to_string();
    format!("{trimmed}…")
}

/// Greedy word wrap into at most `max_lines` lines of at most `max_px`;
/// over-long words are cut, and the last line gets an ellipsis when text
/// remains. Always returns at least one line.
pub fn wrap_text(s: &str, max_px: f64, font_px: f64, bold: bool, max_lines: usize) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = s.split_whitespace().peekable();
    let mut overflow = false;
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, font_px, bold) <= max_px {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                overflow = true;
                break;
            }
        }
        if text_width(word, font_px, bold) <= max_px {
            current = word.to_string();
        } else if lines.len() + 1 == max_lines {
            // No room for more lines: the remainder goes to the final line.
            current = word.to_string();
            overflow = words.peek().is_some();
            break;
        } else {
            let cut = fit_text(word, max_px, font_px, bold);
            lines.push(cut);
            if lines.len() == max_lines {
                overflow = true;
                break;
            }
        }
    }
    if overflow && lines.len() == max_lines {
        // The last full line already holds text; mark that more was cut.
        if let Some(last) = lines.pop() {
            let marked = fit_text(&format!("{last} …"), max_px, font_px, bold);
            let marked = if marked.ends_with('…') {
                marked
            } else {
                fit_text(&format!("{last}…"), max_px, font_px, bold)
            };
            lines.push(marked);
        }
        return lines;
    }
    if !current.is_empty() {
        if overflow || text_width(&current, font_px, bold) > max_px {
            let rest: Vec<&str> = std::iter::once(current.as_str()).chain(words).collect();
            lines.push(fit_text(&(rest.join(" ") + " …"), max_px, font_px, bold));
        } else {
            lines.push(current);
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Formats a 0-100 score for display: integers without decimals, otherwise
/// one decimal; non-finite values as "n/a".
pub fn fmt_score(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let r = (v * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Clamps a score to 0..=100; non-finite values become `None`.
pub fn clamp_score(v: f64) -> Option<f64> {
    if v.is_finite() {
        Some(v.clamp(0.0, 100.0))
    } else {
        None
    }
}

/// A text style for plotters: `px` is the rendered CSS font size. (The SVG
/// backend writes `font-size` as the style's size divided by 1.24.)
pub fn font(px: f64, bold: bool, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let mut text =
        TextStyle::from((FONT_FAMILY, backend_size(px), style).into_font()).pos(Pos::new(h, v));
    text.color = color.to_backend_color();
    text
}

/// The plotters font size that the SVG backend writes out as exactly `px`
/// (it divides by 1.24; a plain `px * 1.24` can come back as
/// 13.000000000000002).
fn backend_size(px: f64) -> f64 {
    let guess = px * 1.24;
    if !guess.is_finite() || guess <= 0.0 {
        return guess;
    }
    let bits = guess.to_bits();
    (0..=8u64)
        .flat_map(|k| [bits + k, bits - k])
        .map(f64::from_bits)
        .find(|s| s / 1.24 == px)
        .unwrap_or(guess)
}

/// Like [`font`], rotated to read bottom-to-top (for a y axis title).
pub fn font_vertical(px: f64, color: &RGBColor) -> TextStyle<'static> {
    font(px, false, color, HPos::Center, VPos::Center).transform(FontTransform::Rotate270)
}

/// Rounds a float pixel coordinate for plotters' integer backend coordinates.
pub fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

/// Draws with plotters into a fresh SVG string of the given size and returns
/// the drawn elements without the backend's outer `<svg>` wrapper. Drawing
/// errors (the string backend has none in practice) leave what was drawn.
pub fn fragment<F>(size: (u32, u32), draw: F) -> String
where
    F: FnOnce(&Area) -> DrawResult,
{
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        let _ = draw(&root);
        let _ = root.present();
    }
    strip_svg_wrapper(&buf)
}

fn strip_svg_wrapper(s: &str) -> String {
    let body = match (s.starts_with("<svg"), s.find(">\n")) {
        (true, Some(i)) => &s[i + 2..],
        _ => s,
    };
    let body = body.trim_end();
    body.strip_suffix("</svg>").unwrap_or(body).to_string()
}

/// FNV-1a, for stable element ids derived from the content.
fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A standalone SVG document under construction.
pub struct SvgDoc {
    width: u32,
    height: u32,
    kind: &'static str,
    title: String,
    desc: String,
    body: String,
    open: usize,
    role: &'static str,
}

impl SvgDoc {
    /// `kind` is a fixed identifier such as "radar"; `title` and `desc` are
    /// user text (escaped on output).
    pub fn new(kind: &'static str, width: u32, height: u32, title: &str, desc: &str) -> Self {
        Self {
            width: width.max(1),
            height: height.max(1),
            kind,
            title: clean_label(title),
            desc: desc.to_string(),
            body: String::new(),
            open: 0,
            role: "img",
        }
    }

    /// The ARIA role of the root `<svg>` ("img" unless changed). A chart
    /// with focusable parts inside (the swimlane's stages) uses "group":
    /// the children of an `img` are presentational, so assistive technology
    /// would never reach them.
    pub fn set_role(&mut self, role: &'static str) {
        self.role = role;
    }

    /// The drawing size.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// Draws with plotters and appends the result.
    pub fn draw<F>(&mut self, draw: F)
    where
        F: FnOnce(&Area) -> DrawResult,
    {
        let frag = fragment((self.width, self.height), draw);
        self.body.push_str(&frag);
        if !frag.is_empty() && !frag.ends_with('\n') {
            self.body.push('\n');
        }
    }

    /// A pen drawing shapes and text at the end of the document, without
    /// plotters (see `pen.rs`).
    pub fn pen(&mut self) -> Pen<'_> {
        Pen::new(&mut self.body)
    }

    /// Opens a `<g>` with the given attributes; values are escaped, names
    /// must be fixed identifiers.
    pub fn open_group(&mut self, attrs: &[(&str, &str)]) {
        self.body.push_str("<g");
        for (k, v) in attrs {
            debug_assert!(k
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'));
            self.body.push(' ');
            self.body.push_str(k);
            self.body.push_str("=\"");
            self.body.push_str(&escape_xml(v));
            self.body.push('"');
        }
        self.body.push_str(">\n");
        self.open += 1;
    }

    /// Closes the innermost open `<g>`.
    pub fn close_group(&mut self) {
        if self.open > 0 {
            self.body.push_str("</g>\n");
            self.open -= 1;
        }
    }

    /// Appends markup written by hand (paths with curves and markers, which
    /// plotters does not draw). The caller escapes every user text in it.
    pub fn raw(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    /// Adds a `<title>` child (a tooltip / accessible name for the enclosing
    /// group). Call right after [`SvgDoc::open_group`].
    pub fn tooltip(&mut self, text: &str) {
        self.body.push_str("<title>");
        self.body.push_str(&escape_xml(&clean_label(text)));
        self.body.push_str("</title>\n");
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        while self.open > 0 {
            self.close_group();
        }
        let id = format!(
            "opm-{}-{:08x}",
            self.kind,
            fnv1a(&format!("{}\u{0}{}", self.title, self.desc))
        );
        let mut out = String::with_capacity(self.body.len() + 512);
        out.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" role=\"{role}\" aria-labelledby=\"{id}-title {id}-desc\" \
             class=\"opm-chart opm-chart-{kind}\" font-family=\"{FONT_FAMILY}\">\n",
            w = self.width,
            h = self.height,
            kind = self.kind,
            role = self.role,
        ));
        out.push_str(&format!(
            "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            escape_xml(&self.title),
            escape_xml(&self.desc)
        ));
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// Background and title (top left): the shared frame of every chart.
pub fn draw_frame(doc: &mut SvgDoc, title: &str) {
    let (w, h) = doc.size();
    let shown = fit_text(&clean_label(title), f64::from(w) - 40.0, 18.0, true);
    let mut pen = doc.pen();
    pen.rect((0, 0), (px(f64::from(w)), px(f64::from(h))), WHITE);
    pen.text(&shown, (20, 30), Font::new(18.0, true, INK));
}

/// The "no data" state: a full chart-sized document with the title and a
/// centred message, described as such for screen readers.
pub fn empty_chart(kind: &'static str, width: u32, height: u32, title: &str, what: &str) -> String {
    let message = format!("No data to show yet: {what}.");
    let mut doc = SvgDoc::new(kind, width, height, title, &message);
    draw_frame(&mut doc, title);
    doc.open_group(&[("class", "no-data")]);
    let (cx, cy) = (f64::from(width) / 2.0, f64::from(height) / 2.0 + 10.0);
    let mut pen = doc.pen();
    pen.rect_outline(
        (px(40.0), px(60.0)),
        (px(f64::from(width) - 40.0), px(f64::from(height) - 30.0)),
        GRID,
    );
    pen.text(
        "No data to show yet",
        (px(cx), px(cy)),
        Font::new(16.0, true, MUTED).at(Align::Middle, Baseline::Middle),
    );
    doc.close_group();
    doc.finish()
}

/// WCAG 2 contrast ratio between two colours (checks the palette in tests).
#[cfg(test)]
pub fn contrast_ratio(a: &RGBColor, b: &RGBColor) -> f64 {
    fn lum(c: &RGBColor) -> f64 {
        let ch = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.039_28 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
    }
    let (la, lb) = (lum(a), lum(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testutil::parse;

    #[test]
    fn escape_xml_escapes_markup_and_drops_illegal_chars() {
        assert_eq!(
            escape_xml(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;"
        );
        assert_eq!(escape_xml("]]>"), "]]&gt;");
        assert_eq!(escape_xml("a\u{0}b\u{1B}c\u{FFFE}"), "abc");
        assert_eq!(escape_xml("tab\there\nnew"), "tab\there\nnew");
        assert_eq!(escape_xml("Ünïcödé 日本 🙂"), "Ünïcödé 日本 🙂");
        assert_eq!(escape_xml(""), "");
        // Already-escaped text is escaped again (no double-decoding tricks).
        assert_eq!(escape_xml("&lt;"), "&amp;lt;");
    }

    #[test]
    fn clean_label_collapses_whitespace_and_drops_controls() {
        assert_eq!(clean_label("  a\n\tb  \u{7}c "), "a b c");
        assert_eq!(clean_label(""), "");
    }

    #[test]
    fn fit_and_wrap_respect_width() {
        let long = "Exception handling and escalation across every team";
        let fitted = fit_text(long, 120.0, 13.0, false);
        assert!(fitted.ends_with('…'));
        assert!(text_width(&fitted, 13.0, false) <= 120.0);
        assert_eq!(fit_text("Short", 120.0, 13.0, false), "Short");
        let lines = wrap_text(long, 120.0, 13.0, false, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, 13.0, false) <= 120.0));
        assert!(lines[1].ends_with('…'));
        let one = wrap_text("Ownership", 120.0, 13.0, false, 2);
        assert_eq!(one, vec!["Ownership".to_string()]);
        let word = wrap_text(&"x".repeat(300), 100.0, 13.0, false, 3);
        assert!(!word.is_empty() && word.len() <= 3);
        assert!(word.iter().all(|l| text_width(l, 13.0, false) <= 100.0));
        assert_eq!(wrap_text("", 100.0, 13.0, false, 2), vec![String::new()]);
        let two = wrap_text("Decision rights", 100.0, 13.0, false, 2);
        assert_eq!(two.len(), 1, "{two:?}");
    }

    #[test]
    fn font_sizes_come_out_exact() {
        for px in [10.5, 11.0, 12.0, SMALL_PX, TEXT_PX, 16.0, 18.0, 24.0] {
            assert_eq!(backend_size(px) / 1.24, px, "{px}");
        }
    }

    #[test]
    fn fmt_score_formats() {
        assert_eq!(fmt_score(62.0), "62");
        assert_eq!(fmt_score(62.46), "62.5");
        assert_eq!(fmt_score(f64::NAN), "n/a");
        assert_eq!(clamp_score(140.0), Some(100.0));
        assert_eq!(clamp_score(-3.0), Some(0.0));
        assert_eq!(clamp_score(f64::INFINITY), None);
    }

    #[test]
    fn palette_has_contrast_on_white_and_is_distinct() {
        for c in PALETTE.iter().chain([INK, MUTED, AXIS].iter()) {
            assert!(
                contrast_ratio(c, &WHITE) >= 3.0,
                "{c:?}: {}",
                contrast_ratio(c, &WHITE)
            );
        }
        for (i, a) in PALETTE.iter().enumerate() {
            for b in PALETTE.iter().skip(i + 1) {
                assert_ne!(a, b);
            }
        }
        assert!(contrast_ratio(&INK, &WHITE) >= 4.5);
        assert!(contrast_ratio(&MUTED, &WHITE) >= 4.5);
    }

    #[test]
    fn doc_is_well_formed_with_hostile_title() {
        let mut doc = SvgDoc::new(
            "test",
            100,
            50,
            "<script>alert(1)</script>]]>",
            "<img src=x onerror=alert(1)> & \"q\"",
        );
        doc.open_group(&[("data-x", "\"><script>")]);
        doc.tooltip("<b>hi</b>");
        doc.draw(|area| {
            use plotters::prelude::*;
            area.draw(&Text::new(
                "<script>x</script>",
                (1, 1),
                font(12.0, false, &INK, HPos::Left, VPos::Top),
            ))
        });
        let svg = doc.finish();
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<img"), "{svg}");
        let root = parse(&svg).expect("well-formed");
        assert_eq!(root.name, "svg");
        assert_eq!(root.attr("role"), Some("img"));
        assert!(root.attr("viewBox").is_some());
        assert_eq!(
            root.find_all("title")[0].text(),
            "<script>alert(1)</script>]]>"
        );
    }

    #[test]
    fn fragments_drop_the_backend_wrapper() {
        let f = fragment((10, 10), |area| {
            use plotters::prelude::*;
            area.draw(&Circle::new((5, 5), 2, BLACK.filled()))
        });
        assert!(f.contains("<circle"));
        assert!(!f.contains("<svg"));
        assert!(!f.contains("</svg"));
    }

    #[test]
    fn empty_chart_says_no_data() {
        let svg = empty_chart("test", 300, 200, "T", "nothing");
        let root = parse(&svg).expect("well-formed");
        assert!(root.find_all("desc")[0].text().contains("No data"));
        assert!(svg.contains("No data to show yet"));
    }
}
