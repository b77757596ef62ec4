/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-db.h: one connection to the store's database, SQLite or PostgreSQL
 *
 * The store speaks SQL through this and nothing else. Statements are
 * written once, in the SQL both engines understand, with SQLite's
 * parameters (?1, ?2…; a bare ? is the next one), which PostgreSQL gets as
 * $1, $2…. A statement is stepped row by row as in SQLite; PostgreSQL's
 * rows are fetched when the first step runs it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  EF_DB_SQLITE,
  EF_DB_POSTGRESQL,
} EfDbKind;

/* What ef_db_step() returns. */
#define EF_DB_FAILED 1
#define EF_DB_ROW    100
#define EF_DB_DONE   101

/* What a failure was, for the few callers that handle one. */
typedef enum {
  EF_DB_ERROR_NONE,
  EF_DB_ERROR_UNIQUE,          /* a UNIQUE or PRIMARY KEY constraint */
  EF_DB_ERROR_CONSTRAINT,      /* any other constraint: CHECK, NOT NULL, FOREIGN KEY */
  EF_DB_ERROR_BUSY,            /* a lock that did not come in time, a serialization failure */
  EF_DB_ERROR_NOT_DATABASE,    /* not a SQLite file */
  EF_DB_ERROR_OTHER,
  EF_DB_ERROR_FULL,            /* no room left: SQLITE_FULL, a SQLite I/O error of errno
                                * ENOSPC or EDQUOT, PostgreSQL's disk_full (53100) */
} EfDbErrorKind;

typedef enum {
  EF_DB_TYPE_NULL,
  EF_DB_TYPE_INTEGER,
  EF_DB_TYPE_FLOAT,
  EF_DB_TYPE_TEXT,
} EfDbType;

typedef struct _EfDb     EfDb;
typedef struct _EfDbStmt EfDbStmt;

/* A PostgreSQL connection string ("postgresql://…", "postgres://…") or
 * else a SQLite file's path. */
gboolean     ef_db_location_is_postgresql (const char *location);

/* Opens @location; for SQLite creates the file when @create. NULL with
 * the engine's message in *@message (free it) when it cannot. */
EfDb        *ef_db_open             (const char  *location,
                                     gboolean     create,
                                     char       **message);
void         ef_db_close            (EfDb        *db);

/* The SQLite handle, for what only SQLite has (backups, PRAGMAs); NULL
 * on PostgreSQL. */
gpointer     ef_db_get_sqlite       (EfDb        *db);

/* PostgreSQL: how long a statement may wait for a lock before it fails
 * with EF_DB_ERROR_BUSY (0: for ever, the default, which migrations
 * need). */
void         ef_db_set_lock_timeout (EfDb        *db,
                                     guint        ms);

/* The last failure on this connection. */
const char  *ef_db_errmsg           (EfDb        *db);
EfDbErrorKind ef_db_error_kind      (EfDb        *db);
/* The engine's own code (SQLite's extended code, or PostgreSQL's SQLSTATE
 * as text), for messages. */
const char  *ef_db_errcode          (EfDb        *db);

/* Runs one or more statements without parameters. */
gboolean     ef_db_exec             (EfDb        *db,
                                     const char  *sql);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
gint64       ef_db_changes          (EfDb        *db);
gboolean     ef_db_in_transaction   (EfDb        *db);
/* In a transaction that a failed statement has spoilt (PostgreSQL):
 * nothing but a rollback works until then. */
gboolean     ef_db_transaction_failed (EfDb      *db);

/* @persistent: kept and reused (a hot path's SQL). */
EfDbStmt    *ef_db_prepare          (EfDb        *db,
                                     const char  *sql,
                                     gboolean     persistent);
void         ef_db_finalize         (EfDbStmt    *stmt);
/* Back to before the first step, bindings kept. */
void         ef_db_reset            (EfDbStmt    *stmt);
void         ef_db_clear_bindings   (EfDbStmt    *stmt);

void         ef_db_bind_int64       (EfDbStmt    *stmt,
                                     int          index,
                                     gint64       value);
/* Copies @text (@length bytes, or up to its NUL when -1). */
void         ef_db_bind_text        (EfDbStmt    *stmt,
                                     int          index,
                                     const char  *text,
                                     int          length);
void         ef_db_bind_null        (EfDbStmt    *stmt,
                                     int          index);

int          ef_db_step             (EfDbStmt    *stmt);

int          ef_db_column_count     (EfDbStmt    *stmt);
const char  *ef_db_column_name      (EfDbStmt    *stmt,
                                     int          column);
EfDbType     ef_db_column_type      (EfDbStmt    *stmt,
                                     int          column);
/* 0 for NULL; PostgreSQL's booleans are 0 and 1. */
gint64       ef_db_column_int64     (EfDbStmt    *stmt,
                                     int          column);
/* NULL for NULL; valid until the next step or reset. */
const char  *ef_db_column_text      (EfDbStmt    *stmt,
                                     int          column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfDbStmt, ef_db_finalize)

G_END_DECLS
