/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-error.h: what can go wrong when the client talks to a portal */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EF_CLIENT_ERROR (ef_client_error_quark ())

/**
 * EfClientError:
 * @EF_CLIENT_ERROR_INVALID_PORTAL: the portal address cannot be understood
 * @EF_CLIENT_ERROR_INSECURE_PORTAL: the portal address is plain http on a
 *   host that is not the local machine
 * @EF_CLIENT_ERROR_NETWORK: no connection to the portal (refused,
 *   unreachable, proxy failure, connection lost)
 * @EF_CLIENT_ERROR_HOST_NOT_FOUND: the portal's host name does not resolve
 * @EF_CLIENT_ERROR_TIMEOUT: the portal did not answer in time
 * @EF_CLIENT_ERROR_TLS: the secure connection failed (certificate, handshake)
 * @EF_CLIENT_ERROR_NOT_FOUND: there is no Espace Famille at that address
 * @EF_CLIENT_ERROR_UNKNOWN_TENANT: the server does not know that municipality
 * @EF_CLIENT_ERROR_SERVER: the server failed (5xx)
 * @EF_CLIENT_ERROR_PROTOCOL: the answer is not what the API promises
 *   (malformed JSON, an HTML page, unexpected status)
 * @EF_CLIENT_ERROR_CANCELLED: the operation was cancelled
 * @EF_CLIENT_ERROR_NOT_SIGNED_IN: the call needs a session and there is none
 * @EF_CLIENT_ERROR_UNAUTHORIZED: wrong e-mail or password (the portal does
 *   not say which)
 * @EF_CLIENT_ERROR_SESSION_EXPIRED: the session ended and could not be
 *   opened again without the user; #EfClient::sign-in-required was emitted
 * @EF_CLIENT_ERROR_ACCOUNT_LOCKED: too many wrong passwords; see
 *   ef_client_error_get_locked_until()
 * @EF_CLIENT_ERROR_VALIDATION: some fields are invalid; see
 *   ef_client_error_get_field_messages()
 * @EF_CLIENT_ERROR_DEADLINE_PASSED: too late to change some days; see
 *   ef_client_error_get_rejected_changes()
 * @EF_CLIENT_ERROR_DAY_CLOSED: some days are closed
 * @EF_CLIENT_ERROR_NOT_ENROLLED: the member is not enrolled on some days
 * @EF_CLIENT_ERROR_VERSION_CONFLICT: the planning changed since it was
 *   read; see ef_client_error_get_version()
 * @EF_CLIENT_ERROR_FORBIDDEN: the account may not do that
 * @EF_CLIENT_ERROR_RATE_LIMITED: too many requests for now
 * @EF_CLIENT_ERROR_LINK_INVALID: the invitation or reset link is not valid
 * @EF_CLIENT_ERROR_LINK_EXPIRED: the invitation or reset link has expired
 * @EF_CLIENT_ERROR_LINK_USED: the invitation or reset link was used already
 * @EF_CLIENT_ERROR_NO_KEYRING: passwords cannot be remembered: no Secret
 *   Service
 * @EF_CLIENT_ERROR_INVOICE_NOT_PAYABLE: an invoice has nothing left to pay
 * @EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS: an invoice is in a payment under way
 * @EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE: the municipality takes no payment
 *   online now
 * @EF_CLIENT_ERROR_STORAGE_FULL: the portal's storage is full: nothing was
 *   saved, the same may succeed later
 *
 * Stable error codes of #EfClient. Never renumber: append.
 */
typedef enum {
  EF_CLIENT_ERROR_INVALID_PORTAL,
  EF_CLIENT_ERROR_INSECURE_PORTAL,
  EF_CLIENT_ERROR_NETWORK,
  EF_CLIENT_ERROR_HOST_NOT_FOUND,
  EF_CLIENT_ERROR_TIMEOUT,
  EF_CLIENT_ERROR_TLS,
  EF_CLIENT_ERROR_NOT_FOUND,
  EF_CLIENT_ERROR_UNKNOWN_TENANT,
  EF_CLIENT_ERROR_SERVER,
  EF_CLIENT_ERROR_PROTOCOL,
  EF_CLIENT_ERROR_CANCELLED,
  EF_CLIENT_ERROR_NOT_SIGNED_IN,
  EF_CLIENT_ERROR_UNAUTHORIZED,
  EF_CLIENT_ERROR_SESSION_EXPIRED,
  EF_CLIENT_ERROR_ACCOUNT_LOCKED,
  EF_CLIENT_ERROR_VALIDATION,
  EF_CLIENT_ERROR_DEADLINE_PASSED,
  EF_CLIENT_ERROR_DAY_CLOSED,
  EF_CLIENT_ERROR_NOT_ENROLLED,
  EF_CLIENT_ERROR_VERSION_CONFLICT,
  EF_CLIENT_ERROR_FORBIDDEN,
  EF_CLIENT_ERROR_RATE_LIMITED,
  EF_CLIENT_ERROR_LINK_INVALID,
  EF_CLIENT_ERROR_LINK_EXPIRED,
  EF_CLIENT_ERROR_LINK_USED,
  EF_CLIENT_ERROR_NO_KEYRING,
  EF_CLIENT_ERROR_INVOICE_NOT_PAYABLE,
  EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS,
  EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE,
  EF_CLIENT_ERROR_STORAGE_FULL,
} EfClientError;

#define EF_CLIENT_ERROR_LAST EF_CLIENT_ERROR_STORAGE_FULL

GQuark       ef_client_error_quark                (void);
const char  *ef_client_error_get_title            (const GError *error);
const char  *ef_client_error_get_user_message     (const GError *error);
gboolean     ef_client_error_is_cancelled         (const GError *error);
gboolean     ef_client_error_can_retry            (const GError *error);

const char  *ef_client_error_get_api_code         (const GError *error);
GDateTime   *ef_client_error_get_locked_until     (const GError *error);
GHashTable  *ef_client_error_get_field_messages   (const GError *error);
const char  *ef_client_error_get_field_code       (const GError *error,
                                                   const char   *field);
const char  *ef_client_error_describe_field_code  (const char   *field,
                                                   const char   *code);
GListModel  *ef_client_error_get_rejected_changes (const GError *error);
gboolean     ef_client_error_get_version          (const GError *error,
                                                   gint64        member_id,
                                                   gint64       *version);

/* For EfClient: an error from an HTTP status and the API's error body. */
/* @now is the portal's time, in its zone, for sentences that say when. */
GError      *_ef_client_error_new_for_response    (guint         status,
                                                   GBytes       *body,
                                                   const char   *uri,
                                                   GDateTime    *now);
/* For EfClient and EfCredentials: an error with its own sentence for people. */
GError      *_ef_client_error_new_with_message    (EfClientError code,
                                                   const char   *user_message,
                                                   const char   *debug_text);

G_END_DECLS
