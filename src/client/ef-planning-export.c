/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning-export.c: a child's planning as an iCalendar file or a printable PDF
 *
 * The iCalendar file (RFC 5545) has one all-day event per reserved day and
 * activity: a meal has no useful hour, and all-day events need no
 * VTIMEZONE. The PDF has one A4 page per month, drawn in a worker thread
 * from a copy of the planning taken on the main thread, since the models
 * are not thread-safe. Both give the same bytes for the same input.
 */

#define G_LOG_DOMAIN "EfPlanningExport"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "ef-planning-export.h"

#define ICAL_LINE_OCTETS 75

#define PAGE_WIDTH    595.28
#define PAGE_HEIGHT   841.89
#define MARGIN        42.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define GRID_TOP      150.0
#define HEADER_HEIGHT 22.0
#define CELL_HEIGHT   84.0
#define FONT_FAMILY   "DejaVu Sans"

/* A day of one activity in the PDF's copy of the planning; OUTSIDE when the
 * planning says nothing about it. */
#define CELL_OUTSIDE 0xff

typedef struct {
  guint8 state;   /* EfDayState or CELL_OUTSIDE */
  guint8 reason;  /* EfClosedReason */
} Cell;

typedef struct {
  char  *name;
  Cell  *cells;   /* one per day from first to last */
} ActivityCopy;

typedef struct {
  char       *child_name;
  char       *portal_name;
  EfDay       first;
  EfDay       last;
  GDateTime  *now;         /* in the planning's time zone */
  GPtrArray  *activities;  /* of ActivityCopy */
} PdfJob;

typedef struct {
  double r, g, b;
} Rgb;

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
} Render;

typedef struct {
  EfPlanningDay *day;
  guint          position;  /* of its activity in the planning */
  EfActivity    *activity;
} ReservedDay;

static const Rgb ink = { 0.13, 0.13, 0.15 };
static const Rgb muted = { 0.40, 0.40, 0.44 };
static const Rgb faint = { 0.75, 0.75, 0.78 };
static const Rgb rule = { 0.72, 0.72, 0.75 };
static const Rgb closed_fill = { 0.90, 0.90, 0.91 };
static const Rgb reserved_fill = { 0.88, 0.95, 0.89 };
static const Rgb reserved_ink = { 0.10, 0.50, 0.22 };

static const char *weekday_names[] = {
  NC_("weekday in the printed planning", "Monday"),
  NC_("weekday in the printed planning", "Tuesday"),
  NC_("weekday in the printed planning", "Wednesday"),
  NC_("weekday in the printed planning", "Thursday"),
  NC_("weekday in the printed planning", "Friday"),
  NC_("weekday in the printed planning", "Saturday"),
  NC_("weekday in the printed planning", "Sunday"),
};

/* By EfClosedReason, for the legend. */
static const char *closed_reason_names[] = {
  [EF_CLOSED_REASON_NONE] = N_("Closed"),
  [EF_CLOSED_REASON_WEEKEND] = N_("Weekend"),
  [EF_CLOSED_REASON_PUBLIC_HOLIDAY] = N_("Public holiday"),
  [EF_CLOSED_REASON_SCHOOL_HOLIDAY] = N_("School holidays"),
  [EF_CLOSED_REASON_NOT_RUNNING] = N_("No activity"),
  [EF_CLOSED_REASON_NOT_ENROLLED] = N_("Not enrolled"),
  [EF_CLOSED_REASON_CLOSED_DAY] = N_("Closed by the town"),
};

/* What a printed closed day shows; each initial has its own context so
 * that translators can tell them apart. */
static const char *
reason_initial (guint reason)
{
  switch (reason)
    {
    case EF_CLOSED_REASON_WEEKEND:
      return C_("closed day initial: weekend", "W");
    case EF_CLOSED_REASON_PUBLIC_HOLIDAY:
      return C_("closed day initial: public holiday", "P");
    case EF_CLOSED_REASON_SCHOOL_HOLIDAY:
      return C_("closed day initial: school holidays", "H");
    case EF_CLOSED_REASON_NOT_RUNNING:
      return C_("closed day initial: no activity", "N");
    case EF_CLOSED_REASON_NOT_ENROLLED:
      return C_("closed day initial: not enrolled", "E");
    default:
      return C_("closed day initial: closed", "C");
    }
}

/* ------------------------------------------------------------------ */
/* iCalendar                                                            */

static GTimeZone *
planning_time_zone (EfPlanning *planning)
{
  GTimeZone *tz = ef_time_zone_new (ef_planning_get_time_zone (planning), NULL);

  return tz != NULL ? tz : ef_time_zone_new (EF_DEFAULT_TIME_ZONE, NULL);
}

/* RFC 5545 3.1: lines of at most 75 octets, continued after CRLF and one
 * space; a UTF-8 sequence is never cut in two. */
static void
append_content_line (GString    *out,
                     const char *line)
{
  gsize length = strlen (line);
  gsize start = 0;
  gsize limit = ICAL_LINE_OCTETS;

  while (length - start > limit)
    {
      gsize end = start + limit;

      while (end > start && ((guchar) line[end] & 0xc0) == 0x80)
        end--;
      g_string_append_len (out, line + start, end - start);
      g_string_append (out, "\r\n ");
      start = end;
      limit = ICAL_LINE_OCTETS - 1;
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

/* RFC 5545 3.3.11: TEXT escapes backslash, semicolon, comma and newlines;
 * other control characters are not allowed and are dropped. */
static void
append_escaped_text (GString    *out,
                     const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;
        default:
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
          else if (*p == '\t')
            g_string_append_c (out, ' ');
          break;
        }
    }
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  append_content_line (out, line);
}

static void
append_text_property (GString    *out,
                      const char *name,
                      const char *text)
{
  g_autoptr (GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  append_escaped_text (line, text);
  append_content_line (out, line->str);
}

static char *
format_ical_date (EfDay day)
{
  int year, month, mday;

  ef_day_get_ymd (day, &year, &month, &mday);
  return g_strdup_printf ("%04d%02d%02d", year, month, mday);
}

static int
compare_reserved_days (gconstpointer a,
                       gconstpointer b)
{
  const ReservedDay *da = a;
  const ReservedDay *db = b;
  EfDay day_a = ef_planning_day_get_day (da->day);
  EfDay day_b = ef_planning_day_get_day (db->day);

  if (day_a != day_b)
    return day_a < day_b ? -1 : 1;
  return (int) da->position - (int) db->position;
}

static char *
describe_reserved_day (EfPlanningDay *day,
                       GTimeZone     *tz,
                       const char    *portal_name)
{
  g_autofree char *first = NULL;
  GDateTime *deadline = ef_planning_day_get_deadline (day);

  if (ef_planning_day_get_changeable (day) && deadline != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_timezone (deadline, tz);
      g_autofree char *when = ef_date_time_format (local, C_("deadline", "%A %-d %B at %-H:%M"));

      first = g_strdup_printf (_("Reserved, can be changed until %s."), when);
    }
  else
    first = g_strdup (_("Reserved, can no longer be changed."));

  if (portal_name == NULL || *portal_name == '\0')
    return g_steal_pointer (&first);

  return g_strdup_printf (C_("calendar event description", "%1$s\n%2$s"), first,
                          portal_name);
}

/* ------------------------------------------------------------------ */
/* PDF                                                                  */

static void
activity_copy_free (gpointer data)
{
  ActivityCopy *copy = data;

  g_free (copy->name);
  g_free (copy->cells);
  g_free (copy);
}

static void
pdf_job_free (gpointer data)
{
  PdfJob *job = data;

  g_free (job->child_name);
  g_free (job->portal_name);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_clear_pointer (&job->activities, g_ptr_array_unref);
  g_free (job);
}

static PdfJob *
pdf_job_new (EfPlanning *planning,
             const char *child_name,
             const char *portal_name,
             EfDay       first,
             EfDay       last,
             GDateTime  *now)
{
  g_autoptr (GTimeZone) tz = planning_time_zone (planning);
  GListModel *activities = ef_planning_get_activities (planning);
  guint n_activities = g_list_model_get_n_items (activities);
  guint n_days = last - first + 1;
  PdfJob *job = g_new0 (PdfJob, 1);

  job->child_name = g_strdup (child_name);
  job->portal_name = g_strdup (portal_name != NULL ? portal_name : "");
  job->first = first;
  job->last = last;
  job->now = g_date_time_to_timezone (now, tz);
  job->activities = g_ptr_array_new_with_free_func (activity_copy_free);

  for (guint i = 0; i < n_activities; i++)
    {
      g_autoptr (EfActivity) activity = g_list_model_get_item (activities, i);
      GListModel *days = ef_activity_get_days (activity);
      guint n = g_list_model_get_n_items (days);
      ActivityCopy *copy = g_new0 (ActivityCopy, 1);

      copy->name = g_strdup (ef_activity_get_name (activity));
      copy->cells = g_new (Cell, n_days);
      for (guint d = 0; d < n_days; d++)
        copy->cells[d] = (Cell) { CELL_OUTSIDE, EF_CLOSED_REASON_NONE };

      for (guint j = 0; j < n; j++)
        {
          g_autoptr (EfPlanningDay) day = g_list_model_get_item (days, j);
          EfDay when = ef_planning_day_get_day (day);

          if (when < first || when > last)
            continue;
          copy->cells[when - first].state = ef_planning_day_get_state (day);
          copy->cells[when - first].reason = ef_planning_day_get_closed_reason (day);
        }

      g_ptr_array_add (job->activities, copy);
    }

  return job;
}

static GDateTime *
date_time_of_day (EfDay day)
{
  int year, month, mday;

  ef_day_get_ymd (day, &year, &month, &mday);
  return g_date_time_new_utc (year, month, mday, 12, 0, 0);
}

static char *
format_day (EfDay       day,
            const char *format)
{
  g_autoptr (GDateTime) date = date_time_of_day (day);

  return ef_date_time_format (date, format);
}

/* Month names are lower case in French ("novembre 2026"); a heading starts
 * with a capital. */
static char *
capitalize (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  char buffer[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strconcat (buffer, g_utf8_next_char (text), NULL);
}

static EfDay
month_start (EfDay day)
{
  int year, month, mday;

  ef_day_get_ymd (day, &year, &month, &mday);
  return ef_day_new (year, month, 1);
}

static EfDay
next_month_start (EfDay first_of_month)
{
  int year, month, mday;

  ef_day_get_ymd (first_of_month, &year, &month, &mday);
  return month == 12 ? ef_day_new (year + 1, 1, 1) : ef_day_new (year, month + 1, 1);
}

static void
set_color (cairo_t   *cr,
           const Rgb *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

/* Draws @text with its top left at (@x, @y) in a box @width wide (0: no
 * limit), on at most @n_lines lines, ellipsized; returns its height. */
static double
draw_lines (Render         *r,
            double          x,
            double          y,
            double          width,
            int             n_lines,
            PangoAlignment  align,
            const char     *font,
            const Rgb      *color,
            const char     *text)
{
  g_autoptr (PangoFontDescription) description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (r->layout, description);
  pango_layout_set_width (r->layout, width > 0 ? pango_units_from_double (width) : -1);
  pango_layout_set_height (r->layout, -n_lines);
  pango_layout_set_wrap (r->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (r->layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (r->layout, align);
  pango_layout_set_text (r->layout, text, -1);

  set_color (r->cr, color);
  cairo_move_to (r->cr, x, y);
  pango_cairo_show_layout (r->cr, r->layout);
  pango_layout_get_size (r->layout, NULL, &height);
  return pango_units_to_double (height);
}

static double
draw_text (Render         *r,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align,
           const char     *font,
           const Rgb      *color,
           const char     *text)
{
  return draw_lines (r, x, y, width, 1, align, font, color, text);
}

/* What one printed cell says: closed when every activity is, reserved when
 * one is. */
static void
summarize_cell (PdfJob   *job,
                guint     index,
                gboolean *outside,
                gboolean *closed,
                gboolean *reserved,
                guint    *reason)
{
  *outside = TRUE;
  *closed = job->activities->len > 0;
  *reserved = FALSE;
  *reason = EF_CLOSED_REASON_NONE;

  for (guint i = 0; i < job->activities->len; i++)
    {
      ActivityCopy *copy = g_ptr_array_index (job->activities, i);
      Cell cell = copy->cells[index];

      if (cell.state == CELL_OUTSIDE)
        continue;
      if (*outside)
        *reason = cell.reason;
      *outside = FALSE;
      if (cell.state != EF_DAY_STATE_CLOSED)
        *closed = FALSE;
      if (cell.state == EF_DAY_STATE_RESERVED)
        *reserved = TRUE;
    }
  if (*outside)
    *closed = FALSE;
}

static void
draw_cell (Render  *r,
           PdfJob  *job,
           EfDay    day,
           double   x,
           double   y,
           double   width,
           double   height)
{
  g_autofree char *number = NULL;
  gboolean in_period = day >= job->first && day <= job->last;
  gboolean outside = TRUE, closed = FALSE, reserved = FALSE;
  guint reason = EF_CLOSED_REASON_NONE;
  int year, month, mday;
  double top;

  ef_day_get_ymd (day, &year, &month, &mday);
  number = g_strdup_printf ("%d", mday);

  if (in_period)
    summarize_cell (job, day - job->first, &outside, &closed, &reserved, &reason);

  if (closed || reserved)
    {
      set_color (r->cr, closed ? &closed_fill : &reserved_fill);
      cairo_rectangle (r->cr, x, y, width, height);
      cairo_fill (r->cr);
    }

  draw_text (r, x + 5, y + 4, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 9",
             outside ? &faint : closed ? &muted : &ink, number);

  if (outside)
    return;

  if (closed)
    {
      draw_text (r, x, y + height - 24, width - 6, PANGO_ALIGN_RIGHT, FONT_FAMILY " Bold 12",
                 &muted, reason_initial (reason));
      return;
    }

  if (job->activities->len == 1)
    {
      if (reserved)
        draw_text (r, x, y + height / 2 - 16, width, PANGO_ALIGN_CENTER, FONT_FAMILY " Bold 22",
                   &reserved_ink, "✓");
      return;
    }

  /* Several activities: each reserved one named under the number, on two
   * lines at most, while there is room. */
  top = y + 22;
  for (guint i = 0; i < job->activities->len && top < y + height - 16; i++)
    {
      ActivityCopy *copy = g_ptr_array_index (job->activities, i);
      g_autofree char *text = NULL;

      if (copy->cells[day - job->first].state != EF_DAY_STATE_RESERVED)
        continue;
      text = g_strdup_printf ("✓ %s", copy->name);
      top += draw_lines (r, x + 5, top, width - 8, 2, PANGO_ALIGN_LEFT, FONT_FAMILY " 6.5",
                         &reserved_ink, text) + 3;
    }
}

static void
draw_legend_swatch (Render     *r,
                    double      x,
                    double      y,
                    const Rgb  *fill,
                    const char *mark,
                    const Rgb  *mark_color)
{
  cairo_rectangle (r->cr, x, y, 14, 14);
  if (fill != NULL)
    {
      set_color (r->cr, fill);
      cairo_fill_preserve (r->cr);
    }
  set_color (r->cr, &rule);
  cairo_set_line_width (r->cr, 0.6);
  cairo_stroke (r->cr);
  if (mark != NULL)
    draw_text (r, x, y + 0.5, 14, PANGO_ALIGN_CENTER, FONT_FAMILY " Bold 9", mark_color, mark);
}

static void
draw_legend (Render *r,
             PdfJob *job,
             double  y)
{
  g_autoptr (GString) reasons = g_string_new (NULL);
  double x = MARGIN;

  draw_text (r, MARGIN, y, 0, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 9", &ink, _("Legend"));
  y += 18;

  draw_legend_swatch (r, x, y, &reserved_fill, "✓", &reserved_ink);
  draw_text (r, x + 20, y + 1, 130, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ink, _("Reserved"));
  x += 160;
  draw_legend_swatch (r, x, y, NULL, NULL, NULL);
  draw_text (r, x + 20, y + 1, 130, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ink, _("Not reserved"));
  x += 160;
  draw_legend_swatch (r, x, y, &closed_fill, NULL, NULL);
  draw_text (r, x + 20, y + 1, 150, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &ink,
             _("Closed, with the reason"));
  y += 22;

  for (guint i = EF_CLOSED_REASON_WEEKEND; i < G_N_ELEMENTS (closed_reason_names); i++)
    {
      if (reasons->len > 0)
        g_string_append (reasons, "   ");
      g_string_append_printf (reasons, C_("closed day initial, then its meaning", "%1$s: %2$s"),
                              reason_initial (i), _(closed_reason_names[i]));
    }
  /* Two lines: the reasons are long in French. */
  y += draw_lines (r, MARGIN, y, CONTENT_WIDTH, 2, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &muted,
                   reasons->str) + 4;

  if (job->activities->len > 1)
    draw_text (r, MARGIN, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FONT_FAMILY " 8.5", &muted,
               _("A day is closed when every activity is; each reserved activity is named in its day."));
}

static void
draw_month (Render *r,
            PdfJob *job,
            EfDay   first_of_month,
            guint   page,
            guint   n_pages)
{
  g_autofree char *month = format_day (first_of_month, C_("month title", "%B %Y"));
  g_autofree char *title = capitalize (month);
  g_autofree char *from = format_day (job->first, C_("period day", "%-d %B %Y"));
  g_autofree char *to = format_day (job->last, C_("period day", "%-d %B %Y"));
  g_autofree char *period = g_strdup_printf (_("Period: %1$s to %2$s"), from, to);
  g_autofree char *generated_at = ef_date_time_format (job->now, C_("generation date", "%-d %B %Y at %-H:%M"));
  g_autofree char *generated = g_strdup_printf (_("Generated on %s"), generated_at);
  g_autofree char *page_number = g_strdup_printf (_("Page %1$u of %2$u"), page, n_pages);
  g_autofree char *portal = NULL;
  EfDay next = next_month_start (first_of_month);
  int lead = ef_day_get_weekday (first_of_month) - 1;
  int n_rows = (lead + (int) (next - first_of_month) + 6) / 7;
  double cell_width = CONTENT_WIDTH / 7;
  double y = MARGIN;

  if (*job->portal_name != '\0')
    portal = g_strdup_printf (C_("printed planning subtitle", "Reservation planning · %s"),
                              job->portal_name);
  else
    portal = g_strdup (_("Reservation planning"));

  /* Header: who, where, which month. */
  draw_text (r, MARGIN, y, CONTENT_WIDTH * 0.6, PANGO_ALIGN_LEFT, FONT_FAMILY " Bold 20", &ink,
             job->child_name);
  draw_text (r, MARGIN + CONTENT_WIDTH * 0.4, y, CONTENT_WIDTH * 0.6, PANGO_ALIGN_RIGHT,
             FONT_FAMILY " 20", &ink, title);
  y += 32;
  draw_text (r, MARGIN, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FONT_FAMILY " 10", &muted, portal);
  y += 16;
  draw_text (r, MARGIN, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, FONT_FAMILY " 9", &muted, period);

  /* Weekday names over the grid, Monday first. */
  y = GRID_TOP;
  for (guint i = 0; i < 7; i++)
    draw_text (r, MARGIN + i * cell_width, y + 5, cell_width, PANGO_ALIGN_CENTER,
               FONT_FAMILY " Bold 8.5", &muted,
               g_dpgettext2 (NULL, "weekday in the printed planning", weekday_names[i]));
  y += HEADER_HEIGHT;

  for (EfDay day = first_of_month; day < next; day++)
    {
      int index = lead + (int) (day - first_of_month);

      draw_cell (r, job, day, MARGIN + (index % 7) * cell_width, y + (index / 7) * CELL_HEIGHT,
                 cell_width, CELL_HEIGHT);
    }

  /* The grid's lines over the cells' fills. */
  set_color (r->cr, &rule);
  cairo_set_line_width (r->cr, 0.6);
  for (int row = 0; row <= n_rows; row++)
    {
      cairo_move_to (r->cr, MARGIN, y + row * CELL_HEIGHT);
      cairo_line_to (r->cr, MARGIN + CONTENT_WIDTH, y + row * CELL_HEIGHT);
    }
  for (int column = 0; column <= 7; column++)
    {
      cairo_move_to (r->cr, MARGIN + column * cell_width, y);
      cairo_line_to (r->cr, MARGIN + column * cell_width, y + n_rows * CELL_HEIGHT);
    }
  cairo_stroke (r->cr);

  draw_legend (r, job, y + n_rows * CELL_HEIGHT + 20);

  /* Footer. */
  set_color (r->cr, &rule);
  cairo_move_to (r->cr, MARGIN, PAGE_HEIGHT - MARGIN - 16);
  cairo_line_to (r->cr, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN - 16);
  cairo_stroke (r->cr);
  draw_text (r, MARGIN, PAGE_HEIGHT - MARGIN - 10, CONTENT_WIDTH * 0.7, PANGO_ALIGN_LEFT,
             FONT_FAMILY " 8", &muted, generated);
  draw_text (r, MARGIN + CONTENT_WIDTH * 0.7, PAGE_HEIGHT - MARGIN - 10, CONTENT_WIDTH * 0.3,
             PANGO_ALIGN_RIGHT, FONT_FAMILY " 8", &muted, page_number);
}

static cairo_status_t
on_pdf_write_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_pdf (PdfJob        *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autofree char *date = g_date_time_format (job->now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *title = g_strdup_printf (C_("printed planning title", "Reservation planning — %s"),
                                            job->child_name);
  cairo_font_options_t *options;
  cairo_surface_t *surface;
  cairo_status_t status;
  EfDay first_month = month_start (job->first);
  EfDay last_month = month_start (job->last);
  guint n_pages = 0;
  guint page = 0;
  Render r;

  for (EfDay month = first_month; month <= last_month; month = next_month_start (month))
    n_pages++;

  surface = cairo_pdf_surface_create_for_stream (on_pdf_write_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, job->portal_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Espace Famille");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);

  r.cr = cairo_create (surface);
  r.layout = pango_cairo_create_layout (r.cr);

  /* Unhinted metrics: the layout does not depend on a screen. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (r.layout), options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (r.layout);

  for (EfDay month = first_month; month <= last_month; month = next_month_start (month))
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      draw_month (&r, job, month, ++page, n_pages);
      cairo_show_page (r.cr);
    }

  g_object_unref (r.layout);
  cairo_destroy (r.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INTERNAL,
                   "Cannot draw the planning: %s", cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
render_pdf_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = render_pdf (task_data, cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

/**
 * ef_planning_export_icalendar:
 * @planning: a child's planning
 * @child_name: the child's name, as the events' titles show it
 * @portal_name: (nullable): the municipality's portal, for the events' descriptions
 * @now: when the file is made (its DTSTAMPs)
 *
 * Writes an iCalendar file (RFC 5545) with one all-day event for each day
 * and activity that @planning has reserved. The events' UIDs depend only on
 * the day, the activity and the member, so that a calendar application
 * that imports the file again updates its events instead of doubling them.
 *
 * Returns: (transfer full): the file's bytes, UTF-8 with CRLF line endings
 */
GBytes *
ef_planning_export_icalendar (EfPlanning *planning,
                              const char *child_name,
                              const char *portal_name,
                              GDateTime  *now)
{
  g_autoptr (GString) out = NULL;
  g_autoptr (GArray) reserved = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *calendar_name = NULL;
  GListModel *activities;
  guint n_activities;

  g_return_val_if_fail (EF_IS_PLANNING (planning), NULL);
  g_return_val_if_fail (child_name != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  tz = planning_time_zone (planning);
  utc = g_date_time_to_utc (now);
  stamp = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");

  reserved = g_array_new (FALSE, FALSE, sizeof (ReservedDay));
  activities = ef_planning_get_activities (planning);
  n_activities = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n_activities; i++)
    {
      EfActivity *activity = g_list_model_get_item (activities, i);
      GListModel *days = ef_activity_get_days (activity);
      guint n_days = g_list_model_get_n_items (days);

      for (guint j = 0; j < n_days; j++)
        {
          g_autoptr (EfPlanningDay) day = g_list_model_get_item (days, j);

          if (ef_planning_day_is_reserved (day))
            {
              ReservedDay entry = { day, i, activity };

              g_array_append_val (reserved, entry);
            }
        }
      /* The planning keeps its activities and days alive. */
      g_object_unref (activity);
    }
  g_array_sort (reserved, compare_reserved_days);

  out = g_string_new (NULL);
  append_property (out, "BEGIN", "VCALENDAR");
  append_property (out, "VERSION", "2.0");
  append_property (out, "PRODID", "-//Espace Famille//Espace Famille " PACKAGE_VERSION "//FR");
  append_property (out, "CALSCALE", "GREGORIAN");
  append_property (out, "METHOD", "PUBLISH");
  calendar_name = g_strdup_printf (C_("calendar name", "Reservations — %s"), child_name);
  append_text_property (out, "X-WR-CALNAME", calendar_name);

  for (guint i = 0; i < reserved->len; i++)
    {
      const ReservedDay *entry = &g_array_index (reserved, ReservedDay, i);
      EfDay day = ef_planning_day_get_day (entry->day);
      g_autofree char *start = format_ical_date (day);
      g_autofree char *end = format_ical_date (ef_day_add (day, 1));
      g_autofree char *uid = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *description = NULL;
      g_autofree char *dtstart = NULL;
      g_autofree char *dtend = NULL;
      g_autoptr (GString) uid_line = g_string_new ("UID:");
      const char *site = ef_activity_get_site (entry->activity);

      uid = g_strdup_printf ("%s-%s-%" G_GINT64_FORMAT "@espacefamille", start,
                             ef_activity_get_code (entry->activity),
                             ef_planning_day_get_member_id (entry->day));
      summary = g_strdup_printf (C_("calendar event, activity then child", "%1$s — %2$s"),
                                 ef_activity_get_name (entry->activity), child_name);
      description = describe_reserved_day (entry->day, tz, portal_name);
      dtstart = g_strconcat ("DTSTART;VALUE=DATE:", start, NULL);
      dtend = g_strconcat ("DTEND;VALUE=DATE:", end, NULL);

      append_property (out, "BEGIN", "VEVENT");
      append_escaped_text (uid_line, uid);
      append_content_line (out, uid_line->str);
      append_property (out, "DTSTAMP", stamp);
      append_content_line (out, dtstart);
      append_content_line (out, dtend);
      append_text_property (out, "SUMMARY", summary);
      append_text_property (out, "DESCRIPTION", description);
      if (site != NULL && *site != '\0')
        append_text_property (out, "LOCATION", site);
      append_property (out, "STATUS", "CONFIRMED");
      /* A meal does not make the day busy. */
      append_property (out, "TRANSP", "TRANSPARENT");
      append_property (out, "END", "VEVENT");
    }

  append_property (out, "END", "VCALENDAR");

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/**
 * ef_planning_export_pdf_async:
 * @planning: a child's planning
 * @child_name: the child's name, printed on every page
 * @portal_name: (nullable): the municipality's portal
 * @first: the first day to print
 * @last: the last day to print, not before @first
 * @now: when the document is made: printed, and its creation date
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the PDF is ready
 * @user_data: data for @callback
 *
 * Draws a printable planning: one A4 page for each month from @first to
 * @last, Monday first, each day reserved, free or closed (with the reason
 * as an initial that the legend explains). Days of those months outside
 * @first..@last or outside @planning are left blank.
 *
 * @planning is read before this function returns: it may change afterwards.
 */
void
ef_planning_export_pdf_async (EfPlanning          *planning,
                              const char          *child_name,
                              const char          *portal_name,
                              EfDay                first,
                              EfDay                last,
                              GDateTime           *now,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (EF_IS_PLANNING (planning));
  g_return_if_fail (child_name != NULL);
  g_return_if_fail (ef_day_is_valid (first) && ef_day_is_valid (last) && first <= last);
  g_return_if_fail (now != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_planning_export_pdf_async);
  g_task_set_task_data (task, pdf_job_new (planning, child_name, portal_name, first, last, now),
                        pdf_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, render_pdf_thread);
}

/**
 * ef_planning_export_pdf_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the PDF's bytes, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when cancelled)
 */
GBytes *
ef_planning_export_pdf_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ef_planning_export_pdf_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
