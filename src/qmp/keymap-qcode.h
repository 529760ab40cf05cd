/* What a Wayland seat's input is called in QMP's input-send-event: evdev
 * keycodes as QEMU qcodes, evdev buttons as QEMU button names. Pure tables;
 * tests/unit/test-keymap-qcode.c checks them. */
#ifndef VV_KEYMAP_QCODE_H
#define VV_KEYMAP_QCODE_H

#include <stdint.h>

/* The qcode of evdev keycode @key ("a", "ctrl_r", "kp_enter"), or NULL when
 * QEMU has none for it (the key cannot reach a guest). */
const char *vv_keymap_qcode(uint32_t key);

/* The QEMU InputButton of evdev button @button (BTN_LEFT: "left",
 * BTN_SIDE: "side", BTN_EXTRA: "extra"), or NULL. */
const char *vv_keymap_button(uint32_t button);

/* The number of evdev keycodes the table covers (its size; codes at or
 * above it have no qcode). */
uint32_t vv_keymap_qcode_count(void);

#endif
