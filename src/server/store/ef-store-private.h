/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-private.h: what the store's files share */

#pragma once

#include <sqlite3.h>

#include "ef-store.h"

G_BEGIN_DECLS

/* "EFam": marks our databases (PRAGMA application_id). */
#define EF_STORE_APPLICATION_ID 0x4546616d

struct _EfStore
{
  sqlite3 *db;
  char    *path;
  guint    schema_version;
};

/* Migration N (1-based) is _ef_store_migrations[N - 1]. */
extern const char * const _ef_store_migrations[];
extern const guint        _ef_store_n_migrations;

gboolean  _ef_store_exec        (EfStore       *self,
                                 const char    *sql,
                                 GError       **error);
gboolean  _ef_store_begin       (EfStore       *self,
                                 GError       **error);
gboolean  _ef_store_commit      (EfStore       *self,
                                 GError       **error);
void      _ef_store_rollback    (EfStore       *self);
/* NULL with EF_STORE_ERROR_SQL on failure. */
sqlite3_stmt *_ef_store_prepare (EfStore       *self,
                                 const char    *sql,
                                 GError       **error);
void      _ef_store_set_sql_error (EfStore     *self,
                                   GError     **error,
                                   const char  *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
