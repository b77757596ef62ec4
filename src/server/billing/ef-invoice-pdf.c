/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-pdf.c: the invoice as the municipality's PDF document
 *
 * The invoice is the municipality's document, addressed to French
 * families: its text is fixed French, not interface text, and it is not
 * translated. Drawn with cairo's PDF surface and pango, on A4 portrait.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-invoice-pdf.h"
#include "pdf/ef-pdf-layout.h"

#define MARGIN_X      EF_PDF_MARGIN_X
#define MARGIN_TOP    EF_PDF_MARGIN_TOP
#define CONTENT_WIDTH EF_PDF_CONTENT_WIDTH
#define FONT_FAMILY   EF_PDF_FONT

/* Table columns: designation, quantity, unit price, amount (right edges
 * for the numbers). */
#define COL_LABEL_X     (MARGIN_X + 8)
#define COL_QTY_RIGHT   (MARGIN_X + 330)
#define COL_UNIT_RIGHT  (MARGIN_X + 420)
#define COL_AMOUNT_RIGHT (MARGIN_X + CONTENT_WIDTH - 8)

static const EfPdfRgb child_band = { 0.97, 0.97, 0.98 };

void
ef_invoice_pdf_free (EfInvoicePdf *pdf)
{
  if (pdf == NULL)
    return;
  g_free (pdf->municipality);
  g_free (pdf->contact);
  g_free (pdf->service_name);
  g_free (pdf->family_name);
  g_free (pdf->address);
  g_free (pdf->iban);
  g_free (pdf->bic);
  g_clear_pointer (&pdf->invoice, ef_invoice_free);
  g_free (pdf);
}

/* The same, right-aligned so that the text ends at @right. */
static double
text_right (EfPdf          *r,
            double          right,
            double          y,
            const char     *font,
            const EfPdfRgb *color,
            const char     *text)
{
  return ef_pdf_text_right (r, right, y, 200, font, color, text);
}

static void
draw_header (EfPdf *r)
{
  const EfInvoicePdf *pdf = r->data;
  const EfInvoice *invoice = pdf->invoice;
  g_autofree char *issue = ef_pdf_format_day (invoice->issue_day);
  g_autofree char *start = ef_pdf_format_day (invoice->period_start);
  g_autofree char *end = ef_pdf_format_day (invoice->period_end);
  g_autofree char *due = ef_pdf_format_day (invoice->due_day);
  g_autofree char *service = g_strdup_printf ("Service %s", pdf->service_name);
  g_autofree char *period = g_strdup_printf ("du %s au %s", start, end);
  g_autofree char *object = g_strdup_printf ("Objet\u00A0: %s", invoice->label);
  const char *labels[] = { "Numéro", "Date", "Période", "Échéance" };
  const char *values[] = { invoice->number, issue, period, due };
  const EfPdfLetterhead letterhead = {
    .municipality = pdf->municipality,
    .subtitle = service,
    .left_width = 0.5,
    .title = "FACTURE",
    .title_font = FONT_FAMILY " Bold 20",
    .box_x = 0.52,
    .label_width = 60,
    .labels = labels,
    .values = values,
    .n_facts = G_N_ELEMENTS (labels),
  };
  double box_x = MARGIN_X + CONTENT_WIDTH * 0.52;

  /* The family, where a window envelope shows it. */
  r->y = MAX (ef_pdf_draw_letterhead (r, &letterhead) + 24, MARGIN_TOP + 130);
  ef_pdf_draw_addressee (r, box_x, MARGIN_X + CONTENT_WIDTH - box_x, "Adressée à",
                         pdf->family_name, pdf->address);
  r->y += 26;
  ef_pdf_paragraph (r, FONT_FAMILY " Bold 10", &ef_pdf_ink, object, 10);
}

static void
draw_table_head (EfPdf *r)
{
  const EfPdfColumn columns[] = {
    { "Désignation", COL_LABEL_X, 0, PANGO_ALIGN_LEFT },
    { "Quantité", COL_QTY_RIGHT - 200, 200, PANGO_ALIGN_RIGHT },
    { "Prix unitaire", COL_UNIT_RIGHT - 200, 200, PANGO_ALIGN_RIGHT },
    { "Montant", COL_AMOUNT_RIGHT - 200, 200, PANGO_ALIGN_RIGHT },
  };

  ef_pdf_draw_table_head (r, 20, columns, G_N_ELEMENTS (columns));
}

static gboolean
same_child (const EfInvoiceLine *a,
            const EfInvoiceLine *b)
{
  return a->member_id == b->member_id && g_strcmp0 (a->member_name, b->member_name) == 0;
}

static void
draw_lines (EfPdf *r)
{
  const EfInvoicePdf *pdf = r->data;
  GPtrArray *lines = pdf->invoice->lines;

  draw_table_head (r);
  for (guint i = 0; i < lines->len;)
    {
      const EfInvoiceLine *first = g_ptr_array_index (lines, i);
      const char *name = first->member_name[0] != '\0' ? first->member_name : "Prestations du foyer";
      g_autofree char *subtotal_text = NULL;
      g_autofree char *subtotal_label = NULL;
      EfCents subtotal = 0;
      guint j;

      ef_pdf_ensure_space (r, 60);
      if (r->y < MARGIN_TOP + 40)
        draw_table_head (r);
      ef_pdf_fill_rect (r, MARGIN_X, r->y, CONTENT_WIDTH, 18, &child_band);
      ef_pdf_text_at (r, COL_LABEL_X, r->y + 4, 300, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8.5",
                      &ef_pdf_ink, name);
      r->y += 18;

      for (j = i; j < lines->len && same_child (g_ptr_array_index (lines, j), first); j++)
        {
          const EfInvoiceLine *line = g_ptr_array_index (lines, j);
          g_autofree char *quantity = g_strdup_printf ("%lld", (long long) line->quantity);
          g_autofree char *unit = ef_money_format_french (line->unit_price);
          g_autofree char *amount = ef_money_format_french (line->amount);
          double height;

          ef_pdf_ensure_space (r, 18);
          height = ef_pdf_text_at (r, COL_LABEL_X + 12, r->y + 4, COL_QTY_RIGHT - COL_LABEL_X - 80,
                                   PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ef_pdf_ink, line->label);
          text_right (r, COL_QTY_RIGHT, r->y + 4, FONT_FAMILY " 8.5", &ef_pdf_ink, quantity);
          text_right (r, COL_UNIT_RIGHT, r->y + 4, FONT_FAMILY " 8.5", &ef_pdf_ink, unit);
          text_right (r, COL_AMOUNT_RIGHT, r->y + 4, FONT_FAMILY " 8.5", &ef_pdf_ink, amount);
          r->y += MAX (height, 10) + 8;
          ef_pdf_hline (r, COL_LABEL_X + 12, MARGIN_X + CONTENT_WIDTH, r->y, 0.3, &ef_pdf_rule);
          subtotal += line->amount;
        }

      subtotal_label = g_strdup_printf ("Sous-total %s", name);
      subtotal_text = ef_money_format_french (subtotal);
      ef_pdf_ensure_space (r, 20);
      text_right (r, COL_UNIT_RIGHT, r->y + 4, FONT_FAMILY " Bold 8.5", &ef_pdf_ink, subtotal_label);
      text_right (r, COL_AMOUNT_RIGHT, r->y + 4, FONT_FAMILY " Bold 8.5", &ef_pdf_ink, subtotal_text);
      r->y += 22;
      i = j;
    }
  ef_pdf_hline (r, MARGIN_X, MARGIN_X + CONTENT_WIDTH, r->y, 0.8, &ef_pdf_rule);
  r->y += 14;
}

static void
draw_totals (EfPdf *r)
{
  const EfInvoicePdf *pdf = r->data;
  const EfInvoice *invoice = pdf->invoice;
  g_autofree char *total = ef_money_format_french (invoice->amount);
  g_autofree char *paid = ef_money_format_french (invoice->amount - invoice->balance);
  g_autofree char *balance = ef_money_format_french (invoice->balance);
  g_autofree char *due = ef_pdf_format_day (invoice->due_day);
  g_autofree char *due_text = g_strdup_printf ("À régler avant le %s", due);
  double x = MARGIN_X + CONTENT_WIDTH - 230, width = 230, top;

  ef_pdf_ensure_space (r, 90);
  top = r->y;
  ef_pdf_stroke_rect (r, x, top, width, 78, 0.8, &ef_pdf_rule);

  ef_pdf_text_at (r, x + 10, top + 8, 140, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ef_pdf_ink,
                  "Total de la facture");
  text_right (r, x + width - 10, top + 8, FONT_FAMILY " 9", &ef_pdf_ink, total);
  ef_pdf_text_at (r, x + 10, top + 26, 140, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ef_pdf_ink,
                  "Déjà réglé");
  text_right (r, x + width - 10, top + 26, FONT_FAMILY " 9", &ef_pdf_ink, paid);

  ef_pdf_fill_rect (r, x, top + 48, width, 30, &ef_pdf_accent);
  ef_pdf_text_at (r, x + 10, top + 55, 140, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 10",
                  &ef_pdf_white, "Reste à payer");
  text_right (r, x + width - 10, top + 55, FONT_FAMILY " Bold 10", &ef_pdf_white, balance);

  ef_pdf_text_at (r, MARGIN_X, top + 55, 260, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 10",
                  &ef_pdf_accent, invoice->balance == 0 ? "Facture soldée" : due_text);
  r->y = top + 78 + 24;
}

static void
draw_how_to_pay (EfPdf *r)
{
  const EfInvoicePdf *pdf = r->data;
  g_autoptr(GPtrArray) ways = g_ptr_array_new_with_free_func (g_free);
  double height;

  if (pdf->online_payment)
    g_ptr_array_add (ways, g_strdup ("En ligne, par carte bancaire, depuis votre Espace Famille "
                                     "(menu «\u00A0Mes factures\u00A0», bouton «\u00A0Payer en ligne\u00A0»)\u00A0: "
                                     "paiement sécurisé, de la totalité du solde de la facture."));
  g_ptr_array_add (ways, g_strdup ("À l’Hôtel de Ville, en espèces ou par chèque à l’ordre du "
                                   "Trésor public, aux heures d’ouverture du service (ci-dessous)."));
  if (pdf->iban != NULL && pdf->iban[0] != '\0')
    g_ptr_array_add (ways, g_strdup_printf ("Par virement sur le compte IBAN %s%s%s, en indiquant "
                                            "le numéro de facture %s.",
                                            pdf->iban,
                                            pdf->bic != NULL ? " — BIC " : "",
                                            pdf->bic != NULL ? pdf->bic : "",
                                            pdf->invoice->number));
  else
    g_ptr_array_add (ways, g_strdup_printf ("Par virement, en indiquant le numéro de facture %s\u00A0: "
                                            "coordonnées bancaires sur demande au service.",
                                            pdf->invoice->number));
  g_ptr_array_add (ways, g_strdup ("Par prélèvement automatique, sur demande au service."));

  ef_pdf_ensure_space (r, 120);
  ef_pdf_paragraph (r, FONT_FAMILY " Bold 10", &ef_pdf_accent, "Comment payer", 6);
  for (guint i = 0; i < ways->len; i++)
    {
      ef_pdf_ensure_space (r, 24);
      ef_pdf_text_at (r, MARGIN_X + 4, r->y, 10, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5",
                      &ef_pdf_accent, "•");
      height = ef_pdf_text_at (r, MARGIN_X + 16, r->y, CONTENT_WIDTH - 16, PANGO_ALIGN_LEFT,
                               FONT_FAMILY " 8.5", &ef_pdf_ink, g_ptr_array_index (ways, i));
      r->y += height + 4;
    }

  r->y += 8;
  ef_pdf_ensure_space (r, 60);
  ef_pdf_draw_contact (r, pdf->contact);
  ef_pdf_paragraph (r, FONT_FAMILY " Italic 7.5", &ef_pdf_muted,
                    "Tout repas commandé et non annulé à temps est facturé. "
                    "Le paiement partiel d’une facture en ligne n’est pas possible.", 0);
}

static void
draw_invoice (EfPdf *r)
{
  draw_header (r);
  draw_lines (r);
  draw_totals (r);
  draw_how_to_pay (r);
}

GBytes *
ef_invoice_pdf_render (const EfInvoicePdf  *pdf,
                       GError             **error)
{
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *continued = NULL;

  g_return_val_if_fail (pdf != NULL && pdf->invoice != NULL, NULL);

  title = g_strdup_printf ("Facture %s", pdf->invoice->number);
  footer = g_strdup_printf ("%s — facture %s", pdf->municipality, pdf->invoice->number);
  continued = g_strdup_printf ("Facture %s (suite)", pdf->invoice->number);
  return ef_pdf_render (title, pdf->municipality, pdf->invoice->issue_day, footer, continued,
                        draw_invoice, pdf, error);
}

static GBytes *
render_invoice (gconstpointer   pdf,
                GError        **error)
{
  return ef_invoice_pdf_render (pdf, error);
}

void
ef_invoice_pdf_render_async (EfInvoicePdf        *pdf,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (pdf != NULL && pdf->invoice != NULL);

  ef_pdf_render_in_thread (ef_invoice_pdf_render_async, render_invoice, pdf,
                           (GDestroyNotify) ef_invoice_pdf_free, cancellable, callback, user_data);
}

GBytes *
ef_invoice_pdf_render_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
