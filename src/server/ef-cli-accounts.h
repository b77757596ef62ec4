/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-accounts.h: the staff's commands for tenants, families,
 * invitations and the mail outbox */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each runs one command; argv[0] is the command's name. They return the
 * process's exit status: 0, 1 (failure) or 2 (bad arguments or input). */
int ef_cli_run_tenant        (int    argc,
                              char **argv);
int ef_cli_run_family_import (int    argc,
                              char **argv);
int ef_cli_run_family_export (int    argc,
                              char **argv);
int ef_cli_run_family_erase  (int    argc,
                              char **argv);
int ef_cli_run_invite        (int    argc,
                              char **argv);
int ef_cli_run_outbox        (int    argc,
                              char **argv);

G_END_DECLS
