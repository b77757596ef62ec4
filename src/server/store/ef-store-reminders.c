/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-reminders.c: reminders by e-mail — what each parent asked for,
 * and what `remind` already sent */

#define G_LOG_DOMAIN "EfStore"

#include "config.h"


#include "ef-store-private.h"
#include "ef-store-reminders.h"

void
ef_reminder_recipient_free (EfReminderRecipient *recipient)
{
  if (recipient == NULL)
    return;
  g_free (recipient->email);
  g_free (recipient);
}

gboolean
ef_store_get_account_reminders (EfStore             *self,
                                gint64               account_id,
                                EfAccountReminders  *reminders,
                                GError             **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (reminders != NULL, FALSE);

  reminders->deadlines = FALSE;
  reminders->due_dates = FALSE;
  reminders->hours_before = EF_REMINDERS_DEFAULT_HOURS;

  stmt = _ef_store_prepare (self,
                            "SELECT deadlines, due_dates, hours_before FROM account_reminders"
                            " WHERE account_id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, account_id);
  rc = _ef_store_step (self, stmt, "reading reminder settings", error);
  if (rc == EF_DB_DONE)
    return TRUE;
  if (rc != EF_DB_ROW)
    return FALSE;

  reminders->deadlines = ef_db_column_int64 (stmt, 0) != 0;
  reminders->due_dates = ef_db_column_int64 (stmt, 1) != 0;
  reminders->hours_before = (guint) ef_db_column_int64 (stmt, 2);
  return TRUE;
}

gboolean
ef_store_set_account_reminders (EfStore                   *self,
                                gint64                     account_id,
                                const EfAccountReminders  *reminders,
                                gint64                     now,
                                GError                   **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (reminders != NULL, FALSE);
  g_return_val_if_fail (reminders->hours_before >= 1 &&
                        reminders->hours_before <= EF_REMINDERS_MAX_HOURS, FALSE);

  stmt = _ef_store_prepare (self,
                            "INSERT INTO account_reminders"
                            "  (account_id, deadlines, due_dates, hours_before, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)"
                            " ON CONFLICT (account_id) DO UPDATE SET"
                            "  deadlines = excluded.deadlines,"
                            "  due_dates = excluded.due_dates,"
                            "  hours_before = excluded.hours_before,"
                            "  updated_at = excluded.updated_at",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, account_id);
  ef_db_bind_int64 (stmt, 2, reminders->deadlines ? 1 : 0);
  ef_db_bind_int64 (stmt, 3, reminders->due_dates ? 1 : 0);
  ef_db_bind_int64 (stmt, 4, (int) reminders->hours_before);
  ef_db_bind_int64 (stmt, 5, now);
  return _ef_store_step_done (self, stmt, "saving reminder settings", error);
}

static gpointer
recipient_from_row (EfDbStmt *stmt)
{
  EfReminderRecipient *recipient = g_new0 (EfReminderRecipient, 1);

  recipient->account_id = ef_db_column_int64 (stmt, 0);
  recipient->family_id = ef_db_column_int64 (stmt, 1);
  recipient->email = _ef_store_column_dup (stmt, 2);
  recipient->reminders.deadlines = ef_db_column_int64 (stmt, 3) != 0;
  recipient->reminders.due_dates = ef_db_column_int64 (stmt, 4) != 0;
  recipient->reminders.hours_before = (guint) ef_db_column_int64 (stmt, 5);
  return recipient;
}

static gboolean
add_recipient (EfDbStmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  g_ptr_array_add (user_data, recipient_from_row (stmt));
  return TRUE;
}

GPtrArray *
ef_store_list_reminder_recipients (EfStore     *self,
                                   const char  *tenant_id,
                                   GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) recipients = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  /* Only parents with a password: an invitation not yet accepted is no
   * one to remind. */
  stmt = _ef_store_prepare (self,
                            "SELECT a.id, a.family_id, a.email,"
                            "       r.deadlines, r.due_dates, r.hours_before"
                            "  FROM account_reminders r JOIN accounts a ON a.id = r.account_id"
                            " WHERE a.tenant_id = ?1 AND a.kind = 'parent'"
                            "   AND a.password_hash IS NOT NULL"
                            "   AND (r.deadlines = 1 OR r.due_dates = 1)"
                            " ORDER BY a.id",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);

  recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_reminder_recipient_free);
  if (!_ef_store_for_each_row (self, stmt, add_recipient, recipients,
                               "listing reminder recipients", error))
    return NULL;
  return g_steal_pointer (&recipients);
}

gboolean
ef_store_reminder_was_sent (EfStore     *self,
                            gint64       account_id,
                            const char  *key,
                            gboolean    *sent,
                            GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "SELECT 1 FROM reminders_sent WHERE account_id = ?1 AND key = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, account_id);
  ef_db_bind_text (stmt, 2, key, -1);
  rc = _ef_store_step (self, stmt, "reading the reminders sent", error);
  if (rc != EF_DB_ROW && rc != EF_DB_DONE)
    return FALSE;
  *sent = rc == EF_DB_ROW;
  return TRUE;
}

gboolean
ef_store_mark_reminder_sent (EfStore     *self,
                             gint64       account_id,
                             const char  *key,
                             gint64       now,
                             GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "INSERT INTO reminders_sent (account_id, key, sent_at)"
                            " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, account_id);
  ef_db_bind_text (stmt, 2, key, -1);
  ef_db_bind_int64 (stmt, 3, now);
  return _ef_store_step_done (self, stmt, "recording a reminder sent", error);
}

static gboolean
add_tenant_id (EfDbStmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  g_ptr_array_add (user_data, _ef_store_column_dup (stmt, 0));
  return TRUE;
}

GPtrArray *
ef_store_list_tenant_ids (EfStore  *self,
                          GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self, "SELECT id FROM tenants ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  ids = g_ptr_array_new_with_free_func (g_free);
  if (!_ef_store_for_each_row (self, stmt, add_tenant_id, ids, "listing the tenants", error))
    return NULL;
  return g_steal_pointer (&ids);
}
