/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server-clock.c: the portal's clock, as the client keeps it between answers
 *
 * Time is the server's: deadlines, locked days and "today" are those of the
 * municipality's server, never those of the machine the application runs
 * on, whose clock may be a day off (a PC with a flat battery, a kiosk set
 * up by hand, a laptop in another zone). Every answer of the portal says
 * what time it is (its Date header); the clock keeps the offset between
 * that and an elapsed-time counter of this machine, so that "now" stays
 * right between answers, and tells when the municipality's day changes
 * while the application is open (a kiosk left on overnight, a laptop
 * resumed the next morning).
 *
 * The elapsed time is CLOCK_BOOTTIME: it never goes back when someone sets
 * the machine's clock, and unlike CLOCK_MONOTONIC it keeps counting while
 * the machine sleeps, so that the estimate is still right after a resume.
 *
 * An answer's Date has whole seconds: the server's time when the answer
 * reaches us lies between that second and the end of the next, plus the
 * time the request took. The estimate moves only when an answer shows it
 * outside that interval, so that "now" does not jump back and forth by a
 * second at each answer (and "today" does not flicker at midnight).
 *
 * This is the one place of the client that reads the machine's wall clock:
 * before the first answer there is nothing else to go by, and nothing a
 * rule depends on is shown before an answer has come.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <time.h>

#include <libsoup/soup.h>

#include "ef-server-clock.h"

/* The longest the clock waits between two looks at the day: after a
 * resume, timers of the main loop run late by the time slept. */
#define CHECK_INTERVAL_S 60

struct _EfServerClock
{
  GObject        parent_instance;

  GTimeZone     *tz;
  char          *tz_id;
  gboolean       synchronized;
  gint64         offset;        /* server time (µs since 1970) − elapsed time */
  EfDay          today;
  guint          check_id;
  guint          check_delay;   /* ms, of the check scheduled */

  EfElapsedFunc  elapsed_func;
  gpointer       elapsed_data;
};

G_DEFINE_FINAL_TYPE (EfServerClock, ef_server_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYNCHRONIZED,
  PROP_TIME_ZONE,
  PROP_TODAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_check (EfServerClock *self);

static gint64
boot_time_usec (gpointer user_data)
{
#ifdef CLOCK_BOOTTIME
  struct timespec ts;

  if (clock_gettime (CLOCK_BOOTTIME, &ts) == 0)
    return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
#endif
  return g_get_monotonic_time ();
}

/* The server's time now, in microseconds since 1970 (UTC). */
static gint64
now_usec (EfServerClock *self)
{
  if (!self->synchronized)
    /* No answer yet: the machine's clock (see the top of this file). */
    return g_get_real_time ();

  return ef_server_clock_get_elapsed (self) + self->offset;
}

static GDateTime *
date_time_from_usec (gint64     usec,
                     GTimeZone *tz)
{
  g_autoptr (GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr (GDateTime) utc = NULL;

  if (seconds == NULL)
    return NULL;
  utc = g_date_time_add (seconds, usec % G_USEC_PER_SEC);
  return g_date_time_to_timezone (utc, tz);
}

static gint64
date_time_to_usec (GDateTime *date_time)
{
  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC + g_date_time_get_microsecond (date_time);
}

/* Announces a new day, if it is one. */
static void
update_today (EfServerClock *self)
{
  EfDay today = ef_server_clock_get_today (self);

  if (today == self->today)
    return;

  g_debug ("The portal's day is now %u (was %u)", today, self->today);
  self->today = today;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

static gboolean
on_check_cb (gpointer user_data)
{
  EfServerClock *self = user_data;

  self->check_id = 0;
  _ef_server_clock_check (self);
  return G_SOURCE_REMOVE;
}

/* The next look at the day: just after the next midnight of the portal's
 * zone, and at least every CHECK_INTERVAL_S. */
static void
schedule_check (EfServerClock *self)
{
  g_autoptr (GDateTime) now = ef_server_clock_get_now (self);
  g_autoptr (GDateTime) midnight = NULL;
  GTimeSpan until;

  g_clear_handle_id (&self->check_id, g_source_remove);

  midnight = ef_day_at_time (ef_day_add (ef_server_clock_get_today (self), 1), 0, 0, self->tz);
  until = midnight != NULL ? g_date_time_difference (midnight, now) : G_MAXINT64;
  if (until >= (GTimeSpan) CHECK_INTERVAL_S * G_USEC_PER_SEC)
    {
      self->check_delay = CHECK_INTERVAL_S * 1000;
      self->check_id = g_timeout_add_seconds (CHECK_INTERVAL_S, on_check_cb, self);
    }
  else
    {
      /* A little after midnight: timers may also fire a little early. */
      self->check_delay = (guint) (MAX (until, 0) / 1000) + 50;
      self->check_id = g_timeout_add (self->check_delay, on_check_cb, self);
    }
  g_source_set_name_by_id (self->check_id, "[espace-famille] server clock check");
}

static void
ef_server_clock_finalize (GObject *object)
{
  EfServerClock *self = EF_SERVER_CLOCK (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->tz_id, g_free);

  G_OBJECT_CLASS (ef_server_clock_parent_class)->finalize (object);
}

static void
ef_server_clock_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EfServerClock *self = EF_SERVER_CLOCK (object);

  switch (prop_id)
    {
    case PROP_SYNCHRONIZED:
      g_value_set_boolean (value, self->synchronized);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->tz_id);
      break;

    case PROP_TODAY:
      g_value_set_uint (value, self->today);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_server_clock_class_init (EfServerClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_server_clock_finalize;
  object_class->get_property = ef_server_clock_get_property;

  /**
   * EfServerClock:synchronized:
   *
   * Whether an answer of the portal has set the clock; before, it is the
   * machine's.
   */
  properties[PROP_SYNCHRONIZED] =
    g_param_spec_boolean ("synchronized", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfServerClock:time-zone:
   *
   * The portal's time zone (an IANA identifier), in which its days are
   * counted; %EF_DEFAULT_TIME_ZONE until the portal says.
   */
  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL, EF_DEFAULT_TIME_ZONE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfServerClock:today:
   *
   * The portal's day (an #EfDay): notified when it changes, at midnight
   * of the portal's zone or when an answer shows another day.
   */
  properties[PROP_TODAY] =
    g_param_spec_uint ("today", NULL, NULL, 0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_server_clock_init (EfServerClock *self)
{
  self->tz_id = g_strdup (EF_DEFAULT_TIME_ZONE);
  self->tz = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
  if (self->tz == NULL)
    self->tz = g_time_zone_new_utc ();
  self->elapsed_func = boot_time_usec;
  self->today = ef_server_clock_get_today (self);
  schedule_check (self);
}

EfServerClock *
ef_server_clock_new (void)
{
  return g_object_new (EF_TYPE_SERVER_CLOCK, NULL);
}

gboolean
ef_server_clock_is_synchronized (EfServerClock *self)
{
  g_return_val_if_fail (EF_IS_SERVER_CLOCK (self), FALSE);

  return self->synchronized;
}

/**
 * ef_server_clock_get_time_zone:
 *
 * Returns: (transfer none): the portal's time zone
 */
GTimeZone *
ef_server_clock_get_time_zone (EfServerClock *self)
{
  g_return_val_if_fail (EF_IS_SERVER_CLOCK (self), NULL);

  return self->tz;
}

/**
 * ef_server_clock_set_time_zone:
 * @identifier: the portal's time zone, as it says it
 *
 * Returns: %FALSE (and keeps the zone) when @identifier is not a time zone
 *   this machine knows
 */
gboolean
ef_server_clock_set_time_zone (EfServerClock *self,
                               const char    *identifier)
{
  g_autoptr (GTimeZone) tz = NULL;

  g_return_val_if_fail (EF_IS_SERVER_CLOCK (self), FALSE);
  g_return_val_if_fail (identifier != NULL, FALSE);

  if (g_strcmp0 (identifier, self->tz_id) == 0)
    return TRUE;

  tz = ef_time_zone_new (identifier, NULL);
  if (tz == NULL)
    {
      g_debug ("The portal's time zone “%s” is unknown here: keeping %s", identifier, self->tz_id);
      return FALSE;
    }

  g_free (self->tz_id);
  self->tz_id = g_strdup (identifier);
  g_time_zone_unref (self->tz);
  self->tz = g_steal_pointer (&tz);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
  update_today (self);
  schedule_check (self);
  return TRUE;
}

/**
 * ef_server_clock_get_now:
 *
 * Returns: (transfer full): the portal's time now, in its time zone
 */
GDateTime *
ef_server_clock_get_now (EfServerClock *self)
{
  g_return_val_if_fail (EF_IS_SERVER_CLOCK (self), NULL);

  return date_time_from_usec (now_usec (self), self->tz);
}

/**
 * ef_server_clock_get_today:
 *
 * Returns: the portal's day now
 */
EfDay
ef_server_clock_get_today (EfServerClock *self)
{
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (EF_IS_SERVER_CLOCK (self), EF_DAY_INVALID);

  now = ef_server_clock_get_now (self);
  return now != NULL ? ef_day_from_instant (now, self->tz) : EF_DAY_INVALID;
}

/**
 * ef_server_clock_get_elapsed:
 *
 * Returns: the elapsed-time counter that ef_server_clock_observe() takes,
 *   in microseconds
 */
gint64
ef_server_clock_get_elapsed (EfServerClock *self)
{
  g_return_val_if_fail (EF_IS_SERVER_CLOCK (self), 0);

  return self->elapsed_func (self->elapsed_data);
}

/**
 * ef_server_clock_observe:
 * @server_time: the server's time as an answer says it
 * @resolution: how precise @server_time is (%G_TIME_SPAN_SECOND for a
 *   Date header)
 * @sent_at: ef_server_clock_get_elapsed() when the request was sent
 * @received_at: ef_server_clock_get_elapsed() when the answer came
 *
 * Sets the clock from an answer. The first sets it; later ones move it
 * only as far as needed to agree with them.
 */
void
ef_server_clock_observe (EfServerClock *self,
                         GDateTime     *server_time,
                         GTimeSpan      resolution,
                         gint64         sent_at,
                         gint64         received_at)
{
  gint64 lower, upper;

  g_return_if_fail (EF_IS_SERVER_CLOCK (self));
  g_return_if_fail (server_time != NULL);
  g_return_if_fail (resolution >= 0);

  /* The server wrote @server_time after the request left and before the
   * answer came: its time at @received_at is in [lower, upper]. */
  lower = date_time_to_usec (server_time);
  upper = lower + resolution + MAX (received_at - sent_at, 0);

  if (!self->synchronized)
    {
      self->offset = lower + resolution / 2 - received_at;
      self->synchronized = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCHRONIZED]);
    }
  else
    {
      gint64 estimate = received_at + self->offset;

      if (estimate < lower)
        self->offset = lower - received_at;
      else if (estimate > upper)
        self->offset = upper - received_at;
      else
        return;
    }

  update_today (self);
  schedule_check (self);
}

/**
 * ef_server_clock_observe_http_date:
 * @date: (nullable): the Date header of an answer
 *
 * ef_server_clock_observe() with an HTTP date.
 *
 * Returns: %FALSE (and changes nothing) when @date is missing or not an
 *   HTTP date
 */
gboolean
ef_server_clock_observe_http_date (EfServerClock *self,
                                   const char    *date,
                                   gint64         sent_at,
                                   gint64         received_at)
{
  g_autoptr (GDateTime) server_time = NULL;

  g_return_val_if_fail (EF_IS_SERVER_CLOCK (self), FALSE);

  if (date == NULL || (server_time = soup_date_time_new_from_http_string (date)) == NULL)
    return FALSE;

  ef_server_clock_observe (self, server_time, G_TIME_SPAN_SECOND, sent_at, received_at);
  return TRUE;
}

void
_ef_server_clock_set_elapsed_func (EfServerClock *self,
                                   EfElapsedFunc  func,
                                   gpointer       user_data)
{
  g_return_if_fail (EF_IS_SERVER_CLOCK (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!self->synchronized);

  self->elapsed_func = func;
  self->elapsed_data = user_data;
  schedule_check (self);
}

/* What the timer does: announces a new day, and looks again later. */
void
_ef_server_clock_check (EfServerClock *self)
{
  g_return_if_fail (EF_IS_SERVER_CLOCK (self));

  update_today (self);
  schedule_check (self);
}

/* The milliseconds until the next check. */
guint
_ef_server_clock_get_check_delay (EfServerClock *self)
{
  g_return_val_if_fail (EF_IS_SERVER_CLOCK (self), 0);

  return self->check_delay;
}
