/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-receipt.h: a payment's receipt, shown in an EfPdfView */

#pragma once

#include "api/ef-client.h"
#include "widgets/ef-pdf-view.h"

G_BEGIN_DECLS

void     _ef_staff_receipt_show_async  (EfClient            *client,
                                        EfStaffPayment      *payment,
                                        EfPdfView           *view,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean _ef_staff_receipt_show_finish (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
