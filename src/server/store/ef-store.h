/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store.h: the server's database, a SQLite file or PostgreSQL */

#pragma once

#include <glib.h>

#include "ef-types.h"

G_BEGIN_DECLS

#define EF_STORE_ERROR (ef_store_error_quark ())

typedef enum {
  EF_STORE_ERROR_OPEN,          /* the file cannot be opened or created */
  EF_STORE_ERROR_NOT_DATABASE,  /* not a SQLite file, or another program's database */
  EF_STORE_ERROR_TOO_NEW,       /* written by a newer espace-famille-server */
  EF_STORE_ERROR_MIGRATION,     /* a migration failed (nothing was changed) */
  EF_STORE_ERROR_SQL,           /* any other failure of the engine */
  EF_STORE_ERROR_FULL,          /* no room left on the database's disk: nothing
                                 * was written, the same may succeed later */
} EfStoreError;

typedef struct _EfStore EfStore;

GQuark      ef_store_error_quark              (void);

/* Opens or creates @path: WAL journal, foreign keys, busy timeout, and
 * migrations up to the latest schema, each in its own transaction. When
 * this fails on a file that did not exist before, nothing is left behind.
 * A postgresql:// connection string opens that database instead (which
 * must exist) and migrates it the same way. Error messages are translated
 * sentences naming the file or the database, never a password. */
EfStore    *ef_store_open                     (const char  *path,
                                               GError     **error);
void        ef_store_close                    (EfStore     *self);

const char *ef_store_get_path                 (EfStore     *self);
/* Whether @location is a PostgreSQL connection string (postgresql://,
 * postgres://) rather than a SQLite file. */
gboolean    ef_store_location_is_postgresql   (const char  *location);
/* @location (a file, or a PostgreSQL connection string) as messages may
 * show it: never a password. */
char       *ef_store_display_location         (const char  *location);
guint       ef_store_get_schema_version       (EfStore     *self);
/* The schema version this binary writes. */
guint       ef_store_get_latest_schema_version (void);

/**
 * EfStoreStamp:
 *
 * Two stamps are equal while nothing has changed the tenants' rules
 * (settings, services, activities, school holidays) as far as this store
 * can tell; unequal ones mean they may have changed.
 */
typedef struct {
  gint64  data_version;
  guint64 serial;
} EfStoreStamp;

#define ef_store_stamp_equal(a, b) \
  ((a)->data_version == (b)->data_version && (a)->serial == (b)->serial)

/* One cheap query: what caches of tenant rules compare to know that they
 * are still good, whichever process wrote the database. */
gboolean    ef_store_get_settings_stamp       (EfStore       *self,
                                               EfStoreStamp  *stamp,
                                               GError       **error);

/* The test clock that every server process on this database reads: the
 * instant in UTC microseconds, 0 when it is not set (*@now_us). */
gboolean    ef_store_get_test_clock           (EfStore       *self,
                                               gint64        *now_us,
                                               GError       **error);
/* Sets it, or clears it when @now_us is 0. */
gboolean    ef_store_set_test_clock           (EfStore       *self,
                                               gint64         now_us,
                                               GError       **error);

/* A caller's several reads in one read transaction, one snapshot of the
 * database: on SQLite each read is otherwise a transaction of its own,
 * whose lock and unlock of the log are two system calls. TRUE when one was
 * begun, to be ended with ef_store_end_reads(); FALSE, and the reads go
 * on as usual, on PostgreSQL (its BEGIN and COMMIT would be two more round
 * trips), inside another transaction, or when the BEGIN fails. Nothing
 * may be written before the end: ef_store_in_reads() tells a writer that
 * it must end them first. */
gboolean    ef_store_begin_reads              (EfStore     *self);
void        ef_store_end_reads                (EfStore     *self);
gboolean    ef_store_in_reads                 (EfStore     *self);

/* Tenants (municipalities). */
gboolean    ef_tenant_id_is_valid             (const char  *tenant_id);

/* The tenant's portal; EF_API_ERROR_UNKNOWN_TENANT if there is none,
 * EF_API_ERROR_INVALID_CONFIG if its stored settings are invalid. */
EfPortal   *ef_store_load_portal              (EfStore     *self,
                                               const char  *tenant_id,
                                               GError     **error);
/* Creates or replaces the tenant described by @portal (settings and
 * services) in one transaction. */
gboolean    ef_store_replace_tenant           (EfStore     *self,
                                               EfPortal    *portal,
                                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStore, ef_store_close)

G_END_DECLS
