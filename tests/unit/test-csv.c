/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c: CSV text (RFC 4180) read record by record */

#define G_LOG_DOMAIN "EfTestUnit"

#include "config.h"

#include <string.h>

#include "ef-common.h"

/* Every record of @data, its fields joined with '|' and prefixed with the
 * line it starts on, the records joined with '\n'; or the error. */
static char *
read_all (const char *data,
          char        separator)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  EfCsvReader reader;
  guint line;

  ef_csv_reader_init (&reader, data, strlen (data), separator);
  while (ef_csv_reader_read (&reader, fields, &line, &error))
    {
      g_string_append_printf (out, "%u:", line);
      if (ef_csv_record_is_blank (fields))
        g_string_append (out, "(blank)");
      for (guint i = 0; i < fields->len; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", (char *) g_ptr_array_index (fields, i));
      g_string_append_c (out, '\n');
    }
  if (error != NULL)
    g_string_append_printf (out, "%u: error %s\n", line, error->message);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_records (void)
{
  static const struct {
    const char *data;
    char        separator;
    const char *expected;
  } cases[] = {
    { "a;b;c\n1;2;3\n", ';', "1:a|b|c\n2:1|2|3\n" },
    /* CRLF, no final line break, an empty line, empty fields. */
    { "a;b\r\n\r\n;\r\nx;y", ';', "1:a|b\n2:(blank)\n3:|\n4:x|y\n" },
    /* Quotes: separators, doubled quotes, line breaks inside. */
    { "\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\"\nnext;1;2\n", ';',
      "1:a;b|say \"hi\"|two\nlines\n3:next|1|2\n" },
    { "\"5, rue des Écoles\",64140\nx,\"\"\n", ',', "1:5, rue des Écoles|64140\n2:x|\n" },
    /* A byte order mark is not part of the first field. */
    { "\xEF\xBB\xBF" "famille;nom\n", ';', "1:famille|nom\n" },
    /* The other separator is text. */
    { "a,b;c\n", ';', "1:a,b|c\n" },
    /* Errors name the line of the record. */
    { "ok\n\"open\nstill open", ';', "1:ok\n2: error A quoted field is not closed\n" },
    { "a;b\"c\n", ';', "1: error A quote appears inside a field that is not quoted\n" },
    { "x\n\"a\"b\n", ';', "1:x\n2: error Text follows the closing quote of a field\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = read_all (cases[i].data, cases[i].separator);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_guess_separator (void)
{
  static const struct {
    const char *data;
    char        expected;
  } cases[] = {
    { "famille;rôle;nom\n1,2,3,4,5\n", ';' },
    { "famille,role,nom\n1;2;3;4;5\n", ',' },
    /* Inside quotes they do not count. */
    { "\"a,b,c,d\";x;y\n", ';' },
    { "\"a;b;c;d\",x,y\n", ',' },
    { "single\n", ';' },
    { "", ';' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ef_csv_guess_separator (cases[i].data, strlen (cases[i].data)), ==, cases[i].expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/records", test_records);
  g_test_add_func ("/csv/guess-separator", test_guess_separator);

  return g_test_run ();
}
