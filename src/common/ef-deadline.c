/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-deadline.c: until when a reservation for a day may be changed */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ef-day.h"
#include "ef-deadline.h"
#include "ef-error.h"
#include "ef-json.h"
#include "ef-school-calendar.h"

#define MAX_DAYS_BEFORE 30
#define ALL_WEEKDAYS (EF_WEEKDAYS_MON_TO_FRI | EF_WEEKDAY_BIT (6) | EF_WEEKDAY_BIT (7))

static gboolean
day_is_counted (const EfDeadlinePolicy *policy,
                EfSchoolCalendar       *calendar,
                EfDay                   day)
{
  if ((policy->counted_weekdays & EF_WEEKDAY_BIT (ef_day_get_weekday (day))) == 0)
    return FALSE;
  if (policy->skip_public_holidays && ef_public_holiday_name (day) != NULL)
    return FALSE;
  if (policy->skip_school_holidays && calendar != NULL &&
      ef_school_calendar_is_school_holiday (calendar, day, NULL))
    return FALSE;

  return TRUE;
}

/**
 * ef_deadline_policy_init_default:
 * @policy: the policy to fill
 *
 * The tutorial's rule: 3 counted days, 09:00, Monday–Friday counted,
 * public and school holidays counted like any other day.
 */
void
ef_deadline_policy_init_default (EfDeadlinePolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->days_before = 3;
  policy->hour = 9;
  policy->minute = 0;
  policy->counted_weekdays = EF_WEEKDAYS_MON_TO_FRI;
  policy->skip_public_holidays = FALSE;
  policy->skip_school_holidays = FALSE;
}

/**
 * ef_deadline_policy_validate:
 *
 * Fails with %EF_API_ERROR_INVALID_FIELD naming the member of the JSON form
 * that is out of range.
 */
gboolean
ef_deadline_policy_validate (const EfDeadlinePolicy  *policy,
                             GError                 **error)
{
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (policy->days_before > MAX_DAYS_BEFORE)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be between %d and %d"), "days_before", 0, MAX_DAYS_BEFORE);
      return FALSE;
    }
  if (policy->hour > 23)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be between %d and %d"), "hour", 0, 23);
      return FALSE;
    }
  if (policy->minute > 59)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be between %d and %d"), "minute", 0, 59);
      return FALSE;
    }
  if (policy->counted_weekdays == 0 || (policy->counted_weekdays & ~ALL_WEEKDAYS) != 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must list at least one weekday, from 1 (Monday) to 7 (Sunday)"),
                   "counted_weekdays");
      return FALSE;
    }

  return TRUE;
}

/**
 * ef_deadline_policy_to_json:
 *
 * Returns: (transfer full): {"days_before", "hour", "minute",
 *   "counted_weekdays": [1, …], "skip_public_holidays",
 *   "skip_school_holidays"}
 */
JsonNode *
ef_deadline_policy_to_json (const EfDeadlinePolicy *policy)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonArray) weekdays = json_array_new ();
  JsonNode *node;

  g_return_val_if_fail (policy != NULL, NULL);

  for (int wd = 1; wd <= 7; wd++)
    {
      if (policy->counted_weekdays & EF_WEEKDAY_BIT (wd))
        json_array_add_int_element (weekdays, wd);
    }

  json_object_set_int_member (object, "days_before", policy->days_before);
  json_object_set_int_member (object, "hour", policy->hour);
  json_object_set_int_member (object, "minute", policy->minute);
  json_object_set_array_member (object, "counted_weekdays", g_steal_pointer (&weekdays));
  json_object_set_boolean_member (object, "skip_public_holidays", policy->skip_public_holidays);
  json_object_set_boolean_member (object, "skip_school_holidays", policy->skip_school_holidays);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);

  return node;
}

static gboolean
get_ranged_int (JsonObject  *object,
                const char  *member,
                int          min,
                int          max,
                guint       *out,
                GError     **error)
{
  gint64 value;

  if (!ef_json_get_int (object, member, FALSE, &value, error))
    return FALSE;

  if (value < min || value > max)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be between %d and %d"), member, min, max);
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

/**
 * ef_deadline_policy_from_json:
 * @policy: the policy to fill; left untouched on error
 * @node: the JSON form, as written by ef_deadline_policy_to_json()
 * @error: return location for an error
 *
 * Every member is required; unknown members (%EF_API_ERROR_UNKNOWN_FIELD),
 * wrong types, values out of range and repeated weekdays
 * (%EF_API_ERROR_INVALID_FIELD) are refused.
 */
gboolean
ef_deadline_policy_from_json (EfDeadlinePolicy  *policy,
                              JsonNode          *node,
                              GError           **error)
{
  static const char * const members[] = {
    "days_before", "hour", "minute", "counted_weekdays",
    "skip_public_holidays", "skip_school_holidays", NULL
  };
  EfDeadlinePolicy parsed = { 0, };
  JsonObject *object;
  JsonArray *weekdays;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           _("The deadline policy must be a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (node);

  if (!ef_json_check_members (object, members, error) ||
      !get_ranged_int (object, "days_before", 0, MAX_DAYS_BEFORE, &parsed.days_before, error) ||
      !get_ranged_int (object, "hour", 0, 23, &parsed.hour, error) ||
      !get_ranged_int (object, "minute", 0, 59, &parsed.minute, error) ||
      !ef_json_get_array (object, "counted_weekdays", FALSE, &weekdays, error) ||
      !ef_json_get_bool (object, "skip_public_holidays", FALSE, &parsed.skip_public_holidays, error) ||
      !ef_json_get_bool (object, "skip_school_holidays", FALSE, &parsed.skip_school_holidays, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (weekdays); i++)
    {
      JsonNode *element = json_array_get_element (weekdays, i);
      gint64 wd;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          (wd = json_node_get_int (element)) < 1 || wd > 7 ||
          (parsed.counted_weekdays & EF_WEEKDAY_BIT (wd)) != 0)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       _("The member “%s” must list distinct weekdays, from 1 (Monday) to 7 (Sunday)"),
                       "counted_weekdays");
          return FALSE;
        }

      parsed.counted_weekdays |= EF_WEEKDAY_BIT (wd);
    }

  if (!ef_deadline_policy_validate (&parsed, error))
    return FALSE;

  *policy = parsed;
  return TRUE;
}

/**
 * ef_deadline_day:
 * @policy: a valid policy
 * @calendar: (nullable): the school holidays, for skip_school_holidays
 * @day: the day a change is for
 *
 * Walks back from @day one day at a time and counts a day when its weekday
 * is counted and it is not a skipped holiday; the days_before-th counted
 * day is the deadline day (@day itself when days_before is 0).
 *
 * Returns: the deadline day, or %EF_DAY_INVALID if none exists
 */
EfDay
ef_deadline_day (const EfDeadlinePolicy *policy,
                 EfSchoolCalendar       *calendar,
                 EfDay                   day)
{
  guint counted = 0;

  g_return_val_if_fail (policy != NULL, EF_DAY_INVALID);
  g_return_val_if_fail (policy->counted_weekdays != 0, EF_DAY_INVALID);
  g_return_val_if_fail (ef_day_is_valid (day), EF_DAY_INVALID);

  while (counted < policy->days_before)
    {
      day = ef_day_add (day, -1);
      if (day == EF_DAY_INVALID)
        return EF_DAY_INVALID;

      if (day_is_counted (policy, calendar, day))
        counted++;
    }

  return day;
}

/**
 * ef_deadline_for_day:
 *
 * Returns: (transfer full) (nullable): the deadline day at the policy's
 *   hour and minute in @tz
 */
GDateTime *
ef_deadline_for_day (const EfDeadlinePolicy *policy,
                     EfSchoolCalendar       *calendar,
                     EfDay                   day,
                     GTimeZone              *tz)
{
  EfDay deadline_day;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  deadline_day = ef_deadline_day (policy, calendar, day);
  if (deadline_day == EF_DAY_INVALID)
    return NULL;

  return ef_day_at_time (deadline_day, policy->hour, policy->minute, tz);
}

gboolean
ef_deadline_allows_change (const EfDeadlinePolicy *policy,
                           EfSchoolCalendar       *calendar,
                           EfDay                   day,
                           GTimeZone              *tz,
                           GDateTime              *now)
{
  g_autoptr (GDateTime) deadline = NULL;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  deadline = ef_deadline_for_day (policy, calendar, day, tz);
  if (deadline == NULL)
    return FALSE;

  return g_date_time_compare (now, deadline) < 0;
}
