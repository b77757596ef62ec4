/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-pdf.h: a PDF read back with Poppler, for the tests of the
 * server's documents (invoices, receipts, lists)
 *
 * Header-only: only the test programs that link poppler-glib include it.
 */

#pragma once

#include <poppler.h>

G_BEGIN_DECLS

/* The text of every page of @bytes, a PDF of at least one page. */
static inline char *
ef_test_pdf_text (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 1);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

G_END_DECLS
