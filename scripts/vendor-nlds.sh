#!/usr/bin/env bash
# Refresh the vendored NL Design System CSS and the theme's fonts from the npm registry.
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
# The theme's fonts (tokens --basis-text-font-family-default: Noto Sans,
# --basis-heading-font-family: Noto Serif), served from the site itself. Only the subsets and
# weights the site uses: latin and latin-ext; Noto Sans 400, 400 italic (emphasis in Markdown)
# and 700; Noto Serif 700 (headings are bold). static/css/fonts.css holds the matching
# @font-face rules. The folder is rebuilt from scratch, so a run never leaves a file that
# fonts.css no longer names (tests/core/test_fonts.py checks both agree).
fonts="$dest/fonts"
rm -rf "$fonts"
mkdir -p "$fonts"
for subset in latin latin-ext; do
  for face in noto-sans-400-normal noto-sans-400-italic noto-sans-700-normal \
    noto-serif-700-normal; do
    family=${face%-*-*}
    variant=${face#"$family"-}
    cp "$work/node_modules/@fontsource/$family/files/$family-$subset-$variant.woff2" "$fonts/"
  done
done
cp "$work/node_modules/@fontsource/noto-sans/LICENSE" "$fonts/LICENSE-noto-sans.txt"
cp "$work/node_modules/@fontsource/noto-serif/LICENSE" "$fonts/LICENSE-noto-serif.txt"
echo "NL Design System CSS and fonts refreshed in static/vendor/nlds:"
grep -E '"(@utrecht|@nl-design-system|@fontsource)' "$dest/package.json"
