/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservation-calendar.h: the month and year calendar of "Mes réservations" */

#pragma once

#include <adwaita.h>

#include "ef-common.h"

G_BEGIN_DECLS

/**
 * EfCalendarDayState:
 * @EF_CALENDAR_DAY_FREE: open, not reserved
 * @EF_CALENDAR_DAY_RESERVED: open, reserved
 * @EF_CALENDAR_DAY_CLOSED: nothing can be reserved (see #EfClosedReason)
 * @EF_CALENDAR_DAY_LOCKED: open, but the deadline to change it has passed
 *
 * The saved state of a day for one activity.
 */
typedef enum {
  EF_CALENDAR_DAY_FREE,
  EF_CALENDAR_DAY_RESERVED,
  EF_CALENDAR_DAY_CLOSED,
  EF_CALENDAR_DAY_LOCKED,
} EfCalendarDayState;

/**
 * EfPending:
 * @EF_PENDING_NONE: no unsaved change
 * @EF_PENDING_ADD: a free day to be reserved
 * @EF_PENDING_REMOVE: a reserved day to be cancelled
 *
 * An unsaved change of a day, owned by the calendar's caller.
 */
typedef enum {
  EF_PENDING_NONE,
  EF_PENDING_ADD,
  EF_PENDING_REMOVE,
} EfPending;

/**
 * EfReservationCalendarMode:
 * @EF_RESERVATION_CALENDAR_MODE_MONTH: one month, large days
 * @EF_RESERVATION_CALENDAR_MODE_YEAR: every month of the school year, small days
 */
typedef enum {
  EF_RESERVATION_CALENDAR_MODE_MONTH,
  EF_RESERVATION_CALENDAR_MODE_YEAR,
} EfReservationCalendarMode;

/**
 * EfCalendarDayInfo:
 * @day: the day
 * @state: its saved state
 * @reserved: for %EF_CALENDAR_DAY_LOCKED, whether it stays reserved
 * @reason: for %EF_CALENDAR_DAY_CLOSED, why
 * @label: (nullable): what to name the reason, e.g. the holiday's name
 * @deadline: (nullable): until when the day can be changed (or, when
 *   locked, when that ended)
 *
 * One day of one activity, for ef_reservation_calendar_set_days(). The
 * calendar copies what it keeps.
 */
typedef struct {
  EfDay               day;
  EfCalendarDayState  state;
  gboolean            reserved;
  EfClosedReason      reason;
  const char         *label;
  GDateTime          *deadline;
} EfCalendarDayInfo;

#define EF_TYPE_RESERVATION_CALENDAR_MODE (ef_reservation_calendar_mode_get_type ())
GType ef_reservation_calendar_mode_get_type (void) G_GNUC_CONST;

#define EF_TYPE_RESERVATION_CALENDAR (ef_reservation_calendar_get_type ())

G_DECLARE_FINAL_TYPE (EfReservationCalendar, ef_reservation_calendar, EF, RESERVATION_CALENDAR, GtkWidget)

GtkWidget                 *ef_reservation_calendar_new            (void);

void                       ef_reservation_calendar_set_range      (EfReservationCalendar     *self,
                                                                   EfDay                      first_day,
                                                                   EfDay                      last_day);
EfDay                      ef_reservation_calendar_get_first_day  (EfReservationCalendar     *self);
EfDay                      ef_reservation_calendar_get_last_day   (EfReservationCalendar     *self);

EfDay                      ef_reservation_calendar_get_today      (EfReservationCalendar     *self);
void                       ef_reservation_calendar_set_today      (EfReservationCalendar     *self,
                                                                   EfDay                      today);

EfDay                      ef_reservation_calendar_get_month      (EfReservationCalendar     *self);
void                       ef_reservation_calendar_set_month      (EfReservationCalendar     *self,
                                                                   EfDay                      month);

EfReservationCalendarMode  ef_reservation_calendar_get_mode       (EfReservationCalendar     *self);
void                       ef_reservation_calendar_set_mode       (EfReservationCalendar     *self,
                                                                   EfReservationCalendarMode  mode);

void                       ef_reservation_calendar_set_activities (EfReservationCalendar     *self,
                                                                   const char * const        *ids,
                                                                   const char * const        *names);
const char                *ef_reservation_calendar_get_activity   (EfReservationCalendar     *self);
void                       ef_reservation_calendar_set_activity   (EfReservationCalendar     *self,
                                                                   const char                *activity_id);

void                       ef_reservation_calendar_set_days       (EfReservationCalendar     *self,
                                                                   const char                *activity_id,
                                                                   const EfCalendarDayInfo   *days,
                                                                   gsize                      n_days);
EfCalendarDayState         ef_reservation_calendar_get_day_state  (EfReservationCalendar     *self,
                                                                   const char                *activity_id,
                                                                   EfDay                      day);

void                       ef_reservation_calendar_set_pending    (EfReservationCalendar     *self,
                                                                   const char                *activity_id,
                                                                   EfDay                      day,
                                                                   EfPending                  pending);
EfPending                  ef_reservation_calendar_get_pending    (EfReservationCalendar     *self,
                                                                   const char                *activity_id,
                                                                   EfDay                      day);
void                       ef_reservation_calendar_clear_pending  (EfReservationCalendar     *self,
                                                                   const char                *activity_id);

void                       ef_reservation_calendar_set_refused    (EfReservationCalendar     *self,
                                                                   const char                *activity_id,
                                                                   EfDay                      day,
                                                                   const char                *reason);
const char                *ef_reservation_calendar_get_refused    (EfReservationCalendar     *self,
                                                                   const char                *activity_id,
                                                                   EfDay                      day);
void                       ef_reservation_calendar_clear_refused  (EfReservationCalendar     *self,
                                                                   const char                *activity_id);

EfDay                      ef_reservation_calendar_get_focus_day  (EfReservationCalendar     *self);
void                       ef_reservation_calendar_set_focus_day  (EfReservationCalendar     *self,
                                                                   EfDay                      day);
gboolean                   ef_reservation_calendar_get_selection  (EfReservationCalendar     *self,
                                                                   EfDay                     *first,
                                                                   EfDay                     *last);
void                       ef_reservation_calendar_clear_selection (EfReservationCalendar    *self);

G_END_DECLS
