/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-calendar.c: school calendars downloaded from data.education.gouv.fr */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "ef-common.h"
#include "fuzz-target.h"

typedef gboolean (*LoadFunc) (EfSchoolCalendar  *self,
                              const char        *data,
                              gssize             length,
                              const char        *zone,
                              GError           **error);

/* What a loaded calendar promises: sorted, valid, non-empty holidays. */
static void
check_calendar (EfSchoolCalendar *calendar)
{
  guint n = ef_school_calendar_get_n_holidays (calendar);

  for (guint i = 0; i < n; i++)
    {
      const EfSchoolHoliday *holiday = ef_school_calendar_get_holiday (calendar, i);

      g_assert_nonnull (holiday->description);
      g_assert_true (g_utf8_validate (holiday->description, -1, NULL));
      g_assert_true (ef_day_is_valid (holiday->start));
      g_assert_true (ef_day_is_valid (holiday->end));
      g_assert_cmpuint (holiday->start, <, holiday->end);
      if (i > 0)
        g_assert_cmpuint (ef_school_calendar_get_holiday (calendar, i - 1)->start, <=, holiday->start);

      if (holiday->end - holiday->start > 1)
        g_assert_true (ef_school_calendar_is_school_holiday (calendar, holiday->start + 1, NULL));
      g_assert_cmpint (ef_school_calendar_closed_reason (calendar, holiday->start, EF_WEEKDAYS_MON_TO_FRI),
                       !=, EF_CLOSED_REASON_NOT_ENROLLED);
    }
}

static void
exercise_load (LoadFunc    load,
               const char *data,
               gssize      length,
               const char *zone)
{
  g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) again_error = NULL;
  guint n;

  if (!load (calendar, data, length, zone, &error))
    {
      /* All or nothing. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == EF_API_ERROR);
      g_assert_true (error->code == EF_API_ERROR_INVALID_CONFIG ||
                     error->code == EF_API_ERROR_MALFORMED_JSON);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 0);
      return;
    }
  g_assert_no_error (error);
  check_calendar (calendar);

  /* The same holidays again add nothing. */
  n = ef_school_calendar_get_n_holidays (calendar);
  g_assert_true (load (calendar, data, length, zone, &again_error));
  g_assert_no_error (again_error);
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, n);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const zones[] = { "A", "C" };
  const char *bytes = size > 0 ? (const char *) data : "";
  g_autofree char *text = NULL;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      /* With an explicit length: the bytes are not NUL-terminated. */
      exercise_load (ef_school_calendar_load_json, bytes, size, zones[z]);
      exercise_load (ef_school_calendar_load_csv, bytes, size, zones[z]);
    }

  /* And with -1, as a file read into a string would be. */
  text = fuzz_strndup (data, size);
  exercise_load (ef_school_calendar_load_json, text, -1, zones[0]);
  exercise_load (ef_school_calendar_load_csv, text, -1, zones[0]);

  return 0;
}
