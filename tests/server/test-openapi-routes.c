/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-openapi-routes.c: docs/openapi.yaml documents exactly the server's routes */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-test-server.h"

static const char * const http_methods[] = {
  "get", "put", "post", "delete", "options", "head", "patch", "trace",
};

static gboolean
is_http_method (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (http_methods); i++)
    if (strcmp (key, http_methods[i]) == 0)
      return TRUE;
  return FALSE;
}

static guint
indent_of (const char *line)
{
  guint n = 0;

  while (line[n] == ' ')
    n++;
  return n;
}

/* The key of a "key:" or "key: value" mapping line, unquoted; NULL if the
 * line is not a mapping key. */
static char *
mapping_key (const char *line)
{
  g_autofree char *key = NULL;
  const char *text = line + indent_of (line);
  const char *colon;

  if (*text == '\0' || *text == '#' || *text == '-')
    return NULL;

  if (*text == '\'' || *text == '"')
    {
      const char *end = strchr (text + 1, *text);

      if (end == NULL || end[1] != ':')
        return NULL;
      return g_strndup (text + 1, end - text - 1);
    }

  /* The first ": " or a ":" at the end; path keys hold no ": ". */
  colon = strstr (text, ": ");
  if (colon == NULL)
    colon = g_str_has_suffix (text, ":") ? text + strlen (text) - 1 : NULL;
  if (colon == NULL)
    return NULL;
  key = g_strndup (text, colon - text);
  return g_strstrip (g_steal_pointer (&key));
}

/* "METHOD /path" for each operation under `paths:`, whose path keys are at
 * two spaces and operation keys at four (the layout of our document). */
static GPtrArray *
parse_openapi_operations (const char *document)
{
  g_autoptr(GPtrArray) operations = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (document, "\n", -1);
  g_autofree char *path = NULL;
  gboolean in_paths = FALSE;
  gboolean seen_paths = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *key = NULL;
      guint indent;

      g_strchomp (lines[i]);
      if (*line == '\0' || line[indent_of (line)] == '#')
        continue;
      g_assert_null (strchr (line, '\t'));

      indent = indent_of (line);
      if (indent == 0)
        {
          in_paths = g_str_equal (line, "paths:");
          seen_paths |= in_paths;
          g_clear_pointer (&path, g_free);
          continue;
        }
      if (!in_paths)
        continue;

      key = mapping_key (line);
      if (indent == 2)
        {
          g_assert_nonnull (key);
          g_assert_true (key[0] == '/');
          g_free (path);
          path = g_steal_pointer (&key);
        }
      else if (indent == 4 && key != NULL && is_http_method (key))
        {
          g_autofree char *method = g_ascii_strup (key, -1);

          g_assert_nonnull (path);
          g_ptr_array_add (operations, g_strdup_printf ("%s %s", method, path));
        }
    }

  g_assert_true (seen_paths);
  return g_steal_pointer (&operations);
}

static GPtrArray *
server_routes (void)
{
  const char *argv[] = { "routes", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *routes = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (ef_test_server_run_command (argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (routes, g_strdup (lines[i]));
  return routes;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *strings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_ptr_array_sort (strings, compare_strings);
  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (strings, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_parser (void)
{
  const char *document =
    "openapi: 3.1.0\n"
    "paths:\n"
    "  # a comment\n"
    "  /{tenant}/api/v1/a:\n"
    "    parameters:\n"
    "      - $ref: '#/x'\n"
    "    get:\n"
    "      summary: get: it\n"
    "      responses:\n"
    "        post: {}\n"
    "    post:\n"
    "  '/{tenant}/api/v1/b':\n"
    "    delete:\n"
    "components:\n"
    "  schemas:\n"
    "    /not/a/path:\n"
    "      get:\n";
  g_autoptr(GPtrArray) operations = parse_openapi_operations (document);
  g_autofree char *joined = join_sorted (operations);

  g_assert_cmpstr (joined, ==,
                   "DELETE /{tenant}/api/v1/b\n"
                   "GET /{tenant}/api/v1/a\n"
                   "POST /{tenant}/api/v1/a\n");
}

static void
test_routes_match (void)
{
  const char *root = g_getenv ("EF_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *document = NULL;
  g_autofree char *documented = NULL;
  g_autofree char *served = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(GPtrArray) routes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (root);
  path = g_build_filename (root, "docs", "openapi.yaml", NULL);
  g_file_get_contents (path, &document, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (document, "openapi: 3.1.") || strstr (document, "\nopenapi: 3.1.") != NULL);

  operations = parse_openapi_operations (document);
  routes = server_routes ();
  g_assert_cmpuint (routes->len, >, 0);

  documented = join_sorted (operations);
  served = join_sorted (routes);
  g_assert_cmpstr (documented, ==, served);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/openapi/parser", test_parser);
  g_test_add_func ("/openapi/routes-match", test_routes_match);

  return g_test_run ();
}
