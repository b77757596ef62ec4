/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-model-enums.h: the enumerations of the client's models */

#pragma once

#include <glib-object.h>

#include "ef-common.h"

G_BEGIN_DECLS

/**
 * EfMemberRole:
 * @EF_MEMBER_ROLE_RESPONSIBLE: a responsible adult
 * @EF_MEMBER_ROLE_CHILD: a child
 * @EF_MEMBER_ROLE_OTHER: another member of the household
 */
typedef enum {
  EF_MEMBER_ROLE_RESPONSIBLE,
  EF_MEMBER_ROLE_CHILD,
  EF_MEMBER_ROLE_OTHER,
} EfMemberRole;

/**
 * EfPhoneKind:
 * @EF_PHONE_KIND_MOBILE: a mobile phone
 * @EF_PHONE_KIND_HOME: the home's line
 * @EF_PHONE_KIND_WORK: at work
 */
typedef enum {
  EF_PHONE_KIND_MOBILE,
  EF_PHONE_KIND_HOME,
  EF_PHONE_KIND_WORK,
} EfPhoneKind;

/**
 * EfDayState:
 * @EF_DAY_STATE_FREE: open and not reserved
 * @EF_DAY_STATE_RESERVED: reserved
 * @EF_DAY_STATE_CLOSED: nothing can be reserved that day
 */
typedef enum {
  EF_DAY_STATE_FREE,
  EF_DAY_STATE_RESERVED,
  EF_DAY_STATE_CLOSED,
} EfDayState;

/* EfClosedReason is libefcommon's (ef-school-calendar.h); its GType is here. */

/**
 * EfRejection:
 * @EF_REJECTION_NONE: not rejected
 * @EF_REJECTION_DEADLINE_PASSED: too late to change that day
 * @EF_REJECTION_DAY_CLOSED: the day is closed
 * @EF_REJECTION_NOT_ENROLLED: the member is not enrolled that day
 * @EF_REJECTION_DUPLICATE: the same day twice in one batch
 * @EF_REJECTION_OTHER: a reason this version does not know
 *
 * Why the portal refused a reservation change.
 */
typedef enum {
  EF_REJECTION_NONE,
  EF_REJECTION_DEADLINE_PASSED,
  EF_REJECTION_DAY_CLOSED,
  EF_REJECTION_NOT_ENROLLED,
  EF_REJECTION_DUPLICATE,
  EF_REJECTION_OTHER,
} EfRejection;

/**
 * EfInvoiceStatus:
 * @EF_INVOICE_STATUS_TO_PAY: something is still due
 * @EF_INVOICE_STATUS_SETTLED: paid in full
 */
typedef enum {
  EF_INVOICE_STATUS_TO_PAY,
  EF_INVOICE_STATUS_SETTLED,
} EfInvoiceStatus;

/**
 * EfNotPayableReason:
 * @EF_NOT_PAYABLE_REASON_NONE: the invoice can be paid online
 * @EF_NOT_PAYABLE_REASON_SETTLED: nothing is left to pay
 * @EF_NOT_PAYABLE_REASON_PENDING_PAYMENT: an online payment of it is under way
 * @EF_NOT_PAYABLE_REASON_NOT_PAYABLE_ONLINE: the municipality takes no
 *   payment online
 * @EF_NOT_PAYABLE_REASON_OTHER: a reason this version does not know
 */
typedef enum {
  EF_NOT_PAYABLE_REASON_NONE,
  EF_NOT_PAYABLE_REASON_SETTLED,
  EF_NOT_PAYABLE_REASON_PENDING_PAYMENT,
  EF_NOT_PAYABLE_REASON_NOT_PAYABLE_ONLINE,
  EF_NOT_PAYABLE_REASON_OTHER,
} EfNotPayableReason;

/**
 * EfPaymentStatus:
 * @EF_PAYMENT_STATUS_PENDING: under way
 * @EF_PAYMENT_STATUS_PAID: paid
 * @EF_PAYMENT_STATUS_REFUSED: the bank refused it
 * @EF_PAYMENT_STATUS_CANCELLED: the payer gave up
 * @EF_PAYMENT_STATUS_EXPIRED: not finished in time
 */
typedef enum {
  EF_PAYMENT_STATUS_PENDING,
  EF_PAYMENT_STATUS_PAID,
  EF_PAYMENT_STATUS_REFUSED,
  EF_PAYMENT_STATUS_CANCELLED,
  EF_PAYMENT_STATUS_EXPIRED,
} EfPaymentStatus;

/**
 * EfPaymentChannel:
 * @EF_PAYMENT_CHANNEL_ONLINE_CARD: online, by card
 * @EF_PAYMENT_CHANNEL_CASH: cash, at the town hall
 * @EF_PAYMENT_CHANNEL_CHEQUE: cheque
 * @EF_PAYMENT_CHANNEL_DIRECT_DEBIT: direct debit
 * @EF_PAYMENT_CHANNEL_TRANSFER: bank transfer
 */
typedef enum {
  EF_PAYMENT_CHANNEL_ONLINE_CARD,
  EF_PAYMENT_CHANNEL_CASH,
  EF_PAYMENT_CHANNEL_CHEQUE,
  EF_PAYMENT_CHANNEL_DIRECT_DEBIT,
  EF_PAYMENT_CHANNEL_TRANSFER,
} EfPaymentChannel;

/**
 * EfConnectionResult:
 * @EF_CONNECTION_RESULT_OK: signed in
 * @EF_CONNECTION_RESULT_BAD_CREDENTIALS: wrong e-mail or password
 * @EF_CONNECTION_RESULT_LOCKED: refused, the account was locked
 */
typedef enum {
  EF_CONNECTION_RESULT_OK,
  EF_CONNECTION_RESULT_BAD_CREDENTIALS,
  EF_CONNECTION_RESULT_LOCKED,
} EfConnectionResult;

#define EF_TYPE_MEMBER_ROLE (ef_member_role_get_type ())
#define EF_TYPE_PHONE_KIND (ef_phone_kind_get_type ())
#define EF_TYPE_DAY_STATE (ef_day_state_get_type ())
#define EF_TYPE_CLOSED_REASON (ef_closed_reason_get_type ())
#define EF_TYPE_REJECTION (ef_rejection_get_type ())
#define EF_TYPE_INVOICE_STATUS (ef_invoice_status_get_type ())
#define EF_TYPE_NOT_PAYABLE_REASON (ef_not_payable_reason_get_type ())
#define EF_TYPE_PAYMENT_STATUS (ef_payment_status_get_type ())
#define EF_TYPE_PAYMENT_CHANNEL (ef_payment_channel_get_type ())
#define EF_TYPE_CONNECTION_RESULT (ef_connection_result_get_type ())

GType ef_member_role_get_type        (void) G_GNUC_CONST;
GType ef_phone_kind_get_type         (void) G_GNUC_CONST;
GType ef_day_state_get_type          (void) G_GNUC_CONST;
GType ef_closed_reason_get_type      (void) G_GNUC_CONST;
GType ef_rejection_get_type          (void) G_GNUC_CONST;
GType ef_invoice_status_get_type     (void) G_GNUC_CONST;
GType ef_not_payable_reason_get_type (void) G_GNUC_CONST;
GType ef_payment_status_get_type     (void) G_GNUC_CONST;
GType ef_payment_channel_get_type    (void) G_GNUC_CONST;
GType ef_connection_result_get_type  (void) G_GNUC_CONST;

G_END_DECLS
