/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-request.h: reading requests — JSON bodies, path ids, instants
 *
 * A handler's prologue, in this order, each step answering the error
 * itself so that the handler only returns when it fails:
 *
 *   caller = ef_auth_require_caller (server, msg, tenant_id);   (http/ef-auth.h)
 *   if (caller == NULL)
 *     return;
 *   id = ef_request_path_id (msg, params, "No such invoice");
 *   if (id == 0)
 *     return;
 *   body = ef_request_read_json_members (msg, allowed, &error);
 *   if (body == NULL)
 *     { ef_http_respond_error (msg, error); return; }
 *
 * then the typed getters of ef-json.h for each member, which name the
 * member at fault.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ef-server.h"

G_BEGIN_DECLS

/* The request body as a JSON object (a new reference). A body that is not
 * `application/json` is EF_API_ERROR_UNSUPPORTED_MEDIA; bad JSON or
 * another root is EF_API_ERROR_MALFORMED_JSON. */
JsonObject *ef_request_read_json_object (SoupServerMessage  *msg,
                                         GError            **error);

/* The same, with no members but @allowed (a NULL-terminated list): one
 * more is EF_API_ERROR_UNKNOWN_FIELD, as ef_json_check_members() says. */
JsonObject *ef_request_read_json_members (SoupServerMessage  *msg,
                                          const char * const *allowed,
                                          GError            **error);

/* The same, as a node with the object at its root: what the codecs'
 * readers (ef_*_record_from_json ()) read. */
JsonNode   *ef_request_read_json_node   (SoupServerMessage  *msg,
                                         GError            **error);

/* The query string as a table (NULL when there is none); answers 400 and
 * sets *@ok FALSE when it is malformed. */
GHashTable *ef_request_parse_query      (SoupServerMessage  *msg,
                                         gboolean           *ok);

/* The time zone of @tenant_id's settings, for the days and times of an
 * answer; when they cannot be read, or name a zone this system does not
 * know, answers the error and returns NULL. */
GTimeZone  *ef_request_tenant_time_zone (EfServer           *server,
                                         SoupServerMessage  *msg,
                                         const char         *tenant_id);

/* A path id: 1 to 18 digits, not starting with 0; 0 when @text is not. */
gint64      ef_request_parse_id         (const char         *text);

/* The {id} of the route's path (@params); when it is not an id, answers
 * 404 with @not_found ("No such invoice"), as for an id that matches
 * nothing, and returns 0. */
gint64      ef_request_path_id          (SoupServerMessage  *msg,
                                         GHashTable         *params,
                                         const char         *not_found);

/* The days the API accepts: 2000-01-01 to 2100-12-31. Dates beyond
 * overflow GDateTime once the server adds a day or a time zone to them. */
#define EF_REQUEST_FIRST_YEAR 2000
#define EF_REQUEST_LAST_YEAR  2100

/* TRUE when @day (a valid EfDay) is within the accepted years; otherwise
 * EF_API_ERROR_INVALID_FIELD (422) naming @name, e.g. "from" or
 * "changes[2].day". */
gboolean    ef_request_check_day_bounds (const char         *name,
                                         gint64              day,
                                         GError            **error);

G_END_DECLS
