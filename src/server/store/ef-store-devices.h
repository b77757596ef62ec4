/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-devices.h: remembered devices, the long-lived keys an
 * application keeps instead of a password
 *
 * "Remember me" at sign-in gives the application a device token (256
 * random bits; the store keeps its SHA-256 only). At its next start the
 * application trades it for a session and a new device token: a token is
 * spent by its use, and the tokens that follow each other make a chain.
 * A token stops working when its account's password changes (the chain
 * keeps a digest of the password hash it was given with), when the
 * session it came with signs out (its chain is forgotten), 60 days after
 * it was given, and a year after its chain began. A spent token presented
 * again was copied: its chain is forgotten and its sessions end.
 */

#pragma once

#include "ef-store.h"

G_BEGIN_DECLS

/* How long an unused device token lasts. */
#define EF_DEVICE_SECONDS (60 * 24 * 3600)
/* How long a chain of device tokens lasts, however often it is used. */
#define EF_DEVICE_CHAIN_SECONDS (365 * 24 * 3600)

/* Remembers the device of a session just opened by a password
 * (@session_id, of @account_id) under the token digest @digest, if
 * @password_hash, the hash the password was checked against, is still the
 * account's (@remembered says whether it was). */
gboolean  ef_store_remember_device     (EfStore     *self,
                                        const char  *tenant_id,
                                        gint64       account_id,
                                        gint64       session_id,
                                        const char  *password_hash,
                                        const char  *digest,
                                        const char  *client,
                                        gint64       now,
                                        gboolean    *remembered,
                                        GError     **error);

/* In one transaction: spends the device token @digest, remembers the
 * device anew under @new_digest, opens a session (@session_digest, until
 * @session_expires_at) and logs the connection. Returns the account's id
 * (and its e-mail in @email), or 0 without error when no device of
 * @tenant_id has that token, or it was spent, expired or its password
 * changed since (its chain is then forgotten, and the refusal logged in
 * the account's connections). */
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

/* Forgets the chain of the device that the session @session_id was opened
 * with or for, if any (a sign-out). */
gboolean  ef_store_forget_session_device (EfStore    *self,
                                          gint64      session_id,
                                          GError    **error);
/* Forgets the chain of the device token @digest, if @tenant_id has it. */
gboolean  ef_store_forget_device        (EfStore    *self,
                                         const char *tenant_id,
                                         const char *digest,
                                         GError    **error);

/* A remembered device of an account, as its owner sees it: one chain of
 * tokens, from the sign-in with "remember" to its latest token. */
typedef struct
{
  gint64    id;            /* the chain's */
  char     *client;        /* the application's name, as it signed in */
  gint64    since;         /* the sign-in that began the chain */
  gint64    last_used_at;  /* its latest token was given (a start, a renewal) */
  gint64    expires_at;    /* its latest token stops working, unused */
  gboolean  current;       /* the session asking came from it */
} EfStoreDevice;

void       ef_store_device_free          (EfStoreDevice *device);

/* The devices of @account_id that can still sign in at @now (latest use
 * first), @session_id's marked current; NULL on failure. */
GPtrArray *ef_store_list_devices         (EfStore     *self,
                                          gint64       account_id,
                                          gint64       session_id,
                                          gint64       now,
                                          GError     **error);
/* Forgets the device (chain) @device_id of @account_id and ends the
 * sessions it opened ("revoked"). *@found says whether the account had
 * it. */
gboolean   ef_store_revoke_device        (EfStore     *self,
                                          gint64       account_id,
                                          gint64       device_id,
                                          gint64       now,
                                          gboolean    *found,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStoreDevice, ef_store_device_free)

G_END_DECLS
