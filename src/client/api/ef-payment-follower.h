/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-follower.h: follows an online payment until it ends */

#pragma once

#include <gio/gio.h>

#include "ef-client.h"

G_BEGIN_DECLS

/* The first wait between two readings of the payment, and the longest. */
#define EF_PAYMENT_FOLLOWER_FIRST_INTERVAL_MS 2000
#define EF_PAYMENT_FOLLOWER_MAX_INTERVAL_MS   20000

#define EF_TYPE_PAYMENT_FOLLOWER (ef_payment_follower_get_type ())
G_DECLARE_FINAL_TYPE (EfPaymentFollower, ef_payment_follower, EF, PAYMENT_FOLLOWER, GObject)

EfPaymentFollower *ef_payment_follower_new           (EfClient          *client,
                                                      EfPayment         *payment);

EfClient          *ef_payment_follower_get_client    (EfPaymentFollower *self);
EfPayment         *ef_payment_follower_get_payment   (EfPaymentFollower *self);
EfPaymentStatus    ef_payment_follower_get_status    (EfPaymentFollower *self);
gboolean           ef_payment_follower_get_following (EfPaymentFollower *self);
const GError      *ef_payment_follower_get_error     (EfPaymentFollower *self);
guint              ef_payment_follower_get_n_reads   (EfPaymentFollower *self);

void               ef_payment_follower_set_intervals (EfPaymentFollower *self,
                                                      guint              first_ms,
                                                      guint              max_ms);
void               ef_payment_follower_start         (EfPaymentFollower *self);
void               ef_payment_follower_stop          (EfPaymentFollower *self);
void               ef_payment_follower_read_now      (EfPaymentFollower *self);

G_END_DECLS
