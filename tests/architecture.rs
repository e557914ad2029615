//! The shape of the code: no module imports one that imports it back, however long the
//! way round, in the core (`src/`), the `rung` tool (`src/main.rs`, `src/cli/`) or the
//! app's shell (`src-tauri/src/`); and the core's layers point one way (framework, then
//! files, then the features, then app). A module's own submodules and its parents do not
//! count (a folder's `mod.rs` holds what its files share), nor do doc links, nor unit
//! tests.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which crate of the three a scan reads.
#[derive(Clone, Copy, PartialEq)]
enum Crate {
    /// The core library: `src/` without the binary's files.
    Core,
    /// The `rung` tool: `src/main.rs` and `src/cli/`.
    Tool,
    /// The app's shell: `src-tauri/src/`.
    Shell,
}

/// Every module of `dir` (as `a::b`) with the text of its file.
fn modules(dir: &Path, prefix: &[String], krate: Crate, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut inner = prefix.to_vec();
            inner.push(name);
            modules(&path, &inner, krate, out);
            continue;
        }
        let Some(stem) = name.strip_suffix(".rs") else {
            continue;
        };
        let mut parts = prefix.to_vec();
        if !matches!(stem, "mod" | "lib" | "main") {
            parts.push(stem.to_owned());
        }
        // The binary's modules (`main.rs`, `cli/`) stand apart from the library's.
        let of_tool = parts.first().is_some_and(|p| p == "cli") || stem == "main";
        let wanted = match krate {
            Crate::Core => !of_tool && stem != "main",
            Crate::Tool => of_tool,
            Crate::Shell => true,
        };
        if !wanted {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        out.insert(parts.join("::"), code_of(&text));
    }
}

/// The code of a file without its comments and its unit tests.
fn code_of(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    before_tests
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `code` (of module `me`, from a `mod.rs` when `folder`) refers to.
fn references(me: &str, folder: bool, code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let here: Vec<&str> = if me.is_empty() {
        Vec::new()
    } else {
        me.split("::").collect()
    };
    // `super` of a folder's `mod.rs` is the folder's parent; of a file, its folder.
    let parent = here[..here.len().saturating_sub(1)].to_vec();
    // Paths written out, and each path a `use` names inside braces.
    let mut words: Vec<String> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter(|w| w.contains("::"))
        .map(str::to_owned)
        .collect();
    for statement in code.split(';') {
        // `use` as a word that starts the statement (after `pub` or `pub(crate)`), not the
        // end of a word such as `refuse`.
        let statement = statement.trim_start();
        let after_pub = statement
            .strip_prefix("pub")
            .map(|s| {
                s.trim_start_matches(|c: char| c != ' ' && c != 'u')
                    .trim_start()
            })
            .unwrap_or(statement);
        if let Some(path) = after_pub.strip_prefix("use ") {
            let path: String = path.split_whitespace().collect();
            words.extend(expand(&path));
        }
    }
    for word in &words {
        let segs: Vec<&str> = word.split("::").filter(|s| !s.is_empty()).collect();
        let (mut base, rest): (Vec<&str>, &[&str]) = match segs.first() {
            Some(&"crate") => (Vec::new(), &segs[1..]),
            Some(&"super") => (parent.clone(), &segs[1..]),
            Some(&"self") if folder => (here.clone(), &segs[1..]),
            _ => continue,
        };
        let mut rest = rest;
        while rest.first() == Some(&"super") {
            base.pop();
            rest = &rest[1..];
        }
        let found = (1..=rest.len()).rev().find_map(|n| {
            let mut path = base.clone();
            path.extend_from_slice(&rest[..n]);
            let name = path.join("::");
            known.contains(&name).then_some(name)
        });
        if let Some(target) = found {
            let related = target == me
                || me.starts_with(&format!("{target}::"))
                || target.starts_with(&format!("{me}::"))
                || me.is_empty()
                || target.is_empty();
            if !related {
                out.insert(target);
            }
        }
    }
    out
}

/// The paths a `use` names: `a::{b, c::{d, e}}` is `a::b`, `a::c::d` and `a::c::e`.
fn expand(path: &str) -> Vec<String> {
    let (Some(open), Some(close)) = (path.find('{'), path.rfind('}')) else {
        return vec![path.to_owned()];
    };
    if close < open {
        return vec![path.to_owned()];
    }
    let (prefix, inner) = (&path[..open], &path[open + 1..close]);
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .flat_map(|item| expand(&format!("{}{item}", prefix.trim())))
        .collect()
}

/// Every cycle of `graph`, each as the modules on it.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's strongly connected components: a component of more than one module is a
    // cycle.
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        w.on_stack.insert(v);
        for next in w.graph.get(v).into_iter().flatten() {
            let next = next.as_str();
            if !w.index.contains_key(next) {
                visit(w, next);
                let low = w.low[v].min(w.low[next]);
                w.low.insert(v, low);
            } else if w.on_stack.contains(next) {
                let low = w.low[v].min(w.index[next]);
                w.low.insert(v, low);
            }
        }
        if w.low[v] == w.index[v] {
            let mut component = Vec::new();
            while let Some(top) = w.stack.pop() {
                w.on_stack.remove(top);
                component.push(top.to_owned());
                if top == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                w.out.push(component);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            visit(&mut walk, v);
        }
    }
    walk.out
}

fn graph_of(src: &Path, krate: Crate) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    modules(src, &[], krate, &mut files);
    let known: BTreeSet<String> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(me, code)| {
            let folder = src.join(me.replace("::", "/")).join("mod.rs").is_file();
            (me.clone(), references(me, folder, code, &known))
        })
        .collect()
}

#[test]
fn no_module_of_the_core_imports_one_that_imports_it_back() {
    let graph = graph_of(&common::root().join("src"), Crate::Core);
    assert!(graph.len() > 20, "the modules were found: {graph:?}");
    // The scan sees real imports: the loader reads files through the source module.
    assert!(
        graph["files::folder"].contains("framework::source"),
        "files::folder refers to framework::source: {:?}",
        graph["files::folder"]
    );
    // Grouped imports count: `use super::{names, Case}` and `use super::check::{…}`.
    for (from, to) in [
        ("cases::create", "cases::start"),
        ("cases::view", "cases::drift"),
        ("framework::load::checks", "framework::load::item"),
    ] {
        assert!(
            graph[from].contains(to),
            "{from} refers to {to}: {:?}",
            graph[from]
        );
    }
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "modules that import each other, however long the way round: {found:?}"
    );
}

#[test]
fn no_module_of_the_tool_or_the_shell_imports_one_that_imports_it_back() {
    let tool = graph_of(&common::root().join("src"), Crate::Tool);
    assert!(
        tool.contains_key("cli::args") && tool.contains_key("cli::case"),
        "the tool's modules were found: {tool:?}"
    );
    let shell = graph_of(&common::root().join("src-tauri/src"), Crate::Shell);
    // The shell's state starts the watcher; the watcher calls back through a closure.
    assert!(
        shell["state"].contains("watch"),
        "state refers to watch: {shell:?}"
    );
    for (name, graph) in [("the tool", &tool), ("the shell", &shell)] {
        let found = cycles(graph);
        assert!(
            found.is_empty(),
            "modules of {name} that import each other: {found:?}"
        );
    }
}

/// The core's layers, lowest first: a module imports only its own folder and the layers
/// before its own.
const LAYERS: &[&[&str]] = &[
    &["framework"],
    &["files"],
    &["import"],
    &["search", "compare"],
    &["cases", "share"],
    &["calibration"],
    &["app", "fuzzing"],
];

fn layer_of(module: &str) -> Option<(usize, &str)> {
    let top = module.split("::").next()?;
    LAYERS
        .iter()
        .position(|layer| layer.contains(&top))
        .map(|n| (n, top))
}

/// Every import that points up a layer or sideways into another folder of its layer.
fn against_the_layers(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for (from, targets) in graph {
        let Some((here, my_top)) = layer_of(from) else {
            continue;
        };
        for to in targets {
            let Some((there, its_top)) = layer_of(to) else {
                continue;
            };
            if there > here || (there == here && its_top != my_top) {
                out.push(format!("{from} -> {to}"));
            }
        }
    }
    out
}

#[test]
fn the_layers_of_the_core_point_one_way() {
    let graph = graph_of(&common::root().join("src"), Crate::Core);
    for top in graph.keys().filter(|m| !m.is_empty() && !m.contains("::")) {
        assert!(
            layer_of(top).is_some(),
            "`{top}` belongs to no layer: add it to LAYERS and to docs/architecture.md"
        );
    }
    let wrong = against_the_layers(&graph);
    assert!(wrong.is_empty(), "imports against the layers: {wrong:#?}");
    // The rule itself: an edge layer reaching up into the app is caught.
    let edge = |a: &str, b: &[&str]| (a.to_owned(), b.iter().map(|s| (*s).to_owned()).collect());
    let bad: BTreeMap<String, BTreeSet<String>> = [
        edge("files::settings", &["app", "framework::model"]),
        edge("search", &["compare"]),
        edge("app::session", &["search", "framework::load"]),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        against_the_layers(&bad),
        ["files::settings -> app", "search -> compare"]
    );
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let edge = |a: &str, b: &[&str]| (a.to_owned(), b.iter().map(|s| (*s).to_owned()).collect());
    let graph: BTreeMap<String, BTreeSet<String>> = [
        edge("a", &["b"]),
        edge("b", &["c"]),
        edge("c", &["a"]),
        edge("d", &["a"]),
    ]
    .into_iter()
    .collect();
    assert_eq!(cycles(&graph), vec![vec!["a", "b", "c"]]);
    assert_eq!(
        expand("super::{names, a::{b, c}}"),
        ["super::names", "super::a::b", "super::a::c"]
    );
    let code = "use super::{check::coverage, Case};\nlet x = crate::cases::names::short(t, 3);";
    let known: BTreeSet<String> = ["cases", "cases::check", "cases::names", "cases::exchange"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(
        references("cases::exchange", false, code, &known),
        ["cases::check", "cases::names"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    );
}
