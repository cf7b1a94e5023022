#!/usr/bin/env bash
# Installs schoolgate's manual page and shell completions, generated from its argument
# parser (swift-argument-parser): the manual by the parser's generate-manual tool, the
# completions by `schoolgate --generate-completion-script bash|zsh|fish`.
#
# Usage: scripts/install-extras.sh [PREFIX]          (PREFIX defaults to ~/.local)
#
# Installs
#   PREFIX/share/man/man1/schoolgate.1                         man schoolgate
#   PREFIX/share/bash-completion/completions/schoolgate        bash
#   PREFIX/share/zsh/site-functions/_schoolgate                zsh
#   PREFIX/share/fish/vendor_completions.d/schoolgate.fish     fish
#
# Works offline once the package's dependencies are resolved. Optional environment:
#   SCHOOLGATE       an already built schoolgate (otherwise: swift build --product schoolgate)
#   GENERATE_MANUAL  an already built generate-manual (otherwise built once from the
#                    swift-argument-parser checkout into .build/manual-tool)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-"$HOME/.local"}
if [ $# -gt 1 ]; then
    echo "usage: scripts/install-extras.sh [PREFIX]   (default PREFIX: ~/.local)" >&2
    exit 2
fi

step() { echo "install-extras: $*" >&2; }

# 1. The schoolgate whose parser we describe.
bin=${SCHOOLGATE:-}
if [ -z "$bin" ]; then
    step "building schoolgate"
    swift build --package-path "$root" --product schoolgate >&2
    bin="$(swift build --package-path "$root" --show-bin-path)/schoolgate"
fi
if [ ! -x "$bin" ]; then
    echo "install-extras: $bin is not a schoolgate program; build it first (swift build)." >&2
    exit 1
fi

# 2. The parser's own manual generator.
manual_tool=${GENERATE_MANUAL:-}
if [ -z "$manual_tool" ]; then
    parser="$root/.build/checkouts/swift-argument-parser"
    if [ ! -f "$parser/Package.swift" ]; then
        step "resolving the package's dependencies"
        swift package --package-path "$root" resolve >&2
    fi
    step "building the manual generator (generate-manual) from swift-argument-parser"
    swift build --package-path "$parser" --scratch-path "$root/.build/manual-tool" \
        --product generate-manual >&2
    manual_tool="$root/.build/manual-tool/debug/generate-manual"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 3. Generate everything first, so that a failure installs nothing.
"$manual_tool" "$bin" --section 1 --output-directory "$work" >&2
[ -s "$work/schoolgate.1" ] || { echo "install-extras: the manual page was not generated." >&2; exit 1; }
for shell in bash zsh fish; do
    "$bin" --generate-completion-script "$shell" > "$work/completion.$shell"
    [ -s "$work/completion.$shell" ] || { echo "install-extras: no $shell completion script." >&2; exit 1; }
done

# 4. Install.
put() { # put SOURCE DESTINATION
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2.tmp.$$"
    chmod 644 "$2.tmp.$$"
    mv -f "$2.tmp.$$" "$2"
    echo "$2"
}
put "$work/schoolgate.1" "$prefix/share/man/man1/schoolgate.1"
put "$work/completion.bash" "$prefix/share/bash-completion/completions/schoolgate"
put "$work/completion.zsh" "$prefix/share/zsh/site-functions/_schoolgate"
put "$work/completion.fish" "$prefix/share/fish/vendor_completions.d/schoolgate.fish"
step "done. Read the manual with: man schoolgate  (or man -l $prefix/share/man/man1/schoolgate.1)"
