#include "qmp-reply.h"

#include <errno.h>
#include <string.h>

/* QMP's replies are shallow; anything deeper is not from QEMU. */
#define MAX_DEPTH 32

struct scan {
	const char *p, *end;
	int depth;
};

static void
skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
				 *s->p == '\r' || *s->p == '\n'))
		s->p++;
}

static bool
eat(struct scan *s, char c)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == c) {
		s->p++;
		return true;
	}
	return false;
}

static int
hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A string, decoded into @out (NUL-terminated, truncated to @len; NULL:
 * skipped). \uXXXX beyond ASCII becomes '?': these texts are only logged. */
static bool
scan_string(struct scan *s, char *out, size_t len)
{
	size_t n = 0;

	if (!eat(s, '"'))
		return false;
	while (s->p < s->end && *s->p != '"') {
		char c = *s->p++;

		if ((unsigned char)c < 0x20)
			return false;
		if (c == '\\') {
			if (s->p >= s->end)
				return false;
			c = *s->p++;
			switch (c) {
			case '"':
			case '\\':
			case '/':
				break;
			case 'b':
				c = '\b';
				break;
			case 'f':
				c = '\f';
				break;
			case 'n':
				c = '\n';
				break;
			case 'r':
				c = '\r';
				break;
			case 't':
				c = '\t';
				break;
			case 'u': {
				int v = 0;
				if (s->end - s->p < 4)
					return false;
				for (int i = 0; i < 4; i++) {
					int h = hex(s->p[i]);
					if (h < 0)
						return false;
					v = v * 16 + h;
				}
				s->p += 4;
				c = v >= 0x20 && v < 0x7f ? (char)v : '?';
				break;
			}
			default:
				return false;
			}
		}
		if (out && n + 1 < len)
			out[n++] = c;
	}
	if (out && len)
		out[n] = '\0';
	return eat(s, '"');
}

/* A JSON number; its value when it is an integer that fits. */
static bool
scan_number(struct scan *s, int64_t *value, bool *integer)
{
	const char *start;
	bool neg = false, digits = false;
	uint64_t v = 0;

	skip_ws(s);
	start = s->p;
	*integer = true;
	if (s->p < s->end && *s->p == '-') {
		neg = true;
		s->p++;
	}
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
		if (v > (uint64_t)INT64_MAX / 10)
			*integer = false;
		else
			v = v * 10 + (uint64_t)(*s->p - '0');
		s->p++;
		digits = true;
	}
	if (!digits)
		return false;
	if (s->p < s->end && *s->p == '.') {
		*integer = false;
		s->p++;
		if (s->p >= s->end || *s->p < '0' || *s->p > '9')
			return false;
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		*integer = false;
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (s->p >= s->end || *s->p < '0' || *s->p > '9')
			return false;
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	}
	if (v > (uint64_t)INT64_MAX)
		*integer = false;
	*value = *integer ? (neg ? -(int64_t)v : (int64_t)v) : 0;
	return s->p > start;
}

static bool
scan_word(struct scan *s, const char *word)
{
	size_t n = strlen(word);

	skip_ws(s);
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return false;
	s->p += n;
	return true;
}

static bool scan_value(struct scan *s);

/* An object; @member is called with each key, positioned at its value,
 * and must consume it (NULL: every value skipped). */
static bool
scan_object(struct scan *s,
	    bool (*member)(struct scan *s, const char *key, void *data),
	    void *data)
{
	char key[32];

	if (!eat(s, '{') || ++s->depth > MAX_DEPTH)
		return false;
	if (eat(s, '}')) {
		s->depth--;
		return true;
	}
	do {
		if (!scan_string(s, key, sizeof(key)) || !eat(s, ':'))
			return false;
		if (!(member ? member(s, key, data) : scan_value(s)))
			return false;
	} while (eat(s, ','));
	s->depth--;
	return eat(s, '}');
}

static bool
scan_array(struct scan *s, bool (*item)(struct scan *s, void *data), void *data)
{
	if (!eat(s, '[') || ++s->depth > MAX_DEPTH)
		return false;
	if (eat(s, ']')) {
		s->depth--;
		return true;
	}
	do {
		if (!(item ? item(s, data) : scan_value(s)))
			return false;
	} while (eat(s, ','));
	s->depth--;
	return eat(s, ']');
}

static bool
scan_value(struct scan *s)
{
	int64_t v;
	bool integer;

	skip_ws(s);
	if (s->p >= s->end)
		return false;
	switch (*s->p) {
	case '{':
		return scan_object(s, NULL, NULL);
	case '[':
		return scan_array(s, NULL, NULL);
	case '"':
		return scan_string(s, NULL, 0);
	case 't':
		return scan_word(s, "true");
	case 'f':
		return scan_word(s, "false");
	case 'n':
		return scan_word(s, "null");
	default:
		return scan_number(s, &v, &integer);
	}
}

static bool
peek(struct scan *s, char c)
{
	skip_ws(s);
	return s->p < s->end && *s->p == c;
}

/* One query-mice entry. */
struct mouse {
	bool absolute;
	char name[64];
};

static bool
mouse_member(struct scan *s, const char *key, void *data)
{
	struct mouse *m = data;

	if (strcmp(key, "absolute") == 0 && peek(s, 't')) {
		m->absolute = true;
		return scan_word(s, "true");
	}
	if (strcmp(key, "name") == 0 && peek(s, '"'))
		return scan_string(s, m->name, sizeof(m->name));
	return scan_value(s);
}

static bool
return_item(struct scan *s, void *data)
{
	struct vv_qmp_reply *out = data;
	struct mouse m = { 0 };

	out->mice++;
	if (!peek(s, '{'))
		return scan_value(s);
	if (!scan_object(s, mouse_member, &m))
		return false;
	if (m.absolute && out->absolute_mice++ == 0)
		memcpy(out->absolute_name, m.name, sizeof(m.name));
	return true;
}

static bool
error_member(struct scan *s, const char *key, void *data)
{
	struct vv_qmp_reply *out = data;

	if (strcmp(key, "class") == 0 && peek(s, '"'))
		return scan_string(s, out->error_class,
				   sizeof(out->error_class));
	if (strcmp(key, "desc") == 0 && peek(s, '"'))
		return scan_string(s, out->error_desc, sizeof(out->error_desc));
	return scan_value(s);
}

struct top {
	struct vv_qmp_reply *out;
	bool greeting, ret, error, event;
};

static bool
top_member(struct scan *s, const char *key, void *data)
{
	struct top *t = data;
	struct vv_qmp_reply *out = t->out;

	if (strcmp(key, "QMP") == 0) {
		t->greeting = true;
		return scan_value(s);
	}
	if (strcmp(key, "return") == 0) {
		t->ret = true;
		if (peek(s, '[')) {
			out->mice = 0;
			return scan_array(s, return_item, out);
		}
		return scan_value(s);
	}
	if (strcmp(key, "error") == 0 && peek(s, '{')) {
		t->error = true;
		return scan_object(s, error_member, out);
	}
	if (strcmp(key, "event") == 0 && peek(s, '"')) {
		t->event = true;
		return scan_string(s, out->event, sizeof(out->event));
	}
	if (strcmp(key, "id") == 0 && !peek(s, '"') && !peek(s, '{') &&
	    !peek(s, '[') && !peek(s, 't') && !peek(s, 'f') && !peek(s, 'n')) {
		bool integer;
		int64_t v;
		if (!scan_number(s, &v, &integer))
			return false;
		out->has_id = integer;
		out->id = v;
		return true;
	}
	return scan_value(s);
}

int
vv_qmp_reply_parse(const char *line, size_t len, struct vv_qmp_reply *out)
{
	struct scan s = { .p = line, .end = line + len };
	struct top t = { .out = out };

	memset(out, 0, sizeof(*out));
	out->mice = -1;
	if (!peek(&s, '{') || !scan_object(&s, top_member, &t))
		return -EINVAL;
	skip_ws(&s);
	if (s.p != s.end)
		return -EINVAL;
	if (t.error)
		out->type = VV_QMP_ERROR;
	else if (t.ret)
		out->type = VV_QMP_RETURN;
	else if (t.greeting)
		out->type = VV_QMP_GREETING;
	else if (t.event)
		out->type = VV_QMP_EVENT;
	else
		out->type = VV_QMP_OTHER;
	return 0;
}
