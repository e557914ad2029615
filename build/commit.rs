// The commit a binary is built from, shared by the build scripts of the `rung` tool
// (build.rs) and the app (src-tauri/build.rs), each of which `include!`s this file.

/// `git rev-parse --short HEAD`, with `-dirty` when tracked files changed; `unknown`
/// outside a git checkout. Read again when HEAD or the branch it names moves.
fn commit() -> String {
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git").args(args).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        out.status.success().then(|| text.trim().to_owned())
    };
    let Some(head) = git(&["rev-parse", "--short", "HEAD"]) else {
        return "unknown".to_owned();
    };
    let branch = git(&["symbolic-ref", "-q", "HEAD"]).unwrap_or_default();
    // Only files that exist: cargo would run this again on every build for a missing one.
    for name in ["HEAD", &branch, "packed-refs"]
        .into_iter()
        .filter(|n| !n.is_empty())
    {
        if let Some(path) = git(&["rev-parse", "--git-path", name]) {
            if std::path::Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
    let dirty =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    format!("{head}{}", if dirty { "-dirty" } else { "" })
}
