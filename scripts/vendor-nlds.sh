#!/usr/bin/env bash
# Refresh the vendored NL Design System CSS from the npm registry.
# Installs in a scratch directory so node_modules never lands in static/ (collectstatic would ship it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/static/vendor/nlds"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$dest/package.json" "$work/"
[ -f "$dest/package-lock.json" ] && cp "$dest/package-lock.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error)
cp "$work/package-lock.json" "$dest/"
utrecht="$work/node_modules/@utrecht/component-library-css"
tokens="$work/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens"
cp "$utrecht/dist/index.css" "$dest/utrecht-components.css"
cp "$tokens/dist/theme.css" "$dest/voorbeeld-theme.css"
cp "$utrecht/LICENSE.md" "$dest/LICENSE-utrecht-component-library-css.md"
cp "$tokens/LICENSE.md" "$dest/LICENSE-voorbeeld-design-tokens.md"
echo "NL Design System CSS refreshed in static/vendor/nlds:"
grep -E '"(@utrecht|@nl-design-system)' "$dest/package.json"
