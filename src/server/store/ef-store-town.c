/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-town.c: a town's own settings as one whole, read and written
 * together (the `configure` command)
 *
 * Rows are updated in place, never deleted and re-created, so that what
 * refers to them (enrolments, reservations, invoice lines) keeps pointing
 * at them; what goes is deleted last, and the foreign keys refuse to
 * delete what is still referenced.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-store-private.h"
#include "ef-store-town.h"

void
ef_town_service_free (EfTownService *service)
{
  if (service == NULL)
    return;
  g_free (service->id);
  g_free (service->name);
  g_free (service->description);
  g_free (service->invoice_prefix);
  g_free (service);
}

void
ef_site_free (EfSite *site)
{
  if (site == NULL)
    return;
  g_free (site->code);
  g_free (site->name);
  g_free (site->address);
  g_free (site);
}

EfTown *
ef_town_new (void)
{
  EfTown *town = g_new0 (EfTown, 1);

  town->name = g_strdup ("");
  town->contact = g_strdup ("");
  town->time_zone = g_strdup (EF_DEFAULT_TIME_ZONE);
  ef_deadline_policy_init_default (&town->deadline);
  town->due_days = 30;
  town->online_payment = TRUE;
  town->bill_overrides = TRUE;
  town->school_years = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_school_year_free);
  town->closed_days = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_closed_day_free);
  town->services = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_town_service_free);
  town->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_site_free);
  town->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_activity_free);
  return town;
}

void
ef_town_free (EfTown *town)
{
  if (town == NULL)
    return;
  g_free (town->name);
  g_free (town->contact);
  g_free (town->time_zone);
  g_free (town->public_url);
  g_free (town->mail_from);
  g_free (town->iban);
  g_free (town->bic);
  g_ptr_array_unref (town->school_years);
  g_ptr_array_unref (town->closed_days);
  g_ptr_array_unref (town->services);
  g_ptr_array_unref (town->sites);
  g_ptr_array_unref (town->activities);
  g_free (town);
}

/* ------------------------------------------------------------------- load */

static gboolean
load_tenant (EfStore     *self,
             const char  *tenant_id,
             EfTown      *town,
             GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  stmt = _ef_store_prepare (self,
                            "SELECT name, contact, time_zone, public_url, mail_from,"
                            "       deadline_days_before, deadline_hour, deadline_minute,"
                            "       deadline_counted_weekdays,"
                            "       deadline_skip_public_holidays, deadline_skip_school_holidays,"
                            "       invoice_due_days, online_payment_enabled, payment_iban, payment_bic,"
                            "       bill_overrides, email_reminders"
                            "  FROM tenants WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  rc = _ef_store_step (self, stmt, "loading a tenant", error);
  if (rc == EF_DB_DONE)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown tenant '%s'", tenant_id);
      return FALSE;
    }
  if (rc != EF_DB_ROW)
    return FALSE;

  g_free (town->name);
  town->name = _ef_store_column_dup (stmt, 0);
  g_free (town->contact);
  town->contact = _ef_store_column_dup (stmt, 1);
  g_free (town->time_zone);
  town->time_zone = _ef_store_column_dup (stmt, 2);
  town->public_url = _ef_store_column_dup_or_null (stmt, 3);
  town->mail_from = _ef_store_column_dup_or_null (stmt, 4);
  town->deadline.days_before = (guint) ef_db_column_int64 (stmt, 5);
  town->deadline.hour = (guint) ef_db_column_int64 (stmt, 6);
  town->deadline.minute = (guint) ef_db_column_int64 (stmt, 7);
  town->deadline.counted_weekdays = (guint) ef_db_column_int64 (stmt, 8);
  town->deadline.skip_public_holidays = ef_db_column_int64 (stmt, 9) != 0;
  town->deadline.skip_school_holidays = ef_db_column_int64 (stmt, 10) != 0;
  town->due_days = (guint) ef_db_column_int64 (stmt, 11);
  town->online_payment = ef_db_column_int64 (stmt, 12) != 0;
  town->iban = _ef_store_column_dup_or_null (stmt, 13);
  town->bic = _ef_store_column_dup_or_null (stmt, 14);
  town->bill_overrides = ef_db_column_int64 (stmt, 15) != 0;
  town->email_reminders = ef_db_column_int64 (stmt, 16) != 0;
  return TRUE;
}

static gboolean
append_service (EfDbStmt  *stmt,
                gpointer   user_data,
                GError   **error)
{
  EfTownService *service = g_new0 (EfTownService, 1);

  service->id = _ef_store_column_dup (stmt, 0);
  service->name = _ef_store_column_dup (stmt, 1);
  service->description = _ef_store_column_dup (stmt, 2);
  service->invoice_prefix = _ef_store_column_dup_or_null (stmt, 3);
  g_ptr_array_add (user_data, service);
  return TRUE;
}

static gboolean
append_site (EfDbStmt  *stmt,
             gpointer   user_data,
             GError   **error)
{
  EfSite *site = g_new0 (EfSite, 1);

  site->code = _ef_store_column_dup (stmt, 0);
  site->name = _ef_store_column_dup (stmt, 1);
  site->address = _ef_store_column_dup (stmt, 2);
  g_ptr_array_add (user_data, site);
  return TRUE;
}

static gboolean
load_services_and_sites (EfStore     *self,
                         const char  *tenant_id,
                         EfTown      *town,
                         GError     **error)
{
  g_autoptr(EfDbStmt) services = NULL;
  g_autoptr(EfDbStmt) sites = NULL;

  services = _ef_store_prepare (self,
                                "SELECT id, name, description, invoice_prefix FROM services"
                                " WHERE tenant_id = ?1 ORDER BY position",
                                error);
  sites = _ef_store_prepare (self,
                             "SELECT code, name, address FROM sites WHERE tenant_id = ?1 ORDER BY code",
                             error);
  if (services == NULL || sites == NULL)
    return FALSE;

  ef_db_bind_text (services, 1, tenant_id, -1);
  ef_db_bind_text (sites, 1, tenant_id, -1);
  return _ef_store_for_each_row (self, services, append_service, town->services, "loading services", error) &&
         _ef_store_for_each_row (self, sites, append_site, town->sites, "loading sites", error);
}

EfTown *
ef_store_load_town (EfStore     *self,
                    const char  *tenant_id,
                    GError     **error)
{
  g_autoptr(EfTown) town = ef_town_new ();
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(GPtrArray) closed_days = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  gboolean own, ok;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tenant_id != NULL, NULL);

  /* One read transaction, one state of the database, unless the caller's
   * transaction is already one. */
  own = !ef_db_in_transaction (self->db);
  if (own && !_ef_store_begin_read (self, error))
    return NULL;

  ok = load_tenant (self, tenant_id, town, error) &&
       load_services_and_sites (self, tenant_id, town, error) &&
       (years = ef_store_list_school_years (self, tenant_id, error)) != NULL &&
       (closed_days = ef_store_list_closed_days (self, tenant_id, error)) != NULL &&
       (activities = ef_store_list_activities (self, tenant_id, error)) != NULL;
  if (own)
    _ef_store_rollback (self);
  if (!ok)
    return NULL;

  g_ptr_array_extend_and_steal (town->school_years, g_steal_pointer (&years));
  g_ptr_array_extend_and_steal (town->closed_days, g_steal_pointer (&closed_days));
  g_ptr_array_extend_and_steal (town->activities, g_steal_pointer (&activities));
  return g_steal_pointer (&town);
}

/* ------------------------------------------------------------------ apply */

static gboolean
write_tenant (EfStore       *self,
              const char    *tenant_id,
              const EfTown  *town,
              GError       **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  stmt = _ef_store_prepare (self,
                            "INSERT INTO tenants (" _EF_STORE_TENANT_COLUMNS ","
                            "  public_url, mail_from, invoice_due_days, online_payment_enabled,"
                            "  payment_iban, payment_bic, bill_overrides, email_reminders)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                            "  ?15, ?16, ?17, ?18)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            _EF_STORE_TENANT_UPDATES
                            "  public_url = excluded.public_url,"
                            "  mail_from = excluded.mail_from,"
                            "  invoice_due_days = excluded.invoice_due_days,"
                            "  online_payment_enabled = excluded.online_payment_enabled,"
                            "  payment_iban = excluded.payment_iban,"
                            "  payment_bic = excluded.payment_bic,"
                            "  bill_overrides = excluded.bill_overrides,"
                            "  email_reminders = excluded.email_reminders,"
                            "  updated_at = excluded.updated_at",
                            error);
  if (stmt == NULL)
    return FALSE;

  _ef_store_bind_tenant (stmt, tenant_id, town->name, town->contact, town->time_zone, &town->deadline);
  _ef_store_bind_text_or_null (stmt, 11, town->public_url);
  _ef_store_bind_text_or_null (stmt, 12, town->mail_from);
  ef_db_bind_int64 (stmt, 13, town->due_days);
  ef_db_bind_int64 (stmt, 14, town->online_payment ? 1 : 0);
  _ef_store_bind_text_or_null (stmt, 15, town->iban);
  _ef_store_bind_text_or_null (stmt, 16, town->bic);
  ef_db_bind_int64 (stmt, 17, town->bill_overrides ? 1 : 0);
  ef_db_bind_int64 (stmt, 18, town->email_reminders ? 1 : 0);
  return _ef_store_step_done (self, stmt, "saving a tenant", error);
}

static gboolean
write_services (EfStore       *self,
                const char    *tenant_id,
                const EfTown  *town,
                GError       **error)
{
  g_autoptr(EfDbStmt) park = NULL;
  g_autoptr(EfDbStmt) upsert = NULL;

  /* Old positions are parked below zero to keep (tenant_id, position)
   * unique while reordering; those still parked at the end are gone. */
  park = _ef_store_prepare (self,
                            "UPDATE services SET position = -1 - position WHERE tenant_id = ?1",
                            error);
  upsert = _ef_store_prepare (self,
                              "INSERT INTO services (tenant_id, id, position, name, description,"
                              "  invoice_prefix)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                              " ON CONFLICT (tenant_id, id) DO UPDATE SET"
                              "  position = excluded.position,"
                              "  name = excluded.name,"
                              "  description = excluded.description,"
                              "  invoice_prefix = excluded.invoice_prefix",
                              error);
  if (park == NULL || upsert == NULL)
    return FALSE;

  ef_db_bind_text (park, 1, tenant_id, -1);
  if (!_ef_store_step_done (self, park, "saving services", error))
    return FALSE;

  for (guint i = 0; i < town->services->len; i++)
    {
      const EfTownService *service = g_ptr_array_index (town->services, i);

      ef_db_reset (upsert);
      ef_db_bind_text (upsert, 1, tenant_id, -1);
      ef_db_bind_text (upsert, 2, service->id, -1);
      ef_db_bind_int64 (upsert, 3, i);
      ef_db_bind_text (upsert, 4, service->name, -1);
      ef_db_bind_text (upsert, 5, service->description ? service->description : "", -1);
      _ef_store_bind_text_or_null (upsert, 6, service->invoice_prefix);
      if (!_ef_store_step_done (self, upsert, "saving a service", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_sites_and_years (EfStore       *self,
                       const char    *tenant_id,
                       const EfTown  *town,
                       GError       **error)
{
  g_autoptr(EfDbStmt) site = NULL;
  g_autoptr(EfDbStmt) year = NULL;

  site = _ef_store_prepare (self,
                            "INSERT INTO sites (tenant_id, code, name, address) VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT (tenant_id, code) DO UPDATE SET"
                            "  name = excluded.name, address = excluded.address",
                            error);
  year = _ef_store_prepare (self,
                            "INSERT INTO school_years (tenant_id, code, first_day, last_day, zone)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)"
                            " ON CONFLICT (tenant_id, code) DO UPDATE SET"
                            "  first_day = excluded.first_day, last_day = excluded.last_day,"
                            "  zone = excluded.zone",
                            error);
  if (site == NULL || year == NULL)
    return FALSE;

  for (guint i = 0; i < town->sites->len; i++)
    {
      const EfSite *s = g_ptr_array_index (town->sites, i);

      ef_db_reset (site);
      ef_db_bind_text (site, 1, tenant_id, -1);
      ef_db_bind_text (site, 2, s->code, -1);
      ef_db_bind_text (site, 3, s->name, -1);
      ef_db_bind_text (site, 4, s->address ? s->address : "", -1);
      if (!_ef_store_step_done (self, site, "saving a site", error))
        return FALSE;
    }

  for (guint i = 0; i < town->school_years->len; i++)
    {
      const EfSchoolYear *y = g_ptr_array_index (town->school_years, i);

      ef_db_reset (year);
      ef_db_bind_text (year, 1, tenant_id, -1);
      ef_db_bind_text (year, 2, y->code, -1);
      _ef_store_bind_day (year, 3, y->first_day);
      _ef_store_bind_day (year, 4, y->last_day);
      ef_db_bind_text (year, 5, y->zone ? y->zone : "", -1);
      if (!_ef_store_step_done (self, year, "saving a school year", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_closed_days (EfStore       *self,
                   const char    *tenant_id,
                   const EfTown  *town,
                   GError       **error)
{
  g_autoptr(EfDbStmt) clear = NULL;
  g_autoptr(EfDbStmt) insert = NULL;

  /* Nothing refers to a closed day: the list is simply replaced. */
  clear = _ef_store_prepare (self, "DELETE FROM closed_days WHERE tenant_id = ?1", error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO closed_days (tenant_id, day, reason) VALUES (?1, ?2, ?3)",
                              error);
  if (clear == NULL || insert == NULL)
    return FALSE;

  ef_db_bind_text (clear, 1, tenant_id, -1);
  if (!_ef_store_step_done (self, clear, "saving closed days", error))
    return FALSE;
  for (guint i = 0; i < town->closed_days->len; i++)
    {
      const EfClosedDay *closed_day = g_ptr_array_index (town->closed_days, i);

      ef_db_reset (insert);
      ef_db_bind_text (insert, 1, tenant_id, -1);
      _ef_store_bind_day (insert, 2, closed_day->day);
      ef_db_bind_text (insert, 3, closed_day->reason, -1);
      if (!_ef_store_step_done (self, insert, "saving a closed day", error))
        return FALSE;
    }
  return TRUE;
}

/* Deletes the rows of @tenant_id whose key (the first column of
 * @sql_select, the second parameter of @sql_delete) @keep does not hold. */
static gboolean
delete_others (EfStore     *self,
               const char  *tenant_id,
               const char  *sql_select,
               const char  *sql_delete,
               GHashTable  *keep,
               GError     **error)
{
  g_autoptr(EfDbStmt) select = NULL;
  g_autoptr(EfDbStmt) delete = NULL;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  int rc;

  select = _ef_store_prepare (self, sql_select, error);
  delete = _ef_store_prepare (self, sql_delete, error);
  if (select == NULL || delete == NULL)
    return FALSE;

  ef_db_bind_text (select, 1, tenant_id, -1);
  while ((rc = ef_db_step (select)) == EF_DB_ROW)
    {
      const char *key = (const char *) ef_db_column_text (select, 0);

      if (key != NULL && !g_hash_table_contains (keep, key))
        g_ptr_array_add (gone, g_strdup (key));
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "reading settings");
      return FALSE;
    }

  for (guint i = 0; i < gone->len; i++)
    {
      ef_db_reset (delete);
      ef_db_bind_text (delete, 1, tenant_id, -1);
      ef_db_bind_text (delete, 2, g_ptr_array_index (gone, i), -1);
      if (!_ef_store_step_done (self, delete, "deleting a setting", error))
        return FALSE;
    }
  return TRUE;
}

#define KEEP(table, field, type)                                               \
  G_STMT_START {                                                               \
    for (guint i = 0; i < town->table->len; i++)                               \
      g_hash_table_add (keep, ((type *) g_ptr_array_index (town->table, i))->field); \
  } G_STMT_END

static gboolean
delete_what_went (EfStore       *self,
                  const char    *tenant_id,
                  const EfTown  *town,
                  GError       **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(EfDbStmt) prune = NULL;

  /* Activities first: they refer to sites, school years and services. */
  KEEP (activities, code, EfActivity);
  if (!delete_others (self, tenant_id,
                      "SELECT code FROM activities WHERE tenant_id = ?1",
                      "DELETE FROM activities WHERE tenant_id = ?1 AND code = ?2",
                      keep, error))
    return FALSE;

  g_hash_table_remove_all (keep);
  KEEP (sites, code, EfSite);
  if (!delete_others (self, tenant_id,
                      "SELECT code FROM sites WHERE tenant_id = ?1",
                      "DELETE FROM sites WHERE tenant_id = ?1 AND code = ?2",
                      keep, error))
    return FALSE;

  g_hash_table_remove_all (keep);
  KEEP (school_years, code, EfSchoolYear);
  if (!delete_others (self, tenant_id,
                      "SELECT code FROM school_years WHERE tenant_id = ?1",
                      "DELETE FROM school_years WHERE tenant_id = ?1 AND code = ?2",
                      keep, error))
    return FALSE;

  prune = _ef_store_prepare (self, "DELETE FROM services WHERE tenant_id = ?1 AND position < 0",
                             error);
  if (prune == NULL)
    return FALSE;
  ef_db_bind_text (prune, 1, tenant_id, -1);
  return _ef_store_step_done (self, prune, "deleting a service", error);
}

#undef KEEP

gboolean
ef_store_apply_town (EfStore       *self,
                     const char    *tenant_id,
                     const EfTown  *town,
                     GError       **error)
{
  g_autoptr(EfDbStmt) site_names = NULL;
  gboolean own;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL && town != NULL, FALSE);

  if (!ef_tenant_id_is_valid (tenant_id))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Invalid tenant id '%s': use 1 to 32 letters and digits", tenant_id);
      return FALSE;
    }
  if (!ef_deadline_policy_validate (&town->deadline, error))
    return FALSE;

  own = !ef_db_in_transaction (self->db);
  if (own && !_ef_store_begin (self, error))
    return FALSE;

  if (!write_tenant (self, tenant_id, town, error) ||
      !write_services (self, tenant_id, town, error) ||
      !write_sites_and_years (self, tenant_id, town, error))
    goto fail;

  for (guint i = 0; i < town->activities->len; i++)
    if (!_ef_store_write_activity (self, tenant_id, g_ptr_array_index (town->activities, i), error))
      goto fail;

  if (!delete_what_went (self, tenant_id, town, error) ||
      !write_closed_days (self, tenant_id, town, error))
    goto fail;

  /* A renamed site renames what the planning shows of its activities. */
  site_names = _ef_store_prepare (self,
                                  "UPDATE activities SET site = coalesce ("
                                  "  (SELECT s.name FROM activity_sites x"
                                  "     JOIN sites s ON s.tenant_id = x.tenant_id AND s.code = x.site_code"
                                  "    WHERE x.activity_id = activities.id ORDER BY x.position LIMIT 1),"
                                  "  site)"
                                  " WHERE tenant_id = ?1",
                                  error);
  if (site_names == NULL)
    goto fail;
  ef_db_bind_text (site_names, 1, tenant_id, -1);
  if (!_ef_store_step_done (self, site_names, "naming the sites of activities", error) ||
      (own && !_ef_store_commit (self, error)))
    goto fail;

  _ef_store_settings_changed (self);
  return TRUE;

fail:
  if (own)
    _ef_store_rollback (self);
  return FALSE;
}

/* ---------------------------------------------------------------- history */

static gboolean
count (EfStore     *self,
       const char  *sql,
       const char  *tenant_id,
       const char  *key,
       guint       *n,
       GError     **error)
{
  g_autoptr(EfDbStmt) stmt = _ef_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, key, -1);
  if (_ef_store_step (self, stmt, "counting history", error) != EF_DB_ROW)
    return FALSE;
  *n = (guint) MIN (ef_db_column_int64 (stmt, 0), G_MAXUINT);
  return TRUE;
}

gboolean
ef_store_get_activity_history (EfStore     *self,
                               const char  *tenant_id,
                               const char  *code,
                               EfHistory   *history,
                               GError     **error)
{
  g_return_val_if_fail (self != NULL && history != NULL, FALSE);

  memset (history, 0, sizeof *history);
  return count (self,
                "SELECT count (*) FROM enrolments e JOIN activities a ON a.id = e.activity_id"
                " WHERE a.tenant_id = ?1 AND a.code = ?2",
                tenant_id, code, &history->n_enrolments, error) &&
         count (self,
                "SELECT count (*) FROM reservations r JOIN activities a ON a.id = r.activity_id"
                " WHERE a.tenant_id = ?1 AND a.code = ?2",
                tenant_id, code, &history->n_reservations, error) &&
         count (self,
                "SELECT count (*) FROM invoice_lines l JOIN activities a ON a.id = l.activity_id"
                " WHERE a.tenant_id = ?1 AND a.code = ?2",
                tenant_id, code, &history->n_invoice_lines, error);
}

gboolean
ef_store_get_service_history (EfStore     *self,
                              const char  *tenant_id,
                              const char  *service_id,
                              EfHistory   *history,
                              GError     **error)
{
  g_return_val_if_fail (self != NULL && history != NULL, FALSE);

  memset (history, 0, sizeof *history);
  return count (self, "SELECT count (*) FROM invoices WHERE tenant_id = ?1 AND service_id = ?2",
                tenant_id, service_id, &history->n_invoices, error) &&
         count (self, "SELECT count (*) FROM billing_runs WHERE tenant_id = ?1 AND service_id = ?2",
                tenant_id, service_id, &history->n_billing_runs, error);
}

GStrv
ef_store_list_billed_months (EfStore     *self,
                             const char  *tenant_id,
                             const char  *service_id,
                             GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) months = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT month FROM billing_runs WHERE tenant_id = ?1 AND service_id = ?2"
                            " ORDER BY month",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, service_id, -1);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    g_strv_builder_add (months, (const char *) ef_db_column_text (stmt, 0));
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading billing runs");
      return NULL;
    }
  return g_strv_builder_end (months);
}
