/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-db-full.c: a full disk as the store sees it, and what it
 * makes of it: EF_DB_ERROR_FULL, then EF_STORE_ERROR_FULL, for the ways
 * each engine says so, and for nothing else.
 *
 * SQLite through a VFS of this test's own, the default one whose files
 * fail their writes or syncs on demand, with the errno a full disk gives
 * (ENOSPC) or another one (EIO); PostgreSQL (as test-server-db-full-pg)
 * through errors raised with their SQLSTATE. /faults/disk-full and
 * /faults/pg-disk-full (test-server-faults.c) show the same end to end,
 * through the server's answers.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ef-common.h"
#include "ef-test-db.h"
#include "ef-test-server.h"
#include "store/ef-db.h"
#include "store/ef-store.h"

/* ------------------------------------------------------------ the VFS */

static struct {
  sqlite3_vfs  vfs;
  sqlite3_vfs *real;
  int          write_code;   /* what xWrite returns, SQLITE_OK: it writes */
  int          sync_code;    /* what xSync returns, SQLITE_OK: it syncs */
  int          error;        /* the errno that xGetLastError says then */
} shim;

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;        /* the real VFS's file, right after this */
} ShimFile;

#define REAL(file) (((ShimFile *) (file))->real)

static int
shim_close (sqlite3_file *file)
{
  int rc = REAL (file)->pMethods != NULL ? REAL (file)->pMethods->xClose (REAL (file)) : SQLITE_OK;

  file->pMethods = NULL;
  return rc;
}

static int
shim_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
shim_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  if (shim.write_code != SQLITE_OK)
    return shim.write_code;
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
shim_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
shim_sync (sqlite3_file *file, int flags)
{
  if (shim.sync_code != SQLITE_OK)
    return shim.sync_code;
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
shim_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
shim_lock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xLock (REAL (file), lock);
}

static int
shim_unlock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), lock);
}

static int
shim_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
shim_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
shim_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
shim_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
shim_shm_map (sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), region, size, extend, out);
}

static int
shim_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
shim_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
shim_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

/* Version 2: no memory-mapped I/O, whose writes would not come through
 * xWrite. */
static const sqlite3_io_methods shim_io = {
  .iVersion = 2,
  .xClose = shim_close,
  .xRead = shim_read,
  .xWrite = shim_write,
  .xTruncate = shim_truncate,
  .xSync = shim_sync,
  .xFileSize = shim_file_size,
  .xLock = shim_lock,
  .xUnlock = shim_unlock,
  .xCheckReservedLock = shim_check_reserved_lock,
  .xFileControl = shim_file_control,
  .xSectorSize = shim_sector_size,
  .xDeviceCharacteristics = shim_device_characteristics,
  .xShmMap = shim_shm_map,
  .xShmLock = shim_shm_lock,
  .xShmBarrier = shim_shm_barrier,
  .xShmUnmap = shim_shm_unmap,
};

static int
shim_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  ShimFile *shim_file = (ShimFile *) file;
  int rc;

  shim_file->real = (sqlite3_file *) (shim_file + 1);
  memset (shim_file->real, 0, shim.real->szOsFile);
  rc = shim.real->xOpen (shim.real, name, shim_file->real, flags, out_flags);
  file->pMethods = shim_file->real->pMethods != NULL ? &shim_io : NULL;
  return rc;
}

static int
shim_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return shim.real->xDelete (shim.real, name, sync_dir);
}

static int
shim_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return shim.real->xAccess (shim.real, name, flags, out);
}

static int
shim_full_pathname (sqlite3_vfs *vfs, const char *name, int size, char *out)
{
  return shim.real->xFullPathname (shim.real, name, size, out);
}

static int
shim_randomness (sqlite3_vfs *vfs, int size, char *out)
{
  return shim.real->xRandomness (shim.real, size, out);
}

static int
shim_sleep (sqlite3_vfs *vfs, int us)
{
  return shim.real->xSleep (shim.real, us);
}

static int
shim_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return shim.real->xCurrentTimeInt64 (shim.real, out);
}

/* What SQLite reads as the system's errno after an I/O error. */
static int
shim_get_last_error (sqlite3_vfs *vfs, int size, char *out)
{
  if (shim.write_code != SQLITE_OK || shim.sync_code != SQLITE_OK)
    return shim.error;
  return shim.real->xGetLastError != NULL ? shim.real->xGetLastError (shim.real, size, out) : 0;
}

/* Makes the shim the default VFS, for every connection opened after. */
static void
shim_register (void)
{
  shim.real = sqlite3_vfs_find (NULL);
  g_assert_nonnull (shim.real);
  g_assert_cmpint (shim.real->iVersion, >=, 2);
  shim.vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = sizeof (ShimFile) + shim.real->szOsFile,
    .mxPathname = shim.real->mxPathname,
    .zName = "ef-test-full",
    .xOpen = shim_open,
    .xDelete = shim_delete,
    .xAccess = shim_access,
    .xFullPathname = shim_full_pathname,
    .xRandomness = shim_randomness,
    .xSleep = shim_sleep,
    .xGetLastError = shim_get_last_error,
    .xCurrentTimeInt64 = shim_current_time_int64,
  };
  g_assert_cmpint (sqlite3_vfs_register (&shim.vfs, 1), ==, SQLITE_OK);
}

static void
shim_fail (int write_code,
           int sync_code,
           int error)
{
  shim.write_code = write_code;
  shim.sync_code = sync_code;
  shim.error = error;
}

/* ------------------------------------------------------------ fixture */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ef_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "full.db", NULL);
  shim_fail (SQLITE_OK, SQLITE_OK, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  shim_fail (SQLITE_OK, SQLITE_OK, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
skip_unless_sqlite (void)
{
  if (!ef_test_store_is_postgresql ())
    return FALSE;
  g_test_skip ("SQLite only: test-server-db-full runs it");
  return TRUE;
}

/* ------------------------------------------------------------- SQLite */

typedef struct {
  const char    *what;
  int            write_code;
  int            sync_code;
  int            error;
  EfDbErrorKind  kind;
  const char    *code;       /* the extended code, as ef_db_errcode() gives it */
} Failure;

static const Failure failures[] = {
  /* What SQLite's own VFS returns when write() says ENOSPC. */
  { "SQLITE_FULL", SQLITE_FULL, SQLITE_OK, ENOSPC, EF_DB_ERROR_FULL, "13" },
  /* I/O errors whose errno is a full disk… */
  { "SQLITE_IOERR_WRITE, ENOSPC", SQLITE_IOERR_WRITE, SQLITE_OK, ENOSPC, EF_DB_ERROR_FULL, "778" },
  /* A failed sync is not "nothing was saved": the commit may be in the
   * WAL already. */
  { "SQLITE_IOERR_FSYNC, ENOSPC", SQLITE_OK, SQLITE_IOERR_FSYNC, ENOSPC, EF_DB_ERROR_OTHER, "1034" },
#ifdef EDQUOT
  { "SQLITE_IOERR_WRITE, EDQUOT", SQLITE_IOERR_WRITE, SQLITE_OK, EDQUOT, EF_DB_ERROR_FULL, "778" },
#endif
  /* …and whose errno is something else: not a full disk. */
  { "SQLITE_IOERR_WRITE, EIO", SQLITE_IOERR_WRITE, SQLITE_OK, EIO, EF_DB_ERROR_OTHER, "778" },
  { "SQLITE_IOERR_FSYNC, EIO", SQLITE_OK, SQLITE_IOERR_FSYNC, EIO, EF_DB_ERROR_OTHER, "1034" },
};

/* ef-db: each failure of a write transaction's commit (the rollback
 * journal's writes and syncs, with synchronous=FULL) is told apart. */
static void
test_sqlite_db (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *message = NULL;
  EfDb *db;

  if (skip_unless_sqlite ())
    return;

  db = ef_db_open (fixture->path, TRUE, &message);
  g_assert_nonnull (db);
  g_assert_true (ef_db_exec (db, "PRAGMA synchronous = FULL; CREATE TABLE t (x BLOB)"));

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      const Failure *failure = &failures[i];

      shim_fail (failure->write_code, failure->sync_code, failure->error);
      g_assert_false (ef_db_exec (db, "INSERT INTO t VALUES (randomblob (100000))"));
      shim_fail (SQLITE_OK, SQLITE_OK, 0);
      g_test_message ("%s: %s (%s)", failure->what, ef_db_errmsg (db), ef_db_errcode (db));
      g_assert_cmpint (ef_db_error_kind (db), ==, failure->kind);
      g_assert_cmpstr (ef_db_errcode (db), ==, failure->code);
      g_assert_false (ef_db_in_transaction (db));

      /* Nothing was written, and the next write goes through. */
      {
        g_autoptr(EfDbStmt) count = ef_db_prepare (db, "SELECT count(*) FROM t", FALSE);

        g_assert_cmpint (ef_db_step (count), ==, EF_DB_ROW);
        g_assert_cmpint (ef_db_column_int64 (count, 0), ==, i);
      }
      g_assert_true (ef_db_exec (db, "INSERT INTO t VALUES (randomblob (10))"));
    }
  ef_db_close (db);
}

/* The store: a full disk is EF_STORE_ERROR_FULL (which the server answers
 * with 507 storage_full), any other failure EF_STORE_ERROR_SQL. In WAL
 * mode, as the server runs, where a write that finds the disk full is
 * SQLITE_FULL; SQLite (3.40) keeps no errno for an I/O error of a WAL
 * commit, so the I/O errors here are the ones that are not a full disk. */
static void
test_sqlite_store (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;
  gint64 now_us = 0;
  gint64 last = 0;   /* the clock last set */

  if (skip_unless_sqlite ())
    return;

  store = ef_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      const Failure *failure = &failures[i];
      gint64 instant = 1800000000000000 + i;
      EfStoreError expected;

      if (failure->write_code != SQLITE_FULL && failure->kind == EF_DB_ERROR_FULL)
        continue;

      shim_fail (failure->write_code, failure->sync_code, failure->error);
      g_assert_false (ef_store_set_test_clock (store, instant, &error));
      shim_fail (SQLITE_OK, SQLITE_OK, 0);
      g_test_message ("%s: %s", failure->what, error->message);
      expected = failure->kind == EF_DB_ERROR_FULL ? EF_STORE_ERROR_FULL : EF_STORE_ERROR_SQL;
      g_assert_error (error, EF_STORE_ERROR, (int) expected);
      g_clear_error (&error);

      g_assert_true (ef_store_get_test_clock (store, &now_us, &error));
      g_assert_no_error (error);
      g_assert_cmpint (now_us, ==, last);

      /* Room again. */
      g_assert_true (ef_store_set_test_clock (store, instant, &error));
      g_assert_no_error (error);
      last = instant;
    }
}

/* --------------------------------------------------------- PostgreSQL */

static void
test_postgresql_db (void)
{
  g_autofree char *location = NULL;
  g_autofree char *message = NULL;
  EfDb *db;

  if (!ef_test_store_is_postgresql ())
    {
      g_test_skip ("PostgreSQL only: test-server-db-full-pg runs it");
      return;
    }

  location = ef_test_db_create_postgresql ();
  db = ef_db_open (location, FALSE, &message);
  g_assert_nonnull (db);

  /* disk_full: the one SQLSTATE of a full disk. */
  g_assert_false (ef_db_exec (db, "DO $$ BEGIN RAISE EXCEPTION 'could not extend file'"
                                  " USING ERRCODE = 'disk_full'; END $$"));
  g_assert_cmpint (ef_db_error_kind (db), ==, EF_DB_ERROR_FULL);
  g_assert_cmpstr (ef_db_errcode (db), ==, "53100");

  /* The rest of class 53, insufficient resources, is not. */
  g_assert_false (ef_db_exec (db, "DO $$ BEGIN RAISE EXCEPTION 'out of memory'"
                                  " USING ERRCODE = 'out_of_memory'; END $$"));
  g_assert_cmpint (ef_db_error_kind (db), ==, EF_DB_ERROR_OTHER);
  g_assert_cmpstr (ef_db_errcode (db), ==, "53200");
  g_assert_false (ef_db_exec (db, "DO $$ BEGIN RAISE EXCEPTION 'too many connections'"
                                  " USING ERRCODE = 'too_many_connections'; END $$"));
  g_assert_cmpint (ef_db_error_kind (db), ==, EF_DB_ERROR_OTHER);
  g_assert_cmpstr (ef_db_errcode (db), ==, "53300");

  /* And in a statement of a transaction, as the store's writes fail. */
  g_assert_true (ef_db_exec (db, "CREATE FUNCTION full_disk () RETURNS integer LANGUAGE plpgsql AS $$"
                                 " BEGIN RAISE EXCEPTION 'could not write block'"
                                 " USING ERRCODE = 'disk_full'; END $$"));
  g_assert_true (ef_db_exec (db, "BEGIN"));
  {
    g_autoptr(EfDbStmt) stmt = ef_db_prepare (db, "SELECT full_disk ()", FALSE);

    g_assert_nonnull (stmt);
    g_assert_cmpint (ef_db_step (stmt), ==, EF_DB_FAILED);
    g_assert_cmpint (ef_db_error_kind (db), ==, EF_DB_ERROR_FULL);
    g_assert_true (ef_db_transaction_failed (db));
  }
  g_assert_true (ef_db_exec (db, "ROLLBACK"));

  ef_db_close (db);
  ef_test_db_drop_postgresql (location);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  shim_register ();

  g_test_add ("/db-full/sqlite/db", Fixture, NULL, fixture_set_up, test_sqlite_db, fixture_tear_down);
  g_test_add ("/db-full/sqlite/store", Fixture, NULL, fixture_set_up, test_sqlite_store,
              fixture_tear_down);
  g_test_add_func ("/db-full/postgresql/db", test_postgresql_db);

  return g_test_run ();
}
