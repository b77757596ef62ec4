/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-accounts.c: the staff's commands for tenants, families,
 * invitations and the mail outbox (tenant, family-import, family-export,
 * family-erase, invite, outbox)
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ef-common.h"
#include "family/ef-family.h"
#include "handlers/ef-auth-handler.h"
#include "mail/ef-mail.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-families.h"
#include "store/ef-store-gdpr.h"
#include "family/ef-family-csv.h"
#include "family/ef-family-export.h"
#include "ef-cli.h"
#include "ef-town.h"
#include "ef-cli-accounts.h"

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

static const EfCliUsage tenant_usage = {
  "tenant", NULL, 0,
  N_("Shows a municipality’s settings for mail and links, changes them, or creates the municipality."),
  N_("Without --public-url, the links in the mails that the server sends point at the server’s "
     "own address (right when it serves on loopback only); `invite` then needs --portal-url."),
};

int
ef_cli_run_tenant (int    argc,
                   char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *public_url = NULL;
  g_autofree char *mail_from = NULL;
  g_autofree char *create_name = NULL;
  g_autofree char *normalized_url = NULL;
  int status;
  const GOptionEntry entries[] = {
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

  if (!ef_cli_parse (&tenant_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (public_url != NULL && *public_url != '\0')
    {
      normalized_url = ef_town_normalize_url (public_url);
      if (normalized_url == NULL)
        return ef_cli_fail (EXIT_USAGE, _("The public address must be an http:// or https:// URL, not “%s”"),
                     public_url);
    }
  if (mail_from != NULL && *mail_from != '\0' && !ef_email_is_valid (mail_from))
    return ef_cli_fail (EXIT_USAGE, _("“%s” is not an e-mail address"), mail_from);

  if (!ef_cli_tenant_open (&cli, FALSE, &status))
    return status;

  cli.settings = ef_store_load_tenant_settings (cli.store, cli.tenant_id, &error);
  if (cli.settings == NULL && create_name != NULL &&
      g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT) &&
      ef_tenant_id_is_valid (cli.tenant_id))
    {
      g_autoptr(EfPortal) portal = ef_portal_new (cli.tenant_id, create_name, "", EF_DEFAULT_TIME_ZONE);

      g_clear_error (&error);
      if (!ef_store_replace_tenant (cli.store, portal, &error))
        return ef_cli_fail (EXIT_ERROR, _("Cannot create the tenant “%s”: %s"), cli.tenant_id, error->message);
      cli.settings = ef_store_load_tenant_settings (cli.store, cli.tenant_id, &error);
    }
  if (cli.settings == NULL)
    return ef_cli_fail_tenant (cli.tenant_id, error);

  if (public_url != NULL || mail_from != NULL)
    {
      if (!ef_store_set_tenant_settings (cli.store, cli.tenant_id,
                                         public_url ? (normalized_url ? normalized_url : "") : NULL,
                                         mail_from, &error))
        return ef_cli_fail (EXIT_ERROR, _("Cannot change the tenant “%s”: %s"), cli.tenant_id, error->message);
      g_clear_pointer (&cli.settings, ef_tenant_settings_free);
      cli.settings = ef_store_load_tenant_settings (cli.store, cli.tenant_id, &error);
      if (cli.settings == NULL)
        return ef_cli_fail (EXIT_ERROR, _("Cannot read the tenant “%s”: %s"), cli.tenant_id, error->message);
    }

  printf ("tenant: %s\nname: %s\npublic_url: %s\nmail_from: %s\n",
          cli.tenant_id, cli.settings->name,
          cli.settings->public_url ? cli.settings->public_url : "",
          cli.settings->mail_from ? cli.settings->mail_from : "");
  return EXIT_OK;
}

/* What family-import was given. */
typedef struct {
  EfStore    *store;
  const char *tenant_id;
  EfDay       today;        /* in the tenant's time zone */
  const char *display;      /* the file's name */
  const char *contents;
  gsize       length;
  gboolean    replace;
  gboolean    dry_run;
} Import;

static int
report_refused_rows (const char  *display,
                     GPtrArray   *problems)
{
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  guint n_rows;

  for (guint i = 0; i < problems->len; i++)
    {
      const EfImportProblem *problem = g_ptr_array_index (problems, i);

      g_hash_table_add (lines, GUINT_TO_POINTER (problem->line));
    }
  n_rows = g_hash_table_size (lines);
  ef_cli_fail (EXIT_USAGE, g_dngettext (GETTEXT_PACKAGE, "“%s”: %u row refused, nothing was written:",
                                 "“%s”: %u rows refused, nothing was written:", n_rows),
        display, n_rows);

  for (guint i = 0; i < problems->len; i++)
    {
      const EfImportProblem *problem = g_ptr_array_index (problems, i);

      if (problem->column != NULL)
        /* Translators: a refused row of a CSV file: its line, the column, what is wrong */
        g_printerr (_("  line %u, %s: %s\n"), problem->line, problem->column, problem->message);
      else
        g_printerr (_("  line %u: %s\n"), problem->line, problem->message);
    }
  return EXIT_USAGE;
}

/* family-import --csv: the town hall's register, all or nothing. */
static int
import_csv (const Import *import)
{
  g_autoptr(GHashTable) references = NULL;
  g_autoptr(GHashTable) emails = NULL;
  g_autoptr(EfFamilyCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *families_text = NULL;
  g_autofree char *members_text = NULL;
  EfFamilyCsvKnown known = { NULL, NULL, import->replace };
  guint n_updated = 0;

  references = ef_store_list_family_references (import->store, import->tenant_id, &error);
  if (references != NULL)
    emails = ef_store_list_member_emails (import->store, import->tenant_id, &error);
  if (emails == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot read the families of “%s”: %s"),
                 import->tenant_id, error->message);
  known.family_references = references;
  known.member_emails = emails;

  csv = ef_family_csv_read (import->contents, import->length, import->today, &known, &error);
  if (csv == NULL)
    return ef_cli_fail (EXIT_USAGE, _("“%s” cannot be read as a register of families: %s"),
                 import->display, error->message);
  if (csv->problems->len > 0)
    return report_refused_rows (import->display, csv->problems);

  for (guint i = 0; i < csv->families->len; i++)
    n_updated += g_hash_table_contains (references,
                                        ((EfFamily *) g_ptr_array_index (csv->families, i))->reference);
  families_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u family", "%u families",
                                                csv->families->len), csv->families->len);
  members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members",
                                               csv->n_members), csv->n_members);

  if (import->dry_run)
    {
      /* Translators: "Checked 2 families with 5 members: …" */
      printf (_("Checked %s with %s: every row is valid; nothing was written (--dry-run).\n"),
              families_text, members_text);
      return EXIT_OK;
    }

  if (!ef_store_save_families (import->store, import->tenant_id, csv->families, import->replace,
                               ef_cli_now_unix (), &error))
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
        return ef_cli_fail (EXIT_USAGE, _("Nothing was written: %s"), error->message);
      return ef_cli_fail (EXIT_ERROR, _("Cannot write the families, nothing was written: %s"), error->message);
    }

  if (n_updated > 0)
    {
      /* Translators: how many of the families written were there already,
       * in "Wrote 3 families (1 updated) with 7 members." */
      g_autofree char *updated_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated",
                                                                    "%u updated", n_updated),
                                                       n_updated);

      /* Translators: "Wrote 3 families (1 updated) with 7 members."; the
       * count is the families' */
      printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%s) with %s.\n", "Wrote %s (%s) with %s.\n",
                           csv->families->len),
              families_text, updated_text, members_text);
    }
  else
    /* Translators: "Created 2 families with 5 members."; the count is the families' */
    printf (g_dngettext (GETTEXT_PACKAGE, "Created %s with %s.\n", "Created %s with %s.\n",
                         csv->families->len),
            families_text, members_text);
  return EXIT_OK;
}

/* family-import FILE.json: one family, printed back as the API shows it. */
static int
import_json (const Import *import)
{
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) details = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) references = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 family_id;

  object = ef_json_parse_object (import->contents, import->length, &error);
  if (object == NULL)
    return ef_cli_fail (EXIT_USAGE, _("“%s” is not a JSON object: %s"), import->display, error->message);

  details = json_array_new ();
  family = ef_family_from_json (object, import->today, details);
  if (family == NULL)
    {
      ef_cli_fail (EXIT_USAGE, _("“%s” is not a valid family:"), import->display);
      print_details (details);
      return EXIT_USAGE;
    }

  if (import->dry_run)
    {
      references = ef_store_list_family_references (import->store, import->tenant_id, &error);
      if (references == NULL)
        return ef_cli_fail (EXIT_ERROR, _("Cannot read the families of “%s”: %s"),
                     import->tenant_id, error->message);
      if (!import->replace && family->reference != NULL &&
          g_hash_table_contains (references, family->reference))
        return ef_cli_fail (EXIT_USAGE,
                     _("A family with the reference “%s” exists already (use --replace to update it)"),
                     family->reference);
      printf (_("The family is valid; nothing was written (--dry-run).\n"));
      return EXIT_OK;
    }

  if (!ef_store_save_family (import->store, import->tenant_id, family, import->replace,
                             ef_cli_now_unix (), &error))
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
        return ef_cli_fail (EXIT_USAGE,
                     _("A family with the reference “%s” exists already (use --replace to update it)"),
                     family->reference);
      return ef_cli_fail (EXIT_ERROR, _("Cannot write the family: %s"), error->message);
    }

  family_id = family->id;
  g_clear_pointer (&family, ef_family_free);
  family = ef_store_load_family (import->store, import->tenant_id, family_id, &error);
  if (family == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot read the family back: %s"), error->message);
  node = ef_family_to_json (family);
  text = ef_json_to_string (node, TRUE);
  printf ("%s\n", text);
  return EXIT_OK;
}

static const EfCliUsage family_import_usage = {
  "family-import", N_("FILE.json | --csv FILE.csv"), 1,
  N_("Creates a family (foyer) with its members and the persons allowed to pick the children up, "
     "from a JSON file, and prints it as the API shows it (with the new ids); or creates every "
     "family of the town hall’s register, from a CSV file with one row per member (--csv)."),
  N_("The JSON file holds one object:\n"
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
     "The CSV file (UTF-8, “;” or “,” between fields, quotes as spreadsheets write them) starts "
     "with a header row naming its columns: famille (the family’s key, the same on each of its "
     "rows), foyer, rôle (responsable, enfant or autre), nom, prénom, naissance (DD/MM/YYYY), "
     "adresse, complément, code_postal, ville, téléphone, téléphone_travail, courriel, caf, "
     "référence; docs/family-import.md describes them. Every row is checked first; if any is "
     "refused, each refused row is listed with its line and why, and nothing is written.\n\n"
     "Exit status: 0 when the families were written (or, with --dry-run, are valid), 2 on bad "
     "arguments or an invalid file, 1 on other failures."),
};

int
ef_cli_run_family_import (int    argc,
                          char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  Import import;
  gboolean replace = FALSE;
  gboolean dry_run = FALSE;
  const char *path;
  gsize length;
  int status;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Import the town hall’s register of families from this CSV file instead (one row per member)"),
      N_("FILE.csv") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Update the family that has the file’s \"reference\" instead of refusing it"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check everything and say what would be written, but write nothing"), NULL },
    { NULL }
  };

  if (!ef_cli_parse (&family_import_usage, &cli, entries, &argc, &argv, &status))
    return status;
  if ((csv_path != NULL) == (argc >= 2))
    return ef_cli_fail (EXIT_USAGE, _("Give the family’s JSON file, or the register with --csv FILE"));

  path = csv_path != NULL ? csv_path : argv[1];
  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &error))
    return ef_cli_fail (EXIT_USAGE, _("Cannot read “%s”: %s"), display, error->message);

  if (!ef_cli_tenant_open (&cli, TRUE, &status))
    return status;

  tz = ef_tenant_settings_dup_time_zone (cli.settings);
  now = g_date_time_new_now (tz);
  import.store = cli.store;
  import.tenant_id = cli.tenant_id;
  import.today = ef_day_from_instant (now, tz);
  import.display = display;
  import.contents = contents;
  import.length = length;
  import.replace = replace;
  import.dry_run = dry_run;
  return csv_path != NULL ? import_csv (&import) : import_json (&import);
}

/* The family of --family ID or --email ADDRESS; 0 after telling why not. */
static gint64
find_family (EfStore     *store,
             const char  *tenant_id,
             gint64       family_id,
             const char  *email,
             int         *status)
{
  g_autoptr(GError) error = NULL;

  if (family_id > 0)
    return family_id;
  family_id = ef_store_find_family_by_email (store, tenant_id, email, &error);
  if (family_id > 0)
    return family_id;
  if (error == NULL)
    *status = ef_cli_fail (EXIT_USAGE, _("No account or member of a family of “%s” has the e-mail “%s”"),
                    tenant_id, email);
  else if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
    *status = ef_cli_fail (EXIT_USAGE, _("Members of several families have the e-mail “%s”: give --family ID"),
                    email);
  else
    *status = ef_cli_fail (EXIT_ERROR, _("Cannot find the family: %s"), error->message);
  return 0;
}

static const EfCliUsage family_export_usage = {
  "family-export", NULL, 0,
  N_("Writes all of a family’s data as one JSON document, what a parent may ask for under the "
     "GDPR (article 15): the family and its members, pick-up persons, accounts, sessions and "
     "connections, enrolments, reservations and their history, invoices with their lines, "
     "payments, and the mails written to the family."),
  N_("Never a password hash, a token, or the body of a mail that holds a single-use link. "
     "docs/gdpr.md describes the document.\n\n"
     "Exit status: 0 when the document was written, 2 on bad arguments or an unknown family, "
     "1 on other failures."),
};

int
ef_cli_run_family_export (int    argc,
                          char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  gint64 family_id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "family", 0, 0, G_OPTION_ARG_INT64, &family_id, N_("The family’s id"), N_("ID") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("Instead of --family: the e-mail of one of its accounts or members"), N_("EMAIL") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the document to this file (readable by its owner only) instead of standard output"),
      N_("FILE") },
    { NULL }
  };

  if (!ef_cli_parse (&family_export_usage, &cli, entries, &argc, &argv, &status))
    return status;
  if ((email == NULL) == (family_id <= 0))
    return ef_cli_fail (EXIT_USAGE, _("Give either --family ID or --email EMAIL"));

  if (!ef_cli_tenant_open (&cli, FALSE, &status))
    return status;
  family_id = find_family (cli.store, cli.tenant_id, family_id, email, &status);
  if (family_id == 0)
    return status;

  now = g_date_time_new_now_utc ();
  document = ef_family_export (cli.store, cli.tenant_id, family_id, now, &error);
  if (document == NULL)
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
        return ef_cli_fail (EXIT_USAGE, _("There is no family %lld in “%s”"),
                     (long long) family_id, cli.tenant_id);
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
        return ef_cli_fail (EXIT_USAGE, _("There is no tenant “%s” in this database"), cli.tenant_id);
      return ef_cli_fail (EXIT_ERROR, _("Cannot read the family: %s"), error->message);
    }

  text = ef_json_to_string (document, TRUE);
  if (output == NULL)
    {
      printf ("%s\n", text);
      return EXIT_OK;
    }
  if (!g_file_set_contents_full (output, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_autofree char *display = g_filename_display_name (output);

      return ef_cli_fail (EXIT_ERROR, _("Cannot write “%s”: %s"), display, error->message);
    }
  return EXIT_OK;
}

/* "Famille Martin" (12): Claire Martin (responsible), …, for the agent to
 * see who is about to be erased. */
static void
print_family (const EfFamily *family)
{
  static const struct {
    const char *role;
    const char *name;
  } roles[] = {
    { "responsible", N_("responsible adult") },
    { "child", N_("child") },
    { "other", N_("other") },
  };

  printf (_("Family %lld: %s\n"), (long long) family->id, family->name);
  for (guint i = 0; i < family->members->len; i++)
    {
      const EfMember *member = g_ptr_array_index (family->members, i);
      const char *role = member->role;

      for (guint j = 0; j < G_N_ELEMENTS (roles); j++)
        if (g_strcmp0 (member->role, roles[j].role) == 0)
          role = _(roles[j].name);
      /* Translators: a member of a family: first name, last name, role */
      printf (_("  %s %s (%s)\n"), member->first_name, member->last_name, role);
    }
}

static void
print_erasure (const EfErasureReport *report)
{
  const struct {
    const char *what;
    guint       count;
  } lines[] = {
    { N_("members renamed, their birth date, address, e-mail and CAF number removed"), report->members },
    { N_("phone numbers removed"), report->phones },
    { N_("persons allowed to pick children up removed"), report->pickup_persons },
    { N_("accounts removed"), report->accounts },
    { N_("sessions removed"), report->sessions },
    { N_("connections removed from the history"), report->connections },
    { N_("mails removed from the outbox"), report->mails },
    { N_("reservation changes that no longer say who made them"), report->reservation_changes },
    { N_("invoice lines renamed (amounts kept)"), report->invoice_lines },
    { N_("online payments without the payer’s e-mail (amounts kept)"), report->online_payments },
    { N_("labels from which names or contact details were cut"), report->labels },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    printf ("  %6u  %s\n", lines[i].count, _(lines[i].what));
}

static const EfCliUsage family_erase_usage = {
  "family-erase", NULL, 0,
  N_("Erases a family’s personal data, as the GDPR’s right to erasure (article 17) asks: its "
     "members become “Enfant 1”, “Responsable 1”…, without birth date, address, phones, e-mail "
     "or CAF number; its pick-up persons, accounts, sessions, connection history and mails go; "
     "its invoices and payments stay, as accounting law requires, with their amounts, numbers, "
     "dates and statuses but without names."),
  N_("Without --yes nothing is changed: the command says what it would erase, and exits with "
     "status 2. With --yes it erases everything in one transaction, then rewrites the database "
     "file and empties its write-ahead log, so that the erased data is not left in either file. "
     "Reservations and enrolments stay (they are what the invoices were made from): bill the "
     "family’s last month before erasing it. A family with an online payment under way is "
     "refused until the payment has ended. docs/gdpr.md tells what is erased and what is kept.\n\n"
     "Exit status: 0 when the family was erased, 2 on bad arguments, an unknown family or "
     "without --yes, 1 on other failures."),
};

int
ef_cli_run_family_erase (int    argc,
                         char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(GError) error = NULL;
  EfErasureReport report;
  gint64 family_id = 0;
  gboolean yes = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "family", 0, 0, G_OPTION_ARG_INT64, &family_id, N_("The family’s id"), N_("ID") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Erase for real; without it, only say what would be erased"), NULL },
    { NULL }
  };

  if (!ef_cli_parse (&family_erase_usage, &cli, entries, &argc, &argv, &status))
    return status;
  if (family_id <= 0)
    return ef_cli_fail (EXIT_USAGE, _("The option --family ID is required"));

  if (!ef_cli_tenant_open (&cli, FALSE, &status))
    return status;
  family = ef_store_load_family (cli.store, cli.tenant_id, family_id, &error);
  if (family == NULL)
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
        return ef_cli_fail (EXIT_USAGE, _("There is no family %lld in “%s”"),
                     (long long) family_id, cli.tenant_id);
      return ef_cli_fail (EXIT_ERROR, _("Cannot read the family: %s"), error->message);
    }

  if (!ef_store_erase_family (cli.store, cli.tenant_id, family_id, ef_cli_now_unix (), !yes, &report, &error))
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_PAYMENT_IN_PROGRESS))
        return ef_cli_fail (EXIT_ERROR,
                     _("The family has an online payment under way: nothing was erased; try again once it has ended"));
      return ef_cli_fail (EXIT_ERROR, _("Cannot erase the family, nothing was erased: %s"), error->message);
    }

  print_family (family);
  if (!yes)
    {
      printf ("%s\n", _("Erasing it would change:"));
      print_erasure (&report);
      return ef_cli_fail (EXIT_USAGE, _("Nothing was erased: run again with --yes to erase this family"));
    }

  printf ("%s\n", _("Erased:"));
  print_erasure (&report);
  if (!ef_store_compact (cli.store, &error))
    return ef_cli_fail (EXIT_ERROR,
                 _("The family was erased, but the database file could not be rewritten, so old copies of its data may remain in it: %s. Run the same command again when the server is idle."),
                 error->message);
  return EXIT_OK;
}

static const EfCliUsage invite_usage = {
  "invite", NULL, 0,
  N_("Invites a responsible member of a family to create an account: writes a mail with a "
     "single-use link, valid 48 hours, to the outbox."),
  N_("The account’s login is the member’s e-mail. The link is PORTAL/first-connection?token=…; "
     "the token is stored only as a digest. Without --sendmail the mail stays in the outbox "
     "(see the outbox command), where someone must read it and pass it on; with --sendmail it is "
     "also sent, and the outbox then keeps it without its body. Inviting again replaces the "
     "earlier invitation.\n\n"
     "Exit status: 0 when the mail was written, 2 on bad arguments or an unknown member, 1 on "
     "other failures (e.g. the account has a password already, or sendmail failed)."),
};

int
ef_cli_run_invite (int    argc,
                   char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(EfFamily) family = NULL;
  g_autoptr(EfMail) mail = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *portal_option = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *sendmail = NULL;
  g_autofree char *token = NULL;
  gint64 member_id = 0;
  const char *first_name = "";
  EfMember *member;
  int status;
  const GOptionEntry entries[] = {
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

  if (!ef_cli_parse (&invite_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if ((email == NULL) == (member_id <= 0))
    return ef_cli_fail (EXIT_USAGE, _("Give either --email EMAIL or --member ID"));

  if (!ef_cli_tenant_open (&cli, TRUE, &status))
    return status;

  portal = ef_cli_portal_url (portal_option, cli.settings, cli.tenant_id, &status);
  if (portal == NULL)
    return status;

  tz = ef_tenant_settings_dup_time_zone (cli.settings);
  now = g_date_time_new_now (tz);
  expires = g_date_time_add_seconds (now, EF_INVITATION_SECONDS);

  account = ef_store_prepare_invitation (cli.store, cli.tenant_id, member_id, email,
                                         g_date_time_to_unix (now), &error);
  if (account == NULL)
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
        return ef_cli_fail (EXIT_USAGE, _("No member of a family of “%s” has this e-mail or id"), cli.tenant_id);
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_FORBIDDEN))
        return ef_cli_fail (EXIT_ERROR, _("This member has an account with a password already: they can use “forgotten password”"));
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
        return ef_cli_fail (EXIT_USAGE, _("Cannot invite this member: %s"), error->message);
      return ef_cli_fail (EXIT_ERROR, _("Cannot prepare the invitation: %s"), error->message);
    }

  family = ef_store_load_family (cli.store, cli.tenant_id, account->family_id, &error);
  member = family ? ef_family_find_member (family, account->member_id) : NULL;
  if (member != NULL)
    first_name = member->first_name;

  token = ef_cli_save_invitation (cli.store, account->id, now, expires, &status);
  if (token == NULL)
    return status;
  mail = ef_mail_new_invitation (cli.settings->name, portal, account->email, first_name, token, expires);
  return ef_cli_deliver_invitation (cli.store, cli.tenant_id, cli.settings, mail, now, expires, sendmail);
}

static const EfCliUsage outbox_usage = {
  "outbox", NULL, 0,
  N_("Lists the mails the server has written (invitations, password resets), oldest first: "
     "recipient, subject and body."),
  N_("Each mail starts with a line “--- mail ID KIND STATUS DATE”. STATUS is queued (not sent: "
     "no --sendmail), sent (handed to sendmail; the body, which held a single-use link, is no "
     "longer kept) or failed (sendmail failed)."),
};

int
ef_cli_run_outbox (int    argc,
                   char **argv)
{
  g_autoptr(EfStore) store = NULL;
  g_autoptr(GPtrArray) mails = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tenant_id = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The database: a SQLite file or a postgresql:// connection string"), N_("FILE") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &tenant_id,
      N_("Only this municipality’s mails (default: all)"), N_("ID") },
    { NULL }
  };

  if (!ef_cli_parse (&outbox_usage, NULL, entries, &argc, &argv, &status))
    return status;

  store = ef_cli_open_store (db_path, &status);
  if (store == NULL)
    return status;

  mails = ef_store_outbox_list (store, tenant_id, &error);
  if (mails == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot read the outbox: %s"), error->message);

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
