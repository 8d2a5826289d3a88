//! Shapes and text written straight into a chart's SVG: what the quiz's
//! charts (the radar, the layers) and every chart's frame draw, without
//! plotters. Plotters' drawing code was about 20 KB gzip of the quiz app's
//! wasm (measured: 134.0 -> 114.4 KB without the two charts), which its
//! size budget could not carry; the markup is the one plotters' SVG backend
//! writes for the same shapes, so the charts look exactly as before.

use std::fmt::Write;

use plotters::style::RGBColor;

use super::svg::{escape_xml, FONT_FAMILY};

/// Where a text's x is: its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The text starts at x.
    Start,
    /// The text is centred on x.
    Middle,
    /// The text ends at x.
    End,
}

/// Where a text's y is: its middle, or the bottom of its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    /// y is the middle of the letters.
    Middle,
    /// y is the bottom of the letters.
    Bottom,
}

/// How a text is drawn: size in CSS px, weight, colour and placement.
#[derive(Debug, Clone, Copy)]
pub struct Font {
    /// Size in CSS pixels.
    pub px: f64,
    /// Bold, or regular.
    pub bold: bool,
    /// The letters' colour.
    pub color: RGBColor,
    /// Where x is.
    pub align: Align,
    /// Where y is.
    pub baseline: Baseline,
}

impl Font {
    /// A text of `px` CSS pixels, placed by its start and middle.
    pub fn new(px: f64, bold: bool, color: RGBColor) -> Self {
        Font {
            px,
            bold,
            color,
            align: Align::Start,
            baseline: Baseline::Middle,
        }
    }

    /// The same font placed by `align` and `baseline`.
    pub fn at(self, align: Align, baseline: Baseline) -> Self {
        Font {
            align,
            baseline,
            ..self
        }
    }
}

/// `#RRGGBB`.
fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn points(out: &mut String, pts: &[(i32, i32)]) {
    for (x, y) in pts {
        let _ = write!(out, "{x},{y} ");
    }
}

/// Writes shapes into a document's body, one element per line.
pub struct Pen<'a> {
    out: &'a mut String,
}

impl<'a> Pen<'a> {
    /// A pen writing at the end of `out`.
    pub fn new(out: &'a mut String) -> Self {
        Pen { out }
    }

    /// A filled rectangle between two corners.
    pub fn rect(&mut self, a: (i32, i32), b: (i32, i32), fill: RGBColor) {
        self.rect_with(a, b, &hex(fill), "none");
    }

    /// A rectangle's outline (1 px) between two corners.
    pub fn rect_outline(&mut self, a: (i32, i32), b: (i32, i32), stroke: RGBColor) {
        self.rect_with(a, b, "none", &hex(stroke));
    }

    fn rect_with(&mut self, a: (i32, i32), b: (i32, i32), fill: &str, stroke: &str) {
        let (x, y) = (a.0.min(b.0), a.1.min(b.1));
        let (w, h) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
        let _ = writeln!(
            self.out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" opacity=\"1\" fill=\"{fill}\" stroke=\"{stroke}\"/>"
        );
    }

    /// A line through `pts`, `width` px wide.
    pub fn line(&mut self, pts: &[(i32, i32)], stroke: RGBColor, width: u32) {
        let _ = write!(
            self.out,
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"{}\" stroke-width=\"{width}\" points=\"",
            hex(stroke)
        );
        points(self.out, pts);
        self.out.push_str("\"/>\n");
    }

    /// A filled polygon, `opacity` 0 to 1.
    pub fn polygon(&mut self, pts: &[(i32, i32)], fill: RGBColor, opacity: f64) {
        let _ = write!(
            self.out,
            "<polygon opacity=\"{opacity}\" fill=\"{}\" points=\"",
            hex(fill)
        );
        points(self.out, pts);
        self.out.push_str("\"/>\n");
    }

    /// A filled circle.
    pub fn circle(&mut self, c: (i32, i32), r: u32, fill: RGBColor) {
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{r}\" opacity=\"1\" fill=\"{}\" stroke=\"none\" stroke-width=\"1\"/>",
            c.0,
            c.1,
            hex(fill)
        );
    }

    /// A circle's outline, 1 px.
    pub fn ring(&mut self, c: (i32, i32), r: u32, stroke: RGBColor) {
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{r}\" opacity=\"1\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\"/>",
            c.0,
            c.1,
            hex(stroke)
        );
    }

    /// A text at `at`, escaped.
    pub fn text(&mut self, text: &str, at: (i32, i32), font: Font) {
        let anchor = match font.align {
            Align::Start => "start",
            Align::Middle => "middle",
            Align::End => "end",
        };
        let dy = match font.baseline {
            Baseline::Middle => "0.5ex",
            Baseline::Bottom => "-0.5ex",
        };
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" dy=\"{dy}\" text-anchor=\"{anchor}\" font-family=\"{FONT_FAMILY}\" font-size=\"{}\" opacity=\"1\" fill=\"{}\"",
            at.0,
            at.1,
            font.px,
            hex(font.color)
        );
        if font.bold {
            self.out.push_str(" font-weight=\"bold\"");
        }
        let _ = writeln!(self.out, ">\n{}\n</text>", escape_xml(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_written_as_plotters_writes_them() {
        let mut out = String::new();
        let mut p = Pen::new(&mut out);
        p.rect((0, 0), (780, 640), RGBColor(255, 255, 255));
        p.rect_outline((40, 60), (680, 270), RGBColor(0xD5, 0xDB, 0xE1));
        p.line(&[(20, 60), (48, 60)], RGBColor(0, 0x72, 0xB2), 2);
        p.polygon(
            &[(390, 260), (499, 413), (359, 368)],
            RGBColor(0, 0x72, 0xB2),
            0.16,
        );
        p.circle((34, 60), 5, RGBColor(0, 0x72, 0xB2));
        p.ring((390, 350), 36, RGBColor(0xD5, 0xDB, 0xE1));
        p.text(
            "A & B",
            (20, 30),
            Font::new(18.0, true, RGBColor(0x1F, 0x29, 0x33)),
        );
        p.text(
            "80",
            (402, 313),
            Font::new(10.5, false, RGBColor(0x52, 0x60, 0x6D)).at(Align::End, Baseline::Bottom),
        );
        assert_eq!(
            out,
            "<rect x=\"0\" y=\"0\" width=\"780\" height=\"640\" opacity=\"1\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
             <rect x=\"40\" y=\"60\" width=\"640\" height=\"210\" opacity=\"1\" fill=\"none\" stroke=\"#D5DBE1\"/>\n\
             <polyline fill=\"none\" opacity=\"1\" stroke=\"#0072B2\" stroke-width=\"2\" points=\"20,60 48,60 \"/>\n\
             <polygon opacity=\"0.16\" fill=\"#0072B2\" points=\"390,260 499,413 359,368 \"/>\n\
             <circle cx=\"34\" cy=\"60\" r=\"5\" opacity=\"1\" fill=\"#0072B2\" stroke=\"none\" stroke-width=\"1\"/>\n\
             <circle cx=\"390\" cy=\"350\" r=\"36\" opacity=\"1\" fill=\"none\" stroke=\"#D5DBE1\" stroke-width=\"1\"/>\n\
             <text x=\"20\" y=\"30\" dy=\"0.5ex\" text-anchor=\"start\" font-family=\"sans-serif\" font-size=\"18\" opacity=\"1\" fill=\"#1F2933\" font-weight=\"bold\">\nA &amp; B\n</text>\n\
             <text x=\"402\" y=\"313\" dy=\"-0.5ex\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"10.5\" opacity=\"1\" fill=\"#52606D\">\n80\n</text>\n"
        );
    }
}
