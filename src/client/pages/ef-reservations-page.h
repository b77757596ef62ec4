/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservations-page.h: Mes réservations, the children's plannings */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"
#include "widgets/ef-reservation-calendar.h"

G_BEGIN_DECLS

#define EF_TYPE_RESERVATIONS_PAGE (ef_reservations_page_get_type ())
G_DECLARE_FINAL_TYPE (EfReservationsPage, ef_reservations_page, EF, RESERVATIONS_PAGE, EfPage)

GtkWidget             *ef_reservations_page_new              (EfClient           *client);
void                   ef_reservations_page_reload           (EfReservationsPage *self);

/* "loading", "calendar", "empty" or "error" */
const char            *ef_reservations_page_get_state        (EfReservationsPage *self);
/* How many times the plannings were read, for waiting on a reload. */
guint                  ef_reservations_page_get_n_loads      (EfReservationsPage *self);
gboolean               ef_reservations_page_get_saving       (EfReservationsPage *self);

EfReservationCalendar *ef_reservations_page_get_calendar     (EfReservationsPage *self);
EfPendingChanges      *ef_reservations_page_get_pending      (EfReservationsPage *self);
EfPlanning            *ef_reservations_page_get_planning     (EfReservationsPage *self,
                                                              gint64              member_id);

gint64                 ef_reservations_page_get_child        (EfReservationsPage *self);
gboolean               ef_reservations_page_set_child        (EfReservationsPage *self,
                                                              gint64              member_id);
/* The other children the same changes are applied to. */
void                   ef_reservations_page_set_apply_to     (EfReservationsPage *self,
                                                              gint64              member_id,
                                                              gboolean            apply);

guint                  ef_reservations_page_reserve_weekdays (EfReservationsPage *self,
                                                              guint               weekdays,
                                                              EfDay               first_day,
                                                              EfDay               last_day);
void                   ef_reservations_page_save             (EfReservationsPage *self);

const char            *ef_reservations_page_get_summary      (EfReservationsPage *self);
/* The changes the portal refused at the last save (EfReservationChange). */
GListModel            *ef_reservations_page_get_refused      (EfReservationsPage *self);
/* The text of the error bar, or NULL when it is hidden. */
const char            *ef_reservations_page_get_error        (EfReservationsPage *self);
/* What the banner says of the changes an earlier run kept, or NULL. */
const char            *ef_reservations_page_get_kept         (EfReservationsPage *self);
/* The last toast the page showed. */
const char            *ef_reservations_page_get_message      (EfReservationsPage *self);

G_END_DECLS
