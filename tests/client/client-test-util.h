/* SPDX-License-Identifier: GPL-3.0-or-later */
/* client-test-util.h: waiting for asynchronous results in the client tests */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Generous: a loaded CI machine, never a fixed sleep. */
#define WAIT_TIMEOUT_S 30

static inline void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static inline gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the default main context until *@result is set. */
static inline void
wait_for_result (GAsyncResult **result)
{
  gint64 end = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;
  guint wake_up = g_timeout_add (100, wake_up_cb, NULL);

  while (*result == NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("no answer after %d s", WAIT_TIMEOUT_S);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up);
}

/* Runs the default main context for about @ms milliseconds. */
static inline void
run_main_loop_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint wake_up = g_timeout_add (10, wake_up_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_up);
}

G_END_DECLS
