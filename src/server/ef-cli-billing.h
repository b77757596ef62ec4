/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-billing.h: the staff's commands for invoices and offline payments */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each runs one command; argv[0] is the command's name. They return the
 * process's exit status: 0, 1 (failure) or 2 (bad arguments or input). */
int ef_cli_run_bill (int    argc,
                     char **argv);
int ef_cli_run_pay  (int    argc,
                     char **argv);
int ef_cli_run_payments (int    argc,
                         char **argv);

G_END_DECLS
