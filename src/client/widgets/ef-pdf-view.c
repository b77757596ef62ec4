/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pdf-view.c: the pages of a PDF document, with zoom, print, save and open
 *
 * Every page of an EfPdfDocument, one under the other in a scrolled
 * window, each a small widget that shows the texture its worker made. The
 * pages on screen are rendered first, then those within a screen of them,
 * one at a time (a document renders in one thread at a time anyway);
 * pages farther away give their texture back and wait to be scrolled to.
 * Textures are drawn at the display's scale factor, so that a page is as
 * sharp on a HiDPI screen as on paper. A zoom step resizes the pages at
 * once, showing the old texture stretched, and renders again a moment
 * after the last step.
 */

#define G_LOG_DOMAIN "EfPdfView"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ef-accessible.h"
#include "ef-pdf-view.h"
#include "ef-widget-util.h"

/* At zoom 1.0 a point is 96/72 logical pixels: the page at its real size
 * on a 96 dpi screen. */
#define PIXELS_PER_POINT (96.0 / 72.0)
/* Renders again this long after the last zoom step, not after each. */
#define RENDER_DELAY_MS  150
#define SPINNER_SIZE     32

typedef enum {
  ZOOM_AUTOMATIC,   /* fit width, but never larger than the real size */
  ZOOM_FIT_WIDTH,
  ZOOM_FIXED,
} ZoomMode;

typedef enum {
  PAGE_VISIBLE,
  PAGE_NEAR,        /* within a screen of the visible area */
  PAGE_FAR,
} PagePlace;

static const double zoom_levels[] = {
  0.25, 0.33, 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0,
};

/* EfPdfPage: one page, drawn from its texture over white paper ------- */

#define EF_TYPE_PDF_PAGE (ef_pdf_page_get_type ())
G_DECLARE_FINAL_TYPE (EfPdfPage, ef_pdf_page, EF, PDF_PAGE, GtkWidget)

struct _EfPdfPage
{
  GtkWidget   parent_instance;

  GtkWidget  *spinner;
  GdkTexture *texture;
  double      texture_scale;     /* pixels per point of @texture */
  double      failed_scale;      /* the scale whose render failed, or 0 */
  double      scale;             /* pixels per point the view wants now */
  int         scale_factor;
  int         width;             /* logical pixels */
  int         height;
};

G_DEFINE_FINAL_TYPE (EfPdfPage, ef_pdf_page, GTK_TYPE_WIDGET)

static void
ef_pdf_page_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  EfPdfPage *self = EF_PDF_PAGE (widget);

  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;
}

static void
ef_pdf_page_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  EfPdfPage *self = EF_PDF_PAGE (widget);
  int size;

  gtk_widget_measure (self->spinner, GTK_ORIENTATION_HORIZONTAL, -1, &size, NULL, NULL, NULL);
  gtk_widget_measure (self->spinner, GTK_ORIENTATION_VERTICAL, -1, &size, NULL, NULL, NULL);
  /* Near the top, where a long page starts to show. */
  gtk_widget_size_allocate (self->spinner,
                            &(GtkAllocation) { (width - SPINNER_SIZE) / 2,
                                               MIN ((height - SPINNER_SIZE) / 2, 4 * SPINNER_SIZE),
                                               SPINNER_SIZE, SPINNER_SIZE },
                            -1);
}

static void
ef_pdf_page_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  EfPdfPage *self = EF_PDF_PAGE (widget);

  if (self->texture != NULL)
    {
      /* 1.0 device pixel per texture pixel once rendered for the current
       * scale; until then the old texture, stretched to the page. */
      double factor = self->scale / self->texture_scale / self->scale_factor;

      gtk_snapshot_append_texture (snapshot, self->texture,
                                   &GRAPHENE_RECT_INIT (0, 0,
                                                        gdk_texture_get_width (self->texture) * factor,
                                                        gdk_texture_get_height (self->texture) * factor));
    }
  gtk_widget_snapshot_child (widget, self->spinner, snapshot);
}

static void
ef_pdf_page_dispose (GObject *object)
{
  EfPdfPage *self = EF_PDF_PAGE (object);

  g_clear_pointer (&self->spinner, gtk_widget_unparent);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (ef_pdf_page_parent_class)->dispose (object);
}

static void
ef_pdf_page_class_init (EfPdfPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_pdf_page_dispose;
  widget_class->measure = ef_pdf_page_measure;
  widget_class->size_allocate = ef_pdf_page_size_allocate;
  widget_class->snapshot = ef_pdf_page_snapshot;

  gtk_widget_class_set_css_name (widget_class, "efpdfpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ef_pdf_page_init (EfPdfPage *self)
{
  self->scale_factor = 1;
  self->scale = 1.0;
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, SPINNER_SIZE, SPINNER_SIZE);
  gtk_widget_set_parent (self->spinner, GTK_WIDGET (self));
  /* Tab reaches each page, and the viewport scrolls to it. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* Narrower pages than the widest, centred, at their own width. */
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

static void
page_set_geometry (EfPdfPage *self,
                   int        width,
                   int        height,
                   double     scale,
                   int        scale_factor)
{
  if (width != self->width || height != self->height)
    {
      self->width = width;
      self->height = height;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  self->scale = scale;
  self->scale_factor = scale_factor;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
page_set_texture (EfPdfPage  *self,
                  GdkTexture *texture,
                  double      scale)
{
  if (!g_set_object (&self->texture, texture) && self->texture_scale == scale)
    return;
  self->texture_scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Only the spinner's state changes, never the layout: this may run while
 * GTK lays out. A spinner that does not spin draws nothing. */
static void
page_set_loading (EfPdfPage *self,
                  gboolean   loading)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), loading);
}

static gboolean
page_needs_render (EfPdfPage *self,
                   double     scale)
{
  return (self->texture == NULL || self->texture_scale != scale) && self->failed_scale != scale;
}

/* EfPdfView ---------------------------------------------------------- */

struct _EfPdfView
{
  GtkWidget          parent_instance;

  /* template children */
  GtkScrolledWindow *scrolled_window;
  GtkBox            *pages_box;
  GtkLabel          *zoom_label;

  EfPdfDocument     *document;
  char              *suggested_name;
  char              *zoom_text;
  GPtrArray         *pages;               /* EfPdfPage, children of pages_box */
  double             zoom;
  ZoomMode           zoom_mode;
  int                scale_factor;
  gboolean           rendering;
  double             scroll_delta;        /* of Ctrl+scroll, not yet a zoom step */

  GCancellable      *cancellable;         /* print, save, open */
  GCancellable      *render_cancellable;  /* the renders of @document */
  int                render_page;         /* the page in the worker, or -1 */
  double             render_scale;        /* its scale */
  guint              render_delay_id;
  guint              tick_id;
  GtkNativeDialog   *save_dialog;
};

G_DEFINE_FINAL_TYPE (EfPdfView, ef_pdf_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SUGGESTED_NAME,
  PROP_ZOOM,
  PROP_RENDERING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void render_next (EfPdfView *self);

static void
ensure_style (GdkDisplay *display)
{
  GtkCssProvider *provider;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "ef-pdf-view-style") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/widgets/ef-pdf-view.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "ef-pdf-view-style", provider, g_object_unref);
}

static EfPdfPage *
get_page (EfPdfView *self,
          guint      page_index)
{
  return g_ptr_array_index (self->pages, page_index);
}

static double
current_render_scale (EfPdfView *self)
{
  return self->zoom * PIXELS_PER_POINT * self->scale_factor;
}

static void
report_error (EfPdfView  *self,
              const char *message)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
}

static void
set_rendering (EfPdfView *self,
               gboolean   rendering)
{
  if (self->rendering == rendering)
    return;
  self->rendering = rendering;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERING]);
}

static void
update_actions (EfPdfView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_document = self->document != NULL;

  gtk_widget_action_set_enabled (widget, "pdf.zoom-in",
                                 has_document && self->zoom < EF_PDF_VIEW_MAX_ZOOM - 1e-3);
  gtk_widget_action_set_enabled (widget, "pdf.zoom-out",
                                 has_document && self->zoom > EF_PDF_VIEW_MIN_ZOOM + 1e-3);
  gtk_widget_action_set_enabled (widget, "pdf.zoom-fit", has_document);
  gtk_widget_action_set_enabled (widget, "pdf.zoom-reset", has_document);
  gtk_widget_action_set_enabled (widget, "pdf.print", has_document);
  gtk_widget_action_set_enabled (widget, "pdf.save", has_document);
  gtk_widget_action_set_enabled (widget, "pdf.open", has_document);
}

static void
update_zoom_label (EfPdfView *self)
{
  g_free (self->zoom_text);
  /* Translators: the zoom level, "150%"; French writes "150 %" */
  self->zoom_text = g_strdup_printf (_("%d%%"), (int) round (self->zoom * 100.0));
  gtk_label_set_text (self->zoom_label, self->zoom_text);
}

/* Each page's size in logical pixels is its texture's size at the current
 * scale divided by the scale factor, rounded up: the texture then covers
 * the page one device pixel per texture pixel. */
static void
update_page_sizes (EfPdfView *self)
{
  double scale = current_render_scale (self);

  for (guint i = 0; i < self->pages->len; i++)
    {
      int width, height;

      ef_pdf_document_get_page_pixel_size (self->document, i, scale, &width, &height);
      page_set_geometry (get_page (self, i),
                         (width + self->scale_factor - 1) / self->scale_factor,
                         (height + self->scale_factor - 1) / self->scale_factor,
                         scale, self->scale_factor);
    }
}

static gboolean
on_render_delay_cb (gpointer user_data)
{
  EfPdfView *self = user_data;

  self->render_delay_id = 0;
  render_next (self);
  return G_SOURCE_REMOVE;
}

static void
render_later (EfPdfView *self)
{
  if (self->document == NULL)
    return;
  g_clear_handle_id (&self->render_delay_id, g_source_remove);
  self->render_delay_id = g_timeout_add (RENDER_DELAY_MS, on_render_delay_cb, self);
  set_rendering (self, TRUE);
}

static void
set_zoom (EfPdfView *self,
          double     zoom)
{
  zoom = CLAMP (zoom, EF_PDF_VIEW_MIN_ZOOM, EF_PDF_VIEW_MAX_ZOOM);
  if (G_APPROX_VALUE (zoom, self->zoom, 1e-4))
    return;

  self->zoom = zoom;
  update_page_sizes (self);
  update_zoom_label (self);
  update_actions (self);
  render_later (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static double
next_zoom_level (double zoom,
                 int    direction)
{
  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
        if (zoom_levels[i] > zoom + 0.005)
          return zoom_levels[i];
      return EF_PDF_VIEW_MAX_ZOOM;
    }
  for (guint i = G_N_ELEMENTS (zoom_levels); i > 0; i--)
    if (zoom_levels[i - 1] < zoom - 0.005)
      return zoom_levels[i - 1];
  return EF_PDF_VIEW_MIN_ZOOM;
}

static void
step_zoom (EfPdfView *self,
           int        direction)
{
  self->zoom_mode = ZOOM_FIXED;
  set_zoom (self, next_zoom_level (self->zoom, direction));
}

/* In the fit modes, the zoom that fits the widest page into the viewport. */
static void
apply_fit (EfPdfView *self)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scrolled_window);
  GtkWidget *box = GTK_WIDGET (self->pages_box);
  /* Less one pixel, for the rounding up of the page's size. */
  double available = gtk_adjustment_get_page_size (hadjustment)
                     - gtk_widget_get_margin_start (box) - gtk_widget_get_margin_end (box) - 1;
  double widest = 0.0;
  double zoom;

  if (self->zoom_mode == ZOOM_FIXED || self->document == NULL || available <= 0.0)
    return;

  for (guint i = 0; i < ef_pdf_document_get_n_pages (self->document); i++)
    {
      double width;

      ef_pdf_document_get_page_size (self->document, i, &width, NULL);
      widest = MAX (widest, width);
    }
  zoom = available / (widest * PIXELS_PER_POINT);
  if (self->zoom_mode == ZOOM_AUTOMATIC)
    zoom = MIN (zoom, 1.0);
  set_zoom (self, zoom);
}

static void
update_scale_factor (EfPdfView *self)
{
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (scale_factor == self->scale_factor)
    return;
  self->scale_factor = scale_factor;
  update_page_sizes (self);
  render_later (self);
}

/* From the pages' places in the box, which scrolling does not change, and
 * the scroll position, which is already the new one while the viewport
 * has not moved its child yet. */
static PagePlace
place_of (EfPdfView *self,
          EfPdfPage *page)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GtkWidget *box = GTK_WIDGET (self->pages_box);
  double visible = gtk_adjustment_get_page_size (vadjustment);
  graphene_rect_t bounds;
  double top, bottom;

  /* Not laid out yet (or not in a window at all): every page is wanted. */
  if (visible <= 0.0 || !gtk_widget_compute_bounds (GTK_WIDGET (page), box, &bounds))
    return PAGE_VISIBLE;

  top = bounds.origin.y + gtk_widget_get_margin_top (box) - gtk_adjustment_get_value (vadjustment);
  bottom = top + bounds.size.height;
  if (bottom > 0.0 && top < visible)
    return PAGE_VISIBLE;
  if (bottom > -visible && top < 2.0 * visible)
    return PAGE_NEAR;
  return PAGE_FAR;
}

/* The next page to render at @scale: a visible one first, else a near
 * one, or -1. Far pages drop their texture; pages without one show a
 * spinner while they wait. */
static int
plan_renders (EfPdfView *self,
              double     scale)
{
  int near = -1;

  for (guint i = 0; i < self->pages->len; i++)
    {
      EfPdfPage *page = get_page (self, i);
      PagePlace place = place_of (self, page);

      if (place == PAGE_FAR)
        {
          page_set_texture (page, NULL, 0.0);
          page_set_loading (page, FALSE);
          continue;
        }
      page_set_loading (page, page->texture == NULL && page->failed_scale != scale);
      if (!page_needs_render (page, scale))
        continue;
      if (place == PAGE_VISIBLE)
        return i;
      if (near < 0)
        near = i;
    }
  return near;
}

static void
on_page_rendered_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (EfPdfView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  EfPdfPage *page;

  texture = ef_pdf_document_render_page_finish (EF_PDF_DOCUMENT (source), result, &error);
  /* Another document, or the view is gone: nothing here is ours. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_assert (EF_PDF_DOCUMENT (source) == self->document);
  g_assert (self->render_page >= 0);

  page = get_page (self, self->render_page);
  self->render_page = -1;
  if (texture != NULL)
    {
      page_set_texture (page, texture, self->render_scale);
      page_set_loading (page, FALSE);
    }
  else
    {
      page->failed_scale = self->render_scale;
      page_set_loading (page, FALSE);
      report_error (self, error->message);
    }
  render_next (self);
}

/* Starts the next render, if a page needs one and none is under way:
 * one worker per document at a time. */
static void
render_next (EfPdfView *self)
{
  if (self->document != NULL && self->render_page < 0 && self->render_delay_id == 0)
    {
      double scale = current_render_scale (self);
      int next = plan_renders (self, scale);

      if (next >= 0)
        {
          self->render_page = next;
          self->render_scale = scale;
          ef_pdf_document_render_page_async (self->document, next, scale, self->render_cancellable,
                                             on_page_rendered_cb, g_object_ref (self));
        }
    }
  set_rendering (self, self->render_page >= 0 || self->render_delay_id != 0);
}

/* Where the private copies for other applications go. */
static char *
copies_directory (void)
{
  return g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, "documents", NULL);
}

/* A private copy for another application: in the user's cache, readable
 * by the user only; the same name for the same document. */
static GFile *
temporary_file (EfPdfView *self)
{
  g_autofree char *directory = copies_directory ();
  g_autofree char *name = NULL;

  if (self->suggested_name != NULL && *self->suggested_name != '\0')
    name = g_path_get_basename (self->suggested_name);
  if (name == NULL || g_str_equal (name, ".") || g_str_equal (name, "..") || g_str_equal (name, G_DIR_SEPARATOR_S))
    {
      g_free (name);
      name = g_strdup (_("document.pdf"));
    }
  if (g_mkdir_with_parents (directory, 0700) != 0)
    g_debug ("Creating %s: %s", directory, g_strerror (errno));
  return g_file_new_build_filename (directory, name, NULL);
}

/* Callbacks */

static void
on_printed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (EfPdfView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!ef_pdf_document_print_finish (EF_PDF_DOCUMENT (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    report_error (self, error->message);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (EfPdfView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!ef_pdf_document_save_finish (EF_PDF_DOCUMENT (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    report_error (self, error->message);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  EfPdfView *self = user_data;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->save_dialog);

  if (file != NULL && self->document != NULL)
    ef_pdf_document_save_async (self->document, file, self->cancellable, on_saved_cb, g_object_ref (self));
}

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (EfPdfView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Opening the document: %s", error->message);
      report_error (self, _("No application could open the document. Save a copy instead."));
    }
}

static void
on_temporary_written_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (EfPdfView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Writing the temporary copy: %s", error->message);
          report_error (self, _("No application could open the document. Save a copy instead."));
        }
      return;
    }

  /* Through the OpenURI portal when sandboxed. */
  uri = g_file_get_uri (G_FILE (source));
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));
  g_app_info_launch_default_for_uri_async (uri, context, self->cancellable, on_launched_cb, g_object_ref (self));
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              gpointer                  user_data)
{
  EfPdfView *self = user_data;
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || self->document == NULL)
    return FALSE;

  /* A wheel click is 1.0; touchpads send many small steps. */
  self->scroll_delta += dy;
  if (self->scroll_delta <= -1.0 || self->scroll_delta >= 1.0)
    {
      step_zoom (self, self->scroll_delta < 0.0 ? 1 : -1);
      self->scroll_delta = 0.0;
    }
  return TRUE;
}

/* Before the next frame's layout: the viewport's size and the scale
 * factor change while GTK lays out, when resizing the pages would leave
 * them without an allocation for the frame being drawn. */
static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *frame_clock,
            gpointer       user_data)
{
  EfPdfView *self = EF_PDF_VIEW (widget);

  self->tick_id = 0;
  update_scale_factor (self);
  apply_fit (self);
  render_next (self);
  return G_SOURCE_REMOVE;
}

static void
update_later (EfPdfView *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick_cb, NULL, NULL);
}

static void
on_viewport_changed_cb (EfPdfView *self)
{
  update_later (self);
}

static void
on_scrolled_cb (EfPdfView *self)
{
  /* Nothing moves size here: the pages to render can be chosen now. */
  render_next (self);
}

static void
ef_pdf_view_real_error (EfPdfView  *self,
                        const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = NULL;

  if (overlay == NULL)
    {
      g_debug ("No toast overlay for: %s", message);
      return;
    }
  /* A toast's title is markup. */
  markup = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  step_zoom (EF_PDF_VIEW (widget), 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step_zoom (EF_PDF_VIEW (widget), -1);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EfPdfView *self = EF_PDF_VIEW (widget);

  self->zoom_mode = ZOOM_FIT_WIDTH;
  apply_fit (self);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ef_pdf_view_set_zoom (EF_PDF_VIEW (widget), 1.0);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EfPdfView *self = EF_PDF_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->document == NULL)
    return;
  ef_pdf_document_print_async (self->document, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               self->suggested_name, self->cancellable, on_printed_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EfPdfView *self = EF_PDF_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) filter = NULL;
  GtkFileChooserNative *chooser;

  if (self->document == NULL)
    return;
  if (self->save_dialog != NULL)
    {
      gtk_native_dialog_show (self->save_dialog);
      return;
    }

  /* The portal's dialog when sandboxed. */
  chooser = gtk_file_chooser_native_new (_("Save a Copy"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  self->save_dialog = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->save_dialog, TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     self->suggested_name != NULL && *self->suggested_name != '\0'
                                     ? self->suggested_name : _("document.pdf"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (self->save_dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EfPdfView *self = EF_PDF_VIEW (widget);
  g_autoptr (GFile) file = NULL;

  if (self->document == NULL)
    return;
  file = temporary_file (self);
  g_file_replace_contents_bytes_async (file, ef_pdf_document_get_bytes (self->document), NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, on_temporary_written_cb, g_object_ref (self));
}

/* Vfuncs */

static void
ef_pdf_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ef_pdf_view_parent_class)->realize (widget);

  update_later (EF_PDF_VIEW (widget));
}

static void
ef_pdf_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  EfPdfView *self = EF_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SUGGESTED_NAME:
      g_value_set_string (value, self->suggested_name);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_RENDERING:
      g_value_set_boolean (value, self->rendering);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_pdf_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  EfPdfView *self = EF_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      ef_pdf_view_set_document (self, g_value_get_object (value));
      break;

    case PROP_SUGGESTED_NAME:
      ef_pdf_view_set_suggested_name (self, g_value_get_string (value));
      break;

    case PROP_ZOOM:
      ef_pdf_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_pdf_view_dispose (GObject *object)
{
  EfPdfView *self = EF_PDF_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_handle_id (&self->render_delay_id, g_source_remove);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->save_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->save_dialog, self);
      gtk_native_dialog_destroy (self->save_dialog);
      g_clear_object (&self->save_dialog);
    }
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  ef_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_PDF_VIEW);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ef_pdf_view_parent_class)->dispose (object);
}

static void
ef_pdf_view_finalize (GObject *object)
{
  EfPdfView *self = EF_PDF_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_pointer (&self->suggested_name, g_free);
  g_clear_pointer (&self->zoom_text, g_free);

  G_OBJECT_CLASS (ef_pdf_view_parent_class)->finalize (object);
}

static void
ef_pdf_view_class_init (EfPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_pdf_view_get_property;
  object_class->set_property = ef_pdf_view_set_property;
  object_class->dispose = ef_pdf_view_dispose;
  object_class->finalize = ef_pdf_view_finalize;
  widget_class->realize = ef_pdf_view_realize;

  /**
   * EfPdfView:document:
   *
   * The document shown, or %NULL.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, EF_TYPE_PDF_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * EfPdfView:suggested-name:
   *
   * The file name offered when saving a copy ("facture-pop-F261000001.pdf"),
   * also the print job's name.
   */
  properties[PROP_SUGGESTED_NAME] =
    g_param_spec_string ("suggested-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * EfPdfView:zoom:
   *
   * The zoom level: 1.0 shows pages at their real size on a 96 dpi
   * screen. Setting it stops fitting the width.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, EF_PDF_VIEW_MIN_ZOOM, EF_PDF_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * EfPdfView:rendering:
   *
   * Whether pages wait for their texture at the current zoom.
   */
  properties[PROP_RENDERING] =
    g_param_spec_boolean ("rendering", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfPdfView::error:
   * @self: the view
   * @message: a translated sentence for people
   *
   * Printing, saving or opening failed, or a page could not be drawn. By
   * default the message is shown as a toast of the nearest
   * #AdwToastOverlay around the view; a handler may show it elsewhere and
   * stop the emission.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new_class_handler ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (ef_pdf_view_real_error), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "pdf.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "pdf.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "pdf.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "pdf.open", NULL, open_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "pdf.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "pdf.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "pdf.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "pdf.save", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/widgets/ef-pdf-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EfPdfView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, EfPdfView, pages_box);
  gtk_widget_class_bind_template_child (widget_class, EfPdfView, zoom_label);

  gtk_widget_class_set_css_name (widget_class, "efpdfview");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ef_pdf_view_init (EfPdfView *self)
{
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));
  ef_accessible_name_buttons (GTK_WIDGET (self));
  ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));

  self->pages = g_ptr_array_new ();
  self->zoom = 1.0;
  self->zoom_mode = ZOOM_AUTOMATIC;
  self->scale_factor = 1;
  self->render_page = -1;
  self->cancellable = g_cancellable_new ();
  self->render_cancellable = g_cancellable_new ();

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled_window), "notify::page-size",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "notify::page-size",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "value-changed",
                           G_CALLBACK (on_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_viewport_changed_cb), NULL);

  /* Ctrl+scroll zooms; before the scrolled window scrolls. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  update_zoom_label (self);
  update_actions (self);
}

/* Public API */

/**
 * ef_pdf_view_new:
 *
 * Returns: (transfer floating): a new view, without a document
 */
GtkWidget *
ef_pdf_view_new (void)
{
  return g_object_new (EF_TYPE_PDF_VIEW, NULL);
}

/**
 * ef_pdf_view_get_document:
 * @self: an #EfPdfView
 *
 * Returns: (transfer none) (nullable): the document shown
 */
EfPdfDocument *
ef_pdf_view_get_document (EfPdfView *self)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), NULL);

  return self->document;
}

/**
 * ef_pdf_view_set_document:
 * @self: an #EfPdfView
 * @document: (nullable): the document to show
 *
 * Shows @document from its first page, at the zoom mode in use (fitting
 * the width, never beyond the real size, until the person zooms). Renders
 * of the previous document are cancelled.
 */
void
ef_pdf_view_set_document (EfPdfView     *self,
                          EfPdfDocument *document)
{
  guint n_pages;

  g_return_if_fail (EF_IS_PDF_VIEW (self));
  g_return_if_fail (document == NULL || EF_IS_PDF_DOCUMENT (document));

  if (self->document == document)
    return;

  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  self->render_cancellable = g_cancellable_new ();
  self->render_page = -1;
  g_clear_handle_id (&self->render_delay_id, g_source_remove);

  for (guint i = 0; i < self->pages->len; i++)
    gtk_box_remove (self->pages_box, GTK_WIDGET (get_page (self, i)));
  g_ptr_array_set_size (self->pages, 0);
  g_set_object (&self->document, document);

  n_pages = document != NULL ? ef_pdf_document_get_n_pages (document) : 0;
  for (guint i = 0; i < n_pages; i++)
    {
      EfPdfPage *page = g_object_new (EF_TYPE_PDF_PAGE, NULL);
      /* Translators: the accessible name of a page of a document, "Page 1 of 2" */
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);

      gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (self->pages_box, GTK_WIDGET (page));
      g_ptr_array_add (self->pages, page);
    }

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0.0);
  self->scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  update_page_sizes (self);
  apply_fit (self);
  update_actions (self);

  /* Not laid out yet: the fitting zoom comes with the first allocation,
   * render at that one. */
  if (gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (self->scrolled_window)) > 0.0
      || self->zoom_mode == ZOOM_FIXED)
    render_next (self);
  else
    render_later (self);
  if (document == NULL)
    set_rendering (self, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * ef_pdf_view_get_suggested_name:
 * @self: an #EfPdfView
 *
 * Returns: (nullable): the file name offered when saving a copy
 */
const char *
ef_pdf_view_get_suggested_name (EfPdfView *self)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), NULL);

  return self->suggested_name;
}

/**
 * ef_pdf_view_set_suggested_name:
 * @self: an #EfPdfView
 * @suggested_name: (nullable): a file name, "facture-pop-F261000001.pdf"
 *
 * The name offered when saving a copy, given to the copy opened in
 * another application, and the print job's name.
 */
void
ef_pdf_view_set_suggested_name (EfPdfView  *self,
                                const char *suggested_name)
{
  g_return_if_fail (EF_IS_PDF_VIEW (self));

  if (g_strcmp0 (self->suggested_name, suggested_name) == 0)
    return;
  g_free (self->suggested_name);
  self->suggested_name = g_strdup (suggested_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTED_NAME]);
}

/**
 * ef_pdf_view_get_zoom:
 * @self: an #EfPdfView
 *
 * Returns: the zoom level, 1.0 for the real size
 */
double
ef_pdf_view_get_zoom (EfPdfView *self)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), 1.0);

  return self->zoom;
}

/**
 * ef_pdf_view_set_zoom:
 * @self: an #EfPdfView
 * @zoom: the zoom level, clamped to %EF_PDF_VIEW_MIN_ZOOM ..
 *   %EF_PDF_VIEW_MAX_ZOOM
 *
 * Sets a fixed zoom level: the view stops fitting the width. Pages are
 * resized at once and rendered again a moment later.
 */
void
ef_pdf_view_set_zoom (EfPdfView *self,
                      double     zoom)
{
  g_return_if_fail (EF_IS_PDF_VIEW (self));

  self->zoom_mode = ZOOM_FIXED;
  set_zoom (self, zoom);
}

/**
 * ef_pdf_view_get_rendering:
 * @self: an #EfPdfView
 *
 * Returns: whether a page is rendering or about to be
 */
gboolean
ef_pdf_view_get_rendering (EfPdfView *self)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), FALSE);

  return self->rendering;
}

/**
 * ef_pdf_view_get_n_pages:
 * @self: an #EfPdfView
 *
 * Returns: the number of pages shown
 */
guint
ef_pdf_view_get_n_pages (EfPdfView *self)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), 0);

  return self->pages->len;
}

/**
 * ef_pdf_view_get_n_rendered:
 * @self: an #EfPdfView
 *
 * Returns: the number of pages that show a texture rendered at the
 *   current zoom and scale factor
 */
guint
ef_pdf_view_get_n_rendered (EfPdfView *self)
{
  double scale;
  guint n = 0;

  g_return_val_if_fail (EF_IS_PDF_VIEW (self), 0);

  scale = current_render_scale (self);
  for (guint i = 0; i < self->pages->len; i++)
    if (get_page (self, i)->texture != NULL && get_page (self, i)->texture_scale == scale)
      n++;
  return n;
}

/**
 * ef_pdf_view_get_page_texture:
 * @self: an #EfPdfView
 * @page_index: a page, from 0
 *
 * Returns: (transfer none) (nullable): the texture the page shows, maybe
 *   rendered at another zoom
 */
GdkTexture *
ef_pdf_view_get_page_texture (EfPdfView *self,
                              guint      page_index)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), NULL);
  g_return_val_if_fail (page_index < self->pages->len, NULL);

  return get_page (self, page_index)->texture;
}

/**
 * ef_pdf_view_get_page_widget:
 * @self: an #EfPdfView
 * @page_index: a page, from 0
 *
 * Returns: (transfer none): the widget of a page (an image for
 *   accessibility, "Page 1 of 2")
 */
GtkWidget *
ef_pdf_view_get_page_widget (EfPdfView *self,
                             guint      page_index)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), NULL);
  g_return_val_if_fail (page_index < self->pages->len, NULL);

  return GTK_WIDGET (get_page (self, page_index));
}

/**
 * ef_pdf_view_get_render_scale:
 * @self: an #EfPdfView
 *
 * Returns: the pixels per point pages are rendered at: the zoom, 96/72
 *   and the scale factor
 */
double
ef_pdf_view_get_render_scale (EfPdfView *self)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), 1.0);

  return current_render_scale (self);
}

/**
 * ef_pdf_view_get_zoom_text:
 * @self: an #EfPdfView
 *
 * Returns: the zoom level as the toolbar shows it, "100%"
 */
const char *
ef_pdf_view_get_zoom_text (EfPdfView *self)
{
  g_return_val_if_fail (EF_IS_PDF_VIEW (self), NULL);

  return self->zoom_text;
}

static void
forget_copies_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autofree char *directory = copies_directory ();
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (g_unlink (path) != 0)
        g_debug ("Removing a copy: %s", g_strerror (errno));
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * ef_pdf_view_forget_copies_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when done
 * @user_data: data for @callback
 *
 * Removes the private copies that "Open With Another Application" left in
 * the user's cache: invoices name a family and its address, and the next
 * person at the same computer must not find them.
 */
void
ef_pdf_view_forget_copies_async (GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ef_pdf_view_forget_copies_async);
  g_task_run_in_thread (task, forget_copies_thread);
}

gboolean
ef_pdf_view_forget_copies_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
