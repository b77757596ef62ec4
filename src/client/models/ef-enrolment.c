/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-enrolment.c: an enrolment (inscription) of a member in an activity */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-enrolment.h"
#include "ef-model-util.h"

struct _EfEnrolment
{
  GObject  parent_instance;

  gint64   id;
  gint64   member_id;
  char    *activity;
  char    *activity_name;
  char    *service;
  char    *site;
  EfDay    first_day;
  EfDay    last_day;
};

G_DEFINE_FINAL_TYPE (EfEnrolment, ef_enrolment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MEMBER_ID,
  PROP_ACTIVITY,
  PROP_ACTIVITY_NAME,
  PROP_SERVICE,
  PROP_SITE,
  PROP_FIRST_DAY,
  PROP_LAST_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfEnrolment, id),
  [PROP_MEMBER_ID] = G_STRUCT_OFFSET (EfEnrolment, member_id),
  [PROP_ACTIVITY] = G_STRUCT_OFFSET (EfEnrolment, activity),
  [PROP_ACTIVITY_NAME] = G_STRUCT_OFFSET (EfEnrolment, activity_name),
  [PROP_SERVICE] = G_STRUCT_OFFSET (EfEnrolment, service),
  [PROP_SITE] = G_STRUCT_OFFSET (EfEnrolment, site),
  [PROP_FIRST_DAY] = G_STRUCT_OFFSET (EfEnrolment, first_day),
  [PROP_LAST_DAY] = G_STRUCT_OFFSET (EfEnrolment, last_day),
};

static void
ef_enrolment_class_init (EfEnrolmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfEnrolment:id:
   *
   * The enrolment's id on the portal.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfEnrolment:member-id:
   *
   * The member enrolled.
   */
  properties[PROP_MEMBER_ID] = _ef_model_param_natural ("member-id");

  /**
   * EfEnrolment:activity:
   *
   * The activity's code ("restaurant-scolaire").
   */
  properties[PROP_ACTIVITY] = _ef_model_param_string ("activity");

  /**
   * EfEnrolment:activity-name:
   *
   * The activity's name ("Restauration scolaire").
   */
  properties[PROP_ACTIVITY_NAME] = _ef_model_param_string ("activity-name");

  /**
   * EfEnrolment:service:
   *
   * The id of the service that runs the activity ("education").
   */
  properties[PROP_SERVICE] = _ef_model_param_string ("service");

  /**
   * EfEnrolment:site:
   *
   * Where the activity takes place.
   */
  properties[PROP_SITE] = _ef_model_param_string ("site");

  /**
   * EfEnrolment:first-day:
   *
   * The first day of the enrolment.
   */
  properties[PROP_FIRST_DAY] = _ef_model_param_day ("first-day");

  /**
   * EfEnrolment:last-day:
   *
   * The last day of the enrolment (included).
   */
  properties[PROP_LAST_DAY] = _ef_model_param_day ("last-day");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_enrolment_init (EfEnrolment *self)
{
}

gint64
ef_enrolment_get_id (EfEnrolment *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENT (self), 0);

  return self->id;
}

gint64
ef_enrolment_get_member_id (EfEnrolment *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENT (self), 0);

  return self->member_id;
}

const char *
ef_enrolment_get_activity (EfEnrolment *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENT (self), NULL);

  return self->activity;
}

const char *
ef_enrolment_get_activity_name (EfEnrolment *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENT (self), NULL);

  return self->activity_name;
}

const char *
ef_enrolment_get_service (EfEnrolment *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENT (self), NULL);

  return self->service;
}

const char *
ef_enrolment_get_site (EfEnrolment *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENT (self), NULL);

  return self->site;
}

EfDay
ef_enrolment_get_first_day (EfEnrolment *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENT (self), EF_DAY_INVALID);

  return self->first_day;
}

EfDay
ef_enrolment_get_last_day (EfEnrolment *self)
{
  g_return_val_if_fail (EF_IS_ENROLMENT (self), EF_DAY_INVALID);

  return self->last_day;
}
