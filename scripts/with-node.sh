#!/usr/bin/env bash
# Runs a command on the lowest Node this repository supports — the version in the root
# package.json's `engines.node` (">=X.Y.Z") — whatever Node the system has. That Node comes from
# the npm registry's `node-<os>-<arch>` package (the official binary and headers inside a registry
# package), is kept in ~/.cache/coaching-node/ (COACHING_NODE_HOME moves it) and goes first on PATH;
# `npm_config_nodedir` points node-gyp at its headers, so better-sqlite3 compiles offline for it.
#
#   scripts/with-node.sh npm ci          # install (and compile better-sqlite3) for that Node
#   scripts/with-node.sh npm test
#   scripts/with-node.sh bash            # a shell on it
#   eval "$(scripts/with-node.sh --env)" # the same settings in the current shell (.ci/run does this)
#
# Needs only a system Node (any version, to read package.json) and npm. See
# docs/decisions/0011-node-range.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
range="$(node -p 'require(process.argv[1]).engines.node' "$root/package.json")"
version="${range#>=}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "with-node: the root engines.node is \"$range\"; expected \">=X.Y.Z\"" >&2
  exit 2
fi
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "with-node: no registry Node package for $(uname -s); install Node $version yourself" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "with-node: no registry Node package for $(uname -m); install Node $version yourself" >&2; exit 2 ;;
esac
pkg="node-$os-$arch"
home="${COACHING_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/coaching-node}"
dir="$home/$version-$os-$arch"
nodedir="$dir/node_modules/$pkg"
if [ "$("$nodedir/bin/node" --version 2>/dev/null || true)" != "v$version" ]; then
  mkdir -p "$home"
  tmp="$(mktemp -d "$home/.install-XXXXXX")"
  # outside any workspace, so the install touches nothing of the repository's
  (cd "$tmp" && npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tmp" "$pkg@$version" >&2)
  if [ "$("$tmp/node_modules/$pkg/bin/node" --version)" != "v$version" ]; then
    echo "with-node: $pkg@$version did not give Node v$version" >&2
    rm -rf "$tmp"
    exit 1
  fi
  rm -rf "$dir"
  mv "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp" # another run may have put it there first
fi
if [ "${1-}" = "--env" ]; then
  printf 'export PATH=%q\n' "$nodedir/bin:$PATH"
  printf 'export npm_config_nodedir=%q\n' "$nodedir"
  exit 0
fi
export PATH="$nodedir/bin:$PATH"
export npm_config_nodedir="$nodedir"
exec "$@"
