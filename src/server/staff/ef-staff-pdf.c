/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-pdf.c: the receipt of a payment taken at the counter, and the
 * daily lists of who is expected
 *
 * Like the invoice, they are the municipality's documents: their text is
 * fixed French, not interface text, and is not translated. Drawn with
 * cairo's PDF surface and pango, on A4 portrait, with the invoice's
 * colours.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-staff-pdf.h"
#include "pdf/ef-pdf-layout.h"

#define MARGIN_X      EF_PDF_MARGIN_X
#define CONTENT_WIDTH EF_PDF_CONTENT_WIDTH
#define FONT_FAMILY   EF_PDF_FONT

static const EfPdfRgb alert = { 0.70, 0.11, 0.11 };

/* The municipality on the left, the title and facts on the right; moves
 * r->y below both. */
static void
draw_letterhead (EfPdf       *r,
                 const char  *municipality,
                 const char  *subtitle,
                 const char  *title,
                 const char  *labels[],
                 const char  *values[],
                 guint        n_facts)
{
  const EfPdfLetterhead letterhead = {
    .municipality = municipality,
    .subtitle = subtitle,
    .left_width = 0.48,
    .title = title,
    .title_font = FONT_FAMILY " Bold 15",
    .box_x = 0.50,
    .label_width = 90,
    .labels = labels,
    .values = values,
    .n_facts = n_facts,
  };

  r->y = ef_pdf_draw_letterhead (r, &letterhead) + 18;
}

/* -------------------------------------------------------------- receipt */

static void
receipt_line_free (EfReceiptLine *line)
{
  g_free (line->number);
  g_free (line->label);
  g_free (line);
}

EfReceiptPdf *
ef_receipt_pdf_new (void)
{
  EfReceiptPdf *pdf = g_new0 (EfReceiptPdf, 1);

  pdf->day = EF_DAY_INVALID;
  pdf->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) receipt_line_free);
  return pdf;
}

void
ef_receipt_pdf_free (EfReceiptPdf *pdf)
{
  if (pdf == NULL)
    return;
  g_free (pdf->municipality);
  g_free (pdf->contact);
  g_free (pdf->family_name);
  g_free (pdf->address);
  g_free (pdf->receipt_number);
  g_free (pdf->paid_at);
  g_free (pdf->method);
  g_free (pdf->agent_name);
  g_ptr_array_unref (pdf->lines);
  g_free (pdf->cancelled);
  g_free (pdf);
}

void
ef_receipt_pdf_add_line (EfReceiptPdf *pdf,
                         const char   *number,
                         const char   *label,
                         EfCents       paid,
                         EfCents       balance)
{
  EfReceiptLine *line = g_new0 (EfReceiptLine, 1);

  line->number = g_strdup (number);
  line->label = g_strdup (label);
  line->paid = paid;
  line->balance = balance;
  g_ptr_array_add (pdf->lines, line);
}

#define RECEIPT_COL_NUMBER_X   (MARGIN_X + 8)
#define RECEIPT_COL_LABEL_X    (MARGIN_X + 120)
#define RECEIPT_COL_PAID_RIGHT (MARGIN_X + 390)
#define RECEIPT_COL_LEFT_RIGHT (MARGIN_X + CONTENT_WIDTH - 8)

static void
draw_receipt (EfPdf *r)
{
  const EfReceiptPdf *pdf = r->data;
  g_autofree char *amount = ef_money_format_french (pdf->amount);
  const char *labels[] = { "Numéro", "Date", "Règlement", "Reçu par" };
  const char *values[] = { pdf->receipt_number, pdf->paid_at, pdf->method,
                           pdf->agent_name ? pdf->agent_name : "—" };
  const EfPdfColumn columns[] = {
    { "Facture", RECEIPT_COL_NUMBER_X, 0, PANGO_ALIGN_LEFT },
    { "Objet", RECEIPT_COL_LABEL_X, 0, PANGO_ALIGN_LEFT },
    { "Montant réglé", RECEIPT_COL_PAID_RIGHT - 100, 100, PANGO_ALIGN_RIGHT },
    { "Reste à payer", RECEIPT_COL_LEFT_RIGHT - 100, 100, PANGO_ALIGN_RIGHT },
  };
  double top, x, width = 230;

  draw_letterhead (r, pdf->municipality, "Régie de recettes", "REÇU DE PAIEMENT",
                   labels, values, G_N_ELEMENTS (labels));
  ef_pdf_draw_addressee (r, MARGIN_X + CONTENT_WIDTH * 0.50, CONTENT_WIDTH * 0.5, "Reçu de",
                         pdf->family_name, pdf->address);
  r->y += 24;

  if (pdf->cancelled != NULL)
    {
      double height;

      ef_pdf_fill_rect (r, MARGIN_X, r->y, CONTENT_WIDTH, 4, &alert);
      r->y += 10;
      height = ef_pdf_text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                               FONT_FAMILY " Bold 12", &alert, "PAIEMENT ANNULÉ");
      r->y += height + 2;
      ef_pdf_paragraph (r, FONT_FAMILY " 9", &alert, pdf->cancelled, 16);
    }

  /* The invoices it paid. */
  ef_pdf_draw_table_head (r, 20, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < pdf->lines->len; i++)
    {
      const EfReceiptLine *line = g_ptr_array_index (pdf->lines, i);
      g_autofree char *paid = ef_money_format_french (line->paid);
      g_autofree char *balance = ef_money_format_french (line->balance);
      double height;

      ef_pdf_ensure_space (r, 24);
      ef_pdf_text_at (r, RECEIPT_COL_NUMBER_X, r->y + 5, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ef_pdf_ink,
                      line->number);
      height = ef_pdf_text_at (r, RECEIPT_COL_LABEL_X, r->y + 5, RECEIPT_COL_PAID_RIGHT - RECEIPT_COL_LABEL_X - 90,
                               PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ef_pdf_ink, line->label);
      ef_pdf_text_right (r, RECEIPT_COL_PAID_RIGHT, r->y + 5, 100, FONT_FAMILY " 8.5", &ef_pdf_ink, paid);
      ef_pdf_text_right (r, RECEIPT_COL_LEFT_RIGHT, r->y + 5, 100, FONT_FAMILY " 8.5", &ef_pdf_ink, balance);
      r->y += MAX (height, 10) + 10;
      ef_pdf_hline (r, MARGIN_X, MARGIN_X + CONTENT_WIDTH, r->y, 0.3, &ef_pdf_rule);
    }
  r->y += 16;

  ef_pdf_ensure_space (r, 60);
  top = r->y;
  x = MARGIN_X + CONTENT_WIDTH - width;
  ef_pdf_fill_rect (r, x, top, width, 30, &ef_pdf_accent);
  ef_pdf_text_at (r, x + 10, top + 7, 130, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 10", &ef_pdf_white, "Montant reçu");
  ef_pdf_text_right (r, x + width - 10, top + 7, 120, FONT_FAMILY " Bold 10", &ef_pdf_white, amount);
  r->y = top + 30 + 24;

  ef_pdf_ensure_space (r, 80);
  ef_pdf_paragraph (r, FONT_FAMILY " 8.5", &ef_pdf_ink,
                    "La régie de recettes de la commune atteste avoir reçu la somme ci-dessus en "
                    "règlement des factures indiquées.", 14);
  ef_pdf_draw_contact (r, pdf->contact);
}

GBytes *
ef_receipt_pdf_render (const EfReceiptPdf  *pdf,
                       GError             **error)
{
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *continued = NULL;

  g_return_val_if_fail (pdf != NULL, NULL);

  title = g_strdup_printf ("Reçu %s", pdf->receipt_number);
  footer = g_strdup_printf ("%s — reçu %s", pdf->municipality, pdf->receipt_number);
  continued = g_strdup_printf ("Reçu %s (suite)", pdf->receipt_number);
  return ef_pdf_render (title, pdf->municipality, pdf->day, footer, continued,
                        draw_receipt, pdf, error);
}

/* ---------------------------------------------------------------- lists */

static void
list_section_free (EfListSection *section)
{
  g_free (section->heading);
  g_free (section->note);
  g_ptr_array_unref (section->rows);
  g_free (section);
}

EfListPdf *
ef_list_pdf_new (void)
{
  EfListPdf *pdf = g_new0 (EfListPdf, 1);

  pdf->day = EF_DAY_INVALID;
  pdf->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) list_section_free);
  return pdf;
}

void
ef_list_pdf_free (EfListPdf *pdf)
{
  if (pdf == NULL)
    return;
  g_free (pdf->municipality);
  g_free (pdf->title);
  g_free (pdf->day_label);
  g_ptr_array_unref (pdf->sections);
  g_free (pdf);
}

EfListSection *
ef_list_pdf_add_section (EfListPdf  *pdf,
                         const char *heading,
                         const char *note)
{
  EfListSection *section = g_new0 (EfListSection, 1);

  section->heading = g_strdup (heading);
  section->note = g_strdup (note);
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (pdf->sections, section);
  return section;
}

void
ef_list_section_add_row (EfListSection *section,
                         const char    *last_name,
                         const char    *first_name,
                         const char    *family,
                         const char    *mark)
{
  GStrv row = g_new0 (char *, 5);

  row[0] = g_strdup (last_name);
  row[1] = g_strdup (first_name);
  row[2] = g_strdup (family);
  row[3] = g_strdup (mark ? mark : "");
  g_ptr_array_add (section->rows, row);
}

#define LIST_COL_NUMBER_RIGHT (MARGIN_X + 26)
#define LIST_COL_LAST_X       (MARGIN_X + 36)
#define LIST_COL_FIRST_X      (MARGIN_X + 170)
#define LIST_COL_FAMILY_X     (MARGIN_X + 290)
#define LIST_COL_MARK_X       (MARGIN_X + 420)
#define LIST_ROW_HEIGHT       17

static void
draw_list_head (EfPdf *r)
{
  const EfPdfColumn columns[] = {
    { "Nom", LIST_COL_LAST_X, 0, PANGO_ALIGN_LEFT },
    { "Prénom", LIST_COL_FIRST_X, 0, PANGO_ALIGN_LEFT },
    { "Famille", LIST_COL_FAMILY_X, 0, PANGO_ALIGN_LEFT },
    { "Présent", LIST_COL_MARK_X, 0, PANGO_ALIGN_LEFT },
  };

  ef_pdf_draw_table_head (r, 18, columns, G_N_ELEMENTS (columns));
}

static void
draw_list (EfPdf *r)
{
  const EfListPdf *pdf = r->data;
  const char *labels[] = { "Jour" };
  const char *values[] = { pdf->day_label };

  draw_letterhead (r, pdf->municipality, "Listes du jour", "LISTE DE PRÉSENCE",
                   labels, values, G_N_ELEMENTS (labels));

  if (pdf->sections->len == 0)
    ef_pdf_text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ef_pdf_muted,
                    "Aucune activité ce jour.");

  for (guint i = 0; i < pdf->sections->len; i++)
    {
      const EfListSection *section = g_ptr_array_index (pdf->sections, i);
      g_autofree char *count = NULL;

      ef_pdf_ensure_space (r, 70);
      ef_pdf_paragraph (r, FONT_FAMILY " Bold 10.5", &ef_pdf_accent, section->heading, 2);
      if (section->note != NULL)
        ef_pdf_paragraph (r, FONT_FAMILY " Italic 8.5", &alert, section->note, 2);
      if (section->rows->len == 0)
        count = g_strdup ("Aucun enfant attendu");
      else
        count = g_strdup_printf (section->rows->len == 1 ? "%u enfant attendu" : "%u enfants attendus",
                                 section->rows->len);
      ef_pdf_paragraph (r, FONT_FAMILY " 8.5", &ef_pdf_muted, count, 6);
      if (section->rows->len > 0)
        draw_list_head (r);

      for (guint j = 0; j < section->rows->len; j++)
        {
          GStrv row = g_ptr_array_index (section->rows, j);
          g_autofree char *number = g_strdup_printf ("%u", j + 1);

          if (ef_pdf_ensure_space (r, LIST_ROW_HEIGHT + 4))
            draw_list_head (r);
          ef_pdf_text_right (r, LIST_COL_NUMBER_RIGHT, r->y + 4, 24, FONT_FAMILY " 8", &ef_pdf_muted, number);
          ef_pdf_text_at (r, LIST_COL_LAST_X, r->y + 4, LIST_COL_FIRST_X - LIST_COL_LAST_X - 6,
                          PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8.5", &ef_pdf_ink, row[0]);
          ef_pdf_text_at (r, LIST_COL_FIRST_X, r->y + 4, LIST_COL_FAMILY_X - LIST_COL_FIRST_X - 6,
                          PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ef_pdf_ink, row[1]);
          ef_pdf_text_at (r, LIST_COL_FAMILY_X, r->y + 4, LIST_COL_MARK_X - LIST_COL_FAMILY_X - 6,
                          PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ef_pdf_muted, row[2]);
          /* A box to tick, and what the agents must know. */
          ef_pdf_stroke_rect (r, LIST_COL_MARK_X + 2, r->y + 4, 8, 8, 0.6, &ef_pdf_muted);
          if (row[3][0] != '\0')
            ef_pdf_text_at (r, LIST_COL_MARK_X + 16, r->y + 4, MARGIN_X + CONTENT_WIDTH - LIST_COL_MARK_X - 16,
                            PANGO_ALIGN_LEFT, FONT_FAMILY " 7.5", &ef_pdf_muted, row[3]);
          r->y += LIST_ROW_HEIGHT;
          ef_pdf_hline (r, MARGIN_X, MARGIN_X + CONTENT_WIDTH, r->y, 0.3, &ef_pdf_rule);
        }
      r->y += 18;
    }
}

GBytes *
ef_list_pdf_render (const EfListPdf  *pdf,
                    GError          **error)
{
  g_autofree char *footer = NULL;
  g_autofree char *continued = NULL;

  g_return_val_if_fail (pdf != NULL, NULL);

  footer = g_strdup_printf ("%s — %s", pdf->municipality, pdf->title);
  continued = g_strdup_printf ("%s (suite)", pdf->title);
  return ef_pdf_render (pdf->title, pdf->municipality, pdf->day, footer, continued,
                        draw_list, pdf, error);
}

/* --------------------------------------------------------------- async */

static GBytes *
render_receipt (gconstpointer   pdf,
                GError        **error)
{
  return ef_receipt_pdf_render (pdf, error);
}

static GBytes *
render_list (gconstpointer   pdf,
             GError        **error)
{
  return ef_list_pdf_render (pdf, error);
}

void
ef_receipt_pdf_render_async (EfReceiptPdf        *pdf,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (pdf != NULL);

  ef_pdf_render_in_thread (ef_staff_pdf_render_finish, render_receipt, pdf,
                           (GDestroyNotify) ef_receipt_pdf_free, cancellable, callback, user_data);
}

void
ef_list_pdf_render_async (EfListPdf           *pdf,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (pdf != NULL);

  ef_pdf_render_in_thread (ef_staff_pdf_render_finish, render_list, pdf,
                           (GDestroyNotify) ef_list_pdf_free, cancellable, callback, user_data);
}

GBytes *
ef_staff_pdf_render_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
