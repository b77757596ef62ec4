/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-http.h: JSON responses, API errors and request limits */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ef-error.h"

G_BEGIN_DECLS

#define EF_HTTP_JSON_CONTENT_TYPE "application/json; charset=utf-8"

/* The largest request body the API reads (1 MiB). */
#define EF_HTTP_DEFAULT_MAX_BODY_SIZE ((goffset) 1024 * 1024)
/* The longest path and query (414 uri_too_long) and the largest headers
 * (431 headers_too_large) it reads. libsoup itself drops, unanswered, a
 * request whose line and headers together pass 64 KiB. */
#define EF_HTTP_MAX_URI_LENGTH   8192
#define EF_HTTP_MAX_HEADERS_SIZE 16384

void     ef_http_respond_json        (SoupServerMessage *msg,
                                      guint              status,
                                      JsonNode          *node);
/* The same for JSON already written: takes @text, of @length bytes. */
void     ef_http_respond_json_text   (SoupServerMessage *msg,
                                      guint              status,
                                      char              *text,
                                      gsize              length);
/* {"error": {"code", "message", "details": []}} with the code's HTTP status.
 * @message is English, for developers. */
void     ef_http_respond_api_error   (SoupServerMessage *msg,
                                      EfApiError         code,
                                      const char        *message);
/* The same with @details (not consumed; NULL means an empty array). */
void     ef_http_respond_api_error_full (SoupServerMessage *msg,
                                         EfApiError         code,
                                         const char        *message,
                                         JsonArray         *details);
/* Errors outside EF_API_ERROR are logged and answered as internal_error,
 * without their text; except EF_STORE_ERROR_FULL, answered 507
 * storage_full. */
void     ef_http_respond_error       (SoupServerMessage *msg,
                                      const GError      *error);

/* The request's path for logs, with the single-use tokens of
 * …/auth/invitations/{token} and …/auth/password-reset/{token} hidden. */
char    *ef_http_dup_loggable_path   (SoupServerMessage *msg);

/* Refuses request bodies larger than @max_body_size with 413 before they
 * are stored in memory. */
void     ef_http_limit_request_body  (SoupServer        *server,
                                      goffset            max_body_size);

G_END_DECLS
