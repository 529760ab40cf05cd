#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"

static const char *const scale_names[VV_SCALE_COUNT] = {
	[VV_SCALE_FIT] = "fit",
	[VV_SCALE_INTEGER] = "integer",
	[VV_SCALE_ONE] = "1:1",
};

void
vv_settings_default(struct vv_settings *s)
{
	vv_bindings_default(&s->bindings);
	s->scale = VV_SCALE_FIT;
	s->overlay = false;
	s->resize_guest = true;
}

const char *
vv_scale_mode_name(enum vv_scale_mode mode)
{
	return scale_names[mode];
}

int
vv_scale_mode_from_name(const char *name)
{
	for (int i = 0; i < VV_SCALE_COUNT; i++)
		if (strcasecmp(name, scale_names[i]) == 0)
			return i;
	return -1;
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

/* One key = value of section @section; 0 or -EINVAL with @why. */
static int
apply(struct vv_settings *s, const char *section, const char *key,
      const char *value, char *why, size_t len)
{
	if (strcmp(section, "bindings") == 0) {
		char assignment[256];
		snprintf(assignment, sizeof(assignment), "%s=%s", key, value);
		return vv_bindings_set(&s->bindings, assignment, why, len);
	}
	if (strcmp(section, "view") != 0) {
		snprintf(why, len, "unknown section [%s] (bindings, view)",
			 section);
		return -EINVAL;
	}
	if (strcmp(key, "scale") == 0) {
		int mode = vv_scale_mode_from_name(value);
		if (mode < 0) {
			snprintf(why, len,
				 "scale '%s' is not fit, integer or 1:1",
				 value);
			return -EINVAL;
		}
		s->scale = mode;
		return 0;
	}
	bool *flag = strcmp(key, "overlay") == 0        ? &s->overlay
		     : strcmp(key, "resize-guest") == 0 ? &s->resize_guest
							: NULL;
	if (!flag) {
		snprintf(
		    why, len,
		    "unknown key '%s' in [view] (scale, overlay, resize-guest)",
		    key);
		return -EINVAL;
	}
	if (parse_bool(value, flag)) {
		snprintf(why, len, "%s '%s' is not yes or no", key, value);
		return -EINVAL;
	}
	return 0;
}

int
vv_config_parse(struct vv_settings *s, FILE *f, const char *name)
{
	char line[512], section[64] = "", why[256];
	int lineno = 0, bad = 0;

	while (fgets(line, sizeof(line), f)) {
		lineno++;
		char *p = trim(line);
		if (!*p || *p == '#' || *p == ';')
			continue;
		why[0] = '\0';
		if (*p == '[') {
			char *end = strchr(p, ']');
			if (!end || end[1] != '\0' || end - p - 1 <= 0 ||
			    end - p - 1 >= (long)sizeof(section)) {
				snprintf(why, sizeof(why),
					 "'%s' is not a [section] line", p);
			} else {
				*end = '\0';
				snprintf(section, sizeof(section), "%s",
					 trim(p + 1));
				continue;
			}
		} else {
			char *eq = strchr(p, '=');
			if (!eq) {
				snprintf(why, sizeof(why),
					 "'%s' is not key = value", p);
			} else if (!section[0]) {
				snprintf(why, sizeof(why),
					 "'%s' comes before any [section]", p);
			} else {
				*eq = '\0';
				if (apply(s, section, trim(p), trim(eq + 1),
					  why, sizeof(why)) == 0)
					continue;
			}
		}
		vv_warn("%s:%d: %s; using the default", name, lineno, why);
		bad++;
	}
	return bad;
}

int
vv_config_load(struct vv_settings *s, const char *path)
{
	char buf[PATH_MAX];

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
	int bad = vv_config_parse(s, f, buf);
	fclose(f);
	return bad;
}

int
vv_pacing_parse(const char *text, enum vv_pacing *pacing, uint32_t *ms)
{
	static const struct {
		const char *name;
		enum vv_pacing pacing;
		uint32_t ms;
	} modes[] = {
		{ "frame", VV_PACING_FRAME, 0 },
		{ "timer", VV_PACING_TIMER, 30 },
		{ "deadline", VV_PACING_DEADLINE, 8 },
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		size_t n = strlen(modes[i].name);
		if (strncmp(text, modes[i].name, n) != 0)
			continue;
		*pacing = modes[i].pacing;
		*ms = modes[i].ms;
		if (text[n] == '\0')
			return 0;
		char *end;
		unsigned long v = strtoul(text + n + 1, &end, 10);
		if (text[n] != ':' || *pacing == VV_PACING_FRAME || *end ||
		    end == text + n + 1 || v < 1 || v > 1000)
			return -EINVAL;
		*ms = (uint32_t)v;
		return 0;
	}
	return -EINVAL;
}
