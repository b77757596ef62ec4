/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payfip-html.h: the few HTML pages of online payment
 *
 * The PayFiP simulator's payment page and the server's return page are
 * French, like the mails: they are the town's and the provider's words to
 * families, not interface text. One self-contained style sheet, no
 * external assets.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Answers @msg with @status and a complete HTML page titled @title whose
 * <body> holds @body_html (already escaped). @header_html is the band at
 * the top (escaped too). */
void  ef_payfip_html_respond      (SoupServerMessage *msg,
                                   guint              status,
                                   const char        *title,
                                   const char        *header_html,
                                   const char        *body_html);

/* "35,00 €" whatever the locale. */
char *ef_payfip_html_format_euros (gint64             cents);

/* @text escaped for HTML text and attribute values. */
char *ef_payfip_html_escape       (const char        *text);

G_END_DECLS
