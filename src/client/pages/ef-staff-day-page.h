/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-day-page.h: a staff page that shows one day of the town */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "pages/ef-page.h"
#include "widgets/ef-day-switcher.h"

G_BEGIN_DECLS

#define EF_TYPE_STAFF_DAY_PAGE (ef_staff_day_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (EfStaffDayPage, ef_staff_day_page, EF, STAFF_DAY_PAGE, EfPage)

struct _EfStaffDayPageClass
{
  EfPageClass parent_class;

  /* Starts loading what @day shows, for @cancellable (the day's load). */
  void (*load_day) (EfStaffDayPage *self,
                    EfDay           day,
                    GCancellable   *cancellable);
};

EfDay ef_staff_day_page_get_day       (EfStaffDayPage *self);
void  ef_staff_day_page_set_day       (EfStaffDayPage *self,
                                       EfDay           day);

/* For subclasses */
void  _ef_staff_day_page_follow       (EfStaffDayPage *self,
                                       EfDaySwitcher  *day_switcher,
                                       GtkLabel       *status_label);
void  _ef_staff_day_page_reload       (EfStaffDayPage *self);

G_END_DECLS
