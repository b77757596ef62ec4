/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-money.h: amounts in integer cents */

#pragma once

#include <glib.h>

#include "ef-types.h"

G_BEGIN_DECLS

/* Formats @cents for the user's locale ("35,00 €" in French, "€35.00" in
 * English). The currency is always the euro. */
char    *ef_money_format       (EfCents      cents);

/* The same with explicit separators and a pattern holding one "%s" for the
 * number (e.g. "%s €"), for tests and for callers that know the locale. */
char    *ef_money_format_full  (EfCents      cents,
                                const char  *decimal_point,
                                const char  *thousands_sep,
                                const char  *pattern);

/* "1 234,50 €" whatever the locale, for the French documents and mails
 * of the server: U+202F between thousands, U+00A0 before €. */
char    *ef_money_format_french (EfCents     cents);

/* Parses "35", "35.5", "35,50", "-6.20" into cents. Refuses more than two
 * decimals, garbage and overflow. */
gboolean ef_money_parse        (const char  *text,
                                EfCents     *out_cents,
                                GError     **error);

G_END_DECLS
