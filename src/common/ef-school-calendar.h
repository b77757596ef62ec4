/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-school-calendar.h: weekends, public holidays, school holidays */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-types.h"

G_BEGIN_DECLS

typedef enum {
  EF_CLOSED_REASON_NONE = 0,
  EF_CLOSED_REASON_WEEKEND,
  EF_CLOSED_REASON_PUBLIC_HOLIDAY,
  EF_CLOSED_REASON_SCHOOL_HOLIDAY,
  EF_CLOSED_REASON_NOT_RUNNING,
  EF_CLOSED_REASON_NOT_ENROLLED,
  EF_CLOSED_REASON_CLOSED_DAY,     /* one of the town's extra closed days */
} EfClosedReason;

/* Stable API strings: "weekend", "public_holiday", … ; NULL for NONE. */
const char     *ef_closed_reason_to_string   (EfClosedReason reason);
EfClosedReason  ef_closed_reason_from_string (const char    *text);

/* Bit (1 << weekday) for weekday 1 = Monday … 7 = Sunday. */
#define EF_WEEKDAY_BIT(wd) (1u << (wd))
#define EF_WEEKDAYS_MON_TO_FRI (EF_WEEKDAY_BIT (1) | EF_WEEKDAY_BIT (2) | EF_WEEKDAY_BIT (3) | EF_WEEKDAY_BIT (4) | EF_WEEKDAY_BIT (5))

/* French public holidays (métropole), fixed and Easter-based, any year.
 * Returns the translated name or NULL. */
const char *ef_public_holiday_name (EfDay day);
EfDay       ef_easter_sunday       (int   year);

/**
 * EfSchoolHoliday:
 * @description: e.g. "Vacances de la Toussaint"
 * @start: the day pupils leave after class
 * @end: the day pupils come back
 *
 * Holiday days are those strictly between @start and @end.
 */
typedef struct {
  char  *description;
  EfDay  start;
  EfDay  end;
  char  *school_year;   /* "2025-2026" */
} EfSchoolHoliday;

#define EF_TYPE_SCHOOL_CALENDAR (ef_school_calendar_get_type ())
GType              ef_school_calendar_get_type        (void) G_GNUC_CONST;

EfSchoolCalendar  *ef_school_calendar_new             (void);
EfSchoolCalendar  *ef_school_calendar_ref             (EfSchoolCalendar *self);
void               ef_school_calendar_unref           (EfSchoolCalendar *self);

void               ef_school_calendar_add_holiday     (EfSchoolCalendar *self,
                                                       const char       *description,
                                                       EfDay             start,
                                                       EfDay             end,
                                                       const char       *school_year);
guint              ef_school_calendar_get_n_holidays  (EfSchoolCalendar *self);
const EfSchoolHoliday *ef_school_calendar_get_holiday (EfSchoolCalendar *self,
                                                       guint             index);

/* Loads the records of the official "fr-en-calendrier-scolaire" dataset
 * (JSON array of records, or CSV with ';') that apply to @zone ("A", "B",
 * "C"); all-or-nothing: a malformed record fails the whole load and the
 * error names the line (CSV) or record index (JSON). */
gboolean           ef_school_calendar_load_json       (EfSchoolCalendar *self,
                                                       const char       *data,
                                                       gssize            length,
                                                       const char       *zone,
                                                       GError          **error);
gboolean           ef_school_calendar_load_csv        (EfSchoolCalendar *self,
                                                       const char       *data,
                                                       gssize            length,
                                                       const char       *zone,
                                                       GError          **error);

gboolean           ef_school_calendar_is_school_holiday (EfSchoolCalendar *self,
                                                         EfDay             day,
                                                         const char      **description);

/* Why @day is closed for an activity that runs on @weekdays (a mask of
 * EF_WEEKDAY_BIT). Order: weekend, public holiday, school holiday, not
 * running. @self may be NULL (no school holidays). */
EfClosedReason     ef_school_calendar_closed_reason   (EfSchoolCalendar *self,
                                                       EfDay             day,
                                                       guint             weekdays);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfSchoolCalendar, ef_school_calendar_unref)

G_END_DECLS
