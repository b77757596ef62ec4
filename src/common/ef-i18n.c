/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-i18n.c: gettext set-up shared by both programs */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "ef-i18n.h"

void
ef_i18n_init (void)
{
  const char *localedir = g_getenv ("ESPACE_FAMILLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
