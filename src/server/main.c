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
#include "ef-cli.h"
#include "ef-cli-accounts.h"
#include "ef-cli-billing.h"
#include "ef-cli-configure.h"
#include "ef-cli-ops.h"
#include "ef-cli-payfip.h"
#include "ef-cli-planning.h"
#include "ef-cli-staff.h"
#include "ef-cli-remind.h"
#include "ef-demo.h"
#include "ef-log.h"
#include "ef-server.h"
#include "store/ef-store-maintenance.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"
/* How long a stop waits for the requests in progress, in seconds. */
#define DEFAULT_STOP_TIMEOUT 10
/* serve --db-connections: the default on PostgreSQL, and the most. */
#define DEFAULT_DB_CONNECTIONS 4
#define MAX_DB_CONNECTIONS 64

/* serve --workers: at most this many processes. */
#define MAX_WORKERS 64

/* serve --planning-cache: MiB of plannings kept for their next request. */
#define DEFAULT_PLANNING_CACHE_MIB 16
#define MAX_PLANNING_CACHE_MIB 4096

static int run_serve  (int argc, char **argv);
static int run_demo   (int argc, char **argv);
static int run_routes (int argc, char **argv);

static const EfCliCommand commands[] = {
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
  { "remind", ef_cli_run_remind,
    N_("Write the reminders by e-mail that parents asked for (deadlines, invoices due) to the outbox") },
};

static gboolean
on_quit_signal_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

static const EfCliUsage serve_usage = {
  "serve", NULL, 0,
  N_("Serves the Espace Famille HTTP/JSON API."),
  N_("The server speaks plain HTTP, which is safe on the loopback interface only: it refuses other "
     "addresses unless --allow-remote is given, and then warns. Once it listens, it prints one line "
     "“LISTENING URL” on standard output; logs go to standard error, or to the journal under "
     "systemd, one line per request with the fields EF_TENANT, EF_METHOD, EF_ROUTE, EF_STATUS and "
     "EF_DURATION_MS. SIGTERM and SIGINT stop it cleanly: it refuses new connections, lets the "
     "requests in progress finish (--stop-timeout), then closes the database. GET /healthz answers "
     "whether it can read its database.\n\n"
     "Exit status: 0 after a clean stop, 2 on bad arguments or a database that cannot be used "
     "(missing folder, not a database, written by a newer version), 1 on other failures (such as "
     "a restore of the database in progress)."),
};

static int
run_serve (int    argc,
           char **argv)
{
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
  int n_workers = 1;
  int n_connections = -1;
  int planning_cache_mib = DEFAULT_PLANNING_CACHE_MIB;
  g_autoptr(EfServerWorkers) workers = NULL;
  g_autoptr(GSocket) worker_socket = NULL;
  int lock_fd;
  EfStore *store;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The database: a SQLite file (created if missing) or a postgresql:// connection string"),
      N_("FILE") },
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
    { "workers", 0, 0, G_OPTION_ARG_INT, &n_workers,
      N_("Serve with this many processes on the same port, each with its own database connection (default 1; at most one per processor is useful)"),
      N_("N") },
    { "db-connections", 0, 0, G_OPTION_ARG_INT, &n_connections,
      N_("PostgreSQL: each process works out plannings and reservation batches in threads with up to this many connections of their own, so that a slow query does not hold up other requests (default 4; 0 does that work in the main loop)"),
      N_("N") },
    { "planning-cache", 0, 0, G_OPTION_ARG_INT, &planning_cache_mib,
      N_("How much memory each process may keep plannings in for their next request, in MiB (default 16; 0 writes every planning anew)"),
      N_("MIB") },
    { NULL }
  };

  if (!ef_cli_parse (&serve_usage, NULL, entries, &argc, &argv, &status))
    return status;

  if (db_path == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The option --db FILE is required"));
  if (stop_timeout < 0 || stop_timeout > 3600)
    return ef_cli_fail (EXIT_USAGE, _("The option --stop-timeout takes 0 to 3600 seconds"));
  if (n_workers < 1 || n_workers > MAX_WORKERS)
    return ef_cli_fail (EXIT_USAGE, _("The option --workers takes 1 to %d processes"), MAX_WORKERS);
  if (planning_cache_mib < 0 || planning_cache_mib > MAX_PLANNING_CACHE_MIB)
    return ef_cli_fail (EXIT_USAGE, _("The option --planning-cache takes 0 to %d MiB"),
                        MAX_PLANNING_CACHE_MIB);
  if (n_connections > MAX_DB_CONNECTIONS)
    return ef_cli_fail (EXIT_USAGE, _("The option --db-connections takes 0 to %d connections"),
                        MAX_DB_CONNECTIONS);
  /* SQLite has one writer at a time and counts its changes per
   * connection: its work stays in the main loop, on one connection. */
  if (n_connections > 0 && !ef_store_location_is_postgresql (db_path))
    return ef_cli_fail (EXIT_USAGE, _("The option --db-connections needs a PostgreSQL database"));
  if (n_connections < 0)
    n_connections = ef_store_location_is_postgresql (db_path) ? DEFAULT_DB_CONNECTIONS : 0;

  address = ef_listen_address_parse (listen ? listen : DEFAULT_LISTEN, &error);
  if (address == NULL)
    return ef_cli_fail_program (EXIT_USAGE, "%s", error->message);

  if (test_clock && !ef_listen_address_is_loopback (address))
    return ef_cli_fail_program (EXIT_USAGE,
                                _("Refusing --test-clock on the non-loopback address “%s”: anyone could change the server’s clock"),
                                listen ? listen : DEFAULT_LISTEN);

  if (!ef_listen_address_is_loopback (address))
    {
      if (!allow_remote)
        return ef_cli_fail_program (EXIT_USAGE,
                                    _("Refusing to serve plain HTTP on the non-loopback address “%s”: use a loopback address, or --allow-remote behind a TLS reverse proxy"),
                                    listen ? listen : DEFAULT_LISTEN);
      g_printerr ("%s: %s\n", PROGRAM,
                  _("Warning: serving plain HTTP on a non-loopback address; passwords and data cross the network unencrypted unless a TLS reverse proxy is in front"));
    }

  /* Held until exit: `restore` refuses to replace a database in use. */
  lock_fd = ef_store_lock_shared (db_path, &error);
  if (lock_fd == -1)
    return ef_cli_fail_program (EXIT_ERROR, "%s", error->message);

  store = ef_store_open (db_path, &error);
  if (store == NULL)
    {
      if (lock_fd >= 0)
        close (lock_fd);
      return ef_cli_fail_program (EXIT_USAGE, "%s", error->message);
    }
  if (lock_fd == -2)
    lock_fd = ef_store_lock_shared (db_path, NULL);

  /* This process has migrated the schema; each worker opens its own
   * connection after the fork, and this one waits for them. */
  if (n_workers > 1)
    {
      g_clear_pointer (&store, ef_store_close);
      workers = ef_server_workers_new (address, (guint) n_workers, &error);
      if (workers != NULL)
        url = ef_server_workers_dup_url (workers);
      if (workers == NULL || !ef_server_workers_fork (workers, &worker_socket, &error))
        {
          if (lock_fd >= 0)
            close (lock_fd);
          return ef_cli_fail_program (EXIT_ERROR, _("Cannot listen on “%s”: %s"),
                                      listen ? listen : DEFAULT_LISTEN, error->message);
        }
      if (worker_socket == NULL)
        {
          gboolean clean;

          printf ("LISTENING %s\n", url);
          fflush (stdout);
          ef_log_install_writer ();
          clean = ef_server_workers_run (workers, (guint) stop_timeout * 1000);
          if (lock_fd >= 0)
            close (lock_fd);
          return clean ? EXIT_OK : EXIT_ERROR;
        }
      g_clear_pointer (&workers, ef_server_workers_free);
      store = ef_store_open (db_path, &error);
      if (store == NULL)
        return ef_cli_fail_program (EXIT_USAGE, "%s", error->message);
    }

  ef_log_install_writer ();
  server = ef_server_new (store);
  ef_server_set_store_connections (server, (guint) n_connections);
  ef_server_set_planning_cache_size (server, (gsize) planning_cache_mib * 1024 * 1024);
  if (test_clock)
    ef_server_enable_test_clock (server);
  ef_server_set_sendmail (server, sendmail);
  if (worker_socket != NULL ? !ef_server_listen_socket (server, worker_socket, &error)
                            : !ef_server_listen (server, address, &error))
    {
      ef_server_shutdown (server);
      if (lock_fd >= 0)
        close (lock_fd);
      return ef_cli_fail_program (EXIT_ERROR, _("Cannot listen on “%s”: %s"),
                                  listen ? listen : DEFAULT_LISTEN, error->message);
    }

  /* The signal sources stay until exit: a second signal during shutdown
   * is then ignored instead of killing the process half-way. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add_full (G_PRIORITY_DEFAULT, SIGTERM, on_quit_signal_cb,
                          g_main_loop_ref (loop), (GDestroyNotify) g_main_loop_unref);
  g_unix_signal_add_full (G_PRIORITY_DEFAULT, SIGINT, on_quit_signal_cb,
                          g_main_loop_ref (loop), (GDestroyNotify) g_main_loop_unref);

  /* Workers: their parent said where they listen. */
  if (worker_socket == NULL)
    {
      url = ef_server_dup_url (server);
      printf ("LISTENING %s\n", url);
      fflush (stdout);
    }

  g_main_loop_run (loop);

  /* Requests in progress finish; a second signal meanwhile changes
   * nothing. The database is closed before its lock is released. */
  ef_server_stop (server, (guint) stop_timeout * 1000);
  if (lock_fd >= 0)
    close (lock_fd);
  g_debug ("Stopped cleanly");
  return EXIT_OK;
}

static const EfCliUsage demo_usage = {
  "demo", NULL, 0,
  N_("Creates the demo municipality “Ville de Billère” (tenant 7249), or resets it to "
     "the demo data. Running it again changes nothing."),
  NULL,
};

static int
run_demo (int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfStore) store = NULL;
  g_autofree char *db_path = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The database: a SQLite file (created if missing) or a postgresql:// connection string"),
      N_("FILE") },
    { NULL }
  };

  if (!ef_cli_parse (&demo_usage, NULL, entries, &argc, &argv, &status))
    return status;

  if (db_path == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The option --db FILE is required"));

  store = ef_store_open (db_path, &error);
  if (store == NULL)
    return ef_cli_fail_program (EXIT_USAGE, "%s", error->message);

  if (!ef_demo_populate (store, &error))
    {
      g_autofree char *display = ef_store_display_location (db_path);

      return ef_cli_fail_program (EXIT_ERROR, _("Cannot write the demo data into “%s”: %s"),
                                  display, error->message);
    }

  /* So that a newcomer can sign in at once: the demo's password is public. */
  printf (_("Demo account: %s / %s\n"), EF_DEMO_ACCOUNT_EMAIL, EF_DEMO_ACCOUNT_PASSWORD);
  printf (_("Demo staff account: %s / %s\n"), EF_DEMO_STAFF_EMAIL, EF_DEMO_STAFF_PASSWORD);
  return EXIT_OK;
}

static const EfCliUsage routes_usage = {
  "routes", NULL, 0,
  N_("Prints the routes of the API, one “METHOD /path/template” per line, as docs/openapi.yaml "
     "must document them."),
  NULL,
};

static int
run_routes (int    argc,
            char **argv)
{
  g_autoptr(EfRouter) router = ef_router_new ();
  g_auto(GStrv) lines = NULL;
  int status;

  if (!ef_cli_parse (&routes_usage, NULL, NULL, &argc, &argv, &status))
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
  ef_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PROGRAM);

  /* Writing to a client that went away must not kill the server. */
  signal (SIGPIPE, SIG_IGN);

  /* Passwords will be hashed with libsodium: fail early if it cannot work. */
  if (sodium_init () < 0)
    return ef_cli_fail_program (EXIT_ERROR, _("Cannot initialise libsodium"));

  return ef_cli_main (commands, G_N_ELEMENTS (commands), argc, argv);
}
