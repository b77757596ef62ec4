/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-secret.c: random tokens, their digests, and password hashing
 *
 * Tokens travel in clear only once (to the client, or in a mail); the
 * database keeps their SHA-256, which is enough because they carry 256
 * random bits. Passwords get argon2id, which takes ~150 ms: always in a
 * worker thread, never on the main loop.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "ef-secret.h"

#define TOKEN_BYTES 32

/* At most this many argon2id computations run at once in a process, the
 * others wait their turn: each takes 64 MiB (MEMLIMIT_INTERACTIVE) and a
 * core for ~150 ms, so a storm of sign-ins must neither eat the memory nor
 * take every core from the requests. With `serve --workers N`, N times as
 * many. */
#define MAX_PARALLEL_PASSWORD_JOBS 2

typedef struct
{
  char            *password;
  char            *hash;
  GTaskThreadFunc  run;
} PasswordJob;

/* The argon2id hash, at the INTERACTIVE limits, of a random password
 * nobody knows: unknown e-mails are verified against it so that they cost
 * the same time as a wrong password. */
static const char dummy_hash[] =
  "$argon2id$v=19$m=65536,t=2,p=1$qepIBbYhShpVnqhnNM/+Ug$nJcZvwQ0BWGBV+MLwq0oGKy1ytPFFYLCkVbfcFEy0uY";

static void
password_job_free (PasswordJob *job)
{
  if (job->password != NULL)
    {
      sodium_memzero (job->password, strlen (job->password));
      g_free (job->password);
    }
  g_free (job->hash);
  g_free (job);
}

static PasswordJob *
password_job_new (const char      *password,
                  const char      *hash,
                  GTaskThreadFunc  run)
{
  PasswordJob *job = g_new0 (PasswordJob, 1);

  job->password = g_strdup (password);
  job->hash = g_strdup (hash);
  job->run = run;
  return job;
}

static void
hash_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PasswordJob *job = task_data;
  char hash[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str (hash, job->password, strlen (job->password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               "Not enough memory to hash a password");
      return;
    }
  g_task_return_pointer (task, g_strdup (hash), g_free);
}

static void
run_password_job_cb (gpointer data,
                     gpointer user_data)
{
  g_autoptr(GTask) task = data;
  PasswordJob *job = g_task_get_task_data (task);

  job->run (task, g_task_get_source_object (task), job, g_task_get_cancellable (task));
}

/* Runs @job (taken) for a new task tagged @source_tag, like
 * g_task_run_in_thread() but in a pool of its own that runs at most
 * MAX_PARALLEL_PASSWORD_JOBS at once (GTask's shared pool grows with the
 * demand). Created on first use: never before `serve` forks its workers. */
static void
start_password_job (PasswordJob         *job,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  static GThreadPool *pool;
  static gsize initialized;
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) password_job_free);

  if (g_once_init_enter (&initialized))
    {
      pool = g_thread_pool_new (run_password_job_cb, NULL, MAX_PARALLEL_PASSWORD_JOBS,
                                FALSE, &error);
      g_assert_no_error (error);
      g_once_init_leave (&initialized, 1);
    }

  if (!g_thread_pool_push (pool, g_object_ref (task), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
}

static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PasswordJob *job = task_data;
  const char *hash = job->hash != NULL ? job->hash : dummy_hash;
  gboolean match;

  match = crypto_pwhash_str_verify (hash, job->password, strlen (job->password)) == 0;
  g_task_return_boolean (task, match && job->hash != NULL);
}

char *
ef_secret_token_new (void)
{
  guchar bytes[TOKEN_BYTES];
  char text[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (text);
}

gboolean
ef_secret_token_is_well_formed (const char *text)
{
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len != sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return FALSE;
  return TRUE;
}

char *
ef_secret_token_digest (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static void
add_detail (JsonArray  *details,
            const char *field,
            const char *code)
{
  JsonObject *detail = json_object_new ();

  json_object_set_string_member (detail, "field", field);
  json_object_set_string_member (detail, "code", code);
  json_array_add_object_element (details, detail);
}

gboolean
ef_password_check_rules (const char *password,
                         const char *email,
                         const char *field,
                         JsonArray  *details)
{
  g_autofree char *folded_password = NULL;
  glong length;
  guint before;

  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (details != NULL, FALSE);

  before = json_array_get_length (details);
  length = g_utf8_strlen (password, -1);
  if (length < EF_PASSWORD_MIN_LENGTH)
    add_detail (details, field, "too_short");
  else if (length > EF_PASSWORD_MAX_LENGTH)
    add_detail (details, field, "too_long");

  /* The e-mail, or its part before "@" when that is long enough to be a
   * real guess, must not be in the password. */
  folded_password = g_utf8_casefold (password, -1);
  if (email != NULL && *email != '\0')
    {
      g_autofree char *folded_email = g_utf8_casefold (email, -1);
      const char *at = strchr (folded_email, '@');
      g_autofree char *local = at ? g_strndup (folded_email, at - folded_email) : NULL;

      if (strstr (folded_password, folded_email) != NULL ||
          (local != NULL && strlen (local) >= 4 && strstr (folded_password, local) != NULL))
        add_detail (details, field, "contains_email");
    }

  return json_array_get_length (details) == before;
}

void
ef_password_hash_async (const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (password != NULL);

  start_password_job (password_job_new (password, NULL, hash_in_thread), ef_password_hash_async,
                      cancellable, callback, user_data);
}

char *
ef_password_hash_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_password_hash_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ef_password_verify_async (const char          *password,
                          const char          *hash,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (password != NULL);

  start_password_job (password_job_new (password, hash, verify_in_thread), ef_password_verify_async,
                      cancellable, callback, user_data);
}

gboolean
ef_password_verify_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_password_verify_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
