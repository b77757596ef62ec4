/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservation-change.h: a member, an activity, a day, and the state wanted */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_RESERVATION_CHANGE (ef_reservation_change_get_type ())
G_DECLARE_FINAL_TYPE (EfReservationChange, ef_reservation_change, EF, RESERVATION_CHANGE, GObject)

EfReservationChange *ef_reservation_change_new               (gint64      member_id,
                                                              const char *activity,
                                                              EfDay       day,
                                                              gboolean    reserved);
gint64               ef_reservation_change_get_member_id     (EfReservationChange *self);
const char          *ef_reservation_change_get_activity      (EfReservationChange *self);
EfDay                ef_reservation_change_get_day           (EfReservationChange *self);
gboolean             ef_reservation_change_get_reserved      (EfReservationChange *self);
EfRejection          ef_reservation_change_get_rejection     (EfReservationChange *self);
EfClosedReason       ef_reservation_change_get_closed_reason (EfReservationChange *self);
GDateTime           *ef_reservation_change_get_deadline      (EfReservationChange *self);

G_END_DECLS
