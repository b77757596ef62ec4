/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservation-change.c: a member, an activity, a day, and the state wanted */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-reservation-change.h"

struct _EfReservationChange
{
  GObject         parent_instance;

  gint64          member_id;
  char           *activity;
  EfDay           day;
  gboolean        reserved;
  EfRejection     rejection;
  EfClosedReason  closed_reason;
  GDateTime      *deadline;
};

G_DEFINE_FINAL_TYPE (EfReservationChange, ef_reservation_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_ACTIVITY,
  PROP_DAY,
  PROP_RESERVED,
  PROP_REJECTION,
  PROP_CLOSED_REASON,
  PROP_DEADLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_reservation_change_finalize (GObject *object)
{
  EfReservationChange *self = EF_RESERVATION_CHANGE (object);

  g_clear_pointer (&self->activity, g_free);
  g_clear_pointer (&self->deadline, g_date_time_unref);

  G_OBJECT_CLASS (ef_reservation_change_parent_class)->finalize (object);
}

static void
ef_reservation_change_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  EfReservationChange *self = EF_RESERVATION_CHANGE (object);

  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;

    case PROP_ACTIVITY:
      g_value_set_string (value, self->activity);
      break;

    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    case PROP_RESERVED:
      g_value_set_boolean (value, self->reserved);
      break;

    case PROP_REJECTION:
      g_value_set_enum (value, self->rejection);
      break;

    case PROP_CLOSED_REASON:
      g_value_set_enum (value, self->closed_reason);
      break;

    case PROP_DEADLINE:
      g_value_set_boxed (value, self->deadline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_reservation_change_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  EfReservationChange *self = EF_RESERVATION_CHANGE (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      self->member_id = g_value_get_int64 (value);
      break;

    case PROP_ACTIVITY:
      self->activity = g_value_dup_string (value);
      break;

    case PROP_DAY:
      self->day = g_value_get_uint (value);
      break;

    case PROP_RESERVED:
      self->reserved = g_value_get_boolean (value);
      break;

    case PROP_REJECTION:
      self->rejection = g_value_get_enum (value);
      break;

    case PROP_CLOSED_REASON:
      self->closed_reason = g_value_get_enum (value);
      break;

    case PROP_DEADLINE:
      self->deadline = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_reservation_change_class_init (EfReservationChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_reservation_change_finalize;
  object_class->get_property = ef_reservation_change_get_property;
  object_class->set_property = ef_reservation_change_set_property;

  /**
   * EfReservationChange:member-id:
   *
   * The member.
   */
  properties[PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationChange:activity:
   *
   * The activity's code.
   */
  properties[PROP_ACTIVITY] =
    g_param_spec_string ("activity", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationChange:day:
   *
   * The day.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationChange:reserved:
   *
   * The state wanted: %TRUE to reserve, %FALSE to cancel.
   */
  properties[PROP_RESERVED] =
    g_param_spec_boolean ("reserved", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationChange:rejection:
   *
   * Why the portal refused the change, in an error; %EF_REJECTION_NONE
   * otherwise.
   */
  properties[PROP_REJECTION] =
    g_param_spec_enum ("rejection", NULL, NULL,
                       EF_TYPE_REJECTION, EF_REJECTION_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationChange:closed-reason:
   *
   * Why the day is closed, when #EfReservationChange:rejection is
   * %EF_REJECTION_DAY_CLOSED.
   */
  properties[PROP_CLOSED_REASON] =
    g_param_spec_enum ("closed-reason", NULL, NULL,
                       EF_TYPE_CLOSED_REASON, EF_CLOSED_REASON_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationChange:deadline:
   *
   * The deadline that passed, when #EfReservationChange:rejection is
   * %EF_REJECTION_DEADLINE_PASSED.
   */
  properties[PROP_DEADLINE] =
    g_param_spec_boxed ("deadline", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_reservation_change_init (EfReservationChange *self)
{
}

/**
 * ef_reservation_change_new:
 * @member_id: the member
 * @activity: the activity's code
 * @day: the day
 * @reserved: the state wanted: %TRUE to reserve, %FALSE to cancel
 *
 * Returns: (transfer full): a new #EfReservationChange
 */
EfReservationChange *
ef_reservation_change_new (gint64      member_id,
                           const char *activity,
                           EfDay       day,
                           gboolean    reserved)
{
  return g_object_new (EF_TYPE_RESERVATION_CHANGE,
                       "member-id", member_id,
                       "activity", activity,
                       "day", day,
                       "reserved", reserved,
                       NULL);
}

gint64
ef_reservation_change_get_member_id (EfReservationChange *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CHANGE (self), 0);

  return self->member_id;
}

const char *
ef_reservation_change_get_activity (EfReservationChange *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CHANGE (self), NULL);

  return self->activity;
}

EfDay
ef_reservation_change_get_day (EfReservationChange *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CHANGE (self), EF_DAY_INVALID);

  return self->day;
}

gboolean
ef_reservation_change_get_reserved (EfReservationChange *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CHANGE (self), FALSE);

  return self->reserved;
}

EfRejection
ef_reservation_change_get_rejection (EfReservationChange *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CHANGE (self), EF_REJECTION_NONE);

  return self->rejection;
}

EfClosedReason
ef_reservation_change_get_closed_reason (EfReservationChange *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CHANGE (self), EF_CLOSED_REASON_NONE);

  return self->closed_reason;
}

/**
 * ef_reservation_change_get_deadline:
 * @self: a #EfReservationChange
 *
 * Returns: (transfer none) (nullable): the deadline that passed, or %NULL
 */
GDateTime *
ef_reservation_change_get_deadline (EfReservationChange *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_CHANGE (self), NULL);

  return self->deadline;
}
