/* The config file (settings.c): the input is the file's text, parsed by
 * vv_config_parse from a FILE (fmemopen, as from a real file), then every
 * binding it left formatted as the overlay shows it. */
#include <stdio.h>

#include "bindings.h"
#include "fuzz.h"
#include "log.h"
#include "settings.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vv_settings settings;
	char name[64];

	/* Each bad line is a warning: formatted, but not printed. */
	vv_log_set_level(VV_LOG_ERROR);
	vv_settings_default(&settings);
	if (size == 0)
		return 0; /* fmemopen wants a buffer */
	uint8_t *text = malloc(size);
	if (!text)
		abort();
	memcpy(text, data, size);
	FILE *f = fmemopen(text, size, "r");
	if (!f)
		abort();
	vv_config_parse(&settings, f, "fuzz.conf");
	fclose(f);
	free(text);
	for (int i = 0; i < VV_COMMAND_COUNT; i++)
		vv_key_format(&settings.bindings.keys[i], name, sizeof(name));
	if (settings.scale >= VV_SCALE_COUNT)
		abort();
	vv_scale_mode_name(settings.scale);
	return 0;
}
