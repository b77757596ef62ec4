/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-day.c: days and instants in the tenant's time zone */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ef-day.h"
#include "ef-error.h"

/* The last day GDate can hold: 31 December 65535. */
#define LAST_JULIAN_DAY 23936166u

static gboolean
identifier_is_acceptable (const char *identifier)
{
  /* GLib also takes an absolute path to a zone file: tenant data must name
   * a zone of the system database, nothing else. */
  if (identifier[0] == '\0' || identifier[0] == '/' || strstr (identifier, "..") != NULL)
    return FALSE;

  for (const char *p = identifier; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("/_-+:", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * ef_time_zone_new:
 * @identifier: an IANA identifier ("Europe/Paris")
 * @error: return location for an error
 *
 * Unlike g_time_zone_new(), an unknown identifier is an error
 * (%EF_API_ERROR_INVALID_CONFIG), never a silent fall back to UTC.
 *
 * Returns: (transfer full): the zone, or %NULL
 */
GTimeZone *
ef_time_zone_new (const char  *identifier,
                  GError     **error)
{
  GTimeZone *tz = NULL;

  g_return_val_if_fail (identifier != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (identifier_is_acceptable (identifier))
    tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                 _("Unknown time zone “%s”"), identifier);

  return tz;
}

/**
 * ef_day_new:
 *
 * Returns: the day, or %EF_DAY_INVALID when the date does not exist
 */
EfDay
ef_day_new (int year,
            int month,
            int day)
{
  /* Days before each month, in a common year and in a leap year. */
  static const guint16 before[2][13] = {
    { 0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 },
    { 0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335 },
  };
  gboolean leap;
  guint64 past;

  if (year < 1 || year > G_MAXUINT16 || month < 1 || month > 12 || day < 1 || day > 31)
    return EF_DAY_INVALID;
  if (day > g_date_get_days_in_month (month, year))
    return EF_DAY_INVALID;

  /* GDate's Julian day (1 January of year 1 is day 1), computed here: a
   * GDate set and read back costs ten times as much, and the planning
   * reads days by the hundred. */
  leap = g_date_is_leap_year (year);
  past = (guint64) year - 1;
  return past * 365 + past / 4 - past / 100 + past / 400 + before[leap][month] + (guint64) day;
}

gboolean
ef_day_is_valid (EfDay day)
{
  return day != EF_DAY_INVALID && day <= LAST_JULIAN_DAY;
}

void
ef_day_get_ymd (EfDay  day,
                int   *year,
                int   *month,
                int   *mday)
{
  GDate date;

  g_return_if_fail (ef_day_is_valid (day));

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  if (year != NULL)
    *year = g_date_get_year (&date);
  if (month != NULL)
    *month = g_date_get_month (&date);
  if (mday != NULL)
    *mday = g_date_get_day (&date);
}

/**
 * ef_day_get_weekday:
 *
 * Returns: 1 = Monday … 7 = Sunday
 */
int
ef_day_get_weekday (EfDay day)
{
  g_return_val_if_fail (ef_day_is_valid (day), 0);

  /* Julian day 1, 1 January of year 1, was a Monday. */
  return (int) ((day - 1) % 7) + 1;
}

/**
 * ef_day_add:
 *
 * Returns: @day moved by @n_days, or %EF_DAY_INVALID when @day is invalid
 *   or the result falls outside the days GDate can hold
 */
EfDay
ef_day_add (EfDay day,
            int   n_days)
{
  gint64 result;

  if (!ef_day_is_valid (day))
    return EF_DAY_INVALID;

  result = (gint64) day + n_days;
  if (result < 1 || result > LAST_JULIAN_DAY)
    return EF_DAY_INVALID;

  return (EfDay) result;
}

EfDay
ef_day_parse_iso (const char  *text,
                  GError     **error)
{
  static const char shape[] = "dddd-dd-dd";
  EfDay day = EF_DAY_INVALID;

  g_return_val_if_fail (error == NULL || *error == NULL, EF_DAY_INVALID);

  if (text != NULL && strlen (text) == strlen (shape))
    {
      gboolean matches = TRUE;

      for (guint i = 0; shape[i] != '\0' && matches; i++)
        matches = shape[i] == 'd' ? g_ascii_isdigit (text[i]) : text[i] == shape[i];

      if (matches)
        {
          int year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
                     g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
          int month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
          int mday = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);

          day = ef_day_new (year, month, mday);
        }
    }

  if (day == EF_DAY_INVALID)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                 /* Translators: keep YYYY-MM-DD as it is: it is the format */
                 _("“%s” is not a valid date (expected YYYY-MM-DD)"),
                 text != NULL ? text : "");

  return day;
}

char *
ef_day_format_iso (EfDay day)
{
  int year, month, mday;

  g_return_val_if_fail (ef_day_is_valid (day), NULL);

  ef_day_get_ymd (day, &year, &month, &mday);

  return g_strdup_printf ("%04d-%02d-%02d", year, month, mday);
}

EfDay
ef_day_from_instant (GDateTime *instant,
                     GTimeZone *tz)
{
  g_autoptr (GDateTime) local = NULL;
  int year, month, mday;

  g_return_val_if_fail (instant != NULL, EF_DAY_INVALID);
  g_return_val_if_fail (tz != NULL, EF_DAY_INVALID);

  local = g_date_time_to_timezone (instant, tz);
  if (local == NULL)
    return EF_DAY_INVALID;

  g_date_time_get_ymd (local, &year, &month, &mday);

  return ef_day_new (year, month, mday);
}

/**
 * ef_day_at_time:
 * @day: a valid day
 * @hour: 0 to 23
 * @minute: 0 to 59
 * @tz: the tenant's time zone
 *
 * The instant at which clocks in @tz show @hour:@minute on @day. Twice a
 * year that is not a single instant:
 *
 * - In a gap, when clocks go forward, the time does not exist. As
 *   g_date_time_new() does, the instant returned is the end of the gap,
 *   not the time shifted by the gap's length: in Europe/Paris on the last
 *   Sunday of March, 02:00 to 02:59 all give 03:00+02:00 (01:00 UTC).
 * - In a fold, when clocks go back, the time happens twice. g_date_time_new()
 *   takes the second one (standard time); this returns the FIRST, so that a
 *   deadline never gains an hour: in Europe/Paris on the last Sunday of
 *   October, 02:30 gives 02:30+02:00 (00:30 UTC), not 02:30+01:00.
 *
 * Both rules hold whatever the zone, including zones whose rules are
 * written with a negative summer time (Europe/Dublin) and folds of other
 * lengths (30 minutes in Australia/Lord_Howe).
 *
 * Returns: (transfer full) (nullable): the instant, or %NULL when it
 *   falls outside the years GDateTime can hold (1 to 9999)
 */
GDateTime *
ef_day_at_time (EfDay      day,
                int        hour,
                int        minute,
                GTimeZone *tz)
{
  static const GTimeType types[] = { G_TIME_TYPE_STANDARD, G_TIME_TYPE_DAYLIGHT };
  g_autoptr (GDateTime) wall = NULL;
  gint32 offset = G_MININT32;
  gint64 local;
  int year, month, mday;

  g_return_val_if_fail (ef_day_is_valid (day), NULL);
  g_return_val_if_fail (hour >= 0 && hour < 24, NULL);
  g_return_val_if_fail (minute >= 0 && minute < 60, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  ef_day_get_ymd (day, &year, &month, &mday);

  /* The wall-clock time, as seconds since 1970 on that clock. */
  wall = g_date_time_new_utc (year, month, mday, hour, minute, 0);
  if (wall == NULL)
    return NULL;
  local = g_date_time_to_unix (wall);

  /* In a fold both intervals hold the time, and the type alone does not
   * say which comes first: the one with the larger offset does. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      gint interval = g_time_zone_find_interval (tz, types[i], local);

      if (interval >= 0)
        offset = MAX (offset, g_time_zone_get_offset (tz, interval));
    }

  if (offset == G_MININT32)
    {
      /* In a gap: the end of it. */
      return g_date_time_new (tz, year, month, mday, hour, minute, 0);
    }
  else
    {
      g_autoptr (GDateTime) instant = g_date_time_new_from_unix_utc (local - offset);

      return instant != NULL ? g_date_time_to_timezone (instant, tz) : NULL;
    }
}

GDateTime *
ef_instant_parse_iso (const char  *text,
                      GError     **error)
{
  GDateTime *instant = NULL;
  gsize length;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A date and a time, at least "YYYY-MM-DDTHH:MMZ"; no default zone, so
   * that an instant without an offset is refused. */
  length = text != NULL ? strlen (text) : 0;
  if (length >= 17 && length < 64 && (text[10] == 'T' || text[10] == 't'))
    instant = g_date_time_new_from_iso8601 (text, NULL);

  if (instant == NULL)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                 /* Translators: an "instant" is a date and a time with a time zone offset */
                 _("“%s” is not a valid instant (expected an ISO 8601 date and time with an offset, "
                   "such as 2026-01-12T09:00:00+01:00)"),
                 text != NULL ? text : "");

  return instant;
}

char *
ef_instant_format_iso (GDateTime *instant,
                       GTimeZone *tz)
{
  g_autoptr (GDateTime) local = NULL;
  gint64 offset;
  int year, month, day;
  char sign;

  g_return_val_if_fail (instant != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  local = g_date_time_to_timezone (instant, tz);
  if (local == NULL)
    return NULL;

  /* The offset as g_date_time_format()'s "%:z" writes it (its seconds
   * dropped), without its cost: the planning writes one at each request. */
  offset = g_date_time_get_utc_offset (local) / G_USEC_PER_SEC;
  sign = offset >= 0 ? '+' : '-';
  offset = ABS (offset);
  g_date_time_get_ymd (local, &year, &month, &day);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day,
                          g_date_time_get_hour (local), g_date_time_get_minute (local),
                          g_date_time_get_second (local), sign, (int) (offset / 3600),
                          (int) (offset / 60 % 60));
}

char *
ef_instant_format_unix_iso (gint64     unix_time,
                            GTimeZone *tz)
{
  g_autoptr (GDateTime) instant = NULL;

  if (unix_time <= 0)
    return NULL;
  instant = g_date_time_new_from_unix_utc (unix_time);
  return instant != NULL ? ef_instant_format_iso (instant, tz) : NULL;
}

/**
 * ef_date_time_format:
 * @datetime: a date and time
 * @format: a g_date_time_format() format
 *
 * Like g_date_time_format(), but on the first day of a month each "%-d"
 * (the day without padding, as dates in words use it) is written as the
 * translation of "1" in the context "first day of a month": French
 * writes "lundi 1er mars", "du 1er au 3 septembre". Numeric dates ("%d")
 * are left as they are.
 *
 * Returns: (transfer full) (nullable): the formatted text, or %NULL
 *   where g_date_time_format() returns %NULL
 */
char *
ef_date_time_format (GDateTime  *datetime,
                     const char *format)
{
  g_autoptr (GString) with_first = NULL;
  const char *first;

  g_return_val_if_fail (datetime != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  if (g_date_time_get_day_of_month (datetime) != 1 || strstr (format, "%-d") == NULL)
    return g_date_time_format (datetime, format);

  /* Translators: the first day of a month in a date in words, "Monday
   * 1 March 2027", "from 1 September"; French "1er" */
  first = C_("first day of a month", "1");

  with_first = g_string_sized_new (strlen (format) + 8);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == '%')
        {
          g_string_append (with_first, "%%");
          p++;
        }
      else if (p[0] == '%' && p[1] == '-' && p[2] == 'd')
        {
          /* The translation is text: its own "%" would be a conversion. */
          for (const char *c = first; *c != '\0'; c++)
            {
              if (*c == '%')
                g_string_append_c (with_first, '%');
              g_string_append_c (with_first, *c);
            }
          p += 2;
        }
      else
        g_string_append_c (with_first, *p);
    }

  return g_date_time_format (datetime, with_first->str);
}
