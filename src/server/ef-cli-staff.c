/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-staff.c: the `staff` command — invite the town hall's agents with
 * their roles, list them, remove them */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "ef-common.h"
#include "family/ef-family.h"
#include "handlers/ef-auth-handler.h"
#include "mail/ef-mail.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-staff.h"
#include "ef-cli.h"
#include "ef-cli-staff.h"

/* Whether @role is "admin" or one of the tenant's services. */
static gboolean
role_exists (EfPortal   *portal,
             const char *role)
{
  GListModel *services = ef_portal_get_services (portal);

  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(EfService) service = g_list_model_get_item (services, i);

      if (g_strcmp0 (ef_service_get_id (service), role) == 0)
        return TRUE;
    }
  return FALSE;
}

static int
list_staff (EfStore    *store,
            const char *tenant_id)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  accounts = ef_store_list_staff_accounts (store, tenant_id, &error);
  if (accounts == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot list the staff: %s"), error->message);
  if (accounts->len == 0)
    printf ("%s\n", _("No staff account."));

  for (guint i = 0; i < accounts->len; i++)
    {
      const EfStaffAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *roles = g_strjoinv (", ", account->roles);
      g_autofree char *state = NULL;

      if (account->locked_until > now)
        {
          g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (account->locked_until);
          g_autofree char *text = g_date_time_format (until, "%Y-%m-%d %H:%M");

          state = g_strdup_printf (_("locked until %s"), text);
        }
      else if (account->has_password)
        state = g_strdup (_("active"));
      else
        state = g_strdup (_("invited, no password yet"));

      /* Translators: an agent's name, e-mail, roles and state, e.g.
       * "Sophie Laborde <s.laborde@example.fr>: education, admin (active)" */
      printf (_("%s <%s>: %s (%s)\n"), account->name, account->email, roles, state);
    }
  return EXIT_OK;
}

static int
invite_staff (EfStore                *store,
              const char             *tenant_id,
              const EfTenantSettings *settings,
              const char             *email,
              const char             *name,
              const char * const     *roles,
              const char             *portal_option,
              const char             *sendmail)
{
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(EfMail) mail = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *token = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *roles_text = g_strjoinv (", ", (GStrv) roles);
  gboolean created = FALSE;
  int status;

  normalized = ef_email_normalize (email);
  if (normalized == NULL)
    return ef_cli_fail (EXIT_USAGE, _("“%s” is not an e-mail address"), email);

  tz = ef_tenant_settings_dup_time_zone (settings);
  now = g_date_time_new_now (tz);

  if (ef_store_save_staff_account (store, tenant_id, normalized, name, roles, NULL,
                                   g_date_time_to_unix (now), &created, &error) == 0)
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
        return ef_cli_fail (EXIT_USAGE, _("Cannot give this e-mail a staff account: %s"),
                            error->message);
      return ef_cli_fail (EXIT_ERROR, _("Cannot save the staff account: %s"), error->message);
    }
  account = ef_store_find_account (store, tenant_id, normalized, &error);
  if (account == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot save the staff account: %s"),
                        error ? error->message : "");

  /* An agent who has a password keeps it: only the name and roles change. */
  if (account->password_hash != NULL)
    {
      printf (_("Staff account %s updated: %s.\n"), account->email, roles_text);
      return EXIT_OK;
    }

  portal = ef_cli_portal_url (portal_option, settings, tenant_id, &status);
  if (portal == NULL)
    return status;

  expires = g_date_time_add_seconds (now, EF_INVITATION_SECONDS);
  token = ef_cli_save_invitation (store, account->id, now, expires, &status);
  if (token == NULL)
    return status;
  mail = ef_mail_new_staff_invitation (settings->name, portal, account->email, name, token, expires);
  status = ef_cli_deliver_invitation (store, tenant_id, settings, mail, now, expires, sendmail);
  if (status != EXIT_OK)
    return status;
  if (!created)
    printf (_("Staff account %s updated: %s.\n"), account->email, roles_text);
  return EXIT_OK;
}

static const EfCliUsage staff_usage = {
  "staff", NULL, 0,
  N_("Manages the town hall’s staff accounts: agents sign in to the same application and get "
     "the back office, for the families of their services."),
  N_("Roles: each --role is a service of the municipality (see `configure --export`); an agent "
     "reads the families that use one of their services (an enrolment in one of its activities, "
     "or an invoice of it) and those that use none yet; --admin reads every family. Every "
     "action of an agent for a family is audited. An agent signs in with the e-mail; it cannot "
     "be a family’s login.\n\n"
     "Exit status: 0 when done, 2 on bad arguments, an unknown service or an unknown agent, 1 on "
     "other failures."),
};

int
ef_cli_run_staff (int    argc,
                  char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(EfPortal) portal = NULL;
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *invite = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *name = NULL;
  g_autofree char *portal_option = NULL;
  g_autofree char *sendmail = NULL;
  g_auto(GStrv) services = NULL;
  gboolean admin = FALSE;
  gboolean list = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "invite", 0, 0, G_OPTION_ARG_STRING, &invite,
      N_("Give this e-mail a staff account and invite the agent to choose a password (mail to the outbox); for an existing agent, change the name and roles"),
      N_("EMAIL") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The agent’s name, as the audit shows it"),
      N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &services,
      N_("A service whose families the agent serves, e.g. education (repeat for several)"),
      N_("SERVICE") },
    { "admin", 0, 0, G_OPTION_ARG_NONE, &admin,
      N_("The agent may read and act for every family of the municipality"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the staff accounts"), NULL },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &remove,
      N_("Remove the staff account with this e-mail (the audit keeps the agent’s name)"),
      N_("EMAIL") },
    { "portal-url", 0, 0, G_OPTION_ARG_STRING, &portal_option,
      N_("The public address of the portal for the link (default: the tenant’s --public-url)"),
      N_("URL") },
    { "sendmail", 0, 0, G_OPTION_ARG_FILENAME, &sendmail,
      N_("Also hand the mail to this sendmail-compatible program (run as PATH -t -i)"), N_("PATH") },
    { NULL }
  };

  if (!ef_cli_parse (&staff_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if ((invite != NULL) + (remove != NULL) + (list ? 1 : 0) != 1)
    return ef_cli_fail (EXIT_USAGE, _("Give one of --invite EMAIL, --list or --remove EMAIL"));
  if (!ef_cli_tenant_open (&cli, TRUE, &status))
    return status;

  if (list)
    return list_staff (cli.store, cli.tenant_id);

  if (remove != NULL)
    {
      if (!ef_store_remove_staff_account (cli.store, cli.tenant_id, remove, &error))
        {
          if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
            return ef_cli_fail (EXIT_USAGE, _("No agent of “%s” has the e-mail %s"), cli.tenant_id, remove);
          return ef_cli_fail (EXIT_ERROR, _("Cannot remove the staff account: %s"), error->message);
        }
      printf (_("Staff account %s removed.\n"), remove);
      return EXIT_OK;
    }

  if (name == NULL || g_strstrip (name)[0] == '\0')
    return ef_cli_fail (EXIT_USAGE, _("The option --name NAME is required with --invite"));
  if (g_utf8_strlen (name, -1) > 200)
    return ef_cli_fail (EXIT_USAGE, _("The name is longer than 200 characters"));
  portal = ef_store_load_portal (cli.store, cli.tenant_id, &error);
  if (portal == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), cli.tenant_id, error->message);
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    {
      if (g_strcmp0 (services[i], EF_STAFF_ROLE_ADMIN) == 0 || !role_exists (portal, services[i]))
        return ef_cli_fail (EXIT_USAGE, _("“%s” is not a service of “%s” (use --admin for the administrator)"),
                            services[i], cli.tenant_id);
      g_ptr_array_add (roles, g_strdup (services[i]));
    }
  if (admin)
    g_ptr_array_add (roles, g_strdup (EF_STAFF_ROLE_ADMIN));
  if (roles->len == 0)
    return ef_cli_fail (EXIT_USAGE, _("Give the agent at least one --role SERVICE, or --admin"));
  g_ptr_array_add (roles, NULL);

  return invite_staff (cli.store, cli.tenant_id, cli.settings, invite, name,
                       (const char * const *) roles->pdata, portal_option, sendmail);
}
