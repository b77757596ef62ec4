/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-day.h: days and instants in the tenant's time zone */

#pragma once

#include <glib.h>

#include "ef-types.h"

G_BEGIN_DECLS

#define EF_DEFAULT_TIME_ZONE "Europe/Paris"

/* Weekday numbers follow GDateWeekday: 1 = Monday … 7 = Sunday. */

GTimeZone *ef_time_zone_new          (const char   *identifier,
                                      GError      **error);

EfDay      ef_day_new                (int           year,
                                      int           month,
                                      int           day);
gboolean   ef_day_is_valid           (EfDay         day);
void       ef_day_get_ymd            (EfDay         day,
                                      int          *year,
                                      int          *month,
                                      int          *mday);
int        ef_day_get_weekday        (EfDay         day);
EfDay      ef_day_add                (EfDay         day,
                                      int           n_days);

/* Strict "YYYY-MM-DD"; anything else is an error (EF_API_ERROR_INVALID_DATE). */
EfDay      ef_day_parse_iso          (const char   *text,
                                      GError      **error);
char      *ef_day_format_iso         (EfDay         day);

/* The day on which @instant falls in @tz. */
EfDay      ef_day_from_instant       (GDateTime    *instant,
                                      GTimeZone    *tz);
/* The instant of @hour:@minute on @day in @tz. When clocks go forward, a
 * time in the gap gives the end of the gap; when they go back, a time in
 * the fold gives the first of its two instants (see ef-day.c). */
GDateTime *ef_day_at_time            (EfDay         day,
                                      int           hour,
                                      int           minute,
                                      GTimeZone    *tz);

/* Parses an ISO 8601 instant with an offset or Z ("2026-01-12T09:00:00+01:00"). */
GDateTime *ef_instant_parse_iso      (const char   *text,
                                      GError      **error);
/* ISO 8601 with the offset of @tz, seconds precision. */
char      *ef_instant_format_iso     (GDateTime    *instant,
                                      GTimeZone    *tz);
/* The same for @unix_time (seconds since the epoch, as the store keeps
 * instants); NULL for 0 or less, an instant the store has not got. */
char      *ef_instant_format_unix_iso (gint64       unix_time,
                                       GTimeZone   *tz);

/* g_date_time_format() for a person: on the first day of a month, "%-d"
 * is the translation of "1" in the context "first day of a month", so
 * that French reads "lundi 1er mars". */
char      *ef_date_time_format       (GDateTime    *datetime,
                                      const char   *format);

G_END_DECLS
