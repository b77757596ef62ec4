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

/* Forgets what no one can use any more, of @account_id: expired tokens,
 * and spent ones once their chain would have expired anyway. */
static gboolean
purge_account (EfStore     *self,
               gint64       account_id,
               gint64       now,
               GError     **error)
{
  g_autoptr(EfDbStmt) purge = NULL;

  purge = _ef_store_prepare (self,
                             "DELETE FROM devices WHERE account_id = ?1"
                             "   AND (expires_at <= ?2 OR chain_started_at <= ?2 - ?3)",
                             error);
  if (purge == NULL)
    return FALSE;
  ef_db_bind_int64 (purge, 1, account_id);
  ef_db_bind_int64 (purge, 2, now);
  ef_db_bind_int64 (purge, 3, EF_DEVICE_CHAIN_SECONDS);
  return _ef_store_step_done (self, purge, "forgetting old devices", error);
}

/* Forgets the chain @chain_id: its tokens, and the sessions they opened
 * (@reason "revoked"), or not (@reason NULL). */
static gboolean
forget_chain (EfStore     *self,
              gint64       chain_id,
              gint64       now,
              const char  *reason,
              GError     **error)
{
  g_autoptr(EfDbStmt) end = NULL;
  g_autoptr(EfDbStmt) forget = NULL;

  if (reason != NULL)
    {
      end = _ef_store_prepare (self,
                               "UPDATE sessions SET ended_at = ?2, end_reason = ?3"
                               " WHERE ended_at IS NULL AND device_id IN"
                               "   (SELECT id FROM devices WHERE chain_id = ?1)",
                               error);
      if (end == NULL)
        return FALSE;
      ef_db_bind_int64 (end, 1, chain_id);
      ef_db_bind_int64 (end, 2, now);
      ef_db_bind_text (end, 3, reason, -1);
      if (!_ef_store_step_done (self, end, "ending a device's sessions", error))
        return FALSE;
    }
  forget = _ef_store_prepare (self, "DELETE FROM devices WHERE chain_id = ?1", error);
  if (forget == NULL)
    return FALSE;
  ef_db_bind_int64 (forget, 1, chain_id);
  return _ef_store_step_done (self, forget, "forgetting a device", error);
}

/* Inserts a device of @account_id, linked to @session_id, in the chain
 * @chain_id started at @chain_started_at (0: a new chain, started @now);
 * inside a transaction. */
static gboolean
insert_device (EfStore     *self,
               const char  *tenant_id,
               gint64       account_id,
               gint64       session_id,
               gint64       chain_id,
               gint64       chain_started_at,
               const char  *stamp,
               const char  *digest,
               const char  *client,
               gint64       now,
               GError     **error)
{
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(EfDbStmt) link = NULL;
  gint64 device_id;

  insert = _ef_store_prepare (self,
                              "INSERT INTO devices (tenant_id, account_id, chain_id, token_hash,"
                              "  password_stamp, client, chain_started_at, created_at, expires_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                              error);
  link = _ef_store_prepare (self,
                            "UPDATE sessions SET device_id = ?2 WHERE id = ?1",
                            error);
  if (insert == NULL || link == NULL)
    return FALSE;
  ef_db_bind_text (insert, 1, tenant_id, -1);
  ef_db_bind_int64 (insert, 2, account_id);
  if (chain_id > 0)
    ef_db_bind_int64 (insert, 3, chain_id);
  ef_db_bind_text (insert, 4, digest, -1);
  ef_db_bind_text (insert, 5, stamp, -1);
  ef_db_bind_text (insert, 6, client != NULL ? client : "", -1);
  ef_db_bind_int64 (insert, 7, chain_id > 0 ? chain_started_at : now);
  ef_db_bind_int64 (insert, 8, now);
  ef_db_bind_int64 (insert, 9, now + EF_DEVICE_SECONDS);
  if ((device_id = _ef_store_step_insert (self, insert, "remembering a device", error)) == 0)
    return FALSE;
  if (chain_id <= 0)
    {
      g_autoptr(EfDbStmt) first = _ef_store_prepare (self,
                                                     "UPDATE devices SET chain_id = id WHERE id = ?1",
                                                     error);

      if (first == NULL)
        return FALSE;
      ef_db_bind_int64 (first, 1, device_id);
      if (!_ef_store_step_done (self, first, "remembering a device", error))
        return FALSE;
    }
  ef_db_bind_int64 (link, 1, session_id);
  ef_db_bind_int64 (link, 2, device_id);
  return _ef_store_step_done (self, link, "remembering a device", error);
}

gboolean
ef_store_remember_device (EfStore     *self,
                          const char  *tenant_id,
                          gint64       account_id,
                          gint64       session_id,
                          const char  *password_hash,
                          const char  *digest,
                          const char  *client,
                          gint64       now,
                          gboolean    *remembered,
                          GError     **error)
{
  g_autoptr(EfDbStmt) account = NULL;
  g_autofree char *stamp = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && password_hash != NULL && digest != NULL, FALSE);
  g_return_val_if_fail (remembered != NULL, FALSE);

  *remembered = FALSE;
  if (!_ef_store_begin (self, error))
    return FALSE;
  /* The password checked is still the account's: one changed meanwhile
   * remembers nothing. */
  account = _ef_store_prepare (self,
                               "SELECT 1 FROM accounts"
                               " WHERE id = ?1 AND tenant_id = ?2 AND password_hash = ?3",
                               error);
  if (account == NULL)
    goto fail;
  ef_db_bind_int64 (account, 1, account_id);
  ef_db_bind_text (account, 2, tenant_id, -1);
  ef_db_bind_text (account, 3, password_hash, -1);
  rc = _ef_store_step (self, account, "remembering a device", error);
  if (rc == EF_DB_DONE)
    {
      _ef_store_rollback (self);
      return TRUE;
    }
  stamp = password_stamp (password_hash);
  if (rc != EF_DB_ROW ||
      !purge_account (self, account_id, now, error) ||
      !insert_device (self, tenant_id, account_id, session_id, 0, 0, stamp, digest, client,
                      now, error) ||
      !_ef_store_commit (self, error))
    goto fail;
  *remembered = TRUE;
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
  g_autofree char *stamp = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *current = NULL;
  g_autofree char *found_email = NULL;
  gint64 device_id, account_id, chain_id, chain_started_at, expires_at, session_id;
  gboolean spent;
  int rc;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tenant_id != NULL && digest != NULL, 0);
  g_return_val_if_fail (new_digest != NULL && session_digest != NULL, 0);

  if (!_ef_store_begin (self, error))
    return 0;

  find = _ef_store_prepare (self,
                            "SELECT d.id, d.account_id, d.chain_id, d.chain_started_at, d.expires_at,"
                            "       d.spent_at IS NOT NULL, d.password_stamp, a.password_hash, a.email"
                            "  FROM devices d JOIN accounts a ON a.id = d.account_id"
                            " WHERE d.token_hash = ?1 AND d.tenant_id = ?2 AND a.tenant_id = ?2",
                            error);
  spend = _ef_store_prepare (self,
                             "UPDATE devices SET spent_at = ?2 WHERE id = ?1 AND spent_at IS NULL",
                             error);
  if (find == NULL || spend == NULL)
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
  chain_id = ef_db_column_int64 (find, 2);
  chain_started_at = ef_db_column_int64 (find, 3);
  expires_at = ef_db_column_int64 (find, 4);
  spent = ef_db_column_int64 (find, 5) != 0;
  stamp = _ef_store_column_dup (find, 6);
  password_hash = _ef_store_column_dup_or_null (find, 7);
  found_email = _ef_store_column_dup (find, 8);
  current = password_hash != NULL ? password_stamp (password_hash) : NULL;

  /* A token used twice was copied: the whole chain is forgotten, and its
   * sessions end, the thief's and the owner's alike. */
  if (spent)
    {
      if (!forget_chain (self, chain_id, now, "revoked", error))
        goto fail;
      goto refused;
    }
  if (expires_at <= now || chain_started_at + EF_DEVICE_CHAIN_SECONDS <= now ||
      g_strcmp0 (current, stamp) != 0)
    {
      if (!forget_chain (self, chain_id, now, NULL, error))
        goto fail;
      goto refused;
    }

  ef_db_bind_int64 (spend, 1, device_id);
  ef_db_bind_int64 (spend, 2, now);
  if (!_ef_store_step_done (self, spend, "spending a device token", error))
    goto fail;
  if (ef_db_changes (self->db) != 1)
    goto refused;

  if ((session_id = _ef_store_insert_session (self, tenant_id, account_id, session_digest, client,
                                              now, session_expires_at, error)) == 0 ||
      !purge_account (self, account_id, now, error) ||
      !insert_device (self, tenant_id, account_id, session_id, chain_id, chain_started_at,
                      stamp, new_digest, client, now, error) ||
      !ef_store_record_connection (self, tenant_id, account_id, now, EF_CONNECTION_OK,
                                   client, error) ||
      !_ef_store_commit (self, error))
    goto fail;
  if (email != NULL)
    *email = g_steal_pointer (&found_email);
  return account_id;

refused:
  /* The account's history shows the refused attempt. */
  if (!ef_store_record_connection (self, tenant_id, account_id, now,
                                   EF_CONNECTION_BAD_CREDENTIALS, client, error) ||
      !_ef_store_commit (self, error))
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
                            "DELETE FROM devices WHERE chain_id ="
                            " (SELECT d.chain_id FROM sessions s JOIN devices d ON d.id = s.device_id"
                            "   WHERE s.id = ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, session_id);
  return _ef_store_step_done (self, stmt, "forgetting a device", error);
}

gboolean
ef_store_forget_device (EfStore     *self,
                        const char  *tenant_id,
                        const char  *digest,
                        GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && digest != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "DELETE FROM devices WHERE chain_id ="
                            " (SELECT chain_id FROM devices WHERE token_hash = ?1 AND tenant_id = ?2)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, digest, -1);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  return _ef_store_step_done (self, stmt, "forgetting a device", error);
}

void
ef_store_device_free (EfStoreDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->client);
  g_free (device);
}

typedef struct
{
  EfStoreDevice *device;
  char          *stamp;
  char          *password_hash;
} DeviceRow;

static gpointer
device_row_from_row (EfDbStmt *stmt)
{
  DeviceRow *row = g_new0 (DeviceRow, 1);

  row->device = g_new0 (EfStoreDevice, 1);
  row->device->id = ef_db_column_int64 (stmt, 0);
  row->device->client = _ef_store_column_dup (stmt, 1);
  row->device->since = ef_db_column_int64 (stmt, 2);
  row->device->last_used_at = ef_db_column_int64 (stmt, 3);
  row->device->expires_at = ef_db_column_int64 (stmt, 4);
  row->device->current = ef_db_column_int64 (stmt, 5) != 0;
  row->stamp = _ef_store_column_dup (stmt, 6);
  row->password_hash = _ef_store_column_dup_or_null (stmt, 7);
  return row;
}

static void
device_row_free (DeviceRow *row)
{
  ef_store_device_free (row->device);
  g_free (row->stamp);
  g_free (row->password_hash);
  g_free (row);
}

GPtrArray *
ef_store_list_devices (EfStore     *self,
                       gint64       account_id,
                       gint64       session_id,
                       gint64       now,
                       GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *devices;

  g_return_val_if_fail (self != NULL, NULL);

  /* A chain's latest token is its only unspent one. */
  stmt = _ef_store_prepare (self,
                            "SELECT d.chain_id, d.client, d.chain_started_at, d.created_at,"
                            "       least (d.expires_at, d.chain_started_at + ?4),"
                            "       d.chain_id = coalesce ((SELECT c.chain_id FROM sessions s"
                            "                                 JOIN devices c ON c.id = s.device_id"
                            "                                WHERE s.id = ?2), 0),"
                            "       d.password_stamp, a.password_hash"
                            "  FROM devices d JOIN accounts a ON a.id = d.account_id"
                            " WHERE d.account_id = ?1 AND d.spent_at IS NULL"
                            "   AND d.expires_at > ?3 AND d.chain_started_at + ?4 > ?3"
                            " ORDER BY d.created_at DESC, d.chain_id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, account_id);
  ef_db_bind_int64 (stmt, 2, session_id);
  ef_db_bind_int64 (stmt, 3, now);
  ef_db_bind_int64 (stmt, 4, EF_DEVICE_CHAIN_SECONDS);
  rows = _ef_store_collect_rows (self, stmt, device_row_from_row, (GDestroyNotify) device_row_free,
                                 "listing the devices", error);
  if (rows == NULL)
    return NULL;

  /* Those given with another password than the account's stopped working. */
  devices = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_store_device_free);
  for (guint i = 0; i < rows->len; i++)
    {
      DeviceRow *row = g_ptr_array_index (rows, i);
      g_autofree char *current = NULL;

      if (row->password_hash == NULL)
        continue;
      current = password_stamp (row->password_hash);
      if (g_strcmp0 (current, row->stamp) == 0)
        g_ptr_array_add (devices, g_steal_pointer (&row->device));
    }
  return devices;
}

gboolean
ef_store_revoke_device (EfStore     *self,
                        gint64       account_id,
                        gint64       device_id,
                        gint64       now,
                        gboolean    *found,
                        GError     **error)
{
  g_autoptr(EfDbStmt) find = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (found != NULL, FALSE);

  *found = FALSE;
  if (!_ef_store_begin (self, error))
    return FALSE;
  find = _ef_store_prepare (self,
                            "SELECT 1 FROM devices WHERE chain_id = ?1 AND account_id = ?2"
                            " AND spent_at IS NULL",
                            error);
  if (find == NULL)
    goto fail;
  ef_db_bind_int64 (find, 1, device_id);
  ef_db_bind_int64 (find, 2, account_id);
  rc = _ef_store_step (self, find, "finding a device", error);
  if (rc != EF_DB_ROW && rc != EF_DB_DONE)
    goto fail;
  *found = rc == EF_DB_ROW;
  if (*found && !forget_chain (self, device_id, now, "revoked", error))
    goto fail;
  return _ef_store_commit (self, error);

fail:
  _ef_store_rollback (self);
  return FALSE;
}
