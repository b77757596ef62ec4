/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-staff.c: the `staff` command — invite the town hall's agents with
 * their roles, list them, remove them */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "auth/ef-secret.h"
#include "ef-common.h"
#include "family/ef-family.h"
#include "handlers/ef-auth-handler.h"
#include "mail/ef-mail.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-staff.h"
#include "ef-cli.h"
#include "ef-cli-staff.h"

enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,
  EXIT_USAGE = 2,
};

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
  g_autofree char *digest = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *roles_text = g_strjoinv (", ", (GStrv) roles);
  gboolean created = FALSE;
  gint64 mail_id;

  normalized = ef_email_normalize (email);
  if (normalized == NULL)
    return ef_cli_fail (EXIT_USAGE, _("“%s” is not an e-mail address"), email);

  tz = ef_time_zone_new (settings->time_zone, NULL);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
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

  if (portal_option != NULL)
    {
      portal = ef_cli_normalize_public_url (portal_option);
      if (portal == NULL)
        return ef_cli_fail (EXIT_USAGE, _("The portal address must be an http:// or https:// URL, not “%s”"),
                            portal_option);
    }
  else if (settings->public_url != NULL)
    portal = g_strdup (settings->public_url);
  else
    return ef_cli_fail (EXIT_USAGE,
                        _("The tenant “%s” has no public address for the link: give --portal-url URL, or set it with “%s tenant --public-url URL”"),
                        tenant_id, PROGRAM);

  expires = g_date_time_add_seconds (now, EF_INVITATION_SECONDS);
  token = ef_secret_token_new ();
  digest = ef_secret_token_digest (token);
  if (!ef_store_add_account_token (store, account->id, EF_TOKEN_INVITATION, digest,
                                   g_date_time_to_unix (now), g_date_time_to_unix (expires), &error))
    return ef_cli_fail (EXIT_ERROR, _("Cannot save the invitation: %s"), error->message);

  mail = ef_mail_new_staff_invitation (settings->name, portal, account->email, name, token, expires);
  mail_id = ef_store_outbox_add (store, tenant_id, mail->kind, mail->to, mail->subject, mail->body,
                                 g_date_time_to_unix (now), &error);
  if (mail_id == 0)
    return ef_cli_fail (EXIT_ERROR, _("Cannot write the mail to the outbox: %s"), error->message);

  expiry = g_date_time_format (expires, "%Y-%m-%d %H:%M");
  if (sendmail != NULL)
    {
      g_autofree char *message = ef_mail_format_for_tenant (mail, settings, now);
      gboolean sent = ef_mail_send (sendmail, message, &error);

      ef_store_outbox_set_status (store, mail_id, sent ? "sent" : "failed",
                                  g_get_real_time () / G_USEC_PER_SEC, NULL);
      if (!sent)
        return ef_cli_fail (EXIT_ERROR, _("The invitation is in the outbox, but could not be sent: %s"),
                            error->message);
      printf (_("Invitation sent to %s, valid until %s.\n"), account->email, expiry);
    }
  else
    printf (_("Invitation for %s written to the outbox, valid until %s.\n"), account->email, expiry);
  if (!created)
    printf (_("Staff account %s updated: %s.\n"), account->email, roles_text);
  return EXIT_OK;
}

int
ef_cli_run_staff (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfPortal) portal = NULL;
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tenant_id = NULL;
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
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database"), N_("FILE") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &tenant_id, N_("The municipality, e.g. 7249"), N_("ID") },
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

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Manages the town hall’s staff accounts: agents sign in to the same application and get "
      "the back office, for the families of their services."));
  g_option_context_set_description (context,
    _("Roles: each --role is a service of the municipality (see `configure --export`); an agent "
      "reads the families that use one of their services (an enrolment in one of its activities, "
      "or an invoice of it) and those that use none yet; --admin reads every family. Every "
      "action of an agent for a family is audited. An agent signs in with the e-mail; it cannot "
      "be a family’s login.\n\n"
      "Exit status: 0 when done, 2 on bad arguments, an unknown service or an unknown agent, 1 on "
      "other failures."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ef_cli_parse_options (context, "staff", &argc, &argv, 0, &status))
    return status;

  if ((invite != NULL) + (remove != NULL) + (list ? 1 : 0) != 1)
    return ef_cli_fail (EXIT_USAGE, _("Give one of --invite EMAIL, --list or --remove EMAIL"));
  if (db_path == NULL || tenant_id == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The options --db FILE and --tenant ID are required"));

  store = ef_store_open (db_path, &error);
  if (store == NULL)
    return ef_cli_fail (EXIT_USAGE, "%s", error->message);
  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  if (settings == NULL)
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
        return ef_cli_fail (EXIT_USAGE, _("There is no tenant “%s” in this database"), tenant_id);
      return ef_cli_fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), tenant_id, error->message);
    }

  if (list)
    return list_staff (store, tenant_id);

  if (remove != NULL)
    {
      if (!ef_store_remove_staff_account (store, tenant_id, remove, &error))
        {
          if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
            return ef_cli_fail (EXIT_USAGE, _("No agent of “%s” has the e-mail %s"), tenant_id, remove);
          return ef_cli_fail (EXIT_ERROR, _("Cannot remove the staff account: %s"), error->message);
        }
      printf (_("Staff account %s removed.\n"), remove);
      return EXIT_OK;
    }

  if (name == NULL || g_strstrip (name)[0] == '\0')
    return ef_cli_fail (EXIT_USAGE, _("The option --name NAME is required with --invite"));
  if (g_utf8_strlen (name, -1) > 200)
    return ef_cli_fail (EXIT_USAGE, _("The name is longer than 200 characters"));
  portal = ef_store_load_portal (store, tenant_id, &error);
  if (portal == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), tenant_id, error->message);
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    {
      if (g_strcmp0 (services[i], EF_STAFF_ROLE_ADMIN) == 0 || !role_exists (portal, services[i]))
        return ef_cli_fail (EXIT_USAGE, _("“%s” is not a service of “%s” (use --admin for the administrator)"),
                            services[i], tenant_id);
      g_ptr_array_add (roles, g_strdup (services[i]));
    }
  if (admin)
    g_ptr_array_add (roles, g_strdup (EF_STAFF_ROLE_ADMIN));
  if (roles->len == 0)
    return ef_cli_fail (EXIT_USAGE, _("Give the agent at least one --role SERVICE, or --admin"));
  g_ptr_array_add (roles, NULL);

  return invite_staff (store, tenant_id, settings, invite, name,
                       (const char * const *) roles->pdata, portal_option, sendmail);
}
