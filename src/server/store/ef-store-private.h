/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-private.h: what the store's files share */

#pragma once

#include "ef-db.h"
#include "ef-store.h"

G_BEGIN_DECLS

/* "EFam": marks our databases (PRAGMA application_id). */
#define EF_STORE_APPLICATION_ID 0x4546616d

struct _EfStore
{
  EfDb       *db;
  EfDbKind    kind;
  char       *path;           /* a file, or a PostgreSQL connection string */
  char       *display;        /* for messages: never a password */
  guint       schema_version;
  GHashTable *statements;     /* SQL text (static) → EfDbStmt, kept prepared */
  guint64     settings_serial; /* bumped by this process's writes of tenant rules */
  int         wal_checkpointed; /* the log's pages when a checkpoint was last asked for */
  gboolean    reads_open;     /* in ef_store_begin_reads()'s transaction */
};

/* Migration N (1-based) is _ef_store_migrations[N - 1] on SQLite and
 * _ef_store_pg_migrations[N - 1] on PostgreSQL: the same schema, version
 * for version, in each engine's words. */
extern const char * const _ef_store_migrations[];
extern const guint        _ef_store_n_migrations;
extern const char * const _ef_store_pg_migrations[];
extern const guint        _ef_store_n_pg_migrations;

/* The SQL for this store's engine: @sqlite or @postgresql, both string
 * literals (a cached statement's key is its text). */
#define EF_STORE_SQL(self, sqlite, postgresql) \
  ((self)->kind == EF_DB_POSTGRESQL ? (postgresql) : (sqlite))

gboolean  _ef_store_exec        (EfStore       *self,
                                 const char    *sql,
                                 GError       **error);
gboolean  _ef_store_begin       (EfStore       *self,
                                 GError       **error);
gboolean  _ef_store_commit      (EfStore       *self,
                                 GError       **error);
void      _ef_store_rollback    (EfStore       *self);
/* A write transaction that changes @tenant_id's rows only: on PostgreSQL,
 * other tenants' writers go on meanwhile. */
gboolean  _ef_store_begin_tenant (EfStore      *self,
                                  const char   *tenant_id,
                                  GError      **error);
/* A read transaction: one snapshot of the database for all its reads. */
gboolean  _ef_store_begin_read  (EfStore       *self,
                                 GError       **error);
/* NULL with EF_STORE_ERROR_SQL on failure. (Here and below, a full disk
 * gives EF_STORE_ERROR_FULL instead.) */
EfDbStmt *_ef_store_prepare     (EfStore       *self,
                                 const char    *sql,
                                 GError       **error);
void      _ef_store_set_sql_error (EfStore     *self,
                                   GError     **error,
                                   const char  *what);

/* A statement that stays prepared for the store's lifetime, for the SQL of
 * the hot paths: @sql must be a string literal (it is the cache's key).
 * Hold it in a g_autoptr(EfStoreStmt), which resets it and clears its
 * bindings at the end of the scope: a statement left stepping would keep
 * its read transaction, and its snapshot, open. */
typedef EfDbStmt EfStoreStmt;

EfStoreStmt *_ef_store_prepare_cached (EfStore     *self,
                                       const char  *sql,
                                       GError     **error);
void      _ef_store_stmt_release (EfStoreStmt *stmt);
/* Records that this process changed what EfPlanningRules are made of. */
void      _ef_store_settings_changed (EfStore   *self);

struct _EfActivity;
/* Inside a write transaction: creates or updates @activity (by code) with
 * its prices, sites (unless NULL) and school years (ef-store-planning.c). */
gboolean  _ef_store_write_activity (EfStore           *self,
                                    const char        *tenant_id,
                                    const struct _EfActivity *activity,
                                    GError           **error);

/* Days are stored as "YYYY-MM-DD" text: readable in the sqlite3 shell, and
 * their text order is their date order. */
#define EF_STORE_DAY_TEXT_SIZE 11

void      _ef_store_format_day  (EfDay          day,
                                 char           text[EF_STORE_DAY_TEXT_SIZE]);
void      _ef_store_bind_day    (EfDbStmt      *stmt,
                                 int            index,
                                 EfDay          day);
/* Binds the machine's current time, "YYYY-MM-DDTHH:MM:SSZ" in UTC (the
 * text of the tenants' updated_at). */
void      _ef_store_bind_now_text (EfDbStmt    *stmt,
                                   int          index);
/* Binds NULL when @text is NULL. */
void      _ef_store_bind_text_or_null (EfDbStmt     *stmt,
                                       int           index,
                                       const char   *text);
/* EF_DAY_INVALID for a NULL column. */
EfDay     _ef_store_column_day  (EfDbStmt      *stmt,
                                 int            column);
/* "" for a NULL column. */
char     *_ef_store_column_dup  (EfDbStmt      *stmt,
                                 int            column);
/* NULL for a NULL column. */
char     *_ef_store_column_dup_or_null (EfDbStmt     *stmt,
                                        int           column);
/* Steps a statement that returns no row; EF_STORE_ERROR_SQL with @what
 * otherwise. */
gboolean  _ef_store_step_done   (EfStore       *self,
                                 EfDbStmt      *stmt,
                                 const char    *what,
                                 GError       **error);
/* Steps an INSERT … RETURNING id to its end: the new row's id, or 0 with
 * EF_STORE_ERROR_SQL about @what. */
gint64    _ef_store_step_insert (EfStore       *self,
                                 EfDbStmt      *stmt,
                                 const char    *what,
                                 GError       **error);
/* Steps a statement: EF_DB_ROW, EF_DB_DONE, or any other code with
 * EF_STORE_ERROR_SQL about @what in @error. */
int       _ef_store_step        (EfStore       *self,
                                 EfDbStmt      *stmt,
                                 const char    *what,
                                 GError       **error);

/* Reads the current row of a statement: into @user_data, or somewhere
 * else; FALSE with @error set stops the rows. */
typedef gboolean (*EfStoreRowFunc)     (EfDbStmt      *stmt,
                                        gpointer       user_data,
                                        GError       **error);
/* A new item made of the current row of a statement. */
typedef gpointer (*EfStoreFromRowFunc) (EfDbStmt      *stmt);

/* Steps @stmt through its rows, calling @func for each: the one loop of
 * every read. FALSE when @func fails, or with EF_STORE_ERROR_SQL about
 * @what when a step does. */
gboolean  _ef_store_for_each_row (EfStore            *self,
                                  EfDbStmt           *stmt,
                                  EfStoreRowFunc      func,
                                  gpointer            user_data,
                                  const char         *what,
                                  GError            **error);
/* The same for the rows of @sql, a query with one parameter: ?1 = @id
 * (e.g. the lines of invoice @id). */
gboolean  _ef_store_for_each_row_of (EfStore         *self,
                                     const char      *sql,
                                     gint64           id,
                                     EfStoreRowFunc   func,
                                     gpointer         user_data,
                                     const char      *what,
                                     GError         **error);
/* The columns of a tenant that both ef_store_save_portal() and configure
 * write, as ?1 to ?10 of an INSERT INTO tenants … ON CONFLICT (id) DO
 * UPDATE SET _EF_STORE_TENANT_UPDATES …; _ef_store_bind_tenant() binds
 * them. */
#define _EF_STORE_TENANT_COLUMNS \
  "id, name, contact, time_zone," \
  "  deadline_days_before, deadline_hour, deadline_minute," \
  "  deadline_counted_weekdays," \
  "  deadline_skip_public_holidays, deadline_skip_school_holidays"
#define _EF_STORE_TENANT_UPDATES \
  "  name = excluded.name," \
  "  contact = excluded.contact," \
  "  time_zone = excluded.time_zone," \
  "  deadline_days_before = excluded.deadline_days_before," \
  "  deadline_hour = excluded.deadline_hour," \
  "  deadline_minute = excluded.deadline_minute," \
  "  deadline_counted_weekdays = excluded.deadline_counted_weekdays," \
  "  deadline_skip_public_holidays = excluded.deadline_skip_public_holidays," \
  "  deadline_skip_school_holidays = excluded.deadline_skip_school_holidays,"
void      _ef_store_bind_tenant (EfDbStmt               *stmt,
                                 const char             *tenant_id,
                                 const char             *name,
                                 const char             *contact,
                                 const char             *time_zone,
                                 const EfDeadlinePolicy *deadline);

/* The columns of an enrolment that _ef_store_enrolment_from_row() reads,
 * from enrolments e JOIN activities a. */
#define _EF_STORE_ENROLMENT_COLUMNS \
  "e.id, e.member_id, e.activity_id, a.code, a.name, a.service_id," \
  "       e.site, e.first_day, e.last_day"
/* A new EfEnrolment of the current row, from _EF_STORE_ENROLMENT_COLUMNS. */
gpointer  _ef_store_enrolment_from_row (EfDbStmt        *stmt);

/* An EfStoreRowFunc: appends the id in column 0 to @user_data, a GArray
 * of gint64. */
gboolean  _ef_store_append_id   (EfDbStmt           *stmt,
                                 gpointer            user_data,
                                 GError            **error);
/* An item made by @from_row for each row of @stmt, in a new array that
 * frees them with @free_func; NULL on failure. */
GPtrArray *_ef_store_collect_rows (EfStore            *self,
                                   EfDbStmt           *stmt,
                                   EfStoreFromRowFunc  from_row,
                                   GDestroyNotify      free_func,
                                   const char         *what,
                                   GError            **error);

/* @text without accents, case, ligatures, hyphens or apostrophes, for
 * searching: "Léa Martin-Noël" → "lea martin noel". The SQL function
 * ef_fold (TEXT) does the same. */
char     *_ef_store_fold_text   (const char    *text);
/* Adds our SQL functions (ef_fold) to the connection. */
gboolean  _ef_store_register_functions (EfStore *self,
                                        GError **error);

/* Begins a write transaction unless the caller has one open; *@owned
 * says whether this call began it, for _ef_store_end_owned(). So that a
 * store function can run alone or inside a caller's transaction (staff
 * actions are written together with their audit). */
gboolean  _ef_store_begin_owned (EfStore       *self,
                                 gboolean      *owned,
                                 GError       **error);
/* Commits (@ok) or rolls back (!@ok) a transaction that
 * _ef_store_begin_owned() began; nothing when @owned is FALSE. Returns
 * whether it all went well. */
gboolean  _ef_store_end_owned   (EfStore       *self,
                                 gboolean       owned,
                                 gboolean       ok,
                                 GError       **error);

/* Inserts a session of @account_id (a sign-in, by password or by a
 * remembered device) inside the caller's transaction: its id, or 0. */
gint64    _ef_store_insert_session (EfStore     *self,
                                    const char  *tenant_id,
                                    gint64       account_id,
                                    const char  *digest,
                                    const char  *client,
                                    gint64       now,
                                    gint64       expires_at,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStoreStmt, _ef_store_stmt_release)

G_END_DECLS
