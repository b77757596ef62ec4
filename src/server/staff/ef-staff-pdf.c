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

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ef-staff-pdf.h"

/* A4 in points, and the page's frame. */
#define PAGE_WIDTH    595.28
#define PAGE_HEIGHT   841.89
#define MARGIN_X      48.0
#define MARGIN_TOP    44.0
#define MARGIN_BOTTOM 56.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN_X)

#define FONT_FAMILY "DejaVu Sans"

typedef struct { double r, g, b; } Rgb;

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  const char  *footer;      /* "Ville de Billère — reçu R2026-00001" */
  const char  *continued;   /* the heading of the next pages */
  double       y;
  int          page;
} Render;

static const Rgb ink = { 0.13, 0.15, 0.18 };
static const Rgb muted = { 0.38, 0.41, 0.46 };
static const Rgb accent = { 0.11, 0.31, 0.54 };
static const Rgb rule = { 0.78, 0.80, 0.84 };
static const Rgb band = { 0.92, 0.94, 0.97 };
static const Rgb alert = { 0.70, 0.11, 0.11 };
static const Rgb white = { 1, 1, 1 };

/* ------------------------------------------------------------- drawing */

static char *
money (EfCents cents)
{
  return ef_money_format_french (cents);
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

static double
text_right (Render     *r,
            double      right,
            double      y,
            double      width,
            const char *font,
            const Rgb  *color,
            const char *text)
{
  return text_at (r, right - width, y, width, PANGO_ALIGN_RIGHT, font, color, text);
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
  g_autofree char *text = g_strdup_printf ("%s — page %d", r->footer, r->page);

  hline (r, MARGIN_X, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM + 14, 0.5, &rule);
  text_at (r, MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM + 20, CONTENT_WIDTH, PANGO_ALIGN_CENTER,
           FONT_FAMILY " 7", &muted, text);
}

/* Starts a new page when less than @needed points are left; TRUE if it
 * did. */
static gboolean
ensure_space (Render *r,
              double  needed)
{
  if (r->y + needed <= PAGE_HEIGHT - MARGIN_BOTTOM)
    return FALSE;
  draw_footer (r);
  cairo_show_page (r->cr);
  r->page++;
  r->y = MARGIN_TOP;
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                   FONT_FAMILY " Bold 10", &accent, r->continued) + 12;
  return TRUE;
}

static cairo_status_t
on_pdf_write_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef void (*DrawFunc) (Render *r, gconstpointer pdf);

/* A PDF of @draw's pages, with fixed metadata so that the same data gives
 * the same bytes. */
static GBytes *
render_document (const char     *title,
                 const char     *author,
                 EfDay           day,
                 const char     *footer,
                 const char     *continued,
                 DrawFunc        draw,
                 gconstpointer   pdf,
                 GError        **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *date = NULL;
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  PangoContext *context;
  cairo_status_t status;
  Render r = { 0 };
  int y = 2000, m = 1, d = 1;

  surface = cairo_pdf_surface_create_for_stream (on_pdf_write_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  if (ef_day_is_valid (day))
    ef_day_get_ymd (day, &y, &m, &d);
  date = g_strdup_printf ("%04d-%02d-%02dT00:00:00", y, m, d);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Espace Famille");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);

  r.cr = cairo_create (surface);
  r.layout = pango_cairo_create_layout (r.cr);
  r.footer = footer;
  r.continued = continued;
  r.page = 1;
  r.y = MARGIN_TOP;

  /* Unhinted metrics: the layout does not depend on a screen. */
  context = pango_layout_get_context (r.layout);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (r.layout);

  draw (&r, pdf);
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
                   "Cannot draw the document: %s", cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* The municipality on the left, the title and facts on the right; moves
 * r->y below both. */
static void
draw_letterhead (Render      *r,
                 const char  *municipality,
                 const char  *subtitle,
                 const char  *title,
                 const char  *labels[],
                 const char  *values[],
                 guint        n_facts)
{
  double left_y, right_y, box_x = MARGIN_X + CONTENT_WIDTH * 0.50;
  double box_width = MARGIN_X + CONTENT_WIDTH - box_x;

  fill_rect (r, MARGIN_X, MARGIN_TOP, 4, 44, &accent);
  left_y = MARGIN_TOP;
  left_y += text_at (r, MARGIN_X + 12, left_y, CONTENT_WIDTH * 0.48, PANGO_ALIGN_LEFT,
                     FONT_FAMILY " Bold 16", &accent, municipality);
  if (subtitle != NULL)
    left_y += text_at (r, MARGIN_X + 12, left_y + 2, CONTENT_WIDTH * 0.48, PANGO_ALIGN_LEFT,
                       FONT_FAMILY " 9", &ink, subtitle) + 2;
  left_y = MAX (left_y, MARGIN_TOP + 44) + 10;

  right_y = MARGIN_TOP;
  right_y += text_at (r, box_x, right_y, box_width, PANGO_ALIGN_RIGHT,
                      FONT_FAMILY " Bold 15", &ink, title) + 6;
  for (guint i = 0; i < n_facts; i++)
    {
      text_at (r, box_x, right_y, 90, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &muted, labels[i]);
      right_y += text_at (r, box_x + 90, right_y, box_width - 90, PANGO_ALIGN_RIGHT,
                          i == 0 ? FONT_FAMILY " Bold 8.5" : FONT_FAMILY " 8.5", &ink,
                          values[i]) + 3;
    }
  r->y = MAX (left_y, right_y) + 18;
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
draw_receipt (Render        *r,
              gconstpointer  data)
{
  const EfReceiptPdf *pdf = data;
  g_autofree char *amount = money (pdf->amount);
  g_autofree char *address = g_strdup_printf ("%s\n%s", pdf->family_name, pdf->address);
  const char *labels[] = { "Numéro", "Date", "Règlement", "Reçu par" };
  const char *values[] = { pdf->receipt_number, pdf->paid_at, pdf->method,
                           pdf->agent_name ? pdf->agent_name : "—" };
  double top, x, width = 230;

  draw_letterhead (r, pdf->municipality, "Régie de recettes", "REÇU DE PAIEMENT",
                   labels, values, G_N_ELEMENTS (labels));

  text_at (r, MARGIN_X + CONTENT_WIDTH * 0.50, r->y, CONTENT_WIDTH * 0.5, PANGO_ALIGN_LEFT,
           FONT_FAMILY " 7", &muted, "Reçu de");
  r->y += 11;
  r->y += text_at (r, MARGIN_X + CONTENT_WIDTH * 0.50, r->y, CONTENT_WIDTH * 0.5, PANGO_ALIGN_LEFT,
                   FONT_FAMILY " 10", &ink, address) + 24;

  if (pdf->cancelled != NULL)
    {
      double height;

      fill_rect (r, MARGIN_X, r->y, CONTENT_WIDTH, 4, &alert);
      r->y += 10;
      height = text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                        FONT_FAMILY " Bold 12", &alert, "PAIEMENT ANNULÉ");
      r->y += height + 2;
      r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                       FONT_FAMILY " 9", &alert, pdf->cancelled) + 16;
    }

  /* The invoices it paid. */
  fill_rect (r, MARGIN_X, r->y, CONTENT_WIDTH, 20, &band);
  text_at (r, RECEIPT_COL_NUMBER_X, r->y + 5, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8", &accent,
           "Facture");
  text_at (r, RECEIPT_COL_LABEL_X, r->y + 5, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8", &accent,
           "Objet");
  text_right (r, RECEIPT_COL_PAID_RIGHT, r->y + 5, 100, FONT_FAMILY " Bold 8", &accent, "Montant réglé");
  text_right (r, RECEIPT_COL_LEFT_RIGHT, r->y + 5, 100, FONT_FAMILY " Bold 8", &accent, "Reste à payer");
  r->y += 20;
  for (guint i = 0; i < pdf->lines->len; i++)
    {
      const EfReceiptLine *line = g_ptr_array_index (pdf->lines, i);
      g_autofree char *paid = money (line->paid);
      g_autofree char *balance = money (line->balance);
      double height;

      ensure_space (r, 24);
      text_at (r, RECEIPT_COL_NUMBER_X, r->y + 5, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ink,
               line->number);
      height = text_at (r, RECEIPT_COL_LABEL_X, r->y + 5, RECEIPT_COL_PAID_RIGHT - RECEIPT_COL_LABEL_X - 90,
                        PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ink, line->label);
      text_right (r, RECEIPT_COL_PAID_RIGHT, r->y + 5, 100, FONT_FAMILY " 8.5", &ink, paid);
      text_right (r, RECEIPT_COL_LEFT_RIGHT, r->y + 5, 100, FONT_FAMILY " 8.5", &ink, balance);
      r->y += MAX (height, 10) + 10;
      hline (r, MARGIN_X, MARGIN_X + CONTENT_WIDTH, r->y, 0.3, &rule);
    }
  r->y += 16;

  ensure_space (r, 60);
  top = r->y;
  x = MARGIN_X + CONTENT_WIDTH - width;
  fill_rect (r, x, top, width, 30, &accent);
  text_at (r, x + 10, top + 7, 130, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 10", &white, "Montant reçu");
  text_right (r, x + width - 10, top + 7, 120, FONT_FAMILY " Bold 10", &white, amount);
  r->y = top + 30 + 24;

  ensure_space (r, 80);
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ink,
                   "La régie de recettes de la commune atteste avoir reçu la somme ci-dessus en "
                   "règlement des factures indiquées.") + 14;
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                   FONT_FAMILY " Bold 8.5", &ink, "Nous contacter, horaires d’ouverture") + 3;
  r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                   FONT_FAMILY " 8", &muted, pdf->contact) + 6;
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
  return render_document (title, pdf->municipality, pdf->day, footer, continued,
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
draw_list_head (Render *r)
{
  fill_rect (r, MARGIN_X, r->y, CONTENT_WIDTH, 18, &band);
  text_at (r, LIST_COL_LAST_X, r->y + 4, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8", &accent, "Nom");
  text_at (r, LIST_COL_FIRST_X, r->y + 4, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8", &accent, "Prénom");
  text_at (r, LIST_COL_FAMILY_X, r->y + 4, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8", &accent, "Famille");
  text_at (r, LIST_COL_MARK_X, r->y + 4, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8", &accent, "Présent");
  r->y += 18;
}

static void
draw_list (Render        *r,
           gconstpointer  data)
{
  const EfListPdf *pdf = data;
  const char *labels[] = { "Jour" };
  const char *values[] = { pdf->day_label };

  draw_letterhead (r, pdf->municipality, "Listes du jour", "LISTE DE PRÉSENCE",
                   labels, values, G_N_ELEMENTS (labels));

  if (pdf->sections->len == 0)
    text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &muted,
             "Aucune activité ce jour.");

  for (guint i = 0; i < pdf->sections->len; i++)
    {
      const EfListSection *section = g_ptr_array_index (pdf->sections, i);
      g_autofree char *count = NULL;

      ensure_space (r, 70);
      r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                       FONT_FAMILY " Bold 10.5", &accent, section->heading) + 2;
      if (section->note != NULL)
        r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                         FONT_FAMILY " Italic 8.5", &alert, section->note) + 2;
      if (section->rows->len == 0)
        count = g_strdup ("Aucun enfant attendu");
      else
        count = g_strdup_printf (section->rows->len == 1 ? "%u enfant attendu" : "%u enfants attendus",
                                 section->rows->len);
      r->y += text_at (r, MARGIN_X, r->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                       FONT_FAMILY " 8.5", &muted, count) + 6;
      if (section->rows->len > 0)
        draw_list_head (r);

      for (guint j = 0; j < section->rows->len; j++)
        {
          GStrv row = g_ptr_array_index (section->rows, j);
          g_autofree char *number = g_strdup_printf ("%u", j + 1);

          if (ensure_space (r, LIST_ROW_HEIGHT + 4))
            draw_list_head (r);
          text_right (r, LIST_COL_NUMBER_RIGHT, r->y + 4, 24, FONT_FAMILY " 8", &muted, number);
          text_at (r, LIST_COL_LAST_X, r->y + 4, LIST_COL_FIRST_X - LIST_COL_LAST_X - 6,
                   PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 8.5", &ink, row[0]);
          text_at (r, LIST_COL_FIRST_X, r->y + 4, LIST_COL_FAMILY_X - LIST_COL_FIRST_X - 6,
                   PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &ink, row[1]);
          text_at (r, LIST_COL_FAMILY_X, r->y + 4, LIST_COL_MARK_X - LIST_COL_FAMILY_X - 6,
                   PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &muted, row[2]);
          /* A box to tick, and what the agents must know. */
          set_color (r->cr, &muted);
          cairo_set_line_width (r->cr, 0.6);
          cairo_rectangle (r->cr, LIST_COL_MARK_X + 2, r->y + 4, 8, 8);
          cairo_stroke (r->cr);
          if (row[3][0] != '\0')
            text_at (r, LIST_COL_MARK_X + 16, r->y + 4, MARGIN_X + CONTENT_WIDTH - LIST_COL_MARK_X - 16,
                     PANGO_ALIGN_LEFT, FONT_FAMILY " 7.5", &muted, row[3]);
          r->y += LIST_ROW_HEIGHT;
          hline (r, MARGIN_X, MARGIN_X + CONTENT_WIDTH, r->y, 0.3, &rule);
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
  return render_document (pdf->title, pdf->municipality, pdf->day, footer, continued,
                          draw_list, pdf, error);
}

/* --------------------------------------------------------------- async */

static void
receipt_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = ef_receipt_pdf_render (task_data, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = ef_list_pdf_render (task_data, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
ef_receipt_pdf_render_async (EfReceiptPdf        *pdf,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (pdf != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_staff_pdf_render_finish);
  g_task_set_task_data (task, pdf, (GDestroyNotify) ef_receipt_pdf_free);
  g_task_run_in_thread (task, receipt_thread);
}

void
ef_list_pdf_render_async (EfListPdf           *pdf,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (pdf != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_staff_pdf_render_finish);
  g_task_set_task_data (task, pdf, (GDestroyNotify) ef_list_pdf_free);
  g_task_run_in_thread (task, list_thread);
}

GBytes *
ef_staff_pdf_render_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
