/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-devices.c: remembered devices */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "ef-store-private.h"
#include "ef-store-accounts.h"
#include "ef-store-devices.h"

/* What a device keeps of the password it was remembered with: a digest of
 * the account's password hash (which changes with every new password, its
 * salt being new), so that a new password forgets every device without
 * each way of changing it having to. */
static char *
password_stamp (const char *password_hash)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, password_hash, -1);
}

/* Inserts a device of @account_id remembered by a password of hash
 * @password_hash, linked to @session_id; inside a transaction. */
static gboolean
insert_device (EfStore     *self,
               const char  *tenant_id,
               gint64       account_id,
               gint64       session_id,
               const char  *password_hash,
               const char  *digest,
               const char  *client,
               gint64       now,
               GError     **error)
{
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(EfDbStmt) link = NULL;
  g_autofree char *stamp = password_stamp (password_hash);
  gint64 device_id;

  insert = _ef_store_prepare (self,
                              "INSERT INTO devices (tenant_id, account_id, token_hash, password_stamp,"
                              "  client, created_at, expires_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                              error);
  link = _ef_store_prepare (self, "UPDATE sessions SET device_id = ?2 WHERE id = ?1", error);
  if (insert == NULL || link == NULL)
    return FALSE;
  ef_db_bind_text (insert, 1, tenant_id, -1);
  ef_db_bind_int64 (insert, 2, account_id);
  ef_db_bind_text (insert, 3, digest, -1);
  ef_db_bind_text (insert, 4, stamp, -1);
  ef_db_bind_text (insert, 5, client != NULL ? client : "", -1);
  ef_db_bind_int64 (insert, 6, now);
  ef_db_bind_int64 (insert, 7, now + EF_DEVICE_SECONDS);
  if ((device_id = _ef_store_step_insert (self, insert, "remembering a device", error)) == 0)
    return FALSE;
  ef_db_bind_int64 (link, 1, session_id);
  ef_db_bind_int64 (link, 2, device_id);
  return _ef_store_step_done (self, link, "remembering a device", error);
}

gboolean
ef_store_remember_device (EfStore     *self,
                          const char  *tenant_id,
                          gint64       account_id,
                          gint64       session_id,
                          const char  *digest,
                          const char  *client,
                          gint64       now,
                          GError     **error)
{
  g_autoptr(EfDbStmt) account = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && digest != NULL, FALSE);

  if (!_ef_store_begin (self, error))
    return FALSE;
  account = _ef_store_prepare (self,
                               "SELECT password_hash FROM accounts"
                               " WHERE id = ?1 AND tenant_id = ?2 AND password_hash IS NOT NULL",
                               error);
  if (account == NULL)
    goto fail;
  ef_db_bind_int64 (account, 1, account_id);
  ef_db_bind_text (account, 2, tenant_id, -1);
  if (_ef_store_step (self, account, "remembering a device", error) != EF_DB_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such account");
      goto fail;
    }
  if (!insert_device (self, tenant_id, account_id, session_id,
                      (const char *) ef_db_column_text (account, 0), digest, client, now, error) ||
      !_ef_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

gint64
ef_store_sign_in_device (EfStore     *self,
                         const char  *tenant_id,
                         const char  *digest,
                         const char  *new_digest,
                         const char  *session_digest,
                         const char  *client,
                         gint64       now,
                         gint64       session_expires_at,
                         char       **email,
                         GError     **error)
{
  g_autoptr(EfDbStmt) find = NULL;
  g_autoptr(EfDbStmt) spend = NULL;
  g_autoptr(EfDbStmt) open = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *password_hash = NULL;
  gint64 device_id, account_id, expires_at, session_id;
  int rc;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tenant_id != NULL && digest != NULL, 0);
  g_return_val_if_fail (new_digest != NULL && session_digest != NULL, 0);

  if (!_ef_store_begin (self, error))
    return 0;

  find = _ef_store_prepare (self,
                            "SELECT d.id, d.account_id, d.expires_at, d.password_stamp, a.password_hash, a.email"
                            "  FROM devices d JOIN accounts a ON a.id = d.account_id"
                            " WHERE d.token_hash = ?1 AND d.tenant_id = ?2 AND a.tenant_id = ?2",
                            error);
  spend = _ef_store_prepare (self, "DELETE FROM devices WHERE id = ?1", error);
  open = _ef_store_prepare (self,
                            "INSERT INTO sessions (tenant_id, account_id, token_hash, client,"
                            "  created_at, last_seen_at, expires_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) RETURNING id",
                            error);
  if (find == NULL || spend == NULL || open == NULL)
    goto fail;
  ef_db_bind_text (find, 1, digest, -1);
  ef_db_bind_text (find, 2, tenant_id, -1);
  rc = _ef_store_step (self, find, "finding a device", error);
  if (rc == EF_DB_DONE)
    {
      _ef_store_rollback (self);
      return 0;
    }
  if (rc != EF_DB_ROW)
    goto fail;
  device_id = ef_db_column_int64 (find, 0);
  account_id = ef_db_column_int64 (find, 1);
  expires_at = ef_db_column_int64 (find, 2);
  stamp = _ef_store_column_dup (find, 3);
  password_hash = _ef_store_column_dup_or_null (find, 4);

  /* Spent, whatever comes next. */
  ef_db_bind_int64 (spend, 1, device_id);
  if (!_ef_store_step_done (self, spend, "forgetting a device", error))
    goto fail;

  if (expires_at <= now || password_hash == NULL)
    goto forgotten;
  {
    g_autofree char *current = password_stamp (password_hash);

    if (g_strcmp0 (current, stamp) != 0)
      goto forgotten;
  }

  ef_db_bind_text (open, 1, tenant_id, -1);
  ef_db_bind_int64 (open, 2, account_id);
  ef_db_bind_text (open, 3, session_digest, -1);
  ef_db_bind_text (open, 4, client != NULL ? client : "", -1);
  ef_db_bind_int64 (open, 5, now);
  ef_db_bind_int64 (open, 6, session_expires_at);
  if ((session_id = _ef_store_step_insert (self, open, "opening a session", error)) == 0 ||
      !insert_device (self, tenant_id, account_id, session_id, password_hash, new_digest,
                      client, now, error) ||
      !ef_store_record_connection (self, tenant_id, account_id, now, EF_CONNECTION_OK,
                                   client, error) ||
      !_ef_store_commit (self, error))
    goto fail;
  if (email != NULL)
    *email = _ef_store_column_dup (find, 5);
  return account_id;

forgotten:
  if (!_ef_store_commit (self, error))
    goto fail;
  return 0;

fail:
  _ef_store_rollback (self);
  return 0;
}

gboolean
ef_store_forget_session_device (EfStore     *self,
                                gint64       session_id,
                                GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "DELETE FROM devices"
                            " WHERE id = (SELECT device_id FROM sessions WHERE id = ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, session_id);
  return _ef_store_step_done (self, stmt, "forgetting a device", error);
}
