/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json-error.c: the JSON helpers and the API error domain */

#define G_LOG_DOMAIN "EfTestUnit"

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

/* Refused with EF_API_ERROR_MALFORMED_JSON, and a message naming the byte
 * offset of the problem and the problem. */
static void
check_refused (const char *text,
               gssize      length,
               gsize       offset,
               const char *problem)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *head = g_strndup (text, 72);
  g_autofree char *shown = g_strescape (head, NULL);

  /* The head of long texts only: a TAP line has to stay readable. */
  g_test_message ("refusing “%s”%s", shown, strlen (text) > 72 ? "…" : "");
  node = ef_json_parse (text, length, &error);
  g_assert_null (node);
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON);
  expected = g_strdup_printf ("Malformed JSON at byte %zu: %s", offset, problem);
  g_assert_cmpstr (error->message, ==, expected);
}

#define UNEXPECTED   "unexpected character"
#define EARLY_END    "the text ends too early"
#define TOO_DEEP     "the values are nested too deeply"
#define TOO_LARGE    "a number is too large"
#define BAD_NUMBER   "a number is not written as JSON requires"
#define BAD_STRING   "a string holds a control character or a wrong escape"
#define TWICE        "a member name appears twice"

static const struct {
  const char *text;
  gsize       offset;
  const char *problem;
} refused[] = {
  /* Integers beyond gint64: json-glib wraps them. */
  { "{\"a\":99999999999999999999}", 5, TOO_LARGE },
  { "[9223372036854775808]", 1, TOO_LARGE },
  { "[-9223372036854775809]", 1, TOO_LARGE },
  { "[18446744073709551615]", 1, TOO_LARGE },
  { "[100000000000000000000000000000]", 1, TOO_LARGE },
  /* Doubles beyond the range: json-glib makes them infinite. */
  { "[1e400]", 1, TOO_LARGE },
  { "[-1e400]", 1, TOO_LARGE },
  { "[1.7976931348623159e308]", 1, TOO_LARGE },
  { "[0.2e310]", 1, TOO_LARGE },
  { "[1e99999999999999999999999]", 1, TOO_LARGE },
  /* The number grammar of RFC 8259, nothing more. */
  { "[0x10]", 2, UNEXPECTED },
  { "[01]", 1, BAD_NUMBER },
  { "[-01]", 1, BAD_NUMBER },
  { "[00]", 1, BAD_NUMBER },
  { "[.5]", 1, UNEXPECTED },
  { "[5.]", 1, BAD_NUMBER },
  { "[5.e3]", 1, BAD_NUMBER },
  { "[1e]", 1, BAD_NUMBER },
  { "[1e+]", 1, BAD_NUMBER },
  { "[1.5E-]", 1, BAD_NUMBER },
  { "[+1]", 1, UNEXPECTED },
  { "[-]", 1, BAD_NUMBER },
  { "[- 1]", 1, BAD_NUMBER },
  { "[--1]", 1, BAD_NUMBER },
  { "[1 2]", 3, UNEXPECTED },
  { "[NaN]", 1, UNEXPECTED },
  { "[Infinity]", 1, UNEXPECTED },
  { "[-Infinity]", 1, BAD_NUMBER },
  { "-", 1, EARLY_END },
  /* Literals: true, false and null, as they are. */
  { "[True]", 1, UNEXPECTED },
  { "[nul]", 1, UNEXPECTED },
  { "[undefined]", 1, UNEXPECTED },
  { "[truex]", 5, UNEXPECTED },
  { "nul", 0, UNEXPECTED },
  /* Strings: double quotes, the escapes of the RFC, no control character. */
  { "['a']", 1, UNEXPECTED },
  { "{'a': 1}", 1, UNEXPECTED },
  { "{a: 1}", 1, UNEXPECTED },
  { "[\"\\u0000x\"]", 2, BAD_STRING },
  { "[\"\\ud800\"]", 2, BAD_STRING },
  { "[\"ab\\udc00\"]", 4, BAD_STRING },
  { "[\"\\ud800\\u0041\"]", 2, BAD_STRING },
  { "[\"\\ud800x\"]", 2, BAD_STRING },
  { "[\"\\udbff\\udbff\"]", 2, BAD_STRING },
  { "[\"\\ude00\\ud83d\"]", 2, BAD_STRING },
  { "{\"\\ud800\": 1}", 2, BAD_STRING },
  { "[\"\\x41\"]", 2, BAD_STRING },
  { "[\"\\a\"]", 2, BAD_STRING },
  { "[\"\\'\"]", 2, BAD_STRING },
  { "[\"\\U0041\"]", 2, BAD_STRING },
  { "[\"\\u12\"]", 2, BAD_STRING },
  { "[\"\\u12G4\"]", 2, BAD_STRING },
  { "[\"a\tb\"]", 3, BAD_STRING },
  { "[\"a\nb\"]", 3, BAD_STRING },
  { "[\"\x01\"]", 2, BAD_STRING },
  { "[\"\x1f\"]", 2, BAD_STRING },
  { "[\"abc", 5, EARLY_END },
  { "[\"abc\\", 6, EARLY_END },
  /* No comments. */
  { "[1 /* c */]", 3, UNEXPECTED },
  { "// c\n[1]", 0, UNEXPECTED },
  { "[1] # c", 4, UNEXPECTED },
  /* Commas between values, and only there. */
  { "[1,]", 3, UNEXPECTED },
  { "{\"a\":1,}", 7, UNEXPECTED },
  { "[,1]", 1, UNEXPECTED },
  { "[1,,2]", 3, UNEXPECTED },
  { "{,}", 1, UNEXPECTED },
  { "{\"a\" 1}", 5, UNEXPECTED },
  { "{\"a\":1 \"b\":2}", 7, UNEXPECTED },
  { "{1:2}", 1, UNEXPECTED },
  { "[1}", 2, UNEXPECTED },
  { "{\"a\":1]", 6, UNEXPECTED },
  { "[1", 2, EARLY_END },
  { "{\"a\"", 4, EARLY_END },
  { "{\"a\":", 5, EARLY_END },
  { "{", 1, EARLY_END },
  { "{\"a\": }", 6, UNEXPECTED },
  /* One value, only whitespace around it. */
  { "[] []", 3, UNEXPECTED },
  { "1 2", 2, UNEXPECTED },
  { "{\"a\": 1} x", 9, UNEXPECTED },
  { "\f[1]", 0, UNEXPECTED },
  { "[1]\v", 3, UNEXPECTED },
  { "\xc2\xa0[1]", 0, UNEXPECTED },
  { "\xef\xbb\xbf[1]", 0, UNEXPECTED },
  { "[1]\x7f", 3, UNEXPECTED },
  /* A member name at most once in an object, compared once decoded. */
  { "{\"a\":1,\"a\":2}", 7, TWICE },
  { "{\"a\":1,\"\\u0061\":2}", 7, TWICE },
  { "{\"\\u0061\":1,\"a\":2}", 12, TWICE },
  { "{\"é\":1,\"\\u00e9\":2}", 8, TWICE },
  { "{\"\\u00E9\":1,\"\\u00e9\":2}", 12, TWICE },
  { "{\"/\":1,\"\\/\":2}", 7, TWICE },
  { "{\"😀\":1,\"\\ud83d\\ude00\":2}", 10, TWICE },
  { "{\"a\":{\"b\":1,\"b\":2}}", 12, TWICE },
  { "{\"a\":[1],\"b\":{},\"a\":null}", 16, TWICE },
  /* The text itself: UTF-8. */
  { "[\"\xff\"]", 2, "the text is not valid UTF-8" },
  { "[\"\xc0\xaf\"]", 2, "the text is not valid UTF-8" },
  { "[\"\xed\xa0\x80\"]", 2, "the text is not valid UTF-8" },
};

static const struct {
  const char *text;
  const char *written;  /* by ef_json_to_string() */
} accepted[] = {
  { "-0", "0" },
  { "[-0, 0, -0.0, 0.0, 0e5, 0.000e-99999999999999999]", "[0,0,-0.0,0.0,0.0,0.0]" },
  { "[1E5, 1e5, 1E+2, 1e-2, -1.5e3]", "[100000.0,100000.0,100.0,0.01,-1500.0]" },
  { "[9223372036854775807, -9223372036854775808]", "[9223372036854775807,-9223372036854775808]" },
  { "[1e-400, 1.7976931348623157e308]", "[0.0,1.7976931348623157e+308]" },
  { "[123456789012345678901234567890.5]", "[1.2345678901234568e+29]" },
  { "[true, false, null]", "[true,false,null]" },
  { "\"text\"", "\"text\"" },
  { "17", "17" },
  { " \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n2 \t\r\n} \t\r\n] \t\r\n",
    "[1,{\"a\":2}]" },
  { "[\"\\ud83d\\ude00\", \"\\uD83D\\uDE00\", \"😀\"]", "[\"😀\",\"😀\",\"😀\"]" },
  { "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u20ac\\u0001\\u001f\"]",
    "[\"\\\"\\\\/\\b\\f\\n\\r\\tAé€\\u0001\\u001f\"]" },
  { "[\"\x7f\", \"\xef\xbb\xbf\"]", "[\"\\u007f\",\"\xef\xbb\xbf\"]" },
  { "[{}, [], {\"\":[]}]", "[{},[],{\"\":[]}]" },
  /* The same name in two objects, or differing only in its escapes'
   * meaning. */
  { "[{\"a\":1},{\"a\":1}]", "[{\"a\":1},{\"a\":1}]" },
  { "{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}", "{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}" },
  { "{\"a\":1,\"A\":2,\"a \":3,\"\\u0062\":4}", "{\"a\":1,\"A\":2,\"a \":3,\"b\":4}" },
  /* FNV-1a gives these two the same 32-bit hash. */
  { "{\"glbvs\":1,\"yacxa\":2}", "{\"glbvs\":1,\"yacxa\":2}" },
};

static void
test_parse_strict (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    check_refused (refused[i].text, -1, refused[i].offset, refused[i].problem);

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;
      g_autofree char *written = NULL;
      g_autofree char *shown = g_strescape (accepted[i].text, NULL);

      g_test_message ("accepting “%s”", shown);
      node = ef_json_parse (accepted[i].text, -1, &error);
      g_assert_no_error (error);
      written = ef_json_to_string (node, FALSE);
      g_assert_cmpstr (written, ==, accepted[i].written);
    }
}

static void
test_parse_values (void)
{
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *member;
  const char *text = NULL;
  gint64 number = 0;

  object = ef_json_parse_object ("{\"zero\": -0, \"exp\": 1E5, \"max\": 9223372036854775807,"
                                 " \"min\": -9223372036854775808, \"smile\": \"\\ud83d\\ude00\","
                                 " \"control\": \"a\\u0001b\", \"edge\": 10e307}",
                                 -1, &error);
  g_assert_no_error (error);

  g_assert_true (ef_json_get_int (object, "zero", FALSE, &number, &error));
  g_assert_cmpint (number, ==, 0);
  /* With an exponent, a number is a double, even when it is whole. */
  g_assert_false (ef_json_get_int (object, "exp", FALSE, &number, &error));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  member = json_object_get_member (object, "exp");
  g_assert_cmpint (json_node_get_value_type (member), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (member), ==, 100000.0);
  g_assert_true (ef_json_get_int (object, "max", FALSE, &number, &error));
  g_assert_cmpint (number, ==, G_MAXINT64);
  g_assert_true (ef_json_get_int (object, "min", FALSE, &number, &error));
  g_assert_cmpint (number, ==, G_MININT64);
  g_assert_true (ef_json_get_string (object, "smile", FALSE, &text, &error));
  g_assert_cmpstr (text, ==, "\xf0\x9f\x98\x80");
  g_assert_true (ef_json_get_string (object, "control", FALSE, &text, &error));
  g_assert_cmpmem (text, strlen (text), "a\x01" "b", 3);
  member = json_object_get_member (object, "edge");
  g_assert_cmpfloat (json_node_get_double (member), ==, 1e308);
}

static void
test_parse_length (void)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *exact = NULL;

  /* The bytes after @length are never read: a number may end the text. */
  node = ef_json_parse ("12345", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (node), ==, 123);
  g_clear_pointer (&node, json_node_unref);

  node = ef_json_parse ("1.5e30000", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_node_get_double (node), ==, 1500.0);
  g_clear_pointer (&node, json_node_unref);

  /* At the edge of the doubles, the number is read again from a copy. */
  exact = g_strdup ("1.7976931348623157e308");
  node = ef_json_parse (exact, strlen (exact), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_node_get_double (node), ==, G_MAXDOUBLE);
  g_clear_pointer (&node, json_node_unref);
  check_refused ("1.7976931348623159e308", 22, 0, TOO_LARGE);
  check_refused ("1.7976931348623159e3080", 22, 0, TOO_LARGE);

  check_refused ("[1, 2]", 5, 5, EARLY_END);
  check_refused ("\"abc\"", 4, 4, EARLY_END);
  check_refused ("tru", 3, 0, UNEXPECTED);
  check_refused ("\"\\ud83d\\ude00\"", 9, 1, BAD_STRING);
  check_refused ("\"\\u00", 5, 1, BAD_STRING);
}

/* Nested arrays and objects, @depth deep. */
static char *
nested (guint    depth,
        gboolean objects,
        gboolean closed)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, objects ? "{\"a\":" : "[");
  g_string_append (text, "1");
  for (guint i = 0; closed && i < depth; i++)
    g_string_append_c (text, objects ? '}' : ']');

  return g_string_free (text, FALSE);
}

static void
test_parse_depth (void)
{
  g_autofree char *arrays_ok = nested (EF_JSON_MAX_DEPTH, FALSE, TRUE);
  g_autofree char *objects_ok = nested (EF_JSON_MAX_DEPTH, TRUE, TRUE);
  g_autofree char *arrays_inside = nested (EF_JSON_MAX_DEPTH - 1, FALSE, TRUE);
  g_autofree char *objects_inside = nested (EF_JSON_MAX_DEPTH - 1, TRUE, TRUE);
  g_autofree char *arrays_deep = nested (EF_JSON_MAX_DEPTH + 1, FALSE, TRUE);
  g_autofree char *objects_deep = nested (EF_JSON_MAX_DEPTH + 1, TRUE, TRUE);
  g_autofree char *far_too_deep = nested (100000, FALSE, FALSE);
  g_autofree char *far_too_deep_objects = nested (100000, TRUE, TRUE);
  g_autoptr (GString) mixed = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  g_assert_cmpint (EF_JSON_MAX_DEPTH, ==, 64);

  node = ef_json_parse (arrays_ok, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  node = ef_json_parse (objects_ok, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  check_refused (arrays_deep, -1, EF_JSON_MAX_DEPTH, TOO_DEEP);
  check_refused (objects_deep, -1, EF_JSON_MAX_DEPTH * 5, TOO_DEEP);

  /* json-glib alone overflows the stack on these (it recurses per level). */
  check_refused (far_too_deep, -1, EF_JSON_MAX_DEPTH, TOO_DEEP);
  check_refused (far_too_deep_objects, -1, EF_JSON_MAX_DEPTH * 5, TOO_DEEP);

  /* Depth is that of the open containers, not of everything seen. */
  g_string_append_c (mixed, '[');
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (mixed, "%s,%s,", arrays_inside, objects_inside);
  g_string_append (mixed, "{}]");
  node = ef_json_parse (mixed->str, mixed->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2001);
}

/* Past a few members, names are looked up in a hash table: the same
 * answers with many members, colliding hashes and escapes. */
static void
test_parse_many_members (void)
{
  g_autoptr (GString) text = g_string_new ("{");
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *last = NULL;
  gsize offset;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "\"m%u\":%u,", i, i);
  g_string_append (text, "\"glbvs\":1,\"yacxa\":2,\"\\u00e9\":3,\"inner\":{\"m1\":1,\"m999\":2}}");
  object = ef_json_parse_object (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (object), ==, 1004);

  /* Each kind of duplicate, last. */
  g_string_truncate (text, text->len - 1);
  offset = text->len + 1;
  last = g_strdup_printf ("%s,\"m500\":0}", text->str);
  check_refused (last, -1, offset, TWICE);
  g_clear_pointer (&last, g_free);
  last = g_strdup_printf ("%s,\"\\u006d\\u0035\\u0030\\u0030\":0}", text->str);
  check_refused (last, -1, offset, TWICE);
  g_clear_pointer (&last, g_free);
  last = g_strdup_printf ("%s,\"yacxa\":0}", text->str);
  check_refused (last, -1, offset, TWICE);
  g_clear_pointer (&last, g_free);
  last = g_strdup_printf ("%s,\"glbvs\":0}", text->str);
  check_refused (last, -1, offset, TWICE);
  g_clear_pointer (&last, g_free);
  last = g_strdup_printf ("%s,\"é\":0}", text->str);
  check_refused (last, -1, offset, TWICE);
  g_clear_pointer (&last, g_free);
  last = g_strdup_printf ("%s,\"inner\":0}", text->str);
  check_refused (last, -1, offset, TWICE);
}

static void
test_parse_empty (void)
{
  static const char * const empty[] = { "", " ", " \t\r\n ", " [1]" };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr (GError) error = NULL;

      /* The last one has a value, but not within its length. */
      g_assert_null (ef_json_parse (empty[i], i < 3 ? -1 : 1, &error));
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON);
      g_assert_cmpstr (error->message, ==, "Malformed JSON: the text is empty");
    }
}

/* What ef_json_to_string() writes, ef_json_parse() reads back: json-glib
 * 1.6 alone writes U+001F as it is and 1e20 as "1e+20.0". */
static void
test_to_string_strict (void)
{
  g_autoptr (JsonArray) array = json_array_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pretty = NULL;

  json_array_add_string_element (array, "\x1f \x01 e+20.0 1e+20.0");
  json_array_add_double_element (array, 1e20);
  json_array_add_double_element (array, -1e308);
  json_array_add_double_element (array, 1e-5);
  json_array_add_double_element (array, 1.5);
  json_array_add_double_element (array, 100.0);
  json_array_add_int_element (array, -7);
  json_array_add_boolean_element (array, TRUE);
  node = json_node_init_array (json_node_alloc (), array);

  text = ef_json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "[\"\\u001f \\u0001 e+20.0 1e+20.0\",1e+20,-1e+308,1.0000000000000001e-05,"
                   "1.5,100.0,-7,true]");
  again = ef_json_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, again));
  g_clear_pointer (&again, json_node_unref);

  pretty = ef_json_to_string (node, TRUE);
  again = ef_json_parse (pretty, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (node, again));
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
  g_clear_pointer (&body, json_node_unref);
  g_clear_pointer (&text, g_free);

  /* A full disk's answer, as the server writes it and a client reads it. */
  body = ef_json_error_body (EF_API_ERROR_STORAGE_FULL,
                             "The server's storage is full: nothing was saved; try again later", NULL);
  text = ef_json_to_string (body, FALSE);
  g_assert_cmpstr (text, ==, "{\"error\":{\"code\":\"storage_full\",\"message\":"
                   "\"The server's storage is full: nothing was saved; try again later\"}}");
  g_clear_pointer (&parsed, json_node_unref);
  parsed = ef_json_parse (text, -1, NULL);
  g_assert_true (ef_json_error_from_body (parsed, &error, NULL));
  g_assert_error (error, EF_API_ERROR, EF_API_ERROR_STORAGE_FULL);
  g_assert_cmpuint (ef_api_error_http_status (error->code), ==, 507);
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
    { EF_API_ERROR_INVOICE_NOT_PAYABLE, "invoice_not_payable", 422 },
    { EF_API_ERROR_PAYMENT_IN_PROGRESS, "payment_in_progress", 409 },
    { EF_API_ERROR_PAYMENT_UNAVAILABLE, "payment_unavailable", 503 },
    { EF_API_ERROR_URI_TOO_LONG, "uri_too_long", 414 },
    { EF_API_ERROR_HEADERS_TOO_LARGE, "headers_too_large", 431 },
    { EF_API_ERROR_STORAGE_FULL, "storage_full", 507 },
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
  g_test_add_func ("/json/parse-strict", test_parse_strict);
  g_test_add_func ("/json/parse-values", test_parse_values);
  g_test_add_func ("/json/parse-length", test_parse_length);
  g_test_add_func ("/json/parse-depth", test_parse_depth);
  g_test_add_func ("/json/parse-many-members", test_parse_many_members);
  g_test_add_func ("/json/parse-empty", test_parse_empty);
  g_test_add_func ("/json/to-string-strict", test_to_string_strict);
  g_test_add_func ("/json/getters", test_getters);
  g_test_add_func ("/json/getters-refused", test_getters_refused);
  g_test_add_func ("/json/check-members", test_check_members);
  g_test_add_func ("/json/error-body", test_error_body);
  g_test_add_func ("/json/error-body-odd", test_error_body_odd);
  g_test_add_func ("/error/strings", test_error_strings);

  return g_test_run ();
}
