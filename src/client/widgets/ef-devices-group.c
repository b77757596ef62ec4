/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-devices-group.c: the computers the account is remembered on
 *
 * One row for each computer where "Remember me" keeps the account signed
 * in (GET …/account/devices), the one last used first; each but this one
 * has a Forget button, which makes it ask for the password again and ends
 * its sessions. This computer is forgotten by signing out.
 */

#define G_LOG_DOMAIN "EfDevicesGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "pages/ef-page-text.h"
#include "ef-devices-group.h"

struct _EfDevicesGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *list;
  GtkLabel            *placeholder;

  EfClient            *client;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (EfDevicesGroup, ef_devices_group, ADW_TYPE_PREFERENCES_GROUP)

static void load (EfDevicesGroup *self);

static void
toast (EfDevicesGroup *self,
       const char     *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
on_forgotten_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (EfDevicesGroup) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean forgotten = ef_client_forget_device_finish (EF_CLIENT (source), result, &error);

  /* Closed meanwhile. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (forgotten)
    toast (self, _("The computer is forgotten: it will ask for the password"));
  else if (ef_client_error_is_cancelled (error))
    return;
  /* Gone already (it expired, or was forgotten elsewhere): the list says so. */
  else if (!g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_FOUND))
    toast (self, ef_client_error_get_user_message (error));
  load (self);
}

static void
on_forget_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  EfDevicesGroup *self = user_data;
  EfDevice *device = g_object_get_data (G_OBJECT (button), "device");

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  ef_client_forget_device_async (self->client, device, self->cancellable, on_forgotten_cb,
                                 g_object_ref (self));
}

static GtkWidget *
row_new (EfDevicesGroup *self,
         EfDevice       *device)
{
  GtkWidget *row = adw_action_row_new ();
  const char *client = ef_device_get_client (device);
  g_autofree char *last_used = _ef_page_text_instant (ef_device_get_last_used_at (device));
  g_autofree char *since = _ef_page_text_instant (ef_device_get_since (device));
  g_autofree char *subtitle = NULL;

  if (g_date_time_equal (ef_device_get_last_used_at (device), ef_device_get_since (device)))
    /* Translators: when a computer was remembered, not used since:
     * "Remembered Thursday 1 October 2026 at 19:02" */
    subtitle = g_strdup_printf (_("Remembered %s"), since);
  else
    /* Translators: when a remembered computer last signed in, and when it
     * was first remembered: "Last used Sunday 6 December 2026 at 08:10 ·
     * remembered since Thursday 1 October 2026 at 19:02" */
    subtitle = g_strdup_printf (_("Last used %s · remembered since %s"), last_used, since);
  /* The application's name is what a sign-in said: text, not markup. */
  if (client == NULL || *client == '\0')
    client = _("Unknown application");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), client);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (ef_device_get_current (device))
    {
      GtkWidget *label = gtk_label_new (_("This Computer"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Forget"));
      /* Translators: what a Forget button does, for screen readers:
       * "Forget Espace Famille 1.0 (GNOME)" */
      g_autofree char *label = g_strdup_printf (_("Forget %s"), client);

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "destructive-action");
      g_object_set_data_full (G_OBJECT (button), "device", g_object_ref (device), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_forget_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (EfDevicesGroup) self = user_data;
  g_autoptr (GListModel) devices = NULL;
  g_autoptr (GError) error = NULL;
  GtkListBoxRow *row;

  devices = ef_client_list_devices_finish (EF_CLIENT (source), result, &error);
  /* Closed meanwhile. */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (devices == NULL && ef_client_error_is_cancelled (error))
    return;

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));

  if (devices == NULL)
    {
      gtk_label_set_label (self->placeholder, ef_client_error_get_user_message (error));
      return;
    }
  gtk_label_set_label (self->placeholder, _("No computer keeps you signed in"));
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr (EfDevice) device = g_list_model_get_item (devices, i);

      gtk_list_box_append (self->list, row_new (self, device));
    }
}

static void
load (EfDevicesGroup *self)
{
  ef_client_list_devices_async (self->client, self->cancellable, on_listed_cb, g_object_ref (self));
}

static void
ef_devices_group_dispose (GObject *object)
{
  EfDevicesGroup *self = EF_DEVICES_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_DEVICES_GROUP);

  G_OBJECT_CLASS (ef_devices_group_parent_class)->dispose (object);
}

static void
ef_devices_group_class_init (EfDevicesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_devices_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/widgets/ef-devices-group.ui");
  gtk_widget_class_bind_template_child (widget_class, EfDevicesGroup, list);
  gtk_widget_class_bind_template_child (widget_class, EfDevicesGroup, placeholder);
}

static void
ef_devices_group_init (EfDevicesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * ef_devices_group_new:
 * @client: a client signed in to its own account
 *
 * Returns: (transfer full): a group that lists the account's remembered
 *   computers, loading them now
 */
GtkWidget *
ef_devices_group_new (EfClient *client)
{
  EfDevicesGroup *self;

  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  self = g_object_new (EF_TYPE_DEVICES_GROUP, NULL);
  self->client = g_object_ref (client);
  load (self);
  return GTK_WIDGET (self);
}
