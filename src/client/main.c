/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the entry point of espace-famille */

#define G_LOG_DOMAIN "EfApplication"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "ef-i18n.h"
#include "ef-application.h"
#include "ef-window.h"
#include "pages/ef-dashboard-page.h"
#include "widgets/ef-dashboard-card.h"

/* EF_STARTUP_REPORT=1, for tests/bench/bench-startup.c only: writes on
 * standard error "EF_STARTUP first-frame T" once the first window has
 * painted its first frame, and "EF_STARTUP family-frame T" once it has
 * painted the first frame after the family (the dashboard's first answer
 * from the server) arrived, and "EF_STARTUP dashboard-frame T" once it
 * has painted the dashboard with every card answered (loaded or failed);
 * T is g_get_monotonic_time(). */
typedef struct
{
  GtkWidget *window;
  gboolean   first_frame;
  gboolean   family_arrived;
  gboolean   family_frame;
  gboolean   dashboard_frame;
} StartupReport;

/* Whether the window shows the dashboard with all its cards answered. */
static gboolean
dashboard_answered (GtkWidget *window)
{
  static const char *cards[] = { "family", "enrolments", "meals", "finance", "connection" };
  GtkStack *stack;
  GtkWidget *page;

  if (!EF_IS_WINDOW (window) || g_strcmp0 (ef_window_get_state (EF_WINDOW (window)), "main") != 0)
    return FALSE;
  stack = GTK_STACK (gtk_widget_get_template_child (window, EF_TYPE_WINDOW, "content_stack"));
  page = stack != NULL ? gtk_stack_get_visible_child (stack) : NULL;
  if (!EF_IS_DASHBOARD_PAGE (page) || !gtk_widget_get_mapped (page))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      GtkWidget *card = ef_dashboard_page_get_card (EF_DASHBOARD_PAGE (page), cards[i]);

      if (card == NULL || ef_dashboard_card_is_loading (EF_DASHBOARD_CARD (card)))
        return FALSE;
    }
  return TRUE;
}

static void
on_startup_after_paint_cb (GdkFrameClock *clock,
                           gpointer       user_data)
{
  StartupReport *report = user_data;

  if (!report->first_frame)
    {
      report->first_frame = TRUE;
      g_printerr ("EF_STARTUP first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
    }
  if (report->family_arrived && !report->family_frame)
    {
      report->family_frame = TRUE;
      g_printerr ("EF_STARTUP family-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
    }
  if (report->family_frame && !report->dashboard_frame && dashboard_answered (report->window))
    {
      report->dashboard_frame = TRUE;
      g_printerr ("EF_STARTUP dashboard-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      g_signal_handlers_disconnect_by_data (clock, report);
    }
}

static void
on_startup_family_notify_cb (EfClient   *client,
                             GParamSpec *pspec,
                             gpointer    user_data)
{
  StartupReport *report = user_data;
  g_autoptr (GObject) family = NULL;

  g_object_get (client, "family", &family, NULL);
  if (family != NULL)
    {
      report->family_arrived = TRUE;
      g_signal_handlers_disconnect_by_data (client, report);
    }
}

static void
on_startup_window_realize_cb (GtkWidget *window,
                              gpointer   user_data)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_startup_after_paint_cb), user_data);
}

static void
on_startup_window_added_cb (GtkApplication *application,
                            GtkWindow      *window,
                            gpointer        user_data)
{
  StartupReport *report = user_data;

  g_signal_handlers_disconnect_by_func (application, on_startup_window_added_cb, user_data);
  report->window = GTK_WIDGET (window);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_startup_window_realize_cb (GTK_WIDGET (window), user_data);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_startup_window_realize_cb), user_data);
  g_signal_connect (ef_application_get_client (EF_APPLICATION (application)), "notify::family",
                    G_CALLBACK (on_startup_family_notify_cb), user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (EfApplication) application = NULL;
  static StartupReport startup_report;

  ef_i18n_init ();
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Espace Famille"));

  application = ef_application_new ();
  if (g_getenv ("EF_STARTUP_REPORT") != NULL)
    g_signal_connect (application, "window-added", G_CALLBACK (on_startup_window_added_cb),
                      &startup_report);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
