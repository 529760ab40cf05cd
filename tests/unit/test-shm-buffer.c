/* shm-buffer.c's answers without a compositor: the errors that come before
 * any request (a size no pool can have, every buffer busy) reach the caller
 * as -errno, and *out is NULL with them. */
#include <errno.h>
#include <stdlib.h>

#include "shm-buffer.h"
#include "tst.h"
#include "xalloc.h"

#define FOURCC_XR24 0x34325258u /* DRM_FORMAT_XRGB8888 */

static void
create_refuses_sizes_no_pool_has(void)
{
	struct vv_shm_buffer *out = (struct vv_shm_buffer *)&out;

	TST_CHECK(vv_shm_buffer_create(NULL, 0, 1, FOURCC_XR24, &out) ==
		  -EINVAL);
	TST_CHECK(out == NULL);
	out = (struct vv_shm_buffer *)&out;
	TST_CHECK(vv_shm_buffer_create(NULL, 40000, 40000, FOURCC_XR24, &out) ==
		  -EINVAL);
	TST_CHECK(out == NULL);
}

static void
pick_says_busy_or_why_not(void)
{
	struct vv_shm_buffer *pool[2], *out = (struct vv_shm_buffer *)&out;

	/* Both the compositor's: -EBUSY, the caller waits. */
	for (int i = 0; i < 2; i++) {
		pool[i] = vv_xzalloc(sizeof(*pool[i]));
		pool[i]->width = 64;
		pool[i]->height = 64;
		pool[i]->fourcc = FOURCC_XR24;
		pool[i]->busy = true;
	}
	TST_CHECK(vv_shm_buffer_pick(pool, 2, NULL, 64, 64, FOURCC_XR24,
				     &out) == -EBUSY);
	TST_CHECK(out == NULL);
	/* A free slot whose buffer cannot be made: that errno, not -EBUSY. */
	free(pool[1]);
	pool[1] = NULL;
	out = (struct vv_shm_buffer *)&out;
	TST_CHECK(vv_shm_buffer_pick(pool, 2, NULL, 0, 64, FOURCC_XR24, &out) ==
		  -EINVAL);
	TST_CHECK(out == NULL && pool[1] == NULL);
	free(pool[0]);
}

int
main(void)
{
	TST_RUN(create_refuses_sizes_no_pool_has);
	TST_RUN(pick_says_busy_or_why_not);
	return tst_failures != 0;
}
