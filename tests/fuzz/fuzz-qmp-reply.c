/* A line from QEMU's QMP socket (or from whatever answers at --qmp PATH)
 * through vv_qmp_reply_parse, in a heap block of exactly its size so a
 * read past the end is a finding. Checks what the client relies on: every
 * text NUL-terminated inside its field, the mouse counts consistent, and
 * the same line parsed twice gives the same answer. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "qmp-reply.h"

static void
check_text(const char *text, size_t size)
{
	if (!memchr(text, '\0', size))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vv_qmp_reply a, b;
	char *line = malloc(size ? size : 1);

	if (!line)
		return 0;
	memcpy(line, data, size);
	int ret = vv_qmp_reply_parse(line, size, &a);
	if (ret == 0) {
		check_text(a.error_class, sizeof(a.error_class));
		check_text(a.error_desc, sizeof(a.error_desc));
		check_text(a.event, sizeof(a.event));
		check_text(a.absolute_name, sizeof(a.absolute_name));
		if (a.mice < -1 || a.absolute_mice < 0 ||
		    (a.mice >= 0 && a.absolute_mice > a.mice) ||
		    (a.mice == -1 && a.absolute_mice) || a.type > VV_QMP_OTHER)
			abort();
		if (vv_qmp_reply_parse(line, size, &b) != 0 ||
		    memcmp(&a, &b, sizeof(a)) != 0)
			abort();
	} else if (ret != -22) { /* -EINVAL */
		abort();
	}
	free(line);
	return 0;
}
