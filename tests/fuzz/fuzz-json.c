/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-json.c: request bodies, server answers and tenant files, as JSON */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "ef-common.h"
#include "fuzz-target.h"

/* Member names the parsers look for, and a few they do not. */
static const char * const member_names[] = {
  "id", "name", "contact", "time_zone", "deadline_policy", "services",
  "description", "days_before", "hour", "minute", "counted_weekdays",
  "skip_public_holidays", "skip_school_holidays", "error", "code",
  "message", "details", "", "missing", NULL
};

/* A getter either succeeds without an error or fails with one of ours. */
static void
check_outcome (gboolean  ok,
               GError   *error)
{
  if (ok)
    g_assert_no_error (error);
  else
    g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  if (error != NULL)
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
exercise_getters (JsonObject *object,
                  const char *member)
{
  for (int optional = 0; optional <= 1; optional++)
    {
      g_autoptr (GError) string_error = NULL;
      g_autoptr (GError) int_error = NULL;
      g_autoptr (GError) bool_error = NULL;
      g_autoptr (GError) object_error = NULL;
      g_autoptr (GError) array_error = NULL;
      const char *text = NULL;
      gint64 number = 0;
      gboolean flag = FALSE;
      JsonObject *child_object = NULL;
      JsonArray *child_array = NULL;
      gboolean ok;

      ok = ef_json_get_string (object, member, optional, &text, &string_error);
      check_outcome (ok, string_error);
      if (ok && text != NULL)
        g_assert_true (g_utf8_validate (text, -1, NULL));

      ok = ef_json_get_int (object, member, optional, &number, &int_error);
      check_outcome (ok, int_error);

      ok = ef_json_get_bool (object, member, optional, &flag, &bool_error);
      check_outcome (ok, bool_error);

      ok = ef_json_get_object (object, member, optional, &child_object, &object_error);
      check_outcome (ok, object_error);

      ok = ef_json_get_array (object, member, optional, &child_array, &array_error);
      check_outcome (ok, array_error);
      if (ok && child_array != NULL)
        g_assert_cmpuint (json_array_get_length (child_array), <, G_MAXUINT);
    }
}

/* A policy that was accepted goes out and comes back the same. */
static void
exercise_deadline_policy (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) again_error = NULL;
  g_autoptr (JsonNode) written = NULL;
  EfDeadlinePolicy policy;
  EfDeadlinePolicy again;

  ef_deadline_policy_init_default (&policy);
  if (!ef_deadline_policy_from_json (&policy, node, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == EF_API_ERROR);
      return;
    }

  g_assert_no_error (error);
  g_assert_true (ef_deadline_policy_validate (&policy, NULL));

  written = ef_deadline_policy_to_json (&policy);
  memset (&again, 0, sizeof again);
  g_assert_true (ef_deadline_policy_from_json (&again, written, &again_error));
  g_assert_no_error (again_error);
  g_assert_cmpmem (&policy, sizeof policy, &again, sizeof again);
}

/* A portal that was accepted goes out and comes back the same. */
static void
exercise_portal (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) again_error = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (EfPortal) again = NULL;
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (JsonNode) rewritten = NULL;

  portal = ef_portal_new_from_json (node, &error);
  if (portal == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == EF_API_ERROR);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (ef_portal_get_id (portal));
  g_assert_cmpstr (ef_portal_get_id (portal), !=, "");

  written = ef_portal_to_json (portal);
  again = ef_portal_new_from_json (written, &again_error);
  g_assert_no_error (again_error);
  g_assert_nonnull (again);
  rewritten = ef_portal_to_json (again);
  g_assert_true (json_node_equal (written, rewritten));
}

/* What was accepted is written as JSON that is accepted again, the same. */
static void
exercise_round_trip (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) again = NULL;
  g_autofree char *text = NULL;

  text = ef_json_to_string (node, FALSE);
  again = ef_json_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, again));
}

static void
exercise_error_body (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) details = NULL;

  /* Whatever the answer, the client gets an error to show. */
  ef_json_error_from_body (node, &error, &details);
  g_assert_nonnull (error);
  g_assert_true (error->domain == EF_API_ERROR);
  g_assert_nonnull (error->message);
}

/* The fast reader of a reservation batch reads only what the parser and
 * the codec read, and to the same batch. */
static void
exercise_batch_text (const char *data,
                     gsize       size,
                     JsonNode   *root)
{
  g_autoptr (EfReservationBatchRecord) fast = NULL;
  g_autoptr (EfReservationBatchRecord) parsed = NULL;
  g_autoptr (GError) error = NULL;

  fast = ef_reservation_batch_record_read_text (data, size, 50, ef_day_new (2000, 1, 1),
                                                ef_day_new (2100, 12, 31));
  if (fast == NULL)
    return;
  g_assert_nonnull (root);
  parsed = ef_reservation_batch_record_from_json (root, 50, ef_day_new (2000, 1, 1),
                                                  ef_day_new (2100, 12, 31), &error);
  g_assert_no_error (error);
  g_assert_true (ef_reservation_batch_record_equal (fast, parsed));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const allowed[] = { "id", "name", "services", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) node_error = NULL;
  g_autoptr (GError) members_error = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  /* With an explicit length: the bytes are not NUL-terminated. */
  object = ef_json_parse_object (size > 0 ? (const char *) data : "", size, &error);

  root = ef_json_parse (size > 0 ? (const char *) data : "", size, &node_error);
  exercise_batch_text (size > 0 ? (const char *) data : "", size, root);
  if (root == NULL)
    {
      g_assert_error (node_error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON);
      /* Error messages go back to the peer inside JSON: they must be text. */
      g_assert_true (g_utf8_validate (node_error->message, -1, NULL));
    }
  else
    {
      exercise_error_body (root);
      exercise_round_trip (root);
    }

  if (object == NULL)
    {
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON);
      exercise_error_body (NULL);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (root);

  for (guint i = 0; member_names[i] != NULL; i++)
    exercise_getters (object, member_names[i]);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      exercise_getters (object, name);
      if (g_str_equal (name, "deadline_policy"))
        exercise_deadline_policy (member);
    }

  if (!ef_json_check_members (object, allowed, &members_error))
    g_assert_error (members_error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_FIELD);

  node = json_node_init_object (json_node_alloc (), object);
  exercise_deadline_policy (node);
  exercise_portal (node);

  text = ef_json_to_string (node, FALSE);
  g_assert_nonnull (text);

  return 0;
}
