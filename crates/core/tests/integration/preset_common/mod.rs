//! Shared helpers for preset and export tests: answers files, golden files.
//!
//! Golden files live in `crates/core/tests/golden/`. After an intended change, regenerate them
//! with `UPDATE_GOLDEN=1 cargo test -p switchboard-core --test integration -- preset_build export_formats`
//! and review the diff.
#![allow(dead_code)]

use std::path::PathBuf;

use switchboard_core::preset::{Answers, Built, Catalog, build};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Reads an answers TOML text into answers.
pub fn answers(text: &str) -> Answers {
    let t: toml::Table = toml::from_str(text).expect("answers parse");
    serde_json::from_value(serde_json::to_value(t).unwrap()).unwrap()
}

pub fn example(name: &str) -> Answers {
    let p = repo_root().join("examples/answers").join(name);
    answers(&std::fs::read_to_string(&p).expect("example answers exist"))
}

pub fn build_example(preset: &str, file: &str) -> Built {
    let c = Catalog::builtin();
    build(c.get(preset).unwrap(), &example(file))
        .unwrap_or_else(|e| panic!("{preset} builds from {file}: {e:#?}"))
}

/// Compares `actual` with the golden file `name`, or rewrites it when UPDATE_GOLDEN is set.
pub fn golden(name: &str, actual: &str) {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&p, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&p).unwrap_or_else(|_| {
        panic!(
            "golden file {} is missing: run with UPDATE_GOLDEN=1",
            p.display()
        )
    });
    assert_eq!(
        want, actual,
        "{name} differs from its golden file; if the change is intended, rerun with UPDATE_GOLDEN=1"
    );
}
