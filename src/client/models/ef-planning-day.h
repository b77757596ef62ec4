/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning-day.h: one day of a member's planning for one activity */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_PLANNING_DAY (ef_planning_day_get_type ())
G_DECLARE_FINAL_TYPE (EfPlanningDay, ef_planning_day, EF, PLANNING_DAY, GObject)

EfPlanningDay  *ef_planning_day_new               (gint64          member_id,
                                                   const char     *activity,
                                                   EfDay           day,
                                                   EfDayState      state,
                                                   EfClosedReason  closed_reason,
                                                   gboolean        changeable,
                                                   GDateTime      *deadline,
                                                   const char     *label);
gint64          ef_planning_day_get_member_id     (EfPlanningDay *self);
const char     *ef_planning_day_get_activity      (EfPlanningDay *self);
EfDay           ef_planning_day_get_day           (EfPlanningDay *self);
EfDayState      ef_planning_day_get_state         (EfPlanningDay *self);
EfClosedReason  ef_planning_day_get_closed_reason (EfPlanningDay *self);
gboolean        ef_planning_day_get_changeable    (EfPlanningDay *self);
const char     *ef_planning_day_get_label         (EfPlanningDay *self);
GDateTime      *ef_planning_day_get_deadline      (EfPlanningDay *self);
gboolean        ef_planning_day_is_reserved       (EfPlanningDay *self);

G_END_DECLS
