/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-configure.h: the `configure` command: a town's own settings */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int ef_cli_run_configure (int    argc,
                          char **argv);

G_END_DECLS
