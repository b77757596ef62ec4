/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pending-changes.h: reservation changes not saved yet, with undo */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ef-common.h"
#include "ef-planning.h"
#include "ef-reservation-change.h"

G_BEGIN_DECLS

#define EF_TYPE_PENDING_CHANGES (ef_pending_changes_get_type ())
G_DECLARE_FINAL_TYPE (EfPendingChanges, ef_pending_changes, EF, PENDING_CHANGES, GObject)

EfPendingChanges *ef_pending_changes_new             (void);

void              ef_pending_changes_begin_operation (EfPendingChanges *self);
void              ef_pending_changes_end_operation   (EfPendingChanges *self);

void              ef_pending_changes_set_reserved    (EfPendingChanges *self,
                                                      gint64            member_id,
                                                      const char       *activity,
                                                      EfDay             day,
                                                      gboolean          was_reserved,
                                                      gboolean          reserved);
gboolean          ef_pending_changes_reserve         (EfPendingChanges *self,
                                                      EfPlanningDay    *day);
gboolean          ef_pending_changes_cancel          (EfPendingChanges *self,
                                                      EfPlanningDay    *day);
gboolean          ef_pending_changes_toggle          (EfPendingChanges *self,
                                                      EfPlanningDay    *day);
void              ef_pending_changes_remove          (EfPendingChanges *self,
                                                      gint64            member_id,
                                                      const char       *activity,
                                                      EfDay             day);

gboolean          ef_pending_changes_lookup          (EfPendingChanges *self,
                                                      gint64            member_id,
                                                      const char       *activity,
                                                      EfDay             day,
                                                      gboolean         *reserved);
gboolean          ef_pending_changes_is_reserved     (EfPendingChanges *self,
                                                      EfPlanningDay    *day);

gboolean          ef_pending_changes_undo            (EfPendingChanges *self);
gboolean          ef_pending_changes_get_can_undo    (EfPendingChanges *self);
void              ef_pending_changes_clear           (EfPendingChanges *self);

guint             ef_pending_changes_get_n_added     (EfPendingChanges *self);
guint             ef_pending_changes_get_n_removed   (EfPendingChanges *self);

void              ef_pending_changes_set_version     (EfPendingChanges *self,
                                                      gint64            member_id,
                                                      gint64            version);
gboolean          ef_pending_changes_get_version     (EfPendingChanges *self,
                                                      gint64            member_id,
                                                      gint64           *version);

JsonNode         *ef_pending_changes_to_batch        (EfPendingChanges *self,
                                                      GError          **error);
guint             ef_pending_changes_rebase          (EfPendingChanges *self,
                                                      EfPlanning       *planning);

G_END_DECLS
