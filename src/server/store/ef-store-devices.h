/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-devices.h: remembered devices, the long-lived keys an
 * application keeps instead of a password
 *
 * "Remember me" at sign-in gives the application a device token (256
 * random bits; the store keeps its SHA-256 only). At its next start the
 * application trades it for a session and a new device token: a token is
 * spent by its use. It stops working when its account's password changes
 * (the device keeps a digest of the password hash it was given with), when
 * the session it came with signs out, and 60 days after it was given.
 */

#pragma once

#include "ef-store.h"

G_BEGIN_DECLS

/* How long an unused device token lasts. */
#define EF_DEVICE_SECONDS (60 * 24 * 3600)

/* Remembers the device of a session just opened by a password
 * (@session_id, of @account_id) under the token digest @digest. */
gboolean  ef_store_remember_device     (EfStore     *self,
                                        const char  *tenant_id,
                                        gint64       account_id,
                                        gint64       session_id,
                                        const char  *digest,
                                        const char  *client,
                                        gint64       now,
                                        GError     **error);

/* In one transaction: spends the device token @digest, remembers the
 * device anew under @new_digest, opens a session (@session_digest, until
 * @session_expires_at) and logs the connection. Returns the account's id
 * (and its e-mail in @email), or 0 without error when no device of
 * @tenant_id has that token (or it expired, or the password changed since:
 * such a device is forgotten). */
gint64    ef_store_sign_in_device      (EfStore     *self,
                                        const char  *tenant_id,
                                        const char  *digest,
                                        const char  *new_digest,
                                        const char  *session_digest,
                                        const char  *client,
                                        gint64       now,
                                        gint64       session_expires_at,
                                        char       **email,
                                        GError     **error);

/* Forgets the device that the session @session_id was opened with or
 * for, if any (a sign-out). */
gboolean  ef_store_forget_session_device (EfStore    *self,
                                          gint64      session_id,
                                          GError    **error);

G_END_DECLS
