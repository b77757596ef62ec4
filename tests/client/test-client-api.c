/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-client-api.c: every call of EfClient against a live server (demo
 * data, test clock) */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "api/ef-client.h"
#include "client-test-util.h"
#include "ef-test-api.h"
#include "ef-test-db.h"
#include "ef-test-server.h"

/* Léa's meal is reserved on this Monday; its deadline is 2026-10-28 09:00. */
#define A_MONDAY "2026-11-02"
#define MEAL "restaurant-scolaire"
#define MORNING "accueil-matin"

/* The demo server; its family signs in through the client, in the tests. */
typedef struct {
  EfTestDemo  demo;
  char       *portal_url;
  EfClient   *client;
} Fixture;

static void
set_clock (Fixture    *fixture,
           const char *now)
{
  ef_test_api_set_clock (fixture->demo.session, fixture->demo.server, NULL, now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ef_test_demo_start (&fixture->demo);
  fixture->portal_url = ef_test_server_portal_url (fixture->demo.server, "7249");
  fixture->client = ef_client_new (fixture->portal_url);
  set_clock (fixture, "2026-10-05T08:00:00+02:00");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  ef_test_demo_clear (&fixture->demo);
  g_free (fixture->portal_url);
}

/* ---- one synchronous helper per call ------------------------------------ */

static gboolean
sign_in (EfClient    *client,
         const char  *email,
         const char  *password,
         gboolean     remember,
         GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_sign_in_async (client, email, password, remember, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_sign_in_finish (client, result, error);
}

static void
sign_in_ok (Fixture  *fixture,
            EfClient *client,
            gboolean  remember)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sign_in (client, fixture->demo.email, fixture->demo.password, remember, &error));
  g_assert_no_error (error);
}

static EfFamily *
get_family (EfClient  *client,
            GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_family_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_get_family_finish (client, result, error);
}

static EfMember *
find_member (EfFamily   *family,
             const char *first_name)
{
  GListModel *members = ef_family_get_members (family);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);

      if (g_strcmp0 (ef_member_get_first_name (member), first_name) == 0)
        return member;
    }

  g_error ("no member %s", first_name);
}

static gint64
member_id (EfClient   *client,
           const char *first_name)
{
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;

  family = get_family (client, &error);
  g_assert_no_error (error);
  return ef_member_get_id (find_member (family, first_name));
}

static EfMember *
update_member (EfClient       *client,
               gint64          id,
               EfMemberPatch  *patch,
               GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_update_member_async (client, id, patch, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_update_member_finish (client, result, error);
}

static EfPlanning *
get_planning (EfClient    *client,
              gint64       id,
              const char  *from,
              const char  *to,
              GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_planning_async (client, id, ef_day_parse_iso (from, NULL),
                                ef_day_parse_iso (to, NULL), NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_get_planning_finish (client, result, error);
}

static EfReservationResult *
save (EfClient          *client,
      EfPendingChanges  *changes,
      GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_save_reservations_async (client, changes, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_save_reservations_finish (client, result, error);
}

static EfPlanningDay *
planning_day (EfPlanning *planning,
              const char *activity,
              const char *day)
{
  EfPlanningDay *found = ef_planning_lookup_day (planning, activity, ef_day_parse_iso (day, NULL));

  g_assert_nonnull (found);
  return found;
}

static void
on_signal_count_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* ---- sign-in ----------------------------------------------------------- */

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  guint notified = 0;

  g_assert_false (ef_client_get_signed_in (fixture->client));
  g_signal_connect_swapped (fixture->client, "notify::signed-in",
                            G_CALLBACK (on_signal_count_cb), &notified);

  sign_in_ok (fixture, fixture->client, FALSE);
  g_assert_true (ef_client_get_signed_in (fixture->client));
  g_assert_cmpstr (ef_client_get_account_email (fixture->client), ==, fixture->demo.email);
  g_assert_cmpint (ef_client_get_account_member_id (fixture->client), >, 0);
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) wrong = NULL;
  g_autoptr (GError) unknown = NULL;

  g_assert_false (sign_in (fixture->client, fixture->demo.email, "not-the-password", FALSE, &wrong));
  g_assert_error (wrong, EF_CLIENT_ERROR, EF_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_false (sign_in (fixture->client, "personne@example.fr", "not-the-password", FALSE,
                           &unknown));
  g_assert_error (unknown, EF_CLIENT_ERROR, EF_CLIENT_ERROR_UNAUTHORIZED);

  /* The same sentence for both, and none of the server's words. */
  g_assert_cmpstr (ef_client_error_get_user_message (wrong), ==,
                   ef_client_error_get_user_message (unknown));
  g_assert_null (strstr (ef_client_error_get_user_message (wrong), "Invalid"));
  g_assert_false (ef_client_get_signed_in (fixture->client));
}

static void
test_locked_account (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) expected = NULL;
  GDateTime *until;

  for (int i = 0; i < 4; i++)
    {
      g_autoptr (GError) wrong = NULL;

      g_assert_false (sign_in (fixture->client, fixture->demo.email, "not-the-password", FALSE, &wrong));
      g_assert_error (wrong, EF_CLIENT_ERROR, EF_CLIENT_ERROR_UNAUTHORIZED);
    }

  /* The fifth wrong password locks the account for 15 minutes. */
  g_assert_false (sign_in (fixture->client, fixture->demo.email, "not-the-password", FALSE, &error));
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_ACCOUNT_LOCKED);
  until = ef_client_error_get_locked_until (error);
  g_assert_nonnull (until);
  expected = g_date_time_new_from_iso8601 ("2026-10-05T08:15:00+02:00", NULL);
  g_assert_cmpint (g_date_time_compare (until, expected), ==, 0);

  /* The unlock instant in the portal's time, whatever this machine's zone
   * and date: the portal's today, so the hour alone. */
  g_assert_cmpstr (ef_client_error_get_user_message (error), ==,
                   "Too many attempts: try again after 08:15.");
  g_assert_false (ef_client_error_can_retry (error));

  /* Even the right password waits. */
  g_clear_error (&error);
  g_assert_false (sign_in (fixture->client, fixture->demo.email, fixture->demo.password, FALSE, &error));
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_ACCOUNT_LOCKED);

  set_clock (fixture, "2026-10-05T08:15:01+02:00");
  sign_in_ok (fixture, fixture->client, FALSE);
}

static void
test_not_signed_in (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = get_family (fixture->client, &error);

  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_SIGNED_IN);
  g_assert_null (family);
}

static void
test_sign_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfClient) other = ef_client_new (fixture->portal_url);

  sign_in_ok (fixture, fixture->client, TRUE);
  family = get_family (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ef_client_get_members (fixture->client)), ==, 3);
  g_clear_object (&family);

  ef_client_sign_out_async (fixture->client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_out_finish (fixture->client, result, &error));
  g_assert_no_error (error);

  g_assert_false (ef_client_get_signed_in (fixture->client));
  g_assert_null (ef_client_get_account_email (fixture->client));
  g_assert_null (ef_client_get_family (fixture->client));
  g_assert_cmpuint (g_list_model_get_n_items (ef_client_get_members (fixture->client)), ==, 0);

  family = get_family (fixture->client, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_SIGNED_IN);
  g_assert_null (family);

  /* The session also ended on the server: give the logout time to arrive,
   * then check with another client that signing in still works. */
  run_main_loop_for (200);
  sign_in_ok (fixture, other, FALSE);
}

/* ---- session expiry ------------------------------------------------------ */

static void
test_session_expired_remembered (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (EfFamily) before = NULL;
  g_autoptr (EfFamily) after = NULL;
  g_autoptr (GError) error = NULL;
  guint required = 0;

  g_signal_connect_swapped (fixture->client, "sign-in-required",
                            G_CALLBACK (on_signal_count_cb), &required);
  sign_in_ok (fixture, fixture->client, TRUE);
  before = get_family (fixture->client, &error);
  g_assert_no_error (error);

  /* 31 idle minutes: the session ended; the client signs in again by
   * itself and the call succeeds. */
  set_clock (fixture, "2026-10-05T08:31:00+02:00");
  after = get_family (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_assert_cmpstr (ef_family_get_name (after), ==, "Famille Martin");
  g_assert_cmpuint (required, ==, 0);
  g_assert_true (ef_client_get_signed_in (fixture->client));
}

static void
test_session_expired_remembered_device (Fixture       *fixture,
                                        gconstpointer  data)
{
  const char *db = ef_test_server_get_db_path (fixture->demo.server);
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 connections = ef_test_db_query_int (db, "SELECT count(*) FROM connections"
                                                  " WHERE result = 'ok'");
  guint required = 0;

  g_signal_connect_swapped (fixture->client, "sign-in-required",
                            G_CALLBACK (on_signal_count_cb), &required);
  /* Remembered: the portal gave a device token (no keyring here: it is
   * kept in memory for the session). */
  sign_in_ok (fixture, fixture->client, TRUE);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM devices"), ==, 1);
  first = ef_test_db_query_text (db, "SELECT token_hash FROM devices WHERE spent_at IS NULL");

  /* Twice 31 idle minutes: each time the device signs in again, with the
   * token the previous time gave, without the password. */
  set_clock (fixture, "2026-10-05T08:31:00+02:00");
  family = get_family (fixture->client, &error);
  g_assert_no_error (error);
  g_clear_object (&family);
  second = ef_test_db_query_text (db, "SELECT token_hash FROM devices WHERE spent_at IS NULL");
  g_assert_cmpstr (second, !=, first);
  set_clock (fixture, "2026-10-05T09:02:00+02:00");
  family = get_family (fixture->client, &error);
  g_assert_no_error (error);
  g_clear_object (&family);
  /* One token to use; the spent ones are kept to recognise a copy. */
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM devices WHERE spent_at IS NULL"),
                   ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM devices"), ==, 3);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM connections"
                                             " WHERE result = 'ok'"), ==, connections + 3);
  g_assert_cmpuint (required, ==, 0);

  /* A new password forgets the device: the next end of the session needs
   * the user. */
  ef_test_db_exec (db, "UPDATE accounts SET password_hash = password_hash || 'x'");
  set_clock (fixture, "2026-10-05T09:33:00+02:00");
  family = get_family (fixture->client, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED);
  g_assert_null (family);
  g_assert_cmpuint (required, ==, 1);
  g_assert_false (ef_client_get_signed_in (fixture->client));
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM devices"), ==, 0);
}

static void
on_expired_planning_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (GError) error = NULL;

  planning = ef_client_get_planning_finish (EF_CLIENT (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (planning);
  (*done)++;
}

static void
test_session_expired_concurrent (Fixture       *fixture,
                                 gconstpointer  data)
{
  EfDay first = ef_day_new (2026, 11, 1);
  gint64 lea;
  guint done = 0;

  sign_in_ok (fixture, fixture->client, TRUE);
  lea = member_id (fixture->client, "Léa");
  set_clock (fixture, "2026-10-05T08:31:00+02:00");

  /* Several requests meet the ended session: one sign-in for all. */
  for (int i = 0; i < 4; i++)
    ef_client_get_planning_async (fixture->client, lea, first, first + 6, NULL,
                                  on_expired_planning_cb, &done);
  while (done < 4)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_session_expired_not_remembered (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;
  guint required = 0;

  g_signal_connect_swapped (fixture->client, "sign-in-required",
                            G_CALLBACK (on_signal_count_cb), &required);
  sign_in_ok (fixture, fixture->client, FALSE);

  set_clock (fixture, "2026-10-05T08:31:00+02:00");
  family = get_family (fixture->client, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED);
  g_assert_null (family);
  g_assert_cmpuint (required, ==, 1);
  g_assert_false (ef_client_get_signed_in (fixture->client));
  /* Kept, to ask for the password only. */
  g_assert_cmpstr (ef_client_get_account_email (fixture->client), ==, fixture->demo.email);

  g_clear_error (&error);
  sign_in_ok (fixture, fixture->client, FALSE);
  family = get_family (fixture->client, &error);
  g_assert_no_error (error);
}

/* ---- family ------------------------------------------------------------ */

static void
test_family (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPhone) phone = NULL;
  g_autoptr (EfPickupPerson) person = NULL;
  EfMember *claire, *lea;
  GListModel *members;

  sign_in_ok (fixture, fixture->client, FALSE);
  family = get_family (fixture->client, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (ef_family_get_name (family), ==, "Famille Martin");
  g_assert_cmpstr (ef_address_get_postal_code (ef_family_get_address (family)), ==, "64140");
  g_assert_cmpstr (ef_address_get_city (ef_family_get_address (family)), ==, "Billère");
  members = ef_family_get_members (family);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 3);
  g_assert_true (ef_client_get_family (fixture->client) == family);
  g_assert_cmpuint (g_list_model_get_n_items (ef_client_get_members (fixture->client)), ==, 3);

  claire = find_member (family, "Claire");
  g_assert_cmpint (ef_member_get_role (claire), ==, EF_MEMBER_ROLE_RESPONSIBLE);
  g_assert_cmpint (ef_member_get_id (claire), ==,
                   ef_client_get_account_member_id (fixture->client));
  g_assert_null (ef_member_get_address (claire));
  g_assert_cmpstr (ef_member_get_caf_number (claire), ==, "1234567");
  g_assert_cmpuint (ef_member_get_birth_date (claire), ==, ef_day_new (1985, 4, 23));
  g_assert_cmpuint (g_list_model_get_n_items (ef_member_get_phones (claire)), ==, 2);
  phone = g_list_model_get_item (ef_member_get_phones (claire), 1);
  g_assert_cmpint (ef_phone_get_kind (phone), ==, EF_PHONE_KIND_WORK);
  g_assert_cmpstr (ef_phone_get_number (phone), ==, "05 59 11 22 33");

  lea = find_member (family, "Léa");
  g_assert_true (ef_member_is_child (lea));
  g_assert_null (ef_member_get_email (lea));
  g_assert_cmpuint (g_list_model_get_n_items (ef_member_get_pickup_persons (lea)), ==, 2);
  person = g_list_model_get_item (ef_member_get_pickup_persons (lea), 0);
  g_assert_cmpint (ef_pickup_person_get_id (person), >, 0);
  g_assert_cmpstr (ef_pickup_person_get_relation (person), ==, "grand-mère");
  {
    g_autofree char *name = ef_member_dup_full_name (lea);

    g_assert_cmpstr (name, ==, "Léa Martin");
  }
}

static void
test_member_patch (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (EfMember) changed = NULL;
  g_autoptr (EfMemberPatch) patch = ef_member_patch_new ();
  g_autoptr (GListStore) phones = g_list_store_new (EF_TYPE_PHONE);
  g_autoptr (GListStore) persons = g_list_store_new (EF_TYPE_PICKUP_PERSON);
  g_autoptr (EfPhone) phone = ef_phone_new (EF_PHONE_KIND_HOME, "0559123456");
  g_autoptr (EfPickupPerson) person = ef_pickup_person_new (0, "Jean Martin", "06.11.22.33.44",
                                                            "grand-père");
  g_autoptr (EfPhone) stored = NULL;
  g_autoptr (EfMember) in_list = NULL;
  g_autoptr (GError) error = NULL;
  gint64 hugo;

  sign_in_ok (fixture, fixture->client, FALSE);
  family = get_family (fixture->client, &error);
  g_assert_no_error (error);
  hugo = ef_member_get_id (find_member (family, "Hugo"));

  g_list_store_append (phones, phone);
  g_list_store_append (persons, person);
  ef_member_patch_set_phones (patch, G_LIST_MODEL (phones));
  ef_member_patch_set_pickup_persons (patch, G_LIST_MODEL (persons));
  ef_member_patch_set_email (patch, "hugo.martin@example.fr");
  g_assert_false (ef_member_patch_is_empty (patch));

  changed = update_member (fixture->client, hugo, patch, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ef_member_get_email (changed), ==, "hugo.martin@example.fr");
  stored = g_list_model_get_item (ef_member_get_phones (changed), 0);
  g_assert_cmpstr (ef_phone_get_number (stored), ==, "05 59 12 34 56");
  g_assert_cmpuint (g_list_model_get_n_items (ef_member_get_pickup_persons (changed)), ==, 1);
  g_assert_cmpstr (ef_member_get_first_name (changed), ==, "Hugo");

  /* The client's list shows the member as changed. */
  in_list = g_list_model_get_item (ef_client_get_members (fixture->client), 2);
  g_assert_true (in_list == changed);
}

static void
test_member_patch_invalid (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (EfMemberPatch) patch = ef_member_patch_new ();
  g_autoptr (GListStore) phones = g_list_store_new (EF_TYPE_PHONE);
  g_autoptr (EfPhone) phone = ef_phone_new (EF_PHONE_KIND_MOBILE, "12345");
  g_autoptr (EfAddress) address = ef_address_new ("3 rue du Lac", NULL, "641", "Pau");
  g_autoptr (EfMember) changed = NULL;
  g_autoptr (GHashTable) messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamily) family = NULL;
  gint64 claire;

  sign_in_ok (fixture, fixture->client, FALSE);
  claire = member_id (fixture->client, "Claire");

  g_list_store_append (phones, phone);
  ef_member_patch_set_phones (patch, G_LIST_MODEL (phones));
  ef_member_patch_set_address (patch, address);
  ef_member_patch_set_email (patch, "pas-une-adresse");
  ef_member_patch_set_caf_number (patch, "12");

  changed = update_member (fixture->client, claire, patch, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_VALIDATION);
  g_assert_null (changed);

  messages = ef_client_error_get_field_messages (error);
  g_assert_cmpuint (g_hash_table_size (messages), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (messages, "phones[0].number"), ==,
                   ef_client_error_describe_field_code ("phones[0].number", "invalid_phone"));
  g_assert_cmpstr (g_hash_table_lookup (messages, "address.postal_code"), ==,
                   "A postal code has 5 digits.");
  g_assert_cmpstr (g_hash_table_lookup (messages, "email"), ==,
                   ef_client_error_describe_field_code ("email", "invalid_email"));
  g_assert_cmpstr (g_hash_table_lookup (messages, "caf_number"), ==,
                   "A CAF number has 7 digits.");
  g_assert_cmpstr (ef_client_error_get_field_code (error, "caf_number"), ==, "invalid_caf_number");
  g_assert_cmpstr (ef_client_error_get_api_code (error), ==, "validation_failed");
  g_assert_null (strstr (ef_client_error_get_user_message (error), "invalid"));

  /* Nothing changed. */
  family = get_family (fixture->client, &error);
  g_assert_cmpstr (ef_member_get_caf_number (find_member (family, "Claire")), ==, "1234567");
}

/* ---- planning ---------------------------------------------------------- */

static void
test_enrolments (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) enrolments = NULL;
  g_autoptr (EfEnrolment) first = NULL;
  g_autoptr (GError) error = NULL;
  gint64 lea;

  sign_in_ok (fixture, fixture->client, FALSE);
  lea = member_id (fixture->client, "Léa");

  ef_client_get_enrolments_async (fixture->client, lea, NULL, on_result_cb, &result);
  wait_for_result (&result);
  enrolments = ef_client_get_enrolments_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (enrolments), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (EfEnrolment) enrolment = g_list_model_get_item (enrolments, i);

      g_assert_cmpint (ef_enrolment_get_member_id (enrolment), ==, lea);
      g_assert_cmpuint (ef_enrolment_get_first_day (enrolment), ==, ef_day_new (2026, 9, 1));
      g_assert_cmpuint (ef_enrolment_get_last_day (enrolment), ==, ef_day_new (2027, 7, 3));
      g_assert_true (g_str_equal (ef_enrolment_get_activity (enrolment), MEAL) ||
                     g_str_equal (ef_enrolment_get_activity (enrolment), MORNING));
    }
  first = g_list_model_get_item (enrolments, 0);
  g_assert_cmpstr (ef_enrolment_get_service (first), ==, "education");
}

static void
test_planning_month (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) expected = NULL;
  EfPlanningDay *day;
  gint64 lea;

  sign_in_ok (fixture, fixture->client, FALSE);
  lea = member_id (fixture->client, "Léa");

  planning = get_planning (fixture->client, lea, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_planning_get_member_id (planning), ==, lea);
  g_assert_cmpstr (ef_planning_get_time_zone (planning), ==, "Europe/Paris");
  g_assert_cmpint (ef_planning_get_version (planning), >=, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ef_planning_get_activities (planning)), ==, 2);

  day = planning_day (planning, MEAL, A_MONDAY);
  g_assert_cmpint (ef_planning_day_get_state (day), ==, EF_DAY_STATE_RESERVED);
  g_assert_true (ef_planning_day_get_changeable (day));
  g_assert_cmpint (ef_planning_day_get_member_id (day), ==, lea);
  expected = g_date_time_new_from_iso8601 ("2026-10-28T09:00:00+01:00", NULL);
  g_assert_cmpint (g_date_time_compare (ef_planning_day_get_deadline (day), expected), ==, 0);

  day = planning_day (planning, MORNING, A_MONDAY);
  g_assert_cmpint (ef_planning_day_get_state (day), ==, EF_DAY_STATE_FREE);

  day = planning_day (planning, MEAL, "2026-11-01");
  g_assert_cmpint (ef_planning_day_get_state (day), ==, EF_DAY_STATE_CLOSED);
  g_assert_cmpint (ef_planning_day_get_closed_reason (day), ==, EF_CLOSED_REASON_WEEKEND);
  g_assert_false (ef_planning_day_get_changeable (day));
  g_assert_null (ef_planning_day_get_deadline (day));

  day = planning_day (planning, MEAL, "2026-11-11");
  g_assert_cmpint (ef_planning_day_get_closed_reason (day), ==, EF_CLOSED_REASON_PUBLIC_HOLIDAY);
  day = planning_day (planning, MEAL, "2026-11-04");
  g_assert_cmpint (ef_planning_day_get_closed_reason (day), ==, EF_CLOSED_REASON_NOT_RUNNING);

  g_assert_null (ef_planning_lookup_day (planning, MEAL, ef_day_new (2026, 12, 1)));
  g_assert_null (ef_planning_lookup_day (planning, "piscine", ef_day_new (2026, 11, 2)));
}

static void
test_planning_year (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *activities;
  guint reserved = 0;
  gint64 hugo;

  sign_in_ok (fixture, fixture->client, FALSE);
  hugo = member_id (fixture->client, "Hugo");

  planning = get_planning (fixture->client, hugo, "2026-09-01", "2027-07-03", &error);
  g_assert_no_error (error);
  activities = ef_planning_get_activities (planning);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (EfActivity) activity = g_list_model_get_item (activities, i);
      GListModel *days = ef_activity_get_days (activity);

      g_assert_cmpuint (g_list_model_get_n_items (days), ==, 306);
      g_assert_cmpint (ef_activity_get_unit_price (activity), >, 0);
      for (guint d = 0; d < 306; d++)
        {
          g_autoptr (EfPlanningDay) day = g_list_model_get_item (days, d);

          g_assert_cmpuint (ef_planning_day_get_day (day), ==, ef_day_new (2026, 9, 1) + d);
          if (ef_planning_day_is_reserved (day))
            reserved++;
        }
    }
  /* The demo reserved the meals from September to mid-December. */
  g_assert_cmpuint (reserved, >, 40);
}

/* ---- reservations ------------------------------------------------------ */

static void
test_reservations (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (EfPlanning) after = NULL;
  g_autoptr (EfReservationResult) result = NULL;
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  g_autoptr (GError) error = NULL;
  gint64 lea, version, new_version;

  sign_in_ok (fixture, fixture->client, FALSE);
  lea = member_id (fixture->client, "Léa");
  planning = get_planning (fixture->client, lea, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  version = ef_planning_get_version (planning);
  ef_pending_changes_set_version (changes, lea, version);

  g_assert_true (ef_pending_changes_cancel (changes, planning_day (planning, MEAL, A_MONDAY)));
  g_assert_true (ef_pending_changes_reserve (changes, planning_day (planning, MORNING, A_MONDAY)));
  g_assert_true (ef_pending_changes_reserve (changes, planning_day (planning, MORNING, "2026-11-03")));

  result = save (fixture->client, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_reservation_result_get_applied (result), ==, 3);
  g_assert_cmpint (ef_reservation_result_get_reserved (result), ==, 2);
  g_assert_cmpint (ef_reservation_result_get_cancelled (result), ==, 1);
  g_assert_cmpint (ef_reservation_result_get_unchanged (result), ==, 0);
  g_assert_true (ef_reservation_result_get_version (result, lea, &new_version));
  g_assert_cmpint (new_version, ==, version + 1);

  after = get_planning (fixture->client, lea, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_planning_get_version (after), ==, new_version);
  g_assert_cmpint (ef_planning_day_get_state (planning_day (after, MEAL, A_MONDAY)), ==,
                   EF_DAY_STATE_FREE);
  g_assert_cmpint (ef_planning_day_get_state (planning_day (after, MORNING, A_MONDAY)), ==,
                   EF_DAY_STATE_RESERVED);

  /* Nothing pending: nothing is sent. */
  ef_pending_changes_clear (changes);
  g_clear_object (&result);
  result = save (fixture->client, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_reservation_result_get_applied (result), ==, 0);
}

static void
test_reservations_deadline_passed (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (EfReservationResult) result = NULL;
  g_autoptr (EfPendingChanges) changes = ef_pending_changes_new ();
  g_autoptr (EfReservationChange) rejected = NULL;
  g_autoptr (GDateTime) expected = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *list;
  gint64 lea;

  /* Remembered: the session that ends meanwhile is opened again. */
  sign_in_ok (fixture, fixture->client, TRUE);
  lea = member_id (fixture->client, "Léa");
  planning = get_planning (fixture->client, lea, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  ef_pending_changes_set_version (changes, lea, ef_planning_get_version (planning));
  g_assert_true (ef_pending_changes_cancel (changes, planning_day (planning, MEAL, A_MONDAY)));

  /* The page stayed open past the deadline of that Monday. */
  set_clock (fixture, "2026-10-28T09:00:00+01:00");
  result = save (fixture->client, changes, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_DEADLINE_PASSED);
  g_assert_null (result);

  list = ef_client_error_get_rejected_changes (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  rejected = g_list_model_get_item (list, 0);
  g_assert_cmpint (ef_reservation_change_get_member_id (rejected), ==, lea);
  g_assert_cmpstr (ef_reservation_change_get_activity (rejected), ==, MEAL);
  g_assert_cmpuint (ef_reservation_change_get_day (rejected), ==, ef_day_new (2026, 11, 2));
  g_assert_false (ef_reservation_change_get_reserved (rejected));
  g_assert_cmpint (ef_reservation_change_get_rejection (rejected), ==, EF_REJECTION_DEADLINE_PASSED);
  expected = g_date_time_new_from_iso8601 ("2026-10-28T09:00:00+01:00", NULL);
  g_assert_cmpint (g_date_time_compare (ef_reservation_change_get_deadline (rejected), expected),
                   ==, 0);
  g_test_message ("%s", ef_client_error_get_user_message (error));
  g_assert_true (g_str_has_prefix (ef_client_error_get_user_message (error),
                                   "It is too late to change "));

  /* The pending change is kept for the user to decide. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (changes)), ==, 1);
}

static void
test_reservations_conflict (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (EfClient) other = ef_client_new (fixture->portal_url);
  g_autoptr (EfPlanning) mine = NULL;
  g_autoptr (EfPlanning) theirs = NULL;
  g_autoptr (EfPlanning) fresh = NULL;
  g_autoptr (EfPendingChanges) my_changes = ef_pending_changes_new ();
  g_autoptr (EfPendingChanges) their_changes = ef_pending_changes_new ();
  g_autoptr (EfReservationResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 lea, version, current;

  sign_in_ok (fixture, fixture->client, FALSE);
  sign_in_ok (fixture, other, FALSE);
  lea = member_id (fixture->client, "Léa");

  mine = get_planning (fixture->client, lea, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  theirs = get_planning (other, lea, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  version = ef_planning_get_version (mine);

  /* The other parent saves first, the morning of the 3rd. */
  ef_pending_changes_set_version (their_changes, lea, ef_planning_get_version (theirs));
  ef_pending_changes_reserve (their_changes, planning_day (theirs, MORNING, "2026-11-03"));
  result = save (other, their_changes, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The same day, and another: a stale version. */
  ef_pending_changes_set_version (my_changes, lea, version);
  ef_pending_changes_reserve (my_changes, planning_day (mine, MORNING, "2026-11-03"));
  ef_pending_changes_reserve (my_changes, planning_day (mine, MORNING, "2026-11-05"));
  result = save (fixture->client, my_changes, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_VERSION_CONFLICT);
  g_assert_null (result);
  g_assert_true (ef_client_error_get_version (error, lea, &current));
  g_assert_cmpint (current, ==, version + 1);
  g_assert_false (ef_client_error_get_version (error, lea + 1000, NULL));

  /* Reload, put the changes on top: the 3rd is already reserved. */
  g_clear_error (&error);
  fresh = get_planning (fixture->client, lea, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ef_pending_changes_rebase (my_changes, fresh), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (my_changes)), ==, 1);

  result = save (fixture->client, my_changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_reservation_result_get_reserved (result), ==, 1);
}

/* ---- passwords --------------------------------------------------------- */

static char *
reset_token_from_outbox (Fixture *fixture)
{
  const char *argv[] = { "outbox", "--db", ef_test_server_get_db_path (fixture->demo.server), NULL };
  g_autofree char *outbox = NULL;
  g_autofree char *err = NULL;
  const char *mail;

  g_assert_cmpint (ef_test_server_run_command (argv, &outbox, &err), ==, 0);
  mail = g_strrstr (outbox, "--- mail ");
  g_assert_nonnull (mail);
  mail = strstr (mail, "/reset-password?token=");
  g_assert_nonnull (mail);
  return ef_client_parse_account_token (mail);
}

static char *
reset_password (EfClient    *client,
                const char  *token,
                const char  *password,
                GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_reset_password_async (client, token, password, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_reset_password_finish (client, result, error);
}

static void
test_password_reset (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) messages = NULL;
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;
  g_autofree char *again = NULL;

  ef_client_request_password_reset_async (fixture->client, fixture->demo.email, NULL, on_result_cb,
                                          &result);
  wait_for_result (&result);
  g_assert_true (ef_client_request_password_reset_finish (fixture->client, result, &error));
  g_assert_no_error (error);

  token = reset_token_from_outbox (fixture);
  g_assert_nonnull (token);

  g_assert_null (reset_password (fixture->client, token, "court", &error));
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_VALIDATION);
  messages = ef_client_error_get_field_messages (error);
  g_assert_cmpstr (g_hash_table_lookup (messages, "password"), ==,
                   "The password must have at least 10 characters.");
  g_clear_error (&error);

  email = reset_password (fixture->client, token, "Un-nouveau-mot-de-passe", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (email, ==, fixture->demo.email);

  again = reset_password (fixture->client, token, "Un-autre-mot-de-passe", &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_LINK_USED);
  g_assert_null (again);
  g_clear_error (&error);

  g_assert_true (sign_in (fixture->client, fixture->demo.email, "Un-nouveau-mot-de-passe", FALSE,
                          &error));
  g_assert_no_error (error);
}

static void
test_invitation_invalid (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;

  token = ef_client_parse_account_token (
    "https://espacefamille.example.fr/7249/first-connection?token="
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_assert_cmpstr (token, ==, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_assert_null (ef_client_parse_account_token ("not a token"));

  ef_client_accept_invitation_async (fixture->client, token, "Un-mot-de-passe-long", NULL,
                                     on_result_cb, &result);
  wait_for_result (&result);
  email = ef_client_accept_invitation_finish (fixture->client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_LINK_INVALID);
  g_assert_null (email);
}

/* ---- billing and history ------------------------------------------------ */

static void
test_invoices (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) invoices = NULL;
  g_autoptr (GListModel) to_pay = NULL;
  g_autoptr (EfInvoice) invoice = NULL;
  g_autoptr (EfInvoice) detail = NULL;
  g_autoptr (EfFinance) finance = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  EfCents due = 0;
  guint n;

  sign_in_ok (fixture, fixture->client, FALSE);

  ef_client_get_invoices_async (fixture->client, EF_INVOICE_FILTER_ALL, NULL, on_result_cb,
                                &result);
  wait_for_result (&result);
  invoices = ef_client_get_invoices_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  n = g_list_model_get_n_items (invoices);
  g_assert_cmpuint (n, >=, 2);

  ef_client_get_invoices_async (fixture->client, EF_INVOICE_FILTER_TO_PAY, NULL, on_result_cb,
                                &result);
  wait_for_result (&result);
  to_pay = ef_client_get_invoices_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (to_pay), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (to_pay), <=, n);
  for (guint i = 0; i < g_list_model_get_n_items (to_pay); i++)
    {
      g_autoptr (EfInvoice) item = g_list_model_get_item (to_pay, i);

      g_assert_cmpint (ef_invoice_get_status (item), ==, EF_INVOICE_STATUS_TO_PAY);
      g_assert_cmpint (ef_invoice_get_balance (item), >, 0);
      due += ef_invoice_get_balance (item);
    }

  invoice = g_list_model_get_item (to_pay, 0);
  ef_client_get_invoice_async (fixture->client, ef_invoice_get_id (invoice), NULL, on_result_cb,
                               &result);
  wait_for_result (&result);
  detail = ef_client_get_invoice_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (ef_invoice_get_number (detail), ==, ef_invoice_get_number (invoice));
  g_assert_cmpint (ef_invoice_get_amount (detail), ==,
                   ef_invoice_get_balance (detail) + ef_invoice_get_paid (detail));
  g_assert_cmpuint (g_list_model_get_n_items (ef_invoice_get_lines (detail)), >=, 1);
  g_assert_cmpuint (ef_invoice_get_period_start (detail), <=, ef_invoice_get_period_end (detail));

  ef_client_get_invoice_pdf_async (fixture->client, ef_invoice_get_id (invoice), NULL,
                                   on_result_cb, &result);
  wait_for_result (&result);
  pdf = ef_client_get_invoice_pdf_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 100);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);

  ef_client_get_finance_async (fixture->client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  finance = ef_client_get_finance_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (ef_finance_get_total_due (finance), ==, due);
  g_assert_cmpint (ef_finance_get_invoices_to_pay (finance), ==,
                   g_list_model_get_n_items (to_pay));
  g_assert_true (ef_day_is_valid (ef_finance_get_oldest_due_date (finance)));

  /* Another family's invoice, or none: not found. */
  g_clear_object (&detail);
  ef_client_get_invoice_async (fixture->client, 999999, NULL, on_result_cb, &result);
  wait_for_result (&result);
  detail = ef_client_get_invoice_finish (fixture->client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_FOUND);
  g_assert_null (detail);
}

static void
test_payment (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) to_pay = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (EfPayment) again = NULL;
  g_autoptr (EfPayment) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  EfCents total = 0;

  sign_in_ok (fixture, fixture->client, FALSE);
  ef_client_get_invoices_async (fixture->client, EF_INVOICE_FILTER_TO_PAY, NULL, on_result_cb,
                                &result);
  wait_for_result (&result);
  to_pay = ef_client_get_invoices_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  for (guint i = 0; i < g_list_model_get_n_items (to_pay); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (to_pay, i);
      gint64 id = ef_invoice_get_id (invoice);

      if (!ef_invoice_get_payable_online (invoice))
        continue;
      g_array_append_val (ids, id);
      total += ef_invoice_get_balance (invoice);
    }
  if (ids->len == 0)
    {
      g_test_skip ("No invoice of the demo can be paid online");
      return;
    }

  ef_client_create_payment_async (fixture->client, (const gint64 *) ids->data, ids->len, NULL,
                                  on_result_cb, &result);
  wait_for_result (&result);
  payment = ef_client_create_payment_finish (fixture->client, result, &error);
  g_clear_object (&result);
  if (g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE))
    {
      g_test_skip ("The demo municipality takes no payment online");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (ef_payment_get_status (payment), ==, EF_PAYMENT_STATUS_PENDING);
  g_assert_cmpint (ef_payment_get_channel (payment), ==, EF_PAYMENT_CHANNEL_ONLINE_CARD);
  g_assert_cmpint (ef_payment_get_amount (payment), ==, total);
  g_assert_cmpuint (g_list_model_get_n_items (ef_payment_get_invoices (payment)), ==, ids->len);
  g_assert_nonnull (ef_payment_get_provider_url (payment));
  g_assert_nonnull (ef_payment_get_expires_at (payment));

  ef_client_get_payment_async (fixture->client, ef_payment_get_id (payment), NULL, on_result_cb,
                               &result);
  wait_for_result (&result);
  again = ef_client_get_payment_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (ef_payment_get_id (again), ==, ef_payment_get_id (payment));
  g_assert_cmpint (ef_payment_get_status (again), ==, EF_PAYMENT_STATUS_PENDING);

  /* The same invoices again while the first payment is under way. */
  ef_client_create_payment_async (fixture->client, (const gint64 *) ids->data, ids->len, NULL,
                                  on_result_cb, &result);
  wait_for_result (&result);
  second = ef_client_create_payment_finish (fixture->client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS);
  g_assert_null (second);
}

static GListModel *
get_invoices (EfClient         *client,
              EfInvoiceFilter   filter,
              GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_invoices_async (client, filter, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_get_invoices_finish (client, result, error);
}

static EfInvoice *
get_invoice (EfClient  *client,
             gint64     id,
             GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_invoice_async (client, id, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_get_invoice_finish (client, result, error);
}

static GListModel *
get_payments (EfClient  *client,
              gboolean   pending_only,
              GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_payments_async (client, pending_only, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_get_payments_finish (client, result, error);
}

/* The invoice numbered @number in @invoices (a new reference), or NULL. */
static EfInvoice *
find_invoice (GListModel *invoices,
              const char *number)
{
  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (invoices, i);

      if (g_strcmp0 (ef_invoice_get_number (invoice), number) == 0)
        return g_steal_pointer (&invoice);
    }
  return NULL;
}

static void
assert_instant (GDateTime  *instant,
                const char *expected)
{
  g_autoptr (GDateTime) want = g_date_time_new_from_iso8601 (expected, NULL);

  g_assert_nonnull (instant);
  g_assert_nonnull (want);
  g_assert_true (g_date_time_equal (instant, want));
}

/* Pays @payment in the PayFiP simulator, as the browser would with the
 * test card. */
static void
pay_in_simulator (Fixture   *fixture,
                  EfPayment *payment)
{
  g_autoptr (GUri) provider = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) form = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;

  provider = g_uri_parse (ef_payment_get_provider_url (payment), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  query = g_uri_parse_params (g_uri_get_query (provider), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_hash_table_lookup (query, "idop"));

  url = g_strdup_printf ("%s/_payfip/tpa/paiementws.web", ef_test_server_get_url (fixture->demo.server));
  text = soup_form_encode ("idop", g_hash_table_lookup (query, "idop"), "action", "payer",
                           "carte", "4970 1000 0000 0006", "expiration", "12/30", "cvv", "123",
                           NULL);
  form = g_bytes_new (text, strlen (text));
  msg = soup_message_new (SOUP_METHOD_POST, url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", form);
  answer = soup_session_send_and_read (fixture->demo.session, msg, NULL, &error);
  g_assert_no_error (error);
  /* Redirected to the portal's return page: paid, and notified. */
  g_assert_cmpuint (soup_message_get_status (msg), ==, 303);
}

static void
test_payments (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) all = NULL;
  g_autoptr (GListModel) pending = NULL;
  g_autoptr (GListModel) after = NULL;
  g_autoptr (GListModel) to_pay = NULL;
  g_autoptr (EfPayment) newest = NULL;
  g_autoptr (EfPayment) oldest = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (EfPayment) listed = NULL;
  g_autoptr (EfInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  sign_in_ok (fixture, fixture->client, FALSE);

  /* The demo family paid twice, and nothing is under way. */
  pending = get_payments (fixture->client, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 0);
  all = get_payments (fixture->client, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_true (g_list_model_get_item_type (all) == EF_TYPE_PAYMENT);
  newest = g_list_model_get_item (all, 0);
  oldest = g_list_model_get_item (all, 1);
  g_assert_cmpint (ef_payment_get_status (newest), ==, EF_PAYMENT_STATUS_PAID);
  g_assert_cmpint (ef_payment_get_channel (newest), ==, EF_PAYMENT_CHANNEL_ONLINE_CARD);
  assert_instant (ef_payment_get_paid_at (newest), "2026-10-05T08:53:00+02:00");
  g_assert_cmpint (ef_payment_get_status (oldest), ==, EF_PAYMENT_STATUS_PAID);
  g_assert_cmpint (ef_payment_get_channel (oldest), ==, EF_PAYMENT_CHANNEL_CASH);
  g_assert_cmpint (ef_payment_get_amount (oldest), ==, 2000);

  /* One started now: pending, and the one to follow at the next start. */
  to_pay = get_invoices (fixture->client, EF_INVOICE_FILTER_TO_PAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; invoice == NULL && i < g_list_model_get_n_items (to_pay); i++)
    {
      g_autoptr (EfInvoice) item = g_list_model_get_item (to_pay, i);

      if (ef_invoice_get_payable_online (item))
        invoice = g_steal_pointer (&item);
    }
  g_assert_nonnull (invoice);
  id = ef_invoice_get_id (invoice);
  ef_client_create_payment_async (fixture->client, &id, 1, NULL, on_result_cb, &result);
  wait_for_result (&result);
  payment = ef_client_create_payment_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  g_clear_object (&pending);
  pending = get_payments (fixture->client, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 1);
  listed = g_list_model_get_item (pending, 0);
  g_assert_cmpint (ef_payment_get_id (listed), ==, ef_payment_get_id (payment));
  g_assert_cmpint (ef_payment_get_status (listed), ==, EF_PAYMENT_STATUS_PENDING);
  g_assert_cmpint (ef_payment_get_amount (listed), ==, ef_invoice_get_balance (invoice));
  g_assert_cmpstr (ef_payment_get_provider_url (listed), ==, ef_payment_get_provider_url (payment));
  assert_instant (ef_payment_get_expires_at (listed), "2026-10-05T08:20:00+02:00");
  g_clear_object (&all);
  all = get_payments (fixture->client, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);

  /* Twenty minutes later, on the portal's clock, it is over. */
  set_clock (fixture, "2026-10-05T08:20:00+02:00");
  after = get_payments (fixture->client, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 0);
  g_clear_object (&all);
  all = get_payments (fixture->client, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (EfPayment) item = g_list_model_get_item (all, i);

      if (ef_payment_get_id (item) == ef_payment_get_id (payment))
        g_assert_cmpint (ef_payment_get_status (item), ==, EF_PAYMENT_STATUS_EXPIRED);
    }
}

static void
test_invoice_payments (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *db = ef_test_server_get_db_path (fixture->demo.server);
  const char *pay[] = { "pay", "--db", db, "--tenant", "7249", "--invoice", "pop-F200300001",
                        "--channel", "cheque", "--amount", "1.00", NULL };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) invoices = NULL;
  g_autoptr (GListModel) pending = NULL;
  g_autoptr (EfInvoice) counter = NULL;
  g_autoptr (EfInvoice) again = NULL;
  g_autoptr (EfInvoice) unpaid = NULL;
  g_autoptr (EfInvoice) online = NULL;
  g_autoptr (EfInvoicePayment) cash = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  GListModel *payments;
  gint64 id;
  guint n_cheques = 0;

  sign_in_ok (fixture, fixture->client, FALSE);
  invoices = get_invoices (fixture->client, EF_INVOICE_FILTER_ALL, &error);
  g_assert_no_error (error);

  /* The demo's part payment at the town hall. */
  counter = find_invoice (invoices, "pop-F200300001");
  g_assert_nonnull (counter);
  payments = ef_invoice_get_payments (counter);
  g_assert_true (g_list_model_get_item_type (payments) == EF_TYPE_INVOICE_PAYMENT);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 1);
  cash = g_list_model_get_item (payments, 0);
  g_assert_cmpint (ef_invoice_payment_get_id (cash), >, 0);
  g_assert_cmpint (ef_invoice_payment_get_channel (cash), ==, EF_PAYMENT_CHANNEL_CASH);
  g_assert_cmpint (ef_invoice_payment_get_amount (cash), ==, 2000);
  assert_instant (ef_invoice_payment_get_paid_at (cash), "2020-03-12T10:20:00+01:00");

  /* Another part, by cheque, with the `pay` command of the town hall. */
  g_assert_cmpint (ef_test_server_run_command (pay, &out, NULL), ==, 0);
  again = get_invoice (fixture->client, ef_invoice_get_id (counter), &error);
  g_assert_no_error (error);
  payments = ef_invoice_get_payments (again);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr (EfInvoicePayment) item = g_list_model_get_item (payments, i);

      g_assert_nonnull (ef_invoice_payment_get_paid_at (item));
      if (ef_invoice_payment_get_channel (item) != EF_PAYMENT_CHANNEL_CHEQUE)
        continue;
      g_assert_cmpint (ef_invoice_payment_get_amount (item), ==, 100);
      g_assert_cmpint (ef_invoice_payment_get_id (item), !=, ef_invoice_payment_get_id (cash));
      n_cheques++;
    }
  g_assert_cmpuint (n_cheques, ==, 1);
  g_assert_cmpint (ef_invoice_get_paid (again), ==, 2100);

  /* Paid online through the provider, ten minutes later by the portal's
   * clock: the invoice says when, by which channel, and how much. */
  g_clear_object (&invoices);
  invoices = get_invoices (fixture->client, EF_INVOICE_FILTER_TO_PAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; unpaid == NULL && i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr (EfInvoice) item = g_list_model_get_item (invoices, i);

      if (ef_invoice_get_payable_online (item) &&
          g_list_model_get_n_items (ef_invoice_get_payments (item)) == 0)
        unpaid = g_steal_pointer (&item);
    }
  g_assert_nonnull (unpaid);
  g_assert_cmpuint (g_list_model_get_n_items (ef_invoice_get_payments (unpaid)), ==, 0);
  id = ef_invoice_get_id (unpaid);
  ef_client_create_payment_async (fixture->client, &id, 1, NULL, on_result_cb, &result);
  wait_for_result (&result);
  payment = ef_client_create_payment_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  set_clock (fixture, "2026-10-05T08:10:00+02:00");
  pay_in_simulator (fixture, payment);

  online = get_invoice (fixture->client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_invoice_get_status (online), ==, EF_INVOICE_STATUS_SETTLED);
  payments = ef_invoice_get_payments (online);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 1);
  {
    g_autoptr (EfInvoicePayment) card = g_list_model_get_item (payments, 0);

    g_assert_cmpint (ef_invoice_payment_get_id (card), ==, ef_payment_get_id (payment));
    g_assert_cmpint (ef_invoice_payment_get_channel (card), ==, EF_PAYMENT_CHANNEL_ONLINE_CARD);
    g_assert_cmpint (ef_invoice_payment_get_amount (card), ==, ef_invoice_get_balance (unpaid));
    assert_instant (ef_invoice_payment_get_paid_at (card), "2026-10-05T08:10:00+02:00");
  }
  pending = get_payments (fixture->client, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 0);
}

/* ---- a portal whose invoices say other things of their payments --------- */

/* Forwards every request to the test server, and rewrites the
 * "payments" of the invoices it answers. */
/* A proxy between a client and the portal, in this process: it rewrites
 * the payments of invoices, and can hold back the answer to one request
 * (the portal has answered it; the client has not heard yet). */
typedef struct {
  SoupServer        *server;
  SoupSession       *session;
  const char        *upstream;
  char              *portal_url;
  const char        *payments;  /* JSON that replaces them, or NULL to remove them */
  const char        *hold;      /* (nullable): the path of a request whose answer waits */
  gboolean           hold_sent; /* the request itself waits, not yet sent on */
  SoupServerMessage *held;      /* (nullable): that request, until released */
  guint              requests;  /* received so far */
} InvoiceProxy;

static void
rewrite_invoice (JsonObject *invoice,
                 const char *payments)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  if (payments == NULL)
    {
      json_object_remove_member (invoice, "payments");
      return;
    }
  node = json_from_string (payments, &error);
  g_assert_no_error (error);
  json_object_set_member (invoice, "payments", node);
}

static GBytes *
rewrite_invoices (GBytes     *body,
                  const char *payments)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *object;
  char *text;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, "invoices"))
    {
      JsonArray *invoices = json_object_get_array_member (object, "invoices");

      for (guint i = 0; i < json_array_get_length (invoices); i++)
        rewrite_invoice (json_array_get_object_element (invoices, i), payments);
    }
  else
    rewrite_invoice (object, payments);
  text = json_to_string (json_parser_get_root (parser), FALSE);
  return g_bytes_new_take (text, strlen (text));
}

/* The invoices, with their payments replaced. */
static GBytes *
rewrite_invoice_answer (const char  *method,
                        const char  *path,
                        SoupMessage *upstream,
                        GBytes      *body,
                        gpointer     user_data)
{
  InvoiceProxy *proxy = user_data;

  if (g_str_equal (method, SOUP_METHOD_GET) && soup_message_get_status (upstream) == 200 &&
      (g_str_has_suffix (path, "/invoices") || g_regex_match_simple ("/invoices/[0-9]+$", path, 0, 0)))
    return rewrite_invoices (body, proxy->payments);
  return NULL;
}

static void
on_proxy_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  InvoiceProxy *proxy = user_data;
  gboolean hold = proxy->hold != NULL && proxy->held == NULL && g_str_has_suffix (path, proxy->hold);

  proxy->requests++;
  if (!(hold && proxy->hold_sent))
    ef_test_api_forward (proxy->session, proxy->upstream, msg, rewrite_invoice_answer, proxy);
  if (hold)
    {
      proxy->held = g_object_ref (msg);
      soup_server_message_pause (msg);
    }
}

/* Lets the request held back go on: to the portal first if it was not
 * sent yet, then its answer to the client. */
static void
invoice_proxy_release (InvoiceProxy *proxy)
{
  g_autoptr (SoupServerMessage) msg = g_steal_pointer (&proxy->held);

  g_assert_nonnull (msg);
  if (proxy->hold_sent)
    ef_test_api_forward (proxy->session, proxy->upstream, msg, rewrite_invoice_answer, proxy);
  proxy->hold = NULL;
  soup_server_message_unpause (msg);
}

static void
invoice_proxy_start (InvoiceProxy *proxy,
                     Fixture      *fixture)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  proxy->upstream = ef_test_server_get_url (fixture->demo.server);
  proxy->session = ef_test_api_session_new ();
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, on_proxy_request_cb, proxy, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy->server);
  proxy->portal_url = g_strdup_printf ("http://127.0.0.1:%d/7249", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

/* Starts @proxy and returns a client of the portal through it, signed in
 * (with "remember me" if @remember). */
static EfClient *
invoice_proxy_client_new (InvoiceProxy *proxy,
                          Fixture      *fixture,
                          gboolean      remember)
{
  EfClient *client;

  invoice_proxy_start (proxy, fixture);
  client = ef_client_new (proxy->portal_url);
  sign_in_ok (fixture, client, remember);
  return client;
}

static void
invoice_proxy_stop (InvoiceProxy *proxy)
{
  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  g_clear_pointer (&proxy->portal_url, g_free);
}

/* The user signs out while the client is renewing an ended session: the
 * renewal's answer, arriving after, must not sign the client in again, and
 * the session it opened on the portal is ended with the device it gave. */
static void
test_session_renewed_after_sign_out (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char *db = ef_test_server_get_db_path (fixture->demo.server);
  InvoiceProxy proxy = { 0 };
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) family_result = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *open_sessions = NULL;
  guint required = 0;
  gint64 before;
  gint64 until;

  client = invoice_proxy_client_new (&proxy, fixture, TRUE);
  g_signal_connect_swapped (client, "sign-in-required", G_CALLBACK (on_signal_count_cb), &required);
  before = ef_test_db_query_int (db, "SELECT max(id) FROM sessions");

  /* The session ends; the next request renews it with the device token:
   * the portal opens a new session, whose answer is held back on its way. */
  proxy.hold = "/auth/device";
  set_clock (fixture, "2026-10-05T08:31:00+02:00");
  ef_client_get_family_async (client, NULL, on_result_cb, &family_result);
  while (proxy.held == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT max(id) FROM sessions"), ==, before + 1);

  ef_client_sign_out_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_out_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_false (ef_client_get_signed_in (client));

  invoice_proxy_release (&proxy);
  wait_for_result (&family_result);
  family = ef_client_get_family_finish (client, family_result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED);
  g_assert_null (family);
  g_assert_false (ef_client_get_signed_in (client));
  g_assert_null (ef_client_get_account_email (client));
  g_assert_cmpuint (required, ==, 0);

  /* The session it opened ends on the portal too (the client ends it as
   * soon as it hears; a bound for a stuck test); the sign-out's own forget
   * already took the whole chain of devices. */
  open_sessions = g_strdup_printf ("SELECT count(*) FROM sessions WHERE id > %" G_GINT64_FORMAT
                                   " AND ended_at IS NULL", before);
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (ef_test_db_query_int (db, open_sessions) > 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (ef_test_db_query_int (db, open_sessions), ==, 0);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM devices"), ==, 0);

  invoice_proxy_stop (&proxy);
}

static GListModel *
list_devices (EfClient  *client,
              GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_list_devices_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_list_devices_finish (client, result, error);
}

/* The computers the account is remembered on: this one and another, which
 * this one forgets. */
static void
test_devices_list_and_forget (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (EfClient) other = ef_client_new (fixture->portal_url);
  g_autoptr (GListModel) devices = NULL;
  g_autoptr (EfDevice) mine = NULL;
  g_autoptr (EfDevice) theirs = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) expected = NULL;

  sign_in_ok (fixture, fixture->client, TRUE);
  set_clock (fixture, "2026-10-05T08:10:00+02:00");
  sign_in_ok (fixture, other, TRUE);

  devices = list_devices (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (devices), ==, 2);
  g_assert_true (g_list_model_get_item_type (devices) == EF_TYPE_DEVICE);
  theirs = g_list_model_get_item (devices, 0);
  mine = g_list_model_get_item (devices, 1);
  g_assert_false (ef_device_get_current (theirs));
  g_assert_true (ef_device_get_current (mine));
  g_assert_cmpstr (ef_device_get_client (mine), ==, ef_device_get_client (theirs));
  expected = g_date_time_new_from_iso8601 ("2026-10-05T08:10:00+02:00", NULL);
  g_assert_true (g_date_time_equal (ef_device_get_last_used_at (theirs), expected));
  g_assert_true (g_date_time_equal (ef_device_get_since (theirs), expected));
  g_clear_pointer (&expected, g_date_time_unref);
  /* 60 × 24 hours later, across the change to winter time. */
  expected = g_date_time_new_from_iso8601 ("2026-12-04T07:10:00+01:00", NULL);
  g_assert_true (g_date_time_equal (ef_device_get_expires_at (theirs), expected));

  ef_client_forget_device_async (fixture->client, theirs, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_forget_device_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&devices);
  devices = list_devices (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (devices), ==, 1);

  /* The other computer's session ended, and it cannot renew it. */
  family = get_family (other, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED);
  g_assert_null (family);
  g_assert_false (ef_client_get_signed_in (other));
  g_clear_error (&error);
  family = get_family (fixture->client, &error);
  g_assert_no_error (error);

  /* Gone already: the portal says so. */
  g_clear_object (&result);
  ef_client_forget_device_async (fixture->client, theirs, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_false (ef_client_forget_device_finish (fixture->client, result, &error));
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_FOUND);
}

/* A family read sent before a sign-out reaches the portal after the next
 * sign-in, with the old session's token: its 401 is not sent again with
 * the new session, and nothing of it is kept. */
static void
test_session_answer_after_sign_in_again (Fixture       *fixture,
                                         gconstpointer  data)
{
  InvoiceProxy proxy = { 0 };
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) family_result = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;
  guint requests;

  client = invoice_proxy_client_new (&proxy, fixture, FALSE);

  proxy.hold = "/family";
  proxy.hold_sent = TRUE;
  ef_client_get_family_async (client, NULL, on_result_cb, &family_result);
  while (proxy.held == NULL)
    g_main_context_iteration (NULL, TRUE);

  ef_client_sign_out_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_out_finish (client, result, &error));
  sign_in_ok (fixture, client, FALSE);
  g_assert_null (ef_client_get_family (client));

  requests = proxy.requests;
  invoice_proxy_release (&proxy);
  wait_for_result (&family_result);
  family = ef_client_get_family_finish (client, family_result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED);
  g_assert_null (family);
  g_assert_null (ef_client_get_family (client));
  g_assert_true (ef_client_get_signed_in (client));
  /* Not sent again with the new session's token. */
  g_assert_cmpuint (proxy.requests, ==, requests);

  invoice_proxy_stop (&proxy);
}

static void
test_invoice_payments_malformed (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char * const malformed[] = {
    "null",
    "{}",
    "[1]",
    "[{\"id\": 7, \"channel\": \"bitcoin\", \"amount_cents\": 100, \"paid_at\": \"2026-10-05T08:00:00+02:00\"}]",
    "[{\"id\": 7, \"channel\": \"cash\", \"amount_cents\": \"100\", \"paid_at\": \"2026-10-05T08:00:00+02:00\"}]",
    "[{\"id\": 7, \"channel\": \"cash\", \"amount_cents\": 100}]",
    "[{\"id\": 7, \"channel\": \"cash\", \"amount_cents\": 100, \"paid_at\": null}]",
    "[{\"id\": 7, \"channel\": \"cash\", \"amount_cents\": 100, \"paid_at\": \"le 5 octobre\"}]",
    "[{\"channel\": \"cash\", \"amount_cents\": 100, \"paid_at\": \"2026-10-05T08:00:00+02:00\"}]",
  };
  InvoiceProxy proxy = { 0 };
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GListModel) older = NULL;
  g_autoptr (GListModel) fine = NULL;
  g_autoptr (EfInvoice) settled = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  client = invoice_proxy_client_new (&proxy, fixture, FALSE);

  /* Through the proxy, unchanged. */
  proxy.payments = "[{\"id\": 7, \"channel\": \"direct_debit\", \"amount_cents\": 150,"
                   " \"paid_at\": \"2026-10-05T08:00:00+02:00\"}]";
  fine = get_invoices (client, EF_INVOICE_FILTER_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (fine), >=, 1);
  settled = g_list_model_get_item (fine, 0);
  id = ef_invoice_get_id (settled);
  {
    g_autoptr (EfInvoicePayment) payment = g_list_model_get_item (ef_invoice_get_payments (settled), 0);

    g_assert_cmpint (ef_invoice_payment_get_id (payment), ==, 7);
    g_assert_cmpint (ef_invoice_payment_get_channel (payment), ==, EF_PAYMENT_CHANNEL_DIRECT_DEBIT);
    g_assert_cmpint (ef_invoice_payment_get_amount (payment), ==, 150);
    assert_instant (ef_invoice_payment_get_paid_at (payment), "2026-10-05T08:00:00+02:00");
  }

  /* An older portal says nothing of them: none. */
  proxy.payments = NULL;
  older = get_invoices (client, EF_INVOICE_FILTER_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (older), ==, g_list_model_get_n_items (fine));
  for (guint i = 0; i < g_list_model_get_n_items (older); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (older, i);

      g_assert_nonnull (ef_invoice_get_payments (invoice));
      g_assert_cmpuint (g_list_model_get_n_items (ef_invoice_get_payments (invoice)), ==, 0);
    }

  /* Anything else is not what the API promises, for the list and for one. */
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr (GListModel) invoices = NULL;
      g_autoptr (EfInvoice) invoice = NULL;

      g_test_message ("payments: %s", malformed[i]);
      proxy.payments = malformed[i];
      invoices = get_invoices (client, EF_INVOICE_FILTER_ALL, &error);
      g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL);
      g_assert_null (invoices);
      g_clear_error (&error);
      invoice = get_invoice (client, id, &error);
      g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL);
      g_assert_null (invoice);
      g_clear_error (&error);
    }

  g_clear_object (&client);
  invoice_proxy_stop (&proxy);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) connections = NULL;
  g_autoptr (GListModel) payments = NULL;
  g_autoptr (EfConnectionEntry) newest = NULL;
  g_autoptr (GError) error = NULL;
  EfDay first = ef_day_new (2019, 1, 1);
  EfDay last = ef_day_new (2019, 1, 1) + 399;

  sign_in_ok (fixture, fixture->client, FALSE);

  ef_client_get_connection_history_async (fixture->client, ef_day_new (2026, 9, 1),
                                          ef_day_new (2026, 11, 30), NULL, on_result_cb, &result);
  wait_for_result (&result);
  connections = ef_client_get_connection_history_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (connections), >=, 1);
  newest = g_list_model_get_item (connections, 0);
  g_assert_nonnull (ef_connection_entry_get_at (newest));
  g_assert_cmpstr (ef_connection_entry_get_email (newest), ==, fixture->demo.email);

  ef_client_get_payment_history_async (fixture->client, ef_day_new (2026, 1, 1),
                                       ef_day_new (2026, 12, 31), NULL, on_result_cb, &result);
  wait_for_result (&result);
  payments = ef_client_get_payment_history_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr (EfPaymentEntry) entry = g_list_model_get_item (payments, i);

      g_assert_cmpint (ef_payment_entry_get_amount (entry), >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (ef_payment_entry_get_allocations (entry)), >=, 1);
    }

  /* More than 400 days: the portal refuses the range. */
  g_clear_object (&payments);
  ef_client_get_payment_history_async (fixture->client, first, last + 10, NULL, on_result_cb,
                                       &result);
  wait_for_result (&result);
  payments = ef_client_get_payment_history_finish (fixture->client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_VALIDATION);
  g_assert_null (payments);
}

static EfPortal *
get_portal (EfClient  *client,
            GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_portal_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_get_portal_finish (client, result, error);
}

static void
on_today_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
assert_client_now (EfClient   *client,
                   const char *expected)
{
  g_autoptr (GDateTime) now = ef_client_get_now (client);
  g_autoptr (GDateTime) want = g_date_time_new_from_iso8601 (expected, NULL);
  GTimeSpan off = g_date_time_difference (now, want);

  /* The Date's second, and the test's own pace. */
  g_assert_cmpint (off, >=, 0);
  g_assert_cmpint (off, <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (g_time_zone_get_identifier (g_date_time_get_timezone (now)), ==, "Europe/Paris");
}

/* "Now" and "today" are the server's, whatever the machine's clock says:
 * the test clock is weeks or months away from it, under faketime too. */
static void
test_server_clock (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (EfPortal) again = NULL;
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (GDateTime) expected = NULL;
  g_autoptr (GError) error = NULL;
  EfPlanningDay *day;
  guint n_today = 0;
  gint64 lea;

  g_signal_connect (fixture->client, "notify::today", G_CALLBACK (on_today_cb), &n_today);
  set_clock (fixture, "2027-01-13T08:59:30+01:00");
  portal = get_portal (fixture->client, &error);
  g_assert_no_error (error);
  expected = g_date_time_new_from_iso8601 ("2027-01-13T08:59:30+01:00", NULL);
  g_assert_nonnull (ef_portal_get_now (portal));
  g_assert_true (g_date_time_equal (ef_portal_get_now (portal), expected));
  g_assert_true (ef_server_clock_is_synchronized (ef_client_get_clock (fixture->client)));
  assert_client_now (fixture->client, "2027-01-13T08:59:30+01:00");
  g_assert_cmpuint (ef_client_get_today (fixture->client), ==, ef_day_new (2027, 1, 13));

  /* The planning says it too; Monday 18 January is changeable until
   * Wednesday 13 at 09:00, thirty seconds away. */
  sign_in_ok (fixture, fixture->client, FALSE);
  lea = member_id (fixture->client, "Léa");
  planning = get_planning (fixture->client, lea, "2027-01-18", "2027-01-18", &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (ef_planning_get_now (planning), expected));
  day = planning_day (planning, MEAL, "2027-01-18");
  g_assert_true (ef_planning_day_get_changeable (day));
  g_clear_pointer (&expected, g_date_time_unref);
  expected = g_date_time_new_from_iso8601 ("2027-01-13T09:00:00+01:00", NULL);
  g_assert_true (g_date_time_equal (ef_planning_day_get_deadline (day), expected));

  /* The next morning: the first answer moves the client's day, once. */
  n_today = 0;
  set_clock (fixture, "2027-01-14T07:00:00+01:00");
  again = get_portal (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_today, ==, 1);
  g_assert_cmpuint (ef_client_get_today (fixture->client), ==, ef_day_new (2027, 1, 14));
  assert_client_now (fixture->client, "2027-01-14T07:00:00+01:00");

  /* Errors carry the time as well. */
  n_today = 0;
  set_clock (fixture, "2026-07-20T23:30:00-04:00");
  g_clear_pointer (&planning, g_object_unref);
  planning = get_planning (fixture->client, 999999, "2027-01-18", "2027-01-18", &error);
  g_assert_null (planning);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (n_today, ==, 1);
  g_assert_cmpuint (ef_client_get_today (fixture->client), ==, ef_day_new (2026, 7, 21));
}

/* A town's extra closed day (configure's [closed-day …]) reads as closed
 * by the town, with the reason the town wrote. */
static void
test_planning_closed_day (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("ef-town-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.ini", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *town = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (GError) error = NULL;
  const char *db = ef_test_server_get_db_path (fixture->demo.server);
  const char *export_argv[] = { "configure", "--db", db, "--tenant", "7249", "--export", path, NULL };
  const char *apply_argv[] = { "configure", "--db", db, "--tenant", "7249", path, NULL };
  EfPlanningDay *day;

  g_assert_cmpint (ef_test_server_run_command (export_argv, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (path, &exported, NULL, NULL));
  town = g_strconcat (exported, "\n[closed-day 2026-11-13]\nreason = Pont de l’Armistice\n", NULL);
  g_assert_true (g_file_set_contents (path, town, -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (apply_argv, &out, &err), ==, 0);

  sign_in_ok (fixture, fixture->client, FALSE);
  planning = get_planning (fixture->client, member_id (fixture->client, "Léa"),
                           "2026-11-09", "2026-11-15", &error);
  g_assert_no_error (error);
  day = planning_day (planning, MEAL, "2026-11-13");
  g_assert_cmpint (ef_planning_day_get_state (day), ==, EF_DAY_STATE_CLOSED);
  g_assert_cmpint (ef_planning_day_get_closed_reason (day), ==, EF_CLOSED_REASON_CLOSED_DAY);
  g_assert_cmpstr (ef_planning_day_get_label (day), ==, "Pont de l’Armistice");
  g_assert_false (ef_planning_day_get_changeable (day));
  /* The day before is an ordinary day, without a label. */
  g_assert_null (ef_planning_day_get_label (planning_day (planning, MEAL, "2026-11-12")));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/client/api/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sign-in", test_sign_in);
  ADD ("sign-in/wrong-password", test_wrong_password);
  ADD ("sign-in/locked", test_locked_account);
  ADD ("sign-in/not-signed-in", test_not_signed_in);
  ADD ("sign-out", test_sign_out);
  ADD ("session/expired-remembered", test_session_expired_remembered);
  ADD ("session/expired-remembered-device", test_session_expired_remembered_device);
  ADD ("session/expired-concurrent", test_session_expired_concurrent);
  ADD ("session/expired-not-remembered", test_session_expired_not_remembered);
  ADD ("session/renewed-after-sign-out", test_session_renewed_after_sign_out);
  ADD ("session/answer-after-sign-in-again", test_session_answer_after_sign_in_again);
  ADD ("devices/list-and-forget", test_devices_list_and_forget);
  ADD ("family", test_family);
  ADD ("family/member-patch", test_member_patch);
  ADD ("family/member-patch-invalid", test_member_patch_invalid);
  ADD ("enrolments", test_enrolments);
  ADD ("planning/month", test_planning_month);
  ADD ("planning/year", test_planning_year);
  ADD ("planning/closed-day", test_planning_closed_day);
  ADD ("reservations", test_reservations);
  ADD ("reservations/deadline-passed", test_reservations_deadline_passed);
  ADD ("reservations/conflict", test_reservations_conflict);
  ADD ("password/reset", test_password_reset);
  ADD ("password/invitation-invalid", test_invitation_invalid);
  ADD ("billing/invoices", test_invoices);
  ADD ("billing/payment", test_payment);
  ADD ("billing/payments", test_payments);
  ADD ("billing/invoice-payments", test_invoice_payments);
  ADD ("billing/invoice-payments-malformed", test_invoice_payments_malformed);
  ADD ("history", test_history);
  ADD ("clock", test_server_clock);

#undef ADD

  return g_test_run ();
}
