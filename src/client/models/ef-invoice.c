/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice.c: an invoice of the family */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-invoice.h"

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
ef_invoice_finalize (GObject *object)
{
  EfInvoice *self = EF_INVOICE (object);

  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (ef_invoice_parent_class)->finalize (object);
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
ef_invoice_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EfInvoice *self = EF_INVOICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_SERVICE:
      g_value_set_string (value, self->service);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_ISSUE_DATE:
      g_value_set_uint (value, self->issue_date);
      break;

    case PROP_PERIOD_START:
      g_value_set_uint (value, self->period_start);
      break;

    case PROP_PERIOD_END:
      g_value_set_uint (value, self->period_end);
      break;

    case PROP_DUE_DATE:
      g_value_set_uint (value, self->due_date);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_BALANCE:
      g_value_set_int64 (value, self->balance);
      break;

    case PROP_PAID:
      g_value_set_int64 (value, self->paid);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_PAYABLE_ONLINE:
      g_value_set_boolean (value, self->payable_online);
      break;

    case PROP_NOT_PAYABLE_REASON:
      g_value_set_enum (value, self->not_payable_reason);
      break;

    case PROP_LINES:
      g_value_set_object (value, self->lines);
      break;

    case PROP_TOTALS:
      g_value_set_object (value, self->totals);
      break;

    case PROP_PAYMENTS:
      g_value_set_object (value, self->payments);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EfInvoice *self = EF_INVOICE (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NUMBER:
      self->number = g_value_dup_string (value);
      break;

    case PROP_SERVICE:
      self->service = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_ISSUE_DATE:
      self->issue_date = g_value_get_uint (value);
      break;

    case PROP_PERIOD_START:
      self->period_start = g_value_get_uint (value);
      break;

    case PROP_PERIOD_END:
      self->period_end = g_value_get_uint (value);
      break;

    case PROP_DUE_DATE:
      self->due_date = g_value_get_uint (value);
      break;

    case PROP_AMOUNT:
      self->amount = g_value_get_int64 (value);
      break;

    case PROP_BALANCE:
      self->balance = g_value_get_int64 (value);
      break;

    case PROP_PAID:
      self->paid = g_value_get_int64 (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_PAYABLE_ONLINE:
      self->payable_online = g_value_get_boolean (value);
      break;

    case PROP_NOT_PAYABLE_REASON:
      self->not_payable_reason = g_value_get_enum (value);
      break;

    case PROP_LINES:
      self->lines = g_value_dup_object (value);
      break;

    case PROP_TOTALS:
      self->totals = g_value_dup_object (value);
      break;

    case PROP_PAYMENTS:
      self->payments = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_class_init (EfInvoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_invoice_constructed;
  object_class->dispose = ef_invoice_dispose;
  object_class->finalize = ef_invoice_finalize;
  object_class->get_property = ef_invoice_get_property;
  object_class->set_property = ef_invoice_set_property;

  /**
   * EfInvoice:id:
   *
   * The invoice's id on the portal.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:number:
   *
   * The invoice number ("pop-F200300001").
   */
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:service:
   *
   * The id of the service that issued it.
   */
  properties[PROP_SERVICE] =
    g_param_spec_string ("service", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:label:
   *
   * What it is for ("Éducation — octobre 2026").
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:issue-date:
   *
   * The day it was issued.
   */
  properties[PROP_ISSUE_DATE] =
    g_param_spec_uint ("issue-date", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:period-start:
   *
   * The first day billed.
   */
  properties[PROP_PERIOD_START] =
    g_param_spec_uint ("period-start", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:period-end:
   *
   * The last day billed.
   */
  properties[PROP_PERIOD_END] =
    g_param_spec_uint ("period-end", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:due-date:
   *
   * The day it is due.
   */
  properties[PROP_DUE_DATE] =
    g_param_spec_uint ("due-date", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:amount:
   *
   * The amount, in cents.
   */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:balance:
   *
   * What is still due, in cents.
   */
  properties[PROP_BALANCE] =
    g_param_spec_int64 ("balance", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:paid:
   *
   * What was paid, in cents.
   */
  properties[PROP_PAID] =
    g_param_spec_int64 ("paid", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:status:
   *
   * To pay or settled.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       EF_TYPE_INVOICE_STATUS, EF_INVOICE_STATUS_TO_PAY,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:payable-online:
   *
   * Whether it can be paid online now.
   */
  properties[PROP_PAYABLE_ONLINE] =
    g_param_spec_boolean ("payable-online", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:not-payable-reason:
   *
   * Why it cannot be paid online now; %EF_NOT_PAYABLE_REASON_NONE when it can.
   */
  properties[PROP_NOT_PAYABLE_REASON] =
    g_param_spec_enum ("not-payable-reason", NULL, NULL,
                       EF_TYPE_NOT_PAYABLE_REASON, EF_NOT_PAYABLE_REASON_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:lines:
   *
   * The lines, a #GListModel of #EfInvoiceLine.
   */
  properties[PROP_LINES] =
    g_param_spec_object ("lines", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:totals:
   *
   * The total per child, a #GListModel of #EfInvoiceTotal.
   */
  properties[PROP_TOTALS] =
    g_param_spec_object ("totals", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoice:payments:
   *
   * What paid it: the paid payments that settled it or part of it, oldest
   * first, a #GListModel of #EfInvoicePayment (empty when nothing was paid).
   */
  properties[PROP_PAYMENTS] =
    g_param_spec_object ("payments", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
