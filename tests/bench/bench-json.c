/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-json.c: the cost of ef_json_parse() on large bodies (see
 * docs/benchmarks.md)
 *
 * Parses a 1 MiB array of objects shaped like a reservation batch, and a
 * 100 KiB one, with json-glib alone and with ef_json_parse(), which checks
 * the text strictly before handing it to json-glib.
 */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include <stdio.h>

#include "ef-common.h"

#define N_RUNS 41

static char *
build_batch (gsize  target,
             gsize *length)
{
  GString *text = g_string_sized_new (target + 256);
  guint i = 0;

  g_string_append_c (text, '[');
  while (text->len < target)
    {
      if (i > 0)
        g_string_append (text, ",\n ");
      g_string_append_printf (text,
                              "{\"member_id\": %u, \"activity\": \"cantine\", "
                              "\"day\": \"2026-%02u-%02u\", \"reserved\": %s, "
                              "\"version\": %u, \"note\": \"Repas sans porc \\u00e9t\\u00e9\"}",
                              1000 + i % 7, 1 + i % 12, 1 + i % 28,
                              i % 2 ? "true" : "false", i);
      i++;
    }
  g_string_append (text, "]\n");

  *length = text->len;
  return g_string_free (text, FALSE);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a;
  gint64 tb = *(const gint64 *) b;

  return (ta > tb) - (ta < tb);
}

static double
median_ms (gint64 *times)
{
  qsort (times, N_RUNS, sizeof times[0], compare_times);
  return times[N_RUNS / 2] / 1000.0;
}

static void
measure (gsize size)
{
  gint64 glib_times[N_RUNS];
  gint64 ef_times[N_RUNS];
  gint64 refused_times[N_RUNS];
  g_autofree char *text = NULL;
  g_autofree char *refused = NULL;
  gsize length;

  text = build_batch (size, &length);
  /* The same text with one byte too many at its end: every byte is read
   * before the text is refused. */
  refused = g_strconcat (text, "]", NULL);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (JsonParser) parser = json_parser_new_immutable ();
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (JsonNode) none = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) refused_error = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      json_parser_load_from_data (parser, text, length, &error);
      glib_times[run] = g_get_monotonic_time () - start;
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      node = ef_json_parse (text, length, &error);
      ef_times[run] = g_get_monotonic_time () - start;
      g_assert_no_error (error);
      g_assert_nonnull (node);

      start = g_get_monotonic_time ();
      none = ef_json_parse (refused, length + 1, &refused_error);
      refused_times[run] = g_get_monotonic_time () - start;
      g_assert_null (none);
    }

  printf ("%zu bytes: json-glib alone %.2f ms, ef_json_parse %.2f ms, "
          "refused at the last byte %.2f ms (medians of %d runs)\n",
          length, median_ms (glib_times), median_ms (ef_times), median_ms (refused_times), N_RUNS);
}

int
main (int   argc,
      char *argv[])
{
  measure (1024 * 1024);
  measure (100 * 1024);

  return 0;
}
