/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-application.h: the Espace Famille application */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"
#include "ef-demo-server.h"

G_BEGIN_DECLS

#define EF_TYPE_APPLICATION (ef_application_get_type ())
G_DECLARE_FINAL_TYPE (EfApplication, ef_application, EF, APPLICATION, AdwApplication)

EfApplication *ef_application_new             (void);
EfClient      *ef_application_get_client      (EfApplication *self);
GSettings     *ef_application_get_settings    (EfApplication *self);
gboolean       ef_application_get_kiosk       (EfApplication *self);
EfDemoServer  *ef_application_get_demo_server (EfApplication *self);

G_END_DECLS
