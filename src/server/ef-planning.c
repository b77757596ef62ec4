/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning.c: a member's planning, and reservation batches all-or-nothing
 *
 * The confirmation e-mail is written in the tenant's language
 * (EF_MAIL_TENANT_LANGUAGE), not in the server's locale: it is the town's
 * letter to its families. Its English texts are marked NC_ ("mail", …).
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mail/ef-mail-catalog.h"
#include "http/ef-request.h"
#include "store/ef-store-accounts.h"
#include "ef-planning.h"

/* Rules are read once and shared by the requests until the store's stamp
 * says that they may have changed; the same stamp is read on every use. */
struct _EfPlanningRules
{
  gatomicrefcount   ref_count;
  char             *tenant_id;
  EfStoreStamp      stamp;
  EfPortal         *portal;
  GTimeZone        *tz;
  EfSchoolCalendar *calendar;
  /* The school holidays and the closed days, for the deadlines of a
   * policy that skips school holidays: a closed day counts as one. */
  EfSchoolCalendar *deadline_calendar;
  GPtrArray        *closed_day_list;  /* of EfClosedDay */
  GHashTable       *closed_days;      /* EfDay → its reason (in closed_day_list) */
  GPtrArray        *school_year_list; /* of EfSchoolYear */
  GHashTable       *school_years;     /* code → EfSchoolYear (in school_year_list) */
  GPtrArray        *activities;   /* of EfActivity */
  GHashTable      **day_rules;    /* per activity: EfDay → DayRule */
  guint             n_day_rules;
  GMutex            day_rules_lock; /* requests in threads share the rules */
};

/* What the calendar and the deadline rule say about one activity's day,
 * computed once: GDate arithmetic and GDateTime formatting are the bulk
 * of a planning otherwise. */
typedef struct
{
  EfClosedReason reason;          /* of the calendar, the activity's days, closed days */
  const char    *label;           /* a closed day's reason (in the rules), or NULL */
  gint64         deadline;        /* UTC Unix seconds; G_MININT64: none */
  char           deadline_text[32];
} DayRule;

struct _EfPlanningRulesCache
{
  GMutex      lock;               /* looked up from the store jobs' threads */
  GHashTable *rules;              /* tenant id → EfPlanningRules */
};

typedef struct
{
  guint        index;
  gint64       member_id;
  const char  *activity_code;
  EfDay        day;
  gboolean     reserved;
  const EfActivity *activity;
} Change;

/* The reservations and enrolments of one member, read in the transaction. */
typedef struct
{
  gint64      member_id;
  GPtrArray  *enrolments;   /* of EfEnrolment */
  GHashTable *reserved;     /* activity id → set of EfDay */
  EfDay       first_day;
  EfDay       last_day;
} MemberState;

/* Memoised days, over all activities, before the memo starts again: a
 * few school years, and a bound on what odd requests can make it hold. */
#define MAX_DAY_RULES 8192

static const char * const month_names[] = {
  NC_("mail", "January"), NC_("mail", "February"), NC_("mail", "March"),
  NC_("mail", "April"), NC_("mail", "May"), NC_("mail", "June"), NC_("mail", "July"),
  NC_("mail", "August"), NC_("mail", "September"), NC_("mail", "October"),
  NC_("mail", "November"), NC_("mail", "December"),
};

static const char * const weekday_names[] = {
  NC_("mail", "Monday"), NC_("mail", "Tuesday"), NC_("mail", "Wednesday"),
  NC_("mail", "Thursday"), NC_("mail", "Friday"), NC_("mail", "Saturday"),
  NC_("mail", "Sunday"),
};

/* The English @msgid, marked with NC_ ("mail", …), in the mails' language. */
G_GNUC_FORMAT (1)
static const char *
tr (const char *msgid)
{
  return ef_mail_gettext (EF_MAIL_TENANT_LANGUAGE, "mail", msgid);
}

static void
member_state_free (MemberState *state)
{
  g_clear_pointer (&state->enrolments, g_ptr_array_unref);
  g_clear_pointer (&state->reserved, g_hash_table_unref);
  g_free (state);
}

static GHashTable *
reserved_set_for (MemberState *state,
                  gint64       activity_id)
{
  GHashTable *days = g_hash_table_lookup (state->reserved, &activity_id);

  if (days == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = activity_id;
      days = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (state->reserved, key, days);
    }
  return days;
}

static gboolean
is_enrolled (GPtrArray *enrolments,
             gint64     activity_id,
             EfDay      day)
{
  for (guint i = 0; enrolments != NULL && i < enrolments->len; i++)
    {
      const EfEnrolment *enrolment = g_ptr_array_index (enrolments, i);

      if (enrolment->activity_id == activity_id &&
          enrolment->first_day <= day && day <= enrolment->last_day)
        return TRUE;
    }
  return FALSE;
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* ------------------------------------------------------------------ rules */

static guint
activity_index (EfPlanningRules  *rules,
                const EfActivity *activity)
{
  for (guint i = 0; i < rules->activities->len; i++)
    if (g_ptr_array_index (rules->activities, i) == activity)
      return i;
  g_assert_not_reached ();
}

/* Whether @activity is open on @day: not closed yet, and in one of its
 * school years if it has some. */
static gboolean
activity_runs_on (EfPlanningRules  *rules,
                  const EfActivity *activity,
                  EfDay             day)
{
  if (activity->closed_from != EF_DAY_INVALID && day >= activity->closed_from)
    return FALSE;
  if (activity->school_years == NULL || activity->school_years[0] == NULL)
    return TRUE;
  for (guint i = 0; activity->school_years[i] != NULL; i++)
    {
      const EfSchoolYear *year = g_hash_table_lookup (rules->school_years, activity->school_years[i]);

      if (year != NULL && year->first_day <= day && day <= year->last_day)
        return TRUE;
    }
  return FALSE;
}

/* Copies the rule of @activity's @day into *@out. */
static void
day_rule (EfPlanningRules  *rules,
          const EfActivity *activity,
          EfDay             day,
          DayRule          *out)
{
  guint index = activity_index (rules, activity);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&rules->day_rules_lock);
  DayRule *rule;

  rule = g_hash_table_lookup (rules->day_rules[index], GUINT_TO_POINTER (day));
  if (rule != NULL)
    {
      *out = *rule;
      return;
    }

  if (rules->n_day_rules >= MAX_DAY_RULES)
    {
      for (guint i = 0; i < rules->activities->len; i++)
        g_hash_table_remove_all (rules->day_rules[i]);
      rules->n_day_rules = 0;
    }

  rule = g_new0 (DayRule, 1);
  rule->reason = ef_school_calendar_closed_reason (rules->calendar, day, activity->weekdays);
  if (rule->reason == EF_CLOSED_REASON_NONE && !activity_runs_on (rules, activity, day))
    rule->reason = EF_CLOSED_REASON_NOT_RUNNING;
  if (rule->reason == EF_CLOSED_REASON_NONE &&
      (rule->label = g_hash_table_lookup (rules->closed_days, GUINT_TO_POINTER (day))) != NULL)
    rule->reason = EF_CLOSED_REASON_CLOSED_DAY;
  rule->deadline = G_MININT64;
  if (rule->reason == EF_CLOSED_REASON_NONE)
    {
      EfDeadlinePolicy policy = *ef_portal_get_deadline_policy (rules->portal);
      g_autoptr(GDateTime) deadline = NULL;

      ef_activity_apply_deadline (activity, &policy);
      deadline = ef_deadline_for_day (&policy, rules->deadline_calendar, day, rules->tz);
      if (deadline != NULL)
        {
          g_autofree char *text = ef_instant_format_iso (deadline, rules->tz);

          rule->deadline = g_date_time_to_unix (deadline);
          g_strlcpy (rule->deadline_text, text, sizeof rule->deadline_text);
        }
    }

  g_hash_table_insert (rules->day_rules[index], GUINT_TO_POINTER (day), rule);
  rules->n_day_rules++;
  *out = *rule;
}

/* The rules of @tenant_id as the store holds them now, stamped with
 * @stamp (read before them). */
static EfPlanningRules *
rules_read (EfStore             *store,
            const char          *tenant_id,
            const EfStoreStamp  *stamp,
            GError             **error)
{
  g_autoptr(EfPlanningRules) rules = g_new0 (EfPlanningRules, 1);

  g_mutex_init (&rules->day_rules_lock);
  g_atomic_ref_count_init (&rules->ref_count);
  rules->tenant_id = g_strdup (tenant_id);
  rules->stamp = *stamp;
  rules->portal = ef_store_load_portal (store, tenant_id, error);
  if (rules->portal == NULL)
    return NULL;
  rules->tz = ef_time_zone_new (ef_portal_get_time_zone (rules->portal), error);
  if (rules->tz == NULL)
    return NULL;
  rules->calendar = ef_store_load_school_calendar (store, tenant_id, error);
  if (rules->calendar == NULL)
    return NULL;
  rules->activities = ef_store_list_activities (store, tenant_id, error);
  if (rules->activities == NULL)
    return NULL;
  rules->school_year_list = ef_store_list_school_years (store, tenant_id, error);
  if (rules->school_year_list == NULL)
    return NULL;
  rules->closed_day_list = ef_store_list_closed_days (store, tenant_id, error);
  if (rules->closed_day_list == NULL)
    return NULL;

  rules->school_years = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rules->school_year_list->len; i++)
    {
      EfSchoolYear *year = g_ptr_array_index (rules->school_year_list, i);

      g_hash_table_insert (rules->school_years, year->code, year);
    }
  rules->closed_days = g_hash_table_new (NULL, NULL);
  rules->deadline_calendar = ef_school_calendar_ref (rules->calendar);
  if (rules->closed_day_list->len > 0)
    {
      g_clear_pointer (&rules->deadline_calendar, ef_school_calendar_unref);
      rules->deadline_calendar = ef_school_calendar_new ();
      for (guint i = 0; i < ef_school_calendar_get_n_holidays (rules->calendar); i++)
        {
          const EfSchoolHoliday *holiday = ef_school_calendar_get_holiday (rules->calendar, i);

          ef_school_calendar_add_holiday (rules->deadline_calendar, holiday->description,
                                          holiday->start, holiday->end, holiday->school_year);
        }
    }
  for (guint i = 0; i < rules->closed_day_list->len; i++)
    {
      EfClosedDay *closed_day = g_ptr_array_index (rules->closed_day_list, i);

      g_hash_table_insert (rules->closed_days, GUINT_TO_POINTER (closed_day->day),
                           closed_day->reason);
      /* A holiday is the days strictly between its bounds. */
      ef_school_calendar_add_holiday (rules->deadline_calendar, closed_day->reason,
                                      ef_day_add (closed_day->day, -1),
                                      ef_day_add (closed_day->day, 1), NULL);
    }

  rules->day_rules = g_new0 (GHashTable *, rules->activities->len);
  for (guint i = 0; i < rules->activities->len; i++)
    rules->day_rules[i] = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  return g_steal_pointer (&rules);
}

EfPlanningRules *
ef_planning_rules_load (EfStore     *store,
                        const char  *tenant_id,
                        GError     **error)
{
  EfStoreStamp stamp;

  g_return_val_if_fail (store != NULL, NULL);

  if (!ef_store_get_settings_stamp (store, &stamp, error))
    return NULL;
  return rules_read (store, tenant_id, &stamp, error);
}

EfPlanningRules *
ef_planning_rules_ref (EfPlanningRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);

  g_atomic_ref_count_inc (&rules->ref_count);
  return rules;
}

void
ef_planning_rules_unref (EfPlanningRules *rules)
{
  if (rules == NULL || !g_atomic_ref_count_dec (&rules->ref_count))
    return;

  for (guint i = 0; rules->day_rules != NULL && i < rules->activities->len; i++)
    g_hash_table_unref (rules->day_rules[i]);
  g_free (rules->day_rules);
  g_mutex_clear (&rules->day_rules_lock);
  g_free (rules->tenant_id);
  g_clear_object (&rules->portal);
  g_clear_pointer (&rules->tz, g_time_zone_unref);
  g_clear_pointer (&rules->calendar, ef_school_calendar_unref);
  g_clear_pointer (&rules->deadline_calendar, ef_school_calendar_unref);
  g_clear_pointer (&rules->closed_days, g_hash_table_unref);
  g_clear_pointer (&rules->closed_day_list, g_ptr_array_unref);
  g_clear_pointer (&rules->school_years, g_hash_table_unref);
  g_clear_pointer (&rules->school_year_list, g_ptr_array_unref);
  g_clear_pointer (&rules->activities, g_ptr_array_unref);
  g_free (rules);
}

EfPlanningRulesCache *
ef_planning_rules_cache_new (void)
{
  EfPlanningRulesCache *cache = g_new0 (EfPlanningRulesCache, 1);

  g_mutex_init (&cache->lock);

  cache->rules = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) ef_planning_rules_unref);
  return cache;
}

void
ef_planning_rules_cache_free (EfPlanningRulesCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->rules);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

EfPlanningRules *
ef_planning_rules_cache_lookup (EfPlanningRulesCache  *cache,
                                EfStore               *store,
                                const char            *tenant_id,
                                GError               **error)
{
  EfPlanningRules *rules, *cached;
  EfStoreStamp stamp;

  g_return_val_if_fail (cache != NULL && store != NULL && tenant_id != NULL, NULL);

  if (!ef_store_get_settings_stamp (store, &stamp, error))
    return NULL;

  g_mutex_lock (&cache->lock);
  cached = g_hash_table_lookup (cache->rules, tenant_id);
  if (cached != NULL && ef_store_stamp_equal (&cached->stamp, &stamp))
    {
      rules = ef_planning_rules_ref (cached);
      g_mutex_unlock (&cache->lock);
      return rules;
    }
  g_mutex_unlock (&cache->lock);

  /* Read without the lock: another thread's lookup, maybe in the main
   * loop, must not wait for these queries. */
  rules = rules_read (store, tenant_id, &stamp, error);
  if (rules == NULL)
    return NULL;

  g_mutex_lock (&cache->lock);
  cached = g_hash_table_lookup (cache->rules, tenant_id);
  /* Any change may be any tenant's: start again. */
  if (cached != NULL && !ef_store_stamp_equal (&cached->stamp, &stamp))
    g_hash_table_remove_all (cache->rules);
  g_hash_table_replace (cache->rules, rules->tenant_id, ef_planning_rules_ref (rules));
  g_mutex_unlock (&cache->lock);
  return rules;
}

const char *
ef_planning_rules_get_tenant_name (EfPlanningRules *rules)
{
  return ef_portal_get_name (rules->portal);
}

GTimeZone *
ef_planning_rules_get_time_zone (EfPlanningRules *rules)
{
  return rules->tz;
}

GPtrArray *
ef_planning_rules_get_activities (EfPlanningRules *rules)
{
  return rules->activities;
}

const EfActivity *
ef_planning_rules_find_activity (EfPlanningRules *rules,
                                 const char      *code)
{
  for (guint i = 0; i < rules->activities->len; i++)
    {
      const EfActivity *activity = g_ptr_array_index (rules->activities, i);

      if (g_str_equal (activity->code, code))
        return activity;
    }
  return NULL;
}

const EfActivity *
ef_planning_rules_get_activity (EfPlanningRules *rules,
                                gint64           id)
{
  for (guint i = 0; i < rules->activities->len; i++)
    {
      const EfActivity *activity = g_ptr_array_index (rules->activities, i);

      if (activity->id == id)
        return activity;
    }
  return NULL;
}

EfClosedReason
ef_planning_rules_closed_reason (EfPlanningRules  *rules,
                                 const EfActivity *activity,
                                 GPtrArray        *enrolments,
                                 EfDay             day)
{
  DayRule rule;
  EfClosedReason reason;

  day_rule (rules, activity, day, &rule);
  reason = rule.reason;
  if (reason != EF_CLOSED_REASON_NONE)
    return reason;
  if (!is_enrolled (enrolments, activity->id, day))
    return EF_CLOSED_REASON_NOT_ENROLLED;
  return EF_CLOSED_REASON_NONE;
}

/* ------------------------------------------------------- enrolments, planning */

EfEnrolmentsRecord *
ef_planning_enrolments_to_record (gint64     member_id,
                                  GPtrArray *enrolments)
{
  EfEnrolmentsRecord *record = ef_enrolments_record_new (member_id);

  for (guint i = 0; i < enrolments->len; i++)
    {
      const EfEnrolment *enrolment = g_ptr_array_index (enrolments, i);
      EfEnrolmentRecord *item = g_new0 (EfEnrolmentRecord, 1);

      item->id = enrolment->id;
      item->activity = g_strdup (enrolment->activity_code);
      item->activity_name = g_strdup (enrolment->activity_name);
      item->service = g_strdup (enrolment->service_id);
      item->site = g_strdup (enrolment->site);
      item->from = enrolment->first_day;
      item->to = enrolment->last_day;
      g_ptr_array_add (record->enrolments, item);
    }
  return record;
}

JsonNode *
ef_planning_enrolments_to_json (GPtrArray *enrolments)
{
  g_autoptr(EfEnrolmentsRecord) record = ef_planning_enrolments_to_record (0, enrolments);
  JsonObject *root = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < record->enrolments->len; i++)
    json_array_add_element (array,
                            ef_enrolment_record_to_json (g_ptr_array_index (record->enrolments, i)));

  json_object_set_array_member (root, "enrolments", array);
  return object_node (root);
}

/* The planning is the largest answer and the most frequent: written
 * straight into text by the codec's fast writer, one day at a time from
 * records on the stack that borrow their strings. */
static void
write_activity_days (GString          *out,
                     EfPlanningRules  *rules,
                     const EfActivity *activity,
                     GPtrArray        *enrolments,
                     GHashTable       *reserved,
                     EfDay             first_day,
                     EfDay             last_day,
                     gint64            now,
                     EfCents           shown_price,
                     gint64           *valid_until)
{
  EfPlanningDayRecord record;

  for (EfDay day = first_day; day <= last_day; day++)
    {
      DayRule rule_copy;
      const DayRule *rule = &rule_copy;
      EfClosedReason reason;

      day_rule (rules, activity, day, &rule_copy);
      reason = rule->reason;
      EfCents price;

      if (reason == EF_CLOSED_REASON_NONE && !is_enrolled (enrolments, activity->id, day))
        reason = EF_CLOSED_REASON_NOT_ENROLLED;

      record.day = day;
      record.label = NULL;
      record.deadline = NULL;
      if (reason != EF_CLOSED_REASON_NONE)
        {
          record.state = (char *) "closed";
          record.reason = (char *) ef_closed_reason_to_string (reason);
          if (reason == EF_CLOSED_REASON_CLOSED_DAY)
            record.label = (char *) rule->label;
          record.unit_price_cents = -1;
          record.changeable = FALSE;
          ef_planning_day_record_write (&record, day == first_day, out);
          continue;
        }

      /* Only a day whose price is not the activity's says its own. */
      price = ef_activity_price_on (activity, day);
      record.unit_price_cents = price != shown_price ? (gint64) price : -1;
      record.state = (char *) (g_hash_table_contains (reserved, GUINT_TO_POINTER (day))
                               ? "reserved" : "free");
      record.reason = NULL;
      record.changeable = now < rule->deadline;
      /* Once its deadline passes, the day is written otherwise. */
      if (now < rule->deadline && rule->deadline < *valid_until)
        *valid_until = rule->deadline;
      if (rule->deadline != G_MININT64)
        record.deadline = (char *) rule->deadline_text;
      ef_planning_day_record_write (&record, day == first_day, out);
    }
}

/* The planning's text; @info says what it was written from, until when it
 * holds and where "now" is in it, and @enrolments_out (nullable) gets the
 * enrolments it was written from. Enrolments are read first: the version
 * read after them is never older than what they say. */
static char *
write_planning (EfStore          *store,
                EfPlanningRules  *rules,
                gint64            member_id,
                EfDay             first_day,
                EfDay             last_day,
                GDateTime        *now,
                GPtrArray       **enrolments_out,
                gsize            *length,
                EfPlanningTextInfo *info,
                GError          **error)
{
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) reserved = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) out = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  gint64 now_s = g_date_time_to_unix (now);
  EfDay today = ef_day_from_instant (now, rules->tz);
  EfCents shown_price;
  gboolean first_activity = TRUE;
  gint64 version;

  enrolments = ef_store_list_enrolments (store, member_id, error);
  if (enrolments == NULL || !ef_store_get_planning_version (store, member_id, &version, error))
    return NULL;

  /* Today's prices are shown: the text holds until midnight at most. */
  tomorrow = ef_day_at_time (today + 1, 0, 0, rules->tz);
  info->version = version;
  info->written_at = now_s;
  info->valid_until = g_date_time_to_unix (tomorrow);

  /* About 110 bytes a day and activity. */
  out = g_string_sized_new (256 + 112 * (last_day - first_day + 1) * MAX (enrolments->len, 1));
  {
    g_autofree char *now_text = ef_instant_format_iso (now, rules->tz);
    EfPlanningRecord head = {
      .member = member_id,
      .from = first_day,
      .to = last_day,
      .time_zone = (char *) ef_portal_get_time_zone (rules->portal),
      .now = now_text,
      .version = version,
    };

    ef_planning_record_write_head (&head, out, &info->now_offset, &info->now_length);
  }

  /* Enrolments come ordered by activity code: one entry per activity. */
  for (guint i = 0; i < enrolments->len; i++)
    {
      const EfEnrolment *enrolment = g_ptr_array_index (enrolments, i);
      const EfActivity *activity = ef_planning_rules_get_activity (rules, enrolment->activity_id);

      if (activity == NULL || g_hash_table_contains (seen, &activity->id))
        continue;
      g_hash_table_add (seen, (gpointer) &activity->id);

      g_hash_table_remove_all (reserved);
      if (!ef_store_load_reserved_days (store, member_id, activity->id, first_day, last_day,
                                        reserved, error))
        return NULL;

      shown_price = ef_activity_price_on (activity, today);
      {
        EfPlanningActivityRecord head = {
          .activity = activity->code,
          .name = activity->name,
          .service = activity->service_id,
          /* The site of the member's enrolment, which may be another of
           * the activity's sites. */
          .site = enrolment->site[0] != '\0' ? enrolment->site : activity->site,
          .unit_price_cents = shown_price,
        };

        ef_planning_activity_record_write_head (&head, first_activity, out);
      }
      first_activity = FALSE;
      write_activity_days (out, rules, activity, enrolments, reserved, first_day, last_day, now_s,
                           shown_price, &info->valid_until);
      ef_planning_write_close (out);
    }

  ef_planning_write_close (out);
  *length = out->len;
  if (enrolments_out != NULL)
    *enrolments_out = g_steal_pointer (&enrolments);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ef_planning_build (EfStore          *store,
                   EfPlanningRules  *rules,
                   gint64            member_id,
                   EfDay             first_day,
                   EfDay             last_day,
                   GDateTime        *now,
                   gsize            *length,
                   GError          **error)
{
  EfPlanningTextInfo info;

  g_return_val_if_fail (first_day <= last_day, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  return write_planning (store, rules, member_id, first_day, last_day, now, NULL, length, &info,
                         error);
}

/* ---------------------------------------------------------- planning texts */

/* A planning's text is kept for the next request of the same member and
 * days while nothing it was written from changed: the same rules (the
 * settings' stamp), enrolments and planning version, and the clock still
 * before its next deadline or midnight. Only "now" is written again. */
typedef struct
{
  gint64 member_id;
  EfDay  first_day;
  EfDay  last_day;
} PlanningKey;

typedef struct
{
  PlanningKey         key;
  EfPlanningRules    *rules;
  GPtrArray          *enrolments;  /* of EfEnrolment */
  EfPlanningTextInfo  info;
  char               *text;
  gsize               length;
} PlanningText;

struct _EfPlanningTextCache
{
  GMutex      lock;     /* the store jobs' threads share it */
  GHashTable *texts;    /* PlanningKey → PlanningText */
  GHashTable *rules;    /* tenant id → the newest EfPlanningRules kept */
  gsize       n_bytes;
  gsize       max_bytes;
  /* "now" as the last text reused had it, for the same second and zone:
   * finding the zone's offset goes through its transitions one by one. */
  gint64      now_second;
  GTimeZone  *now_tz;
  GString    *now_text;
};

static guint
planning_key_hash (gconstpointer data)
{
  const PlanningKey *key = data;

  return (guint) key->member_id * 31u + (guint) key->first_day * 7u + (guint) key->last_day;
}

static gboolean
planning_key_equal (gconstpointer a,
                    gconstpointer b)
{
  const PlanningKey *x = a, *y = b;

  return x->member_id == y->member_id && x->first_day == y->first_day &&
         x->last_day == y->last_day;
}

static void
planning_text_free (gpointer data)
{
  PlanningText *text = data;

  g_clear_pointer (&text->rules, ef_planning_rules_unref);
  g_clear_pointer (&text->enrolments, g_ptr_array_unref);
  g_free (text->text);
  g_free (text);
}

EfPlanningTextCache *
ef_planning_text_cache_new (gsize max_bytes)
{
  EfPlanningTextCache *cache = g_new0 (EfPlanningTextCache, 1);

  g_mutex_init (&cache->lock);
  cache->texts = g_hash_table_new_full (planning_key_hash, planning_key_equal, NULL,
                                        planning_text_free);
  cache->rules = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) ef_planning_rules_unref);
  cache->max_bytes = max_bytes;
  return cache;
}

void
ef_planning_text_cache_free (EfPlanningTextCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->texts);
  g_hash_table_unref (cache->rules);
  g_clear_pointer (&cache->now_tz, g_time_zone_unref);
  if (cache->now_text != NULL)
    g_string_free (cache->now_text, TRUE);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

/* The kept text with @now written in, if it was written with @rules, at
 * @version and still holds at @now (its enrolments are checked after);
 * or NULL. Called with the lock. */
static char *
reuse_text (EfPlanningTextCache *cache,
            const PlanningText  *text,
            EfPlanningRules     *rules,
            gint64               version,
            GDateTime           *now,
            gsize               *length)
{
  GString *now_text = cache->now_text;
  gint64 now_s = g_date_time_to_unix (now);
  gsize tail;
  char *out;

  /* The test clock may go back as well as forward. */
  if (text->rules != rules || text->info.version != version ||
      now_s < text->info.written_at || now_s >= text->info.valid_until)
    return NULL;

  if (now_text == NULL || now_s != cache->now_second || rules->tz != cache->now_tz)
    {
      g_autofree char *now_iso = ef_instant_format_iso (now, rules->tz);

      if (now_text == NULL)
        now_text = cache->now_text = g_string_new (NULL);
      g_string_truncate (now_text, 0);
      ef_planning_write_string (now_text, now_iso);
      cache->now_second = now_s;
      /* Held: another zone at the same address would be taken for it. */
      g_clear_pointer (&cache->now_tz, g_time_zone_unref);
      cache->now_tz = g_time_zone_ref (rules->tz);
    }
  tail = text->length - text->info.now_offset - text->info.now_length;
  *length = text->info.now_offset + now_text->len + tail;
  out = g_malloc (*length + 1);
  memcpy (out, text->text, text->info.now_offset);
  memcpy (out + text->info.now_offset, now_text->str, now_text->len);
  memcpy (out + text->info.now_offset + now_text->len,
          text->text + text->info.now_offset + text->info.now_length, tail);
  out[*length] = '\0';
  return out;
}

static void
keep_text (EfPlanningTextCache *cache,
           PlanningText        *text)
{
  PlanningText *old;

  g_mutex_lock (&cache->lock);
  /* New rules for the tenant: its texts written with older ones can never
   * be answered again, and would keep those rules (and their memo of
   * days) alive. */
  if (g_hash_table_lookup (cache->rules, text->rules->tenant_id) != text->rules)
    {
      GHashTableIter iter;

      g_hash_table_iter_init (&iter, cache->texts);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &old))
        if (old->rules != text->rules && g_str_equal (old->rules->tenant_id, text->rules->tenant_id))
          {
            cache->n_bytes -= old->length;
            g_hash_table_iter_remove (&iter);
          }
      g_hash_table_replace (cache->rules, text->rules->tenant_id,
                            ef_planning_rules_ref (text->rules));
    }
  old = g_hash_table_lookup (cache->texts, &text->key);
  if (old != NULL)
    {
      cache->n_bytes -= old->length;
      g_hash_table_remove (cache->texts, &text->key);
    }
  /* Over the budget, texts go until a quarter of it is free, whichever
   * they are: a bound on memory, not a policy. */
  if (cache->n_bytes + text->length > cache->max_bytes)
    {
      GHashTableIter iter;

      g_hash_table_iter_init (&iter, cache->texts);
      while (cache->n_bytes + text->length > cache->max_bytes * 3 / 4 &&
             g_hash_table_iter_next (&iter, NULL, (gpointer *) &old))
        {
          cache->n_bytes -= old->length;
          g_hash_table_iter_remove (&iter);
        }
    }
  if (cache->n_bytes + text->length <= cache->max_bytes)
    {
      cache->n_bytes += text->length;
      g_hash_table_insert (cache->texts, &text->key, text);
      text = NULL;
    }
  g_mutex_unlock (&cache->lock);
  g_clear_pointer (&text, planning_text_free);
}

char *
ef_planning_build_cached (EfPlanningTextCache *cache,
                          EfStore             *store,
                          EfPlanningRules     *rules,
                          gint64               member_id,
                          EfDay                first_day,
                          EfDay                last_day,
                          GDateTime           *now,
                          gsize               *length,
                          GError             **error)
{
  g_autoptr(GPtrArray) enrolments = NULL;
  PlanningKey key = { member_id, first_day, last_day };
  const PlanningText *kept;
  PlanningText *text;
  gint64 version;
  char *out = NULL;

  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (first_day <= last_day, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  if (!ef_store_get_planning_version (store, member_id, &version, error))
    return NULL;

  g_mutex_lock (&cache->lock);
  kept = g_hash_table_lookup (cache->texts, &key);
  if (kept != NULL)
    {
      out = reuse_text (cache, kept, rules, version, now, length);
      if (out != NULL)
        enrolments = g_ptr_array_ref (kept->enrolments);
    }
  g_mutex_unlock (&cache->lock);
  if (out != NULL)
    {
      gboolean unchanged;

      if (!ef_store_enrolments_unchanged (store, member_id, enrolments, &unchanged, error))
        {
          g_free (out);
          return NULL;
        }
      if (unchanged)
        return out;
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&enrolments, g_ptr_array_unref);
    }

  text = g_new0 (PlanningText, 1);
  text->key = key;
  text->text = write_planning (store, rules, member_id, first_day, last_day, now,
                               &text->enrolments, &text->length, &text->info, error);
  if (text->text == NULL)
    {
      planning_text_free (text);
      return NULL;
    }
  text->rules = ef_planning_rules_ref (rules);
  out = g_memdup2 (text->text, text->length + 1);
  *length = text->length;
  keep_text (cache, text);
  return out;
}

/* ---------------------------------------------------------------- batches */

/* The refusal of @change, for the error's details; @closed_reason and
 * @deadline (nullable) as its reason wants. */
static JsonNode *
change_detail (const Change *change,
               const char   *reason,
               const char   *closed_reason,
               const char   *deadline)
{
  EfReservationRefusalRecord refusal = {
    .index = change->index,
    .member = change->member_id,
    .activity = (char *) change->activity_code,
    .day = change->day,
    .reserved = change->reserved,
    .reason = (char *) reason,
    .closed_reason = (char *) closed_reason,
    .deadline = (char *) deadline,
  };

  return ef_reservation_refusal_record_to_json (&refusal);
}

/* Changes of the same member, activity and day are equal: a batch's
 * repeats, found without a key to write for each change. */
static guint
change_hash (gconstpointer data)
{
  const Change *change = data;

  return (g_str_hash (change->activity_code) * 31 + (guint) change->day) * 31 +
         g_int64_hash (&change->member_id);
}

static gboolean
change_equal (gconstpointer a,
              gconstpointer b)
{
  const Change *ca = a, *cb = b;

  return ca->member_id == cb->member_id && ca->day == cb->day &&
         g_str_equal (ca->activity_code, cb->activity_code);
}

/* The days a batch may name. */
static void
batch_day_bounds (EfDay *first_day,
                  EfDay *last_day)
{
  *first_day = ef_day_new (EF_REQUEST_FIRST_YEAR, 1, 1);
  *last_day = ef_day_new (EF_REQUEST_LAST_YEAR, 12, 31);
}

/* Lists @batch's changes in @changes (which points to their codes) and
 * its versions in @versions, and checks for repeats. */
static gboolean
list_changes (const EfReservationBatchRecord  *batch,
              GArray                          *changes,
              GHashTable                      *versions,
              JsonArray                      **details,
              GError                         **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (change_hash, change_equal);
  g_autoptr(JsonArray) duplicates = json_array_new ();

  for (guint i = 0; i < batch->versions->len; i++)
    {
      const EfPlanningVersion *entry = &g_array_index (batch->versions, EfPlanningVersion, i);

      g_hash_table_insert (versions, g_memdup2 (&entry->member, sizeof entry->member),
                           g_memdup2 (&entry->version, sizeof entry->version));
    }

  g_array_set_size (changes, batch->changes->len);
  for (guint i = 0; i < changes->len; i++)
    {
      const EfReservationChangeRecord *record = g_ptr_array_index (batch->changes, i);
      Change *change = &g_array_index (changes, Change, i);
      const Change *first;

      change->index = i;
      change->member_id = record->member;
      change->activity_code = record->activity;
      change->day = record->day;
      change->reserved = record->reserved;

      first = g_hash_table_lookup (keys, change);
      if (first != NULL)
        json_array_add_element (duplicates,
                                change_detail (change, first->reserved == change->reserved
                                                       ? "duplicate" : "contradictory", NULL, NULL));
      else
        g_hash_table_add (keys, change);
    }

  if (json_array_get_length (duplicates) > 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "%u changes repeat an earlier change of the same member, activity and day",
                   json_array_get_length (duplicates));
      *details = g_steal_pointer (&duplicates);
      return FALSE;
    }
  return TRUE;
}

/* The day of the month in a date in words: French writes the first
 * "1er" ("lundi 1er mars"). */
static char *
day_of_month (int d)
{
  /* TRANSLATORS: the first day of a month in a date in words, "Monday
   * 1 March"; French "1er" */
  return d == 1 ? g_strdup (tr (NC_("mail", "1"))) : g_strdup_printf ("%d", d);
}

/* "Monday 2": @day in words, written once per mail (@words: EfDay → text)
 * although each child and activity lists it again. */
static const char *
day_in_words (GHashTable *words,
              EfDay       day,
              int         d)
{
  char *text = g_hash_table_lookup (words, GUINT_TO_POINTER (day));

  if (text == NULL)
    {
      g_autofree char *mday = day_of_month (d);

      /* TRANSLATORS: a weekday and its day of the month, "Monday 2" */
      text = g_strdup_printf (tr (NC_("mail", "%1$s %2$s")),
                              tr (weekday_names[ef_day_get_weekday (day) - 1]), mday);
      g_hash_table_insert (words, GUINT_TO_POINTER (day), text);
    }
  return text;
}

static void
append_day_list (GString    *text,
                 GArray     *days,
                 GHashTable *words)
{
  int current_year = 0, current_month = 0;

  for (guint i = 0; i < days->len; i++)
    {
      EfDay day = g_array_index (days, EfDay, i);
      int y, m, d;

      ef_day_get_ymd (day, &y, &m, &d);
      if (y != current_year || m != current_month)
        {
          g_string_append (text, "\n    ");
          /* TRANSLATORS: a month and its year, before the list of its days */
          g_string_append_printf (text, tr (NC_("mail", "%s %d: ")), tr (month_names[m - 1]), y);
          current_year = y;
          current_month = m;
        }
      else
        g_string_append (text, ", ");
      g_string_append (text, day_in_words (words, day, d));
    }
}

static int
compare_writes (gconstpointer a,
                gconstpointer b)
{
  const EfReservationWrite *wa = a, *wb = b;

  if (wa->member_id != wb->member_id)
    return wa->member_id < wb->member_id ? -1 : 1;
  if (wa->activity_id != wb->activity_id)
    return wa->activity_id < wb->activity_id ? -1 : 1;
  if (wa->day != wb->day)
    return wa->day < wb->day ? -1 : 1;
  return 0;
}

/* The confirmation: per child, per activity, the days added and the
 * days cancelled, grouped by month. */
static char *
compose_confirmation (EfPlanningRules *rules,
                      GPtrArray       *family,
                      GArray          *writes,
                      GDateTime       *now)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, rules->tz);
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (EfDay));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (EfDay));
  g_autoptr(GHashTable) words = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autofree char *mday = day_of_month (g_date_time_get_day_of_month (local));

  g_array_sort (writes, compare_writes);

  g_string_append (text, tr (NC_("mail", "Hello,")));
  g_string_append (text, "\n\n");
  /* TRANSLATORS: weekday, day of the month ("1er" in French for the
   * first), month, year, hour, minute */
  g_string_append_printf (text,
                          tr (NC_("mail", "The following changes to your reservations were "
                                          "recorded on %s %s %s %d at %02d:%02d.")),
                          tr (weekday_names[g_date_time_get_day_of_week (local) - 1]),
                          mday,
                          tr (month_names[g_date_time_get_month (local) - 1]),
                          g_date_time_get_year (local),
                          g_date_time_get_hour (local), g_date_time_get_minute (local));
  g_string_append_c (text, '\n');

  for (guint i = 0; i < writes->len; i++)
    {
      const EfReservationWrite *write = &g_array_index (writes, EfReservationWrite, i);
      const EfReservationWrite *next = i + 1 < writes->len
                                       ? &g_array_index (writes, EfReservationWrite, i + 1) : NULL;

      g_array_append_val (write->reserved ? added : removed, write->day);

      if (next == NULL || next->member_id != write->member_id || next->activity_id != write->activity_id)
        {
          const EfActivity *activity = ef_planning_rules_get_activity (rules, write->activity_id);
          const char *first_name = "", *last_name = "";

          for (guint j = 0; j < family->len; j++)
            {
              const EfPlanningMember *member = g_ptr_array_index (family, j);

              if (member->id == write->member_id)
                {
                  first_name = member->first_name;
                  last_name = member->last_name;
                }
            }

          g_string_append_printf (text, "\n%s %s — %s\n", first_name, last_name,
                                  activity ? activity->name : "");
          /* One form for one day, one for several: the lists are never empty. */
          if (added->len > 0)
            {
              g_string_append (text, "  ");
              g_string_append_printf (text, added->len == 1
                                            ? tr (NC_("mail", "Day reserved (%u):"))
                                            : tr (NC_("mail", "Days reserved (%u):")),
                                      added->len);
              append_day_list (text, added, words);
              g_string_append_c (text, '\n');
            }
          if (removed->len > 0)
            {
              g_string_append (text, "  ");
              g_string_append_printf (text, removed->len == 1
                                            ? tr (NC_("mail", "Day cancelled (%u):"))
                                            : tr (NC_("mail", "Days cancelled (%u):")),
                                      removed->len);
              append_day_list (text, removed, words);
              g_string_append_c (text, '\n');
            }
          g_array_set_size (added, 0);
          g_array_set_size (removed, 0);
        }
    }

  g_string_append_c (text, '\n');
  g_string_append (text, tr (NC_("mail", "Every meal reserved and not cancelled in time is "
                                         "invoiced.")));
  g_string_append (text, "\n\n");
  g_string_append_printf (text, tr (NC_("mail", "%s — Espace Famille")),
                          ef_portal_get_name (rules->portal));
  g_string_append_c (text, '\n');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonArray *
current_versions (EfStore     *store,
                  GHashTable  *versions,
                  gboolean    *stale,
                  GError     **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  *stale = FALSE;
  g_hash_table_iter_init (&iter, versions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *object = json_object_new ();
      gint64 member_id = *(gint64 *) key;
      gint64 version;

      if (!ef_store_get_planning_version (store, member_id, &version, error))
        {
          json_object_unref (object);
          return NULL;
        }
      if (version != *(gint64 *) value)
        *stale = TRUE;
      json_object_set_int_member (object, "member", member_id);
      json_object_set_int_member (object, "version", version);
      json_array_add_object_element (array, object);
    }
  return g_steal_pointer (&array);
}

static gboolean
find_member (GPtrArray *family,
             gint64     member_id)
{
  for (guint i = 0; i < family->len; i++)
    if (((EfPlanningMember *) g_ptr_array_index (family, i))->id == member_id)
      return TRUE;
  return FALSE;
}

/* Reads, in the transaction, what the changes of each member touch. */
static gboolean
load_member_states (EfStore     *store,
                    GArray      *changes,
                    GHashTable  *states,
                    GError     **error)
{
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);
      MemberState *state = g_hash_table_lookup (states, &change->member_id);

      if (state == NULL)
        {
          state = g_new0 (MemberState, 1);
          state->member_id = change->member_id;
          state->first_day = state->last_day = change->day;
          state->reserved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                   (GDestroyNotify) g_hash_table_unref);
          g_hash_table_insert (states, &state->member_id, state);
        }
      state->first_day = MIN (state->first_day, change->day);
      state->last_day = MAX (state->last_day, change->day);
    }

  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      MemberState *state = value;

      state->enrolments = ef_store_list_enrolments (store, state->member_id, error);
      if (state->enrolments == NULL)
        return FALSE;
      for (guint i = 0; i < state->enrolments->len; i++)
        {
          const EfEnrolment *enrolment = g_ptr_array_index (state->enrolments, i);

          if (!ef_store_load_reserved_days (store, state->member_id, enrolment->activity_id,
                                            state->first_day, state->last_day,
                                            reserved_set_for (state, enrolment->activity_id),
                                            error))
            return FALSE;
        }
    }
  return TRUE;
}

static EfApiError
offence_code (const char *reason)
{
  if (g_str_equal (reason, "deadline_passed"))
    return EF_API_ERROR_DEADLINE_PASSED;
  if (g_str_equal (reason, "day_closed"))
    return EF_API_ERROR_DAY_CLOSED;
  if (g_str_equal (reason, "not_your_service"))
    return EF_API_ERROR_FORBIDDEN;
  return EF_API_ERROR_NOT_ENROLLED;
}

/* The staff audit of an agent's batch: each change that changed
 * something, before and after. */
static gboolean
audit_agent_batch (EfStore                *store,
                   EfPlanningRules        *rules,
                   const EfPlanningBatch  *batch,
                   GArray                 *writes,
                   GError                **error)
{
  g_autoptr(JsonNode) before = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) after = json_node_new (JSON_NODE_ARRAY);
  JsonArray *before_array = json_array_new ();
  JsonArray *after_array = json_array_new ();
  g_autofree char *target = g_strdup_printf ("family:%" G_GINT64_FORMAT, batch->family_id);
  EfStaffAuditEntry entry = { 0 };

  json_node_take_array (before, before_array);
  json_node_take_array (after, after_array);
  for (guint i = 0; i < writes->len; i++)
    {
      const EfReservationWrite *write = &g_array_index (writes, EfReservationWrite, i);
      const EfActivity *activity = ef_planning_rules_get_activity (rules, write->activity_id);
      g_autofree char *day = ef_day_format_iso (write->day);
      JsonObject *was = json_object_new ();
      JsonObject *is = json_object_new ();

      json_object_set_int_member (was, "member", write->member_id);
      json_object_set_string_member (was, "activity", activity ? activity->code : "");
      json_object_set_string_member (was, "day", day);
      json_object_set_boolean_member (was, "reserved", !write->reserved);
      json_object_set_int_member (is, "member", write->member_id);
      json_object_set_string_member (is, "activity", activity ? activity->code : "");
      json_object_set_string_member (is, "day", day);
      json_object_set_boolean_member (is, "reserved", write->reserved);
      json_object_set_boolean_member (is, "override", write->override);
      if (write->override && write->reserved)
        {
          if (write->override_billed >= 0)
            json_object_set_boolean_member (is, "billed", write->override_billed != 0);
          else
            json_object_set_null_member (is, "billed");
        }
      json_array_add_object_element (before_array, was);
      json_array_add_object_element (after_array, is);
    }

  entry.agent = batch->agent;
  entry.family_id = batch->family_id;
  entry.action = "reservations";
  entry.target = target;
  entry.before = before;
  entry.after = after;
  entry.via = batch->via;
  entry.at = g_date_time_to_unix (batch->now);
  return ef_store_add_staff_audit (store, &entry, error);
}

JsonNode *
ef_planning_apply_batch (EfStore                *store,
                         EfPlanningRules        *rules,
                         const EfPlanningBatch  *batch,
                         JsonNode               *request,
                         JsonArray             **details,
                         GError                **error)
{
  g_autoptr(EfReservationBatchRecord) record = NULL;
  EfDay first_day, last_day;

  g_return_val_if_fail (store != NULL && rules != NULL && batch != NULL, NULL);
  g_return_val_if_fail (details != NULL && *details == NULL, NULL);

  batch_day_bounds (&first_day, &last_day);
  record = ef_reservation_batch_record_from_json (request, EF_PLANNING_MAX_CHANGES, first_day,
                                                  last_day, error);
  if (record == NULL)
    return NULL;
  return ef_planning_apply_batch_record (store, rules, batch, record, details, error);
}

EfReservationBatchRecord *
ef_planning_read_batch_text (const char *data,
                             gsize       length)
{
  EfDay first_day, last_day;

  batch_day_bounds (&first_day, &last_day);
  return ef_reservation_batch_record_read_text (data, length, EF_PLANNING_MAX_CHANGES, first_day,
                                                last_day);
}

JsonNode *
ef_planning_apply_batch_record (EfStore                        *store,
                                EfPlanningRules                *rules,
                                const EfPlanningBatch          *batch,
                                const EfReservationBatchRecord *request,
                                JsonArray                     **details,
                                GError                        **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) member_state_free);
  g_autoptr(GPtrArray) family = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (EfReservationWrite));
  g_autoptr(JsonArray) offences = json_array_new ();
  g_autoptr(JsonArray) stale_versions = NULL;
  g_autofree char *body = NULL;
  GHashTableIter iter;
  gpointer key;
  EfApiError offence = EF_API_ERROR_INTERNAL;
  gboolean mixed = FALSE, stale;
  guint n_reserved = 0, n_cancelled = 0, n_overridden = 0;
  gint64 now_s;
  g_autoptr(EfReservationResultRecord) result = NULL;

  g_return_val_if_fail (store != NULL && rules != NULL && batch != NULL && request != NULL, NULL);
  g_return_val_if_fail (details != NULL && *details == NULL, NULL);

  if (!list_changes (request, changes, versions, details, error))
    return NULL;
  now_s = g_date_time_to_unix (batch->now);

  /* Another family's members are answered exactly like missing ones. */
  family = ef_store_list_planning_members (store, batch->family_id, error);
  if (family == NULL)
    return NULL;
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);

      if (!find_member (family, change->member_id))
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND,
                       "No member %" G_GINT64_FORMAT, change->member_id);
          return NULL;
        }
      if (!g_hash_table_contains (versions, &change->member_id))
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       "versions: the planning version of member %" G_GINT64_FORMAT " is missing",
                       change->member_id);
          return NULL;
        }
      change->activity = ef_planning_rules_find_activity (rules, change->activity_code);
    }
  g_hash_table_iter_init (&iter, versions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!find_member (family, *(gint64 *) key))
      {
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND,
                     "No member %" G_GINT64_FORMAT, *(gint64 *) key);
        return NULL;
      }

  if (!ef_store_begin_tenant_write (store, batch->tenant_id, error))
    return NULL;

  stale_versions = current_versions (store, versions, &stale, error);
  if (stale_versions == NULL)
    goto fail;
  if (stale)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VERSION_CONFLICT,
                           "The planning changed since it was read: reload it and try again");
      *details = g_steal_pointer (&stale_versions);
      goto fail;
    }

  if (!load_member_states (store, changes, states, error))
    goto fail;

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);
      MemberState *state = g_hash_table_lookup (states, &change->member_id);
      EfReservationWrite write = { 0 };
      EfClosedReason reason;
      GHashTable *reserved;
      const char *offence_reason = NULL;

      if (change->activity == NULL)
        {
          /* An activity the tenant does not run: the member cannot be in it. */
          json_array_add_element (offences, change_detail (change, "not_enrolled", NULL, NULL));
          offence_reason = "not_enrolled";
          goto offended;
        }
      /* An agent changes only the activities of the agent's services. */
      if (batch->agent != NULL &&
          !ef_staff_agent_has_service (batch->agent, change->activity->service_id))
        {
          offence_reason = "not_your_service";
          json_array_add_element (offences, change_detail (change, offence_reason, NULL, NULL));
          goto offended;
        }

      reserved = reserved_set_for (state, change->activity->id);
      if (g_hash_table_contains (reserved, GUINT_TO_POINTER (change->day)) == change->reserved)
        continue;   /* changes nothing: accepted, not audited */

      reason = ef_planning_rules_closed_reason (rules, change->activity, state->enrolments, change->day);
      if (reason == EF_CLOSED_REASON_NOT_ENROLLED)
        {
          offence_reason = "not_enrolled";
          json_array_add_element (offences, change_detail (change, offence_reason, NULL, NULL));
        }
      else if (reason != EF_CLOSED_REASON_NONE)
        {
          offence_reason = "day_closed";
          json_array_add_element (offences,
                                  change_detail (change, offence_reason,
                                                 ef_closed_reason_to_string (reason), NULL));
        }
      else
        {
          DayRule rule_copy;
          const DayRule *rule = &rule_copy;

          day_rule (rules, change->activity, change->day, &rule_copy);

          if (now_s >= rule->deadline && batch->agent != NULL && batch->override_deadline)
            write.override = TRUE;
          else if (now_s >= rule->deadline)
            {
              offence_reason = "deadline_passed";
              json_array_add_element (offences,
                                      change_detail (change, offence_reason, NULL,
                                                     rule->deadline != G_MININT64
                                                     ? rule->deadline_text : NULL));
            }
        }

    offended:
      if (offence_reason != NULL)
        {
          if (offence != EF_API_ERROR_INTERNAL && offence != offence_code (offence_reason))
            mixed = TRUE;
          offence = offence_code (offence_reason);
          continue;
        }

      write.member_id = change->member_id;
      write.activity_id = change->activity->id;
      write.day = change->day;
      write.reserved = change->reserved;
      write.override_billed = batch->override_billed;
      if (write.override)
        n_overridden++;
      g_array_append_val (writes, write);
      if (change->reserved)
        n_reserved++;
      else
        n_cancelled++;
    }

  if (json_array_get_length (offences) > 0)
    {
      g_set_error (error, EF_API_ERROR, mixed ? EF_API_ERROR_VALIDATION : offence,
                   "%u of the %u changes cannot be applied; nothing was changed",
                   json_array_get_length (offences), changes->len);
      *details = g_steal_pointer (&offences);
      goto fail;
    }

  if (writes->len > 0)
    {
      gint64 instant = g_date_time_to_unix (batch->now);

      if (!ef_store_write_reservations (store, batch->tenant_id,
                                        (const EfReservationWrite *) writes->data, writes->len,
                                        batch->account_id, batch->channel, instant, error))
        goto fail;
      if (batch->agent != NULL && !audit_agent_batch (store, rules, batch, writes, error))
        goto fail;

      if (batch->recipient != NULL)
        {
          g_autofree char *subject = g_strdup_printf (tr (NC_("mail", "%s: your reservations are recorded")),
                                                      ef_portal_get_name (rules->portal));

          body = compose_confirmation (rules, family, writes, batch->now);
          if (ef_store_outbox_add (store, batch->tenant_id, "reservations", batch->recipient,
                                   subject, body, instant, error) == 0)
            goto fail;
        }
    }

  result = ef_reservation_result_record_new ();
  g_hash_table_iter_init (&iter, versions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 version;

      if (!ef_store_get_planning_version (store, *(gint64 *) key, &version, error))
        goto fail;
      ef_planning_versions_add (result->versions, *(gint64 *) key, version);
    }

  if (!ef_store_commit_write (store, error))
    goto fail;

  result->applied = writes->len;
  result->unchanged = changes->len - writes->len;
  result->reserved = n_reserved;
  result->cancelled = n_cancelled;
  if (batch->agent != NULL)
    result->overridden = n_overridden;
  return ef_reservation_result_record_to_json (result);

fail:
  ef_store_rollback_write (store);
  return NULL;
}
