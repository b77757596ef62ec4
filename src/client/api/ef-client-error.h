/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-error.h: what can go wrong when the client talks to a portal */

#pragma once

#include <glib.h>

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
} EfClientError;

GQuark      ef_client_error_quark            (void);
const char *ef_client_error_get_title        (const GError *error);
const char *ef_client_error_get_user_message (const GError *error);
gboolean    ef_client_error_is_cancelled     (const GError *error);
gboolean    ef_client_error_can_retry        (const GError *error);

G_END_DECLS
