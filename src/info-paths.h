/* --info's path key: which way each plane would reach the screen of the
 * compositor at hand ($WAYLAND_DISPLAY). */
#ifndef VV_INFO_PATHS_H
#define VV_INFO_PATHS_H

#include "info.h"
#include "plane.h"
#include "source.h"

struct vv_info_compositor;

/* Connects to the session's compositor, or returns NULL (nothing logged
 * beyond debug) when there is none: --info works without one. Paths are
 * named without exporting a dma-buf (each export of an mbochs id drops a
 * page reference). @source must outlive it. */
struct vv_info_compositor *
vv_info_compositor_open(const struct vv_source *source);

/* NULL is fine. */
void vv_info_compositor_close(struct vv_info_compositor *ic);

/* The vv_info_paths of @ic, for vv_info_print; NULL when @ic is NULL. */
const struct vv_info_paths *
vv_info_compositor_paths(struct vv_info_compositor *ic);

#endif
