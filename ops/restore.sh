#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh into the (empty or existing) database
# that DATABASE_URL names, replacing what is there. Stop the app servers first.
#   DATABASE_URL=postgres://... ops/restore.sh /var/backups/what-matters/2026-11-25.dump
set -euo pipefail
: "${DATABASE_URL:?Set DATABASE_URL to the database to restore into}"
backup="${1:?Say which backup to restore}"
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$backup"
echo "Restored $backup"
