/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-family.c: the caller's family, changes of contact fields, and
 * the scope of a family's data on a real server */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ef-test-api.h"

/* A server with the demo family signed in. */
typedef EfTestDemo Fixture;

static const char dupont_family[] =
  "{\"name\": \"Famille Dupont\","
  " \"address\": {\"line1\": \"3 place de la Mairie\", \"postal_code\": \"64140\", \"city\": \"Billère\"},"
  " \"members\": ["
  "  {\"role\": \"responsible\", \"first_name\": \"Jeanne\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"1980-01-02\", \"email\": \"jeanne.dupont@example.org\","
  "   \"phones\": [{\"kind\": \"mobile\", \"number\": \"07 11 22 33 44\"}]},"
  "  {\"role\": \"child\", \"first_name\": \"Paul\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"2017-05-06\","
  "   \"pickup_persons\": [{\"name\": \"Anne Dupont\", \"phone\": \"0559001122\", \"relation\": \"tante\"}]}]}";

static JsonNode *
call (Fixture    *fixture,
      const char *method,
      const char *path,
      const char *body,
      guint      *status)
{
  g_autofree char *full = g_strconcat ("/7249/api/v1", path, NULL);

  return ef_test_api_request (fixture->session, fixture->server, method, full,
                              fixture->token, body, status);
}

static JsonNode *
get_family (Fixture *fixture)
{
  guint status;
  JsonNode *family = call (fixture, "GET", "/family", NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return family;
}

static char *
member_path (JsonObject *member)
{
  return g_strdup_printf ("/members/%" G_GINT64_FORMAT, json_object_get_int_member (member, "id"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The details of an error answer as "field:code" joined with spaces, sorted. */
static char *
details_text (JsonNode *answer)
{
  JsonObject *error = json_object_get_object_member (json_node_get_object (answer), "error");
  JsonArray *details = json_object_get_array_member (error, "details");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonObject *detail = json_array_get_object_element (details, i);

      g_ptr_array_add (items, g_strdup_printf ("%s:%s",
                                               json_object_get_string_member (detail, "field"),
                                               json_object_get_string_member (detail, "code")));
    }
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return g_strjoinv (" ", (char **) items->pdata);
}

static char *
to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
test_family_get (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) family = get_family (fixture);
  JsonObject *object = json_node_get_object (family);
  JsonObject *claire, *lea, *hugo, *address;
  JsonArray *pickups;

  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Famille Martin");
  address = json_object_get_object_member (object, "address");
  g_assert_cmpstr (json_object_get_string_member (address, "postal_code"), ==, "64140");
  g_assert_cmpstr (json_object_get_string_member (address, "city"), ==, "Billère");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "members")), ==, 3);

  claire = ef_test_api_member_named (family, "Claire");
  lea = ef_test_api_member_named (family, "Léa");
  hugo = ef_test_api_member_named (family, "Hugo");
  g_assert_cmpstr (json_object_get_string_member (claire, "role"), ==, "responsible");
  g_assert_cmpstr (json_object_get_string_member (claire, "email"), ==, "parent@example.fr");
  g_assert_cmpstr (json_object_get_string_member (claire, "caf_number"), ==, "1234567");
  g_assert_true (json_object_get_null_member (claire, "address"));
  g_assert_cmpstr (json_object_get_string_member (lea, "role"), ==, "child");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (lea, "birth_date"), "2016-"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (hugo, "birth_date"), "2019-"));
  g_assert_true (json_object_get_null_member (lea, "email"));
  pickups = json_object_get_array_member (lea, "pickup_persons");
  g_assert_cmpuint (json_array_get_length (pickups), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pickups, 0), "relation"),
                   ==, "grand-mère");
}

static void
test_patch_valid (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) family = get_family (fixture);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *path = member_path (ef_test_api_member_named (family, "Léa"));
  g_autofree char *claire_path = member_path (ef_test_api_member_named (family, "Claire"));
  g_autoptr(JsonNode) claire_answer = NULL;
  JsonObject *lea_before = ef_test_api_member_named (family, "Léa");
  JsonArray *pickups_before = json_object_get_array_member (lea_before, "pickup_persons");
  gint64 kept_id = json_object_get_int_member (json_array_get_object_element (pickups_before, 0), "id");
  g_autofree char *body = NULL;
  g_autofree char *answer_text = NULL;
  g_autofree char *lea_text = NULL;
  g_autofree char *phones_text = NULL;
  JsonObject *lea;
  JsonArray *pickups;
  guint status;

  body = g_strdup_printf ("{\"phones\": [{\"kind\": \"home\", \"number\": \"05.59.12.34.56\"},"
                          "             {\"kind\": \"mobile\", \"number\": \"+33 6 01 02 03 04\"}],"
                          " \"address\": {\"line1\": \"4 rue du Lycée\", \"postal_code\": \"64000\", \"city\": \"Pau\"},"
                          " \"email\": \" lea.martin@Example.FR \","
                          " \"caf_number\": \"765 4321\","
                          " \"pickup_persons\": ["
                          "   {\"id\": %" G_GINT64_FORMAT ", \"name\": \"Monique Martin\", \"phone\": \"0698765432\", \"relation\": \"grand-mère\"},"
                          "   {\"name\": \"Sophie Roux\", \"phone\": \"06 22 33 44 55\", \"relation\": \"marraine\"}]}",
                          kept_id);
  answer = call (fixture, "PATCH", path, body, &status);
  g_assert_cmpuint (status, ==, 200);

  again = get_family (fixture);
  lea = ef_test_api_member_named (again, "Léa");
  phones_text = to_text (json_object_get_member (lea, "phones"));
  g_assert_cmpstr (phones_text, ==,
                   "[{\"kind\":\"home\",\"number\":\"05 59 12 34 56\"},{\"kind\":\"mobile\",\"number\":\"06 01 02 03 04\"}]");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (lea, "address"), "city"), ==, "Pau");
  g_assert_cmpstr (json_object_get_string_member (lea, "email"), ==, "lea.martin@example.fr");
  g_assert_cmpstr (json_object_get_string_member (lea, "caf_number"), ==, "7654321");
  g_assert_cmpstr (json_object_get_string_member (lea, "first_name"), ==, "Léa");
  pickups = json_object_get_array_member (lea, "pickup_persons");
  g_assert_cmpuint (json_array_get_length (pickups), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (pickups, 0), "id"), ==, kept_id);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pickups, 1), "name"), ==, "Sophie Roux");
  answer_text = to_text (answer);
  lea_text = to_text (json_object_get_member (json_node_get_object (again), "members") != NULL
                      ? json_array_get_element (json_object_get_array_member (json_node_get_object (again), "members"), 1)
                      : NULL);
  g_assert_cmpstr (answer_text, ==, lea_text);

  /* Back to the family's address, and no e-mail. */
  claire_answer = call (fixture, "PATCH", path, "{\"address\": null, \"email\": null, \"caf_number\": \"\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_get_null_member (json_node_get_object (claire_answer), "address"));
  g_assert_true (json_object_get_null_member (json_node_get_object (claire_answer), "email"));
  g_assert_true (json_object_get_null_member (json_node_get_object (claire_answer), "caf_number"));
}

static void
test_patch_invalid (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) before = get_family (fixture);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *path = member_path (ef_test_api_member_named (before, "Claire"));
  g_autofree char *details = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  guint status;

  answer = call (fixture, "PATCH", path,
                 "{\"phones\": [{\"kind\": \"mobile\", \"number\": \"06 12 34 56 78\"},"
                 "             {\"kind\": \"fax\", \"number\": \"12 34\"}],"
                 " \"address\": {\"line1\": \"1 rue Neuve\", \"postal_code\": \"6414\", \"city\": \"Billère\"},"
                 " \"email\": \"claire@\", \"caf_number\": \"12345678\"}",
                 &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, "validation_failed");
  details = details_text (answer);
  g_assert_cmpstr (details, ==,
                   "address.postal_code:invalid_postal_code caf_number:invalid_caf_number "
                   "email:invalid_email phones[1].kind:invalid_kind phones[1].number:invalid_phone");

  /* Nothing changed. */
  after = get_family (fixture);
  before_text = to_text (before);
  after_text = to_text (after);
  g_assert_cmpstr (before_text, ==, after_text);
}

static void
test_patch_identity (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) before = get_family (fixture);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) malformed = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *path = member_path (ef_test_api_member_named (before, "Hugo"));
  g_autofree char *details = NULL;
  g_autofree char *before_text = to_text (before);
  g_autofree char *after_text = NULL;
  guint status;

  answer = call (fixture, "PATCH", path,
                 "{\"first_name\": \"Hugues\", \"birth_date\": \"2018-01-01\", \"role\": \"responsible\","
                 " \"last_name\": \"X\", \"nickname\": \"Hu\", \"email\": \"hugo@example.fr\"}",
                 &status);
  g_assert_cmpuint (status, ==, 422);
  details = details_text (answer);
  g_assert_cmpstr (details, ==,
                   "birth_date:field_not_editable first_name:field_not_editable "
                   "last_name:field_not_editable nickname:unknown_field role:field_not_editable");

  malformed = call (fixture, "PATCH", path, "{\"email\": ", &status);
  g_assert_cmpuint (status, ==, 400);

  after = get_family (fixture);
  after_text = to_text (after);
  g_assert_cmpstr (before_text, ==, after_text);
}

static void
test_scope (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dupont = NULL;
  g_autoptr(JsonNode) mine = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *mine_text = NULL;
  g_autofree char *dupont_text = NULL;
  g_autofree char *after_text = NULL;
  JsonArray *members;
  JsonObject *paul;
  gint64 foreign_pickup;
  int fd;

  fd = g_file_open_tmp ("ef-family-XXXXXX.json", &file, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (file, dupont_family, -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "family-import", "--db", ef_test_server_get_db_path (fixture->server),
                           "--tenant", "7249", file, NULL };

    g_assert_cmpint (ef_test_server_run_command (argv, &out, &err), ==, 0);
  }
  g_unlink (file);
  dupont = json_from_string (out, &error);
  g_assert_no_error (error);
  dupont_text = to_text (dupont);
  members = json_object_get_array_member (json_node_get_object (dupont), "members");
  paul = json_array_get_object_element (members, 1);
  foreign_pickup = json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (paul, "pickup_persons"), 0), "id");

  /* The family is always the caller's. */
  mine = get_family (fixture);
  mine_text = to_text (mine);
  g_assert_null (strstr (mine_text, "Dupont"));

  /* Another family's members answer like members that do not exist. */
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      g_autofree char *path = member_path (member);
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(JsonNode) missing = NULL;
      g_autofree char *answer_text = NULL;
      g_autofree char *missing_text = NULL;
      guint status;

      answer = call (fixture, "PATCH", path, "{\"email\": \"pirate@example.fr\"}", &status);
      g_assert_cmpuint (status, ==, 404);
      g_assert_cmpstr (ef_test_api_error_code (answer), ==, "not_found");
      answer_text = to_text (answer);
      g_assert_null (strstr (answer_text, "Dupont"));

      missing = call (fixture, "PATCH", "/members/999999", "{\"email\": \"pirate@example.fr\"}", &status);
      g_assert_cmpuint (status, ==, 404);
      g_free (missing_text);
      missing_text = to_text (missing);
      g_assert_cmpstr (missing_text, ==, answer_text);
    }
  {
    g_autoptr(JsonNode) answer = NULL;
    guint status;

    answer = call (fixture, "PATCH", "/members/abc", "{}", &status);
    g_assert_cmpuint (status, ==, 404);
  }

  /* Nor can a pick-up person of another family be taken over by id. */
  {
    g_autofree char *path = member_path (ef_test_api_member_named (mine, "Hugo"));
    g_autofree char *body = g_strdup_printf ("{\"pickup_persons\": [{\"id\": %" G_GINT64_FORMAT ","
                                             " \"name\": \"X\", \"phone\": \"0600000001\", \"relation\": \"y\"}]}",
                                             foreign_pickup);
    g_autoptr(JsonNode) answer = NULL;
    g_autofree char *details = NULL;
    guint status;

    answer = call (fixture, "PATCH", path, body, &status);
    g_assert_cmpuint (status, ==, 422);
    details = details_text (answer);
    g_assert_cmpstr (details, ==, "pickup_persons[0].id:not_found");
  }

  /* The other family is untouched. */
  {
    const char *argv[] = { "family-import", "--db", ef_test_server_get_db_path (fixture->server),
                           "--tenant", "7249", "/nonexistent.json", NULL };
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;

    g_assert_cmpint (ef_test_server_run_command (argv, &out2, &err2), ==, 2);
  }
  after = get_family (fixture);
  after_text = to_text (after);
  g_assert_cmpstr (after_text, ==, mine_text);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, ef_test_demo_set_up, func, ef_test_demo_tear_down)
  ADD ("/family/get", test_family_get);
  ADD ("/family/patch-valid", test_patch_valid);
  ADD ("/family/patch-invalid", test_patch_invalid);
  ADD ("/family/patch-identity", test_patch_identity);
  ADD ("/family/scope", test_scope);
#undef ADD

  return g_test_run ();
}
