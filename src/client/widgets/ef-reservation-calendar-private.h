/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservation-calendar-private.h: the pointer handling, for tests and benchmarks
 *
 * The calendar's drag gesture calls exactly these; a benchmark replays a
 * drag through them without a display server in between. Coordinates are
 * those of the widget returned by _ef_reservation_calendar_get_days_area().
 */

#pragma once

#include "ef-reservation-calendar.h"
#include "ef-day-cell.h"

G_BEGIN_DECLS

GtkWidget *_ef_reservation_calendar_get_days_area   (EfReservationCalendar *self);
EfDayCell *_ef_reservation_calendar_get_cell        (EfReservationCalendar *self,
                                                     EfDay                  day);
gboolean   _ef_reservation_calendar_pointer_press   (EfReservationCalendar *self,
                                                     double                 x,
                                                     double                 y,
                                                     gboolean               extend);
void       _ef_reservation_calendar_pointer_motion  (EfReservationCalendar *self,
                                                     double                 x,
                                                     double                 y);
void       _ef_reservation_calendar_pointer_release (EfReservationCalendar *self);
void       _ef_reservation_calendar_pointer_cancel  (EfReservationCalendar *self);

G_END_DECLS
