/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-activity.h: an activity of a member's planning, with its days */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"
#include "ef-planning-day.h"

G_BEGIN_DECLS

#define EF_TYPE_ACTIVITY (ef_activity_get_type ())
G_DECLARE_FINAL_TYPE (EfActivity, ef_activity, EF, ACTIVITY, GObject)

const char *ef_activity_get_code       (EfActivity *self);
const char *ef_activity_get_name       (EfActivity *self);
const char *ef_activity_get_service    (EfActivity *self);
const char *ef_activity_get_site       (EfActivity *self);
EfCents     ef_activity_get_unit_price (EfActivity *self);
GListModel *ef_activity_get_days       (EfActivity *self);

G_END_DECLS
