#!/usr/bin/env bash
# Backs up Chat3D's PostgreSQL database and file storage into one new folder:
#   DATABASE_URL=postgres://… STORAGE_DIR=/data/storage scripts/ops/backup.sh [DEST]   (DEST defaults to ./backups)
# The folder holds database.dump (pg_dump custom format), storage.tar.gz and SHA256SUMS; its path is printed.
# Safe while the app runs: pg_dump reads one consistent snapshot, and the storage is archived after it, so every
# file a dumped row names is in the archive (unless deleted in between); files newer than the dump are extra.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
: "${STORAGE_DIR:?set STORAGE_DIR to the storage directory (STORAGE_DIR of the API)}"
dest_root="${1:-backups}"
[ -d "$STORAGE_DIR" ] || { echo "backup: STORAGE_DIR $STORAGE_DIR does not exist" >&2; exit 1; }

mkdir -p "$dest_root"
umask 077 # the dump holds password hashes, and the storage people's files
# A folder of its own even for two backups in one second.
dest="$(mktemp -d "$dest_root/chat3d-$(date -u +%Y%m%dT%H%M%SZ)-XXXX")"

# The database first: a file is written before its row commits, so the archive taken next holds them all.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$dest/database.dump"
tar -C "$STORAGE_DIR" -czf "$dest/storage.tar.gz" .
(cd "$dest" && sha256sum database.dump storage.tar.gz >SHA256SUMS)
echo "$dest"
