/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-background.c: running in the background and starting at login
 *
 * Both are opt-in (the "run-in-background" and "start-at-login" keys).
 * In a sandbox, the Background portal asks the user and writes the
 * autostart entry itself; otherwise an XDG autostart desktop file in the
 * user's config directory starts `espace-famille --background` at login.
 */

#define G_LOG_DOMAIN "EfBackground"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ef-background.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND "org.freedesktop.portal.Background"
#define PORTAL_REQUEST "org.freedesktop.portal.Request"

typedef struct {
  GDBusConnection *bus;
  char            *handle;
  guint            response_id;
  gulong           cancelled_id;
  gboolean         autostart;
} PortalRequest;

static void
portal_request_free (PortalRequest *request)
{
  if (request->response_id != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
  g_clear_object (&request->bus);
  g_clear_pointer (&request->handle, g_free);
  g_free (request);
}

static const char *
autostart_text (void)
{
  return "[Desktop Entry]\n"
         "Type=Application\n"
         "Name=Espace Famille\n"
         "Exec=espace-famille --background\n"
         "Icon=" APP_ID "\n"
         "X-GNOME-Autostart-enabled=true\n"
         "NoDisplay=true\n";
}

static void
on_portal_response_cb (GDBusConnection *bus,
                       const char      *sender_name,
                       const char      *object_path,
                       const char      *interface_name,
                       const char      *signal_name,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GVariant) results = NULL;
  PortalRequest *request = g_task_get_task_data (task);
  gboolean background = FALSE;
  guint32 response = 2;

  g_dbus_connection_signal_unsubscribe (bus, request->response_id);
  request->response_id = 0;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);

  if (response != 0 || !background)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("Running in the background was not allowed"));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_request_background_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      PortalRequest *request = g_task_get_task_data (task);

      /* The subscription holds the task's other reference. */
      g_dbus_connection_signal_unsubscribe (request->bus, request->response_id);
      request->response_id = 0;
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
}

static void
request_portal (GTask    *task,
                gboolean  autostart)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  PortalRequest *request = g_new0 (PortalRequest, 1);
  GVariantBuilder options;
  const char *commandline[] = { "espace-famille", "--background", NULL };

  request->autostart = autostart;
  g_task_set_task_data (task, request, (GDestroyNotify) portal_request_free);

  request->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, g_task_get_cancellable (task), &error);
  if (request->bus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The request's object path is known beforehand, so that its Response
   * cannot come before the subscription. */
  token = g_strdup_printf ("espace_famille_%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (request->bus) + 1);
  g_strdelimit (sender, ".", '_');
  request->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s",
                                     sender, token);
  request->response_id =
    g_dbus_connection_signal_subscribe (request->bus, PORTAL_BUS_NAME, PORTAL_REQUEST,
                                        "Response", request->handle, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                        on_portal_response_cb, task, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("To remind you of reservation deadlines "
                                                 "and invoices")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (request->bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_BACKGROUND,
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), on_request_background_cb, task);
}

static void
on_autostart_written_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_autostart_deleted_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ef_background_is_sandboxed:
 *
 * Returns: whether the application runs in a Flatpak sandbox
 */
gboolean
ef_background_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * ef_background_autostart_path:
 *
 * Returns: (transfer full): the XDG autostart file of the application
 */
char *
ef_background_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/**
 * ef_background_request_async:
 * @autostart: whether to start at login
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Asks to run in the background and, with @autostart, to start at login:
 * through the Background portal in a sandbox, with an XDG autostart file
 * otherwise (written or removed).
 */
void
ef_background_request_async (gboolean             autostart,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) parent = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_task_set_source_tag (task, ef_background_request_async);

  if (ef_background_is_sandboxed ())
    {
      request_portal (g_steal_pointer (&task), autostart);
      return;
    }

  path = ef_background_autostart_path ();
  file = g_file_new_for_path (path);
  if (!autostart)
    {
      g_file_delete_async (file, G_PRIORITY_DEFAULT, cancellable, on_autostart_deleted_cb,
                           g_steal_pointer (&task));
      return;
    }

  parent = g_file_get_parent (file);
  g_mkdir_with_parents (g_file_peek_path (parent), 0700);
  bytes = g_bytes_new_static (autostart_text (), strlen (autostart_text ()));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, on_autostart_written_cb,
                                       g_steal_pointer (&task));
}

/**
 * ef_background_request_finish:
 * @result: the result given to the callback
 * @error: a place for a #GError, or %NULL
 *
 * Returns: whether running in the background (and starting at login, if
 *   asked) is set up
 */
gboolean
ef_background_request_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
