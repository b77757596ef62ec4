/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-application.c: the Espace Famille application
 *
 * The application owns what outlives a window: the settings and the one
 * EfClient, whose portal follows the "portal-url" key. `--portal ADDRESS`
 * writes that key, so the address is remembered for the next start and an
 * already running instance follows it too.
 */

#define G_LOG_DOMAIN "EfApplication"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-application.h"
#include "ef-window.h"

struct _EfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  EfClient       *client;
};

G_DEFINE_FINAL_TYPE (EfApplication, ef_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "portal", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Use the Espace Famille at ADDRESS and remember it, "
       "e.g. https://espacefamille.example.fr/7249"),
    N_("ADDRESS") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version of the application and exit"), NULL },
  { NULL }
};

/* Closing the windows, rather than g_application_quit(), lets each one
 * remember its size; the application ends with its last window. */
static void
ef_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (application));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
ef_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  EfApplication *self = user_data;
  static const char *developers[] = { "The Espace Famille developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Espace Famille"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Espace Famille developers"),
                         "developers", developers,
                         "comments", _("Reserve your children’s school meals and pay your "
                                       "invoices with your town’s Espace Famille."),
                         "website", "https://github.com/espacefamille/espace-famille",
                         "issue-url", "https://github.com/espacefamille/espace-famille/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Espace Famille developers",
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", ef_application_quit_action, NULL, NULL, NULL, { 0 } },
  { "about", ef_application_about_action, NULL, NULL, NULL, { 0 } },
};

static int
ef_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  EfApplication *self = EF_APPLICATION (application);
  const char *portal = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "portal", "&s", &portal))
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = ef_client_normalize_portal_url (portal, NULL, &error);

      if (normalized == NULL)
        {
          /* Translators: the first %s is what was typed after --portal,
           * the second a sentence explaining what is wrong */
          g_printerr (_("Cannot use the portal address “%s”: %s\n"), portal,
                      ef_client_error_get_user_message (error));
          return 1;
        }

      g_settings_set_string (self->settings, "portal-url", normalized);
      g_settings_sync ();
    }

  return G_APPLICATION_CLASS (ef_application_parent_class)->handle_local_options (application,
                                                                                   options);
}

static void
ef_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *retry_accels[] = { "<Control>r", "F5", NULL };

  G_APPLICATION_CLASS (ef_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.retry",
                                         retry_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
ef_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (ef_window_new (EF_APPLICATION (application)));

  gtk_window_present (window);
}

static void
ef_application_dispose (GObject *object)
{
  EfApplication *self = EF_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ef_application_parent_class)->dispose (object);
}

static void
ef_application_class_init (EfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ef_application_dispose;

  application_class->handle_local_options = ef_application_handle_local_options;
  application_class->startup = ef_application_startup;
  application_class->activate = ef_application_activate;
}

static void
ef_application_init (EfApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Reserve school meals and pay invoices with "
                                              "your town’s Espace Famille."));

  self->settings = g_settings_new (APP_ID);
  self->client = ef_client_new (NULL);
  g_settings_bind (self->settings, "portal-url", self->client, "portal-url",
                   G_SETTINGS_BIND_GET);
}

/**
 * ef_application_new:
 *
 * With ESPACE_FAMILLE_NON_UNIQUE=1 in the environment the application is
 * %G_APPLICATION_NON_UNIQUE: it runs in this process even when another
 * instance is already running, instead of handing its command line to that
 * one and returning at once. build-aux/run-demo relies on it to stop its
 * demo server when its own window closes.
 *
 * Returns: (transfer full): the application
 */
EfApplication *
ef_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  if (g_strcmp0 (g_getenv ("ESPACE_FAMILLE_NON_UNIQUE"), "1") == 0)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (EF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", flags,
                       NULL);
}

/**
 * ef_application_get_client:
 * @self: an #EfApplication
 *
 * Returns: (transfer none): the client of the configured portal
 */
EfClient *
ef_application_get_client (EfApplication *self)
{
  g_return_val_if_fail (EF_IS_APPLICATION (self), NULL);

  return self->client;
}

/**
 * ef_application_get_settings:
 * @self: an #EfApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
ef_application_get_settings (EfApplication *self)
{
  g_return_val_if_fail (EF_IS_APPLICATION (self), NULL);

  return self->settings;
}
