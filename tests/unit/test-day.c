/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-day.c: days and instants in the tenant's time zone */

#define G_LOG_DOMAIN "EfTestUnit"

#include "config.h"

#include <locale.h>
#include <time.h>

#include "ef-common.h"
#include "test-util.h"

static GTimeZone *paris;

static void
test_time_zone (void)
{
  const char *bad[] = { "Mars/Olympus", "", "/etc/localtime", "../../etc/passwd", "Europe/Paris ", NULL };
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GTimeZone) local = NULL;

  tz = ef_time_zone_new ("Europe/Paris", NULL);
  g_assert_nonnull (tz);
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "Europe/Paris");

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GTimeZone) none = ef_time_zone_new (bad[i], &error);

      g_assert_null (none);
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG);
    }

  /* The machine's zone is far from Paris: the tests below prove it does
   * not matter. */
  local = g_time_zone_new_local ();
  g_assert_cmpstr (g_time_zone_get_identifier (local), ==, g_getenv ("TZ"));
}

static void
test_new_and_ymd (void)
{
  EfDay day = ef_day_new (2026, 11, 26);
  int y, m, d;

  g_assert_true (ef_day_is_valid (day));
  ef_day_get_ymd (day, &y, &m, &d);
  g_assert_cmpint (y, ==, 2026);
  g_assert_cmpint (m, ==, 11);
  g_assert_cmpint (d, ==, 26);
  g_assert_cmpint (ef_day_get_weekday (day), ==, G_DATE_THURSDAY);
  g_assert_cmpint (ef_day_get_weekday (ef_day_new (2026, 1, 1)), ==, G_DATE_THURSDAY);
  g_assert_cmpint (ef_day_get_weekday (ef_day_new (2026, 1, 12)), ==, G_DATE_MONDAY);
  g_assert_cmpint (ef_day_get_weekday (ef_day_new (2026, 3, 29)), ==, G_DATE_SUNDAY);
  g_assert_cmpint (ef_day_get_weekday (ef_day_new (1, 1, 1)), ==, G_DATE_MONDAY);

  g_assert_true (ef_day_is_valid (ef_day_new (2024, 2, 29)));
  g_assert_cmpuint (ef_day_new (2026, 2, 29), ==, EF_DAY_INVALID);
  g_assert_cmpuint (ef_day_new (2026, 13, 1), ==, EF_DAY_INVALID);
  g_assert_cmpuint (ef_day_new (2026, 4, 31), ==, EF_DAY_INVALID);
  g_assert_cmpuint (ef_day_new (0, 1, 1), ==, EF_DAY_INVALID);
  g_assert_cmpuint (ef_day_new (2026, 0, 1), ==, EF_DAY_INVALID);
  g_assert_cmpuint (ef_day_new (2026, 1, 0), ==, EF_DAY_INVALID);
  g_assert_cmpuint (ef_day_new (70000, 1, 1), ==, EF_DAY_INVALID);
  g_assert_false (ef_day_is_valid (EF_DAY_INVALID));
}

static void
test_add (void)
{
  EfDay day = ef_day_new (2025, 12, 31);

  g_assert_cmpuint (ef_day_add (day, 1), ==, ef_day_new (2026, 1, 1));
  g_assert_cmpuint (ef_day_add (day, -365), ==, ef_day_new (2024, 12, 31));
  g_assert_cmpuint (ef_day_add (ef_day_new (2024, 2, 28), 1), ==, ef_day_new (2024, 2, 29));
  g_assert_cmpuint (ef_day_add (day, 0), ==, day);
  g_assert_cmpuint (ef_day_add (ef_day_new (1, 1, 1), -1), ==, EF_DAY_INVALID);
  g_assert_cmpuint (ef_day_add (EF_DAY_INVALID, 1), ==, EF_DAY_INVALID);
  g_assert_cmpuint (ef_day_add (ef_day_new (65535, 12, 31), 1), ==, EF_DAY_INVALID);
}

static void
test_parse_iso (void)
{
  const char *bad[] = {
    "", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "20260101", "2026-01-01T00:00:00",
    " 2026-01-01", "2026-01-01 ", "2026-01-01\n", "2026-02-29", "2026-02-30", "2026-13-01",
    "2026-00-10", "2026-01-00", "0000-01-01", "+026-01-01", "2026-0a-01", "２０２６-01-01", NULL
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  EfDay day;

  day = ef_day_parse_iso ("2026-01-12", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day, ==, ef_day_new (2026, 1, 12));
  g_assert_cmpuint (ef_day_parse_iso ("2024-02-29", NULL), ==, ef_day_new (2024, 2, 29));

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) local_error = NULL;

      g_test_message ("refusing “%s”", bad[i]);
      g_assert_cmpuint (ef_day_parse_iso (bad[i], &local_error), ==, EF_DAY_INVALID);
      g_assert_error (local_error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE);
    }

  g_assert_cmpuint (ef_day_parse_iso (NULL, &error), ==, EF_DAY_INVALID);
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE);

  text = ef_day_format_iso (ef_day_new (987, 3, 4));
  g_assert_cmpstr (text, ==, "0987-03-04");
  g_clear_pointer (&text, g_free);
  text = ef_day_format_iso (ef_day_new (2026, 11, 26));
  g_assert_cmpstr (text, ==, "2026-11-26");
  g_assert_cmpuint (ef_day_parse_iso (text, NULL), ==, ef_day_new (2026, 11, 26));
}

static void
test_from_instant (void)
{
  g_autoptr (GDateTime) winter = ef_instant_parse_iso ("2026-01-11T23:30:00Z", NULL);
  g_autoptr (GDateTime) summer = ef_instant_parse_iso ("2026-06-30T22:30:00+00:00", NULL);
  g_autoptr (GDateTime) midnight = ef_instant_parse_iso ("2025-10-17T22:00:00+00:00", NULL);
  g_autoptr (GDateTime) before = ef_instant_parse_iso ("2025-10-17T21:59:59+00:00", NULL);
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  g_assert_cmpuint (ef_day_from_instant (winter, paris), ==, ef_day_new (2026, 1, 12));
  g_assert_cmpuint (ef_day_from_instant (winter, utc), ==, ef_day_new (2026, 1, 11));
  g_assert_cmpuint (ef_day_from_instant (summer, paris), ==, ef_day_new (2026, 7, 1));
  g_assert_cmpuint (ef_day_from_instant (midnight, paris), ==, ef_day_new (2025, 10, 18));
  g_assert_cmpuint (ef_day_from_instant (before, paris), ==, ef_day_new (2025, 10, 17));
}

static void
test_at_time (void)
{
  g_autoptr (GDateTime) winter = ef_day_at_time (ef_day_new (2026, 1, 7), 9, 0, paris);
  g_autoptr (GDateTime) summer = ef_day_at_time (ef_day_new (2026, 6, 10), 9, 0, paris);
  g_autoptr (GDateTime) dst_day = ef_day_at_time (ef_day_new (2026, 3, 29), 9, 0, paris);
  g_autoptr (GDateTime) back_day = ef_day_at_time (ef_day_new (2026, 10, 25), 9, 0, paris);
  g_autoptr (GDateTime) expected = NULL;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *text = NULL;

  g_assert_cmpint (g_date_time_get_utc_offset (winter), ==, G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_utc_offset (summer), ==, 2 * G_TIME_SPAN_HOUR);
  expected = g_date_time_new_utc (2026, 1, 7, 8, 0, 0);
  g_assert_true (g_date_time_equal (winter, expected));

  /* Summer time begins at 02:00 on 29 March 2026 and ends at 03:00 on
   * 25 October 2026. */
  g_assert_cmpint (g_date_time_get_utc_offset (dst_day), ==, 2 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_utc_offset (back_day), ==, G_TIME_SPAN_HOUR);

  text = ef_instant_format_iso (winter, paris);
  g_assert_cmpstr (text, ==, "2026-01-07T09:00:00+01:00");
  g_clear_pointer (&text, g_free);
  text = ef_instant_format_iso (summer, paris);
  g_assert_cmpstr (text, ==, "2026-06-10T09:00:00+02:00");
  g_clear_pointer (&text, g_free);
  text = ef_instant_format_iso (summer, utc);
  g_assert_cmpstr (text, ==, "2026-06-10T07:00:00+00:00");
}

/* The day numbers are GDate's Julian days, for every day of the years a
 * GDate holds, and the same days are refused. */
static void
test_new_as_gdate (void)
{
  for (int year = 1; year <= G_MAXUINT16; year += year < 2200 ? 1 : 97)
    for (int month = 1; month <= 12; month++)
      for (int mday = 1; mday <= 31; mday++)
        {
          EfDay day = ef_day_new (year, month, mday);

          if (!g_date_valid_dmy (mday, month, year))
            {
              g_assert_cmpint (day, ==, EF_DAY_INVALID);
              continue;
            }
          {
            g_autoptr (GDate) date = g_date_new_dmy (mday, month, year);

            g_assert_cmpint (day, ==, g_date_get_julian (date));
          }
        }
  g_assert_cmpint (ef_day_new (G_MAXUINT16, 12, 31), ==, 23936166);
  g_assert_cmpint (ef_day_new (G_MAXUINT16 + 1, 1, 1), ==, EF_DAY_INVALID);
  g_assert_cmpint (ef_day_new (2026, 2, 29), ==, EF_DAY_INVALID);
  g_assert_cmpint (ef_day_new (2028, 2, 29), !=, EF_DAY_INVALID);
  g_assert_cmpint (ef_day_new (2100, 2, 29), ==, EF_DAY_INVALID);
  g_assert_cmpint (ef_day_new (2000, 2, 29), !=, EF_DAY_INVALID);
}

/* Offsets as g_date_time_format()'s "%:z" writes them: west of UTC, in
 * half and quarter hours, and with seconds (dropped). */
static void
test_instant_format_offsets (void)
{
  struct {
    const char *zone;
    gint64      unix_time;
    const char *expected;
  } cases[] = {
    { "America/St_Johns", 1790000000, "2026-09-21T11:43:20-02:30" },
    { "America/St_Johns", 1800000000, "2027-01-15T04:30:00-03:30" },
    { "Asia/Kathmandu", 1800000000, "2027-01-15T13:45:00+05:45" },
    { "America/Caracas", 1800000000, "2027-01-15T04:00:00-04:00" },
    /* Local mean time: +00:09:21. */
    { "Europe/Paris", -2208988800, "1900-01-01T00:09:21+00:09" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (cases[i].zone);
      g_autoptr (GDateTime) instant = g_date_time_new_from_unix_utc (cases[i].unix_time);
      g_autofree char *text = NULL;
      g_autofree char *offset = NULL;
      g_autoptr (GDateTime) local = NULL;

      g_assert_nonnull (tz);
      text = ef_instant_format_iso (instant, tz);
      local = g_date_time_to_timezone (instant, tz);
      offset = g_date_time_format (local, "%:z");
      g_assert_true (g_str_has_suffix (text, offset));
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* The instant of a wall-clock time, in @tz, as UTC text. */
static char *
at_time_utc (const char *zone,
             int         year,
             int         month,
             int         mday,
             int         hour,
             int         minute)
{
  g_autoptr (GTimeZone) tz = ef_time_zone_new (zone, NULL);
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) instant = NULL;

  g_assert_nonnull (tz);
  instant = ef_day_at_time (ef_day_new (year, month, mday), hour, minute, tz);
  g_assert_nonnull (instant);

  return ef_instant_format_iso (instant, utc);
}

static void
check_at_time (const char *zone,
               int         year,
               int         month,
               int         mday,
               int         hour,
               int         minute,
               const char *expected)
{
  g_autofree char *text = at_time_utc (zone, year, month, mday, hour, minute);

  g_test_message ("%s %04d-%02d-%02d %02d:%02d → %s", zone, year, month, mday, hour, minute, text);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_at_time_dst (void)
{
  g_autoptr (GDateTime) glib_fold = NULL;
  g_autoptr (GDateTime) glib_gap = NULL;

  /* Paris, 29 March 2026: 02:00–02:59 do not exist; all give the end of
   * the gap, 03:00 summer time. */
  check_at_time ("Europe/Paris", 2026, 3, 29, 1, 59, "2026-03-29T00:59:00+00:00");
  check_at_time ("Europe/Paris", 2026, 3, 29, 2, 0, "2026-03-29T01:00:00+00:00");
  check_at_time ("Europe/Paris", 2026, 3, 29, 2, 30, "2026-03-29T01:00:00+00:00");
  check_at_time ("Europe/Paris", 2026, 3, 29, 2, 59, "2026-03-29T01:00:00+00:00");
  check_at_time ("Europe/Paris", 2026, 3, 29, 3, 0, "2026-03-29T01:00:00+00:00");

  /* Paris, 25 October 2026: 02:00–02:59 happen twice; the first counts. */
  check_at_time ("Europe/Paris", 2026, 10, 25, 1, 59, "2026-10-24T23:59:00+00:00");
  check_at_time ("Europe/Paris", 2026, 10, 25, 2, 0, "2026-10-25T00:00:00+00:00");
  check_at_time ("Europe/Paris", 2026, 10, 25, 2, 30, "2026-10-25T00:30:00+00:00");
  check_at_time ("Europe/Paris", 2026, 10, 25, 2, 59, "2026-10-25T00:59:00+00:00");
  check_at_time ("Europe/Paris", 2026, 10, 25, 3, 0, "2026-10-25T02:00:00+00:00");

  /* Elsewhere: another offset, a 30-minute fold and gap, and a zone
   * whose summer time is its standard time (negative DST in tzdata). */
  check_at_time ("America/New_York", 2026, 11, 1, 1, 30, "2026-11-01T05:30:00+00:00");
  check_at_time ("America/New_York", 2026, 3, 8, 2, 30, "2026-03-08T07:00:00+00:00");
  check_at_time ("Australia/Lord_Howe", 2026, 4, 5, 1, 45, "2026-04-04T14:45:00+00:00");
  check_at_time ("Australia/Lord_Howe", 2026, 10, 4, 2, 15, "2026-10-03T15:30:00+00:00");
  check_at_time ("Europe/Dublin", 2026, 10, 25, 1, 30, "2026-10-25T00:30:00+00:00");
  check_at_time ("Europe/Dublin", 2026, 3, 29, 1, 30, "2026-03-29T01:00:00+00:00");
  check_at_time ("UTC", 2026, 10, 25, 2, 30, "2026-10-25T02:30:00+00:00");

  /* What GLib does, on which the documentation of ef_day_at_time() rests:
   * the end of a gap, and the second instant of a fold. */
  glib_gap = g_date_time_new (paris, 2026, 3, 29, 2, 30, 0);
  g_assert_cmpint (g_date_time_to_unix (glib_gap), ==, 1774746000);  /* 01:00 UTC */
  glib_fold = g_date_time_new (paris, 2026, 10, 25, 2, 30, 0);
  g_assert_cmpint (g_date_time_to_unix (glib_fold), ==, 1792891800);  /* 01:30 UTC */
}

static void
test_instant_parse (void)
{
  const char *bad[] = {
    "2026-01-12", "2026-01-12T09:00:00", "2026-01-12 09:00:00+01:00", "yesterday", "",
    "2026-01-12T25:00:00Z", "2026-02-30T09:00:00Z", "T09:00:00Z", NULL
  };
  g_autoptr (GDateTime) a = ef_instant_parse_iso ("2026-01-12T09:00:00+01:00", NULL);
  g_autoptr (GDateTime) b = ef_instant_parse_iso ("2026-01-12T08:00:00Z", NULL);
  g_autoptr (GDateTime) c = ef_instant_parse_iso ("2026-01-12T03:00:00-05:00", NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_nonnull (c);
  g_assert_true (g_date_time_equal (a, b));
  g_assert_true (g_date_time_equal (a, c));

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GDateTime) none = ef_instant_parse_iso (bad[i], &error);

      g_test_message ("refusing “%s”", bad[i]);
      g_assert_null (none);
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE);
    }
}

/* Dates in words: on the first of a month, French writes "1er". */
static void
test_date_time_format (void)
{
  g_autoptr (GDateTime) first = g_date_time_new_utc (2027, 3, 1, 12, 0, 0);
  g_autoptr (GDateTime) second = g_date_time_new_utc (2027, 3, 2, 12, 0, 0);
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *untranslated = NULL;
  g_autofree char *expected = NULL;

  /* Untranslated: the first is "1", as g_date_time_format() writes it. */
  untranslated = ef_date_time_format (first, "%A %-d %B %Y");
  expected = g_date_time_format (first, "%A %-d %B %Y");
  g_assert_cmpstr (untranslated, ==, expected);

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      return;
    }
  {
    g_autofree char *long_date = ef_date_time_format (first, "%A %-d %B %Y");
    g_autofree char *in_words = ef_date_time_format (first, "du %-d au 3 %B");
    g_autofree char *numeric = ef_date_time_format (first, "%d/%m/%Y");
    g_autofree char *literal = ef_date_time_format (first, "%%-d %-d");
    g_autofree char *other_day = ef_date_time_format (second, "%A %-d %B");

    setlocale (LC_ALL, old);
    g_assert_cmpstr (long_date, ==, "lundi 1er mars 2027");
    g_assert_cmpstr (in_words, ==, "du 1er au 3 mars");
    /* Numeric dates and a literal "%-d" stay as they are. */
    g_assert_cmpstr (numeric, ==, "01/03/2027");
    g_assert_cmpstr (literal, ==, "%-d 1er");
    g_assert_cmpstr (other_day, ==, "mardi 2 mars");
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  set_far_time_zone (&argc, argv);
  /* The catalogue of the build (ESPACE_FAMILLE_LOCALEDIR); the C locale
   * until a test asks for French. */
  ef_i18n_init ();
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  paris = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
  g_assert_nonnull (paris);

  g_test_add_func ("/day/time-zone", test_time_zone);
  g_test_add_func ("/day/new-and-ymd", test_new_and_ymd);
  g_test_add_func ("/day/new-as-gdate", test_new_as_gdate);
  g_test_add_func ("/day/add", test_add);
  g_test_add_func ("/day/parse-iso", test_parse_iso);
  g_test_add_func ("/day/from-instant", test_from_instant);
  g_test_add_func ("/day/at-time", test_at_time);
  g_test_add_func ("/instant/format-offsets", test_instant_format_offsets);
  g_test_add_func ("/day/at-time-dst", test_at_time_dst);
  g_test_add_func ("/instant/parse", test_instant_parse);
  g_test_add_func ("/day/date-time-format", test_date_time_format);

  ret = g_test_run ();
  g_time_zone_unref (paris);

  return ret;
}
