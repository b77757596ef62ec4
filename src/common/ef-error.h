/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-error.h: the API error domain, shared by the server and the client */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EF_API_ERROR (ef_api_error_quark ())

/**
 * EfApiError:
 *
 * Stable error codes of the API. Each has a stable string ("not_found")
 * used in `{"error": {"code": …}}` and an HTTP status. Never renumber:
 * append.
 */
typedef enum {
  EF_API_ERROR_INTERNAL,            /* internal_error, 500 */
  EF_API_ERROR_BAD_REQUEST,         /* bad_request, 400 */
  EF_API_ERROR_MALFORMED_JSON,      /* malformed_json, 400 */
  EF_API_ERROR_INVALID_FIELD,       /* invalid_field, 422 */
  EF_API_ERROR_UNKNOWN_FIELD,       /* unknown_field, 422 */
  EF_API_ERROR_INVALID_DATE,        /* invalid_date, 422 */
  EF_API_ERROR_VALIDATION,          /* validation_failed, 422 */
  EF_API_ERROR_NOT_FOUND,           /* not_found, 404 */
  EF_API_ERROR_UNKNOWN_TENANT,      /* unknown_tenant, 404 */
  EF_API_ERROR_METHOD_NOT_ALLOWED,  /* method_not_allowed, 405 */
  EF_API_ERROR_UNAUTHORIZED,        /* unauthorized, 401 */
  EF_API_ERROR_SESSION_EXPIRED,     /* session_expired, 401 */
  EF_API_ERROR_FORBIDDEN,           /* forbidden, 403 */
  EF_API_ERROR_ACCOUNT_LOCKED,      /* account_locked, 423 */
  EF_API_ERROR_DEADLINE_PASSED,     /* deadline_passed, 422 */
  EF_API_ERROR_DAY_CLOSED,          /* day_closed, 422 */
  EF_API_ERROR_NOT_ENROLLED,        /* not_enrolled, 422 */
  EF_API_ERROR_VERSION_CONFLICT,    /* version_conflict, 409 */
  EF_API_ERROR_PAYLOAD_TOO_LARGE,   /* payload_too_large, 413 */
  EF_API_ERROR_UNSUPPORTED_MEDIA,   /* unsupported_media_type, 415 */
  EF_API_ERROR_RATE_LIMITED,        /* rate_limited, 429 */
  EF_API_ERROR_INVALID_CONFIG,      /* invalid_config, 500 (bad tenant data) */
  EF_API_ERROR_INVOICE_NOT_PAYABLE, /* invoice_not_payable, 422 (nothing left to pay) */
  EF_API_ERROR_PAYMENT_IN_PROGRESS, /* payment_in_progress, 409 */
  EF_API_ERROR_PAYMENT_UNAVAILABLE, /* payment_unavailable, 503 (no provider) */
  EF_API_ERROR_URI_TOO_LONG,        /* uri_too_long, 414 */
  EF_API_ERROR_HEADERS_TOO_LARGE,   /* headers_too_large, 431 */
  EF_API_ERROR_STORAGE_FULL,        /* storage_full, 507 (nothing saved; the same may succeed later) */
} EfApiError;

#define EF_API_ERROR_LAST EF_API_ERROR_STORAGE_FULL

GQuark      ef_api_error_quark       (void);
const char *ef_api_error_to_string   (EfApiError  code);
/* Unknown strings map to EF_API_ERROR_INTERNAL (and *known = FALSE). */
EfApiError  ef_api_error_from_string (const char *text,
                                      gboolean   *known);
guint       ef_api_error_http_status (EfApiError  code);

G_END_DECLS
