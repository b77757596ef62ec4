/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-dashboard-card.c: one card of the dashboard, for one menu
 *
 * A boxed list of one activatable row, so that the whole card is a
 * button for the pointer, the keyboard and screen readers, and still
 * holds its own Retry button when its data failed to load. Activating it
 * opens its page through the window's "win.show-page" action.
 */

#define G_LOG_DOMAIN "EfDashboardCard"

#include "config.h"

#include "ef-dashboard-card.h"
#include "ef-widget-util.h"

struct _EfDashboardCard
{
  GtkWidget      parent_instance;

  /* template children */
  GtkListBox    *list;
  GtkListBoxRow *row;
  GtkImage      *icon;
  GtkLabel      *title_label;
  GtkImage      *arrow;
  GtkStack      *stack;
  GtkSpinner    *spinner;
  GtkLabel      *headline_label;
  GtkLabel      *details_label;
  GtkLabel      *error_label;

  char          *page;
};

G_DEFINE_FINAL_TYPE (EfDashboardCard, ef_dashboard_card, GTK_TYPE_WIDGET)

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show (EfDashboardCard *self,
      const char      *state)
{
  gtk_stack_set_visible_child_name (self->stack, state);
  /* The skeleton says "loading" at once; the spinner, if it lasts. */
  ef_spinner_set_waiting (self->spinner, g_strcmp0 (state, "loading") == 0);
}

static void
on_row_activated_cb (EfDashboardCard *self,
                     GtkListBoxRow   *row)
{
  if (self->page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", self->page);
}

static void
on_retry_clicked_cb (EfDashboardCard *self)
{
  g_signal_emit (self, signals[SIGNAL_RETRY], 0);
}

static void
ef_dashboard_card_dispose (GObject *object)
{
  EfDashboardCard *self = EF_DASHBOARD_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_DASHBOARD_CARD);

  G_OBJECT_CLASS (ef_dashboard_card_parent_class)->dispose (object);
}

static void
ef_dashboard_card_finalize (GObject *object)
{
  EfDashboardCard *self = EF_DASHBOARD_CARD (object);

  g_clear_pointer (&self->page, g_free);

  G_OBJECT_CLASS (ef_dashboard_card_parent_class)->finalize (object);
}

static void
ef_dashboard_card_class_init (EfDashboardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_dashboard_card_dispose;
  object_class->finalize = ef_dashboard_card_finalize;

  /**
   * EfDashboardCard::retry:
   *
   * The person asked to load the card's data again after an error.
   */
  signals[SIGNAL_RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/widgets/ef-dashboard-card.ui");
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, list);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, row);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, icon);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, arrow);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, stack);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, spinner);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, headline_label);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, details_label);
  gtk_widget_class_bind_template_child (widget_class, EfDashboardCard, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboardcard");
}

static void
ef_dashboard_card_init (EfDashboardCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show (self, "loading");
}

/**
 * ef_dashboard_card_new:
 * @title: the card's title, translated
 * @icon_name: its icon
 * @page: (nullable): the page it opens ("family"), or %NULL for a card
 *   that opens nothing
 *
 * Returns: (transfer floating): a new card, loading
 */
GtkWidget *
ef_dashboard_card_new (const char *title,
                       const char *icon_name,
                       const char *page)
{
  EfDashboardCard *self = g_object_new (EF_TYPE_DASHBOARD_CARD, NULL);

  gtk_label_set_text (self->title_label, title);
  gtk_image_set_from_icon_name (self->icon, icon_name);
  self->page = g_strdup (page);
  gtk_list_box_row_set_activatable (self->row, page != NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self->row), page != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->arrow), page != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  return GTK_WIDGET (self);
}

const char *
ef_dashboard_card_get_page (EfDashboardCard *self)
{
  g_return_val_if_fail (EF_IS_DASHBOARD_CARD (self), NULL);

  return self->page;
}

void
ef_dashboard_card_set_loading (EfDashboardCard *self)
{
  g_return_if_fail (EF_IS_DASHBOARD_CARD (self));

  show (self, "loading");
}

/**
 * ef_dashboard_card_set_summary:
 * @self: an #EfDashboardCard
 * @headline: the main fact, in large type ("15,00 €")
 * @details: (nullable): a sentence or lines below it
 */
void
ef_dashboard_card_set_summary (EfDashboardCard *self,
                               const char      *headline,
                               const char      *details)
{
  g_return_if_fail (EF_IS_DASHBOARD_CARD (self));
  g_return_if_fail (headline != NULL);

  gtk_label_set_text (self->headline_label, headline);
  gtk_label_set_text (self->details_label, details != NULL ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details != NULL && *details != '\0');
  show (self, "summary");
}

void
ef_dashboard_card_set_error (EfDashboardCard *self,
                             const char      *message)
{
  g_return_if_fail (EF_IS_DASHBOARD_CARD (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (self->error_label, message);
  show (self, "error");
}

const char *
ef_dashboard_card_get_headline (EfDashboardCard *self)
{
  g_return_val_if_fail (EF_IS_DASHBOARD_CARD (self), NULL);

  return gtk_label_get_text (self->headline_label);
}

const char *
ef_dashboard_card_get_details (EfDashboardCard *self)
{
  g_return_val_if_fail (EF_IS_DASHBOARD_CARD (self), NULL);

  return gtk_label_get_text (self->details_label);
}

gboolean
ef_dashboard_card_is_loading (EfDashboardCard *self)
{
  g_return_val_if_fail (EF_IS_DASHBOARD_CARD (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;
}

gboolean
ef_dashboard_card_has_error (EfDashboardCard *self)
{
  g_return_val_if_fail (EF_IS_DASHBOARD_CARD (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") == 0;
}
