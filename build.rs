//! Rebuilds the crate whenever the bundled framework changes, since `include_dir!` embeds it.
fn main() {
    println!("cargo:rerun-if-changed=ladders");
}
