/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-http.c: JSON responses, API errors and request limits */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "store/ef-store.h"
#include "ef-http.h"

static void
reject_too_large (SoupServerMessage *msg,
                  goffset            limit)
{
  g_autofree char *message = NULL;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  /* The rest of the body is still read off the socket, but not kept. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");

  message = g_strdup_printf ("Request body larger than %" G_GOFFSET_FORMAT " bytes", limit);
  ef_http_respond_api_error (msg, EF_API_ERROR_PAYLOAD_TOO_LARGE, message);
}

static void
on_request_got_chunk_cb (SoupServerMessage *msg,
                         GBytes            *chunk,
                         gpointer           user_data)
{
  goffset limit = GPOINTER_TO_SIZE (user_data);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (soup_server_message_get_status (msg) == 0 && body->length > limit)
    reject_too_large (msg, limit);
}

static void
add_header_size (const char *name,
                 const char *value,
                 gpointer    user_data)
{
  gsize *total = user_data;

  /* "Name: value\r\n" */
  *total += strlen (name) + strlen (value) + 4;
}

/* The request line and headers: libsoup reads them whole (up to its own
 * limit of 64 KiB for the request line and headers together, beyond which
 * it closes the connection without an answer); below that, a target or
 * headers longer than ours get their JSON error here, before any body is
 * read. Returns TRUE when @msg was answered. */
static gboolean
reject_long_head (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *uri_path = uri != NULL ? g_uri_get_path (uri) : NULL;
  const char *uri_query = uri != NULL ? g_uri_get_query (uri) : NULL;
  gsize target = 0;
  gsize header_bytes = 0;

  target = (uri_path != NULL ? strlen (uri_path) : 0) +
           (uri_query != NULL ? strlen (uri_query) + 1 : 0);
  soup_message_headers_foreach (headers, add_header_size, &header_bytes);

  if (target > EF_HTTP_MAX_URI_LENGTH)
    {
      g_autofree char *message = g_strdup_printf ("The request's path and query are longer than "
                                                  "%d bytes", EF_HTTP_MAX_URI_LENGTH);

      ef_http_respond_api_error (msg, EF_API_ERROR_URI_TOO_LONG, message);
    }
  else if (header_bytes > EF_HTTP_MAX_HEADERS_SIZE)
    {
      g_autofree char *message = g_strdup_printf ("The request's headers are larger than "
                                                  "%d bytes", EF_HTTP_MAX_HEADERS_SIZE);

      ef_http_respond_api_error (msg, EF_API_ERROR_HEADERS_TOO_LARGE, message);
      /* libsoup 3.2 knows no reason phrase for 431. */
      soup_server_message_set_status (msg, 431, "Request Header Fields Too Large");
    }
  else
    return FALSE;

  /* The body, if any, is not read: the connection cannot be reused. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  return TRUE;
}

static void
on_early_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  goffset limit = GPOINTER_TO_SIZE (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (reject_long_head (msg))
    return;

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      if (soup_message_headers_get_content_length (headers) > limit)
        reject_too_large (msg, limit);
      break;

    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_EOF:
      /* No announced length: count while reading. */
      g_signal_connect (msg, "got-chunk", G_CALLBACK (on_request_got_chunk_cb), user_data);
      break;

    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_NONE:
    case SOUP_ENCODING_BYTERANGES:
    default:
      break;
    }
}

void
ef_http_respond_json (SoupServerMessage *msg,
                      guint              status,
                      JsonNode          *node)
{
  char *text;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (node != NULL);

  text = ef_json_to_string (node, FALSE);
  ef_http_respond_json_text (msg, status, text, strlen (text));
}

void
ef_http_respond_json_text (SoupServerMessage *msg,
                           guint              status,
                           char              *text,
                           gsize              length)
{
  SoupMessageHeaders *headers;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (text != NULL);

  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, EF_HTTP_JSON_CONTENT_TYPE,
                                    SOUP_MEMORY_TAKE, text, length);
}

void
ef_http_respond_api_error (SoupServerMessage *msg,
                           EfApiError         code,
                           const char        *message)
{
  ef_http_respond_api_error_full (msg, code, message, NULL);
}

void
ef_http_respond_api_error_full (SoupServerMessage *msg,
                                EfApiError         code,
                                const char        *message,
                                JsonArray         *details)
{
  g_autoptr(JsonArray) empty = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (message != NULL);

  /* "details" is always there, so that clients need not test for it. */
  if (details == NULL)
    details = empty = json_array_new ();

  body = ef_json_error_body (code, message, details);
  ef_http_respond_json (msg, ef_api_error_http_status (code), body);
}

char *
ef_http_dup_loggable_path (SoupServerMessage *msg)
{
  static const char * const secret_parents[] = { "/auth/invitations/", "/auth/password-reset/" };
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = uri ? g_uri_get_path (uri) : "-";

  for (guint i = 0; i < G_N_ELEMENTS (secret_parents); i++)
    {
      const char *found = strstr (path, secret_parents[i]);

      if (found != NULL)
        return g_strdup_printf ("%.*s%s…", (int) (found - path), path, secret_parents[i]);
    }
  return g_strdup (path);
}

void
ef_http_respond_error (SoupServerMessage *msg,
                       const GError      *error)
{
  g_autofree char *path = NULL;

  g_return_if_fail (error != NULL);

  if (error->domain == EF_API_ERROR)
    {
      ef_http_respond_api_error (msg, error->code, error->message);
      return;
    }

  path = ef_http_dup_loggable_path (msg);
  g_warning ("%s %s: %s (%s %d)",
             soup_server_message_get_method (msg), path,
             error->message, g_quark_to_string (error->domain), error->code);

  /* The database's disk is full: the write was rolled back, and the same
   * request may succeed once an operator has made room. */
  if (g_error_matches (error, EF_STORE_ERROR, EF_STORE_ERROR_FULL))
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_STORAGE_FULL,
                                 "The server's storage is full: nothing was saved; try again later");
      return;
    }
  ef_http_respond_api_error (msg, EF_API_ERROR_INTERNAL, "Internal server error");
}

void
ef_http_limit_request_body (SoupServer *server,
                            goffset     max_body_size)
{
  g_return_if_fail (SOUP_IS_SERVER (server));
  g_return_if_fail (max_body_size > 0 && (guint64) max_body_size <= G_MAXSIZE);

  soup_server_add_early_handler (server, NULL, on_early_request_cb,
                                 GSIZE_TO_POINTER ((gsize) max_body_size), NULL);
}
