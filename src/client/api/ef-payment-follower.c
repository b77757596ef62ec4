/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-follower.c: follows an online payment until it ends
 *
 * Once the provider's page is open in the browser, only the portal knows
 * how the payment goes: the provider tells it, never the application. The
 * follower reads the payment (GET …/payments/{id}) again and again, the
 * waits growing from a first interval to a longest one, so that a parent
 * back from the bank sees the result in seconds, and one who walked away
 * costs the portal one request every few seconds only. The waits are
 * measured on the monotonic clock: the machine's date plays no part.
 *
 * It ends when the payment does (paid, refused, cancelled or expired:
 * ::finished, and EfClient::billing-changed), when a reading fails for good
 * (a session ended, a payment the portal does not know: #EfPaymentFollower:error)
 * or when stopped. Stopping stops following, nothing else: the payment
 * goes on at the provider and can be followed again.
 */

#define G_LOG_DOMAIN "EfPaymentFollower"

#include "config.h"

#include "ef-payment-follower.h"

struct _EfPaymentFollower
{
  GObject       parent_instance;

  EfClient     *client;
  EfPayment    *payment;
  GCancellable *cancellable;   /* the reading under way */
  GError       *error;
  guint         timeout_id;
  guint         first_ms;
  guint         max_ms;
  guint         interval_ms;   /* the next wait */
  guint         n_reads;
  gboolean      following;
};

G_DEFINE_FINAL_TYPE (EfPaymentFollower, ef_payment_follower, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PAYMENT,
  PROP_STATUS,
  PROP_FOLLOWING,
  PROP_ERROR,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void read_payment (EfPaymentFollower *self);

static gboolean
is_final (EfPaymentStatus status)
{
  return status != EF_PAYMENT_STATUS_PENDING;
}

/* Errors that another reading would not mend. */
static gboolean
is_lasting (const GError *error)
{
  if (!g_error_matches (error, EF_CLIENT_ERROR, error->code))
    return FALSE;

  switch ((EfClientError) error->code)
    {
    case EF_CLIENT_ERROR_NOT_SIGNED_IN:
    case EF_CLIENT_ERROR_SESSION_EXPIRED:
    case EF_CLIENT_ERROR_NOT_FOUND:
    case EF_CLIENT_ERROR_UNKNOWN_TENANT:
    case EF_CLIENT_ERROR_FORBIDDEN:
    case EF_CLIENT_ERROR_INVALID_PORTAL:
    case EF_CLIENT_ERROR_INSECURE_PORTAL:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
set_following (EfPaymentFollower *self,
               gboolean           following)
{
  if (self->following == following)
    return;

  self->following = following;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

static void
set_error (EfPaymentFollower *self,
           GError            *error)
{
  if (self->error == NULL && error == NULL)
    {
      return;
    }

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  EfPaymentFollower *self = user_data;

  self->timeout_id = 0;
  read_payment (self);
  return G_SOURCE_REMOVE;
}

/* The next reading after the current wait, sooner if the payment expires
 * before (on the portal's clock), then a longer wait. */
static void
schedule (EfPaymentFollower *self)
{
  GDateTime *expires_at = self->payment != NULL ? ef_payment_get_expires_at (self->payment) : NULL;
  guint delay = self->interval_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (expires_at != NULL)
    {
      g_autoptr (GDateTime) now = ef_client_get_now (self->client);
      GTimeSpan left = g_date_time_difference (expires_at, now) / 1000 + 1000;

      if (left > 0 && left < delay)
        delay = (guint) left;
    }

  self->timeout_id = g_timeout_add (delay, on_timeout_cb, self);
  self->interval_ms = MIN (self->max_ms, self->interval_ms + self->interval_ms / 2);
}

static void
on_payment_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (EfPaymentFollower) self = user_data;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (GError) error = NULL;
  EfPaymentStatus before;

  payment = ef_client_get_payment_finish (EF_CLIENT (source), result, &error);
  if (payment == NULL && ef_client_error_is_cancelled (error))
    return;

  g_clear_object (&self->cancellable);
  self->n_reads++;

  if (payment == NULL)
    {
      gboolean lasting = is_lasting (error);

      g_debug ("Could not read payment %" G_GINT64_FORMAT ": %s",
               ef_payment_get_id (self->payment), error->message);
      set_error (self, g_steal_pointer (&error));
      if (lasting)
        set_following (self, FALSE);
      else if (self->following)
        schedule (self);
      return;
    }

  before = ef_payment_get_status (self->payment);
  set_error (self, NULL);
  g_set_object (&self->payment, payment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYMENT]);
  if (ef_payment_get_status (payment) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);

  /* Money taken for invoices paid another way meanwhile: nothing more
   * will happen to it here, the town refunds it. */
  if (is_final (ef_payment_get_status (payment)) || ef_payment_get_refund_due (payment))
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      set_following (self, FALSE);
      g_signal_emit (self, signals[FINISHED], 0, ef_payment_get_status (payment));
      ef_client_notify_billing_changed (self->client);
      return;
    }

  if (self->following)
    schedule (self);
}

static void
read_payment (EfPaymentFollower *self)
{
  if (self->cancellable != NULL)
    return;   /* one reading at a time */

  self->cancellable = g_cancellable_new ();
  ef_client_get_payment_async (self->client, ef_payment_get_id (self->payment), self->cancellable,
                               on_payment_read_cb, g_object_ref (self));
}

static void
ef_payment_follower_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EfPaymentFollower *self = EF_PAYMENT_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_PAYMENT:
      g_value_set_object (value, self->payment);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, ef_payment_follower_get_status (self));
      break;

    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_payment_follower_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EfPaymentFollower *self = EF_PAYMENT_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_PAYMENT:
      self->payment = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_payment_follower_dispose (GObject *object)
{
  EfPaymentFollower *self = EF_PAYMENT_FOLLOWER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->payment);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ef_payment_follower_parent_class)->dispose (object);
}

static void
ef_payment_follower_finalize (GObject *object)
{
  EfPaymentFollower *self = EF_PAYMENT_FOLLOWER (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (ef_payment_follower_parent_class)->finalize (object);
}

static void
ef_payment_follower_class_init (EfPaymentFollowerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ef_payment_follower_get_property;
  object_class->set_property = ef_payment_follower_set_property;
  object_class->dispose = ef_payment_follower_dispose;
  object_class->finalize = ef_payment_follower_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, EF_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAYMENT] =
    g_param_spec_object ("payment", NULL, NULL, EF_TYPE_PAYMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, EF_TYPE_PAYMENT_STATUS, EF_PAYMENT_STATUS_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfPaymentFollower::finished:
   * @self: an #EfPaymentFollower
   * @status: the payment's final #EfPaymentStatus
   *
   * The payment ended: paid, refused, cancelled or expired.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, EF_TYPE_PAYMENT_STATUS);
}

static void
ef_payment_follower_init (EfPaymentFollower *self)
{
  self->first_ms = EF_PAYMENT_FOLLOWER_FIRST_INTERVAL_MS;
  self->max_ms = EF_PAYMENT_FOLLOWER_MAX_INTERVAL_MS;
  self->interval_ms = self->first_ms;
}

/**
 * ef_payment_follower_new:
 * @client: the #EfClient the payment was made with
 * @payment: the payment, as the portal last gave it
 *
 * Returns: (transfer full): a follower, not following yet
 */
EfPaymentFollower *
ef_payment_follower_new (EfClient  *client,
                         EfPayment *payment)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);
  g_return_val_if_fail (EF_IS_PAYMENT (payment), NULL);

  return g_object_new (EF_TYPE_PAYMENT_FOLLOWER, "client", client, "payment", payment, NULL);
}

/**
 * ef_payment_follower_get_client:
 * @self: an #EfPaymentFollower
 *
 * Returns: (transfer none): the client
 */
EfClient *
ef_payment_follower_get_client (EfPaymentFollower *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_FOLLOWER (self), NULL);

  return self->client;
}

/**
 * ef_payment_follower_get_payment:
 * @self: an #EfPaymentFollower
 *
 * Returns: (transfer none): the payment as the portal last gave it
 */
EfPayment *
ef_payment_follower_get_payment (EfPaymentFollower *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_FOLLOWER (self), NULL);

  return self->payment;
}

/**
 * ef_payment_follower_get_status:
 * @self: an #EfPaymentFollower
 *
 * Returns: the payment's status as the portal last gave it
 */
EfPaymentStatus
ef_payment_follower_get_status (EfPaymentFollower *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_FOLLOWER (self), EF_PAYMENT_STATUS_PENDING);

  return self->payment != NULL ? ef_payment_get_status (self->payment) : EF_PAYMENT_STATUS_PENDING;
}

/**
 * ef_payment_follower_get_following:
 * @self: an #EfPaymentFollower
 *
 * Returns: whether the payment is being followed
 */
gboolean
ef_payment_follower_get_following (EfPaymentFollower *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_FOLLOWER (self), FALSE);

  return self->following;
}

/**
 * ef_payment_follower_get_error:
 * @self: an #EfPaymentFollower
 *
 * Returns: (nullable): why the last reading failed, or %NULL if it did not
 */
const GError *
ef_payment_follower_get_error (EfPaymentFollower *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_FOLLOWER (self), NULL);

  return self->error;
}

/**
 * ef_payment_follower_get_n_reads:
 * @self: an #EfPaymentFollower
 *
 * Returns: how many readings of the payment have ended, for tests
 */
guint
ef_payment_follower_get_n_reads (EfPaymentFollower *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_FOLLOWER (self), 0);

  return self->n_reads;
}

/**
 * ef_payment_follower_set_intervals:
 * @self: an #EfPaymentFollower
 * @first_ms: the first wait, in milliseconds
 * @max_ms: the longest wait, in milliseconds
 *
 * Sets the waits between two readings; they grow by half from @first_ms
 * to @max_ms. Takes effect at the next start.
 */
void
ef_payment_follower_set_intervals (EfPaymentFollower *self,
                                   guint              first_ms,
                                   guint              max_ms)
{
  g_return_if_fail (EF_IS_PAYMENT_FOLLOWER (self));
  g_return_if_fail (first_ms > 0 && first_ms <= max_ms);

  self->first_ms = first_ms;
  self->max_ms = max_ms;
}

/**
 * ef_payment_follower_start:
 * @self: an #EfPaymentFollower
 *
 * Starts following: the payment is read after the first wait, then again
 * until it ends. A payment that has ended already is read once more.
 */
void
ef_payment_follower_start (EfPaymentFollower *self)
{
  g_return_if_fail (EF_IS_PAYMENT_FOLLOWER (self));

  set_error (self, NULL);
  self->interval_ms = self->first_ms;
  if (is_final (ef_payment_follower_get_status (self)))
    {
      read_payment (self);
      return;
    }

  set_following (self, TRUE);
  if (self->cancellable == NULL)
    schedule (self);
}

/**
 * ef_payment_follower_stop:
 * @self: an #EfPaymentFollower
 *
 * Stops following. The payment itself goes on: the provider may still
 * take it, and the portal will know.
 */
void
ef_payment_follower_stop (EfPaymentFollower *self)
{
  g_return_if_fail (EF_IS_PAYMENT_FOLLOWER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_following (self, FALSE);
}

/**
 * ef_payment_follower_read_now:
 * @self: an #EfPaymentFollower
 *
 * Reads the payment now rather than after the wait (the parent came back
 * to the window), and waits the first interval again after it.
 */
void
ef_payment_follower_read_now (EfPaymentFollower *self)
{
  g_return_if_fail (EF_IS_PAYMENT_FOLLOWER (self));

  if (!self->following)
    return;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->interval_ms = self->first_ms;
  read_payment (self);
}
