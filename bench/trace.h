/* The record vv-bench's tracer (trace.c, preloaded into the viewer in front
 * of the emulated device) shares with vv-bench: one file mapped MAP_SHARED
 * by both, written only by the viewer's thread, read live by vv-bench.
 *
 * It exists because the compositor's log cannot say which guest frame a
 * commit shows (the viewer re-attaches every frame): the tracer records
 * when the viewer asked the device for its primary plane and which dmabuf
 * id the answer named; the commit that follows that query shows that id.
 * It also counts the device operations the viewer made, so that vv-bench
 * can take the emulation's own cost (a few syscalls per emulated ioctl, run
 * inside the viewer process) out of the viewer's figures, and every mmap
 * of a device or dma-buf fd, as a check of the viewer's own counter that
 * does not rely on the viewer. */
#ifndef VV_BENCH_TRACE_H
#define VV_BENCH_TRACE_H

#include <stdint.h>

#define VVB_TRACE_MAGIC    0x76766274u /* "vvbt" */
#define VVB_TRACE_CAPACITY (1u << 18)

enum vvb_event {
	VVB_EV_QUERY_PRIMARY, /* value: the dmabuf id (region index) */
	VVB_EV_MMAP_DMABUF,   /* value: length in KiB */
	VVB_EV_MMAP_DEVICE,   /* value: length in KiB */
};

/* Counters of what the viewer asked of the (emulated) device. */
enum vvb_count {
	VVB_N_QUERY_PRIMARY,   /* QUERY_GFX_PLANE, primary, not PROBE */
	VVB_N_QUERY_OTHER,     /* QUERY_GFX_PLANE, cursor or PROBE */
	VVB_N_EXPORT,          /* GET_GFX_DMABUF */
	VVB_N_SYNC,            /* DMA_BUF_IOCTL_SYNC */
	VVB_N_VFIO_OTHER,      /* any other VFIO ioctl */
	VVB_N_MMAP_DMABUF,     /* mmap of an emulated dma-buf */
	VVB_N_MMAP_DEVICE,     /* mmap of a device fd (a region) */
	VVB_N_TRACER_SYSCALLS, /* syscalls the tracer itself made */
	VVB_N_COUNT,
};

struct vvb_trace_event {
	uint64_t t_ns; /* CLOCK_MONOTONIC */
	uint32_t kind; /* enum vvb_event */
	uint32_t value;
};

struct vvb_trace {
	uint32_t magic;
	uint32_t capacity;
	uint64_t count[VVB_N_COUNT]; /* stored with release order */
	uint64_t n_events;           /* events written (may exceed capacity:
					the newest overwrite the oldest) */
	/* Wall time spent inside the emulated device's ioctls, ns: its CPU
	 * cost in place (it never sleeps, but for its state file lock). */
	uint64_t emulated_ns;
	struct vvb_trace_event events[];
};

#define VVB_TRACE_BYTES             \
	(sizeof(struct vvb_trace) + \
	 (uint64_t)VVB_TRACE_CAPACITY * sizeof(struct vvb_trace_event))

#endif
