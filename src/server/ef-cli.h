/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli.h: what every command of espace-famille-server shares */

#pragma once

#include <glib.h>

#include "ef-common.h"
#include "store/ef-store.h"
#include "mail/ef-mail.h"
#include "store/ef-store-accounts.h"

G_BEGIN_DECLS

#define PROGRAM "espace-famille-server"

/* Exit statuses, the same for every command and documented in --help;
 * short names, as this header is the commands' own. */
enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,     /* a failure, or problems found by check */
  EXIT_USAGE = 2,     /* bad arguments, or a database that cannot be used */
};

typedef int (*EfCliRunFunc) (int argc, char **argv);

/**
 * EfCliCommand:
 * @name: what follows the program's name, e.g. "serve"
 * @run: runs the command with argv[0] = @name; returns the exit status
 * @summary: one line for the program's --help, marked with N_()
 *
 * A command of espace-famille-server, as git's or meson's subcommands:
 * main() keeps the table, ef_cli_main() picks the command. A command
 * declares its own options in @run and parses them with ef_cli_parse(),
 * opens the store with ef_cli_open_store() and says what went wrong with
 * ef_cli_fail().
 */
typedef struct {
  const char   *name;
  EfCliRunFunc  run;
  const char   *summary;
} EfCliCommand;

/* The whole command line: --help lists @commands, --version, or runs the
 * command that argv[1] names; returns the exit status. */
int      ef_cli_main          (const EfCliCommand *commands,
                               guint               n_commands,
                               int                 argc,
                               char              **argv);

/* One line on stderr, prefixed with "espace-famille-server COMMAND" once
 * ef_cli_parse() has run; returns @status. */
G_GNUC_PRINTF (2, 3)
int      ef_cli_fail          (int               status,
                               const char       *format,
                               ...);
/* The same, prefixed with the program's name only, for what stops the
 * program itself rather than one command's work (e.g. a serve that cannot
 * listen). */
G_GNUC_PRINTF (2, 3)
int      ef_cli_fail_program  (int               status,
                               const char       *format,
                               ...);
/* Says why @tenant_id could not be read (@error from the store): exit
 * status 2 for a tenant that does not exist, 1 otherwise. */
int      ef_cli_fail_tenant   (const char       *tenant_id,
                               const GError     *error);

/**
 * EfCliUsage:
 * @name: the command, e.g. "backup"
 * @parameter: what follows "[OPTION…]" in its usage line, marked with N_(),
 *   or NULL
 * @max_args: how many arguments it takes after its options
 * @summary: its --help text above the options, marked with N_()
 * @description: its --help text below them (exit statuses…), or NULL
 *
 * What a command's --help says of it; its options are its own
 * GOptionEntry table, which its run function declares.
 */
typedef struct {
  const char *name;
  const char *parameter;
  int         max_args;
  const char *summary;
  const char *description;
} EfCliUsage;

/**
 * EfCliTenant:
 * @db_path, @tenant_id: the options --db FILE and --tenant ID
 * @store: the database, once ef_cli_tenant_open() opened it
 * @settings: the tenant's settings, when ef_cli_tenant_open() loaded them
 *
 * What a command that works on one municipality holds; cleared with
 * g_auto(EfCliTenant).
 */
typedef struct {
  char             *db_path;
  char             *tenant_id;
  EfStore          *store;
  EfTenantSettings *settings;
} EfCliTenant;

void     ef_cli_tenant_clear  (EfCliTenant         *tenant);

/* Parses the options of the command of @usage: --db FILE and --tenant ID
 * into @tenant first, unless it is NULL (the commands that work on one
 * municipality), then @entries (NULL for none), then at most
 * usage->max_args arguments. On a mistake, says so and stores exit
 * status 2 in *@status. */
gboolean ef_cli_parse         (const EfCliUsage    *usage,
                               EfCliTenant         *tenant,
                               const GOptionEntry  *entries,
                               int                 *argc,
                               char              ***argv,
                               int                 *status);

/* Opens the database of --db FILE (@db_path), which is required; NULL
 * after saying why (exit status 2 in *@status). */
EfStore *ef_cli_open_store    (const char          *db_path,
                               int                 *status);

/* Opens the database of --db FILE for the tenant of --tenant ID, both
 * required; with @load_settings, also loads the tenant's settings, which
 * checks that the tenant exists. On failure, says why and stores the exit
 * status in *@status. */
gboolean ef_cli_tenant_open   (EfCliTenant         *tenant,
                               gboolean             load_settings,
                               int                 *status);

/* Now, in Unix seconds. */
gint64   ef_cli_now_unix      (void);

/* The portal's address for the links of mails: --portal-url (checked),
 * or the tenant's public address; NULL after saying why (exit status in
 * *@status). */
char    *ef_cli_portal_url    (const char              *portal_option,
                               const EfTenantSettings  *settings,
                               const char              *tenant_id,
                               int                     *status);

/* Saves a new invitation token for @account_id, valid from @now until
 * @expires; returns the token, or NULL after saying why (exit status in
 * *@status). */
char    *ef_cli_save_invitation (EfStore   *store,
                                 gint64     account_id,
                                 GDateTime *now,
                                 GDateTime *expires,
                                 int       *status);

/* Writes the invitation @mail to the outbox, hands it to @sendmail
 * (unless NULL), and says which it did; returns the exit status. */
int      ef_cli_deliver_invitation (EfStore                *store,
                                    const char             *tenant_id,
                                    const EfTenantSettings *settings,
                                    const EfMail           *mail,
                                    GDateTime              *now,
                                    GDateTime              *expires,
                                    const char             *sendmail);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EfCliTenant, ef_cli_tenant_clear)

G_END_DECLS
