/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-money.c: amounts in integer cents */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ef-error.h"
#include "ef-money.h"

/* The untranslated pattern, also the fall back for a broken translation. */
#define DEFAULT_PATTERN "€%s"

/* A separator from localeconv(), in UTF-8, or NULL when it is empty or
 * cannot be converted. */
static char *
locale_separator (const char *monetary,
                  const char *numeric)
{
  const char *text = monetary != NULL && monetary[0] != '\0' ? monetary : numeric;

  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_locale_to_utf8 (text, -1, NULL, NULL, NULL);
}

/**
 * ef_money_format:
 * @cents: an amount
 *
 * The separators come from the locale (LC_MONETARY, then LC_NUMERIC, then
 * "." and no grouping); the place of the € sign from the translation of a
 * pattern. Digits are grouped by three. A negative amount starts with "-".
 *
 * Returns: (transfer full): the amount for a person to read
 */
char *
ef_money_format (EfCents cents)
{
  const struct lconv *conv = localeconv ();
  g_autofree char *decimal_point = locale_separator (conv->mon_decimal_point, conv->decimal_point);
  g_autofree char *thousands_sep = locale_separator (conv->mon_thousands_sep, conv->thousands_sep);

  return ef_money_format_full (cents,
                               decimal_point != NULL ? decimal_point : ".",
                               thousands_sep != NULL ? thousands_sep : "",
                               /* Translators: how an amount in euros is written; %s is the
                                * number with its separators ("1 234,50"). In French: "%s €"
                                * with a no-break space (U+00A0) before €, so that the sign
                                * never starts a line of its own (the thousands are
                                * separated by the locale's U+202F). */
                               _("€%s"));
}

/**
 * ef_money_format_full:
 * @cents: an amount
 * @decimal_point: put between euros and cents
 * @thousands_sep: put between groups of three digits ("" for none)
 * @pattern: holds "%s" once, replaced by the number; a pattern without it
 *   is replaced by "€%s"
 *
 * A negative amount is the formatted absolute value after "-":
 * ef_money_format_full (-620, ",", "\u202F", "%s\u00A0€") is "-6,20 €".
 *
 * Returns: (transfer full): the formatted amount
 */
char *
ef_money_format_full (EfCents     cents,
                      const char *decimal_point,
                      const char *thousands_sep,
                      const char *pattern)
{
  g_autoptr (GString) number = g_string_new (NULL);
  g_autofree char *digits = NULL;
  GString *result;
  const char *placeholder;
  guint64 magnitude;
  gsize n_digits;

  g_return_val_if_fail (decimal_point != NULL, NULL);
  g_return_val_if_fail (thousands_sep != NULL, NULL);
  g_return_val_if_fail (pattern != NULL, NULL);

  /* Negating G_MININT64 would overflow: work on the unsigned magnitude. */
  magnitude = cents < 0 ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  n_digits = strlen (digits);
  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (number, thousands_sep);
      g_string_append_c (number, digits[i]);
    }
  g_string_append (number, decimal_point);
  g_string_append_printf (number, "%02u", (guint) (magnitude % 100));

  placeholder = strstr (pattern, "%s");
  if (placeholder == NULL)
    {
      pattern = DEFAULT_PATTERN;
      placeholder = strstr (pattern, "%s");
    }

  result = g_string_new (cents < 0 ? "-" : NULL);
  g_string_append_len (result, pattern, placeholder - pattern);
  g_string_append (result, number->str);
  g_string_append (result, placeholder + 2);

  return g_string_free (result, FALSE);
}

/**
 * ef_money_format_french:
 * @cents: an amount
 *
 * French typography, whatever the locale: U+202F NARROW NO-BREAK SPACE
 * between groups of three digits (as glibc's fr_FR writes them), a comma
 * before the cents and U+00A0 NO-BREAK SPACE before € (as the French
 * catalogue's pattern writes it), so that "35,00 €" is never broken
 * across two lines.
 *
 * Returns: (transfer full): the amount in French
 */
char *
ef_money_format_french (EfCents cents)
{
  return ef_money_format_full (cents, ",", "\u202F", "%s\u00A0€");
}

/**
 * ef_money_parse:
 * @text: "35", "35.5", "35,50", "-6.20"; spaces around are allowed
 * @out_cents: (out): the amount
 * @error: return location for an error (%EF_API_ERROR_INVALID_FIELD)
 *
 * Either "." or "," separates the cents; there is no grouping of
 * thousands, no currency sign, at most two decimals.
 *
 * Returns: whether @text was an amount; *@out_cents is untouched otherwise
 */
gboolean
ef_money_parse (const char  *text,
                EfCents     *out_cents,
                GError     **error)
{
  const char *p;
  gboolean negative = FALSE;
  guint64 euros = 0;
  guint64 cents = 0;
  guint64 total;
  guint n_int_digits = 0;
  guint n_decimals = 0;

  g_return_val_if_fail (out_cents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    goto invalid;

  p = text;
  while (g_ascii_isspace (*p))
    p++;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  for (; g_ascii_isdigit (*p); p++, n_int_digits++)
    {
      int digit = g_ascii_digit_value (*p);

      /* Keeps euros * 100 within gint64. */
      if (euros > (guint64) (G_MAXINT64 / 100 - digit) / 10)
        goto invalid;
      euros = euros * 10 + digit;
    }
  if (n_int_digits == 0)
    goto invalid;

  if (*p == '.' || *p == ',')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++, n_decimals++)
        {
          if (n_decimals == 2)
            goto invalid;
          cents = cents * 10 + g_ascii_digit_value (*p);
        }
      if (n_decimals == 0)
        goto invalid;
      if (n_decimals == 1)
        cents *= 10;
    }

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    goto invalid;

  if (euros > (G_MAXINT64 - cents) / 100)
    goto invalid;

  total = euros * 100 + cents;
  *out_cents = negative ? -(EfCents) total : (EfCents) total;

  return TRUE;

invalid:
  g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
               _("“%s” is not an amount in euros (such as 35,50)"),
               text != NULL ? text : "");
  return FALSE;
}
