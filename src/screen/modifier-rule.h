/* Which modifier a plane's dma-buf is offered with through linux-dmabuf:
 * its own, or DRM_FORMAT_MOD_INVALID (implicit: "the layout the buffer
 * object carries") where the compositor lists only that one.
 *
 * The implicit modifier hands the layout to the importing driver: it reads
 * tiling the exporter set on the object (i915 get_tiling) and takes an
 * object with none as linear. So a plane may go implicit only when its
 * exporter's objects carry exactly the plane's layout, and only from an
 * exporter seen to survive it: weston 10 with Mesa 22.3 (kms_swrast) takes
 * udmabuf, vgem and mbochs buffers implicitly and then crashes at its first
 * draw (docs/real-compositor.md). Weston 14 with Mesa 25.0 lists LINEAR
 * too, takes them and crashes the same way: both give linux-dmabuf v3
 * there, so a compositor that names no device gets no udmabuf or mbochs
 * buffer at all. A pure function, unit-tested. */
#ifndef VV_MODIFIER_RULE_H
#define VV_MODIFIER_RULE_H

#include <stdint.h>

#include "format-set.h"

struct vv_err;

/* The modifier to put in zwp_linux_buffer_params_v1.add for a plane of
 * @fourcc and @modifier whose dma-buf @exporter made ("" when its fdinfo
 * names none), for a compositor that takes @formats and, @names_device,
 * gives linux-dmabuf v4 (feedback names the device it imports with):
 *  - the plane's own modifier when @formats lists the pair: 0, @why's text
 *    ""; but for a udmabuf or mbochs buffer when !@names_device: -ENOTSUP;
 *  - DRM_FORMAT_MOD_INVALID when @formats lists @fourcc only with it and
 *    the exporter's implicit layout is the plane's: 0, @why's text names
 *    the modifier and the exporter for the log (code 0);
 *  - otherwise -ENOTSUP, @why says why not.
 * @why may be NULL. */
int vv_modifier_rule(const struct vv_format_set *formats, uint32_t fourcc,
		     uint64_t modifier, const char *exporter, bool names_device,
		     uint64_t *wire, struct vv_err *why);

#endif
