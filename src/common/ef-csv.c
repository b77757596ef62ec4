/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-csv.c: reading CSV text (RFC 4180) record by record */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ef-error.h"
#include "ef-csv.h"

void
ef_csv_reader_init (EfCsvReader *reader,
                    const char  *data,
                    gsize        length,
                    char         separator)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (data != NULL || length == 0);

  reader->p = data;
  reader->end = data + length;
  reader->line = 1;
  reader->separator = separator;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader->p += 3;
}

gboolean
ef_csv_reader_read (EfCsvReader  *reader,
                    GPtrArray    *fields,
                    guint        *line,
                    GError      **error)
{
  g_autoptr (GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  g_ptr_array_set_size (fields, 0);
  if (line != NULL)
    *line = reader->line;

  if (reader->p >= reader->end)
    return FALSE;

  while (reader->p < reader->end)
    {
      char c = *reader->p++;

      if (quoted)
        {
          if (c == '"')
            {
              if (reader->p < reader->end && *reader->p == '"')
                {
                  g_string_append_c (field, '"');
                  reader->p++;
                }
              else
                {
                  quoted = FALSE;
                }
            }
          else
            {
              if (c == '\n')
                reader->line++;
              g_string_append_c (field, c);
            }
        }
      else if (c == '"')
        {
          if (field->len != 0 || was_quoted)
            {
              g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                                   _("A quote appears inside a field that is not quoted"));
              return FALSE;
            }
          quoted = was_quoted = TRUE;
        }
      else if (c == reader->separator)
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          was_quoted = FALSE;
        }
      else if (c == '\r' && reader->p < reader->end && *reader->p == '\n')
        {
          continue;
        }
      else if (c == '\n')
        {
          reader->line++;
          break;
        }
      else if (was_quoted)
        {
          g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                               _("Text follows the closing quote of a field"));
          return FALSE;
        }
      else
        {
          g_string_append_c (field, c);
        }
    }

  if (quoted)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                           _("A quoted field is not closed"));
      return FALSE;
    }

  g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
  return TRUE;
}

gboolean
ef_csv_record_is_blank (GPtrArray *fields)
{
  g_return_val_if_fail (fields != NULL, FALSE);

  return fields->len == 1 && ((const char *) g_ptr_array_index (fields, 0))[0] == '\0';
}

char
ef_csv_guess_separator (const char *data,
                        gsize       length)
{
  gboolean quoted = FALSE;
  guint semicolons = 0;
  guint commas = 0;

  g_return_val_if_fail (data != NULL || length == 0, ';');

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (data[i] == '\n')
        break;
      else if (data[i] == ';')
        semicolons++;
      else if (data[i] == ',')
        commas++;
    }
  return commas > semicolons ? ',' : ';';
}
