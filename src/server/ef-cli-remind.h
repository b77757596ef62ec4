/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-remind.h: the `remind` command, reminders by e-mail */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs `remind`; argv[0] is the command's name. Returns the process's
 * exit status: 0, 1 (failure) or 2 (bad arguments). */
int ef_cli_run_remind (int    argc,
                       char **argv);

G_END_DECLS
