/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-configure.c: the `configure` command: a town's own settings,
 * applied from a settings file or written to one
 *
 * The file is checked whole before anything is read from the database;
 * then, in one write transaction, what it would change is compared with
 * what is there (and what may not be lost is checked), printed, and
 * applied unless it is a dry run.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "store/ef-store-planning.h"
#include "ef-cli.h"
#include "ef-cli-configure.h"
#include "ef-town.h"

static void
print_mistakes (const char *display,
                GPtrArray  *mistakes)
{
  for (guint i = 0; i < mistakes->len; i++)
    {
      const EfTownMistake *mistake = g_ptr_array_index (mistakes, i);

      /* As compilers do, so that editors can jump to the line. */
      if (mistake->line > 0)
        g_printerr ("%s:%u: %s\n", display, mistake->line, mistake->message);
      else
        g_printerr ("%s: %s\n", display, mistake->message);
    }
  ef_cli_fail (EXIT_USAGE,
        g_dngettext (GETTEXT_PACKAGE,
                     "%u mistake in %s: nothing was changed",
                     "%u mistakes in %s: nothing was changed",
                     mistakes->len),
        mistakes->len, display);
}

static int
export_settings (EfStore    *store,
                 const char *tenant_id,
                 const char *path)
{
  g_autoptr(EfTown) town = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  town = ef_store_load_town (store, tenant_id, &error);
  if (town == NULL)
    return ef_cli_fail_tenant (tenant_id, error);

  text = ef_town_to_key_file (town, tenant_id);
  if (path == NULL || g_str_equal (path, "-"))
    {
      fputs (text, stdout);
      return fflush (stdout) == 0 ? EXIT_OK : EXIT_ERROR;
    }

  if (!g_file_set_contents (path, text, -1, &error))
    return ef_cli_fail (EXIT_ERROR, "%s", error->message);
  {
    g_autofree char *display = g_filename_display_name (path);

    printf (_("Wrote the settings of the municipality %s to %s\n"), tenant_id, display);
  }
  return EXIT_OK;
}

static int
apply_settings (EfStore    *store,
                const char *tenant_id,
                EfTownFile *file,
                const char *display,
                gboolean    dry_run)
{
  g_autoptr(GPtrArray) mistakes = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_town_mistake_free);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(EfTown) current = NULL;
  g_autoptr(GError) error = NULL;

  /* Checked, compared and applied in one transaction: what was checked
   * is what is changed. */
  if (!ef_store_begin_write (store, &error))
    return ef_cli_fail (EXIT_ERROR, _("Cannot apply the settings: %s"), error->message);

  current = ef_store_load_town (store, tenant_id, &error);
  if (current == NULL && !g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
    goto failed;
  g_clear_error (&error);

  if (!ef_town_file_check_history (file, store, tenant_id, current, mistakes, &error))
    goto failed;
  if (mistakes->len > 0)
    {
      ef_store_rollback_write (store);
      print_mistakes (display, mistakes);
      return EXIT_USAGE;
    }

  changes = ef_town_diff (current, ef_town_file_get_town (file));
  if (changes->len == 0)
    {
      ef_store_rollback_write (store);
      printf (_("No change: the municipality %s already has these settings\n"), tenant_id);
      return EXIT_OK;
    }

  for (guint i = 0; i < changes->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (changes, i));

  if (dry_run)
    {
      ef_store_rollback_write (store);
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "Dry run: %u change, nothing was changed\n",
                           "Dry run: %u changes, nothing was changed\n",
                           changes->len),
              changes->len);
      return EXIT_OK;
    }

  if (!ef_store_apply_town (store, tenant_id, ef_town_file_get_town (file), &error) ||
      !ef_store_commit_write (store, &error))
    goto failed;

  printf (g_dngettext (GETTEXT_PACKAGE,
                       "Applied %u change to the municipality %s\n",
                       "Applied %u changes to the municipality %s\n",
                       changes->len),
          changes->len, tenant_id);
  return EXIT_OK;

failed:
  ef_store_rollback_write (store);
  return ef_cli_fail (EXIT_ERROR, _("Cannot apply the settings: %s"), error->message);
}

static const EfCliUsage configure_usage = {
  "configure", N_("FILE"), 1,
  N_("Applies a municipality’s own settings from FILE, a settings file (GKeyFile format): the "
     "municipality, its deadline rule, its invoices, its school years, extra closed days, "
     "services, sites and activities with their prices. The municipality is created if it does "
     "not exist.\n\n"
     "The whole file is checked first and every mistake is listed with its line; then what "
     "changes is printed, and applied in one transaction. Applying the same file again changes "
     "nothing. With --export, writes the current settings, which configure reads back unchanged."),
  N_("What has a history is never deleted: an activity with enrolments, reservations or "
     "invoices stays in the file, closed with “closed-from”; a price of a month already "
     "invoiced does not change. The format is described in docs/town-settings.md.\n\n"
     "Exit status: 0 when the settings are applied (or nothing changes, or were written), 2 on "
     "bad arguments or a file with mistakes (nothing was changed), 1 on other failures."),
};

int
ef_cli_run_configure (int    argc,
                      char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autoptr(EfTownFile) file = NULL;
  g_autoptr(GPtrArray) mistakes = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_town_mistake_free);
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gboolean dry_run = FALSE;
  gboolean export = FALSE;
  gsize length;
  int status;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print what would change, and change nothing"), NULL },
    { "export", 0, 0, G_OPTION_ARG_NONE, &export,
      N_("Write the municipality’s current settings, in the same format, to FILE (default: standard output)"),
      NULL },
    { NULL }
  };

  if (!ef_cli_parse (&configure_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (cli.db_path == NULL || cli.tenant_id == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The options --db FILE and --tenant ID are required"));
  if (!ef_tenant_id_is_valid (cli.tenant_id))
    return ef_cli_fail (EXIT_USAGE, _("“%s” is not a tenant id: 1 to 32 letters and digits"), cli.tenant_id);
  if (export && dry_run)
    return ef_cli_fail (EXIT_USAGE, _("The options --export and --dry-run do not go together"));
  if (!export && argc < 2)
    return ef_cli_fail (EXIT_USAGE, _("Give the settings FILE to apply, or --export"));

  /* The file is read and checked before the database is opened. */
  if (!export)
    {
      display = g_filename_display_name (argv[1]);
      if (!g_file_get_contents (argv[1], &contents, &length, &error))
        return ef_cli_fail (EXIT_USAGE, _("Cannot read “%s”: %s"), display, error->message);
      file = ef_town_file_parse (contents, length, mistakes);
      if (file == NULL)
        {
          print_mistakes (display, mistakes);
          return EXIT_USAGE;
        }
    }

  store = ef_cli_open_store (cli.db_path, &status);
  if (store == NULL)
    return status;

  if (export)
    return export_settings (store, cli.tenant_id, argc > 1 ? argv[1] : NULL);
  return apply_settings (store, cli.tenant_id, file, display, dry_run);
}
