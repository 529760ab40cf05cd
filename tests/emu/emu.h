/* The emulated VFIO display device: shared model.
 *
 * Everything lives under one root directory ($VV_EMU_ROOT), so that the
 * LD_PRELOAD library (in the viewer) and the vv-emu control tool (another
 * process) see the same device:
 *
 *   ROOT/sys/...            the mdev sysfs tree (real dirs and symlinks)
 *   ROOT/dev/vfio/...       placeholders for /dev/vfio/{vfio,N,devices/vfioN}
 *   ROOT/dev/iommu          placeholder for /dev/iommu
 *   ROOT/state/UUID         struct emu_state, mapped MAP_SHARED, flock-ed
 *   ROOT/state/group-N      symlink -> UUID (which device is group N)
 *   ROOT/state/cdev-N       symlink -> UUID (which device is vfioN)
 *   ROOT/open/KIND-...      one marker file per emulated open (struct
 *                           emu_open inside); the fd handed out IS an open
 *                           of it, so it survives fork, exec, dup, fd:N and
 *                           pidfd_getfd. Its holder keeps a LOCK_SH flock
 *                           on it: "alive" = someone still holds it.
 *   ROOT/fb/UUID-...        one file per framebuffer (plane key); a dma-buf
 *                           fd is a new open of it.
 *
 * Nothing here keeps process-local state: every call finds its object from
 * the fd (what /proc/self/fd/N points at) and the files above. */
#ifndef VV_EMU_H
#define VV_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define EMU_PATH_MAX 512
#define EMU_UUID_LEN 37 /* 36 characters and NUL */

enum emu_profile {
	EMU_MBOCHS,
	EMU_GVT,
	EMU_MDPY,
	EMU_MTTY,
	EMU_PROFILE_COUNT,
};

/* A plane as the emulated guest programmed it. */
struct emu_plane {
	uint32_t enabled;
	uint32_t fourcc;
	uint64_t modifier;
	uint32_t width;  /* pixels */
	uint32_t height; /* pixels */
	uint32_t stride; /* bytes */
	uint32_t seed;   /* last pattern drawn (for stats) */
	uint64_t offset; /* bytes into VRAM (mbochs) or GGTT address (gvt) */
	int32_t x, y;    /* cursor position, guest pixels, signed */
	uint32_t hot_x;  /* cursor hotspot as the guest set it */
	uint32_t hot_y;
};

/* One dmabuf id: the plane parameters it was handed out for. */
struct emu_key {
	uint32_t used;
	uint32_t id;
	uint32_t plane_type; /* DRM plane type: 1 primary, 2 cursor */
	uint32_t fourcc;
	uint64_t modifier;
	uint32_t width, height, stride, size;
	uint64_t offset;
	uint32_t exports; /* GET_GFX_DMABUF calls that returned an fd */
	uint32_t pad;
};

/* Garbage metadata (vv-emu raw): returned verbatim for a plane type. */
struct emu_raw {
	uint32_t active;
	uint32_t fourcc;
	uint64_t modifier;
	uint32_t width, height, stride, size;
	uint32_t x_pos, y_pos, x_hot, y_hot;
	uint32_t id;
	uint32_t pad;
};

enum emu_op {
	EMU_OP_QUERY,        /* QUERY_GFX_PLANE of the primary (not PROBE) */
	EMU_OP_QUERY_CURSOR, /* QUERY_GFX_PLANE of the cursor */
	EMU_OP_PROBE,        /* QUERY_GFX_PLANE with PROBE */
	EMU_OP_EXPORT,       /* GET_GFX_DMABUF */
	EMU_OP_GET_INFO,
	EMU_OP_REGION_INFO,
	EMU_OP_OPEN_GROUP,
	EMU_OP_OPEN_CDEV,
	EMU_OP_GET_DEVICE_FD,
	EMU_OP_BIND,
	EMU_OP_ATTACH,
	EMU_OP_MMAP,
	EMU_OP_PREAD,
	EMU_OP_PWRITE,
	EMU_OP_RESET,
	EMU_OP_COUNT,
};

struct emu_fail {
	int32_t err;   /* errno to return */
	int32_t count; /* calls left to fail; -1: every call */
};

#define EMU_MAX_KEYS    128
#define EMU_EDID_REGION 0x1000
#define EMU_STATE_MAGIC 0x76766531u /* "vve1" */

enum emu_state_flags {
	EMU_REMOVED = 1 << 0, /* vv-emu remove: ioctls -> ENODEV */
	EMU_DENIED = 1 << 1,  /* vv-emu deny: opening group/node -> EACCES */
	/* vv-emu churn: every gvt primary query answers a new dmabuf id */
	EMU_CHURN = 1 << 2,
};

/* What GET_GFX_DMABUF hands out (vv-emu export-as): a stand-in for a
 * dma-buf, or the wrong kind of fd a broken driver could return. */
enum emu_export_as {
	EMU_EXPORT_DMABUF,
	EMU_EXPORT_PIPE,
	EMU_EXPORT_DIRECTORY,
	EMU_EXPORT_NULL, /* /dev/null */
	EMU_EXPORT_SOCKET,
	EMU_EXPORT_COUNT,
};

/* One device. Mapped MAP_SHARED by every process; change it only between
 * emu_state_lock() and emu_state_unlock(). */
struct emu_state {
	uint32_t magic;
	uint32_t profile; /* enum emu_profile */
	char uuid[EMU_UUID_LEN];
	char parent[32]; /* sysfs parent device name */
	char type[32];   /* mdev type, e.g. mbochs-small */
	uint32_t flags;  /* enum emu_state_flags */
	int32_t group;   /* iommu group number */
	int32_t cdev;    /* N of /dev/vfio/devices/vfioN, -1: none */
	uint64_t vram;   /* mbochs BAR0 / mdpy region / gvt aperture bytes */
	uint32_t max_xres, max_yres;

	struct emu_plane primary, cursor;
	struct emu_raw raw[3]; /* by DRM plane type */
	struct emu_fail fail[EMU_OP_COUNT];
	struct emu_key keys[EMU_MAX_KEYS];
	uint32_t next_id; /* mbochs: next dmabuf id (never reused) */
	uint32_t
	    export_as; /* enum emu_export_as: what GET_GFX_DMABUF returns */

	/* markers (basenames under ROOT/open) holding exclusive roles */
	char group_marker[96]; /* the open group file */
	char bound_marker[96]; /* the cdev open bound to an iommufd */

	/* counters for vv-emu stats */
	uint32_t n_reset, n_query, n_query_cursor, n_probe, n_export;
	uint32_t n_get_info, n_region_info, n_open_group, n_open_cdev;
	uint32_t n_get_device_fd, n_bind, n_mmap, n_edid_link_up;

	uint8_t config[256];           /* PCI config space */
	uint8_t edid[EMU_EDID_REGION]; /* EDID region: regs + blob */
	/* vv-emu blank: primary queries left that answer "no plane" */
	uint32_t blank;
};

/* ---- paths (emu-state.c) ---------------------------------------------- */

/* Formats ROOT/fmt... into out (EMU_PATH_MAX). -ENAMETOOLONG on overflow. */
int emu_path(char *out, const char *root, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- device state (emu-state.c) --------------------------------------- */

struct emu_dev {
	int fd; /* the state file, owned, flock-ed while locked */
	struct emu_state *s;
};

/* Maps the state of @uuid (or of the device behind "group-N"/"cdev-N" when
 * @uuid is such a name) and takes its lock. -ENOENT if there is none. */
int emu_state_lock(const char *root, const char *uuid, struct emu_dev *out);
void emu_state_unlock(struct emu_dev *dev);
/* Creates a new zeroed state file for @uuid (vv-emu add). Locked. */
int emu_state_create(const char *root, const char *uuid, struct emu_dev *out);

/* Fault injection: -errno to return for @op now (and counts it down), or
 * 0 to go on. */
int emu_fail_check(struct emu_state *s, enum emu_op op);
const char *emu_op_name(enum emu_op op);
const char *emu_profile_name(enum emu_profile p);

/* ---- open markers (emu-state.c) --------------------------------------- */

enum emu_kind {
	EMU_FD_NONE,
	EMU_FD_CONTAINER, /* /dev/vfio/vfio */
	EMU_FD_GROUP,     /* /dev/vfio/N */
	EMU_FD_DEVICE,    /* device fd from a group: anon_inode:[vfio-device] */
	EMU_FD_CDEV,      /* /dev/vfio/devices/vfioN */
	EMU_FD_IOMMUFD,   /* /dev/iommu */
	EMU_FD_DMABUF,    /* a framebuffer file: anon_inode:dmabuf */
};

enum emu_open_flags {
	EMU_OPEN_CONTAINER_SET = 1 << 0, /* group: SET_CONTAINER done */
	EMU_OPEN_IOMMU_SET = 1 << 1,     /* container: SET_IOMMU done */
	EMU_OPEN_BOUND = 1 << 2,         /* cdev: BIND_IOMMUFD done */
	EMU_OPEN_ATTACHED = 1 << 3,      /* cdev: ATTACH_IOMMUFD_PT done */
};

/* Per-open state, the content of a marker file. */
struct emu_open {
	uint32_t magic;
	uint32_t kind; /* enum emu_kind */
	uint32_t flags;
	uint32_t ngroups;   /* container: groups set to it */
	uint32_t next_ioas; /* iommufd: last IOAS id handed out */
	int32_t group;
	int32_t cdev;
	char uuid[EMU_UUID_LEN];
	char peer[96]; /* group: its container marker; cdev: iommufd's */
};

/* What an fd is, found from the file it refers to. */
struct emu_fd {
	enum emu_kind kind;
	char path[EMU_PATH_MAX]; /* real path of the file under ROOT */
	const char *name;        /* basename inside path */
	char uuid[EMU_UUID_LEN]; /* device (DEVICE, CDEV, GROUP, DMABUF) */
};

/* Classifies @fd (cheap fstat first). EMU_FD_NONE for anything else. */
enum emu_kind emu_fd_classify(const char *root, dev_t root_dev, int fd,
			      struct emu_fd *out);
/* Classifies a real path under ROOT (e.g. a readlink result). */
enum emu_kind emu_path_classify(const char *root, const char *path,
				struct emu_fd *out);

/* Creates a new marker ROOT/open/PREFIX-XXXXXX holding @st and returns an
 * fd on it (O_RDWR | @oflags & O_CLOEXEC) with the liveness lock taken. The
 * marker name goes to @name (96 bytes) if not NULL. */
int emu_marker_create(const char *root, const char *prefix,
		      const struct emu_open *st, int oflags, char *name);
int emu_marker_read(int fd, struct emu_open *st);
int emu_marker_write(int fd, const struct emu_open *st);
/* True while some process still holds an fd on marker @name. */
bool emu_marker_alive(const char *root, const char *name);
/* Number of live markers whose names start with @prefix. */
int emu_marker_count(const char *root, const char *prefix);

/* ---- framebuffers (emu-state.c) --------------------------------------- */

/* Bytes per pixel of @fourcc (C8: 1, YUYV: 2 per pixel), 0 if unknown. */
uint32_t emu_format_cpp(uint32_t fourcc);
/* Size in bytes of the buffer behind @p (gvt: rows rounded to tiles). */
uint32_t emu_plane_size(const struct emu_state *s, const struct emu_plane *p);
/* Size of the framebuffer file, what lseek(SEEK_END) on its dma-buf says:
 * the plane size, page-rounded for gvt (dmabuf.c vgpu_create_gem). */
uint64_t emu_fb_size(const struct emu_state *s, const struct emu_plane *p);
/* Path of the framebuffer file of plane @p (@type: 1 primary, 2 cursor;
 * mdpy: the region). */
int emu_fb_path(char *out, const char *root, const struct emu_state *s,
		int type, const struct emu_plane *p);
/* Opens (creating it with @size bytes if missing) a framebuffer file. */
int emu_fb_open(const char *path, uint64_t size, int oflags);

/* ---- the VFIO uAPI (emu-vfio.c, emu-device.c) ------------------------- */

/* Context of an emulated call: the root and its filesystem. */
struct emu_ctx {
	const char *root;
	dev_t root_dev;
};

/* Emulated open of /dev/vfio/... or /dev/iommu: an fd, or -errno.
 * -ENOSYS: not an emulated path. */
int emu_open_dev(const struct emu_ctx *ctx, const char *path, int oflags);
/* ioctl on an emulated fd of kind @f->kind. Returns >= 0 or -errno. */
long emu_ioctl(const struct emu_ctx *ctx, int fd, const struct emu_fd *f,
	       unsigned long req, void *arg);
/* Device fd ioctls (emu-device.c). */
long emu_device_ioctl(const struct emu_ctx *ctx, const struct emu_fd *f,
		      unsigned long req, void *arg);
/* mmap of an emulated fd; MAP_FAILED with errno set on failure. */
void *emu_mmap(const struct emu_ctx *ctx, int fd, const struct emu_fd *f,
	       void *addr, size_t len, int prot, int flags, off_t off);
/* pread/pwrite on a device fd: bytes or -errno. */
ssize_t emu_device_rw(const struct emu_ctx *ctx, const struct emu_fd *f,
		      void *buf, size_t count, off_t off, bool write);
/* Device state defaults for a profile (vv-emu add). */
void emu_device_init(struct emu_state *s);
/* What the kernel shows for an emulated fd in /proc/PID/fd. */
const char *emu_fd_link(const struct emu_fd *f, char *buf, size_t len);

/* ---- raw syscalls (emu-state.c): never interposed --------------------- */
int emu_sys_open(const char *path, int flags, mode_t mode);
ssize_t emu_sys_pread(int fd, void *buf, size_t n, off_t off);
ssize_t emu_sys_pwrite(int fd, const void *buf, size_t n, off_t off);
void *emu_sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
		   off_t off);
ssize_t emu_sys_readlink(const char *path, char *buf, size_t len);
/* 0 if @path exists (no symlink followed at the end), else -errno. */
int emu_sys_access(const char *path);

#endif
