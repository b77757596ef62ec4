/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-ops.h: the operators' commands: backup, restore, check */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each runs one command; argv[0] is the command's name. They return the
 * process's exit status: 0, 1 (failure, or problems found) or 2 (bad
 * arguments, or a database that cannot be used). */
int ef_cli_run_backup  (int    argc,
                        char **argv);
int ef_cli_run_restore (int    argc,
                        char **argv);
int ef_cli_run_check   (int    argc,
                        char **argv);

G_END_DECLS
