/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-payfip.c: online payment through PayFiP — settings, provider
 * operations, and the simulator's operations
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-store-payfip.h"
#include "ef-store-private.h"

static void
clear_params (EfPayfipParams *params)
{
  g_free (params->numcli);
  g_free (params->exer);
  g_free (params->refdet);
  g_free (params->objet);
  g_free (params->mel);
  g_free (params->urlnotif);
  g_free (params->urlredirect);
  g_free (params->saisie);
}

void
ef_payfip_settings_free (EfPayfipSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->tenant_id);
  g_free (settings->numcli);
  g_free (settings->saisie);
  g_free (settings->provider);
  g_free (settings);
}

void
ef_payment_operation_free (EfPaymentOperation *operation)
{
  if (operation == NULL)
    return;
  g_free (operation->provider);
  g_free (operation->numcli);
  g_free (operation->exer);
  g_free (operation->refdet);
  g_free (operation->objet);
  g_free (operation->mel);
  g_free (operation->saisie);
  g_free (operation->idop);
  g_free (operation->provider_url);
  g_free (operation->resultrans);
  g_free (operation);
}

void
ef_payfip_sim_operation_free (EfPayfipSimOperation *operation)
{
  if (operation == NULL)
    return;
  g_free (operation->idop);
  clear_params (&operation->params);
  g_free (operation->resultrans);
  g_free (operation->numauto);
  g_free (operation->tenant_name);
  g_free (operation);
}

/* ------------------------------------------------------------ settings */

EfPayfipSettings *
ef_store_load_payfip_settings (EfStore     *self,
                               const char  *tenant_id,
                               GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  EfPayfipSettings *settings;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT numcli, saisie, provider FROM payfip_settings"
                            " WHERE tenant_id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  rc = _ef_store_step (self, stmt, "loading PayFiP settings", error);
  if (rc != EF_DB_ROW)
    return NULL;

  settings = g_new0 (EfPayfipSettings, 1);
  settings->tenant_id = g_strdup (tenant_id);
  settings->numcli = _ef_store_column_dup_or_null (stmt, 0);
  settings->saisie = _ef_store_column_dup_or_null (stmt, 1);
  settings->provider = _ef_store_column_dup_or_null (stmt, 2);
  return settings;
}

gboolean
ef_store_set_payfip_settings (EfStore     *self,
                              const char  *tenant_id,
                              const char  *numcli,
                              const char  *saisie,
                              const char  *provider,
                              GError     **error)
{
  g_autoptr(EfPayfipSettings) current = NULL;
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(EfDbStmt) tenant = NULL;
  g_autoptr(EfDbStmt) other = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (numcli != NULL && !ef_payfip_numcli_is_valid (numcli))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Invalid PayFiP client number '%s': 6 digits", numcli);
      return FALSE;
    }
  if (saisie != NULL && !(g_str_equal (saisie, "T") || g_str_equal (saisie, "X") ||
                          g_str_equal (saisie, "W")))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Invalid PayFiP saisie '%s': T (test), X (production) or W (activation)",
                   saisie);
      return FALSE;
    }
  if (provider != NULL && !g_str_equal (provider, EF_PAYFIP_PROVIDER_SIMULATOR))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Unknown payment provider '%s': the only one is \"simulator\"", provider);
      return FALSE;
    }

  if (!_ef_store_begin (self, error))
    return FALSE;

  tenant = _ef_store_prepare (self, "SELECT 1 FROM tenants WHERE id = ?1", error);
  if (tenant == NULL)
    goto fail;
  ef_db_bind_text (tenant, 1, tenant_id, -1);
  if (ef_db_step (tenant) != EF_DB_ROW)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown tenant '%s'", tenant_id);
      goto fail;
    }

  if (numcli != NULL)
    {
      other = _ef_store_prepare (self,
                                 "SELECT tenant_id FROM payfip_settings"
                                 " WHERE numcli = ?1 AND tenant_id <> ?2",
                                 error);
      if (other == NULL)
        goto fail;
      ef_db_bind_text (other, 1, numcli, -1);
      ef_db_bind_text (other, 2, tenant_id, -1);
      if (ef_db_step (other) == EF_DB_ROW)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       "The PayFiP client number %s is the tenant %s's", numcli,
                       (const char *) ef_db_column_text (other, 0));
          goto fail;
        }
    }

  current = ef_store_load_payfip_settings (self, tenant_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (current == NULL && (numcli == NULL || saisie == NULL || provider == NULL))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "The tenant '%s' has no PayFiP settings yet: give the client number, "
                   "the saisie and the provider", tenant_id);
      goto fail;
    }

  stmt = _ef_store_prepare (self,
                            "INSERT INTO payfip_settings (tenant_id, numcli, saisie, provider)"
                            " VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT (tenant_id) DO UPDATE SET"
                            "  numcli = excluded.numcli, saisie = excluded.saisie,"
                            "  provider = excluded.provider",
                            error);
  if (stmt == NULL)
    goto fail;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, numcli ? numcli : current->numcli, -1);
  ef_db_bind_text (stmt, 3, saisie ? saisie : current->saisie, -1);
  ef_db_bind_text (stmt, 4, provider ? provider : current->provider, -1);
  if (!_ef_store_step_done (self, stmt, "saving PayFiP settings", error) || !_ef_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

/* ----------------------------------------------------------- operations */

gboolean
ef_store_add_payment_operation (EfStore              *self,
                                gint64                payment_id,
                                const char           *provider,
                                const EfPayfipParams *params,
                                gint64                expires_at,
                                GError              **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "INSERT INTO payment_operations (payment_id, provider, numcli, exer,"
                            "  refdet, objet, mel, saisie, expires_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, payment_id);
  ef_db_bind_text (stmt, 2, provider, -1);
  ef_db_bind_text (stmt, 3, params->numcli, -1);
  ef_db_bind_text (stmt, 4, params->exer, -1);
  ef_db_bind_text (stmt, 5, params->refdet, -1);
  ef_db_bind_text (stmt, 6, params->objet, -1);
  ef_db_bind_text (stmt, 7, params->mel, -1);
  ef_db_bind_text (stmt, 8, params->saisie, -1);
  ef_db_bind_int64 (stmt, 9, expires_at);
  return _ef_store_step_done (self, stmt, "saving a payment operation", error);
}

gboolean
ef_store_set_payment_operation_idop (EfStore     *self,
                                     gint64       payment_id,
                                     const char  *idop,
                                     const char  *provider_url,
                                     GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "UPDATE payment_operations SET idop = ?2, provider_url = ?3"
                            " WHERE payment_id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, payment_id);
  ef_db_bind_text (stmt, 2, idop, -1);
  ef_db_bind_text (stmt, 3, provider_url, -1);
  return _ef_store_step_done (self, stmt, "saving a payment operation", error);
}

#define OPERATION_COLUMNS \
  "o.payment_id, o.provider, o.numcli, o.exer, o.refdet, o.objet, o.mel, o.saisie," \
  " o.idop, o.provider_url, o.expires_at, o.resultrans, o.result_at, o.late, o.refund_due"

static EfPaymentOperation *
read_operation (EfStore       *self,
                EfDbStmt  *stmt,
                GError       **error)
{
  EfPaymentOperation *operation;
  int rc = _ef_store_step (self, stmt, "loading a payment operation", error);

  if (rc != EF_DB_ROW)
    return NULL;

  operation = g_new0 (EfPaymentOperation, 1);
  operation->payment_id = ef_db_column_int64 (stmt, 0);
  operation->provider = _ef_store_column_dup_or_null (stmt, 1);
  operation->numcli = _ef_store_column_dup_or_null (stmt, 2);
  operation->exer = _ef_store_column_dup_or_null (stmt, 3);
  operation->refdet = _ef_store_column_dup_or_null (stmt, 4);
  operation->objet = _ef_store_column_dup_or_null (stmt, 5);
  operation->mel = _ef_store_column_dup_or_null (stmt, 6);
  operation->saisie = _ef_store_column_dup_or_null (stmt, 7);
  operation->idop = _ef_store_column_dup_or_null (stmt, 8);
  operation->provider_url = _ef_store_column_dup_or_null (stmt, 9);
  operation->expires_at = ef_db_column_int64 (stmt, 10);
  operation->resultrans = _ef_store_column_dup_or_null (stmt, 11);
  operation->result_at = ef_db_column_int64 (stmt, 12);
  operation->late = ef_db_column_int64 (stmt, 13) != 0;
  operation->refund_due = ef_db_column_int64 (stmt, 14) != 0;
  return operation;
}

EfPaymentOperation *
ef_store_get_payment_operation (EfStore  *self,
                                gint64    payment_id,
                                GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT " OPERATION_COLUMNS " FROM payment_operations o"
                            " WHERE o.payment_id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, payment_id);
  return read_operation (self, stmt, error);
}

EfPaymentOperation *
ef_store_find_payment_operation (EfStore     *self,
                                 const char  *tenant_id,
                                 const char  *idop,
                                 GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT " OPERATION_COLUMNS " FROM payment_operations o"
                            "  JOIN payments p ON p.id = o.payment_id"
                            " WHERE o.idop = ?1 AND p.tenant_id = ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, idop, -1);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  return read_operation (self, stmt, error);
}

gboolean
ef_store_set_payment_operation_result (EfStore     *self,
                                       gint64       payment_id,
                                       const char  *resultrans,
                                       gboolean     late,
                                       gboolean     refund_due,
                                       gint64       now,
                                       GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "UPDATE payment_operations SET"
                            "  resultrans = coalesce (resultrans, ?2),"
                            "  result_at = coalesce (result_at, ?3),"
                            "  late = greatest (late, ?4),"
                            "  refund_due = greatest (refund_due, ?5)"
                            " WHERE payment_id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, payment_id);
  ef_db_bind_text (stmt, 2, resultrans, -1);
  ef_db_bind_int64 (stmt, 3, now);
  ef_db_bind_int64 (stmt, 4, late ? 1 : 0);
  ef_db_bind_int64 (stmt, 5, refund_due ? 1 : 0);
  return _ef_store_step_done (self, stmt, "saving a payment result", error);
}

GArray *
ef_store_list_stale_online_payments (EfStore     *self,
                                     const char  *tenant_id,
                                     gint64       now,
                                     GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT p.id FROM payments p"
                            "  JOIN payment_operations o ON o.payment_id = p.id"
                            " WHERE p.tenant_id = ?1 AND p.status = 'pending'"
                            "   AND o.expires_at <= ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, now);
  if (!_ef_store_for_each_row (self, stmt, _ef_store_append_id, ids, "listing pending payments", error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* ------------------------------------------------------ reconciliation */

void
ef_payment_to_reconcile_free (EfPaymentToReconcile *item)
{
  if (item == NULL)
    return;
  g_free (item->refdet);
  g_free (item);
}

#define RECONCILED_TARGET "'payment/' || p.id"

static gpointer
payment_to_reconcile_from_row (EfDbStmt *stmt)
{
  EfPaymentToReconcile *item = g_new0 (EfPaymentToReconcile, 1);

  item->payment_id = ef_db_column_int64 (stmt, 0);
  item->family_id = ef_db_column_int64 (stmt, 1);
  item->amount = ef_db_column_int64 (stmt, 2);
  item->result_at = ef_db_column_int64 (stmt, 3);
  item->refdet = _ef_store_column_dup (stmt, 4);
  return item;
}

GPtrArray *
ef_store_list_payments_to_reconcile (EfStore     *self,
                                     const char  *tenant_id,
                                     GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT p.id, p.family_id, p.amount_cents,"
                            "       coalesce (o.result_at, p.updated_at), o.refdet"
                            "  FROM payments p JOIN payment_operations o ON o.payment_id = p.id"
                            " WHERE p.tenant_id = ?1 AND o.refund_due = 1"
                            "   AND NOT EXISTS (SELECT 1 FROM staff_audit a"
                            "                    WHERE a.tenant_id = p.tenant_id"
                            "                      AND a.action = 'payment_reconciled'"
                            "                      AND a.target = " RECONCILED_TARGET ")"
                            " ORDER BY 4, p.id",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  return _ef_store_collect_rows (self, stmt, payment_to_reconcile_from_row,
                                 (GDestroyNotify) ef_payment_to_reconcile_free,
                                 "listing payments to reconcile", error);
}

static gboolean
mark_payment_reconciled (EfStore     *self,
                         const char  *tenant_id,
                         gint64       payment_id,
                         const char  *agent_name,
                         const char  *note,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(EfDbStmt) find = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *target = NULL;
  gint64 family_id;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  find = _ef_store_prepare (self,
                            "SELECT p.family_id, EXISTS (SELECT 1 FROM staff_audit a"
                            "                    WHERE a.tenant_id = p.tenant_id"
                            "                      AND a.action = 'payment_reconciled'"
                            "                      AND a.target = " RECONCILED_TARGET ")"
                            "  FROM payments p JOIN payment_operations o ON o.payment_id = p.id"
                            " WHERE p.tenant_id = ?1 AND p.id = ?2 AND o.refund_due = 1",
                            error);
  if (find == NULL)
    return FALSE;
  ef_db_bind_text (find, 1, tenant_id, -1);
  ef_db_bind_int64 (find, 2, payment_id);
  rc = _ef_store_step (self, find, "reading a payment to reconcile", error);
  if (rc == EF_DB_DONE)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND,
                   "No payment %" G_GINT64_FORMAT " with a refund due", payment_id);
      return FALSE;
    }
  if (rc != EF_DB_ROW)
    return FALSE;
  if (ef_db_column_int64 (find, 1) != 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "Payment %" G_GINT64_FORMAT " is already reconciled", payment_id);
      return FALSE;
    }
  family_id = ef_db_column_int64 (find, 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reconciled");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, note);
  json_builder_end_object (builder);
  after = json_builder_get_root (builder);
  after_text = json_to_string (after, FALSE);
  target = g_strdup_printf ("payment/%" G_GINT64_FORMAT, payment_id);

  insert = _ef_store_prepare (self,
                              "INSERT INTO staff_audit (tenant_id, at, agent_id, agent_name,"
                              "  agent_email, family_id, action, target, before, after, via)"
                              " VALUES (?1, ?2, NULL, ?3, '', ?4, 'payment_reconciled', ?5,"
                              "  NULL, ?6, NULL)",
                              error);
  if (insert == NULL)
    return FALSE;
  ef_db_bind_text (insert, 1, tenant_id, -1);
  ef_db_bind_int64 (insert, 2, now);
  ef_db_bind_text (insert, 3, agent_name, -1);
  ef_db_bind_int64 (insert, 4, family_id);
  ef_db_bind_text (insert, 5, target, -1);
  ef_db_bind_text (insert, 6, after_text, -1);
  return _ef_store_step_done (self, insert, "marking a payment reconciled", error);
}

gboolean
ef_store_mark_payment_reconciled (EfStore     *self,
                                  const char  *tenant_id,
                                  gint64       payment_id,
                                  const char  *agent_name,
                                  const char  *note,
                                  gint64       now,
                                  GError     **error)
{
  gboolean owned, ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  /* Checked and written in one transaction: two operators, or two
   * instances, cannot both reconcile it. */
  if (!_ef_store_begin_owned (self, &owned, error))
    return FALSE;
  ok = mark_payment_reconciled (self, tenant_id, payment_id, agent_name, note, now, error);
  return _ef_store_end_owned (self, owned, ok, ok ? error : NULL);
}

/* ------------------------------------------------------------ simulator */

gboolean
ef_store_payfip_sim_add (EfStore              *self,
                         const char           *idop,
                         const EfPayfipParams *params,
                         gint64                now,
                         gint64                expires_at,
                         GError              **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "INSERT INTO payfip_simulator_operations (idop, numcli, exer, refdet,"
                            "  objet, montant, mel, urlnotif, urlredirect, saisie, created_at,"
                            "  expires_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, idop, -1);
  ef_db_bind_text (stmt, 2, params->numcli, -1);
  ef_db_bind_text (stmt, 3, params->exer, -1);
  ef_db_bind_text (stmt, 4, params->refdet, -1);
  ef_db_bind_text (stmt, 5, params->objet, -1);
  ef_db_bind_int64 (stmt, 6, params->montant);
  ef_db_bind_text (stmt, 7, params->mel, -1);
  ef_db_bind_text (stmt, 8, params->urlnotif, -1);
  ef_db_bind_text (stmt, 9, params->urlredirect, -1);
  ef_db_bind_text (stmt, 10, params->saisie, -1);
  ef_db_bind_int64 (stmt, 11, now);
  ef_db_bind_int64 (stmt, 12, expires_at);
  if (ef_db_step (stmt) != EF_DB_DONE)
    {
      if (ef_db_error_kind (self->db) == EF_DB_ERROR_UNIQUE)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                       "An operation with the refdet '%s' exists already", params->refdet);
          return FALSE;
        }
      _ef_store_set_sql_error (self, error, "saving a simulator operation");
      return FALSE;
    }
  return TRUE;
}

EfPayfipSimOperation *
ef_store_payfip_sim_get (EfStore     *self,
                         const char  *idop,
                         GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  EfPayfipSimOperation *operation;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT o.idop, o.numcli, o.exer, o.refdet, o.objet, o.montant, o.mel,"
                            "  o.urlnotif, o.urlredirect, o.saisie, o.created_at, o.expires_at,"
                            "  o.resultrans, o.numauto, o.finished_at, t.name"
                            " FROM payfip_simulator_operations o"
                            " LEFT JOIN payfip_settings s ON s.numcli = o.numcli"
                            " LEFT JOIN tenants t ON t.id = s.tenant_id"
                            " WHERE o.idop = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, idop, -1);
  rc = _ef_store_step (self, stmt, "loading a simulator operation", error);
  if (rc != EF_DB_ROW)
    return NULL;

  operation = g_new0 (EfPayfipSimOperation, 1);
  operation->idop = _ef_store_column_dup_or_null (stmt, 0);
  operation->params.numcli = _ef_store_column_dup_or_null (stmt, 1);
  operation->params.exer = _ef_store_column_dup_or_null (stmt, 2);
  operation->params.refdet = _ef_store_column_dup_or_null (stmt, 3);
  operation->params.objet = _ef_store_column_dup_or_null (stmt, 4);
  operation->params.montant = ef_db_column_int64 (stmt, 5);
  operation->params.mel = _ef_store_column_dup_or_null (stmt, 6);
  operation->params.urlnotif = _ef_store_column_dup_or_null (stmt, 7);
  operation->params.urlredirect = _ef_store_column_dup_or_null (stmt, 8);
  operation->params.saisie = _ef_store_column_dup_or_null (stmt, 9);
  operation->created_at = ef_db_column_int64 (stmt, 10);
  operation->expires_at = ef_db_column_int64 (stmt, 11);
  operation->resultrans = _ef_store_column_dup_or_null (stmt, 12);
  operation->numauto = _ef_store_column_dup_or_null (stmt, 13);
  operation->finished_at = ef_db_column_int64 (stmt, 14);
  operation->tenant_name = _ef_store_column_dup_or_null (stmt, 15);
  return operation;
}

gboolean
ef_store_payfip_sim_finish (EfStore     *self,
                            const char  *idop,
                            const char  *resultrans,
                            const char  *numauto,
                            gint64       now,
                            GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "UPDATE payfip_simulator_operations"
                            "   SET resultrans = ?2, numauto = ?3, finished_at = ?4"
                            " WHERE idop = ?1 AND resultrans IS NULL",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, idop, -1);
  ef_db_bind_text (stmt, 2, resultrans, -1);
  ef_db_bind_text (stmt, 3, numauto, -1);
  ef_db_bind_int64 (stmt, 4, now);
  if (!_ef_store_step_done (self, stmt, "saving a simulator result", error))
    return FALSE;
  return ef_db_changes (self->db) == 1;
}
