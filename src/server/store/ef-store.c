/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store.c: opening the SQLite database and migrating its schema */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ef-store-private.h"

/* How long a statement waits for another connection's lock. */
#define BUSY_TIMEOUT_MS 5000

G_DEFINE_QUARK (ef-store-error-quark, ef_store_error)

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static gboolean
read_header (EfStore  *self,
             guint    *user_version,
             guint32  *application_id,
             gint64   *n_objects,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *display = g_filename_display_name (self->path);
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT (SELECT user_version FROM pragma_user_version),"
                           "       (SELECT application_id FROM pragma_application_id),"
                           "       (SELECT count(*) FROM sqlite_schema)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE,
                   _("Cannot open the database “%s”: the file is not a SQLite database"),
                   display);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"),
                   display, sqlite3_errmsg (self->db));
      return FALSE;
    }

  *user_version = (guint) sqlite3_column_int64 (stmt, 0);
  *application_id = (guint32) sqlite3_column_int64 (stmt, 1);
  *n_objects = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

static gboolean
check_header (EfStore  *self,
              GError  **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  guint user_version;
  guint32 application_id;
  gint64 n_objects;

  if (!read_header (self, &user_version, &application_id, &n_objects, error))
    return FALSE;

  if (application_id == 0 && (user_version != 0 || n_objects != 0))
    application_id = G_MAXUINT32;   /* someone else's non-empty database */

  if (application_id != 0 && application_id != EF_STORE_APPLICATION_ID)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE,
                   _("Cannot open the database “%s”: it is a SQLite database of another program"),
                   display);
      return FALSE;
    }

  if (user_version > _ef_store_n_migrations)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_TOO_NEW,
                   _("The database “%s” has schema version %u but this espace-famille-server knows versions up to %u only: use a newer espace-famille-server"),
                   display, user_version, _ef_store_n_migrations);
      return FALSE;
    }

  self->schema_version = user_version;
  return TRUE;
}

static gboolean
configure (EfStore  *self,
           GError  **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *mode = NULL;

  stmt = _ef_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    mode = (const char *) sqlite3_column_text (stmt, 0);
  if (mode == NULL || g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: it cannot use write-ahead logging (%s)"),
                   display, sqlite3_errmsg (self->db));
      return FALSE;
    }

  if (!_ef_store_register_functions (self, error))
    return FALSE;

  /* FULL: an acknowledged change survives a crash of the machine too. */
  return _ef_store_exec (self,
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA synchronous = FULL;",
                         error);
}

/* Fails when a row refers to one that does not exist. */
static gboolean
check_foreign_keys (EfStore  *self,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _ef_store_prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                   "a row of %s refers to a missing row of %s",
                   (const char *) sqlite3_column_text (stmt, 0),
                   (const char *) sqlite3_column_text (stmt, 2));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, "checking the foreign keys");
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_steps (EfStore  *self,
               GError  **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *bump = NULL;
      guint version, target;
      guint32 application_id;
      gint64 n_objects;

      /* Re-read the version inside the write transaction: another process
       * may have migrated meanwhile. */
      if (!_ef_store_begin (self, error))
        return FALSE;
      if (!read_header (self, &version, &application_id, &n_objects, error))
        {
          _ef_store_rollback (self);
          return FALSE;
        }

      if (version == _ef_store_n_migrations)
        {
          self->schema_version = version;
          return _ef_store_commit (self, error);
        }
      if (version > _ef_store_n_migrations)
        {
          _ef_store_rollback (self);
          g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_TOO_NEW,
                       _("The database “%s” has schema version %u but this espace-famille-server knows versions up to %u only: use a newer espace-famille-server"),
                       display, version, _ef_store_n_migrations);
          return FALSE;
        }

      target = version + 1;
      bump = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                              EF_STORE_APPLICATION_ID, target);

      if (!_ef_store_exec (self, _ef_store_migrations[version], &local_error) ||
          !check_foreign_keys (self, &local_error) ||
          !_ef_store_exec (self, bump, &local_error) ||
          !_ef_store_commit (self, &local_error))
        {
          _ef_store_rollback (self);
          g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_MIGRATION,
                       _("Cannot upgrade the database “%s” to schema version %u: %s"),
                       display, target, local_error->message);
          return FALSE;
        }
      g_debug ("Database %s migrated to schema version %u", self->path, target);
    }
}

/* The migrations run with the foreign keys off, so that one can rebuild a
 * table that others refer to (SQLite's way of changing a column's
 * constraints); each checks them all before it commits. */
static gboolean
migrate (EfStore  *self,
         GError  **error)
{
  gboolean ok;

  if (!_ef_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  ok = migrate_steps (self, error);
  if (!_ef_store_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    return FALSE;
  return ok;
}

EfStore *
ef_store_open (const char  *path,
               GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *folder = NULL;
  EfStore *self;
  gboolean existed;
  int rc;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: it is a folder"), display);
      return NULL;
    }

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  folder = g_path_get_dirname (path);
  if (!existed && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *folder_display = g_filename_display_name (folder);

      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot create the database “%s”: the folder “%s” does not exist"),
                   display, folder_display);
      return NULL;
    }

  self = g_new0 (EfStore, 1);
  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"),
                   display, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
    }
  else
    {
      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

      if (check_header (self, error) && configure (self, error) && migrate (self, error))
        return self;
    }

  g_clear_pointer (&self->statements, g_hash_table_unref);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  if (!existed)
    remove_database_files (path);
  g_free (self->path);
  g_free (self);
  return NULL;
}

void
ef_store_close (EfStore *self)
{
  if (self == NULL)
    return;

  /* Finalised first: sqlite3_close() refuses while statements live. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    {
      g_warning ("Closing %s: %s", self->path, sqlite3_errmsg (self->db));
      sqlite3_close_v2 (self->db);
    }
  g_free (self->path);
  g_free (self);
}

const char *
ef_store_get_path (EfStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

guint
ef_store_get_schema_version (EfStore *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->schema_version;
}

guint
ef_store_get_latest_schema_version (void)
{
  return _ef_store_n_migrations;
}

gboolean
ef_store_get_settings_stamp (EfStore       *self,
                             EfStoreStamp  *stamp,
                             GError       **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  /* data_version changes when another connection — another process: the
   * demo, import-calendar, tenant and enrol commands — commits anything;
   * our own writes of tenant rules bump settings_serial. */
  stmt = _ef_store_prepare_cached (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ef_store_set_sql_error (self, error, "reading the data version");
      return FALSE;
    }
  stamp->data_version = sqlite3_column_int64 (stmt, 0);
  stamp->serial = self->settings_serial;
  return TRUE;
}

void
_ef_store_settings_changed (EfStore *self)
{
  self->settings_serial++;
}

void
_ef_store_set_sql_error (EfStore     *self,
                         GError     **error,
                         const char  *what)
{
  g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
               "%s: %s (%d)", what, sqlite3_errmsg (self->db),
               sqlite3_extended_errcode (self->db));
}

gboolean
_ef_store_exec (EfStore     *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                   "%s", message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_ef_store_prepare (EfStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _ef_store_set_sql_error (self, error, "prepare");
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

EfStoreStmt *
_ef_store_prepare_cached (EfStore     *self,
                          const char  *sql,
                          GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _ef_store_set_sql_error (self, error, "prepare");
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

void
_ef_store_stmt_release (EfStoreStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
_ef_store_begin (EfStore  *self,
                 GError  **error)
{
  /* IMMEDIATE takes the write lock now, so that the transaction never
   * fails half-way with SQLITE_BUSY. */
  return _ef_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_ef_store_commit (EfStore  *self,
                  GError  **error)
{
  return _ef_store_exec (self, "COMMIT", error);
}

void
_ef_store_rollback (EfStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    _ef_store_exec (self, "ROLLBACK", NULL);
}

gboolean
_ef_store_begin_owned (EfStore   *self,
                       gboolean  *owned,
                       GError   **error)
{
  *owned = sqlite3_get_autocommit (self->db) != 0;
  return !*owned || _ef_store_begin (self, error);
}

gboolean
_ef_store_end_owned (EfStore   *self,
                     gboolean   owned,
                     gboolean   ok,
                     GError   **error)
{
  if (!owned)
    return ok;
  if (ok && _ef_store_commit (self, error))
    return TRUE;
  _ef_store_rollback (self);
  return FALSE;
}
