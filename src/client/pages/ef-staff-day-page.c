/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-day-page.c: a staff page that shows one day of the town
 *
 * The lists of the day and the takings both show one day, chosen with
 * their day switcher; it starts on the portal's today
 * (ef_client_get_today()), never the machine's. Each change of day loads
 * again (the subclass's load_day), cancelling the load of the day before,
 * and says "Loading…" in the page's status line until the subclass says
 * otherwise. The subclass binds the switcher and the status line in its
 * template and hands them over in its init (_ef_staff_day_page_follow()).
 */

#define G_LOG_DOMAIN "EfStaffDayPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-staff-day-page.h"

typedef struct
{
  EfDaySwitcher *day_switcher;    /* the subclass's template child */
  GtkLabel      *status_label;    /* the subclass's template child */
  GCancellable  *load_cancellable;  /* the day's load */
} EfStaffDayPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (EfStaffDayPage, ef_staff_day_page, EF_TYPE_PAGE)

/* ------------------------------------------------------------- callbacks */

static void
on_day_changed_cb (EfStaffDayPage *self)
{
  _ef_staff_day_page_reload (self);
}

/* ---------------------------------------------------------------- vfuncs */

static void
ef_staff_day_page_dispose (GObject *object)
{
  EfStaffDayPagePrivate *priv = ef_staff_day_page_get_instance_private (EF_STAFF_DAY_PAGE (object));

  g_cancellable_cancel (priv->load_cancellable);
  g_clear_object (&priv->load_cancellable);
  priv->day_switcher = NULL;
  priv->status_label = NULL;

  G_OBJECT_CLASS (ef_staff_day_page_parent_class)->dispose (object);
}

static void
ef_staff_day_page_constructed (GObject *object)
{
  EfStaffDayPage *self = EF_STAFF_DAY_PAGE (object);
  EfStaffDayPagePrivate *priv = ef_staff_day_page_get_instance_private (self);
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  G_OBJECT_CLASS (ef_staff_day_page_parent_class)->constructed (object);

  g_assert (EF_IS_CLIENT (client));
  g_assert (EF_IS_DAY_SWITCHER (priv->day_switcher));
  ef_day_switcher_set_day (priv->day_switcher, ef_client_get_today (client));
}

static void
ef_staff_day_page_class_init (EfStaffDayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ef_staff_day_page_dispose;
  object_class->constructed = ef_staff_day_page_constructed;
}

static void
ef_staff_day_page_init (EfStaffDayPage *self)
{
}

/* ------------------------------------------------------------ public API */

/**
 * ef_staff_day_page_get_day:
 * @self: an #EfStaffDayPage
 *
 * Returns: the day shown
 */
EfDay
ef_staff_day_page_get_day (EfStaffDayPage *self)
{
  EfStaffDayPagePrivate *priv = ef_staff_day_page_get_instance_private (self);

  g_return_val_if_fail (EF_IS_STAFF_DAY_PAGE (self), EF_DAY_INVALID);

  return ef_day_switcher_get_day (priv->day_switcher);
}

/**
 * ef_staff_day_page_set_day:
 * @self: an #EfStaffDayPage
 * @day: a valid day
 *
 * Shows @day, as the day switcher does.
 */
void
ef_staff_day_page_set_day (EfStaffDayPage *self,
                           EfDay           day)
{
  EfStaffDayPagePrivate *priv = ef_staff_day_page_get_instance_private (self);

  g_return_if_fail (EF_IS_STAFF_DAY_PAGE (self));
  g_return_if_fail (ef_day_is_valid (day));

  ef_day_switcher_set_day (priv->day_switcher, day);
}

/*
 * _ef_staff_day_page_follow:
 * @self: an #EfStaffDayPage
 * @day_switcher: the switcher of the subclass's template
 * @status_label: the status line of the subclass's template
 *
 * For subclasses, in their init: the page loads each day the switcher
 * shows (the first, the portal's today, once constructed).
 */
void
_ef_staff_day_page_follow (EfStaffDayPage *self,
                           EfDaySwitcher  *day_switcher,
                           GtkLabel       *status_label)
{
  EfStaffDayPagePrivate *priv = ef_staff_day_page_get_instance_private (self);

  g_assert (EF_IS_DAY_SWITCHER (day_switcher));
  g_assert (GTK_IS_LABEL (status_label));

  priv->day_switcher = day_switcher;
  priv->status_label = status_label;
  g_signal_connect_swapped (day_switcher, "notify::day", G_CALLBACK (on_day_changed_cb), self);
}

/*
 * _ef_staff_day_page_reload:
 * @self: an #EfStaffDayPage
 *
 * For subclasses: loads the day shown again, cancelling the load under
 * way if any.
 */
void
_ef_staff_day_page_reload (EfStaffDayPage *self)
{
  EfStaffDayPagePrivate *priv = ef_staff_day_page_get_instance_private (self);

  gtk_label_set_label (priv->status_label, _("Loading…"));

  g_cancellable_cancel (priv->load_cancellable);
  g_clear_object (&priv->load_cancellable);
  priv->load_cancellable = g_cancellable_new ();
  EF_STAFF_DAY_PAGE_GET_CLASS (self)->load_day (self, ef_day_switcher_get_day (priv->day_switcher),
                                                priv->load_cancellable);
}
