/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-maintenance.h: backup, restore and health checks of the database */

#pragma once

#include <gio/gio.h>

#include "ef-store.h"

G_BEGIN_DECLS

/**
 * EfStoreFileInfo:
 * @size: the file's size in bytes
 * @schema_version: its schema version (PRAGMA user_version)
 *
 * What ef_store_backup_file() wrote or ef_store_restore_file() put in place.
 */
typedef struct {
  goffset size;
  guint   schema_version;
} EfStoreFileInfo;

/* Copies the database @db_path into @to_path with SQLite's online backup,
 * consistent even while a server writes (one snapshot, read in steps that
 * never block it). The copy is written beside @to_path, checked
 * (integrity_check) and only then renamed into place, so that @to_path is
 * never a half-written backup. It is a single file (no -wal) readable by
 * its owner only. An existing @to_path is an error (G_IO_ERROR_EXISTS)
 * unless @force. Errors: EF_STORE_ERROR (the database), G_IO_ERROR (the
 * backup file); translated sentences. */
gboolean    ef_store_backup_file        (const char       *db_path,
                                         const char       *to_path,
                                         gboolean          force,
                                         EfStoreFileInfo  *info,
                                         GError          **error);

/* Replaces the database @db_path by the backup @from_path, once the backup
 * passed integrity_check and is a database this binary can use. Refuses
 * (G_IO_ERROR_BUSY) while a server serves @db_path or another program has
 * it open, and (G_IO_ERROR_EXISTS) to replace an existing database unless
 * @force. The database replaced is kept whole as "@db_path.before-restore"
 * (*@kept_path, NULL when there was none). The restored file takes the
 * owner and mode of the one it replaces. */
gboolean    ef_store_restore_file       (const char       *db_path,
                                         const char       *from_path,
                                         gboolean          force,
                                         char            **kept_path,
                                         EfStoreFileInfo  *info,
                                         GError          **error);

/**
 * EfStoreCheck:
 * @schema_version: the database's schema version
 * @latest_version: the latest schema version this binary knows
 * @problems: (element-type utf8): one translated sentence per problem
 *   found; empty when the database is healthy
 */
typedef struct {
  guint      schema_version;
  guint      latest_version;
  GPtrArray *problems;
} EfStoreCheck;

/* Checks @db_path without changing it: SQLite's integrity_check and
 * foreign_key_check, and the rows that point at nothing or at another
 * family's or municipality's rows. NULL with an error when the file cannot
 * be checked: missing, not a database of ours (EF_STORE_ERROR_OPEN,
 * EF_STORE_ERROR_NOT_DATABASE), or of a newer schema
 * (EF_STORE_ERROR_TOO_NEW). */
EfStoreCheck *ef_store_check_file       (const char       *db_path,
                                         GError          **error);
void        ef_store_check_free         (EfStoreCheck     *check);

/* One cheap read of the file and one of the schema, for GET /healthz:
 * FALSE when the database cannot be read (any more). */
gboolean    ef_store_ping               (EfStore          *self,
                                         GError          **error);

/* Folds the write-ahead log back into the database file (before closing,
 * so that a stopped server leaves one file). */
void        ef_store_checkpoint         (EfStore          *self);
/* From now on, @self's commits leave the checkpoints that SQLite would
 * make in them to a thread of the process (a server's store: its requests
 * never wait for one). */
void        ef_store_checkpoint_in_background (EfStore    *self);

/* Holds a shared lock on @db_path for as long as the returned descriptor
 * stays open (close it after the store): ef_store_restore_file() refuses
 * to replace a database that a server holds this way. -1 with
 * G_IO_ERROR_BUSY while a restore runs; -2 without error when the file
 * cannot be opened (missing: lock it again once the store created it). */
int         ef_store_lock_shared        (const char       *db_path,
                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStoreCheck, ef_store_check_free)

G_END_DECLS
