//! The layers of the source (docs/architecture.md), checked on the source itself: the pure
//! and the core layers import nothing of the faces, no two files outside `model/` import
//! each other in a circle, and the library does not make the faces public.
//!
//! The imports are read from the text: `crate::a::b` and `super::a` paths (a `{..}` group
//! one level deep included), outside comments, resolved to the file that defines the
//! module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers that must not know the faces above them, and what they must not import.
const LOWER: &[&str] = &["model", "store", "report", "core", "tomlfile", "config"];
const FACES: &[&str] = &["tui", "cli", "i18n"];
/// Crates of the terminal and the command line: only the faces use them.
const FACE_CRATES: &[&str] = &["ratatui", "crossterm", "clap", "ratatui_textarea"];

/// A source file: its module path (`tui::screens::desk`) and text.
struct Source {
    module: Vec<String>,
    text: String,
}

fn sources() -> BTreeMap<PathBuf, Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("an entry of src/").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&root).expect("under src/");
                let mut module: Vec<String> = relative
                    .with_extension("")
                    .iter()
                    .map(|part| part.to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    module.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
                found.insert(relative.to_path_buf(), Source { module, text });
            }
        }
    }
    found
}

/// The text without `//` comments (doc comments name modules in prose).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module path the code names from `crate::` or `super::`, absolute.
fn named_paths(source: &Source) -> Vec<Vec<String>> {
    let code = code(&source.text);
    let bytes: Vec<char> = code.chars().collect();
    let mut paths = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest: String = bytes[at..bytes.len().min(at + 7)].iter().collect();
        if !rest.starts_with("crate::") && !rest.starts_with("super::") {
            at += 1;
            continue;
        }
        // A path that is part of a longer name (`my_crate::`) is not ours.
        if at > 0 && (bytes[at - 1].is_alphanumeric() || bytes[at - 1] == '_') {
            at += 1;
            continue;
        }
        let mut base: Vec<String> = if rest.starts_with("crate::") {
            Vec::new()
        } else {
            let mut parent = source.module.clone();
            parent.pop();
            parent
        };
        at += 7;
        // More `super::`s climb further.
        while bytes[at..]
            .iter()
            .collect::<String>()
            .starts_with("super::")
        {
            base.pop();
            at += 7;
        }
        let mut path = base;
        loop {
            let start = at;
            while at < bytes.len() && (bytes[at].is_alphanumeric() || bytes[at] == '_') {
                at += 1;
            }
            if at > start {
                path.push(bytes[start..at].iter().collect());
            }
            if bytes[at..].iter().take(2).collect::<String>() == "::" {
                at += 2;
                if bytes.get(at) == Some(&'{') {
                    // One level of a group: `a::{b, c::d}`.
                    let close = bytes[at..].iter().position(|&c| c == '}').unwrap_or(0) + at;
                    let group: String = bytes[at + 1..close].iter().collect();
                    for item in group.split(',') {
                        let mut full = path.clone();
                        full.extend(
                            item.trim()
                                .split("::")
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty() && s != "self"),
                        );
                        paths.push(full);
                    }
                    at = close;
                    break;
                }
                continue;
            }
            paths.push(path);
            break;
        }
    }
    paths
}

/// The file a module path lands in: the longest prefix that is a file's module.
fn file_of(path: &[String], modules: &BTreeMap<Vec<String>, PathBuf>) -> Option<PathBuf> {
    (1..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]).cloned())
}

fn graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let sources = sources();
    let modules: BTreeMap<Vec<String>, PathBuf> = sources
        .iter()
        .map(|(file, source)| (source.module.clone(), file.clone()))
        .collect();
    sources
        .iter()
        .map(|(file, source)| {
            let imports = named_paths(source)
                .iter()
                .filter_map(|path| file_of(path, &modules))
                .filter(|target| target != file)
                .collect();
            (file.clone(), imports)
        })
        .collect()
}

fn top(file: &Path) -> String {
    let first = file.iter().next().map(|p| p.to_string_lossy().into_owned());
    first
        .unwrap_or_default()
        .trim_end_matches(".rs")
        .to_string()
}

#[test]
fn the_lower_layers_import_no_face() {
    let mut wrong = Vec::new();
    for (file, imports) in graph() {
        if !LOWER.contains(&top(&file).as_str()) {
            continue;
        }
        for target in imports {
            if FACES.contains(&top(&target).as_str()) {
                wrong.push(format!("{} imports {}", file.display(), target.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_lower_layers_use_no_terminal_or_command_line_crate() {
    let mut wrong = Vec::new();
    for (file, source) in sources() {
        if !LOWER.contains(&top(&file).as_str()) {
            continue;
        }
        let code = code(&source.text);
        for krate in FACE_CRATES {
            let named = code.match_indices(&format!("{krate}::")).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            });
            if named {
                wrong.push(format!("{} uses {krate}", file.display()));
            }
        }
        // Under `cfg(test)` the crate also calls itself `sonote` (lib.rs), a path the import
        // checks do not read: a lower layer may not name a face that way either.
        for face in FACES {
            if code.contains(&format!("sonote::{face}")) {
                wrong.push(format!("{} names sonote::{face}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

/// The faces are not the library: src/lib.rs keeps `tui` and `i18n` to the crate, the
/// command line shows the binary only what it calls (`cli::run(Cli)`), and the benchmark's
/// window on the screens (`bench`) stays out of the documentation.
#[test]
fn the_library_keeps_its_faces_to_itself() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let read = |file: &str| code(&std::fs::read_to_string(src.join(file)).expect("readable"));
    let lib = read("lib.rs");
    for face in ["tui", "i18n"] {
        assert!(
            lib.contains(&format!("\npub(crate) mod {face};"))
                && !lib.contains(&format!("pub mod {face}")),
            "src/lib.rs makes {face} public"
        );
    }
    assert!(
        lib.contains("#[doc(hidden)]\npub mod bench {"),
        "the benchmark's surface is hidden: {lib}"
    );
    let cli = read("cli/mod.rs");
    let public: Vec<&str> = cli
        .lines()
        .filter(|line| line.starts_with("pub "))
        .collect();
    assert_eq!(
        public,
        ["pub use args::Cli;", "pub fn run(cli: Cli) -> ExitCode {"],
        "src/cli/mod.rs: only what src/main.rs calls is public"
    );
}

/// Strongly connected components of more than one file (Tarjan), outside `model/`.
fn circles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'a PathBuf, usize>,
        low: BTreeMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        on_stack: BTreeSet<&'a PathBuf>,
        found: Vec<Vec<PathBuf>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a PathBuf) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            self.on_stack.insert(node);
            for next in self.graph.get(node).into_iter().flatten() {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    component.push(top.clone());
                    if top == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.found
}

#[test]
fn no_files_outside_the_model_import_each_other_in_a_circle() {
    // The model's types know each other (a session holds questions, a question names the
    // session's roles): it is one pure layer, allowed its circle.
    let graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = graph()
        .into_iter()
        .filter(|(file, _)| top(file) != "model")
        .map(|(file, imports)| {
            let imports = imports.into_iter().filter(|t| top(t) != "model").collect();
            (file, imports)
        })
        .collect();
    let found = circles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|c| {
            c.iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "import circles:\n{}",
        described.join("\n")
    );
}

#[test]
fn no_top_level_modules_import_each_other_in_a_circle() {
    // The same, one level up: `tui/` as a whole, `core/` as a whole, ...
    let mut folded: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (file, imports) in graph() {
        let from = PathBuf::from(top(&file));
        let targets = folded.entry(from.clone()).or_default();
        targets.extend(
            imports
                .iter()
                .map(|t| PathBuf::from(top(t)))
                .filter(|t| *t != from),
        );
    }
    let found = circles(&folded);
    assert!(found.is_empty(), "circles between modules: {found:?}");
}

#[test]
fn the_checker_sees_a_circle_and_a_face_import() {
    // The checks above must be able to fail: a made-up pair that imports each other.
    let a = PathBuf::from("core/a.rs");
    let b = PathBuf::from("tui/b.rs");
    let graph = BTreeMap::from([
        (a.clone(), BTreeSet::from([b.clone()])),
        (b.clone(), BTreeSet::from([a.clone()])),
    ]);
    assert_eq!(circles(&graph).len(), 1);
    let source = Source {
        module: vec!["core".into(), "a".into()],
        text: "use crate::tui::{outcome::Status, app};\nuse super::b; // crate::cli\n".into(),
    };
    let named = named_paths(&source);
    assert!(named.contains(&vec!["tui".into(), "outcome".into(), "Status".into()]));
    assert!(named.contains(&vec!["tui".into(), "app".into()]));
    assert!(named.contains(&vec!["core".into(), "b".into()]));
    assert!(!named.iter().any(|p| p.first().is_some_and(|m| m == "cli")));
}
