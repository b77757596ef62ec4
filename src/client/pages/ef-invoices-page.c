/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoices-page.c: Mes factures, the invoices and their online payment
 *
 * The tutorial's "Mes factures": the family's financial situation, the
 * invoices to pay (the default) and the settled ones, each with its
 * number, date, period, "Montant dû" and "Solde dû". Ticking invoices
 * adds up their balances under the list; "Payer en ligne" pays them whole
 * (never part of an invoice) through the municipality's PayFiP provider.
 *
 * Paying: the portal creates the payment and gives the provider's page,
 * which opens in the parent's browser (GIO's default handler for the
 * address, through the OpenURI portal when sandboxed). The page then
 * waits, following the payment on the portal (EfPaymentFollower) until it
 * is paid, refused, cancelled or expired, and says so. Nothing of it is
 * kept on this computer: a payment under way is found on the portal when
 * the page is created, after a restart too, and followed again.
 *
 * The lists are GtkListViews, so that a family with years of invoices
 * costs only the rows on screen; the situation and the list scroll as one
 * page (EfInvoicesScroller, one scroll area for the keyboard and screen
 * readers). An invoice's details and its PDF open in an EfInvoiceWindow.
 */

#define G_LOG_DOMAIN "EfInvoicesPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-invoice-window.h"
#include "ef-page-text.h"
#include "ef-invoices-page.h"
#include "ef-window.h"
#include "widgets/ef-invoice-row.h"
#include "widgets/ef-wrap-box.h"

/* -------------------------------------------------------- page scroller */
/* A GtkScrollable around a list (its child, a GtkScrollable too) that
 * asks for no minimum height: a GtkStack gives a child at least its
 * minimum height, which for a GtkListView is that of all its rows, and
 * the list would then build every row and have nothing to scroll. In
 * the view stack, this gives the list the height of the page's scroll
 * area (EfInvoicesScroller). */

#define EF_TYPE_INVOICES_VIEWPORT (ef_invoices_viewport_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoicesViewport, ef_invoices_viewport, EF, INVOICES_VIEWPORT, GtkWidget)

struct _EfInvoicesViewport
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

static void ef_invoices_viewport_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EfInvoicesViewport, ef_invoices_viewport, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, ef_invoices_viewport_buildable_init))

enum {
  VIEWPORT_PROP_0,
  VIEWPORT_PROP_HADJUSTMENT,
  VIEWPORT_PROP_VADJUSTMENT,
  VIEWPORT_PROP_HSCROLL_POLICY,
  VIEWPORT_PROP_VSCROLL_POLICY,
};

static GtkBuildableIface *viewport_parent_buildable_iface;

static void
viewport_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  EfInvoicesViewport *self = EF_INVOICES_VIEWPORT (widget);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = 0;
}

static GtkSizeRequestMode
viewport_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
viewport_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  EfInvoicesViewport *self = EF_INVOICES_VIEWPORT (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
ef_invoices_viewport_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EfInvoicesViewport *self = EF_INVOICES_VIEWPORT (object);

  switch (prop_id)
    {
    case VIEWPORT_PROP_HADJUSTMENT:
    case VIEWPORT_PROP_VADJUSTMENT:
    case VIEWPORT_PROP_HSCROLL_POLICY:
    case VIEWPORT_PROP_VSCROLL_POLICY:
      /* The child's. */
      if (self->child != NULL)
        g_object_get_property (G_OBJECT (self->child), pspec->name, value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoices_viewport_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EfInvoicesViewport *self = EF_INVOICES_VIEWPORT (object);

  switch (prop_id)
    {
    case VIEWPORT_PROP_HADJUSTMENT:
    case VIEWPORT_PROP_VADJUSTMENT:
    case VIEWPORT_PROP_HSCROLL_POLICY:
    case VIEWPORT_PROP_VSCROLL_POLICY:
      if (self->child != NULL)
        g_object_set_property (G_OBJECT (self->child), pspec->name, value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoices_viewport_buildable_add_child (GtkBuildable *buildable,
                                          GtkBuilder   *builder,
                                          GObject      *child,
                                          const char   *type)
{
  EfInvoicesViewport *self = EF_INVOICES_VIEWPORT (buildable);

  if (GTK_IS_SCROLLABLE (child) && self->child == NULL)
    {
      self->child = GTK_WIDGET (child);
      gtk_widget_set_parent (self->child, GTK_WIDGET (self));
    }
  else
    viewport_parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
ef_invoices_viewport_buildable_init (GtkBuildableIface *iface)
{
  viewport_parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = ef_invoices_viewport_buildable_add_child;
}

static void
ef_invoices_viewport_dispose (GObject *object)
{
  EfInvoicesViewport *self = EF_INVOICES_VIEWPORT (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (ef_invoices_viewport_parent_class)->dispose (object);
}

static void
ef_invoices_viewport_class_init (EfInvoicesViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_invoices_viewport_get_property;
  object_class->set_property = ef_invoices_viewport_set_property;
  object_class->dispose = ef_invoices_viewport_dispose;
  widget_class->measure = viewport_measure;
  widget_class->get_request_mode = viewport_get_request_mode;
  widget_class->size_allocate = viewport_size_allocate;

  g_object_class_override_property (object_class, VIEWPORT_PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, VIEWPORT_PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, VIEWPORT_PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, VIEWPORT_PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "invoicesviewport");
}

static void
ef_invoices_viewport_init (EfInvoicesViewport *self)
{
}

/* One scroll area for the whole page, as a keyboard or screen reader
 * user expects (no list scrolling inside a scrolling page): the
 * situation and the view switcher (the header) scroll away, then the
 * list. A GtkListView builds only the rows in view when it is itself the
 * scrollable child of the GtkScrolledWindow, which a box around it would
 * prevent; this scrollable is that child, lays the header out above the
 * content (the view stack) and gives the list (a GtkScrollable inside the
 * content, set by the page) what is left of the page's adjustment. When
 * the visible view has no list (nothing to pay), the content is laid out
 * whole under the header. When the focus moves to what is out of view,
 * it is scrolled into view, as GtkViewport does. */

#define EF_TYPE_INVOICES_SCROLLER (ef_invoices_scroller_get_type ())
G_DECLARE_FINAL_TYPE (EfInvoicesScroller, ef_invoices_scroller, EF, INVOICES_SCROLLER, GtkWidget)

struct _EfInvoicesScroller
{
  GtkWidget      parent_instance;

  GtkWidget     *header;
  GtkWidget     *content;
  GtkScrollable *list;             /* in the content, or NULL */
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  GtkAdjustment *list_adjustment;  /* given to the list */
  GtkRoot       *root;             /* whose focus is followed */
  int            header_height;
  gboolean       allocating;
  gboolean       focus_moved;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (EfInvoicesScroller, ef_invoices_scroller, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  SCROLLER_PROP_0,
  SCROLLER_PROP_HEADER,
  SCROLLER_PROP_CONTENT,
  SCROLLER_N_PROPS,
  /* GtkScrollable's */
  SCROLLER_PROP_HADJUSTMENT = SCROLLER_N_PROPS,
  SCROLLER_PROP_VADJUSTMENT,
  SCROLLER_PROP_HSCROLL_POLICY,
  SCROLLER_PROP_VSCROLL_POLICY,
};

static GParamSpec *scroller_properties[SCROLLER_N_PROPS];

static void
on_scroller_value_changed_cb (EfInvoicesScroller *self)
{
  if (!self->allocating)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The list scrolled itself (to a row the keyboard reached): the page
 * follows, the header out of view. */
static void
on_scroller_list_value_changed_cb (EfInvoicesScroller *self)
{
  if (self->allocating || self->list == NULL)
    return;
  gtk_adjustment_set_value (self->vadjustment,
                            self->header_height + gtk_adjustment_get_value (self->list_adjustment));
}

static void
on_scroller_focus_changed_cb (EfInvoicesScroller *self)
{
  GtkWidget *focus = gtk_root_get_focus (self->root);

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      /* Where the focus is once the list has scrolled, if it does. */
      self->focus_moved = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

static void
scroller_set_adjustment (EfInvoicesScroller *self,
                         GtkAdjustment     **slot,
                         GtkAdjustment      *adjustment)
{
  if (adjustment != NULL && adjustment == *slot)
    return;
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_scroller_value_changed_cb, self);
  g_set_object (slot, g_object_ref_sink (adjustment));
  g_object_unref (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_scroller_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
scroller_set_child (EfInvoicesScroller *self,
                    GtkWidget         **slot,
                    GtkWidget          *child)
{
  if (*slot == child)
    return;
  g_clear_pointer (slot, gtk_widget_unparent);
  *slot = child;
  if (child == NULL)
    return;
  /* The header first, for the focus chain too. */
  if (slot == &self->header)
    gtk_widget_insert_after (child, GTK_WIDGET (self), NULL);
  else
    gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

/* @list: (nullable): the GtkScrollable in the content that scrolls with
 * the page, NULL when the content has none to show */
static void
ef_invoices_scroller_set_list (EfInvoicesScroller *self,
                               GtkScrollable      *list)
{
  if (self->list == list)
    return;
  if (self->list != NULL)
    gtk_scrollable_set_vadjustment (self->list, NULL);
  g_set_object (&self->list, list);
  self->allocating = TRUE;
  gtk_adjustment_set_value (self->list_adjustment, 0);
  self->allocating = FALSE;
  if (list != NULL)
    gtk_scrollable_set_vadjustment (list, self->list_adjustment);
  /* The other list from its top, the header where it was. */
  if (gtk_adjustment_get_value (self->vadjustment) > self->header_height)
    gtk_adjustment_set_value (self->vadjustment, self->header_height);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
scroller_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  EfInvoicesScroller *self = EF_INVOICES_SCROLLER (widget);
  GtkWidget *children[] = { self->header, self->content };

  *minimum = *natural = 0;
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      int child_minimum = 0, child_natural = 0;

      if (children[i] == NULL || !gtk_widget_should_layout (children[i]))
        continue;
      gtk_widget_measure (children[i], orientation, for_size, &child_minimum, &child_natural, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, child_minimum);
          *natural = MAX (*natural, child_natural);
        }
      else
        {
          *minimum += child_minimum;
          *natural += child_natural;
        }
    }
}

static GtkSizeRequestMode
scroller_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Lays the header and the content out for @value; returns the height of
 * the whole page. */
static int
scroller_layout (EfInvoicesScroller *self,
                 int                 width,
                 int                 height,
                 int                 value)
{
  int content_y = self->header_height - MIN (value, self->header_height);
  int content_height = height;
  int total;

  if (self->header != NULL && gtk_widget_should_layout (self->header))
    gtk_widget_allocate (self->header, width, self->header_height, -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, content_y - self->header_height)));
  if (self->content == NULL || !gtk_widget_should_layout (self->content))
    return self->header_height;

  if (self->list != NULL)
    {
      int natural = 0;

      /* Short enough: under the header, what is left, nothing scrolls. */
      gtk_widget_measure (self->content, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
      if (self->header_height + natural <= height)
        {
          gtk_adjustment_set_value (self->list_adjustment, 0);
          content_y = self->header_height;
          content_height = height - self->header_height;
        }
      else
        gtk_adjustment_set_value (self->list_adjustment, MAX (0, value - self->header_height));
    }
  else
    {
      int minimum = 0, natural = 0;

      gtk_widget_measure (self->content, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
      content_height = MAX (MAX (minimum, natural), height - self->header_height);
    }
  gtk_widget_allocate (self->content, width, content_height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, content_y)));
  total = self->header_height + content_height;
  if (self->list != NULL && content_height == height)
    total = self->header_height + MAX (height, (int) gtk_adjustment_get_upper (self->list_adjustment));
  return total;
}

/* How far the page must scroll from @value for the focus to be in view. */
static int
scroller_focus_value (EfInvoicesScroller *self,
                      int                 height,
                      int                 value)
{
  GtkWidget *focus = self->root != NULL ? gtk_root_get_focus (self->root) : NULL;
  graphene_rect_t bounds;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self))
      || !gtk_widget_compute_bounds (focus, GTK_WIDGET (self), &bounds))
    return value;
  if (bounds.origin.y < 0)
    return value + (int) bounds.origin.y - 1;
  if (bounds.origin.y + bounds.size.height > height)
    return value + (int) MIN (bounds.origin.y, bounds.origin.y + bounds.size.height - height) + 1;
  return value;
}

static void
scroller_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  EfInvoicesScroller *self = EF_INVOICES_SCROLLER (widget);
  int value, clamped, total;

  self->allocating = TRUE;
  self->header_height = 0;
  if (self->header != NULL && gtk_widget_should_layout (self->header))
    gtk_widget_measure (self->header, GTK_ORIENTATION_VERTICAL, width, NULL, &self->header_height, NULL, NULL);
  value = MAX (0, (int) gtk_adjustment_get_value (self->vadjustment));
  total = scroller_layout (self, width, height, value);
  clamped = CLAMP (value, 0, MAX (0, total - height));
  if (self->focus_moved)
    {
      self->focus_moved = FALSE;
      clamped = CLAMP (scroller_focus_value (self, height, clamped), 0, MAX (0, total - height));
    }
  if (clamped != value)
    total = scroller_layout (self, width, height, clamped);
  /* The list keeps a row where it was when the heights of its rows
   * change: the page follows it. */
  if (self->list != NULL && clamped > self->header_height
      && (int) gtk_adjustment_get_value (self->list_adjustment) != clamped - self->header_height)
    clamped = self->header_height + (int) gtk_adjustment_get_value (self->list_adjustment);
  gtk_adjustment_configure (self->hadjustment, 0, 0, width, width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment, clamped, 0, MAX (total, height), height * 0.1, height * 0.9,
                            height);
  self->allocating = FALSE;
}

static void
scroller_root (GtkWidget *widget)
{
  EfInvoicesScroller *self = EF_INVOICES_SCROLLER (widget);

  GTK_WIDGET_CLASS (ef_invoices_scroller_parent_class)->root (widget);
  self->root = gtk_widget_get_root (widget);
  g_signal_connect_swapped (self->root, "notify::focus-widget", G_CALLBACK (on_scroller_focus_changed_cb), self);
}

static void
scroller_unroot (GtkWidget *widget)
{
  EfInvoicesScroller *self = EF_INVOICES_SCROLLER (widget);

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_scroller_focus_changed_cb, self);
  self->root = NULL;
  GTK_WIDGET_CLASS (ef_invoices_scroller_parent_class)->unroot (widget);
}

static void
ef_invoices_scroller_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EfInvoicesScroller *self = EF_INVOICES_SCROLLER (object);

  switch (prop_id)
    {
    case SCROLLER_PROP_HEADER:
      g_value_set_object (value, self->header);
      break;

    case SCROLLER_PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;

    case SCROLLER_PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case SCROLLER_PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case SCROLLER_PROP_HSCROLL_POLICY:
    case SCROLLER_PROP_VSCROLL_POLICY:
      g_value_set_enum (value, GTK_SCROLL_MINIMUM);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoices_scroller_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EfInvoicesScroller *self = EF_INVOICES_SCROLLER (object);

  switch (prop_id)
    {
    case SCROLLER_PROP_HEADER:
      scroller_set_child (self, &self->header, g_value_get_object (value));
      break;

    case SCROLLER_PROP_CONTENT:
      scroller_set_child (self, &self->content, g_value_get_object (value));
      break;

    case SCROLLER_PROP_HADJUSTMENT:
      scroller_set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case SCROLLER_PROP_VADJUSTMENT:
      scroller_set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case SCROLLER_PROP_HSCROLL_POLICY:
    case SCROLLER_PROP_VSCROLL_POLICY:
      /* Always the minimum sizes. */
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoices_scroller_dispose (GObject *object)
{
  EfInvoicesScroller *self = EF_INVOICES_SCROLLER (object);

  if (self->list != NULL)
    gtk_scrollable_set_vadjustment (self->list, NULL);
  g_clear_object (&self->list);
  g_clear_pointer (&self->header, gtk_widget_unparent);
  g_clear_pointer (&self->content, gtk_widget_unparent);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_scroller_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_scroller_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->list_adjustment);

  G_OBJECT_CLASS (ef_invoices_scroller_parent_class)->dispose (object);
}

static void
ef_invoices_scroller_class_init (EfInvoicesScrollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_invoices_scroller_get_property;
  object_class->set_property = ef_invoices_scroller_set_property;
  object_class->dispose = ef_invoices_scroller_dispose;
  widget_class->measure = scroller_measure;
  widget_class->get_request_mode = scroller_get_request_mode;
  widget_class->size_allocate = scroller_size_allocate;
  widget_class->root = scroller_root;
  widget_class->unroot = scroller_unroot;

  scroller_properties[SCROLLER_PROP_HEADER] =
    g_param_spec_object ("header", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  scroller_properties[SCROLLER_PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SCROLLER_N_PROPS, scroller_properties);
  g_object_class_override_property (object_class, SCROLLER_PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, SCROLLER_PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, SCROLLER_PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, SCROLLER_PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "invoicesscroller");
}

static void
ef_invoices_scroller_init (EfInvoicesScroller *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  scroller_set_adjustment (self, &self->hadjustment, NULL);
  scroller_set_adjustment (self, &self->vadjustment, NULL);
  self->list_adjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  g_signal_connect_swapped (self->list_adjustment, "value-changed",
                            G_CALLBACK (on_scroller_list_value_changed_cb), self);
}

struct _EfInvoicesPage
{
  EfPage              parent_instance;

  /* template children */
  GtkStack           *main_stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkLabel           *total_due_label;
  GtkFlowBox         *situation_flow;
  GtkLabel           *to_pay_count_label;
  GtkLabel           *oldest_due_label;
  EfInvoicesScroller *scroller;
  GtkRevealer        *message_revealer;
  GtkWidget          *message_box;
  GtkImage           *message_icon;
  GtkLabel           *message_label;
  AdwViewStack       *view_stack;
  GtkStack           *to_pay_stack;
  GtkListView        *to_pay_list;
  GtkStack           *settled_stack;
  GtkListView        *settled_list;
  GtkRevealer        *pay_revealer;
  GtkLabel           *total_label;
  GtkLabel           *selected_label;
  GtkLabel           *partial_label;
  GtkButton          *pay_button;
  GtkStack           *pay_button_stack;
  AdwStatusPage      *empty_page;
  GtkSpinner         *pay_spinner;
  GtkSpinner         *waiting_spinner;
  GtkLabel           *waiting_title;
  GtkLabel           *waiting_label;
  GtkLabel           *waiting_invoices_label;
  GtkWidget          *launch_failed_box;
  GtkLabel           *provider_url_label;
  GtkLabel           *waiting_error_label;

  GCancellable       *payment_cancellable;  /* creating a payment, opening the browser */
  GListStore         *to_pay;
  GListStore         *settled;
  EfInvoiceSelection *selection;
  EfPaymentFollower  *follower;
  GtkWindow          *invoice_window;
  GtkRoot            *root;                 /* whose is-active is watched */
  EfDay               today;
  guint               n_loading;
  gboolean            loaded;
  gboolean            online_payment;
  gboolean            creating;
  gboolean            looked_for_pending;
};

G_DEFINE_FINAL_TYPE (EfInvoicesPage, ef_invoices_page, EF_TYPE_PAGE)

typedef enum {
  MESSAGE_INFO,
  MESSAGE_SUCCESS,
  MESSAGE_WARNING,
  MESSAGE_ERROR,
} MessageKind;

static void load (EfInvoicesPage *self);

/* ------------------------------------------------------------- helpers */

static void
show_message (EfInvoicesPage *self,
              MessageKind     kind,
              const char     *text)
{
  static const char * const classes[] = { "info", "success", "warning", "error" };
  static const char * const icons[] = {
    "dialog-information-symbolic", "emblem-ok-symbolic", "dialog-warning-symbolic",
    "dialog-error-symbolic",
  };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->message_box, classes[i]);
  gtk_widget_add_css_class (self->message_box, classes[kind]);
  gtk_image_set_from_icon_name (self->message_icon, icons[kind]);
  gtk_label_set_text (self->message_label, text);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);

  /* Said elsewhere too when the parent is on another page. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (EF_IS_WINDOW (root))
        ef_window_add_toast (EF_WINDOW (root), text);
    }
}

static void
hide_message (EfInvoicesPage *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  gtk_label_set_text (self->message_label, "");
}

static void
update_actions (EfInvoicesPage *self)
{
  guint n_selected = ef_invoice_selection_get_n_selected (self->selection);
  gboolean following = self->follower != NULL;
  gboolean more = FALSE;
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  for (guint i = 0; !more && i < g_list_model_get_n_items (G_LIST_MODEL (self->to_pay)); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (G_LIST_MODEL (self->to_pay), i);

      more = ef_invoice_selection_can_select (self->selection, invoice)
             && !ef_invoice_selection_get_selected (self->selection, invoice);
    }

  /* Offline, the invoices are read from what was kept: no payment. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoices.pay",
                                 n_selected > 0 && self->online_payment && !self->creating
                                 && !following && !ef_client_get_offline (client));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoices.select-all",
                                 more && self->online_payment && !self->creating && !following);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoices.open-payment-page", following);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoices.stop-following", following);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoices.copy-address", following);
}

static void
update_total (EfInvoicesPage *self)
{
  guint n = ef_invoice_selection_get_n_selected (self->selection);
  g_autofree char *amount = ef_money_format (ef_invoice_selection_get_total (self->selection));
  g_autofree char *total = NULL;
  g_autofree char *selected = NULL;

  /* Translators: under the invoices, the amount of the ticked invoices:
   * "TOTAL 15,00 €", as in the tutorial */
  total = g_strdup_printf (_("TOTAL %s"), amount);
  gtk_label_set_text (self->total_label, total);

  if (n == 0)
    selected = g_strdup (_("No invoice selected"));
  else
    selected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invoice selected",
                                             "%u invoices selected", n), n);
  gtk_label_set_text (self->selected_label, selected);
  update_actions (self);
}

static void
update_pay_bar (EfInvoicesPage *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean to_pay_view = g_strcmp0 (view, "to-pay") == 0;

  gtk_revealer_set_reveal_child (self->pay_revealer,
                                 to_pay_view
                                 && g_list_model_get_n_items (G_LIST_MODEL (self->to_pay)) > 0);
  if (self->online_payment)
    gtk_label_set_text (self->partial_label, _("Partial payment of an invoice is not allowed."));
  else if (ef_client_get_on_behalf_family_id (ef_page_get_client (EF_PAGE (self))) != 0)
    gtk_label_set_text (self->partial_label,
                        _("Only the family pays online: record what it pays in the Counter tab."));
  else
    gtk_label_set_text (self->partial_label,
                        _("Your town takes no payment online for now: pay at the town hall."));
}

static void
set_main_state (EfInvoicesPage *self,
                const char     *state)
{
  gtk_stack_set_visible_child_name (self->main_stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  gtk_spinner_set_spinning (self->waiting_spinner, g_str_equal (state, "waiting"));
}

static EfInvoice *
find_invoice (EfInvoicesPage *self,
              gint64          id)
{
  GListModel *models[] = { G_LIST_MODEL (self->to_pay), G_LIST_MODEL (self->settled) };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        g_autoptr (EfInvoice) invoice = g_list_model_get_item (models[m], i);

        if (ef_invoice_get_id (invoice) == id)
          return g_steal_pointer (&invoice);
      }

  return NULL;
}

/* The list of the view shown scrolls with the page; none when the view
 * says there is nothing in it. */
static void
update_scrolled_list (EfInvoicesPage *self)
{
  gboolean settled;
  GtkStack *stack;
  GtkListView *list;

  /* Called while the template is built too. */
  if (self->scroller == NULL || self->view_stack == NULL || self->to_pay_stack == NULL
      || self->settled_stack == NULL)
    return;
  settled = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "settled") == 0;
  stack = settled ? self->settled_stack : self->to_pay_stack;
  list = settled ? self->settled_list : self->to_pay_list;
  ef_invoices_scroller_set_list (self->scroller,
                                 g_strcmp0 (gtk_stack_get_visible_child_name (stack), "list") == 0
                                 ? GTK_SCROLLABLE (gtk_widget_get_parent (GTK_WIDGET (list))) : NULL);
}

/* Puts each invoice in its list; the selection keeps what is still payable. */
static void
set_invoices (EfInvoicesPage *self,
              GListModel     *invoices)
{
  g_autoptr (GPtrArray) to_pay = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) settled = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      EfInvoice *invoice = g_list_model_get_item (invoices, i);

      g_ptr_array_add (ef_invoice_get_status (invoice) == EF_INVOICE_STATUS_SETTLED ? settled : to_pay,
                       invoice);
    }

  self->today = ef_client_get_today (ef_page_get_client (EF_PAGE (self)));
  g_list_store_splice (self->to_pay, 0, g_list_model_get_n_items (G_LIST_MODEL (self->to_pay)),
                       to_pay->pdata, to_pay->len);
  g_list_store_splice (self->settled, 0, g_list_model_get_n_items (G_LIST_MODEL (self->settled)),
                       settled->pdata, settled->len);

  gtk_stack_set_visible_child_name (self->to_pay_stack, to_pay->len > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->settled_stack, settled->len > 0 ? "list" : "empty");
  update_scrolled_list (self);
  update_pay_bar (self);
  update_total (self);
}

static void
set_finance (EfInvoicesPage *self,
             EfFinance      *finance)
{
  g_autofree char *total = ef_money_format (ef_finance_get_total_due (finance));
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, ef_finance_get_invoices_to_pay (finance));
  g_autofree char *oldest = NULL;
  EfDay oldest_day = ef_finance_get_oldest_due_date (finance);
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  if (ef_day_is_valid (oldest_day))
    {
      int y, m, d;
      g_autoptr (GDateTime) noon = NULL;

      ef_day_get_ymd (oldest_day, &y, &m, &d);
      noon = g_date_time_new_utc (y, m, d, 12, 0, 0);
      /* Translators: a day in a period, see g_date_time_format():
       * "1 September 2026"; French "%-d %B %Y" */
      oldest = ef_date_time_format (noon, C_("day format", "%-d %B %Y"));
    }
  else
    oldest = g_strdup (C_("oldest due date", "None"));

  gtk_label_set_text (self->total_due_label, total);
  gtk_label_set_text (self->to_pay_count_label, count);
  gtk_label_set_text (self->oldest_due_label, oldest);
  /* An agent acting for the family records payments at the counter; the
   * card is the family's own. */
  self->online_payment = ef_finance_get_online_payment_enabled (finance)
                         && ef_client_get_on_behalf_family_id (client) == 0;
  update_pay_bar (self);
  update_actions (self);
}

static char *
payment_invoices_text (EfPayment *payment)
{
  GListModel *invoices = ef_payment_get_invoices (payment);
  guint n = invoices != NULL ? g_list_model_get_n_items (invoices) : 0;
  g_autoptr (GString) numbers = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfPaymentInvoice) invoice = g_list_model_get_item (invoices, i);

      if (numbers->len > 0)
        g_string_append (numbers, ", ");
      g_string_append (numbers, ef_payment_invoice_get_number (invoice));
    }

  /* Translators: the invoices a payment settles: "Invoices pop-F261000001, pop-F200300001" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Invoice %s", "Invoices %s", n), numbers->str);
}

/* -------------------------------------------------- following a payment */

static void
update_waiting (EfInvoicesPage *self)
{
  EfPayment *payment = self->follower != NULL ? ef_payment_follower_get_payment (self->follower) : NULL;
  const GError *error = self->follower != NULL ? ef_payment_follower_get_error (self->follower) : NULL;
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  g_autofree char *invoices = NULL;

  if (payment == NULL)
    return;

  amount = ef_money_format (ef_payment_get_amount (payment));
  /* Translators: %s is the amount being paid: "47,40 €" */
  text = g_strdup_printf (_("Pay %s on the secure payment page, in your browser. This page "
                            "follows the payment and tells you as soon as your bank has "
                            "answered."), amount);
  gtk_label_set_text (self->waiting_label, text);
  invoices = payment_invoices_text (payment);
  gtk_label_set_text (self->waiting_invoices_label, invoices);
  gtk_label_set_text (self->provider_url_label,
                      ef_payment_get_provider_url (payment) != NULL ? ef_payment_get_provider_url (payment) : "");

  if (error != NULL)
    {
      /* Translators: %s says what went wrong, e.g. "The portal cannot be reached." */
      g_autofree char *line = g_strdup_printf (_("%s The payment is checked again in a moment."),
                                               ef_client_error_get_user_message (error));

      gtk_label_set_text (self->waiting_error_label, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_error_label), error != NULL);
}

static void
stop_following (EfInvoicesPage *self)
{
  if (self->follower == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->follower, self);
  ef_payment_follower_stop (self->follower);
  g_clear_object (&self->follower);
  gtk_widget_set_visible (self->launch_failed_box, FALSE);
  update_actions (self);
}

static void
on_follower_finished_cb (EfInvoicesPage    *self,
                         EfPaymentStatus    status,
                         EfPaymentFollower *follower)
{
  EfPayment *payment = ef_payment_follower_get_payment (follower);
  g_autofree char *amount = ef_money_format (ef_payment_get_amount (payment));
  g_autofree char *text = NULL;
  MessageKind kind;

  /* The bank took the money, but the invoices had been paid another way
   * meanwhile: never "nothing was taken". */
  if (ef_payment_get_refund_due (payment))
    {
      /* Translators: %s is the amount the bank took */
      text = g_strdup_printf (_("Your bank took %s, but these invoices had already been paid "
                                "another way. The town hall will refund you: you need do "
                                "nothing."), amount);
      kind = MESSAGE_WARNING;
    }
  else switch (status)
    {
    case EF_PAYMENT_STATUS_PAID:
      /* Translators: %s is the amount paid */
      text = g_strdup_printf (_("Your payment of %s is accepted. Thank you! The receipt was sent "
                                "to you by e-mail."), amount);
      kind = MESSAGE_SUCCESS;
      break;

    case EF_PAYMENT_STATUS_REFUSED:
      text = g_strdup_printf (_("Your bank refused the payment of %s. Nothing was taken: you can "
                                "pay again, with another card if need be."), amount);
      kind = MESSAGE_ERROR;
      break;

    case EF_PAYMENT_STATUS_CANCELLED:
      text = g_strdup_printf (_("You cancelled the payment of %s. Nothing was taken."), amount);
      kind = MESSAGE_WARNING;
      break;

    case EF_PAYMENT_STATUS_EXPIRED:
      text = g_strdup_printf (_("The payment of %s was not finished in time and has expired. "
                                "Nothing was taken: you can pay again."), amount);
      kind = MESSAGE_WARNING;
      break;

    case EF_PAYMENT_STATUS_PENDING:
    default:
      g_return_if_reached ();
    }

  stop_following (self);
  if (status == EF_PAYMENT_STATUS_PAID)
    ef_invoice_selection_clear (self->selection);
  set_main_state (self, self->loaded ? "invoices" : "loading");
  show_message (self, kind, text);
  /* EfClient::billing-changed reloads the lists. */
}

static void
on_follower_following_cb (EfInvoicesPage    *self,
                          GParamSpec        *pspec,
                          EfPaymentFollower *follower)
{
  const GError *error = ef_payment_follower_get_error (follower);
  g_autofree char *text = NULL;

  /* Stopped by a lasting error: a session that ended, a payment gone. */
  if (ef_payment_follower_get_following (follower)
      || ef_payment_follower_get_status (follower) != EF_PAYMENT_STATUS_PENDING || error == NULL)
    return;

  text = g_strdup_printf (_("The payment can no longer be followed: %s"),
                          ef_client_error_get_user_message (error));
  stop_following (self);
  set_main_state (self, self->loaded ? "invoices" : "loading");
  show_message (self, MESSAGE_ERROR, text);
  load (self);
}

static void
on_follower_changed_cb (EfInvoicesPage *self)
{
  update_waiting (self);
}

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  EfInvoicesPage *self;
  g_autoptr (GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = EF_INVOICES_PAGE (user_data);
  g_debug ("Could not open the payment page: %s", error->message);
  gtk_widget_set_visible (self->launch_failed_box, TRUE);
}

static void
open_payment_page (EfInvoicesPage *self)
{
  EfPayment *payment = self->follower != NULL ? ef_payment_follower_get_payment (self->follower) : NULL;
  const char *url = payment != NULL ? ef_payment_get_provider_url (payment) : NULL;
  g_autoptr (GdkAppLaunchContext) context = NULL;

  if (url == NULL)
    return;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (url, G_APP_LAUNCH_CONTEXT (context),
                                           self->payment_cancellable, on_launched_cb, self);
}

static void
follow (EfInvoicesPage *self,
        EfPayment      *payment,
        gboolean        open_page)
{
  stop_following (self);

  self->follower = ef_payment_follower_new (ef_page_get_client (EF_PAGE (self)), payment);
  g_signal_connect_object (self->follower, "finished", G_CALLBACK (on_follower_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->follower, "notify::following",
                           G_CALLBACK (on_follower_following_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->follower, "notify::error",
                           G_CALLBACK (on_follower_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->follower, "notify::payment",
                           G_CALLBACK (on_follower_changed_cb), self, G_CONNECT_SWAPPED);

  hide_message (self);
  gtk_widget_set_visible (self->launch_failed_box, FALSE);
  update_waiting (self);
  update_actions (self);
  set_main_state (self, "waiting");
  ef_payment_follower_start (self->follower);

  if (open_page)
    open_payment_page (self);
}

static void
on_payment_created_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  EfInvoicesPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPayment) payment = NULL;

  payment = ef_client_create_payment_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_INVOICES_PAGE (user_data);
  self->creating = FALSE;
  gtk_stack_set_visible_child_name (self->pay_button_stack, "label");
  gtk_spinner_set_spinning (self->pay_spinner, FALSE);
  update_actions (self);

  if (payment == NULL)
    {
      show_message (self, MESSAGE_ERROR, ef_client_error_get_user_message (error));
      /* Already under way, or settled meanwhile: the lists say so now. */
      if (g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS)
          || g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_INVOICE_NOT_PAYABLE)
          || g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_FOUND)
          || g_error_matches (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PAYMENT_UNAVAILABLE))
        load (self);
      return;
    }

  follow (self, payment, TRUE);
}

/* A payment under way on the portal, from before a restart or from
 * another window: followed again, without opening the browser. */
static void
on_pending_payments_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  EfInvoicesPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) payments = NULL;

  payments = ef_client_get_payments_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_INVOICES_PAGE (user_data);
  if (payments == NULL)
    {
      g_debug ("Could not look for a payment under way: %s", error->message);
      self->looked_for_pending = FALSE;
      return;
    }

  if (self->follower != NULL || self->creating)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr (EfPayment) payment = g_list_model_get_item (payments, i);

      if (ef_payment_get_status (payment) == EF_PAYMENT_STATUS_PENDING
          && ef_payment_get_channel (payment) == EF_PAYMENT_CHANNEL_ONLINE_CARD)
        {
          follow (self, payment, FALSE);
          return;
        }
    }
}

static void
look_for_pending_payment (EfInvoicesPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  if (self->looked_for_pending || !ef_client_get_signed_in (client))
    return;

  self->looked_for_pending = TRUE;
  ef_client_get_payments_async (client, TRUE, self->payment_cancellable,
                                on_pending_payments_cb, self);
}

/* ------------------------------------------------------------- loading */

static void
loaded_one (EfInvoicesPage *self)
{
  g_assert (self->n_loading > 0);

  if (--self->n_loading > 0)
    return;

  if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "loading"))
    set_main_state (self, self->follower != NULL ? "waiting" : self->loaded ? "invoices" : "error");
}

static void
on_invoices_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  EfInvoicesPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) invoices = NULL;

  invoices = ef_client_get_invoices_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_INVOICES_PAGE (user_data);
  if (invoices == NULL)
    {
      if (!self->loaded)
        {
          adw_status_page_set_description (self->error_page, ef_client_error_get_user_message (error));
          set_main_state (self, "error");
        }
      else
        {
          show_message (self, MESSAGE_ERROR, ef_client_error_get_user_message (error));
        }
      loaded_one (self);
      return;
    }

  set_invoices (self, invoices);
  self->loaded = TRUE;
  loaded_one (self);
}

static void
on_finance_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  EfInvoicesPage *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFinance) finance = NULL;

  finance = ef_client_get_finance_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_INVOICES_PAGE (user_data);
  if (finance != NULL)
    set_finance (self, finance);
  else
    g_debug ("Could not load the financial situation: %s", error->message);
  loaded_one (self);
}

static void
load (EfInvoicesPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable;

  if (!ef_client_get_signed_in (client))
    return;

  cancellable = ef_page_renew_cancellable (EF_PAGE (self));

  if (!self->loaded && self->follower == NULL)
    set_main_state (self, "loading");

  self->n_loading = 2;
  ef_client_get_invoices_async (client, EF_INVOICE_FILTER_ALL, cancellable,
                                on_invoices_loaded_cb, self);
  ef_client_get_finance_async (client, cancellable, on_finance_loaded_cb, self);
  look_for_pending_payment (self);
}

/* ----------------------------------------------------------- list rows */

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 EfInvoicesPage           *self)
{
  gtk_list_item_set_child (item, ef_invoice_row_new (self->selection));
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                EfInvoicesPage           *self)
{
  ef_invoice_row_set_invoice (EF_INVOICE_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item), self->today);
}

static void
on_unbind_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  EfInvoicesPage           *self)
{
  ef_invoice_row_set_invoice (EF_INVOICE_ROW (gtk_list_item_get_child (item)), NULL, self->today);
}

static void
set_up_list (EfInvoicesPage *self,
             GtkListView    *list,
             GListStore     *store)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkSelectionModel) model = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (store))));

  g_signal_connect_object (factory, "setup", G_CALLBACK (on_setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_unbind_row_cb), self, 0);
  gtk_list_view_set_factory (list, factory);
  gtk_list_view_set_model (list, model);
}

/* ----------------------------------------------------------- callbacks */

static void
open_invoice (EfInvoicesPage *self,
              gint64          id,
              gboolean        show_pdf)
{
  g_autoptr (EfInvoice) invoice = find_invoice (self, id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  if (invoice == NULL)
    return;

  if (self->invoice_window != NULL)
    gtk_window_destroy (self->invoice_window);

  self->invoice_window = GTK_WINDOW (ef_invoice_window_new (client, invoice, show_pdf));
  g_object_add_weak_pointer (G_OBJECT (self->invoice_window), (gpointer *) &self->invoice_window);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (self->invoice_window, GTK_WINDOW (root));
  gtk_window_set_modal (self->invoice_window, TRUE);
  gtk_window_present (self->invoice_window);
}

static void
on_list_activate_cb (EfInvoicesPage *self,
                     guint           position,
                     GtkListView    *list)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr (EfInvoice) invoice = g_list_model_get_item (model, position);

  if (invoice != NULL)
    open_invoice (self, ef_invoice_get_id (invoice), FALSE);
}

static void
on_view_changed_cb (EfInvoicesPage *self)
{
  update_scrolled_list (self);
  update_pay_bar (self);
}

static void
on_selection_notify_cb (EfInvoicesPage *self)
{
  update_total (self);
}

/* The page reads everything again when it is shown: a hidden page waits. */
static void
on_billing_changed_cb (EfInvoicesPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
on_today_changed_cb (EfInvoicesPage *self)
{
  /* "Overdue" moves with the portal's day. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
on_signed_in_changed_cb (EfInvoicesPage *self)
{
  if (!ef_client_get_signed_in (ef_page_get_client (EF_PAGE (self))))
    {
      stop_following (self);
      g_cancellable_cancel (self->payment_cancellable);
      g_clear_object (&self->payment_cancellable);
      self->payment_cancellable = g_cancellable_new ();
      self->looked_for_pending = FALSE;
    }
}

/* Back from the browser: ask now rather than after the wait. */
static void
on_root_active_cb (EfInvoicesPage *self,
                   GParamSpec     *pspec,
                   GtkWindow      *window)
{
  if (self->follower != NULL && gtk_window_is_active (window))
    ef_payment_follower_read_now (self->follower);
}

/* ------------------------------------------------------------- actions */

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ef_invoices_page_reload (EF_INVOICES_PAGE (widget));
}

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EfInvoicesPage *self = EF_INVOICES_PAGE (widget);
  g_autoptr (GArray) ids = ef_invoice_selection_get_ids (self->selection);
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  if (ids->len == 0 || self->creating || self->follower != NULL)
    return;

  hide_message (self);
  self->creating = TRUE;
  gtk_stack_set_visible_child_name (self->pay_button_stack, "busy");
  gtk_spinner_set_spinning (self->pay_spinner, TRUE);
  update_actions (self);
  ef_client_create_payment_async (client, (const gint64 *) ids->data, ids->len,
                                  self->payment_cancellable, on_payment_created_cb, self);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ef_invoice_selection_select_all (EF_INVOICES_PAGE (widget)->selection);
}

static void
show_invoice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_invoice (EF_INVOICES_PAGE (widget), g_variant_get_int64 (parameter),
                g_str_equal (action_name, "invoices.show-pdf"));
}

static void
open_payment_page_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  open_payment_page (EF_INVOICES_PAGE (widget));
}

static void
stop_following_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EfInvoicesPage *self = EF_INVOICES_PAGE (widget);

  stop_following (self);
  set_main_state (self, self->loaded ? "invoices" : "loading");
  show_message (self, MESSAGE_INFO,
                _("The payment is no longer followed here. If you paid, the invoices show as "
                  "settled as soon as your bank has confirmed it to the town hall."));
  load (self);
}

static void
copy_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EfInvoicesPage *self = EF_INVOICES_PAGE (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_label_get_text (self->provider_url_label));
}

static void
dismiss_message_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  hide_message (EF_INVOICES_PAGE (widget));
}

/* --------------------------------------------------------------- vfuncs */

static void
ef_invoices_page_constructed (GObject *object)
{
  EfInvoicesPage *self = EF_INVOICES_PAGE (object);
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  G_OBJECT_CLASS (ef_invoices_page_parent_class)->constructed (object);

  self->today = ef_client_get_today (client);
  /* An agent reads the family's pages on its behalf. */
  if (ef_client_get_on_behalf_family_id (client) != 0)
    adw_status_page_set_description (self->empty_page, _("Every invoice of this family is settled."));
  g_signal_connect_object (client, "billing-changed",
                           G_CALLBACK (on_billing_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "notify::today",
                           G_CALLBACK (on_today_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "notify::signed-in",
                           G_CALLBACK (on_signed_in_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "notify::offline",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  /* A payment left under way is looked for at once, whichever page shows. */
  look_for_pending_payment (self);
}

static void
ef_invoices_page_map (GtkWidget *widget)
{
  EfInvoicesPage *self = EF_INVOICES_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (ef_invoices_page_parent_class)->map (widget);

  root = gtk_widget_get_root (widget);
  if (root != self->root)
    {
      if (self->root != NULL)
        g_signal_handlers_disconnect_by_func (self->root, on_root_active_cb, self);
      self->root = root;
      if (GTK_IS_WINDOW (root))
        g_signal_connect_object (root, "notify::is-active", G_CALLBACK (on_root_active_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  load (self);
}

static void
ef_invoices_page_dispose (GObject *object)
{
  EfInvoicesPage *self = EF_INVOICES_PAGE (object);

  if (self->invoice_window != NULL)
    gtk_window_destroy (self->invoice_window);
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_root_active_cb, self);
  self->root = NULL;
  stop_following (self);
  g_cancellable_cancel (self->payment_cancellable);
  g_clear_object (&self->payment_cancellable);

  /* The template goes first: its widgets read the lists to the end. */
  G_OBJECT_CLASS (ef_invoices_page_parent_class)->dispose (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->to_pay);
  g_clear_object (&self->settled);
}

/* The tiles of the situation side by side have the same size; one under
 * the other (a phone, large text), each has its own height, instead of
 * that of the tallest. Decided from the width the flow box was just
 * given, which does not depend on this; returns whether it changed (the
 * page is then laid out again, in the same allocation). */
static gboolean
update_situation_layout (EfInvoicesPage *self)
{
  GtkFlowBox *flow = self->situation_flow;
  int width = gtk_widget_get_width (GTK_WIDGET (flow));
  int spacing = (int) gtk_flow_box_get_column_spacing (flow);
  int widest = 0;
  gboolean side_by_side;

  if (width <= 0)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (flow)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      widest = MAX (widest, minimum);
    }
  /* As the homogeneous flow box counts: at least two of the widest a line. */
  side_by_side = width >= 2 * widest + spacing;
  if (gtk_flow_box_get_homogeneous (flow) == side_by_side)
    return FALSE;
  gtk_flow_box_set_homogeneous (flow, side_by_side);
  gtk_flow_box_set_max_children_per_line (flow, side_by_side ? 3 : 1);
  return TRUE;
}

/* A GtkBinLayout, then update_situation_layout(). */
static void
measure_page (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  int largest_minimum = 0, largest_natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum = 0, child_natural = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_minimum, &child_natural, NULL, NULL);
      largest_minimum = MAX (largest_minimum, child_minimum);
      largest_natural = MAX (largest_natural, child_natural);
    }
  *minimum = largest_minimum;
  *natural = largest_natural;
}

static void
allocate_children (GtkWidget *widget,
                   int        width,
                   int        height,
                   int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
allocate_page (GtkWidget *widget,
               int        width,
               int        height,
               int        baseline)
{
  allocate_children (widget, width, height, baseline);
  if (update_situation_layout (EF_INVOICES_PAGE (widget)))
    allocate_children (widget, width, height, baseline);
}

static void
ef_invoices_page_class_init (EfInvoicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ef_invoices_page_constructed;
  object_class->dispose = ef_invoices_page_dispose;
  widget_class->map = ef_invoices_page_map;

  gtk_widget_class_install_action (widget_class, "invoices.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "invoices.pay", NULL, pay_action);
  gtk_widget_class_install_action (widget_class, "invoices.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "invoices.show-details", "x", show_invoice_action);
  gtk_widget_class_install_action (widget_class, "invoices.show-pdf", "x", show_invoice_action);
  gtk_widget_class_install_action (widget_class, "invoices.open-payment-page", NULL,
                                   open_payment_page_action);
  gtk_widget_class_install_action (widget_class, "invoices.stop-following", NULL,
                                   stop_following_action);
  gtk_widget_class_install_action (widget_class, "invoices.copy-address", NULL, copy_address_action);
  gtk_widget_class_install_action (widget_class, "invoices.dismiss-message", NULL,
                                   dismiss_message_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "invoices.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "invoices.reload", NULL);

  g_type_ensure (EF_TYPE_WRAP_BOX);
  g_type_ensure (EF_TYPE_INVOICES_SCROLLER);
  g_type_ensure (EF_TYPE_INVOICES_VIEWPORT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-invoices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, total_due_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, situation_flow);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, to_pay_count_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, oldest_due_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, message_box);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, message_icon);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, to_pay_stack);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, to_pay_list);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, settled_stack);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, settled_list);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, pay_revealer);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, selected_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, partial_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, pay_button);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, pay_button_stack);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, pay_spinner);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, waiting_title);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, waiting_invoices_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, launch_failed_box);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, provider_url_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoicesPage, waiting_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
}

static void
ef_invoices_page_init (EfInvoicesPage *self)
{
  gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_custom_layout_new (NULL, measure_page, allocate_page));
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("My Invoices"));
  /* Each tile of the situation is named by its caption and its figure. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->situation_flow)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *caption = gtk_widget_get_first_child (tile);

      gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      caption, gtk_widget_get_next_sibling (caption), NULL, -1);
    }

  self->payment_cancellable = g_cancellable_new ();
  self->to_pay = g_list_store_new (EF_TYPE_INVOICE);
  self->settled = g_list_store_new (EF_TYPE_INVOICE);
  self->selection = ef_invoice_selection_new ();
  ef_invoice_selection_set_invoices (self->selection, G_LIST_MODEL (self->to_pay));
  g_signal_connect_object (self->selection, "notify::n-selected",
                           G_CALLBACK (on_selection_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::total",
                           G_CALLBACK (on_selection_notify_cb), self, G_CONNECT_SWAPPED);
  self->online_payment = TRUE;

  set_up_list (self, self->to_pay_list, self->to_pay);
  set_up_list (self, self->settled_list, self->settled);
  update_scrolled_list (self);
  update_total (self);
  update_actions (self);
}

/* ---------------------------------------------------------- public API */

/**
 * ef_invoices_page_new:
 * @client: the signed-in #EfClient
 *
 * Returns: (transfer floating): a new Mes factures page; it loads when
 *   mapped, and looks at once for a payment left under way
 */
GtkWidget *
ef_invoices_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_INVOICES_PAGE, "client", client, NULL);
}

void
ef_invoices_page_reload (EfInvoicesPage *self)
{
  g_return_if_fail (EF_IS_INVOICES_PAGE (self));

  load (self);
}

/**
 * ef_invoices_page_get_state:
 * @self: an #EfInvoicesPage
 *
 * Returns: "loading", "error", "invoices" or "waiting" (a payment followed)
 */
const char *
ef_invoices_page_get_state (EfInvoicesPage *self)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * ef_invoices_page_set_view:
 * @self: an #EfInvoicesPage
 * @view: "to-pay" or "settled"
 */
void
ef_invoices_page_set_view (EfInvoicesPage *self,
                           const char     *view)
{
  g_return_if_fail (EF_IS_INVOICES_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

const char *
ef_invoices_page_get_view (EfInvoicesPage *self)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * ef_invoices_page_get_list:
 * @self: an #EfInvoicesPage
 * @view: "to-pay" or "settled"
 *
 * Returns: (transfer none): the list view of @view
 */
GtkListView *
ef_invoices_page_get_list (EfInvoicesPage *self,
                           const char     *view)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return g_str_equal (view, "settled") ? self->settled_list : self->to_pay_list;
}

/**
 * ef_invoices_page_get_invoices:
 * @self: an #EfInvoicesPage
 * @view: "to-pay" or "settled"
 *
 * Returns: (transfer none): the #GListModel of #EfInvoice shown in @view
 */
GListModel *
ef_invoices_page_get_invoices (EfInvoicesPage *self,
                               const char     *view)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return G_LIST_MODEL (g_str_equal (view, "settled") ? self->settled : self->to_pay);
}

EfInvoiceSelection *
ef_invoices_page_get_selection (EfInvoicesPage *self)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return self->selection;
}

/**
 * ef_invoices_page_get_follower:
 * @self: an #EfInvoicesPage
 *
 * Returns: (transfer none) (nullable): what follows the payment under way
 */
EfPaymentFollower *
ef_invoices_page_get_follower (EfInvoicesPage *self)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return self->follower;
}

const char *
ef_invoices_page_get_total_text (EfInvoicesPage *self)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return gtk_label_get_text (self->total_label);
}

const char *
ef_invoices_page_get_selected_text (EfInvoicesPage *self)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return gtk_label_get_text (self->selected_label);
}

/**
 * ef_invoices_page_get_message:
 * @self: an #EfInvoicesPage
 *
 * Returns: (nullable): the sentence shown above the lists, if any
 */
const char *
ef_invoices_page_get_message (EfInvoicesPage *self)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->message_revealer)
           ? gtk_label_get_text (self->message_label) : NULL;
}

/**
 * ef_invoices_page_get_situation:
 * @self: an #EfInvoicesPage
 * @which: "total", "count" or "oldest"
 *
 * Returns: the financial situation's figure, as shown
 */
const char *
ef_invoices_page_get_situation (EfInvoicesPage *self,
                                const char     *which)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  if (g_str_equal (which, "count"))
    return gtk_label_get_text (self->to_pay_count_label);
  if (g_str_equal (which, "oldest"))
    return gtk_label_get_text (self->oldest_due_label);
  return gtk_label_get_text (self->total_due_label);
}

GtkWidget *
ef_invoices_page_get_pay_button (EfInvoicesPage *self)
{
  g_return_val_if_fail (EF_IS_INVOICES_PAGE (self), NULL);

  return GTK_WIDGET (self->pay_button);
}

/**
 * ef_invoices_page_show_invoices:
 * @self: an #EfInvoicesPage
 * @invoices: a #GListModel of #EfInvoice
 *
 * Shows @invoices as if the portal had given them, for benchmarks and
 * tests of the lists alone.
 */
void
ef_invoices_page_show_invoices (EfInvoicesPage *self,
                                GListModel     *invoices)
{
  g_return_if_fail (EF_IS_INVOICES_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (invoices));

  g_cancellable_cancel (ef_page_get_cancellable (EF_PAGE (self)));
  set_invoices (self, invoices);
  self->loaded = TRUE;
  set_main_state (self, "invoices");
}
