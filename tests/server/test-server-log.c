/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-log.c: the server's log lines, as GLib formats them */

#define G_LOG_DOMAIN "EfTest"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ef-log.h"

/* GLib's text of @fields, and ours at an instant of the same millisecond
 * (GLib reads the time itself: try again until both calls fall in one). */
static void
assert_formatted_as_glib (GLogLevelFlags   log_level,
                          const GLogField *fields,
                          gsize            n_fields)
{
  for (guint attempt = 0; attempt < 1000; attempt++)
    {
      g_autofree char *before = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);
      gint64 now_us = g_get_real_time ();
      g_autofree char *ours = _ef_log_format_fields (log_level, fields, n_fields, now_us);
      g_autofree char *after = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);

      g_assert_nonnull (ours);
      if (strcmp (before, after) != 0)
        continue;
      g_assert_cmpstr (ours, ==, before);
      return;
    }
  g_assert_not_reached ();
}

static void
test_log_request_line (void)
{
  const GLogField fields[] = {
    { "GLIB_DOMAIN", "EfServer", -1 },
    { "PRIORITY", "6", -1 },
    { "EF_TENANT", "7249", -1 },
    { "EF_METHOD", "GET", -1 },
    { "EF_ROUTE", "/{tenant}/api/v1/members/{id}/planning", -1 },
    { "EF_STATUS", "200", -1 },
    { "EF_DURATION_MS", "0", -1 },
    { "MESSAGE", "GET /{tenant}/api/v1/members/{id}/planning 200 0 ms", -1 },
  };
  const char *zones[] = { "UTC", "Europe/Paris", "Pacific/Chatham", "America/St_Johns" };

  /* The time of day is the zone's: the same as GLib's in each (a zone set
   * here, not the machine's). */
  for (gsize i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_setenv ("TZ", zones[i], TRUE);
      tzset ();
      /* A new second for each zone: the kept time of day is of another. */
      g_usleep (G_USEC_PER_SEC + 1000);
      assert_formatted_as_glib (G_LOG_LEVEL_INFO, fields, G_N_ELEMENTS (fields));
    }
}

static void
test_log_other_lines (void)
{
  const GLogField warning[] = {
    { "GLIB_DOMAIN", "EfServer", -1 },
    { "MESSAGE", "Stopped after 10 ms", -1 },
  };
  const GLogField control[] = {
    { "GLIB_DOMAIN", "EfServer", -1 },
    { "MESSAGE", "a\tb", -1 },
  };
  const GLogField no_domain[] = {
    { "MESSAGE", "GET - 404 0 ms", -1 },
  };

  /* These GLib formats itself. */
  g_assert_null (_ef_log_format_fields (G_LOG_LEVEL_WARNING, warning, G_N_ELEMENTS (warning), 0));
  g_assert_null (_ef_log_format_fields (G_LOG_LEVEL_INFO, control, G_N_ELEMENTS (control), 0));
  g_assert_null (_ef_log_format_fields (G_LOG_LEVEL_INFO, no_domain, G_N_ELEMENTS (no_domain), 0));

  g_unsetenv ("G_MESSAGES_PREFIXED");
  g_assert_false (_ef_log_messages_prefixed ());
  g_setenv ("G_MESSAGES_PREFIXED", "warning,info", TRUE);
  g_assert_true (_ef_log_messages_prefixed ());
  g_setenv ("G_MESSAGES_PREFIXED", "all", TRUE);
  g_assert_true (_ef_log_messages_prefixed ());
  g_setenv ("G_MESSAGES_PREFIXED", "warning", TRUE);
  g_assert_false (_ef_log_messages_prefixed ());
  g_unsetenv ("G_MESSAGES_PREFIXED");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/log/request-line", test_log_request_line);
  g_test_add_func ("/server/log/other-lines", test_log_other_lines);

  return g_test_run ();
}
