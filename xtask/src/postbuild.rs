//! `cargo xtask postbuild`: run by trunk after every build (a `post_build`
//! hook in Trunk.toml) on its staging folder, before the files reach `dist/`.
//!
//! - Takes the quiz app (built just before into `target/quiz-dist`) into
//!   the site: its files, and its page as `quiz.html` and `embed.html`.
//! - Puts a Content-Security-Policy in `index.html`. Its inline scripts are
//!   the first one of `index.html` (`public/boot.js`: the theme) and trunk's
//!   loader, whose text names the hashed file names of this build, so its
//!   hash can only be known after the build: they are allowed by their
//!   hashes, and nothing else inline is.
//! - In a release build, prerenders the quiz's first screen into those
//!   pages (see `prerender.rs`).
//! - Fills in the service worker (`sw.js`): the list of this build's files
//!   to keep for offline use, and a version that changes with any of them,
//!   so a new build is noticed by the browser as an update.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};

/// What the app needs and nothing more: its own files, wasm compilation,
/// images it draws itself (`blob:`/`data:` for the PNG export), no remote
/// origin anywhere. `frame-ancestors` is left out: a meta CSP cannot set
/// it, and the quiz is meant to be embedded (`/embed`).
const POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {hashes}; \
     style-src 'self'{style_hashes}; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; \
     manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

const ASSETS_MARK: &str = "\"__OPMODEL_ASSETS__\"";
const VERSION_MARK: &str = "__OPMODEL_VERSION__";

pub fn run(dir: Option<&str>) -> Result<(), String> {
    let dir = match dir {
        Some(d) => PathBuf::from(d),
        None => std::env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .ok_or("postbuild: give a folder, or run it as a trunk hook (TRUNK_STAGING_DIR)")?,
    };
    let index = dir.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let release = std::env::var("TRUNK_PROFILE").as_deref() == Ok("release");
    let quiz_page = take_quiz(&crate::project_root().join(crate::QUIZ_DIST), &dir, release)?;
    if serves_live_reload(&html) {
        eprintln!("postbuild: live-reload build (trunk serve): no Content-Security-Policy");
    } else {
        fs::write(&index, with_csp(&html)?).map_err(|e| format!("{}: {e}", index.display()))?;
        // A release build (dist/, the tests, the benchmark) gets the quiz's
        // first screen prerendered; a development build starts faster without.
        if let (true, Some(page)) = (release, &quiz_page) {
            crate::prerender::run(&crate::project_root(), &dir, page)?;
        }
    }

    let sw = dir.join("sw.js");
    if sw.exists() {
        let template = fs::read_to_string(&sw).map_err(|e| format!("{}: {e}", sw.display()))?;
        let files = files_under(&dir)?;
        fs::write(&sw, fill_service_worker(&template, &dir, &files)?)
            .map_err(|e| format!("{}: {e}", sw.display()))?;
    }
    Ok(())
}

/// The quiz app's files (built by `cargo xtask` into `target/quiz-dist`
/// just before) copied into the site, and its page written as each of the
/// quiz's routes (`quiz.html`, `embed.html`; prerendered afterwards in a
/// release build). Returns the quiz's page, with its policy. In a release
/// build, a missing quiz or a development one (left by `serve`) is an
/// error: the site would serve the workshop, or a slow quiz, for `/quiz`. A
/// development build goes on without it. A quiz file named like one of the
/// workshop's (the stylesheet) must be the same file.
fn take_quiz(from: &Path, dir: &Path, release: bool) -> Result<Option<String>, String> {
    let page_path = from.join("index.html");
    let Ok(page) = fs::read_to_string(&page_path) else {
        if release {
            return Err(format!(
                "postbuild: the quiz app is not built ({} is missing): build with `cargo xtask dist`",
                page_path.display()
            ));
        }
        eprintln!(
            "postbuild: no quiz app in {} (`cargo xtask serve` builds it): /quiz is the workshop's",
            from.display()
        );
        return Ok(None);
    };
    let profile = fs::read_to_string(from.join(crate::QUIZ_PROFILE_FILE)).unwrap_or_default();
    if release && profile != "release" {
        return Err(format!(
            "postbuild: the quiz app in {} is not a release build: build with `cargo xtask dist`",
            from.display()
        ));
    }
    for file in files_under(from)? {
        if file == "index.html" || file.starts_with('.') {
            continue;
        }
        let to = dir.join(&file);
        let bytes = fs::read(from.join(&file)).map_err(|e| format!("{file}: {e}"))?;
        if let Ok(there) = fs::read(&to) {
            if there != bytes {
                return Err(format!(
                    "postbuild: the quiz app's {file} differs from the workshop's file of that name"
                ));
            }
            continue;
        }
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&to, bytes).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    let page = if serves_live_reload(&page) {
        page
    } else {
        with_csp(&page)?
    };
    for (_, file) in crate::prerender::PAGES {
        let path = dir.join(file);
        fs::write(&path, &page).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(Some(page))
}

/// `trunk serve` adds a live-reload script whose address it fills in only
/// when serving, after this step: a hash taken now could never match it,
/// so such a build gets no policy (the release builds, `dist/` and the
/// tests, always do).
fn serves_live_reload(html: &str) -> bool {
    html.contains("{{__TRUNK_")
}

/// The bodies of the `<script>` elements that have no `src`.
pub(crate) fn inline_scripts(html: &str) -> Vec<&str> {
    inline_elements(html, "script")
        .into_iter()
        .filter(|(tag, _)| !tag.contains(" src="))
        .map(|(_, body)| body)
        .collect()
}

/// The bodies of the `<style>` elements (a prerendered page has its
/// stylesheet inline).
fn inline_styles(html: &str) -> Vec<&str> {
    inline_elements(html, "style")
        .into_iter()
        .map(|(_, body)| body)
        .collect()
}

/// Each `<name ...>body</name>` element: its opening tag and its body.
fn inline_elements<'a>(html: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body_start = open_end + 1;
        let Some(end) = after[body_start..].find(&close) else {
            break;
        };
        out.push((&after[..open_end], &after[body_start..body_start + end]));
        rest = &after[body_start + end..];
    }
    out
}

fn sha256_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// `index.html` (or a prerendered page) with a CSP meta right after the
/// charset (or first in `<head>`): a meta policy only governs what comes
/// after it. A second run replaces the first policy, so the step can be
/// repeated safely.
pub(crate) fn with_csp(html: &str) -> Result<String, String> {
    let html = strip_csp(html);
    let hash = |s: &&str| format!("'sha256-{}'", sha256_base64(s.as_bytes()));
    let hashes: Vec<String> = inline_scripts(&html).iter().map(hash).collect();
    let style_hashes: String = inline_styles(&html)
        .iter()
        .map(|s| format!(" {}", hash(s)))
        .collect();
    let policy = POLICY
        .replace("{hashes}", &hashes.join(" "))
        .replace("{style_hashes}", &style_hashes);
    let meta =
        format!("\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />");
    let head = html.find("<head>").ok_or("index.html has no <head>")? + "<head>".len();
    let at = html[head..]
        .find("<meta charset")
        .and_then(|c| html[head + c..].find('>').map(|e| head + c + e + 1))
        .unwrap_or(head);
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

fn strip_csp(html: &str) -> String {
    let marker = "\n    <meta http-equiv=\"Content-Security-Policy\"";
    match html.find(marker) {
        Some(start) => {
            let end = html[start..]
                .find("/>")
                .map_or(html.len(), |e| start + e + 2);
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

/// Every file under `dir`, as sorted paths relative to it.
fn files_under(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The service worker with its list of files to keep (every file of the
/// build but itself, plus `/` for the app's pages) and a version hashed
/// from their contents.
fn fill_service_worker(template: &str, dir: &Path, files: &[String]) -> Result<String, String> {
    if !template.contains(ASSETS_MARK) || !template.contains(VERSION_MARK) {
        return Err("sw.js lacks the asset list or version mark".into());
    }
    let mut hasher = Sha256::new();
    let mut urls = vec!["\"/\"".to_string()];
    for file in files.iter().filter(|f| f.as_str() != "sw.js") {
        let bytes = fs::read(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
        hasher.update(file.as_bytes());
        hasher.update(&bytes);
        urls.push(format!("\"/{file}\""));
    }
    let version: String = hex(&hasher.finalize()[..8]);
    Ok(template
        .replace(ASSETS_MARK, &format!("[{}]", urls.join(", ")))
        .replace(VERSION_MARK, &version))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = "<html>\n  <head>\n    <meta charset=\"utf-8\" />\n    <link rel=\"stylesheet\" href=\"/main.css\"/>\n<script type=\"module\">\nimport init from '/app-1.js';\nawait init();\n</script>\n<script src=\"/other.js\"></script>\n  </head>\n</html>";

    #[test]
    fn only_inline_scripts_are_hashed() {
        assert_eq!(
            inline_scripts(BUILT),
            ["\nimport init from '/app-1.js';\nawait init();\n"]
        );
    }

    #[test]
    fn the_policy_is_the_first_thing_in_head_and_allows_the_loader_by_hash() {
        let out = with_csp(BUILT).unwrap();
        let expected = sha256_base64(b"\nimport init from '/app-1.js';\nawait init();\n");
        assert!(out.starts_with(
            "<html>\n  <head>\n    <meta charset=\"utf-8\" />\n    <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"
        ));
        assert!(out.contains(&format!("'sha256-{expected}';")));
        assert!(!out.contains("unsafe-inline"));
        assert!(!out.contains("http:") && !out.contains("https:"));
        assert_eq!(out.matches("Content-Security-Policy").count(), 1);
    }

    #[test]
    fn an_inline_stylesheet_is_allowed_by_its_hash_and_nothing_else_inline() {
        let page = BUILT.replace(
            "<link rel=\"stylesheet\" href=\"/main.css\"/>",
            "<style>body{margin:0}</style>",
        );
        let out = with_csp(&page).unwrap();
        let expected = sha256_base64(b"body{margin:0}");
        assert!(out.contains(&format!("style-src 'self' 'sha256-{expected}';")));
        assert!(with_csp(BUILT).unwrap().contains("style-src 'self';"));
    }

    #[test]
    fn a_live_reload_build_is_recognised() {
        assert!(!serves_live_reload(BUILT));
        assert!(serves_live_reload(
            "<script>const address = '{{__TRUNK_ADDRESS__}}';</script>"
        ));
    }

    #[test]
    fn running_twice_gives_one_policy() {
        let once = with_csp(BUILT).unwrap();
        assert_eq!(with_csp(&once).unwrap(), once);
    }

    #[test]
    fn a_known_hash() {
        // `echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            sha256_base64(b"alert(1)"),
            "bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }

    #[test]
    fn the_service_worker_lists_every_file_and_changes_version_with_them() {
        let dir = std::env::temp_dir().join(format!("opmodel-postbuild-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(dir.join("index.html"), "<html>").unwrap();
        fs::write(dir.join("icons/a.png"), "png").unwrap();
        fs::write(dir.join("sw.js"), "x").unwrap();
        let template = "const FILES = \"__OPMODEL_ASSETS__\"; const V = '__OPMODEL_VERSION__';";
        let files = files_under(&dir).unwrap();
        assert_eq!(files, ["icons/a.png", "index.html", "sw.js"]);
        let first = fill_service_worker(template, &dir, &files).unwrap();
        assert!(first
            .starts_with("const FILES = [\"/\", \"/icons/a.png\", \"/index.html\"]; const V = '"));
        fs::write(dir.join("icons/a.png"), "png2").unwrap();
        let second = fill_service_worker(template, &dir, &files).unwrap();
        assert_ne!(first, second, "a changed file changes the version");
        assert!(fill_service_worker("no marks", &dir, &files).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_quiz_is_taken_in_only_as_a_release_build_and_never_over_another_file() {
        let root = std::env::temp_dir().join(format!("opmodel-take-quiz-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let (from, site) = (root.join("quiz-dist"), root.join("site"));
        fs::create_dir_all(&from).unwrap();
        fs::create_dir_all(&site).unwrap();
        // Nothing built: an error in a release build, nothing in another.
        assert!(take_quiz(&from, &site, true).is_err());
        assert_eq!(take_quiz(&from, &site, false).unwrap(), None);

        fs::write(from.join("index.html"), BUILT).unwrap();
        fs::write(from.join("quiz-1_bg.wasm"), "wasm").unwrap();
        fs::write(from.join("main-1.css"), "a{}").unwrap();
        fs::write(site.join("main-1.css"), "a{}").unwrap();
        fs::write(from.join(crate::QUIZ_PROFILE_FILE), "debug").unwrap();
        let refused = take_quiz(&from, &site, true).unwrap_err();
        assert!(refused.contains("not a release build"), "{refused}");

        fs::write(from.join(crate::QUIZ_PROFILE_FILE), "release").unwrap();
        let page = take_quiz(&from, &site, true).unwrap().unwrap();
        assert!(page.contains("Content-Security-Policy"));
        assert_eq!(fs::read_to_string(site.join("quiz.html")).unwrap(), page);
        assert_eq!(fs::read_to_string(site.join("embed.html")).unwrap(), page);
        assert_eq!(
            fs::read_to_string(site.join("quiz-1_bg.wasm")).unwrap(),
            "wasm"
        );
        assert!(!site.join(crate::QUIZ_PROFILE_FILE).exists());

        fs::write(site.join("main-1.css"), "b{}").unwrap();
        let clash = take_quiz(&from, &site, true).unwrap_err();
        assert!(clash.contains("main-1.css differs"), "{clash}");
        fs::remove_dir_all(&root).unwrap();
    }
}
