/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-daily-list.c: the children expected at one activity on one day */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-daily-list.h"

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

static void
ef_daily_list_finalize (GObject *object)
{
  EfDailyList *self = EF_DAILY_LIST (object);

  g_clear_pointer (&self->activity, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->closed, g_free);
  g_clear_pointer (&self->children, g_free);

  G_OBJECT_CLASS (ef_daily_list_parent_class)->finalize (object);
}

static void
ef_daily_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EfDailyList *self = EF_DAILY_LIST (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      g_value_set_string (value, self->activity);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CLOSED:
      g_value_set_string (value, self->closed);
      break;

    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;

    case PROP_CHILDREN:
      g_value_set_string (value, self->children);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_daily_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EfDailyList *self = EF_DAILY_LIST (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      self->activity = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_CLOSED:
      self->closed = g_value_dup_string (value);
      break;

    case PROP_COUNT:
      self->count = g_value_get_int64 (value);
      break;

    case PROP_CHILDREN:
      self->children = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_daily_list_class_init (EfDailyListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_daily_list_finalize;
  object_class->get_property = ef_daily_list_get_property;
  object_class->set_property = ef_daily_list_set_property;

  /* the activity's code */
  properties[PROP_ACTIVITY] =
    g_param_spec_string ("activity", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the activity's name */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* why the activity is closed that day */
  properties[PROP_CLOSED] =
    g_param_spec_string ("closed", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* how many children are expected */
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the children, one “Name First name (site)” a line */
  properties[PROP_CHILDREN] =
    g_param_spec_string ("children", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
