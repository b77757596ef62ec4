/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-accounts.c: the staff's commands for tenants, families,
 * invitations and the mail outbox (tenant, family-import, invite, outbox)
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "auth/ef-secret.h"
#include "ef-common.h"
#include "family/ef-family.h"
#include "handlers/ef-auth-handler.h"
#include "mail/ef-mail.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-families.h"
#include "ef-cli-accounts.h"

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
  const char *command = g_get_prgname ();
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* The prgname is "espace-famille-server COMMAND" while a command runs. */
  g_printerr ("%s: %s\n", command ? command : PROGRAM, message);
  return status;
}

/* Parses a command's options; argv[0] is the command's name. Up to
 * @max_args positional arguments stay in @argv. */
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

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = fail (EXIT_USAGE, _("%s (run “%s %s --help” to see the options)"),
                      error->message, PROGRAM, command);
      return FALSE;
    }
  if (*argc > 1 + max_args)
    {
      *status = fail (EXIT_USAGE, _("Unexpected argument “%s” (run “%s %s --help” to see the options)"),
                      (*argv)[1 + max_args], PROGRAM, command);
      return FALSE;
    }
  return TRUE;
}

static EfStore *
open_store (const char        *db_path,
            const char        *tenant_id,
            EfTenantSettings **settings,
            int               *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;

  if (db_path == NULL || tenant_id == NULL)
    {
      *status = fail (EXIT_USAGE, _("The options --db FILE and --tenant ID are required"));
      return NULL;
    }

  store = ef_store_open (db_path, &error);
  if (store == NULL)
    {
      *status = fail (EXIT_USAGE, "%s", error->message);
      return NULL;
    }

  if (settings != NULL)
    {
      *settings = ef_store_load_tenant_settings (store, tenant_id, &error);
      if (*settings == NULL)
        {
          if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
            *status = fail (EXIT_USAGE, _("There is no tenant “%s” in this database"), tenant_id);
          else
            *status = fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), tenant_id, error->message);
          return NULL;
        }
    }

  return g_steal_pointer (&store);
}

/* @text as a portal address without a trailing slash, or NULL. */
static char *
normalize_public_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  const char *scheme;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;

  url = g_uri_to_string (uri);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  return g_steal_pointer (&url);
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
print_details (JsonArray *details)
{
  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonObject *detail = json_array_get_object_element (details, i);

      /* Translators: a field of the family file and what is wrong with it,
       * e.g. "members[0].phones[0].number: invalid_phone" */
      g_printerr (_("  %s: %s\n"),
                  json_object_get_string_member_with_default (detail, "field", "-"),
                  json_object_get_string_member_with_default (detail, "code", "-"));
    }
}

int
ef_cli_run_tenant (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *public_url = NULL;
  g_autofree char *mail_from = NULL;
  g_autofree char *create_name = NULL;
  g_autofree char *normalized_url = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database"), N_("FILE") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &tenant_id, N_("The municipality, e.g. 7249"), N_("ID") },
    { "create", 0, 0, G_OPTION_ARG_STRING, &create_name,
      N_("Create the municipality with this name if it does not exist (default deadline rule, Europe/Paris)"),
      N_("NAME") },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &public_url,
      N_("The public address of the municipality’s portal, used in the links of mails, e.g. https://espacefamille.example.fr/7249 (\"\" to clear)"),
      N_("URL") },
    { "mail-from", 0, 0, G_OPTION_ARG_STRING, &mail_from,
      N_("The sender address of the mails (\"\" for ne-pas-repondre@ the portal’s host)"),
      N_("ADDRESS") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Shows a municipality’s settings for mail and links, changes them, or creates the municipality."));
  g_option_context_set_description (context,
    _("Without --public-url, the links in the mails that the server sends point at the server’s "
      "own address (right when it serves on loopback only); `invite` then needs --portal-url."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "tenant", &argc, &argv, 0, &status))
    return status;

  if (public_url != NULL && *public_url != '\0')
    {
      normalized_url = normalize_public_url (public_url);
      if (normalized_url == NULL)
        return fail (EXIT_USAGE, _("The public address must be an http:// or https:// URL, not “%s”"),
                     public_url);
    }
  if (mail_from != NULL && *mail_from != '\0' && !ef_email_is_valid (mail_from))
    return fail (EXIT_USAGE, _("“%s” is not an e-mail address"), mail_from);

  store = open_store (db_path, tenant_id, NULL, &status);
  if (store == NULL)
    return status;

  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  if (settings == NULL && create_name != NULL &&
      g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT) &&
      ef_tenant_id_is_valid (tenant_id))
    {
      g_autoptr(EfPortal) portal = ef_portal_new (tenant_id, create_name, "", EF_DEFAULT_TIME_ZONE);

      g_clear_error (&error);
      if (!ef_store_replace_tenant (store, portal, &error))
        return fail (EXIT_ERROR, _("Cannot create the tenant “%s”: %s"), tenant_id, error->message);
      settings = ef_store_load_tenant_settings (store, tenant_id, &error);
    }
  if (settings == NULL)
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
        return fail (EXIT_USAGE, _("There is no tenant “%s” in this database"), tenant_id);
      return fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), tenant_id, error->message);
    }

  if (public_url != NULL || mail_from != NULL)
    {
      if (!ef_store_set_tenant_settings (store, tenant_id,
                                         public_url ? (normalized_url ? normalized_url : "") : NULL,
                                         mail_from, &error))
        return fail (EXIT_ERROR, _("Cannot change the tenant “%s”: %s"), tenant_id, error->message);
      g_clear_pointer (&settings, ef_tenant_settings_free);
      settings = ef_store_load_tenant_settings (store, tenant_id, &error);
      if (settings == NULL)
        return fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), tenant_id, error->message);
    }

  printf ("tenant: %s\nname: %s\npublic_url: %s\nmail_from: %s\n",
          tenant_id, settings->name,
          settings->public_url ? settings->public_url : "",
          settings->mail_from ? settings->mail_from : "");
  return EXIT_OK;
}

int
ef_cli_run_family_import (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) details = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  gboolean replace = FALSE;
  gint64 family_id;
  gsize length;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database"), N_("FILE") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &tenant_id, N_("The municipality, e.g. 7249"), N_("ID") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Update the family that has the file’s \"reference\" instead of refusing it"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE.json"));
  g_option_context_set_summary (context,
    _("Creates a family (foyer) with its members and the persons allowed to pick the children up, "
      "from a JSON file, and prints it as the API shows it (with the new ids)."));
  g_option_context_set_description (context,
    _("The file holds one object:\n"
      "  {\"reference\": \"DOSSIER-42\" (optional, the town hall’s own key),\n"
      "   \"name\": \"Famille Dupont\",\n"
      "   \"address\": {\"line1\", \"line2\" (optional), \"postal_code\" (5 digits), \"city\"},\n"
      "   \"members\": [{\"reference\" (optional), \"role\": \"responsible\"|\"child\"|\"other\",\n"
      "                \"first_name\", \"last_name\", \"birth_date\": \"YYYY-MM-DD\",\n"
      "                \"address\": null or an address (when not the family’s),\n"
      "                \"phones\": [{\"kind\": \"mobile\"|\"home\"|\"work\", \"number\"}],\n"
      "                \"email\", \"caf_number\" (7 digits),\n"
      "                \"pickup_persons\": [{\"name\", \"phone\", \"relation\"}]}]}\n"
      "At least one member is responsible. Phone numbers are French (0X XX XX XX XX or +33). "
      "Everything is checked first: one mistake and nothing is written; every mistake is listed.\n\n"
      "Exit status: 0 when the family was written, 2 on bad arguments or an invalid file, 1 on "
      "other failures."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "family-import", &argc, &argv, 1, &status))
    return status;
  if (argc < 2)
    return fail (EXIT_USAGE, _("Give the family’s JSON file"));

  display = g_filename_display_name (argv[1]);
  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    return fail (EXIT_USAGE, _("Cannot read “%s”: %s"), display, error->message);
  object = ef_json_parse_object (contents, length, &error);
  if (object == NULL)
    return fail (EXIT_USAGE, _("“%s” is not a JSON object: %s"), display, error->message);

  store = open_store (db_path, tenant_id, &settings, &status);
  if (store == NULL)
    return status;

  tz = ef_time_zone_new (settings->time_zone, NULL);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = g_date_time_new_now (tz);
  details = json_array_new ();
  family = ef_family_from_json (object, ef_day_from_instant (now, tz), details);
  if (family == NULL)
    {
      fail (EXIT_USAGE, _("“%s” is not a valid family:"), display);
      print_details (details);
      return EXIT_USAGE;
    }

  if (!ef_store_save_family (store, tenant_id, family, replace, now_unix (), &error))
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
        return fail (EXIT_USAGE,
                     _("A family with the reference “%s” exists already (use --replace to update it)"),
                     family->reference);
      return fail (EXIT_ERROR, _("Cannot write the family: %s"), error->message);
    }

  family_id = family->id;
  g_clear_pointer (&family, ef_family_free);
  family = ef_store_load_family (store, tenant_id, family_id, &error);
  if (family == NULL)
    return fail (EXIT_ERROR, _("Cannot read the family back: %s"), error->message);
  node = ef_family_to_json (family);
  text = ef_json_to_string (node, TRUE);
  printf ("%s\n", text);
  return EXIT_OK;
}

int
ef_cli_run_invite (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(EfMail) mail = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *email = NULL;
  g_autofree char *portal_option = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *sendmail = NULL;
  g_autofree char *token = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *expiry = NULL;
  gint64 member_id = 0;
  gint64 mail_id;
  const char *first_name = "";
  EfMember *member;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database"), N_("FILE") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &tenant_id, N_("The municipality, e.g. 7249"), N_("ID") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("The e-mail of the family member to invite (as the family file gives it)"), N_("EMAIL") },
    { "member", 0, 0, G_OPTION_ARG_INT64, &member_id,
      N_("The id of the family member to invite, instead of --email"), N_("ID") },
    { "portal-url", 0, 0, G_OPTION_ARG_STRING, &portal_option,
      N_("The public address of the portal for the link (default: the tenant’s --public-url)"),
      N_("URL") },
    { "sendmail", 0, 0, G_OPTION_ARG_FILENAME, &sendmail,
      N_("Also hand the mail to this sendmail-compatible program (run as PATH -t -i)"), N_("PATH") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Invites a responsible member of a family to create an account: writes a mail with a "
      "single-use link, valid 48 hours, to the outbox."));
  g_option_context_set_description (context,
    _("The account’s login is the member’s e-mail. The link is PORTAL/first-connection?token=…; "
      "the token is stored only as a digest. Without --sendmail the mail stays in the outbox "
      "(see the outbox command), where someone must read it and pass it on; with --sendmail it is "
      "also sent, and the outbox then keeps it without its body. Inviting again replaces the "
      "earlier invitation.\n\n"
      "Exit status: 0 when the mail was written, 2 on bad arguments or an unknown member, 1 on "
      "other failures (e.g. the account has a password already, or sendmail failed)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "invite", &argc, &argv, 0, &status))
    return status;

  if ((email == NULL) == (member_id <= 0))
    return fail (EXIT_USAGE, _("Give either --email EMAIL or --member ID"));

  store = open_store (db_path, tenant_id, &settings, &status);
  if (store == NULL)
    return status;

  if (portal_option != NULL)
    {
      portal = normalize_public_url (portal_option);
      if (portal == NULL)
        return fail (EXIT_USAGE, _("The portal address must be an http:// or https:// URL, not “%s”"),
                     portal_option);
    }
  else if (settings->public_url != NULL)
    portal = g_strdup (settings->public_url);
  else
    return fail (EXIT_USAGE,
                 _("The tenant “%s” has no public address for the link: give --portal-url URL, or set it with “%s tenant --public-url URL”"),
                 tenant_id, PROGRAM);

  tz = ef_time_zone_new (settings->time_zone, NULL);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = g_date_time_new_now (tz);
  expires = g_date_time_add_seconds (now, EF_INVITATION_SECONDS);

  account = ef_store_prepare_invitation (store, tenant_id, member_id, email,
                                         g_date_time_to_unix (now), &error);
  if (account == NULL)
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
        return fail (EXIT_USAGE, _("No member of a family of “%s” has this e-mail or id"), tenant_id);
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_FORBIDDEN))
        return fail (EXIT_ERROR, _("This member has an account with a password already: they can use “forgotten password”"));
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
        return fail (EXIT_USAGE, _("Cannot invite this member: %s"), error->message);
      return fail (EXIT_ERROR, _("Cannot prepare the invitation: %s"), error->message);
    }

  family = ef_store_load_family (store, tenant_id, account->family_id, &error);
  member = family ? ef_family_find_member (family, account->member_id) : NULL;
  if (member != NULL)
    first_name = member->first_name;

  token = ef_secret_token_new ();
  digest = ef_secret_token_digest (token);
  if (!ef_store_add_account_token (store, account->id, EF_TOKEN_INVITATION, digest,
                                   g_date_time_to_unix (now), g_date_time_to_unix (expires), &error))
    return fail (EXIT_ERROR, _("Cannot save the invitation: %s"), error->message);

  mail = ef_mail_new_invitation (settings->name, portal, account->email, first_name, token, expires);
  mail_id = ef_store_outbox_add (store, tenant_id, mail->kind, mail->to, mail->subject, mail->body,
                                 g_date_time_to_unix (now), &error);
  if (mail_id == 0)
    return fail (EXIT_ERROR, _("Cannot write the mail to the outbox: %s"), error->message);

  expiry = g_date_time_format (expires, "%Y-%m-%d %H:%M");
  if (sendmail != NULL)
    {
      g_autofree char *message = ef_mail_format_for_tenant (mail, settings, now);
      gboolean sent = ef_mail_send (sendmail, message, &error);

      ef_store_outbox_set_status (store, mail_id, sent ? "sent" : "failed", now_unix (), NULL);
      if (!sent)
        return fail (EXIT_ERROR, _("The invitation is in the outbox, but could not be sent: %s"),
                     error->message);
      printf (_("Invitation sent to %s, valid until %s.\n"), account->email, expiry);
    }
  else
    printf (_("Invitation for %s written to the outbox, valid until %s.\n"), account->email, expiry);

  return EXIT_OK;
}

int
ef_cli_run_outbox (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(GPtrArray) mails = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tenant_id = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database"), N_("FILE") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &tenant_id,
      N_("Only this municipality’s mails (default: all)"), N_("ID") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Lists the mails the server has written (invitations, password resets), oldest first: "
      "recipient, subject and body."));
  g_option_context_set_description (context,
    _("Each mail starts with a line “--- mail ID KIND STATUS DATE”. STATUS is queued (not sent: "
      "no --sendmail), sent (handed to sendmail; the body, which held a single-use link, is no "
      "longer kept) or failed (sendmail failed)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "outbox", &argc, &argv, 0, &status))
    return status;

  if (db_path == NULL)
    return fail (EXIT_USAGE, _("The option --db FILE is required"));
  store = ef_store_open (db_path, &error);
  if (store == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  mails = ef_store_outbox_list (store, tenant_id, &error);
  if (mails == NULL)
    return fail (EXIT_ERROR, _("Cannot read the outbox: %s"), error->message);

  for (guint i = 0; i < mails->len; i++)
    {
      EfOutboxMail *mail = g_ptr_array_index (mails, i);
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (mail->created_at);
      g_autofree char *date = g_date_time_format_iso8601 (created);

      printf ("--- mail %" G_GINT64_FORMAT " %s %s %s\n"
              "Tenant: %s\n"
              "To: %s\n"
              "Subject: %s\n"
              "\n"
              "%s\n",
              mail->id, mail->kind, mail->status, date, mail->tenant_id,
              mail->recipient, mail->subject,
              mail->body ? mail->body : _("(sent: the body is not kept)"));
    }
  return EXIT_OK;
}
