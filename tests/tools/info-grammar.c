/* A strict parser of the --info line grammar (src/info.h, README): reads
 * lines on standard input and exits 1 at the first line that breaks it,
 * naming the line and the rule. What a script may rely on is exactly what
 * this accepts.
 *
 *   info-grammar < lines       check every line
 *   info-grammar --self-test   check that bad lines are refused
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PAIRS 32

struct pair {
	char key[32];
	char value[1024]; /* unescaped */
	bool quoted;
};

/* Splits @line into pairs; NULL, or the broken rule. */
static const char *
split(const char *line, struct pair *pairs, int *n)
{
	const char *p = line;

	*n = 0;
	if (!*p)
		return "empty line";
	for (;;) {
		struct pair *pr = &pairs[*n];
		size_t k = 0, v = 0;
		if (*n == MAX_PAIRS)
			return "too many pairs";
		if (!islower((unsigned char)*p))
			return "a key starts with a-z";
		while (islower((unsigned char)*p) ||
		       isdigit((unsigned char)*p) || *p == '_') {
			if (k + 1 >= sizeof(pr->key))
				return "key too long";
			pr->key[k++] = *p++;
		}
		pr->key[k] = '\0';
		if (*p++ != '=')
			return "a key is followed by '='";
		pr->quoted = *p == '"';
		if (pr->quoted) {
			p++;
			for (;;) {
				unsigned char c = (unsigned char)*p++;
				if (v + 1 >= sizeof(pr->value))
					return "value too long";
				if (c == '"')
					break;
				if (c < ' ' || c > '~')
					return "a raw control or non-ASCII byte in a quoted value";
				if (c != '\\') {
					pr->value[v++] = (char)c;
					continue;
				}
				c = (unsigned char)*p++;
				if (c == '"' || c == '\\') {
					pr->value[v++] = (char)c;
				} else if (c == 'x' &&
					   isxdigit((unsigned char)p[0]) &&
					   isxdigit((unsigned char)p[1]) &&
					   !isupper((unsigned char)p[0]) &&
					   !isupper((unsigned char)p[1])) {
					char hex[3] = { p[0], p[1], 0 };
					pr->value[v++] =
					    (char)strtoul(hex, NULL, 16);
					p += 2;
				} else {
					return "a backslash is followed by \", \\ or xHH";
				}
			}
		} else {
			while (*p > ' ' && *p <= '~' && *p != '"' &&
			       *p != '\\') {
				if (v + 1 >= sizeof(pr->value))
					return "value too long";
				pr->value[v++] = *p++;
			}
			if (v == 0)
				return "an unquoted value is not empty";
			if (*p && *p != ' ')
				return "an unquoted value is printable ASCII without spaces, quotes or backslashes";
		}
		pr->value[v] = '\0';
		(*n)++;
		if (!*p)
			return NULL;
		if (*p++ != ' ' || !*p)
			return "pairs are separated by exactly one space, none at the end";
	}
}

static bool
is_number(const char *s)
{
	if (!isdigit((unsigned char)s[0]) || (s[0] == '0' && s[1]))
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return strlen(s) <= 10;
}

static bool
one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(s, *set))
			return true;
	return false;
}

/* The schema: which keys, in which order, with which values. */
static const char *
check_line(const char *line)
{
	static const char *const planes[] = { "primary", "cursor", NULL };
	static const char *const paths[] = { "zero-copy", "shm-import", "copy",
					     "none", NULL };
	struct pair pr[MAX_PAIRS];
	int n, i = 0;
	const char *why = split(line, pr, &n);

	if (why)
		return why;
	if (strcmp(pr[0].key, "plane") || pr[0].quoted ||
	    !one_of(pr[0].value, planes))
		return "the first pair is plane=primary|cursor";
	bool cursor = !strcmp(pr[0].value, "cursor");
	if (n == 2 && !strcmp(pr[1].key, "state") &&
	    !strcmp(pr[1].value, "none") && !pr[1].quoted)
		return NULL;
	if (n == 3 && !strcmp(pr[1].key, "state") &&
	    !strcmp(pr[1].value, "invalid") && !pr[1].quoted)
		return strcmp(pr[2].key, "reason") || !pr[2].quoted ||
			       !pr[2].value[0]
			   ? "state=invalid is followed by a quoted reason"
			   : NULL;
	static const char *const keys[] = { "format", "modifier", "width",
					    "height", "stride",   "size",
					    "kind" };
	for (i = 1; i <= 7; i++) {
		if (i >= n || strcmp(pr[i].key, keys[i - 1]) || pr[i].quoted)
			return "a plane line has format modifier width height stride size kind, in order";
		if (i >= 3 && i <= 6 && !is_number(pr[i].value))
			return "width, height, stride and size are decimal numbers";
	}
	const char *id = !strcmp(pr[7].value, "dmabuf")   ? "dmabuf_id"
			 : !strcmp(pr[7].value, "region") ? "region"
							  : NULL;
	if (!id)
		return "kind is dmabuf or region";
	const char *rest[] = { id, "x", "y", "hot_x", "hot_y" };
	int n_rest = cursor ? 5 : 3;
	for (int j = 0; j < n_rest; j++, i++)
		if (i >= n || strcmp(pr[i].key, rest[j]) || pr[i].quoted ||
		    !is_number(pr[i].value))
			return cursor
				   ? "then dmabuf_id|region x y hot_x hot_y, numbers"
				   : "then dmabuf_id|region x y, numbers";
	if (i < n && !strcmp(pr[i].key, "path") && !pr[i].quoted &&
	    one_of(pr[i].value, paths))
		i++;
	return i == n ? NULL
		      : "only path=zero-copy|shm-import|copy|none may follow";
}

static int
self_test(void)
{
	static const char *const good[] = {
		"plane=cursor state=none",
		"plane=primary state=invalid reason=\"a \\\"b\\\" \\\\ \\x01\"",
		"plane=primary format=C8 modifier=LINEAR width=1 height=2 stride=64 size=128 kind=dmabuf dmabuf_id=0 x=0 y=0",
		"plane=cursor format=AR24 modifier=LINEAR width=64 height=64 stride=256 size=16384 kind=region region=16 x=1 y=2 hot_x=0 hot_y=0 path=copy",
	};
	static const char *const bad[] = {
		"",
		"plane=primary format=C8   modifier=LINEAR width=1 height=2 stride=64 size=128 kind=dmabuf dmabuf_id=0 x=0 y=0",
		"plane=primary format=C8 modifier=LINEAR width=1 height=2 stride=64 size=128 kind=dmabuf dmabuf_id=0 x=0 y=0 ",
		"plane=primary state=invalid reason=\"a \"b\" c\"",
		"plane=primary state=invalid reason=\"a \\ c\"",
		"plane=primary state=invalid reason=\"a\tc\"",
		"plane=primary state=invalid reason=\"open",
		"plane=primary state=invalid",
		"plane=cursor format=AR24 modifier=LINEAR width=64 height=64 stride=256 size=16384 kind=dmabuf dmabuf_id=2 x=1 y=2",
		"plane=primary format=XR24 modifier=LINEAR width=01 height=2 stride=64 size=128 kind=dmabuf dmabuf_id=0 x=0 y=0",
		"plane=primary format=XR24 modifier=LINEAR width=1 height=2 stride=64 size=128 kind=dmabuf dmabuf_id=0 x=0 y=0 path=fast",
		"plane=primary format=\"XR24\" modifier=LINEAR width=1 height=2 stride=64 size=128 kind=dmabuf dmabuf_id=0 x=0 y=0",
		"plane=side state=none",
	};
	int failures = 0;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (check_line(good[i])) {
			fprintf(stderr, "refused: %s: %s\n", good[i],
				check_line(good[i]));
			failures++;
		}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!check_line(bad[i])) {
			fprintf(stderr, "accepted: %s\n", bad[i]);
			failures++;
		}
	return failures != 0;
}

int
main(int argc, char *argv[])
{
	char line[4096];
	int lineno = 0;

	if (argc == 2 && !strcmp(argv[1], "--self-test"))
		return self_test();
	while (fgets(line, sizeof(line), stdin)) {
		size_t len = strlen(line);
		lineno++;
		if (len == 0 || line[len - 1] != '\n') {
			fprintf(stderr,
				"line %d: not ended by a newline or too long\n",
				lineno);
			return 1;
		}
		line[len - 1] = '\0';
		const char *why = check_line(line);
		if (why) {
			fprintf(stderr, "line %d: %s: %s\n", lineno, why, line);
			return 1;
		}
	}
	return 0;
}
