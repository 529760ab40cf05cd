/*
 * Format names and the fourcc -> pixman table. The table holds only
 * single-plane RGB formats: the ones a vGPU scans out and wl_shm offers.
 */
#include "tc-format.h"

#include <ctype.h>
#include <drm_fourcc.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct tc_format_info format_table[] = {
	{ DRM_FORMAT_XRGB8888, PIXMAN_x8r8g8b8, 4 },
	{ DRM_FORMAT_ARGB8888, PIXMAN_a8r8g8b8, 4 },
	{ DRM_FORMAT_XBGR8888, PIXMAN_x8b8g8r8, 4 },
	{ DRM_FORMAT_ABGR8888, PIXMAN_a8b8g8r8, 4 },
	{ DRM_FORMAT_RGB565, PIXMAN_r5g6b5, 2 },
	{ DRM_FORMAT_XRGB2101010, PIXMAN_x2r10g10b10, 4 },
	{ DRM_FORMAT_ARGB2101010, PIXMAN_a2r10g10b10, 4 },
	{ DRM_FORMAT_XBGR2101010, PIXMAN_x2b10g10r10, 4 },
	{ DRM_FORMAT_ABGR2101010, PIXMAN_a2b10g10r10, 4 },
	{ DRM_FORMAT_RGB888, PIXMAN_r8g8b8, 3 },
	{ DRM_FORMAT_BGR888, PIXMAN_b8g8r8, 3 },
};

const struct tc_format_info *
tc_format_lookup(uint32_t drm)
{
	for (size_t i = 0; i < sizeof(format_table) / sizeof(format_table[0]);
	     i++) {
		if (format_table[i].drm == drm)
			return &format_table[i];
	}
	return NULL;
}

uint32_t
tc_format_from_shm(uint32_t shm_format)
{
	/* wl_shm_format: ARGB8888 = 0, XRGB8888 = 1, the rest are fourccs */
	if (shm_format == 0)
		return DRM_FORMAT_ARGB8888;
	if (shm_format == 1)
		return DRM_FORMAT_XRGB8888;
	return shm_format;
}

const char *
tc_format_name(uint32_t fourcc, char *buf)
{
	for (int i = 0; i < 4; i++) {
		unsigned char c = (fourcc >> (8 * i)) & 0xff;
		if (!isprint(c) || c == ' ' || c == '=' || c == ',') {
			snprintf(buf, 12, "0x%08" PRIx32, fourcc);
			return buf;
		}
		buf[i] = c;
	}
	buf[4] = '\0';
	return buf;
}

static const struct {
	const char *name;
	uint64_t modifier;
} modifier_names[] = {
	{ "LINEAR", DRM_FORMAT_MOD_LINEAR },
	{ "X_TILED", I915_FORMAT_MOD_X_TILED },
	{ "Y_TILED", I915_FORMAT_MOD_Y_TILED },
	{ "INVALID", DRM_FORMAT_MOD_INVALID },
};

const char *
tc_modifier_name(uint64_t modifier, char *buf)
{
	for (size_t i = 0; i < sizeof(modifier_names) / sizeof(*modifier_names);
	     i++) {
		if (modifier_names[i].modifier == modifier)
			return modifier_names[i].name;
	}
	snprintf(buf, 24, "0x%016" PRIx64, modifier);
	return buf;
}

static bool
parse_hex(const char *text, uint64_t max, uint64_t *value)
{
	char *end;

	if (strncmp(text, "0x", 2) != 0 || !isxdigit((unsigned char)text[2]))
		return false;
	unsigned long long v = strtoull(text + 2, &end, 16);
	if (*end != '\0' || v > max)
		return false;
	*value = v;
	return true;
}

bool
tc_format_parse(const char *text, uint32_t *fourcc)
{
	uint64_t v;

	if (parse_hex(text, UINT32_MAX, &v)) {
		*fourcc = (uint32_t)v;
		return true;
	}
	if (strlen(text) != 4)
		return false;
	*fourcc = fourcc_code(text[0], text[1], text[2], text[3]);
	return true;
}

bool
tc_modifier_parse(const char *text, uint64_t *modifier)
{
	for (size_t i = 0; i < sizeof(modifier_names) / sizeof(*modifier_names);
	     i++) {
		if (strcmp(text, modifier_names[i].name) == 0) {
			*modifier = modifier_names[i].modifier;
			return true;
		}
	}
	return parse_hex(text, UINT64_MAX, modifier);
}

bool
tc_format_list_has(const struct tc_format_pair *pairs, size_t count,
		   uint32_t format, uint64_t modifier)
{
	for (size_t i = 0; i < count; i++) {
		if (pairs[i].format == format && pairs[i].modifier == modifier)
			return true;
	}
	return false;
}

bool
tc_format_list_parse(const char *list, struct tc_format_pair **pairs,
		     size_t *count, char *err, size_t err_size)
{
	char *copy = strdup(list);
	char *save = NULL;
	struct tc_format_pair *out = NULL;
	size_t n = 0;

	if (!copy)
		abort();
	for (char *item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(item, ':');
		uint32_t format;
		uint64_t modifier;

		if (!colon) {
			snprintf(err, err_size, "'%s' is not FOURCC:MODIFIER",
				 item);
			goto fail;
		}
		*colon = '\0';
		if (!tc_format_parse(item, &format)) {
			snprintf(err, err_size, "'%s' is not a fourcc", item);
			goto fail;
		}
		if (!tc_modifier_parse(colon + 1, &modifier)) {
			snprintf(err, err_size, "'%s' is not a modifier",
				 colon + 1);
			goto fail;
		}
		if (tc_format_list_has(out, n, format, modifier))
			continue;
		out = realloc(out, (n + 1) * sizeof(*out));
		if (!out)
			abort();
		out[n++] = (struct tc_format_pair){ .format = format,
						    .modifier = modifier };
	}
	if (n == 0) {
		snprintf(err, err_size, "the list is empty");
		goto fail;
	}
	free(copy);
	*pairs = out;
	*count = n;
	return true;

fail:
	free(copy);
	free(out);
	return false;
}
