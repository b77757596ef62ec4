/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-page-text.h: dates, periods and amounts in words, for the pages */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "models/ef-address.h"
#include "models/ef-model-enums.h"

G_BEGIN_DECLS

char        *_ef_page_text_day              (EfDay            day,
                                             gboolean         with_year);
char        *_ef_page_text_instant          (GDateTime       *instant);
char        *_ef_page_text_period           (EfDay            first_day,
                                             EfDay            last_day);
char        *_ef_page_text_deadline         (EfDay            day,
                                             GDateTime       *deadline);
char        *_ef_page_text_week             (EfDay            monday);
char        *_ef_page_text_month            (EfDay            first_day);
const char  *_ef_page_text_payment_channel  (EfPaymentChannel channel);
const char  *_ef_page_text_payment_status   (EfPaymentStatus  status);
const char  *_ef_page_text_member_role      (EfMemberRole     role);
const char  *_ef_page_text_phone_kind       (EfPhoneKind      kind);
char        *_ef_page_text_address          (EfAddress       *address,
                                             const char      *separator);
GDateTime   *_ef_page_text_to_portal_time   (GDateTime       *instant);
gboolean     _ef_page_result_cancelled      (GAsyncResult    *result,
                                             const GError    *error);

G_END_DECLS
