/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-clock.c: the pages keep the portal's time, in French
 *
 * The server's test clock says Wednesday 13 January 2027, 08:59:30 in
 * Paris; the machine's clock says another day (whatever it is, and under
 * faketime another still). Léa's meals of Monday 18, Tuesday 19 and
 * Thursday 21 January are reserved. Mes réservations must show the 18th
 * as changeable until 9:00 that morning, lock it once the portal's clock
 * has passed 9:00, and move to the next day by itself when the portal's
 * day changes while it is open, as the dashboard does.
 *
 * In French (fr_FR.UTF-8, set by the program, not for the server it
 * starts): skipped when that locale is not installed. With
 * EF_SCREENSHOT_DIR, saves the screen there.
 */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "pages/ef-dashboard-page.h"
#include "pages/ef-reservations-page.h"
#include "widgets/ef-dashboard-card.h"
#include "widgets/ef-reservation-calendar-private.h"
#include "ef-test-api.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

#define MEAL "restaurant-scolaire"

static gboolean french;
static EfApplication *application;
/* The server, with the demo family signed in (its token). */
static EfTestDemo demo;
static EfClient *client;
static gint64 lea_id;

static EfDay
day (int y, int m, int d)
{
  return ef_day_new (y, m, d);
}

/* Moves the server's clock, signing in again when the jump is long
 * enough to end the sessions. */
static void
set_clock (const char *now,
           gboolean    sign_in_again)
{
  if (!sign_in_again)
    {
      ef_test_api_set_clock (demo.session, demo.server, NULL, now);
      return;
    }

  g_free (demo.token);
  ef_test_demo_sign_in (&demo, now);
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;

    /* Remembered, as on a family computer: a session that ended overnight
     * is opened again by itself. */
    ef_client_sign_in_async (client, demo.email, demo.password, TRUE, NULL, ui_test_on_result_cb,
                             &result);
    g_assert_true (ef_client_sign_in_finish (client, ui_test_wait_for_result (&result), &error));
    g_assert_no_error (error);
  }
}

static GtkWidget *
show (GtkWidget  *page,
      const char *title)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));
  return window;
}

static gboolean
page_ready_cb (gpointer data)
{
  EfReservationsPage *page = data;

  return g_strcmp0 (ef_reservations_page_get_state (page), "calendar") == 0 &&
         !ef_reservations_page_get_saving (page);
}

typedef struct {
  EfReservationsPage *page;
  guint               n_loads;
} LoadWait;

static gboolean
reloaded_cb (gpointer data)
{
  LoadWait *wait = data;

  return ef_reservations_page_get_n_loads (wait->page) > wait->n_loads && page_ready_cb (wait->page);
}

static const char *
description (EfReservationsPage *page,
             EfDay               d)
{
  EfReservationCalendar *calendar = ef_reservations_page_get_calendar (page);
  EfDayCell *cell;

  ef_reservation_calendar_set_activity (calendar, MEAL);
  ef_reservation_calendar_set_month (calendar, d);
  cell = _ef_reservation_calendar_get_cell (calendar, d);
  g_assert_nonnull (cell);
  g_test_message ("%s", ef_day_cell_get_description (cell));
  return ef_day_cell_get_description (cell);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

/* Tests */

static void
test_deadline (void)
{
  GtkWidget *page;
  GtkWidget *window;
  EfReservationCalendar *calendar;
  LoadWait wait;

  if (!french)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      return;
    }

  page = ef_reservations_page_new (client);
  window = show (page, "Horloge — réservations");
  g_assert_true (ui_test_wait_until (page_ready_cb, page));
  calendar = ef_reservations_page_get_calendar (EF_RESERVATIONS_PAGE (page));

  /* The portal's today and month, not the machine's. */
  g_assert_cmpuint (ef_reservation_calendar_get_today (calendar), ==, day (2027, 1, 13));
  g_assert_cmpuint (ef_reservation_calendar_get_month (calendar), ==, day (2027, 1, 1));
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2027, 1, 18)), ==,
                   EF_CALENDAR_DAY_RESERVED);
  assert_contains (description (EF_RESERVATIONS_PAGE (page), day (2027, 1, 18)),
                   "modifiable jusqu’au mercredi 13 janvier à 9\u00A0h\u00A000");
  ui_test_maybe_screenshot_screen ("clock-before-deadline");

  /* Past 9:00 on the portal's clock, the planning read again: locked, and why. */
  set_clock ("2027-01-13T09:00:30+01:00", FALSE);
  wait = (LoadWait) { EF_RESERVATIONS_PAGE (page), ef_reservations_page_get_n_loads (EF_RESERVATIONS_PAGE (page)) };
  g_assert_true (gtk_widget_activate_action (page, "reservations.reload", NULL));
  g_assert_true (ui_test_wait_until (reloaded_cb, &wait));
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2027, 1, 18)), ==,
                   EF_CALENDAR_DAY_LOCKED);
  assert_contains (description (EF_RESERVATIONS_PAGE (page), day (2027, 1, 18)),
                   "délai dépassé depuis le mercredi 13 janvier à 9\u00A0h\u00A000");
  /* The 19th is still open, until Thursday. */
  assert_contains (description (EF_RESERVATIONS_PAGE (page), day (2027, 1, 19)),
                   "modifiable jusqu’au jeudi 14 janvier à 9\u00A0h\u00A000");
  ui_test_maybe_screenshot_screen ("clock-after-deadline");

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  EfReservationsPage *page;
  guint               n_loads;
  EfDashboardCard    *meals;
  const char         *sentence;
} NextDayWait;

static gboolean
next_day_cb (gpointer data)
{
  NextDayWait *wait = data;
  const char *details = ef_dashboard_card_get_details (wait->meals);

  return ef_reservations_page_get_n_loads (wait->page) > wait->n_loads && page_ready_cb (wait->page) &&
         !ef_dashboard_card_is_loading (wait->meals) && details != NULL &&
         strstr (details, wait->sentence) != NULL;
}

static gboolean
card_says_cb (gpointer data)
{
  NextDayWait *wait = data;
  const char *details = ef_dashboard_card_get_details (wait->meals);

  return !ef_dashboard_card_is_loading (wait->meals) && details != NULL &&
         strstr (details, wait->sentence) != NULL;
}

static void
test_next_day (void)
{
  GtkWidget *page;
  GtkWidget *dashboard;
  GtkWidget *window;
  GtkWidget *dashboard_window;
  EfReservationCalendar *calendar;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;
  NextDayWait wait;

  if (!french)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      return;
    }

  page = ef_reservations_page_new (client);
  window = show (page, "Horloge — réservations");
  g_assert_true (ui_test_wait_until (page_ready_cb, page));
  dashboard = ef_dashboard_page_new (client);
  dashboard_window = show (dashboard, "Horloge — tableau de bord");
  calendar = ef_reservations_page_get_calendar (EF_RESERVATIONS_PAGE (page));

  /* Wednesday 13 after 9:00: the nearest deadline is the 19th's. */
  wait.page = EF_RESERVATIONS_PAGE (page);
  wait.meals = EF_DASHBOARD_CARD (ef_dashboard_page_get_card (EF_DASHBOARD_PAGE (dashboard), "meals"));
  wait.sentence = "Vous pouvez encore annuler le repas du mardi 19 janvier jusqu’au jeudi 14 à 9\u00A0h\u00A000";
  if (!ui_test_wait_until (card_says_cb, &wait))
    g_error ("the meals card says “%s”", ef_dashboard_card_get_details (wait.meals));
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2027, 1, 19)), ==,
                   EF_CALENDAR_DAY_RESERVED);

  /* Friday 15 January at 7:00, the application still open (a kiosk
   * overnight). The next answer of the portal, whatever asked for it,
   * moves the pages to their new day with no one touching them. */
  set_clock ("2027-01-15T07:00:00+01:00", FALSE);
  wait.n_loads = ef_reservations_page_get_n_loads (wait.page);
  wait.sentence = "Vous pouvez encore annuler le repas du jeudi 21 janvier jusqu’au lundi 18 à 9\u00A0h\u00A000";
  ef_client_get_portal_async (client, NULL, ui_test_on_result_cb, &result);
  portal = ef_client_get_portal_finish (client, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_client_get_today (client), ==, day (2027, 1, 15));
  if (!ui_test_wait_until (next_day_cb, &wait))
    g_error ("the pages did not follow the day: %u loads, the meals card says “%s”",
             ef_reservations_page_get_n_loads (wait.page), ef_dashboard_card_get_details (wait.meals));

  g_assert_cmpuint (ef_reservation_calendar_get_today (calendar), ==, day (2027, 1, 15));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day (2027, 1, 15))),
                                           "today"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (_ef_reservation_calendar_get_cell (calendar, day (2027, 1, 13))),
                                            "today"));
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2027, 1, 19)), ==,
                   EF_CALENDAR_DAY_LOCKED);
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2027, 1, 21)), ==,
                   EF_CALENDAR_DAY_RESERVED);
  ui_test_maybe_screenshot_screen ("clock-next-day");

  gtk_window_destroy (GTK_WINDOW (dashboard_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const days[] = { "2027-01-18", "2027-01-19", "2027-01-21", NULL };
  g_autofree char *url = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ef_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  french = setlocale (LC_ALL, "fr_FR.UTF-8") != NULL;

  ef_test_demo_start (&demo);
  url = ef_test_server_portal_url (demo.server, "7249");
  client = ef_client_new (url);
  set_clock ("2027-01-13T08:59:30+01:00", TRUE);
  lea_id = ui_test_member_id (client, "Léa");
  /* Léa's meals on @days, reserved as another computer would. */
  ef_test_api_reserve_days (demo.session, demo.server, demo.token, lea_id, MEAL, "2027-01-01",
                            "2027-01-31", days);

  application = ui_test_application_new (NULL);

  g_test_add_func ("/ui/clock/deadline", test_deadline);
  g_test_add_func ("/ui/clock/next-day", test_next_day);

  status = g_test_run ();

  g_clear_object (&client);
  g_clear_object (&application);
  ef_test_demo_clear (&demo);

  return status;
}
