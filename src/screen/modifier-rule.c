#include "modifier-rule.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "format.h"

/* Exporters whose objects carry the plane's layout for an importer, from
 * the kernel's sources (exp_name is the exporter's KBUILD_MODNAME,
 * include/linux/dma-buf.h DEFINE_DMA_BUF_EXPORT_INFO). */
static bool
carries_layout(const char *exporter, uint64_t modifier, const char **because)
{
	if (!strcmp(exporter, "drm") && modifier == DRM_FORMAT_MOD_LINEAR) {
		/* drm_prime.c drm_gem_prime_export names every GEM object's
		 * export "drm": dumb buffers (linear by definition) and GEM
		 * objects with no tiling set. Weston 10 shows its own card's
		 * dumb buffers this way, and scans them out. The name does not
		 * tell the device: vgem's are "drm" too, and that weston
		 * crashes drawing them (kms_swrast maps imports with MAP_DUMB,
		 * refused for imported objects, drm_gem.c
		 * drm_gem_dumb_map_offset); the only "drm" source here is the
		 * demo's drm= backing, whose docs say to name the
		 * compositor's card. */
		*because = "a DRM PRIME buffer, linear without a modifier";
		return true;
	}
	if (!strcmp(exporter, "i915") &&
	    (modifier == DRM_FORMAT_MOD_LINEAR ||
	     modifier == I915_FORMAT_MOD_X_TILED ||
	     modifier == I915_FORMAT_MOD_Y_TILED)) {
		/* gvt/dmabuf.c vgpu_create_gem sets the object's tiling
		 * (none, X, Y) from the plane; i915 reads it back on import.
		 * Yf has no object tiling: it is set as Y, so never implicit.
		 */
		*because = "an i915 object that carries its tiling";
		return true;
	}
	return false;
}

int
vv_modifier_rule(const struct vv_format_set *formats, uint32_t fourcc,
		 uint64_t modifier, const char *exporter, bool names_device,
		 uint64_t *wire, struct vv_err *why)
{
	char name[12], mod[64];
	const char *because = NULL;

	if (vv_format_set_has(formats, fourcc, modifier)) {
		if (!names_device && (!strcmp(exporter, "udmabuf") ||
				      !strcmp(exporter, "mbochs"))) {
			/* Seen in the rig: weston 14 with Mesa 25.0 on vkms
			 * lists every format LINEAR (and implicit), takes
			 * these buffers and crashes at their first draw as
			 * weston 10 does (an llvmpipe thread segfaults at
			 * address 0; in Mesa 22.3 because kms_swrast maps
			 * with MAP_DUMB, refused for imported objects). Both
			 * give linux-dmabuf v3 there: their EGL on llvmpipe
			 * names no DRM device. A compositor on a GPU names
			 * its device (v4). */
			return vv_err_set(
			    why, ENOTSUP,
			    "the compositor's linux-dmabuf names no device (v3: weston on vkms, a software renderer), not offered a %s buffer: weston 14 with Mesa 25 takes those and crashes at its first draw",
			    exporter);
		}
		*wire = modifier;
		return vv_err_set(why, 0, "%s", "");
	}
	vv_format_fourcc_str(fourcc, name);
	vv_modifier_name(modifier, mod, sizeof(mod));
	if (!vv_format_set_only_implicit(formats, fourcc))
		return vv_err_set(
		    why, ENOTSUP,
		    "the compositor's linux-dmabuf does not take %s with modifier %s",
		    name, mod);
	if (carries_layout(exporter, modifier, &because)) {
		*wire = DRM_FORMAT_MOD_INVALID;
		/* A note, not an error: code 0. */
		return vv_err_set(
		    why, 0,
		    "linux-dmabuf, %s implicit modifier: exporter %s, %s", name,
		    exporter, because);
	}
	if (!strcmp(exporter, "udmabuf") || !strcmp(exporter, "mbochs"))
		return vv_err_set(
		    why, ENOTSUP,
		    "the compositor's linux-dmabuf takes %s only with the implicit modifier, not offered for a %s buffer: weston 10 with Mesa 22.3 takes those and crashes at its first draw",
		    name, exporter);
	if (!exporter[0])
		return vv_err_set(
		    why, ENOTSUP,
		    "the compositor's linux-dmabuf takes %s only with the implicit modifier, not offered for a buffer that is no dma-buf (a memfd)",
		    name);
	return vv_err_set(
	    why, ENOTSUP,
	    "the compositor's linux-dmabuf takes %s only with the implicit modifier, not offered for %s from exporter %s, not known to be shown safely that way",
	    name, mod, exporter);
}
