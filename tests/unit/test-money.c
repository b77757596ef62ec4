/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-money.c: amounts in integer cents */

#define G_LOG_DOMAIN "EfTestUnit"

#include "config.h"

#include <locale.h>

#include "ef-common.h"

/* glibc's fr_FR: U+202F NARROW NO-BREAK SPACE between thousands; our French
 * pattern puts U+00A0 NO-BREAK SPACE before €. */
#define NNBSP "\u202F"
#define NBSP "\u00A0"
#define FRENCH_PATTERN "%s" NBSP "€"

static void
check_format (EfCents     cents,
              const char *decimal_point,
              const char *thousands_sep,
              const char *pattern,
              const char *expected)
{
  g_autofree char *text = ef_money_format_full (cents, decimal_point, thousands_sep, pattern);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_french (void)
{
  check_format (3500, ",", NNBSP, FRENCH_PATTERN, "35,00" NBSP "€");
  check_format (620, ",", NNBSP, FRENCH_PATTERN, "6,20" NBSP "€");
  check_format (5, ",", NNBSP, FRENCH_PATTERN, "0,05" NBSP "€");
  check_format (0, ",", NNBSP, FRENCH_PATTERN, "0,00" NBSP "€");
  check_format (-620, ",", NNBSP, FRENCH_PATTERN, "-6,20" NBSP "€");
  check_format (99999, ",", NNBSP, FRENCH_PATTERN, "999,99" NBSP "€");
  check_format (100000, ",", NNBSP, FRENCH_PATTERN, "1" NNBSP "000,00" NBSP "€");
  check_format (123456789, ",", NNBSP, FRENCH_PATTERN, "1" NNBSP "234" NNBSP "567,89" NBSP "€");
  check_format (-123456789, ",", NNBSP, FRENCH_PATTERN, "-1" NNBSP "234" NNBSP "567,89" NBSP "€");
}

static void
test_format_other (void)
{
  check_format (3500, ".", ",", "€%s", "€35.00");
  check_format (123456789, ".", ",", "€%s", "€1,234,567.89");
  check_format (-620, ".", ",", "€%s", "-€6.20");
  check_format (123456789, ".", "", "€%s", "€1234567.89");
  check_format (G_MAXINT64, ".", ",", "€%s", "€92,233,720,368,547,758.07");
  check_format (G_MININT64, ".", ",", "€%s", "-€92,233,720,368,547,758.08");
  check_format (1050, ",", " ", "EUR %s TTC", "EUR 10,50 TTC");
  /* A pattern without its "%s" (a broken translation) is not trusted. */
  check_format (1050, ".", ",", "%d €", "€10.50");
  check_format (1050, ".", ",", "", "€10.50");
}

static void
test_format_c_locale (void)
{
  g_autofree char *text = ef_money_format (123456789);

  /* The C locale: "." and no grouping, the untranslated pattern. */
  g_assert_cmpstr (text, ==, "€1234567.89");
}

static void
test_format_french_locale (void)
{
  g_autofree char *text = NULL;
  char *old = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_free (old);
      g_test_skip ("the fr_FR.UTF-8 locale is not installed");
      return;
    }

  /* The separators from the locale, the pattern from the built
   * catalogue: the client in French writes amounts exactly as the
   * server's French mails and documents do. */
  text = ef_money_format (123456789);
  setlocale (LC_ALL, old);
  g_free (old);

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "1" NNBSP "234" NNBSP "567,89"));
  {
    g_autofree char *french = ef_money_format_french (123456789);

    g_assert_cmpstr (text, ==, french);
  }
}

static void
test_format_french_always (void)
{
  g_autofree char *big = ef_money_format_french (123456789);
  g_autofree char *negative = ef_money_format_french (-620);
  g_autofree char *meal = ef_money_format_french (350);

  g_assert_cmpstr (big, ==, "1" NNBSP "234" NNBSP "567,89" NBSP "€");
  g_assert_cmpstr (negative, ==, "-6,20" NBSP "€");
  g_assert_cmpstr (meal, ==, "3,50" NBSP "€");
}

static void
test_parse (void)
{
  static const struct {
    const char *text;
    EfCents     cents;
  } good[] = {
    { "35", 3500 }, { "35.5", 3550 }, { "35,50", 3550 }, { "-6.20", -620 }, { "0,05", 5 },
    { "0", 0 }, { "-0", 0 }, { "+1", 100 }, { " 12 ", 1200 }, { "007.10", 710 },
    { "92233720368547758.07", G_MAXINT64 }, { "-92233720368547758.07", -G_MAXINT64 },
  };
  static const char * const bad[] = {
    "", " ", "-", "+", "35.", ".5", ",5", "35.555", "1,234.56", "1 234", "abc", "35€", "€35",
    "3 5", "35..0", "--1", "1e3", "0x10", "35,-5", "92233720368547758.08",
    "99999999999999999999", "12345678901234567890123", "35\n5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      EfCents cents = 42;

      g_test_message ("parsing “%s”", good[i].text);
      g_assert_true (ef_money_parse (good[i].text, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, good[i].cents);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      EfCents cents = 42;

      g_test_message ("refusing “%s”", bad[i]);
      g_assert_false (ef_money_parse (bad[i], &cents, &error));
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD);
      g_assert_cmpint (cents, ==, 42);
    }
}

static void
test_round_trip (void)
{
  static const EfCents amounts[] = { 0, 5, 620, 3500, -620, 123456789, G_MAXINT64 };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *text = ef_money_format_full (amounts[i], ",", "", "%s");
      EfCents cents = 0;

      g_assert_true (ef_money_parse (text, &cents, NULL));
      g_assert_cmpint (cents, ==, amounts[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The catalogue of the build (ESPACE_FAMILLE_LOCALEDIR), in the C
   * locale until a test asks for French. */
  ef_i18n_init ();
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/format-french", test_format_french);
  g_test_add_func ("/money/format-other", test_format_other);
  g_test_add_func ("/money/format-c-locale", test_format_c_locale);
  g_test_add_func ("/money/format-french-locale", test_format_french_locale);
  g_test_add_func ("/money/format-french-always", test_format_french_always);
  g_test_add_func ("/money/parse", test_parse);
  g_test_add_func ("/money/round-trip", test_round_trip);

  return g_test_run ();
}
