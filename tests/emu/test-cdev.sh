#!/bin/sh
# the 6.12 cdev + iommufd path, and a cdev hand-over with run.
. "$(dirname "$0")/lib.sh"
U=f297db4a-f4c2-11e6-90f6-d3b88d6c952a
"$VV_EMU" add "$VV_EMU_ROOT" mbochs $U --cdev 5 --group 3
"$VV_EMU" mode $U 640x480
emu "$EMU_CLIENT" cdev $U 3 5
"$VV_EMU" run $U --fd 7 -- env LD_PRELOAD="$VV_EMU_PRELOAD" "$EMU_CLIENT" fd 7 /dev/vfio/devices/vfio5
