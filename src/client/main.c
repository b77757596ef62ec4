/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the entry point of espace-famille */

#define G_LOG_DOMAIN "EfApplication"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "ef-i18n.h"
#include "ef-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (EfApplication) application = NULL;

  ef_i18n_init ();
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Espace Famille"));

  application = ef_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
