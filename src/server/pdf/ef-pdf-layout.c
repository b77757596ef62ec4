/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pdf-layout.c: what the municipality's PDF documents share */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ef-pdf-layout.h"

#define MARGIN_X      EF_PDF_MARGIN_X
#define MARGIN_TOP    EF_PDF_MARGIN_TOP
#define CONTENT_WIDTH EF_PDF_CONTENT_WIDTH
#define FONT_FAMILY   EF_PDF_FONT

const EfPdfRgb ef_pdf_ink = { 0.13, 0.15, 0.18 };
const EfPdfRgb ef_pdf_muted = { 0.38, 0.41, 0.46 };
const EfPdfRgb ef_pdf_accent = { 0.11, 0.31, 0.54 };
const EfPdfRgb ef_pdf_rule = { 0.78, 0.80, 0.84 };
const EfPdfRgb ef_pdf_band = { 0.92, 0.94, 0.97 };
const EfPdfRgb ef_pdf_white = { 1, 1, 1 };

static void
draw_footer (EfPdf *pdf)
{
  g_autofree char *text = g_strdup_printf ("%s — page %d", pdf->footer, pdf->page);

  ef_pdf_hline (pdf, MARGIN_X, EF_PDF_PAGE_WIDTH - MARGIN_X,
                EF_PDF_PAGE_HEIGHT - EF_PDF_MARGIN_BOTTOM + 14, 0.5, &ef_pdf_rule);
  ef_pdf_text_at (pdf, MARGIN_X, EF_PDF_PAGE_HEIGHT - EF_PDF_MARGIN_BOTTOM + 20, CONTENT_WIDTH,
                  PANGO_ALIGN_CENTER, FONT_FAMILY " 7", &ef_pdf_muted, text);
}

static cairo_status_t
on_pdf_write_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EfPdfRenderFunc render = g_object_get_data (G_OBJECT (task), "ef-pdf-render");
  GError *error = NULL;
  GBytes *bytes = render (task_data, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

GBytes *
ef_pdf_render (const char     *title,
               const char     *author,
               EfDay           day,
               const char     *footer,
               const char     *continued,
               EfPdfDrawFunc   draw,
               gconstpointer   data,
               GError        **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *date = NULL;
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  PangoContext *context;
  cairo_status_t status;
  EfPdf pdf = { 0 };
  int y = 2000, m = 1, d = 1;

  g_return_val_if_fail (draw != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (on_pdf_write_cb, bytes,
                                                 EF_PDF_PAGE_WIDTH, EF_PDF_PAGE_HEIGHT);
  if (ef_day_is_valid (day))
    ef_day_get_ymd (day, &y, &m, &d);
  date = g_strdup_printf ("%04d-%02d-%02dT00:00:00", y, m, d);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Espace Famille");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);

  pdf.cr = cairo_create (surface);
  pdf.layout = pango_cairo_create_layout (pdf.cr);
  pdf.footer = footer;
  pdf.continued = continued;
  pdf.data = data;
  pdf.page = 1;
  pdf.y = MARGIN_TOP;

  /* Unhinted metrics: the layout does not depend on a screen. */
  context = pango_layout_get_context (pdf.layout);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (pdf.layout);

  draw (&pdf);
  draw_footer (&pdf);
  cairo_show_page (pdf.cr);

  g_object_unref (pdf.layout);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INTERNAL,
                   "Cannot draw “%s”: %s", title, cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

void
ef_pdf_render_in_thread (gpointer             source_tag,
                         EfPdfRenderFunc      render,
                         gpointer             data,
                         GDestroyNotify       free_data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (render != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, free_data);
  g_object_set_data (G_OBJECT (task), "ef-pdf-render", render);
  g_task_run_in_thread (task, render_thread);
}

char *
ef_pdf_format_day (EfDay day)
{
  int y, m, d;

  if (!ef_day_is_valid (day))
    return g_strdup ("");
  ef_day_get_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

void
ef_pdf_set_color (EfPdf          *pdf,
                  const EfPdfRgb *color)
{
  cairo_set_source_rgb (pdf->cr, color->r, color->g, color->b);
}

double
ef_pdf_text_at (EfPdf          *pdf,
                double          x,
                double          y,
                double          width,
                PangoAlignment  align,
                const char     *font,
                const EfPdfRgb *color,
                const char     *text)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (pdf->layout, description);
  pango_layout_set_width (pdf->layout, width > 0 ? pango_units_from_double (width) : -1);
  pango_layout_set_wrap (pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (pdf->layout, align);
  pango_layout_set_text (pdf->layout, text, -1);

  ef_pdf_set_color (pdf, color);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, pdf->layout);
  pango_layout_get_size (pdf->layout, NULL, &height);
  return pango_units_to_double (height);
}

double
ef_pdf_text_right (EfPdf          *pdf,
                   double          right,
                   double          y,
                   double          width,
                   const char     *font,
                   const EfPdfRgb *color,
                   const char     *text)
{
  return ef_pdf_text_at (pdf, right - width, y, width, PANGO_ALIGN_RIGHT, font, color, text);
}

void
ef_pdf_paragraph (EfPdf          *pdf,
                  const char     *font,
                  const EfPdfRgb *color,
                  const char     *text,
                  double          gap)
{
  pdf->y += ef_pdf_text_at (pdf, MARGIN_X, pdf->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT,
                            font, color, text) + gap;
}

void
ef_pdf_hline (EfPdf          *pdf,
              double          x1,
              double          x2,
              double          y,
              double          width,
              const EfPdfRgb *color)
{
  ef_pdf_set_color (pdf, color);
  cairo_set_line_width (pdf->cr, width);
  cairo_move_to (pdf->cr, x1, y);
  cairo_line_to (pdf->cr, x2, y);
  cairo_stroke (pdf->cr);
}

void
ef_pdf_fill_rect (EfPdf          *pdf,
                  double          x,
                  double          y,
                  double          width,
                  double          height,
                  const EfPdfRgb *color)
{
  ef_pdf_set_color (pdf, color);
  cairo_rectangle (pdf->cr, x, y, width, height);
  cairo_fill (pdf->cr);
}

void
ef_pdf_stroke_rect (EfPdf          *pdf,
                    double          x,
                    double          y,
                    double          width,
                    double          height,
                    double          line_width,
                    const EfPdfRgb *color)
{
  ef_pdf_set_color (pdf, color);
  cairo_set_line_width (pdf->cr, line_width);
  cairo_rectangle (pdf->cr, x, y, width, height);
  cairo_stroke (pdf->cr);
}

gboolean
ef_pdf_ensure_space (EfPdf  *pdf,
                     double  needed)
{
  if (pdf->y + needed <= EF_PDF_PAGE_HEIGHT - EF_PDF_MARGIN_BOTTOM)
    return FALSE;
  draw_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN_TOP;
  ef_pdf_paragraph (pdf, FONT_FAMILY " Bold 10", &ef_pdf_accent, pdf->continued, 12);
  return TRUE;
}

void
ef_pdf_draw_table_head (EfPdf             *pdf,
                        double             height,
                        const EfPdfColumn *columns,
                        guint              n_columns)
{
  /* 8-point labels in the middle of the band. */
  double text_y = pdf->y + (height - 10) / 2;

  ef_pdf_fill_rect (pdf, MARGIN_X, pdf->y, CONTENT_WIDTH, height, &ef_pdf_band);
  for (guint i = 0; i < n_columns; i++)
    ef_pdf_text_at (pdf, columns[i].x, text_y, columns[i].width, columns[i].align,
                    FONT_FAMILY " Bold 8", &ef_pdf_accent, columns[i].label);
  pdf->y += height;
}

double
ef_pdf_draw_letterhead (EfPdf                 *pdf,
                        const EfPdfLetterhead *head)
{
  double left_y, right_y, box_x = MARGIN_X + CONTENT_WIDTH * head->box_x;
  double box_width = MARGIN_X + CONTENT_WIDTH - box_x;
  double label_width = head->label_width;

  /* The municipality, left. */
  ef_pdf_fill_rect (pdf, MARGIN_X, MARGIN_TOP, 4, 44, &ef_pdf_accent);
  left_y = MARGIN_TOP;
  left_y += ef_pdf_text_at (pdf, MARGIN_X + 12, left_y, CONTENT_WIDTH * head->left_width,
                            PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 16", &ef_pdf_accent,
                            head->municipality);
  if (head->subtitle != NULL)
    left_y += ef_pdf_text_at (pdf, MARGIN_X + 12, left_y + 2, CONTENT_WIDTH * head->left_width,
                              PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ef_pdf_ink, head->subtitle) + 2;
  left_y = MAX (left_y, MARGIN_TOP + 44) + 10;

  /* The document's name and facts, right. */
  right_y = MARGIN_TOP;
  right_y += ef_pdf_text_at (pdf, box_x, right_y, box_width, PANGO_ALIGN_RIGHT,
                             head->title_font, &ef_pdf_ink, head->title) + 6;
  for (guint i = 0; i < head->n_facts; i++)
    {
      ef_pdf_text_at (pdf, box_x, right_y, label_width, PANGO_ALIGN_LEFT,
                      FONT_FAMILY " 8.5", &ef_pdf_muted, head->labels[i]);
      right_y += ef_pdf_text_at (pdf, box_x + label_width, right_y, box_width - label_width,
                                 PANGO_ALIGN_RIGHT,
                                 i == 0 ? FONT_FAMILY " Bold 8.5" : FONT_FAMILY " 8.5",
                                 &ef_pdf_ink, head->values[i]) + 3;
    }
  return MAX (left_y, right_y);
}

void
ef_pdf_draw_addressee (EfPdf      *pdf,
                       double      x,
                       double      width,
                       const char *caption,
                       const char *family_name,
                       const char *address)
{
  g_autofree char *text = g_strdup_printf ("%s\n%s", family_name, address);

  ef_pdf_text_at (pdf, x, pdf->y, width, PANGO_ALIGN_LEFT, FONT_FAMILY " 7", &ef_pdf_muted, caption);
  pdf->y += 11;
  pdf->y += ef_pdf_text_at (pdf, x, pdf->y, width, PANGO_ALIGN_LEFT, FONT_FAMILY " 10", &ef_pdf_ink,
                            text);
}

void
ef_pdf_draw_contact (EfPdf      *pdf,
                     const char *contact)
{
  ef_pdf_paragraph (pdf, FONT_FAMILY " Bold 8.5", &ef_pdf_ink,
                    "Nous contacter, horaires d’ouverture", 3);
  ef_pdf_paragraph (pdf, FONT_FAMILY " 8", &ef_pdf_muted, contact, 6);
}
