/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-wrap-box.c: a row of widgets that wraps onto more lines when narrow
 *
 * GTK 4.8 has no wrap box and libadwaita 1.2 no breakpoints. While its
 * children fit side by side at their minimum widths, an EfWrapBox lays
 * them out exactly as a horizontal GtkBox does (minimum widths, then
 * towards the natural ones, the rest to the children that expand), so
 * that normal windows look the same. Narrower, the children go onto
 * as many lines as needed, each taking its natural width when there is
 * room (a wrapping label gets a line of its own), each line laid out
 * like a box; on a line with no expanding child, what is left goes
 * before the first child aligned at the end (halign end), so that
 * buttons stay at the end. Its minimum width is that of its widest
 * child: a window can be as narrow as a phone.
 *
 * Children are added with <child> in templates or ef_wrap_box_append().
 * The CSS name is "box", as for GtkBox.
 */

#define G_LOG_DOMAIN "EfWrapBox"

#include "config.h"

#include "ef-wrap-box.h"

struct _EfWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       row_spacing;
};

static void ef_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EfWrapBox, ef_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, ef_wrap_box_buildable_init))

enum {
  PROP_0,
  PROP_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

/* One child on a line: its widget and the width it gets. */
typedef struct {
  GtkWidget *widget;
  int        minimum;
  int        natural;
  int        width;
  int        line;
} Item;

static GArray *
visible_items (EfWrapBox *self)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Item item = { .widget = child };

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &item.minimum, &item.natural, NULL, NULL);
      g_array_append_val (items, item);
    }
  return items;
}

/* Which line each item goes on at @width; returns the number of lines. */
static int
break_lines (EfWrapBox *self,
             GArray    *items,
             int        width)
{
  int sum = 0;
  int line = 0;
  int used = 0;

  for (guint i = 0; i < items->len; i++)
    sum += g_array_index (items, Item, i).minimum + (i > 0 ? self->spacing : 0);
  if (sum <= width)
    {
      for (guint i = 0; i < items->len; i++)
        g_array_index (items, Item, i).line = 0;
      return items->len > 0 ? 1 : 0;
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      int w = MIN (MAX (item->natural, item->minimum), width);

      if (used > 0 && used + self->spacing + w > width)
        {
          line++;
          used = 0;
        }
      item->line = line;
      used += (used > 0 ? self->spacing : 0) + w;
    }
  return items->len > 0 ? line + 1 : 0;
}

/* The widths of the items of @line within @width, as GtkBox gives them;
 * returns what is left when no child expands. */
static int
share_line (EfWrapBox *self,
            GArray    *items,
            int        line,
            int        width)
{
  g_autoptr (GArray) sizes = g_array_new (FALSE, TRUE, sizeof (GtkRequestedSize));
  int extra = width;
  int n_expand = 0;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      GtkRequestedSize size = { .data = item, .minimum_size = item->minimum, .natural_size = item->natural };

      if (item->line != line)
        continue;
      extra -= item->minimum + (sizes->len > 0 ? self->spacing : 0);
      if (gtk_widget_compute_expand (item->widget, GTK_ORIENTATION_HORIZONTAL))
        n_expand++;
      g_array_append_val (sizes, size);
    }
  if (sizes->len == 0)
    return 0;
  extra = MAX (extra, 0);
  extra = gtk_distribute_natural_allocation (extra, sizes->len, (GtkRequestedSize *) sizes->data);
  for (guint i = 0; i < sizes->len; i++)
    {
      GtkRequestedSize *size = &g_array_index (sizes, GtkRequestedSize, i);
      Item *item = size->data;

      item->width = size->minimum_size;
      if (n_expand > 0 && gtk_widget_compute_expand (item->widget, GTK_ORIENTATION_HORIZONTAL))
        {
          int share = extra / n_expand;

          item->width += share;
          extra -= share;
          n_expand--;
        }
    }
  return extra;
}

/* The height of @line, its children at the widths share_line() gave. */
static void
measure_line (GArray *items,
              int     line,
              int    *minimum,
              int    *natural)
{
  *minimum = *natural = 0;
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      int min = 0, nat = 0;

      if (item->line != line)
        continue;
      gtk_widget_measure (item->widget, GTK_ORIENTATION_VERTICAL, item->width, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static GtkSizeRequestMode
ef_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ef_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  EfWrapBox *self = EF_WRAP_BOX (widget);
  g_autoptr (GArray) items = visible_items (self);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      for (guint i = 0; i < items->len; i++)
        {
          Item *item = &g_array_index (items, Item, i);

          *minimum = MAX (*minimum, item->minimum);
          *natural += item->natural + (i > 0 ? self->spacing : 0);
        }
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      int width = for_size;
      int n_lines;

      if (width < 0)
        {
          /* One line, as wide as it likes. */
          width = 0;
          for (guint i = 0; i < items->len; i++)
            width += g_array_index (items, Item, i).natural + (i > 0 ? self->spacing : 0);
        }
      n_lines = break_lines (self, items, width);
      for (int line = 0; line < n_lines; line++)
        {
          int min, nat;

          share_line (self, items, line, width);
          measure_line (items, line, &min, &nat);
          *minimum += min + (line > 0 ? self->row_spacing : 0);
          *natural += nat + (line > 0 ? self->row_spacing : 0);
        }
    }
}

static void
ef_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  EfWrapBox *self = EF_WRAP_BOX (widget);
  g_autoptr (GArray) items = visible_items (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int n_lines = break_lines (self, items, width);
  int y = 0;

  for (int line = 0; line < n_lines; line++)
    {
      int left = share_line (self, items, line, width);
      gboolean pushed = FALSE;
      int min, nat, line_height, x = 0;

      measure_line (items, line, &min, &nat);
      line_height = n_lines == 1 ? MAX (height, min) : nat;
      for (guint i = 0; i < items->len; i++)
        {
          Item *item = &g_array_index (items, Item, i);

          if (item->line != line)
            continue;
          if (!pushed && left > 0 && gtk_widget_get_halign (item->widget) == GTK_ALIGN_END)
            {
              x += left;
              pushed = TRUE;
            }
          gtk_widget_size_allocate (item->widget,
                                    &(GtkAllocation) { rtl ? width - x - item->width : x, y,
                                                       item->width, line_height },
                                    -1);
          x += item->width + self->spacing;
        }
      y += line_height + self->row_spacing;
    }
}

static void
ef_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ef_wrap_box_parent_class)->dispose (object);
}

static void
ef_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EfWrapBox *self = EF_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EfWrapBox *self = EF_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      self->spacing = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_ROW_SPACING:
      self->row_spacing = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_wrap_box_buildable_add_child (GtkBuildable *buildable,
                                 GtkBuilder   *builder,
                                 GObject      *child,
                                 const char   *type)
{
  if (GTK_IS_WIDGET (child))
    ef_wrap_box_append (EF_WRAP_BOX (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
ef_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = ef_wrap_box_buildable_add_child;
}

static void
ef_wrap_box_class_init (EfWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_wrap_box_dispose;
  object_class->get_property = ef_wrap_box_get_property;
  object_class->set_property = ef_wrap_box_set_property;

  widget_class->get_request_mode = ef_wrap_box_get_request_mode;
  widget_class->measure = ef_wrap_box_measure;
  widget_class->size_allocate = ef_wrap_box_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ef_wrap_box_init (EfWrapBox *self)
{
}

GtkWidget *
ef_wrap_box_new (void)
{
  return g_object_new (EF_TYPE_WRAP_BOX, NULL);
}

/**
 * ef_wrap_box_append:
 * @self: a wrap box
 * @child: a widget without parent
 *
 * Adds @child after the others.
 */
void
ef_wrap_box_append (EfWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (EF_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}
