/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-pdf.c: the invoice as the municipality's PDF document
 *
 * The invoice is the municipality's document, addressed to French
 * families: its text is fixed French, not interface text, and it is not
 * translated. Drawn with cairo's PDF surface and pango, on A4 portrait.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ef-invoice-pdf.h"

/* A4 in points, and the page's frame. */
#define PAGE_WIDTH    595.28
#define PAGE_HEIGHT   841.89
#define MARGIN_X      48.0
#define MARGIN_TOP    44.0
#define MARGIN_BOTTOM 56.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN_X)

/* Table columns: designation, quantity, unit price, amount (right edges
 * for the numbers). */
#define COL_LABEL_X     (MARGIN_X + 8)
#define COL_QTY_RIGHT   (MARGIN_X + 330)
#define COL_UNIT_RIGHT  (MARGIN_X + 420)
#define COL_AMOUNT_RIGHT (MARGIN_X + CONTENT_WIDTH - 8)

#define FONT_FAMILY "DejaVu Sans"

typedef struct {
  cairo_t      *cr;
  PangoLayout  *layout;
  const EfInvoicePdf *pdf;
  double        y;
  int           page;
} Render;

typedef struct { double r, g, b; } Rgb;

static const Rgb ink = { 0.13, 0.15, 0.18 };
static const Rgb muted = { 0.38, 0.41, 0.46 };
static const Rgb accent = { 0.11, 0.31, 0.54 };
static const Rgb rule = { 0.78, 0.80, 0.84 };
static const Rgb band = { 0.92, 0.94, 0.97 };
static const Rgb child_band = { 0.97, 0.97, 0.98 };

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

static char *
money (EfCents cents)
{
  return ef_money_format_french (cents);
}

static char *
french_day (EfDay day)
{
  int y, m, d;

  if (!ef_day_is_valid (day))
    return g_strdup ("");
  ef_day_get_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

static void
set_color (cairo_t   *cr,
           const Rgb *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

/* Draws @text at (@x, @y) in a box @width wide (0: no wrapping) aligned
 * @align; returns the height it took. */
static double
text_at (Render         *r,
         double          x,
         double          y,
         double          width,
         PangoAlignment  align,
         const char     *font,
         const Rgb      *color,
         const char     *text)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (r->layout, description);
  pango_layout_set_width (r->layout, width > 0 ? pango_units_from_double (width) : -1);
  pango_layout_set_wrap (r->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (r->layout, align);
  pango_layout_set_text (r->layout, text, -1);

  set_color (r->cr, color);
  cairo_move_to (r->cr, x, y);
  pango_cairo_show_layout (r->cr, r->layout);
  pango_layout_get_size (r->layout, NULL, &height);
  return pango_units_to_double (height);
}

/* The same, right-aligned so that the text ends at @right. */
static double
text_right (Render     *r,
            double      right,
            double      y,
            const char *font,
            const Rgb  *color,
            const char *text)
{
  return text_at (r, right - 200, y, 200, PANGO_ALIGN_RIGHT, font, color, text);
}

static void
hline (Render    *r,
       double     x1,
       double     x2,
       double     y,
       double     width,
       const Rgb *color)
{
  set_color (r->cr, color);
  cairo_set_line_width (r->cr, width);
  cairo_move_to (r->cr, x1, y);
  cairo_line_to (r->cr, x2, y);
  cairo_stroke (r->cr);
}

static void
fill_rect (Render    *r,
           double     x,
           double     y,
           double     width,
           double     height,
           const Rgb *color)
{
  set_color (r->cr, color);
  cairo_rectangle (r->cr, x, y, width, height);
  cairo_fill (r->cr);
}

static void
draw_footer (Render *r)
{
  g_autofree char *text = g_strdup_printf ("%s — facture %s — page %d",
                                           r->pdf->municipality, r->pdf->invoice->number, r->page);

  hline (r, MARGIN_X, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM + 14, 0.5, &rule);
  text_at (r, MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM + 20, CONTENT_WIDTH, PANGO_ALIGN_CENTER,
           FONT_FAMILY " 7", &muted, text);
}

/* Starts a new page when less than @needed points are left. */
static void
ensure_space (Render *r,
              double  needed)
{
  g_autofree char *text = NULL;

  if (r->y + needed <= PAGE_HEIGHT - MARGIN_BOTTOM)
    return;
  draw_footer (r);
  cairo_show_page (r->cr);
  r->page++;
  r->y = MARGIN_TOP;
  text = g_strdup_printf ("Facture %s (suite)", r->pdf->invoice->number);
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                   FONT_FAMILY " Bold 10", &accent, text) + 12;
}

static void
draw_header (Render *r)
{
  const EfInvoicePdf *pdf = r->pdf;
  const EfInvoice *invoice = pdf->invoice;
  g_autofree char *issue = french_day (invoice->issue_day);
  g_autofree char *start = french_day (invoice->period_start);
  g_autofree char *end = french_day (invoice->period_end);
  g_autofree char *due = french_day (invoice->due_day);
  g_autofree char *service = g_strdup_printf ("Service %s", pdf->service_name);
  g_autofree char *address = NULL;
  double left_y, right_y, box_x = MARGIN_X + CONTENT_WIDTH * 0.52;
  double box_width = MARGIN_X + CONTENT_WIDTH - box_x;
  struct { const char *label; const char *value; } facts[] = {
    { "Numéro", invoice->number },
    { "Date", issue },
    { "Période", NULL },
    { "Échéance", due },
  };
  g_autofree char *period = g_strdup_printf ("du %s au %s", start, end);

  facts[2].value = period;

  /* The municipality, left. */
  fill_rect (r, MARGIN_X, MARGIN_TOP, 4, 44, &accent);
  left_y = MARGIN_TOP;
  left_y += text_at (r, MARGIN_X + 12, left_y, CONTENT_WIDTH * 0.5, PANGO_ALIGN_LEFT,
                     FONT_FAMILY " Bold 16", &accent, pdf->municipality);
  left_y += text_at (r, MARGIN_X + 12, left_y + 2, CONTENT_WIDTH * 0.5, PANGO_ALIGN_LEFT,
                     FONT_FAMILY " 9", &ink, service) + 2;
  left_y = MAX (left_y, MARGIN_TOP + 44) + 10;

  /* The invoice's facts, right. */
  right_y = MARGIN_TOP;
  right_y += text_at (r, box_x, right_y, box_width, PANGO_ALIGN_RIGHT,
                      FONT_FAMILY " Bold 20", &ink, "FACTURE") + 6;
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      text_at (r, box_x, right_y, 60, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &muted, facts[i].label);
      right_y += text_at (r, box_x + 60, right_y, box_width - 60, PANGO_ALIGN_RIGHT,
                          i == 0 ? FONT_FAMILY " Bold 8.5" : FONT_FAMILY " 8.5", &ink,
                          facts[i].value) + 3;
    }

  /* The family, where a window envelope shows it. */
  r->y = MAX (MAX (left_y, right_y) + 24, MARGIN_TOP + 130);
  address = g_strdup_printf ("%s\n%s", pdf->family_name, pdf->address);
  text_at (r, box_x, r->y, box_width, PANGO_ALIGN_LEFT, FONT_FAMILY " 7", &muted, "Adressée à");
  r->y += 11;
  r->y += text_at (r, box_x, r->y, box_width, PANGO_ALIGN_LEFT, FONT_FAMILY " 10", &ink, address);
  r->y += 26;

  {
    g_autofree char *object = g_strdup_printf ("Objet\u00A0: %s", invoice->label);

    r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                     FONT_FAMILY " Bold 10", &ink, object) + 10;
  }
}

static void
draw_table_head (Render *r)
{
  double top = r->y;

  fill_rect (r, MARGIN_X, top, CONTENT_WIDTH, 20, &band);
  text_at (r, COL_LABEL_X, top + 5, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8", &accent,
           "Désignation");
  text_right (r, COL_QTY_RIGHT, top + 5, FONT_FAMILY " Bold 8", &accent, "Quantité");
  text_right (r, COL_UNIT_RIGHT, top + 5, FONT_FAMILY " Bold 8", &accent, "Prix unitaire");
  text_right (r, COL_AMOUNT_RIGHT, top + 5, FONT_FAMILY " Bold 8", &accent, "Montant");
  r->y = top + 20;
}

static gboolean
same_child (const EfInvoiceLine *a,
            const EfInvoiceLine *b)
{
  return a->member_id == b->member_id && g_strcmp0 (a->member_name, b->member_name) == 0;
}

static void
draw_lines (Render *r)
{
  GPtrArray *lines = r->pdf->invoice->lines;

  draw_table_head (r);
  for (guint i = 0; i < lines->len;)
    {
      const EfInvoiceLine *first = g_ptr_array_index (lines, i);
      const char *name = first->member_name[0] != '\0' ? first->member_name : "Prestations du foyer";
      g_autofree char *subtotal_text = NULL;
      g_autofree char *subtotal_label = NULL;
      EfCents subtotal = 0;
      guint j;

      ensure_space (r, 60);
      if (r->y < MARGIN_TOP + 40)
        draw_table_head (r);
      fill_rect (r, MARGIN_X, r->y, CONTENT_WIDTH, 18, &child_band);
      text_at (r, COL_LABEL_X, r->y + 4, 300, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8.5", &ink, name);
      r->y += 18;

      for (j = i; j < lines->len && same_child (g_ptr_array_index (lines, j), first); j++)
        {
          const EfInvoiceLine *line = g_ptr_array_index (lines, j);
          g_autofree char *quantity = g_strdup_printf ("%lld", (long long) line->quantity);
          g_autofree char *unit = money (line->unit_price);
          g_autofree char *amount = money (line->amount);
          double height;

          ensure_space (r, 18);
          height = text_at (r, COL_LABEL_X + 12, r->y + 4, COL_QTY_RIGHT - COL_LABEL_X - 80,
                            PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ink, line->label);
          text_right (r, COL_QTY_RIGHT, r->y + 4, FONT_FAMILY " 8.5", &ink, quantity);
          text_right (r, COL_UNIT_RIGHT, r->y + 4, FONT_FAMILY " 8.5", &ink, unit);
          text_right (r, COL_AMOUNT_RIGHT, r->y + 4, FONT_FAMILY " 8.5", &ink, amount);
          r->y += MAX (height, 10) + 8;
          hline (r, COL_LABEL_X + 12, MARGIN_X + CONTENT_WIDTH, r->y, 0.3, &rule);
          subtotal += line->amount;
        }

      subtotal_label = g_strdup_printf ("Sous-total %s", name);
      subtotal_text = money (subtotal);
      ensure_space (r, 20);
      text_right (r, COL_UNIT_RIGHT, r->y + 4, FONT_FAMILY " Bold 8.5", &ink, subtotal_label);
      text_right (r, COL_AMOUNT_RIGHT, r->y + 4, FONT_FAMILY " Bold 8.5", &ink, subtotal_text);
      r->y += 22;
      i = j;
    }
  hline (r, MARGIN_X, MARGIN_X + CONTENT_WIDTH, r->y, 0.8, &rule);
  r->y += 14;
}

static void
draw_totals (Render *r)
{
  const EfInvoice *invoice = r->pdf->invoice;
  g_autofree char *total = money (invoice->amount);
  g_autofree char *paid = money (invoice->amount - invoice->balance);
  g_autofree char *balance = money (invoice->balance);
  double x = MARGIN_X + CONTENT_WIDTH - 230, width = 230, top;

  ensure_space (r, 90);
  top = r->y;
  set_color (r->cr, &rule);
  cairo_set_line_width (r->cr, 0.8);
  cairo_rectangle (r->cr, x, top, width, 78);
  cairo_stroke (r->cr);

  text_at (r, x + 10, top + 8, 140, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ink, "Total de la facture");
  text_right (r, x + width - 10, top + 8, FONT_FAMILY " 9", &ink, total);
  text_at (r, x + 10, top + 26, 140, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ink, "Déjà réglé");
  text_right (r, x + width - 10, top + 26, FONT_FAMILY " 9", &ink, paid);

  fill_rect (r, x, top + 48, width, 30, &accent);
  text_at (r, x + 10, top + 55, 140, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 10",
           &(Rgb) { 1, 1, 1 }, "Reste à payer");
  text_right (r, x + width - 10, top + 55, FONT_FAMILY " Bold 10", &(Rgb) { 1, 1, 1 }, balance);

  if (invoice->balance == 0)
    text_at (r, MARGIN_X, top + 55, 260, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 10", &accent,
             "Facture soldée");
  else
    {
      g_autofree char *due = french_day (invoice->due_day);
      g_autofree char *text = g_strdup_printf ("À régler avant le %s", due);

      text_at (r, MARGIN_X, top + 55, 260, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 10", &accent, text);
    }
  r->y = top + 78 + 24;
}

static void
draw_how_to_pay (Render *r)
{
  const EfInvoicePdf *pdf = r->pdf;
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

  ensure_space (r, 120);
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                   FONT_FAMILY " Bold 10", &accent, "Comment payer") + 6;
  for (guint i = 0; i < ways->len; i++)
    {
      ensure_space (r, 24);
      text_at (r, MARGIN_X + 4, r->y, 10, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &accent, "•");
      height = text_at (r, MARGIN_X + 16, r->y, CONTENT_WIDTH - 16, PANGO_ALIGN_LEFT,
                        FONT_FAMILY " 8.5", &ink, g_ptr_array_index (ways, i));
      r->y += height + 4;
    }

  r->y += 8;
  ensure_space (r, 60);
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                   FONT_FAMILY " Bold 8.5", &ink, "Nous contacter, horaires d’ouverture") + 3;
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                   FONT_FAMILY " 8", &muted, pdf->contact) + 6;
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FONT_FAMILY " Italic 7.5",
                   &muted, "Tout repas commandé et non annulé à temps est facturé. "
                   "Le paiement partiel d’une facture en ligne n’est pas possible.");
}

static cairo_status_t
on_pdf_write_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
ef_invoice_pdf_render (const EfInvoicePdf  *pdf,
                       GError             **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  PangoContext *context;
  cairo_status_t status;
  Render r = { 0 };
  int y, m, d;

  g_return_val_if_fail (pdf != NULL && pdf->invoice != NULL, NULL);

  bytes = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (on_pdf_write_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);

  /* Fixed metadata: the same invoice always gives the same bytes. */
  ef_day_get_ymd (pdf->invoice->issue_day, &y, &m, &d);
  date = g_strdup_printf ("%04d-%02d-%02dT00:00:00", y, m, d);
  title = g_strdup_printf ("Facture %s", pdf->invoice->number);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, pdf->municipality);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Espace Famille");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);

  r.cr = cairo_create (surface);
  r.layout = pango_cairo_create_layout (r.cr);
  r.pdf = pdf;
  r.page = 1;

  /* Unhinted metrics: the layout does not depend on a screen. */
  context = pango_layout_get_context (r.layout);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (r.layout);

  draw_header (&r);
  draw_lines (&r);
  draw_totals (&r);
  draw_how_to_pay (&r);
  draw_footer (&r);
  cairo_show_page (r.cr);

  g_object_unref (r.layout);
  cairo_destroy (r.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INTERNAL,
                   "Cannot draw the invoice: %s", cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = ef_invoice_pdf_render (task_data, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
ef_invoice_pdf_render_async (EfInvoicePdf        *pdf,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (pdf != NULL && pdf->invoice != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_invoice_pdf_render_async);
  g_task_set_task_data (task, pdf, (GDestroyNotify) ef_invoice_pdf_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
ef_invoice_pdf_render_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
