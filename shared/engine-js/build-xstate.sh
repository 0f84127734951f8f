#!/usr/bin/env bash
# Regenerates the XState 4.38.x ES module that ships inside the jar (never fetched at run time).
# Needs node + npm. Usage: shared/engine-js/build-xstate.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/../src/main/resources/dev/statebacked/engine/js"
WORK="$HERE/../target/engine-js"
mkdir -p "$WORK" "$OUT"
cp "$HERE/package.json" "$WORK/"
(cd "$WORK" && npm install --silent --no-audit --no-fund >/dev/null)
# the entry re-exports xstate and every module of the package (their names listed in xstate-modules.json)
cp "$HERE/xstate-modules.mjs" "$WORK/"
(cd "$WORK" && node xstate-modules.mjs xstate-entry.mjs "$OUT/xstate-modules.json")
# production build: xstate reads process.env.NODE_ENV at module evaluation
# run from $WORK so the path comments in the output do not depend on where the script was started
(cd "$WORK" && ./node_modules/.bin/esbuild xstate-entry.mjs --bundle --format=esm --platform=neutral --main-fields=module,main \
  --define:process.env.NODE_ENV='"production"' --legal-comments=inline --outfile="$OUT/xstate.mjs" --log-level=warning)
cp "$WORK/node_modules/xstate/LICENSE" "$OUT/xstate.LICENSE"
echo "xstate $(node -p "require('$WORK/node_modules/xstate/package.json').version")" > "$OUT/xstate.VERSION"
echo "wrote $OUT/xstate.mjs"
