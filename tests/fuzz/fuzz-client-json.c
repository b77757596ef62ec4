/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-client-json.c: the portal's answers, read into the client's models
 *
 * The input is parsed once as JSON; the document, and each member of it
 * when it is an object, go through every reader of ef-client-json.h.
 */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "ef-common.h"
#include "api/ef-client-json.h"
#include "fuzz-target.h"

/* What every reader promises: a result, or NULL with an error of ours
 * whose message is text. */
static void
check_outcome (gpointer      result,
               const GError *error)
{
  if (result != NULL)
    {
      g_assert_no_error (error);
      return;
    }

  g_assert_nonnull (error);
  g_assert_true (error->domain == EF_API_ERROR);
  g_assert_true (error->code == EF_API_ERROR_INVALID_FIELD ||
                 error->code == EF_API_ERROR_INVALID_DATE);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* A list holds as many items as it says, each of its item type. */
static void
check_list (GListModel *list)
{
  guint n;
  GType type;

  if (list == NULL)
    return;

  n = g_list_model_get_n_items (list);
  type = g_list_model_get_item_type (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);

      g_assert_nonnull (item);
      g_assert_true (g_type_is_a (G_OBJECT_TYPE (item), type));
    }
  g_assert_null (g_list_model_get_item (list, n));
}

typedef gpointer (*ReadObjectFunc) (JsonNode  *node,
                                    GError   **error);

/* The readers whose result is a GObject (a GListModel for some). */
static const struct {
  ReadObjectFunc read;
  gboolean       is_list;
} object_readers[] = {
  { (ReadObjectFunc) _ef_address_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_member_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_family_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_enrolments_new_from_json, TRUE },
  { (ReadObjectFunc) _ef_planning_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_reservation_result_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_invoice_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_invoices_new_from_json, TRUE },
  { (ReadObjectFunc) _ef_finance_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_payment_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_payments_new_from_json, TRUE },
  { (ReadObjectFunc) _ef_connection_history_new_from_json, TRUE },
  { (ReadObjectFunc) _ef_devices_new_from_json, TRUE },
  { (ReadObjectFunc) _ef_payment_history_new_from_json, TRUE },
  { (ReadObjectFunc) _ef_staff_family_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_staff_payment_new_from_json, FALSE },
  { (ReadObjectFunc) _ef_daily_lists_new_from_json, TRUE },
};

static void
exercise_readers (JsonNode *node)
{
  for (guint i = 0; i < G_N_ELEMENTS (object_readers); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GObject) result = object_readers[i].read (node, &error);

      check_outcome (result, error);
      if (result != NULL && object_readers[i].is_list)
        check_list (G_LIST_MODEL (result));
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (EfSessionInfo) info = _ef_session_info_new_from_json (node, &error);

    check_outcome (info, error);
    if (info != NULL)
      {
        g_assert_nonnull (info->token);
        g_assert_cmpstr (info->token, !=, "");
      }
  }

  {
    g_autoptr (GError) error = NULL;
    g_autofree char *email = _ef_account_email_new_from_json (node, &error);

    check_outcome (email, error);
    if (email != NULL)
      g_assert_true (g_utf8_validate (email, -1, NULL));
  }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (EfStaffSearch) search = _ef_staff_search_new_from_json (node, &error);

    check_outcome (search, error);
    if (search != NULL)
      check_list (search->families);
  }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (EfDayPayments) payments = _ef_day_payments_new_from_json (node, &error);

    check_outcome (payments, error);
    if (payments != NULL)
      check_list (payments->payments);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  /* As the client reads an answer: with its length, not NUL-terminated. */
  root = ef_json_parse (size > 0 ? (const char *) data : "", size, &error);
  if (root == NULL)
    {
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON);
      return 0;
    }

  exercise_readers (root);

  /* Answers nest their parts ({"family": …, "members": […]}): each part
   * is read on its own too. */
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      json_object_iter_init (&iter, json_node_get_object (root));
      while (json_object_iter_next (&iter, &name, &member))
        exercise_readers (member);
    }

  return 0;
}
