/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-error.c: the API error domain, shared by the server and the client */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include "ef-error.h"

typedef struct {
  const char *text;
  guint       http_status;
} ErrorInfo;

/* Indexed by EfApiError: the strings are part of the API, never change them. */
static const ErrorInfo error_infos[] = {
  [EF_API_ERROR_INTERNAL]           = { "internal_error", 500 },
  [EF_API_ERROR_BAD_REQUEST]        = { "bad_request", 400 },
  [EF_API_ERROR_MALFORMED_JSON]     = { "malformed_json", 400 },
  [EF_API_ERROR_INVALID_FIELD]      = { "invalid_field", 422 },
  [EF_API_ERROR_UNKNOWN_FIELD]      = { "unknown_field", 422 },
  [EF_API_ERROR_INVALID_DATE]       = { "invalid_date", 422 },
  [EF_API_ERROR_VALIDATION]         = { "validation_failed", 422 },
  [EF_API_ERROR_NOT_FOUND]          = { "not_found", 404 },
  [EF_API_ERROR_UNKNOWN_TENANT]     = { "unknown_tenant", 404 },
  [EF_API_ERROR_METHOD_NOT_ALLOWED] = { "method_not_allowed", 405 },
  [EF_API_ERROR_UNAUTHORIZED]       = { "unauthorized", 401 },
  [EF_API_ERROR_SESSION_EXPIRED]    = { "session_expired", 401 },
  [EF_API_ERROR_FORBIDDEN]          = { "forbidden", 403 },
  [EF_API_ERROR_ACCOUNT_LOCKED]     = { "account_locked", 423 },
  [EF_API_ERROR_DEADLINE_PASSED]    = { "deadline_passed", 422 },
  [EF_API_ERROR_DAY_CLOSED]         = { "day_closed", 422 },
  [EF_API_ERROR_NOT_ENROLLED]       = { "not_enrolled", 422 },
  [EF_API_ERROR_VERSION_CONFLICT]   = { "version_conflict", 409 },
  [EF_API_ERROR_PAYLOAD_TOO_LARGE]  = { "payload_too_large", 413 },
  [EF_API_ERROR_UNSUPPORTED_MEDIA]  = { "unsupported_media_type", 415 },
  [EF_API_ERROR_RATE_LIMITED]       = { "rate_limited", 429 },
  [EF_API_ERROR_INVALID_CONFIG]     = { "invalid_config", 500 },
  [EF_API_ERROR_INVOICE_NOT_PAYABLE] = { "invoice_not_payable", 422 },
  [EF_API_ERROR_PAYMENT_IN_PROGRESS] = { "payment_in_progress", 409 },
  [EF_API_ERROR_PAYMENT_UNAVAILABLE] = { "payment_unavailable", 503 },
  [EF_API_ERROR_URI_TOO_LONG]       = { "uri_too_long", 414 },
  [EF_API_ERROR_HEADERS_TOO_LARGE]  = { "headers_too_large", 431 },
  [EF_API_ERROR_STORAGE_FULL]       = { "storage_full", 507 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (error_infos) == EF_API_ERROR_LAST + 1);

G_DEFINE_QUARK (ef-api-error-quark, ef_api_error)

static gboolean
code_is_valid (EfApiError code)
{
  return (int) code >= 0 && code <= EF_API_ERROR_LAST;
}

/**
 * ef_api_error_to_string:
 * @code: an #EfApiError
 *
 * Returns: the stable string of @code ("not_found"); "internal_error" for a
 *   value outside the enumeration.
 */
const char *
ef_api_error_to_string (EfApiError code)
{
  if (!code_is_valid (code))
    return error_infos[EF_API_ERROR_INTERNAL].text;

  return error_infos[code].text;
}

/**
 * ef_api_error_from_string:
 * @text: (nullable): a stable error string
 * @known: (out) (optional): whether @text was a known string
 *
 * Returns: the code of @text, or %EF_API_ERROR_INTERNAL when unknown.
 */
EfApiError
ef_api_error_from_string (const char *text,
                          gboolean   *known)
{
  if (text != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (error_infos); i++)
        {
          if (g_str_equal (text, error_infos[i].text))
            {
              if (known != NULL)
                *known = TRUE;
              return (EfApiError) i;
            }
        }
    }

  if (known != NULL)
    *known = FALSE;

  return EF_API_ERROR_INTERNAL;
}

/**
 * ef_api_error_http_status:
 * @code: an #EfApiError
 *
 * Returns: the HTTP status that carries @code; 500 for a value outside the
 *   enumeration.
 */
guint
ef_api_error_http_status (EfApiError code)
{
  if (!code_is_valid (code))
    return 500;

  return error_infos[code].http_status;
}
