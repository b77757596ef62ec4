/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-staff-billing.c: the counter's side of the back office on a
 * real server — reservations past the deadline and how `bill` bills them
 * (the agent's word, else the town's bill-overrides), payments taken at
 * the town hall with their receipts read back with Poppler, their
 * cancellation, and the daily lists in JSON, CSV and PDF, all on the
 * demo data and the test clock
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <poppler.h>

#include "ef-common.h"
#include "ef-test-pdf.h"
#include "test-staff-common.h"

typedef struct
{
  StaffServer s;
} Fixture;

/* ------------------------------------------------------------- helpers */

/* @needle, its no-break spaces as plain ones (as a PDF's text gives them
 * back), is in @text. */
static void
assert_pdf_contains (const char *text,
                     const char *needle)
{
  g_auto(GStrv) parts = g_strsplit (needle, "\u00A0", -1);
  g_autofree char *plain = g_strjoinv (" ", parts);
  g_auto(GStrv) narrow = g_strsplit (plain, "\u202F", -1);
  g_autofree char *extracted = g_strjoinv (" ", narrow);

  if (strstr (text, extracted) == NULL)
    g_error ("“%s” is not in the PDF's text:\n%s", extracted, text);
}

static GBytes *
get_pdf (Fixture    *fixture,
         const char *path,
         const char *token)
{
  g_autofree char *content_type = NULL;
  GBytes *bytes;
  guint status = 0;

  bytes = staff_get_bytes (&fixture->s, path, token, &status, &content_type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (content_type, ==, "application/pdf");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "%PDF-"));
  return bytes;
}

static gint64
planning_version (Fixture    *fixture,
                  gint64      member,
                  const char *day)
{
  g_autofree char *path = g_strdup_printf ("/staff/members/%" G_GINT64_FORMAT "/planning?from=%s&to=%s",
                                           member, day, day);
  g_autoptr(JsonNode) planning = staff_expect (&fixture->s, "GET", path, fixture->s.demo_agent, NULL, 200);

  return json_object_get_int_member (json_node_get_object (planning), "version");
}

/* Léa's morning care on @day, in a batch of its own. */
static JsonNode *
reserve_morning (Fixture    *fixture,
                 const char *day,
                 const char *extra,
                 guint       expected)
{
  g_autofree char *body = g_strdup_printf ("{\"changes\": [{\"member\": 2, \"activity\": \"accueil-matin\","
                                           " \"day\": \"%s\", \"reserved\": true}],"
                                           " \"versions\": {\"2\": %" G_GINT64_FORMAT "}%s%s}",
                                           day, planning_version (fixture, 2, day),
                                           extra ? ", " : "", extra ? extra : "");

  return staff_expect (&fixture->s, "POST", "/staff/families/1/reservations", fixture->s.demo_agent, body,
                       expected);
}

/* The quantity of the line @label of the family's invoice of @month. */
static gint64
invoice_quantity (Fixture    *fixture,
                  const char *period_start,
                  const char *label)
{
  g_autoptr(JsonNode) family = staff_expect (&fixture->s, "GET", "/staff/families/1", fixture->s.demo_agent,
                                             NULL, 200);
  JsonArray *invoices = json_object_get_array_member (json_node_get_object (family), "invoices");

  for (guint i = 0; i < json_array_get_length (invoices); i++)
    {
      JsonObject *invoice = json_array_get_object_element (invoices, i);
      JsonArray *lines;

      if (g_strcmp0 (json_object_get_string_member (json_object_get_object_member (invoice, "period"), "start"),
                     period_start) != 0)
        continue;
      lines = json_object_get_array_member (invoice, "lines");
      for (guint j = 0; j < json_array_get_length (lines); j++)
        {
          JsonObject *line = json_array_get_object_element (lines, j);

          if (g_strcmp0 (json_object_get_string_member (line, "label"), label) == 0)
            return json_object_get_int_member (line, "quantity");
        }
      return 0;
    }
  g_error ("No invoice from %s", period_start);
}

/* ------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  staff_server_start (&fixture->s, data ? data : "2026-10-05T10:00:00+02:00");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  staff_server_stop (&fixture->s);
}

/* ------------------------------------------------------------ overrides */

/* On Thursday 5 November 2026 at 10:00, the morning care of Friday 6,
 * Monday 9 and Tuesday 10 is past its deadline; Thursday 12's is not. */
static void
override_scenario (Fixture  *fixture,
                   gboolean  town_bills)
{
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *entry, *child;
  JsonArray *details, *changes;

  if (!town_bills)
    {
      g_autofree char *dir = g_strdup (ef_test_server_get_dir (fixture->s.server));
      g_autofree char *path = g_build_filename (dir, "town.ini", NULL);
      g_autofree char *settings = NULL;
      g_autofree char *exported = NULL;
      g_autoptr(GString) changed = NULL;

      g_assert_cmpint (staff_command (&fixture->s, &settings, NULL, "configure", "--export", NULL), ==, 0);
      g_assert_nonnull (strstr (settings, "\nbill-overrides = true\n"));
      changed = g_string_new (settings);
      g_assert_cmpuint (g_string_replace (changed, "\nbill-overrides = true\n", "\nbill-overrides = false\n", 1),
                        ==, 1);
      g_assert_true (g_file_set_contents (path, changed->str, -1, NULL));
      if (staff_command (&fixture->s, NULL, &err, "configure", path, NULL) != 0)
        g_error ("configure: %s", err);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (staff_command (&fixture->s, &exported, NULL, "configure", "--export", NULL), ==, 0);
      g_assert_nonnull (strstr (exported, "\nbill-overrides = false\n"));
    }

  /* Past the deadline, refused as to a parent… */
  refused = reserve_morning (fixture, "2026-11-09", NULL, 422);
  g_assert_cmpstr (error_code (refused), ==, "deadline_passed");
  details = json_object_get_array_member (json_object_get_object_member (json_node_get_object (refused), "error"),
                                          "details");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (details, 0), "deadline"),
                   ==, "2026-11-04T09:00:00+01:00");
  g_clear_pointer (&refused, json_node_unref);
  refused = reserve_morning (fixture, "2026-11-09", "\"billed\": true", 422);
  g_assert_cmpstr (error_code (refused), ==, "invalid_field");

  /* …unless the agent overrides it, saying or not whether it is billed. */
  answer = reserve_morning (fixture, "2026-11-09", "\"override_deadline\": true, \"via\": \"phone\"", 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "applied"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "overridden"), ==, 1);
  g_clear_pointer (&answer, json_node_unref);
  answer = reserve_morning (fixture, "2026-11-10", "\"override_deadline\": true, \"billed\": true", 200);
  g_clear_pointer (&answer, json_node_unref);
  answer = reserve_morning (fixture, "2026-11-06", "\"override_deadline\": true, \"billed\": false", 200);
  g_clear_pointer (&answer, json_node_unref);
  answer = reserve_morning (fixture, "2026-11-12", "\"override_deadline\": true", 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "overridden"), ==, 0);
  /* Closed days are never overridden. */
  g_clear_pointer (&refused, json_node_unref);
  refused = reserve_morning (fixture, "2026-11-11", "\"override_deadline\": true", 422);
  g_assert_cmpstr (error_code (refused), ==, "day_closed");

  g_assert_cmpint (staff_query_int (&fixture->s, "SELECT count(*) FROM reservations WHERE member_id = 2"
                                                  " AND override_at IS NOT NULL"), ==, 3);
  g_assert_cmpint (staff_query_int (&fixture->s, "SELECT count(*) FROM reservations WHERE member_id = 2"
                                                  " AND day = '2026-11-09' AND override_billed IS NULL"
                                                  " AND override_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (staff_query_int (&fixture->s, "SELECT override_billed FROM reservations"
                                                  " WHERE member_id = 2 AND day = '2026-11-06'"), ==, 0);

  /* The audit says so, batch by batch, newest first: the 12th (in time),
   * the 6th (not billed), the 10th (billed), the 9th (as the town says). */
  audit = staff_audit (&fixture->s, fixture->s.demo_agent, 1);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (audit), "total"), ==, 4);
  {
    JsonArray *entries = json_object_get_array_member (json_node_get_object (audit), "entries");
    const char *days[] = { "2026-11-12", "2026-11-06", "2026-11-10", "2026-11-09" };

    for (guint i = 0; i < G_N_ELEMENTS (days); i++)
      {
        JsonObject *change;

        entry = json_array_get_object_element (entries, i);
        g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, "reservations");
        changes = json_object_get_array_member (entry, "after");
        change = json_array_get_object_element (changes, 0);
        g_assert_cmpstr (json_object_get_string_member (change, "day"), ==, days[i]);
        g_assert_cmpint (json_object_get_boolean_member (change, "override"), ==, i > 0);
        if (i == 1)
          g_assert_false (json_object_get_boolean_member (change, "billed"));
        else if (i == 2)
          g_assert_true (json_object_get_boolean_member (change, "billed"));
        else if (i == 3)
          {
            g_assert_true (json_object_get_null_member (change, "billed"));
            g_assert_cmpstr (json_object_get_string_member (entry, "via"), ==, "phone");
          }
      }
  }

  /* The morning list marks the day reserved past its deadline. */
  list = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?day=2026-11-09&activity=accueil-matin",
                       fixture->s.demo_agent, NULL, 200);
  child = json_array_get_object_element (
            json_object_get_array_member (
              json_array_get_object_element (
                json_object_get_array_member (
                  json_array_get_object_element (
                    json_object_get_array_member (json_node_get_object (list), "activities"), 0),
                  "sites"), 0),
              "children"), 0);
  g_assert_cmpstr (json_object_get_string_member (child, "first_name"), ==, "Léa");
  g_assert_true (json_object_get_boolean_member (child, "override"));

  /* November billed: the agent's word, else the town's. */
  if (staff_command (&fixture->s, &out, &err, "bill", "--month", "2026-11", "--date", "2026-12-01", NULL) != 0)
    g_error ("bill: %s", err);
  g_assert_cmpint (invoice_quantity (fixture, "2026-11-01", "Accueil périscolaire du matin"),
                   ==, town_bills ? 3 : 2);
  /* The meals, reserved in time, are all billed. */
  g_assert_cmpint (invoice_quantity (fixture, "2026-11-01", "Restauration scolaire"), ==,
                   staff_query_int (&fixture->s, "SELECT count(*) FROM reservations r"
                                                 " JOIN activities a ON a.id = r.activity_id"
                                                 " WHERE r.member_id = 2 AND a.code = 'restaurant-scolaire'"
                                                 "   AND r.day BETWEEN '2026-11-01' AND '2026-11-30'"));
}

static void
test_override_town_bills (Fixture       *fixture,
                          gconstpointer  data)
{
  override_scenario (fixture, TRUE);
}

static void
test_override_town_does_not_bill (Fixture       *fixture,
                                  gconstpointer  data)
{
  override_scenario (fixture, FALSE);
}

/* ------------------------------------------------------------- payments */

static void
test_payments (Fixture       *fixture,
               gconstpointer  data)
{
  const char *agent = fixture->s.demo_agent;
  g_autoptr(JsonNode) cheque = NULL;
  g_autoptr(JsonNode) cash = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) invoice = NULL;
  g_autoptr(JsonNode) later = NULL;
  g_autoptr(GBytes) receipt = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) void_receipt = NULL;
  g_autofree char *receipt_path = NULL;
  g_autofree char *cancel_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *void_text = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *balance = NULL;
  JsonObject *object;
  gint64 october, september_2020, lacaou, cheque_id;

  october = staff_query_int (&fixture->s, "SELECT id FROM invoices WHERE number = 'pop-F261000001'");
  september_2020 = staff_query_int (&fixture->s, "SELECT id FROM invoices WHERE number = 'pop-F200300001'");
  lacaou = staff_query_int (&fixture->s, "SELECT id FROM invoices WHERE number = 'AN-F191100001'");

  /* A cheque needs its number; the others have none. */
  {
    g_autofree char *body = g_strdup_printf ("{\"channel\": \"cheque\", \"invoices\": [%" G_GINT64_FORMAT "]}",
                                             october);
    g_autofree char *transfer = g_strdup_printf ("{\"channel\": \"transfer\", \"cheque_number\": \"1\","
                                                 " \"invoices\": [%" G_GINT64_FORMAT "]}", october);
    g_autofree char *online = g_strdup_printf ("{\"channel\": \"online_card\", \"invoices\": [%" G_GINT64_FORMAT "]}",
                                               october);
    g_autofree char *two = g_strdup_printf ("{\"channel\": \"cash\", \"amount_cents\": 100,"
                                            " \"invoices\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                            october, lacaou);

    refused = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, body, 422);
    g_assert_cmpstr (error_code (refused), ==, "invalid_field");
    g_clear_pointer (&refused, json_node_unref);
    refused = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, transfer, 422);
    g_clear_pointer (&refused, json_node_unref);
    refused = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, online, 422);
    g_clear_pointer (&refused, json_node_unref);
    refused = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, two, 422);
    g_clear_pointer (&refused, json_node_unref);
    refused = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent,
                            "{\"channel\": \"cash\", \"invoices\": [999999]}", 404);
    g_clear_pointer (&refused, json_node_unref);
    refused = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent,
                            "{\"channel\": \"cash\", \"invoices\": []}", 422);
    g_clear_pointer (&refused, json_node_unref);
  }

  /* The October invoice by cheque: paid at once, settled, numbered. */
  {
    g_autofree char *body = g_strdup_printf ("{\"channel\": \"cheque\", \"cheque_number\": \"0012345\","
                                             " \"invoices\": [%" G_GINT64_FORMAT "], \"via\": \"counter\"}",
                                             october);

    cheque = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, body, 201);
    refused = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, body, 422);
    g_assert_cmpstr (error_code (refused), ==, "validation_failed");
    g_clear_pointer (&refused, json_node_unref);
  }
  object = json_node_get_object (cheque);
  cheque_id = json_object_get_int_member (object, "id");
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "cheque");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "paid");
  g_assert_cmpint (json_object_get_int_member (object, "amount_cents"), ==, 7000);
  g_assert_cmpstr (json_object_get_string_member (object, "cheque_number"), ==, "0012345");
  g_assert_cmpstr (json_object_get_string_member (object, "receipt_number"), ==, "R2026-00001");
  g_assert_cmpstr (json_object_get_string_member (object, "agent_name"), ==, "Sophie Laborde");
  g_assert_cmpstr (json_object_get_string_member (object, "paid_at"), ==, "2026-10-05T10:00:00+02:00");
  invoice = staff_expect (&fixture->s, "GET", "/invoices/4", fixture->s.parent, NULL, 200);
  g_assert_cmpint (october, ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (invoice), "status"), ==, "settled");
  g_clear_pointer (&invoice, json_node_unref);

  /* Cash for two invoices, each its whole balance. */
  {
    g_autofree char *body = g_strdup_printf ("{\"channel\": \"cash\", \"note\": \"Guichet\","
                                             " \"invoices\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                             september_2020, lacaou);

    cash = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, body, 201);
  }
  object = json_node_get_object (cash);
  g_assert_cmpint (json_object_get_int_member (object, "amount_cents"), ==, 1500 + 620);
  g_assert_cmpstr (json_object_get_string_member (object, "receipt_number"), ==, "R2026-00002");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "allocations")), ==, 2);
  g_assert_cmpint (staff_query_int (&fixture->s, "SELECT count(*) FROM invoices WHERE family_id = 1"
                                                  " AND status = 'to_pay'"), ==, 0);

  /* Its receipt, read back. */
  receipt_path = g_strdup_printf ("/staff/payments/%" G_GINT64_FORMAT "/receipt", cheque_id);
  receipt = get_pdf (fixture, receipt_path, agent);
  text = ef_test_pdf_text (receipt);
  amount = ef_money_format_french (7000);
  balance = ef_money_format_french (0);
  assert_pdf_contains (text, "REÇU DE PAIEMENT");
  assert_pdf_contains (text, "R2026-00001");
  assert_pdf_contains (text, "Ville de Billère");
  assert_pdf_contains (text, "Famille Martin");
  assert_pdf_contains (text, "12 rue des Marronniers");
  assert_pdf_contains (text, "pop-F261000001");
  assert_pdf_contains (text, "Chèque n°\u00A00012345");
  assert_pdf_contains (text, "Sophie Laborde");
  assert_pdf_contains (text, "05/10/2026 à 10\u00A0h\u00A000");
  assert_pdf_contains (text, "Montant reçu");
  assert_pdf_contains (text, amount);
  assert_pdf_contains (text, balance);
  g_assert_null (strstr (text, "ANNULÉ"));
  again = get_pdf (fixture, receipt_path, agent);
  g_assert_true (g_bytes_equal (receipt, again));
  g_clear_pointer (&again, g_bytes_unref);

  /* An online payment has no receipt of the town hall's. */
  g_assert_cmpint (staff_query_int (&fixture->s, "SELECT channel = 'online_card' FROM payments WHERE id = 2"), ==, 1);
  {
    guint status = 0;
    g_autoptr(GBytes) none = staff_get_bytes (&fixture->s, "/staff/payments/2/receipt", agent, &status, NULL);

    g_assert_cmpuint (status, ==, 404);
  }

  /* The cheque bounced: cancelled, the invoice owes again, the row stays. */
  cancel_path = g_strdup_printf ("/staff/payments/%" G_GINT64_FORMAT "/cancel", cheque_id);
  refused = staff_expect (&fixture->s, "POST", cancel_path, agent, "{\"reason\": \"\"}", 422);
  g_clear_pointer (&refused, json_node_unref);
  cancelled = staff_expect (&fixture->s, "POST", cancel_path, agent,
                            "{\"reason\": \"Chèque sans provision\", \"via\": \"counter\"}", 200);
  object = json_node_get_object (cancelled);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "cancelled");
  g_assert_true (json_object_get_null_member (object, "paid_at"));
  g_assert_cmpstr (json_object_get_string_member (object, "cancelled_paid_at"), ==, "2026-10-05T10:00:00+02:00");
  g_assert_cmpstr (json_object_get_string_member (object, "cancel_reason"), ==, "Chèque sans provision");
  g_assert_cmpstr (json_object_get_string_member (object, "receipt_number"), ==, "R2026-00001");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT status FROM payments WHERE id = %" G_GINT64_FORMAT, cheque_id);
    g_autofree char *status = staff_query_text (&fixture->s, sql);

    g_assert_cmpstr (status, ==, "cancelled");
  }
  invoice = staff_expect (&fixture->s, "GET", "/invoices/4", fixture->s.parent, NULL, 200);
  object = json_node_get_object (invoice);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "to_pay");
  g_assert_cmpint (json_object_get_int_member (object, "balance_cents"), ==, 7000);
  g_assert_true (json_object_get_boolean_member (object, "payable_online"));
  g_clear_pointer (&invoice, json_node_unref);
  invoice = staff_expect (&fixture->s, "GET", "/finance", fixture->s.parent, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (invoice), "total_due_cents"), ==, 7000);

  refused = staff_expect (&fixture->s, "POST", cancel_path, agent, "{\"reason\": \"Encore\"}", 422);
  g_assert_cmpstr (error_code (refused), ==, "validation_failed");
  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "POST", "/staff/payments/2/cancel", agent, "{\"reason\": \"Non\"}", 422);
  g_assert_cmpstr (error_code (refused), ==, "validation_failed");

  /* Its receipt says so. */
  void_receipt = get_pdf (fixture, receipt_path, agent);
  void_text = ef_test_pdf_text (void_receipt);
  assert_pdf_contains (void_text, "PAIEMENT ANNULÉ");
  assert_pdf_contains (void_text, "Chèque sans provision");
  assert_pdf_contains (void_text, "R2026-00001");

  /* A receipt number is never given twice. */
  {
    g_autofree char *body = g_strdup_printf ("{\"channel\": \"transfer\", \"reference\": \"VIR-2026-42\","
                                             " \"invoices\": [%" G_GINT64_FORMAT "]}", october);
    g_autoptr(JsonNode) transfer = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent,
                                                 body, 201);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (transfer), "receipt_number"),
                     ==, "R2026-00003");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (transfer), "reference"),
                     ==, "VIR-2026-42");
  }

  /* The family read by the staff shows them all, newest first. */
  later = staff_expect (&fixture->s, "GET", "/staff/families/1", agent, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (later), "total_due_cents"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (later), "payments")),
                    ==, 5);
}

/* ---------------------------------------------------------------- lists */

static JsonArray *
list_activities (JsonNode *list)
{
  return json_object_get_array_member (json_node_get_object (list), "activities");
}

static JsonObject *
list_activity (JsonNode   *list,
               const char *code)
{
  return ef_test_json_find (list_activities (list), "activity", code);
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  const char *agent = fixture->s.demo_agent;
  g_autoptr(JsonNode) tomorrow = NULL;
  g_autoptr(JsonNode) site = NULL;
  g_autoptr(JsonNode) other_site = NULL;
  g_autoptr(JsonNode) wednesday = NULL;
  g_autoptr(JsonNode) closed = NULL;
  g_autoptr(JsonNode) strike = NULL;
  g_autoptr(JsonNode) lacaou = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) pdf_again = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *text = NULL;
  g_autofree char *lacaou_agent = NULL;
  JsonObject *meals, *restaurant;
  JsonArray *children;
  guint status = 0;

  /* Without a day: tomorrow, on the server's clock (Wednesday 7 October). */
  tomorrow = staff_expect (&fixture->s, "GET", "/staff/lists/attendance", agent, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (tomorrow), "day"), ==, "2026-10-08");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (tomorrow), "total"), ==, 2);
  /* The Wednesday leisure centre does not run on Thursdays. */
  g_assert_cmpuint (json_array_get_length (list_activities (tomorrow)), ==, 3);
  g_assert_null (list_activity (tomorrow, "mercredi-lacaou"));
  g_assert_cmpint (json_object_get_int_member (list_activity (tomorrow, "accueil-matin"), "count"), ==, 0);
  meals = list_activity (tomorrow, "restaurant-scolaire");
  g_assert_cmpint (json_object_get_int_member (meals, "count"), ==, 2);
  g_assert_true (json_object_get_null_member (meals, "closed"));
  restaurant = json_array_get_object_element (json_object_get_array_member (meals, "sites"), 0);
  g_assert_cmpstr (json_object_get_string_member (restaurant, "site"), ==, "Restaurant scolaire de l’école");
  g_assert_cmpint (json_object_get_int_member (restaurant, "count"), ==, 2);
  children = json_object_get_array_member (restaurant, "children");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (children, 0), "first_name"),
                   ==, "Hugo");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (children, 1), "first_name"),
                   ==, "Léa");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (children, 1), "family_name"),
                   ==, "Famille Martin");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (children, 1), "override"));

  /* One activity, one site. */
  site = staff_expect (&fixture->s, "GET",
                       "/staff/lists/attendance?day=2026-10-08&activity=restaurant-scolaire&site=restaurant-ecole",
                       agent, NULL, 200);
  g_assert_cmpuint (json_array_get_length (list_activities (site)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (site), "total"), ==, 2);
  other_site = staff_expect (&fixture->s, "GET",
                             "/staff/lists/attendance?day=2026-10-08&activity=restaurant-scolaire&site=lacaou",
                             agent, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (other_site), "total"), ==, 0);

  /* Asked for on a day it does not run, or on a Wednesday. */
  closed = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?day=2026-10-08&activity=mercredi-lacaou",
                         agent, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (list_activity (closed, "mercredi-lacaou"), "closed"),
                   ==, "L’activité n’a pas lieu ce jour");
  wednesday = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?day=2026-10-14&activity=mercredi-lacaou",
                            agent, NULL, 200);
  g_assert_true (json_object_get_null_member (list_activity (wednesday, "mercredi-lacaou"), "closed"));

  /* A strike: nobody is expected, and the kitchen reads why. */
  staff_exec (&fixture->s, "INSERT INTO closed_days (tenant_id, day, reason) VALUES ('7249', '2026-10-09', 'Grève')");
  strike = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?day=2026-10-09", agent, NULL, 200);
  meals = list_activity (strike, "restaurant-scolaire");
  g_assert_cmpstr (json_object_get_string_member (meals, "closed"), ==, "Fermé ce jour");
  g_assert_cmpint (json_object_get_int_member (meals, "count"), ==, 0);

  /* As a spreadsheet. */
  csv = staff_get_bytes (&fixture->s, "/staff/lists/attendance?day=2026-10-08&format=csv", agent, &status,
                         &content_type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (content_type, ==, "text/csv; charset=utf-8");
  g_assert_cmpmem (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                   "\xEF\xBB\xBF" "Date;Activité;Site;Nom;Prénom;Famille;Hors délai\r\n"
                   "2026-10-08;Restauration scolaire;Restaurant scolaire de l’école;Martin;Hugo;Famille Martin;non\r\n"
                   "2026-10-08;Restauration scolaire;Restaurant scolaire de l’école;Martin;Léa;Famille Martin;non\r\n",
                   strlen ("\xEF\xBB\xBF" "Date;Activité;Site;Nom;Prénom;Famille;Hors délai\r\n"
                           "2026-10-08;Restauration scolaire;Restaurant scolaire de l’école;Martin;Hugo;Famille Martin;non\r\n"
                           "2026-10-08;Restauration scolaire;Restaurant scolaire de l’école;Martin;Léa;Famille Martin;non\r\n"));

  /* Printable. */
  pdf = get_pdf (fixture, "/staff/lists/attendance?day=2026-10-08&format=pdf", agent);
  text = ef_test_pdf_text (pdf);
  assert_pdf_contains (text, "LISTE DE PRÉSENCE");
  assert_pdf_contains (text, "Liste du jeudi 8 octobre 2026");
  assert_pdf_contains (text, "Restauration scolaire — Restaurant scolaire de l’école");
  assert_pdf_contains (text, "2 enfants attendus");
  assert_pdf_contains (text, "MARTIN");
  assert_pdf_contains (text, "Léa");
  assert_pdf_contains (text, "Hugo");
  assert_pdf_contains (text, "Accueil périscolaire du matin");
  pdf_again = get_pdf (fixture, "/staff/lists/attendance?day=2026-10-08&format=pdf", agent);
  g_assert_true (g_bytes_equal (pdf, pdf_again));

  /* Mistakes. */
  refused = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?format=xml", agent, NULL, 422);
  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?day=2026-13-01", agent, NULL, 422);
  g_assert_cmpstr (error_code (refused), ==, "invalid_date");
  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?activity=piscine", agent, NULL, 422);
  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?site=piscine", agent, NULL, 422);
  g_clear_pointer (&refused, json_node_unref);

  /* The Lacaou's agent: its activities only. */
  lacaou_agent = staff_add_agent (&fixture->s, "luc@example.fr", "Luc Lacaou", "lacaou", NULL);
  refused = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?activity=restaurant-scolaire",
                          lacaou_agent, NULL, 403);
  g_assert_cmpstr (error_code (refused), ==, "forbidden");
  lacaou = staff_expect (&fixture->s, "GET", "/staff/lists/attendance?day=2026-10-14", lacaou_agent, NULL, 200);
  g_assert_cmpuint (json_array_get_length (list_activities (lacaou)), ==, 1);
  g_assert_nonnull (list_activity (lacaou, "mercredi-lacaou"));
}

/* ------------------------------------------------------------- takings */

static JsonObject *
takings_payment (JsonNode *takings,
                 gint64    id)
{
  JsonArray *payments = json_object_get_array_member (json_node_get_object (takings), "payments");

  for (guint i = 0; i < json_array_get_length (payments); i++)
    {
      JsonObject *payment = json_array_get_object_element (payments, i);

      if (json_object_get_int_member (payment, "id") == id)
        return payment;
    }
  return NULL;
}

static void
test_takings (Fixture       *fixture,
              gconstpointer  data)
{
  const char *agent = fixture->s.demo_agent;
  g_autoptr(JsonNode) cheque = NULL;
  g_autoptr(JsonNode) cash = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) takings = NULL;
  g_autoptr(JsonNode) today = NULL;
  g_autoptr(JsonNode) other_day = NULL;
  g_autoptr(JsonNode) hidden = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autofree char *cheque_body = NULL;
  g_autofree char *cash_body = NULL;
  g_autofree char *cancel_path = NULL;
  g_autofree char *pia = NULL;
  JsonObject *object, *totals, *item;
  gint64 october, september_2020, cheque_id, cash_id;

  october = staff_query_int (&fixture->s, "SELECT id FROM invoices WHERE number = 'pop-F261000001'");
  september_2020 = staff_query_int (&fixture->s, "SELECT id FROM invoices WHERE number = 'pop-F200300001'");
  cheque_body = g_strdup_printf ("{\"channel\": \"cheque\", \"cheque_number\": \"0012345\","
                                 " \"invoices\": [%" G_GINT64_FORMAT "]}", october);
  cash_body = g_strdup_printf ("{\"channel\": \"cash\", \"invoices\": [%" G_GINT64_FORMAT "]}", september_2020);
  cheque = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, cheque_body, 201);
  cash = staff_expect (&fixture->s, "POST", "/staff/families/1/payments", agent, cash_body, 201);
  cheque_id = json_object_get_int_member (json_node_get_object (cheque), "id");
  cash_id = json_object_get_int_member (json_node_get_object (cash), "id");
  cancel_path = g_strdup_printf ("/staff/payments/%" G_GINT64_FORMAT "/cancel", cheque_id);
  cancelled = staff_expect (&fixture->s, "POST", cancel_path, agent,
                            "{\"reason\": \"Chèque sans provision\"}", 200);

  /* Both listed, the cancelled one marked; only the cash counts. */
  takings = staff_expect (&fixture->s, "GET", "/staff/payments?day=2026-10-05", agent, NULL, 200);
  object = json_node_get_object (takings);
  g_assert_cmpstr (json_object_get_string_member (object, "day"), ==, "2026-10-05");
  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "total_cents"), ==, 1500);
  totals = json_object_get_object_member (object, "totals_cents");
  g_assert_cmpint (json_object_get_int_member (totals, "cash"), ==, 1500);
  g_assert_cmpint (json_object_get_int_member (totals, "cheque"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "transfer"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "direct_debit"), ==, 0);
  item = takings_payment (takings, cheque_id);
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (item, "cancel_reason"), ==, "Chèque sans provision");
  g_assert_cmpstr (json_object_get_string_member (item, "cheque_number"), ==, "0012345");
  g_assert_cmpstr (json_object_get_string_member (item, "family_name"), ==, "Famille Martin");
  item = takings_payment (takings, cash_id);
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "paid");
  g_assert_cmpstr (json_object_get_string_member (item, "agent_name"), ==, "Sophie Laborde");
  /* The online payments of the demo data are not the counter's. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "payments")), ==, 2);

  /* Without a day: today on the server's clock. */
  today = staff_expect (&fixture->s, "GET", "/staff/payments", agent, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (today), "day"), ==, "2026-10-05");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (today), "total_cents"), ==, 1500);
  other_day = staff_expect (&fixture->s, "GET", "/staff/payments?day=2026-10-06", agent, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (other_day), "count"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (other_day), "total_cents"), ==, 0);

  /* A bad day. */
  refused = staff_expect (&fixture->s, "GET", "/staff/payments?day=2026-13-01", agent, NULL, 422);
  g_assert_cmpstr (error_code (refused), ==, "invalid_date");
  g_clear_pointer (&refused, json_node_unref);
  refused = staff_expect (&fixture->s, "GET", "/staff/payments?day=demain", agent, NULL, 422);
  g_clear_pointer (&refused, json_node_unref);
  /* Staff only. */
  refused = staff_expect (&fixture->s, "GET", "/staff/payments", fixture->s.parent, NULL, 404);
  g_clear_pointer (&refused, json_node_unref);

  /* An agent of another service does not see a family it cannot read. */
  pia = staff_add_agent (&fixture->s, "pia@example.fr", "Pia Petite-Enfance", "petite-enfance", NULL);
  refused = staff_expect (&fixture->s, "GET", "/staff/families/1", pia, NULL, 404);
  hidden = staff_expect (&fixture->s, "GET", "/staff/payments?day=2026-10-05", pia, NULL, 200);
  object = json_node_get_object (hidden);
  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "total_cents"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "payments")), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, now, func) \
  g_test_add (path, Fixture, now, fixture_set_up, func, fixture_tear_down)

  ADD ("/server/staff-billing/override-town-bills", "2026-11-05T10:00:00+01:00", test_override_town_bills);
  ADD ("/server/staff-billing/override-town-does-not-bill", "2026-11-05T10:00:00+01:00",
       test_override_town_does_not_bill);
  ADD ("/server/staff-billing/payments", "2026-10-05T10:00:00+02:00", test_payments);
  ADD ("/server/staff-billing/takings", "2026-10-05T10:00:00+02:00", test_takings);
  ADD ("/server/staff-billing/lists", "2026-10-07T10:00:00+02:00", test_lists);

#undef ADD

  return g_test_run ();
}
