#!/usr/bin/env bash
# The README's main command: set up (system packages, .venv), ingest the samples into an embedded
# SQLite work store, export the dataset, then serve the review queue on it. Environment: DB (work.db), OUT (out), HOST (127.0.0.1),
# PORT (5000), DIGITIZE_ADMIN_PASSWORD (default: a new random one, printed), NO_SERVE=1 to stop
# after the export.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
DB="${DB:-work.db}"
OUT="${OUT:-out}"
BIN=.venv/bin

inputs=(samples/seeds)
# seeds; generated disclosures of other counties in every text shape and as PDFs; rendered PDFs and
# degraded scans (each scan folder holds the page images of one document)
for f in samples/generated/*/tables.tsv.txt samples/generated/*/cells.txt samples/generated/*/ruled.raw.txt \
         samples/generated/*/ruled.layout.txt samples/generated/*/*.pdf samples/scans/*.pdf samples/scans/*dpi; do
  [ -e "$f" ] && inputs+=("$f")
done

"$BIN/digitize" ingest "${inputs[@]}" --db "$DB"
"$BIN/digitize" status --db "$DB" | tail -n 20
mkdir -p "$OUT"
"$BIN/digitize" export "$OUT/dataset.db" --db "$DB" --csv "$OUT/csv"

[ "${NO_SERVE:-0}" = "1" ] && exit 0
password="${DIGITIZE_ADMIN_PASSWORD:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(12))')}"
if printf '%s\n' "$password" | "$BIN/digitize" user add admin --role admin --password-stdin --db "$DB" 2>/dev/null; then
  echo "review queue login: admin / $password"
else
  echo "review queue login: admin (existing account; password unchanged)"
fi
# Plain HTTP on this machine: the session cookie may not be marked Secure, or the browser would drop it.
exec "$BIN/digitize" serve --db "$DB" --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}" --insecure-cookies
