/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-deadline.c: until when a reservation for a day may be changed */

#define G_LOG_DOMAIN "EfTestUnit"

#include "config.h"

#include "ef-common.h"
#include "test-util.h"

static GTimeZone *paris;

typedef struct {
  int         day[3];       /* the day of the meal */
  int         deadline[3];  /* the deadline day */
  const char *local;        /* the deadline, Paris time */
  const char *utc;          /* the same instant in UTC */
} Case;

static void
check_case (const EfDeadlinePolicy *policy,
            EfSchoolCalendar       *calendar,
            const Case             *c)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) deadline = NULL;
  g_autofree char *local_text = NULL;
  g_autofree char *utc_text = NULL;
  EfDay day = ef_day_new (c->day[0], c->day[1], c->day[2]);

  g_test_message ("%04d-%02d-%02d → %s", c->day[0], c->day[1], c->day[2], c->local);

  g_assert_cmpuint (ef_deadline_day (policy, calendar, day), ==,
                    ef_day_new (c->deadline[0], c->deadline[1], c->deadline[2]));

  deadline = ef_deadline_for_day (policy, calendar, day, paris);
  g_assert_nonnull (deadline);
  local_text = ef_instant_format_iso (deadline, paris);
  utc_text = ef_instant_format_iso (deadline, utc);
  g_assert_cmpstr (local_text, ==, c->local);
  g_assert_cmpstr (utc_text, ==, c->utc);
}

static void
check_cases (const EfDeadlinePolicy *policy,
             EfSchoolCalendar       *calendar,
             const Case             *cases,
             gsize                   n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    check_case (policy, calendar, &cases[i]);
}

/* The cases under the default policy, without a school calendar. */
static void
check_default_cases (const Case *cases,
                     gsize       n_cases)
{
  EfDeadlinePolicy policy;

  ef_deadline_policy_init_default (&policy);
  check_cases (&policy, NULL, cases, n_cases);
}

static void
test_default_policy (void)
{
  EfDeadlinePolicy policy;

  ef_deadline_policy_init_default (&policy);
  g_assert_cmpuint (policy.days_before, ==, 3);
  g_assert_cmpuint (policy.hour, ==, 9);
  g_assert_cmpuint (policy.minute, ==, 0);
  g_assert_cmpuint (policy.counted_weekdays, ==, EF_WEEKDAYS_MON_TO_FRI);
  g_assert_false (policy.skip_public_holidays);
  g_assert_false (policy.skip_school_holidays);
  g_assert_true (ef_deadline_policy_validate (&policy, NULL));
}

/* The tutorial's table, in winter time (+01:00). */
static void
test_table_winter (void)
{
  static const Case cases[] = {
    { { 2026, 1, 12 }, { 2026, 1, 7 }, "2026-01-07T09:00:00+01:00", "2026-01-07T08:00:00+00:00" },  /* Monday → Wednesday */
    { { 2026, 1, 13 }, { 2026, 1, 8 }, "2026-01-08T09:00:00+01:00", "2026-01-08T08:00:00+00:00" },  /* Tuesday → Thursday */
    { { 2026, 1, 14 }, { 2026, 1, 9 }, "2026-01-09T09:00:00+01:00", "2026-01-09T08:00:00+00:00" },  /* Wednesday → Friday */
    { { 2026, 1, 15 }, { 2026, 1, 12 }, "2026-01-12T09:00:00+01:00", "2026-01-12T08:00:00+00:00" }, /* Thursday → Monday */
    { { 2026, 1, 16 }, { 2026, 1, 13 }, "2026-01-13T09:00:00+01:00", "2026-01-13T08:00:00+00:00" }, /* Friday → Tuesday */
  };

  check_default_cases (cases, G_N_ELEMENTS (cases));
}

/* The same table in summer time (+02:00). */
static void
test_table_summer (void)
{
  static const Case cases[] = {
    { { 2026, 6, 15 }, { 2026, 6, 10 }, "2026-06-10T09:00:00+02:00", "2026-06-10T07:00:00+00:00" },
    { { 2026, 6, 16 }, { 2026, 6, 11 }, "2026-06-11T09:00:00+02:00", "2026-06-11T07:00:00+00:00" },
    { { 2026, 6, 18 }, { 2026, 6, 15 }, "2026-06-15T09:00:00+02:00", "2026-06-15T07:00:00+00:00" },
    { { 2026, 6, 19 }, { 2026, 6, 16 }, "2026-06-16T09:00:00+02:00", "2026-06-16T07:00:00+00:00" },
  };

  check_default_cases (cases, G_N_ELEMENTS (cases));
}

/* The deadline and the day on both sides of a change of time. */
static void
test_across_dst (void)
{
  static const Case cases[] = {
    /* Summer time begins on Sunday 29 March 2026. */
    { { 2026, 3, 31 }, { 2026, 3, 26 }, "2026-03-26T09:00:00+01:00", "2026-03-26T08:00:00+00:00" },
    { { 2026, 3, 30 }, { 2026, 3, 25 }, "2026-03-25T09:00:00+01:00", "2026-03-25T08:00:00+00:00" },
    { { 2026, 4, 2 }, { 2026, 3, 30 }, "2026-03-30T09:00:00+02:00", "2026-03-30T07:00:00+00:00" },
    /* And ends on Sunday 25 October 2026. */
    { { 2026, 10, 27 }, { 2026, 10, 22 }, "2026-10-22T09:00:00+02:00", "2026-10-22T07:00:00+00:00" },
    { { 2026, 10, 26 }, { 2026, 10, 21 }, "2026-10-21T09:00:00+02:00", "2026-10-21T07:00:00+00:00" },
    { { 2026, 10, 29 }, { 2026, 10, 26 }, "2026-10-26T09:00:00+01:00", "2026-10-26T08:00:00+00:00" },
  };

  check_default_cases (cases, G_N_ELEMENTS (cases));
}

/* A deadline at 02:00 or 02:30, Paris time, on the nights the clocks
 * change: the time does not exist in March and happens twice in October. */
static void
test_dst_night (void)
{
  static const Case at_two[] = {
    /* Sunday 29 March 2026: from 02:00 the clocks show 03:00, the end of
     * the gap, and the deadline is then. */
    { { 2026, 3, 30 }, { 2026, 3, 29 }, "2026-03-29T03:00:00+02:00", "2026-03-29T01:00:00+00:00" },
    /* Sunday 25 October 2026: 02:00 summer time, the first of the two. */
    { { 2026, 10, 26 }, { 2026, 10, 25 }, "2026-10-25T02:00:00+02:00", "2026-10-25T00:00:00+00:00" },
    /* The Sundays around them, as usual. */
    { { 2026, 3, 23 }, { 2026, 3, 22 }, "2026-03-22T02:00:00+01:00", "2026-03-22T01:00:00+00:00" },
    { { 2026, 4, 6 }, { 2026, 4, 5 }, "2026-04-05T02:00:00+02:00", "2026-04-05T00:00:00+00:00" },
    { { 2026, 10, 19 }, { 2026, 10, 18 }, "2026-10-18T02:00:00+02:00", "2026-10-18T00:00:00+00:00" },
    { { 2026, 11, 2 }, { 2026, 11, 1 }, "2026-11-01T02:00:00+01:00", "2026-11-01T01:00:00+00:00" },
  };
  static const Case at_half_past_two[] = {
    { { 2026, 3, 30 }, { 2026, 3, 29 }, "2026-03-29T03:00:00+02:00", "2026-03-29T01:00:00+00:00" },
    { { 2026, 10, 26 }, { 2026, 10, 25 }, "2026-10-25T02:30:00+02:00", "2026-10-25T00:30:00+00:00" },
  };
  EfDeadlinePolicy policy = {
    .days_before = 1,
    .hour = 2,
    .minute = 0,
    .counted_weekdays = EF_WEEKDAYS_MON_TO_FRI | EF_WEEKDAY_BIT (6) | EF_WEEKDAY_BIT (7),
  };

  g_assert_true (ef_deadline_policy_validate (&policy, NULL));
  check_cases (&policy, NULL, at_two, G_N_ELEMENTS (at_two));
  policy.minute = 30;
  check_cases (&policy, NULL, at_half_past_two, G_N_ELEMENTS (at_half_past_two));
}

static void
check_allowed (const EfDeadlinePolicy *policy,
               EfDay                   day,
               const char             *now_text,
               gboolean                expected)
{
  g_autoptr (GDateTime) now = ef_instant_parse_iso (now_text, NULL);
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) now_local = NULL;

  g_assert_nonnull (now);
  g_assert_cmpint (ef_deadline_allows_change (policy, NULL, day, paris, now), ==, expected);

  /* The zone @now is expressed in changes nothing. */
  now_local = g_date_time_to_timezone (now, local);
  g_assert_cmpint (ef_deadline_allows_change (policy, NULL, day, paris, now_local), ==, expected);
}

static void
test_allows_change (void)
{
  EfDeadlinePolicy policy;

  ef_deadline_policy_init_default (&policy);

  /* Monday 12 January 2026: until Wednesday 7 January, 09:00 Paris. */
  check_allowed (&policy, ef_day_new (2026, 1, 12), "2026-01-01T00:00:00+01:00", TRUE);
  check_allowed (&policy, ef_day_new (2026, 1, 12), "2026-01-07T08:59:59+01:00", TRUE);
  check_allowed (&policy, ef_day_new (2026, 1, 12), "2026-01-07T07:59:59Z", TRUE);
  check_allowed (&policy, ef_day_new (2026, 1, 12), "2026-01-07T09:00:00+01:00", FALSE);
  check_allowed (&policy, ef_day_new (2026, 1, 12), "2026-01-07T08:00:00Z", FALSE);
  check_allowed (&policy, ef_day_new (2026, 1, 12), "2026-01-07T09:00:01+01:00", FALSE);
  check_allowed (&policy, ef_day_new (2026, 1, 12), "2026-01-12T12:00:00+01:00", FALSE);

  /* Friday 19 June 2026: until Tuesday 16 June, 09:00 Paris (07:00 UTC). */
  check_allowed (&policy, ef_day_new (2026, 6, 19), "2026-06-16T06:59:59Z", TRUE);
  check_allowed (&policy, ef_day_new (2026, 6, 19), "2026-06-16T07:00:00Z", FALSE);

  /* Tuesday 31 March 2026: the deadline is still in winter time. */
  check_allowed (&policy, ef_day_new (2026, 3, 31), "2026-03-26T07:59:59Z", TRUE);
  check_allowed (&policy, ef_day_new (2026, 3, 31), "2026-03-26T08:00:00Z", FALSE);

  /* Monday 26 October 2026, the day before at 02:30: the first 02:30 of
   * the night ends it; the second, an hour later, does not reopen it. */
  policy.days_before = 1;
  policy.hour = 2;
  policy.minute = 30;
  policy.counted_weekdays |= EF_WEEKDAY_BIT (7);
  check_allowed (&policy, ef_day_new (2026, 10, 26), "2026-10-25T02:29:59+02:00", TRUE);
  check_allowed (&policy, ef_day_new (2026, 10, 26), "2026-10-25T00:30:00Z", FALSE);
  check_allowed (&policy, ef_day_new (2026, 10, 26), "2026-10-25T02:29:59+01:00", FALSE);
  /* Monday 30 March 2026: 02:30 does not exist; the deadline is 03:00. */
  check_allowed (&policy, ef_day_new (2026, 3, 30), "2026-03-29T01:59:59+01:00", TRUE);
  check_allowed (&policy, ef_day_new (2026, 3, 30), "2026-03-29T03:00:00+02:00", FALSE);
}

static void
test_public_holidays (void)
{
  static const Case counted[] = {
    /* Friday 8 May 2026 counts like any day… */
    { { 2026, 5, 12 }, { 2026, 5, 7 }, "2026-05-07T09:00:00+02:00", "2026-05-07T07:00:00+00:00" },
    /* …and so do Easter Monday 6 April and Ascension Thursday 14 May. */
    { { 2026, 4, 9 }, { 2026, 4, 6 }, "2026-04-06T09:00:00+02:00", "2026-04-06T07:00:00+00:00" },
    { { 2026, 5, 18 }, { 2026, 5, 13 }, "2026-05-13T09:00:00+02:00", "2026-05-13T07:00:00+00:00" },
  };
  static const Case skipped[] = {
    /* …unless skipped: the deadline moves one counted day earlier. */
    { { 2026, 5, 12 }, { 2026, 5, 6 }, "2026-05-06T09:00:00+02:00", "2026-05-06T07:00:00+00:00" },
    { { 2026, 4, 9 }, { 2026, 4, 3 }, "2026-04-03T09:00:00+02:00", "2026-04-03T07:00:00+00:00" },
    { { 2026, 5, 18 }, { 2026, 5, 12 }, "2026-05-12T09:00:00+02:00", "2026-05-12T07:00:00+00:00" },
    /* Labour Day, Friday 1 May 2026, inside the counted days. */
    { { 2026, 5, 5 }, { 2026, 4, 29 }, "2026-04-29T09:00:00+02:00", "2026-04-29T07:00:00+00:00" },
  };
  EfDeadlinePolicy policy;

  ef_deadline_policy_init_default (&policy);
  check_cases (&policy, NULL, counted, G_N_ELEMENTS (counted));

  policy.skip_public_holidays = TRUE;
  check_cases (&policy, NULL, skipped, G_N_ELEMENTS (skipped));
}

static void
test_school_holidays (void)
{
  static const Case counted[] = {
    /* Tuesday 24 February 2026, zone A, after the winter holidays. */
    { { 2026, 2, 24 }, { 2026, 2, 19 }, "2026-02-19T09:00:00+01:00", "2026-02-19T08:00:00+00:00" },
  };
  static const Case skipped[] = {
    /* Monday 23 February is the day pupils come back: it counts; 9 to
     * 20 February do not. */
    { { 2026, 2, 24 }, { 2026, 2, 5 }, "2026-02-05T09:00:00+01:00", "2026-02-05T08:00:00+00:00" },
    /* Monday 9 February, inside the holidays, counts back from there. */
    { { 2026, 2, 9 }, { 2026, 2, 4 }, "2026-02-04T09:00:00+01:00", "2026-02-04T08:00:00+00:00" },
  };
  g_autoptr (EfSchoolCalendar) calendar = ef_school_calendar_new ();
  EfDeadlinePolicy policy;

  ef_school_calendar_add_holiday (calendar, "Vacances d'Hiver",
                                  ef_day_new (2026, 2, 7), ef_day_new (2026, 2, 23), "2025-2026");

  ef_deadline_policy_init_default (&policy);
  check_cases (&policy, calendar, counted, G_N_ELEMENTS (counted));

  policy.skip_school_holidays = TRUE;
  check_cases (&policy, calendar, skipped, G_N_ELEMENTS (skipped));
  /* Without a calendar there is nothing to skip. */
  check_cases (&policy, NULL, counted, G_N_ELEMENTS (counted));
}

static void
test_other_policies (void)
{
  static const Case every_day[] = {
    /* One counted day, every weekday, 18:30: the day before. */
    { { 2026, 1, 12 }, { 2026, 1, 11 }, "2026-01-11T18:30:00+01:00", "2026-01-11T17:30:00+00:00" },
  };
  static const Case same_day[] = {
    /* No day before: the day itself. */
    { { 2026, 1, 12 }, { 2026, 1, 12 }, "2026-01-12T08:15:00+01:00", "2026-01-12T07:15:00+00:00" },
  };
  static const Case wednesdays[] = {
    /* Only Wednesdays count, two of them. */
    { { 2026, 1, 12 }, { 2025, 12, 31 }, "2025-12-31T09:00:00+01:00", "2025-12-31T08:00:00+00:00" },
  };
  EfDeadlinePolicy policy;

  ef_deadline_policy_init_default (&policy);
  policy.days_before = 1;
  policy.hour = 18;
  policy.minute = 30;
  policy.counted_weekdays = EF_WEEKDAYS_MON_TO_FRI | EF_WEEKDAY_BIT (6) | EF_WEEKDAY_BIT (7);
  check_cases (&policy, NULL, every_day, G_N_ELEMENTS (every_day));

  ef_deadline_policy_init_default (&policy);
  policy.days_before = 0;
  policy.hour = 8;
  policy.minute = 15;
  check_cases (&policy, NULL, same_day, G_N_ELEMENTS (same_day));

  ef_deadline_policy_init_default (&policy);
  policy.days_before = 2;
  policy.counted_weekdays = EF_WEEKDAY_BIT (3);
  check_cases (&policy, NULL, wednesdays, G_N_ELEMENTS (wednesdays));
}

static void
test_validate (void)
{
  EfDeadlinePolicy policy;
  g_autoptr (GError) error = NULL;

  ef_deadline_policy_init_default (&policy);
  policy.days_before = 31;
  g_assert_false (ef_deadline_policy_validate (&policy, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  ef_deadline_policy_init_default (&policy);
  policy.hour = 24;
  g_assert_false (ef_deadline_policy_validate (&policy, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  ef_deadline_policy_init_default (&policy);
  policy.minute = 60;
  g_assert_false (ef_deadline_policy_validate (&policy, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  ef_deadline_policy_init_default (&policy);
  policy.counted_weekdays = 0;
  g_assert_false (ef_deadline_policy_validate (&policy, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  ef_deadline_policy_init_default (&policy);
  policy.counted_weekdays = EF_WEEKDAY_BIT (0);
  g_assert_false (ef_deadline_policy_validate (&policy, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  ef_deadline_policy_init_default (&policy);
  policy.days_before = 30;
  policy.hour = 23;
  policy.minute = 59;
  policy.counted_weekdays = EF_WEEKDAY_BIT (7);
  g_assert_true (ef_deadline_policy_validate (&policy, NULL));
}

static void
test_json (void)
{
  EfDeadlinePolicy policy, parsed;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  ef_deadline_policy_init_default (&policy);
  node = ef_deadline_policy_to_json (&policy);
  text = ef_json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1,2,3,4,5],"
                   "\"skip_public_holidays\":false,\"skip_school_holidays\":false}");

  policy.days_before = 5;
  policy.hour = 17;
  policy.minute = 45;
  policy.counted_weekdays = EF_WEEKDAY_BIT (1) | EF_WEEKDAY_BIT (3) | EF_WEEKDAY_BIT (7);
  policy.skip_public_holidays = TRUE;
  policy.skip_school_holidays = TRUE;
  g_clear_pointer (&node, json_node_unref);
  node = ef_deadline_policy_to_json (&policy);

  memset (&parsed, 0, sizeof parsed);
  g_assert_true (ef_deadline_policy_from_json (&parsed, node, NULL));
  g_assert_cmpmem (&parsed, sizeof parsed, &policy, sizeof policy);

  again = ef_deadline_policy_to_json (&parsed);
  g_clear_pointer (&text, g_free);
  text = ef_json_to_string (node, FALSE);
  text_again = ef_json_to_string (again, FALSE);
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_json_refused (void)
{
  static const struct {
    const char *json;
    EfApiError  code;
    const char *member;
  } cases[] = {
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1,2,3,4,5],\"skip_public_holidays\":false,\"skip_school_holidays\":false,\"extra\":1}",
      EF_API_ERROR_UNKNOWN_FIELD, "extra" },
    { "{\"hour\":9,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "days_before" },
    { "{\"days_before\":31,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "days_before" },
    { "{\"days_before\":-1,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "days_before" },
    { "{\"days_before\":3.0,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "days_before" },
    { "{\"days_before\":\"3\",\"hour\":9,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "days_before" },
    { "{\"days_before\":3,\"hour\":24,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "hour" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":60,\"counted_weekdays\":[1],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "minute" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "counted_weekdays" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[0],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "counted_weekdays" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[8],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "counted_weekdays" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1,1],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "counted_weekdays" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[\"1\"],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "counted_weekdays" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1.5],\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "counted_weekdays" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":1,\"skip_public_holidays\":false,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "counted_weekdays" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":0,\"skip_school_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "skip_public_holidays" },
    { "{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":false}",
      EF_API_ERROR_INVALID_FIELD, "skip_school_holidays" },
    { "[1,2,3]", EF_API_ERROR_INVALID_FIELD, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = ef_json_parse (cases[i].json, -1, NULL);
      g_autoptr (GError) error = NULL;
      EfDeadlinePolicy policy;

      g_test_message ("refusing %s", cases[i].json);
      ef_deadline_policy_init_default (&policy);
      g_assert_nonnull (node);
      g_assert_false (ef_deadline_policy_from_json (&policy, node, &error));
      g_assert_error (error, EF_API_ERROR, (int) cases[i].code);
      if (cases[i].member != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].member));

      /* Left untouched. */
      g_assert_cmpuint (policy.days_before, ==, 3);
      g_assert_cmpuint (policy.counted_weekdays, ==, EF_WEEKDAYS_MON_TO_FRI);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  set_far_time_zone (&argc, argv);
  g_test_init (&argc, &argv, NULL);

  paris = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
  g_assert_nonnull (paris);

  g_test_add_func ("/deadline/default-policy", test_default_policy);
  g_test_add_func ("/deadline/table-winter", test_table_winter);
  g_test_add_func ("/deadline/table-summer", test_table_summer);
  g_test_add_func ("/deadline/across-dst", test_across_dst);
  g_test_add_func ("/deadline/dst-night", test_dst_night);
  g_test_add_func ("/deadline/allows-change", test_allows_change);
  g_test_add_func ("/deadline/public-holidays", test_public_holidays);
  g_test_add_func ("/deadline/school-holidays", test_school_holidays);
  g_test_add_func ("/deadline/other-policies", test_other_policies);
  g_test_add_func ("/deadline/validate", test_validate);
  g_test_add_func ("/deadline/json", test_json);
  g_test_add_func ("/deadline/json-refused", test_json_refused);

  ret = g_test_run ();
  g_time_zone_unref (paris);

  return ret;
}
