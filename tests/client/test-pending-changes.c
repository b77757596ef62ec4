/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pending-changes.c: the calendar's unsaved changes, without a server */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include "api/ef-client-json.h"
#include "models/ef-pending-changes.h"

#define MEMBER 12
#define OTHER_MEMBER 13
#define MEAL "restaurant-scolaire"
#define EVENING "accueil-soir"

/* Monday 2 to Sunday 8 November 2026, for @member: the meal reserved on
 * Monday and Tuesday, free on Thursday and Friday, closed on Wednesday
 * and the weekend; the evening free, Monday past its deadline. */
static EfPlanning *
make_planning (gint64      member,
               gint64      version,
               const char *thursday_meal_state)
{
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  EfPlanning *planning;

  json = g_strdup_printf (
    "{\"member\": %" G_GINT64_FORMAT ", \"from\": \"2026-11-02\", \"to\": \"2026-11-08\","
    " \"time_zone\": \"Europe/Paris\", \"version\": %" G_GINT64_FORMAT ", \"activities\": ["
    "  {\"activity\": \"" MEAL "\", \"name\": \"Restauration scolaire\", \"service\": \"education\","
    "   \"site\": \"École\", \"unit_price_cents\": 350, \"days\": ["
    "    {\"day\": \"2026-11-02\", \"state\": \"reserved\", \"changeable\": true, \"deadline\": \"2026-10-28T09:00:00+01:00\"},"
    "    {\"day\": \"2026-11-03\", \"state\": \"reserved\", \"changeable\": true, \"deadline\": \"2026-10-29T09:00:00+01:00\"},"
    "    {\"day\": \"2026-11-04\", \"state\": \"closed\", \"reason\": \"not_running\", \"changeable\": false},"
    "    {\"day\": \"2026-11-05\", \"state\": \"%s\", \"changeable\": true, \"deadline\": \"2026-11-02T09:00:00+01:00\"},"
    "    {\"day\": \"2026-11-06\", \"state\": \"free\", \"changeable\": true, \"deadline\": \"2026-11-03T09:00:00+01:00\"},"
    "    {\"day\": \"2026-11-07\", \"state\": \"closed\", \"reason\": \"weekend\", \"changeable\": false},"
    "    {\"day\": \"2026-11-08\", \"state\": \"closed\", \"reason\": \"weekend\", \"changeable\": false}]},"
    "  {\"activity\": \"" EVENING "\", \"name\": \"Accueil du soir\", \"service\": \"education\","
    "   \"site\": \"École\", \"unit_price_cents\": 180, \"days\": ["
    "    {\"day\": \"2026-11-02\", \"state\": \"free\", \"changeable\": false, \"deadline\": \"2026-10-28T09:00:00+01:00\"},"
    "    {\"day\": \"2026-11-03\", \"state\": \"free\", \"changeable\": true, \"deadline\": \"2026-10-29T09:00:00+01:00\"},"
    "    {\"day\": \"2026-11-04\", \"state\": \"closed\", \"reason\": \"not_running\", \"changeable\": false},"
    "    {\"day\": \"2026-11-05\", \"state\": \"free\", \"changeable\": true, \"deadline\": \"2026-11-02T09:00:00+01:00\"},"
    "    {\"day\": \"2026-11-06\", \"state\": \"free\", \"changeable\": true, \"deadline\": \"2026-11-03T09:00:00+01:00\"},"
    "    {\"day\": \"2026-11-07\", \"state\": \"closed\", \"reason\": \"weekend\", \"changeable\": false},"
    "    {\"day\": \"2026-11-08\", \"state\": \"closed\", \"reason\": \"weekend\", \"changeable\": false}]}]}",
    member, version, thursday_meal_state);

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  planning = _ef_planning_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (planning);
  return planning;
}

static EfPlanningDay *
day_of (EfPlanning *planning,
        const char *activity,
        int         mday)
{
  EfPlanningDay *day = ef_planning_lookup_day (planning, activity, ef_day_new (2026, 11, mday));

  g_assert_nonnull (day);
  return day;
}

typedef struct {
  guint signals;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  ItemsChanged *count = user_data;

  count->signals++;
  count->removed += removed;
  count->added += added;
}

static void
on_notify_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* The list is sorted by member, activity, day, and agrees with lookup(). */
static void
assert_consistent (EfPendingChanges *changes)
{
  GListModel *model = G_LIST_MODEL (changes);
  guint n = g_list_model_get_n_items (model);
  guint n_added = 0;
  g_autoptr (EfReservationChange) previous = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfReservationChange) change = g_list_model_get_item (model, i);
      gboolean reserved;

      g_assert_true (ef_pending_changes_lookup (changes,
                                                ef_reservation_change_get_member_id (change),
                                                ef_reservation_change_get_activity (change),
                                                ef_reservation_change_get_day (change),
                                                &reserved));
      g_assert_cmpint (reserved, ==, ef_reservation_change_get_reserved (change));
      if (reserved)
        n_added++;

      if (previous != NULL)
        {
          gint64 pm = ef_reservation_change_get_member_id (previous);
          gint64 cm = ef_reservation_change_get_member_id (change);
          int order = strcmp (ef_reservation_change_get_activity (previous),
                              ef_reservation_change_get_activity (change));

          g_assert_true (pm < cm ||
                         (pm == cm && order < 0) ||
                         (pm == cm && order == 0 &&
                          ef_reservation_change_get_day (previous) < ef_reservation_change_get_day (change)));
        }
      g_set_object (&previous, change);
    }

  g_assert_null (g_list_model_get_item (model, n));
  g_assert_cmpuint (ef_pending_changes_get_n_added (changes), ==, n_added);
  g_assert_cmpuint (ef_pending_changes_get_n_removed (changes), ==, n - n_added);
}

static void
test_planning_model (void)
{
  g_autoptr (EfPlanning) planning = make_planning (MEMBER, 4, "free");
  EfPlanningDay *day;

  g_assert_cmpuint (g_list_model_get_n_items (ef_planning_get_activities (planning)), ==, 2);
  day = day_of (planning, MEAL, 4);
  g_assert_cmpint (ef_planning_day_get_state (day), ==, EF_DAY_STATE_CLOSED);
  g_assert_cmpint (ef_planning_day_get_closed_reason (day), ==, EF_CLOSED_REASON_NOT_RUNNING);
  g_assert_false (ef_planning_day_get_changeable (day));
  day = day_of (planning, MEAL, 2);
  g_assert_true (ef_planning_day_is_reserved (day));
  g_assert_cmpstr (ef_planning_day_get_activity (day), ==, MEAL);
  g_assert_cmpint (ef_planning_day_get_member_id (day), ==, MEMBER);
}

static void
test_toggle_back_is_no_change (void)
{
  g_autoptr (EfPlanning) planning = make_planning (MEMBER, 4, "free");
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  ItemsChanged count = { 0 };
  gboolean reserved;

  g_signal_connect (changes, "items-changed", G_CALLBACK (on_items_changed_cb), &count);

  /* Reserve a free day, then un-reserve it: nothing to save. */
  g_assert_true (ef_pending_changes_reserve (changes, day_of (planning, MEAL, 5)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 1);
  g_assert_cmpuint (ef_pending_changes_get_n_added (changes), ==, 1);
  g_assert_true (ef_pending_changes_lookup (changes, MEMBER, MEAL, ef_day_new (2026, 11, 5),
                                            &reserved));
  g_assert_true (reserved);
  g_assert_true (ef_pending_changes_is_reserved (changes, day_of (planning, MEAL, 5)));

  g_assert_true (ef_pending_changes_cancel (changes, day_of (planning, MEAL, 5)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 0);
  g_assert_cmpuint (ef_pending_changes_get_n_added (changes), ==, 0);
  g_assert_false (ef_pending_changes_lookup (changes, MEMBER, MEAL, ef_day_new (2026, 11, 5), NULL));
  g_assert_cmpuint (count.signals, ==, 2);

  /* Cancel a reserved day, toggle it back. */
  g_assert_true (ef_pending_changes_toggle (changes, day_of (planning, MEAL, 2)));
  g_assert_cmpuint (ef_pending_changes_get_n_removed (changes), ==, 1);
  g_assert_false (ef_pending_changes_is_reserved (changes, day_of (planning, MEAL, 2)));
  g_assert_true (ef_pending_changes_toggle (changes, day_of (planning, MEAL, 2)));
  g_assert_cmpuint (ef_pending_changes_get_n_removed (changes), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 0);

  /* Asking for the state a day already has is no change either. */
  g_assert_true (ef_pending_changes_reserve (changes, day_of (planning, MEAL, 2)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 0);
  assert_consistent (changes);
}

static void
test_locked_days (void)
{
  g_autoptr (EfPlanning) planning = make_planning (MEMBER, 4, "free");
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();

  g_assert_false (ef_pending_changes_reserve (changes, day_of (planning, MEAL, 4)));
  g_assert_false (ef_pending_changes_reserve (changes, day_of (planning, MEAL, 7)));
  g_assert_false (ef_pending_changes_toggle (changes, day_of (planning, EVENING, 2)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 0);
  g_assert_false (ef_pending_changes_get_can_undo (changes));
}

static void
test_counts_and_order (void)
{
  g_autoptr (EfPlanning) planning = make_planning (MEMBER, 4, "free");
  g_autoptr (EfPlanning) other = make_planning (OTHER_MEMBER, 1, "free");
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  guint notified = 0;

  g_signal_connect_swapped (changes, "notify::n-added", G_CALLBACK (on_notify_cb), &notified);

  ef_pending_changes_reserve (changes, day_of (other, MEAL, 6));
  ef_pending_changes_reserve (changes, day_of (planning, MEAL, 6));
  ef_pending_changes_reserve (changes, day_of (planning, EVENING, 3));
  ef_pending_changes_cancel (changes, day_of (planning, MEAL, 3));
  ef_pending_changes_reserve (changes, day_of (planning, MEAL, 5));
  ef_pending_changes_cancel (changes, day_of (planning, MEAL, 2));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 6);
  g_assert_cmpuint (ef_pending_changes_get_n_added (changes), ==, 4);
  g_assert_cmpuint (ef_pending_changes_get_n_removed (changes), ==, 2);
  g_assert_cmpuint (notified, ==, 4);
  assert_consistent (changes);

  {
    g_autoptr (EfReservationChange) first = g_list_model_get_item (G_LIST_MODEL (changes), 0);
    g_autoptr (EfReservationChange) last = g_list_model_get_item (G_LIST_MODEL (changes), 5);

    g_assert_cmpstr (ef_reservation_change_get_activity (first), ==, EVENING);
    g_assert_cmpint (ef_reservation_change_get_member_id (last), ==, OTHER_MEMBER);
  }
}

static void
test_undo (void)
{
  g_autoptr (EfPlanning) planning = make_planning (MEMBER, 4, "free");
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  ItemsChanged count = { 0 };

  g_assert_false (ef_pending_changes_undo (changes));

  ef_pending_changes_reserve (changes, day_of (planning, MEAL, 5));
  ef_pending_changes_cancel (changes, day_of (planning, MEAL, 2));
  g_assert_true (ef_pending_changes_get_can_undo (changes));

  /* A drag over four days is one operation; a closed day in it is skipped. */
  g_signal_connect (changes, "items-changed", G_CALLBACK (on_items_changed_cb), &count);
  ef_pending_changes_begin_operation (changes);
  for (int mday = 3; mday <= 6; mday++)
    ef_pending_changes_toggle (changes, day_of (planning, EVENING, mday));
  ef_pending_changes_end_operation (changes);
  g_assert_cmpuint (count.signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 5);
  assert_consistent (changes);

  /* Undo the drag at once. */
  g_assert_true (ef_pending_changes_undo (changes));
  g_assert_cmpuint (count.signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 2);
  g_assert_false (ef_pending_changes_lookup (changes, MEMBER, EVENING, ef_day_new (2026, 11, 3),
                                             NULL));
  assert_consistent (changes);

  /* A change of a day already changed: undo brings the earlier change back. */
  ef_pending_changes_set_reserved (changes, MEMBER, MEAL, ef_day_new (2026, 11, 2), TRUE, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 1);
  g_assert_true (ef_pending_changes_undo (changes));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 2);
  g_assert_false (ef_pending_changes_is_reserved (changes, day_of (planning, MEAL, 2)));
  assert_consistent (changes);

  g_assert_true (ef_pending_changes_undo (changes));
  g_assert_true (ef_pending_changes_undo (changes));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 0);
  g_assert_false (ef_pending_changes_get_can_undo (changes));
  g_assert_false (ef_pending_changes_undo (changes));
  assert_consistent (changes);
}

static void
test_bulk_year (void)
{
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  ItemsChanged count = { 0 };
  EfDay first = ef_day_new (2026, 9, 1);

  g_signal_connect (changes, "items-changed", G_CALLBACK (on_items_changed_cb), &count);

  /* "Reserve every day of the year" for three children and two activities. */
  ef_pending_changes_begin_operation (changes);
  for (gint64 member = 1; member <= 3; member++)
    for (EfDay day = first; day < first + 306; day++)
      {
        ef_pending_changes_set_reserved (changes, member, MEAL, day, FALSE, TRUE);
        ef_pending_changes_set_reserved (changes, member, EVENING, day, FALSE, TRUE);
      }
  ef_pending_changes_end_operation (changes);

  g_assert_cmpuint (count.signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 3 * 2 * 306);
  g_assert_cmpuint (ef_pending_changes_get_n_added (changes), ==, 3 * 2 * 306);
  assert_consistent (changes);

  g_assert_true (ef_pending_changes_undo (changes));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 0);
  g_assert_cmpuint (count.signals, ==, 2);
}

static void
test_to_batch (void)
{
  g_autoptr (EfPlanning) planning = make_planning (MEMBER, 4, "free");
  g_autoptr (EfPlanning) other = make_planning (OTHER_MEMBER, 1, "free");
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  g_autoptr (JsonNode) batch = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *root, *versions, *change;
  JsonArray *array;

  batch = ef_pending_changes_to_batch (changes, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (batch);
  g_clear_error (&error);

  ef_pending_changes_cancel (changes, day_of (planning, MEAL, 2));
  ef_pending_changes_reserve (changes, day_of (other, EVENING, 3));

  /* No version for the members yet. */
  batch = ef_pending_changes_to_batch (changes, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  ef_pending_changes_set_version (changes, MEMBER, ef_planning_get_version (planning));
  ef_pending_changes_set_version (changes, OTHER_MEMBER, ef_planning_get_version (other));
  ef_pending_changes_set_version (changes, 99, 7);
  batch = ef_pending_changes_to_batch (changes, &error);
  g_assert_no_error (error);

  root = json_node_get_object (batch);
  array = json_object_get_array_member (root, "changes");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  change = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (change, "member"), ==, MEMBER);
  g_assert_cmpstr (json_object_get_string_member (change, "activity"), ==, MEAL);
  g_assert_cmpstr (json_object_get_string_member (change, "day"), ==, "2026-11-02");
  g_assert_false (json_object_get_boolean_member (change, "reserved"));
  change = json_array_get_object_element (array, 1);
  g_assert_true (json_object_get_boolean_member (change, "reserved"));

  /* Only the members of the changes, with the versions they were made on. */
  versions = json_object_get_object_member (root, "versions");
  g_assert_cmpuint (json_object_get_size (versions), ==, 2);
  g_assert_cmpint (json_object_get_int_member (versions, "12"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (versions, "13"), ==, 1);
}

static void
test_rebase (void)
{
  g_autoptr (EfPlanning) planning = make_planning (MEMBER, 4, "free");
  g_autoptr (EfPlanning) other = make_planning (OTHER_MEMBER, 1, "free");
  /* Meanwhile someone reserved Thursday's meal. */
  g_autoptr (EfPlanning) fresh = make_planning (MEMBER, 5, "reserved");
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  gint64 version;

  ef_pending_changes_set_version (changes, MEMBER, 4);
  ef_pending_changes_set_version (changes, OTHER_MEMBER, 1);
  ef_pending_changes_reserve (changes, day_of (planning, MEAL, 5));
  ef_pending_changes_reserve (changes, day_of (planning, MEAL, 6));
  ef_pending_changes_reserve (changes, day_of (other, MEAL, 5));
  g_assert_true (ef_pending_changes_get_can_undo (changes));

  g_assert_cmpuint (ef_pending_changes_rebase (changes, fresh), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 2);
  g_assert_false (ef_pending_changes_lookup (changes, MEMBER, MEAL, ef_day_new (2026, 11, 5), NULL));
  g_assert_true (ef_pending_changes_lookup (changes, MEMBER, MEAL, ef_day_new (2026, 11, 6), NULL));
  /* Another member's changes are not touched. */
  g_assert_true (ef_pending_changes_lookup (changes, OTHER_MEMBER, MEAL, ef_day_new (2026, 11, 5),
                                            NULL));
  g_assert_true (ef_pending_changes_get_version (changes, MEMBER, &version));
  g_assert_cmpint (version, ==, 5);
  g_assert_false (ef_pending_changes_get_can_undo (changes));
  assert_consistent (changes);

  /* Nothing to drop: the version is taken all the same. */
  g_clear_object (&fresh);
  fresh = make_planning (MEMBER, 6, "reserved");
  g_assert_cmpuint (ef_pending_changes_rebase (changes, fresh), ==, 0);
  g_assert_true (ef_pending_changes_get_version (changes, MEMBER, &version));
  g_assert_cmpint (version, ==, 6);
}

static void
test_remove_and_clear (void)
{
  g_autoptr (EfPlanning) planning = make_planning (MEMBER, 4, "free");
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  gint64 version;

  ef_pending_changes_set_version (changes, MEMBER, 4);
  ef_pending_changes_reserve (changes, day_of (planning, MEAL, 5));
  ef_pending_changes_reserve (changes, day_of (planning, MEAL, 6));

  ef_pending_changes_remove (changes, MEMBER, MEAL, ef_day_new (2026, 11, 5));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 1);
  g_assert_true (ef_pending_changes_undo (changes));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 2);

  ef_pending_changes_clear (changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 0);
  g_assert_cmpuint (ef_pending_changes_get_n_added (changes), ==, 0);
  g_assert_false (ef_pending_changes_get_can_undo (changes));
  g_assert_true (ef_pending_changes_get_version (changes, MEMBER, &version));
  g_assert_cmpint (version, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pending-changes/planning-model", test_planning_model);
  g_test_add_func ("/pending-changes/toggle-back", test_toggle_back_is_no_change);
  g_test_add_func ("/pending-changes/locked-days", test_locked_days);
  g_test_add_func ("/pending-changes/counts-and-order", test_counts_and_order);
  g_test_add_func ("/pending-changes/undo", test_undo);
  g_test_add_func ("/pending-changes/bulk-year", test_bulk_year);
  g_test_add_func ("/pending-changes/to-batch", test_to_batch);
  g_test_add_func ("/pending-changes/rebase", test_rebase);
  g_test_add_func ("/pending-changes/remove-and-clear", test_remove_and_clear);

  return g_test_run ();
}
