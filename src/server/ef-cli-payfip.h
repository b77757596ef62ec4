/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-payfip.h: the staff's command for a municipality's PayFiP settings */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `payfip`: shows or changes a tenant's PayFiP settings; argv[0] is the
 * command's name. Returns 0, 1 (failure) or 2 (bad arguments). */
int ef_cli_run_payfip (int    argc,
                       char **argv);

G_END_DECLS
