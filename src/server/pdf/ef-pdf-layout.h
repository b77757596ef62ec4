/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pdf-layout.h: what the municipality's PDF documents share
 *
 * The invoice, the receipt and the daily lists are drawn the same way:
 * A4 portrait, the same frame, colours and font, a footer with the page's
 * number, a heading repeated on the pages that continue a document, and
 * fixed metadata so that the same data always gives the same bytes.
 */

#pragma once

#include <gio/gio.h>
#include <cairo.h>
#include <pango/pango.h>

#include "ef-common.h"

G_BEGIN_DECLS

/* A4 in points, and the page's frame. */
#define EF_PDF_PAGE_WIDTH    595.28
#define EF_PDF_PAGE_HEIGHT   841.89
#define EF_PDF_MARGIN_X      48.0
#define EF_PDF_MARGIN_TOP    44.0
#define EF_PDF_MARGIN_BOTTOM 56.0
#define EF_PDF_CONTENT_WIDTH (EF_PDF_PAGE_WIDTH - 2 * EF_PDF_MARGIN_X)

/* The family of every font description ("DejaVu Sans Bold 10"). */
#define EF_PDF_FONT "DejaVu Sans"

typedef struct {
  double r, g, b;
} EfPdfRgb;

extern const EfPdfRgb ef_pdf_ink;
extern const EfPdfRgb ef_pdf_muted;
extern const EfPdfRgb ef_pdf_accent;
extern const EfPdfRgb ef_pdf_rule;
extern const EfPdfRgb ef_pdf_band;
extern const EfPdfRgb ef_pdf_white;

/**
 * EfPdf:
 * @cr, @layout: where to draw, and the one layout every text goes through
 * @footer: the start of each page's footer, before " — page N"
 * @continued: the heading of the pages after the first
 * @data: the document's data, as given to ef_pdf_render()
 * @y: where the next block goes on the current page
 * @page: the current page, from 1
 */
typedef struct {
  cairo_t       *cr;
  PangoLayout   *layout;
  const char    *footer;
  const char    *continued;
  gconstpointer  data;
  double         y;
  int            page;
} EfPdf;

typedef void (*EfPdfDrawFunc) (EfPdf *pdf);

/* A PDF of the pages that @draw draws (from y = top margin) with
 * pdf->data = @data, then the last page's footer. Its metadata are fixed:
 * @title, @author, and @day (1 January 2000 when invalid) as its dates. */
GBytes  *ef_pdf_render            (const char     *title,
                                   const char     *author,
                                   EfDay           day,
                                   const char     *footer,
                                   const char     *continued,
                                   EfPdfDrawFunc   draw,
                                   gconstpointer   data,
                                   GError        **error);

typedef GBytes *(*EfPdfRenderFunc) (gconstpointer data, GError **error);

/* Runs @render (@data) in a worker thread, which owns @data and frees it
 * with @free_data; the result is for g_task_propagate_pointer(). */
void     ef_pdf_render_in_thread  (gpointer             source_tag,
                                   EfPdfRenderFunc      render,
                                   gpointer             data,
                                   GDestroyNotify       free_data,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);

/* "31/03/2026", or "" for an invalid day. */
char    *ef_pdf_format_day        (EfDay           day);

void     ef_pdf_set_color         (EfPdf          *pdf,
                                   const EfPdfRgb *color);

/* Draws @text at (@x, @y) in a box @width wide (0: no wrapping) aligned
 * @align; returns the height it took. */
double   ef_pdf_text_at           (EfPdf          *pdf,
                                   double          x,
                                   double          y,
                                   double          width,
                                   PangoAlignment  align,
                                   const char     *font,
                                   const EfPdfRgb *color,
                                   const char     *text);
/* The same, right-aligned in a box @width wide that ends at @right. */
double   ef_pdf_text_right        (EfPdf          *pdf,
                                   double          right,
                                   double          y,
                                   double          width,
                                   const char     *font,
                                   const EfPdfRgb *color,
                                   const char     *text);
/* @text across the content's width at pdf->y, which moves below it and
 * @gap more. */
void     ef_pdf_paragraph         (EfPdf          *pdf,
                                   const char     *font,
                                   const EfPdfRgb *color,
                                   const char     *text,
                                   double          gap);

void     ef_pdf_hline             (EfPdf          *pdf,
                                   double          x1,
                                   double          x2,
                                   double          y,
                                   double          width,
                                   const EfPdfRgb *color);
void     ef_pdf_fill_rect         (EfPdf          *pdf,
                                   double          x,
                                   double          y,
                                   double          width,
                                   double          height,
                                   const EfPdfRgb *color);
void     ef_pdf_stroke_rect       (EfPdf          *pdf,
                                   double          x,
                                   double          y,
                                   double          width,
                                   double          height,
                                   double          line_width,
                                   const EfPdfRgb *color);

/* Starts a new page (footer, then the continued heading) when less than
 * @needed points are left; TRUE if it did. */
gboolean ef_pdf_ensure_space      (EfPdf          *pdf,
                                   double          needed);

/**
 * EfPdfColumn:
 * @label: the column's heading
 * @x, @width, @align: its box, as for ef_pdf_text_at()
 */
typedef struct {
  const char     *label;
  double          x;
  double          width;
  PangoAlignment  align;
} EfPdfColumn;

/* A table's heading: a band @height high at pdf->y with the columns'
 * labels 5 points (4 when lower than 20) from its top; pdf->y moves below
 * it. */
void     ef_pdf_draw_table_head   (EfPdf             *pdf,
                                   double             height,
                                   const EfPdfColumn *columns,
                                   guint              n_columns);

/**
 * EfPdfLetterhead:
 * @municipality, @subtitle: the issuer, left, with an accent bar; @subtitle
 *   may be NULL
 * @left_width: the share of the content's width the issuer takes
 * @title, @title_font: the document's name, right
 * @box_x: where the right column starts, as a share of the content's width
 * @label_width: the width of the facts' labels
 * @labels, @values, @n_facts: the document's facts, under its name
 */
typedef struct {
  const char         *municipality;
  const char         *subtitle;
  double              left_width;
  const char         *title;
  const char         *title_font;
  double              box_x;
  double              label_width;
  const char * const *labels;
  const char * const *values;
  guint               n_facts;
} EfPdfLetterhead;

/* Draws the letterhead at the top of the page; returns the lowest point it
 * drew, facts included. */
double   ef_pdf_draw_letterhead   (EfPdf                 *pdf,
                                   const EfPdfLetterhead *letterhead);

/* A small @caption ("Adressée à") and the family's name and address under
 * it, in a box at @x; pdf->y moves below them. */
void     ef_pdf_draw_addressee    (EfPdf          *pdf,
                                   double          x,
                                   double          width,
                                   const char     *caption,
                                   const char     *family_name,
                                   const char     *address);

/* "Nous contacter, horaires d’ouverture" and the municipality's @contact
 * text; pdf->y moves below them. */
void     ef_pdf_draw_contact      (EfPdf          *pdf,
                                   const char     *contact);

G_END_DECLS
