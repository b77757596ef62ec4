/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-page.h: what every page of the portal's content shares */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

#define EF_TYPE_PAGE (ef_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (EfPage, ef_page, EF, PAGE, GtkWidget)

struct _EfPageClass
{
  GtkWidgetClass parent_class;
};

EfClient     *ef_page_get_client         (EfPage     *self);
const char   *ef_page_get_title          (EfPage     *self);
GCancellable *ef_page_get_cancellable    (EfPage     *self);

/* For subclasses */
void          ef_page_set_title          (EfPage     *self,
                                          const char *title);
GCancellable *ef_page_renew_cancellable  (EfPage     *self);

G_END_DECLS
