/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-payfip.c: the staff's command for a municipality's PayFiP settings */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "ef-common.h"
#include "store/ef-store-payfip.h"
#include "ef-cli-payfip.h"

#define PROGRAM "espace-famille-server"

enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,
  EXIT_USAGE = 2,
};

G_GNUC_PRINTF (2, 3)
static int
fail (int         status,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s payfip: %s\n", PROGRAM, message);
  return status;
}

int
ef_cli_run_payfip (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfPayfipSettings) settings = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *numcli = NULL;
  g_autofree char *saisie = NULL;
  g_autofree char *provider = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database"), N_("FILE") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &tenant_id, N_("The municipality, e.g. 7249"), N_("ID") },
    { "numcli", 0, 0, G_OPTION_ARG_STRING, &numcli,
      N_("The municipality’s PayFiP client number (6 digits)"), N_("NUMBER") },
    { "saisie", 0, 0, G_OPTION_ARG_STRING, &saisie,
      N_("PayFiP’s mode: T (test), X (production) or W (activation)"), N_("MODE") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
      N_("Who collects the payments: “simulator” (the PayFiP simulator served by this server)"),
      N_("NAME") },
    { NULL }
  };

  g_set_prgname (PROGRAM " payfip");
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Shows a municipality’s settings for online card payment (PayFiP), or changes them."));
  g_option_context_set_description (context,
    _("Families pay their invoices online only when the municipality has a PayFiP client "
      "number. The first time, give --numcli, --saisie and --provider together. The simulator "
      "answers at /_payfip/ on this server: nothing is really charged.\n\n"
      "Exit status: 0 on success, 2 on bad arguments, 1 on other failures."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (EXIT_USAGE, _("%s (run “%s %s --help” to see the options)"),
                 error->message, PROGRAM, "payfip");
  if (argc > 1)
    return fail (EXIT_USAGE, _("Unexpected argument “%s” (run “%s %s --help” to see the options)"),
                 argv[1], PROGRAM, "payfip");

  if (db_path == NULL)
    return fail (EXIT_USAGE, _("The option --db FILE is required"));
  if (tenant_id == NULL)
    return fail (EXIT_USAGE, _("The option --tenant ID is required"));

  store = ef_store_open (db_path, &error);
  if (store == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  if (numcli != NULL || saisie != NULL || provider != NULL)
    {
      if (!ef_store_set_payfip_settings (store, tenant_id, numcli, saisie, provider, &error))
        {
          if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
            return fail (EXIT_USAGE, _("There is no tenant “%s” in this database"), tenant_id);
          if (error->domain == EF_API_ERROR)
            return fail (EXIT_USAGE, "%s", error->message);
          return fail (EXIT_ERROR, _("Cannot change the tenant “%s”: %s"), tenant_id, error->message);
        }
    }

  settings = ef_store_load_payfip_settings (store, tenant_id, &error);
  if (error != NULL)
    return fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), tenant_id, error->message);

  printf ("tenant: %s\nnumcli: %s\nsaisie: %s\nprovider: %s\n", tenant_id,
          settings ? settings->numcli : "", settings ? settings->saisie : "",
          settings ? settings->provider : "");
  return EXIT_OK;
}
