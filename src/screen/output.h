/* wl_output: the scale and size a window opens at. */
#ifndef VV_OUTPUT_H
#define VV_OUTPUT_H

#include "wayland.h"

/* Binds global @name and adds it to wl->outputs. */
struct vv_output *vv_output_create(struct vv_wl *wl, uint32_t name,
				   uint32_t version);

/* Unlinks and frees; NULL is fine. */
void vv_output_destroy(struct vv_output *output);

#endif
