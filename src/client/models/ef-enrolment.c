/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-enrolment.c: an enrolment (inscription) of a member in an activity */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-enrolment.h"

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

static void
ef_enrolment_finalize (GObject *object)
{
  EfEnrolment *self = EF_ENROLMENT (object);

  g_clear_pointer (&self->activity, g_free);
  g_clear_pointer (&self->activity_name, g_free);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->site, g_free);

  G_OBJECT_CLASS (ef_enrolment_parent_class)->finalize (object);
}

static void
ef_enrolment_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EfEnrolment *self = EF_ENROLMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;

    case PROP_ACTIVITY:
      g_value_set_string (value, self->activity);
      break;

    case PROP_ACTIVITY_NAME:
      g_value_set_string (value, self->activity_name);
      break;

    case PROP_SERVICE:
      g_value_set_string (value, self->service);
      break;

    case PROP_SITE:
      g_value_set_string (value, self->site);
      break;

    case PROP_FIRST_DAY:
      g_value_set_uint (value, self->first_day);
      break;

    case PROP_LAST_DAY:
      g_value_set_uint (value, self->last_day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_enrolment_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EfEnrolment *self = EF_ENROLMENT (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_MEMBER_ID:
      self->member_id = g_value_get_int64 (value);
      break;

    case PROP_ACTIVITY:
      self->activity = g_value_dup_string (value);
      break;

    case PROP_ACTIVITY_NAME:
      self->activity_name = g_value_dup_string (value);
      break;

    case PROP_SERVICE:
      self->service = g_value_dup_string (value);
      break;

    case PROP_SITE:
      self->site = g_value_dup_string (value);
      break;

    case PROP_FIRST_DAY:
      self->first_day = g_value_get_uint (value);
      break;

    case PROP_LAST_DAY:
      self->last_day = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_enrolment_class_init (EfEnrolmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_enrolment_finalize;
  object_class->get_property = ef_enrolment_get_property;
  object_class->set_property = ef_enrolment_set_property;

  /**
   * EfEnrolment:id:
   *
   * The enrolment's id on the portal.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfEnrolment:member-id:
   *
   * The member enrolled.
   */
  properties[PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfEnrolment:activity:
   *
   * The activity's code ("restaurant-scolaire").
   */
  properties[PROP_ACTIVITY] =
    g_param_spec_string ("activity", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfEnrolment:activity-name:
   *
   * The activity's name ("Restauration scolaire").
   */
  properties[PROP_ACTIVITY_NAME] =
    g_param_spec_string ("activity-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfEnrolment:service:
   *
   * The id of the service that runs the activity ("education").
   */
  properties[PROP_SERVICE] =
    g_param_spec_string ("service", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfEnrolment:site:
   *
   * Where the activity takes place.
   */
  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfEnrolment:first-day:
   *
   * The first day of the enrolment.
   */
  properties[PROP_FIRST_DAY] =
    g_param_spec_uint ("first-day", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfEnrolment:last-day:
   *
   * The last day of the enrolment (included).
   */
  properties[PROP_LAST_DAY] =
    g_param_spec_uint ("last-day", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
