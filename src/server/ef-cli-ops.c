/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-ops.c: the operators' commands: backup, restore, check */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "store/ef-store-maintenance.h"
#include "ef-cli.h"
#include "ef-cli-ops.h"

/* The exit status for an error of ef_store_backup_file() or
 * ef_store_restore_file(). */
static int
status_for (const GError *error)
{
  if (error->domain == EF_STORE_ERROR &&
      (error->code == EF_STORE_ERROR_OPEN || error->code == EF_STORE_ERROR_NOT_DATABASE ||
       error->code == EF_STORE_ERROR_TOO_NEW))
    return EXIT_USAGE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return EXIT_USAGE;
  return EXIT_ERROR;
}

static const EfCliUsage backup_usage = {
  "backup", NULL, 0,
  N_("Copies the database into a backup file, consistent even while the server serves: the copy "
     "is of one instant and the server is never blocked."),
  N_("The copy is written beside the backup file, checked (SQLite’s integrity check) and only "
     "then renamed into place: the backup file is never half-written. It is one file, readable "
     "by its owner only. “restore” puts it back.\n\n"
     "Exit status: 0 when the backup is written, 2 on bad arguments or a database that cannot "
     "be used, 1 on other failures (the backup file exists, the disk is full…)."),
};

int
ef_cli_run_backup (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *to_path = NULL;
  g_autofree char *size = NULL;
  g_autofree char *db_display = NULL;
  g_autofree char *to_display = NULL;
  EfStoreFileInfo info = { 0 };
  gboolean force = FALSE;
  gint64 started;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_path, N_("The backup file to write"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the backup file if it exists"), NULL },
    { NULL }
  };

  if (!ef_cli_parse (&backup_usage, NULL, entries, &argc, &argv, &status))
    return status;

  if (db_path == NULL || to_path == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The options --db FILE and --to FILE are required"));

  to_display = g_filename_display_name (to_path);
  started = g_get_monotonic_time ();
  if (!ef_store_backup_file (db_path, to_path, force, &info, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return ef_cli_fail (EXIT_ERROR, _("The backup file “%s” exists: add --force to replace it"), to_display);
      return ef_cli_fail (status_for (error), "%s", error->message);
    }

  db_display = ef_store_display_location (db_path);
  size = g_format_size (info.size);
  /* TRANSLATORS: the first %s is the database, the second the backup file,
   * then its size ("1.2 MB"), its schema version and seconds. */
  printf (_("Backed up “%s” to “%s”: %s, schema version %u, in %.1f s\n"),
          db_display, to_display, size, info.schema_version,
          (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return EXIT_OK;
}

static const EfCliUsage restore_usage = {
  "restore", NULL, 0,
  N_("Puts a backup back in place of the database, once the backup passed SQLite’s integrity check."),
  N_("Stop the server first: the command refuses while a server serves the database or another "
     "program has it open. The database it replaces is kept as FILE.before-restore, and the "
     "restored one takes its owner and permissions. Run “check” on it before starting the server "
     "again; the server upgrades an older schema when it starts.\n\n"
     "Exit status: 0 when the database is restored, 2 on bad arguments or a backup that cannot "
     "be used, 1 on other failures (a server is running, the database exists without --force…)."),
};

int
ef_cli_run_restore (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *from_path = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *size = NULL;
  g_autofree char *db_display = NULL;
  g_autofree char *from_display = NULL;
  EfStoreFileInfo info = { 0 };
  gboolean force = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database to replace"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_path, N_("The backup file, written by “backup”"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the database if it exists"), NULL },
    { NULL }
  };

  if (!ef_cli_parse (&restore_usage, NULL, entries, &argc, &argv, &status))
    return status;

  if (db_path == NULL || from_path == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The options --db FILE and --from FILE are required"));

  db_display = ef_store_display_location (db_path);
  if (!ef_store_restore_file (db_path, from_path, force, &kept, &info, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return ef_cli_fail (EXIT_ERROR, _("The database “%s” exists: add --force to replace it (it is then kept as “%s.before-restore”)"),
                     db_display, db_display);
      return ef_cli_fail (status_for (error), "%s", error->message);
    }

  from_display = g_filename_display_name (from_path);
  size = g_format_size (info.size);
  printf (_("Restored “%s” from “%s”: %s, schema version %u\n"),
          db_display, from_display, size, info.schema_version);
  if (kept != NULL)
    {
      g_autofree char *kept_display = g_filename_display_name (kept);

      printf (_("The database it replaced is kept as “%s”.\n"), kept_display);
    }
  return EXIT_OK;
}

static const EfCliUsage check_usage = {
  "check", NULL, 0,
  N_("Checks a database without changing it, while the server serves or not: SQLite’s integrity "
     "check, its schema version against this program’s, and rows that point at nothing or at "
     "another family’s or municipality’s rows."),
  N_("Each problem found is one line beginning with “Problem:”.\n\n"
     "Exit status: 0 when the database is healthy, 1 when problems were found, 2 on bad "
     "arguments or a file that cannot be checked (missing, not a database of this program, "
     "or written by a newer version)."),
};

int
ef_cli_run_check (int    argc,
                  char **argv)
{
  g_autoptr(EfStoreCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *db_display = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database"), N_("FILE") },
    { NULL }
  };

  if (!ef_cli_parse (&check_usage, NULL, entries, &argc, &argv, &status))
    return status;

  if (db_path == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The option --db FILE is required"));

  check = ef_store_check_file (db_path, &error);
  if (check == NULL)
    return ef_cli_fail (EXIT_USAGE, "%s", error->message);

  db_display = ef_store_display_location (db_path);
  printf (_("Database: %s\n"), db_display);
  printf (_("Schema version: %u (this espace-famille-server knows versions up to %u)\n"),
          check->schema_version, check->latest_version);
  if (check->schema_version < check->latest_version)
    printf (_("The server upgrades it to version %u when it next starts (back it up first).\n"),
            check->latest_version);

  for (guint i = 0; i < check->problems->len; i++)
    printf (_("Problem: %s\n"), (const char *) g_ptr_array_index (check->problems, i));

  if (check->problems->len == 0)
    {
      printf (_("The database is healthy.\n"));
      return EXIT_OK;
    }
  printf (ngettext ("%u problem found.\n", "%u problems found.\n", check->problems->len),
          check->problems->len);
  return EXIT_ERROR;
}
