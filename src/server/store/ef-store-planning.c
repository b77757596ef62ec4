/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-planning.c: activities, school holidays, enrolments, reservations
 *
 * Days are stored as "YYYY-MM-DD" text: readable in the sqlite3 shell, and
 * their text order is their date order.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ef-store-private.h"
#include "ef-store-planning.h"

void
ef_activity_free (EfActivity *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->service_id);
  g_free (activity->code);
  g_free (activity->name);
  g_free (activity->site);
  g_clear_pointer (&activity->prices, g_array_unref);
  g_strfreev (activity->sites);
  g_strfreev (activity->school_years);
  g_free (activity);
}

EfCents
ef_activity_price_on (const EfActivity *activity,
                      EfDay             day)
{
  EfCents price;

  g_return_val_if_fail (activity != NULL, 0);

  if (activity->prices == NULL || activity->prices->len == 0)
    return activity->unit_price;

  /* A few prices: the last one that started on or before @day. */
  price = g_array_index (activity->prices, EfActivityPrice, 0).price;
  for (guint i = 1; i < activity->prices->len; i++)
    {
      const EfActivityPrice *p = &g_array_index (activity->prices, EfActivityPrice, i);

      if (p->from > day)
        break;
      price = p->price;
    }
  return price;
}

void
ef_activity_apply_deadline (const EfActivity *activity,
                            EfDeadlinePolicy *policy)
{
  g_return_if_fail (activity != NULL && policy != NULL);

  if (activity->has_deadline)
    {
      policy->days_before = activity->deadline_days_before;
      policy->hour = activity->deadline_hour;
      policy->minute = activity->deadline_minute;
    }
  if (activity->deadline_counted_weekdays != 0)
    policy->counted_weekdays = activity->deadline_counted_weekdays;
  if (activity->deadline_skip_public_holidays != EF_ACTIVITY_FLAG_INHERIT)
    policy->skip_public_holidays = activity->deadline_skip_public_holidays == EF_ACTIVITY_FLAG_TRUE;
  if (activity->deadline_skip_school_holidays != EF_ACTIVITY_FLAG_INHERIT)
    policy->skip_school_holidays = activity->deadline_skip_school_holidays == EF_ACTIVITY_FLAG_TRUE;
}

void
ef_school_year_free (EfSchoolYear *year)
{
  if (year == NULL)
    return;
  g_free (year->code);
  g_free (year->zone);
  g_free (year);
}

void
ef_closed_day_free (EfClosedDay *closed_day)
{
  if (closed_day == NULL)
    return;
  g_free (closed_day->reason);
  g_free (closed_day);
}

void
ef_enrolment_free (EfEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;
  g_free (enrolment->activity_code);
  g_free (enrolment->activity_name);
  g_free (enrolment->service_id);
  g_free (enrolment->site);
  g_free (enrolment);
}

void
ef_planning_member_free (EfPlanningMember *member)
{
  if (member == NULL)
    return;
  g_free (member->first_name);
  g_free (member->last_name);
  g_free (member);
}

/* ------------------------------------------------------------ activities */

static void
bind_flag (EfDbStmt   *stmt,
           int             index,
           EfActivityFlag  flag)
{
  if (flag == EF_ACTIVITY_FLAG_INHERIT)
    ef_db_bind_null (stmt, index);
  else
    ef_db_bind_int64 (stmt, index, flag == EF_ACTIVITY_FLAG_TRUE ? 1 : 0);
}

static EfActivityFlag
column_flag (EfDbStmt *stmt,
             int           column)
{
  if (ef_db_column_type (stmt, column) == EF_DB_TYPE_NULL)
    return EF_ACTIVITY_FLAG_INHERIT;
  return ef_db_column_int64 (stmt, column) != 0 ? EF_ACTIVITY_FLAG_TRUE : EF_ACTIVITY_FLAG_FALSE;
}

gboolean
_ef_store_write_activity (EfStore           *self,
                          const char        *tenant_id,
                          const EfActivity  *activity,
                          GError           **error)
{
  g_autoptr(EfDbStmt) upsert = NULL;
  g_autoptr(EfDbStmt) lookup = NULL;
  g_autoptr(EfDbStmt) clear = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  EfActivityPrice always = { EF_ACTIVITY_PRICE_ALWAYS, activity->unit_price };
  const EfActivityPrice *prices = &always;
  guint n_prices = 1;
  gint64 id;

  g_assert (ef_db_in_transaction (self->db));

  if (activity->prices != NULL && activity->prices->len > 0)
    {
      prices = (const EfActivityPrice *) activity->prices->data;
      n_prices = activity->prices->len;
    }

  /* The site's name is read from its row, when the activity has sites. */
  upsert = _ef_store_prepare (self,
                              "INSERT INTO activities (tenant_id, service_id, code, name, site,"
                              "  weekdays, unit_price_cents,"
                              "  deadline_days_before, deadline_hour, deadline_minute,"
                              "  deadline_counted_weekdays, deadline_skip_public_holidays,"
                              "  deadline_skip_school_holidays, closed_from)"
                              " VALUES (?1, ?2, ?3, ?4,"
                              "  coalesce ((SELECT name FROM sites WHERE tenant_id = ?1 AND code = ?15), ?5),"
                              "  ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                              " ON CONFLICT (tenant_id, code) DO UPDATE SET"
                              "  service_id = excluded.service_id,"
                              "  name = excluded.name,"
                              "  site = excluded.site,"
                              "  weekdays = excluded.weekdays,"
                              "  unit_price_cents = excluded.unit_price_cents,"
                              "  deadline_days_before = excluded.deadline_days_before,"
                              "  deadline_hour = excluded.deadline_hour,"
                              "  deadline_minute = excluded.deadline_minute,"
                              "  deadline_counted_weekdays = excluded.deadline_counted_weekdays,"
                              "  deadline_skip_public_holidays = excluded.deadline_skip_public_holidays,"
                              "  deadline_skip_school_holidays = excluded.deadline_skip_school_holidays,"
                              "  closed_from = excluded.closed_from",
                              error);
  if (upsert == NULL)
    return FALSE;

  ef_db_bind_text (upsert, 1, tenant_id, -1);
  ef_db_bind_text (upsert, 2, activity->service_id, -1);
  ef_db_bind_text (upsert, 3, activity->code, -1);
  ef_db_bind_text (upsert, 4, activity->name, -1);
  ef_db_bind_text (upsert, 5, activity->site ? activity->site : "", -1);
  ef_db_bind_int64 (upsert, 6, activity->weekdays);
  ef_db_bind_int64 (upsert, 7, prices[n_prices - 1].price);
  if (activity->has_deadline)
    {
      ef_db_bind_int64 (upsert, 8, activity->deadline_days_before);
      ef_db_bind_int64 (upsert, 9, activity->deadline_hour);
      ef_db_bind_int64 (upsert, 10, activity->deadline_minute);
    }
  if (activity->deadline_counted_weekdays != 0)
    ef_db_bind_int64 (upsert, 11, activity->deadline_counted_weekdays);
  bind_flag (upsert, 12, activity->deadline_skip_public_holidays);
  bind_flag (upsert, 13, activity->deadline_skip_school_holidays);
  if (activity->closed_from != EF_DAY_INVALID)
    _ef_store_bind_day (upsert, 14, activity->closed_from);
  if (activity->sites != NULL && activity->sites[0] != NULL)
    ef_db_bind_text (upsert, 15, activity->sites[0], -1);
  if (!_ef_store_step_done (self, upsert, "saving an activity", error))
    return FALSE;

  lookup = _ef_store_prepare (self, "SELECT id FROM activities WHERE tenant_id = ?1 AND code = ?2",
                              error);
  if (lookup == NULL)
    return FALSE;
  ef_db_bind_text (lookup, 1, tenant_id, -1);
  ef_db_bind_text (lookup, 2, activity->code, -1);
  if (_ef_store_step (self, lookup, "saving an activity", error) != EF_DB_ROW)
    return FALSE;
  id = ef_db_column_int64 (lookup, 0);

  /* Prices are the activity's whole history: replaced together. */
  clear = _ef_store_prepare (self, "DELETE FROM activity_prices WHERE activity_id = ?1", error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO activity_prices (activity_id, start_day, price_cents)"
                              " VALUES (?1, ?2, ?3)",
                              error);
  if (clear == NULL || insert == NULL)
    return FALSE;
  ef_db_bind_int64 (clear, 1, id);
  if (!_ef_store_step_done (self, clear, "saving prices", error))
    return FALSE;
  for (guint i = 0; i < n_prices; i++)
    {
      ef_db_reset (insert);
      ef_db_bind_int64 (insert, 1, id);
      _ef_store_bind_day (insert, 2, i == 0 ? EF_ACTIVITY_PRICE_ALWAYS : prices[i].from);
      ef_db_bind_int64 (insert, 3, prices[i].price);
      if (!_ef_store_step_done (self, insert, "saving a price", error))
        return FALSE;
    }

  if (activity->sites != NULL)
    {
      g_clear_pointer (&clear, ef_db_finalize);
      g_clear_pointer (&insert, ef_db_finalize);
      clear = _ef_store_prepare (self, "DELETE FROM activity_sites WHERE activity_id = ?1", error);
      insert = _ef_store_prepare (self,
                                  "INSERT INTO activity_sites (activity_id, tenant_id, site_code, position)"
                                  " VALUES (?1, ?2, ?3, ?4)",
                                  error);
      if (clear == NULL || insert == NULL)
        return FALSE;
      ef_db_bind_int64 (clear, 1, id);
      if (!_ef_store_step_done (self, clear, "saving sites", error))
        return FALSE;
      for (guint i = 0; activity->sites[i] != NULL; i++)
        {
          ef_db_reset (insert);
          ef_db_bind_int64 (insert, 1, id);
          ef_db_bind_text (insert, 2, tenant_id, -1);
          ef_db_bind_text (insert, 3, activity->sites[i], -1);
          ef_db_bind_int64 (insert, 4, i);
          if (!_ef_store_step_done (self, insert, "saving the site of an activity", error))
            return FALSE;
        }
    }

  g_clear_pointer (&clear, ef_db_finalize);
  g_clear_pointer (&insert, ef_db_finalize);
  clear = _ef_store_prepare (self, "DELETE FROM activity_school_years WHERE activity_id = ?1", error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO activity_school_years (activity_id, tenant_id, school_year)"
                              " VALUES (?1, ?2, ?3)",
                              error);
  if (clear == NULL || insert == NULL)
    return FALSE;
  ef_db_bind_int64 (clear, 1, id);
  if (!_ef_store_step_done (self, clear, "saving school years", error))
    return FALSE;
  for (guint i = 0; activity->school_years != NULL && activity->school_years[i] != NULL; i++)
    {
      ef_db_reset (insert);
      ef_db_bind_int64 (insert, 1, id);
      ef_db_bind_text (insert, 2, tenant_id, -1);
      ef_db_bind_text (insert, 3, activity->school_years[i], -1);
      if (!_ef_store_step_done (self, insert, "saving the school year of an activity", error))
        return FALSE;
    }

  return TRUE;
}

gboolean
ef_store_save_activity (EfStore           *self,
                        const char        *tenant_id,
                        const EfActivity  *activity,
                        GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (activity != NULL && activity->code != NULL, FALSE);

  if (!_ef_store_begin (self, error))
    return FALSE;
  if (!_ef_store_write_activity (self, tenant_id, activity, error) ||
      !_ef_store_commit (self, error))
    {
      _ef_store_rollback (self);
      return FALSE;
    }
  _ef_store_settings_changed (self);
  return TRUE;
}

/* Appends to each activity of @by_id what @sql lists for it (activity id
 * in column 0): through @add. */
static gboolean
load_activity_parts (EfStore     *self,
                     const char  *sql,
                     const char  *tenant_id,
                     GHashTable  *by_id,
                     void       (*add) (EfActivity *activity, EfDbStmt *stmt, gpointer data),
                     gpointer     data,
                     GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  stmt = _ef_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      gint64 id = ef_db_column_int64 (stmt, 0);
      EfActivity *activity = g_hash_table_lookup (by_id, &id);

      if (activity != NULL)
        add (activity, stmt, data);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading activities");
      return FALSE;
    }
  return TRUE;
}

static void
add_price (EfActivity   *activity,
           EfDbStmt *stmt,
           gpointer      data)
{
  EfActivityPrice price;

  price.from = _ef_store_column_day (stmt, 1);
  price.price = ef_db_column_int64 (stmt, 2);
  if (price.from == EF_DAY_INVALID)
    return;
  if (activity->prices == NULL)
    activity->prices = g_array_new (FALSE, FALSE, sizeof (EfActivityPrice));
  if (activity->prices->len == 0)
    price.from = EF_ACTIVITY_PRICE_ALWAYS;
  g_array_append_val (activity->prices, price);
}

/* Collects strings into a GPtrArray per activity, turned into GStrv at
 * the end (@data: activity → GPtrArray). */
static void
add_string (EfActivity   *activity,
            EfDbStmt *stmt,
            gpointer      data)
{
  GHashTable *lists = data;
  GPtrArray *list = g_hash_table_lookup (lists, activity);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (lists, activity, list);
    }
  g_ptr_array_add (list, _ef_store_column_dup (stmt, 1));
}

static GStrv
take_strv (GHashTable *lists,
           EfActivity *activity)
{
  GPtrArray *list = g_hash_table_lookup (lists, activity);

  if (list == NULL)
    return g_new0 (char *, 1);
  g_hash_table_steal (lists, activity);
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (list, FALSE);
}

GPtrArray *
ef_store_list_activities (EfStore     *self,
                          const char  *tenant_id,
                          GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) sites = g_hash_table_new_full (NULL, NULL, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) years = g_hash_table_new_full (NULL, NULL, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT id, service_id, code, name, site, weekdays, unit_price_cents,"
                                   "       deadline_days_before, deadline_hour, deadline_minute,"
                                   "       deadline_counted_weekdays, deadline_skip_public_holidays,"
                                   "       deadline_skip_school_holidays, closed_from"
                                   "  FROM activities WHERE tenant_id = ?1 ORDER BY code",
                                   error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);

  activities = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_activity_free);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      EfActivity *activity = g_new0 (EfActivity, 1);

      activity->id = ef_db_column_int64 (stmt, 0);
      activity->service_id = _ef_store_column_dup (stmt, 1);
      activity->code = _ef_store_column_dup (stmt, 2);
      activity->name = _ef_store_column_dup (stmt, 3);
      activity->site = _ef_store_column_dup (stmt, 4);
      activity->weekdays = (guint) ef_db_column_int64 (stmt, 5);
      activity->unit_price = ef_db_column_int64 (stmt, 6);
      activity->has_deadline = ef_db_column_type (stmt, 7) != EF_DB_TYPE_NULL;
      activity->deadline_days_before = (guint) ef_db_column_int64 (stmt, 7);
      activity->deadline_hour = (guint) ef_db_column_int64 (stmt, 8);
      activity->deadline_minute = (guint) ef_db_column_int64 (stmt, 9);
      activity->deadline_counted_weekdays = (guint) ef_db_column_int64 (stmt, 10);
      activity->deadline_skip_public_holidays = column_flag (stmt, 11);
      activity->deadline_skip_school_holidays = column_flag (stmt, 12);
      activity->closed_from = _ef_store_column_day (stmt, 13);
      g_ptr_array_add (activities, activity);
      g_hash_table_insert (by_id, &activity->id, activity);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading activities");
      return NULL;
    }
  g_clear_pointer (&stmt, _ef_store_stmt_release);

  if (!load_activity_parts (self,
                            "SELECT p.activity_id, p.start_day, p.price_cents"
                            "  FROM activity_prices p JOIN activities a ON a.id = p.activity_id"
                            " WHERE a.tenant_id = ?1 ORDER BY p.activity_id, p.start_day",
                            tenant_id, by_id, add_price, NULL, error) ||
      !load_activity_parts (self,
                            "SELECT activity_id, site_code FROM activity_sites"
                            " WHERE tenant_id = ?1 ORDER BY activity_id, position",
                            tenant_id, by_id, add_string, sites, error) ||
      !load_activity_parts (self,
                            "SELECT activity_id, school_year FROM activity_school_years"
                            " WHERE tenant_id = ?1 ORDER BY activity_id, school_year",
                            tenant_id, by_id, add_string, years, error))
    return NULL;

  for (guint i = 0; i < activities->len; i++)
    {
      EfActivity *activity = g_ptr_array_index (activities, i);

      activity->sites = take_strv (sites, activity);
      activity->school_years = take_strv (years, activity);
    }
  return g_steal_pointer (&activities);
}

/* ------------------------------------------------- school years, closed days */

static gpointer
school_year_from_row (EfDbStmt *stmt)
{
  EfSchoolYear *year = g_new0 (EfSchoolYear, 1);

  year->code = _ef_store_column_dup (stmt, 0);
  year->first_day = _ef_store_column_day (stmt, 1);
  year->last_day = _ef_store_column_day (stmt, 2);
  year->zone = _ef_store_column_dup (stmt, 3);
  return year;
}

GPtrArray *
ef_store_list_school_years (EfStore     *self,
                            const char  *tenant_id,
                            GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT code, first_day, last_day, zone FROM school_years"
                            " WHERE tenant_id = ?1 ORDER BY first_day, code",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  return _ef_store_collect_rows (self, stmt, school_year_from_row, (GDestroyNotify) ef_school_year_free,
                                 "loading school years", error);
}

/* A closed day, unless its day cannot be read. */
static gboolean
append_closed_day (EfDbStmt  *stmt,
                   gpointer   user_data,
                   GError   **error)
{
  EfDay day = _ef_store_column_day (stmt, 0);
  EfClosedDay *closed_day;

  if (day == EF_DAY_INVALID)
    return TRUE;
  closed_day = g_new0 (EfClosedDay, 1);
  closed_day->day = day;
  closed_day->reason = _ef_store_column_dup (stmt, 1);
  g_ptr_array_add (user_data, closed_day);
  return TRUE;
}

GPtrArray *
ef_store_list_closed_days (EfStore     *self,
                           const char  *tenant_id,
                           GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_closed_day_free);

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT day, reason FROM closed_days WHERE tenant_id = ?1 ORDER BY day",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  if (!_ef_store_for_each_row (self, stmt, append_closed_day, days, "loading closed days", error))
    return NULL;
  return g_steal_pointer (&days);
}

/* ------------------------------------------------------- school holidays */

EfSchoolCalendar *
ef_store_load_school_calendar (EfStore     *self,
                               const char  *tenant_id,
                               GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  g_autoptr(EfSchoolCalendar) calendar = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT description, start_day, end_day, school_year"
                                   "  FROM school_holidays WHERE tenant_id = ?1 ORDER BY start_day",
                                   error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);

  calendar = ef_school_calendar_new ();
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      EfDay start = _ef_store_column_day (stmt, 1);
      EfDay end = _ef_store_column_day (stmt, 2);

      if (start != EF_DAY_INVALID && end != EF_DAY_INVALID)
        ef_school_calendar_add_holiday (calendar,
                                        (const char *) ef_db_column_text (stmt, 0),
                                        start, end,
                                        (const char *) ef_db_column_text (stmt, 3));
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading school holidays");
      return NULL;
    }
  return g_steal_pointer (&calendar);
}

gboolean
ef_store_replace_school_holidays (EfStore           *self,
                                  const char        *tenant_id,
                                  const char        *zone,
                                  EfSchoolCalendar  *calendar,
                                  guint             *n_years,
                                  GError           **error)
{
  g_autoptr(EfDbStmt) tenant = NULL;
  g_autoptr(EfDbStmt) clear = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(GHashTable) years = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = ef_school_calendar_get_n_holidays (calendar);

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (calendar != NULL, FALSE);

  if (!_ef_store_begin (self, error))
    return FALSE;

  tenant = _ef_store_prepare (self, "SELECT 1 FROM tenants WHERE id = ?1", error);
  clear = _ef_store_prepare (self,
                             "DELETE FROM school_holidays WHERE tenant_id = ?1 AND school_year = ?2",
                             error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO school_holidays"
                              " (tenant_id, school_year, zone, description, start_day, end_day)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (tenant == NULL || clear == NULL || insert == NULL)
    goto fail;

  ef_db_bind_text (tenant, 1, tenant_id, -1);
  if (ef_db_step (tenant) != EF_DB_ROW)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown tenant '%s'", tenant_id);
      goto fail;
    }

  for (guint i = 0; i < n; i++)
    {
      const EfSchoolHoliday *holiday = ef_school_calendar_get_holiday (calendar, i);

      if (g_hash_table_contains (years, holiday->school_year))
        continue;
      g_hash_table_add (years, holiday->school_year);

      ef_db_reset (clear);
      ef_db_bind_text (clear, 1, tenant_id, -1);
      ef_db_bind_text (clear, 2, holiday->school_year, -1);
      if (!_ef_store_step_done (self, clear, "replacing school holidays", error))
        goto fail;
    }

  for (guint i = 0; i < n; i++)
    {
      const EfSchoolHoliday *holiday = ef_school_calendar_get_holiday (calendar, i);

      ef_db_reset (insert);
      ef_db_bind_text (insert, 1, tenant_id, -1);
      ef_db_bind_text (insert, 2, holiday->school_year, -1);
      ef_db_bind_text (insert, 3, zone, -1);
      ef_db_bind_text (insert, 4, holiday->description, -1);
      _ef_store_bind_day (insert, 5, holiday->start);
      _ef_store_bind_day (insert, 6, holiday->end);
      if (!_ef_store_step_done (self, insert, "saving a school holiday", error))
        goto fail;
    }

  if (!_ef_store_commit (self, error))
    goto fail;
  _ef_store_settings_changed (self);

  if (n_years != NULL)
    *n_years = g_hash_table_size (years);
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

/* --------------------------------------------------------------- members */

static gpointer
read_member (EfDbStmt *stmt)
{
  EfPlanningMember *member = g_new0 (EfPlanningMember, 1);

  member->id = ef_db_column_int64 (stmt, 0);
  member->family_id = ef_db_column_int64 (stmt, 1);
  member->first_name = _ef_store_column_dup (stmt, 2);
  member->last_name = _ef_store_column_dup (stmt, 3);
  return member;
}

EfPlanningMember *
ef_store_lookup_planning_member (EfStore     *self,
                        const char  *tenant_id,
                        gint64       member_id,
                        GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT m.id, m.family_id, m.first_name, m.last_name"
                                   "  FROM members m JOIN families f ON f.id = m.family_id"
                                   " WHERE m.id = ?1 AND f.tenant_id = ?2",
                                   error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, member_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);

  rc = ef_db_step (stmt);
  if (rc == EF_DB_ROW)
    return read_member (stmt);
  if (rc == EF_DB_DONE)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND,
                 "No member %" G_GINT64_FORMAT, member_id);
  else
    _ef_store_set_sql_error (self, error, "loading a member");
  return NULL;
}

GPtrArray *
ef_store_list_planning_members (EfStore  *self,
                              gint64    family_id,
                              GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT id, family_id, first_name, last_name"
                                   "  FROM members WHERE family_id = ?1 ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);

  return _ef_store_collect_rows (self, stmt, read_member, (GDestroyNotify) ef_planning_member_free,
                                 "loading members", error);
}

GArray *
ef_store_list_account_children (EfStore     *self,
                                const char  *tenant_id,
                                const char  *email,
                                GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT m.id FROM members m"
                            " WHERE m.role = 'child' AND m.family_id ="
                            "  (SELECT family_id FROM accounts"
                            "    WHERE tenant_id = ?1 AND kind = 'parent' AND (?2 IS NULL OR email = ?2)"
                            "    ORDER BY id LIMIT 1)"
                            " ORDER BY m.position, m.id",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, email, -1);

  if (!_ef_store_for_each_row (self, stmt, _ef_store_append_id, children, "loading children", error))
    return NULL;
  return g_steal_pointer (&children);
}

/* ------------------------------------------------------------ enrolments */

gboolean
ef_store_add_enrolment (EfStore     *self,
                        const char  *tenant_id,
                        gint64       member_id,
                        const char  *activity_code,
                        EfDay        first_day,
                        EfDay        last_day,
                        gboolean    *created,
                        GError     **error)
{
  return ef_store_add_enrolment_at_site (self, tenant_id, member_id, activity_code, NULL,
                                         first_day, last_day, created, error);
}

gboolean
ef_store_add_enrolment_at_site (EfStore     *self,
                                const char  *tenant_id,
                                gint64       member_id,
                                const char  *activity_code,
                                const char  *site_code,
                                EfDay        first_day,
                                EfDay        last_day,
                                gboolean    *created,
                                GError     **error)
{
  g_autoptr(EfDbStmt) activity = NULL;
  g_autoptr(EfDbStmt) overlap = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(EfPlanningMember) member = NULL;
  g_autofree char *site = NULL;
  EfDay closed_from;
  gint64 activity_id;
  gboolean owned;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ef_day_is_valid (first_day) && ef_day_is_valid (last_day), FALSE);

  if (created != NULL)
    *created = FALSE;

  if (last_day < first_day)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                           "The enrolment ends before it starts");
      return FALSE;
    }

  if (!_ef_store_begin_owned (self, &owned, error))
    return FALSE;

  member = ef_store_lookup_planning_member (self, tenant_id, member_id, error);
  if (member == NULL)
    goto fail;

  /* The site's name, as the enrolment keeps it: the activity's first
   * site's unless another of its sites is asked for. */
  activity = _ef_store_prepare (self,
                                "SELECT a.id, coalesce (s.name, a.site), a.closed_from,"
                                "       ?3 IS NULL OR s.code IS NOT NULL"
                                "  FROM activities a"
                                "  LEFT JOIN activity_sites x ON x.activity_id = a.id"
                                "   AND (x.site_code = ?3 OR (?3 IS NULL AND x.position = 0))"
                                "  LEFT JOIN sites s ON s.tenant_id = x.tenant_id AND s.code = x.site_code"
                                " WHERE a.tenant_id = ?1 AND a.code = ?2",
                                error);
  if (activity == NULL)
    goto fail;
  ef_db_bind_text (activity, 1, tenant_id, -1);
  ef_db_bind_text (activity, 2, activity_code, -1);
  _ef_store_bind_text_or_null (activity, 3, site_code);
  rc = ef_db_step (activity);
  if (rc != EF_DB_ROW)
    {
      if (rc == EF_DB_DONE)
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND,
                     "No activity '%s'", activity_code);
      else
        _ef_store_set_sql_error (self, error, "loading an activity");
      goto fail;
    }
  activity_id = ef_db_column_int64 (activity, 0);
  site = _ef_store_column_dup (activity, 1);
  closed_from = _ef_store_column_day (activity, 2);
  if (ef_db_column_int64 (activity, 3) == 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "The activity '%s' does not run at the site '%s'", activity_code, site_code);
      goto fail;
    }
  if (closed_from != EF_DAY_INVALID && first_day >= closed_from)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_DAY_CLOSED,
                   "The activity '%s' is closed from %s", activity_code,
                   (const char *) ef_db_column_text (activity, 2));
      goto fail;
    }

  overlap = _ef_store_prepare (self,
                               "SELECT first_day = ?3 AND last_day = ?4 FROM enrolments"
                               " WHERE member_id = ?1 AND activity_id = ?2"
                               "   AND first_day <= ?4 AND last_day >= ?3",
                               error);
  if (overlap == NULL)
    goto fail;
  ef_db_bind_int64 (overlap, 1, member_id);
  ef_db_bind_int64 (overlap, 2, activity_id);
  _ef_store_bind_day (overlap, 3, first_day);
  _ef_store_bind_day (overlap, 4, last_day);
  rc = ef_db_step (overlap);
  if (rc == EF_DB_ROW)
    {
      if (ef_db_column_int64 (overlap, 0) == 1)
        return _ef_store_end_owned (self, owned, TRUE, error);
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "Member %" G_GINT64_FORMAT " already has an enrolment in '%s' that overlaps these dates",
                   member_id, activity_code);
      goto fail;
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "checking enrolments");
      goto fail;
    }

  insert = _ef_store_prepare (self,
                              "INSERT INTO enrolments (member_id, activity_id, site, first_day, last_day,"
                              "  created_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (insert == NULL)
    goto fail;
  ef_db_bind_int64 (insert, 1, member_id);
  ef_db_bind_int64 (insert, 6, g_get_real_time () / G_USEC_PER_SEC);
  ef_db_bind_int64 (insert, 2, activity_id);
  ef_db_bind_text (insert, 3, site, -1);
  _ef_store_bind_day (insert, 4, first_day);
  _ef_store_bind_day (insert, 5, last_day);
  if (!_ef_store_step_done (self, insert, "saving an enrolment", error) ||
      !_ef_store_end_owned (self, owned, TRUE, error))
    return FALSE;

  if (created != NULL)
    *created = TRUE;
  return TRUE;

fail:
  _ef_store_end_owned (self, owned, FALSE, NULL);
  return FALSE;
}

gpointer
_ef_store_enrolment_from_row (EfDbStmt *stmt)
{
  EfEnrolment *enrolment = g_new0 (EfEnrolment, 1);

  enrolment->id = ef_db_column_int64 (stmt, 0);
  enrolment->member_id = ef_db_column_int64 (stmt, 1);
  enrolment->activity_id = ef_db_column_int64 (stmt, 2);
  enrolment->activity_code = _ef_store_column_dup (stmt, 3);
  enrolment->activity_name = _ef_store_column_dup (stmt, 4);
  enrolment->service_id = _ef_store_column_dup (stmt, 5);
  enrolment->site = _ef_store_column_dup (stmt, 6);
  enrolment->first_day = _ef_store_column_day (stmt, 7);
  enrolment->last_day = _ef_store_column_day (stmt, 8);
  return enrolment;
}

GPtrArray *
ef_store_list_enrolments (EfStore  *self,
                          gint64    member_id,
                          GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT " _EF_STORE_ENROLMENT_COLUMNS
                                   "  FROM enrolments e JOIN activities a ON a.id = e.activity_id"
                                   " WHERE e.member_id = ?1 ORDER BY a.code, e.first_day",
                                   error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, member_id);

  return _ef_store_collect_rows (self, stmt, _ef_store_enrolment_from_row, (GDestroyNotify) ef_enrolment_free,
                                 "loading enrolments", error);
}

gboolean
ef_store_enrolments_unchanged (EfStore    *self,
                               gint64      member_id,
                               GPtrArray  *known,
                               gboolean   *unchanged,
                               GError    **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  guint n_rows = 0;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (known != NULL && unchanged != NULL, FALSE);

  /* The member's index alone: no join, no sort. */
  stmt = _ef_store_prepare_cached (self,
                                   "SELECT id, activity_id, site, first_day, last_day"
                                   "  FROM enrolments WHERE member_id = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, member_id);

  *unchanged = TRUE;
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      gint64 id = ef_db_column_int64 (stmt, 0);
      const char *site = (const char *) ef_db_column_text (stmt, 2);
      const EfEnrolment *same = NULL;

      n_rows++;
      if (!*unchanged)
        continue;
      for (guint i = 0; i < known->len && same == NULL; i++)
        {
          const EfEnrolment *enrolment = g_ptr_array_index (known, i);

          if (enrolment->id == id)
            same = enrolment;
        }
      if (same == NULL || same->activity_id != ef_db_column_int64 (stmt, 1) ||
          strcmp (same->site, site != NULL ? site : "") != 0 ||
          same->first_day != _ef_store_column_day (stmt, 3) ||
          same->last_day != _ef_store_column_day (stmt, 4))
        *unchanged = FALSE;
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading enrolments");
      return FALSE;
    }
  if (n_rows != known->len)
    *unchanged = FALSE;
  return TRUE;
}

/* ---------------------------------------------------------- reservations */

gboolean
ef_store_load_reserved_days (EfStore     *self,
                             gint64       member_id,
                             gint64       activity_id,
                             EfDay        first_day,
                             EfDay        last_day,
                             GHashTable  *days,
                             GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (days != NULL, FALSE);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT day FROM reservations"
                                   " WHERE member_id = ?1 AND activity_id = ?2 AND day BETWEEN ?3 AND ?4",
                                   error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, member_id);
  ef_db_bind_int64 (stmt, 2, activity_id);
  _ef_store_bind_day (stmt, 3, first_day);
  _ef_store_bind_day (stmt, 4, last_day);

  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      EfDay day = _ef_store_column_day (stmt, 0);

      if (day != EF_DAY_INVALID)
        g_hash_table_add (days, GUINT_TO_POINTER (day));
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading reservations");
      return FALSE;
    }
  return TRUE;
}

gboolean
ef_store_get_planning_version (EfStore  *self,
                               gint64    member_id,
                               gint64   *version,
                               GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT version FROM planning_versions WHERE member_id = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, member_id);

  rc = ef_db_step (stmt);
  if (rc == EF_DB_ROW)
    *version = ef_db_column_int64 (stmt, 0);
  else if (rc == EF_DB_DONE)
    *version = 0;
  else
    {
      _ef_store_set_sql_error (self, error, "loading a planning version");
      return FALSE;
    }
  return TRUE;
}

gboolean
ef_store_begin_write (EfStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return _ef_store_begin (self, error);
}

gboolean
ef_store_begin_tenant_write (EfStore     *self,
                             const char  *tenant_id,
                             GError     **error)
{
  g_return_val_if_fail (self != NULL && tenant_id != NULL, FALSE);
  return _ef_store_begin_tenant (self, tenant_id, error);
}

gboolean
ef_store_commit_write (EfStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return _ef_store_commit (self, error);
}

void
ef_store_rollback_write (EfStore *self)
{
  g_return_if_fail (self != NULL);
  _ef_store_rollback (self);
}

/* Reservation writes go by chunks of this many rows a statement (SQLite
 * takes 32,766 parameters, PostgreSQL 65,535: 9 a row at most). */
#define WRITE_CHUNK 200

/* How many of @left rows the next statement writes: a whole chunk, or the
 * largest power of two that fits. So a handful of statement texts serve
 * every batch, and each is prepared once per connection: parsing a
 * statement of 200 rows costs more than running it. */
static guint
chunk_size (guint left)
{
  guint n = 1;

  if (left >= WRITE_CHUNK)
    return WRITE_CHUNK;
  while (n * 2 <= left)
    n *= 2;
  return n;
}

/* @sql, built at run time, kept prepared: its interned text is the
 * statement cache's key (chunk_size() bounds how many there are). */
static EfStoreStmt *
prepare_built (EfStore     *self,
               const char  *sql,
               GError     **error)
{
  return _ef_store_prepare_cached (self, g_intern_string (sql), error);
}

/* "(?, ?, ?), (?, ?, ?)…": @n_rows groups of @n_columns parameters. */
static char *
values_list (guint n_rows,
             guint n_columns)
{
  GString *sql = g_string_new (NULL);

  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r > 0 ? ", (" : "(");
      for (guint c = 0; c < n_columns; c++)
        g_string_append (sql, c > 0 ? ", ?" : "?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

/* Runs @stmt, which must change exactly @expected rows. */
static gboolean
step_changing (EfStore     *self,
               EfDbStmt    *stmt,
               guint        expected,
               const char  *what,
               GError     **error)
{
  if (!_ef_store_step_done (self, stmt, what, error))
    return FALSE;
  if (ef_db_changes (self->db) != (gint64) expected)
    {
      /* The caller read the state in this transaction: cannot happen. */
      g_set_error_literal (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                           "A reservation changed under the transaction");
      return FALSE;
    }
  return TRUE;
}

/* Binds @write's key (member, activity, day) from parameter *@p on. */
static void
bind_reservation_key (EfDbStmt                 *stmt,
                      int                      *p,
                      const EfReservationWrite *write)
{
  char day[EF_STORE_DAY_TEXT_SIZE];

  _ef_store_format_day (write->day, day);
  ef_db_bind_int64 (stmt, (*p)++, write->member_id);
  ef_db_bind_int64 (stmt, (*p)++, write->activity_id);
  ef_db_bind_text (stmt, (*p)++, day, -1);
}

/* Binds what an override says of the reservation @write inserts: its
 * instant (or none) and whether it is billed. */
static void
bind_reservation_override (EfDbStmt                 *stmt,
                           int                      *p,
                           const EfReservationWrite *write,
                           gint64                    instant)
{
  if (write->override)
    ef_db_bind_int64 (stmt, (*p)++, instant);
  else
    ef_db_bind_null (stmt, (*p)++);
  if (write->override && write->override_billed >= 0)
    ef_db_bind_int64 (stmt, (*p)++, write->override_billed ? 1 : 0);
  else
    ef_db_bind_null (stmt, (*p)++);
}

static gboolean
insert_reservations (EfStore                   *self,
                     const EfReservationWrite  *writes,
                     const guint               *indexes,
                     guint                      n,
                     gint64                     instant,
                     GError                   **error)
{
  g_autofree char *values = values_list (n, 6);
  g_autofree char *sql = g_strconcat ("INSERT INTO reservations (member_id, activity_id, day,"
                                      "  created_at, override_at, override_billed) VALUES ",
                                      values, NULL);
  g_autoptr(EfStoreStmt) stmt = prepare_built (self, sql, error);
  int p = 1;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const EfReservationWrite *write = &writes[indexes[i]];

      bind_reservation_key (stmt, &p, write);
      ef_db_bind_int64 (stmt, p++, instant);
      bind_reservation_override (stmt, &p, write, instant);
    }
  return step_changing (self, stmt, n, "saving reservations", error);
}

static gboolean
delete_reservations (EfStore                   *self,
                     const EfReservationWrite  *writes,
                     const guint               *indexes,
                     guint                      n,
                     GError                   **error)
{
  g_autofree char *values = values_list (n, 3);
  g_autofree char *sql = g_strconcat ("DELETE FROM reservations"
                                      " WHERE (member_id, activity_id, day) IN (VALUES ",
                                      values, ")", NULL);
  g_autoptr(EfStoreStmt) stmt = prepare_built (self, sql, error);
  int p = 1;

  /* PostgreSQL joins the list of rows on the key. */
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    bind_reservation_key (stmt, &p, &writes[indexes[i]]);
  return step_changing (self, stmt, n, "cancelling reservations", error);
}

/* One audit row a change, in the batch's order. */
static gboolean
audit_reservations (EfStore                   *self,
                    const char                *tenant_id,
                    const EfReservationWrite  *writes,
                    guint                      n,
                    gint64                     account_id,
                    const char                *channel,
                    gint64                     instant,
                    GError                   **error)
{
  g_autofree char *values = values_list (n, 9);
  g_autofree char *sql = g_strconcat ("INSERT INTO reservation_audit (tenant_id, account_id, at,"
                                      "  member_id, activity_id, day, reserved_before,"
                                      "  reserved_after, channel) VALUES ",
                                      values, NULL);
  g_autoptr(EfStoreStmt) stmt = prepare_built (self, sql, error);
  int p = 1;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const EfReservationWrite *write = &writes[i];

      ef_db_bind_text (stmt, p++, tenant_id, -1);
      if (account_id > 0)
        ef_db_bind_int64 (stmt, p++, account_id);
      else
        ef_db_bind_null (stmt, p++);
      ef_db_bind_int64 (stmt, p++, instant);
      bind_reservation_key (stmt, &p, write);
      ef_db_bind_int64 (stmt, p++, write->reserved ? 0 : 1);
      ef_db_bind_int64 (stmt, p++, write->reserved ? 1 : 0);
      ef_db_bind_text (stmt, p++, channel, -1);
    }
  return step_changing (self, stmt, n, "auditing reservations", error);
}

/* What ef_store_write_reservations() writes, for the two ways below. */
typedef struct
{
  const char               *tenant_id;
  const EfReservationWrite *writes;
  guint                     n_writes;
  gint64                    account_id;
  const char               *channel;
  gint64                    instant;
} BatchWrite;

/* A few statements of many rows each, not three per change: on
 * PostgreSQL every statement is a round trip. */
static gboolean
write_reservations_on_postgresql (EfStore           *self,
                                  const BatchWrite  *batch,
                                  GError           **error)
{
  const EfReservationWrite *writes = batch->writes;
  guint n_writes = batch->n_writes;
  g_autoptr(GArray) inserts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) deletes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_writes; i++)
    g_array_append_val (writes[i].reserved ? inserts : deletes, i);

  for (guint done = 0, n; done < inserts->len; done += n)
    {
      n = chunk_size (inserts->len - done);
      if (!insert_reservations (self, writes, &g_array_index (inserts, guint, done), n,
                                batch->instant, error))
        return FALSE;
    }
  for (guint done = 0, n; done < deletes->len; done += n)
    {
      n = chunk_size (deletes->len - done);
      if (!delete_reservations (self, writes, &g_array_index (deletes, guint, done), n, error))
        return FALSE;
    }
  for (guint done = 0, n; done < n_writes; done += n)
    {
      n = chunk_size (n_writes - done);
      if (!audit_reservations (self, batch->tenant_id, writes + done, n, batch->account_id,
                               batch->channel, batch->instant, error))
        return FALSE;
    }
  return TRUE;
}

/* SQLite's inserts of a batch go by chunks of at most this many rows (a
 * power of two): one statement for many rows spares SQLite the start and
 * end of a statement for each, and its rows share the batch's values.
 * Not more: the pages a statement changes are kept for its rollback, in
 * memory up to 64 KiB and in a temporary file beyond (64 rows wrote
 * there). */
#define MAX_ROWS_CHUNK 16
#define N_CHUNK_SIZES  5    /* 1, 2, 4, 8, 16 */

/* @head and @n rows (a power of two, at most MAX_ROWS_CHUNK) of
 * parameters placed as @shape says: a digit is one of the parameters ?1
 * to ?4 that every row shares, an 'o' the row's next own one (?5 on).
 * Written once per size in @texts; the interned text is also the
 * statement cache's key. */
static const char *
rows_sql (const char  *texts[N_CHUNK_SIZES],
          const char  *head,
          const char  *shape,
          guint        n)
{
  guint slot = (guint) g_bit_nth_lsf (n, -1);
  const char *text;

  g_assert (n <= MAX_ROWS_CHUNK && (n & (n - 1)) == 0);
  text = g_atomic_pointer_get (&texts[slot]);
  if (text == NULL)
    {
      g_autoptr(GString) sql = g_string_new (head);
      guint next = 5;

      for (guint r = 0; r < n; r++)
        {
          g_string_append (sql, r > 0 ? ", (" : " (");
          for (const char *c = shape; *c != '\0'; c++)
            {
              if (c > shape)
                g_string_append (sql, ", ");
              if (g_ascii_isdigit (*c))
                g_string_append_printf (sql, "?%c", *c);
              else
                g_string_append_printf (sql, "?%u", next++);
            }
          g_string_append_c (sql, ')');
        }
      text = g_intern_string (sql->str);
      g_atomic_pointer_set (&texts[slot], text);
    }
  return text;
}

typedef void (*BindRow) (EfDbStmt                 *stmt,
                         int                      *p,
                         const EfReservationWrite *write,
                         gint64                    instant);

static void
bind_inserted_row (EfDbStmt                 *stmt,
                   int                      *p,
                   const EfReservationWrite *write,
                   gint64                    instant)
{
  bind_reservation_key (stmt, p, write);
  bind_reservation_override (stmt, p, write, instant);
}

static void
bind_audit_row (EfDbStmt                 *stmt,
                int                      *p,
                const EfReservationWrite *write,
                gint64                    instant)
{
  bind_reservation_key (stmt, p, write);
  ef_db_bind_int64 (stmt, (*p)++, write->reserved ? 0 : 1);
  ef_db_bind_int64 (stmt, (*p)++, write->reserved ? 1 : 0);
}

/* Inserts a row for each of @n_rows of @batch's writes (those at
 * @indexes, or all when NULL) by chunks of rows_sql (@texts, @head,
 * @shape), whose ?1 to ?4 are the batch's tenant, account, instant and
 * channel, and whose rows' own values @bind_row binds. */
static gboolean
insert_rows (EfStore           *self,
             const BatchWrite  *batch,
             const char        *texts[N_CHUNK_SIZES],
             const char        *head,
             const char        *shape,
             BindRow            bind_row,
             const guint       *indexes,
             guint              n_rows,
             const char        *what,
             GError           **error)
{
  for (guint done = 0, n; done < n_rows; done += n)
    {
      g_autoptr(EfStoreStmt) chunk = NULL;
      int p = 5;

      n = MIN (chunk_size (n_rows - done), MAX_ROWS_CHUNK);
      chunk = _ef_store_prepare_cached (self, rows_sql (texts, head, shape, n), error);
      if (chunk == NULL)
        return FALSE;
      ef_db_bind_text (chunk, 1, batch->tenant_id, -1);
      if (batch->account_id > 0)
        ef_db_bind_int64 (chunk, 2, batch->account_id);
      else
        ef_db_bind_null (chunk, 2);
      ef_db_bind_int64 (chunk, 3, batch->instant);
      ef_db_bind_text (chunk, 4, batch->channel, -1);
      for (guint r = 0; r < n; r++)
        bind_row (chunk, &p, &batch->writes[indexes != NULL ? indexes[done + r] : done + r],
                  batch->instant);
      if (!step_changing (self, chunk, n, what, error))
        return FALSE;
    }
  return TRUE;
}

/* SQLite runs in this process: its statements are written once and kept
 * prepared, the cancellations one row each (a key each), the reservations
 * and then the audit rows (in the batch's order) by chunks that bind what
 * the batch's rows share once. */
static gboolean
write_reservations_on_sqlite (EfStore           *self,
                              const BatchWrite  *batch,
                              GError           **error)
{
  static const char *insert_texts[N_CHUNK_SIZES], *audit_texts[N_CHUNK_SIZES];
  g_autoptr(GArray) inserts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(EfStoreStmt) delete = NULL;

  delete = _ef_store_prepare_cached (self,
                                     "DELETE FROM reservations"
                                     " WHERE member_id = ? AND activity_id = ? AND day = ?",
                                     error);
  if (delete == NULL)
    return FALSE;

  for (guint i = 0; i < batch->n_writes; i++)
    {
      const EfReservationWrite *write = &batch->writes[i];
      int p = 1;

      if (write->reserved)
        g_array_append_val (inserts, i);
      else
        {
          ef_db_reset (delete);
          bind_reservation_key (delete, &p, write);
          if (!step_changing (self, delete, 1, "cancelling reservations", error))
            return FALSE;
        }
    }
  return insert_rows (self, batch, insert_texts,
                      "INSERT INTO reservations (member_id, activity_id, day, created_at,"
                      "  override_at, override_billed) VALUES",
                      "ooo3oo", bind_inserted_row, (const guint *) inserts->data, inserts->len,
                      "saving reservations", error) &&
         insert_rows (self, batch, audit_texts,
                      "INSERT INTO reservation_audit (tenant_id, account_id, at, member_id,"
                      "  activity_id, day, reserved_before, reserved_after, channel) VALUES",
                      "123ooooo4", bind_audit_row, NULL, batch->n_writes,
                      "auditing reservations", error);
}

gboolean
ef_store_write_reservations (EfStore                   *self,
                             const char                *tenant_id,
                             const EfReservationWrite  *writes,
                             guint                      n_writes,
                             gint64                     account_id,
                             const char                *channel,
                             gint64                     instant,
                             GError                   **error)
{
  BatchWrite batch = { tenant_id, writes, n_writes, account_id, channel, instant };
  g_autoptr(EfDbStmt) bump = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (writes != NULL || n_writes == 0, FALSE);
  g_return_val_if_fail (ef_db_in_transaction (self->db), FALSE);

  bump = _ef_store_prepare (self,
                            "INSERT INTO planning_versions (member_id, version) VALUES (?1, 1)"
                            " ON CONFLICT (member_id) DO UPDATE SET version = planning_versions.version + 1",
                            error);
  if (bump == NULL)
    return FALSE;

  for (guint i = 0; i < n_writes; i++)
    g_hash_table_add (members, (gpointer) &writes[i].member_id);

  if (self->kind == EF_DB_SQLITE ? !write_reservations_on_sqlite (self, &batch, error)
                                 : !write_reservations_on_postgresql (self, &batch, error))
    return FALSE;

  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ef_db_reset (bump);
      ef_db_bind_int64 (bump, 1, *(const gint64 *) key);
      if (!_ef_store_step_done (self, bump, "bumping a planning version", error))
        return FALSE;
    }

  return TRUE;
}
