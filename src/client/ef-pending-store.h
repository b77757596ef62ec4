/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pending-store.h: reservation changes not saved yet, kept on disk so
 * that they survive a quit and a crash */

#pragma once

#include <gio/gio.h>

#include "api/ef-client.h"
#include "models/ef-pending-changes.h"

G_BEGIN_DECLS

/**
 * EfKeptChanges:
 * @saved_at: the portal's instant when they were kept
 * @changes: (element-type EfReservationChange): the changes, as the
 *   parent wanted each day
 *
 * Changes kept by an earlier run of the application.
 */
typedef struct {
  GDateTime *saved_at;
  GPtrArray *changes;
} EfKeptChanges;

void           ef_kept_changes_free             (EfKeptChanges *kept);

#define EF_TYPE_PENDING_STORE (ef_pending_store_get_type ())
G_DECLARE_FINAL_TYPE (EfPendingStore, ef_pending_store, EF, PENDING_STORE, GObject)

EfPendingStore *ef_pending_store_new            (EfClient       *client);

void            ef_pending_store_keep           (EfPendingStore   *self,
                                                 EfPendingChanges *pending);
gboolean        ef_pending_store_get_busy       (EfPendingStore   *self);

void            ef_pending_store_load_async     (EfPendingStore      *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
EfKeptChanges  *ef_pending_store_load_finish    (EfPendingStore      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* For tests: the file of the signed-in account, or NULL. */
char           *ef_pending_store_get_path       (EfPendingStore   *self);

/* What the file holds; for tests of bad files. */
GBytes         *ef_pending_store_serialize      (EfPendingChanges *pending,
                                                 GDateTime        *saved_at);
EfKeptChanges  *ef_pending_store_parse          (GBytes           *bytes,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfKeptChanges, ef_kept_changes_free)

G_END_DECLS
