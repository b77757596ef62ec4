/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservation-result.h: what the portal did with a batch of reservation changes */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_RESERVATION_RESULT (ef_reservation_result_get_type ())
G_DECLARE_FINAL_TYPE (EfReservationResult, ef_reservation_result, EF, RESERVATION_RESULT, GObject)

gint64    ef_reservation_result_get_applied   (EfReservationResult *self);
gint64    ef_reservation_result_get_unchanged (EfReservationResult *self);
gint64    ef_reservation_result_get_reserved  (EfReservationResult *self);
gint64    ef_reservation_result_get_cancelled (EfReservationResult *self);
gboolean  ef_reservation_result_get_version   (EfReservationResult *self,
                                               gint64               member_id,
                                               gint64              *version);

/* For the JSON reader of EfClient. */
void      _ef_reservation_result_set_version (EfReservationResult *self,
                                              gint64               member_id,
                                              gint64               version);

G_END_DECLS
