/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservation-change.c: a member, an activity, a day, and the state wanted */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-reservation-change.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_MEMBER_ID] = G_STRUCT_OFFSET (EfReservationChange, member_id),
  [PROP_ACTIVITY] = G_STRUCT_OFFSET (EfReservationChange, activity),
  [PROP_DAY] = G_STRUCT_OFFSET (EfReservationChange, day),
  [PROP_RESERVED] = G_STRUCT_OFFSET (EfReservationChange, reserved),
  [PROP_REJECTION] = G_STRUCT_OFFSET (EfReservationChange, rejection),
  [PROP_CLOSED_REASON] = G_STRUCT_OFFSET (EfReservationChange, closed_reason),
  [PROP_DEADLINE] = G_STRUCT_OFFSET (EfReservationChange, deadline),
};

static void
ef_reservation_change_class_init (EfReservationChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfReservationChange:member-id:
   *
   * The member.
   */
  properties[PROP_MEMBER_ID] = _ef_model_param_natural ("member-id");

  /**
   * EfReservationChange:activity:
   *
   * The activity's code.
   */
  properties[PROP_ACTIVITY] = _ef_model_param_string ("activity");

  /**
   * EfReservationChange:day:
   *
   * The day.
   */
  properties[PROP_DAY] = _ef_model_param_day ("day");

  /**
   * EfReservationChange:reserved:
   *
   * The state wanted: %TRUE to reserve, %FALSE to cancel.
   */
  properties[PROP_RESERVED] = _ef_model_param_boolean ("reserved");

  /**
   * EfReservationChange:rejection:
   *
   * Why the portal refused the change, in an error; %EF_REJECTION_NONE
   * otherwise.
   */
  properties[PROP_REJECTION] =
    _ef_model_param_enum ("rejection", EF_TYPE_REJECTION, EF_REJECTION_NONE);

  /**
   * EfReservationChange:closed-reason:
   *
   * Why the day is closed, when #EfReservationChange:rejection is
   * %EF_REJECTION_DAY_CLOSED.
   */
  properties[PROP_CLOSED_REASON] =
    _ef_model_param_enum ("closed-reason", EF_TYPE_CLOSED_REASON, EF_CLOSED_REASON_NONE);

  /**
   * EfReservationChange:deadline:
   *
   * The deadline that passed, when #EfReservationChange:rejection is
   * %EF_REJECTION_DEADLINE_PASSED.
   */
  properties[PROP_DEADLINE] = _ef_model_param_instant ("deadline");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
