/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json-error.c: the JSON helpers and the API error domain */

#include "config.h"

#include "ef-common.h"

static JsonObject *
sample_object (void)
{
  return ef_json_parse_object ("{\"s\": \"text\", \"i\": 3, \"big\": -9007199254740993, \"d\": 3.5,"
                               " \"d0\": 3.0, \"b\": true, \"o\": {\"k\": 1}, \"a\": [1, 2],"
                               " \"n\": null, \"is\": \"3\"}",
                               -1, NULL);
}

static void
test_parse (void)
{
  static const char * const malformed[] = { "{", "", "   ", "{\"a\": }", "[1, 2", "{\"a\": 1} x", "nul" };
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  node = ef_json_parse ("[1, {\"a\": \"é\"}]", -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  text = ef_json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "[1,{\"a\":\"é\"}]");

  /* @length counts. */
  g_clear_pointer (&node, json_node_unref);
  node = ef_json_parse ("[1][garbage", 3, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (JsonNode) none = ef_json_parse (malformed[i], -1, &local_error);

      g_test_message ("refusing “%s”", malformed[i]);
      g_assert_null (none);
      g_assert_error (local_error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON);
    }

  g_assert_null (ef_json_parse ("[\"\xff\"]", -1, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON);
  g_clear_error (&error);

  object = ef_json_parse_object ("{\"a\": 1}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (object, "a"));
  g_assert_null (ef_json_parse_object ("[1]", -1, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON);
}

static void
check_invalid_field (GError     *error,
                     const char *member)
{
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, member));
}

static void
test_getters (void)
{
  g_autoptr (JsonObject) object = sample_object ();
  const char *s = "untouched";
  gint64 i = 42;
  gboolean b = FALSE;
  JsonObject *o = NULL;
  JsonArray *a = NULL;

  g_assert_true (ef_json_get_string (object, "s", FALSE, &s, NULL));
  g_assert_cmpstr (s, ==, "text");
  g_assert_true (ef_json_get_int (object, "i", FALSE, &i, NULL));
  g_assert_cmpint (i, ==, 3);
  g_assert_true (ef_json_get_int (object, "big", FALSE, &i, NULL));
  g_assert_cmpint (i, ==, G_GINT64_CONSTANT (-9007199254740993));
  g_assert_true (ef_json_get_bool (object, "b", FALSE, &b, NULL));
  g_assert_true (b);
  g_assert_true (ef_json_get_object (object, "o", FALSE, &o, NULL));
  g_assert_true (json_object_has_member (o, "k"));
  g_assert_true (ef_json_get_array (object, "a", FALSE, &a, NULL));
  g_assert_cmpuint (json_array_get_length (a), ==, 2);

  /* Missing and optional: TRUE, untouched. */
  s = "untouched";
  i = 42;
  b = FALSE;
  o = NULL;
  a = NULL;
  g_assert_true (ef_json_get_string (object, "missing", TRUE, &s, NULL));
  g_assert_cmpstr (s, ==, "untouched");
  g_assert_true (ef_json_get_int (object, "missing", TRUE, &i, NULL));
  g_assert_cmpint (i, ==, 42);
  g_assert_true (ef_json_get_bool (object, "missing", TRUE, &b, NULL));
  g_assert_false (b);
  g_assert_true (ef_json_get_object (object, "missing", TRUE, &o, NULL));
  g_assert_null (o);
  g_assert_true (ef_json_get_array (object, "missing", TRUE, &a, NULL));
  g_assert_null (a);
}

static void
test_getters_refused (void)
{
  static const char * const not_strings[] = { "i", "d", "b", "o", "a", "n" };
  static const char * const not_ints[] = { "s", "d", "d0", "b", "o", "a", "n", "is" };
  static const char * const not_bools[] = { "s", "i", "d", "o", "a", "n" };
  static const char * const not_objects[] = { "s", "i", "b", "a", "n" };
  static const char * const not_arrays[] = { "s", "i", "b", "o", "n" };
  g_autoptr (JsonObject) object = sample_object ();

  for (guint n = 0; n < G_N_ELEMENTS (not_strings); n++)
    {
      g_autoptr (GError) error = NULL;
      const char *out = NULL;

      g_assert_false (ef_json_get_string (object, not_strings[n], TRUE, &out, &error));
      check_invalid_field (error, not_strings[n]);
      g_assert_null (out);
    }
  for (guint n = 0; n < G_N_ELEMENTS (not_ints); n++)
    {
      g_autoptr (GError) error = NULL;
      gint64 out = 42;

      g_assert_false (ef_json_get_int (object, not_ints[n], FALSE, &out, &error));
      check_invalid_field (error, not_ints[n]);
      g_assert_cmpint (out, ==, 42);
    }
  for (guint n = 0; n < G_N_ELEMENTS (not_bools); n++)
    {
      g_autoptr (GError) error = NULL;
      gboolean out = FALSE;

      g_assert_false (ef_json_get_bool (object, not_bools[n], FALSE, &out, &error));
      check_invalid_field (error, not_bools[n]);
    }
  for (guint n = 0; n < G_N_ELEMENTS (not_objects); n++)
    {
      g_autoptr (GError) error = NULL;
      JsonObject *out = NULL;

      g_assert_false (ef_json_get_object (object, not_objects[n], FALSE, &out, &error));
      check_invalid_field (error, not_objects[n]);
      g_assert_null (out);
    }
  for (guint n = 0; n < G_N_ELEMENTS (not_arrays); n++)
    {
      g_autoptr (GError) error = NULL;
      JsonArray *out = NULL;

      g_assert_false (ef_json_get_array (object, not_arrays[n], FALSE, &out, &error));
      check_invalid_field (error, not_arrays[n]);
      g_assert_null (out);
    }

  /* Missing and required. */
  {
    g_autoptr (GError) error = NULL;
    const char *s;
    gint64 i;
    gboolean b;
    JsonObject *o;
    JsonArray *a;

    g_assert_false (ef_json_get_string (object, "missing", FALSE, &s, &error));
    check_invalid_field (error, "missing");
    g_clear_error (&error);
    g_assert_false (ef_json_get_int (object, "missing", FALSE, &i, &error));
    check_invalid_field (error, "missing");
    g_clear_error (&error);
    g_assert_false (ef_json_get_bool (object, "missing", FALSE, &b, &error));
    check_invalid_field (error, "missing");
    g_clear_error (&error);
    g_assert_false (ef_json_get_object (object, "missing", FALSE, &o, &error));
    check_invalid_field (error, "missing");
    g_clear_error (&error);
    g_assert_false (ef_json_get_array (object, "missing", FALSE, &a, &error));
    check_invalid_field (error, "missing");
  }
}

static void
test_check_members (void)
{
  static const char * const all[] = { "s", "i", "big", "d", "d0", "b", "o", "a", "n", "is", "more", NULL };
  static const char * const some[] = { "s", "i", "big", "d", "d0", "b", "o", "a", "n", NULL };
  static const char * const none[] = { NULL };
  g_autoptr (JsonObject) object = sample_object ();
  g_autoptr (JsonObject) empty = json_object_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (ef_json_check_members (object, all, &error));
  g_assert_no_error (error);
  g_assert_true (ef_json_check_members (empty, none, &error));

  g_assert_false (ef_json_check_members (object, some, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "is"));
  g_clear_error (&error);

  g_assert_false (ef_json_check_members (object, none, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_FIELD);
}

static void
test_error_body (void)
{
  g_autoptr (JsonArray) details = json_array_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonNode) parsed = NULL;
  g_autoptr (JsonArray) read_details = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  json_array_add_string_element (details, "2026-01-12");
  body = ef_json_error_body (EF_API_ERROR_DEADLINE_PASSED, "Trop tard pour le 12 janvier", details);
  text = ef_json_to_string (body, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"error\":{\"code\":\"deadline_passed\",\"message\":\"Trop tard pour le 12 janvier\","
                   "\"details\":[\"2026-01-12\"]}}");

  parsed = ef_json_parse (text, -1, NULL);
  g_assert_true (ef_json_error_from_body (parsed, &error, &read_details));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_DEADLINE_PASSED);
  g_assert_cmpstr (error->message, ==, "Trop tard pour le 12 janvier");
  g_assert_nonnull (read_details);
  g_assert_cmpstr (json_array_get_string_element (read_details, 0), ==, "2026-01-12");
  g_clear_error (&error);
  g_clear_pointer (&read_details, json_array_unref);
  g_clear_pointer (&body, json_node_unref);
  g_clear_pointer (&parsed, json_node_unref);
  g_clear_pointer (&text, g_free);

  /* Without details. */
  body = ef_json_error_body (EF_API_ERROR_NOT_FOUND, "Nothing here", NULL);
  text = ef_json_to_string (body, FALSE);
  g_assert_cmpstr (text, ==, "{\"error\":{\"code\":\"not_found\",\"message\":\"Nothing here\"}}");
  g_assert_true (ef_json_error_from_body (body, &error, &read_details));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND);
  g_assert_null (read_details);
  g_clear_error (&error);

  /* The details are optional for the caller too. */
  g_assert_true (ef_json_error_from_body (body, NULL, NULL));
}

static void
test_error_body_odd (void)
{
  static const char * const not_bodies[] = {
    "[]", "{}", "{\"error\": \"oops\"}", "{\"error\": {\"message\": \"no code\"}}",
    "{\"error\": {\"code\": 3}}", "{\"error\": {\"code\": \"not_found\", \"details\": {}}}",
    "{\"error\": {\"code\": \"not_found\", \"message\": 1}}",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) details = NULL;
  g_autoptr (JsonNode) node = NULL;

  /* A code from a newer server. */
  node = ef_json_parse ("{\"error\": {\"code\": \"brand_new\", \"message\": \"Something new\"}}", -1, NULL);
  g_assert_true (ef_json_error_from_body (node, &error, &details));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INTERNAL);
  g_assert_cmpstr (error->message, ==, "Something new");
  g_clear_error (&error);
  g_clear_pointer (&node, json_node_unref);

  /* No message: the code says it. */
  node = ef_json_parse ("{\"error\": {\"code\": \"rate_limited\"}}", -1, NULL);
  g_assert_true (ef_json_error_from_body (node, &error, NULL));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==, "rate_limited");
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (not_bodies); i++)
    {
      g_autoptr (JsonNode) odd = ef_json_parse (not_bodies[i], -1, NULL);
      g_autoptr (GError) local_error = NULL;
      JsonArray *none = (JsonArray *) 0x1;

      g_test_message ("not an error body: %s", not_bodies[i]);
      g_assert_false (ef_json_error_from_body (odd, &local_error, &none));
      g_assert_error (local_error, EF_API_ERROR, EF_API_ERROR_INTERNAL);
      g_assert_null (none);
    }

  g_assert_false (ef_json_error_from_body (NULL, &error, NULL));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INTERNAL);
}

static void
test_error_strings (void)
{
  static const struct {
    EfApiError  code;
    const char *text;
    guint       status;
  } codes[] = {
    { EF_API_ERROR_INTERNAL, "internal_error", 500 },
    { EF_API_ERROR_BAD_REQUEST, "bad_request", 400 },
    { EF_API_ERROR_MALFORMED_JSON, "malformed_json", 400 },
    { EF_API_ERROR_INVALID_FIELD, "invalid_field", 422 },
    { EF_API_ERROR_UNKNOWN_FIELD, "unknown_field", 422 },
    { EF_API_ERROR_INVALID_DATE, "invalid_date", 422 },
    { EF_API_ERROR_VALIDATION, "validation_failed", 422 },
    { EF_API_ERROR_NOT_FOUND, "not_found", 404 },
    { EF_API_ERROR_UNKNOWN_TENANT, "unknown_tenant", 404 },
    { EF_API_ERROR_METHOD_NOT_ALLOWED, "method_not_allowed", 405 },
    { EF_API_ERROR_UNAUTHORIZED, "unauthorized", 401 },
    { EF_API_ERROR_SESSION_EXPIRED, "session_expired", 401 },
    { EF_API_ERROR_FORBIDDEN, "forbidden", 403 },
    { EF_API_ERROR_ACCOUNT_LOCKED, "account_locked", 423 },
    { EF_API_ERROR_DEADLINE_PASSED, "deadline_passed", 422 },
    { EF_API_ERROR_DAY_CLOSED, "day_closed", 422 },
    { EF_API_ERROR_NOT_ENROLLED, "not_enrolled", 422 },
    { EF_API_ERROR_VERSION_CONFLICT, "version_conflict", 409 },
    { EF_API_ERROR_PAYLOAD_TOO_LARGE, "payload_too_large", 413 },
    { EF_API_ERROR_UNSUPPORTED_MEDIA, "unsupported_media_type", 415 },
    { EF_API_ERROR_RATE_LIMITED, "rate_limited", 429 },
    { EF_API_ERROR_INVALID_CONFIG, "invalid_config", 500 },
  };
  gboolean known = TRUE;

  /* Every code, each once, in order. */
  g_assert_cmpuint (G_N_ELEMENTS (codes), ==, EF_API_ERROR_LAST + 1);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      known = FALSE;
      g_assert_cmpint (codes[i].code, ==, i);
      g_assert_cmpstr (ef_api_error_to_string (codes[i].code), ==, codes[i].text);
      g_assert_cmpint (ef_api_error_from_string (codes[i].text, &known), ==, codes[i].code);
      g_assert_true (known);
      g_assert_cmpuint (ef_api_error_http_status (codes[i].code), ==, codes[i].status);
    }

  g_assert_cmpint (ef_api_error_from_string ("no_such_code", &known), ==, EF_API_ERROR_INTERNAL);
  g_assert_false (known);
  known = TRUE;
  g_assert_cmpint (ef_api_error_from_string (NULL, &known), ==, EF_API_ERROR_INTERNAL);
  g_assert_false (known);
  g_assert_cmpint (ef_api_error_from_string ("NOT_FOUND", NULL), ==, EF_API_ERROR_INTERNAL);
  g_assert_cmpstr (ef_api_error_to_string ((EfApiError) 1000), ==, "internal_error");
  g_assert_cmpuint (ef_api_error_http_status ((EfApiError) -1), ==, 500);
  g_assert_cmpstr (g_quark_to_string (EF_API_ERROR), ==, "ef-api-error-quark");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/parse", test_parse);
  g_test_add_func ("/json/getters", test_getters);
  g_test_add_func ("/json/getters-refused", test_getters_refused);
  g_test_add_func ("/json/check-members", test_check_members);
  g_test_add_func ("/json/error-body", test_error_body);
  g_test_add_func ("/json/error-body-odd", test_error_body_odd);
  g_test_add_func ("/error/strings", test_error_strings);

  return g_test_run ();
}
