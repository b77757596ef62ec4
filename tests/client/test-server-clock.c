/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-clock.c: EfServerClock, with an elapsed time the test moves
 *
 * No server and no waiting: the test says what the answers said and how
 * much time went by, and checks what the clock makes of it. The machine's
 * date and zone do not matter (the suite also runs under faketime and
 * other TZ values).
 */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include "api/ef-server-clock.h"

typedef struct {
  EfServerClock *clock;
  gint64         elapsed;    /* µs, what the fake boot-time clock says */
  guint          n_today;    /* notify::today seen */
} Fixture;

static gint64
fake_elapsed (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->elapsed;
}

static void
on_today_cb (Fixture *fixture)
{
  fixture->n_today++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->clock = ef_server_clock_new ();
  /* Any start: only differences count. */
  fixture->elapsed = 123 * G_USEC_PER_SEC;
  _ef_server_clock_set_elapsed_func (fixture->clock, fake_elapsed, fixture);
  g_signal_connect_swapped (fixture->clock, "notify::today", G_CALLBACK (on_today_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->clock);
}

static GDateTime *
instant (const char *text)
{
  GDateTime *date_time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (date_time);
  return date_time;
}

/* An answer written at @server_time, @rtt_ms after its request left. */
static void
answer (Fixture    *fixture,
        const char *server_time,
        int         rtt_ms)
{
  g_autoptr (GDateTime) at = instant (server_time);
  gint64 sent = fixture->elapsed;

  fixture->elapsed += (gint64) rtt_ms * 1000;
  ef_server_clock_observe (fixture->clock, at, G_TIME_SPAN_SECOND, sent, fixture->elapsed);
}

static void
assert_now (Fixture    *fixture,
            const char *expected)
{
  g_autoptr (GDateTime) now = ef_server_clock_get_now (fixture->clock);
  g_autoptr (GDateTime) want = instant (expected);
  GTimeSpan off = g_date_time_difference (now, want);
  g_autofree char *text = g_date_time_format_iso8601 (now);

  g_test_message ("now %s, expected %s", text, expected);
  g_assert_cmpint (ABS (off), <, 2 * G_TIME_SPAN_MILLISECOND);
}

static void
advance (Fixture *fixture,
         double   seconds)
{
  fixture->elapsed += (gint64) (seconds * G_USEC_PER_SEC);
}

static void
test_before_any_answer (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GDateTime) now = ef_server_clock_get_now (fixture->clock);
  GTimeSpan off = g_get_real_time () - (g_date_time_to_unix (now) * G_USEC_PER_SEC +
                                        g_date_time_get_microsecond (now));

  /* Nothing to go by but the machine, until the portal answers. */
  g_assert_false (ef_server_clock_is_synchronized (fixture->clock));
  g_assert_cmpint (ABS (off), <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (g_time_zone_get_identifier (ef_server_clock_get_time_zone (fixture->clock)), ==,
                   "Europe/Paris");
  /* In the portal's zone, whatever the machine's. */
  g_assert_cmpstr (g_time_zone_get_identifier (g_date_time_get_timezone (now)), ==, "Europe/Paris");
}

static void
test_follows_the_answers (Fixture       *fixture,
                          gconstpointer  data)
{
  answer (fixture, "2027-01-13T08:59:30+01:00", 40);
  g_assert_true (ef_server_clock_is_synchronized (fixture->clock));
  /* The middle of the Date's second. */
  assert_now (fixture, "2027-01-13T08:59:30.500+01:00");
  g_assert_cmpuint (ef_server_clock_get_today (fixture->clock), ==, ef_day_new (2027, 1, 13));

  /* Between answers, the elapsed time. */
  advance (fixture, 20);
  assert_now (fixture, "2027-01-13T08:59:50.500+01:00");

  /* An answer that agrees does not move it... */
  answer (fixture, "2027-01-13T08:59:50+01:00", 100);
  assert_now (fixture, "2027-01-13T08:59:50.600+01:00");

  /* ...one that shows it behind does, to the answer's second... */
  answer (fixture, "2027-01-13T09:00:30+01:00", 10);
  assert_now (fixture, "2027-01-13T09:00:30+01:00");

  /* ...and one that shows it ahead (a server whose clock was set back), to
   * the latest the answer allows: its second and the request's time. */
  answer (fixture, "2026-11-26T10:00:00+01:00", 200);
  assert_now (fixture, "2026-11-26T10:00:01.200+01:00");
  g_assert_cmpuint (ef_server_clock_get_today (fixture->clock), ==, ef_day_new (2026, 11, 26));
  /* The first answer announced a day, and each jump another one. */
  g_assert_cmpuint (fixture->n_today, >=, 2);
}

static void
test_http_date (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 sent = fixture->elapsed;

  g_assert_false (ef_server_clock_observe_http_date (fixture->clock, NULL, sent, sent));
  g_assert_false (ef_server_clock_observe_http_date (fixture->clock, "yesterday", sent, sent));
  g_assert_false (ef_server_clock_observe_http_date (fixture->clock, "", sent, sent));
  g_assert_false (ef_server_clock_is_synchronized (fixture->clock));

  g_assert_true (ef_server_clock_observe_http_date (fixture->clock, "Wed, 13 Jan 2027 07:59:30 GMT",
                                                    sent, sent));
  assert_now (fixture, "2027-01-13T08:59:30.500+01:00");
}

static void
test_midnight (Fixture       *fixture,
               gconstpointer  data)
{
  guint seen;

  answer (fixture, "2026-12-24T23:59:50+01:00", 0);
  seen = fixture->n_today;
  g_assert_cmpuint (ef_server_clock_get_today (fixture->clock), ==, ef_day_new (2026, 12, 24));
  /* The next look at the day is just after midnight, not a minute later. */
  g_assert_cmpuint (_ef_server_clock_get_check_delay (fixture->clock), >, 9000);
  g_assert_cmpuint (_ef_server_clock_get_check_delay (fixture->clock), <, 10000);

  /* The timer fires before midnight (timers may): same day. */
  advance (fixture, 9);
  _ef_server_clock_check (fixture->clock);
  g_assert_cmpuint (fixture->n_today, ==, seen);

  /* A kiosk left on: the day changes with no answer at all. */
  advance (fixture, 2);
  _ef_server_clock_check (fixture->clock);
  g_assert_cmpuint (fixture->n_today, ==, seen + 1);
  g_assert_cmpuint (ef_server_clock_get_today (fixture->clock), ==, ef_day_new (2026, 12, 25));
  /* Then once a minute at most, so that a resume is seen soon. */
  g_assert_cmpuint (_ef_server_clock_get_check_delay (fixture->clock), ==, 60000);

  /* A laptop asleep for two nights: one announcement, the right day. */
  advance (fixture, 2 * 24 * 3600);
  _ef_server_clock_check (fixture->clock);
  g_assert_cmpuint (fixture->n_today, ==, seen + 2);
  g_assert_cmpuint (ef_server_clock_get_today (fixture->clock), ==, ef_day_new (2026, 12, 27));
}

static void
test_time_zone (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GDateTime) now = NULL;

  /* 23:30 in Paris is already the next day in Kiritimati (UTC+14). */
  answer (fixture, "2026-07-20T23:30:00+02:00", 0);
  g_assert_cmpuint (ef_server_clock_get_today (fixture->clock), ==, ef_day_new (2026, 7, 20));
  fixture->n_today = 0;

  g_assert_false (ef_server_clock_set_time_zone (fixture->clock, "Mars/Olympus_Mons"));
  g_assert_cmpuint (fixture->n_today, ==, 0);

  g_assert_true (ef_server_clock_set_time_zone (fixture->clock, "Pacific/Kiritimati"));
  g_assert_cmpuint (ef_server_clock_get_today (fixture->clock), ==, ef_day_new (2026, 7, 21));
  g_assert_cmpuint (fixture->n_today, ==, 1);
  now = ef_server_clock_get_now (fixture->clock);
  g_assert_cmpint (g_date_time_get_utc_offset (now), ==, 14 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_hour (now), ==, 11);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/client/server-clock/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("before-any-answer", test_before_any_answer);
  ADD ("follows-the-answers", test_follows_the_answers);
  ADD ("http-date", test_http_date);
  ADD ("midnight", test_midnight);
  ADD ("time-zone", test_time_zone);

#undef ADD

  return g_test_run ();
}
