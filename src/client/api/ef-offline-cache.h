/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-offline-cache.h: the last answers seen, encrypted at rest, for when
 * the portal cannot be reached */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EF_OFFLINE_KEY_SIZE 32

typedef struct _EfOfflineCache EfOfflineCache;

/* The key of @portal_url's @email, from the keyring; made and stored there
 * the first time when @create. Returns (in the callback) a GBytes of
 * EF_OFFLINE_KEY_SIZE bytes, or NULL without error when there is none. */
void            ef_offline_key_lookup_async  (const char          *portal_url,
                                              const char          *email,
                                              gboolean             create,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GBytes         *ef_offline_key_lookup_finish (GAsyncResult        *result,
                                              GError             **error);
/* Forgets the key (sign-out). */
void            ef_offline_key_clear_async   (const char          *portal_url,
                                              const char          *email);

/* The cache of one account in @dir (created when written), with @key. */
EfOfflineCache *ef_offline_cache_new         (const char          *dir,
                                              GBytes              *key);
EfOfflineCache *ef_offline_cache_ref         (EfOfflineCache      *self);
void            ef_offline_cache_unref       (EfOfflineCache      *self);
const char     *ef_offline_cache_get_dir     (EfOfflineCache      *self);

/* Keeps @body, the answer to @name (a request's path) as the portal gave
 * it at @saved_at (Unix seconds), in a worker thread. */
void            ef_offline_cache_put         (EfOfflineCache      *self,
                                              const char          *name,
                                              GBytes              *body,
                                              gint64               saved_at);
/* The answer kept for @name and when it was given, or NULL (nothing kept,
 * or a file that does not open with the key: then removed). Blocking: call
 * it from a worker thread. */
GBytes         *ef_offline_cache_get         (EfOfflineCache      *self,
                                              const char          *name,
                                              gint64              *saved_at);
/* Whether anything is kept. Blocking, small. */
gboolean        ef_offline_cache_is_empty    (EfOfflineCache      *self);
/* Removes everything kept, in a worker thread. */
void            ef_offline_cache_clear       (EfOfflineCache      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfOfflineCache, ef_offline_cache_unref)

G_END_DECLS
