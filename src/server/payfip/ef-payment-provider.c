/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-provider.c: the online card payment provider (PayFiP) */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-payment-provider.h"

#define OBJET_MAX_LENGTH 100

G_DEFINE_INTERFACE (EfPaymentProvider, ef_payment_provider, G_TYPE_OBJECT)

static void
ef_payment_provider_default_init (EfPaymentProviderInterface *iface)
{
}

void
ef_payfip_params_free (EfPayfipParams *params)
{
  if (params == NULL)
    return;
  g_free (params->numcli);
  g_free (params->exer);
  g_free (params->refdet);
  g_free (params->objet);
  g_free (params->mel);
  g_free (params->urlnotif);
  g_free (params->urlredirect);
  g_free (params->saisie);
  g_free (params);
}

void
ef_payfip_operation_free (EfPayfipOperation *operation)
{
  if (operation == NULL)
    return;
  g_free (operation->idop);
  g_free (operation->url);
  g_free (operation);
}

void
ef_payfip_result_free (EfPayfipResult *result)
{
  if (result == NULL)
    return;
  g_free (result->idop);
  g_free (result->resultrans);
  g_free (result->refdet);
  g_free (result->numcli);
  g_free (result);
}

EfPayfipOutcome
ef_payfip_outcome_from_resultrans (const char *resultrans)
{
  if (resultrans == NULL)
    return EF_PAYFIP_OUTCOME_NONE;
  if (g_str_equal (resultrans, "P") || g_str_equal (resultrans, "V"))
    return EF_PAYFIP_OUTCOME_PAID;
  if (g_str_equal (resultrans, "R") || g_str_equal (resultrans, "Z"))
    return EF_PAYFIP_OUTCOME_REFUSED;
  if (g_str_equal (resultrans, "A"))
    return EF_PAYFIP_OUTCOME_CANCELLED;
  return EF_PAYFIP_OUTCOME_NONE;
}

gboolean
ef_payfip_refdet_is_valid (const char *refdet)
{
  gsize len;

  if (refdet == NULL)
    return FALSE;
  len = strlen (refdet);
  if (len == 0 || len > 30)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (refdet[i]))
      return FALSE;
  return TRUE;
}

gboolean
ef_payfip_numcli_is_valid (const char *numcli)
{
  if (numcli == NULL || strlen (numcli) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (numcli[i]))
      return FALSE;
  return TRUE;
}

char *
ef_payfip_sanitize_objet (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *ascii = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* g_str_to_ascii folds "é" to "e" and "œ" to "oe" without the locale. */
  ascii = g_str_to_ascii (text, "C");
  for (const char *p = ascii; *p != '\0' && out->len < OBJET_MAX_LENGTH; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || strchr ("-'.,/()", c) != NULL)
        g_string_append_c (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
ef_payment_provider_create_operation_async (EfPaymentProvider     *self,
                                            const EfPayfipParams  *params,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data)
{
  g_return_if_fail (EF_IS_PAYMENT_PROVIDER (self));
  g_return_if_fail (params != NULL);

  EF_PAYMENT_PROVIDER_GET_IFACE (self)->create_operation_async (self, params, cancellable,
                                                                callback, user_data);
}

EfPayfipOperation *
ef_payment_provider_create_operation_finish (EfPaymentProvider  *self,
                                             GAsyncResult       *result,
                                             GError            **error)
{
  g_return_val_if_fail (EF_IS_PAYMENT_PROVIDER (self), NULL);

  return EF_PAYMENT_PROVIDER_GET_IFACE (self)->create_operation_finish (self, result, error);
}

void
ef_payment_provider_get_result_async (EfPaymentProvider   *self,
                                      const char          *idop,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (EF_IS_PAYMENT_PROVIDER (self));
  g_return_if_fail (idop != NULL);

  EF_PAYMENT_PROVIDER_GET_IFACE (self)->get_result_async (self, idop, cancellable,
                                                          callback, user_data);
}

EfPayfipResult *
ef_payment_provider_get_result_finish (EfPaymentProvider  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (EF_IS_PAYMENT_PROVIDER (self), NULL);

  return EF_PAYMENT_PROVIDER_GET_IFACE (self)->get_result_finish (self, result, error);
}
