/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server-routes.c: the API's routes, in one table
 *
 * docs/openapi.yaml documents exactly these routes; test-openapi-routes
 * keeps the two equal.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "handlers/ef-auth-handler.h"
#include "handlers/ef-billing-handler.h"
#include "handlers/ef-family-handler.h"
#include "handlers/ef-health-handler.h"
#include "handlers/ef-payment-handler.h"
#include "handlers/ef-planning-handler.h"
#include "handlers/ef-portal-handler.h"
#include "handlers/ef-reminders-handler.h"
#include "handlers/ef-devices-handler.h"
#include "handlers/ef-staff-handler.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "payfip/ef-payfip-simulator.h"
#include "ef-server.h"

/* The test clock, bounded like every day the API reads (2000–2100):
 * dates near year 9999 overflow GDateTime as soon as the server adds a
 * day to "now". The clock itself is set by ef_auth_handler_set_test_clock;
 * this only refuses, with 422 invalid_field, an instant out of bounds. */
static void
set_test_clock_bounded (SoupServerMessage *msg,
                        GHashTable        *params,
                        gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  if (ef_server_has_test_clock (EF_SERVER (user_data)) && content_type != NULL &&
      g_ascii_strcasecmp (content_type, "application/json") == 0)
    {
      g_autoptr(JsonObject) body = ef_request_read_json_object (msg, NULL);
      JsonNode *node = body ? json_object_get_member (body, "now") : NULL;
      const char *text = node && JSON_NODE_HOLDS_VALUE (node) &&
                         json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;
      g_autoptr(GDateTime) now = text ? ef_instant_parse_iso (text, NULL) : NULL;

      if (now != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (now);
          int year = g_date_time_get_year (utc);

          if (year < EF_REQUEST_FIRST_YEAR || year > EF_REQUEST_LAST_YEAR)
            {
              g_autofree char *message = g_strdup_printf ("'now' must be an instant from %d to %d",
                                                          EF_REQUEST_FIRST_YEAR,
                                                          EF_REQUEST_LAST_YEAR);

              ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, message);
              return;
            }
        }
    }
  ef_auth_handler_set_test_clock (msg, params, user_data);
}

static const struct {
  const char     *method;
  const char     *pattern;
  EfRouteHandler  handler;
} routes[] = {
  { "GET", "/{tenant}/api/v1/portal", ef_portal_handler_get },
  { "POST", "/{tenant}/api/v1/auth/invitations/{token}", ef_auth_handler_accept_invitation },
  { "POST", "/{tenant}/api/v1/auth/login", ef_auth_handler_login },
  { "POST", "/{tenant}/api/v1/auth/device", ef_auth_handler_sign_in_device },
  { "POST", "/{tenant}/api/v1/auth/device/forget", ef_auth_handler_forget_device },
  { "POST", "/{tenant}/api/v1/auth/logout", ef_auth_handler_logout },
  { "GET", "/{tenant}/api/v1/auth/session", ef_auth_handler_get_session },
  { "POST", "/{tenant}/api/v1/auth/password-reset", ef_auth_handler_request_reset },
  { "POST", "/{tenant}/api/v1/auth/password-reset/{token}", ef_auth_handler_reset_password },
  { "GET", "/{tenant}/api/v1/family", ef_family_handler_get },
  { "PATCH", "/{tenant}/api/v1/members/{id}", ef_family_handler_patch_member },
  { "GET", "/{tenant}/api/v1/account/reminders", ef_reminders_handler_get },
  { "PUT", "/{tenant}/api/v1/account/reminders", ef_reminders_handler_put },
  { "GET", "/{tenant}/api/v1/account/devices", ef_devices_handler_list },
  { "DELETE", "/{tenant}/api/v1/account/devices/{id}", ef_devices_handler_forget },
  /* Test-only: answers 404 unless the server runs with --test-clock. */
  { "PUT", "/{tenant}/api/v1/_test/clock", set_test_clock_bounded },
  { "GET", "/{tenant}/api/v1/members/{id}/enrolments", ef_planning_handler_get_enrolments },
  { "GET", "/{tenant}/api/v1/members/{id}/planning", ef_planning_handler_get_planning },
  { "POST", "/{tenant}/api/v1/reservations", ef_planning_handler_post_reservations },
  { "GET", "/{tenant}/api/v1/invoices", ef_billing_handler_list_invoices },
  { "GET", "/{tenant}/api/v1/invoices/{id}", ef_billing_handler_get_invoice },
  { "GET", "/{tenant}/api/v1/invoices/{id}/pdf", ef_billing_handler_get_invoice_pdf },
  { "GET", "/{tenant}/api/v1/finance", ef_billing_handler_get_finance },
  { "GET", "/{tenant}/api/v1/history/connections", ef_billing_handler_get_connections },
  { "GET", "/{tenant}/api/v1/history/payments", ef_billing_handler_get_payments },
  /* Online payment (PayFiP flow); urlnotif and urlredirect need no session. */
  { "GET", "/{tenant}/api/v1/payments", ef_payment_handler_list },
  { "POST", "/{tenant}/api/v1/payments", ef_payment_handler_create },
  { "GET", "/{tenant}/api/v1/payments/{id}", ef_payment_handler_get },
  { "POST", "/{tenant}/api/v1/payfip/notifications", ef_payment_handler_notify },
  { "GET", "/{tenant}/api/v1/payfip/return", ef_payment_handler_return_page },
  /* The town hall's back office: staff sessions only. */
  { "GET", "/{tenant}/api/v1/staff/families", ef_staff_handler_search_families },
  { "GET", "/{tenant}/api/v1/staff/families/{id}", ef_staff_handler_get_family },
  { "GET", "/{tenant}/api/v1/staff/families/{id}/audit", ef_staff_handler_get_audit },
  { "POST", "/{tenant}/api/v1/staff/families/{id}/session", ef_staff_handler_open_family_session },
  { "POST", "/{tenant}/api/v1/staff/families/{id}/enrolments", ef_staff_handler_create_enrolment },
  { "POST", "/{tenant}/api/v1/staff/families/{id}/reservations", ef_staff_handler_post_reservations },
  { "POST", "/{tenant}/api/v1/staff/families/{id}/payments", ef_staff_handler_record_payment },
  { "PATCH", "/{tenant}/api/v1/staff/members/{id}", ef_staff_handler_patch_member },
  { "GET", "/{tenant}/api/v1/staff/members/{id}/planning", ef_staff_handler_get_planning },
  { "POST", "/{tenant}/api/v1/staff/members/{id}/invitation", ef_staff_handler_invite_member },
  { "POST", "/{tenant}/api/v1/staff/members/{id}/unlock", ef_staff_handler_unlock_member },
  { "POST", "/{tenant}/api/v1/staff/enrolments/{id}/end", ef_staff_handler_end_enrolment },
  { "GET", "/{tenant}/api/v1/staff/payments", ef_staff_handler_get_day_payments },
  { "GET", "/{tenant}/api/v1/staff/payments/{id}/receipt", ef_staff_handler_get_receipt },
  { "POST", "/{tenant}/api/v1/staff/payments/{id}/cancel", ef_staff_handler_cancel_payment },
  { "GET", "/{tenant}/api/v1/staff/lists/attendance", ef_staff_handler_get_attendance },
  /* For the service manager and the monitoring: no tenant, no session. */
  { "GET", "/healthz", ef_health_handler_get },
  /* The PayFiP simulator, which stands for the provider. */
  { "GET", "/_payfip/tpa/paiementws.web", ef_payfip_simulator_handle_page },
  { "POST", "/_payfip/tpa/paiementws.web", ef_payfip_simulator_handle_submit },
};

void
ef_server_install_routes (EfRouter *router,
                          EfServer *server)
{
  g_return_if_fail (router != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    ef_router_add (router, routes[i].method, routes[i].pattern, routes[i].handler, server);
}
