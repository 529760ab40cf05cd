/* dmabuf-refuse.so, LD_PRELOADed into vgpu-view: with DMABUF_REFUSE=1 every
 * linux-dmabuf `create` / `create_immed` the viewer sends carries the
 * INTERLACED flag, so that a real compositor refuses the import the way it
 * refuses any buffer its renderer cannot take: weston 10's GL renderer answers
 * `failed` for every flag but Y_INVERT (gl_renderer_import_dmabuf: "reject all
 * flags we do not recognize or handle"). tests/real-compositor.sh checks that
 * the viewer then moves on to its next path with one log line.
 *
 * DMABUF_REFUSE_FORMAT=AR24 (a fourcc's 4 characters) limits it to imports
 * of that format: the cursor alone moves to wl_shm, which weston 10 can put
 * on its cursor plane. DMABUF_FORCE_LINEAR=1 also sends the implicit
 * modifier as LINEAR: weston puts no buffer with the implicit modifier on a
 * KMS plane (drm_fb_get_from_dmabuf), so only then can the guest's primary
 * be scanned out; it shows what else in the window would stop it.
 *
 * RC_COMMIT_COUNT=FILE writes the number of wl_surface.commit requests sent
 * so far into FILE after each one, so that a test can read the viewer's
 * frames at any moment, not only in --stats at exit.
 *
 * It wraps wl_proxy_marshal_flags, which every generated request stub calls:
 * other requests are passed on unchanged, their arguments read by the
 * message's signature as libwayland itself reads them. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wayland-client.h>

#define MAX_ARGS          20 /* WL_CLOSURE_MAX_ARGS */
#define OP_ADD            1
#define OP_SURFACE_COMMIT 6
#define OP_CREATE         2
#define OP_CREATE_IMMED   3
#define FLAGS_INTERLACED  2

/* The head of libwayland's struct wl_proxy (struct wl_object), unchanged
 * since 1.0: the proxy's interface, which has the message signatures. */
struct object_head {
	const struct wl_interface *interface;
};

/* The viewer's commits so far: process-wide, as the requests are (a
 * preloaded shim has nowhere else to keep it). */
static unsigned long commits;

static void
count_commit(void)
{
	const char *path = getenv("RC_COMMIT_COUNT");
	char line[32];

	commits++;
	if (!path)
		return;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	int n = snprintf(line, sizeof(line), "%-20lu\n", commits);
	/* A short write leaves a count the test cannot read, and it says so. */
	ssize_t written = pwrite(fd, line, (size_t)n, 0);
	(void)written;
	close(fd);
}

struct wl_proxy *
wl_proxy_marshal_flags(struct wl_proxy *proxy, uint32_t opcode,
		       const struct wl_interface *interface, uint32_t version,
		       uint32_t flags, ...)
{
	const struct wl_interface *own =
	    ((const struct object_head *)proxy)->interface;
	const char *sig = own->methods[opcode].signature;
	union wl_argument args[MAX_ARGS];
	int n = 0;
	va_list ap;

	memset(args, 0, sizeof(args));
	va_start(ap, flags);
	for (; *sig && n < MAX_ARGS; sig++) {
		switch (*sig) {
		case 'i':
			args[n++].i = va_arg(ap, int32_t);
			break;
		case 'u':
			args[n++].u = va_arg(ap, uint32_t);
			break;
		case 'f':
			args[n++].f = va_arg(ap, wl_fixed_t);
			break;
		case 's':
			args[n++].s = va_arg(ap, const char *);
			break;
		case 'o':
		case 'n':
			args[n++].o = va_arg(ap, struct wl_object *);
			break;
		case 'a':
			args[n++].a = va_arg(ap, struct wl_array *);
			break;
		case 'h':
			args[n++].h = va_arg(ap, int32_t);
			break;
		default: /* '?' and the version digits */
			break;
		}
	}
	va_end(ap);
	if (opcode == OP_SURFACE_COMMIT && strcmp(own->name, "wl_surface") == 0)
		count_commit();
	/* add: (fd, plane_idx, offset, stride, modifier_hi, modifier_lo) */
	if (strcmp(own->name, "zwp_linux_buffer_params_v1") == 0 &&
	    opcode == OP_ADD && getenv("DMABUF_FORCE_LINEAR") &&
	    args[4].u == 0x00ffffffu && args[5].u == 0xffffffffu)
		args[4].u = args[5].u = 0;
	if (strcmp(own->name, "zwp_linux_buffer_params_v1") == 0 &&
	    (opcode == OP_CREATE || opcode == OP_CREATE_IMMED)) {
		/* create: (width, height, format, flags); create_immed: a
		 * new_id first. */
		int at = opcode == OP_CREATE ? 3 : 4;
		const char *only = getenv("DMABUF_REFUSE_FORMAT");
		uint32_t format = args[at - 1].u;

		if (!only && getenv("DMABUF_REFUSE"))
			args[at].u |= FLAGS_INTERLACED;
		else if (only && strlen(only) == 4 &&
			 format == ((uint32_t)only[0] | (uint32_t)only[1] << 8 |
				    (uint32_t)only[2] << 16 |
				    (uint32_t)only[3] << 24))
			args[at].u |= FLAGS_INTERLACED;
	}
	return wl_proxy_marshal_array_flags(proxy, opcode, interface, version,
					    flags, args);
}
