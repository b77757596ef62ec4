/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli.c: what every command of espace-famille-server shares */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-cli.h"

#define EXIT_USAGE 2

int
ef_cli_fail (int         status,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  const char *command = g_get_prgname ();
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* The prgname is "espace-famille-server COMMAND" while a command runs. */
  g_printerr ("%s: %s\n", command ? command : PROGRAM, message);
  return status;
}

gboolean
ef_cli_parse_options (GOptionContext   *context,
                      const char       *command,
                      int              *argc,
                      char           ***argv,
                      int               max_args,
                      int              *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM, command);

  /* So that --help shows "Usage: espace-famille-server COMMAND [OPTION…]". */
  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = ef_cli_fail (EXIT_USAGE, _("%s (run “%s %s --help” to see the options)"),
                             error->message, PROGRAM, command);
      return FALSE;
    }
  if (*argc > 1 + max_args)
    {
      *status = ef_cli_fail (EXIT_USAGE,
                             _("Unexpected argument “%s” (run “%s %s --help” to see the options)"),
                             (*argv)[1 + max_args], PROGRAM, command);
      return FALSE;
    }
  return TRUE;
}
