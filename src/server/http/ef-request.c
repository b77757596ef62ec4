/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-request.c: reading requests — JSON bodies, path ids, instants */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "store/ef-store-accounts.h"
#include "ef-http.h"
#include "ef-request.h"

JsonObject *
ef_request_read_json_object (SoupServerMessage  *msg,
                             GError            **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = NULL;
  const char *content_type;
  gconstpointer data;
  gsize length;

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/json") != 0)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_UNSUPPORTED_MEDIA,
                           "The request body must be application/json");
      return NULL;
    }

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);
  return ef_json_parse_object (data != NULL ? data : "", length, error);
}

JsonNode *
ef_request_read_json_node (SoupServerMessage  *msg,
                           GError            **error)
{
  g_autoptr(JsonObject) body = ef_request_read_json_object (msg, error);

  if (body == NULL)
    return NULL;
  return json_node_init_object (json_node_alloc (), body);
}

JsonObject *
ef_request_read_json_members (SoupServerMessage   *msg,
                              const char * const  *allowed,
                              GError             **error)
{
  g_autoptr(JsonObject) body = ef_request_read_json_object (msg, error);

  if (body == NULL || !ef_json_check_members (body, allowed, error))
    return NULL;
  return g_steal_pointer (&body);
}

GHashTable *
ef_request_parse_query (SoupServerMessage *msg,
                        gboolean          *ok)
{
  const char *raw = g_uri_get_query (soup_server_message_get_uri (msg));
  GHashTable *query;

  *ok = TRUE;
  if (raw == NULL)
    return NULL;
  query = g_uri_parse_params (raw, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (query == NULL)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_BAD_REQUEST, "Malformed query string");
      *ok = FALSE;
    }
  return query;
}

GTimeZone *
ef_request_tenant_time_zone (EfServer          *server,
                             SoupServerMessage *msg,
                             const char        *tenant_id)
{
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *tz = NULL;

  settings = ef_store_load_tenant_settings (ef_server_get_store (server), tenant_id, &error);
  if (settings != NULL)
    tz = ef_time_zone_new (settings->time_zone, &error);
  if (tz == NULL)
    ef_http_respond_error (msg, error);
  return tz;
}

gboolean
ef_request_check_day_bounds (const char  *name,
                             gint64       day,
                             GError     **error)
{
  EfDay first = ef_day_new (EF_REQUEST_FIRST_YEAR, 1, 1);
  EfDay last = ef_day_new (EF_REQUEST_LAST_YEAR, 12, 31);

  if (day >= first && day <= last)
    return TRUE;
  g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
               "'%s' must be a day from %d-01-01 to %d-12-31", name,
               EF_REQUEST_FIRST_YEAR, EF_REQUEST_LAST_YEAR);
  return FALSE;
}

gint64
ef_request_parse_id (const char *text)
{
  gsize len;

  if (text == NULL)
    return 0;
  len = strlen (text);
  if (len == 0 || len > 18 || text[0] == '0')
    return 0;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return 0;
  return g_ascii_strtoll (text, NULL, 10);
}

gint64
ef_request_path_id (SoupServerMessage *msg,
                    GHashTable        *params,
                    const char        *not_found)
{
  gint64 id = ef_request_parse_id (g_hash_table_lookup (params, "id"));

  if (id == 0)
    ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, not_found);
  return id;
}
