/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning.h: a member's planning over a range of days */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"
#include "ef-activity.h"

G_BEGIN_DECLS

#define EF_TYPE_PLANNING (ef_planning_get_type ())
G_DECLARE_FINAL_TYPE (EfPlanning, ef_planning, EF, PLANNING, GObject)

gint64         ef_planning_get_member_id  (EfPlanning *self);
EfDay          ef_planning_get_first_day  (EfPlanning *self);
EfDay          ef_planning_get_last_day   (EfPlanning *self);
const char    *ef_planning_get_time_zone  (EfPlanning *self);
GDateTime     *ef_planning_get_now        (EfPlanning *self);
gint64         ef_planning_get_version    (EfPlanning *self);
GListModel    *ef_planning_get_activities (EfPlanning *self);
EfPlanningDay *ef_planning_lookup_day     (EfPlanning *self,
                                           const char *activity,
                                           EfDay       day);

G_END_DECLS
