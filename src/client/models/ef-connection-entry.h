/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-connection-entry.h: one sign-in on an account of the family */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_CONNECTION_ENTRY (ef_connection_entry_get_type ())
G_DECLARE_FINAL_TYPE (EfConnectionEntry, ef_connection_entry, EF, CONNECTION_ENTRY, GObject)

GDateTime          *ef_connection_entry_get_at      (EfConnectionEntry *self);
EfDay               ef_connection_entry_get_day     (EfConnectionEntry *self);
const char         *ef_connection_entry_get_time    (EfConnectionEntry *self);
EfConnectionResult  ef_connection_entry_get_result  (EfConnectionEntry *self);
gboolean            ef_connection_entry_get_success (EfConnectionEntry *self);
const char         *ef_connection_entry_get_client  (EfConnectionEntry *self);
const char         *ef_connection_entry_get_email   (EfConnectionEntry *self);

G_END_DECLS
