/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-payfip.c: the staff's command for a municipality's PayFiP settings */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "ef-common.h"
#include "store/ef-store-payfip.h"
#include "ef-cli.h"
#include "ef-cli-payfip.h"

static const EfCliUsage payfip_usage = {
  "payfip", NULL, 0,
  N_("Shows a municipality’s settings for online card payment (PayFiP), or changes them."),
  N_("Families pay their invoices online only when the municipality has a PayFiP client "
     "number. The first time, give --numcli, --saisie and --provider together. The simulator "
     "answers at /_payfip/ on this server: nothing is really charged.\n\n"
     "Exit status: 0 on success, 2 on bad arguments, 1 on other failures."),
};

int
ef_cli_run_payfip (int    argc,
                   char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(EfPayfipSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *numcli = NULL;
  g_autofree char *saisie = NULL;
  g_autofree char *provider = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "numcli", 0, 0, G_OPTION_ARG_STRING, &numcli,
      N_("The municipality’s PayFiP client number (6 digits)"), N_("NUMBER") },
    { "saisie", 0, 0, G_OPTION_ARG_STRING, &saisie,
      N_("PayFiP’s mode: T (test), X (production) or W (activation)"), N_("MODE") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
      N_("Who collects the payments: “simulator” (the PayFiP simulator served by this server)"),
      N_("NAME") },
    { NULL }
  };

  if (!ef_cli_parse (&payfip_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (!ef_cli_tenant_open (&cli, FALSE, &status))
    return status;

  if (numcli != NULL || saisie != NULL || provider != NULL)
    {
      if (!ef_store_set_payfip_settings (cli.store, cli.tenant_id, numcli, saisie, provider, &error))
        {
          if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
            return ef_cli_fail (EXIT_USAGE, _("There is no tenant “%s” in this database"), cli.tenant_id);
          if (error->domain == EF_API_ERROR)
            return ef_cli_fail (EXIT_USAGE, "%s", error->message);
          return ef_cli_fail (EXIT_ERROR, _("Cannot change the tenant “%s”: %s"), cli.tenant_id, error->message);
        }
    }

  settings = ef_store_load_payfip_settings (cli.store, cli.tenant_id, &error);
  if (error != NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), cli.tenant_id,
                        error->message);

  printf ("tenant: %s\nnumcli: %s\nsaisie: %s\nprovider: %s\n", cli.tenant_id,
          settings ? settings->numcli : "", settings ? settings->saisie : "",
          settings ? settings->provider : "");
  return EXIT_OK;
}
