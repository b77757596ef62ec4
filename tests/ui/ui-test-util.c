/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-test-util.c: helpers shared by the UI test programs */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include "pages/ef-welcome-page.h"
#include "ui-test-util.h"

typedef struct {
  UiTestStateFunc  get;
  gpointer         object;
  const char      *state;
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

  return g_strcmp0 (wait->get (wait->object), wait->state) == 0;
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

EfApplication *
ui_test_application_new (const char *application_id)
{
  g_autoptr (GError) error = NULL;
  EfApplication *application = ef_application_new ();

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  if (application_id != NULL)
    g_application_set_application_id (G_APPLICATION (application), application_id);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  return application;
}

EfClient *
ui_test_signed_in_client (const char *url,
                          const char *email,
                          const char *password)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  EfClient *client = ef_client_new (url);

  ef_client_sign_in_async (client, email, password, FALSE, NULL, ui_test_on_result_cb, &result);
  g_assert_true (ef_client_sign_in_finish (client, ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  return client;
}

GtkWidget *
ui_test_signed_in_window (EfApplication *application,
                          const char    *url,
                          const char    *email,
                          const char    *password)
{
  EfClient *client = ef_application_get_client (application);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  g_settings_set_string (ef_application_get_settings (application), "portal-url", url);
  window = GTK_WIDGET (ef_window_new (application));
  gtk_window_present (GTK_WINDOW (window));
  if (!ef_client_get_signed_in (client))
    {
      ef_client_sign_in_async (client, email, password, FALSE, NULL, ui_test_on_result_cb,
                               &result);
      g_assert_true (ef_client_sign_in_finish (client, ui_test_wait_for_result (&result), &error));
      g_assert_no_error (error);
    }
  ui_test_assert_state_soon (EF_WINDOW (window), "main");
  return window;
}

gint64
ui_test_member_id (EfClient   *client,
                   const char *first_name)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = NULL;
  GListModel *members;
  gint64 id = 0;

  ef_client_get_family_async (client, NULL, ui_test_on_result_cb, &result);
  family = ef_client_get_family_finish (client, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  members = ef_family_get_members (family);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);

      if (g_str_equal (ef_member_get_first_name (member), first_name))
        id = ef_member_get_id (member);
    }
  g_assert_cmpint (id, >, 0);
  return id;
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
  GtkWidget *welcome = gtk_stack_get_child_by_name (ui_test_window_child (window, "stack"),
                                                    "welcome");
  GtkWidget *form_box;
  GtkWidget *form;

  /* The welcome page and its form are built when first shown. */
  if (welcome == NULL)
    return NULL;
  form_box = GTK_WIDGET (gtk_widget_get_template_child (welcome, EF_TYPE_WELCOME_PAGE,
                                                        "form_box"));
  form = gtk_widget_get_first_child (form_box);
  return form != NULL ? EF_SIGN_IN_PAGE (form) : NULL;
}

gpointer
ui_test_form_child (EfWindow   *window,
                    const char *name)
{
  EfSignInPage *form = ui_test_sign_in_page (window);
  GObject *child;

  g_assert_nonnull (form);
  child = gtk_widget_get_template_child (GTK_WIDGET (form), EF_TYPE_SIGN_IN_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

void
ui_test_assert_soon_in_state (UiTestStateFunc  get,
                              gpointer         object,
                              const char      *what,
                              const char      *state)
{
  StateWait wait = { get, object, state };

  if (!ui_test_wait_until (state_is_cb, &wait))
    g_error ("%s is in state “%s”, not “%s”, after %d s",
             what, get (object), state, UI_TEST_WAIT_TIMEOUT_S);
}

void
ui_test_assert_state_soon (EfWindow   *window,
                           const char *state)
{
  ui_test_assert_soon_in_state ((UiTestStateFunc) ef_window_get_state, window, "the window",
                                state);
}

gpointer
ui_test_find_toplevel (GType    type,
                       gboolean visible)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          (!visible || gtk_widget_get_visible (toplevel)))
        return toplevel;
    }
  return NULL;
}

/* A few frames, for spinners to stop and transitions to end. */
static void
settle (void)
{
  int frames;

  for (int i = 0; i < 4; i++)
    {
      frames = 10;
      g_main_context_iteration (NULL, FALSE);
      ui_test_wait_until (ui_test_settle_cb, &frames);
    }
}

void
ui_test_maybe_screenshot (GtkWidget  *widget,
                          const char *name)
{
  const char *dir = g_getenv ("EF_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

void
ui_test_maybe_screenshot_screen (const char *name)
{
  const char *dir = g_getenv ("EF_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;

  if (dir == NULL)
    return;

  settle ();
  path = g_strdup_printf ("%s/%s.png", dir, name);
  out = ui_test_run_command ((const char * const []) { "import", "-window", "root", path, NULL });
}

char *
ui_test_x_window_id (const char *title)
{
  const char *argv[] = { "xdotool", "search", "--sync", "--onlyvisible", "--name", title, NULL };
  g_autofree char *output = ui_test_run_command (argv);
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);

  g_assert_nonnull (lines[0]);
  g_assert_cmpstr (lines[0], !=, "");
  return g_strdup (lines[0]);
}

/* Whether no ancestor of @data (a GtkWidget) is moving it: a stack's,
 * revealer's or leaflet's transition draws it, and GTK may give the
 * pointer to another child meanwhile. */
static gboolean
no_transition_cb (gpointer data)
{
  for (GtkWidget *widget = data; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
        return FALSE;
      if (GTK_IS_REVEALER (widget) &&
          gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
            gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
        return FALSE;
      if (ADW_IS_LEAFLET (widget) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)))
        return FALSE;
    }
  return TRUE;
}

void
ui_test_xdotool_click (GtkWindow *window,
                       GtkWidget *widget)
{
  g_autofree char *id = ui_test_x_window_id (gtk_window_get_title (window));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *output = NULL;
  graphene_point_t point;
  double sx, sy;
  int frames = 3;

  /* Where it is once laid out and drawn, not where it was. */
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, widget));
  g_assert_true (ui_test_wait_until (no_transition_cb, widget));
  ui_test_wait_until (ui_test_settle_cb, &frames);
  frames = 3;
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  x = g_strdup_printf ("%d", (int) (point.x + sx));
  y = g_strdup_printf ("%d", (int) (point.y + sy));
  output = ui_test_run_command ((const char * const []) {
    "xdotool", "mousemove", "--window", id, x, y, "sleep", "0.05", "click", "1", NULL });
  /* The click reaches GTK after xdotool exits. */
  ui_test_wait_until (ui_test_settle_cb, &frames);
}

void
ui_test_xdotool_keys (const char         *window_id,
                      guint               delay_ms,
                      const char * const *keys)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *delay = g_strdup_printf ("%u", delay_ms);
  g_autofree char *output = NULL;

  g_ptr_array_add (argv, (char *) "xdotool");
  g_ptr_array_add (argv, (char *) "windowfocus");
  g_ptr_array_add (argv, (char *) "--sync");
  g_ptr_array_add (argv, (char *) window_id);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_ptr_array_add (argv, (char *) "key");
      g_ptr_array_add (argv, (char *) "--delay");
      g_ptr_array_add (argv, delay);
      g_ptr_array_add (argv, (char *) keys[i]);
    }
  g_ptr_array_add (argv, NULL);
  output = ui_test_run_command ((const char * const *) argv->pdata);
}

void
ui_test_xdotool_drag (const char             *window_id,
                      const graphene_point_t *points,
                      guint                   n_points)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *output = NULL;

  g_assert_cmpuint (n_points, >, 0);

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  for (guint i = 0; i < n_points; i++)
    {
      g_ptr_array_add (argv, g_strdup ("mousemove"));
      g_ptr_array_add (argv, g_strdup ("--window"));
      g_ptr_array_add (argv, g_strdup (window_id));
      g_ptr_array_add (argv, g_strdup_printf ("%d", (int) points[i].x));
      g_ptr_array_add (argv, g_strdup_printf ("%d", (int) points[i].y));
      g_ptr_array_add (argv, g_strdup ("sleep"));
      g_ptr_array_add (argv, g_strdup ("0.05"));
      if (i == 0)
        {
          g_ptr_array_add (argv, g_strdup ("mousedown"));
          g_ptr_array_add (argv, g_strdup ("1"));
          g_ptr_array_add (argv, g_strdup ("sleep"));
          g_ptr_array_add (argv, g_strdup ("0.05"));
        }
    }
  g_ptr_array_add (argv, g_strdup ("mouseup"));
  g_ptr_array_add (argv, g_strdup ("1"));
  g_ptr_array_add (argv, NULL);

  output = ui_test_run_command ((const char * const *) argv->pdata);
}
