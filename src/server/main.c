/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the espace-famille-server command line */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <sodium.h>

#include "ef-i18n.h"
#include "http/ef-listen-address.h"
#include "ef-cli-accounts.h"
#include "ef-cli-billing.h"
#include "ef-cli-configure.h"
#include "ef-cli-ops.h"
#include "ef-cli-payfip.h"
#include "ef-cli-planning.h"
#include "ef-cli-staff.h"
#include "ef-demo.h"
#include "ef-log.h"
#include "ef-server.h"
#include "store/ef-store-maintenance.h"

#define PROGRAM "espace-famille-server"
#define DEFAULT_LISTEN "127.0.0.1:8080"
/* How long a stop waits for the requests in progress, in seconds. */
#define DEFAULT_STOP_TIMEOUT 10

/* Exit statuses, documented in --help. */
enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,     /* anything else that went wrong */
  EXIT_USAGE = 2,     /* bad arguments, or a database that cannot be used */
};

typedef int (*CommandFunc) (int argc, char **argv);

static int run_serve  (int argc, char **argv);
static int run_demo   (int argc, char **argv);
static int run_routes (int argc, char **argv);

static const struct {
  const char  *name;
  CommandFunc  run;
  const char  *summary;
} commands[] = {
  { "serve", run_serve, N_("Serve the HTTP/JSON API") },
  { "demo", run_demo, N_("Create or reset the demo municipality (Ville de Billère, 7249)") },
  { "routes", run_routes, N_("List the API routes, one “METHOD /path” per line") },
  { "configure", ef_cli_run_configure,
    N_("Apply a municipality’s own settings from a file (services, activities, prices…), or --export them") },
  { "activities", ef_cli_run_activities, N_("List a municipality’s activities") },
  { "enrol", ef_cli_run_enrol, N_("Enrol a family member in an activity for a range of days") },
  { "import-calendar", ef_cli_run_import_calendar,
    N_("Import the school holidays of a zone from the official calendar (JSON or CSV)") },
  { "tenant", ef_cli_run_tenant,
    N_("Show or change a municipality’s portal address and mail sender, or create it") },
  { "family-import", ef_cli_run_family_import,
    N_("Create a family from a JSON file, or every family of a register in CSV (--csv)") },
  { "family-export", ef_cli_run_family_export,
    N_("Write all of a family’s data as one JSON document (GDPR right of access)") },
  { "family-erase", ef_cli_run_family_erase,
    N_("Erase a family’s personal data, keeping its invoices and payments without names (GDPR)") },
  { "invite", ef_cli_run_invite,
    N_("Invite a family’s responsible adult to create an account (mail to the outbox)") },
  { "staff", ef_cli_run_staff,
    N_("Invite the town hall’s agents with their roles, list or remove them") },
  { "outbox", ef_cli_run_outbox,
    N_("List the mails the server has written: invitations, password resets") },
  { "payfip", ef_cli_run_payfip,
    N_("Show or change a municipality’s online card payment settings (PayFiP)") },
  { "bill", ef_cli_run_bill,
    N_("Invoice every family for the reserved days of a month (mails to the outbox)") },
  { "pay", ef_cli_run_pay,
    N_("Record a payment received at the town hall (cash, cheque, transfer, direct debit)") },
  { "payments", ef_cli_run_payments,
    N_("List the online payments the town must refund, or mark one reconciled") },
  { "backup", ef_cli_run_backup,
    N_("Copy the database into a backup file, even while the server serves") },
  { "restore", ef_cli_run_restore,
    N_("Put a backup back in place of the database (server stopped)") },
  { "check", ef_cli_run_check,
    N_("Check a database: integrity, schema version, orphan rows") },
};

/* One line on stderr, prefixed with the program (and command) name. */
G_GNUC_PRINTF (3, 4)
static int
fail (int         status,
      const char *command,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    g_printerr ("%s %s: %s\n", PROGRAM, command, message);
  else
    g_printerr ("%s: %s\n", PROGRAM, message);
  return status;
}

static void
print_usage (FILE *stream)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  %s %s\n\n%s\n\n%s\n",
                          _("Usage:"), PROGRAM, _("COMMAND [OPTION…]"),
                          _("The reference server of Espace Famille: the HTTP/JSON API with which parents reserve school meals."),
                          _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_printf (text, "\n%s\n  -h, --help     %s\n  --version      %s\n\n",
                          _("Options:"), _("Show this help"), _("Show the version"));
  g_string_append_printf (text, _("Run “%s COMMAND --help” to see the options of a command."), PROGRAM);
  g_string_append_c (text, '\n');

  fputs (text->str, stream);
}

/* Parses a command's options; argv[0] is the command's name. */
static gboolean
parse_options (GOptionContext   *context,
               const char       *command,
               int              *argc,
               char           ***argv,
               int              *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM, command);

  /* So that --help shows "Usage: espace-famille-server serve [OPTION…]". */
  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = fail (EXIT_USAGE, command, _("%s (run “%s %s --help” to see the options)"),
                      error->message, PROGRAM, command);
      return FALSE;
    }
  if (*argc > 1)
    {
      *status = fail (EXIT_USAGE, command, _("Unexpected argument “%s” (run “%s %s --help” to see the options)"),
                      (*argv)[1], PROGRAM, command);
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_quit_signal_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

static int
run_serve (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(EfServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *url = NULL;
  gboolean allow_remote = FALSE;
  gboolean test_clock = FALSE;
  g_autofree char *sendmail = NULL;
  int stop_timeout = DEFAULT_STOP_TIMEOUT;
  int lock_fd;
  EfStore *store;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The SQLite database (created if missing)"), N_("FILE") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("Where to listen: IPV4:PORT, [IPV6]:PORT or localhost:PORT; port 0 takes any free port (default 127.0.0.1:8080)"),
      N_("HOST:PORT") },
    { "allow-remote", 0, 0, G_OPTION_ARG_NONE, &allow_remote,
      N_("Also listen on a non-loopback address (plain HTTP: put a TLS reverse proxy in front)"), NULL },
    { "sendmail", 0, 0, G_OPTION_ARG_FILENAME, &sendmail,
      N_("Also hand the mails the server writes (password resets) to this sendmail-compatible program, run as PATH -t -i; without it they stay in the outbox"),
      N_("PATH") },
    { "test-clock", 0, 0, G_OPTION_ARG_NONE, &test_clock,
      N_("For tests: let PUT /{tenant}/api/v1/_test/clock set the server’s clock (loopback only)"), NULL },
    { "stop-timeout", 0, 0, G_OPTION_ARG_INT, &stop_timeout,
      N_("On SIGTERM or SIGINT, how long to let the requests in progress finish (default 10)"),
      N_("SECONDS") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Serves the Espace Famille HTTP/JSON API."));
  g_option_context_set_description (context,
    _("The server speaks plain HTTP, which is safe on the loopback interface only: it refuses other "
      "addresses unless --allow-remote is given, and then warns. Once it listens, it prints one line "
      "“LISTENING URL” on standard output; logs go to standard error, or to the journal under "
      "systemd, one line per request with the fields EF_TENANT, EF_METHOD, EF_ROUTE, EF_STATUS and "
      "EF_DURATION_MS. SIGTERM and SIGINT stop it cleanly: it refuses new connections, lets the "
      "requests in progress finish (--stop-timeout), then closes the database. GET /healthz answers "
      "whether it can read its database.\n\n"
      "Exit status: 0 after a clean stop, 2 on bad arguments or a database that cannot be used "
      "(missing folder, not a database, written by a newer version), 1 on other failures (such as "
      "a restore of the database in progress)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "serve", &argc, &argv, &status))
    return status;

  if (db_path == NULL)
    return fail (EXIT_USAGE, "serve", _("The option --db FILE is required"));
  if (stop_timeout < 0 || stop_timeout > 3600)
    return fail (EXIT_USAGE, "serve", _("The option --stop-timeout takes 0 to 3600 seconds"));

  address = ef_listen_address_parse (listen ? listen : DEFAULT_LISTEN, &error);
  if (address == NULL)
    return fail (EXIT_USAGE, NULL, "%s", error->message);

  if (test_clock && !ef_listen_address_is_loopback (address))
    return fail (EXIT_USAGE, NULL,
                 _("Refusing --test-clock on the non-loopback address “%s”: anyone could change the server’s clock"),
                 listen ? listen : DEFAULT_LISTEN);

  if (!ef_listen_address_is_loopback (address))
    {
      if (!allow_remote)
        return fail (EXIT_USAGE, NULL,
                     _("Refusing to serve plain HTTP on the non-loopback address “%s”: use a loopback address, or --allow-remote behind a TLS reverse proxy"),
                     listen ? listen : DEFAULT_LISTEN);
      g_printerr ("%s: %s\n", PROGRAM,
                  _("Warning: serving plain HTTP on a non-loopback address; passwords and data cross the network unencrypted unless a TLS reverse proxy is in front"));
    }

  /* Held until exit: `restore` refuses to replace a database in use. */
  lock_fd = ef_store_lock_shared (db_path, &error);
  if (lock_fd == -1)
    return fail (EXIT_ERROR, NULL, "%s", error->message);

  store = ef_store_open (db_path, &error);
  if (store == NULL)
    {
      if (lock_fd >= 0)
        close (lock_fd);
      return fail (EXIT_USAGE, NULL, "%s", error->message);
    }
  if (lock_fd == -2)
    lock_fd = ef_store_lock_shared (db_path, NULL);

  ef_log_install_writer ();
  server = ef_server_new (store);
  if (test_clock)
    ef_server_enable_test_clock (server);
  ef_server_set_sendmail (server, sendmail);
  if (!ef_server_listen (server, address, &error))
    {
      ef_server_shutdown (server);
      if (lock_fd >= 0)
        close (lock_fd);
      return fail (EXIT_ERROR, NULL, _("Cannot listen on “%s”: %s"),
                   listen ? listen : DEFAULT_LISTEN, error->message);
    }

  /* The signal sources stay until exit: a second signal during shutdown
   * is then ignored instead of killing the process half-way. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add_full (G_PRIORITY_DEFAULT, SIGTERM, on_quit_signal_cb,
                          g_main_loop_ref (loop), (GDestroyNotify) g_main_loop_unref);
  g_unix_signal_add_full (G_PRIORITY_DEFAULT, SIGINT, on_quit_signal_cb,
                          g_main_loop_ref (loop), (GDestroyNotify) g_main_loop_unref);

  url = ef_server_dup_url (server);
  printf ("LISTENING %s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);

  /* Requests in progress finish; a second signal meanwhile changes
   * nothing. The database is closed before its lock is released. */
  ef_server_stop (server, (guint) stop_timeout * 1000);
  if (lock_fd >= 0)
    close (lock_fd);
  g_debug ("Stopped cleanly");
  return EXIT_OK;
}

static int
run_demo (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autofree char *db_path = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The SQLite database (created if missing)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Creates the demo municipality “Ville de Billère” (tenant 7249), or resets it to "
      "the demo data. Running it again changes nothing."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "demo", &argc, &argv, &status))
    return status;

  if (db_path == NULL)
    return fail (EXIT_USAGE, "demo", _("The option --db FILE is required"));

  store = ef_store_open (db_path, &error);
  if (store == NULL)
    return fail (EXIT_USAGE, NULL, "%s", error->message);

  if (!ef_demo_populate (store, &error))
    {
      g_autofree char *display = g_filename_display_name (db_path);

      return fail (EXIT_ERROR, NULL, _("Cannot write the demo data into “%s”: %s"),
                   display, error->message);
    }

  /* So that a newcomer can sign in at once: the demo's password is public. */
  printf (_("Demo account: %s / %s\n"), EF_DEMO_ACCOUNT_EMAIL, EF_DEMO_ACCOUNT_PASSWORD);
  printf (_("Demo staff account: %s / %s\n"), EF_DEMO_STAFF_EMAIL, EF_DEMO_STAFF_PASSWORD);
  return EXIT_OK;
}

static int
run_routes (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EfRouter) router = ef_router_new ();
  g_auto(GStrv) lines = NULL;
  int status;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Prints the routes of the API, one “METHOD /path/template” per line, as docs/openapi.yaml "
      "must document them."));
  if (!parse_options (context, "routes", &argc, &argv, &status))
    return status;

  ef_server_install_routes (router, NULL);
  lines = ef_router_dup_route_lines (router);
  for (guint i = 0; lines[i] != NULL; i++)
    printf ("%s\n", lines[i]);

  return EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  ef_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PROGRAM);

  /* Writing to a client that went away must not kill the server. */
  signal (SIGPIPE, SIG_IGN);

  /* Passwords will be hashed with libsodium: fail early if it cannot work. */
  if (sodium_init () < 0)
    return fail (EXIT_ERROR, NULL, _("Cannot initialise libsodium"));

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "-?"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (command, "--version"))
    {
      printf ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (command, commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  if (command[0] == '-')
    fail (EXIT_USAGE, NULL, _("Unknown option “%s”"), command);
  else
    fail (EXIT_USAGE, NULL, _("Unknown command “%s”"), command);
  g_printerr (_("Run “%s --help” to see the commands.\n"), PROGRAM);
  return EXIT_USAGE;
}
