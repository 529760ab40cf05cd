#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "file-kind.h"
#include "log.h"

void
vv_settings_default(struct vv_settings *s)
{
	vv_bindings_default(&s->bindings);
	s->scale = VV_SCALE_FIT;
	s->overlay = false;
	s->resize_guest = true;
}

static char *
trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int
parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
	    !strcmp(v, "1") || !strcasecmp(v, "on"))
		*out = true;
	else if (!strcasecmp(v, "no") || !strcasecmp(v, "false") ||
		 !strcmp(v, "0") || !strcasecmp(v, "off"))
		*out = false;
	else
		return -EINVAL;
	return 0;
}

/* One key = value of section @section; 0 or -EINVAL with @err. */
static int
apply(struct vv_settings *s, const char *section, const char *key,
      const char *value, struct vv_err *err)
{
	if (strcmp(section, "bindings") == 0) {
		char assignment[VV_CONFIG_LINE_MAX + 2];
		snprintf(assignment, sizeof(assignment), "%s=%s", key, value);
		return vv_bindings_set(&s->bindings, assignment, err);
	}
	if (strcmp(section, "view") != 0) {
		return vv_err_set(err, EINVAL,
				  "unknown section [%s] (bindings, view)",
				  section);
	}
	if (strcmp(key, "scale") == 0) {
		int mode = vv_scale_mode_from_name(value);
		if (mode < 0) {
			return vv_err_set(
			    err, EINVAL,
			    "scale '%s' is not fit, integer or 1:1", value);
		}
		s->scale = mode;
		return 0;
	}
	bool *flag = strcmp(key, "overlay") == 0        ? &s->overlay
		     : strcmp(key, "resize-guest") == 0 ? &s->resize_guest
							: NULL;
	if (!flag) {
		return vv_err_set(
		    err, EINVAL,
		    "unknown key '%s' in [view] (scale, overlay, resize-guest)",
		    key);
	}
	if (parse_bool(value, flag))
		return vv_err_set(err, EINVAL, "%s '%s' is not yes or no", key,
				  value);
	return 0;
}

int
vv_config_parse_line(struct vv_settings *s, char *section, const char *text,
		     size_t text_len, struct vv_err *err)
{
	char line[VV_CONFIG_LINE_MAX + 1];

	if (text_len > VV_CONFIG_LINE_MAX)
		return vv_err_set(err, EINVAL,
				  "the line is longer than %d bytes",
				  VV_CONFIG_LINE_MAX);
	if (memchr(text, '\0', text_len))
		return vv_err_set(err, EINVAL, "the line holds a NUL byte");
	memcpy(line, text, text_len);
	line[text_len] = '\0';
	char *p = trim(line);
	if (!*p || *p == '#' || *p == ';')
		return 0;
	if (*p == '[') {
		char *end = strchr(p, ']');
		if (!end || end[1] != '\0' || end - p - 1 <= 0 ||
		    end - p - 1 >= VV_CONFIG_SECTION_MAX)
			return vv_err_set(err, EINVAL,
					  "'%s' is not a [section] line", p);
		*end = '\0';
		snprintf(section, VV_CONFIG_SECTION_MAX, "%s", trim(p + 1));
		return 0;
	}
	char *eq = strchr(p, '=');
	if (!eq)
		return vv_err_set(err, EINVAL, "'%s' is not key = value", p);
	if (!section[0])
		return vv_err_set(err, EINVAL,
				  "'%s' comes before any [section]", p);
	*eq = '\0';
	return apply(s, section, trim(p), trim(eq + 1), err);
}

int
vv_config_parse(struct vv_settings *s, FILE *f, const char *name)
{
	char line[VV_CONFIG_LINE_MAX + 1], section[VV_CONFIG_SECTION_MAX] = "";
	struct vv_err why;
	size_t used = 0, total = 0;
	int lineno = 1, bad = 0, c;

	/* Whole lines, however long: a line over the limit is read to its end
	 * and skipped as one, so its tail is never taken for a line. */
	do {
		c = getc(f);
		if (c != EOF && c != '\n') {
			if (used < sizeof(line))
				line[used] = (char)c;
			used++;
		} else if (c == '\n' || used > 0) {
			if (vv_config_parse_line(s, section, line, used,
						 &why)) {
				vv_warn("%s:%d: %s; using the default", name,
					lineno, why.text);
				bad++;
			}
			used = 0;
			lineno++;
		}
		/* A config file is a few lines: /dev/zero, /dev/urandom or
		 * a binary given by mistake is stopped, not read forever. */
		if (c != EOF && ++total > VV_CONFIG_BYTES_MAX) {
			vv_warn(
			    "%s: longer than %d bytes, not a config file; ignoring the rest of it",
			    name, VV_CONFIG_BYTES_MAX);
			return bad + 1;
		}
		if (bad >= VV_CONFIG_BAD_MAX) {
			vv_warn(
			    "%s: %d bad lines, not a config file; ignoring the rest of it",
			    name, bad);
			return bad + 1;
		}
	} while (c != EOF);
	if (ferror(f)) {
		vv_warn("cannot read %s: %s; ignoring the rest of it", name,
			strerror(errno));
		return bad + 1;
	}
	return bad;
}

int
vv_config_load(struct vv_settings *s, const char *path)
{
	char buf[PATH_MAX];
	struct stat st;

	if (!path) {
		const char *xdg = getenv("XDG_CONFIG_HOME");
		const char *home = getenv("HOME");
		if (xdg && xdg[0])
			snprintf(buf, sizeof(buf), "%s/vgpu-view/config", xdg);
		else if (home && home[0])
			snprintf(buf, sizeof(buf),
				 "%s/.config/vgpu-view/config", home);
		else
			return 0;
	} else {
		snprintf(buf, sizeof(buf), "%s", path);
	}
	FILE *f = fopen(buf, "re");
	if (!f) {
		int error = errno;
		if (error == ENOENT && !path)
			return 0;
		vv_warn("cannot read %s: %s; using the defaults", buf,
			strerror(error));
		return 1;
	}
	/* After the open, so the file checked is the file read. */
	if (fstat(fileno(f), &st) < 0)
		st.st_mode = 0;
	if (!S_ISREG(st.st_mode)) {
		vv_warn(
		    "cannot read %s: it is %s, not a regular file; using the defaults",
		    buf, vv_file_kind_name(st.st_mode));
		fclose(f);
		return 1;
	}
	int bad = vv_config_parse(s, f, buf);
	fclose(f);
	return bad;
}
