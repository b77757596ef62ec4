/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli.h: what every command of espace-famille-server shares */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PROGRAM "espace-famille-server"

/* One line on stderr, prefixed with "espace-famille-server COMMAND" once
 * ef_cli_parse_options() has run; returns @status. */
G_GNUC_PRINTF (2, 3)
int      ef_cli_fail          (int               status,
                               const char       *format,
                               ...);

/* Parses a command's options (argv[0] is the command's name) and accepts
 * at most @max_args arguments after them; on a mistake, says so and
 * stores exit status 2 in *@status. */
gboolean ef_cli_parse_options (GOptionContext   *context,
                               const char       *command,
                               int              *argc,
                               char           ***argv,
                               int               max_args,
                               int              *status);

/* @text as a portal's public address (http:// or https://, a host, no
 * query) without a trailing slash, or NULL when it is not one. */
char    *ef_cli_normalize_public_url (const char *text);

G_END_DECLS
