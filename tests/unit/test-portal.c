/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-portal.c: what a tenant says about itself */

#define G_LOG_DOMAIN "EfTestUnit"

#include "config.h"

#include "ef-common.h"

#define PORTAL_JSON \
  "{\"id\":\"7249\",\"name\":\"Billère\",\"contact\":\"Mairie : 05 59 00 00 00\\nDu lundi au vendredi\"," \
  "\"time_zone\":\"Europe/Paris\"," \
  "\"deadline_policy\":{\"days_before\":2,\"hour\":10,\"minute\":30,\"counted_weekdays\":[1,2,4,5]," \
  "\"skip_public_holidays\":true,\"skip_school_holidays\":false}," \
  "\"services\":[{\"id\":\"education\",\"name\":\"Éducation\",\"description\":\"Restauration scolaire\"}," \
  "{\"id\":\"petite-enfance\",\"name\":\"Petite enfance\",\"description\":\"\"}]}"

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_new (void)
{
  g_autoptr (EfPortal) portal = ef_portal_new ("7249", "Billère", NULL, NULL);
  g_autoptr (EfService) service = ef_service_new ("education", "Éducation", "Restauration scolaire");
  g_autoptr (EfService) item = NULL;
  g_autoptr (GListModel) services = NULL;
  g_autofree char *tz = NULL;
  const EfDeadlinePolicy *policy;
  EfDeadlinePolicy changed;
  guint notified = 0;

  g_assert_cmpstr (ef_portal_get_id (portal), ==, "7249");
  g_assert_cmpstr (ef_portal_get_name (portal), ==, "Billère");
  g_assert_null (ef_portal_get_contact (portal));
  g_assert_cmpstr (ef_portal_get_time_zone (portal), ==, "Europe/Paris");

  policy = ef_portal_get_deadline_policy (portal);
  g_assert_cmpuint (policy->days_before, ==, 3);
  g_assert_cmpuint (policy->hour, ==, 9);
  changed = *policy;
  changed.days_before = 4;
  ef_portal_set_deadline_policy (portal, &changed);
  g_assert_cmpuint (ef_portal_get_deadline_policy (portal)->days_before, ==, 4);

  g_assert_cmpuint (g_list_model_get_n_items (ef_portal_get_services (portal)), ==, 0);
  g_assert_true (g_list_model_get_item_type (ef_portal_get_services (portal)) == EF_TYPE_SERVICE);
  ef_portal_add_service (portal, service);
  g_assert_cmpuint (g_list_model_get_n_items (ef_portal_get_services (portal)), ==, 1);
  item = g_list_model_get_item (ef_portal_get_services (portal), 0);
  g_assert_true (item == service);
  g_assert_cmpstr (ef_service_get_id (item), ==, "education");
  g_assert_cmpstr (ef_service_get_name (item), ==, "Éducation");
  g_assert_cmpstr (ef_service_get_description (item), ==, "Restauration scolaire");

  /* Properties. */
  g_object_get (portal, "time-zone", &tz, "services", &services, NULL);
  g_assert_cmpstr (tz, ==, "Europe/Paris");
  g_assert_true (services == ef_portal_get_services (portal));

  g_signal_connect (portal, "notify::name", G_CALLBACK (on_notify_cb), &notified);
  g_object_set (portal, "name", "Billère", NULL);
  g_assert_cmpuint (notified, ==, 0);
  g_object_set (portal, "name", "Ville de Billère", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (ef_portal_get_name (portal), ==, "Ville de Billère");
}

static void
test_json_round_trip (void)
{
  g_autoptr (JsonNode) node = ef_json_parse (PORTAL_JSON, -1, NULL);
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (JsonNode) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const EfDeadlinePolicy *policy;

  portal = ef_portal_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portal);

  g_assert_cmpstr (ef_portal_get_id (portal), ==, "7249");
  g_assert_cmpstr (ef_portal_get_name (portal), ==, "Billère");
  g_assert_cmpstr (ef_portal_get_contact (portal), ==, "Mairie : 05 59 00 00 00\nDu lundi au vendredi");
  policy = ef_portal_get_deadline_policy (portal);
  g_assert_cmpuint (policy->days_before, ==, 2);
  g_assert_cmpuint (policy->hour, ==, 10);
  g_assert_cmpuint (policy->minute, ==, 30);
  g_assert_cmpuint (policy->counted_weekdays, ==, EF_WEEKDAYS_MON_TO_FRI & ~EF_WEEKDAY_BIT (3));
  g_assert_true (policy->skip_public_holidays);
  g_assert_false (policy->skip_school_holidays);
  g_assert_cmpuint (g_list_model_get_n_items (ef_portal_get_services (portal)), ==, 2);

  again = ef_portal_to_json (portal);
  text = ef_json_to_string (again, FALSE);
  g_assert_cmpstr (text, ==, PORTAL_JSON);
}

static void
test_json_defaults (void)
{
  g_autoptr (EfPortal) portal = ef_portal_new ("1", "Ville", NULL, NULL);
  g_autoptr (EfService) service = ef_service_new ("s", "Service", NULL);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (EfPortal) parsed = NULL;
  g_autofree char *text = NULL;

  ef_portal_add_service (portal, service);
  node = ef_portal_to_json (portal);
  text = ef_json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"id\":\"1\",\"name\":\"Ville\",\"contact\":\"\",\"time_zone\":\"Europe/Paris\","
                   "\"deadline_policy\":{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1,2,3,4,5],"
                   "\"skip_public_holidays\":false,\"skip_school_holidays\":false},"
                   "\"services\":[{\"id\":\"s\",\"name\":\"Service\",\"description\":\"\"}]}");

  parsed = ef_portal_new_from_json (node, NULL);
  g_assert_nonnull (parsed);
}

/* Replaces the first @from in PORTAL_JSON by @to. */
static JsonNode *
portal_json_with (const char *from,
                  const char *to)
{
  g_autoptr (GString) text = g_string_new (PORTAL_JSON);
  const char *at = strstr (text->str, from);

  g_assert_nonnull (at);
  g_string_erase (text, at - text->str, strlen (from));
  g_string_insert (text, at - text->str, to);

  return ef_json_parse (text->str, -1, NULL);
}

static void
test_json_refused (void)
{
  static const struct {
    const char *from;
    const char *to;
    EfApiError  code;
    const char *in_message;
  } cases[] = {
    { "\"Europe/Paris\"", "\"Mars/Olympus\"", EF_API_ERROR_INVALID_FIELD, "time_zone" },
    { "\"Europe/Paris\"", "\"\"", EF_API_ERROR_INVALID_FIELD, "time_zone" },
    { "\"Europe/Paris\"", "\"/etc/localtime\"", EF_API_ERROR_INVALID_FIELD, "time_zone" },
    { "\"Europe/Paris\"", "1", EF_API_ERROR_INVALID_FIELD, "time_zone" },
    { "{\"id\":\"7249\"", "{\"id\":\"7249\",\"logo\":\"x.png\"", EF_API_ERROR_UNKNOWN_FIELD, "logo" },
    { "{\"id\":\"7249\"", "{\"id\":7249", EF_API_ERROR_INVALID_FIELD, "id" },
    { "{\"id\":\"7249\"", "{\"id\":\"\"", EF_API_ERROR_INVALID_FIELD, "id" },
    { "{\"id\":\"7249\",", "{", EF_API_ERROR_INVALID_FIELD, "id" },
    { "\"name\":\"Billère\"", "\"name\":null", EF_API_ERROR_INVALID_FIELD, "name" },
    { "\"contact\":\"Mairie : 05 59 00 00 00\\nDu lundi au vendredi\"", "\"contact\":null", EF_API_ERROR_INVALID_FIELD, "contact" },
    { "\"services\":[", "\"services\":{\"a\":[", EF_API_ERROR_MALFORMED_JSON, NULL },
    { "\"services\":[{", "\"services\":[true,{", EF_API_ERROR_INVALID_FIELD, "services[0]" },
    { "\"id\":\"education\"", "\"id\":\"education\",\"price\":1", EF_API_ERROR_UNKNOWN_FIELD, "price" },
    { "\"id\":\"petite-enfance\"", "\"id\":\"education\"", EF_API_ERROR_INVALID_FIELD, "education" },
    { "\"description\":\"\"", "\"description\":false", EF_API_ERROR_INVALID_FIELD, "description" },
    { "\"days_before\":2", "\"days_before\":2,\"weeks\":1", EF_API_ERROR_UNKNOWN_FIELD, "weeks" },
    { "\"hour\":10", "\"hour\":25", EF_API_ERROR_INVALID_FIELD, "deadline_policy: " },
    { "\"counted_weekdays\":[1,2,4,5]", "\"counted_weekdays\":[]", EF_API_ERROR_INVALID_FIELD, "counted_weekdays" },
    { "\"deadline_policy\":{", "\"deadline_policy\":[{", EF_API_ERROR_MALFORMED_JSON, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = portal_json_with (cases[i].from, cases[i].to);
      g_autoptr (EfPortal) portal = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("refusing %s → %s", cases[i].from, cases[i].to);
      if (cases[i].code == EF_API_ERROR_MALFORMED_JSON)
        {
          /* The text itself is broken: ef_json_parse() refused it. */
          g_assert_null (node);
          continue;
        }
      g_assert_nonnull (node);
      portal = ef_portal_new_from_json (node, &error);
      g_assert_null (portal);
      g_assert_error (error, EF_API_ERROR, (int) cases[i].code);
      g_test_message ("  %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
}

static void
test_json_wrong_shapes (void)
{
  static const char * const texts[] = {
    "[]", "\"portal\"",
    "{\"id\":\"1\",\"name\":\"V\",\"contact\":\"\",\"time_zone\":\"Europe/Paris\",\"deadline_policy\":[],\"services\":[]}",
    "{\"id\":\"1\",\"name\":\"V\",\"contact\":\"\",\"time_zone\":\"Europe/Paris\",\"deadline_policy\":{},\"services\":[]}",
    "{\"id\":\"1\",\"name\":\"V\",\"contact\":\"\",\"time_zone\":\"Europe/Paris\",\"services\":[]}",
    "{\"id\":\"1\",\"name\":\"V\",\"contact\":\"\",\"time_zone\":\"Europe/Paris\",\"deadline_policy\":{\"days_before\":3,\"hour\":9,\"minute\":0,\"counted_weekdays\":[1],\"skip_public_holidays\":false,\"skip_school_holidays\":false},\"services\":{}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (JsonNode) node = ef_json_parse (texts[i], -1, NULL);
      g_autoptr (EfPortal) portal = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("refusing %s", texts[i]);
      g_assert_nonnull (node);
      portal = ef_portal_new_from_json (node, &error);
      g_assert_null (portal);
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal/new", test_new);
  g_test_add_func ("/portal/json-round-trip", test_json_round_trip);
  g_test_add_func ("/portal/json-defaults", test_json_defaults);
  g_test_add_func ("/portal/json-refused", test_json_refused);
  g_test_add_func ("/portal/json-wrong-shapes", test_json_wrong_shapes);

  return g_test_run ();
}
