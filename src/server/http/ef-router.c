/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-router.c: method + path template → handler */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "ef-http.h"
#include "ef-router.h"

typedef struct
{
  char           *method;
  char           *pattern;
  GStrv           segments;   /* "{name}" or a literal, without the leading "" */
  GStrv           names;      /* for each segment, a parameter's name or "" */
  guint           n_segments;
  EfRouteHandler  handler;
  gpointer        user_data;
} Route;

struct _EfRouter
{
  GPtrArray *routes;
};

/* Where ef_router_dispatch() leaves the matched route on the message. */
#define ROUTE_PATTERN_KEY "ef-router-pattern"
#define ROUTE_PARAMS_KEY "ef-router-params"

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->method);
  g_free (route->pattern);
  g_strfreev (route->segments);
  g_strfreev (route->names);
  g_free (route);
}

static gboolean
segment_is_param (const char *segment)
{
  gsize len = strlen (segment);

  return len > 2 && segment[0] == '{' && segment[len - 1] == '}';
}

static gboolean
pattern_is_valid (const char *pattern)
{
  g_auto(GStrv) segments = NULL;

  if (pattern[0] != '/')
    return FALSE;
  if (strcmp (pattern, "/") == 0)
    return TRUE;

  segments = g_strsplit (pattern + 1, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *s = segments[i];

      if (*s == '\0')
        return FALSE;
      if ((strchr (s, '{') != NULL || strchr (s, '}') != NULL) && !segment_is_param (s))
        return FALSE;
    }
  return TRUE;
}

/* Splits a raw path into its segments, or NULL when it cannot match any
 * route (relative, empty segment, trailing slash). One block, freed with
 * g_free(): the NULL-terminated pointers, then the segments they point
 * to. */
static char **
split_path (const char *raw_path,
            guint      *n_segments)
{
  gsize n = 1, length;
  char **segments;
  char *text;

  if (raw_path == NULL || raw_path[0] != '/')
    return NULL;
  *n_segments = 0;
  if (strcmp (raw_path, "/") == 0)
    return g_new0 (char *, 1);

  length = strlen (raw_path + 1);
  for (const char *c = raw_path + 1; *c != '\0'; c++)
    n += *c == '/';
  segments = g_malloc ((n + 1) * sizeof (char *) + length + 1);
  text = (char *) (segments + n + 1);
  memcpy (text, raw_path + 1, length + 1);
  for (gsize i = 0; i < n; i++)
    {
      char *slash = strchr (text, '/');

      if (slash != NULL)
        *slash = '\0';
      if (text[0] == '\0')
        {
          g_free (segments);
          return NULL;
        }
      segments[i] = text;
      text = slash != NULL ? slash + 1 : NULL;
    }
  segments[n] = NULL;
  *n_segments = (guint) n;
  return segments;
}

/* A percent-decoded segment, or NULL if it holds an encoded "/", a NUL or
 * invalid UTF-8. */
static char *
decode_segment (const char *segment)
{
  g_autoptr(GBytes) bytes = NULL;
  gconstpointer data;
  gsize len;

  /* Nothing escaped: the segment itself (split_path() leaves none empty). */
  if (strchr (segment, '%') == NULL)
    return g_utf8_validate (segment, -1, NULL) ? g_strdup (segment) : NULL;

  bytes = g_uri_unescape_bytes (segment, -1, "/", NULL);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (len == 0 || memchr (data, '\0', len) != NULL || !g_utf8_validate (data, len, NULL))
    return NULL;
  return g_strndup (data, len);
}

/* Whether @segments have the shape of @route: its words in their places
 * and as many segments. Allocates nothing: most routes are ruled out here. */
static gboolean
route_has_shape (Route              *route,
                 const char * const *segments)
{
  guint i;

  for (i = 0; route->segments[i] != NULL && segments[i] != NULL; i++)
    if (route->names[i][0] == '\0' && strcmp (route->segments[i], segments[i]) != 0)
      return FALSE;
  return route->segments[i] == NULL && segments[i] == NULL;
}

static GHashTable *
match_segments (Route              *route,
                const char * const *segments,
                guint               n_segments)
{
  g_autoptr(GHashTable) params = NULL;
  guint i;

  if (route->n_segments != n_segments || !route_has_shape (route, segments))
    return NULL;

  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Its shape checked: only the parameters are left to read. */
  for (i = 0; route->segments[i] != NULL; i++)
    {
      const char *name = route->names[i];

      if (name[0] != '\0')
        {
          char *value = decode_segment (segments[i]);

          if (value == NULL)
            return NULL;
          g_hash_table_insert (params, g_strdup (name), value);
        }
    }

  return g_steal_pointer (&params);
}

EfRouter *
ef_router_new (void)
{
  EfRouter *self = g_new0 (EfRouter, 1);

  self->routes = g_ptr_array_new_with_free_func (route_free);
  return self;
}

void
ef_router_free (EfRouter *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->routes);
  g_free (self);
}

void
ef_router_add (EfRouter       *self,
               const char     *method,
               const char     *pattern,
               EfRouteHandler  handler,
               gpointer        user_data)
{
  Route *route;

  g_return_if_fail (self != NULL);
  g_return_if_fail (method != NULL && *method != '\0');
  g_return_if_fail (pattern != NULL && pattern_is_valid (pattern));
  g_return_if_fail (handler != NULL);

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *other = g_ptr_array_index (self->routes, i);

      if (strcmp (other->method, method) == 0 && strcmp (other->pattern, pattern) == 0)
        {
          g_critical ("Route %s %s registered twice", method, pattern);
          return;
        }
    }

  route = g_new0 (Route, 1);
  route->method = g_strdup (method);
  route->pattern = g_strdup (pattern);
  route->segments = strcmp (pattern, "/") == 0 ? g_new0 (char *, 1)
                                               : g_strsplit (pattern + 1, "/", -1);
  route->n_segments = g_strv_length (route->segments);
  route->names = g_new0 (char *, route->n_segments + 1);
  for (guint i = 0; route->segments[i] != NULL; i++)
    {
      const char *segment = route->segments[i];

      route->names[i] = segment_is_param (segment) ? g_strndup (segment + 1, strlen (segment) - 2)
                                                   : g_strdup ("");
    }
  route->handler = handler;
  route->user_data = user_data;
  g_ptr_array_add (self->routes, route);
}

static EfRouteResult
find_route (EfRouter     *self,
            const char   *method,
            const char   *raw_path,
            Route       **matched,
            GHashTable  **params,
            char        **allow)
{
  g_autofree char **segments = NULL;
  g_autoptr(GPtrArray) allowed = NULL;
  const char *lookup_method;
  guint n_segments = 0;

  segments = split_path (raw_path, &n_segments);
  if (segments == NULL)
    return EF_ROUTE_NOT_FOUND;

  lookup_method = strcmp (method, "HEAD") == 0 ? "GET" : method;

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);
      g_autoptr(GHashTable) found = match_segments (route, (const char * const *) segments,
                                                    n_segments);

      if (found == NULL)
        continue;

      if (strcmp (route->method, lookup_method) == 0)
        {
          *matched = route;
          if (params != NULL)
            *params = g_steal_pointer (&found);
          return EF_ROUTE_FOUND;
        }

      if (allowed == NULL)
        allowed = g_ptr_array_new ();
      g_ptr_array_add (allowed, route->method);
      if (strcmp (route->method, "GET") == 0)
        g_ptr_array_add (allowed, (gpointer) "HEAD");
    }

  if (allowed == NULL)
    return EF_ROUTE_NOT_FOUND;

  if (allow != NULL)
    {
      g_ptr_array_add (allowed, NULL);
      *allow = g_strjoinv (", ", (char **) allowed->pdata);
    }
  return EF_ROUTE_METHOD_NOT_ALLOWED;
}

EfRouteResult
ef_router_match (EfRouter        *self,
                 const char      *method,
                 const char      *raw_path,
                 EfRouteHandler  *handler,
                 gpointer        *user_data,
                 GHashTable     **params,
                 char           **allow)
{
  Route *route = NULL;
  EfRouteResult result;

  g_return_val_if_fail (self != NULL, EF_ROUTE_NOT_FOUND);
  g_return_val_if_fail (method != NULL, EF_ROUTE_NOT_FOUND);

  result = find_route (self, method, raw_path, &route, params, allow);
  if (result == EF_ROUTE_FOUND)
    {
      if (handler != NULL)
        *handler = route->handler;
      if (user_data != NULL)
        *user_data = route->user_data;
    }
  return result;
}

const char *
ef_router_match_route (EfRouter        *self,
                       const char      *method,
                       const char      *raw_path,
                       EfRouteHandler  *handler,
                       GHashTable     **params)
{
  Route *route = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);

  if (find_route (self, method, raw_path, &route, params, NULL) != EF_ROUTE_FOUND)
    return NULL;
  if (handler != NULL)
    *handler = route->handler;
  return route->pattern;
}

void
ef_router_dispatch (EfRouter          *self,
                    SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *allow = NULL;
  Route *route = NULL;
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  g_return_if_fail (self != NULL);

  switch (find_route (self, method, path, &route, &params, &allow))
    {
    case EF_ROUTE_FOUND:
      /* For the request's log line, which names the route, not the path
       * with its ids and tokens. */
      g_object_set_data_full (G_OBJECT (msg), ROUTE_PATTERN_KEY, g_strdup (route->pattern), g_free);
      g_object_set_data_full (G_OBJECT (msg), ROUTE_PARAMS_KEY, g_hash_table_ref (params),
                              (GDestroyNotify) g_hash_table_unref);
      route->handler (msg, params, route->user_data);
      break;

    case EF_ROUTE_METHOD_NOT_ALLOWED:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", allow);
      ef_http_respond_api_error (msg, EF_API_ERROR_METHOD_NOT_ALLOWED,
                                 "Method not allowed on this resource");
      break;

    case EF_ROUTE_NOT_FOUND:
    default:
      ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, "No such resource");
      break;
    }
}

GStrv
ef_router_dup_route_lines (EfRouter *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);
      g_autofree char *line = g_strdup_printf ("%s %s", route->method, route->pattern);

      g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

const char *
ef_router_get_message_route (SoupServerMessage *msg,
                             const char        *param)
{
  GHashTable *params;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);

  if (param == NULL)
    return g_object_get_data (G_OBJECT (msg), ROUTE_PATTERN_KEY);
  params = g_object_get_data (G_OBJECT (msg), ROUTE_PARAMS_KEY);
  return params != NULL ? g_hash_table_lookup (params, param) : NULL;
}
