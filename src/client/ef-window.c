/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-window.c: the main window
 *
 * The window shows one state of the portal at a time in a GtkStack:
 * "setup" (no portal configured, or the parent wants another one),
 * "loading", "error" and "welcome". It asks the application's EfClient for
 * the portal and never touches HTTP or JSON itself.
 */

#define G_LOG_DOMAIN "EfWindow"

#include "config.h"

#include "ef-window.h"
#include "pages/ef-portal-setup-page.h"
#include "pages/ef-welcome-page.h"

struct _EfWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  GtkStack             *stack;
  GtkButton            *back_button;
  AdwStatusPage        *loading_page;
  AdwStatusPage        *error_page;
  GtkButton            *retry_button;
  EfPortalSetupPage    *setup_page;
  EfWelcomePage        *welcome_page;

  EfClient             *client;
  GSettings            *settings;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (EfWindow, ef_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* @state is the name of a page of the stack. */
static void
set_state (EfWindow   *self,
           const char *state,
           gboolean    can_retry)
{
  gboolean setup = g_str_equal (state, "setup");
  gboolean can_cancel = setup && ef_client_has_portal (self->client);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry", can_retry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-portal", !setup);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-change-portal", can_cancel);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), can_cancel);
  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
show_setup (EfWindow *self)
{
  g_cancellable_cancel (self->cancellable);

  ef_portal_setup_page_set_address (self->setup_page, ef_client_get_portal_url (self->client));
  set_state (self, "setup", FALSE);
  ef_portal_setup_page_focus (self->setup_page);
}

static void
show_error (EfWindow     *self,
            const GError *error)
{
  gboolean can_retry = ef_client_error_can_retry (error);

  adw_status_page_set_title (self->error_page, ef_client_error_get_title (error));
  adw_status_page_set_description (self->error_page, ef_client_error_get_user_message (error));
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  set_state (self, "error", can_retry);
}

static void
on_get_portal_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EfWindow *self = user_data;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;

  /* No reference is held on the window, so that closing it cancels the
   * request at once; a cancelled request never touches @self. */
  portal = ef_client_get_portal_finish (EF_CLIENT (source), result, &error);
  if (portal == NULL)
    {
      /* A newer request, a change of portal or the window's end. */
      if (ef_client_error_is_cancelled (error))
        return;

      g_debug ("Could not load the portal: %s", error->message);
      show_error (self, error);
      return;
    }

  ef_welcome_page_set_portal (self->welcome_page, portal);
  set_state (self, "welcome", TRUE);
}

static void
load_portal (EfWindow *self)
{
  g_autofree char *escaped_url = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (!ef_client_has_portal (self->client))
    {
      show_setup (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  /* The description is Pango markup; the address is whatever was typed. */
  escaped_url = g_markup_escape_text (ef_client_get_portal_url (self->client), -1);
  adw_status_page_set_description (self->loading_page, escaped_url);
  set_state (self, "loading", FALSE);

  ef_client_get_portal_async (self->client, self->cancellable, on_get_portal_cb, self);
}

static void
on_client_portal_url_changed_cb (EfWindow   *self,
                                 GParamSpec *pspec,
                                 EfClient   *client)
{
  load_portal (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  load_portal (EF_WINDOW (widget));
}

static void
change_portal_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_setup (EF_WINDOW (widget));
}

static void
cancel_change_portal_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  load_portal (EF_WINDOW (widget));
}

/* The setup page has checked the address; remember it. */
static void
set_portal_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EfWindow *self = EF_WINDOW (widget);
  const char *address = g_variant_get_string (parameter, NULL);
  g_autofree char *before = g_strdup (ef_client_get_portal_url (self->client));

  g_signal_handlers_block_by_func (self->client, on_client_portal_url_changed_cb, self);
  ef_client_set_portal_url (self->client, address);
  g_settings_set_string (self->settings, "portal-url", ef_client_get_portal_url (self->client));
  g_signal_handlers_unblock_by_func (self->client, on_client_portal_url_changed_cb, self);

  if (g_strcmp0 (before, ef_client_get_portal_url (self->client)) != 0)
    g_debug ("Portal changed from %s to %s", before != NULL ? before : "none",
             ef_client_get_portal_url (self->client));

  load_portal (self);
}

static void
restore_window_state (EfWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (EfWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
ef_window_close_request (GtkWindow *window)
{
  save_window_state (EF_WINDOW (window));

  return GTK_WINDOW_CLASS (ef_window_parent_class)->close_request (window);
}

static void
ef_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EfWindow *self = EF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EfWindow *self = EF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_window_constructed (GObject *object)
{
  EfWindow *self = EF_WINDOW (object);

  G_OBJECT_CLASS (ef_window_parent_class)->constructed (object);

  g_assert (EF_IS_CLIENT (self->client));
  g_assert (G_IS_SETTINGS (self->settings));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_window_state (self);

  g_signal_connect_object (self->client, "notify::portal-url",
                           G_CALLBACK (on_client_portal_url_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load_portal (self);
}

static void
ef_window_dispose (GObject *object)
{
  EfWindow *self = EF_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_WINDOW);

  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ef_window_parent_class)->dispose (object);
}

static void
ef_window_class_init (EfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = ef_window_get_property;
  object_class->set_property = ef_window_set_property;
  object_class->constructed = ef_window_constructed;
  object_class->dispose = ef_window_dispose;

  /**
   * EfWindow:client:
   *
   * The client of the portal the window shows.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         EF_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EfWindow:settings:
   *
   * The application's settings: the portal chosen, the window's size.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  window_class->close_request = ef_window_close_request;

  g_type_ensure (EF_TYPE_PORTAL_SETUP_PAGE);
  g_type_ensure (EF_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ef-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, EfWindow, welcome_page);

  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.change-portal", NULL,
                                   change_portal_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-change-portal", NULL,
                                   cancel_change_portal_action);
  gtk_widget_class_install_action (widget_class, "win.set-portal", "s", set_portal_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.cancel-change-portal", NULL);
}

static void
ef_window_init (EfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ef_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new window showing the portal of
 *   @application's client
 */
EfWindow *
ef_window_new (EfApplication *application)
{
  g_return_val_if_fail (EF_IS_APPLICATION (application), NULL);

  return g_object_new (EF_TYPE_WINDOW,
                       "application", application,
                       "client", ef_application_get_client (application),
                       "settings", ef_application_get_settings (application),
                       NULL);
}
