/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-receipt.c: a payment's receipt, shown in an EfPdfView
 *
 * The counter and the takings show a payment's receipt the same way: the
 * PDF asked of the portal, read off the main thread, then shown in the
 * view, named after the receipt's number for saving. A failure comes
 * back with a message for the agent.
 */

#define G_LOG_DOMAIN "EfStaffReceipt"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-staff-receipt.h"
#include "pdf/ef-pdf-document.h"

typedef struct
{
  EfPdfView *view;
  char      *number;
} Receipt;

static void
receipt_free (Receipt *receipt)
{
  g_clear_object (&receipt->view);
  g_free (receipt->number);
  g_free (receipt);
}

static void
on_document_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Receipt *receipt = g_task_get_task_data (task);
  g_autoptr (EfPdfDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  document = ef_pdf_document_new_finish (result, &error);
  if (document == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                                 _("The receipt could not be shown. Try again."));
      return;
    }

  /* Translators: the file name of a receipt; %s is its number */
  name = g_strdup_printf (_("receipt-%s.pdf"), receipt->number);
  ef_pdf_view_set_suggested_name (receipt->view, name);
  ef_pdf_view_set_document (receipt->view, document);
  gtk_widget_set_visible (GTK_WIDGET (receipt->view), TRUE);
  g_task_return_boolean (task, TRUE);
}

static void
on_pdf_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;

  bytes = ef_client_get_receipt_pdf_finish (EF_CLIENT (source), result, &error);
  if (bytes == NULL)
    {
      /* The same error, with the message to show. */
      g_task_return_new_error (task, error->domain, error->code, "%s",
                               ef_client_error_get_user_message (error));
      return;
    }
  ef_pdf_document_new_async (bytes, g_task_get_cancellable (task), on_document_cb,
                             g_object_ref (task));
}

/*
 * _ef_staff_receipt_show_async:
 * @client: the agent's client
 * @payment: a payment with a receipt
 * @view: where the receipt shows
 *
 * Asks for @payment's receipt and shows it in @view.
 */
void
_ef_staff_receipt_show_async (EfClient            *client,
                              EfStaffPayment      *payment,
                              EfPdfView           *view,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  Receipt *receipt;

  g_return_if_fail (EF_IS_CLIENT (client));
  g_return_if_fail (EF_IS_STAFF_PAYMENT (payment));
  g_return_if_fail (EF_IS_PDF_VIEW (view));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ef_staff_receipt_show_async);
  receipt = g_new0 (Receipt, 1);
  receipt->view = g_object_ref (view);
  receipt->number = g_strdup (ef_staff_payment_get_receipt_number (payment));
  g_task_set_task_data (task, receipt, (GDestroyNotify) receipt_free);

  ef_client_get_receipt_pdf_async (client, ef_staff_payment_get_id (payment), cancellable,
                                   on_pdf_cb, g_steal_pointer (&task));
}

/*
 * _ef_staff_receipt_show_finish:
 *
 * Returns: %TRUE once the receipt shows; else %FALSE with @error, whose
 *   message is for the agent (or that tells of a cancellation)
 */
gboolean
_ef_staff_receipt_show_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
