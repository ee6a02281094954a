#!/usr/bin/env bash
# Refreshes the vendored design system (Det Fælles Designsystem, npm "dkfds") and htmx.
# Only what the site uses is kept: the neutral theme, woff2 fonts, the SVG icons, the minified JS.
# Usage: scripts/refresh-dkfds.sh [DKFDS_VERSION] [HTMX_VERSION]
set -euo pipefail
DKFDS_VERSION="${1:-11.2.0}"
HTMX_VERSION="${2:-2.0.11}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/nextwork/core/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "dkfds@$DKFDS_VERSION" "htmx.org@$HTMX_VERSION" >/dev/null
mkdir dkfds htmx
tar xzf "dkfds-$DKFDS_VERSION.tgz" -C dkfds --strip-components 1
tar xzf "htmx.org-$HTMX_VERSION.tgz" -C htmx --strip-components 1

rm -rf "$dest/dkfds" "$dest/htmx"
mkdir -p "$dest/dkfds/css" "$dest/dkfds/js" "$dest/dkfds/fonts/IBMPlexSans/complete" "$dest/dkfds/img" "$dest/htmx"
cp dkfds/dist/css/dkfds.min.css "$dest/dkfds/css/"
cp dkfds/dist/js/dkfds.min.js "$dest/dkfds/js/"
cp -r dkfds/dist/fonts/IBMPlexSans/complete/woff2 "$dest/dkfds/fonts/IBMPlexSans/complete/"
cp -r dkfds/dist/img/svg-icons dkfds/dist/img/all-svg-icons.svg "$dest/dkfds/img/"
cp dkfds/dist/LICENSE.md "$dest/dkfds/"
cp htmx/dist/htmx.min.js "$dest/htmx/"
cp htmx/LICENSE "$dest/htmx/" 2>/dev/null || true
# The CSS also lists .woff/.eot/.ttf files we do not ship (and the regular weight names .woff first).
python3 "$root/scripts/dkfds_woff2_only.py" "$dest/dkfds/css/dkfds.min.css"
sed -i 's/sourceMappingURL=[^ *]*//' "$dest/dkfds/css/dkfds.min.css" "$dest/dkfds/js/dkfds.min.js" "$dest/htmx/htmx.min.js"
printf 'dkfds %s\nhtmx.org %s\n' "$DKFDS_VERSION" "$HTMX_VERSION" > "$dest/VERSIONS"
echo "Vendored dkfds $DKFDS_VERSION and htmx $HTMX_VERSION into $dest"
