/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-maintenance.c: backup, restore and health checks of the database
 *
 * These work on a database file rather than an open EfStore: they must not
 * migrate it, and they run beside a server that has it open.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <sqlite3.h>

#include "ef-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
#include "ef-store-maintenance.h"

/* How long a statement waits for another connection's lock. */
#define BUSY_TIMEOUT_MS 5000
/* A backup copies this many pages (4 KiB each by default) per step. */
#define BACKUP_PAGES_PER_STEP 256
/* How long a backup step that finds the database locked waits, in all. */
#define BACKUP_BUSY_LIMIT_MS 60000
#define BACKUP_BUSY_WAIT_MS 20
/* The most lines of PRAGMA integrity_check a check reports. */
#define INTEGRITY_MAX_ERRORS 20

#define KEPT_SUFFIX ".before-restore"

static const char * const companion_suffixes[] = { "-wal", "-shm", "-journal" };

/* Rows that point at nothing SQLite's foreign keys can see, or at another
 * family's or municipality's rows. Each query counts them; @since is the
 * schema version that brought the tables it reads. */
typedef enum {
  ORPHAN_ACCOUNT_MEMBER_FAMILY,
  ORPHAN_ACCOUNT_TENANT,
  ORPHAN_SESSION_TENANT,
  ORPHAN_ENROLMENT_TENANT,
  ORPHAN_RESERVATION_TENANT,
  ORPHAN_ALLOCATION_FAMILY,
  ORPHAN_INVOICE_LINES,
  ORPHAN_ACTIVITY_SITE_TENANT,
  ORPHAN_ACTIVITY_YEAR_TENANT,
  ORPHAN_ACTIVITY_PRICE,
} OrphanKind;

static const struct {
  OrphanKind  kind;
  guint       since;
  const char *sql;
} orphan_queries[] = {
  { ORPHAN_ACCOUNT_MEMBER_FAMILY, 2,
    "SELECT count(*) FROM accounts a JOIN members m ON m.id = a.member_id"
    " WHERE m.family_id <> a.family_id" },
  { ORPHAN_ACCOUNT_TENANT, 2,
    "SELECT count(*) FROM accounts a JOIN families f ON f.id = a.family_id"
    " WHERE f.tenant_id <> a.tenant_id" },
  { ORPHAN_SESSION_TENANT, 2,
    "SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id"
    " WHERE a.tenant_id <> s.tenant_id" },
  { ORPHAN_ENROLMENT_TENANT, 3,
    "SELECT count(*) FROM enrolments e"
    "  JOIN members m ON m.id = e.member_id"
    "  JOIN families f ON f.id = m.family_id"
    "  JOIN activities a ON a.id = e.activity_id"
    " WHERE a.tenant_id <> f.tenant_id" },
  { ORPHAN_RESERVATION_TENANT, 3,
    "SELECT count(*) FROM reservations r"
    "  JOIN members m ON m.id = r.member_id"
    "  JOIN families f ON f.id = m.family_id"
    "  JOIN activities a ON a.id = r.activity_id"
    " WHERE a.tenant_id <> f.tenant_id" },
  { ORPHAN_ALLOCATION_FAMILY, 4,
    "SELECT count(*) FROM payment_allocations pa"
    "  JOIN payments p ON p.id = pa.payment_id"
    "  JOIN invoices i ON i.id = pa.invoice_id"
    " WHERE i.family_id <> p.family_id" },
  { ORPHAN_INVOICE_LINES, 4,
    "SELECT count(*) FROM invoices i"
    " WHERE i.amount_cents <> (SELECT coalesce (sum (l.amount_cents), 0)"
    "                            FROM invoice_lines l WHERE l.invoice_id = i.id)" },
  { ORPHAN_ACTIVITY_SITE_TENANT, 6,
    "SELECT count(*) FROM activity_sites s JOIN activities a ON a.id = s.activity_id"
    " WHERE a.tenant_id <> s.tenant_id" },
  { ORPHAN_ACTIVITY_YEAR_TENANT, 6,
    "SELECT count(*) FROM activity_school_years y JOIN activities a ON a.id = y.activity_id"
    " WHERE a.tenant_id <> y.tenant_id" },
  { ORPHAN_ACTIVITY_PRICE, 6,
    "SELECT count(*) FROM activities a"
    " WHERE NOT EXISTS (SELECT 1 FROM activity_prices p WHERE p.activity_id = a.id)" },
};

static char *
describe_orphans (OrphanKind kind,
                  guint      n)
{
  switch (kind)
    {
    case ORPHAN_ACCOUNT_MEMBER_FAMILY:
      return g_strdup_printf (ngettext ("%u account belongs to a member of another family",
                                        "%u accounts belong to members of another family", n), n);
    case ORPHAN_ACCOUNT_TENANT:
      return g_strdup_printf (ngettext ("%u account is in another municipality than its family",
                                        "%u accounts are in another municipality than their family", n), n);
    case ORPHAN_SESSION_TENANT:
      return g_strdup_printf (ngettext ("%u session is in another municipality than its account",
                                        "%u sessions are in another municipality than their account", n), n);
    case ORPHAN_ENROLMENT_TENANT:
      return g_strdup_printf (ngettext ("%u enrolment is in an activity of another municipality than the child’s",
                                        "%u enrolments are in activities of another municipality than the child’s", n), n);
    case ORPHAN_RESERVATION_TENANT:
      return g_strdup_printf (ngettext ("%u reservation is for an activity of another municipality than the child’s",
                                        "%u reservations are for activities of another municipality than the child’s", n), n);
    case ORPHAN_ALLOCATION_FAMILY:
      return g_strdup_printf (ngettext ("%u payment pays an invoice of another family",
                                        "%u payments pay invoices of another family", n), n);
    case ORPHAN_INVOICE_LINES:
      return g_strdup_printf (ngettext ("%u invoice’s amount is not the sum of its lines",
                                        "%u invoices’ amounts are not the sum of their lines", n), n);
    case ORPHAN_ACTIVITY_SITE_TENANT:
      return g_strdup_printf (ngettext ("%u activity runs at a site of another municipality",
                                        "%u activities run at sites of another municipality", n), n);
    case ORPHAN_ACTIVITY_YEAR_TENANT:
      return g_strdup_printf (ngettext ("%u activity is open in a school year of another municipality",
                                        "%u activities are open in school years of another municipality", n), n);
    case ORPHAN_ACTIVITY_PRICE:
      return g_strdup_printf (ngettext ("%u activity has no price",
                                        "%u activities have no price", n), n);
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------- files */

/* An error about the file @path, from errno @saved_errno: @sentence is
 * a translated format with the file's name, then the reason. */
#define set_io_error(error, saved_errno, sentence, path) \
  G_STMT_START { \
    int set_io_error_errno = (saved_errno); \
    g_autofree char *set_io_error_display = g_filename_display_name (path); \
    g_set_error ((error), G_IO_ERROR, g_io_error_from_errno (set_io_error_errno), (sentence), \
                 set_io_error_display, g_strerror (set_io_error_errno)); \
  } G_STMT_END

static gboolean
sync_path (const char  *path,
           gboolean     folder,
           GError     **error)
{
  int fd = open (path, (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  /* Some file systems cannot sync a folder: the rename is still done. */
  if (folder && (saved_errno == EINVAL || saved_errno == ENOTSUP))
    return TRUE;
  set_io_error (error, saved_errno, _("Cannot write “%s” to the disk: %s"), path);
  return FALSE;
}

static void
remove_with_companions (const char *path)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, companion_suffixes[i], NULL);

      g_unlink (companion);
    }
}

/* TRUE when @path exists and is @db_path or one of its companion files:
 * writing there would destroy the database. */
static gboolean
is_database_file (const char *path,
                  const char *db_path)
{
  GStatBuf target, other;

  if (g_stat (path, &target) != 0)
    return FALSE;
  if (g_stat (db_path, &other) == 0 && other.st_dev == target.st_dev && other.st_ino == target.st_ino)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (db_path, companion_suffixes[i], NULL);

      if (g_stat (companion, &other) == 0 && other.st_dev == target.st_dev && other.st_ino == target.st_ino)
        return TRUE;
    }
  return FALSE;
}

/* An empty file, readable by its owner only, beside @path: the copy is
 * written there and renamed into place only once complete. */
static char *
create_part_file (const char  *path,
                  GError     **error)
{
  g_autofree char *part = g_strconcat (path, ".part-XXXXXX", NULL);
  int fd = g_mkstemp_full (part, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_io_error (error, errno, _("Cannot write the file “%s”: %s"), path);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&part);
}

/* ------------------------------------------------------------ sqlite */

static void
close_db (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

typedef sqlite3 EfMaintenanceDb;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfMaintenanceDb, close_db)

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          int         *rc_out)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc_out != NULL)
    *rc_out = rc;
  return rc == SQLITE_OK;
}

static void
set_db_error (GError     **error,
              int          code,
              const char  *path,
              const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, EF_STORE_ERROR, code,
               _("Cannot open the database “%s”: %s"), display, reason);
}

/* Opens an existing database for reading only: query_only forbids any
 * change. It is opened read-write all the same so that closing it, as the
 * last connection, folds the write-ahead log back and removes the -wal and
 * -shm files, instead of leaving them behind owned by whoever ran the
 * command, where the server's own user could not open them. Checks that it
 * is a database of ours and reads its schema version. */
static sqlite3 *
open_existing (const char  *path,
               guint       *schema_version,
               GError     **error)
{
  g_autoptr(EfMaintenanceDb) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *display = g_filename_display_name (path);
  guint32 application_id;
  gint64 n_objects;
  guint version;
  int rc;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: it is a folder"), display);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: it does not exist"), display);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, EF_STORE_ERROR_OPEN, path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  exec_sql (db, "PRAGMA query_only = ON", NULL);

  rc = sqlite3_prepare_v2 (db,
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
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (error, EF_STORE_ERROR_OPEN, path, sqlite3_errmsg (db));
      return NULL;
    }

  version = (guint) sqlite3_column_int64 (stmt, 0);
  application_id = (guint32) sqlite3_column_int64 (stmt, 1);
  n_objects = sqlite3_column_int64 (stmt, 2);
  if (application_id == 0 && (version != 0 || n_objects != 0))
    application_id = G_MAXUINT32;   /* someone else's non-empty database */
  if (application_id != 0 && application_id != EF_STORE_APPLICATION_ID)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE,
                   _("Cannot open the database “%s”: it is a SQLite database of another program"),
                   display);
      return NULL;
    }

  *schema_version = version;
  return g_steal_pointer (&db);
}

static gboolean
check_not_too_new (const char  *path,
                   guint        version,
                   GError     **error)
{
  g_autofree char *display = NULL;

  if (version <= _ef_store_n_migrations)
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_TOO_NEW,
               _("The database “%s” has schema version %u but this espace-famille-server knows versions up to %u only: use a newer espace-famille-server"),
               display, version, _ef_store_n_migrations);
  return FALSE;
}

/* The lines of PRAGMA integrity_check that are not "ok" (none for a
 * sound database), or the error that stopped it. */
static GPtrArray *
run_integrity_check (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (" G_STRINGIFY (INTEGRITY_MAX_ERRORS) ")",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (line, "ok") != 0)
            g_ptr_array_add (problems, g_strdup (line));
        }
    }
  if (rc != SQLITE_DONE)
    g_ptr_array_add (problems, g_strdup (sqlite3_errmsg (db)));
  return problems;
}

static char *
join_problems (GPtrArray *problems)
{
  g_ptr_array_add (problems, NULL);
  return g_strjoinv ("; ", (char **) problems->pdata);
}

/* Copies @src into @dst with the online backup API, in steps. */
static gboolean
copy_database (sqlite3     *src,
               const char  *src_path,
               sqlite3     *dst,
               const char  *dst_path,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) mode = NULL;
  sqlite3_backup *backup;
  gboolean snapshot = FALSE;
  guint waited = 0;
  int rc;

  /* In WAL mode, one read transaction held across the steps is one
   * snapshot: the copy is of one instant, it does not start over each time
   * the server commits, and it blocks no writer (readers never do in WAL
   * mode). Other modes release the lock between steps, so that writers
   * get in; SQLite then starts over when the database changed. */
  if (sqlite3_prepare_v2 (src, "PRAGMA journal_mode", -1, &mode, NULL) == SQLITE_OK &&
      sqlite3_step (mode) == SQLITE_ROW &&
      g_strcmp0 ((const char *) sqlite3_column_text (mode, 0), "wal") == 0)
    snapshot = TRUE;
  g_clear_pointer (&mode, sqlite3_finalize);

  if (snapshot && !exec_sql (src, "BEGIN; SELECT count(*) FROM sqlite_schema;", &rc))
    {
      g_autofree char *display = g_filename_display_name (src_path);

      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                   _("Cannot read the database “%s”: %s"), display, sqlite3_errmsg (src));
      return FALSE;
    }

  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      g_autofree char *display = g_filename_display_name (dst_path);

      if (snapshot)
        exec_sql (src, "COMMIT", NULL);
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                   _("Cannot write the file “%s”: %s"), display, sqlite3_errmsg (dst));
      return FALSE;
    }

  for (;;)
    {
      rc = sqlite3_backup_step (backup, BACKUP_PAGES_PER_STEP);
      if (rc == SQLITE_OK)
        {
          if (!snapshot)
            sqlite3_sleep (1);
          continue;
        }
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          if (waited >= BACKUP_BUSY_LIMIT_MS)
            break;
          sqlite3_sleep (BACKUP_BUSY_WAIT_MS);
          waited += BACKUP_BUSY_WAIT_MS;
          continue;
        }
      break;
    }
  sqlite3_backup_finish (backup);
  if (snapshot)
    exec_sql (src, "COMMIT", NULL);

  if (rc != SQLITE_DONE)
    {
      g_autofree char *display = g_filename_display_name (src_path);

      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                   _("Cannot copy the database “%s”: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* One file (no write-ahead log), whose integrity_check says ok. */
static gboolean
finish_copy (sqlite3     *db,
             const char  *shown_path,
             GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  exec_sql (db, "PRAGMA journal_mode = DELETE", NULL);

  problems = run_integrity_check (db);
  if (problems->len > 0)
    {
      g_autofree char *display = g_filename_display_name (shown_path);
      g_autofree char *text = join_problems (problems);

      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                   _("The copy for “%s” failed its integrity check, it was not kept: %s"),
                   display, text);
      return FALSE;
    }
  return TRUE;
}

/* Copies @src into a new file beside @path, checks it and closes it;
 * returns the part file's name. */
static char *
write_checked_copy (sqlite3     *src,
                    const char  *src_path,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(EfMaintenanceDb) dst = NULL;
  g_autofree char *part = NULL;
  g_autofree char *display = NULL;
  int rc;

  part = create_part_file (path, error);
  if (part == NULL)
    return NULL;

  rc = sqlite3_open_v2 (part, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      display = g_filename_display_name (path);
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN, _("Cannot write the file “%s”: %s"),
                   display, dst ? sqlite3_errmsg (dst) : sqlite3_errstr (rc));
      remove_with_companions (part);
      return NULL;
    }
  sqlite3_extended_result_codes (dst, 1);

  if (!copy_database (src, src_path, dst, path, error) ||
      !finish_copy (dst, path, error))
    {
      g_clear_pointer (&dst, close_db);
      remove_with_companions (part);
      return NULL;
    }

  if (sqlite3_close (dst) != SQLITE_OK)
    {
      display = g_filename_display_name (path);
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL, _("Cannot write the file “%s”: %s"),
                   display, sqlite3_errmsg (dst));
      remove_with_companions (part);
      return NULL;
    }
  dst = NULL;

  if (!sync_path (part, FALSE, error))
    {
      remove_with_companions (part);
      return NULL;
    }
  return g_steal_pointer (&part);
}

static void
fill_info (EfStoreFileInfo *info,
           const char      *path,
           guint            schema_version)
{
  GStatBuf buf;

  if (info == NULL)
    return;
  info->size = g_stat (path, &buf) == 0 ? (goffset) buf.st_size : 0;
  info->schema_version = schema_version;
}

/* Backups, restores and checks here are of a SQLite file; PostgreSQL has
 * its own tools, which know its files. */
static gboolean
refuse_postgresql (const char  *db_path,
                   GError     **error)
{
  if (!ef_db_location_is_postgresql (db_path))
    return FALSE;
  g_set_error_literal (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                       _("This command works on a SQLite database file: back up a PostgreSQL database with pg_dump, restore it with pg_restore and check it with pg_amcheck"));
  return TRUE;
}

/* ------------------------------------------------------------- backup */

gboolean
ef_store_backup_file (const char       *db_path,
                      const char       *to_path,
                      gboolean          force,
                      EfStoreFileInfo  *info,
                      GError          **error)
{
  g_autoptr(EfMaintenanceDb) src = NULL;
  g_autofree char *part = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *display = NULL;
  guint version = 0;

  g_return_val_if_fail (db_path != NULL && to_path != NULL, FALSE);

  if (refuse_postgresql (db_path, error))
    return FALSE;
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (to_path);
  if (is_database_file (to_path, db_path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Refusing to write the backup over the database itself (“%s”)"), display);
      return FALSE;
    }
  if (g_file_test (to_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Cannot write “%s”: it is a folder"), display);
      return FALSE;
    }
  if (!force && g_file_test (to_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("The file “%s” exists already"), display);
      return FALSE;
    }
  folder = g_path_get_dirname (to_path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *folder_display = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot write “%s”: the folder “%s” does not exist"), display, folder_display);
      return FALSE;
    }

  src = open_existing (db_path, &version, error);
  if (src == NULL)
    return FALSE;

  part = write_checked_copy (src, db_path, to_path, error);
  if (part == NULL)
    return FALSE;
  g_clear_pointer (&src, close_db);

  if (force)
    {
      if (g_rename (part, to_path) != 0)
        {
          set_io_error (error, errno, _("Cannot write the file “%s”: %s"), to_path);
          g_unlink (part);
          return FALSE;
        }
    }
  else if (link (part, to_path) == 0)
    g_unlink (part);
  else if (errno == EEXIST)
    {
      /* Created while the copy was written: still not ours to replace. */
      g_unlink (part);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("The file “%s” exists already"), display);
      return FALSE;
    }
  else
    {
      /* A file system without hard links: test, then rename. */
      int saved_errno = 0;

      if (g_file_test (to_path, G_FILE_TEST_EXISTS))
        saved_errno = EEXIST;
      else if (g_rename (part, to_path) != 0)
        saved_errno = errno;

      if (saved_errno != 0)
        {
          g_unlink (part);
          if (saved_errno == EEXIST)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("The file “%s” exists already"), display);
          else
            set_io_error (error, saved_errno, _("Cannot write the file “%s”: %s"), to_path);
          return FALSE;
        }
    }

  if (!sync_path (folder, TRUE, error))
    return FALSE;

  fill_info (info, to_path, version);
  return TRUE;
}

/* ------------------------------------------------------------ restore */

/* Leaves @db_path as one file, its write-ahead log folded back; refuses
 * while another program has it open (leaving WAL mode needs to be alone).
 * A file SQLite cannot read at all is left as it is. */
static gboolean
quiesce_database (const char  *db_path,
                  GError     **error)
{
  g_autoptr(EfMaintenanceDb) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    return TRUE;
  sqlite3_extended_result_codes (db, 1);

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  /* Leaving WAL mode fails, or answers "wal", while others have it open. */
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ||
      (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0))
    {
      g_autofree char *display = g_filename_display_name (db_path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("Another program has the database “%s” open: stop it first"), display);
      return FALSE;
    }
  return TRUE;
}

/* Renames @from's companion files (a log that could not be folded back)
 * to @to's, so that the kept copy stays whole. */
static void
move_companions (const char *from,
                 const char *to)
{
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *a = g_strconcat (from, companion_suffixes[i], NULL);
      g_autofree char *b = g_strconcat (to, companion_suffixes[i], NULL);

      if (g_file_test (a, G_FILE_TEST_EXISTS) && g_rename (a, b) != 0)
        g_unlink (a);
    }
}

gboolean
ef_store_restore_file (const char       *db_path,
                       const char       *from_path,
                       gboolean          force,
                       char            **kept_path,
                       EfStoreFileInfo  *info,
                       GError          **error)
{
  g_autoptr(EfMaintenanceDb) src = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *part = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *display = NULL;
  g_autofree char *from_display = NULL;
  gboolean existed, linked = FALSE;
  GStatBuf like;
  guint version = 0;
  int lock_fd = -1;
  gboolean ok = FALSE;

  g_return_val_if_fail (db_path != NULL && from_path != NULL, FALSE);

  if (refuse_postgresql (db_path, error))
    return FALSE;
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kept_path != NULL)
    *kept_path = NULL;
  display = g_filename_display_name (db_path);
  from_display = g_filename_display_name (from_path);

  if (is_database_file (from_path, db_path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Refusing to restore the database “%s” from itself"), display);
      return FALSE;
    }
  if (g_file_test (db_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: it is a folder"), display);
      return FALSE;
    }
  folder = g_path_get_dirname (db_path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *folder_display = g_filename_display_name (folder);

      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_OPEN,
                   _("Cannot create the database “%s”: the folder “%s” does not exist"),
                   display, folder_display);
      return FALSE;
    }

  /* The backup first: a bad one must not cost the database in place. */
  src = open_existing (from_path, &version, error);
  if (src == NULL || !check_not_too_new (from_path, version, error))
    return FALSE;
  problems = run_integrity_check (src);
  if (problems->len > 0)
    {
      g_autofree char *text = join_problems (problems);

      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE,
                   _("The backup “%s” failed its integrity check: %s"), from_display, text);
      return FALSE;
    }

  existed = g_file_test (db_path, G_FILE_TEST_EXISTS);
  if (existed)
    {
      lock_fd = open (db_path, O_RDONLY | O_CLOEXEC);
      if (lock_fd < 0)
        {
          set_io_error (error, errno, _("Cannot open the database “%s”: %s"), db_path);
          return FALSE;
        }
      if (flock (lock_fd, LOCK_EX | LOCK_NB) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("A server is serving the database “%s”: stop it first"), display);
          goto out;
        }
      if (!force)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("The file “%s” exists already"), display);
          goto out;
        }
      if (!quiesce_database (db_path, error))
        goto out;
      if (g_stat (db_path, &like) != 0)
        {
          set_io_error (error, errno, _("Cannot open the database “%s”: %s"), db_path);
          goto out;
        }
    }
  else if (g_stat (folder, &like) == 0)
    like.st_mode = S_IFREG | 0600;
  else
    {
      set_io_error (error, errno, _("Cannot open the database “%s”: %s"), db_path);
      goto out;
    }

  part = write_checked_copy (src, from_path, db_path, error);
  if (part == NULL)
    goto out;
  g_clear_pointer (&src, close_db);

  /* The server's user must be able to open what root restored. */
  if (chown (part, like.st_uid, like.st_gid) != 0)
    g_debug ("Cannot give %s the owner of %s: %s", part, db_path, g_strerror (errno));
  g_chmod (part, like.st_mode & 0666);

  if (existed)
    {
      kept = g_strconcat (db_path, KEPT_SUFFIX, NULL);
      remove_with_companions (kept);
      linked = link (db_path, kept) == 0;
      if (!linked && g_rename (db_path, kept) != 0)
        {
          set_io_error (error, errno, _("Cannot keep the database in place as “%s”: %s"), kept);
          g_unlink (part);
          goto out;
        }
      move_companions (db_path, kept);
    }

  if (g_rename (part, db_path) != 0)
    {
      int saved_errno = errno;

      if (existed && !linked)
        g_rename (kept, db_path);
      g_unlink (part);
      set_io_error (error, saved_errno, _("Cannot write the file “%s”: %s"), db_path);
      goto out;
    }
  if (!sync_path (folder, TRUE, error))
    goto out;

  fill_info (info, db_path, version);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  ok = TRUE;

out:
  if (lock_fd >= 0)
    close (lock_fd);
  return ok;
}

int
ef_store_lock_shared (const char  *db_path,
                      GError     **error)
{
  int fd;

  g_return_val_if_fail (db_path != NULL, -1);

  /* A file that cannot be opened is for ef_store_open() to explain. */
  if (ef_db_location_is_postgresql (db_path))
    return -2;
  fd = open (db_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -2;
  if (flock (fd, LOCK_SH | LOCK_NB) != 0)
    {
      g_autofree char *display = g_filename_display_name (db_path);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The database “%s” is being restored: start again once the restore has finished"),
                   display);
      return -1;
    }
  return fd;
}

/* -------------------------------------------------------------- check */

static void
add_problem (EfStoreCheck *check,
             char         *sentence)
{
  g_ptr_array_add (check->problems, sentence);
}

static void
check_integrity (sqlite3      *db,
                 EfStoreCheck *check)
{
  g_autoptr(GPtrArray) problems = run_integrity_check (db);

  for (guint i = 0; i < problems->len; i++)
    add_problem (check, g_strdup_printf (_("Integrity: %s"), (const char *) g_ptr_array_index (problems, i)));
}

static void
check_foreign_keys (sqlite3      *db,
                    EfStoreCheck *check)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check"
                           " GROUP BY 1, 2 ORDER BY 1, 2",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *table = (const char *) sqlite3_column_text (stmt, 0);
          const char *parent = (const char *) sqlite3_column_text (stmt, 1);
          guint n = (guint) sqlite3_column_int64 (stmt, 2);

          add_problem (check, g_strdup_printf (ngettext ("%u row of “%s” refers to a row of “%s” that does not exist",
                                                         "%u rows of “%s” refer to rows of “%s” that do not exist", n),
                                               n, table, parent));
        }
    }
  if (rc != SQLITE_DONE)
    add_problem (check, g_strdup_printf (_("Foreign keys: %s"), sqlite3_errmsg (db)));
}

static void
check_orphans (sqlite3      *db,
               EfStoreCheck *check)
{
  for (guint i = 0; i < G_N_ELEMENTS (orphan_queries); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (check->schema_version < orphan_queries[i].since)
        continue;

      rc = sqlite3_prepare_v2 (db, orphan_queries[i].sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          add_problem (check, g_strdup_printf (_("Cannot look for orphan rows: %s"), sqlite3_errmsg (db)));
          continue;
        }
      if (sqlite3_column_int64 (stmt, 0) > 0)
        add_problem (check, describe_orphans (orphan_queries[i].kind,
                                              (guint) sqlite3_column_int64 (stmt, 0)));
    }
}

EfStoreCheck *
ef_store_check_file (const char  *db_path,
                     GError     **error)
{
  g_autoptr(EfMaintenanceDb) db = NULL;
  g_autoptr(EfStoreCheck) check = NULL;
  guint version = 0;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (refuse_postgresql (db_path, error))
    return NULL;
  db = open_existing (db_path, &version, error);
  if (db == NULL || !check_not_too_new (db_path, version, error))
    return NULL;

  check = g_new0 (EfStoreCheck, 1);
  check->schema_version = version;
  check->latest_version = _ef_store_n_migrations;
  check->problems = g_ptr_array_new_with_free_func (g_free);

  /* One read transaction: one snapshot, even while a server writes. */
  exec_sql (db, "BEGIN", NULL);
  check_integrity (db, check);
  check_foreign_keys (db, check);
  check_orphans (db, check);
  exec_sql (db, "COMMIT", NULL);

  return g_steal_pointer (&check);
}

void
ef_store_check_free (EfStoreCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->problems, g_ptr_array_unref);
  g_free (check);
}

/* -------------------------------------------------------- live store */

/* Steps @stmt, whose first column is the schema version: the one the
 * server started with, or an error. */
static gboolean
check_live_version (EfStore      *self,
                    EfStoreStmt  *stmt,
                    GError      **error)
{
  if (ef_db_step (stmt) != EF_DB_ROW)
    {
      _ef_store_set_sql_error (self, error, "reading the database");
      return FALSE;
    }
  if ((guint) ef_db_column_int64 (stmt, 0) != self->schema_version)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_TOO_NEW,
                   "The database's schema changed under the server (version %u, was %u)",
                   (guint) ef_db_column_int64 (stmt, 0), self->schema_version);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ping_postgresql (EfStore  *self,
                 GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT (SELECT version FROM ef_schema),"
                                   "       (SELECT count(*) FROM tenants)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  return check_live_version (self, stmt, error);
}

gboolean
ef_store_ping (EfStore  *self,
               GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  sqlite3_file *file = NULL;
  unsigned char header[100];
  guint32 application_id;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The file's header through the VFS, not the page cache: a file
   * truncated, overwritten or unreadable under the server shows at once. */
  if (self->kind == EF_DB_POSTGRESQL)
    return ping_postgresql (self, error);

  rc = sqlite3_file_control (ef_db_get_sqlite (self->db), "main", SQLITE_FCNTL_FILE_POINTER,
                             &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    {
      g_set_error_literal (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL, "The database file is not open");
      return FALSE;
    }
  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                   "Cannot read the database file's header: %s", sqlite3_errstr (rc));
      return FALSE;
    }
  application_id = (guint32) header[68] << 24 | (guint32) header[69] << 16 |
                   (guint32) header[70] << 8 | (guint32) header[71];
  if (memcmp (header, "SQLite format 3", 16) != 0 || application_id != EF_STORE_APPLICATION_ID)
    {
      g_set_error_literal (error, EF_STORE_ERROR, EF_STORE_ERROR_NOT_DATABASE,
                           "The database file's header is not ours any more");
      return FALSE;
    }

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT (SELECT user_version FROM pragma_user_version),"
                                   "       (SELECT count(*) FROM tenants)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  return check_live_version (self, stmt, error);
}

/* A server's checkpoints, on a thread and a connection of their own: run
 * by a commit, as SQLite's automatic checkpoint is, the copy of the log
 * into the file and its two fsyncs (every thousand pages) made that
 * request wait several times as long as the others. A commit stays
 * durable by its own fsync of the log (synchronous = FULL); a checkpoint
 * only moves committed pages, and one cut short is redone. */
#define BACKGROUND_CHECKPOINT_PAGES 1000    /* SQLite's own default */

static GMutex       checkpoints_lock;
static GCond        checkpoint_done;
static GHashTable  *checkpoints_pending;   /* file names, under checkpoints_lock */
static GThreadPool *checkpointer;

static void
run_background_checkpoint (gpointer data,
                           gpointer user_data)
{
  char *path = data;
  sqlite3 *db = NULL;

  /* A read first opens the log; PASSIVE never waits for the server's
   * reads and writes. */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS) == SQLITE_OK &&
      sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL) == SQLITE_OK &&
      sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) != SQLITE_OK)
    g_debug ("Checkpoint of %s: %s", path, sqlite3_errmsg (db));
  sqlite3_close (db);

  g_mutex_lock (&checkpoints_lock);
  g_hash_table_remove (checkpoints_pending, path);
  g_cond_broadcast (&checkpoint_done);
  g_mutex_unlock (&checkpoints_lock);
  g_free (path);
}

static int
on_wal_commit_cb (void       *user_data,
                  sqlite3    *db,
                  const char *name,
                  int         n_pages)
{
  EfStore *self = user_data;

  /* Once more pages than that since the last one asked for (the log
   * starts again after a checkpoint, at the next write). */
  if (n_pages < self->wal_checkpointed)
    self->wal_checkpointed = 0;
  if (n_pages - self->wal_checkpointed < BACKGROUND_CHECKPOINT_PAGES)
    return SQLITE_OK;
  self->wal_checkpointed = n_pages;

  g_mutex_lock (&checkpoints_lock);
  if (checkpointer == NULL)
    {
      checkpoints_pending = g_hash_table_new (g_str_hash, g_str_equal);
      checkpointer = g_thread_pool_new (run_background_checkpoint, NULL, 1, FALSE, NULL);
    }
  if (!g_hash_table_contains (checkpoints_pending, self->path))
    {
      char *path = g_strdup (self->path);

      g_hash_table_add (checkpoints_pending, path);
      g_thread_pool_push (checkpointer, path, NULL);
    }
  g_mutex_unlock (&checkpoints_lock);
  return SQLITE_OK;
}

void
ef_store_checkpoint_in_background (EfStore *self)
{
  g_return_if_fail (self != NULL);

  if (self->kind != EF_DB_SQLITE)
    return;
  /* Replaces SQLite's own hook, which checkpoints in the commit. */
  sqlite3_wal_hook (ef_db_get_sqlite (self->db), on_wal_commit_cb, self);
}

/* Until no checkpoint of @self's file runs in the background. */
static void
wait_for_background_checkpoint (EfStore *self)
{
  g_mutex_lock (&checkpoints_lock);
  while (checkpoints_pending != NULL && g_hash_table_contains (checkpoints_pending, self->path))
    g_cond_wait (&checkpoint_done, &checkpoints_lock);
  g_mutex_unlock (&checkpoints_lock);
}

void
ef_store_checkpoint (EfStore *self)
{
  int rc;

  g_return_if_fail (self != NULL);

  if (self->kind != EF_DB_SQLITE)
    return;
  wait_for_background_checkpoint (self);
  rc = sqlite3_wal_checkpoint_v2 (ef_db_get_sqlite (self->db), NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                  NULL, NULL);
  if (rc != SQLITE_OK)
    g_debug ("Checkpoint of %s: %s", self->display, ef_db_errmsg (self->db));
}
