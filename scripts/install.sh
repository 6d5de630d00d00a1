#!/usr/bin/env bash
# Builds a release `prism` with the Swift runtime linked into it and installs it under a
# prefix, with its man page and bash, zsh and fish completions.
#
#   scripts/install.sh               # into ~/.local (bin/, share/man/, share/…completions)
#   scripts/install.sh /usr/local    # or any prefix you can write to (PREFIX=… works too)
#
# The binary then needs only what any Debian/Ubuntu machine with libncursesw and libcurl
# has; no Swift toolchain at run time. Build needs: swift, libncurses-dev, libcurl4-openssl-dev.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${1:-${PREFIX:-$HOME/.local}}"
# A build folder of its own: SwiftPM keeps the link step of .build/release as it was.
build=(swift build -c release --product prism --static-swift-stdlib --scratch-path .build/install)

# The man page (its plugin builds a release prism of its own in .build/release).
echo "writing the man page…"
swift package plugin generate-manual >/dev/null
man_page=.build/plugins/GenerateManual/outputs/prism/prism.1

echo "building prism (release, Swift runtime linked in)…"
bin="$("${build[@]}" --show-bin-path)/prism"
"${build[@]}"
if ldd "$bin" | grep -q libswiftCore; then
    echo "error: $bin still loads the Swift runtime from the toolchain; not installing it" >&2
    exit 1
fi

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -s -m 0755 "$bin" "$prefix/bin/prism" # stripped (89 MB → 64 MB: ICU data and Foundation are inside)
install -m 0644 "$man_page" "$prefix/share/man/man1/prism.1"
"$prefix/bin/prism" --generate-completion-script bash > "$prefix/share/bash-completion/completions/prism"
"$prefix/bin/prism" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_prism"
"$prefix/bin/prism" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/prism.fish"

echo "installed $("$prefix/bin/prism" --version) in $prefix/bin/prism"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
