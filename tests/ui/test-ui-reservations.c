/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-reservations.c: Mes réservations against a real server
 *
 * The demo family (Léa and Hugo, meals reserved until 18 December 2026),
 * the server's clock on Thursday 26 November 2026 at 10:00: the first day
 * that can still be changed is Thursday 3 December. The calendar is driven
 * through the entry points of its drag gesture (and once with xdotool, the
 * X server's real pointer), the page through its actions; what the server
 * saved is read with a second EfClient.
 *
 * With EF_SCREENSHOT_DIR, saves reservations.png (pending changes, Save
 * enabled) there.
 */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <signal.h>
#include <unistd.h>

#include <adwaita.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "ef-window.h"
#include "pages/ef-reservations-page.h"
#include "widgets/ef-reservation-calendar-private.h"
#include "ef-test-api.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

#define NOW "2026-11-26T10:00:00+01:00"
#define MEAL "restaurant-scolaire"
#define WEEKDAYS ((1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5))

static EfApplication *application;
static EfTestDemo demo;      /* the server, the demo family signed in */
static EfClient *client;     /* the page's */
static EfClient *other;      /* someone else at another computer */
static gint64 lea_id;
static gint64 hugo_id;

static EfDay
day (int y, int m, int d)
{
  return ef_day_new (y, m, d);
}

static EfClient *
signed_in_client (void)
{
  g_autofree char *url = ef_test_server_portal_url (demo.server, "7249");

  return ui_test_signed_in_client (url, demo.email, demo.password);
}

static EfPlanning *
server_planning (gint64 member_id,
                 EfDay  first,
                 EfDay  last)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  EfPlanning *planning;

  ef_client_get_planning_async (other, member_id, first, last, NULL, ui_test_on_result_cb, &result);
  planning = ef_client_get_planning_finish (other, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return planning;
}

static gboolean
server_reserved (gint64 member_id,
                 EfDay  d)
{
  g_autoptr (EfPlanning) planning = server_planning (member_id, d, d);
  EfPlanningDay *planning_day = ef_planning_lookup_day (planning, MEAL, d);

  g_assert_nonnull (planning_day);
  return ef_planning_day_is_reserved (planning_day);
}

static void
find_children (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = NULL;
  GListModel *members;

  ef_client_get_family_async (other, NULL, ui_test_on_result_cb, &result);
  family = ef_client_get_family_finish (other, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  members = ef_family_get_members (family);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);

      if (g_str_equal (ef_member_get_first_name (member), "Léa"))
        lea_id = ef_member_get_id (member);
      else if (g_str_equal (ef_member_get_first_name (member), "Hugo"))
        hugo_id = ef_member_get_id (member);
    }
  g_assert_cmpint (lea_id, >, 0);
  g_assert_cmpint (hugo_id, >, 0);
}

/* The page */

static gboolean
page_ready_cb (gpointer data)
{
  EfReservationsPage *page = data;

  return g_strcmp0 (ef_reservations_page_get_state (page), "calendar") == 0 &&
         !ef_reservations_page_get_saving (page);
}

static void
wait_ready (EfReservationsPage *page)
{
  if (!ui_test_wait_until (page_ready_cb, page))
    g_error ("the page is “%s” after %d s", ef_reservations_page_get_state (page), UI_TEST_WAIT_TIMEOUT_S);
}

static GtkWidget *
show_page (EfReservationsPage **page_out)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *page = ef_reservations_page_new (client);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));
  wait_ready (EF_RESERVATIONS_PAGE (page));
  *page_out = EF_RESERVATIONS_PAGE (page);
  return window;
}

static void
show_month (EfReservationsPage *page,
            EfDay               month)
{
  EfReservationCalendar *calendar = ef_reservations_page_get_calendar (page);

  ef_reservation_calendar_set_mode (calendar, EF_RESERVATION_CALENDAR_MODE_MONTH);
  ef_reservation_calendar_set_activity (calendar, MEAL);
  ef_reservation_calendar_set_month (calendar, month);
  /* A frame or two, for the cells to have their places. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
cell_placed_cb (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_mapped (data);
}

static void
cell_centre (EfReservationCalendar *calendar,
             EfDay                  d,
             double                *x,
             double                *y)
{
  EfDayCell *cell = _ef_reservation_calendar_get_cell (calendar, d);
  graphene_point_t point;

  g_assert_nonnull (cell);
  g_assert_true (ui_test_wait_until (cell_placed_cb, cell));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (cell), _ef_reservation_calendar_get_days_area (calendar),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (cell)) / 2.0,
                                                                 gtk_widget_get_height (GTK_WIDGET (cell)) / 2.0),
                                           &point));
  *x = point.x;
  *y = point.y;
}

typedef struct {
  EfReservationCalendar *calendar;
  EfDay                  day;
} PickWait;

/* The cell of the day is where the pointer would find it (a month
 * transition may still show the previous month). */
static gboolean
cell_pickable_cb (gpointer data)
{
  PickWait *wait = data;
  EfDayCell *cell = _ef_reservation_calendar_get_cell (wait->calendar, wait->day);
  GtkWidget *area = _ef_reservation_calendar_get_days_area (wait->calendar);
  graphene_point_t point;
  GtkWidget *picked;

  if (cell == NULL || !gtk_widget_get_mapped (GTK_WIDGET (cell)) ||
      !gtk_widget_compute_point (GTK_WIDGET (cell), area,
                                 &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (cell)) / 2.0,
                                                       gtk_widget_get_height (GTK_WIDGET (cell)) / 2.0),
                                 &point))
    return FALSE;

  picked = gtk_widget_pick (area, point.x, point.y, GTK_PICK_DEFAULT);
  return picked != NULL && (picked == GTK_WIDGET (cell) || gtk_widget_is_ancestor (picked, GTK_WIDGET (cell)));
}

/* What the drag gesture does: press on @from, move to @to, release. */
static void
drag (EfReservationsPage *page,
      EfDay               from,
      EfDay               to)
{
  EfReservationCalendar *calendar = ef_reservations_page_get_calendar (page);
  double x, y;

  show_month (page, from);
  g_assert_true (ui_test_wait_until (cell_pickable_cb, &(PickWait) { calendar, from }));
  g_assert_true (ui_test_wait_until (cell_pickable_cb, &(PickWait) { calendar, to }));
  cell_centre (calendar, from, &x, &y);
  g_assert_true (_ef_reservation_calendar_pointer_press (calendar, x, y, FALSE));
  cell_centre (calendar, to, &x, &y);
  _ef_reservation_calendar_pointer_motion (calendar, x, y);
  _ef_reservation_calendar_pointer_release (calendar);
}

static guint
n_pending (EfReservationsPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ef_reservations_page_get_pending (page)));
}

static EfPending
pending_of (EfReservationsPage *page,
            EfDay               d)
{
  return ef_reservation_calendar_get_pending (ef_reservations_page_get_calendar (page), MEAL, d);
}

typedef struct {
  EfReservationsPage *page;
  guint               n_loads;
} LoadWait;

static gboolean
saved_and_reloaded_cb (gpointer data)
{
  LoadWait *wait = data;

  return ef_reservations_page_get_n_loads (wait->page) > wait->n_loads && page_ready_cb (wait->page);
}

/* Saves and waits for the answer (and the reload that follows, if any). */
static void
save (EfReservationsPage *page,
      gboolean            expect_reload)
{
  LoadWait wait = { page, ef_reservations_page_get_n_loads (page) };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.save", NULL));
  g_assert_true (ef_reservations_page_get_saving (page));
  if (expect_reload)
    g_assert_true (ui_test_wait_until (saved_and_reloaded_cb, &wait));
  else
    wait_ready (page);
}

static gboolean
action_enabled (EfReservationsPage *page,
                const char         *name)
{
  /* An action that is disabled does not activate: check without side
   * effects through the save button's sensitivity for Save. */
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), EF_TYPE_RESERVATIONS_PAGE,
                                                                "save_button"));

  g_assert_cmpstr (name, ==, "reservations.save");
  return gtk_widget_is_sensitive (button);
}

/* Tests */

static void
test_load (void)
{
  EfReservationsPage *page;
  GtkWidget *window = show_page (&page);
  EfReservationCalendar *calendar = ef_reservations_page_get_calendar (page);

  g_assert_cmpint (ef_reservations_page_get_child (page), ==, lea_id);
  g_assert_nonnull (ef_reservations_page_get_planning (page, lea_id));
  g_assert_nonnull (ef_reservations_page_get_planning (page, hugo_id));
  g_assert_cmpuint (ef_reservation_calendar_get_first_day (calendar), ==, day (2026, 9, 1));
  g_assert_cmpuint (ef_reservation_calendar_get_last_day (calendar), ==, day (2027, 7, 3));
  /* Opens on this month. */
  g_assert_cmpuint (ef_reservation_calendar_get_month (calendar), ==, day (2026, 11, 1));
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2026, 12, 1)), ==,
                   EF_CALENDAR_DAY_LOCKED);
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2026, 12, 3)), ==,
                   EF_CALENDAR_DAY_RESERVED);
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2027, 1, 5)), ==,
                   EF_CALENDAR_DAY_FREE);
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2026, 12, 2)), ==,
                   EF_CALENDAR_DAY_CLOSED);
  g_assert_cmpstr (ef_reservations_page_get_summary (page), ==, "No unsaved change");
  g_assert_false (action_enabled (page, "reservations.save"));

  /* Hugo's planning, and back. */
  g_assert_true (ef_reservations_page_set_child (page, hugo_id));
  g_assert_cmpint (ef_reservations_page_get_child (page), ==, hugo_id);
  g_assert_true (ef_reservations_page_set_child (page, lea_id));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reserve_and_save (void)
{
  EfReservationsPage *page;
  GtkWidget *window = show_page (&page);
  g_autofree char *message = NULL;

  /* Tuesday 5 to Friday 8 January: Wednesday has no meal. */
  drag (page, day (2027, 1, 5), day (2027, 1, 8));
  g_assert_cmpuint (n_pending (page), ==, 3);
  g_assert_cmpint (pending_of (page, day (2027, 1, 5)), ==, EF_PENDING_ADD);
  g_assert_cmpint (pending_of (page, day (2027, 1, 6)), ==, EF_PENDING_NONE);
  g_assert_cmpstr (ef_reservations_page_get_summary (page), ==, "3 days to reserve");
  g_assert_true (action_enabled (page, "reservations.save"));

  /* One drag, one undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.undo", NULL));
  g_assert_cmpuint (n_pending (page), ==, 0);
  g_assert_cmpint (pending_of (page, day (2027, 1, 5)), ==, EF_PENDING_NONE);
  g_assert_false (action_enabled (page, "reservations.save"));

  drag (page, day (2027, 1, 5), day (2027, 1, 8));
  g_assert_cmpuint (n_pending (page), ==, 3);
  ui_test_maybe_screenshot (GTK_WIDGET (page), "reservations");

  save (page, TRUE);
  g_assert_cmpstr (ef_reservations_page_get_message (page), ==, "3 days reserved");
  g_assert_cmpuint (n_pending (page), ==, 0);
  g_assert_true (server_reserved (lea_id, day (2027, 1, 5)));
  g_assert_true (server_reserved (lea_id, day (2027, 1, 8)));
  g_assert_false (server_reserved (hugo_id, day (2027, 1, 5)));
  g_assert_cmpint (ef_reservation_calendar_get_day_state (ef_reservations_page_get_calendar (page), MEAL,
                                                          day (2027, 1, 5)), ==, EF_CALENDAR_DAY_RESERVED);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel_drag (void)
{
  EfReservationsPage *page;
  GtkWidget *window = show_page (&page);
  EfReservationCalendar *calendar = ef_reservations_page_get_calendar (page);

  /* From reserved Friday 4 back to the locked Tuesday 1. */
  drag (page, day (2026, 12, 4), day (2026, 12, 1));
  g_assert_cmpuint (ef_pending_changes_get_n_removed (ef_reservations_page_get_pending (page)), ==, 2);
  g_assert_cmpuint (ef_pending_changes_get_n_added (ef_reservations_page_get_pending (page)), ==, 0);
  g_assert_cmpint (pending_of (page, day (2026, 12, 4)), ==, EF_PENDING_REMOVE);
  g_assert_cmpint (pending_of (page, day (2026, 12, 3)), ==, EF_PENDING_REMOVE);
  /* The locked days stay as they are. */
  g_assert_cmpint (pending_of (page, day (2026, 12, 1)), ==, EF_PENDING_NONE);
  g_assert_cmpint (pending_of (page, day (2026, 11, 30)), ==, EF_PENDING_NONE);
  g_assert_cmpint (ef_reservation_calendar_get_day_state (calendar, MEAL, day (2026, 12, 1)), ==,
                   EF_CALENDAR_DAY_LOCKED);
  g_assert_cmpstr (ef_reservations_page_get_summary (page), ==, "2 days to cancel");

  /* And a reservation on top: both counts. */
  drag (page, day (2027, 1, 11), day (2027, 1, 11));
  g_assert_cmpstr (ef_reservations_page_get_summary (page), ==, "1 day to reserve, 2 to cancel");

  save (page, TRUE);
  g_assert_cmpstr (ef_reservations_page_get_message (page), ==, "1 day reserved, 2 cancelled");
  g_assert_false (server_reserved (lea_id, day (2026, 12, 4)));
  g_assert_false (server_reserved (lea_id, day (2026, 12, 3)));
  g_assert_true (server_reserved (lea_id, day (2026, 12, 1)));
  g_assert_true (server_reserved (lea_id, day (2027, 1, 11)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
refused_cb (gpointer data)
{
  return ef_reservations_page_get_refused (data) != NULL && !ef_reservations_page_get_saving (data);
}

static void
sign_in_again (EfClient *c)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  ef_client_sign_in_async (c, demo.email, demo.password, FALSE, NULL, ui_test_on_result_cb,
                           &result);
  g_assert_true (ef_client_sign_in_finish (c, ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
}

/* Jumps the server's clock; a jump of days ends the sessions (idle), so
 * everyone signs in again. */
static void
jump_clock (const char *now)
{
  ef_test_api_set_clock (demo.session, demo.server, demo.token, now);
  g_free (demo.token);
  demo.token = ef_test_api_login (demo.session, demo.server, demo.email, demo.password);
  sign_in_again (client);
  sign_in_again (other);
}

static void
test_refused (void)
{
  EfReservationsPage *page;
  GtkWidget *window;
  g_autoptr (EfReservationChange) change = NULL;
  EfReservationCalendar *calendar;
  EfDayCell *cell;
  GtkListBox *list;
  GtkWidget *row;

  /* Monday 30 November, ten minutes before the deadline of Thursday 3
   * December (cancelled by the test before, free again). */
  jump_clock ("2026-11-30T08:50:00+01:00");
  window = show_page (&page);
  drag (page, day (2026, 12, 3), day (2026, 12, 3));
  drag (page, day (2027, 2, 1), day (2027, 2, 1));
  g_assert_cmpuint (n_pending (page), ==, 2);

  /* Too late for the 3rd by the time the parent saves. */
  ef_test_api_set_clock (demo.session, demo.server, demo.token, "2026-11-30T09:10:00+01:00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.save", NULL));
  if (!ui_test_wait_until (refused_cb, page))
    g_error ("no refusal: error “%s”, message “%s”", ef_reservations_page_get_error (page),
             ef_reservations_page_get_message (page));

  /* Nothing saved, everything still pending, the 3rd explained. */
  g_assert_cmpuint (n_pending (page), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ef_reservations_page_get_refused (page)), ==, 1);
  change = g_list_model_get_item (ef_reservations_page_get_refused (page), 0);
  g_assert_cmpuint (ef_reservation_change_get_day (change), ==, day (2026, 12, 3));
  g_assert_cmpint (ef_reservation_change_get_rejection (change), ==, EF_REJECTION_DEADLINE_PASSED);
  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (page), EF_TYPE_RESERVATIONS_PAGE,
                                                      "refused_list"));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Léa, Thursday 3 December: the deadline was Monday 30 November at 9:00");
  g_assert_false (server_reserved (lea_id, day (2027, 2, 1)));
  g_assert_cmpint (pending_of (page, day (2026, 12, 3)), ==, EF_PENDING_ADD);
  show_month (page, day (2026, 12, 1));
  ui_test_maybe_screenshot (GTK_WIDGET (page), "reservations-refused");
  g_assert_cmpint (pending_of (page, day (2027, 2, 1)), ==, EF_PENDING_ADD);

  /* The calendar marks the 3rd, in its look and in words; not the 1st of February. */
  calendar = ef_reservations_page_get_calendar (page);
  cell = _ef_reservation_calendar_get_cell (calendar, day (2026, 12, 3));
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "refused"));
  g_assert_true (ef_day_cell_get_look (cell) & EF_DAY_CELL_REFUSED);
  g_assert_true (g_str_has_suffix (ef_day_cell_get_description (cell),
                                   ". Refused: the deadline was Monday 30 November at 9:00"));
  g_assert_nonnull (strstr (ef_day_cell_get_description (cell), "Thursday 3 December 2026"));
  g_assert_null (ef_reservation_calendar_get_refused (calendar, MEAL, day (2027, 2, 1)));

  /* The row shows the day. */
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpuint (ef_reservation_calendar_get_focus_day (ef_reservations_page_get_calendar (page)), ==,
                    day (2026, 12, 3));

  /* Leave the refused day out; the rest goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.drop-refused", NULL));
  g_assert_cmpuint (n_pending (page), ==, 1);
  g_assert_null (ef_reservations_page_get_refused (page));
  /* No longer refused: no longer marked. */
  g_assert_null (ef_reservation_calendar_get_refused (calendar, MEAL, day (2026, 12, 3)));
  cell = _ef_reservation_calendar_get_cell (calendar, day (2026, 12, 3));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cell), "refused"));
  g_assert_null (strstr (ef_day_cell_get_description (cell), "Refused"));
  save (page, TRUE);
  g_assert_true (server_reserved (lea_id, day (2027, 2, 1)));
  g_assert_false (server_reserved (lea_id, day (2026, 12, 3)));
  /* Read again: the 3rd is locked now. */
  g_assert_cmpint (ef_reservation_calendar_get_day_state (ef_reservations_page_get_calendar (page), MEAL,
                                                          day (2026, 12, 3)), ==, EF_CALENDAR_DAY_LOCKED);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_conflict (void)
{
  EfReservationsPage *page;
  GtkWidget *window = show_page (&page);
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  g_autoptr (EfPlanning) planning = server_planning (lea_id, day (2027, 1, 21), day (2027, 1, 22));
  g_autoptr (EfReservationResult) saved = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  LoadWait wait;

  /* The parent's changes: Thursday 21 and Friday 22 January. */
  drag (page, day (2027, 1, 21), day (2027, 1, 22));
  g_assert_cmpuint (n_pending (page), ==, 2);

  /* Meanwhile, at another computer: the 21st. */
  ef_pending_changes_set_version (changes, lea_id, ef_planning_get_version (planning));
  g_assert_true (ef_pending_changes_reserve (changes, ef_planning_lookup_day (planning, MEAL, day (2027, 1, 21))));
  ef_client_save_reservations_async (other, changes, NULL, ui_test_on_result_cb, &result);
  saved = ef_client_save_reservations_finish (other, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  /* 409: read again, the 21st is done already, the 22nd stays pending. */
  wait.page = page;
  wait.n_loads = ef_reservations_page_get_n_loads (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.save", NULL));
  g_assert_true (ui_test_wait_until (saved_and_reloaded_cb, &wait));
  g_assert_nonnull (strstr (ef_reservations_page_get_message (page), "changed elsewhere"));
  g_assert_cmpuint (n_pending (page), ==, 1);
  g_assert_cmpint (pending_of (page, day (2027, 1, 22)), ==, EF_PENDING_ADD);
  g_assert_cmpint (pending_of (page, day (2027, 1, 21)), ==, EF_PENDING_NONE);
  g_assert_cmpint (ef_reservation_calendar_get_day_state (ef_reservations_page_get_calendar (page), MEAL,
                                                          day (2027, 1, 21)), ==, EF_CALENDAR_DAY_RESERVED);

  save (page, TRUE);
  g_assert_cmpstr (ef_reservations_page_get_message (page), ==, "1 day reserved");
  g_assert_true (server_reserved (lea_id, day (2027, 1, 22)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
weekday_check (EfReservationsPage *page,
               const char         *label)
{
  GtkWidget *box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), EF_TYPE_RESERVATIONS_PAGE,
                                                              "weekday_box"));

  for (GtkWidget *check = gtk_widget_get_first_child (box); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    if (g_str_equal (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), label))
      return check;
  g_error ("no check button %s", label);
}

static void
test_every_weekday_for_both (void)
{
  EfReservationsPage *page;
  GtkWidget *window = show_page (&page);
  /* The portal's today (its test clock), whatever the machine's date. */
  EfDay today = ef_client_get_today (client);
  GtkMenuButton *every;

  g_assert_cmpuint (today, >=, day (2026, 11, 26));
  g_assert_cmpuint (today, <=, day (2026, 12, 31));

  /* The activity on screen: the meal, which both children have. */
  show_month (page, day (2027, 1, 1));

  /* The popover: the meal's days (not Wednesday) from today to the end
   * of the year, as one operation. */
  every = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), EF_TYPE_RESERVATIONS_PAGE,
                                                          "every_button"));
  gtk_menu_button_popup (every);
  ui_test_maybe_screenshot_screen ("reservations-every");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (weekday_check (page, "Monday"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (weekday_check (page, "Friday"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (weekday_check (page, "Wednesday"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.reserve-every", NULL));
  g_assert_cmpuint (n_pending (page), >, 0);
  for (guint i = 0; i < n_pending (page); i++)
    {
      g_autoptr (EfReservationChange) change = g_list_model_get_item (G_LIST_MODEL (ef_reservations_page_get_pending (page)), i);

      g_assert_cmpuint (ef_reservation_change_get_day (change), >=, today);

      g_assert_cmpint (ef_day_get_weekday (ef_reservation_change_get_day (change)), !=, 3);
      g_assert_cmpint (ef_reservation_change_get_member_id (change), ==, lea_id);
      g_assert_true (ef_reservation_change_get_reserved (change));
    }
  if (n_pending (page) > 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.undo", NULL));
  g_assert_cmpuint (n_pending (page), ==, 0);

  ef_reservations_page_set_apply_to (page, hugo_id, TRUE);
  /* Monday 25 to Friday 29 January, every weekday: no meal on Wednesday. */
  g_assert_cmpuint (ef_reservations_page_reserve_weekdays (page, WEEKDAYS, day (2027, 1, 25), day (2027, 1, 29)),
                    ==, 8);
  g_assert_cmpstr (ef_reservations_page_get_summary (page), ==, "8 days to reserve");
  /* One operation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.undo", NULL));
  g_assert_cmpuint (n_pending (page), ==, 0);
  g_assert_cmpuint (ef_reservations_page_reserve_weekdays (page, (1u << 1) | (1u << 5), day (2027, 1, 25),
                                                           day (2027, 1, 29)), ==, 4);
  save (page, TRUE);
  g_assert_cmpstr (ef_reservations_page_get_message (page), ==, "4 days reserved");
  g_assert_true (server_reserved (hugo_id, day (2027, 1, 25)));
  g_assert_true (server_reserved (lea_id, day (2027, 1, 29)));
  g_assert_false (server_reserved (hugo_id, day (2027, 1, 26)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_save_failure (void)
{
  EfReservationsPage *page;
  GtkWidget *window = show_page (&page);
  GtkWidget *retry;

  drag (page, day (2027, 3, 1), day (2027, 3, 1));

  /* The portal stops answering: everything stays pending, with a Retry. */
  ef_client_set_timeout (client, 2);
  g_assert_cmpint (kill (ef_test_server_get_pid (demo.server), SIGSTOP), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.save", NULL));
  wait_ready (page);
  g_assert_cmpint (kill (ef_test_server_get_pid (demo.server), SIGCONT), ==, 0);
  ef_client_set_timeout (client, EF_CLIENT_DEFAULT_TIMEOUT);

  g_assert_nonnull (ef_reservations_page_get_error (page));
  g_assert_cmpuint (n_pending (page), ==, 1);
  retry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), EF_TYPE_RESERVATIONS_PAGE, "retry_button"));
  g_assert_true (gtk_widget_get_visible (retry));

  g_signal_emit_by_name (retry, "clicked");
  wait_ready (page);
  g_assert_null (ef_reservations_page_get_error (page));
  g_assert_cmpuint (n_pending (page), ==, 0);
  g_assert_true (server_reserved (lea_id, day (2027, 3, 1)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The whole window: sign-out and close ask first. */

static GtkWidget *
find_page (GtkWidget *widget)
{
  if (EF_IS_RESERVATIONS_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_page (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_signed_out_cb (gpointer data)
{
  return g_strcmp0 (ef_window_get_state (data), "main") != 0;
}

static AdwMessageDialog *
guard_dialog (void)
{
  return ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, TRUE);
}

static gboolean
has_dialog_cb (gpointer data)
{
  return guard_dialog () != NULL;
}

static gboolean
no_dialog_cb (gpointer data)
{
  return guard_dialog () == NULL;
}

/* What a click on a button of the dialog does: the response, then the
 * dialog goes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_sign_out_guard (void)
{
  EfClient *app_client = ef_application_get_client (application);
  g_autofree char *url = ef_test_server_portal_url (demo.server, "7249");
  EfReservationsPage *page;
  AdwMessageDialog *dialog;
  GtkWidget *window;

  window = ui_test_signed_in_window (application, url, demo.email, demo.password);

  g_assert_true (ef_window_show_page (EF_WINDOW (window), "reservations"));
  page = EF_RESERVATIONS_PAGE (find_page (window));
  g_assert_nonnull (page);
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));
  wait_ready (page);
  g_assert_cmpuint (ef_reservations_page_reserve_weekdays (page, WEEKDAYS, day (2027, 3, 8), day (2027, 3, 12)),
                    ==, 4);

  /* Closing asks; Cancel keeps the window and the changes. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (has_dialog_cb, NULL));
  dialog = guard_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Unsaved Changes?");
  respond (dialog, "cancel");
  g_assert_true (ui_test_wait_until (no_dialog_cb, NULL));
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_cmpuint (n_pending (page), ==, 4);

  /* Signing out asks too; Discard signs out. */
  g_assert_true (gtk_widget_activate_action (window, "win.sign-out", NULL));
  g_assert_true (ui_test_wait_until (has_dialog_cb, NULL));
  g_assert_cmpstr (ef_window_get_state (EF_WINDOW (window)), ==, "main");
  respond (guard_dialog (), "discard");
  g_assert_true (ui_test_wait_until (window_signed_out_cb, window));
  g_assert_false (ef_client_get_signed_in (app_client));
  g_assert_null (find_page (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
shown_page_is_family_cb (gpointer data)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (data, EF_TYPE_WINDOW, "content_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "family") == 0;
}

static GtkListBoxRow *
sidebar_row (GtkWidget  *window,
             const char *name)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (window, EF_TYPE_WINDOW, "sidebar_list"));

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_str_equal (gtk_widget_get_name (row), name))
      return GTK_LIST_BOX_ROW (row);
  g_error ("no sidebar row “%s”", name);
}

static const char *
shown_page (GtkWidget *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (window, EF_TYPE_WINDOW, "content_stack"));

  return gtk_stack_get_visible_child_name (stack);
}

/* Another page of the sidebar asks first. */
static void
test_leave_page_guard (void)
{
  g_autofree char *url = ef_test_server_portal_url (demo.server, "7249");
  EfReservationsPage *page;
  AdwMessageDialog *dialog;
  GtkWidget *window;
  GtkListBox *list;

  window = ui_test_signed_in_window (application, url, demo.email, demo.password);
  list = GTK_LIST_BOX (gtk_widget_get_template_child (window, EF_TYPE_WINDOW, "sidebar_list"));

  /* Without changes, the sidebar goes where it is asked. */
  gtk_widget_activate (GTK_WIDGET (sidebar_row (window, "reservations")));
  g_assert_cmpstr (shown_page (window), ==, "reservations");
  page = EF_RESERVATIONS_PAGE (find_page (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));
  wait_ready (page);
  g_assert_cmpuint (ef_reservations_page_reserve_weekdays (page, WEEKDAYS, day (2027, 3, 8), day (2027, 3, 12)),
                    ==, 4);

  /* With changes, it asks; Cancel stays, with the changes and the row. */
  gtk_widget_activate (GTK_WIDGET (sidebar_row (window, "family")));
  g_assert_true (ui_test_wait_until (has_dialog_cb, NULL));
  dialog = guard_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Unsaved Changes?");
  g_assert_cmpstr (shown_page (window), ==, "reservations");
  respond (dialog, "cancel");
  g_assert_true (ui_test_wait_until (no_dialog_cb, NULL));
  g_assert_cmpstr (shown_page (window), ==, "reservations");
  g_assert_true (gtk_list_box_get_selected_row (list) == sidebar_row (window, "reservations"));
  g_assert_cmpuint (n_pending (page), ==, 4);

  /* Discard goes to the page asked for, without the changes. */
  gtk_widget_activate (GTK_WIDGET (sidebar_row (window, "family")));
  g_assert_true (ui_test_wait_until (has_dialog_cb, NULL));
  respond (guard_dialog (), "discard");
  g_assert_true (ui_test_wait_until (no_dialog_cb, NULL));
  g_assert_true (ui_test_wait_until (shown_page_is_family_cb, window));
  g_assert_true (gtk_list_box_get_selected_row (list) == sidebar_row (window, "family"));
  g_assert_cmpuint (n_pending (page), ==, 0);

  ef_window_sign_out (EF_WINDOW (window), TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A real drag with the X server's pointer (xdotool, XTEST), in a window
 * with a title of its own. */

/* The centre of @d's cell in the window's X coordinates. */
static void
cell_centre_in_window (EfReservationCalendar *calendar,
                       GtkWidget             *window,
                       EfDay                  d,
                       int                   *x,
                       int                   *y)
{
  EfDayCell *cell = _ef_reservation_calendar_get_cell (calendar, d);
  graphene_point_t point;
  double sx, sy;

  g_assert_nonnull (cell);
  g_assert_true (ui_test_wait_until (cell_pickable_cb, &(PickWait) { calendar, d }));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (cell), window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (cell)) / 2.0,
                                                                 gtk_widget_get_height (GTK_WIDGET (cell)) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  *x = (int) (point.x + sx);
  *y = (int) (point.y + sy);
}

/* Press on @days[0], pass over every other day, release on the last,
 * 50 ms between moves. */
static void
xdotool_drag (EfReservationsPage *page,
              const char         *title,
              const EfDay        *days,
              guint               n_days)
{
  EfReservationCalendar *calendar = ef_reservations_page_get_calendar (page);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page)));
  const char *search[] = { "xdotool", "search", "--sync", "--name", title, NULL };
  g_autofree char *found = ui_test_run_command (search);
  g_auto (GStrv) lines = g_strsplit (found, "\n", -1);
  g_autofree graphene_point_t *points = g_new (graphene_point_t, n_days);
  int frames = 10;

  g_assert_nonnull (lines[0]);
  g_assert_cmpstr (lines[0], !=, "");

  for (guint i = 0; i < n_days; i++)
    {
      int x, y;

      cell_centre_in_window (calendar, window, days[i], &x, &y);
      points[i] = GRAPHENE_POINT_INIT (x, y);
    }
  ui_test_xdotool_drag (lines[0], points, n_days);
  /* The release reaches GTK after xdotool exits. */
  ui_test_wait_until (ui_test_settle_cb, &frames);
}

static gboolean
three_pending_cb (gpointer data)
{
  return n_pending (data) == 3;
}

static void
test_xdotool_drag_and_save (void)
{
  g_autofree char *title = g_strdup_printf ("Mes réservations %d", (int) getpid ());
  EfReservationsPage *page;
  GtkWidget *window = show_page (&page);
  LoadWait wait;
  GtkWidget *save_button;

  gtk_window_set_title (GTK_WINDOW (window), title);
  show_month (page, day (2027, 3, 1));
  g_assert_false (server_reserved (lea_id, day (2027, 3, 15)));
  g_assert_false (server_reserved (lea_id, day (2027, 3, 16)));
  g_assert_false (server_reserved (lea_id, day (2027, 3, 18)));

  /* Monday 15 to Thursday 18 March over Wednesday, which has no meal. */
  xdotool_drag (page, title,
                (EfDay[]) { day (2027, 3, 15), day (2027, 3, 16), day (2027, 3, 17), day (2027, 3, 18) }, 4);
  g_assert_true (ui_test_wait_until (three_pending_cb, page));
  g_assert_cmpint (pending_of (page, day (2027, 3, 15)), ==, EF_PENDING_ADD);
  g_assert_cmpint (pending_of (page, day (2027, 3, 16)), ==, EF_PENDING_ADD);
  g_assert_cmpint (pending_of (page, day (2027, 3, 17)), ==, EF_PENDING_NONE);
  g_assert_cmpint (pending_of (page, day (2027, 3, 18)), ==, EF_PENDING_ADD);

  /* The Save button, as a click would. */
  save_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), EF_TYPE_RESERVATIONS_PAGE,
                                                          "save_button"));
  wait = (LoadWait) { page, ef_reservations_page_get_n_loads (page) };
  g_assert_true (gtk_widget_is_sensitive (save_button));
  g_assert_true (gtk_widget_activate (save_button));
  g_assert_true (ui_test_wait_until (saved_and_reloaded_cb, &wait));
  g_assert_cmpuint (n_pending (page), ==, 0);

  /* What the server holds, read by someone else. */
  g_assert_true (server_reserved (lea_id, day (2027, 3, 15)));
  g_assert_true (server_reserved (lea_id, day (2027, 3, 16)));
  g_assert_true (server_reserved (lea_id, day (2027, 3, 18)));
  g_assert_false (server_reserved (hugo_id, day (2027, 3, 15)));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ef_test_demo_start (&demo);
  /* The clock first: the sessions then begin at the test's time. */
  ef_test_demo_sign_in (&demo, NOW);

  client = signed_in_client ();
  other = signed_in_client ();
  find_children ();

  application = ui_test_application_new (NULL);

  g_test_add_func ("/ui/reservations/load", test_load);
  g_test_add_func ("/ui/reservations/reserve-and-save", test_reserve_and_save);
  g_test_add_func ("/ui/reservations/cancel-drag", test_cancel_drag);
  g_test_add_func ("/ui/reservations/refused", test_refused);
  g_test_add_func ("/ui/reservations/conflict", test_conflict);
  g_test_add_func ("/ui/reservations/every-weekday", test_every_weekday_for_both);
  g_test_add_func ("/ui/reservations/save-failure", test_save_failure);
  g_test_add_func ("/ui/reservations/sign-out-guard", test_sign_out_guard);
  g_test_add_func ("/ui/reservations/leave-page-guard", test_leave_page_guard);
  g_test_add_func ("/ui/reservations/xdotool-drag-and-save", test_xdotool_drag_and_save);

  status = g_test_run ();

  g_clear_object (&client);
  g_clear_object (&other);
  g_clear_object (&application);
  ef_test_demo_clear (&demo);

  return status;
}
