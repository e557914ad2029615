# Shared by scripts/run and scripts/test: install what is missing on Debian/Ubuntu,
# skip what is already there so a warm machine starts at once.
# shellcheck shell=bash

# Installs Debian packages that are not installed yet.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing system packages: ${missing[*]} (install them with your package manager)" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Makes sure cargo and the components the checks use are present.
ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo is not installed: install Rust from https://rustup.rs first" >&2
    return 1
  fi
  for component in rustfmt clippy; do
    if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
      rustup component add "$component"
    fi
  done
}

# cargo-deny, which checks every crate's licence and source against deny.toml. Built from
# crates.io when missing (the 0.20 series, which deny.toml is written for): 7.5 minutes
# cold on this 2-core machine, once.
ensure_cargo_deny() {
  if ! cargo deny --version >/dev/null 2>&1; then
    cargo install cargo-deny --locked --version '~0.20'
  fi
}

# cargo-about (Embark's), which lists the licences of the crates the app ships for "About
# Rung" (about.toml). Built from crates.io when missing or of another version (the JSON
# ui/scripts/crate-licenses.mjs reads is this version's): 4 min of CPU cold, once (17.5 min
# on this 2-core machine while other builds ran).
CARGO_ABOUT_VERSION=0.9.3
ensure_cargo_about() {
  if [ "$(cargo about --version 2>/dev/null)" != "cargo-about $CARGO_ABOUT_VERSION" ]; then
    cargo install cargo-about --locked --version "$CARGO_ABOUT_VERSION" --features cli
  fi
}

# The licences of the crates the app and the `rung` tool ship (normal dependencies, on the
# platforms Rung is built for; about.toml) as ui/public/licenses/crates.json, which the
# page's build copies into ui/dist beside the npm packages' list; src-tauri/build.rs
# refuses to build the app without both. cargo about reads every crate's licence files
# (3.5 min of CPU), so it runs again only when what it reads changed.
crate_licenses() {
  local out=ui/public/licenses/crates.json
  local stamp="${CARGO_TARGET_DIR:-target}/crate-licenses.key" key
  key=$({ cargo about --version; cat Cargo.lock Cargo.toml src-tauri/Cargo.toml about.toml \
    ui/scripts/crate-licenses.mjs ui/scripts/licenses.mjs; } | sha256sum)
  if [ -s "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then
    return 0
  fi
  mkdir -p "$(dirname "$out")" "$(dirname "$stamp")"
  # Offline: cargo about reads the crates' own files, never the web; fetch them first.
  cargo fetch --locked --quiet
  cargo about generate --workspace --locked --offline --fail --format json |
    node ui/scripts/crate-licenses.mjs "$out.tmp" "$(cargo about --version)"
  mv "$out.tmp" "$out"
  echo "$key" >"$stamp"
}

# cargo-fuzz, for the short fuzz run of the test command (fuzz/run-short.sh): built from
# crates.io when missing, about 2 minutes on this 2-core machine, once.
ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
  fi
}

# A C toolchain, and the WebKitGTK stack the desktop window is built on.
ensure_system() {
  ensure_apt build-essential pkg-config libssl-dev \
    libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev
}

# Node.js 20 or later with npm, for the UI.
ensure_node() {
  if ! command -v npm >/dev/null 2>&1; then
    ensure_apt nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    echo "Node.js 20 or later is needed for the UI (found $(node --version 2>/dev/null || echo none))" >&2
    return 1
  fi
}

# The UI bundle the app embeds at compile time, with the licence lists "About Rung" shows:
# the crates' (crate_licenses) and the npm packages' (written by the page's build).
build_ui() {
  ensure_cargo_about
  crate_licenses
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build)
}

# The end-to-end test needs a virtual display, the WebKit WebDriver and tauri-driver.
ensure_e2e() {
  # git: `rung diff --versions` reads git revisions, and its tests make a repository.
  # age: tests/sealed_cli.rs checks that the standard age tool opens a case file Rung
  # encrypted, and that Rung opens one the tool encrypted.
  # dbus-daemon: the journey of a double-clicked case file runs a session bus of its
  # own, through which a second launch hands its file to the open app.
  ensure_apt xvfb xauth webkit2gtk-driver git age dbus-daemon
  if ! command -v tauri-driver >/dev/null 2>&1; then
    cargo install tauri-driver --locked
  fi
}

# The pages Rung writes for a browser (a case's decision record, the calibration packet)
# are tested in headless Chromium through chromedriver (src-tauri/tests/browser.rs);
# the exported framework page also in Firefox, driven over its own Marionette protocol,
# and in WebKit's MiniBrowser (src-tauri/tests/browser_engines.rs). Chromium costs about
# 13 s on this Debian 12 machine (apt-get update included) and 380 MB on disk;
# firefox-esr about 10 s and 420 MB more.
ensure_browser() {
  ensure_apt chromium chromium-driver firefox-esr
}
