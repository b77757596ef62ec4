/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-secret.h: random tokens, their digests, and password hashing */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A password has at least this many characters (and at most the maximum). */
#define EF_PASSWORD_MIN_LENGTH 10
#define EF_PASSWORD_MAX_LENGTH 256

/* 256 random bits (libsodium randombytes_buf), URL-safe base64 without
 * padding: 43 characters. */
char     *ef_secret_token_new            (void);
/* Whether @text has the shape of a token from ef_secret_token_new(). */
gboolean  ef_secret_token_is_well_formed (const char    *text);
/* The lowercase hex SHA-256 of @token: what the database stores. */
char     *ef_secret_token_digest         (const char    *token);

/* Checks @password against the rules (length, not containing @email);
 * appends {"field": @field, "code": …} to @details for each broken rule
 * and returns whether there was none. Codes: too_short, too_long,
 * contains_email. */
gboolean  ef_password_check_rules        (const char    *password,
                                          const char    *email,
                                          const char    *field,
                                          JsonArray     *details);

/* argon2id (crypto_pwhash_str, INTERACTIVE limits) in a worker thread. */
void      ef_password_hash_async         (const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *ef_password_hash_finish        (GAsyncResult        *result,
                                          GError             **error);

/* Verifies @password against @hash in a worker thread. A NULL @hash (no
 * such account, or no password yet) is checked against a dummy hash so
 * that the answer takes the same time, and never matches. */
void      ef_password_verify_async       (const char          *password,
                                          const char          *hash,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* TRUE when the password matches. */
gboolean  ef_password_verify_finish      (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
