/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice.c: an invoice of the family */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-invoice.h"
#include "ef-model-util.h"

struct _EfInvoice
{
  GObject             parent_instance;

  gint64              id;
  char               *number;
  char               *service;
  char               *label;
  EfDay               issue_date;
  EfDay               period_start;
  EfDay               period_end;
  EfDay               due_date;
  EfCents             amount;
  EfCents             balance;
  EfCents             paid;
  EfInvoiceStatus     status;
  gboolean            payable_online;
  EfNotPayableReason  not_payable_reason;
  GListModel         *lines;
  GListModel         *totals;
  GListModel         *payments;
};

G_DEFINE_FINAL_TYPE (EfInvoice, ef_invoice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_SERVICE,
  PROP_LABEL,
  PROP_ISSUE_DATE,
  PROP_PERIOD_START,
  PROP_PERIOD_END,
  PROP_DUE_DATE,
  PROP_AMOUNT,
  PROP_BALANCE,
  PROP_PAID,
  PROP_STATUS,
  PROP_PAYABLE_ONLINE,
  PROP_NOT_PAYABLE_REASON,
  PROP_LINES,
  PROP_TOTALS,
  PROP_PAYMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfInvoice, id),
  [PROP_NUMBER] = G_STRUCT_OFFSET (EfInvoice, number),
  [PROP_SERVICE] = G_STRUCT_OFFSET (EfInvoice, service),
  [PROP_LABEL] = G_STRUCT_OFFSET (EfInvoice, label),
  [PROP_ISSUE_DATE] = G_STRUCT_OFFSET (EfInvoice, issue_date),
  [PROP_PERIOD_START] = G_STRUCT_OFFSET (EfInvoice, period_start),
  [PROP_PERIOD_END] = G_STRUCT_OFFSET (EfInvoice, period_end),
  [PROP_DUE_DATE] = G_STRUCT_OFFSET (EfInvoice, due_date),
  [PROP_AMOUNT] = G_STRUCT_OFFSET (EfInvoice, amount),
  [PROP_BALANCE] = G_STRUCT_OFFSET (EfInvoice, balance),
  [PROP_PAID] = G_STRUCT_OFFSET (EfInvoice, paid),
  [PROP_STATUS] = G_STRUCT_OFFSET (EfInvoice, status),
  [PROP_PAYABLE_ONLINE] = G_STRUCT_OFFSET (EfInvoice, payable_online),
  [PROP_NOT_PAYABLE_REASON] = G_STRUCT_OFFSET (EfInvoice, not_payable_reason),
  [PROP_LINES] = G_STRUCT_OFFSET (EfInvoice, lines),
  [PROP_TOTALS] = G_STRUCT_OFFSET (EfInvoice, totals),
  [PROP_PAYMENTS] = G_STRUCT_OFFSET (EfInvoice, payments),
};

static void
ef_invoice_dispose (GObject *object)
{
  EfInvoice *self = EF_INVOICE (object);

  g_clear_object (&self->lines);
  g_clear_object (&self->totals);
  g_clear_object (&self->payments);

  G_OBJECT_CLASS (ef_invoice_parent_class)->dispose (object);
}

static void
ef_invoice_constructed (GObject *object)
{
  EfInvoice *self = EF_INVOICE (object);

  G_OBJECT_CLASS (ef_invoice_parent_class)->constructed (object);

  /* Never NULL, so that views can always bind to it. */
  if (self->lines == NULL)
    self->lines = G_LIST_MODEL (g_list_store_new (EF_TYPE_INVOICE_LINE));
  if (self->totals == NULL)
    self->totals = G_LIST_MODEL (g_list_store_new (EF_TYPE_INVOICE_TOTAL));
  if (self->payments == NULL)
    self->payments = G_LIST_MODEL (g_list_store_new (EF_TYPE_INVOICE_PAYMENT));
}

static void
ef_invoice_class_init (EfInvoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_invoice_constructed;
  object_class->dispose = ef_invoice_dispose;

  /**
   * EfInvoice:id:
   *
   * The invoice's id on the portal.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfInvoice:number:
   *
   * The invoice number ("pop-F200300001").
   */
  properties[PROP_NUMBER] = _ef_model_param_string ("number");

  /**
   * EfInvoice:service:
   *
   * The id of the service that issued it.
   */
  properties[PROP_SERVICE] = _ef_model_param_string ("service");

  /**
   * EfInvoice:label:
   *
   * What it is for ("Éducation — octobre 2026").
   */
  properties[PROP_LABEL] = _ef_model_param_string ("label");

  /**
   * EfInvoice:issue-date:
   *
   * The day it was issued.
   */
  properties[PROP_ISSUE_DATE] = _ef_model_param_day ("issue-date");

  /**
   * EfInvoice:period-start:
   *
   * The first day billed.
   */
  properties[PROP_PERIOD_START] = _ef_model_param_day ("period-start");

  /**
   * EfInvoice:period-end:
   *
   * The last day billed.
   */
  properties[PROP_PERIOD_END] = _ef_model_param_day ("period-end");

  /**
   * EfInvoice:due-date:
   *
   * The day it is due.
   */
  properties[PROP_DUE_DATE] = _ef_model_param_day ("due-date");

  /**
   * EfInvoice:amount:
   *
   * The amount, in cents.
   */
  properties[PROP_AMOUNT] = _ef_model_param_cents ("amount");

  /**
   * EfInvoice:balance:
   *
   * What is still due, in cents.
   */
  properties[PROP_BALANCE] = _ef_model_param_cents ("balance");

  /**
   * EfInvoice:paid:
   *
   * What was paid, in cents.
   */
  properties[PROP_PAID] = _ef_model_param_cents ("paid");

  /**
   * EfInvoice:status:
   *
   * To pay or settled.
   */
  properties[PROP_STATUS] =
    _ef_model_param_enum ("status", EF_TYPE_INVOICE_STATUS, EF_INVOICE_STATUS_TO_PAY);

  /**
   * EfInvoice:payable-online:
   *
   * Whether it can be paid online now.
   */
  properties[PROP_PAYABLE_ONLINE] = _ef_model_param_boolean ("payable-online");

  /**
   * EfInvoice:not-payable-reason:
   *
   * Why it cannot be paid online now; %EF_NOT_PAYABLE_REASON_NONE when it can.
   */
  properties[PROP_NOT_PAYABLE_REASON] =
    _ef_model_param_enum ("not-payable-reason", EF_TYPE_NOT_PAYABLE_REASON, EF_NOT_PAYABLE_REASON_NONE);

  /**
   * EfInvoice:lines:
   *
   * The lines, a #GListModel of #EfInvoiceLine.
   */
  properties[PROP_LINES] = _ef_model_param_list ("lines");

  /**
   * EfInvoice:totals:
   *
   * The total per child, a #GListModel of #EfInvoiceTotal.
   */
  properties[PROP_TOTALS] = _ef_model_param_list ("totals");

  /**
   * EfInvoice:payments:
   *
   * What paid it: the paid payments that settled it or part of it, oldest
   * first, a #GListModel of #EfInvoicePayment (empty when nothing was paid).
   */
  properties[PROP_PAYMENTS] = _ef_model_param_list ("payments");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_invoice_init (EfInvoice *self)
{
}

gint64
ef_invoice_get_id (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), 0);

  return self->id;
}

const char *
ef_invoice_get_number (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), NULL);

  return self->number;
}

const char *
ef_invoice_get_service (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), NULL);

  return self->service;
}

const char *
ef_invoice_get_label (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), NULL);

  return self->label;
}

EfDay
ef_invoice_get_issue_date (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), EF_DAY_INVALID);

  return self->issue_date;
}

EfDay
ef_invoice_get_period_start (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), EF_DAY_INVALID);

  return self->period_start;
}

EfDay
ef_invoice_get_period_end (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), EF_DAY_INVALID);

  return self->period_end;
}

EfDay
ef_invoice_get_due_date (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), EF_DAY_INVALID);

  return self->due_date;
}

EfCents
ef_invoice_get_amount (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), 0);

  return self->amount;
}

EfCents
ef_invoice_get_balance (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), 0);

  return self->balance;
}

EfCents
ef_invoice_get_paid (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), 0);

  return self->paid;
}

EfInvoiceStatus
ef_invoice_get_status (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), EF_INVOICE_STATUS_TO_PAY);

  return self->status;
}

gboolean
ef_invoice_get_payable_online (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), FALSE);

  return self->payable_online;
}

EfNotPayableReason
ef_invoice_get_not_payable_reason (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), EF_NOT_PAYABLE_REASON_NONE);

  return self->not_payable_reason;
}

/**
 * ef_invoice_get_lines:
 * @self: a #EfInvoice
 *
 * Returns: (transfer none): a #GListModel of #EfInvoiceLine
 */
GListModel *
ef_invoice_get_lines (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), NULL);

  return self->lines;
}

/**
 * ef_invoice_get_totals:
 * @self: a #EfInvoice
 *
 * Returns: (transfer none): a #GListModel of #EfInvoiceTotal
 */
GListModel *
ef_invoice_get_totals (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), NULL);

  return self->totals;
}

/**
 * ef_invoice_get_payments:
 * @self: a #EfInvoice
 *
 * The paid payments that settled the invoice or part of it, oldest first.
 *
 * Returns: (transfer none): a #GListModel of #EfInvoicePayment
 */
GListModel *
ef_invoice_get_payments (EfInvoice *self)
{
  g_return_val_if_fail (EF_IS_INVOICE (self), NULL);

  return self->payments;
}
