/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-preferences-window.c: the reminders and the background
 *
 * The switches are the settings' keys. Turning on the background or the
 * start at login asks for it at once (Background portal or autostart
 * file, see ef-background.c); when that is refused, the keys go back off
 * and a toast says why.
 *
 * The reminders by e-mail are the portal's: shown once the signed-in
 * parent's municipality says it sends them, saved at each change with the
 * notice of the desktop reminders.
 */

#define G_LOG_DOMAIN "EfPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-background.h"
#include "ef-preferences-window.h"
#include "widgets/ef-devices-group.h"

struct _EfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template children */
  AdwPreferencesGroup  *notifications_group;
  AdwPreferencesGroup  *background_group;
  AdwPreferencesGroup  *email_group;
  GtkSwitch            *email_deadlines_switch;
  GtkSwitch            *email_due_switch;
  GtkWidget            *hours_row;
  GtkSwitch            *deadlines_switch;
  GtkSpinButton        *hours_spin;
  GtkSwitch            *invoices_switch;
  GtkSwitch            *payments_switch;
  GtkSwitch            *due_switch;
  GtkSwitch            *background_switch;
  GtkSwitch            *login_switch;

  GSettings            *settings;
  EfClient             *client;
  GCancellable         *cancellable;
  GCancellable         *email_cancellable;
  gboolean              email_loaded;
};

G_DEFINE_FINAL_TYPE (EfPreferencesWindow, ef_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_background_requested_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  EfPreferencesWindow *self;

  if (ef_background_request_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = EF_PREFERENCES_WINDOW (user_data);
  g_debug ("Background request: %s", error->message);
  g_settings_set_boolean (self->settings, "start-at-login", FALSE);
  g_settings_set_boolean (self->settings, "run-in-background", FALSE);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Espace Famille cannot run in the "
                                                     "background: it was not allowed")));
}

static void
on_background_changed_cb (EfPreferencesWindow *self,
                          const char          *key)
{
  gboolean login = g_settings_get_boolean (self->settings, "start-at-login");
  gboolean background = g_settings_get_boolean (self->settings, "run-in-background");

  /* Starting at login means running in the background. */
  if (login && !background)
    {
      g_settings_set_boolean (self->settings, "run-in-background", TRUE);
      return;
    }

  /* In a sandbox, turning both off needs no request: the portal's entry
   * stays harmless, as --background then starts and ends at once. */
  if (!login && !background && ef_background_is_sandboxed ())
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ef_background_request_async (login, self->cancellable, on_background_requested_cb, self);
}

static void
show_email_reminders (EfPreferencesWindow    *self,
                      const EfEmailReminders *reminders)
{
  /* The switches say what the portal has, without sending it back. */
  self->email_loaded = FALSE;
  gtk_switch_set_active (self->email_deadlines_switch, reminders->deadlines);
  gtk_switch_set_active (self->email_due_switch, reminders->due_dates);
  self->email_loaded = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->email_group), reminders->available);
}

static void
on_email_reminders_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  EfEmailReminders reminders;

  if (!ef_client_get_email_reminders_finish (EF_CLIENT (source), result, &reminders, &error))
    {
      if (!ef_client_error_is_cancelled (error))
        g_debug ("No reminders by e-mail: %s", error->message);
      return;
    }
  show_email_reminders (EF_PREFERENCES_WINDOW (user_data), &reminders);
}

static void
on_email_reminders_saved_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  EfPreferencesWindow *self;
  EfEmailReminders reminders;

  if (ef_client_set_email_reminders_finish (EF_CLIENT (source), result, &reminders, &error))
    {
      show_email_reminders (EF_PREFERENCES_WINDOW (user_data), &reminders);
      return;
    }
  if (ef_client_error_is_cancelled (error))
    return;

  /* Back to what the portal has, and why. */
  self = EF_PREFERENCES_WINDOW (user_data);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (ef_client_error_get_user_message (error)));
  ef_client_get_email_reminders_async (self->client, self->email_cancellable,
                                       on_email_reminders_cb, self);
}

static void
on_email_switch_changed_cb (EfPreferencesWindow *self)
{
  EfEmailReminders reminders = {
    .available = TRUE,
    .deadlines = gtk_switch_get_active (self->email_deadlines_switch),
    .due_dates = gtk_switch_get_active (self->email_due_switch),
    .hours_before = (guint) g_settings_get_int (self->settings, "remind-deadline-hours"),
  };

  if (!self->email_loaded)
    return;

  g_cancellable_cancel (self->email_cancellable);
  g_clear_object (&self->email_cancellable);
  self->email_cancellable = g_cancellable_new ();
  ef_client_set_email_reminders_async (self->client, &reminders, self->email_cancellable,
                                       on_email_reminders_saved_cb, self);
}

static void
ef_preferences_window_dispose (GObject *object)
{
  EfPreferencesWindow *self = EF_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->email_cancellable);
  g_clear_object (&self->email_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (ef_preferences_window_parent_class)->dispose (object);
}

static void
ef_preferences_window_class_init (EfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/ef-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, notifications_group);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, background_group);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, email_group);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow,
                                        email_deadlines_switch);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, email_due_switch);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, hours_row);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, deadlines_switch);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, invoices_switch);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, payments_switch);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, due_switch);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, EfPreferencesWindow, login_switch);
}

static void
ef_preferences_window_init (EfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ef_preferences_window_new:
 * @settings: the application's settings
 * @client: (nullable): the client, for the reminders by e-mail of the
 *   signed-in parent
 * @kiosk: whether this is a shared terminal, where nothing is reminded
 *
 * Returns: (transfer full): a new preferences window
 */
GtkWidget *
ef_preferences_window_new (GSettings *settings,
                           EfClient  *client,
                           gboolean   kiosk)
{
  EfPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (client == NULL || EF_IS_CLIENT (client), NULL);

  self = g_object_new (EF_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  self->email_cancellable = g_cancellable_new ();

  g_settings_bind (settings, "remind-deadlines", self->deadlines_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "remind-deadlines", self->hours_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "remind-deadline-hours", self->hours_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "remind-invoices", self->invoices_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "remind-payments", self->payments_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "remind-due-dates", self->due_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "start-at-login", self->login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  if (kiosk)
    {
      const char *text = _("Nothing is reminded on a computer shared by the public.");

      gtk_widget_set_sensitive (GTK_WIDGET (self->notifications_group), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->background_group), FALSE);
      adw_preferences_group_set_description (self->notifications_group, text);
    }
  else
    {
      g_signal_connect_object (settings, "changed::run-in-background",
                               G_CALLBACK (on_background_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::start-at-login",
                               G_CALLBACK (on_background_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* The account's own remembered computers: a parent's or an agent's, not
   * at the kiosk (which never remembers), nor on behalf of a family. */
  if (!kiosk && client != NULL && ef_client_get_signed_in (client)
      && ef_client_get_on_behalf_family_id (client) == 0)
    {
      AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

      adw_preferences_page_set_title (page, _("Sign-In"));
      adw_preferences_page_set_icon_name (page, "system-lock-screen-symbolic");
      adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (ef_devices_group_new (client)));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
    }

  /* A parent's own: not at the kiosk, nor for an agent. */
  if (!kiosk && client != NULL && ef_client_get_signed_in (client)
      && !ef_client_get_is_staff (client) && ef_client_get_on_behalf_family_id (client) == 0)
    {
      self->client = g_object_ref (client);
      g_signal_connect_object (self->email_deadlines_switch, "notify::active",
                               G_CALLBACK (on_email_switch_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->email_due_switch, "notify::active",
                               G_CALLBACK (on_email_switch_changed_cb), self, G_CONNECT_SWAPPED);
      ef_client_get_email_reminders_async (client, self->email_cancellable,
                                           on_email_reminders_cb, self);
    }

  return GTK_WIDGET (self);
}
