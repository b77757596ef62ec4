/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-util.c: helpers shared by the UI test programs */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include "pages/ef-welcome-page.h"
#include "ui-test-util.h"

typedef struct {
  EfWindow   *window;
  const char *state;
} StateWait;

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
has_result_cb (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
on_child_exited_cb (GPid     pid,
                    int      status,
                    gpointer user_data)
{
  int *result = user_data;

  *result = status;
  g_spawn_close_pid (pid);
}

static gboolean
child_done_cb (gpointer data)
{
  return *(int *) data != -1;
}

static gboolean
state_is_cb (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (ef_window_get_state (wait->window), wait->state) == 0;
}

gboolean
ui_test_wait_until_every (guint           interval_ms,
                          UiTestCondition condition,
                          gpointer        data)
{
  gint64 end = g_get_monotonic_time () + UI_TEST_WAIT_TIMEOUT_S * G_USEC_PER_SEC;
  guint wake_up = g_timeout_add (interval_ms, wake_up_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_up);
  return ok;
}

gboolean
ui_test_wait_until (UiTestCondition condition,
                    gpointer        data)
{
  return ui_test_wait_until_every (50, condition, data);
}

void
ui_test_on_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
ui_test_wait_for_result (GAsyncResult **result)
{
  g_assert_true (ui_test_wait_until (has_result_cb, result));
  return *result;
}

gboolean
ui_test_is_mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

gboolean
ui_test_settle_cb (gpointer data)
{
  return --(*(int *) data) <= 0;
}

char *
ui_test_run_command (const char * const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GIOChannel) channel = NULL;
  g_autofree char *output = NULL;
  GPid pid;
  int out_fd;
  int status = -1;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  g_child_watch_add (pid, on_child_exited_cb, &status);
  g_assert_true (ui_test_wait_until (child_done_cb, &status));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, &output, NULL, NULL);
  return g_steal_pointer (&output);
}

gpointer
ui_test_window_child (EfWindow   *window,
                      const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), EF_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

EfSignInPage *
ui_test_sign_in_page (EfWindow *window)
{
  GtkWidget *welcome = ui_test_window_child (window, "welcome_page");
  GtkWidget *form_box = GTK_WIDGET (gtk_widget_get_template_child (welcome, EF_TYPE_WELCOME_PAGE,
                                                                   "form_box"));

  return EF_SIGN_IN_PAGE (gtk_widget_get_first_child (form_box));
}

gpointer
ui_test_form_child (EfWindow   *window,
                    const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (ui_test_sign_in_page (window)),
                                                  EF_TYPE_SIGN_IN_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

void
ui_test_assert_state_soon (EfWindow   *window,
                           const char *state)
{
  StateWait wait = { window, state };

  if (!ui_test_wait_until (state_is_cb, &wait))
    g_error ("the window is in state “%s”, not “%s”, after %d s",
             ef_window_get_state (window), state, UI_TEST_WAIT_TIMEOUT_S);
}
