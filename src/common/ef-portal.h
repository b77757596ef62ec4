/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-portal.h: what a tenant (municipality) says about itself */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "ef-deadline.h"
#include "ef-types.h"

G_BEGIN_DECLS

#define EF_TYPE_SERVICE (ef_service_get_type ())
G_DECLARE_FINAL_TYPE (EfService, ef_service, EF, SERVICE, GObject)

EfService  *ef_service_new             (const char *id,
                                        const char *name,
                                        const char *description);
const char *ef_service_get_id          (EfService  *self);
const char *ef_service_get_name        (EfService  *self);
const char *ef_service_get_description (EfService  *self);

#define EF_TYPE_PORTAL (ef_portal_get_type ())
G_DECLARE_FINAL_TYPE (EfPortal, ef_portal, EF, PORTAL, GObject)

/* Properties: "id", "name", "contact" (multi-line text), "time-zone"
 * (identifier string), "services" (GListModel of EfService). */
EfPortal               *ef_portal_new                 (const char             *id,
                                                       const char             *name,
                                                       const char             *contact,
                                                       const char             *time_zone);
const char             *ef_portal_get_id              (EfPortal               *self);
const char             *ef_portal_get_name            (EfPortal               *self);
const char             *ef_portal_get_contact         (EfPortal               *self);
const char             *ef_portal_get_time_zone       (EfPortal               *self);
const EfDeadlinePolicy *ef_portal_get_deadline_policy (EfPortal               *self);
void                    ef_portal_set_deadline_policy (EfPortal               *self,
                                                       const EfDeadlinePolicy *policy);
GListModel             *ef_portal_get_services        (EfPortal               *self);
GDateTime              *ef_portal_get_now             (EfPortal               *self);
void                    ef_portal_set_now             (EfPortal               *self,
                                                       GDateTime              *now);
void                    ef_portal_add_service         (EfPortal               *self,
                                                       EfService              *service);

/* The JSON of GET /{tenant}/api/v1/portal:
 * {"id", "name", "contact", "time_zone", "deadline_policy": {...},
 *  "services": [{"id", "name", "description"}], "now"}, "now" being the
 * server's clock when it answered (optional when read). */
JsonNode               *ef_portal_to_json             (EfPortal               *self);
EfPortal               *ef_portal_new_from_json       (JsonNode               *node,
                                                       GError                **error);

G_END_DECLS
