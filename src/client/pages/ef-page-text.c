/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-page-text.c: dates, periods and amounts in words, for the pages
 *
 * Every format goes through gettext so that French reads "jeudi
 * 26 novembre 2026 à 14 h 05" where English reads "Thursday 26 November
 * 2026 at 14:05"; names of days and months come from the C library's
 * locale through g_date_time_format().
 */

#define G_LOG_DOMAIN "EfPages"

#include "config.h"

#include <glib/gi18n.h>

#include "api/ef-client-error.h"
#include "ef-page-text.h"

static GDateTime *
day_at_noon (EfDay day)
{
  int year, month, mday;

  ef_day_get_ymd (day, &year, &month, &mday);
  return g_date_time_new_local (year, month, mday, 12, 0, 0);
}

static char *
format_day (EfDay       day,
            const char *format)
{
  g_autoptr (GDateTime) noon = NULL;

  if (!ef_day_is_valid (day))
    return g_strdup ("");

  noon = day_at_noon (day);
  return ef_date_time_format (noon, format);
}

/* Month names start a label: "November 2026", "Novembre 2026". */
static char *
capitalize (const char *text)
{
  gunichar first;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  first = g_utf8_get_char (text);
  if (g_unichar_isupper (first))
    return g_strdup (text);

  {
    char buffer[8] = { 0 };

    g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
    return g_strconcat (buffer, g_utf8_next_char (text), NULL);
  }
}

char *
_ef_page_text_day (EfDay    day,
                   gboolean with_year)
{
  if (with_year)
    /* Translators: a day with its year, see g_date_time_format():
     * "Monday 18 January 2027"; French "%A %-d %B %Y" */
    return format_day (day, C_("day format", "%A %-d %B %Y"));

  /* Translators: a day without its year, see g_date_time_format():
   * "Monday 18 January"; French "%A %-d %B" */
  return format_day (day, C_("day format", "%A %-d %B"));
}

GDateTime *
_ef_page_text_to_portal_time (GDateTime *instant)
{
  static GTimeZone *tz;

  if (g_once_init_enter (&tz))
    {
      GTimeZone *new_tz = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);

      if (new_tz == NULL)
        new_tz = g_time_zone_new_local ();
      g_once_init_leave (&tz, new_tz);
    }

  return g_date_time_to_timezone (instant, tz);
}

char *
_ef_page_text_instant (GDateTime *instant)
{
  g_autoptr (GDateTime) local = NULL;

  if (instant == NULL)
    return g_strdup ("");

  local = _ef_page_text_to_portal_time (instant);
  /* Translators: a day and a time, see g_date_time_format():
   * "Thursday 26 November 2026 at 14:05"; French "%A %-d %B %Y à %H h %M" */
  return ef_date_time_format (local, C_("instant format", "%A %-d %B %Y at %H:%M"));
}

char *
_ef_page_text_period (EfDay first_day,
                      EfDay last_day)
{
  /* Translators: a day in a period, see g_date_time_format():
   * "1 September 2026"; French "%-d %B %Y" */
  const char *format = C_("day format", "%-d %B %Y");
  g_autofree char *first = format_day (first_day, format);
  g_autofree char *last = format_day (last_day, format);

  if (!ef_day_is_valid (last_day))
    /* Translators: the start of an enrolment with no end: "from 1 September 2026" */
    return g_strdup_printf (_("from %s"), first);

  /* Translators: the period of an enrolment:
   * "from 1 September 2026 to 3 July 2027" */
  return g_strdup_printf (_("from %s to %s"), first, last);
}

char *
_ef_page_text_deadline (EfDay      day,
                        GDateTime *deadline)
{
  g_autoptr (GDateTime) local = _ef_page_text_to_portal_time (deadline);
  g_autofree char *meal = _ef_page_text_day (day, FALSE);
  g_autofree char *until = NULL;
  int year, month, mday;

  ef_day_get_ymd (day, &year, &month, &mday);
  if (g_date_time_get_month (local) == month)
    /* Translators: the deadline of a meal in the same month, see
     * g_date_time_format(): "Wednesday 13 at 9:00"; French "%A %-d à %-H h %M" */
    until = ef_date_time_format (local, C_("deadline format", "%A %-d at %-H:%M"));
  else
    /* Translators: the deadline of a meal in another month, see
     * g_date_time_format(): "Friday 27 November at 9:00";
     * French "%A %-d %B à %-H h %M" */
    until = ef_date_time_format (local, C_("deadline format", "%A %-d %B at %-H:%M"));

  /* Translators: the nearest deadline on the dashboard. The first %s is
   * the meal's day ("Monday 18 January"), the second the deadline
   * ("Wednesday 13 at 9:00"). French: "Vous pouvez encore annuler le
   * repas du %s jusqu’au %s" */
  return g_strdup_printf (_("You can still cancel the meal of %s until %s"), meal, until);
}

char *
_ef_page_text_week (EfDay monday)
{
  /* Translators: see g_date_time_format(): "23 November 2026"; French "%-d %B %Y" */
  g_autofree char *day = format_day (monday, C_("day format", "%-d %B %Y"));

  /* Translators: the history filtered by week: "Week of 23 November 2026" */
  return g_strdup_printf (_("Week of %s"), day);
}

char *
_ef_page_text_month (EfDay first_day)
{
  /* Translators: the history filtered by month, see g_date_time_format():
   * "November 2026"; French "%B %Y" */
  g_autofree char *month = format_day (first_day, C_("month format", "%B %Y"));

  return capitalize (month);
}

const char *
_ef_page_text_payment_channel (EfPaymentChannel channel)
{
  switch (channel)
    {
    case EF_PAYMENT_CHANNEL_ONLINE_CARD:
      return C_("payment channel", "Online card payment");
    case EF_PAYMENT_CHANNEL_CASH:
      return C_("payment channel", "Cash");
    case EF_PAYMENT_CHANNEL_CHEQUE:
      return C_("payment channel", "Cheque");
    case EF_PAYMENT_CHANNEL_DIRECT_DEBIT:
      return C_("payment channel", "Direct debit");
    case EF_PAYMENT_CHANNEL_TRANSFER:
      return C_("payment channel", "Bank transfer");
    default:
      return C_("payment channel", "Other");
    }
}

const char *
_ef_page_text_payment_status (EfPaymentStatus status)
{
  switch (status)
    {
    case EF_PAYMENT_STATUS_PENDING:
      return C_("payment status", "In progress");
    case EF_PAYMENT_STATUS_PAID:
      return C_("payment status", "Paid");
    case EF_PAYMENT_STATUS_REFUSED:
      return C_("payment status", "Refused");
    case EF_PAYMENT_STATUS_CANCELLED:
      return C_("payment status", "Cancelled");
    case EF_PAYMENT_STATUS_EXPIRED:
      return C_("payment status", "Expired");
    default:
      return "";
    }
}

const char *
_ef_page_text_member_role (EfMemberRole role)
{
  switch (role)
    {
    case EF_MEMBER_ROLE_RESPONSIBLE:
      return C_("member role", "Responsible adult");
    case EF_MEMBER_ROLE_CHILD:
      return C_("member role", "Child");
    case EF_MEMBER_ROLE_OTHER:
    default:
      return C_("member role", "Other member");
    }
}

/**
 * _ef_page_text_address:
 * @address: (nullable): a postal address
 * @separator: what comes between its lines: "\n", or ", " on one line
 *
 * Returns: (transfer full) (nullable): "12 rue des Marronniers",
 *   the second line if any, "64140 Billère", joined by @separator; %NULL
 *   without an address
 */
char *
_ef_page_text_address (EfAddress  *address,
                       const char *separator)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const char *line1, *line2, *postal_code, *city;

  if (address == NULL)
    return NULL;

  line1 = ef_address_get_line1 (address);
  line2 = ef_address_get_line2 (address);
  postal_code = ef_address_get_postal_code (address);
  city = ef_address_get_city (address);
  g_string_append (text, line1 != NULL ? line1 : "");
  if (line2 != NULL && *line2 != '\0')
    g_string_append_printf (text, "%s%s", separator, line2);
  g_string_append_printf (text, "%s%s %s", separator, postal_code != NULL ? postal_code : "",
                          city != NULL ? city : "");
  return g_strstrip (g_string_free (g_steal_pointer (&text), FALSE));
}

const char *
_ef_page_text_phone_kind (EfPhoneKind kind)
{
  switch (kind)
    {
    case EF_PHONE_KIND_HOME:
      return C_("phone kind", "Home phone");
    case EF_PHONE_KIND_WORK:
      return C_("phone kind", "Work phone");
    case EF_PHONE_KIND_MOBILE:
    default:
      return C_("phone kind", "Mobile phone");
    }
}

/* TRUE when the page that started the call is gone or restarted it: the
 * callback must then not touch the page. EfClient reports cancellation in
 * its own domain, and a reply can race the cancel, hence both checks. */
gboolean
_ef_page_result_cancelled (GAsyncResult *result,
                           const GError *error)
{
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    return TRUE;

  return error != NULL && ef_client_error_is_cancelled (error);
}
