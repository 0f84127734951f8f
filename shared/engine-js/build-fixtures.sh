#!/usr/bin/env bash
# Builds the test fixtures the way `smply` builds machine bundles: esbuild, ESM, xstate external,
# @statebacked/machine 0.6.0 from npm inlined. Output is committed; node_modules is not.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/../src/test/resources/dev/statebacked/engine/fixtures"
WORK="$HERE/../target/engine-js"
mkdir -p "$WORK" "$OUT"
cp "$HERE/package.json" "$WORK/"
(cd "$WORK" && npm install --silent --no-audit --no-fund >/dev/null)
# the bundles inline @statebacked/machine (MIT): keep its licence next to them
cp "$WORK/node_modules/@statebacked/machine/LICENSE" "$OUT/statebacked-machine.LICENSE"
for src in "$HERE"/fixtures/*.js; do
  name="$(basename "$src" .js)"
  cp "$src" "$WORK/$name.js"
  (cd "$WORK" && ./node_modules/.bin/esbuild "$name.js" --bundle --format=esm --platform=neutral --main-fields=module,main \
    --external:xstate --target=es2020 --outfile="$OUT/$name.mjs" --log-level=warning)
  echo "wrote $OUT/$name.mjs"
done
