//! Rebuilds the crate whenever the bundled framework changes, since `include_dir!` embeds it,
//! and tells the `rung` tool which commit it is built from, for `rung --version`.

fn main() {
    println!("cargo:rerun-if-changed=ladders");
    println!("cargo:rustc-env=RUNG_COMMIT={}", commit());
}

include!("build/commit.rs");
