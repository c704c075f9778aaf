#!/usr/bin/env bash
# Restores a folder written by backup.sh over the database at DATABASE_URL and the storage at STORAGE_DIR:
#   DATABASE_URL=… STORAGE_DIR=… scripts/ops/restore.sh BACKUP_DIR --yes
# Stop every API instance and worker first. Everything written since the backup is replaced by it.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to restore into}"
: "${STORAGE_DIR:?set STORAGE_DIR to the storage directory to restore into}"
backup="${1:?usage: restore.sh BACKUP_DIR --yes}"
[ "${2:-}" = "--yes" ] || {
  echo "restore: this replaces the database and the storage with $backup; run again with --yes" >&2
  exit 2
}

# A damaged or incomplete backup is refused before anything is touched.
(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || { echo "restore: $backup fails its checksums; nothing changed" >&2; exit 1; }

# Unpacked beside the live storage, so the swap below is a rename on one filesystem.
parent="$(dirname "$STORAGE_DIR")"
mkdir -p "$parent"
incoming="$(mktemp -d "$parent/.restore-XXXXXX")"
trap 'rm -rf "$incoming"' EXIT
tar -C "$incoming" -xzf "$backup/storage.tar.gz"

# One transaction: a restore that fails half-way leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$backup/database.dump"

if [ -d "$STORAGE_DIR" ]; then
  old="$(mktemp -d "$parent/.replaced-XXXXXX")"
  mv "$STORAGE_DIR" "$old/storage"
  mv "$incoming" "$STORAGE_DIR"
  rm -rf "$old"
else
  mv "$incoming" "$STORAGE_DIR"
fi
trap - EXIT
echo "restore: $backup restored" >&2
