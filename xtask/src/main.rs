//! `cargo xtask <command>`: the project's two-command workflow.
//!
//! - `serve`: install what is missing, build, serve on http://127.0.0.1:8080
//!   with live reload.
//! - `test`: the native half (rustfmt and clippy on the native and the
//!   wasm32 targets, then the native tests), then the browser half (build the
//!   release app, run the browser end-to-end tests against it). Each half
//!   first installs what it needs and is missing: `test --native` needs no
//!   browser, npm, trunk or wasm-bindgen, and installs none.
//! - `dist`: an optimized static build in `dist/`.
//! - `bench`: an optimized build in `target/bench-dist/`, measured in headless
//!   Chromium against the performance budgets (`target/bench.json`).
//! - `setup`: only install what is missing.
//! - `postbuild`: trunk's post-build hook (the CSP and the service worker's
//!   file list; see `postbuild.rs`).
//!
//! Every install step first checks what is there and skips itself when the
//! right version is present, so repeated runs are fast.

mod postbuild;
mod prerender;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

const TRUNK_VERSION: &str = "0.21.14";

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = project_root();
    env::set_current_dir(&root).expect("cannot enter the project root");
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(&root, true),
        Some("serve") => setup(&root, false).and_then(|_| serve(&root)),
        Some("dist") => setup(&root, false).and_then(|_| {
            // A release build prerenders the quiz in Chromium; without it
            // the build is still whole, the quiz pages only not prerendered.
            if let Err(e) = browser(&root) {
                eprintln!("xtask: {e}\n(the build goes on without the prerendered quiz)");
            }
            dist(&root)
        }),
        // Each half of the tests installs what it needs (see `test`).
        Some("test") => test(&root, &args[1..]),
        Some("bench") => setup(&root, true).and_then(|_| bench(&root, &args[1..])),
        // Run by trunk after each build (Trunk.toml), not by hand.
        Some("postbuild") => postbuild::run(args.get(1).map(String::as_str)),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 serve   build and serve the app on http://127.0.0.1:8080 with live reload\n  \
                 test    run every check and test: rustfmt, clippy and the native tests,\n          \
                 then the browser tests on a release build\n          \
                 (`test --native` or `test --e2e` runs one half)\n  \
                 dist    optimized static build in dist/\n  \
                 bench   measure a release build against the performance budgets\n          \
                 (`bench --profile` also records CPU profiles;\n          \
                 `bench --only=quiz,grid,import,workflow,map,network` runs those lines)\n  \
                 setup   install whatever is missing"
            );
            exit(2);
        }
    };
    if let Err(message) = result {
        eprintln!("\nxtask: {message}");
        exit(1);
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn project_root() -> PathBuf {
    let manifest = env::var("CARGO_MANIFEST_DIR").map(PathBuf::from);
    manifest
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| env::current_dir().expect("no current directory"))
}

fn step(text: &str) {
    eprintln!("\n==> {text}");
}

/// Runs a command with the tool paths in front of PATH; fails on a non-zero
/// exit.
fn run(root: &Path, program: &str, args: &[&str]) -> Result {
    let status = command(root, program)
        .args(args)
        .status()
        .map_err(|e| format!("could not start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn command(root: &Path, program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", tool_path(root));
    // Trunk must never try to download a tool: there is no network here.
    c.env("TRUNK_OFFLINE", "true");
    c
}

/// node_modules/.bin (wasm-opt from binaryen) and cargo's bin folder first.
fn tool_path(root: &Path) -> String {
    let mut dirs = vec![root.join("node_modules/.bin")];
    if let Some(home) = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    let rest = env::var_os("PATH").unwrap_or_default();
    dirs.extend(env::split_paths(&rest));
    env::join_paths(dirs)
        .expect("PATH entries are valid")
        .into_string()
        .unwrap_or_default()
}

/// The first line a tool prints for `--version`, if it runs at all.
fn version_of(root: &Path, program: &str) -> Option<String> {
    let out = command(root, program).arg("--version").output().ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Everything the app's build needs (and, `with_browser`, Chromium too).
fn setup(root: &Path, with_browser: bool) -> Result {
    toolchain(root)?;
    trunk(root)?;
    wasm_bindgen(root)?;
    node_packages(root)?;
    if with_browser {
        browser(root)?;
    }
    Ok(())
}

/// What the native half of `test` needs, and nothing more: rustfmt and
/// clippy, and the wasm32 target (clippy checks the app for it too).
fn toolchain(root: &Path) -> Result {
    components(root)?;
    wasm_target(root)
}

fn components(root: &Path) -> Result {
    let out = command(root, "rustup")
        .args(["component", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add rustfmt and clippy: {e}"))?;
    let installed = String::from_utf8_lossy(&out.stdout).into_owned();
    // Installed components are listed with their host, e.g.
    // `clippy-x86_64-unknown-linux-gnu`.
    let missing: Vec<&str> = ["rustfmt", "clippy"]
        .into_iter()
        .filter(|c| {
            !installed
                .lines()
                .any(|l| l.trim() == *c || l.trim().starts_with(&format!("{c}-")))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!("adding {} (rustup)", missing.join(" and ")));
    let mut args = vec!["component", "add"];
    args.extend(missing);
    run(root, "rustup", &args)
}

fn wasm_target(root: &Path) -> Result {
    let out = command(root, "rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the wasm32 target: {e}"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("adding the wasm32-unknown-unknown target");
    run(root, "rustup", &["target", "add", "wasm32-unknown-unknown"])
}

fn trunk(root: &Path) -> Result {
    if version_of(root, "trunk").as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    step(&format!(
        "installing trunk {TRUNK_VERSION} (takes several minutes, once)"
    ));
    let status = command(root, "cargo")
        .args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")])
        // Link-time optimisation of a build tool costs minutes and buys nothing.
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .status()
        .map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or("installing trunk failed".into())
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen(root: &Path) -> Result<String> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn wasm_bindgen(root: &Path) -> Result {
    let version = locked_wasm_bindgen(root)?;
    if version_of(root, "wasm-bindgen").as_deref() == Some(&format!("wasm-bindgen {version}")) {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {version} (matches Cargo.lock)"
    ));
    // Not --locked: the CLI's own lockfile pins a crate the registry lacks.
    let status = command(root, "cargo")
        .args([
            "install",
            "--force",
            "wasm-bindgen-cli",
            "--version",
            &version,
        ])
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .status()
        .map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or("installing wasm-bindgen-cli failed".into())
}

fn node_packages(root: &Path) -> Result {
    if version_of(root, "npm").is_none() {
        if is_root() {
            step("installing Node.js and npm (Debian packages)");
            apt_install(root, &["nodejs", "npm"])?;
        } else {
            return Err("Node.js and npm are needed (for wasm-opt and the browser tests): install them, e.g. `sudo apt-get install nodejs npm`".into());
        }
    }
    // npm records what it installed in node_modules/.package-lock.json; when
    // that matches the committed lockfile there is nothing to do.
    let wanted = fs::read_to_string(root.join("package-lock.json")).unwrap_or_default();
    let marker = root.join("node_modules/.opmodel-installed-lock");
    if root.join("node_modules/.bin/wasm-opt").exists()
        && fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str())
    {
        return Ok(());
    }
    step("installing npm packages from package-lock.json");
    run(root, "npm", &["ci", "--no-audit", "--no-fund"])?;
    fs::write(&marker, wanted).map_err(|e| e.to_string())
}

fn apt_install(root: &Path, packages: &[&str]) -> Result {
    run(root, "apt-get", &["update"])?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend_from_slice(packages);
    let status = command(root, "apt-get")
        .args(&args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or(format!("apt-get install {} failed", packages.join(" ")))
}

pub fn chromium_path() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn browser(root: &Path) -> Result {
    if chromium_path().is_some() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    if is_root() && Path::new("/usr/bin/apt-get").exists() {
        step("installing Chromium and ChromeDriver (Debian packages)");
        return apt_install(root, &["chromium", "chromium-driver"]);
    }
    Err("the browser tests need Chromium: install the Debian packages `chromium` and `chromium-driver` (e.g. `sudo apt-get install chromium chromium-driver`), then run this again".into())
}

fn serve(root: &Path) -> Result {
    quiz(root, false)?;
    step("serving on http://127.0.0.1:8080 (live reload; Ctrl-C to stop)");
    run(root, "trunk", &["serve", "--offline"])
}

fn dist(root: &Path) -> Result {
    quiz(root, true)?;
    step("building the optimized workshop app into dist/");
    run(root, "trunk", &["build", "--release", "--offline"])
}

/// Where the quiz app is built, for the workshop's post-build step to take
/// into the site (see `postbuild.rs`).
pub const QUIZ_DIST: &str = "target/quiz-dist";

/// Builds the quiz app (`crates/quiz`, its own page and wasm) into
/// [`QUIZ_DIST`]. Trunk builds one page per run, so the quiz is built first
/// and the workshop's build then assembles the site.
fn quiz(root: &Path, release: bool) -> Result {
    step(&format!("building the quiz app into {QUIZ_DIST}/"));
    let mut args = vec!["build", "--offline"];
    if release {
        args.push("--release");
    }
    let status = command(root, "trunk")
        .args(&args)
        .current_dir(root.join("crates/quiz"))
        .status()
        .map_err(|e| format!("could not start `trunk`: {e}"))?;
    if !status.success() {
        return Err(format!("building the quiz app failed ({status})"));
    }
    // Which build it is, for the workshop's post-build step: a release site
    // must not take in a development quiz left by `serve`.
    let marker = root.join(QUIZ_DIST).join(QUIZ_PROFILE_FILE);
    let profile = if release { "release" } else { "debug" };
    fs::write(&marker, profile).map_err(|e| format!("{}: {e}", marker.display()))
}

/// The file in [`QUIZ_DIST`] that says which build of the quiz is there.
pub const QUIZ_PROFILE_FILE: &str = ".profile";

/// Runs a check; when it fails, says what failed and what to do about it.
fn check(root: &Path, what: &str, args: &[&str], advice: &str) -> Result {
    step(what);
    run(root, "cargo", args).map_err(|e| format!("{what}: failed ({e}).\n{advice}"))
}

/// The native half: formatting and lints first (the cheapest), then the
/// native tests. Needs the Rust toolchain only.
fn test_native(root: &Path) -> Result {
    toolchain(root)?;
    check(
        root,
        "formatting (cargo fmt --all --check)",
        &["fmt", "--all", "--check"],
        "Run `cargo fmt --all` and commit the result.",
    )?;
    check(
        root,
        "clippy, native target (every crate and target, warnings are errors)",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        "Fix the clippy warnings above (native target).",
    )?;
    // The app's library and binary, as the browser runs them; the test
    // targets are native only.
    check(
        root,
        "clippy, wasm32 target (the apps' libs and bins, warnings are errors)",
        &[
            "clippy",
            "--package",
            "opmodel",
            "--package",
            "opmodel-quiz",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--bins",
            "--",
            "-D",
            "warnings",
        ],
        "Fix the clippy warnings above (wasm32 target: the code behind `cfg(target_arch = \"wasm32\")`).",
    )?;
    step("native tests (model, storage logic)");
    run(root, "cargo", &["test", "--workspace"]).map_err(|e| format!("native tests failed ({e})"))
}

/// The browser half: a release build, then the browser tests against it.
fn test_e2e(root: &Path) -> Result {
    setup(root, true)?;
    dist(root)?;
    step("browser end-to-end tests (headless Chromium, release build)");
    let chromium = chromium_path().ok_or("Chromium is not installed")?;
    let status = command(root, "node")
        .args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .env("CHROMIUM", chromium)
        .env("DIST", root.join("dist"))
        .status()
        .map_err(|e| format!("could not start node: {e}"))?;
    if !status.success() {
        return Err("browser tests failed".into());
    }
    Ok(())
}

fn test(root: &Path, args: &[String]) -> Result {
    let (native, e2e) = match args {
        [] => (true, true),
        [a] if a == "--native" => (true, false),
        [a] if a == "--e2e" => (false, true),
        _ => {
            return Err(format!(
                "unknown arguments for `test`: {} (use `--native`, `--e2e` or nothing for both)",
                args.join(" ")
            ))
        }
    };
    if native {
        test_native(root)?;
    }
    if e2e {
        test_e2e(root)?;
    }
    Ok(())
}

/// Where `bench` builds: never `dist/`, which the browser tests use.
const BENCH_DIST: &str = "target/bench-dist";

/// A release build in its own folder, then the measurements (the driver
/// prints the table and writes target/bench.json). Budgets that are not met
/// do not fail the command; only a measurement that could not be taken does.
fn bench(root: &Path, args: &[String]) -> Result {
    quiz(root, true)?;
    step(&format!("building the optimized app into {BENCH_DIST}/"));
    run(
        root,
        "trunk",
        &["build", "--release", "--offline", "--dist", BENCH_DIST],
    )?;
    step("native measurements (examples/bench_native.rs, release)");
    let native = command(root, "cargo")
        .args(["run", "--quiet", "--release", "--example", "bench_native"])
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if !native.status.success() {
        return Err(format!(
            "the native measurements failed: {}",
            String::from_utf8_lossy(&native.stderr)
        ));
    }
    let native_file = root.join("target/bench-native.json");
    fs::write(&native_file, &native.stdout)
        .map_err(|e| format!("could not write {}: {e}", native_file.display()))?;
    step("benchmark (headless Chromium, a few minutes)");
    let chromium = chromium_path().ok_or("Chromium is not installed")?;
    let status = command(root, "node")
        .arg("tests/bench/bench.mjs")
        .args(args)
        .env("NATIVE", &native_file)
        .env("CHROMIUM", chromium)
        .env("DIST", root.join(BENCH_DIST))
        .status()
        .map_err(|e| format!("could not start node: {e}"))?;
    if !status.success() {
        return Err("the benchmark could not measure everything (see above)".into());
    }
    Ok(())
}
