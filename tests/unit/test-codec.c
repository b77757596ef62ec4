/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-codec.c: the contract's codecs (ef-codec-*.c)
 *
 * Each resource goes from record to JSON and back unchanged, and from JSON
 * (the demo's, as the server answers it) to record and back to the
 * same bytes; the readers refuse what the contract does not allow; and the
 * members each codec writes are the properties of its schema in
 * docs/openapi.yaml (read from its JSON export, openapi.json, made at
 * build time).
 */

#define G_LOG_DOMAIN "EfTestUnit"

#include "config.h"

#include <string.h>

#include "ef-common.h"

/* GET /7249/api/v1/family of the demo (`espace-famille-server demo`). */
#define DEMO_FAMILY_JSON \
  "{\"id\":1,\"name\":\"Famille Martin\",\"address\":{\"line1\":\"12 rue des Marronniers\"," \
  "\"line2\":\"\",\"postal_code\":\"64140\",\"city\":\"Billère\"},\"members\":[" \
  "{\"id\":1,\"role\":\"responsible\",\"first_name\":\"Claire\",\"last_name\":\"Martin\"," \
  "\"birth_date\":\"1985-04-23\",\"address\":null,\"phones\":[{\"kind\":\"mobile\"," \
  "\"number\":\"06 12 34 56 78\"},{\"kind\":\"work\",\"number\":\"05 59 11 22 33\"}]," \
  "\"email\":\"parent@example.fr\",\"caf_number\":\"1234567\",\"pickup_persons\":[]}," \
  "{\"id\":2,\"role\":\"child\",\"first_name\":\"Léa\",\"last_name\":\"Martin\"," \
  "\"birth_date\":\"2016-03-14\",\"address\":null,\"phones\":[],\"email\":null," \
  "\"caf_number\":null,\"pickup_persons\":[{\"id\":1,\"name\":\"Monique Martin\"," \
  "\"phone\":\"06 98 76 54 32\",\"relation\":\"grand-mère\"},{\"id\":2," \
  "\"name\":\"Julien Lacoste\",\"phone\":\"06 45 67 89 01\",\"relation\":\"voisin\"}]}," \
  "{\"id\":3,\"role\":\"child\",\"first_name\":\"Hugo\",\"last_name\":\"Martin\"," \
  "\"birth_date\":\"2019-09-02\",\"address\":null,\"phones\":[],\"email\":null," \
  "\"caf_number\":null,\"pickup_persons\":[{\"id\":3,\"name\":\"Monique Martin\"," \
  "\"phone\":\"06 98 76 54 32\",\"relation\":\"grand-mère\"}]}]}"

#define MEMBER_JSON \
  "{\"id\":7,\"role\":\"child\",\"first_name\":\"Léa\",\"last_name\":\"Martin\"," \
  "\"birth_date\":\"2016-03-14\",\"address\":{\"line1\":\"3 allée des Pins\",\"line2\":\"Bât. B\"," \
  "\"postal_code\":\"64000\",\"city\":\"Pau\"},\"phones\":[{\"kind\":\"home\"," \
  "\"number\":\"05 59 00 00 01\"}],\"email\":\"lea@example.fr\",\"caf_number\":null," \
  "\"pickup_persons\":[{\"id\":4,\"name\":\"Mamie\",\"phone\":\"06 12 34 56 78\"," \
  "\"relation\":\"grand-mère\"}]}"

/* GET /7249/api/v1/invoices/4 of the demo, after two payments at the town
 * hall, and another invoice of it: one to pay, with a null reason and a
 * line of no activity. */
#define INVOICE_JSON \
  "{\"id\":4,\"number\":\"pop-F261000001\",\"service\":\"education\"," \
  "\"label\":\"Éducation — octobre 2026\",\"issue_date\":\"2026-11-02\"," \
  "\"period\":{\"start\":\"2026-10-01\",\"end\":\"2026-10-31\"},\"due_date\":\"2026-12-02\"," \
  "\"amount_cents\":7000,\"balance_cents\":0,\"paid_cents\":7000,\"status\":\"settled\"," \
  "\"payable_online\":false,\"not_payable_reason\":\"settled\",\"lines\":[{\"member\":2," \
  "\"member_name\":\"Léa Martin\",\"activity\":1,\"label\":\"Restauration scolaire\"," \
  "\"quantity\":10,\"unit_price_cents\":350,\"amount_cents\":3500},{\"member\":3," \
  "\"member_name\":\"Hugo Martin\",\"activity\":1,\"label\":\"Restauration scolaire\"," \
  "\"quantity\":10,\"unit_price_cents\":350,\"amount_cents\":3500}],\"children\":[{\"member\":2," \
  "\"name\":\"Léa Martin\",\"total_cents\":3500},{\"member\":3,\"name\":\"Hugo Martin\"," \
  "\"total_cents\":3500}],\"payments\":[{\"id\":3,\"channel\":\"cash\",\"amount_cents\":500," \
  "\"paid_at\":\"2026-11-16T10:15:00+01:00\"},{\"id\":4,\"channel\":\"cheque\"," \
  "\"amount_cents\":6500,\"paid_at\":\"2026-11-16T10:15:00+01:00\"}]}"

#define INVOICE_TO_PAY_JSON \
  "{\"id\":1,\"number\":\"pop-F200300001\",\"service\":\"education\"," \
  "\"label\":\"Éducation — février 2020\",\"issue_date\":\"2020-03-01\"," \
  "\"period\":{\"start\":\"2020-02-01\",\"end\":\"2020-02-29\"},\"due_date\":\"2020-03-31\"," \
  "\"amount_cents\":3500,\"balance_cents\":1500,\"paid_cents\":2000,\"status\":\"to_pay\"," \
  "\"payable_online\":true,\"not_payable_reason\":null,\"lines\":[{\"member\":null," \
  "\"member_name\":\"Famille Martin\",\"activity\":null,\"label\":\"Frais de dossier\"," \
  "\"quantity\":1,\"unit_price_cents\":3500,\"amount_cents\":3500}],\"children\":[{\"member\":null," \
  "\"name\":\"Famille Martin\",\"total_cents\":3500}],\"payments\":[]}"

/* An element of GET /7249/api/v1/history/payments of the demo, then a
 * pending one. */
#define PAYMENT_ENTRY_JSON \
  "{\"id\":4,\"at\":\"2026-11-16T10:15:00+01:00\",\"day\":\"2026-11-16\",\"time\":\"10:15\"," \
  "\"channel\":\"cheque\",\"status\":\"paid\",\"amount_cents\":6500," \
  "\"paid_at\":\"2026-11-16T10:15:00+01:00\",\"invoice_numbers\":[\"pop-F261000001\"]," \
  "\"allocations\":[{\"invoice\":4,\"number\":\"pop-F261000001\",\"amount_cents\":6500}]," \
  "\"refund_due\":false}"

#define PENDING_PAYMENT_ENTRY_JSON \
  "{\"id\":5,\"at\":\"2026-11-16T23:30:00+01:00\",\"day\":\"2026-11-16\",\"time\":\"23:30\"," \
  "\"channel\":\"online_card\",\"status\":\"pending\",\"amount_cents\":1500,\"paid_at\":null," \
  "\"invoice_numbers\":[\"pop-F200300001\",\"pop-F200400001\"],\"allocations\":[{\"invoice\":1," \
  "\"number\":\"pop-F200300001\",\"amount_cents\":1000},{\"invoice\":2," \
  "\"number\":\"pop-F200400001\",\"amount_cents\":500}],\"refund_due\":true}"

/* Elements of GET /7249/api/v1/history/connections of the demo, and a
 * refused sign-in. */
#define CONNECTION_JSON \
  "{\"at\":\"2026-11-16T12:31:00+01:00\",\"day\":\"2026-11-16\",\"time\":\"12:31\"," \
  "\"result\":\"ok\",\"success\":true,\"client\":\"Espace Famille (démo)\"," \
  "\"email\":\"parent@example.fr\"}"

#define REFUSED_CONNECTION_JSON \
  "{\"at\":\"2026-03-29T01:59:59+01:00\",\"day\":\"2026-03-29\",\"time\":\"01:59\"," \
  "\"result\":\"locked\",\"success\":false,\"client\":\"\",\"email\":\"parent@example.fr\"}"

/* The staff's resources. From the demo, as its agent reads them: GET
 * staff/families?q=mar, the lists of 2026-11-17, and the takings of
 * 2026-11-16 after a cheque (cancelled) and a transfer at the counter. Then,
 * shaped as the server writes them: the family with its accounts, a payment
 * at the counter, the audit (with a removed agent), and the requests of a
 * payment and of its cancellation. */
#define STAFF_FAMILY_PAGE_JSON \
  "{\"query\":\"mar\",\"page\":1,\"per_page\":20,\"total\":1,\"families\":[{\"id\":1," \
  "\"name\":\"Famille Martin\",\"reference\":\"demo-martin\",\"services\":[\"education\"," \
  "\"lacaou\"],\"members\":[{\"id\":1,\"role\":\"responsible\",\"first_name\":\"Claire\"," \
  "\"last_name\":\"Martin\",\"birth_date\":\"1985-04-23\",\"email\":\"parent@example.fr\"}," \
  "{\"id\":2,\"role\":\"child\",\"first_name\":\"Léa\",\"last_name\":\"Martin\"," \
  "\"birth_date\":\"2016-03-14\",\"email\":null},{\"id\":3,\"role\":\"child\"," \
  "\"first_name\":\"Hugo\",\"last_name\":\"Martin\",\"birth_date\":\"2019-09-02\"," \
  "\"email\":null}]}]}"

#define STAFF_PAYMENT_JSON \
  "{\"id\":4,\"at\":\"2026-11-16T10:15:00+01:00\",\"day\":\"2026-11-16\",\"time\":\"10:15\"," \
  "\"channel\":\"cheque\",\"status\":\"paid\",\"amount_cents\":6500," \
  "\"paid_at\":\"2026-11-16T10:15:00+01:00\",\"invoice_numbers\":[\"pop-F261000001\"]," \
  "\"allocations\":[{\"invoice\":4,\"number\":\"pop-F261000001\",\"amount_cents\":6500}]," \
  "\"refund_due\":false,\"family\":1,\"reference\":null,\"note\":\"\"," \
  "\"cheque_number\":\"0012345\",\"receipt_number\":\"R2026-00002\"," \
  "\"agent_name\":\"Sophie Agent\",\"cancelled_at\":null,\"cancel_reason\":null," \
  "\"cancelled_paid_at\":null}"

#define STAFF_FAMILY_JSON \
  "{\"id\":1,\"name\":\"Famille Martin\",\"address\":{\"line1\":\"12 rue des Marronniers\"," \
  "\"line2\":\"\",\"postal_code\":\"64140\",\"city\":\"Billère\"},\"members\":[" \
  "{\"id\":1,\"role\":\"responsible\",\"first_name\":\"Claire\",\"last_name\":\"Martin\"," \
  "\"birth_date\":\"1985-04-23\",\"address\":null,\"phones\":[{\"kind\":\"mobile\"," \
  "\"number\":\"06 12 34 56 78\"}],\"email\":\"parent@example.fr\",\"caf_number\":\"1234567\"," \
  "\"pickup_persons\":[],\"account\":{\"id\":1,\"member\":1,\"email\":\"parent@example.fr\"," \
  "\"has_password\":true,\"locked\":true,\"locked_until\":\"2026-11-16T10:30:00+01:00\"," \
  "\"failed_logins\":5,\"invitation\":{\"sent_at\":\"2026-09-01T09:00:00+02:00\"," \
  "\"expires_at\":\"2026-09-08T09:00:00+02:00\",\"used\":true,\"expired\":false}}}," \
  "{\"id\":2,\"role\":\"child\",\"first_name\":\"Léa\",\"last_name\":\"Martin\"," \
  "\"birth_date\":\"2016-03-14\",\"address\":null,\"phones\":[],\"email\":null," \
  "\"caf_number\":null,\"pickup_persons\":[],\"account\":null}],\"reference\":\"F-0001\"," \
  "\"services\":[\"education\"],\"enrolments\":[{\"id\":1,\"member\":2,\"activity\":\"cantine\"," \
  "\"activity_name\":\"Restauration scolaire\",\"service\":\"education\"," \
  "\"site\":\"École Jean Moulin\",\"from\":\"2026-09-01\",\"to\":\"2027-07-04\"}]," \
  "\"invoices\":[" INVOICE_TO_PAY_JSON "],\"total_due_cents\":1500,\"payments\":[" \
  STAFF_PAYMENT_JSON "]}"

#define STAFF_DAY_PAYMENTS_JSON \
  "{\"day\":\"2026-11-16\",\"payments\":[{\"id\":3,\"at\":\"2026-11-16T10:15:00+01:00\"," \
  "\"day\":\"2026-11-16\",\"time\":\"10:15\",\"channel\":\"cheque\",\"status\":\"cancelled\"," \
  "\"amount_cents\":7000,\"paid_at\":null,\"invoice_numbers\":[\"pop-F261000001\"]," \
  "\"allocations\":[{\"invoice\":4,\"number\":\"pop-F261000001\",\"amount_cents\":7000}]," \
  "\"refund_due\":false,\"family\":1,\"reference\":null,\"note\":\"Guichet\"," \
  "\"cheque_number\":\"0012345\",\"receipt_number\":\"R2026-00001\"," \
  "\"agent_name\":\"Sophie Laborde\",\"cancelled_at\":\"2026-11-16T10:15:00+01:00\"," \
  "\"cancel_reason\":\"Chèque sans provision\"," \
  "\"cancelled_paid_at\":\"2026-11-16T10:15:00+01:00\",\"family_name\":\"Famille Martin\"}," \
  "{\"id\":4,\"at\":\"2026-11-16T10:15:00+01:00\",\"day\":\"2026-11-16\",\"time\":\"10:15\"," \
  "\"channel\":\"transfer\",\"status\":\"paid\",\"amount_cents\":100," \
  "\"paid_at\":\"2026-11-16T10:15:00+01:00\",\"invoice_numbers\":[\"pop-F200300001\"]," \
  "\"allocations\":[{\"invoice\":1,\"number\":\"pop-F200300001\",\"amount_cents\":100}]," \
  "\"refund_due\":false,\"family\":1,\"reference\":\"VIR-1\",\"note\":\"\"," \
  "\"cheque_number\":null,\"receipt_number\":\"R2026-00002\",\"agent_name\":\"Sophie Laborde\"," \
  "\"cancelled_at\":null,\"cancel_reason\":null,\"cancelled_paid_at\":null," \
  "\"family_name\":\"Famille Martin\"}],\"totals_cents\":{\"cash\":0,\"cheque\":0," \
  "\"transfer\":100,\"direct_debit\":0},\"total_cents\":100,\"count\":2}"

#define STAFF_AUDIT_PAGE_JSON \
  "{\"family\":1,\"page\":1,\"per_page\":20,\"total\":2,\"entries\":[{\"id\":2," \
  "\"at\":\"2026-11-16T10:15:00+01:00\",\"agent\":{\"id\":3,\"name\":\"Sophie Agent\"," \
  "\"email\":\"agent@example.fr\"},\"action\":\"account_unlock\",\"target\":\"account:1\"," \
  "\"before\":{\"locked\":true},\"after\":{\"locked\":false},\"via\":\"phone\"},{\"id\":1," \
  "\"at\":\"2026-11-16T10:00:00+01:00\",\"agent\":{\"id\":null,\"name\":\"Paul Ancien\"," \
  "\"email\":\"ancien@example.fr\"},\"action\":\"invitation_send\",\"target\":\"member:1\"," \
  "\"before\":null,\"after\":{\"account\":1,\"email\":\"parent@example.fr\"},\"via\":null}]}"

#define ATTENDANCE_LISTS_JSON \
  "{\"day\":\"2026-11-17\",\"total\":2,\"activities\":[{\"activity\":\"accueil-matin\"," \
  "\"name\":\"Accueil périscolaire du matin\",\"service\":\"education\",\"closed\":null," \
  "\"count\":0,\"sites\":[]},{\"activity\":\"accueil-soir\"," \
  "\"name\":\"Accueil périscolaire du soir\",\"service\":\"education\",\"closed\":null," \
  "\"count\":0,\"sites\":[]},{\"activity\":\"restaurant-scolaire\"," \
  "\"name\":\"Restauration scolaire\",\"service\":\"education\",\"closed\":null,\"count\":2," \
  "\"sites\":[{\"site\":\"Restaurant scolaire de l’école\",\"count\":2," \
  "\"children\":[{\"member\":3,\"first_name\":\"Hugo\",\"last_name\":\"Martin\",\"family\":1," \
  "\"family_name\":\"Famille Martin\",\"override\":false},{\"member\":2,\"first_name\":\"Léa\"," \
  "\"last_name\":\"Martin\",\"family\":1,\"family_name\":\"Famille Martin\"," \
  "\"override\":false}]}]}]}"

#define OFFLINE_PAYMENT_REQUEST_JSON \
  "{\"channel\":\"cheque\",\"invoices\":[4,5],\"cheque_number\":\"0012345\"," \
  "\"note\":\"Guichet\",\"via\":\"counter\"}"

#define PART_PAYMENT_REQUEST_JSON \
  "{\"channel\":\"transfer\",\"invoices\":[4],\"amount_cents\":500," \
  "\"reference\":\"VIR-2026-11-16\"}"

/* Every member of the request, for the list of what it writes. */
#define FULL_PAYMENT_REQUEST_JSON \
  "{\"channel\":\"cheque\",\"invoices\":[4],\"amount_cents\":500," \
  "\"cheque_number\":\"0012345\",\"reference\":\"R-1\",\"note\":\"Guichet\",\"via\":\"phone\"}"

#define PAYMENT_CANCEL_REQUEST_JSON \
  "{\"reason\":\"Chèque sans provision\",\"via\":\"counter\"}"

/* POST /7249/api/v1/auth/login of the demo, a parent's and an agent's;
 * GET …/auth/session of an agent on behalf of a family (no token). */
#define SESSION_JSON \
  "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"expires_at\":\"2026-12-07T00:48:30+01:00\"," \
  "\"idle_expires_at\":\"2026-12-06T13:18:30+01:00\",\"account\":{\"id\":1," \
  "\"email\":\"parent@example.fr\",\"kind\":\"parent\",\"family_id\":1,\"member_id\":1," \
  "\"staff\":null},\"on_behalf_of\":null}"

#define STAFF_SESSION_JSON \
  "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"expires_at\":\"2026-11-16T21:00:00+01:00\"," \
  "\"idle_expires_at\":\"2026-11-16T09:30:00+01:00\",\"account\":{\"id\":2," \
  "\"email\":\"agent@example.fr\",\"kind\":\"staff\",\"family_id\":null,\"member_id\":null," \
  "\"staff\":{\"name\":\"Sophie Laborde\",\"admin\":true,\"services\":[\"education\"]," \
  "\"roles\":[\"education\",\"admin\"]}},\"on_behalf_of\":null}"

#define SESSION_INFO_JSON \
  "{\"expires_at\":\"2026-11-16T21:00:00+01:00\",\"idle_expires_at\":\"2026-11-16T09:30:00+01:00\"," \
  "\"account\":{\"id\":2,\"email\":\"agent@example.fr\",\"kind\":\"staff\",\"family_id\":null," \
  "\"member_id\":null,\"staff\":{\"name\":\"Sophie Laborde\",\"admin\":false," \
  "\"services\":[\"education\"],\"roles\":[\"education\"]}},\"on_behalf_of\":{\"family_id\":1," \
  "\"name\":\"Famille Martin\",\"via\":\"phone\"}}"

#define LOGIN_REQUEST_JSON \
  "{\"email\":\"parent@example.fr\",\"password\":\"demo-password\"," \
  "\"client\":\"Espace Famille 1.0 (GNOME)\"}"

#define ERROR_JSON \
  "{\"error\":{\"code\":\"deadline_passed\",\"message\":\"Too late for 2026-01-12\"," \
  "\"details\":[{\"day\":\"2026-01-12\"}]}}"

/* GET /7249/api/v1/finance of the demo; GET …/payments/2 of the demo (a
 * card payment) and an online payment still pending, with its page. */
#define FINANCE_JSON \
  "{\"total_due_cents\":9120,\"invoices_to_pay\":3,\"oldest_due_date\":\"2019-12-30\"," \
  "\"online_payment_enabled\":true}"

#define PAYMENT_JSON \
  "{\"id\":2,\"status\":\"paid\",\"channel\":\"online_card\",\"amount_cents\":11900," \
  "\"reference\":\"DEMO-CB-20261005\",\"label\":\"Paiement en ligne\",\"invoices\":[{\"id\":3," \
  "\"number\":\"pop-F260900001\",\"amount_cents\":11900}],\"created_at\":\"2026-10-05T08:52:00+02:00\"," \
  "\"updated_at\":\"2026-10-05T08:53:00+02:00\",\"paid_at\":\"2026-10-05T08:53:00+02:00\"}"

#define PENDING_PAYMENT_JSON \
  "{\"id\":7,\"status\":\"pending\",\"channel\":\"online_card\",\"amount_cents\":3500," \
  "\"reference\":null,\"label\":\"Mairie de Billère — factures\",\"invoices\":[{\"id\":1," \
  "\"number\":\"pop-F200300001\",\"amount_cents\":1500},{\"id\":2,\"number\":\"pop-F200400001\"," \
  "\"amount_cents\":2000}],\"created_at\":\"2026-10-05T08:00:00+02:00\"," \
  "\"updated_at\":\"2026-10-05T08:00:00+02:00\",\"paid_at\":null," \
  "\"expires_at\":\"2026-10-05T08:20:00+02:00\"," \
  "\"provider_url\":\"https://www.payfip.gouv.fr/tpa/paiement.web?idop=abc\",\"refund_due\":false}"

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = ef_json_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
write_compact (JsonNode *node)
{
  return ef_json_to_string (node, FALSE);
}

/* The member names of @node (an object), in order, NULL-terminated. */
static GStrv
member_names (JsonNode *node)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GList) names = NULL;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

static void
assert_strv_equal (const char * const *a,
                   const char * const *b)
{
  g_autofree char *joined_a = g_strjoinv (",", (char **) a);
  g_autofree char *joined_b = g_strjoinv (",", (char **) b);

  g_assert_cmpstr (joined_a, ==, joined_b);
}

static EfMemberRecord *
member_record (gint64      id,
               const char *role,
               const char *first_name)
{
  EfMemberRecord *member = ef_member_record_new ();

  member->id = id;
  member->role = g_strdup (role);
  member->first_name = g_strdup (first_name);
  member->last_name = g_strdup ("Martin");
  member->birth_date = g_strdup ("2016-03-14");
  return member;
}

static EfAddressRecord *
address_record (const char *line1,
                const char *line2,
                const char *postal_code,
                const char *city)
{
  EfAddressRecord *address = g_new0 (EfAddressRecord, 1);

  address->line1 = g_strdup (line1);
  address->line2 = g_strdup (line2);
  address->postal_code = g_strdup (postal_code);
  address->city = g_strdup (city);
  return address;
}

/* A family with every kind of value: an own address, nulls and not. */
static EfFamilyRecord *
family_record (void)
{
  EfFamilyRecord *family = ef_family_record_new ();
  EfMemberRecord *parent = member_record (11, "responsible", "Claire");
  EfMemberRecord *child = member_record (12, "child", "Léa");
  EfPhoneRecord *phone = g_new0 (EfPhoneRecord, 1);
  EfPickupPersonRecord *person = g_new0 (EfPickupPersonRecord, 1);

  family->id = 5;
  family->reference = g_strdup ("F-0005");
  family->name = g_strdup ("Famille Martin");
  family->address = address_record ("12 rue des Marronniers", "", "64140", "Billère");

  phone->kind = g_strdup ("mobile");
  phone->number = g_strdup ("06 12 34 56 78");
  g_ptr_array_add (parent->phones, phone);
  parent->email = g_strdup ("parent@example.fr");
  parent->caf_number = g_strdup ("1234567");

  child->address = address_record ("3 allée des Pins", "Bât. B", "64000", "Pau");
  person->id = 3;
  person->name = g_strdup ("Monique Martin");
  person->phone = g_strdup ("06 98 76 54 32");
  person->relation = g_strdup ("grand-mère");
  g_ptr_array_add (child->pickup_persons, person);

  g_ptr_array_add (family->members, parent);
  g_ptr_array_add (family->members, child);
  return family;
}

static void
test_family_record_round_trip (void)
{
  g_autoptr (EfFamilyRecord) family = family_record ();
  g_autoptr (EfFamilyRecord) again = NULL;
  g_autoptr (EfMemberRecord) member_again = NULL;
  g_autoptr (EfAddressRecord) address_again = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) member_node = NULL;
  g_autoptr (JsonNode) address_node = NULL;
  g_autoptr (GError) error = NULL;
  EfMemberRecord *child;

  node = ef_family_record_to_json (family);
  again = ef_family_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_family_record_equal (family, again));
  /* The town hall's references are the server's own, not the contract's. */
  g_assert_null (again->reference);

  child = g_ptr_array_index (family->members, 1);
  member_node = ef_member_record_to_json (child);
  member_again = ef_member_record_from_json (member_node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_member_record_equal (child, member_again));
  g_assert_cmpstr (member_again->address->line2, ==, "Bât. B");
  g_assert_null (member_again->email);

  address_node = ef_address_record_to_json (family->address);
  address_again = ef_address_record_from_json (address_node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_address_record_equal (family->address, address_again));

  /* A copy is equal, and a change is seen. */
  g_clear_pointer (&member_again, ef_member_record_free);
  member_again = ef_member_record_copy (child);
  g_assert_true (ef_member_record_equal (child, member_again));
  g_free (((EfPickupPersonRecord *) g_ptr_array_index (member_again->pickup_persons, 0))->relation);
  ((EfPickupPersonRecord *) g_ptr_array_index (member_again->pickup_persons, 0))->relation =
    g_strdup ("voisin");
  g_assert_false (ef_member_record_equal (child, member_again));
  g_clear_pointer (&member_again->address, ef_address_record_free);
  g_assert_false (ef_address_record_equal (child->address, member_again->address));
}

static void
test_family_json_round_trip (void)
{
  static const char * const documents[] = { DEMO_FAMILY_JSON, MEMBER_JSON };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (JsonNode) node = parse (documents[i]);
      g_autoptr (JsonNode) written = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;

      if (i == 0)
        {
          g_autoptr (EfFamilyRecord) family = ef_family_record_from_json (node, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (family->members->len, ==, 3);
          g_assert_cmpstr (family->address->city, ==, "Billère");
          written = ef_family_record_to_json (family);
        }
      else
        {
          g_autoptr (EfMemberRecord) member = ef_member_record_from_json (node, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (member->address->city, ==, "Pau");
          written = ef_member_record_to_json (member);
        }
      text = write_compact (written);
      g_assert_cmpstr (text, ==, documents[i]);
    }
}

/* What the readers accept beyond the strict contract, so that a newer
 * server's answers still read: unknown members, roles and kinds; an absent
 * line2; an absent or null member address. */
static void
test_family_json_lenient (void)
{
  g_autoptr (JsonNode) node = parse (MEMBER_JSON);
  JsonObject *object = json_node_get_object (node);
  JsonObject *address = json_object_get_object_member (object, "address");
  JsonObject *phone = json_array_get_object_element (
    json_object_get_array_member (object, "phones"), 0);
  g_autoptr (EfMemberRecord) member = NULL;
  g_autoptr (EfMemberRecord) again = NULL;
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (object, "account", "later");
  json_object_set_string_member (object, "role", "guardian");
  json_object_set_string_member (phone, "kind", "fax");
  json_object_remove_member (address, "line2");
  member = ef_member_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member->role, ==, "guardian");
  g_assert_cmpstr (((EfPhoneRecord *) g_ptr_array_index (member->phones, 0))->kind, ==, "fax");
  g_assert_cmpstr (member->address->line2, ==, "");
  g_assert_false (g_strv_contains (ef_member_roles, member->role));

  json_object_remove_member (object, "address");
  again = ef_member_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_null (again->address);
}

typedef struct
{
  const char *path;    /* "members[0].birth_date", "address", "" (the root) */
  const char *json;    /* the new value, or NULL to remove the member */
  int         code;
} Change;

/* Applies @change to a copy of @document: the member at @path replaced
 * (or removed). Only the steps before the last may index an array. */
static JsonNode *
changed_document (const char   *document,
                  const Change *change)
{
  JsonNode *root = parse (document);
  g_auto (GStrv) steps = g_strsplit (change->path, ".", -1);
  JsonObject *object = json_node_get_object (root);
  guint n = g_strv_length (steps);

  if (*change->path == '\0')
    {
      json_node_unref (root);
      return parse (change->json);
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      char *bracket = strchr (steps[i], '[');

      if (bracket != NULL)
        {
          guint index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);

          *bracket = '\0';
          object = json_array_get_object_element (json_object_get_array_member (object, steps[i]),
                                                  index);
        }
      else
        object = json_object_get_object_member (object, steps[i]);
      g_assert_nonnull (object);
    }
  g_assert_null (strchr (steps[n - 1], '['));
  if (change->json == NULL)
    {
      g_assert_true (json_object_has_member (object, steps[n - 1]));
      json_object_remove_member (object, steps[n - 1]);
    }
  else
    json_object_set_member (object, steps[n - 1], parse (change->json));
  return root;
}

/* A codec's reader: its record, or NULL and an error. */
typedef gpointer (*Reader) (JsonNode  *node,
                            GError   **error);

/* @read refuses @document with each of @changes made to it, with the
 * change's code, a readable message and no record; @name says which
 * document in the log. */
static void
assert_refused (const char   *name,
                const char   *document,
                Reader        read,
                const Change *changes,
                gsize         n_changes)
{
  for (gsize i = 0; i < n_changes; i++)
    {
      g_autoptr (JsonNode) node = changed_document (document, &changes[i]);
      g_autoptr (GError) error = NULL;
      gpointer record;

      g_test_message ("%s %s = %s", name, changes[i].path,
                      changes[i].json ? changes[i].json : "(none)");
      record = read (node, &error);
      g_assert_error (error, EF_API_ERROR, changes[i].code);
      g_assert_null (record);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

#define ASSERT_REFUSED(name, document, read, changes) \
  assert_refused ((name), (document), (Reader) (read), (changes), G_N_ELEMENTS (changes))

/* A codec's writer. */
typedef JsonNode *(*Writer) (gconstpointer record);

/* @read reads @document into a record, @write writes it back to the same
 * bytes, and @read reads those into a record @equal to the first. */
static void
assert_same_bytes (const char     *document,
                   Reader          read,
                   Writer          write,
                   GEqualFunc      equal,
                   GDestroyNotify  free_record)
{
  g_autoptr (JsonNode) node = parse (document);
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gpointer record, again;

  record = read (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  written = write (record);
  text = write_compact (written);
  g_assert_cmpstr (text, ==, document);

  again = read (written, &error);
  g_assert_no_error (error);
  g_assert_true (equal (record, again));
  free_record (again);
  free_record (record);
}

static void
test_family_json_refused (void)
{
  static const Change changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "", "null", EF_API_ERROR_INVALID_FIELD },
    { "id", NULL, EF_API_ERROR_INVALID_FIELD },
    { "id", "\"1\"", EF_API_ERROR_INVALID_FIELD },
    { "id", "1.5", EF_API_ERROR_INVALID_FIELD },
    { "name", NULL, EF_API_ERROR_INVALID_FIELD },
    { "name", "null", EF_API_ERROR_INVALID_FIELD },
    { "address", NULL, EF_API_ERROR_INVALID_FIELD },
    { "address", "null", EF_API_ERROR_INVALID_FIELD },
    { "address", "\"Billère\"", EF_API_ERROR_INVALID_FIELD },
    { "address.line1", NULL, EF_API_ERROR_INVALID_FIELD },
    { "address.line2", "null", EF_API_ERROR_INVALID_FIELD },
    { "address.postal_code", "64140", EF_API_ERROR_INVALID_FIELD },
    { "address.city", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members", "{}", EF_API_ERROR_INVALID_FIELD },
    { "members", "[3]", EF_API_ERROR_INVALID_FIELD },
    { "members[0].id", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members[0].role", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members[0].role", "1", EF_API_ERROR_INVALID_FIELD },
    { "members[0].first_name", "true", EF_API_ERROR_INVALID_FIELD },
    { "members[0].last_name", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members[0].birth_date", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members[0].birth_date", "\"23/04/1985\"", EF_API_ERROR_INVALID_DATE },
    { "members[0].birth_date", "\"1985-02-30\"", EF_API_ERROR_INVALID_DATE },
    { "members[0].address", "[]", EF_API_ERROR_INVALID_FIELD },
    { "members[0].address", "{\"line1\":\"1 rue\"}", EF_API_ERROR_INVALID_FIELD },
    { "members[0].phones", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members[0].phones", "null", EF_API_ERROR_INVALID_FIELD },
    { "members[0].phones", "[\"06 12 34 56 78\"]", EF_API_ERROR_INVALID_FIELD },
    { "members[0].phones", "[{\"kind\":\"mobile\"}]", EF_API_ERROR_INVALID_FIELD },
    { "members[0].phones", "[{\"kind\":2,\"number\":\"06 12 34 56 78\"}]",
      EF_API_ERROR_INVALID_FIELD },
    { "members[0].email", "1", EF_API_ERROR_INVALID_FIELD },
    { "members[0].caf_number", "1234567", EF_API_ERROR_INVALID_FIELD },
    { "members[0].pickup_persons", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members[1].pickup_persons[0].id", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members[1].pickup_persons[0].id", "\"1\"", EF_API_ERROR_INVALID_FIELD },
    { "members[1].pickup_persons[0].name", NULL, EF_API_ERROR_INVALID_FIELD },
    { "members[1].pickup_persons[0].phone", "null", EF_API_ERROR_INVALID_FIELD },
    { "members[1].pickup_persons[1].relation", NULL, EF_API_ERROR_INVALID_FIELD },
  };

  ASSERT_REFUSED ("family", DEMO_FAMILY_JSON, ef_family_record_from_json, changes);

  /* The member and the address readers on their own. */
  {
    g_autoptr (JsonNode) node = parse ("{\"line1\":\"1 rue\",\"postal_code\":\"64000\"}");
    g_autoptr (JsonNode) member = parse ("[]");
    g_autoptr (EfAddressRecord) address = NULL;
    g_autoptr (EfMemberRecord) record = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (GError) member_error = NULL;

    address = ef_address_record_from_json (node, &error);
    g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
    g_assert_null (address);
    record = ef_member_record_from_json (member, &member_error);
    g_assert_error (member_error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
    g_assert_null (record);
  }
}

/* What each codec writes is its list of members, in its order. */
static void
test_family_members_written (void)
{
  g_autoptr (EfFamilyRecord) family = family_record ();
  g_autoptr (JsonNode) node = ef_family_record_to_json (family);
  JsonObject *object = json_node_get_object (node);
  JsonNode *member = json_array_get_element (json_object_get_array_member (object, "members"), 1);
  JsonObject *member_object = json_node_get_object (member);
  g_auto (GStrv) family_names = member_names (node);
  g_auto (GStrv) member_keys = member_names (member);
  g_auto (GStrv) address_names = member_names (json_object_get_member (object, "address"));
  g_auto (GStrv) phone_names = NULL;
  g_auto (GStrv) person_names = NULL;

  phone_names = member_names (json_array_get_element (
    json_object_get_array_member (json_node_get_object (
      json_array_get_element (json_object_get_array_member (object, "members"), 0)), "phones"), 0));
  person_names = member_names (json_array_get_element (
    json_object_get_array_member (member_object, "pickup_persons"), 0));

  assert_strv_equal ((const char * const *) family_names, ef_family_record_members);
  assert_strv_equal ((const char * const *) member_keys, ef_member_record_members);
  assert_strv_equal ((const char * const *) address_names, ef_address_record_members);
  assert_strv_equal ((const char * const *) phone_names, ef_phone_record_members);
  assert_strv_equal ((const char * const *) person_names, ef_pickup_person_record_members);
  /* A parent's patch changes contact fields only: members of a Member. */
  for (guint i = 0; ef_member_contact_patch_members[i] != NULL; i++)
    g_assert_true (g_strv_contains (ef_member_record_members, ef_member_contact_patch_members[i]));
}

/* ------------------------------------------------------------ billing */

static void
test_billing_json_round_trip (void)
{
  static const char * const invoices[] = { INVOICE_JSON, INVOICE_TO_PAY_JSON };
  static const char * const entries[] = { PAYMENT_ENTRY_JSON, PENDING_PAYMENT_ENTRY_JSON };

  for (guint i = 0; i < G_N_ELEMENTS (invoices); i++)
    assert_same_bytes (invoices[i], (Reader) ef_invoice_record_from_json,
                       (Writer) ef_invoice_record_to_json, (GEqualFunc) ef_invoice_record_equal,
                       (GDestroyNotify) ef_invoice_record_free);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    assert_same_bytes (entries[i], (Reader) ef_payment_entry_record_from_json,
                       (Writer) ef_payment_entry_record_to_json,
                       (GEqualFunc) ef_payment_entry_record_equal,
                       (GDestroyNotify) ef_payment_entry_record_free);
}

static void
test_billing_record_round_trip (void)
{
  g_autoptr (EfInvoiceRecord) invoice = ef_invoice_record_new ();
  g_autoptr (EfInvoiceRecord) invoice_again = NULL;
  g_autoptr (EfPaymentEntryRecord) payment = ef_payment_entry_record_new ();
  g_autoptr (EfPaymentEntryRecord) payment_again = NULL;
  g_autoptr (JsonNode) invoice_node = NULL;
  g_autoptr (JsonNode) payment_node = NULL;
  g_autoptr (GError) error = NULL;
  EfInvoiceLineRecord *line = g_new0 (EfInvoiceLineRecord, 1);
  EfInvoiceChildRecord *child = g_new0 (EfInvoiceChildRecord, 1);
  EfInvoicePaymentRecord *paid = g_new0 (EfInvoicePaymentRecord, 1);
  EfPaymentAllocationRecord *allocation = g_new0 (EfPaymentAllocationRecord, 1);

  invoice->id = 9;
  invoice->number = g_strdup ("pop-F261100009");
  invoice->service = g_strdup ("petite-enfance");
  invoice->label = g_strdup ("Petite enfance — novembre 2026");
  invoice->issue_date = ef_day_new (2026, 12, 1);
  invoice->period_start = ef_day_new (2026, 11, 1);
  invoice->period_end = ef_day_new (2026, 11, 30);
  invoice->due_date = ef_day_new (2026, 12, 31);
  invoice->amount = 4200;
  invoice->balance = 4200;
  invoice->paid = 0;
  invoice->status = g_strdup ("to_pay");
  invoice->payable_online = FALSE;
  invoice->not_payable_reason = g_strdup ("pending_payment");
  line->member_id = 12;
  line->member_name = g_strdup ("Léa Martin");
  line->activity_id = 3;
  line->label = g_strdup ("Crèche");
  line->quantity = 6;
  line->unit_price = 700;
  line->amount = 4200;
  g_ptr_array_add (invoice->lines, line);
  child->member_id = 12;
  child->name = g_strdup ("Léa Martin");
  child->total = 4200;
  g_ptr_array_add (invoice->children, child);
  paid->id = 8;
  paid->channel = g_strdup ("transfer");
  paid->amount = 1;
  paid->paid_at = g_strdup ("2026-12-02T08:00:00+01:00");
  g_ptr_array_add (invoice->payments, paid);

  invoice_node = ef_invoice_record_to_json (invoice);
  invoice_again = ef_invoice_record_from_json (invoice_node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_invoice_record_equal (invoice, invoice_again));
  g_free (((EfInvoiceLineRecord *) g_ptr_array_index (invoice_again->lines, 0))->label);
  ((EfInvoiceLineRecord *) g_ptr_array_index (invoice_again->lines, 0))->label = g_strdup ("Repas");
  g_assert_false (ef_invoice_record_equal (invoice, invoice_again));

  payment->id = 8;
  payment->at = g_strdup ("2026-12-01T23:59:59+01:00");
  payment->day = ef_day_new (2026, 12, 1);
  payment->time = g_strdup ("23:59");
  payment->channel = g_strdup ("transfer");
  payment->status = g_strdup ("paid");
  payment->amount = 1;
  payment->paid_at = g_strdup ("2026-12-02T08:00:00+01:00");
  allocation->invoice_id = 9;
  allocation->number = g_strdup ("pop-F261100009");
  allocation->amount = 1;
  g_ptr_array_add (payment->allocations, allocation);

  payment_node = ef_payment_entry_record_to_json (payment);
  payment_again = ef_payment_entry_record_from_json (payment_node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_payment_entry_record_equal (payment, payment_again));
  payment_again->refund_due = TRUE;
  g_assert_false (ef_payment_entry_record_equal (payment, payment_again));
}

/* Older portals' answers, and what a newer one may add. */
static void
test_billing_json_lenient (void)
{
  g_autoptr (JsonNode) invoice_node = parse (INVOICE_JSON);
  g_autoptr (JsonNode) payment_node = parse (PAYMENT_ENTRY_JSON);
  JsonObject *invoice_object = json_node_get_object (invoice_node);
  JsonObject *payment_object = json_node_get_object (payment_node);
  JsonObject *allocation = json_array_get_object_element (
    json_object_get_array_member (payment_object, "allocations"), 0);
  g_autoptr (EfInvoiceRecord) invoice = NULL;
  g_autoptr (EfPaymentEntryRecord) payment = NULL;
  g_autoptr (GError) error = NULL;
  const EfPaymentAllocationRecord *read_allocation;

  json_object_remove_member (invoice_object, "payments");
  json_object_set_string_member (invoice_object, "not_payable_reason", "disputed");
  json_object_set_int_member (invoice_object, "credit_cents", 0);
  invoice = ef_invoice_record_from_json (invoice_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (invoice->payments->len, ==, 0);
  g_assert_cmpstr (invoice->not_payable_reason, ==, "disputed");

  json_object_remove_member (payment_object, "refund_due");
  json_object_remove_member (payment_object, "invoice_numbers");
  json_object_remove_member (allocation, "invoice");
  json_object_set_int_member (allocation, "id", 4);
  payment = ef_payment_entry_record_from_json (payment_node, &error);
  g_assert_no_error (error);
  g_assert_false (payment->refund_due);
  read_allocation = g_ptr_array_index (payment->allocations, 0);
  g_assert_cmpint (read_allocation->invoice_id, ==, 4);
}

static void
test_billing_json_refused (void)
{
  static const Change invoice_changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "id", NULL, EF_API_ERROR_INVALID_FIELD },
    { "number", "4", EF_API_ERROR_INVALID_FIELD },
    { "service", NULL, EF_API_ERROR_INVALID_FIELD },
    { "label", "null", EF_API_ERROR_INVALID_FIELD },
    { "issue_date", NULL, EF_API_ERROR_INVALID_FIELD },
    { "issue_date", "null", EF_API_ERROR_INVALID_FIELD },
    { "issue_date", "\"2026-11-31\"", EF_API_ERROR_INVALID_DATE },
    { "period", NULL, EF_API_ERROR_INVALID_FIELD },
    { "period.start", NULL, EF_API_ERROR_INVALID_FIELD },
    { "period.end", "\"2026-13-01\"", EF_API_ERROR_INVALID_DATE },
    { "due_date", "\"02/12/2026\"", EF_API_ERROR_INVALID_DATE },
    { "amount_cents", "\"7000\"", EF_API_ERROR_INVALID_FIELD },
    { "amount_cents", "70.5", EF_API_ERROR_INVALID_FIELD },
    { "balance_cents", NULL, EF_API_ERROR_INVALID_FIELD },
    { "paid_cents", "null", EF_API_ERROR_INVALID_FIELD },
    { "status", NULL, EF_API_ERROR_INVALID_FIELD },
    { "status", "\"paid\"", EF_API_ERROR_INVALID_FIELD },
    { "status", "\"to-pay\"", EF_API_ERROR_INVALID_FIELD },
    { "payable_online", "0", EF_API_ERROR_INVALID_FIELD },
    { "payable_online", NULL, EF_API_ERROR_INVALID_FIELD },
    { "not_payable_reason", "1", EF_API_ERROR_INVALID_FIELD },
    { "lines", NULL, EF_API_ERROR_INVALID_FIELD },
    { "lines", "[1]", EF_API_ERROR_INVALID_FIELD },
    { "lines[0].member", "\"2\"", EF_API_ERROR_INVALID_FIELD },
    { "lines[0].member_name", NULL, EF_API_ERROR_INVALID_FIELD },
    { "lines[0].activity", "true", EF_API_ERROR_INVALID_FIELD },
    { "lines[0].quantity", "0", EF_API_ERROR_INVALID_FIELD },
    { "lines[0].quantity", "-7", EF_API_ERROR_INVALID_FIELD },
    { "lines[0].unit_price_cents", "-350", EF_API_ERROR_INVALID_FIELD },
    { "lines[1].quantity", NULL, EF_API_ERROR_INVALID_FIELD },
    { "lines[1].unit_price_cents", "\"350\"", EF_API_ERROR_INVALID_FIELD },
    { "lines[1].amount_cents", NULL, EF_API_ERROR_INVALID_FIELD },
    { "children", "{}", EF_API_ERROR_INVALID_FIELD },
    { "children[0].name", NULL, EF_API_ERROR_INVALID_FIELD },
    { "children[1].total_cents", "null", EF_API_ERROR_INVALID_FIELD },
    { "payments", "null", EF_API_ERROR_INVALID_FIELD },
    { "payments[0].id", NULL, EF_API_ERROR_INVALID_FIELD },
    { "payments[0].channel", "\"card\"", EF_API_ERROR_INVALID_FIELD },
    { "payments[1].amount_cents", "\"6500\"", EF_API_ERROR_INVALID_FIELD },
    { "payments[1].paid_at", "\"2026-11-16 10:15\"", EF_API_ERROR_INVALID_DATE },
    { "payments[1].paid_at", "null", EF_API_ERROR_INVALID_FIELD },
  };
  static const Change payment_changes[] = {
    { "", "\"payment\"", EF_API_ERROR_INVALID_FIELD },
    { "id", "null", EF_API_ERROR_INVALID_FIELD },
    { "at", NULL, EF_API_ERROR_INVALID_FIELD },
    { "at", "\"2026-11-16T10:15:00\"", EF_API_ERROR_INVALID_DATE },
    { "day", "\"2026-02-29\"", EF_API_ERROR_INVALID_DATE },
    { "time", NULL, EF_API_ERROR_INVALID_FIELD },
    { "channel", "\"bitcoin\"", EF_API_ERROR_INVALID_FIELD },
    { "status", "\"done\"", EF_API_ERROR_INVALID_FIELD },
    { "status", NULL, EF_API_ERROR_INVALID_FIELD },
    { "amount_cents", "\"6500\"", EF_API_ERROR_INVALID_FIELD },
    { "paid_at", "\"yesterday\"", EF_API_ERROR_INVALID_DATE },
    { "allocations", NULL, EF_API_ERROR_INVALID_FIELD },
    { "allocations[0].invoice", "\"4\"", EF_API_ERROR_INVALID_FIELD },
    { "allocations[0].number", NULL, EF_API_ERROR_INVALID_FIELD },
    { "allocations[0].amount_cents", "null", EF_API_ERROR_INVALID_FIELD },
    { "refund_due", "\"no\"", EF_API_ERROR_INVALID_FIELD },
  };

  ASSERT_REFUSED ("invoice", INVOICE_JSON, ef_invoice_record_from_json, invoice_changes);
  ASSERT_REFUSED ("payment", PAYMENT_ENTRY_JSON, ef_payment_entry_record_from_json,
                  payment_changes);
}

static void
test_billing_members_written (void)
{
  g_autoptr (JsonNode) invoice = parse (INVOICE_JSON);
  g_autoptr (JsonNode) payment = parse (PAYMENT_ENTRY_JSON);
  g_autoptr (EfInvoiceRecord) invoice_record = ef_invoice_record_from_json (invoice, NULL);
  g_autoptr (EfPaymentEntryRecord) payment_record =
    ef_payment_entry_record_from_json (payment, NULL);
  g_autoptr (JsonNode) invoice_node = ef_invoice_record_to_json (invoice_record);
  g_autoptr (JsonNode) payment_node = ef_payment_entry_record_to_json (payment_record);
  JsonObject *object = json_node_get_object (invoice_node);
  g_auto (GStrv) invoice_keys = member_names (invoice_node);
  g_auto (GStrv) period_keys = member_names (json_object_get_member (object, "period"));
  g_auto (GStrv) line_keys = member_names (
    json_array_get_element (json_object_get_array_member (object, "lines"), 0));
  g_auto (GStrv) child_keys = member_names (
    json_array_get_element (json_object_get_array_member (object, "children"), 0));
  g_auto (GStrv) paid_keys = member_names (
    json_array_get_element (json_object_get_array_member (object, "payments"), 0));
  g_auto (GStrv) payment_keys = member_names (payment_node);
  g_auto (GStrv) allocation_keys = member_names (json_array_get_element (
    json_object_get_array_member (json_node_get_object (payment_node), "allocations"), 0));

  assert_strv_equal ((const char * const *) invoice_keys, ef_invoice_record_members);
  assert_strv_equal ((const char * const *) period_keys, ef_invoice_period_members);
  assert_strv_equal ((const char * const *) line_keys, ef_invoice_line_record_members);
  assert_strv_equal ((const char * const *) child_keys, ef_invoice_child_record_members);
  assert_strv_equal ((const char * const *) paid_keys, ef_invoice_payment_record_members);
  assert_strv_equal ((const char * const *) payment_keys, ef_payment_entry_record_members);
  assert_strv_equal ((const char * const *) allocation_keys, ef_payment_allocation_record_members);
}

/* ------------------------------------------------------------ history */

static void
test_history_round_trip (void)
{
  static const char * const documents[] = { CONNECTION_JSON, REFUSED_CONNECTION_JSON };
  EfConnectionEntryRecord record = {
    .at = (char *) "2026-10-25T02:30:00+01:00",
    .day = ef_day_new (2026, 10, 25),
    .time = (char *) "02:30",
    .result = (char *) "bad_credentials",
    .success = FALSE,
    .client = (char *) "curl/8.5",
    .email = (char *) "agent@example.fr",
  };
  g_autoptr (JsonNode) node = ef_connection_entry_record_to_json (&record);
  g_autoptr (EfConnectionEntryRecord) again = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keys = member_names (node);

  again = ef_connection_entry_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_connection_entry_record_equal (&record, again));
  again->success = TRUE;
  g_assert_false (ef_connection_entry_record_equal (&record, again));
  assert_strv_equal ((const char * const *) keys, ef_connection_entry_record_members);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (JsonNode) document = parse (documents[i]);
      g_autoptr (EfConnectionEntryRecord) entry = NULL;
      g_autoptr (JsonNode) written = NULL;
      g_autofree char *text = NULL;

      entry = ef_connection_entry_record_from_json (document, &error);
      g_assert_no_error (error);
      written = ef_connection_entry_record_to_json (entry);
      text = write_compact (written);
      g_assert_cmpstr (text, ==, documents[i]);
    }
}

static void
test_history_json_refused (void)
{
  static const Change changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "at", NULL, EF_API_ERROR_INVALID_FIELD },
    { "at", "\"2026-11-16\"", EF_API_ERROR_INVALID_DATE },
    { "day", "\"16/11/2026\"", EF_API_ERROR_INVALID_DATE },
    { "day", "null", EF_API_ERROR_INVALID_FIELD },
    { "time", "1231", EF_API_ERROR_INVALID_FIELD },
    { "result", NULL, EF_API_ERROR_INVALID_FIELD },
    { "success", "\"true\"", EF_API_ERROR_INVALID_FIELD },
    { "client", NULL, EF_API_ERROR_INVALID_FIELD },
    { "email", "null", EF_API_ERROR_INVALID_FIELD },
  };
  g_autoptr (JsonNode) newer = parse (CONNECTION_JSON);
  g_autoptr (EfConnectionEntryRecord) entry = NULL;
  g_autoptr (GError) newer_error = NULL;

  ASSERT_REFUSED ("connection", CONNECTION_JSON, ef_connection_entry_record_from_json, changes);

  /* A newer portal's result and members read. */
  json_object_set_string_member (json_node_get_object (newer), "result", "second_factor");
  json_object_set_string_member (json_node_get_object (newer), "place", "Pau");
  entry = ef_connection_entry_record_from_json (newer, &newer_error);
  g_assert_no_error (newer_error);
  g_assert_cmpstr (entry->result, ==, "second_factor");
}

/* ----------------------------------------------------------- planning */

/* A child's enrolments (GET …/members/2/enrolments of the demo). */
#define DEMO_ENROLMENTS_JSON \
  "{\"enrolments\":[{\"id\":2,\"activity\":\"accueil-matin\"," \
  "\"activity_name\":\"Accueil périscolaire du matin\",\"service\":\"education\"," \
  "\"site\":\"École, accueil périscolaire\",\"from\":\"2026-09-01\",\"to\":\"2027-07-03\"}," \
  "{\"id\":1,\"activity\":\"restaurant-scolaire\"," \
  "\"activity_name\":\"Restauration scolaire\",\"service\":\"education\"," \
  "\"site\":\"Restaurant scolaire de l’école\",\"from\":\"2026-09-01\"," \
  "\"to\":\"2027-07-03\"}],\"member\":2}"

/* A week of a child's planning (GET …/members/2/planning?from=2026-11-02&to=2026-11-08
 * of the demo). */
#define DEMO_PLANNING_JSON \
  "{\"member\":2,\"from\":\"2026-11-02\",\"to\":\"2026-11-08\"," \
  "\"time_zone\":\"Europe/Paris\",\"now\":\"2026-12-06T15:22:38+01:00\",\"version\":1," \
  "\"activities\":[{\"activity\":\"accueil-matin\"," \
  "\"name\":\"Accueil périscolaire du matin\",\"service\":\"education\",\"site\":\"École," \
  " accueil périscolaire\",\"unit_price_cents\":120,\"days\":[{\"day\":\"2026-11-02\"," \
  "\"state\":\"free\",\"changeable\":false,\"deadline\":\"2026-10-28T09:00:00+01:00\"}," \
  "{\"day\":\"2026-11-03\",\"state\":\"free\",\"changeable\":false," \
  "\"deadline\":\"2026-10-29T09:00:00+01:00\"},{\"day\":\"2026-11-04\"," \
  "\"state\":\"closed\",\"reason\":\"not_running\",\"changeable\":false}," \
  "{\"day\":\"2026-11-05\",\"state\":\"free\",\"changeable\":false," \
  "\"deadline\":\"2026-11-02T09:00:00+01:00\"},{\"day\":\"2026-11-06\",\"state\":\"free\"," \
  "\"changeable\":false,\"deadline\":\"2026-11-03T09:00:00+01:00\"}," \
  "{\"day\":\"2026-11-07\",\"state\":\"closed\",\"reason\":\"weekend\"," \
  "\"changeable\":false},{\"day\":\"2026-11-08\",\"state\":\"closed\"," \
  "\"reason\":\"weekend\",\"changeable\":false}]},{\"activity\":\"restaurant-scolaire\"," \
  "\"name\":\"Restauration scolaire\",\"service\":\"education\"," \
  "\"site\":\"Restaurant scolaire de l’école\",\"unit_price_cents\":350," \
  "\"days\":[{\"day\":\"2026-11-02\",\"state\":\"reserved\",\"changeable\":false," \
  "\"deadline\":\"2026-10-28T09:00:00+01:00\"},{\"day\":\"2026-11-03\"," \
  "\"state\":\"reserved\",\"changeable\":false,\"deadline\":\"2026-10-29T09:00:00+01:00\"}," \
  "{\"day\":\"2026-11-04\",\"state\":\"closed\",\"reason\":\"not_running\"," \
  "\"changeable\":false},{\"day\":\"2026-11-05\",\"state\":\"reserved\"," \
  "\"changeable\":false,\"deadline\":\"2026-11-02T09:00:00+01:00\"}," \
  "{\"day\":\"2026-11-06\",\"state\":\"reserved\",\"changeable\":false," \
  "\"deadline\":\"2026-11-03T09:00:00+01:00\"},{\"day\":\"2026-11-07\"," \
  "\"state\":\"closed\",\"reason\":\"weekend\",\"changeable\":false}," \
  "{\"day\":\"2026-11-08\",\"state\":\"closed\",\"reason\":\"weekend\"," \
  "\"changeable\":false}]}]}"

/* A planning with every optional member of a day: a closed day with its
 * label, a day at another price, a day past its deadline, no "now". */
#define PLANNING_JSON \
  "{\"member\":7,\"from\":\"2027-05-06\",\"to\":\"2027-05-08\",\"time_zone\":\"Europe/Paris\"," \
  "\"version\":3,\"activities\":[{\"activity\":\"restaurant-scolaire\"," \
  "\"name\":\"Restauration \\\"scolaire\\\"\",\"service\":\"education\",\"site\":\"École\\tA\"," \
  "\"unit_price_cents\":350,\"days\":[{\"day\":\"2027-05-06\",\"unit_price_cents\":360," \
  "\"state\":\"reserved\",\"changeable\":false,\"deadline\":\"2027-05-01T09:00:00+02:00\"}," \
  "{\"day\":\"2027-05-07\",\"state\":\"closed\",\"reason\":\"closed_day\"," \
  "\"label\":\"Pont de l’Ascension\",\"changeable\":false},{\"day\":\"2027-05-08\"," \
  "\"state\":\"closed\",\"reason\":\"weekend\",\"changeable\":false}]}]}"

#define BATCH_JSON \
  "{\"changes\":[{\"member\":12,\"activity\":\"restaurant-scolaire\",\"day\":\"2026-11-02\"," \
  "\"reserved\":false},{\"member\":13,\"activity\":\"accueil-soir\",\"day\":\"2026-11-03\"," \
  "\"reserved\":true}],\"versions\":{\"12\":4,\"13\":1}}"

#define RESULT_JSON \
  "{\"versions\":{\"12\":5,\"13\":2},\"applied\":2,\"unchanged\":1,\"reserved\":1,\"cancelled\":1}"

#define STAFF_RESULT_JSON \
  "{\"versions\":{\"12\":5},\"applied\":1,\"unchanged\":0,\"reserved\":1,\"cancelled\":0," \
  "\"overridden\":1}"

/* The planning's text from the fast writer. */
static char *
write_planning_text (const EfPlanningRecord *planning)
{
  g_autoptr (GString) out = g_string_new (NULL);

  ef_planning_record_write (planning, out);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static EfPlanningRecord *
planning_from_text (const char *text)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (GError) error = NULL;
  EfPlanningRecord *planning = ef_planning_record_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (planning);
  return planning;
}

static void
test_planning_enrolments_round_trip (void)
{
  g_autoptr (EfEnrolmentsRecord) record = ef_enrolments_record_new (7);
  g_autoptr (EfEnrolmentsRecord) again = NULL;
  g_autoptr (EfEnrolmentsRecord) demo = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) document = parse (DEMO_ENROLMENTS_JSON);
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  EfEnrolmentRecord *enrolment = g_new0 (EfEnrolmentRecord, 1);
  g_auto (GStrv) keys = NULL;
  g_auto (GStrv) item_keys = NULL;

  enrolment->id = 3;
  enrolment->activity = g_strdup ("accueil-soir");
  enrolment->activity_name = g_strdup ("Accueil du soir");
  enrolment->service = g_strdup ("periscolaire");
  enrolment->site = g_strdup ("Groupe scolaire Lassun");
  enrolment->from = ef_day_new (2026, 9, 1);
  enrolment->to = ef_day_new (2027, 7, 3);
  g_ptr_array_add (record->enrolments, enrolment);

  node = ef_enrolments_record_to_json (record);
  again = ef_enrolments_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_enrolments_record_equal (record, again));
  ((EfEnrolmentRecord *) g_ptr_array_index (again->enrolments, 0))->to--;
  g_assert_false (ef_enrolments_record_equal (record, again));

  keys = member_names (node);
  item_keys = member_names (json_array_get_element (
    json_object_get_array_member (json_node_get_object (node), "enrolments"), 0));
  assert_strv_equal ((const char * const *) keys, ef_enrolments_record_members);
  assert_strv_equal ((const char * const *) item_keys, ef_enrolment_record_members);

  demo = ef_enrolments_record_from_json (document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (demo->enrolments->len, >, 0);
  written = ef_enrolments_record_to_json (demo);
  text = write_compact (written);
  g_assert_cmpstr (text, ==, DEMO_ENROLMENTS_JSON);
}

/* An enrolment as the staff's routes write it (a family's, an enrolment
 * made or ended): the member after the id. */
#define STAFF_ENROLMENT_JSON \
  "{\"id\":1,\"member\":2,\"activity\":\"restaurant-scolaire\"," \
  "\"activity_name\":\"Restauration scolaire\",\"service\":\"education\"," \
  "\"site\":\"Restaurant scolaire de l’école\",\"from\":\"2026-09-01\",\"to\":\"2027-07-03\"}"

static void
test_planning_staff_enrolment (void)
{
  g_autoptr (JsonNode) document = parse (STAFF_ENROLMENT_JSON);
  g_autoptr (EfEnrolmentRecord) enrolment = NULL;
  g_autoptr (EfEnrolmentRecord) refused = NULL;
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (JsonNode) family_view = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) keys = NULL;
  g_auto (GStrv) family_keys = NULL;

  enrolment = ef_staff_enrolment_record_from_json (document, &error);
  g_assert_no_error (error);
  g_assert_cmpint (enrolment->member, ==, 2);
  written = ef_enrolment_record_to_json (enrolment);
  text = write_compact (written);
  g_assert_cmpstr (text, ==, STAFF_ENROLMENT_JSON);
  keys = member_names (written);
  assert_strv_equal ((const char * const *) keys, ef_staff_enrolment_record_members);

  /* Without its member, an Enrolment. */
  enrolment->member = 0;
  family_view = ef_enrolment_record_to_json (enrolment);
  family_keys = member_names (family_view);
  assert_strv_equal ((const char * const *) family_keys, ef_enrolment_record_members);
  refused = ef_staff_enrolment_record_from_json (family_view, &error);
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_assert_null (refused);
}

static void
test_planning_enrolments_refused (void)
{
  static const Change changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "member", NULL, EF_API_ERROR_INVALID_FIELD },
    { "member", "\"2\"", EF_API_ERROR_INVALID_FIELD },
    { "enrolments", NULL, EF_API_ERROR_INVALID_FIELD },
    { "enrolments", "{}", EF_API_ERROR_INVALID_FIELD },
    { "enrolments", "[1]", EF_API_ERROR_INVALID_FIELD },
    { "enrolments[0].id", NULL, EF_API_ERROR_INVALID_FIELD },
    { "enrolments[0].activity", "null", EF_API_ERROR_INVALID_FIELD },
    { "enrolments[0].activity_name", NULL, EF_API_ERROR_INVALID_FIELD },
    { "enrolments[0].service", "1", EF_API_ERROR_INVALID_FIELD },
    { "enrolments[0].site", NULL, EF_API_ERROR_INVALID_FIELD },
    { "enrolments[0].from", "\"01/09/2026\"", EF_API_ERROR_INVALID_DATE },
    { "enrolments[0].to", NULL, EF_API_ERROR_INVALID_FIELD },
  };

  ASSERT_REFUSED ("enrolments", DEMO_ENROLMENTS_JSON, ef_enrolments_record_from_json, changes);
}

/* The members of each object of @array are in @members, in its order;
 * @seen gets them. */
static void
assert_members_in_list (JsonArray          *array,
                        const char * const *members,
                        GHashTable         *seen)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_auto (GStrv) names = member_names (json_array_get_element (array, i));
      guint at = 0;

      for (guint j = 0; names[j] != NULL; j++)
        {
          while (members[at] != NULL && g_strcmp0 (members[at], names[j]) != 0)
            at++;
          g_assert_nonnull (members[at]);
          g_hash_table_add (seen, g_strdup (names[j]));
        }
    }
}

static void
test_planning_round_trip (void)
{
  static const char * const documents[] = { DEMO_PLANNING_JSON, PLANNING_JSON };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (EfPlanningRecord) planning = planning_from_text (documents[i]);
      g_autoptr (EfPlanningRecord) again = NULL;
      g_autofree char *text = write_planning_text (planning);
      EfPlanningDayRecord *day;

      /* The fast writer's bytes are the server's, and read back equal. */
      g_assert_cmpstr (text, ==, documents[i]);
      again = planning_from_text (text);
      g_assert_true (ef_planning_record_equal (planning, again));
      g_assert_cmpuint (planning->activities->len, >, 0);
      day = g_ptr_array_index (((EfPlanningActivityRecord *) g_ptr_array_index (again->activities, 0))->days, 0);
      day->changeable = !day->changeable;
      g_assert_false (ef_planning_record_equal (planning, again));
    }

  /* The head and an activity's head written on their own: "now" found. */
  {
    g_autoptr (EfPlanningRecord) planning = planning_from_text (DEMO_PLANNING_JSON);
    g_autoptr (GString) out = g_string_new ("x");
    gsize offset, length;

    ef_planning_record_write_head (planning, out, &offset, &length);
    g_assert_true (g_str_has_suffix (out->str, "\"activities\":["));
    g_assert_cmpuint (length, ==, strlen (planning->now) + 2);
    g_assert_cmpint (strncmp (out->str + offset + 1, planning->now, length - 2), ==, 0);
  }
}

/* The writer's members: every object's members are in the codec's list
 * and in its order, and together they are the whole list. */
static void
test_planning_members_written (void)
{
  static const char * const documents[] = { DEMO_PLANNING_JSON, PLANNING_JSON };
  g_autoptr (GHashTable) day_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (EfPlanningRecord) planning = planning_from_text (documents[i]);
      g_autofree char *text = write_planning_text (planning);
      g_autoptr (JsonNode) node = parse (text);
      g_auto (GStrv) keys = member_names (node);
      JsonArray *activities = json_object_get_array_member (json_node_get_object (node), "activities");

      if (planning->now != NULL)
        assert_strv_equal ((const char * const *) keys, ef_planning_record_members);
      for (guint j = 0; j < json_array_get_length (activities); j++)
        {
          JsonNode *activity = json_array_get_element (activities, j);
          g_auto (GStrv) activity_keys = member_names (activity);

          assert_strv_equal ((const char * const *) activity_keys,
                             ef_planning_activity_record_members);
          assert_members_in_list (json_object_get_array_member (json_node_get_object (activity), "days"),
                                  ef_planning_day_record_members, day_members);
        }
    }
  g_assert_cmpuint (g_hash_table_size (day_members), ==,
                    g_strv_length ((char **) ef_planning_day_record_members));
}

static void
test_planning_json_refused (void)
{
  static const Change changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "member", NULL, EF_API_ERROR_INVALID_FIELD },
    { "from", "\"2027-13-01\"", EF_API_ERROR_INVALID_DATE },
    { "from", "\"2027-05-07\"", EF_API_ERROR_INVALID_FIELD },
    { "to", "\"2027-05-05\"", EF_API_ERROR_INVALID_DATE },
    { "to", "\"2027-05-09\"", EF_API_ERROR_INVALID_FIELD },
    { "time_zone", NULL, EF_API_ERROR_INVALID_FIELD },
    { "now", "\"2027-05-06\"", EF_API_ERROR_INVALID_DATE },
    { "now", "1", EF_API_ERROR_INVALID_FIELD },
    { "version", "\"3\"", EF_API_ERROR_INVALID_FIELD },
    { "activities", NULL, EF_API_ERROR_INVALID_FIELD },
    { "activities[0].activity", NULL, EF_API_ERROR_INVALID_FIELD },
    { "activities[0].name", "2", EF_API_ERROR_INVALID_FIELD },
    { "activities[0].service", NULL, EF_API_ERROR_INVALID_FIELD },
    { "activities[0].site", "null", EF_API_ERROR_INVALID_FIELD },
    { "activities[0].unit_price_cents", "\"350\"", EF_API_ERROR_INVALID_FIELD },
    { "activities[0].days", "{}", EF_API_ERROR_INVALID_FIELD },
    { "activities[0].days", "[]", EF_API_ERROR_INVALID_FIELD },
    { "activities[0].days", "[{\"day\":\"2027-05-06\",\"state\":\"free\",\"changeable\":true},"
      "{\"day\":\"2027-05-08\",\"state\":\"free\",\"changeable\":true},"
      "{\"day\":\"2027-05-07\",\"state\":\"free\",\"changeable\":true}]",
      EF_API_ERROR_INVALID_FIELD },
    { "activities[0].days", "[{\"day\":\"2027-05-06\",\"state\":\"open\",\"changeable\":true}]",
      EF_API_ERROR_INVALID_FIELD },
    { "activities[0].days", "[{\"day\":\"2027-05-06\",\"state\":\"free\"}]",
      EF_API_ERROR_INVALID_FIELD },
    { "activities[0].days", "[{\"state\":\"free\",\"changeable\":true}]",
      EF_API_ERROR_INVALID_FIELD },
    { "activities[0].days", "[{\"day\":\"2027-05-06\",\"state\":\"free\",\"changeable\":true,"
      "\"deadline\":\"tomorrow\"}]", EF_API_ERROR_INVALID_DATE },
    { "activities[0].days", "[{\"day\":\"2027-05-06\",\"state\":\"free\",\"changeable\":true,"
      "\"unit_price_cents\":\"360\"}]", EF_API_ERROR_INVALID_FIELD },
    { "activities[0].days", "[{\"day\":\"2027-05-06\",\"state\":\"closed\",\"reason\":1,"
      "\"changeable\":false}]", EF_API_ERROR_INVALID_FIELD },
  };
  g_autoptr (JsonNode) newer = parse (PLANNING_JSON);
  g_autoptr (EfPlanningRecord) planning = NULL;
  g_autoptr (GError) newer_error = NULL;
  JsonObject *day;

  ASSERT_REFUSED ("planning", PLANNING_JSON, ef_planning_record_from_json, changes);

  /* A newer portal's reason of a closed day, and members, are read. */
  day = json_array_get_object_element (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (newer),
                                                                 "activities"), 0), "days"), 2);
  json_object_set_string_member (day, "reason", "flood");
  json_object_set_string_member (day, "colour", "blue");
  planning = ef_planning_record_from_json (newer, &newer_error);
  g_assert_no_error (newer_error);
  g_assert_cmpstr (((EfPlanningDayRecord *) g_ptr_array_index (
    ((EfPlanningActivityRecord *) g_ptr_array_index (planning->activities, 0))->days, 2))->reason,
                   ==, "flood");
  g_assert_false (g_strv_contains (ef_planning_day_reasons, "flood"));
}

/* A batch of three changes at most, of days from 2000 to 2100. */
static EfReservationBatchRecord *
read_batch (JsonNode  *node,
            GError   **error)
{
  return ef_reservation_batch_record_from_json (node, 3, ef_day_new (2000, 1, 1),
                                                ef_day_new (2100, 12, 31), error);
}

static EfReservationBatchRecord *
batch_from_text (const char  *text,
                 GError     **error)
{
  g_autoptr (JsonNode) node = parse (text);

  return read_batch (node, error);
}

static void
test_reservation_round_trip (void)
{
  g_autoptr (EfReservationBatchRecord) batch = ef_reservation_batch_record_new ();
  g_autoptr (EfReservationBatchRecord) again = NULL;
  g_autoptr (EfReservationBatchRecord) read = NULL;
  g_autoptr (EfReservationResultRecord) result = ef_reservation_result_record_new ();
  g_autoptr (EfReservationResultRecord) result_again = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) result_node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) keys = NULL;
  g_auto (GStrv) change_keys = NULL;
  g_auto (GStrv) result_keys = NULL;

  ef_reservation_batch_record_add_change (batch, 13, "accueil-soir", ef_day_new (2027, 1, 4), TRUE);
  ef_reservation_batch_record_add_change (batch, 12, "restaurant-scolaire", ef_day_new (2027, 1, 5),
                                          FALSE);
  ef_planning_versions_add (batch->versions, 13, 0);
  ef_planning_versions_add (batch->versions, 12, 9);
  node = ef_reservation_batch_record_to_json (batch);
  text = write_compact (node);
  again = batch_from_text (text, &error);
  g_assert_no_error (error);
  g_assert_true (ef_reservation_batch_record_equal (batch, again));
  g_array_index (again->versions, EfPlanningVersion, 1).version++;
  g_assert_false (ef_reservation_batch_record_equal (batch, again));

  keys = member_names (node);
  change_keys = member_names (json_array_get_element (
    json_object_get_array_member (json_node_get_object (node), "changes"), 0));
  assert_strv_equal ((const char * const *) keys, ef_reservation_batch_record_members);
  assert_strv_equal ((const char * const *) change_keys, ef_reservation_change_record_members);

  /* The contract's example, to the same bytes. */
  read = batch_from_text (BATCH_JSON, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&text, g_free);
  node = ef_reservation_batch_record_to_json (read);
  text = write_compact (node);
  g_assert_cmpstr (text, ==, BATCH_JSON);

  /* A result, a family's and an agent's. */
  ef_planning_versions_add (result->versions, 12, 5);
  result->applied = 3;
  result->unchanged = 1;
  result->reserved = 2;
  result->cancelled = 1;
  result_node = ef_reservation_result_record_to_json (result);
  result_keys = member_names (result_node);
  assert_strv_equal ((const char * const *) result_keys, ef_reservation_result_record_members);
  result_again = ef_reservation_result_record_from_json (result_node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_reservation_result_record_equal (result, result_again));
  result_again->overridden = 0;
  g_assert_false (ef_reservation_result_record_equal (result, result_again));

  {
    static const char * const documents[] = { RESULT_JSON, STAFF_RESULT_JSON };

    for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
      {
        g_autoptr (JsonNode) document = parse (documents[i]);
        g_autoptr (EfReservationResultRecord) record = NULL;
        g_autoptr (JsonNode) written = NULL;
        g_autofree char *bytes = NULL;
        g_auto (GStrv) names = NULL;

        record = ef_reservation_result_record_from_json (document, &error);
        g_assert_no_error (error);
        written = ef_reservation_result_record_to_json (record);
        bytes = write_compact (written);
        g_assert_cmpstr (bytes, ==, documents[i]);
        names = member_names (written);
        assert_strv_equal ((const char * const *) names,
                           i == 0 ? ef_reservation_result_record_members
                                  : ef_staff_reservation_result_record_members);
      }
  }
}

static void
test_reservation_json_refused (void)
{
  static const Change changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "", "{\"changes\":[],\"versions\":{}}", EF_API_ERROR_INVALID_FIELD },
    { "changes", NULL, EF_API_ERROR_INVALID_FIELD },
    { "changes", "{}", EF_API_ERROR_INVALID_FIELD },
    { "changes", "[1]", EF_API_ERROR_INVALID_FIELD },
    { "versions", NULL, EF_API_ERROR_INVALID_FIELD },
    { "versions", "{\"12\":-1}", EF_API_ERROR_INVALID_FIELD },
    { "versions", "{\"douze\":4}", EF_API_ERROR_INVALID_FIELD },
    { "versions", "{\"12\":\"4\"}", EF_API_ERROR_INVALID_FIELD },
    { "override_deadline", "true", EF_API_ERROR_UNKNOWN_FIELD },
    { "changes[0].member", NULL, EF_API_ERROR_INVALID_FIELD },
    { "changes[0].member", "\"12\"", EF_API_ERROR_INVALID_FIELD },
    { "changes[0].activity", "null", EF_API_ERROR_INVALID_FIELD },
    { "changes[1].day", "\"03/11/2026\"", EF_API_ERROR_INVALID_DATE },
    { "changes[1].day", "\"2026-02-30\"", EF_API_ERROR_INVALID_DATE },
    { "changes[1].day", "\"1999-12-31\"", EF_API_ERROR_INVALID_FIELD },
    { "changes[1].day", "\"2101-01-01\"", EF_API_ERROR_INVALID_FIELD },
    { "changes[1].reserved", "1", EF_API_ERROR_INVALID_FIELD },
    { "changes[1].note", "\"\"", EF_API_ERROR_UNKNOWN_FIELD },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (EfReservationBatchRecord) too_many = NULL;
  g_autoptr (EfReservationResultRecord) result = NULL;

  ASSERT_REFUSED ("batch", BATCH_JSON, read_batch, changes);

  /* The server's words, which its tests and clients may read. */
  {
    g_autoptr (GError) bounds_error = NULL;
    g_autoptr (EfReservationBatchRecord) refused = batch_from_text (
      "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2101-01-01\",\"reserved\":true}],"
      "\"versions\":{}}", &bounds_error);

    g_assert_null (refused);
    g_assert_cmpstr (bounds_error->message, ==,
                     "'changes[0].day' must be a day from 2000-01-01 to 2100-12-31");
  }

  too_many = batch_from_text (
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true},"
    "{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-03\",\"reserved\":true},"
    "{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-04\",\"reserved\":true},"
    "{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-05\",\"reserved\":true}],"
    "\"versions\":{\"1\":0}}", &error);
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_assert_null (too_many);

  {
    static const Change result_changes[] = {
      { "", "[]", EF_API_ERROR_INVALID_FIELD },
      { "versions", NULL, EF_API_ERROR_INVALID_FIELD },
      { "versions", "{\"12\":\"5\"}", EF_API_ERROR_INVALID_FIELD },
      { "versions", "{\"0\":5}", EF_API_ERROR_INVALID_FIELD },
      { "applied", NULL, EF_API_ERROR_INVALID_FIELD },
      { "unchanged", "\"1\"", EF_API_ERROR_INVALID_FIELD },
      { "reserved", NULL, EF_API_ERROR_INVALID_FIELD },
      { "cancelled", "null", EF_API_ERROR_INVALID_FIELD },
      { "overridden", "true", EF_API_ERROR_INVALID_FIELD },
    };

    ASSERT_REFUSED ("result", RESULT_JSON, ef_reservation_result_record_from_json, result_changes);
  }

  /* A newer portal's members are read past. */
  {
    g_autoptr (JsonNode) newer = parse (RESULT_JSON);
    g_autoptr (GError) newer_error = NULL;

    json_object_set_int_member (json_node_get_object (newer), "mailed", 1);
    result = ef_reservation_result_record_from_json (newer, &newer_error);
    g_assert_no_error (newer_error);
    g_assert_cmpint (result->applied, ==, 2);
    g_assert_cmpint (result->overridden, ==, -1);
  }
}

/* The batch that ef_json_parse() and ef_reservation_batch_record_from_json()
 * read from @length bytes of @text, or NULL. */
static EfReservationBatchRecord *
batch_read_parsed (const char *text,
                   gsize       length)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  EfReservationBatchRecord *batch;

  node = ef_json_parse (text, length, &error);
  if (node == NULL)
    return NULL;
  batch = ef_reservation_batch_record_from_json (node, 3, ef_day_new (2000, 1, 1),
                                                 ef_day_new (2100, 12, 31), &error);
  g_assert_true ((batch == NULL) == (error != NULL));
  return batch;
}

/* The fast reader reads @length bytes of @text only if the parser and the
 * codec read them too, and then to the same batch. Whether it read them. */
static gboolean
batch_read_text_agrees (const char *text,
                        gsize       length)
{
  g_autoptr (EfReservationBatchRecord) fast = NULL;
  g_autoptr (EfReservationBatchRecord) parsed = NULL;

  fast = ef_reservation_batch_record_read_text (text, length, 3, ef_day_new (2000, 1, 1),
                                                ef_day_new (2100, 12, 31));
  if (fast == NULL)
    return FALSE;
  parsed = batch_read_parsed (text, length);
  g_assert_nonnull (parsed);
  g_assert_true (ef_reservation_batch_record_equal (fast, parsed));
  return TRUE;
}

static void
test_reservation_read_text (void)
{
  /* Written plainly: read without a tree. */
  static const char * const plain[] = {
    BATCH_JSON,
    "{\"versions\":{\"12\":4,\"13\":1},\"changes\":[{\"reserved\":false,\"day\":\"2026-11-02\","
    "\"activity\":\"restaurant-scolaire\",\"member\":12}]}",
    " \t\r\n{ \"changes\" : [ { \"member\" : 12 , \"activity\" : \"a b\" , \"day\" : \"2026-11-02\" ,"
    " \"reserved\" : true } ] , \"versions\" : { } }\n",
    "{\"changes\":[{\"member\":0,\"activity\":\"\",\"day\":\"2000-01-01\",\"reserved\":true},"
    "{\"member\":123456789012345678,\"activity\":\"x\",\"day\":\"2100-12-31\",\"reserved\":false}],"
    "\"versions\":{\"123456789012345678\":0}}",
  };
  /* Not written so plainly, or not a batch: left to the parser, which reads
   * some of them (escapes, larger numbers) and refuses the others. */
  static const char * const other[] = {
    "",
    " ",
    "[]",
    "{}",
    "{\"changes\":[],\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"\\u0061\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"caf\xc3\xa9\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1234567890123456789,\"activity\":\"a\",\"day\":\"2026-11-02\","
    "\"reserved\":true}],\"versions\":{}}",
    "{\"changes\":[{\"member\":-1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1.0,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1e2,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":01,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\","
    "\"reserved\":true}],\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\"}],\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true,"
    "\"note\":\"\"}],\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":null}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-02-30\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"1999-12-31\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-2\",\"reserved\":true}],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{\"1\":0,\"1\":0}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{\"01\":0}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{\"0\":0}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{\"1\":-1}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{},\"override_deadline\":true}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{},\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true},],"
    "\"versions\":{}}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{}} {}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true}],"
    "\"versions\":{}",
    "{\"changes\":[{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-02\",\"reserved\":true},"
    "{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-03\",\"reserved\":true},"
    "{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-04\",\"reserved\":true},"
    "{\"member\":1,\"activity\":\"a\",\"day\":\"2026-11-05\",\"reserved\":true}],\"versions\":{}}",
  };
  static const char alphabet[] = "{}[]:,\" \\0123456789-.eEtruefalsn\t\x01\xc3";
  g_autoptr (GRand) rand = g_rand_new_with_seed (14);
  guint n_read = 0;

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_test_message ("plain %u", i);
      g_assert_true (batch_read_text_agrees (plain[i], strlen (plain[i])));
    }
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_test_message ("other %u", i);
      g_assert_false (batch_read_text_agrees (other[i], strlen (other[i])));
    }
  /* A NUL byte is not whitespace. */
  g_assert_false (batch_read_text_agrees (BATCH_JSON, sizeof BATCH_JSON));

  /* Versions of more children than a family has (each checked against the
   * others, it would take quadratic time): left to the parser, which reads
   * them. */
  {
    g_autoptr (GString) many = g_string_new ("{\"changes\":[{\"member\":1,\"activity\":\"a\","
                                             "\"day\":\"2026-11-02\",\"reserved\":true}],"
                                             "\"versions\":{");
    g_autoptr (EfReservationBatchRecord) parsed = NULL;

    for (guint member = 1; member <= 65; member++)
      g_string_append_printf (many, "%s\"%u\":0", member > 1 ? "," : "", member);
    g_string_append (many, "}}");
    g_assert_false (batch_read_text_agrees (many->str, many->len));
    parsed = batch_read_parsed (many->str, many->len);
    g_assert_nonnull (parsed);
  }

  /* Whatever a byte deleted, added or replaced makes of it. */
  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr (GString) text = g_string_new (BATCH_JSON);
      guint n_edits = g_rand_int_range (rand, 1, 4);

      for (guint e = 0; e < n_edits; e++)
        {
          guint at = g_rand_int_range (rand, 0, text->len);
          char c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              g_string_erase (text, at, 1);
              break;
            case 1:
              g_string_insert_c (text, at, c);
              break;
            default:
              text->str[at] = c;
              break;
            }
        }
      if (batch_read_text_agrees (text->str, text->len))
        n_read++;
    }
  /* Whitespace and other days and codes keep it plain. */
  g_test_message ("%u of the changed texts read without a tree", n_read);
  g_assert_cmpuint (n_read, >, 1000);
}

#define REFUSAL_JSON \
  "{\"index\":0,\"member\":12,\"activity\":\"restaurant-scolaire\",\"day\":\"2026-10-06\"," \
  "\"reserved\":false,\"reason\":\"deadline_passed\",\"deadline\":\"2026-10-01T09:00:00+02:00\"}"

#define CLOSED_REFUSAL_JSON \
  "{\"index\":3,\"member\":13,\"activity\":\"accueil-soir\",\"day\":\"2026-11-07\"," \
  "\"reserved\":true,\"reason\":\"day_closed\",\"closed_reason\":\"weekend\"}"

static void
test_reservation_refusals (void)
{
  static const char * const documents[] = { REFUSAL_JSON, CLOSED_REFUSAL_JSON };
  static const Change changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "member", NULL, EF_API_ERROR_INVALID_FIELD },
    { "member", "\"12\"", EF_API_ERROR_INVALID_FIELD },
    { "activity", NULL, EF_API_ERROR_INVALID_FIELD },
    { "day", "\"06/10/2026\"", EF_API_ERROR_INVALID_DATE },
    { "day", NULL, EF_API_ERROR_INVALID_FIELD },
    { "reason", NULL, EF_API_ERROR_INVALID_FIELD },
    { "reason", "1", EF_API_ERROR_INVALID_FIELD },
  };
  EfReservationRefusalRecord record = {
    .index = 1,
    .member = 7,
    .activity = (char *) "restaurant-scolaire",
    .day = ef_day_new (2027, 5, 7),
    .reserved = TRUE,
    .reason = (char *) "day_closed",
    .closed_reason = (char *) "closed_day",
  };
  g_autoptr (JsonNode) node = ef_reservation_refusal_record_to_json (&record);
  g_autoptr (EfReservationRefusalRecord) again = NULL;
  g_autoptr (JsonNode) lenient = parse (REFUSAL_JSON);
  g_autoptr (EfReservationRefusalRecord) read = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) keys = member_names (node);

  again = ef_reservation_refusal_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_reservation_refusal_record_equal (&record, again));
  again->reserved = FALSE;
  g_assert_false (ef_reservation_refusal_record_equal (&record, again));
  /* Its members are in the codec's list, in its order. */
  {
    guint at = 0;

    for (guint i = 0; keys[i] != NULL; i++)
      {
        while (ef_reservation_refusal_record_members[at] != NULL &&
               g_strcmp0 (ef_reservation_refusal_record_members[at], keys[i]) != 0)
          at++;
        g_assert_nonnull (ef_reservation_refusal_record_members[at]);
      }
  }

  /* The server's refusals, to the same bytes. */
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (JsonNode) document = parse (documents[i]);
      g_autoptr (EfReservationRefusalRecord) refusal = NULL;
      g_autoptr (JsonNode) written = NULL;
      g_autofree char *text = NULL;

      refusal = ef_reservation_refusal_record_from_json (document, &error);
      g_assert_no_error (error);
      g_assert_true (g_strv_contains (ef_reservation_refusal_reasons, refusal->reason));
      written = ef_reservation_refusal_record_to_json (refusal);
      text = write_compact (written);
      g_assert_cmpstr (text, ==, documents[i]);
    }

  ASSERT_REFUSED ("refusal", REFUSAL_JSON, ef_reservation_refusal_record_from_json, changes);

  /* What a client reading an error passes over. */
  json_object_remove_member (json_node_get_object (lenient), "index");
  json_object_set_string_member (json_node_get_object (lenient), "reserved", "yes");
  json_object_set_string_member (json_node_get_object (lenient), "deadline", "soon");
  json_object_set_int_member (json_node_get_object (lenient), "closed_reason", 2);
  json_object_set_string_member (json_node_get_object (lenient), "reason", "too_late");
  read = ef_reservation_refusal_record_from_json (lenient, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->index, ==, -1);
  g_assert_false (read->reserved);
  g_assert_null (read->deadline);
  g_assert_null (read->closed_reason);
  g_assert_cmpstr (read->reason, ==, "too_late");
}

/* ------------------------------------------------------------ session */

static EfAuthSessionRecord *
session_record (gboolean staff)
{
  EfAuthSessionRecord *session = g_new0 (EfAuthSessionRecord, 1);
  EfAccountRecord *account = g_new0 (EfAccountRecord, 1);

  session->token = g_strdup ("dG9rZW4tb2YtZm9ydHktdGhyZWUtY2hhcmFjdGVycy4u");
  session->expires_at = g_strdup ("2026-03-29T14:00:00+02:00");
  session->idle_expires_at = g_strdup ("2026-03-29T02:30:00+02:00");
  account->id = 9;
  account->email = g_strdup ("agent@example.fr");
  account->kind = g_strdup (staff ? "staff" : "parent");
  if (staff)
    {
      static const char * const services[] = { "education", "youth", NULL };
      static const char * const roles[] = { "education", "youth", "admin", NULL };

      account->staff = g_new0 (EfStaffInfoRecord, 1);
      account->staff->name = g_strdup ("Sophie Laborde");
      account->staff->admin = TRUE;
      account->staff->services = g_strdupv ((char **) services);
      account->staff->roles = g_strdupv ((char **) roles);
      session->on_behalf_of = g_new0 (EfOnBehalfOfRecord, 1);
      session->on_behalf_of->family_id = 4;
      session->on_behalf_of->name = g_strdup ("Famille Lacoste");
    }
  else
    {
      account->family_id = 3;
      account->member_id = 7;
    }
  session->account = account;
  return session;
}

static void
test_session_round_trip (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (EfAuthSessionRecord) session = session_record (i == 1);
      g_autoptr (EfAuthSessionRecord) again = NULL;
      g_autoptr (JsonNode) node = ef_auth_session_record_to_json (session);
      g_autoptr (GError) error = NULL;

      again = ef_auth_session_record_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_true (ef_auth_session_record_equal (session, again));

      /* Without its token it is a SessionInfo, which is read back so. */
      g_clear_pointer (&session->token, g_free);
      g_clear_pointer (&node, json_node_unref);
      g_clear_pointer (&again, ef_auth_session_record_free);
      node = ef_auth_session_record_to_json (session);
      g_assert_false (json_object_has_member (json_node_get_object (node), "token"));
      again = ef_auth_session_record_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_true (ef_auth_session_record_equal (session, again));
      g_assert_null (again->token);

      /* A change is seen. */
      again->account->id++;
      g_assert_false (ef_auth_session_record_equal (session, again));
    }
}

static void
test_session_json_round_trip (void)
{
  static const char * const documents[] = {
    SESSION_JSON, STAFF_SESSION_JSON, SESSION_INFO_JSON,
  };
  g_autoptr (JsonNode) login = parse (LOGIN_REQUEST_JSON);
  g_autoptr (EfLoginRequestRecord) request = NULL;
  g_autoptr (JsonNode) login_written = NULL;
  g_autoptr (JsonNode) email_node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *login_text = NULL;
  g_autofree char *email = NULL;
  g_autofree char *email_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (JsonNode) node = parse (documents[i]);
      g_autoptr (EfAuthSessionRecord) session = ef_auth_session_record_from_json (node, &error);
      g_autoptr (JsonNode) written = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true ((session->account->staff != NULL) == (i > 0));
      written = ef_auth_session_record_to_json (session);
      text = write_compact (written);
      g_assert_cmpstr (text, ==, documents[i]);
    }

  request = ef_login_request_record_from_json (login, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->password, ==, "demo-password");
  login_written = ef_login_request_record_to_json (request);
  login_text = write_compact (login_written);
  g_assert_cmpstr (login_text, ==, LOGIN_REQUEST_JSON);

  email_node = ef_account_email_to_json ("parent@example.fr");
  email_text = write_compact (email_node);
  g_assert_cmpstr (email_text, ==, "{\"email\":\"parent@example.fr\"}");
  email = ef_account_email_from_json (email_node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (email, ==, "parent@example.fr");
}

/* What older or newer portals send still reads. */
static void
test_session_json_lenient (void)
{
  g_autoptr (JsonNode) node = parse (STAFF_SESSION_JSON);
  g_autoptr (JsonNode) parent = parse (SESSION_JSON);
  JsonObject *account = json_object_get_object_member (json_node_get_object (node), "account");
  JsonObject *staff = json_object_get_object_member (account, "staff");
  g_autoptr (EfAuthSessionRecord) session = NULL;
  g_autoptr (EfAuthSessionRecord) older = NULL;
  g_autoptr (GError) error = NULL;

  json_object_remove_member (json_node_get_object (node), "idle_expires_at");
  json_object_remove_member (staff, "admin");
  json_object_remove_member (staff, "services");
  json_object_set_string_member (account, "team", "later");
  session = ef_auth_session_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_null (session->idle_expires_at);
  g_assert_false (session->account->staff->admin);
  g_assert_cmpuint (g_strv_length (session->account->staff->services), ==, 0);
  g_assert_cmpuint (g_strv_length (session->account->staff->roles), ==, 2);

  /* A portal older than the staff accounts sends no kind. */
  json_object_remove_member (json_object_get_object_member (json_node_get_object (parent),
                                                            "account"), "kind");
  older = ef_auth_session_record_from_json (parent, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (older->account->kind, ==, "parent");
  g_assert_null (older->account->staff);
  g_assert_cmpint (older->account->family_id, ==, 1);
}

static void
test_session_json_refused (void)
{
  static const Change session_changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "token", "42", EF_API_ERROR_INVALID_FIELD },
    { "device_token", "42", EF_API_ERROR_INVALID_FIELD },
    { "account.id", "-3", EF_API_ERROR_INVALID_FIELD },
    { "expires_at", NULL, EF_API_ERROR_INVALID_FIELD },
    { "expires_at", "\"2026-12-07\"", EF_API_ERROR_INVALID_DATE },
    { "idle_expires_at", "\"soon\"", EF_API_ERROR_INVALID_DATE },
    { "account", NULL, EF_API_ERROR_INVALID_FIELD },
    { "account", "null", EF_API_ERROR_INVALID_FIELD },
    { "account.id", "\"1\"", EF_API_ERROR_INVALID_FIELD },
    { "account.email", NULL, EF_API_ERROR_INVALID_FIELD },
    { "account.kind", "1", EF_API_ERROR_INVALID_FIELD },
    { "account.family_id", "null", EF_API_ERROR_INVALID_FIELD },
    { "account.member_id", NULL, EF_API_ERROR_INVALID_FIELD },
    { "on_behalf_of", "[]", EF_API_ERROR_INVALID_FIELD },
    { "on_behalf_of", "{\"family_id\":0,\"name\":\"Famille Martin\"}", EF_API_ERROR_INVALID_FIELD },
    { "on_behalf_of", "{\"family_id\":1}", EF_API_ERROR_INVALID_FIELD },
    { "on_behalf_of", "{\"family_id\":1,\"name\":\"Famille Martin\",\"via\":2}",
      EF_API_ERROR_INVALID_FIELD },
  };
  static const Change staff_changes[] = {
    { "account.staff", "null", EF_API_ERROR_INVALID_FIELD },
    { "account.staff.name", NULL, EF_API_ERROR_INVALID_FIELD },
    { "account.staff.admin", "\"yes\"", EF_API_ERROR_INVALID_FIELD },
    { "account.staff.roles", NULL, EF_API_ERROR_INVALID_FIELD },
    { "account.staff.roles", "[\"education\",1]", EF_API_ERROR_INVALID_FIELD },
    { "account.staff.services", "\"education\"", EF_API_ERROR_INVALID_FIELD },
  };
  static const Change login_changes[] = {
    { "", "\"parent@example.fr\"", EF_API_ERROR_INVALID_FIELD },
    { "email", NULL, EF_API_ERROR_INVALID_FIELD },
    { "password", "null", EF_API_ERROR_INVALID_FIELD },
    { "client", "null", EF_API_ERROR_INVALID_FIELD },
    { "stay_signed_in", "true", EF_API_ERROR_UNKNOWN_FIELD },
    { "remember", "\"yes\"", EF_API_ERROR_INVALID_FIELD },
  };

  ASSERT_REFUSED ("session", SESSION_JSON, ef_auth_session_record_from_json, session_changes);
  ASSERT_REFUSED ("staff session", STAFF_SESSION_JSON, ef_auth_session_record_from_json,
                  staff_changes);
  ASSERT_REFUSED ("login", LOGIN_REQUEST_JSON, ef_login_request_record_from_json, login_changes);
}

static void
test_session_members_written (void)
{
  g_autoptr (JsonNode) staff = parse (SESSION_INFO_JSON);
  g_autoptr (JsonNode) parent = parse (SESSION_JSON);
  g_autoptr (JsonNode) login = parse (LOGIN_REQUEST_JSON);
  g_autoptr (EfAuthSessionRecord) info = ef_auth_session_record_from_json (staff, NULL);
  g_autoptr (EfAuthSessionRecord) session = ef_auth_session_record_from_json (parent, NULL);
  g_autoptr (EfLoginRequestRecord) request = ef_login_request_record_from_json (login, NULL);
  g_autoptr (JsonNode) info_node = NULL;
  g_autoptr (JsonNode) session_node = NULL;
  g_autoptr (JsonNode) login_node = NULL;
  g_autoptr (JsonNode) email_node = ef_account_email_to_json ("parent@example.fr");
  JsonObject *object;
  JsonObject *account;
  g_auto (GStrv) info_keys = NULL;
  g_auto (GStrv) session_keys = NULL;
  g_auto (GStrv) account_keys = NULL;
  g_auto (GStrv) staff_keys = NULL;
  g_auto (GStrv) behalf_keys = NULL;
  g_auto (GStrv) login_keys = NULL;
  g_auto (GStrv) email_keys = NULL;

  /* Every member: a sign-in with "remember", and its answer's device token. */
  session->device_token = g_strdup ("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
  request->remember = TRUE;
  info_node = ef_auth_session_record_to_json (info);
  session_node = ef_auth_session_record_to_json (session);
  login_node = ef_login_request_record_to_json (request);
  object = json_node_get_object (info_node);
  account = json_object_get_object_member (object, "account");
  info_keys = member_names (info_node);
  session_keys = member_names (session_node);
  account_keys = member_names (json_object_get_member (object, "account"));
  staff_keys = member_names (json_object_get_member (account, "staff"));
  behalf_keys = member_names (json_object_get_member (object, "on_behalf_of"));
  login_keys = member_names (login_node);
  email_keys = member_names (email_node);

  assert_strv_equal ((const char * const *) info_keys, ef_session_info_record_members);
  assert_strv_equal ((const char * const *) session_keys, ef_auth_session_record_members);
  assert_strv_equal ((const char * const *) account_keys, ef_account_record_members);
  assert_strv_equal ((const char * const *) staff_keys, ef_staff_info_record_members);
  assert_strv_equal ((const char * const *) behalf_keys, ef_on_behalf_of_record_members);
  assert_strv_equal ((const char * const *) login_keys, ef_login_request_record_members);
  assert_strv_equal ((const char * const *) email_keys, ef_account_email_members);
}

/* ------------------------------------------------------------ errors */

static void
test_error_round_trip (void)
{
  g_autoptr (JsonNode) node = parse (ERROR_JSON);
  g_autoptr (EfErrorRecord) record = NULL;
  g_autoptr (EfErrorRecord) bare = NULL;
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (JsonNode) bare_node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) keys = NULL;
  g_auto (GStrv) error_keys = NULL;

  record = ef_error_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->code, ==, "deadline_passed");
  g_assert_cmpuint (json_array_get_length (record->details), ==, 1);
  written = ef_error_record_to_json (record);
  text = write_compact (written);
  g_assert_cmpstr (text, ==, ERROR_JSON);
  keys = member_names (written);
  error_keys = member_names (json_object_get_member (json_node_get_object (written), "error"));
  assert_strv_equal ((const char * const *) keys, ef_error_record_members);
  assert_strv_equal ((const char * const *) error_keys, ef_error_record_error_members);

  /* Without a message nor details, as a newer server may write one. */
  g_clear_pointer (&record->message, g_free);
  g_clear_pointer (&record->details, json_array_unref);
  g_free (record->code);
  record->code = g_strdup ("brand_new");
  bare_node = ef_error_record_to_json (record);
  json_object_remove_member (json_object_get_object_member (json_node_get_object (bare_node),
                                                            "error"), "message");
  bare = ef_error_record_from_json (bare_node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bare->code, ==, "brand_new");
  g_assert_null (bare->message);
  g_assert_null (bare->details);
}

static void
test_error_json_refused (void)
{
  static const Change changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "error", NULL, EF_API_ERROR_INVALID_FIELD },
    { "error", "\"oops\"", EF_API_ERROR_INVALID_FIELD },
    { "error.code", NULL, EF_API_ERROR_INVALID_FIELD },
    { "error.code", "3", EF_API_ERROR_INVALID_FIELD },
    { "error.message", "1", EF_API_ERROR_INVALID_FIELD },
    { "error.message", "null", EF_API_ERROR_INVALID_FIELD },
    { "error.details", "{}", EF_API_ERROR_INVALID_FIELD },
  };

  ASSERT_REFUSED ("error", ERROR_JSON, ef_error_record_from_json, changes);
}

/* ------------------------------------------------------------ payments */

static void
test_payment_round_trip (void)
{
  static const char * const documents[] = { PAYMENT_JSON, PENDING_PAYMENT_JSON };
  EfFinanceRecord finance = {
    .total_due = 120,
    .invoices_to_pay = 1,
    .oldest_due_date = EF_DAY_INVALID,
    .online_payment_enabled = FALSE,
  };
  EfFinanceRecord finance_again;
  g_autoptr (JsonNode) finance_node = ef_finance_record_to_json (&finance);
  g_autoptr (JsonNode) finance_demo = parse (FINANCE_JSON);
  g_autoptr (JsonNode) finance_written = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *finance_text = NULL;

  g_assert_true (ef_finance_record_from_json (finance_node, &finance_again, &error));
  g_assert_no_error (error);
  g_assert_true (ef_finance_record_equal (&finance, &finance_again));
  g_assert_true (ef_finance_record_from_json (finance_demo, &finance_again, &error));
  g_assert_no_error (error);
  g_assert_false (ef_finance_record_equal (&finance, &finance_again));
  g_assert_cmpint (finance_again.oldest_due_date, ==, ef_day_new (2019, 12, 30));
  finance_written = ef_finance_record_to_json (&finance_again);
  finance_text = write_compact (finance_written);
  g_assert_cmpstr (finance_text, ==, FINANCE_JSON);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (JsonNode) node = parse (documents[i]);
      g_autoptr (EfPaymentRecord) payment = ef_payment_record_from_json (node, &error);
      g_autoptr (EfPaymentRecord) again = NULL;
      g_autoptr (JsonNode) written = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (payment->online == (i == 1));
      written = ef_payment_record_to_json (payment);
      text = write_compact (written);
      g_assert_cmpstr (text, ==, documents[i]);

      again = ef_payment_record_from_json (written, &error);
      g_assert_no_error (error);
      g_assert_true (ef_payment_record_equal (payment, again));
      again->refund_due = !again->refund_due;
      g_assert_false (ef_payment_record_equal (payment, again));
    }
}

/* The reader of a finance as a reader of a record: a copy of what it
 * read, or NULL when it returns FALSE. */
static EfFinanceRecord *
read_finance (JsonNode  *node,
              GError   **error)
{
  EfFinanceRecord finance;

  if (!ef_finance_record_from_json (node, &finance, error))
    return NULL;
  return g_memdup2 (&finance, sizeof finance);
}

static void
test_payment_json_refused (void)
{
  static const Change finance_changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "total_due_cents", NULL, EF_API_ERROR_INVALID_FIELD },
    { "invoices_to_pay", "\"3\"", EF_API_ERROR_INVALID_FIELD },
    { "oldest_due_date", "\"30/12/2019\"", EF_API_ERROR_INVALID_DATE },
    { "oldest_due_date", "3", EF_API_ERROR_INVALID_FIELD },
    { "online_payment_enabled", NULL, EF_API_ERROR_INVALID_FIELD },
  };
  static const Change payment_changes[] = {
    { "", "\"payment\"", EF_API_ERROR_INVALID_FIELD },
    { "id", NULL, EF_API_ERROR_INVALID_FIELD },
    { "status", "\"done\"", EF_API_ERROR_INVALID_FIELD },
    { "channel", "\"bitcoin\"", EF_API_ERROR_INVALID_FIELD },
    { "amount_cents", "11.9", EF_API_ERROR_INVALID_FIELD },
    { "reference", "1", EF_API_ERROR_INVALID_FIELD },
    { "label", "null", EF_API_ERROR_INVALID_FIELD },
    { "invoices", NULL, EF_API_ERROR_INVALID_FIELD },
    { "invoices[0].id", "\"3\"", EF_API_ERROR_INVALID_FIELD },
    { "invoices[0].number", NULL, EF_API_ERROR_INVALID_FIELD },
    { "invoices[0].amount_cents", "null", EF_API_ERROR_INVALID_FIELD },
    { "created_at", NULL, EF_API_ERROR_INVALID_FIELD },
    { "updated_at", "\"2026-10-05\"", EF_API_ERROR_INVALID_DATE },
    { "paid_at", "\"now\"", EF_API_ERROR_INVALID_DATE },
    { "expires_at", "\"later\"", EF_API_ERROR_INVALID_DATE },
    { "provider_url", "true", EF_API_ERROR_INVALID_FIELD },
    { "refund_due", "\"no\"", EF_API_ERROR_INVALID_FIELD },
  };
  g_autoptr (JsonNode) older = parse (PAYMENT_JSON);
  g_autoptr (JsonNode) no_oldest = parse (FINANCE_JSON);
  g_autoptr (EfPaymentRecord) older_payment = NULL;
  g_autoptr (GError) older_error = NULL;
  EfFinanceRecord finance;

  ASSERT_REFUSED ("finance", FINANCE_JSON, read_finance, finance_changes);
  ASSERT_REFUSED ("payment", PENDING_PAYMENT_JSON, ef_payment_record_from_json, payment_changes);

  /* What older portals write: an invoice named "invoice", no oldest due
   * date when nothing is due. */
  json_object_set_int_member (json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (older), "invoices"), 0), "invoice", 3);
  json_object_remove_member (json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (older), "invoices"), 0), "id");
  older_payment = ef_payment_record_from_json (older, &older_error);
  g_assert_no_error (older_error);
  g_assert_cmpint (((EfPaymentInvoiceRecord *) g_ptr_array_index (older_payment->invoices, 0))
                     ->invoice_id, ==, 3);
  json_object_remove_member (json_node_get_object (no_oldest), "oldest_due_date");
  g_assert_true (ef_finance_record_from_json (no_oldest, &finance, &older_error));
  g_assert_no_error (older_error);
  g_assert_false (ef_day_is_valid (finance.oldest_due_date));
}

static void
test_payment_members_written (void)
{
  g_autoptr (JsonNode) finance = parse (FINANCE_JSON);
  g_autoptr (JsonNode) pending = parse (PENDING_PAYMENT_JSON);
  g_autoptr (EfPaymentRecord) payment = ef_payment_record_from_json (pending, NULL);
  g_autoptr (JsonNode) payment_node = ef_payment_record_to_json (payment);
  EfFinanceRecord finance_record;
  g_autoptr (JsonNode) finance_node = NULL;
  g_auto (GStrv) finance_keys = NULL;
  g_auto (GStrv) payment_keys = member_names (payment_node);
  g_auto (GStrv) invoice_keys = member_names (json_array_get_element (
    json_object_get_array_member (json_node_get_object (payment_node), "invoices"), 0));

  g_assert_true (ef_finance_record_from_json (finance, &finance_record, NULL));
  finance_node = ef_finance_record_to_json (&finance_record);
  finance_keys = member_names (finance_node);
  assert_strv_equal ((const char * const *) finance_keys, ef_finance_record_members);
  assert_strv_equal ((const char * const *) payment_keys, ef_payment_record_members);
  assert_strv_equal ((const char * const *) invoice_keys, ef_payment_invoice_record_members);
}

/* ------------------------------------------------------------ envelopes */

#define INVOICES_JSON "{\"invoices\":[" INVOICE_JSON "," INVOICE_TO_PAY_JSON "]}"
#define PAYMENTS_JSON "{\"payments\":[" PAYMENT_JSON "," PENDING_PAYMENT_JSON "]}"
#define PAYMENT_HISTORY_JSON \
  "{\"from\":\"2026-10-17\",\"to\":\"2026-11-16\",\"payments\":[" PAYMENT_ENTRY_JSON "," \
  PENDING_PAYMENT_ENTRY_JSON "]}"
#define CONNECTION_HISTORY_JSON \
  "{\"from\":\"2026-03-01\",\"to\":\"2026-11-16\",\"connections\":[" CONNECTION_JSON "," \
  REFUSED_CONNECTION_JSON "]}"

static void
test_lists_json_round_trip (void)
{
  g_autoptr (JsonNode) invoices_node = parse (INVOICES_JSON);
  g_autoptr (JsonNode) payments_node = parse (PAYMENTS_JSON);
  g_autoptr (JsonNode) payment_history_node = parse (PAYMENT_HISTORY_JSON);
  g_autoptr (JsonNode) connection_history_node = parse (CONNECTION_HISTORY_JSON);
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (GPtrArray) payments = NULL;
  g_autoptr (EfHistoryRecord) payment_history = NULL;
  g_autoptr (EfHistoryRecord) connection_history = NULL;
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr (GError) error = NULL;
  const char *documents[] = {
    INVOICES_JSON, PAYMENTS_JSON, PAYMENT_HISTORY_JSON, CONNECTION_HISTORY_JSON,
  };
  const char * const *members[] = {
    ef_invoice_list_members, ef_payment_list_members, ef_payment_history_record_members,
    ef_connection_history_record_members,
  };

  invoices = ef_invoice_list_from_json (invoices_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (invoices->len, ==, 2);
  payments = ef_payment_list_from_json (payments_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payments->len, ==, 2);
  payment_history = ef_payment_history_record_from_json (payment_history_node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (payment_history->from, ==, ef_day_new (2026, 10, 17));
  g_assert_cmpuint (payment_history->items->len, ==, 2);
  connection_history = ef_connection_history_record_from_json (connection_history_node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (connection_history->to, ==, ef_day_new (2026, 11, 16));
  g_assert_cmpuint (connection_history->items->len, ==, 2);

  g_ptr_array_add (written, ef_invoice_list_to_json (invoices));
  g_ptr_array_add (written, ef_payment_list_to_json (payments));
  g_ptr_array_add (written, ef_payment_history_record_to_json (payment_history));
  g_ptr_array_add (written, ef_connection_history_record_to_json (connection_history));
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *text = write_compact (g_ptr_array_index (written, i));
      g_auto (GStrv) keys = member_names (g_ptr_array_index (written, i));

      g_assert_cmpstr (text, ==, documents[i]);
      assert_strv_equal ((const char * const *) keys, members[i]);
    }
}

static void
test_lists_json_refused (void)
{
  static const Change invoices_changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "invoices", NULL, EF_API_ERROR_INVALID_FIELD },
    { "invoices", "{}", EF_API_ERROR_INVALID_FIELD },
    { "invoices", "[3]", EF_API_ERROR_INVALID_FIELD },
  };
  static const Change history_changes[] = {
    { "", "null", EF_API_ERROR_INVALID_FIELD },
    { "from", "\"17/10/2026\"", EF_API_ERROR_INVALID_DATE },
    { "to", "null", EF_API_ERROR_INVALID_FIELD },
    { "payments", NULL, EF_API_ERROR_INVALID_FIELD },
    { "payments", "[{}]", EF_API_ERROR_INVALID_FIELD },
  };
  g_autoptr (JsonNode) older = parse (CONNECTION_HISTORY_JSON);
  g_autoptr (EfHistoryRecord) older_history = NULL;
  g_autoptr (GPtrArray) bad_payments = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) bad = changed_document (PAYMENTS_JSON, &(Change) {
    "payments", "[{\"id\":1}]", EF_API_ERROR_INVALID_FIELD });

  ASSERT_REFUSED ("invoices", INVOICES_JSON, ef_invoice_list_from_json, invoices_changes);
  ASSERT_REFUSED ("payment history", PAYMENT_HISTORY_JSON, ef_payment_history_record_from_json,
                  history_changes);
  bad_payments = ef_payment_list_from_json (bad, &error);
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_assert_null (bad_payments);
  g_clear_error (&error);

  /* The client needs only the list: a range left out still reads. */
  json_object_remove_member (json_node_get_object (older), "from");
  json_object_remove_member (json_node_get_object (older), "to");
  older_history = ef_connection_history_record_from_json (older, &error);
  g_assert_no_error (error);
  g_assert_false (ef_day_is_valid (older_history->from));
  g_assert_cmpuint (older_history->items->len, ==, 2);
}

/* ------------------------------------------------------------ requests */

/* GET /7249/api/v1/account/reminders of the demo, and a choice. */
#define REMINDERS_JSON \
  "{\"available\":false,\"deadlines\":false,\"due_dates\":false,\"hours_before\":24}"
#define REMINDERS_CHOICE_JSON "{\"deadlines\":true,\"due_dates\":false,\"hours_before\":48}"
#define PAYMENT_REQUEST_JSON "{\"invoice_ids\":[1,2,4]}"

static void
test_requests_round_trip (void)
{
  static const gint64 ids[] = { 1, 2, 4 };
  EfRemindersRecord reminders = {
    .available = TRUE, .deadlines = TRUE, .due_dates = TRUE, .hours_before = 168,
  };
  EfRemindersRecord again;
  g_autoptr (JsonNode) reminders_node = ef_reminders_record_to_json (&reminders);
  g_autoptr (JsonNode) demo = parse (REMINDERS_JSON);
  g_autoptr (JsonNode) choice = parse (REMINDERS_CHOICE_JSON);
  g_autoptr (JsonNode) demo_written = NULL;
  g_autoptr (JsonNode) choice_written = NULL;
  g_autoptr (JsonNode) request = ef_payment_request_to_json (ids, G_N_ELEMENTS (ids));
  g_autoptr (GArray) read_ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *demo_text = NULL;
  g_autofree char *choice_text = NULL;
  g_autofree char *request_text = write_compact (request);
  g_auto (GStrv) reminders_keys = member_names (reminders_node);
  g_auto (GStrv) choice_keys = NULL;
  g_auto (GStrv) request_keys = member_names (request);

  g_assert_true (ef_reminders_record_from_json (reminders_node, &again, &error));
  g_assert_no_error (error);
  g_assert_true (again.available && again.deadlines && again.due_dates);
  g_assert_cmpint (again.hours_before, ==, 168);
  g_assert_true (ef_reminders_record_from_json (demo, &again, &error));
  g_assert_no_error (error);
  demo_written = ef_reminders_record_to_json (&again);
  demo_text = write_compact (demo_written);
  g_assert_cmpstr (demo_text, ==, REMINDERS_JSON);

  g_assert_true (ef_reminders_choice_from_json (choice, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again.hours_before, ==, 48);
  choice_written = ef_reminders_choice_to_json (&again);
  choice_text = write_compact (choice_written);
  g_assert_cmpstr (choice_text, ==, REMINDERS_CHOICE_JSON);
  choice_keys = member_names (choice_written);
  /* No hours: the contract's default. */
  json_object_remove_member (json_node_get_object (choice), "hours_before");
  g_assert_true (ef_reminders_choice_from_json (choice, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again.hours_before, ==, 24);

  g_assert_cmpstr (request_text, ==, PAYMENT_REQUEST_JSON);
  read_ids = ef_payment_request_from_json (request, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read_ids->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < read_ids->len; i++)
    g_assert_cmpint (g_array_index (read_ids, gint64, i), ==, ids[i]);

  assert_strv_equal ((const char * const *) reminders_keys, ef_reminders_record_members);
  assert_strv_equal ((const char * const *) choice_keys, ef_reminders_choice_members);
  assert_strv_equal ((const char * const *) request_keys, ef_payment_request_members);
}

/* The readers of reminders as readers of a record: a copy of what they
 * read, or NULL when they return FALSE. */
static EfRemindersRecord *
read_reminders (JsonNode  *node,
                GError   **error)
{
  EfRemindersRecord reminders;

  if (!ef_reminders_record_from_json (node, &reminders, error))
    return NULL;
  return g_memdup2 (&reminders, sizeof reminders);
}

static EfRemindersRecord *
read_reminders_choice (JsonNode  *node,
                       GError   **error)
{
  EfRemindersRecord reminders;

  if (!ef_reminders_choice_from_json (node, &reminders, error))
    return NULL;
  return g_memdup2 (&reminders, sizeof reminders);
}

/* A request of three invoices at most. */
static GArray *
read_payment_request (JsonNode  *node,
                      GError   **error)
{
  return ef_payment_request_from_json (node, 3, error);
}

static void
test_requests_json_refused (void)
{
  static const Change reminders_changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "available", NULL, EF_API_ERROR_INVALID_FIELD },
    { "deadlines", "1", EF_API_ERROR_INVALID_FIELD },
    { "due_dates", "null", EF_API_ERROR_INVALID_FIELD },
    { "hours_before", "0", EF_API_ERROR_INVALID_FIELD },
    { "hours_before", "169", EF_API_ERROR_INVALID_FIELD },
    { "hours_before", "\"24\"", EF_API_ERROR_INVALID_FIELD },
  };
  static const Change choice_changes[] = {
    { "", "true", EF_API_ERROR_INVALID_FIELD },
    { "deadlines", NULL, EF_API_ERROR_INVALID_FIELD },
    { "due_dates", "\"no\"", EF_API_ERROR_INVALID_FIELD },
    { "hours_before", "null", EF_API_ERROR_INVALID_FIELD },
    { "available", "true", EF_API_ERROR_UNKNOWN_FIELD },
  };
  static const Change request_changes[] = {
    { "", "[1]", EF_API_ERROR_INVALID_FIELD },
    { "invoice_ids", NULL, EF_API_ERROR_INVALID_FIELD },
    { "invoice_ids", "[]", EF_API_ERROR_INVALID_FIELD },
    { "invoice_ids", "[1,2,3,4]", EF_API_ERROR_INVALID_FIELD },
    { "invoice_ids", "[1,0]", EF_API_ERROR_INVALID_FIELD },
    { "invoice_ids", "[1,\"2\"]", EF_API_ERROR_INVALID_FIELD },
    { "invoice_ids", "[2,2]", EF_API_ERROR_INVALID_FIELD },
    { "amount_cents", "100", EF_API_ERROR_UNKNOWN_FIELD },
  };

  ASSERT_REFUSED ("reminders", REMINDERS_JSON, read_reminders, reminders_changes);
  ASSERT_REFUSED ("reminders choice", REMINDERS_CHOICE_JSON, read_reminders_choice,
                  choice_changes);
  ASSERT_REFUSED ("payment request", PAYMENT_REQUEST_JSON, read_payment_request, request_changes);
}

/* ------------------------------------------------------------ the schema */

/* @schema: a schema's name, then the properties (and the items of the
 * arrays) that lead to an inline object, if any: "Invoice.children". */
typedef struct
{
  const char         *schema;
  const char * const *members;
} SchemaCodec;

static const SchemaCodec schema_codecs[] = {
  { "Address", ef_address_record_members },
  { "Phone", ef_phone_record_members },
  { "PickupPerson", ef_pickup_person_record_members },
  { "Member", ef_member_record_members },
  { "Family", ef_family_record_members },
  { "MemberContactPatch", ef_member_contact_patch_members },
  { "Invoice", ef_invoice_record_members },
  { "Invoice.period", ef_invoice_period_members },
  { "Invoice.children", ef_invoice_child_record_members },
  { "InvoiceLine", ef_invoice_line_record_members },
  { "InvoicePayment", ef_invoice_payment_record_members },
  { "PaymentEntry", ef_payment_entry_record_members },
  { "PaymentEntry.allocations", ef_payment_allocation_record_members },
  { "ConnectionHistory.connections", ef_connection_entry_record_members },
  { "Enrolments", ef_enrolments_record_members },
  { "Enrolment", ef_enrolment_record_members },
  { "Planning", ef_planning_record_members },
  { "PlanningActivity", ef_planning_activity_record_members },
  { "PlanningDay", ef_planning_day_record_members },
  { "ReservationBatch", ef_reservation_batch_record_members },
  { "ReservationChange", ef_reservation_change_record_members },
  { "ReservationResult", ef_reservation_result_record_members },
  { "StaffAction", ef_staff_action_members },
  { "StaffFamilyPage", ef_staff_family_page_record_members },
  { "StaffFamilySummary", ef_staff_family_summary_record_members },
  { "StaffFamilySummary.members", ef_staff_member_summary_record_members },
  { "FamilyAccount", ef_family_account_record_members },
  { "StaffMemberPatch", ef_staff_member_patch_members },
  { "OfflinePaymentRequest", ef_offline_payment_request_record_members },
  { "StaffDayPayments", ef_staff_day_payments_record_members },
  { "StaffDayPayments.totals_cents", ef_counter_channels },
  { "PaymentCancelRequest", ef_payment_cancel_request_record_members },
  { "StaffAuditPage", ef_staff_audit_page_record_members },
  { "StaffAuditEntry", ef_staff_audit_entry_record_members },
  { "StaffAuditEntry.agent", ef_staff_audit_agent_members },
  { "AttendanceLists", ef_attendance_lists_record_members },
  { "AttendanceLists.activities", ef_attendance_activity_record_members },
  { "AttendanceLists.activities.sites", ef_attendance_site_record_members },
  { "AttendanceLists.activities.sites.children", ef_attendance_child_record_members },
  { "Session", ef_auth_session_record_members },
  { "SessionInfo", ef_session_info_record_members },
  { "Account", ef_account_record_members },
  { "StaffInfo", ef_staff_info_record_members },
  { "OnBehalfOf", ef_on_behalf_of_record_members },
  { "LoginRequest", ef_login_request_record_members },
  { "AccountEmail", ef_account_email_members },
  { "Error", ef_error_record_members },
  { "Error.error", ef_error_record_error_members },
  { "Finance", ef_finance_record_members },
  { "Payment", ef_payment_record_members },
  { "Payment.invoices", ef_payment_invoice_record_members },
  { "PaymentHistory", ef_payment_history_record_members },
  { "ConnectionHistory", ef_connection_history_record_members },
  { "PaymentRequest", ef_payment_request_members },
  { "Reminders", ef_reminders_record_members },
  { "RemindersChoice", ef_reminders_choice_members },
  { "DeviceList", ef_device_list_members },
  { "Device", ef_device_record_members },
};

/* The schema object that @path names in @schemas. */
static JsonObject *
find_schema (JsonObject *schemas,
             const char *path)
{
  g_auto (GStrv) steps = g_strsplit (path, ".", -1);
  JsonObject *schema = json_object_get_object_member (schemas, steps[0]);

  for (guint i = 1; steps[i] != NULL && schema != NULL; i++)
    {
      schema = json_object_get_object_member (json_object_get_object_member (schema, "properties"),
                                              steps[i]);
      if (schema != NULL && json_object_has_member (schema, "items"))
        schema = json_object_get_object_member (schema, "items");
    }
  return schema;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* @strv sorted and joined with ",". */
static char *
sorted_names (const char * const *strv)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; strv[i] != NULL; i++)
    g_ptr_array_add (names, (gpointer) strv[i]);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
test_schema_properties (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "openapi.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *schemas;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("No JSON export of docs/openapi.yaml (python3-yaml is missing)");
      return;
    }
  root = ef_json_parse (text, -1, &error);
  g_assert_no_error (error);
  schemas = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (root), "components"), "schemas");
  g_assert_nonnull (schemas);

  for (guint i = 0; i < G_N_ELEMENTS (schema_codecs); i++)
    {
      JsonObject *schema = find_schema (schemas, schema_codecs[i].schema);
      JsonObject *properties;
      g_auto (GStrv) names = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;

      g_test_message ("schema %s", schema_codecs[i].schema);
      g_assert_nonnull (schema);
      properties = json_object_get_object_member (schema, "properties");
      g_assert_nonnull (properties);
      names = member_names (json_object_get_member (schema, "properties"));
      expected = sorted_names ((const char * const *) names);
      actual = sorted_names (schema_codecs[i].members);
      g_assert_cmpstr (actual, ==, expected);

      /* What the schema requires, the codec writes. */
      if (json_object_has_member (schema, "required"))
        {
          JsonArray *required = json_object_get_array_member (schema, "required");

          for (guint j = 0; j < json_array_get_length (required); j++)
            g_assert_true (g_strv_contains (schema_codecs[i].members,
                                            json_array_get_string_element (required, j)));
        }
    }

  /* The enums of the schemas are the codec's. */
  {
    JsonObject *member = json_object_get_object_member (schemas, "Member");
    JsonObject *phone = json_object_get_object_member (schemas, "Phone");
    JsonArray *roles = json_object_get_array_member (
      json_object_get_object_member (json_object_get_object_member (member, "properties"), "role"),
      "enum");
    JsonArray *kinds = json_object_get_array_member (
      json_object_get_object_member (json_object_get_object_member (phone, "properties"), "kind"),
      "enum");

    g_assert_cmpuint (json_array_get_length (roles), ==, g_strv_length ((char **) ef_member_roles));
    for (guint j = 0; j < json_array_get_length (roles); j++)
      g_assert_cmpstr (json_array_get_string_element (roles, j), ==, ef_member_roles[j]);
    g_assert_cmpuint (json_array_get_length (kinds), ==, g_strv_length ((char **) ef_phone_kinds));
    for (guint j = 0; j < json_array_get_length (kinds); j++)
      g_assert_cmpstr (json_array_get_string_element (kinds, j), ==, ef_phone_kinds[j]);
  }
  {
    static const struct {
      const char         *path;
      const char         *property;
      const char * const *values;
    } enums[] = {
      { "Invoice", "status", ef_invoice_statuses },
      { "Invoice", "not_payable_reason", ef_not_payable_reasons },
      { "InvoicePayment", "channel", ef_payment_channels },
      { "PaymentEntry", "channel", ef_payment_channels },
      { "PaymentEntry", "status", ef_payment_statuses },
      { "ConnectionHistory.connections", "result", ef_connection_results },
      { "PlanningDay", "state", ef_planning_day_states },
      { "PlanningDay", "reason", ef_planning_day_reasons },
      { "OfflinePaymentRequest", "channel", ef_counter_channels },
      { "StaffAuditEntry", "action", ef_staff_audit_actions },
      { "StaffAuditEntry", "via", ef_staff_vias },
      { "Account", "kind", ef_account_kinds },
      { "OnBehalfOf", "via", ef_on_behalf_vias },
      { "Payment", "status", ef_payment_statuses },
      { "Payment", "channel", ef_payment_channels },
    };

    for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
      {
        JsonObject *schema = find_schema (schemas, enums[i].path);
        JsonObject *properties = json_object_get_object_member (schema, "properties");
        JsonArray *values = json_object_get_array_member (
          json_object_get_object_member (properties, enums[i].property), "enum");
        g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
        g_auto (GStrv) strings = NULL;

        g_test_message ("enum %s.%s", enums[i].path, enums[i].property);
        /* A nullable enum lists null: not a value. */
        for (guint j = 0; j < json_array_get_length (values); j++)
          if (!JSON_NODE_HOLDS_NULL (json_array_get_element (values, j)))
            g_strv_builder_add (builder, json_array_get_string_element (values, j));
        strings = g_strv_builder_end (builder);
        assert_strv_equal ((const char * const *) strings, enums[i].values);
      }
  }
}

/* docs/openapi.yaml as JSON, or NULL (the test skipped) without it. */
static JsonNode *
read_openapi (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "openapi.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("No JSON export of docs/openapi.yaml (python3-yaml is missing)");
      return NULL;
    }
  root = ef_json_parse (text, -1, &error);
  g_assert_no_error (error);
  return root;
}

/* The staff's StaffReservationResult and StaffEnrolment are a
 * ReservationResult and an Enrolment with one more member (allOf): the
 * properties of their parts are the staff codecs' members. */
static void
test_reservation_staff_schema (void)
{
  static const SchemaCodec staff_codecs[] = {
    { "StaffReservationResult", ef_staff_reservation_result_record_members },
    { "StaffEnrolment", ef_staff_enrolment_record_members },
  };
  g_autoptr (JsonNode) root = read_openapi ();
  JsonObject *schemas;

  if (root == NULL)
    return;
  schemas = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (root), "components"), "schemas");
  for (guint k = 0; k < G_N_ELEMENTS (staff_codecs); k++)
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) names = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;
      JsonArray *parts;

      g_test_message ("schema %s", staff_codecs[k].schema);
      parts = json_object_get_array_member (json_object_get_object_member (schemas, staff_codecs[k].schema),
                                            "allOf");
      g_assert_nonnull (parts);
      for (guint i = 0; i < json_array_get_length (parts); i++)
        {
          JsonObject *part = json_array_get_object_element (parts, i);
          g_auto (GStrv) part_names = NULL;

          if (json_object_has_member (part, "$ref"))
            part = find_schema (schemas, strrchr (json_object_get_string_member (part, "$ref"), '/') + 1);
          g_assert_nonnull (part);
          part_names = member_names (json_object_get_member (part, "properties"));
          g_strv_builder_addv (builder, (const char **) part_names);
        }
      names = g_strv_builder_end (builder);
      expected = sorted_names ((const char * const *) names);
      actual = sorted_names (staff_codecs[k].members);
      g_assert_cmpstr (actual, ==, expected);
    }
}

/* A refusal has no schema of its own: the contract's example of a batch's
 * 422 is one, written as the codec writes it, and the reasons and closed
 * reasons it names are the codec's. */
static void
test_reservation_refusal_example (void)
{
  g_autoptr (JsonNode) root = read_openapi ();
  g_autoptr (EfReservationRefusalRecord) refusal = NULL;
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  g_auto (GStrv) written_names = NULL;
  JsonObject *post, *example;
  JsonNode *detail;
  const char *description;

  if (root == NULL)
    return;
  post = json_object_get_object_member (json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (root), "paths"),
    "/{tenant}/api/v1/reservations"), "post");
  example = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (
    json_object_get_object_member (json_object_get_object_member (post, "responses"), "422"), "content"),
    "application/json"), "example");
  detail = json_array_get_element (json_object_get_array_member (
    json_object_get_object_member (example, "error"), "details"), 0);

  refusal = ef_reservation_refusal_record_from_json (detail, &error);
  g_assert_no_error (error);
  written = ef_reservation_refusal_record_to_json (refusal);
  names = member_names (detail);
  written_names = member_names (written);
  assert_strv_equal ((const char * const *) written_names, (const char * const *) names);
  g_assert_cmpstr (refusal->reason, ==, "deadline_passed");

  description = json_object_get_string_member (post, "description");
  for (guint i = 0; ef_reservation_refusal_reasons[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("`%s`", ef_reservation_refusal_reasons[i]);

      /* not_your_service is the staff route's (its own description). */
      if (g_str_equal (ef_reservation_refusal_reasons[i], "not_your_service"))
        continue;
      g_test_message ("reason %s", ef_reservation_refusal_reasons[i]);
      g_assert_nonnull (strstr (description, quoted));
    }
  g_assert_nonnull (strstr (description, "`closed_reason`"));
  g_assert_nonnull (strstr (description, "`deadline`"));
}

/* ------------------------------------------------------------ staff */

/* A staff resource: its demo document and its codec. */
typedef struct
{
  const char     *name;
  const char     *document;
  Reader          read;
  Writer          write;
  GEqualFunc      equal;
  GDestroyNotify  free;
} StaffCodec;

static gboolean
cancel_request_equal (const EfPaymentCancelRequestRecord *a,
                      const EfPaymentCancelRequestRecord *b)
{
  return g_strcmp0 (a->reason, b->reason) == 0 && g_strcmp0 (a->via, b->via) == 0;
}

static const StaffCodec staff_codecs[] = {
  { "StaffFamilyPage", STAFF_FAMILY_PAGE_JSON,
    (Reader) ef_staff_family_page_record_from_json,
    (Writer) ef_staff_family_page_record_to_json,
    (GEqualFunc) ef_staff_family_page_record_equal,
    (GDestroyNotify) ef_staff_family_page_record_free },
  { "StaffFamily", STAFF_FAMILY_JSON,
    (Reader) ef_staff_family_record_from_json,
    (Writer) ef_staff_family_record_to_json,
    (GEqualFunc) ef_staff_family_record_equal,
    (GDestroyNotify) ef_staff_family_record_free },
  { "StaffPayment", STAFF_PAYMENT_JSON,
    (Reader) ef_staff_payment_record_from_json,
    (Writer) ef_staff_payment_record_to_json,
    (GEqualFunc) ef_staff_payment_record_equal,
    (GDestroyNotify) ef_staff_payment_record_free },
  { "StaffDayPayments", STAFF_DAY_PAYMENTS_JSON,
    (Reader) ef_staff_day_payments_record_from_json,
    (Writer) ef_staff_day_payments_record_to_json,
    (GEqualFunc) ef_staff_day_payments_record_equal,
    (GDestroyNotify) ef_staff_day_payments_record_free },
  { "StaffAuditPage", STAFF_AUDIT_PAGE_JSON,
    (Reader) ef_staff_audit_page_record_from_json,
    (Writer) ef_staff_audit_page_record_to_json,
    (GEqualFunc) ef_staff_audit_page_record_equal,
    (GDestroyNotify) ef_staff_audit_page_record_free },
  { "AttendanceLists", ATTENDANCE_LISTS_JSON,
    (Reader) ef_attendance_lists_record_from_json,
    (Writer) ef_attendance_lists_record_to_json,
    (GEqualFunc) ef_attendance_lists_record_equal,
    (GDestroyNotify) ef_attendance_lists_record_free },
  { "OfflinePaymentRequest", OFFLINE_PAYMENT_REQUEST_JSON,
    (Reader) ef_offline_payment_request_record_from_json,
    (Writer) ef_offline_payment_request_record_to_json,
    (GEqualFunc) ef_offline_payment_request_record_equal,
    (GDestroyNotify) ef_offline_payment_request_record_free },
  { "OfflinePaymentRequest", PART_PAYMENT_REQUEST_JSON,
    (Reader) ef_offline_payment_request_record_from_json,
    (Writer) ef_offline_payment_request_record_to_json,
    (GEqualFunc) ef_offline_payment_request_record_equal,
    (GDestroyNotify) ef_offline_payment_request_record_free },
  { "PaymentCancelRequest", PAYMENT_CANCEL_REQUEST_JSON,
    (Reader) ef_payment_cancel_request_record_from_json,
    (Writer) ef_payment_cancel_request_record_to_json,
    (GEqualFunc) cancel_request_equal,
    (GDestroyNotify) ef_payment_cancel_request_record_free },
  { "OfflinePaymentRequest", FULL_PAYMENT_REQUEST_JSON,
    (Reader) ef_offline_payment_request_record_from_json,
    (Writer) ef_offline_payment_request_record_to_json,
    (GEqualFunc) ef_offline_payment_request_record_equal,
    (GDestroyNotify) ef_offline_payment_request_record_free },
};

/* The demo's documents → record → the same bytes; and the record read
 * back from those bytes is the same record. */
static void
test_staff_json_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (staff_codecs); i++)
    {
      const StaffCodec *codec = &staff_codecs[i];

      g_test_message ("%s", codec->name);
      assert_same_bytes (codec->document, codec->read, codec->write, codec->equal, codec->free);
    }
}

/* Records made here → JSON → the same records; a change is seen. */
static void
test_staff_record_round_trip (void)
{
  g_autoptr (EfStaffPaymentRecord) payment = ef_staff_payment_record_new ();
  g_autoptr (EfStaffPaymentRecord) payment_again = NULL;
  g_autoptr (EfFamilyAccountRecord) account = g_new0 (EfFamilyAccountRecord, 1);
  g_autoptr (EfFamilyAccountRecord) account_again = NULL;
  g_autoptr (EfAttendanceListsRecord) lists = ef_attendance_lists_record_new ();
  g_autoptr (EfAttendanceListsRecord) lists_again = NULL;
  g_autoptr (EfOfflinePaymentRequestRecord) request = ef_offline_payment_request_record_new ();
  g_autoptr (EfOfflinePaymentRequestRecord) request_again = NULL;
  g_autoptr (EfStaffFamilyRecord) family = ef_staff_family_record_new ();
  g_autoptr (EfStaffFamilyRecord) family_again = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  EfPaymentAllocationRecord *allocation = g_new0 (EfPaymentAllocationRecord, 1);
  EfAttendanceActivityRecord *activity = ef_attendance_activity_record_new ();
  EfAttendanceSiteRecord *site = ef_attendance_site_record_new ("Centre de loisirs");
  EfAttendanceChildRecord child = {
    .member_id = 12, .first_name = (char *) "Léa", .last_name = (char *) "Martin",
    .family_id = 5, .family_name = (char *) "Famille Martin", .override = TRUE,
  };
  const gint64 invoices[] = { 7, 9 };

  /* A transfer, cancelled, with its reference. */
  payment->entry->id = 8;
  payment->entry->at = g_strdup ("2026-03-29T03:00:00+02:00");
  payment->entry->day = ef_day_new (2026, 3, 29);
  payment->entry->time = g_strdup ("03:00");
  payment->entry->channel = g_strdup ("transfer");
  payment->entry->status = g_strdup ("cancelled");
  payment->entry->amount = 4200;
  allocation->invoice_id = 7;
  allocation->number = g_strdup ("pop-F260300007");
  allocation->amount = 4200;
  g_ptr_array_add (payment->entry->allocations, allocation);
  payment->family_id = 5;
  payment->reference = g_strdup ("VIR-0042");
  payment->note = g_strdup ("Virement de mars");
  payment->agent_name = g_strdup ("Sophie Agent");
  payment->cancelled_at = g_strdup ("2026-03-30T09:00:00+02:00");
  payment->cancel_reason = g_strdup ("Rejeté par la banque");
  payment->cancelled_paid_at = g_strdup ("2026-03-29T03:00:00+02:00");
  node = ef_staff_payment_record_to_json (payment);
  payment_again = ef_staff_payment_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_staff_payment_record_equal (payment, payment_again));
  g_clear_pointer (&payment_again->cancel_reason, g_free);
  g_assert_false (ef_staff_payment_record_equal (payment, payment_again));
  g_clear_pointer (&node, json_node_unref);

  /* An account never invited, not locked. */
  account->id = 3;
  account->member_id = 11;
  account->email = g_strdup ("parent@example.fr");
  account->failed_logins = 2;
  node = ef_family_account_record_to_json (account);
  account_again = ef_family_account_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_family_account_record_equal (account, account_again));
  account_again->invitation = g_new0 (EfFamilyInvitationRecord, 1);
  g_assert_false (ef_family_account_record_equal (account, account_again));
  g_clear_pointer (&node, json_node_unref);

  /* The family of the family codec's test, with that account. */
  g_clear_pointer (&family->family, ef_family_record_free);
  family->family = family_record ();
  g_ptr_array_add (family->accounts, NULL);
  g_ptr_array_add (family->accounts, g_steal_pointer (&account));
  family->services = g_strsplit ("education,sport", ",", -1);
  g_ptr_array_add (family->enrolments, parse ("{\"id\":1,\"member\":12}"));
  {
    g_autoptr (JsonNode) invoice = parse (INVOICE_JSON);

    g_ptr_array_add (family->invoices, ef_invoice_record_from_json (invoice, NULL));
  }
  family->total_due = 0;
  g_ptr_array_add (family->payments, g_steal_pointer (&payment));
  node = ef_staff_family_record_to_json (family);
  family_again = ef_staff_family_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_staff_family_record_equal (family, family_again));
  g_clear_pointer (&family_again->family->reference, g_free);
  g_assert_false (ef_staff_family_record_equal (family, family_again));
  g_clear_pointer (&node, json_node_unref);

  /* A list of one child, reserved past the deadline. */
  lists->day = ef_day_new (2026, 10, 25);
  lists->total = 1;
  activity->activity = g_strdup ("alsh");
  activity->name = g_strdup ("Accueil de loisirs");
  activity->service = g_strdup ("loisirs");
  activity->count = 1;
  site->count = 1;
  g_ptr_array_add (site->children, ef_attendance_child_record_copy (&child));
  g_ptr_array_add (activity->sites, site);
  g_ptr_array_add (lists->activities, activity);
  activity = ef_attendance_activity_record_new ();
  activity->activity = g_strdup ("piscine");
  activity->name = g_strdup ("Piscine");
  activity->service = g_strdup ("sport");
  activity->closed = g_strdup ("Vacances scolaires");
  g_ptr_array_add (lists->activities, activity);
  node = ef_attendance_lists_record_to_json (lists);
  lists_again = ef_attendance_lists_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_attendance_lists_record_equal (lists, lists_again));
  ((EfAttendanceChildRecord *) g_ptr_array_index (
    ((EfAttendanceSiteRecord *) g_ptr_array_index (
      ((EfAttendanceActivityRecord *) g_ptr_array_index (lists_again->activities, 0))->sites,
      0))->children, 0))->override = FALSE;
  g_assert_false (ef_attendance_lists_record_equal (lists, lists_again));
  g_clear_pointer (&node, json_node_unref);

  /* Cash for two invoices, nothing optional. */
  request->channel = g_strdup ("cash");
  g_array_append_vals (request->invoices, invoices, G_N_ELEMENTS (invoices));
  node = ef_offline_payment_request_record_to_json (request);
  {
    g_auto (GStrv) keys = member_names (node);
    const char * const expected[] = { "channel", "invoices", NULL };

    assert_strv_equal ((const char * const *) keys, expected);
  }
  request_again = ef_offline_payment_request_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_offline_payment_request_record_equal (request, request_again));
  g_array_index (request_again->invoices, gint64, 1) = 8;
  g_assert_false (ef_offline_payment_request_record_equal (request, request_again));
}

static void
test_staff_json_refused (void)
{
  static const struct {
    guint  codec;    /* in staff_codecs[] */
    Change change;
  } changes[] = {
    { 0, { "", "[]", EF_API_ERROR_INVALID_FIELD } },
    { 0, { "query", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 0, { "total", "\"1\"", EF_API_ERROR_INVALID_FIELD } },
    { 0, { "families", "{}", EF_API_ERROR_INVALID_FIELD } },
    { 0, { "families[0].reference", "1", EF_API_ERROR_INVALID_FIELD } },
    { 0, { "families[0].services", "[1]", EF_API_ERROR_INVALID_FIELD } },
    { 0, { "families[0].services", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 0, { "families[0].members", "[\"Claire\"]", EF_API_ERROR_INVALID_FIELD } },
    { 1, { "reference", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 1, { "members[1].account", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 1, { "members[1].account", "\"none\"", EF_API_ERROR_INVALID_FIELD } },
    { 1, { "members[0].account.locked", "1", EF_API_ERROR_INVALID_FIELD } },
    { 1, { "members[0].account.locked_until", "\"demain\"", EF_API_ERROR_INVALID_DATE } },
    { 1, { "members[0].account.invitation", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 1, { "members[0].account.invitation.expires_at", "null", EF_API_ERROR_INVALID_FIELD } },
    { 1, { "members[0].account.invitation.used", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 1, { "enrolments", "[3]", EF_API_ERROR_INVALID_FIELD } },
    { 1, { "invoices", "[{}]", EF_API_ERROR_INVALID_FIELD } },
    { 1, { "total_due_cents", "1.5", EF_API_ERROR_INVALID_FIELD } },
    { 1, { "payments", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 1, { "address", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 2, { "family", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 2, { "note", "null", EF_API_ERROR_INVALID_FIELD } },
    { 2, { "channel", "\"bitcoin\"", EF_API_ERROR_INVALID_FIELD } },
    { 2, { "cancelled_at", "\"hier\"", EF_API_ERROR_INVALID_DATE } },
    { 2, { "receipt_number", "2", EF_API_ERROR_INVALID_FIELD } },
    { 2, { "at", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 3, { "day", "\"16/11/2026\"", EF_API_ERROR_INVALID_DATE } },
    { 3, { "totals_cents", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 3, { "totals_cents.direct_debit", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 3, { "payments[0].family_name", "null", EF_API_ERROR_INVALID_FIELD } },
    { 3, { "count", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 4, { "family", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 4, { "entries[0].agent", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 4, { "entries[0].agent.email", "null", EF_API_ERROR_INVALID_FIELD } },
    { 4, { "entries[0].at", "\"2026-11-16\"", EF_API_ERROR_INVALID_DATE } },
    { 4, { "entries[0].before", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 4, { "entries[0].via", "\"mail\"", EF_API_ERROR_INVALID_FIELD } },
    { 4, { "entries[0].via", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 5, { "day", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 5, { "activities[0].closed", "false", EF_API_ERROR_INVALID_FIELD } },
    { 5, { "activities[0].sites", "[{\"site\":\"École\"}]", EF_API_ERROR_INVALID_FIELD } },
    { 5, { "activities[2].sites[0].children",
           "[{\"member\":3,\"first_name\":\"Hugo\",\"last_name\":\"Martin\",\"family\":1,"
           "\"family_name\":\"Famille Martin\"}]", EF_API_ERROR_INVALID_FIELD } },
    { 6, { "", "{\"channel\":\"cash\",\"invoices\":[4],\"tip\":1}", EF_API_ERROR_UNKNOWN_FIELD } },
    { 6, { "channel", "4", EF_API_ERROR_INVALID_FIELD } },
    { 6, { "channel", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 6, { "invoices", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 6, { "invoices", "[4,\"5\"]", EF_API_ERROR_INVALID_FIELD } },
    { 6, { "invoices", "[4.5]", EF_API_ERROR_INVALID_FIELD } },
    { 6, { "amount_cents", "\"5\"", EF_API_ERROR_INVALID_FIELD } },
    { 6, { "cheque_number", "12", EF_API_ERROR_INVALID_FIELD } },
    { 6, { "via", "\"mail\"", EF_API_ERROR_INVALID_FIELD } },
    { 8, { "reason", NULL, EF_API_ERROR_INVALID_FIELD } },
    { 8, { "reason", "null", EF_API_ERROR_INVALID_FIELD } },
    { 8, { "via", "\"guichet\"", EF_API_ERROR_INVALID_FIELD } },
    { 8, { "", "{\"reason\":\"Non\",\"amount_cents\":1}", EF_API_ERROR_UNKNOWN_FIELD } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      const StaffCodec *codec = &staff_codecs[changes[i].codec];

      assert_refused (codec->name, codec->document, codec->read, &changes[i].change, 1);
    }

  /* A newer portal's role, audit action and members read. */
  {
    g_autoptr (JsonNode) page = parse (STAFF_FAMILY_PAGE_JSON);
    g_autoptr (JsonNode) audit = parse (STAFF_AUDIT_PAGE_JSON);
    g_autoptr (EfStaffFamilyPageRecord) families = NULL;
    g_autoptr (EfStaffAuditPageRecord) entries = NULL;
    g_autoptr (GError) error = NULL;
    JsonObject *family = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (page), "families"), 0);
    JsonObject *entry = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (audit), "entries"), 0);

    json_object_set_string_member (
      json_array_get_object_element (json_object_get_array_member (family, "members"), 0),
      "role", "guardian");
    json_object_set_string_member (family, "school", "Jean Moulin");
    json_object_set_string_member (entry, "action", "family_session_open");
    families = ef_staff_family_page_record_from_json (page, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((EfStaffMemberSummaryRecord *) g_ptr_array_index (
      ((EfStaffFamilySummaryRecord *) g_ptr_array_index (families->families, 0))->members,
      0))->role, ==, "guardian");
    entries = ef_staff_audit_page_record_from_json (audit, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((EfStaffAuditEntryRecord *) g_ptr_array_index (entries->entries, 0))->action,
                     ==, "family_session_open");
  }
}

/* The members of an object at @path ("members[0].account") of @node. */
static GStrv
members_at (JsonNode   *node,
            const char *path)
{
  g_auto (GStrv) steps = g_strsplit (path, ".", -1);
  JsonNode *current = node;

  for (guint i = 0; steps[i] != NULL; i++)
    {
      char *bracket = strchr (steps[i], '[');
      guint index = 0;

      if (bracket != NULL)
        {
          index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
          *bracket = '\0';
        }
      current = json_object_get_member (json_node_get_object (current), steps[i]);
      g_assert_nonnull (current);
      if (bracket != NULL)
        current = json_array_get_element (json_node_get_array (current), index);
    }
  return member_names (current);
}

/* What each codec writes is its list of members, in its order; a
 * StaffPayment and a StaffFamily write their base schema's first. */
static void
test_staff_members_written (void)
{
  static const struct {
    guint               codec;
    const char         *path;
    const char * const *base;
    const char * const *members;
  } cases[] = {
    { 0, "", NULL, ef_staff_family_page_record_members },
    { 0, "families[0]", NULL, ef_staff_family_summary_record_members },
    { 0, "families[0].members[0]", NULL, ef_staff_member_summary_record_members },
    { 1, "", ef_family_record_members, ef_staff_family_record_members },
    { 1, "members[0]", ef_member_record_members, ef_staff_family_member_members },
    { 1, "members[0].account", NULL, ef_family_account_record_members },
    { 1, "members[0].account.invitation", NULL, ef_family_invitation_record_members },
    { 2, "", ef_payment_entry_record_members, ef_staff_payment_record_members },
    { 3, "", NULL, ef_staff_day_payments_record_members },
    { 3, "totals_cents", NULL, ef_counter_channels },
    { 4, "", NULL, ef_staff_audit_page_record_members },
    { 4, "entries[0]", NULL, ef_staff_audit_entry_record_members },
    { 4, "entries[0].agent", NULL, ef_staff_audit_agent_members },
    { 5, "", NULL, ef_attendance_lists_record_members },
    { 5, "activities[0]", NULL, ef_attendance_activity_record_members },
    { 5, "activities[2].sites[0]", NULL, ef_attendance_site_record_members },
    { 5, "activities[2].sites[0].children[0]", NULL, ef_attendance_child_record_members },
    { 9, "", NULL, ef_offline_payment_request_record_members },
    { 8, "", NULL, ef_payment_cancel_request_record_members },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const StaffCodec *codec = &staff_codecs[cases[i].codec];
      g_autoptr (JsonNode) document = parse (codec->document);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_autoptr (JsonNode) written = NULL;
      g_auto (GStrv) expected = NULL;
      g_auto (GStrv) keys = NULL;
      gpointer record = codec->read (document, NULL);

      g_test_message ("%s %s", codec->name, cases[i].path);
      g_assert_nonnull (record);
      written = codec->write (record);
      codec->free (record);
      keys = *cases[i].path != '\0' ? members_at (written, cases[i].path) : member_names (written);
      /* The base's members first, then the ones it adds (some, such as
       * a StaffFamily's members, are the base's too). */
      if (cases[i].base != NULL)
        g_strv_builder_addv (builder, (const char **) cases[i].base);
      for (guint j = 0; cases[i].members[j] != NULL; j++)
        if (cases[i].base == NULL || !g_strv_contains (cases[i].base, cases[i].members[j]))
          g_strv_builder_add (builder, cases[i].members[j]);
      expected = g_strv_builder_end (builder);
      assert_strv_equal ((const char * const *) keys, (const char * const *) expected);
    }

  /* The day's payments add their family's name to a StaffPayment. */
  {
    g_autoptr (JsonNode) document = parse (STAFF_DAY_PAYMENTS_JSON);
    g_auto (GStrv) keys = members_at (document, "payments[0]");

    g_assert_cmpstr (keys[g_strv_length (keys) - 1], ==, ef_staff_day_payment_members[0]);
  }
}

/* The schemas made of others (allOf, oneOf) and Via: their own
 * properties are the codec's lists. */
static void
test_staff_schema_composed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "openapi.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) root = NULL;
  static const struct {
    const char         *schema;
    const char         *property;  /* in the own part, whose items' own part, or NULL */
    const char         *kind;      /* "allOf" or "oneOf" */
    const char * const *members;
  } cases[] = {
    { "StaffFamily", NULL, "allOf", ef_staff_family_record_members },
    { "StaffFamily", "members", "allOf", ef_staff_family_member_members },
    { "StaffPayment", NULL, "allOf", ef_staff_payment_record_members },
    { "StaffDayPayments", "payments", "allOf", ef_staff_day_payment_members },
    { "FamilyAccount", "invitation", "oneOf", ef_family_invitation_record_members },
  };
  JsonObject *schemas;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("No JSON export of docs/openapi.yaml (python3-yaml is missing)");
      return;
    }
  root = parse (text);
  schemas = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (root), "components"), "schemas");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JsonObject *schema = json_object_get_object_member (schemas, cases[i].schema);
      JsonObject *part = NULL;
      JsonArray *parts;
      g_auto (GStrv) names = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;

      g_test_message ("schema %s %s", cases[i].schema, cases[i].property ? cases[i].property : "");
      g_assert_nonnull (schema);
      if (cases[i].property != NULL)
        {
          JsonObject *properties;

          /* The property is in the schema, or in the own part of it. */
          if (json_object_has_member (schema, "allOf"))
            schema = json_array_get_object_element (json_object_get_array_member (schema, "allOf"),
                                                    1);
          properties = json_object_get_object_member (schema, "properties");
          schema = json_object_get_object_member (properties, cases[i].property);
          if (json_object_has_member (schema, "items"))
            schema = json_object_get_object_member (schema, "items");
        }
      parts = json_object_get_array_member (schema, cases[i].kind);
      g_assert_nonnull (parts);
      for (guint j = 0; j < json_array_get_length (parts) && part == NULL; j++)
        {
          JsonObject *candidate = json_array_get_object_element (parts, j);

          if (json_object_has_member (candidate, "properties"))
            part = candidate;
        }
      g_assert_nonnull (part);
      names = member_names (json_object_get_member (part, "properties"));
      expected = sorted_names ((const char * const *) names);
      actual = sorted_names (cases[i].members);
      g_assert_cmpstr (actual, ==, expected);
    }

  /* Via is an enum of its own. */
  {
    JsonArray *values = json_object_get_array_member (
      json_object_get_object_member (schemas, "Via"), "enum");

    g_assert_cmpuint (json_array_get_length (values), ==, g_strv_length ((char **) ef_staff_vias));
    for (guint j = 0; j < json_array_get_length (values); j++)
      g_assert_cmpstr (json_array_get_string_element (values, j), ==, ef_staff_vias[j]);
  }
}

/* The codes of the schema Error are the ones EfApiError names, in order. */
static void
test_schema_error_codes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "openapi.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) codes = NULL;
  JsonObject *schemas, *error_schema;
  JsonArray *values;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("No JSON export of docs/openapi.yaml (python3-yaml is missing)");
      return;
    }
  root = parse (text);
  schemas = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (root), "components"), "schemas");
  error_schema = find_schema (schemas, "Error.error");
  g_assert_nonnull (error_schema);
  values = json_object_get_array_member (
    json_object_get_object_member (json_object_get_object_member (error_schema, "properties"),
                                   "code"), "enum");
  for (guint i = 0; i < json_array_get_length (values); i++)
    g_strv_builder_add (builder, json_array_get_string_element (values, i));
  codes = g_strv_builder_end (builder);

  g_assert_cmpuint (g_strv_length (codes), ==, EF_API_ERROR_LAST + 1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      gboolean known = FALSE;

      g_assert_cmpstr (ef_api_error_to_string ((EfApiError) i), ==, codes[i]);
      g_assert_cmpint (ef_api_error_from_string (codes[i], &known), ==, i);
      g_assert_true (known);
    }
}

/* ------------------------------------------------------------ devices */

#define DEVICE_LIST_JSON \
  "{\"devices\":[{\"id\":3,\"client\":\"Espace Famille 1.0\"," \
  "\"since\":\"2026-10-01T08:00:00+02:00\",\"last_used_at\":\"2026-11-16T07:45:00+01:00\"," \
  "\"expires_at\":\"2027-01-15T07:45:00+01:00\",\"current\":true}," \
  "{\"id\":1,\"client\":\"Espace Famille 1.0\",\"since\":\"2026-09-02T19:10:00+02:00\"," \
  "\"last_used_at\":\"2026-09-30T21:00:00+02:00\",\"expires_at\":\"2026-11-29T21:00:00+01:00\"," \
  "\"current\":false}]}"

static void
test_device_round_trip (void)
{
  g_autoptr (JsonNode) document = parse (DEVICE_LIST_JSON);
  g_autoptr (GPtrArray) devices = NULL;
  g_autoptr (JsonNode) written = NULL;
  g_autoptr (EfDeviceRecord) again = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) keys = NULL;
  EfDeviceRecord *first;

  devices = ef_device_list_from_json (document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 2);
  first = g_ptr_array_index (devices, 0);
  g_assert_cmpint (first->id, ==, 3);
  g_assert_true (first->current);
  g_assert_cmpstr (first->last_used_at, ==, "2026-11-16T07:45:00+01:00");
  written = ef_device_list_to_json (devices);
  text = write_compact (written);
  g_assert_cmpstr (text, ==, DEVICE_LIST_JSON);

  node = ef_device_record_to_json (first);
  keys = member_names (node);
  assert_strv_equal ((const char * const *) keys, ef_device_record_members);
  again = ef_device_record_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (ef_device_record_equal (first, again));
  again->current = FALSE;
  g_assert_false (ef_device_record_equal (first, again));
}

static void
test_device_json_refused (void)
{
  static const Change changes[] = {
    { "", "[]", EF_API_ERROR_INVALID_FIELD },
    { "devices", NULL, EF_API_ERROR_INVALID_FIELD },
    { "devices", "{}", EF_API_ERROR_INVALID_FIELD },
    { "devices[0].id", "0", EF_API_ERROR_INVALID_FIELD },
    { "devices[1].id", "-4", EF_API_ERROR_INVALID_FIELD },
    { "devices[0].client", "null", EF_API_ERROR_INVALID_FIELD },
    { "devices[0].since", "\"2026-10-01\"", EF_API_ERROR_INVALID_DATE },
    { "devices[1].last_used_at", NULL, EF_API_ERROR_INVALID_FIELD },
    { "devices[0].expires_at", "\"demain\"", EF_API_ERROR_INVALID_DATE },
    { "devices[1].current", "\"yes\"", EF_API_ERROR_INVALID_FIELD },
  };

  ASSERT_REFUSED ("devices", DEVICE_LIST_JSON, ef_device_list_from_json, changes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codec/family/record-round-trip", test_family_record_round_trip);
  g_test_add_func ("/codec/family/json-round-trip", test_family_json_round_trip);
  g_test_add_func ("/codec/family/json-lenient", test_family_json_lenient);
  g_test_add_func ("/codec/family/json-refused", test_family_json_refused);
  g_test_add_func ("/codec/family/members-written", test_family_members_written);
  g_test_add_func ("/codec/billing/record-round-trip", test_billing_record_round_trip);
  g_test_add_func ("/codec/billing/json-round-trip", test_billing_json_round_trip);
  g_test_add_func ("/codec/billing/json-lenient", test_billing_json_lenient);
  g_test_add_func ("/codec/billing/json-refused", test_billing_json_refused);
  g_test_add_func ("/codec/billing/members-written", test_billing_members_written);
  g_test_add_func ("/codec/history/round-trip", test_history_round_trip);
  g_test_add_func ("/codec/history/json-refused", test_history_json_refused);
  g_test_add_func ("/codec/planning/enrolments-round-trip", test_planning_enrolments_round_trip);
  g_test_add_func ("/codec/planning/enrolments-refused", test_planning_enrolments_refused);
  g_test_add_func ("/codec/planning/staff-enrolment", test_planning_staff_enrolment);
  g_test_add_func ("/codec/planning/round-trip", test_planning_round_trip);
  g_test_add_func ("/codec/planning/members-written", test_planning_members_written);
  g_test_add_func ("/codec/planning/json-refused", test_planning_json_refused);
  g_test_add_func ("/codec/reservation/round-trip", test_reservation_round_trip);
  g_test_add_func ("/codec/reservation/json-refused", test_reservation_json_refused);
  g_test_add_func ("/codec/reservation/read-text", test_reservation_read_text);
  g_test_add_func ("/codec/session/round-trip", test_session_round_trip);
  g_test_add_func ("/codec/session/json-round-trip", test_session_json_round_trip);
  g_test_add_func ("/codec/session/json-lenient", test_session_json_lenient);
  g_test_add_func ("/codec/session/json-refused", test_session_json_refused);
  g_test_add_func ("/codec/session/members-written", test_session_members_written);
  g_test_add_func ("/codec/error/round-trip", test_error_round_trip);
  g_test_add_func ("/codec/error/json-refused", test_error_json_refused);
  g_test_add_func ("/codec/payment/round-trip", test_payment_round_trip);
  g_test_add_func ("/codec/payment/json-refused", test_payment_json_refused);
  g_test_add_func ("/codec/payment/members-written", test_payment_members_written);
  g_test_add_func ("/codec/lists/json-round-trip", test_lists_json_round_trip);
  g_test_add_func ("/codec/lists/json-refused", test_lists_json_refused);
  g_test_add_func ("/codec/requests/round-trip", test_requests_round_trip);
  g_test_add_func ("/codec/requests/json-refused", test_requests_json_refused);
  g_test_add_func ("/codec/schema-properties", test_schema_properties);
  g_test_add_func ("/codec/reservation/refusals", test_reservation_refusals);
  g_test_add_func ("/codec/reservation/staff-schema", test_reservation_staff_schema);
  g_test_add_func ("/codec/reservation/refusal-example", test_reservation_refusal_example);
  g_test_add_func ("/codec/staff/json-round-trip", test_staff_json_round_trip);
  g_test_add_func ("/codec/staff/record-round-trip", test_staff_record_round_trip);
  g_test_add_func ("/codec/staff/json-refused", test_staff_json_refused);
  g_test_add_func ("/codec/staff/members-written", test_staff_members_written);
  g_test_add_func ("/codec/staff/schema-composed", test_staff_schema_composed);
  g_test_add_func ("/codec/schema-error-codes", test_schema_error_codes);
  g_test_add_func ("/codec/device/round-trip", test_device_round_trip);
  g_test_add_func ("/codec/device/json-refused", test_device_json_refused);

  return g_test_run ();
}
