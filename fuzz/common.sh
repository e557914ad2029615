# What the short and the long fuzz runs share; sourced by fuzz/run-short.sh and
# fuzz/run-long.sh, from the repository root.
export PATH="$HOME/.cargo/bin:$PATH"
# cargo-fuzz passes nightly flags (the sanitizer); this lets a stable toolchain take them.
export RUSTC_BOOTSTRAP=1
# Where cargo fuzz build puts the targets: they are run from there, so that a change to
# the tree while they run does not rebuild them between targets.
bin="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"

# The flags of one target: its longest input and its dictionary.
flags() {
    case "$1" in
        markdown) echo "-max_len=512" ;;
        search_query) echo "-max_len=256" ;;
        front_matter) echo "-max_len=4096" ;;
        load) echo "-max_len=16384" ;;
        *) echo "-max_len=65536" ;;
    esac
    [ -f "fuzz/$1.dict" ] && echo "-dict=fuzz/$1.dict"
    return 0
}
