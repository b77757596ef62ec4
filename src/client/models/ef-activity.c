/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-activity.c: an activity of a member's planning, with its days */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-activity.h"

struct _EfActivity
{
  GObject     parent_instance;

  char       *code;
  char       *name;
  char       *service;
  char       *site;
  EfCents     unit_price;
  GListModel *days;
};

G_DEFINE_FINAL_TYPE (EfActivity, ef_activity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_SERVICE,
  PROP_SITE,
  PROP_UNIT_PRICE,
  PROP_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_activity_dispose (GObject *object)
{
  EfActivity *self = EF_ACTIVITY (object);

  g_clear_object (&self->days);

  G_OBJECT_CLASS (ef_activity_parent_class)->dispose (object);
}

static void
ef_activity_finalize (GObject *object)
{
  EfActivity *self = EF_ACTIVITY (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->site, g_free);

  G_OBJECT_CLASS (ef_activity_parent_class)->finalize (object);
}

static void
ef_activity_constructed (GObject *object)
{
  EfActivity *self = EF_ACTIVITY (object);

  G_OBJECT_CLASS (ef_activity_parent_class)->constructed (object);

  /* Never NULL, so that views can always bind to it. */
  if (self->days == NULL)
    self->days = G_LIST_MODEL (g_list_store_new (EF_TYPE_PLANNING_DAY));
}

static void
ef_activity_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EfActivity *self = EF_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SERVICE:
      g_value_set_string (value, self->service);
      break;

    case PROP_SITE:
      g_value_set_string (value, self->site);
      break;

    case PROP_UNIT_PRICE:
      g_value_set_int64 (value, self->unit_price);
      break;

    case PROP_DAYS:
      g_value_set_object (value, self->days);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_activity_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EfActivity *self = EF_ACTIVITY (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_SERVICE:
      self->service = g_value_dup_string (value);
      break;

    case PROP_SITE:
      self->site = g_value_dup_string (value);
      break;

    case PROP_UNIT_PRICE:
      self->unit_price = g_value_get_int64 (value);
      break;

    case PROP_DAYS:
      self->days = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_activity_class_init (EfActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_activity_constructed;
  object_class->dispose = ef_activity_dispose;
  object_class->finalize = ef_activity_finalize;
  object_class->get_property = ef_activity_get_property;
  object_class->set_property = ef_activity_set_property;

  /**
   * EfActivity:code:
   *
   * The activity's code ("restaurant-scolaire").
   */
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfActivity:name:
   *
   * The activity's name ("Restauration scolaire").
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfActivity:service:
   *
   * The id of the service that runs it.
   */
  properties[PROP_SERVICE] =
    g_param_spec_string ("service", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfActivity:site:
   *
   * Where it takes place.
   */
  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfActivity:unit-price:
   *
   * The price of one day, in cents.
   */
  properties[PROP_UNIT_PRICE] =
    g_param_spec_int64 ("unit-price", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfActivity:days:
   *
   * One #EfPlanningDay per day of the planning, in order.
   */
  properties[PROP_DAYS] =
    g_param_spec_object ("days", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_activity_init (EfActivity *self)
{
}

const char *
ef_activity_get_code (EfActivity *self)
{
  g_return_val_if_fail (EF_IS_ACTIVITY (self), NULL);

  return self->code;
}

const char *
ef_activity_get_name (EfActivity *self)
{
  g_return_val_if_fail (EF_IS_ACTIVITY (self), NULL);

  return self->name;
}

const char *
ef_activity_get_service (EfActivity *self)
{
  g_return_val_if_fail (EF_IS_ACTIVITY (self), NULL);

  return self->service;
}

const char *
ef_activity_get_site (EfActivity *self)
{
  g_return_val_if_fail (EF_IS_ACTIVITY (self), NULL);

  return self->site;
}

EfCents
ef_activity_get_unit_price (EfActivity *self)
{
  g_return_val_if_fail (EF_IS_ACTIVITY (self), 0);

  return self->unit_price;
}

/**
 * ef_activity_get_days:
 * @self: a #EfActivity
 *
 * Returns: (transfer none): a #GListModel of #EfPlanningDay
 */
GListModel *
ef_activity_get_days (EfActivity *self)
{
  g_return_val_if_fail (EF_IS_ACTIVITY (self), NULL);

  return self->days;
}
