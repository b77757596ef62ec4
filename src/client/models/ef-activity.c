/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-activity.c: an activity of a member's planning, with its days */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-activity.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_CODE] = G_STRUCT_OFFSET (EfActivity, code),
  [PROP_NAME] = G_STRUCT_OFFSET (EfActivity, name),
  [PROP_SERVICE] = G_STRUCT_OFFSET (EfActivity, service),
  [PROP_SITE] = G_STRUCT_OFFSET (EfActivity, site),
  [PROP_UNIT_PRICE] = G_STRUCT_OFFSET (EfActivity, unit_price),
  [PROP_DAYS] = G_STRUCT_OFFSET (EfActivity, days),
};

static void
ef_activity_dispose (GObject *object)
{
  EfActivity *self = EF_ACTIVITY (object);

  g_clear_object (&self->days);

  G_OBJECT_CLASS (ef_activity_parent_class)->dispose (object);
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
ef_activity_class_init (EfActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_activity_constructed;
  object_class->dispose = ef_activity_dispose;

  /**
   * EfActivity:code:
   *
   * The activity's code ("restaurant-scolaire").
   */
  properties[PROP_CODE] = _ef_model_param_string ("code");

  /**
   * EfActivity:name:
   *
   * The activity's name ("Restauration scolaire").
   */
  properties[PROP_NAME] = _ef_model_param_string ("name");

  /**
   * EfActivity:service:
   *
   * The id of the service that runs it.
   */
  properties[PROP_SERVICE] = _ef_model_param_string ("service");

  /**
   * EfActivity:site:
   *
   * Where it takes place.
   */
  properties[PROP_SITE] = _ef_model_param_string ("site");

  /**
   * EfActivity:unit-price:
   *
   * The price of one day, in cents.
   */
  properties[PROP_UNIT_PRICE] = _ef_model_param_cents ("unit-price");

  /**
   * EfActivity:days:
   *
   * One #EfPlanningDay per day of the planning, in order.
   */
  properties[PROP_DAYS] = _ef_model_param_list ("days");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
