/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-frames.c: what the benchmarks of drawn widgets share */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include "bench-frames.h"

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
bench_wait_for_frame (const guint *n_painted,
                      guint        timeout_ms)
{
  guint before = *n_painted;
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;
  guint wake_up = g_timeout_add (5, wake_up_cb, NULL);

  while (*n_painted == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_up);
  return *n_painted != before;
}
