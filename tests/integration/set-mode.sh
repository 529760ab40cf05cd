#!/bin/bash
# --set-mode WxH on the emulated devices: the EDID written through the
# region's protocol (link down, blob, size, link up) and read back; one
# clear line where there is no EDID region or the mode is too large.
. "$(dirname "$0")/lib.sh"

gvt=5a1e0d4c-6b7f-4e2a-9c1d-3f4b5a6c7d01
mbochs=5a1e0d4c-6b7f-4e2a-9c1d-3f4b5a6c7d02
mdpy=5a1e0d4c-6b7f-4e2a-9c1d-3f4b5a6c7d03
emu add "$VV_EMU_ROOT" gvt $gvt --max 1920x1200 >/dev/null
emu add "$VV_EMU_ROOT" mbochs $mbochs --max 1024x768 >/dev/null
emu add "$VV_EMU_ROOT" mdpy $mdpy >/dev/null

viewer --set-mode 1366x768 $gvt
check_rc "gvt" 0
check_out "gvt: read back" "edid=1366x768 max=1920x1200 link=up"
check_text "gvt: the guest sees it" <(emu edid $gvt) 1366x768
links=$(emu stats $gvt | sed -n 's/^edid_link_ups=//p')
if [ "$links" = 1 ]; then pass; else fail "gvt: $links link-ups, expected 1"; fi

viewer --set-mode 800x600 $mbochs
check_rc "mbochs" 0
check_out "mbochs: read back" "edid=800x600 max=1024x768 link=up"
check_text "mbochs: the guest sees it" <(emu edid $mbochs) 800x600

viewer --set-mode 1280x1024 $mbochs
check_rc "too large" 1
check_err "too large: one line" "vgpu-view: error: 1280x1024 is larger than mdev $mbochs (mbochs-small) allows (1024x768): pick a smaller mode"
check_text "too large: the old mode stays" <(emu edid $mbochs) 800x600

viewer --set-mode 800x600 $mdpy
check_rc "mdpy" 1
check_err "mdpy: no EDID region" "vgpu-view: error: mdev $mdpy (mdpy-vga) has no EDID region: its guest's mode cannot be set from outside (set it inside the guest)"

viewer_plain --set-mode 800x600 demo
check_rc "demo" 1
check_one_line "demo: one line"

viewer_plain --set-mode 800by600 demo
check_rc "bad mode" 2
check_err "bad mode" "vgpu-view: error: --set-mode '800by600': use WIDTHxHEIGHT, e.g. 1280x720"

# Below the floor (640x480, the mode every guest takes): refused as a bad
# command line, the guest's mode untouched.
viewer --set-mode 1x1 $gvt
check_rc "below the floor" 2
check_err "below the floor" "vgpu-view: error: --set-mode 1x1: smaller than 640x480, the smallest mode every guest takes"
check_text "below the floor: the old mode stays" <(emu edid $gvt) 1366x768

# The device refuses the write (the region's pwrite fails): said, not hidden.
emu fail $gvt pwrite EIO
viewer --set-mode 1024x768 $gvt
check_rc "refused write" 1
check_err_has "refused write" "refused the EDID for 1024x768: Input/output error"

finish
