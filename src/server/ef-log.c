/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-log.c: the server's log lines, for journald or standard error */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ef-log.h"

static gboolean
is_own_field (const GLogField *field)
{
  return strncmp (field->key, EF_LOG_FIELD_PREFIX, strlen (EF_LOG_FIELD_PREFIX)) == 0;
}

static gboolean
has_own_fields (const GLogField *fields,
                gsize            n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    if (is_own_field (&fields[i]))
      return TRUE;
  return FALSE;
}

static void
append_value (GString        *line,
              const GLogField *field)
{
  g_autofree char *value = NULL;
  g_autofree char *escaped = NULL;

  /* A plain string, as our fields are: no copy of it. */
  if (field->length < 0 && *(const char *) field->value != '\0' &&
      strpbrk (field->value, " \t\n\"\\=") == NULL)
    {
      g_string_append (line, field->value);
      return;
    }

  value = g_strndup (field->value,
                     field->length < 0 ? strlen (field->value) : (gsize) field->length);
  if (*value != '\0' && strpbrk (value, " \t\n\"\\=") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  escaped = g_strescape (value, NULL);
  g_string_append_printf (line, "\"%s\"", escaped);
}

/* What standard error is, asked once when the writer is installed rather
 * than at each line (a system call each): it does not change while the
 * server runs. */
static gboolean stderr_is_journald;
static gboolean stderr_has_color;

/* The time of day of the lines, as g_log_writer_format_fields() writes
 * it, formatted once a second: localtime() reads the zone again (a stat()
 * of /etc/localtime) at each call. Main loop and store jobs alike log: the
 * cache is under a lock. */
static GMutex time_lock;
static gint64 time_second = G_MININT64;
static char time_text[16];
static gboolean messages_prefixed;

static void
append_time (GString *line,
             gint64   now_us)
{
  gint64 second = now_us / G_USEC_PER_SEC;
  int ms = (int) ((now_us / 1000) % 1000);

  g_mutex_lock (&time_lock);
  if (second != time_second)
    {
      time_t seconds = (time_t) second;
      struct tm tm;

      if (localtime_r (&seconds, &tm) == NULL ||
          strftime (time_text, sizeof time_text, "%H:%M:%S", &tm) == 0)
        strcpy (time_text, "(error)");
      time_second = second;
    }
  g_string_append (line, time_text);
  g_mutex_unlock (&time_lock);
  g_string_append_c (line, '.');
  g_string_append_c (line, '0' + (char) (ms / 100));
  g_string_append_c (line, '0' + (char) (ms / 10 % 10));
  g_string_append_c (line, '0' + (char) (ms % 10));
  g_string_append (line, ": ");
}

/* Appends to @line the text of a plain information line, as
 * g_log_writer_format_fields() writes it without colour ("DOMAIN-INFO:
 * HH:MM:SS.mmm: MESSAGE"), at @now_us (g_get_real_time()); or FALSE, and
 * nothing, for any other line (a level, a prefix, a message of other
 * characters), which GLib then formats. */
static gboolean
append_formatted (GString         *line,
                  GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gint64           now_us)
{
  const char *domain = NULL;
  const char *message = NULL;

  if ((log_level & (G_LOG_LEVEL_MASK | G_LOG_FLAG_RECURSION)) != G_LOG_LEVEL_INFO ||
      messages_prefixed)
    return FALSE;
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length >= 0)
        continue;
      if (domain == NULL && strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (message == NULL && strcmp (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if (domain == NULL || message == NULL)
    return FALSE;
  /* GLib escapes control characters and converts to the locale's
   * character set: printable ASCII is the same in all of them. */
  for (const char *c = message; *c != '\0'; c++)
    if (*c < 0x20 || *c > 0x7e)
      return FALSE;

  g_string_append (line, domain);
  g_string_append (line, "-INFO: ");
  append_time (line, now_us);
  g_string_append (line, message);
  return TRUE;
}

char *
_ef_log_format_fields (GLogLevelFlags   log_level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gint64           now_us)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (!append_formatted (line, log_level, fields, n_fields, now_us))
    return NULL;
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* G_MESSAGES_PREFIXED names the levels whose lines GLib begins with the
 * program's name and process id ("all" or a list of level names). */
gboolean
_ef_log_messages_prefixed (void)
{
  const char *prefixed = g_getenv ("G_MESSAGES_PREFIXED");

  return prefixed != NULL &&
         (g_parse_debug_string (prefixed, (const GDebugKey[]) { { "info", 1 } }, 1) & 1) != 0;
}

static GLogWriterOutput
write_log_cb (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  g_autoptr(GString) line = NULL;

  /* Only our entries with fields are different: everything else goes
   * the usual way (G_MESSAGES_DEBUG, G_DEBUG=fatal-warnings, journald). */
  if (!has_own_fields (fields, n_fields))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  if (stderr_is_journald &&
      g_log_writer_journald (log_level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  /* One string for the whole line, written at once. */
  line = g_string_sized_new (256);
  if (stderr_has_color ||
      !append_formatted (line, log_level, fields, n_fields, g_get_real_time ()))
    {
      g_autofree char *formatted = g_log_writer_format_fields (log_level, fields, n_fields,
                                                               stderr_has_color);

      g_string_append (line, formatted);
    }
  for (gsize i = 0; i < n_fields; i++)
    {
      if (!is_own_field (&fields[i]))
        continue;
      g_string_append_c (line, ' ');
      g_string_append (line, fields[i].key);
      g_string_append_c (line, '=');
      append_value (line, &fields[i]);
    }
  g_string_append_c (line, '\n');

  fwrite (line->str, 1, line->len, stderr);
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}

void
ef_log_install_writer (void)
{
  stderr_is_journald = g_log_writer_is_journald (fileno (stderr));
  stderr_has_color = g_log_writer_supports_color (fileno (stderr));
  messages_prefixed = _ef_log_messages_prefixed ();
  g_log_set_writer_func (write_log_cb, NULL, NULL);
}
