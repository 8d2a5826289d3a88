//! A link as a QR code: the modules come from the `qrcode` crate, drawn
//! here as one SVG path (a run of dark modules in a row is one rectangle),
//! so the code scales to any box without blur.

use qrcode::{Color, EcLevel, QrCode};

use super::svg::escape_xml;

/// Light modules around the code: the four the standard asks, so a camera
/// finds the code's edge on a busy slide.
const QUIET: usize = 4;

/// `text` as a QR code at error correction M (a projector's glare or a
/// smudged phone screen still scans), as an SVG document with `label` as
/// its accessible name; `None` when the text is too long for a QR code.
pub fn qr(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET,
                    y + QUIET,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    let size = width + 2 * QUIET;
    let label = escape_xml(label);
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules of a drawn code, read back from its path.
    fn modules(svg: &str) -> Vec<(usize, usize)> {
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut out = Vec::new();
        for part in d.split('M').filter(|p| !p.is_empty()) {
            let (xy, rest) = part.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let len: usize = rest.split('v').next().unwrap().parse().unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            out.extend((x..x + len).map(|x| (x - QUIET, y - QUIET)));
        }
        out
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let text = "https://opmodel.example/join#checkup=1.k7Qx.q.a.T2Zmc2l0ZQ.AbCd";
        let svg = qr(text, "Invitation <link>").unwrap();
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
        let w = code.width();
        let dark: Vec<(usize, usize)> = code
            .to_colors()
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Color::Dark)
            .map(|(i, _)| (i % w, i / w))
            .collect();
        let mut drawn = modules(&svg);
        drawn.sort_by_key(|&(x, y)| (y, x));
        assert_eq!(drawn, dark);
        let size = w + 2 * QUIET;
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        assert!(svg.contains("aria-label=\"Invitation &lt;link&gt;\""));
    }

    #[test]
    fn a_text_too_long_has_no_code() {
        assert_eq!(qr(&"x".repeat(5000), "too long"), None);
    }
}
