//! The modules of each crate stand in floors: a module uses only modules on
//! floors below its own, so a crate reads top-down and no two files import
//! each other in a loop.
//!
//! The order is declared once, in the doc comment of the crate's `lib.rs`
//! (and of each `mod.rs` with modules under it): a paragraph that says the
//! modules "stand in floors", then one bullet per floor, lowest first, whose
//! text before the first `: ` names the floor's modules in backticks. This
//! test reads that list and every source file of the four crates, finds each
//! path into the crate (`use crate::…` trees over several lines, `crate::x::y`
//! and `$crate::x::y` anywhere in code, `super::…`, `self::…`) and refuses
//! one that reaches a module on its own floor or above, or an item of a
//! parent module (a `lib.rs` or `mod.rs` stands above the modules under it:
//! take the item from the module that declares it). A file module named
//! `tests` counts as part of its parent.

use std::collections::BTreeSet;
use std::path::Path;

/// The crates held to their floors, by source directory from the workspace root.
const CRATES: [&str; 4] = ["core/src", "fastcheck/src", "src", "mock-core/src"];

type ModPath = Vec<String>;

/// One crate's sources: each file's module path and text.
struct Crate {
    files: Vec<(String, ModPath, String)>,
}

impl Crate {
    fn read(dir: &Path) -> Crate {
        let mut files = Vec::new();
        collect(dir, dir, &mut files);
        files.sort();
        Crate {
            files: files
                .into_iter()
                .map(|(rel, text)| {
                    let path = module_of(&rel);
                    (rel, path, text)
                })
                .collect(),
        }
    }

    fn from_sources(sources: &[(&str, &str)]) -> Crate {
        Crate {
            files: sources
                .iter()
                .map(|(rel, text)| (rel.to_string(), module_of(rel), text.to_string()))
                .collect(),
        }
    }

    fn modules(&self) -> BTreeSet<ModPath> {
        self.files.iter().map(|(_, m, _)| m.clone()).collect()
    }

    /// Every upward reach in the crate, as `file:line: message`.
    fn violations(&self) -> Vec<String> {
        let modules = self.modules();
        let mut out = Vec::new();
        // Each parent's floors, and that they name exactly its child modules.
        let mut floors = std::collections::BTreeMap::new();
        for (rel, module, text) in &self.files {
            let children: BTreeSet<String> = modules
                .iter()
                .filter(|m| m.len() == module.len() + 1 && m.starts_with(module) && m.last().unwrap() != "tests")
                .map(|m| m.last().unwrap().clone())
                .collect();
            if children.is_empty() {
                continue;
            }
            let Some(list) = declared_floors(text) else {
                out.push(format!("{rel}: has modules under it but its doc declares no floors"));
                continue;
            };
            let named: Vec<&String> = list.iter().flatten().collect();
            for child in &children {
                match named.iter().filter(|n| **n == child).count() {
                    1 => {}
                    0 => out.push(format!("{rel}: module `{child}` stands on no floor")),
                    _ => out.push(format!("{rel}: module `{child}` stands on more than one floor")),
                }
            }
            for name in named {
                if !children.contains(name) {
                    out.push(format!("{rel}: the floors name `{name}`, which is no module under it"));
                }
            }
            floors.insert(module.clone(), list);
        }
        for (rel, module, text) in &self.files {
            let importer = without_tests(module);
            for (line, target) in references(module, text) {
                if let Some(reason) = reach(&importer, &target, &modules, &floors) {
                    out.push(format!("{rel}:{line}: `{}` {reason}", show(&target)));
                }
            }
        }
        out
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// `check/scan.rs` is `check::scan`, `check/mod.rs` is `check`, `lib.rs` the root.
fn module_of(rel: &str) -> ModPath {
    let mut parts: ModPath = rel.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// A file module named `tests` is its parent's tests, split into a file.
fn without_tests(module: &[String]) -> ModPath {
    let mut m = module.to_vec();
    if m.last().is_some_and(|l| l == "tests") {
        m.pop();
    }
    m
}

fn show(target: &[String]) -> String {
    format!("crate::{}", target.join("::"))
}

/// The floors a file's `//!` doc declares, lowest first.
fn declared_floors(text: &str) -> Option<Vec<Vec<String>>> {
    let doc: Vec<&str> = text
        .lines()
        .take_while(|l| l.starts_with("//!") || l.trim().is_empty())
        .filter_map(|l| l.strip_prefix("//!"))
        .collect();
    let start = doc.iter().position(|l| l.contains("stand in floors"))?;
    let mut floors = Vec::new();
    for line in &doc[start + 1..] {
        if let Some(bullet) = line.strip_prefix(" * ") {
            let names = bullet.split(": ").next().unwrap_or("");
            let floor: Vec<String> = names
                .split('`')
                .skip(1)
                .step_by(2)
                .map(|n| n.trim_start_matches("crate::").to_owned())
                .collect();
            assert!(!floor.is_empty(), "a floor names no module: {line}");
            floors.push(floor);
        } else if line.starts_with("   ") && !floors.is_empty() {
            // The bullet's text, continued.
        } else if !floors.is_empty() {
            break;
        }
    }
    Some(floors)
}

/// Why `importer` may not reach `target`, if it may not.
fn reach(
    importer: &[String],
    target: &[String],
    modules: &BTreeSet<ModPath>,
    floors: &std::collections::BTreeMap<ModPath, Vec<Vec<String>>>,
) -> Option<String> {
    // The module the path ends in, and whether it goes on to an item of it.
    let mut module = target.to_vec();
    while !modules.contains(&module) {
        module.pop();
    }
    let module = without_tests(&module);
    if module.starts_with(importer) {
        return None;
    }
    if importer.starts_with(&module) {
        return Some(format!(
            "is an item of `{}`, which stands above this module: take it from the module that declares it",
            if module.is_empty() {
                "the crate root".to_owned()
            } else {
                module.join("::")
            }
        ));
    }
    let common = importer.iter().zip(&module).take_while(|(a, b)| a == b).count();
    let list = floors.get(&importer[..common])?;
    let floor_of = |name: &String| list.iter().position(|f| f.contains(name));
    let (Some(from), Some(to)) = (floor_of(&importer[common]), floor_of(&module[common])) else {
        // Reported above: a module that stands on no floor.
        return None;
    };
    (to >= from).then(|| {
        format!(
            "reaches `{}` on {} floor from `{}`",
            module[common],
            if to == from { "the same" } else { "a higher" },
            importer[common]
        )
    })
}

/// Every path into the crate that `text` (the file of `module`) names, with
/// its line, resolved to an absolute path.
fn references(module: &[String], text: &str) -> Vec<(usize, ModPath)> {
    let mut out = Vec::new();
    // Inline modules (`mod tests {`), by indentation, which rustfmt keeps.
    let mut inline: Vec<(String, String)> = Vec::new();
    let mut statement: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let code = match raw.find("//") {
            Some(at) if !raw[..at].contains('"') => &raw[..at],
            _ => raw,
        };
        let trimmed = code.trim_start();
        let indent = &code[..code.len() - trimmed.len()];
        if let Some((top_indent, _)) = inline.last() {
            if trimmed == "}" && indent == top_indent {
                inline.pop();
                continue;
            }
        }
        let mut here = module.to_vec();
        here.extend(inline.iter().map(|(_, name)| name.clone()));
        if let Some(name) = inline_mod(trimmed) {
            inline.push((indent.to_owned(), name));
            continue;
        }
        if let Some((start, mut text)) = statement.take() {
            text.push_str(code);
            if text.contains(';') {
                for path in use_tree(&text) {
                    out.extend(resolve(&here, &path).map(|p| (start, p)));
                }
            } else {
                statement = Some((start, text));
            }
            continue;
        }
        if let Some(tree) = use_statement(trimmed) {
            if tree.contains(';') {
                for path in use_tree(tree) {
                    out.extend(resolve(&here, &path).map(|p| (line_no, p)));
                }
            } else {
                statement = Some((line_no, tree.to_owned()));
            }
            continue;
        }
        for path in inline_paths(code) {
            out.extend(resolve(&here, &path).map(|p| (line_no, p)));
        }
    }
    out
}

/// The name of `mod name {`, with any visibility.
fn inline_mod(trimmed: &str) -> Option<String> {
    let rest = trimmed.strip_suffix(" {")?;
    let rest = rest
        .rsplit_once("mod ")
        .filter(|(vis, _)| vis.is_empty() || vis.starts_with("pub"))?
        .1;
    rest.chars()
        .all(|c| c.is_alphanumeric() || c == '_')
        .then(|| rest.to_owned())
}

/// The tree of a `use` statement (`pub(crate) use a::{b, c};` gives `a::{b, c};`).
fn use_statement(trimmed: &str) -> Option<&str> {
    let rest = if trimmed.starts_with("pub") {
        let (_, rest) = trimmed.split_once(' ')?;
        rest
    } else {
        trimmed
    };
    rest.strip_prefix("use ")
}

/// The paths of a use tree: `crate::a::{self, b::{c as d, *}}` gives
/// `crate::a`, `crate::a::b::c`, `crate::a::b`.
fn use_tree(tree: &str) -> Vec<Vec<String>> {
    let tokens = tokens(tree.split(';').next().unwrap_or(""));
    let mut out = Vec::new();
    let mut at = 0;
    parse_tree(&tokens, &mut at, &[], &mut out);
    out
}

fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' || c == '$' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if matches!(c, '{' | '}' | ',' | '*') {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn parse_tree(tokens: &[String], at: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    while let Some(token) = tokens.get(*at) {
        match token.as_str() {
            "{" => {
                *at += 1;
                loop {
                    match tokens.get(*at).map(String::as_str) {
                        None => return,
                        Some("}") => {
                            *at += 1;
                            return;
                        }
                        Some(",") => *at += 1,
                        Some(_) => parse_tree(tokens, at, &path, out),
                    }
                }
            }
            "}" | "," => break,
            "*" => {
                *at += 1;
            }
            "as" => {
                *at += 2;
            }
            "self" if !path.is_empty() => {
                *at += 1;
            }
            word => {
                path.push(word.to_owned());
                *at += 1;
            }
        }
    }
    out.push(path);
}

/// The `crate::…`, `$crate::…` and `super::…` paths in a line of code.
fn inline_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(start) {
            let at = from + found;
            from = at + start.len();
            let before = at.checked_sub(1).map(|i| bytes[i]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || (b == b':' && start != "crate::")) {
                continue;
            }
            // `super::super::x`: the second `super` is found again; skip it.
            if start == "super::" && code[..at].ends_with("super::") {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(path.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect());
        }
    }
    out
}

/// An absolute path (without `crate`) for a path named in module `here`;
/// `None` for a path into another crate.
fn resolve(here: &[String], path: &[String]) -> Option<ModPath> {
    let mut words = path.iter().map(String::as_str).peekable();
    let mut out: ModPath = match words.peek().copied()? {
        "crate" | "$crate" => {
            words.next();
            Vec::new()
        }
        "super" | "self" => here.to_vec(),
        _ => return None,
    };
    while let Some(word) = words.peek().copied() {
        match word {
            "super" => {
                out.pop();
            }
            "self" => {}
            _ => break,
        }
        words.next();
    }
    out.extend(words.map(str::to_owned));
    Some(out)
}

fn workspace() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

#[test]
fn every_module_uses_only_modules_on_floors_below_it() {
    let mut all = Vec::new();
    for dir in CRATES {
        let krate = Crate::read(&workspace().join(dir));
        assert!(krate.files.len() > 2, "{dir}: no sources found");
        all.extend(krate.violations().into_iter().map(|v| format!("{dir}/{v}")));
    }
    assert!(all.is_empty(), "imports that reach up a floor:\n{}", all.join("\n"));
}

#[test]
fn the_four_crates_declare_their_floors_in_lib_rs() {
    for dir in CRATES {
        let lib = std::fs::read_to_string(workspace().join(dir).join("lib.rs")).unwrap();
        assert!(declared_floors(&lib).is_some_and(|f| f.len() > 1), "{dir}/lib.rs");
    }
}

/// A small crate in floors: `text`, then `error`, then `check` (with `lex`
/// under `scan`) beside `model`; `changed` replaces or adds files.
fn sample(changed: &[(&str, &str)]) -> Vec<String> {
    let mut sources = vec![
        (
            "lib.rs",
            "//! Floors.\n//!\n//! The modules stand in floors:\n//!\n//! * `text`: words;\n//! * [`error`]: the error,\n//!   continued;\n//! * [`check`], `model`: the rest.\n#![deny(missing_docs)]\n\nmod text;\npub mod error;\n",
        ),
        ("text.rs", "pub fn quote() {}\n"),
        ("error.rs", "use crate::text::quote;\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n"),
        (
            "check/mod.rs",
            "//! They stand in floors:\n//! * `lex`: reading;\n//! * `scan`: checking.\n\nmod lex;\nmod scan;\npub use scan::check;\n",
        ),
        ("check/lex.rs", "pub struct Reader;\n"),
        (
            "check/scan.rs",
            "use super::lex::Reader;\nuse crate::{\n    error::Error,\n    text::{self, quote as q},\n};\n",
        ),
        ("check/tests.rs", "use super::*;\nuse super::scan::check;\n"),
        ("model.rs", "pub fn f() -> crate::error::Error { crate::text::quote() } // crate::check\n"),
    ];
    for &(path, text) in changed {
        match sources.iter_mut().find(|(p, _)| *p == path) {
            Some(source) => source.1 = text,
            None => sources.push((path, text)),
        }
    }
    Crate::from_sources(&sources).violations()
}

#[test]
fn the_check_passes_a_crate_in_floors() {
    assert_eq!(sample(&[]), Vec::<String>::new());
}

#[test]
fn the_check_refuses_every_reach_up_a_floor() {
    for (file, text, refusal) in [
        (
            "text.rs",
            "use crate::{\n    text,\n    error::{Error as E},\n};\n",
            "text.rs:1: `crate::error::Error` reaches `error` on a higher floor from `text`",
        ),
        (
            "error.rs",
            "fn f() {\n    crate::check::check()\n}\n",
            "error.rs:2: `crate::check::check` reaches `check` on a higher floor from `error`",
        ),
        (
            "check/scan.rs",
            "use crate::model::f;\n",
            "check/scan.rs:1: `crate::model::f` reaches `model` on the same floor from `check`",
        ),
        (
            "check/lex.rs",
            "use super::scan::check;\n",
            "check/lex.rs:1: `crate::check::scan::check` reaches `scan` on a higher floor from `lex`",
        ),
        (
            "check/lex.rs",
            "pub(super) use super::check;\n",
            "check/lex.rs:1: `crate::check::check` is an item of `check`, which stands above this module: take it from the module that declares it",
        ),
        (
            "text.rs",
            "macro_rules! m {\n    () => {\n        $crate::Error\n    };\n}\n",
            "text.rs:3: `crate::Error` is an item of `the crate root`, which stands above this module: take it from the module that declares it",
        ),
        (
            "model.rs",
            "#[cfg(test)]\nmod tests {\n    mod deeper {\n        use super::super::super::check::check;\n    }\n}\nuse super::text;\n",
            "model.rs:4: `crate::check::check` reaches `check` on the same floor from `model`",
        ),
        ("up.rs", "", "lib.rs: module `up` stands on no floor"),
    ] {
        let found = sample(&[(file, text)]);
        assert_eq!(found, [refusal], "{text}");
    }
}
