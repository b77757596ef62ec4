/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-planning.c: the staff's commands for activities, enrolments and
 * school holidays (enrol, activities, import-calendar)
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ef-cli.h"
#include "ef-cli-planning.h"
#include "ef-planning.h"

/* ef_cli_tenant_open(), and a tenant that exists. */
static gboolean
open_tenant (EfCliTenant *cli,
             int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EfPortal) portal = NULL;

  if (!ef_cli_tenant_open (cli, FALSE, status))
    return FALSE;

  portal = ef_store_load_portal (cli->store, cli->tenant_id, &error);
  if (portal == NULL)
    {
      *status = ef_cli_fail_tenant (cli->tenant_id, error);
      return FALSE;
    }
  return TRUE;
}

static EfDay
parse_day_option (const char *text,
                  const char *option,
                  int        *status)
{
  EfDay day;

  if (text == NULL)
    {
      *status = ef_cli_fail (EXIT_USAGE, _("The option %s YYYY-MM-DD is required"), option);
      return EF_DAY_INVALID;
    }
  day = ef_day_parse_iso (text, NULL);
  if (day == EF_DAY_INVALID)
    *status = ef_cli_fail (EXIT_USAGE, _("The option %s must be a date written YYYY-MM-DD, not “%s”"),
                    option, text);
  return day;
}

static char *
weekdays_to_string (guint weekdays)
{
  /* Translators: abbreviations of Monday … Sunday, separated by spaces */
  g_auto(GStrv) names = g_strsplit (_("Mon Tue Wed Thu Fri Sat Sun"), " ", 7);
  g_autoptr(GString) text = g_string_new (NULL);

  for (int wd = 1; wd <= 7; wd++)
    if (weekdays & EF_WEEKDAY_BIT (wd))
      {
        if (text->len > 0)
          g_string_append_c (text, ',');
        g_string_append (text, g_strv_length (names) == 7 ? names[wd - 1] : "?");
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const EfCliUsage enrol_usage = {
  "enrol", NULL, 0,
  N_("Enrols a family member in an activity for a range of days; parents can then reserve it "
     "on those days. Only the town hall enrols. Running it again with the same dates changes "
     "nothing; dates that overlap another enrolment in the same activity are refused."),
  NULL,
};

int
ef_cli_run_enrol (int    argc,
                  char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *site = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64 member_id = 0;
  gboolean created;
  EfDay first_day, last_day;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "member", 0, 0, G_OPTION_ARG_INT64, &member_id, N_("The family member to enrol"), N_("ID") },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity,
      N_("The activity’s code (see the command “activities”)"), N_("CODE") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site,
      N_("The site, one of the activity’s (default: its first; see the command “configure”)"),
      N_("CODE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day of the enrolment"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day of the enrolment"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!ef_cli_parse (&enrol_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (member_id <= 0 || activity == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The options --member ID and --activity CODE are required"));
  first_day = parse_day_option (from, "--from", &status);
  if (first_day == EF_DAY_INVALID)
    return status;
  last_day = parse_day_option (to, "--to", &status);
  if (last_day == EF_DAY_INVALID)
    return status;
  if (last_day < first_day)
    return ef_cli_fail (EXIT_USAGE, _("The enrolment ends (%s) before it starts (%s)"), to, from);

  if (!open_tenant (&cli, &status))
    return status;

  if (!ef_store_add_enrolment_at_site (cli.store, cli.tenant_id, member_id, activity, site,
                                       first_day, last_day, &created, &error))
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND) &&
          ef_store_lookup_planning_member (cli.store, cli.tenant_id, member_id, NULL) == NULL)
        return ef_cli_fail (EXIT_USAGE, _("There is no member %lld in tenant “%s”"),
                     (long long) member_id, cli.tenant_id);
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
        return ef_cli_fail (EXIT_USAGE, _("There is no activity “%s” in tenant “%s” (see the command “activities”)"),
                     activity, cli.tenant_id);
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
        return ef_cli_fail (EXIT_USAGE, _("Member %lld already has an enrolment in “%s” that overlaps these dates"),
                     (long long) member_id, activity);
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD))
        return ef_cli_fail (EXIT_USAGE, _("The activity “%s” does not run at the site “%s”"), activity, site);
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_DAY_CLOSED))
        return ef_cli_fail (EXIT_USAGE, _("The activity “%s” is closed on %s, when the enrolment would start"),
                     activity, from);
      return ef_cli_fail (EXIT_ERROR, _("Cannot save the enrolment: %s"), error->message);
    }

  if (created)
    printf (_("Enrolled member %lld in “%s” from %s to %s\n"),
            (long long) member_id, activity, from, to);
  else
    printf (_("Member %lld was already enrolled in “%s” from %s to %s: nothing changed\n"),
            (long long) member_id, activity, from, to);
  return EXIT_OK;
}

static const EfCliUsage activities_usage = {
  "activities", NULL, 0,
  N_("Lists the municipality’s activities, one per line: code, weekdays, price of a day in "
     "cents, service, name and site, separated by tabs."),
  NULL,
};

int
ef_cli_run_activities (int    argc,
                       char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { NULL }
  };

  if (!ef_cli_parse (&activities_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (!open_tenant (&cli, &status))
    return status;

  activities = ef_store_list_activities (cli.store, cli.tenant_id, &error);
  if (activities == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot read the activities: %s"), error->message);

  for (guint i = 0; i < activities->len; i++)
    {
      const EfActivity *activity = g_ptr_array_index (activities, i);
      g_autofree char *weekdays = weekdays_to_string (activity->weekdays);

      printf ("%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", activity->code, weekdays,
              activity->unit_price, activity->service_id, activity->name, activity->site);
    }
  return EXIT_OK;
}

static gboolean
looks_like_json (const char *data,
                 gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && (data[i] == '[' || data[i] == '{');
}

static const EfCliUsage import_calendar_usage = {
  "import-calendar", N_("FILE"), 1,
  N_("Imports the school holidays of one zone from FILE, an export of the official dataset "
     "“fr-en-calendrier-scolaire” (data.education.gouv.fr), as JSON or as CSV separated by “;”. "
     "The holidays of the school years that FILE covers replace the municipality’s, in one "
     "transaction; other years stay. A malformed file is refused whole, and the message names "
     "the line (CSV) or record (JSON) at fault."),
  NULL,
};

int
ef_cli_run_import_calendar (int    argc,
                            char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(EfSchoolCalendar) calendar = ef_school_calendar_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length;
  guint n_years = 0;
  int status = EXIT_OK;
  gboolean loaded;
  const GOptionEntry entries[] = {
    { "zone", 0, 0, G_OPTION_ARG_STRING, &zone,
      N_("The municipality’s school zone: A, B or C"), N_("ZONE") },
    { NULL }
  };

  if (!ef_cli_parse (&import_calendar_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return ef_cli_fail (EXIT_USAGE, _("The FILE to import is required"));
  if (zone == NULL || *zone == '\0')
    return ef_cli_fail (EXIT_USAGE, _("The option --zone ZONE is required"));

  display = g_filename_display_name (argv[1]);
  if (!g_file_get_contents (argv[1], &data, &length, &error))
    return ef_cli_fail (EXIT_USAGE, "%s", error->message);

  if (looks_like_json (data, length))
    loaded = ef_school_calendar_load_json (calendar, data, length, zone, &error);
  else
    loaded = ef_school_calendar_load_csv (calendar, data, length, zone, &error);
  if (!loaded)
    return ef_cli_fail (EXIT_USAGE, _("%s: %s; nothing was imported"), display, error->message);
  if (ef_school_calendar_get_n_holidays (calendar) == 0)
    return ef_cli_fail (EXIT_USAGE, _("%s: no school holidays for zone “%s”; nothing was imported"),
                 display, zone);

  if (!open_tenant (&cli, &status))
    return status;

  if (!ef_store_replace_school_holidays (cli.store, cli.tenant_id, zone, calendar, &n_years, &error))
    return ef_cli_fail (EXIT_ERROR, _("Cannot save the school holidays: %s"), error->message);

  printf (g_dngettext (GETTEXT_PACKAGE,
                       "Imported %u school holidays of zone %s for %u school year into tenant %s\n",
                       "Imported %u school holidays of zone %s for %u school years into tenant %s\n",
                       n_years),
          ef_school_calendar_get_n_holidays (calendar), zone, n_years, cli.tenant_id);
  return EXIT_OK;
}
