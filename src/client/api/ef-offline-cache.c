/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-offline-cache.c: the last answers seen, encrypted at rest, for when
 * the portal cannot be reached
 *
 * One folder per portal and account in the user's cache (its name a
 * digest, not the e-mail), one file per request path (a digest too), each
 * sealed with libsodium's secretbox (XSalsa20-Poly1305) under a random key
 * of the account's that only the keyring keeps:
 *
 *   "EFOC1" | nonce (24 bytes) | secretbox (saved_at, 8 bytes big-endian | body)
 *
 * A file that does not open with the key (damaged, another key) is
 * removed and counts as nothing kept. Files are written atomically, 0600,
 * in a worker thread. The shared terminal keeps nothing (no cache folder).
 */

#define G_LOG_DOMAIN "EfOfflineCache"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <sodium.h>

#include "ef-offline-cache.h"

#define MAGIC "EFOC1"
#define MAGIC_SIZE 5
#define HEADER_SIZE (MAGIC_SIZE + crypto_secretbox_NONCEBYTES)
/* What the API answers at most (the client's own limit). */
#define MAX_FILE_SIZE (16 * 1024 * 1024 + HEADER_SIZE + crypto_secretbox_MACBYTES + 8)

struct _EfOfflineCache
{
  gatomicrefcount  ref_count;
  char            *dir;
  guint8           key[crypto_secretbox_KEYBYTES];
};

G_STATIC_ASSERT (crypto_secretbox_KEYBYTES == EF_OFFLINE_KEY_SIZE);

static const SecretSchema key_schema = {
  "io.github.espacefamille.EspaceFamille.OfflineKey", SECRET_SCHEMA_NONE,
  {
    { "portal", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static void
ensure_sodium (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not start");
      g_once_init_leave (&initialized, 1);
    }
}

/* ------------------------------------------------------------------ key */

typedef struct {
  char *portal_url;
  char *email;
  char *encoded;     /* the new key, base64, while it is being stored */
  gboolean create;
} KeyJob;

static void
key_job_free (KeyJob *job)
{
  g_free (job->portal_url);
  g_free (job->email);
  if (job->encoded != NULL)
    sodium_memzero (job->encoded, strlen (job->encoded));
  g_free (job->encoded);
  g_free (job);
}

static GBytes *
decode_key (const char *encoded)
{
  gsize length = 0;
  guchar *raw = g_base64_decode (encoded, &length);
  GBytes *key = NULL;

  if (length == EF_OFFLINE_KEY_SIZE)
    key = g_bytes_new (raw, length);
  sodium_memzero (raw, length);
  g_free (raw);
  return key;
}

static void
on_key_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KeyJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, decode_key (job->encoded), (GDestroyNotify) g_bytes_unref);
}

static void
on_key_looked_up_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KeyJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GCancellable *cancellable;
  char *password;
  guint8 raw[EF_OFFLINE_KEY_SIZE];

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (password != NULL)
    {
      GBytes *key = decode_key (password);

      secret_password_free (password);
      if (key != NULL || !job->create)
        {
          g_task_return_pointer (task, key, (GDestroyNotify) g_bytes_unref);
          return;
        }
    }
  if (!job->create)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  ensure_sodium ();
  randombytes_buf (raw, sizeof raw);
  job->encoded = g_base64_encode (raw, sizeof raw);
  sodium_memzero (raw, sizeof raw);
  cancellable = g_task_get_cancellable (task);
  secret_password_store (&key_schema, SECRET_COLLECTION_DEFAULT,
                         "Espace Famille: offline copy key",
                         job->encoded, cancellable, on_key_stored_cb, g_steal_pointer (&task),
                         "portal", job->portal_url, "account", job->email, NULL);
}

void
ef_offline_key_lookup_async (const char          *portal_url,
                             const char          *email,
                             gboolean             create,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  KeyJob *job = g_new0 (KeyJob, 1);

  g_return_if_fail (portal_url != NULL && email != NULL);

  job->portal_url = g_strdup (portal_url);
  job->email = g_ascii_strdown (email, -1);
  job->create = create;
  g_task_set_source_tag (task, ef_offline_key_lookup_async);
  g_task_set_task_data (task, job, (GDestroyNotify) key_job_free);
  secret_password_lookup (&key_schema, cancellable, on_key_looked_up_cb, g_steal_pointer (&task),
                          "portal", job->portal_url, "account", job->email, NULL);
}

GBytes *
ef_offline_key_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_key_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_debug ("The offline key could not be removed: %s", error->message);
}

void
ef_offline_key_clear_async (const char *portal_url,
                            const char *email)
{
  g_autofree char *account = g_ascii_strdown (email, -1);

  secret_password_clear (&key_schema, NULL, on_key_cleared_cb, NULL,
                         "portal", portal_url, "account", account, NULL);
}

/* ---------------------------------------------------------------- cache */

EfOfflineCache *
ef_offline_cache_new (const char *dir,
                      GBytes     *key)
{
  EfOfflineCache *self;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) == EF_OFFLINE_KEY_SIZE, NULL);

  ensure_sodium ();
  self = g_new0 (EfOfflineCache, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dir = g_strdup (dir);
  memcpy (self->key, g_bytes_get_data (key, NULL), EF_OFFLINE_KEY_SIZE);
  return self;
}

EfOfflineCache *
ef_offline_cache_ref (EfOfflineCache *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ef_offline_cache_unref (EfOfflineCache *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  sodium_memzero (self->key, sizeof self->key);
  g_free (self->dir);
  g_free (self);
}

const char *
ef_offline_cache_get_dir (EfOfflineCache *self)
{
  return self->dir;
}

static char *
file_for (EfOfflineCache *self,
          const char     *name)
{
  guint8 digest[16];
  g_autofree char *hex = NULL;
  g_autofree char *file = NULL;

  crypto_generichash (digest, sizeof digest, (const guint8 *) name, strlen (name),
                      self->key, sizeof self->key);
  hex = sodium_bin2hex (g_malloc (sizeof digest * 2 + 1), sizeof digest * 2 + 1, digest, sizeof digest);
  file = g_strconcat (hex, ".bin", NULL);
  return g_build_filename (self->dir, file, NULL);
}

typedef struct {
  EfOfflineCache *cache;
  char           *name;
  GBytes         *body;
  gint64          saved_at;
} PutJob;

static void
put_job_free (PutJob *job)
{
  ef_offline_cache_unref (job->cache);
  g_free (job->name);
  g_bytes_unref (job->body);
  g_free (job);
}

/* Seals the body (the main loop never waits for it) and writes it. */
static void
put_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PutJob *job = task_data;
  EfOfflineCache *self = job->cache;
  g_autofree char *path = file_for (self, job->name);
  g_autoptr (GError) error = NULL;
  gsize body_size = g_bytes_get_size (job->body);
  gsize plain_size = 8 + body_size;
  gsize sealed_size = HEADER_SIZE + crypto_secretbox_MACBYTES + plain_size;
  g_autofree guint8 *plain = g_malloc (plain_size);
  g_autofree guint8 *sealed = g_malloc (sealed_size);

  for (int i = 0; i < 8; i++)
    plain[i] = (guint8) ((guint64) job->saved_at >> (56 - 8 * i));
  memcpy (plain + 8, g_bytes_get_data (job->body, NULL), body_size);
  memcpy (sealed, MAGIC, MAGIC_SIZE);
  randombytes_buf (sealed + MAGIC_SIZE, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy (sealed + HEADER_SIZE, plain, plain_size, sealed + MAGIC_SIZE, self->key);
  sodium_memzero (plain, plain_size);

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    g_debug ("Could not create %s: %s", self->dir, g_strerror (errno));
  else if (!g_file_set_contents_full (path, (const char *) sealed, sealed_size,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Could not keep an offline copy: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

void
ef_offline_cache_put (EfOfflineCache *self,
                      const char     *name,
                      GBytes         *body,
                      gint64          saved_at)
{
  g_autoptr (GTask) task = NULL;
  PutJob *job;

  g_return_if_fail (self != NULL && name != NULL && body != NULL);

  job = g_new0 (PutJob, 1);
  job->cache = ef_offline_cache_ref (self);
  job->name = g_strdup (name);
  job->body = g_bytes_ref (body);
  job->saved_at = saved_at;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, ef_offline_cache_put);
  g_task_set_task_data (task, job, (GDestroyNotify) put_job_free);
  g_task_run_in_thread (task, put_in_thread);
}

GBytes *
ef_offline_cache_get (EfOfflineCache *self,
                      const char     *name,
                      gint64         *saved_at)
{
  g_autofree char *path = file_for (self, name);
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint8 *plain;
  gsize plain_size;
  guint64 when = 0;
  GBytes *body;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  if (length < HEADER_SIZE + crypto_secretbox_MACBYTES + 8 || length > MAX_FILE_SIZE ||
      memcmp (contents, MAGIC, MAGIC_SIZE) != 0)
    goto damaged;

  plain_size = length - HEADER_SIZE - crypto_secretbox_MACBYTES;
  plain = g_malloc (plain_size);
  if (crypto_secretbox_open_easy (plain, (const guint8 *) contents + HEADER_SIZE,
                                  length - HEADER_SIZE, (const guint8 *) contents + MAGIC_SIZE,
                                  self->key) != 0)
    {
      g_free (plain);
      goto damaged;
    }

  for (int i = 0; i < 8; i++)
    when = (when << 8) | plain[i];
  if (saved_at != NULL)
    *saved_at = (gint64) when;
  body = g_bytes_new (plain + 8, plain_size - 8);
  sodium_memzero (plain, plain_size);
  g_free (plain);
  return body;

damaged:
  g_debug ("An offline copy does not open with its key: removed");
  g_unlink (path);
  return NULL;
}

gboolean
ef_offline_cache_is_empty (EfOfflineCache *self)
{
  g_autoptr (GDir) dir = g_dir_open (self->dir, 0, NULL);

  return dir == NULL || g_dir_read_name (dir) == NULL;
}

static void
clear_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EfOfflineCache *self = task_data;
  g_autoptr (GDir) dir = g_dir_open (self->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (self->dir);
  g_task_return_boolean (task, TRUE);
}

void
ef_offline_cache_clear (EfOfflineCache *self)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, ef_offline_cache_clear);
  g_task_set_task_data (task, ef_offline_cache_ref (self), (GDestroyNotify) ef_offline_cache_unref);
  g_task_run_in_thread (task, clear_in_thread);
}
