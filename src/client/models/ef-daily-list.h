/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-daily-list.h: the children expected at one activity on one day */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_DAILY_LIST (ef_daily_list_get_type ())
G_DECLARE_FINAL_TYPE (EfDailyList, ef_daily_list, EF, DAILY_LIST, GObject)

const char *ef_daily_list_get_activity (EfDailyList *self);
const char *ef_daily_list_get_name     (EfDailyList *self);
const char *ef_daily_list_get_closed   (EfDailyList *self);
gint64      ef_daily_list_get_count    (EfDailyList *self);
const char *ef_daily_list_get_children (EfDailyList *self);

G_END_DECLS
