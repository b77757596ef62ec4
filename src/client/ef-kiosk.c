/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-kiosk.c: the idle watch of the shared terminal
 *
 * On the town hall's self-service terminal, a parent who walks away must
 * not leave the family's data to the next person. EfKiosk watches a
 * window's keys, clicks, scrolling and pointer motion (controllers in the
 * capture phase, so that no widget can hide an event from it). While it is
 * active, EfKiosk:idle-seconds without any of them emit ::expired; the last
 * EfKiosk:countdown-seconds of that time count down in EfKiosk:remaining,
 * for the window to show, and any input starts over.
 */

#define G_LOG_DOMAIN "EfKiosk"

#include "config.h"

#include <string.h>

#include "ef-kiosk.h"

struct _EfKiosk
{
  GObject             parent_instance;

  GtkWidget          *window;             /* (weak) */
  GtkEventController *controllers[4];
  gboolean            active;
  guint               idle_seconds;
  guint               countdown_seconds;
  guint               remaining;
  guint               idle_source;
  guint               tick_source;
  double              last_x;
  double              last_y;
};

G_DEFINE_FINAL_TYPE (EfKiosk, ef_kiosk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_IDLE_SECONDS,
  PROP_COUNTDOWN_SECONDS,
  PROP_REMAINING,
  N_PROPS
};

enum {
  EXPIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_remaining (EfKiosk *self,
               guint    remaining)
{
  if (self->remaining == remaining)
    return;

  self->remaining = remaining;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
}

static void
stop_timers (EfKiosk *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  set_remaining (self, 0);
}

static guint
countdown_length (EfKiosk *self)
{
  return MIN (self->countdown_seconds, self->idle_seconds);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  EfKiosk *self = user_data;

  if (self->remaining > 1)
    {
      set_remaining (self, self->remaining - 1);
      return G_SOURCE_CONTINUE;
    }

  self->tick_source = 0;
  set_remaining (self, 0);
  g_debug ("Nobody used the window for %u s", self->idle_seconds);
  g_signal_emit (self, signals[EXPIRED], 0);
  return G_SOURCE_REMOVE;
}

static gboolean
on_idle_cb (gpointer user_data)
{
  EfKiosk *self = user_data;

  self->idle_source = 0;
  set_remaining (self, countdown_length (self));
  self->tick_source = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, on_tick_cb, self, NULL);
  /* A countdown of nothing ends at once. */
  if (self->remaining == 0)
    {
      g_clear_handle_id (&self->tick_source, g_source_remove);
      g_signal_emit (self, signals[EXPIRED], 0);
    }
  return G_SOURCE_REMOVE;
}

static void
restart (EfKiosk *self)
{
  stop_timers (self);
  if (!self->active)
    return;

  self->idle_source = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                          (self->idle_seconds - countdown_length (self)) * 1000,
                                          on_idle_cb, self, NULL);
}

static gboolean
on_key_pressed_cb (EfKiosk               *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  ef_kiosk_reset (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_motion_cb (EfKiosk                  *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  /* A widget appearing under a still pointer is not somebody. */
  if (G_APPROX_VALUE (x, self->last_x, 0.5) && G_APPROX_VALUE (y, self->last_y, 0.5))
    return;

  self->last_x = x;
  self->last_y = y;
  ef_kiosk_reset (self);
}

static void
on_pressed_cb (EfKiosk         *self,
               int              n_press,
               double           x,
               double           y,
               GtkGestureClick *gesture)
{
  ef_kiosk_reset (self);
}

static gboolean
on_scroll_cb (EfKiosk                  *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  ef_kiosk_reset (self);
  return GDK_EVENT_PROPAGATE;
}

static void
ef_kiosk_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EfKiosk *self = EF_KIOSK (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;

    case PROP_COUNTDOWN_SECONDS:
      g_value_set_uint (value, self->countdown_seconds);
      break;

    case PROP_REMAINING:
      g_value_set_uint (value, self->remaining);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_kiosk_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  EfKiosk *self = EF_KIOSK (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      ef_kiosk_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_IDLE_SECONDS:
      ef_kiosk_set_idle_seconds (self, g_value_get_uint (value));
      break;

    case PROP_COUNTDOWN_SECONDS:
      ef_kiosk_set_countdown_seconds (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_kiosk_dispose (GObject *object)
{
  EfKiosk *self = EF_KIOSK (object);

  stop_timers (self);

  if (self->window != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->controllers); i++)
        if (self->controllers[i] != NULL)
          gtk_widget_remove_controller (self->window, self->controllers[i]);
      g_clear_weak_pointer (&self->window);
    }
  memset (self->controllers, 0, sizeof self->controllers);

  G_OBJECT_CLASS (ef_kiosk_parent_class)->dispose (object);
}

static void
ef_kiosk_class_init (EfKioskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ef_kiosk_get_property;
  object_class->set_property = ef_kiosk_set_property;
  object_class->dispose = ef_kiosk_dispose;

  /**
   * EfKiosk:active:
   *
   * Whether idle time counts: while somebody is signed in.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfKiosk:idle-seconds:
   *
   * Seconds without input after which ::expired is emitted.
   */
  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL,
                       1, G_MAXUINT / 1000, 180,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfKiosk:countdown-seconds:
   *
   * The last seconds of the idle time, counted down in EfKiosk:remaining.
   */
  properties[PROP_COUNTDOWN_SECONDS] =
    g_param_spec_uint ("countdown-seconds", NULL, NULL,
                       0, G_MAXUINT / 1000, EF_KIOSK_DEFAULT_COUNTDOWN,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfKiosk:remaining:
   *
   * Seconds left before ::expired while counting down; 0 otherwise.
   */
  properties[PROP_REMAINING] =
    g_param_spec_uint ("remaining", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfKiosk::expired:
   * @self: an #EfKiosk
   *
   * Nobody used the window for EfKiosk:idle-seconds: end the session.
   */
  signals[EXPIRED] =
    g_signal_new ("expired",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ef_kiosk_init (EfKiosk *self)
{
  self->idle_seconds = 180;
  self->countdown_seconds = EF_KIOSK_DEFAULT_COUNTDOWN;
  self->last_x = -1;
  self->last_y = -1;
}

/**
 * ef_kiosk_new:
 * @window: the window to watch
 *
 * Returns: (transfer full): a new #EfKiosk, inactive
 */
EfKiosk *
ef_kiosk_new (GtkWidget *window)
{
  EfKiosk *self;

  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);

  self = g_object_new (EF_TYPE_KIOSK, NULL);
  g_set_weak_pointer (&self->window, window);

  self->controllers[0] = gtk_event_controller_key_new ();
  g_signal_connect_object (self->controllers[0], "key-pressed",
                           G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  self->controllers[1] = gtk_event_controller_motion_new ();
  g_signal_connect_object (self->controllers[1], "motion",
                           G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  self->controllers[2] = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->controllers[2]), 0);
  g_signal_connect_object (self->controllers[2], "pressed",
                           G_CALLBACK (on_pressed_cb), self, G_CONNECT_SWAPPED);
  self->controllers[3] = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (self->controllers[3], "scroll",
                           G_CALLBACK (on_scroll_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (self->controllers); i++)
    {
      gtk_event_controller_set_propagation_phase (self->controllers[i], GTK_PHASE_CAPTURE);
      gtk_widget_add_controller (window, self->controllers[i]);
    }

  return self;
}

gboolean
ef_kiosk_get_active (EfKiosk *self)
{
  g_return_val_if_fail (EF_IS_KIOSK (self), FALSE);

  return self->active;
}

void
ef_kiosk_set_active (EfKiosk  *self,
                     gboolean  active)
{
  g_return_if_fail (EF_IS_KIOSK (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

guint
ef_kiosk_get_idle_seconds (EfKiosk *self)
{
  g_return_val_if_fail (EF_IS_KIOSK (self), 0);

  return self->idle_seconds;
}

void
ef_kiosk_set_idle_seconds (EfKiosk *self,
                           guint    seconds)
{
  g_return_if_fail (EF_IS_KIOSK (self));
  g_return_if_fail (seconds > 0);

  if (self->idle_seconds == seconds)
    return;

  self->idle_seconds = seconds;
  restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_SECONDS]);
}

guint
ef_kiosk_get_countdown_seconds (EfKiosk *self)
{
  g_return_val_if_fail (EF_IS_KIOSK (self), 0);

  return self->countdown_seconds;
}

void
ef_kiosk_set_countdown_seconds (EfKiosk *self,
                                guint    seconds)
{
  g_return_if_fail (EF_IS_KIOSK (self));

  if (self->countdown_seconds == seconds)
    return;

  self->countdown_seconds = seconds;
  restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTDOWN_SECONDS]);
}

/**
 * ef_kiosk_get_remaining:
 * @self: an #EfKiosk
 *
 * Returns: the seconds left while counting down, 0 otherwise
 */
guint
ef_kiosk_get_remaining (EfKiosk *self)
{
  g_return_val_if_fail (EF_IS_KIOSK (self), 0);

  return self->remaining;
}

/**
 * ef_kiosk_reset:
 * @self: an #EfKiosk
 *
 * Somebody is there: the idle time starts over and a countdown stops.
 */
void
ef_kiosk_reset (EfKiosk *self)
{
  g_return_if_fail (EF_IS_KIOSK (self));

  if (self->active)
    restart (self);
}
