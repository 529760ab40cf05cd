/* Internals shared by the device files of the emulation. */
#ifndef VV_EMU_DEVICE_H
#define VV_EMU_DEVICE_H

#include "emu.h"

#include <linux/vfio.h>

#define MBOCHS_NUM_REGIONS (VFIO_PCI_NUM_REGIONS + 1) /* mbochs.c */
#define MBOCHS_VRAM_OFFSET 0x3000 /* MBOCHS_MEMORY_BAR_OFFSET */
#define MBOCHS_MMIO_OFFSET 0x1000
#define MBOCHS_EDID_OFFSET 0x2000
#define MDPY_REGION        16     /* mdpy.c MDPY_DISPLAY_REGION */
#define MDPY_VRAM_OFFSET   0x1000 /* MDPY_MEMORY_BAR_OFFSET */
#define GVT_OPREGION_INDEX VFIO_PCI_NUM_REGIONS
#define GVT_EDID_INDEX     (VFIO_PCI_NUM_REGIONS + 1)
#define GVT_NUM_REGIONS    (VFIO_PCI_NUM_REGIONS + 2)
#define GVT_GGTT_SIZE      (1ull << 32) /* graphics addresses the planes use */
#define GVT_CURSOR_BASE    0xf0000000ull

#ifndef DRM_PLANE_TYPE_PRIMARY
#define DRM_PLANE_TYPE_OVERLAY 0
#define DRM_PLANE_TYPE_PRIMARY 1
#define DRM_PLANE_TYPE_CURSOR  2
#endif

enum emu_region_kind {
	EMU_REGION_NONE,   /* reads as zeros (not emulated) */
	EMU_REGION_CONFIG, /* PCI config space */
	EMU_REGION_VRAM,   /* mbochs BAR0, mdpy BAR0/16, gvt aperture */
	EMU_REGION_MMIO,   /* mbochs BAR2: dispi registers, EDID copy */
	EMU_REGION_EDID,   /* VFIO_REGION_SUBTYPE_GFX_EDID */
};

struct emu_region {
	uint32_t index;
	uint64_t offset;  /* in the device fd */
	uint64_t size;    /* as GET_REGION_INFO reports it */
	uint64_t rw_size; /* what pread/pwrite accept (gvt EDID: more) */
	uint32_t flags;
	uint32_t cap_type, cap_subtype; /* 0: no capability */
	enum emu_region_kind kind;
};

/* Region @index of the device, -EINVAL if the driver refuses the index. */
int emu_region_get(const struct emu_state *s, uint32_t index,
		   struct emu_region *r);

/* mdpy.c mdpy_create_vconfig/mdpy_reset: the gray gradient. */
int emu_mdpy_gradient(const char *root, const struct emu_state *s);

#endif
