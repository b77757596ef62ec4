/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-daily-list.c: the children expected at one activity on one day */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-daily-list.h"
#include "ef-model-util.h"

struct _EfDailyList
{
  GObject parent_instance;

  char *activity;
  char *name;
  char *closed;
  gint64 count;
  char *children;
};

G_DEFINE_FINAL_TYPE (EfDailyList, ef_daily_list, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVITY,
  PROP_NAME,
  PROP_CLOSED,
  PROP_COUNT,
  PROP_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ACTIVITY] = G_STRUCT_OFFSET (EfDailyList, activity),
  [PROP_NAME] = G_STRUCT_OFFSET (EfDailyList, name),
  [PROP_CLOSED] = G_STRUCT_OFFSET (EfDailyList, closed),
  [PROP_COUNT] = G_STRUCT_OFFSET (EfDailyList, count),
  [PROP_CHILDREN] = G_STRUCT_OFFSET (EfDailyList, children),
};

static void
ef_daily_list_class_init (EfDailyListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* the activity's code */
  properties[PROP_ACTIVITY] =
    g_param_spec_string ("activity", NULL, NULL, NULL,
                         EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the activity's name */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* why the activity is closed that day */
  properties[PROP_CLOSED] =
    g_param_spec_string ("closed", NULL, NULL, NULL,
                         EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* how many children are expected */
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, 0, G_MAXINT64, 0,
                        EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the children, one “Name First name (site)” a line */
  properties[PROP_CHILDREN] =
    g_param_spec_string ("children", NULL, NULL, NULL,
                         EF_MODEL_STAFF_PROPERTY_FLAGS);

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_daily_list_init (EfDailyList *self)
{
}

/**
 * ef_daily_list_get_activity:
 * @self: an #EfDailyList
 *
 * Returns: (nullable): the activity's code
 */
const char *
ef_daily_list_get_activity (EfDailyList *self)
{
  g_return_val_if_fail (EF_IS_DAILY_LIST (self), NULL);

  return self->activity;
}

/**
 * ef_daily_list_get_name:
 * @self: an #EfDailyList
 *
 * Returns: (nullable): the activity's name
 */
const char *
ef_daily_list_get_name (EfDailyList *self)
{
  g_return_val_if_fail (EF_IS_DAILY_LIST (self), NULL);

  return self->name;
}

/**
 * ef_daily_list_get_closed:
 * @self: an #EfDailyList
 *
 * Returns: (nullable): why the activity is closed that day
 */
const char *
ef_daily_list_get_closed (EfDailyList *self)
{
  g_return_val_if_fail (EF_IS_DAILY_LIST (self), NULL);

  return self->closed;
}

/**
 * ef_daily_list_get_count:
 * @self: an #EfDailyList
 *
 * Returns: how many children are expected
 */
gint64
ef_daily_list_get_count (EfDailyList *self)
{
  g_return_val_if_fail (EF_IS_DAILY_LIST (self), 0);

  return self->count;
}

/**
 * ef_daily_list_get_children:
 * @self: an #EfDailyList
 *
 * Returns: (nullable): the children, one “Name First name (site)” a line
 */
const char *
ef_daily_list_get_children (EfDailyList *self)
{
  g_return_val_if_fail (EF_IS_DAILY_LIST (self), NULL);

  return self->children;
}
