/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-json.c: small, strict helpers on json-glib */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ef-codec-session.h"
#include "ef-json.h"

/* The strict scanner
 *
 * json-glib 1.6 takes far more than JSON (comments, single quotes, 0x10,
 * 1e400, integers that wrap, "\u0000", lone surrogates, duplicate members
 * where the last wins) and recurses once per nesting level without a limit.
 * Both programs read JSON from peers, so every text goes through this
 * scanner first: RFC 8259 exactly, plus the limits of the values we keep.
 * It reads each byte once, keeps an explicit stack instead of recursing and
 * allocates only for objects with many members. */

#define FNV_OFFSET_BASIS 2166136261u
#define FNV_PRIME        16777619u

/* An object with more members than this looks its names up in a hash
 * table rather than comparing with each one. */
#define SMALL_OBJECT 16

/* Why a text is refused: few reasons, each said the same way everywhere. */
typedef enum
{
  PROBLEM_NOT_UTF8,
  PROBLEM_EARLY_END,
  PROBLEM_UNEXPECTED,
  PROBLEM_TOO_DEEP,
  PROBLEM_TOO_LARGE,
  PROBLEM_BAD_NUMBER,
  PROBLEM_BAD_STRING,
  PROBLEM_TWICE,
} Problem;

static const char * const problems[] = {
  /* Translators: this and the reasons below end the sentence
   * "Malformed JSON at byte 17: …" */
  [PROBLEM_NOT_UTF8] = N_("the text is not valid UTF-8"),
  [PROBLEM_EARLY_END] = N_("the text ends too early"),
  [PROBLEM_UNEXPECTED] = N_("unexpected character"),
  [PROBLEM_TOO_DEEP] = N_("the values are nested too deeply"),
  [PROBLEM_TOO_LARGE] = N_("a number is too large"),
  [PROBLEM_BAD_NUMBER] = N_("a number is not written as JSON requires"),
  [PROBLEM_BAD_STRING] = N_("a string holds a control character or a wrong escape"),
  [PROBLEM_TWICE] = N_("a member name appears twice"),
};

typedef struct
{
  gsize   start;     /* the first byte after the opening quote */
  gsize   length;    /* up to the closing quote, escapes as written */
  guint32 hash;      /* of the decoded name */
  guint   previous;  /* 1 + the index of the previous key with the same hash, or 0 */
  guint   escaped : 1;
} Key;

typedef struct
{
  gboolean    is_object;
  guint       first_key;  /* in Scanner.keys */
  GHashTable *names;      /* hash → 1 + index of the last key with it; large objects only */
} Frame;

typedef struct
{
  const guchar *text;
  gsize         length;
  gsize         pos;
  guint         depth;
  Frame         frames[EF_JSON_MAX_DEPTH];
  GArray       *keys;     /* of Key: the members of the open objects */
  GString      *scratch[2];
  gsize         error_at;
  Problem       problem;
} Scanner;

/* Bytes a string may hold as they are: not the control characters, the
 * quote (0x22) or the backslash (0x5c). */
#define ROW(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const guint8 plain_in_string[256] = {
  ROW (0), ROW (0),
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ROW (1), ROW (1),
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  ROW (1), ROW (1),
  ROW (1), ROW (1), ROW (1), ROW (1), ROW (1), ROW (1), ROW (1), ROW (1),
};
#undef ROW

/* Returns the member node, or NULL after setting @error (required member)
 * or not (optional member). */
static JsonNode *
lookup_member (JsonObject  *object,
               const char  *member,
               gboolean     optional,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && !optional)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                 _("The member “%s” is missing"), member);

  return node;
}

static gboolean
node_holds_value_type (JsonNode *node,
                       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* The scanner's steps */

static gboolean
scan_fail (Scanner *scanner,
           gsize    at,
           Problem  problem)
{
  scanner->error_at = at;
  scanner->problem = problem;
  return FALSE;
}

static inline void
skip_whitespace (Scanner *scanner)
{
  while (scanner->pos < scanner->length)
    {
      guchar c = scanner->text[scanner->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      scanner->pos++;
    }
}

static inline guint32
hash_bytes (guint32       hash,
            const guchar *bytes,
            gsize         n)
{
  for (gsize i = 0; i < n; i++)
    hash = (hash ^ bytes[i]) * FNV_PRIME;
  return hash;
}

/* Four hex digits at @at, or -1. */
static int
read_hex4 (const Scanner *scanner,
           gsize          at)
{
  int value = 0;

  if (scanner->length - at < 4)
    return -1;

  for (gsize i = at; i < at + 4; i++)
    {
      int digit = g_ascii_xdigit_value (scanner->text[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* The escape at @at (a backslash), already checked by scan_string():
 * stores the character it stands for and returns the bytes it takes. */
static gsize
decode_escape (const guchar *text,
               gsize         at,
               gunichar     *out)
{
  int high, low;

  switch (text[at + 1])
    {
    case 'b': *out = '\b'; return 2;
    case 'f': *out = '\f'; return 2;
    case 'n': *out = '\n'; return 2;
    case 'r': *out = '\r'; return 2;
    case 't': *out = '\t'; return 2;
    case 'u': break;
    default: *out = text[at + 1]; return 2;
    }

  high = g_ascii_xdigit_value (text[at + 2]) << 12 | g_ascii_xdigit_value (text[at + 3]) << 8 |
         g_ascii_xdigit_value (text[at + 4]) << 4 | g_ascii_xdigit_value (text[at + 5]);
  if (high < 0xd800 || high > 0xdbff)
    {
      *out = high;
      return 6;
    }

  low = g_ascii_xdigit_value (text[at + 8]) << 12 | g_ascii_xdigit_value (text[at + 9]) << 8 |
        g_ascii_xdigit_value (text[at + 10]) << 4 | g_ascii_xdigit_value (text[at + 11]);
  *out = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
  return 12;
}

/* The string at scanner->pos (its opening quote); leaves pos after the
 * closing quote. For a member name, @key receives where it is and the hash
 * of its decoded text. */
static gboolean
scan_string (Scanner *scanner,
             Key     *key)
{
  const guchar *text = scanner->text;
  gsize length = scanner->length;
  gsize i = scanner->pos + 1;
  guint32 hash = FNV_OFFSET_BASIS;
  gboolean escaped = FALSE;

  for (;;)
    {
      gsize run = i;
      gunichar c;
      int high, low;
      gsize n;

      while (i < length && plain_in_string[text[i]])
        i++;
      if (key != NULL)
        hash = hash_bytes (hash, text + run, i - run);

      if (i >= length)
        return scan_fail (scanner, length, PROBLEM_EARLY_END);
      if (text[i] == '"')
        break;
      if (text[i] != '\\')
        return scan_fail (scanner, i, PROBLEM_BAD_STRING);

      /* An escape. */
      escaped = TRUE;
      if (i + 1 >= length)
        return scan_fail (scanner, length, PROBLEM_EARLY_END);
      switch (text[i + 1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          break;

        case 'u':
          high = read_hex4 (scanner, i + 2);
          if (high <= 0 || (high >= 0xdc00 && high <= 0xdfff))
            return scan_fail (scanner, i, PROBLEM_BAD_STRING);
          if (high >= 0xd800 && high <= 0xdbff)
            {
              /* The first half of a pair: the second must follow at once. */
              if (length - i < 12 || text[i + 6] != '\\' || text[i + 7] != 'u')
                return scan_fail (scanner, i, PROBLEM_BAD_STRING);
              low = read_hex4 (scanner, i + 8);
              if (low < 0xdc00 || low > 0xdfff)
                return scan_fail (scanner, i, PROBLEM_BAD_STRING);
            }
          break;

        default:
          return scan_fail (scanner, i, PROBLEM_BAD_STRING);
        }

      n = decode_escape (text, i, &c);
      if (key != NULL)
        {
          char utf8[6];

          hash = hash_bytes (hash, (const guchar *) utf8, g_unichar_to_utf8 (c, utf8));
        }
      i += n;
    }

  if (key != NULL)
    {
      key->start = scanner->pos + 1;
      key->length = i - key->start;
      key->hash = hash;
      key->previous = 0;
      key->escaped = escaped;
    }

  scanner->pos = i + 1;
  return TRUE;
}

/* The text of a checked member name, escapes decoded. */
static void
decode_key (const Scanner *scanner,
            const Key     *key,
            GString       *out)
{
  const guchar *text = scanner->text;
  gsize end = key->start + key->length;

  g_string_truncate (out, 0);
  for (gsize i = key->start; i < end;)
    {
      gunichar c;

      if (text[i] != '\\')
        {
          g_string_append_c (out, text[i]);
          i++;
          continue;
        }
      i += decode_escape (text, i, &c);
      g_string_append_unichar (out, c);
    }
}

static gboolean
keys_equal (Scanner   *scanner,
            const Key *a,
            const Key *b)
{
  if (a->hash != b->hash)
    return FALSE;

  if (!a->escaped && !b->escaped)
    return a->length == b->length &&
           memcmp (scanner->text + a->start, scanner->text + b->start, a->length) == 0;

  for (guint i = 0; i < 2; i++)
    if (scanner->scratch[i] == NULL)
      scanner->scratch[i] = g_string_new (NULL);
  decode_key (scanner, a, scanner->scratch[0]);
  decode_key (scanner, b, scanner->scratch[1]);

  return g_string_equal (scanner->scratch[0], scanner->scratch[1]);
}

/* Adds @key to the innermost object, which must not have it already. */
static gboolean
add_key (Scanner *scanner,
         Key     *key,
         gsize    at)
{
  Frame *frame = &scanner->frames[scanner->depth - 1];
  guint n_keys = scanner->keys->len - frame->first_key;
  Key *keys = (Key *) (gpointer) scanner->keys->data;
  guint index = scanner->keys->len;

  if (frame->names == NULL && n_keys < SMALL_OBJECT)
    {
      for (guint i = frame->first_key; i < index; i++)
        if (keys_equal (scanner, &keys[i], key))
          return scan_fail (scanner, at, PROBLEM_TWICE);
      g_array_append_val (scanner->keys, *key);
      return TRUE;
    }

  if (frame->names == NULL)
    {
      frame->names = g_hash_table_new (NULL, NULL);
      for (guint i = frame->first_key; i < index; i++)
        {
          gpointer hash = GUINT_TO_POINTER (keys[i].hash);

          keys[i].previous = GPOINTER_TO_UINT (g_hash_table_lookup (frame->names, hash));
          g_hash_table_insert (frame->names, hash, GUINT_TO_POINTER (i + 1));
        }
    }

  key->previous = GPOINTER_TO_UINT (g_hash_table_lookup (frame->names,
                                                         GUINT_TO_POINTER (key->hash)));
  for (guint i = key->previous; i != 0; i = keys[i - 1].previous)
    if (keys_equal (scanner, &keys[i - 1], key))
      return scan_fail (scanner, at, PROBLEM_TWICE);

  g_array_append_val (scanner->keys, *key);
  g_hash_table_insert (frame->names, GUINT_TO_POINTER (key->hash), GUINT_TO_POINTER (index + 1));
  return TRUE;
}

static gboolean
push_frame (Scanner  *scanner,
            gboolean  is_object)
{
  Frame *frame;

  if (scanner->depth == EF_JSON_MAX_DEPTH)
    return scan_fail (scanner, scanner->pos, PROBLEM_TOO_DEEP);

  if (is_object && scanner->keys == NULL)
    scanner->keys = g_array_new (FALSE, FALSE, sizeof (Key));

  frame = &scanner->frames[scanner->depth++];
  frame->is_object = is_object;
  frame->first_key = scanner->keys != NULL ? scanner->keys->len : 0;
  frame->names = NULL;
  scanner->pos++;

  return TRUE;
}

static void
pop_frame (Scanner *scanner)
{
  Frame *frame = &scanner->frames[--scanner->depth];

  g_clear_pointer (&frame->names, g_hash_table_unref);
  if (frame->is_object)
    g_array_set_size (scanner->keys, frame->first_key);
}

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

/* The number at scanner->pos; leaves pos after it. An integer must fit in
 * a gint64 and any other number in a finite double: json-glib would wrap
 * the one and make the other infinite. */
static gboolean
scan_number (Scanner *scanner)
{
  static const char int64_max[] = "9223372036854775807";
  static const char int64_min[] = "9223372036854775808";  /* without its sign */
  const guchar *text = scanner->text;
  gsize length = scanner->length;
  gsize start = scanner->pos;
  gsize i = start;
  gsize int_start, int_end, frac_start = 0, frac_end = 0;
  gboolean negative = FALSE;
  gint64 exponent = 0;
  gint64 magnitude;

  if (text[i] == '-')
    {
      negative = TRUE;
      i++;
    }

  int_start = i;
  if (i < length && text[i] == '0')
    i++;
  else if (i < length && is_digit (text[i]))
    while (i < length && is_digit (text[i]))
      i++;
  else if (i < length)
    return scan_fail (scanner, start, PROBLEM_BAD_NUMBER);
  else
    return scan_fail (scanner, length, PROBLEM_EARLY_END);
  int_end = i;
  if (i < length && is_digit (text[i]))
    return scan_fail (scanner, start, PROBLEM_BAD_NUMBER);

  if (i < length && text[i] == '.')
    {
      frac_start = ++i;
      while (i < length && is_digit (text[i]))
        i++;
      frac_end = i;
      if (frac_end == frac_start)
        return scan_fail (scanner, start, PROBLEM_BAD_NUMBER);
    }

  if (i < length && (text[i] == 'e' || text[i] == 'E'))
    {
      gboolean exponent_negative = FALSE;
      gsize exp_start;

      i++;
      if (i < length && (text[i] == '+' || text[i] == '-'))
        exponent_negative = text[i++] == '-';
      exp_start = i;
      while (i < length && is_digit (text[i]))
        {
          /* Saturates: only its order of magnitude matters below. */
          if (exponent < G_GINT64_CONSTANT (100000000000000000))
            exponent = exponent * 10 + (text[i] - '0');
          i++;
        }
      if (i == exp_start)
        return scan_fail (scanner, start, PROBLEM_BAD_NUMBER);
      if (exponent_negative)
        exponent = -exponent;
    }
  else if (frac_start == 0)
    {
      /* An integer: no leading zeros, so the digit count says a lot. */
      gsize n_digits = int_end - int_start;
      const char *limit = negative ? int64_min : int64_max;

      if (n_digits > strlen (limit) ||
          (n_digits == strlen (limit) && memcmp (text + int_start, limit, n_digits) > 0))
        return scan_fail (scanner, start, PROBLEM_TOO_LARGE);
      scanner->pos = i;
      return TRUE;
    }

  /* A double. Its decimal magnitude is that of its first significant
   * digit: below 1e308 it is finite, from 1e309 it is not, and in between
   * only strtod() can tell. */
  if (text[int_start] != '0')
    magnitude = (gint64) (int_end - int_start) - 1;
  else
    {
      gsize first = frac_start;

      while (first < frac_end && text[first] == '0')
        first++;
      if (first == frac_end)
        {
          /* Zero, whatever its exponent. */
          scanner->pos = i;
          return TRUE;
        }
      magnitude = -(gint64) (first - frac_start) - 1;
    }
  magnitude += exponent;

  if (magnitude > DBL_MAX_10_EXP)
    return scan_fail (scanner, start, PROBLEM_TOO_LARGE);
  if (magnitude == DBL_MAX_10_EXP)
    {
      /* The bytes may not be followed by a NUL: a copy. */
      g_autofree char *copy = g_strndup ((const char *) text + start, i - start);

      if (!isfinite (g_ascii_strtod (copy, NULL)))
        return scan_fail (scanner, start, PROBLEM_TOO_LARGE);
    }

  scanner->pos = i;
  return TRUE;
}

static gboolean
scan_literal (Scanner *scanner)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (scanner->text[scanner->pos] != (guchar) literals[i][0])
        continue;
      if (scanner->length - scanner->pos >= n &&
          memcmp (scanner->text + scanner->pos, literals[i], n) == 0)
        {
          scanner->pos += n;
          return TRUE;
        }
      break;
    }

  return scan_fail (scanner, scanner->pos, PROBLEM_UNEXPECTED);
}

/* The next member name, its colon, and what may stand before its value. */
static gboolean
scan_member_name (Scanner *scanner)
{
  Key key;
  gsize at;

  skip_whitespace (scanner);
  if (scanner->pos >= scanner->length)
    return scan_fail (scanner, scanner->length, PROBLEM_EARLY_END);
  if (scanner->text[scanner->pos] != '"')
    return scan_fail (scanner, scanner->pos, PROBLEM_UNEXPECTED);

  at = scanner->pos;
  if (!scan_string (scanner, &key) || !add_key (scanner, &key, at))
    return FALSE;

  skip_whitespace (scanner);
  if (scanner->pos >= scanner->length)
    return scan_fail (scanner, scanner->length, PROBLEM_EARLY_END);
  if (scanner->text[scanner->pos] != ':')
    return scan_fail (scanner, scanner->pos, PROBLEM_UNEXPECTED);
  scanner->pos++;

  return TRUE;
}

/* One JSON text: a value with only whitespace around it. */
static gboolean
scan_text (Scanner *scanner)
{
  for (;;)
    {
      guchar c;

      /* A value. */
      skip_whitespace (scanner);
      if (scanner->pos >= scanner->length)
        return scan_fail (scanner, scanner->length, PROBLEM_EARLY_END);

      c = scanner->text[scanner->pos];
      if (c == '{' || c == '[')
        {
          if (!push_frame (scanner, c == '{'))
            return FALSE;
          skip_whitespace (scanner);
          if (scanner->pos < scanner->length && scanner->text[scanner->pos] == (c == '{' ? '}' : ']'))
            {
              scanner->pos++;
              pop_frame (scanner);
            }
          else
            {
              if (c == '{' && !scan_member_name (scanner))
                return FALSE;
              continue;
            }
        }
      else if (c == '"')
        {
          if (!scan_string (scanner, NULL))
            return FALSE;
        }
      else if (c == '-' || is_digit (c))
        {
          if (!scan_number (scanner))
            return FALSE;
        }
      else if (!scan_literal (scanner))
        return FALSE;

      /* After a value: close what ends here, then a comma or the end. */
      for (;;)
        {
          Frame *frame;

          skip_whitespace (scanner);
          if (scanner->depth == 0)
            {
              if (scanner->pos != scanner->length)
                return scan_fail (scanner, scanner->pos, PROBLEM_UNEXPECTED);
              return TRUE;
            }
          if (scanner->pos >= scanner->length)
            return scan_fail (scanner, scanner->length, PROBLEM_EARLY_END);

          frame = &scanner->frames[scanner->depth - 1];
          c = scanner->text[scanner->pos];
          if (c == (frame->is_object ? '}' : ']'))
            {
              scanner->pos++;
              pop_frame (scanner);
              continue;
            }
          if (c != ',')
            return scan_fail (scanner, scanner->pos, PROBLEM_UNEXPECTED);
          scanner->pos++;
          if (frame->is_object && !scan_member_name (scanner))
            return FALSE;
          break;
        }
    }
}

/* Checks that @data is JSON as RFC 8259 defines it, within our limits. */
static gboolean
check_strict_json (const char  *data,
                   gsize        length,
                   GError     **error)
{
  Scanner scanner = { .text = (const guchar *) data, .length = length };
  const char *end = NULL;
  gboolean ok;

  if (!g_utf8_validate_len (data, length, &end))
    {
      ok = scan_fail (&scanner, end - data, PROBLEM_NOT_UTF8);
    }
  else
    {
      skip_whitespace (&scanner);
      if (scanner.pos == length)
        {
          g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                               _("Malformed JSON: the text is empty"));
          return FALSE;
        }
      ok = scan_text (&scanner);
    }

  while (scanner.depth > 0)
    pop_frame (&scanner);
  g_clear_pointer (&scanner.keys, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (scanner.scratch); i++)
    if (scanner.scratch[i] != NULL)
      g_string_free (scanner.scratch[i], TRUE);

  if (!ok)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                 /* Translators: %zu is a byte offset counted from 0, %s a reason
                  * such as "a number is too large" */
                 _("Malformed JSON at byte %zu: %s"),
                 scanner.error_at, _(problems[scanner.problem]));

  return ok;
}

/* json-glib 1.6 writes U+001F unescaped, and a double such as 1e20 as
 * "1e+20.0": neither is JSON, and ef_json_parse() on the other side would
 * refuse both. Takes @text and returns it mended. */
static char *
mend_generated (char *text)
{
  GString *out;
  gboolean in_string = FALSE;

  /* The mended forms: a 0x1f byte, or a number with an exponent. */
  if (strchr (text, '\x1f') == NULL && strstr (text, "e+") == NULL && strstr (text, "e-") == NULL)
    return text;

  out = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0';)
    {
      if (in_string)
        {
          if (*p == '\\')
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          if (*p == '\x1f')
            g_string_append (out, "\\u001f");
          else
            g_string_append_c (out, *p);
          in_string = *p != '"';
          p++;
        }
      else if (*p == '-' || g_ascii_isdigit (*p))
        {
          gsize n = strspn (p, "0123456789+-.eE");
          const char *exponent = memchr (p, 'e', n);

          if (exponent != NULL && n >= 2 && p[n - 2] == '.' && p[n - 1] == '0' && p + n - 2 > exponent)
            n -= 2;
          g_string_append_len (out, p, n);
          p += strspn (p, "0123456789+-.eE");
        }
      else
        {
          in_string = *p == '"';
          g_string_append_c (out, *p);
          p++;
        }
    }

  g_free (text);
  return g_string_free (out, FALSE);
}

/**
 * ef_json_parse:
 * @data: JSON text, UTF-8
 * @length: the length of @data, or -1 when NUL-terminated
 * @error: return location for an error
 *
 * Parses JSON as RFC 8259 defines it, and nothing more: one value with
 * only whitespace around it, no comments, no trailing commas, strings in
 * double quotes with the escapes of the RFC. Also refused, as values this
 * code cannot keep faithfully: integers beyond #gint64, numbers beyond the
 * range of a double, "\u0000" and unpaired surrogates, two members of one
 * object with the same name, and values nested deeper than
 * %EF_JSON_MAX_DEPTH. The error message names the byte offset (from 0) of
 * the first problem.
 *
 * Returns: (transfer full): the root node, or %NULL with
 *   %EF_API_ERROR_MALFORMED_JSON
 */
JsonNode *
ef_json_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (length < 0)
    length = strlen (data);

  if (!check_strict_json (data, length, error))
    return NULL;

  /* What is left to json-glib is plain JSON, at most EF_JSON_MAX_DEPTH
   * deep: it should not fail, but would say why. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                   _("Malformed JSON: %s"), valid);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * ef_json_parse_object:
 * @data: JSON text, UTF-8
 * @length: the length of @data, or -1 when NUL-terminated
 * @error: return location for an error
 *
 * Returns: (transfer full): the root object, or %NULL with
 *   %EF_API_ERROR_MALFORMED_JSON (also when the root is not an object)
 */
JsonObject *
ef_json_parse_object (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr (JsonNode) root = NULL;

  root = ef_json_parse (data, length, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                           _("Malformed JSON: a JSON object was expected"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * ef_json_to_string:
 * @node: a #JsonNode
 * @pretty: whether to indent the output
 *
 * Unlike json_to_string() in json-glib 1.6, always writes JSON that
 * ef_json_parse() accepts back (for a tree it could have built).
 *
 * Returns: (transfer full): the JSON text of @node
 */
char *
ef_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  g_return_val_if_fail (node != NULL, NULL);

  return mend_generated (json_to_string (node, pretty));
}

/**
 * ef_json_get_string:
 *
 * JSON null is not a string: a member holding null is of the wrong type,
 * even when @optional. The same holds for every typed getter.
 */
gboolean
ef_json_get_string (JsonObject  *object,
                    const char  *member,
                    gboolean     optional,
                    const char **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!node_holds_value_type (node, G_TYPE_STRING))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be a string"), member);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

/**
 * ef_json_get_int:
 *
 * Only JSON integers are accepted: 3.0, "3" and true are refused.
 */
gboolean
ef_json_get_int (JsonObject  *object,
                 const char  *member,
                 gboolean     optional,
                 gint64      *out,
                 GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!node_holds_value_type (node, G_TYPE_INT64))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be an integer"), member);
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
ef_json_get_bool (JsonObject  *object,
                  const char  *member,
                  gboolean     optional,
                  gboolean    *out,
                  GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!node_holds_value_type (node, G_TYPE_BOOLEAN))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be true or false"), member);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
ef_json_get_object (JsonObject  *object,
                    const char  *member,
                    gboolean     optional,
                    JsonObject **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be an object"), member);
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
ef_json_get_array (JsonObject  *object,
                   const char  *member,
                   gboolean     optional,
                   JsonArray  **out,
                   GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be an array"), member);
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
ef_json_check_members (JsonObject          *object,
                       const char * const  *allowed,
                       GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (allowed != NULL, FALSE);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!g_strv_contains (allowed, name))
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_FIELD,
                       _("Unknown member “%s”"), name);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * ef_json_error_body:
 * @code: the error code
 * @message: a sentence for a person (already translated)
 * @details: (nullable): more information; the "details" member is left out
 *   when %NULL
 *
 * Returns: (transfer full): {"error": {"code", "message", "details"}}
 */
JsonNode *
ef_json_error_body (EfApiError  code,
                    const char *message,
                    JsonArray  *details)
{
  EfErrorRecord record = {
    .code = (char *) ef_api_error_to_string (code),
    .message = (char *) message,
    .details = details,
  };

  g_return_val_if_fail (message != NULL, NULL);

  return ef_error_record_to_json (&record);
}

/**
 * ef_json_error_from_body:
 * @node: (nullable): the body of an error response
 * @error_out: (out) (optional): the error the body describes
 * @details: (out) (optional) (transfer full) (nullable): its details
 *
 * Reads {"error": {"code", "message", "details"}} with its codec
 * (ef-codec-session.h). An unknown code becomes %EF_API_ERROR_INTERNAL
 * with the message kept; a missing message becomes the code string.
 *
 * When @node is not such a body, returns %FALSE, *@details is %NULL and
 * *@error_out still receives an error (%EF_API_ERROR_INTERNAL, "unexpected
 * answer"), so that a caller can always report something.
 *
 * Returns: whether @node was a well-formed error body
 */
gboolean
ef_json_error_from_body (JsonNode    *node,
                         GError     **error_out,
                         JsonArray  **details)
{
  g_autoptr (EfErrorRecord) record = NULL;
  EfApiError code;

  if (details != NULL)
    *details = NULL;

  record = ef_error_record_from_json (node, NULL);
  if (record == NULL)
    {
      g_set_error_literal (error_out, EF_API_ERROR, EF_API_ERROR_INTERNAL,
                           _("The server sent an unexpected answer"));
      return FALSE;
    }

  code = ef_api_error_from_string (record->code, NULL);
  g_set_error_literal (error_out, EF_API_ERROR, code,
                       record->message != NULL ? record->message : record->code);
  if (details != NULL)
    *details = g_steal_pointer (&record->details);

  return TRUE;
}
