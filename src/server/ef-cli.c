/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli.c: what every command of espace-famille-server shares */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

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

char *
ef_cli_normalize_public_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  const char *scheme;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;

  url = g_uri_to_string (uri);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  return g_steal_pointer (&url);
}
