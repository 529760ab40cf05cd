/* linux-dmabuf v4 default feedback: the format table and its tranches,
 * turned into the set of (format, modifier) pairs the compositor imports. */
#ifndef VV_DMABUF_FEEDBACK_H
#define VV_DMABUF_FEEDBACK_H

#include "wayland.h"

/* Asks for the default feedback; each `done` replaces wl->dmabuf_formats. */
struct vv_dmabuf_feedback *vv_dmabuf_feedback_create(struct vv_wl *wl);

/* NULL is fine. */
void vv_dmabuf_feedback_destroy(struct vv_dmabuf_feedback *feedback);

#endif
