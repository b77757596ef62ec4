/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-log.c: the server's log lines, for journald or standard error */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ef-log.h"

static gboolean
has_own_fields (const GLogField *fields,
                gsize            n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_has_prefix (fields[i].key, EF_LOG_FIELD_PREFIX))
      return TRUE;
  return FALSE;
}

static void
append_value (GString        *line,
              const GLogField *field)
{
  gsize length = field->length < 0 ? strlen (field->value) : (gsize) field->length;
  g_autofree char *value = g_strndup (field->value, length);

  if (*value != '\0' && strpbrk (value, " \t\n\"\\=") == NULL)
    g_string_append (line, value);
  else
    {
      g_autofree char *escaped = g_strescape (value, NULL);

      g_string_append_printf (line, "\"%s\"", escaped);
    }
}

/* What standard error is, asked once when the writer is installed rather
 * than at each line (a system call each): it does not change while the
 * server runs. */
static gboolean stderr_is_journald;
static gboolean stderr_has_color;

static GLogWriterOutput
write_log_cb (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  g_autoptr(GString) line = NULL;
  g_autofree char *formatted = NULL;

  /* Only our entries with fields are different: everything else goes
   * the usual way (G_MESSAGES_DEBUG, G_DEBUG=fatal-warnings, journald). */
  if (!has_own_fields (fields, n_fields))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  if (stderr_is_journald &&
      g_log_writer_journald (log_level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  formatted = g_log_writer_format_fields (log_level, fields, n_fields, stderr_has_color);
  line = g_string_new (formatted);
  for (gsize i = 0; i < n_fields; i++)
    {
      if (!g_str_has_prefix (fields[i].key, EF_LOG_FIELD_PREFIX))
        continue;
      g_string_append_c (line, ' ');
      g_string_append (line, fields[i].key);
      g_string_append_c (line, '=');
      append_value (line, &fields[i]);
    }
  g_string_append_c (line, '\n');

  fputs (line->str, stderr);
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}

void
ef_log_install_writer (void)
{
  stderr_is_journald = g_log_writer_is_journald (fileno (stderr));
  stderr_has_color = g_log_writer_supports_color (fileno (stderr));
  g_log_set_writer_func (write_log_cb, NULL, NULL);
}
