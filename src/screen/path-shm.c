/* The shm-import path: a dma-buf the CPU can map read-write (a memfd, a
 * udmabuf, GVT's buffers) handed to the compositor as a wl_shm pool over the
 * same pages: the source's memfd of them where it has one (the demo's
 * udmabufs: so that no wl_shm mapping is ever of the udmabuf, whose 6.1 code
 * logged "BUG: Bad page state" with weston's), else the dma-buf itself.
 * Still zero copies: the compositor reads the guest's memory.
 * For compositors without linux-dmabuf (weston 10, software sessions). */
#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "path.h"
#include "present.h"

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010 /* Linux 5.1 */
#endif

/* What the pool is made of: the source's memfd of the same pages where it
 * has one (the demo's udmabufs), else the dma-buf's own fd. */
static int
pool_fd(const struct vv_dmabuf *buf)
{
	return buf->shm_fd >= 0 ? buf->shm_fd : buf->fd;
}

/* The compositor maps a wl_shm pool read-write and shared, and a mapping
 * it cannot make is a fatal protocol error for us, so we make sure first,
 * for each buffer before its pool is made, without a mapping of our own
 * wherever the fd's kind tells:
 *  - memory that is no dma-buf (the source's memfd, or a memfd or file
 *    standing in for a dma-buf: no exporter): open read-write and not
 *    sealed against writes (F_SEAL_WRITE and F_SEAL_FUTURE_WRITE refuse
 *    shared writable maps, mm/shmem.c shmem_mmap);
 *  - a real dma-buf: whether its exporter lets the CPU map it shows only
 *    by trying, so a probe maps it without touching a byte (counted in
 *    dmabuf_maps). */
static int
shareable(struct vv_present *present, const struct vv_dmabuf *buf)
{
	int fd = pool_fd(buf);
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0)
		return -errno;
	if ((flags & O_ACCMODE) != O_RDWR)
		return -EACCES;
	if (buf->shm_fd >= 0 || !buf->exporter[0]) {
		struct stat st;
		/* The pool is buf->size bytes: a shorter file would be a
		 * mapping past its end, SIGBUS in the compositor. */
		if (fstat(fd, &st) < 0)
			return -errno;
		if ((uint64_t)st.st_size < buf->size)
			return -EINVAL;
		int seals = fcntl(fd, F_GET_SEALS);
		/* EINVAL: a file that takes no seals, so has none. */
		if (seals < 0 && errno != EINVAL)
			return -errno;
		if (seals > 0 && seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
			return -EPERM;
		return 0;
	}
	present->stats->dmabuf_maps++;
	void *map =
	    mmap(NULL, buf->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return -errno;
	munmap(map, buf->size);
	return 0;
}

/* Why the compositor could not map what shareable refused with @ret. */
static int
unshareable(struct vv_err *why, int ret)
{
	return vv_err_set(
	    why, -ret,
	    "the dma-buf cannot be mapped read-write by the compositor (%s)",
	    ret == -EACCES  ? "exported read-only"
	    : ret == -EPERM ? "sealed against writes"
			    : strerror(-ret));
}

static int
shm_accepts(const struct vv_present *present, const struct vv_plane *plane,
	    const struct vv_dmabuf_desc *desc, struct vv_err *why)
{
	char name[12], mod[64];

	vv_format_fourcc_str(plane->info.fourcc, name);
	if (!desc)
		return vv_err_set(why, ENOTSUP,
				  "a device region is not shareable memory");
	if (plane->info.modifier != DRM_FORMAT_MOD_LINEAR)
		return vv_err_set(
		    why, ENOTSUP, "wl_shm is linear and the plane is %s",
		    vv_modifier_name(plane->info.modifier, mod, sizeof(mod)));
	if (!vv_format_set_has(&present->wl->shm_formats, plane->info.fourcc,
			       DRM_FORMAT_MOD_LINEAR))
		return vv_err_set(why, ENOTSUP,
				  "the compositor's wl_shm has no %s", name);
	/* pixman takes rows of whole uint32_t: weston shows such a buffer
	 * black. The copy path writes our own, aligned rows. */
	if (plane->info.stride % 4 != 0)
		return vv_err_set(
		    why, ENOTSUP,
		    "wl_shm needs a stride that is a multiple of 4 and the plane's is %u",
		    plane->info.stride);
	if (desc->size > INT32_MAX)
		return vv_err_set(why, ENOTSUP,
				  "the dma-buf is larger than a wl_shm pool");
	/* mbochs exports O_RDONLY: what shareable would find. Others are
	 * checked buffer by buffer in shm_frame. */
	if (desc->access == VV_DMABUF_ACCESS_NONE)
		return unshareable(why, -EACCES);
	return 0;
}

static int
shm_frame(struct vv_present *present, const struct vv_plane *plane,
	  const struct vv_dmabuf *buf, struct wl_buffer **out,
	  struct vv_err *why)
{
	struct vv_import *imp =
	    vv_present_find_import(present, VV_PATH_SHM, plane, buf);
	const struct vv_plane_info *info = &plane->info;

	if (!imp) {
		int ret = shareable(present, buf);
		if (ret)
			return unshareable(why, ret);
		imp = vv_present_add_import(present, VV_PATH_SHM, plane, buf);
		struct wl_shm_pool *pool = wl_shm_create_pool(
		    present->wl->shm, pool_fd(buf), (int32_t)buf->size);
		imp->buffer = wl_shm_pool_create_buffer(
		    pool, 0, (int32_t)info->width, (int32_t)info->height,
		    (int32_t)info->stride, vv_wl_shm_format(info->fourcc));
		wl_shm_pool_destroy(pool);
		imp->state = VV_IMPORT_READY;
	}
	*out = imp->buffer;
	return 0;
}

const struct vv_path_ops vv_path_shm = {
	.path = VV_PATH_SHM,
	.name = "shm-import",
	.accepts = shm_accepts,
	.frame = shm_frame,
};
