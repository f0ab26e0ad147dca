#!/bin/sh
# Compile GOV.UK Frontend's Sass and copy only the files the app serves (see STACK.md gotcha 3).
set -eu
cd "$(dirname "$0")/.."
out=fe/static_build
mkdir -p "$out/app" "$out/govuk/assets"
npx sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps fe/scss/app.scss "$out/app/app.css"
D=node_modules/govuk-frontend/dist/govuk
cp "$D/govuk-frontend.min.js" "$out/govuk/"
cp -r "$D/assets/images" "$D/assets/manifest.json" "$out/govuk/assets/"
echo "GOV.UK Frontend $(node -p "require('govuk-frontend/package.json').version") built into $out"
