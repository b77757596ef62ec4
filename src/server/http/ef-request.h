/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-request.h: reading requests — JSON bodies, path ids, instants */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The request body as a JSON object (a new reference). A body that is not
 * `application/json` is EF_API_ERROR_UNSUPPORTED_MEDIA; bad JSON or
 * another root is EF_API_ERROR_MALFORMED_JSON. */
JsonObject *ef_request_read_json_object (SoupServerMessage  *msg,
                                         GError            **error);

/* A path id: 1 to 18 digits, not starting with 0; 0 when @text is not. */
gint64      ef_request_parse_id         (const char         *text);

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
