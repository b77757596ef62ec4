/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-school-calendar.c: weekends, public holidays, school holidays */

#define G_LOG_DOMAIN "EfTestUnit"

#include "config.h"

#include "ef-common.h"
#include "test-util.h"

#define DAY(y, m, d) ef_day_new (y, m, d)

static void
test_easter (void)
{
  static const int dates[][3] = {
    { 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 }, { 2027, 3, 28 }, { 2038, 4, 25 },
    { 2008, 3, 23 }, { 2000, 4, 23 }, { 1943, 4, 25 }, { 2285, 3, 22 }, { 2019, 4, 21 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_assert_cmpuint (ef_easter_sunday (dates[i][0]), ==, DAY (dates[i][0], dates[i][1], dates[i][2]));

  g_assert_cmpuint (ef_easter_sunday (1000), ==, EF_DAY_INVALID);
}

static void
test_public_holidays_2026 (void)
{
  static const struct {
    int         month;
    int         mday;
    const char *name;
  } holidays[] = {
    { 1, 1, "New Year’s Day" },
    { 4, 6, "Easter Monday" },
    { 5, 1, "Labour Day" },
    { 5, 8, "Victory in Europe Day" },
    { 5, 14, "Ascension Day" },
    { 5, 25, "Whit Monday" },
    { 7, 14, "Bastille Day" },
    { 8, 15, "Assumption Day" },
    { 11, 1, "All Saints’ Day" },
    { 11, 11, "Armistice Day" },
    { 12, 25, "Christmas Day" },
  };
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    g_assert_cmpstr (ef_public_holiday_name (DAY (2026, holidays[i].month, holidays[i].mday)), ==,
                     holidays[i].name);

  /* Nothing else. */
  for (EfDay day = DAY (2026, 1, 1); day <= DAY (2026, 12, 31); day++)
    {
      if (ef_public_holiday_name (day) != NULL)
        found++;
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (holidays));

  g_assert_null (ef_public_holiday_name (DAY (2026, 4, 5)));   /* Easter Sunday */
  g_assert_null (ef_public_holiday_name (DAY (2026, 4, 3)));   /* Good Friday */
  g_assert_null (ef_public_holiday_name (DAY (2026, 5, 15)));  /* the Friday after Ascension */
  g_assert_null (ef_public_holiday_name (EF_DAY_INVALID));
}

static guint
count_public_holidays (int year)
{
  guint found = 0;

  for (EfDay day = DAY (year, 1, 1); day <= DAY (year, 12, 31); day++)
    {
      if (ef_public_holiday_name (day) != NULL)
        found++;
    }

  return found;
}

static void
test_public_holidays_count (void)
{
  for (int year = 2020; year <= 2040; year++)
    g_assert_cmpuint (count_public_holidays (year), ==, 11);

  /* Ascension Day fell on Labour Day in 2008. */
  g_assert_cmpuint (count_public_holidays (2008), ==, 10);
  g_assert_cmpstr (ef_public_holiday_name (DAY (2008, 5, 1)), ==, "Labour Day");
  g_assert_cmpstr (ef_public_holiday_name (DAY (2027, 5, 6)), ==, "Ascension Day");
  g_assert_cmpstr (ef_public_holiday_name (DAY (2027, 5, 17)), ==, "Whit Monday");
}

static void
test_closed_reasons (void)
{
  /* The reason a day is closed, with the calendar's holidays or none. */
  static const struct {
    gboolean       holidays;
    int            year, month, day;
    gboolean       wednesdays;  /* the activity runs on Wednesdays too */
    EfClosedReason reason;
  } cases[] = {
    { TRUE, 2026, 1, 10, FALSE, EF_CLOSED_REASON_WEEKEND },
    { FALSE, 2026, 1, 11, TRUE, EF_CLOSED_REASON_WEEKEND },
    /* A weekend inside the holidays is a weekend first. */
    { TRUE, 2026, 2, 14, FALSE, EF_CLOSED_REASON_WEEKEND },
    { TRUE, 2026, 5, 1, FALSE, EF_CLOSED_REASON_PUBLIC_HOLIDAY },
    /* 14 July inside the summer holidays is a public holiday first. */
    { TRUE, 2026, 7, 14, FALSE, EF_CLOSED_REASON_PUBLIC_HOLIDAY },
    { TRUE, 2026, 2, 16, FALSE, EF_CLOSED_REASON_SCHOOL_HOLIDAY },
    /* A Wednesday in the holidays: the holidays first. */
    { TRUE, 2026, 2, 18, FALSE, EF_CLOSED_REASON_SCHOOL_HOLIDAY },
    { TRUE, 2026, 2, 25, FALSE, EF_CLOSED_REASON_NOT_RUNNING },
    { FALSE, 2026, 2, 16, FALSE, EF_CLOSED_REASON_NONE },
    /* The days pupils leave and come back are school days. */
    { TRUE, 2026, 2, 23, FALSE, EF_CLOSED_REASON_NONE },
    { TRUE, 2026, 2, 6, FALSE, EF_CLOSED_REASON_NONE },
    { TRUE, 2026, 9, 1, FALSE, EF_CLOSED_REASON_NONE },
  };
  g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
  guint mon_tue_thu_fri = EF_WEEKDAYS_MON_TO_FRI & ~EF_WEEKDAY_BIT (3);

  ef_school_calendar_add_holiday (calendar, "Vacances d'Hiver", DAY (2026, 2, 7), DAY (2026, 2, 23),
                                  "2025-2026");
  ef_school_calendar_add_holiday (calendar, "Vacances d'Été", DAY (2026, 7, 4), DAY (2026, 9, 1),
                                  "2025-2026");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EfDay day = DAY (cases[i].year, cases[i].month, cases[i].day);
      guint weekdays = cases[i].wednesdays ? EF_WEEKDAYS_MON_TO_FRI : mon_tue_thu_fri;

      g_test_message ("%d-%02d-%02d", cases[i].year, cases[i].month, cases[i].day);
      g_assert_cmpint (ef_school_calendar_closed_reason (cases[i].holidays ? calendar : NULL, day,
                                                         weekdays), ==, cases[i].reason);
    }
}

static void
test_closed_reason_strings (void)
{
  static const char * const strings[] = {
    NULL, "weekend", "public_holiday", "school_holiday", "not_running", "not_enrolled",
    "closed_day"
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_assert_cmpstr (ef_closed_reason_to_string ((EfClosedReason) i), ==, strings[i]);
      g_assert_cmpint (ef_closed_reason_from_string (strings[i]), ==, i);
    }
  g_assert_cmpint (ef_closed_reason_from_string ("closed"), ==, EF_CLOSED_REASON_NONE);
  g_assert_null (ef_closed_reason_to_string ((EfClosedReason) 99));
}

static void
test_add_holiday (void)
{
  g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
  EfSchoolCalendar *copy;
  const EfSchoolHoliday *holiday;
  const char *description = NULL;

  ef_school_calendar_add_holiday (calendar, "Vacances de Noël", DAY (2025, 12, 20), DAY (2026, 1, 5),
                                  "2025-2026");
  ef_school_calendar_add_holiday (calendar, "Vacances de la Toussaint", DAY (2025, 10, 18),
                                  DAY (2025, 11, 3), "2025-2026");
  ef_school_calendar_add_holiday (calendar, "Vacances de Noël", DAY (2025, 12, 20), DAY (2026, 1, 5),
                                  "2025-2026");
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 2);

  /* Sorted by start. */
  holiday = ef_school_calendar_get_holiday (calendar, 0);
  g_assert_cmpstr (holiday->description, ==, "Vacances de la Toussaint");
  g_assert_cmpuint (holiday->start, ==, DAY (2025, 10, 18));
  g_assert_cmpuint (holiday->end, ==, DAY (2025, 11, 3));
  g_assert_cmpstr (holiday->school_year, ==, "2025-2026");

  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 12, 25), &description));
  g_assert_cmpstr (description, ==, "Vacances de Noël");
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 1, 4), NULL));
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 1, 5), NULL));
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 12, 20), NULL));
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 11, 15), NULL));

  /* A boxed type that shares. */
  copy = g_boxed_copy (EF_TYPE_SCHOOL_CALENDAR, calendar);
  g_assert_true (copy == calendar);
  g_boxed_free (EF_TYPE_SCHOOL_CALENDAR, copy);
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 2);
}

/* A file of tests/unit/data (@type G_TEST_DIST) or a copy made by the
 * build beside the program (G_TEST_BUILT). meson sets G_TEST_SRCDIR and
 * G_TEST_BUILDDIR; a program run by hand finds both beside itself. */
static char *
read_data_file (GTestFileType  type,
                const char    *name)
{
  g_autofree char *path = g_test_build_filename (type, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* What tests/unit/data/calendrier-sample.* hold for zone A. */
static void
check_sample_zone_a (EfSchoolCalendar *calendar)
{
  const char *description = NULL;

  /* Toussaint (given for two académies), Noël, Hiver, Printemps, Pont. */
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 5);

  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 10, 17), NULL));
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 10, 18), NULL));
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 10, 19), &description));
  g_assert_cmpstr (description, ==, "Vacances de la Toussaint");
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 11, 2), NULL));
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 11, 3), NULL));

  /* "2025-12-20" as a day. */
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 12, 22), &description));
  g_assert_cmpstr (description, ==, "Vacances de Noël");
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 1, 5), NULL));

  /* "2026-02-07T00:00:00+01:00"; the teachers' dates are ignored: the 23rd,
   * when pupils come back, stays a school day. */
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 2, 9), NULL));
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 2, 23), NULL));
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 2, 6), NULL));

  /* "Élèves" records count. */
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 4, 10), &description));
  g_assert_cmpstr (description, ==, "Vacances de Printemps");
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 4, 20), NULL));

  /* The bridge: Friday 15 May only. */
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 5, 14), NULL));
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 5, 15), &description));
  g_assert_cmpstr (description, ==, "Pont de l'Ascension");
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 5, 18), NULL));
  g_assert_cmpint (ef_school_calendar_closed_reason (calendar, DAY (2026, 5, 15), EF_WEEKDAYS_MON_TO_FRI), ==,
                   EF_CLOSED_REASON_SCHOOL_HOLIDAY);

  /* Zone B's winter holidays are not zone A's. */
  g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 2, 25), NULL));
}

static void
test_load_json_sample (void)
{
  g_autofree char *data = read_data_file (G_TEST_DIST, "calendrier-sample.json");
  g_autoptr (EfSchoolCalendar) zone_a = ef_school_calendar_new ();
  g_autoptr (EfSchoolCalendar) zone_b = ef_school_calendar_new ();
  g_autoptr (EfSchoolCalendar) corse = ef_school_calendar_new ();
  g_autoptr (GError) error = NULL;

  ef_school_calendar_load_json (zone_a, data, -1, "A", &error);
  g_assert_no_error (error);
  check_sample_zone_a (zone_a);

  /* Loading twice adds nothing. */
  ef_school_calendar_load_json (zone_a, data, -1, "Zone A", &error);
  g_assert_no_error (error);
  check_sample_zone_a (zone_a);

  ef_school_calendar_load_json (zone_b, data, -1, "B", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (zone_b), ==, 1);
  g_assert_true (ef_school_calendar_is_school_holiday (zone_b, DAY (2026, 2, 25), NULL));
  g_assert_false (ef_school_calendar_is_school_holiday (zone_b, DAY (2026, 3, 2), NULL));

  ef_school_calendar_load_json (corse, data, -1, "Corse", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (corse), ==, 1);
}

static void
test_load_csv_sample (void)
{
  g_autofree char *data = read_data_file (G_TEST_DIST, "calendrier-sample.csv");
  g_autoptr (EfSchoolCalendar) zone_a = ef_school_calendar_new ();
  g_autoptr (EfSchoolCalendar) zone_c = ef_school_calendar_new ();
  g_autoptr (GError) error = NULL;

  ef_school_calendar_load_csv (zone_a, data, -1, "A", &error);
  g_assert_no_error (error);
  check_sample_zone_a (zone_a);

  ef_school_calendar_load_csv (zone_c, data, -1, "C", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (zone_c), ==, 0);
}

static void
test_load_json_fields (void)
{
  /* The older ODS export, CRLF, null population. */
  static const char data[] =
    "[{\"datasetid\": \"fr-en-calendrier-scolaire\", \"recordid\": \"x\",\r\n"
    "  \"fields\": {\"description\": \"Vacances de Noël\", \"start_date\": \"2025-12-19T23:00:00+00:00\",\r\n"
    "             \"end_date\": \"2026-01-04T23:00:00+00:00\", \"zones\": \"Zone C\",\r\n"
    "             \"annee_scolaire\": \"2025-2026\", \"population\": null, \"location\": \"Paris\"}},\r\n"
    " {\"description\": \"Vacances d'Hiver\", \"start_date\": \"2026-02-21\", \"end_date\": \"2026-03-09\",\r\n"
    "  \"zones\": \"Zone C\", \"annee_scolaire\": \"2025-2026\"}]";
  g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
  g_autoptr (GError) error = NULL;

  ef_school_calendar_load_json (calendar, data, -1, "C", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 2);
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 1, 2), NULL));
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 3, 6), NULL));
}

static void
test_load_json_refused (void)
{
  static const struct {
    const char *json;
    const char *in_message;
  } cases[] = {
    { "{\"description\": \"x\"}", "array" },
    { "[1]", "record 1" },
    { "[{\"description\": \"Vacances de Noël\", \"start_date\": \"2025-12-20\", \"end_date\": \"2026-01-05\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2025-2026\"},"
      " {\"description\": \"Vacances d'Hiver\", \"start_date\": \"2026-02-07\", \"end_date\": \"2026-02-23\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2025-2026\"},"
      " {\"description\": \"Vacances d'Hiver\", \"start_date\": \"2026-02-31\", \"end_date\": \"2026-03-02\", \"zones\": \"Zone B\", \"annee_scolaire\": \"2025-2026\"}]",
      "record 3" },
    { "[{\"description\": \"Vacances de Noël\", \"start_date\": \"2025-12-20\", \"end_date\": \"2026-01-05\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2025-2026\"},"
      " {\"description\": \"Vacances d'Hiver\", \"start_date\": \"2026-02-23\", \"end_date\": \"2026-02-07\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2025-2026\"}]",
      "record 2" },
    { "[{\"description\": \"Vacances de Noël\", \"start_date\": \"2025-12-20\", \"end_date\": \"2026-01-05\", \"zones\": 1, \"annee_scolaire\": \"2025-2026\"}]",
      "zones" },
    { "[{\"description\": \"Vacances de Noël\", \"start_date\": \"2025-12-20\", \"end_date\": \"2026-01-05\", \"zones\": \"Zone A\"}]",
      "annee_scolaire" },
    { "[{\"description\": \"\", \"start_date\": \"2025-12-20\", \"end_date\": \"2026-01-05\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2025-2026\"}]",
      "description" },
    { "[{\"description\": \"Vacances de Noël\", \"start_date\": \"2025-12-20T00:00:00\", \"end_date\": \"2026-01-05\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2025-2026\"}]",
      "start_date" },
    { "[{\"fields\": [], \"description\": \"x\"}]", "fields" },
    { "[{\"description\": \"Vacances de Noël\"", "JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
      g_autoptr (GError) error = NULL;

      g_test_message ("refusing %s", cases[i].json);
      ef_school_calendar_add_holiday (calendar, "Vacances de la Toussaint", DAY (2025, 10, 18),
                                      DAY (2025, 11, 3), "2025-2026");
      g_assert_false (ef_school_calendar_load_json (calendar, cases[i].json, -1, "A", &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == EF_API_ERROR);
      g_test_message ("  %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
      /* All or nothing. */
      g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 1);
    }
}

static void
test_load_csv_refused (void)
{
  static const char header[] = "description;population;start_date;end_date;location;zones;annee_scolaire\n";
  static const char good[] = "Vacances de Noël;-;2025-12-20;2026-01-05;Lyon;Zone A;2025-2026\n";
  static const struct {
    const char *lines;
    const char *in_message;
  } cases[] = {
    /* The header is line 1. */
    { "Vacances d'Hiver;-;2026-02-07;2026-02-30;Lyon;Zone A;2025-2026\n", "line 4" },
    { "Vacances d'Hiver;-;2026-02-07;2026-02-23;Lyon;Zone A\n", "line 4" },
    { "Vacances d'Hiver;-;2026-02-23;2026-02-07;Lyon;Zone A;2025-2026\n", "line 4" },
    { "\"Vacances d'Hiver;-;2026-02-07;2026-02-23;Lyon;Zone A;2025-2026\n", "line 4" },
    { "Vacances \"d'Hiver\";-;2026-02-07;2026-02-23;Lyon;Zone A;2025-2026\n", "line 4" },
    { "\"Vacances\" d'Hiver;-;2026-02-07;2026-02-23;Lyon;Zone A;2025-2026\n", "line 4" },
    { ";-;2026-02-07;2026-02-23;Lyon;Zone A;2025-2026\n", "line 4" },
    /* A multi-line quoted field counts its lines. */
    { "\"Vacances\nd'Hiver\";-;2026-02-07;2026-02-23;Lyon;Zone A;2025-2026\n"
      "Vacances de Printemps;-;2026-04-04;yesterday;Lyon;Zone A;2025-2026\n", "line 6" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *data = g_strconcat (header, good, good, cases[i].lines, good, NULL);

      g_test_message ("refusing %s", cases[i].lines);
      g_assert_false (ef_school_calendar_load_csv (calendar, data, -1, "A", &error));
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG);
      g_test_message ("  %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
      g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 0);
    }
}

static void
test_load_csv_shapes (void)
{
  g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
  g_autoptr (GError) error = NULL;
  const char *description = NULL;

  /* CRLF, columns in another order, unknown columns, no population column,
   * an escaped quote, no final newline. */
  ef_school_calendar_load_csv (calendar,
                               "Zones;Extra;annee_scolaire;end_date;start_date;description\r\n"
                               "Zone A;1;2025-2026;2026-01-05;2025-12-20;\"Vacances de \"\"Noël\"\"\"\r\n"
                               "\r\n"
                               "Zone A;2;2025-2026;2026-02-23;2026-02-07;Vacances d'Hiver",
                               -1, "A", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 2);
  g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 12, 24), &description));
  g_assert_cmpstr (description, ==, "Vacances de \"Noël\"");

  /* A missing column, an empty file, invalid UTF-8. */
  g_assert_false (ef_school_calendar_load_csv (calendar, "description;start_date;end_date;zones\n", -1, "A", &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG);
  g_assert_nonnull (strstr (error->message, "annee_scolaire"));
  g_clear_error (&error);
  g_assert_false (ef_school_calendar_load_csv (calendar, "", -1, "A", &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG);
  g_clear_error (&error);
  g_assert_false (ef_school_calendar_load_csv (calendar, "description\xff;x\n", -1, "A", &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG);
  g_clear_error (&error);
  g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, 2);
}

/* The calendar shipped in data/school-calendar. */
static void
test_shipped_calendar (void)
{
  g_autofree char *data = read_data_file (G_TEST_BUILT, "fr-en-calendrier-scolaire.json");
  static const struct {
    const char *zone;
    guint       n_holidays;
  } zones[] = { { "A", 9 }, { "B", 10 }, { "C", 11 } };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
      g_autoptr (GError) error = NULL;

      ef_school_calendar_load_json (calendar, data, -1, zones[i].zone, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, zones[i].n_holidays);

      /* Toussaint, Noël, the bridges and the summer are the same everywhere. */
      g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 10, 20), NULL));
      g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2025, 11, 3), NULL));
      g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 5, 15), NULL));
      g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 8, 31), NULL));
      g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 9, 1), NULL));
      g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 10, 19), NULL));
      g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 11, 2), NULL));
      g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2026, 12, 21), NULL));
      g_assert_false (ef_school_calendar_is_school_holiday (calendar, DAY (2027, 1, 4), NULL));
      g_assert_true (ef_school_calendar_is_school_holiday (calendar, DAY (2027, 5, 7), NULL));
    }
}

/* Instants on both sides of the changes of offset of Europe/Paris: each
 * one is the day it falls on there (UTC+2 in summer, UTC+1 in winter),
 * whatever the machine's zone, at the first load and at every later one. */
static const char instants_data[] =
  "[{\"description\": \"Vacances de la Toussaint\", \"start_date\": \"2026-10-16T22:30:00+00:00\",\n"
  "  \"end_date\": \"2026-11-01T23:30:00+00:00\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2026-2027\"},\n"
  " {\"description\": \"Vacances d'Hiver\", \"start_date\": \"2027-02-19T23:00:00+00:00\",\n"
  "  \"end_date\": \"2027-03-07T23:00:00+00:00\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2026-2027\"},\n"
  " {\"description\": \"Vacances de Printemps\", \"start_date\": \"2027-04-09T22:00:00+00:00\",\n"
  "  \"end_date\": \"2027-04-25T22:00:00+00:00\", \"zones\": \"Zone A\", \"annee_scolaire\": \"2026-2027\"}]";

static void
check_instants (EfSchoolCalendar *calendar)
{
  static const struct {
    int start_ymd[3];
    int end_ymd[3];
  } expected[] = {
    { { 2026, 10, 17 }, { 2026, 11, 2 } },
    { { 2027, 2, 20 }, { 2027, 3, 8 } },
    { { 2027, 4, 10 }, { 2027, 4, 26 } },
  };

  g_assert_cmpuint (ef_school_calendar_get_n_holidays (calendar), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const EfSchoolHoliday *holiday = ef_school_calendar_get_holiday (calendar, i);

      g_assert_cmpuint (holiday->start, ==,
                        DAY (expected[i].start_ymd[0], expected[i].start_ymd[1], expected[i].start_ymd[2]));
      g_assert_cmpuint (holiday->end, ==,
                        DAY (expected[i].end_ymd[0], expected[i].end_ymd[1], expected[i].end_ymd[2]));
    }
}

static void
load_and_check_instants (void)
{
  g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
  g_autoptr (GError) error = NULL;

  ef_school_calendar_load_json (calendar, instants_data, -1, "A", &error);
  g_assert_no_error (error);
  check_instants (calendar);
}

static gpointer
load_instants_thread (gpointer data)
{
  for (guint n = 0; n < 20; n++)
    load_and_check_instants ();

  return NULL;
}

static void
test_load_instants_zone (void)
{
  GThread *threads[4];

  /* The same days at every load, one calendar after the other... */
  for (guint n = 0; n < 3; n++)
    load_and_check_instants ();

  /* ...and from threads that load at the same time. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("load-instants", load_instants_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  set_far_time_zone (&argc, argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/school-calendar/easter", test_easter);
  g_test_add_func ("/school-calendar/public-holidays-2026", test_public_holidays_2026);
  g_test_add_func ("/school-calendar/public-holidays-count", test_public_holidays_count);
  g_test_add_func ("/school-calendar/closed-reasons", test_closed_reasons);
  g_test_add_func ("/school-calendar/closed-reason-strings", test_closed_reason_strings);
  g_test_add_func ("/school-calendar/add-holiday", test_add_holiday);
  g_test_add_func ("/school-calendar/load-json-sample", test_load_json_sample);
  g_test_add_func ("/school-calendar/load-csv-sample", test_load_csv_sample);
  g_test_add_func ("/school-calendar/load-json-fields", test_load_json_fields);
  g_test_add_func ("/school-calendar/load-json-refused", test_load_json_refused);
  g_test_add_func ("/school-calendar/load-csv-refused", test_load_csv_refused);
  g_test_add_func ("/school-calendar/load-csv-shapes", test_load_csv_shapes);
  g_test_add_func ("/school-calendar/shipped-calendar", test_shipped_calendar);
  g_test_add_func ("/school-calendar/load-instants-zone", test_load_instants_zone);

  return g_test_run ();
}
