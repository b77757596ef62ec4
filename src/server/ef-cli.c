/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli.c: what every command of espace-famille-server shares */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "auth/ef-secret.h"
#include "ef-cli.h"
#include "ef-town.h"


static void
print_usage (const EfCliCommand *commands,
             guint               n_commands,
             FILE               *stream)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  %s %s\n\n%s\n\n%s\n",
                          _("Usage:"), PROGRAM, _("COMMAND [OPTION…]"),
                          _("The reference server of Espace Famille: the HTTP/JSON API with which parents reserve school meals."),
                          _("Commands:"));
  for (guint i = 0; i < n_commands; i++)
    g_string_append_printf (text, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_printf (text, "\n%s\n  -h, --help     %s\n  --version      %s\n\n",
                          _("Options:"), _("Show this help"), _("Show the version"));
  g_string_append_printf (text, _("Run “%s COMMAND --help” to see the options of a command."), PROGRAM);
  g_string_append_c (text, '\n');

  fputs (text->str, stream);
}

int
ef_cli_main (const EfCliCommand  *commands,
             guint                n_commands,
             int                  argc,
             char               **argv)
{
  const char *command;

  if (argc < 2)
    {
      print_usage (commands, n_commands, stderr);
      return EXIT_USAGE;
    }

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "-?"))
    {
      print_usage (commands, n_commands, stdout);
      return EXIT_OK;
    }
  if (g_str_equal (command, "--version"))
    {
      printf ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < n_commands; i++)
    if (g_str_equal (command, commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  if (command[0] == '-')
    ef_cli_fail_program (EXIT_USAGE, _("Unknown option “%s”"), command);
  else
    ef_cli_fail_program (EXIT_USAGE, _("Unknown command “%s”"), command);
  g_printerr (_("Run “%s --help” to see the commands.\n"), PROGRAM);
  return EXIT_USAGE;
}

G_GNUC_PRINTF (3, 0)
static int
vfail (int         status,
       const char *prefix,
       const char *format,
       va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_printerr ("%s: %s\n", prefix, message);
  return status;
}

int
ef_cli_fail (int         status,
             const char *format,
             ...)
{
  const char *command = g_get_prgname ();
  va_list args;

  /* The prgname is "espace-famille-server COMMAND" while a command runs. */
  va_start (args, format);
  status = vfail (status, command ? command : PROGRAM, format, args);
  va_end (args);
  return status;
}

int
ef_cli_fail_program (int         status,
                     const char *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  status = vfail (status, PROGRAM, format, args);
  va_end (args);
  return status;
}

int
ef_cli_fail_tenant (const char   *tenant_id,
                    const GError *error)
{
  if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
    return ef_cli_fail (EXIT_USAGE, _("There is no tenant “%s” in this database"), tenant_id);
  return ef_cli_fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), tenant_id, error->message);
}

void
ef_cli_tenant_clear (EfCliTenant *tenant)
{
  g_clear_pointer (&tenant->db_path, g_free);
  g_clear_pointer (&tenant->tenant_id, g_free);
  g_clear_pointer (&tenant->settings, ef_tenant_settings_free);
  g_clear_pointer (&tenant->store, ef_store_close);
}

EfStore *
ef_cli_open_store (const char *db_path,
                   int        *status)
{
  g_autoptr(GError) error = NULL;
  EfStore *store;

  if (db_path == NULL)
    {
      *status = ef_cli_fail (EXIT_USAGE, _("The option --db FILE is required"));
      return NULL;
    }
  store = ef_store_open (db_path, &error);
  if (store == NULL)
    *status = ef_cli_fail (EXIT_USAGE, "%s", error->message);
  return store;
}

gboolean
ef_cli_tenant_open (EfCliTenant *tenant,
                    gboolean     load_settings,
                    int         *status)
{
  g_autoptr(GError) error = NULL;

  if (tenant->db_path == NULL || tenant->tenant_id == NULL)
    {
      *status = ef_cli_fail (EXIT_USAGE, _("The options --db FILE and --tenant ID are required"));
      return FALSE;
    }

  tenant->store = ef_cli_open_store (tenant->db_path, status);
  if (tenant->store == NULL)
    return FALSE;

  if (load_settings)
    {
      tenant->settings = ef_store_load_tenant_settings (tenant->store, tenant->tenant_id, &error);
      if (tenant->settings == NULL)
        {
          *status = ef_cli_fail_tenant (tenant->tenant_id, error);
          return FALSE;
        }
    }
  return TRUE;
}

gint64
ef_cli_now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Parses a command's options (argv[0] is the command's name) and accepts
 * at most @max_args arguments after them. */
static gboolean
parse_options (GOptionContext   *context,
               const char       *command,
               int              *argc,
               char           ***argv,
               int               max_args,
               int              *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM, command);

  /* So that --help shows "Usage: espace-famille-server COMMAND [OPTION…]". */
  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = ef_cli_fail (EXIT_USAGE, _("%s (run “%s %s --help” to see the options)"),
                             error->message, PROGRAM, command);
      return FALSE;
    }
  if (*argc > 1 + max_args)
    {
      *status = ef_cli_fail (EXIT_USAGE,
                             _("Unexpected argument “%s” (run “%s %s --help” to see the options)"),
                             (*argv)[1 + max_args], PROGRAM, command);
      return FALSE;
    }
  return TRUE;
}

gboolean
ef_cli_parse (const EfCliUsage    *usage,
              EfCliTenant         *tenant,
              const GOptionEntry  *entries,
              int                 *argc,
              char              ***argv,
              int                 *status)
{
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry tenant_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, tenant ? &tenant->db_path : NULL,
      N_("The database: a SQLite file or a postgresql:// connection string"), N_("FILE") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, tenant ? &tenant->tenant_id : NULL,
      N_("The municipality, e.g. 7249"), N_("ID") },
    { NULL }
  };

  context = g_option_context_new (usage->parameter != NULL ? _(usage->parameter) : NULL);
  g_option_context_set_summary (context, _(usage->summary));
  if (usage->description != NULL)
    g_option_context_set_description (context, _(usage->description));
  if (tenant != NULL)
    g_option_context_add_main_entries (context, tenant_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return parse_options (context, usage->name, argc, argv, usage->max_args, status);
}

char *
ef_cli_portal_url (const char             *portal_option,
                   const EfTenantSettings *settings,
                   const char             *tenant_id,
                   int                    *status)
{
  char *portal;

  if (portal_option != NULL)
    {
      portal = ef_town_normalize_url (portal_option);
      if (portal == NULL)
        *status = ef_cli_fail (EXIT_USAGE, _("The portal address must be an http:// or https:// URL, not “%s”"),
                               portal_option);
      return portal;
    }
  if (settings->public_url != NULL)
    return g_strdup (settings->public_url);
  *status = ef_cli_fail (EXIT_USAGE,
                         _("The tenant “%s” has no public address for the link: give --portal-url URL, or set it with “%s tenant --public-url URL”"),
                         tenant_id, PROGRAM);
  return NULL;
}

char *
ef_cli_save_invitation (EfStore   *store,
                        gint64     account_id,
                        GDateTime *now,
                        GDateTime *expires,
                        int       *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = ef_secret_token_new ();
  g_autofree char *digest = ef_secret_token_digest (token);

  if (!ef_store_add_account_token (store, account_id, EF_TOKEN_INVITATION, digest,
                                   g_date_time_to_unix (now), g_date_time_to_unix (expires), &error))
    {
      *status = ef_cli_fail (EXIT_ERROR, _("Cannot save the invitation: %s"), error->message);
      return NULL;
    }
  return g_steal_pointer (&token);
}

int
ef_cli_deliver_invitation (EfStore                *store,
                           const char             *tenant_id,
                           const EfTenantSettings *settings,
                           const EfMail           *mail,
                           GDateTime              *now,
                           GDateTime              *expires,
                           const char             *sendmail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *message = NULL;
  gint64 mail_id;
  gboolean sent;

  mail_id = ef_store_outbox_add (store, tenant_id, mail->kind, mail->to, mail->subject, mail->body,
                                 g_date_time_to_unix (now), &error);
  if (mail_id == 0)
    return ef_cli_fail (EXIT_ERROR, _("Cannot write the mail to the outbox: %s"), error->message);

  expiry = g_date_time_format (expires, "%Y-%m-%d %H:%M");
  if (sendmail == NULL)
    {
      printf (_("Invitation for %s written to the outbox, valid until %s.\n"), mail->to, expiry);
      return EXIT_OK;
    }

  message = ef_mail_format_for_tenant (mail, settings, now);
  sent = ef_mail_send (sendmail, message, &error);
  ef_store_outbox_set_status (store, mail_id, sent ? "sent" : "failed", ef_cli_now_unix (), NULL);
  if (!sent)
    return ef_cli_fail (EXIT_ERROR, _("The invitation is in the outbox, but could not be sent: %s"),
                        error->message);
  printf (_("Invitation sent to %s, valid until %s.\n"), mail->to, expiry);
  return EXIT_OK;
}
