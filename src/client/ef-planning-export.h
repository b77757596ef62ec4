/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning-export.h: a child's planning as an iCalendar file or a printable PDF */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "models/ef-planning.h"

G_BEGIN_DECLS

GBytes *ef_planning_export_icalendar  (EfPlanning          *planning,
                                       const char          *child_name,
                                       const char          *portal_name,
                                       GDateTime           *now);

void    ef_planning_export_pdf_async  (EfPlanning          *planning,
                                       const char          *child_name,
                                       const char          *portal_name,
                                       EfDay                first,
                                       EfDay                last,
                                       GDateTime           *now,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes *ef_planning_export_pdf_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
