/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-town.c: a town's settings file (GKeyFile format): read and checked
 * with the line of every mistake, written back, compared
 *
 * GKeyFile reads the values but knows no line numbers, merges a group
 * written twice and keeps the last of a key written twice: the text is
 * scanned first for the line of every group and key, which also finds
 * what GKeyFile would silently merge. Then every group is read into an
 * EfTown, every mistake noted with its line, and nothing stops at the
 * first one.
 *
 * Writing goes through the same table of groups and keys (town_groups())
 * as comparing does, so that what is written is what is compared.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "family/ef-family.h"
#include "ef-town.h"

#define MAX_NAME_LENGTH 200
/* An invoice line is the activity's name, and the days of its price when
 * that changes during the month: 200 characters in all. */
#define MAX_ACTIVITY_NAME_LENGTH 160
#define MAX_TEXT_LENGTH 4000
#define MAX_CODE_LENGTH 64
#define MAX_DEADLINE_DAYS 30
#define MAX_DUE_DAYS 365
#define MIN_YEAR 2000
#define MAX_YEAR 2099
/* 10 000 € a day: anything above is a typing mistake. */
#define MAX_PRICE_CENTS ((EfCents) 1000000)
#define PRICE_FROM "price-from-"

static const char * const weekday_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

typedef struct {
  char  *key;
  guint  line;
} KeyLine;

/* Where a group and its keys are in the text. */
typedef struct {
  char      *name;
  guint      line;
  GPtrArray *keys;    /* of KeyLine, in the file's order */
} GroupLines;

struct _EfTownFile {
  GKeyFile   *key_file;
  GPtrArray  *groups;     /* of GroupLines, in the file's order */
  GHashTable *by_name;    /* group name → GroupLines */
  EfTown     *town;
};

/* A code that names another group ("service = education"), checked once
 * every group is read. */
typedef struct {
  const GroupLines *group;
  const char       *key;
  const char       *kind;
  char             *code;
} Reference;

typedef struct {
  EfTownFile *file;
  GPtrArray  *mistakes;
  GPtrArray  *references;   /* of Reference */
} Parser;

/* One group as it is written and compared: a header and its keys. */
typedef struct {
  char      *header;
  char      *comment;     /* nullable */
  GPtrArray *pairs;       /* of Pair */
} Group;

typedef struct {
  char *key;
  char *value;
} Pair;

/* ---------------------------------------------------------------- helpers */

void
ef_town_mistake_free (EfTownMistake *mistake)
{
  if (mistake == NULL)
    return;
  g_free (mistake->message);
  g_free (mistake);
}

G_GNUC_PRINTF (3, 4)
static void
add_mistake (GPtrArray  *mistakes,
             guint       line,
             const char *format,
             ...)
{
  EfTownMistake *mistake = g_new0 (EfTownMistake, 1);
  va_list args;

  va_start (args, format);
  mistake->line = line;
  mistake->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (mistakes, mistake);
}

static void
key_line_free (KeyLine *key_line)
{
  g_free (key_line->key);
  g_free (key_line);
}

static void
group_lines_free (GroupLines *group)
{
  g_free (group->name);
  g_ptr_array_unref (group->keys);
  g_free (group);
}

static void
reference_free (Reference *reference)
{
  g_free (reference->code);
  g_free (reference);
}

static void
add_reference (Parser           *p,
               const GroupLines *group,
               const char       *key,
               const char       *kind,
               const char       *code)
{
  Reference *reference = g_new0 (Reference, 1);

  reference->group = group;
  reference->key = key;
  reference->kind = kind;
  reference->code = g_strdup (code);
  g_ptr_array_add (p->references, reference);
}

static void
pair_free (Pair *pair)
{
  g_free (pair->key);
  g_free (pair->value);
  g_free (pair);
}

static void
group_free (Group *group)
{
  g_free (group->header);
  g_free (group->comment);
  g_ptr_array_unref (group->pairs);
  g_free (group);
}

static int
compare_mistakes (gconstpointer a,
                  gconstpointer b)
{
  const EfTownMistake *ma = *(EfTownMistake * const *) a;
  const EfTownMistake *mb = *(EfTownMistake * const *) b;

  return ma->line < mb->line ? -1 : ma->line > mb->line;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Replaces *@field by a copy of @value. */
static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static const KeyLine *
find_key (const GroupLines *group,
          const char       *key)
{
  for (guint i = 0; i < group->keys->len; i++)
    {
      const KeyLine *key_line = g_ptr_array_index (group->keys, i);

      if (g_str_equal (key_line->key, key))
        return key_line;
    }
  return NULL;
}

/* The line of @key in @group, or of the group when the key is not there. */
static guint
line_of (const GroupLines *group,
         const char       *key)
{
  const KeyLine *key_line = key != NULL ? find_key (group, key) : NULL;

  return key_line != NULL ? key_line->line : group->line;
}

static gboolean
code_is_valid (const char *code)
{
  gsize length = strlen (code);

  if (length == 0 || length > MAX_CODE_LENGTH || !g_ascii_isalnum (code[0]))
    return FALSE;
  for (const char *c = code; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
      return FALSE;
  return TRUE;
}

/* A day written YYYY-MM-DD between MIN_YEAR and MAX_YEAR. */
static EfDay
parse_day_text (const char *text)
{
  EfDay day = ef_day_parse_iso (text, NULL);
  int year;

  if (day == EF_DAY_INVALID)
    return EF_DAY_INVALID;
  ef_day_get_ymd (day, &year, NULL, NULL);
  return year >= MIN_YEAR && year <= MAX_YEAR ? day : EF_DAY_INVALID;
}

static char *
format_day (EfDay day)
{
  return ef_day_format_iso (day);
}

static char *
format_price (EfCents cents)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));
}

static char *
format_weekdays (guint mask)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int wd = 1; wd <= 7; wd++)
    if (mask & EF_WEEKDAY_BIT (wd))
      {
        if (text->len > 0)
          g_string_append_c (text, ';');
        g_string_append (text, weekday_names[wd - 1]);
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
format_bool (gboolean value)
{
  return value ? "true" : "false";
}

char *
ef_town_normalize_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  g_autofree char *url = NULL;
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;

  url = g_uri_to_string (uri);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  return g_steal_pointer (&url);
}

/* Letters and digits once spaces are removed, in a length range. */
static gboolean
bank_code_is_valid (const char *text,
                    gsize       min_length,
                    gsize       max_length)
{
  gsize n = 0;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == ' ')
        continue;
      if (!g_ascii_isalnum (*c))
        return FALSE;
      n++;
    }
  return n >= min_length && n <= max_length;
}

/* ------------------------------------------------------------- scanning */

static GroupLines *
add_group (EfTownFile *file,
           const char *name,
           guint       line)
{
  GroupLines *group = g_new0 (GroupLines, 1);

  group->name = g_strdup (name);
  group->line = line;
  group->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) key_line_free);
  g_ptr_array_add (file->groups, group);
  g_hash_table_insert (file->by_name, group->name, group);
  return group;
}

/* Finds the line of every group and key, and what GKeyFile would refuse
 * without a line or merge without a word. Returns whether GKeyFile can
 * read the text. */
static gboolean
scan_lines (EfTownFile  *file,
            const char  *text,
            gsize        length,
            GPtrArray   *mistakes)
{
  const char *p = text;
  const char *end = text + length;
  GroupLines *group = NULL;
  gboolean readable = TRUE;
  gboolean in_bad_group = FALSE;
  guint line = 0;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline != NULL ? newline : end;
      g_autofree char *content = NULL;
      const char *equal;

      line++;
      if (!g_utf8_validate (p, line_end - p, NULL))
        {
          add_mistake (mistakes, line, _("This line is not UTF-8 text"));
          readable = FALSE;
          p = newline != NULL ? newline + 1 : end;
          continue;
        }
      content = g_strstrip (g_strndup (p, line_end - p));
      p = newline != NULL ? newline + 1 : end;

      if (content[0] == '\0' || content[0] == '#')
        continue;

      if (content[0] == '[')
        {
          gsize n = strlen (content);
          g_autofree char *name = NULL;
          GroupLines *first;

          if (n < 3 || content[n - 1] != ']' ||
              strpbrk ((name = g_strndup (content + 1, n - 2)), "[]") != NULL)
            {
              add_mistake (mistakes, line,
                           _("A group is written [name], alone on its line: “%s”"), content);
              readable = FALSE;
              group = NULL;
              in_bad_group = TRUE;
              continue;
            }
          first = g_hash_table_lookup (file->by_name, name);
          if (first != NULL)
            {
              /* GKeyFile would merge the two: the second one's keys are
               * not looked at. */
              add_mistake (mistakes, line, _("The group [%s] appears twice (first on line %u)"),
                           name, first->line);
              group = NULL;
              in_bad_group = TRUE;
            }
          else
            {
              group = add_group (file, name, line);
              in_bad_group = FALSE;
            }
          continue;
        }

      equal = strchr (content, '=');
      if (equal == NULL || equal == content)
        {
          add_mistake (mistakes, line,
                       _("This line is neither a [group], a “key = value” nor a # comment: “%s”"),
                       content);
          readable = FALSE;
          continue;
        }

      {
        g_autofree char *key = g_strstrip (g_strndup (content, equal - content));
        const KeyLine *first;
        KeyLine *key_line;

        if (group == NULL)
          {
            if (!in_bad_group)
              {
                add_mistake (mistakes, line,
                             _("The key “%s” comes before any [group]"), key);
                readable = FALSE;
              }
            continue;
          }
        first = find_key (group, key);
        if (first != NULL)
          {
            add_mistake (mistakes, line, _("The key “%s” appears twice in [%s] (first on line %u)"),
                         key, group->name, first->line);
            continue;
          }
        key_line = g_new0 (KeyLine, 1);
        key_line->key = g_steal_pointer (&key);
        key_line->line = line;
        g_ptr_array_add (group->keys, key_line);
      }
    }

  return readable;
}

/* ---------------------------------------------------------------- values */

G_GNUC_PRINTF (4, 5)
static void
value_mistake (Parser           *p,
               const GroupLines *group,
               const char       *key,
               const char       *format,
               ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "[group] key: what is wrong with its value" */
  add_mistake (p->mistakes, line_of (group, key), _("[%s] %s: %s"), group->name, key, detail);
}

/* The value of @key, stripped; NULL when it is absent (a mistake when
 * @required) or cannot be read. */
static char *
get_value (Parser           *p,
           const GroupLines *group,
           const char       *key,
           gboolean          required)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (find_key (group, key) == NULL)
    {
      if (required)
        add_mistake (p->mistakes, group->line, _("The key “%s” is missing from [%s]"),
                     key, group->name);
      return NULL;
    }
  /* GLib 2.74 sets its error twice (a warning) for a value that ends
   * with a backslash after a bad escape: such a value is told here. */
  value = g_key_file_get_value (p->file->key_file, group->name, key, NULL);
  if (value != NULL)
    {
      gsize n = strlen (value), backslashes = 0;

      while (backslashes < n && value[n - 1 - backslashes] == '\\')
        backslashes++;
      if (backslashes % 2 == 1)
        {
          value_mistake (p, group, key, _("the value cannot be read: %s"),
                         _("it ends with a backslash"));
          return NULL;
        }
      g_clear_pointer (&value, g_free);
    }
  value = g_key_file_get_string (p->file->key_file, group->name, key, &error);
  if (value == NULL)
    {
      value_mistake (p, group, key, _("the value cannot be read: %s"), error->message);
      return NULL;
    }
  return g_strstrip (g_steal_pointer (&value));
}

/* A text of at most @max_length characters; not empty when @required. */
static char *
get_text (Parser           *p,
          const GroupLines *group,
          const char       *key,
          gboolean          required,
          gsize             max_length)
{
  g_autofree char *value = get_value (p, group, key, required);

  if (value == NULL)
    return NULL;
  if (required && value[0] == '\0')
    {
      value_mistake (p, group, key, _("it must not be empty"));
      return NULL;
    }
  if (g_utf8_strlen (value, -1) > (glong) max_length)
    {
      value_mistake (p, group, key,
                     g_dngettext (GETTEXT_PACKAGE, "the text is too long (at most %u character)",
                                  "the text is too long (at most %u characters)", max_length),
                     (guint) max_length);
      return NULL;
    }
  return g_steal_pointer (&value);
}

static gboolean
get_bool (Parser           *p,
          const GroupLines *group,
          const char       *key,
          gboolean          fallback)
{
  g_autofree char *value = get_value (p, group, key, FALSE);

  if (value == NULL)
    return fallback;
  if (g_str_equal (value, "true"))
    return TRUE;
  if (g_str_equal (value, "false"))
    return FALSE;
  value_mistake (p, group, key, _("“%s” is neither true nor false"), value);
  return fallback;
}

static guint
get_number (Parser           *p,
            const GroupLines *group,
            const char       *key,
            guint             min,
            guint             max,
            guint             fallback)
{
  g_autofree char *value = get_value (p, group, key, FALSE);
  guint64 number;

  if (value == NULL)
    return fallback;
  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    {
      value_mistake (p, group, key, _("“%s” is not a whole number from %u to %u"), value, min, max);
      return fallback;
    }
  return (guint) number;
}

/* "HH:MM"; FALSE when absent or wrong. */
static gboolean
get_time (Parser           *p,
          const GroupLines *group,
          const char       *key,
          guint            *hour,
          guint            *minute)
{
  g_autofree char *value = get_value (p, group, key, FALSE);

  if (value == NULL)
    return FALSE;
  if (strlen (value) != 5 || value[2] != ':' ||
      !g_ascii_isdigit (value[0]) || !g_ascii_isdigit (value[1]) ||
      !g_ascii_isdigit (value[3]) || !g_ascii_isdigit (value[4]) ||
      (value[0] - '0') * 10 + (value[1] - '0') > 23 || value[3] > '5')
    {
      value_mistake (p, group, key, _("“%s” is not a time written HH:MM, from 00:00 to 23:59"),
                     value);
      return FALSE;
    }
  *hour = (guint) ((value[0] - '0') * 10 + (value[1] - '0'));
  *minute = (guint) ((value[3] - '0') * 10 + (value[4] - '0'));
  return TRUE;
}

/* The items of a list written "a;b;c" (a last ";" allowed); NULL when
 * absent or wrong. */
static GStrv
get_list (Parser           *p,
          const GroupLines *group,
          const char       *key,
          gboolean          required)
{
  g_autofree char *value = get_value (p, group, key, required);
  g_auto(GStrv) items = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (value == NULL)
    return NULL;
  if (g_str_has_suffix (value, ";"))
    value[strlen (value) - 1] = '\0';
  if (value[0] == '\0')
    {
      value_mistake (p, group, key, _("the list is empty"));
      return NULL;
    }

  items = g_strsplit (value, ";", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] == '\0')
        {
          value_mistake (p, group, key, _("the list has an empty item: “%s”"), value);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (items[i], items[j]))
          {
            value_mistake (p, group, key, _("“%s” appears twice"), items[i]);
            return NULL;
          }
      g_strv_builder_add (builder, items[i]);
    }
  return g_strv_builder_end (builder);
}

/* A mask of EF_WEEKDAY_BIT; 0 when absent or wrong. */
static guint
get_weekdays (Parser           *p,
              const GroupLines *group,
              const char       *key,
              gboolean          required)
{
  g_auto(GStrv) items = get_list (p, group, key, required);
  guint mask = 0;

  if (items == NULL)
    return 0;
  for (guint i = 0; items[i] != NULL; i++)
    {
      guint wd;

      for (wd = 1; wd <= 7; wd++)
        if (g_str_equal (items[i], weekday_names[wd - 1]))
          break;
      if (wd > 7)
        {
          value_mistake (p, group, key,
                         _("“%s” is not a weekday: write mon, tue, wed, thu, fri, sat or sun"),
                         items[i]);
          return 0;
        }
      mask |= EF_WEEKDAY_BIT (wd);
    }
  return mask;
}

static EfDay
get_day (Parser           *p,
         const GroupLines *group,
         const char       *key,
         gboolean          required)
{
  g_autofree char *value = get_value (p, group, key, required);
  EfDay day;

  if (value == NULL)
    return EF_DAY_INVALID;
  day = parse_day_text (value);
  if (day == EF_DAY_INVALID)
    value_mistake (p, group, key, _("“%s” is not a date written YYYY-MM-DD, from %d to %d"),
                   value, MIN_YEAR, MAX_YEAR);
  return day;
}

/* -1 when absent or wrong. */
static EfCents
get_price (Parser           *p,
           const GroupLines *group,
           const char       *key,
           gboolean          required)
{
  g_autofree char *value = get_value (p, group, key, required);
  g_autoptr(GError) error = NULL;
  EfCents cents;

  if (value == NULL)
    return -1;
  if (!ef_money_parse (value, &cents, &error))
    {
      value_mistake (p, group, key, "%s", error->message);
      return -1;
    }
  if (cents < 0 || cents > MAX_PRICE_CENTS)
    {
      value_mistake (p, group, key, _("a price is from 0.00 to %s"), "10000.00");
      return -1;
    }
  return cents;
}

/* Codes, each valid; NULL when absent or wrong. */
static GStrv
get_codes (Parser           *p,
           const GroupLines *group,
           const char       *key,
           gboolean          required)
{
  g_auto(GStrv) codes = get_list (p, group, key, required);

  if (codes == NULL)
    return NULL;
  for (guint i = 0; codes[i] != NULL; i++)
    if (!code_is_valid (codes[i]))
      {
        value_mistake (p, group, key,
                       _("“%s” is not a code: 1 to 64 letters, digits, “-”, “_” or “.”"), codes[i]);
        return NULL;
      }
  return g_steal_pointer (&codes);
}

/* Notes every key of @group that @allowed does not name (nor, when
 * @price_from, starts with "price-from-"). */
static void
check_keys (Parser            *p,
            const GroupLines  *group,
            const char * const *allowed,
            gboolean           price_from)
{
  for (guint i = 0; i < group->keys->len; i++)
    {
      const KeyLine *key_line = g_ptr_array_index (group->keys, i);

      if (g_strv_contains (allowed, key_line->key) ||
          (price_from && g_str_has_prefix (key_line->key, PRICE_FROM)))
        continue;
      add_mistake (p->mistakes, key_line->line, _("Unknown key “%s” in [%s]"),
                   key_line->key, group->name);
    }
}

/* ---------------------------------------------------------------- groups */

static void
read_tenant (Parser           *p,
             const GroupLines *group)
{
  static const char * const keys[] = {
    "name", "time-zone", "contact", "public-url", "mail-from", "email-reminders", NULL
  };
  EfTown *town = p->file->town;
  g_autofree char *name = NULL;
  g_autofree char *time_zone = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *url = NULL;
  g_autofree char *mail_from = NULL;

  check_keys (p, group, keys, FALSE);

  name = get_text (p, group, "name", TRUE, MAX_NAME_LENGTH);
  if (name != NULL)
    set_str (&town->name, name);

  time_zone = get_text (p, group, "time-zone", FALSE, MAX_NAME_LENGTH);
  if (time_zone != NULL)
    {
      g_autoptr(GTimeZone) tz = ef_time_zone_new (time_zone, NULL);

      if (tz == NULL)
        value_mistake (p, group, "time-zone",
                       _("“%s” is not a time zone (such as Europe/Paris)"), time_zone);
      else
        set_str (&town->time_zone, time_zone);
    }

  contact = get_text (p, group, "contact", FALSE, MAX_TEXT_LENGTH);
  if (contact != NULL)
    set_str (&town->contact, contact);

  url = get_text (p, group, "public-url", FALSE, MAX_NAME_LENGTH);
  if (url != NULL && url[0] != '\0')
    {
      g_autofree char *normalized = ef_town_normalize_url (url);

      if (normalized == NULL)
        value_mistake (p, group, "public-url",
                       _("“%s” is not an http:// or https:// address"), url);
      /* Written back as it is kept: that must fit too. */
      else if (g_utf8_strlen (normalized, -1) > MAX_NAME_LENGTH)
        value_mistake (p, group, "public-url",
                       g_dngettext (GETTEXT_PACKAGE, "the text is too long (at most %u character)",
                                    "the text is too long (at most %u characters)", MAX_NAME_LENGTH),
                       (guint) MAX_NAME_LENGTH);
      else
        set_str (&town->public_url, normalized);
    }

  mail_from = get_text (p, group, "mail-from", FALSE, MAX_NAME_LENGTH);
  if (mail_from != NULL && mail_from[0] != '\0')
    {
      if (!ef_email_is_valid (mail_from))
        value_mistake (p, group, "mail-from", _("“%s” is not an e-mail address"), mail_from);
      else
        set_str (&town->mail_from, mail_from);
    }

  town->email_reminders = get_bool (p, group, "email-reminders", town->email_reminders);
}

static void
read_deadline (Parser           *p,
               const GroupLines *group)
{
  static const char * const keys[] = {
    "days-before", "time", "counted-weekdays", "skip-public-holidays", "skip-school-holidays", NULL
  };
  EfDeadlinePolicy *policy = &p->file->town->deadline;
  guint weekdays;

  check_keys (p, group, keys, FALSE);

  policy->days_before = get_number (p, group, "days-before", 0, MAX_DEADLINE_DAYS,
                                    policy->days_before);
  get_time (p, group, "time", &policy->hour, &policy->minute);
  weekdays = get_weekdays (p, group, "counted-weekdays", FALSE);
  if (weekdays != 0)
    policy->counted_weekdays = weekdays;
  policy->skip_public_holidays = get_bool (p, group, "skip-public-holidays",
                                           policy->skip_public_holidays);
  policy->skip_school_holidays = get_bool (p, group, "skip-school-holidays",
                                           policy->skip_school_holidays);
}

static void
read_billing (Parser           *p,
              const GroupLines *group)
{
  static const char * const keys[] = {
    "due-days", "online-payment", "iban", "bic", "bill-overrides", NULL
  };
  EfTown *town = p->file->town;
  g_autofree char *iban = NULL;
  g_autofree char *bic = NULL;

  check_keys (p, group, keys, FALSE);

  town->due_days = get_number (p, group, "due-days", 0, MAX_DUE_DAYS, town->due_days);
  town->online_payment = get_bool (p, group, "online-payment", town->online_payment);
  town->bill_overrides = get_bool (p, group, "bill-overrides", town->bill_overrides);

  iban = get_text (p, group, "iban", FALSE, 64);
  if (iban != NULL && iban[0] != '\0')
    {
      if (!bank_code_is_valid (iban, 15, 34))
        value_mistake (p, group, "iban",
                       _("“%s” is not an IBAN: 15 to 34 letters and digits, spaces allowed"), iban);
      else
        set_str (&town->iban, iban);
    }
  bic = get_text (p, group, "bic", FALSE, 64);
  if (bic != NULL && bic[0] != '\0')
    {
      if (!bank_code_is_valid (bic, 8, 11) || strchr (bic, ' ') != NULL)
        value_mistake (p, group, "bic", _("“%s” is not a BIC: 8 or 11 letters and digits"), bic);
      else
        set_str (&town->bic, bic);
    }
}

static void
read_school_year (Parser           *p,
                  const GroupLines *group,
                  const char       *code)
{
  static const char * const keys[] = { "first-day", "last-day", "zone", NULL };
  g_autoptr(EfSchoolYear) year = g_new0 (EfSchoolYear, 1);
  guint64 first_year = 0, second_year = 0;
  gboolean good_code;

  check_keys (p, group, keys, FALSE);

  good_code = strlen (code) == 9 && code[4] == '-' &&
              g_ascii_string_to_unsigned (code + 5, 10, MIN_YEAR, MAX_YEAR, &second_year, NULL);
  if (good_code)
    {
      g_autofree char *first = g_strndup (code, 4);

      good_code = g_ascii_string_to_unsigned (first, 10, MIN_YEAR, MAX_YEAR, &first_year, NULL) &&
                  second_year == first_year + 1;
    }
  if (!good_code)
    add_mistake (p->mistakes, group->line,
                 _("[%s]: a school year is written YYYY-YYYY, two years that follow each other "
                   "(such as 2026-2027)"),
                 group->name);

  year->code = g_strdup (code);
  year->first_day = get_day (p, group, "first-day", TRUE);
  year->last_day = get_day (p, group, "last-day", TRUE);
  year->zone = get_text (p, group, "zone", FALSE, 32);
  if (year->zone == NULL)
    year->zone = g_strdup ("");

  if (year->first_day == EF_DAY_INVALID || year->last_day == EF_DAY_INVALID || !good_code)
    return;
  if (year->last_day < year->first_day)
    {
      value_mistake (p, group, "last-day", _("the last day comes before the first day"));
      return;
    }
  if (year->first_day < ef_day_new ((int) first_year, 1, 1) ||
      year->last_day > ef_day_new ((int) second_year, 12, 31))
    {
      add_mistake (p->mistakes, group->line,
                   _("[%s]: the days of the school year %s are from %d-01-01 to %d-12-31"),
                   group->name, code, (int) first_year, (int) second_year);
      return;
    }
  g_ptr_array_add (p->file->town->school_years, g_steal_pointer (&year));
}

static void
read_closed_day (Parser           *p,
                 const GroupLines *group,
                 const char       *date)
{
  static const char * const keys[] = { "reason", NULL };
  g_autoptr(EfClosedDay) closed_day = g_new0 (EfClosedDay, 1);

  check_keys (p, group, keys, FALSE);

  closed_day->day = parse_day_text (date);
  if (closed_day->day == EF_DAY_INVALID)
    add_mistake (p->mistakes, group->line,
                 _("[%s]: “%s” is not a date written YYYY-MM-DD, from %d to %d"),
                 group->name, date, MIN_YEAR, MAX_YEAR);
  closed_day->reason = get_text (p, group, "reason", TRUE, MAX_NAME_LENGTH);
  if (closed_day->day != EF_DAY_INVALID && closed_day->reason != NULL)
    g_ptr_array_add (p->file->town->closed_days, g_steal_pointer (&closed_day));
}

static void
read_service (Parser           *p,
              const GroupLines *group,
              const char       *id)
{
  static const char * const keys[] = { "name", "description", "invoice-prefix", NULL };
  g_autoptr(EfTownService) service = g_new0 (EfTownService, 1);
  g_autofree char *prefix = NULL;

  check_keys (p, group, keys, FALSE);

  service->id = g_strdup (id);
  service->name = get_text (p, group, "name", TRUE, MAX_NAME_LENGTH);
  service->description = get_text (p, group, "description", FALSE, MAX_TEXT_LENGTH);
  if (service->description == NULL)
    service->description = g_strdup ("");
  prefix = get_text (p, group, "invoice-prefix", FALSE, MAX_NAME_LENGTH);
  if (prefix != NULL && prefix[0] != '\0')
    {
      gboolean valid = strlen (prefix) <= 8;

      for (const char *c = prefix; valid && *c != '\0'; c++)
        valid = g_ascii_isalnum (*c);
      if (!valid)
        value_mistake (p, group, "invoice-prefix",
                       _("“%s” is not an invoice prefix: 1 to 8 letters or digits"), prefix);
      else
        service->invoice_prefix = g_steal_pointer (&prefix);
    }
  if (service->name != NULL)
    g_ptr_array_add (p->file->town->services, g_steal_pointer (&service));
}

static void
read_site (Parser           *p,
           const GroupLines *group,
           const char       *code)
{
  static const char * const keys[] = { "name", "address", NULL };
  g_autoptr(EfSite) site = g_new0 (EfSite, 1);

  check_keys (p, group, keys, FALSE);

  site->code = g_strdup (code);
  site->name = get_text (p, group, "name", TRUE, MAX_NAME_LENGTH);
  site->address = get_text (p, group, "address", FALSE, MAX_TEXT_LENGTH);
  if (site->address == NULL)
    site->address = g_strdup ("");
  if (site->name != NULL)
    g_ptr_array_add (p->file->town->sites, g_steal_pointer (&site));
}

static EfActivityFlag
get_flag (Parser           *p,
          const GroupLines *group,
          const char       *key)
{
  if (find_key (group, key) == NULL)
    return EF_ACTIVITY_FLAG_INHERIT;
  return get_bool (p, group, key, FALSE) ? EF_ACTIVITY_FLAG_TRUE : EF_ACTIVITY_FLAG_FALSE;
}

/* The activity's prices: "price", then "price-from-YYYY-MM-DD" in the
 * order of their days. */
static GArray *
read_prices (Parser           *p,
             const GroupLines *group)
{
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (EfActivityPrice));
  EfActivityPrice price = { EF_ACTIVITY_PRICE_ALWAYS, 0 };
  gboolean good = TRUE;

  price.price = get_price (p, group, "price", TRUE);
  if (price.price < 0)
    good = FALSE;
  g_array_append_val (prices, price);

  for (guint i = 0; i < group->keys->len; i++)
    {
      const KeyLine *key_line = g_ptr_array_index (group->keys, i);
      const EfActivityPrice *last = &g_array_index (prices, EfActivityPrice, prices->len - 1);

      if (!g_str_has_prefix (key_line->key, PRICE_FROM))
        continue;

      price.from = parse_day_text (key_line->key + strlen (PRICE_FROM));
      price.price = get_price (p, group, key_line->key, TRUE);
      if (price.from == EF_DAY_INVALID)
        {
          add_mistake (p->mistakes, key_line->line,
                       _("[%s] %s: write the day from which the price applies as %sYYYY-MM-DD, "
                         "from %d to %d"),
                       group->name, key_line->key, PRICE_FROM, MIN_YEAR, MAX_YEAR);
          good = FALSE;
          continue;
        }
      if (price.price < 0)
        {
          good = FALSE;
          continue;
        }
      if (last->from != EF_ACTIVITY_PRICE_ALWAYS && price.from <= last->from)
        {
          g_autofree char *day = format_day (last->from);

          add_mistake (p->mistakes, key_line->line,
                       _("[%s] %s: the prices must follow the order of their days; this one comes "
                         "after the price from %s"),
                       group->name, key_line->key, day);
          good = FALSE;
          continue;
        }
      g_array_append_val (prices, price);
    }

  return good ? g_steal_pointer (&prices) : NULL;
}

static void
read_activity (Parser           *p,
               const GroupLines *group,
               const char       *code)
{
  static const char * const keys[] = {
    "service", "name", "sites", "weekdays", "price", "school-years",
    "deadline-days-before", "deadline-time", "deadline-counted-weekdays",
    "deadline-skip-public-holidays", "deadline-skip-school-holidays", "closed-from", NULL
  };
  g_autoptr(EfActivity) activity = g_new0 (EfActivity, 1);
  gboolean has_days = find_key (group, "deadline-days-before") != NULL;
  gboolean has_time = find_key (group, "deadline-time") != NULL;
  gboolean good = TRUE;

  check_keys (p, group, keys, TRUE);

  activity->code = g_strdup (code);
  activity->service_id = get_text (p, group, "service", TRUE, MAX_CODE_LENGTH);
  activity->name = get_text (p, group, "name", TRUE, MAX_ACTIVITY_NAME_LENGTH);
  activity->sites = get_codes (p, group, "sites", FALSE);
  if (activity->sites == NULL)
    activity->sites = g_new0 (char *, 1);
  activity->weekdays = get_weekdays (p, group, "weekdays", TRUE);
  activity->prices = read_prices (p, group);
  activity->school_years = get_codes (p, group, "school-years", FALSE);
  if (activity->school_years == NULL)
    activity->school_years = g_new0 (char *, 1);
  else
    qsort (activity->school_years, g_strv_length (activity->school_years), sizeof (char *),
           compare_strings);

  if (has_days != has_time)
    {
      add_mistake (p->mistakes, group->line,
                   _("[%s]: “deadline-days-before” and “deadline-time” go together: give both "
                     "or neither"),
                   group->name);
      good = FALSE;
    }
  else if (has_days)
    {
      activity->deadline_days_before = get_number (p, group, "deadline-days-before", 0,
                                                   MAX_DEADLINE_DAYS, G_MAXUINT);
      activity->has_deadline = activity->deadline_days_before != G_MAXUINT &&
                               get_time (p, group, "deadline-time", &activity->deadline_hour,
                                         &activity->deadline_minute);
      good = good && activity->has_deadline;
    }
  activity->deadline_counted_weekdays = get_weekdays (p, group, "deadline-counted-weekdays", FALSE);
  activity->deadline_skip_public_holidays = get_flag (p, group, "deadline-skip-public-holidays");
  activity->deadline_skip_school_holidays = get_flag (p, group, "deadline-skip-school-holidays");
  activity->closed_from = get_day (p, group, "closed-from", FALSE);

  if (activity->service_id != NULL && !code_is_valid (activity->service_id))
    {
      value_mistake (p, group, "service",
                     _("“%s” is not a code: 1 to 64 letters, digits, “-”, “_” or “.”"),
                     activity->service_id);
      good = FALSE;
    }
  else if (activity->service_id != NULL)
    add_reference (p, group, "service", "service", activity->service_id);
  for (guint i = 0; activity->sites[i] != NULL; i++)
    add_reference (p, group, "sites", "site", activity->sites[i]);
  for (guint i = 0; activity->school_years[i] != NULL; i++)
    add_reference (p, group, "school-years", "school-year", activity->school_years[i]);

  if (!good || activity->service_id == NULL || activity->name == NULL ||
      activity->weekdays == 0 || activity->prices == NULL)
    return;
  activity->unit_price = g_array_index (activity->prices, EfActivityPrice,
                                        activity->prices->len - 1).price;
  g_ptr_array_add (p->file->town->activities, g_steal_pointer (&activity));
}

typedef void (*ReadNamedFunc) (Parser *p, const GroupLines *group, const char *argument);

static const struct {
  const char    *kind;
  const char    *pattern;     /* how the group is written */
  ReadNamedFunc  read;
} named_groups[] = {
  { "school-year", "school-year YYYY-YYYY", read_school_year },
  { "closed-day", "closed-day YYYY-MM-DD", read_closed_day },
  { "service", "service CODE", read_service },
  { "site", "site CODE", read_site },
  { "activity", "activity CODE", read_activity },
};

static void
read_group (Parser           *p,
            const GroupLines *group)
{
  const char *space = strchr (group->name, ' ');
  g_autofree char *kind = space ? g_strndup (group->name, space - group->name)
                                : g_strdup (group->name);
  const char *argument = space ? space + 1 : NULL;

  if (g_str_equal (group->name, "tenant"))
    {
      read_tenant (p, group);
      return;
    }
  if (g_str_equal (group->name, "deadline"))
    {
      read_deadline (p, group);
      return;
    }
  if (g_str_equal (group->name, "billing"))
    {
      read_billing (p, group);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_groups); i++)
    {
      if (!g_str_equal (kind, named_groups[i].kind))
        continue;
      if (argument == NULL || argument[0] == '\0' || strchr (argument, ' ') != NULL ||
          (!g_str_equal (kind, "closed-day") && !g_str_equal (kind, "school-year") &&
           !code_is_valid (argument)))
        {
          add_mistake (p->mistakes, group->line,
                       _("The group [%s] is written [%s]; a code is 1 to 64 letters, digits, "
                         "“-”, “_” or “.”"),
                       group->name, named_groups[i].pattern);
          return;
        }
      named_groups[i].read (p, group, argument);
      return;
    }

  add_mistake (p->mistakes, group->line,
               _("Unknown group [%s]: the groups are [tenant], [deadline], [billing], "
                 "[school-year …], [closed-day …], [service …], [site …] and [activity …]"),
               group->name);
}

/* ------------------------------------------------------ cross references */

static GroupLines *
find_group (Parser     *p,
            const char *kind,
            const char *argument)
{
  g_autofree char *name = g_strdup_printf ("%s %s", kind, argument);

  return g_hash_table_lookup (p->file->by_name, name);
}

static const EfTownService *
find_service (const EfTown *town,
              const char   *id)
{
  for (guint i = 0; i < town->services->len; i++)
    {
      const EfTownService *service = g_ptr_array_index (town->services, i);

      if (g_str_equal (service->id, id))
        return service;
    }
  return NULL;
}

static int
compare_school_years (gconstpointer a,
                      gconstpointer b)
{
  const EfSchoolYear *ya = *(EfSchoolYear * const *) a;
  const EfSchoolYear *yb = *(EfSchoolYear * const *) b;

  if (ya->first_day != yb->first_day)
    return ya->first_day < yb->first_day ? -1 : 1;
  return g_strcmp0 (ya->code, yb->code);
}

static int
compare_closed_days (gconstpointer a,
                     gconstpointer b)
{
  const EfClosedDay *da = *(EfClosedDay * const *) a;
  const EfClosedDay *db = *(EfClosedDay * const *) b;

  return da->day < db->day ? -1 : da->day > db->day;
}

static int
compare_sites (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(EfSite * const *) a)->code, (*(EfSite * const *) b)->code);
}

static int
compare_activities (gconstpointer a,
                    gconstpointer b)
{
  return strcmp ((*(EfActivity * const *) a)->code, (*(EfActivity * const *) b)->code);
}

static void
check_references (Parser *p)
{
  EfTown *town = p->file->town;

  if (g_hash_table_lookup (p->file->by_name, "tenant") == NULL)
    add_mistake (p->mistakes, 0, _("The group [tenant] is missing: it gives at least the name"));

  /* A group with mistakes of its own is there all the same: its mistakes
   * are noted already. */
  for (guint i = 0; i < p->references->len; i++)
    {
      const Reference *reference = g_ptr_array_index (p->references, i);

      if (find_group (p, reference->kind, reference->code) == NULL)
        /* Translators: "there is no [service education] in the file" */
        value_mistake (p, reference->group, reference->key, _("there is no [%s %s] in the file"),
                       reference->kind, reference->code);
    }

  /* Sorted by first day, a year overlaps another when it starts before
   * the latest end so far. */
  g_ptr_array_sort (town->school_years, compare_school_years);
  for (guint i = 1; i < town->school_years->len; i++)
    {
      const EfSchoolYear *year = g_ptr_array_index (town->school_years, i);

      for (guint j = 0; j < i; j++)
        {
          const EfSchoolYear *other = g_ptr_array_index (town->school_years, j);

          if (year->first_day <= other->last_day)
            {
              GroupLines *group = find_group (p, "school-year", year->code);
              GroupLines *other_group = find_group (p, "school-year", other->code);

              add_mistake (p->mistakes, group->line,
                           _("[%s]: the school year overlaps [%s] (line %u)"),
                           group->name, other_group->name, other_group->line);
              break;
            }
        }
    }

  g_ptr_array_sort (town->closed_days, compare_closed_days);
  g_ptr_array_sort (town->sites, compare_sites);
  /* Activities stay in the file's order, in which new ones are created;
   * they are written by code. */
}

/* ----------------------------------------------------------- public: file */

EfTownFile *
ef_town_file_parse (const char *text,
                    gsize       length,
                    GPtrArray  *mistakes)
{
  g_autoptr(EfTownFile) file = g_new0 (EfTownFile, 1);
  g_autoptr(GError) error = NULL;
  guint n_before;
  Parser p;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (mistakes != NULL, NULL);

  n_before = mistakes->len;
  file->key_file = g_key_file_new ();
  file->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_lines_free);
  file->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  file->town = ef_town_new ();
  p.file = file;
  p.mistakes = mistakes;
  p.references = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);

  if (!scan_lines (file, text, length, mistakes))
    goto out;
  if (!g_key_file_load_from_data (file->key_file, text, length, G_KEY_FILE_NONE, &error))
    {
      add_mistake (mistakes, 0, "%s", error->message);
      goto out;
    }

  for (guint i = 0; i < file->groups->len; i++)
    read_group (&p, g_ptr_array_index (file->groups, i));
  check_references (&p);

out:
  g_ptr_array_unref (p.references);
  g_ptr_array_sort (mistakes, compare_mistakes);
  if (mistakes->len > n_before)
    return NULL;
  return g_steal_pointer (&file);
}

void
ef_town_file_free (EfTownFile *file)
{
  if (file == NULL)
    return;
  g_clear_pointer (&file->key_file, g_key_file_unref);
  g_clear_pointer (&file->by_name, g_hash_table_unref);
  g_clear_pointer (&file->groups, g_ptr_array_unref);
  g_clear_pointer (&file->town, ef_town_free);
  g_free (file);
}

const EfTown *
ef_town_file_get_town (EfTownFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);

  return file->town;
}

EfTown *
ef_town_file_steal_town (EfTownFile *file)
{
  g_return_val_if_fail (file != NULL && file->town != NULL, NULL);

  return g_steal_pointer (&file->town);
}

/* ---------------------------------------------------------------- history */

static const EfActivity *
find_activity (const EfTown *town,
               const char   *code)
{
  for (guint i = 0; i < town->activities->len; i++)
    {
      const EfActivity *activity = g_ptr_array_index (town->activities, i);

      if (g_str_equal (activity->code, code))
        return activity;
    }
  return NULL;
}

/* The key of @activity's price that applies on @day. */
static char *
price_key_on (const EfActivity *activity,
              EfDay             day)
{
  guint index = 0;
  g_autofree char *from = NULL;

  for (guint i = 1; activity->prices != NULL && i < activity->prices->len; i++)
    if (g_array_index (activity->prices, EfActivityPrice, i).from <= day)
      index = i;
  if (index == 0)
    return g_strdup ("price");
  from = format_day (g_array_index (activity->prices, EfActivityPrice, index).from);
  return g_strconcat (PRICE_FROM, from, NULL);
}

/* Notes the first day of each billed month on which @wanted's price is
 * not @current's. */
static void
check_billed_prices (Parser           *p,
                     const EfActivity *current,
                     const EfActivity *wanted,
                     GStrv             months)
{
  GroupLines *group = find_group (p, "activity", wanted->code);

  for (guint i = 0; months[i] != NULL; i++)
    {
      int year = 0, month = 0;
      EfDay first, next;

      if (sscanf (months[i], "%4d-%2d", &year, &month) != 2 ||
          (first = ef_day_new (year, month, 1)) == EF_DAY_INVALID)
        continue;
      next = month == 12 ? ef_day_new (year + 1, 1, 1) : ef_day_new (year, month + 1, 1);

      for (EfDay day = first; day < next; day++)
        {
          EfCents before = ef_activity_price_on (current, day);
          EfCents after = ef_activity_price_on (wanted, day);

          if (before != after)
            {
              g_autofree char *key = price_key_on (wanted, day);
              g_autofree char *day_text = format_day (day);
              g_autofree char *billed = format_price (before);

              add_mistake (p->mistakes, line_of (group, key),
                           _("[%s] %s: %s is in %s, a month already invoiced at %s a day; the "
                             "price of an invoiced day cannot change"),
                           group->name, key, day_text, months[i], billed);
              break;
            }
        }
    }
}

gboolean
ef_town_file_check_history (EfTownFile    *file,
                            EfStore       *store,
                            const char    *tenant_id,
                            const EfTown  *current,
                            GPtrArray     *mistakes,
                            GError       **error)
{
  const EfTown *wanted;
  Parser p = { file, mistakes, NULL };
  guint n_before;

  g_return_val_if_fail (file != NULL && store != NULL && mistakes != NULL, FALSE);

  if (current == NULL)
    return TRUE;
  wanted = file->town;
  n_before = mistakes->len;

  for (guint i = 0; i < current->activities->len; i++)
    {
      const EfActivity *before = g_ptr_array_index (current->activities, i);
      const EfActivity *after = find_activity (wanted, before->code);
      EfHistory history;

      if (after != NULL && g_str_equal (after->service_id, before->service_id) &&
          after->prices != NULL)
        {
          g_auto(GStrv) months = ef_store_list_billed_months (store, tenant_id, before->service_id,
                                                              error);

          if (months == NULL)
            return FALSE;
          check_billed_prices (&p, before, after, months);
          continue;
        }

      if (!ef_store_get_activity_history (store, tenant_id, before->code, &history, error))
        return FALSE;
      if (after == NULL && !ef_history_is_empty (&history))
        add_mistake (mistakes, 0,
                     _("The activity “%s” has enrolments, reservations or invoices: it cannot be "
                       "removed. Keep its group [activity %s], with “closed-from = YYYY-MM-DD” to "
                       "close it"),
                     before->code, before->code);
      else if (after != NULL && history.n_invoice_lines > 0)
        add_mistake (mistakes, line_of (find_group (&p, "activity", after->code), "service"),
                     _("[activity %s] service: the activity was invoiced under the service “%s”, "
                       "which it keeps; add a new activity for the service “%s”"),
                     after->code, before->service_id, after->service_id);
    }

  for (guint i = 0; i < current->services->len; i++)
    {
      const EfTownService *service = g_ptr_array_index (current->services, i);
      EfHistory history;

      if (find_service (wanted, service->id) != NULL)
        continue;
      if (!ef_store_get_service_history (store, tenant_id, service->id, &history, error))
        return FALSE;
      if (!ef_history_is_empty (&history))
        add_mistake (mistakes, 0,
                     _("The service “%s” has been invoiced: it cannot be removed. Keep its group "
                       "[service %s]"),
                     service->id, service->id);
    }

  if (mistakes->len > n_before)
    g_ptr_array_sort (mistakes, compare_mistakes);
  return TRUE;
}

/* ---------------------------------------------------------- groups, pairs */

static void
add_pair (Group      *group,
          const char *key,
          const char *value)
{
  Pair *pair = g_new0 (Pair, 1);

  pair->key = g_strdup (key);
  pair->value = g_strdup (value);
  g_ptr_array_add (group->pairs, pair);
}

static void
take_pair (Group      *group,
           const char *key,
           char       *value)
{
  add_pair (group, key, value);
  g_free (value);
}

static Group *
new_group (GPtrArray  *groups,
           char       *header,
           const char *comment)
{
  Group *group = g_new0 (Group, 1);

  group->header = header;
  group->comment = g_strdup (comment);
  group->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
  g_ptr_array_add (groups, group);
  return group;
}

static char *
format_time (guint hour,
             guint minute)
{
  return g_strdup_printf ("%02u:%02u", hour, minute);
}

static void
activity_pairs (Group            *group,
                const EfActivity *activity)
{
  add_pair (group, "service", activity->service_id);
  add_pair (group, "name", activity->name);
  if (activity->sites != NULL && activity->sites[0] != NULL)
    take_pair (group, "sites", g_strjoinv (";", activity->sites));
  take_pair (group, "weekdays", format_weekdays (activity->weekdays));
  if (activity->prices == NULL || activity->prices->len == 0)
    take_pair (group, "price", format_price (activity->unit_price));
  for (guint i = 0; activity->prices != NULL && i < activity->prices->len; i++)
    {
      const EfActivityPrice *price = &g_array_index (activity->prices, EfActivityPrice, i);
      g_autofree char *from = NULL;
      g_autofree char *key = NULL;

      if (i == 0)
        {
          take_pair (group, "price", format_price (price->price));
          continue;
        }
      from = format_day (price->from);
      key = g_strconcat (PRICE_FROM, from, NULL);
      take_pair (group, key, format_price (price->price));
    }
  if (activity->school_years != NULL && activity->school_years[0] != NULL)
    take_pair (group, "school-years", g_strjoinv (";", activity->school_years));
  if (activity->has_deadline)
    {
      take_pair (group, "deadline-days-before",
                 g_strdup_printf ("%u", activity->deadline_days_before));
      take_pair (group, "deadline-time",
                 format_time (activity->deadline_hour, activity->deadline_minute));
    }
  if (activity->deadline_counted_weekdays != 0)
    take_pair (group, "deadline-counted-weekdays",
               format_weekdays (activity->deadline_counted_weekdays));
  if (activity->deadline_skip_public_holidays != EF_ACTIVITY_FLAG_INHERIT)
    add_pair (group, "deadline-skip-public-holidays",
              format_bool (activity->deadline_skip_public_holidays == EF_ACTIVITY_FLAG_TRUE));
  if (activity->deadline_skip_school_holidays != EF_ACTIVITY_FLAG_INHERIT)
    add_pair (group, "deadline-skip-school-holidays",
              format_bool (activity->deadline_skip_school_holidays == EF_ACTIVITY_FLAG_TRUE));
  if (activity->closed_from != EF_DAY_INVALID)
    take_pair (group, "closed-from", format_day (activity->closed_from));
}

/* @town as groups of keys and values, in the order they are written; the
 * first group of each kind carries a comment. */
static GPtrArray *
town_groups (const EfTown *town)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GPtrArray) activities = NULL;
  Group *group;

  group = new_group (groups, g_strdup ("tenant"),
                     _("The municipality: its name, its time zone, the contact text that families "
                       "read (phones, opening hours; \\n starts a new line), the public address of "
                       "its portal and the sender of its mails."));
  add_pair (group, "name", town->name);
  add_pair (group, "time-zone", town->time_zone);
  if (town->contact != NULL && town->contact[0] != '\0')
    add_pair (group, "contact", town->contact);
  if (town->public_url != NULL)
    add_pair (group, "public-url", town->public_url);
  if (town->mail_from != NULL)
    add_pair (group, "mail-from", town->mail_from);
  /* Written when on only: off is the default. */
  if (town->email_reminders)
    add_pair (group, "email-reminders", format_bool (town->email_reminders));

  group = new_group (groups, g_strdup ("deadline"),
                     _("Until when families may reserve or cancel a day: until “time” on the day "
                       "that comes “days-before” counted days before it. Only “counted-weekdays” "
                       "count (mon;tue;wed;thu;fri;sat;sun); public holidays, and school holidays "
                       "with the closed days, do not count when skipped."));
  take_pair (group, "days-before", g_strdup_printf ("%u", town->deadline.days_before));
  take_pair (group, "time", format_time (town->deadline.hour, town->deadline.minute));
  take_pair (group, "counted-weekdays", format_weekdays (town->deadline.counted_weekdays));
  add_pair (group, "skip-public-holidays", format_bool (town->deadline.skip_public_holidays));
  add_pair (group, "skip-school-holidays", format_bool (town->deadline.skip_school_holidays));

  group = new_group (groups, g_strdup ("billing"),
                     _("Invoices: the days until they are due, whether families may pay online, "
                       "the bank account that takes transfers, and whether the days an agent "
                       "reserved past the deadline are billed when the agent did not say."));
  take_pair (group, "due-days", g_strdup_printf ("%u", town->due_days));
  add_pair (group, "online-payment", format_bool (town->online_payment));
  if (town->iban != NULL)
    add_pair (group, "iban", town->iban);
  if (town->bic != NULL)
    add_pair (group, "bic", town->bic);
  add_pair (group, "bill-overrides", format_bool (town->bill_overrides));

  for (guint i = 0; i < town->school_years->len; i++)
    {
      const EfSchoolYear *year = g_ptr_array_index (town->school_years, i);

      group = new_group (groups, g_strdup_printf ("school-year %s", year->code),
                         i > 0 ? NULL
                               : _("School years: the first and the last day of class, and the "
                                   "zone of their school holidays (see import-calendar)."));
      take_pair (group, "first-day", format_day (year->first_day));
      take_pair (group, "last-day", format_day (year->last_day));
      if (year->zone != NULL && year->zone[0] != '\0')
        add_pair (group, "zone", year->zone);
    }

  for (guint i = 0; i < town->closed_days->len; i++)
    {
      const EfClosedDay *closed_day = g_ptr_array_index (town->closed_days, i);
      g_autofree char *day = format_day (closed_day->day);

      group = new_group (groups, g_strdup_printf ("closed-day %s", day),
                         i > 0 ? NULL
                               : _("Days on which no activity runs besides weekends and holidays "
                                   "(a “pont”, a strike), with the reason families read: they "
                                   "cannot be reserved and are not invoiced."));
      add_pair (group, "reason", closed_day->reason);
    }

  for (guint i = 0; i < town->services->len; i++)
    {
      const EfTownService *service = g_ptr_array_index (town->services, i);

      group = new_group (groups, g_strdup_printf ("service %s", service->id),
                         i > 0 ? NULL
                               : _("Services, in the order in which the portal shows them; their "
                                   "invoice numbers start with “invoice-prefix”."));
      add_pair (group, "name", service->name);
      if (service->description != NULL && service->description[0] != '\0')
        add_pair (group, "description", service->description);
      if (service->invoice_prefix != NULL)
        add_pair (group, "invoice-prefix", service->invoice_prefix);
    }

  for (guint i = 0; i < town->sites->len; i++)
    {
      const EfSite *site = g_ptr_array_index (town->sites, i);

      group = new_group (groups, g_strdup_printf ("site %s", site->code),
                         i > 0 ? NULL : _("Sites: the places where activities run."));
      add_pair (group, "name", site->name);
      if (site->address != NULL && site->address[0] != '\0')
        add_pair (group, "address", site->address);
    }

  /* A copy that owns nothing: the pointers only. */
  activities = g_ptr_array_sized_new (town->activities->len);
  g_ptr_array_extend (activities, town->activities, NULL, NULL);
  g_ptr_array_sort (activities, compare_activities);
  for (guint i = 0; i < activities->len; i++)
    {
      const EfActivity *activity = g_ptr_array_index (activities, i);

      group = new_group (groups, g_strdup_printf ("activity %s", activity->code),
                         i > 0 ? NULL
                               : _("Activities: their service, their sites (the first is the "
                                   "one the planning shows), the weekdays on which they run, the "
                                   "price of a day (“price”, then “price-from-YYYY-MM-DD” from that "
                                   "day on), the school years in which they are open (none: "
                                   "always), their own deadline rule (“deadline-…”, else the "
                                   "municipality’s), and “closed-from” to close them, their "
                                   "history kept."));
      activity_pairs (group, activity);
    }

  return groups;
}

/* @value as GKeyFile writes it: escapes for new lines, tabs,
 * backslashes and a leading space. */
static char *
escape_value (const char *value)
{
  g_autoptr(GKeyFile) scratch = g_key_file_new ();

  g_key_file_set_string (scratch, "x", "x", value);
  return g_key_file_get_value (scratch, "x", "x", NULL);
}

/* Appends @text as "# " comment lines of at most 78 columns. */
static void
append_comment (GString    *out,
                const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[i], " ", -1);
      gsize column = 0;

      for (guint j = 0; words[j] != NULL; j++)
        {
          glong length = g_utf8_strlen (words[j], -1);

          if (words[j][0] == '\0')
            continue;
          if (column > 0 && column + 1 + length > 78)
            {
              g_string_append_c (out, '\n');
              column = 0;
            }
          if (column == 0)
            {
              g_string_append_c (out, '#');
              column = 1;
            }
          g_string_append_c (out, ' ');
          g_string_append (out, words[j]);
          column += 1 + length;
        }
      if (column > 0)
        g_string_append_c (out, '\n');
    }
}

char *
ef_town_to_key_file (const EfTown *town,
                     const char   *tenant_id)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *top = NULL;

  g_return_val_if_fail (town != NULL && tenant_id != NULL, NULL);

  top = g_strdup_printf (_("Espace Famille: the settings of the municipality %s, as written by "
                           "“espace-famille-server configure --export”.\n"
                           "Apply them with “espace-famille-server configure --db FILE --tenant %s "
                           "THIS-FILE” (add --dry-run to see first what changes).\n"
                           "The format is described in docs/town-settings.md."),
                         tenant_id, tenant_id);
  append_comment (out, top);

  groups = town_groups (town);
  for (guint i = 0; i < groups->len; i++)
    {
      const Group *group = g_ptr_array_index (groups, i);

      g_string_append_c (out, '\n');
      if (group->comment != NULL)
        append_comment (out, group->comment);
      g_string_append_printf (out, "[%s]\n", group->header);
      for (guint j = 0; j < group->pairs->len; j++)
        {
          const Pair *pair = g_ptr_array_index (group->pairs, j);
          g_autofree char *value = escape_value (pair->value);

          g_string_append_printf (out, "%s = %s\n", pair->key, value);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------- diff */

static const Group *
lookup_group (GPtrArray  *groups,
              const char *header)
{
  for (guint i = 0; i < groups->len; i++)
    {
      const Group *group = g_ptr_array_index (groups, i);

      if (g_str_equal (group->header, header))
        return group;
    }
  return NULL;
}

static const char *
lookup_value (const Group *group,
              const char  *key)
{
  for (guint i = 0; i < group->pairs->len; i++)
    {
      const Pair *pair = g_ptr_array_index (group->pairs, i);

      if (g_str_equal (pair->key, key))
        return pair->value;
    }
  return NULL;
}

static char *
quote_value (const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return g_strdup (_("(none)"));
  escaped = escape_value (value);
  return g_strdup_printf ("“%s”", escaped);
}

static void
diff_pairs (GPtrArray   *lines,
            const Group *before,
            const Group *after)
{
  g_autofree char *header = g_strdup_printf ("[%s]", after->header);

  for (guint i = 0; i < after->pairs->len; i++)
    {
      const Pair *pair = g_ptr_array_index (after->pairs, i);
      const char *old = lookup_value (before, pair->key);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;

      if (g_strcmp0 (old, pair->value) == 0)
        continue;
      if (old == NULL && g_str_equal (pair->key, "closed-from"))
        {
          /* Translators: "[activity CODE] closed from YYYY-MM-DD" */
          g_ptr_array_add (lines, g_strdup_printf (_("%s closed from %s"), header, pair->value));
          continue;
        }
      old_text = quote_value (old);
      new_text = quote_value (pair->value);
      /* Translators: "[group] key: “old value” → “new value”" */
      g_ptr_array_add (lines, g_strdup_printf (_("%s %s: %s → %s"), header, pair->key,
                                               old_text, new_text));
    }

  for (guint i = 0; i < before->pairs->len; i++)
    {
      const Pair *pair = g_ptr_array_index (before->pairs, i);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;

      if (lookup_value (after, pair->key) != NULL)
        continue;
      if (g_str_equal (pair->key, "closed-from"))
        {
          /* Translators: "[activity CODE] open again" */
          g_ptr_array_add (lines, g_strdup_printf (_("%s open again"), header));
          continue;
        }
      old_text = quote_value (pair->value);
      new_text = quote_value (NULL);
      g_ptr_array_add (lines, g_strdup_printf (_("%s %s: %s → %s"), header, pair->key,
                                               old_text, new_text));
    }
}

/* The ids of @services that @others also has, in @services' order. */
static char *
common_service_ids (const EfTown *town,
                    const EfTown *other)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < town->services->len; i++)
    {
      const EfTownService *service = g_ptr_array_index (town->services, i);

      if (find_service (other, service->id) == NULL)
        continue;
      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, service->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

GPtrArray *
ef_town_diff (const EfTown *current,
              const EfTown *wanted)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (wanted != NULL, NULL);

  before = current != NULL ? town_groups (current)
                           : g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  after = town_groups (wanted);

  for (guint i = 0; i < after->len; i++)
    {
      const Group *group = g_ptr_array_index (after, i);
      const Group *old = lookup_group (before, group->header);

      if (old == NULL)
        /* Translators: "[activity CODE] added" */
        g_ptr_array_add (lines, g_strdup_printf (_("[%s] added"), group->header));
      else
        diff_pairs (lines, old, group);
    }
  for (guint i = 0; i < before->len; i++)
    {
      const Group *group = g_ptr_array_index (before, i);

      if (lookup_group (after, group->header) == NULL)
        /* Translators: "[activity CODE] removed" */
        g_ptr_array_add (lines, g_strdup_printf (_("[%s] removed"), group->header));
    }

  if (current != NULL)
    {
      g_autofree char *old_order = common_service_ids (current, wanted);
      g_autofree char *new_order = common_service_ids (wanted, current);

      if (!g_str_equal (old_order, new_order))
        g_ptr_array_add (lines, g_strdup_printf (_("The services are in a new order: %s"),
                                                 new_order));
    }

  return lines;
}
