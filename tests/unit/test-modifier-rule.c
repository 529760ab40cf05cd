/* The implicit-modifier rule (modifier-rule.c) and the fdinfo parser it
 * reads the exporter with (file-kind.c vv_fdinfo_exporter). */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "file-kind.h"
#include "format-set.h"
#include "modifier-rule.h"
#include "tst.h"

static bool
exporter_of(const char *text, char *out, size_t len)
{
	return vv_fdinfo_exporter(text, strlen(text), out, len);
}

static void
test_fdinfo_exporter(void)
{
	char out[32];

	/* As dma-buf.c dma_buf_show_fdinfo writes it, after the common
	 * lines of every fd. */
	TST_CHECK(exporter_of("pos:\t0\nflags:\t02000002\nmnt_id:\t15\n"
			      "ino:\t1057\nsize:\t3145728\ncount:\t2\n"
			      "exp_name:\tdrm\nname:\tx\n",
			      out, sizeof(out)));
	TST_CHECK_STR(out, "drm");
	TST_CHECK(exporter_of("exp_name:\tudmabuf", out, sizeof(out)));
	TST_CHECK_STR(out, "udmabuf");
	TST_CHECK(exporter_of("exp_name: i915  \n", out, sizeof(out)));
	TST_CHECK_STR(out, "i915");
	/* The first one counts. */
	TST_CHECK(exporter_of("exp_name:\tmbochs\nexp_name:\tdrm\n", out,
			      sizeof(out)));
	TST_CHECK_STR(out, "mbochs");
	/* A memfd: no exporter. */
	TST_CHECK(!exporter_of("pos:\t0\nflags:\t02100002\nmnt_id:\t16\n"
			       "ino:\t3\n",
			       out, sizeof(out)));
	TST_CHECK(!exporter_of("", out, sizeof(out)));
	TST_CHECK(!exporter_of("exp_name:\t\n", out, sizeof(out)));
	TST_CHECK(!exporter_of("xexp_name:\tdrm\n", out, sizeof(out)));
	TST_CHECK(!exporter_of("exp_name:\tdrm x\n", out, sizeof(out)));
	TST_CHECK(!exporter_of("exp_name:\tdr\xffm\n", out, sizeof(out)));
	/* Never truncated into another name: "drmfoo" is not "drm". */
	TST_CHECK(!exporter_of("exp_name:\tdrmfoo\n", out, 4));
	TST_CHECK(exporter_of("exp_name:\tdrm\n", out, 4));
	TST_CHECK_STR(out, "drm");
	/* Not NUL-terminated: only @len bytes are read. */
	TST_CHECK(
	    vv_fdinfo_exporter("exp_name:\tdrmXYZ", 13, out, sizeof(out)));
	TST_CHECK_STR(out, "drm");
}

/* vv_modifier_rule for XR24 and a compositor whose linux-dmabuf names its
 * device (v4) or not (v3): true when it gives a modifier, @why its text
 * (512 bytes). */
static bool
rule_with(const struct vv_format_set *set, uint64_t modifier,
	  const char *exporter, bool names_device, uint64_t *wire, char *why)
{
	struct vv_err err = { .code = 1, .text = "stale" };

	*wire = 12345;
	int ret = vv_modifier_rule(set, DRM_FORMAT_XRGB8888, modifier, exporter,
				   names_device, wire, &err);
	memcpy(why, err.text, sizeof(err.text));
	/* A refusal is -ENOTSUP with its errno; a modifier comes with code
	 * 0, whether @why holds a note or nothing. */
	TST_CHECK(ret == 0 || ret == -ENOTSUP);
	TST_CHECK(err.code == -ret);
	return ret == 0;
}

/* For a compositor with linux-dmabuf v4 (it names its device). */
static bool
rule(const struct vv_format_set *set, uint64_t modifier, const char *exporter,
     uint64_t *wire, char *why)
{
	return rule_with(set, modifier, exporter, true, wire, why);
}

/* For a compositor with linux-dmabuf v3 (it names no device). */
static bool
rule_v3(const struct vv_format_set *set, uint64_t modifier,
	const char *exporter, uint64_t *wire, char *why)
{
	return rule_with(set, modifier, exporter, false, wire, why);
}

static void
test_rule(void)
{
	struct vv_format_set explicit = { 0 }, implicit = { 0 }, mixed = { 0 };
	uint64_t wire;
	char why[sizeof(((struct vv_err *)0)->text)];

	vv_format_set_add(&explicit, DRM_FORMAT_XRGB8888,
			  DRM_FORMAT_MOD_LINEAR);
	vv_format_set_add(&explicit, DRM_FORMAT_XRGB8888,
			  DRM_FORMAT_MOD_INVALID);
	vv_format_set_add(&implicit, DRM_FORMAT_XRGB8888,
			  DRM_FORMAT_MOD_INVALID);
	vv_format_set_add(&implicit, DRM_FORMAT_ARGB8888,
			  DRM_FORMAT_MOD_LINEAR);
	vv_format_set_add(&mixed, DRM_FORMAT_XRGB8888, I915_FORMAT_MOD_X_TILED);
	vv_format_set_add(&mixed, DRM_FORMAT_XRGB8888, DRM_FORMAT_MOD_INVALID);

	/* The plane's own pair listed: always that, whoever exported it. */
	TST_CHECK(
	    rule(&explicit, DRM_FORMAT_MOD_LINEAR, "udmabuf", &wire, why));
	TST_CHECK(wire == DRM_FORMAT_MOD_LINEAR);
	TST_CHECK_STR(why, "");

	/* ... but on v3 (weston 14 with Mesa 25 on vkms: every format
	 * LINEAR and INVALID) not from the exporters it crashes drawing... */
	TST_CHECK(
	    !rule_v3(&explicit, DRM_FORMAT_MOD_LINEAR, "udmabuf", &wire, why));
	TST_CHECK(strstr(why, "names no device") != NULL);
	TST_CHECK(strstr(why, "a udmabuf buffer") != NULL);
	TST_CHECK(
	    !rule_v3(&explicit, DRM_FORMAT_MOD_LINEAR, "mbochs", &wire, why));
	TST_CHECK(strstr(why, "a mbochs buffer") != NULL);
	/* ... while its own card's PRIME buffers and a GPU's objects go. */
	TST_CHECK(rule_v3(&explicit, DRM_FORMAT_MOD_LINEAR, "drm", &wire, why));
	TST_CHECK(wire == DRM_FORMAT_MOD_LINEAR);
	TST_CHECK_STR(why, "");
	TST_CHECK(
	    rule_v3(&explicit, DRM_FORMAT_MOD_LINEAR, "i915", &wire, why));
	TST_CHECK(rule_v3(&explicit, DRM_FORMAT_MOD_LINEAR, "", &wire, why));
	/* Implicit-only on v3 (weston 10): as on v4, the older reason. */
	TST_CHECK(
	    !rule_v3(&implicit, DRM_FORMAT_MOD_LINEAR, "udmabuf", &wire, why));
	TST_CHECK(strstr(why, "only with the implicit modifier") != NULL);
	TST_CHECK(rule_v3(&implicit, DRM_FORMAT_MOD_LINEAR, "drm", &wire, why));
	TST_CHECK(wire == DRM_FORMAT_MOD_INVALID);

	/* Only INVALID listed: a DRM PRIME buffer goes implicit... */
	TST_CHECK(rule(&implicit, DRM_FORMAT_MOD_LINEAR, "drm", &wire, why));
	TST_CHECK(wire == DRM_FORMAT_MOD_INVALID);
	TST_CHECK(strstr(why, "XR24 implicit modifier: exporter drm") != NULL);
	/* ... the exporters that crash weston 10 do not ... */
	TST_CHECK(
	    !rule(&implicit, DRM_FORMAT_MOD_LINEAR, "udmabuf", &wire, why));
	TST_CHECK(strstr(why, "udmabuf buffer") != NULL);
	TST_CHECK(
	    !rule(&implicit, DRM_FORMAT_MOD_LINEAR, "mbochs", &wire, why));
	TST_CHECK(strstr(why, "mbochs buffer") != NULL);
	/* ... nor a memfd, nor an exporter not known here. */
	TST_CHECK(!rule(&implicit, DRM_FORMAT_MOD_LINEAR, "", &wire, why));
	TST_CHECK(strstr(why, "memfd") != NULL);
	TST_CHECK(
	    !rule(&implicit, DRM_FORMAT_MOD_LINEAR, "virtio_gpu", &wire, why));
	TST_CHECK(strstr(why, "exporter virtio_gpu") != NULL);
	/* A tiled plane: never implicit from "drm" (the object need not
	 * carry the tiling); from i915 (GVT-g sets it on the object) for X
	 * and Y, not Yf, which gvt/dmabuf.c sets as Y. */
	TST_CHECK(!rule(&implicit, I915_FORMAT_MOD_X_TILED, "drm", &wire, why));
	TST_CHECK(rule(&implicit, I915_FORMAT_MOD_X_TILED, "i915", &wire, why));
	TST_CHECK(wire == DRM_FORMAT_MOD_INVALID);
	TST_CHECK(rule(&implicit, I915_FORMAT_MOD_Y_TILED, "i915", &wire, why));
	TST_CHECK(rule(&implicit, DRM_FORMAT_MOD_LINEAR, "i915", &wire, why));
	TST_CHECK(
	    !rule(&implicit, I915_FORMAT_MOD_Yf_TILED, "i915", &wire, why));
	/* INVALID next to explicit modifiers without the plane's: the
	 * driver has modifiers and lacks this one, implicit or not. */
	TST_CHECK(!rule(&mixed, DRM_FORMAT_MOD_LINEAR, "drm", &wire, why));
	TST_CHECK(strstr(why, "does not take XR24 with modifier LINEAR") !=
		  NULL);
	/* Unlisted format. */
	TST_CHECK(vv_modifier_rule(&implicit, DRM_FORMAT_RGB565,
				   DRM_FORMAT_MOD_LINEAR, "drm", true, &wire,
				   NULL) == -ENOTSUP);
	/* ARGB listed LINEAR only: not "only implicit". */
	TST_CHECK(!vv_format_set_only_implicit(&implicit, DRM_FORMAT_ARGB8888));
	TST_CHECK(vv_format_set_only_implicit(&implicit, DRM_FORMAT_XRGB8888));
	TST_CHECK(!vv_format_set_only_implicit(&mixed, DRM_FORMAT_XRGB8888));

	vv_format_set_finish(&explicit);
	vv_format_set_finish(&implicit);
	vv_format_set_finish(&mixed);
}

int
main(void)
{
	TST_RUN(test_fdinfo_exporter);
	TST_RUN(test_rule);
	return tst_failures != 0;
}
