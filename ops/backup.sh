#!/usr/bin/env bash
# Backs up the PostgreSQL database that DATABASE_URL names, in pg_dump's custom
# format (compressed; restores table by table). Run it from cron, e.g. nightly:
#   DATABASE_URL=postgres://... ops/backup.sh /var/backups/what-matters/$(date +%F).dump
set -euo pipefail
: "${DATABASE_URL:?Set DATABASE_URL to the database to back up}"
out="${1:?Say where to write the backup}"
pg_dump --format=custom --no-owner --no-privileges --file="$out" "$DATABASE_URL"
# A backup that cannot be listed cannot be restored: check it now, not on the bad day.
pg_restore --list "$out" >/dev/null
echo "Backed up to $out ($(du -h "$out" | cut -f1))"
