/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning-day.c: one day of a member's planning for one activity */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-planning-day.h"
#include "ef-model-util.h"

struct _EfPlanningDay
{
  GObject         parent_instance;

  gint64          member_id;
  char           *activity;
  EfDay           day;
  EfDayState      state;
  EfClosedReason  closed_reason;
  gboolean        changeable;
  GDateTime      *deadline;
  char           *label;
};

G_DEFINE_FINAL_TYPE (EfPlanningDay, ef_planning_day, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_ACTIVITY,
  PROP_DAY,
  PROP_STATE,
  PROP_CLOSED_REASON,
  PROP_CHANGEABLE,
  PROP_DEADLINE,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_MEMBER_ID] = G_STRUCT_OFFSET (EfPlanningDay, member_id),
  [PROP_ACTIVITY] = G_STRUCT_OFFSET (EfPlanningDay, activity),
  [PROP_DAY] = G_STRUCT_OFFSET (EfPlanningDay, day),
  [PROP_STATE] = G_STRUCT_OFFSET (EfPlanningDay, state),
  [PROP_CLOSED_REASON] = G_STRUCT_OFFSET (EfPlanningDay, closed_reason),
  [PROP_CHANGEABLE] = G_STRUCT_OFFSET (EfPlanningDay, changeable),
  [PROP_DEADLINE] = G_STRUCT_OFFSET (EfPlanningDay, deadline),
  [PROP_LABEL] = G_STRUCT_OFFSET (EfPlanningDay, label),
};

static void
ef_planning_day_class_init (EfPlanningDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfPlanningDay:member-id:
   *
   * The member.
   */
  properties[PROP_MEMBER_ID] = _ef_model_param_natural ("member-id");

  /**
   * EfPlanningDay:activity:
   *
   * The activity's code.
   */
  properties[PROP_ACTIVITY] = _ef_model_param_string ("activity");

  /**
   * EfPlanningDay:day:
   *
   * The day, in the tenant's calendar.
   */
  properties[PROP_DAY] = _ef_model_param_day ("day");

  /**
   * EfPlanningDay:state:
   *
   * Reserved, free or closed, as the portal last said.
   */
  properties[PROP_STATE] = _ef_model_param_enum ("state", EF_TYPE_DAY_STATE, EF_DAY_STATE_CLOSED);

  /**
   * EfPlanningDay:closed-reason:
   *
   * Why the day is closed; %EF_CLOSED_REASON_NONE when it is not.
   */
  properties[PROP_CLOSED_REASON] =
    _ef_model_param_enum ("closed-reason", EF_TYPE_CLOSED_REASON, EF_CLOSED_REASON_NONE);

  /**
   * EfPlanningDay:changeable:
   *
   * Whether a change was still allowed when the planning was read (never for a
   * closed day).
   */
  properties[PROP_CHANGEABLE] = _ef_model_param_boolean ("changeable");

  /**
   * EfPlanningDay:deadline:
   *
   * Until when a change is allowed, in the tenant's time zone; %NULL for a
   * closed day.
   */
  properties[PROP_DEADLINE] = _ef_model_param_instant ("deadline");

  /**
   * EfPlanningDay:label:
   *
   * What the portal calls the day's closing (a town's extra closed day:
   * "Pont de l’Ascension"), or %NULL.
   */
  properties[PROP_LABEL] = _ef_model_param_string ("label");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_planning_day_init (EfPlanningDay *self)
{
}

/**
 * ef_planning_day_new:
 * @member_id: the member
 * @activity: the activity's code
 * @day: the day, in the tenant's calendar
 * @state: reserved, free or closed, as the portal last said
 * @closed_reason: why the day is closed
 * @changeable: whether a change was still allowed when the planning was read
 *   (never for a closed day)
 * @deadline: (nullable): until when a change is allowed, in the tenant's time zone
 * @label: (nullable): what the portal calls the day's closing
 *
 * Returns: (transfer full): a new #EfPlanningDay
 */
EfPlanningDay *
ef_planning_day_new (gint64          member_id,
                     const char     *activity,
                     EfDay           day,
                     EfDayState      state,
                     EfClosedReason  closed_reason,
                     gboolean        changeable,
                     GDateTime      *deadline,
                     const char     *label)
{
  return g_object_new (EF_TYPE_PLANNING_DAY,
                       "member-id", member_id,
                       "activity", activity,
                       "day", day,
                       "state", state,
                       "closed-reason", closed_reason,
                       "changeable", changeable,
                       "deadline", deadline,
                       "label", label,
                       NULL);
}

gint64
ef_planning_day_get_member_id (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), 0);

  return self->member_id;
}

const char *
ef_planning_day_get_activity (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), NULL);

  return self->activity;
}

EfDay
ef_planning_day_get_day (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), EF_DAY_INVALID);

  return self->day;
}

EfDayState
ef_planning_day_get_state (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), EF_DAY_STATE_CLOSED);

  return self->state;
}

EfClosedReason
ef_planning_day_get_closed_reason (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), EF_CLOSED_REASON_NONE);

  return self->closed_reason;
}

gboolean
ef_planning_day_get_changeable (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), FALSE);

  return self->changeable;
}

/**
 * ef_planning_day_get_deadline:
 * @self: a #EfPlanningDay
 *
 * Returns: (transfer none) (nullable): the deadline, %NULL for a closed day
 */
GDateTime *
ef_planning_day_get_deadline (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), NULL);

  return self->deadline;
}

gboolean
ef_planning_day_is_reserved (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), FALSE);

  return self->state == EF_DAY_STATE_RESERVED;
}

/**
 * ef_planning_day_get_label:
 * @self: an #EfPlanningDay
 *
 * Returns: (nullable): what the portal calls the day's closing, if it says
 */
const char *
ef_planning_day_get_label (EfPlanningDay *self)
{
  g_return_val_if_fail (EF_IS_PLANNING_DAY (self), NULL);

  return self->label;
}
