/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store.c: opening the database, SQLite or PostgreSQL, and migrating its schema */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

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
  ef_db_finalize (stmt);
}

/* A PostgreSQL store's own table: what PRAGMA application_id and
 * user_version are to a SQLite one, and the serial of tenant rules that
 * every instance compares (ef_store_get_settings_stamp()). */
#define PG_SCHEMA_TABLE \
  "CREATE TABLE IF NOT EXISTS ef_schema (" \
  "  id INTEGER PRIMARY KEY CHECK (id = 1)," \
  "  application_id BIGINT NOT NULL," \
  "  version INTEGER NOT NULL," \
  "  settings_serial BIGINT NOT NULL DEFAULT 0);"

/* Held by a PostgreSQL write transaction: writers take turns, as on
 * SQLite, whichever instance they run in. */
#define PG_WRITE_LOCK "SELECT pg_advisory_xact_lock (1164468589)"

/* The same from ef_schema; @n_objects counts the tables of the current
 * schema (search_path) when there is no ef_schema. */
static gboolean
read_pg_header (EfStore  *self,
                guint    *user_version,
                guint32  *application_id,
                gint64   *n_objects,
                GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  stmt = ef_db_prepare (self->db,
                        "SELECT (SELECT count(*) FROM pg_catalog.pg_tables"
                        "         WHERE schemaname = current_schema ()),"
                        "       to_regclass ('ef_schema') IS NOT NULL",
                        FALSE);
  if (stmt == NULL || ef_db_step (stmt) != EF_DB_ROW)
    goto failed;
  *n_objects = ef_db_column_int64 (stmt, 0);
  *user_version = 0;
  *application_id = 0;
  if (ef_db_column_int64 (stmt, 1) == 0)
    return TRUE;

  g_clear_pointer (&stmt, ef_db_finalize);
  stmt = ef_db_prepare (self->db, "SELECT version, application_id FROM ef_schema", FALSE);
  if (stmt == NULL)
    goto failed;
  switch (ef_db_step (stmt))
    {
    case EF_DB_ROW:
      *user_version = (guint) ef_db_column_int64 (stmt, 0);
      *application_id = (guint32) ef_db_column_int64 (stmt, 1);
      return TRUE;
    case EF_DB_DONE:
      return TRUE;
    default:
      goto failed;
    }

failed:
  g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
               _("Cannot open the database “%s”: %s"),
               self->display, ef_db_errmsg (self->db));
  return FALSE;
}

static gboolean
read_header (EfStore  *self,
             guint    *user_version,
             guint32  *application_id,
             gint64   *n_objects,
             GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  const char *display = self->display;
  int rc;

  if (self->kind == EF_DB_POSTGRESQL)
    return read_pg_header (self, user_version, application_id, n_objects, error);

  stmt = ef_db_prepare (self->db,
                           "SELECT (SELECT user_version FROM pragma_user_version),"
                           "       (SELECT application_id FROM pragma_application_id),"
                        "       (SELECT count(*) FROM sqlite_schema)",
                        FALSE);
  rc = stmt != NULL ? ef_db_step (stmt) : EF_DB_FAILED;

  if (rc != EF_DB_ROW && ef_db_error_kind (self->db) == EF_DB_ERROR_NOT_DATABASE)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE,
                   _("Cannot open the database “%s”: the file is not a SQLite database"),
                   display);
      return FALSE;
    }
  if (rc != EF_DB_ROW)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"),
                   display, ef_db_errmsg (self->db));
      return FALSE;
    }

  *user_version = (guint) ef_db_column_int64 (stmt, 0);
  *application_id = (guint32) ef_db_column_int64 (stmt, 1);
  *n_objects = ef_db_column_int64 (stmt, 2);
  return TRUE;
}

static gboolean
check_header (EfStore  *self,
              GError  **error)
{
  const char *display = self->display;
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
                   self->kind == EF_DB_POSTGRESQL
                     ? _("Cannot open the database “%s”: its tables are another program’s")
                     : _("Cannot open the database “%s”: it is a SQLite database of another program"),
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
  const char *display = self->display;
  g_autoptr(EfDbStmt) stmt = NULL;
  const char *mode = NULL;

  if (self->kind == EF_DB_POSTGRESQL)
    return TRUE;

  stmt = _ef_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;
  if (ef_db_step (stmt) == EF_DB_ROW)
    mode = ef_db_column_text (stmt, 0);
  if (mode == NULL || g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: it cannot use write-ahead logging (%s)"),
                   display, ef_db_errmsg (self->db));
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
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  /* PostgreSQL checks them as it goes. */
  if (self->kind == EF_DB_POSTGRESQL)
    return TRUE;
  stmt = _ef_store_prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  rc = ef_db_step (stmt);
  if (rc == EF_DB_ROW)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                   "a row of %s refers to a missing row of %s",
                   ef_db_column_text (stmt, 0), ef_db_column_text (stmt, 2));
      return FALSE;
    }
  if (rc != EF_DB_DONE)
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
  const char *display = self->display;

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
      if (self->kind == EF_DB_POSTGRESQL)
        bump = g_strdup_printf (PG_SCHEMA_TABLE
                                "INSERT INTO ef_schema (id, application_id, version) VALUES (1, %d, %u)"
                                " ON CONFLICT (id) DO UPDATE SET version = excluded.version;",
                                EF_STORE_APPLICATION_ID, target);
      else
        bump = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                                EF_STORE_APPLICATION_ID, target);

      if (!_ef_store_exec (self,
                           EF_STORE_SQL (self, _ef_store_migrations[version],
                                         _ef_store_pg_migrations[version]),
                           &local_error) ||
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

  if (self->kind == EF_DB_POSTGRESQL)
    return migrate_steps (self, error);

  if (!_ef_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  ok = migrate_steps (self, error);
  if (!_ef_store_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    return FALSE;
  return ok;
}

gboolean
ef_store_location_is_postgresql (const char *location)
{
  return ef_db_location_is_postgresql (location);
}

/* A PostgreSQL connection string without its password or options. */
char *
ef_store_display_location (const char *location)
{
  g_autoptr(GUri) uri = NULL;

  if (!ef_db_location_is_postgresql (location))
    return g_filename_display_name (location);
  uri = g_uri_parse (location, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL)
    return g_strdup ("postgresql://…");
  return g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD | G_URI_HIDE_QUERY |
                                       G_URI_HIDE_AUTH_PARAMS);
}

static EfStore *
store_new (const char *path)
{
  EfStore *self = g_new0 (EfStore, 1);

  self->path = g_strdup (path);
  self->display = ef_store_display_location (path);
  self->kind = ef_db_location_is_postgresql (path) ? EF_DB_POSTGRESQL : EF_DB_SQLITE;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  return self;
}

static void
store_free (EfStore *self)
{
  /* Finalised first: sqlite3_close() refuses while statements live. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, ef_db_close);
  g_free (self->path);
  g_free (self->display);
  g_free (self);
}

/* Text in UTF-8, compared byte by byte as SQLite compares it: the order of
 * every list, the tests' and the clients' expectations. */
static gboolean
check_pg_database (EfStore  *self,
                   GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  const char *collate, *encoding;

  stmt = ef_db_prepare (self->db,
                        "SELECT datcollate, pg_encoding_to_char (encoding)"
                        "  FROM pg_database WHERE datname = current_database ()",
                        FALSE);
  if (stmt == NULL || ef_db_step (stmt) != EF_DB_ROW)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), self->display, ef_db_errmsg (self->db));
      return FALSE;
    }
  collate = ef_db_column_text (stmt, 0);
  encoding = ef_db_column_text (stmt, 1);
  if (g_strcmp0 (encoding, "UTF8") != 0 ||
      (g_strcmp0 (collate, "C") != 0 && g_strcmp0 (collate, "POSIX") != 0 &&
       g_strcmp0 (collate, "C.UTF-8") != 0 && g_strcmp0 (collate, "C.utf8") != 0))
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE,
                   _("The database “%s” is in %s with the collation %s: create it with ENCODING 'UTF8' LC_COLLATE 'C' (see the operations guide)"),
                   self->display, encoding ? encoding : "?", collate ? collate : "?");
      return FALSE;
    }
  return TRUE;
}

static EfStore *
open_postgresql (const char  *location,
                 GError     **error)
{
  EfStore *self = store_new (location);
  g_autofree char *message = NULL;

  self->db = ef_db_open (location, FALSE, &message);
  if (self->db == NULL)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), self->display, message);
      store_free (self);
      return NULL;
    }
  /* Up to date (every connection of a pool but the first): no
   * migration, so no wait for the writers' lock. */
  if (check_pg_database (self, error) && check_header (self, error) &&
      (self->schema_version == _ef_store_n_pg_migrations || migrate (self, error)))
    {
      /* Then a writer waits for a lock as long as SQLite's would. */
      ef_db_set_lock_timeout (self->db, BUSY_TIMEOUT_MS);
      return self;
    }
  store_free (self);
  return NULL;
}

EfStore *
ef_store_open (const char  *path,
               GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *message = NULL;
  EfStore *self;
  gboolean existed;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ef_db_location_is_postgresql (path))
    return open_postgresql (path, error);

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

  self = store_new (path);
  self->db = ef_db_open (path, TRUE, &message);
  if (self->db == NULL)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), display, message);
    }
  else
    {
      sqlite3_busy_timeout (ef_db_get_sqlite (self->db), BUSY_TIMEOUT_MS);

      if (check_header (self, error) && configure (self, error))
        {
          guint before = self->schema_version;

          if (migrate (self, error))
            {
              /* A new or upgraded file's header (application id, version)
               * is in the WAL until a checkpoint: ef_store_ping() reads the
               * file itself. Passive: never waits for other readers. */
              if (self->schema_version != before)
                sqlite3_wal_checkpoint_v2 (ef_db_get_sqlite (self->db), NULL,
                                           SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
              return self;
            }
        }
    }

  store_free (self);
  if (!existed)
    remove_database_files (path);
  return NULL;
}

void
ef_store_close (EfStore *self)
{
  if (self == NULL)
    return;
  store_free (self);
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
  stmt = _ef_store_prepare_cached (self,
                                   EF_STORE_SQL (self, "PRAGMA data_version",
                                                 "SELECT settings_serial FROM ef_schema"),
                                   error);
  if (stmt == NULL)
    return FALSE;
  if (ef_db_step (stmt) != EF_DB_ROW)
    {
      _ef_store_set_sql_error (self, error, "reading the data version");
      return FALSE;
    }
  stamp->data_version = ef_db_column_int64 (stmt, 0);
  /* PostgreSQL's serial is the database's, the same on every connection
   * (triggers bump it); SQLite's data_version is this connection's, and
   * our own writes need our serial. */
  stamp->serial = self->kind == EF_DB_POSTGRESQL ? 0 : self->settings_serial;
  return TRUE;
}

gboolean
ef_store_get_test_clock (EfStore  *self,
                         gint64   *now_us,
                         GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL && now_us != NULL, FALSE);

  *now_us = 0;
  stmt = _ef_store_prepare_cached (self, "SELECT now_us FROM test_clock", error);
  if (stmt == NULL)
    return FALSE;
  rc = _ef_store_step (self, stmt, "reading the test clock", error);
  if (rc == EF_DB_ROW)
    *now_us = ef_db_column_int64 (stmt, 0);
  return rc == EF_DB_ROW || rc == EF_DB_DONE;
}

gboolean
ef_store_set_test_clock (EfStore  *self,
                         gint64    now_us,
                         GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (now_us == 0)
    stmt = _ef_store_prepare (self, "DELETE FROM test_clock", error);
  else
    stmt = _ef_store_prepare (self,
                              "INSERT INTO test_clock (id, now_us) VALUES (1, ?1)"
                              " ON CONFLICT (id) DO UPDATE SET now_us = excluded.now_us",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (now_us != 0)
    ef_db_bind_int64 (stmt, 1, now_us);
  return _ef_store_step_done (self, stmt, "setting the test clock", error);
}

void
_ef_store_settings_changed (EfStore *self)
{
  /* On PostgreSQL, triggers bump the database's serial (migration 11). */
  self->settings_serial++;
}

/* The store's code for the connection's last failure. */
static EfStoreError
sql_error_code (EfStore *self)
{
  return ef_db_error_kind (self->db) == EF_DB_ERROR_FULL ? EF_STORE_ERROR_FULL : EF_STORE_ERROR_SQL;
}

void
_ef_store_set_sql_error (EfStore     *self,
                         GError     **error,
                         const char  *what)
{
  g_set_error (error, EF_STORE_ERROR, sql_error_code (self),
               "%s: %s (%s)", what, ef_db_errmsg (self->db), ef_db_errcode (self->db));
}

gboolean
_ef_store_exec (EfStore     *self,
                const char  *sql,
                GError     **error)
{
  if (!ef_db_exec (self->db, sql))
    {
      g_set_error (error, EF_STORE_ERROR, sql_error_code (self), "%s", ef_db_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

EfDbStmt *
_ef_store_prepare (EfStore     *self,
                   const char  *sql,
                   GError     **error)
{
  EfDbStmt *stmt = ef_db_prepare (self->db, sql, FALSE);

  if (stmt == NULL)
    _ef_store_set_sql_error (self, error, "prepare");
  return stmt;
}

EfStoreStmt *
_ef_store_prepare_cached (EfStore     *self,
                          const char  *sql,
                          GError     **error)
{
  EfDbStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  stmt = ef_db_prepare (self->db, sql, TRUE);
  if (stmt == NULL)
    {
      _ef_store_set_sql_error (self, error, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

void
_ef_store_stmt_release (EfStoreStmt *stmt)
{
  ef_db_reset (stmt);
  ef_db_clear_bindings (stmt);
}

gboolean
_ef_store_begin (EfStore  *self,
                 GError  **error)
{
  /* IMMEDIATE takes the write lock now, so that the transaction never
   * fails half-way with SQLITE_BUSY; PostgreSQL's writers take the same
   * turns through an advisory lock, across instances. */
  if (_ef_store_exec (self,
                      EF_STORE_SQL (self, "BEGIN IMMEDIATE", "BEGIN; " PG_WRITE_LOCK),
                      error))
    return TRUE;
  /* On PostgreSQL the BEGIN has taken even when the lock has not (a
   * timeout, a cancel): end that transaction, or nothing works after. */
  _ef_store_rollback (self);
  return FALSE;
}

gboolean
_ef_store_begin_tenant (EfStore     *self,
                        const char  *tenant_id,
                        GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  if (self->kind == EF_DB_SQLITE)
    return _ef_store_begin (self, error);

  /* The writers of one tenant take turns; those of different tenants go
   * side by side; a writer of everything (_ef_store_begin()) waits for
   * them all, and they for it: the shared hold of its lock. */
  if (!_ef_store_exec (self, "BEGIN", error))
    return FALSE;
  stmt = _ef_store_prepare_cached (self,
                                   "SELECT pg_advisory_xact_lock_shared (1164468589),"
                                   "       pg_advisory_xact_lock (1164468589, hashtext (?1))",
                                   error);
  if (stmt == NULL ||
      (ef_db_bind_text (stmt, 1, tenant_id, -1),
       _ef_store_step (self, stmt, "waiting for the tenant's writers", error) != EF_DB_ROW))
    {
      _ef_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ef_store_begin_read (EfStore  *self,
                      GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  if (self->kind != EF_DB_SQLITE)
    return _ef_store_exec (self, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error);

  /* Kept prepared: sqlite3_exec() would parse it each time (a planning
   * GET begins one). DEFERRED takes no lock until the first read. */
  stmt = _ef_store_prepare_cached (self, "BEGIN DEFERRED", error);
  return stmt != NULL && _ef_store_step_done (self, stmt, "beginning a read", error);
}

gboolean
ef_store_begin_reads (EfStore *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->kind != EF_DB_SQLITE || ef_db_in_transaction (self->db) ||
      !_ef_store_begin_read (self, NULL))
    return FALSE;
  self->reads_open = TRUE;
  return TRUE;
}

void
ef_store_end_reads (EfStore *self)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  g_return_if_fail (self != NULL);

  if (!self->reads_open)
    return;
  self->reads_open = FALSE;
  stmt = _ef_store_prepare_cached (self, "COMMIT", NULL);
  if (stmt == NULL || ef_db_step (stmt) != EF_DB_DONE)
    _ef_store_rollback (self);
}

gboolean
ef_store_in_reads (EfStore *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->reads_open;
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
  if (ef_db_in_transaction (self->db))
    _ef_store_exec (self, "ROLLBACK", NULL);
}

gboolean
_ef_store_begin_owned (EfStore   *self,
                       gboolean  *owned,
                       GError   **error)
{
  /* A transaction spoilt and left behind (a caller that forgot its
   * rollback) would refuse everything on this connection from now on. */
  if (ef_db_transaction_failed (self->db))
    {
      g_warning ("A failed transaction was left open on %s: rolled back", self->display);
      _ef_store_rollback (self);
    }
  *owned = !ef_db_in_transaction (self->db);
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
