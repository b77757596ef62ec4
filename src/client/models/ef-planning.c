/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning.c: a member's planning over a range of days */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-planning.h"
#include "ef-model-util.h"

struct _EfPlanning
{
  GObject     parent_instance;

  gint64      member_id;
  EfDay       first_day;
  EfDay       last_day;
  char       *time_zone;
  gint64      version;
  GListModel *activities;
  GDateTime  *now;
};

G_DEFINE_FINAL_TYPE (EfPlanning, ef_planning, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_FIRST_DAY,
  PROP_LAST_DAY,
  PROP_TIME_ZONE,
  PROP_VERSION,
  PROP_ACTIVITIES,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_MEMBER_ID] = G_STRUCT_OFFSET (EfPlanning, member_id),
  [PROP_FIRST_DAY] = G_STRUCT_OFFSET (EfPlanning, first_day),
  [PROP_LAST_DAY] = G_STRUCT_OFFSET (EfPlanning, last_day),
  [PROP_TIME_ZONE] = G_STRUCT_OFFSET (EfPlanning, time_zone),
  [PROP_NOW] = G_STRUCT_OFFSET (EfPlanning, now),
  [PROP_VERSION] = G_STRUCT_OFFSET (EfPlanning, version),
  [PROP_ACTIVITIES] = G_STRUCT_OFFSET (EfPlanning, activities),
};

static void
ef_planning_dispose (GObject *object)
{
  EfPlanning *self = EF_PLANNING (object);

  g_clear_object (&self->activities);

  G_OBJECT_CLASS (ef_planning_parent_class)->dispose (object);
}

static void
ef_planning_constructed (GObject *object)
{
  EfPlanning *self = EF_PLANNING (object);

  G_OBJECT_CLASS (ef_planning_parent_class)->constructed (object);

  /* Never NULL, so that views can always bind to it. */
  if (self->activities == NULL)
    self->activities = G_LIST_MODEL (g_list_store_new (EF_TYPE_ACTIVITY));
}

static void
ef_planning_class_init (EfPlanningClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_planning_constructed;
  object_class->dispose = ef_planning_dispose;

  /**
   * EfPlanning:member-id:
   *
   * The member.
   */
  properties[PROP_MEMBER_ID] = _ef_model_param_natural ("member-id");

  /**
   * EfPlanning:first-day:
   *
   * The first day.
   */
  properties[PROP_FIRST_DAY] = _ef_model_param_day ("first-day");

  /**
   * EfPlanning:last-day:
   *
   * The last day (included).
   */
  properties[PROP_LAST_DAY] = _ef_model_param_day ("last-day");

  /**
   * EfPlanning:time-zone:
   *
   * The tenant's time zone ("Europe/Paris").
   */
  properties[PROP_TIME_ZONE] = _ef_model_param_string ("time-zone");

  /**
   * EfPlanning:version:
   *
   * The member's planning version, to send back with changes.
   */
  properties[PROP_VERSION] = _ef_model_param_natural ("version");

  /**
   * EfPlanning:activities:
   *
   * The activities the member is enrolled in, a #GListModel of #EfActivity.
   */
  properties[PROP_ACTIVITIES] = _ef_model_param_list ("activities");

  /**
   * EfPlanning:now:
   *
   * The server's clock when it answered, or %NULL when it did not say:
   * #EfPlanningDay:changeable is as of this instant.
   */
  properties[PROP_NOW] = _ef_model_param_instant ("now");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_planning_init (EfPlanning *self)
{
}

gint64
ef_planning_get_member_id (EfPlanning *self)
{
  g_return_val_if_fail (EF_IS_PLANNING (self), 0);

  return self->member_id;
}

EfDay
ef_planning_get_first_day (EfPlanning *self)
{
  g_return_val_if_fail (EF_IS_PLANNING (self), EF_DAY_INVALID);

  return self->first_day;
}

EfDay
ef_planning_get_last_day (EfPlanning *self)
{
  g_return_val_if_fail (EF_IS_PLANNING (self), EF_DAY_INVALID);

  return self->last_day;
}

/**
 * ef_planning_get_now:
 *
 * Returns: (transfer none) (nullable): the server's clock when it answered
 */
GDateTime *
ef_planning_get_now (EfPlanning *self)
{
  g_return_val_if_fail (EF_IS_PLANNING (self), NULL);

  return self->now;
}

const char *
ef_planning_get_time_zone (EfPlanning *self)
{
  g_return_val_if_fail (EF_IS_PLANNING (self), NULL);

  return self->time_zone;
}

gint64
ef_planning_get_version (EfPlanning *self)
{
  g_return_val_if_fail (EF_IS_PLANNING (self), 0);

  return self->version;
}

/**
 * ef_planning_get_activities:
 * @self: a #EfPlanning
 *
 * Returns: (transfer none): a #GListModel of #EfActivity
 */
GListModel *
ef_planning_get_activities (EfPlanning *self)
{
  g_return_val_if_fail (EF_IS_PLANNING (self), NULL);

  return self->activities;
}

/**
 * ef_planning_lookup_day:
 * @self: an #EfPlanning
 * @activity: an activity's code
 * @day: a day
 *
 * Returns: (transfer none) (nullable): the day of @activity, or %NULL when
 *   the member is not enrolled in @activity or @day is outside the planning
 */
EfPlanningDay *
ef_planning_lookup_day (EfPlanning *self,
                        const char *activity,
                        EfDay       day)
{
  guint n;

  g_return_val_if_fail (EF_IS_PLANNING (self), NULL);
  g_return_val_if_fail (activity != NULL, NULL);

  if (day < self->first_day || day > self->last_day)
    return NULL;

  n = g_list_model_get_n_items (self->activities);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfActivity) item = g_list_model_get_item (self->activities, i);
      g_autoptr (EfPlanningDay) found = NULL;

      if (g_strcmp0 (ef_activity_get_code (item), activity) != 0)
        continue;

      /* One entry per day from the first, in order (the API promises it). */
      found = g_list_model_get_item (ef_activity_get_days (item), day - self->first_day);
      if (found != NULL && ef_planning_day_get_day (found) == day)
        return found;

      return NULL;
    }

  return NULL;
}
