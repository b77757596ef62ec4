/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-day-switcher.c: one day at a time, with the previous and next ones
 *
 * The day written out in full, between the buttons of the previous and
 * the next day. A page that shows one day at a time (the lists, the
 * takings) puts a switcher in its template, gives it the portal's today
 * and reloads on notify::day; ef_day_switcher_class_install_actions()
 * gives the page the actions <group>.previous-day and <group>.next-day,
 * on Ctrl+Page Up and Ctrl+Page Down wherever the focus is in the page.
 */

#define G_LOG_DOMAIN "EfDaySwitcher"

#include "config.h"

#include "ef-accessible.h"
#include "ef-day-switcher.h"
#include "ef-day.h"
#include "pages/ef-page-text.h"
#include "ef-widget-util.h"

struct _EfDaySwitcher
{
  GtkWidget  parent_instance;

  /* template children */
  GtkLabel  *day_label;

  EfDay      day;
};

G_DEFINE_FINAL_TYPE (EfDaySwitcher, ef_day_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a page class keeps its switcher: the offset in its instance. */
static G_DEFINE_QUARK (ef-day-switcher-offset, switcher_offset)

/* ---------------------------------------------------------------- helpers */

/* Steps a day back or forth, as <group>.previous-day or <group>.next-day
 * asks. */
static void
step (EfDaySwitcher *self,
      const char    *action_name)
{
  int n_days = g_str_has_suffix (action_name, ".next-day") ? 1 : -1;

  if (ef_day_is_valid (self->day))
    ef_day_switcher_set_day (self, ef_day_add (self->day, n_days));
}

/* -------------------------------------------------------------- actions */

/* The switcher's own arrows. */
static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (EF_DAY_SWITCHER (widget), action_name);
}

/* The actions of a page (see ef_day_switcher_class_install_actions()). */
static void
page_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  glong offset = GPOINTER_TO_SIZE (g_type_get_qdata (G_OBJECT_TYPE (widget),
                                                     switcher_offset_quark ()));
  EfDaySwitcher *self = G_STRUCT_MEMBER (EfDaySwitcher *, widget, offset);

  g_assert (offset > 0);
  g_assert (EF_IS_DAY_SWITCHER (self));

  step (self, action_name);
}

/* ---------------------------------------------------------------- vfuncs */

static void
ef_day_switcher_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EfDaySwitcher *self = EF_DAY_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_day_switcher_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EfDaySwitcher *self = EF_DAY_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_DAY:
      ef_day_switcher_set_day (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_day_switcher_dispose (GObject *object)
{
  ef_widget_dispose_template (GTK_WIDGET (object), EF_TYPE_DAY_SWITCHER);

  G_OBJECT_CLASS (ef_day_switcher_parent_class)->dispose (object);
}

static void
ef_day_switcher_class_init (EfDaySwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_day_switcher_get_property;
  object_class->set_property = ef_day_switcher_set_property;
  object_class->dispose = ef_day_switcher_dispose;

  /**
   * EfDaySwitcher:day:
   *
   * The day shown, an #EfDay; %EF_DAY_INVALID until one is given.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/widgets/ef-day-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, EfDaySwitcher, day_label);

  gtk_widget_class_install_action (widget_class, "day-switcher.previous-day", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "day-switcher.next-day", NULL, step_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_day_switcher_init (EfDaySwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The arrows are named after their tooltips. */
  ef_accessible_name_buttons (GTK_WIDGET (self));
}

/* ------------------------------------------------------------ public API */

EfDay
ef_day_switcher_get_day (EfDaySwitcher *self)
{
  g_return_val_if_fail (EF_IS_DAY_SWITCHER (self), EF_DAY_INVALID);

  return self->day;
}

/**
 * ef_day_switcher_set_day:
 * @self: an #EfDaySwitcher
 * @day: the day to show
 */
void
ef_day_switcher_set_day (EfDaySwitcher *self,
                         EfDay          day)
{
  g_autofree char *label = NULL;

  g_return_if_fail (EF_IS_DAY_SWITCHER (self));
  g_return_if_fail (ef_day_is_valid (day));

  if (self->day == day)
    return;

  self->day = day;
  label = _ef_page_text_day (day, TRUE);
  gtk_label_set_label (self->day_label, label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

/**
 * ef_day_switcher_class_install_actions:
 * @widget_class: the class of a page
 * @group: the prefix of the page's actions ("staff-lists")
 * @switcher_offset: where the page's instance keeps its #EfDaySwitcher, as
 *   G_STRUCT_OFFSET() gives it
 *
 * Installs the actions @group.previous-day and @group.next-day, which step
 * the page's switcher, on Ctrl+Page Up and Ctrl+Page Down.
 */
void
ef_day_switcher_class_install_actions (GtkWidgetClass *widget_class,
                                       const char     *group,
                                       glong           switcher_offset)
{
  g_autofree char *previous = NULL;
  g_autofree char *next = NULL;

  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));
  g_return_if_fail (group != NULL);
  g_return_if_fail (switcher_offset > 0);

  g_type_ensure (EF_TYPE_DAY_SWITCHER);
  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), switcher_offset_quark (),
                    GSIZE_TO_POINTER (switcher_offset));

  previous = g_strconcat (group, ".previous-day", NULL);
  next = g_strconcat (group, ".next-day", NULL);
  gtk_widget_class_install_action (widget_class, previous, NULL, page_step_action);
  gtk_widget_class_install_action (widget_class, next, NULL, page_step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       previous, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       next, NULL);
}
