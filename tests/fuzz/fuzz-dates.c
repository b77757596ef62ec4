/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-dates.c: days, instants and amounts typed by people or sent by peers */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "ef-common.h"
#include "fuzz-target.h"

/* A day is strict "YYYY-MM-DD": what was accepted is written back as it was. */
static void
exercise_day (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;
  EfDay day;

  day = ef_day_parse_iso (text, &error);
  if (day == EF_DAY_INVALID)
    {
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE);
      return;
    }

  g_assert_no_error (error);
  g_assert_true (ef_day_is_valid (day));
  written = ef_day_format_iso (day);
  g_assert_cmpstr (written, ==, text);
  g_assert_cmpint (ef_day_get_weekday (day), >=, 1);
  g_assert_cmpint (ef_day_get_weekday (day), <=, 7);
}

/* An accepted instant, written in UTC, reads back as the same instant;
 * written in Paris time, too, give or take the seconds of the offset
 * (Paris Mean Time, before 1911, was +00:09:21 and "%:z" drops seconds). */
static void
exercise_instant (const char *text,
                  GTimeZone  *utc,
                  GTimeZone  *paris)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) instant = NULL;

  instant = ef_instant_parse_iso (text, &error);
  if (instant == NULL)
    {
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE);
      return;
    }
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) again_error = NULL;
      g_autoptr (GDateTime) again = NULL;
      g_autofree char *written = NULL;
      gint64 drift;

      /* At the ends of the range the local day may not exist: NULL then. */
      written = ef_instant_format_iso (instant, i == 0 ? utc : paris);
      if (written == NULL)
        continue;

      again = ef_instant_parse_iso (written, &again_error);
      g_assert_no_error (again_error);
      g_assert_nonnull (again);
      drift = g_date_time_to_unix (again) - g_date_time_to_unix (instant);
      if (i == 0)
        g_assert_cmpint (drift, ==, 0);
      else
        g_assert_cmpint (ABS (drift), <, 60);
    }
}

/* An accepted amount, written without grouping, reads back as the same cents. */
static void
exercise_money (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) again_error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *grouped = NULL;
  EfCents cents = 42;
  EfCents again = 0;

  if (!ef_money_parse (text, &cents, &error))
    {
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
      g_assert_cmpint (cents, ==, 42);
      return;
    }
  g_assert_no_error (error);

  written = ef_money_format_full (cents, ",", "", "%s");
  g_assert_true (ef_money_parse (written, &again, &again_error));
  g_assert_no_error (again_error);
  g_assert_cmpint (again, ==, cents);

  grouped = ef_money_format_full (cents, ",", "\u202F", "%s\u00A0€");
  g_assert_true (g_utf8_validate (grouped, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GTimeZone *utc = NULL;
  static GTimeZone *paris = NULL;
  g_autofree char *text = fuzz_strndup (data, size);

  if (paris == NULL)
    {
      utc = g_time_zone_new_utc ();
      paris = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
    }
  g_assert_nonnull (paris);

  exercise_day (text);
  exercise_instant (text, utc, paris);
  exercise_money (text);

  return 0;
}
