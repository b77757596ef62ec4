/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-town.h: a town's own settings as one whole, read and written
 * together (the `configure` command)
 */

#pragma once

#include <glib.h>

#include "ef-common.h"
#include "ef-store.h"
#include "ef-store-planning.h"

G_BEGIN_DECLS

/**
 * EfTownService:
 * @invoice_prefix: (nullable): the prefix of its invoice numbers; %NULL
 *   for the default (the id's first three characters)
 */
typedef struct {
  char *id;
  char *name;
  char *description;
  char *invoice_prefix;
} EfTownService;

/**
 * EfSite:
 * @code: stable, unique in the tenant ("ecole-lacaou")
 * @name: what families read ("École du Lacaou")
 * @address: "" when not given
 */
typedef struct {
  char *code;
  char *name;
  char *address;
} EfSite;

/**
 * EfTown:
 * @public_url: (nullable): the portal's public address
 * @mail_from: (nullable): the sender of the mails
 * @due_days: days from an invoice's issue to its due day
 * @online_payment: whether families may pay online
 * @iban: (nullable): the bank account for transfers
 * @bic: (nullable): its bank
 * @bill_overrides: whether the days an agent reserved past the deadline
 *   are billed, when the agent did not say
 * @email_reminders: whether parents may ask for reminders by e-mail
 *   (deadlines, invoices soon due), which `remind` sends
 * @school_years: of EfSchoolYear, by first day
 * @closed_days: of EfClosedDay, by day
 * @services: of EfTownService, in the portal's order
 * @sites: of EfSite, by code
 * @activities: of EfActivity (with prices, sites and school years), by code
 *
 * Everything a town sets for itself, apart from its families and their
 * data, its school holidays (import-calendar) and its online payment
 * provider (payfip).
 */
typedef struct {
  char             *name;
  char             *contact;
  char             *time_zone;
  char             *public_url;
  char             *mail_from;
  EfDeadlinePolicy  deadline;
  guint             due_days;
  gboolean          online_payment;
  char             *iban;
  char             *bic;
  gboolean          bill_overrides;
  gboolean          email_reminders;
  GPtrArray        *school_years;
  GPtrArray        *closed_days;
  GPtrArray        *services;
  GPtrArray        *sites;
  GPtrArray        *activities;
} EfTown;

void           ef_town_service_free           (EfTownService *service);
void           ef_site_free                   (EfSite        *site);

/* Defaults: Europe/Paris, the tutorial's deadline rule, invoices due in
 * 30 days, online payment on, overrides billed, nothing else. */
EfTown        *ef_town_new                    (void);
void           ef_town_free                   (EfTown        *town);

/* The settings of @tenant_id, read in one transaction (the caller's, if
 * one is open); EF_API_ERROR_UNKNOWN_TENANT if none. */
EfTown        *ef_store_load_town             (EfStore       *self,
                                               const char    *tenant_id,
                                               GError       **error);

/* Makes @tenant_id's settings those of @town in one transaction, creating
 * the tenant if it does not exist: what @town does not hold any more is
 * deleted. The caller checked @town and that what goes has no history
 * (ef_store_get_activity_history() …); the foreign keys refuse the rest,
 * and then nothing changes. Inside the caller's write transaction
 * (ef_store_begin_write()) when there is one. */
gboolean       ef_store_apply_town            (EfStore       *self,
                                               const char    *tenant_id,
                                               const EfTown  *town,
                                               GError       **error);

/**
 * EfHistory:
 *
 * What refers to an activity or a service: what may not be lost.
 */
typedef struct {
  guint n_enrolments;
  guint n_reservations;
  guint n_invoice_lines;
  guint n_invoices;
  guint n_billing_runs;
} EfHistory;

#define ef_history_is_empty(h) \
  ((h)->n_enrolments == 0 && (h)->n_reservations == 0 && (h)->n_invoice_lines == 0 && \
   (h)->n_invoices == 0 && (h)->n_billing_runs == 0)

/* The enrolments, reservations and invoice lines of the activity @code. */
gboolean       ef_store_get_activity_history  (EfStore       *self,
                                               const char    *tenant_id,
                                               const char    *code,
                                               EfHistory     *history,
                                               GError       **error);
/* The invoices and billing runs of the service @service_id. */
gboolean       ef_store_get_service_history   (EfStore       *self,
                                               const char    *tenant_id,
                                               const char    *service_id,
                                               EfHistory     *history,
                                               GError       **error);
/* The months ("YYYY-MM", in order) already billed for @service_id. */
GStrv          ef_store_list_billed_months    (EfStore       *self,
                                               const char    *tenant_id,
                                               const char    *service_id,
                                               GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfTownService, ef_town_service_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfSite, ef_site_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfTown, ef_town_free)

G_END_DECLS
