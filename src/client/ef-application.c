/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-application.c: the Espace Famille application
 *
 * The application owns what outlives a window: the settings and the one
 * EfClient, whose portal follows the "portal-url" key. `--portal ADDRESS`
 * writes that key, so the address is remembered for the next start and an
 * already running instance follows it too.
 *
 * `--demo` (and "Try the demo") run the bundled server on loopback with
 * demo data (EfDemoServer) and sign in to it; the application stops that
 * server when it shuts down. `--kiosk`, or the "kiosk-mode" key, is the
 * town hall's shared terminal: the client remembers no password (it has
 * no EfCredentials) and the window writes nothing.
 *
 * A start with a remembered device asks the keyring and the portal in a
 * thread as soon as the application is the primary instance, while GTK
 * starts (ef_client_start_remembered()).
 *
 * When the application starts with a window, its reminders start a few
 * seconds later (REMINDERS_DELAY_SECONDS): their first check reads the
 * plannings, invoices and payments, which would otherwise compete with
 * the dashboard's first requests.
 */

#define G_LOG_DOMAIN "EfApplication"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "ef-application.h"
#include "ef-demo-server.h"
#include "ef-preferences-window.h"
#include "ef-reminders.h"
#include "ef-window.h"

/* How long after a start with a window the reminders' first check waits. */
#define REMINDERS_DELAY_SECONDS 10

struct _EfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  EfClient       *client;
  EfDemoServer   *demo_server;
  gboolean        kiosk_forced;
  gboolean        demo_requested;
  guint           signal_sources[3];
  EfReminders    *reminders;
  guint           reminders_start_id;
  gboolean        starting;               /* in ::startup */
  gboolean        background_requested;   /* --background */
  gboolean        background_held;
};

G_DEFINE_FINAL_TYPE (EfApplication, ef_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "portal", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Use the Espace Famille at ADDRESS and remember it, "
       "e.g. https://espacefamille.example.fr/7249"),
    N_("ADDRESS") },
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Try the application with a demo town and family, on this computer only"), NULL },
  { "kiosk", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Run on a computer shared by the public: remember nothing and sign out "
       "when nobody uses it"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version of the application and exit"), NULL },
  { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window, to send reminders (as at login)"), NULL },
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

static EfWindow *
get_window (EfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!EF_IS_WINDOW (window))
    window = GTK_WINDOW (ef_window_new (self));

  return EF_WINDOW (window);
}

static void
ef_application_demo_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  EfApplication *self = user_data;
  EfWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  ef_window_start_demo (window);
}

static void
ef_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  EfApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *window = ef_preferences_window_new (self->settings, self->client,
                                                 ef_application_get_kiosk (self));

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
}

/* A notification's actions: the window opens the day or the invoice. */
static void
ef_application_open_day_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  EfWindow *window = get_window (EF_APPLICATION (user_data));
  const char *activity = NULL;
  const char *day = NULL;
  gint64 member_id = 0;

  g_variant_get (parameter, "(x&s&s)", &member_id, &activity, &day);
  gtk_window_present (GTK_WINDOW (window));
  ef_window_open_day (window, member_id, activity, ef_day_parse_iso (day, NULL));
}

static void
ef_application_open_invoice_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  EfWindow *window = get_window (EF_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  ef_window_open_invoice (window, g_variant_get_int64 (parameter));
}

static const GActionEntry app_actions[] = {
  { "quit", ef_application_quit_action, NULL, NULL, NULL, { 0 } },
  { "about", ef_application_about_action, NULL, NULL, NULL, { 0 } },
  { "demo", ef_application_demo_action, NULL, NULL, NULL, { 0 } },
  { "preferences", ef_application_preferences_action, NULL, NULL, NULL, { 0 } },
  { "open-day", ef_application_open_day_action, "(xss)", NULL, NULL, { 0 } },
  { "open-invoice", ef_application_open_invoice_action, "x", NULL, NULL, { 0 } },
};

/* Running in the background (opt-in, never in kiosk mode): the
 * application keeps running without a window, for its reminders. */
static void
update_background (EfApplication *self)
{
  gboolean hold = !ef_application_get_kiosk (self)
                  && g_settings_get_boolean (self->settings, "run-in-background");

  if (hold == self->background_held)
    return;

  self->background_held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* Started at login without a window: sign in with the remembered password. */
static void
on_background_signed_in_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!ef_client_sign_in_finish (EF_CLIENT (source), result, &error))
    g_debug ("Background sign-in: %s", error->message);
}

static void
on_background_remembered_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr (EfApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  char *password = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;

  if (!ef_credentials_lookup_finish (EF_CREDENTIALS (source), result, &email, &password, &kind,
                                     &error)
      || email == NULL || password == NULL)
    {
      g_clear_pointer (&password, ef_credentials_password_free);
      return;
    }
  if (!ef_client_get_signed_in (self->client))
    ef_client_sign_in_remembered_async (self->client, email, password, kind, NULL,
                                        on_background_signed_in_cb, NULL);
  ef_credentials_password_free (password);
}

static void
start_in_background (EfApplication *self)
{
  EfCredentials *credentials = ef_client_get_credentials (self->client);

  if (ef_application_get_kiosk (self) || credentials == NULL
      || !ef_client_has_portal (self->client) || ef_client_get_signed_in (self->client))
    return;

  ef_credentials_lookup_async (credentials, ef_client_get_portal_url (self->client), NULL, NULL,
                               on_background_remembered_cb, g_object_ref (self));
}

static gboolean
on_start_reminders_cb (gpointer user_data)
{
  EfApplication *self = user_data;

  self->reminders_start_id = 0;
  if (self->reminders != NULL)
    ef_reminders_start (self->reminders);
  return G_SOURCE_REMOVE;
}

/* No notifications and no background work in kiosk mode. */
static void
update_reminders (EfApplication *self)
{
  g_autofree char *state_path = NULL;
  GAction *preferences = g_action_map_lookup_action (G_ACTION_MAP (self), "preferences");

  if (preferences != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (preferences), !ef_application_get_kiosk (self));

  if (ef_application_get_kiosk (self))
    {
      g_clear_handle_id (&self->reminders_start_id, g_source_remove);
      g_clear_object (&self->reminders);
      update_background (self);
      return;
    }

  if (self->reminders == NULL)
    {
      /* The demo keeps nothing: what it sent is remembered in memory. */
      if (!self->demo_requested)
        state_path = ef_reminders_default_state_path ();
      self->reminders = ef_reminders_new (G_APPLICATION (self), self->client, self->settings,
                                          state_path);
      /* At start with a window, after the dashboard's first answers. */
      if (!self->starting || self->background_requested)
        ef_reminders_start (self->reminders);
      else
        self->reminders_start_id = g_timeout_add_seconds (REMINDERS_DELAY_SECONDS,
                                                          on_start_reminders_cb, self);
    }
  update_background (self);
}

/* No EfCredentials, no "remember me", no unsaved changes kept: the kiosk
 * writes nothing. */
static void
update_credentials (EfApplication *self)
{
  if (ef_application_get_kiosk (self))
    {
      ef_client_set_credentials (self->client, NULL);
      ef_client_set_state_dir (self->client, NULL);
      ef_client_set_cache_dir (self->client, NULL);
    }
  else if (ef_client_get_credentials (self->client) == NULL)
    {
      g_autoptr (EfCredentials) credentials = ef_credentials_new ();
      g_autofree char *state_dir = g_build_filename (g_get_user_state_dir (), PACKAGE_NAME, NULL);
      g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME,
                                                     "offline", NULL);

      ef_client_set_credentials (self->client, credentials);
      ef_client_set_state_dir (self->client, state_dir);
      ef_client_set_cache_dir (self->client, cache_dir);
    }
}

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

  if (g_variant_dict_contains (options, "kiosk"))
    self->kiosk_forced = TRUE;

  /* At login: nothing to do when the application already runs. */
  if (g_variant_dict_contains (options, "background"))
    {
      g_autoptr (GError) error = NULL;

      /* Set before registering: ::startup (run by it) reads it. */
      self->background_requested = TRUE;
      if (!g_application_register (application, NULL, &error))
        {
          self->background_requested = FALSE;
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (application))
        {
          self->background_requested = FALSE;
          return 0;
        }
    }

  /* The demo is an instance of its own, even when the application is
   * already open: its server lives and ends with it. */
  if (g_variant_dict_contains (options, "demo"))
    {
      self->demo_requested = TRUE;
      g_application_set_flags (application,
                               g_application_get_flags (application) |
                               G_APPLICATION_NON_UNIQUE);
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

/* A terminal's Ctrl+C or a session's SIGTERM quits like the Quit action:
 * windows save their size and the demo server is stopped. */
static gboolean
on_quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
ef_application_startup (GApplication *application)
{
  EfApplication *self = EF_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *retry_accels[] = { "<Control>r", "F5", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  /* A remembered start asks the keyring and the portal while GTK starts:
   * the window then finds the answers there. */
  update_credentials (self);
  if (!self->demo_requested && !self->background_requested && !ef_application_get_kiosk (self))
    ef_client_start_remembered (self->client);

  G_APPLICATION_CLASS (ef_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.retry",
                                         retry_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  /* What GtkApplication sets for a gtk/help-overlay.ui: the window builds
   * its shortcuts window when it is first asked for (ef-window.c). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay",
                                         shortcuts_accels);

  gtk_window_set_default_icon_name (APP_ID);
  self->starting = TRUE;
  update_reminders (self);
  self->starting = FALSE;

  self->signal_sources[0] = g_unix_signal_add (SIGTERM, on_quit_signal_cb, application);
  self->signal_sources[1] = g_unix_signal_add (SIGINT, on_quit_signal_cb, application);
  self->signal_sources[2] = g_unix_signal_add (SIGHUP, on_quit_signal_cb, application);
}

static void
ef_application_shutdown (GApplication *application)
{
  EfApplication *self = EF_APPLICATION (application);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);
  g_clear_handle_id (&self->reminders_start_id, g_source_remove);
  g_clear_object (&self->reminders);

  if (self->demo_server != NULL)
    ef_demo_server_stop (self->demo_server);

  G_APPLICATION_CLASS (ef_application_parent_class)->shutdown (application);
}

static void
ef_application_activate (GApplication *application)
{
  EfApplication *self = EF_APPLICATION (application);
  EfWindow *window;

  /* Without "run-in-background", nothing holds the application: it ends
   * at once. */
  if (self->background_requested)
    {
      self->background_requested = FALSE;
      update_background (self);
      start_in_background (self);
      return;
    }

  window = get_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (self->demo_requested)
    {
      self->demo_requested = FALSE;
      ef_window_start_demo (window);
    }
}

static void
ef_application_dispose (GObject *object)
{
  EfApplication *self = EF_APPLICATION (object);

  if (self->demo_server != NULL)
    ef_demo_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);
  g_clear_handle_id (&self->reminders_start_id, g_source_remove);
  g_clear_object (&self->reminders);
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
  application_class->shutdown = ef_application_shutdown;
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
  g_signal_connect_object (self->settings, "changed::kiosk-mode",
                           G_CALLBACK (update_credentials), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::kiosk-mode",
                           G_CALLBACK (update_reminders), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (update_background), self, G_CONNECT_SWAPPED);
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

/**
 * ef_application_get_kiosk:
 * @self: an #EfApplication
 *
 * Returns: whether this is a shared terminal (`--kiosk` or the
 *   "kiosk-mode" key)
 */
gboolean
ef_application_get_kiosk (EfApplication *self)
{
  g_return_val_if_fail (EF_IS_APPLICATION (self), FALSE);

  return self->kiosk_forced || g_settings_get_boolean (self->settings, "kiosk-mode");
}

/**
 * ef_application_get_demo_server:
 * @self: an #EfApplication
 *
 * The demo server, stopped when the application shuts down; it is started
 * by ef_window_start_demo().
 *
 * Returns: (transfer none): the demo server
 */
EfDemoServer *
ef_application_get_demo_server (EfApplication *self)
{
  g_return_val_if_fail (EF_IS_APPLICATION (self), NULL);

  if (self->demo_server == NULL)
    self->demo_server = ef_demo_server_new (NULL);

  return self->demo_server;
}
