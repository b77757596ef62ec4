/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-pdf.h: the town hall's documents for its staff — the receipt of
 * a payment taken at the counter, and the daily lists of who is expected */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"

G_BEGIN_DECLS

/**
 * EfReceiptLine:
 * @number: the invoice's number
 * @label: what it invoices ("Éducation — octobre 2026")
 * @paid: what the payment paid of it
 * @balance: what is still due on it now
 */
typedef struct {
  char    *number;
  char    *label;
  EfCents  paid;
  EfCents  balance;
} EfReceiptLine;

/**
 * EfReceiptPdf:
 * @municipality, @contact: the tenant's name and contact text
 * @family_name, @address: who paid, one address line per line
 * @receipt_number: "R2026-00001"
 * @day: the day it was paid, in the tenant's zone (the PDF's date)
 * @paid_at: when, as the town writes it ("08/10/2026 à 10 h 30")
 * @method: how ("Espèces", "Chèque n° 1234567"…)
 * @agent_name: (nullable): who took it
 * @amount: the whole amount
 * @lines: of EfReceiptLine
 * @cancelled: (nullable): for a cancelled payment, when and why
 *
 * Everything the receipt shows, owned, so that it can be drawn in a worker
 * thread.
 */
typedef struct {
  char      *municipality;
  char      *contact;
  char      *family_name;
  char      *address;
  char      *receipt_number;
  EfDay      day;
  char      *paid_at;
  char      *method;
  char      *agent_name;
  EfCents    amount;
  GPtrArray *lines;
  char      *cancelled;
} EfReceiptPdf;

EfReceiptPdf *ef_receipt_pdf_new           (void);
void          ef_receipt_pdf_free          (EfReceiptPdf *pdf);
/* Adds a line; the strings are copied. */
void          ef_receipt_pdf_add_line      (EfReceiptPdf *pdf,
                                            const char   *number,
                                            const char   *label,
                                            EfCents       paid,
                                            EfCents       balance);

/**
 * EfListPdf:
 * @municipality: the tenant's name
 * @title: "Liste du jeudi 8 octobre 2026"
 * @day_label: "jeudi 8 octobre 2026"
 * @day: the list's day (the PDF's date)
 * @sections: of EfListSection
 *
 * The daily list of who is expected, activity by activity, site by site.
 */
typedef struct {
  char      *municipality;
  char      *title;
  char      *day_label;
  EfDay      day;
  GPtrArray *sections;
} EfListPdf;

/**
 * EfListSection:
 * @heading: "Restauration scolaire — Restaurant scolaire de l’école"
 * @note: (nullable): why nobody is expected ("Fermé : Grève")
 * @rows: of GStrv, each {last name, first name, family, mark}
 */
typedef struct {
  char      *heading;
  char      *note;
  GPtrArray *rows;
} EfListSection;

EfListPdf     *ef_list_pdf_new             (void);
void           ef_list_pdf_free            (EfListPdf  *pdf);
/* A new section at the end of @pdf (owned by it). */
EfListSection *ef_list_pdf_add_section     (EfListPdf  *pdf,
                                            const char *heading,
                                            const char *note);
void           ef_list_section_add_row     (EfListSection *section,
                                            const char    *last_name,
                                            const char    *first_name,
                                            const char    *family,
                                            const char    *mark);

/* Draw them on A4 with cairo and pango: the same data gives the same
 * bytes. The texts are the town's fixed French, like the invoice's. */
GBytes  *ef_receipt_pdf_render       (const EfReceiptPdf  *pdf,
                                      GError             **error);
GBytes  *ef_list_pdf_render          (const EfListPdf     *pdf,
                                      GError             **error);

/* The same in a worker thread; they take ownership of @pdf. */
void     ef_receipt_pdf_render_async (EfReceiptPdf        *pdf,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void     ef_list_pdf_render_async    (EfListPdf           *pdf,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GBytes  *ef_staff_pdf_render_finish  (GAsyncResult        *result,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfReceiptPdf, ef_receipt_pdf_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfListPdf, ef_list_pdf_free)

G_END_DECLS
