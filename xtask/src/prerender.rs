//! Prerendered first screens, for the pages a visitor lands on to take the
//! quiz: the quiz app's (`crates/quiz`). Its wasm is about 131 KB gzip, which on
//! a phone's network still takes a second or so to arrive. A static copy
//! of its first screen, taken from the built app in a headless browser
//! (with the stylesheet inline), is painted as soon as the page arrives,
//! and its answers already work (public/boot.js handles the keys and Next
//! there). The app takes over when it starts, and keeps the answer chosen
//! meanwhile (`crates/quiz/src/prerendered.rs`).
//!
//! Each page is written next to `index.html` under its route's name
//! (`/quiz` -> `quiz.html`), as static hosts serve clean URLs; a server
//! that does not serves the workshop's `index.html` there, whose own quiz
//! page then starts (slower, the same quiz). The service worker does the
//! same mapping offline.

use std::fs;
use std::path::Path;
use std::process::Command;

/// The routes to prerender, and the file each one becomes.
pub const PAGES: &[(&str, &str)] = &[("/quiz", "quiz.html"), ("/embed", "embed.html")];

/// What the app drew on one route: the class of `<body>` and its content.
#[derive(Debug)]
pub struct Snapshot {
    body_class: String,
    html: String,
}

/// Takes the snapshots with `prerender.mjs` and writes the pages into the
/// build folder `dir`, from the quiz's page `index`. Without Node or
/// Chromium (a release build on a machine set up only to serve), it says so
/// and leaves the pages as the quiz's page alone (not prerendered).
pub fn run(root: &Path, dir: &Path, index: &str) -> Result<(), String> {
    let Some(chromium) = crate::chromium_path() else {
        eprintln!("postbuild: Chromium is not installed, so the quiz's first screen is not prerendered (`cargo xtask setup` installs it)");
        return Ok(());
    };
    let routes: Vec<&str> = PAGES.iter().map(|(route, _)| *route).collect();
    let output = Command::new("node")
        .arg(root.join("xtask/prerender.mjs"))
        .arg(dir)
        .args(&routes)
        .env("CHROMIUM", chromium)
        .current_dir(root)
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) => {
            eprintln!("postbuild: could not start node ({e}), so the quiz's first screen is not prerendered");
            return Ok(());
        }
    };
    if !output.status.success() {
        return Err(format!(
            "prerendering failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let snapshots: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("prerendering printed something unexpected: {e}"))?;
    for (route, file) in PAGES {
        let field = |name: &str| snapshots[*route][name].as_str().map(str::to_string);
        let snapshot = Snapshot {
            body_class: field("bodyClass").unwrap_or_default(),
            html: field("html").ok_or_else(|| format!("prerendering gave nothing for {route}"))?,
        };
        let read = |href: &str| {
            let css = dir.join(href.trim_start_matches('/'));
            fs::read_to_string(&css).map_err(|e| format!("{}: {e}", css.display()))
        };
        let path = dir.join(file);
        fs::write(&path, page(index, &snapshot, read)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// `index.html` made into a prerendered page:
/// - the snapshot in `<body>`, inside `<div id="prerendered">`, which the
///   app removes when it takes over (the `<noscript>` stays);
/// - the stylesheet inline (read with `read_file`, by its `href`), so the
///   first paint waits for no other request, and allowed by its hash in the
///   policy, which is made anew for the page;
/// - the app's loader runs as soon as its module is fetched (`async`)
///   instead of after the parser. The wasm stays preloaded: the quiz app's
///   was 128 KB gzip, and fetching it from the start let it take over 140
///   ms sooner on Slow 4G at 4x CPU (1472 -> 1332 ms, median of 7) for a
///   first paint 23 ms later (455 -> 478 ms, within the runs' spread).
///   (The workshop app's wasm, about 1 MB, delayed the first paint when
///   preloaded; that is why the quiz is its own app.)
pub fn page(
    index: &str,
    snapshot: &Snapshot,
    read_file: impl Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut html = with_inline_stylesheet(index, read_file)?;
    let loader = "<script type=\"module\">";
    if !html.contains(loader) {
        return Err("index.html has no module loader to start the app".into());
    }
    html = html.replacen(loader, "<script type=\"module\" async>", 1);
    let open = html.find("<body>").ok_or("index.html has no <body>")?;
    let close = html.rfind("</body>").ok_or("index.html has no </body>")?;
    let rest = html[open + "<body>".len()..close].trim();
    let class = if snapshot.body_class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", snapshot.body_class.replace('"', "&quot;"))
    };
    crate::postbuild::with_csp(&format!(
        "{}<body{class}>\n    <div id=\"prerendered\">{}</div>\n    {rest}\n  {}",
        &html[..open],
        snapshot.html,
        &html[close..]
    ))
}

/// The page's one `<link rel="stylesheet" href="...">` replaced by a
/// `<style>` element with the file's text.
fn with_inline_stylesheet(
    html: &str,
    read_file: impl Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let start = html
        .find("<link rel=\"stylesheet\"")
        .ok_or("index.html links no stylesheet")?;
    let end = html[start..]
        .find('>')
        .map(|e| start + e + 1)
        .ok_or("index.html: the stylesheet's link is not closed")?;
    let link = &html[start..end];
    let href = link
        .split("href=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .ok_or("index.html: the stylesheet's link has no href")?;
    let css = compact_css(&read_file(href)?);
    if css.contains("</style") {
        return Err(format!("{href} cannot be put inline: it contains </style"));
    }
    Ok(format!(
        "{}<style>{css}</style>{}",
        &html[..start],
        &html[end..]
    ))
}

/// The stylesheet without its comments and indentation, for the page it is
/// put into: the comments (why a rule is there) are for the source, and
/// the quiz page's weight is a budget. 11.1 -> 8.0 KB gzip for main.css
/// (measured). Strings are kept as they are; a comment becomes a space and
/// a line break followed by indentation one line break, so no two tokens
/// are joined.
fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    // After a line break outside strings: the indentation and empty lines
    // that follow are dropped.
    let mut line_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                line_start = false;
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                if !line_start && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\n' | '\r' => {
                while out.ends_with(' ') || out.ends_with('\t') {
                    out.pop();
                }
                if !line_start && !out.is_empty() {
                    out.push('\n');
                }
                line_start = true;
            }
            ' ' | '\t' if line_start => {}
            _ => {
                line_start = false;
                out.push(c);
            }
        }
    }
    while out.ends_with(char::is_whitespace) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<html>\n  <head>\n    <script>theme()</script>\n    <link rel=\"stylesheet\" href=\"/main-1.css\" integrity=\"sha384-x\"/>\n<script type=\"module\">\nimport init from '/app-1.js';\nawait init();\n</script>\n  <link rel=\"modulepreload\" href=\"/app-1.js\"><link rel=\"preload\" href=\"/app-1_bg.wasm\" as=\"fetch\" type=\"application/wasm\"><link rel=\"preload\" href=\"/font.woff2\" as=\"font\"></head>\n  <body>\n    <noscript>Needs JavaScript.</noscript>\n  </body>\n</html>";

    fn css(href: &str) -> Result<String, String> {
        match href {
            "/main-1.css" => Ok("body{margin:0}".into()),
            other => Err(format!("no such file {other}")),
        }
    }

    fn snapshot(class: &str) -> Snapshot {
        Snapshot {
            body_class: class.into(),
            html: "<main id=\"main\"><p>Question 1</p></main>".into(),
        }
    }

    #[test]
    fn the_snapshot_goes_in_the_body_before_the_noscript() {
        let out = page(INDEX, &snapshot(""), css).unwrap();
        assert!(out.contains("<body>\n    <div id=\"prerendered\"><main id=\"main\"><p>Question 1</p></main></div>\n    <noscript>Needs JavaScript.</noscript>\n  </body>\n</html>"), "{out}");
    }

    #[test]
    fn the_body_keeps_the_class_the_app_gave_it() {
        let out = page(INDEX, &snapshot("embedded"), css).unwrap();
        assert!(out.contains("<body class=\"embedded\">\n    <div id=\"prerendered\">"));
    }

    #[test]
    fn the_loader_is_async_and_the_wasm_still_preloaded() {
        let out = page(INDEX, &snapshot(""), css).unwrap();
        assert!(out.contains("<script type=\"module\" async>\nimport init from '/app-1.js';"));
        assert!(out.contains("<link rel=\"preload\" href=\"/app-1_bg.wasm\" as=\"fetch\""));
        assert!(out.contains("<link rel=\"modulepreload\" href=\"/app-1.js\">"));
        assert!(
            out.contains("<link rel=\"preload\" href=\"/font.woff2\" as=\"font\">"),
            "other preloads stay"
        );
    }

    #[test]
    fn inline_scripts_are_untouched_so_their_hashes_hold() {
        let out = page(INDEX, &snapshot(""), css).unwrap();
        assert_eq!(
            crate::postbuild::inline_scripts(&out),
            crate::postbuild::inline_scripts(INDEX)
        );
    }

    #[test]
    fn the_stylesheet_is_inline_and_allowed_by_its_hash() {
        let out = page(INDEX, &snapshot(""), css).unwrap();
        assert!(out.contains("<style>body{margin:0}</style>"));
        assert!(!out.contains("main-1.css"));
        assert!(out.contains("style-src 'self' 'sha256-"), "{out}");
        assert_eq!(out.matches("Content-Security-Policy").count(), 1);
    }

    #[test]
    fn the_inline_stylesheet_loses_its_comments_and_indentation_but_no_rule() {
        let css = "/* why */\n:root {\n  --a: 1px; /* note */\n}\n\n.x::before { content: \"/* kept */\"; }\n.y { content: 'a\\'/*'; }\na/**/b { margin:/* two\nlines */0 }\n.z { content: \"one\\\n  two\"; }\n";
        assert_eq!(
            compact_css(css),
            ":root {\n--a: 1px;\n}\n.x::before { content: \"/* kept */\"; }\n.y { content: 'a\\'/*'; }\na b { margin: 0 }\n.z { content: \"one\\\n  two\"; }"
        );
        let out = page(INDEX, &snapshot(""), |_| Ok(css.to_string())).unwrap();
        assert!(out.contains("<style>:root {\n--a: 1px;\n}"));
    }

    #[test]
    fn a_page_without_loader_body_or_readable_stylesheet_is_an_error() {
        let link = "<link rel=\"stylesheet\" href=\"/main-1.css\"/>";
        assert!(page(
            &format!("{link}<html><body></body></html>"),
            &snapshot(""),
            css
        )
        .is_err());
        assert!(page(
            &format!("{link}<script type=\"module\"></script>"),
            &snapshot(""),
            css
        )
        .is_err());
        assert!(page(&INDEX.replace("main-1.css", "gone.css"), &snapshot(""), css).is_err());
        assert!(page(INDEX, &snapshot(""), |_| Ok("a{}</style>".into())).is_err());
    }
}
