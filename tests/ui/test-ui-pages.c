/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-pages.c: the dashboard, family, enrolments and history pages,
 * each alone in a window, against a real server with the demo data */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <adwaita.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "pages/ef-dashboard-page.h"
#include "pages/ef-enrolments-page.h"
#include "pages/ef-family-page.h"
#include "pages/ef-history-page.h"
#include "pages/ef-member-editor.h"
#include "pages/ef-page-text.h"
#include "widgets/ef-dashboard-card.h"
#include "ef-test-api.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

#define NOW "2026-11-26T10:00:00+01:00"

static EfApplication *application;
static EfClient *client;

static EfFamily *
get_family (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  EfFamily *family;

  ef_client_get_family_async (client, NULL, ui_test_on_result_cb, &result);
  family = ef_client_get_family_finish (client, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return family;
}

static EfMember *
find_member (EfFamily   *family,
             const char *first_name)
{
  GListModel *members = ef_family_get_members (family);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);

      if (g_str_equal (ef_member_get_first_name (member), first_name))
        return member;
    }

  g_error ("no member %s", first_name);
}

static GtkWidget *
show_page (GtkWidget *page,
           int        width)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));
  return window;
}

/* The dashboard */

static gboolean
card_settled_cb (gpointer data)
{
  return !ef_dashboard_card_is_loading (data);
}

static EfDashboardCard *
settled_card (GtkWidget  *page,
              const char *name)
{
  EfDashboardCard *card = EF_DASHBOARD_CARD (ef_dashboard_page_get_card (EF_DASHBOARD_PAGE (page), name));

  g_assert_true (ui_test_wait_until (card_settled_cb, card));
  g_assert_false (ef_dashboard_card_has_error (card));
  return card;
}

static char *
expected_deadline_sentence (void)
{
  g_autoptr (EfFamily) family = get_family ();
  GListModel *members = ef_family_get_members (family);
  g_autoptr (GDateTime) now = ef_instant_parse_iso (NOW, NULL);
  g_autoptr (EfPlanningDay) nearest = NULL;
  EfDay today = ef_day_new (2026, 11, 26);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (EfPlanning) planning = NULL;
      GListModel *activities;

      if (!ef_member_is_child (member))
        continue;

      ef_client_get_planning_async (client, ef_member_get_id (member), today, ef_day_add (today, 21),
                                    NULL, ui_test_on_result_cb, &result);
      planning = ef_client_get_planning_finish (client, ui_test_wait_for_result (&result), &error);
      g_assert_no_error (error);
      activities = ef_planning_get_activities (planning);
      for (guint a = 0; a < g_list_model_get_n_items (activities); a++)
        {
          g_autoptr (EfActivity) activity = g_list_model_get_item (activities, a);
          GListModel *days = ef_activity_get_days (activity);

          for (guint d = 0; d < g_list_model_get_n_items (days); d++)
            {
              g_autoptr (EfPlanningDay) day = g_list_model_get_item (days, d);
              GDateTime *deadline = ef_planning_day_get_deadline (day);

              if (!ef_planning_day_is_reserved (day) || deadline == NULL ||
                  g_date_time_compare (deadline, now) <= 0)
                continue;
              if (nearest == NULL ||
                  g_date_time_compare (deadline, ef_planning_day_get_deadline (nearest)) < 0)
                g_set_object (&nearest, day);
            }
        }
    }

  g_assert_nonnull (nearest);
  return _ef_page_text_deadline (ef_planning_day_get_day (nearest),
                                 ef_planning_day_get_deadline (nearest));
}

static int
compare_instants (gconstpointer a,
                  gconstpointer b)
{
  return g_date_time_compare (*(GDateTime * const *) a, *(GDateTime * const *) b);
}

static char *
expected_previous_connection (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) entries = NULL;
  g_autoptr (GPtrArray) successes = g_ptr_array_new ();

  ef_client_get_connection_history_async (client, ef_day_new (2026, 9, 1), EF_DAY_INVALID,
                                          NULL, ui_test_on_result_cb, &result);
  entries = ef_client_get_connection_history_finish (client, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (EfConnectionEntry) entry = g_list_model_get_item (entries, i);

      if (ef_connection_entry_get_success (entry))
        g_ptr_array_add (successes, ef_connection_entry_get_at (entry));
    }
  g_assert_cmpuint (successes->len, >=, 2);
  g_ptr_array_sort (successes, compare_instants);
  return _ef_page_text_instant (g_ptr_array_index (successes, successes->len - 2));
}

/* @first and @second are both in @text, @first before. */
static void
assert_in_order (const char *text,
                 const char *first,
                 const char *second)
{
  const char *at_first = strstr (text, first);
  const char *at_second = strstr (text, second);

  if (at_first == NULL || at_second == NULL || at_first > at_second)
    g_error ("“%s” should come before “%s” in:\n%s", first, second, text);
}

static void
test_dashboard (void)
{
  GtkWidget *page = ef_dashboard_page_new (client);
  GtkWidget *window = show_page (page, 1000);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFinance) finance = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *sentence = expected_deadline_sentence ();
  g_autofree char *title = NULL;
  EfDashboardCard *card;

  g_object_get (page, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Dashboard");

  ef_client_get_finance_async (client, NULL, ui_test_on_result_cb, &result);
  finance = ef_client_get_finance_finish (client, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  amount = ef_money_format (ef_finance_get_total_due (finance));

  card = settled_card (page, "finance");
  g_assert_cmpstr (ef_dashboard_card_get_headline (card), ==, amount);
  /* The amount to pay leads to Mes factures, the next meals to Mes réservations. */
  g_assert_cmpstr (ef_dashboard_card_get_page (card), ==, "invoices");
  g_assert_cmpstr (ef_dashboard_card_get_page (settled_card (page, "meals")), ==, "reservations");

  card = settled_card (page, "meals");
  g_test_message ("deadline: %s", sentence);
  g_assert_nonnull (strstr (ef_dashboard_card_get_details (card), sentence));

  card = settled_card (page, "family");
  g_assert_nonnull (strstr (ef_dashboard_card_get_details (card), "Léa Martin"));
  g_assert_nonnull (strstr (ef_dashboard_card_get_details (card), "Hugo Martin"));

  card = settled_card (page, "enrolments");
  g_assert_nonnull (strstr (ef_dashboard_card_get_details (card), "Léa"));

  /* The children's lines come in the family's order (Léa, then Hugo),
   * whichever answer comes first: the answers cross often enough that
   * reloading a dozen times shows it. */
  for (guint i = 0; i < 12; i++)
    {
      if (i > 0)
        ef_dashboard_page_reload (EF_DASHBOARD_PAGE (page));
      assert_in_order (ef_dashboard_card_get_details (settled_card (page, "meals")),
                       "Léa", "Hugo");
      assert_in_order (ef_dashboard_card_get_details (settled_card (page, "enrolments")),
                       "Léa", "Hugo");
    }

  /* The previous successful sign-in, not this test's. */
  card = settled_card (page, "connection");
  {
    g_autofree char *expected = expected_previous_connection ();

    g_assert_cmpstr (ef_dashboard_card_get_headline (card), ==, expected);
  }

  ui_test_maybe_screenshot (window, "dashboard");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  ui_test_maybe_screenshot (window, "dashboard-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The family */

static gboolean
family_shown_cb (gpointer data)
{
  return g_strcmp0 (ef_family_page_get_state (data), "content") == 0;
}

/* Whether @widget, or a widget below it, is a @type whose string
 * @property is @value. */
static gboolean
has_widget_with (GtkWidget  *widget,
                 GType       type,
                 const char *property,
                 const char *value)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      g_autofree char *text = NULL;

      g_object_get (widget, property, &text, NULL);
      if (g_strcmp0 (text, value) == 0)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_widget_with (child, type, property, value))
      return TRUE;

  return FALSE;
}

static gboolean
has_group_titled (GtkWidget  *widget,
                  const char *title)
{
  return has_widget_with (widget, ADW_TYPE_PREFERENCES_GROUP, "title", title);
}

static gboolean
has_row_subtitled (GtkWidget  *widget,
                   const char *subtitle)
{
  return has_widget_with (widget, ADW_TYPE_ACTION_ROW, "subtitle", subtitle);
}

typedef struct {
  EfMemberEditor *editor;
  const char     *field;
} FieldWait;

static gboolean
field_error_cb (gpointer data)
{
  FieldWait *wait = data;

  return !ef_member_editor_get_busy (wait->editor) &&
         ef_member_editor_get_field_error (wait->editor, wait->field) != NULL;
}

typedef struct {
  GtkWidget  *page;
  const char *subtitle;
} RowWait;

static gboolean
row_shown_cb (gpointer data)
{
  RowWait *wait = data;

  return has_row_subtitled (wait->page, wait->subtitle);
}

static void
test_family (void)
{
  GtkWidget *page = ef_family_page_new (client);
  GtkWidget *window = show_page (page, 1000);
  g_autoptr (EfFamily) before = NULL;
  g_autoptr (EfFamily) after = NULL;
  g_autoptr (EfPhone) phone = NULL;
  g_autofree char *old_number = NULL;
  EfMember *claire;
  GtkWindow *editor;
  FieldWait field_wait;
  RowWait row_wait;

  g_assert_true (ui_test_wait_until (family_shown_cb, page));
  {
    g_autoptr (EfFamily) family = get_family ();
    g_assert_true (has_group_titled (page, ef_family_get_name (family)));
  }
  g_assert_true (has_group_titled (page, "Léa Martin"));
  g_assert_true (has_group_titled (page, "Hugo Martin"));
  g_assert_true (has_row_subtitled (page, "Monday 14 March 2016"));
  ui_test_maybe_screenshot (window, "family");

  before = get_family ();
  claire = find_member (before, "Claire");
  phone = g_list_model_get_item (ef_member_get_phones (claire), 0);
  old_number = g_strdup (ef_phone_get_number (phone));

  /* An invalid phone: the portal's sentence under the field, nothing changed. */
  editor = ef_family_page_edit_member (EF_FAMILY_PAGE (page), ef_member_get_id (claire));
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (ef_member_editor_get_field_row (EF_MEMBER_EDITOR (editor),
                                                                       "phones[0].number")),
                         "12");
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  ef_member_editor_save (EF_MEMBER_EDITOR (editor));
  field_wait = (FieldWait) { EF_MEMBER_EDITOR (editor), "phones[0].number" };
  g_assert_true (ui_test_wait_until (field_error_cb, &field_wait));
  g_test_message ("field error: %s",
                  ef_member_editor_get_field_error (EF_MEMBER_EDITOR (editor), "phones[0].number"));
  g_assert_null (ef_member_editor_get_field_error (EF_MEMBER_EDITOR (editor), "email"));
  ui_test_maybe_screenshot (GTK_WIDGET (editor), "member-editor-error");

  after = get_family ();
  g_clear_object (&phone);
  phone = g_list_model_get_item (ef_member_get_phones (find_member (after, "Claire")), 0);
  g_assert_cmpstr (ef_phone_get_number (phone), ==, old_number);

  /* A valid one: saved, the editor closes, the page shows it. */
  gtk_editable_set_text (GTK_EDITABLE (ef_member_editor_get_field_row (EF_MEMBER_EDITOR (editor),
                                                                       "phones[0].number")),
                         "06 11 22 33 44");
  ef_member_editor_save (EF_MEMBER_EDITOR (editor));
  row_wait = (RowWait) { page, "06 11 22 33 44" };
  g_assert_true (ui_test_wait_until (row_shown_cb, &row_wait));
  g_assert_null (editor);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  ui_test_maybe_screenshot (window, "family-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The enrolments */

static gboolean
enrolments_shown_cb (gpointer data)
{
  return g_strcmp0 (ef_enrolments_page_get_state (data), "list") == 0;
}

static gboolean
first_enrolment_named_cb (gpointer data)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (ef_enrolments_page_get_list (EF_ENROLMENTS_PAGE (data)), 0);

  return row != NULL && g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Éducation");
}

static void
test_enrolments (void)
{
  GtkWidget *page = ef_enrolments_page_new (client);
  GtkWidget *window = show_page (page, 1000);
  g_autoptr (EfFamily) family = get_family ();
  EfMember *hugo = find_member (family, "Hugo");
  GListModel *enrolments;
  g_autoptr (EfEnrolment) enrolment = NULL;
  g_autofree char *period = NULL;
  RowWait row_wait;

  g_assert_true (ui_test_wait_until (enrolments_shown_cb, page));
  enrolments = ef_enrolments_page_get_enrolments (EF_ENROLMENTS_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (enrolments), >, 0);
  enrolment = g_list_model_get_item (enrolments, 0);
  period = _ef_page_text_period (ef_enrolment_get_first_day (enrolment),
                                 ef_enrolment_get_last_day (enrolment));
  g_assert_true (g_str_has_prefix (period, "from "));
  g_test_message ("%s: %s", ef_enrolment_get_activity_name (enrolment), period);
  row_wait = (RowWait) { page, NULL };
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (ef_enrolments_page_get_list (EF_ENROLMENTS_PAGE (page)), 0);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     ef_enrolment_get_activity_name (enrolment));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), period));
  }
  (void) row_wait;
  /* The service as the town names it, not its code. */
  g_assert_cmpstr (ef_enrolment_get_service (enrolment), ==, "education");
  g_assert_true (ui_test_wait_until (first_enrolment_named_cb, page));
  ui_test_maybe_screenshot (window, "enrolments");

  /* A click on another child's name. */
  ef_enrolments_page_select_member (EF_ENROLMENTS_PAGE (page), ef_member_get_id (hugo));
  g_assert_true (ui_test_wait_until (enrolments_shown_cb, page));
  g_clear_object (&enrolment);
  enrolment = g_list_model_get_item (ef_enrolments_page_get_enrolments (EF_ENROLMENTS_PAGE (page)), 0);
  g_assert_cmpint (ef_enrolment_get_member_id (enrolment), ==, ef_member_get_id (hugo));

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  ui_test_maybe_screenshot (window, "enrolments-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The history */

static gboolean
history_settled_cb (gpointer data)
{
  return g_strcmp0 (ef_history_page_get_state (data, "connections"), "loading") != 0 &&
         g_strcmp0 (ef_history_page_get_state (data, "payments"), "loading") != 0;
}

static guint
n_rows (GtkWidget  *page,
        const char *view)
{
  GtkListBox *list = ef_history_page_get_list (EF_HISTORY_PAGE (page), view);
  guint n = 0;

  if (g_strcmp0 (ef_history_page_get_state (EF_HISTORY_PAGE (page), view), "list") != 0)
    return 0;
  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static const char *
row_title (GtkWidget  *page,
           const char *view,
           int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (ef_history_page_get_list (EF_HISTORY_PAGE (page), view), index);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
test_history (void)
{
  GtkWidget *page = ef_history_page_new (client);
  GtkWidget *window = show_page (page, 1000);
  EfHistoryPage *history = EF_HISTORY_PAGE (page);
  gboolean found = FALSE;

  /* The week of 23 November: the demo's sign-in of the 24th, and this test's. */
  ef_history_page_set_period (history, FALSE, ef_day_new (2026, 11, 24));
  g_assert_true (ui_test_wait_until (history_settled_cb, page));
  g_assert_cmpstr (ef_history_page_get_period_label (history), ==, "Week of 23 November 2026");
  for (guint i = 0; i < n_rows (page, "connections"); i++)
    found |= g_str_equal (row_title (page, "connections", i), "Tuesday 24 November 2026 at 21:05");
  g_assert_true (found);
  ui_test_maybe_screenshot (window, "history");

  /* The week of 16 November: only the 16th. */
  gtk_widget_activate_action (page, "history.previous", NULL);
  g_assert_true (ui_test_wait_until (history_settled_cb, page));
  g_assert_cmpstr (ef_history_page_get_period_label (history), ==, "Week of 16 November 2026");
  g_assert_cmpuint (n_rows (page, "connections"), ==, 1);
  g_assert_cmpstr (row_title (page, "connections", 0), ==, "Monday 16 November 2026 at 12:31");

  /* October by month: the failed and the successful sign-ins of the 19th,
   * and the online payment of the 5th. */
  ef_history_page_set_period (history, TRUE, ef_day_new (2026, 10, 1));
  g_assert_true (ui_test_wait_until (history_settled_cb, page));
  g_assert_cmpstr (ef_history_page_get_period_label (history), ==, "October 2026");
  g_assert_cmpuint (n_rows (page, "connections"), ==, 3);
  g_assert_cmpuint (n_rows (page, "payments"), >=, 1);
  ef_history_page_set_view (history, "payments");
  ui_test_maybe_screenshot (window, "history-payments");

  /* A week with nothing: the empty state says what would be there. */
  ef_history_page_set_period (history, FALSE, ef_day_new (2026, 11, 10));
  g_assert_true (ui_test_wait_until (history_settled_cb, page));
  g_assert_cmpstr (ef_history_page_get_state (history, "connections"), ==, "empty");
  ui_test_maybe_screenshot (window, "history-empty");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  ef_history_page_set_view (history, "connections");
  ef_history_page_set_period (history, FALSE, ef_day_new (2026, 11, 24));
  g_assert_true (ui_test_wait_until (history_settled_cb, page));
  ui_test_maybe_screenshot (window, "history-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* GTK 4.8 under a bare Xvfb, with no window manager to move the X focus:
 * an entry of a dialog destroyed with the keyboard focus may warn that it
 * saw no focus-out. Only that warning is dropped; GTK logs it structured,
 * which g_test_log_set_fatal_handler() does not see. */
static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "did not receive a focus-out event") != NULL)
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  EfTestDemo demo = { 0 };
  g_autofree char *url = NULL;
  int status;

  g_log_set_writer_func (log_writer_cb, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ef_test_demo_start (&demo);
  /* The clock first: the sessions then begin at the test's time. */
  ef_test_demo_sign_in (&demo, NOW);

  url = ef_test_server_portal_url (demo.server, "7249");
  client = ui_test_signed_in_client (url, demo.email, demo.password);

  application = ui_test_application_new (NULL);

  g_test_add_func ("/ui/pages/dashboard", test_dashboard);
  g_test_add_func ("/ui/pages/family", test_family);
  g_test_add_func ("/ui/pages/enrolments", test_enrolments);
  g_test_add_func ("/ui/pages/history", test_history);

  status = g_test_run ();

  g_clear_object (&client);
  g_clear_object (&application);
  ef_test_demo_clear (&demo);

  return status;
}
