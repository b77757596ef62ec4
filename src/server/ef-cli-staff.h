/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-staff.h: the `staff` command — the town hall's agents */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int ef_cli_run_staff (int    argc,
                      char **argv);

G_END_DECLS
